//! The default set, creating, renaming, recolouring and archiving.

use serde_json::{Value, json};

use crate::{
    expenses::{
        assert_error, assert_invalid, body, categories, category_id, create, days_ago, expense,
        last_activity, written,
    },
    helpers::on_every_backend,
};

const DEFAULTS: [(&str, &str, &str); 10] = [
    ("Dining", "#ea580c", "utensils"),
    ("Entertainment", "#db2777", "clapperboard"),
    ("Groceries", "#16a34a", "shopping-cart"),
    ("Health", "#dc2626", "heart-pulse"),
    ("Housing", "#7c3aed", "home"),
    ("Other", "#64748b", "circle-dot"),
    ("Shopping", "#ca8a04", "shopping-bag"),
    ("Transport", "#2563eb", "car"),
    ("Travel", "#0d9488", "plane"),
    ("Utilities", "#0891b2", "zap"),
];

fn summary(category: &Value) -> (String, String, String, bool, i64) {
    (
        category["name"].as_str().expect("name").to_string(),
        category["color"].as_str().expect("color").to_string(),
        category["icon"].as_str().expect("icon").to_string(),
        category["archived"].as_bool().expect("archived"),
        category["expense_count"].as_i64().expect("count"),
    )
}

on_every_backend!(a_new_user_has_the_ten_default_categories_by_name, |app| {
    let user = app.user().await;
    let listed: Vec<_> = categories(&user).await.iter().map(summary).collect();
    let expected: Vec<_> = DEFAULTS
        .iter()
        .map(|(name, color, icon)| {
            (
                name.to_string(),
                color.to_string(),
                icon.to_string(),
                false,
                0,
            )
        })
        .collect();
    assert_eq!(listed, expected);

    let groceries = category_id(&user, "Groceries").await;
    for _ in 0..2 {
        create(&user, &expense(groceries, "1", days_ago(1))).await;
    }
    let listed = categories(&user).await;
    let count = |name: &str| {
        listed
            .iter()
            .find(|category| category["name"] == name)
            .map(|category| category["expense_count"].clone())
    };
    assert_eq!(count("Groceries"), Some(json!(2)));
    assert_eq!(count("Dining"), Some(json!(0)));

    let other = app.user().await;
    let others = categories(&other).await;
    assert_eq!(others.len(), 10, "everyone gets their own set");
    assert!(others.iter().all(|category| category["expense_count"] == 0));
    assert_ne!(category_id(&other, "Groceries").await, groceries);
});

on_every_backend!(a_category_is_created_with_unique_name_per_user, |app| {
    let user = app.user().await;
    let before = written(&app).await;
    let response = user
        .post(
            "/api/v1/categories",
            &json!({ "name": "  Pets ", "color": "#AABBCC", "icon": "paw-print" }),
        )
        .await;
    assert_eq!(response.status(), 201);
    let pets = body(response).await;
    assert_eq!(
        summary(&pets),
        (
            "Pets".into(),
            "#aabbcc".into(),
            "paw-print".into(),
            false,
            0
        )
    );
    assert!(categories(&user).await.contains(&pets));
    let after = written(&app).await;
    assert_eq!(after.categories, before.categories + 1);
    assert_eq!(after.activity, before.activity + 1);
    let (kind, actor, payload) = last_activity(&app).await;
    assert_eq!((kind.as_str(), actor), ("category.created", Some(user.id)));
    assert_eq!(payload["category_id"], pets["id"]);

    let response = user
        .post("/api/v1/categories", &json!({ "name": "Gifts" }))
        .await;
    assert_eq!(response.status(), 201);
    let gifts = body(response).await;
    assert_eq!(
        (&gifts["color"], &gifts["icon"]),
        (&json!("#64748b"), &json!("circle-dot"))
    );

    let after = written(&app).await;
    for name in ["pets", "PETS", " Pets", "groceries", "GIFTS"] {
        let response = user
            .post("/api/v1/categories", &json!({ "name": name }))
            .await;
        assert_error(response, 409, "conflict").await;
    }
    assert_eq!(written(&app).await, after, "nothing written");

    let other = app.user().await;
    let response = other
        .post("/api/v1/categories", &json!({ "name": "Pets" }))
        .await;
    assert_eq!(response.status(), 201, "names are unique per user only");
});

