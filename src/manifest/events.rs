//! The run's trace as the Events a cluster keeps: which of the engine's events Kubernetes
//! records, from which component, and how client-go's event recorder correlates them before
//! they reach the apiserver (`tools/record/events_cache.go`, `EventCorrelator`):
//!
//! - **deduplication** (`eventLogger`): an event equal to an earlier one (same source, object,
//!   type, reason and message) updates that Event: its `count` goes up and its `lastTimestamp`
//!   moves, its name and `firstTimestamp` stay. `kubectl describe` prints it as
//!   `2m (x12 over 5m)`.
//! - **aggregation** (`EventAggregator`): once 10 events of the same source, object, type and
//!   reason with different messages came within 10 minutes of each other, the next ones are
//!   recorded as one Event whose message starts with `(combined from similar events): `.
//! - **spam filtering** (`EventSourceObjectSpamFilter`): a source may send 25 events about an
//!   object at once, then one every 5 minutes (a token bucket); an event over that budget is not
//!   written, though it is still counted, so the next one written carries the higher count.
//!
//! The recorder's LRU caches (4,096 entries) are not modelled: a run has far fewer keys. Go
//! drops an arbitrary message from a full aggregation set (`PopAny`); here it drops the least in
//! byte order, so that the same run always gives the same Events. The scheduler records through
//! the newer `events.k8s.io` recorder, which correlates differently (an `EventSeries`), so its
//! events are kept one by one.

use std::collections::{BTreeMap, BTreeSet};

use crate::sim::eventlog::Event;
use crate::sim::SimTime;

/// The events Kubernetes records for each kind of object: the engine's trace also has its own
/// explanations (a condition changing, a pod becoming Ready), which no component records.
pub const DEPLOYMENT_EVENTS: &[&str] = &["ScalingReplicaSet", "SelectingAll", "DeploymentRollback"];
pub const REPLICA_SET_EVENTS: &[&str] = &["SuccessfulCreate", "SuccessfulDelete", "FailedCreate"];
pub const POD_EVENTS: &[&str] = &[
    "Scheduled",
    "FailedScheduling",
    "Pulling",
    "Pulled",
    "Created",
    "Failed",
    "ErrImageNeverPull",
    "BackOff",
    "Started",
    "Killing",
    "Unhealthy",
    "NodeNotReady",
    "TaintManagerEviction",
];

/// The Event's `type`: Warning for what went wrong, Normal otherwise. The kubelet's `BackOff` is
/// both: a Warning for a container restarted in back-off, Normal for an image pull waiting out
/// its back-off (`EnsureImageExists` records it as `v1.EventTypeNormal`).
pub fn is_warning(reason: &str, message: &str) -> bool {
    match reason {
        "BackOff" => !message.starts_with("Back-off pulling image"),
        _ => matches!(
            reason,
            "Failed" | "ErrImageNeverPull" | "Unhealthy" | "FailedScheduling" | "FailedCreate" | "NodeNotReady"
        ),
    }
}

/// The kind of object an engine event names (`pod/NAME`), and the component that records the
/// event's reason about it; `None` for an event no component records.
pub fn source(event: &Event) -> Option<(&'static str, &'static str)> {
    let (kind, _) = event.object.split_once('/')?;
    let (kind, reasons, component) = match kind {
        "deployment" => ("Deployment", DEPLOYMENT_EVENTS, "deployment-controller"),
        "rs" => ("ReplicaSet", REPLICA_SET_EVENTS, "replicaset-controller"),
        "pod" => ("Pod", POD_EVENTS, "kubelet"),
        _ => return None,
    };
    if !reasons.contains(&event.kind.as_str()) {
        return None;
    }
    let component = match event.kind.as_str() {
        "Scheduled" | "FailedScheduling" => "default-scheduler",
        "NodeNotReady" => "node-controller",
        "TaintManagerEviction" => "taint-eviction-controller",
        _ => component,
    };
    Some((kind, component))
}

