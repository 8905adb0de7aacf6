use super::super::{AmountRange, Category, DayFilter};
use super::*;
use chrono::NaiveDate;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

pub fn plan() -> Plan {
    Plan {
        currency: Some("USD".into()),
        ..Plan::new(
            Measure::Total,
            Period::month(2026, 10, today()).expect("month"),
        )
    }
}

pub fn sql(plan: &Plan) -> String {
    let categories = [(1, "Dining".to_string())];
    let vocabulary = Vocabulary {
        today: today(),
        base_currency: "USD",
        categories: &categories,
        merchants: &[],
    };
    to_sql(plan, &vocabulary)
}

/// Every name followed by "(" in the SQL, lower-cased.
fn functions(sql: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut word = String::new();
    for c in sql.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            if c == '(' && !word.is_empty() {
                names.push(word.to_lowercase());
            }
            word.clear();
        }
    }
    names
}

const ALLOWED: &[&str] = &[
    "abs",
    "avg",
    "coalesce",
    "count",
    "date",
    "julianday",
    "lower",
    "max",
    "min",
    "nullif",
    "round",
    "strftime",
    "sum",
    "total",
    "trim",
    "in",
];

#[test]
fn user_text_is_escaped_not_spliced() {
    let mut plan = plan();
    plan.merchants = vec!["Trader Joe's'); DROP TABLE expenses; --".into()];
    let text = sql(&plan);
    assert!(
        text.contains("'trader joe''s''); drop table expenses; --'"),
        "{text}"
    );
}

#[test]
fn only_allow_listed_functions_for_every_shape() {
    let mut plans = Vec::new();
    for measure in [
        Measure::Total,
        Measure::Count,
        Measure::Average,
        Measure::AveragePer(Bucket::Month),
        Measure::Largest,
        Measure::List,
        Measure::Budget,
        Measure::Distinct(Grouping::Merchant),
    ] {
        for group_by in [
            None,
            Some(Grouping::Category),
            Some(Grouping::Merchant),
            Some(Grouping::Weekday),
            Some(Grouping::PartOfWeek),
            Some(Grouping::Currency),
            Some(Grouping::Time(Bucket::Week)),
        ] {
            let mut plan = plan();
            plan.measure = measure;
            plan.group_by = group_by;
            plan.days = DayFilter::Weekends;
            plan.comparison = Period::month(2026, 9, today());
            plans.push(plan);
        }
    }
    let mut all_time = plan();
    all_time.period = Period::all_time(today());
    all_time.measure = Measure::AveragePer(Bucket::Day);
    plans.push(all_time);
    for plan in plans {
        let text = sql(&plan);
        assert!(!text.to_lowercase().contains("recursive"), "{text}");
        for name in functions(&text) {
            assert!(ALLOWED.contains(&name.as_str()), "{name} in {text}");
        }
    }
}

#[test]
fn filters_become_conditions() {
    let mut plan = plan();
    plan.categories = vec![Category {
        id: 1,
        name: "Dining".into(),
    }];
    plan.amount = Some(AmountRange {
        min_minor: Some(500),
        max_minor: Some(1500),
        currency: "USD".into(),
        min_exclusive: false,
        max_exclusive: false,
    });
    plan.days = DayFilter::Weekdays;
    let text = sql(&plan);
    assert!(
        text.contains("\"e\".\"spent_on\" BETWEEN '2026-10-01' AND '2026-10-31'"),
        "{text}"
    );
    assert!(text.contains("\"e\".\"category_id\" IN (1)"), "{text}");
    assert!(
        text.contains("\"e\".\"amount_minor\" >= 500")
            && text.contains("\"e\".\"amount_minor\" <= 1500"),
        "{text}"
    );
    assert!(text.contains("NOT IN ('0', '6')"), "{text}");
    assert!(text.contains("\"e\".\"currency\" = 'USD'"), "{text}");
}

#[test]
fn several_currencies_are_kept_apart() {
    let mut plan = plan();
    plan.currency = None;
    let text = sql(&plan);
    assert!(text.contains("GROUP BY \"e\".\"currency\""), "{text}");
}

#[test]
fn rankings_are_limited_and_series_chronological() {
    let mut plan = plan();
    plan.group_by = Some(Grouping::Merchant);
    plan.top_n = Some(3);
    assert!(sql(&plan).ends_with("ORDER BY \"total_minor\" DESC, \"label\" ASC LIMIT 3"));
    plan.group_by = Some(Grouping::Time(Bucket::Day));
    plan.top_n = None;
    assert!(sql(&plan).ends_with("ORDER BY \"label\" ASC"));
}

#[test]
fn tags_notes_receipts_and_strict_bounds_become_conditions() {
    let mut plan = plan();
    plan.tags = vec!["work".into()];
    plan.note = Some("lunch".into());
    plan.receipt = Some(false);
    plan.amount = Some(AmountRange {
        min_minor: Some(5000),
        max_minor: None,
        currency: "USD".into(),
        min_exclusive: true,
        max_exclusive: false,
    });
    let text = sql(&plan);
    assert!(
        text.contains("lower(\"e\".\"tags\") LIKE '%\"work\"%'"),
        "{text}"
    );
    assert!(
        text.contains("lower(\"e\".\"note\") LIKE '%lunch%'"),
        "{text}"
    );
    assert!(text.contains("\"e\".\"has_receipt\" = 0"), "{text}");
    assert!(text.contains("\"e\".\"amount_minor\" > 5000"), "{text}");
}

#[test]
fn different_things_are_counted_once_across_currencies() {
    let mut plan = plan();
    plan.measure = Measure::Distinct(Grouping::Time(Bucket::Day));
    plan.currency = None;
    let text = sql(&plan);
    assert!(
        text.contains("COUNT(DISTINCT \"e\".\"spent_on\") AS \"distinct_count\""),
        "{text}"
    );
    assert!(!text.contains("GROUP BY"), "{text}");
}
