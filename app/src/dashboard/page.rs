//! The dashboard page: the cards first, then each chart streaming in on its own. The range in the
//! URL drives the category and merchant charts; the daily, yearly and budget charts always show
//! this month and the last twelve. Every Resource also reads the live data-change counter, and
//! sits in a `<Transition>`, so a change made elsewhere redraws the numbers without skeletons.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    cards::HeadlineCards,
    charts::{BudgetBar, ChartCard, ChartData, ChartSpec, Slice},
    picker::{CustomRangeForm, RangePicker},
    range::DashboardRange,
};
use crate::{
    AppError,
    analytics::{
        Overview, RangeQuery, Trends,
        api::{get_overview, get_trends},
    },
    live::client::use_data_changes,
};

/// Categories or merchants beyond this many are too thin to read in a chart.
const TOP_MERCHANTS: usize = 10;

fn slices(trends: &Trends) -> Vec<Slice> {
    trends
        .series
        .iter()
        .filter(|series| series.total_minor > 0)
        .map(|series| Slice {
            label: series.label.clone(),
            color: series.color.clone(),
            minor: series.total_minor,
        })
        .collect()
}

fn by_category(trends: Trends) -> ChartData {
    ChartData {
        spec: ChartSpec::Donut(slices(&trends)),
        currency: trends.currency,
    }
}

fn by_merchant(trends: Trends) -> ChartData {
    let mut top = slices(&trends);
    top.truncate(TOP_MERCHANTS);
    ChartData {
        spec: ChartSpec::Ranking(top),
        currency: trends.currency,
    }
}

/// One value per day, all categories together.
fn daily(trends: Trends, overview: &Overview) -> ChartData {
    let spent = (0..trends.buckets.len())
        .map(|index| {
            trends
                .series
                .iter()
                .filter_map(|series| series.values.get(index))
                .sum()
        })
        .collect();
    let budget = overview
        .budgets
        .lines
        .iter()
        .find(|line| line.category_id.is_none() && line.currency == trends.currency)
        .map(|line| line.available_minor);
    ChartData {
        spec: ChartSpec::Daily {
            days: trends.buckets,
            spent,
            budget,
        },
        currency: trends.currency,
    }
}

fn monthly(trends: Trends) -> ChartData {
    let series = trends
        .series
        .into_iter()
        .filter(|series| series.total_minor > 0)
        .collect();
    ChartData {
        spec: ChartSpec::Stacked {
            months: trends.buckets,
            series,
        },
        currency: trends.currency,
    }
}

/// Budgets in other currencies cannot share an axis with the base currency, so they are left out.
fn budget_vs_actual(overview: Overview) -> ChartData {
    let bars = overview
        .budgets
        .lines
        .iter()
        .filter(|line| line.currency == overview.currency)
        .map(|line| BudgetBar {
            label: line
                .category_name
                .clone()
                .unwrap_or_else(|| "Overall".into()),
            available_minor: line.available_minor,
            spent_minor: line.spent_minor,
        })
        .collect();
    ChartData {
        spec: ChartSpec::BudgetVsActual(bars),
        currency: overview.currency,
    }
}

/// The range's trends; a custom range the form cannot accept is not sent to the server.
async fn trends_in(range: DashboardRange, by: &str) -> Result<Trends, AppError> {
    if range.problem().is_some() {
        return Err(AppError::validation(
            "range",
            "Choose the dates of the custom range above.",
        ));
    }
    get_trends(range.query(by)).await
}

fn fixed(range: &str, group: &str) -> RangeQuery {
    RangeQuery {
        range: Some(range.into()),
        group: Some(group.into()),
        ..RangeQuery::default()
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let params = use_query_map();
    let range = Memo::new(move |_| {
        params.with(|params| {
            DashboardRange::parse(
                params.get_str("range"),
                params.get_str("from"),
                params.get_str("to"),
            )
        })
    });
    let changes = use_data_changes();
    let overview = Resource::new(move || changes.get(), |_| get_overview());
    let categories = Resource::new(
        move || (range.get(), changes.get()),
        |(range, _)| trends_in(range, "category"),
    );
    let merchants = Resource::new(
        move || (range.get(), changes.get()),
        |(range, _)| trends_in(range, "merchant"),
    );
    let this_month = Resource::new(
        move || changes.get(),
        |_| get_trends(fixed("this_month", "day")),
    );
    let last_year = Resource::new(
        move || changes.get(),
        |_| get_trends(fixed("last_12_months", "month")),
    );
    #[cfg(feature = "hydrate")]
    super::draw::load_echarts();

    view! {
        <Title text="Dashboard"/>
        <div class="space-y-6">
            <h1 class="text-2xl font-bold tracking-tight">"Dashboard"</h1>
            <Transition fallback=|| view! { <div class="h-28 animate-pulse rounded-xl bg-accent-soft" aria-hidden="true"></div> }>
                {move || Suspend::new(async move {
                    overview.await.map(|overview| view! { <HeadlineCards overview/> })
                })}
            </Transition>
            <div class="flex flex-wrap items-center justify-between gap-3">
                <h2 class="text-lg font-semibold">"Where the money went"</h2>
                <RangePicker current=range/>
            </div>
            {move || range.get().is_custom().then(|| view! { <CustomRangeForm range=range.get()/> })}
            <div class="grid grid-cols-1 gap-4 lg:grid-cols-2">
                <ChartCard
                    title="Spending by category"
                    id="chart-categories"
                    empty="Nothing spent in this range."
                    load=move || async move { categories.await.map(by_category) }
                />
                <ChartCard
                    title="Top merchants"
                    id="chart-merchants"
                    empty="No merchants in this range."
                    load=move || async move { merchants.await.map(by_merchant) }
                />
                <ChartCard
                    title="This month, day by day"
                    id="chart-daily"
                    empty="Nothing spent this month yet."
                    wide=true
                    load=move || async move {
                        let trends = this_month.await?;
                        let overview = overview.await?;
                        Ok::<_, AppError>(daily(trends, &overview))
                    }
                />
                <ChartCard
                    title="Last 12 months"
                    id="chart-months"
                    empty="Nothing spent in the last 12 months."
                    wide=true
                    load=move || async move { last_year.await.map(monthly) }
                />
                <ChartCard
                    title="Budget vs actual this month"
                    id="chart-budgets"
                    empty="No budgets this month."
                    wide=true
                    load=move || async move { overview.await.map(budget_vs_actual) }
                />
            </div>
        </div>
    }
}
