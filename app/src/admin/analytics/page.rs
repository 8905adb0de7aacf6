//! `/admin/analytics`: what the assistant and the console run, how fast and how reliably, what
//! the assistant could not answer (what to teach it next), and how much the instance is used.
//! The window is in the URL (`?days=7`); everything comes from one request.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    AdminAnalytics, CountSeries, DEFAULT_DAYS, DailyCounts, SlowQuery, UnansweredQuestion,
};
use crate::{
    admin::{
        api::load_analytics,
        cards::{StatCards, TableCard},
        nav::AdminHeader,
        timestamps::Timestamp,
    },
    analytics::{Series, TopQuery},
    dashboard::charts::{ChartCard, ChartData, ChartSpec},
};

/// The windows offered; any other `days` from 1 to 365 works from the URL.
const WINDOWS: [u32; 3] = [7, 30, 90];

#[component]
pub fn AnalyticsPage() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    crate::dashboard::draw::load_echarts();
    let params = use_query_map();
    let days = Memo::new(move |_| {
        params.with(|params| params.get("days").and_then(|days| days.parse::<u32>().ok()))
    });
    let analytics = Resource::new(move || days.get(), load_analytics);
    let chart = move |pick: fn(&AdminAnalytics) -> &DailyCounts, unit: &'static str| {
        move || async move {
            analytics
                .await
                .map(|analytics| counts_chart(pick(&analytics), unit))
        }
    };
    view! {
        <Title text="Query analytics · Admin"/>
        <div class="mx-auto w-full max-w-6xl space-y-6">
            <AdminHeader title="Query analytics">
                <WindowPicker days=Signal::derive(move || days.get().unwrap_or(DEFAULT_DAYS))/>
            </AdminHeader>
            <Transition fallback=|| view! { <p class="text-muted">"Loading analytics…"</p> }>
                {move || Suspend::new(async move {
                    match analytics.await {
                        Ok(analytics) => view! { <Summary analytics/> }.into_any(),
                        Err(error) => view! { <p class="form-alert" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
            <div class="grid gap-4 lg:grid-cols-2">
                <ChartCard
                    title="Queries per day, by origin"
                    id="queries-per-day"
                    empty="No queries in this window yet."
                    load=chart(|analytics| &analytics.queries_per_day, "queries")
                    wide=true
                />
                <ChartCard
                    title="Activity per day"
                    id="usage-per-day"
                    empty="No activity in this window yet."
                    load=chart(|analytics| &analytics.usage_per_day, "")
                    wide=true
                />
            </div>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    analytics.await.ok().map(|analytics| view! {
                        <TopQueries queries=analytics.top_queries/>
                        <div class="grid gap-4 lg:grid-cols-2">
                            <Slowest runs=analytics.slowest/>
                            <Unanswered questions=analytics.unanswered/>
                        </div>
                    })
                })}
            </Transition>
        </div>
    }
}

/// The daily counts as stacked bars, a segment per series; `unit` follows each figure.
fn counts_chart(counts: &DailyCounts, unit: &str) -> ChartData {
    let series = counts
        .series
        .iter()
        .map(|series| Series {
            key: series.name.clone(),
            label: label_of(&series.name).to_string(),
            color: None,
            values: series.values.iter().map(|&count| count as i64).collect(),
            total_minor: series.total as i64,
        })
        .collect();
    ChartData {
        spec: ChartSpec::Stacked {
            months: counts
                .days
                .iter()
                .map(|day| day.format("%d %b").to_string())
                .collect(),
            series,
        },
        currency: unit.to_string(),
    }
}

fn label_of(series: &str) -> &str {
    match series {
        "assistant" => "Assistant",
        "console" => "Console",
        "active_users" => "Active users",
        "expenses_created" => "Expenses created",
        other => other,
    }
}

#[component]
fn WindowPicker(days: Signal<u32>) -> impl IntoView {
    let links = WINDOWS
        .into_iter()
        .map(|window| {
            let current = move || (days.get() == window).then_some("page");
            view! {
                <a href=format!("/admin/analytics?days={window}") class="nav-link" aria-current=current>
                    {format!("{window} days")}
                </a>
            }
        })
        .collect_view();
    view! { <nav aria-label="Window" class="flex gap-1" data-testid="analytics-window">{links}</nav> }
}

fn total(series: &[CountSeries]) -> u64 {
    series.iter().map(|series| series.total).sum()
}

#[component]
fn Summary(analytics: AdminAnalytics) -> impl IntoView {
    let runs: i64 = analytics.top_queries.iter().map(|query| query.count).sum();
    let errors: i64 = analytics.top_queries.iter().map(|query| query.errors).sum();
    let error_rate = if runs == 0 {
        "–".to_string()
    } else {
        percent(errors, runs)
    };
    let storage = &analytics.receipt_storage;
    let cards = [
        (
            "Queries",
            total(&analytics.queries_per_day.series).to_string(),
            format!("in the last {} days", analytics.days),
        ),
        (
            "Error rate",
            error_rate,
            "of the top queries' runs".to_string(),
        ),
        (
            "Unanswered questions",
            analytics.unanswered.len().to_string(),
            "distinct, to teach the assistant".to_string(),
        ),
        (
            "Receipt storage",
            megabytes(storage.bytes),
            format!("{} receipts", storage.receipts),
        ),
    ];
    view! { <StatCards label="Summary" testid="analytics-summary" cards=Vec::from(cards)/> }
}

fn percent(part: i64, whole: i64) -> String {
    let tenths = (part * 1000 + whole / 2) / whole.max(1);
    format!("{}.{} %", tenths / 10, tenths % 10)
}

fn megabytes(bytes: u64) -> String {
    let tenths = (bytes * 10 + 524_288) / 1_048_576;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

fn sql_cell(sql: String) -> impl IntoView {
    let whole = sql.clone();
    view! { <td class="py-2 pr-3"><code class="block max-w-md truncate font-mono text-xs" title=whole>{sql}</code></td> }
}

fn number_cell(text: String) -> impl IntoView {
    view! { <td class="py-2 pr-3 text-right tabular-nums">{text}</td> }
}

#[component]
fn TopQueries(queries: Vec<TopQuery>) -> impl IntoView {
    let rows = queries
        .into_iter()
        .map(|query| {
            view! {
                <tr class="border-t border-line">
                    {sql_cell(query.sql)}
                    <td class="py-2 pr-3">{label_of(&query.origin).to_string()}</td>
                    {number_cell(query.count.to_string())}
                    {number_cell(percent(query.errors, query.count))}
                    {number_cell(format!("{} ms", query.p50_ms))}
                    {number_cell(format!("{} ms", query.p95_ms))}
                    <td class="py-2"><Timestamp at=query.last_run_at with_time=true/></td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <TableCard
            title="Top queries"
            id="top-queries"
            empty="Nothing has run in this window yet."
            headings=&[("Query (literals as ?)", false), ("Origin", false), ("Runs", true), ("Errors", true), ("p50", true), ("p95", true), ("Last run", false)]
            rows
        />
    }
}

#[component]
fn Slowest(runs: Vec<SlowQuery>) -> impl IntoView {
    let rows = runs
        .into_iter()
        .map(|run| {
            let failed = run.status != "ok";
            view! {
                <tr class="border-t border-line">
                    {sql_cell(run.sql)}
                    {number_cell(format!("{} ms", run.duration_ms))}
                    <td class="py-2" class:text-danger=failed>{run.status}</td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <TableCard
            title="Slowest runs"
            id="slowest-queries"
            empty="Nothing has run in this window yet."
            headings=&[("Query", false), ("Took", true), ("Status", false)]
            rows
        />
    }
}

#[component]
fn Unanswered(questions: Vec<UnansweredQuestion>) -> impl IntoView {
    let rows = questions
        .into_iter()
        .map(|question| {
            view! {
                <tr class="border-t border-line">
                    <td class="py-2 pr-3">{question.question}</td>
                    {number_cell(question.times.to_string())}
                    <td class="py-2"><Timestamp at=question.last_asked_at/></td>
                </tr>
            }
            .into_any()
        })
        .collect();
    view! {
        <TableCard
            title="Questions the assistant could not answer"
            id="unanswered-questions"
            empty="The assistant understood every question in this window."
            headings=&[("Question", false), ("Asked", true), ("Last", false)]
            rows
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_well() {
        assert_eq!(percent(1, 3), "33.3 %");
        assert_eq!(percent(0, 7), "0.0 %");
        assert_eq!(megabytes(0), "0.0 MB");
        assert_eq!(megabytes(1_572_864), "1.5 MB");
    }

    #[test]
    fn counts_become_stacked_bars_in_their_unit() {
        let counts = DailyCounts {
            days: vec![chrono::NaiveDate::from_ymd_opt(2026, 12, 5).expect("a date")],
            series: vec![CountSeries {
                name: "console".into(),
                values: vec![3],
                total: 3,
            }],
        };
        let chart = counts_chart(&counts, "queries");
        assert_eq!(chart.currency, "queries");
        let ChartSpec::Stacked { months, series } = chart.spec else {
            panic!("stacked bars")
        };
        assert_eq!(months, ["05 Dec"]);
        assert_eq!(series[0].label, "Console");
        assert_eq!(series[0].values, [3]);
    }
}
