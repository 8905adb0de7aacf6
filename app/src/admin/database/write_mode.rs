//! Write mode on the console page, shown only when the server allows it (`ADMIN_SQL_WRITE`):
//! the administrator types the password again, and for five minutes an "Execute" button runs
//! statements that change data. Run stays read-only throughout.

use chrono::{DateTime, Utc};
use leptos::{ev::SubmitEvent, prelude::*, task::spawn_local};

use crate::admin::{
    api::{confirm_password, load_write_mode},
    timestamps::date_time,
};

#[component]
pub fn WriteModeBar(
    /// Runs the editor's statement in write mode.
    on_execute: Callback<()>,
    busy: Signal<bool>,
) -> impl IntoView {
    let mode = Resource::new(|| (), |()| load_write_mode());
    // Set by a confirmation on this page; otherwise what the server said on load.
    let confirmed = RwSignal::new(None::<DateTime<Utc>>);
    let error = RwSignal::new(None::<String>);
    let password = RwSignal::new(String::new());
    let confirm = move |event: SubmitEvent| {
        event.prevent_default();
        let typed = password.get_untracked();
        spawn_local(async move {
            match confirm_password(typed).await {
                Ok(mode) => {
                    error.set(None);
                    password.set(String::new());
                    confirmed.set(mode.confirmed_until);
                }
                Err(failure) => error.set(Some(failure.to_string())),
            }
        });
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(mode) = mode.await else { return ().into_any() };
                if !mode.enabled {
                    return ().into_any();
                }
                if confirmed.get_untracked().is_none() {
                    confirmed.set(mode.confirmed_until);
                }
                let open = move || confirmed.get().filter(|until| *until > Utc::now());
                view! {
                    <div class="rounded-lg border border-warning px-3 py-2 text-sm" data-testid="write-mode">
                        <Show
                            when=move || open().is_some()
                            fallback=move || view! {
                                <form class="flex flex-wrap items-end gap-2" on:submit=confirm>
                                    <div class="field min-w-0 flex-1 basis-48">
                                        <label for="write-password" class="field-label">"Write mode: your password again"</label>
                                        <input
                                            id="write-password"
                                            type="password"
                                            class="field-input"
                                            autocomplete="current-password"
                                            required=true
                                            prop:value=move || password.get()
                                            on:input=move |event| password.set(event_target_value(&event))
                                        />
                                    </div>
                                    <button type="submit" class="btn-secondary" data-testid="unlock-writes">"Allow writes for 5 minutes"</button>
                                </form>
                            }
                        >
                            <div class="flex flex-wrap items-center gap-3">
                                <p data-testid="writes-allowed">
                                    {move || open().map(|until| format!("Writes allowed until {}. Every statement is logged with your name.", date_time(until)))}
                                </p>
                                <button type="button" class="btn-danger" disabled=move || busy.get() on:click=move |_| on_execute.run(()) data-testid="execute-write">
                                    "Execute (writes)"
                                </button>
                            </div>
                        </Show>
                        {move || error.get().map(|error| view! { <p class="form-alert mt-2" role="alert">{error}</p> })}
                    </div>
                }
                .into_any()
            })}
        </Transition>
    }
}
