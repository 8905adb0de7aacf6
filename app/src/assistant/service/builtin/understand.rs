//! From words to what they say: runs the recognisers in order (amounts before time so "between 5
//! and 15" is money, tags and explicit groupings before names so "tagged medical" is a tag and
//! "by restaurant" a grouping, names before intent so "grocery store" is a category) and refuses
//! when any word is left unexplained. `compose` turns what was read into a plan.

use super::{
    AmountRange, DayFilter, Grouping, NotUnderstood, Plan, Vocabulary, amounts, answer, compose,
    days,
    filters::{self, Carried},
    groups,
    intent::{Intent, read_intent},
    names::{self, Found},
    period::Period,
    refusals, time,
    tokens::{Tokens, number},
    typos,
    words::{is_filler, is_incidental},
};

const FOLLOW_UPS: &[&str] = &[
    "and",
    "what about",
    "how about",
    "what of",
    "same for",
    "now",
    "also",
    "ok and",
    "then",
];

/// Everything the recognisers found in one question.
pub struct Reading {
    /// Opens like a follow-up: "and ...", "what about ...".
    pub follow_up_marker: bool,
    pub amount: Option<AmountRange>,
    pub periods: Vec<Period>,
    /// A lone period after "than", "compared with": what the question is set against.
    pub against: Option<Period>,
    pub step_back: bool,
    pub same_period: bool,
    pub week_split: bool,
    pub days: DayFilter,
    pub carried: Carried,
    pub currency: Option<String>,
    pub excluded: Found,
    pub found: Found,
    /// A grouping said outright ("by restaurant"), which outranks any other group noun.
    pub grouping: Option<Grouping>,
    pub intent: Intent,
    pub words: usize,
}

fn not_understood(unknown: &[String], vocabulary: &Vocabulary) -> NotUnderstood {
    let mut suggestions: Vec<String> = unknown
        .iter()
        .flat_map(|word| names::closest(word, vocabulary))
        .collect();
    suggestions.extend(answer::suggestions(vocabulary));
    suggestions.dedup();
    suggestions.truncate(6);
    let message = if unknown.is_empty() {
        "I can answer questions about your spending, such as totals, counts, top categories or merchants and budgets, but I did not understand this one.".to_string()
    } else {
        let quoted: Vec<String> = unknown.iter().map(|word| format!("\"{word}\"")).collect();
        format!(
            "I did not understand {} here: it is not one of your categories or merchants, nor a time, amount or kind of question I know.",
            quoted.join(", ")
        )
    };
    NotUnderstood {
        message,
        suggestions,
    }
}

/// "more than last month", "compared with the previous year": a lone period right after these
/// words is what the question compares against, not what it is about.
fn lone_comparison(tokens: &Tokens, mentions: &[time::Mention]) -> Option<Period> {
    let [mention] = mentions else {
        return None;
    };
    let mut before = mention.at.checked_sub(1)?;
    if tokens.word(before) == "the" {
        before = before.checked_sub(1)?;
    }
    let comparing = matches!(
        tokens.word(before),
        "than" | "with" | "to" | "against" | "vs" | "versus"
    );
    comparing.then(|| mention.period.clone())
}

/// Reads every word of `question`, or says which words were not understood.
fn read(question: &str, vocabulary: &Vocabulary) -> Result<Reading, NotUnderstood> {
    let today = vocabulary.today;
    let mut tokens = Tokens::new(question);
    let follow_up_marker = FOLLOW_UPS.iter().any(|marker| tokens.phrase_at(0, marker));
    let amount = amounts::read(&mut tokens, vocabulary.base_currency);
    typos::correct(&mut tokens, |word| {
        names::distance_to_names(word, vocabulary)
    });
    let mut mentions = time::read(&mut tokens, today);
    let against = lone_comparison(&tokens, &mentions);
    if against.is_some() {
        mentions.clear();
    }
    let step_back = days::read_step_back(&mut tokens);
    let same_period = days::read_same_period(&mut tokens);
    // "weekends vs weekdays" splits the week rather than filtering it.
    let week_split =
        tokens.has_any(&["weekend", "weekends"]) && tokens.has_any(&["weekday", "weekdays"]);
    if week_split {
        tokens.take_any(&["weekends", "weekend", "weekdays", "weekday"]);
    }
    let days = days::read_days(&mut tokens);
    let carried = filters::read(&mut tokens);
    let currency = amounts::read_currency(&mut tokens, vocabulary.base_currency);
    let grouping = groups::read_explicit(&mut tokens);
    let excluded = names::read_excluded(&mut tokens, vocabulary);
    let found = names::read(&mut tokens, vocabulary);
    let mut intent = read_intent(&mut tokens, mentions.first().map(|mention| &mention.period));
    // "more in Q1 or Q2": periods offered as alternatives are compared, not joined.
    intent.compare |= mentions.iter().skip(1).any(|mention| {
        let before = mention.at.checked_sub(1);
        before.is_some_and(|before| tokens.word(before) == "or")
    });
    let unknown: Vec<String> = tokens
        .free()
        .filter(|(_, word)| !is_filler(word) && !is_incidental(word) && number(word).is_none())
        .map(|(_, word)| word.to_string())
        .collect();
    if !unknown.is_empty() {
        return Err(not_understood(&unknown, vocabulary));
    }
    let periods = match mentions.as_slice() {
        // "did it go up from January to February" sets the two ends of the range apart.
        [
            time::Mention {
                ends: Some(ends), ..
            },
        ] if intent.compare => ends.to_vec(),
        _ => mentions.into_iter().map(|mention| mention.period).collect(),
    };
    Ok(Reading {
        follow_up_marker,
        amount,
        periods,
        against,
        step_back,
        same_period,
        week_split,
        days,
        carried,
        currency,
        excluded,
        found,
        grouping,
        intent,
        words: tokens.len(),
    })
}

/// Turns `question` into a plan; `previous` is the plan of the question before it in the same
/// conversation, which short follow-ups ("and last year?") modify.
pub fn understand(
    question: &str,
    vocabulary: &Vocabulary,
    previous: Option<&Plan>,
) -> Result<Plan, NotUnderstood> {
    if let Some(message) = refusals::refusal(&Tokens::new(question)) {
        return Err(NotUnderstood {
            message: message.to_string(),
            suggestions: answer::suggestions(vocabulary),
        });
    }
    let reading = read(question, vocabulary)?;
    compose::plan(reading, vocabulary, previous).ok_or_else(|| not_understood(&[], vocabulary))
}

#[cfg(test)]
#[path = "understand_tests.rs"]
pub(super) mod tests;
