//! One user in the admin list, with the administrator's actions. Every action is a small form
//! posting to its server function, so it also works without JavaScript; once hydrated it is sent
//! in place, a confirmation appears and the list loads again. A refusal (the last administrator,
//! your own account) shows under the row.

use leptos::{ev::SubmitEvent, prelude::*};

use crate::{
    AppError,
    admin::{
        AdminUserView, UserChange,
        api::{RevokeUserSessions, UpdateUser},
        timestamps::{Timestamp, date_time},
    },
    auth::Role,
    ui::toast::Toasts,
};

/// Columns of the table, for the error row spanning them all.
pub const COLUMNS: usize = 8;

fn role_label(role: Role) -> &'static str {
    match role {
        Role::Admin => "Admin",
        Role::User => "User",
    }
}

/// After a role change: the role the user has now.
fn role_message(user: &AdminUserView) -> String {
    match user.role {
        Role::Admin => format!("{} is now an administrator.", user.email),
        Role::User => format!("{} is no longer an administrator.", user.email),
    }
}

/// After disabling or enabling: the state the account is in now.
fn status_message(user: &AdminUserView) -> String {
    match user.disabled_at {
        Some(_) => format!("{} is disabled and signed out everywhere.", user.email),
        None => format!("{} can sign in again.", user.email),
    }
}

fn revoked_message(email: &str, count: u64) -> String {
    match count {
        0 => format!("{email} had no active sessions."),
        1 => format!("Ended 1 session of {email}; they must sign in again."),
        _ => format!("Ended {count} sessions of {email}; they must sign in again."),
    }
}

