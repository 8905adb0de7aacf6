//! The filters above the table: preset links, and a GET form (dates, categories, amounts, text,
//! page size) that works as a plain HTML form and, once hydrated, navigates in the page.

use chrono::{Datelike, Months, NaiveDate};
use leptos::{html, prelude::*};
use leptos_router::hooks::use_navigate;

use super::{
    page::list_href,
    query::{ExpenseQuery, PAGE_SIZES, Preset},
    setup::EntrySetup,
};
use crate::ui::icons::Icon;

/// The id of the search box (`/` focuses it).
pub const SEARCH_ID: &str = "expense-search";

/// The days a preset covers in the user's calendar (the server computes the same).
fn preset_range(preset: Preset, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let month_start = today.with_day(1)?;
    match preset {
        Preset::All => None,
        Preset::ThisMonth => Some((month_start, today)),
        Preset::LastMonth => Some((
            month_start.checked_sub_months(Months::new(1))?,
            month_start.pred_opt()?,
        )),
    }
}

/// The preset the view amounts to: named in the URL, or the same days typed as a range.
fn active_preset(query: &ExpenseQuery, today: NaiveDate) -> Preset {
    if query.preset != Preset::All {
        return query.preset;
    }
    [Preset::ThisMonth, Preset::LastMonth]
        .into_iter()
        .find(|preset| {
            let range = preset_range(*preset, today);
            range.is_some() && range == query.from.zip(query.to)
        })
        .unwrap_or(Preset::All)
}

#[component]
pub fn PresetLinks(query: ExpenseQuery, today: NaiveDate) -> impl IntoView {
    let active = active_preset(&query, today);
    let links = [
        (Preset::ThisMonth, "This month"),
        (Preset::LastMonth, "Last month"),
        (Preset::All, "All"),
    ]
    .into_iter()
    .map(|(preset, label)| {
        let target = ExpenseQuery {
            preset,
            from: None,
            to: None,
            ..query.first_page()
        };
        let current = (preset == active
            && (preset != Preset::All || (query.from.is_none() && query.to.is_none())))
        .then_some("true");
        view! {
            <a href=list_href(&target) class="segment" aria-current=current>
                {label}
            </a>
        }
    })
    .collect_view();
    view! {
        <nav aria-label="Period" class="segments" data-testid="presets">
            {links}
        </nav>
    }
}

