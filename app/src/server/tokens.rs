//! Access tokens (JWT, HS256 pinned) and opaque refresh tokens (RFC 8725, RFC 9700 §4.14.2).

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::settings::AuthSettings;
use crate::{AppError, auth::Role};

const ACCESS_TYPE: &str = "access";

#[derive(Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    pub sub: String,
    pub role: Role,
    pub sid: i64,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
    pub typ: String,
    pub jti: String,
}

impl AccessClaims {
    pub fn user_id(&self) -> Option<i64> {
        self.sub.parse().ok()
    }
}

pub fn issue_access(
    settings: &AuthSettings,
    user_id: i64,
    role: Role,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let claims = AccessClaims {
        sub: user_id.to_string(),
        role,
        sid: session_id,
        iat: now.timestamp(),
        exp: now.timestamp() + settings.access_ttl.as_secs() as i64,
        iss: AuthSettings::ISSUER.into(),
        aud: AuthSettings::AUDIENCE.into(),
        typ: ACCESS_TYPE.into(),
        jti: uuid::Uuid::new_v4().to_string(),
    };
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(&settings.signing_key),
    )
    .map_err(|error| {
        tracing::error!(%error, "could not sign an access token");
        AppError::Internal
    })
}

/// Checks signature, algorithm, expiry (5 s leeway), issuer, audience and type.
pub fn verify_access(settings: &AuthSettings, token: &str) -> Result<AccessClaims, AppError> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 5;
    validation.set_issuer(&[AuthSettings::ISSUER]);
    validation.set_audience(&[AuthSettings::AUDIENCE]);
    validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
    let claims = jsonwebtoken::decode::<AccessClaims>(
        token,
        &DecodingKey::from_secret(&settings.signing_key),
        &validation,
    )
    .map_err(|_| invalid_session())?
    .claims;
    if claims.typ != ACCESS_TYPE {
        return Err(invalid_session());
    }
    Ok(claims)
}

pub fn invalid_session() -> AppError {
    AppError::unauthorized("Your session has ended. Please sign in again.")
}

/// `<family>.<secret>`: the family names the login (so any reuse can be traced to it), the
/// 256-bit secret is what proves possession; only its SHA-256 is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshToken {
    pub family: String,
    secret: String,
}

impl RefreshToken {
    pub fn generate(family: String) -> Self {
        let secret: [u8; 32] = rand::random();
        Self {
            family,
            secret: hex::encode(secret),
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        let (family, secret) = value.split_once('.')?;
        let well_formed = uuid::Uuid::parse_str(family).is_ok()
            && secret.len() == 64
            && secret.bytes().all(|byte| byte.is_ascii_hexdigit());
        well_formed.then(|| Self {
            family: family.to_string(),
            secret: secret.to_ascii_lowercase(),
        })
    }

    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.secret.as_bytes()))
    }
}

impl std::fmt::Display for RefreshToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.family, self.secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::clock;

    fn settings() -> AuthSettings {
        AuthSettings::new(b"0123456789abcdef0123456789abcdef".to_vec())
    }

    #[test]
    fn an_issued_access_token_verifies_with_its_claims() {
        let token = issue_access(&settings(), 7, Role::Admin, 42, clock::now()).expect("signs");
        let claims = verify_access(&settings(), &token).expect("verifies");
        assert_eq!(
            (claims.user_id(), claims.sid, claims.role),
            (Some(7), 42, Role::Admin)
        );
    }

    #[test]
    fn a_token_signed_with_another_key_is_refused() {
        let token = issue_access(&settings(), 7, Role::User, 1, clock::now()).expect("signs");
        let other = AuthSettings::new(b"another key of thirty-two bytes!".to_vec());
        assert!(verify_access(&other, &token).is_err());
    }

    #[test]
    fn refresh_tokens_round_trip_and_hash_stably() {
        let token = RefreshToken::generate(uuid::Uuid::new_v4().to_string());
        let parsed = RefreshToken::parse(&token.to_string()).expect("parses");
        assert_eq!(parsed, token);
        assert_eq!(parsed.hash(), token.hash());
        assert_eq!(token.hash().len(), 64);
        assert!(RefreshToken::parse("no-dot").is_none());
        assert!(RefreshToken::parse(&format!("{}.short", token.family)).is_none());
    }
}
