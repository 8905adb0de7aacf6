//! Categories (issue 4): the defaults, the user's own changes, deleting with a move, and who may
//! touch them. The shared steps live with the expenses tests.

mod access;
mod changes;
mod delete;
