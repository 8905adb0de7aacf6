//! The top bar's menus (account, notifications) are native `<details>` disclosures: keyboard
//! accessible, and they open before the wasm has loaded. Once it has, they also behave like
//! menus: Escape closes one and puts focus back on its button, a press outside closes it.

use leptos::{
    html::{Details, Summary},
    prelude::*,
};

#[derive(Clone, Copy)]
pub struct DisclosureMenu {
    pub details: NodeRef<Details>,
    pub summary: NodeRef<Summary>,
}

/// Call in the menu's component; bind `details` and `summary` with `node_ref`.
pub fn use_disclosure_menu() -> DisclosureMenu {
    let menu = DisclosureMenu {
        details: NodeRef::new(),
        summary: NodeRef::new(),
    };
    #[cfg(feature = "hydrate")]
    menu.close_on_press_outside();
    menu
}

impl DisclosureMenu {
    pub fn close(self) {
        if let Some(details) = self.details.get_untracked() {
            details.set_open(false);
        }
    }

    /// For `on:keydown` on the `<details>`.
    pub fn on_key(self, event: leptos::ev::KeyboardEvent) {
        if event.key() == "Escape" && self.details.get_untracked().is_some_and(|menu| menu.open()) {
            self.close();
            if let Some(summary) = self.summary.get_untracked() {
                let _ = summary.focus();
            }
        }
    }

    #[cfg(feature = "hydrate")]
    fn close_on_press_outside(self) {
        use wasm_bindgen::JsCast;
        let listener = window_event_listener(leptos::ev::pointerdown, move |event| {
            let Some(details) = self.details.get_untracked().filter(|menu| menu.open()) else {
                return;
            };
            let target = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Node>().ok());
            if !details.contains(target.as_ref()) {
                details.set_open(false);
            }
        });
        on_cleanup(move || listener.remove());
    }
}
