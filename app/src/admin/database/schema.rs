//! The schema browser: every table with its row count; opening one shows its columns and
//! indexes, and its name puts a first query for it into the editor.

use leptos::prelude::*;

use super::grid::rows_label;
use crate::{
    AppError,
    admin::console::{ColumnInfo, IndexInfo, TableInfo},
};

/// The query a click on a table starts from.
pub fn table_query(table: &str) -> String {
    let plain = table
        .chars()
        .all(|char| char.is_ascii_alphanumeric() || char == '_');
    if plain {
        format!("SELECT * FROM {table} LIMIT 50")
    } else {
        format!("SELECT * FROM \"{}\" LIMIT 50", table.replace('"', "\"\""))
    }
}

#[component]
pub fn SchemaBrowser(
    tables: Result<Vec<TableInfo>, AppError>,
    /// Called with the query for a table the admin picked.
    on_pick: Callback<String>,
) -> impl IntoView {
    let tables = match tables {
        Ok(tables) => tables,
        Err(error) => {
            return view! { <p role="alert" class="form-alert" data-testid="schema-error">{error.to_string()}</p> }
                .into_any();
        }
    };
    if tables.is_empty() {
        return view! { <p class="text-sm text-muted">"The database has no tables."</p> }
            .into_any();
    }
    let items = tables
        .into_iter()
        .map(|table| view! { <TableItem table on_pick/> })
        .collect_view();
    view! { <ul class="space-y-1" data-testid="schema-tables">{items}</ul> }.into_any()
}

#[component]
fn TableItem(table: TableInfo, on_pick: Callback<String>) -> impl IntoView {
    let open = RwSignal::new(false);
    let details_id = format!("schema-{}", table.name);
    let query = table_query(&table.name);
    let TableInfo {
        name,
        row_count,
        columns,
        indexes,
        ..
    } = table;
    let details = move || {
        open.get().then(|| {
            let columns = columns.clone();
            let indexes = indexes.clone();
            view! { <TableDetails columns indexes/> }
        })
    };
    view! {
        <li data-testid="schema-table" data-table=name.clone()>
            <div class="flex items-center gap-1">
                <button
                    type="button"
                    class="icon-button h-8 w-8"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=details_id.clone()
                    aria-label=format!("Columns and indexes of {name}")
                    on:click=move |_| open.update(|open| *open = !*open)
                    data-testid="schema-toggle"
                >
                    <span class="text-xs transition" class=("rotate-90", move || open.get())>"▶"</span>
                </button>
                <button
                    type="button"
                    class="min-w-0 flex-1 truncate rounded px-1 py-1 text-left font-mono text-sm hover:bg-accent-soft"
                    title=format!("Query {name}")
                    on:click=move |_| on_pick.run(query.clone())
                    data-testid="schema-table-name"
                >
                    {name.clone()}
                </button>
                <span class="shrink-0 text-xs text-muted tabular-nums" data-testid="schema-row-count">{rows_label(row_count)}</span>
            </div>
            <div id=details_id>{details}</div>
        </li>
    }
}

#[component]
fn TableDetails(columns: Vec<ColumnInfo>, indexes: Vec<IndexInfo>) -> impl IntoView {
    let columns = columns
        .into_iter()
        .map(|column| {
            let nullable = if column.nullable { "null" } else { "not null" };
            view! {
                <li class="flex flex-wrap items-baseline gap-x-2" data-testid="schema-column">
                    <span class="font-mono">{column.name}</span>
                    <span class="text-muted">{column.data_type.to_lowercase()}</span>
                    <span class="text-muted">{nullable}</span>
                    {column.default.map(|default| view! { <span class="text-muted">"= "{default}</span> })}
                </li>
            }
        })
        .collect_view();
    let indexes = if indexes.is_empty() {
        view! { <li class="text-muted">"None"</li> }.into_any()
    } else {
        indexes
            .into_iter()
            .map(|index| {
                view! {
                    <li class="flex flex-wrap items-baseline gap-x-2" data-testid="schema-index">
                        <span class="font-mono break-all">{index.name}</span>
                        <span class="text-muted">{format!("({})", index.columns.join(", "))}</span>
                        {index.unique.then(|| view! { <span class="badge">"unique"</span> })}
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="mb-2 ml-9 space-y-2 text-xs">
            <div>
                <p class="font-semibold text-muted">"Columns"</p>
                <ul class="space-y-0.5">{columns}</ul>
            </div>
            <div>
                <p class="font-semibold text-muted">"Indexes"</p>
                <ul class="space-y-0.5">{indexes}</ul>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_table_names_are_quoted() {
        assert_eq!(table_query("expenses"), "SELECT * FROM expenses LIMIT 50");
        assert_eq!(
            table_query("my \"odd\" table"),
            "SELECT * FROM \"my \"\"odd\"\" table\" LIMIT 50"
        );
    }
}
