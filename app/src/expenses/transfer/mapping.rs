//! Step 2 of an import: the file's first rows, and which column holds what, prefilled from the
//! server's suggestion and changed with selects. Each column's header says what it is read as.

use leptos::prelude::*;

use super::{DateFormat, DecimalSeparator, ImportOptions, ImportPreview};

/// What a column can be read as.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Date,
    Amount,
    Merchant,
    Category,
    Note,
    Currency,
    Tags,
}

impl Field {
    const ALL: [Self; 7] = [
        Self::Date,
        Self::Amount,
        Self::Merchant,
        Self::Category,
        Self::Note,
        Self::Currency,
        Self::Tags,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::Date => "Date",
            Self::Amount => "Amount",
            Self::Merchant => "Merchant",
            Self::Category => "Category",
            Self::Note => "Note",
            Self::Currency => "Currency",
            Self::Tags => "Tags",
        }
    }

    fn hint(self) -> Option<&'static str> {
        match self {
            Self::Category => Some("Empty cells go to “Other”."),
            Self::Currency => Some("Empty cells mean your base currency."),
            Self::Tags => Some("Comma-separated."),
            _ => None,
        }
    }

    /// Date and amount must come from a column; the rest may be left out.
    fn required(self) -> bool {
        matches!(self, Self::Date | Self::Amount)
    }

    pub fn column(self, options: &ImportOptions) -> Option<usize> {
        match self {
            Self::Date => Some(options.date_column),
            Self::Amount => Some(options.amount_column),
            Self::Merchant => options.merchant_column,
            Self::Category => options.category_column,
            Self::Note => options.note_column,
            Self::Currency => options.currency_column,
            Self::Tags => options.tags_column,
        }
    }

    fn set_column(self, options: &mut ImportOptions, column: Option<usize>) {
        match (self, column) {
            (Self::Date, Some(column)) => options.date_column = column,
            (Self::Amount, Some(column)) => options.amount_column = column,
            (Self::Date | Self::Amount, None) => {}
            (Self::Merchant, column) => options.merchant_column = column,
            (Self::Category, column) => options.category_column = column,
            (Self::Note, column) => options.note_column = column,
            (Self::Currency, column) => options.currency_column = column,
            (Self::Tags, column) => options.tags_column = column,
        }
    }
}

/// A header as the selects show it (a nameless column by its position).
fn column_name(headers: &[String], column: usize) -> String {
    match headers.get(column).map(|header| header.trim()) {
        Some(header) if !header.is_empty() => header.to_string(),
        _ => format!("Column {}", column + 1),
    }
}

