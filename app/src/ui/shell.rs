//! The HTML document around the app, rendered on the server only.

use leptos::{nonce::Nonce, prelude::*};
use leptos_meta::MetaTags;

use super::theme::Theme;
use crate::App;

/// The `<html>` carries the theme of the signed-in user (or the visitor's cookie), so the first
/// paint already has the right colours. Every page gets a fresh CSP nonce: only our own scripts,
/// carrying it, run.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let theme = Theme::from_request();
    let nonce = Nonce::new();
    set_content_security_policy(&nonce, &options);
    provide_context(nonce);
    view! {
        <!DOCTYPE html>
        <html lang="en" data-theme=theme.as_str()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

fn set_content_security_policy(nonce: &Nonce, options: &LeptosOptions) {
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    // `cargo leptos watch` reloads the page over a websocket on its own port.
    let live_reload = if options.env == Env::DEV { " ws:" } else { "" };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; \
         connect-src 'self'{live_reload}; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
