//! The Deployment controller (`pkg/controller/deployment`), one `syncDeployment` at a time.
//!
//! [`sync_deployment`] is pure: it takes the Deployment, the ReplicaSets it owns and their pods as
//! the controller's informers would show them, and returns what the controller would write
//! ([`Command`]s) and the decisions it made, each with its reason ([`Decision`]). Only the world
//! applies commands. Inside one sync the controller works on local copies, as the real one works
//! on the objects the apiserver returned, so later steps of a sync see earlier ones.

pub mod progress;
pub mod recreate;
pub mod rollback;
pub mod rolling;
pub mod sync;
pub mod util;

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::sim::objects::*;
use crate::sim::time::SimTime;
use crate::sim::why::Why;

/// A write the Deployment controller makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    CreateReplicaSet(ReplicaSet),
    /// The ReplicaSet with a new `spec.replicas`, annotations or minReadySeconds.
    UpdateReplicaSet(ReplicaSet),
    DeleteReplicaSet(String),
    /// The Deployment's metadata (its revision annotation) and status.
    UpdateDeployment {
        annotations: Labels,
        status: DeploymentStatus,
    },
}

/// One controller decision: a Kubernetes event where Kubernetes records one, plus the reason in
/// plain words for the "why did it do that" explanations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// `kind/name` of the object the event is about.
    pub object: String,
    /// The event reason (`ScalingReplicaSet`) or, for decisions Kubernetes records no event for,
    /// a descriptive name.
    pub reason: String,
    /// The event message as `kubectl describe` prints it.
    pub message: String,
    /// Why, as data ("maxSurge 1 allows 5 pods in total; 4 exist" once rendered).
    pub why: Why,
}

/// What one sync read: the informers' view.
#[derive(Clone, Copy, Debug)]
pub struct SyncInput<'a> {
    pub deployment: &'a Deployment,
    /// The ReplicaSets this Deployment controls.
    pub replica_sets: &'a [&'a ReplicaSet],
    /// Phases of the pods of each ReplicaSet (name of owner, phase), terminating ones included:
    /// Recreate waits until no old pod runs.
    pub pods: &'a [(&'a str, PodPhase)],
    pub now: SimTime,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncOutput {
    pub commands: Vec<Command>,
    pub decisions: Vec<Decision>,
}

/// The controller's working state during one sync.
pub(crate) struct Syncer<'a> {
    /// The Deployment as this sync leaves it, copied only when the sync writes its annotations
    /// or status (a steady rollout writes neither on most ticks).
    pub d: Cow<'a, Deployment>,
    /// The ReplicaSets, kept oldest first (`ReplicaSetsByCreationTimestamp`): a created
    /// ReplicaSet is the newest and goes last. Each is copied only when the sync writes it (most
    /// syncs write none, and a copy of every ReplicaSet on every tick was most of the engine's
    /// work).
    pub rss: Vec<Cow<'a, ReplicaSet>>,
    pub pods: &'a [(&'a str, PodPhase)],
    pub now: SimTime,
    pub out: SyncOutput,
}

/// `ReplicaSetsByCreationTimestamp`: oldest first, ties by name.
pub(crate) fn by_creation(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    a.metadata
        .creation_timestamp
        .cmp(&b.metadata.creation_timestamp)
        .then_with(|| a.metadata.name.cmp(&b.metadata.name))
}

/// `syncDeployment` (deployment_controller.go): one pass of the controller for one Deployment.
pub fn sync_deployment(input: SyncInput<'_>) -> SyncOutput {
    let mut s = Syncer {
        d: Cow::Borrowed(input.deployment),
        rss: input.replica_sets.iter().map(|rs| Cow::Borrowed(*rs)).collect(),
        pods: input.pods,
        now: input.now,
        out: SyncOutput::default(),
    };
    s.rss.sort_by(|a, b| by_creation(a, b));

    // An empty selector selects every pod; the controller refuses to act on it.
    if s.d.spec.selector.is_empty() {
        s.decide(
            "SelectingAll",
            "This deployment is selecting all pods. A non-empty selector is required.",
            Why::EmptySelector,
        );
        if s.d.status.observed_generation < s.d.metadata.generation {
            let d = s.d.to_mut();
            d.status.observed_generation = d.metadata.generation;
        }
        s.flush_deployment(input.deployment);
        return s.out;
    }

    s.check_paused_conditions();
    // Paused, or a scaling event (checked only when not paused, as upstream): scale only.
    if s.d.spec.paused || s.is_scaling_event() {
        s.sync();
    } else {
        match s.d.spec.strategy {
            Strategy::Recreate => s.rollout_recreate(),
            Strategy::RollingUpdate { .. } => s.rollout_rolling(),
        }
    }
    s.flush_deployment(input.deployment);
    s.out
}

