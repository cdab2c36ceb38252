//! RollingUpdate (`pkg/controller/deployment/rolling.go`).

use super::{util, Syncer};
use crate::sim::objects::*;
use crate::sim::why::Why;

impl Syncer<'_> {
    /// `rolloutRolling`: scale the new ReplicaSet up, or else the old ones down; one step per sync.
    pub(crate) fn rollout_rolling(&mut self) {
        let new = self.get_all_replica_sets_and_sync_revision(true).expect("created when missing");
        if self.reconcile_new_replica_set(new) {
            self.sync_rollout_status(Some(new));
            return;
        }
        if self.reconcile_old_replica_sets(new) {
            self.sync_rollout_status(Some(new));
            return;
        }
        if util::deployment_complete(&self.d, &self.d.status) {
            self.cleanup_deployment(Some(new));
        }
        self.sync_rollout_status(Some(new));
    }

    /// `reconcileNewReplicaSet`.
    fn reconcile_new_replica_set(&mut self, new: usize) -> bool {
        let replicas = self.d.spec.replicas;
        let current = self.rss[new].spec.replicas;
        if current == replicas {
            return false;
        }
        if current > replicas {
            return self.scale_replica_set_and_record_event(new, replicas, Why::NewAboveReplicas { replicas });
        }
        let all: Vec<&ReplicaSet> = self.rss.iter().map(|rs| &**rs).collect();
        let target = util::new_rs_new_replicas(&self.d, &all, &self.rss[new]);
        if target == current {
            // No room under maxSurge yet: nothing to scale, nothing to explain.
            return false;
        }
        let why = self.scale_up_reason(target);
        self.scale_replica_set_and_record_event(new, target, why)
    }

    /// `reconcileOldReplicaSets`: how far old ReplicaSets may shrink without going under
    /// `replicas − maxUnavailable` available pods, counting the new ReplicaSet's unavailable ones.
    fn reconcile_old_replica_sets(&mut self, new: usize) -> bool {
        let old: Vec<usize> =
            self.old_indices(Some(new)).into_iter().filter(|i| self.rss[*i].spec.replicas > 0).collect();
        let old_pods_count: i32 = old.iter().map(|i| self.rss[*i].spec.replicas).sum();
        if old_pods_count == 0 {
            return false;
        }
        let all_pods_count: i32 = self.rss.iter().map(|rs| rs.spec.replicas).sum();
        let max_unavailable = util::max_unavailable(&self.d);
        let min_available = self.d.spec.replicas - max_unavailable;
        let new_rs_unavailable = self.rss[new].spec.replicas - self.rss[new].status.available_replicas;
        let max_scaled_down = all_pods_count - min_available - new_rs_unavailable;
        if max_scaled_down <= 0 {
            return false;
        }
        let cleanup_count = self.cleanup_unhealthy_replicas(&old, max_scaled_down, min_available, new_rs_unavailable);
        let scaled_down_count = self.scale_down_old_replica_sets_for_rolling_update(&old);
        cleanup_count + scaled_down_count > 0
    }

    /// `cleanupUnhealthyReplicas`: first remove old pods that are not available anyway, oldest
    /// ReplicaSet first, within the budget.
    fn cleanup_unhealthy_replicas(
        &mut self,
        old: &[usize],
        max_cleanup_count: i32,
        min_available: i32,
        new_unavailable: i32,
    ) -> i32 {
        // `old` is oldest first, as `self.rss` is.
        let mut total = 0;
        for &i in old {
            if total >= max_cleanup_count {
                break;
            }
            let rs = &self.rss[i];
            if rs.spec.replicas == 0 || rs.spec.replicas == rs.status.available_replicas {
                continue;
            }
            let count = (max_cleanup_count - total).min(rs.spec.replicas - rs.status.available_replicas);
            let target = rs.spec.replicas - count;
            let why = Why::UnhealthyOldPods { count, budget: max_cleanup_count, min_available, new_unavailable };
            self.scale_replica_set_and_record_event(i, target, why);
            total += count;
        }
        total
    }

    /// `scaleDownOldReplicaSetsForRollingUpdate`: remove as many old pods as there are available
    /// pods above `replicas − maxUnavailable`, oldest ReplicaSet first.
    fn scale_down_old_replica_sets_for_rolling_update(&mut self, old: &[usize]) -> i32 {
        let max_unavailable = util::max_unavailable(&self.d);
        let min_available = self.d.spec.replicas - max_unavailable;
        let available: i32 = self.rss.iter().map(|rs| rs.status.available_replicas).sum();
        if available <= min_available {
            return 0;
        }
        let total_scale_down = available - min_available;
        let why = Why::AvailableAboveMinimum { available, max_unavailable, min_available, can_go: total_scale_down };
        let mut total = 0;
        // `old` is oldest first, as `self.rss` is.
        for &i in old {
            if total >= total_scale_down {
                break;
            }
            if self.rss[i].spec.replicas == 0 {
                continue;
            }
            let count = self.rss[i].spec.replicas.min(total_scale_down - total);
            let target = self.rss[i].spec.replicas - count;
            self.scale_replica_set_and_record_event(i, target, why.clone());
            total += count;
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::super::*;
    use crate::sim::objects::IntOrPercent::Int;

    /// From TestDeploymentController_reconcileNewReplicaSet: 10 replicas, surge 2, unavailable 0:
    /// the new ReplicaSet goes 0→2 while the old one stays at 10.
    #[test]
    fn new_replica_set_grows_by_the_surge_first() {
        let mut d = deployment("web", "app:v2", 10, Int(2), Int(0));
        let old = rs_for(&deployment("web", "app:v1", 10, Int(2), Int(0)), 10, 10, 1);
        d.metadata.annotations.insert(REVISION_ANNOTATION.into(), "1".into());
        let out = sync(&d, &[old], &[]);
        let created = out.commands.iter().find_map(|c| match c {
            Command::CreateReplicaSet(rs) => Some(rs.clone()),
            _ => None,
        });
        let created = created.expect("a new ReplicaSet");
        assert_eq!(created.spec.replicas, 2);
        assert_eq!(created.revision(), 2);
        assert_eq!(created.metadata.annotations[MAX_REPLICAS_ANNOTATION], "12");
        assert!(!out.commands.iter().any(|c| matches!(c, Command::UpdateReplicaSet(rs) if rs.spec.replicas < 10)));
    }

    fn created(out: &SyncOutput) -> ReplicaSet {
        let created = out.commands.iter().find_map(|c| match c {
            Command::CreateReplicaSet(rs) => Some(rs.clone()),
            _ => None,
        });
        created.expect("a new ReplicaSet")
    }

    /// The apiserver accepts `maxSurge: 2147483647`; upstream then computes `replicas + maxSurge`
    /// in Go's int32, which wraps to a negative total, so `NewRSNewReplicas` never scales up and
    /// the rollout stalls. The same here: no overflow panic, the same decision, and an
    /// explanation that says why instead of "allows -2147483645 pods in total".
    #[test]
    fn a_surge_past_int32_wraps_as_upstream_and_never_scales_up() {
        let mut d = deployment("web", "app:v2", 4, Int(i32::MAX), Int(0));
        let old = rs_for(&deployment("web", "app:v1", 4, Int(i32::MAX), Int(0)), 4, 4, 1);
        d.metadata.annotations.insert(REVISION_ANNOTATION.into(), "1".into());
        assert!(util::max_total_overflows(&d));
        assert_eq!(util::max_total_pods(&d), 4i32.wrapping_add(i32::MAX));
        let out = sync(&d, std::slice::from_ref(&old), &[]);
        let new = created(&out);
        assert_eq!(new.spec.replicas, 0, "a real controller's negative total allows no new pod");
        assert_eq!(new.metadata.annotations[MAX_REPLICAS_ANNOTATION], (-2147483645).to_string());
        assert!(updated(&out, &old.metadata.name).is_none_or(|rs| rs.spec.replicas == 4));
        let syncer = Syncer {
            d: std::borrow::Cow::Borrowed(&d),
            rss: vec![std::borrow::Cow::Borrowed(&old), std::borrow::Cow::Borrowed(&new)],
            pods: &[],
            now: SimTime::from_secs(100),
            out: SyncOutput::default(),
        };
        let why = syncer.scale_up_reason(0);
        assert!(
            matches!(why, Why::SurgeOverflows { replicas: 4, max_surge: i32::MAX, max_total: -2147483645 }),
            "{why:?}"
        );
    }

    /// `MaxRevision` starts from 0: an old ReplicaSet annotated with revision -5 counts as none,
    /// so the new one is revision 1 (not -4).
    #[test]
    fn max_revision_starts_from_zero() {
        let d = deployment("web", "app:v2", 4, Int(1), Int(0));
        let old = rs_for(&deployment("web", "app:v1", 4, Int(1), Int(0)), 4, 4, -5);
        assert_eq!(created(&sync(&d, &[old], &[])).revision(), 1);
    }

    /// A revision at i64::MAX: the next is Go's wrapped int64 sum, -9223372036854775808, which
    /// `SetNewReplicaSetAnnotations` does not write (the new ReplicaSet's 0 is not lower), and
    /// nothing panics.
    #[test]
    fn a_revision_at_the_int64_limit_wraps_as_go_does() {
        let d = deployment("web", "app:v2", 4, Int(1), Int(0));
        let old = rs_for(&deployment("web", "app:v1", 4, Int(1), Int(0)), 4, 4, i64::MAX);
        let new = created(&sync(&d, &[old], &[]));
        assert_eq!(new.metadata.annotations.get(REVISION_ANNOTATION), None);
    }

    /// Replicas at the int32 limit with a 25% surge: the sum wraps, no panic.
    #[test]
    fn replicas_at_the_int32_limit_do_not_panic() {
        let d = deployment("web", "app:v2", i32::MAX, IntOrPercent::Percent(25), IntOrPercent::Percent(25));
        let old = rs_for(&deployment("web", "app:v1", i32::MAX, Int(1), Int(0)), i32::MAX, i32::MAX, 1);
        let out = sync(&d, &[old], &[]);
        assert!(!out.commands.is_empty());
    }

    /// maxSurge = maxUnavailable = 0 (only possible in tests): the fallback unavailable is 1, so an
    /// old ReplicaSet with 10 available pods goes to 9.
    #[test]
    fn zero_zero_fallback_scales_the_old_one_down_by_one() {
        let d = deployment("web", "app:v2", 10, Int(0), Int(0));
        let old = rs_for(&deployment("web", "app:v1", 10, Int(0), Int(0)), 10, 10, 1);
        let mut new = rs_for(&d, 0, 0, 2);
        new.metadata.creation_timestamp = SimTime::from_secs(5);
        let out = sync(&d, &[old.clone(), new], &[]);
        let scaled = updated(&out, &old.metadata.name).expect("old scaled");
        assert_eq!(scaled.spec.replicas, 9);
    }

    /// Unavailable new pods block the old ReplicaSet's scale-down (the `newRSUnavailable` term).
    #[test]
    fn unavailable_new_pods_block_scale_down() {
        let d = deployment("web", "app:v2", 4, Int(1), Int(1));
        let old = rs_for(&deployment("web", "app:v1", 4, Int(1), Int(1)), 3, 3, 1);
        let mut new = rs_for(&d, 2, 0, 2);
        new.metadata.creation_timestamp = SimTime::from_secs(5);
        // all = 5, minAvailable = 3, newUnavailable = 2 → budget 0.
        let out = sync(&d, &[old.clone(), new], &[]);
        assert!(updated(&out, &old.metadata.name).is_none());
        assert!(!out.decisions.iter().any(|x| x.reason == "ScalingReplicaSet"));
    }

    /// Scale-down uses available pods, not ready ones, and removes from the oldest ReplicaSet first.
    #[test]
    fn oldest_replica_set_shrinks_first() {
        let d = deployment("web", "app:v3", 4, Int(1), Int(1));
        let mut v1 = rs_for(&deployment("web", "app:v1", 4, Int(1), Int(1)), 2, 2, 1);
        v1.metadata.creation_timestamp = SimTime::from_secs(1);
        let mut v2 = rs_for(&deployment("web", "app:v2", 4, Int(1), Int(1)), 2, 2, 2);
        v2.metadata.creation_timestamp = SimTime::from_secs(2);
        let mut v3 = rs_for(&d, 1, 1, 3);
        v3.metadata.creation_timestamp = SimTime::from_secs(3);
        // all 5, available 5, min 3 → 2 may go; all from v1 (the oldest).
        let out = sync(&d, &[v2.clone(), v3, v1.clone()], &[]);
        assert_eq!(updated(&out, &v1.metadata.name).map(|r| r.spec.replicas), Some(0));
        assert!(updated(&out, &v2.metadata.name).is_none());
    }

    /// A scaling step ends the pass: a sync that scales the new ReplicaSet up does not also
    /// scale an old one down.
    #[test]
    fn one_scaling_step_per_sync() {
        let d = deployment("web", "app:v2", 4, Int(1), Int(1));
        let old = rs_for(&deployment("web", "app:v1", 4, Int(1), Int(1)), 4, 4, 1);
        let mut new = rs_for(&d, 0, 0, 2);
        new.metadata.creation_timestamp = SimTime::from_secs(5);
        let out = sync(&d, &[old.clone(), new.clone()], &[]);
        assert_eq!(updated(&out, &new.metadata.name).map(|r| r.spec.replicas), Some(1));
        assert!(updated(&out, &old.metadata.name).is_none());
    }

    /// Creating the new ReplicaSet is not a scale-up step: the same sync goes on to scale the old
    /// one down (4 replicas, 25%/25%: new 1, old 3, as `kubectl describe` shows right after
    /// `set image`).
    #[test]
    fn creating_the_new_replica_set_does_not_end_the_pass() {
        let d = deployment("web", "app:v2", 4, IntOrPercent::Percent(25), IntOrPercent::Percent(25));
        let old = rs_for(&deployment("web", "app:v1", 4, Int(1), Int(1)), 4, 4, 1);
        let out = sync(&d, std::slice::from_ref(&old), &[]);
        assert!(out.commands.iter().any(|c| matches!(c, Command::CreateReplicaSet(rs) if rs.spec.replicas == 1)));
        assert_eq!(updated(&out, &old.metadata.name).map(|r| r.spec.replicas), Some(3));
        let messages: Vec<_> = out.decisions.iter().map(|x| x.message.clone()).collect();
        assert!(messages[0].starts_with("Scaled up replica set web-"), "{messages:?}");
        assert!(messages[0].ends_with(" from 0 to 1"), "{messages:?}");
        assert_eq!(messages[1], format!("Scaled down replica set {} from 4 to 3", old.metadata.name));
    }
}
