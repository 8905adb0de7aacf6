//! Resolves the request's viewer once, for pages, server functions and REST alike: from a Bearer
//! token or the access cookie, checked against the live session row. A browser whose access token
//! has expired is refreshed silently here (new cookies on the response, no visible error).

use std::net::{IpAddr, SocketAddr};

use app::{
    AppError,
    auth::service,
    server::{AppState, ClientInfo, cookies},
};
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, HeaderName, HeaderValue, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// What the layer needs besides the app state.
#[derive(Clone)]
pub struct SessionLayer {
    pub state: AppState,
    /// Set when a trusted reverse proxy reports the client address (`CLIENT_IP_HEADER`).
    pub client_ip_header: Option<HeaderName>,
}

pub async fn resolve_viewer(
    State(layer): State<SessionLayer>,
    mut request: Request,
    next: Next,
) -> Response {
    if is_static_asset(request.uri().path()) {
        return next.run(request).await;
    }
    let client = client_info(&request, layer.client_ip_header.as_ref());
    request.extensions_mut().insert(client.clone());
    let resolved = match resolve(&layer.state, request.headers(), &client).await {
        Ok(resolved) => resolved,
        Err(error) => return error.into_response(),
    };
    let signed_in = resolved.viewer.is_some();
    if let Some(viewer) = resolved.viewer {
        request.extensions_mut().insert(viewer);
    }
    let mut response = next.run(request).await;
    let access_cookie = cookies::access_name(&layer.state.auth);
    if !sets_cookie(response.headers(), access_cookie) {
        for value in resolved.set_cookies {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    // Everything a signed-in request gets is personal (assets never reach this layer); a handler
    // that marked its answer `private` (an immutable receipt) lets the owner's browser keep it.
    if signed_in && !is_private(response.headers()) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

fn is_private(headers: &HeaderMap) -> bool {
    headers
        .get(header::CACHE_CONTROL)
        .is_some_and(|value| value.as_bytes().starts_with(b"private"))
}

struct Resolved {
    viewer: Option<app::server::Viewer>,
    set_cookies: Vec<HeaderValue>,
}

async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
    client: &ClientInfo,
) -> Result<Resolved, AppError> {
    let settings = &state.auth;
    let bearer = bearer_token(headers);
    let access = bearer.or_else(|| cookies::read(headers, cookies::access_name(settings)));
    if let Some(token) = access {
        match service::authenticate(&state.db, settings, token).await {
            Ok(viewer) => {
                return Ok(Resolved {
                    viewer: Some(viewer),
                    set_cookies: Vec::new(),
                });
            }
            Err(AppError::Internal) => return Err(AppError::Internal),
            Err(_) => {}
        }
    }
    // API clients refresh explicitly; only browsers (cookies, no Bearer) are refreshed here.
    let refresh = cookies::read(headers, cookies::refresh_name(settings));
    match (bearer, refresh) {
        (None, Some(refresh)) => match service::refresh(&state.db, settings, refresh, client).await
        {
            Ok((refreshed, viewer)) => {
                let set_cookies = match &refreshed {
                    service::Refreshed::Rotated(issued) => cookies::session_cookies(
                        settings,
                        &issued.access_token,
                        &issued.refresh_token,
                        issued.session_remaining,
                    )
                    .to_vec(),
                    service::Refreshed::WithinGrace { access_token, .. } => {
                        vec![cookies::access_cookie(settings, access_token)]
                    }
                };
                Ok(Resolved {
                    viewer: Some(viewer),
                    set_cookies,
                })
            }
            Err(AppError::Internal) => Err(AppError::Internal),
            Err(_) => Ok(Resolved {
                viewer: None,
                set_cookies: cookies::cleared_cookies(settings).to_vec(),
            }),
        },
        (None, None) if access.is_some() => Ok(Resolved {
            viewer: None,
            set_cookies: cookies::cleared_cookies(settings).to_vec(),
        }),
        _ => Ok(Resolved {
            viewer: None,
            set_cookies: Vec::new(),
        }),
    }
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

fn client_info(request: &Request, client_ip_header: Option<&HeaderName>) -> ClientInfo {
    let forwarded = client_ip_header
        .and_then(|name| request.headers().get(name))
        .and_then(|value| value.to_str().ok())
        // A proxy appends the address it saw: the last entry is the one it vouches for.
        .and_then(|value| value.rsplit(',').next())
        .and_then(|address| address.trim().parse::<IpAddr>().ok());
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip());
    ClientInfo {
        ip: forwarded.or(peer),
        user_agent: request
            .headers()
            .get(header::USER_AGENT)
            .and_then(|value| value.to_str().ok())
            .map(str::to_string),
    }
}

/// Compiled assets and public files need no session; resolving one there would rotate refresh
/// tokens once per file.
fn is_static_asset(path: &str) -> bool {
    path.starts_with("/pkg/")
        || (!path.starts_with("/api/")
            && path
                .rsplit('/')
                .next()
                .is_some_and(|name| name.contains('.')))
}

fn sets_cookie(headers: &HeaderMap, name: &str) -> bool {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|value| value.starts_with(name) && value[name.len()..].starts_with('='))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_skip_the_session_and_pages_do_not() {
        assert!(is_static_asset("/pkg/spendwise.wasm"));
        assert!(is_static_asset("/favicon.svg"));
        assert!(!is_static_asset("/"));
        assert!(!is_static_asset("/expenses"));
        assert!(!is_static_asset("/api/v1/openapi.json"));
    }

    #[test]
    fn bearer_tokens_are_read_case_insensitively() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("bearer abc"),
        );
        assert_eq!(bearer_token(&headers), Some("abc"));
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer_token(&headers), None);
    }
}
