//! Forging access tokens: a real token's claims, altered one at a time and signed as a test says.

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::Value;

use super::TestApp;

/// `{"alg":"none","typ":"JWT"}`, base64url-encoded.
const UNSIGNED_HEADER: &str = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";

/// The claims of a token, read without checking its signature.
pub fn claims_of(token: &str) -> Value {
    jsonwebtoken::dangerous::insecure_decode::<Value>(token)
        .expect("a well-formed JWT")
        .claims
}

/// `claims` signed with `algorithm` and `key`.
pub fn signed(claims: &Value, algorithm: Algorithm, key: &[u8]) -> String {
    jsonwebtoken::encode(
        &Header::new(algorithm),
        claims,
        &EncodingKey::from_secret(key),
    )
    .expect("claims signed")
}

/// `token`'s claims under an `alg: none` header, with no signature.
pub fn unsigned(token: &str) -> String {
    let payload = token.split('.').nth(1).expect("a JWT has a payload");
    format!("{UNSIGNED_HEADER}.{payload}.")
}

impl TestApp {
    /// `claims` signed exactly as the server signs access tokens (HS256, its key).
    pub fn sign_access_token(&self, claims: &Value) -> String {
        signed(claims, Algorithm::HS256, self.jwt_secret.as_bytes())
    }
}
