//! `kubectl describe deployment|replicaset|pod|service NAME` as kubectl 1.37 writes it
//! (`pkg/describe/describe.go`): the object as the apiserver would serve it
//! ([`crate::manifest::served`], on the console's calendar), laid out line by line as kubectl's
//! describers lay it out, through a port of Go's tab writer, then the events.
//!
//! The console's calendar starts at the Unix epoch: a run's time zero is
//! `Thu, 01 Jan 1970 00:00:00 +0000`, the instant the engine's own timestamps already count
//! from (`kubectl.kubernetes.io/restartedAt`, the Gateway API conditions). `rolloutscope serve`
//! puts the same run on the wall clock instead.

use std::fmt::Write;

use serde_json::{json, Map, Value};

use super::output::{human_duration, tabwrite};
use super::usage::go_quote;
use super::Kind;
use crate::manifest::served::{self, rfc1123z};
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::World;

/// The calendar's millisecond of the run's time zero, for the console: the Unix epoch.
pub const CALENDAR_EPOCH_MS: u64 = 0;

/// The answer to `describe KIND NAME` (`words` after `describe`).
pub fn describe(w: &World, words: &[&str]) -> Result<String, String> {
    if let Some(names) = quota_names(words) {
        return quotas(w, &names);
    }
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
        Kind::Service => service(w, name),
    }
}

/// `describe service NAME`, as kubectl's `describeService` writes it: the Service as the
/// apiserver serves it, each port with the `Endpoints:` of its name from the Service's
/// EndpointSlices (`formatEndpointSlices`: the ready endpoints' `IP:PORT`), then its events
/// (the simulator records none for a Service). One tab writer for all of it, the events' line
/// included, as `DescribeEvents` writes `Events:\t<none>` without flushing.
fn service(w: &World, name: &str) -> Result<String, String> {
    let s = w.services.get(name).ok_or_else(|| Kind::Service.not_found(name))?;
    let v = served::service(s, 0, CALENDAR_EPOCH_MS);
    let slices: Vec<Value> = crate::manifest::endpoints::endpoint_slice(w, s).into_iter().collect();
    let spec = &v["spec"];
    let mut t = String::new();
    let _ = writeln!(t, "Name:\t{name}");
    let _ = writeln!(t, "Namespace:\tdefault");
    labels(&mut t, "Labels", v.pointer("/metadata/labels"));
    annotations(&mut t, "Annotations", v.pointer("/metadata/annotations"));
    // `labels.FormatLabels`: sorted `k=v` pairs, `<none>` for none.
    let _ = writeln!(t, "Selector:\t{}", selector(&json!({"matchLabels": spec["selector"]})));
    let _ = writeln!(t, "Type:\t{}", str_of(spec, "/type"));
    if let Some(policy) = spec["ipFamilyPolicy"].as_str() {
        let _ = writeln!(t, "IP Family Policy:\t{policy}");
    }
    let joined = |key: &str| {
        let list: Vec<&str> = spec[key].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        if list.is_empty() {
            "<none>".to_string()
        } else {
            list.join(",")
        }
    };
    let _ = writeln!(t, "IP Families:\t{}", joined("ipFamilies"));
    let _ = writeln!(t, "IP:\t{}", str_of(spec, "/clusterIP"));
    let _ = writeln!(t, "IPs:\t{}", joined("clusterIPs"));
    for p in spec["ports"].as_array().into_iter().flatten() {
        let port_name = str_of(p, "/name");
        let shown = if port_name.is_empty() { "<unset>" } else { port_name };
        let protocol = str_of(p, "/protocol");
        let _ = writeln!(t, "Port:\t{shown}\t{}/{protocol}", int_of(p, "/port"));
        let _ = writeln!(t, "TargetPort:\t{}/{protocol}", plain(p.get("targetPort")));
        let endpoints = crate::manifest::endpoints::describe_endpoints(&slices, port_name);
        let _ = writeln!(t, "Endpoints:\t{endpoints}");
    }
    let _ = writeln!(t, "Session Affinity:\t{}", str_of(spec, "/sessionAffinity"));
    if let Some(policy) = spec["internalTrafficPolicy"].as_str() {
        let _ = writeln!(t, "Internal Traffic Policy:\t{policy}");
    }
    t.push_str("Events:\t<none>\n");
    Ok(tabwrite(&t).trim_end_matches('\n').to_string())
}

