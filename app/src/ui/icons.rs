//! Every icon of the app in one place: 24×24 stroke drawings in the style of Lucide, drawn for
//! SpendWise and inlined (no icon font, no CDN). Category icons are the names in
//! [`crate::categories::ICONS`]; the rest are the interface's own.

use leptos::prelude::*;

/// The outline of a circle as path data, so every icon is a list of paths.
macro_rules! circle {
    ($cx:literal, $cy:literal, $r:literal, $d:literal) => {
        concat!(
            "M", $cx, " ", $cy, "m-", $r, " 0a", $r, " ", $r, " 0 1 0 ", $d, " 0a", $r, " ", $r,
            " 0 1 0 -", $d, " 0"
        )
    };
}

/// The path data of the icon called `name`; unknown names get the neutral circle-dot.
pub fn paths(name: &str) -> &'static [&'static str] {
    match name {
        // Category icons.
        "shopping-cart" => &[
            "M2 3h2.6l2.5 11.6a1.2 1.2 0 0 0 1.2.9h9.3a1.2 1.2 0 0 0 1.2-.9L21 7H5.5",
            circle!(9, 20, 1.5, 3),
            circle!(17, 20, 1.5, 3),
        ],
        "utensils" => &[
            "M5 2v7a3 3 0 0 0 6 0V2",
            "M8 2v20",
            "M18 15V2a4 4 0 0 0-3.5 4v8a1 1 0 0 0 1 1H18v7",
        ],
        "car" => &[
            "M5 17H3.5a.5.5 0 0 1-.5-.5V12l2.2-4.9A2 2 0 0 1 7 6h10a2 2 0 0 1 1.8 1.1L21 12v4.5a.5.5 0 0 1-.5.5H19",
            "M3 12h18",
            "M9 17h6",
            circle!(7, 17, 2, 4),
            circle!(17, 17, 2, 4),
        ],
        "home" => &[
            "M3 10.5 12 3l9 7.5",
            "M5 9v11a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V9",
            "M10 21v-6h4v6",
        ],
        "zap" => &["M13 2 4 14h7l-1 8 9-12h-7z"],
        "heart-pulse" => &[
            "M19.6 13.4 12 21l-7.6-7.6A5 5 0 0 1 12 6.3a5 5 0 0 1 7.6 7.1z",
            "M3.5 12H8l1.8-2.5 2.7 5 2-3H20.5",
        ],
        "clapperboard" => &[
            "M4 11h16v9a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1z",
            "M4 11 3.3 7.3a1 1 0 0 1 .8-1.2l13.6-2.5a1 1 0 0 1 1.2.8l.6 3.2L4 11",
            "M8.2 5.3l2.4 3.3",
            "M13.2 4.4l2.4 3.3",
        ],
        "shopping-bag" => &[
            "M6 2 3 6v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6l-3-4z",
            "M3 6h18",
            "M16 10a4 4 0 0 1-8 0",
        ],
        "plane" => &[
            "M12 2a1.5 1.5 0 0 0-1.5 1.5V9L3 13.5V16l7.5-2.5V18L8 20v2l4-1 4 1v-2l-2.5-2v-4.5L21 16v-2.5L13.5 9V3.5A1.5 1.5 0 0 0 12 2z",
        ],
        "gift" => &[
            "M4 12v8a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-8",
            "M3 8h18v4H3z",
            "M12 8v13",
            "M12 8C10.5 4 6 3.5 6 6s3.5 2 6 2",
            "M12 8c1.5-4 6-4.5 6-2s-3.5 2-6 2",
        ],
        "graduation-cap" => &[
            "M22 9 12 4 2 9l10 5z",
            "M6 11v5c0 1.5 2.7 3 6 3s6-1.5 6-3v-5",
            "M22 9v6",
        ],
        "paw-print" => &[
            circle!(5.5, 10, 1.8, 3.6),
            circle!(9.5, 5.5, 1.8, 3.6),
            circle!(14.5, 5.5, 1.8, 3.6),
            circle!(18.5, 10, 1.8, 3.6),
            "M12 11.5c-3 0-6 4.2-6 7 0 1.7 1.3 2.5 2.6 2.5 1.4 0 2.2-.9 3.4-.9s2 .9 3.4.9c1.3 0 2.6-.8 2.6-2.5 0-2.8-3-7-6-7z",
        ],
        "dumbbell" => &[
            "M6.5 6v12",
            "M17.5 6v12",
            "M3.5 9v6",
            "M20.5 9v6",
            "M6.5 12h11",
        ],
        "coffee" => &[
            "M4 8h13v6a5 5 0 0 1-5 5H9a5 5 0 0 1-5-5z",
            "M17 10h1.5a2.5 2.5 0 0 1 0 5H16.6",
            "M8 2v3",
            "M12 2v3",
            "M3 22h15",
        ],
        "smartphone" => &[
            "M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z",
            "M11 18h2",
        ],
        // Interface icons.
        "sun" => &[
            circle!(12, 12, 4, 8),
            "M12 2v2M12 20v2M4.93 4.93l1.41 1.41M17.66 17.66l1.41 1.41M2 12h2M20 12h2M6.34 17.66l-1.41 1.41M19.07 4.93l-1.41 1.41",
        ],
        "moon" => &["M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9Z"],
        "monitor" => &[
            "M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z",
            "M8 21h8M12 17v4",
        ],
        "user" => &[circle!(12, 8, 4, 8), "M4 21a8 8 0 0 1 16 0"],
        "bell" => &[
            "M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9",
            "M10.3 21a1.94 1.94 0 0 0 3.4 0",
        ],
        "plus" => &["M12 5v14M5 12h14"],
        "pencil" => &[
            "M16.5 3.5a2.1 2.1 0 0 1 3 3L8 18l-4 1 1-4z",
            "M14.5 5.5l4 4",
        ],
        "trash" => &[
            "M3 6h18",
            "M8 6V4h8v2",
            "M5.5 6l1 14a1 1 0 0 0 1 1h9a1 1 0 0 0 1-1l1-14",
            "M10 11v6",
            "M14 11v6",
        ],
        "search" => &[circle!(11, 11, 7, 14), "M20 20l-4-4"],
        "arrow-up" => &["M12 19V5", "M6 11l6-6 6 6"],
        "arrow-down" => &["M12 5v14", "M6 13l6 6 6-6"],
        "arrows-up-down" => &["M8 4v16", "M4 8l4-4 4 4", "M16 20V4", "M12 16l4 4 4-4"],
        "x" => &["M18 6 6 18", "M6 6l12 12"],
        "archive" => &[
            "M3 4h18v4H3z",
            "M5 8v11a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8",
            "M10 12h4",
        ],
        "filter" => &["M3 4h18l-7 8.5V19l-4 2v-8.5z"],
        "tags" => &["M3 3h8l10 10-8 8L3 11z", circle!(7.5, 7.5, 1, 2)],
        "paperclip" => &[
            "M20.5 11.5 12 20a5.5 5.5 0 0 1-7.8-7.8l8.5-8.5a3.7 3.7 0 0 1 5.2 5.2l-8.5 8.5a1.8 1.8 0 0 1-2.6-2.6L15 6.6",
        ],
        "file-text" => &[
            "M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z",
            "M14 2v6h6",
            "M8 13h8M8 17h8M8 9h2",
        ],
        "file-up" => &[
            "M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z",
            "M14 2v6h6",
            "M12 18v-6M9 15l3-3 3 3",
        ],
        "download" => &["M12 3v12", "M7 10l5 5 5-5", "M5 21h14"],
        _ => &[circle!(12, 12, 10, 20), circle!(12, 12, 1, 2)],
    }
}

/// An inline SVG icon, decorative (hidden from screen readers): the text beside it, or the
/// button's label, says what it means.
#[component]
pub fn Icon(
    #[prop(into)] name: String,
    #[prop(default = "h-5 w-5 shrink-0")] class: &'static str,
) -> impl IntoView {
    let shapes = paths(&name)
        .iter()
        .map(|d| view! { <path d=*d/> })
        .collect_view();
    view! {
        <svg
            class=class
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
            focusable="false"
            data-icon=name
        >
            {shapes}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::paths;
    use crate::categories::ICONS;

    #[test]
    fn every_category_icon_is_drawn() {
        let fallback = paths("no-such-icon");
        for icon in ICONS {
            let drawn = paths(icon);
            assert!(!drawn.is_empty());
            assert!(
                *icon == "circle-dot" || drawn != fallback,
                "{icon} has no drawing of its own"
            );
        }
    }
}
