//! `kubectl describe deployment|replicaset|pod NAME`: the object as `kubectl describe` lays it
//! out (the fields the simulator models), with its conditions and its events. The simulation has
//! no wall clock, so a creation time is written as the moment of the run and how long ago it was.

use super::usage::go_quote;
use std::fmt::Write;

use super::read::{human_duration, label_list};
use super::Kind;
use crate::sim::objects::{Container, Labels, PodTemplate, Probe, Strategy};
use crate::sim::time::SimTime;
use crate::sim::World;

/// The answer to `describe KIND NAME` (`words` after `describe`).
pub fn describe(w: &World, words: &[&str]) -> Result<String, String> {
    let (kind, name) = match words {
        [object] if object.contains('/') => object.split_once('/').unwrap_or_default(),
        [kind, name, ..] => (*kind, *name),
        [kind] => {
            return Err(format!("error: the simulator describes one object: give its name, as in describe {kind} NAME"))
        }
        [] => return Err("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.".into()),
    };
    match Kind::of(kind)? {
        Kind::Deployment => deployment(w, name),
        Kind::ReplicaSet => replica_set(w, name),
        Kind::Pod => pod(w, name),
        // Its Endpoints line would list pod IPs, which the simulator does not give pods.
        Kind::Service => Err(format!(
            "error: the simulator describes deployments, replicasets and pods; for service {name_q}, try get service {name} -o wide", name_q = go_quote(name)
        )),
    }
}

/// `Labels:  app=web` with further labels under the first, as kubectl aligns them.
fn labels(out: &mut String, title: &str, width: usize, labels: &Labels) {
    let mut first = true;
    for (k, v) in labels {
        if first {
            let _ = writeln!(out, "{title:<width$}{k}={v}");
        } else {
            let _ = writeln!(out, "{:<width$}{k}={v}", "");
        }
        first = false;
    }
    if first {
        let _ = writeln!(out, "{title:<width$}<none>");
    }
}

/// `Annotations:  key: value` with further annotations under the first, as kubectl aligns them.
fn annotations(out: &mut String, title: &str, width: usize, annotations: &Labels) {
    let mut first = true;
    for (k, v) in annotations {
        let title = if first { title } else { "" };
        let _ = writeln!(out, "{title:<width$}{k}: {v}");
        first = false;
    }
    if first {
        let _ = writeln!(out, "{title:<width$}<none>");
    }
}

fn created(now: SimTime, at: SimTime) -> String {
    format!("{at} into the run ({} ago)", human_duration(now.saturating_since(at)))
}

/// A probe as kubectl describes it: `http-get http://:8080/health delay=2s timeout=1s …`.
pub fn probe(p: &Probe) -> String {
    // The engine writes a handler as `GET /health on 8080` or `TCP on 8080`; one read from a
    // manifest's exec or gRPC probe is already as kubectl describes it.
    let words: Vec<&str> = p.handler.split_whitespace().collect();
    let action = match words.as_slice() {
        ["GET", path, "on", port] => format!("http-get http://:{port}{path}"),
        ["TCP", "on", port] => format!("tcp-socket :{port}"),
        _ => p.handler.clone(),
    };
    format!(
        "{action} delay={}s timeout={}s period={}s #success={} #failure={}",
        p.initial_delay_seconds, p.timeout_seconds, p.period_seconds, p.success_threshold, p.failure_threshold
    )
}

fn container(out: &mut String, indent: &str, c: &Container) {
    let _ = writeln!(out, "{indent} {}:", c.name);
    let _ = writeln!(out, "{indent}  Image:      {}", c.image);
    for (title, p) in
        [("Liveness:", &c.liveness_probe), ("Readiness:", &c.readiness_probe), ("Startup:", &c.startup_probe)]
    {
        if let Some(p) = p {
            let _ = writeln!(out, "{indent}  {title:<12}{}", probe(p));
        }
    }
}

