//! A bad row aborts the whole import with its line number: no expense, no category, no activity.

use chrono::{Days, Utc};

use super::{
    MAPPING_WITH_NOTE, PREVIEW, assert_refused_at_line, expenses_of, import, imported, row,
};
use crate::expenses::{body, written};
use crate::helpers::on_every_backend;

const HEADER: &str = "date,amount,merchant,category,note";

/// A good row before the bad one names a category the import would create, so a refusal that
/// left it behind would show.
fn file_with(bad_row: &str) -> String {
    format!("{HEADER}\n2025-01-10,5,Shop,Books,\n{bad_row}\n2025-01-12,6,Shop,Garden,\n")
}

on_every_backend!(a_bad_row_is_named_and_nothing_is_imported, |app| {
    let user = app.user().await;
    let future = Utc::now().date_naive() + Days::new(2);
    let cases = [
        ("2025-02-30,5,Shop,Books,".to_string(), "not a date"),
        ("yesterday,5,Shop,Books,".to_string(), "not a date"),
        (",5,Shop,Books,".to_string(), "not a date"),
        (
            "1899-12-31,5,Shop,Books,".to_string(),
            "too far in the past",
        ),
        (format!("{future},5,Shop,Books,"), "future"),
        ("2025-01-11,0,Shop,Books,".to_string(), "more than zero"),
        ("2025-01-11,0.00,Shop,Books,".to_string(), "more than zero"),
        ("2025-01-11,,Shop,Books,".to_string(), "Enter an amount"),
        ("2025-01-11,abc,Shop,Books,".to_string(), "as a number"),
        (
            "2025-01-11,\"12,50\",Shop,Books,".to_string(),
            "decimal separator",
        ),
        (
            "2025-01-11,12.345,Shop,Books,".to_string(),
            "decimal places",
        ),
        (
            "2025-01-11,10000000000.01,Shop,Books,".to_string(),
            "too large",
        ),
        (
            format!("2025-01-11,5,{},Books,", "m".repeat(121)),
            "at most 120",
        ),
        (
            format!("2025-01-11,5,Shop,{},", "c".repeat(61)),
            "at most 60",
        ),
        (
            format!("2025-01-11,5,Shop,Books,{}", "n".repeat(1001)),
            "at most 1000",
        ),
        (
            "2025-01-11,5,\"two\nlines\",Books,".to_string(),
            "control characters",
        ),
    ];
    for (bad_row, reason) in cases {
        let before = written(&app).await;
        let response = import(
            &user,
            &format!("{MAPPING_WITH_NOTE}&create_categories=true"),
            &file_with(&bad_row),
        )
        .await;
        let message = assert_refused_at_line(response, 3, &bad_row).await;
        assert!(message.contains(reason), "{bad_row}: {message}");
        assert_eq!(written(&app).await, before, "{bad_row}");
    }
    assert!(
        expenses_of(&user).await.is_empty(),
        "not even the good rows"
    );
});

on_every_backend!(
    an_unclosed_quote_is_refused_instead_of_swallowing_the_rest_of_the_file,
    |app| {
        let user = app.user().await;
        let before = written(&app).await;
        for bad_row in [
            "2025-01-11,6,Shop,Groceries,\"unclosed note",
            "2025-01-11,6,\"Shop,Groceries,",
            "2025-01-11,\"6,Shop,Groceries,",
            "2025-01-11,6,Shop,\"Groceries\"\",",
        ] {
            let csv = format!(
                "{HEADER}\n2025-01-10,5,Shop,Groceries,\n{bad_row}\n\
                 2025-01-12,7,Shop,Groceries,\n2025-01-13,8,Shop,Groceries,\n"
            );
            for response in [
                import(&user, MAPPING_WITH_NOTE, &csv).await,
                user.post_csv(PREVIEW, &csv).await,
            ] {
                let status = response.status();
                let error = body(response).await;
                assert_eq!(status, 422, "{bad_row}: {error}");
                assert_eq!(error["error"]["field"], "file", "{error}");
                let message = error["error"]["message"].as_str().expect("a message");
                assert!(
                    message.starts_with("Line 3: ") && message.contains("quote"),
                    "{bad_row}: {message}"
                );
            }
        }
        assert_eq!(written(&app).await, before);
        let quotes_inside_cells =
            format!("{HEADER}\n2025-01-10,5,5\" screen,Groceries,\"said \"\"hi\"\"\"\n");
        imported(&user, MAPPING_WITH_NOTE, &quotes_inside_cells).await;
        assert_eq!(
            expenses_of(&user).await,
            [row(
                "2025-01-10",
                500,
                "Groceries",
                "5\" screen",
                "said \"hi\""
            )]
        );
    }
);

on_every_backend!(
    a_category_refused_late_takes_the_fallback_it_created_with_it,
    |app| {
        let user = app.user().await;
        let other = crate::expenses::category_id(&user, "Other").await;
        let deleted = user.delete(&format!("/api/v1/categories/{other}")).await;
        assert_eq!(deleted.status(), 204);
        let before = written(&app).await;
        let csv = format!("{HEADER}\n2025-01-10,5,Shop,,\n2025-01-11,6,Shop,Books,\n");
        let response = import(&user, MAPPING_WITH_NOTE, &csv).await;
        assert_refused_at_line(response, 3, "Books not created").await;
        assert_eq!(
            written(&app).await,
            before,
            "the “Other” made for line 2 is rolled back"
        );
    }
);
