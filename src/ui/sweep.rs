//! The what-if panel: the applied settings swept over maxSurge × maxUnavailable
//! ([`crate::sweep`]), made in slices of about 12 ms with a progress bar, and drawn as a plotters
//! heatmap of the time to complete, the peak pods or the failed requests, with the numbers in it
//! and, below, as a table.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{tr, Lang, Text};
use crate::setup::Knobs;
use crate::sweep::{Cell, Metric, Sweep, STEPS, STEP_PERCENT};

/// The biggest run swept: up to 400 rollouts of it.
pub const MAX_SWEPT_REPLICAS: i32 = 40;
pub const MAX_SWEPT_RATE: u32 = 200;

/// The heatmap's size in CSS pixels.
const SIZE: (u32, u32) = (560, 560);

#[derive(Properties, PartialEq)]
pub struct SweepProps {
    pub lang: Lang,
    /// The applied settings.
    pub knobs: Knobs,
    pub seed: u64,
}

/// A finished sweep: what it was made for, its cells, how long it took and how many runs it made.
#[derive(Clone, PartialEq)]
struct Done {
    knobs: Knobs,
    seed: u64,
    cells: Rc<Vec<Cell>>,
    ms: f64,
    runs: usize,
}

fn metric_name(lang: Lang, m: Metric) -> &'static str {
    tr(
        lang,
        match m {
            Metric::CompleteAfter => Text::CompareComplete,
            Metric::PeakPods => Text::ComparePeak,
            Metric::FailedRequests => Text::CompareFailed,
        },
    )
}

#[function_component(SweepPanel)]
pub fn sweep_panel(props: &SweepProps) -> Html {
    let lang = props.lang;
    let t = |key| tr(lang, key);
    let metric = use_state(Metric::default);
    let done = use_state(|| None::<Done>);
    let progress = use_state(|| None::<u32>);
    let job = use_mut_ref(|| 0u64);
    let too_big = props.knobs.replicas > MAX_SWEPT_REPLICAS || props.knobs.rate > MAX_SWEPT_RATE;

    let on_metric = {
        let metric = metric.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(m) = Metric::from_id(&value) {
                metric.set(m);
            }
        })
    };
    let on_run = {
        let (done, progress, job) = (done.clone(), progress.clone(), job.clone());
        let (knobs, seed) = (props.knobs.clone(), props.seed);
        Callback::from(move |_: MouseEvent| {
            // A new sweep replaces one still running.
            *job.borrow_mut() += 1;
            progress.set(Some(0));
            let started = super::now_ms();
            let work = Work {
                id: *job.borrow(),
                job: job.clone(),
                sweep: Sweep::new(&knobs, seed),
                knobs: knobs.clone(),
                seed,
                started,
            };
            work.slice(progress.clone(), done.clone());
        })
    };
    let shown = done.as_ref().filter(|d| d.knobs == props.knobs && d.seed == props.seed);
    let svg = use_memo((shown.map(|d| (d.cells.clone(), d.ms.to_bits())), *metric, lang), |(d, m, lang)| {
        d.as_ref().map(|(cells, _)| {
            let values: Vec<Option<Option<i64>>> = cells.iter().map(|c| c.summary.as_ref().map(|s| m.of(s))).collect();
            crate::charts::heatmap(
                &values,
                STEPS,
                STEP_PERCENT,
                SIZE,
                (tr(*lang, Text::SweepAxisSurge), tr(*lang, Text::SweepAxisUnavailable)),
            )
        })
    });

    html! {
        <section class="sweep" data-testid="sweep" aria-labelledby="sweep-title">
            <h2 id="sweep-title">{ t(Text::SweepTitle) }</h2>
            <p class="intro">{ t(Text::SweepIntro) }</p>
            <div class="sweep-controls">
                <label>
                    { t(Text::SweepMetric) }{ " " }
                    <select data-testid="sweep-metric" onchange={on_metric}>
                        { for Metric::ALL.iter().map(|m| html! {
                            <option value={m.id()} selected={*m == *metric}>{ metric_name(lang, *m) }</option>
                        }) }
                    </select>
                </label>
                <button class="primary" data-testid="sweep-run" onclick={on_run} disabled={too_big}>{ t(Text::SweepRun) }</button>
                if let Some(p) = *progress {
                    <progress data-testid="sweep-progress" max="100" value={p.to_string()} aria-label={t(Text::SweepTitle)}></progress>
                }
            </div>
            if too_big {
                <p class="field-error" role="alert">{ crate::i18n::sweep_too_big(lang, MAX_SWEPT_REPLICAS, MAX_SWEPT_RATE) }</p>
            }
            if let (Some(d), Some(svg)) = (shown, svg.as_ref()) {
                <figure class="heatmap" data-testid="sweep-heatmap" data-ms={format!("{:.1}", d.ms)} data-runs={d.runs.to_string()}
                    role="img" aria-label={format!("{}: {}", t(Text::SweepTitle), metric_name(lang, *metric))}>
                    <figcaption>{ metric_name(lang, *metric) }{ " · " }{ crate::i18n::sweep_took(lang, d.ms, d.runs) }</figcaption>
                    { Html::from_html_unchecked(AttrValue::from(svg.clone())) }
                    <p class="legend">{ t(Text::SweepLegend) }</p>
                </figure>
                <details class="sweep-numbers">
                    <summary>{ t(Text::SweepNumbers) }</summary>
                    { numbers(lang, &d.cells, *metric) }
                </details>
            }
        </section>
    }
}

