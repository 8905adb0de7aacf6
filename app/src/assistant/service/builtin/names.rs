//! The user's own category and merchant names in a question, matched leniently: case, plurals,
//! "&" and "and", small typos (edit distance), and everyday synonyms ("eating out" for Dining),
//! the last only when the user has a category of that kind.

use super::{
    Category, Vocabulary,
    synonyms::{self, Matching},
    tokens::Tokens,
    words::{is_filler, is_incidental, is_keyword},
};

/// Lower-case letters and digits only, without "and", so "Food & Drink" = "food and drink".
pub fn normalize(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && *word != "and")
        .collect()
}

/// A crude singular, enough to equate "restaurants", "groceries" and "taxis" with their stems.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies").filter(|stem| stem.len() > 2) {
        return format!("{stem}y");
    }
    if let Some(stem) = word
        .strip_suffix('s')
        .filter(|stem| stem.len() > 2 && !stem.ends_with('s'))
    {
        return stem.to_string();
    }
    word.to_string()
}

/// A word as written, its singular, and without a plain "s" ("movies" is not "movy").
fn forms(text: &str) -> [String; 3] {
    let text = normalize(text);
    let stripped = text
        .strip_suffix('s')
        .filter(|stem| stem.len() > 2)
        .unwrap_or(&text)
        .to_string();
    [singular(&text), stripped, text]
}

pub fn same(phrase: &str, name: &str) -> bool {
    let (phrase, name) = (forms(phrase), forms(name));
    phrase.iter().any(|form| name.contains(form))
}

/// Optimal string alignment distance: insertions, deletions, substitutions, transpositions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// How many typos a word of this length may carry and still be recognised.
fn tolerance(length: usize) -> usize {
    match length {
        0..=2 => 0,
        3..=6 => 1,
        _ => 2,
    }
}

pub fn close(phrase: &str, name: &str) -> bool {
    let (phrase, name) = (singular(&normalize(phrase)), singular(&normalize(name)));
    edit_distance(&phrase, &name) <= tolerance(phrase.len().min(name.len()))
}

#[derive(Debug, Default, PartialEq)]
pub struct Found {
    pub categories: Vec<Category>,
    pub merchants: Vec<String>,
}

impl Found {
    fn add_category(&mut self, (id, name): &(i64, String)) {
        if !self.categories.iter().any(|category| category.id == *id) {
            self.categories.push(Category {
                id: *id,
                name: name.clone(),
            });
        }
    }

