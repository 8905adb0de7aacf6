//! The expense table: sortable headers (links), one row per expense with its receipt, edit and
//! delete, the keyset pager and the empty states. On a phone the same table is styled as a list
//! of cards.

use leptos::prelude::*;

use super::{
    ExpensePage, ExpenseView,
    api::DeleteExpense,
    delete::{DeleteRequest, DeleteWithReceiptDialog},
    page::list_href,
    query::{ExpenseQuery, Order, SortKey},
};
use crate::{
    money::Currency,
    receipts::{ReceiptViewer, file_url},
    ui::icons::Icon,
};

/// An amount for people: `1,234.50 EUR` (the raw figure if the currency is unknown).
pub fn display_amount(minor: i64, code: &str) -> String {
    Currency::find(code).map_or_else(
        || format!("{minor} {code}"),
        |currency| currency.format_display(minor),
    )
}

/// What a row's buttons say to screen readers: "Bakery, 12.50 EUR on 2026-03-01".
fn describe(expense: &ExpenseView) -> String {
    let what = if expense.merchant.is_empty() {
        &expense.category_name
    } else {
        &expense.merchant
    };
    format!(
        "{what}, {} on {}",
        display_amount(expense.amount_minor, &expense.currency),
        expense.spent_on
    )
}

#[component]
fn SortHeader(
    query: ExpenseQuery,
    key: SortKey,
    label: &'static str,
    #[prop(optional)] numeric: bool,
) -> impl IntoView {
    let active = query.sort == key;
    // A new column starts with what people expect first: latest dates, largest amounts, A to Z.
    let order = match (active, key) {
        (true, _) => query.order.reversed(),
        (false, SortKey::SpentOn | SortKey::Amount) => Order::Desc,
        (false, _) => Order::Asc,
    };
    let target = ExpenseQuery {
        sort: key,
        order,
        ..query.first_page()
    };
    let aria_sort = active.then_some(match query.order {
        Order::Asc => "ascending",
        Order::Desc => "descending",
    });
    let icon = match (active, query.order) {
        (false, _) => "arrows-up-down",
        (true, Order::Asc) => "arrow-up",
        (true, Order::Desc) => "arrow-down",
    };
    let class = if numeric {
        "sort-header justify-end"
    } else {
        "sort-header"
    };
    view! {
        <th scope="col" aria-sort=aria_sort class:text-right=numeric>
            <a href=list_href(&target) class=class data-sort=key.as_str()>
                {label}
                <Icon name=icon class="h-4 w-4 shrink-0 opacity-70"/>
            </a>
        </th>
    }
}

/// What a row asks of its table: show a receipt, ask how to delete, delete.
#[derive(Clone, Copy)]
struct RowActions {
    viewing: RwSignal<Option<i64>>,
    asking: RwSignal<Option<(i64, String)>>,
    on_delete: Callback<DeleteRequest>,
}

#[component]
fn ExpenseRow(
    expense: ExpenseView,
    query: ExpenseQuery,
    delete: ServerAction<DeleteExpense>,
    actions: RowActions,
) -> impl IntoView {
    let id = expense.id;
    let label = describe(&expense);
    let edit_href = {
        let list = list_href(&query);
        let search = list.strip_prefix("/expenses").unwrap_or_default();
        format!("/expenses/{id}{search}")
    };
    let amount = display_amount(expense.amount_minor, &expense.currency);
    // Empty cells stay empty (a phone's card hides them).
    let merchant = (!expense.merchant.is_empty()).then(|| expense.merchant.clone());
    let note = (!expense.note.is_empty())
        .then(|| view! { <span class="block truncate" title=expense.note.clone()>{expense.note.clone()}</span> });
    let tags = expense
        .tags
        .iter()
        .map(|tag| view! { <li class="chip">{tag.clone()}</li> })
        .collect_view();
    // Without JavaScript the link opens the file itself (an image, or a PDF download).
    let receipt = expense.receipt_id.map(|receipt_id| {
        view! {
            <a
                href=file_url(receipt_id)
                class="icon-button"
                aria-label=format!("View receipt for {label}")
                aria-haspopup="dialog"
                title="Receipt"
                on:click=move |event| {
                    event.prevent_default();
                    actions.viewing.set(Some(receipt_id));
                }
            >
                <Icon name="paperclip" class="h-4 w-4"/>
            </a>
        }
    });
    let has_receipt = expense.receipt_id.is_some();
    let delete_label = label.clone();
    let request_delete = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if has_receipt {
            actions.asking.set(Some((id, delete_label.clone())));
        } else {
            actions.on_delete.run(DeleteRequest {
                id,
                delete_receipt: false,
            });
        }
    };
    view! {
        <tr data-testid="expense-row" data-id=id>
            <td data-label="Date" class="whitespace-nowrap">
                <time datetime=expense.spent_on.to_string()>{expense.spent_on.format("%-d %b %Y").to_string()}</time>
            </td>
            <td data-label="Category">
                <span class="inline-flex items-center gap-2">
                    <span class="color-dot" style=format!("background-color:{}", expense.category_color)></span>
                    <Icon name=expense.category_icon.clone() class="h-4 w-4 shrink-0 text-muted"/>
                    <span data-testid="expense-category">{expense.category_name.clone()}</span>
                </span>
            </td>
            <td data-label="Merchant" data-testid="expense-merchant">{merchant}</td>
            <td data-label="Note" class="note-cell">{note}</td>
            <td data-label="Tags">
                <ul class="flex flex-wrap gap-1">{tags}</ul>
            </td>
            <td data-label="Amount" class="amount-cell" data-testid="expense-amount">{amount}</td>
            <td class="actions-cell">
                <div class="flex items-center justify-end gap-1">
                    {receipt}
                    <a href=edit_href class="icon-button" aria-label=format!("Edit {label}") title="Edit">
                        <Icon name="pencil" class="h-4 w-4"/>
                    </a>
                    <ActionForm action=delete on:submit:capture=request_delete>
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="icon-button hover:text-danger" aria-label=format!("Delete {label}") title="Delete">
                            <Icon name="trash" class="h-4 w-4"/>
                        </button>
                    </ActionForm>
                </div>
            </td>
        </tr>
    }
}

