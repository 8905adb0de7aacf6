//! The activity log page of the admin area.

mod page;
mod query;

pub use page::ActivityLogPage;
