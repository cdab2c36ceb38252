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
///
/// Nothing from the file reaches bash as code: a command is written word by word, each word
/// shell-quoted from the words the console parsed (never the line as typed), a name or a label in a
/// command is one quoted word, text from the file in a comment has its line breaks and control
/// characters escaped, and the manifests' here-document ends on a line that none of them holds. A
/// word that no real `kubectl` could be given, or that would not show what it runs, is refused.
pub fn script(file: &Value, origin: &str, made_by: &str) -> Result<String, String> {
    let mut out = String::new();
    let w = &mut out;
    header(w, file, origin, made_by);
    gateway_api_note(w, file);
    traffic_notes(w, file)?;
    context_check(w);
    let manifests: Vec<String> =
        file.get("manifests").and_then(Value::as_array).into_iter().flatten().map(crate::yaml::to_string).collect();
    w.push_str(&apply("apply", &manifests));
    let _ = writeln!(w);
    comment(w, "Waits until SECONDS seconds after the start.");
    let _ = writeln!(w, "start=$SECONDS");
    let _ = writeln!(
        w,
        "at() {{ local wait=$(( $1 - (SECONDS - start) )); if [ \"$wait\" -gt 0 ]; then sleep \"$wait\"; fi; }}"
    );

    timeline(w, file)?;
    Ok(out)
}

/// What the script is, what it runs against, and how the simulator's nodes and images were.
fn header(w: &mut String, file: &Value, origin: &str, made_by: &str) {
    let _ = writeln!(w, "#!/usr/bin/env bash");
    comment(w, &format!("{origin} on a real cluster (kind or minikube), made by {made_by}."));
    comment(w, "It applies the manifests, then runs each kubectl command at its moment from the start,");
    comment(w, "against kubectl's current context: run it on a cluster made for trying things (kind, minikube).");
    comment(w, "A real cluster is not the simulator: pods take as long as the images and nodes make them.");
    let nodes = file.get("nodes").and_then(Value::as_u64).unwrap_or(3);
    comment(w, &format!("The simulator ran {nodes} nodes: for kind, a cluster with {nodes} workers is closest."));
    if let Some(images) = file.get("images").and_then(Value::as_object).filter(|m| !m.is_empty()) {
        comment(w, "How the simulator's images behaved (a real image behaves as its code does):");
        for (image, behaviour) in images {
            comment(w, &format!("  {image}: {}", flow(behaviour)));
        }
    }
}

/// What a cluster needs before it can run Gateway API objects.
fn gateway_api_note(w: &mut String, file: &Value) {
    if has_gateway_api(file) {
        // kubernetes-sigs/gateway-api: the CRDs come with an implementation, which must be
        // conformant; Envoy Gateway's quickstart installs both on kind, and its controller name is
        // the one RolloutScope's Gateway-based strategies give their GatewayClass.
        comment(w, "The manifests hold Gateway API objects (gateway.networking.k8s.io/v1): a cluster needs the");
        comment(w, "Gateway API CRDs and a conformant implementation first. On kind, Envoy Gateway installs both:");
        comment(w, "  helm install eg oci://docker.io/envoyproxy/gateway-helm --version <latest release> \\");
        comment(w, "    -n envoy-gateway-system --create-namespace");
        comment(w, "  (https://gateway.envoyproxy.io/docs/tasks/quickstart/); its GatewayClass controllerName is");
        comment(w, "  gateway.envoyproxy.io/gatewayclass-controller. The simulator controls every class itself.");
    }
}

