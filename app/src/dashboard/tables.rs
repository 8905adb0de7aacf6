//! "Show data": each chart's numbers as an accessible table, rendered on the server too.

use leptos::prelude::*;

use super::charts::{ChartData, ChartSpec, Slice};
use crate::money::Currency;

/// An amount for people: `1,234.50 EUR` (the raw figure if the currency is unknown).
pub fn display_amount(minor: i64, code: &str) -> String {
    Currency::find(code).map_or_else(
        || format!("{minor} {code}"),
        |currency| currency.format_display(minor),
    )
}

fn header(names: Vec<String>) -> impl IntoView {
    let cells = names
        .into_iter()
        .enumerate()
        .map(|(index, name)| {
            let numeric = index > 0;
            view! { <th scope="col" class:text-right=numeric>{name}</th> }
        })
        .collect_view();
    view! { <thead><tr>{cells}</tr></thead> }
}

fn row(label: String, amounts: Vec<String>) -> impl IntoView {
    let cells = amounts
        .into_iter()
        .map(|amount| view! { <td class="text-right tabular-nums whitespace-nowrap">{amount}</td> })
        .collect_view();
    view! { <tr><th scope="row" class="font-normal">{label}</th>{cells}</tr> }
}

fn slice_rows(slices: &[Slice], money: &impl Fn(i64) -> String) -> Vec<AnyView> {
    slices
        .iter()
        .map(|slice| row(slice.label.clone(), vec![money(slice.minor)]).into_any())
        .collect()
}

#[component]
pub fn DataTable(data: ChartData) -> impl IntoView {
    let currency = data.currency.clone();
    let money = move |minor: i64| display_amount(minor, &currency);
    let caption = match &data.spec {
        ChartSpec::Daily {
            budget: Some(budget),
            ..
        } => Some(format!("Overall budget this month: {}", money(*budget))),
        _ => None,
    };
    let (names, rows): (Vec<&str>, Vec<AnyView>) = match &data.spec {
        ChartSpec::Donut(slices) => (vec!["Category", "Spent"], slice_rows(slices, &money)),
        ChartSpec::Ranking(slices) => (vec!["Merchant", "Spent"], slice_rows(slices, &money)),
        ChartSpec::Line { labels, values } => {
            let rows = labels
                .iter()
                .zip(values)
                .map(|(label, minor)| row(label.clone(), vec![money(*minor)]).into_any())
                .collect();
            (vec!["Period", "Value"], rows)
        }
        ChartSpec::Daily { days, spent, .. } => {
            let mut total = 0;
            let rows = days
                .iter()
                .zip(spent)
                .map(|(day, minor)| {
                    total += minor;
                    row(day.clone(), vec![money(*minor), money(total)]).into_any()
                })
                .collect();
            (vec!["Day", "Spent", "Running total"], rows)
        }
        ChartSpec::Stacked { months, series } => {
            let mut names = vec!["Month"];
            names.extend(series.iter().map(|series| series.label.as_str()));
            names.push("Total");
            let rows = months
                .iter()
                .enumerate()
                .map(|(index, month)| {
                    let values: Vec<i64> = series
                        .iter()
                        .map(|series| series.values.get(index).copied().unwrap_or(0))
                        .collect();
                    let total = values.iter().sum();
                    let mut amounts: Vec<String> = values.into_iter().map(&money).collect();
                    amounts.push(money(total));
                    row(month.clone(), amounts).into_any()
                })
                .collect();
            (names, rows)
        }
        ChartSpec::BudgetVsActual(bars) => {
            let rows = bars
                .iter()
                .map(|bar| {
                    let amounts = vec![
                        money(bar.available_minor),
                        money(bar.spent_minor),
                        money(bar.available_minor - bar.spent_minor),
                    ];
                    row(bar.label.clone(), amounts).into_any()
                })
                .collect();
            (vec!["Budget", "Available", "Spent", "Left"], rows)
        }
    };
    let names = names.into_iter().map(str::to_string).collect();
    view! {
        <div class="table-card mt-2">
            <table class="expense-table" data-testid="chart-data">
                {caption.map(|caption| view! { <caption class="px-3 py-2 text-left text-sm text-muted">{caption}</caption> })}
                {header(names)}
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
