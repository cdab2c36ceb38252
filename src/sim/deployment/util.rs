//! Fenceposts and helpers of `pkg/controller/deployment/util/deployment_util.go`.
//!
//! Counts are Go's `int32`, and Go's integer arithmetic wraps where it overflows (the language
//! defines it so): the sums and differences here are `wrapping_*`, so that a Deployment the
//! apiserver accepts (`maxSurge: 2147483647`) makes the decisions the real controller makes, never
//! a panic.

use crate::sim::fnv::fnv32a;
use crate::sim::objects::*;

/// `intstrutil.GetScaledValueFromIntOrPercent`: a count as it is, a percentage of `total`
/// rounded up or down.
pub fn get_scaled_value_from_int_or_percent(value: Option<IntOrPercent>, total: i32, round_up: bool) -> i32 {
    match value {
        None => 0,
        Some(IntOrPercent::Int(n)) => n,
        Some(IntOrPercent::Percent(p)) => {
            let product = i64::from(p) * i64::from(total);
            let v = if round_up { (product + 99).div_euclid(100) } else { product.div_euclid(100) };
            // `ResolveFenceposts` returns `int32(surge)`: Go's conversion keeps the low 32 bits.
            v as i32
        }
    }
}

/// `ResolveFenceposts`: maxSurge rounds up, maxUnavailable rounds down, and if both come to 0
/// maxUnavailable becomes 1 so that the rollout can progress.
pub fn resolve_fenceposts(
    max_surge: Option<IntOrPercent>,
    max_unavailable: Option<IntOrPercent>,
    desired: i32,
) -> (i32, i32) {
    let surge = get_scaled_value_from_int_or_percent(max_surge, desired, true);
    let mut unavailable = get_scaled_value_from_int_or_percent(max_unavailable, desired, false);
    if surge == 0 && unavailable == 0 {
        unavailable = 1;
    }
    (surge, unavailable)
}

/// `MaxUnavailable`: 0 for Recreate or zero replicas, otherwise at most `replicas`.
pub fn max_unavailable(d: &Deployment) -> i32 {
    match &d.spec.strategy {
        Strategy::Recreate => 0,
        Strategy::RollingUpdate { .. } if d.spec.replicas == 0 => 0,
        Strategy::RollingUpdate { max_surge, max_unavailable } => {
            let (_, u) = resolve_fenceposts(*max_surge, *max_unavailable, d.spec.replicas);
            u.min(d.spec.replicas)
        }
    }
}

/// `MinAvailable`: `replicas − MaxUnavailable` for RollingUpdate, 0 for Recreate.
pub fn min_available(d: &Deployment) -> i32 {
    match d.spec.strategy {
        Strategy::Recreate => 0,
        Strategy::RollingUpdate { .. } => d.spec.replicas.wrapping_sub(max_unavailable(d)),
    }
}

/// `MaxSurge`: 0 for Recreate.
pub fn max_surge(d: &Deployment) -> i32 {
    match &d.spec.strategy {
        Strategy::Recreate => 0,
        Strategy::RollingUpdate { max_surge, max_unavailable } => {
            resolve_fenceposts(*max_surge, *max_unavailable, d.spec.replicas).0
        }
    }
}

/// `*(deployment.Spec.Replicas) + maxSurge`, the most pods a rolling update may have, in Go's
/// `int32` (negative when the sum overflows: then the controller never scales up).
pub fn max_total_pods(d: &Deployment) -> i32 {
    d.spec.replicas.wrapping_add(max_surge(d))
}

/// Whether [`max_total_pods`] overflowed `int32`.
pub fn max_total_overflows(d: &Deployment) -> bool {
    d.spec.replicas.checked_add(max_surge(d)).is_none()
}

/// A sum of `int32` counts, as Go adds them.
pub fn sum(counts: impl IntoIterator<Item = i32>) -> i32 {
    counts.into_iter().fold(0, i32::wrapping_add)
}

