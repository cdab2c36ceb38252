//! What `serve` answers: discovery, the objects as the apiserver writes them (calendar times,
//! uids, owners' uids), lists, Tables with kubectl's columns, and `Status` errors in the
//! apiserver's words.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    APIGroup, APIGroupList, APIResource, APIResourceList, APIVersions, GroupVersionForDiscovery,
    ServerAddressByClientCIDR, Status,
};
use serde_json::{json, Value};

use crate::kubectl::read::{self, Requirement};
use crate::kubectl::Kind;
use crate::manifest::{live, served};
use crate::sim::{SimTime, World};

/// The resources served.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Res {
    Deployment,
    ReplicaSet,
    Pod,
    Service,
    Event,
    Node,
    Namespace,
    GatewayClass,
    Gateway,
    HttpRoute,
    ResourceQuota,
    EndpointSlice,
    Endpoints,
    /// The same Events as `Event`, in the `events.k8s.io/v1` schema (one object, two APIs).
    EventV1,
}

/// The Gateway API's group/version: its kinds are CustomResourceDefinitions on a real cluster.
const GATEWAY_GV: &str = "gateway.networking.k8s.io/v1";
/// EndpointSlices' group/version.
const DISCOVERY_GV: &str = "discovery.k8s.io/v1";
/// The newer Events API's group/version.
const EVENTS_GV: &str = "events.k8s.io/v1";

/// What the apiserver (1.33 and later) sends with every answer on v1 Endpoints, as a `Warning`
/// header (`299 - "…"`), and kubectl prints as `Warning: …` on stderr (KEP-4974).
pub const ENDPOINTS_WARNING: &str = "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice";

impl Res {
    /// (plural, kind, group/version, namespaced, short names)
    fn info(self) -> (&'static str, &'static str, &'static str, bool, &'static [&'static str]) {
        match self {
            Res::Deployment => ("deployments", "Deployment", "apps/v1", true, &["deploy"]),
            Res::ReplicaSet => ("replicasets", "ReplicaSet", "apps/v1", true, &["rs"]),
            Res::Pod => ("pods", "Pod", "v1", true, &["po"]),
            Res::Service => ("services", "Service", "v1", true, &["svc"]),
            Res::Event => ("events", "Event", "v1", true, &["ev"]),
            Res::Node => ("nodes", "Node", "v1", false, &["no"]),
            Res::Namespace => ("namespaces", "Namespace", "v1", false, &["ns"]),
            Res::ResourceQuota => ("resourcequotas", "ResourceQuota", "v1", true, &["quota"]),
            // The CRDs' names (kubernetes-sigs/gateway-api, config/crd/standard).
            Res::GatewayClass => ("gatewayclasses", "GatewayClass", GATEWAY_GV, false, &["gc"]),
            Res::Gateway => ("gateways", "Gateway", GATEWAY_GV, true, &["gtw"]),
            Res::HttpRoute => ("httproutes", "HTTPRoute", GATEWAY_GV, true, &[]),
            Res::EndpointSlice => ("endpointslices", "EndpointSlice", DISCOVERY_GV, true, &[]),
            Res::Endpoints => ("endpoints", "Endpoints", "v1", true, &["ep"]),
            Res::EventV1 => ("events", "Event", EVENTS_GV, true, &["ev"]),
        }
    }

    const ALL: [Res; 14] = [
        Res::Deployment,
        Res::ReplicaSet,
        Res::Pod,
        Res::Service,
        Res::Event,
        Res::Node,
        Res::Namespace,
        Res::GatewayClass,
        Res::Gateway,
        Res::HttpRoute,
        Res::ResourceQuota,
        Res::EndpointSlice,
        Res::Endpoints,
        Res::EventV1,
    ];

    /// Whether the resource is a custom resource (its Table from the CRD's printer columns).
    fn custom(self) -> bool {
        matches!(self, Res::GatewayClass | Res::Gateway | Res::HttpRoute)
    }

    /// Whether a Table's cells are made from the object as served, when it is sent.
    fn cells_from_object(self) -> bool {
        self.custom() || matches!(self, Res::ResourceQuota | Res::EndpointSlice | Res::Endpoints)
    }

    /// The `Warning` the apiserver sends with every answer on the resource.
    pub fn warning(self) -> Option<&'static str> {
        (self == Res::Endpoints).then_some(ENDPOINTS_WARNING)
    }

    /// `deployments.apps`, `pods`: as the apiserver names the resource in its errors.
    pub fn qualified(self) -> String {
        let (plural, _, gv, _, _) = self.info();
        match gv.split_once('/') {
            Some((group, _)) => format!("{plural}.{group}"),
            None => plural.to_string(),
        }
    }

