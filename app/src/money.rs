//! Money is never a float: integer minor units plus an ISO 4217 currency.

/// A currency we can store and format: its code, how many minor-unit digits it has, its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency {
    pub code: &'static str,
    pub exponent: u8,
    pub name: &'static str,
}

const fn currency(code: &'static str, exponent: u8, name: &'static str) -> Currency {
    Currency {
        code,
        exponent,
        name,
    }
}

/// The currencies offered in the app, by code (ISO 4217 minor units).
pub const CURRENCIES: &[Currency] = &[
    currency("AED", 2, "UAE dirham"),
    currency("ARS", 2, "Argentine peso"),
    currency("AUD", 2, "Australian dollar"),
    currency("BGN", 2, "Bulgarian lev"),
    currency("BHD", 3, "Bahraini dinar"),
    currency("BRL", 2, "Brazilian real"),
    currency("CAD", 2, "Canadian dollar"),
    currency("CHF", 2, "Swiss franc"),
    currency("CLP", 0, "Chilean peso"),
    currency("CNY", 2, "Chinese yuan"),
    currency("COP", 2, "Colombian peso"),
    currency("CZK", 2, "Czech koruna"),
    currency("DKK", 2, "Danish krone"),
    currency("EGP", 2, "Egyptian pound"),
    currency("EUR", 2, "Euro"),
    currency("GBP", 2, "Pound sterling"),
    currency("HKD", 2, "Hong Kong dollar"),
    currency("HUF", 2, "Hungarian forint"),
    currency("IDR", 2, "Indonesian rupiah"),
    currency("ILS", 2, "Israeli new shekel"),
    currency("INR", 2, "Indian rupee"),
    currency("ISK", 0, "Icelandic króna"),
    currency("JOD", 3, "Jordanian dinar"),
    currency("JPY", 0, "Japanese yen"),
    currency("KES", 2, "Kenyan shilling"),
    currency("KRW", 0, "South Korean won"),
    currency("KWD", 3, "Kuwaiti dinar"),
    currency("MAD", 2, "Moroccan dirham"),
    currency("MXN", 2, "Mexican peso"),
    currency("MYR", 2, "Malaysian ringgit"),
    currency("NGN", 2, "Nigerian naira"),
    currency("NOK", 2, "Norwegian krone"),
    currency("NZD", 2, "New Zealand dollar"),
    currency("PEN", 2, "Peruvian sol"),
    currency("PHP", 2, "Philippine peso"),
    currency("PKR", 2, "Pakistani rupee"),
    currency("PLN", 2, "Polish złoty"),
    currency("RON", 2, "Romanian leu"),
    currency("RSD", 2, "Serbian dinar"),
    currency("SAR", 2, "Saudi riyal"),
    currency("SEK", 2, "Swedish krona"),
    currency("SGD", 2, "Singapore dollar"),
    currency("THB", 2, "Thai baht"),
    currency("TRY", 2, "Turkish lira"),
    currency("TWD", 2, "New Taiwan dollar"),
    currency("UAH", 2, "Ukrainian hryvnia"),
    currency("USD", 2, "US dollar"),
    currency("VND", 0, "Vietnamese đồng"),
    currency("ZAR", 2, "South African rand"),
];

impl Currency {
    /// What an account whose stored currency we no longer know is shown in.
    pub const FALLBACK: Currency = currency("USD", 2, "US dollar");

    pub fn find(code: &str) -> Option<Currency> {
        CURRENCIES
            .binary_search_by(|currency| currency.code.cmp(code))
            .ok()
            .map(|index| CURRENCIES[index])
    }

    /// Reads an amount typed in major units ("12.34", "1,234.5", "12,50") into minor units,
    /// exactly: no floating point anywhere. At most `exponent` decimals; a lone comma followed
    /// by one to `exponent` digits is read as the decimal separator.
    pub fn parse_minor(self, text: &str) -> Result<i64, AmountError> {
        let text = text.trim().replace([' ', '\u{a0}', '\''], "");
        if text.is_empty() {
            return Err(AmountError::Empty);
        }
        if text.starts_with('-') {
            return Err(AmountError::NotPositive);
        }
        let normalised = normalise_separators(&text, self.exponent);
        let (whole, fraction) = normalised.split_once('.').unwrap_or((&normalised, ""));
        let digits_only = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty())
            || !digits_only(whole)
            || !digits_only(fraction)
        {
            return Err(AmountError::NotANumber);
        }
        if fraction.len() > usize::from(self.exponent) {
            return Err(AmountError::TooManyDecimals(self.exponent));
        }
        let scale = 10_i64.pow(u32::from(self.exponent));
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| AmountError::TooLarge)?
        };
        let fraction_value: i64 = if fraction.is_empty() {
            0
        } else {
            let padded = format!("{fraction:0<width$}", width = usize::from(self.exponent));
            padded.parse().map_err(|_| AmountError::NotANumber)?
        };
        let minor = whole
            .checked_mul(scale)
            .and_then(|value| value.checked_add(fraction_value))
            .ok_or(AmountError::TooLarge)?;
        if minor <= 0 {
            return Err(AmountError::NotPositive);
        }
        if minor > MAX_AMOUNT_MINOR {
            return Err(AmountError::TooLarge);
        }
        Ok(minor)
    }

    /// Minor units as a plain decimal string in major units: `1234` EUR → `"12.34"`.
    pub fn format_plain(self, minor: i64) -> String {
        if self.exponent == 0 {
            return minor.to_string();
        }
        let scale = 10_i64.pow(u32::from(self.exponent));
        let sign = if minor < 0 { "-" } else { "" };
        let minor = minor.unsigned_abs();
        let scale = scale.unsigned_abs();
        format!(
            "{sign}{}.{:0width$}",
            minor / scale,
            minor % scale,
            width = usize::from(self.exponent)
        )
    }

    /// For people: thousands separated, with the code, e.g. `1,234.50 EUR`.
    pub fn format_display(self, minor: i64) -> String {
        let plain = self.format_plain(minor);
        let (sign, unsigned) = plain
            .strip_prefix('-')
            .map_or(("", plain.as_str()), |rest| ("-", rest));
        let (whole, fraction) = unsigned
            .split_once('.')
            .map_or((unsigned, None), |(w, f)| (w, Some(f)));
        let mut grouped = String::new();
        for (index, digit) in whole.chars().enumerate() {
            if index > 0 && (whole.len() - index) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        match fraction {
            Some(fraction) => format!("{sign}{grouped}.{fraction} {}", self.code),
            None => format!("{sign}{grouped} {}", self.code),
        }
    }
}

