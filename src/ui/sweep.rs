//! The what-if panel: the applied settings swept over maxSurge × maxUnavailable, or one of them
//! × replicas ([`crate::sweep`]), made in slices of about 12 ms with a progress bar, and drawn as
//! a plotters heatmap of the time to complete, the peak pods or the failed requests, with the
//! numbers in it and, below, as a table.

use std::rc::Rc;

use yew::prelude::*;

use crate::charts::Axis;
use crate::i18n::{tr, Lang, Text};
use crate::setup::Knobs;
use crate::sweep::{Cell, Metric, Plane, Sweep, STEPS};

/// The biggest run swept over maxSurge × maxUnavailable: up to 400 rollouts of it (a sweep over
/// replicas goes up to 20 whatever the applied replicas).
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
    plane: Plane,
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

fn plane_name(lang: Lang, p: Plane) -> &'static str {
    tr(
        lang,
        match p {
            Plane::SurgeByUnavailable => Text::SweepPlaneSurgeUnavailable,
            Plane::SurgeByReplicas => Text::SweepPlaneSurgeReplicas,
            Plane::UnavailableByReplicas => Text::SweepPlaneUnavailableReplicas,
        },
    )
}

/// The names of a plane's axes: across, then down.
fn axis_names(lang: Lang, p: Plane) -> (&'static str, &'static str) {
    let (across, down) = match p {
        Plane::SurgeByUnavailable => (Text::SweepAcrossSurge, Text::SweepDownUnavailable),
        Plane::SurgeByReplicas => (Text::SweepAcrossSurge, Text::SweepDownReplicas),
        Plane::UnavailableByReplicas => (Text::SweepAcrossUnavailable, Text::SweepDownReplicas),
    };
    (tr(lang, across), tr(lang, down))
}

