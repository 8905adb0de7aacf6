//! Good files: every row imported exactly, in the notation chosen, into the right categories,
//! in one change the list, its totals and the activity log all see.

use app::server::entities::prelude::{Activity, Categories};
use serde_json::json;

use super::{
    MAPPING, MAPPING_WITH_NOTE, assert_refused_at_line, expenses_of, import, imported, row,
};
use crate::expenses::{categories, last_activity, list, written};
use crate::helpers::on_every_backend;

on_every_backend!(a_good_file_imports_every_row_with_exact_amounts, |app| {
    let user = app.user().await;
    let empty = list(&user, "").await;
    assert_eq!(empty["total"], 0, "the totals are cached before the import");
    let activity_before = app.count::<Activity>().await;
    let categories_before = app.count::<Categories>().await;
    let csv = "Date,Amount,Merchant,Category,Note\n\
        2025-01-15,12.34,  Corner Shop ,groceries,milk\n\
        2025-01-16,\"1,234.56\",Grand Hotel,TRAVEL,two nights\n\
        2025-01-17,-7.50,Bakery,,\n\
        \n\
        2025-01-18,0.05,Parking,Transport,\"line one\nline two\"\n\
        2025-01-19,1000000,\"Cars, \"\"New\"\" & Used\",transport,\n";

    let outcome = imported(&user, MAPPING_WITH_NOTE, csv).await;

    assert_eq!(
        outcome,
        json!({ "imported": 5, "skipped_duplicates": [], "created_categories": [] })
    );
    assert_eq!(
        expenses_of(&user).await,
        [
            row("2025-01-15", 1234, "Groceries", "Corner Shop", "milk"),
            row("2025-01-16", 123_456, "Travel", "Grand Hotel", "two nights"),
            row("2025-01-17", 750, "Other", "Bakery", ""),
            row(
                "2025-01-18",
                5,
                "Transport",
                "Parking",
                "line one\nline two"
            ),
            row(
                "2025-01-19",
                100_000_000,
                "Transport",
                "Cars, \"New\" & Used",
                ""
            ),
        ]
    );
    let page = list(&user, "").await;
    assert_eq!(page["total"], 5);
    assert_eq!(
        page["sums"],
        json!([{ "currency": "USD", "amount": "1001254.45", "amount_minor": 100_125_445 }])
    );
    assert_eq!(app.count::<Categories>().await, categories_before);
    assert_eq!(
        app.count::<Activity>().await,
        activity_before + 1,
        "one activity row for the whole import"
    );
    let (kind, user_id, payload) = last_activity(&app).await;
    assert_eq!(
        (kind.as_str(), user_id),
        ("expense.imported", Some(user.id))
    );
    assert_eq!(
        payload,
        json!({ "imported": 5, "skipped_duplicates": 0, "created_categories": [] })
    );
});

on_every_backend!(
    comma_notation_and_day_first_dates_are_read_when_chosen,
    |app| {
        let user = app.user().await;
        let csv = "Datum;Betrag;Empfänger;Kategorie;Notiz\n\
            31.01.2025;1.234,56;Bäckerei Müller;dining;Brötchen\n\
            01/02/2025;-3,20;Kiosk;Dining;\n\
            02-02-2025;12;Markt;Groceries;\n";
        let options =
            format!("{MAPPING_WITH_NOTE}&date_format=day_month_year&decimal_separator=comma");
        let outcome = imported(&user, &options, csv).await;
        assert_eq!(outcome["imported"], 3);
        assert_eq!(
            expenses_of(&user).await,
            [
                row(
                    "2025-01-31",
                    123_456,
                    "Dining",
                    "Bäckerei Müller",
                    "Brötchen"
                ),
                row("2025-02-01", 320, "Dining", "Kiosk", ""),
                row("2025-02-02", 1200, "Groceries", "Markt", ""),
            ]
        );
    }
);

on_every_backend!(dates_are_read_in_each_format, |app| {
    let user = app.user().await;
    for (format, date) in [
        ("iso", "2025-01-31"),
        ("iso", "2025/1/31"),
        ("day_month_year", "31.01.2025"),
        ("day_month_year", "31/01/2025"),
        ("day_month_year", "31-1-2025"),
        ("month_day_year", "01/31/2025"),
        ("month_day_year", "1.31.2025"),
    ] {
        let csv = format!("date,amount\n{date},1\n");
        let options = format!("date_column=0&amount_column=1&date_format={format}");
        imported(&user, &format!("{options}&keep_duplicates=true"), &csv).await;
        let expenses = expenses_of(&user).await;
        let last = expenses.last().expect("imported");
        assert_eq!(last["spent_on"], "2025-01-31", "{format}: {date}");
    }
    assert_eq!(expenses_of(&user).await.len(), 7);
    for (format, date) in [
        ("iso", "31.01.2025"),
        ("day_month_year", "2025-01-31"),
        ("month_day_year", "31/01/2025"),
        ("iso", "25-01-31"),
    ] {
        let csv = format!("date,amount\n{date},1\n");
        let options = format!("date_column=0&amount_column=1&date_format={format}");
        let message = assert_refused_at_line(import(&user, &options, &csv).await, 2, format).await;
        assert!(message.contains(date), "{message}");
    }
    assert_eq!(expenses_of(&user).await.len(), 7);
});

