//! `/admin`: where the administrator's tools are. Database and query analytics are listed already,
//! greyed out, so the page's shape does not change when they arrive.

use leptos::prelude::*;
use leptos_meta::Title;

use super::nav::AdminHeader;
use crate::ui::icons::Icon;

#[component]
pub fn AdminOverviewPage() -> impl IntoView {
    view! {
        <Title text="Admin"/>
        <div class="mx-auto w-full max-w-4xl space-y-6">
            <AdminHeader title="Overview"/>
            <ul class="grid gap-4 sm:grid-cols-2" aria-label="Admin tools">
                <ToolCard
                    href="/admin/users"
                    icon="user"
                    title="Users"
                    description="Find accounts, change roles, disable or delete them, end their sessions."
                />
                <ToolCard
                    href="/admin/activity"
                    icon="file-text"
                    title="Activity"
                    description="Everything recorded, newest first: sign-ins, changes to data, admin actions."
                />
                <ComingTool title="Database" description="Look at tables and run read-only queries."/>
                <ComingTool title="Query analytics" description="Which questions the assistant was asked, and how long they took."/>
            </ul>
        </div>
    }
}

#[component]
fn ToolCard(
    href: &'static str,
    icon: &'static str,
    title: &'static str,
    description: &'static str,
) -> impl IntoView {
    view! {
        <li>
            <a href=href class="card flex h-full gap-4 p-5 transition hover:bg-accent-soft" data-testid=format!("admin-tool-{}", title.to_lowercase())>
                <Icon name=icon class="h-6 w-6 shrink-0 text-accent"/>
                <span>
                    <span class="block text-lg font-semibold">{title}</span>
                    <span class="mt-1 block text-sm text-muted">{description}</span>
                </span>
            </a>
        </li>
    }
}

/// A tool that is not built yet: not a link, and said so in words, not only in grey.
#[component]
fn ComingTool(title: &'static str, description: &'static str) -> impl IntoView {
    view! {
        <li class="card flex h-full flex-col gap-1 p-5 opacity-60" aria-disabled="true">
            <span class="text-lg font-semibold">{title}</span>
            <span class="text-sm text-muted">{description}</span>
            <span class="badge mt-2 self-start">"Coming soon"</span>
        </li>
    }
}
