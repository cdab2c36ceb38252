//! The scenario file that `rolloutscope simulate` reads (YAML or JSON), documented in
//! docs/scenario-format.md:
//!
//! ```yaml
//! seed: 42                 # every random choice follows from it (default 1)
//! nodes: 3                 # ready nodes node-1 … node-N (default 3)
//! manifests:               # apps/v1 Deployments, v1 Services, networking.k8s.io/v1 Ingresses and
//!                          # gateway.networking.k8s.io/v1 GatewayClasses, Gateways and HTTPRoutes
//!   - apiVersion: apps/v1
//!     kind: Deployment
//!     ...
//! images:                  # how the code behind each image behaves (default: healthy)
//!   gasbugs/http-go:v2: {startupSeconds: 5, readiness: failing}
//! timeline:
//!   - at: 30s
//!     kubectl: set image deployment/http-go http-go=gasbugs/http-go:v2
//!   - at: 2m
//!     fault: {nodeDown: node-2}            # or deletePod, failReadiness, failLiveness, nodeUp
//!   - at: 3m
//!     push: {image: gasbugs/http-go:v2, crashAfterSeconds: 20}
//!   - at: 4m
//!     plan: {steps: [...], abort: {...}}   # a plan starting here (docs/scenario-format.md)
//! ```
//!
//! Every value is checked while it is read, so an error names its line, column and field.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer};
use serde::Deserialize;
use serde_json::Value;

use super::{object, read};
use crate::kubectl;
use crate::sim::images::ImageBehavior;
use crate::sim::ingress::{Ingress, UserGroup};
use crate::sim::limits::{MAX_NODES, MAX_REPLICAS};
use crate::sim::objects;
use crate::sim::run::{Scenario, Step};
use crate::sim::service::{Service, Target, Traffic, MAX_RATE_PER_SECOND};
use crate::sim::strategy::{Abort, Plan, PlanStep};
use crate::sim::{Intent, Object, SimDuration, SimTime};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct File {
    #[serde(default = "default_seed")]
    seed: u64,
    #[serde(default = "default_nodes")]
    nodes: Nodes,
    manifests: Vec<Manifest>,
    #[serde(default)]
    images: BTreeMap<String, ImageBehavior>,
    #[serde(default)]
    traffic: OneOrMany<TrafficFile>,
    #[serde(default)]
    timeline: Vec<Entry>,
    #[serde(default)]
    plan: Option<PlanFile>,
}

/// A strategy as a plan of steps run one after another from `at`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PlanFile {
    at: At,
    steps: Vec<PlanEntry>,
    /// When the client running the plan dies (default never).
    #[serde(default)]
    interrupt_at: Option<At>,
    /// An analysis that aborts the plan when a Service's error rate is too high.
    #[serde(default)]
    abort: Option<AbortFile>,
}

/// `abort: {service, errorPercentAbove, window, minRequests, steps}`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AbortFile {
    service: String,
    error_percent_above: Percent,
    #[serde(default = "default_window")]
    window: At,
    #[serde(default = "default_min_requests")]
    min_requests: u64,
    steps: Vec<PlanEntry>,
}

fn default_window() -> At {
    At(SimTime::from_secs(30))
}

fn default_min_requests() -> u64 {
    20
}

/// A whole percent, 0 to 100.
struct Percent(u8);

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u64::deserialize(d)?;
        u8::try_from(n)
            .ok()
            .filter(|p| *p <= 100)
            .map(Percent)
            .ok_or_else(|| de::Error::custom(format!("{n}: a percent is 0 to 100")))
    }
}

/// One step: exactly one of the keys.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PlanEntry {
    #[serde(default)]
    kubectl: KubectlLine,
    #[serde(default)]
    pause: Option<At>,
    #[serde(default)]
    wait_for_available: Option<String>,
}

fn default_seed() -> u64 {
    1
}

fn default_nodes() -> Nodes {
    Nodes(3)
}

/// A node count the simulator can run.
struct Nodes(u32);

