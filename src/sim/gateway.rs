//! The Gateway API (`gateway.networking.k8s.io/v1`): GatewayClasses, Gateways and HTTPRoutes, and
//! the router a Gateway implementation programs from them. Ingress NGINX was retired in March
//! 2026; the Gateway API is where Kubernetes routes HTTP now, and an HTTPRoute splits traffic by
//! `backendRefs[].weight` and matches paths, headers and query parameters, which is all a
//! canary or an A/B test needs.
//!
//! The simulator is the controller of every GatewayClass (it says so in their status), and routes
//! a request as a conformant implementation does (the text is in kubernetes-sigs/gateway-api,
//! `apis/v1/httproute_types.go`):
//! 1. the host picks the HTTPRoutes attached to a Gateway listener that accepts it, and of those
//!    the ones with the most specific matching hostname (`HTTPRouteSpec.Hostnames`: "precedence
//!    must be given to rules from the HTTPRoute with the largest number of: Characters in a
//!    matching non-wildcard hostname. Characters in a matching hostname.");
//! 2. of their rules' matches that the request satisfies, the first by the spec's precedence
//!    (`HTTPRouteRule.Matches`): an `Exact` path, then the longest `PathPrefix`, then the most
//!    header matches, then the most query parameter matches; on a tie the oldest route, then
//!    the first by name, then the first rule in list order. No match: 404;
//! 3. one of the rule's `backendRefs` at random by weight, then an endpoint of that Service. A
//!    backendRef that cannot be resolved (a Service that does not exist, a kind other than
//!    Service) gets its share of the requests answered 500, as `HTTPRouteRule.BackendRefs` asks
//!    ("the proportion of requests that would otherwise have been routed to an invalid backend
//!    MUST receive a 500 status code"); a Service with no ready endpoint gets its share answered
//!    503, which the same text allows ("implementations SHOULD return a 503") and Envoy-based
//!    implementations (Envoy Gateway, Istio, Contour) do, with Envoy's body "no healthy upstream".
//!    No rule with every weight 0 is sent anywhere: 500 as well.
//!
//! Changes of routes reach the data plane one propagation delay late (the controller's
//! translation and its xDS push to Envoy), as Service endpoints reach kube-proxy late; endpoint
//! changes of the backends follow the Services' own delay, as they do for the Ingress.
//!
//! Simplifications: one namespace (`default`); HTTP listeners only; no filters, methods, timeouts,
//! retries or session persistence (a manifest with them is refused, saying so); `Exact` and
//! `PathPrefix` paths and `Exact` headers and query parameters only; Envoy balances a Service's
//! endpoints round robin, as NGINX does here.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::field::{quote, FieldError};
use super::rng::SimRng;
use super::time::{SimDuration, SimTime};

pub const GROUP: &str = "gateway.networking.k8s.io";
pub const API_VERSION: &str = "gateway.networking.k8s.io/v1";
/// The controller name the simulator answers to (`GatewayClass.spec.controllerName`). It
/// controls every class whatever its name says, so that a manifest written for Envoy Gateway
/// (`gateway.envoyproxy.io/gatewayclass-controller`) runs as it is.
pub const CONTROLLER: &str = "rolloutscope.dev/simulated-gateway";
/// How late a route change reaches the data plane by default. Not measured: a stand-in of the
/// order of a Service's endpoint propagation, for Envoy Gateway's translation and xDS push.
pub const DEFAULT_ROUTE_PROPAGATION: SimDuration = SimDuration::from_secs(1);
/// The largest `backendRefs[].weight` (`+kubebuilder:validation:Maximum=1000000`).
pub const MAX_WEIGHT: i32 = 1_000_000;

/// A GatewayClass: which controller serves the Gateways of this class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GatewayClass {
    pub name: String,
    #[serde(default)]
    pub created: SimTime,
    pub controller_name: String,
    /// `metadata.generation`, counted as [`HttpRoute::generation`] is.
    #[serde(default = "first_generation", skip_serializing_if = "is_first_generation")]
    pub generation: i64,
    /// `spec.description`: what the class is for, shown by `kubectl get gatewayclass`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A Gateway: its class and its listeners.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Gateway {
    pub name: String,
    #[serde(default)]
    pub created: SimTime,
    pub gateway_class_name: String,
    pub listeners: Vec<Listener>,
    /// `metadata.generation`, counted as [`HttpRoute::generation`] is.
    #[serde(default = "first_generation", skip_serializing_if = "is_first_generation")]
    pub generation: i64,
}

/// `Gateway.spec.listeners[]`, as far as HTTP goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Listener {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    pub port: i32,
    pub protocol: String,
}

/// An HTTPRoute: its name, when it was created (a tie-breaker of precedence) and its spec, whose
/// serde form is the upstream schema with the apiserver's defaults filled in (what `kubectl get
/// httproute -o yaml` prints), so a patch applies to it as it does to the real object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpRoute {
    pub name: String,
    #[serde(default)]
    pub created: SimTime,
    /// `metadata.generation`: 1 when created, one more for each change of the spec (a patch, or
    /// `apply -f` of another spec), as the apiserver counts them.
    #[serde(default = "first_generation", skip_serializing_if = "is_first_generation")]
    pub generation: i64,
    pub spec: HttpRouteSpec,
}

fn first_generation() -> i64 {
    1
}

