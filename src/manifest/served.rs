//! What a real apiserver writes into every object it serves, beyond what the engine keeps: a
//! uid, a creationTimestamp on the calendar, the owner's uid in an owner reference, and the
//! defaults of a pod spec (a port's `protocol: TCP`, an HTTP probe's `scheme: HTTP`, the pod's
//! policies). `rolloutscope serve` serves [`super::live`]'s objects with them, so that kubectl
//! prints `Port: 8080/TCP` and `http-get http://:8080/health` from them.

use serde_json::{json, Value};

use super::live;
use crate::sim::objects::{ContainerState, Deployment, ObjectMeta, Pod, ReplicaSet};
use crate::sim::service::Service;
use crate::sim::{SimTime, World};

pub use crate::sim::objects::{uid, DEPLOYMENT_UIDS, POD_UIDS, REPLICA_SET_UIDS, SERVICE_UIDS};
/// Past the groups `serve` numbers its other kinds with (one per kind, from `0x7a11_0000`).
pub const ENDPOINT_SLICE_UIDS: u32 = 0x7a11_0100;
pub const ENDPOINTS_UIDS: u32 = 0x7a11_0101;

/// A Deployment as the apiserver serves it, its times on the calendar that starts at `epoch_ms`.
pub fn deployment(d: &Deployment, epoch_ms: u64) -> Value {
    let mut v = live::deployment(d);
    pod_spec_defaults(&mut v["spec"]["template"]["spec"]);
    stamp(&mut v, uid(DEPLOYMENT_UIDS, d.metadata.uid), &d.metadata, epoch_ms, None);
    v
}

/// A ReplicaSet as the apiserver serves it; `owner` is its Deployment, if it still exists.
pub fn replica_set(rs: &ReplicaSet, owner: Option<&Deployment>, epoch_ms: u64) -> Value {
    let mut v = live::replica_set(rs);
    pod_spec_defaults(&mut v["spec"]["template"]["spec"]);
    let owner_uid = owner.map(|d| uid(DEPLOYMENT_UIDS, d.metadata.uid));
    stamp(&mut v, uid(REPLICA_SET_UIDS, rs.metadata.uid), &rs.metadata, epoch_ms, owner_uid);
    v
}

/// A pod as the apiserver serves it; `owner` is its ReplicaSet, if it still exists. The kubelet's
/// times are written too: the pod's `startTime` (once it is bound to a node) and the running
/// container's `startedAt`.
pub fn pod(p: &Pod, owner: Option<&ReplicaSet>, epoch_ms: u64) -> Value {
    let mut v = live::pod(p);
    pod_spec_defaults(&mut v["spec"]);
    let owner_uid = owner.map(|rs| uid(REPLICA_SET_UIDS, rs.metadata.uid));
    stamp(&mut v, uid(POD_UIDS, p.metadata.uid), &p.metadata, epoch_ms, owner_uid);
    if p.spec.node_name.is_some() {
        v["status"]["startTime"] = json!(calendar(epoch_ms, p.metadata.creation_timestamp));
    }
    for s in v["status"]["containerStatuses"].as_array_mut().into_iter().flatten() {
        s["lastState"] = live::last_state(p.status.last_termination.as_ref(), epoch_ms);
    }
    if let (ContainerState::Running, Some(t)) = (&p.status.container_state, p.status.started_at) {
        for s in v["status"]["containerStatuses"].as_array_mut().into_iter().flatten() {
            s["state"]["running"]["startedAt"] = json!(calendar(epoch_ms, t));
        }
    }
    v
}

/// A Service as the apiserver serves it: the `n`th of the run's Services (the engine numbers
/// them by name), made at its creation.
pub fn service(s: &crate::sim::service::Service, n: usize, epoch_ms: u64) -> Value {
    let mut v = live::service(s);
    v["metadata"]["uid"] = json!(uid(SERVICE_UIDS, n as u32));
    v["metadata"]["creationTimestamp"] = json!(calendar(epoch_ms, s.created));
    v
}

/// A Service's EndpointSlice as the apiserver serves it ([`super::endpoints::endpoint_slice`]):
/// its uid (the `n`th of the run's Services' slices), its times on the calendar, the uid of its
/// Service (the `n`th Service) and of each endpoint's pod.
pub fn endpoint_slice(w: &World, s: &Service, n: usize, epoch_ms: u64) -> Option<Value> {
    let mut v = stored(super::endpoints::endpoint_slice(w, s)?, uid(ENDPOINT_SLICE_UIDS, n as u32), epoch_ms);
    v["metadata"]["ownerReferences"][0]["uid"] = json!(uid(SERVICE_UIDS, n as u32));
    for e in v.get_mut("endpoints").and_then(Value::as_array_mut).into_iter().flatten() {
        pod_uid(w, &mut e["targetRef"]);
    }
    Some(v)
}