/// How to watch each stream of requests on the real cluster (as comments: the script does not
/// send them).
fn traffic_notes(w: &mut String, file: &Value) -> Result<(), String> {
    for stream in one_or_many(file.get("traffic")) {
        let rate = stream.get("ratePerSecond").and_then(Value::as_u64).unwrap_or(1);
        let delay = 1.0 / rate.max(1) as f64;
        match (stream.get("service").and_then(Value::as_str), stream.get("host").and_then(Value::as_str)) {
            (Some(service), _) => {
                comment(
                    w,
                    &format!("Traffic: {rate} requests/s to service/{service}. To watch it, in another terminal:"),
                );
                comment(w, &format!("  kubectl port-forward {} 8080:80 &", quote(&format!("service/{service}"))?));
                comment(w, &format!("  while true; do curl -s localhost:8080; echo; sleep {delay}; done"));
            }
            (None, Some(host)) if routed_by_gateway(file, host) => {
                let gateway = route_gateway(file, host).unwrap_or_default();
                comment(
                    w,
                    &format!("Traffic: {rate} requests/s to the host {host}, through the Gateway {gateway}. With Envoy Gateway:"),
                );
                comment(
                    w,
                    &format!(
                        "  svc=$(kubectl get service -n envoy-gateway-system -l {} -o name)",
                        quote(&format!(
                            "gateway.envoyproxy.io/owning-gateway-namespace=default,gateway.envoyproxy.io/owning-gateway-name={gateway}"
                        ))?
                    ),
                );
                comment(w, "  kubectl port-forward -n envoy-gateway-system \"$svc\" 8888:80 &");
                comment(
                    w,
                    &format!(
                        "  while true; do curl -s -H {} http://localhost:8888/; echo; sleep {delay}; done",
                        quote(&format!("Host: {host}"))?
                    ),
                );
            }
            (None, Some(host)) => {
                comment(
                    w,
                    &format!(
                        "Traffic: {rate} requests/s to the Ingress host {host}. With an NGINX ingress controller:"
                    ),
                );
                comment(
                    w,
                    &format!(
                        "  while true; do curl -s -H {} http://<ingress address>/; echo; sleep {delay}; done",
                        quote(&format!("Host: {host}"))?
                    ),
                );
            }
            _ => {}
        }
    }
    Ok(())
}

/// The context is named before anything is applied, and asked about when a person runs it.
fn context_check(w: &mut String) {
    let _ = writeln!(w, "set -euo pipefail");
    let _ = writeln!(w);
    let _ = writeln!(w, "context=$(kubectl config current-context)");
    let _ = writeln!(w, "echo \"This script runs kubectl against the context: $context\"");
    let _ = writeln!(
        w,
        "if [ -t 0 ]; then read -r -p 'Go on? [y/N] ' answer; [ \"$answer\" = y ] || [ \"$answer\" = Y ] || exit 1; fi"
    );
    let _ = writeln!(w);
}

/// The timeline and the plan's first steps, in time order, each at its moment from the start.
fn timeline(w: &mut String, file: &Value) -> Result<(), String> {
    let mut moments: Vec<(SimDuration, String)> = Vec::new();
    let mut plans = 0;
    for (i, entry) in file.get("timeline").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let at = time(entry.get("at"))?;
        match entry.get("plan") {
            Some(plan) => {
                moments.push((at, plan_lines(plan, plans > 0).map_err(|e| format!("timeline[{i}].plan: {e}"))?));
                plans += 1;
            }
            None => moments.push((at, timeline_entry(entry, file).map_err(|e| format!("timeline[{i}]: {e}"))?)),
        }
    }
    if let Some(plan) = file.get("plan") {
        moments.push((time(plan.get("at"))?, plan_lines(plan, plans > 0).map_err(|e| format!("plan: {e}"))?));
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
    Ok(())
}

/// One word as bash reads it back unchanged (`shlex`'s quoting, which also guards `{a,b}`, `~`
/// and `!`). Refused: a NUL, which no program's argument can hold, and the characters that make a
/// script look other than it runs (control characters but tab and newline, and the bidirectional
/// and zero-width formatting characters of "Trojan Source", CVE-2021-42574).
pub fn quote(word: &str) -> Result<String, String> {
    if word.contains('\0') {
        return Err(format!("{word:?} holds a NUL byte, which no kubectl argument can hold"));
    }
    if let Some(c) = word.chars().find(|&c| hidden(c)) {
        return Err(format!(
            "{word:?} holds U+{:04X}, which a script for a real cluster does not carry: it would not show what it runs",
            c as u32
        ));
    }
    // `shlex` quotes `=`, `,` and `%` everywhere; in an argument after the command they are
    // literal, and `--replicas=6` reads better bare.
    let bare = |c: char| c.is_ascii_alphanumeric() || "_./:@%+,=-".contains(c);
    if !word.is_empty() && word.chars().all(bare) {
        return Ok(word.to_string());
    }
    shlex::try_quote(word)
        .map(|q| q.into_owned())
        .map_err(|_| format!("{word:?} holds a NUL byte, which no kubectl argument can hold"))
}