fn is_first_generation(g: &i64) -> bool {
    *g == 1
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpRouteSpec {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parent_refs: Vec<ParentReference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hostnames: Vec<String>,
    /// Default: one rule matching every request (`+kubebuilder:default`), with no backend.
    #[serde(default = "default_rules")]
    pub rules: Vec<HttpRouteRule>,
}

fn default_rules() -> Vec<HttpRouteRule> {
    vec![HttpRouteRule { name: None, matches: default_matches(), backend_refs: Vec::new() }]
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParentReference {
    #[serde(default = "default_parent_group")]
    pub group: String,
    #[serde(default = "default_parent_kind")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
}

fn default_parent_group() -> String {
    GROUP.into()
}

fn default_parent_kind() -> String {
    "Gateway".into()
}

impl ParentReference {
    pub fn gateway(name: &str) -> Self {
        ParentReference {
            group: GROUP.into(),
            kind: "Gateway".into(),
            namespace: None,
            name: name.into(),
            section_name: None,
            port: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpRouteRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default = "default_matches")]
    pub matches: Vec<HttpRouteMatch>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backend_refs: Vec<HttpBackendRef>,
}

fn default_matches() -> Vec<HttpRouteMatch> {
    vec![HttpRouteMatch::default()]
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpRouteMatch {
    #[serde(default)]
    pub path: HttpPathMatch,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<NameMatch>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_params: Vec<NameMatch>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpPathMatch {
    #[serde(rename = "type", default = "path_prefix")]
    pub type_: String,
    #[serde(default = "slash")]
    pub value: String,
}

impl Default for HttpPathMatch {
    fn default() -> Self {
        HttpPathMatch { type_: path_prefix(), value: slash() }
    }
}

fn path_prefix() -> String {
    "PathPrefix".into()
}

fn slash() -> String {
    "/".into()
}

/// An `HTTPHeaderMatch` or an `HTTPQueryParamMatch`: the same three fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameMatch {
    #[serde(rename = "type", default = "exact")]
    pub type_: String,
    pub name: String,
    pub value: String,
}

fn exact() -> String {
    "Exact".into()
}

impl NameMatch {
    pub fn exact(name: &str, value: &str) -> Self {
        NameMatch { type_: exact(), name: name.into(), value: value.into() }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpBackendRef {
    #[serde(default)]
    pub group: String,
    #[serde(default = "service_kind")]
    pub kind: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    #[serde(default = "one")]
    pub weight: i32,
}

fn service_kind() -> String {
    "Service".into()
}

fn one() -> i32 {
    1
}

impl HttpBackendRef {
    /// A Service on `port` with `weight`.
    pub fn service(name: &str, port: i32, weight: i32) -> Self {
        HttpBackendRef {
            group: String::new(),
            kind: service_kind(),
            name: name.into(),
            namespace: None,
            port: Some(port),
            weight,
        }
    }

    /// A Service in this namespace, which is all the simulator resolves.
    fn is_local_service(&self) -> bool {
        self.group.is_empty() && self.kind == "Service" && self.namespace.as_deref().is_none_or(|n| n == "default")
    }
}

impl HttpRoute {
    /// One rule, for every request to `hostnames`, to `backends` (name, port, weight).
    pub fn new(name: &str, gateway: &str, hostnames: &[&str], backends: &[(&str, i32, i32)]) -> Self {
        HttpRoute {
            name: name.into(),
            created: SimTime::ZERO,
            generation: 1,
            spec: HttpRouteSpec {
                parent_refs: vec![ParentReference::gateway(gateway)],
                hostnames: hostnames.iter().map(|h| h.to_string()).collect(),
                rules: vec![HttpRouteRule {
                    name: None,
                    matches: default_matches(),
                    backend_refs: backends.iter().map(|(n, p, w)| HttpBackendRef::service(n, *p, *w)).collect(),
                }],
            },
        }
    }

    /// The Services its rules name.
    pub fn services(&self) -> impl Iterator<Item = &str> {
        self.spec.rules.iter().flat_map(|r| &r.backend_refs).filter(|b| b.is_local_service()).map(|b| b.name.as_str())
    }
}

impl Gateway {
    /// A Gateway of `class` with one HTTP listener on port 80 for every host.
    pub fn http(name: &str, class: &str) -> Self {
        Gateway {
            name: name.into(),
            created: SimTime::ZERO,
            gateway_class_name: class.into(),
            listeners: vec![Listener { name: "http".into(), hostname: None, port: 80, protocol: "HTTP".into() }],
            generation: 1,
        }
    }
}

/// Whether `pattern` (a hostname, or `*.suffix`) matches `host`, and how specifically:
/// `(characters of a matching non-wildcard hostname, characters of the matching hostname)`.
fn host_match(pattern: &str, host: &str) -> Option<(usize, usize)> {
    let host = host.split(':').next().unwrap_or(host); // "MUST ignore any port value"
    match pattern.strip_prefix('*') {
        Some(suffix) => (host.len() > suffix.len() && host.ends_with(suffix)).then_some((0, pattern.len())),
        None => pattern.eq_ignore_ascii_case(host).then_some((pattern.len(), pattern.len())),
    }
}

/// Whether a route or listener hostname (`web.example`, `*.example`) matches `host`.
pub fn host_matches(pattern: &str, host: &str) -> bool {
    host_match(pattern, host).is_some()
}

/// Whether a listener hostname and a route hostname intersect (`HTTPRouteSpec.Hostnames`).
fn hostnames_intersect(listener: &str, route: &str) -> bool {
    host_match(listener, route).is_some() || host_match(route, listener).is_some() || listener == route
}

/// What a request carries that routes match on.
#[derive(Clone, Copy, Debug)]
pub struct RequestInfo<'a> {
    pub host: &'a str,
    pub path: &'a str,
    pub headers: &'a BTreeMap<String, String>,
    pub query: &'a BTreeMap<String, String>,
}

impl HttpRouteMatch {
    /// Whether the request satisfies every condition of this match.
    pub fn matches(&self, r: &RequestInfo<'_>) -> bool {
        let path = r.path.split('?').next().unwrap_or(r.path);
        let path_ok = match self.path.type_.as_str() {
            "Exact" => path == self.path.value,
            // A prefix matches whole path elements: `/foo` matches `/foo` and `/foo/bar`, not `/foobar`.
            _ => {
                let prefix = self.path.value.trim_end_matches('/');
                path.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            }
        };
        // Header names are case-insensitive; query parameter names are not.
        let headers_ok = self
            .headers
            .iter()
            .all(|h| r.headers.iter().any(|(k, v)| k.eq_ignore_ascii_case(&h.name) && *v == h.value));
        let query_ok = self.query_params.iter().all(|q| r.query.get(&q.name) == Some(&q.value));
        path_ok && headers_ok && query_ok
    }

    /// The spec's precedence, greatest first: an Exact path, the longest prefix, the most header
    /// matches, the most query parameter matches.
    fn precedence(&self) -> Precedence {
        let exact = self.path.type_ == "Exact";
        (exact, self.path.value.len(), self.headers.len(), self.query_params.len())
    }
}

/// A match's rank: Exact path, path length, header matches, query parameter matches.
type Precedence = (bool, usize, usize, usize);

/// How the data plane answers one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Routed<'a> {
    /// No rule of an attached route matches: 404.
    NotFound,
    /// The rule's backendRef chosen by weight is invalid, or every weight is 0: 500.
    InvalidBackend,
    /// To this Service (503 from the caller if it has no ready endpoint).
    Service(&'a str),
}

/// The routes, Gateways and classes as the apiserver stores them, and the routes as the data
/// plane has them now (one propagation delay behind).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GatewayApi {
    pub classes: BTreeMap<String, GatewayClass>,
    pub gateways: BTreeMap<String, Gateway>,
    pub routes: BTreeMap<String, HttpRoute>,
    pub propagation_delay: SimDuration,
    /// Route changes on their way to the data plane, oldest first (None: deleted).
    in_flight: VecDeque<(SimTime, String, Option<HttpRoute>)>,
    /// The routes the data plane routes by.
    pub programmed: BTreeMap<String, HttpRoute>,
    /// GatewayClasses deleted while Gateways still used them (their `metadata.deletionTimestamp`):
    /// the controller's finalizer holds them until the last such Gateway is gone.
    #[serde(default)]
    pub deleting: BTreeMap<String, SimTime>,
}

impl Default for GatewayApi {
    fn default() -> Self {
        GatewayApi {
            classes: BTreeMap::new(),
            gateways: BTreeMap::new(),
            routes: BTreeMap::new(),
            propagation_delay: DEFAULT_ROUTE_PROPAGATION,
            in_flight: VecDeque::new(),
            programmed: BTreeMap::new(),
            deleting: BTreeMap::new(),
        }
    }
}

/// The three kinds of the API, as `kubectl delete` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    GatewayClass,
    Gateway,
    HttpRoute,
}

impl Kind {
    /// The kind as kubectl prints a deleted object's (`httproute.gateway.networking.k8s.io`).
    pub fn singular(self) -> &'static str {
        match self {
            Kind::GatewayClass => "gatewayclass.gateway.networking.k8s.io",
            Kind::Gateway => "gateway.gateway.networking.k8s.io",
            Kind::HttpRoute => "httproute.gateway.networking.k8s.io",
        }
    }

    /// The resource as the apiserver names it in its errors.
    pub fn resource(self) -> &'static str {
        match self {
            Kind::GatewayClass => "gatewayclasses.gateway.networking.k8s.io",
            Kind::Gateway => "gateways.gateway.networking.k8s.io",
            Kind::HttpRoute => "httproutes.gateway.networking.k8s.io",
        }
    }

    /// A GatewayClass is cluster-scoped (`+kubebuilder:resource:scope=Cluster`).
    pub fn namespaced(self) -> bool {
        self != Kind::GatewayClass
    }
}

