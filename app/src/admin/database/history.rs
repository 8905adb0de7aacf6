//! The administrator's console runs, from the server's query log: searchable, newest first,
//! with how long each took, its rows and how it ended; a click puts the query back in the
//! editor. It reloads after every run, and works from any browser the admin signs in on.

use leptos::prelude::*;

use crate::admin::{api::load_console_history, console::ConsoleRun, timestamps::date_time};

#[component]
pub fn HistoryList(
    /// Bumped after every run, so the list shows it.
    runs: Signal<u32>,
    on_pick: Callback<String>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let history = Resource::new(
        move || (search.get(), runs.get()),
        |(search, _)| {
            let search = search.trim().to_string();
            load_console_history((!search.is_empty()).then_some(search), None)
        },
    );
    view! {
        <section class="card space-y-2 p-4" aria-labelledby="history-title">
            <h2 id="history-title" class="font-semibold">"Your queries"</h2>
            <label for="history-search" class="sr-only">"Search your queries"</label>
            <input
                id="history-search"
                type="search"
                class="field-input w-full text-sm"
                placeholder="Search your queries"
                prop:value=move || search.get()
                on:input=move |event| search.set(event_target_value(&event))
                data-testid="history-search"
            />
            <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(history) if history.runs.is_empty() => view! {
                            <p class="text-sm text-muted">"The queries you run appear here."</p>
                        }
                        .into_any(),
                        Ok(history) => {
                            let items = history
                                .runs
                                .into_iter()
                                .map(|run| view! { <RunItem run on_pick/> })
                                .collect_view();
                            view! { <ul class="space-y-1" data-testid="query-history">{items}</ul> }.into_any()
                        }
                        Err(error) => view! { <p class="form-alert" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// "12 ms · 3 rows · 6 Dec 2026, 16:05 UTC", and the status when it did not succeed.
fn summary(run: &ConsoleRun) -> String {
    let rows = match run.row_count {
        Some(1) => " · 1 row".to_string(),
        Some(rows) => format!(" · {rows} rows"),
        None => String::new(),
    };
    let status = if run.status == "ok" {
        String::new()
    } else {
        format!(" · {}", run.status)
    };
    format!(
        "{} ms{rows}{status} · {}",
        run.duration_ms,
        date_time(run.created_at)
    )
}

#[component]
fn RunItem(run: ConsoleRun, on_pick: Callback<String>) -> impl IntoView {
    let line = summary(&run);
    let failed = run.status != "ok";
    let title = run.error.clone().unwrap_or_else(|| run.sql.clone());
    let sql = run.sql;
    let load = sql.clone();
    view! {
        <li>
            <button
                type="button"
                class="block w-full rounded px-2 py-1 text-left hover:bg-accent-soft"
                title=title
                on:click=move |_| on_pick.run(load.clone())
                data-testid="history-item"
            >
                <span class="block truncate font-mono text-xs">{sql}</span>
                <span class="block text-xs text-muted" class:text-danger=failed>{line}</span>
            </button>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_run_is_summed_up_in_one_line() {
        let mut run = ConsoleRun {
            id: 1,
            sql: "SELECT 1".into(),
            duration_ms: 12,
            row_count: Some(3),
            status: "ok".into(),
            error: None,
            created_at: chrono::Utc.with_ymd_and_hms(2026, 12, 6, 16, 5, 0).unwrap(),
        };
        assert_eq!(summary(&run), "12 ms · 3 rows · 6 Dec 2026, 16:05 UTC");
        run.row_count = None;
        run.status = "timeout".into();
        assert_eq!(summary(&run), "12 ms · timeout · 6 Dec 2026, 16:05 UTC");
    }
}
