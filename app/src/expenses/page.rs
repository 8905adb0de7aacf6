//! `/expenses`: totals, filters, the table and "Add expense". The view (filter, sort, page) lives
//! in the URL query, so reload, back and shared links restore it; the server renders it in full,
//! and once hydrated every change is a client-side navigation.

use leptos::{html, prelude::*, task::spawn_local};
use leptos_meta::Title;
use leptos_router::{hooks::use_query_map, params::ParamsMap};

use super::{
    ExpensePage, ExpenseView, NewExpense,
    add::{AddExpensePanel, open_add_panel},
    api::{DeleteExpense, create_expense, delete_expense, list_expenses},
    delete::DeleteRequest,
    filters::{FilterForm, PresetLinks, SEARCH_ID},
    query::ExpenseQuery,
    setup::load_setup,
    table::{EmptyState, ExpenseTable, Pager, display_amount},
    transfer::export_href,
};
use crate::{
    AppError,
    ui::{
        forms::focus_element,
        icons::Icon,
        toast::{ToastRegion, Toasts},
    },
};

/// Reads the view from the URL query. Keys starting with `__` belong to Leptos (the error of a
/// form posted without JavaScript), not to the view.
pub fn read_query(params: &ParamsMap) -> Result<ExpenseQuery, AppError> {
    ExpenseQuery::from_pairs(
        params
            .into_iter()
            .filter(|(key, _)| !key.starts_with("__"))
            .map(|(key, value)| (key.as_ref(), value)),
    )
}

/// The list's address for a view.
pub fn list_href(query: &ExpenseQuery) -> String {
    match query.to_query_string() {
        search if search.is_empty() => "/expenses".into(),
        search => format!("/expenses?{search}"),
    }
}

/// The expense again, for "Undo" after a delete (it gets a new id).
fn recreate(expense: &ExpenseView) -> NewExpense {
    NewExpense {
        amount: expense.amount.clone(),
        currency: Some(expense.currency.clone()),
        spent_on: expense.spent_on,
        category_id: expense.category_id,
        merchant: Some(expense.merchant.clone()),
        note: Some(expense.note.clone()),
        tags: Some(expense.tags.clone()),
        receipt_id: expense.receipt_id,
    }
}

