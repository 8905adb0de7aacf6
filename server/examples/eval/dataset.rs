//! `eval/dataset.json` and `eval/questions.json` as `generate.py` writes them (see
//! `eval/README.md`); the dataset's rows are the sandbox's own row types.

use std::path::Path;

use anyhow::Context as _;
use app::assistant::service::{BudgetRow, CategoryRow, ExpenseRow};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
pub struct Dataset {
    pub today: NaiveDate,
    pub time_zone: String,
    pub base_currency: String,
    pub categories: Vec<CategoryRow>,
    pub budgets: Vec<BudgetRow>,
    pub expenses: Vec<ExpenseRow>,
}

/// One question of `questions.json`; `turns` are the earlier questions of its conversation.
#[derive(Deserialize)]
pub struct Question {
    pub id: String,
    pub kind: String,
    pub question: String,
    #[serde(default)]
    pub turns: Vec<String>,
    pub expected: Value,
}

fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> anyhow::Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

impl Dataset {
    pub fn read(dir: &Path) -> anyhow::Result<Self> {
        read(&dir.join("dataset.json"))
    }
}

pub fn questions(dir: &Path) -> anyhow::Result<Vec<Question>> {
    read(&dir.join("questions.json"))
}
