//! `app.user()`: a registered, signed-in user with a client of its own, for any test that needs
//! someone to act as.

use reqwest::{Method, RequestBuilder, Response};
use serde_json::{Value, json};

use super::{TestApp, cookie_client, tokens::claims_of};

/// Passes the password rules (long, not on the common-password list).
const PASSWORD: &str = "correct horse battery staple 42";

/// A signed-in user. Its client keeps the session cookies too, like a browser; the helpers send
/// the access token as `Authorization: Bearer`.
pub struct TestUser {
    pub id: i64,
    pub email: String,
    pub password: String,
    pub access_token: String,
    pub refresh_token: String,
    pub client: reqwest::Client,
    base_url: String,
}

impl TestApp {
    /// Registers a user with a unique email and signs it in over the REST API.
    pub async fn user(&self) -> TestUser {
        let email = format!("user-{}@example.com", uuid::Uuid::new_v4().simple());
        let registered = self
            .post_json(
                "/api/v1/auth/register",
                &json!({ "email": email, "password": PASSWORD, "display_name": "Test User" }),
            )
            .await;
        assert_eq!(registered.status(), 201, "registration failed");
        self.log_in(&email, PASSWORD).await
    }

    /// Starts a new session for existing credentials, as a new device (a client of its own).
    pub async fn log_in(&self, email: &str, password: &str) -> TestUser {
        let client = cookie_client();
        let response = client
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({ "email": email, "password": password }))
            .send()
            .await
            .expect("request sent");
        let status = response.status();
        let body: Value = response.json().await.unwrap_or_default();
        assert_eq!(status, 200, "login failed: {body}");
        TestUser {
            id: body["user"]["id"].as_i64().expect("user id"),
            email: email.to_string(),
            password: password.to_string(),
            access_token: token(&body, "access_token"),
            refresh_token: token(&body, "refresh_token"),
            client,
            base_url: self.url(""),
        }
    }
}

fn token(body: &Value, name: &str) -> String {
    body[name]
        .as_str()
        .unwrap_or_else(|| panic!("{name} in {body}"))
        .to_string()
}

impl TestUser {
    /// The id of the session this user's tokens belong to.
    pub fn session_id(&self) -> i64 {
        claims_of(&self.access_token)["sid"]
            .as_i64()
            .expect("sid claim")
    }

    /// A request to an absolute URL with this user's access token.
    pub fn request(&self, method: Method, url: &str) -> RequestBuilder {
        self.client
            .request(method, url)
            .bearer_auth(&self.access_token)
    }

    fn to(&self, method: Method, path: &str) -> RequestBuilder {
        self.request(method, &format!("{}{path}", self.base_url))
    }

    pub async fn get(&self, path: &str) -> Response {
        send(self.to(Method::GET, path)).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        send(self.to(Method::POST, path).json(body)).await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Response {
        send(self.to(Method::PATCH, path).json(body)).await
    }

    pub async fn delete(&self, path: &str) -> Response {
        send(self.to(Method::DELETE, path)).await
    }

    /// A file upload as the import page sends it: the CSV text as a `text/csv` body.
    pub async fn post_csv(&self, path: &str, csv: &str) -> Response {
        let request = self
            .to(Method::POST, path)
            .header("content-type", "text/csv");
        send(request.body(csv.to_string())).await
    }

    /// A `multipart/form-data` POST, as a browser sends a file input.
    pub async fn post_multipart(&self, path: &str, form: reqwest::multipart::Form) -> Response {
        send(self.to(Method::POST, path).multipart(form)).await
    }

    /// A POST of `body` as it is, with the given `Content-Type` (for hand-made multipart bodies).
    pub async fn post_bytes(&self, path: &str, content_type: &str, body: Vec<u8>) -> Response {
        let request = self
            .to(Method::POST, path)
            .header("content-type", content_type);
        send(request.body(body)).await
    }
}

async fn send(request: RequestBuilder) -> Response {
    request.send().await.expect("request sent")
}