/// The finalizer a conformant implementation puts on a GatewayClass that Gateways use
/// (`GatewayClassFinalizerGatewaysExist`, `apis/v1/gatewayclass_types.go`: "Whenever one or more
/// Gateways are using a GatewayClass, implementations SHOULD add the
/// `gateway-exists-finalizer.gateway.networking.k8s.io` finalizer on the associated GatewayClass.
/// This ensures that a GatewayClass associated with a Gateway is not deleted while in use.").
/// Envoy Gateway does, and goes on serving the class's Gateways until the finalizer is removed.
pub const CLASS_FINALIZER: &str = "gateway-exists-finalizer.gateway.networking.k8s.io";

impl GatewayApi {
    pub fn is_empty(&self) -> bool {
        self.classes.is_empty() && self.gateways.is_empty() && self.routes.is_empty()
    }

    /// A route as it exists from the start of a run: stored and programmed at once.
    pub fn insert_initial(&mut self, route: HttpRoute) {
        self.programmed.insert(route.name.clone(), route.clone());
        self.routes.insert(route.name.clone(), route);
    }

    /// A route written (created or changed) at `now`; the data plane has it a delay later.
    pub fn write(&mut self, route: HttpRoute, now: SimTime) {
        self.in_flight.push_back((now, route.name.clone(), Some(route.clone())));
        self.routes.insert(route.name.clone(), route);
    }

    /// A route deleted at `now`: gone from the API at once (no finalizer holds an HTTPRoute);
    /// the data plane drops it a propagation delay later. False if there is no such route.
    pub fn delete_route(&mut self, name: &str, now: SimTime) -> bool {
        if self.routes.remove(name).is_none() {
            return false;
        }
        self.in_flight.push_back((now, name.to_string(), None));
        true
    }

    /// A GatewayClass deleted at `now`: gone at once if no Gateway uses it; otherwise it gets its
    /// deletion time and stays, held by [`CLASS_FINALIZER`], serving its Gateways, until the last
    /// of them is deleted. False if there is no such class.
    pub fn delete_class(&mut self, name: &str, now: SimTime) -> bool {
        if !self.classes.contains_key(name) {
            return false;
        }
        if self.class_in_use(name) {
            self.deleting.entry(name.to_string()).or_insert(now);
        } else {
            self.classes.remove(name);
            self.deleting.remove(name);
        }
        true
    }

    /// Whether a Gateway names the class (the controller's finalizer is on it).
    pub fn class_in_use(&self, class: &str) -> bool {
        self.gateways.values().any(|g| g.gateway_class_name == class)
    }

    /// The controller drops its finalizer from a deleted class no Gateway uses any more, and the
    /// apiserver then removes the class.
    fn finalize_classes(&mut self) {
        let released: Vec<String> = self.deleting.keys().filter(|c| !self.class_in_use(c)).cloned().collect();
        for class in released {
            self.deleting.remove(&class);
            self.classes.remove(&class);
        }
    }

    /// The data plane catching up with what was written `propagation_delay` ago, and the
    /// controller finalizing deleted classes.
    pub fn sync(&mut self, now: SimTime) {
        self.finalize_classes();
        while self.in_flight.front().is_some_and(|(t, _, _)| now.saturating_since(*t) >= self.propagation_delay) {
            if let Some((_, name, route)) = self.in_flight.pop_front() {
                match route {
                    Some(r) => self.programmed.insert(name, r),
                    None => self.programmed.remove(&name),
                };
            }
        }
    }

    /// Whether a Gateway listener accepts requests for `host` (some programmed route has it).
    pub fn serves(&self, host: &str) -> bool {
        !self.candidates(host, &self.programmed).is_empty()
    }

