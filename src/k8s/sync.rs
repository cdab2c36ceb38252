//! `rolloutscope sync`: one pass of the Deployment controller over real objects, as
//! `syncDeployment` would make it on the state `kubectl get deploy,rs,pods -o json` shows.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::apps::v1 as apps;
use k8s_openapi::api::core::v1 as core;
use k8s_openapi::apimachinery::pkg::apis::meta::v1 as meta;
use k8s_openapi::jiff::Timestamp;
use serde_json::{json, Value};

use super::{convert, defaults, field, read, validate};
use crate::sim::deployment::{sync_deployment, Command, Decision, SyncInput};
use crate::sim::objects::{PodPhase, ReplicaSet};
use crate::sim::time::SimTime;

/// What one sync wrote, and why.
#[derive(Debug)]
pub struct Synced {
    /// The resulting objects as a `v1/List`, in the input's order; a created ReplicaSet follows
    /// its Deployment's last one, a deleted one is gone.
    pub list: Value,
    pub decisions: Vec<Decision>,
}

/// The objects of the input that one Deployment's sync reads and may write.
enum Object {
    Deployment(Box<apps::Deployment>),
    ReplicaSet(Box<apps::ReplicaSet>),
    Pod(Box<core::Pod>),
    Other,
}

struct Slot {
    value: Value,
    object: Object,
    changed: bool,
    deleted: bool,
}

/// Syncs every apps/v1 Deployment of `text` once, at `now`. An error is the message for
/// stderr: the input cannot be read, or holds an object the apiserver would not have stored.
pub fn sync(text: &str, origin: &str, now: Timestamp) -> Result<Synced, String> {
    let mut slots = Vec::new();
    let mut seen = BTreeSet::new();
    for item in read::items(text, origin)? {
        let at = if item.at.is_empty() { String::new() } else { format!("{}.", item.at) };
        let object = match (item.api_version(), item.kind()) {
            ("apps/v1", "Deployment") => {
                let (mut d, _): (apps::Deployment, _) = read::typed(&item)?;
                defaults::deployment(&mut d);
                let mut errors = validate::deployment(&d, item.value.pointer("/spec/selector").is_some());
                errors.extend(d.status.as_ref().map(validate::deployment_status).unwrap_or_default());
                if !errors.is_empty() {
                    return Err(field::invalid_object_message("Deployment", item.name(), &errors));
                }
                let key = (namespace(&d.metadata).to_string(), item.name().to_string());
                if !seen.insert(key) {
                    return Err(format!(
                        "{at}metadata.name: the list holds deployment.apps {} twice in namespace {}; a cluster has one object of a name",
                        field::quote(item.name()),
                        field::quote(namespace(&d.metadata))
                    ));
                }
                Object::Deployment(Box::new(d))
            }
            ("apps/v1", "ReplicaSet") => {
                let (rs, _): (apps::ReplicaSet, _) = read::typed(&item)?;
                let errors = rs.status.as_ref().map(validate::replica_set_status).unwrap_or_default();
                if !errors.is_empty() {
                    return Err(field::invalid_object_message("ReplicaSet", item.name(), &errors));
                }
                Object::ReplicaSet(Box::new(rs))
            }
            ("v1", "Pod") => Object::Pod(Box::new(read::typed(&item)?.0)),
            (version, kind @ ("Deployment" | "ReplicaSet")) => {
                return Err(format!("{at}apiVersion: no matches for kind {kind:?} in version {version:?}"));
            }
            _ => Object::Other,
        };
        slots.push(Slot { value: item.value, object, changed: false, deleted: false });
    }
    let deployments: Vec<usize> =
        (0..slots.len()).filter(|i| matches!(slots[*i].object, Object::Deployment(_))).collect();
    if deployments.is_empty() {
        return Err(format!("{origin}: no apps/v1 Deployment to sync; give a List with one and its ReplicaSets"));
    }
    // metav1.Time keeps whole seconds: so does the sync, or its own writes would not read back.
    let now = SimTime(convert::sim_time(now).0 / 1000 * 1000);
    let mut decisions = Vec::new();
    let mut created: BTreeMap<usize, Vec<apps::ReplicaSet>> = BTreeMap::new();
    for d in deployments {
        let (new, mut made) = sync_one(&mut slots, d, now)?;
        decisions.append(&mut made);
        if !new.is_empty() {
            let owned_last = last_replica_set_of(&slots, d).unwrap_or(d);
            created.entry(owned_last).or_default().extend(new);
        }
    }
    let mut items = Vec::new();
    for (i, slot) in slots.into_iter().enumerate() {
        if !slot.deleted {
            items.push(if slot.changed { object_value(&slot.object)? } else { slot.value });
        }
        for rs in created.remove(&i).into_iter().flatten() {
            items.push(serde_json::to_value(rs).map_err(|e| e.to_string())?);
        }
    }
    let list = json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}});
    Ok(Synced { list, decisions })
}

fn object_value(o: &Object) -> Result<Value, String> {
    let v = match o {
        Object::Deployment(d) => serde_json::to_value(d),
        Object::ReplicaSet(rs) => serde_json::to_value(rs),
        Object::Pod(p) => serde_json::to_value(p),
        Object::Other => Ok(Value::Null),
    };
    v.map_err(|e| e.to_string())
}

