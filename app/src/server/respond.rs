//! What server functions add to their HTTP response besides the body: cookies and, for forms
//! posted without JavaScript, a redirect.

use http::{HeaderValue, header};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub fn append_cookies(values: impl IntoIterator<Item = HeaderValue>) {
    if let Some(response) = use_context::<ResponseOptions>() {
        for value in values {
            response.append_header(header::SET_COOKIE, value);
        }
    }
}

/// A form posted with JavaScript off (the browser asks for HTML, not the server function's JSON).
pub fn is_plain_form_post() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
}

/// A form posted with JavaScript off lands on `path`; hydrated forms navigate themselves.
pub fn redirect_plain_form_post(path: &str) {
    if is_plain_form_post() {
        leptos_axum::redirect(path);
    }
}

/// Only same-site paths are followed after signing in, so a crafted link cannot send a user away.
pub fn safe_next_path(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_string()
        }
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next_path(Some("/expenses?page=2")), "/expenses?page=2");
        for unsafe_path in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "expenses",
        ] {
            assert_eq!(safe_next_path(Some(unsafe_path)), "/", "{unsafe_path}");
        }
        assert_eq!(safe_next_path(None), "/");
    }
}
