//! The lease that lets one process relay the outbox: one holder at a time, renewals keep it,
//! releasing or lapsing hands it over. The app's own relay holds `relay` on each test database,
//! so these tests use a job of their own.

use std::time::Duration;

use app::events::lease::Lease;
use futures_util::future::join_all;

use crate::helpers::on_every_backend;

const JOB: &str = "lease-test";
const AN_HOUR: Duration = Duration::from_secs(3600);

on_every_backend!(one_process_holds_a_lease_until_it_lets_go, |app| {
    let mut first = Lease::new(JOB, AN_HOUR);
    let mut second = Lease::new(JOB, AN_HOUR);
    assert!(
        first.hold(&app.db).await.expect("held"),
        "a free lease is taken"
    );
    assert!(
        !second.hold(&app.db).await.expect("asked"),
        "a held lease is not"
    );
    assert!(
        first.hold(&app.db).await.expect("renewed"),
        "its holder keeps it"
    );
    assert!(!second.hold(&app.db).await.expect("asked"));

    first.release(&app.db).await.expect("released");
    assert!(
        second.hold(&app.db).await.expect("held"),
        "a released lease is free"
    );
    assert!(
        !first.hold(&app.db).await.expect("asked"),
        "and now someone else's"
    );
});

on_every_backend!(a_lease_its_holder_stops_renewing_lapses, |app| {
    let mut brief = Lease::new(JOB, Duration::from_secs(1));
    let mut patient = Lease::new(JOB, AN_HOUR);
    assert!(brief.hold(&app.db).await.expect("held"));
    assert!(!patient.hold(&app.db).await.expect("asked"));
    // The holder stops renewing (it crashed, say); times are whole seconds.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert!(
        patient.hold(&app.db).await.expect("held"),
        "the lapsed lease is taken over"
    );
    assert!(
        !brief.hold(&app.db).await.expect("asked"),
        "its old holder stands by"
    );
});

on_every_backend!(processes_racing_for_a_new_lease_get_one_holder, |app| {
    let mut contenders: Vec<Lease> = (0..8).map(|_| Lease::new(JOB, AN_HOUR)).collect();
    let held = join_all(contenders.iter_mut().map(|lease| lease.hold(&app.db))).await;
    let holders = held
        .into_iter()
        .map(|held| held.expect("asked"))
        .filter(|held| *held)
        .count();
    assert_eq!(holders, 1, "exactly one of eight holds the lease");
});