/// A character that prints as nothing, or as something else, in a terminal or an editor.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A command line of the file (`set image deployment/http-go http-go=…`, with or without the
/// leading `kubectl`) as the words the console parses, each quoted.
fn kubectl_line(line: &str) -> Result<String, String> {
    let words = shell_words::split(crate::kubectl::without_kubectl(line))
        .map_err(|e| format!("the command line {line:?} does not parse: {e}"))?;
    command(std::iter::once("kubectl").chain(words.iter().map(String::as_str)))
}

/// Words as one command line, each quoted.
fn command<'a>(words: impl IntoIterator<Item = &'a str>) -> Result<String, String> {
    let quoted: Result<Vec<String>, String> = words.into_iter().map(quote).collect();
    Ok(format!("{}\n", quoted?.join(" ")))
}

/// `text` as one comment line: a line break or a control character in it is written escaped, so
/// that nothing after it can leave the comment.
fn comment(w: &mut String, text: &str) {
    w.push_str("# ");
    for c in text.chars() {
        match c {
            '\n' => w.push_str("\\n"),
            c if hidden(c) => {
                let _ = write!(w, "\\u{{{:04x}}}", c as u32);
            }
            c => w.push(c),
        }
    }
    w.push('\n');
}

/// `kubectl apply|create -f -` with the documents in a quoted here-document, whose end word is one
/// that no line of the documents is (`MANIFESTS`, or `MANIFESTS_2`, … when one is).
fn apply(verb: &str, documents: &[String]) -> String {
    let body = documents.join("---\n");
    let mut end = String::from("MANIFESTS");
    let mut n = 1;
    while body.lines().any(|line| line == end) {
        n += 1;
        end = format!("MANIFESTS_{n}");
    }
    format!("kubectl {verb} -f - <<'{end}'\n{body}{end}\n")
}

/// The manifests of the file of `kind` in the Gateway API.
fn gateway_api<'a>(file: &'a Value, kind: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    file.get("manifests").and_then(Value::as_array).into_iter().flatten().filter(move |m| {
        m.get("apiVersion").and_then(Value::as_str) == Some(crate::sim::gateway::API_VERSION)
            && m.get("kind").and_then(Value::as_str) == Some(kind)
    })
}

fn has_gateway_api(file: &Value) -> bool {
    ["GatewayClass", "Gateway", "HTTPRoute"].iter().any(|k| gateway_api(file, k).next().is_some())
}

/// The HTTPRoute of the file that names `host`.
fn route_for<'a>(file: &'a Value, host: &str) -> Option<&'a Value> {
    gateway_api(file, "HTTPRoute").find(|r| {
        r.pointer("/spec/hostnames")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .any(|h| crate::sim::gateway::host_matches(h, host))
    })
}

fn routed_by_gateway(file: &Value, host: &str) -> bool {
    route_for(file, host).is_some()
}

/// The Gateway the host's HTTPRoute attaches to.
fn route_gateway<'a>(file: &'a Value, host: &str) -> Option<&'a str> {
    route_for(file, host)?.pointer("/spec/parentRefs/0/name")?.as_str()
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

