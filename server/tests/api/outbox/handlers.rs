//! Handlers apply an event once, however often it is delivered, and keep the per-day counters
//! admin analytics reads.

use app::{
    email::EmailSettings,
    events::{Event, counters, handlers},
    server::entities::{activity, prelude::Activity},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{counter, drained, emails_to};
use crate::{
    expenses::{add, category_id, days_ago, expense},
    helpers::{TestApp, on_every_backend},
    transfer::{MAPPING, imported},
};

async fn events_of_kind(app: &TestApp, kind: &str) -> Vec<Event> {
    Activity::find()
        .filter(activity::Column::Kind.eq(kind))
        .all(&app.db)
        .await
        .expect("activity read")
        .into_iter()
        .map(Event::from)
        .collect()
}

on_every_backend!(a_redelivered_event_changes_nothing, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    add(&user, expense(groceries, "12.50", days_ago(1))).await;
    drained(&app).await;
    let created = counter(&app, counters::EXPENSES_CREATED).await;
    let events = counter(&app, counters::EVENTS).await;
    assert!(
        created == 1 && events >= 2,
        "{created} created, {events} events"
    );

    // Delivered again, as a broker may after a lost acknowledgement.
    let settings = EmailSettings {
        app_url: "http://127.0.0.1:3000".into(),
    };
    for kind in ["user.registered", "expense.created"] {
        for event in events_of_kind(&app, kind).await {
            handlers::handle(&app.db, &settings, &event)
                .await
                .expect("handled again");
        }
    }
    assert_eq!(counter(&app, counters::EXPENSES_CREATED).await, created);
    assert_eq!(counter(&app, counters::EVENTS).await, events);
    assert_eq!(
        emails_to(&app, &user.email).await.len(),
        1,
        "one welcome email"
    );
});

on_every_backend!(imports_count_every_expense_they_create, |app| {
    let user = app.user().await;
    let csv = "date,amount,merchant,category\n2026-11-02,4.20,Shop,Groceries\n2026-11-03,9.99,Diner,Dining\n2026-11-04,1.00,Bakery,Groceries\n";
    let outcome = imported(&user, MAPPING, csv).await;
    assert_eq!(outcome["imported"], 3, "{outcome}");
    drained(&app).await;
    assert_eq!(counter(&app, counters::EXPENSES_CREATED).await, 3);
});
