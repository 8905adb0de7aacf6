//! `/categories`: the user's categories with their expense counts; add one, edit one in place,
//! archive or restore it, delete it (moving its expenses, asked in a dialog).

use leptos::{html, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    CategoryView, DEFAULT_COLOR, DEFAULT_ICON, NewCategory,
    api::{CreateCategory, DeleteCategory, UpdateCategory, list_categories},
    fields::{CategoryFields, FIELDS, NEW_CATEGORY, name_conflict_as_field, read_draft},
    row::{CategoryRow, DeleteDialog},
};
use crate::{
    AppError,
    ui::forms::{FormAlert, FormErrors, SubmitButton, Submitted},
};

#[component]
pub fn CategoriesPage() -> impl IntoView {
    let refresh = RwSignal::new(0_u32);
    let categories = Resource::new(move || refresh.get(), |_| list_categories());
    let reload = Callback::new(move |()| refresh.update(|version| *version += 1));
    // `?delete=<id>` opens the "move and delete" dialog: a link, so it works without JavaScript.
    let params = use_query_map();
    let deleting = Memo::new(move |_| {
        params.with(|params| params.get("delete").and_then(|id| id.parse::<i64>().ok()))
    });
    // Never dispatched: they only pick up the error of a row's form posted without JavaScript.
    let posted_update = ServerAction::<UpdateCategory>::new();
    let posted_delete = ServerAction::<DeleteCategory>::new();
    let posted_error = Signal::derive(move || {
        let update = posted_update.value().get().and_then(Result::err);
        update
            .or_else(|| posted_delete.value().get().and_then(Result::err))
            .map(|error| error.to_string())
    });
    view! {
        <Title text="Categories"/>
        <div class="mx-auto w-full max-w-3xl space-y-6">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold tracking-tight">"Categories"</h1>
                <a href="/expenses" class="text-link">"Back to expenses"</a>
            </div>
            <FormAlert message=posted_error/>
            <NewCategoryForm reload/>
            <Transition fallback=|| view! { <p class="text-muted">"Loading categories…"</p> }>
                {move || Suspend::new(async move {
                    let deleting = deleting.get();
                    let categories = categories.await?;
                    let dialog = deleting.and_then(|id| {
                        let category = categories.iter().find(|category| category.id == id)?.clone();
                        let others: Vec<CategoryView> = categories.iter().filter(|other| other.id != id).cloned().collect();
                        Some(view! { <DeleteDialog category others reload/> })
                    });
                    let rows = categories
                        .into_iter()
                        .map(|category| view! { <CategoryRow category reload/> })
                        .collect_view();
                    Ok::<_, AppError>(view! {
                        <ul class="card divide-y divide-line" aria-label="Your categories">{rows}</ul>
                        {dialog}
                    })
                })}
            </Transition>
        </div>
    }
}

#[component]
fn NewCategoryForm(reload: Callback<()>) -> impl IntoView {
    let create = ServerAction::<CreateCategory>::new();
    let answer = Signal::derive(move || {
        create
            .value()
            .get()
            .map(|result| result.map_err(name_conflict_as_field))
    });
    let errors = FormErrors::new(answer, FIELDS).scoped("new-category");
    let form = NodeRef::<html::Form>::new();
    let added = RwSignal::new(None::<String>);
    Effect::new(move || {
        if let Some(form) = form.get() {
            form.set_no_validate(true);
        }
    });
    Effect::new(move || {
        if let Some(Ok(category)) = create.value().get() {
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
            added.set(Some(format!("Added “{}”.", category.name)));
            reload.run(());
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        added.set(None);
        match read_draft(&Submitted::from_event(&event), NEW_CATEGORY) {
            Ok(draft) => {
                errors.clear();
                create.dispatch(CreateCategory {
                    input: NewCategory {
                        name: draft.name,
                        color: Some(draft.color),
                        icon: Some(draft.icon),
                    },
                });
            }
            Err(problems) => {
                errors.accept(problems);
            }
        }
    };
    view! {
        <section class="card p-6" aria-labelledby="new-category-title">
            <h2 id="new-category-title" class="text-lg font-semibold">"New category"</h2>
            <ActionForm action=create node_ref=form attr:class="mt-4 space-y-4" on:submit:capture=submit>
                <FormAlert message=errors.general()/>
                <CategoryFields names=NEW_CATEGORY errors name="" color=DEFAULT_COLOR icon=DEFAULT_ICON/>
                <div class="flex flex-wrap items-center gap-3">
                    <SubmitButton label="Add category" pending_label="Adding…" pending=create.pending()/>
                    <p role="status" class="text-sm text-accent">{move || added.get()}</p>
                </div>
            </ActionForm>
        </section>
    }
}