fn template(out: &mut String, t: &PodTemplate) {
    out.push_str("Pod Template:\n");
    if t.annotations.is_empty() {
        labels(out, "  Labels:  ", 11, &t.labels);
    } else {
        // kubectl's tab writer aligns the two columns on the longer title.
        labels(out, "  Labels:", 16, &t.labels);
        annotations(out, "  Annotations:", 16, &t.annotations);
    }
    out.push_str("  Containers:\n");
    for c in &t.containers {
        container(out, "  ", c);
    }
}

/// The events Kubernetes records for each kind of object: the engine's trace also has its own
/// explanations (a condition changing, a pod becoming Ready), which `describe` leaves out.
pub(crate) const DEPLOYMENT_EVENTS: &[&str] = &["ScalingReplicaSet", "SelectingAll", "DeploymentRollback"];
pub(crate) const REPLICA_SET_EVENTS: &[&str] = &["SuccessfulCreate", "SuccessfulDelete", "FailedCreate"];
pub(crate) const POD_EVENTS: &[&str] = &[
    "Scheduled",
    "FailedScheduling",
    "Pulling",
    "Pulled",
    "Failed",
    "ErrImageNeverPull",
    "BackOff",
    "Started",
    "Killing",
    "Unhealthy",
    "NodeNotReady",
    "TaintManagerEviction",
];

/// The object's events, as `describe` lists them (or `Events: <none>`).
fn events(out: &mut String, w: &World, object: &str, kinds: &[&str], from: &str) {
    let now = w.time();
    let rows: Vec<[String; 5]> = w
        .events()
        .iter()
        .filter(|e| e.object == object && kinds.contains(&e.kind.as_str()))
        .map(|e| {
            let warning = is_warning(&e.kind);
            let from = match e.kind.as_str() {
                "Scheduled" | "FailedScheduling" => "default-scheduler",
                "NodeNotReady" => "node-controller",
                "TaintManagerEviction" => "taint-eviction-controller",
                _ => from,
            };
            [
                if warning { "Warning" } else { "Normal" }.to_string(),
                e.kind.clone(),
                human_duration(now.saturating_since(e.t)),
                from.to_string(),
                e.message.clone(),
            ]
        })
        .collect();
    if rows.is_empty() {
        out.push_str("Events:          <none>\n");
        return;
    }
    out.push_str("Events:\n");
    let header = ["Type", "Reason", "Age", "From", "Message"];
    let mut widths = header.map(str::len);
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut line = |cells: [&str; 5]| {
        out.push_str("  ");
        for (i, cell) in cells.iter().enumerate() {
            if i < 4 {
                let _ = write!(out, "{cell:<width$}  ", width = widths[i]);
            } else {
                out.push_str(cell);
            }
        }
        out.push('\n');
    };
    line(header);
    line(["----", "------", "---", "----", "-------"]);
    for r in &rows {
        line([&r[0], &r[1], &r[2], &r[3], &r[4]].map(String::as_str));
    }
}

