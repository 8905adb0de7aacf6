//! The inputs a category has (name, colour, icon), shared by the "New category" form and the
//! inline edit form, and the browser-side check with the same rules as the server.

use leptos::prelude::*;

use super::{ICONS, rules};
use crate::{
    AppError,
    ui::{
        forms::{FormErrors, Submitted, TextField},
        icons::Icon,
    },
};

/// The submitted names: `input[...]` for `create_category`, `update[...]` for `update_category`.
#[derive(Clone, Copy)]
pub struct FieldNames {
    pub name: &'static str,
    pub color: &'static str,
    pub icon: &'static str,
}

pub const NEW_CATEGORY: FieldNames = FieldNames {
    name: "input[name]",
    color: "input[color]",
    icon: "input[icon]",
};

pub const UPDATE: FieldNames = FieldNames {
    name: "update[name]",
    color: "update[color]",
    icon: "update[icon]",
};

pub const FIELDS: &[&str] = &["name", "color", "icon"];

/// A category form that passed the rules.
pub struct CategoryDraft {
    pub name: String,
    pub color: String,
    pub icon: String,
}

pub fn read_draft(form: &Submitted, names: FieldNames) -> Result<CategoryDraft, Vec<AppError>> {
    match (
        rules::name(form.get(names.name)),
        rules::color(form.get(names.color)),
        rules::icon(form.get(names.icon)),
    ) {
        (Ok(name), Ok(color), Ok(icon)) => Ok(CategoryDraft { name, color, icon }),
        (name, color, icon) => Err([name.err(), color.err(), icon.err()]
            .into_iter()
            .flatten()
            .collect()),
    }
}

/// A duplicate name is a conflict on the server; the form shows it under the name.
pub fn name_conflict_as_field(error: AppError) -> AppError {
    match error {
        AppError::Conflict { message } => AppError::validation("name", message),
        other => other,
    }
}

#[component]
pub fn CategoryFields(
    names: FieldNames,
    errors: FormErrors,
    #[prop(into)] name: String,
    #[prop(into)] color: String,
    #[prop(into)] icon: String,
) -> impl IntoView {
    let icon_id = errors.id("icon");
    let icon_error = errors.field("icon");
    let choices = ICONS
        .iter()
        .enumerate()
        .map(|(index, choice)| {
            let id = if index == 0 { icon_id.clone() } else { format!("{icon_id}-{choice}") };
            let label = choice.replace('-', " ");
            let title = label.clone();
            view! {
                <label class="icon-choice" title=title>
                    <input type="radio" id=id name=names.icon value=*choice checked=*choice == icon class="sr-only"/>
                    <Icon name=*choice/>
                    <span class="sr-only">{label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <div class="grid gap-4 sm:grid-cols-[1fr_auto]">
            <TextField label="Name" name=names.name id=errors.id("name") value=name autocomplete="off" required=true error=errors.field("name")/>
            <div class="field">
                <label for=errors.id("color") class="field-label">"Colour"</label>
                <input id=errors.id("color") type="color" name=names.color value=color class="color-input"/>
                {move || errors.field("color").get().map(|message| view! { <p class="field-error">{message}</p> })}
            </div>
        </div>
        <fieldset class="field">
            <legend class="field-label">"Icon"</legend>
            <div class="icon-picker">{choices}</div>
            {move || icon_error.get().map(|message| view! { <p class="field-error">{message}</p> })}
        </fieldset>
    }
}
