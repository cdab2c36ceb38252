//! Services and the requests they route: the EndpointSlice controller (the selected pods that
//! have an IP and have not finished, each with its `ready`, `serving` and `terminating`
//! conditions), kube-proxy's copy of the endpoints, which lags by a propagation delay and routes
//! to the ready endpoints, or to the serving terminating ones when none is ready
//! (`CategorizeEndpoints`), and a request generator whose every request picks an endpoint at
//! random, as kube-proxy's iptables rules do, and succeeds or fails for a reason. Requests may go through
//! an Ingress instead ([`super::ingress`]), which picks a Service by its canary rules first, or
//! through a Gateway by its HTTPRoutes ([`super::gateway`]), which pick a rule and a weighted
//! backendRef first.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::gateway::{GatewayApi, RequestInfo, Routed};
use super::images::Registry;
use super::ingress::{self, Ingress, UserGroup};
use super::objects::{ContainerState, Labels, Pod, PodPhase};
use super::podwork::Stage;
use super::recent::Recent;
use super::rng::SimRng;
use super::time::{SimDuration, SimTime};

/// How long kube-proxy takes to see a change of endpoints, by default: the EndpointSlice
/// controller's batch plus the proxy's resync on every node.
pub const DEFAULT_PROPAGATION: SimDuration = SimDuration::from_secs(1);
/// Requests kept for the view to animate; the counts keep everything.
pub const RECENT_REQUESTS: usize = 2_000;

/// The Service CIDR of kubeadm, kind and minikube: 10.96.0.0/12.
const SERVICE_CIDR: (u32, u32) = (0x0A60_0000, 12);

/// A core/v1 ClusterIP Service, as far as routing goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub name: String,
    pub selector: Labels,
    /// The virtual IP kube-proxy answers on (`None` for a headless Service, which has none).
    pub cluster_ip: String,
    /// The ports clients connect to, each forwarded to a port of the pods.
    pub ports: Vec<ServicePort>,
    /// When the Service was created (every Service of a run exists from its start).
    #[serde(default)]
    pub created: SimTime,
    /// How late kube-proxy applies an endpoint change. Default 1 s.
    pub propagation_delay: SimDuration,
    /// The Service's EndpointSlice as the EndpointSlice controller writes it now: one endpoint per
    /// selected pod that has an IP and has not finished, terminating ones included, in pod name
    /// order.
    #[serde(default)]
    pub slice: Vec<Endpoint>,
    /// Its ready endpoints (pod names): what the Service counts as its endpoints.
    pub endpoints: Vec<String>,
    /// Slices still on their way to kube-proxy, oldest first, with the time they were written.
    in_flight: VecDeque<(SimTime, Vec<Endpoint>)>,
    /// The endpoints kube-proxy routes to (and the ingress controller, which lags as much): the
    /// ready endpoints of the slice it has, or, when none is ready, its serving terminating ones
    /// (`CategorizeEndpoints`, kubernetes/kubernetes `pkg/proxy/topology.go`).
    pub programmed: Vec<String>,
    /// Where NGINX's round robin over `programmed` is.
    #[serde(default)]
    round_robin: usize,
}

/// One endpoint of an EndpointSlice, with the conditions the EndpointSlice controller writes
/// (`podToEndpoint`, kubernetes/kubernetes `staging/src/k8s.io/endpointslice/utils.go`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    /// The pod (its `targetRef`).
    pub pod: String,
    /// `serving && !terminating`: what kube-proxy sends requests to.
    pub ready: bool,
    /// The pod's Ready condition, terminating or not.
    pub serving: bool,
    /// The pod is being deleted (it has a deletionTimestamp).
    pub terminating: bool,
}

impl Endpoint {
    /// `podToEndpoint` without `publishNotReadyAddresses` (the simulator refuses a Service that
    /// sets it: see `k8s::object`).
    pub fn of(pod: &Pod) -> Self {
        let serving = pod.status.ready;
        let terminating = pod.is_terminating();
        Endpoint { pod: pod.metadata.name.clone(), ready: serving && !terminating, serving, terminating }
    }
}