fn deployment(w: &World, name: &str) -> Result<String, String> {
    let d = w.deployments.get(name).ok_or_else(|| Kind::Deployment.not_found(name))?;
    let now = w.time();
    let mut out = String::new();
    let width = 24;
    let _ = writeln!(out, "{:<width$}{}", "Name:", d.metadata.name);
    let _ = writeln!(out, "{:<width$}default", "Namespace:");
    let _ = writeln!(out, "{:<width$}{}", "CreationTimestamp:", created(now, d.metadata.creation_timestamp));
    labels(&mut out, "Labels:", width, &d.metadata.labels);
    annotations(&mut out, "Annotations:", width, &d.metadata.annotations);
    let _ = writeln!(out, "{:<width$}{}", "Selector:", label_list(&d.spec.selector));
    let s = &d.status;
    let _ = writeln!(
        out,
        "{:<width$}{} desired | {} updated | {} total | {} available | {} unavailable",
        "Replicas:", d.spec.replicas, s.updated_replicas, s.replicas, s.available_replicas, s.unavailable_replicas
    );
    match &d.spec.strategy {
        Strategy::Recreate => {
            let _ = writeln!(out, "{:<width$}Recreate", "StrategyType:");
            let _ = writeln!(out, "{:<width$}{}", "MinReadySeconds:", d.spec.min_ready_seconds);
        }
        Strategy::RollingUpdate { max_surge, max_unavailable } => {
            let _ = writeln!(out, "{:<width$}RollingUpdate", "StrategyType:");
            let _ = writeln!(out, "{:<width$}{}", "MinReadySeconds:", d.spec.min_ready_seconds);
            let show = |v: &Option<crate::sim::objects::IntOrPercent>| v.map_or("25%".to_string(), |v| v.to_string());
            let _ = writeln!(
                out,
                "{:<width$}{} max unavailable, {} max surge",
                "RollingUpdateStrategy:",
                show(max_unavailable),
                show(max_surge)
            );
        }
    }
    template(&mut out, &d.spec.template);
    out.push_str("Conditions:\n  Type           Status  Reason\n  ----           ------  ------\n");
    for c in &s.conditions {
        let status = super::output::status_word(c.status);
        let _ = writeln!(out, "  {:<15}{status:<8}{}", format!("{:?}", c.kind), c.reason);
    }
    let mut owned: Vec<_> = w.replica_sets_of(name);
    owned.sort_by_key(|rs| rs.revision());
    let new = owned.iter().find(|rs| rs.spec.template.eq_ignore_hash(&d.spec.template));
    let created = |rs: &crate::sim::objects::ReplicaSet| {
        format!("{} ({}/{} replicas created)", rs.metadata.name, rs.status.replicas, rs.spec.replicas)
    };
    let old: Vec<String> = owned
        .iter()
        .filter(|rs| Some(*rs) != new && rs.spec.replicas + rs.status.replicas > 0)
        .map(|rs| created(rs))
        .collect();
    let _ = writeln!(
        out,
        "{:<17}{}",
        "OldReplicaSets:",
        if old.is_empty() { "<none>".to_string() } else { old.join(", ") }
    );
    let _ = writeln!(out, "{:<17}{}", "NewReplicaSet:", new.map_or("<none>".to_string(), |rs| created(rs)));
    events(&mut out, w, &format!("deployment/{name}"), DEPLOYMENT_EVENTS, "deployment-controller");
    Ok(out.trim_end().to_string())
}

fn replica_set(w: &World, name: &str) -> Result<String, String> {
    let rs = w.replica_sets.get(name).ok_or_else(|| Kind::ReplicaSet.not_found(name))?;
    let mut out = String::new();
    // Aligned past the longest title, "Controlled By:", as kubectl's tab writer aligns them.
    let width = 16;
    let _ = writeln!(out, "{:<width$}{}", "Name:", rs.metadata.name);
    let _ = writeln!(out, "{:<width$}default", "Namespace:");
    let _ = writeln!(out, "{:<width$}{}", "Selector:", label_list(&rs.spec.selector));
    labels(&mut out, "Labels:", width, &rs.metadata.labels);
    annotations(&mut out, "Annotations:", width, &rs.metadata.annotations);
    if let Some(owner) = &rs.metadata.owner {
        let _ = writeln!(out, "{:<width$}Deployment/{owner}", "Controlled By:");
    }
    let _ = writeln!(out, "{:<width$}{} current / {} desired", "Replicas:", rs.status.replicas, rs.spec.replicas);
    let pods: Vec<_> = w.pods.values().filter(|p| p.metadata.owner.as_deref() == Some(name)).collect();
    let count = |phase: crate::sim::objects::PodPhase| pods.iter().filter(|p| p.status.phase == phase).count();
    use crate::sim::objects::PodPhase::*;
    let _ = writeln!(
        out,
        "{:<width$}{} Running / {} Waiting / {} Succeeded / {} Failed",
        "Pods Status:",
        count(Running),
        count(Pending),
        count(Succeeded),
        count(Failed)
    );
    template(&mut out, &rs.spec.template);
    events(&mut out, w, &format!("rs/{name}"), REPLICA_SET_EVENTS, "replicaset-controller");
    Ok(out.trim_end().to_string())
}

