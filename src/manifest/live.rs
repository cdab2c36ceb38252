//! Engine objects as the API serves them to `kubectl get -o yaml|json`: the spec, the metadata
//! the controllers write (labels, annotations, owners, generation) and the status. What the
//! console prints and what the YAML panel shows. The fields only a real apiserver adds (uids,
//! calendar times, its defaults) are [`super::served`]'s. The run has no wall clock, so no
//! timestamps are written here, but for the Gateway API objects and ResourceQuotas (their
//! creation and conditions, times of the run: kubectl prints them for a custom resource).

use serde_json::{json, Map, Value};

use super::spec;
use crate::sim::gateway::{self, Gateway, GatewayClass, HttpRoute};
use crate::sim::objects::{ConditionStatus, ContainerState, Deployment, Pod, ReplicaSet};
use crate::sim::quota::ResourceQuota;
use crate::sim::service::Service;
use crate::sim::{SimTime, World};

/// The run's Deployments, Services, Ingresses and Gateway API objects as YAML documents, as
/// `kubectl get -o yaml` shows each: what the YAML panel shows while the learner is not editing it.
pub fn documents(w: &World) -> String {
    let mut docs: Vec<Value> = w.deployments.values().map(deployment).collect();
    docs.extend(w.services.values().map(service));
    docs.extend(w.ingresses.values().map(ingress));
    docs.extend(w.gateway.classes.values().map(|c| gateway_class(w, c)));
    docs.extend(w.gateway.gateways.values().map(|g| gateway(w, g)));
    docs.extend(w.gateway.routes.values().map(|r| http_route(w, r)));
    docs.iter().map(crate::yaml::to_string).collect::<Vec<_>>().join("---\n")
}

/// A condition's status as the API writes it.
pub fn status_word(s: ConditionStatus) -> &'static str {
    match s {
        ConditionStatus::True => "True",
        ConditionStatus::False => "False",
        ConditionStatus::Unknown => "Unknown",
    }
}

fn metadata(m: &crate::sim::objects::ObjectMeta, owner_kind: &str, owner_version: &str) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("name".into(), json!(m.name));
    out.insert("namespace".into(), json!("default"));
    if !m.labels.is_empty() {
        out.insert("labels".into(), json!(m.labels));
    }
    if !m.annotations.is_empty() {
        out.insert("annotations".into(), json!(m.annotations));
    }
    if let Some(owner) = &m.owner {
        out.insert(
            "ownerReferences".into(),
            json!([{"apiVersion": owner_version, "kind": owner_kind, "name": owner, "controller": true, "blockOwnerDeletion": true}]),
        );
    }
    out
}

/// Leaves out the counts the API leaves out when they are zero.
fn counts(pairs: &[(&str, i32)]) -> Map<String, Value> {
    pairs.iter().filter(|(_, n)| *n != 0).map(|(k, n)| ((*k).to_string(), json!(n))).collect()
}

/// A Deployment with its metadata and status.
pub fn deployment(d: &Deployment) -> Value {
    let mut v = spec::deployment(d);
    let mut meta = metadata(&d.metadata, "", "");
    meta.insert("generation".into(), json!(d.metadata.generation));
    v["metadata"] = Value::Object(meta);
    let s = &d.status;
    let mut status = counts(&[
        ("replicas", s.replicas),
        ("updatedReplicas", s.updated_replicas),
        ("readyReplicas", s.ready_replicas),
        ("availableReplicas", s.available_replicas),
        ("unavailableReplicas", s.unavailable_replicas),
    ]);
    status.insert("observedGeneration".into(), json!(s.observed_generation));
    let conditions: Vec<Value> = s
        .conditions
        .iter()
        .map(|c| json!({"type": format!("{:?}", c.kind), "status": status_word(c.status), "reason": c.reason, "message": c.message}))
        .collect();
    if !conditions.is_empty() {
        status.insert("conditions".into(), Value::Array(conditions));
    }
    v["status"] = Value::Object(status);
    v
}

