//! The comparison panel: two to four runs on the applied settings and seed (strategies, and a
//! RollingUpdate with its own maxSurge and maxUnavailable), each deploying the new version at
//! 10 s, and a table of what each rollout cost ([`crate::compare`]).

use std::rc::Rc;

use yew::prelude::*;

use super::controls::{router_name, strategy_name};
use crate::charts::{css_colour, version_colour};
use crate::compare::{self, Choice, Summary, DEPLOY_AT, MAX_RUNS};
use crate::i18n::{tr, Lang, Text};
use crate::setup::{Knobs, Router, StrategyKind, FIRST_IMAGE};
use crate::sim::sample::Sample;

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
    let picked = use_state(|| {
        [StrategyKind::Recreate, StrategyKind::RollingUpdate, StrategyKind::BlueGreen]
            .map(|strategy| Choice { strategy, router: Router::Gateway })
            .to_vec()
    });
    // The RollingUpdate with other settings: whether it runs, and its maxSurge and maxUnavailable.
    let variant = use_state(|| (false, "1".to_string(), "0".to_string()));
    let variant_errors: Vec<String> = if variant.0 {
        compare::variant(&props.knobs, &variant.1, &variant.2).errors().into_iter().map(|(_, m)| m).collect()
    } else {
        Vec::new()
    };
    // The table, with the settings and seed it was made for (it is dropped when they change).
    let result = use_state(|| None::<(Knobs, u64, Vec<Row>)>);
    // The one clock of the runs side by side, in whole seconds.
    let clock = use_state(|| DEPLOY_AT.whole_secs() + 5);
    let too_big = props.knobs.replicas > MAX_COMPARED_REPLICAS || props.knobs.rate > MAX_COMPARED_RATE;
    let count_ok = (2..=MAX_RUNS).contains(&(picked.len() + usize::from(variant.0)));

    let on_toggle = |s: Choice| {
        let picked = picked.clone();
        Callback::from(move |_: Event| {
            let mut next = (*picked).clone();
            if let Some(i) = next.iter().position(|p| *p == s) {
                next.remove(i);
            } else {
                next.push(s);
                next.sort_by_key(|p| Choice::all().iter().position(|a| a == p));
            }
            picked.set(next);
        })
    };
    // The runs are made a slice at a time, about 12 ms of work between two frames, so that the
    // page never stops answering; the progress is shown meanwhile.
    // Checked as typed: the errors show at once, in the apiserver's words.
    let on_variant_on = {
        let variant = variant.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            variant.set((on, variant.1.clone(), variant.2.clone()));
        })
    };
    let on_variant_value = |surge: bool| {
        let variant = variant.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            let (on, s, u) = (*variant).clone();
            variant.set(if surge { (on, value, u) } else { (on, s, value) });
        })
    };
    let progress = use_state(|| None::<u32>);
    let job = use_mut_ref(|| 0u64);
    let on_run = {
        let (picked, variant, result, progress, job) =
            (picked.clone(), variant.clone(), result.clone(), progress.clone(), job.clone());
        let (knobs, seed) = (props.knobs.clone(), props.seed);
        Callback::from(move |_: MouseEvent| {
            // A new comparison replaces one still running.
            *job.borrow_mut() += 1;
            progress.set(Some(0));
            let mut pending: Vec<Run> =
                picked.iter().map(|c| Run { strategy: c.strategy, knobs: c.knobs(&knobs), variant: None }).collect();
            if variant.0 {
                let (surge, unavailable) = (variant.1.trim().to_string(), variant.2.trim().to_string());
                let knobs = compare::variant(&knobs, &surge, &unavailable);
                pending.push(Run { strategy: StrategyKind::RollingUpdate, knobs, variant: Some((surge, unavailable)) });
            }
            let work =
                Work { id: *job.borrow(), job: job.clone(), pending, runners: Vec::new(), knobs: knobs.clone(), seed };
            work.slice(progress.clone(), result.clone());
        })
    };
    let rows = result.as_ref().filter(|(k, s, _)| *k == props.knobs && *s == props.seed).map(|(_, _, rows)| rows);

    html! {
        <section class="compare" data-testid="compare" aria-labelledby="compare-title">
            <h2 id="compare-title">{ t(Text::CompareTitle) }</h2>
            <p class="intro">{ t(Text::CompareIntro) }</p>
            <fieldset class="compare-pick">
                <legend>{ t(Text::ComparePick) }</legend>
                { for Choice::all().into_iter().map(|c| html! {
                    <label>
                        <input type="checkbox" data-testid={format!("compare-{}", c.id())}
                            checked={picked.contains(&c)} onchange={on_toggle(c)} />
                        { choice_name(lang, c) }
                    </label>
                }) }
                <div class="compare-variant">
                    <label>
                        <input type="checkbox" data-testid="compare-variant" checked={variant.0} onchange={on_variant_on} />
                        { t(Text::CompareVariant) }
                    </label>
                    <label>
                        { "maxSurge " }
                        <input type="text" data-testid="compare-variant-surge" value={variant.1.clone()} size="4"
                            disabled={!variant.0} oninput={on_variant_value(true)} aria-invalid={(!variant_errors.is_empty()).to_string()} />
                    </label>
                    <label>
                        { "maxUnavailable " }
                        <input type="text" data-testid="compare-variant-unavailable" value={variant.2.clone()} size="4"
                            disabled={!variant.0} oninput={on_variant_value(false)} aria-invalid={(!variant_errors.is_empty()).to_string()} />
                    </label>
                    if !variant_errors.is_empty() {
                        <ul class="setup-errors" data-testid="compare-variant-errors" role="alert">
                            { for variant_errors.iter().map(|m| html! { <li>{ m.clone() }</li> }) }
                        </ul>
                    }
                </div>
            </fieldset>
            <button class="primary" data-testid="compare-run" onclick={on_run} disabled={too_big || !count_ok || !variant_errors.is_empty()}>
                { t(Text::CompareRun) }
            </button>
            if let Some(p) = *progress {
                <progress data-testid="compare-progress" max="100" value={p.to_string()} aria-label={t(Text::CompareTitle)}></progress>
            }
            if too_big {
                <p class="field-error" role="alert">{ crate::i18n::compare_too_big(lang, MAX_COMPARED_REPLICAS, MAX_COMPARED_RATE) }</p>
            } else if !count_ok {
                <p class="pending">{ t(Text::ComparePickCount) }</p>
            }
            if let Some(rows) = rows {
                { table(lang, rows) }
                { side_by_side(lang, rows, &clock) }
            }
        </section>
    }
}

