//! What the traffic view draws, worked out from the run: the router in front (a Gateway and its
//! HTTPRoute's rules and weights, or an NGINX Ingress), the Services the requests reach, one row
//! per endpoint pod (or per ReplicaSet past [`PER_POD_ROWS`]), and each request in flight on its
//! way: users → Gateway (or Ingress) → Service → pod. A failed request stops where it failed: at
//! the Gateway (404, or 500 for an invalid backend), at the Service (no endpoint), at the pod.
//! The view (`src/ui/traffic.rs`) only lays these out.

use std::collections::{BTreeMap, BTreeSet};

use crate::sim::gateway::{HttpRoute, HttpRouteMatch};
use crate::sim::service::{Outcome, Request, Target};
use crate::sim::{SimDuration, SimTime, World};

/// How long a request takes to cross the view, in simulated time.
pub const TRAVEL: SimDuration = SimDuration::from_millis(600);
/// How long a request stays where it ended.
pub const LINGER: SimDuration = SimDuration::from_millis(300);
/// The most requests drawn at once (the most recent).
pub const MAX_DRAWN: usize = 240;
/// Up to this many endpoints get a row each; more are grouped by ReplicaSet.
pub const PER_POD_ROWS: usize = 24;

pub const WIDTH: i32 = 420;
pub const ROW: i32 = 26;
/// Where the users' line ends, the router stands, the Services stand, the pods' rows start.
pub const LEFT: i32 = 46;
pub const FRONT_X: i32 = 120;
pub const SERVICE_X: i32 = 210;
pub const POD_X: i32 = 300;

/// What stands in front of the Services.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Front {
    /// The requests go to a Service directly.
    None,
    /// `ingress HOST`: the NGINX Ingress rules for the host.
    Ingress(String),
    /// The Gateway that serves the host, and its HTTPRoutes.
    Gateway { gateway: String, class: String, routes: Vec<RouteFacts> },
}

/// An HTTPRoute as the panel lists it (as stored: what `kubectl get httproute -o yaml` shows).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteFacts {
    pub name: String,
    pub hostnames: Vec<String>,
    pub rules: Vec<RuleFacts>,
}

/// One rule: what it matches, and its backendRefs with their weights.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleFacts {
    /// Its matches, each as `path`, `Header: value` and `?name=value` conditions; empty when the
    /// rule matches every request (the default `PathPrefix /`).
    pub matches: Vec<String>,
    pub backends: Vec<BackendFacts>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackendFacts {
    pub service: String,
    pub weight: i32,
    /// Its share of the rule's requests, in whole percent (the weights need not add up to 100).
    pub percent: u32,
}

/// A Service in the middle column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceNode {
    pub name: String,
    pub y: i32,
    /// Behind a Gateway: the first rule that names it (from 0) and its share of that rule's
    /// requests, in percent.
    pub share: Option<(usize, u32)>,
    /// The rows of its endpoints.
    pub rows: Vec<String>,
}

/// A pod's row (or a ReplicaSet's, past [`PER_POD_ROWS`] endpoints).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodRow {
    pub key: String,
    pub y: i32,
    pub pods: usize,
    pub image: Option<String>,
}

/// One request in flight, where it is now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Particle {
    pub x: f32,
    pub y: f32,
    /// The image that answered, as its version's number.
    pub version: Option<usize>,
    /// Arrived where it ended, and failed: drawn as a ✗.
    pub failed: bool,
}

/// Everything the traffic view draws.
#[derive(Clone, Debug, PartialEq)]
pub struct TrafficMap {
    pub front: Front,
    pub services: Vec<ServiceNode>,
    pub rows: Vec<PodRow>,
    /// Whether a row is a pod (else a ReplicaSet).
    pub by_pod: bool,
    pub height: i32,
    pub mid: i32,
    pub particles: Vec<Particle>,
}

/// A match as the panel says it: `/api` (a path other than the default), `X-Group: beta`,
/// `?plan=pro`.
fn match_text(m: &HttpRouteMatch) -> String {
    let mut parts = Vec::new();
    if !(m.path.type_ == "PathPrefix" && m.path.value == "/") {
        let exact = if m.path.type_ == "Exact" { " (Exact)" } else { "" };
        parts.push(format!("{}{exact}", m.path.value));
    }
    parts.extend(m.headers.iter().map(|h| format!("{}: {}", h.name, h.value)));
    parts.extend(m.query_params.iter().map(|q| format!("?{}={}", q.name, q.value)));
    parts.join(" ")
}

