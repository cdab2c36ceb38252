//! A cluster's state as the engine starts a run from it ([`crate::sim::restore`]): the objects
//! of a pasted `kubectl get deploy,rs,pods -o yaml` (Services and Ingresses too), read with the
//! upstream types. Deployments are defaulted and validated as an apply of them is; ReplicaSets
//! and pods are read as the cluster served them, status included, without refusing the fields a
//! newer apiserver writes.
//!
//! The cluster's times become the run's start, after they have put each kind in order, oldest
//! first: the engine numbers the objects in that order.

use k8s_openapi::api::apps::v1 as apps;
use k8s_openapi::api::core::v1 as core;

use super::{convert, object, read};
use crate::sim::objects::ObjectMeta;
use crate::sim::restore::ClusterState;
use crate::sim::{Object, SimTime};

/// True when `items` are a cluster's state rather than manifests: they hold a ReplicaSet or a
/// pod, which only the controllers and the cluster write.
pub fn is_state(items: &[read::Item]) -> bool {
    items.iter().any(|i| matches!((i.api_version(), i.kind()), ("apps/v1", "ReplicaSet") | ("v1", "Pod")))
}

/// The state of `items`; an error names the item (its index) and says what is wrong with it, in
/// the apiserver's words where it has them.
pub fn state(items: &[read::Item]) -> Result<ClusterState, (usize, String)> {
    let mut deployments = Vec::new();
    let mut replica_sets = Vec::new();
    let mut pods = Vec::new();
    let mut manifests = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let own = read::Item { at: String::new(), value: item.value.clone() };
        let fail = |message: String| (i, message);
        match (item.api_version(), item.kind()) {
            ("apps/v1", "ReplicaSet") => {
                let (rs, _): (apps::ReplicaSet, _) = read::typed(&own).map_err(fail)?;
                let errors = rs.status.as_ref().map(super::validate::replica_set_status).unwrap_or_default();
                if !errors.is_empty() {
                    return Err(fail(super::field::invalid_object_message("ReplicaSet", item.name(), &errors)));
                }
                replica_sets.push(convert::replica_set(&rs, "").map_err(fail)?);
            }
            ("v1", "Pod") => {
                let (p, _): (core::Pod, _) = read::typed(&own).map_err(fail)?;
                pods.push(convert::pod(&p, "").map_err(fail)?);
            }
            ("apps/v1", "Deployment") if item.value.get("status").is_some() => {
                // The status a cluster stored, which the apiserver validated first
                // (`ValidateDeploymentStatus`); an applied manifest's status is ignored instead.
                let (d, _): (apps::Deployment, _) = read::typed(&own).map_err(fail)?;
                let errors = d.status.as_ref().map(super::validate::deployment_status).unwrap_or_default();
                if !errors.is_empty() {
                    return Err(fail(super::field::invalid_object_message("Deployment", item.name(), &errors)));
                }
                match object::manifest(&own).map_err(fail)? {
                    Object::Deployment(d) => deployments.push(*d),
                    other => manifests.push(other),
                }
            }
            _ => match object::manifest(&own).map_err(fail)? {
                Object::Deployment(d) => deployments.push(*d),
                other => manifests.push(other),
            },
        }
    }
    deployments.sort_by(|a, b| oldest_first(&a.metadata, &b.metadata));
    replica_sets.sort_by(|a, b| oldest_first(&a.metadata, &b.metadata));
    pods.sort_by(|a, b| oldest_first(&a.metadata, &b.metadata));
    for d in &mut deployments {
        at_start(&mut d.metadata);
        for c in &mut d.status.conditions {
            (c.last_update_time, c.last_transition_time) = (SimTime::ZERO, SimTime::ZERO);
        }
    }
    for rs in &mut replica_sets {
        at_start(&mut rs.metadata);
    }
    for p in &mut pods {
        at_start(&mut p.metadata);
        p.status.ready_transition_time = Some(SimTime::ZERO);
        p.status.started_at = p.status.started_at.map(|_| SimTime::ZERO);
    }
    Ok(ClusterState { deployments, replica_sets, pods, manifests })
}

fn oldest_first(a: &ObjectMeta, b: &ObjectMeta) -> std::cmp::Ordering {
    (a.creation_timestamp, &a.name).cmp(&(b.creation_timestamp, &b.name))
}

/// The object's times become the run's start.
fn at_start(m: &mut ObjectMeta) {
    m.creation_timestamp = SimTime::ZERO;
    m.deletion_timestamp = m.deletion_timestamp.map(|_| SimTime::ZERO);
}
