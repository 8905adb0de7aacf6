//! A row with the date, amount and merchant (any case) of an expense already recorded is skipped
//! and reported by line, unless the user keeps duplicates.

use serde_json::json;

use super::{MAPPING, expenses_of, imported};
use crate::expenses::{category_id, create, written};
use crate::helpers::on_every_backend;

on_every_backend!(
    a_row_matching_an_existing_expense_is_skipped_unless_kept,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        create(
            &user,
            &json!({ "amount": "12.34", "spent_on": "2025-01-10", "category_id": groceries, "merchant": "Corner Shop" }),
        )
        .await;
        let other = app.user().await;
        let other_groceries = category_id(&other, "Groceries").await;
        create(
            &other,
            &json!({ "amount": "5", "spent_on": "2025-01-10", "category_id": other_groceries, "merchant": "Kiosk" }),
        )
        .await;
        let csv = "date,amount,merchant,category\n\
            2025-01-10,12.34,CORNER SHOP,Dining\n\
            2025-01-10,12.34,Other Shop,Groceries\n\
            2025-01-11,12.34,Corner Shop,Groceries\n\
            2025-01-10,12.35,Corner Shop,Groceries\n\
            2025-01-10,5,Kiosk,Groceries\n";

        let outcome = imported(&user, MAPPING, csv).await;
        assert_eq!(
            outcome,
            json!({ "imported": 4, "skipped_duplicates": [2], "created_categories": [] }),
            "another user's expense is no duplicate"
        );
        assert_eq!(expenses_of(&user).await.len(), 5);

        let before = written(&app).await;
        let again = imported(&user, MAPPING, csv).await;
        assert_eq!(
            again,
            json!({ "imported": 0, "skipped_duplicates": [2, 3, 4, 5, 6], "created_categories": [] }),
            "importing a file twice adds nothing"
        );
        assert_eq!(written(&app).await.expenses, before.expenses);

        let kept = imported(&user, &format!("{MAPPING}&keep_duplicates=true"), csv).await;
        assert_eq!(
            kept,
            json!({ "imported": 5, "skipped_duplicates": [], "created_categories": [] })
        );
        assert_eq!(expenses_of(&user).await.len(), 10);
    }
);

on_every_backend!(identical_rows_within_one_file_count_as_duplicates, |app| {
    let user = app.user().await;
    let csv = "date,amount,merchant\n2025-01-10,3.50,Café\n2025-01-10,3.50,café\n";
    let options = "date_column=0&amount_column=1&merchant_column=2";
    let outcome = imported(&user, options, csv).await;
    assert_eq!(
        (&outcome["imported"], &outcome["skipped_duplicates"]),
        (&json!(1), &json!([3]))
    );
    let kept = imported(&user, &format!("{options}&keep_duplicates=true"), csv).await;
    assert_eq!(kept["imported"], 2);
    assert_eq!(expenses_of(&user).await.len(), 3);
});
