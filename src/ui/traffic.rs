//! The traffic view: each Service with its endpoints, the router in front when the strategy has
//! one (a Gateway with its HTTPRoutes' rules and weights, or the retired NGINX Ingress's rules), a
//! live count of requests, and the requests themselves travelling from the users through the
//! router and their Service to the pod that answers, coloured by the version that answered; a
//! failed request ends in a ✗ where it failed. What is drawn is [`crate::page::traffic`]'s.

use std::collections::BTreeMap;

use yew::prelude::*;

use crate::charts::{css_colour, version_colour};
use crate::i18n::{outcome_name, tr, Lang, Text};
use crate::page::traffic::{traffic_map, Front, Particle, RouteFacts, FRONT_X, LEFT, POD_X, SERVICE_X, WIDTH};
use crate::sim::service::Outcome;
use crate::sim::{SimTime, World};

pub fn traffic_view(
    lang: Lang,
    w: &World,
    now: SimTime,
    versions: &BTreeMap<String, usize>,
    reduced_motion: bool,
    mark: super::lesson::Mark,
) -> Html {
    let marked = mark.on(crate::lesson::focus::Spot::Traffic);
    let t = |key| tr(lang, key);
    let log = &w.requests;
    let map = traffic_map(w, now, versions, reduced_motion);
    let (height, mid) = (map.height, map.mid);
    let row_y: BTreeMap<&str, i32> = map.rows.iter().map(|r| (r.key.as_str(), r.y)).collect();
    let particles = map.particles.clone();
    let pods_rows = map.rows.iter().map(|row| {
        let y = row.y;
        let colour =
            row.image.as_ref().and_then(|i| versions.get(i)).map_or("#888888".to_string(), |v| css_colour(version_colour(*v)));
        let version = row.image.as_deref().map_or("gone", crate::page::facts::tag);
        // A pod by the random suffix kubectl shows last; a ReplicaSet by its name.
        let short = row.key.rsplit('-').next().unwrap_or(&row.key);
        let label =
            if map.by_pod { format!("…{short} ({version})") } else { format!("rs/{} ({version}) × {}", row.key, row.pods) };
        html! {
            <g class="endpoint" key={row.key.clone()}>
                <rect x={(POD_X - 14).to_string()} y={(y - 8).to_string()} width="16" height="16" rx="3" fill={colour} />
                <text x={(POD_X + 8).to_string()} y={(y + 5).to_string()} font-size="14" fill="currentColor">{ label }</text>
            </g>
        }
    });
    // Each Service with its lines to its endpoints' rows, and from the router (or the users).
    let from_x = if map.front == Front::None { LEFT } else { FRONT_X };
    let services = map.services.iter().map(|s| {
        let share = s.share.map(|(rule, percent)| format!(" · {} {} {percent}%", t(Text::RouteRule), rule + 1));
        html! {
            <g class="service-node" key={s.name.clone()} data-testid="traffic-service" data-name={s.name.clone()}
                data-percent={s.share.map(|(_, p)| p.to_string()).unwrap_or_default()}>
                <line x1={from_x.to_string()} y1={mid.to_string()} x2={SERVICE_X.to_string()} y2={s.y.to_string()} class="route" />
                { for s.rows.iter().filter_map(|r| row_y.get(r.as_str())).map(|y| html! {
                    <line x1={SERVICE_X.to_string()} y1={s.y.to_string()} x2={(POD_X - 12).to_string()} y2={y.to_string()} class="route" />
                }) }
                <rect x={(SERVICE_X - 6).to_string()} y={(s.y - 10).to_string()} width="12" height="20" rx="3" class="service-box" />
                <text x={SERVICE_X.to_string()} y={(s.y - 14).to_string()} text-anchor="middle" font-size="12" fill="currentColor">
                    { format!("svc/{}{}", s.name, share.unwrap_or_default()) }
                </text>
            </g>
        }
    });
    let front_label = match &map.front {
        Front::None => None,
        Front::Ingress(host) => Some(format!("ingress {host}")),
        Front::Gateway { gateway, .. } => Some(format!("gateway/{gateway}")),
    };

    html! {
        <section class={classes!("traffic", marked.class)} data-spot={marked.id} data-spot-label={marked.label} aria-labelledby="traffic-title">
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
                        <span class="retired">{ format!(" · {}", t(Text::IngressRetired)) }</span>
                    </li>
                }) }
                if let Front::Gateway { gateway, class, routes } = &map.front {
                    { gateway_item(lang, gateway, class, routes) }
                }
            </ul>
            <div class="requests-view" style={format!("aspect-ratio: {WIDTH} / {height}")}>
            <svg class="requests" viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                aria-label={format!("{}: {} {}, {} {}", t(Text::Traffic), log.succeeded, t(Text::Succeeded), log.failed, t(Text::Failed))}>
                <text x="4" y={(mid + 5).to_string()} font-size="13" fill="currentColor">{ t(Text::Users) }</text>
                <line x1={LEFT.to_string()} y1={mid.to_string()} x2={from_x.to_string()} y2={mid.to_string()} class="route" />
                if let Some(label) = front_label {
                    <g data-testid="traffic-front">
                        <rect x={(FRONT_X - 7).to_string()} y={(mid - 16).to_string()} width="14" height="32" rx="3" class="service-box" />
                        <text x={FRONT_X.to_string()} y={(mid - 22).to_string()} text-anchor="middle" font-size="13" fill="currentColor">{ label }</text>
                    </g>
                }
                { for services }
                { for pods_rows }
            </svg>
            <Particles {particles} {height} />
            </div>
        </section>
    }
}

/// The Gateway in front of the traffic: its name and class, then its routes for the host, or that
/// none takes it (the Gateway then answers 404).
fn gateway_item(lang: Lang, gateway: &str, class: &str, routes: &[RouteFacts]) -> Html {
    let t = |key| tr(lang, key);
    html! {
        <li data-testid="gateway" data-name={gateway.to_string()}>
            <code>{ format!("gateway/{gateway}") }</code>
            { format!(" ({} · gatewayClassName {class})", t(Text::GatewayWord)) }
            { for routes.iter().map(|r| route_item(lang, r)) }
            if routes.is_empty() {
                <div class="route-facts" data-testid="no-route">{ t(Text::NoRouteForHost) }</div>
            }
        </li>
    }
}

/// An HTTPRoute: its hostnames, then each rule as its match and its backendRefs with weights.
fn route_item(lang: Lang, r: &RouteFacts) -> Html {
    let t = |key| tr(lang, key);
    html! {
        <div class="route-facts" data-testid="httproute" data-name={r.name.clone()}>
            <code>{ format!("httproute/{}", r.name) }</code>
            { format!(" {}", r.hostnames.join(", ")) }
            <ol class="route-rules">
                { for r.rules.iter().map(|rule| html! {
                    <li data-testid="route-rule">
                        { if rule.matches.is_empty() { t(Text::AnyRequest).to_string() } else { rule.matches.join(" | ") } }
                        { " → " }
                        { for rule.backends.iter().map(|b| html! {
                            <span class="backend" data-service={b.service.clone()} data-weight={b.weight.to_string()}>
                                { format!("service/{} {} {} ({}%) ", b.service, t(Text::Weight), b.weight, b.percent) }
                            </span>
                        }) }
                    </li>
                }) }
            </ol>
        </div>
    }
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