/// `GetReplicaCountForReplicaSets`: Σ spec.replicas.
pub fn replica_count(rss: &[&ReplicaSet]) -> i32 {
    sum(rss.iter().map(|rs| rs.spec.replicas))
}

/// `GetActualReplicaCountForReplicaSets`: Σ status.replicas.
pub fn actual_replica_count(rss: &[&ReplicaSet]) -> i32 {
    sum(rss.iter().map(|rs| rs.status.replicas))
}

/// `GetReadyReplicaCountForReplicaSets`.
pub fn ready_replica_count(rss: &[&ReplicaSet]) -> i32 {
    sum(rss.iter().map(|rs| rs.status.ready_replicas))
}

/// `GetAvailableReplicaCountForReplicaSets`.
pub fn available_replica_count(rss: &[&ReplicaSet]) -> i32 {
    sum(rss.iter().map(|rs| rs.status.available_replicas))
}

/// `NewRSNewReplicas`: how many replicas the new ReplicaSet may have now.
pub fn new_rs_new_replicas(d: &Deployment, all: &[&ReplicaSet], new_rs: &ReplicaSet) -> i32 {
    match d.spec.strategy {
        Strategy::Recreate => d.spec.replicas,
        Strategy::RollingUpdate { .. } => {
            let max_total = max_total_pods(d);
            let current = replica_count(all);
            if current >= max_total {
                return new_rs.spec.replicas;
            }
            let scale_up = max_total.wrapping_sub(current).min(d.spec.replicas.wrapping_sub(new_rs.spec.replicas));
            new_rs.spec.replicas.wrapping_add(scale_up)
        }
    }
}

/// `HasProgressDeadline`: the Deployment has a progress deadline to keep. apps/v1 defaults
/// `progressDeadlineSeconds` to 600, so a user disables the deadline by setting it to
/// `math.MaxInt32`: the controller then keeps no Progressing condition and never times out.
pub fn has_progress_deadline(d: &Deployment) -> bool {
    d.spec.progress_deadline_seconds.is_some_and(|s| s != i32::MAX)
}

/// `DeploymentComplete`: every replica updated and available, none old left.
pub fn deployment_complete(d: &Deployment, status: &DeploymentStatus) -> bool {
    status.updated_replicas == d.spec.replicas
        && status.replicas == d.spec.replicas
        && status.available_replicas == d.spec.replicas
        && status.observed_generation >= d.metadata.generation
}

/// `DeploymentProgressing`: some counter moved the right way since the last status.
pub fn deployment_progressing(d: &Deployment, new: &DeploymentStatus) -> bool {
    let old = &d.status;
    // Go's int32 arithmetic, which wraps: a status read from outside may hold any counts.
    let old_old_pods = old.replicas.wrapping_sub(old.updated_replicas);
    let new_old_pods = new.replicas.wrapping_sub(new.updated_replicas);
    new.updated_replicas > old.updated_replicas
        || new_old_pods < old_old_pods
        || new.ready_replicas > old.ready_replicas
        || new.available_replicas > old.available_replicas
}

/// `IsSaturated`: the new ReplicaSet has exactly the Deployment's replicas, all available.
pub fn is_saturated(d: &Deployment, rs: &ReplicaSet) -> bool {
    let desired = rs.metadata.annotation_i64(DESIRED_REPLICAS_ANNOTATION);
    rs.spec.replicas == d.spec.replicas
        && desired == Some(i64::from(d.spec.replicas))
        && rs.status.available_replicas == d.spec.replicas
}

/// `rand.SafeEncodeString`: maps each character onto the alphabet without vowels.
pub fn safe_encode_string(s: &str) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    s.bytes().map(|b| char::from(ALPHANUMS[usize::from(b) % ALPHANUMS.len()])).collect()
}

