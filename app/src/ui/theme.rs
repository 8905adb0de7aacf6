//! Light, dark or system theme: chosen by the user, kept in a cookie, applied as `data-theme` on
//! `<html>` (style/tailwind.css maps it to colours).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::icons::Icon;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

impl Theme {
    pub const COOKIE: &'static str = "theme";

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::System => "system",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "system" => Some(Theme::System),
            _ => None,
        }
    }

    /// The toggle cycles light → dark → system.
    pub fn next(self) -> Self {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
            Theme::System => Theme::Light,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Theme::Light => "Light theme",
            Theme::Dark => "Dark theme",
            Theme::System => "System theme",
        }
    }

    /// Finds the theme in a `Cookie` header value.
    pub fn from_cookie_header(header: &str) -> Self {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == Self::COOKIE)
            .and_then(|(_, value)| Self::parse(value))
            .unwrap_or_default()
    }

    /// The signed-in user's stored theme, else the cookie's (a visitor, or the login page of a
    /// returning browser).
    #[cfg(feature = "ssr")]
    pub fn from_request() -> Self {
        if let Some(viewer) = crate::server::viewer::current_viewer() {
            return viewer.theme;
        }
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(http::header::COOKIE)
                    .and_then(|value| value.to_str().ok())
                    .map(Self::from_cookie_header)
            })
            .unwrap_or_default()
    }

    /// In the browser the server has already written the theme onto `<html>`.
    #[cfg(feature = "hydrate")]
    fn from_document() -> Self {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("data-theme"))
            .and_then(|value| Self::parse(&value))
            .unwrap_or_default()
    }

    fn current() -> Self {
        #[cfg(feature = "ssr")]
        return Self::from_request();
        #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
        return Self::from_document();
        #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
        Self::default()
    }
}

#[derive(Clone, Copy)]
pub struct ThemeContext(pub RwSignal<Theme>);

/// Provides the theme signal; both render targets start from the same value, so hydration matches.
pub fn provide_theme() {
    let theme = RwSignal::new(Theme::current());
    provide_context(ThemeContext(theme));
    Effect::new(move |previous: Option<Theme>| {
        let current = theme.get();
        if previous.is_some_and(|previous| previous != current) {
            apply(current);
        }
        current
    });
}

#[cfg(feature = "hydrate")]
fn apply(theme: Theme) {
    use wasm_bindgen::JsCast;
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-theme", theme.as_str());
    }
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        Theme::COOKIE,
        theme.as_str()
    );
    let _ = document()
        .unchecked_into::<web_sys::HtmlDocument>()
        .set_cookie(&cookie);
}

#[cfg(not(feature = "hydrate"))]
fn apply(_theme: Theme) {}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let ThemeContext(theme) = expect_context();
    let queued = StoredValue::new(None::<Theme>);
    let saving = StoredValue::new(false);
    // The choice is also stored on the user (and in the cookie) by the server. One request at a
    // time, always the latest choice, so quick clicks cannot arrive out of order.
    let choose = move |_| {
        let choice = theme.get_untracked().next();
        theme.set(choice);
        queued.set_value(Some(choice));
        if saving.get_value() {
            return;
        }
        saving.set_value(true);
        leptos::task::spawn_local(async move {
            while let Some(choice) = queued.try_update_value(Option::take).flatten() {
                let _ = crate::auth::api::save_theme(choice).await;
            }
            saving.set_value(false);
        });
    };
    view! {
        <button
            type="button"
            class="icon-button"
            data-testid="theme-toggle"
            title=move || format!("{} (click to change)", theme.get().label())
            aria-label=move || format!("{}. Change theme", theme.get().label())
            on:click=choose
        >
            {move || match theme.get() {
                Theme::Light => view! { <Icon name="sun"/> },
                Theme::Dark => view! { <Icon name="moon"/> },
                Theme::System => view! { <Icon name="monitor"/> },
            }}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn the_theme_cookie_is_found_among_others() {
        assert_eq!(
            Theme::from_cookie_header("a=1; theme=dark; b=2"),
            Theme::Dark
        );
        assert_eq!(Theme::from_cookie_header("theme=light"), Theme::Light);
    }

    #[test]
    fn a_missing_or_unknown_theme_falls_back_to_system() {
        assert_eq!(Theme::from_cookie_header(""), Theme::System);
        assert_eq!(Theme::from_cookie_header("theme=purple"), Theme::System);
        assert_eq!(Theme::from_cookie_header("xtheme=dark"), Theme::System);
    }

    #[test]
    fn the_toggle_cycles_through_all_three() {
        let start = Theme::Light;
        assert_eq!(start.next().next().next(), start);
        assert_ne!(start.next(), start);
    }
}
