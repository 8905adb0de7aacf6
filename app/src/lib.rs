//! The SpendWise Leptos application, compiled natively with `ssr` (server rendering, server
//! functions, domain services) and to wasm with `hydrate` (the interactive page).
#![recursion_limit = "256"]

pub mod error;
mod pages;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos_meta::{Stylesheet, Title, provide_meta_context};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

pub use error::AppError;
#[cfg(feature = "ssr")]
pub use ui::shell::shell;

/// The root component: the router and the page layout shared by every route.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    ui::theme::provide_theme();
    ui::hydration::mark_when_hydrated();

    view! {
        <Stylesheet id="leptos" href="/pkg/spendwise.css"/>
        <Title formatter=|page: String| if page.is_empty() { "SpendWise".to_string() } else { format!("{page} · SpendWise") }/>
        <Router>
            <ui::layout::Layout>
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::Dashboard/>
                    <Route path=path!("/expenses") view=pages::Expenses/>
                    <Route path=path!("/budgets") view=pages::Budgets/>
                    <Route path=path!("/assistant") view=pages::Assistant/>
                    <Route path=path!("/admin") view=pages::Admin/>
                </Routes>
            </ui::layout::Layout>
        </Router>
    }
}
