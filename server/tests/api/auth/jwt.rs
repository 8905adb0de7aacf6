//! The access token's negative suite (RFC 8725): every altered token is refused with a 401.

use jsonwebtoken::Algorithm;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, claims_of, signed, spawn_app, unsigned};

async fn profile_status(app: &TestApp, access_token: &str) -> u16 {
    app.client
        .get(app.url("/api/v1/auth/profile"))
        .bearer_auth(access_token)
        .send()
        .await
        .expect("sent")
        .status()
        .as_u16()
}

/// The user's real claims with `change` applied, signed with the server's key.
fn altered(app: &TestApp, user: &TestUser, change: impl FnOnce(&mut Value)) -> String {
    let mut claims = claims_of(&user.access_token);
    change(&mut claims);
    app.sign_access_token(&claims)
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[tokio::test]
async fn a_token_signed_like_the_server_signs_is_accepted() {
    let app = spawn_app().await;
    let user = app.user().await;
    let claims = claims_of(&user.access_token);
    for name in [
        "sub", "role", "sid", "iat", "exp", "iss", "aud", "typ", "jti",
    ] {
        assert!(!claims[name].is_null(), "{name} missing from {claims}");
    }
    assert_eq!(claims["iss"], "spendwise");
    assert_eq!(claims["aud"], "spendwise");
    assert_eq!(claims["typ"], "access");
    assert_eq!(claims["sub"], user.id.to_string());
    assert_eq!(
        claims["exp"]
            .as_i64()
            .zip(claims["iat"].as_i64())
            .map(|(exp, iat)| exp - iat),
        Some(900)
    );
    // The control for everything below: re-signing unchanged claims works.
    assert_eq!(
        profile_status(&app, &altered(&app, &user, |_| {})).await,
        200
    );
}

#[tokio::test]
async fn a_token_without_a_signature_is_refused() {
    let app = spawn_app().await;
    let user = app.user().await;
    assert_eq!(
        profile_status(&app, &unsigned(&user.access_token)).await,
        401
    );
}

#[tokio::test]
async fn a_token_signed_with_another_key_or_algorithm_is_refused() {
    let app = spawn_app().await;
    let user = app.user().await;
    let claims = claims_of(&user.access_token);
    let wrong_key = signed(
        &claims,
        Algorithm::HS256,
        "another key of at least thirty-two bytes".as_bytes(),
    );
    assert_eq!(profile_status(&app, &wrong_key).await, 401);
    for algorithm in [Algorithm::HS384, Algorithm::HS512] {
        let token = signed(&claims, algorithm, app.jwt_secret.as_bytes());
        assert_eq!(profile_status(&app, &token).await, 401, "{algorithm:?}");
    }
}

#[tokio::test]
async fn a_token_for_another_audience_issuer_or_type_is_refused() {
    let app = spawn_app().await;
    let user = app.user().await;
    for (claim, value) in [
        ("aud", json!("another-service")),
        ("iss", json!("someone-else")),
        ("typ", json!("refresh")),
    ] {
        let token = altered(&app, &user, |claims| claims[claim] = value.clone());
        assert_eq!(profile_status(&app, &token).await, 401, "{claim} = {value}");
    }
    for claim in ["aud", "iss", "typ", "exp", "sub", "sid"] {
        let token = altered(&app, &user, |claims| {
            claims.as_object_mut().expect("claims object").remove(claim);
        });
        assert_eq!(profile_status(&app, &token).await, 401, "without {claim}");
    }
}

#[tokio::test]
async fn a_refresh_token_is_not_an_access_token() {
    let app = spawn_app().await;
    let user = app.user().await;
    assert_eq!(profile_status(&app, &user.refresh_token).await, 401);
}

#[tokio::test]
async fn a_token_expired_six_seconds_ago_is_refused_and_three_seconds_is_within_leeway() {
    let app = spawn_app().await;
    let user = app.user().await;
    let expired = |seconds_ago: i64| {
        altered(&app, &user, |claims| {
            claims["iat"] = json!(now() - 900 - seconds_ago);
            claims["exp"] = json!(now() - seconds_ago);
        })
    };
    assert_eq!(profile_status(&app, &expired(6)).await, 401);
    assert_eq!(profile_status(&app, &expired(3)).await, 200);
}

#[tokio::test]
async fn a_token_naming_another_users_session_is_refused() {
    let app = spawn_app().await;
    let ann = app.user().await;
    let bob = app.user().await;
    let token = altered(&app, &ann, |claims| claims["sid"] = json!(bob.session_id()));
    assert_eq!(profile_status(&app, &token).await, 401);
    let token = altered(&app, &ann, |claims| {
        claims["sub"] = json!(bob.id.to_string())
    });
    assert_eq!(profile_status(&app, &token).await, 401);
}