    fn kind(self) -> Option<Kind> {
        match self {
            Res::Deployment => Some(Kind::Deployment),
            Res::ReplicaSet => Some(Kind::ReplicaSet),
            Res::Pod => Some(Kind::Pod),
            Res::Service => Some(Kind::Service),
            _ => None,
        }
    }

    /// A uid's first group, per kind, so that objects of two kinds never share one.
    fn uid_prefix(self) -> u32 {
        0x7a11_0000 + self as u32
    }
}

/// The kind and apiVersion of `res`'s objects.
pub fn kind_of(res: Res) -> (&'static str, &'static str) {
    let (_, kind, gv, _, _) = res.info();
    (kind, gv)
}

/// A path of the API: the resource, and the object's name and subresource if any.
pub struct Route {
    pub res: Res,
    pub name: Option<String>,
    pub sub: Option<String>,
}

/// Reads `/apis/apps/v1/namespaces/default/deployments/NAME/scale` and the like.
pub fn route(path: &str) -> Option<Route> {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let (gv, rest) = match parts.as_slice() {
        ["api", "v1", rest @ ..] => ("v1", rest),
        ["apis", "apps", "v1", rest @ ..] => ("apps/v1", rest),
        ["apis", "gateway.networking.k8s.io", "v1", rest @ ..] => (GATEWAY_GV, rest),
        ["apis", "discovery.k8s.io", "v1", rest @ ..] => (DISCOVERY_GV, rest),
        ["apis", "events.k8s.io", "v1", rest @ ..] => (EVENTS_GV, rest),
        _ => return None,
    };
    let (namespaced, rest) = match rest {
        ["namespaces", "default", plural, rest @ ..] => (true, [&[*plural], rest].concat()),
        ["namespaces", _, _, ..] => return None,
        rest => (false, rest.to_vec()),
    };
    let plural = *rest.first()?;
    let res = Res::ALL.into_iter().find(|r| {
        let (p, _, g, n, _) = r.info();
        p == plural && g == gv && (n || !namespaced)
    })?;
    Some(Route { res, name: rest.get(1).map(|s| (*s).to_string()), sub: rest.get(2).map(|s| (*s).to_string()) })
}