/// The comparison's figures, one row per run.
fn table(lang: Lang, rows: &[Row]) -> Html {
    let t = |key| tr(lang, key);
    html! {
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
                    { for rows.iter().map(|(run, sum, _)| html! {
                        <tr data-testid="compare-row" data-strategy={run.strategy.id()} data-router={run.router_id()} data-variant={run.variant_id()}
                            data-complete={sum.complete_after.map(|c| c.to_string()).unwrap_or_default()}
                            data-peak={sum.peak_pods.to_string()} data-extra={sum.extra_pod_seconds.to_string()}
                            data-fewest={sum.fewest_available.to_string()} data-failed={sum.failed_requests.to_string()}
                            data-mixed={sum.mixed_seconds.to_string()}>
                            <th scope="row">{ run.name(lang) }</th>
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
}

/// One run of a comparison: a strategy on the applied settings, or a RollingUpdate with its own
/// maxSurge and maxUnavailable (`variant`, as typed).
#[derive(Clone, PartialEq)]
struct Run {
    strategy: StrategyKind,
    knobs: Knobs,
    variant: Option<(String, String)>,
}

/// A strategy as the panel names it, with its router when it has one.
fn choice_name(lang: Lang, c: Choice) -> String {
    let name = strategy_name(lang, c.strategy);
    if Router::routes(c.strategy) {
        format!("{name} · {}", router_name(lang, c.strategy, c.router))
    } else {
        name.to_string()
    }
}

impl Run {
    fn name(&self, lang: Lang) -> String {
        let name = choice_name(lang, Choice { strategy: self.strategy, router: self.knobs.router });
        match &self.variant {
            // The field names stay Kubernetes' own in both languages.
            Some((surge, unavailable)) => format!("{name} (maxSurge {surge}, maxUnavailable {unavailable})"),
            None => name,
        }
    }

    /// The router's id for Canary and A/B, "" otherwise (the row's `data-router`).
    fn router_id(&self) -> &'static str {
        if Router::routes(self.strategy) {
            self.knobs.router.id()
        } else {
            ""
        }
    }

    /// `maxSurge=1,maxUnavailable=0` for a variant, "" otherwise (the row's `data-variant`).
    fn variant_id(&self) -> String {
        self.variant.as_ref().map(|(s, u)| format!("maxSurge={s},maxUnavailable={u}")).unwrap_or_default()
    }
}

/// One run of the comparison, its summary and its samples (one per second).
type Row = (Run, Summary, Rc<Vec<Sample>>);

/// A comparison being made.
struct Work {
    /// Which comparison this is; a newer one in `job` stops it.
    id: u64,
    job: Rc<std::cell::RefCell<u64>>,
    /// The runs not started yet.
    pending: Vec<Run>,
    runners: Vec<(Run, compare::Runner)>,
    knobs: Knobs,
    seed: u64,
}

/// The most pod tiles drawn for one ReplicaSet of a run side by side.
const MAX_TILES: usize = 40;

impl Work {
    /// Does a slice of the work, then shows the progress and asks for the next slice, or shows
    /// the table when the runs are over.
    fn slice(mut self, progress: UseStateHandle<Option<u32>>, result: UseStateHandle<Option<(Knobs, u64, Vec<Row>)>>) {
        if *self.job.borrow() != self.id {
            return;
        }
        let start = super::now_ms();
        for run in self.pending.drain(..) {
            let runner = compare::Runner::new(&run.knobs, run.strategy, self.seed);
            self.runners.push((run, runner));
        }
        let mut over = false;
        while !over && super::now_ms() - start < super::SLICE_MS {
            over = true;
            for (_, r) in &mut self.runners {
                over &= r.advance(1);
            }
        }
        if over {
            let rows = self
                .runners
                .into_iter()
                .map(|(s, r)| {
                    let (samples, summary) = r.finish();
                    (s, summary, Rc::new(samples))
                })
                .collect();
            result.set(Some((self.knobs, self.seed, rows)));
            progress.set(None);
            return;
        }
        let runs = (self.runners.len() + self.pending.len()).max(1) as f64;
        let done = self.runners.iter().map(|(_, r)| r.progress()).sum::<f64>() / runs;
        progress.set(Some((done * 100.0) as u32));
        super::after_a_turn(move || self.slice(progress, result));
    }
}

/// The runs side by side on one clock: each run's ReplicaSets and pods at the same second, from
/// its samples. A run that completed earlier stays as it ended.
fn side_by_side(lang: Lang, rows: &[Row], clock: &UseStateHandle<u64>) -> Html {
    let t = |key| tr(lang, key);
    let end = rows.iter().map(|(_, _, s)| s.len().saturating_sub(1) as u64).max().unwrap_or(0);
    let now = (**clock).min(end);
    let on_clock = {
        let clock = clock.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(v) = e.target_unchecked_into::<web_sys::HtmlInputElement>().value().parse::<u64>() {
                clock.set(v);
            }
        })
    };
    let version = |image: &str| usize::from(image != FIRST_IMAGE);
    html! {
        <div class="side-by-side">
            <label class="slider">
                <span>{ t(Text::CompareClock) }</span>
                <input type="range" data-testid="compare-clock" min="0" max={end.to_string()} step="1"
                    value={now.to_string()} oninput={on_clock} aria-valuetext={format!("{now} s")} />
                <output data-testid="compare-time">{ format!("{now} s") }</output>
            </label>
            <div class="runs">
                { for rows.iter().map(|(run, _, samples)| {
                    let Some(sample) = samples.get(now as usize).or(samples.last()) else { return Html::default() };
                    let pods: i32 = sample.replica_sets.iter().map(|rs| rs.status_replicas + rs.terminating).sum();
                    let available: i32 = sample.replica_sets.iter().map(|rs| rs.available_replicas).sum();
                    html! {
                        <article class="run-view" data-testid="compare-view" data-strategy={run.strategy.id()} data-router={run.router_id()}
                            data-variant={run.variant_id()} data-pods={pods.to_string()} data-available={available.to_string()}>
                            <h3>{ run.name(lang) }</h3>
                            <p class="run-counts">{ crate::i18n::compare_counts(lang, pods, available) }</p>
                            { for sample.replica_sets.iter().filter(|rs| rs.status_replicas + rs.terminating > 0).map(|rs| {
                                let v = version(&rs.image);
                                // Tiles from the counts: available, ready only, not ready, terminating.
                                let ready_only = (rs.ready_replicas - rs.available_replicas).max(0);
                                let not_ready = (rs.status_replicas - rs.ready_replicas).max(0);
                                let tiles = std::iter::repeat_n("pod compact ready available", rs.available_replicas.max(0) as usize)
                                    .chain(std::iter::repeat_n("pod compact ready", ready_only as usize))
                                    .chain(std::iter::repeat_n("pod compact", not_ready as usize))
                                    .chain(std::iter::repeat_n("pod compact terminating", rs.terminating.max(0) as usize));
                                // Past MAX_TILES pods, the counts tell the rest.
                                let hidden = (rs.status_replicas + rs.terminating) as usize;
                                let hidden = hidden.saturating_sub(MAX_TILES);
                                html! {
                                    <div class="run-rs" style={format!("--version: {}", css_colour(version_colour(v)))}>
                                        <span class={classes!("version-badge", format!("shape-{}", v % 4))}>{ crate::page::facts::tag(&rs.image) }</span>
                                        <span class="rs-name">{ format!(" {} ", rs.deployment) }</span>
                                        <span class="rs-counts">
                                            { format!("{} {} · {} {} · {} {}", t(Text::Current), rs.status_replicas,
                                                t(Text::ReadyWord), rs.ready_replicas, t(Text::AvailableWord), rs.available_replicas) }
                                        </span>
                                        <ul class="pods" aria-hidden="true">
                                            { for tiles.take(MAX_TILES).map(|class| html! { <li class={classes!(class, format!("shape-{}", v % 4))}></li> }) }
                                        </ul>
                                        if hidden > 0 {
                                            <span class="more-pods">{ format!("+{hidden}") }</span>
                                        }
                                    </div>
                                }
                            }) }
                        </article>
                    }
                }) }
            </div>
        </div>
    }
}
