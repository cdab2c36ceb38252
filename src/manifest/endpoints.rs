//! A Service's EndpointSlice (`discovery.k8s.io/v1`) and Endpoints (`v1`), as the control plane's
//! controllers write them from the engine's [`Service`] and pods, with the times of the run (as
//! [`super::live`] writes objects; [`super::served`] adds uids and the calendar).
//!
//! - The EndpointSlice controller (kubernetes/kubernetes `pkg/controller/endpointslice`, its
//!   reconciler in `staging/src/k8s.io/endpointslice`) writes one slice per Service that has a
//!   selector (up to 100 endpoints in it, more than a run has), named by `generateName`
//!   (`<service>-` and five random characters: here the Service's name picks them), labelled
//!   `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by`. Each endpoint
//!   is a selected pod with an IP that has not finished, terminating or not
//!   (`ShouldPodBeInEndpoints`), with the conditions of [`Endpoint::of`], its node and its pod
//!   (`targetRef`); its ports are the Service's, each with the pod's port its `targetPort`
//!   names (`FindPort`; a port it cannot find is left out). A Service with no such pod has a
//!   placeholder slice, without endpoints or ports.
//! - The Endpoints controller (`pkg/controller/endpoint`) writes one Endpoints object per
//!   Service with a selector, named as the Service, labelled
//!   `endpoints.kubernetes.io/managed-by: endpoint-controller`, without an owner: its ready pods
//!   under `addresses`, the others under `notReadyAddresses`, terminating pods left out
//!   (`publishNotReadyAddresses` is not set: the simulator refuses a Service that sets it), the
//!   addresses sorted by IP (`RepackSubsets`).
//!
//! A real cluster lists a slice's endpoints in its informer's order; here they are in pod name
//! order, the engine's.

use serde_json::{json, Map, Value};

use crate::sim::objects::Pod;
use crate::sim::service::{Endpoint, Service, ServicePort};
use crate::sim::World;

/// The label that ties an EndpointSlice to its Service (`discovery.LabelServiceName`).
pub const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";
/// The label naming the controller that manages a slice (`discovery.LabelManagedBy`).
pub const MANAGED_BY_LABEL: &str = "endpointslice.kubernetes.io/managed-by";
/// The EndpointSlice controller's name in that label.
pub const MANAGED_BY: &str = "endpointslice-controller.k8s.io";

/// The label the Endpoints controller puts on what it writes (`LabelManagedBy` and
/// `ControllerName`, `pkg/controller/endpoint`); an Endpoints has no owner reference.
pub const ENDPOINTS_MANAGED_BY_LABEL: &str = "endpoints.kubernetes.io/managed-by";
pub const ENDPOINTS_MANAGED_BY: &str = "endpoint-controller";

/// The name of a Service's EndpointSlice: `<service>-` and five characters of the alphabet
/// `utilrand.String` draws from (no vowels, no confusable digits), here picked by the Service's
/// name (FNV-1a), so that a run's slice has the same name on every run and seed. Like
/// `generateName`, the prefix is cut to leave room for the five characters in 63.
pub fn slice_name(service: &str) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut hash =
        service.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    let mut suffix = String::with_capacity(5);
    for _ in 0..5 {
        suffix.push(char::from(ALPHABET[(hash % ALPHABET.len() as u64) as usize]));
        hash /= ALPHABET.len() as u64;
    }
    let prefix: String = format!("{service}-").chars().take(58).collect();
    format!("{prefix}{suffix}")
}

/// The label both controllers add for a headless Service (`v1.IsHeadlessService`).
pub const HEADLESS_LABEL: &str = "service.kubernetes.io/headless";

/// A controller's labels for an object of `s` (the simulator's Services carry no labels of their
/// own, which the controllers would copy), with `service.kubernetes.io/headless` for a headless
/// Service.
fn labels(s: &Service, own: &[(&str, &str)]) -> Value {
    let mut m: Map<String, Value> = own.iter().map(|(k, v)| ((*k).to_string(), json!(v))).collect();
    if s.cluster_ip == "None" {
        m.insert(HEADLESS_LABEL.into(), json!(""));
    }
    Value::Object(m)
}

/// The port of `pod` a Service port's `targetPort` names (`podutil.FindPort`): a number as it
/// is; a name, the container port of that name (the engine's containers have one unnamed port,
/// 8080, so a name finds none).
fn find_port(_pod: &Pod, port: &ServicePort) -> Option<i32> {
    port.target_port.parse().ok()
}

