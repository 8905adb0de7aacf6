//! Misspelt keywords put right before anything reads them: time words ("septmber", "dyas") and
//! the words that say what to compute ("merchnats", "averge"). Names are not corrected here (the
//! name reader tolerates typos itself), and a word closer to one of the user's names is left to it.

use super::{names::edit_distance, tokens::Tokens, words::is_filler};

/// The words misspellings are corrected to.
const KEYWORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "days",
    "month",
    "months",
    "week",
    "weeks",
    "quarter",
    "year",
    "years",
    "today",
    "yesterday",
    "weekend",
    "weekends",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "average",
    "merchant",
    "merchants",
    "category",
    "categories",
    "expense",
    "expenses",
    "transactions",
    "purchases",
    "budget",
    "budgets",
    "receipt",
    "receipts",
    "tagged",
    "different",
    "biggest",
    "largest",
    "smallest",
    "cheapest",
    "breakdown",
];

/// Corrects free words one or two typos away from a keyword, unless the word is closer to one of
/// the user's names (`name_distance`).
pub fn correct(tokens: &mut Tokens, name_distance: impl Fn(&str) -> usize) {
    let typos: Vec<(usize, &str)> = tokens
        .free()
        .filter(|(_, word)| {
            word.len() >= 4 && word.chars().all(char::is_alphabetic) && !is_filler(word)
        })
        .filter_map(|(at, word)| {
            let allowed = if word.len() >= 8 { 2 } else { 1 };
            let (distance, best) = KEYWORDS
                .iter()
                .map(|keyword| (edit_distance(word, keyword), *keyword))
                .min()?;
            (distance > 0 && distance <= allowed && distance < name_distance(word))
                .then_some((at, best))
        })
        .collect();
    for (at, word) in typos {
        tokens.correct(at, word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corrected(question: &str, name_distance: usize) -> String {
        let mut tokens = Tokens::new(question);
        correct(&mut tokens, |_| name_distance);
        (0..tokens.len())
            .map(|at| tokens.word(at).to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn misspelt_keywords_are_corrected_unless_closer_to_a_name() {
        assert_eq!(corrected("last mnth", 9), "last month");
        assert_eq!(corrected("in septmber", 9), "in september");
        assert_eq!(corrected("in septmber", 1), "in septmber");
        assert_eq!(corrected("by weekday", 9), "by weekday");
        assert_eq!(corrected("past 14 dasy", 9), "past 14 days");
        assert_eq!(
            corrected("my vendors and catgories", 9),
            "my vendors and categories"
        );
        assert_eq!(corrected("averge spend", 9), "average spend");
        assert_eq!(corrected("monthly spend", 9), "monthly spend");
    }
}
