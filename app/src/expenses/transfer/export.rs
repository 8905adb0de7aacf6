//! Exporting the current filter as CSV, safe to open in a spreadsheet.

use sea_orm::{DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    AppError,
    expenses::{
        query::ExpenseQuery,
        service::{filter_condition, user_context, view},
    },
    server::{
        Viewer,
        entities::{
            expenses,
            prelude::{Categories, Expenses},
        },
    },
};

const HEADER: [&str; 7] = [
    "date", "amount", "currency", "category", "merchant", "note", "tags",
];

/// All expenses matching the query's filter (sort and paging are ignored), newest first.
pub async fn export_csv(
    db: &DatabaseConnection,
    viewer: &Viewer,
    query: &ExpenseQuery,
) -> Result<String, AppError> {
    let context = user_context(viewer);
    let rows = Expenses::find()
        .find_also_related(Categories)
        .filter(filter_condition(viewer, query, &context)?)
        .order_by_desc(expenses::Column::SpentOn)
        .order_by_desc(expenses::Column::Id)
        .all(db)
        .await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |error: csv::Error| {
        tracing::error!(%error, "could not write the CSV export");
        AppError::Internal
    };
    writer.write_record(HEADER).map_err(failed)?;
    for (expense, category) in rows {
        let Some(category) = category else { continue };
        let expense = view(expense, &category);
        let record = [
            expense.spent_on.to_string(),
            expense.amount,
            expense.currency,
            expense.category_name,
            expense.merchant,
            expense.note,
            expense.tags.join(", "),
        ];
        writer
            .write_record(record.iter().map(|cell| neutralise(cell)))
            .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| failed(error.into_error().into()))?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}

/// A cell a spreadsheet would run as a formula (= + - @, or a leading tab or carriage return)
/// gets a leading apostrophe (OWASP CSV injection).
fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("Café"), "Café");
        assert_eq!(neutralise("12.50"), "12.50");
    }
}