/// The EndpointSlice of `s` now, as the EndpointSlice controller writes it; `None` for a Service
/// without a selector (the controller manages no slice for it).
pub fn endpoint_slice(w: &World, s: &Service) -> Option<Value> {
    if s.selector.is_empty() {
        return None;
    }
    let pods: Vec<(&Endpoint, &Pod)> = s.slice.iter().filter_map(|e| w.pods.get(&e.pod).map(|p| (e, p))).collect();
    let endpoints: Vec<Value> = pods.iter().map(|(e, p)| slice_endpoint(e, p)).collect();
    let ports: Vec<Value> = pods
        .first()
        .map(|(_, pod)| {
            s.ports
                .iter()
                .filter_map(|sp| {
                    find_port(pod, sp).map(|n| json!({"name": sp.name, "port": n, "protocol": sp.protocol}))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut v = Map::new();
    v.insert("addressType".into(), json!("IPv4"));
    v.insert("apiVersion".into(), json!("discovery.k8s.io/v1"));
    // A placeholder slice has `endpoints: null` (the field has no omitempty) and no ports.
    v.insert("endpoints".into(), if endpoints.is_empty() { Value::Null } else { Value::Array(endpoints) });
    v.insert("kind".into(), json!("EndpointSlice"));
    v.insert(
        "metadata".into(),
        json!({
            "creationTimestamp": s.created.rfc3339(),
            "generateName": format!("{}-", s.name),
            "labels": labels(s, &[(MANAGED_BY_LABEL, MANAGED_BY), (SERVICE_NAME_LABEL, &s.name)]),
            "name": slice_name(&s.name),
            "namespace": "default",
            "ownerReferences": [{"apiVersion": "v1", "blockOwnerDeletion": true, "controller": true, "kind": "Service", "name": s.name}],
        }),
    );
    if !ports.is_empty() {
        v.insert("ports".into(), Value::Array(ports));
    }
    Some(Value::Object(v))
}

/// One endpoint of a slice: the pod's IP, the conditions, its node and its pod.
fn slice_endpoint(e: &Endpoint, p: &Pod) -> Value {
    let mut v = Map::new();
    v.insert("addresses".into(), json!([p.status.pod_ip]));
    v.insert("conditions".into(), json!({"ready": e.ready, "serving": e.serving, "terminating": e.terminating}));
    if let Some(node) = &p.spec.node_name {
        v.insert("nodeName".into(), json!(node));
    }
    v.insert("targetRef".into(), target_ref(p));
    Value::Object(v)
}

/// A reference to the pod behind an address (its uid is written by [`super::served`]).
fn target_ref(p: &Pod) -> Value {
    json!({"kind": "Pod", "name": p.metadata.name, "namespace": "default"})
}

/// The Endpoints of `s` now, as the Endpoints controller writes it; `None` for a Service
/// without a selector.
pub fn endpoints(w: &World, s: &Service) -> Option<Value> {
    if s.selector.is_empty() {
        return None;
    }
    // Terminating pods are left out of Endpoints (unless publishNotReadyAddresses is set).
    let pods: Vec<&Pod> = s.slice.iter().filter(|e| !e.terminating).filter_map(|e| w.pods.get(&e.pod)).collect();
    let address = |p: &Pod| {
        let mut a = Map::new();
        a.insert("ip".into(), json!(p.status.pod_ip));
        if let Some(node) = &p.spec.node_name {
            a.insert("nodeName".into(), json!(node));
        }
        a.insert("targetRef".into(), target_ref(p));
        Value::Object(a)
    };
    let mut subsets = Vec::new();
    let ports: Vec<Value> = pods
        .first()
        .map(|pod| {
            s.ports
                .iter()
                .filter_map(|sp| {
                    find_port(pod, sp).map(|n| {
                        let mut port = Map::new();
                        if !sp.name.is_empty() {
                            port.insert("name".into(), json!(sp.name));
                        }
                        port.insert("port".into(), json!(n));
                        port.insert("protocol".into(), json!(sp.protocol));
                        Value::Object(port)
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    // A headless Service without ports still lists its addresses (`addEndpointSubset` with no port).
    let headless_without_ports = s.cluster_ip == "None" && s.ports.is_empty();
    if !pods.is_empty() && (!ports.is_empty() || headless_without_ports) {
        let by_ip = |pods: Vec<&&Pod>| {
            let mut pods = pods;
            pods.sort_by(|a, b| a.status.pod_ip.cmp(&b.status.pod_ip));
            pods.into_iter().map(|p| address(p)).collect::<Vec<Value>>()
        };
        let ready = by_ip(pods.iter().filter(|p| p.status.ready).collect());
        let not_ready = by_ip(pods.iter().filter(|p| !p.status.ready).collect());
        let mut subset = Map::new();
        if !ready.is_empty() {
            subset.insert("addresses".into(), Value::Array(ready));
        }
        if !not_ready.is_empty() {
            subset.insert("notReadyAddresses".into(), Value::Array(not_ready));
        }
        if !ports.is_empty() {
            subset.insert("ports".into(), Value::Array(ports));
        }
        subsets.push(Value::Object(subset));
    }
    let mut v = json!({
        "apiVersion": "v1",
        "kind": "Endpoints",
        "metadata": {
            "creationTimestamp": s.created.rfc3339(),
            "labels": labels(s, &[(ENDPOINTS_MANAGED_BY_LABEL, ENDPOINTS_MANAGED_BY)]),
            "name": s.name,
            "namespace": "default",
        },
    });
    if !subsets.is_empty() {
        v["subsets"] = Value::Array(subsets);
    }
    Some(v)
}

/// `formatDiscoveryPorts` and `formatDiscoveryEndpoints` with `listWithMoreString`
/// (kubernetes/kubernetes `pkg/printers/internalversion/printers.go`): the first three, then
/// `+ N more...`; `<unset>` for none.
fn list_with_more(items: Vec<String>) -> String {
    const MAX: usize = 3;
    let count = items.len();
    let ret = items.into_iter().take(MAX).collect::<Vec<_>>().join(",");
    if count > MAX {
        format!("{ret} + {} more...", count - MAX)
    } else if ret.is_empty() {
        "<unset>".into()
    } else {
        ret
    }
}

/// The cells `printEndpointSlice` writes for a slice, but AGE: NAME, ADDRESSTYPE, PORTS,
/// ENDPOINTS.
pub fn slice_cells(v: &Value) -> [String; 4] {
    let ports = v["ports"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| match (p["port"].as_i64(), p["name"].as_str()) {
            (Some(n), _) => n.to_string(),
            (None, Some(name)) => name.to_string(),
            (None, None) => "*".into(),
        })
        .collect();
    let addresses = v["endpoints"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|e| e["addresses"].as_array().into_iter().flatten())
        .map(|a| a.as_str().unwrap_or_default().to_string())
        .collect();
    [
        v["metadata"]["name"].as_str().unwrap_or_default().to_string(),
        v["addressType"].as_str().unwrap_or_default().to_string(),
        list_with_more(ports),
        list_with_more(addresses),
    ]
}

/// The ENDPOINTS cell `printEndpoints` writes (`formatEndpoints` for every port): `IP:PORT` of
/// the ready addresses, three at most then `+ N more...`; `<none>` without subsets.
pub fn endpoints_cell(v: &Value) -> String {
    let Some(subsets) = v["subsets"].as_array().filter(|s| !s.is_empty()) else { return "<none>".into() };
    const MAX: usize = 3;
    let (mut list, mut count) = (Vec::new(), 0);
    for ss in subsets {
        let addresses = ss["addresses"].as_array().map_or(&[][..], Vec::as_slice);
        let ports = ss["ports"].as_array().map_or(&[][..], Vec::as_slice);
        if ports.is_empty() {
            count += addresses.len();
            list.extend(addresses.iter().map(|a| a["ip"].as_str().unwrap_or_default().to_string()));
            continue;
        }
        for port in ports {
            count += addresses.len();
            let n = port["port"].as_i64().unwrap_or_default();
            list.extend(addresses.iter().map(|a| format!("{}:{n}", a["ip"].as_str().unwrap_or_default())));
        }
    }
    let more = list.len() > MAX;
    list.truncate(MAX);
    let ret = list.join(",");
    if more {
        format!("{ret} + {} more...", count - MAX)
    } else {
        ret
    }
}

/// The `Endpoints:` of `kubectl describe service` for the port named `port` (kubectl's
/// `formatEndpointSlices`): `IP:PORT` of each ready endpoint of the slices' ports of that name,
/// three at most then `+ N more...`; `<none>` without slices.
pub fn describe_endpoints(slices: &[Value], port: &str) -> String {
    if slices.is_empty() {
        return "<none>".into();
    }
    const MAX: usize = 3;
    let (mut list, mut more, mut count) = (Vec::<String>::new(), false, 0);
    for slice in slices {
        let endpoints = slice["endpoints"].as_array().map_or(&[][..], Vec::as_slice);
        let ready = |e: &Value| e["conditions"]["ready"].as_bool().unwrap_or(true);
        let first = |e: &Value| e["addresses"][0].as_str().unwrap_or_default().to_string();
        match slice["ports"].as_array().filter(|p| !p.is_empty()) {
            None => {
                for e in endpoints {
                    more |= list.len() == MAX;
                    if !ready(e) {
                        continue;
                    }
                    if !more {
                        list.push(first(e));
                    }
                    count += 1;
                }
            }
            Some(ports) => {
                for p in ports.iter().filter(|p| p["name"].as_str().unwrap_or_default() == port) {
                    for e in endpoints {
                        more |= list.len() == MAX;
                        if !ready(e) {
                            continue;
                        }
                        if !more {
                            list.push(format!("{}:{}", first(e), p["port"].as_i64().unwrap_or_default()));
                        }
                        count += 1;
                    }
                }
            }
        }
    }
    let ret = list.join(",");
    if more {
        format!("{ret} + {} more...", count - MAX)
    } else {
        ret
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimTime;

    #[test]
    fn a_services_slice_and_endpoints_follow_its_pods_conditions() {
        let mut w = crate::kubectl::test_run();
        w.run_until(SimTime::from_secs(60));
        let s = w.services["http-go"].clone();
        let slice = endpoint_slice(&w, &s).unwrap();
        assert_eq!(slice["metadata"]["name"], slice_name("http-go"));
        assert!(slice_name("http-go").starts_with("http-go-") && slice_name("http-go").len() == 13);
        assert_eq!(slice["metadata"]["labels"][SERVICE_NAME_LABEL], "http-go");
        assert_eq!(slice["ports"], json!([{"name": "", "port": 8080, "protocol": "TCP"}]));
        let listed = slice["endpoints"].as_array().unwrap();
        assert_eq!(listed.len(), 4);
        assert!(listed
            .iter()
            .all(|e| e["conditions"] == json!({"ready": true, "serving": true, "terminating": false})));
        // A deleted pod: out of v1 Endpoints, in the slice as terminating (serving while Ready).
        let pod = s.slice[0].pod.clone();
        // Its preStop hook sleeps 5 s, its readiness probe still passing.
        w.pods.get_mut(&pod).unwrap().spec.containers[0].pre_stop_sleep_seconds = Some(5);
        w.apply(crate::kubectl::parse(&format!("delete pod {pod}")).unwrap().remove(0)).unwrap();
        w.run_until(SimTime::from_millis(60_200));
        let s = w.services["http-go"].clone();
        let slice = endpoint_slice(&w, &s).unwrap();
        let deleted =
            slice["endpoints"].as_array().unwrap().iter().find(|e| e["targetRef"]["name"] == pod.as_str()).unwrap();
        assert_eq!(deleted["conditions"], json!({"ready": false, "serving": true, "terminating": true}));
        let ep = endpoints(&w, &s).unwrap();
        let listed = |key: &str| ep["subsets"][0][key].as_array().map_or(0, Vec::len);
        assert!(!ep.to_string().contains(&pod));
        assert_eq!(listed("addresses") + listed("notReadyAddresses"), 3 + usize::from(s.slice.len() == 5));
        // A headless Service's objects are labelled so.
        let mut headless = s.clone();
        headless.cluster_ip = "None".into();
        assert_eq!(endpoint_slice(&w, &headless).unwrap()["metadata"]["labels"][HEADLESS_LABEL], "");
        assert_eq!(endpoints(&w, &headless).unwrap()["metadata"]["labels"][HEADLESS_LABEL], "");
        // No selector, no controller: neither object.
        headless.selector.clear();
        assert!(endpoint_slice(&w, &headless).is_none() && endpoints(&w, &headless).is_none());
    }
}
