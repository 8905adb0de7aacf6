use leptos::prelude::*;
use leptos_router::components::A;

use super::{
    icons::Icon,
    menu::use_disclosure_menu,
    session::{Access, reload_at, use_current_user},
    theme::ThemeToggle,
};
use crate::{auth::api::Logout, notifications::bell::NotificationBell};

/// Top bar, navigation and the main landmark around every page; errors inside a page are caught
/// here so the navigation stays usable.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let access = use_current_user().access;
    view! {
        <a href="#main" class="skip-link">"Skip to content"</a>
        <div class="flex min-h-screen flex-col" data-access=access.as_str()>
            <header class="border-b border-line bg-surface">
                // `relative`: on a phone the notifications panel spans the bar's width.
                <div class="relative mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
                    <a href="/" class="flex items-center gap-2 text-lg font-bold tracking-tight">
                        <img src="/favicon.svg" alt="" class="h-7 w-7"/>
                        "SpendWise"
                    </a>
                    {access.signed_in().then(|| view! { <MainNav admin=access.is_admin()/> })}
                    <div class="ml-auto flex items-center gap-2">
                        <ThemeToggle/>
                        {match access {
                            Access::Visitor => view! { <a href="/login" class="nav-link">"Sign in"</a> }.into_any(),
                            Access::Member | Access::Admin => view! { <NotificationBell/><AccountMenu/> }.into_any(),
                        }}
                    </div>
                </div>
            </header>
            <main id="main" class="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
                <ErrorBoundary fallback=|errors| view! { <PageError errors/> }>{children()}</ErrorBoundary>
            </main>
            <footer class="border-t border-line py-6 text-center text-sm text-muted">
                "SpendWise — your money, on your own server."
            </footer>
        </div>
    }
}

/// Hidden from visitors: every page behind it asks them to sign in first.
#[component]
fn MainNav(admin: bool) -> impl IntoView {
    view! {
        <nav aria-label="Main" class="order-last -mx-1 flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto">
            <NavLink href="/">"Dashboard"</NavLink>
            <NavLink href="/expenses">"Expenses"</NavLink>
            <NavLink href="/categories">"Categories"</NavLink>
            <NavLink href="/budgets">"Budgets"</NavLink>
            <NavLink href="/assistant">"Assistant"</NavLink>
            {admin.then(|| view! { <NavLink href="/admin">"Admin"</NavLink> })}
        </nav>
    }
}

/// The signed-in user's name, opening a menu with the profile link and "Sign out".
#[component]
fn AccountMenu() -> impl IntoView {
    let user = use_current_user().user;
    let logout = ServerAction::<Logout>::new();
    let menu = use_disclosure_menu();
    Effect::new(move || {
        if let Some(Ok(())) = logout.value().get() {
            reload_at("/login");
        }
    });
    let name = move || {
        Suspend::new(async move {
            user.await
                .ok()
                .flatten()
                .map(|user| user.display_name)
                .unwrap_or_else(|| "Account".into())
        })
    };
    let failure =
        move || {
            logout.value().get().and_then(Result::err).map(
                |error| view! { <p role="alert" class="form-alert mt-2">{error.to_string()}</p> },
            )
        };
    view! {
        <details class="account-menu" node_ref=menu.details on:keydown=move |event| menu.on_key(event)>
            <summary class="account-button" data-testid="account-menu" node_ref=menu.summary>
                <Icon name="user"/>
                <span class="sr-only">"Account menu for "</span>
                // On a phone only screen readers get the name: the top bar then fits on one line.
                <span class="sr-only sm:not-sr-only">
                    <span class="block max-w-48 truncate" data-testid="account-name">
                        <Transition fallback=|| "Account">{name}</Transition>
                    </span>
                </span>
            </summary>
            <div class="menu-panel">
                <A href="/profile" attr:class="menu-item" on:click=move |_| menu.close()>"Profile and settings"</A>
                <ActionForm action=logout>
                    <button type="submit" class="menu-item w-full text-left" data-testid="logout" disabled=move || logout.pending().get()>
                        "Sign out"
                    </button>
                </ActionForm>
                {failure}
            </div>
        </details>
    }
}

#[component]
fn NavLink(href: &'static str, children: Children) -> impl IntoView {
    view! {
        <A href=href attr:class="nav-link">
            {children()}
        </A>
    }
}

/// What a user sees when a page fails: a plain apology, never internals.
#[component]
fn PageError(errors: ArcRwSignal<Errors>) -> impl IntoView {
    view! {
        <section role="alert" class="card mx-auto max-w-xl p-8 text-center">
            <h1 class="text-2xl font-bold">"Something went wrong"</h1>
            <p class="mt-3 text-muted">
                "This page could not be shown. Try again in a moment; if it keeps happening, tell your administrator."
            </p>
            <ul class="mt-4 text-sm text-muted">
                {move || errors.get().into_iter().map(|(_, error)| view! { <li>{error.to_string()}</li> }).collect_view()}
            </ul>
        </section>
    }
}
