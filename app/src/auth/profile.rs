use leptos::prelude::*;
use leptos_meta::Title;

use super::{
    SessionView, UserView,
    api::{ChangePassword, LogoutAll, RevokeSession, UpdateProfile, current_user, list_sessions},
    register::browser_timezone,
    rules,
};
use crate::{
    AppError,
    money::CURRENCIES,
    ui::{
        forms::{
            FormAlert, FormErrors, FormSuccess, SelectField, SubmitButton, Submitted, TextField,
        },
        session::{reload_at, use_current_user},
        theme::{Theme, ThemeContext},
    },
};

/// The account page: profile settings, password and the signed-in devices.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |()| current_user());
    let change_password = ServerAction::<ChangePassword>::new();
    view! {
        <Title text="Your account"/>
        <div class="mx-auto w-full max-w-3xl space-y-6">
            <h1 class="text-2xl font-bold tracking-tight">"Your account"</h1>
            <Suspense fallback=|| view! { <p class="text-muted">"Loading your profile…"</p> }>
                {move || Suspend::new(async move {
                    profile.await.map(|user| user.map(|user| view! { <ProfileSection user/> }))
                })}
            </Suspense>
            <PasswordSection change_password/>
            <SessionsSection change_password/>
        </div>
    }
}

#[component]
fn ProfileSection(user: UserView) -> impl IntoView {
    let update = ServerAction::<UpdateProfile>::new();
    let errors = FormErrors::new(
        update.value(),
        &["display_name", "base_currency", "timezone", "theme"],
    );
    let ThemeContext(theme) = expect_context();
    let current = use_current_user();
    let zones = RwSignal::new(Vec::<String>::new());
    let browser_zone = RwSignal::new(String::new());
    Effect::new(move || {
        zones.set(supported_timezones());
        browser_zone.set(browser_timezone());
    });
    Effect::new(move || {
        if let Some(Ok(saved)) = update.value().get() {
            theme.set(saved.theme);
            current.user.refetch();
        }
    });
    let saved = Signal::derive(move || {
        update
            .value()
            .with(|result| matches!(result, Some(Ok(_))))
            .then_some("Your profile is saved.")
    });
    let check = move |event: leptos::ev::SubmitEvent| {
        let form = Submitted::from_event(&event);
        let problems: Vec<_> = [
            rules::display_name(form.get("display_name")).err(),
            rules::currency(form.get("base_currency")).err(),
            form.get("timezone")
                .trim()
                .is_empty()
                .then(|| AppError::validation("timezone", "Enter a time zone.")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !errors.accept(problems) {
            event.prevent_default();
        }
    };
    let currencies = CURRENCIES
        .iter()
        .map(|c| (c.code.to_string(), format!("{} — {}", c.code, c.name)))
        .collect();
    let themes = [Theme::System, Theme::Light, Theme::Dark]
        .into_iter()
        .map(|theme| (theme.as_str().to_string(), theme_name(theme).to_string()))
        .collect();

    view! {
        <section class="card p-6" aria-labelledby="profile-title">
            <h2 id="profile-title" class="text-lg font-semibold">"Profile"</h2>
            <p class="mt-1 text-sm text-muted">
                "Signed in as " <span class="font-medium text-fg" data-testid="profile-email">{user.email}</span>
            </p>
            <ActionForm action=update attr:class="mt-4 space-y-4" attr:novalidate=true on:submit:capture=check>
                <FormAlert message=errors.general()/>
                <TextField
                    label="Display name"
                    name="display_name"
                    autocomplete="name"
                    value=user.display_name
                    required=true
                    error=errors.field("display_name")
                />
                <div class="grid gap-4 sm:grid-cols-2">
                    <SelectField
                        label="Base currency"
                        name="base_currency"
                        options=currencies
                        selected=user.base_currency
                        hint="Totals and budgets are shown in it."
                        error=errors.field("base_currency")
                    />
                    <SelectField label="Theme" name="theme" options=themes selected=user.theme.as_str() error=errors.field("theme")/>
                </div>
                <TextField
                    label="Time zone"
                    name="timezone"
                    value=user.timezone
                    list="timezone-options"
                    hint="An IANA name such as Europe/Berlin; your dates follow it."
                    required=true
                    error=errors.field("timezone")
                />
                <datalist id="timezone-options">
                    {move || zones.get().into_iter().map(|zone| view! { <option value=zone></option> }).collect_view()}
                </datalist>
                <p class="text-sm text-muted" class:hidden=move || browser_zone.with(String::is_empty)>
                    "This browser's time zone: " {move || browser_zone.get()}
                </p>
                <label class="flex items-start gap-2 text-sm">
                    <input type="checkbox" name="email_alerts" value="on" checked=user.email_alerts class="mt-0.5 h-4 w-4 shrink-0 accent-accent"/>
                    <span>"Email me budget alerts (at 80 % and 100 % of a budget)"</span>
                </label>
                <FormSuccess message=saved/>
                <SubmitButton label="Save profile" pending_label="Saving…" pending=update.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordSection(change_password: ServerAction<ChangePassword>) -> impl IntoView {
    let errors = FormErrors::new(
        change_password.value(),
        &["current_password", "new_password", "confirm_password"],
    );
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move || {
        if let Some(Ok(())) = change_password.value().get()
            && let Some(form) = form.get_untracked()
        {
            form.reset();
        }
    });
    let changed = Signal::derive(move || {
        change_password
            .value()
            .with(|result| matches!(result, Some(Ok(()))))
            .then_some("Your password is changed. Your other devices were signed out.")
    });
    let check = move |event: leptos::ev::SubmitEvent| {
        let form = Submitted::from_event(&event);
        let mut problems = Vec::new();
        if form.get("current_password").is_empty() {
            problems.push(AppError::validation(
                "current_password",
                "Enter your current password.",
            ));
        }
        if let Err(problem) = rules::new_password("new_password", form.get("new_password")) {
            problems.push(problem);
        } else if form.get("confirm_password") != form.get("new_password") {
            problems.push(AppError::validation(
                "confirm_password",
                "The two new passwords do not match.",
            ));
        }
        if !errors.accept(problems) {
            event.prevent_default();
        }
    };
    view! {
        <section class="card p-6" aria-labelledby="password-title">
            <h2 id="password-title" class="text-lg font-semibold">"Password"</h2>
            <p class="mt-1 text-sm text-muted">"Changing it signs out every other device."</p>
            <ActionForm action=change_password node_ref=form attr:class="mt-4 space-y-4" attr:novalidate=true on:submit:capture=check>
                <FormAlert message=errors.general()/>
                <TextField
                    label="Current password"
                    name="current_password"
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    error=errors.field("current_password")
                />
                <TextField
                    label="New password"
                    name="new_password"
                    input_type="password"
                    autocomplete="new-password"
                    hint="At least 8 characters, 15+ recommended."
                    required=true
                    error=errors.field("new_password")
                />
                <TextField
                    label="Repeat the new password"
                    name="confirm_password"
                    input_type="password"
                    autocomplete="new-password"
                    required=true
                    error=errors.field("confirm_password")
                />
                <FormSuccess message=changed/>
                <SubmitButton label="Change password" pending_label="Changing…" pending=change_password.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn SessionsSection(change_password: ServerAction<ChangePassword>) -> impl IntoView {
    let revoke = ServerAction::<RevokeSession>::new();
    let sign_out_all = ServerAction::<LogoutAll>::new();
    let sessions = Resource::new(
        move || (revoke.version().get(), change_password.version().get()),
        |_| list_sessions(),
    );
    Effect::new(move || {
        if let Some(Ok(())) = sign_out_all.value().get() {
            reload_at("/login");
        }
    });
    let failure = Signal::derive(move || {
        let error = |result: Option<Result<(), AppError>>| {
            result.and_then(Result::err).map(|e| e.to_string())
        };
        error(revoke.value().get()).or_else(|| error(sign_out_all.value().get()))
    });
    view! {
        <section class="card p-6" aria-labelledby="sessions-title">
            <h2 id="sessions-title" class="text-lg font-semibold">"Signed-in devices"</h2>
            <p class="mt-1 text-sm text-muted">"Sign out a device you do not recognise, or every device at once."</p>
            <FormAlert message=failure/>
            <Transition fallback=|| view! { <p class="mt-4 text-muted">"Loading devices…"</p> }>
                {move || Suspend::new(async move {
                    sessions.await.map(|sessions| view! { <SessionTable sessions revoke/> })
                })}
            </Transition>
            <ActionForm action=sign_out_all attr:class="mt-6">
                <SubmitButton
                    label="Sign out everywhere"
                    pending_label="Signing out…"
                    class="btn-danger"
                    pending=sign_out_all.pending()
                />
            </ActionForm>
        </section>
    }
}

#[component]
fn SessionTable(sessions: Vec<SessionView>, revoke: ServerAction<RevokeSession>) -> impl IntoView {
    let rows = sessions
        .into_iter()
        .map(|session| {
            let device = session.user_agent.as_deref().map_or_else(|| "Unknown device".to_string(), describe_device);
            let ip = session.ip.unwrap_or_else(|| "—".into());
            let label = format!("Sign out {device}");
            let action = (!session.current).then(|| {
                view! {
                    <ActionForm action=revoke>
                        <input type="hidden" name="id" value=session.id/>
                        <button type="submit" class="btn-secondary" disabled=move || revoke.pending().get() aria-label=label>
                            "Revoke"
                        </button>
                    </ActionForm>
                }
            });
            view! {
                <tr class="border-t border-line" data-testid="session-row">
                    <td class="py-3 pr-3">
                        <span title=session.user_agent.clone()>{device.clone()}</span>
                        {session.current.then(|| view! { <span class="badge ml-2">"This device"</span> })}
                        <span class="block text-muted sm:hidden">{ip.clone()}</span>
                    </td>
                    <td class="hidden py-3 pr-3 sm:table-cell">{ip}</td>
                    <td class="py-3 pr-3">
                        <time datetime=session.last_used_at.to_rfc3339()>
                            {session.last_used_at.format("%Y-%m-%d %H:%M UTC").to_string()}
                        </time>
                    </td>
                    <td class="py-3 text-right">{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="mt-4 overflow-x-auto">
            <table class="w-full text-left text-sm">
                <caption class="sr-only">"Devices signed in to your account"</caption>
                <thead class="text-muted">
                    <tr>
                        <th scope="col" class="py-2 pr-3 font-medium">"Device"</th>
                        <th scope="col" class="hidden py-2 pr-3 font-medium sm:table-cell">"IP address"</th>
                        <th scope="col" class="py-2 pr-3 font-medium">"Last used"</th>
                        <th scope="col" class="py-2"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn theme_name(theme: Theme) -> &'static str {
    match theme {
        Theme::System => "Same as the device",
        Theme::Light => "Light",
        Theme::Dark => "Dark",
    }
}

/// "Firefox on Windows" from a user agent string; the full string is kept as a tooltip.
fn describe_device(user_agent: &str) -> String {
    const BROWSERS: [(&str, &str); 8] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
        ("okhttp", "Android app"),
    ];
    const SYSTEMS: [(&str, &str); 7] = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ];
    let find = |table: &[(&str, &'static str)]| {
        table
            .iter()
            .find(|(marker, _)| user_agent.contains(marker))
            .map(|(_, name)| *name)
    };
    match (find(&BROWSERS), find(&SYSTEMS)) {
        (Some(browser), Some(system)) => format!("{browser} on {system}"),
        (Some(name), None) | (None, Some(name)) => name.to_string(),
        (None, None) => user_agent.chars().take(40).collect(),
    }
}

/// Every IANA zone the browser knows, for the time zone suggestions (empty on the server).
fn supported_timezones() -> Vec<String> {
    #[cfg(feature = "hydrate")]
    {
        use js_sys::{Intl, Reflect, global};
        let supported = Reflect::get(&global(), &"Intl".into())
            .and_then(|intl| Reflect::has(&intl, &"supportedValuesOf".into()))
            .unwrap_or(false);
        if !supported {
            return Vec::new();
        }
        let mut zones: Vec<String> = Intl::supported_values_of(Intl::SupportedValuesKey::TimeZone)
            .iter()
            .filter_map(|zone| zone.as_string())
            .collect();
        if !zones.iter().any(|zone| zone == "UTC") {
            zones.push("UTC".into());
        }
        zones
    }
    #[cfg(not(feature = "hydrate"))]
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::describe_device;

    #[test]
    fn user_agents_are_shortened_to_browser_and_system() {
        let chrome_linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36";
        assert_eq!(describe_device(chrome_linux), "Chrome on Linux");
        let safari_iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_device(safari_iphone), "Safari on iOS");
        assert_eq!(describe_device("curl/8.5.0"), "curl");
    }
}
