//! The expense form, shared by "Add expense" and the edit page: its fields, and the browser-side
//! check that applies the same `rules` as the server (same messages) before anything is sent.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::{ExpenseChanges, ExpenseView, NewExpense, rules, setup::EntrySetup};
use crate::{
    AppError,
    money::{CURRENCIES, Currency},
    receipts::{ReceiptChoice, ReceiptField},
    ui::forms::{FormErrors, SelectField, Submitted, TextAreaField, TextField},
};

/// The submitted names of the form's inputs: `expense[...]` for `create_expense`,
/// `changes[...]` for `update_expense` (server functions read nested arguments this way).
#[derive(Clone, Copy)]
pub struct FieldNames {
    pub amount: &'static str,
    pub currency: &'static str,
    pub spent_on: &'static str,
    pub category_id: &'static str,
    pub merchant: &'static str,
    pub note: &'static str,
    /// A list on the server: `[]` makes the one box a one-element list (split at commas).
    pub tags: &'static str,
}

pub const NEW_EXPENSE: FieldNames = FieldNames {
    amount: "expense[amount]",
    currency: "expense[currency]",
    spent_on: "expense[spent_on]",
    category_id: "expense[category_id]",
    merchant: "expense[merchant]",
    note: "expense[note]",
    tags: "expense[tags][]",
};

pub const CHANGES: FieldNames = FieldNames {
    amount: "changes[amount]",
    currency: "changes[currency]",
    spent_on: "changes[spent_on]",
    category_id: "changes[category_id]",
    merchant: "changes[merchant]",
    note: "changes[note]",
    tags: "changes[tags][]",
};

/// The fields whose errors are shown under their input.
pub const FIELDS: &[&str] = &[
    "amount",
    "currency",
    "spent_on",
    "category_id",
    "merchant",
    "note",
    "tags",
    "receipt",
];

/// A form that passed every rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub amount_minor: i64,
    pub currency: Currency,
    pub spent_on: NaiveDate,
    pub category_id: i64,
    pub merchant: String,
    pub note: String,
    pub tags: Vec<String>,
    pub receipt_id: Option<i64>,
}

/// Checks the submitted form with the shared rules; every problem found, each naming its field.
/// `receipt` is the upload field's state ([`ReceiptChoice::ready`]).
pub fn read_draft(
    form: &Submitted,
    names: FieldNames,
    today: NaiveDate,
    receipt: Result<Option<i64>, AppError>,
) -> Result<Draft, Vec<AppError>> {
    let currency = rules::currency(form.get(names.currency));
    let amount = currency
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|currency| rules::amount(form.get(names.amount), *currency));
    let spent_on = form
        .get(names.spent_on)
        .parse::<NaiveDate>()
        .map_err(|_| AppError::validation("spent_on", "Enter the date of the expense."))
        .and_then(|date| rules::spent_on(date, today));
    let category_id = form
        .get(names.category_id)
        .parse::<i64>()
        .map_err(|_| AppError::validation("category_id", "Choose a category."));
    let merchant = rules::merchant(form.get(names.merchant));
    let note = rules::note(form.get(names.note));
    let tags = rules::tags(&rules::split_tags(form.get(names.tags)));
    match (
        currency,
        amount,
        spent_on,
        category_id,
        merchant,
        note,
        tags,
        receipt,
    ) {
        (
            Ok(currency),
            Ok(amount_minor),
            Ok(spent_on),
            Ok(category_id),
            Ok(merchant),
            Ok(note),
            Ok(tags),
            Ok(receipt_id),
        ) => Ok(Draft {
            amount_minor,
            currency,
            spent_on,
            category_id,
            merchant,
            note,
            tags,
            receipt_id,
        }),
        (currency, amount, spent_on, category_id, merchant, note, tags, receipt) => {
            // An unknown currency already explains why the amount cannot be read.
            let amount = if currency.is_err() {
                None
            } else {
                amount.err()
            };
            Err([
                currency.err(),
                amount,
                spent_on.err(),
                category_id.err(),
                merchant.err(),
                note.err(),
                tags.err(),
                receipt.err(),
            ]
            .into_iter()
            .flatten()
            .collect())
        }
    }
}

impl Draft {
    pub fn to_new(&self) -> NewExpense {
        NewExpense {
            amount: self.currency.format_plain(self.amount_minor),
            currency: Some(self.currency.code.to_string()),
            spent_on: self.spent_on,
            category_id: self.category_id,
            merchant: Some(self.merchant.clone()),
            note: Some(self.note.clone()),
            tags: Some(self.tags.clone()),
            receipt_id: self.receipt_id,
        }
    }