impl<'de> Deserialize<'de> for Nodes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u32::deserialize(d)?;
        if n == 0 || n > MAX_NODES {
            return Err(de::Error::custom(format!("{n} nodes: a scenario has 1 to {MAX_NODES}")));
        }
        Ok(Nodes(n))
    }
}

/// One value or a list of them (`traffic: {...}` or `traffic: [{...}, {...}]`), read so that an
/// error inside still names its line and field.
struct OneOrMany<T>(Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> de::Visitor<'de> for V<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map or a list of maps")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| OneOrMany(vec![t]))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut v = Vec::new();
                while let Some(t) = seq.next_element()? {
                    v.push(t);
                }
                Ok(OneOrMany(v))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// Requests sent to a Service (`traffic: {service: http-go, ratePerSecond: 10}`) or to a host
/// through the HTTPRoutes that name it, or else its Ingresses (`traffic: {host: http-go.example.com,
/// groups: [...]}`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TrafficFile {
    #[serde(default)]
    service: Option<String>,
    #[serde(default)]
    host: Option<String>,
    /// Users whose requests carry headers or cookies: `{name, percent, headers, cookies}`.
    #[serde(default)]
    groups: Vec<GroupFile>,
    /// Requests per second, evenly spaced. Default 1 (the course's curl loop).
    #[serde(default = "one_per_second")]
    rate_per_second: u32,
    /// How late kube-proxy applies endpoint changes. Default 1s.
    #[serde(default)]
    propagation_delay: Option<At>,
    /// When the first requests are sent, whether or not the application is up (default: when
    /// it first answers).
    #[serde(default)]
    from: Option<At>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct GroupFile {
    name: String,
    percent: Percent,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    cookies: BTreeMap<String, String>,
    /// The path they request (default `/`), for an HTTPRoute's path matches.
    #[serde(default)]
    path: Option<String>,
    /// Their query parameters, for an HTTPRoute's query parameter matches.
    #[serde(default)]
    query: BTreeMap<String, String>,
}

fn one_per_second() -> u32 {
    1
}

/// One manifest of a scenario file: a valid apps/v1 Deployment (defaults filled in), a v1 Service
/// or a networking.k8s.io/v1 Ingress, as the engine's object. (The object's own serde form is the
/// engine's wire format; this reads a Kubernetes manifest into it.)
struct Manifest(Object);

impl<'de> Deserialize<'de> for Manifest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        object::manifest(&read::Item { at: String::new(), value }).map(Manifest).map_err(de::Error::custom)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Entry {
    at: At,
    #[serde(default)]
    kubectl: KubectlLine,
    #[serde(default)]
    fault: Option<Fault>,
    #[serde(default)]
    push: Option<Push>,
    /// A strategy's plan started at this moment (the page exports each deploy of Blue/Green,
    /// Canary and A/B so); a later plan replaces one still running.
    #[serde(default)]
    plan: Option<TimelinePlan>,
    /// `kubectl apply -f` of these manifests at this moment (the page's YAML panel).
    #[serde(default)]
    apply: Option<Vec<Manifest>>,
    /// `kubectl create -f` of these manifests.
    #[serde(default)]
    create: Option<Vec<Manifest>>,
    /// A cluster's state the run goes on from (`kubectl get deploy,rs,pods -o yaml`'s items):
    /// what the page writes for a run started from a pasted state.
    #[serde(default)]
    restore: Option<Vec<Value>>,
}

/// `plan: {steps, abort}` in a timeline entry: a plan that starts at the entry's moment.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TimelinePlan {
    steps: Vec<PlanEntry>,
    #[serde(default)]
    abort: Option<AbortFile>,
}

/// `at: 30s`: a time from the start of the run.
struct At(SimTime);