/// The quotas `describe quota [NAME...]` (or `quota/NAME`) names, none for all of them; `None`
/// when `words` are not of ResourceQuotas.
fn quota_names<'a>(words: &[&'a str]) -> Option<Vec<&'a str>> {
    let is_quota = |k: &str| matches!(k, "quota" | "quotas" | "resourcequota" | "resourcequotas");
    match words {
        [kind, names @ ..] if is_quota(kind) => Some(names.to_vec()),
        [object] => object.split_once('/').filter(|(k, n)| is_quota(k) && !n.is_empty()).map(|(_, n)| vec![n]),
        _ => None,
    }
}

/// `describe quota [NAME...]`, as kubectl's `describeQuota` writes a ResourceQuota: its name,
/// namespace, and a `Resource Used Hard` table of its status (no events: kubectl lists none for
/// a quota). Several are written one after another, a blank line between them.
fn quotas(w: &World, names: &[&str]) -> Result<String, String> {
    let picked: Vec<&crate::sim::quota::ResourceQuota> = if names.is_empty() {
        w.resource_quotas.values().collect()
    } else {
        let mut picked = Vec::new();
        for n in names {
            let q = w
                .resource_quotas
                .get(*n)
                .ok_or_else(|| format!("Error from server (NotFound): resourcequotas {} not found", go_quote(n)))?;
            picked.push(q);
        }
        picked
    };
    if picked.is_empty() {
        return Ok("No resources found in default namespace.".into());
    }
    let described: Vec<String> = picked
        .into_iter()
        .map(|q| {
            let v = crate::manifest::live::resource_quota(w, q);
            let mut t = format!("Name:\t{}\nNamespace:\tdefault\nResource\tUsed\tHard\n--------\t----\t----\n", q.name);
            for (resource, hard) in v["status"]["hard"].as_object().into_iter().flatten() {
                let used = str_of(&v, &format!("/status/used/{resource}"));
                let _ = writeln!(t, "{resource}\t{used}\t{}", hard.as_str().unwrap_or_default());
            }
            tabwrite(&t)
        })
        .collect();
    Ok(described.join("\n\n").trim_end().to_string())
}

fn str_of<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or_default()
}

fn int_of(v: &Value, pointer: &str) -> i64 {
    v.pointer(pointer).and_then(Value::as_i64).unwrap_or_default()
}

/// A JSON value as Go's `%v` writes a string, a number or an int-or-string.
fn plain(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The shape `printLabelsMultiline` and `printAnnotationsMultiline` share: `Title:\t`, then one
/// entry per line in key order, the further ones under the first, or `<none>`.
fn multiline<'a>(
    t: &mut String,
    title: &str,
    map: Option<&'a Value>,
    keep: impl Fn(&str) -> bool,
    mut entry: impl FnMut(&mut String, &'a str, &'a Value),
) {
    let _ = write!(t, "{title}:\t");
    let mut keys: Vec<(&String, &Value)> =
        map.and_then(Value::as_object).map(|m| m.iter().filter(|(k, _)| keep(k)).collect()).unwrap_or_default();
    keys.sort_by(|a, b| a.0.cmp(b.0));
    if keys.is_empty() {
        t.push_str("<none>\n");
    }
    for (i, (k, v)) in keys.into_iter().enumerate() {
        if i > 0 {
            t.push('\t');
        }
        entry(t, k, v);
    }
}

/// `printLabelsMultiline`: `Title:\tk=v`, the further labels under the first, sorted; `<none>`.
fn labels(t: &mut String, title: &str, labels: Option<&Value>) {
    multiline(
        t,
        title,
        labels,
        |_| true,
        |t, k, v| {
            let _ = writeln!(t, "{k}={}", plain(Some(v)));
        },
    );
}

/// `printAnnotationsMultiline`: as the labels, `key: value`, a long or multi-line value on lines
/// of its own; the last-applied configuration is left out.
fn annotations(t: &mut String, title: &str, annotations: Option<&Value>) {
    const MAX_ANNOTATION_LEN: usize = 140;
    let keep = |k: &str| k != "kubectl.kubernetes.io/last-applied-configuration";
    multiline(t, title, annotations, keep, |t, k, v| {
        let value = plain(Some(v));
        let value = value.strip_suffix('\n').unwrap_or(&value);
        if value.len() + k.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            let _ = writeln!(t, "{k}:");
            for line in value.split('\n') {
                let short = if line.len() > MAX_ANNOTATION_LEN - 2 {
                    let end = (0..=MAX_ANNOTATION_LEN - 2).rev().find(|i| line.is_char_boundary(*i)).unwrap_or(0);
                    format!("{}...", &line[..end])
                } else {
                    line.to_string()
                };
                let _ = writeln!(t, "\t  {short}");
            }
        } else {
            let _ = writeln!(t, "{k}: {value}");
        }
    });
}

