//! `/expenses/:id`: the expense form prefilled. Its query string is the list's view, so saving
//! (or "Back") returns to the same filter, sort and page.

use leptos::{html, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::{
    ExpenseView,
    api::{UpdateExpense, get_expense},
    form::{CHANGES, ExpenseFields, FIELDS, is_empty, read_draft},
    page::{list_href, read_query},
    setup::{EntrySetup, load_setup},
};
use crate::{
    AppError,
    receipts::ReceiptChoice,
    ui::forms::{FormAlert, FormErrors, SubmitButton, Submitted},
};

#[component]
pub fn EditExpensePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|params| params.get("id").and_then(|id| id.parse::<i64>().ok()))
    });
    let back =
        use_query_map().with_untracked(|query| list_href(&read_query(query).unwrap_or_default()));
    let expense = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_expense(id).await,
                None => Err(AppError::not_found("No such expense.")),
            }
        },
    );
    let setup = Resource::new(|| (), |()| load_setup());
    let back_link = back.clone();
    view! {
        <Title text="Edit expense"/>
        <div class="mx-auto w-full max-w-2xl space-y-6">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h1 class="text-2xl font-bold tracking-tight">"Edit expense"</h1>
                <a href=back_link class="text-link">"Back to expenses"</a>
            </div>
            <Suspense fallback=|| view! { <p class="text-muted">"Loading the expense…"</p> }>
                {move || {
                    let back = back.clone();
                    Suspend::new(async move {
                        let setup = setup.await;
                        match (expense.await, setup) {
                            (Ok(expense), Ok(setup)) => view! { <EditForm expense setup back/> }.into_any(),
                            // Another user's id, or none at all: the 404 page, with its status.
                            (Err(AppError::NotFound { .. }), _) => view! { <crate::pages::NotFound/> }.into_any(),
                            (Err(error), _) | (_, Err(error)) => view! {
                                <p role="alert" class="form-alert">{error.to_string()}</p>
                            }
                                .into_any(),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn EditForm(expense: ExpenseView, setup: EntrySetup, back: String) -> impl IntoView {
    let update = ServerAction::<UpdateExpense>::new();
    let errors = FormErrors::new(update.value(), FIELDS).scoped("edit");
    let form = NodeRef::<html::Form>::new();
    let receipt = ReceiptChoice::new();
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(form) = form.get() {
            form.set_no_validate(true);
        }
    });
    {
        let back = back.clone();
        let navigate = navigate.clone();
        Effect::new(move || {
            if let Some(Ok(_)) = update.value().get() {
                navigate(&back, Default::default());
            }
        });
    }
    let original = expense.clone();
    let today = setup.today;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match read_draft(
            &Submitted::from_event(&event),
            CHANGES,
            today,
            receipt.ready(),
        ) {
            Ok(draft) => {
                errors.clear();
                let changes = draft.changes_from(&original);
                if is_empty(&changes) {
                    navigate(&back, Default::default());
                } else {
                    update.dispatch(UpdateExpense {
                        id: original.id,
                        changes,
                    });
                }
            }
            Err(problems) => {
                errors.accept(problems);
            }
        }
    };
    let id = expense.id;
    view! {
        <ActionForm action=update node_ref=form attr:class="card space-y-4 p-6" on:submit:capture=submit>
            <FormAlert message=errors.general()/>
            <input type="hidden" name="id" value=id/>
            <ExpenseFields setup initial=Some(expense) names=CHANGES errors receipt/>
            <SubmitButton label="Save changes" pending_label="Saving…" pending=update.pending()/>
        </ActionForm>
    }
}
