//! Status and conditions (`sync.go` `calculateStatus`, `progress.go` `syncRolloutStatus`).

use super::{util, Syncer};
use crate::sim::objects::*;
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::why::Why;

pub const NEW_RS_REASON: &str = "NewReplicaSetCreated";
pub const FOUND_NEW_RS_REASON: &str = "FoundNewReplicaSet";
pub const RS_UPDATED_REASON: &str = "ReplicaSetUpdated";
pub const NEW_RS_AVAILABLE_REASON: &str = "NewReplicaSetAvailable";
pub const TIMED_OUT_REASON: &str = "ProgressDeadlineExceeded";
pub const PAUSED_DEPLOY_REASON: &str = "DeploymentPaused";
pub const RESUMED_DEPLOY_REASON: &str = "DeploymentResumed";
/// `FailedCreatePodReason`: the reason of a ReplicaSet's (and so its Deployment's)
/// `ReplicaFailure` condition when a pod create was refused.
pub const FAILED_CREATE_REASON: &str = "FailedCreate";
pub const MIN_REPLICAS_AVAILABLE: &str = "MinimumReplicasAvailable";
pub const MIN_REPLICAS_UNAVAILABLE: &str = "MinimumReplicasUnavailable";

/// `NewDeploymentCondition`: a condition updated and transitioned `now`.
fn new_condition(kind: ConditionType, status: ConditionStatus, reason: &str, message: &str, now: SimTime) -> Condition {
    Condition {
        kind,
        status,
        reason: reason.into(),
        message: message.into(),
        last_update_time: now,
        last_transition_time: now,
    }
}

/// `SetDeploymentCondition`: no change when status and reason are the same; the transition time
/// is kept when only the reason changes; a changed condition moves to the end of the list.
pub fn set_condition(
    status: &mut DeploymentStatus,
    kind: ConditionType,
    cond_status: ConditionStatus,
    reason: &str,
    message: &str,
    now: SimTime,
) {
    let condition = match status.condition(kind) {
        Some(current) if current.status == cond_status && current.reason == reason => return,
        Some(current) if current.status == cond_status => Condition {
            last_transition_time: current.last_transition_time,
            ..new_condition(kind, cond_status, reason, message, now)
        },
        _ => new_condition(kind, cond_status, reason, message, now),
    };
    status.conditions.retain(|c| c.kind != kind);
    status.conditions.push(condition);
}

/// `DeploymentTimedOut`: the Progressing condition was last updated more than
/// progressDeadlineSeconds ago (strictly), unless the rollout already completed.
pub fn deployment_timed_out(d: &Deployment, new_status: &DeploymentStatus, now: SimTime) -> bool {
    let Some(pds) = d.spec.progress_deadline_seconds.filter(|_| util::has_progress_deadline(d)) else {
        return false;
    };
    let Some(cond) = new_status.condition(ConditionType::Progressing) else { return false };
    if cond.reason == NEW_RS_AVAILABLE_REASON {
        return false;
    }
    if cond.reason == TIMED_OUT_REASON {
        return true;
    }
    cond.last_update_time + SimDuration::from_secs(pds.max(0) as u64) < now
}

