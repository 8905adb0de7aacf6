//! `/admin/emails`: the mail queue. Counts by status, the newest emails with their attempts and
//! last error, "Send again" for any not sent, and the outbox backlog with the broker's state.
//! The status filter is in the URL (`?status=failed`), so it works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{BrokerState, EmailDelivery, EmailOverview};
use crate::{
    AppError,
    admin::{
        api::{RetryEmail, list_emails},
        cards::{Heading, StatCards, TableCard},
        nav::AdminHeader,
        timestamps::Timestamp,
    },
};

const FILTERS: [(&str, &str); 4] = [
    ("", "All"),
    ("pending", "Waiting"),
    ("failed", "Failed"),
    ("sent", "Sent"),
];

const HEADINGS: &[Heading] = &[
    ("Created", false),
    ("To", false),
    ("Email", false),
    ("Status", false),
    ("Attempts", true),
    ("Next attempt / sent", false),
    ("", false),
];

#[component]
pub fn EmailsPage() -> impl IntoView {
    let params = use_query_map();
    let status = Memo::new(move |_| params.with(|params| params.get("status")));
    let retry = ServerAction::<RetryEmail>::new();
    let overview = Resource::new(
        move || (status.get(), retry.version().get()),
        |(status, _)| list_emails(status),
    );
    view! {
        <Title text="Emails · Admin"/>
        <div class="mx-auto w-full max-w-6xl space-y-6">
            <AdminHeader title="Emails">
                <StatusFilter status=Signal::derive(move || status.get().unwrap_or_default())/>
            </AdminHeader>
            {move || retry.value().get().and_then(Result::err).map(|error| view! {
                <p class="form-alert" role="alert">{error.to_string()}</p>
            })}
            <Transition fallback=|| view! { <p class="text-muted">"Loading emails…"</p> }>
                {move || Suspend::new(async move { view! { <Overview overview=overview.await retry/> } })}
            </Transition>
        </div>
    }
}

#[component]
fn StatusFilter(status: Signal<String>) -> impl IntoView {
    let links = FILTERS
        .into_iter()
        .map(|(value, label)| {
            let href = if value.is_empty() {
                "/admin/emails".to_string()
            } else {
                format!("/admin/emails?status={value}")
            };
            let current = move || (status.get() == value).then_some("page");
            view! { <a href=href class="nav-link" aria-current=current>{label}</a> }
        })
        .collect_view();
    view! { <nav aria-label="Status" class="flex gap-1" data-testid="email-filter">{links}</nav> }
}

#[component]
fn Overview(
    overview: Result<EmailOverview, AppError>,
    retry: ServerAction<RetryEmail>,
) -> impl IntoView {
    let overview = match overview {
        Ok(overview) => overview,
        Err(error) => {
            return view! { <p class="form-alert" role="alert">{error.to_string()}</p> }.into_any();
        }
    };
    let broker = match overview.broker {
        BrokerState::Ok => "RabbitMQ connected",
        BrokerState::Unavailable => "RabbitMQ unreachable: events wait",
        BrokerState::NotConfigured => "handled in-process (no broker)",
    };
    let cards = vec![
        (
            "Waiting",
            overview.pending.to_string(),
            "to be sent or retried".to_string(),
        ),
        (
            "Sent",
            overview.sent.to_string(),
            "delivered to the mail server".to_string(),
        ),
        (
            "Failed",
            overview.failed.to_string(),
            "gave up after every retry".to_string(),
        ),
        (
            "Outbox",
            overview.outbox_backlog.to_string(),
            format!("events not yet relayed; {broker}"),
        ),
    ];
    let rows = overview
        .emails
        .into_iter()
        .map(|email| view! { <EmailRow email retry/> }.into_any())
        .collect();
    view! {
        <StatCards label="Mail queue" testid="email-summary" cards/>
        <TableCard title="Newest emails" id="email-list" empty="No emails yet." headings=HEADINGS rows/>
    }
    .into_any()
}

#[component]
fn EmailRow(email: EmailDelivery, retry: ServerAction<RetryEmail>) -> impl IntoView {
    let id = email.id;
    let status_class = match email.status.as_str() {
        "sent" => "badge",
        "failed" => "badge badge-danger",
        _ => "badge badge-warning",
    };
    let when = match (email.status.as_str(), email.sent_at) {
        ("sent", Some(sent_at)) => view! { <Timestamp at=sent_at with_time=true/> }.into_any(),
        ("pending", _) => view! { <Timestamp at=email.next_attempt_at with_time=true/> }.into_any(),
        _ => view! { <span class="text-muted">"–"</span> }.into_any(),
    };
    let status = email.status.clone();
    let again = (email.status != "sent").then(|| {
        view! {
            <button
                type="button"
                class="btn-secondary text-xs"
                disabled=move || retry.pending().get()
                on:click=move |_| {
                    retry.dispatch(RetryEmail { id });
                }
                data-testid="email-retry"
            >
                "Send again"
            </button>
        }
    });
    view! {
        <tr class="border-t border-line align-top" data-testid="email-row" data-status=status>
            <td class="py-2 pr-3"><Timestamp at=email.created_at with_time=true/></td>
            <td class="py-2 pr-3 break-all">{email.to_address}</td>
            <td class="py-2 pr-3">
                <span class="block">{email.subject}</span>
                <span class="block text-xs text-muted">{email.kind}</span>
                {email.last_error.map(|error| view! {
                    <span class="block text-xs text-danger" data-testid="email-error">{error}</span>
                })}
            </td>
            <td class="py-2 pr-3"><span class=status_class>{email.status}</span></td>
            <td class="py-2 pr-3 text-right tabular-nums">{email.attempts}</td>
            <td class="py-2 pr-3">{when}</td>
            <td class="py-2">{again}</td>
        </tr>
    }
}