/// The sweep as a table: a row per maxUnavailable, a column per maxSurge.
fn numbers(lang: Lang, cells: &[Cell], metric: Metric) -> Html {
    let t = |key| tr(lang, key);
    html! {
        <div class="compare-table-wrap">
            <table data-testid="sweep-table">
                <thead>
                    <tr>
                        <th scope="col">{ "maxUnavailable \\ maxSurge" }</th>
                        { for (0..STEPS).map(|i| html! { <th scope="col">{ format!("{}%", crate::sweep::percent(i)) }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for cells.chunks(STEPS).enumerate().map(|(row, cells)| html! {
                        <tr>
                            <th scope="row">{ format!("{}%", crate::sweep::percent(row)) }</th>
                            { for cells.iter().map(|c| {
                                let text = match &c.summary {
                                    None => "✗".to_string(),
                                    Some(s) => metric.of(s).map_or_else(|| t(Text::CompareNotComplete).to_string(), |v| v.to_string()),
                                };
                                html! {
                                    <td data-testid="sweep-cell" data-surge={c.max_surge.to_string()} data-unavailable={c.max_unavailable.to_string()}
                                        data-value={c.summary.as_ref().and_then(|s| metric.of(s)).map(|v| v.to_string()).unwrap_or_default()}>
                                        { text }
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// A sweep being made.
struct Work {
    id: u64,
    job: Rc<std::cell::RefCell<u64>>,
    sweep: Sweep,
    knobs: Knobs,
    seed: u64,
    started: f64,
}

impl Work {
    /// Does a slice of the sweep, then shows the progress and asks for the next slice, or shows
    /// the heatmap when it is made.
    fn slice(mut self, progress: UseStateHandle<Option<u32>>, done: UseStateHandle<Option<Done>>) {
        if *self.job.borrow() != self.id {
            return;
        }
        let start = super::now_ms();
        if self.sweep.advance(&mut || super::now_ms() - start < super::SLICE_MS) {
            let ms = super::now_ms() - self.started;
            let runs = self.sweep.runs();
            let cells = Rc::new(self.sweep.into_cells());
            done.set(Some(Done { knobs: self.knobs, seed: self.seed, cells, ms, runs }));
            progress.set(None);
            return;
        }
        progress.set(Some((self.sweep.progress() * 100.0) as u32));
        super::after_a_turn(move || self.slice(progress, done));
    }
}
