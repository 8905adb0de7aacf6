//! Text search over merchant, note and tags: case-insensitive, wildcards taken literally, and
//! never matching the JSON the tags are stored in.

use serde_json::{Value, json};

use super::{add, category_id, days_ago, expense, id_set, matching};
use crate::helpers::on_every_backend;

fn q(text: &str) -> String {
    serde_urlencoded::to_string([("q", text)]).expect("encoded")
}

on_every_backend!(
    text_search_is_case_insensitive_over_merchant_note_and_tags,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let with = |fields: Value| {
            let mut body = expense(groceries, "1", days_ago(1));
            for (key, value) in fields.as_object().expect("object") {
                body[key] = value.clone();
            }
            body
        };
        let shop = add(&user, with(json!({ "merchant": "Corner SHOP" }))).await;
        let cake = add(
            &user,
            with(json!({ "merchant": "Bakery", "note": "Birthday CAKE for Ann" })),
        )
        .await;
        let work = add(
            &user,
            with(json!({ "merchant": "Kiosk", "tags": ["Work", "travel"] })),
        )
        .await;
        let percent = add(&user, with(json!({ "merchant": "50% off store" }))).await;
        let five_hundred = add(&user, with(json!({ "merchant": "500 off store" }))).await;
        let underscore = add(&user, with(json!({ "merchant": "snake_case cafe" }))).await;
        add(&user, with(json!({ "merchant": "snakeXcase cafe" }))).await;
        let backslash = add(&user, with(json!({ "merchant": "back\\slash" }))).await;
        add(&user, with(json!({ "merchant": "backslash" }))).await;

        for (text, expected) in [
            ("shop", id_set([shop])),
            ("  ShOp ", id_set([shop])),
            ("cake", id_set([cake])),
            ("birthday cake", id_set([cake])),
            ("WORK", id_set([work])),
            ("travel", id_set([work])),
            ("off store", id_set([percent, five_hundred])),
            ("0%", id_set([percent])),
            ("%", id_set([percent])),
            ("e_c", id_set([underscore])),
            ("_", id_set([underscore])),
            ("k\\s", id_set([backslash])),
            ("nothing like this", id_set([])),
        ] {
            assert_eq!(matching(&user, &q(text)).await, expected, "q={text:?}");
        }
    }
);

on_every_backend!(
    text_search_matches_tags_not_the_json_they_are_stored_in,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let mut tagged = expense(groceries, "1", days_ago(1));
        tagged["tags"] = json!(["work", "travel"]);
        add(&user, tagged).await;
        add(&user, expense(groceries, "2", days_ago(1))).await;
        for text in ["[", "]", ",", "\"", "\",\"", "[]", "k\",\"t", "\\"] {
            assert_eq!(matching(&user, &q(text)).await, id_set([]), "q={text:?}");
        }
        let mut quoted = expense(groceries, "3", days_ago(1));
        quoted["tags"] = json!(["say \"hi\"", "back\\slash"]);
        let quoted = add(&user, quoted).await;
        for text in ["\"", "\"HI\"", "\\", "k\\s"] {
            assert_eq!(
                matching(&user, &q(text)).await,
                id_set([quoted]),
                "q={text:?}"
            );
        }
    }
);

on_every_backend!(text_search_ignores_case_beyond_ascii, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let mut cafe = expense(groceries, "1", days_ago(1));
    cafe["merchant"] = json!("Café ZOË");
    let id = add(&user, cafe).await;
    for text in ["zoë", "ZOË", "CAFÉ", "café zoë"] {
        assert_eq!(matching(&user, &q(text)).await, id_set([id]), "q={text:?}");
    }
});