/// `metav1.FormatLabelSelector` of a selector with matchLabels: `app=http-go,tier=web`.
fn selector(v: &Value) -> String {
    let mut pairs: Vec<String> = v
        .pointer("/matchLabels")
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| format!("{k}={}", plain(Some(v)))).collect())
        .unwrap_or_default();
    pairs.sort();
    if pairs.is_empty() {
        "<none>".into()
    } else {
        pairs.join(",")
    }
}

/// `DescribeProbe`: `http-get http://:8080/health delay=2s timeout=1s period=2s …`.
fn probe(p: &Value) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s successThreshold={} failureThreshold={}",
        int_of(p, "/initialDelaySeconds"),
        int_of(p, "/timeoutSeconds"),
        int_of(p, "/periodSeconds"),
        int_of(p, "/successThreshold"),
        int_of(p, "/failureThreshold")
    );
    if let Some(exec) = p.get("exec") {
        let command: Vec<String> = exec["command"].as_array().into_iter().flatten().map(|c| plain(Some(c))).collect();
        return format!("exec [{}] {attrs}", command.join(" "));
    }
    if let Some(get) = p.get("httpGet") {
        let scheme = str_of(get, "/scheme").to_lowercase();
        let port = plain(get.get("port"));
        let host = str_of(get, "/host");
        let host = if port.is_empty() {
            host.to_string()
        } else if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        let scheme = if scheme.is_empty() { String::new() } else { format!("{scheme}:") };
        return format!("http-get {scheme}//{host}{} {attrs}", str_of(get, "/path"));
    }
    if let Some(tcp) = p.get("tcpSocket") {
        return format!("tcp-socket {}:{} {attrs}", str_of(tcp, "/host"), plain(tcp.get("port")));
    }
    if let Some(grpc) = p.get("grpc") {
        return format!("grpc <pod>:{} {} {attrs}", int_of(grpc, "/port"), str_of(grpc, "/service"));
    }
    format!("unknown {attrs}")
}

/// `describeContainerPorts` (`port`) and `describeContainerHostPorts` (`hostPort`).
fn ports(c: &Value, key: &str) -> String {
    let ports: Vec<String> = c["ports"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            let port = format!("{}/{}", int_of(p, &format!("/{key}")), str_of(p, "/protocol"));
            match str_of(p, "/name") {
                "" => port,
                name => format!("{port} ({name})"),
            }
        })
        .collect();
    ports.join(", ")
}

/// `describeStatus`: a container's state (or last state) and its times.
fn state(t: &mut String, title: &str, state: &Value) {
    if let Some(running) = state.get("running") {
        let _ = writeln!(t, "    {title}:\tRunning");
        let _ = writeln!(t, "      Started:\t{}", rfc1123z(running.get("startedAt").and_then(Value::as_str)));
    } else if let Some(waiting) = state.get("waiting") {
        let _ = writeln!(t, "    {title}:\tWaiting");
        if !str_of(waiting, "/reason").is_empty() {
            let _ = writeln!(t, "      Reason:\t{}", str_of(waiting, "/reason"));
        }
    } else if let Some(done) = state.get("terminated") {
        let _ = writeln!(t, "    {title}:\tTerminated");
        for (key, words) in [("/reason", "Reason"), ("/message", "Message")] {
            if !str_of(done, key).is_empty() {
                let _ = writeln!(t, "      {words}:\t{}", str_of(done, key));
            }
        }
        let _ = writeln!(t, "      Exit Code:\t{}", int_of(done, "/exitCode"));
        if int_of(done, "/signal") > 0 {
            let _ = writeln!(t, "      Signal:\t{}", int_of(done, "/signal"));
        }
        let _ = writeln!(t, "      Started:\t{}", rfc1123z(done.get("startedAt").and_then(Value::as_str)));
        let _ = writeln!(t, "      Finished:\t{}", rfc1123z(done.get("finishedAt").and_then(Value::as_str)));
    } else {
        let _ = writeln!(t, "    {title}:\tWaiting");
    }
}

