//! Accounts, sessions and tokens (issue 3), one module per topic.

mod admin;
mod concurrency;
mod cookies;
mod csrf;
mod input;
mod jwt;
mod login;
mod openapi;
mod password;
mod profile;
mod refresh;
mod register;
mod security_headers;
mod server_functions;
mod sessions;
mod throttle;
