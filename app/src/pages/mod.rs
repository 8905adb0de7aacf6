//! The 404 page.

use leptos::prelude::*;
use leptos_meta::Title;

/// Rendered for any path no route matches; the server answers it with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found"/>
        <section class="mx-auto max-w-xl py-16 text-center">
            <p class="text-sm font-semibold text-accent">"404"</p>
            <h1 class="mt-2 text-3xl font-bold tracking-tight">"Page not found"</h1>
            <p class="mt-4 text-muted">"There is nothing at this address. It may have moved, or the link may be mistyped."</p>
            <a href="/" class="btn-primary mt-8 inline-flex">"Back to the dashboard"</a>
        </section>
    }
}
