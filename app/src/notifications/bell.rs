//! The bell in the top bar: the unread count on a badge, and a panel with the newest
//! notifications. Rendered by the server with the page, so the count is there at first paint and,
//! without JavaScript, the panel still opens, its links work and "Mark all read" still posts.
//! Once hydrated it loads again whenever the user's data changes: a write may raise an alert.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;

use super::{
    NotificationView, Notifications,
    api::{MarkAllNotificationsRead, MarkNotificationRead, list_notifications},
};
use crate::{
    live::client::use_data_changes,
    ui::{
        icons::Icon,
        menu::{DisclosureMenu, use_disclosure_menu},
    },
};

/// The badge has room for two characters.
fn badge_text(unread: u64) -> Option<String> {
    match unread {
        0 => None,
        1..=9 => Some(unread.to_string()),
        _ => Some("9+".into()),
    }
}

fn button_label(unread: u64) -> String {
    match unread {
        0 => "Notifications".into(),
        _ => format!("Notifications, {unread} unread"),
    }
}

/// "5 min ago" for the last week, the date before.
fn time_ago(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    const DAY: i64 = 24 * 60;
    const TWO_DAYS: i64 = 2 * DAY;
    const WEEK: i64 = 7 * DAY;
    let minutes = (now - at).num_minutes();
    match minutes {
        ..1 => "just now".into(),
        1..60 => format!("{minutes} min ago"),
        60..DAY => format!("{} h ago", minutes / 60),
        DAY..TWO_DAYS => "yesterday".into(),
        TWO_DAYS..WEEK => format!("{} days ago", minutes / DAY),
        _ => at.format("%-d %b %Y").to_string(),
    }
}

/// The browser's clock once hydrated (chrono cannot read it in wasm), the server's before.
fn now() -> DateTime<Utc> {
    #[cfg(feature = "hydrate")]
    return DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default();
    #[cfg(not(feature = "hydrate"))]
    Utc::now()
}

#[component]
pub fn NotificationBell() -> impl IntoView {
    let changes = use_data_changes();
    let mark_all = ServerAction::<MarkAllNotificationsRead>::new();
    let mark_one = ServerAction::<MarkNotificationRead>::new();
    let notifications = Resource::new(
        move || {
            (
                changes.get(),
                mark_all.version().get(),
                mark_one.version().get(),
            )
        },
        |_| list_notifications(),
    );
    let menu = use_disclosure_menu();
    let count = move || {
        Suspend::new(async move {
            let unread = notifications.await.map_or(0, |list| list.unread);
            let badge = badge_text(unread).map(|text| {
                view! { <span class="bell-badge" aria-hidden="true" data-testid="notifications-badge">{text}</span> }
            });
            view! {
                <span class="sr-only" data-testid="notifications-label">{button_label(unread)}</span>
                {badge}
            }
        })
    };
    let panel = move || {
        Suspend::new(async move {
            match notifications.await {
                Ok(list) => view! { <NotificationList list mark_all mark_one menu/> }.into_any(),
                Err(error) => view! {
                    <p role="alert" class="form-alert m-3">{format!("Notifications could not be loaded: {error}")}</p>
                }
                .into_any(),
            }
        })
    };
    view! {
        <details class="bell-menu" node_ref=menu.details on:keydown=move |event| menu.on_key(event)>
            <summary class="icon-button bell-button" data-testid="notifications-button" node_ref=menu.summary>
                <Icon name="bell"/>
                <Transition fallback=|| view! { <span class="sr-only">"Notifications"</span> }>{count}</Transition>
            </summary>
            <div class="bell-panel" data-testid="notifications-panel">
                <Transition fallback=|| view! { <p class="px-4 py-3 text-sm text-muted">"Loading…"</p> }>{panel}</Transition>
            </div>
        </details>
    }
}

#[component]
fn NotificationList(
    list: Notifications,
    mark_all: ServerAction<MarkAllNotificationsRead>,
    mark_one: ServerAction<MarkNotificationRead>,
    menu: DisclosureMenu,
) -> impl IntoView {
    let now = now();
    let items = if list.items.is_empty() {
        view! { <p class="px-4 py-6 text-center text-sm text-muted" data-testid="notifications-empty">"No notifications yet."</p> }
            .into_any()
    } else {
        let rows = list
            .items
            .into_iter()
            .map(|item| view! { <NotificationItem item now mark_one menu/> })
            .collect_view();
        view! { <ul class="bell-list">{rows}</ul> }.into_any()
    };
    // An action form, so it posts (and the server sends the page back) without JavaScript too.
    let mark_all_button = (list.unread > 0).then(|| {
        view! {
            <ActionForm action=mark_all>
                <button type="submit" class="text-link text-sm" data-testid="mark-all-read" disabled=move || mark_all.pending().get()>
                    "Mark all read"
                </button>
            </ActionForm>
        }
    });
    view! {
        <div class="flex min-h-11 items-center justify-between gap-3 border-b border-line px-4 py-2">
            <h2 class="text-sm font-semibold">"Notifications"</h2>
            {mark_all_button}
        </div>
        {items}
    }
}

/// One notification, leading to its `link`; following it marks it read.
#[component]
fn NotificationItem(
    item: NotificationView,
    now: DateTime<Utc>,
    mark_one: ServerAction<MarkNotificationRead>,
    menu: DisclosureMenu,
) -> impl IntoView {
    let unread = item.read_at.is_none();
    let id = item.id;
    let follow = move |_| {
        if unread {
            mark_one.dispatch(MarkNotificationRead { id });
        }
        menu.close();
    };
    view! {
        <li>
            <A href=item.link attr:class="bell-item" attr:data-testid="notification" attr:data-unread=unread.to_string() on:click=follow>
                <span class="bell-dot" class:invisible=!unread aria-hidden="true"></span>
                <span class="min-w-0 flex-1">
                    <span class="block" class:font-semibold=unread data-testid="notification-title">
                        {unread.then(|| view! { <span class="sr-only">"Unread: "</span> })}
                        {item.title}
                    </span>
                    <span class="block text-muted">{item.body}</span>
                    <time class="block text-xs text-muted" datetime=item.created_at.to_rfc3339()>{time_ago(item.created_at, now)}</time>
                </span>
            </A>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_badge_counts_to_nine_and_hides_at_zero() {
        assert_eq!(badge_text(0), None);
        assert_eq!(badge_text(9).as_deref(), Some("9"));
        assert_eq!(badge_text(10).as_deref(), Some("9+"));
        assert_eq!(button_label(2), "Notifications, 2 unread");
        assert_eq!(button_label(0), "Notifications");
    }

    #[test]
    fn times_read_as_how_long_ago() {
        let now = DateTime::parse_from_rfc3339("2026-11-20T12:00:00Z")
            .expect("date")
            .to_utc();
        let ago = |minutes| time_ago(now - chrono::Duration::minutes(minutes), now);
        assert_eq!(ago(0), "just now");
        assert_eq!(ago(5), "5 min ago");
        assert_eq!(ago(125), "2 h ago");
        assert_eq!(ago(24 * 60 + 5), "yesterday");
        assert_eq!(ago(3 * 24 * 60), "3 days ago");
        assert_eq!(ago(30 * 24 * 60), "21 Oct 2026");
    }
}
