//! What a real apiserver writes into every object it serves, beyond what the engine keeps: a
//! uid, a creationTimestamp on the calendar, the owner's uid in an owner reference, and the
//! defaults of a pod spec (a port's `protocol: TCP`, an HTTP probe's `scheme: HTTP`, the pod's
//! policies). `rolloutscope serve` serves [`super::live`]'s objects with them, so that kubectl
//! prints `Port: 8080/TCP` and `http-get http://:8080/health` from them.

use serde_json::{json, Value};

use crate::sim::objects::ObjectMeta;
use crate::sim::SimTime;

/// A moment of the run on the calendar: RFC 3339, whole seconds, as the apiserver writes times.
/// `epoch_ms` is the calendar's millisecond (since the Unix epoch) of the run's time zero.
pub fn calendar(epoch_ms: u64, t: SimTime) -> String {
    SimTime::from_millis(epoch_ms + t.as_millis()).rfc3339()
}

/// The uid of the object numbered `n` among those whose uids start with `prefix` (one prefix per
/// kind, so that objects of two kinds never share one).
pub fn uid(prefix: u32, n: u32) -> String {
    format!("{prefix:08x}-0000-4000-8000-{n:012x}")
}

/// Writes into `v`'s metadata what the apiserver always writes: its uid, its creationTimestamp
/// (and deletionTimestamp), and the uid of its owner.
pub fn stamp(v: &mut Value, uid: String, meta: &ObjectMeta, epoch_ms: u64, owner_uid: Option<String>) {
    let m = &mut v["metadata"];
    m["uid"] = json!(uid);
    m["creationTimestamp"] = json!(calendar(epoch_ms, meta.creation_timestamp));
    if let Some(t) = meta.deletion_timestamp {
        m["deletionTimestamp"] = json!(calendar(epoch_ms, t));
        m["deletionGracePeriodSeconds"] = json!(30);
    }
    if let (Some(owner), Some(uid)) = (m.get_mut("ownerReferences").and_then(|o| o.get_mut(0)), owner_uid) {
        owner["uid"] = json!(uid);
    }
}

/// What the apiserver's defaulting writes into a pod spec that the engine's objects leave out:
/// a port's `protocol: TCP`, an HTTP probe's `scheme: HTTP`, the pod's policies (kubectl shows
/// them: `Port: 8080/TCP`, `http-get http://:8080/health`).
pub fn pod_spec_defaults(spec: &mut Value) {
    let Some(spec) = spec.as_object_mut() else { return };
    for c in spec.get_mut("containers").and_then(Value::as_array_mut).into_iter().flatten() {
        for p in c.get_mut("ports").and_then(Value::as_array_mut).into_iter().flatten() {
            if p.get("protocol").is_none() {
                p["protocol"] = json!("TCP");
            }
        }
        for probe in ["readinessProbe", "livenessProbe", "startupProbe"] {
            if let Some(get) = c.get_mut(probe).and_then(|p| p.get_mut("httpGet")) {
                if get.get("scheme").is_none() {
                    get["scheme"] = json!("HTTP");
                }
            }
        }
        if let Some(c) = c.as_object_mut() {
            c.entry("terminationMessagePath").or_insert(json!("/dev/termination-log"));
            c.entry("terminationMessagePolicy").or_insert(json!("File"));
            c.entry("resources").or_insert(json!({}));
        }
    }
    spec.entry("restartPolicy").or_insert(json!("Always"));
    spec.entry("terminationGracePeriodSeconds").or_insert(json!(30));
    spec.entry("dnsPolicy").or_insert(json!("ClusterFirst"));
    spec.entry("securityContext").or_insert(json!({}));
    spec.entry("schedulerName").or_insert(json!("default-scheduler"));
}
