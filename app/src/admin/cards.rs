//! The cards the admin pages share: a row of figures, and a titled table.

use leptos::prelude::*;

/// A row of figures, each with a title above and a note below.
#[component]
pub fn StatCards(
    label: &'static str,
    testid: &'static str,
    cards: Vec<(&'static str, String, String)>,
) -> impl IntoView {
    let cards = cards
        .into_iter()
        .map(|(title, figure, note)| {
            view! {
                <div class="card p-4">
                    <p class="text-sm text-muted">{title}</p>
                    <p class="mt-1 text-2xl font-semibold tabular-nums">{figure}</p>
                    <p class="text-xs text-muted">{note}</p>
                </div>
            }
        })
        .collect_view();
    view! { <section aria-label=label class="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid=testid>{cards}</section> }
}

/// A column heading; numbers are right-aligned.
pub type Heading = (&'static str, bool);

/// A table in a card with a heading, or a note when there is nothing to list.
#[component]
pub fn TableCard(
    title: &'static str,
    id: &'static str,
    empty: &'static str,
    headings: &'static [Heading],
    rows: Vec<AnyView>,
) -> impl IntoView {
    let heading = format!("{id}-title");
    let labelled_by = heading.clone();
    let table = if rows.is_empty() {
        view! { <p class="text-sm text-muted">{empty}</p> }.into_any()
    } else {
        let headings = headings
            .iter()
            .map(|(name, numeric)| {
                view! { <th scope="col" class="pb-2 pr-3" class:text-right=*numeric>{*name}</th> }
            })
            .collect_view();
        view! {
            <div class="overflow-x-auto">
                <table class="w-full text-left text-sm">
                    <thead class="text-xs uppercase text-muted"><tr>{headings}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card min-w-0 p-4" aria-labelledby=labelled_by data-testid=id>
            <h2 id=heading class="mb-3 font-semibold">{title}</h2>
            {table}
        </section>
    }
}
