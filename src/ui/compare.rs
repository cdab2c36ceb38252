//! The comparison panel: two to four strategies run on the applied settings and seed, each
//! deploying the new version at 10 s, and a table of what each rollout cost ([`crate::compare`]).

use yew::prelude::*;

use super::controls::strategy_name;
use crate::compare::{self, Summary, MAX_RUNS};
use crate::i18n::{tr, Lang, Text};
use crate::setup::{Knobs, StrategyKind};

/// The biggest run the panel compares at once: four whole rollouts run in one go, and bigger
/// ones would keep the page busy for too long.
pub const MAX_COMPARED_REPLICAS: i32 = 200;
pub const MAX_COMPARED_RATE: u32 = 500;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub lang: Lang,
    /// The applied settings (the runs use them, with each strategy in turn).
    pub knobs: Knobs,
    pub seed: u64,
}

#[function_component(ComparePanel)]
pub fn compare_panel(props: &CompareProps) -> Html {
    let lang = props.lang;
    let t = |key| tr(lang, key);
    let picked = use_state(|| vec![StrategyKind::Recreate, StrategyKind::RollingUpdate, StrategyKind::BlueGreen]);
    // The table, with the settings and seed it was made for (it is dropped when they change).
    let result = use_state(|| None::<(Knobs, u64, Vec<(StrategyKind, Summary)>)>);
    let too_big = props.knobs.replicas > MAX_COMPARED_REPLICAS || props.knobs.rate > MAX_COMPARED_RATE;
    let count_ok = (2..=MAX_RUNS).contains(&picked.len());

    let on_toggle = |s: StrategyKind| {
        let picked = picked.clone();
        Callback::from(move |_: Event| {
            let mut next = (*picked).clone();
            if let Some(i) = next.iter().position(|p| *p == s) {
                next.remove(i);
            } else {
                next.push(s);
                next.sort_by_key(|p| StrategyKind::ALL.iter().position(|a| a == p));
            }
            picked.set(next);
        })
    };
    let on_run = {
        let (picked, result, knobs, seed) = (picked.clone(), result.clone(), props.knobs.clone(), props.seed);
        Callback::from(move |_: MouseEvent| {
            let rows = picked.iter().map(|s| (*s, compare::run(&knobs, *s, seed).1)).collect();
            result.set(Some((knobs.clone(), seed, rows)));
        })
    };
    let rows = result.as_ref().filter(|(k, s, _)| *k == props.knobs && *s == props.seed).map(|(_, _, rows)| rows);

    html! {
        <section class="compare" data-testid="compare" aria-labelledby="compare-title">
            <h2 id="compare-title">{ t(Text::CompareTitle) }</h2>
            <p class="intro">{ t(Text::CompareIntro) }</p>
            <fieldset class="compare-pick">
                <legend>{ t(Text::ComparePick) }</legend>
                { for StrategyKind::ALL.iter().map(|s| html! {
                    <label>
                        <input type="checkbox" data-testid={format!("compare-{}", s.id())}
                            checked={picked.contains(s)} onchange={on_toggle(*s)} />
                        { strategy_name(lang, *s) }
                    </label>
                }) }
            </fieldset>
            <button class="primary" data-testid="compare-run" onclick={on_run} disabled={too_big || !count_ok}>
                { t(Text::CompareRun) }
            </button>
            if too_big {
                <p class="field-error" role="alert">{ crate::i18n::compare_too_big(lang, MAX_COMPARED_REPLICAS, MAX_COMPARED_RATE) }</p>
            } else if !count_ok {
                <p class="pending">{ t(Text::ComparePickCount) }</p>
            }
            if let Some(rows) = rows {
                <div class="compare-table-wrap">
                    <table data-testid="compare-table">
                        <thead>
                            <tr>
                                <th scope="col">{ t(Text::CompareStrategy) }</th>
                                <th scope="col">{ t(Text::CompareComplete) }</th>
                                <th scope="col">{ t(Text::ComparePeak) }</th>
                                <th scope="col">{ t(Text::CompareExtra) }</th>
                                <th scope="col">{ t(Text::CompareFewest) }</th>
                                <th scope="col">{ t(Text::CompareFailed) }</th>
                                <th scope="col">{ t(Text::CompareMixed) }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for rows.iter().map(|(s, sum)| html! {
                                <tr data-testid="compare-row" data-strategy={s.id()}
                                    data-complete={sum.complete_after.map(|c| c.to_string()).unwrap_or_default()}
                                    data-peak={sum.peak_pods.to_string()} data-extra={sum.extra_pod_seconds.to_string()}
                                    data-fewest={sum.fewest_available.to_string()} data-failed={sum.failed_requests.to_string()}
                                    data-mixed={sum.mixed_seconds.to_string()}>
                                    <th scope="row">{ strategy_name(lang, *s) }</th>
                                    <td>{ sum.complete_after.map_or_else(|| t(Text::CompareNotComplete).to_string(), |c| format!("{c} s")) }</td>
                                    <td>{ sum.peak_pods }</td>
                                    <td>{ sum.extra_pod_seconds }</td>
                                    <td>{ sum.fewest_available }</td>
                                    <td>{ sum.failed_requests }</td>
                                    <td>{ format!("{} s", sum.mixed_seconds) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}
