//! Reading the session cookies a response sets, and sending them back by hand.

use reqwest::{Response, cookie::Cookie};

pub const ACCESS_COOKIE: &str = "__Host-spendwise-access";
pub const REFRESH_COOKIE: &str = "__Host-spendwise-refresh";

/// The cookie `name` as the response sets it; fails the test when it is not set.
pub fn set_cookie<'a>(response: &'a Response, name: &str) -> Cookie<'a> {
    response
        .cookies()
        .find(|cookie| cookie.name() == name)
        .unwrap_or_else(|| panic!("no Set-Cookie for {name}: {:?}", response.headers()))
}

/// Whether the response sets the cookie `name` at all.
pub fn sets_cookie(response: &Response, name: &str) -> bool {
    response.cookies().any(|cookie| cookie.name() == name)
}
