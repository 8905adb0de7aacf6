//! Showing a stored receipt: the viewer dialog opened from the expense table, and the summary
//! (thumbnail or document icon, name, size) that the upload field shows too.

use leptos::prelude::*;

use super::{ReceiptView, api::get_receipt, file_url, thumbnail_url};
use crate::ui::{icons::Icon, modal::Modal};

/// A file size for people: "820 bytes", "84 KB", "2.4 MB".
pub fn size_label(bytes: i64) -> String {
    const KB: f64 = 1024.0;
    let size = bytes as f64;
    if size < KB {
        format!("{bytes} bytes")
    } else if size < KB * KB {
        format!("{:.0} KB", size / KB)
    } else {
        format!("{:.1} MB", size / (KB * KB))
    }
}

/// The file again, as a download rather than shown in the browser.
fn download_url(id: i64) -> String {
    format!("{}?download=true", file_url(id))
}

#[component]
fn NameAndSize(receipt: ReceiptView) -> impl IntoView {
    view! {
        <div class="min-w-0">
            <p class="truncate font-medium" title=receipt.original_name.clone() data-testid="receipt-name">
                {receipt.original_name.clone()}
            </p>
            <p class="text-sm text-muted" data-testid="receipt-size">{size_label(receipt.byte_size)}</p>
        </div>
    }
}

/// A receipt at a glance: its thumbnail (images) or a document icon (PDFs), name and size.
#[component]
pub fn ReceiptSummary(receipt: ReceiptView) -> impl IntoView {
    // The picture is decorative: the name beside it says what it is.
    let picture = if receipt.has_thumbnail {
        view! {
            <img
                src=thumbnail_url(receipt.id)
                alt=""
                class="h-14 w-14 shrink-0 rounded-md border border-line object-cover"
                data-testid="receipt-thumbnail"
            />
        }
        .into_any()
    } else {
        view! {
            <span class="flex h-14 w-14 shrink-0 items-center justify-center rounded-md bg-accent-soft text-accent">
                <Icon name="file-text" class="h-7 w-7"/>
            </span>
        }
        .into_any()
    };
    view! {
        <div class="flex min-w-0 items-center gap-3">
            {picture}
            <NameAndSize receipt/>
        </div>
    }
}

/// The viewer for the receipt whose id `viewing` holds; closing it (its button, Esc) empties
/// `viewing`. Details are loaded when it opens, since the table only knows the receipt's id.
#[component]
pub fn ReceiptViewer(viewing: RwSignal<Option<i64>>) -> impl IntoView {
    let on_close = Callback::new(move |()| viewing.set(None));
    move || {
        viewing.get().map(|id| {
            let receipt = LocalResource::new(move || get_receipt(id));
            view! {
                <Modal labelled_by="receipt-title" on_close class="dialog w-[min(94vw,44rem)]" test_id="receipt-viewer">
                    <form method="dialog" class="flex items-center justify-between gap-3">
                        <h2 id="receipt-title" class="text-lg font-semibold">"Receipt"</h2>
                        <button class="icon-button" aria-label="Close">
                            <Icon name="x"/>
                        </button>
                    </form>
                    {move || match receipt.get() {
                        None => view! { <p role="status" class="mt-4 text-muted">"Loading the receipt…"</p> }.into_any(),
                        Some(Err(error)) => view! { <p role="alert" class="form-alert mt-4">{error.to_string()}</p> }.into_any(),
                        Some(Ok(receipt)) => view! { <ReceiptDetails receipt/> }.into_any(),
                    }}
                </Modal>
            }
        })
    }
}

/// An image is shown whole; a PDF is offered as a download only, because the server never lets
/// the browser render one in our pages.
#[component]
fn ReceiptDetails(receipt: ReceiptView) -> impl IntoView {
    let id = receipt.id;
    let is_image = receipt.is_image();
    let image = is_image.then(|| {
        view! {
            <img
                src=file_url(id)
                alt=format!("Receipt {}", receipt.original_name)
                class="mx-auto mt-4 block max-h-[65vh] max-w-full rounded-lg border border-line object-contain"
                data-testid="receipt-image"
            />
        }
    });
    let (about, label) = if is_image {
        (view! { <NameAndSize receipt/> }.into_any(), "Download")
    } else {
        (
            view! { <ReceiptSummary receipt/> }.into_any(),
            "Download PDF",
        )
    };
    view! {
        {image}
        <div class="mt-4 flex flex-wrap items-center justify-between gap-3">
            {about}
            <a href=download_url(id) class="btn-secondary gap-2">
                <Icon name="download" class="h-4 w-4"/>
                {label}
            </a>
        </div>
    }
}