    /// The Services the programmed routes for `host` name, in any rule (possibly repeated).
    pub fn backends<'a>(&'a self, host: &str) -> impl Iterator<Item = &'a str> + 'a {
        self.candidates(host, &self.programmed).into_iter().flat_map(HttpRoute::services)
    }

    /// The Gateway (the first by name) with a listener that takes requests for `host`: an
    /// existing Gateway of an existing class, with an HTTP listener for every host or a hostname
    /// matching it. Where no route of it matches, it answers 404 (`apis/v1/gateway_types.go`:
    /// "if the Listener does not specify a hostname and the request does not match any attached
    /// Route), the request MUST be rejected. [...] HTTP returns a 404 status code"; the conformance
    /// test `HTTPRouteHostnameIntersection` expects 404 for a host no route takes).
    pub fn listening(&self, host: &str) -> Option<&Gateway> {
        self.gateways.values().find(|g| {
            self.classes.contains_key(&g.gateway_class_name)
                && g.listeners.iter().any(|l| {
                    l.protocol == "HTTP" && l.hostname.as_deref().is_none_or(|lh| host_match(lh, host).is_some())
                })
        })
    }

    /// Whether a route among those stored (not only programmed) names `host`.
    pub fn has_host(&self, host: &str) -> bool {
        !self.candidates(host, &self.routes).is_empty()
    }

    /// The listeners of existing Gateways (of an existing class) a route's parentRef attaches to.
    fn attached_listeners<'a>(&'a self, p: &'a ParentReference) -> impl Iterator<Item = &'a Listener> + 'a {
        let gateway =
            (p.group == GROUP && p.kind == "Gateway" && p.namespace.as_deref().is_none_or(|n| n == "default"))
                .then(|| self.gateways.get(&p.name))
                .flatten()
                .filter(|g| self.classes.contains_key(&g.gateway_class_name));
        gateway.into_iter().flat_map(|g| &g.listeners).filter(move |l| {
            l.protocol == "HTTP"
                && p.section_name.as_ref().is_none_or(|s| *s == l.name)
                && p.port.is_none_or(|port| port == l.port)
        })
    }

    /// Whether the route is accepted by at least one of its parents (a listener whose hostname
    /// intersects the route's).
    pub fn accepted(&self, route: &HttpRoute) -> bool {
        route.spec.parent_refs.iter().any(|p| {
            self.attached_listeners(p).any(|l| match &l.hostname {
                None => true,
                Some(lh) => {
                    route.spec.hostnames.is_empty() || route.spec.hostnames.iter().any(|h| hostnames_intersect(lh, h))
                }
            })
        })
    }

    /// The routes of `routes` that a request for `host` may take: attached to a listener that
    /// accepts `host`, with the most specific matching hostname.
    fn candidates<'a>(&self, host: &str, routes: &'a BTreeMap<String, HttpRoute>) -> Vec<&'a HttpRoute> {
        let mut best: Option<(usize, usize)> = None;
        let mut out: Vec<(&HttpRoute, (usize, usize))> = Vec::new();
        for r in routes.values() {
            let listener_ok = r.spec.parent_refs.iter().any(|p| {
                self.attached_listeners(p)
                    .any(|l| l.hostname.as_deref().is_none_or(|lh| host_match(lh, host).is_some()))
            });
            if !listener_ok {
                continue;
            }
            let key = if r.spec.hostnames.is_empty() {
                Some((0, 0))
            } else {
                r.spec.hostnames.iter().filter_map(|h| host_match(h, host)).max()
            };
            if let Some(key) = key {
                best = best.max(Some(key));
                out.push((r, key));
            }
        }
        out.into_iter().filter(|(_, k)| Some(*k) == best).map(|(r, _)| r).collect()
    }

    /// The rule a request takes by the spec's precedence, with its route, or None (404).
    pub fn rule_for<'a>(&'a self, request: &RequestInfo<'_>) -> Option<(&'a HttpRoute, usize)> {
        let mut routes = self.candidates(request.host, &self.programmed);
        // Ties across routes: the oldest, then the first by "{namespace}/{name}".
        routes.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.name.cmp(&b.name)));
        let mut best: Option<(Precedence, &HttpRoute, usize)> = None;
        for route in routes {
            for (i, rule) in route.spec.rules.iter().enumerate() {
                for m in rule.matches.iter().filter(|m| m.matches(request)) {
                    // Strictly greater only: on a tie the earlier route and rule keep it.
                    if best.as_ref().is_none_or(|(p, _, _)| m.precedence() > *p) {
                        best = Some((m.precedence(), route, i));
                    }
                }
            }
        }
        best.map(|(_, r, i)| (r, i))
    }

    /// Where the data plane sends one request: the rule by precedence, then a backendRef at random
    /// by weight (`service_exists` says whether a Service of that name exists).
    pub fn route<'a>(
        &'a self,
        request: &RequestInfo<'_>,
        service_exists: impl Fn(&str) -> bool,
        rng: &mut SimRng,
    ) -> Routed<'a> {
        let Some((route, i)) = self.rule_for(request) else { return Routed::NotFound };
        let backends = &route.spec.rules[i].backend_refs;
        let total: u32 = backends.iter().map(|b| b.weight.max(0) as u32).sum();
        if total == 0 {
            return Routed::InvalidBackend;
        }
        let mut roll = rng.below(total);
        for b in backends {
            let w = b.weight.max(0) as u32;
            if roll < w {
                return if b.is_local_service() && service_exists(&b.name) {
                    Routed::Service(&b.name)
                } else {
                    Routed::InvalidBackend
                };
            }
            roll -= w;
        }
        Routed::InvalidBackend
    }
}

// ---- Validation: the CRD's OpenAPI schema and CEL rules, with the apiserver's words. ----

/// The apiserver's message for a value over a schema `maximum`/under a `minimum`.
fn bound(errors: &mut Vec<FieldError>, at: &str, value: i64, min: i64, max: i64) {
    if value < min {
        errors.push(FieldError::invalid(
            at,
            value.to_string(),
            format!("{at} in body should be greater than or equal to {min}"),
        ));
    } else if value > max {
        errors.push(FieldError::invalid(
            at,
            value.to_string(),
            format!("{at} in body should be less than or equal to {max}"),
        ));
    }
}

fn max_items(errors: &mut Vec<FieldError>, at: &str, len: usize, max: usize) {
    if len > max {
        errors.push(FieldError::too_many(at, len, max));
    }
}

fn max_length(errors: &mut Vec<FieldError>, at: &str, value: &str, max: usize) {
    if value.len() > max {
        errors.push(FieldError::too_long(at, max));
    }
}

fn min_length(errors: &mut Vec<FieldError>, at: &str, value: &str, min: usize) {
    if value.len() < min {
        errors.push(FieldError::invalid(at, quote(value), format!("{at} in body should be at least {min} chars long")));
    }
}

/// A CEL rule's failure: the field, the type of the value (`"object"`, `"array"`), the message.
fn cel(errors: &mut Vec<FieldError>, at: &str, kind: &str, message: &str) {
    errors.push(FieldError::invalid(at, quote(kind), message));
}

/// `^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`, the Hostname pattern.
pub const HOSTNAME_PATTERN: &str = r"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