/// The file's first rows under their headers, each header marked with the fields read from it.
#[component]
pub fn PreviewTable(preview: ImportPreview, options: RwSignal<ImportOptions>) -> impl IntoView {
    let headers = (0..preview.headers.len())
        .map(|column| {
            let name = column_name(&preview.headers, column);
            let fields = move || {
                options.with(|options| {
                    Field::ALL
                        .into_iter()
                        .filter(|field| field.column(options) == Some(column))
                        .map(|field| view! { <span class="badge">{field.label()}</span> })
                        .collect_view()
                })
            };
            view! {
                <th scope="col">
                    <span class="block">{name}</span>
                    <span class="mt-1 flex flex-wrap gap-1" data-testid="column-fields">{fields}</span>
                </th>
            }
        })
        .collect_view();
    let rows = preview
        .rows
        .into_iter()
        .map(|cells| {
            let cells = cells
                .into_iter()
                .map(|cell| view! { <td>{cell}</td> })
                .collect_view();
            view! { <tr data-testid="preview-row">{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="card table-card">
            <table class="expense-table" data-testid="preview-table">
                <thead><tr>{headers}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A select per field, over the file's columns.
#[component]
pub fn ColumnSelects(headers: Vec<String>, options: RwSignal<ImportOptions>) -> impl IntoView {
    let selects = Field::ALL
        .into_iter()
        .map(|field| {
            let id = format!("import-{}", field.label().to_lowercase());
            let hint_id = format!("{id}-hint");
            let current = options.with_untracked(|options| field.column(options));
            let none = (!field.required()).then(|| {
                view! { <option value="" selected=current.is_none()>"— none —"</option> }
            });
            let columns = (0..headers.len())
                .map(|column| {
                    view! {
                        <option value=column.to_string() selected=current == Some(column)>
                            {column_name(&headers, column)}
                        </option>
                    }
                })
                .collect_view();
            let on_change = move |event| {
                let column = event_target_value(&event).parse::<usize>().ok();
                options.update(|options| field.set_column(options, column));
            };
            let hint = field.hint();
            view! {
                <div class="field">
                    <label for=id.clone() class="field-label">{field.label()}</label>
                    <select
                        id=id
                        class="field-input"
                        aria-describedby=hint.map(|_| hint_id.clone())
                        on:change=on_change
                    >
                        {none}
                        {columns}
                    </select>
                    {hint.map(|hint| view! { <p id=hint_id class="field-hint">{hint}</p> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="space-y-3">
            <legend class="font-semibold">"Columns"</legend>
            <div class="grid grid-cols-2 gap-x-3 gap-y-4 lg:grid-cols-4">{selects}</div>
        </fieldset>
    }
}

const DATE_FORMATS: [(DateFormat, &str, &str); 3] = [
    (DateFormat::Iso, "iso", "Year-month-day (2026-03-31)"),
    (
        DateFormat::DayMonthYear,
        "day_month_year",
        "Day/month/year (31/03/2026)",
    ),
    (
        DateFormat::MonthDayYear,
        "month_day_year",
        "Month/day/year (03/31/2026)",
    ),
];

const SEPARATORS: [(DecimalSeparator, &str, &str); 2] = [
    (DecimalSeparator::Dot, "dot", "Dot (1,234.56)"),
    (DecimalSeparator::Comma, "comma", "Comma (1.234,56)"),
];

/// How the file writes dates and amounts.
#[component]
pub fn NotationSelects(options: RwSignal<ImportOptions>) -> impl IntoView {
    let (date_format, separator) =
        options.with_untracked(|options| (options.date_format, options.decimal_separator));
    let date_choices = DATE_FORMATS
        .into_iter()
        .map(|(format, value, label)| {
            view! { <option value=value selected=format == date_format>{label}</option> }
        })
        .collect_view();
    let separator_choices = SEPARATORS
        .into_iter()
        .map(|(choice, value, label)| {
            view! { <option value=value selected=choice == separator>{label}</option> }
        })
        .collect_view();
    let on_date_format = move |event| {
        let value = event_target_value(&event);
        if let Some((format, ..)) = DATE_FORMATS.iter().find(|(_, name, _)| *name == value) {
            options.update(|options| options.date_format = *format);
        }
    };
    let on_separator = move |event| {
        let value = event_target_value(&event);
        if let Some((choice, ..)) = SEPARATORS.iter().find(|(_, name, _)| *name == value) {
            options.update(|options| options.decimal_separator = *choice);
        }
    };
    view! {
        <fieldset class="space-y-3">
            <legend class="font-semibold">"Notation"</legend>
            <div class="grid grid-cols-1 gap-x-3 gap-y-4 sm:grid-cols-2">
                <div class="field">
                    <label for="import-date-format" class="field-label">"Date format"</label>
                    <select id="import-date-format" class="field-input" on:change=on_date_format>
                        {date_choices}
                    </select>
                </div>
                <div class="field">
                    <label for="import-decimal-separator" class="field-label">"Decimal separator"</label>
                    <select id="import-decimal-separator" class="field-input" on:change=on_separator>
                        {separator_choices}
                    </select>
                </div>
            </div>
        </fieldset>
    }
}
