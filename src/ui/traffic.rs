//! The traffic view: each Service with its endpoints (and the Ingress routing rules when the
//! strategy uses them), a live count of requests, and the requests themselves travelling from the
//! users to the pod that answers, coloured by the version that answered; a failed request ends in
//! a ✗ (no endpoint at the Service, a refused connection or a 500 at the pod).

use std::collections::{BTreeMap, BTreeSet};

use yew::prelude::*;

use crate::charts::{css_colour, version_colour};
use crate::i18n::{outcome_name, tr, Lang, Text};
use crate::sim::service::Outcome;
use crate::sim::{SimDuration, SimTime, World};

/// How long a request takes to cross the view, in simulated time.
const TRAVEL: SimDuration = SimDuration::from_millis(600);
/// How long a request stays at its pod once it has arrived.
const LINGER: SimDuration = SimDuration::from_millis(300);
/// The most requests drawn at once (the most recent).
const MAX_DRAWN: usize = 240;
/// Up to this many endpoints get a row each; more are grouped by ReplicaSet.
const PER_POD_ROWS: usize = 24;

const WIDTH: i32 = 640;
const ROW: i32 = 22;
const LEFT: i32 = 70;
const SERVICE_X: i32 = 230;
const POD_X: i32 = 440;

pub fn traffic_view<'w>(
    lang: Lang,
    w: &'w World,
    now: SimTime,
    versions: &BTreeMap<String, usize>,
    reduced_motion: bool,
) -> Html {
    let t = |key| tr(lang, key);
    let log = &w.requests;
    // Rows: every pod that is an endpoint of some Service now, and those that requests still go
    // to; past PER_POD_ROWS of them, one row per ReplicaSet (a row per pod would be unreadable).
    let from = SimTime(now.0.saturating_sub(TRAVEL.as_millis() + LINGER.as_millis()));
    let in_flight: Vec<_> = log.recent.iter().rev().take_while(|r| r.sent_at > from).take(MAX_DRAWN).collect();
    let mut pods: BTreeSet<&str> = BTreeSet::new();
    for s in w.services.values() {
        pods.extend(s.programmed.iter().chain(&s.endpoints).map(String::as_str));
    }
    pods.extend(in_flight.iter().filter_map(|r| r.pod.as_deref()));
    let by_pod = pods.len() <= PER_POD_ROWS;
    let row_of = |pod: &'w str| -> &'w str {
        if by_pod {
            pod
        } else {
            w.pods.get(pod).and_then(|p| p.metadata.owner.as_deref()).unwrap_or("-")
        }
    };
    // Row key → (how many pods, an image of the row).
    let mut rows: BTreeMap<&str, (usize, Option<&str>)> = BTreeMap::new();
    for pod in &pods {
        let row = rows.entry(row_of(pod)).or_insert((0, None));
        row.0 += 1;
        row.1 = row.1.or(w.pods.get(*pod).map(|p| p.image()));
    }
    let index: BTreeMap<&str, i32> = rows.keys().enumerate().map(|(i, k)| (*k, i as i32)).collect();
    let height = (rows.len().max(3) as i32) * ROW + 2 * ROW;
    let mid = height / 2;
    let row_y = |row: &str| index.get(row).map_or(mid, |i| ROW + i * ROW + ROW / 2);

    // The requests in flight, drawn on a canvas above the routes: hundreds of moving dots would
    // cost the page a style and layout pass each frame as SVG elements.
    let particles: Vec<Particle> = in_flight
        .iter()
        .map(|r| {
            let age = now.saturating_since(r.sent_at).as_millis() as f64;
            let p = if reduced_motion { 1.0 } else { (age / TRAVEL.as_millis() as f64).clamp(0.0, 1.0) };
            let (x1, y1) = match &r.pod {
                Some(pod) => (POD_X - 14, row_y(row_of(pod))),
                None => (SERVICE_X, mid),
            };
            Particle {
                x: (LEFT as f64 + (x1 - LEFT) as f64 * p) as f32,
                y: (mid as f64 + (y1 - mid) as f64 * p) as f32,
                version: r.image.as_deref().and_then(|i| versions.get(i)).copied(),
                failed: !r.outcome.succeeded() && p >= 1.0,
            }
        })
        .collect();
    let pods_rows = rows.iter().map(|(row, (count, image))| {
        let y = row_y(row);
        let colour = image.and_then(|i| versions.get(i)).map_or("#888888".to_string(), |v| css_colour(version_colour(*v)));
        let version = image.map_or("gone", crate::page::facts::tag);
        // A pod by the random suffix kubectl shows last; a ReplicaSet by its name.
        let short = row.rsplit('-').next().unwrap_or(row);
        let label = if by_pod { format!("…{short} ({version})") } else { format!("rs/{row} ({version}) × {count}") };
        html! {
            <g class="endpoint" key={*row}>
                <line x1={SERVICE_X.to_string()} y1={mid.to_string()} x2={(POD_X - 12).to_string()} y2={y.to_string()} class="route" />
                <rect x={(POD_X - 12).to_string()} y={(y - 7).to_string()} width="14" height="14" rx="3" fill={colour} />
                <text x={(POD_X + 8).to_string()} y={(y + 4).to_string()} font-size="11" fill="currentColor">{ label }</text>
            </g>
        }
    });
    let target = w.traffic.first().map(|t| match &t.to {
        crate::sim::service::Target::Service(s) => format!("service/{s}"),
        crate::sim::service::Target::Ingress(h) => format!("ingress {h}"),
    });

    html! {
        <section class="traffic" aria-labelledby="traffic-title">
            <h2 id="traffic-title">{ t(Text::Traffic) }</h2>
            <p class="counters" aria-live="off">
                <span>{ t(Text::Sent) }{ " " }<output data-testid="requests-sent">{ log.sent }</output></span>
                <span class="ok">{ "✓ " }{ t(Text::Succeeded) }{ " " }<output data-testid="requests-succeeded">{ log.succeeded }</output></span>
                <span class="bad">{ "✗ " }{ t(Text::Failed) }{ " " }<output data-testid="requests-failed">{ log.failed }</output></span>
                { for log.by_outcome.iter().filter(|(o, _)| **o != Outcome::Ok).map(|(o, n)| html! {
                    <span class="cause">{ format!("{} {n}", outcome_name(lang, *o)) }</span>
                }) }
            </p>
            <ul class="services">
                { for w.services.values().map(|s| html! {
                    <li data-testid="service" data-name={s.name.clone()} data-endpoints={s.endpoints.len().to_string()}>
                        <code>{ format!("service/{}", s.name) }</code>
                        { format!(" selector {} · {} {} (kube-proxy {})",
                            s.selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","),
                            s.endpoints.len(), t(Text::Endpoints), s.programmed.len()) }
                    </li>
                }) }
                { for w.ingresses.values().map(|i| html! {
                    <li data-testid="ingress" data-name={i.name.clone()}>
                        <code>{ format!("ingress/{}", i.name) }</code>
                        { format!(" {} → service/{}", i.host, i.service) }
                        { for i.annotations.iter().filter(|(k, _)| k.starts_with("nginx.ingress.kubernetes.io/canary")).map(|(k, v)| html! {
                            <span class="annotation">{ format!(" {}={v}", k.trim_start_matches("nginx.ingress.kubernetes.io/")) }</span>
                        }) }
                    </li>
                }) }
            </ul>
            <div class="requests-view" style={format!("aspect-ratio: {WIDTH} / {height}")}>
            <svg class="requests" viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                aria-label={format!("{}: {} {}, {} {}", t(Text::Traffic), log.succeeded, t(Text::Succeeded), log.failed, t(Text::Failed))}>
                <text x="8" y={(mid + 4).to_string()} font-size="11" fill="currentColor">{ t(Text::Users) }</text>
                <line x1={LEFT.to_string()} y1={mid.to_string()} x2={SERVICE_X.to_string()} y2={mid.to_string()} class="route" />
                <rect x={(SERVICE_X - 6).to_string()} y={(mid - 14).to_string()} width="12" height="28" rx="3" class="service-box" />
                if let Some(target) = target {
                    <text x={SERVICE_X.to_string()} y={(mid - 20).to_string()} text-anchor="middle" font-size="11" fill="currentColor">{ target }</text>
                }
                { for pods_rows }
            </svg>
            <Particles {particles} {height} />
            </div>
        </section>
    }
}

