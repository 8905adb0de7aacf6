//! The table's view of the expenses: filter, sort, page size and cursor. It lives in the URL
//! query (so reload, back and shared links restore the view) and is read the same way by the page
//! and by `GET /api/v1/expenses`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    #[default]
    All,
    ThisMonth,
    LastMonth,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    SpentOn,
    Amount,
    Category,
    Merchant,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    Asc,
    #[default]
    Desc,
}

pub const PAGE_SIZES: [u32; 3] = [25, 50, 100];
pub const DEFAULT_PAGE_SIZE: u32 = 25;

/// `serde(default)`: the browser sends server function arguments with serde_qs, which leaves out
/// `None` and empty lists, so every field must be optional on the way back in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExpenseQuery {
    pub preset: Preset,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub category_ids: Vec<i64>,
    pub text: Option<String>,
    /// Major units, in the user's base currency's notation.
    pub min_amount: Option<String>,
    pub max_amount: Option<String>,
    pub sort: SortKey,
    pub order: Order,
    pub limit: u32,
    pub cursor: Option<String>,
}

impl Default for ExpenseQuery {
    fn default() -> Self {
        Self {
            preset: Preset::All,
            from: None,
            to: None,
            category_ids: Vec::new(),
            text: None,
            min_amount: None,
            max_amount: None,
            sort: SortKey::SpentOn,
            order: Order::Desc,
            limit: DEFAULT_PAGE_SIZE,
            cursor: None,
        }
    }
}

impl SortKey {
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::SpentOn => "spent_on",
            SortKey::Amount => "amount",
            SortKey::Category => "category",
            SortKey::Merchant => "merchant",
        }
    }
}

impl Order {
    pub fn as_str(self) -> &'static str {
        match self {
            Order::Asc => "asc",
            Order::Desc => "desc",
        }
    }

    pub fn reversed(self) -> Self {
        match self {
            Order::Asc => Order::Desc,
            Order::Desc => Order::Asc,
        }
    }
}

impl Preset {
    pub fn as_str(self) -> &'static str {
        match self {
            Preset::All => "all",
            Preset::ThisMonth => "this_month",
            Preset::LastMonth => "last_month",
        }
    }
}

fn invalid(field: &str, message: &str) -> AppError {
    AppError::validation(field, message)
}

