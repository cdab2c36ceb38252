//! The ReplicaSet controller (`pkg/controller/replicaset/replica_set.go`): creates pods up to
//! `spec.replicas`, deletes surplus pods in Kubernetes' ranking order, and counts its pods.

use std::cmp::Ordering;

use super::objects::*;
use super::time::SimTime;

/// A write the ReplicaSet controller makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RsCommand {
    /// Create this many pods from the ReplicaSet's template.
    CreatePods {
        replica_set: String,
        count: i32,
    },
    /// Delete these pods (they start terminating).
    DeletePods {
        replica_set: String,
        pods: Vec<String>,
    },
    UpdateStatus {
        replica_set: String,
        status: ReplicaSetStatus,
    },
}

/// `manageReplicas` and `calculateStatus` for one ReplicaSet, given its pods (terminating
/// ones included) and, for ranking, how many ready pods of related ReplicaSets each node runs.
pub fn reconcile(rs: &ReplicaSet, pods: &[&Pod], now: SimTime, out: &mut Vec<RsCommand>) {
    // Counted in one pass, with nothing allocated: this runs for every ReplicaSet on every tick.
    let mut status = ReplicaSetStatus {
        observed_generation: rs.metadata.generation,
        replica_failure: rs.status.replica_failure.clone(),
        ..ReplicaSetStatus::default()
    };
    for p in pods {
        status.terminating_replicas += i32::from(p.is_terminating());
        if p.is_active() {
            status.replicas += 1;
            status.ready_replicas += i32::from(p.status.ready);
            status.available_replicas += i32::from(p.is_available(rs.spec.min_ready_seconds, now));
        }
    }
    let diff = status.replicas - rs.spec.replicas;
    let name = &rs.metadata.name;
    if diff < 0 && rs.metadata.deletion_timestamp.is_none() {
        out.push(RsCommand::CreatePods { replica_set: name.clone(), count: -diff });
    } else if diff > 0 {
        let active: Vec<&Pod> = pods.iter().copied().filter(|p| p.is_active()).collect();
        let victims = get_pods_to_delete(&active, pods, diff as usize, now);
        out.push(RsCommand::DeletePods { replica_set: name.clone(), pods: victims });
    }
    if status != rs.status {
        out.push(RsCommand::UpdateStatus { replica_set: name.clone(), status });
    }
}

/// `getPodsToDelete`: ranks the active pods with `ActivePodsWithRanks` and takes the first `n`.
fn get_pods_to_delete(active: &[&Pod], all: &[&Pod], n: usize, now: SimTime) -> Vec<String> {
    // Rank: how many active, ready pods of this ReplicaSet share the pod's node (pods on crowded
    // nodes go first, to spread the survivors).
    let mut per_node: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for q in all.iter().filter(|q| q.is_active()) {
        if let Some(node) = q.spec.node_name.as_deref() {
            *per_node.entry(node).or_default() += 1;
        }
    }
    let rank = |p: &Pod| -> usize { p.spec.node_name.as_deref().and_then(|n| per_node.get(n)).copied().unwrap_or(0) };
    let mut ranked: Vec<(&Pod, usize)> = active.iter().map(|p| (*p, rank(p))).collect();
    ranked.sort_by(|(a, ra), (b, rb)| active_pods_with_ranks_less(a, *ra, b, *rb, now));
    ranked.into_iter().take(n).map(|(p, _)| p.metadata.name.clone()).collect()
}

fn phase_order(p: PodPhase) -> u8 {
    match p {
        PodPhase::Pending => 0,
        PodPhase::Unknown => 1,
        PodPhase::Running => 2,
        PodPhase::Succeeded | PodPhase::Failed => 3,
    }
}

/// `floor(log2(seconds))`, the bucket `LogarithmicScaleDown` compares (0 for under 2 s).
fn log2_bucket(from: SimTime, now: SimTime) -> i64 {
    let s = now.saturating_since(from).as_millis() / 1000;
    if s == 0 {
        -1
    } else {
        i64::from(63 - s.leading_zeros())
    }
}

