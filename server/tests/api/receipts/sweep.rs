//! The orphan sweep: receipts never attached (after a day) and files without a row (after an
//! hour) are removed; attached receipts and anything younger stay.

use app::receipts::service::{SweepReport, sweep_orphans};
use chrono::{Duration, Utc};
use serde_json::json;

use super::{
    fetch, fetch_ok, file_path, files_of, id_of, samples, store, stored_files, uploaded,
    write_stray_file, written,
};
use crate::expenses::{category_id, create, days_ago, expense};
use crate::helpers::on_every_backend;

on_every_backend!(the_sweep_removes_what_uploads_leave_behind, |app| {
    let user = app.user().await;
    let attached = id_of(&uploaded(&user, "kept.png", samples::png(8, 8)).await);
    let mut body = expense(category_id(&user, "Groceries").await, "2", days_ago(1));
    body["receipt_id"] = json!(attached);
    create(&user, &body).await;
    let abandoned = id_of(&uploaded(&user, "abandoned.png", samples::png(8, 8)).await);
    let kept_files = files_of(&app, attached).await;
    let stray = format!("u{}/0123456789abcdef0123456789abcdef", user.id);
    write_stray_file(&app, &stray);
    write_stray_file(&app, "u999/left.thumb");
    let store = store(&app);

    // Now, everything is too young to go.
    let before = written(&app).await;
    let report = sweep_orphans(&app.db, &store, Utc::now())
        .await
        .expect("sweep runs");
    assert_eq!(report, SweepReport::default());
    assert_eq!(written(&app).await, before);

    let report = sweep_orphans(&app.db, &store, Utc::now() + Duration::hours(25))
        .await
        .expect("sweep runs");
    assert_eq!(
        report,
        SweepReport {
            receipts_removed: 1,
            files_removed: 2,
        }
    );
    assert_eq!(stored_files(&app), kept_files);
    assert_eq!(written(&app).await.receipts, 1);
    fetch_ok(&user, &file_path(attached)).await;
    assert_eq!(fetch(&user, &file_path(abandoned)).await.status, 404);

    // A second pass finds nothing more.
    let report = sweep_orphans(&app.db, &store, Utc::now() + Duration::hours(25))
        .await
        .expect("sweep runs");
    assert_eq!(report, SweepReport::default());
});

on_every_backend!(
    a_stray_file_is_removed_after_an_hour_an_unattached_receipt_after_a_day,
    |app| {
        let user = app.user().await;
        let unattached = id_of(&uploaded(&user, "later.pdf", samples::pdf()).await);
        write_stray_file(&app, "u1/ffffffffffffffffffffffffffffffff");
        let store = store(&app);
        let report = sweep_orphans(&app.db, &store, Utc::now() + Duration::hours(2))
            .await
            .expect("sweep runs");
        assert_eq!(
            report,
            SweepReport {
                receipts_removed: 0,
                files_removed: 1,
            }
        );
        assert_eq!(
            stored_files(&app),
            files_of(&app, unattached).await,
            "its file is known"
        );
        fetch_ok(&user, &file_path(unattached)).await;
    }
);
