//! Amounts in questions ("over $50", "more than 20 euros", "between 5 and 15") and money in
//! answers. Amounts become integer minor units of one currency, so the SQL compares integers.

use serde::{Deserialize, Serialize};

use super::tokens::{Tokens, number};

/// Expenses whose amount lies within the bounds (inclusive), in `currency`'s minor units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountRange {
    pub min_minor: Option<i64>,
    pub max_minor: Option<i64>,
    pub currency: String,
    /// "over 50": the bound itself is left out (`>` rather than `>=`).
    #[serde(default)]
    pub min_exclusive: bool,
    /// "under 10": `<` rather than `<=`.
    #[serde(default)]
    pub max_exclusive: bool,
}

impl AmountRange {
    /// "over 50.00 USD", "of at most 10.00 USD", "between 5.00 and 15.00 USD".
    pub fn describe(&self) -> String {
        let money = |minor: i64| format_money(minor, &self.currency);
        match (self.min_minor, self.max_minor) {
            (Some(min), Some(max)) if min == max => format!("of {}", money(min)),
            (Some(min), Some(max)) => {
                let (min, max) = (money(min), money(max));
                let min = min.trim_end_matches(&self.currency).trim_end();
                format!("between {min} and {max}")
            }
            (Some(min), None) if self.min_exclusive => format!("over {}", money(min)),
            (Some(min), None) => format!("of at least {}", money(min)),
            (None, Some(max)) if self.max_exclusive => format!("under {}", money(max)),
            (None, Some(max)) => format!("of at most {}", money(max)),
            (None, None) => String::new(),
        }
    }
}