fn is_hostname(h: &str) -> bool {
    let rest = h.strip_prefix("*.").unwrap_or(h);
    let label = |l: &str| {
        !l.is_empty()
            && l.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    rest.split('.').all(label)
}

fn hostname(errors: &mut Vec<FieldError>, at: &str, h: &str) {
    min_length(errors, at, h, 1);
    max_length(errors, at, h, 253);
    if !h.is_empty() && !is_hostname(h) {
        errors.push(FieldError::invalid(at, quote(h), format!("{at} in body should match '{HOSTNAME_PATTERN}'")));
    }
}

/// `HTTPHeaderName`: `^[A-Za-z0-9!#$%&'*+\-.^_\x60|~]+$`, 1 to 256 characters.
const HEADER_NAME_PATTERN: &str = r"^[A-Za-z0-9!#$%&'*+\-.^_\x60|~]+$";

fn header_name(errors: &mut Vec<FieldError>, at: &str, n: &str) {
    min_length(errors, at, n, 1);
    max_length(errors, at, n, 256);
    if !n.is_empty() && !n.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)) {
        errors.push(FieldError::invalid(at, quote(n), format!("{at} in body should match '{HEADER_NAME_PATTERN}'")));
    }
}

const PATH_TYPES: &[&str] = &["Exact", "PathPrefix", "RegularExpression"];
const MATCH_TYPES: &[&str] = &["Exact", "RegularExpression"];

/// An HTTPRoute's spec as the CRD's schema and CEL rules check it (markers of
/// `apis/v1/httproute_types.go`, `shared_types.go`, `object_reference_types.go`).
pub fn validate_route(spec: &HttpRouteSpec) -> Vec<FieldError> {
    let mut e = Vec::new();
    max_items(&mut e, "spec.parentRefs", spec.parent_refs.len(), 32);
    for (i, p) in spec.parent_refs.iter().enumerate() {
        min_length(&mut e, &format!("spec.parentRefs[{i}].name"), &p.name, 1);
        if let Some(port) = p.port {
            bound(&mut e, &format!("spec.parentRefs[{i}].port"), i64::from(port), 1, 65535);
        }
    }
    max_items(&mut e, "spec.hostnames", spec.hostnames.len(), 16);
    for (i, h) in spec.hostnames.iter().enumerate() {
        hostname(&mut e, &format!("spec.hostnames[{i}]"), h);
    }
    max_items(&mut e, "spec.rules", spec.rules.len(), 16);
    let total: usize = spec.rules.iter().take(16).map(|r| r.matches.len()).sum();
    if total > 128 {
        cel(&mut e, "spec.rules", "array", "While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128");
    }
    for (i, rule) in spec.rules.iter().enumerate() {
        let at = format!("spec.rules[{i}]");
        max_items(&mut e, &format!("{at}.matches"), rule.matches.len(), 64);
        for (j, m) in rule.matches.iter().enumerate() {
            let at = format!("{at}.matches[{j}]");
            let p = &m.path;
            let path_at = format!("{at}.path");
            if !PATH_TYPES.contains(&p.type_.as_str()) {
                e.push(FieldError::not_supported(format!("{path_at}.type"), &p.type_, PATH_TYPES));
            }
            max_length(&mut e, &format!("{path_at}.value"), &p.value, 1024);
            if matches!(p.type_.as_str(), "Exact" | "PathPrefix") {
                let v = &p.value;
                let one_of = "when type one of ['Exact', 'PathPrefix']";
                let checks: [(bool, String); 9] = [
                    (!v.starts_with('/'), format!("value must be an absolute path and start with '/' {one_of}")),
                    (v.contains("//"), format!("must not contain '//' {one_of}")),
                    (v.contains("/./"), format!("must not contain '/./' {one_of}")),
                    (v.contains("/../"), format!("must not contain '/../' {one_of}")),
                    (v.contains("%2f"), format!("must not contain '%2f' {one_of}")),
                    (v.contains("%2F"), format!("must not contain '%2F' {one_of}")),
                    (v.contains('#'), format!("must not contain '#' {one_of}")),
                    (v.ends_with("/.."), format!("must not end with '/..' {one_of}")),
                    (v.ends_with("/."), format!("must not end with '/.' {one_of}")),
                ];
                for (bad, message) in checks {
                    if bad {
                        cel(&mut e, &path_at, "object", &message);
                    }
                }
                let valid_char = |c: char| c.is_ascii_alphanumeric() || "-/._~!$&'()*+,;=:@%".contains(c);
                if !v.chars().all(valid_char) {
                    cel(&mut e, &path_at, "object", "must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']");
                }
            }
            for (what, list, max_value) in [("headers", &m.headers, 4096), ("queryParams", &m.query_params, 1024)] {
                max_items(&mut e, &format!("{at}.{what}"), list.len(), 16);
                for (k, h) in list.iter().enumerate() {
                    let at = format!("{at}.{what}[{k}]");
                    if !MATCH_TYPES.contains(&h.type_.as_str()) {
                        e.push(FieldError::not_supported(format!("{at}.type"), &h.type_, MATCH_TYPES));
                    }
                    header_name(&mut e, &format!("{at}.name"), &h.name);
                    min_length(&mut e, &format!("{at}.value"), &h.value, 1);
                    max_length(&mut e, &format!("{at}.value"), &h.value, max_value);
                }
                let mut seen = std::collections::BTreeSet::new();
                for (k, h) in list.iter().enumerate() {
                    // `+listType=map`, `+listMapKey=name`.
                    if !seen.insert(h.name.as_str()) {
                        e.push(FieldError::duplicate(
                            format!("{at}.{what}[{k}]"),
                            &format!("map[string]interface {{}}{{\"name\":{}}}", quote(&h.name)),
                        ));
                    }
                }
            }
        }
        max_items(&mut e, &format!("{at}.backendRefs"), rule.backend_refs.len(), 16);
        for (j, b) in rule.backend_refs.iter().enumerate() {
            let at = format!("{at}.backendRefs[{j}]");
            min_length(&mut e, &format!("{at}.name"), &b.name, 1);
            max_length(&mut e, &format!("{at}.name"), &b.name, 253);
            if let Some(port) = b.port {
                bound(&mut e, &format!("{at}.port"), i64::from(port), 1, 65535);
            }
            if b.group.is_empty() && b.kind == "Service" && b.port.is_none() {
                cel(&mut e, &at, "object", "Must have port for Service reference");
            }
            bound(&mut e, &format!("{at}.weight"), i64::from(b.weight), 0, i64::from(MAX_WEIGHT));
        }
    }
    e
}

/// What the CRD accepts but the simulator does not route: said plainly, not as an apiserver error.
pub fn unsupported(spec: &HttpRouteSpec) -> Option<String> {
    for (i, rule) in spec.rules.iter().enumerate() {
        for (j, m) in rule.matches.iter().enumerate() {
            if m.path.type_ == "RegularExpression" {
                return Some(format!("spec.rules[{i}].matches[{j}].path.type: the simulator matches Exact and PathPrefix paths, not RegularExpression"));
            }
            if m.headers.iter().chain(&m.query_params).any(|h| h.type_ == "RegularExpression") {
                return Some(format!("spec.rules[{i}].matches[{j}]: the simulator matches headers and query parameters Exact, not RegularExpression"));
            }
        }
    }
    None
}

