//! `ClaimPods` (`PodControllerRefManager`), as each ReplicaSet's sync starts with it, and the
//! queue that keeps it from reading every pod's labels on every step.
//!
//! Upstream, a ReplicaSet's sync claims only the pods its informer's index hands it (those it
//! owns and the orphans), and a sync runs only when a watch event says something changed. Here
//! the same holds through [`ClaimQueue`]: a pod's claim can only change when its labels or owner
//! change (it is created, labelled, released, or a cluster's state is restored) or when a
//! ReplicaSet's name, selector or deletion changes; so a step looks at the pods queued since the
//! last one, and at every pod only when the ReplicaSets changed. The result is the same as
//! looking at every pod on every step, which is what the engine did before (same trace), at a
//! cost that follows the pods that changed rather than all of them.

use std::collections::{BTreeMap, BTreeSet};

use super::objects::{Labels, Pod, ReplicaSet};

/// What [`claim`] did to one pod.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// Nothing: it stays with its ReplicaSet, or stays an orphan.
    Kept,
    /// Its labels no longer match its ReplicaSet's selector: its ownerReference is removed (it
    /// runs on, owned by nothing, and the ReplicaSet makes a replacement).
    Released,
    /// An orphan that is not terminating, adopted by the first ReplicaSet (by name) not being
    /// deleted whose selector matches it (upstream's is whichever syncs first).
    Adopted,
}