/// `ComputeHash`: the `pod-template-hash` of a template (with `collisionCount` 0).
///
/// Kubernetes hashes a dump of the Go object, which the engine cannot reproduce byte for byte; it
/// hashes the template's canonical JSON instead, so the names have the same shape
/// (`http-go-5b8c4d7f9`) and the same property: equal templates, equal names.
pub fn compute_hash(template: &PodTemplate) -> String {
    let json = serde_json::to_string(&template.without_hash()).unwrap_or_default();
    safe_encode_string(&fnv32a(json.as_bytes()).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use IntOrPercent::{Int, Percent};

    /// TestResolveFenceposts and the learners' mistakes 1 and 2 in docs/lessons.md.
    #[test]
    fn surge_rounds_up_unavailable_rounds_down() {
        assert_eq!(resolve_fenceposts(Some(Percent(25)), Some(Percent(25)), 4), (1, 1));
        assert_eq!(resolve_fenceposts(Some(Percent(25)), Some(Percent(25)), 1), (1, 0));
        assert_eq!(resolve_fenceposts(Some(Percent(25)), Some(Percent(25)), 10), (3, 2));
        assert_eq!(resolve_fenceposts(Some(Percent(50)), Some(Percent(50)), 10), (5, 5));
        assert_eq!(resolve_fenceposts(Some(Int(2)), Some(Int(0)), 10), (2, 0));
    }

    /// Go's int32 arithmetic wraps; a status from outside may hold any count.
    #[test]
    fn progress_is_judged_without_overflow() {
        let mut d = Deployment::new("web", "nginx:1.25", 2);
        d.status.replicas = i32::MIN;
        d.status.updated_replicas = 1;
        let new = DeploymentStatus { replicas: i32::MAX, updated_replicas: -1, ..DeploymentStatus::default() };
        // As in Go: the old pods were MIN - 1, which wraps to MAX, and are now MAX + 1, which
        // wraps to MIN; fewer, so progress.
        assert!(deployment_progressing(&d, &new));
    }

    #[test]
    fn zero_and_zero_falls_back_to_one_unavailable() {
        assert_eq!(resolve_fenceposts(Some(Int(0)), Some(Int(0)), 10), (0, 1));
        assert_eq!(resolve_fenceposts(None, None, 3), (0, 1));
        // Valid settings that round to 0/0: 0% surge and 25% of 3 rounded down.
        assert_eq!(resolve_fenceposts(Some(Percent(0)), Some(Percent(25)), 3), (0, 1));
    }

    #[test]
    fn max_unavailable_is_capped_and_zero_for_recreate() {
        let mut d = Deployment::new("web", "nginx:1.25", 2);
        d.spec.strategy = Strategy::RollingUpdate { max_surge: Some(Int(1)), max_unavailable: Some(Int(5)) };
        assert_eq!(max_unavailable(&d), 2);
        assert_eq!(min_available(&d), 0);
        d.spec.replicas = 0;
        assert_eq!(max_unavailable(&d), 0);
        d.spec.strategy = Strategy::Recreate;
        d.spec.replicas = 4;
        assert_eq!((max_unavailable(&d), max_surge(&d), min_available(&d)), (0, 0, 0));
    }

    #[test]
    fn hash_is_stable_and_ignores_the_hash_label() {
        let d = Deployment::new("http-go", "gasbugs/http-go:v1", 3);
        let h = compute_hash(&d.spec.template);
        let mut labelled = d.spec.template.clone();
        labelled.labels.insert(POD_TEMPLATE_HASH_LABEL.into(), h.clone());
        assert_eq!(compute_hash(&labelled), h);
        assert!(h.chars().all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)));
        let mut v2 = d.spec.template.clone();
        v2.containers[0].image = "gasbugs/http-go:v2".into();
        assert_ne!(compute_hash(&v2), h);
    }

    #[test]
    fn safe_encode_matches_kubernetes() {
        // Each byte indexes the alphabet modulo its length (apimachinery `rand.SafeEncodeString`).
        assert_eq!(safe_encode_string("0"), "4");
        assert_eq!(safe_encode_string("123"), "567");
    }
}