/// The largest amount an expense may have: one trillion in minor units.
pub const MAX_AMOUNT_MINOR: i64 = 1_000_000_000_000;

/// "1.234,56" and "1,234.56" both mean 1234.56; "12,5" means 12.5 when commas are not thousands.
fn normalise_separators(text: &str, exponent: u8) -> String {
    let last_dot = text.rfind('.');
    let last_comma = text.rfind(',');
    match (last_dot, last_comma) {
        (Some(dot), Some(comma)) if comma > dot => text.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => text.replace(',', ""),
        (None, Some(comma)) => {
            let decimals = text.len() - comma - 1;
            let single_comma = text.matches(',').count() == 1;
            if single_comma && (1..=usize::from(exponent)).contains(&decimals) && decimals != 3 {
                text.replace(',', ".")
            } else {
                text.replace(',', "")
            }
        }
        _ => text.to_string(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("Enter an amount.")]
    Empty,
    #[error("Enter the amount as a number, like 12.34.")]
    NotANumber,
    #[error("The amount must be more than zero.")]
    NotPositive,
    #[error("This currency has {0} decimal places at most.")]
    TooManyDecimals(u8),
    #[error("The amount is too large.")]
    TooLarge,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_so_lookups_find_every_code() {
        assert!(
            CURRENCIES
                .windows(2)
                .all(|pair| pair[0].code < pair[1].code)
        );
        for currency in CURRENCIES {
            assert_eq!(Currency::find(currency.code), Some(*currency));
        }
        assert_eq!(Currency::find("JPY").map(|c| c.exponent), Some(0));
        assert_eq!(Currency::find("XYZ"), None);
    }

    fn currency_of(code: &str) -> Currency {
        Currency::find(code).expect("known currency")
    }

    #[test]
    fn amounts_are_read_exactly_in_minor_units() {
        let eur = currency_of("EUR");
        assert_eq!(eur.parse_minor("12.34"), Ok(1234));
        assert_eq!(eur.parse_minor("12.3"), Ok(1230));
        assert_eq!(eur.parse_minor("12"), Ok(1200));
        assert_eq!(eur.parse_minor(".5"), Ok(50));
        assert_eq!(eur.parse_minor("12,50"), Ok(1250));
        assert_eq!(eur.parse_minor("1.234,56"), Ok(123_456));
        assert_eq!(eur.parse_minor("1,234.56"), Ok(123_456));
        assert_eq!(eur.parse_minor("1,234"), Ok(123_400));
        assert_eq!(eur.parse_minor("0.1"), Ok(10), "no float rounding");
        assert_eq!(currency_of("JPY").parse_minor("1500"), Ok(1500));
        assert_eq!(currency_of("BHD").parse_minor("1.234"), Ok(1234));
    }

    #[test]
    fn bad_amounts_say_what_is_wrong() {
        let eur = currency_of("EUR");
        assert_eq!(eur.parse_minor(""), Err(AmountError::Empty));
        assert_eq!(eur.parse_minor("abc"), Err(AmountError::NotANumber));
        assert_eq!(eur.parse_minor("1e5"), Err(AmountError::NotANumber));
        assert_eq!(eur.parse_minor("-5"), Err(AmountError::NotPositive));
        assert_eq!(eur.parse_minor("0.00"), Err(AmountError::NotPositive));
        assert_eq!(
            eur.parse_minor("1.234"),
            Err(AmountError::TooManyDecimals(2))
        );
        assert_eq!(
            currency_of("JPY").parse_minor("1.5"),
            Err(AmountError::TooManyDecimals(0))
        );
        assert_eq!(
            eur.parse_minor("10000000000.01"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            eur.parse_minor("99999999999999999999"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(eur.parse_minor("10000000000"), Ok(MAX_AMOUNT_MINOR));
    }

    #[test]
    fn amounts_are_formatted_from_minor_units() {
        let eur = currency_of("EUR");
        assert_eq!(eur.format_plain(1234), "12.34");
        assert_eq!(eur.format_plain(5), "0.05");
        assert_eq!(eur.format_plain(-5), "-0.05");
        assert_eq!(currency_of("JPY").format_plain(1500), "1500");
        assert_eq!(eur.format_display(123_456_789), "1,234,567.89 EUR");
        assert_eq!(currency_of("JPY").format_display(1500), "1,500 JPY");
        for minor in [1, 99, 100, 12_345, MAX_AMOUNT_MINOR] {
            assert_eq!(eur.parse_minor(&eur.format_plain(minor)), Ok(minor));
        }
    }
}
