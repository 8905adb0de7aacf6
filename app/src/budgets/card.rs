//! One budget in the month shown: spent of available, what is left, a bar coloured by how much
//! is used, the carry-over from last month, the daily pace, and its edit and delete controls.

use leptos::prelude::*;

use super::{
    BudgetLine, BudgetState, BudgetView, Month,
    edit::EditBudget,
    labels::{money, month_href, month_only, signed_money},
};
use crate::ui::icons::Icon;

/// What a budget is called: its category, or "Whole month" for the overall one.
pub fn budget_title(line: &BudgetLine) -> String {
    line.category_name
        .clone()
        .unwrap_or_else(|| "Whole month".into())
}

/// (`data-state`, words, text colour, bar colour) of a state; the words say what the colour does.
fn state_look(state: BudgetState) -> (&'static str, &'static str, &'static str, &'static str) {
    match state {
        BudgetState::Under => ("under", "On track", "text-accent", "bg-accent"),
        BudgetState::Warning => ("warning", "Nearly spent", "text-warning", "bg-warning"),
        BudgetState::Over => ("over", "Over budget", "text-danger", "bg-danger"),
    }
}

fn days_label(days: u32) -> String {
    if days == 1 {
        "1 day left".into()
    } else {
        format!("{days} days left")
    }
}

#[component]
pub fn BudgetCard(
    line: BudgetLine,
    /// The budget behind the line (amount as typed, first month, rollover).
    budget: Option<BudgetView>,
    month: Month,
    current_month: Month,
    days_left: u32,
    reload: Callback<()>,
) -> impl IntoView {
    let title = budget_title(&line);
    let code = line.currency.as_str();
    let (state_name, state_words, text_class, bar_class) = state_look(line.state);
    let percent_text = line
        .percent_used
        .map_or_else(|| "–".to_string(), |percent| format!("{percent}%"));
    let filled = line
        .percent_used
        .unwrap_or(if line.state == BudgetState::Over {
            100
        } else {
            0
        })
        .clamp(0, 100);
    let spent = format!(
        "{} spent of {}",
        money(line.spent_minor, code),
        money(line.available_minor, code)
    );
    let left = if line.left_minor >= 0 {
        format!("{} left", money(line.left_minor, code))
    } else {
        format!("Over by {}", money(-line.left_minor, code))
    };
    let carried = (line.carried_minor != 0).then(|| {
        format!(
            "{} carried from {}",
            signed_money(line.carried_minor, code),
            month_only(month.previous())
        )
    });
    let pace = (month == current_month).then(|| match line.daily_allowance_minor {
        Some(daily) => format!(
            "{} · about {} per day keeps you on track",
            days_label(days_left),
            money(daily, code)
        ),
        None => days_label(days_left),
    });
    let rollover = budget.as_ref().is_some_and(|budget| budget.rollover);
    let dot = line.category_color.clone().map(|color| {
        view! { <span class="color-dot h-3 w-3" style=format!("background-color:{color}")></span> }
    });
    let subtitle = line
        .category_id
        .is_none()
        .then(|| view! { <span class="text-sm font-normal text-muted">"All categories"</span> });
    let delete_label = format!("Delete the {title} budget");
    let delete_href = format!("{}&delete={}", month_href(month), line.budget_id);
    // A change applies from the current month on, so past months are only shown.
    let editor = budget.filter(|_| month >= current_month).map(|budget| {
        view! {
            <details class="border-t border-line pt-3" data-testid="budget-edit">
                <summary class="cursor-pointer text-sm font-medium text-accent">"Edit amount or rollover"</summary>
                <EditBudget budget current_month reload/>
            </details>
        }
    });
    let heading_id = format!("budget-{}-title", line.budget_id);
    view! {
        <article
            class="card space-y-3 p-4"
            aria-labelledby=heading_id.clone()
            data-testid="budget-card"
            data-name=title.clone()
            data-state=state_name
        >
            <div class="flex items-start gap-2">
                <h3 id=heading_id.clone() class="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1 font-semibold">
                    {dot}
                    <span class="truncate" data-testid="budget-name">{title.clone()}</span>
                    {subtitle}
                    {rollover.then(|| view! { <span class="badge" data-testid="budget-rollover">"Rollover"</span> })}
                </h3>
                <span class=format!("shrink-0 text-sm font-semibold {text_class}") data-testid="budget-state">{state_words}</span>
                <a href=delete_href class="icon-button -my-2 -mr-2 h-9 w-9 hover:text-danger" aria-label=delete_label title="Delete">
                    <Icon name="trash" class="h-4 w-4"/>
                </a>
            </div>
            <div class="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 tabular-nums">
                <p class="font-medium" data-testid="budget-spent">{spent}</p>
                <p class=format!("text-sm font-semibold {text_class}") data-testid="budget-left">{left}</p>
            </div>
            <div class="flex items-center gap-3">
                <div
                    class="h-2.5 flex-1 overflow-hidden rounded-full bg-line"
                    role="progressbar"
                    aria-label=format!("{title}: share spent")
                    aria-valuemin="0"
                    aria-valuemax="100"
                    aria-valuenow=filled
                    aria-valuetext=format!("{percent_text} spent, {}", state_words.to_lowercase())
                    data-testid="budget-bar"
                    data-state=state_name
                >
                    <div class=format!("h-full rounded-full {bar_class}") style=format!("width:{filled}%")></div>
                </div>
                <span class=format!("w-12 shrink-0 text-right text-sm font-semibold tabular-nums {text_class}") data-testid="budget-percent">
                    {percent_text.clone()}
                </span>
            </div>
            {carried.map(|carried| view! { <p class="text-sm text-muted tabular-nums" data-testid="budget-carried">{carried}</p> })}
            {pace.map(|pace| view! { <p class="text-sm text-muted tabular-nums" data-testid="budget-pace">{pace}</p> })}
            {editor}
        </article>
    }
}
