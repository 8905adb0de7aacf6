//! Addresses of the admin pages' views. Encoded by hand rather than with the router's
//! `Url::escape`, which escapes differently on the server and in the browser: the links of the
//! server's HTML and of the hydrated page must be the same.

use crate::expenses::query::encode;

/// `path?key=value&…` (only `path` when there are no pairs), values percent-encoded.
pub fn href_with(path: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return path.to_string();
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(key, value)| format!("{key}={}", encode(value)))
        .collect();
    format!("{path}?{}", query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_encoded_and_empty_queries_left_out() {
        assert_eq!(href_with("/admin/users", &[]), "/admin/users");
        assert_eq!(
            href_with(
                "/admin/activity",
                &[("kind", "admin.".into()), ("user_id", "7".into())]
            ),
            "/admin/activity?kind=admin.&user_id=7"
        );
        assert_eq!(
            href_with("/admin/users", &[("q", "ann & co@x".into())]),
            "/admin/users?q=ann%20%26%20co%40x"
        );
    }
}
