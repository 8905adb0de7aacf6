use super::*;

fn amount(question: &str) -> Option<(Option<i64>, Option<i64>, String)> {
    let mut tokens = Tokens::new(question);
    read(&mut tokens, "USD").map(|range| (range.min_minor, range.max_minor, range.currency))
}

#[test]
fn money_is_formatted_with_the_currency_exponent() {
    assert_eq!(format_money(123_450, "USD"), "1,234.50 USD");
    assert_eq!(format_money(5, "EUR"), "0.05 EUR");
    assert_eq!(format_money(1_234_567, "JPY"), "1,234,567 JPY");
    assert_eq!(format_money(1_500, "KWD"), "1.500 KWD");
    assert_eq!(format_money(-250, "GBP"), "-2.50 GBP");
}

#[test]
fn bounds_with_signs_words_and_codes() {
    assert_eq!(amount("over $50"), Some((Some(5000), None, "USD".into())));
    assert_eq!(
        amount("more than 20 euros"),
        Some((Some(2000), None, "EUR".into()))
    );
    assert_eq!(amount("under 10"), Some((None, Some(1000), "USD".into())));
    assert_eq!(
        amount("between 5 and 15"),
        Some((Some(500), Some(1500), "USD".into()))
    );
    assert_eq!(
        amount("at least 1k yen"),
        Some((Some(1000), None, "JPY".into()))
    );
    assert_eq!(
        amount("less than £9.99"),
        Some((None, Some(999), "GBP".into()))
    );
}

#[test]
fn over_and_under_leave_the_bound_out_at_least_and_up_to_keep_it() {
    let bounds = |question: &str| {
        let range = read(&mut Tokens::new(question), "USD").expect(question);
        (range.min_exclusive, range.max_exclusive)
    };
    assert_eq!(bounds("above 20 euros"), (true, false));
    assert_eq!(bounds("no less than $20"), (false, false));
    assert_eq!(bounds("below 5 bucks"), (false, true));
    assert_eq!(bounds("up to 15 dollars"), (false, false));
    assert_eq!(
        amount("the 42.50 euro charge"),
        Some((Some(4250), Some(4250), "EUR".into()))
    );
    assert_eq!(amount("spending over 6 months"), None);
}

#[test]
fn comparisons_without_money_and_years_are_left_alone() {
    assert_eq!(amount("more than last month"), None);
    assert_eq!(amount("between 2024 and 2025"), None);
    assert_eq!(amount("top 5 merchants"), None);
}

#[test]
fn ranges_describe_themselves() {
    let range = AmountRange {
        min_minor: Some(500),
        max_minor: Some(1500),
        currency: "USD".into(),
        min_exclusive: false,
        max_exclusive: false,
    };
    assert_eq!(range.describe(), "between 5.00 and 15.00 USD");
}
