//! "Delete ann@example.com?": opened by the row's link (`?delete=<id>`), so it works without
//! JavaScript; the server renders it open, and once live it becomes a modal dialog. The
//! administrator types the user's email address to confirm: once live, the button stays disabled
//! until it matches (without JavaScript the server checks it and says so).

use leptos::{html, prelude::*};
use leptos_router::hooks::use_navigate;

use crate::{
    admin::{AdminUserView, api::DeleteUser},
    ui::{
        forms::{FormAlert, FormErrors},
        toast::Toasts,
    },
};

/// The id of the confirmation input (and the prefix of its messages' ids).
const CONFIRM_ID: &str = "delete-user-confirm_email";

/// The same comparison as the server's: surrounding spaces and letter case do not count.
fn confirms(typed: &str, email: &str) -> bool {
    typed.trim().eq_ignore_ascii_case(email)
}

#[component]
pub fn DeleteUserDialog(
    user: AdminUserView,
    /// The list without the dialog, where Cancel and a finished delete lead.
    back: String,
    reload: Callback<()>,
    toasts: Toasts,
) -> impl IntoView {
    let remove = ServerAction::<DeleteUser>::new();
    let errors = FormErrors::new(remove.value(), &["confirm_email"]).scoped("delete-user");
    let dialog = NodeRef::<html::Dialog>::new();
    let navigate = use_navigate();
    let typed = RwSignal::new(String::new());
    // Set once hydrated: the server's HTML keeps the button enabled, so the form works without
    // JavaScript, and the hydrated page renders the same before disabling it.
    let live = RwSignal::new(false);
    Effect::new(move || live.set(true));
    Effect::new(move || {
        if let Some(dialog) = dialog.get() {
            dialog.close();
            let _ = dialog.show_modal();
        }
    });
    let email = user.email.clone();
    {
        let (navigate, back, email) = (navigate.clone(), back.clone(), email.clone());
        Effect::new(move || {
            if let Some(Ok(())) = remove.value().get() {
                toasts.show(
                    format!("{email} and everything they recorded were deleted."),
                    None,
                );
                reload.run(());
                navigate(&back, Default::default());
            }
        });
    }
    let matches = {
        let email = email.clone();
        Memo::new(move |_| typed.with(|typed| confirms(typed, &email)))
    };
    let blocked = move || remove.pending().get() || (live.get() && !matches.get());
    let id = user.id;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if matches.get_untracked() {
            remove.dispatch(DeleteUser {
                user_id: id,
                confirm_email: typed.get_untracked(),
            });
        }
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
    let field_error = errors.field("confirm_email");
    let error_id = format!("{CONFIRM_ID}-error");
    let hint_id = format!("{CONFIRM_ID}-hint");
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            if field_error.with(Option::is_some) {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let what = match user.expense_count {
        1 => "1 expense".to_string(),
        count => format!("{count} expenses"),
    };
    view! {
        <dialog open node_ref=dialog class="dialog" aria-labelledby="delete-user-title" on:close=closed data-testid="delete-user-dialog">
            <h2 id="delete-user-title" class="text-lg font-semibold break-all">{format!("Delete {email}?")}</h2>
            <p class="mt-2 text-muted">
                {format!("This deletes the account of {} with everything they recorded: {what}, their budgets, categories, receipts and notifications. ", user.display_name)}
                "The activity log keeps its entries. This cannot be undone."
            </p>
            <ActionForm action=remove attr:class="mt-4 space-y-4" on:submit:capture=submit>
                <FormAlert message=errors.general()/>
                <input type="hidden" name="user_id" value=id/>
                <div class="field">
                    <label for=CONFIRM_ID class="field-label">"Type the user's email address to confirm"</label>
                    <p id=hint_id class="field-hint break-all">{email.clone()}</p>
                    <input
                        id=CONFIRM_ID
                        name="confirm_email"
                        type="text"
                        class="field-input"
                        autocomplete="off"
                        autocapitalize="none"
                        spellcheck="false"
                        data-testid="confirm-email"
                        aria-invalid=move || field_error.with(Option::is_some).then_some("true")
                        aria-describedby=described_by
                        on:input=move |event| typed.set(event_target_value(&event))
                    />
                    {move || field_error.get().map(|message| view! { <p id=error_id.clone() class="field-error">{message}</p> })}
                </div>
                <div class="flex flex-wrap items-center justify-end gap-3">
                    <a href=back class="btn-secondary">"Cancel"</a>
                    <button type="submit" class="btn-danger" disabled=blocked data-testid="confirm-delete">
                        {move || if remove.pending().get() { "Deleting…" } else { "Delete user" }}
                    </button>
                </div>
            </ActionForm>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typed_address_must_be_the_users_apart_from_case_and_spaces() {
        assert!(confirms(" Ann@Example.com ", "ann@example.com"));
        assert!(!confirms("ann@example.co", "ann@example.com"));
        assert!(!confirms("", "ann@example.com"));
    }
}
