//! Services and the requests they route: the EndpointSlice controller (ready, non-terminating
//! pods matching the selector), kube-proxy's copy of the endpoints, which lags by a propagation
//! delay, and a request generator whose every request picks an endpoint at random, as
//! kube-proxy's iptables rules do, and succeeds or fails for a reason.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::images::Registry;
use super::kubelet::Stage;
use super::objects::{ContainerState, Labels, Pod};
use super::rng::SimRng;
use super::time::{SimDuration, SimTime};

/// How long kube-proxy takes to see a change of endpoints, by default: the EndpointSlice
/// controller's batch plus the proxy's resync on every node.
pub const DEFAULT_PROPAGATION: SimDuration = SimDuration::from_secs(1);
/// Requests kept for the view to animate; the counts keep everything.
pub const RECENT_REQUESTS: usize = 2_000;

/// A core/v1 ClusterIP Service, as far as routing goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub name: String,
    pub selector: Labels,
    /// How late kube-proxy applies an endpoint change. Default 1 s.
    pub propagation_delay: SimDuration,
    /// Ready endpoints (pod names) as the EndpointSlice controller writes them now.
    pub endpoints: Vec<String>,
    /// Endpoint sets still on their way to kube-proxy, oldest first, with the time they were written.
    in_flight: VecDeque<(SimTime, Vec<String>)>,
    /// The endpoints kube-proxy routes to.
    pub programmed: Vec<String>,
}

impl Service {
    pub fn new(name: &str, selector: Labels) -> Self {
        Service {
            name: name.into(),
            selector,
            propagation_delay: DEFAULT_PROPAGATION,
            endpoints: Vec::new(),
            in_flight: VecDeque::new(),
            programmed: Vec::new(),
        }
    }

    fn selects(&self, pod: &Pod) -> bool {
        !self.selector.is_empty() && self.selector.iter().all(|(k, v)| pod.metadata.labels.get(k) == Some(v))
    }

    /// The EndpointSlice controller, then kube-proxy catching up with what was written
    /// `propagation_delay` ago.
    pub fn sync(&mut self, pods: &BTreeMap<String, Pod>, now: SimTime) {
        let is_endpoint = |p: &&Pod| self.selects(p) && p.status.ready && !p.is_terminating();
        // Compared in place first: on most steps nothing changed, and nothing is allocated.
        let mut current = pods.values().filter(is_endpoint).map(|p| p.metadata.name.as_str());
        let unchanged = self.endpoints.iter().all(|e| current.next() == Some(e.as_str())) && current.next().is_none();
        if !unchanged {
            let ready: Vec<String> = pods.values().filter(is_endpoint).map(|p| p.metadata.name.clone()).collect();
            self.endpoints = ready.clone();
            self.in_flight.push_back((now, ready));
        }
        while self.in_flight.front().is_some_and(|(t, _)| now.saturating_since(*t) >= self.propagation_delay) {
            if let Some((_, set)) = self.in_flight.pop_front() {
                self.programmed = set;
            }
        }
    }
}

/// The most requests per second a scenario may send (the page must keep up).
pub const MAX_RATE_PER_SECOND: u32 = 10_000;

/// The request generator: `rate_per_second` requests to `service`, evenly spaced, like the
/// course's `while true; do curl <ip>; sleep 1; done` at rate 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Traffic {
    pub service: String,
    pub rate_per_second: u32,
}

/// How a request ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// 200 from the application.
    Ok,
    /// 500: the application's own error, or data it can no longer read.
    ServerError,
    /// The Service had no endpoint to send it to.
    NoEndpoints,
    /// The chosen pod was gone or not listening (stale endpoints, a container not up yet).
    ConnectionRefused,
}

impl Outcome {
    pub fn succeeded(self) -> bool {
        self == Outcome::Ok
    }
}

/// One request, for the view to animate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    pub id: u64,
    pub sent_at: SimTime,
    pub answered_at: SimTime,
    /// The pod it was sent to, if there was one.
    pub pod: Option<String>,
    /// The image of the pod that answered (what `curl` shows: "Welcome! http-go:v2").
    pub image: Option<String>,
    pub outcome: Outcome,
}

/// Everything the traffic did: counts since the start and the most recent requests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestLog {
    pub sent: u64,
    pub succeeded: u64,
    pub failed: u64,
    /// Answered requests (any status) by the image that answered them.
    pub by_image: BTreeMap<String, u64>,
    pub by_outcome: BTreeMap<Outcome, u64>,
    pub recent: VecDeque<Request>,
}

impl RequestLog {
    fn record(&mut self, r: Request) {
        self.sent += 1;
        if r.outcome.succeeded() {
            self.succeeded += 1;
        } else {
            self.failed += 1;
        }
        if let Some(image) = &r.image {
            match self.by_image.get_mut(image) {
                Some(n) => *n += 1,
                None => {
                    self.by_image.insert(image.clone(), 1);
                }
            }
        }
        *self.by_outcome.entry(r.outcome).or_default() += 1;
        if self.recent.len() == RECENT_REQUESTS {
            self.recent.pop_front();
        }
        self.recent.push_back(r);
    }
}

