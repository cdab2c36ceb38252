//! One sample of the cluster per simulated second: what the charts draw and what
//! `rolloutscope simulate --format json` prints.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::objects::ConditionStatus;
use super::world::World;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sample {
    /// Whole seconds since the start of the run.
    pub t: u64,
    /// Every ReplicaSet, by Deployment then oldest first.
    pub replica_sets: Vec<ReplicaSetSample>,
    pub deployments: Vec<DeploymentSample>,
    /// Ready endpoints of each Service.
    pub endpoints: BTreeMap<String, u32>,
    /// Requests counted since the start of the run.
    pub requests: RequestCounts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplicaSetSample {
    pub name: String,
    pub deployment: String,
    pub revision: i64,
    pub image: String,
    pub spec_replicas: i32,
    pub status_replicas: i32,
    pub ready_replicas: i32,
    pub available_replicas: i32,
    /// Its pods that are shutting down (deleted, not gone yet).
    pub terminating: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentSample {
    pub name: String,
    pub conditions: Vec<ConditionSample>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionSample {
    #[serde(rename = "type")]
    pub kind: String,
    pub status: ConditionStatus,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestCounts {
    pub sent: u64,
    pub succeeded: u64,
    pub failed: u64,
    /// Requests answered, by the image of the pod that answered.
    pub by_image: BTreeMap<String, u64>,
    /// Of those, the ones answered with an error, by image.
    pub errors_by_image: BTreeMap<String, u64>,
}

impl Sample {
    /// The cluster as it is now.
    pub fn of(w: &World) -> Sample {
        // Terminating pods by owner, counted in one pass over the pods.
        let mut terminating_of: BTreeMap<&str, usize> = BTreeMap::new();
        for owner in w.pods.values().filter(|p| p.is_terminating()).filter_map(|p| p.metadata.owner.as_deref()) {
            *terminating_of.entry(owner).or_default() += 1;
        }
        let mut replica_sets = Vec::new();
        for name in w.deployments.keys() {
            for rs in w.replica_sets_of(name) {
                let terminating = terminating_of.get(rs.metadata.name.as_str()).copied().unwrap_or(0);
                replica_sets.push(ReplicaSetSample {
                    name: rs.metadata.name.clone(),
                    deployment: name.clone(),
                    revision: rs.revision(),
                    image: rs.spec.template.image().to_string(),
                    spec_replicas: rs.spec.replicas,
                    status_replicas: rs.status.replicas,
                    ready_replicas: rs.status.ready_replicas,
                    available_replicas: rs.status.available_replicas,
                    terminating: i32::try_from(terminating).unwrap_or(i32::MAX),
                });
            }
        }
        let deployments = w
            .deployments
            .values()
            .map(|d| DeploymentSample {
                name: d.metadata.name.clone(),
                conditions: d
                    .status
                    .conditions
                    .iter()
                    .map(|c| ConditionSample { kind: c.kind.to_string(), status: c.status, reason: c.reason.clone() })
                    .collect(),
            })
            .collect();
        Sample {
            t: w.time().0 / 1000,
            replica_sets,
            deployments,
            endpoints: w
                .services
                .values()
                .map(|s| (s.name.clone(), u32::try_from(s.endpoints.len()).unwrap_or(u32::MAX)))
                .collect(),
            requests: RequestCounts {
                sent: w.requests.sent,
                succeeded: w.requests.succeeded,
                failed: w.requests.failed,
                by_image: w.requests.by_image.clone(),
                errors_by_image: w.requests.errors_by_image.clone(),
            },
        }
    }
}