on_every_backend!(
    bad_category_values_name_their_field_and_write_nothing,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let before = written(&app).await;
        let original = categories(&user).await;
        let cases = [
            (json!({ "name": "" }), "name"),
            (json!({ "name": "   " }), "name"),
            (json!({ "name": "x".repeat(61) }), "name"),
            (json!({ "name": "tab\there" }), "name"),
            (json!({ "name": "Ok", "color": "red" }), "color"),
            (json!({ "name": "Ok", "color": "#12345" }), "color"),
            (json!({ "name": "Ok", "color": "#1234567" }), "color"),
            (json!({ "name": "Ok", "color": "#gggggg" }), "color"),
            (json!({ "name": "Ok", "color": "16a34a" }), "color"),
            (json!({ "name": "Ok", "icon": "skull" }), "icon"),
            (
                json!({ "name": "Ok", "icon": "<svg onload=alert(1)>" }),
                "icon",
            ),
            (json!({ "name": "Ok", "user_id": 1 }), "user_id"),
            (json!({ "name": "Ok", "archived": true }), "archived"),
            (json!({ "name": 5 }), "name"),
        ];
        for (request, field) in &cases {
            let response = user.post("/api/v1/categories", request).await;
            assert_invalid(response, field, request).await;
        }
        assert_invalid(
            user.post("/api/v1/categories", &json!({ "color": "#ffffff" }))
                .await,
            "name",
            &"no name",
        )
        .await;
        let path = format!("/api/v1/categories/{groceries}");
        for (request, field) in cases
            .iter()
            .filter(|(request, _)| request.get("archived").is_none())
        {
            let response = user.patch(&path, request).await;
            assert_invalid(response, field, request).await;
        }
        assert_invalid(
            user.patch(&path, &json!({ "archived": "yes" })).await,
            "archived",
            &"archived",
        )
        .await;
        assert_eq!(written(&app).await, before, "nothing written");
        assert_eq!(categories(&user).await, original, "nothing changed");
    }
);

on_every_backend!(a_category_is_renamed_recoloured_and_archived, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    create(&user, &expense(groceries, "1", days_ago(1))).await;
    let path = format!("/api/v1/categories/{groceries}");
    let before = written(&app).await;

    let response = user
        .patch(
            &path,
            &json!({ "name": "Food", "color": "#00FF00", "icon": "coffee" }),
        )
        .await;
    assert_eq!(response.status(), 200);
    let changed = body(response).await;
    assert_eq!(
        summary(&changed),
        ("Food".into(), "#00ff00".into(), "coffee".into(), false, 1)
    );
    let (kind, actor, payload) = last_activity(&app).await;
    assert_eq!((kind.as_str(), actor), ("category.updated", Some(user.id)));
    assert_eq!(payload["category_id"], groceries);

    let response = user.patch(&path, &json!({ "name": "FOOD" })).await;
    assert_eq!(
        response.status(),
        200,
        "a new case of its own name is no clash"
    );
    assert_eq!(body(response).await["name"], "FOOD");
    assert_error(
        user.patch(&path, &json!({ "name": "dining" })).await,
        409,
        "conflict",
    )
    .await;

    let response = user.patch(&path, &json!({ "archived": true })).await;
    assert_eq!(response.status(), 200);
    let listed = categories(&user).await;
    assert_eq!(
        listed.last().map(|last| &last["id"]),
        Some(&json!(groceries)),
        "archived last"
    );
    assert_eq!(
        listed.last().map(|last| &last["archived"]),
        Some(&json!(true))
    );
    let response = user
        .post("/api/v1/expenses", &expense(groceries, "1", days_ago(1)))
        .await;
    assert_invalid(response, "category_id", &"archived").await;
    let expenses = crate::expenses::list(&user, &format!("category_id={groceries}")).await;
    assert_eq!(expenses["total"], 1, "its expenses stay");
    assert_eq!(expenses["items"][0]["category_name"], "FOOD");

    let response = user.patch(&path, &json!({ "archived": false })).await;
    assert_eq!(response.status(), 200);
    create(&user, &expense(groceries, "1", days_ago(1))).await;

    let after = written(&app).await;
    assert_eq!(
        after.activity,
        before.activity + 4 + 1,
        "four changes and an expense"
    );
    assert_eq!(after.categories, before.categories);
    assert_error(
        user.patch("/api/v1/categories/999999", &json!({ "name": "X" }))
            .await,
        404,
        "not_found",
    )
    .await;
});

on_every_backend!(simultaneous_creates_of_one_name_make_one_category, |app| {
    let user = app.user().await;
    let mut requests = tokio::task::JoinSet::new();
    for name in ["Pets", "pets", "PETS", "Pets ", "pEts", "Pets"] {
        let request = user
            .request(reqwest::Method::POST, &app.url("/api/v1/categories"))
            .json(&json!({ "name": name }));
        requests.spawn(async move {
            let response = request.send().await.expect("sent");
            let status = response.status().as_u16();
            (status, response.json::<Value>().await.unwrap_or_default())
        });
    }
    let answers = requests.join_all().await;
    let created = answers.iter().filter(|(status, _)| *status == 201).count();
    assert_eq!(created, 1, "{answers:?}");
    for (status, body) in &answers {
        assert!(
            matches!(status, 201 | 409),
            "no fault, only a conflict: {body}"
        );
    }
    let pets = categories(&user).await;
    let named = pets.iter().filter(|category| {
        category["name"].as_str().map(str::to_lowercase).as_deref() == Some("pets")
    });
    assert_eq!(named.count(), 1);
});