/// A Service's Endpoints as the apiserver serves it ([`super::endpoints::endpoints`]): its uid,
/// its times on the calendar, the uid of each address's pod.
pub fn endpoints(w: &World, s: &Service, n: usize, epoch_ms: u64) -> Option<Value> {
    let mut v = stored(super::endpoints::endpoints(w, s)?, uid(ENDPOINTS_UIDS, n as u32), epoch_ms);
    for subset in v["subsets"].as_array_mut().into_iter().flatten() {
        for key in ["addresses", "notReadyAddresses"] {
            for a in subset.get_mut(key).and_then(Value::as_array_mut).into_iter().flatten() {
                pod_uid(w, &mut a["targetRef"]);
            }
        }
    }
    Some(v)
}

/// Writes the uid of the pod a `targetRef` names into it, as [`pod`] serves it.
fn pod_uid(w: &World, target: &mut Value) {
    let name = target["name"].as_str().unwrap_or_default();
    if let Some(p) = w.pods.get(name) {
        target["uid"] = json!(uid(POD_UIDS, p.metadata.uid));
    }
}

/// A time as Go's `time.RFC1123Z` writes it (`Mon, 07 Dec 2026 11:40:07 +0000`), from RFC 3339
/// in UTC as the apiserver writes times (`2026-12-07T11:40:07Z`); Go's zero time for none, as
/// kubectl prints a time the object does not carry.
pub fn rfc1123z(rfc3339: Option<&str>) -> String {
    const ZERO: &str = "Mon, 01 Jan 0001 00:00:00 +0000";
    let Some(t) = rfc3339 else { return ZERO.into() };
    let number = |r: std::ops::Range<usize>| t.get(r).and_then(|s| s.parse::<i64>().ok());
    let (Some(y), Some(m), Some(d), Some(time)) = (number(0..4), number(5..7), number(8..10), t.get(11..19)) else {
        return ZERO.into();
    };
    // 1970-01-01 was a Thursday.
    let days = days_from_civil(y, m, d);
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let weekday = WEEKDAYS[days.rem_euclid(7) as usize];
    let month = MONTHS.get((m - 1) as usize).copied().unwrap_or("Jan");
    format!("{weekday}, {d:02} {month} {y:04} {time} +0000")
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let (yy, mm) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * mm + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// A time written as RFC 3339 in UTC, whole seconds (as [`SimTime::rfc3339`] and the apiserver
/// write them), read back as the instant since the Unix epoch; `None` for another text.
pub fn parse_rfc3339(t: &str) -> Option<SimTime> {
    let number = |r: std::ops::Range<usize>| t.get(r).and_then(|s| s.parse::<i64>().ok());
    let (y, m, d) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (h, min, s) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let secs = days_from_civil(y, m, d) * 86_400 + h * 3600 + min * 60 + s;
    u64::try_from(secs).ok().map(|s| SimTime::from_millis(s * 1000))
}

/// A Gateway API object or a ResourceQuota as [`live`] writes it (its times those of the run),
/// as the apiserver stores it: with its uid, and its times (creation, deletion, the conditions'
/// last transitions) on the calendar that starts at `epoch_ms`. A condition of the CRD's default
/// status (reason `Pending`, written by the CRD at the Unix epoch, not by a controller) keeps
/// the CRD's time.
pub fn stored(mut v: Value, uid: String, epoch_ms: u64) -> Value {
    fn walk(v: &mut Value, epoch_ms: u64) {
        match v {
            Value::Object(m) => {
                let pending = m.get("reason").and_then(Value::as_str) == Some("Pending");
                for (k, x) in m.iter_mut() {
                    let time = matches!(k.as_str(), "creationTimestamp" | "deletionTimestamp")
                        || (k == "lastTransitionTime" && !pending);
                    match x.as_str().and_then(parse_rfc3339) {
                        Some(t) if time => *x = json!(calendar(epoch_ms, t)),
                        _ => walk(x, epoch_ms),
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, epoch_ms)),
            _ => {}
        }
    }
    walk(&mut v, epoch_ms);
    v["metadata"]["uid"] = json!(uid);
    v
}

/// A moment of the run on the calendar: RFC 3339, whole seconds, as the apiserver writes times.
/// `epoch_ms` is the calendar's millisecond (since the Unix epoch) of the run's time zero.
pub fn calendar(epoch_ms: u64, t: SimTime) -> String {
    SimTime::from_millis(epoch_ms + t.as_millis()).rfc3339()
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

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_written_as_go_writes_rfc1123z() {
        assert_eq!(super::rfc1123z(Some("1970-01-01T00:00:30Z")), "Thu, 01 Jan 1970 00:00:30 +0000");
        assert_eq!(super::rfc1123z(Some("2026-12-07T11:40:07Z")), "Mon, 07 Dec 2026 11:40:07 +0000");
        assert_eq!(super::rfc1123z(Some("2000-02-29T23:59:59Z")), "Tue, 29 Feb 2000 23:59:59 +0000");
        assert_eq!(super::rfc1123z(None), "Mon, 01 Jan 0001 00:00:00 +0000");
    }
}
