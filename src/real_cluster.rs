//! "Try it on a real cluster": a scenario file as a shell script for kind or minikube. The script
//! applies the scenario's manifests, then runs each kubectl command of its timeline (and of its
//! plans) at its moment, sleeping in between; what only the simulator can do (a build that fails
//! its readiness probe, a node that stops) is written as a comment that says what to do instead.
//!
//! `rolloutscope export SCENARIO --kubectl` prints it for a file (read and checked first), and the
//! page downloads it for the run on screen; both write it here, from the file as JSON.

use std::fmt::Write as _;

use serde_json::Value;

use crate::sim::SimDuration;

/// The script for a scenario file that `rolloutscope simulate` reads (`origin` names it in the
/// header and in errors).
/// `made_by` says where it comes from (the command that printed it, or the page).
pub fn script(file: &Value, origin: &str, made_by: &str) -> Result<String, String> {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "#!/usr/bin/env bash");
    let _ = writeln!(w, "# {origin} on a real cluster (kind or minikube), made by {made_by}.");
    let _ = writeln!(w, "# It applies the manifests, then runs each kubectl command at its moment from the start.");
    let _ = writeln!(w, "# A real cluster is not the simulator: pods take as long as the images and nodes make them.");
    let nodes = file.get("nodes").and_then(Value::as_u64).unwrap_or(3);
    let _ = writeln!(w, "# The simulator ran {nodes} nodes: for kind, a cluster with {nodes} workers is closest.");
    if let Some(images) = file.get("images").and_then(Value::as_object).filter(|m| !m.is_empty()) {
        let _ = writeln!(w, "# How the simulator's images behaved (a real image behaves as its code does):");
        for (image, behaviour) in images {
            let _ = writeln!(w, "#   {image}: {}", flow(behaviour));
        }
    }
    for stream in one_or_many(file.get("traffic")) {
        let rate = stream.get("ratePerSecond").and_then(Value::as_u64).unwrap_or(1);
        let delay = 1.0 / rate.max(1) as f64;
        match (stream.get("service").and_then(Value::as_str), stream.get("host").and_then(Value::as_str)) {
            (Some(service), _) => {
                let _ =
                    writeln!(w, "# Traffic: {rate} requests/s to service/{service}. To watch it, in another terminal:");
                let _ = writeln!(w, "#   kubectl port-forward service/{service} 8080:80 &");
                let _ = writeln!(w, "#   while true; do curl -s localhost:8080; echo; sleep {delay}; done");
            }
            (None, Some(host)) => {
                let _ = writeln!(
                    w,
                    "# Traffic: {rate} requests/s to the Ingress host {host}. With an NGINX ingress controller:"
                );
                let _ = writeln!(
                    w,
                    "#   while true; do curl -s -H 'Host: {host}' http://<ingress address>/; echo; sleep {delay}; done"
                );
            }
            _ => {}
        }
    }
    let _ = writeln!(w, "set -euo pipefail");
    let _ = writeln!(w);
    let _ = writeln!(w, "kubectl apply -f - <<'MANIFESTS'");
    for (i, manifest) in file.get("manifests").and_then(Value::as_array).into_iter().flatten().enumerate() {
        if i > 0 {
            let _ = writeln!(w, "---");
        }
        let yaml = crate::yaml::to_string(manifest);
        w.push_str(&yaml);
    }
    let _ = writeln!(w, "MANIFESTS");
    let _ = writeln!(w);
    let _ = writeln!(w, "# Waits until SECONDS seconds after the start.");
    let _ = writeln!(w, "start=$SECONDS");
    let _ = writeln!(
        w,
        "at() {{ local wait=$(( $1 - (SECONDS - start) )); if [ \"$wait\" -gt 0 ]; then sleep \"$wait\"; fi; }}"
    );

    // The timeline and the plan's first steps, in time order.
    let mut moments: Vec<(SimDuration, String)> = Vec::new();
    let mut plans = 0;
    for entry in file.get("timeline").and_then(Value::as_array).into_iter().flatten() {
        let at = time(entry.get("at"))?;
        match entry.get("plan") {
            Some(plan) => {
                moments.push((at, plan_lines(plan, plans > 0)?));
                plans += 1;
            }
            None => moments.push((at, timeline_entry(entry, file))),
        }
    }
    if let Some(plan) = file.get("plan") {
        moments.push((time(plan.get("at"))?, plan_lines(plan, plans > 0)?));
        plans += 1;
    }
    moments.sort_by_key(|(at, _)| *at);
    for (at, lines) in moments {
        let _ = writeln!(w);
        let _ = writeln!(w, "at {}  # {at}", ceil_seconds(at));
        w.push_str(&lines);
    }
    if plans > 0 {
        let _ = writeln!(w);
        let _ = writeln!(w, "wait  # for the plan{}", if plans > 1 { "s" } else { "" });
    }
    Ok(out)
}

fn one_or_many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v @ Value::Object(_)) => vec![v],
        _ => Vec::new(),
    }
}

/// `{startupSeconds: 3}` as one line.
fn flow(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let parts: Vec<String> = m.iter().map(|(k, v)| format!("{k}: {}", flow(v))).collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn time(v: Option<&Value>) -> Result<SimDuration, String> {
    let text = match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Ok(SimDuration::ZERO),
    };
    SimDuration::parse(&text)
}

