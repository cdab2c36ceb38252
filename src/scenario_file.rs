//! The page's run as a scenario file: the file `rolloutscope simulate` reads, with the manifests
//! the knobs make, the traffic, and the timeline of what the learner did, each button written as
//! what it stands for (a kubectl line, a fault, a push, or a strategy's plan). The same file is
//! what "try it on a real cluster" turns into a script ([`crate::real_cluster`]).

use serde_json::{json, Map, Value};

use crate::session::{Engine, Step};
use crate::setup::{Knobs, Order, PlanAbort, PlanLine};
use crate::sim::gateway::{self, Gateway, GatewayClass, HttpRoute};
use crate::sim::images::ImageBehavior;
use crate::sim::ingress::Ingress;
use crate::sim::objects::{Deployment, Probe, Strategy};
use crate::sim::service::{Service, Target, Traffic};
use crate::sim::{Object, SimTime};

/// The file for a run of `knobs` on `seed` with `timeline` (as a link carries it). Each step is
/// written as what it did when the run was replayed; a step that did nothing (its button
/// answered with an error) is left out, since in the file it would do something else or fail.
pub fn of_run(knobs: &Knobs, seed: u64, timeline: &[(SimTime, Step)]) -> Value {
    let scenario = knobs.scenario(seed);
    let mut engine = Engine::new(knobs, seed);
    let mut entries = Vec::new();
    for (t, step) in timeline {
        engine.run_to(*t);
        if let Ok((_, orders)) = engine.perform_orders(knobs, step.clone()) {
            entries.extend(orders.iter().map(|o| entry(*t, o)));
        }
    }
    let mut manifests: Vec<Value> = scenario.deployments.iter().map(deployment).collect();
    manifests.extend(scenario.services.iter().map(service));
    manifests.extend(scenario.ingresses.iter().map(ingress));
    manifests.extend(scenario.gateway_classes.iter().map(gateway_class));
    manifests.extend(scenario.gateways.iter().map(gateway));
    manifests.extend(scenario.http_routes.iter().map(http_route));
    let mut file = Map::new();
    file.insert("seed".into(), json!(seed));
    file.insert("nodes".into(), json!(scenario.nodes));
    file.insert("manifests".into(), Value::Array(manifests));
    if let Some(t) = scenario.traffic.first() {
        file.insert("traffic".into(), traffic(t));
    }
    if !entries.is_empty() {
        file.insert("timeline".into(), Value::Array(entries));
    }
    Value::Object(file)
}

/// The file as YAML, with a header that says what to do with it.
pub fn text(file: &Value) -> String {
    format!(
        "# A run made in RolloutScope. Replay it with: rolloutscope simulate FILE\n\
         # On a real cluster (kind or minikube): rolloutscope export FILE --kubectl > run.sh\n{}",
        crate::yaml::to_string(file)
    )
}

/// `30s`, or `30300ms` between whole seconds.
fn at(t: SimTime) -> String {
    let ms = t.as_millis();
    if ms % 1000 == 0 {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    }
}

/// An object as a manifest of the file.
fn manifest(o: &Object) -> Value {
    match o {
        Object::Deployment(d) => deployment(d),
        Object::Service(s) => service(s),
        Object::Ingress(i) => ingress(i),
        Object::GatewayClass(c) => gateway_class(c),
        Object::Gateway(g) => gateway(g),
        Object::HttpRoute(r) => http_route(r),
    }
}

