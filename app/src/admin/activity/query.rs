//! The activity page's view in the URL (`?kind=admin.&user_id=7&before=120`): the filter form is a
//! plain GET form, and "Older" is a link carrying the cursor.

use leptos_router::params::ParamsMap;

use crate::{
    AppError,
    admin::{ActivityFilter, addresses::href_with},
};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityQuery {
    /// A kind or the start of one, e.g. `admin.`.
    pub kind: Option<String>,
    pub user_id: Option<i64>,
    /// Only entries older than this id (the previous page's `next_before`).
    pub before: Option<i64>,
}

fn whole_number(params: &ParamsMap, key: &str, message: &str) -> Result<Option<i64>, AppError> {
    match params.get(key).map(|text| text.trim().to_string()) {
        None => Ok(None),
        Some(text) if text.is_empty() => Ok(None),
        Some(text) => text
            .parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::validation(key, message)),
    }
}

impl ActivityQuery {
    pub fn from_params(params: &ParamsMap) -> Result<Self, AppError> {
        Ok(Self {
            kind: params
                .get("kind")
                .map(|kind| kind.trim().to_string())
                .filter(|kind| !kind.is_empty()),
            user_id: whole_number(params, "user_id", "The user id is a whole number, e.g. 7.")?,
            before: whole_number(
                params,
                "before",
                "This page link is broken: start again from the newest.",
            )?,
        })
    }

    pub fn filter(&self) -> ActivityFilter {
        ActivityFilter {
            user_id: self.user_id,
            kind: self.kind.clone(),
            before: self.before,
            limit: None,
        }
    }

    /// The same filter from the newest entry.
    pub fn newest(&self) -> Self {
        Self {
            before: None,
            ..self.clone()
        }
    }

    pub fn older_than(&self, before: i64) -> Self {
        Self {
            before: Some(before),
            ..self.clone()
        }
    }

    pub fn is_filtered(&self) -> bool {
        self.kind.is_some() || self.user_id.is_some()
    }

    pub fn href(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(kind) = &self.kind {
            pairs.push(("kind", kind.clone()));
        }
        if let Some(user_id) = self.user_id {
            pairs.push(("user_id", user_id.to_string()));
        }
        if let Some(before) = self.before {
            pairs.push(("before", before.to_string()));
        }
        href_with("/admin/activity", &pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&'static str, &str)]) -> ParamsMap {
        let mut params = ParamsMap::new();
        for (key, value) in pairs {
            params.insert(*key, value.to_string());
        }
        params
    }

    #[test]
    fn the_filter_round_trips_through_its_address() {
        let query = ActivityQuery::from_params(&params(&[("kind", " admin. "), ("user_id", "7")]))
            .expect("valid");
        assert_eq!(query.href(), "/admin/activity?kind=admin.&user_id=7");
        assert_eq!(
            query.older_than(120).href(),
            "/admin/activity?kind=admin.&user_id=7&before=120"
        );
        assert_eq!(query.older_than(120).newest(), query);
    }

    #[test]
    fn empty_fields_are_no_filter_and_words_are_no_user_id() {
        let empty = ActivityQuery::from_params(&params(&[("kind", ""), ("user_id", " ")]));
        assert_eq!(empty, Ok(ActivityQuery::default()));
        let wrong = ActivityQuery::from_params(&params(&[("user_id", "ann")]));
        assert_eq!(
            wrong
                .err()
                .and_then(|error| error.field().map(str::to_string))
                .as_deref(),
            Some("user_id")
        );
    }
}