/// `describeContainers`: each container, with its status where the object has one (a pod's).
fn containers(t: &mut String, space: &str, containers: &[Value], statuses: &[Value]) {
    let none = if containers.is_empty() { " <none>" } else { "" };
    let _ = writeln!(t, "{space}Containers:{none}");
    let name_indent = if space.is_empty() { "" } else { " " };
    for c in containers {
        let name = str_of(c, "/name");
        let status = statuses.iter().find(|s| str_of(s, "/name") == name);
        let _ = writeln!(t, "  {name_indent}{name}:");
        if let Some(s) = status {
            let _ = writeln!(t, "    Container ID:\t{}", str_of(s, "/containerID"));
        }
        let _ = writeln!(t, "    Image:\t{}", str_of(c, "/image"));
        if let Some(s) = status {
            let _ = writeln!(t, "    Image ID:\t{}", str_of(s, "/imageID"));
        }
        for (key, one, several) in [("containerPort", "Port", "Ports"), ("hostPort", "Host Port", "Host Ports")] {
            let text = ports(c, key);
            let title = if text.contains(',') { several } else { one };
            let _ = writeln!(t, "    {title}:\t{}", if text.is_empty() { "<none>" } else { &text });
        }
        for (key, title) in [("command", "Command"), ("args", "Args")] {
            let words: Vec<&Value> = c[key].as_array().into_iter().flatten().collect();
            if !words.is_empty() {
                let _ = writeln!(t, "    {title}:");
                for line in words.iter().flat_map(|w| w.as_str().unwrap_or_default().split('\n')) {
                    let _ = writeln!(t, "      {line}");
                }
            }
        }
        if let Some(s) = status {
            state(t, "State", &s["state"]);
            if s.pointer("/lastState/terminated").is_some() {
                state(t, "Last State", &s["lastState"]);
            }
            let ready = if s["ready"].as_bool().unwrap_or(false) { "True" } else { "False" };
            let _ = writeln!(t, "    Ready:\t{ready}");
            let _ = writeln!(t, "    Restart Count:\t{}", int_of(s, "/restartCount"));
        }
        for (key, title) in [("limits", "Limits"), ("requests", "Requests")] {
            if let Some(m) =
                c.pointer(&format!("/resources/{key}")).and_then(Value::as_object).filter(|m| !m.is_empty())
            {
                let _ = writeln!(t, "    {title}:");
                let mut names: Vec<&String> = m.keys().collect();
                names.sort();
                for n in names {
                    let _ = writeln!(t, "      {n}:\t{}", plain(m.get(n)));
                }
            }
        }
        for (key, title) in
            [("livenessProbe", "Liveness"), ("readinessProbe", "Readiness"), ("startupProbe", "Startup")]
        {
            if let Some(p) = c.get(key) {
                let _ = writeln!(t, "    {title}:\t{}", probe(p));
            }
        }
        let env: Vec<&Value> = c["env"].as_array().into_iter().flatten().collect();
        let _ = writeln!(t, "    Environment:{}", if env.is_empty() { "\t<none>" } else { "" });
        for e in env {
            let name = str_of(e, "/name");
            match e.get("value") {
                Some(v) => {
                    for (i, line) in plain(Some(v)).split('\n').enumerate() {
                        let _ =
                            if i == 0 { writeln!(t, "      {name}:\t{line}") } else { writeln!(t, "      \t{line}") };
                    }
                }
                None => {
                    let _ = writeln!(t, "      {name}:\t");
                }
            }
        }
        let mut mounts: Vec<&Value> = c["volumeMounts"].as_array().into_iter().flatten().collect();
        mounts.sort_by(|a, b| str_of(a, "/mountPath").cmp(str_of(b, "/mountPath")));
        let _ = writeln!(t, "    Mounts:{}", if mounts.is_empty() { "\t<none>" } else { "" });
        for m in mounts {
            let mut flags =
                vec![if m["readOnly"].as_bool().unwrap_or(false) { "ro".to_string() } else { "rw".to_string() }];
            if !str_of(m, "/subPath").is_empty() {
                flags.push(format!("path={}", go_quote(str_of(m, "/subPath"))));
            }
            let _ = writeln!(t, "      {} from {} ({})", str_of(m, "/mountPath"), str_of(m, "/name"), flags.join(","));
        }
    }
}

