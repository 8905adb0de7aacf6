use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{api::Login, rules};
use crate::ui::{
    forms::{FormAlert, FormErrors, SubmitButton, Submitted, TextField},
    session::{leave_if_signed_in, reload_at},
};

/// Sign in. A plain HTML form posted to the `login` server function, so it works before (and
/// without) the wasm; once hydrated it checks the email first and shows errors in place.
#[component]
pub fn LoginPage() -> impl IntoView {
    leave_if_signed_in();
    let next = use_query_map()
        .with_untracked(|query| query.get("next"))
        .unwrap_or_default();
    let login = ServerAction::<Login>::new();
    let errors = FormErrors::new(login.value(), &["email", "password"]);
    let succeeded = move || login.value().with(|result| matches!(result, Some(Ok(_))));

    // A full page load: nothing of a previous user's page state survives into this session.
    Effect::new(move || {
        if let Some(Ok(next)) = login.value().get() {
            reload_at(&next);
        }
    });

    let check = move |event: leptos::ev::SubmitEvent| {
        let form = Submitted::from_event(&event);
        let mut problems: Vec<_> = rules::email(form.get("email")).err().into_iter().collect();
        if form.get("password").is_empty() {
            problems.push(crate::AppError::validation(
                "password",
                "Enter your password.",
            ));
        }
        if !errors.accept(problems) {
            event.prevent_default();
        }
    };

    view! {
        <Title text="Sign in"/>
        <section class="card mx-auto w-full max-w-md p-6 sm:p-8" aria-labelledby="page-title">
            <h1 id="page-title" class="text-2xl font-bold tracking-tight">"Sign in"</h1>
            <p class="mt-2 text-muted">"Welcome back. Sign in to see your spending."</p>
            <ActionForm action=login attr:class="mt-6 space-y-4" attr:novalidate=true on:submit:capture=check>
                <FormAlert message=errors.general()/>
                <input type="hidden" name="next" value=next/>
                <TextField
                    label="Email"
                    name="email"
                    input_type="email"
                    autocomplete="username"
                    required=true
                    error=errors.field("email")
                />
                <TextField
                    label="Password"
                    name="password"
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    error=errors.field("password")
                />
                <SubmitButton
                    label="Sign in"
                    pending_label="Signing in…"
                    pending=Signal::derive(move || login.pending().get() || succeeded())
                />
            </ActionForm>
            <p class="mt-6 text-sm text-muted">
                "New to SpendWise? " <a href="/register" class="text-link">"Create an account"</a>
            </p>
        </section>
    }
}
