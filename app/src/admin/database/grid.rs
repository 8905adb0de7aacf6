//! A query's result as a grid: the header stays in view while scrolling, numbers are
//! right-aligned in monospace, NULL is not confused with the text "NULL", and the result can be
//! downloaded as CSV.

use leptos::prelude::*;
use serde_json::Value;

use super::{browser, csv};
use crate::admin::console::{ConsoleResult, ResultColumn};

/// "1 row", "3 rows".
pub fn rows_label(count: u64) -> String {
    if count == 1 {
        "1 row".into()
    } else {
        format!("{count} rows")
    }
}

fn cell(value: Value) -> impl IntoView {
    match csv::cell_text(&value) {
        None => view! {
            <td class="px-3 py-1.5"><span class="rounded bg-bg px-1 text-xs italic text-muted" data-null="true">"NULL"</span></td>
        }
        .into_any(),
        Some(text) if value.is_number() => {
            view! { <td class="px-3 py-1.5 text-right font-mono tabular-nums whitespace-nowrap">{text}</td> }.into_any()
        }
        Some(text) => view! { <td class="max-w-96 px-3 py-1.5 break-words">{text}</td> }.into_any(),
    }
}

fn header(column: ResultColumn) -> impl IntoView {
    view! {
        <th scope="col" class="sticky top-0 z-10 border-b border-line bg-surface px-3 py-2 text-left align-bottom whitespace-nowrap">
            <span class="block font-mono text-sm font-semibold">{column.name}</span>
            <span class="block text-xs font-normal text-muted">
                {column.data_type.to_lowercase()}
                {column.masked.then(|| view! { <span class="badge ml-1" title="Values hidden: a password or token hash">"masked"</span> })}
            </span>
        </th>
    }
}

#[component]
pub fn ResultGrid(result: ConsoleResult) -> impl IntoView {
    let count = result.rows.len();
    let export_error = RwSignal::new(None::<String>);
    let csv_text = csv::to_csv(&result);
    let export = move |_| {
        let name = csv::file_name(browser::now_millis());
        export_error.set(browser::download(&name, &csv_text, "text/csv;charset=utf-8").err());
    };
    let ConsoleResult {
        columns,
        rows,
        truncated,
        duration_ms,
        ..
    } = result;
    let headers = columns.into_iter().map(header).collect_view();
    let body = rows
        .into_iter()
        .map(|row| {
            let cells = row.into_iter().map(cell).collect_view();
            view! { <tr class="border-t border-line hover:bg-accent-soft/40" data-testid="result-row">{cells}</tr> }
        })
        .collect_view();
    view! {
        <section class="card space-y-3 p-4" aria-labelledby="result-title" data-testid="result">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h2 id="result-title" class="text-lg font-semibold">
                    "Result "
                    <span class="text-sm font-normal text-muted">
                        <span data-testid="result-count">{rows_label(count as u64)}</span>
                        " · "
                        <span data-testid="result-elapsed">{format!("{duration_ms} ms")}</span>
                    </span>
                </h2>
                <button type="button" class="btn-secondary gap-2" on:click=export data-testid="export-csv">
                    "Export CSV"
                </button>
            </div>
            {truncated.then(|| view! {
                <p class="rounded-lg border border-warning px-3 py-2 text-sm text-warning" data-testid="result-truncated">
                    {format!("Truncated at {count} rows: the rest were not read. Add a LIMIT or narrow the query.")}
                </p>
            })}
            {move || export_error.get().map(|error| view! { <p role="alert" class="form-alert">{error}</p> })}
            <div class="max-h-[32rem] overflow-auto rounded-lg border border-line">
                <table class="w-full text-sm" data-testid="result-grid">
                    <thead><tr>{headers}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            {(count == 0).then(|| view! { <p class="text-sm text-muted">"The query returned no rows."</p> })}
        </section>
    }
}
