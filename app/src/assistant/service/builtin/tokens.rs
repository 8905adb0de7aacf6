//! A question as lower-case words, numbers and currency signs, with a note of which words a
//! recogniser has already explained, so that the words left over are exactly the unexplained.

use super::period::MONTHS;

/// Words whose possessive ("this year's", "December's") is the word itself, besides the months.
const TIME_WORDS: &[&str] = &[
    "today",
    "yesterday",
    "week",
    "month",
    "quarter",
    "year",
    "weekend",
];

fn is_time_word(word: &str) -> bool {
    TIME_WORDS.contains(&word) || MONTHS.contains(&word)
}

/// Currency signs stand alone so "$50" reads as a sign and a number.
const SIGNS: &[char] = &['$', '€', '£', '¥', '₹'];

#[derive(Clone)]
pub struct Tokens {
    words: Vec<String>,
    used: Vec<bool>,
}

impl Tokens {
    pub fn new(question: &str) -> Self {
        let chars: Vec<char> = question.to_lowercase().chars().collect();
        let mut words = Vec::new();
        let mut word = String::new();
        let mut skip = false;
        for (index, &c) in chars.iter().enumerate() {
            if std::mem::take(&mut skip) {
                continue;
            }
            let before = index.checked_sub(1).and_then(|i| chars.get(i)).copied();
            let after = chars.get(index + 1).copied();
            let digit_between = before.is_some_and(|b| b.is_ascii_digit())
                && after.is_some_and(|a| a.is_ascii_digit());
            let letter_between = before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric);
            if c.is_alphanumeric() || (matches!(c, '.' | ',' | '-' | ':') && digit_between) {
                word.push(c);
            } else if matches!(c, '\'' | '’' | '-') && letter_between {
                // "joe's" and "take-out" are one word each, spelled without the mark; "last
                // month's" and "December's" are time words, without their "'s".
                let possessive = after == Some('s')
                    && chars
                        .get(index + 2)
                        .is_none_or(|next| !next.is_alphanumeric());
                skip = possessive && is_time_word(&word);
            } else {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                if SIGNS.contains(&c) || matches!(c, '<' | '>') {
                    words.push(c.to_string());
                }
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        let used = vec![false; words.len()];
        Self { words, used }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The word at `index`, or "" past the end, so look-ahead needs no bounds checks.
    pub fn word(&self, index: usize) -> &str {
        self.words.get(index).map_or("", String::as_str)
    }

    pub fn is_free(&self, index: usize) -> bool {
        self.used.get(index).is_some_and(|used| !used)
    }

    /// Puts `word` in place of a misspelt one, for the recognisers that follow.
    pub fn correct(&mut self, index: usize, word: &str) {
        if let Some(slot) = self.words.get_mut(index) {
            *slot = word.to_string();
        }
    }

    pub fn take(&mut self, from: usize, count: usize) {
        for used in self.used.iter_mut().skip(from).take(count) {
            *used = true;
        }
    }

    /// Whether the free words starting at `index` spell `phrase` (space separated).
    pub fn phrase_at(&self, index: usize, phrase: &str) -> bool {
        phrase
            .split(' ')
            .enumerate()
            .all(|(offset, part)| self.is_free(index + offset) && self.word(index + offset) == part)
    }

    /// Claims the first free occurrence of each phrase given; true when any was found.
    pub fn take_any(&mut self, phrases: &[&str]) -> bool {
        let mut found = false;
        for phrase in phrases {
            if let Some(index) = (0..self.len()).find(|&index| self.phrase_at(index, phrase)) {
                self.take(index, phrase.split(' ').count());
                found = true;
            }
        }
        found
    }

    /// Like [`Tokens::take_any`] but leaves the words free for other recognisers.
    pub fn has_any(&self, phrases: &[&str]) -> bool {
        phrases
            .iter()
            .any(|phrase| (0..self.len()).any(|index| self.phrase_at(index, phrase)))
    }

    /// The words nobody has claimed, with their positions.
    pub fn free(&self) -> impl Iterator<Item = (usize, &str)> {
        self.words
            .iter()
            .enumerate()
            .filter(|(index, _)| self.is_free(*index))
            .map(|(index, word)| (index, word.as_str()))
    }
}

/// A number written in digits ("1,234.50") or as a small English word ("five").
pub fn number(word: &str) -> Option<f64> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    if let Some(value) = WORDS.iter().position(|w| *w == word) {
        return Some(value as f64);
    }
    match word {
        "a" | "an" => return Some(1.0),
        "fifteen" => return Some(15.0),
        "twenty" => return Some(20.0),
        "thirty" => return Some(30.0),
        _ => {}
    }
    let plain = word.replace(',', "");
    let numeric = !plain.is_empty()
        && plain.chars().all(|c| c.is_ascii_digit() || c == '.')
        && plain.chars().filter(|c| *c == '.').count() <= 1;
    numeric.then(|| plain.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(question: &str) -> Vec<String> {
        let tokens = Tokens::new(question);
        (0..tokens.len())
            .map(|i| tokens.word(i).to_string())
            .collect()
    }

    #[test]
    fn signs_numbers_and_dates_split_sensibly() {
        assert_eq!(words("Over $1,234.50?"), ["over", "$", "1,234.50"]);
        assert_eq!(
            words("from 2026-01-05 to 2026-02-01."),
            ["from", "2026-01-05", "to", "2026-02-01"]
        );
        assert_eq!(
            words("Trader Joe's take-out"),
            ["trader", "joes", "takeout"]
        );
        assert_eq!(words("20€ or less"), ["20", "€", "or", "less"]);
        assert_eq!(
            words("last month's vs June's"),
            ["last", "month", "vs", "june"]
        );
    }

    #[test]
    fn phrases_are_claimed_once() {
        let mut tokens = Tokens::new("per day and per day");
        assert!(tokens.take_any(&["per day"]));
        assert_eq!(
            tokens.free().map(|(_, w)| w).collect::<Vec<_>>(),
            ["and", "per", "day"]
        );
    }

    #[test]
    fn numbers_in_digits_and_words() {
        assert_eq!(number("1,234.5"), Some(1234.5));
        assert_eq!(number("five"), Some(5.0));
        assert_eq!(number("5.5.5"), None);
        assert_eq!(number("march"), None);
    }
}