#[component]
pub fn ExpensesPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(read_query));
    // Bumped after every change, so the page (and its totals) is loaded again. Not on live data
    // changes: reloading re-renders the rows, which closed a dialog open on one of them.
    let refresh = RwSignal::new(0_u32);
    let list = Resource::new(
        move || (query.get(), refresh.get()),
        |(query, _)| async move { list_expenses(query?).await },
    );
    let setup = Resource::new(|| (), |()| load_setup());
    let toasts = Toasts::new();
    let panel = NodeRef::<html::Details>::new();
    let hidden = RwSignal::new(Vec::<i64>::new());
    let delete = ServerAction::<DeleteExpense>::new();
    let reload = move || refresh.update(|version| *version += 1);

    let undo = move |expense: ExpenseView| {
        spawn_local(async move {
            match create_expense(recreate(&expense)).await {
                Ok(_) => {
                    reload();
                    toasts.show("Expense restored.", None);
                }
                Err(error) => toasts.error(format!("The expense could not be restored: {error}")),
            }
        });
    };
    // The row goes at once; if the server refuses, it comes back with the reason.
    // Undo brings the receipt back too when it was kept (the deleted expense still names it).
    let on_delete = Callback::new(move |request: DeleteRequest| {
        let DeleteRequest { id, delete_receipt } = request;
        hidden.update(|hidden| hidden.push(id));
        spawn_local(async move {
            match delete_expense(id, delete_receipt).await {
                Ok(deleted) => {
                    reload();
                    let again = Callback::new(move |()| undo(deleted.clone()));
                    let message = if delete_receipt {
                        "Expense and receipt deleted"
                    } else {
                        "Expense deleted"
                    };
                    toasts.show(message, Some(("Undo", again)));
                }
                Err(error) => {
                    hidden.update(|hidden| hidden.retain(|hidden_id| *hidden_id != id));
                    toasts.error(format!("The expense could not be deleted: {error}"));
                }
            }
        });
    });
    let on_add = Callback::new(move |()| open_add_panel(panel));

    let shortcuts = window_event_listener(leptos::ev::keydown, move |event| {
        if event.ctrl_key()
            || event.meta_key()
            || event.alt_key()
            || event.default_prevented()
            || typing()
        {
            return;
        }
        match event.key().as_str() {
            "n" => {
                event.prevent_default();
                open_add_panel(panel);
            }
            "/" => {
                event.prevent_default();
                focus_element(SEARCH_ID);
            }
            _ => {}
        }
    });
    on_cleanup(move || shortcuts.remove());

    view! {
        <Title text="Expenses"/>
        <div class="space-y-6">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold tracking-tight">"Expenses"</h1>
                <div class="flex flex-wrap items-center gap-2">
                    <a href="/expenses/import" class="btn-secondary gap-2">
                        <Icon name="arrow-up" class="h-4 w-4"/>
                        "Import CSV"
                    </a>
                    // A file from the REST API, not a page: the router must let the browser have it.
                    <a
                        href=move || export_href(&query.get().unwrap_or_default())
                        download=""
                        rel="external"
                        class="btn-secondary gap-2"
                        data-testid="export-link"
                    >
                        <Icon name="arrow-down" class="h-4 w-4"/>
                        "Export CSV"
                    </a>
                    <a href="/categories" class="btn-secondary gap-2">
                        <Icon name="tags" class="h-4 w-4"/>
                        "Manage categories"
                    </a>
                </div>
            </div>
            <Transition fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let setup = setup.await?;
                    let on_created = Callback::new(move |()| reload());
                    Ok::<_, AppError>(view! {
                        <AddExpensePanel setup=setup.clone() panel on_created/>
                        {move || {
                            let view_query = query.get().unwrap_or_default();
                            view! {
                                <PresetLinks query=view_query.clone() today=setup.today/>
                                <FilterForm query=view_query setup=setup.clone()/>
                            }
                        }}
                    })
                })}
            </Transition>
            <Transition fallback=|| view! { <p class="text-muted">"Loading expenses…"</p> }>
                {move || Suspend::new(async move {
                    let page = list.await;
                    let query = query.get_untracked().unwrap_or_default();
                    view! { <ListSection page query hidden delete on_delete on_add/> }
                })}
            </Transition>
            <ToastRegion toasts/>
        </div>
    }
}

/// Whether the keyboard is busy in a text field (shortcuts must not steal its keys).
fn typing() -> bool {
    document().active_element().is_some_and(|element| {
        matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || element
                .get_attribute("contenteditable")
                .is_some_and(|value| value != "false")
    })
}

#[component]
fn ListSection(
    page: Result<ExpensePage, AppError>,
    query: ExpenseQuery,
    hidden: RwSignal<Vec<i64>>,
    delete: ServerAction<DeleteExpense>,
    on_delete: Callback<DeleteRequest>,
    on_add: Callback<()>,
) -> impl IntoView {
    let page = match page {
        Ok(page) => page,
        Err(error) => {
            return view! {
                <section role="alert" class="form-alert space-y-2" data-testid="list-error">
                    <p>{error.to_string()}</p>
                    <a href="/expenses" class="text-link">"Show all expenses"</a>
                </section>
            }
            .into_any();
        }
    };
    let count = if page.total == 1 {
        "1 expense".to_string()
    } else {
        format!("{} expenses", page.total)
    };
    let sums = page
        .sums
        .iter()
        .map(|sum| view! { <li class="sum" data-currency=sum.currency.clone()>{display_amount(sum.amount_minor, &sum.currency)}</li> })
        .collect_view();
    let body = if page.items.is_empty() {
        view! { <EmptyState query=query.clone() on_add/> }.into_any()
    } else {
        let next_cursor = page.next_cursor.clone();
        view! {
            <ExpenseTable page query=query.clone() hidden delete on_delete/>
            <Pager query next_cursor/>
        }
        .into_any()
    };
    view! {
        <section aria-label="Totals" class="flex flex-wrap items-baseline gap-x-4 gap-y-2" data-testid="totals">
            <p class="text-lg font-semibold" data-testid="expense-count">{count}</p>
            <ul class="flex flex-wrap gap-2 tabular-nums" data-testid="expense-sums">{sums}</ul>
        </section>
        {body}
    }
    .into_any()
}
