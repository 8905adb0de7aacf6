//! How a question groups expenses: "by merchant", "each month", "which day", "day of the week",
//! "the two categories", "how many different merchants".

use super::{
    Bucket, Grouping,
    tokens::{Tokens, number},
};

/// Nouns for the places money goes, singular and plural.
const MERCHANT_NOUNS: &[&str] = &[
    "merchant",
    "merchants",
    "payee",
    "payees",
    "vendor",
    "vendors",
    "store",
    "stores",
    "shop",
    "shops",
    "place",
    "places",
    "retailer",
    "retailers",
    "spot",
    "spots",
    "business",
    "businesses",
];

/// Kinds of merchant that are also everyday words for a category: "by restaurant" groups by
/// merchant and leaves "restaurant" to the name reader, which takes it for Dining.
const MERCHANT_KINDS: &[&str] = &["restaurant", "restaurants", "cafe", "cafes", "supermarket"];

const CATEGORY_NOUNS: &[&str] = &["category", "categories"];

/// What a group noun groups by, with time units as calendar buckets.
fn noun(word: &str) -> Option<Grouping> {
    if MERCHANT_NOUNS.contains(&word) {
        return Some(Grouping::Merchant);
    }
    if CATEGORY_NOUNS.contains(&word) {
        return Some(Grouping::Category);
    }
    match word.trim_end_matches('s') {
        "day" => Some(Grouping::Time(Bucket::Day)),
        "week" => Some(Grouping::Time(Bucket::Week)),
        "month" => Some(Grouping::Time(Bucket::Month)),
        "currencie" | "currency" => Some(Grouping::Currency),
        _ => None,
    }
}

/// "by restaurant", "for each store", "which cafes": an explicit grouping, read before the name
/// reader can take "restaurant" for the grouping's category alone.
pub fn read_explicit(tokens: &mut Tokens) -> Option<Grouping> {
    let openers = [
        "by", "per", "each", "every", "for each", "across", "which", "what",
    ];
    for at in 0..tokens.len() {
        let Some(opener) = openers.iter().find(|opener| tokens.phrase_at(at, opener)) else {
            continue;
        };
        let after = at + opener.split(' ').count();
        let word = tokens.word(after);
        let (grouping, words) = match noun(word) {
            _ if !tokens.is_free(after) => continue,
            _ if MERCHANT_KINDS.contains(&word) => (Grouping::Merchant, after - at),
            Some(grouping @ (Grouping::Merchant | Grouping::Category))
                if !matches!(*opener, "which" | "what") =>
            {
                (grouping, after - at + 1)
            }
            _ => continue,
        };
        tokens.take(at, words);
        return Some(grouping);
    }
    None
}

/// "two categories", "3 stores", "which five days", "3 most visited shops": how many groups to
/// rank, and of what (the noun is the next word not already understood).
pub fn read_count(tokens: &mut Tokens) -> Option<(u32, Grouping)> {
    (0..tokens.len()).find_map(|at| {
        let count = number(tokens.word(at)).filter(|n| *n > 1.0 && n.fract() == 0.0)?;
        let next = (at + 1..tokens.len()).find(|&index| tokens.is_free(index))?;
        let grouping = noun(tokens.word(next)).filter(|_| tokens.word(next).ends_with('s'))?;
        // "the 30 days before" is a stretch of time; "which three days" ranks days.
        let asks = at
            .checked_sub(1)
            .is_some_and(|before| matches!(tokens.word(before), "which" | "what" | "top"));
        if !tokens.is_free(at) || (matches!(grouping, Grouping::Time(_)) && !asks) {
            return None;
        }
        tokens.take(at, 1);
        tokens.take(next, 1);
        Some((count as u32, grouping))
    })
}

/// "how many different merchants", "on how many days": what is counted instead of expenses.
pub fn read_distinct(tokens: &mut Tokens) -> Option<Grouping> {
    let openers = ["how many", "number of", "count of", "count the"];
    (0..tokens.len()).find_map(|at| {
        let opener = openers.iter().find(|opener| tokens.phrase_at(at, opener))?;
        let mut next = at + opener.split(' ').count();
        if matches!(
            tokens.word(next),
            "different" | "distinct" | "unique" | "separate"
        ) {
            next += 1;
        }
        let grouping = noun(tokens.word(next)).filter(|_| tokens.is_free(next))?;
        tokens.take(at, next - at + 1);
        Some(grouping)
    })
}

/// "per day", "weekly", "month by month": a calendar bucket.
pub fn bucket_words(tokens: &mut Tokens) -> Option<Bucket> {
    let buckets = [
        (Bucket::Day, "day", "daily"),
        (Bucket::Week, "week", "weekly"),
        (Bucket::Month, "month", "monthly"),
    ];
    buckets.into_iter().find_map(|(bucket, unit, adverb)| {
        let phrases = [
            format!("per {unit}"),
            format!("a {unit}"),
            adverb.to_string(),
            format!("by {unit}"),
            format!("each {unit}"),
            format!("every {unit}"),
            format!("{unit} by {unit}"),
        ];
        let phrases: Vec<&str> = phrases.iter().map(String::as_str).collect();
        tokens.take_any(&phrases).then_some(bucket)
    })
}

/// A group named by a noun or a question word: "which category", "who", "what day", "by
/// currency", "weekly", "over time" (days, or months across more than two months).
pub fn read_grouping(tokens: &mut Tokens, long_period: bool) -> Option<Grouping> {
    if tokens.take_any(&[
        "day of the week",
        "days of the week",
        "day of week",
        "weekday",
    ]) {
        return Some(Grouping::Weekday);
    }
    if tokens.take_any(CATEGORY_NOUNS) {
        return Some(Grouping::Category);
    }
    // "did I place an order": the verb.
    tokens.take_any(&["i place", "we place", "i placed", "we placed"]);
    if tokens.take_any(MERCHANT_NOUNS) || tokens.take_any(&["who"]) {
        return Some(Grouping::Merchant);
    }
    if tokens.take_any(&["which day", "what day", "which date", "what date"]) {
        return Some(Grouping::Time(Bucket::Day));
    }
    if tokens.take_any(&["currency", "currencies"]) {
        return Some(Grouping::Currency);
    }
    if let Some(bucket) = bucket_words(tokens) {
        return Some(Grouping::Time(bucket));
    }
    if tokens.take_any(&["over time", "trend", "trends", "history"]) {
        return Some(Grouping::Time(if long_period {
            Bucket::Month
        } else {
            Bucket::Day
        }));
    }
    None
}

#[cfg(test)]
#[path = "groups_tests.rs"]
mod tests;