impl Syncer<'_> {
    /// Records a decision about the Deployment itself.
    pub fn decide(&mut self, reason: &str, message: impl Into<String>, why: Why) {
        let object = format!("deployment/{}", self.d.metadata.name);
        self.decide_on(object, reason, message, why);
    }

    /// Records a decision about `object` (`rs/NAME`).
    pub fn decide_on(&mut self, object: String, reason: &str, message: impl Into<String>, why: Why) {
        self.out.decisions.push(Decision { object, reason: reason.into(), message: message.into(), why });
    }

    /// Writes the Deployment if its annotations or status changed during the sync.
    fn flush_deployment(&mut self, original: &Deployment) {
        let Cow::Owned(d) = &self.d else { return };
        if d.metadata.annotations != original.metadata.annotations || d.status != original.status {
            self.out.commands.push(Command::UpdateDeployment {
                annotations: self.d.metadata.annotations.clone(),
                status: self.d.status.clone(),
            });
        }
    }

    /// `FindNewReplicaSet`: the oldest ReplicaSet whose template equals the Deployment's,
    /// ignoring the `pod-template-hash` label.
    pub fn find_new_replica_set(&self) -> Option<usize> {
        self.rss.iter().position(|rs| rs.spec.template.eq_ignore_hash(&self.d.spec.template))
    }

    /// The indices of the ReplicaSets that are not the new one (`FindOldReplicaSets`).
    pub fn old_indices(&self, new: Option<usize>) -> Vec<usize> {
        (0..self.rss.len()).filter(|i| Some(*i) != new).collect()
    }

    /// `MaxRevision` of the old ReplicaSets.
    fn max_old_revision(&self, new: Option<usize>) -> i64 {
        let old = self.rss.iter().enumerate().filter(|(i, _)| Some(*i) != new);
        // From 0, as upstream: a negative revision annotation counts as none.
        old.map(|(_, rs)| rs.revision()).fold(0, i64::max)
    }

    /// `getAllReplicaSetsAndSyncRevision` / `getNewReplicaSet`: finds (and, if asked, creates) the
    /// new ReplicaSet, and brings its revision and the Deployment's revision up to date.
    pub fn get_all_replica_sets_and_sync_revision(&mut self, create_if_not_existed: bool) -> Option<usize> {
        let existing = self.find_new_replica_set();
        // Go's int64 addition: past 9223372036854775807 it wraps, as the real controller's does.
        let new_revision = self.max_old_revision(existing).wrapping_add(1);
        match existing {
            Some(i) => {
                let old = self.rss[i].revision();
                // The ReplicaSet is copied only if something in it changes.
                let annotations_updated =
                    set_new_replica_set_annotations(&self.d, &mut self.rss[i], new_revision, true);
                let min_ready_needs_update = self.rss[i].spec.min_ready_seconds != self.d.spec.min_ready_seconds;
                if annotations_updated || min_ready_needs_update {
                    self.rss[i].to_mut().spec.min_ready_seconds = self.d.spec.min_ready_seconds;
                    let new = self.rss[i].revision();
                    if old != new {
                        let name = self.rss[i].metadata.name.clone();
                        self.decide_on(
                            format!("rs/{name}"),
                            "RevisionUpdated",
                            format!("Revision {old} of replica set {name} is now revision {new}"),
                            Why::TemplateMatchesAgain { revision: new },
                        );
                    }
                    self.out.commands.push(Command::UpdateReplicaSet((*self.rss[i]).clone()));
                }
                let revision = self.rss[i].revision();
                set_deployment_revision(&mut self.d, revision);
                if util::has_progress_deadline(&self.d) && self.d.status.condition(ConditionType::Progressing).is_none()
                {
                    let msg = format!("Found new replica set {:?}", self.rss[i].metadata.name);
                    progress::set_condition(
                        &mut self.d.to_mut().status,
                        ConditionType::Progressing,
                        ConditionStatus::True,
                        progress::FOUND_NEW_RS_REASON,
                        &msg,
                        self.now,
                    );
                }
                Some(i)
            }
            None if !create_if_not_existed => None,
            None => Some(self.create_new_replica_set(new_revision)),
        }
    }

    fn create_new_replica_set(&mut self, new_revision: i64) -> usize {
        let hash = util::compute_hash(&self.d.spec.template);
        let mut template = self.d.spec.template.clone();
        template.labels.insert(POD_TEMPLATE_HASH_LABEL.into(), hash.clone());
        let mut selector = self.d.spec.selector.clone();
        selector.insert(POD_TEMPLATE_HASH_LABEL.into(), hash.clone());
        let name = format!("{}-{}", self.d.metadata.name, hash);
        let mut rs = ReplicaSet {
            metadata: ObjectMeta {
                name: name.clone(),
                uid: 0,
                labels: template.labels.clone(),
                annotations: Labels::new(),
                creation_timestamp: self.now,
                deletion_timestamp: None,
                generation: 1,
                owner: Some(self.d.metadata.name.clone()),
            },
            spec: ReplicaSetSpec { replicas: 0, selector, template, min_ready_seconds: self.d.spec.min_ready_seconds },
            status: ReplicaSetStatus::default(),
        };
        let all: Vec<&ReplicaSet> = self.rss.iter().map(|rs| &**rs).chain(std::iter::once(&rs)).collect();
        let new_replicas = util::new_rs_new_replicas(&self.d, &all, &rs);
        // The new ReplicaSet wants 0 so far: the sum over the others is the sum over all.
        let why = self.scale_up_reason(new_replicas);
        rs.spec.replicas = new_replicas;
        let mut rs = Cow::Owned(rs);
        set_new_replica_set_annotations(&self.d, &mut rs, new_revision, false);
        self.out.commands.push(Command::CreateReplicaSet((*rs).clone()));
        let why = Why::NewReplicaSet { revision: new_revision, sizing: Box::new(why) };
        if new_replicas > 0 {
            self.decide("ScalingReplicaSet", format!("Scaled up replica set {name} from 0 to {new_replicas}"), why);
        } else {
            self.decide("ReplicaSetCreated", format!("Created new replica set {name:?} with 0 replicas"), why);
        }
        set_deployment_revision(&mut self.d, new_revision);
        if util::has_progress_deadline(&self.d) {
            let msg = format!("Created new replica set {name:?}");
            progress::set_condition(
                &mut self.d.to_mut().status,
                ConditionType::Progressing,
                ConditionStatus::True,
                progress::NEW_RS_REASON,
                &msg,
                self.now,
            );
        }
        self.rss.push(rs);
        self.rss.len() - 1
    }

    /// Why the new ReplicaSet gets the size `target` (`NewRSNewReplicas`).
    pub fn scale_up_reason(&self, target: i32) -> Why {
        match self.d.spec.strategy {
            Strategy::Recreate => Why::RecreateAllAtOnce { replicas: self.d.spec.replicas },
            Strategy::RollingUpdate { .. } => {
                let max_surge = util::max_surge(&self.d);
                if util::max_total_overflows(&self.d) {
                    return Why::SurgeOverflows {
                        replicas: self.d.spec.replicas,
                        max_surge,
                        max_total: util::max_total_pods(&self.d),
                    };
                }
                Why::SurgeRoom {
                    max_surge,
                    max_total: util::max_total_pods(&self.d),
                    wanted: util::sum(self.rss.iter().map(|rs| rs.spec.replicas)),
                    target,
                }
            }
        }
    }

    /// `scaleReplicaSetAndRecordEvent`: does nothing when the size is already right.
    pub fn scale_replica_set_and_record_event(&mut self, i: usize, new_scale: i32, why: Why) -> bool {
        if self.rss[i].spec.replicas == new_scale {
            return false;
        }
        let op = if self.rss[i].spec.replicas < new_scale { "up" } else { "down" };
        self.scale_replica_set(i, new_scale, op, why)
    }

    /// `scaleReplicaSet`: writes the size and the replicas annotations; an event when the size changed.
    pub fn scale_replica_set(&mut self, i: usize, new_scale: i32, op: &str, why: Why) -> bool {
        let desired = self.d.spec.replicas;
        let max = util::max_total_pods(&self.d);
        let size_needs_update = self.rss[i].spec.replicas != new_scale;
        let annotations_need_update = replicas_annotations_need_update(&self.rss[i], desired, max);
        if !(size_needs_update || annotations_need_update) {
            return false;
        }
        let old_scale = self.rss[i].spec.replicas;
        let mut rs = (*self.rss[i]).clone();
        rs.spec.replicas = new_scale;
        set_replicas_annotations(&mut rs, desired, max);
        self.rss[i] = Cow::Owned(rs.clone());
        self.out.commands.push(Command::UpdateReplicaSet(rs));
        if size_needs_update {
            let name = self.rss[i].metadata.name.clone();
            self.decide(
                "ScalingReplicaSet",
                format!("Scaled {op} replica set {name} from {old_scale} to {new_scale}"),
                why,
            );
        }
        size_needs_update
    }

    /// `isScalingEvent`: an active ReplicaSet was sized for a different `spec.replicas`.
    fn is_scaling_event(&mut self) -> bool {
        self.get_all_replica_sets_and_sync_revision(false);
        let replicas = self.d.spec.replicas;
        self.rss.iter().filter(|rs| rs.spec.replicas > 0).any(|rs| {
            rs.metadata
                .annotation_i64(DESIRED_REPLICAS_ANNOTATION)
                .is_some_and(|desired| desired != i64::from(replicas))
        })
    }

    /// `checkPausedConditions`: Progressing becomes Unknown/DeploymentPaused or DeploymentResumed.
    fn check_paused_conditions(&mut self) {
        if !util::has_progress_deadline(&self.d) {
            return;
        }
        let cond = self.d.status.condition(ConditionType::Progressing);
        if cond.is_some_and(|c| c.reason == progress::TIMED_OUT_REASON) {
            return;
        }
        let paused_cond_exists = cond.is_some_and(|c| c.reason == progress::PAUSED_DEPLOY_REASON);
        if self.d.spec.paused && !paused_cond_exists {
            progress::set_condition(
                &mut self.d.to_mut().status,
                ConditionType::Progressing,
                ConditionStatus::Unknown,
                progress::PAUSED_DEPLOY_REASON,
                "Deployment is paused",
                self.now,
            );
            self.decide("DeploymentPaused", "Deployment is paused", Why::Paused);
        } else if !self.d.spec.paused && paused_cond_exists {
            progress::set_condition(
                &mut self.d.to_mut().status,
                ConditionType::Progressing,
                ConditionStatus::Unknown,
                progress::RESUMED_DEPLOY_REASON,
                "Deployment is resumed",
                self.now,
            );
            self.decide("DeploymentResumed", "Deployment is resumed", Why::Resumed);
        }
    }
}

