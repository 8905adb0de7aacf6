//! The account rules, shared by the browser forms and the server so both refuse the same input
//! with the same message (SECURITY.md, "Accounts and passwords").

use std::{collections::HashSet, sync::LazyLock};

use crate::AppError;

pub const EMAIL_MAX: usize = 254;
pub const DISPLAY_NAME_MAX: usize = 100;
pub const PASSWORD_MIN: usize = 8;
/// Long passphrases are welcome; the cap only bounds hashing work.
pub const PASSWORD_MAX: usize = 1024;

/// The most common passwords of eight characters or more, from the zxcvbn frequency list (MIT).
static COMMON_PASSWORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common-passwords.txt").lines().collect());

/// Trimmed and lowercased, so `Ann@Example.com ` and `ann@example.com` are one account.
pub fn email(value: &str) -> Result<String, AppError> {
    let email = value.trim().to_lowercase();
    if email.is_empty() {
        return Err(AppError::validation("email", "Enter your email address."));
    }
    if email.chars().count() > EMAIL_MAX {
        return Err(AppError::validation(
            "email",
            format!("An email address has at most {EMAIL_MAX} characters."),
        ));
    }
    let well_formed = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    }) && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if !well_formed {
        return Err(AppError::validation(
            "email",
            "Enter an email address like name@example.com.",
        ));
    }
    Ok(email)
}

pub fn display_name(value: &str) -> Result<String, AppError> {
    let name = value.trim();
    if name.is_empty() {
        return Err(AppError::validation("display_name", "Enter your name."));
    }
    if name.chars().count() > DISPLAY_NAME_MAX {
        return Err(AppError::validation(
            "display_name",
            format!("A name has at most {DISPLAY_NAME_MAX} characters."),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::validation(
            "display_name",
            "A name cannot contain control characters.",
        ));
    }
    Ok(name.to_string())
}

/// Length and the common-password list only: no composition rules (NIST 800-63B, ASVS 6.2).
/// The password is used exactly as typed: never trimmed or truncated.
pub fn new_password(field: &str, value: &str) -> Result<(), AppError> {
    let length = value.chars().count();
    if length < PASSWORD_MIN {
        return Err(AppError::validation(
            field,
            format!("Use at least {PASSWORD_MIN} characters (15 or more is better)."),
        ));
    }
    if length > PASSWORD_MAX {
        return Err(AppError::validation(
            field,
            format!("A password has at most {PASSWORD_MAX} characters."),
        ));
    }
    if COMMON_PASSWORDS.contains(value.to_lowercase().as_str()) {
        return Err(AppError::validation(
            field,
            "This password is one of the most common ones. Choose something less guessable.",
        ));
    }
    Ok(())
}

/// An ISO 4217 code we know how to format.
pub fn currency(value: &str) -> Result<String, AppError> {
    let code = value.trim().to_uppercase();
    if crate::money::Currency::find(&code).is_none() {
        return Err(AppError::validation(
            "base_currency",
            "Choose a currency from the list (an ISO 4217 code like EUR).",
        ));
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(error: AppError) -> String {
        error.to_string()
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            email("  Ann@Example.COM ").expect("valid"),
            "ann@example.com"
        );
        for bad in [
            "",
            "ann",
            "ann@",
            "@example.com",
            "ann@example",
            "a b@example.com",
            "a@b@c.com",
        ] {
            assert!(email(bad).is_err(), "{bad:?} accepted");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert!(message(email(&long).expect_err("too long")).contains("254"));
    }

    #[test]
    fn passwords_need_length_and_must_not_be_common() {
        assert!(new_password("password", "short").is_err());
        assert!(
            new_password("password", "Password1").is_err(),
            "common, any case"
        );
        assert!(new_password("password", "correct horse battery staple").is_ok());
        assert!(new_password("password", &"x".repeat(1025)).is_err());
        assert!(
            new_password("password", &"ü".repeat(1024)).is_ok(),
            "counted in characters"
        );
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(display_name("  Ann  ").expect("valid"), "Ann");
        assert!(display_name("   ").is_err());
        assert!(display_name(&"n".repeat(101)).is_err());
        assert!(display_name("a\u{0}b").is_err());
    }

    #[test]
    fn currencies_must_be_known_codes() {
        assert_eq!(currency("eur").expect("valid"), "EUR");
        assert!(currency("XXX1").is_err());
        assert!(currency("ABC").is_err());
    }
}