/// One entry of a Service's `spec.ports`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicePort {
    /// Empty when the port has no name (allowed when it is the only one).
    #[serde(default)]
    pub name: String,
    /// `TCP`, `UDP` or `SCTP`.
    pub protocol: String,
    pub port: i32,
    /// The pods' port: a number, or the name of a container port.
    pub target_port: String,
}

impl ServicePort {
    /// `port` forwarded to `target_port` over TCP, as the course's `80 → 8080`.
    pub fn tcp(port: i32, target_port: i32) -> Self {
        ServicePort { name: String::new(), protocol: "TCP".into(), port, target_port: target_port.to_string() }
    }
}

impl Service {
    /// A Service with no ports yet and the cluster IP [`cluster_ip_for`] its name.
    pub fn new(name: &str, selector: Labels) -> Self {
        Service {
            name: name.into(),
            selector,
            cluster_ip: cluster_ip_for(name),
            ports: Vec::new(),
            created: SimTime::ZERO,
            propagation_delay: DEFAULT_PROPAGATION,
            slice: Vec::new(),
            endpoints: Vec::new(),
            in_flight: VecDeque::new(),
            programmed: Vec::new(),
            round_robin: 0,
        }
    }

    /// The same Service, listening on `ports`.
    pub fn with_ports(mut self, ports: Vec<ServicePort>) -> Self {
        self.ports = ports;
        self
    }

    /// The Service a request to `host` (an IP, or the Service's DNS name as a pod resolves it:
    /// `NAME`, `NAME.default`, `NAME.default.svc`, `NAME.default.svc.cluster.local`) reaches.
    pub fn answers_to(&self, host: &str) -> bool {
        let dns = host
            .strip_prefix(self.name.as_str())
            .is_some_and(|rest| matches!(rest, "" | ".default" | ".default.svc" | ".default.svc.cluster.local"));
        dns || (host == self.cluster_ip && self.cluster_ip != "None")
    }

    fn selects(&self, pod: &Pod) -> bool {
        !self.selector.is_empty() && self.selector.iter().all(|(k, v)| pod.metadata.labels.get(k) == Some(v))
    }

    /// Whether the EndpointSlice controller gives `pod` an endpoint of this Service
    /// (`ShouldPodBeInEndpoints` with terminating pods included, as the EndpointSlice reconciler
    /// calls it): selected, with an IP, and not finished (Succeeded or Failed).
    pub fn has_endpoint(&self, pod: &Pod) -> bool {
        pod.status.pod_ip.is_some()
            && !matches!(pod.status.phase, PodPhase::Succeeded | PodPhase::Failed)
            && self.selects(pod)
    }

    /// The EndpointSlice controller, then kube-proxy catching up with what was written
    /// `propagation_delay` ago.
    pub fn sync(&mut self, pods: &BTreeMap<String, Pod>, now: SimTime) {
        // Compared in place first: on most steps nothing changed, and nothing is allocated.
        let same = |e: &Endpoint, p: &Pod| {
            e.pod == p.metadata.name && e.serving == p.status.ready && e.terminating == p.is_terminating()
        };
        let mut current = pods.values().filter(|p| self.has_endpoint(p));
        let unchanged =
            self.slice.iter().all(|e| current.next().is_some_and(|p| same(e, p))) && current.next().is_none();
        if !unchanged {
            let slice: Vec<Endpoint> = pods.values().filter(|p| self.has_endpoint(p)).map(Endpoint::of).collect();
            self.endpoints = slice.iter().filter(|e| e.ready).map(|e| e.pod.clone()).collect();
            self.slice = slice.clone();
            self.in_flight.push_back((now, slice));
        }
        while self.in_flight.front().is_some_and(|(t, _)| now.saturating_since(*t) >= self.propagation_delay) {
            if let Some((_, slice)) = self.in_flight.pop_front() {
                self.programmed = routed(&slice);
            }
        }
    }
}

