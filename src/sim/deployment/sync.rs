//! Scaling and the paused path (`pkg/controller/deployment/sync.go`): proportional scaling,
//! `sync`, and the revision-history cleanup.

use std::cmp::Ordering;

use super::{by_creation, util, Syncer};
use crate::sim::objects::*;
use crate::sim::why::Why;

/// `integer.RoundToInt32`: half away from zero.
fn round_to_i32(x: f64) -> i32 {
    x.round() as i32
}

impl Syncer<'_> {
    /// `sync`: used while paused and for scaling events. Scales, cleans up while paused, and
    /// updates the status counts; never creates a ReplicaSet and never touches Progressing.
    pub(crate) fn sync(&mut self) {
        let new = self.get_all_replica_sets_and_sync_revision(false);
        self.scale(new);
        if self.d.spec.paused {
            self.cleanup_deployment(new);
        }
        self.sync_deployment_status(new);
    }

    /// `scale`: brings the ReplicaSets to the Deployment's size, proportionally when more than
    /// one is active.
    fn scale(&mut self, new: Option<usize>) {
        let replicas = self.d.spec.replicas;
        if let Some(i) = self.find_active_or_latest(new) {
            if self.rss[i].spec.replicas == replicas {
                return;
            }
            self.scale_replica_set_and_record_event(i, replicas, Why::OnlyActive { replicas });
            return;
        }
        if let Some(n) = new {
            if util::is_saturated(&self.d, &self.rss[n]) {
                for i in self.old_indices(new) {
                    if self.rss[i].spec.replicas > 0 {
                        self.scale_replica_set_and_record_event(i, 0, Why::NewSaturated);
                    }
                }
                return;
            }
        }
        if !matches!(self.d.spec.strategy, Strategy::RollingUpdate { .. }) {
            return;
        }
        let mut active: Vec<usize> = (0..self.rss.len()).filter(|i| self.rss[*i].spec.replicas > 0).collect();
        let all_replicas = util::sum(active.iter().map(|i| self.rss[*i].spec.replicas));
        let allowed = if replicas > 0 { util::max_total_pods(&self.d) } else { 0 };
        let to_add = allowed.wrapping_sub(all_replicas);
        // Largest first; ties go to the newer when scaling up (`ReplicaSetsBySizeNewer`) and to
        // the older when scaling down (`ReplicaSetsBySizeOlder`).
        let (op, newer_first) = match to_add.cmp(&0) {
            Ordering::Greater => ("up", true),
            Ordering::Less => ("down", false),
            Ordering::Equal => ("", false),
        };
        if to_add != 0 {
            active.sort_by(|a, b| {
                let (ra, rb) = (&self.rss[*a], &self.rss[*b]);
                let age = if newer_first { by_creation(rb, ra) } else { by_creation(ra, rb) };
                rb.spec.replicas.cmp(&ra.spec.replicas).then(age)
            });
        }
        let mut added = 0;
        let mut sizes: Vec<i32> = Vec::with_capacity(active.len());
        for &i in &active {
            let mut size = self.rss[i].spec.replicas;
            if to_add != 0 {
                let proportion = self.get_proportion(i, to_add, added);
                size += proportion;
                added += proportion;
            }
            sizes.push(size);
        }
        // The leftover goes to the first (largest) ReplicaSet.
        if let Some(first) = sizes.first_mut().filter(|_| to_add != 0) {
            *first = (*first + to_add - added).max(0);
        }
        let why = Why::Proportional { replicas, allowed, max_surge: util::max_surge(&self.d) };
        for (&i, &size) in active.iter().zip(&sizes) {
            self.scale_replica_set(i, size, op, why.clone());
        }
    }

    /// `FindActiveOrLatest`: the one active ReplicaSet, or the newest when none is active.
    fn find_active_or_latest(&self, new: Option<usize>) -> Option<usize> {
        if self.rss.is_empty() {
            return None;
        }
        let active: Vec<usize> = (0..self.rss.len()).filter(|i| self.rss[*i].spec.replicas > 0).collect();
        match active.len() {
            // None active: the new one, or else the newest old one (`self.rss` is oldest first).
            0 => new.or_else(|| self.old_indices(new).last().copied()),
            1 => Some(active[0]),
            _ => None,
        }
    }

    /// `GetProportion` and `getReplicaSetFraction`.
    fn get_proportion(&self, i: usize, to_add: i32, added: i32) -> i32 {
        let rs = &self.rss[i];
        if rs.spec.replicas == 0 || to_add == 0 || to_add == added {
            return 0;
        }
        let fraction = if self.d.spec.replicas == 0 {
            -rs.spec.replicas
        } else {
            let max_now = util::max_total_pods(&self.d);
            let before = match rs.metadata.annotation_i64(MAX_REPLICAS_ANNOTATION) {
                Some(v) if v != 0 => v as i32,
                _ => self.d.status.replicas,
            };
            if before == 0 {
                0
            } else {
                round_to_i32(f64::from(rs.spec.replicas) * f64::from(max_now) / f64::from(before)) - rs.spec.replicas
            }
        };
        let allowed = to_add - added;
        if to_add > 0 {
            fraction.min(allowed)
        } else {
            fraction.max(allowed)
        }
    }

    /// `cleanupDeployment`: deletes the oldest old ReplicaSets beyond `revisionHistoryLimit`,
    /// only those already scaled to zero.
    pub(crate) fn cleanup_deployment(&mut self, new: Option<usize>) {
        let Some(limit) = self.d.spec.revision_history_limit else { return };
        let mut cleanable: Vec<usize> =
            self.old_indices(new).into_iter().filter(|i| self.rss[*i].metadata.deletion_timestamp.is_none()).collect();
        let diff = cleanable.len() as i32 - limit;
        if diff <= 0 {
            return;
        }
        // ReplicaSetsByRevision: by revision, ties by creation.
        cleanable.sort_by(|a, b| {
            let (ra, rb) = (&self.rss[*a], &self.rss[*b]);
            ra.revision().cmp(&rb.revision()).then_with(|| by_creation(ra, rb))
        });
        for &i in cleanable.iter().take(diff as usize) {
            let rs = &self.rss[i];
            if rs.status.replicas != 0
                || rs.spec.replicas != 0
                || rs.status.observed_generation != rs.metadata.generation
            {
                continue;
            }
            let name = rs.metadata.name.clone();
            let revision = rs.revision();
            self.rss[i].to_mut().metadata.deletion_timestamp = Some(self.now);
            self.out.commands.push(super::Command::DeleteReplicaSet(name.clone()));
            self.decide_on(
                format!("rs/{name}"),
                "RevisionHistoryCleanup",
                format!("Deleted old replica set {name} (revision {revision})"),
                Why::HistoryLimit { limit },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::super::*;
    use crate::sim::objects::IntOrPercent::Int;

    fn with_max(mut rs: ReplicaSet, desired: i32, max: i32) -> ReplicaSet {
        rs.metadata.annotations.insert(DESIRED_REPLICAS_ANNOTATION.into(), desired.to_string());
        rs.metadata.annotations.insert(MAX_REPLICAS_ANNOTATION.into(), max.to_string());
        rs
    }

    /// TestScale: 5→10 with ReplicaSets 2 (new) and 3 (old) gives 4 and 6.
    #[test]
    fn proportional_scale_up() {
        let mut d = deployment("web", "app:v2", 10, Int(0), Int(1));
        d.spec.paused = true;
        let old = with_max(rs_for(&deployment("web", "app:v1", 5, Int(0), Int(1)), 3, 3, 1), 5, 5);
        let mut new = with_max(rs_for(&d, 2, 2, 2), 5, 5);
        new.metadata.creation_timestamp = SimTime::from_secs(5);
        let out = sync(&d, &[old.clone(), new.clone()], &[]);
        assert_eq!(updated(&out, &new.metadata.name).map(|r| r.spec.replicas), Some(4));
        assert_eq!(updated(&out, &old.metadata.name).map(|r| r.spec.replicas), Some(6));
    }

    /// TestScale: 3→2 with 1, 1, 1: the leftover goes to the first in size-then-older order, the oldest.
    #[test]
    fn proportional_scale_down_takes_from_the_oldest() {
        let mut d = deployment("web", "app:v3", 2, Int(0), Int(1));
        d.spec.paused = true;
        let mut a = with_max(rs_for(&deployment("web", "app:v1", 3, Int(0), Int(1)), 1, 1, 1), 3, 3);
        a.metadata.creation_timestamp = SimTime::from_secs(1);
        let mut b = with_max(rs_for(&deployment("web", "app:v2", 3, Int(0), Int(1)), 1, 1, 2), 3, 3);
        b.metadata.creation_timestamp = SimTime::from_secs(2);
        let mut c = with_max(rs_for(&d, 1, 1, 3), 3, 3);
        c.metadata.creation_timestamp = SimTime::from_secs(3);
        let out = sync(&d, &[a.clone(), b.clone(), c.clone()], &[]);
        assert_eq!(updated(&out, &a.metadata.name).map(|r| r.spec.replicas), Some(0));
        assert_eq!(updated(&out, &b.metadata.name).map(|r| r.spec.replicas), Some(1));
        assert_eq!(updated(&out, &c.metadata.name).map(|r| r.spec.replicas), Some(1));
    }

    /// A paused Deployment with a changed template never creates a ReplicaSet.
    #[test]
    fn paused_never_creates_a_replica_set() {
        let mut d = deployment("web", "app:v2", 3, Int(1), Int(0));
        d.spec.paused = true;
        let old = with_max(rs_for(&deployment("web", "app:v1", 3, Int(1), Int(0)), 3, 3, 1), 3, 4);
        let out = sync(&d, &[old], &[]);
        assert!(!out.commands.iter().any(|c| matches!(c, Command::CreateReplicaSet(_))));
        let status = out.commands.iter().find_map(|c| match c {
            Command::UpdateDeployment { status, .. } => Some(status.clone()),
            _ => None,
        });
        let progressing = status.and_then(|s| s.condition(ConditionType::Progressing).cloned()).unwrap();
        assert_eq!((progressing.status, progressing.reason.as_str()), (ConditionStatus::Unknown, "DeploymentPaused"));
    }

    #[test]
    fn cleanup_keeps_revision_history_limit_old_sets() {
        let mut d = deployment("web", "app:v4", 1, Int(1), Int(0));
        d.spec.revision_history_limit = Some(1);
        d.status = DeploymentStatus {
            observed_generation: 1,
            replicas: 1,
            updated_replicas: 1,
            ready_replicas: 1,
            available_replicas: 1,
            ..Default::default()
        };
        let mut rss = Vec::new();
        for (rev, image) in [(1, "app:v1"), (2, "app:v2"), (3, "app:v3")] {
            let mut rs = rs_for(&deployment("web", image, 1, Int(1), Int(0)), 0, 0, rev);
            rs.metadata.creation_timestamp = SimTime::from_secs(rev as u64);
            rss.push(rs);
        }
        let mut new = with_max(rs_for(&d, 1, 1, 4), 1, 2);
        new.metadata.creation_timestamp = SimTime::from_secs(4);
        rss.push(new);
        let out = sync(&d, &rss, &[]);
        let deleted: Vec<_> = out
            .commands
            .iter()
            .filter_map(|c| match c {
                Command::DeleteReplicaSet(n) => Some(n.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(deleted, vec![rss[0].metadata.name.clone(), rss[1].metadata.name.clone()]);
    }
}