/// The table of one page. Rows in `hidden` are being deleted and already gone from view.
#[component]
pub fn ExpenseTable(
    page: ExpensePage,
    query: ExpenseQuery,
    hidden: RwSignal<Vec<i64>>,
    delete: ServerAction<DeleteExpense>,
    on_delete: Callback<DeleteRequest>,
) -> impl IntoView {
    let actions = RowActions {
        viewing: RwSignal::new(None),
        asking: RwSignal::new(None),
        on_delete,
    };
    let items = page.items;
    let row_query = query.clone();
    let visible = move || {
        hidden.with(|hidden| {
            items
                .iter()
                .filter(|expense| !hidden.contains(&expense.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="card table-card">
            <table class="expense-table">
                <caption class="sr-only">"Your expenses"</caption>
                <thead>
                    <tr>
                        <SortHeader query=query.clone() key=SortKey::SpentOn label="Date"/>
                        <SortHeader query=query.clone() key=SortKey::Category label="Category"/>
                        <SortHeader query=query.clone() key=SortKey::Merchant label="Merchant"/>
                        <th scope="col" class="hidden-phone">"Note"</th>
                        <th scope="col" class="hidden-phone">"Tags"</th>
                        <SortHeader query=query.clone() key=SortKey::Amount label="Amount" numeric=true/>
                        <th scope="col" class="hidden-phone"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=visible key=|expense| expense.id let:expense>
                        <ExpenseRow expense query=row_query.clone() delete actions/>
                    </For>
                </tbody>
            </table>
        </div>
        <ReceiptViewer viewing=actions.viewing/>
        <DeleteWithReceiptDialog asking=actions.asking on_delete/>
    }
}

/// "First page" (on a later page) and "Next page": keyset pages have no numbers.
#[component]
pub fn Pager(query: ExpenseQuery, next_cursor: Option<String>) -> impl IntoView {
    let first = query
        .cursor
        .is_some()
        .then(|| list_href(&query.first_page()));
    let next = next_cursor.map(|cursor| {
        list_href(&ExpenseQuery {
            cursor: Some(cursor),
            ..query.clone()
        })
    });
    (first.is_some() || next.is_some()).then(|| {
        view! {
            <nav aria-label="Pages" class="flex flex-wrap items-center justify-between gap-3">
                {first.map(|href| view! { <a href=href class="btn-secondary" rel="first">"First page"</a> })}
                {next.map(|href| view! { <a href=href class="btn-secondary ml-auto" rel="next">"Next page"</a> })}
            </nav>
        }
    })
}

/// No rows: either nothing recorded yet, or nothing matches the filters.
#[component]
pub fn EmptyState(query: ExpenseQuery, on_add: Callback<()>) -> impl IntoView {
    if query.is_filtered() {
        let clear = ExpenseQuery {
            sort: query.sort,
            order: query.order,
            limit: query.limit,
            ..ExpenseQuery::default()
        };
        view! {
            <section class="card p-8 text-center" data-testid="empty-state">
                <h2 class="text-lg font-semibold">"No expenses match these filters"</h2>
                <p class="mt-2 text-muted">"Try a wider date range or fewer categories."</p>
                <a href=list_href(&clear) class="btn-secondary mt-4">"Clear filters"</a>
            </section>
        }
        .into_any()
    } else {
        view! {
            <section class="card p-8 text-center" data-testid="empty-state">
                <h2 class="text-lg font-semibold">"No expenses yet"</h2>
                <p class="mt-2 text-muted">"Record what you spend and see where your money goes."</p>
                <a
                    href="#add-expense"
                    class="btn-primary mt-4 inline-flex"
                    on:click=move |event| {
                        event.prevent_default();
                        on_add.run(());
                    }
                >
                    "Add your first expense"
                </a>
            </section>
        }
        .into_any()
    }
}