fn matches(rs: &ReplicaSet, labels: &Labels) -> bool {
    rs.spec.selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

/// `ClaimPods` for one pod against the ReplicaSets.
pub fn claim(p: &mut Pod, replica_sets: &BTreeMap<String, ReplicaSet>) -> Claim {
    match p.metadata.owner.as_deref().and_then(|o| replica_sets.get(o)) {
        Some(rs) if rs.metadata.deletion_timestamp.is_none() && !matches(rs, &p.metadata.labels) => {
            p.metadata.owner = None;
            Claim::Released
        }
        Some(_) => Claim::Kept,
        None if p.metadata.owner.is_none() && !p.is_terminating() => {
            let adopter = replica_sets.values().find(|rs| {
                rs.metadata.deletion_timestamp.is_none()
                    && !rs.spec.selector.is_empty()
                    && matches(rs, &p.metadata.labels)
            });
            match adopter {
                Some(rs) => {
                    p.metadata.owner = Some(rs.metadata.name.clone());
                    Claim::Adopted
                }
                None => Claim::Kept,
            }
        }
        None => Claim::Kept,
    }
}

/// The pods whose claim may have changed since the last step, and the ReplicaSets as that step
/// saw them. Derived data, as an informer's index is: it is not part of the cluster's state, so
/// two worlds are equal whatever their queues hold, and a world read back from JSON starts with
/// none (its first step looks at every pod).
#[derive(Clone, Debug, Default)]
pub struct ClaimQueue {
    /// Each ReplicaSet's name, selector and whether it is being deleted, as the last step saw
    /// them; `None` before the first step (every pod is looked at then).
    seen: Option<Vec<(String, Labels, bool)>>,
    /// Pods created, labelled or released since the last step, by name.
    pods: BTreeSet<String>,
}

impl PartialEq for ClaimQueue {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for ClaimQueue {}

impl ClaimQueue {
    /// A pod was created or its labels or owner changed: its claim is looked at next step.
    pub fn touch(&mut self, pod: &str) {
        if self.seen.is_some() && !self.pods.contains(pod) {
            self.pods.insert(pod.to_string());
        }
    }

    /// Every pod is looked at next step (the pods were replaced).
    pub fn touch_all(&mut self) {
        self.seen = None;
        self.pods.clear();
    }

    /// Whether the ReplicaSets are as the last step saw them (compared in place, nothing
    /// allocated: a cluster has a few of them).
    fn replica_sets_unchanged(&self, replica_sets: &BTreeMap<String, ReplicaSet>) -> bool {
        let Some(seen) = &self.seen else { return false };
        seen.len() == replica_sets.len()
            && seen.iter().zip(replica_sets.values()).all(|((name, selector, deleting), rs)| {
                *name == rs.metadata.name
                    && *selector == rs.spec.selector
                    && *deleting == rs.metadata.deletion_timestamp.is_some()
            })
    }

    /// Claims the pods that need it (every pod when the ReplicaSets changed, else those queued)
    /// and queues those released, which may be adopted at the next step. Returns how many pods
    /// it looked at.
    pub fn claim_pods(
        &mut self,
        pods: &mut BTreeMap<String, Pod>,
        replica_sets: &BTreeMap<String, ReplicaSet>,
    ) -> usize {
        let queued = std::mem::take(&mut self.pods);
        let mut released = BTreeSet::new();
        let mut looked_at = 0;
        let mut visit = |p: &mut Pod| {
            looked_at += 1;
            if claim(p, replica_sets) == Claim::Released {
                released.insert(p.metadata.name.clone());
            }
        };
        if self.replica_sets_unchanged(replica_sets) {
            for name in &queued {
                if let Some(p) = pods.get_mut(name) {
                    visit(p);
                }
            }
        } else {
            pods.values_mut().for_each(&mut visit);
            self.seen = Some(
                replica_sets
                    .values()
                    .map(|rs| {
                        (rs.metadata.name.clone(), rs.spec.selector.clone(), rs.metadata.deletion_timestamp.is_some())
                    })
                    .collect(),
            );
        }
        self.pods = released;
        looked_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::intent::{Intent, LabelTarget};
    use crate::sim::objects::{Deployment, Probe};
    use crate::sim::time::SimTime;
    use crate::sim::world::World;

    fn label(pod: &str, app: &str) -> Intent {
        Intent::Label {
            target: LabelTarget::Pod(pod.into()),
            labels: [("app".to_string(), Some(app.to_string()))].into(),
            overwrite: true,
        }
    }

    /// At every step, claiming the queued pods leaves every pod as claiming every pod would:
    /// through pods labelled out of their ReplicaSet and back, one labelled into another, two rollouts (ReplicaSets created
    /// and scaled), a pod deleted, and a second Deployment whose selector matches a relabelled pod.
    #[test]
    fn claiming_the_queued_pods_is_claiming_every_pod() {
        let mut w = World::with_nodes(7, 3);
        let mut d = Deployment::new("web", "app:v1", 6);
        d.spec.template.containers[0].readiness_probe = Some(Probe { period_seconds: 2, ..Probe::default() });
        w.apply(Intent::Apply { deployment: Box::new(d) }).unwrap();
        w.run_until(SimTime::from_secs(20));
        let pods: Vec<String> = w.pods.keys().cloned().collect();
        w.schedule(SimTime::from_secs(25), label(&pods[0], "debug"));
        w.schedule(SimTime::from_secs(25), label(&pods[1], "api"));
        w.schedule(SimTime::from_millis(25_300), label(&pods[0], "web"));
        let image =
            |image: &str| Intent::SetImage { deployment: "web".into(), container: "web".into(), image: image.into() };
        w.schedule(SimTime::from_secs(30), image("app:v2"));
        w.schedule(SimTime::from_secs(31), Intent::DeletePod { pod: pods[2].clone() });
        w.schedule(SimTime::from_secs(40), Intent::Apply { deployment: Box::new(Deployment::new("api", "api:v1", 2)) });
        w.schedule(SimTime::from_secs(45), label(&pods[1], "web"));
        w.schedule(SimTime::from_secs(50), image("app:v3"));
        let (mut released, mut adopted, mut queued_only) = (0, 0, 0);
        while w.time() < SimTime::from_secs(90) {
            let mut every = w.pods.clone();
            let outcomes: Vec<Claim> = every.values_mut().map(|p| claim(p, &w.replica_sets)).collect();
            released += outcomes.iter().filter(|c| **c == Claim::Released).count();
            adopted += outcomes.iter().filter(|c| **c == Claim::Adopted).count();
            let (mut queue, mut queued) = (w.claims.clone(), w.pods.clone());
            let looked_at = queue.claim_pods(&mut queued, &w.replica_sets);
            queued_only += usize::from(looked_at < w.pods.len());
            assert_eq!(queued, every, "at {}", w.time());
            if w.time() == SimTime::from_secs(32) {
                // Labelled with the new ReplicaSet's hash: released by the old one, then adopted
                // by the new one a step later with no change of its own in between.
                let (rs, new) = w
                    .replica_sets_of("web")
                    .last()
                    .map(|rs| (rs.metadata.name.clone(), rs.spec.selector.clone()))
                    .unwrap();
                let owned_by_old = |p: &&Pod| p.metadata.owner.as_ref().is_some_and(|o| *o != rs);
                let old = w.pods.values().find(|p| !p.is_terminating() && owned_by_old(p)).unwrap();
                let relabel = Intent::Label {
                    target: LabelTarget::Pod(old.metadata.name.clone()),
                    labels: new.into_iter().map(|(k, v)| (k, Some(v))).collect(),
                    overwrite: true,
                };
                w.apply(relabel).unwrap();
            }
            w.step();
        }
        assert!(released >= 2 && adopted >= 3, "released {released}, adopted {adopted}");
        // 700 steps; every pod is looked at only when a ReplicaSet is created (30 s, 40 s, 50 s).
        assert_eq!(queued_only, 697, "the other steps look only at the queued pods");
    }
}
