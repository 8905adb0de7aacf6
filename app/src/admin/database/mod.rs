//! The database console page of the admin area: the schema, the SQL editor (read-only unless
//! write mode is allowed and unlocked), the result grid with CSV export, query plans with
//! advice, and the administrator's past queries.

mod browser;
mod csv;
mod editor;
mod grid;
mod highlight;
mod history;
mod page;
mod plan;
mod schema;
mod write_mode;

pub use page::DatabasePage;