impl Syncer<'_> {
    /// `calculateStatus`: the counts, and the Available condition.
    pub(crate) fn calculate_status(&self, new: Option<usize>) -> DeploymentStatus {
        let all: Vec<&ReplicaSet> =
            self.rss.iter().map(|rs| &**rs).filter(|rs| rs.metadata.deletion_timestamp.is_none()).collect();
        let available = util::available_replica_count(&all);
        let total = util::replica_count(&all);
        let mut status = DeploymentStatus {
            observed_generation: self.d.metadata.generation,
            replicas: util::actual_replica_count(&all),
            updated_replicas: new.map_or(0, |i| self.rss[i].status.replicas),
            ready_replicas: util::ready_replica_count(&all),
            available_replicas: available,
            unavailable_replicas: (total - available).max(0),
            conditions: self.d.status.conditions.clone(),
        };
        let (cond_status, reason, message) = if available >= self.d.spec.replicas - util::max_unavailable(&self.d) {
            (ConditionStatus::True, MIN_REPLICAS_AVAILABLE, "Deployment has minimum availability.")
        } else {
            (ConditionStatus::False, MIN_REPLICAS_UNAVAILABLE, "Deployment does not have minimum availability.")
        };
        set_condition(&mut status, ConditionType::Available, cond_status, reason, message, self.now);
        status
    }

    /// `syncDeploymentStatus`: counts only (the paused and scaling path).
    pub(crate) fn sync_deployment_status(&mut self, new: Option<usize>) {
        let status = self.calculate_status(new);
        self.note_availability_change(&status);
        if status != self.d.status {
            self.d.to_mut().status = status;
        }
    }

    /// `syncRolloutStatus`: counts plus the Progressing condition.
    pub(crate) fn sync_rollout_status(&mut self, new: Option<usize>) {
        let mut status = self.calculate_status(new);
        // getReplicaFailures: the new ReplicaSet's ReplicaFailure condition (else an old one's)
        // moves into the Deployment's conditions, and goes when no ReplicaSet has one.
        let failure = new
            .map(|i| &self.rss[i])
            .into_iter()
            .chain(self.rss.iter())
            .find_map(|rs| rs.status.replica_failure.as_deref());
        match failure {
            Some(message) => set_condition(
                &mut status,
                ConditionType::ReplicaFailure,
                ConditionStatus::True,
                FAILED_CREATE_REASON,
                message,
                self.now,
            ),
            None => status.conditions.retain(|c| c.kind != ConditionType::ReplicaFailure),
        }
        if !util::has_progress_deadline(&self.d) {
            status.conditions.retain(|c| c.kind != ConditionType::Progressing);
        }
        // What this needs of the current Progressing condition (not a copy of it on every sync).
        let current = self.d.status.condition(ConditionType::Progressing);
        let was_complete = current.is_some_and(|c| c.reason == NEW_RS_AVAILABLE_REASON);
        let already = current.is_some_and(|c| c.reason == TIMED_OUT_REASON);
        let true_since = current.filter(|c| c.status == ConditionStatus::True).map(|c| c.last_transition_time);
        let is_complete = status.replicas == status.updated_replicas && was_complete;
        // Made only for a message, which most syncs do not write.
        let subject = || match new {
            Some(i) => format!("ReplicaSet {:?}", self.rss[i].metadata.name),
            None => format!("Deployment {:?}", self.d.metadata.name),
        };
        if util::has_progress_deadline(&self.d) && !is_complete {
            if util::deployment_complete(&self.d, &status) {
                let msg = format!("{} has successfully progressed.", subject());
                set_condition(
                    &mut status,
                    ConditionType::Progressing,
                    ConditionStatus::True,
                    NEW_RS_AVAILABLE_REASON,
                    &msg,
                    self.now,
                );
                self.decide(NEW_RS_AVAILABLE_REASON, msg, Why::Complete);
            } else if util::deployment_progressing(&self.d, &status) {
                // Unlike set_condition, progress always refreshes lastUpdateTime, even when the
                // reason stays ReplicaSetUpdated: that is what restarts the deadline clock.
                let msg = format!("{} is progressing.", subject());
                let mut condition =
                    new_condition(ConditionType::Progressing, ConditionStatus::True, RS_UPDATED_REASON, &msg, self.now);
                if let Some(t) = true_since {
                    condition.last_transition_time = t;
                }
                status.conditions.retain(|c| c.kind != ConditionType::Progressing);
                status.conditions.push(condition);
            } else if deployment_timed_out(&self.d, &status, self.now) {
                let msg = format!("{} has timed out progressing.", subject());
                set_condition(
                    &mut status,
                    ConditionType::Progressing,
                    ConditionStatus::False,
                    TIMED_OUT_REASON,
                    &msg,
                    self.now,
                );
                if !already {
                    let seconds = self.d.spec.progress_deadline_seconds.unwrap_or_default();
                    self.decide(TIMED_OUT_REASON, msg, Why::DeadlineExceeded { seconds });
                }
            }
        }
        self.note_availability_change(&status);
        if status != self.d.status {
            self.d.to_mut().status = status;
        }
    }

    fn note_availability_change(&mut self, status: &DeploymentStatus) {
        let before = self.d.status.condition(ConditionType::Available).map(|c| c.status);
        let after = status.condition(ConditionType::Available).map(|c| c.status);
        if before != after && before.is_some() {
            let required = self.d.spec.replicas - util::max_unavailable(&self.d);
            let available = status.available_replicas;
            let (reason, why) = if after == Some(ConditionStatus::True) {
                (MIN_REPLICAS_AVAILABLE, Why::MinimumAvailable { available, required })
            } else {
                (MIN_REPLICAS_UNAVAILABLE, Why::BelowMinimum { available, required })
            };
            let msg = status.condition(ConditionType::Available).map(|c| c.message.clone()).unwrap_or_default();
            self.decide(reason, msg, why);
        }
    }
}