/// `SetDeploymentRevision`: true when the annotation changed.
fn set_deployment_revision(d: &mut Cow<'_, Deployment>, revision: i64) -> bool {
    if d.metadata.annotations.get(REVISION_ANNOTATION).is_some_and(|v| is_decimal(v, revision)) {
        return false;
    }
    d.to_mut().metadata.annotations.insert(REVISION_ANNOTATION.into(), revision.to_string());
    true
}

/// Annotations a Deployment never passes to its ReplicaSets (`annotationsToSkip`).
fn skip_annotation(key: &str) -> bool {
    matches!(
        key,
        "kubectl.kubernetes.io/last-applied-configuration"
            | REVISION_ANNOTATION
            | REVISION_HISTORY_ANNOTATION
            | DESIRED_REPLICAS_ANNOTATION
            | MAX_REPLICAS_ANNOTATION
            | "deprecated.deployment.rollback.to"
    )
}

/// `SetNewReplicaSetAnnotations`: copies the Deployment's annotations (the change-cause among
/// them), raises the revision to `new_revision` if it is lower (recording the old number in the
/// revision history, which is how a rollback renumbers), and sizes a new ReplicaSet's annotations.
/// A borrowed ReplicaSet is copied only when one of them changes.
pub(crate) fn set_new_replica_set_annotations(
    d: &Deployment,
    rs: &mut Cow<'_, ReplicaSet>,
    new_revision: i64,
    exists: bool,
) -> bool {
    let mut changed = false;
    for (k, v) in &d.metadata.annotations {
        if skip_annotation(k) {
            continue;
        }
        if rs.metadata.annotations.get(k) != Some(v) {
            rs.to_mut().metadata.annotations.insert(k.clone(), v.clone());
            changed = true;
        }
    }
    let old = rs.metadata.annotations.get(REVISION_ANNOTATION);
    let old_int = old.and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    if old_int < new_revision {
        let old = old.cloned();
        let annotations = &mut rs.to_mut().metadata.annotations;
        annotations.insert(REVISION_ANNOTATION.into(), new_revision.to_string());
        changed = true;
        if let Some(old) = old.filter(|o| !o.is_empty()) {
            let history = annotations.get(REVISION_HISTORY_ANNOTATION).cloned().unwrap_or_default();
            let value = if history.is_empty() { old } else { format!("{history},{old}") };
            annotations.insert(REVISION_HISTORY_ANNOTATION.into(), value);
        }
    }
    if !exists && set_replicas_annotations(rs.to_mut(), d.spec.replicas, util::max_total_pods(d)) {
        changed = true;
    }
    changed
}