/// A Gateway's spec as the CRD checks it (`apis/v1/gateway_types.go`).
pub fn validate_gateway(g: &Gateway) -> Vec<FieldError> {
    let mut e = Vec::new();
    min_length(&mut e, "spec.gatewayClassName", &g.gateway_class_name, 1);
    if g.listeners.is_empty() {
        e.push(FieldError::invalid("spec.listeners", "0", "spec.listeners in body should have at least 1 items"));
    }
    max_items(&mut e, "spec.listeners", g.listeners.len(), 64);
    let unique = g.listeners.iter().all(|a| g.listeners.iter().filter(|b| a.name == b.name).count() == 1);
    if !unique {
        cel(&mut e, "spec.listeners", "array", "Listener name must be unique within the Gateway");
    }
    let combos = g.listeners.iter().all(|a| {
        g.listeners.iter().filter(|b| a.port == b.port && a.protocol == b.protocol && a.hostname == b.hostname).count()
            == 1
    });
    if !combos {
        cel(
            &mut e,
            "spec.listeners",
            "array",
            "Combination of port, protocol and hostname must be unique for each listener",
        );
    }
    for (i, l) in g.listeners.iter().enumerate() {
        let at = format!("spec.listeners[{i}]");
        min_length(&mut e, &format!("{at}.name"), &l.name, 1);
        bound(&mut e, &format!("{at}.port"), i64::from(l.port), 1, 65535);
        if let Some(h) = &l.hostname {
            hostname(&mut e, &format!("{at}.hostname"), h);
        }
    }
    e
}

/// GatewayClass `spec.controllerName`: a domain-prefixed path (`example.com/bar`).
pub fn validate_class(c: &GatewayClass) -> Vec<FieldError> {
    let mut e = Vec::new();
    let at = "spec.controllerName";
    min_length(&mut e, at, &c.controller_name, 1);
    max_length(&mut e, at, &c.controller_name, 253);
    let pattern =
        r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$";
    let ok = c
        .controller_name
        .split_once('/')
        .is_some_and(|(domain, path)| is_hostname(domain) && !domain.starts_with('*') && !path.is_empty());
    if !c.controller_name.is_empty() && !ok {
        e.push(FieldError::invalid(at, quote(&c.controller_name), format!("{at} in body should match '{pattern}'")));
    }
    e
}

// ---- Patches: `kubectl patch httproute NAME --type merge|json -p …`. ----

/// A patch of an HTTPRoute, as the apiserver applies it to the stored object. A CRD takes no
/// strategic merge patch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RoutePatch {
    /// RFC 7386: objects merge, lists (every list of an HTTPRoute is atomic) are replaced.
    Merge(String),
    /// RFC 6902 operations.
    Json(String),
}

/// RFC 7386 merge of `patch` into `target`.
fn merge(target: &mut serde_json::Value, patch: &serde_json::Value) {
    use serde_json::Value;
    match patch {
        Value::Object(p) => {
            if !target.is_object() {
                *target = Value::Object(Default::default());
            }
            if let Value::Object(t) = target {
                for (k, v) in p {
                    if v.is_null() {
                        t.remove(k);
                    } else {
                        merge(t.entry(k.clone()).or_insert(Value::Null), v);
                    }
                }
            }
        }
        other => *target = other.clone(),
    }
}

