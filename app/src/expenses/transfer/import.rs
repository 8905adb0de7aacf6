//! Importing a CSV file: every row checked first, then all inserted in one transaction, so a bad
//! row aborts the import with its line number and nothing is half-imported.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
};
use serde_json::json;

use super::{ImportOptions, ImportOutcome, ImportPreview, parse};
use crate::{
    AppError,
    budgets::service::raise_alerts,
    categories::{DEFAULT_COLOR, DEFAULT_ICON, rules as category_rules},
    expenses::{
        rules,
        service::{search_text, user_context},
    },
    server::{
        Viewer, activity, clock, data_version, db,
        entities::{
            categories, expenses,
            prelude::{Categories, Expenses},
        },
    },
};

const PREVIEW_ROWS: usize = 10;
/// Rows without a category column, or with an empty cell, go here (created when missing).
const FALLBACK_CATEGORY: &str = "Other";
const INSERT_BATCH: usize = 1_000;

pub async fn preview(
    db: &DatabaseConnection,
    viewer: &Viewer,
    text: &str,
) -> Result<ImportPreview, AppError> {
    let table = parse::read(text)?;
    let suggested = parse::suggest(&table);
    let new_categories = match suggested.category_column {
        Some(column) => new_categories(db, viewer, &table, column).await?,
        None => Vec::new(),
    };
    Ok(ImportPreview {
        suggested,
        new_categories,
        row_count: table.rows.len() as i64,
        rows: table
            .rows
            .iter()
            .take(PREVIEW_ROWS)
            .map(|(_, cells)| cells.clone())
            .collect(),
        headers: table.headers,
    })
}

/// The names in `column` the user has no category for (archived ones count as had), as the file
/// first writes them: what "create categories" would add. `Other` is created anyway.
async fn new_categories(
    db: &DatabaseConnection,
    viewer: &Viewer,
    table: &parse::Table,
    column: usize,
) -> Result<Vec<String>, AppError> {
    let mut known: HashSet<String> = Categories::find()
        .select_only()
        .column(categories::Column::NameKey)
        .filter(categories::Column::UserId.eq(viewer.user_id))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut names = Vec::new();
    for (_, cells) in &table.rows {
        let Some(Ok(name)) = cells
            .get(column)
            .map(|cell| category_rules::name(&parse::unneutralise(cell)))
        else {
            continue;
        };
        if name != FALLBACK_CATEGORY && known.insert(category_rules::name_key(&name)) {
            names.push(name);
        }
    }
    Ok(names)
}

struct Row {
    spent_on: NaiveDate,
    amount_minor: i64,
    currency: &'static str,
    tags: Vec<String>,
    merchant: String,
    note: String,
    category_key: String,
    category_name: String,
}

fn line_error(line: u64, message: impl std::fmt::Display) -> AppError {
    AppError::validation(
        "file",
        format!("Line {line}: {message} Nothing was imported."),
    )
}

