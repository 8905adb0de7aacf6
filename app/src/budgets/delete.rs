//! "Delete the Dining budget?": opened by the card's link (`?delete=<id>`), so it works without
//! JavaScript; the server renders it open, and once live it becomes a modal dialog.

use leptos::{html, prelude::*};
use leptos_router::hooks::use_navigate;

use super::{Month, api::DeleteBudget, labels::month_href};
use crate::ui::{
    forms::{FormAlert, FormErrors, SubmitButton},
    toast::Toasts,
};

#[component]
pub fn DeleteDialog(
    id: i64,
    title: String,
    month: Month,
    reload: Callback<()>,
    toasts: Toasts,
) -> impl IntoView {
    let remove = ServerAction::<DeleteBudget>::new();
    let errors = FormErrors::new(remove.value(), &[]).scoped("delete-budget");
    let dialog = NodeRef::<html::Dialog>::new();
    let navigate = use_navigate();
    let back = month_href(month);
    Effect::new(move || {
        if let Some(dialog) = dialog.get() {
            dialog.close();
            let _ = dialog.show_modal();
        }
    });
    {
        let (navigate, back, title) = (navigate.clone(), back.clone(), title.clone());
        Effect::new(move || {
            if let Some(Ok(())) = remove.value().get() {
                toasts.show(format!("The {title} budget was deleted."), None);
                reload.run(());
                navigate(&back, Default::default());
            }
        });
    }
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        remove.dispatch(DeleteBudget { id });
    };
    // Closing with Escape leaves the dialog's address too. (Turning the server's open dialog into
    // a modal one closes it for a moment: that close finds it open again and is ignored.)
    let closed = {
        let back = back.clone();
        move |_| {
            let still_open = dialog.get_untracked().is_some_and(|dialog| dialog.open());
            if !still_open && remove.value().with_untracked(Option::is_none) {
                navigate(&back, Default::default());
            }
        }
    };
    view! {
        <dialog open node_ref=dialog class="dialog" aria-labelledby="delete-budget-title" on:close=closed data-testid="delete-budget">
            <h2 id="delete-budget-title" class="text-lg font-semibold">{format!("Delete the {title} budget?")}</h2>
            <p class="mt-2 text-muted">
                "It goes from every month, past ones included. Your expenses stay as they are."
            </p>
            <ActionForm action=remove attr:class="mt-4 space-y-4" on:submit:capture=submit>
                <FormAlert message=errors.general()/>
                <input type="hidden" name="id" value=id/>
                <div class="flex flex-wrap items-center justify-end gap-3">
                    <a href=back class="btn-secondary">"Cancel"</a>
                    <SubmitButton label="Delete budget" pending_label="Deleting…" class="btn-danger" pending=remove.pending()/>
                </div>
            </ActionForm>
        </dialog>
    }
}
