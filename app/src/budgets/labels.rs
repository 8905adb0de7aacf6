//! How months and amounts read on the budgets page: "November 2026", "1,234.50 USD", "−5.00 USD".

use super::Month;
use crate::money::Currency;

/// "November 2026".
pub fn month_name(month: Month) -> String {
    month.first_day().format("%B %Y").to_string()
}

/// "November": for a neighbouring month, where the year goes without saying.
pub fn month_only(month: Month) -> String {
    month.first_day().format("%B").to_string()
}

/// "Nov": the month links on narrow screens.
pub fn month_short(month: Month) -> String {
    month.first_day().format("%b").to_string()
}

/// "1,234.50 USD"; a currency we do not know keeps its minor units and code.
pub fn money(minor: i64, code: &str) -> String {
    Currency::find(code).map_or_else(
        || format!("{minor} {code}"),
        |currency| currency.format_display(minor),
    )
}

/// "+12.00 USD" or "−5.00 USD" (a real minus sign, which screen readers say as "minus").
pub fn signed_money(minor: i64, code: &str) -> String {
    let sign = if minor < 0 { '\u{2212}' } else { '+' };
    format!("{sign}{}", money(minor.saturating_abs(), code))
}

/// "/budgets?month=2026-10": a month's address, which reload, back and shared links restore.
pub fn month_href(month: Month) -> String {
    format!("/budgets?month={month}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_amounts_read_as_people_write_them() {
        let month: Month = "2026-11".parse().expect("valid");
        assert_eq!(month_name(month), "November 2026");
        assert_eq!(month_only(month.previous()), "October");
        assert_eq!(month_short(month.next()), "Dec");
        assert_eq!(money(123_450, "USD"), "1,234.50 USD");
        assert_eq!(signed_money(1_200, "EUR"), "+12.00 EUR");
        assert_eq!(signed_money(-500, "EUR"), "\u{2212}5.00 EUR");
        assert_eq!(month_href(month), "/budgets?month=2026-11");
    }
}