/// `describeVolumes`, for the volumes the engine carries through (their names and kinds).
fn volumes(t: &mut String, space: &str, spec: &Value) {
    let volumes: Vec<&Value> = spec["volumes"].as_array().into_iter().flatten().collect();
    if volumes.is_empty() {
        let _ = writeln!(t, "{space}Volumes:\t<none>");
        return;
    }
    let _ = writeln!(t, "{space}Volumes:");
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in volumes {
        let _ = writeln!(t, "  {name_indent}{}:", str_of(v, "/name"));
        if let Some(dir) = v.get("emptyDir") {
            let _ = writeln!(t, "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)");
            let _ = writeln!(t, "    Medium:\t{}", str_of(dir, "/medium"));
            let _ = writeln!(
                t,
                "    SizeLimit:\t{}",
                if dir.get("sizeLimit").is_some() { plain(dir.get("sizeLimit")) } else { "<unset>".into() }
            );
        } else if let Some(cm) = v.get("configMap") {
            let _ = writeln!(t, "    Type:\tConfigMap (a volume populated by a ConfigMap)");
            let _ = writeln!(t, "    Name:\t{}", str_of(cm, "/name"));
            let _ = writeln!(t, "    Optional:\t{}", cm["optional"].as_bool().unwrap_or(false));
        }
    }
}

/// `printPodTolerationsMultiline`.
fn tolerations(t: &mut String, title: &str, tolerations: Option<&Value>) {
    let _ = write!(t, "{title}:\t");
    let mut list: Vec<&Value> = tolerations.and_then(Value::as_array).into_iter().flatten().collect();
    if list.is_empty() {
        t.push_str("<none>\n");
        return;
    }
    list.sort_by(|a, b| str_of(a, "/key").cmp(str_of(b, "/key")));
    for (i, tol) in list.iter().enumerate() {
        if i > 0 {
            t.push('\t');
        }
        let (key, value, effect) = (str_of(tol, "/key"), str_of(tol, "/value"), str_of(tol, "/effect"));
        t.push_str(key);
        if !value.is_empty() {
            let _ = write!(t, "={value}");
        }
        if !effect.is_empty() {
            let _ = write!(t, ":{effect}");
        }
        if str_of(tol, "/operator") == "Exists" && value.is_empty() {
            t.push_str(if key.is_empty() && effect.is_empty() { "op=Exists" } else { " op=Exists" });
        }
        if let Some(s) = tol.get("tolerationSeconds").and_then(Value::as_i64) {
            let _ = write!(t, " for {s}s");
        }
        t.push('\n');
    }
}

/// `DescribePodTemplate`, as tabbed text (`rollout history --revision` prints it as it is).
pub(crate) fn pod_template(t: &mut String, template: &Value) {
    t.push_str("Pod Template:\n");
    labels(t, "  Labels", template.pointer("/metadata/labels"));
    if template.pointer("/metadata/annotations").and_then(Value::as_object).is_some_and(|m| !m.is_empty()) {
        annotations(t, "  Annotations", template.pointer("/metadata/annotations"));
    }
    let spec = &template["spec"];
    if !str_of(spec, "/serviceAccountName").is_empty() {
        let _ = writeln!(t, "  Service Account:\t{}", str_of(spec, "/serviceAccountName"));
    }
    let list = |key: &str| spec[key].as_array().cloned().unwrap_or_default();
    if !list("initContainers").is_empty() {
        let mut init = String::new();
        containers(&mut init, "  ", &list("initContainers"), &[]);
        t.push_str(&init.replacen("Containers:", "Init Containers:", 1));
    }
    containers(t, "  ", &list("containers"), &[]);
    volumes(t, "  ", spec);
    if !str_of(spec, "/priorityClassName").is_empty() {
        let _ = writeln!(t, "  Priority Class Name:\t{}", str_of(spec, "/priorityClassName"));
    }
    labels(t, "  Node-Selectors", spec.get("nodeSelector"));
    tolerations(t, "  Tolerations", spec.get("tolerations"));
}

/// `translateTimestampSince` of a time the apiserver wrote (whole seconds): how long ago, on the
/// run's clock.
fn since(now: SimTime, t: SimTime) -> String {
    let whole = SimTime::from_secs(t.as_millis() / 1000);
    if whole > now + SimDuration::from_secs(1) {
        return "<invalid>".into();
    }
    human_duration(now.saturating_since(whole))
}

/// `DescribeEvents`: the object's Events as the recorders left them (one line for an event
/// seen again, `2m (x12 over 5m)`), sorted by when each was last seen (kubectl's
/// `SortableEvents`; the apiserver keeps whole seconds), in a table of their own.
fn events(w: &World, object: &str) -> String {
    let now = w.time();
    let mut t = String::new();
    let log = w.events();
    let first = log.dropped();
    let mut rows = crate::manifest::events::recorded(
        log.iter().enumerate().map(|(i, e)| (first + i, e)).filter(|(_, e)| e.object == object),
    );
    if rows.is_empty() {
        return tabwrite("Events:\t<none>\n");
    }
    rows.sort_by_key(|e| e.last.as_millis() / 1000);
    t.push_str("Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n");
    for e in rows {
        let kind = if e.warning { "Warning" } else { "Normal" };
        let age = match e.count {
            1 => since(now, e.first),
            n => format!("{} (x{n} over {})", since(now, e.last), since(now, e.first)),
        };
        let _ = writeln!(t, "  {kind}\t{}\t{age}\t{}\t{}", e.reason, e.component, e.message.trim());
    }
    tabwrite(&t)
}

