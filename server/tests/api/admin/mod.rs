//! Administration over REST and server functions. The first account registered is the
//! administrator, so `app.user()` called first in a test gives the admin.

mod activity;
mod analytics;
mod console;
mod history;
mod users;
mod write_mode;