fn ceil_seconds(d: SimDuration) -> u64 {
    d.as_millis().div_ceil(1000)
}

/// The labels that select a Deployment's pods (`app=http-go,track=stable`), from the manifests.
fn selector_of(file: &Value, deployment: &str) -> Option<String> {
    let d = file.get("manifests")?.as_array()?.iter().find(|m| {
        m.get("kind").and_then(Value::as_str) == Some("Deployment")
            && m.pointer("/metadata/name").and_then(Value::as_str) == Some(deployment)
    })?;
    let labels = d.pointer("/spec/selector/matchLabels")?.as_object()?;
    Some(labels.iter().map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default())).collect::<Vec<_>>().join(","))
}

fn timeline_entry(entry: &Value, file: &Value) -> String {
    if let Some(line) = entry.get("kubectl").and_then(Value::as_str) {
        return format!("kubectl {}\n", crate::kubectl::without_kubectl(line));
    }
    for verb in ["apply", "create"] {
        if let Some(manifests) = entry.get(verb).and_then(Value::as_array) {
            let docs: Vec<String> = manifests.iter().map(crate::yaml::to_string).collect();
            return format!("kubectl {verb} -f - <<'MANIFESTS'\n{}MANIFESTS\n", docs.join("---\n"));
        }
    }
    if let Some(push) = entry.get("push") {
        let image = push.get("image").and_then(Value::as_str).unwrap_or_default();
        return format!(
            "# A new build of {image} is pushed under the same tag ({}): build and push it now\n\
             # (with kind: docker build -t {image} . && kind load docker-image {image}).\n",
            flow(push)
        );
    }
    let Some(fault) = entry.get("fault").and_then(Value::as_object) else { return String::new() };
    let Some((kind, target)) = fault.iter().next() else { return String::new() };
    let target = target.as_str().unwrap_or_default();
    match kind.as_str() {
        "deletePod" => match target.strip_prefix("deployment/") {
            Some(d) => match selector_of(file, d) {
                Some(sel) => format!(
                    "# A pod of deployment/{d} dies: the first running one is deleted.\n\
                     kubectl delete \"$(kubectl get pods -l {sel} --field-selector=status.phase=Running -o name | head -n 1)\"\n"
                ),
                None => format!("# A pod of deployment/{d} dies: delete one of its pods.\n"),
            },
            None => format!("kubectl delete pod {target}\n"),
        },
        "failReadiness" | "failLiveness" => {
            let probe = if kind == "failReadiness" { "readiness" } else { "liveness" };
            format!("# Only in the simulator: {target}'s {probe} endpoint starts failing. On a real cluster, make the app's probe path fail.\n")
        }
        "nodeDown" => format!(
            "# {target} goes down (its kubelet stops). With kind: docker stop <cluster>-worker (the node's container);\n\
             # with minikube: minikube node stop <node>.\n"
        ),
        "nodeUp" => format!("# {target} comes back. With kind: docker start <cluster>-worker; with minikube: minikube node start <node>.\n"),
        _ => String::new(),
    }
}

/// A plan's steps, one after another, each waiting for the last; in the background, as the
/// timeline goes on beside it in the simulator. A plan that `replaces` another stops it first,
/// as a new plan replaces the one running in the simulator.
fn plan_lines(plan: &Value, replaces: bool) -> Result<String, String> {
    let mut out = String::from("# The plan, in the background: each step after the one before.\n");
    if replaces {
        out.push_str("kill \"$plan\" 2>/dev/null || true  # it replaces the plan still running\n");
    }
    out.push_str("(\n");
    for step in plan.get("steps").and_then(Value::as_array).into_iter().flatten() {
        out.push_str(&plan_step(step)?);
    }
    out.push_str(") &\nplan=$!\n");
    if let Some(abort) = plan.get("abort") {
        let service = abort.get("service").and_then(Value::as_str).unwrap_or_default();
        let above = abort.get("errorPercentAbove").map(flow).unwrap_or_default();
        let _ = writeln!(
            out,
            "# The simulator aborts the plan when more than {above}% of service/{service}'s requests fail."
        );
        let _ = writeln!(out, "# On a real cluster, watch the errors and run the abort steps yourself:");
        for step in abort.get("steps").and_then(Value::as_array).into_iter().flatten() {
            for line in plan_step(step)?.lines() {
                let _ = writeln!(out, "#   {}", line.trim_start_matches("# "));
            }
        }
    }
    Ok(out)
}

fn plan_step(step: &Value) -> Result<String, String> {
    if let Some(line) = step.get("kubectl").and_then(Value::as_str) {
        return Ok(format!("kubectl {}\n", crate::kubectl::without_kubectl(line)));
    }
    if let Some(pause) = step.get("pause") {
        let d = time(Some(pause))?;
        return Ok(format!("sleep {}  # pause {d}\n", ceil_seconds(d)));
    }
    if let Some(target) = step.get("waitForAvailable").and_then(Value::as_str) {
        // The plan waits until the Deployment has rolled out, as `kubectl rollout status` does.
        return Ok(format!("kubectl rollout status deployment/{target} --timeout=10m\n"));
    }
    Ok(String::new())
}