/// The describer's text, tab-written, then its events (kubectl flushes the tab writer before them).
fn finish(text: &str, events: &str) -> String {
    format!("{}{events}", tabwrite(text)).trim_end_matches('\n').to_string()
}

fn deployment(w: &World, name: &str) -> Result<String, String> {
    let d = w.deployments.get(name).ok_or_else(|| Kind::Deployment.not_found(name))?;
    let v = served::deployment(d, CALENDAR_EPOCH_MS);
    let mut t = String::new();
    let _ = writeln!(t, "Name:\t{name}");
    let _ = writeln!(t, "Namespace:\tdefault");
    let _ = writeln!(
        t,
        "CreationTimestamp:\t{}",
        rfc1123z(v.pointer("/metadata/creationTimestamp").and_then(Value::as_str))
    );
    labels(&mut t, "Labels", v.pointer("/metadata/labels"));
    annotations(&mut t, "Annotations", v.pointer("/metadata/annotations"));
    let _ = writeln!(t, "Selector:\t{}", selector(&v["spec"]["selector"]));
    let s = &d.status;
    let _ = writeln!(
        t,
        "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable",
        d.spec.replicas, s.updated_replicas, s.replicas, s.available_replicas, s.unavailable_replicas
    );
    let _ = writeln!(t, "StrategyType:\t{}", str_of(&v, "/spec/strategy/type"));
    let _ = writeln!(t, "MinReadySeconds:\t{}", d.spec.min_ready_seconds);
    if let crate::sim::objects::Strategy::RollingUpdate { max_surge, max_unavailable } = &d.spec.strategy {
        let show = |v: &Option<crate::sim::objects::IntOrPercent>| v.map_or("25%".to_string(), |v| v.to_string());
        let _ = writeln!(
            t,
            "RollingUpdateStrategy:\t{} max unavailable, {} max surge",
            show(max_unavailable),
            show(max_surge)
        );
    }
    pod_template(&mut t, &v["spec"]["template"]);
    let conditions: Vec<&Value> =
        v.pointer("/status/conditions").and_then(Value::as_array).into_iter().flatten().collect();
    if !conditions.is_empty() {
        t.push_str("Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n");
        for c in conditions {
            let _ = writeln!(t, "  {} \t{}\t{}", str_of(c, "/type"), str_of(c, "/status"), str_of(c, "/reason"));
        }
    }
    // `GetAllReplicaSets`: the Deployment's ReplicaSets, oldest first; the new one is the oldest
    // whose template is the Deployment's, and every other one is old, scaled to zero or not.
    let mut owned = w.replica_sets_of(name);
    owned.sort_by(|a, b| {
        (a.metadata.creation_timestamp, &a.metadata.name).cmp(&(b.metadata.creation_timestamp, &b.metadata.name))
    });
    let new = owned.iter().position(|rs| rs.spec.template.eq_ignore_hash(&d.spec.template));
    let created = |rs: &crate::sim::objects::ReplicaSet| {
        format!("{} ({}/{} replicas created)", rs.metadata.name, rs.status.replicas, rs.spec.replicas)
    };
    if !owned.is_empty() {
        let old: Vec<String> =
            owned.iter().enumerate().filter(|(i, _)| Some(*i) != new).map(|(_, rs)| created(rs)).collect();
        let _ = writeln!(t, "OldReplicaSets:\t{}", if old.is_empty() { "<none>".to_string() } else { old.join(", ") });
        let _ = writeln!(t, "NewReplicaSet:\t{}", new.map_or("<none>".to_string(), |i| created(owned[i])));
    }
    Ok(finish(&t, &events(w, &format!("deployment/{name}"))))
}