    fn add_merchant(&mut self, name: &str) {
        if !self.merchants.iter().any(|merchant| merchant == name) {
            self.merchants.push(name.to_string());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.categories.is_empty() && self.merchants.is_empty()
    }
}

/// One matching pass: exact names first, then synonyms, then typos, each claiming the longest
/// phrases first, so "whole foods" is the merchant before "foods" can be anything else.
#[derive(Clone, Copy, PartialEq)]
enum Pass {
    Exact,
    Synonym,
    Typo,
}

fn match_phrase(phrase: &str, pass: Pass, vocabulary: &Vocabulary, found: &mut Found) -> bool {
    let categories = vocabulary.categories.iter();
    let merchants = vocabulary.merchants.iter();
    match pass {
        Pass::Exact => {
            if let Some(category) = categories.clone().find(|(_, name)| same(phrase, name)) {
                found.add_category(category);
            } else if let Some(merchant) = merchants.clone().find(|name| same(phrase, name)) {
                found.add_merchant(merchant);
            } else {
                return false;
            }
        }
        Pass::Synonym => {
            let matches = synonyms::categories(phrase, Matching::Exact, vocabulary);
            if matches.is_empty() {
                return false;
            }
            matches
                .into_iter()
                .for_each(|category| found.add_category(category));
        }
        Pass::Typo => {
            let distance = |name: &str| {
                edit_distance(&singular(&normalize(phrase)), &singular(&normalize(name)))
            };
            let category = categories
                .filter(|(_, name)| close(phrase, name))
                .min_by_key(|(_, name)| distance(name));
            let merchant = merchants
                .filter(|name| close(phrase, name))
                .min_by_key(|name| distance(name));
            match (category, merchant) {
                (Some(category), Some(merchant)) if distance(merchant) < distance(&category.1) => {
                    found.add_merchant(merchant)
                }
                (Some(category), _) => found.add_category(category),
                (None, Some(merchant)) => found.add_merchant(merchant),
                (None, None) => {
                    // "restaraunt": a misspelt everyday word for one of the user's categories.
                    let matches = synonyms::categories(phrase, Matching::Typo, vocabulary);
                    if matches.is_empty() {
                        return false;
                    }
                    matches
                        .into_iter()
                        .for_each(|category| found.add_category(category));
                }
            }
        }
    }
    true
}

/// Every category and merchant the free words name, claimed.
pub fn read(tokens: &mut Tokens, vocabulary: &Vocabulary) -> Found {
    let mut found = Found::default();
    // Words claimed here: a vague noun right after a name is that name's ("grocery trips").
    let mut named = vec![false; tokens.len()];
    for pass in [Pass::Exact, Pass::Synonym, Pass::Typo] {
        for length in (1..=4).rev() {
            for at in 0..tokens.len() {
                if !(0..length).all(|offset| tokens.is_free(at + offset)) {
                    continue;
                }
                let words: Vec<&str> = (at..at + length).map(|i| tokens.word(i)).collect();
                // Fillers may sit inside a name ("eating out") but never make one alone, and a
                // typo match needs real words, or "what" would become "Wat" and "avg" "BVG".
                let fillers = words.iter().filter(|word| is_filler(word)).count();
                let keywords = words.iter().any(|word| is_keyword(word));
                if fillers == length || (pass == Pass::Typo && (fillers > 0 || keywords)) {
                    continue;
                }
                let after_name = at > 0 && named[at - 1];
                if after_name && words.iter().all(|word| is_incidental(word)) {
                    continue;
                }
                if match_phrase(&words.join(" "), pass, vocabulary, &mut found) {
                    tokens.take(at, length);
                    named[at..at + length]
                        .iter_mut()
                        .for_each(|word| *word = true);
                }
            }
        }
    }
    found
}

const EXCLUDING: &[&str] = &[
    "except",
    "excluding",
    "exclude",
    "without",
    "other than",
    "apart from",
    "not including",
    "besides",
    "but not",
    "not counting",
];

/// The names after "excluding" (or "except", "other than"...), claimed with that word.
pub fn read_excluded(tokens: &mut Tokens, vocabulary: &Vocabulary) -> Found {
    let Some((at, length)) = (0..tokens.len()).find_map(|at| {
        let phrase = EXCLUDING
            .iter()
            .find(|phrase| tokens.phrase_at(at, phrase))?;
        Some((at, phrase.split(' ').count()))
    }) else {
        return Found::default();
    };
    // Names are read on a copy where everything up to the marker is hidden, then the words
    // the copy claimed are claimed here too.
    let mut after = tokens.clone();
    after.take(0, at + length);
    let found = read(&mut after, vocabulary);
    if !found.is_empty() {
        tokens.take(at, length);
        for index in at + length..tokens.len() {
            if !after.is_free(index) {
                tokens.take(index, 1);
            }
        }
    }
    found
}

/// How far `word` is from the nearest of the user's names.
pub fn distance_to_names(word: &str, vocabulary: &Vocabulary) -> usize {
    let word = normalize(word);
    vocabulary
        .categories
        .iter()
        .map(|(_, name)| name)
        .chain(vocabulary.merchants)
        .map(|name| edit_distance(&word, &normalize(name)))
        .min()
        .unwrap_or(usize::MAX)
}

/// Questions about the names the user may have meant by `word`, when it was not understood.
pub fn closest(word: &str, vocabulary: &Vocabulary) -> Vec<String> {
    let word = normalize(word);
    let prefix: String = word.chars().take(3).collect();
    let near = |name: &str| {
        let distance = edit_distance(&word, &normalize(name));
        (distance <= 3 || normalize(name).starts_with(&prefix)).then_some(distance)
    };
    let mut names: Vec<(usize, String)> = vocabulary
        .categories
        .iter()
        .filter_map(|(_, name)| {
            near(name).map(|distance| {
                (
                    distance,
                    format!("How much did I spend on {name} this month?"),
                )
            })
        })
        .chain(vocabulary.merchants.iter().filter_map(|name| {
            near(name).map(|distance| {
                (
                    distance,
                    format!("How much did I spend at {name} this month?"),
                )
            })
        }))
        .collect();
    names.sort();
    names
        .into_iter()
        .take(3)
        .map(|(_, question)| question)
        .collect()
}

#[cfg(test)]
#[path = "names_tests.rs"]
mod tests;
