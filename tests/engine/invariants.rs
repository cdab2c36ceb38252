//! The engine's named invariants, each written once here and checked wherever it applies: after
//! every step of the scenarios in `controllers`, of the random runs in `properties`, and of every
//! example in `examples/` (below).

use std::collections::BTreeSet;

use rolloutscope::sim::deployment::util;
use rolloutscope::sim::objects::*;
use rolloutscope::sim::{SimDuration, World};

/// "Never more than replicas + maxSurge pods wanted": the sum of the ReplicaSets' `spec.replicas`
/// stays within the bound during a rolling update. Not while paused, and not while proportional
/// scaling still holds an old size (a ReplicaSet whose desired-replicas annotation is not the
/// Deployment's replicas), as upstream's own bound does not.
pub fn surge_bound(w: &World, name: &str) -> Result<(), String> {
    let d = &w.deployments[name];
    let Strategy::RollingUpdate { .. } = d.spec.strategy else { return Ok(()) };
    let rss = w.replica_sets_of(name);
    let scaling = rss.iter().filter(|rs| rs.spec.replicas > 0).any(|rs| {
        rs.metadata.annotation_i64(DESIRED_REPLICAS_ANNOTATION).is_some_and(|v| v != i64::from(d.spec.replicas))
    });
    let wanted: i32 = rss.iter().map(|rs| rs.spec.replicas).sum();
    let bound = d.spec.replicas + util::max_surge(d);
    if !scaling && !d.spec.paused && wanted > bound {
        return Err(format!("{name} t={}: Σ spec.replicas {wanted} > replicas + maxSurge {bound}", w.time()));
    }
    Ok(())
}

/// "Available ≥ replicas − maxUnavailable while every pod is healthy" (RollingUpdate only:
/// Recreate takes every pod down by design). The caller says when every pod is healthy.
pub fn availability_bound(w: &World, name: &str) -> Result<(), String> {
    let d = &w.deployments[name];
    if matches!(d.spec.strategy, Strategy::Recreate) {
        return Ok(());
    }
    let available: i32 = w.replica_sets_of(name).iter().map(|rs| rs.status.available_replicas).sum();
    let bound = d.spec.replicas - util::max_unavailable(d);
    if available < bound {
        return Err(format!("{name} t={}: available {available} < replicas − maxUnavailable {bound}", w.time()));
    }
    Ok(())
}

/// "Recreate never has an old and a new pod running at once."
pub fn recreate_never_mixes(w: &World, name: &str) -> Result<(), String> {
    let d = &w.deployments[name];
    if !matches!(d.spec.strategy, Strategy::Recreate) {
        return Ok(());
    }
    let mine: BTreeSet<&str> = w.replica_sets_of(name).iter().map(|rs| rs.metadata.name.as_str()).collect();
    let running: BTreeSet<&str> = w
        .pods
        .values()
        .filter(|p| p.status.phase == PodPhase::Running)
        .filter_map(|p| p.metadata.owner.as_deref())
        .filter(|owner| mine.contains(owner))
        .collect();
    if running.len() > 1 {
        return Err(format!("{name} t={}: Recreate runs pods of {running:?}", w.time()));
    }
    Ok(())
}

/// "A paused Deployment never creates a ReplicaSet": `at_pause` is how many it had when paused.
pub fn paused_creates_no_replica_set(w: &World, name: &str, at_pause: Option<usize>) -> Result<(), String> {
    let d = &w.deployments[name];
    if let (true, Some(n)) = (d.spec.paused, at_pause) {
        let now = w.replica_sets_of(name).len();
        if now > n {
            return Err(format!("{name} t={}: {now} ReplicaSets, {n} when paused", w.time()));
        }
    }
    Ok(())
}

/// "The Deployment's status counts are sums over its ReplicaSets, taken at one moment"
/// (`calculateStatus` in upstream's sync.go): none of updated, ready and available exceeds
/// replicas, and available never exceeds ready. (`unavailableReplicas` is the ReplicaSets'
/// `spec.replicas` less the available ones, so it is not bounded by the status's own replicas.)
pub fn status_counts_agree(w: &World, name: &str) -> Result<(), String> {
    let s = &w.deployments[name].status;
    if s.updated_replicas <= s.replicas && s.ready_replicas <= s.replicas && s.available_replicas <= s.ready_replicas {
        Ok(())
    } else {
        Err(format!("{name} t={}: status {s:?}", w.time()))
    }
}

/// Every invariant that holds whatever happens, for every Deployment of the world.
pub fn always(w: &World) -> Result<(), String> {
    for name in w.deployments.keys() {
        surge_bound(w, name)?;
        recreate_never_mixes(w, name)?;
        status_counts_agree(w, name)?;
    }
    Ok(())
}

/// Every example in `examples/`, stepped from start to two minutes past its last timed step,
/// keeps the invariants after every step.
#[test]
fn every_example_keeps_the_invariants_after_every_step() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".yaml").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() > 20, "the examples are found: {names:?}");
    for name in names {
        let s = crate::common::example(&name, 1);
        let last = s.timeline.iter().map(|step| step.at).max().unwrap_or_default();
        let end = last + SimDuration::from_secs(120);
        let mut w = s.world();
        while w.time() < end {
            w.step();
            always(&w).unwrap_or_else(|e| panic!("examples/{name}.yaml: {e}"));
        }
    }
}