/// The endpoints kube-proxy routes a Service's traffic to (`CategorizeEndpoints` for the Cluster
/// traffic policy, without topology): the ready ones; when none is, the serving terminating ones,
/// so that a Service whose every pod is shutting down still answers while they can.
pub fn routed(slice: &[Endpoint]) -> Vec<String> {
    let ready: Vec<String> = slice.iter().filter(|e| e.ready).map(|e| e.pod.clone()).collect();
    if !ready.is_empty() {
        return ready;
    }
    slice.iter().filter(|e| e.serving && e.terminating).map(|e| e.pod.clone()).collect()
}

/// The cluster IP a Service gets when its manifest sets none. The apiserver picks a free address
/// of the Service CIDR at random; here the name picks it (FNV-1a), so that a lesson's Service has
/// the same IP on every run and seed. Like the apiserver's, it is taken from the upper part of the
/// range: the lowest addresses (10.96.0.1 for `kubernetes`, 10.96.0.10 for DNS) are kept for
/// Services that ask for theirs.
pub fn cluster_ip_for(name: &str) -> String {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let (base, prefix) = SERVICE_CIDR;
    let size = 1u64 << (32 - prefix);
    // The static band: 1/16 of the range, at least 16 and at most 256 addresses.
    let reserved = (size / 16).clamp(16, 256);
    let offset = reserved + hash % (size - reserved - 1);
    std::net::Ipv4Addr::from(base + offset as u32).to_string()
}

/// Whether `ip` is an address of the Service CIDR a manifest may ask for.
pub fn in_service_cidr(ip: &str) -> bool {
    let (base, prefix) = SERVICE_CIDR;
    ip.parse::<std::net::Ipv4Addr>().is_ok_and(|a| (u32::from(a) >> (32 - prefix)) == (base >> (32 - prefix)))
}

/// The most requests per second a scenario may send (the page must keep up).
pub const MAX_RATE_PER_SECOND: u32 = 10_000;

/// The request generator: `rate_per_second` requests, evenly spaced, like the course's
/// `while true; do curl <ip>; sleep 1; done` at rate 1, each from one of the user groups (or from
/// nobody in particular).
///
/// **When the clients start.** Unless `from` names a moment, the clients start when the
/// application is first up: the first tick at whose end a request to the target would be
/// answered by an application (whatever its status), as a person who tries `curl` until the app
/// answers and only then starts the loop. A run therefore does not count the requests of the
/// seconds in which its first pods were still starting. The check routes one trial request on a
/// copy of the traffic's random stream and of the Services, so it changes nothing in the run;
/// the moment is kept in `started`, and the first request is the first one due after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Traffic {
    pub to: Target,
    pub rate_per_second: u32,
    /// When the first users arrive (requests are sent after it), whether or not the application
    /// is up; `None` (the default): when the application is first up.
    #[serde(default)]
    pub from: Option<SimTime>,
    /// Groups of users with their own headers and cookies; their percents add up to at most 100,
    /// and the rest of the requests come from users with none.
    #[serde(default)]
    pub groups: Vec<UserGroup>,
    /// When the clients started, once they have (the world sets it): `from`, or the end of the
    /// first tick in which the application was up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<SimTime>,
}

/// Where the requests are sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Target {
    /// A Service's ClusterIP, through kube-proxy.
    Service(String),
    /// A host name: through the Gateway whose HTTPRoutes name it, or else through the NGINX
    /// ingress controller and its Ingresses for that host. (The name is the older of the two
    /// routers; the wire format of a shared run keeps it.)
    Ingress(String),
}

impl Traffic {
    /// `rate_per_second` requests to a Service, from users with no special header.
    pub fn to_service(service: &str, rate_per_second: u32) -> Self {
        Traffic { to: Target::Service(service.into()), rate_per_second, from: None, groups: Vec::new(), started: None }
    }

