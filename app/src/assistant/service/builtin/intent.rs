//! What the question asks for: the measure, the grouping and its ranking, a share of the whole
//! or a comparison. Each keyword claimed here is one the leftover check will not complain about.

use super::{
    Bucket, BudgetScope, Grouping, Measure, budgets, groups,
    period::Period,
    tokens::{Tokens, number},
};

/// The parts of the question that are neither time, amount nor name.
#[derive(Default)]
pub struct Intent {
    pub measure: Option<Measure>,
    pub group_by: Option<Grouping>,
    pub top_n: Option<u32>,
    pub ranked: bool,
    pub ascending: bool,
    pub share: bool,
    pub compare: bool,
    pub plural: bool,
    /// "most" or "least" alone: an amount across many expenses, not one expense's size.
    pub quantity: bool,
    pub spend_word: bool,
    pub budgets: BudgetScope,
}

pub fn read_intent(tokens: &mut Tokens, period: Option<&Period>) -> Intent {
    let mut intent = Intent {
        spend_word: tokens.has_any(&[
            "spend",
            "spent",
            "spending",
            "how much",
            "cost",
            "paid",
            "total",
            "expenses",
            "expense",
            "purchases",
            "transactions",
        ]),
        ..Intent::default()
    };
    read_measure(tokens, &mut intent);
    intent.share = tokens.take_any(&[
        "breakdown",
        "break down",
        "split",
        "share",
        "percentage",
        "percent",
        "proportion",
        "distribution",
        "money go",
    ]);
    intent.compare = tokens.take_any(COMPARING);
    let plural_words = [
        "categories",
        "merchants",
        "stores",
        "shops",
        "places",
        "vendors",
        "payees",
        "retailers",
        "spots",
        "expenses",
        "purchases",
        "transactions",
        "payments",
    ];
    intent.plural = tokens.has_any(&plural_words);
    let counted = groups::read_count(tokens);
    if let Some((count, _)) = counted {
        intent.top_n = Some(count);
        intent.plural = true;
    }
    let long = period.is_some_and(|period| period.days() > 62);
    intent.group_by = groups::read_grouping(tokens, long).or(counted.map(|(_, grouping)| grouping));
    // "most recent" is about time, not size: leave "recent" to the listing.
    if let Some(at) = (0..tokens.len()).find(|&at| tokens.phrase_at(at, "most recent")) {
        tokens.take(at, 1);
    }
    read_ranking(tokens, &mut intent);
    if intent.ranked && intent.group_by.is_none() {
        // "the most I spent in one day", "my most expensive month": rank days or months.
        let buckets = [
            ("day", Bucket::Day),
            ("week", Bucket::Week),
            ("month", Bucket::Month),
        ];
        intent.group_by = buckets
            .into_iter()
            .find(|(word, _)| tokens.take_any(&[word, &format!("{word}s")]))
            .map(|(_, bucket)| Grouping::Time(bucket));
    }
    read_listing(tokens, &mut intent);
    if intent.share && intent.group_by.is_none() {
        intent.group_by = Some(Grouping::Category);
    }
    intent
}

/// "went up", "more expensive than", "versus": two periods (or names) set against each other.
const COMPARING: &[&str] = &[
    "compare",
    "compared",
    "comparison",
    "vs",
    "versus",
    "against",
    "difference",
    "change",
    "changed",
    "increase",
    "increased",
    "decrease",
    "decreased",
    "than",
    "go up",
    "went up",
    "gone up",
    "go down",
    "went down",
    "gone down",
    "rise",
    "rose",
    "drop",
    "dropped",
    "fall",
    "fell",
    "grow",
    "grew",
];