/// The percent-decoded query (`labelSelector=app%3Dhttp-go`).
pub fn query(q: &str) -> BTreeMap<String, String> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match u8::from_str_radix(&s[i + 1..i + 3], 16) {
                Ok(b) => {
                    out.push(b);
                    i += 2;
                }
                Err(_) => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `/version`, `/api`, `/apis`, `/api/v1`, `/apis/apps/v1`, `/apis/discovery.k8s.io/v1`,
/// `/apis/gateway.networking.k8s.io/v1`.
pub fn discovery(path: &str) -> Option<Value> {
    let v = |x: &dyn erased::Ser| x.value();
    match path {
        "/version" => Some(json!({
            "major": "1", "minor": "37", "gitVersion": "v1.37.1+rolloutscope", "gitCommit": "", "gitTreeState": "clean",
            "buildDate": "", "goVersion": "", "compiler": "rolloutscope", "platform": "simulated",
        })),
        "/api" => Some(v(&APIVersions {
            versions: vec!["v1".into()],
            server_address_by_client_cidrs: vec![ServerAddressByClientCIDR {
                client_cidr: "0.0.0.0/0".into(),
                server_address: "127.0.0.1".into(),
            }],
        })),
        "/apis" => {
            let group = |name: &str, gv: &str| {
                let version = GroupVersionForDiscovery { group_version: gv.into(), version: "v1".into() };
                APIGroup {
                    name: name.into(),
                    preferred_version: Some(version.clone()),
                    server_address_by_client_cidrs: None,
                    versions: vec![version],
                }
            };
            Some(v(&APIGroupList {
                groups: vec![
                    group("apps", "apps/v1"),
                    group("discovery.k8s.io", DISCOVERY_GV),
                    group("events.k8s.io", EVENTS_GV),
                    group("gateway.networking.k8s.io", GATEWAY_GV),
                ],
            }))
        }
        "/api/v1" => Some(resources("v1")),
        "/apis/apps/v1" => Some(resources("apps/v1")),
        "/apis/gateway.networking.k8s.io/v1" => Some(resources(GATEWAY_GV)),
        "/apis/discovery.k8s.io/v1" => Some(resources(DISCOVERY_GV)),
        "/apis/events.k8s.io/v1" => Some(resources(EVENTS_GV)),
        _ => None,
    }
}

/// Serialises the API's types with their `kind` and `apiVersion`.
mod erased {
    pub trait Ser {
        fn value(&self) -> serde_json::Value;
    }
    impl<T: k8s_openapi::Resource + serde::Serialize> Ser for T {
        fn value(&self) -> serde_json::Value {
            let mut v = serde_json::to_value(self).unwrap_or_default();
            v["kind"] = T::KIND.into();
            v["apiVersion"] = T::API_VERSION.into();
            v
        }
    }
}

fn resources(gv: &str) -> Value {
    use erased::Ser;
    let verbs = |list: &[&str]| list.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
    let mut list = Vec::new();
    for r in Res::ALL {
        let (plural, kind, g, namespaced, short) = r.info();
        if g != gv {
            continue;
        }
        let categories = match r {
            Res::Deployment | Res::ReplicaSet | Res::Pod | Res::Service => Some(verbs(&["all"])),
            _ if r.custom() => Some(verbs(&["gateway-api"])),
            _ => None,
        };
        list.push(APIResource {
            name: plural.into(),
            singular_name: kind.to_lowercase(),
            namespaced,
            kind: kind.into(),
            verbs: verbs(served_verbs(r)),
            short_names: (!short.is_empty()).then(|| verbs(short)),
            categories,
            ..Default::default()
        });
        let sub = |name: &str, kind: &str, group: Option<&str>, version: Option<&str>| APIResource {
            name: format!("{plural}/{name}"),
            namespaced,
            kind: kind.into(),
            group: group.map(String::from),
            version: version.map(String::from),
            verbs: verbs(&["get", "patch", "update"]),
            ..Default::default()
        };
        if matches!(r, Res::Deployment | Res::ReplicaSet) {
            list.push(sub("scale", "Scale", Some("autoscaling"), Some("v1")));
            list.push(sub("status", kind, None, None));
        }
        if r == Res::Pod || r == Res::ResourceQuota || r.custom() {
            list.push(sub("status", kind, None, None));
        }
    }
    APIResourceList { group_version: gv.into(), resources: list }.value()
}

/// A `Status` failure, as the apiserver sends it.
pub fn status(code: u16, reason: &str, message: &str) -> Value {
    use erased::Ser;
    let mut s = Status {
        status: Some(if code < 300 { "Success" } else { "Failure" }.into()),
        message: (!message.is_empty()).then(|| message.to_string()),
        reason: (!reason.is_empty()).then(|| reason.to_string()),
        code: Some(i32::from(code)),
        ..Default::default()
    }
    .value();
    s["metadata"] = json!({});
    s
}

/// An `Invalid` failure with its causes, as the apiserver's `NewInvalid` sends it, read back from
/// the words kubectl prints for one (`The Deployment "x" is invalid: FIELD: DETAIL`, or a
/// `\n* FIELD: DETAIL` line a cause): kubectl builds those words again from the details (its
/// `checkErr` for `IsInvalid`), so real kubectl prints what the console prints. `None` when
/// `words` are not kubectl's for an invalid object of `res`.
pub fn invalid(res: Res, name: &str, words: &str) -> Option<Value> {
    let (_, kind, gv, _, _) = res.info();
    let rest = words.strip_prefix(&format!("The {kind} {name:?} is invalid: "))?;
    let causes: Vec<(&str, &str)> = match rest.strip_prefix("\n* ") {
        Some(many) => many.split("\n* ").map(|c| c.split_once(": ")).collect::<Option<_>>()?,
        None => vec![rest.split_once(": ")?],
    };
    let group = gv.split_once('/').map_or("", |(g, _)| g);
    let errors: Vec<String> = causes.iter().map(|(field, detail)| format!("{field}: {detail}")).collect();
    let aggregate = match errors.as_slice() {
        [one] => one.clone(),
        many => format!("[{}]", many.join(", ")),
    };
    let qualified = if group.is_empty() { kind.to_string() } else { format!("{kind}.{group}") };
    let mut s = status(422, "Invalid", &format!("{qualified} {name:?} is invalid: {aggregate}"));
    let causes: Vec<Value> = causes
        .iter()
        .map(|(field, detail)| json!({"reason": cause_reason(detail), "message": detail, "field": field}))
        .collect();
    s["details"] = json!({"name": name, "group": group, "kind": kind, "causes": causes});
    if group.is_empty() {
        s["details"].as_object_mut().map(|d| d.remove("group"));
    }
    Some(s)
}

/// A cause's `reason` (`field.ErrorType`'s `metav1.CauseType`) from the words of its detail.
fn cause_reason(detail: &str) -> &'static str {
    const REASONS: [(&str, &str); 7] = [
        ("Required value", "FieldValueRequired"),
        ("Unsupported value", "FieldValueNotSupported"),
        ("Duplicate value", "FieldValueDuplicate"),
        ("Forbidden", "FieldValueForbidden"),
        ("Too long", "FieldValueTooLong"),
        ("Too many", "FieldValueTooMany"),
        ("Not found", "FieldValueNotFound"),
    ];
    REASONS.iter().find(|(words, _)| detail.starts_with(words)).map_or("FieldValueInvalid", |(_, reason)| reason)
}