    /// The moment after which requests are sent, if the clients have started by `now`: `from`,
    /// or when the application was first up (see [`Traffic`]).
    pub fn start(&self) -> Option<SimTime> {
        self.from.or(self.started)
    }
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
    /// 404 from a Gateway: no rule of an HTTPRoute for the host matches the request, or no route
    /// takes the host at all (one was deleted) while a Gateway listens for it.
    NotFound,
    /// 500 from a Gateway: the backendRef chosen is invalid (its Service does not exist), or
    /// the rule has no backend with a weight.
    InvalidBackend,
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
    /// The user group it came from, if any.
    pub group: Option<String>,
    /// The Service whose endpoint it was sent to, if any.
    pub service: Option<String>,
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
    /// Of those, the ones answered with an error (500).
    #[serde(default)]
    pub errors_by_image: BTreeMap<String, u64>,
    pub by_outcome: BTreeMap<Outcome, u64>,
    /// Requests sent to each Service's endpoints, and how many failed: what an analysis of a
    /// canary's error rate reads.
    pub by_service: BTreeMap<String, ServiceCounts>,
    /// Answered requests of each user group, by the image that answered them.
    pub by_group: BTreeMap<String, BTreeMap<String, u64>>,
    /// The latest requests (at least [`RECENT_REQUESTS`]), for the traffic view and the
    /// analyses that look back a few seconds; shared between checkpoints.
    pub recent: Recent<Request, RECENT_REQUESTS>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceCounts {
    pub sent: u64,
    pub failed: u64,
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
            count(&mut self.by_image, image);
            if !r.outcome.succeeded() {
                count(&mut self.errors_by_image, image);
            }
            if let Some(group) = &r.group {
                let by_image = match self.by_group.get_mut(group) {
                    Some(m) => m,
                    None => self.by_group.entry(group.clone()).or_default(),
                };
                count(by_image, image);
            }
        }
        *self.by_outcome.entry(r.outcome).or_default() += 1;
        if let Some(service) = &r.service {
            let failed = u64::from(!r.outcome.succeeded());
            match self.by_service.get_mut(service) {
                Some(c) => {
                    c.sent += 1;
                    c.failed += failed;
                }
                None => {
                    self.by_service.insert(service.clone(), ServiceCounts { sent: 1, failed });
                }
            }
        }
        self.recent.push(r);
    }
}

/// Adds one to `key`'s count, allocating the key only the first time.
fn count(map: &mut BTreeMap<String, u64>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

/// Whether a pod's application takes a request at `now`: its container runs (a terminating one
/// until its preStop hook ends and SIGTERM stops it) and its application has started.
fn listening(pod: &Pod, registry: &Registry, now: SimTime) -> bool {
    let running = match pod.kubelet.stage {
        Stage::Running { .. } => true,
        Stage::Terminating { until, .. } => until > now,
        _ => false,
    } && pod.status.container_state == ContainerState::Running;
    let behavior = pod.status.image_id.as_deref().map(|d| registry.behavior(d)).unwrap_or_default();
    let startup = SimDuration::from_secs(u64::from(behavior.startup_seconds));
    running && pod.status.started_at.is_some_and(|s| now.saturating_since(s) >= startup)
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
    if !listening(pod, registry, now) {
        return (Outcome::ConnectionRefused, None, SimDuration::ZERO);
    }
    let behavior = pod.status.image_id.as_deref().map(|d| registry.behavior(d)).unwrap_or_default();
    let image = Some(pod.image().to_string());
    let latency = SimDuration::from_millis(u64::from(behavior.latency_ms));
    let stale_schema = migrated && !behavior.migrates_data;
    let app_error = behavior.error_percent > 0 && rng.below(100) < u32::from(behavior.error_percent);
    let outcome = if stale_schema || app_error { Outcome::ServerError } else { Outcome::Ok };
    (outcome, image, latency)
}

/// What the traffic reads from the world.
pub struct Cluster<'a> {
    pub pods: &'a BTreeMap<String, Pod>,
    pub ingresses: &'a BTreeMap<String, Ingress>,
    /// GatewayClasses, Gateways and HTTPRoutes (the routes as the data plane has them).
    pub gateway: &'a GatewayApi,
    pub registry: &'a Registry,
    /// Whether the shared data has been migrated (older versions then fail).
    pub migrated: bool,
}

