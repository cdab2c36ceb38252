//! Recreate (`pkg/controller/deployment/recreate.go`).

use super::{util, Syncer};
use crate::sim::objects::PodPhase;
use crate::sim::why::Why;

impl Syncer<'_> {
    /// `rolloutRecreate`: every old ReplicaSet to 0, wait until no old pod runs, then the new
    /// ReplicaSet to full size in one step.
    pub(crate) fn rollout_recreate(&mut self) {
        let new = self.get_all_replica_sets_and_sync_revision(false);
        if self.scale_down_old_replica_sets_for_recreate(new) {
            self.sync_rollout_status(new);
            return;
        }
        if self.old_pods_running(new) {
            self.sync_rollout_status(new);
            return;
        }
        let new = match new {
            Some(i) => i,
            None => self.get_all_replica_sets_and_sync_revision(true).expect("created when missing"),
        };
        let replicas = self.d.spec.replicas;
        self.scale_replica_set_and_record_event(new, replicas, Why::RecreateOldGone { replicas });
        if util::deployment_complete(&self.d, &self.d.status) {
            self.cleanup_deployment(Some(new));
        }
        self.sync_rollout_status(Some(new));
    }

    /// `scaleDownOldReplicaSetsForRecreate`.
    fn scale_down_old_replica_sets_for_recreate(&mut self, new: Option<usize>) -> bool {
        let mut scaled = false;
        for i in self.old_indices(new) {
            if self.rss[i].spec.replicas == 0 {
                continue;
            }
            if self.scale_replica_set_and_record_event(i, 0, Why::RecreateStopsOldFirst) {
                scaled = true;
            }
        }
        scaled
    }

    /// `oldPodsRunning`: an old ReplicaSet still counts pods, or a pod of a ReplicaSet other than
    /// the new one is in any phase but Failed or Succeeded (terminating pods included).
    fn old_pods_running(&self, new: Option<usize>) -> bool {
        let old = self.old_indices(new);
        if old.iter().map(|i| self.rss[*i].status.replicas).sum::<i32>() > 0 {
            return true;
        }
        let new_name = new.map(|i| self.rss[i].metadata.name.as_str());
        self.pods
            .iter()
            .filter(|(owner, _)| Some(*owner) != new_name)
            .any(|(_, phase)| !matches!(phase, PodPhase::Failed | PodPhase::Succeeded))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::super::*;

    fn recreate(image: &str, replicas: i32) -> Deployment {
        let mut d = Deployment::new("web", image, replicas);
        d.spec.strategy = Strategy::Recreate;
        d
    }

    #[test]
    fn scales_every_old_replica_set_to_zero_first() {
        let d = recreate("app:v2", 3);
        let old = rs_for(&recreate("app:v1", 3), 3, 3, 1);
        let out = sync(&d, std::slice::from_ref(&old), &[]);
        assert_eq!(updated(&out, &old.metadata.name).map(|r| r.spec.replicas), Some(0));
        assert!(!out.commands.iter().any(|c| matches!(c, Command::CreateReplicaSet(_))));
    }

    #[test]
    fn waits_while_an_old_pod_is_still_terminating() {
        let d = recreate("app:v2", 3);
        let old = rs_for(&recreate("app:v1", 3), 0, 0, 1);
        let pods = [(old.metadata.name.as_str(), PodPhase::Running)];
        let out = sync(&d, std::slice::from_ref(&old), &pods);
        assert!(!out.commands.iter().any(|c| matches!(c, Command::CreateReplicaSet(_))));
        // Once the pod has gone, the new ReplicaSet is created at full size in one step.
        let out = sync(&d, &[old], &[]);
        let created = out.commands.iter().find_map(|c| match c {
            Command::CreateReplicaSet(rs) => Some(rs.spec.replicas),
            _ => None,
        });
        assert_eq!(created, Some(3));
    }
}
