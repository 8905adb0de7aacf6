//! The preview: the file's headers and first rows, how many rows it has, and the options the
//! server suggests (columns found by name, the delimiter, date format and decimal separator read
//! from the data), with the categories the file names that the user lacks. It writes nothing.

use serde_json::{Value, json};

use super::PREVIEW;
use crate::expenses::{body, new_category, written};
use crate::helpers::{TestUser, on_every_backend};

async fn preview(user: &TestUser, csv: &str) -> Value {
    let response = user.post_csv(PREVIEW, csv).await;
    let status = response.status();
    let preview = body(response).await;
    assert_eq!(status, 200, "{csv}\n{preview}");
    preview
}

on_every_backend!(
    the_preview_shows_the_first_rows_and_suggests_a_mapping,
    |app| {
        let user = app.user().await;
        let rows: String = (1..=12)
            .map(|day| format!("2025-01-{day:02},\"1,2{day:02}.50\",Shop {day},Groceries,\n"))
            .collect();
        let csv = format!("Date,Amount,Merchant,Category,Note\n{rows}");
        let before = written(&app).await;

        let preview = preview(&user, &csv).await;

        assert_eq!(
            preview["headers"],
            json!(["Date", "Amount", "Merchant", "Category", "Note"])
        );
        assert_eq!(preview["row_count"], 12);
        assert_eq!(preview["rows"].as_array().expect("rows").len(), 10);
        assert_eq!(
            preview["rows"][0],
            json!(["2025-01-01", "1,201.50", "Shop 1", "Groceries", ""])
        );
        assert_eq!(
            preview["suggested"],
            json!({
                "date_column": 0, "amount_column": 1, "merchant_column": 2, "category_column": 3,
                "note_column": 4, "currency_column": null, "tags_column": null, "date_format": "iso", "decimal_separator": "dot",
                "create_categories": false, "keep_duplicates": false,
            })
        );
        assert_eq!(written(&app).await, before, "a preview writes nothing");
    }
);

on_every_backend!(
    a_german_bank_export_is_read_with_semicolons_and_comma_decimals,
    |app| {
        let user = app.user().await;
        let csv = "\u{feff}Notiz;Betrag;Buchungsdatum;Kategorie;Empfänger\n\
            Brötchen;-1.234,56;31.01.2025;Lebensmittel;Bäckerei\n\
            ;-3,2;01.02.2025;;Kiosk\n";
        let preview = preview(&user, csv).await;
        assert_eq!(
            preview["headers"],
            json!(["Notiz", "Betrag", "Buchungsdatum", "Kategorie", "Empfänger"]),
            "split at semicolons, the byte order mark dropped"
        );
        assert_eq!(preview["row_count"], 2);
        assert_eq!(
            preview["rows"][0],
            json!([
                "Brötchen",
                "-1.234,56",
                "31.01.2025",
                "Lebensmittel",
                "Bäckerei"
            ])
        );
        assert_eq!(
            preview["suggested"],
            json!({
                "date_column": 2, "amount_column": 1, "merchant_column": 4, "category_column": 3,
                "note_column": 0, "currency_column": null, "tags_column": null, "date_format": "day_month_year", "decimal_separator": "comma",
                "create_categories": false, "keep_duplicates": false,
            })
        );
    }
);

on_every_backend!(the_date_format_is_the_one_every_row_fits, |app| {
    let user = app.user().await;
    for (dates, format) in [
        (["2025-01-31", "2025-02-01"], "iso"),
        (["01/02/2025", "31/01/2025"], "day_month_year"),
        (["01/02/2025", "01/31/2025"], "month_day_year"),
    ] {
        let csv = format!("amount\tdate\n1\t{}\n2\t{}\n", dates[0], dates[1]);
        let suggested = &preview(&user, &csv).await["suggested"];
        assert_eq!(suggested["date_format"], format, "{dates:?}");
        assert_eq!(
            (&suggested["date_column"], &suggested["amount_column"]),
            (&json!(1), &json!(0)),
            "tab separated"
        );
        assert_eq!(suggested["decimal_separator"], "dot");
    }
});

on_every_backend!(a_file_without_a_header_line_cannot_be_previewed, |app| {
    let user = app.user().await;
    for csv in ["", "\n\n", "\u{feff}"] {
        let response = user.post_csv(PREVIEW, csv).await;
        let status = response.status();
        let error = body(response).await;
        assert_eq!(status, 422, "{csv:?}: {error}");
        assert_eq!(error["error"]["field"], "file", "{error}");
    }
});

on_every_backend!(
    the_preview_names_the_categories_an_import_would_create,
    |app| {
        let user = app.user().await;
        let other = app.user().await;
        new_category(&user, "Garden", true).await;
        new_category(&other, "Books", false).await;
        let csv = "date,amount,category\n\
            2025-01-01,1,groceries\n\
            2025-01-02,1,Books\n\
            2025-01-03,1,books\n\
            2025-01-04,1,\n\
            2025-01-05,1,Other\n\
            2025-01-06,1,GARDEN\n\
            2025-01-07,1,'=Pets\n\
            2025-01-08,1,Music\n";
        let before = written(&app).await;

        let previewed = preview(&user, csv).await;

        assert_eq!(
            previewed["new_categories"],
            json!(["Books", "=Pets", "Music"]),
            "by name in any case, the first spelling, archived ones and Other left out, \
             another user's ignored"
        );
        assert_eq!(written(&app).await, before);

        let csv = "date,amount,merchant\n2025-01-01,1,Unknown Shop\n";
        assert_eq!(
            preview(&user, csv).await["new_categories"],
            json!([]),
            "no category column"
        );
    }
);