/// Whether the application behind `to` is up at `now`: some Service the target routes to (the
/// Service itself, or a backend of the host's programmed HTTPRoutes or of its Ingresses) has an
/// endpoint kube-proxy has programmed whose container runs an application that has started, so
/// that a request sent there would be answered. No random choice is made.
fn app_is_up(to: &Target, services: &BTreeMap<String, Service>, cluster: &Cluster<'_>, now: SimTime) -> bool {
    let answers = |name: &str| {
        services.get(name).is_some_and(|s| {
            s.programmed.iter().any(|p| cluster.pods.get(p).is_some_and(|p| listening(p, cluster.registry, now)))
        })
    };
    match to {
        Target::Service(name) => answers(name),
        Target::Ingress(host) if cluster.gateway.serves(host) => cluster.gateway.backends(host).any(answers),
        Target::Ingress(host) => cluster.ingresses.values().filter(|i| i.host == *host).any(|i| answers(&i.service)),
    }
}

/// Sends the requests due in `(from, to]` and records how each ended. Clients that wait for the
/// application (`traffic.from` is `None`) start at the end of the first tick at whose end the
/// application is up (`app_is_up`); nothing is sent before (see [`Traffic`]).
pub fn send(
    traffic: &mut Traffic,
    services: &mut BTreeMap<String, Service>,
    cluster: &Cluster<'_>,
    rng: &mut SimRng,
    log: &mut RequestLog,
    from: SimTime,
    to: SimTime,
) {
    if traffic.rate_per_second == 0 {
        return;
    }
    let Some(start) = traffic.start() else {
        if app_is_up(&traffic.to, services, cluster, to) {
            traffic.started = Some(to);
        }
        return;
    };
    let rate = u64::from(traffic.rate_per_second);
    // Request n goes out at n / rate seconds: the ones with from < t ≤ to now.
    let first = (from.max(start).0 * rate) / 1000 + 1;
    let last = (to.0 * rate) / 1000;
    for n in first..=last {
        let sent_at = SimTime(n * 1000 / rate);
        let r = request(traffic, services, cluster, rng, log.sent, sent_at);
        log.record(r);
    }
}

/// One request of `traffic` sent at `sent_at`, routed and answered.
fn request(
    traffic: &Traffic,
    services: &mut BTreeMap<String, Service>,
    cluster: &Cluster<'_>,
    rng: &mut SimRng,
    id: u64,
    sent_at: SimTime,
) -> Request {
    let group = pick_group(&traffic.groups, rng);
    let mut request = Request {
        id,
        sent_at,
        answered_at: sent_at,
        group: group.map(|g| g.name.clone()),
        service: None,
        pod: None,
        image: None,
        outcome: Outcome::NoEndpoints,
    };
    match &traffic.to {
        Target::Service(name) => {
            request.service = Some(name.clone());
            if let Some(service) = services.get(name).filter(|s| !s.programmed.is_empty()) {
                // kube-proxy's iptables rules: one endpoint at random, no retry.
                let pick = rng.below(u32::try_from(service.programmed.len()).unwrap_or(u32::MAX)) as usize;
                deliver(&mut request, &service.programmed[pick], cluster, rng);
            }
        }
        Target::Ingress(host) if cluster.gateway.serves(host) => {
            let path = group.and_then(|g| g.path.as_deref()).unwrap_or("/");
            let (headers, query) = match group {
                Some(g) => (&g.headers, &g.query),
                None => (&NO_VALUES, &NO_VALUES),
            };
            let info = RequestInfo { host, path, headers, query };
            match cluster.gateway.route(&info, |s| services.contains_key(s), rng) {
                Routed::NotFound => request.outcome = Outcome::NotFound,
                Routed::InvalidBackend => request.outcome = Outcome::InvalidBackend,
                Routed::Service(name) => {
                    request.service = Some(name.to_string());
                    // Envoy Gateway balances by least request (two random choices); every
                    // request here is answered at once, so no endpoint has one active and
                    // the choice is at random. No retry by default: a refused connection
                    // fails (Envoy's 503). No ready endpoint: 503 "no healthy upstream".
                    if let Some(service) = services.get(name).filter(|s| !s.programmed.is_empty()) {
                        let pick = rng.below(u32::try_from(service.programmed.len()).unwrap_or(u32::MAX)) as usize;
                        deliver(&mut request, &service.programmed[pick], cluster, rng);
                    }
                }
            }
        }
        // No route takes the host and no Ingress has it, but a Gateway listens for it (its
        // route was deleted): the Gateway answers 404, as the spec's listener isolation asks.
        Target::Ingress(host)
            if !cluster.ingresses.values().any(|i| i.host == *host) && cluster.gateway.listening(host).is_some() =>
        {
            request.outcome = Outcome::NotFound;
        }
        Target::Ingress(host) => {
            let has_endpoints = |s: &str| services.get(s).is_some_and(|s| !s.programmed.is_empty());
            // The name borrows the Ingress, not the Services: no copy per request.
            let chosen = ingress::route(cluster.ingresses, host, group, has_endpoints, rng);
            if let Some(service) = chosen.and_then(|name| services.get_mut(name)) {
                request.service = Some(service.name.clone());
                // NGINX: round robin, and a refused connection is tried on the next endpoint.
                for _ in 0..ingress::NEXT_UPSTREAM_TRIES {
                    let pick = service.round_robin % service.programmed.len();
                    service.round_robin = service.round_robin.wrapping_add(1);
                    deliver(&mut request, &service.programmed[pick], cluster, rng);
                    if request.outcome != Outcome::ConnectionRefused {
                        break;
                    }
                }
            }
        }
    }
    request
}