#[component]
pub fn UserRow(
    user: AdminUserView,
    /// Opens this user's "delete" dialog, keeping the search and page.
    delete_href: String,
    reload: Callback<()>,
    toasts: Toasts,
) -> impl IntoView {
    let id = user.id;
    let email = user.email.clone();
    let set_role = ServerAction::<UpdateUser>::new();
    let set_status = ServerAction::<UpdateUser>::new();
    let revoke = ServerAction::<RevokeUserSessions>::new();
    let problem = RwSignal::new(None::<String>);
    let busy = Signal::derive(move || {
        set_role.pending().get() || set_status.pending().get() || revoke.pending().get()
    });
    let answered = move |result: Result<String, AppError>| match result {
        Ok(message) => {
            toasts.show(message, None);
            reload.run(());
        }
        Err(error) => problem.set(Some(error.to_string())),
    };
    // Only this row's own requests (a version above 0): an error carried in the URL (a form
    // posted without JavaScript) cannot tell which row it belongs to, so the page shows it.
    Effect::new(move || {
        if let Some(result) = set_role.value().get()
            && set_role.version().get_untracked() > 0
        {
            answered(result.map(|user| role_message(&user)));
        }
    });
    Effect::new(move || {
        if let Some(result) = set_status.value().get()
            && set_status.version().get_untracked() > 0
        {
            answered(result.map(|user| status_message(&user)));
        }
    });
    {
        let email = email.clone();
        Effect::new(move || {
            if let Some(result) = revoke.value().get()
                && revoke.version().get_untracked() > 0
            {
                answered(result.map(|count| revoked_message(&email, count)));
            }
        });
    }
    let send = move |action: ServerAction<UpdateUser>, change: UserChange| {
        move |event: SubmitEvent| {
            event.prevent_default();
            problem.set(None);
            action.dispatch(UpdateUser {
                user_id: id,
                change: change.clone(),
            });
        }
    };
    let end_sessions = move |event: SubmitEvent| {
        event.prevent_default();
        problem.set(None);
        revoke.dispatch(RevokeUserSessions { user_id: id });
    };

    let next_role = match user.role {
        Role::Admin => Role::User,
        Role::User => Role::Admin,
    };
    let (role_action, role_test_id) = match next_role {
        Role::Admin => ("Make admin", "make-admin"),
        Role::User => ("Make user", "make-user"),
    };
    let disabled = user.disabled_at.is_some();
    let (status_action, status_test_id) = if disabled {
        ("Enable", "enable-user")
    } else {
        ("Disable", "disable-user")
    };
    let status = match user.disabled_at {
        None => view! { <span class="badge" data-testid="user-status">"Active"</span> }.into_any(),
        Some(at) => view! {
            <span
                class="inline-flex items-center rounded-full border border-danger px-2 py-0.5 text-xs font-semibold text-danger"
                title=format!("Disabled since {}", date_time(at))
                data-testid="user-status"
            >
                "Disabled"
            </span>
        }
        .into_any(),
    };
    let last_active = match user.last_active_at {
        Some(at) => view! { <Timestamp at with_time=true/> }.into_any(),
        None => view! { <span class="text-muted">"Never"</span> }.into_any(),
    };
    // Every button names its user for screen readers ("Disable ann@example.com").
    let named = |action: &str| format!("{action} {email}");
    let (role_label_for, status_label_for, revoke_label, activity_label, delete_label) = (
        named(role_action),
        named(status_action),
        named("Revoke sessions of"),
        named("Activity of"),
        named("Delete"),
    );
    view! {
        <tr data-testid="admin-user-row" data-email=user.email.clone() data-id=id>
            <td data-label="User" class="sm:min-w-48">
                <div class="min-w-0">
                    <span class="block font-medium break-all" data-testid="user-email">{user.email.clone()}</span>
                    <span class="block text-muted" data-testid="user-name">{user.display_name.clone()}</span>
                </div>
            </td>
            <td data-label="Role" data-testid="user-role">{role_label(user.role)}</td>
            <td data-label="Created"><Timestamp at=user.created_at/></td>
            <td data-label="Last active">{last_active}</td>
            <td data-label="Expenses" class="amount-cell" data-testid="user-expenses">{user.expense_count}</td>
            <td data-label="Sessions" class="amount-cell" data-testid="user-sessions">{user.active_sessions}</td>
            <td data-label="Status">{status}</td>
            <td class="actions-cell">
                // Wide enough for two lines of buttons: the cell itself takes as little room as it can.
                <div class="flex flex-wrap items-center justify-end gap-1 sm:w-80">
                    <ActionForm action=set_role on:submit:capture=send(set_role, UserChange { role: Some(next_role), disabled: None })>
                        <input type="hidden" name="user_id" value=id/>
                        <input type="hidden" name="change[role]" value=next_role.as_str()/>
                        <button type="submit" class="btn-secondary" aria-label=role_label_for data-testid=role_test_id disabled=busy>
                            {role_action}
                        </button>
                    </ActionForm>
                    <ActionForm action=set_status on:submit:capture=send(set_status, UserChange { role: None, disabled: Some(!disabled) })>
                        <input type="hidden" name="user_id" value=id/>
                        <input type="hidden" name="change[disabled]" value=(!disabled).to_string()/>
                        <button type="submit" class="btn-secondary" aria-label=status_label_for data-testid=status_test_id disabled=busy>
                            {status_action}
                        </button>
                    </ActionForm>
                    <ActionForm action=revoke on:submit:capture=end_sessions>
                        <input type="hidden" name="user_id" value=id/>
                        <button type="submit" class="btn-secondary" aria-label=revoke_label data-testid="revoke-sessions" disabled=busy>
                            "Revoke sessions"
                        </button>
                    </ActionForm>
                    <a href=format!("/admin/activity?user_id={id}") class="btn-secondary" aria-label=activity_label data-testid="user-activity">
                        "Activity"
                    </a>
                    <a href=delete_href class="btn-secondary text-danger" aria-label=delete_label data-testid="delete-user">
                        "Delete"
                    </a>
                </div>
            </td>
        </tr>
        {move || problem.get().map(|message| view! {
            <tr data-testid="admin-user-error" data-email=email.clone()>
                <td colspan=COLUMNS>
                    <p role="alert" class="form-alert">{message}</p>
                </td>
            </tr>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmations_say_what_changed() {
        let mut user = AdminUserView {
            id: 1,
            email: "ann@example.com".into(),
            display_name: "Ann".into(),
            role: Role::Admin,
            created_at: chrono::Utc::now(),
            last_active_at: None,
            disabled_at: None,
            expense_count: 0,
            active_sessions: 0,
        };
        assert_eq!(
            role_message(&user),
            "ann@example.com is now an administrator."
        );
        assert_eq!(status_message(&user), "ann@example.com can sign in again.");
        user.disabled_at = Some(chrono::Utc::now());
        assert_eq!(
            status_message(&user),
            "ann@example.com is disabled and signed out everywhere."
        );
        assert_eq!(
            revoked_message("ann@example.com", 2),
            "Ended 2 sessions of ann@example.com; they must sign in again."
        );
    }
}
