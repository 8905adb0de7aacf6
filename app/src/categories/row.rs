//! One category in the list, with its inline edit form and its archive and delete buttons, and
//! the dialog that asks where a deleted category's expenses go.

use leptos::{html, prelude::*};
use leptos_router::hooks::use_navigate;

use super::{
    CategoryUpdate, CategoryView,
    api::{DeleteCategory, UpdateCategory},
    fields::{CategoryFields, FIELDS, UPDATE, name_conflict_as_field, read_draft},
};
use crate::{
    AppError,
    ui::{
        forms::{FormAlert, FormErrors, SelectField, SubmitButton, Submitted},
        icons::Icon,
    },
};

fn count_label(count: i64) -> String {
    if count == 1 {
        "1 expense".into()
    } else {
        format!("{count} expenses")
    }
}

#[component]
pub fn CategoryRow(category: CategoryView, reload: Callback<()>) -> impl IntoView {
    let id = category.id;
    let save = ServerAction::<UpdateCategory>::new();
    let archive = ServerAction::<UpdateCategory>::new();
    let remove = ServerAction::<DeleteCategory>::new();
    // Only answers to this row's own requests: an error carried in the URL (a form posted without
    // JavaScript) cannot tell which row it belongs to, so the page shows it instead.
    let answer = Signal::derive(move || {
        let own = save.version().get() > 0;
        save.value()
            .get()
            .filter(|_| own)
            .map(|result| result.map_err(name_conflict_as_field))
    });
    let errors = FormErrors::new(answer, FIELDS).scoped(format!("category-{id}"));
    let editor = NodeRef::<html::Details>::new();
    let failure = Signal::derive(move || {
        let error = |version: usize, result: Option<Result<_, AppError>>| {
            result
                .filter(|_| version > 0)
                .and_then(Result::err)
                .map(|error| error.to_string())
        };
        error(
            archive.version().get(),
            archive.value().get().map(|result| result.map(|_| ())),
        )
        .or_else(|| error(remove.version().get(), remove.value().get()))
    });
    Effect::new(move || {
        let saved = matches!(save.value().get(), Some(Ok(_)));
        if saved
            || matches!(archive.value().get(), Some(Ok(_)))
            || matches!(remove.value().get(), Some(Ok(())))
        {
            if saved && let Some(editor) = editor.get_untracked() {
                editor.set_open(false);
            }
            reload.run(());
        }
    });

    let original = category.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match read_draft(&Submitted::from_event(&event), UPDATE) {
            Ok(draft) => {
                errors.clear();
                let update = CategoryUpdate {
                    name: (draft.name != original.name).then_some(draft.name),
                    color: (draft.color != original.color).then_some(draft.color),
                    icon: (draft.icon != original.icon).then_some(draft.icon),
                    archived: None,
                };
                save.dispatch(UpdateCategory { id, update });
            }
            Err(problems) => {
                errors.accept(problems);
            }
        }
    };
    let archived = category.archived;
    let toggle_archive = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        archive.dispatch(UpdateCategory {
            id,
            update: CategoryUpdate {
                archived: Some(!archived),
                ..Default::default()
            },
        });
    };
    let delete_now = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        remove.dispatch(DeleteCategory { id, move_to: None });
    };
    let delete_label = format!("Delete {}", category.name);
    let archive_label = format!(
        "{} {}",
        if archived { "Restore" } else { "Archive" },
        category.name
    );
    let CategoryView {
        name, color, icon, ..
    } = category.clone();
    // With expenses, deleting asks where they go (a dialog opened by a link); without, it is direct.
    let delete = if category.expense_count > 0 {
        view! {
            <a href=format!("/categories?delete={id}") class="icon-button hover:text-danger" aria-label=delete_label title="Delete">
                <Icon name="trash" class="h-4 w-4"/>
            </a>
        }
        .into_any()
    } else {
        view! {
            <ActionForm action=remove on:submit:capture=delete_now>
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="icon-button hover:text-danger" aria-label=delete_label title="Delete">
                    <Icon name="trash" class="h-4 w-4"/>
                </button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <li class="category-row" data-testid="category-row" data-name=category.name.clone()>
            <details class="min-w-0 flex-1" node_ref=editor>
                <summary class="category-summary">
                    <span class="color-dot h-3 w-3" style=format!("background-color:{}", category.color)></span>
                    <Icon name=category.icon.clone() class="h-5 w-5 shrink-0 text-muted"/>
                    <span class="truncate font-medium" data-testid="category-name">{category.name.clone()}</span>
                    <span class="text-sm text-muted" data-testid="category-count">{count_label(category.expense_count)}</span>
                    {archived.then(|| view! { <span class="badge">"Archived"</span> })}
                    <span class="ml-auto text-sm text-accent">"Edit"</span>
                </summary>
                <ActionForm action=save attr:class="space-y-4 py-4" attr:novalidate=true on:submit:capture=submit>
                    <FormAlert message=errors.general()/>
                    <input type="hidden" name="id" value=id/>
                    <CategoryFields names=UPDATE errors name color icon/>
                    <SubmitButton label="Save category" pending_label="Saving…" pending=save.pending()/>
                </ActionForm>
            </details>
            <div class="flex items-center gap-1">
                <ActionForm action=archive on:submit:capture=toggle_archive>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="update[archived]" value=(!archived).to_string()/>
                    <button type="submit" class="btn-secondary gap-1" aria-label=archive_label>
                        <Icon name="archive" class="h-4 w-4"/>
                        {if archived { "Restore" } else { "Archive" }}
                    </button>
                </ActionForm>
                {delete}
            </div>
            {move || failure.get().map(|message| view! { <p role="alert" class="form-alert w-full">{message}</p> })}
        </li>
    }
}