/// No headers, no query parameters.
static NO_VALUES: BTreeMap<String, String> = BTreeMap::new();

/// How long curl waits for a connection nobody answers: Linux's SYN retries (`tcp_syn_retries`
/// 6: 1 + 2 + 4 + … + 64 s), as curl has no connect timeout of its own.
pub const CONNECT_TIMEOUT: SimDuration = SimDuration::from_secs(127);

/// What one `curl HOST[:PORT]` from a node or a pod gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Curl {
    /// No Service has that DNS name.
    UnknownHost,
    /// Nothing answers at that address and port: no Service has that IP, or the Service does
    /// not listen on that port (kube-proxy has no rule for it), so the connection times out.
    NoRoute,
    /// Sent through kube-proxy to one of the Service's programmed endpoints at random (or to
    /// none, if it has none: kube-proxy's rule rejects it).
    Sent(Request),
}

/// One request to `host:port` at `now`, as a learner's `curl` sends it: routed as the traffic's
/// requests to a Service are, with its own random choices (`rng`), so that watching changes
/// nothing in the run.
pub fn curl(
    services: &BTreeMap<String, Service>,
    cluster: &Cluster<'_>,
    host: &str,
    port: i32,
    rng: &mut SimRng,
    now: SimTime,
) -> Curl {
    let Some(service) = services.values().find(|s| s.answers_to(host)) else {
        let is_ip = host.parse::<std::net::Ipv4Addr>().is_ok();
        return if is_ip { Curl::NoRoute } else { Curl::UnknownHost };
    };
    if service.cluster_ip == "None" || !service.ports.iter().any(|p| p.port == port) {
        return Curl::NoRoute;
    }
    let mut request = Request {
        id: 0,
        sent_at: now,
        answered_at: now,
        group: None,
        service: Some(service.name.clone()),
        pod: None,
        image: None,
        outcome: Outcome::NoEndpoints,
    };
    if !service.programmed.is_empty() {
        let pick = rng.below(u32::try_from(service.programmed.len()).unwrap_or(u32::MAX)) as usize;
        deliver(&mut request, &service.programmed[pick], cluster, rng);
    }
    Curl::Sent(request)
}

/// The user group a request comes from: each group's percent of all requests, in order.
fn pick_group<'a>(groups: &'a [UserGroup], rng: &mut SimRng) -> Option<&'a UserGroup> {
    if groups.is_empty() {
        return None;
    }
    let roll = rng.below(100);
    let mut upto = 0u32;
    groups.iter().find(|g| {
        upto += u32::from(g.percent);
        roll < upto
    })
}

