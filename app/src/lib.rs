//! The SpendWise Leptos application, compiled natively with `ssr` (server rendering, server
//! functions, domain services) and to wasm with `hydrate` (the interactive page).
#![recursion_limit = "256"]

pub mod admin;
pub mod analytics;
pub mod assistant;
pub mod auth;
pub mod budgets;
pub mod categories;
mod dashboard;
#[cfg(feature = "ssr")]
pub mod email;
pub mod error;
#[cfg(feature = "ssr")]
pub mod events;
pub mod expenses;
pub mod live;
pub mod money;
pub mod notifications;
mod pages;
pub mod receipts;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos_meta::{Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

pub use error::AppError;
use ui::session::{RequireAdmin, RequireUser};
#[cfg(feature = "ssr")]
pub use ui::shell::shell;

/// The root component: the router and the page layout shared by every route.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    ui::theme::provide_theme();
    ui::session::provide_current_user();
    live::client::provide_data_changes();
    ui::hydration::mark_when_hydrated();

    view! {
        <Stylesheet id="leptos" href="/pkg/spendwise.css"/>
        <Title formatter=|page: String| if page.is_empty() { "SpendWise".to_string() } else { format!("{page} · SpendWise") }/>
        <Router>
            <ui::layout::Layout>
                <Routes fallback=pages::NotFound>
                    // In order: the cards and the charts' tables are in the HTML even without JavaScript.
                    <Route path=path!("/") view=|| view! { <RequireUser><dashboard::DashboardPage/></RequireUser> } ssr=SsrMode::InOrder/>
                    <Route path=path!("/expenses") view=|| view! { <RequireUser><expenses::ExpensesPage/></RequireUser> } ssr=SsrMode::Async/>
                    // Before `/expenses/:id`, which would take "import" for an id.
                    <Route path=path!("/expenses/import") view=|| view! { <RequireUser><expenses::transfer::ImportPage/></RequireUser> } ssr=SsrMode::Async/>
                    <Route path=path!("/expenses/:id") view=|| view! { <RequireUser><expenses::EditExpensePage/></RequireUser> } ssr=SsrMode::Async/>
                    <Route path=path!("/categories") view=|| view! { <RequireUser><categories::CategoriesPage/></RequireUser> } ssr=SsrMode::Async/>
                    <Route path=path!("/budgets") view=|| view! { <RequireUser><budgets::BudgetsPage/></RequireUser> } ssr=SsrMode::Async/>
                    <Route path=path!("/assistant") view=|| view! { <RequireUser><assistant::AssistantPage/></RequireUser> } ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=|| view! { <RequireAdmin><admin::overview::AdminOverviewPage/></RequireAdmin> }/>
                    <Route path=path!("/admin/users") view=|| view! { <RequireAdmin><admin::users::UsersPage/></RequireAdmin> } ssr=SsrMode::Async/>
                    <Route path=path!("/admin/activity") view=|| view! { <RequireAdmin><admin::activity::ActivityLogPage/></RequireAdmin> } ssr=SsrMode::Async/>
                    <Route path=path!("/admin/database") view=|| view! { <RequireAdmin><admin::database::DatabasePage/></RequireAdmin> } ssr=SsrMode::Async/>
                    <Route path=path!("/admin/analytics") view=|| view! { <RequireAdmin><admin::analytics::AnalyticsPage/></RequireAdmin> } ssr=SsrMode::Async/>
                    <Route path=path!("/admin/emails") view=|| view! { <RequireAdmin><admin::emails::EmailsPage/></RequireAdmin> } ssr=SsrMode::Async/>
                    <Route path=path!("/profile") view=|| view! { <RequireUser><auth::ProfilePage/></RequireUser> }/>
                    <Route path=path!("/login") view=auth::LoginPage/>
                    <Route path=path!("/register") view=auth::RegisterPage/>
                </Routes>
            </ui::layout::Layout>
        </Router>
    }
}