/// "Delete X? Its N expenses move to …". Rendered open by the server (so it works without
/// JavaScript); once live it becomes a modal dialog.
#[component]
pub fn DeleteDialog(
    category: CategoryView,
    others: Vec<CategoryView>,
    reload: Callback<()>,
) -> impl IntoView {
    let remove = ServerAction::<DeleteCategory>::new();
    let errors = FormErrors::new(remove.value(), &["move_to"]).scoped("move");
    let dialog = NodeRef::<html::Dialog>::new();
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(dialog) = dialog.get() {
            dialog.close();
            let _ = dialog.show_modal();
        }
    });
    {
        let navigate = navigate.clone();
        Effect::new(move || {
            if let Some(Ok(())) = remove.value().get() {
                reload.run(());
                navigate("/categories", Default::default());
            }
        });
    }
    let id = category.id;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let target = Submitted::from_event(&event)
            .get("move_to")
            .parse::<i64>()
            .ok();
        remove.dispatch(DeleteCategory {
            id,
            move_to: target,
        });
    };
    // Closing with Escape leaves the dialog's address too. (Turning the server's open dialog into
    // a modal one closes it for a moment: that close finds it open again and is ignored.)
    let closed = move |_| {
        let still_open = dialog.get_untracked().is_some_and(|dialog| dialog.open());
        if !still_open && remove.value().with_untracked(Option::is_none) {
            navigate("/categories", Default::default());
        }
    };
    let targets = others
        .iter()
        .map(|other| {
            let label = if other.archived {
                format!("{} (archived)", other.name)
            } else {
                other.name.clone()
            };
            (other.id.to_string(), label)
        })
        .collect();
    let first = others
        .iter()
        .find(|other| !other.archived)
        .or(others.first())
        .map(|other| other.id.to_string())
        .unwrap_or_default();
    view! {
        <dialog open node_ref=dialog class="dialog" aria-labelledby="delete-title" on:close=closed>
            <h2 id="delete-title" class="text-lg font-semibold">{format!("Delete “{}”?", category.name)}</h2>
            <p class="mt-2 text-muted">
                {format!("It has {}. Choose the category to move them to.", count_label(category.expense_count))}
            </p>
            <ActionForm action=remove attr:class="mt-4 space-y-4" on:submit:capture=submit>
                <FormAlert message=errors.general()/>
                <input type="hidden" name="id" value=id/>
                <SelectField label="Move its expenses to" name="move_to" id=errors.id("move_to") options=targets selected=first error=errors.field("move_to")/>
                <div class="flex flex-wrap items-center justify-end gap-3">
                    <a href="/categories" class="btn-secondary">"Cancel"</a>
                    <SubmitButton label="Move expenses and delete" pending_label="Deleting…" class="btn-danger" pending=remove.pending()/>
                </div>
            </ActionForm>
        </dialog>
    }
}
