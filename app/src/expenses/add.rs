//! "Add expense": a disclosure panel above the table (`n` opens it). Without JavaScript it is a
//! plain form posted to `create_expense`, and the server sends the browser back to the list.

use leptos::{html, prelude::*};

use super::{
    api::CreateExpense,
    form::{ExpenseFields, FIELDS, NEW_EXPENSE, read_draft},
    setup::EntrySetup,
};
use crate::{
    receipts::ReceiptChoice,
    ui::{
        forms::{FormAlert, FormErrors, SubmitButton, Submitted, focus_element},
        icons::Icon,
    },
};

/// The id prefix of the add form's inputs (`expense-amount`, ...).
pub const SCOPE: &str = "expense";

/// Opens the panel and puts the cursor in the amount (the `n` shortcut, the empty state's button).
pub fn open_add_panel(panel: NodeRef<html::Details>) {
    if let Some(panel) = panel.get_untracked() {
        panel.set_open(true);
        focus_element(&format!("{SCOPE}-amount"));
    }
}

#[component]
pub fn AddExpensePanel(
    setup: EntrySetup,
    panel: NodeRef<html::Details>,
    /// Called with each expense saved from the form.
    on_created: Callback<()>,
) -> impl IntoView {
    let create = ServerAction::<CreateExpense>::new();
    let errors = FormErrors::new(create.value(), FIELDS).scoped(SCOPE);
    let form = NodeRef::<html::Form>::new();
    // Without JavaScript a refused form comes back as an error in the URL: show it open.
    let open = create
        .value()
        .with_untracked(|result| matches!(result, Some(Err(_))));
    let saved = RwSignal::new(None::<String>);
    let receipt = ReceiptChoice::new();

    // The browser checks the fields itself once the page is live; before that, and without
    // JavaScript, the browser's own checks (required, max date) apply.
    Effect::new(move || {
        if let Some(form) = form.get() {
            form.set_no_validate(true);
        }
    });
    Effect::new(move || {
        if let Some(Ok(expense)) = create.value().get() {
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
            errors.clear();
            receipt.clear();
            let what = if expense.merchant.is_empty() {
                expense.category_name.clone()
            } else {
                expense.merchant.clone()
            };
            saved.set(Some(format!(
                "Added {} {} ({what}).",
                expense.amount, expense.currency
            )));
            on_created.run(());
            focus_element(&format!("{SCOPE}-amount"));
        }
    });

    let today = setup.today;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(None);
        match read_draft(
            &Submitted::from_event(&event),
            NEW_EXPENSE,
            today,
            receipt.ready(),
        ) {
            Ok(draft) => {
                errors.clear();
                create.dispatch(CreateExpense {
                    expense: draft.to_new(),
                });
            }
            Err(problems) => {
                errors.accept(problems);
            }
        }
    };
    let has_categories = setup.categories.iter().any(|category| !category.archived);

    view! {
        <details id="add-expense" class="card add-panel" open=open node_ref=panel>
            <summary class="add-panel-summary" aria-keyshortcuts="n">
                <Icon name="plus"/>
                "Add expense"
                <kbd class="kbd ml-auto hidden sm:inline">"n"</kbd>
            </summary>
            {if has_categories {
                view! {
                    <ActionForm action=create node_ref=form attr:class="space-y-4 p-4 pt-0" on:submit:capture=submit>
                        <FormAlert message=errors.general()/>
                        <ExpenseFields setup initial=None names=NEW_EXPENSE errors receipt/>
                        <div class="flex flex-wrap items-center gap-3">
                            <SubmitButton label="Save expense" pending_label="Saving…" pending=create.pending()/>
                            <p role="status" class="text-sm text-accent" data-testid="add-status">{move || saved.get()}</p>
                        </div>
                    </ActionForm>
                }
                    .into_any()
            } else {
                view! {
                    <p class="p-4 pt-0 text-muted">
                        "Every category is archived. " <a href="/categories" class="text-link">"Add or restore a category"</a>
                        " to record expenses."
                    </p>
                }
                    .into_any()
            }}
        </details>
    }
}