    /// Only what differs from `original`, so an edit never rewrites what it did not touch.
    pub fn changes_from(&self, original: &ExpenseView) -> ExpenseChanges {
        let money_changed =
            self.amount_minor != original.amount_minor || self.currency.code != original.currency;
        ExpenseChanges {
            amount: money_changed.then(|| self.currency.format_plain(self.amount_minor)),
            currency: money_changed.then(|| self.currency.code.to_string()),
            spent_on: (self.spent_on != original.spent_on).then_some(self.spent_on),
            category_id: (self.category_id != original.category_id).then_some(self.category_id),
            merchant: (self.merchant != original.merchant).then(|| self.merchant.clone()),
            note: (self.note != original.note).then(|| self.note.clone()),
            tags: (self.tags != original.tags).then(|| match self.tags.is_empty() {
                // URL encoding drops an empty list (it would arrive as "unchanged"); one empty
                // tag arrives, and the rules drop it.
                true => vec![String::new()],
                false => self.tags.clone(),
            }),
            // Only a new receipt: the stored one is detached by deleting it, never by an edit.
            receipt_id: self
                .receipt_id
                .filter(|id| original.receipt_id != Some(*id)),
        }
    }
}

pub fn is_empty(changes: &ExpenseChanges) -> bool {
    changes.amount.is_none()
        && changes.currency.is_none()
        && changes.spent_on.is_none()
        && changes.category_id.is_none()
        && changes.merchant.is_none()
        && changes.note.is_none()
        && changes.tags.is_none()
        && changes.receipt_id.is_none()
}

/// The inputs of the expense form, prefilled from `initial` (editing) or the defaults (adding).
#[component]
pub fn ExpenseFields(
    setup: EntrySetup,
    initial: Option<ExpenseView>,
    names: FieldNames,
    errors: FormErrors,
    receipt: ReceiptChoice,
) -> impl IntoView {
    let id = |field| errors.id(field);
    let error = |field| errors.field(field);
    let currency = initial
        .as_ref()
        .map_or(setup.base_currency.clone(), |expense| {
            expense.currency.clone()
        });
    let currencies = CURRENCIES
        .iter()
        .map(|c| (c.code.to_string(), format!("{} — {}", c.code, c.name)))
        .collect();
    let current_category = initial.as_ref().map(|expense| expense.category_id);
    // Archived categories take no new expenses, but an expense already in one keeps showing it.
    let categories: Vec<(String, String)> = setup
        .categories
        .iter()
        .filter(|category| !category.archived || Some(category.id) == current_category)
        .map(|category| {
            let label = if category.archived {
                format!("{} (archived)", category.name)
            } else {
                category.name.clone()
            };
            (category.id.to_string(), label)
        })
        .collect();
    let category = current_category.map_or_else(
        || {
            categories
                .first()
                .map(|(id, _)| id.clone())
                .unwrap_or_default()
        },
        |id| id.to_string(),
    );
    let date = initial
        .as_ref()
        .map_or(setup.today, |expense| expense.spent_on)
        .to_string();
    let prefill = |read: fn(&ExpenseView) -> String| initial.as_ref().map(read).unwrap_or_default();
    let amount = prefill(|expense| expense.amount.clone());
    let merchant = prefill(|expense| expense.merchant.clone());
    let note = prefill(|expense| expense.note.clone());
    let tags = prefill(|expense| expense.tags.join(", "));
    let attached = initial.as_ref().and_then(|expense| expense.receipt_id);
    view! {
        <div class="grid gap-4 sm:grid-cols-2">
            <TextField
                label="Amount"
                name=names.amount
                id=id("amount")
                inputmode="decimal"
                placeholder="0.00"
                autocomplete="off"
                value=amount
                required=true
                error=error("amount")
            />
            <SelectField label="Currency" name=names.currency id=id("currency") options=currencies selected=currency error=error("currency")/>
            <TextField
                label="Date"
                name=names.spent_on
                id=id("spent_on")
                input_type="date"
                value=date
                max=setup.today.to_string()
                required=true
                error=error("spent_on")
            />
            <SelectField label="Category" name=names.category_id id=id("category_id") options=categories selected=category error=error("category_id")/>
            <TextField label="Merchant" name=names.merchant id=id("merchant") autocomplete="off" value=merchant error=error("merchant")/>
            <TextField
                label="Tags"
                name=names.tags
                id=id("tags")
                autocomplete="off"
                hint="Separate tags with commas."
                value=tags
                error=error("tags")
            />
        </div>
        <TextAreaField label="Note" name=names.note id=id("note") value=note rows=2 error=error("note")/>
        <ReceiptField choice=receipt attached id=id("receipt") error=error("receipt")/>
    }
}
