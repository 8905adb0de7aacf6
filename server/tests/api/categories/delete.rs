//! Deleting a category: empty ones go at once; one with expenses needs a target of the user's own
//! to move them to, and the move and the delete happen together or not at all.

use serde_json::Value;

use crate::{
    expenses::{
        assert_error, assert_invalid, categories, category_id, create, days_ago, expense,
        last_activity, list, new_category, written,
    },
    helpers::{TestUser, on_every_backend},
};

async fn category_ids_of_expenses(user: &TestUser) -> Vec<(i64, i64)> {
    let page = list(user, "limit=100&sort=amount&order=asc").await;
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| {
            (
                item["id"].as_i64().expect("id"),
                item["category_id"].as_i64().expect("category"),
            )
        })
        .collect()
}

on_every_backend!(an_empty_category_is_deleted, |app| {
    let user = app.user().await;
    let pets = new_category(&user, "Pets", false).await;
    let before = written(&app).await;
    let response = user.delete(&format!("/api/v1/categories/{pets}")).await;
    assert_eq!(response.status(), 204);
    assert!(
        categories(&user)
            .await
            .iter()
            .all(|category| category["id"] != pets)
    );
    let after = written(&app).await;
    assert_eq!(after.categories, before.categories - 1);
    assert_eq!(after.activity, before.activity + 1);
    let (kind, actor, payload) = last_activity(&app).await;
    assert_eq!((kind.as_str(), actor), ("category.deleted", Some(user.id)));
    assert_eq!(payload["category_id"], pets);

    assert_error(
        user.delete(&format!("/api/v1/categories/{pets}")).await,
        404,
        "not_found",
    )
    .await;
    assert_error(
        user.delete("/api/v1/categories/999999").await,
        404,
        "not_found",
    )
    .await;
    let archived = new_category(&user, "Old", true).await;
    let response = user.delete(&format!("/api/v1/categories/{archived}")).await;
    assert_eq!(response.status(), 204, "archived ones too");
});

on_every_backend!(
    a_category_with_expenses_needs_somewhere_to_move_them,
    |app| {
        let user = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        for amount in ["1", "2", "3"] {
            create(&user, &expense(groceries, amount, days_ago(1))).await;
        }
        let path = format!("/api/v1/categories/{groceries}");
        let before = written(&app).await;
        let listed = categories(&user).await;
        let expenses = category_ids_of_expenses(&user).await;

        assert_error(user.delete(&path).await, 409, "conflict").await;
        let response = user.delete(&format!("{path}?move_to={groceries}")).await;
        assert_invalid(response, "move_to", &"itself").await;
        let response = user.delete(&format!("{path}?move_to=999999")).await;
        assert_invalid(response, "move_to", &"no such category").await;
        for query in ["move_to=abc", "moveto=1"] {
            let response = user.delete(&format!("{path}?{query}")).await;
            assert!(matches!(response.status().as_u16(), 400 | 422), "?{query}");
        }

        assert_eq!(written(&app).await, before, "nothing written");
        assert_eq!(categories(&user).await, listed, "nothing changed");
        assert_eq!(category_ids_of_expenses(&user).await, expenses);
    }
);

on_every_backend!(deleting_with_a_target_moves_every_expense_first, |app| {
    let user = app.user().await;
    let groceries = category_id(&user, "Groceries").await;
    let dining = category_id(&user, "Dining").await;
    let travel = category_id(&user, "Travel").await;
    let mut moved = Vec::new();
    for amount in ["1", "2", "3"] {
        let created = create(&user, &expense(groceries, amount, days_ago(1))).await;
        moved.push(created["id"].as_i64().expect("id"));
    }
    let stays = create(&user, &expense(travel, "4", days_ago(1))).await["id"]
        .as_i64()
        .expect("id");
    create(&user, &expense(dining, "5", days_ago(1))).await;
    let before = written(&app).await;

    let response = user
        .delete(&format!("/api/v1/categories/{groceries}?move_to={dining}"))
        .await;
    assert_eq!(response.status(), 204);
    let after = written(&app).await;
    assert_eq!(after.categories, before.categories - 1);
    assert_eq!(
        after.expenses, before.expenses,
        "expenses are moved, not deleted"
    );
    assert_eq!(after.activity, before.activity + 1);
    let (kind, _, payload) = last_activity(&app).await;
    assert_eq!(kind, "category.deleted");
    assert_eq!(
        (&payload["moved_expenses_to"], &payload["moved"]),
        (&Value::from(dining), &Value::from(3))
    );

    let now = category_ids_of_expenses(&user).await;
    assert!(
        moved.iter().all(|id| now.contains(&(*id, dining))),
        "{now:?}"
    );
    for (id, category) in now {
        let expected = if id == stays { travel } else { dining };
        assert_eq!(category, expected, "expense {id}");
    }
    let page = list(&user, &format!("category_id={dining}")).await;
    assert_eq!(page["total"], 4);
    assert!(
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|item| item["category_name"] == "Dining")
    );
    let listed = categories(&user).await;
    assert!(listed.iter().all(|category| category["id"] != groceries));
    let dining_count = listed
        .iter()
        .find(|category| category["id"] == dining)
        .map(|c| c["expense_count"].clone());
    assert_eq!(dining_count, Some(Value::from(4)));
});

on_every_backend!(
    expenses_cannot_be_moved_into_another_users_category,
    |app| {
        let user = app.user().await;
        let other = app.user().await;
        let groceries = category_id(&user, "Groceries").await;
        let foreign = category_id(&other, "Dining").await;
        create(&user, &expense(groceries, "1", days_ago(1))).await;
        let before = written(&app).await;
        let listed = categories(&user).await;
        let expenses = category_ids_of_expenses(&user).await;
        let response = user
            .delete(&format!("/api/v1/categories/{groceries}?move_to={foreign}"))
            .await;
        assert_invalid(response, "move_to", &"a foreign category").await;
        assert_eq!(written(&app).await, before);
        assert_eq!(categories(&user).await, listed);
        assert_eq!(category_ids_of_expenses(&user).await, expenses);
        assert!(
            categories(&other)
                .await
                .iter()
                .all(|category| category["expense_count"] == 0)
        );
    }
);
