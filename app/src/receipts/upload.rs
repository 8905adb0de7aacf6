//! The receipt field of the expense form. A file dropped on it or picked (the camera on a phone)
//! is uploaded at once, so saving the expense only sends the receipt's id. It needs JavaScript:
//! it appears once the page is live, and without it the rest of the form works as before.

use leptos::{html, prelude::*, task::spawn_local};

use super::{
    ACCEPTED_TYPES, ReceiptView,
    api::{delete_receipt, get_receipt},
    viewer::ReceiptSummary,
};
use crate::{AppError, ui::icons::Icon};

/// The receipt the form will attach, shared by the form (which sends it) and the field (which
/// sets it).
#[derive(Clone, Copy)]
pub struct ReceiptChoice {
    /// The receipt on show: the expense's own, or a new upload.
    chosen: RwSignal<Option<ReceiptView>>,
    /// The name of the file on its way to the server.
    uploading: RwSignal<Option<String>>,
    /// Why the last upload (or deletion) failed.
    failure: RwSignal<Option<String>>,
}

impl ReceiptChoice {
    pub fn new() -> Self {
        Self {
            chosen: RwSignal::new(None),
            uploading: RwSignal::new(None),
            failure: RwSignal::new(None),
        }
    }

    /// The receipt to send with the expense. Refused while an upload is under way: saving then
    /// would quietly leave the receipt out.
    pub fn ready(self) -> Result<Option<i64>, AppError> {
        if self.uploading.with_untracked(Option::is_some) {
            return Err(AppError::validation(
                "receipt",
                "Wait until the receipt has finished uploading.",
            ));
        }
        Ok(self
            .chosen
            .with_untracked(|chosen| chosen.as_ref().map(|receipt| receipt.id)))
    }

    /// Empties the field once the expense is saved.
    pub fn clear(self) {
        self.chosen.set(None);
        self.failure.set(None);
    }
}

impl Default for ReceiptChoice {
    fn default() -> Self {
        Self::new()
    }
}

/// Sends one file as the `file` field of a multipart form.
#[cfg(feature = "hydrate")]
async fn send(file: web_sys::File) -> Result<ReceiptView, AppError> {
    let form = web_sys::FormData::new().map_err(|_| AppError::Internal)?;
    form.append_with_blob_and_filename("file", &file, &file.name())
        .map_err(|_| AppError::Internal)?;
    super::api::upload_receipt(form.into()).await
}