/// `deployments.apps "x" not found`, with its details.
pub fn not_found(res: Res, name: &str) -> Value {
    let mut s = status(404, "NotFound", &format!("{} {name:?} not found", res.qualified()));
    let (plural, _, gv, _, _) = res.info();
    let group = gv.split_once('/').map_or("", |(g, _)| g);
    s["details"] = json!({"name": name, "group": group, "kind": plural});
    if group.is_empty() {
        s["details"].as_object_mut().map(|d| d.remove("group"));
    }
    s
}

use crate::manifest::served::calendar;

fn uid(res: Res, n: u32) -> String {
    served::uid(res.uid_prefix(), n)
}

/// Every object of the run as the API serves it (without resourceVersions), by resource and name.
pub fn all_objects(w: &World, epoch_ms: u64) -> BTreeMap<(Res, String), Value> {
    let mut out = BTreeMap::new();
    for d in w.deployments.values() {
        out.insert((Res::Deployment, d.metadata.name.clone()), served::deployment(d, epoch_ms));
    }
    for rs in w.replica_sets.values() {
        let owner = rs.metadata.owner.as_ref().and_then(|o| w.deployments.get(o));
        out.insert((Res::ReplicaSet, rs.metadata.name.clone()), served::replica_set(rs, owner, epoch_ms));
    }
    for p in w.pods.values() {
        let owner = p.metadata.owner.as_ref().and_then(|o| w.replica_sets.get(o));
        out.insert((Res::Pod, p.metadata.name.clone()), served::pod(p, owner, epoch_ms));
    }
    for (i, s) in w.services.values().enumerate() {
        out.insert((Res::Service, s.name.clone()), served::service(s, i, epoch_ms));
        if let Some(v) = served::endpoint_slice(w, s, i, epoch_ms) {
            out.insert((Res::EndpointSlice, crate::manifest::endpoints::slice_name(&s.name)), v);
        }
        if let Some(v) = served::endpoints(w, s, i, epoch_ms) {
            out.insert((Res::Endpoints, s.name.clone()), v);
        }
    }
    for (i, n) in w.nodes.values().enumerate() {
        let ready = if n.ready { "True" } else { "Unknown" };
        let v = json!({
            "apiVersion": "v1", "kind": "Node",
            "metadata": {"name": n.name, "uid": uid(Res::Node, i as u32), "creationTimestamp": calendar(epoch_ms, SimTime::ZERO),
                         "labels": {"kubernetes.io/hostname": n.name, "kubernetes.io/os": "linux"}},
            "spec": {},
            "status": {"conditions": [{"type": "Ready", "status": ready}], "nodeInfo": {"kubeletVersion": "v1.37.1"}},
        });
        out.insert((Res::Node, n.name.clone()), v);
    }
    for res in [Res::GatewayClass, Res::Gateway, Res::HttpRoute, Res::ResourceQuota] {
        out.extend(stored_objects(w, epoch_ms, res).into_iter().map(|(name, v)| ((res, name), v)));
    }
    for e in events(w, epoch_ms) {
        let name = e["metadata"]["name"].as_str().unwrap_or_default().to_string();
        out.insert((Res::EventV1, name.clone()), event_v1(&e));
        out.insert((Res::Event, name), e);
    }
    out.insert(
        (Res::Namespace, "default".into()),
        json!({"apiVersion": "v1", "kind": "Namespace",
               "metadata": {"name": "default", "uid": uid(Res::Namespace, 0), "creationTimestamp": calendar(epoch_ms, SimTime::ZERO),
                            "labels": {"kubernetes.io/metadata.name": "default"}},
               "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}),
    );
    out
}

/// The Gateway API objects or ResourceQuotas as the apiserver stores them, by name: the
/// console's objects ([`live`]) with what the apiserver adds ([`served::stored`]); the `n`th of
/// a kind by name gets the `n`th uid of the kind.
fn stored_objects(w: &World, epoch_ms: u64, res: Res) -> BTreeMap<String, Value> {
    let objects: Vec<(&String, Value)> = match res {
        Res::GatewayClass => w.gateway.classes.iter().map(|(n, c)| (n, live::gateway_class(w, c))).collect(),
        Res::Gateway => w.gateway.gateways.iter().map(|(n, g)| (n, live::gateway(w, g))).collect(),
        Res::HttpRoute => w.gateway.routes.iter().map(|(n, r)| (n, live::http_route(w, r))).collect(),
        Res::ResourceQuota => w.resource_quotas.iter().map(|(n, q)| (n, live::resource_quota(w, q))).collect(),
        _ => Vec::new(),
    };
    objects
        .into_iter()
        .enumerate()
        .map(|(i, (name, v))| (name.clone(), served::stored(v, uid(res, i as u32), epoch_ms)))
        .collect()
}

/// The Events Kubernetes keeps for the run's objects (those `describe` lists), as the recorders
/// correlated them ([`crate::manifest::events`]): an event seen again is its first Event with a
/// higher `count` and a later `lastTimestamp`. Each is named after its object and the index in
/// the trace of the event that created it.
pub fn events(w: &World, epoch_ms: u64) -> Vec<Value> {
    let log = w.events();
    let first = log.dropped();
    let recorded = crate::manifest::events::recorded(log.iter().enumerate().map(|(i, e)| (first + i, e)));
    recorded
        .into_iter()
        .map(|e| {
            let name = e.object.split_once('/').map_or("", |(_, n)| n);
            let involved_uid = match e.kind {
                "Deployment" => w.deployments.get(name).map(|d| uid(Res::Deployment, d.metadata.uid)),
                "ReplicaSet" => w.replica_sets.get(name).map(|r| uid(Res::ReplicaSet, r.metadata.uid)),
                _ => w.pods.get(name).map(|p| uid(Res::Pod, p.metadata.uid)),
            };
            let api_version = if e.kind == "Pod" { "v1" } else { "apps/v1" };
            json!({
                "apiVersion": "v1", "kind": "Event",
                "metadata": {"name": format!("{name}.{:016x}", e.first_index), "namespace": "default",
                             "uid": uid(Res::Event, u32::try_from(e.first_index).unwrap_or(u32::MAX)),
                             "creationTimestamp": calendar(epoch_ms, e.first)},
                "involvedObject": {"kind": e.kind, "namespace": "default", "name": name, "apiVersion": api_version, "uid": involved_uid.unwrap_or_default()},
                "reason": e.reason, "message": e.message,
                "source": {"component": e.component},
                "firstTimestamp": calendar(epoch_ms, e.first), "lastTimestamp": calendar(epoch_ms, e.last), "count": e.count,
                "type": if e.warning { "Warning" } else { "Normal" },
                "eventTime": null, "reportingComponent": e.component, "reportingInstance": "",
            })
        })
        .collect()
}

/// A core Event as the `events.k8s.io/v1` API serves the same object (the apiserver's
/// conversion: `regarding`, `note`, the legacy count and times as `deprecated*`).
fn event_v1(e: &Value) -> Value {
    json!({
        "apiVersion": EVENTS_GV, "kind": "Event",
        "metadata": e["metadata"],
        "eventTime": null,
        "reportingController": e["reportingComponent"],
        "reportingInstance": e["reportingInstance"],
        "action": "",
        "reason": e["reason"],
        "regarding": e["involvedObject"],
        "note": e["message"],
        "type": e["type"],
        "deprecatedSource": e["source"],
        "deprecatedFirstTimestamp": e["firstTimestamp"],
        "deprecatedLastTimestamp": e["lastTimestamp"],
        "deprecatedCount": e["count"],
    })
}

pub fn set_rv(v: &mut Value, rv: u64) {
    v["metadata"]["resourceVersion"] = json!(rv.to_string());
}

/// The same object, resourceVersion aside.
pub fn same(old: &Value, new: &Value) -> bool {
    let mut old = old.clone();
    if let Some(m) = old["metadata"].as_object_mut() {
        m.remove("resourceVersion");
    }
    old == *new
}

/// A list of `res`, as `GET` of a collection answers.
pub fn list(res: Res, items: Vec<Value>, rv: u64) -> Value {
    let (_, kind, gv, _, _) = res.info();
    json!({"apiVersion": gv, "kind": format!("{kind}List"), "metadata": {"resourceVersion": rv.to_string()}, "items": items})
}

/// The `autoscaling/v1` Scale of a Deployment or ReplicaSet.
pub fn scale(object: &Value) -> Value {
    let m = &object["metadata"];
    let selector = object["spec"]["selector"]["matchLabels"]
        .as_object()
        .map(|l| l.iter().map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default())).collect::<Vec<_>>().join(","))
        .unwrap_or_default();
    json!({
        "apiVersion": "autoscaling/v1", "kind": "Scale",
        "metadata": {"name": m["name"], "namespace": "default", "uid": m["uid"], "resourceVersion": m["resourceVersion"], "creationTimestamp": m["creationTimestamp"]},
        "spec": {"replicas": object["spec"]["replicas"]},
        "status": {"replicas": object["status"]["replicas"].as_i64().unwrap_or(0), "selector": selector},
    })
}

