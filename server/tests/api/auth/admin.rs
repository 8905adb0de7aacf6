//! `spendwise create-admin`: the built binary, run against a test's database.

use std::{
    io::Write,
    process::{Command, Output, Stdio},
};

use app::server::entities::prelude::Users;
use serde_json::Value;

use crate::helpers::{TestApp, TestUser, on_every_backend, spawn_app};

/// Runs `spendwise create-admin <args>` on the app's database with `stdin` piped in.
async fn create_admin(app: &TestApp, args: &[&str], stdin: &str) -> Output {
    let work_dir = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new(env!("CARGO_BIN_EXE_spendwise"));
    command
        .arg("create-admin")
        .args(args)
        .env_clear()
        .env("DATABASE_URL", app.database_url())
        .env("DATA_DIR", work_dir.path())
        .env("RUST_LOG", "warn")
        // No `.env` from the workspace can reach the child from here.
        .current_dir(work_dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let stdin = stdin.to_string();
    tokio::task::spawn_blocking(move || {
        let mut child = command.spawn().expect("the binary starts");
        child
            .stdin
            .take()
            .expect("piped stdin")
            .write_all(stdin.as_bytes())
            .expect("password written");
        let output = child.wait_with_output().expect("the binary ends");
        drop(work_dir);
        output
    })
    .await
    .expect("the command ran")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn role(user: &TestUser) -> Value {
    let profile: Value = user
        .get("/api/v1/auth/profile")
        .await
        .json()
        .await
        .expect("json");
    profile["role"].clone()
}

on_every_backend!(
    create_admin_creates_an_administrator_with_the_password_from_stdin,
    |app| {
        app.user().await;
        let output = create_admin(
            &app,
            &["--email", "Root@Example.com"],
            "an admin passphrase of mine\n",
        )
        .await;
        assert!(output.status.success(), "{output:?}");
        assert!(
            stdout(&output).contains("administrator created"),
            "{output:?}"
        );

        let admin = app
            .log_in("root@example.com", "an admin passphrase of mine")
            .await;
        assert_eq!(role(&admin).await, "admin");
    }
);

on_every_backend!(create_admin_promotes_an_existing_user, |app| {
    let _first = app.user().await;
    let second = app.user().await;
    assert_eq!(role(&second).await, "user");

    let output = create_admin(&app, &["--email", &second.email], "").await;
    assert!(output.status.success(), "{output:?}");
    assert!(
        stdout(&output).contains("promoted to administrator"),
        "{output:?}"
    );
    assert_eq!(role(&second).await, "admin");
    let again = app.log_in(&second.email, &second.password).await;
    assert_eq!(role(&again).await, "admin", "the password is unchanged");

    let output = create_admin(&app, &["--email", &second.email], "").await;
    assert!(output.status.success(), "{output:?}");
    assert!(
        stdout(&output).contains("already an administrator"),
        "{output:?}"
    );
});

#[tokio::test]
async fn a_password_cannot_be_given_on_the_command_line() {
    let app = spawn_app().await;
    let output = create_admin(
        &app,
        &[
            "--email",
            "root@example.com",
            "--password",
            "an admin passphrase of mine",
        ],
        "",
    )
    .await;
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--password"),
        "{output:?}"
    );
    assert_eq!(app.count::<Users>().await, 0);
}

#[tokio::test]
async fn create_admin_refuses_a_weak_password_and_creates_nothing() {
    let app = spawn_app().await;
    for password in ["short\n", "password123\n", ""] {
        let output = create_admin(&app, &["--email", "root@example.com"], password).await;
        assert!(!output.status.success(), "{password:?}: {output:?}");
    }
    assert_eq!(app.count::<Users>().await, 0);
}
