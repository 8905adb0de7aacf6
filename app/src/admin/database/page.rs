//! `/admin/database`: the SQL console. The schema and the administrator's past queries on the
//! left, the editor with Run and Explain (and, when the server allows it, write mode), then the
//! result grid or the plan.

use leptos::{prelude::*, task::spawn_local};
use leptos_meta::Title;

use super::{
    editor::{EDITOR_ID, SqlEditor},
    grid::ResultGrid,
    history::HistoryList,
    plan::PlanView,
    schema::SchemaBrowser,
    write_mode::WriteModeBar,
};
use crate::{
    admin::{
        api::{execute_statement, explain_query, list_tables, run_query},
        console::{ConsoleQuery, ConsoleResult, ExplainResult},
        nav::AdminHeader,
    },
    ui::forms::focus_element,
};

/// What the last Run or Explain gave.
#[derive(Clone)]
enum Outcome {
    Rows(ConsoleResult),
    Plan(ExplainResult),
    Failed(String),
}

/// A failure's heading, from the server's message: a refused write, a timeout, a syntax error.
fn failure_title(message: &str) -> &'static str {
    if message.contains("read-only") {
        "Refused: the console is read-only"
    } else if message.contains("longer than") {
        "Timed out"
    } else if message.to_ascii_lowercase().contains("syntax error") {
        "Syntax error"
    } else {
        "The query failed"
    }
}

/// The console's state; `Copy`, so every handler can hold it.
#[derive(Clone, Copy)]
struct Console {
    sql: RwSignal<String>,
    outcome: RwSignal<Option<Outcome>>,
    busy: RwSignal<bool>,
    /// Counts the runs sent from this page, so the history reloads after each.
    runs: RwSignal<u32>,
    /// Numbers each request, so only the answer to the latest one is shown.
    ticket: StoredValue<u64>,
}

impl Console {
    fn new() -> Self {
        Self {
            sql: RwSignal::new(String::new()),
            outcome: RwSignal::new(None),
            busy: RwSignal::new(false),
            runs: RwSignal::new(0),
            ticket: StoredValue::new(0),
        }
    }

    /// The query to send and its ticket, or `None` (and a message) when the editor is empty.
    fn start(self) -> Option<(ConsoleQuery, u64)> {
        let sql = self.sql.get_untracked().trim().to_string();
        if sql.is_empty() {
            self.outcome
                .set(Some(Outcome::Failed("Write a query to run.".into())));
            return None;
        }
        self.ticket.update_value(|ticket| *ticket += 1);
        self.busy.set(true);
        self.outcome.set(None);
        Some((ConsoleQuery { sql }, self.ticket.get_value()))
    }

    fn finish(self, ticket: u64, outcome: Outcome) {
        self.runs.update(|runs| *runs += 1);
        if self.ticket.try_get_value() == Some(ticket) {
            self.busy.set(false);
            self.outcome.set(Some(outcome));
        }
    }