/// The filter form. A preset's days are written into the date boxes, so whatever the form sends
/// means the same as the view it shows.
#[component]
pub fn FilterForm(query: ExpenseQuery, setup: EntrySetup) -> impl IntoView {
    let range = preset_range(query.preset, setup.today);
    let from = range
        .map(|(from, _)| from)
        .or(query.from)
        .map(|date| date.to_string())
        .unwrap_or_default();
    let to = range
        .map(|(_, to)| to)
        .or(query.to)
        .map(|date| date.to_string())
        .unwrap_or_default();
    let form = NodeRef::<html::Form>::new();
    let problem = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    // Once hydrated, the form navigates in the page, to the short canonical URL of its view.
    let submit = move |event: leptos::ev::SubmitEvent| {
        let Ok(data) = leptos::form::form_data_from_event(&event) else {
            return;
        };
        let text = |name: &str| data.get(name).as_string().unwrap_or_default();
        let mut pairs: Vec<(String, String)> = [
            "from",
            "to",
            "q",
            "min_amount",
            "max_amount",
            "sort",
            "order",
            "limit",
        ]
        .into_iter()
        .map(|name| (name.to_string(), text(name)))
        .collect();
        pairs.extend(
            data.get_all("category_id")
                .iter()
                .filter_map(|id| id.as_string())
                .map(|id| ("category_id".to_string(), id)),
        );
        event.prevent_default();
        match ExpenseQuery::from_pairs(
            pairs
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        ) {
            Ok(query) => {
                problem.set(None);
                navigate(&list_href(&query), Default::default());
            }
            Err(error) => problem.set(Some(error.to_string())),
        }
    };
    let submit_now = move |_| {
        if let Some(form) = form.get_untracked() {
            let _ = form.request_submit();
        }
    };
    let selected = query.category_ids.clone();
    let chosen = selected.len();
    let categories = setup
        .categories
        .into_iter()
        .map(|category| {
            let checked = selected.contains(&category.id);
            let label = if category.archived { format!("{} (archived)", category.name) } else { category.name.clone() };
            view! {
                <label class="flex items-center gap-2 py-1 text-sm">
                    <input type="checkbox" name="category_id" value=category.id checked=checked class="h-4 w-4"/>
                    <span class="color-dot" style=format!("background-color:{}", category.color)></span>
                    {label}
                </label>
            }
        })
        .collect_view();
    let limits = PAGE_SIZES
        .iter()
        .map(|size| view! { <option value=*size selected=*size == query.limit>{format!("{size} per page")}</option> })
        .collect_view();
    let clear = ExpenseQuery {
        sort: query.sort,
        order: query.order,
        limit: query.limit,
        ..ExpenseQuery::default()
    };
    view! {
        <form method="get" action="/expenses" class="card filters" node_ref=form on:submit=submit role="search" aria-label="Filter expenses">
            <div class="field col-span-2">
                <label for=SEARCH_ID class="field-label">"Search"</label>
                <div class="relative">
                    <input
                        id=SEARCH_ID
                        type="search"
                        name="q"
                        value=query.text.clone().unwrap_or_default()
                        placeholder="Merchant, note or tag"
                        aria-keyshortcuts="/"
                        class="field-input pr-10"
                    />
                    <kbd class="kbd pointer-events-none absolute right-2 top-1/2 hidden -translate-y-1/2 sm:inline">"/"</kbd>
                </div>
            </div>
            <div class="field">
                <label for="filter-from" class="field-label">"From"</label>
                <input id="filter-from" type="date" name="from" value=from max=setup.today.to_string() class="field-input"/>
            </div>
            <div class="field">
                <label for="filter-to" class="field-label">"To"</label>
                <input id="filter-to" type="date" name="to" value=to max=setup.today.to_string() class="field-input"/>
            </div>
            <div class="field">
                <label for="filter-min" class="field-label">{format!("Min amount ({})", setup.base_currency)}</label>
                <input id="filter-min" name="min_amount" inputmode="decimal" value=query.min_amount.clone().unwrap_or_default() class="field-input"/>
            </div>
            <div class="field">
                <label for="filter-max" class="field-label">{format!("Max amount ({})", setup.base_currency)}</label>
                <input id="filter-max" name="max_amount" inputmode="decimal" value=query.max_amount.clone().unwrap_or_default() class="field-input"/>
            </div>
            <details class="category-filter col-span-2" data-testid="category-filter">
                <summary class="field-input flex cursor-pointer items-center gap-2">
                    <Icon name="filter" class="h-4 w-4 text-muted"/>
                    "Categories"
                    {(chosen > 0).then(|| view! { <span class="badge">{chosen}</span> })}
                </summary>
                <fieldset class="mt-2 grid gap-x-4 sm:grid-cols-2">
                    <legend class="sr-only">"Show only these categories"</legend>
                    {categories}
                </fieldset>
            </details>
            <div class="field">
                <label for="filter-limit" class="field-label">"Page size"</label>
                <select id="filter-limit" name="limit" class="field-input" on:change=submit_now>
                    {limits}
                </select>
            </div>
            <input type="hidden" name="sort" value=query.sort.as_str()/>
            <input type="hidden" name="order" value=query.order.as_str()/>
            <div class="flex items-end gap-3 lg:col-span-1">
                <button type="submit" class="btn-primary inline-flex">"Apply"</button>
                <a href=list_href(&clear) class="text-link text-sm">"Clear filters"</a>
            </div>
            {move || problem.get().map(|message| view! { <p role="alert" class="form-alert col-span-full">{message}</p> })}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("valid date")
    }

    #[test]
    fn presets_cover_whole_months_up_to_today() {
        let today = date("2026-03-18");
        assert_eq!(
            preset_range(Preset::ThisMonth, today),
            Some((date("2026-03-01"), today))
        );
        assert_eq!(
            preset_range(Preset::LastMonth, today),
            Some((date("2026-02-01"), date("2026-02-28")))
        );
        let typed = ExpenseQuery {
            from: Some(date("2026-02-01")),
            to: Some(date("2026-02-28")),
            ..Default::default()
        };
        assert_eq!(active_preset(&typed, today), Preset::LastMonth);
        assert_eq!(active_preset(&ExpenseQuery::default(), today), Preset::All);
    }
}
