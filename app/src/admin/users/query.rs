//! The users page's view in the URL (`?q=ann&page=2&delete=7`), so reload, back, shared links and
//! the search form without JavaScript all land on the same list.

use leptos_router::params::ParamsMap;

use crate::admin::addresses::href_with;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UsersQuery {
    /// Part of an email address or display name; `None` lists everyone.
    pub search: Option<String>,
    /// 1-based.
    pub page: u64,
    /// The user whose "delete" dialog is open.
    pub deleting: Option<i64>,
}

impl UsersQuery {
    /// Reads the query; a missing or nonsensical page is the first (a hand-edited `page=0` is
    /// not worth an error page).
    pub fn from_params(params: &ParamsMap) -> Self {
        Self {
            search: params
                .get("q")
                .map(|text| text.trim().to_string())
                .filter(|text| !text.is_empty()),
            page: params
                .get("page")
                .and_then(|page| page.parse::<u64>().ok())
                .filter(|page| *page >= 1)
                .unwrap_or(1),
            deleting: params.get("delete").and_then(|id| id.parse::<i64>().ok()),
        }
    }

    /// The same list on another page.
    pub fn on_page(&self, page: u64) -> Self {
        Self {
            page,
            deleting: None,
            ..self.clone()
        }
    }

    /// The same list with the dialog for `user_id` open (`None` closes it).
    pub fn with_deleting(&self, user_id: Option<i64>) -> Self {
        Self {
            deleting: user_id,
            ..self.clone()
        }
    }

    /// The page's address for this view, leaving out what is default.
    pub fn href(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(search) = &self.search {
            pairs.push(("q", search.clone()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        if let Some(id) = self.deleting {
            pairs.push(("delete", id.to_string()));
        }
        href_with("/admin/users", &pairs)
    }
}

/// How many pages `total` rows fill; an empty list still has its one (empty) page.
pub fn page_count(total: u64, per_page: u64) -> u64 {
    total.div_ceil(per_page.max(1)).max(1)
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
    fn the_query_round_trips_through_its_address() {
        let query = UsersQuery::from_params(&params(&[("q", " ann & co "), ("page", "3")]));
        assert_eq!(query.search.as_deref(), Some("ann & co"));
        assert_eq!(query.page, 3);
        assert_eq!(query.href(), "/admin/users?q=ann%20%26%20co&page=3");
        assert_eq!(
            query.with_deleting(Some(7)).href(),
            "/admin/users?q=ann%20%26%20co&page=3&delete=7"
        );
        assert_eq!(query.on_page(1).href(), "/admin/users?q=ann%20%26%20co");
    }

    #[test]
    fn odd_pages_and_empty_searches_mean_the_first_page_of_everyone() {
        for page in ["0", "-1", "two", ""] {
            let query = UsersQuery::from_params(&params(&[("q", "  "), ("page", page)]));
            assert_eq!(
                query,
                UsersQuery {
                    page: 1,
                    ..Default::default()
                }
            );
            assert_eq!(query.href(), "/admin/users");
        }
    }

    #[test]
    fn pages_are_counted_from_the_total() {
        assert_eq!(page_count(0, 25), 1);
        assert_eq!(page_count(25, 25), 1);
        assert_eq!(page_count(26, 25), 2);
    }
}
