use super::super::{
    Bucket, Grouping, Measure,
    understand::tests::{Words, names},
};

#[test]
fn group_counts_and_explicit_groupings() {
    let words = Words::new();
    let plan = words.plan("the four merchants I paid most in 2025");
    assert_eq!(
        (plan.group_by, plan.top_n),
        (Some(Grouping::Merchant), Some(4))
    );
    let plan = words.plan("which two weeks this year cost the most");
    assert_eq!(
        (plan.group_by, plan.top_n),
        (Some(Grouping::Time(Bucket::Week)), Some(2))
    );
    let plan = words.plan("totals by restaurant last month");
    assert_eq!(
        (plan.group_by, names(&plan).0),
        (Some(Grouping::Merchant), vec!["Dining"])
    );
    let plan = words.plan("for each store, how much did I spend on groceries");
    assert_eq!(plan.group_by, Some(Grouping::Merchant));
    let plan = words.plan("my 3 most frequent merchants this year");
    assert_eq!(
        (plan.measure, plan.group_by, plan.top_n),
        (Measure::Count, Some(Grouping::Merchant), Some(3))
    );
    // "place" as a verb is not a place.
    let plan = words.plan("how many orders did I place at macys");
    assert_eq!((plan.group_by, plan.measure), (None, Measure::Count));
    // A stretch of days is a period, not days to rank.
    let plan = words.plan("lyft in the 14 days before that");
    assert_eq!(plan.group_by, None);
}

#[test]
fn sums_counts_and_counts_of_different_things() {
    let words = Words::new();
    let plan = words.plan("add up my transport costs for 2025");
    assert_eq!(
        (plan.measure, names(&plan).0),
        (Measure::Total, vec!["Transport"])
    );
    let plan = words.plan("what did dining come to in total last month");
    assert_eq!(plan.measure, Measure::Total);
    let plan = words.plan("on how many separate days did I buy coffee at starbucks");
    assert_eq!(plan.measure, Measure::Distinct(Grouping::Time(Bucket::Day)));
    let plan = words.plan("number of distinct merchants in october");
    assert_eq!(plan.measure, Measure::Distinct(Grouping::Merchant));
    assert_eq!(plan.currency, None, "counts take every currency");
}
