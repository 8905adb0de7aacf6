//! `/admin`: where the administrator's tools are.

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
                <ToolCard
                    href="/admin/database"
                    icon="archive"
                    title="Database"
                    description="Look at tables and run read-only queries, with their plans."
                />
                <ToolCard
                    href="/admin/analytics"
                    icon="zap"
                    title="Analytics"
                    description="The queries run most, how fast and how reliably; what the assistant could not answer; usage."
                />
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
