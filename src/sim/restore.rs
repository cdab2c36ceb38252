//! A run that starts from a real cluster's state: what `kubectl get deploy,rs,pods -o yaml` showed,
//! read by the YAML reader ([`crate::k8s::state`]) into the engine's objects. [`World::restore`]
//! puts them in place of the run's Deployments, ReplicaSets and Pods, and the kubelet carries on
//! with each pod from the status it last posted ([`super::kubelet::resume`]).
//!
//! The run's clock starts at the moment of the paste: every time before it (a creation, a Ready
//! transition, a condition's update) is the run's start. What those times ordered is kept: each
//! list is oldest first, and the engine numbers the objects in that order, the number that breaks
//! its ties between equal times.
//!
//! [`World::restore`]: super::World

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::limits::MAX_REPLICAS;
use super::manifest::Object;
use super::objects::{Deployment, Pod, ReplicaSet};

/// The most pods a run starts from (a shared link carries them all).
pub const MAX_PODS: usize = 200;
/// The most ReplicaSets, the old ones of every revision kept included.
pub const MAX_REPLICA_SETS: usize = 100;
/// The most Deployments.
pub const MAX_DEPLOYMENTS: usize = 20;

/// A cluster's workloads as they were, oldest first in each list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterState {
    pub deployments: Vec<Deployment>,
    pub replica_sets: Vec<ReplicaSet>,
    pub pods: Vec<Pod>,
    /// The Services and Ingresses of the paste, applied after the workloads (`kubectl apply`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub manifests: Vec<Object>,
}

impl ClusterState {
    /// Why the engine cannot start from this state, if it cannot: more objects than a run holds,
    /// a name twice (the simulator runs one namespace), or a ReplicaSet or pod without a
    /// container. The Deployments are checked by the engine's guard on applied ones.
    pub fn problems(&self) -> Option<String> {
        let too_many = [
            ("pods", self.pods.len(), MAX_PODS),
            ("ReplicaSets", self.replica_sets.len(), MAX_REPLICA_SETS),
            ("Deployments", self.deployments.len(), MAX_DEPLOYMENTS),
        ];
        if let Some((what, n, max)) = too_many.into_iter().find(|(_, n, max)| n > max) {
            return Some(format!("error: the simulator starts a run from at most {max} {what}; the state has {n}"));
        }
        for (what, replicas) in [
            ("Deployments", self.deployments.iter().map(|d| i64::from(d.spec.replicas)).sum::<i64>()),
            ("ReplicaSets", self.replica_sets.iter().map(|r| i64::from(r.spec.replicas)).sum()),
        ] {
            if replicas > i64::from(MAX_REPLICAS) {
                return Some(format!(
                    "error: the simulator runs at most {MAX_REPLICAS} replicas in all; the state's {what} ask for {replicas} (Kubernetes itself would accept it)"
                ));
            }
        }
        let twice = |kind: &str, names: Vec<&str>| {
            let mut seen = BTreeSet::new();
            names.into_iter().find(|n| !seen.insert(*n)).map(|n| {
                format!("error: {kind}/{n} appears twice: the simulator runs one namespace, so each name once")
            })
        };
        let checks = [
            twice("deployment.apps", self.deployments.iter().map(|d| d.metadata.name.as_str()).collect()),
            twice("replicaset.apps", self.replica_sets.iter().map(|r| r.metadata.name.as_str()).collect()),
            twice("pod", self.pods.iter().map(|p| p.metadata.name.as_str()).collect()),
        ];
        if let Some(problem) = checks.into_iter().flatten().next() {
            return Some(problem);
        }
        for rs in &self.replica_sets {
            let name = &rs.metadata.name;
            if rs.spec.template.containers.is_empty() {
                return Some(format!(
                    "The ReplicaSet {name:?} is invalid: spec.template.spec.containers: Required value"
                ));
            }
            if rs.spec.replicas < 0 {
                return Some(format!(
                    "The ReplicaSet {name:?} is invalid: spec.replicas: Invalid value: {}: must be greater than or equal to 0",
                    rs.spec.replicas
                ));
            }
        }
        let empty = self.pods.iter().find(|p| p.spec.containers.is_empty());
        empty.map(|p| format!("The Pod {:?} is invalid: spec.containers: Required value", p.metadata.name))
    }
}