fn date(field: &str, value: &str) -> Result<NaiveDate, AppError> {
    value
        .parse()
        .map_err(|_| invalid(field, "Use a date like 2026-03-31."))
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

impl ExpenseQuery {
    /// Reads the URL query (`category_id` may repeat); unknown keys are refused like unknown JSON
    /// fields, empty values mean "not set".
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, AppError> {
        let mut query = Self::default();
        for (key, value) in pairs {
            if value.trim().is_empty() {
                continue;
            }
            match key {
                "preset" => {
                    query.preset = match value {
                        "all" => Preset::All,
                        "this_month" => Preset::ThisMonth,
                        "last_month" => Preset::LastMonth,
                        _ => return Err(invalid("preset", "Use this_month, last_month or all.")),
                    }
                }
                "from" => query.from = Some(date("from", value)?),
                "to" => query.to = Some(date("to", value)?),
                "category_id" => query.category_ids.push(
                    value
                        .parse()
                        .map_err(|_| invalid("category_id", "A category id is a number."))?,
                ),
                "q" => query.text = non_empty(value),
                "min_amount" => query.min_amount = non_empty(value),
                "max_amount" => query.max_amount = non_empty(value),
                "sort" => {
                    query.sort = match value {
                        "spent_on" => SortKey::SpentOn,
                        "amount" => SortKey::Amount,
                        "category" => SortKey::Category,
                        "merchant" => SortKey::Merchant,
                        _ => {
                            return Err(invalid(
                                "sort",
                                "Sort by spent_on, amount, category or merchant.",
                            ));
                        }
                    }
                }
                "order" => {
                    query.order = match value {
                        "asc" => Order::Asc,
                        "desc" => Order::Desc,
                        _ => return Err(invalid("order", "Order is asc or desc.")),
                    }
                }
                "limit" => {
                    query.limit = value
                        .parse()
                        .ok()
                        .filter(|limit| (1..=100).contains(limit))
                        .ok_or_else(|| invalid("limit", "A page has 1 to 100 rows."))?
                }
                "cursor" => query.cursor = non_empty(value),
                other => {
                    return Err(AppError::validation(
                        other,
                        format!("`{other}` is not a filter of this list."),
                    ));
                }
            }
        }
        query.check()?;
        Ok(query)
    }

    /// The rules that span fields or that a query deserialised from a server function call (not
    /// read by `from_pairs`) must still meet.
    pub fn check(&self) -> Result<(), AppError> {
        if !(1..=100).contains(&self.limit) {
            return Err(invalid("limit", "A page has 1 to 100 rows."));
        }
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(invalid("to", "The end date is before the start date."));
        }
        Ok(())
    }

    /// The query string that reproduces this view (default values left out, so URLs stay short).
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if self.preset != Preset::All {
            pairs.push(("preset", self.preset.as_str().into()));
        }
        if let Some(from) = self.from {
            pairs.push(("from", from.to_string()));
        }
        if let Some(to) = self.to {
            pairs.push(("to", to.to_string()));
        }
        for id in &self.category_ids {
            pairs.push(("category_id", id.to_string()));
        }
        for (key, value) in [
            ("q", &self.text),
            ("min_amount", &self.min_amount),
            ("max_amount", &self.max_amount),
        ] {
            if let Some(value) = value {
                pairs.push((key, value.clone()));
            }
        }
        if self.sort != SortKey::SpentOn {
            pairs.push(("sort", self.sort.as_str().into()));
        }
        if self.order != Order::Desc {
            pairs.push(("order", self.order.as_str().into()));
        }
        if self.limit != DEFAULT_PAGE_SIZE {
            pairs.push(("limit", self.limit.to_string()));
        }
        if let Some(cursor) = &self.cursor {
            pairs.push(("cursor", cursor.clone()));
        }
        pairs
            .into_iter()
            .map(|(key, value)| format!("{key}={}", encode(&value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The same view from its first page (after a filter or sort change).
    pub fn first_page(&self) -> Self {
        Self {
            cursor: None,
            ..self.clone()
        }
    }

    /// Whether any filter narrows the list (for the empty-state message).
    pub fn is_filtered(&self) -> bool {
        self.preset != Preset::All
            || self.from.is_some()
            || self.to.is_some()
            || !self.category_ids.is_empty()
            || self.text.is_some()
            || self.min_amount.is_some()
            || self.max_amount.is_some()
    }
}

/// Percent-encoding for query values (RFC 3986 unreserved characters pass).
pub(crate) fn encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_survives_the_round_trip_through_the_url() {
        let query = ExpenseQuery {
            preset: Preset::LastMonth,
            category_ids: vec![3, 7],
            text: Some("café & co".into()),
            min_amount: Some("5".into()),
            sort: SortKey::Amount,
            order: Order::Asc,
            limit: 50,
            cursor: Some("abc".into()),
            ..ExpenseQuery::default()
        };
        let url = query.to_query_string();
        let pairs: Vec<(String, String)> = url
            .split('&')
            .map(|pair| {
                let (key, value) = pair.split_once('=').expect("key=value");
                (key.to_string(), decode(value))
            })
            .collect();
        let parsed = ExpenseQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .expect("valid");
        assert_eq!(parsed, query);
        assert_eq!(ExpenseQuery::default().to_query_string(), "");
    }

    fn decode(value: &str) -> String {
        let bytes = value.as_bytes();
        let mut out = Vec::new();
        let mut index = 0;
        while index < bytes.len() {
            if bytes[index] == b'%' {
                out.push(u8::from_str_radix(&value[index + 1..index + 3], 16).expect("hex"));
                index += 3;
            } else {
                out.push(bytes[index]);
                index += 1;
            }
        }
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn bad_values_and_unknown_keys_name_their_field() {
        let error = |pairs: &[(&str, &str)]| {
            ExpenseQuery::from_pairs(pairs.iter().copied())
                .expect_err("refused")
                .field()
                .map(str::to_string)
        };
        assert_eq!(error(&[("sort", "price")]).as_deref(), Some("sort"));
        assert_eq!(error(&[("limit", "500")]).as_deref(), Some("limit"));
        assert_eq!(error(&[("from", "yesterday")]).as_deref(), Some("from"));
        assert_eq!(
            error(&[("from", "2026-02-01"), ("to", "2026-01-01")]).as_deref(),
            Some("to")
        );
        assert_eq!(error(&[("user_id", "2")]).as_deref(), Some("user_id"));
        assert!(
            ExpenseQuery::from_pairs([("q", " "), ("limit", "")]).is_ok(),
            "empty means unset"
        );
    }
}
