use super::super::{
    Grouping, Measure,
    understand::tests::{Words, names},
};
use super::*;
use chrono::NaiveDate;

fn categories(names: &[&str]) -> Vec<(i64, String)> {
    names
        .iter()
        .enumerate()
        .map(|(index, name)| (index as i64 + 1, name.to_string()))
        .collect()
}

fn found(
    question: &str,
    category_names: &[&str],
    merchant_names: &[&str],
) -> (Vec<String>, Vec<String>) {
    let categories = categories(category_names);
    let merchants: Vec<String> = merchant_names.iter().map(|name| name.to_string()).collect();
    let vocabulary = Vocabulary {
        today: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
        base_currency: "USD",
        categories: &categories,
        merchants: &merchants,
    };
    let found = read(&mut Tokens::new(question), &vocabulary);
    (
        found
            .categories
            .into_iter()
            .map(|category| category.name)
            .collect(),
        found.merchants,
    )
}

fn category(question: &str, names: &[&str]) -> Vec<String> {
    found(question, names, &[]).0
}

#[test]
fn exact_plural_and_case_insensitive_names() {
    assert_eq!(category("on DINING", &["Dining"]), ["Dining"]);
    assert_eq!(category("on grocery", &["Groceries"]), ["Groceries"]);
    assert_eq!(
        category("food and drink", &["Food & Drink"]),
        ["Food & Drink"]
    );
    assert_eq!(
        category("on dining and groceries", &["Dining", "Groceries"]),
        ["Dining", "Groceries"]
    );
}

#[test]
fn typos_within_a_small_distance() {
    assert_eq!(category("how much on fod", &["Food"]), ["Food"]);
    assert_eq!(category("grocreies", &["Groceries"]), ["Groceries"]);
    assert_eq!(
        category("entertainmnt", &["Entertainment"]),
        ["Entertainment"]
    );
    assert!(category("zebras", &["Food", "Groceries"]).is_empty());
}

#[test]
fn synonyms_only_when_the_user_has_such_a_category() {
    assert_eq!(category("eating out", &["Dining", "Groceries"]), ["Dining"]);
    assert_eq!(category("restaurants", &["Restaurants"]), ["Restaurants"]);
    assert_eq!(category("food out", &["Restaurants"]), ["Restaurants"]);
    assert_eq!(category("supermarket", &["Groceries"]), ["Groceries"]);
    assert_eq!(category("uber rides", &["Transport"]), ["Transport"]);
    assert_eq!(category("mortgage", &["Housing"]), ["Housing"]);
    assert_eq!(category("movies", &["Entertainment"]), ["Entertainment"]);
    assert!(category("movies", &["Dining"]).is_empty());
}

#[test]
fn merchants_with_several_words_and_marks() {
    assert_eq!(
        found("at whole foods", &["Groceries"], &["Whole Foods"]).1,
        ["Whole Foods"]
    );
    assert_eq!(
        found("trader joes", &[], &["Trader Joe's"]).1,
        ["Trader Joe's"]
    );
    assert_eq!(
        found("starbuck", &["Dining"], &["Starbucks"]).1,
        ["Starbucks"]
    );
    assert_eq!(found("at uber", &["Transport"], &["Uber"]).1, ["Uber"]);
}

#[test]
fn edit_distance_counts_transpositions_once() {
    assert_eq!(edit_distance("food", "food"), 0);
    assert_eq!(edit_distance("fod", "food"), 1);
    assert_eq!(edit_distance("ofod", "food"), 1);
    assert_eq!(edit_distance("kitten", "sitting"), 3);
}

#[test]
fn a_word_of_two_kinds_finds_both() {
    assert_eq!(
        category("on food", &["Dining", "Groceries"]),
        ["Dining", "Groceries"]
    );
    assert_eq!(category("on food", &["Food", "Dining"]), ["Food"]);
    assert_eq!(category("groceries", &["Food", "Restaurants"]), ["Food"]);
    assert_eq!(category("gas", &["Car"]), ["Car"]);
}

#[test]
fn names_after_excluding_are_read_apart() {
    let categories = categories(&["Dining", "Housing"]);
    let merchants = vec!["Starbucks".to_string()];
    let vocabulary = Vocabulary {
        today: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
        base_currency: "USD",
        categories: &categories,
        merchants: &merchants,
    };
    let mut tokens = Tokens::new("dining except starbucks and rent");
    let excluded = read_excluded(&mut tokens, &vocabulary);
    assert_eq!(excluded.merchants, ["Starbucks"]);
    assert_eq!(excluded.categories.len(), 1);
    let included = read(&mut tokens, &vocabulary);
    assert_eq!(included.categories[0].name, "Dining");
    assert!(read_excluded(&mut Tokens::new("dining"), &vocabulary).is_empty());
}

#[test]
fn misspelt_keywords_and_everyday_words_in_whole_questions() {
    let words = Words::new();
    let plan = words.plan("avrage expense at starbuks");
    assert_eq!(
        (plan.measure, names(&plan).1),
        (Measure::Average, vec!["Starbucks"])
    );
    let plan = words.plan("avg at whole foods");
    assert_eq!(names(&plan).1, ["Whole Foods"], "avg is not BVG");
    assert_eq!(
        words.plan("top 3 catgories").group_by,
        Some(Grouping::Category)
    );
    assert_eq!(names(&words.plan("resturant spending")).0, ["Dining"]);
    assert_eq!(
        names(&words.plan("grocery trips last month")).0,
        ["Groceries"]
    );
    assert_eq!(names(&words.plan("lunch and dinner costs")).0, ["Dining"]);
    let plan = words.plan("how much is left in my budget");
    assert!(plan.merchants.is_empty(), "left is not Lyft");
}
