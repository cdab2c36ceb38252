//! The kubelet's work queue (`pkg/kubelet/util/queue` `WorkQueue`, which `syncLoopIteration`
//! reads through `getPodsToSync`), the scheduler's queue of pods to bind (`SchedulingQueue`), and
//! its cache's count of pods per node (`NodeInfo.Pods` in `pkg/scheduler/backend/cache`): the
//! indexes that keep a step from reading every pod.
//!
//! Upstream, a kubelet syncs only the pods its work queue hands it when their delay is up, and the
//! scheduler pops only pods waiting to be bound and reads per-node counts from its cache. Here the
//! same holds through [`PodIndex`]: a step wakes the pods whose `wake` has come (not every pod
//! compared with the clock), binds the pods queued as unscheduled, reads the nodes' loads from
//! counts kept as pods are bound and removed, and removes only the pods whose containers have
//! stopped. The result is what reading every pod on every step gave (same trace; a debug build
//! checks it against a full scan on every step), at a cost that follows the pods that have
//! something to do rather than all of them.

use std::collections::{BTreeMap, BTreeSet};

use super::objects::Pod;
use super::podwork::Stage;
use super::time::SimTime;

/// A `wake` that never comes (the kubelet's [`next_wake`](super::kubelet) for a pod with nothing
/// due): such a pod is not queued until something lowers its `wake`.
const NEVER: SimTime = SimTime(u64::MAX);

/// The pods a step has work for. Derived data, as an informer's index is: not part of the
/// cluster's state, so two worlds are equal whatever their indexes hold, and a world read back
/// from JSON or cloned for a checkpoint starts with none (its first step builds it from every
/// pod, which keeps checkpoints small).
///
/// Whatever lowers a pod's `wake`, binds it, creates or removes a pod keeps the index up to date
/// ([`PodIndex::wake_at`], [`PodIndex::bound`], [`PodIndex::created`], [`PodIndex::removed`]);
/// whatever replaces the pods wholesale calls [`PodIndex::rebuild_all`].
#[derive(Debug, Default)]
pub struct PodIndex {
    /// False until built from the pods (and after [`PodIndex::rebuild_all`]).
    built: bool,
    /// For every pod whose `wake` is not [`NEVER`], an entry `(t, name)` with `t` at or before
    /// its `wake` (an entry left from a `wake` since moved later is stale, and is put right when
    /// it comes due).
    wake: BTreeSet<(SimTime, String)>,
    /// Every pod whose kubelet stage is `Unscheduled` (and maybe some that have since left it).
    unscheduled: BTreeSet<String>,
    /// How many pods each node has bound to it (terminating ones included, as the scheduler
    /// counted them).
    per_node: BTreeMap<String, usize>,
}

impl Clone for PodIndex {
    /// A clone starts unbuilt: a checkpoint does not carry the index, and the first step of a
    /// world restored from one builds it again.
    fn clone(&self) -> Self {
        PodIndex::default()
    }
}

impl PartialEq for PodIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for PodIndex {}

impl PodIndex {
    /// The pods were replaced: the next step builds the index from every pod.
    pub fn rebuild_all(&mut self) {
        *self = PodIndex::default();
    }

    /// Builds the index from every pod, unless it is built.
    pub fn ensure(&mut self, pods: &BTreeMap<String, Pod>) {
        if self.built {
            return;
        }
        *self = PodIndex { built: true, ..PodIndex::default() };
        for (name, p) in pods {
            if p.kubelet.wake != NEVER {
                self.wake.insert((p.kubelet.wake, name.clone()));
            }
            if matches!(p.kubelet.stage, Stage::Unscheduled) {
                self.unscheduled.insert(name.clone());
            }
            if let Some(node) = &p.spec.node_name {
                *self.per_node.entry(node.clone()).or_default() += 1;
            }
        }
    }

    /// The pod's `wake` is now `at` (or later): the kubelet looks at it then.
    pub fn wake_at(&mut self, name: &str, at: SimTime) {
        if self.built && at != NEVER {
            self.wake.insert((at, name.to_string()));
        }
    }

    /// A pod was created (unscheduled, due at once).
    pub fn created(&mut self, name: &str) {
        if self.built {
            self.unscheduled.insert(name.to_string());
            self.wake.insert((SimTime::ZERO, name.to_string()));
        }
    }

    /// The scheduler bound the pod to `node`.
    pub fn bound(&mut self, name: &str, node: &str) {
        if self.built {
            self.unscheduled.remove(name);
            *self.per_node.entry(node.to_string()).or_default() += 1;
        }
    }

    /// A pod bound to `node` (if any) was removed.
    pub fn removed(&mut self, name: &str, node: Option<&str>) {
        if !self.built {
            return;
        }
        self.unscheduled.remove(name);
        if let Some(count) = node.and_then(|n| self.per_node.get_mut(n)) {
            *count -= 1;
        }
    }

    /// The names queued with a `wake` at or before `now`, in name order, taken off the queue
    /// (the caller queues each again at its `wake` after looking at it).
    pub fn take_due(&mut self, now: SimTime) -> BTreeSet<String> {
        let mut due = BTreeSet::new();
        while self.wake.first().is_some_and(|(t, _)| *t <= now) {
            if let Some((_, name)) = self.wake.pop_first() {
                due.insert(name);
            }
        }
        due
    }

    /// The pods queued as unscheduled, in name order, for the scheduler to filter (a name whose
    /// pod is gone or has left `Unscheduled` is dropped here).
    pub fn unscheduled(&mut self, pods: &BTreeMap<String, Pod>) -> Vec<String> {
        self.unscheduled.retain(|name| pods.get(name).is_some_and(|p| matches!(p.kubelet.stage, Stage::Unscheduled)));
        self.unscheduled.iter().cloned().collect()
    }

    /// How many pods are bound to `node`.
    pub fn pods_on(&self, node: &str) -> usize {
        self.per_node.get(node).copied().unwrap_or(0)
    }
}
