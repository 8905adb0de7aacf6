use leptos::prelude::*;
use leptos_router::components::A;

use super::theme::ThemeToggle;

/// Top bar, navigation and the main landmark around every page; errors inside a page are caught
/// here so the navigation stays usable.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a href="#main" class="skip-link">"Skip to content"</a>
        <div class="flex min-h-screen flex-col">
            <header class="border-b border-line bg-surface">
                <div class="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
                    <a href="/" class="flex items-center gap-2 text-lg font-bold tracking-tight">
                        <img src="/favicon.svg" alt="" class="h-7 w-7"/>
                        "SpendWise"
                    </a>
                    <nav aria-label="Main" class="order-last -mx-1 flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto">
                        <NavLink href="/">"Dashboard"</NavLink>
                        <NavLink href="/expenses">"Expenses"</NavLink>
                        <NavLink href="/budgets">"Budgets"</NavLink>
                        <NavLink href="/assistant">"Assistant"</NavLink>
                    </nav>
                    <div class="ml-auto flex items-center gap-2">
                        <ThemeToggle/>
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