fn timeline_entry(entry: &Value, file: &Value) -> Result<String, String> {
    if let Some(line) = entry.get("kubectl").and_then(Value::as_str) {
        return kubectl_line(line);
    }
    for verb in ["apply", "create"] {
        if let Some(manifests) = entry.get(verb).and_then(Value::as_array) {
            let docs: Vec<String> = manifests.iter().map(crate::yaml::to_string).collect();
            return Ok(apply(verb, &docs));
        }
    }
    let mut out = String::new();
    if let Some(push) = entry.get("push") {
        let image = push.get("image").and_then(Value::as_str).unwrap_or_default();
        comment(
            &mut out,
            &format!("A new build of {image} is pushed under the same tag ({}): build and push it now", flow(push)),
        );
        let (build, load) =
            (command(["docker", "build", "-t", image, "."])?, command(["kind", "load", "docker-image", image])?);
        comment(&mut out, &format!("(with kind: {} && {}).", build.trim_end(), load.trim_end()));
        return Ok(out);
    }
    let Some(fault) = entry.get("fault").and_then(Value::as_object) else { return Ok(out) };
    let Some((kind, target)) = fault.iter().next() else { return Ok(out) };
    let target = target.as_str().unwrap_or_default();
    match kind.as_str() {
        "deletePod" => match target.strip_prefix("deployment/") {
            Some(d) => match selector_of(file, d) {
                Some(sel) => {
                    comment(&mut out, &format!("A pod of deployment/{d} dies: the first running one is deleted."));
                    let _ = writeln!(
                        out,
                        "kubectl delete \"$(kubectl get pods -l {} --field-selector=status.phase=Running -o name | head -n 1)\"",
                        quote(&sel)?
                    );
                }
                None => comment(&mut out, &format!("A pod of deployment/{d} dies: delete one of its pods.")),
            },
            None => out.push_str(&command(["kubectl", "delete", "pod", target])?),
        },
        "failReadiness" | "failLiveness" => {
            let probe = if kind == "failReadiness" { "readiness" } else { "liveness" };
            comment(
                &mut out,
                &format!("Only in the simulator: {target}'s {probe} endpoint starts failing. On a real cluster, make the app's probe path fail."),
            );
        }
        "nodeDown" => {
            comment(&mut out, &format!("{target} goes down (its kubelet stops). With kind: docker stop <cluster>-worker (the node's container);"));
            comment(&mut out, "with minikube: minikube node stop <node>.");
        }
        "nodeUp" => comment(
            &mut out,
            &format!("{target} comes back. With kind: docker start <cluster>-worker; with minikube: minikube node start <node>."),
        ),
        _ => {}
    }
    Ok(out)
}

/// A plan's steps, one after another, each waiting for the last; in the background, as the
/// timeline goes on beside it in the simulator. A plan that `replaces` another stops it first,
/// as a new plan replaces the one running in the simulator.
fn plan_lines(plan: &Value, replaces: bool) -> Result<String, String> {
    let mut out = String::new();
    comment(&mut out, "The plan, in the background: each step after the one before.");
    if replaces {
        out.push_str("kill \"$plan\" 2>/dev/null || true  # it replaces the plan still running\n");
    }
    out.push_str("(\n");
    for (i, step) in plan.get("steps").and_then(Value::as_array).into_iter().flatten().enumerate() {
        out.push_str(&plan_step(step).map_err(|e| format!("steps[{i}]: {e}"))?);
    }
    out.push_str(") &\nplan=$!\n");
    if let Some(abort) = plan.get("abort") {
        let service = abort.get("service").and_then(Value::as_str).unwrap_or_default();
        let above = abort.get("errorPercentAbove").map(flow).unwrap_or_default();
        comment(
            &mut out,
            &format!("The simulator aborts the plan when more than {above}% of service/{service}'s requests fail."),
        );
        comment(&mut out, "On a real cluster, watch the errors and run the abort steps yourself:");
        for (i, step) in abort.get("steps").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let step = plan_step(step).map_err(|e| format!("abort.steps[{i}]: {e}"))?;
            // One comment per step: a line break inside a quoted word stays inside the comment.
            let step = step.strip_suffix('\n').unwrap_or(&step);
            comment(&mut out, &format!("  {}", step.trim_start_matches("# ")));
        }
    }
    Ok(out)
}

fn plan_step(step: &Value) -> Result<String, String> {
    if let Some(line) = step.get("kubectl").and_then(Value::as_str) {
        return kubectl_line(line);
    }
    if let Some(pause) = step.get("pause") {
        let d = time(Some(pause))?;
        return Ok(format!("sleep {}  # pause {d}\n", ceil_seconds(d)));
    }
    if let Some(target) = step.get("waitForAvailable").and_then(Value::as_str) {
        // The plan waits until the Deployment has rolled out, as `kubectl rollout status` does.
        return command(["kubectl", "rollout", "status", &format!("deployment/{target}"), "--timeout=10m"]);
    }
    Ok(String::new())
}
