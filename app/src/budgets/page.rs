//! `/budgets`: how each budget stands in a month, the overall one first. The month lives in the
//! URL query (`?month=2026-10`), so reload, back and shared links restore it; the server renders
//! it in full, and once hydrated the month links, the forms and the dialog work in place.

use leptos::{html, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    Month,
    api::UpdateBudget,
    card::{BudgetCard, budget_title},
    delete::DeleteDialog,
    form::{NewBudgetForm, SCOPE, open_add_form},
    labels::{month_href, month_name, month_short},
    setup::{BudgetSetup, MonthData, load_month, load_setup},
};
use crate::{
    AppError,
    ui::{
        forms::FormAlert,
        icons::Icon,
        toast::{ToastRegion, Toasts},
    },
};

#[component]
pub fn BudgetsPage() -> impl IntoView {
    let params = use_query_map();
    let requested = Memo::new(move |_| {
        params.with(|params| params.get("month").map(|text| text.parse::<Month>()))
    });
    // `?delete=<id>` opens the "delete this budget" dialog: a link, so it works without JavaScript.
    let deleting = Memo::new(move |_| {
        params.with(|params| params.get("delete").and_then(|id| id.parse::<i64>().ok()))
    });
    // Bumped after every change, so the month is loaded again.
    let refresh = RwSignal::new(0_u32);
    let setup = Resource::new(|| (), |()| load_setup());
    let month = Resource::new(
        move || (requested.get(), refresh.get()),
        |(requested, _)| load_month(requested),
    );
    let reload = Callback::new(move |()| refresh.update(|version| *version += 1));
    let toasts = Toasts::new();
    view! {
        <Title text="Budgets"/>
        <div class="mx-auto w-full max-w-3xl space-y-6">
            <Transition fallback=|| view! { <p class="text-muted">"Loading budgets…"</p> }>
                {move || Suspend::new(async move {
                    let setup = setup.await?;
                    let data = month.await;
                    let deleting = deleting.get();
                    Ok::<_, AppError>(view! { <MonthView setup data deleting reload toasts/> })
                })}
            </Transition>
            <ToastRegion toasts/>
        </div>
    }
}

/// "‹ Oct · November 2026 · Dec ›", with a way back to the current month from elsewhere.
#[component]
fn MonthHeader(month: Month, current_month: Month) -> impl IntoView {
    let (previous, next) = (month.previous(), month.next());
    let back = (month != current_month).then(|| {
        view! { <a href=month_href(current_month) class="text-link text-sm">"Back to this month"</a> }
    });
    view! {
        <div class="flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-2xl font-bold tracking-tight">"Budgets"</h1>
            <a href="/categories" class="btn-secondary gap-2">
                <Icon name="tags" class="h-4 w-4"/>
                "Manage categories"
            </a>
        </div>
        <nav aria-label="Month" class="flex flex-wrap items-center gap-x-3 gap-y-2">
            <a
                href=month_href(previous)
                class="btn-secondary gap-1"
                aria-label=format!("Previous month, {}", month_name(previous))
                data-testid="previous-month"
            >
                <span aria-hidden="true">"‹"</span>
                {month_short(previous)}
            </a>
            <h2 class="min-w-36 text-center text-lg font-semibold" aria-live="polite" data-testid="budget-month">
                {month_name(month)}
            </h2>
            <a
                href=month_href(next)
                class="btn-secondary gap-1"
                aria-label=format!("Next month, {}", month_name(next))
                data-testid="next-month"
            >
                {month_short(next)}
                <span aria-hidden="true">"›"</span>
            </a>
            {back}
        </nav>
    }
}

#[component]
fn MonthView(
    setup: BudgetSetup,
    data: Result<MonthData, AppError>,
    deleting: Option<i64>,
    reload: Callback<()>,
    toasts: Toasts,
) -> impl IntoView {
    let data = match data {
        Ok(data) => data,
        Err(error) => {
            return view! {
                <MonthHeader month=setup.current_month current_month=setup.current_month/>
                <section role="alert" class="form-alert space-y-2" data-testid="budget-error">
                    <p>{error.to_string()}</p>
                    <a href="/budgets" class="text-link">"Show this month"</a>
                </section>
            }
            .into_any();
        }
    };
    let month = data.status.month;
    let current_month = setup.current_month;
    let days_left = data.status.days_left;
    let panel = NodeRef::<html::Details>::new();
    // Never dispatched: it only picks up the error of a card's form posted without JavaScript.
    let posted_update = ServerAction::<UpdateBudget>::new();
    let posted_error = Signal::derive(move || {
        posted_update
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| error.to_string())
    });
    let dialog = deleting.and_then(|id| {
        let line = data.status.lines.iter().find(|line| line.budget_id == id)?;
        let title = budget_title(line);
        Some(view! { <DeleteDialog id title month reload toasts/> })
    });
    let (overall, categories): (Vec<_>, Vec<_>) = data
        .status
        .lines
        .iter()
        .partition(|line| line.category_id.is_none());
    let card = |line: &&super::BudgetLine| {
        let budget = data.budget_of(line);
        let line = (*line).clone();
        view! { <BudgetCard line budget month current_month days_left reload/> }
    };
    let overall = overall.iter().map(card).collect_view();
    let category_cards = categories.iter().map(card).collect_view();
    let empty = data.status.lines.is_empty();
    let body = if empty {
        view! { <EmptyState month current_month panel/> }.into_any()
    } else {
        view! {
            <section aria-label="Budgets this month" class="space-y-4">
                {overall}
                <div class="grid gap-4 sm:grid-cols-2">{category_cards}</div>
            </section>
        }
        .into_any()
    };
    view! {
        <MonthHeader month current_month/>
        <FormAlert message=posted_error/>
        {body}
        <NewBudgetForm
            categories=setup.categories
            budgets=data.budgets
            base_currency=setup.base_currency
            month
            open=empty
            panel
            reload
            toasts
        />
        {dialog}
    }
    .into_any()
}

#[component]
fn EmptyState(month: Month, current_month: Month, panel: NodeRef<html::Details>) -> impl IntoView {
    let (heading, action) = if month >= current_month {
        (
            "No budgets yet".to_string(),
            "Add your first budget".to_string(),
        )
    } else {
        (
            format!("No budgets in {}", month_name(month)),
            format!("Add a budget for {}", month_name(month)),
        )
    };
    let add = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        open_add_form(panel);
    };
    view! {
        <section class="card space-y-3 p-6 text-center" data-testid="budget-empty">
            <h3 class="text-lg font-semibold">{heading}</h3>
            <p class="mx-auto max-w-prose text-muted">
                "A budget is what you mean to spend in a month, on one category or on everything. "
                "SpendWise shows what is left as you go, turns amber at 80 % and red when you go over, "
                "and can carry what is left into the next month."
            </p>
            <a href=format!("#{SCOPE}-category_id") class="btn-primary inline-flex" on:click=add>{action}</a>
        </section>
    }
}