fn entry(t: SimTime, order: &Order) -> Value {
    let what = match order {
        Order::Kubectl(line) => json!({"kubectl": line}),
        Order::Apply { create, objects } => {
            let manifests: Vec<Value> = objects.iter().map(manifest).collect();
            json!({if *create { "create" } else { "apply" }: manifests})
        }
        Order::Restore(state) => {
            use crate::kubectl::output;
            let mut objects: Vec<Value> = state.deployments.iter().map(output::deployment).collect();
            objects.extend(state.replica_sets.iter().map(output::replica_set));
            objects.extend(state.pods.iter().map(output::pod));
            objects.extend(state.manifests.iter().map(manifest));
            json!({"restore": objects})
        }
        Order::Push { image, behavior } => {
            let mut push = behavior_fields(behavior);
            push.insert("image".into(), json!(image));
            json!({"push": push})
        }
        Order::DeletePod(pod) => json!({"fault": {"deletePod": pod}}),
        Order::NodeDown(node) => json!({"fault": {"nodeDown": node}}),
        Order::NodeUp(node) => json!({"fault": {"nodeUp": node}}),
        Order::Plan { steps, abort } => {
            let mut plan = Map::new();
            plan.insert("steps".into(), plan_lines(steps));
            if let Some(a) = abort {
                plan.insert("abort".into(), plan_abort(a));
            }
            json!({"plan": plan})
        }
    };
    let mut e = what.as_object().cloned().unwrap_or_default();
    e.insert("at".into(), json!(at(t)));
    Value::Object(e)
}

/// How an image behaves, only where it differs from the default (a healthy build).
fn behavior_fields(b: &ImageBehavior) -> Map<String, Value> {
    let (Value::Object(all), Value::Object(default)) = (json!(b), json!(ImageBehavior::default())) else {
        return Map::new();
    };
    all.into_iter().filter(|(k, v)| default.get(k) != Some(v)).collect()
}

fn plan_lines(steps: &[PlanLine]) -> Value {
    Value::Array(
        steps
            .iter()
            .map(|s| match s {
                PlanLine::Kubectl(line) => json!({"kubectl": line}),
                PlanLine::WaitForAvailable(d) => json!({"waitForAvailable": d}),
                PlanLine::Pause(s) => json!({"pause": format!("{s}s")}),
            })
            .collect(),
    )
}

fn plan_abort(a: &PlanAbort) -> Value {
    json!({
        "service": a.service,
        "errorPercentAbove": a.error_percent_above,
        "window": format!("{}s", a.window_seconds),
        "minRequests": a.min_requests,
        "steps": plan_lines(&a.steps),
    })
}

/// An apps/v1 Deployment manifest of the engine's Deployment (its spec).
pub(crate) fn deployment(d: &Deployment) -> Value {
    let strategy = match &d.spec.strategy {
        Strategy::Recreate => json!({"type": "Recreate"}),
        Strategy::RollingUpdate { max_surge, max_unavailable } => {
            let mut rolling = Map::new();
            let value = |v: &crate::sim::objects::IntOrPercent| match v {
                crate::sim::objects::IntOrPercent::Int(n) => json!(n),
                p => json!(p.to_string()),
            };
            if let Some(v) = max_surge {
                rolling.insert("maxSurge".into(), value(v));
            }
            if let Some(v) = max_unavailable {
                rolling.insert("maxUnavailable".into(), value(v));
            }
            json!({"type": "RollingUpdate", "rollingUpdate": rolling})
        }
    };
    let mut spec = Map::new();
    spec.insert("replicas".into(), json!(d.spec.replicas));
    spec.insert("selector".into(), json!({"matchLabels": d.spec.selector}));
    spec.insert("strategy".into(), strategy);
    if d.spec.min_ready_seconds != 0 {
        spec.insert("minReadySeconds".into(), json!(d.spec.min_ready_seconds));
    }
    if let Some(s) = d.spec.progress_deadline_seconds {
        spec.insert("progressDeadlineSeconds".into(), json!(s));
    }
    if let Some(n) = d.spec.revision_history_limit {
        spec.insert("revisionHistoryLimit".into(), json!(n));
    }
    if d.spec.paused {
        spec.insert("paused".into(), json!(true));
    }
    spec.insert("template".into(), pod_template(&d.spec.template));
    let mut metadata = json!({"name": d.metadata.name, "labels": d.metadata.labels});
    // What the learner wrote (a change-cause), not what the controller keeps (the revision).
    let annotations: Map<String, Value> = d
        .metadata
        .annotations
        .iter()
        .filter(|(k, _)| k.as_str() != crate::sim::objects::REVISION_ANNOTATION)
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    if !annotations.is_empty() {
        metadata["annotations"] = Value::Object(annotations);
    }
    json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": metadata, "spec": spec})
}

