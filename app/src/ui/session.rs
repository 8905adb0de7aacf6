//! Who is signed in, as the page sees it, and the guards that keep visitors out of private pages.
//!
//! Signing in and out always reload the whole page, so what the server knew when it rendered the
//! page stays true for the page's life. The server writes it onto the layout as `data-access`
//! and the browser reads it back before hydrating, so both render the same markup.

use leptos::prelude::*;
use leptos_router::{hooks::use_location, location::Url};

use crate::{
    AppError,
    auth::{UserView, api::current_user},
};

/// What the request that rendered this page may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Visitor,
    Member,
    Admin,
}

impl Access {
    pub const ATTRIBUTE: &'static str = "data-access";

    pub fn as_str(self) -> &'static str {
        match self {
            Access::Visitor => "visitor",
            Access::Member => "member",
            Access::Admin => "admin",
        }
    }

    pub fn parse(value: &str) -> Self {
        match value {
            "admin" => Access::Admin,
            "member" => Access::Member,
            _ => Access::Visitor,
        }
    }

    pub fn signed_in(self) -> bool {
        self != Access::Visitor
    }

    pub fn is_admin(self) -> bool {
        self == Access::Admin
    }

    #[cfg(feature = "ssr")]
    fn from_request() -> Self {
        use crate::auth::Role;
        match crate::server::viewer::current_viewer().map(|viewer| viewer.role) {
            None => Access::Visitor,
            Some(Role::User) => Access::Member,
            Some(Role::Admin) => Access::Admin,
        }
    }

    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    fn from_document() -> Self {
        document()
            .query_selector(&format!("[{}]", Self::ATTRIBUTE))
            .ok()
            .flatten()
            .and_then(|element| element.get_attribute(Self::ATTRIBUTE))
            .map_or(Access::Visitor, |value| Self::parse(&value))
    }

    fn current() -> Self {
        #[cfg(feature = "ssr")]
        return Self::from_request();
        #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
        return Self::from_document();
        #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
        Access::Visitor
    }
}

/// The signed-in user: `access` is known at once, `user` (name, settings) is loaded.
#[derive(Clone, Copy)]
pub struct CurrentUser {
    pub access: Access,
    pub user: Resource<Result<Option<UserView>, AppError>>,
}

/// Called once by `App`: everything below reads the current user from context.
pub fn provide_current_user() {
    let user = Resource::new(|| (), |()| current_user());
    provide_context(CurrentUser {
        access: Access::current(),
        user,
    });
}

pub fn use_current_user() -> CurrentUser {
    expect_context()
}

/// A full page load, so nothing of the previous page's state (or user) survives.
pub fn reload_at(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().assign(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// Answers the page request with a redirect. Set before anything streams, so it is a real 302
/// (a `<Redirect>` inside `<Suspense>` would come too late for the status line).
fn redirect_response(path: &str) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(location)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(path),
    ) {
        response.set_status(http::StatusCode::FOUND);
        response.insert_header(http::header::LOCATION, location);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}

/// `/login?next=<this page>`, so signing in comes back here.
fn login_path_for_here() -> String {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let here = if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    };
    format!("/login?next={}", Url::escape(&here))
}

/// Visitors are sent to the login page (by a 302 from the server, or by the browser after a
/// client-side navigation or when the session turns out to have ended); members see `children`.
#[component]
pub fn RequireUser(children: ChildrenFn) -> impl IntoView {
    let current = use_current_user();
    let login = login_path_for_here();
    if !current.access.signed_in() {
        redirect_response(&login);
    }
    Effect::new(move || {
        let ended = matches!(current.user.get(), Some(Ok(None)));
        if !current.access.signed_in() || ended {
            reload_at(&login);
        }
    });
    move || current.access.signed_in().then(|| children())
}

/// Like [`RequireUser`], and members who are not administrators get the 404 page: an admin page
/// does not confirm it exists. The server checks the role again in every admin function.
#[component]
pub fn RequireAdmin(children: ChildrenFn) -> impl IntoView {
    let CurrentUser { access, .. } = use_current_user();
    view! {
        <RequireUser>
            {
                let children = children.clone();
                move || {
                    if access.is_admin() {
                        children().into_any()
                    } else {
                        view! { <crate::pages::NotFound/> }.into_any()
                    }
                }
            }
        </RequireUser>
    }
}

/// The login and register pages send a signed-in user to the dashboard.
pub fn leave_if_signed_in() {
    let CurrentUser { access, .. } = use_current_user();
    if access.signed_in() {
        redirect_response("/");
    }
    Effect::new(move || {
        if access.signed_in() {
            reload_at("/");
        }
    });
}
