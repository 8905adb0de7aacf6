//! The HTML document around the app, rendered on the server only.

use leptos::prelude::*;
use leptos_meta::MetaTags;

use super::theme::Theme;
use crate::App;

/// The `<html>` carries the theme from the request's cookie, so the first paint already has the
/// right colours (no flash of the wrong theme before the wasm loads).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let theme = Theme::from_request();
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