/// A ReplicaSet with its owner and status.
pub fn replica_set(rs: &ReplicaSet) -> Value {
    let mut meta = metadata(&rs.metadata, "Deployment", "apps/v1");
    meta.insert("generation".into(), json!(rs.metadata.generation));
    let mut status = counts(&[
        ("readyReplicas", rs.status.ready_replicas),
        ("availableReplicas", rs.status.available_replicas),
        ("terminatingReplicas", rs.status.terminating_replicas),
    ]);
    // `replicas` is written even when 0.
    status.insert("replicas".into(), json!(rs.status.replicas));
    status.insert("observedGeneration".into(), json!(rs.status.observed_generation));
    let mut spec = Map::new();
    spec.insert("replicas".into(), json!(rs.spec.replicas));
    spec.insert("selector".into(), json!({"matchLabels": rs.spec.selector}));
    if rs.spec.min_ready_seconds != 0 {
        spec.insert("minReadySeconds".into(), json!(rs.spec.min_ready_seconds));
    }
    spec.insert("template".into(), spec::pod_template(&rs.spec.template));
    json!({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": meta, "spec": spec, "status": status})
}

/// A container's `lastState`: `{}` until the kubelet has restarted it, then how the instance
/// before ended, its times on the calendar that starts at `epoch_ms`.
pub fn last_state(last: Option<&crate::sim::objects::Termination>, epoch_ms: u64) -> Value {
    let Some(t) = last else { return json!({}) };
    let at = |t: crate::sim::SimTime| crate::sim::SimTime::from_millis(epoch_ms + t.as_millis()).rfc3339();
    json!({"terminated": {
        "exitCode": t.exit_code,
        "reason": t.reason,
        "startedAt": at(t.started_at),
        "finishedAt": at(t.finished_at),
    }})
}

/// A pod with its owner, node and status.
pub fn pod(p: &Pod) -> Value {
    let meta = metadata(&p.metadata, "ReplicaSet", "apps/v1");
    let mut spec = Map::new();
    spec.insert("containers".into(), Value::Array(spec::containers(&p.spec.containers)));
    if let Some(node) = &p.spec.node_name {
        spec.insert("nodeName".into(), json!(node));
    }
    let state = match &p.status.container_state {
        ContainerState::Running => json!({"running": {}}),
        ContainerState::Waiting(reason) => json!({"waiting": {"reason": reason}}),
        ContainerState::Terminated(reason) => json!({"terminated": {"reason": reason}}),
    };
    let statuses: Vec<Value> = p
        .spec
        .containers
        .iter()
        .map(|c| {
            let mut s = Map::new();
            s.insert("name".into(), json!(c.name));
            s.insert("image".into(), json!(c.image));
            if let Some(id) = &p.status.image_id {
                s.insert("imageID".into(), json!(id));
            }
            s.insert("ready".into(), json!(p.status.container_ready));
            s.insert("started".into(), json!(p.status.started));
            s.insert("restartCount".into(), json!(p.status.restart_count));
            s.insert("state".into(), state.clone());
            s.insert("lastState".into(), last_state(p.status.last_termination.as_ref(), 0));
            Value::Object(s)
        })
        .collect();
    let ready = if p.status.ready { "True" } else { "False" };
    let containers_ready = if p.status.container_ready { "True" } else { "False" };
    let mut status = json!({
        "phase": format!("{:?}", p.status.phase),
        "conditions": [
            {"type": "PodScheduled", "status": if p.spec.node_name.is_some() { "True" } else { "False" }},
            {"type": "Ready", "status": ready},
            {"type": "ContainersReady", "status": containers_ready},
        ],
        "containerStatuses": statuses,
    });
    if let Some(node) = &p.spec.node_name {
        let host = crate::sim::objects::host_ip(node);
        status["hostIP"] = json!(host);
        status["hostIPs"] = json!([{"ip": host}]);
    }
    if let Some(ip) = &p.status.pod_ip {
        status["podIP"] = json!(ip);
        status["podIPs"] = json!([{"ip": ip}]);
    }
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec, "status": status})
}

/// A ClusterIP Service as the apiserver serves it, defaults filled in.
pub fn service(s: &Service) -> Value {
    let ports: Vec<Value> = s
        .ports
        .iter()
        .map(|p| {
            let mut port = spec::service_port(p);
            port["protocol"] = json!(p.protocol);
            port
        })
        .collect();
    let mut spec = Map::new();
    spec.insert("clusterIP".into(), json!(s.cluster_ip));
    spec.insert("clusterIPs".into(), json!([s.cluster_ip]));
    spec.insert("internalTrafficPolicy".into(), json!("Cluster"));
    if s.cluster_ip != "None" {
        spec.insert("ipFamilies".into(), json!(["IPv4"]));
        spec.insert("ipFamilyPolicy".into(), json!("SingleStack"));
    }
    if !ports.is_empty() {
        spec.insert("ports".into(), Value::Array(ports));
    }
    if !s.selector.is_empty() {
        spec.insert("selector".into(), json!(s.selector));
    }
    spec.insert("sessionAffinity".into(), json!("None"));
    spec.insert("type".into(), json!("ClusterIP"));
    json!({
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": s.name, "namespace": "default"},
        "spec": spec,
        "status": {"loadBalancer": {}},
    })
}

