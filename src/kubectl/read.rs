//! The kubectl commands that only read, answered from the simulated cluster as kubectl prints
//! them: `get deployments|replicasets|pods|services [NAME] [-o wide|yaml|json] [-l SELECTOR]`
//! (EndpointSlices and Endpoints: [`super::endpoints`]), `describe` (see
//! [`super::describe`]), `rollout status` and `rollout history [--revision=N]`. Tables are laid out as kubectl's printer lays them out
//! (columns three spaces apart), ages as `duration.HumanDuration` writes them.

use super::usage::go_quote;
use std::collections::BTreeMap;

use crate::sim::objects::{Labels, Pod, ReplicaSet, CHANGE_CAUSE_ANNOTATION};
use crate::sim::time::SimTime;
use crate::sim::World;

use super::output::{human_duration, label_list, table};
use super::Kind;

/// kubectl's answer to `words` (the command line split, without `kubectl`) if the command only
/// reads; `None` if it is not one of these (then it may be a change: [`super::parse`]).
pub fn read(w: &World, words: &[&str]) -> Option<Result<String, String>> {
    let (args, flags) = Flags::split(words);
    Some(match args.as_slice() {
        // `kubectl`, `kubectl --help`: kubectl's usage, printed without a word to the apiserver.
        [] if words.iter().all(|w| matches!(*w, "-h" | "--help")) => {
            Ok(super::usage::ROOT_USAGE.trim_end().to_string())
        }
        ["get"] => Err(super::usage::GET_WITHOUT_RESOURCE.into()),
        ["rollout"] => Ok(super::usage::ROLLOUT_USAGE.trim_end().to_string()),
        ["set"] => Ok(super::usage::SET_USAGE.trim_end().to_string()),
        ["describe"] => Err("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" \
                             for a complete list of supported resources."
            .into()),
        ["get", kinds, names @ ..]
            if kinds.contains(',') && kinds.split(',').all(|k| super::gateway::GatewayKind::of(k).is_some()) =>
        {
            flags.value(&["-o", "--output"]).and_then(|o| super::gateway::get_several(w, kinds, names, o))
        }
        ["get", kind, names @ ..] if super::gateway::GatewayKind::of(kind).is_some() => {
            let kind = super::gateway::GatewayKind::of(kind).unwrap_or(super::gateway::GatewayKind::Route);
            flags.value(&["-o", "--output"]).and_then(|o| super::gateway::get(w, kind, names, o))
        }
        ["get", "quota" | "resourcequota" | "resourcequotas" | "quotas", names @ ..] => {
            flags.value(&["-o", "--output"]).and_then(|o| get_quotas(w, names, o))
        }
        ["get", kind, names @ ..] if super::endpoints::EndpointKind::of(kind).is_some() => {
            let kind = super::endpoints::EndpointKind::of(kind).unwrap_or(super::endpoints::EndpointKind::Slice);
            let output = flags.value(&["-o", "--output"]);
            let selector = flags.value(&["-l", "--selector"]);
            output.and_then(|o| selector.and_then(|l| super::endpoints::get(w, kind, names, o, l)))
        }
        ["get", kind, names @ ..] => get_command(w, kind, names, &flags),
        ["describe", kind, name, ..] if super::gateway::GatewayKind::of(kind).is_some() => super::gateway::describe(
            w,
            super::gateway::GatewayKind::of(kind).unwrap_or(super::gateway::GatewayKind::Route),
            name,
        ),
        ["describe", object]
            if object.split_once('/').is_some_and(|(k, _)| super::gateway::GatewayKind::of(k).is_some()) =>
        {
            let (kind, name) = object.split_once('/').unwrap_or_default();
            super::gateway::describe(
                w,
                super::gateway::GatewayKind::of(kind).unwrap_or(super::gateway::GatewayKind::Route),
                name,
            )
        }
        ["describe", rest @ ..] => super::describe::describe(w, rest),
        ["rollout", "status" | "history"] => Err("error: required resource not specified".into()),
        ["rollout", "status", rest @ ..] => super::deployment_of(rest)
            .and_then(|(name, _)| super::rollout_status(deployment(w, &name)?))
            .map(|(line, _)| line),
        ["rollout", "history", rest @ ..] => rollout_history(w, rest, &flags),
        _ => return None,
    })
}

/// A command line's flags.
pub(super) struct Flags<'a> {
    words: &'a [&'a str],
    flags: Vec<&'a str>,
}

