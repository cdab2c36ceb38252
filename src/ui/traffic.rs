//! The traffic view: each Service with its endpoints (and the Ingress routing rules when the
//! strategy uses them), a live count of requests, and the requests themselves travelling from the
//! users to the pod that answers, coloured by the version that answered; a failed request ends in
//! a ✗ (no endpoint at the Service, a refused connection or a 500 at the pod).

use std::collections::BTreeMap;

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

const WIDTH: i32 = 640;
const ROW: i32 = 22;
const LEFT: i32 = 70;
const SERVICE_X: i32 = 230;
const POD_X: i32 = 440;

pub fn traffic_view(
    lang: Lang,
    w: &World,
    now: SimTime,
    versions: &BTreeMap<String, usize>,
    reduced_motion: bool,
) -> Html {
    let t = |key| tr(lang, key);
    let log = &w.requests;
    // Rows: every pod that is an endpoint of some Service now, then the ones requests still go to.
    let mut rows: Vec<String> = Vec::new();
    for s in w.services.values() {
        for p in s.programmed.iter().chain(&s.endpoints) {
            if !rows.contains(p) {
                rows.push(p.clone());
            }
        }
    }
    let from = SimTime(now.0.saturating_sub(TRAVEL.as_millis() + LINGER.as_millis()));
    let in_flight: Vec<_> = log.recent.iter().rev().take_while(|r| r.sent_at > from).take(MAX_DRAWN).collect();
    for r in &in_flight {
        if let Some(p) = &r.pod {
            if !rows.contains(p) {
                rows.push(p.clone());
            }
        }
    }
    rows.sort();
    let height = (rows.len().max(3) as i32) * ROW + 2 * ROW;
    let mid = height / 2;
    let row_y = |pod: &str| rows.iter().position(|r| r == pod).map_or(mid, |i| ROW + i as i32 * ROW + ROW / 2);

    let dots = in_flight.iter().map(|r| {
        let age = now.saturating_since(r.sent_at).as_millis() as f64;
        let p = if reduced_motion { 1.0 } else { (age / TRAVEL.as_millis() as f64).clamp(0.0, 1.0) };
        let (x1, y1) = match &r.pod {
            Some(pod) => (POD_X - 14, row_y(pod)),
            None => (SERVICE_X, mid),
        };
        let x = LEFT as f64 + (x1 - LEFT) as f64 * p;
        let y = mid as f64 + (y1 - mid) as f64 * p;
        let colour = r.image.as_deref().and_then(|i| versions.get(i)).map_or("#888888".to_string(), |v| css_colour(version_colour(*v)));
        let failed = !r.outcome.succeeded();
        let arrived = p >= 1.0;
        if failed && arrived {
            html! {
                <text class="request failed" x={format!("{x:.1}")} y={format!("{:.1}", y + 4.0)} text-anchor="middle"
                    fill="#b42318" font-size="14" font-weight="700">{ "✗" }<title>{ outcome_name(lang, r.outcome) }</title></text>
            }
        } else {
            html! { <circle class="request" cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="4" fill={colour} /> }
        }
    });
    let pods_rows = rows.iter().map(|pod| {
        let y = row_y(pod);
        let p = w.pods.get(pod);
        let colour = p.and_then(|p| versions.get(p.image())).map_or("#888888".to_string(), |v| css_colour(version_colour(*v)));
        let label = match p {
            Some(p) => format!("{} ({})", pod, super::cluster::tag(p.image())),
            None => format!("{pod} (gone)"),
        };
        html! {
            <g class="endpoint">
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
            <svg class="requests" viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                aria-label={format!("{}: {} {}, {} {}", t(Text::Traffic), log.succeeded, t(Text::Succeeded), log.failed, t(Text::Failed))}>
                <text x="8" y={(mid + 4).to_string()} font-size="11" fill="currentColor">{ "users" }</text>
                <line x1={LEFT.to_string()} y1={mid.to_string()} x2={SERVICE_X.to_string()} y2={mid.to_string()} class="route" />
                <rect x={(SERVICE_X - 6).to_string()} y={(mid - 14).to_string()} width="12" height="28" rx="3" class="service-box" />
                if let Some(target) = target {
                    <text x={SERVICE_X.to_string()} y={(mid - 20).to_string()} text-anchor="middle" font-size="11" fill="currentColor">{ target }</text>
                }
                { for pods_rows }
                { for dots }
            </svg>
        </section>
    }
}