/// One request in flight, in the view's coordinates.
#[derive(Clone, Copy, PartialEq)]
pub struct Particle {
    x: f32,
    y: f32,
    /// The answering version's number, if a pod answered.
    version: Option<usize>,
    /// Arrived, and failed: drawn as a ✗.
    failed: bool,
}

#[derive(Properties, PartialEq)]
struct ParticlesProps {
    particles: Vec<Particle>,
    height: i32,
}

/// The canvas the requests are drawn on, over the routes' SVG and the same size.
#[function_component(Particles)]
fn particles(props: &ParticlesProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let (particles, height) = (props.particles.clone(), props.height);
        use_effect_with((particles, height), move |(particles, height)| {
            draw(&canvas, particles, *height);
        });
    }
    html! { <canvas ref={canvas} class="particles" width={WIDTH.to_string()} height={props.height.to_string()} aria-hidden="true"></canvas> }
}

fn draw(canvas: &NodeRef, particles: &[Particle], height: i32) {
    use wasm_bindgen::JsCast;
    let Some(canvas) = canvas.cast::<web_sys::HtmlCanvasElement>() else { return };
    let Some(ctx) =
        canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    ctx.clear_rect(0.0, 0.0, f64::from(WIDTH), f64::from(height));
    for p in particles.iter().filter(|p| !p.failed) {
        let colour = p.version.map_or("#888888".to_string(), |v| css_colour(version_colour(v)));
        ctx.set_fill_style_str(&colour);
        ctx.begin_path();
        let _ = ctx.arc(f64::from(p.x), f64::from(p.y), 4.0, 0.0, std::f64::consts::TAU);
        ctx.fill();
    }
    // Failures: a cross, not only a colour.
    ctx.set_stroke_style_str("#b42318");
    ctx.set_line_width(2.5);
    for p in particles.iter().filter(|p| p.failed) {
        let (x, y) = (f64::from(p.x), f64::from(p.y));
        ctx.begin_path();
        ctx.move_to(x - 5.0, y - 5.0);
        ctx.line_to(x + 5.0, y + 5.0);
        ctx.move_to(x + 5.0, y - 5.0);
        ctx.line_to(x - 5.0, y + 5.0);
        ctx.stroke();
    }
}
