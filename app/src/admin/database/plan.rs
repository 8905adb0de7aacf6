//! A query plan as the nested list it is, the full scans of large tables marked, and the advice
//! with the statement that would follow it, ready to copy.

use std::time::Duration;

use leptos::prelude::*;

use super::browser;
use crate::admin::console::{ExplainResult, PlanAdvice, PlanStep};

/// A step with the steps under it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanNode {
    pub step: PlanStep,
    pub children: Vec<PlanNode>,
}

/// The steps from `*index` on that sit at `depth` or deeper, as a tree.
fn nodes_from(steps: &[PlanStep], index: &mut usize, depth: u32) -> Vec<PlanNode> {
    let mut nodes = Vec::new();
    while let Some(step) = steps.get(*index).filter(|step| step.depth >= depth) {
        *index += 1;
        let children = nodes_from(steps, index, step.depth + 1);
        nodes.push(PlanNode {
            step: step.clone(),
            children,
        });
    }
    nodes
}

/// The plan's steps (in tree order, with depths) as a tree.
pub fn plan_tree(steps: &[PlanStep]) -> Vec<PlanNode> {
    let mut index = 0;
    nodes_from(steps, &mut index, 0)
}

fn step_list(nodes: Vec<PlanNode>, top: bool) -> AnyView {
    let class = if top {
        "space-y-2"
    } else {
        "mt-2 space-y-2 border-l border-line pl-4"
    };
    let items = nodes
        .into_iter()
        .map(|node| {
            let PlanNode { step, children } = node;
            let class = if step.expensive {
                "rounded-lg border border-warning bg-warning/10 px-3 py-2"
            } else {
                "rounded-lg border border-line px-3 py-2"
            };
            let children = (!children.is_empty()).then(|| step_list(children, false));
            view! {
                <li data-testid="plan-step" data-expensive=step.expensive.to_string()>
                    <div class=class>
                        <span class="font-mono text-sm break-words">{step.detail}</span>
                        {step.expensive.then(|| view! {
                            <span class="ml-2 inline-flex rounded-full bg-warning px-2 py-0.5 text-xs font-semibold text-surface">
                                "Full scan of a large table"
                            </span>
                        })}
                    </div>
                    {children}
                </li>
            }
        })
        .collect_view();
    view! { <ul class=class>{items}</ul> }.into_any()
}

#[component]
pub fn PlanView(plan: ExplainResult) -> impl IntoView {
    let tree = plan_tree(&plan.steps);
    let steps = if tree.is_empty() {
        view! { <p class="text-muted">"The database gave no plan for this query."</p> }.into_any()
    } else {
        step_list(tree, true)
    };
    let advice = if plan.advice.is_empty() {
        view! { <p class="text-sm text-muted" data-testid="plan-no-advice">"No advice: nothing here looks expensive."</p> }.into_any()
    } else {
        let items = plan
            .advice
            .into_iter()
            .map(|advice| view! { <AdviceItem advice/> })
            .collect_view();
        view! { <ul class="space-y-3">{items}</ul> }.into_any()
    };
    view! {
        <section class="card space-y-4 p-4" aria-labelledby="plan-title" data-testid="plan">
            <h2 id="plan-title" class="text-lg font-semibold">"Query plan"</h2>
            {steps}
            <h3 class="font-semibold">"Advice"</h3>
            {advice}
        </section>
    }
}

#[component]
fn AdviceItem(advice: PlanAdvice) -> impl IntoView {
    let copied = RwSignal::new(false);
    let statement = advice.sql.map(|sql| {
        let text = sql.clone();
        let copy = move |_| {
            browser::copy_text(&text);
            copied.set(true);
            set_timeout(
                move || {
                    let _ = copied.try_set(false);
                },
                Duration::from_secs(2),
            );
        };
        view! {
            <div class="mt-2 flex flex-wrap items-start gap-2">
                <code class="min-w-0 flex-1 rounded-lg bg-bg px-3 py-2 font-mono text-sm break-words" data-testid="advice-sql">{sql}</code>
                <button type="button" class="btn-secondary" on:click=copy data-testid="copy-advice">
                    {move || if copied.get() { "Copied" } else { "Copy" }}
                </button>
            </div>
        }
    });
    view! {
        <li class="rounded-lg border border-line p-3" data-testid="plan-advice">
            <p class="text-sm">{advice.message}</p>
            {statement}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(depth: u32, detail: &str) -> PlanStep {
        PlanStep {
            depth,
            detail: detail.into(),
            table: None,
            expensive: false,
        }
    }

    fn shape(nodes: &[PlanNode]) -> Vec<(String, usize)> {
        nodes
            .iter()
            .map(|node| (node.step.detail.clone(), node.children.len()))
            .collect()
    }

    #[test]
    fn steps_nest_by_depth() {
        let steps = [
            step(0, "QUERY"),
            step(1, "SCAN expenses"),
            step(2, "USE TEMP B-TREE"),
            step(1, "SEARCH users"),
            step(0, "UNION"),
        ];
        let tree = plan_tree(&steps);
        assert_eq!(shape(&tree), vec![("QUERY".into(), 2), ("UNION".into(), 0)]);
        assert_eq!(
            shape(&tree[0].children),
            vec![("SCAN expenses".into(), 1), ("SEARCH users".into(), 0)]
        );
    }

    #[test]
    fn a_plan_starting_deep_keeps_every_step() {
        let tree = plan_tree(&[step(2, "SCAN a"), step(2, "SCAN b")]);
        assert_eq!(
            shape(&tree),
            vec![("SCAN a".into(), 0), ("SCAN b".into(), 0)]
        );
    }
}