pub async fn import(
    db: &DatabaseConnection,
    viewer: &Viewer,
    text: &str,
    options: &ImportOptions,
) -> Result<ImportOutcome, AppError> {
    let context = user_context(viewer);
    let table = parse::read(text)?;
    let column_count = table.headers.len();
    let columns = [
        Some(options.date_column),
        Some(options.amount_column),
        options.merchant_column,
        options.category_column,
        options.note_column,
        options.currency_column,
        options.tags_column,
    ];
    if columns
        .into_iter()
        .flatten()
        .any(|column| column >= column_count)
    {
        return Err(AppError::validation(
            "mapping",
            format!("The file has {column_count} columns; choose columns among them."),
        ));
    }
    let cell = |cells: &[String], column: Option<usize>| {
        column
            .and_then(|column| cells.get(column))
            .map_or_else(String::new, |cell| parse::unneutralise(cell))
    };

    let mut rows = Vec::with_capacity(table.rows.len());
    for (line, cells) in &table.rows {
        let line = *line;
        let date_text = cell(cells, Some(options.date_column));
        let date = parse::date(&date_text, options.date_format).ok_or_else(|| {
            line_error(
                line,
                format!("“{date_text}” is not a date in the chosen format."),
            )
        })?;
        let spent_on =
            rules::spent_on(date, context.today).map_err(|error| line_error(line, error))?;
        let currency = match cell(cells, options.currency_column) {
            code if code.trim().is_empty() => context.base_currency,
            code => rules::currency(&code).map_err(|error| line_error(line, error))?,
        };
        let amount_minor = parse::amount(
            &cell(cells, Some(options.amount_column)),
            options.decimal_separator,
            currency,
        )
        .map_err(|message| line_error(line, message))?;
        let tags = rules::tags(&rules::split_tags(&cell(cells, options.tags_column)))
            .map_err(|error| line_error(line, error))?;
        let merchant = rules::merchant(&cell(cells, options.merchant_column))
            .map_err(|error| line_error(line, error))?;
        let note = rules::note(&cell(cells, options.note_column))
            .map_err(|error| line_error(line, error))?;
        let category_name = match cell(cells, options.category_column) {
            name if name.trim().is_empty() => FALLBACK_CATEGORY.to_string(),
            name => category_rules::name(&name).map_err(|error| line_error(line, error))?,
        };
        rows.push((
            line,
            Row {
                spent_on,
                amount_minor,
                currency: currency.code,
                tags,
                merchant,
                note,
                category_key: category_rules::name_key(&category_name),
                category_name,
            },
        ));
    }

    let txn = db::begin_write(db).await?;
    // First: a user's writes take turns (see `data_version::bump`).
    data_version::bump(&txn, viewer.user_id).await?;
    let existing = Categories::find()
        .filter(categories::Column::UserId.eq(viewer.user_id))
        .all(&txn)
        .await?;
    let archived: HashMap<String, String> = existing
        .iter()
        .filter(|category| category.archived)
        .map(|category| (category.name_key.clone(), category.name.clone()))
        .collect();
    let mut category_ids: HashMap<String, i64> = existing
        .into_iter()
        .map(|category| (category.name_key, category.id))
        .collect();
    let mut created_categories = Vec::new();
    for (line, row) in &rows {
        // As when an expense is recorded by hand: an archived category takes no new expenses.
        if let Some(name) = archived.get(&row.category_key) {
            return Err(line_error(
                *line,
                format!("the category “{name}” is archived. Restore it or choose another one."),
            ));
        }
        if category_ids.contains_key(&row.category_key) {
            continue;
        }
        if !options.create_categories && row.category_name != FALLBACK_CATEGORY {
            return Err(line_error(
                *line,
                format!(
                    "you have no category “{}”. Choose to create missing categories, or rename it.",
                    row.category_name
                ),
            ));
        }
        let category = categories::ActiveModel {
            user_id: Set(viewer.user_id),
            name: Set(row.category_name.clone()),
            name_key: Set(row.category_key.clone()),
            color: Set(DEFAULT_COLOR.into()),
            icon: Set(DEFAULT_ICON.into()),
            archived: Set(false),
            created_at: Set(clock::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        category_ids.insert(row.category_key.clone(), category.id);
        created_categories.push(row.category_name.clone());
    }

    let mut seen = existing_fingerprints(&txn, viewer, &rows).await?;
    let mut skipped_duplicates = Vec::new();
    let now = clock::now();
    let mut models = Vec::with_capacity(rows.len());
    for (line, row) in rows {
        let fingerprint = (
            row.spent_on,
            row.amount_minor,
            row.currency.to_string(),
            row.merchant.to_lowercase(),
        );
        if !seen.insert(fingerprint) && !options.keep_duplicates {
            skipped_duplicates.push(line as i64);
            continue;
        }
        models.push(expenses::ActiveModel {
            user_id: Set(viewer.user_id),
            category_id: Set(category_ids[&row.category_key]),
            amount_minor: Set(row.amount_minor),
            currency: Set(row.currency.into()),
            spent_on: Set(row.spent_on),
            search_text: Set(search_text(&row.merchant, &row.note, &row.tags)),
            tags: Set(serde_json::Value::from(row.tags).to_string()),
            merchant: Set(row.merchant),
            note: Set(row.note),
            receipt_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
    }
    let imported = models.len() as i64;
    let mut models = models.into_iter().peekable();
    while models.peek().is_some() {
        let batch: Vec<_> = models.by_ref().take(INSERT_BATCH).collect();
        Expenses::insert_many(batch).exec(&txn).await?;
    }
    activity::record(
        &txn,
        Some(viewer.user_id),
        "expense.imported",
        json!({ "imported": imported, "skipped_duplicates": skipped_duplicates.len(), "created_categories": created_categories }),
    )
    .await?;
    raise_alerts(&txn, viewer).await?;
    txn.commit().await?;
    Ok(ImportOutcome {
        imported,
        skipped_duplicates,
        created_categories,
    })
}

/// Date, amount, currency and merchant (case-insensitive).
type Fingerprint = (NaiveDate, i64, String, String);

/// What the user already has in the file's date range: a row matching one is a duplicate.
async fn existing_fingerprints(
    db: &impl sea_orm::ConnectionTrait,
    viewer: &Viewer,
    rows: &[(u64, Row)],
) -> Result<HashSet<Fingerprint>, AppError> {
    let (Some(first), Some(last)) = (
        rows.iter().map(|(_, row)| row.spent_on).min(),
        rows.iter().map(|(_, row)| row.spent_on).max(),
    ) else {
        return Ok(HashSet::new());
    };
    let existing: Vec<(NaiveDate, i64, String, String)> = Expenses::find()
        .select_only()
        .column(expenses::Column::SpentOn)
        .column(expenses::Column::AmountMinor)
        .column(expenses::Column::Currency)
        .column(expenses::Column::Merchant)
        .filter(expenses::Column::UserId.eq(viewer.user_id))
        .filter(expenses::Column::SpentOn.between(first, last))
        .into_tuple()
        .all(db)
        .await?;
    Ok(existing
        .into_iter()
        .map(|(date, amount, currency, merchant)| (date, amount, currency, merchant.to_lowercase()))
        .collect())
}
