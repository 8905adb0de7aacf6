//! The import's yes/no choices, and the note on categories the file names that the user lacks.

use leptos::prelude::*;

use super::{ImportOptions, mapping::Field};

#[component]
pub fn Checkbox(
    id: &'static str,
    label: &'static str,
    #[prop(into)] checked: Signal<bool>,
    on_toggle: Callback<bool>,
) -> impl IntoView {
    view! {
        <div class="flex items-center gap-2">
            <input
                id=id
                type="checkbox"
                class="h-4 w-4 accent-accent"
                prop:checked=move || checked.get()
                on:change=move |event| on_toggle.run(event_target_checked(&event))
            />
            <label for=id class="text-sm font-medium">{label}</label>
        </div>
    }
}

/// Which categories an import would add, from the preview (made for the suggested category
/// column, so it is left out once the user picks another).
#[component]
pub fn NewCategoriesNote(
    names: Vec<String>,
    suggested_category: Option<usize>,
    options: RwSignal<ImportOptions>,
) -> impl IntoView {
    let count = names.len();
    let list = StoredValue::new(names.join(", "));
    move || {
        let (column, create) =
            options.with(|options| (Field::Category.column(options), options.create_categories));
        if count == 0 || column != suggested_category {
            return None;
        }
        let categories = if count == 1 { "category" } else { "categories" };
        let message = if create {
            format!(
                "{count} new {categories} will be created: {}.",
                list.get_value()
            )
        } else {
            format!(
                "The file names {count} {categories} you don't have yet: {}. Tick “Create categories that don't exist yet” to add them; otherwise the import stops at the first row that uses one.",
                list.get_value()
            )
        };
        Some(view! {
            <p role="status" class="rounded-lg bg-accent-soft px-3 py-2 text-sm" data-testid="new-categories">
                {message}
            </p>
        })
    }
}
