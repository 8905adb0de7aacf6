//! The headline cards: this month so far against last month, the daily average, what the overall
//! budget has left and the largest expense.

use leptos::prelude::*;

use super::tables::display_amount;
use crate::analytics::Overview;

#[component]
fn Card(
    label: &'static str,
    testid: &'static str,
    value: String,
    #[prop(optional)] detail: Option<AnyView>,
) -> impl IntoView {
    view! {
        <div class="card p-4" data-testid=testid>
            <p class="text-sm text-muted">{label}</p>
            <p class="mt-1 text-2xl font-bold tracking-tight tabular-nums" data-testid="card-value">{value}</p>
            {detail.map(|detail| view! { <div class="mt-1 text-sm text-muted">{detail}</div> })}
        </div>
    }
}

/// "▲ 12%" when spending went up: more spending is the bad direction, hence the danger colour.
fn change_text(change_percent: Option<i64>) -> (String, &'static str) {
    match change_percent {
        None => ("—".into(), "text-muted"),
        Some(percent) if percent > 0 => (format!("▲ {percent}%"), "text-danger"),
        Some(percent) if percent < 0 => (format!("▼ {}%", percent.unsigned_abs()), "text-accent"),
        Some(_) => ("0%".into(), "text-muted"),
    }
}

#[component]
pub fn HeadlineCards(overview: Overview) -> impl IntoView {
    let currency = overview.currency.clone();
    let money = move |minor: i64| display_amount(minor, &currency);
    let (change, change_class) = change_text(overview.change_percent);
    let last_month = format!(
        "vs {} at this point last month",
        money(overview.spent_same_point_last_month_minor)
    );
    let budget = match overview.budget_left_minor {
        Some(left) => view! {
            <Card label="Budget left" testid="card-budget" value=money(left)
                detail=view! { <a href="/budgets" class="text-link">"See budgets"</a> }.into_any()/>
        }
        .into_any(),
        None => view! {
            <Card label="Budget left" testid="card-budget" value="No overall budget".into()
                detail=view! { <a href="/budgets" class="text-link">"Set a budget"</a> }.into_any()/>
        }
        .into_any(),
    };
    let largest = match &overview.largest_expense {
        Some(expense) => {
            let what = if expense.merchant.is_empty() {
                expense.category_name.clone()
            } else {
                format!("{} · {}", expense.merchant, expense.category_name)
            };
            let href = format!("/expenses/{}", expense.id);
            view! {
                <Card label="Largest expense" testid="card-largest"
                    value=display_amount(expense.amount_minor, &expense.currency)
                    detail=view! { <a href=href class="text-link">{what}</a> }.into_any()/>
            }
            .into_any()
        }
        None => view! {
            <Card label="Largest expense" testid="card-largest" value="—".into()
                detail=view! { "Nothing spent this month yet" }.into_any()/>
        }
        .into_any(),
    };
    view! {
        <section class="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="This month">
            <Card label="Spent this month" testid="card-spent" value=money(overview.spent_this_month_minor)
                detail=view! {
                    <span class=change_class data-testid="card-change">{change}</span>
                    " "
                    <span>{last_month}</span>
                }.into_any()/>
            <Card label="Daily average" testid="card-daily" value=money(overview.daily_average_minor)/>
            {budget}
            {largest}
        </section>
    }
}
