//! A query's fingerprint: its SQL with literals replaced by `?` and spacing and case of keywords
//! normalised, hashed. "Spent on Dining in March" and "in April" then count as the same query in
//! the top-queries analytics.

use sha2::{Digest, Sha256};
use sqlparser::{
    dialect::SQLiteDialect,
    tokenizer::{Token, Tokenizer},
};

/// The normalised text of `sql`; unparseable SQL is normalised by whitespace and case only.
pub fn normalise(sql: &str) -> String {
    let Ok(tokens) = Tokenizer::new(&SQLiteDialect {}, sql).tokenize() else {
        return sql
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
    };
    let mut text = String::with_capacity(sql.len());
    for token in tokens {
        match token {
            Token::Whitespace(_) => {
                if !text.ends_with(' ') && !text.is_empty() {
                    text.push(' ');
                }
            }
            Token::Number(..)
            | Token::SingleQuotedString(_)
            | Token::DoubleQuotedString(_)
            | Token::NationalStringLiteral(_)
            | Token::HexStringLiteral(_) => text.push('?'),
            Token::Word(word) if word.quote_style.is_none() => {
                text.push_str(&word.value.to_lowercase());
            }
            other => text.push_str(&other.to_string()),
        }
    }
    text.trim_end().to_string()
}

/// 64 hex digits: what `query_log.fingerprint` holds.
pub fn fingerprint(sql: &str) -> String {
    hex::encode(Sha256::digest(normalise(sql).as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_spacing_and_keyword_case_do_not_matter() {
        assert_eq!(
            normalise(
                "SELECT sum(amount_minor)  FROM expenses WHERE spent_on >= '2026-03-01' LIMIT 100"
            ),
            "select sum(amount_minor) from expenses where spent_on >= ? limit ?"
        );
        assert_eq!(
            fingerprint(
                "select SUM(amount_minor) from expenses where spent_on >= '2026-04-01' limit 5"
            ),
            fingerprint(
                "SELECT sum(amount_minor) FROM expenses\nWHERE spent_on >= '2025-01-01' LIMIT 100"
            )
        );
        assert_ne!(
            fingerprint("SELECT count(*) FROM expenses"),
            fingerprint("SELECT count(*) FROM categories")
        );
        assert_eq!(fingerprint("x").len(), 64);
    }
}
