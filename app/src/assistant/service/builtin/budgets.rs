//! Budget questions: "how am I doing on my budget", "which budgets did I blow", "how much rolled
//! over". Without a category, "my budget" is the overall one and "my budgets" all of them.

use super::{BudgetScope, tokens::Tokens};

const BUDGET_WORDS: &[&str] = &[
    "budgets",
    "budget",
    "on track",
    "left to spend",
    "remaining",
    "left",
    "rollover",
    "rolled over",
    "roll over",
    "rolls over",
    "carried over",
    "carry over",
    "carryover",
    "overspend",
    "overspent",
];

/// Going past a budget.
const OVER_WORDS: &[&str] = &[
    "blow",
    "blew",
    "blown",
    "exceed",
    "exceeded",
    "overspend",
    "overspent",
    "go over",
    "went over",
    "gone over",
    "over",
    "broke",
    "break",
];

/// Whether the question is about budgets and, when so, which ones; the words are claimed.
pub fn read(tokens: &mut Tokens) -> Option<BudgetScope> {
    if !tokens.has_any(BUDGET_WORDS) {
        return None;
    }
    let plural = tokens.has_any(&["budgets", "any budget", "any budgets", "which budget"]);
    let all = tokens.has_any(&["all", "every", "each"]);
    let over = tokens.has_any(OVER_WORDS);
    tokens.take_any(BUDGET_WORDS);
    tokens.take_any(OVER_WORDS);
    tokens.take_any(&["within", "under", "carried", "rolled", "used", "any"]);
    Some(match (plural || all, over) {
        (true, true) => BudgetScope::Over,
        (true, false) => BudgetScope::All,
        (false, _) => BudgetScope::Overall,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{
        Measure,
        understand::tests::{Words, names},
    };
    use super::*;

    fn scope(question: &str) -> Option<BudgetScope> {
        read(&mut Tokens::new(question))
    }

    #[test]
    fn one_budget_all_of_them_or_those_overspent() {
        assert_eq!(
            scope("am I on track this month"),
            Some(BudgetScope::Overall)
        );
        assert_eq!(scope("status of each budget"), Some(BudgetScope::All));
        assert_eq!(
            scope("did I overspend any budget in May"),
            Some(BudgetScope::Over)
        );
        assert_eq!(scope("which budgets went over"), Some(BudgetScope::Over));
        assert_eq!(scope("how much did I spend"), None);
    }

    #[test]
    fn budget_questions_choose_their_budgets() {
        let words = Words::new();
        assert_eq!(
            words.plan("am I on track with my budget").budgets,
            BudgetScope::Overall
        );
        assert_eq!(
            words.plan("status of all budgets").budgets,
            BudgetScope::All
        );
        let plan = words.plan("which budgets did I overspend in october");
        assert_eq!(
            (plan.budgets, plan.period.label.as_str()),
            (BudgetScope::Over, "last month")
        );
        let plan = words.plan("what rolled over into my travel budget");
        assert_eq!(
            (plan.measure, names(&plan).0),
            (Measure::Budget, vec!["Travel"])
        );
    }
}