    /// Sends the editor's query with `send` and shows what it gives.
    fn send<F>(self, send: impl FnOnce(ConsoleQuery) -> F + 'static)
    where
        F: Future<Output = Outcome> + 'static,
    {
        if let Some((query, ticket)) = self.start() {
            spawn_local(async move {
                let outcome = send(query).await;
                self.finish(ticket, outcome);
            });
        }
    }

    fn run(self) {
        self.send(|query| async move {
            run_query(query)
                .await
                .map_or_else(|error| Outcome::Failed(error.to_string()), Outcome::Rows)
        });
    }

    fn execute(self) {
        self.send(|query| async move {
            execute_statement(query)
                .await
                .map_or_else(|error| Outcome::Failed(error.to_string()), Outcome::Rows)
        });
    }

    fn explain(self) {
        self.send(|query| async move {
            explain_query(query)
                .await
                .map_or_else(|error| Outcome::Failed(error.to_string()), Outcome::Plan)
        });
    }

    /// Puts `sql` in the editor and the cursor there.
    fn load(self, sql: String) {
        self.sql.set(sql);
        focus_element(EDITOR_ID);
    }
}

#[component]
pub fn DatabasePage() -> impl IntoView {
    let tables = Resource::new(|| (), |()| list_tables());
    let console = Console::new();
    let on_pick = Callback::new(move |sql: String| console.load(sql));
    view! {
        <Title text="Database · Admin"/>
        <div class="mx-auto w-full max-w-7xl space-y-6">
            <AdminHeader title="Database"/>
            <div class="grid gap-6 lg:grid-cols-[17rem_minmax(0,1fr)]">
                <aside class="space-y-6" aria-label="Schema and history">
                    <section class="card p-4" aria-labelledby="schema-title">
                        <h2 id="schema-title" class="mb-2 font-semibold">"Tables"</h2>
                        <Transition fallback=|| view! { <p class="text-sm text-muted">"Loading tables…"</p> }>
                            {move || Suspend::new(async move {
                                let tables = tables.await;
                                view! { <SchemaBrowser tables on_pick/> }
                            })}
                        </Transition>
                    </section>
                    <HistoryList runs=console.runs.into() on_pick/>
                </aside>
                <div class="min-w-0 space-y-6">
                    <EditorCard console/>
                    <OutcomeView console/>
                </div>
            </div>
        </div>
    }
}

#[component]
fn EditorCard(console: Console) -> impl IntoView {
    let on_run = Callback::new(move |()| console.run());
    let on_execute = Callback::new(move |()| console.execute());
    let busy = console.busy;
    view! {
        <section class="card space-y-3 p-4" aria-label="Query">
            <SqlEditor sql=console.sql on_run/>
            <div class="flex flex-wrap items-center gap-3">
                <button type="button" class="btn-primary inline-flex" disabled=move || busy.get() on:click=move |_| console.run() data-testid="run-query">
                    "Run"
                </button>
                <button type="button" class="btn-secondary" disabled=move || busy.get() on:click=move |_| console.explain() data-testid="explain-query">
                    "Explain"
                </button>
                <p id="sql-editor-hint" class="text-sm text-muted">
                    <kbd class="kbd">"Ctrl"</kbd>" + "<kbd class="kbd">"Enter"</kbd>" (or "<kbd class="kbd">"⌘"</kbd>" + "<kbd class="kbd">"Enter"</kbd>") runs the query."
                </p>
                <p class="w-full text-sm text-muted" data-testid="read-only-note">
                    "Run is read-only: one SELECT at a time. Writes are refused, password and token hashes are masked, long results are cut off and slow queries stopped."
                </p>
            </div>
            <WriteModeBar on_execute busy=busy.into()/>
        </section>
    }
}

#[component]
fn OutcomeView(console: Console) -> impl IntoView {
    let outcome = move || {
        match console.outcome.get() {
        Some(Outcome::Rows(result)) => view! { <ResultGrid result/> }.into_any(),
        Some(Outcome::Plan(plan)) => view! { <PlanView plan/> }.into_any(),
        Some(Outcome::Failed(message)) => view! {
            <section role="alert" class="form-alert space-y-1 px-4 py-3" data-testid="console-error">
                <h2 class="font-semibold">{failure_title(&message)}</h2>
                <p class="font-normal break-words">{message}</p>
            </section>
        }
        .into_any(),
        None if console.busy.get() => {
            view! { <p class="text-muted" data-testid="console-busy">"Running…"</p> }.into_any()
        }
        None => view! {
            <p class="card p-8 text-center text-muted">"Run a query to see its result here, or Explain it to see its plan."</p>
        }
        .into_any(),
    }
    };
    view! { <div aria-live="polite">{outcome}</div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_named_by_their_cause() {
        assert_eq!(
            failure_title(
                "The console is read-only: only SELECT (or EXPLAIN of a SELECT) runs here."
            ),
            "Refused: the console is read-only"
        );
        assert_eq!(
            failure_title("The query took longer than 5s and was stopped."),
            "Timed out"
        );
        assert_eq!(
            failure_title("Syntax error: Expected: an expression"),
            "Syntax error"
        );
        assert_eq!(
            failure_title("near \"nothing\": syntax error"),
            "Syntax error"
        );
    }
}