#[component]
pub fn ReceiptField(
    choice: ReceiptChoice,
    /// The receipt the expense already has (when editing).
    attached: Option<i64>,
    /// The file input's id: the form focuses it when the receipt is not ready.
    #[prop(into)]
    id: String,
    /// The form's own message about the receipt.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let live = RwSignal::new(false);
    let failure = choice.failure;
    let notice = RwSignal::new(None::<&'static str>);
    // The expense's stored receipt, so "Remove" on a replacement goes back to it.
    let stored = RwSignal::new(None::<ReceiptView>);
    let loading = RwSignal::new(attached.is_some());
    Effect::new(move || {
        live.set(true);
        if let Some(id) = attached {
            spawn_local(async move {
                let loaded = get_receipt(id).await;
                loading.set(false);
                match loaded {
                    Ok(receipt) => {
                        stored.set(Some(receipt.clone()));
                        choice.chosen.set(Some(receipt));
                    }
                    Err(error) => {
                        failure.set(Some(format!("The receipt could not be loaded: {error}")))
                    }
                }
            });
        }
    });

    #[cfg(feature = "hydrate")]
    let upload = move |file: web_sys::File| {
        failure.set(None);
        notice.set(None);
        choice.uploading.set(Some(file.name()));
        spawn_local(async move {
            let result = send(file).await;
            choice.uploading.set(None);
            match result {
                Ok(receipt) => choice.chosen.set(Some(receipt)),
                Err(error) => failure.set(Some(error.to_string())),
            }
        });
    };
    let on_pick = move |event: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let input = event_target::<web_sys::HtmlInputElement>(&event);
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                upload(file);
            }
            // Picking the same file again must still be noticed.
            input.set_value("");
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    };
    let dragging = RwSignal::new(false);
    let on_drop = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        #[cfg(feature = "hydrate")]
        if let Some(file) = event
            .data_transfer()
            .and_then(|data| data.files())
            .and_then(|files| files.get(0))
        {
            upload(file);
        }
    };
    let input = NodeRef::<html::Input>::new();
    let replace = Callback::new(move |()| {
        if let Some(input) = input.get_untracked() {
            input.click();
        }
    });
    // Only a new upload is removed: the stored receipt stays until the replacement is saved,
    // and the server deletes it then. The unwanted upload goes at once (the server's sweep would
    // remove it a day later, so a failure here is not worth the user's attention).
    let remove = Callback::new(move |()| {
        failure.set(None);
        if let Some(upload) = choice.chosen.get_untracked() {
            spawn_local(async move {
                let _ = delete_receipt(upload.id).await;
            });
        }
        choice.chosen.set(stored.get_untracked());
    });
    let delete_stored = Callback::new(move |()| {
        let Some(receipt) = stored.get_untracked() else {
            return;
        };
        failure.set(None);
        spawn_local(async move {
            match delete_receipt(receipt.id).await {
                Ok(()) => {
                    stored.set(None);
                    choice.chosen.set(None);
                    notice.set(Some("Receipt deleted."));
                }
                Err(error) => {
                    failure.set(Some(format!("The receipt could not be deleted: {error}")))
                }
            }
        });
    });
    let occupied = move || {
        loading.get()
            || choice.uploading.with(Option::is_some)
            || choice.chosen.with(Option::is_some)
    };
    let preview = move || {
        if loading.get() {
            return view! { <p class="text-sm text-muted">"Loading the receipt…"</p> }.into_any();
        }
        if let Some(name) = choice.uploading.get() {
            return view! {
                <div class="space-y-2 rounded-lg border border-line p-3">
                    <p class="text-sm">{format!("Uploading {name}…")}</p>
                    <progress class="w-full" aria-label="Uploading the receipt"></progress>
                </div>
            }
            .into_any();
        }
        let Some(receipt) = choice.chosen.get() else {
            return ().into_any();
        };
        let is_stored =
            stored.with(|stored| stored.as_ref().map(|stored| stored.id)) == Some(receipt.id);
        view! { <ReceiptPreview receipt is_stored replace remove delete_stored/> }.into_any()
    };
    let message = move || failure.get().or_else(|| error.get());

    move || {
        live.get().then(|| {
            let id = id.clone();
            let hint_id = format!("{id}-hint");
            let error_id = format!("{id}-error");
            view! {
                <div class="field" data-testid="receipt-field">
                    <p class="field-label">"Receipt"</p>
                    <label
                        class="flex cursor-pointer flex-col items-center gap-1 rounded-lg border-2 border-dashed border-line p-4 text-center text-sm text-muted transition hover:bg-accent-soft focus-within:border-accent focus-within:ring-2 focus-within:ring-accent"
                        class:bg-accent-soft=move || dragging.get()
                        class:hidden=occupied
                        on:dragover=move |event: leptos::ev::DragEvent| {
                            event.prevent_default();
                            dragging.set(true);
                        }
                        on:dragleave=move |_| dragging.set(false)
                        on:drop=on_drop
                    >
                        <Icon name="file-up" class="h-6 w-6"/>
                        <span class="font-medium text-fg">"Drop a photo or PDF of the receipt here, or choose a file"</span>
                        <span id=hint_id.clone()>"JPEG, PNG, WebP or PDF. On a phone you can take a photo."</span>
                        <input
                            id=id
                            node_ref=input
                            type="file"
                            name="file"
                            accept=ACCEPTED_TYPES
                            capture="environment"
                            class="sr-only"
                            aria-invalid=move || message().is_some().then_some("true")
                            aria-describedby=format!("{hint_id} {error_id}")
                            on:change=on_pick
                        />
                    </label>
                    {preview}
                    <p role="status" class="text-sm text-accent" data-testid="receipt-status">{move || notice.get()}</p>
                    <p id=error_id role="alert" class="field-error" data-testid="receipt-error">{message}</p>
                </div>
            }
        })
    }
}

/// The chosen receipt with what can be done to it: a new upload can be removed, the expense's
/// stored receipt replaced or deleted.
#[component]
fn ReceiptPreview(
    receipt: ReceiptView,
    is_stored: bool,
    replace: Callback<()>,
    remove: Callback<()>,
    delete_stored: Callback<()>,
) -> impl IntoView {
    let actions = if is_stored {
        view! {
            <button type="button" class="btn-secondary" on:click=move |_| replace.run(())>"Replace"</button>
            <button type="button" class="btn-danger" on:click=move |_| delete_stored.run(())>"Delete receipt"</button>
        }
        .into_any()
    } else {
        view! { <button type="button" class="btn-secondary" on:click=move |_| remove.run(())>"Remove"</button> }
            .into_any()
    };
    view! {
        <div class="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-line p-3" data-testid="receipt-preview">
            <ReceiptSummary receipt/>
            <div class="flex flex-wrap gap-2">{actions}</div>
        </div>
    }
}