/// A pod template as a manifest writes it: its labels (and annotations, if any) and containers.
pub(crate) fn pod_template(t: &crate::sim::objects::PodTemplate) -> Value {
    let mut metadata = Map::new();
    metadata.insert("labels".into(), json!(t.labels));
    if !t.annotations.is_empty() {
        metadata.insert("annotations".into(), json!(t.annotations));
    }
    let mut spec = json!({"containers": containers(&t.containers)});
    if t.termination_grace_period_seconds != 30 {
        spec["terminationGracePeriodSeconds"] = json!(t.termination_grace_period_seconds);
    }
    let mut template = json!({"metadata": metadata, "spec": spec});
    // What a template read from a real manifest says beyond the engine's fields (env, volumes…),
    // its ports among them: the port the engine's own templates listen on is not made up for it.
    if let Ok(mut rest) = serde_json::from_str::<Value>(&t.unmodelled) {
        for c in template["spec"]["containers"].as_array_mut().into_iter().flatten() {
            c.as_object_mut().map(|c| c.remove("ports"));
        }
        // What the engine does not model of a probe (an exec command, an httpGet's scheme) is
        // written into the probe the engine has; it does not bring back a probe it removed.
        let written = &template["spec"]["containers"];
        for (i, c) in
            rest.pointer_mut("/spec/containers").and_then(Value::as_array_mut).into_iter().flatten().enumerate()
        {
            if let Some(c) = c.as_object_mut() {
                c.retain(|key, _| !key.ends_with("Probe") || written[i].get(key).is_some());
            }
        }
        overlay(&mut template, rest, true);
    }
    template
}

/// Writes `rest` into `into`: objects key by key, lists item by item. The containers are the
/// engine's (`fixed`: a container the engine removed is not brought back); another list keeps
/// the items only `rest` has.
fn overlay(into: &mut Value, rest: Value, fixed: bool) {
    match (into, rest) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                match a.get_mut(&k) {
                    Some(slot) => overlay(slot, v, k == "containers"),
                    None => {
                        a.insert(k, v);
                    }
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, v) in b.into_iter().enumerate() {
                match a.get_mut(i) {
                    Some(slot) => overlay(slot, v, false),
                    None if !fixed => a.push(v),
                    None => {}
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

/// Containers as a manifest writes them: name, image, pull policy, port and probes.
pub(crate) fn containers(containers: &[crate::sim::objects::Container]) -> Vec<Value> {
    containers
        .iter()
        .map(|c| {
            let mut m = Map::new();
            m.insert("name".into(), json!(c.name));
            m.insert("image".into(), json!(c.image));
            m.insert("imagePullPolicy".into(), json!(format!("{:?}", c.image_pull_policy)));
            m.insert("ports".into(), json!([{"containerPort": 8080}]));
            if let Some(s) = c.pre_stop_sleep_seconds {
                m.insert("lifecycle".into(), json!({"preStop": {"sleep": {"seconds": s}}}));
            }
            for (key, probe) in [
                ("readinessProbe", &c.readiness_probe),
                ("livenessProbe", &c.liveness_probe),
                ("startupProbe", &c.startup_probe),
            ] {
                if let Some(p) = probe {
                    m.insert(key.into(), self::probe(p));
                }
            }
            Value::Object(m)
        })
        .collect()
}

/// A probe's handler (`GET /ready on 8080`, as the engine writes it) and its five parameters.
fn probe(p: &Probe) -> Value {
    let mut m = Map::new();
    let words: Vec<&str> = p.handler.split_whitespace().collect();
    // A port by number, or by the container port's name.
    let port = |port: &str| port.parse::<i64>().map_or_else(|_| json!(port), |n| json!(n));
    match words.as_slice() {
        ["GET", path, "on", number] => {
            m.insert("httpGet".into(), json!({"path": path, "port": port(number)}));
        }
        // An httpGet read from a manifest with a scheme or host of its own, as kubectl describes
        // it (`http-get https://:8443/ready`): the scheme and host come with the template's
        // unmodelled rest.
        ["http-get", url] => {
            let rest = url.split_once("://").map_or(*url, |(_, rest)| rest);
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            let number = authority.rsplit(':').next().unwrap_or_default();
            m.insert("httpGet".into(), json!({"path": path, "port": port(number)}));
        }
        ["TCP", "on", number] => {
            m.insert("tcpSocket".into(), json!({"port": port(number)}));
        }
        _ => {}
    }
    m.insert("initialDelaySeconds".into(), json!(p.initial_delay_seconds));
    m.insert("periodSeconds".into(), json!(p.period_seconds));
    m.insert("timeoutSeconds".into(), json!(p.timeout_seconds));
    m.insert("successThreshold".into(), json!(p.success_threshold));
    m.insert("failureThreshold".into(), json!(p.failure_threshold));
    Value::Object(m)
}

fn service(s: &Service) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": s.name},
        "spec": {"selector": s.selector, "ports": s.ports.iter().map(service_port).collect::<Vec<_>>()},
    })
}

