//! `kubectl get … -o yaml|json`: the live objects as the API serves them (the fields the
//! simulator models). The run has no wall clock, so no timestamps are written.

use serde_json::{json, Map, Value};

use crate::scenario_file::{containers, deployment as deployment_spec, pod_template};
use crate::sim::objects::{ConditionStatus, ContainerState, Deployment, Pod, ReplicaSet};
use crate::sim::service::Service;

/// A condition's status as the API writes it.
pub(crate) fn status_word(s: ConditionStatus) -> &'static str {
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

pub fn deployment(d: &Deployment) -> Value {
    let mut v = deployment_spec(d);
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
    spec.insert("template".into(), pod_template(&rs.spec.template));
    json!({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": meta, "spec": spec, "status": status})
}

pub fn pod(p: &Pod) -> Value {
    let meta = metadata(&p.metadata, "ReplicaSet", "apps/v1");
    let mut spec = Map::new();
    spec.insert("containers".into(), Value::Array(containers(&p.spec.containers)));
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
            s.insert("ready".into(), json!(p.status.ready));
            s.insert("started".into(), json!(p.status.started));
            s.insert("restartCount".into(), json!(p.status.restart_count));
            s.insert("state".into(), state.clone());
            Value::Object(s)
        })
        .collect();
    let ready = if p.status.ready { "True" } else { "False" };
    let status = json!({
        "phase": format!("{:?}", p.status.phase),
        "conditions": [
            {"type": "PodScheduled", "status": if p.spec.node_name.is_some() { "True" } else { "False" }},
            {"type": "Ready", "status": ready},
            {"type": "ContainersReady", "status": ready},
        ],
        "containerStatuses": statuses,
    });
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec, "status": status})
}

/// A ClusterIP Service as the apiserver serves it, defaults filled in.
pub fn service(s: &Service) -> Value {
    let ports: Vec<Value> = s
        .ports
        .iter()
        .map(|p| {
            let mut port = crate::scenario_file::service_port(p);
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

pub fn ingress(i: &crate::sim::ingress::Ingress) -> Value {
    let mut v = crate::scenario_file::ingress(i);
    v["metadata"]["namespace"] = json!("default");
    v["status"] = json!({"loadBalancer": {}});
    v
}

/// One object, or several as kubectl lists them.
pub fn print(mut objects: Vec<Value>, single: bool, yaml: bool) -> String {
    let value = if single && objects.len() == 1 {
        objects.remove(0)
    } else {
        json!({"apiVersion": "v1", "kind": "List", "items": objects, "metadata": {"resourceVersion": ""}})
    };
    if yaml {
        crate::yaml::to_string(&value).trim_end().to_string()
    } else {
        // kubectl indents JSON by four spaces.
        let mut out = Vec::new();
        let mut ser =
            serde_json::Serializer::with_formatter(&mut out, serde_json::ser::PrettyFormatter::with_indent(b"    "));
        let _ = serde::Serialize::serialize(&value, &mut ser);
        String::from_utf8(out).unwrap_or_default()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use k8s_openapi::api::apps::v1::{Deployment as K8sDeployment, ReplicaSet as K8sReplicaSet};
    use k8s_openapi::api::core::v1::Pod as K8sPod;
    use serde_json::Value;

    use crate::sim::run::http_go;
    use crate::sim::SimTime;

    fn answer(w: &crate::sim::World, line: &str) -> String {
        super::super::read_line(w, line).expect("get reads").unwrap()
    }

    /// The items of the `kind: List` kubectl prints for several objects, as the API's type.
    fn items<T: serde::de::DeserializeOwned>(list: Value) -> Vec<T> {
        assert_eq!((list["apiVersion"].as_str(), list["kind"].as_str()), (Some("v1"), Some("List")));
        serde_json::from_value(list["items"].clone()).unwrap()
    }

    /// What `-o yaml` and `-o json` print reads back as the API's own types, with the state the
    /// tables show.
    #[test]
    fn yaml_and_json_are_the_apis_objects() {
        let mut w = http_go(1);
        for intent in super::super::parse("scale deployment/http-go --replicas=5").unwrap() {
            w.schedule(SimTime::from_secs(20), intent);
        }
        w.run_until(SimTime::from_secs(23));
        let d: K8sDeployment = serde_yaml_ng::from_str(&answer(&w, "get deployment http-go -o yaml")).unwrap();
        let spec = d.spec;
        assert_eq!(spec.replicas, Some(5));
        let status = d.status.unwrap();
        let ours = &w.deployments["http-go"].status;
        assert_eq!(
            (status.replicas, status.ready_replicas, status.available_replicas),
            (Some(ours.replicas), Some(ours.ready_replicas), Some(ours.available_replicas))
        );
        assert!(status.conditions.unwrap().iter().any(|c| c.type_.as_deref() == Some("Available")));
        let json: K8sDeployment = serde_json::from_str(&answer(&w, "get deploy http-go -o json")).unwrap();
        assert_eq!(json.metadata.name.as_deref(), Some("http-go"));
        assert!(answer(&w, "get deploy http-go -o json").starts_with("{\n    \"apiVersion\": \"apps/v1\""));

        let rss: Vec<K8sReplicaSet> = items(serde_yaml_ng::from_str(&answer(&w, "get rs -o yaml")).unwrap());
        assert_eq!(rss.len(), w.replica_sets.len());
        let owner = &rss[0].metadata.owner_references.as_ref().unwrap()[0];
        assert_eq!((owner.kind.as_str(), owner.name.as_str()), ("Deployment", "http-go"));

        let pods: Vec<K8sPod> = items(serde_json::from_str(&answer(&w, "get pods -o json")).unwrap());
        assert_eq!(pods.len(), w.pods.len());
        for (p, ours) in pods.iter().zip(w.pods.values()) {
            let status = p.status.as_ref().unwrap();
            let ready = status.conditions.as_ref().unwrap().iter().find(|c| c.type_ == "Ready").unwrap();
            assert_eq!(ready.status, if ours.status.ready { "True" } else { "False" });
            assert_eq!(p.spec.as_ref().unwrap().node_name, ours.spec.node_name);
        }
        let none: Vec<K8sPod> = items(serde_yaml_ng::from_str(&answer(&w, "get pods -l app=none -o yaml")).unwrap());
        assert!(none.is_empty());
    }

    #[test]
    fn a_service_is_the_apis_object() {
        let w = crate::setup::Knobs::default().scenario(1).world();
        let svc: k8s_openapi::api::core::v1::Service =
            serde_yaml_ng::from_str(&answer(&w, "get svc http-go -o yaml")).unwrap();
        let spec = svc.spec.unwrap();
        assert_eq!(spec.cluster_ip, Some(w.services["http-go"].cluster_ip.clone()));
        assert_eq!(spec.type_.as_deref(), Some("ClusterIP"));
        let port = &spec.ports.unwrap()[0];
        assert_eq!((port.port, port.protocol.as_deref()), (80, Some("TCP")));
        assert_eq!(port.target_port, Some(k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(8080)));
        assert_eq!(spec.selector, Some(w.services["http-go"].selector.clone()));
    }
}
