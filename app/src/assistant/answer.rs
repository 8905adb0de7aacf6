//! One answer: the sentence, what to know about it (a notice, who answered, from the cache), the
//! result table, the chart when the result has a shape for one, and the SQL behind it on demand.

use leptos::prelude::*;

use super::{Reply, Source, chart::chart_data, table::ResultTable};
use crate::dashboard::charts::ChartCanvas;

fn source_label(source: Source) -> &'static str {
    match source {
        Source::Builtin => "Built-in",
        Source::Llm => "Language model",
    }
}

/// Questions to ask with one click; `busy` while another is being answered.
#[component]
pub fn SuggestionChips(
    suggestions: Vec<String>,
    on_ask: Callback<String>,
    #[prop(into)] busy: Signal<bool>,
    #[prop(default = "Try asking")] label: &'static str,
) -> impl IntoView {
    (!suggestions.is_empty()).then(|| {
        let chips = suggestions
            .into_iter()
            .map(|suggestion| {
                let question = suggestion.clone();
                view! {
                    <li>
                        <button
                            type="button"
                            class="rounded-full border border-line bg-surface px-3 py-1.5 text-left text-sm text-fg transition hover:bg-accent-soft disabled:cursor-not-allowed disabled:opacity-60"
                            data-testid="assistant-suggestion"
                            disabled=move || busy.get()
                            on:click=move |_| on_ask.run(question.clone())
                        >
                            {suggestion}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="space-y-2" data-testid="assistant-suggestions">
                <p class="text-sm font-medium text-muted">{label}</p>
                <ul class="flex flex-wrap gap-2">{chips}</ul>
            </div>
        }
    })
}

#[component]
fn SqlToggle(sql: String, id: String) -> impl IntoView {
    let shown = RwSignal::new(false);
    let code_id = format!("{id}-sql");
    view! {
        <div>
            <button
                type="button"
                class="text-sm text-link"
                aria-expanded=move || if shown.get() { "true" } else { "false" }
                aria-controls=code_id.clone()
                data-testid="assistant-sql-toggle"
                on:click=move |_| shown.update(|shown| *shown = !*shown)
            >
                {move || if shown.get() { "Hide SQL" } else { "Show SQL" }}
            </button>
            <pre
                id=code_id
                class="mt-2 overflow-x-auto rounded-lg bg-accent-soft p-3 text-xs"
                class:hidden=move || !shown.get()
            >
                <code data-testid="assistant-sql">{sql}</code>
            </pre>
        </div>
    }
}

#[component]
pub fn AnswerView(
    reply: Reply,
    base_currency: String,
    /// Unique on the page: the chart's and the SQL's element ids start with it.
    id: String,
    /// Whether this answer's follow-up suggestions show (only under the latest answer).
    #[prop(into)]
    suggestions_shown: Signal<bool>,
    on_ask: Callback<String>,
    #[prop(into)] busy: Signal<bool>,
) -> impl IntoView {
    let chart = chart_data(&reply, &base_currency).map(|data| {
        view! {
            <ChartCanvas
                id=format!("{id}-chart")
                data
                label="A chart of the result; the table above has its numbers".to_string()
                test_id="assistant-chart"
            />
        }
    });
    let Reply {
        answer,
        sql,
        columns,
        rows,
        truncated,
        source,
        cached,
        suggestions,
        notice,
        ..
    } = reply;
    let table = (!columns.is_empty() && !rows.is_empty())
        .then(|| view! { <ResultTable columns rows truncated base_currency/> });
    let sql = sql.map(|sql| view! { <SqlToggle sql id=id.clone()/> });
    view! {
        <article class="card min-w-0 space-y-3 p-4" data-testid="assistant-answer" aria-label="Answer">
            <p class="font-medium" data-testid="assistant-answer-text">{answer}</p>
            {notice.map(|notice| view! {
                <p class="rounded-lg border border-warning px-3 py-2 text-sm text-warning" data-testid="assistant-notice">{notice}</p>
            })}
            <p class="flex flex-wrap items-center gap-2 text-xs text-muted">
                <span class="badge" data-testid="assistant-source">{source_label(source)}</span>
                {cached.then(|| view! {
                    <span class="badge" data-testid="assistant-cached" title="The same question on unchanged data: answered from the cache">"cached"</span>
                })}
            </p>
            {table}
            {chart}
            {sql}
            {move || suggestions_shown.get().then(|| view! {
                <SuggestionChips suggestions=suggestions.clone() on_ask busy label="Ask next"/>
            })}
        </article>
    }
}