/// Which objects a list or watch asks for: `labelSelector` and `fieldSelector`.
pub struct Filter {
    labels: Vec<Requirement>,
    fields: Vec<(String, bool, String)>,
}

impl Filter {
    pub fn of(query: &BTreeMap<String, String>) -> Result<Filter, String> {
        let labels = read::selector(query.get("labelSelector").map(String::as_str).filter(|s| !s.is_empty()))
            .map_err(|e| e.trim_start_matches("error: ").to_string())?;
        let mut fields = Vec::new();
        for part in query.get("fieldSelector").map(String::as_str).unwrap_or("").split(',').filter(|p| !p.is_empty()) {
            let (k, eq, v) = if let Some((k, v)) = part.split_once("!=") {
                (k, false, v)
            } else if let Some((k, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
                (k, true, v)
            } else {
                return Err(format!("invalid selector: '{part}'; can't understand '{part}'"));
            };
            fields.push((format!("/{}", k.trim().replace('.', "/")), eq, v.trim().to_string()));
        }
        Ok(Filter { labels, fields })
    }

    pub fn matches(&self, object: &Value) -> bool {
        let labels: crate::sim::objects::Labels = object["metadata"]["labels"]
            .as_object()
            .map(|l| l.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect())
            .unwrap_or_default();
        read::selects(&self.labels, &labels)
            && self.fields.iter().all(|(pointer, eq, v)| {
                let value = match object.pointer(pointer) {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Null) | None => String::new(),
                    Some(other) => other.to_string(),
                };
                (value == *v) == *eq
            })
    }
}