/// What to compute: a budget status, an average, a count (of expenses or of distinct merchants,
/// days...), or a sum when the question says so ("add up", "in total").
fn read_measure(tokens: &mut Tokens, intent: &mut Intent) {
    if let Some(scope) = budgets::read(tokens) {
        intent.measure = Some(Measure::Budget);
        intent.budgets = scope;
    } else if tokens.take_any(&["average", "avg", "mean", "typical", "typically", "usually"]) {
        intent.measure =
            Some(groups::bucket_words(tokens).map_or(Measure::Average, Measure::AveragePer));
    } else if let Some(grouping) = groups::read_distinct(tokens) {
        intent.measure = Some(Measure::Distinct(grouping));
    } else if tokens.has_any(COUNTING) {
        intent.measure = Some(Measure::Count);
        intent.ranked = tokens.has_any(&[
            "most often",
            "most frequently",
            "most frequent",
            "most visited",
            "the most",
            "frequently",
        ]);
        tokens.take_any(COUNTING);
        tokens.take_any(&["the most"]);
    } else if tokens.take_any(&["by count", "by number", "by frequency"]) {
        intent.measure = Some(Measure::Count);
    } else if tokens.take_any(&[
        "add up",
        "sum up",
        "come to",
        "came to",
        "comes to",
        "in total",
        "altogether",
        "all together",
    ]) {
        intent.measure = Some(Measure::Total);
    }
}

const COUNTING: &[&str] = &[
    "how many",
    "number of",
    "count",
    "how often",
    "most often",
    "most frequently",
    "most frequent",
    "most visited",
    "frequently",
];

/// "show my last 5 purchases", "what did I buy": the expenses themselves.
fn read_listing(tokens: &mut Tokens, intent: &mut Intent) {
    let listing = [
        "recent",
        "latest",
        "newest",
        "last",
        "list",
        "show",
        "see",
        "display",
        "which",
        "what were",
        "what did i buy",
    ];
    let things = [
        "expense",
        "expenses",
        "transaction",
        "transactions",
        "purchase",
        "purchases",
        "payments",
        "buy",
        "bought",
        "charges",
        "charge",
    ];
    if intent.measure.is_some()
        || intent.ranked
        || intent.group_by.is_some()
        || !tokens.has_any(&listing)
        || !tokens.has_any(&things)
    {
        return;
    }
    intent.measure = Some(Measure::List);
    let recent = (0..tokens.len()).find(|&at| {
        tokens.is_free(at) && matches!(tokens.word(at), "last" | "recent" | "latest" | "newest")
    });
    if let Some(at) = recent {
        let count = number(tokens.word(at + 1))
            .filter(|n| *n >= 1.0 && n.fract() == 0.0 && tokens.is_free(at + 1));
        intent.top_n = Some(count.map_or(if intent.plural { 10 } else { 1 }, |n| n as u32));
        tokens.take(at, 1 + usize::from(count.is_some()));
    }
}

/// "top 5", "3 biggest", "the most", "cheapest": ranking, its direction and its length.
fn read_ranking(tokens: &mut Tokens, intent: &mut Intent) {
    let high = [
        "top",
        "biggest",
        "largest",
        "most expensive",
        "highest",
        "busiest",
        "priciest",
        "costliest",
        "max",
        "maximum",
        "most",
        "largest",
    ];
    let low = [
        "bottom",
        "smallest",
        "cheapest",
        "lowest",
        "least expensive",
        "min",
        "minimum",
        "least",
    ];
    for (words, ascending) in [(&high[..], false), (&low[..], true)] {
        let Some((at, phrase)) = words.iter().find_map(|phrase| {
            let at = (0..tokens.len()).find(|&at| tokens.phrase_at(at, phrase))?;
            Some((at, *phrase))
        }) else {
            continue;
        };
        let length = phrase.split(' ').count();
        tokens.take(at, length);
        intent.ranked = true;
        intent.quantity = matches!(phrase, "most" | "least");
        intent.ascending = ascending;
        let count_at = [at + length, at.wrapping_sub(1)].into_iter().find(|&i| {
            tokens.is_free(i)
                && number(tokens.word(i)).is_some_and(|n| n >= 1.0 && n.fract() == 0.0)
                && !matches!(tokens.word(i), "a" | "an")
        });
        if let Some(i) = count_at {
            intent.top_n = number(tokens.word(i)).map(|n| n as u32);
            tokens.take(i, 1);
        }
        return;
    }
}
