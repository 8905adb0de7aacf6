//! `/expenses/import`: expenses from a CSV file. The file is read in the browser and previewed by
//! the server, the user checks the detected columns and notation, then imports: every row in one
//! transaction, or none and the first bad line named. The file stays in the page for retries.

use leptos::{prelude::*, task::spawn_local};
use leptos_meta::Title;

use super::{
    ImportPreview,
    file_picker::{FilePicker, ReadHandlers},
    review::ReviewStep,
};
use crate::expenses::api::preview_import;

#[component]
pub fn ImportPage() -> impl IntoView {
    // The server renders the page inert with a note; effects run only in the live page.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));

    let file_name = RwSignal::new(None::<String>);
    let csv = StoredValue::new(String::new());
    let reading = RwSignal::new(None::<u32>);
    let checking = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let preview = RwSignal::new(None::<ImportPreview>);
    // Each file read counts up, so a slow preview of an earlier file cannot replace a later one.
    let generation = StoredValue::new(0_u64);

    let reset = move || {
        generation.update_value(|generation| *generation += 1);
        preview.set(None);
        problem.set(None);
        checking.set(false);
    };
    let handlers = ReadHandlers {
        started: Callback::new(move |name: String| {
            reset();
            file_name.set(Some(name));
            reading.set(Some(0));
        }),
        progress: Callback::new(move |percent| reading.set(Some(percent))),
        loaded: Callback::new(move |text: String| {
            reading.set(None);
            checking.set(true);
            let current = generation.get_value();
            csv.set_value(text.clone());
            spawn_local(async move {
                let answer = preview_import(text).await;
                if generation.try_get_value() != Some(current) {
                    return;
                }
                checking.try_set(false);
                match answer {
                    Ok(answer) => {
                        preview.try_set(Some(answer));
                    }
                    Err(error) => {
                        problem.try_set(Some(error.to_string()));
                    }
                }
            });
        }),
        failed: Callback::new(move |message: String| {
            reading.set(None);
            problem.set(Some(message));
        }),
    };
    let on_again = Callback::new(move |()| {
        reset();
        file_name.set(None);
        csv.set_value(String::new());
    });

    view! {
        <Title text="Import expenses"/>
        <div class="mx-auto w-full max-w-5xl space-y-6">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold tracking-tight">"Import expenses"</h1>
                <a href="/expenses" class="text-link">"Back to expenses"</a>
            </div>
            <p class="text-muted">
                "Bring in expenses from a bank export or a spreadsheet saved as CSV. Nothing is saved until you import, and a file is imported whole or not at all."
            </p>
            <p class="form-alert" class:hidden=move || live.get() data-testid="needs-javascript">
                "Import needs JavaScript: the file is read in your browser. Turn JavaScript on and reload the page."
            </p>
            <section class="space-y-3" class:hidden=move || preview.with(Option::is_some) aria-labelledby="import-file-heading">
                <h2 id="import-file-heading" class="text-lg font-semibold">"1. Choose a file"</h2>
                <FilePicker enabled=live reading handlers/>
            </section>
            {move || {
                file_name
                    .get()
                    .map(|name| {
                        view! {
                            <p class="text-sm" data-testid="chosen-file">
                                "File: "<span class="font-medium">{name}</span>
                            </p>
                        }
                    })
            }}
            {move || {
                checking
                    .get()
                    .then(|| view! { <p role="status" class="text-sm text-muted">"Checking the file…"</p> })
            }}
            {move || {
                problem
                    .get()
                    .map(|message| {
                        view! {
                            <div role="alert" class="form-alert" data-testid="file-problem">
                                {message}" Choose a corrected file to try again."
                            </div>
                        }
                    })
            }}
            {move || preview.get().map(|preview| view! { <ReviewStep preview csv on_again/> })}
        </div>
    }
}
