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
}

impl AmountRange {
    /// "over 50.00 USD", "under 10.00 USD", "between 5.00 and 15.00 USD".
    pub fn describe(&self) -> String {
        let money = |minor: i64| format_money(minor, &self.currency);
        match (self.min_minor, self.max_minor) {
            (Some(min), Some(max)) => {
                let (min, max) = (money(min), money(max));
                let min = min.trim_end_matches(&self.currency).trim_end();
                format!("between {min} and {max}")
            }
            (Some(min), None) => format!("of at least {}", money(min)),
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
    if !tokens.is_free(start) {
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

const AT_LEAST: &[&str] = &[
    "more than",
    "greater than",
    "bigger than",
    "larger than",
    "higher than",
    "at least",
    "over",
    "above",
    "exceeding",
    "in excess of",
    "minimum",
    "min",
    ">",
];
const AT_MOST: &[&str] = &[
    "less than",
    "smaller than",
    "lower than",
    "cheaper than",
    "no more than",
    "at most",
    "up to",
    "under",
    "below",
    "maximum",
    "max",
    "<",
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
            });
        }
        for (phrases, lower) in [(AT_LEAST, true), (AT_MOST, false)] {
            let Some(phrase) = phrases.iter().find(|phrase| tokens.phrase_at(at, phrase)) else {
                continue;
            };
            let length = phrase.split(' ').count();
            let Some(money) = money_at(tokens, at + length, base) else {
                continue;
            };
            let currency = money.currency.unwrap_or_else(|| base.to_string());
            let bound = Some(minor(money.value, &currency));
            tokens.take(at, length + money.words);
            let (min_minor, max_minor) = if lower { (bound, None) } else { (None, bound) };
            return Some(AmountRange {
                min_minor,
                max_minor,
                currency,
            });
        }
    }
    None
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
mod tests {
    use super::*;

    fn amount(question: &str) -> Option<(Option<i64>, Option<i64>, String)> {
        let mut tokens = Tokens::new(question);
        read(&mut tokens, "USD").map(|range| (range.min_minor, range.max_minor, range.currency))
    }

    #[test]
    fn money_is_formatted_with_the_currency_exponent() {
        assert_eq!(format_money(123_450, "USD"), "1,234.50 USD");
        assert_eq!(format_money(5, "EUR"), "0.05 EUR");
        assert_eq!(format_money(1_234_567, "JPY"), "1,234,567 JPY");
        assert_eq!(format_money(1_500, "KWD"), "1.500 KWD");
        assert_eq!(format_money(-250, "GBP"), "-2.50 GBP");
    }

    #[test]
    fn bounds_with_signs_words_and_codes() {
        assert_eq!(amount("over $50"), Some((Some(5000), None, "USD".into())));
        assert_eq!(
            amount("more than 20 euros"),
            Some((Some(2000), None, "EUR".into()))
        );
        assert_eq!(amount("under 10"), Some((None, Some(1000), "USD".into())));
        assert_eq!(
            amount("between 5 and 15"),
            Some((Some(500), Some(1500), "USD".into()))
        );
        assert_eq!(
            amount("at least 1k yen"),
            Some((Some(1000), None, "JPY".into()))
        );
        assert_eq!(
            amount("less than £9.99"),
            Some((None, Some(999), "GBP".into()))
        );
    }

    #[test]
    fn comparisons_without_money_and_years_are_left_alone() {
        assert_eq!(amount("more than last month"), None);
        assert_eq!(amount("between 2024 and 2025"), None);
        assert_eq!(amount("top 5 merchants"), None);
    }

    #[test]
    fn ranges_describe_themselves() {
        let range = AmountRange {
            min_minor: Some(500),
            max_minor: Some(1500),
            currency: "USD".into(),
        };
        assert_eq!(range.describe(), "between 5.00 and 15.00 USD");
    }
}