fn pod(w: &World, name: &str) -> Result<String, String> {
    let p = w.pods.get(name).ok_or_else(|| Kind::Pod.not_found(name))?;
    let now = w.time();
    let mut out = String::new();
    // Aligned past the longest title, "Controlled By:", as kubectl's tab writer aligns them.
    let width = 16;
    let _ = writeln!(out, "{:<width$}{}", "Name:", p.metadata.name);
    let _ = writeln!(out, "{:<width$}default", "Namespace:");
    let _ = writeln!(out, "{:<width$}{}", "Node:", p.spec.node_name.as_deref().unwrap_or("<none>"));
    let _ = writeln!(out, "{:<width$}{}", "Start Time:", created(now, p.metadata.creation_timestamp));
    labels(&mut out, "Labels:", width, &p.metadata.labels);
    annotations(&mut out, "Annotations:", width, &p.metadata.annotations);
    let _ = writeln!(out, "{:<width$}{}", "Status:", p.display_status());
    if let Some(owner) = &p.metadata.owner {
        let _ = writeln!(out, "{:<width$}ReplicaSet/{owner}", "Controlled By:");
    }
    out.push_str("Containers:\n");
    for c in &p.spec.containers {
        let _ = writeln!(out, "  {}:", c.name);
        let _ = writeln!(out, "    Image:          {}", c.image);
        if let Some(id) = &p.status.image_id {
            let _ = writeln!(out, "    Image ID:       {id}");
        }
        let state = match &p.status.container_state {
            crate::sim::objects::ContainerState::Running => "Running".to_string(),
            crate::sim::objects::ContainerState::Waiting(reason) => format!("Waiting\n      Reason:       {reason}"),
            crate::sim::objects::ContainerState::Terminated(reason) => {
                format!("Terminated\n      Reason:       {reason}")
            }
        };
        let _ = writeln!(out, "    State:          {state}");
        let _ = writeln!(out, "    Ready:          {}", if p.status.ready { "True" } else { "False" });
        let _ = writeln!(out, "    Restart Count:  {}", p.status.restart_count);
        for (title, probe_of) in
            [("Liveness:", &c.liveness_probe), ("Readiness:", &c.readiness_probe), ("Startup:", &c.startup_probe)]
        {
            if let Some(pr) = probe_of {
                let _ = writeln!(out, "    {title:<16}{}", probe(pr));
            }
        }
    }
    let ready = if p.status.ready { "True" } else { "False" };
    let scheduled = if p.spec.node_name.is_some() { "True" } else { "False" };
    let _ = writeln!(
        out,
        "Conditions:\n  Type              Status\n  PodScheduled      {scheduled}\n  Ready             {ready}\n  ContainersReady   {ready}"
    );
    events(&mut out, w, &format!("pod/{name}"), POD_EVENTS, "kubelet");
    Ok(out.trim_end().to_string())
}

/// Whether Kubernetes records an event of this reason as `Warning` (the rest are `Normal`).
pub(crate) fn is_warning(reason: &str) -> bool {
    matches!(
        reason,
        "Failed" | "ErrImageNeverPull" | "BackOff" | "Unhealthy" | "FailedScheduling" | "FailedCreate" | "NodeNotReady"
    )
}

#[cfg(test)]
mod tests {
    use crate::sim::run::http_go;
    use crate::sim::SimTime;

    fn answer(w: &crate::sim::World, line: &str) -> Result<String, String> {
        super::super::read_line(w, line).expect("describe reads")
    }

