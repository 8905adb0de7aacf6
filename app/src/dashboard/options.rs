//! Browser only: a chart's ECharts options, built with `charming` from what the card shows.

use charming::{
    Chart,
    component::{Axis, Grid, Legend},
    datatype::DataPointItem,
    element::{
        AxisLabel, AxisType, ItemStyle, LineStyle, LineStyleType, SplitLine, TextStyle, Tooltip,
        Trigger,
    },
    series::{Bar, Line, Pie},
};

use super::charts::{ChartData, ChartSpec, Slice};
use crate::money::Currency;

/// For series without a colour of their own (merchants, budget bars).
const PALETTE: [&str; 8] = [
    "#0f766e", "#2563eb", "#d97706", "#db2777", "#7c3aed", "#16a34a", "#dc2626", "#0891b2",
];

struct Look {
    text: &'static str,
    line: &'static str,
}

impl Look {
    fn new(dark: bool) -> Self {
        if dark {
            Look {
                text: "#d1d5db",
                line: "#374151",
            }
        } else {
            Look {
                text: "#374151",
                line: "#e5e7eb",
            }
        }
    }

    fn category_axis(&self, labels: Vec<String>) -> Axis {
        Axis::new()
            .type_(AxisType::Category)
            .data(labels)
            .axis_label(AxisLabel::new().color(self.text))
    }

    fn value_axis(&self) -> Axis {
        Axis::new()
            .type_(AxisType::Value)
            .axis_label(AxisLabel::new().color(self.text))
            .split_line(SplitLine::new().line_style(LineStyle::new().color(self.line)))
    }

    fn legend(&self) -> Legend {
        Legend::new()
            .bottom(0)
            .type_(charming::component::LegendType::Scroll)
            .text_style(TextStyle::new().color(self.text))
    }
}

/// Tooltips show major units with the currency code; the template is ours, never user text.
fn tooltip(template: String) -> Tooltip {
    Tooltip::new()
        .trigger(Trigger::Item)
        .formatter(template.as_str())
}

pub fn build(data: &ChartData, dark: bool) -> Chart {
    let look = Look::new(dark);
    let exponent = Currency::find(&data.currency).map_or(0, |currency| currency.exponent);
    let scale = 10_f64.powi(i32::from(exponent));
    let major = |minor: i64| minor as f64 / scale;
    let points = |values: &[i64]| -> Vec<DataPointItem> {
        values
            .iter()
            .map(|minor| DataPointItem::new(major(*minor)))
            .collect()
    };
    let code = &data.currency;
    let grid = Grid::new()
        .left(8)
        .right(16)
        .top(16)
        .bottom(40)
        .contain_label(true);
    let chart = Chart::new()
        .background_color("transparent")
        .color(PALETTE.to_vec());
    let item = |slice: &Slice| {
        let point = DataPointItem::new(major(slice.minor)).name(slice.label.clone());
        match &slice.color {
            Some(color) => point.item_style(ItemStyle::new().color(color.as_str())),
            None => point,
        }
    };
    match &data.spec {
        ChartSpec::Donut(slices) => chart
            .tooltip(tooltip(format!("{{b}}: {{c}} {code} ({{d}}%)")))
            .legend(look.legend())
            .series(
                Pie::new()
                    .name("Spent")
                    .radius(vec!["40%", "68%"])
                    .center(vec!["50%", "45%"])
                    .label(charming::element::Label::new().show(false))
                    .item_style(
                        ItemStyle::new()
                            .border_color(if dark { "#111827" } else { "#ffffff" })
                            .border_width(2),
                    )
                    .data(slices.iter().map(item).collect()),
            ),
        ChartSpec::Ranking(slices) => chart
            .tooltip(tooltip(format!("{{b}}: {{c}} {code}")))
            .grid(grid)
            .x_axis(look.value_axis())
            .y_axis(
                look.category_axis(slices.iter().map(|slice| slice.label.clone()).collect())
                    .inverse(true),
            )
            .series(
                Bar::new()
                    .name("Spent")
                    .data(slices.iter().map(item).collect()),
            ),
        ChartSpec::Line { labels, values } => chart
            .tooltip(tooltip(format!("{{b}}: {{c}} {code}")))
            .grid(grid)
            .x_axis(look.category_axis(labels.clone()))
            .y_axis(look.value_axis())
            .series(Line::new().name("Value").data(points(values))),
        ChartSpec::Daily {
            days,
            spent,
            budget,
        } => {
            let labels = days
                .iter()
                .map(|day| day.get(8..).unwrap_or(day).to_string())
                .collect();
            let mut total = 0;
            let running = spent
                .iter()
                .map(|minor| {
                    total += minor;
                    DataPointItem::new(major(total))
                })
                .collect();
            let mut chart = chart
                .tooltip(tooltip(format!("{{a}}, day {{b}}: {{c}} {code}")))
                .legend(look.legend())
                .grid(grid)
                .x_axis(look.category_axis(labels))
                .y_axis(look.value_axis())
                .series(Bar::new().name("Spent").data(points(spent)))
                .series(
                    Line::new()
                        .name("Running total")
                        .show_symbol(false)
                        .data(running),
                );
            if let Some(budget) = budget {
                let flat = days
                    .iter()
                    .map(|_| DataPointItem::new(major(*budget)))
                    .collect();
                chart = chart.series(
                    Line::new()
                        .name("Budget")
                        .show_symbol(false)
                        .line_style(LineStyle::new().type_(LineStyleType::Dashed))
                        .data(flat),
                );
            }
            chart
        }
        ChartSpec::Stacked { months, series } => series.iter().fold(
            chart
                .tooltip(tooltip(format!("{{a}}, {{b}}: {{c}} {code}")))
                .legend(look.legend())
                .grid(grid)
                .x_axis(look.category_axis(months.clone()))
                .y_axis(look.value_axis()),
            |chart, series| {
                let bar = Bar::new().name(series.label.clone()).stack("total").data(
                    series
                        .values
                        .iter()
                        .map(|minor| DataPointItem::new(major(*minor)))
                        .collect(),
                );
                chart.series(match &series.color {
                    Some(color) => bar.item_style(ItemStyle::new().color(color.as_str())),
                    None => bar,
                })
            },
        ),
        ChartSpec::BudgetVsActual(bars) => chart
            .tooltip(tooltip(format!("{{a}}, {{b}}: {{c}} {code}")))
            .legend(look.legend())
            .grid(grid)
            .x_axis(look.category_axis(bars.iter().map(|bar| bar.label.clone()).collect()))
            .y_axis(look.value_axis())
            .series(
                Bar::new().name("Available").data(
                    bars.iter()
                        .map(|bar| DataPointItem::new(major(bar.available_minor)))
                        .collect(),
                ),
            )
            .series(
                Bar::new().name("Spent").data(
                    bars.iter()
                        .map(|bar| DataPointItem::new(major(bar.spent_minor)))
                        .collect(),
                ),
            ),
    }
}
