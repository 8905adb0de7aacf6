//! A modal `<dialog>` for the live page: opened as soon as it is mounted, closed by Esc or by any
//! button in a `<form method="dialog">` inside it (the browser's own behaviour, which also traps
//! focus and gives it back afterwards). The caller mounts it while it has something to show and
//! unmounts it in `on_close`.

use leptos::{html, prelude::*};

#[component]
pub fn Modal(
    /// The id of the dialog's heading, its accessible name.
    labelled_by: &'static str,
    on_close: Callback<()>,
    #[prop(default = "dialog")] class: &'static str,
    #[prop(optional)] test_id: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move || {
        if let Some(dialog) = dialog.get() {
            let _ = dialog.show_modal();
        }
    });
    view! {
        // `m-auto` again as a utility: it centres the dialog even inside a `space-y-*` container,
        // whose margins (utilities) beat the `.dialog` component class.
        <dialog
            node_ref=dialog
            class=format!("m-auto {class}")
            aria-labelledby=labelled_by
            data-testid=test_id
            on:close=move |_| on_close.run(())
        >
            {children()}
        </dialog>
    }
}
