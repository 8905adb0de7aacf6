//! Cross-site request forgery defence for every state-changing request, server functions included
//! (Leptos does no CSRF checks of its own): the browser's `Sec-Fetch-Site` and `Origin` headers
//! must say the request comes from our own pages. API clients send neither and pass.

use app::AppError;
use axum::{
    extract::Request,
    http::{HeaderMap, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    let authority = request
        .uri()
        .authority()
        .map(|authority| authority.as_str());
    if is_safe(request.method()) || comes_from_our_pages(request.headers(), authority) {
        return next.run(request).await;
    }
    tracing::warn!(method = %request.method(), path = request.uri().path(), "cross-site request refused");
    AppError::forbidden("This request came from another site and was refused.").into_response()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn comes_from_our_pages(headers: &HeaderMap, authority: Option<&str>) -> bool {
    let fetch_site = headers
        .get("sec-fetch-site")
        .and_then(|value| value.to_str().ok());
    if matches!(fetch_site, Some("cross-site" | "same-site")) {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Some(origin_host) = origin
        .to_str()
        .ok()
        .and_then(|origin| origin.split_once("://"))
        .map(|(_, authority)| authority)
    else {
        return false;
    };
    // The host the browser addressed: `Host` (HTTP/1.1), the URI authority (HTTP/2), or what a
    // reverse proxy that rewrites `Host` forwards. A cross-site page cannot set any of these.
    let header_value = |name| {
        headers
            .get(name)
            .and_then(|value: &http::HeaderValue| value.to_str().ok())
    };
    [
        header_value(header::HOST.as_str()),
        authority,
        header_value("x-forwarded-host"),
    ]
    .into_iter()
    .flatten()
    .any(|host| host == origin_host)
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    fn comes_from_our_pages_at(headers: &HeaderMap) -> bool {
        comes_from_our_pages(headers, None)
    }

    #[test]
    fn a_proxy_that_rewrites_the_host_is_recognised() {
        assert!(comes_from_our_pages_at(&headers(&[
            ("origin", "https://money.example"),
            ("host", "127.0.0.1:3000"),
            ("x-forwarded-host", "money.example")
        ])));
    }

    #[test]
    fn our_own_pages_and_api_clients_pass() {
        assert!(comes_from_our_pages_at(&headers(&[])));
        assert!(comes_from_our_pages_at(&headers(&[
            ("sec-fetch-site", "same-origin"),
            ("origin", "http://app.example:3000"),
            ("host", "app.example:3000")
        ])));
        assert!(comes_from_our_pages_at(&headers(&[(
            "sec-fetch-site",
            "none"
        )])));
    }

    #[test]
    fn other_sites_are_refused() {
        assert!(!comes_from_our_pages_at(&headers(&[(
            "sec-fetch-site",
            "cross-site"
        )])));
        assert!(!comes_from_our_pages_at(&headers(&[(
            "sec-fetch-site",
            "same-site"
        )])));
        assert!(!comes_from_our_pages_at(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "app.example")
        ])));
        assert!(!comes_from_our_pages_at(&headers(&[
            ("origin", "null"),
            ("host", "app.example")
        ])));
    }
}
