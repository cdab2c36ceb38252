//! A namespace's ResourceQuota (`core/v1`), as the apiserver's `ResourceQuota` admission plugin
//! enforces it (`staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go`,
//! `CheckRequest`), and the ReplicaSet controller's retry when a pod it creates is refused
//! (`pkg/controller/replicaset/replica_set.go`: the `FailedCreate` event, the `ReplicaFailure`
//! condition, and the work queue's rate-limited requeue).
//!
//! The engine counts pods (`spec.hard.pods`): the pod template's resource requests are not
//! modelled, so a quota on `requests.cpu` or `requests.memory` is refused when it is applied,
//! saying so, rather than enforced on numbers the simulator does not have.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::objects::{Pod, PodPhase};
use super::time::{SimDuration, SimTime};

/// The resources a quota may name here.
pub const PODS: &str = "pods";

/// A `v1` ResourceQuota: its name and `spec.hard` (`pods` only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceQuota {
    pub name: String,
    /// `spec.hard`: the most of each resource the namespace may hold (`pods: 4`).
    pub hard: BTreeMap<String, i64>,
    /// When it was created (for `kubectl get`'s AGE).
    #[serde(default)]
    pub created: SimTime,
}

impl ResourceQuota {
    /// A quota of at most `pods` pods.
    pub fn pods(name: &str, pods: i64) -> Self {
        ResourceQuota { name: name.into(), hard: [(PODS.to_string(), pods)].into(), created: SimTime::ZERO }
    }
}

/// `QuotaV1Pod` (`pkg/quota/v1/evaluator/core/pods.go`): whether a pod is charged to the
/// namespace's quota. A pod in a terminal phase is not; nor is one stuck terminating past its
/// deletion timestamp plus its grace period (the apiserver sets the timestamp a grace period
/// after the delete, which the engine records as the moment of the delete: two grace periods).
pub fn charged(pod: &Pod, now: SimTime) -> bool {
    if matches!(pod.status.phase, PodPhase::Succeeded | PodPhase::Failed) {
        return false;
    }
    match pod.metadata.deletion_timestamp {
        Some(deleted) => {
            let grace = SimDuration::from_secs(u64::try_from(pod.spec.termination_grace_period_seconds).unwrap_or(0));
            now <= deleted + grace + grace
        }
        None => true,
    }
}

/// `status.used.pods`: the pods charged to the namespace now. (Kubernetes keeps it in the
/// quota's status, written by admission on every create and recalculated by the quota
/// controller when a pod goes; the engine counts it when asked, as if the controller caught up
/// at once.)
pub fn pods_used<'a>(pods: impl IntoIterator<Item = &'a Pod>, now: SimTime) -> i64 {
    pods.into_iter().filter(|p| charged(p, now)).count() as i64
}

/// Admission of one more pod (`CheckRequest`): the first quota, by name, that the new pod
/// would exceed refuses it, in the plugin's words (`exceeded quota: NAME, requested: pods=1,
/// used: pods=4, limited: pods=4`).
pub fn admit_pod(quotas: &BTreeMap<String, ResourceQuota>, used: i64) -> Result<(), String> {
    for q in quotas.values() {
        if let Some(&limited) = q.hard.get(PODS) {
            if used + 1 > limited {
                return Err(format!(
                    "exceeded quota: {}, requested: pods=1, used: pods={used}, limited: pods={limited}",
                    q.name
                ));
            }
        }
    }
    Ok(())
}

/// The ReplicaSet controller's work queue for one ReplicaSet whose last sync failed: besides the
/// events that queue it at once (its pods, its own updates), it is requeued rate limited (`workqueue.DefaultControllerRateLimiter`: 5 ms doubling per failure,
/// at most 1000 s; its 10 per second bucket never binds for one ReplicaSet), and forgotten when
/// a sync succeeds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Requeue {
    /// Failed syncs in a row.
    pub failures: u32,
    /// The earliest moment of the next sync.
    pub not_before: SimTime,
    /// The refusal of the last failed create (the `ReplicaFailure` condition's message).
    pub message: String,
    /// The ReplicaSet as the failed sync saw it (`spec.replicas`, and its pods: active, ready,
    /// terminating). A change is an event of its own (a pod of it, or the Deployment controller
    /// scaling it) that queues it at once, backoff or not.
    #[serde(default)]
    pub seen: (i32, i32, i32, i32),
}

/// The per-item exponential backoff after `failures` failures in a row.
pub fn backoff(failures: u32) -> SimDuration {
    let ms = 5u64.saturating_mul(1u64 << failures.saturating_sub(1).min(40));
    SimDuration::from_millis(ms.min(1_000_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refusal_is_the_admission_plugins() {
        let quotas = [("pods".to_string(), ResourceQuota::pods("pods", 4))].into();
        assert_eq!(admit_pod(&quotas, 3), Ok(()));
        assert_eq!(
            admit_pod(&quotas, 4).unwrap_err(),
            "exceeded quota: pods, requested: pods=1, used: pods=4, limited: pods=4"
        );
        assert_eq!(admit_pod(&BTreeMap::new(), 1000), Ok(()));
    }

    #[test]
    fn the_backoff_doubles_from_5_ms_to_1000_s() {
        assert_eq!(backoff(1), SimDuration::from_millis(5));
        assert_eq!(backoff(2), SimDuration::from_millis(10));
        assert_eq!(backoff(11), SimDuration::from_millis(5120));
        assert_eq!(backoff(30), SimDuration::from_secs(1000));
        assert_eq!(backoff(u32::MAX), SimDuration::from_secs(1000));
    }
}
