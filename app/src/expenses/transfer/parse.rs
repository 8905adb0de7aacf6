//! Reading a CSV file: records with their line numbers, dates and amounts in the file's notation,
//! and guessing that notation from the data.

use chrono::NaiveDate;

use super::{DateFormat, DecimalSeparator, ImportOptions};
use crate::{AppError, money::Currency};

/// The most rows one import takes (a decade of daily spending is far less).
pub const MAX_ROWS: usize = 200_000;

pub struct Table {
    pub headers: Vec<String>,
    /// (line number in the file, cells)
    pub rows: Vec<(u64, Vec<String>)>,
}

pub fn read(text: &str) -> Result<Table, AppError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = guess_delimiter(text);
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(AppError::validation(
            "file",
            format!(
                "Line {line}: a quoted cell is never closed, so the rest of the file would be read as one cell. Add the missing quote."
            ),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|error| AppError::bad_request(format!("The file is not readable CSV: {error}")))?
        .iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    if headers.iter().all(String::is_empty) {
        return Err(AppError::validation(
            "file",
            "The file is empty. The first line must name the columns.",
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| {
            let line = error.position().map_or(0, |position| position.line());
            AppError::validation(
                "file",
                format!("Line {line}: the line is not valid CSV ({error})."),
            )
        })?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(AppError::validation(
                "file",
                format!("A file can hold at most {MAX_ROWS} expenses."),
            ));
        }
        let line = record.position().map_or(0, |position| position.line());
        rows.push((line, record.iter().map(str::to_string).collect()));
    }
    Ok(Table { headers, rows })
}

/// Semicolons where the comma is the decimal separator (much of Europe), else commas or tabs.
fn guess_delimiter(text: &str) -> u8 {
    let first_line = text.lines().next().unwrap_or_default();
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|delimiter| first_line.bytes().filter(|byte| byte == delimiter).count())
        .filter(|delimiter| first_line.as_bytes().contains(delimiter))
        .unwrap_or(b',')
}

/// The line where a quoted cell opens that the file never closes. The CSV reader would take the
/// rest of the file as that one cell (a multi-line note, say) without an error. A quote opens a
/// cell only as its first character and `""` inside stays open, as the reader sees it.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<u64> {
    let mut line = 1;
    let mut opened_on = None;
    let mut at_cell_start = true;
    let mut bytes = text.bytes().peekable();
    while let Some(byte) = bytes.next() {
        if byte == b'\n' {
            line += 1;
        }
        if opened_on.is_some() {
            if byte == b'"' && bytes.next_if_eq(&b'"').is_none() {
                opened_on = None;
            }
            continue;
        }
        if byte == b'"' && at_cell_start {
            opened_on = Some(line);
        }
        at_cell_start = matches!(byte, b'\n' | b'\r') || byte == delimiter;
    }
    opened_on
}