impl<'de> Deserialize<'de> for At {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = At;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a time such as 30s, 1m30s or 500ms")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<At, E> {
                SimDuration::parse(s).map(|d| At(SimTime::ZERO + d)).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<At, E> {
                self.visit_str(&n.to_string())
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<At, E> {
                self.visit_str(&n.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// A kubectl command line as written, parsed as it is read (empty when the entry has none).
#[derive(Default)]
struct KubectlLine(String, Vec<Intent>);

impl<'de> Deserialize<'de> for KubectlLine {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Parsed inside the visitor: serde_yaml_ng names the field (and its line) only for an
        // error raised while the value is being read.
        struct V;
        impl de::Visitor<'_> for V {
            type Value = KubectlLine;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a kubectl command line")
            }
            fn visit_str<E: de::Error>(self, line: &str) -> Result<KubectlLine, E> {
                kubectl::parse(line).map(|intents| KubectlLine(line.trim().to_string(), intents)).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// A fault, naming a pod (or `deployment/NAME` for its first running pod) or a node; one key.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Fault {
    delete_pod: Option<String>,
    fail_readiness: Option<String>,
    fail_liveness: Option<String>,
    node_down: Option<String>,
    node_up: Option<String>,
}

impl Fault {
    fn intents(self) -> Vec<Intent> {
        let Fault { delete_pod, fail_readiness, fail_liveness, node_down, node_up } = self;
        let mut out = Vec::new();
        out.extend(delete_pod.map(|pod| Intent::DeletePod { pod }));
        out.extend(fail_readiness.map(|pod| Intent::FailReadiness { pod }));
        out.extend(fail_liveness.map(|pod| Intent::FailLiveness { pod }));
        out.extend(node_down.map(|node| Intent::NodeDown { node }));
        out.extend(node_up.map(|node| Intent::NodeUp { node }));
        out
    }
}

/// A new build pushed under an existing tag, with how it behaves: `{image: …}` and the fields of
/// [`ImageBehavior`], a key that is neither refused as everywhere else in the file (serde's
/// `flatten` would drop it silently, so the map is split by hand).
struct Push {
    image: String,
    behavior: ImageBehavior,
}

impl<'de> Deserialize<'de> for Push {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let mut fields = serde_yaml_ng::Mapping::deserialize(d)?;
        let image = match fields.remove("image") {
            Some(serde_yaml_ng::Value::String(image)) => image,
            Some(_) => return Err(D::Error::custom("image: a string, as gasbugs/http-go:v2")),
            None => return Err(D::Error::missing_field("image")),
        };
        let behavior = ImageBehavior::deserialize(serde_yaml_ng::Value::Mapping(fields))
            .map_err(|e| D::Error::custom(format!("push: {e}")))?;
        Ok(Push { image, behavior })
    }
}

/// Reads a scenario file. An error says where: `FILE: line L column C: FIELD: what is wrong`.
pub fn read(text: &str, origin: &str) -> Result<Scenario, String> {
    // serde_yaml_ng's errors name the field themselves (`timeline[0].at: …`); the position goes
    // in front, where a reader looks first.
    let file: File = serde_yaml_ng::from_str(text).map_err(|e| match e.location() {
        Some(l) => {
            let message = e.to_string().replace(&format!(" at line {} column {}", l.line(), l.column()), "");
            format!("{origin}: line {} column {}: {message}", l.line(), l.column())
        }
        None => format!("{origin}: {e}"),
    })?;
    let (mut deployments, mut services, mut ingresses) = (Vec::new(), Vec::new(), Vec::new());
    let (mut classes, mut gateways, mut routes) = (Vec::new(), Vec::new(), Vec::new());
    let mut resource_quotas = Vec::new();
    for Manifest(object) in file.manifests {
        match object {
            Object::Deployment(d) => deployments.push(*d),
            Object::Service(s) => services.push(*s),
            Object::Ingress(i) => ingresses.push(*i),
            Object::GatewayClass(c) => classes.push(*c),
            Object::Gateway(g) => gateways.push(*g),
            Object::HttpRoute(r) => routes.push(*r),
            Object::ResourceQuota(q) => resource_quotas.push(*q),
        }
    }
    check_references(&classes, &gateways, &routes, &ingresses, &services, origin)?;
    let mut streams = Vec::new();
    for t in file.traffic.0 {
        streams.push(traffic(t, &mut services, &ingresses, &routes, origin)?);
    }
    let rate: u64 = streams.iter().map(|t| u64::from(t.rate_per_second)).sum();
    if rate > u64::from(MAX_RATE_PER_SECOND) {
        return Err(format!(
            "{origin}: traffic: {rate} requests per second in all is more than the simulator sends ({MAX_RATE_PER_SECOND})"
        ));
    }
    let total: i64 = deployments.iter().map(|d| i64::from(d.spec.replicas)).sum();
    if total > i64::from(MAX_REPLICAS) {
        return Err(format!(
            "{origin}: manifests: {total} replicas in all; the simulator runs at most {MAX_REPLICAS} (Kubernetes itself would accept them)"
        ));
    }
    let mut names = std::collections::BTreeSet::new();
    for d in &deployments {
        if !names.insert(d.metadata.name.clone()) {
            return Err(format!("{origin}: manifests: Deployment {:?} appears twice", d.metadata.name));
        }
    }
    let mut timeline = Vec::new();
    for (i, e) in file.timeline.into_iter().enumerate() {
        timeline.push(entry(i, e, &deployments, &services, origin)?);
    }
    // Stable: steps at the same moment keep the file's order.
    timeline.sort_by_key(|s| s.at);
    let plan = match file.plan {
        None => None,
        Some(p) => {
            let mut plan = plan(p.at.0, p.steps, p.abort, &deployments, &services, origin, "plan")?;
            plan.interrupted_at = p.interrupt_at.map(|At(t)| t);
            Some(plan)
        }
    };
    Ok(Scenario {
        seed: file.seed,
        nodes: file.nodes.0,
        deployments,
        images: file.images,
        services,
        ingresses,
        gateway_classes: classes,
        gateways,
        http_routes: routes,
        resource_quotas,
        traffic: streams,
        timeline,
        plan,
    })
}

/// As the API takes them (a route to a missing Service is accepted and answers 500), but a
/// scenario's objects all exist from the start: a name that is nowhere is a typo.
fn check_references(
    classes: &[crate::sim::gateway::GatewayClass],
    gateways: &[crate::sim::gateway::Gateway],
    routes: &[crate::sim::gateway::HttpRoute],
    ingresses: &[Ingress],
    services: &[Service],
    origin: &str,
) -> Result<(), String> {
    for g in gateways {
        if !classes.iter().any(|c| c.name == g.gateway_class_name) {
            return Err(format!(
                "{origin}: manifests: Gateway {:?}: gatewayclasses.gateway.networking.k8s.io {:?} not found among the manifests",
                g.name, g.gateway_class_name
            ));
        }
    }
    for r in routes {
        if let Some(p) = r.spec.parent_refs.iter().find(|p| !gateways.iter().any(|g| g.name == p.name)) {
            return Err(format!(
                "{origin}: manifests: HTTPRoute {:?}: gateways.gateway.networking.k8s.io {:?} not found among the manifests",
                r.name, p.name
            ));
        }
    }
    for i in ingresses {
        if !services.iter().any(|s| s.name == i.service) {
            return Err(format!(
                "{origin}: manifests: Ingress {:?}: services {:?} not found among the manifests",
                i.name, i.service
            ));
        }
    }
    Ok(())
}

/// Timeline entry `i` of the file: exactly one of its kinds, as the intents it makes.
fn entry(
    i: usize,
    e: Entry,
    deployments: &[objects::Deployment],
    services: &[Service],
    origin: &str,
) -> Result<Step, String> {
    let mut intents = Vec::new();
    let given = [
        !e.kubectl.1.is_empty(),
        e.fault.is_some(),
        e.push.is_some(),
        e.plan.is_some(),
        e.apply.is_some(),
        e.create.is_some(),
        e.restore.is_some(),
    ];
    if given.iter().filter(|g| **g).count() != 1 {
        return Err(format!(
            "{origin}: timeline[{i}]: give exactly one of kubectl, fault, push, plan, apply, create or restore"
        ));
    }
    if let Some(objects) = e.restore {
        let at = |j: usize| format!("{origin}: timeline[{i}].restore[{j}]");
        let items: Vec<read::Item> =
            objects.into_iter().enumerate().map(|(j, value)| read::Item { at: at(j), value }).collect();
        let state = super::state::state(&items).map_err(|(j, message)| format!("{}: {message}", at(j)))?;
        if let Some(problem) = state.problems() {
            return Err(format!("{origin}: timeline[{i}].restore: {problem}"));
        }
        intents.push(Intent::Restore { state: Box::new(state) });
    }
    for (manifests, create) in [(e.apply, false), (e.create, true)] {
        intents.extend(manifests.into_iter().flatten().map(|Manifest(object)| Intent::Manifest { object, create }));
    }
    intents.extend(e.kubectl.1);
    if let Some(f) = e.fault {
        let mut v = f.intents();
        if v.len() != 1 {
            return Err(format!(
                "{origin}: timeline[{i}].fault: give exactly one of deletePod, failReadiness, failLiveness, nodeDown, nodeUp"
            ));
        }
        intents.append(&mut v);
    }
    if let Some(p) = e.push {
        intents.push(Intent::Push { image: p.image, behavior: p.behavior });
    }
    if let Some(p) = e.plan {
        let at = format!("timeline[{i}].plan");
        let plan = plan(e.at.0, p.steps, p.abort, deployments, services, origin, &at)?;
        intents.push(Intent::StartPlan { plan: Box::new(plan) });
    }
    Ok(Step { at: e.at.0, intents })
}

/// The traffic, checked against the manifests (and setting the Services' propagation delay).
fn traffic(
    t: TrafficFile,
    services: &mut [Service],
    ingresses: &[Ingress],
    routes: &[crate::sim::gateway::HttpRoute],
    origin: &str,
) -> Result<Traffic, String> {
    if t.rate_per_second > MAX_RATE_PER_SECOND {
        return Err(format!(
            "{origin}: traffic.ratePerSecond: {} is more than the simulator sends ({MAX_RATE_PER_SECOND})",
            t.rate_per_second
        ));
    }
    let to = match (t.service, t.host) {
        (Some(service), None) => {
            if !services.iter().any(|s| s.name == service) {
                return Err(format!("{origin}: traffic.service: services {service:?} not found among the manifests"));
            }
            Target::Service(service)
        }
        (None, Some(host)) => {
            let by_route =
                routes.iter().any(|r| r.spec.hostnames.iter().any(|h| crate::sim::gateway::host_matches(h, &host)));
            if !by_route && !ingresses.iter().any(|i| i.host == host && !i.is_canary()) {
                return Err(format!(
                    "{origin}: traffic.host: no HTTPRoute or Ingress among the manifests has a rule for host {host:?} (a canary Ingress needs a main one)"
                ));
            }
            Target::Ingress(host)
        }
        _ => return Err(format!("{origin}: traffic: give exactly one of service or host")),
    };
    let total: u32 = t.groups.iter().map(|g| u32::from(g.percent.0)).sum();
    if total > 100 {
        return Err(format!("{origin}: traffic.groups: their percents add up to {total}, more than 100"));
    }
    if let Some(At(delay)) = t.propagation_delay {
        for s in services.iter_mut() {
            s.propagation_delay = delay - SimTime::ZERO;
        }
    }
    let groups = t
        .groups
        .into_iter()
        .map(|g| UserGroup {
            name: g.name,
            percent: g.percent.0,
            headers: g.headers,
            cookies: g.cookies,
            path: g.path,
            query: g.query,
        })
        .collect();
    let from = t.from.map(|At(t)| t);
    Ok(Traffic { to, rate_per_second: t.rate_per_second, from, groups, started: None })
}

/// A plan starting at `start`, with its abort analysis; `at` names it in errors (`plan`).
fn plan(
    start: SimTime,
    steps: Vec<PlanEntry>,
    abort: Option<AbortFile>,
    deployments: &[objects::Deployment],
    services: &[Service],
    origin: &str,
    at: &str,
) -> Result<Plan, String> {
    let mut plan = Plan::new(start, plan_steps(steps, deployments, origin, &format!("{at}.steps"))?);
    if let Some(a) = abort {
        if !services.iter().any(|s| s.name == a.service) {
            return Err(format!(
                "{origin}: {at}.abort.service: services {:?} not found among the manifests",
                a.service
            ));
        }
        let steps = plan_steps(a.steps, deployments, origin, &format!("{at}.abort.steps"))?;
        let window = a.window.0 - SimTime::ZERO;
        plan.abort = Some(Abort::new(&a.service, a.error_percent_above.0, window, a.min_requests, steps));
    }
    Ok(plan)
}

/// A plan's steps, each exactly one of kubectl, pause or waitForAvailable.
fn plan_steps(
    entries: Vec<PlanEntry>,
    deployments: &[objects::Deployment],
    origin: &str,
    at: &str,
) -> Result<Vec<PlanStep>, String> {
    let mut steps = Vec::new();
    for (i, e) in entries.into_iter().enumerate() {
        let KubectlLine(line, intents) = e.kubectl;
        let step = match (intents.is_empty(), e.pause, e.wait_for_available) {
            (false, None, None) => PlanStep::Kubectl { line, intents },
            (true, Some(At(t)), None) => PlanStep::Pause(t - SimTime::ZERO),
            (true, None, Some(deployment)) => {
                if !deployments.iter().any(|d| d.metadata.name == deployment) {
                    return Err(format!(
                        "{origin}: {at}[{i}].waitForAvailable: deployments.apps {deployment:?} not found among the manifests"
                    ));
                }
                PlanStep::WaitForAvailable { deployment }
            }
            _ => return Err(format!("{origin}: {at}[{i}]: give exactly one of kubectl, pause or waitForAvailable")),
        };
        steps.push(step);
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEPLOYMENT: &str = "
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: http-go}
    spec:
      replicas: 3
      selector: {matchLabels: {app: http-go}}
      template:
        metadata: {labels: {app: http-go}}
        spec:
          containers: [{name: http-go, image: gasbugs/http-go:v1}]
";

    fn with_timeline(timeline: &str) -> Result<Scenario, String> {
        read(&format!("seed: 7\nmanifests:{DEPLOYMENT}timeline:\n{timeline}"), "s.yaml")
    }

    #[test]
    fn a_scenario_reads_its_parts() {
        let s = with_timeline(
            "  - at: 1m\n    fault: {nodeDown: node-2}\n  - at: 30s\n    kubectl: set image deployment/http-go http-go=gasbugs/http-go:v2\n\
             \x20 - at: 90s\n    push: {image: gasbugs/http-go:v2, crashAfterSeconds: 20}\n",
        )
        .unwrap();
        assert_eq!((s.seed, s.nodes, s.deployments.len()), (7, 3, 1));
        assert_eq!(s.deployments[0].spec.replicas, 3);
        let at: Vec<u64> = s.timeline.iter().map(|t| t.at.0 / 1000).collect();
        assert_eq!(at, [30, 60, 90], "sorted by time");
        assert_eq!(s.timeline[1].intents, [Intent::NodeDown { node: "node-2".into() }]);
        let Intent::Push { behavior, .. } = &s.timeline[2].intents[0] else { panic!() };
        assert_eq!(behavior.crash_after_seconds, Some(20));
    }

    #[test]
    fn errors_name_the_line_and_the_field() {
        let err = with_timeline("  - at: 30 seconds\n    kubectl: rollout undo deployment/http-go\n").unwrap_err();
        assert!(err.starts_with("s.yaml: line 14 column 9: timeline[0].at: invalid duration \"30 seconds\""), "{err}");
        let err = with_timeline("  - at: 30s\n    kubectl: rolout undo deployment/http-go\n").unwrap_err();
        assert!(err.contains("timeline[0].kubectl: error: unknown command \"rolout\" for \"kubectl\""), "{err}");
        let err = with_timeline("  - at: 30s\n    fault: {unplug: node-1}\n").unwrap_err();
        assert!(err.contains("timeline[0].fault: unknown field `unplug`"), "{err}");
        // How an image behaves: a misspelt key is refused, not ignored.
        let err =
            with_timeline("  - at: 30s\n    push: {image: gasbugs/http-go:v2, crashAfterSecond: 20}\n").unwrap_err();
        assert!(err.contains("timeline[0]: push: unknown field `crashAfterSecond`"), "{err}");
        let err =
            read(&format!("images:\n  gasbugs/http-go:v2: {{startupSecond: 3}}\nmanifests:{DEPLOYMENT}"), "s.yaml")
                .unwrap_err();
        assert!(err.contains("unknown field `startupSecond`"), "{err}");
        let err = read(
            &format!(
                "manifests:{}",
                DEPLOYMENT.replace(
                    "replicas: 3",
                    "replicas: 3\n      strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}"
                )
            ),
            "s.yaml",
        )
        .unwrap_err();
        assert!(err.starts_with("s.yaml: line 2 column 3: manifests: The Deployment \"http-go\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"), "{err}");
        let err = read("manifest: []", "s.yaml").unwrap_err();
        assert!(err.contains("unknown field `manifest`"), "{err}");
    }

    #[test]
    fn a_service_has_its_ports_and_a_cluster_ip_and_gets_the_apiservers_errors() {
        let svc = |spec: &str| {
            read(
                &format!("manifests:\n  - {{apiVersion: v1, kind: Service, metadata: {{name: web}}, spec: {spec}}}\n"),
                "s.yaml",
            )
        };
        let s = svc("{selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}").unwrap();
        let web = &s.services[0];
        assert_eq!(web.ports, [crate::sim::service::ServicePort::tcp(80, 8080)]);
        assert_eq!(web.cluster_ip, crate::sim::service::cluster_ip_for("web"));
        let s = svc("{selector: {app: web}, clusterIP: 10.96.0.20, ports: [{name: http, port: 80, targetPort: http}, {name: metrics, port: 9090}]}").unwrap();
        assert_eq!(s.services[0].cluster_ip, "10.96.0.20");
        assert_eq!(s.services[0].ports[0].target_port, "http");
        assert_eq!(s.services[0].ports[1].target_port, "9090");
        let err = svc("{selector: {app: web}}").unwrap_err();
        assert!(err.ends_with("The Service \"web\" is invalid: spec.ports: Required value"), "{err}");
        let err = svc("{selector: {app: web}, ports: [{port: 80}, {port: 70000}]}").unwrap_err();
        assert!(err.contains("spec.ports[1].name: Required value"), "{err}");
        assert!(
            err.contains("spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive"),
            "{err}"
        );
        let err = svc("{selector: {app: web}, clusterIP: 192.168.1.1, ports: [{port: 80}]}").unwrap_err();
        assert!(
            err.contains("spec.clusterIPs: Invalid value: []string{\"192.168.1.1\"}: failed to allocate IP"),
            "{err}"
        );
        let err = svc("{type: NodePort, selector: {app: web}, ports: [{port: 80}]}").unwrap_err();
        assert!(err.contains("spec.type: Unsupported value: \"NodePort\": supported values: \"ClusterIP\""), "{err}");
        // What would change where the traffic goes is refused by name, never dropped; the
        // defaults `kubectl get svc -o yaml` prints back are read.
        for (field, named) in [
            ("publishNotReadyAddresses: true", "spec.publishNotReadyAddresses: true"),
            ("sessionAffinity: ClientIP", "spec.sessionAffinity: ClientIP"),
            ("internalTrafficPolicy: Local", "spec.internalTrafficPolicy: Local"),
            ("trafficDistribution: PreferClose", "spec.trafficDistribution: PreferClose"),
        ] {
            let err = svc(&format!("{{selector: {{app: web}}, ports: [{{port: 80}}], {field}}}")).unwrap_err();
            assert!(err.contains(&format!("Service \"web\": the simulator does not model {named} (")), "{err}");
        }
        let deployment = |containers: &str| {
            read(
                &format!("manifests:\n  - {{apiVersion: apps/v1, kind: Deployment, metadata: {{name: web}}, spec: {{selector: {{matchLabels: {{app: web}}}}, template: {{metadata: {{labels: {{app: web}}}}, spec: {{{containers}}}}}}}}}\n"),
                "d.yaml",
            )
        };
        deployment("containers: [{name: web, image: nginx}]").unwrap();
        let err = deployment("containers: [{name: web, image: nginx}, {name: log, image: busybox}]").unwrap_err();
        assert!(err.contains("Deployment \"web\": the simulator does not model a second container: spec.template.spec.containers has 2 ("), "{err}");
        assert!(err.contains("READY 2/2"), "{err}");
        let err = deployment("initContainers: [{name: wait, image: busybox}], containers: [{name: web, image: nginx}]")
            .unwrap_err();
        assert!(
            err.contains("Deployment \"web\": the simulator does not model spec.template.spec.initContainers ("),
            "{err}"
        );
        svc("{selector: {app: web}, ports: [{port: 80}], publishNotReadyAddresses: false, sessionAffinity: None, internalTrafficPolicy: Cluster, ipFamilies: [IPv4], ipFamilyPolicy: SingleStack}")
            .unwrap();
    }

    #[test]
    fn ingresses_and_traffic_through_them_are_checked() {
        let service = "  - {apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: 80}]}}\n";
        let ingress = |name: &str, svc: &str, canary: bool| {
            let annotations = if canary { "annotations: {nginx.ingress.kubernetes.io/canary: \"true\"}, " } else { "" };
            format!(
                "  - apiVersion: networking.k8s.io/v1\n    kind: Ingress\n    metadata: {{name: {name}, {annotations}}}\n    spec: {{rules: [{{host: web.example, http: {{paths: [{{path: /, pathType: Prefix, backend: {{service: {{name: {svc}, port: {{number: 80}}}}}}}}]}}}}]}}\n"
            )
        };
        let s = read(
            &format!(
                "manifests:\n{service}{}{}traffic: {{host: web.example, groups: [{{name: beta, percent: 30, headers: {{X-Group: beta}}}}]}}\n",
                ingress("web", "web", false),
                ingress("web-canary", "web", true)
            ),
            "s.yaml",
        )
        .unwrap();
        assert_eq!(s.ingresses.len(), 2);
        assert!(s.ingresses[1].is_canary());
        assert_eq!(s.traffic[0].groups[0].percent, 30);
        let err = read(&format!("manifests:\n{service}{}", ingress("web", "nope", false)), "s.yaml").unwrap_err();
        assert_eq!(err, "s.yaml: manifests: Ingress \"web\": services \"nope\" not found among the manifests");
        let err = read(
            &format!("manifests:\n{service}{}traffic: {{host: web.example}}\n", ingress("web-canary", "web", true)),
            "s.yaml",
        )
        .unwrap_err();
        assert!(
            err.contains(
                "traffic.host: no HTTPRoute or Ingress among the manifests has a rule for host \"web.example\""
            ),
            "{err}"
        );
        let err = read(
            &format!(
                "manifests:\n{service}traffic: {{service: web, groups: [{{name: a, percent: 60}}, {{name: b, percent: 50}}]}}\n"
            ),
            "s.yaml",
        )
        .unwrap_err();
        assert_eq!(err, "s.yaml: traffic.groups: their percents add up to 110, more than 100");
        let err = read(&format!("manifests:\n{service}traffic: [{{service: web}}, {{servce: web}}]\n"), "s.yaml")
            .unwrap_err();
        assert!(err.contains("line 3") && err.contains("unknown field `servce`"), "{err}");
    }

    #[test]
    fn a_million_replicas_is_refused_with_the_limit() {
        let err = read(&format!("manifests:{}", DEPLOYMENT.replace("replicas: 3", "replicas: 1000000")), "s.yaml")
            .unwrap_err();
        assert_eq!(
            err,
            "s.yaml: manifests: 1000000 replicas in all; the simulator runs at most 10000 (Kubernetes itself would accept them)"
        );
    }
}
