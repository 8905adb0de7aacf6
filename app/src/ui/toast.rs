//! Short notices at the bottom of the screen ("Expense deleted — Undo"), announced politely to
//! screen readers and gone after a few seconds. Shown only after something the user did in the
//! live page, so they never take part in server rendering.

use std::time::Duration;

use leptos::prelude::*;

use super::icons::Icon;

/// How long a notice stays: long enough to reach its button.
pub const TOAST_DURATION: Duration = Duration::from_secs(6);

#[derive(Clone)]
struct Toast {
    id: u64,
    message: String,
    action: Option<(&'static str, Callback<()>)>,
}

/// The page's notices; `Copy`, so handlers can keep it.
#[derive(Clone, Copy)]
pub struct Toasts {
    shown: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    pub fn new() -> Self {
        Self {
            shown: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    /// Shows `message` (with an optional button, e.g. "Undo") for [`TOAST_DURATION`].
    pub fn show(self, message: impl Into<String>, action: Option<(&'static str, Callback<()>)>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.shown.update(|shown| {
            shown.push(Toast {
                id,
                message: message.into(),
                action,
            })
        });
        set_timeout(move || self.dismiss(id), TOAST_DURATION);
    }

    pub fn error(self, message: impl Into<String>) {
        self.show(message, None);
    }

    fn dismiss(self, id: u64) {
        self.shown
            .try_update(|shown| shown.retain(|toast| toast.id != id));
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

/// Where the notices appear; render it once on the page that owns `toasts`.
#[component]
pub fn ToastRegion(toasts: Toasts) -> impl IntoView {
    view! {
        <div class="toast-region" role="status" aria-live="polite" data-testid="toasts">
            <For each=move || toasts.shown.get() key=|toast| toast.id let:toast>
                {
                    let id = toast.id;
                    let action = toast.action.map(|(label, callback)| {
                        view! {
                            <button
                                type="button"
                                class="toast-action"
                                on:click=move |_| {
                                    toasts.dismiss(id);
                                    callback.run(());
                                }
                            >
                                {label}
                            </button>
                        }
                    });
                    view! {
                        <div class="toast" data-testid="toast">
                            <span>{toast.message}</span>
                            {action}
                            <button type="button" class="toast-close" aria-label="Dismiss" on:click=move |_| toasts.dismiss(id)>
                                <Icon name="x" class="h-4 w-4"/>
                            </button>
                        </div>
                    }
                }
            </For>
        </div>
    }
}