/// `ActivePodsWithRanks.Less`: which pod to delete first. `Less` means "delete sooner".
pub fn active_pods_with_ranks_less(a: &Pod, rank_a: usize, b: &Pod, rank_b: usize, now: SimTime) -> Ordering {
    // 1. Unassigned before assigned.
    let assigned = |p: &Pod| p.spec.node_name.is_some();
    if assigned(a) != assigned(b) {
        return assigned(a).cmp(&assigned(b));
    }
    // 2. Pending < Unknown < Running.
    let (pa, pb) = (phase_order(a.status.phase), phase_order(b.status.phase));
    if pa != pb {
        return pa.cmp(&pb);
    }
    // 3. Not ready before ready.
    if a.status.ready != b.status.ready {
        return a.status.ready.cmp(&b.status.ready);
    }
    // 4. pod-deletion-cost is not modelled (every pod costs 0).
    // 5. Higher rank (more pods on the same node) first.
    if rank_a != rank_b {
        return rank_b.cmp(&rank_a);
    }
    // 6. Ready for less time first, compared in log2 buckets.
    if a.status.ready && b.status.ready {
        let (ta, tb) = (a.status.ready_transition_time, b.status.ready_transition_time);
        if let (Some(ta), Some(tb)) = (ta, tb) {
            let (ba, bb) = (log2_bucket(ta, now), log2_bucket(tb, now));
            if ba != bb {
                return ba.cmp(&bb);
            }
        }
    }
    // 7. More restarts first.
    if a.status.restart_count != b.status.restart_count {
        return b.status.restart_count.cmp(&a.status.restart_count);
    }
    // 8. Newer first (log2 buckets of age), then by uid.
    let (ca, cb) = (log2_bucket(a.metadata.creation_timestamp, now), log2_bucket(b.metadata.creation_timestamp, now));
    if ca != cb {
        return ca.cmp(&cb);
    }
    a.metadata.uid.cmp(&b.metadata.uid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(name: &str, uid: u32, node: Option<&str>, phase: PodPhase, ready: bool) -> Pod {
        Pod {
            metadata: ObjectMeta { name: name.into(), uid, ..Default::default() },
            spec: PodSpec {
                node_name: node.map(String::from),
                containers: vec![Container::new("app", "app:v1")],
                termination_grace_period_seconds: 30,
            },
            status: PodStatus {
                phase,
                ready,
                ready_transition_time: ready.then_some(SimTime::ZERO),
                ..Default::default()
            },
            kubelet: Default::default(),
        }
    }

    #[test]
    fn unscheduled_then_pending_then_not_ready_go_first() {
        let now = SimTime::from_secs(100);
        let running = pod("running", 1, Some("n1"), PodPhase::Running, true);
        let not_ready = pod("not-ready", 2, Some("n2"), PodPhase::Running, false);
        let pending = pod("pending", 3, Some("n3"), PodPhase::Pending, false);
        let unscheduled = pod("unscheduled", 4, None, PodPhase::Pending, false);
        let all = [&running, &not_ready, &pending, &unscheduled];
        assert_eq!(get_pods_to_delete(&all, &all, 4, now), ["unscheduled", "pending", "not-ready", "running"]);
    }

    #[test]
    fn crowded_nodes_lose_pods_first() {
        let now = SimTime::from_secs(100);
        let a = pod("a", 1, Some("n1"), PodPhase::Running, true);
        let b = pod("b", 2, Some("n1"), PodPhase::Running, true);
        let c = pod("c", 3, Some("n2"), PodPhase::Running, true);
        let all = [&c, &a, &b];
        assert_eq!(get_pods_to_delete(&all, &all, 1, now), ["a"]);
    }

    #[test]
    fn creates_the_missing_pods_and_counts_availability() {
        let mut rs = ReplicaSet {
            metadata: ObjectMeta { name: "web-abc".into(), generation: 1, ..Default::default() },
            spec: ReplicaSetSpec {
                replicas: 3,
                selector: Labels::new(),
                template: PodTemplate {
                    labels: Labels::new(),
                    annotations: Labels::new(),
                    containers: vec![],
                    termination_grace_period_seconds: 30,
                    unmodelled: String::new(),
                },
                min_ready_seconds: 10,
            },
            status: ReplicaSetStatus::default(),
        };
        let mut p = pod("web-abc-1", 1, Some("n1"), PodPhase::Running, true);
        p.status.ready_transition_time = Some(SimTime::from_secs(95));
        let mut out = Vec::new();
        reconcile(&rs, &[&p], SimTime::from_secs(100), &mut out);
        assert_eq!(out[0], RsCommand::CreatePods { replica_set: "web-abc".into(), count: 2 });
        // Ready for 5 s of the 10 minReadySeconds: ready, not yet available.
        match &out[1] {
            RsCommand::UpdateStatus { status, .. } => {
                assert_eq!((status.replicas, status.ready_replicas, status.available_replicas), (1, 1, 0));
            }
            other => panic!("{other:?}"),
        }
        out.clear();
        rs.status = ReplicaSetStatus {
            replicas: 1,
            ready_replicas: 1,
            available_replicas: 1,
            terminating_replicas: 0,
            observed_generation: 1,
            replica_failure: None,
        };
        reconcile(&rs, &[&p], SimTime::from_secs(105), &mut out);
        assert_eq!(out.len(), 1, "boundary included: 95 + 10 ≤ 105 is available: {out:?}");
    }
}
