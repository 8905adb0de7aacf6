//! Query-string values read by hand, so that a bad one is a 422 naming the parameter (axum's
//! typed `Query` would answer a plain-text 400).

use app::AppError;

/// An optional whole number.
pub fn whole_number<T: std::str::FromStr>(
    field: &str,
    value: Option<&str>,
) -> Result<Option<T>, AppError> {
    value
        .map(|text| {
            text.trim().parse().map_err(|_| {
                AppError::validation(field, format!("{field} must be a whole number."))
            })
        })
        .transpose()
}