fn replica_set(w: &World, name: &str) -> Result<String, String> {
    let rs = w.replica_sets.get(name).ok_or_else(|| Kind::ReplicaSet.not_found(name))?;
    let owner = rs.metadata.owner.as_ref().and_then(|o| w.deployments.get(o));
    let v = served::replica_set(rs, owner, CALENDAR_EPOCH_MS);
    let mut t = String::new();
    let _ = writeln!(t, "Name:\t{name}");
    let _ = writeln!(t, "Namespace:\tdefault");
    let _ = writeln!(t, "Selector:\t{}", selector(&v["spec"]["selector"]));
    labels(&mut t, "Labels", v.pointer("/metadata/labels"));
    annotations(&mut t, "Annotations", v.pointer("/metadata/annotations"));
    if let Some(owner) = controller(&v) {
        let _ = writeln!(t, "Controlled By:\t{owner}");
    }
    let _ = writeln!(t, "Replicas:\t{} current / {} desired", rs.status.replicas, rs.spec.replicas);
    let pods: Vec<_> = w.pods.values().filter(|p| p.metadata.owner.as_deref() == Some(name)).collect();
    let count = |phase: crate::sim::objects::PodPhase| pods.iter().filter(|p| p.status.phase == phase).count();
    use crate::sim::objects::PodPhase::*;
    let _ = writeln!(
        t,
        "Pods Status:\t{} Running / {} Waiting / {} Succeeded / {} Failed",
        count(Running),
        count(Pending),
        count(Succeeded),
        count(Failed)
    );
    pod_template(&mut t, &v["spec"]["template"]);
    Ok(finish(&t, &events(w, &format!("rs/{name}"))))
}

/// `printController`: `Kind/name` of the controller among the owners.
fn controller(v: &Value) -> Option<String> {
    let owners = v.pointer("/metadata/ownerReferences").and_then(Value::as_array)?;
    let owner = owners.iter().find(|o| o["controller"].as_bool() == Some(true))?;
    Some(format!("{}/{}", str_of(owner, "/kind"), str_of(owner, "/name")))
}

/// `qos.GetPodQOS`: BestEffort without requests or limits, Guaranteed when every container's
/// limits are its requests for cpu and memory, Burstable otherwise.
fn qos_class(spec: &Value) -> &'static str {
    let containers: Vec<&Value> = spec["containers"].as_array().into_iter().flatten().collect();
    let of = |c: &Value, key: &str| {
        c.pointer(&format!("/resources/{key}")).and_then(Value::as_object).cloned().unwrap_or_default()
    };
    if containers.iter().all(|c| of(c, "requests").is_empty() && of(c, "limits").is_empty()) {
        return "BestEffort";
    }
    let guaranteed = containers.iter().all(|c| {
        let (limits, requests): (Map<String, Value>, Map<String, Value>) = (of(c, "limits"), of(c, "requests"));
        ["cpu", "memory"]
            .iter()
            .all(|r| limits.get(*r).is_some() && requests.get(*r).is_none_or(|q| Some(q) == limits.get(*r)))
    });
    if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

