//! Changing a budget's amount or rollover, inline in its card. Without JavaScript it is a plain
//! form posted to `update_budget`, and the server sends the browser back to the page.

use leptos::{html, prelude::*};

use super::{
    BudgetChanges, BudgetView, Month,
    api::UpdateBudget,
    form::{AmountField, read_amount},
    labels::{money, month_name},
};
use crate::ui::forms::{FormAlert, FormErrors, SelectField, SubmitButton, Submitted};

const FIELDS: &[&str] = &["amount", "rollover"];

/// "Applies from November 2026 on; earlier months keep 400.00 USD": a budget that started
/// before this month keeps its past (the server adds a row from this month on).
fn change_hint(budget: &BudgetView, current_month: Month) -> Option<String> {
    (budget.month < current_month).then(|| {
        format!(
            "Applies from {} on; earlier months keep {}.",
            month_name(current_month),
            money(budget.amount_minor, &budget.currency)
        )
    })
}

#[component]
pub fn EditBudget(budget: BudgetView, current_month: Month, reload: Callback<()>) -> impl IntoView {
    let id = budget.id;
    let save = ServerAction::<UpdateBudget>::new();
    // Only this card's own answers: an error carried in the URL (a form posted without
    // JavaScript) cannot tell which card it belongs to.
    let answer = Signal::derive(move || save.value().get().filter(|_| save.version().get() > 0));
    let errors = FormErrors::new(answer, FIELDS).scoped(format!("budget-{id}"));
    let form = NodeRef::<html::Form>::new();
    Effect::new(move || {
        if let Some(form) = form.get() {
            form.set_no_validate(true);
        }
    });
    Effect::new(move || {
        if let Some(Ok(_)) = save.value().get() {
            reload.run(());
        }
    });
    let original = budget.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let submitted = Submitted::from_event(&event);
        let text = submitted.get("changes[amount]").trim().to_string();
        match read_amount(&text, &original.currency) {
            Ok(minor) => {
                errors.clear();
                let rollover = submitted.get("changes[rollover]") == "true";
                let changes = BudgetChanges {
                    amount: (minor != original.amount_minor).then_some(text),
                    rollover: (rollover != original.rollover).then_some(rollover),
                };
                if changes.amount.is_some() || changes.rollover.is_some() {
                    save.dispatch(UpdateBudget { id, changes });
                }
            }
            Err(problem) => {
                errors.accept(vec![problem]);
            }
        }
    };
    let options = vec![
        ("true".to_string(), "Carry over what is left".to_string()),
        ("false".to_string(), "Start each month afresh".to_string()),
    ];
    let hint = change_hint(&budget, current_month);
    view! {
        <ActionForm action=save node_ref=form attr:class="mt-3 space-y-4" on:submit:capture=submit>
            <FormAlert message=errors.general()/>
            <input type="hidden" name="id" value=id/>
            <AmountField
                name="changes[amount]"
                id=errors.id("amount")
                value=budget.amount.clone()
                currency=budget.currency.clone()
                error=errors.field("amount")
            />
            <SelectField
                label="Rollover"
                name="changes[rollover]"
                id=errors.id("rollover")
                options
                selected=budget.rollover.to_string()
                error=errors.field("rollover")
            />
            {hint.map(|hint| view! { <p class="field-hint" data-testid="budget-edit-hint">{hint}</p> })}
            <SubmitButton label="Save budget" pending_label="Saving…" pending=save.pending()/>
        </ActionForm>
    }
}
