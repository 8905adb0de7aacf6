//! Everyday words for kinds of spending ("eating out" for Dining), matched to the user's own
//! categories only when they have a category of that kind.

use super::{
    Vocabulary,
    names::{close, same},
};

/// Words that name one kind of spending, comma separated; a user category spelled like any of
/// them is that kind.
const SYNONYMS: &[&str] = &[
    "dining, dining out, restaurant, eating out, eat out, food out, takeout, takeaway, \
     meals out, meal out, dine out, food and dining, food and drink, lunch, dinner, brunch, \
     breakfast, coffee, cafe, food",
    "groceries, grocery, supermarket, grocery store, food shopping, food",
    "transport, transportation, taxi, cab, uber, lyft, bus, train, metro, subway, commute, \
     commuting, transit",
    "housing, rent, mortgage, home",
    "entertainment, movie, cinema, film, concert, fun",
    "utilities, utility, bill, electricity, internet, power, water",
    "health, healthcare, medical, doctor, pharmacy, medicine",
    "shopping, clothes, clothing, shoe",
    "travel, trip, flight, hotel, vacation, holiday",
    "subscriptions, subscription, streaming",
    "coffee, cafe, coffee shop",
    "fuel, gas, petrol, gasoline, car, auto, vehicle, parking",
    "pets, pet, vet",
    "gifts, gift, present, donation",
];

/// Synonyms shorter than this are matched exactly only: a typo of "fun" or "rent" is as likely
/// an ordinary word ("fund", "rest").
const SHORTEST_MISSPELT: usize = 6;

/// How a phrase is held against a synonym.
#[derive(Clone, Copy, PartialEq)]
pub enum Matching {
    Exact,
    Typo,
}

/// The user's categories for the kinds of spending `phrase` names. Within a kind, terms are
/// tried in order, so "supermarket" finds Groceries before a general Food category. A word that
/// heads a kind ("coffee") finds that kind's category when the user has one; otherwise every
/// kind it belongs to is tried ("coffee" is also Dining, "food" both Dining and Groceries).
pub fn categories<'a>(
    phrase: &str,
    matching: Matching,
    vocabulary: &'a Vocabulary,
) -> Vec<&'a (i64, String)> {
    let names = |term: &str| match matching {
        Matching::Exact => same(phrase, term),
        Matching::Typo => phrase.len().min(term.len()) >= SHORTEST_MISSPELT && close(phrase, term),
    };
    let kinds: Vec<Vec<&str>> = SYNONYMS
        .iter()
        .map(|group| group.split(", ").collect::<Vec<_>>())
        .filter(|group| group.iter().any(|term| names(term)))
        .collect();
    let in_kind = |group: &Vec<&str>| {
        group
            .iter()
            .map(|term| {
                vocabulary
                    .categories
                    .iter()
                    .filter(|(_, name)| same(name, term))
                    .collect::<Vec<_>>()
            })
            .find(|matches| !matches.is_empty())
    };
    let headed = kinds
        .iter()
        .filter(|group| group.first().is_some_and(|head| names(head)))
        .find_map(in_kind);
    headed.unwrap_or_else(|| kinds.iter().filter_map(in_kind).flatten().collect())
}
