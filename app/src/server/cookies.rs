//! The session cookies: `__Host-` prefixed, Secure, HttpOnly, Path=/, SameSite explicit
//! (Lax for the access token, Strict for the refresh token).

use std::time::Duration;

use cookie::{Cookie, SameSite};
use http::{HeaderMap, HeaderValue, header};

use super::settings::AuthSettings;
use crate::ui::theme::Theme;

/// The cookie names; without `Secure` the `__Host-` prefix is not allowed by browsers.
pub fn access_name(settings: &AuthSettings) -> &'static str {
    if settings.cookie_secure {
        "__Host-spendwise-access"
    } else {
        "spendwise-access"
    }
}

pub fn refresh_name(settings: &AuthSettings) -> &'static str {
    if settings.cookie_secure {
        "__Host-spendwise-refresh"
    } else {
        "spendwise-refresh"
    }
}

fn build(
    settings: &AuthSettings,
    name: &'static str,
    value: String,
    same_site: SameSite,
    max_age: Duration,
) -> HeaderValue {
    let cookie = Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .secure(settings.cookie_secure)
        .same_site(same_site)
        .max_age(cookie::time::Duration::seconds(max_age.as_secs() as i64))
        .build();
    HeaderValue::from_str(&cookie.to_string()).expect("token cookies are ASCII")
}

/// The two `Set-Cookie` values that hand a browser a fresh session.
pub fn session_cookies(
    settings: &AuthSettings,
    access_token: &str,
    refresh_token: &str,
    session_remaining: Duration,
) -> [HeaderValue; 2] {
    [
        build(
            settings,
            access_name(settings),
            access_token.into(),
            SameSite::Lax,
            settings.access_ttl,
        ),
        build(
            settings,
            refresh_name(settings),
            refresh_token.into(),
            SameSite::Strict,
            session_remaining,
        ),
    ]
}

/// The access cookie alone (a grace-window refresh keeps the browser's newer refresh cookie).
pub fn access_cookie(settings: &AuthSettings, access_token: &str) -> HeaderValue {
    build(
        settings,
        access_name(settings),
        access_token.into(),
        SameSite::Lax,
        settings.access_ttl,
    )
}

/// Values that make the browser forget both session cookies.
pub fn cleared_cookies(settings: &AuthSettings) -> [HeaderValue; 2] {
    [
        build(
            settings,
            access_name(settings),
            String::new(),
            SameSite::Lax,
            Duration::ZERO,
        ),
        build(
            settings,
            refresh_name(settings),
            String::new(),
            SameSite::Strict,
            Duration::ZERO,
        ),
    ]
}

/// The theme cookie is readable by the page (not HttpOnly): it only picks colours, and it lets the
/// login page of a returning browser render in the user's theme.
pub fn theme_cookie(theme: Theme) -> HeaderValue {
    let cookie = Cookie::build((Theme::COOKIE, theme.as_str()))
        .path("/")
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::days(365))
        .build();
    HeaderValue::from_str(&cookie.to_string()).expect("theme names are ASCII")
}

/// The value of the named cookie in the request, if any.
pub fn read<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, value)| *key == name && !value.is_empty())
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_cookies_carry_every_required_attribute() {
        let settings = AuthSettings::new(vec![0; 32]);
        let [access, refresh] = session_cookies(&settings, "a", "r", Duration::from_secs(60));
        let access = access.to_str().expect("ascii");
        let refresh = refresh.to_str().expect("ascii");
        for cookie in [access, refresh] {
            for attribute in ["HttpOnly", "Secure", "Path=/"] {
                assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
            }
            assert!(cookie.starts_with("__Host-"), "{cookie}");
            assert!(!cookie.contains("Domain"), "{cookie}");
        }
        assert!(access.contains("SameSite=Lax"));
        assert!(refresh.contains("SameSite=Strict"));
    }

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; __Host-spendwise-access=tok; b=2"),
        );
        assert_eq!(read(&headers, "__Host-spendwise-access"), Some("tok"));
        assert_eq!(read(&headers, "b"), Some("2"));
        assert_eq!(read(&headers, "missing"), None);
    }
}
