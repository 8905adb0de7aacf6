//! What the question asks for: the measure, the grouping and its ranking, a share of the whole
//! or a comparison. Each keyword claimed here is one the leftover check will not complain about.

use super::{
    Bucket, Grouping, Measure,
    period::Period,
    tokens::{Tokens, number},
};

/// Words that carry no meaning of their own here, and the keywords the intent reader claims
/// (so a lone keyword is never taken for a name).
const FILLERS: &str = "\
    a about across all also am amount an and any are as at be been buy bought by can could cost \
    costs did do does doing during each every expense expenses for from get give go going got \
    had has have how i if in into is it its just last let like made make me money much my now \
    of on only or our out overall paid pay payment payments per please purchase purchases show \
    so far spend spending spends spent tell than that the them there these this those to total \
    totals transaction transactions up us was we were what whats when where which who with \
    would you your see list ok okay hey hi thanks want know need should will then same but \
    what's many often times number sum put used use wasted went versus vs compare compared \
    comparison against more less most least category categories merchant merchants store stores \
    shop shops place places vendor vendors period whole entire everything things stuff \
    altogether combined together one ones look looking break down split share breakdown day \
    days week weeks month months year years date before after until since between lately \
    recently currently kind type bill bills charge charges charged being top bottom largest \
    biggest highest over under within visit visits visited frequent getting spendings dollars \
    ago month's past previous recent latest trend trends history \
    summary overview size exceeded exceed chart graph plot status report";

/// Words that may be ignored when nothing else explains them, yet may also be a user's own
/// category or merchant name ("Subscriptions"), so the name reader still sees them.
const INCIDENTAL: &str = "ride rides trip trips order orders subscription subscriptions bill \
    lot lots stuff thing things item items shopping visit";

pub fn is_incidental(word: &str) -> bool {
    INCIDENTAL
        .split_whitespace()
        .any(|incidental| incidental == word)
}

pub fn is_filler(word: &str) -> bool {
    FILLERS.split_whitespace().any(|filler| filler == word)
}

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
}

fn bucket_words(tokens: &mut Tokens) -> Option<Bucket> {
    let buckets = [
        (
            Bucket::Day,
            &[
                "per day",
                "a day",
                "daily",
                "by day",
                "each day",
                "every day",
                "day by day",
            ][..],
        ),
        (
            Bucket::Week,
            &[
                "per week",
                "a week",
                "weekly",
                "by week",
                "each week",
                "every week",
                "week by week",
            ],
        ),
        (
            Bucket::Month,
            &[
                "per month",
                "a month",
                "monthly",
                "by month",
                "each month",
                "every month",
                "month by month",
            ],
        ),
    ];
    buckets
        .into_iter()
        .find_map(|(bucket, phrases)| tokens.take_any(phrases).then_some(bucket))
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
    if tokens.take_any(&[
        "budgets",
        "budget",
        "on track",
        "left to spend",
        "remaining",
        "left",
        "over budget",
        "under budget",
        "within budget",
    ]) {
        intent.measure = Some(Measure::Budget);
    } else if tokens.take_any(&["average", "avg", "mean", "typical", "typically", "usually"]) {
        intent.measure = Some(bucket_words(tokens).map_or(Measure::Average, Measure::AveragePer));
    } else if tokens.has_any(&[
        "how many",
        "number of",
        "count",
        "how often",
        "most often",
        "most frequently",
        "frequently",
    ]) {
        intent.measure = Some(Measure::Count);
        intent.ranked =
            tokens.has_any(&["most often", "most frequently", "the most", "frequently"]);
        tokens.take_any(&[
            "how many",
            "number of",
            "count",
            "how often",
            "most often",
            "most frequently",
            "frequently",
            "the most",
        ]);
    }
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
        "go to",
    ]);
    intent.compare = tokens.take_any(&[
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
        "decrease",
        "than",
    ]);
    let plural_groups = [
        "categories",
        "merchants",
        "stores",
        "shops",
        "places",
        "vendors",
        "payees",
        "retailers",
    ];
    intent.plural = tokens.has_any(&plural_groups)
        || tokens.has_any(&["expenses", "purchases", "transactions", "payments"]);
    intent.group_by = if tokens.take_any(&["category", "categories"]) {
        Some(Grouping::Category)
    } else if tokens.take_any(&[
        "merchant", "payee", "vendor", "store", "shop", "place", "retailer", "who",
    ]) || tokens.take_any(&plural_groups)
    {
        Some(Grouping::Merchant)
    } else if tokens.take_any(&[
        "day of the week",
        "days of the week",
        "day of week",
        "weekday",
        "which day",
        "what day",
    ]) {
        Some(Grouping::Weekday)
    } else if tokens.take_any(&["currency", "currencies"]) {
        Some(Grouping::Currency)
    } else if let Some(bucket) = bucket_words(tokens) {
        Some(Grouping::Time(bucket))
    } else if tokens.take_any(&["over time", "trend", "trends", "history"]) {
        let long = period.is_some_and(|period| period.days() > 62);
        Some(Grouping::Time(if long {
            Bucket::Month
        } else {
            Bucket::Day
        }))
    } else {
        None
    };
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
            .find(|(word, _)| tokens.take_any(&[word]))
            .map(|(_, bucket)| Grouping::Time(bucket));
    }
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
    if intent.measure.is_none()
        && !intent.ranked
        && intent.group_by.is_none()
        && tokens.has_any(&listing)
        && tokens.has_any(&things)
    {
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
    if intent.share && intent.group_by.is_none() {
        intent.group_by = Some(Grouping::Category);
    }
    intent
}

/// "top 5", "3 biggest", "the most", "cheapest": ranking, its direction and its length.
fn read_ranking(tokens: &mut Tokens, intent: &mut Intent) {
    let high = [
        "top",
        "biggest",
        "largest",
        "most expensive",
        "highest",
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
        let Some((at, length)) = words.iter().find_map(|phrase| {
            let at = (0..tokens.len()).find(|&at| tokens.phrase_at(at, phrase))?;
            Some((at, phrase.split(' ').count()))
        }) else {
            continue;
        };
        tokens.take(at, length);
        intent.ranked = true;
        intent.quantity = matches!(tokens.word(at), "most" | "least");
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
