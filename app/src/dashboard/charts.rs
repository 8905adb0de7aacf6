//! The chart cards: what each chart shows (in minor units, target-independent), the fixed-size
//! frame and skeleton that keep the page from jumping, and the "Show data" table under each.

use std::future::Future;

use leptos::prelude::*;

use super::tables::DataTable;
use crate::{AppError, analytics::Series};

/// Chart height in pixels; the skeleton and the empty state take the same.
pub const CHART_HEIGHT: u32 = 260;

/// One labelled amount: a donut slice or a ranked bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Slice {
    pub label: String,
    pub color: Option<String>,
    pub minor: i64,
}

/// A budget with what it allows and what has been spent against it.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetBar {
    pub label: String,
    pub available_minor: i64,
    pub spent_minor: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ChartSpec {
    /// Shares of a whole, largest first.
    Donut(Vec<Slice>),
    /// Spending per day with its running total and, if there is one, the overall budget.
    Daily {
        days: Vec<String>,
        spent: Vec<i64>,
        budget: Option<i64>,
    },
    /// One stacked bar per month, a segment per series.
    Stacked {
        months: Vec<String>,
        series: Vec<Series>,
    },
    /// Horizontal bars, largest on top.
    Ranking(Vec<Slice>),
    /// One value per label, in order, as a line (the assistant's results over time).
    Line {
        labels: Vec<String>,
        values: Vec<i64>,
    },
    BudgetVsActual(Vec<BudgetBar>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartData {
    pub spec: ChartSpec,
    pub currency: String,
}

impl ChartData {
    fn is_empty(&self) -> bool {
        match &self.spec {
            ChartSpec::Donut(slices) | ChartSpec::Ranking(slices) => slices.is_empty(),
            ChartSpec::Daily { spent, .. } => spent.iter().all(|minor| *minor == 0),
            ChartSpec::Stacked { series, .. } => series.is_empty(),
            ChartSpec::Line { values, .. } => values.is_empty(),
            ChartSpec::BudgetVsActual(bars) => bars.is_empty(),
        }
    }
}

#[component]
fn Skeleton() -> impl IntoView {
    view! {
        <div aria-hidden="true" class="animate-pulse">
            <div class="w-full rounded-lg bg-accent-soft" style=format!("height: {CHART_HEIGHT}px")></div>
            <div class="mt-2 h-5 w-24 rounded bg-accent-soft"></div>
        </div>
    }
}

/// A chart in a card. `load` is called inside the card's `<Transition>`, so the chart streams in
/// on its own and shows a skeleton of its final size meanwhile; when it loads again, the old
/// chart stays until the new one is there.
#[component]
pub fn ChartCard<F, Fut>(
    title: &'static str,
    /// The DOM id ECharts draws into; unique on the page.
    id: &'static str,
    empty: &'static str,
    load: F,
    #[prop(optional)] wide: bool,
) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<ChartData, AppError>> + Send + 'static,
{
    let heading = format!("{id}-title");
    let class = if wide {
        "card min-w-0 p-4 lg:col-span-2"
    } else {
        "card min-w-0 p-4"
    };
    view! {
        <section class=class aria-labelledby=heading.clone() data-testid=id>
            <h2 id=heading.clone() class="mb-3 font-semibold">{title}</h2>
            <Transition fallback=Skeleton>
                {move || {
                    let data = load();
                    Suspend::new(async move {
                        match data.await {
                            Ok(data) if data.is_empty() => view! { <ChartMessage text=empty.to_string()/> }.into_any(),
                            // Not a fault: the range asked for cannot be charted (the form says why).
                            Err(AppError::Validation { message, .. }) => view! { <ChartMessage text=message/> }.into_any(),
                            Ok(data) => view! { <ChartView id title data/> }.into_any(),
                            Err(error) => view! {
                                <p class="form-alert" role="alert">{format!("This chart could not be loaded: {error}")}</p>
                            }
                            .into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

/// A note in place of the chart, as tall as the chart would be.
#[component]
fn ChartMessage(text: String) -> impl IntoView {
    view! {
        <p class="flex items-center justify-center text-center text-sm text-muted" style=format!("height: {CHART_HEIGHT}px")>{text}</p>
    }
}

/// The box ECharts draws `data` into once it has loaded, as tall as every chart.
#[component]
pub fn ChartCanvas(
    /// The DOM id ECharts draws into; unique on the page.
    id: String,
    data: ChartData,
    /// What a screen reader hears instead of the picture.
    label: String,
    #[prop(optional)] test_id: Option<&'static str>,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    super::draw::draw_when_ready(id.clone(), data);
    #[cfg(not(feature = "hydrate"))]
    let _ = data;
    view! {
        <div
            id=id
            class="chart w-full"
            style=format!("height: {CHART_HEIGHT}px")
            role="img"
            aria-label=label
            data-testid=test_id
        ></div>
    }
}

#[component]
fn ChartView(id: &'static str, title: &'static str, data: ChartData) -> impl IntoView {
    view! {
        <ChartCanvas id=id.to_string() data=data.clone() label=format!("{title}; the numbers are under “Show data”")/>
        <details class="mt-2">
            <summary class="cursor-pointer text-sm text-link">"Show data"</summary>
            <DataTable data/>
        </details>
    }
}
