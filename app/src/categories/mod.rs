//! Categories: each user's own set, seeded with defaults at registration, renamed, recoloured,
//! archived or deleted (moving their expenses elsewhere) by the user.

pub mod api;
mod fields;
mod page;
mod row;
#[cfg(feature = "ssr")]
pub mod service;

pub use page::CategoriesPage;

use serde::{Deserialize, Serialize};

use crate::AppError;

pub const NAME_MAX: usize = 60;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CategoryView {
    pub id: i64,
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
    /// One of [`ICONS`].
    pub icon: String,
    pub archived: bool,
    /// How many of the user's expenses are in this category.
    pub expense_count: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewCategory {
    pub name: String,
    #[serde(default)]
    pub color: Option<String>,
    #[serde(default)]
    pub icon: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct CategoryUpdate {
    pub name: Option<String>,
    pub color: Option<String>,
    pub icon: Option<String>,
    pub archived: Option<bool>,
}

/// The icons a category can show (inlined SVGs in `ui::icons`, no CDN).
pub const ICONS: &[&str] = &[
    "shopping-cart",
    "utensils",
    "car",
    "home",
    "zap",
    "heart-pulse",
    "clapperboard",
    "shopping-bag",
    "plane",
    "circle-dot",
    "gift",
    "graduation-cap",
    "paw-print",
    "dumbbell",
    "coffee",
    "smartphone",
];

/// Every new account starts with these: (name, colour, icon).
pub const DEFAULT_CATEGORIES: &[(&str, &str, &str)] = &[
    ("Groceries", "#16a34a", "shopping-cart"),
    ("Dining", "#ea580c", "utensils"),
    ("Transport", "#2563eb", "car"),
    ("Housing", "#7c3aed", "home"),
    ("Utilities", "#0891b2", "zap"),
    ("Health", "#dc2626", "heart-pulse"),
    ("Entertainment", "#db2777", "clapperboard"),
    ("Shopping", "#ca8a04", "shopping-bag"),
    ("Travel", "#0d9488", "plane"),
    ("Other", "#64748b", "circle-dot"),
];

pub const DEFAULT_COLOR: &str = "#64748b";
pub const DEFAULT_ICON: &str = "circle-dot";

pub mod rules {
    use super::*;

    pub fn name(value: &str) -> Result<String, AppError> {
        let name = value.trim();
        if name.is_empty() {
            return Err(AppError::validation(
                "name",
                "Enter a name for the category.",
            ));
        }
        if name.chars().count() > NAME_MAX {
            return Err(AppError::validation(
                "name",
                format!("A category name has at most {NAME_MAX} characters."),
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(AppError::validation(
                "name",
                "A category name cannot contain control characters.",
            ));
        }
        Ok(name.to_string())
    }

    /// The key that makes names unique per user regardless of case.
    pub fn name_key(name: &str) -> String {
        name.to_lowercase()
    }

    pub fn color(value: &str) -> Result<String, AppError> {
        let color = value.trim().to_lowercase();
        let valid = color.len() == 7
            && color.starts_with('#')
            && color[1..].bytes().all(|byte| byte.is_ascii_hexdigit());
        if !valid {
            return Err(AppError::validation(
                "color",
                "Choose a colour as #rrggbb, like #16a34a.",
            ));
        }
        Ok(color)
    }

    pub fn icon(value: &str) -> Result<String, AppError> {
        ICONS
            .iter()
            .find(|icon| **icon == value.trim())
            .map(|icon| icon.to_string())
            .ok_or_else(|| AppError::validation("icon", "Choose one of the offered icons."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_use_valid_colours_and_icons() {
        for (name, color, icon) in DEFAULT_CATEGORIES {
            assert_eq!(rules::name(name).as_deref(), Ok(*name));
            assert!(rules::color(color).is_ok(), "{color}");
            assert!(rules::icon(icon).is_ok(), "{icon}");
        }
    }

    #[test]
    fn bad_values_name_their_field() {
        assert_eq!(rules::name(" ").expect_err("empty").field(), Some("name"));
        assert!(rules::name(&"x".repeat(61)).is_err());
        assert_eq!(
            rules::color("red").expect_err("not hex").field(),
            Some("color")
        );
        assert_eq!(rules::color("#ABCDEF").as_deref(), Ok("#abcdef"));
        assert_eq!(
            rules::icon("skull").expect_err("unknown").field(),
            Some("icon")
        );
    }
}