/// RFC 6902 `add`, `replace`, `remove` and `test` on `doc`, with the apiserver's words for a path
/// that is not there.
fn json_patch(doc: &mut serde_json::Value, ops: &serde_json::Value) -> Result<(), String> {
    use serde_json::Value;
    let ops = ops.as_array().ok_or("json: cannot unmarshal object into Go value of type jsonpatch.Patch")?;
    for op in ops {
        let verb = op.get("op").and_then(Value::as_str).unwrap_or_default();
        let path = op.get("path").and_then(Value::as_str).unwrap_or_default();
        let keys: Vec<String> = path.split('/').skip(1).map(|k| k.replace("~1", "/").replace("~0", "~")).collect();
        let Some((last, parents)) = keys.split_last() else {
            return Err(format!(
                "the server rejected our request due to an error in our request: path {path:?} is not a path"
            ));
        };
        let mut at = &mut *doc;
        for k in parents {
            at = match at {
                Value::Object(m) => m.get_mut(k),
                Value::Array(a) => k.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
                _ => None,
            }
            .ok_or_else(|| format!("jsonpatch {verb} operation does not apply: doc is missing path: {path:?}"))?;
        }
        let missing = || format!("jsonpatch {verb} operation does not apply: doc is missing key: {path}");
        let value = op.get("value").cloned();
        match (verb, at) {
            ("add", Value::Object(m)) => {
                m.insert(last.clone(), value.ok_or_else(missing)?);
            }
            ("add", Value::Array(a)) => {
                let v = value.ok_or_else(missing)?;
                if last == "-" {
                    a.push(v);
                } else {
                    let i = last.parse::<usize>().ok().filter(|i| *i <= a.len()).ok_or_else(missing)?;
                    a.insert(i, v);
                }
            }
            ("replace", Value::Object(m)) if m.contains_key(last) => {
                m.insert(last.clone(), value.ok_or_else(missing)?);
            }
            ("replace", Value::Array(a)) => {
                let slot = last.parse::<usize>().ok().and_then(|i| a.get_mut(i)).ok_or_else(missing)?;
                *slot = value.ok_or_else(missing)?;
            }
            ("remove", Value::Object(m)) => {
                m.remove(last).ok_or_else(missing)?;
            }
            ("remove", Value::Array(a)) => {
                let i = last.parse::<usize>().ok().filter(|i| *i < a.len()).ok_or_else(missing)?;
                a.remove(i);
            }
            ("test", at) => {
                let found = match at {
                    Value::Object(m) => m.get(last),
                    Value::Array(a) => last.parse::<usize>().ok().and_then(|i| a.get(i)),
                    _ => None,
                };
                if found != value.as_ref() {
                    return Err(format!("testing value {path} failed: test failed"));
                }
            }
            ("add" | "replace" | "remove", _) => return Err(missing()),
            (other, _) => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(())
}

/// Keys of `patched` that `read` (the patched object read back) lost: fields the type does not
/// have, refused as the apiserver's strict field validation refuses them.
fn unknown_fields(patched: &serde_json::Value, read: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    use serde_json::Value;
    match (patched, read) {
        (Value::Object(p), Value::Object(r)) => {
            for (k, v) in p {
                let path = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                match r.get(k) {
                    None => out.push(path),
                    Some(rv) => unknown_fields(v, rv, &path, out),
                }
            }
        }
        (Value::Array(p), Value::Array(r)) => {
            for (i, (pv, rv)) in p.iter().zip(r).enumerate() {
                unknown_fields(pv, rv, &format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

impl RoutePatch {
    /// The route's spec with the patch applied, read back and validated, or the apiserver's
    /// refusal.
    pub fn apply(&self, route: &HttpRoute) -> Result<HttpRouteSpec, String> {
        let name = &route.name;
        let mut doc = serde_json::json!({ "spec": route.spec });
        let (text, merge_type) = match self {
            RoutePatch::Merge(t) => (t, true),
            RoutePatch::Json(t) => (t, false),
        };
        let patch: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("error: unable to parse {}: {e}", quote(text)))?;
        if merge_type {
            merge(&mut doc, &patch);
        } else {
            json_patch(&mut doc, &patch).map_err(|e| format!("Error from server: {e}"))?;
        }
        let spec_value = doc.get("spec").cloned().unwrap_or_default();
        if let Some(other) = doc.as_object().and_then(|m| m.keys().find(|k| *k != "spec")) {
            return Err(format!("error: the simulator patches an HTTPRoute's spec, not {other}"));
        }
        let spec: HttpRouteSpec = serde_json::from_value(spec_value.clone()).map_err(|e| {
            format!("Error from server (BadRequest): HTTPRoute in version \"v1\" cannot be handled as a HTTPRoute: {e}")
        })?;
        let mut unknown = Vec::new();
        unknown_fields(&spec_value, &serde_json::to_value(&spec).unwrap_or_default(), "spec", &mut unknown);
        if !unknown.is_empty() {
            let fields: Vec<String> = unknown.iter().map(|f| format!("unknown field {}", quote(f))).collect();
            return Err(format!("Error from server (BadRequest): strict decoding error: {}", fields.join(", ")));
        }
        let errors = validate_route(&spec);
        if !errors.is_empty() {
            return Err(super::field::invalid_object_message("HTTPRoute", name, &errors));
        }
        if let Some(why) = unsupported(&spec) {
            return Err(format!("error: HTTPRoute {}: {why}", quote(name)));
        }
        Ok(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(routes: Vec<HttpRoute>) -> GatewayApi {
        let mut g = GatewayApi::default();
        g.classes.insert(
            "eg".into(),
            GatewayClass {
                name: "eg".into(),
                created: SimTime::ZERO,
                controller_name: CONTROLLER.into(),
                generation: 1,
                description: None,
            },
        );
        g.gateways.insert("gw".into(), Gateway::http("gw", "eg"));
        for r in routes {
            g.insert_initial(r);
        }
        g
    }

    fn request<'a>(
        host: &'a str,
        path: &'a str,
        headers: &'a BTreeMap<String, String>,
        query: &'a BTreeMap<String, String>,
    ) -> RequestInfo<'a> {
        RequestInfo { host, path, headers, query }
    }

    fn rule(matches: Vec<HttpRouteMatch>, backend: &str) -> HttpRouteRule {
        HttpRouteRule { name: None, matches, backend_refs: vec![HttpBackendRef::service(backend, 80, 1)] }
    }

    fn path(type_: &str, value: &str) -> HttpRouteMatch {
        HttpRouteMatch { path: HttpPathMatch { type_: type_.into(), value: value.into() }, ..Default::default() }
    }

    fn to(g: &GatewayApi, host: &str, p: &str, headers: &[(&str, &str)], query: &[(&str, &str)]) -> Option<String> {
        let h: BTreeMap<String, String> = headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let q: BTreeMap<String, String> = query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let mut rng = SimRng::new(1);
        match g.route(&request(host, p, &h, &q), |_| true, &mut rng) {
            Routed::Service(s) => Some(s.to_string()),
            _ => None,
        }
    }

    #[test]
    fn precedence_follows_the_spec() {
        // "Exact" path match, then the longest prefix, then the most headers, then the most query params.
        let mut r = HttpRoute::new("web", "gw", &["web.example"], &[]);
        let mut with_header = path("PathPrefix", "/");
        with_header.headers.push(NameMatch::exact("x-group", "beta"));
        let mut with_query = path("PathPrefix", "/");
        with_query.query_params.push(NameMatch::exact("v", "2"));
        r.spec.rules = vec![
            rule(vec![path("PathPrefix", "/")], "root"),
            rule(vec![with_query], "query"),
            rule(vec![with_header], "header"),
            rule(vec![path("PathPrefix", "/shop")], "shop"),
            rule(vec![path("Exact", "/shop")], "shop-exact"),
        ];
        let g = api(vec![r]);
        assert_eq!(to(&g, "web.example", "/shop", &[], &[]).as_deref(), Some("shop-exact"));
        assert_eq!(to(&g, "web.example", "/shop/cart", &[("X-Group", "beta")], &[]).as_deref(), Some("shop"));
        assert_eq!(
            to(&g, "web.example", "/shopping", &[], &[]).as_deref(),
            Some("root"),
            "a prefix matches whole elements"
        );
        assert_eq!(to(&g, "web.example", "/", &[("x-group", "beta")], &[("v", "2")]).as_deref(), Some("header"));
        assert_eq!(to(&g, "web.example", "/", &[], &[("v", "2")]).as_deref(), Some("query"));
        assert_eq!(to(&g, "web.example", "/", &[("x-group", "alpha")], &[("V", "2")]).as_deref(), Some("root"));
        assert_eq!(to(&g, "other.example", "/", &[], &[]), None);
    }

    #[test]
    fn ties_go_to_the_oldest_route_then_by_name_then_the_first_rule() {
        let mut a = HttpRoute::new("b-route", "gw", &["web.example"], &[("old", 80, 1)]);
        let mut b = HttpRoute::new("a-route", "gw", &["web.example"], &[("new", 80, 1)]);
        b.created = SimTime::from_secs(5);
        assert_eq!(to(&api(vec![a.clone(), b.clone()]), "web.example", "/", &[], &[]).as_deref(), Some("old"));
        a.created = SimTime::from_secs(5);
        assert_eq!(to(&api(vec![a.clone(), b.clone()]), "web.example", "/", &[], &[]).as_deref(), Some("new"));
        a.spec.rules.push(rule(vec![path("PathPrefix", "/")], "second"));
        assert_eq!(to(&api(vec![a]), "web.example", "/", &[], &[]).as_deref(), Some("old"));
    }

    #[test]
    fn the_most_specific_hostname_wins_before_matches() {
        let mut wild = HttpRoute::new("wild", "gw", &["*.example"], &[]);
        wild.spec.rules = vec![rule(vec![path("Exact", "/")], "wild")];
        let exact = HttpRoute::new("exact", "gw", &["web.example"], &[("exact", 80, 1)]);
        let g = api(vec![wild, exact]);
        assert_eq!(to(&g, "web.example", "/", &[], &[]).as_deref(), Some("exact"));
        assert_eq!(to(&g, "api.example", "/", &[], &[]).as_deref(), Some("wild"));
        assert_eq!(to(&g, "example", "/", &[], &[]), None, "*.example does not match example");
    }

    #[test]
    fn a_route_to_a_missing_gateway_or_class_routes_nothing() {
        let r = HttpRoute::new("web", "nope", &["web.example"], &[("web", 80, 1)]);
        assert_eq!(to(&api(vec![r.clone()]), "web.example", "/", &[], &[]), None);
        let mut g = api(vec![HttpRoute::new("web", "gw", &["web.example"], &[("web", 80, 1)])]);
        g.classes.clear();
        assert_eq!(to(&g, "web.example", "/", &[], &[]), None);
    }

    #[test]
    fn invalid_backends_and_zero_weights_are_500s() {
        let g = api(vec![HttpRoute::new("web", "gw", &["web.example"], &[("web", 80, 1), ("gone", 80, 1)])]);
        let (h, q) = (BTreeMap::new(), BTreeMap::new());
        let mut rng = SimRng::new(2);
        let req = request("web.example", "/", &h, &q);
        let bad = (0..1000).filter(|_| g.route(&req, |s| s == "web", &mut rng) == Routed::InvalidBackend).count();
        assert!((430..570).contains(&bad), "{bad}");
        let g = api(vec![HttpRoute::new("web", "gw", &["web.example"], &[("web", 80, 0)])]);
        assert_eq!(g.route(&req, |_| true, &mut rng), Routed::InvalidBackend);
        let g = api(vec![HttpRoute::new("web", "gw", &["web.example"], &[])]);
        assert_eq!(g.route(&req, |_| true, &mut rng), Routed::InvalidBackend);
    }

    #[test]
    fn route_changes_reach_the_data_plane_one_delay_late() {
        let mut g = api(vec![HttpRoute::new("web", "gw", &["web.example"], &[("v1", 80, 1)])]);
        let changed = HttpRoute::new("web", "gw", &["web.example"], &[("v2", 80, 1)]);
        g.write(changed, SimTime::from_secs(10));
        g.sync(SimTime::from_millis(10_900));
        assert_eq!(to(&g, "web.example", "/", &[], &[]).as_deref(), Some("v1"));
        g.sync(SimTime::from_secs(11));
        assert_eq!(to(&g, "web.example", "/", &[], &[]).as_deref(), Some("v2"));
    }

    #[test]
    fn validation_speaks_the_apiservers_words() {
        let mut r = HttpRoute::new("web", "gw", &["Web.example"], &[("web", 80, 1_000_001)]);
        r.spec.rules[0].backend_refs.push(HttpBackendRef { port: None, ..HttpBackendRef::service("x", 80, -1) });
        r.spec.rules[0].matches[0].path.value = "shop".into();
        let text: Vec<String> = validate_route(&r.spec).iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                format!("spec.hostnames[0]: Invalid value: \"Web.example\": spec.hostnames[0] in body should match '{HOSTNAME_PATTERN}'"),
                "spec.rules[0].matches[0].path: Invalid value: \"object\": value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']".to_string(),
                "spec.rules[0].backendRefs[0].weight: Invalid value: 1000001: spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1000000".to_string(),
                "spec.rules[0].backendRefs[1]: Invalid value: \"object\": Must have port for Service reference".to_string(),
                "spec.rules[0].backendRefs[1].weight: Invalid value: -1: spec.rules[0].backendRefs[1].weight in body should be greater than or equal to 0".to_string(),
            ]
        );
        r.spec.rules = vec![rule(vec![path("PathPrefix", "/")], "web"); 17];
        r.spec.hostnames.clear();
        let text: Vec<String> = validate_route(&r.spec).iter().map(ToString::to_string).collect();
        assert_eq!(text, ["spec.rules: Too many: 17: must have at most 16 items"]);
        r.spec.rules = vec![HttpRouteRule {
            name: None,
            matches: default_matches(),
            backend_refs: (0..17).map(|i| HttpBackendRef::service(&format!("s{i}"), 80, 1)).collect(),
        }];
        let text: Vec<String> = validate_route(&r.spec).iter().map(ToString::to_string).collect();
        assert_eq!(text, ["spec.rules[0].backendRefs: Too many: 17: must have at most 16 items"]);
    }

    #[test]
    fn patches_merge_or_apply_operations_and_are_validated() {
        let r = HttpRoute::new("web", "gw", &["web.example"], &[("v1", 80, 90), ("v2", 80, 10)]);
        let json = RoutePatch::Json(r#"[{"op":"replace","path":"/spec/rules/0/backendRefs/0/weight","value":50},{"op":"replace","path":"/spec/rules/0/backendRefs/1/weight","value":50}]"#.into());
        let spec = json.apply(&r).unwrap();
        assert_eq!(spec.rules[0].backend_refs.iter().map(|b| b.weight).collect::<Vec<_>>(), [50, 50]);
        let merge = RoutePatch::Merge(r#"{"spec":{"rules":[{"backendRefs":[{"name":"v2","port":80}]}]}}"#.into());
        let spec = merge.apply(&r).unwrap();
        assert_eq!(spec.rules[0].backend_refs, [HttpBackendRef::service("v2", 80, 1)]);
        assert_eq!(spec.rules[0].matches, default_matches());
        let too_heavy = RoutePatch::Json(
            r#"[{"op":"replace","path":"/spec/rules/0/backendRefs/0/weight","value":2000000}]"#.into(),
        );
        assert_eq!(too_heavy.apply(&r).unwrap_err(), "The HTTPRoute \"web\" is invalid: spec.rules[0].backendRefs[0].weight: Invalid value: 2000000: spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1000000");
        let typo =
            RoutePatch::Merge(r#"{"spec":{"rules":[{"backendRefs":[{"name":"v2","port":80,"wieght":3}]}]}}"#.into());
        assert_eq!(typo.apply(&r).unwrap_err(), "Error from server (BadRequest): strict decoding error: unknown field \"spec.rules[0].backendRefs[0].wieght\"");
        let missing =
            RoutePatch::Json(r#"[{"op":"replace","path":"/spec/rules/3/backendRefs/0/weight","value":1}]"#.into());
        assert!(missing.apply(&r).unwrap_err().contains("doc is missing path"));
    }
}