/// `SetReplicasAnnotations`: desired-replicas and max-replicas; true when either changed.
pub(crate) fn set_replicas_annotations(rs: &mut ReplicaSet, desired: i32, max: i32) -> bool {
    let mut changed = false;
    for (key, value) in [(DESIRED_REPLICAS_ANNOTATION, desired), (MAX_REPLICAS_ANNOTATION, max)] {
        if !rs.metadata.annotations.get(key).is_some_and(|v| is_decimal(v, value.into())) {
            rs.metadata.annotations.insert(key.into(), value.to_string());
            changed = true;
        }
    }
    changed
}

/// `ReplicasAnnotationsNeedUpdate`.
pub(crate) fn replicas_annotations_need_update(rs: &ReplicaSet, desired: i32, max: i32) -> bool {
    let is = |key: &str, n: i32| rs.metadata.annotations.get(key).is_some_and(|v| is_decimal(v, n.into()));
    !is(DESIRED_REPLICAS_ANNOTATION, desired) || !is(MAX_REPLICAS_ANNOTATION, max)
}

/// Whether `text` is `n` as `strconv.Itoa` writes it (`text == n.to_string()`), compared without
/// writing a string: the controller asks this of its annotations on every sync.
fn is_decimal(text: &str, n: i64) -> bool {
    /// Consumes the expected text as the number is written, failing at the first difference.
    struct Expect<'a>(&'a str);
    impl std::fmt::Write for Expect<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 = self.0.strip_prefix(s).ok_or(std::fmt::Error)?;
            Ok(())
        }
    }
    let mut rest = Expect(text);
    std::fmt::Write::write_fmt(&mut rest, format_args!("{n}")).is_ok() && rest.0.is_empty()
}