    #[test]
    fn describe_shows_the_objects_conditions_and_events() {
        let mut w = http_go(1);
        for intent in super::super::parse("set image deployment/http-go http-go=gasbugs/http-go:v2").unwrap() {
            w.schedule(SimTime::from_secs(30), intent);
        }
        w.run_until(SimTime::from_secs(200));
        let d = answer(&w, "kubectl describe deployment http-go").unwrap();
        for line in [
            "Name:                   http-go",
            "Namespace:              default",
            "Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable",
            "StrategyType:           RollingUpdate",
            "RollingUpdateStrategy:  25% max unavailable, 25% max surge",
            "    Image:      gasbugs/http-go:v2",
            "    Readiness:  http-get http://:8080/health delay=2s timeout=1s period=2s #success=1 #failure=3",
            "  Available      True    MinimumReplicasAvailable",
            "  Progressing    True    NewReplicaSetAvailable",
            "  Type    Reason             Age    From                   Message",
            "OldReplicaSets:  <none>",
        ] {
            assert!(d.lines().any(|l| l == line), "{line:?} not in\n{d}");
        }
        assert!(
            d.contains("  Normal  ScalingReplicaSet  3m19s  deployment-controller  Scaled up replica set http-go-"),
            "{d}"
        );
        assert!(!d.contains("MinimumReplicasAvailable  "), "conditions are not events:\n{d}");
        let new = w.replica_sets.values().find(|rs| rs.spec.template.image() == "gasbugs/http-go:v2").unwrap();
        assert!(d.contains(&format!("NewReplicaSet:   {} (3/3 replicas created)", new.metadata.name)), "{d}");

        let rs = answer(&w, &format!("describe rs/{}", new.metadata.name)).unwrap();
        assert!(rs.contains("Controlled By:  Deployment/http-go"), "{rs}");
        assert!(rs.contains("Pods Status:    3 Running / 0 Waiting / 0 Succeeded / 0 Failed"), "{rs}");
        assert!(rs.contains("SuccessfulCreate"), "{rs}");

        let pod = w.pods.values().next().unwrap();
        let p = answer(&w, &format!("describe pod {}", pod.metadata.name)).unwrap();
        assert!(p.contains("    State:          Running\n    Ready:          True"), "{p}");
        assert!(p.contains("default-scheduler"), "{p}");
        assert!(p.contains(&format!("Controlled By:  ReplicaSet/{}", new.metadata.name)), "{p}");
        assert!(p.contains("\nAnnotations:    <none>\nStatus:         Running\n"), "{p}");

        let tcp = crate::sim::objects::Probe { handler: "TCP on 8080".into(), ..Default::default() };
        assert!(super::probe(&tcp).starts_with("tcp-socket :8080 delay=0s"), "{}", super::probe(&tcp));
        assert_eq!(
            answer(&w, "describe pod nothing").unwrap_err(),
            "Error from server (NotFound): pods \"nothing\" not found"
        );
        assert_eq!(
            answer(&w, "describe nodez x").unwrap_err(),
            "error: the server doesn't have a resource type \"nodez\""
        );
    }

    /// After `rollout restart` the Pod Template shows the annotation, aligned as kubectl's tab
    /// writer aligns it, and the pods and `-o yaml` carry it too.
    #[test]
    fn a_restarted_template_shows_its_annotation() {
        let mut w = http_go(1);
        w.run_until(SimTime::from_secs(30));
        let before = answer(&w, "describe deployment http-go").unwrap();
        assert!(before.contains("Pod Template:\n  Labels:  app=http-go\n  Containers:"), "{before}");
        for intent in super::super::parse("kubectl rollout restart deployment/http-go").unwrap() {
            assert_eq!(w.apply(intent).unwrap(), "deployment.apps/http-go restarted");
        }
        w.run_until(SimTime::from_secs(90));
        let d = answer(&w, "describe deployment http-go").unwrap();
        assert!(
            d.contains(
                "Pod Template:\n  Labels:       app=http-go\n  Annotations:  kubectl.kubernetes.io/restartedAt: 1970-01-01T00:00:30Z\n  Containers:"
            ),
            "{d}"
        );
        let pod = w.pods.values().find(|p| !p.is_terminating()).unwrap();
        let p = answer(&w, &format!("describe pod {}", pod.metadata.name)).unwrap();
        assert!(p.contains("\nAnnotations:    kubectl.kubernetes.io/restartedAt: 1970-01-01T00:00:30Z\n"), "{p}");
        let yaml = answer(&w, "get deployment http-go -o yaml").unwrap();
        assert!(
            yaml.contains("    metadata:\n      annotations:\n        kubectl.kubernetes.io/restartedAt: \"1970-01-01T00:00:30Z\"\n      labels:"),
            "{yaml}"
        );
        let history = answer(&w, "rollout history deployment/http-go").unwrap();
        assert!(history.contains("1         <none>\n2         <none>"), "{history}");
    }
}
