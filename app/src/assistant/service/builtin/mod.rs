//! The built-in question engine: answers common English questions about the user's own expenses
//! without a language model. A question is split into words, and independent recognisers claim
//! the words they understand (time, amounts, names, intent); a word nobody claims makes the
//! engine say so, with suggestions, rather than guess. The resulting [`Plan`] becomes one SQLite
//! query built with sea-query, and the rows become one sentence.

mod amounts;
mod answer;
mod budget_answer;
mod budget_sql;
mod budgets;
mod compose;
mod dates;
mod days;
mod expressions;
mod filters;
mod groups;
mod intent;
mod names;
mod period;
mod refusals;
mod sql;
mod synonyms;
mod time;
mod tokens;
mod typos;
mod understand;
mod wording;
mod words;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::assistant::{ChartHint, ChartKind};

pub use amounts::{AmountRange, format_money};
pub use answer::{answer, suggestions};
pub use period::{Period, PeriodUnit};
pub use sql::to_sql;

/// What the engine knows about the asking user: the date in their time zone, their currency and
/// the names they use.
pub struct Vocabulary<'a> {
    pub today: NaiveDate,
    pub base_currency: &'a str,
    pub categories: &'a [(i64, String)],
    pub merchants: &'a [String],
}

/// Why a question was not answered, with questions or names the user may have meant.
#[derive(Clone, Debug, PartialEq)]
pub struct NotUnderstood {
    pub message: String,
    pub suggestions: Vec<String>,
}

/// What to compute for each group (or for the whole selection).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Total,
    Count,
    /// Mean amount of one expense.
    Average,
    /// Total spread over every day (week, month) of the period, including days without spending.
    AveragePer(Bucket),
    Largest,
    Smallest,
    /// The matching expenses themselves, newest first.
    List,
    /// Each budget in force in the period's month, against what was spent.
    Budget,
    /// How many different merchants (days, categories...) the expenses have.
    Distinct(Grouping),
}

/// A calendar bucket for time series and per-unit averages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    Day,
    Week,
    Month,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    Category,
    Merchant,
    Time(Bucket),
    Weekday,
    /// Weekends against weekdays.
    PartOfWeek,
    Currency,
}

/// Which days of the week count (0 = Sunday, as SQLite's `strftime('%w')` numbers them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayFilter {
    #[default]
    All,
    Weekends,
    Weekdays,
    Only(u32),
}

/// Which budgets a budget question is about, when it names no category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetScope {
    /// "my budgets": every budget in force.
    #[default]
    All,
    /// "my budget": the overall one (no category).
    Overall,
    /// "which budgets did I go over": those spent past what was available.
    Over,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: i64,
    pub name: String,
}

/// A question understood: what to compute, over which expenses, how to group and rank it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub measure: Measure,
    pub period: Period,
    /// A second period to set against `period`, column by column.
    pub comparison: Option<Period>,
    pub categories: Vec<Category>,
    pub merchants: Vec<String>,
    /// "excluding rent", "except Starbucks".
    #[serde(default)]
    pub excluded_categories: Vec<Category>,
    #[serde(default)]
    pub excluded_merchants: Vec<String>,
    pub amount: Option<AmountRange>,
    pub days: DayFilter,
    /// Only expenses in this currency; `None` keeps every currency apart, one row each.
    pub currency: Option<String>,
    pub group_by: Option<Grouping>,
    pub top_n: Option<u32>,
    /// Smallest first (for "least", "cheapest") instead of largest first.
    pub ascending: bool,
    /// The user asked how the whole splits up, so a share-of-total chart fits.
    pub share: bool,
    /// Only expenses carrying every one of these tags ("tagged work").
    #[serde(default)]
    pub tags: Vec<String>,
    /// Only expenses whose note contains this text.
    #[serde(default)]
    pub note: Option<String>,
    /// Only expenses with (`true`) or without (`false`) a receipt.
    #[serde(default)]
    pub receipt: Option<bool>,
    #[serde(default)]
    pub budgets: BudgetScope,
}

impl Plan {
    /// `measure` over every expense of `period`, nothing else narrowed.
    pub fn new(measure: Measure, period: Period) -> Self {
        Self {
            measure,
            period,
            comparison: None,
            categories: Vec::new(),
            merchants: Vec::new(),
            excluded_categories: Vec::new(),
            excluded_merchants: Vec::new(),
            amount: None,
            days: DayFilter::All,
            currency: None,
            group_by: None,
            top_n: None,
            ascending: false,
            share: false,
            tags: Vec::new(),
            note: None,
            receipt: None,
            budgets: BudgetScope::All,
        }
    }
}

/// Turns `question` into a plan; `previous` is the plan of the question before it in the same
/// conversation, which short follow-ups ("and last year?") modify.
pub fn understand(
    question: &str,
    vocabulary: &Vocabulary,
    previous: Option<&Plan>,
) -> Result<Plan, NotUnderstood> {
    understand::understand(question, vocabulary, previous)
}

/// The chart that suits a plan's rows, or `None` when the answer is a single number or a list.
pub fn chart_for(plan: &Plan) -> Option<ChartHint> {
    let (kind, label) = match plan.group_by? {
        Grouping::Time(_) if plan.top_n.is_none() => (ChartKind::Line, sql::LABEL),
        Grouping::Time(_) => (ChartKind::Bar, sql::LABEL),
        Grouping::Weekday | Grouping::PartOfWeek => (ChartKind::Bar, sql::LABEL),
        Grouping::Category | Grouping::Merchant | Grouping::Currency => {
            let donut = plan.share && plan.top_n.is_none() && plan.comparison.is_none();
            (
                if donut {
                    ChartKind::Donut
                } else {
                    ChartKind::Bar
                },
                sql::LABEL,
            )
        }
    };
    if matches!(
        plan.measure,
        Measure::List
            | Measure::Budget
            | Measure::Largest
            | Measure::Smallest
            | Measure::Distinct(_)
    ) {
        return None;
    }
    Some(ChartHint {
        kind,
        label_column: label.to_string(),
        value_column: sql::value_column(plan.measure).to_string(),
    })
}
