//! Form building blocks shared by every page: labelled fields whose error message is tied to the
//! input for screen readers, a submit button with a pending state, and the form's alert.

use std::collections::HashMap;

use leptos::{ev::SubmitEvent, prelude::*};

use crate::AppError;

/// The errors a form shows: those found in the browser before sending, else the server's answer.
/// An error naming one of `fields` is shown under that field, any other in the form's alert.
#[derive(Clone, Copy)]
pub struct FormErrors {
    local: RwSignal<Vec<AppError>>,
    server: Signal<Option<AppError>>,
    fields: &'static [&'static str],
    /// Prefix of the inputs' ids, so several forms on one page keep their ids apart.
    scope: StoredValue<String>,
}

impl FormErrors {
    /// `result` is the action's value: the last answer from the server.
    pub fn new<T, R>(result: R, fields: &'static [&'static str]) -> Self
    where
        T: 'static,
        R: With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    {
        let server = Signal::derive(move || {
            result.with(|result| {
                result
                    .as_ref()
                    .and_then(|result| result.as_ref().err().cloned())
            })
        });
        Self {
            local: RwSignal::new(Vec::new()),
            server,
            fields,
            scope: StoredValue::new("field".into()),
        }
    }

    /// Gives this form's inputs ids `{scope}-{field}` instead of `field-{field}`.
    pub fn scoped(self, scope: impl Into<String>) -> Self {
        self.scope.set_value(scope.into());
        self
    }

    /// The id of the input for `field` (what [`Self::accept`] focuses on a problem).
    pub fn id(self, field: &str) -> String {
        self.scope.with_value(|scope| format!("{scope}-{field}"))
    }

    /// Forgets the problems found in the browser (after a successful save, or a reset).
    pub fn clear(self) {
        self.local.set(Vec::new());
    }

    fn shown(self) -> Vec<AppError> {
        let local = self.local.get();
        if local.is_empty() {
            self.server.get().into_iter().collect()
        } else {
            local
        }
    }

    /// The message to show under the named field.
    pub fn field(self, name: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.shown()
                .into_iter()
                .find(|error| error.field() == Some(name))
                .map(|error| error.to_string())
        })
    }

    /// The message for the form as a whole.
    pub fn general(self) -> Signal<Option<String>> {
        Signal::derive(move || {
            self.shown()
                .into_iter()
                .find(|error| {
                    error
                        .field()
                        .is_none_or(|field| !self.fields.contains(&field))
                })
                .map(|error| error.to_string())
        })
    }

    /// Shows the problems found in the browser; `true` when there are none and the form may go.
    /// Focus moves to the first field in trouble so keyboard and screen reader users land on it.
    pub fn accept(self, problems: Vec<AppError>) -> bool {
        if let Some(field) = problems.iter().find_map(AppError::field) {
            focus_element(&self.id(field));
        }
        let ok = problems.is_empty();
        self.local.set(problems);
        ok
    }
}

/// The fields of a submitted form, read in the submit handler to check them before sending.
/// Names are kept as written (`expense[amount]`); a repeated name keeps its first value.
pub struct Submitted(HashMap<String, String>);

impl Submitted {
    pub fn from_event(event: &SubmitEvent) -> Self {
        let mut fields = HashMap::new();
        if let Ok(data) = leptos::form::form_data_from_event(event) {
            for name in data
                .keys()
                .into_iter()
                .flatten()
                .filter_map(|name| name.as_string())
            {
                if let Some(value) = data.get(&name).as_string() {
                    fields.entry(name).or_insert(value);
                }
            }
        }
        Self(fields)
    }

    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }
}

pub fn field_id(name: &str) -> String {
    format!("field-{name}")
}

/// Moves the keyboard focus to the element with this id (in the browser; nothing on the server).
pub fn focus_element(id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(input) = document()
            .get_element_by_id(id)
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = input.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// The `aria-describedby` of a field: its hint and, while there is one, its error.
fn described_by(
    hint_id: Option<String>,
    error_id: String,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> {
    move || {
        let ids: Vec<String> = hint_id
            .clone()
            .into_iter()
            .chain(error.with(Option::is_some).then(|| error_id.clone()))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

#[component]
fn FieldMessages(
    hint: Option<&'static str>,
    hint_id: String,
    error: Signal<Option<String>>,
    error_id: String,
) -> impl IntoView {
    view! {
        {hint.map(|hint| view! { <p id=hint_id class="field-hint">{hint}</p> })}
        {move || {
            error.get().map(|message| view! { <p id=error_id.clone() class="field-error">{message}</p> })
        }}
    }
}

/// A labelled `<input>` with an optional hint and its inline error message.
#[component]
pub fn TextField(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    /// The id of a `<datalist>` with suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(into)] error: Signal<Option<String>>,
    /// Defaults to `field-{name}`.
    #[prop(optional, into)]
    id: Option<String>,
    /// The latest date (or largest number) the browser's picker offers.
    #[prop(optional, into)]
    max: Option<String>,
    /// The on-screen keyboard to show, e.g. `decimal`.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| field_id(name));
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone() class="field-label">{label}</label>
            <input
                id=id
                name=name
                type=input_type
                class="field-input"
                value=value
                list=list
                max=max
                inputmode=inputmode
                placeholder=placeholder
                autocomplete=autocomplete
                required=required
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by(hint_id.clone(), error_id.clone(), error)
            />
            <FieldMessages hint hint_id=hint_id.unwrap_or_default() error error_id/>
        </div>
    }
}

/// A labelled `<select>`; `options` are (value, label) pairs.
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    #[prop(into)] selected: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Defaults to `field-{name}`.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| field_id(name));
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let error_id = format!("{id}-error");
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let is_selected = value == selected;
            view! { <option value=value selected=is_selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone() class="field-label">{label}</label>
            <select
                id=id
                name=name
                class="field-input"
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by(hint_id.clone(), error_id.clone(), error)
            >
                {options}
            </select>
            <FieldMessages hint hint_id=hint_id.unwrap_or_default() error error_id/>
        </div>
    }
}

/// A labelled `<textarea>` with its inline error message.
#[component]
pub fn TextAreaField(
    label: &'static str,
    name: &'static str,
    #[prop(into)] id: String,
    #[prop(optional, into)] value: String,
    #[prop(default = 3)] rows: u32,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone() class="field-label">{label}</label>
            <textarea
                id=id
                name=name
                rows=rows
                class="field-input"
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by(hint_id.clone(), error_id.clone(), error)
            >
                {value}
            </textarea>
            <FieldMessages hint hint_id=hint_id.unwrap_or_default() error error_id/>
        </div>
    }
}

/// The form's submit button; disabled and relabelled while the request is under way.
#[component]
pub fn SubmitButton(
    label: &'static str,
    pending_label: &'static str,
    #[prop(into)] pending: Signal<bool>,
    #[prop(default = "btn-primary")] class: &'static str,
) -> impl IntoView {
    view! {
        <button type="submit" class=class disabled=move || pending.get() aria-busy=move || pending.get().then_some("true")>
            {move || if pending.get() { pending_label } else { label }}
        </button>
    }
}

/// Problems that belong to no single field (wrong credentials, throttling, a server fault).
#[component]
pub fn FormAlert(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|message| view! { <div role="alert" class="form-alert">{message}</div> })
    }
}

/// A confirmation after a successful save, announced politely.
#[component]
pub fn FormSuccess(#[prop(into)] message: Signal<Option<&'static str>>) -> impl IntoView {
    view! {
        <p role="status" class="form-success" class:hidden=move || message.with(Option::is_none)>
            {move || message.get().unwrap_or_default()}
        </p>
    }
}