pub fn route_facts(route: &HttpRoute) -> RouteFacts {
    let rules = route
        .spec
        .rules
        .iter()
        .map(|rule| {
            let total: i64 = rule.backend_refs.iter().map(|b| i64::from(b.weight.max(0))).sum();
            let backends = rule
                .backend_refs
                .iter()
                .map(|b| BackendFacts {
                    service: b.name.clone(),
                    weight: b.weight,
                    percent: if total == 0 { 0 } else { (i64::from(b.weight.max(0)) * 100 / total) as u32 },
                })
                .collect();
            let matches: Vec<String> = rule.matches.iter().map(match_text).collect();
            // A rule whose only match is the default matches every request.
            let matches = if matches.iter().all(String::is_empty) { Vec::new() } else { matches };
            RuleFacts { matches, backends }
        })
        .collect();
    RouteFacts { name: route.name.clone(), hostnames: route.spec.hostnames.clone(), rules }
}

/// The router in front of the run's traffic (its first traffic source).
pub fn front(w: &World) -> Front {
    let Some(Target::Ingress(host)) = w.traffic.first().map(|t| &t.to) else { return Front::None };
    if !w.gateway.has_host(host) {
        // No route names the host: an Ingress that has it, else a Gateway still listening for it
        // (its route deleted), which answers 404.
        let listening = w.gateway.listening(host).filter(|_| !w.ingresses.values().any(|i| i.host == *host));
        return match listening {
            Some(g) => {
                Front::Gateway { gateway: g.name.clone(), class: g.gateway_class_name.clone(), routes: Vec::new() }
            }
            None => Front::Ingress(host.clone()),
        };
    }
    let routes: Vec<&HttpRoute> = w
        .gateway
        .routes
        .values()
        .filter(|r| {
            r.spec.hostnames.is_empty() || r.spec.hostnames.iter().any(|h| crate::sim::gateway::host_matches(h, host))
        })
        .collect();
    let gateway = routes
        .iter()
        .flat_map(|r| &r.spec.parent_refs)
        .find_map(|p| w.gateway.gateways.get(&p.name))
        .or_else(|| w.gateway.gateways.values().next());
    Front::Gateway {
        gateway: gateway.map(|g| g.name.clone()).unwrap_or_default(),
        class: gateway.map(|g| g.gateway_class_name.clone()).unwrap_or_default(),
        routes: routes.into_iter().map(route_facts).collect(),
    }
}

/// Where a request's way bends: the users, the router (if any), its Service, its pod's row.
fn waypoints(map: &TrafficMap, r: &Request, row_of: &dyn Fn(&str) -> Option<i32>) -> Vec<(i32, i32)> {
    let mut points = vec![(LEFT, map.mid)];
    if map.front != Front::None {
        points.push((FRONT_X, map.mid));
    }
    // Turned away by the router: it ends there.
    if matches!(r.outcome, Outcome::NotFound | Outcome::InvalidBackend) {
        return points;
    }
    if let Some(s) = r.service.as_deref().and_then(|s| map.services.iter().find(|n| n.name == s)) {
        points.push((SERVICE_X, s.y));
    }
    if let Some(y) = r.pod.as_deref().and_then(row_of) {
        points.push((POD_X - 14, y));
    }
    points
}

/// The point `p` (0 to 1) of the way along `points`, each leg taking the same time.
fn along(points: &[(i32, i32)], p: f64) -> (f32, f32) {
    let legs = points.len().saturating_sub(1);
    if legs == 0 {
        return (points[0].0 as f32, points[0].1 as f32);
    }
    let at = (p * legs as f64).min(legs as f64 - 1e-9).max(0.0);
    let (i, f) = (at.floor() as usize, at.fract());
    let ((x0, y0), (x1, y1)) = (points[i], points[i + 1]);
    let (x, y) = if p >= 1.0 {
        (f64::from(x1), f64::from(y1))
    } else {
        (f64::from(x0) + f64::from(x1 - x0) * f, f64::from(y0) + f64::from(y1 - y0) * f)
    };
    (x as f32, y as f32)
}