/// A port as a manifest writes it: the name and protocol only when they say something.
pub(crate) fn service_port(p: &crate::sim::service::ServicePort) -> Value {
    let mut m = Map::new();
    if !p.name.is_empty() {
        m.insert("name".into(), json!(p.name));
    }
    if p.protocol != "TCP" {
        m.insert("protocol".into(), json!(p.protocol));
    }
    m.insert("port".into(), json!(p.port));
    m.insert("targetPort".into(), p.target_port.parse::<i32>().map_or_else(|_| json!(p.target_port), |n| json!(n)));
    Value::Object(m)
}

pub(crate) fn ingress(i: &Ingress) -> Value {
    let mut metadata = Map::new();
    metadata.insert("name".into(), json!(i.name));
    if !i.annotations.is_empty() {
        metadata.insert("annotations".into(), json!(i.annotations));
    }
    json!({
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": metadata,
        "spec": {
            "ingressClassName": "nginx",
            "rules": [{"host": i.host, "http": {"paths": [{
                "path": "/", "pathType": "Prefix",
                "backend": {"service": {"name": i.service, "port": {"number": 80}}},
            }]}}],
        },
    })
}

/// A GatewayClass manifest (`gateway.networking.k8s.io/v1`).
pub(crate) fn gateway_class(c: &GatewayClass) -> Value {
    json!({
        "apiVersion": gateway::API_VERSION,
        "kind": "GatewayClass",
        "metadata": {"name": c.name},
        "spec": {"controllerName": c.controller_name},
    })
}

/// A Gateway manifest.
pub(crate) fn gateway(g: &Gateway) -> Value {
    json!({
        "apiVersion": gateway::API_VERSION,
        "kind": "Gateway",
        "metadata": {"name": g.name},
        "spec": {"gatewayClassName": g.gateway_class_name, "listeners": g.listeners},
    })
}

/// An HTTPRoute manifest: the spec as the engine keeps it is the upstream schema, defaults
/// filled in.
pub(crate) fn http_route(r: &HttpRoute) -> Value {
    json!({
        "apiVersion": gateway::API_VERSION,
        "kind": "HTTPRoute",
        "metadata": {"name": r.name},
        "spec": r.spec,
    })
}

fn traffic(t: &Traffic) -> Value {
    let mut m = Map::new();
    match &t.to {
        Target::Service(s) => m.insert("service".into(), json!(s)),
        Target::Ingress(h) => m.insert("host".into(), json!(h)),
    };
    m.insert("ratePerSecond".into(), json!(t.rate_per_second));
    if !t.groups.is_empty() {
        let groups: Vec<Value> = t
            .groups
            .iter()
            .map(|g| {
                let mut v = json!({"name": g.name, "percent": g.percent, "headers": g.headers, "cookies": g.cookies});
                if let Some(path) = &g.path {
                    v["path"] = json!(path);
                }
                if !g.query.is_empty() {
                    v["query"] = json!(g.query);
                }
                v
            })
            .collect();
        m.insert("groups".into(), Value::Array(groups));
    }
    if t.from != SimTime::ZERO {
        m.insert("from".into(), json!(at(t.from)));
    }
    Value::Object(m)
}

/// The file's name on download: what the run is, by strategy.
pub fn file_name(knobs: &Knobs, extension: &str) -> String {
    format!("rolloutscope-{}.{extension}", knobs.strategy.id())
}
