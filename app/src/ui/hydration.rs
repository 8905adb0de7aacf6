/// Marks `<body data-hydrated="true">` once the wasm has taken over the page, so browser tests
/// (and anyone debugging) can tell a server-rendered page from a live one.
pub fn mark_when_hydrated() {
    leptos::prelude::Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = leptos::prelude::document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
