//! `/api/v1/expenses`: the same service the expenses page uses.

use app::{
    AppError,
    expenses::{
        ExpenseChanges, ExpensePage, ExpenseView, NewExpense,
        query::ExpenseQuery,
        service,
        transfer::{self, ImportOptions, ImportOutcome, ImportPreview},
    },
    server::{AppState, Viewer},
};
use axum::{
    Json,
    extract::{Path, Query, RawQuery, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use utoipa::IntoParams;

use super::json::{ApiJson, ErrorResponse};

/// The list's query parameters, as documentation (they are read by `ExpenseQuery::from_pairs`).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ListParams {
    /// `this_month`, `last_month` or `all` (default).
    preset: Option<String>,
    /// First day, `YYYY-MM-DD`.
    from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    to: Option<String>,
    /// Repeat for several categories.
    category_id: Option<Vec<i64>>,
    /// Text in the merchant, note or tags.
    q: Option<String>,
    /// In major units of the user's base currency, e.g. `12.50`.
    min_amount: Option<String>,
    max_amount: Option<String>,
    /// `spent_on` (default), `amount`, `category` or `merchant`.
    sort: Option<String>,
    /// `desc` (default) or `asc`.
    order: Option<String>,
    /// Rows per page, 1–100 (default 25).
    limit: Option<u32>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// One page of the user's expenses, with the total count and per-currency sums of the filter.
#[utoipa::path(get, path = "/expenses", tag = "expenses", security(("bearer" = [])), params(ListParams), responses(
    (status = 200, body = ExpensePage), (status = 401, body = ErrorResponse), (status = 422, body = ErrorResponse),
))]
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
) -> Result<Json<ExpensePage>, AppError> {
    let query = expense_query(query.as_deref())?;
    service::list_expenses(&state.db, &state.expense_totals, &viewer, &query)
        .await
        .map(Json)
}

/// The list's view from a raw query string (`category_id` may repeat, so no typed `Query`).
fn expense_query(raw: Option<&str>) -> Result<ExpenseQuery, AppError> {
    let pairs = serde_urlencoded::from_str::<Vec<(String, String)>>(raw.unwrap_or_default())
        .map_err(|_| AppError::bad_request("The query string is malformed."))?;
    ExpenseQuery::from_pairs(
        pairs
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str())),
    )
}

/// Record an expense.
#[utoipa::path(post, path = "/expenses", tag = "expenses", security(("bearer" = [])), request_body = NewExpense, responses(
    (status = 201, body = ExpenseView), (status = 401, body = ErrorResponse), (status = 422, body = ErrorResponse),
))]
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    ApiJson(input): ApiJson<NewExpense>,
) -> Result<(StatusCode, Json<ExpenseView>), AppError> {
    let expense = service::create_expense(&state.db, &viewer, &input).await?;
    Ok((StatusCode::CREATED, Json(expense)))
}

#[utoipa::path(get, path = "/expenses/{id}", tag = "expenses", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Expense id")),
    responses((status = 200, body = ExpenseView), (status = 404, body = ErrorResponse)),
)]
pub async fn get(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<ExpenseView>, AppError> {
    service::get_expense(&state.db, &viewer, id).await.map(Json)
}

/// Change some fields of an expense; `updated_at` moves, `created_at` stays.
#[utoipa::path(patch, path = "/expenses/{id}", tag = "expenses", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Expense id")), request_body = ExpenseChanges,
    responses((status = 200, body = ExpenseView), (status = 404, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    ApiJson(changes): ApiJson<ExpenseChanges>,
) -> Result<Json<ExpenseView>, AppError> {
    service::update_expense(&state.db, &state.receipts, &viewer, id, &changes)
        .await
        .map(Json)
}

#[derive(Debug, Default, serde::Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DeleteParams {
    /// Delete the expense's receipt too (by default it stays, free to attach again).
    #[serde(default)]
    delete_receipt: bool,
}

/// Delete an expense; the answer is what was deleted.
#[utoipa::path(delete, path = "/expenses/{id}", tag = "expenses", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Expense id"), DeleteParams),
    responses((status = 200, body = ExpenseView), (status = 404, body = ErrorResponse)),
)]
pub async fn delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(params): Query<DeleteParams>,
) -> Result<Json<ExpenseView>, AppError> {
    service::delete_expense(
        &state.db,
        &state.receipts,
        &viewer,
        id,
        params.delete_receipt,
    )
    .await
    .map(Json)
}

/// CSV of every expense matching the filter (the list's parameters; sort and paging ignored).
#[utoipa::path(get, path = "/expenses/export", tag = "expenses", security(("bearer" = [])), params(ListParams), responses(
    (status = 200, content_type = "text/csv", body = String), (status = 401, body = ErrorResponse), (status = 422, body = ErrorResponse),
))]
pub async fn export(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let query = expense_query(query.as_deref())?;
    let csv = transfer::export::export_csv(&state.db, &viewer, &query).await?;
    let filename = format!(
        "spendwise-expenses-{}.csv",
        chrono::Utc::now().format("%Y-%m-%d")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        csv,
    )
        .into_response())
}

/// Read a CSV file (the request body, `text/csv`) and suggest how to import it; nothing is written.
#[utoipa::path(post, path = "/expenses/import/preview", tag = "expenses", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportPreview), (status = 400, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn import_preview(
    State(state): State<AppState>,
    viewer: Viewer,
    body: String,
) -> Result<Json<ImportPreview>, AppError> {
    transfer::import::preview(&state.db, &viewer, &body)
        .await
        .map(Json)
}

/// Import a CSV file (the request body, `text/csv`) with the given column mapping, in one
/// transaction: every row or none, a bad row named by its line number.
#[utoipa::path(post, path = "/expenses/import", tag = "expenses", security(("bearer" = [])),
    params(ImportOptions), request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportOutcome), (status = 413, body = ErrorResponse), (status = 422, body = ErrorResponse)),
)]
pub async fn import(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(options): Query<ImportOptions>,
    body: String,
) -> Result<Json<ImportOutcome>, AppError> {
    transfer::import::import(&state.db, &viewer, &body, &options)
        .await
        .map(Json)
}