/// The traffic view of `w` at `now` (`versions`: each image's version number; `still`: draw
/// each request where it ended, for reduced motion).
pub fn traffic_map(w: &World, now: SimTime, versions: &BTreeMap<String, usize>, still: bool) -> TrafficMap {
    let log = &w.requests;
    let from = SimTime(now.0.saturating_sub(TRAVEL.as_millis() + LINGER.as_millis()));
    let in_flight: Vec<&Request> =
        log.recent.iter().rev().take_while(|r| r.sent_at > from).filter(|r| r.sent_at <= now).take(MAX_DRAWN).collect();
    // Rows: every pod that is an endpoint of some Service now, and those that requests still go
    // to; past PER_POD_ROWS of them, one row per ReplicaSet (a row per pod would be unreadable).
    let mut pods: BTreeSet<&str> = BTreeSet::new();
    for s in w.services.values() {
        pods.extend(s.programmed.iter().chain(&s.endpoints).map(String::as_str));
    }
    pods.extend(in_flight.iter().filter_map(|r| r.pod.as_deref()));
    let by_pod = pods.len() <= PER_POD_ROWS;
    let row_key = |pod: &str| -> String {
        if by_pod {
            pod.to_string()
        } else {
            w.pods.get(pod).and_then(|p| p.metadata.owner.clone()).unwrap_or_else(|| "-".into())
        }
    };
    let mut grouped: BTreeMap<String, (usize, Option<String>)> = BTreeMap::new();
    for pod in &pods {
        let row = grouped.entry(row_key(pod)).or_insert((0, None));
        row.0 += 1;
        if row.1.is_none() {
            row.1 = w.pods.get(*pod).map(|p| p.image().to_string());
        }
    }
    let height = (grouped.len().max(3) as i32) * ROW + 2 * ROW;
    let mid = height / 2;
    let rows: Vec<PodRow> = grouped
        .into_iter()
        .enumerate()
        .map(|(i, (key, (pods, image)))| PodRow { key, y: ROW + i as i32 * ROW + ROW / 2, pods, image })
        .collect();
    // The Services: those the requests are sent to, spread down the middle column.
    let mut names: BTreeSet<&str> = in_flight.iter().filter_map(|r| r.service.as_deref()).collect();
    match w.traffic.first().map(|t| &t.to) {
        Some(Target::Service(s)) => {
            names.insert(s);
        }
        Some(Target::Ingress(host)) if w.gateway.has_host(host) => {
            names.extend(w.gateway.routes.values().flat_map(|r| r.services()).filter(|s| w.services.contains_key(*s)));
        }
        Some(Target::Ingress(host)) => {
            names.extend(w.ingresses.values().filter(|i| i.host == *host).map(|i| i.service.as_str()));
        }
        None => {}
    }
    let n = names.len() as i32;
    let services = names.into_iter().enumerate().map(|(i, name)| {
        let endpoints = w.services.get(name).map(|s| s.programmed.clone()).unwrap_or_default();
        let mut rows: Vec<String> = endpoints.iter().map(|p| row_key(p)).collect();
        rows.dedup();
        ServiceNode { name: name.to_string(), y: height * (i as i32 + 1) / (n + 1), share: None, rows }
    });
    let front = front(w);
    let services = services
        .map(|mut node: ServiceNode| {
            if let Front::Gateway { routes, .. } = &front {
                node.share = routes.iter().flat_map(|r| r.rules.iter().enumerate()).find_map(|(i, rule)| {
                    rule.backends.iter().find(|b| b.service == node.name).map(|b| (i, b.percent))
                });
            }
            node
        })
        .collect();
    let mut map = TrafficMap { front, services, rows, by_pod, height, mid, particles: Vec::new() };
    let row_y: BTreeMap<&str, i32> = map.rows.iter().map(|r| (r.key.as_str(), r.y)).collect();
    let row_of = |pod: &str| row_y.get(row_key(pod).as_str()).copied();
    map.particles = in_flight
        .iter()
        .map(|r| {
            let age = now.saturating_since(r.sent_at).as_millis() as f64;
            let p = if still { 1.0 } else { (age / TRAVEL.as_millis() as f64).clamp(0.0, 1.0) };
            let (x, y) = along(&waypoints(&map, r, &row_of), p);
            Particle {
                x,
                y,
                version: r.image.as_deref().and_then(|i| versions.get(i)).copied(),
                failed: !r.outcome.succeeded() && p >= 1.0,
            }
        })
        .collect();
    map
}
