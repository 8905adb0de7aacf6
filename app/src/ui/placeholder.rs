use leptos::prelude::*;

/// Stands in for a page whose feature is not built yet, and says so plainly.
#[component]
pub fn ComingSoon(title: &'static str, description: &'static str) -> impl IntoView {
    view! {
        <section class="card mx-auto max-w-2xl p-8" aria-labelledby="page-title">
            <h1 id="page-title" class="text-2xl font-bold tracking-tight">{title}</h1>
            <p class="mt-3 text-muted">{description}</p>
            <p class="mt-6 inline-flex items-center gap-2 rounded-full bg-accent-soft px-3 py-1 text-sm font-medium text-accent">
                "Not built yet: this page arrives in an upcoming release."
            </p>
        </section>
    }
}
