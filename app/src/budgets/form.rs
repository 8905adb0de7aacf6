//! "Add a budget": a category (or the whole month), an amount in the user's base currency and
//! rollover, for the month shown. Without JavaScript it is a plain form posted to
//! `create_budget`, and the server sends the browser back to the page.

use leptos::{html, prelude::*};

use super::{
    BudgetView, Month, NewBudget,
    api::CreateBudget,
    labels::{money, month_name},
};
use crate::{
    AppError,
    categories::CategoryView,
    expenses::rules,
    money::Currency,
    ui::{
        forms::{FormAlert, FormErrors, SelectField, SubmitButton, Submitted, focus_element},
        icons::Icon,
        toast::Toasts,
    },
};

const FIELDS: &[&str] = &["category_id", "amount", "rollover"];

/// The id prefix of the add form's inputs (`new-budget-amount`, ...).
pub const SCOPE: &str = "new-budget";

/// The same check as the server's, so the browser refuses the same input with the same words.
pub fn read_amount(text: &str, currency: &str) -> Result<i64, AppError> {
    rules::amount(text, Currency::find(currency).unwrap_or(Currency::FALLBACK))
}

/// The amount input, with its currency beside it and the error tied to it for screen readers.
#[component]
pub fn AmountField(
    name: &'static str,
    #[prop(into)] id: String,
    #[prop(optional, into)] value: String,
    #[prop(into)] currency: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match error.with(Option::is_some) {
            true => format!("{hint_id} {error_id}"),
            false => hint_id.clone(),
        }
    };
    let hint = format!("Per month, in {currency}.");
    view! {
        <div class="field">
            <label for=id.clone() class="field-label">"Amount"</label>
            <div class="flex items-center gap-2">
                <input
                    id=id
                    name=name
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    required
                    class="field-input"
                    value=value
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described_by
                />
                <span class="text-sm font-medium text-muted">{currency.clone()}</span>
            </div>
            <p id=hint_id class="field-hint">{hint}</p>
            {move || error.get().map(|message| view! { <p id=error_id.clone() class="field-error">{message}</p> })}
        </div>
    }
}

/// What the category select offers: the whole month and every active category, less those
/// that already have a budget this month (those are changed in their card).
fn choices(categories: &[CategoryView], budgets: &[BudgetView]) -> Vec<(String, String)> {
    let taken = |category_id: Option<i64>| {
        budgets
            .iter()
            .any(|budget| budget.category_id == category_id)
    };
    let whole = (!taken(None)).then(|| (String::new(), "Whole month (all categories)".to_string()));
    whole
        .into_iter()
        .chain(
            categories
                .iter()
                .filter(|category| !category.archived && !taken(Some(category.id)))
                .map(|category| (category.id.to_string(), category.name.clone())),
        )
        .collect()
}

#[component]
pub fn NewBudgetForm(
    categories: Vec<CategoryView>,
    budgets: Vec<BudgetView>,
    base_currency: String,
    month: Month,
    /// Shown open: the month has no budgets yet.
    open: bool,
    panel: NodeRef<html::Details>,
    reload: Callback<()>,
    toasts: Toasts,
) -> impl IntoView {
    let create = ServerAction::<CreateBudget>::new();
    let errors = FormErrors::new(create.value(), FIELDS).scoped(SCOPE);
    let form = NodeRef::<html::Form>::new();
    // Without JavaScript a refused form comes back as an error in the URL: show it open.
    let open = open
        || create
            .value()
            .with_untracked(|result| matches!(result, Some(Err(_))));
    Effect::new(move || {
        if let Some(form) = form.get() {
            form.set_no_validate(true);
        }
    });
    let names = choices(&categories, &budgets);
    Effect::new(move || {
        if let Some(Ok(budget)) = create.value().get() {
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
            errors.clear();
            let name = budget
                .category_name
                .clone()
                .unwrap_or_else(|| "the whole month".into());
            toasts.show(
                format!(
                    "Budget added: {} for {name}.",
                    money(budget.amount_minor, &budget.currency)
                ),
                None,
            );
            reload.run(());
        }
    });
    let currency = base_currency.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let submitted = Submitted::from_event(&event);
        let category = submitted.get("budget[category_id]");
        let category_id = match category {
            "" => Ok(None),
            id => id
                .parse::<i64>()
                .map(Some)
                .map_err(|_| AppError::validation("category_id", "Choose one of your categories.")),
        };
        let amount = submitted.get("budget[amount]").trim().to_string();
        let problems: Vec<AppError> = [
            category_id.clone().err(),
            read_amount(&amount, &currency).err(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if let (true, Ok(category_id)) = (errors.accept(problems), category_id) {
            create.dispatch(CreateBudget {
                budget: NewBudget {
                    category_id,
                    amount,
                    month: Some(month),
                    rollover: submitted.get("budget[rollover]") == "true",
                },
            });
        }
    };
    let body = if names.is_empty() {
        view! { <p class="p-4 pt-0 text-muted">"Every category has a budget this month. Change one in its card."</p> }.into_any()
    } else {
        let selected = names
            .first()
            .map(|(value, _)| value.clone())
            .unwrap_or_default();
        view! {
            <ActionForm action=create node_ref=form attr:class="space-y-4 p-4 pt-0" on:submit:capture=submit>
                <FormAlert message=errors.general()/>
                <input type="hidden" name="budget[month]" value=month.to_string()/>
                <div class="grid gap-4 sm:grid-cols-2">
                    <SelectField label="Category" name="budget[category_id]" id=errors.id("category_id") options=names selected error=errors.field("category_id")/>
                    <AmountField name="budget[amount]" id=errors.id("amount") currency=base_currency error=errors.field("amount")/>
                </div>
                <label class="flex items-start gap-2 text-sm">
                    <input type="checkbox" name="budget[rollover]" value="true" class="mt-0.5 h-4 w-4 shrink-0 accent-accent"/>
                    <span>"Roll over: carry what is left (or overspent) into the next month"</span>
                </label>
                <SubmitButton label="Add budget" pending_label="Adding…" pending=create.pending()/>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <details id="add-budget" class="card" open=open node_ref=panel>
            <summary class="add-panel-summary">
                <Icon name="plus"/>
                {format!("Add a budget for {}", month_name(month))}
            </summary>
            {body}
        </details>
    }
}

/// Opens the add form and puts the cursor in its first field (the empty state's button).
pub fn open_add_form(panel: NodeRef<html::Details>) {
    if let Some(panel) = panel.get_untracked() {
        panel.set_open(true);
        focus_element(&format!("{SCOPE}-category_id"));
    }
}
