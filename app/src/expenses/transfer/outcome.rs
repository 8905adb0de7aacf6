//! What an import did: how many expenses it added, which lines it skipped as duplicates, which
//! categories it created.

use leptos::prelude::*;

use super::{
    ImportOutcome,
    review::{count_of, grouped},
};
use crate::ui::forms::focus_element;

/// More skipped lines than this are folded away behind their count.
const LINES_SHOWN_OPEN: usize = 10;

#[component]
pub fn ImportResult(outcome: ImportOutcome, on_again: Callback<()>) -> impl IntoView {
    let imported = format!(
        "Imported {}.",
        count_of(outcome.imported, "expense", "expenses")
    );
    let skipped = outcome.skipped_duplicates;
    let skipped = (!skipped.is_empty()).then(|| {
        let summary = if skipped.len() == 1 {
            "Skipped 1 row that looks like an expense you already have".to_string()
        } else {
            format!(
                "Skipped {} rows that look like expenses you already have",
                grouped(skipped.len() as i64)
            )
        };
        let lines = skipped
            .iter()
            .map(|line| grouped(*line))
            .collect::<Vec<_>>()
            .join(", ");
        let lines = format!(
            "{} {lines}.",
            if skipped.len() == 1 { "line" } else { "lines" }
        );
        if skipped.len() > LINES_SHOWN_OPEN {
            view! {
                <details data-testid="skipped-duplicates">
                    <summary class="cursor-pointer">{summary}"."</summary>
                    <p class="mt-1 text-sm text-muted" data-testid="skipped-lines">"In the file: "{lines}</p>
                </details>
            }
            .into_any()
        } else {
            view! {
                <p data-testid="skipped-duplicates">
                    {summary}": "<span data-testid="skipped-lines">{lines}</span>
                </p>
            }
            .into_any()
        }
    });
    let created = outcome.created_categories;
    let created = (!created.is_empty()).then(|| {
        let label = if created.len() == 1 {
            "Created the category"
        } else {
            "Created the categories"
        };
        view! { <p data-testid="created-categories">{format!("{label} {}.", created.join(", "))}</p> }
    });
    // The import button is hidden now; the keyboard continues at the outcome.
    Effect::new(move |_| focus_element("import-result-heading"));
    view! {
        <section role="status" class="card space-y-3 p-6" data-testid="import-result">
            <h2 id="import-result-heading" class="text-lg font-semibold" tabindex="-1">"Import finished"</h2>
            <p class="text-lg font-semibold text-accent" data-testid="imported-count">{imported}</p>
            {skipped}
            {created}
            <div class="flex flex-wrap items-center gap-3 pt-2">
                <a href="/expenses" class="btn-primary inline-flex">"View expenses"</a>
                <button type="button" class="btn-secondary" on:click=move |_| on_again.run(())>
                    "Import another file"
                </button>
            </div>
        </section>
    }
}
