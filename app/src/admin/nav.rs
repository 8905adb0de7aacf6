//! The heading and sub-navigation every admin page shares, so an administrator can move between
//! users, the activity log and the database without going back to the overview.

use leptos::prelude::*;
use leptos_router::components::A;

/// "Admin › Users" with the admin sections as tabs; the current one is marked for screen readers
/// (`aria-current`, set by the router's link).
#[component]
pub fn AdminHeader(
    title: &'static str,
    /// Page actions shown beside the heading.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="flex flex-wrap items-center justify-between gap-3">
            <div>
                <p class="text-sm font-semibold text-accent">"Admin"</p>
                <h1 class="text-2xl font-bold tracking-tight">{title}</h1>
            </div>
            {children.map(|children| children())}
        </div>
        <nav aria-label="Admin" class="-mx-1 flex gap-1 overflow-x-auto border-b border-line pb-2" data-testid="admin-nav">
            <A href="/admin" exact=true attr:class="nav-link">"Overview"</A>
            <A href="/admin/users" attr:class="nav-link">"Users"</A>
            <A href="/admin/activity" attr:class="nav-link">"Activity"</A>
            <A href="/admin/database" attr:class="nav-link">"Database"</A>
            <A href="/admin/analytics" attr:class="nav-link">"Analytics"</A>
            <A href="/admin/emails" attr:class="nav-link">"Emails"</A>
        </nav>
    }
}
