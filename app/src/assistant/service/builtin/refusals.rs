//! Questions the assistant must not answer even when their words are understood: requests to
//! change data ("delete my Starbucks expenses", "set my dining budget to $500") and questions
//! about other people's spending ("what did my roommate spend").

use super::tokens::Tokens;

/// Verbs that ask for a change when they open the request.
const CHANGING: &[&str] = &[
    "add",
    "insert",
    "create",
    "record",
    "log",
    "enter",
    "delete",
    "remove",
    "erase",
    "drop",
    "change",
    "update",
    "edit",
    "modify",
    "set",
    "rename",
    "move",
    "cancel",
    "reset",
    "clear",
    "wipe",
    "truncate",
    "alter",
    "replace",
    "raise",
    "lower",
    "merge",
    "import",
    "upload",
    "mark",
    "tag",
    "categorize",
    "categorise",
];

/// Verbs that change data wherever they stand; none has a reading a question needs.
const CHANGING_ANYWHERE: &[&str] = &[
    "delete", "remove", "erase", "insert", "truncate", "rename", "wipe",
];

/// Words that may come before the verb of a request: "please", "can you", "I want to".
const POLITE: &[&str] = &[
    "please", "can", "could", "would", "will", "you", "i", "want", "wanna", "to", "like", "id",
    "lets", "let", "us", "me", "go", "ahead", "and", "just", "quickly", "kindly", "hey", "hi",
    "ok", "okay", "now",
];

/// Other people, whose spending is not the user's to ask about.
const OTHERS: &[&str] = &[
    "user",
    "users",
    "everyone",
    "everybody",
    "people",
    "others",
    "someone",
    "somebody",
    "roommate",
    "roommates",
    "flatmate",
    "wife",
    "husband",
    "boyfriend",
    "girlfriend",
    "neighbor",
    "neighbour",
    "coworker",
    "colleague",
    "colleagues",
    "customers",
    "members",
    "friend",
    "friends",
    "mom",
    "moms",
    "dad",
    "dads",
    "mother",
    "father",
    "parents",
    "brother",
    "sister",
    "boss",
    "partners",
];

/// Why the question must be refused, if it must.
pub fn refusal(tokens: &Tokens) -> Option<&'static str> {
    let words: Vec<&str> = (0..tokens.len()).map(|at| tokens.word(at)).collect();
    let verb = words.iter().copied().find(|word| !POLITE.contains(word));
    // "add up everything over $100" sums; "add a $12 lunch" records.
    let sums = words
        .windows(2)
        .any(|pair| pair[0] == "add" && matches!(pair[1], "up" | "them" | "together"));
    let opens_with_change = verb.is_some_and(|verb| CHANGING.contains(&verb)) && !sums;
    if opens_with_change || words.iter().any(|word| CHANGING_ANYWHERE.contains(word)) {
        return Some(
            "I can only read your expenses and budgets, not add, change or delete them: use the \
             Expenses and Budgets pages for that.",
        );
    }
    let other = |word: &&str| {
        // "my wife's": the possessive, spelled without its mark.
        OTHERS.contains(word)
            || word
                .strip_suffix('s')
                .is_some_and(|one| OTHERS.contains(&one))
    };
    if words.iter().any(other) {
        return Some("I can only answer questions about your own expenses.");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::understand::tests::Words;
    use super::*;

    fn refused(question: &str) -> bool {
        refusal(&Tokens::new(question)).is_some()
    }

    #[test]
    fn changes_and_other_people_are_refused() {
        assert!(refused("please remove the taxi ride from Tuesday"));
        assert!(refused("Could you update my rent to 2000"));
        assert!(refused("log a 5 dollar coffee"));
        assert!(refused("how much do other users spend on food"));
        assert!(refused("what did my flatmate pay for rent"));
        assert!(refused("my husband's spending at target"));
        assert!(!refused("add up my grocery spending"));
        assert!(!refused("how did my spending change this year"));
        assert!(!refused("which budgets did I go over"));
    }

    #[test]
    fn changes_and_other_peoples_spending_are_refused() {
        let words = Words::new();
        for question in [
            "could you delete the Starbucks charge from Monday",
            "rename Dining to Restaurants",
            "please log a 4 euro coffee",
        ] {
            assert!(
                words
                    .refusal(question)
                    .contains("not add, change or delete"),
                "{question}"
            );
        }
        let refusal = words.refusal("what did my flatmate spend on groceries");
        assert!(refusal.contains("your own expenses"));
    }
}