/// An Ingress as the apiserver serves it.
pub fn ingress(i: &crate::sim::ingress::Ingress) -> Value {
    let mut v = spec::ingress(i);
    v["metadata"]["namespace"] = json!("default");
    v["status"] = json!({"loadBalancer": {}});
    v
}

/// What the apiserver writes into the metadata of a custom resource: its creationTimestamp (a
/// time of the run here) and its `generation` (1 when created, one more for each change of its
/// spec), which its controller's conditions observe.
fn created(v: &mut Value, at: SimTime, generation: i64) {
    v["metadata"]["creationTimestamp"] = json!(at.rfc3339());
    v["metadata"]["generation"] = json!(generation);
}

/// Every condition of `v`'s status (and of its listeners and parents) observes `generation`.
fn observed(v: &mut Value, generation: i64) {
    fn walk(v: &mut Value, generation: i64) {
        match v {
            Value::Object(m) => {
                if m.contains_key("observedGeneration") {
                    m.insert("observedGeneration".into(), json!(generation));
                }
                m.values_mut().for_each(|x| walk(x, generation));
            }
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, generation)),
            _ => {}
        }
    }
    walk(&mut v["status"], generation);
}

/// A ResourceQuota as the apiserver serves it: its `spec.hard`, and the status the quota
/// controller writes (`hard` as the spec, `used`: the pods charged to the namespace now), with
/// its creationTimestamp (a time of the run).
pub fn resource_quota(w: &World, q: &ResourceQuota) -> Value {
    let mut v = spec::resource_quota(q);
    v["metadata"]["namespace"] = json!("default");
    v["metadata"]["creationTimestamp"] = json!(q.created.rfc3339());
    let used = crate::sim::quota::pods_used(w.pods.values(), w.time());
    let hard = v["spec"]["hard"].clone();
    let used: Map<String, Value> = q.hard.keys().map(|k| (k.clone(), json!(used.to_string()))).collect();
    v["status"] = json!({"hard": hard, "used": used});
    v
}

fn condition(type_: &str, status: &str, reason: &str, message: &str, at: SimTime) -> Value {
    json!({
        "lastTransitionTime": at.rfc3339(),
        "message": message,
        "observedGeneration": 1,
        "reason": reason,
        "status": status,
        "type": type_,
    })
}

/// The address the simulator gives a Gateway: its Service's, in the Service CIDR (a simulated
/// cluster has no load balancer; on kind, cloud-provider-kind would give one of the node network).
pub fn address(g: &Gateway) -> String {
    crate::sim::service::cluster_ip_for(&format!("envoy-default-{}", g.name))
}

/// A GatewayClass with the status the simulator writes as its controller, and the finalizer it
/// puts on a class that Gateways use (held while the class is being deleted).
pub fn gateway_class(w: &World, c: &GatewayClass) -> Value {
    let mut v = spec::gateway_class(c);
    created(&mut v, c.created, c.generation);
    if let Some(at) = w.gateway.deleting.get(&c.name) {
        // A DELETE of an object with finalizers: marked, with no grace period, and kept.
        v["metadata"]["deletionGracePeriodSeconds"] = json!(0);
        v["metadata"]["deletionTimestamp"] = json!(at.rfc3339());
    }
    if w.gateway.class_in_use(&c.name) {
        v["metadata"]["finalizers"] = json!([gateway::CLASS_FINALIZER]);
    }
    let message = format!(
        "The simulator (RolloutScope) acts as the controller of every GatewayClass; here as {}",
        c.controller_name
    );
    v["status"] = json!({"conditions": [condition("Accepted", "True", "Accepted", &message, c.created)]});
    observed(&mut v, c.generation);
    v
}

/// Routes attached to a listener of `g`.
fn attached(w: &World, g: &Gateway, listener: &str) -> usize {
    w.gateway
        .routes
        .values()
        .filter(|r| {
            w.gateway.accepted(r)
                && r.spec
                    .parent_refs
                    .iter()
                    .any(|p| p.name == g.name && p.section_name.as_deref().is_none_or(|s| s == listener))
        })
        .count()
}

