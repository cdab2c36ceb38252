//! Engine objects written as the manifests a person writes: the spec only, no status, no field
//! the apiserver fills in. What a scenario file carries ([`crate::run_file`]), and the base of
//! the objects as the API serves them ([`super::live`]).

use serde_json::{json, Map, Value};

use crate::sim::gateway::{self, Gateway, GatewayClass, HttpRoute};
use crate::sim::ingress::Ingress;
use crate::sim::objects::{Deployment, Probe, Strategy};
use crate::sim::quota::ResourceQuota;
use crate::sim::service::Service;
use crate::sim::Object;

/// An object as a manifest.
pub fn object(o: &Object) -> Value {
    match o {
        Object::Deployment(d) => deployment(d),
        Object::Service(s) => service(s),
        Object::Ingress(i) => ingress(i),
        Object::GatewayClass(c) => gateway_class(c),
        Object::Gateway(g) => gateway(g),
        Object::HttpRoute(r) => http_route(r),
        Object::ResourceQuota(q) => resource_quota(q),
    }
}

/// A v1 ResourceQuota manifest: its `spec.hard`, quantities written as strings as the API
/// serves them.
pub fn resource_quota(q: &ResourceQuota) -> Value {
    let hard: Map<String, Value> = q.hard.iter().map(|(k, v)| (k.clone(), json!(v.to_string()))).collect();
    json!({"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": q.name}, "spec": {"hard": hard}})
}

/// An apps/v1 Deployment manifest of the engine's Deployment (its spec).
pub fn deployment(d: &Deployment) -> Value {
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
pub fn pod_template(t: &crate::sim::objects::PodTemplate) -> Value {
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
pub fn containers(containers: &[crate::sim::objects::Container]) -> Vec<Value> {
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

/// A v1 Service manifest: its selector and ports.
pub fn service(s: &Service) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": s.name},
        "spec": {"selector": s.selector, "ports": s.ports.iter().map(service_port).collect::<Vec<_>>()},
    })
}

/// A port as a manifest writes it: the name and protocol only when they say something.
pub fn service_port(p: &crate::sim::service::ServicePort) -> Value {
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

/// A networking.k8s.io/v1 Ingress manifest: one rule, one path, to a Service.
pub fn ingress(i: &Ingress) -> Value {
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
pub fn gateway_class(c: &GatewayClass) -> Value {
    json!({
        "apiVersion": gateway::API_VERSION,
        "kind": "GatewayClass",
        "metadata": {"name": c.name},
        "spec": match &c.description {
            Some(d) => json!({"controllerName": c.controller_name, "description": d}),
            None => json!({"controllerName": c.controller_name}),
        },
    })
}

/// A Gateway manifest.
pub fn gateway(g: &Gateway) -> Value {
    json!({
        "apiVersion": gateway::API_VERSION,
        "kind": "Gateway",
        "metadata": {"name": g.name},
        "spec": {"gatewayClassName": g.gateway_class_name, "listeners": g.listeners},
    })
}

/// An HTTPRoute manifest: the spec as the engine keeps it is the upstream schema, defaults
/// filled in.
pub fn http_route(r: &HttpRoute) -> Value {
    json!({
        "apiVersion": gateway::API_VERSION,
        "kind": "HTTPRoute",
        "metadata": {"name": r.name},
        "spec": r.spec,
    })
}
