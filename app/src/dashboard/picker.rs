//! The range picker: links for the presets and "Custom", and, while "Custom" is chosen, a GET
//! form for its dates. Links and a plain form work without JavaScript and survive a reload.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::range::{DashboardRange, Preset};

#[component]
pub fn RangePicker(current: Memo<DashboardRange>) -> impl IntoView {
    let presets = Preset::ALL
        .into_iter()
        .map(|preset| {
            let range = DashboardRange::Preset(preset);
            let href = range.href();
            view! {
                <a
                    href=href
                    class="segment"
                    data-range=preset.key()
                    aria-current=move || (current.get() == range).then_some("true")
                >
                    {preset.label()}
                </a>
            }
        })
        .collect_view();
    // "Custom" keeps the dates already chosen.
    let custom_href = move || {
        current.with(|range| {
            if range.is_custom() {
                range.href()
            } else {
                "/?range=custom".into()
            }
        })
    };
    view! {
        <nav class="segments" aria-label="Range" data-testid="range-picker">
            {presets}
            <a
                href=custom_href
                class="segment"
                data-range="custom"
                aria-current=move || current.with(DashboardRange::is_custom).then_some("true")
            >
                "Custom"
            </a>
        </nav>
    }
}

/// The dates of a custom range. Without JavaScript it sends `?range=custom&from=…&to=…` to the
/// dashboard; once hydrated it navigates to the same address inside the page.
#[component]
pub fn CustomRangeForm(range: DashboardRange) -> impl IntoView {
    let problem = range.problem();
    let DashboardRange::Custom { from, to } = range else {
        return ().into_any();
    };
    // Both dates missing: "Custom" was just chosen, so this is a prompt, not a mistake.
    let message = problem.map(|problem| {
        if from.is_empty() && to.is_empty() {
            view! { <p class="field-hint w-full" data-testid="custom-range-hint">{problem}</p> }.into_any()
        } else {
            view! { <p role="alert" class="form-alert w-full" data-testid="custom-range-error">{problem}</p> }.into_any()
        }
    });
    let navigate = use_navigate();
    let submit = move |event: leptos::ev::SubmitEvent| {
        let Ok(data) = leptos::form::form_data_from_event(&event) else {
            return;
        };
        event.prevent_default();
        let text = |name: &str| data.get(name).as_string();
        let chosen = DashboardRange::parse(
            Some("custom"),
            text("from").as_deref(),
            text("to").as_deref(),
        );
        navigate(&chosen.href(), Default::default());
    };
    let invalid = problem.is_some() && !(from.is_empty() && to.is_empty());
    view! {
        <form
            method="get"
            action="/"
            class="card flex flex-wrap items-end gap-3 p-4"
            aria-label="Custom range"
            data-testid="custom-range"
            on:submit=submit
        >
            <input type="hidden" name="range" value="custom"/>
            <div class="field">
                <label for="range-from" class="field-label">"From"</label>
                <input id="range-from" type="date" name="from" value=from required class="field-input" aria-invalid=invalid.then_some("true")/>
            </div>
            <div class="field">
                <label for="range-to" class="field-label">"To"</label>
                <input id="range-to" type="date" name="to" value=to required class="field-input" aria-invalid=invalid.then_some("true")/>
            </div>
            <button type="submit" class="btn-primary inline-flex">"Show range"</button>
            {message}
        </form>
    }
    .into_any()
}
