//! Steps 2 and 3 of an import: check the preview and the options, import, see the outcome. A
//! refused import keeps the file and the options, so the user changes one and tries again.

use leptos::{prelude::*, task::spawn_local};

use super::{
    ImportOutcome, ImportPreview,
    choices::{Checkbox, NewCategoriesNote},
    mapping::{ColumnSelects, NotationSelects, PreviewTable},
    outcome::ImportResult,
};
use crate::{AppError, expenses::api::import_expenses, ui::forms::focus_element};

/// `12345` as `12,345`.
pub fn grouped(count: i64) -> String {
    let digits = count.unsigned_abs().to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if count < 0 {
        text.push('-');
    }
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// `1 row`, `12,345 rows`.
pub fn count_of(count: i64, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", grouped(count))
    }
}

#[component]
pub fn ReviewStep(
    preview: ImportPreview,
    /// The chosen file's text, kept for another try.
    csv: StoredValue<String>,
    /// Back to step 1 for another file.
    on_again: Callback<()>,
) -> impl IntoView {
    let options = RwSignal::new(preview.suggested.clone());
    let importing = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<ImportOutcome, AppError>>);
    let done = Memo::new(move |_| outcome.with(|outcome| matches!(outcome, Some(Ok(_)))));
    // The picker that had the focus is hidden now; the keyboard continues at this step.
    Effect::new(move |_| focus_element("import-review-heading"));
    let row_count = preview.row_count;
    let rows_label = count_of(row_count, "row", "rows");
    let start = move |_| {
        if importing.get_untracked() {
            return;
        }
        importing.set(true);
        outcome.set(None);
        let (csv, options) = (csv.get_value(), options.get_untracked());
        spawn_local(async move {
            let answer = import_expenses(csv, options).await;
            importing.try_set(false);
            outcome.try_set(Some(answer));
        });
    };
    let error = move || {
        outcome.with(|outcome| match outcome {
            Some(Err(error)) => Some(error.to_string()),
            _ => None,
        })
    };
    let shown_rows = preview.rows.len();
    let headers = preview.headers.clone();
    let new_categories = preview.new_categories.clone();
    let suggested_category = preview.suggested.category_column;
    let importing_label = rows_label.clone();
    let button_label = rows_label.clone();
    let result = move || {
        outcome.with(|outcome| match outcome {
            Some(Ok(outcome)) => Some(view! { <ImportResult outcome=outcome.clone() on_again/> }),
            _ => None,
        })
    };
    view! {
        <section class="space-y-4" class:hidden=move || done.get() aria-labelledby="import-review-heading">
            <h2 id="import-review-heading" class="text-lg font-semibold" tabindex="-1">"2. Check the columns"</h2>
            <p class="text-sm text-muted" data-testid="row-count">
                {format!("{} in the file", rows_label)}
                {(shown_rows < row_count as usize).then(|| format!("; the first {shown_rows} are shown"))}
                "."
            </p>
            <PreviewTable preview=preview options/>
            <div class="card space-y-6 p-4">
                <ColumnSelects headers options/>
                <NotationSelects options/>
                <NewCategoriesNote names=new_categories suggested_category options/>
                <fieldset class="space-y-2">
                    <legend class="font-semibold">"Choices"</legend>
                    <Checkbox
                        id="import-create-categories"
                        label="Create categories that don't exist yet"
                        checked=Signal::derive(move || options.with(|options| options.create_categories))
                        on_toggle=Callback::new(move |on| options.update(|options| options.create_categories = on))
                    />
                    <Checkbox
                        id="import-keep-duplicates"
                        label="Keep rows that look like duplicates"
                        checked=Signal::derive(move || options.with(|options| options.keep_duplicates))
                        on_toggle=Callback::new(move |on| options.update(|options| options.keep_duplicates = on))
                    />
                    <p class="field-hint">
                        "A duplicate has the date, amount, currency and merchant of an expense you already have."
                    </p>
                </fieldset>
            </div>
            <h2 class="text-lg font-semibold">"3. Import"</h2>
            {move || {
                error()
                    .map(|message| {
                        let message = message
                            .strip_suffix(" Nothing was imported.")
                            .unwrap_or(&message)
                            .to_string();
                        view! {
                            <div role="alert" class="form-alert space-y-1 text-base" data-testid="import-error">
                                <p class="font-semibold" data-testid="import-error-message">{message}</p>
                                <p class="font-normal">
                                    "Nothing was imported. Change the options above and import again; the file stays chosen."
                                </p>
                            </div>
                        }
                    })
            }}
            <div class="flex flex-wrap items-center gap-3">
                <button
                    type="button"
                    class="btn-primary inline-flex"
                    data-testid="import-button"
                    disabled=move || importing.get() || row_count == 0
                    aria-busy=move || importing.get().then_some("true")
                    on:click=start
                >
                    {move || {
                        if importing.get() {
                            format!("Importing {button_label}…")
                        } else {
                            format!("Import {button_label}")
                        }
                    }}
                </button>
                <button type="button" class="btn-secondary" disabled=move || importing.get() on:click=move |_| on_again.run(())>
                    "Choose another file"
                </button>
            </div>
            {move || {
                importing
                    .get()
                    .then(|| {
                        view! {
                            <div role="status" class="space-y-1" data-testid="importing">
                                <p class="text-sm text-muted">
                                    {format!("Importing {importing_label}… This can take a while for a big file; keep this page open.")}
                                </p>
                                <progress class="w-full" aria-label="Importing"></progress>
                            </div>
                        }
                    })
            }}
        </section>
        {result}
    }
}

#[cfg(test)]
mod tests {
    use super::{count_of, grouped};

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(12_345), "12,345");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(-1_000), "-1,000");
        assert_eq!(count_of(1, "row", "rows"), "1 row");
        assert_eq!(count_of(12_345, "row", "rows"), "12,345 rows");
    }
}