/// A Gateway with its status: addresses, conditions and listeners.
pub fn gateway(w: &World, g: &Gateway) -> Value {
    let mut v = spec::gateway(g);
    v["metadata"]["namespace"] = json!("default");
    // The CRD's default for a listener's `allowedRoutes`: routes of the Gateway's own namespace.
    for l in v["spec"]["listeners"].as_array_mut().into_iter().flatten() {
        l["allowedRoutes"] = json!({"namespaces": {"from": "Same"}});
    }
    created(&mut v, g.created, g.generation);
    v["status"] = match w.gateway.classes.get(&g.gateway_class_name) {
        // The CRD's default status: nobody has reconciled the Gateway.
        None => json!({"conditions": [
            condition("Accepted", "Unknown", "Pending", "Waiting for controller", SimTime::ZERO),
            condition("Programmed", "Unknown", "Pending", "Waiting for controller", SimTime::ZERO),
        ]}),
        Some(_) => {
            let listeners: Vec<Value> = g
                .listeners
                .iter()
                .map(|l| {
                    json!({
                        "attachedRoutes": attached(w, g, &l.name),
                        "conditions": [
                            condition("Accepted", "True", "Accepted", "Listener has been successfully translated", g.created),
                            condition("Programmed", "True", "Programmed", "Sending translated listener configuration to the data plane", g.created),
                            condition("ResolvedRefs", "True", "ResolvedRefs", "Listener has been successfully translated", g.created),
                        ],
                        "name": l.name,
                        "supportedKinds": [{"group": gateway::GROUP, "kind": "HTTPRoute"}],
                    })
                })
                .collect();
            json!({
                "addresses": [{"type": "IPAddress", "value": address(g)}],
                "conditions": [
                    condition("Accepted", "True", "Accepted", "The Gateway has been scheduled by the simulator", g.created),
                    condition("Programmed", "True", "Programmed", "Address assigned to the Gateway, 1/1 envoy replicas available", g.created),
                ],
                "listeners": listeners,
            })
        }
    };
    if w.gateway.classes.contains_key(&g.gateway_class_name) {
        observed(&mut v, g.generation);
    }
    v
}

/// An HTTPRoute with its status per parent.
pub fn http_route(w: &World, r: &HttpRoute) -> Value {
    let mut v = spec::http_route(r);
    v["metadata"]["namespace"] = json!("default");
    created(&mut v, r.created, r.generation);
    let missing: Vec<&str> = r.services().filter(|s| !w.services.contains_key(*s)).collect();
    let other_kind =
        r.spec.rules.iter().flat_map(|rule| &rule.backend_refs).find(|b| !b.group.is_empty() || b.kind != "Service");
    // One condition, one reason: `InvalidKind` first, then `BackendNotFound`.
    let resolved = match (other_kind, missing.first()) {
        (Some(b), _) => condition(
            "ResolvedRefs",
            "False",
            "InvalidKind",
            &format!("Group {:?} and kind {:?} of backendRef {} are not supported", b.group, b.kind, b.name),
            r.created,
        ),
        (None, Some(s)) => {
            condition("ResolvedRefs", "False", "BackendNotFound", &format!("Service default/{s} not found"), r.created)
        }
        (None, None) => condition(
            "ResolvedRefs",
            "True",
            "ResolvedRefs",
            "Resolved all the Object references for the Route",
            r.created,
        ),
    };
    let parents: Vec<Value> = r
        .spec
        .parent_refs
        .iter()
        .filter_map(|p| {
            let g = w.gateway.gateways.get(&p.name)?;
            let class = w.gateway.classes.get(&g.gateway_class_name)?;
            let accepted = if w.gateway.accepted(r) {
                condition("Accepted", "True", "Accepted", "Route is accepted", r.created)
            } else {
                condition(
                    "Accepted",
                    "False",
                    "NoMatchingListenerHostname",
                    "There were no hostname intersections between the HTTPRoute and this parent ref's Listener(s).",
                    r.created,
                )
            };
            Some(json!({
                "conditions": [accepted, resolved.clone()],
                "controllerName": class.controller_name,
                "parentRef": p,
            }))
        })
        .collect();
    v["status"] = json!({"parents": parents});
    // The controller has seen every generation of the spec: its conditions say which.
    v["metadata"]["generation"] = json!(r.generation);
    for parent in v["status"]["parents"].as_array_mut().into_iter().flatten() {
        for c in parent["conditions"].as_array_mut().into_iter().flatten() {
            c["observedGeneration"] = json!(r.generation);
        }
    }
    v
}
