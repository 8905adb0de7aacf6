//! Which events become which emails (written as `.eml` files without `SMTP_URL`), and the
//! user's switch for alert emails. On every engine: the handlers' SQL is the same on all three.

use serde_json::json;

use super::{drained, emails_to, eventually};
use crate::{
    expenses::body,
    helpers::on_every_backend,
    notifications::{titles, use_up},
};

on_every_backend!(registering_sends_a_welcome_email_as_a_file, |app| {
    let user = app.user().await;
    let email = eventually("the welcome email to be sent", async || {
        emails_to(&app, &user.email)
            .await
            .into_iter()
            .find(|email| email.status == "sent")
    })
    .await;
    assert_eq!(email.kind, "welcome");
    assert_eq!(email.subject, "Welcome to SpendWise");
    assert_eq!(email.attempts, 1);
    assert!(
        email.text_body.contains("Hello Test User"),
        "{}",
        email.text_body
    );
    assert!(email.html_body.contains("<strong>"), "{}", email.html_body);

    let files: Vec<String> = std::fs::read_dir(app.data_dir().join("mail"))
        .expect("the mail directory exists")
        .map(|entry| std::fs::read_to_string(entry.expect("entry").path()).expect("readable"))
        .collect();
    let file = files
        .iter()
        .find(|text| text.contains(&user.email))
        .expect("an .eml file addressed to the user");
    assert!(file.contains("Subject: Welcome to SpendWise"), "{file}");
    assert!(file.contains("multipart/alternative"), "{file}");
});

on_every_backend!(
    budget_alerts_are_emailed_unless_the_user_turned_them_off,
    |app| {
        let wants = app.user().await;
        use_up(&wants, "Groceries").await;
        let alert = eventually("the budget alert email", async || {
            emails_to(&app, &wants.email)
                .await
                .into_iter()
                .find(|email| email.kind == "budget_alert")
        })
        .await;
        assert!(alert.subject.contains("Groceries"), "{}", alert.subject);
        assert!(
            alert.text_body.contains("/budgets?month="),
            "{}",
            alert.text_body
        );
        assert!(
            alert.text_body.contains("/profile"),
            "says how to turn it off"
        );

        let declines = app.user().await;
        let turned_off = declines
            .patch("/api/v1/auth/profile", &json!({ "email_alerts": false }))
            .await;
        assert_eq!(turned_off.status(), 200);
        assert_eq!(body(turned_off).await["email_alerts"], false);
        use_up(&declines, "Groceries").await;
        drained(&app).await;
        assert!(
            titles(&declines)
                .await
                .iter()
                .any(|title| title.contains("Groceries")),
            "the bell still shows the alert"
        );
        let kinds: Vec<String> = emails_to(&app, &declines.email)
            .await
            .into_iter()
            .map(|email| email.kind)
            .collect();
        assert_eq!(kinds, ["welcome"], "no alert email once turned off");
    }
);

on_every_backend!(
    changing_the_password_sends_a_notice_in_the_users_time_zone,
    |app| {
        let user = app.user().await;
        let moved = user
            .patch("/api/v1/auth/profile", &json!({ "timezone": "Asia/Tokyo" }))
            .await;
        assert_eq!(moved.status(), 200);
        let changed = user
        .post(
            "/api/v1/auth/password",
            &json!({ "current_password": user.password, "new_password": "another long passphrase 77" }),
        )
        .await;
        assert_eq!(changed.status(), 204);
        let notice = eventually("the password notice", async || {
            emails_to(&app, &user.email)
                .await
                .into_iter()
                .find(|email| email.kind == "password_changed")
        })
        .await;
        assert_eq!(notice.subject, "Your SpendWise password was changed");
        assert!(
            notice.text_body.contains("(Asia/Tokyo)"),
            "{}",
            notice.text_body
        );
    }
);