#[cfg(test)]
pub(crate) mod tests {
    //! Fixtures shared by the controller's unit tests.
    use super::*;

    #[test]
    fn is_decimal_is_equality_with_the_written_number() {
        for (text, n) in [("0", 0), ("7", 7), ("12", 12), ("-3", -3), ("9223372036854775807", i64::MAX)] {
            assert!(is_decimal(text, n), "{text}");
        }
        for (text, n) in [("", 0), ("07", 7), ("1", 12), ("123", 12), ("+3", 3), (" 3", 3), ("3 ", 3), ("x", 0)] {
            assert!(!is_decimal(text, n), "{text:?} is not {n}");
        }
    }
    pub use crate::sim::objects::*;
    pub use crate::sim::time::SimTime;

    pub fn deployment(
        name: &str,
        image: &str,
        replicas: i32,
        surge: IntOrPercent,
        unavailable: IntOrPercent,
    ) -> Deployment {
        let mut d = Deployment::new(name, image, replicas);
        d.spec.strategy = Strategy::RollingUpdate { max_surge: Some(surge), max_unavailable: Some(unavailable) };
        d
    }

    /// A ReplicaSet of `d`'s template with the given spec, available pods and revision.
    pub fn rs_for(d: &Deployment, spec: i32, available: i32, revision: i64) -> ReplicaSet {
        let hash = util::compute_hash(&d.spec.template);
        let mut template = d.spec.template.clone();
        template.labels.insert(POD_TEMPLATE_HASH_LABEL.into(), hash.clone());
        ReplicaSet {
            metadata: ObjectMeta {
                name: format!("{}-{}", d.metadata.name, hash),
                labels: template.labels.clone(),
                annotations: [(REVISION_ANNOTATION.to_string(), revision.to_string())].into(),
                generation: 1,
                owner: Some(d.metadata.name.clone()),
                ..Default::default()
            },
            spec: ReplicaSetSpec {
                replicas: spec,
                selector: template.labels.clone(),
                template,
                min_ready_seconds: d.spec.min_ready_seconds,
            },
            status: ReplicaSetStatus {
                replicas: spec,
                ready_replicas: available,
                available_replicas: available,
                terminating_replicas: 0,
                observed_generation: 1,
                replica_failure: None,
            },
        }
    }

    /// One sync at t=100s.
    pub fn sync(d: &Deployment, rss: &[ReplicaSet], pods: &[(&str, PodPhase)]) -> SyncOutput {
        let rss: Vec<&ReplicaSet> = rss.iter().collect();
        sync_deployment(SyncInput { deployment: d, replica_sets: &rss, pods, now: SimTime::from_secs(100) })
    }

    /// The last write to the named ReplicaSet in a sync's output.
    pub fn updated(out: &SyncOutput, name: &str) -> Option<ReplicaSet> {
        out.commands.iter().rev().find_map(|c| match c {
            Command::UpdateReplicaSet(rs) if rs.metadata.name == name => Some(rs.clone()),
            _ => None,
        })
    }
}
