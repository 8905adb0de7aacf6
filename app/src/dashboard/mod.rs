//! `/`: the dashboard. Headline cards from the analytics overview, a range picker kept in the
//! URL (presets or custom dates), and charts drawn in the browser by ECharts (through
//! `charming`), each with its numbers in a table that the server renders too, so the page says
//! everything without JavaScript. Everything loads again, in place, when the user's data changes.

mod cards;
pub(crate) mod charts;
#[cfg(feature = "hydrate")]
pub(crate) mod draw;
#[cfg(feature = "hydrate")]
mod options;
mod page;
mod picker;
mod range;
pub(crate) mod tables;

pub use page::DashboardPage;