/// One Event as the apiserver holds it after the recorder's correlation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The index in the run's trace of the event that created it (its name is made from it).
    pub first_index: usize,
    /// `kind/name`, as the engine names the involved object.
    pub object: String,
    pub kind: &'static str,
    pub component: &'static str,
    pub reason: String,
    pub message: String,
    pub warning: bool,
    pub count: u32,
    pub first: SimTime,
    pub last: SimTime,
}

/// The aggregation set of one (source, object, type, reason).
#[derive(Default)]
struct Similar {
    messages: BTreeSet<String>,
    last: Option<SimTime>,
}

/// A source's token bucket for one object (`golang.org/x/time/rate`, burst 25, 1/300 s refill).
struct Bucket {
    tokens: f64,
    at: SimTime,
}

const AGGREGATE_MAX_EVENTS: usize = 10;
const AGGREGATE_INTERVAL_MS: u64 = 600_000;
const SPAM_BURST: f64 = 25.0;
const SPAM_QPS: f64 = 1.0 / 300.0;

/// The Events of `events` (the run's trace with each event's index in it), as the apiserver
/// holds them once every component's recorder has correlated them, in the order they were
/// created.
pub fn recorded<'a>(events: impl IntoIterator<Item = (usize, &'a Event)>) -> Vec<Recorded> {
    let mut out: Vec<Recorded> = Vec::new();
    // The recorder's own view (`eventLogger`): by correlation key, the count it has seen and the
    // Event it updates, if one was written (a first occurrence the spam filter dropped has none).
    let mut logged: BTreeMap<(String, String, String), (Option<usize>, u32)> = BTreeMap::new();
    let mut similar: BTreeMap<(String, String), Similar> = BTreeMap::new();
    let mut buckets: BTreeMap<String, Bucket> = BTreeMap::new();
    for (index, e) in events {
        let Some((kind, component)) = source(e) else { continue };
        let new = |message: String, count: u32| Recorded {
            first_index: index,
            object: e.object.clone(),
            kind,
            component,
            reason: e.kind.clone(),
            warning: is_warning(&e.kind, &e.message),
            message,
            count,
            first: e.t,
            last: e.t,
        };
        if component == "default-scheduler" {
            out.push(new(e.message.clone(), 1));
            continue;
        }
        // EventAggregate: the aggregation key leaves the message out.
        let group = similar.entry((e.object.clone(), e.kind.clone())).or_default();
        if group.last.is_some_and(|last| e.t.saturating_since(last).as_millis() > AGGREGATE_INTERVAL_MS) {
            group.messages.clear();
        }
        group.messages.insert(e.message.clone());
        group.last = Some(e.t);
        let (key_message, message) = if group.messages.len() < AGGREGATE_MAX_EVENTS {
            (e.message.clone(), e.message.clone())
        } else {
            group.messages.pop_first();
            // The aggregate Event is keyed without a message, so every later one updates it.
            (String::new(), format!("(combined from similar events): {}", e.message))
        };
        // eventObserve: the count goes up on the key whether or not the event is then written.
        let (event, count) = logged.entry((e.object.clone(), e.kind.clone(), key_message)).or_insert((None, 0));
        *count += 1;
        // The spam filter decides after the count was taken: a filtered event is counted but
        // not written.
        let bucket = buckets.entry(e.object.clone()).or_insert(Bucket { tokens: SPAM_BURST, at: e.t });
        let elapsed = e.t.saturating_since(bucket.at).as_millis() as f64 / 1000.0;
        bucket.tokens = (bucket.tokens + elapsed * SPAM_QPS).min(SPAM_BURST);
        bucket.at = e.t;
        if bucket.tokens < 1.0 {
            continue;
        }
        bucket.tokens -= 1.0;
        match *event {
            Some(at) => {
                let r = &mut out[at];
                r.count = *count;
                r.last = e.t;
                r.message = message;
            }
            // The first write creates the Event (its patch would find none), with the count so far.
            None => {
                *event = Some(out.len());
                out.push(new(message, *count));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(t: u64, object: &str, reason: &str, message: &str) -> Event {
        Event {
            t: SimTime::from_secs(t),
            kind: reason.into(),
            object: object.into(),
            message: message.into(),
            why: None,
        }
    }

    fn record(events: &[Event]) -> Vec<Recorded> {
        recorded(events.iter().enumerate())
    }

    #[test]
    fn the_same_event_again_is_counted_on_the_first_one() {
        let back_off = "Back-off restarting failed container web in pod p_default(u)";
        let r = record(&[
            event(10, "pod/p", "Started", "Started container web"),
            event(20, "pod/p", "BackOff", back_off),
            event(30, "pod/p", "Started", "Started container web"),
            event(50, "pod/p", "BackOff", back_off),
        ]);
        assert_eq!(r.len(), 2, "{r:#?}");
        assert_eq!((r[0].count, r[0].first, r[0].last), (2, SimTime::from_secs(10), SimTime::from_secs(30)));
        assert_eq!((r[1].first_index, r[1].count, r[1].last), (1, 2, SimTime::from_secs(50)));
        assert!(r[1].warning && !r[0].warning);
    }

    #[test]
    fn ten_similar_messages_within_ten_minutes_are_combined() {
        let scaled = |i: u64| event(i, "deployment/web", "ScalingReplicaSet", &format!("Scaled up to {i}"));
        let r = record(&(1..=12).map(scaled).collect::<Vec<_>>());
        // Nine events of their own; the tenth and later ones are one aggregate Event.
        assert_eq!(r.len(), 10, "{r:#?}");
        assert!(r[..9].iter().all(|e| e.count == 1 && !e.message.starts_with('(')));
        assert_eq!(r[9].message, "(combined from similar events): Scaled up to 12");
        assert_eq!((r[9].count, r[9].first, r[9].last), (3, SimTime::from_secs(10), SimTime::from_secs(12)));
        // Ten minutes apart, similar events start a new set.
        let spread: Vec<Event> = (1..=12).map(|i| scaled(i * 601)).collect();
        assert!(record(&spread).iter().all(|e| e.count == 1 && !e.message.starts_with('(')));
    }

    #[test]
    fn a_source_sends_25_events_about_an_object_then_one_every_five_minutes() {
        let unhealthy =
            |t: u64| event(t, "pod/p", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 500");
        let r = record(&(0..40).map(unhealthy).collect::<Vec<_>>());
        // 25 writes (the first creates the Event, 24 update it); the 15 later ones are counted only.
        assert_eq!((r.len(), r[0].count, r[0].last), (1, 25, SimTime::from_secs(24)));
        // Five minutes later the bucket holds one token again: the write carries every count.
        let mut later: Vec<Event> = (0..40).map(unhealthy).collect();
        later.push(unhealthy(24 + 300));
        let r = record(&later);
        assert_eq!((r[0].count, r[0].last), (41, SimTime::from_secs(324)));
    }

    #[test]
    fn an_event_first_dropped_by_the_spam_filter_is_created_with_its_count_when_written() {
        // 25 events use the pod's bucket up; the next one is dropped but counted, and its repeat
        // five minutes later creates the Event with both counted.
        let mut events: Vec<Event> =
            (0..25).map(|i| event(0, "pod/p", "Pulling", &format!("Pulling image \"x:{i}\""))).collect();
        let failed = |t: u64| event(t, "pod/p", "Failed", "Error: ErrImagePull");
        events.extend([failed(1), failed(301)]);
        let r = record(&events);
        let last = r.last().unwrap();
        assert_eq!((last.reason.as_str(), last.count, last.first), ("Failed", 2, SimTime::from_secs(301)), "{r:#?}");
    }

    #[test]
    fn only_what_a_component_records_is_an_event() {
        let r = record(&[
            event(1, "pod/p", "Ready", "Pod p is Ready"),
            event(2, "pod/p", "Created", "Created container: web"),
            event(3, "svc/web", "Endpoints", "…"),
        ]);
        assert_eq!(r.iter().map(|e| e.reason.as_str()).collect::<Vec<_>>(), ["Created"]);
    }
}
