//! The assistant at 100,000 expenses, one question at a time (a person waits for each answer):
//! what copying the user's rows into their sandbox costs after a write, a built-in answer on a
//! warm sandbox (every question different, so none comes from the cache), and a cached answer.

use serde_json::json;

use crate::{print_row, timed};

const ASK: &str = "/api/v1/chatbot/query";

/// Questions of every kind, each made distinct by a number so the answer cache never helps.
fn fresh_question(n: usize) -> String {
    let days = n % 300 + 1;
    match n % 6 {
        0 => format!("how much did I spend in the last {days} days"),
        1 => format!("top {} merchants in the last {days} days", n % 9 + 2),
        2 => format!("spending by category in the last {days} days"),
        3 => format!("how many expenses over ${days} this year"),
        4 => format!("average expense in the last {days} days"),
        _ => format!("spending by month in the last {days} days on groceries"),
    }
}

async fn ask(base: &str, client: &reqwest::Client, question: &str) -> anyhow::Result<()> {
    let reply: serde_json::Value = client
        .post(format!("{base}{ASK}"))
        .json(&json!({ "question": question }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    anyhow::ensure!(
        reply["sql"].is_string(),
        "not answered: {question}: {reply}"
    );
    Ok(())
}

pub async fn run(base: &str, client: &reqwest::Client) -> anyhow::Result<()> {
    let categories: serde_json::Value = client
        .get(format!("{base}/api/v1/categories"))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let category_id = categories["items"][0]["id"].clone();
    let mut copies = 0;
    let after_a_write = timed(5, async || {
        // The write bumps the data version; the question then waits for a fresh copy.
        client
            .post(format!("{base}/api/v1/expenses"))
            .json(
                &json!({ "amount": "1.00", "spent_on": "2026-01-01", "category_id": category_id }),
            )
            .send()
            .await?
            .error_for_status()?;
        copies += 1;
        ask(base, client, &fresh_question(100_000 + copies)).await
    })
    .await?;
    print_row("assistant, write + first question (copy)", &after_a_write);
    let mut n = 0;
    let fresh = timed(300, async || {
        n += 1;
        ask(base, client, &fresh_question(n)).await
    })
    .await?;
    print_row("assistant, built-in answer (warm sandbox)", &fresh);
    let question = "how much did I spend on groceries this month compared to last month";
    ask(base, client, question).await?;
    let cached = timed(300, async || ask(base, client, question).await).await?;
    print_row("assistant, cached answer", &cached);
    Ok(())
}