fn pod(w: &World, name: &str) -> Result<String, String> {
    let p = w.pods.get(name).ok_or_else(|| Kind::Pod.not_found(name))?;
    let owner = p.metadata.owner.as_ref().and_then(|o| w.replica_sets.get(o));
    let v = served::pod(p, owner, CALENDAR_EPOCH_MS);
    let (spec, status) = (&v["spec"], &v["status"]);
    let mut t = String::new();
    let _ = writeln!(t, "Name:\t{name}");
    let _ = writeln!(t, "Namespace:\tdefault");
    if let Some(n) = spec.get("priority").and_then(Value::as_i64) {
        let _ = writeln!(t, "Priority:\t{n}");
    }
    if !str_of(spec, "/serviceAccountName").is_empty() {
        let _ = writeln!(t, "Service Account:\t{}", str_of(spec, "/serviceAccountName"));
    }
    match str_of(spec, "/nodeName") {
        "" => t.push_str("Node:\t<none>\n"),
        node => {
            let _ = writeln!(t, "Node:\t{node}/{}", str_of(status, "/hostIP"));
        }
    }
    if let Some(start) = status.get("startTime").and_then(Value::as_str) {
        let _ = writeln!(t, "Start Time:\t{}", rfc1123z(Some(start)));
    }
    labels(&mut t, "Labels", v.pointer("/metadata/labels"));
    annotations(&mut t, "Annotations", v.pointer("/metadata/annotations"));
    let phase = str_of(status, "/phase");
    match p.metadata.deletion_timestamp {
        Some(at) if phase != "Failed" && phase != "Succeeded" => {
            let _ = writeln!(t, "Status:\tTerminating (lasts {})", since(w.time(), at));
            let _ = writeln!(t, "Termination Grace Period:\t{}s", int_of(&v, "/metadata/deletionGracePeriodSeconds"));
        }
        _ => {
            let _ = writeln!(t, "Status:\t{phase}");
        }
    }
    for (key, title) in [("/reason", "Reason"), ("/message", "Message")] {
        if !str_of(status, key).is_empty() {
            let _ = writeln!(t, "{title}:\t{}", str_of(status, key));
        }
    }
    let _ = writeln!(t, "IP:\t{}", str_of(status, "/podIP"));
    let ips: Vec<&Value> = status["podIPs"].as_array().into_iter().flatten().collect();
    if ips.is_empty() {
        t.push_str("IPs:\t<none>\n");
    } else {
        t.push_str("IPs:\n");
        for ip in ips {
            let _ = writeln!(t, "  IP:\t{}", str_of(ip, "/ip"));
        }
    }
    if let Some(owner) = controller(&v) {
        let _ = writeln!(t, "Controlled By:\t{owner}");
    }
    let list = |v: &Value, key: &str| v[key].as_array().cloned().unwrap_or_default();
    containers(&mut t, "", &list(spec, "containers"), &list(status, "containerStatuses"));
    let conditions = list(status, "conditions");
    if !conditions.is_empty() {
        t.push_str("Conditions:\n  Type\tStatus\n");
        for c in &conditions {
            let _ = writeln!(t, "  {} \t{} ", str_of(c, "/type"), str_of(c, "/status"));
        }
    }
    volumes(&mut t, "", spec);
    let _ = writeln!(t, "QoS Class:\t{}", qos_class(spec));
    labels(&mut t, "Node-Selectors", spec.get("nodeSelector"));
    tolerations(&mut t, "Tolerations", spec.get("tolerations"));
    Ok(finish(&t, &events(w, &format!("pod/{name}"))))
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
            "CreationTimestamp:      Thu, 01 Jan 1970 00:00:00 +0000",
            "    Image:         gasbugs/http-go:v2",
            "    Port:          8080/TCP",
            "    Host Port:     0/TCP",
            "    Readiness:     http-get http://:8080/health delay=2s timeout=1s period=2s successThreshold=1 failureThreshold=3",
            "    Environment:   <none>",
            "  Tolerations:     <none>",
            "  Available      True    MinimumReplicasAvailable",
            "  Progressing    True    NewReplicaSetAvailable",
            "  Type    Reason             Age    From                   Message",
            // kubectl lists every old ReplicaSet, scaled to zero or not.
            "OldReplicaSets:  http-go-6496cd6fd (0/0 replicas created)",
        ] {
            assert!(d.lines().any(|l| l == line), "{line:?} not in\n{d}");
        }
        assert!(
            d.contains("  Normal  ScalingReplicaSet  3m20s  deployment-controller  Scaled up replica set http-go-"),
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
        assert!(p.contains("    State:          Running\n      Started:      Thu, 01 Jan 1970 00:00:33 +0000\n    Ready:          True"), "{p}");
        // The IPs list is a section of its own, so the lines after it align apart, as kubectl's do.
        let ip = pod.status.pod_ip.as_deref().unwrap();
        assert!(ip.starts_with("10.244.") && p.contains("\nNode:         node-"), "{p}");
        assert!(
            p.contains(&format!("\nIP:           {ip}\nIPs:\n  IP:           {ip}\nControlled By:  ReplicaSet/")),
            "{p}"
        );
        assert!(p.contains("\n  Ready             True \n"), "kubectl writes a space after a condition's status:\n{p}");
        assert!(p.contains("\nQoS Class:          BestEffort\n"), "{p}");
        assert!(p.contains("default-scheduler"), "{p}");
        assert!(p.contains(&format!("Controlled By:  ReplicaSet/{}", new.metadata.name)), "{p}");
        assert!(p.contains("\nAnnotations:  <none>\nStatus:       Running\n"), "{p}");

        let tcp = serde_json::json!({"tcpSocket": {"port": 8080}, "timeoutSeconds": 1});
        assert!(super::probe(&tcp).starts_with("tcp-socket :8080 delay=0s timeout=1s"), "{}", super::probe(&tcp));
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
        assert!(p.contains("\nAnnotations:  kubectl.kubernetes.io/restartedAt: 1970-01-01T00:00:30Z\n"), "{p}");
        let yaml = answer(&w, "get deployment http-go -o yaml").unwrap();
        assert!(
            yaml.contains("    metadata:\n      annotations:\n        kubectl.kubernetes.io/restartedAt: \"1970-01-01T00:00:30Z\"\n      labels:"),
            "{yaml}"
        );
        let history = answer(&w, "rollout history deployment/http-go").unwrap();
        assert!(history.contains("1         <none>\n2         <none>"), "{history}");
    }
}
