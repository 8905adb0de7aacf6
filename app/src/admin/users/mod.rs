//! The users page of the admin area: search, the table with each user's actions, paging, and
//! the dialog that confirms a deletion.

mod delete;
mod page;
mod query;
mod row;

pub use page::UsersPage;
