//! Filters on what an expense carries besides its name: tags ("tagged work", "with the gift
//! tag"), words in its note ("notes mentioning birthday") and whether it has a receipt.

use super::{tokens::Tokens, words::is_filler};

#[derive(Debug, Default, PartialEq)]
pub struct Carried {
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub receipt: Option<bool>,
}

/// A word that can be a tag or a note's word: not a filler, not a number.
fn usable(tokens: &Tokens, at: usize) -> Option<String> {
    let word = tokens.word(at);
    let usable = tokens.is_free(at)
        && !word.is_empty()
        && !is_filler(word)
        && word.chars().all(char::is_alphanumeric);
    usable.then(|| word.to_string())
}

/// "tagged work", "tagged as gift", "with tag travel", "with the family tag", "#work".
fn read_tags(tokens: &mut Tokens) -> Vec<String> {
    let mut tags = Vec::new();
    for at in 0..tokens.len() {
        if !tokens.is_free(at) {
            continue;
        }
        let word = tokens.word(at);
        let after = match word {
            "tagged" | "tag" | "tags" | "labelled" | "labeled" => {
                let skip = match (tokens.word(at + 1), tokens.word(at + 2)) {
                    ("as" | "with", "the") => 2,
                    ("as" | "with", _) => 1,
                    _ => 0,
                };
                usable(tokens, at + 1 + skip).map(|tag| (tag, at, 2 + skip))
            }
            // "the family tag": the word before.
            _ if matches!(tokens.word(at + 1), "tag" | "tags") && tokens.is_free(at + 1) => {
                usable(tokens, at).map(|tag| (tag, at, 2))
            }
            _ => None,
        };
        if let Some((tag, from, words)) = after {
            tokens.take(from, words);
            tags.push(tag);
        }
    }
    tags
}

/// "notes mentioning birthday", "note contains ikea", "with lunch in the note".
fn read_note(tokens: &mut Tokens) -> Option<String> {
    let verbs = [
        "mentioning",
        "mention",
        "mentions",
        "containing",
        "contains",
        "contain",
        "saying",
        "says",
        "say",
        "with",
        "about",
        "including",
    ];
    (0..tokens.len()).find_map(|at| {
        if !matches!(tokens.word(at), "note" | "notes" | "memo" | "memos") || !tokens.is_free(at) {
            return None;
        }
        let verb = usize::from(verbs.contains(&tokens.word(at + 1)));
        if let Some(text) = usable(tokens, at + 1 + verb).filter(|_| verb == 1) {
            tokens.take(at, 2 + verb);
            return Some(text);
        }
        // "with birthday in the note"
        let the = at
            .checked_sub(1)
            .is_some_and(|index| tokens.word(index) == "the");
        let before = at.checked_sub(if the { 3 } else { 2 })?;
        let text = usable(tokens, before).filter(|_| tokens.word(before + 1) == "in")?;
        tokens.take(before, at - before + 1);
        Some(text)
    })
}

/// "with a receipt", "receipt attached", "without receipts", "missing a receipt".
fn read_receipt(tokens: &mut Tokens) -> Option<bool> {
    let at = (0..tokens.len())
        .find(|&at| tokens.is_free(at) && matches!(tokens.word(at), "receipt" | "receipts"))?;
    let negation = [
        "without", "no", "missing", "lacking", "not", "dont", "didnt", "havent",
    ];
    let window = at.saturating_sub(3)..at;
    let negated = window
        .clone()
        .find(|&index| tokens.is_free(index) && negation.contains(&tokens.word(index)));
    tokens.take(at, 1);
    if let Some(index) = negated {
        tokens.take(index, 1);
    }
    tokens.take_any(&[
        "attached", "attach", "scanned", "scan", "uploaded", "upload", "photo", "photos",
    ]);
    Some(negated.is_none())
}

/// Every tag, note and receipt condition in the question, claimed.
pub fn read(tokens: &mut Tokens) -> Carried {
    Carried {
        receipt: read_receipt(tokens),
        tags: read_tags(tokens),
        note: read_note(tokens),
    }
}

#[cfg(test)]
#[path = "filters_tests.rs"]
mod tests;