/// The cells of each object of `res` now, by name: what `kubectl get` prints.
pub fn rows(w: &World, epoch_ms: u64, res: Res) -> (Vec<&'static str>, BTreeMap<String, Vec<Value>>) {
    if let Some(kind) = res.kind() {
        // The wide columns too: `-o wide` shows those of priority 1.
        let (header, rows) = read::columns(w, kind, true, &[]);
        let rows =
            rows.into_iter().map(|(name, cells)| (name, cells.into_iter().map(Value::String).collect())).collect();
        return (header, rows);
    }
    let age = |t: SimTime| json!(crate::kubectl::human_duration(w.time().saturating_since(t)));
    if res.custom() || res == Res::ResourceQuota {
        return custom_rows(w, epoch_ms, res);
    }
    if matches!(res, Res::EndpointSlice | Res::Endpoints) {
        let now = SimTime::from_millis(epoch_ms) + w.time().saturating_since(SimTime::ZERO);
        let rows = w
            .services
            .values()
            .enumerate()
            .filter_map(|(i, s)| match res {
                Res::EndpointSlice => served::endpoint_slice(w, s, i, epoch_ms),
                _ => served::endpoints(w, s, i, epoch_ms),
            })
            .map(|o| (o["metadata"]["name"].as_str().unwrap_or_default().to_string(), custom_cells(res, &o, now)))
            .collect();
        return (custom_header(res), rows);
    }
    match res {
        Res::Node => (
            vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
            w.nodes
                .values()
                .map(|n| {
                    let status = if n.ready { "Ready" } else { "NotReady" };
                    (
                        n.name.clone(),
                        vec![json!(n.name), json!(status), json!("<none>"), age(SimTime::ZERO), json!("v1.37.1")],
                    )
                })
                .collect(),
        ),
        Res::Namespace => (
            vec!["NAME", "STATUS", "AGE"],
            [("default".to_string(), vec![json!("default"), json!("Active"), age(SimTime::ZERO)])].into(),
        ),
        _ => {
            let rows = events(w, epoch_ms)
                .into_iter()
                .map(|e| {
                    let name = e["metadata"]["name"].as_str().unwrap_or_default().to_string();
                    let object = format!(
                        "{}/{}",
                        e["involvedObject"]["kind"].as_str().unwrap_or_default().to_lowercase(),
                        e["involvedObject"]["name"].as_str().unwrap_or_default()
                    );
                    let seen = e["lastTimestamp"].as_str().map(|t| t.to_string());
                    let age = w
                        .events()
                        .iter()
                        .nth(usize::from_str_radix(name.rsplit('.').next().unwrap_or("0"), 16).unwrap_or(0))
                        .map_or(json!(seen), |ev| age(ev.t));
                    let cells = vec![age, e["type"].clone(), e["reason"].clone(), json!(object), e["message"].clone()];
                    (name, cells)
                })
                .collect();
            (vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], rows)
        }
    }
}

/// The cells of the Gateway API kinds, as the apiserver's table convertor for a CRD makes them
/// from its `additionalPrinterColumns` (kubernetes-sigs/gateway-api, config/crd/standard: the
/// JSONPath of each column, its first result; no result is an empty cell; a list is written as
/// JSON; a date as the age it gives), and of ResourceQuotas, as `printResourceQuota` does
/// (kubernetes/kubernetes, pkg/printers/internalversion/printers.go: `RESOURCE: USED/HARD` from
/// the status, the `limits.*` resources under LIMIT, the others under REQUEST). Read from the
/// object as served, when it is sent, as the apiserver makes a Table: a deleted object's row too.
fn custom_rows(w: &World, epoch_ms: u64, res: Res) -> (Vec<&'static str>, BTreeMap<String, Vec<Value>>) {
    let now = SimTime::from_millis(epoch_ms) + w.time().saturating_since(SimTime::ZERO);
    let rows =
        stored_objects(w, epoch_ms, res).into_iter().map(|(name, o)| (name, custom_cells(res, &o, now))).collect();
    (custom_header(res), rows)
}

