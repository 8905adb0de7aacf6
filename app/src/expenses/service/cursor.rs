//! Keyset cursors: the sort value and id of the last row shown, so the next page starts right
//! after it with an index seek (no OFFSET scan, stable under inserts, ties broken by id).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    AppError,
    expenses::query::{Order, SortKey},
};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SortValue {
    Date(NaiveDate),
    Number(i64),
    Text(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub sort: SortKey,
    pub order: Order,
    pub value: SortValue,
    pub id: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        hex::encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// A cursor only continues the sort it was made for; anything else is a stale or forged link.
    pub fn decode(text: &str, sort: SortKey, order: Order) -> Result<Self, AppError> {
        let invalid = || {
            AppError::validation(
                "cursor",
                "This page link is no longer valid. Start from the first page.",
            )
        };
        let bytes = hex::decode(text).map_err(|_| invalid())?;
        let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
        let value_fits = matches!(
            (sort, &cursor.value),
            (SortKey::SpentOn, SortValue::Date(_))
                | (SortKey::Amount, SortValue::Number(_))
                | (SortKey::Category | SortKey::Merchant, SortValue::Text(_))
        );
        if cursor.sort != sort || cursor.order != order || !value_fits {
            return Err(invalid());
        }
        Ok(cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_another_sort() {
        let cursor = Cursor {
            sort: SortKey::SpentOn,
            order: Order::Desc,
            value: SortValue::Date("2026-03-01".parse().expect("date")),
            id: 42,
        };
        let text = cursor.encode();
        assert_eq!(
            Cursor::decode(&text, SortKey::SpentOn, Order::Desc),
            Ok(cursor)
        );
        assert!(Cursor::decode(&text, SortKey::Amount, Order::Desc).is_err());
        assert!(Cursor::decode(&text, SortKey::SpentOn, Order::Asc).is_err());
        assert!(Cursor::decode("zz", SortKey::SpentOn, Order::Desc).is_err());
    }
}