fn namespace(m: &meta::ObjectMeta) -> &str {
    m.namespace.as_deref().unwrap_or("default")
}

fn deployment_at(slots: &[Slot], d: usize) -> &apps::Deployment {
    match &slots[d].object {
        Object::Deployment(d) => d,
        _ => unreachable!("slot {d} holds a Deployment"),
    }
}

/// Whether the ReplicaSet belongs to the Deployment (`getReplicaSetsForDeployment`): its
/// controller is the Deployment, or it has no controller, matches the selector and is adopted.
fn owned_by(rs: &apps::ReplicaSet, d: &apps::Deployment) -> (bool, bool) {
    if namespace(&rs.metadata) != namespace(&d.metadata) {
        return (false, false);
    }
    match convert::controller_of(&rs.metadata, "Deployment") {
        Some(owner) => {
            let same_uid = match (&d.metadata.uid, owner.uid.is_empty()) {
                (Some(uid), false) => *uid == owner.uid,
                _ => true,
            };
            (Some(&owner.name) == d.metadata.name.as_ref() && same_uid, false)
        }
        None if rs.metadata.owner_references.iter().flatten().any(|r| r.controller == Some(true)) => (false, false),
        None => {
            let labels = rs.metadata.labels.clone().unwrap_or_default();
            let adopt =
                rs.metadata.deletion_timestamp.is_none() && validate::selector_matches(&d.spec.selector, &labels);
            (adopt, adopt)
        }
    }
}

fn last_replica_set_of(slots: &[Slot], d: usize) -> Option<usize> {
    let deployment = deployment_at(slots, d);
    (0..slots.len()).rev().find(|i| match &slots[*i].object {
        Object::ReplicaSet(rs) => owned_by(rs, deployment).0,
        _ => false,
    })
}

/// Syncs the Deployment in slot `d`; returns the ReplicaSets it created and its decisions.
fn sync_one(slots: &mut [Slot], d: usize, now: SimTime) -> Result<(Vec<apps::ReplicaSet>, Vec<Decision>), String> {
    let real = deployment_at(slots, d).clone();
    let name = real.metadata.name.clone().unwrap_or_default();
    let at = |i: usize| format!("items[{i}].");
    let deployment = convert::deployment(&real, &at(d))?;
    let mut owned = Vec::new();
    for (i, slot) in slots.iter_mut().enumerate() {
        let Object::ReplicaSet(rs) = &mut slot.object else { continue };
        let (mine, adopt) = owned_by(rs, &real);
        if !mine {
            continue;
        }
        if adopt {
            // `ClaimReplicaSets`: the orphan gets the Deployment as its controller.
            rs.metadata.owner_references.get_or_insert_with(Vec::new).push(convert::controller_ref(&real));
            slot.changed = true;
        }
        let mut sim = convert::replica_set(rs, &at(i))?;
        sim.metadata.owner = Some(name.clone());
        owned.push((i, sim));
    }
    let names: BTreeSet<&str> = owned.iter().map(|(_, rs)| rs.metadata.name.as_str()).collect();
    let ns = namespace(&real.metadata).to_string();
    let pods: Vec<(&str, PodPhase)> = slots
        .iter()
        .filter_map(|s| match &s.object {
            Object::Pod(p) if namespace(&p.metadata) == ns => {
                let owner = convert::controller_of(&p.metadata, "ReplicaSet")?;
                let rs = names.get(owner.name.as_str())?;
                Some((*rs, convert::pod_phase(p)))
            }
            _ => None,
        })
        .collect();
    let rss: Vec<&ReplicaSet> = owned.iter().map(|(_, rs)| rs).collect();
    let out = sync_deployment(SyncInput { deployment: &deployment, replica_sets: &rss, pods: &pods, now });

    let slot_of: BTreeMap<String, usize> = owned.iter().map(|(i, rs)| (rs.metadata.name.clone(), *i)).collect();
    let mut created: Vec<apps::ReplicaSet> = Vec::new();
    for command in &out.commands {
        match command {
            Command::CreateReplicaSet(rs) => created.push(convert::new_replica_set(&real, rs)),
            Command::UpdateReplicaSet(rs) => {
                if let Some(&i) = slot_of.get(&rs.metadata.name) {
                    if let Object::ReplicaSet(target) = &mut slots[i].object {
                        convert::write_replica_set(target, rs);
                        slots[i].changed = true;
                    }
                } else if let Some(target) =
                    created.iter_mut().find(|c| c.metadata.name.as_deref() == Some(rs.metadata.name.as_str()))
                {
                    // Written again in the same sync: a created ReplicaSet's own generation stays 1.
                    convert::write_replica_set(target, rs);
                    target.metadata.generation = Some(1);
                }
            }
            Command::DeleteReplicaSet(name) => {
                if let Some(&i) = slot_of.get(name) {
                    slots[i].deleted = true;
                }
            }
            Command::UpdateDeployment { annotations, status } => {
                if let Object::Deployment(target) = &mut slots[d].object {
                    convert::write_deployment(target, annotations, status);
                    slots[d].changed = true;
                }
            }
        }
    }
    Ok((created, out.decisions))
}
