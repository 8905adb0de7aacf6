//! `/admin/activity`: the activity log, newest first, filtered by kind prefix and user. The
//! filter lives in the URL, so the form works as a plain GET form and "Older" is a link; once
//! hydrated both navigate in the page.

use leptos::{ev::SubmitEvent, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::query::ActivityQuery;
use crate::{
    AppError,
    admin::{
        ActivityEntry, ActivityPage, addresses::href_with, api::list_activity, nav::AdminHeader,
        timestamps::Timestamp,
    },
    ui::forms::Submitted,
};

/// Kind prefixes the form suggests: the areas that record activity.
const KIND_PREFIXES: &[&str] = &[
    "admin.",
    "user.",
    "session.",
    "expense.",
    "category.",
    "budget.",
    "receipt.",
];

#[component]
pub fn ActivityLogPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(ActivityQuery::from_params));
    let activity = Resource::new(
        move || query.get(),
        |query| async move { list_activity(query?.filter()).await },
    );
    view! {
        <Title text="Activity · Admin"/>
        <div class="mx-auto w-full max-w-6xl space-y-6">
            <AdminHeader title="Activity"/>
            {move || view! { <FilterForm query=query.get().unwrap_or_default()/> }}
            <Transition fallback=|| view! { <p class="text-muted">"Loading activity…"</p> }>
                {move || Suspend::new(async move {
                    let page = activity.await;
                    let query = query.get_untracked().unwrap_or_default();
                    view! { <ActivityList page query/> }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn FilterForm(query: ActivityQuery) -> impl IntoView {
    let navigate = use_navigate();
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let form = Submitted::from_event(&event);
        // Sent as typed, like the browser's own GET: the page says what is wrong with a bad id.
        let pairs: Vec<(&str, String)> = ["kind", "user_id"]
            .into_iter()
            .map(|name| (name, form.get(name).trim().to_string()))
            .filter(|(_, value)| !value.is_empty())
            .collect();
        let href = href_with("/admin/activity", &pairs);
        navigate(&href, Default::default());
    };
    let suggestions = KIND_PREFIXES
        .iter()
        .map(|prefix| view! { <option value=*prefix></option> })
        .collect_view();
    let clear = query.is_filtered().then(
        || view! { <a href="/admin/activity" class="text-link text-sm">"Show everything"</a> },
    );
    view! {
        <form method="get" action="/admin/activity" role="search" aria-label="Activity" class="card flex flex-wrap items-end gap-3 p-4" on:submit=submit>
            <div class="field min-w-0 flex-1 basis-48">
                <label for="activity-kind" class="field-label">"Kind, or how it starts"</label>
                <input
                    id="activity-kind"
                    name="kind"
                    list="activity-kinds"
                    value=query.kind.clone().unwrap_or_default()
                    placeholder="admin. or expense.created"
                    autocomplete="off"
                    autocapitalize="none"
                    spellcheck="false"
                    class="field-input font-mono"
                    data-testid="activity-kind"
                />
                <datalist id="activity-kinds">{suggestions}</datalist>
            </div>
            <div class="field w-32">
                <label for="activity-user" class="field-label">"User id"</label>
                <input
                    id="activity-user"
                    name="user_id"
                    type="number"
                    min="1"
                    inputmode="numeric"
                    value=query.user_id.map(|id| id.to_string()).unwrap_or_default()
                    class="field-input"
                    data-testid="activity-user"
                />
            </div>
            <div class="flex flex-wrap items-center gap-3">
                <button type="submit" class="btn-primary inline-flex" data-testid="activity-filter">"Filter"</button>
                {clear}
            </div>
        </form>
    }
}

#[component]
fn ActivityList(page: Result<ActivityPage, AppError>, query: ActivityQuery) -> impl IntoView {
    let page = match page {
        Ok(page) => page,
        Err(error) => {
            return view! {
                <section role="alert" class="form-alert space-y-2" data-testid="activity-error">
                    <p>{error.to_string()}</p>
                    <a href="/admin/activity" class="text-link">"Show everything"</a>
                </section>
            }
            .into_any();
        }
    };
    let newest = query.before.is_some().then(|| query.newest().href());
    let older = page
        .next_before
        .map(|before| query.older_than(before).href());
    let body = if page.entries.is_empty() {
        let message = if query.is_filtered() {
            "Nothing recorded matches this filter."
        } else {
            "Nothing recorded yet."
        };
        view! { <p class="card p-8 text-center text-muted" data-testid="activity-empty">{message}</p> }.into_any()
    } else {
        let rows = page
            .entries
            .into_iter()
            .map(|entry| view! { <ActivityRow entry/> })
            .collect_view();
        view! {
            <div class="card table-card">
                <table class="expense-table">
                    <caption class="sr-only">"Activity, newest first"</caption>
                    // On a phone each cell is labelled instead: the headings are for screen readers only.
                    <thead class="sr-only sm:not-sr-only">
                        <tr>
                            <th scope="col">"Time"</th>
                            <th scope="col">"User"</th>
                            <th scope="col">"Kind"</th>
                            <th scope="col">"Summary"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        {body}
        {(newest.is_some() || older.is_some()).then(|| view! {
            <nav aria-label="Pages" class="flex flex-wrap items-center justify-between gap-3">
                {newest.map(|href| view! { <a href=href class="btn-secondary" rel="first" data-testid="activity-newest">"Newest"</a> })}
                {older.map(|href| view! { <a href=href class="btn-secondary ml-auto" rel="next" data-testid="activity-older">"Older"</a> })}
            </nav>
        })}
    }
    .into_any()
}

/// Who acted: their email (a link to their activity), "system", or a user deleted since.
fn actor(entry: &ActivityEntry) -> AnyView {
    match (entry.user_id, entry.user_email.clone()) {
        (None, _) => view! {
            <span class="text-muted" title="The system, or a user deleted since">"system"</span>
        }
        .into_any(),
        (Some(id), Some(email)) => {
            let href = ActivityQuery {
                user_id: Some(id),
                ..Default::default()
            }
            .href();
            view! { <a href=href class="text-link break-all">{email}</a> }.into_any()
        }
        (Some(id), None) => {
            view! { <span class="text-muted">{format!("deleted user #{id}")}</span> }.into_any()
        }
    }
}

#[component]
fn ActivityRow(entry: ActivityEntry) -> impl IntoView {
    view! {
        <tr data-testid="activity-row" data-kind=entry.kind.clone() data-id=entry.id>
            <td data-label="Time"><Timestamp at=entry.created_at with_time=true/></td>
            <td data-label="User" data-testid="activity-user-email">{actor(&entry)}</td>
            <td data-label="Kind" class="whitespace-nowrap font-mono text-xs" data-testid="activity-kind-cell">{entry.kind.clone()}</td>
            <td data-label="Summary" class="font-mono text-xs break-all" data-testid="activity-summary">{entry.summary.clone()}</td>
        </tr>
    }
}