on_every_backend!(
    missing_categories_are_created_when_asked_and_refused_otherwise,
    |app| {
        let user = app.user().await;
        let csv = "date,amount,merchant,category\n\
            2025-01-10,5,Shop,Groceries\n\
            2025-01-11,6,Shop,Books\n\
            2025-01-12,7,Shop,books\n\
            2025-01-13,8,Shop, Garden \n";

        let before = written(&app).await;
        let refused = import(&user, MAPPING, csv).await;
        let message = assert_refused_at_line(refused, 3, "not asked to create").await;
        assert!(message.contains("“Books”"), "{message}");
        assert_eq!(written(&app).await, before);

        let outcome = imported(&user, &format!("{MAPPING}&create_categories=true"), csv).await;
        assert_eq!(
            outcome,
            json!({ "imported": 4, "skipped_duplicates": [], "created_categories": ["Books", "Garden"] })
        );
        let categories = categories(&user).await;
        let books = categories
            .iter()
            .find(|category| category["name"] == "Books")
            .expect("Books created");
        assert_eq!(books["expense_count"], 2, "“books” matched the new “Books”");
        assert_eq!(books["archived"], false);
        let garden = categories
            .iter()
            .find(|category| category["name"] == "Garden")
            .expect("Garden created, trimmed");
        assert_eq!(garden["expense_count"], 1);
        assert_eq!(
            written(&app).await.categories,
            before.categories + 2,
            "each created once"
        );
    }
);

on_every_backend!(
    rows_without_a_category_go_to_other_which_is_created_if_missing,
    |app| {
        let user = app.user().await;
        let csv = "date,amount,merchant\n2025-01-10,5,Shop\n2025-01-11,6,Kiosk\n";
        let outcome = imported(
            &user,
            "date_column=0&amount_column=1&merchant_column=2",
            csv,
        )
        .await;
        assert_eq!(outcome["created_categories"], json!([]));
        let expenses = expenses_of(&user).await;
        assert!(
            expenses
                .iter()
                .all(|expense| expense["category_name"] == "Other"),
            "{expenses:?}"
        );

        let user = app.user().await;
        let other = crate::expenses::category_id(&user, "Other").await;
        let deleted = user.delete(&format!("/api/v1/categories/{other}")).await;
        assert_eq!(deleted.status(), 204);
        let outcome = imported(
            &user,
            MAPPING,
            "date,amount,merchant,category\n2025-01-10,5,Shop,\n",
        )
        .await;
        assert_eq!(
            outcome["created_categories"],
            json!(["Other"]),
            "the fallback needs no permission"
        );
        assert_eq!(
            expenses_of(&user).await,
            [row("2025-01-10", 500, "Other", "Shop", "")]
        );
    }
);

on_every_backend!(an_archived_category_is_not_filled_by_an_import, |app| {
    let user = app.user().await;
    crate::expenses::new_category(&user, "Old Hobby", true).await;
    let before = written(&app).await;
    let csv =
        "date,amount,merchant,category\n2025-01-10,5,Shop,Groceries\n2025-01-11,6,Shop,old hobby\n";
    let refused = import(&user, &format!("{MAPPING}&create_categories=true"), csv).await;
    let message = assert_refused_at_line(refused, 3, "archived").await;
    assert!(message.contains("archived"), "{message}");
    assert_eq!(written(&app).await, before);
});

on_every_backend!(an_import_is_filed_in_the_users_base_currency, |app| {
    let user = app.user().await;
    crate::expenses::set_base_currency(&user, "JPY").await;
    imported(
        &user,
        "date_column=0&amount_column=1",
        "date,amount\n2025-01-10,\"1,500\"\n",
    )
    .await;
    let expenses = expenses_of(&user).await;
    assert_eq!(
        (&expenses[0]["currency"], &expenses[0]["amount_minor"]),
        (&json!("JPY"), &json!(1500))
    );
});

on_every_backend!(currencies_tags_and_neutralised_cells_are_read_back, |app| {
    let user = app.user().await;
    let csv = "date,amount,currency,category,merchant,note,tags\n\
        2025-02-01,1500,JPY,Dining,'=SUM(A1),,\"work, travel\"\n\
        2025-02-02,12.50,,Dining,Cafe,,\n";
    let options = "date_column=0&amount_column=1&currency_column=2&category_column=3\
        &merchant_column=4&note_column=5&tags_column=6";

    let outcome = imported(&user, options, csv).await;

    assert_eq!(outcome["imported"], 2);
    let page = list(&user, "sort=spent_on&order=asc").await;
    let items = page["items"].as_array().expect("items");
    assert_eq!(
        (&items[0]["currency"], &items[0]["amount_minor"]),
        (&json!("JPY"), &json!(1500))
    );
    assert_eq!(
        items[0]["merchant"], "=SUM(A1)",
        "the export's apostrophe is undone"
    );
    assert_eq!(items[0]["tags"], json!(["work", "travel"]));
    assert_eq!(
        (&items[1]["currency"], &items[1]["amount_minor"]),
        (&json!("USD"), &json!(1250)),
        "an empty currency cell is the user's base currency"
    );
});
