//! The page's end of live updates: one `EventSource` on `/api/v1/events` for a signed-in user,
//! turned into a counter that Resources read in their source, so they load again when the user's
//! data changes in another tab or on another instance.

use leptos::prelude::*;

use crate::ui::session::use_current_user;

/// How many data changes this page has heard of. The server and the hydrating browser both start
/// at 0, so a Resource that reads it hydrates from the server's data and loads again only when
/// something changed.
#[derive(Clone, Copy)]
pub struct DataChanges(ReadSignal<u64>);

impl DataChanges {
    /// Reads the counter and subscribes to it: call it in a Resource's source.
    pub fn get(self) -> u64 {
        self.0.get()
    }
}

/// Called once by `App`, after the current user is known. Visitors get a counter that never
/// moves; so does the server, which renders every page from the data of the moment.
pub fn provide_data_changes() {
    let (changes, set_changes) = signal(0_u64);
    provide_context(DataChanges(changes));
    let signed_in = use_current_user().access.signed_in();
    #[cfg(feature = "hydrate")]
    if signed_in {
        browser::listen(set_changes);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (signed_in, set_changes);
}

pub fn use_data_changes() -> DataChanges {
    expect_context()
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, closure::Closure};
    use web_sys::EventSource;

    use crate::live::DATA_CHANGED;

    const EVENTS_URL: &str = "/api/v1/events";
    /// `<body data-live="open">` while the stream is connected, for tests and for debugging, like
    /// `data-hydrated`.
    const LIVE_ATTRIBUTE: &str = "data-live";

    fn mark_body(open: bool) {
        if let Some(body) = document().body() {
            let _ = if open {
                body.set_attribute(LIVE_ATTRIBUTE, "open")
            } else {
                body.remove_attribute(LIVE_ATTRIBUTE)
            };
        }
    }

    /// An open `EventSource` with its callbacks; dropping it closes the connection.
    struct Stream {
        source: EventSource,
        _callbacks: [Closure<dyn FnMut()>; 3],
    }

    impl Drop for Stream {
        fn drop(&mut self) {
            self.source.close();
            mark_body(false);
        }
    }

    /// The browser reconnects by itself after a network error, and stops for good when the
    /// server refuses (signed out).
    fn open(bump: impl Fn() + Copy + 'static) -> Option<Stream> {
        let source = EventSource::new(EVENTS_URL).ok()?;
        let mut opened_before = false;
        // The server only reports changes made while the stream is open, so a reconnect may have
        // missed some: load everything again then.
        let on_open = Closure::<dyn FnMut()>::new(move || {
            mark_body(true);
            if opened_before {
                bump();
            }
            opened_before = true;
        });
        let on_change = Closure::<dyn FnMut()>::new(bump);
        let on_error = Closure::<dyn FnMut()>::new(|| mark_body(false));
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let _ = source
            .add_event_listener_with_callback(DATA_CHANGED, on_change.as_ref().unchecked_ref());
        Some(Stream {
            source,
            _callbacks: [on_open, on_change, on_error],
        })
    }

    /// Listens after hydration, while the tab is visible: a hidden tab gives its connection back
    /// (over HTTP/1.1 a browser keeps at most six per server, shared by all tabs) and catches up
    /// when it is shown again.
    pub fn listen(set_changes: WriteSignal<u64>) {
        Effect::new(move || {
            let bump = move || set_changes.update(|count| *count += 1);
            let stream =
                StoredValue::new_local((!document().hidden()).then(|| open(bump)).flatten());
            let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
                if document().hidden() {
                    stream.set_value(None);
                } else if stream.with_value(Option::is_none) {
                    stream.set_value(open(bump));
                    bump();
                }
            });
            on_cleanup(move || {
                visibility.remove();
                stream.try_set_value(None);
            });
        });
    }
}
