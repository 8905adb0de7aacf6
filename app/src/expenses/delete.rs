//! Deleting an expense that has a receipt first asks whether the receipt goes too. The receipt
//! stays unless asked, so "Undo" can bring the expense back with it.

use leptos::prelude::*;

use crate::ui::modal::Modal;

/// What the table asks the page to delete.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeleteRequest {
    pub id: i64,
    pub delete_receipt: bool,
}

/// Asks about the expense `asking` holds (its id and description); closing it empties `asking`.
#[component]
pub fn DeleteWithReceiptDialog(
    asking: RwSignal<Option<(i64, String)>>,
    on_delete: Callback<DeleteRequest>,
) -> impl IntoView {
    let on_close = Callback::new(move |()| asking.set(None));
    move || {
        asking.get().map(|(id, label)| {
            let also_receipt = RwSignal::new(false);
            let confirm = move |_| {
                on_delete.run(DeleteRequest {
                    id,
                    delete_receipt: also_receipt.get_untracked(),
                })
            };
            view! {
                <Modal labelled_by="delete-expense-title" on_close test_id="delete-expense-dialog">
                    <h2 id="delete-expense-title" class="text-lg font-semibold">"Delete this expense?"</h2>
                    <p class="mt-2 text-muted">{format!("{label} has a receipt attached.")}</p>
                    // Both buttons close the dialog (method="dialog"); "Delete" acts first.
                    <form method="dialog" class="mt-4 space-y-4">
                        <label class="flex items-center gap-2">
                            <input type="checkbox" class="h-4 w-4" bind:checked=also_receipt/>
                            "Also delete its receipt"
                        </label>
                        <p class="text-sm text-muted">
                            "A receipt you keep stays a day, so Undo can bring the expense back with it; then it is cleaned up."
                        </p>
                        <div class="flex flex-wrap items-center justify-end gap-3">
                            <button value="cancel" class="btn-secondary">"Cancel"</button>
                            <button value="delete" class="btn-danger" on:click=confirm>"Delete expense"</button>
                        </div>
                    </form>
                </Modal>
            }
        })
    }
}