/// Digits after the decimal point in `code`'s minor unit (ISO 4217).
pub fn exponent(code: &str) -> u32 {
    match code {
        "JPY" | "KRW" | "CLP" | "ISK" | "VND" => 0,
        "BHD" | "KWD" | "JOD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// Minor units as "1,234.50 USD".
pub fn format_money(minor: i64, code: &str) -> String {
    let scale = 10_i64.pow(exponent(code));
    let (major, fraction) = (minor.abs() / scale, minor.abs() % scale);
    let digits = major.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if minor < 0 { "-" } else { "" };
    match exponent(code) {
        0 => format!("{sign}{grouped} {code}"),
        places => format!(
            "{sign}{grouped}.{fraction:0width$} {code}",
            width = places as usize
        ),
    }
}

const DOLLARS: &[&str] = &["USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"];
const CODES: &[&str] = &[
    "usd", "eur", "gbp", "jpy", "chf", "cad", "aud", "nzd", "inr", "cny", "krw", "sek", "nok",
    "dkk", "pln", "czk", "huf", "brl", "mxn", "hkd", "sgd", "zar", "bhd", "kwd", "jod", "omr",
    "tnd",
];

/// The currency a sign or word names; a bare "$" is the user's own dollar when they use one.
fn currency_word(word: &str, base: &str) -> Option<String> {
    let code = match word {
        "$" | "dollar" | "dollars" | "buck" | "bucks" => {
            return Some(if DOLLARS.contains(&base) { base } else { "USD" }.to_string());
        }
        "€" | "euro" | "euros" => "EUR",
        "£" | "pound" | "pounds" | "quid" => "GBP",
        "¥" | "yen" => "JPY",
        "₹" | "rupee" | "rupees" => "INR",
        "franc" | "francs" => "CHF",
        "won" => "KRW",
        code if CODES.contains(&code) => return Some(code.to_uppercase()),
        _ => return None,
    };
    Some(code.to_string())
}

/// A sum of money at `at`: an optional sign, a number (or "10k"), an optional currency word.
struct Money {
    value: f64,
    currency: Option<String>,
    words: usize,
}

fn money_at(tokens: &Tokens, at: usize, base: &str) -> Option<Money> {
    let free = |offset: usize| tokens.is_free(at + offset);
    let sign = currency_word(tokens.word(at), base).filter(|_| free(0));
    let start = at + usize::from(sign.is_some());
    let word = tokens.word(start);
    let value = match word.strip_suffix('k').and_then(number) {
        Some(thousands) => thousands * 1000.0,
        None => number(word).filter(|_| !matches!(word, "a" | "an"))?,
    };
    // "over 6 months" is a stretch of time, not six dollars.
    let unit = tokens.word(start + 1).trim_end_matches('s');
    if !tokens.is_free(start) || matches!(unit, "day" | "week" | "month" | "year" | "yr") {
        return None;
    }
    let after = currency_word(tokens.word(start + 1), base).filter(|_| tokens.is_free(start + 1));
    let words = start - at + 1 + usize::from(after.is_some());
    Some(Money {
        value,
        currency: sign.or(after),
        words,
    })
}

fn minor(value: f64, currency: &str) -> i64 {
    (value * 10_f64.powi(exponent(currency) as i32)).round() as i64
}

/// Words that bound an amount: (phrase, a lower bound, the bound itself excluded).
const BOUNDS: &[(&str, bool, bool)] = &[
    ("no more than", false, false),
    ("no less than", true, false),
    ("more than", true, true),
    ("greater than", true, true),
    ("bigger than", true, true),
    ("larger than", true, true),
    ("higher than", true, true),
    ("at least", true, false),
    ("over", true, true),
    ("above", true, true),
    ("exceeding", true, true),
    ("in excess of", true, true),
    ("minimum", true, false),
    ("min", true, false),
    (">", true, true),
    ("less than", false, true),
    ("smaller than", false, true),
    ("lower than", false, true),
    ("cheaper than", false, true),
    ("at most", false, false),
    ("up to", false, false),
    ("under", false, true),
    ("below", false, true),
    ("maximum", false, false),
    ("max", false, false),
    ("<", false, true),
];

/// The amount condition in the question, claimed. Years are left for the time reader, so
/// "between 2024 and 2025" is not mistaken for money.
pub fn read(tokens: &mut Tokens, base: &str) -> Option<AmountRange> {
    for at in 0..tokens.len() {
        if !tokens.is_free(at) {
            continue;
        }
        if matches!(tokens.word(at), "between" | "from")
            && let Some(low) = money_at(tokens, at + 1, base)
            && matches!(tokens.word(at + 1 + low.words), "and" | "to")
            && let Some(high) = money_at(tokens, at + 2 + low.words, base)
        {
            let looks_like_years = [&low, &high].iter().all(|money| {
                money.currency.is_none() && money.value >= 1900.0 && money.value <= 2100.0
            });
            if looks_like_years {
                continue;
            }
            let currency = low
                .currency
                .or(high.currency)
                .unwrap_or_else(|| base.to_string());
            tokens.take(at, 2 + low.words + high.words);
            return Some(AmountRange {
                min_minor: Some(minor(low.value.min(high.value), &currency)),
                max_minor: Some(minor(low.value.max(high.value), &currency)),
                currency,
                min_exclusive: false,
                max_exclusive: false,
            });
        }
        let Some((phrase, lower, exclusive)) = BOUNDS
            .iter()
            .find(|(phrase, ..)| tokens.phrase_at(at, phrase))
        else {
            continue;
        };
        let length = phrase.split(' ').count();
        let Some(money) = money_at(tokens, at + length, base) else {
            continue;
        };
        let currency = money.currency.unwrap_or_else(|| base.to_string());
        let bound = Some(minor(money.value, &currency));
        tokens.take(at, length + money.words);
        return Some(AmountRange {
            min_minor: bound.filter(|_| *lower),
            max_minor: bound.filter(|_| !*lower),
            min_exclusive: *lower && *exclusive,
            max_exclusive: !*lower && *exclusive,
            currency,
        });
    }
    exact(tokens, base)
}

/// A sum with its currency and no bound ("the $1,925 payment", "50 euro expenses"): that amount.
fn exact(tokens: &mut Tokens, base: &str) -> Option<AmountRange> {
    let (at, money) = (0..tokens.len()).find_map(|at| {
        let money = money_at(tokens, at, base).filter(|money| money.currency.is_some())?;
        Some((at, money))
    })?;
    let currency = money.currency.unwrap_or_else(|| base.to_string());
    let amount = Some(minor(money.value, &currency));
    tokens.take(at, money.words);
    Some(AmountRange {
        min_minor: amount,
        max_minor: amount,
        currency,
        min_exclusive: false,
        max_exclusive: false,
    })
}

/// A currency named on its own ("in euros", "my EUR expenses"), claimed.
pub fn read_currency(tokens: &mut Tokens, base: &str) -> Option<String> {
    let (at, currency) = tokens
        .free()
        .find_map(|(at, word)| currency_word(word, base).map(|currency| (at, currency)))?;
    tokens.take(at, 1);
    Some(currency)
}

#[cfg(test)]
#[path = "amounts_tests.rs"]
mod tests;