/// What a pod does with a request at `now`: its container must run (a terminating one runs
/// until its preStop hook ends and SIGTERM stops it) and its application must have started.
fn answer(
    pod: &Pod,
    registry: &Registry,
    migrated: bool,
    rng: &mut SimRng,
    now: SimTime,
) -> (Outcome, Option<String>, SimDuration) {
    let running = match pod.kubelet.stage {
        Stage::Running { .. } => true,
        Stage::Terminating { until } => until > now,
        _ => false,
    } && pod.status.container_state == ContainerState::Running;
    let behavior = pod.status.image_id.as_deref().map(|d| registry.behavior(d)).unwrap_or_default();
    let startup = SimDuration::from_secs(u64::from(behavior.startup_seconds));
    let up = pod.status.started_at.is_some_and(|s| now.saturating_since(s) >= startup);
    if !(running && up) {
        return (Outcome::ConnectionRefused, None, SimDuration::ZERO);
    }
    let image = Some(pod.image().to_string());
    let latency = SimDuration::from_millis(u64::from(behavior.latency_ms));
    let stale_schema = migrated && !behavior.migrates_data;
    let app_error = behavior.error_percent > 0 && rng.below(100) < u32::from(behavior.error_percent);
    let outcome = if stale_schema || app_error { Outcome::ServerError } else { Outcome::Ok };
    (outcome, image, latency)
}

/// Sends the requests due in `(from, to]` and records how each ended.
#[allow(clippy::too_many_arguments)]
pub fn send(
    traffic: &Traffic,
    services: &BTreeMap<String, Service>,
    pods: &BTreeMap<String, Pod>,
    registry: &Registry,
    migrated: bool,
    rng: &mut SimRng,
    log: &mut RequestLog,
    from: SimTime,
    to: SimTime,
) {
    if traffic.rate_per_second == 0 {
        return;
    }
    let Some(service) = services.get(&traffic.service) else { return };
    let rate = u64::from(traffic.rate_per_second);
    // Request n goes out at n / rate seconds: the ones with from < t ≤ to now.
    let first = (from.0 * rate) / 1000 + 1;
    let last = (to.0 * rate) / 1000;
    for n in first..=last {
        let sent_at = SimTime(n * 1000 / rate);
        let id = log.sent;
        let request = if service.programmed.is_empty() {
            Request { id, sent_at, answered_at: sent_at, pod: None, image: None, outcome: Outcome::NoEndpoints }
        } else {
            let pick = rng.below(u32::try_from(service.programmed.len()).unwrap_or(u32::MAX)) as usize;
            let name = &service.programmed[pick];
            let (outcome, image, latency) = match pods.get(name) {
                Some(pod) => answer(pod, registry, migrated, rng, sent_at),
                None => (Outcome::ConnectionRefused, None, SimDuration::ZERO),
            };
            Request { id, sent_at, answered_at: sent_at + latency, pod: Some(name.clone()), image, outcome }
        };
        log.record(request);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kube_proxy_sees_endpoint_changes_one_propagation_delay_late() {
        let mut s = Service::new("web", [("app".to_string(), "web".to_string())].into());
        s.propagation_delay = SimDuration::from_secs(2);
        let mut pods = BTreeMap::new();
        let mut p = Pod {
            metadata: crate::sim::objects::ObjectMeta {
                name: "web-1".into(),
                labels: [("app".to_string(), "web".to_string())].into(),
                ..Default::default()
            },
            spec: Default::default(),
            status: Default::default(),
            kubelet: Default::default(),
        };
        p.status.ready = true;
        pods.insert("web-1".to_string(), p);
        s.sync(&pods, SimTime::from_secs(10));
        assert_eq!((s.endpoints.len(), s.programmed.len()), (1, 0));
        s.sync(&pods, SimTime::from_millis(11_900));
        assert!(s.programmed.is_empty());
        s.sync(&pods, SimTime::from_secs(12));
        assert_eq!(s.programmed, ["web-1"]);
        // A deleted (terminating) pod leaves the endpoints at once, kube-proxy 2 s later.
        pods.get_mut("web-1").unwrap().metadata.deletion_timestamp = Some(SimTime::from_secs(20));
        s.sync(&pods, SimTime::from_secs(20));
        assert_eq!((s.endpoints.len(), s.programmed.len()), (0, 1));
        s.sync(&pods, SimTime::from_secs(22));
        assert!(s.programmed.is_empty());
    }

    #[test]
    fn requests_are_evenly_spaced_and_fail_without_endpoints() {
        let mut services = BTreeMap::new();
        services.insert("web".to_string(), Service::new("web", [("app".to_string(), "web".to_string())].into()));
        let traffic = Traffic { service: "web".into(), rate_per_second: 10 };
        let mut log = RequestLog::default();
        let mut rng = SimRng::new(1);
        let registry = Registry::default();
        let pods = BTreeMap::new();
        send(
            &traffic,
            &services,
            &pods,
            &registry,
            false,
            &mut rng,
            &mut log,
            SimTime::ZERO,
            SimTime::from_millis(1_000),
        );
        assert_eq!((log.sent, log.failed), (10, 10));
        assert_eq!(log.by_outcome[&Outcome::NoEndpoints], 10);
        let times: Vec<u64> = log.recent.iter().map(|r| r.sent_at.0).collect();
        assert_eq!(times, [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    }
}
