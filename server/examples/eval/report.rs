//! The printed report: accuracy per kind and overall, then every failure with what to look at.

use serde_json::Value;

/// One question asked and judged.
pub struct Outcome {
    pub id: String,
    pub kind: String,
    /// The earlier turns and the question, joined with " → ".
    pub question: String,
    pub expected: Value,
    pub answer: String,
    pub sql: Option<String>,
    pub verdict: Result<(), String>,
    /// The model was configured but the built-in engine answered.
    pub fell_back: bool,
}

/// (kind, questions, correct), kinds in the order they first appear.
pub fn tally(outcomes: &[Outcome]) -> Vec<(String, usize, usize)> {
    let mut kinds: Vec<(String, usize, usize)> = Vec::new();
    for outcome in outcomes {
        let index = match kinds.iter().position(|(kind, ..)| *kind == outcome.kind) {
            Some(index) => index,
            None => {
                kinds.push((outcome.kind.clone(), 0, 0));
                kinds.len() - 1
            }
        };
        kinds[index].1 += 1;
        kinds[index].2 += usize::from(outcome.verdict.is_ok());
    }
    kinds
}

fn percent(correct: usize, questions: usize) -> f64 {
    match questions {
        0 => 0.0,
        _ => correct as f64 * 100.0 / questions as f64,
    }
}

/// Prints the table, then the failures (or, `verbose`, every answer).
pub fn print(title: &str, outcomes: &[Outcome], verbose: bool) {
    println!("\n## {title}\n");
    println!("| kind | questions | correct | accuracy |");
    println!("|---|---:|---:|---:|");
    let kinds = tally(outcomes);
    for (kind, questions, correct) in &kinds {
        let accuracy = percent(*correct, *questions);
        println!("| {kind} | {questions} | {correct} | {accuracy:.1}% |");
    }
    let questions: usize = kinds.iter().map(|(_, questions, _)| questions).sum();
    let correct: usize = kinds.iter().map(|(.., correct)| correct).sum();
    let accuracy = percent(correct, questions);
    println!("| **overall** | {questions} | {correct} | **{accuracy:.1}%** |");
    let fell_back = outcomes.iter().filter(|outcome| outcome.fell_back).count();
    if fell_back > 0 {
        let own = outcomes.len() - fell_back;
        let own_correct = outcomes
            .iter()
            .filter(|outcome| !outcome.fell_back && outcome.verdict.is_ok())
            .count();
        println!(
            "\n{fell_back} answered by the built-in engine after the model failed; the model's \
             own answers: {own_correct} of {own} correct."
        );
    }
    let shown: Vec<&Outcome> = outcomes
        .iter()
        .filter(|outcome| verbose || outcome.verdict.is_err())
        .collect();
    if shown.is_empty() {
        return;
    }
    let failures = outcomes.iter().filter(|o| o.verdict.is_err()).count();
    match verbose {
        true => println!("\n### Answers ({failures} wrong)\n"),
        false => println!("\n### Failures ({failures})\n"),
    }
    for outcome in shown {
        let verdict = match &outcome.verdict {
            Ok(()) => "correct".to_string(),
            Err(why) => why.clone(),
        };
        println!("- {} [{}]: {}", outcome.id, outcome.kind, outcome.question);
        println!("  expected: {}", outcome.expected);
        println!("  got:      {verdict}: {}", outcome.answer);
        if let Some(sql) = &outcome.sql {
            println!("  sql:      {sql}");
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn outcome(kind: &str, correct: bool) -> Outcome {
        Outcome {
            id: String::new(),
            kind: kind.into(),
            question: String::new(),
            expected: json!({}),
            answer: String::new(),
            sql: None,
            verdict: if correct { Ok(()) } else { Err("no".into()) },
            fell_back: false,
        }
    }

    #[test]
    fn kinds_are_counted_in_order_of_appearance() {
        let outcomes = [
            outcome("total", true),
            outcome("count", false),
            outcome("total", false),
        ];
        assert_eq!(
            tally(&outcomes),
            [("total".into(), 2, 1), ("count".into(), 1, 0)]
        );
        assert_eq!(percent(1, 3).round(), 33.0);
    }
}