/// Sends `request` to the endpoint `pod` and records the answer in it.
fn deliver(request: &mut Request, pod: &str, cluster: &Cluster<'_>, rng: &mut SimRng) {
    let (outcome, image, latency) = match cluster.pods.get(pod) {
        Some(p) => answer(p, cluster.registry, cluster.migrated, rng, request.sent_at),
        None => (Outcome::ConnectionRefused, None, SimDuration::ZERO),
    };
    request.pod = Some(pod.to_string());
    request.image = image;
    request.outcome = outcome;
    request.answered_at = request.sent_at + latency;
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
        (p.status.ready, p.status.pod_ip) = (true, Some("10.244.0.2".into()));
        pods.insert("web-1".to_string(), p);
        s.sync(&pods, SimTime::from_secs(10));
        assert_eq!((s.endpoints.len(), s.programmed.len()), (1, 0));
        s.sync(&pods, SimTime::from_millis(11_900));
        assert!(s.programmed.is_empty());
        s.sync(&pods, SimTime::from_secs(12));
        assert_eq!(s.programmed, ["web-1"]);
        // A pod that is no longer Ready leaves the endpoints at once, kube-proxy 2 s later.
        pods.get_mut("web-1").unwrap().status.ready = false;
        s.sync(&pods, SimTime::from_secs(20));
        assert_eq!((s.endpoints.len(), s.programmed.len()), (0, 1));
        s.sync(&pods, SimTime::from_secs(22));
        assert!(s.programmed.is_empty());
        assert_eq!(s.slice, [Endpoint { pod: "web-1".into(), ready: false, serving: false, terminating: false }]);
    }

    fn ready_pod(name: &str, ip: &str) -> Pod {
        let mut p = Pod {
            metadata: crate::sim::objects::ObjectMeta {
                name: name.into(),
                labels: [("app".to_string(), "web".to_string())].into(),
                ..Default::default()
            },
            spec: Default::default(),
            status: Default::default(),
            kubelet: Default::default(),
        };
        (p.status.ready, p.status.pod_ip) = (true, Some(ip.into()));
        p
    }

    #[test]
    fn a_terminating_pod_still_ready_is_serving_and_routed_to_only_when_no_endpoint_is_ready() {
        let mut s = Service::new("web", [("app".to_string(), "web".to_string())].into());
        s.propagation_delay = SimDuration::ZERO;
        let mut pods: BTreeMap<String, Pod> =
            [("web-1", "10.244.0.2"), ("web-2", "10.244.1.2")].map(|(n, ip)| (n.to_string(), ready_pod(n, ip))).into();
        let at = |secs| SimTime::from_secs(secs);
        s.sync(&pods, at(1));
        assert_eq!(s.programmed, ["web-1", "web-2"]);
        // web-1 is deleted but its readiness probe still passes (a preStop hook runs): serving
        // and terminating, not ready; web-2 is ready, so kube-proxy sends everything there.
        pods.get_mut("web-1").unwrap().metadata.deletion_timestamp = Some(at(2));
        s.sync(&pods, at(2));
        let web_1 = |ready, serving, terminating| Endpoint { pod: "web-1".into(), ready, serving, terminating };
        assert_eq!(s.slice[0], web_1(false, true, true));
        assert_eq!((s.endpoints.clone(), s.programmed.clone()), (vec!["web-2".to_string()], vec!["web-2".to_string()]));
        // web-2 is deleted too: no endpoint is ready, and kube-proxy falls back to both.
        pods.get_mut("web-2").unwrap().metadata.deletion_timestamp = Some(at(3));
        s.sync(&pods, at(3));
        assert!(s.endpoints.is_empty());
        assert_eq!(s.programmed, ["web-1", "web-2"]);
        // web-1's container exits (no longer Ready): only web-2 serves.
        pods.get_mut("web-1").unwrap().status.ready = false;
        s.sync(&pods, at(4));
        assert_eq!(s.slice[0], web_1(false, false, true));
        assert_eq!(s.programmed, ["web-2"]);
        // A finished pod, or one without an IP, has no endpoint at all.
        pods.get_mut("web-1").unwrap().status.phase = PodPhase::Succeeded;
        pods.get_mut("web-2").unwrap().status.pod_ip = None;
        s.sync(&pods, at(5));
        assert!(s.slice.is_empty() && s.programmed.is_empty());
    }

    #[test]
    fn a_cluster_ip_is_in_the_upper_band_of_the_service_cidr_and_follows_the_name() {
        for name in ["http-go", "http-go-blue", "http-go-green", "web", "a", ""] {
            let ip = cluster_ip_for(name);
            assert!(in_service_cidr(&ip), "{name}: {ip}");
            let a = u32::from(ip.parse::<std::net::Ipv4Addr>().unwrap());
            assert!((0x0A60_0100..0x0A6F_FFFF).contains(&a), "{name}: {ip}");
            assert_eq!(ip, cluster_ip_for(name));
        }
        assert_ne!(cluster_ip_for("http-go-blue"), cluster_ip_for("http-go-green"));
        assert!(!in_service_cidr("10.112.0.1") && in_service_cidr("10.111.255.254") && !in_service_cidr("nope"));
    }

    #[test]
    fn curl_finds_the_service_by_ip_or_dns_name_and_port() {
        let mut services = BTreeMap::new();
        let web = Service::new("web", [("app".to_string(), "web".to_string())].into())
            .with_ports(vec![ServicePort::tcp(80, 8080)]);
        let ip = web.cluster_ip.clone();
        services.insert("web".to_string(), web);
        let (registry, pods, ingresses) = (Registry::default(), BTreeMap::new(), BTreeMap::new());
        let gateway = GatewayApi::default();
        let cluster =
            Cluster { pods: &pods, ingresses: &ingresses, gateway: &gateway, registry: &registry, migrated: false };
        let mut rng = SimRng::new(1);
        let mut curl = |host: &str, port| curl(&services, &cluster, host, port, &mut rng, SimTime::ZERO);
        for host in [ip.as_str(), "web", "web.default", "web.default.svc.cluster.local"] {
            let Curl::Sent(r) = curl(host, 80) else { panic!("{host}") };
            assert_eq!((r.service.as_deref(), r.outcome), (Some("web"), Outcome::NoEndpoints));
        }
        assert_eq!(curl(&ip, 8080), Curl::NoRoute);
        assert_eq!(curl("10.96.0.99", 80), Curl::NoRoute);
        assert_eq!(curl("webx", 80), Curl::UnknownHost);
        assert_eq!(curl("web.other", 80), Curl::UnknownHost);
    }

    #[test]
    fn requests_are_evenly_spaced_and_fail_without_endpoints() {
        let mut services = BTreeMap::new();
        services.insert("web".to_string(), Service::new("web", [("app".to_string(), "web".to_string())].into()));
        let mut waiting = Traffic::to_service("web", 10);
        let mut traffic = Traffic { from: Some(SimTime::ZERO), ..waiting.clone() };
        let mut log = RequestLog::default();
        let mut rng = SimRng::new(1);
        let (registry, pods, ingresses) = (Registry::default(), BTreeMap::new(), BTreeMap::new());
        let gateway = GatewayApi::default();
        let cluster =
            Cluster { pods: &pods, ingresses: &ingresses, gateway: &gateway, registry: &registry, migrated: false };
        // Clients that wait for the application send nothing while nothing answers.
        send(&mut waiting, &mut services, &cluster, &mut rng, &mut log, SimTime::ZERO, SimTime::from_millis(1_000));
        assert_eq!((log.sent, waiting.started, rng.clone()), (0, None, SimRng::new(1)));
        send(&mut traffic, &mut services, &cluster, &mut rng, &mut log, SimTime::ZERO, SimTime::from_millis(1_000));
        assert_eq!((log.sent, log.failed), (10, 10));
        assert_eq!(log.by_outcome[&Outcome::NoEndpoints], 10);
        let times: Vec<u64> = log.recent.iter().map(|r| r.sent_at.0).collect();
        assert_eq!(times, [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    }
}
