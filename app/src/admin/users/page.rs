//! `/admin/users`: every account with what an administrator needs to look after it. The search
//! and the page live in the URL (`?q=ann&page=2`), so the search form works as a plain GET form
//! and reload, back and shared links restore the list; once hydrated they navigate in the page.

use leptos::{ev::SubmitEvent, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{
    delete::DeleteUserDialog,
    query::{UsersQuery, page_count},
    row::UserRow,
};
use crate::{
    AppError,
    admin::{
        AdminUserPage,
        api::{RevokeUserSessions, UpdateUser, list_users},
        nav::AdminHeader,
    },
    ui::{
        forms::{FormAlert, Submitted},
        icons::Icon,
        toast::{ToastRegion, Toasts},
    },
};

const SEARCH_ID: &str = "admin-user-search";

#[component]
pub fn UsersPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(UsersQuery::from_params));
    // Not the open dialog: opening one must not load the list again.
    let listed = Memo::new(move |_| query.with(|query| (query.search.clone(), query.page)));
    let search = Memo::new(move |_| query.with(|query| query.search.clone()));
    // Bumped after every change, so the list shows it.
    let refresh = RwSignal::new(0_u32);
    let users = Resource::new(
        move || (listed.get(), refresh.get()),
        |((search, page), _)| list_users(search, Some(page)),
    );
    let reload = Callback::new(move |()| refresh.update(|version| *version += 1));
    let toasts = Toasts::new();
    // Never dispatched: they only pick up the error of a row's form posted without JavaScript.
    let posted_update = ServerAction::<UpdateUser>::new();
    let posted_revoke = ServerAction::<RevokeUserSessions>::new();
    let posted_error = Signal::derive(move || {
        let update = posted_update.value().get().and_then(Result::err);
        update
            .or_else(|| posted_revoke.value().get().and_then(Result::err))
            .map(|error| error.to_string())
    });
    view! {
        <Title text="Users · Admin"/>
        <div class="mx-auto w-full max-w-6xl space-y-6">
            <AdminHeader title="Users"/>
            {move || view! { <SearchForm search=search.get()/> }}
            <FormAlert message=posted_error/>
            <Transition fallback=|| view! { <p class="text-muted">"Loading users…"</p> }>
                {move || Suspend::new(async move {
                    let page = users.await;
                    let query = query.get();
                    view! { <UserList page query reload toasts/> }
                })}
            </Transition>
            <ToastRegion toasts/>
        </div>
    }
}

/// A GET form: without JavaScript the browser loads `/admin/users?q=…` itself.
#[component]
fn SearchForm(search: Option<String>) -> impl IntoView {
    let navigate = use_navigate();
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let text = Submitted::from_event(&event).get("q").trim().to_string();
        let query = UsersQuery {
            search: (!text.is_empty()).then_some(text),
            ..UsersQuery::default()
        };
        navigate(&query.on_page(1).href(), Default::default());
    };
    let clear = search
        .is_some()
        .then(|| view! { <a href="/admin/users" class="text-link text-sm">"Show everyone"</a> });
    view! {
        <form method="get" action="/admin/users" role="search" aria-label="Users" class="card flex flex-wrap items-end gap-3 p-4" on:submit=submit>
            <div class="field min-w-0 flex-1 basis-64">
                <label for=SEARCH_ID class="field-label">"Search by email or name"</label>
                <input
                    id=SEARCH_ID
                    type="search"
                    name="q"
                    value=search.unwrap_or_default()
                    autocomplete="off"
                    class="field-input"
                    data-testid="admin-user-search"
                />
            </div>
            <button type="submit" class="btn-primary inline-flex gap-2" data-testid="admin-user-search-submit">
                <Icon name="search" class="h-4 w-4"/>
                "Search"
            </button>
            {clear}
        </form>
    }
}

fn count_label(total: u64, search: Option<&str>) -> String {
    let users = if total == 1 {
        "1 user".to_string()
    } else {
        format!("{total} users")
    };
    match search {
        Some(search) if total == 1 => format!("{users} matches “{search}”"),
        Some(search) => format!("{users} match “{search}”"),
        None => users,
    }
}

#[component]
fn UserList(
    page: Result<AdminUserPage, AppError>,
    query: UsersQuery,
    reload: Callback<()>,
    toasts: Toasts,
) -> impl IntoView {
    let page = match page {
        Ok(page) => page,
        Err(error) => {
            return view! {
                <section role="alert" class="form-alert space-y-2" data-testid="admin-users-error">
                    <p>{error.to_string()}</p>
                    <a href="/admin/users" class="text-link">"Show everyone"</a>
                </section>
            }
            .into_any();
        }
    };
    let dialog = query.deleting.and_then(|id| {
        let user = page.users.iter().find(|user| user.id == id)?.clone();
        let back = query.with_deleting(None).href();
        Some(view! { <DeleteUserDialog user back reload toasts/> })
    });
    let count = count_label(page.total, query.search.as_deref());
    let body = if page.users.is_empty() {
        view! {
            <section class="card p-8 text-center" data-testid="admin-users-empty">
                <h2 class="text-lg font-semibold">"No users found"</h2>
                <p class="mt-2 text-muted">"Try part of an email address or a name."</p>
            </section>
        }
        .into_any()
    } else {
        let rows = page
            .users
            .into_iter()
            .map(|user| {
                let delete_href = query.with_deleting(Some(user.id)).href();
                view! { <UserRow user delete_href reload toasts/> }
            })
            .collect_view();
        view! {
            <div class="card table-card">
                <table class="expense-table">
                    <caption class="sr-only">"Users"</caption>
                    // On a phone each cell is labelled instead: the headings are for screen readers only.
                    <thead class="sr-only sm:not-sr-only">
                        <tr>
                            <th scope="col">"User"</th>
                            <th scope="col">"Role"</th>
                            <th scope="col">"Created"</th>
                            <th scope="col">"Last active"</th>
                            <th scope="col" class="text-right">"Expenses"</th>
                            <th scope="col" class="text-right">"Sessions"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col" class="hidden-phone"><span class="sr-only">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let pages = page_count(page.total, page.per_page);
    view! {
        <p class="text-lg font-semibold" aria-live="polite" data-testid="admin-user-count">{count}</p>
        {body}
        <Pager query current=page.page pages/>
        {dialog}
    }
    .into_any()
}

/// "Previous · Page 2 of 4 · Next", as links so they work without JavaScript.
#[component]
fn Pager(query: UsersQuery, current: u64, pages: u64) -> impl IntoView {
    let previous = (current > 1).then(|| query.on_page(current - 1).href());
    let next = (current < pages).then(|| query.on_page(current + 1).href());
    (pages > 1).then(|| {
        view! {
            <nav aria-label="Pages" class="flex flex-wrap items-center justify-between gap-3">
                {previous.map(|href| view! { <a href=href class="btn-secondary" rel="prev" data-testid="users-previous">"Previous page"</a> })}
                <p class="text-sm text-muted">{format!("Page {current} of {pages}")}</p>
                {next.map(|href| view! { <a href=href class="btn-secondary" rel="next" data-testid="users-next">"Next page"</a> })}
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_names_the_search() {
        assert_eq!(count_label(0, None), "0 users");
        assert_eq!(count_label(1, Some("ann")), "1 user matches “ann”");
        assert_eq!(count_label(3, Some("ann")), "3 users match “ann”");
    }
}
