use leptos::prelude::*;
use leptos_meta::Title;

use super::{api::Register, rules};
use crate::ui::{
    forms::{FormAlert, FormErrors, SubmitButton, Submitted, TextField},
    session::{leave_if_signed_in, reload_at},
};

/// Create an account. The browser checks the same rules as the server (and shows the same
/// messages) before sending; without the wasm the server's answer comes back in the page.
#[component]
pub fn RegisterPage() -> impl IntoView {
    leave_if_signed_in();
    let register = ServerAction::<Register>::new();
    let errors = FormErrors::new(register.value(), &["email", "display_name", "password"]);
    let succeeded = move || {
        register
            .value()
            .with(|result| matches!(result, Some(Ok(_))))
    };
    let timezone = RwSignal::new(String::new());

    Effect::new(move || timezone.set(browser_timezone()));
    Effect::new(move || {
        if let Some(Ok(next)) = register.value().get() {
            reload_at(&next);
        }
    });

    let check = move |event: leptos::ev::SubmitEvent| {
        let form = Submitted::from_event(&event);
        let problems: Vec<_> = [
            rules::email(form.get("email")).err(),
            rules::display_name(form.get("display_name")).err(),
            rules::new_password("password", form.get("password")).err(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !errors.accept(problems) {
            event.prevent_default();
        }
    };

    view! {
        <Title text="Create an account"/>
        <section class="card mx-auto w-full max-w-md p-6 sm:p-8" aria-labelledby="page-title">
            <h1 id="page-title" class="text-2xl font-bold tracking-tight">"Create an account"</h1>
            <p class="mt-2 text-muted">"Track your expenses on your own server."</p>
            <ActionForm action=register attr:class="mt-6 space-y-4" attr:novalidate=true on:submit:capture=check>
                <FormAlert message=errors.general()/>
                <input type="hidden" name="timezone" prop:value=move || timezone.get()/>
                <TextField
                    label="Email"
                    name="email"
                    input_type="email"
                    autocomplete="email"
                    required=true
                    error=errors.field("email")
                />
                <TextField
                    label="Display name"
                    name="display_name"
                    autocomplete="name"
                    required=true
                    error=errors.field("display_name")
                />
                <TextField
                    label="Password"
                    name="password"
                    input_type="password"
                    autocomplete="new-password"
                    hint="At least 8 characters, 15+ recommended. A few unrelated words make a strong one."
                    required=true
                    error=errors.field("password")
                />
                <SubmitButton
                    label="Create account"
                    pending_label="Creating your account…"
                    pending=Signal::derive(move || register.pending().get() || succeeded())
                />
            </ActionForm>
            <p class="mt-6 text-sm text-muted">
                "Already have an account? " <a href="/login" class="text-link">"Sign in"</a>
            </p>
        </section>
    }
}

/// The browser's IANA time zone, e.g. `Europe/Berlin` (empty on the server).
pub(super) fn browser_timezone() -> String {
    #[cfg(feature = "hydrate")]
    {
        let format =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
        js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
            .ok()
            .and_then(|zone| zone.as_string())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    String::new()
}