fn custom_header(res: Res) -> Vec<&'static str> {
    match res {
        Res::GatewayClass => vec!["NAME", "CONTROLLER", "ACCEPTED", "AGE", "DESCRIPTION"],
        Res::Gateway => vec!["NAME", "CLASS", "ADDRESS", "PROGRAMMED", "AGE"],
        Res::HttpRoute => vec!["NAME", "HOSTNAMES", "AGE"],
        Res::EndpointSlice => vec!["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"],
        Res::Endpoints => vec!["NAME", "ENDPOINTS", "AGE"],
        _ => vec!["NAME", "REQUEST", "LIMIT", "AGE"],
    }
}

/// The cells of one object of [`custom_rows`], `now` on serve's calendar.
fn custom_cells(res: Res, o: &Value, now: SimTime) -> Vec<Value> {
    let created = o["metadata"]["creationTimestamp"].as_str().and_then(served::parse_rfc3339);
    let age = json!(created.map_or(String::new(), |t| crate::kubectl::human_duration(now.saturating_since(t))));
    let text = |v: &Value| match v {
        Value::Null => Value::Null,
        Value::String(_) => v.clone(),
        other => json!(other.to_string()),
    };
    let condition = |kind: &str| {
        o["status"]["conditions"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["type"] == kind))
            .map_or(Value::Null, |c| c["status"].clone())
    };
    let name = o["metadata"]["name"].clone();
    match res {
        Res::GatewayClass => {
            vec![name, text(&o["spec"]["controllerName"]), condition("Accepted"), age, text(&o["spec"]["description"])]
        }
        Res::Gateway => vec![
            name,
            text(&o["spec"]["gatewayClassName"]),
            text(&o["status"]["addresses"][0]["value"]),
            condition("Programmed"),
            age,
        ],
        Res::HttpRoute => vec![name, text(&o["spec"]["hostnames"]), age],
        // `printEndpointSlice` and `printEndpoints` (pkg/printers/internalversion/printers.go).
        Res::EndpointSlice => {
            let cells = crate::manifest::endpoints::slice_cells(o);
            cells.into_iter().map(Value::String).chain([age]).collect()
        }
        Res::Endpoints => vec![name, json!(crate::manifest::endpoints::endpoints_cell(o)), age],
        _ => {
            let (mut request, mut limit) = (Vec::new(), Vec::new());
            for (resource, hard) in o["status"]["hard"].as_object().into_iter().flatten() {
                let used = o["status"]["used"][resource].as_str().unwrap_or("0");
                let cell = format!("{resource}: {used}/{}", hard.as_str().unwrap_or_default());
                if resource.starts_with("limits.") {
                    limit.push(cell);
                } else {
                    request.push(cell);
                }
            }
            vec![name, json!(request.join(", ")), json!(limit.join(", ")), age]
        }
    }
}

/// How many of `res`'s columns `kubectl get` shows without `-o wide` (priority 0).
fn narrow(w: &World, res: Res, header: &[&str]) -> usize {
    match res.kind() {
        Some(kind) => read::columns(w, kind, false, &[]).0.len(),
        // The CRD's Description column has priority 1.
        None if res == Res::GatewayClass => 4,
        None => header.len(),
    }
}

/// A `meta.k8s.io/v1` Table of `objects` (each row's object their metadata, as the apiserver's
/// default `includeObject=Metadata` sends it).
pub fn table(w: &World, epoch_ms: u64, res: Res, objects: &[Value]) -> Value {
    let (header, cells) = rows(w, epoch_ms, res);
    let narrow = narrow(w, res, &header);
    table_of(
        res,
        &header,
        narrow,
        objects.iter().map(|o| {
            let name = o["metadata"]["name"].as_str().unwrap_or_default();
            (o, cells.get(name).cloned())
        }),
    )
}

/// A Table of one object with the cells it had (a deleted object's last row; a custom resource's
/// or a quota's row is made from the object when it is sent, as the apiserver makes it).
pub fn table_with(w: &World, epoch_ms: u64, res: Res, object: &Value, cells: Option<Vec<Value>>) -> Value {
    let cells = if res.cells_from_object() {
        let now = SimTime::from_millis(epoch_ms) + w.time().saturating_since(SimTime::ZERO);
        Some(custom_cells(res, object, now))
    } else {
        cells
    };
    let (header, _) = rows(w, epoch_ms, res);
    let narrow = narrow(w, res, &header);
    table_of(res, &header, narrow, std::iter::once((object, cells)))
}