/// Undoes the export's formula neutralisation (`'=SUM(A1)` was `=SUM(A1)`), so a round trip
/// keeps the text; it stays plain text in SpendWise either way.
pub fn unneutralise(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

pub fn date(text: &str, format: DateFormat) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.trim().split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (year, month, day) = match format {
        DateFormat::Iso => (a, b, c),
        DateFormat::DayMonthYear => (c, b, a),
        DateFormat::MonthDayYear => (c, a, b),
    };
    if year.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// The amount in minor units. A leading minus (how bank exports write spending) is dropped. The
/// other separator must group thousands: "12,50" in the dot notation is refused, not read as 1250.
pub fn amount(text: &str, separator: DecimalSeparator, currency: Currency) -> Result<i64, String> {
    let text = text.trim().trim_start_matches(['-', '−']).trim();
    let (decimal, grouping) = match separator {
        DecimalSeparator::Dot => ('.', ','),
        DecimalSeparator::Comma => (',', '.'),
    };
    let (whole, fraction) = text.split_once(decimal).unwrap_or((text, ""));
    if whole.split(grouping).skip(1).any(|group| group.len() != 3) || fraction.contains(grouping) {
        return Err(format!(
            "“{text}” does not fit the chosen decimal separator; check the notation."
        ));
    }
    let canonical = text.replace(grouping, "").replace(decimal, ".");
    currency
        .parse_minor(&canonical)
        .map_err(|error| error.to_string())
}

/// Options that read every sample row, found by trying the notations on the data itself.
pub fn suggest(table: &Table) -> ImportOptions {
    let find = |names: &[&str]| {
        table.headers.iter().position(|header| {
            let header = header.to_lowercase();
            names.iter().any(|name| header.contains(name))
        })
    };
    let date_column = find(&["date", "datum", "fecha", "day"]).unwrap_or(0);
    let amount_column = find(&[
        "amount", "betrag", "importe", "sum", "value", "price", "total",
    ])
    .unwrap_or(1);
    let sample: Vec<&Vec<String>> = table
        .rows
        .iter()
        .take(200)
        .map(|(_, cells)| cells)
        .collect();
    let cell = |row: &&Vec<String>, column: usize| row.get(column).cloned().unwrap_or_default();
    let date_format = [
        DateFormat::Iso,
        DateFormat::DayMonthYear,
        DateFormat::MonthDayYear,
    ]
    .into_iter()
    .find(|format| {
        sample
            .iter()
            .all(|row| date(&cell(row, date_column), *format).is_some())
    })
    .unwrap_or_default();
    let comma_decimals = sample.iter().any(|row| {
        let value = cell(row, amount_column);
        value.rfind(',').is_some_and(|comma| {
            value.rfind('.').is_none_or(|dot| dot < comma) && value.len() - comma - 1 <= 2
        })
    });
    ImportOptions {
        date_column,
        amount_column,
        merchant_column: find(&[
            "merchant",
            "payee",
            "empfänger",
            "description",
            "name",
            "shop",
            "store",
        ]),
        category_column: find(&["category", "kategorie", "categoría"]),
        note_column: find(&["note", "notiz", "memo", "comment"]),
        currency_column: find(&["currency", "währung", "moneda"]),
        tags_column: find(&["tags", "labels"]),
        date_format,
        decimal_separator: if comma_decimals {
            DecimalSeparator::Comma
        } else {
            DecimalSeparator::Dot
        },
        create_categories: false,
        keep_duplicates: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::find("EUR").expect("known")
    }

    #[test]
    fn exported_formula_cells_come_back_as_typed() {
        assert_eq!(unneutralise("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unneutralise("'tis the season"), "'tis the season");
        assert_eq!(unneutralise("Café"), "Café");
    }

    #[test]
    fn dates_are_read_in_each_notation() {
        let march = NaiveDate::from_ymd_opt(2026, 3, 31);
        assert_eq!(date("2026-03-31", DateFormat::Iso), march);
        assert_eq!(date("31.03.2026", DateFormat::DayMonthYear), march);
        assert_eq!(date("03/31/2026", DateFormat::MonthDayYear), march);
        assert_eq!(date("31/03/2026", DateFormat::MonthDayYear), None);
        assert_eq!(date("26-03-31", DateFormat::Iso), None);
    }

    #[test]
    fn amounts_follow_the_files_separator() {
        assert_eq!(
            amount("1,234.56", DecimalSeparator::Dot, eur()),
            Ok(123_456)
        );
        assert_eq!(
            amount("1.234,56", DecimalSeparator::Comma, eur()),
            Ok(123_456)
        );
        assert_eq!(amount("-12.50", DecimalSeparator::Dot, eur()), Ok(1250));
        assert!(amount("0", DecimalSeparator::Dot, eur()).is_err());
        assert!(amount("abc", DecimalSeparator::Dot, eur()).is_err());
        assert_eq!(
            amount("1,234,567.8", DecimalSeparator::Dot, eur()),
            Ok(123_456_780)
        );
        assert_eq!(
            amount(
                "1.500",
                DecimalSeparator::Comma,
                Currency::find("JPY").expect("known")
            ),
            Ok(1500)
        );
        assert!(
            amount("12,50", DecimalSeparator::Dot, eur()).is_err(),
            "not 1250"
        );
        assert!(
            amount("12.50", DecimalSeparator::Comma, eur()).is_err(),
            "not 1250"
        );
        assert!(amount("1.234,5.6", DecimalSeparator::Comma, eur()).is_err());
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        assert_eq!(unclosed_quote("a,b\n1,\"x\n2,y\n", b','), Some(2));
        assert_eq!(
            unclosed_quote("a;b\n1;\"x\"\"y\n\"\n2;\"\"\"", b';'),
            Some(4)
        );
        assert_eq!(unclosed_quote("a,b\n1,\"x\"\"y\nz\"\n2,\"\"\n", b','), None);
        assert_eq!(
            unclosed_quote("a,b\n1,5\" screen\n", b','),
            None,
            "a quote inside a cell is text"
        );
        assert!(read("a,b\n1,\"x\n2,y\n").is_err());
    }

    #[test]
    fn the_notation_is_guessed_from_the_data() {
        let table = read("Datum;Betrag;Empfänger;Kategorie\n31.03.2026;12,50;Bäckerei;Dining\n01.04.2026;3,20;Kiosk;Other\n").expect("csv");
        let suggested = suggest(&table);
        assert_eq!(suggested.date_format, DateFormat::DayMonthYear);
        assert_eq!(suggested.decimal_separator, DecimalSeparator::Comma);
        assert_eq!((suggested.date_column, suggested.amount_column), (0, 1));
        assert_eq!(suggested.merchant_column, Some(2));
        assert_eq!(suggested.category_column, Some(3));
        assert_eq!(table.rows[1].0, 3, "line numbers count the header");
    }
}