impl<'a> Flags<'a> {
    /// The words that are not flags, and the flags (a flag's value, as in `-o wide`, is neither).
    pub(super) fn split(words: &'a [&'a str]) -> (Vec<&'a str>, Flags<'a>) {
        let (mut args, mut flags) = (Vec::new(), Vec::new());
        let mut takes_value = false;
        for word in words {
            if std::mem::take(&mut takes_value) {
                continue;
            }
            if word.starts_with('-') {
                flags.push(*word);
                takes_value = matches!(*word, "-o" | "--output" | "-l" | "--selector" | "--revision");
            } else {
                args.push(*word);
            }
        }
        (args, Flags { words, flags })
    }

    /// Whether any of `names` was given, as a flag with no value (`-w`, `--watch`).
    pub(super) fn has(&self, names: &[&str]) -> bool {
        self.flags.iter().any(|f| names.contains(f) || names.iter().any(|n| f.strip_prefix(n) == Some("=true")))
    }

    /// The value of the first of `names` given: `--name=value`, `--name value`, and for a short
    /// flag also `-ovalue`, as kubectl takes them.
    pub(super) fn value(&self, names: &[&str]) -> Result<Option<&'a str>, String> {
        for name in names {
            if name.len() == 2 {
                let attached = |f: &&'a str| f.strip_prefix(*name).filter(|v| !v.is_empty() && !v.starts_with('='));
                if let Some(v) = self.flags.iter().find_map(attached) {
                    return Ok(Some(v));
                }
            }
            if let Some(v) = super::flag_value(self.words, &self.flags, name)? {
                return Ok(Some(v));
            }
        }
        Ok(None)
    }
}

/// `get KIND [NAME...] [-o wide|yaml|json] [-l SELECTOR]`; `get deploy,rs,pods` for several
/// kinds: a table for each, its names prefixed with the kind (`deployment.apps/http-go`), or one
/// `List` of them all for `-o yaml|json`, which pastes back into the YAML panel.
fn get_command(w: &World, kinds: &str, names: &[&str], flags: &Flags) -> Result<String, String> {
    let several = kinds.contains(',');
    let words: Vec<&str> = if several { kinds.split(',').filter(|k| !k.is_empty()).collect() } else { vec![kinds] };
    let selector = selector(flags.value(&["-l", "--selector"])?)?;
    let wide = match flags.value(&["-o", "--output"])? {
        None => false,
        Some("wide") => true,
        Some(format @ ("yaml" | "json")) => {
            let mut objects = Vec::new();
            for word in &words {
                objects.extend(self::objects(w, word, names, &selector)?);
            }
            // One object named is printed alone, as kubectl does; anything else is a `List`.
            return Ok(super::output::print(objects, !several && names.len() == 1, format == "yaml"));
        }
        Some(other) => {
            return Err(format!(
                "error: unable to match a printer suitable for the output format {other_q}, allowed formats are: json,wide,yaml", other_q = go_quote(other)
            ))
        }
    };
    if !several {
        return get(w, kinds, names, wide, flags, &selector);
    }
    let mut tables = Vec::new();
    for word in words {
        let kind = Kind::of(word)?;
        let (header, rows) = rows(w, kind, wide, flags.has(&["--show-labels"]), &selector);
        let picked = pick(kind, rows.iter().map(|(name, row)| (name.as_str(), row)).collect(), names)?;
        let prefix = kind.singular();
        let rows: Vec<Vec<String>> = picked
            .into_iter()
            .map(|row| {
                let mut row = row.clone();
                row[0] = format!("{prefix}/{}", row[0]);
                row
            })
            .collect();
        if !rows.is_empty() {
            tables.push(table(&header, rows.iter().map(Vec::as_slice)));
        }
    }
    if tables.is_empty() {
        return Ok("No resources found in default namespace.".into());
    }
    Ok(tables.join("\n\n"))
}