/// A Table from each object and its cells (`None`: an object gone from the run, whose cells
/// are rebuilt from the object itself as far as it goes).
pub fn table_of<'a>(
    res: Res,
    header: &[&str],
    narrow: usize,
    objects: impl Iterator<Item = (&'a Value, Option<Vec<Value>>)>,
) -> Value {
    let columns: Vec<Value> = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let (kind, format) = match *h {
                "NAME" => ("string", "name"),
                "UP-TO-DATE" | "AVAILABLE" | "DESIRED" | "CURRENT" => ("integer", ""),
                _ => ("string", ""),
            };
            json!({"name": title(h), "type": kind, "format": format, "description": "", "priority": i32::from(i >= narrow)})
        })
        .collect();
    let (_, kind, gv, _, _) = res.info();
    let rows: Vec<Value> = objects
        .map(|(o, cells)| {
            let cells = cells.unwrap_or_else(|| {
                let mut c = vec![o["metadata"]["name"].clone()];
                c.resize(header.len(), json!(""));
                c
            });
            let cells: Vec<Value> = cells
                .into_iter()
                .zip(header)
                .map(|(c, h)| match (h, &c) {
                    (&("UP-TO-DATE" | "AVAILABLE" | "DESIRED" | "CURRENT"), Value::String(s)) => {
                        s.parse::<i64>().map_or(c.clone(), |n| json!(n))
                    }
                    _ => c,
                })
                .collect();
            json!({"cells": cells, "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": o["metadata"]}})
        })
        .collect();
    let _ = (kind, gv);
    json!({"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {}, "columnDefinitions": columns, "rows": rows})
}

/// A header as the API names its column (kubectl upper-cases it): `Up-to-date`, `Name`.
fn title(h: &str) -> String {
    match h {
        "NAME" => "Name".into(),
        "UP-TO-DATE" => "Up-to-date".into(),
        "CLUSTER-IP" => "Cluster-IP".into(),
        "EXTERNAL-IP" => "External-IP".into(),
        "PORT(S)" => "Port(s)".into(),
        "LAST SEEN" => "Last Seen".into(),
        other => {
            let lower = other.to_lowercase();
            let mut c = lower.chars();
            c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        }
    }
}

/// `/openapi/v3` and its group/versions: what kubectl reads of them, and no more. kubectl asks
/// whether the apiserver validates fields itself (the `fieldValidation` parameter of each kind's
/// PATCH, `QueryParamVerifierV3`) before `create -f`, `apply -f` and `replace -f`; with no
/// answer it would validate the file against the OpenAPI v2 schema, which serve does not serve.
/// The PATCH operations carry no request body, so `kubectl apply` makes its patch from its own
/// types (a custom resource's as a JSON merge patch), as it does without a schema.
pub fn openapi_v3(path: &str) -> Option<Value> {
    let gvs = ["v1", "apps/v1", GATEWAY_GV];
    let api_path = |gv: &str| if gv == "v1" { "api/v1".to_string() } else { format!("apis/{gv}") };
    if path == "/openapi/v3" {
        let paths: serde_json::Map<String, Value> = gvs
            .iter()
            .map(|gv| {
                let p = api_path(gv);
                (p.clone(), json!({"serverRelativeURL": format!("/openapi/v3/{p}?hash=rolloutscope")}))
            })
            .collect();
        return Some(json!({ "paths": paths }));
    }
    let gv = *gvs.iter().find(|gv| path.strip_prefix("/openapi/v3/") == Some(api_path(gv).as_str()))?;
    let mut paths = serde_json::Map::new();
    for r in Res::ALL {
        let (plural, kind, g, namespaced, _) = r.info();
        if g != gv {
            continue;
        }
        let (group, version) = gv.split_once('/').unwrap_or(("", gv));
        let at = if namespaced {
            format!("namespaces/{{namespace}}/{plural}/{{name}}")
        } else {
            format!("{plural}/{{name}}")
        };
        paths.insert(
            format!("/{}/{at}", api_path(gv)),
            json!({"patch": {
                "x-kubernetes-group-version-kind": {"group": group, "version": version, "kind": kind},
                "parameters": [{"name": "fieldValidation", "in": "query", "schema": {"type": "string"}}],
                "responses": {},
            }}),
        );
    }
    Some(json!({
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes", "version": "v1.37.1"},
        "paths": paths,
        "components": {"schemas": {}},
    }))
}

/// The verbs serve takes for `res` (discovery's `verbs`, `kubectl api-resources -o wide`): what
/// `serve::writes` carries out, no more.
fn served_verbs(res: Res) -> &'static [&'static str] {
    match res {
        Res::Deployment => &["create", "get", "list", "patch", "update", "watch"],
        Res::Pod => &["delete", "get", "list", "patch", "watch"],
        Res::Service => &["create", "get", "list", "patch", "update", "watch"],
        Res::ResourceQuota | Res::GatewayClass | Res::Gateway | Res::HttpRoute => {
            &["create", "delete", "get", "list", "patch", "update", "watch"]
        }
        _ => &["get", "list", "watch"],
    }
}