#[function_component(SweepPanel)]
pub fn sweep_panel(props: &SweepProps) -> Html {
    let lang = props.lang;
    let t = |key| tr(lang, key);
    let metric = use_state(Metric::default);
    let plane = use_state(Plane::default);
    let table_open = use_state(|| false);
    let done = use_state(|| None::<Done>);
    let progress = use_state(|| None::<u32>);
    let job = use_mut_ref(|| 0u64);
    let too_big = (*plane == Plane::SurgeByUnavailable && props.knobs.replicas > MAX_SWEPT_REPLICAS)
        || props.knobs.rate > MAX_SWEPT_RATE;
    // A plane over replicas keeps one value as applied: it must be one the apiserver takes.
    let refused = Sweep::new(&props.knobs, *plane, props.seed).err();

    let on_metric = {
        let metric = metric.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(m) = Metric::from_id(&value) {
                metric.set(m);
            }
        })
    };
    let on_table_toggle = {
        let table_open = table_open.clone();
        Callback::from(move |e: Event| {
            table_open.set(e.target_unchecked_into::<web_sys::Element>().has_attribute("open"))
        })
    };
    let on_plane = {
        let plane = plane.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(p) = Plane::from_id(&value) {
                plane.set(p);
            }
        })
    };
    let on_run = {
        let (done, progress, job) = (done.clone(), progress.clone(), job.clone());
        let (knobs, seed, plane) = (props.knobs.clone(), props.seed, *plane);
        Callback::from(move |_: MouseEvent| {
            // The button is disabled when the settings are refused.
            let Ok(sweep) = Sweep::new(&knobs, plane, seed) else { return };
            // A new sweep replaces one still running.
            *job.borrow_mut() += 1;
            progress.set(Some(0));
            let started = super::now_ms();
            let work = Work { id: *job.borrow(), job: job.clone(), sweep, knobs: knobs.clone(), seed, plane, started };
            work.slice(progress.clone(), done.clone());
        })
    };
    let shown = done.as_ref().filter(|d| d.knobs == props.knobs && d.seed == props.seed && d.plane == *plane);
    let svg = use_memo((shown.map(|d| (d.cells.clone(), d.ms.to_bits())), *plane, *metric, lang), |(d, p, m, lang)| {
        d.as_ref().map(|(cells, _)| {
            let values: Vec<Option<Option<i64>>> = cells.iter().map(|c| c.summary.as_ref().map(|s| m.of(s))).collect();
            let (across, down) = axis_names(*lang, *p);
            crate::charts::heatmap(
                &values,
                SIZE,
                &Axis { name: across, labels: (0..STEPS).map(|i| p.column(i)).collect() },
                &Axis { name: down, labels: (0..STEPS).map(|i| p.row(i)).collect() },
            )
        })
    });
    let kept = match *plane {
        Plane::SurgeByUnavailable => None,
        Plane::SurgeByReplicas => Some(("maxUnavailable", props.knobs.max_unavailable.trim())),
        Plane::UnavailableByReplicas => Some(("maxSurge", props.knobs.max_surge.trim())),
    };

    html! {
        <section class="sweep" data-testid="sweep" aria-labelledby="sweep-title">
            <h2 id="sweep-title">{ t(Text::SweepTitle) }</h2>
            <p class="intro">{ t(Text::SweepIntro) }</p>
            <div class="sweep-controls">
                <label>
                    { t(Text::SweepPlane) }{ " " }
                    <select data-testid="sweep-plane" onchange={on_plane}>
                        { for Plane::ALL.iter().map(|p| html! {
                            <option value={p.id()} selected={*p == *plane}>{ plane_name(lang, *p) }</option>
                        }) }
                    </select>
                </label>
                <label>
                    { t(Text::SweepMetric) }{ " " }
                    <select data-testid="sweep-metric" onchange={on_metric}>
                        { for Metric::ALL.iter().map(|m| html! {
                            <option value={m.id()} selected={*m == *metric}>{ metric_name(lang, *m) }</option>
                        }) }
                    </select>
                </label>
                <button class="primary" data-testid="sweep-run" onclick={on_run} disabled={too_big || refused.is_some()}>{ t(Text::SweepRun) }</button>
                if let Some(p) = *progress {
                    <progress data-testid="sweep-progress" max="100" value={p.to_string()} aria-label={t(Text::SweepTitle)}></progress>
                }
            </div>
            if let Some((field, value)) = kept {
                <p class="resolved" data-testid="sweep-kept">{ crate::i18n::sweep_kept(lang, field, value) }</p>
            }
            if let Some(message) = &refused {
                <p class="field-error" role="alert" data-testid="sweep-refused">{ message.clone() }</p>
            }
            if too_big {
                <p class="field-error" role="alert">{ crate::i18n::sweep_too_big(lang, MAX_SWEPT_REPLICAS, MAX_SWEPT_RATE) }</p>
            }
            if let (Some(d), Some(svg)) = (shown, svg.as_ref()) {
                <figure class="heatmap" data-testid="sweep-heatmap" data-ms={format!("{:.1}", d.ms)} data-runs={d.runs.to_string()}
                    role="img" aria-label={format!("{}: {}, {}", t(Text::SweepTitle), plane_name(lang, *plane), metric_name(lang, *metric))}>
                    <figcaption>{ plane_name(lang, *plane) }{ " · " }{ metric_name(lang, *metric) }{ " · " }{ crate::i18n::sweep_took(lang, d.ms, d.runs) }</figcaption>
                    { Html::from_html_unchecked(AttrValue::from(svg.clone())) }
                    <p class="legend">{ t(Text::SweepLegend) }</p>
                </figure>
                // The 400 cells are made only when the table is opened: the heatmap alone is
                // shown in the same task as the sweep's last slice.
                <details class="sweep-numbers" open={*table_open} ontoggle={on_table_toggle}>
                    <summary data-testid="sweep-numbers">{ t(Text::SweepNumbers) }</summary>
                    if *table_open {
                        { numbers(lang, &d.cells, *plane, *metric) }
                    }
                </details>
            }
        </section>
    }
}

/// The sweep as a table, its rows and columns as the heatmap's.
fn numbers(lang: Lang, cells: &[Cell], plane: Plane, metric: Metric) -> Html {
    let t = |key| tr(lang, key);
    let (across, down) = match plane {
        Plane::SurgeByUnavailable => ("maxSurge", "maxUnavailable"),
        Plane::SurgeByReplicas => ("maxSurge", "replicas"),
        Plane::UnavailableByReplicas => ("maxUnavailable", "replicas"),
    };
    html! {
        <div class="compare-table-wrap">
            <table data-testid="sweep-table">
                <thead>
                    <tr>
                        <th scope="col">{ format!("{down} \\ {across}") }</th>
                        { for (0..STEPS).map(|i| html! { <th scope="col">{ plane.column(i) }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for cells.chunks(STEPS).enumerate().map(|(row, cells)| html! {
                        <tr>
                            <th scope="row">{ plane.row(row) }</th>
                            { for cells.iter().map(|c| {
                                let text = match &c.summary {
                                    None => "✗".to_string(),
                                    Some(s) => metric.of(s).map_or_else(|| t(Text::CompareNotComplete).to_string(), |v| v.to_string()),
                                };
                                html! {
                                    <td data-testid="sweep-cell" data-surge={c.max_surge.to_string()} data-unavailable={c.max_unavailable.to_string()}
                                        data-replicas={c.replicas.to_string()}
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
    plane: Plane,
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
            done.set(Some(Done { knobs: self.knobs, seed: self.seed, plane: self.plane, cells, ms, runs }));
            progress.set(None);
            return;
        }
        progress.set(Some((self.sweep.progress() * 100.0) as u32));
        super::after_a_turn(move || self.slice(progress, done));
    }
}
