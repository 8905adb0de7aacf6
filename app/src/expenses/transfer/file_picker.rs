//! Step 1 of an import: a CSV file chosen with the picker or dropped on the box, read in the
//! browser with `FileReader` (whose progress events let a big file show it is moving).

use leptos::{ev, prelude::*};

/// Where reading reports to: the file's name when it starts, the percentage read, then the text
/// or what went wrong. Only the browser reads files, so the server build never calls them.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct ReadHandlers {
    pub started: Callback<String>,
    pub progress: Callback<u32>,
    pub loaded: Callback<String>,
    pub failed: Callback<String>,
}

#[component]
pub fn FilePicker(
    /// False until the page is live: a file chosen before hydration would go nowhere.
    #[prop(into)]
    enabled: Signal<bool>,
    /// The percentage read while a file is being read.
    #[prop(into)]
    reading: Signal<Option<u32>>,
    handlers: ReadHandlers,
) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let on_drop = move |event: ev::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        if enabled.get_untracked() {
            read_dropped(&event, handlers);
        }
    };
    let on_change = move |event: ev::Event| read_chosen(&event, handlers);
    view! {
        <div
            class="card flex flex-col items-center gap-3 border-2 border-dashed p-8 text-center transition"
            class:border-accent=move || dragging.get()
            class:bg-accent-soft=move || dragging.get()
            data-testid="dropzone"
            on:dragover=move |event: ev::DragEvent| {
                event.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <p class="font-semibold">"Drop a CSV file here, or choose one"</p>
            <div class="field w-full max-w-sm text-left">
                <label for="import-file" class="field-label">"CSV file"</label>
                <input
                    id="import-file"
                    type="file"
                    accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
                    class="field-input"
                    disabled=move || !enabled.get()
                    aria-describedby="import-file-hint"
                    on:change=on_change
                />
                <p id="import-file-hint" class="field-hint">
                    "Comma, semicolon or tab separated, with the column names on the first line."
                </p>
            </div>
            {move || {
                reading
                    .get()
                    .map(|percent| {
                        view! {
                            <div role="status" class="w-full max-w-sm space-y-1" data-testid="reading">
                                <p class="text-sm text-muted">{format!("Reading file… {percent} %")}</p>
                                <progress class="w-full" max="100" value=percent aria-label="Reading file"></progress>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// The file of the picker's `change` event; the picker is emptied, so the same file can be
/// chosen again after it changed on disk.
fn read_chosen(event: &ev::Event, handlers: ReadHandlers) {
    #[cfg(feature = "hydrate")]
    {
        let input: web_sys::HtmlInputElement = event_target(event);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            input.set_value("");
            browser::read(file, handlers);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (event, handlers);
}

fn read_dropped(event: &ev::DragEvent, handlers: ReadHandlers) {
    #[cfg(feature = "hydrate")]
    match event
        .data_transfer()
        .and_then(|transfer| transfer.files())
        .and_then(|files| files.get(0))
    {
        Some(file) => browser::read(file, handlers),
        None => {
            handlers
                .failed
                .try_run("Drop a file from your computer.".into());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (event, handlers);
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::Callable;
    use wasm_bindgen::{JsCast, closure::Closure};
    use web_sys::{File, FileReader, ProgressEvent};

    use super::ReadHandlers;

    const UNREADABLE: &str =
        "The file could not be read. Check that it is still there and try again.";

    pub fn read(file: File, handlers: ReadHandlers) {
        let Ok(reader) = FileReader::new() else {
            handlers.failed.try_run(UNREADABLE.into());
            return;
        };
        handlers.started.try_run(file.name());
        let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| {
            if event.length_computable() && event.total() > 0.0 {
                let percent = (event.loaded() / event.total() * 100.0).floor() as u32;
                handlers.progress.try_run(percent.min(100));
            }
        });
        reader.set_onprogress(Some(progress.as_ref().unchecked_ref()));
        let finished = reader.clone();
        // `loadend` comes once, after success or failure; the progress handler goes with it.
        let on_end = Closure::once_into_js(move |_: ProgressEvent| {
            finished.set_onprogress(None);
            drop(progress);
            match finished.result().ok().and_then(|result| result.as_string()) {
                Some(text) => handlers.loaded.try_run(text),
                None => handlers.failed.try_run(UNREADABLE.into()),
            };
        });
        reader.set_onloadend(Some(on_end.unchecked_ref()));
        if reader.read_as_text(&file).is_err() {
            handlers.failed.try_run(UNREADABLE.into());
        }
    }
}