/// The objects `get -o yaml|json` prints, as the API serves them: with what the apiserver adds
/// to every object (its uid, its times on the console's calendar, the owner's uid, its
/// defaults: [`crate::manifest::served`]).
fn objects(w: &World, kind: &str, names: &[&str], selector: &[Requirement]) -> Result<Vec<serde_json::Value>, String> {
    use crate::manifest::served;
    const EPOCH: u64 = super::describe::CALENDAR_EPOCH_MS;
    let kind = Kind::of(kind)?;
    let all: Vec<(&str, &Labels, serde_json::Value)> = match kind {
        Kind::Deployment => w
            .deployments
            .values()
            .map(|d| (d.metadata.name.as_str(), &d.metadata.labels, served::deployment(d, EPOCH)))
            .collect(),
        Kind::ReplicaSet => w
            .replica_sets
            .values()
            .map(|rs| {
                let owner = rs.metadata.owner.as_ref().and_then(|o| w.deployments.get(o));
                (rs.metadata.name.as_str(), &rs.metadata.labels, served::replica_set(rs, owner, EPOCH))
            })
            .collect(),
        Kind::Pod => w
            .pods
            .values()
            .map(|p| {
                let owner = p.metadata.owner.as_ref().and_then(|o| w.replica_sets.get(o));
                (p.metadata.name.as_str(), &p.metadata.labels, served::pod(p, owner, EPOCH))
            })
            .collect(),
        // The simulator's Services carry no labels of their own.
        Kind::Service => w
            .services
            .values()
            .enumerate()
            .map(|(i, s)| (s.name.as_str(), &NO_LABELS, served::service(s, i, EPOCH)))
            .collect(),
    };
    let selected = all.into_iter().filter(|(_, labels, _)| selects(selector, labels)).map(|(n, _, v)| (n, v));
    pick(kind, selected.collect(), names)
}

static NO_LABELS: Labels = Labels::new();

/// The objects named, in the order named (all of them if none is), or kubectl's NotFound.
fn pick<T>(kind: Kind, objects: Vec<(&str, T)>, names: &[&str]) -> Result<Vec<T>, String> {
    if names.is_empty() {
        return Ok(objects.into_iter().map(|(_, o)| o).collect());
    }
    let mut by_name: BTreeMap<&str, T> = objects.into_iter().collect();
    names.iter().map(|name| by_name.remove(name).ok_or_else(|| kind.not_found(name))).collect()
}

/// `rollout history deployment/NAME [--revision=N]`.
fn rollout_history(w: &World, rest: &[&str], flags: &Flags) -> Result<String, String> {
    let (name, _) = super::deployment_of(rest)?;
    deployment(w, &name)?;
    let revision = match flags.value(&["--revision"])? {
        None => None,
        Some(r) => Some(
            r.parse::<i64>()
                .map_err(|_| format!("error: invalid argument {r_q} for \"--revision\" flag", r_q = go_quote(r)))?,
        ),
    };
    history(w, &name, revision)
}

fn deployment<'w>(w: &'w World, name: &str) -> Result<&'w crate::sim::objects::Deployment, String> {
    w.deployments.get(name).ok_or_else(|| {
        format!("Error from server (NotFound): deployments.apps {name_q} not found", name_q = go_quote(name))
    })
}

/// An equality-based label selector: `app=http-go,version!=v1`, `app` (the key exists).
pub(crate) enum Requirement {
    Equals(String, String),
    NotEquals(String, String),
    Exists(String),
}

