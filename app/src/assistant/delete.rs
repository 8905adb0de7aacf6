//! "Delete this conversation?": asked before a conversation and its answers go for good.

use leptos::prelude::*;

use super::ConversationSummary;
use crate::ui::modal::Modal;

/// Asks about the conversation `asking` holds; closing it empties `asking`.
#[component]
pub fn DeleteConversationDialog(
    asking: RwSignal<Option<ConversationSummary>>,
    /// Called with the conversation's id when the user confirms.
    on_confirm: Callback<String>,
) -> impl IntoView {
    let on_close = Callback::new(move |()| asking.set(None));
    move || {
        asking.get().map(|conversation| {
            let id = conversation.conversation_id.clone();
            view! {
                <Modal labelled_by="delete-conversation-title" on_close test_id="assistant-delete-dialog">
                    <h2 id="delete-conversation-title" class="text-lg font-semibold">"Delete this conversation?"</h2>
                    <p class="mt-2 break-words text-muted">
                        {format!("“{}” and its answers are deleted. This cannot be undone.", conversation.title)}
                    </p>
                    // Both buttons close the dialog (method="dialog"); "Delete" acts first.
                    <form method="dialog" class="mt-4 flex flex-wrap items-center justify-end gap-3">
                        <button value="cancel" class="btn-secondary">"Cancel"</button>
                        <button
                            value="delete"
                            class="btn-danger"
                            data-testid="assistant-confirm-delete"
                            on:click=move |_| on_confirm.run(id.clone())
                        >
                            "Delete conversation"
                        </button>
                    </form>
                </Modal>
            }
        })
    }
}
