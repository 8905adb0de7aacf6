//! The SQL editor: a plain textarea whose text is transparent, over a `<pre>` that shows the same
//! text coloured. The colouring is built as text nodes in spans, so nothing typed becomes markup.

use leptos::{ev::KeyboardEvent, html, prelude::*};

use super::highlight::highlight;

pub const EDITOR_ID: &str = "sql-editor";

/// Both layers share these, so every character sits in the same place in each.
const LAYER: &str = "m-0 whitespace-pre-wrap break-words p-3 font-mono text-sm leading-6 [scrollbar-gutter:stable] [overflow-wrap:anywhere]";

#[component]
pub fn SqlEditor(sql: RwSignal<String>, on_run: Callback<()>) -> impl IntoView {
    let textarea = NodeRef::<html::Textarea>::new();
    let overlay = NodeRef::<html::Pre>::new();
    let coloured = move || {
        let pieces = sql.with(|sql| highlight(sql));
        let pieces = pieces
            .into_iter()
            .map(|token| view! { <span class=token.kind.class()>{token.text}</span> })
            .collect_view();
        // A last line break only shows when something follows it.
        view! { {pieces}" " }
    };
    let follow_scroll = move |_| {
        if let (Some(textarea), Some(overlay)) = (textarea.get_untracked(), overlay.get_untracked())
        {
            overlay.set_scroll_top(textarea.scroll_top());
            overlay.set_scroll_left(textarea.scroll_left());
        }
    };
    let keydown = move |event: KeyboardEvent| {
        if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
            event.prevent_default();
            on_run.run(());
        }
    };
    view! {
        <div class="relative overflow-hidden rounded-lg border border-line bg-surface focus-within:border-accent focus-within:ring-2 focus-within:ring-accent/30">
            <pre aria-hidden="true" node_ref=overlay class=format!("pointer-events-none absolute inset-0 overflow-hidden {LAYER}")>
                {coloured}
            </pre>
            <textarea
                id=EDITOR_ID
                node_ref=textarea
                rows="8"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                aria-label="SQL query"
                aria-describedby="sql-editor-hint"
                placeholder="SELECT * FROM expenses LIMIT 50"
                class=format!("relative block min-h-40 w-full resize-y overflow-auto bg-transparent text-transparent caret-fg outline-none placeholder:text-muted selection:bg-accent/25 {LAYER}")
                prop:value=move || sql.get()
                on:input=move |event| sql.set(event_target_value(&event))
                on:keydown=keydown
                on:scroll=follow_scroll
                data-testid="sql-editor"
            ></textarea>
        </div>
    }
}