pub(crate) fn selector(text: Option<&str>) -> Result<Vec<Requirement>, String> {
    let Some(text) = text else { return Ok(Vec::new()) };
    text.split(',')
        .map(|part| {
            let part = part.trim();
            let r = if let Some((k, v)) = part.split_once("!=") {
                Requirement::NotEquals(k.trim().into(), v.trim().into())
            } else if let Some((k, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
                Requirement::Equals(k.trim().into(), v.trim().into())
            } else {
                Requirement::Exists(part.into())
            };
            match &r {
                Requirement::Equals(k, _) | Requirement::NotEquals(k, _) | Requirement::Exists(k) if k.is_empty() => {
                    Err(format!("error: unable to parse requirement: {part_q}", part_q = go_quote(part)))
                }
                _ => Ok(r),
            }
        })
        .collect()
}

pub(crate) fn selects(requirements: &[Requirement], labels: &Labels) -> bool {
    requirements.iter().all(|r| match r {
        Requirement::Equals(k, v) => labels.get(k) == Some(v),
        Requirement::NotEquals(k, v) => labels.get(k) != Some(v),
        Requirement::Exists(k) => labels.contains_key(k),
    })
}

/// A table's rows, each with the name of its object.
pub(super) type Rows = Vec<(String, Vec<String>)>;

/// `kubectl get KIND [NAME...] [--show-labels]`.
fn get(
    w: &World,
    kind: &str,
    names: &[&str],
    wide: bool,
    flags: &Flags,
    selector: &[Requirement],
) -> Result<String, String> {
    let kind = Kind::of(kind)?;
    let (header, rows) = rows(w, kind, wide, flags.has(&["--show-labels"]), selector);
    let rows = pick(kind, rows.iter().map(|(name, row)| (name.as_str(), row.as_slice())).collect(), names)?;
    if rows.is_empty() {
        return Ok("No resources found in default namespace.".into());
    }
    Ok(table(&header, rows.into_iter()))
}

/// The header of `get KIND` and a row for each object the selector selects, in name order, with
/// the LABELS column of `--show-labels` when `labels`.
pub(super) fn rows(
    w: &World,
    kind: Kind,
    wide: bool,
    labels: bool,
    selector: &[Requirement],
) -> (Vec<&'static str>, Rows) {
    let (mut header, mut rows) = columns(w, kind, wide, selector);
    if labels {
        header.push("LABELS");
        for (name, row) in &mut rows {
            let of = match kind {
                Kind::Deployment => w.deployments.get(name).map(|d| &d.metadata.labels),
                Kind::ReplicaSet => w.replica_sets.get(name).map(|rs| &rs.metadata.labels),
                Kind::Pod => w.pods.get(name).map(|p| &p.metadata.labels),
                Kind::Service => None,
            };
            row.push(of.filter(|l| !l.is_empty()).map_or_else(|| "<none>".to_string(), label_list));
        }
    }
    (header, rows)
}

/// The columns of `get KIND [-o wide]`.
pub(crate) fn columns(w: &World, kind: Kind, wide: bool, selector: &[Requirement]) -> (Vec<&'static str>, Rows) {
    match kind {
        Kind::Deployment => deployment_columns(w, wide, selector),
        Kind::ReplicaSet => replica_set_columns(w, wide, selector),
        Kind::Pod => pod_columns(w, wide, selector),
        Kind::Service => service_columns(w, wide, selector),
    }
}

fn deployment_columns(w: &World, wide: bool, selector: &[Requirement]) -> (Vec<&'static str>, Rows) {
    let now = w.time();
    let mut header = vec!["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"];
    if wide {
        header.extend(["CONTAINERS", "IMAGES", "SELECTOR"]);
    }
    let rows = w
        .deployments
        .values()
        .filter(|d| selects(selector, &d.metadata.labels))
        .map(|d| {
            let mut row = vec![
                d.metadata.name.clone(),
                format!("{}/{}", d.status.ready_replicas, d.spec.replicas),
                d.status.updated_replicas.to_string(),
                d.status.available_replicas.to_string(),
                age(now, d.metadata.creation_timestamp),
            ];
            if wide {
                row.extend(containers(&d.spec.template.containers));
                row.push(label_list(&d.spec.selector));
            }
            (d.metadata.name.clone(), row)
        })
        .collect();
    (header, rows)
}

fn replica_set_columns(w: &World, wide: bool, selector: &[Requirement]) -> (Vec<&'static str>, Rows) {
    let now = w.time();
    let mut header = vec!["NAME", "DESIRED", "CURRENT", "READY", "AGE"];
    if wide {
        header.extend(["CONTAINERS", "IMAGES", "SELECTOR"]);
    }
    let rows = w
        .replica_sets
        .values()
        .filter(|rs| selects(selector, &rs.metadata.labels))
        .map(|rs: &ReplicaSet| {
            let mut row = vec![
                rs.metadata.name.clone(),
                rs.spec.replicas.to_string(),
                rs.status.replicas.to_string(),
                rs.status.ready_replicas.to_string(),
                age(now, rs.metadata.creation_timestamp),
            ];
            if wide {
                row.extend(containers(&rs.spec.template.containers));
                row.push(label_list(&rs.spec.selector));
            }
            (rs.metadata.name.clone(), row)
        })
        .collect();
    (header, rows)
}

fn pod_columns(w: &World, wide: bool, selector: &[Requirement]) -> (Vec<&'static str>, Rows) {
    let now = w.time();
    let mut header = vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"];
    if wide {
        // `printPod`'s wide columns: no pod here has a nominated node or readiness gates.
        header.extend(["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]);
    }
    let rows = w
        .pods
        .values()
        .filter(|p| selects(selector, &p.metadata.labels))
        .map(|p: &Pod| {
            let mut row = vec![
                p.metadata.name.clone(),
                format!("{}/1", u8::from(p.status.container_ready)),
                p.display_status(),
                restarts(p, now),
                age(now, p.metadata.creation_timestamp),
            ];
            if wide {
                let none = || "<none>".to_string();
                row.extend([
                    p.status.pod_ip.clone().unwrap_or_else(none),
                    p.spec.node_name.clone().unwrap_or_else(none),
                    none(),
                    none(),
                ]);
            }
            (p.metadata.name.clone(), row)
        })
        .collect();
    (header, rows)
}

fn service_columns(w: &World, wide: bool, selector: &[Requirement]) -> (Vec<&'static str>, Rows) {
    let now = w.time();
    let mut header = vec!["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"];
    if wide {
        header.push("SELECTOR");
    }
    let rows = w
        .services
        .values()
        .filter(|_| selects(selector, &NO_LABELS))
        .map(|s| {
            let ports: Vec<String> = s.ports.iter().map(|p| format!("{}/{}", p.port, p.protocol)).collect();
            let mut row = vec![
                s.name.clone(),
                "ClusterIP".into(),
                s.cluster_ip.clone(),
                "<none>".into(),
                if ports.is_empty() { "<none>".into() } else { ports.join(",") },
                age(now, s.created),
            ];
            if wide {
                row.push(if s.selector.is_empty() { "<none>".into() } else { label_list(&s.selector) });
            }
            (s.name.clone(), row)
        })
        .collect();
    (header, rows)
}

/// CONTAINERS and IMAGES of `-o wide`.
fn containers(containers: &[crate::sim::objects::Container]) -> [String; 2] {
    let join = |f: fn(&crate::sim::objects::Container) -> &str| containers.iter().map(f).collect::<Vec<_>>().join(",");
    [join(|c| c.name.as_str()), join(|c| c.image.as_str())]
}

/// `printPod`'s RESTARTS: the count, and how long ago the last restarted container ended
/// (`2 (15s ago)`), once there is one.
fn restarts(p: &Pod, now: SimTime) -> String {
    match &p.status.last_termination {
        Some(last) if p.status.restart_count != 0 => {
            format!("{} ({} ago)", p.status.restart_count, age(now, last.finished_at))
        }
        _ => p.status.restart_count.to_string(),
    }
}

fn age(now: SimTime, since: SimTime) -> String {
    human_duration(now.saturating_since(since))
}

/// `kubectl rollout history deployment/NAME [--revision=N]`.
fn history(w: &World, name: &str, revision: Option<i64>) -> Result<String, String> {
    let mut owned: Vec<&ReplicaSet> =
        w.replica_sets.values().filter(|rs| rs.metadata.owner.as_deref() == Some(name)).collect();
    owned.sort_by_key(|rs| rs.revision());
    let change_cause = |rs: &ReplicaSet| {
        rs.metadata.annotations.get(CHANGE_CAUSE_ANNOTATION).cloned().unwrap_or_else(|| "<none>".into())
    };
    match revision {
        None | Some(0) => {
            // `deployment.apps/NAME ` (kubectl writes a space after it), then a tab-written table.
            let mut table = "REVISION\tCHANGE-CAUSE\n".to_string();
            for rs in &owned {
                table.push_str(&format!("{}\t{}\n", rs.revision(), change_cause(rs)));
            }
            Ok(format!("deployment.apps/{name} \n{}", super::output::tabwrite(&table))
                .trim_end_matches('\n')
                .to_string())
        }
        Some(n) => {
            // `printTemplate`: the ReplicaSet's template with its change-cause, as the describer
            // writes it, tabs and all (no tab writer here).
            let rs =
                owned.iter().find(|rs| rs.revision() == n).ok_or("error: unable to find the specified revision")?;
            let owner = w.deployments.get(name);
            let mut template = crate::manifest::served::replica_set(rs, owner, 0)["spec"]["template"].take();
            if let Some(cause) = rs.metadata.annotations.get(CHANGE_CAUSE_ANNOTATION) {
                template["metadata"]["annotations"][CHANGE_CAUSE_ANNOTATION] = serde_json::json!(cause);
            }
            let mut out = format!("deployment.apps/{name} with revision #{n}\n");
            super::describe::pod_template(&mut out, &template);
            Ok(out.trim_end_matches('\n').to_string())
        }
    }
}

fn quota_not_found(name: &str) -> String {
    format!("Error from server (NotFound): resourcequotas {} not found", go_quote(name))
}

/// `kubectl get quota [NAME…] [-o wide|yaml|json]`: the objects, or kubectl's columns for a ResourceQuota (`printResourceQuota`,
/// kubernetes 1.37): NAME, `RESOURCE: USED/HARD` of the `limits.*` resources under LIMIT and of
/// the others under REQUEST, then AGE.
fn get_quotas(w: &World, names: &[&str], output: Option<&str>) -> Result<String, String> {
    match output {
        None | Some("wide") => {}
        Some(format @ ("yaml" | "json")) => {
            let mut objects = Vec::new();
            for n in names {
                let q = w.resource_quotas.get(*n).ok_or_else(|| quota_not_found(n))?;
                objects.push(crate::manifest::live::resource_quota(w, q));
            }
            if names.is_empty() {
                objects.extend(w.resource_quotas.values().map(|q| crate::manifest::live::resource_quota(w, q)));
            }
            return Ok(super::output::print(objects, names.len() == 1, format == "yaml"));
        }
        Some(other) => {
            return Err(format!(
            "error: unable to match a printer suitable for the output format {}, allowed formats are: json,wide,yaml",
            go_quote(other)
        ))
        }
    }
    let mut rows = Vec::new();
    for q in w.resource_quotas.values().filter(|q| names.is_empty() || names.contains(&q.name.as_str())) {
        let used = crate::sim::quota::pods_used(w.pods.values(), w.time());
        let request: Vec<String> = q.hard.iter().map(|(r, hard)| format!("{r}: {used}/{hard}")).collect();
        let age = super::output::human_duration(w.time().saturating_since(q.created));
        rows.push(vec![q.name.clone(), request.join(", "), String::new(), age]);
    }
    if let Some(missing) = names.iter().find(|n| !w.resource_quotas.contains_key(**n)) {
        return Err(quota_not_found(missing));
    }
    if rows.is_empty() {
        return Ok("No resources found in default namespace.".into());
    }
    Ok(super::output::table(&["NAME", "REQUEST", "LIMIT", "AGE"], rows.iter().map(Vec::as_slice)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::run::http_go;

    /// `http_go`'s three replicas, rolled to v2 at 30 s (with a change-cause), at `at` seconds.
    fn cluster(at: u64) -> World {
        let mut w = http_go(1);
        for line in [
            "annotate deployment/http-go kubernetes.io/change-cause=\"image updated to v2\"",
            "set image deployment/http-go http-go=gasbugs/http-go:v2",
        ] {
            for intent in super::super::parse(line).unwrap() {
                w.schedule(SimTime::from_secs(30), intent);
            }
        }
        w.run_until(SimTime::from_secs(at));
        w
    }

    fn answer(w: &World, line: &str) -> Result<String, String> {
        super::super::read_line(w, line).expect("a command that reads")
    }

    #[test]
    fn get_deployments_prints_kubectls_table() {
        let w = cluster(200);
        assert_eq!(
            answer(&w, "kubectl get deployments").unwrap(),
            "NAME      READY   UP-TO-DATE   AVAILABLE   AGE\nhttp-go   3/3     3            3           3m20s"
        );
        let wide = answer(&w, "kubectl get deploy -o wide").unwrap();
        assert_eq!(wide, answer(&w, "get deploy -owide").unwrap());
        let lines: Vec<&str> = wide.lines().collect();
        assert_eq!(
            lines[0],
            "NAME      READY   UP-TO-DATE   AVAILABLE   AGE     CONTAINERS   IMAGES               SELECTOR"
        );
        assert_eq!(
            lines[1],
            "http-go   3/3     3            3           3m20s   http-go      gasbugs/http-go:v2   app=http-go"
        );
    }

    #[test]
    fn get_of_several_kinds_prints_each_and_one_list() {
        let w = cluster(35);
        let tables = answer(&w, "get deploy,rs,pods").unwrap();
        let blocks: Vec<&str> = tables.split("\n\n").collect();
        assert_eq!(blocks.len(), 3, "{tables}");
        assert!(blocks[0].starts_with("NAME") && blocks[0].contains("\ndeployment.apps/http-go "), "{tables}");
        assert_eq!(blocks[1].lines().filter(|l| l.starts_with("replicaset.apps/")).count(), w.replica_sets.len());
        assert_eq!(blocks[2].lines().filter(|l| l.starts_with("pod/")).count(), w.pods.len());
        let list: serde_json::Value = serde_json::from_str(&answer(&w, "get deploy,rs,pods -o json").unwrap()).unwrap();
        assert_eq!(list["kind"], "List");
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 1 + w.replica_sets.len() + w.pods.len());
        assert_eq!(
            (items[0]["kind"].as_str(), items.last().unwrap()["kind"].as_str()),
            (Some("Deployment"), Some("Pod"))
        );
        assert_eq!(
            answer(&w, "get deploy,nodez").unwrap_err(),
            "error: the server doesn't have a resource type \"nodez\""
        );
    }

    #[test]
    fn get_replicasets_and_pods_list_every_one() {
        let w = cluster(35);
        let rs = answer(&w, "get rs").unwrap();
        let lines: Vec<&str> = rs.lines().collect();
        let width = w.replica_sets.keys().map(String::len).max().unwrap() + 3;
        assert_eq!(lines[0], format!("{:<width$}DESIRED   CURRENT   READY   AGE", "NAME"));
        assert_eq!(lines.len(), 1 + w.replica_sets.len());
        for (line, rs) in lines[1..].iter().zip(w.replica_sets.values()) {
            let cells: Vec<&str> = line.split_whitespace().collect();
            let want = [rs.spec.replicas, rs.status.replicas, rs.status.ready_replicas].map(|n| n.to_string());
            assert_eq!((cells[0], &cells[1..4]), (rs.metadata.name.as_str(), &want.each_ref().map(String::as_str)[..]));
        }
        let pods = answer(&w, "get pods -o wide").unwrap();
        let lines: Vec<&str> = pods.lines().collect();
        assert!(
            lines[0].starts_with("NAME")
                && lines[0].ends_with("AGE   IP           NODE     NOMINATED NODE   READINESS GATES"),
            "{}",
            lines[0]
        );
        assert_eq!(lines.len(), 1 + w.pods.len());
        for (line, p) in lines[1..].iter().zip(w.pods.values()) {
            let cells: Vec<&str> = line.split_whitespace().collect();
            let ready = if p.status.container_ready { "1/1" } else { "0/1" };
            assert_eq!(&cells[..3], [p.metadata.name.as_str(), ready, p.display_status().as_str()]);
            let node = p.spec.node_name.as_deref().unwrap();
            assert_eq!(cells[5], p.status.pod_ip.as_deref().unwrap_or("<none>"));
            assert_eq!((cells[6], &cells[7..]), (node, &["<none>"; 2][..]));
            assert!(cells[5] == "<none>" || cells[5].starts_with(&format!("10.244.{}.", &node[5..])), "{line}");
        }
        // Every pod that got past scheduling has its own address.
        let ips: Vec<&str> = w.pods.values().filter_map(|p| p.status.pod_ip.as_deref()).collect();
        assert!(ips.len() >= w.pods.len() - 1, "{ips:?}");
        assert_eq!(ips.iter().collect::<std::collections::BTreeSet<_>>().len(), ips.len(), "{ips:?}");
        {}
        // A selector, a name, and what is not there.
        let new = w.replica_sets.values().find(|rs| rs.spec.template.image() == "gasbugs/http-go:v2").unwrap();
        let hash = &new.spec.selector["pod-template-hash"];
        let selected = answer(&w, &format!("get pods -l app=http-go,pod-template-hash={hash}")).unwrap();
        assert_eq!(
            selected.lines().count() - 1,
            w.pods.values().filter(|p| p.metadata.owner.as_ref() == Some(&new.metadata.name)).count()
        );
        assert_eq!(answer(&w, "get pods -l app=nothing").unwrap(), "No resources found in default namespace.");
        let labelled = answer(&w, "get pods --show-labels").unwrap();
        assert!(labelled.lines().next().unwrap().ends_with("AGE   LABELS"));
        for (line, p) in labelled.lines().skip(1).zip(w.pods.values()) {
            assert!(line.ends_with(&format!("   {}", label_list(&p.metadata.labels))), "{line}");
        }
        let one = w.pods.keys().next().unwrap();
        assert_eq!(answer(&w, &format!("get pod {one}")).unwrap().lines().count(), 2);
        assert_eq!(answer(&w, "get pod web-1").unwrap_err(), "Error from server (NotFound): pods \"web-1\" not found");
        assert_eq!(
            answer(&w, "get pods -o name").unwrap_err().split(',').next().unwrap(),
            "error: unable to match a printer suitable for the output format \"name\""
        );
        assert_eq!(answer(&w, "get nodez").unwrap_err(), "error: the server doesn't have a resource type \"nodez\"");
    }

    #[test]
    fn get_services_prints_the_cluster_ip_and_ports() {
        let mut w = crate::kubectl::test_run();
        w.run_until(SimTime::from_secs(75));
        let ip = crate::sim::service::cluster_ip_for("http-go");
        let pad = " ".repeat(ip.len() - "CLUSTER-IP".len());
        assert_eq!(
            answer(&w, "kubectl get svc").unwrap(),
            format!(
                "NAME      TYPE        CLUSTER-IP{pad}   EXTERNAL-IP   PORT(S)   AGE\nhttp-go   ClusterIP   {ip}   <none>        80/TCP    75s"
            )
        );
        assert_eq!(answer(&w, "get services http-go").unwrap(), answer(&w, "get svc").unwrap());
        assert!(answer(&w, "get service -o wide")
            .unwrap()
            .lines()
            .nth(1)
            .unwrap()
            .ends_with("80/TCP    75s   app=http-go"));
        assert_eq!(
            answer(&w, "get svc nope").unwrap_err(),
            "Error from server (NotFound): services \"nope\" not found"
        );
        let ips: Vec<String> = w.services["http-go"]
            .slice
            .iter()
            .map(|e| format!("{}:8080", w.pods[&e.pod].status.pod_ip.clone().unwrap()))
            .collect();
        assert_eq!(ips.len(), 4);
        assert_eq!(
            answer(&w, "describe svc http-go").unwrap(),
            format!(
                "Name:                     http-go\n\
                 Namespace:                default\n\
                 Labels:                   <none>\n\
                 Annotations:              <none>\n\
                 Selector:                 app=http-go\n\
                 Type:                     ClusterIP\n\
                 IP Family Policy:         SingleStack\n\
                 IP Families:              IPv4\n\
                 IP:                       {ip}\n\
                 IPs:                      {ip}\n\
                 Port:                     <unset>  80/TCP\n\
                 TargetPort:               8080/TCP\n\
                 Endpoints:                {} + 1 more...\n\
                 Session Affinity:         None\n\
                 Internal Traffic Policy:  Cluster\n\
                 Events:                   <none>",
                ips[..3].join(",")
            )
        );
        assert_eq!(answer(&w, "describe service/http-go"), answer(&w, "describe svc http-go"));
        assert_eq!(
            answer(&w, "describe svc nope").unwrap_err(),
            "Error from server (NotFound): services \"nope\" not found"
        );
    }

    #[test]
    fn rollout_history_and_status_read_the_deployment() {
        let w = cluster(35);
        assert_eq!(
            answer(&w, "rollout history deployment/http-go").unwrap(),
            // kubectl writes a space after the name.
            "deployment.apps/http-go \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image updated to v2"
        );
        let two = answer(&w, "kubectl rollout history deploy http-go --revision=2").unwrap();
        assert!(two.starts_with("deployment.apps/http-go with revision #2\nPod Template:\n"), "{two}");
        assert!(two.contains("Annotations:\tkubernetes.io/change-cause: image updated to v2"), "{two}");
        assert!(two.contains("Image:\tgasbugs/http-go:v2"), "{two}");
        assert_eq!(
            answer(&w, "rollout history deploy/http-go --revision=7").unwrap_err(),
            "error: unable to find the specified revision"
        );
        assert!(answer(&w, "rollout status deployment/http-go")
            .unwrap()
            .starts_with("Waiting for deployment \"http-go\" rollout to finish"));
        assert_eq!(
            answer(&cluster(200), "rollout status deployment/http-go").unwrap(),
            "deployment \"http-go\" successfully rolled out"
        );
        assert_eq!(
            answer(&w, "rollout status deployment/web").unwrap_err(),
            "Error from server (NotFound): deployments.apps \"web\" not found"
        );
    }

    #[test]
    fn changes_are_not_reads() {
        let w = cluster(1);
        for line in [
            "set image deployment/http-go http-go=x",
            "scale deploy/http-go --replicas=2",
            "rollout undo deployment/http-go",
            "frobnicate",
        ] {
            assert!(super::super::read_line(&w, line).is_none(), "{line}");
        }
    }
}
