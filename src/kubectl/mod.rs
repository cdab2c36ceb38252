//! kubectl command lines: those that change the cluster as intents (what a scenario's timeline and
//! the console type), those that only read answered from it ([`read_line`]), and completion for
//! the console. Errors are kubectl's own words where kubectl has them.
//!
//! Understood: `set image`, `scale`, `rollout pause|resume|restart|undo [--to-revision=N]`, `patch`
//! (`--type strategic|merge|json`) of `spec.replicas`, `spec.minReadySeconds`,
//! `spec.strategy.rollingUpdate` and the containers' images, `annotate` of
//! `kubernetes.io/change-cause`, `annotate ingress` (a canary's weight), `patch service` (a
//! selector), `patch httproute --type merge|json` (a Gateway canary's weights), `label
//! pod|deployment`, `delete pod`, `delete httproute|gateway|gatewayclass`. The leading `kubectl`
//! is optional.

pub mod apply;
mod complete;
pub(crate) mod describe;
pub(crate) mod endpoints;
pub(crate) mod gateway;
pub(crate) mod output;
pub(crate) mod read;
pub mod usage;
mod watch;

use serde_json::Value;

pub use complete::complete;
pub use output::human_duration;
pub use usage::go_quote;
pub use watch::{curl_once, in_background, job_control, JobControl, Watch, MAX_LINES};

use crate::sim::objects::{ConditionType, Deployment, IntOrPercent, CHANGE_CAUSE_ANNOTATION};
use crate::sim::{ContainersPatch, Intent, LabelTarget};

/// The kinds of object the console reads, by any of the names kubectl takes for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Deployment,
    ReplicaSet,
    Pod,
    Service,
}

impl Kind {
    /// `deploy`, `deployments.apps`, `rs`, `po`…; otherwise kubectl's error.
    pub(crate) fn of(word: &str) -> Result<Kind, String> {
        match word {
            "deployment" | "deployments" | "deploy" | "deployment.apps" | "deployments.apps" => Ok(Kind::Deployment),
            "replicaset" | "replicasets" | "rs" | "replicaset.apps" | "replicasets.apps" => Ok(Kind::ReplicaSet),
            "pod" | "pods" | "po" => Ok(Kind::Pod),
            "service" | "services" | "svc" => Ok(Kind::Service),
            other => {
                Err(format!("error: the server doesn't have a resource type {other_q}", other_q = go_quote(other)))
            }
        }
    }

    /// The resource as the apiserver names it in its errors.
    pub(crate) fn resource(self) -> &'static str {
        match self {
            Kind::Deployment => "deployments.apps",
            Kind::ReplicaSet => "replicasets.apps",
            Kind::Pod => "pods",
            Kind::Service => "services",
        }
    }

    /// The kind as kubectl prefixes a name with it (`deployment.apps/http-go`).
    pub(crate) fn singular(self) -> &'static str {
        match self {
            Kind::Deployment => "deployment.apps",
            Kind::ReplicaSet => "replicaset.apps",
            Kind::Pod => "pod",
            Kind::Service => "service",
        }
    }

    pub(crate) fn not_found(self, name: &str) -> String {
        format!("Error from server (NotFound): {} {name_q} not found", self.resource(), name_q = go_quote(name))
    }
}

/// A command line without its leading `kubectl` word, if it has one: `scale deploy/web
/// --replicas=2` for `kubectl scale deploy/web --replicas=2`.
pub fn without_kubectl(line: &str) -> &str {
    let line = line.trim();
    match line.strip_prefix("kubectl") {
        Some(rest) if rest.is_empty() || rest.starts_with(char::is_whitespace) => rest.trim_start(),
        _ => line,
    }
}

/// What the console adds to kubectl's answer to `kubectl rolling-update` (the course still shows
/// the command): why it is gone. Kept apart, so that the words before it are kubectl's own.
pub const ROLLING_UPDATE_NOTE: &str = "\n\n(kubectl rolling-update was removed in Kubernetes 1.18: it updated \
ReplicationControllers from the client, and stopped half way when kubectl did; a Deployment's controller does it in \
the cluster)";

/// kubectl's answer to a command line that only reads (`get`, `rollout status`, `rollout
/// history`) from `w`; `None` when the line is not one of those (it may be a change: [`parse`]).
pub fn read_line(w: &crate::sim::World, line: &str) -> Option<Result<String, String>> {
    let words = match shell_words::split(line.trim()) {
        Ok(words) => words,
        Err(e) => return Some(Err(format!("error: {e} in {line_q}", line_q = go_quote(line)))),
    };
    let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
    if words.first() == Some(&"kubectl") {
        words.remove(0);
    }
    read::read(w, &words)
}

/// Parses one command line into the intents it makes (a `patch` may make several).
pub fn parse(line: &str) -> Result<Vec<Intent>, String> {
    let words =
        shell_words::split(line.trim()).map_err(|e| format!("error: {e} in {line_q}", line_q = go_quote(line)))?;
    let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
    if words.first() == Some(&"kubectl") {
        words.remove(0);
    }
    let (flags, args): (Vec<&str>, Vec<&str>) = words.iter().partition(|w| w.starts_with('-'));
    let flag = |name: &str| flag_value(&words, &flags, name);
    let overwrite = words.iter().any(|w| *w == "--overwrite" || *w == "--overwrite=true");
    match args.as_slice() {
        [] => {
            Err("error: no command given; try `kubectl set image deployment/http-go http-go=gasbugs/http-go:v2`".into())
        }
        ["set", "image"] => Err(usage::NO_RESOURCES.into()),
        ["set", "image", rest @ ..] => set_image(rest),
        ["scale", rest @ ..] => scale(rest, flag("--replicas")?),
        ["rollout", "pause" | "resume" | "restart" | "undo" | "status" | "history"] => {
            Err("error: required resource not specified".into())
        }
        ["rollout", verb @ ("pause" | "resume" | "restart" | "undo"), rest @ ..] => {
            rollout(verb, rest, flag("--to-revision")?)
        }
        ["patch", rest @ ..] if httproute_of(rest).is_some() => {
            let name = httproute_of(rest).unwrap_or_default();
            Ok(vec![gateway::patch(&name, flag("-p")?.or(flag("--patch")?), flag("--type")?)?])
        }
        ["patch", rest @ ..] if service_of(rest).is_some() => {
            patch_service(service_of(rest).unwrap_or_default(), flag("-p")?.or(flag("--patch")?), flag("--type")?)
        }
        ["patch", rest @ ..] => {
            let (deployment, _) = deployment_of(rest)?;
            let (patch, v, kind) = patch_body(flag("-p")?.or(flag("--patch")?), flag("--type")?)?;
            let parts = patch_intents(&deployment, patch, &v, kind)?;
            Ok(vec![Intent::PatchDeployment { deployment, parts }])
        }
        ["annotate"] | ["label"] => {
            Err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>".into())
        }
        ["annotate", rest @ ..] if ingress_of(rest).is_some() => annotate_ingress(rest, overwrite),
        ["annotate", rest @ ..] => annotate_deployment(rest),
        ["label", rest @ ..] => label(rest, overwrite),
        ["create", "quota" | "resourcequota", name] => create_quota(name, flag("--hard")?),
        ["create", "quota" | "resourcequota", ..] => Err("error: exactly one NAME is required".into()),
        ["delete", "quota" | "resourcequota" | "resourcequotas", name] => {
            Ok(vec![Intent::DeleteResourceQuota { name: (*name).into() }])
        }
        ["delete", resource] if quota_of(resource).is_some() => {
            Ok(vec![Intent::DeleteResourceQuota { name: quota_of(resource).unwrap_or_default().into() }])
        }
        ["delete", kind, name] if Kind::of(kind) == Ok(Kind::Pod) => {
            Ok(vec![Intent::DeletePod { pod: (*name).into() }])
        }
        ["delete", resource] if resource.starts_with("pod/") || resource.starts_with("pods/") => {
            Ok(vec![Intent::DeletePod { pod: resource.split_once('/').map(|(_, n)| n).unwrap_or_default().into() }])
        }
        ["delete", kind, rest @ ..]
            if gateway::GatewayKind::of(kind.split('/').next().unwrap_or_default()).is_some() =>
        {
            gateway::delete(kind, rest)
        }
        // The engine has no intent that removes a Deployment, a ReplicaSet or a Service: said
        // so, not taken for an unknown command.
        ["delete", kind, ..] => {
            let kind = Kind::of(kind.split('/').next().unwrap_or_default())?;
            Err(format!("error: the simulator deletes pods and Gateway API objects only, not {}", kind.resource()))
        }
        ["rollout", verb, rest @ ..] if !matches!(*verb, "status" | "history") => {
            Err(usage::unknown_subcommand("rollout", &[&[*verb], rest].concat()))
        }
        ["set", verb, rest @ ..] if *verb != "image" => {
            Err(usage::unknown_subcommand("set", &[&[*verb], rest].concat()))
        }
        ["rolling-update", ..] => Err(format!("{}{ROLLING_UPDATE_NOTE}", usage::unknown_command("rolling-update"))),
        [command, ..] => Err(usage::unknown_command(command)),
    }
}

/// `set image deployment/NAME CONTAINER=IMAGE`.
fn set_image(rest: &[&str]) -> Result<Vec<Intent>, String> {
    let (deployment, rest) = deployment_of(rest)?;
    let [assignment] = rest else {
        return Err("error: one CONTAINER=IMAGE is required, as in http-go=gasbugs/http-go:v2".into());
    };
    let (container, image) = assignment
        .split_once('=')
        .filter(|(c, i)| !c.is_empty() && !i.is_empty())
        .ok_or_else(|| format!("error: {assignment_q} is not CONTAINER=IMAGE", assignment_q = go_quote(assignment)))?;
    Ok(vec![Intent::SetImage { deployment, container: container.into(), image: image.into() }])
}

/// `scale deployment/NAME --replicas=N`, checked in kubectl's order: the flag's value (cobra),
/// the required flag, its range, the resource.
fn scale(rest: &[&str], replicas: Option<&str>) -> Result<Vec<Intent>, String> {
    let replicas = replicas
        .map(|r| r.parse::<i32>().map_err(|_| usage::invalid_flag_value("scale", "--replicas", r)))
        .transpose()?
        .ok_or("error: required flag(s) \"replicas\" not set")?;
    if replicas < 0 {
        return Err("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0".into());
    }
    if rest.is_empty() {
        return Err(usage::NO_RESOURCES.into());
    }
    let (deployment, _) = deployment_of(rest)?;
    Ok(vec![Intent::Scale { deployment, replicas }])
}

/// `rollout pause|resume|restart|undo deployment/NAME [--to-revision=N]`.
fn rollout(verb: &str, rest: &[&str], to_revision: Option<&str>) -> Result<Vec<Intent>, String> {
    let (deployment, _) = deployment_of(rest)?;
    Ok(vec![match verb {
        "pause" => Intent::Pause { deployment },
        "resume" => Intent::Resume { deployment },
        "restart" => Intent::Restart { deployment },
        _ => {
            let to_revision = match to_revision {
                None => 0,
                Some(v) => {
                    v.parse::<i64>().map_err(|_| usage::invalid_flag_value("rollout undo", "--to-revision", v))?
                }
            };
            Intent::Undo { deployment, to_revision }
        }
    }])
}

/// `patch service NAME -p …`: the simulator patches a Service's `spec.selector` only.
fn patch_service(service: String, patch: Option<&str>, kind: Option<&str>) -> Result<Vec<Intent>, String> {
    let (patch, v, _) = patch_body(patch, kind)?;
    let Some(Value::Object(selector)) = v.pointer("/spec/selector") else {
        return Err(format!("error: the simulator patches a Service's spec.selector only; {patch} does not"));
    };
    let mut patch_selector = std::collections::BTreeMap::new();
    for (k, v) in selector {
        let value = match v {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => return Err(format!("error: spec.selector.{k}: a label value is a string, not {other}")),
        };
        patch_selector.insert(k.clone(), value);
    }
    Ok(vec![Intent::PatchServiceSelector { service, selector: patch_selector }])
}

/// `annotate ingress NAME KEY=VALUE… [--overwrite]` (a key with `-` removes it).
fn annotate_ingress(rest: &[&str], overwrite: bool) -> Result<Vec<Intent>, String> {
    let (ingress, rest) = ingress_of(rest).unwrap_or_default();
    let mut out = Vec::new();
    for pair in rest {
        let (key, value) = match (pair.split_once('='), pair.strip_suffix('-')) {
            (Some((key, value)), _) => (key, Some(value.to_string())),
            (None, Some(key)) => (key, None),
            (None, None) => return Err(format!("error: invalid annotation format: {pair}")),
        };
        if key.is_empty() {
            return Err(format!("error: invalid annotation format: {pair}"));
        }
        out.push(Intent::AnnotateIngress { ingress: ingress.clone(), key: key.into(), value, overwrite });
    }
    if out.is_empty() {
        return Err("error: at least one annotation update is required".into());
    }
    Ok(out)
}

/// `annotate deployment NAME kubernetes.io/change-cause=…`, the one annotation the simulator keeps.
fn annotate_deployment(rest: &[&str]) -> Result<Vec<Intent>, String> {
    let (deployment, rest) = deployment_of(rest)?;
    let mut out = Vec::new();
    for pair in rest {
        match pair.split_once('=') {
            Some((CHANGE_CAUSE_ANNOTATION, cause)) => {
                out.push(Intent::ChangeCause { deployment: deployment.clone(), cause: cause.into() })
            }
            Some((key, _)) => {
                return Err(format!(
                    "error: the simulator keeps only {CHANGE_CAUSE_ANNOTATION}, not {key_q}",
                    key_q = go_quote(key)
                ))
            }
            None => return Err(format!("error: invalid annotation format: {pair}")),
        }
    }
    if out.is_empty() {
        return Err("error: at least one annotation update is required".into());
    }
    Ok(out)
}

/// `label pod|deployment NAME KEY=VALUE… [--overwrite]` (a key with `-` removes it).
fn label(rest: &[&str], overwrite: bool) -> Result<Vec<Intent>, String> {
    let (target, pairs) = match rest {
        [first, pairs @ ..] if first.contains('/') => (first.split_once('/').unwrap_or_default(), pairs),
        [kind, name, pairs @ ..] => ((*kind, *name), pairs),
        _ => {
            return Err(
                "error: one or more resources must be specified as <resource> <name> or <resource>/<name>".into()
            )
        }
    };
    let target = match Kind::of(target.0)? {
        Kind::Pod => LabelTarget::Pod(target.1.into()),
        Kind::Deployment => LabelTarget::Deployment(target.1.into()),
        other => return Err(format!("error: the simulator labels pods and deployments, not {}", other.resource())),
    };
    let mut labels = std::collections::BTreeMap::new();
    for pair in pairs {
        let (key, value) = match (pair.split_once('='), pair.strip_suffix('-')) {
            (Some((key, value)), _) => (key, Some(value.to_string())),
            (None, Some(key)) => (key, None),
            (None, None) => return Err(format!("error: invalid label spec: {pair}")),
        };
        if key.is_empty() || value.as_deref().is_some_and(|v| v.contains('=')) {
            return Err(format!("error: invalid label spec: {pair}"));
        }
        labels.insert(key.to_string(), value);
    }
    if labels.is_empty() {
        return Err("error: at least one label update is required".into());
    }
    Ok(vec![Intent::Label { target, labels, overwrite }])
}

/// What `kubectl rollout status deployment/NAME` prints now (`DeploymentStatusViewer.Status`):
/// the line it waits on, or Ok(done) with its last line; an exceeded deadline is its error.
pub fn rollout_status(d: &Deployment) -> Result<(String, bool), String> {
    let name = &d.metadata.name;
    if d.metadata.generation > d.status.observed_generation {
        return Ok(("Waiting for deployment spec update to be observed...".into(), false));
    }
    let progressing = d.status.condition(ConditionType::Progressing);
    if progressing.is_some_and(|c| c.reason == "ProgressDeadlineExceeded") {
        return Err(format!("error: deployment {name_q} exceeded its progress deadline", name_q = go_quote(name)));
    }
    let (replicas, status) = (d.spec.replicas, &d.status);
    let waiting = |what: String| {
        Ok((format!("Waiting for deployment {name_q} rollout to finish: {what}", name_q = go_quote(name)), false))
    };
    if status.updated_replicas < replicas {
        return waiting(format!("{} out of {replicas} new replicas have been updated...", status.updated_replicas));
    }
    if status.replicas > status.updated_replicas {
        return waiting(format!(
            "{} old replicas are pending termination...",
            status.replicas - status.updated_replicas
        ));
    }
    if status.available_replicas < status.updated_replicas {
        return waiting(format!(
            "{} of {} updated replicas are available...",
            status.available_replicas, status.updated_replicas
        ));
    }
    Ok((format!("deployment {name_q} successfully rolled out", name_q = go_quote(name)), true))
}

/// The value of `--name=value` or `--name value`.
fn flag_value<'a>(words: &[&'a str], flags: &[&'a str], name: &str) -> Result<Option<&'a str>, String> {
    for f in flags {
        if let Some(v) = f.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
            return Ok(Some(v));
        }
    }
    if let Some(i) = words.iter().position(|w| *w == name) {
        return words.get(i + 1).map(|v| Some(*v)).ok_or_else(|| format!("error: flag needs an argument: {name}"));
    }
    Ok(None)
}

/// `quota/NAME`, `resourcequota/NAME`: the quota's name.
fn quota_of(resource: &str) -> Option<&str> {
    let (kind, name) = resource.split_once('/')?;
    matches!(kind, "quota" | "resourcequota" | "resourcequotas").then_some(name)
}

/// `kubectl create quota NAME --hard=pods=N`: a ResourceQuota, created (kubectl's
/// `create quota` generator; the simulator counts pods only).
fn create_quota(name: &str, hard: Option<&str>) -> Result<Vec<Intent>, String> {
    use crate::sim::quota::{ResourceQuota, PODS};
    let mut q = ResourceQuota { name: name.into(), hard: Default::default(), created: crate::sim::SimTime::ZERO };
    for pair in hard.unwrap_or_default().split(',').filter(|p| !p.is_empty()) {
        let Some((resource, value)) = pair.split_once('=') else {
            return Err(format!("error: invalid argument {pair:?}: must be in the form RESOURCE=QUANTITY"));
        };
        if resource != PODS {
            return Err(format!(
                "error: the simulator's ResourceQuota counts pods only (pod templates carry no resource requests here), not {resource}"
            ));
        }
        let n: i64 = value.parse().map_err(|_| format!("error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' ({value:?} is not a whole number of pods)"))?;
        if n < 0 {
            return Err(format!("The ResourceQuota {name:?} is invalid: spec.hard[pods]: Invalid value: \"{n}\": must be greater than or equal to 0"));
        }
        q.hard.insert(PODS.into(), n);
    }
    Ok(vec![Intent::Manifest { object: crate::sim::Object::ResourceQuota(Box::new(q)), create: true }])
}

/// `service/NAME`, `svc NAME`: the Service's name.
fn service_of(args: &[&str]) -> Option<String> {
    object_of(args, &["service", "services", "svc"]).map(|(name, _)| name)
}

/// `httproute/NAME`, `httproutes NAME`: the HTTPRoute's name.
fn httproute_of(args: &[&str]) -> Option<String> {
    object_of(
        args,
        &["httproute", "httproutes", "httproute.gateway.networking.k8s.io", "httproutes.gateway.networking.k8s.io"],
    )
    .map(|(name, _)| name)
}

/// `ingress/NAME`, `ing NAME`: the Ingress's name, and the words after it.
fn ingress_of<'a, 'b>(args: &'b [&'a str]) -> Option<(String, &'b [&'a str])> {
    object_of(args, &["ingress", "ingresses", "ing", "ingress.networking.k8s.io", "ingresses.networking.k8s.io"])
}

/// `KIND/NAME` or `KIND NAME` for one of `kinds`: the name, and the words after it.
fn object_of<'a, 'b>(args: &'b [&'a str], kinds: &[&str]) -> Option<(String, &'b [&'a str])> {
    match args {
        [first, rest @ ..] if first.split_once('/').is_some_and(|(k, _)| kinds.contains(&k)) => {
            first.split_once('/').map(|(_, n)| (n.to_string(), rest))
        }
        [kind, name, rest @ ..] if kinds.contains(kind) => Some((name.to_string(), rest)),
        _ => None,
    }
}

/// `deployment/NAME`, `deploy NAME`, `deployment.apps/NAME`: the name, and the words after it.
fn deployment_of<'a, 'b>(args: &'b [&'a str]) -> Result<(String, &'b [&'a str]), String> {
    let is_kind = |k: &str| Kind::of(k) == Ok(Kind::Deployment);
    match args {
        [first, rest @ ..] if first.contains('/') => {
            let (kind, name) = first.split_once('/').unwrap_or_default();
            if !is_kind(kind) {
                return Err(format!(
                    "error: the server doesn't have a resource type {kind_q} the simulator can change here",
                    kind_q = go_quote(kind)
                ));
            }
            Ok((name.to_string(), rest))
        }
        [kind, name, rest @ ..] if is_kind(kind) => Ok((name.to_string(), rest)),
        [kind, ..] if !is_kind(kind) => {
            Err(format!("error: the server doesn't have a resource type {kind_q}", kind_q = go_quote(kind)))
        }
        _ => Err("error: you must specify the type of resource and a name, as in deployment/http-go".into()),
    }
}

/// `kubectl patch --type`: how the apiserver reads the patch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PatchType {
    /// The default: a strategic merge patch, whose lists merge by their keys (a container by name).
    Strategic,
    /// RFC 7386 JSON merge patch: objects merge, lists are replaced whole.
    Merge,
    /// RFC 6902 JSON patch: a list of operations on paths.
    Json,
}

/// The `-p` of a `kubectl patch`, as written and as JSON (a JSON patch already read into the
/// merge patch it amounts to, its container images by index aside), and its `--type`.
fn patch_body<'a>(patch: Option<&'a str>, kind: Option<&str>) -> Result<(&'a str, Value, PatchType), String> {
    let kind = match kind {
        None | Some("strategic") => PatchType::Strategic,
        Some("merge") => PatchType::Merge,
        Some("json") => PatchType::Json,
        Some(other) => {
            return Err(format!(
                "error: --type must be one of [json merge strategic], not {other_q}",
                other_q = go_quote(other)
            ))
        }
    };
    let patch = patch.ok_or("error: must specify --patch or --patch-file containing the contents of the patch")?;
    let v: Value = serde_json::from_str(patch)
        .map_err(|e| format!("error: unable to parse {patch_q}: {e}", patch_q = go_quote(patch)))?;
    let v = match kind {
        PatchType::Json => json_patch(&v)?,
        _ if !v.is_object() => {
            return Err(format!(
                "error: unable to parse {patch_q}: a {} patch is a JSON object",
                if kind == PatchType::Merge { "merge" } else { "strategic merge" },
                patch_q = go_quote(patch)
            ))
        }
        _ => v,
    };
    Ok((patch, v, kind))
}

/// The merge patch a JSON patch of the modelled fields amounts to: `add` and `replace` set the
/// value at the path, `remove` sets it to null; an image by index is kept under
/// `/spec/template/spec/containers` as `{"index": N, "image": ...}` for [`patch_intents`].
fn json_patch(ops: &Value) -> Result<Value, String> {
    let ops = ops.as_array().ok_or("error: unable to parse the patch: a JSON patch is a list of operations")?;
    let mut out = serde_json::json!({});
    for op in ops {
        let verb = op.get("op").and_then(Value::as_str).unwrap_or_default();
        let path = op.get("path").and_then(Value::as_str).unwrap_or_default();
        let value = match verb {
            "add" | "replace" => op.get("value").cloned().ok_or_else(|| {
                format!("error: the {verb} operation on {path_q} has no value", path_q = go_quote(path))
            })?,
            "remove" => Value::Null,
            other => {
                return Err(format!(
                    "error: the simulator applies add, replace and remove operations, not {other_q}",
                    other_q = go_quote(other)
                ))
            }
        };
        let keys: Vec<String> = path
            .strip_prefix('/')
            .unwrap_or(path)
            .split('/')
            .map(|k| k.replace("~1", "/").replace("~0", "~"))
            .collect();
        if let ["spec", "template", "spec", "containers", index, "image"] =
            keys.iter().map(String::as_str).collect::<Vec<_>>().as_slice()
        {
            let index: usize = index
                .parse()
                .map_err(|_| format!("error: {path_q} is not a path into the containers", path_q = go_quote(path)))?;
            let images = out.pointer_mut("/spec/template/spec").map(|s| &mut s["containers"]);
            let entry = serde_json::json!({"index": index, "image": value});
            match images {
                Some(Value::Array(list)) => list.push(entry),
                _ => set(&mut out, &["spec", "template", "spec", "containers"], Value::Array(vec![entry])),
            }
            continue;
        }
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        set(&mut out, &keys, value);
    }
    Ok(out)
}

/// Sets `v` at `path`, making the objects on the way.
fn set(root: &mut Value, path: &[&str], v: Value) {
    let mut at = root;
    for key in &path[..path.len().saturating_sub(1)] {
        if !at.get(*key).is_some_and(Value::is_object) {
            at[*key] = serde_json::json!({});
        }
        at = &mut at[*key];
    }
    if let Some(last) = path.last() {
        at[*last] = v;
    }
}

/// A patch of the fields the engine models, read as its type reads it.
fn patch_intents(deployment: &str, patch: &str, v: &Value, kind: PatchType) -> Result<Vec<Intent>, String> {
    let spec = v.get("spec").ok_or_else(|| "error: the simulator patches only fields under spec".to_string())?;
    let d = || deployment.to_string();
    let int = |v: &Value, field: &str| -> Result<i32, String> {
        v.as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .ok_or_else(|| format!("error: {field}: expected an integer, got {v}"))
    };
    let mut out = Vec::new();
    if let Some(r) = spec.get("replicas") {
        out.push(Intent::Scale { deployment: d(), replicas: int(r, "spec.replicas")? });
    }
    if let Some(m) = spec.get("minReadySeconds") {
        out.push(Intent::SetMinReadySeconds { deployment: d(), seconds: int(m, "spec.minReadySeconds")? });
    }
    if let Some(ru) = spec.pointer("/strategy/rollingUpdate") {
        let value = |key: &str| -> Result<Option<IntOrPercent>, String> {
            match ru.get(key) {
                None => Ok(None),
                Some(Value::String(s)) => {
                    IntOrPercent::parse(s).map(Some).map_err(|e| format!("spec.strategy.rollingUpdate.{key}: {e}"))
                }
                Some(n) => Ok(Some(IntOrPercent::Int(int(n, key)?))),
            }
        };
        out.push(Intent::SetRollingUpdate {
            deployment: d(),
            max_surge: value("maxSurge")?,
            max_unavailable: value("maxUnavailable")?,
        });
    }
    if let Some(containers) = spec.pointer("/template/spec/containers") {
        let list = containers
            .as_array()
            .ok_or_else(|| format!("error: spec.template.spec.containers: a list, not {containers}"))?;
        let text = |c: &Value, key: &str| c.get(key).and_then(Value::as_str).map(String::from);
        let patch = match kind {
            PatchType::Json => {
                let mut out = Vec::new();
                for c in list {
                    let index = c["index"].as_u64().unwrap_or_default() as usize;
                    let image = text(c, "image")
                        .ok_or_else(|| format!("error: containers/{index}/image: an image is a string"))?;
                    out.push(Intent::PatchContainers {
                        deployment: d(),
                        patch: ContainersPatch::Image { index, image },
                    });
                }
                out
            }
            PatchType::Strategic | PatchType::Merge if list.iter().all(|c| c.get("image").is_none()) => Vec::new(),
            PatchType::Strategic | PatchType::Merge => {
                let entries = list.iter().map(|c| (text(c, "name"), text(c, "image"))).collect();
                let patch = if kind == PatchType::Merge {
                    ContainersPatch::Replace(entries)
                } else {
                    ContainersPatch::ByName(entries)
                };
                vec![Intent::PatchContainers { deployment: d(), patch }]
            }
        };
        out.extend(patch);
    }
    if let Some(shutdown) = patch_shutdown(deployment, spec, kind)? {
        out.push(shutdown);
    }
    if out.is_empty() {
        return Err(format!(
            "error: the simulator patches spec.replicas, spec.minReadySeconds, spec.strategy.rollingUpdate, the containers' images and preStop sleeps, and terminationGracePeriodSeconds; {patch} changes none of them"
        ));
    }
    Ok(out)
}

/// The shutdown part of a patch of the template: `terminationGracePeriodSeconds`, and each named
/// container's `lifecycle.preStop.sleep.seconds` (`lifecycle: null` or `preStop: null` removes
/// the hook). A JSON patch of these is not read; another kind of hook is refused, saying so.
fn patch_shutdown(deployment: &str, spec: &Value, kind: PatchType) -> Result<Option<Intent>, String> {
    if kind == PatchType::Json {
        return Ok(None);
    }
    let grace = match spec.pointer("/template/spec/terminationGracePeriodSeconds") {
        None => None,
        Some(v) => Some(v.as_i64().and_then(|n| i32::try_from(n).ok()).ok_or_else(|| {
            format!("error: spec.template.spec.terminationGracePeriodSeconds: expected an integer, got {v}")
        })?),
    };
    let mut pre_stop = Vec::new();
    for c in spec.pointer("/template/spec/containers").and_then(Value::as_array).into_iter().flatten() {
        let Some(lifecycle) = c.get("lifecycle") else { continue };
        let name = c.get("name").and_then(Value::as_str).ok_or_else(|| {
            "error: spec.template.spec.containers: a strategic merge patch names each container (name)".to_string()
        })?;
        let hook = lifecycle.get("preStop").unwrap_or(&Value::Null);
        let seconds = match hook {
            Value::Null => None,
            h => match (h.pointer("/sleep/seconds").and_then(Value::as_i64), h.as_object().map(|o| o.len())) {
                (Some(s), Some(1)) => {
                    Some(i32::try_from(s).map_err(|_| format!("error: preStop.sleep.seconds: {s} is out of range"))?)
                }
                _ => {
                    return Err(format!(
                    "error: the simulator models a preStop hook that sleeps (lifecycle.preStop.sleep.seconds), not {h}"
                ))
                }
            },
        };
        pre_stop.push((name.to_string(), seconds));
    }
    if grace.is_none() && pre_stop.is_empty() {
        return Ok(None);
    }
    Ok(Some(Intent::PatchShutdown { deployment: deployment.into(), pre_stop, termination_grace_period_seconds: grace }))
}

/// The run the console's tests read: the page's default settings on seed 1, kept as a fixture
/// (`tests/fixtures/console-run.json`) so that the console's tests need nothing above the
/// engine. `setup`'s tests check that it is still what the default settings make.
#[cfg(test)]
pub(crate) fn test_run() -> crate::sim::World {
    let scenario: crate::sim::run::Scenario =
        serde_json::from_str(include_str!("../../tests/fixtures/console-run.json")).expect("the console's test run");
    scenario.world()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Gateway API kinds are deleted by every name kubectl takes for them, one intent per
    /// name; kubectl's own errors for the forms it refuses (checked against kubectl 1.37).
    #[test]
    fn deleting_gateway_api_objects() {
        use crate::sim::gateway::Kind as G;
        let route = |name: &str| Intent::DeleteGatewayObject { kind: G::HttpRoute, name: name.into() };
        for line in [
            "kubectl delete httproute http-go",
            "delete httproute/http-go",
            "delete httproutes.gateway.networking.k8s.io http-go --wait=false",
        ] {
            assert_eq!(parse(line).unwrap(), vec![route("http-go")], "{line}");
        }
        assert_eq!(parse("delete httproute a b").unwrap(), vec![route("a"), route("b")]);
        assert_eq!(
            parse("delete gateway/eg gc/envoy").unwrap(),
            vec![
                Intent::DeleteGatewayObject { kind: G::Gateway, name: "eg".into() },
                Intent::DeleteGatewayObject { kind: G::GatewayClass, name: "envoy".into() },
            ]
        );
        assert_eq!(
            parse("delete httproute").unwrap_err(),
            "error: resource(s) were provided, but no name was specified"
        );
        assert_eq!(
            parse("delete httproute/").unwrap_err(),
            "error: arguments in resource/name form must have a single resource and name"
        );
        for line in ["delete httproute/a b", "delete httproute a/b"] {
            assert!(
                parse(line).unwrap_err().starts_with("error: there is no need to specify a resource type"),
                "{line}"
            );
        }
        assert_eq!(
            parse("delete deployment http-go").unwrap_err(),
            "error: the simulator deletes pods and Gateway API objects only, not deployments.apps"
        );
        assert_eq!(parse("delete pod web-1").unwrap(), vec![Intent::DeletePod { pod: "web-1".into() }]);
    }

    #[test]
    fn the_kubectl_word_is_dropped_only_as_a_word() {
        assert_eq!(without_kubectl("  kubectl scale deploy/web --replicas=2 "), "scale deploy/web --replicas=2");
        assert_eq!(without_kubectl("scale deploy/web"), "scale deploy/web");
        assert_eq!(without_kubectl("kubectl"), "");
        assert_eq!(without_kubectl("kubectlx get"), "kubectlx get");
    }

    /// The one intent of `line` (of a Deployment's patch, its one part).
    fn one(line: &str) -> Intent {
        let mut v = parse(line).unwrap();
        assert_eq!(v.len(), 1, "{line}");
        match v.remove(0) {
            Intent::PatchDeployment { deployment, mut parts } if parts.len() == 1 => {
                assert_eq!(deployment, "http-go", "{line}");
                parts.remove(0)
            }
            intent => intent,
        }
    }

    #[test]
    fn a_deployment_patch_is_one_request_of_every_field_it_changes() {
        assert_eq!(
            parse(r#"patch deploy http-go -p '{"spec":{"replicas":3,"minReadySeconds":5}}'"#).unwrap(),
            [Intent::PatchDeployment {
                deployment: "http-go".into(),
                parts: vec![
                    Intent::Scale { deployment: "http-go".into(), replicas: 3 },
                    Intent::SetMinReadySeconds { deployment: "http-go".into(), seconds: 5 },
                ]
            }]
        );
    }

    #[test]
    fn the_course_commands_parse() {
        assert_eq!(
            one("kubectl set image deployment http-go http-go=gasbugs/http-go:v2"),
            Intent::SetImage {
                deployment: "http-go".into(),
                container: "http-go".into(),
                image: "gasbugs/http-go:v2".into()
            }
        );
        assert_eq!(
            one("set image deploy/http-go http-go=gasbugs/http-go:v3 --record"),
            Intent::SetImage {
                deployment: "http-go".into(),
                container: "http-go".into(),
                image: "gasbugs/http-go:v3".into()
            }
        );
        assert_eq!(
            one("kubectl scale deployment/http-go --replicas=5"),
            Intent::Scale { deployment: "http-go".into(), replicas: 5 }
        );
        assert_eq!(
            one("kubectl scale deployment http-go --replicas 2"),
            Intent::Scale { deployment: "http-go".into(), replicas: 2 }
        );
        assert_eq!(
            one("kubectl rollout undo deployment http-go"),
            Intent::Undo { deployment: "http-go".into(), to_revision: 0 }
        );
        assert_eq!(
            one("kubectl rollout undo deployment/http-go --to-revision=1"),
            Intent::Undo { deployment: "http-go".into(), to_revision: 1 }
        );
        assert_eq!(one("kubectl rollout pause deployment/http-go"), Intent::Pause { deployment: "http-go".into() });
        assert_eq!(one("kubectl rollout restart deploy/http-go"), Intent::Restart { deployment: "http-go".into() });
        assert_eq!(one("kubectl delete pod http-go-abc-x2k4p"), Intent::DeletePod { pod: "http-go-abc-x2k4p".into() });
        assert_eq!(
            one(r#"kubectl patch deployment http-go -p '{"spec": {"minReadySeconds": 10}}'"#),
            Intent::SetMinReadySeconds { deployment: "http-go".into(), seconds: 10 }
        );
        assert_eq!(
            one(r#"kubectl annotate deployment/http-go kubernetes.io/change-cause="image v2""#),
            Intent::ChangeCause { deployment: "http-go".into(), cause: "image v2".into() }
        );
    }

    #[test]
    fn a_strategy_patch_reads_counts_and_percentages() {
        let got = one(
            r#"kubectl patch deploy http-go -p '{"spec":{"strategy":{"rollingUpdate":{"maxSurge":"50%","maxUnavailable":0}}}}'"#,
        );
        assert_eq!(
            got,
            Intent::SetRollingUpdate {
                deployment: "http-go".into(),
                max_surge: Some(IntOrPercent::Percent(50)),
                max_unavailable: Some(IntOrPercent::Int(0))
            }
        );
    }

    #[test]
    fn patch_types_read_the_containers_as_the_apiserver_does() {
        let by_name = |n: &str, i: &str| (Some(n.to_string()), Some(i.to_string()));
        assert_eq!(
            one(
                r#"kubectl patch deploy http-go -p '{"spec":{"template":{"spec":{"containers":[{"name":"http-go","image":"gasbugs/http-go:v2"}]}}}}'"#
            ),
            Intent::PatchContainers {
                deployment: "http-go".into(),
                patch: ContainersPatch::ByName(vec![by_name("http-go", "gasbugs/http-go:v2")])
            }
        );
        assert_eq!(
            one(
                r#"kubectl patch deploy http-go --type merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"http-go","image":"gasbugs/http-go:v2"}]}}}}'"#
            ),
            Intent::PatchContainers {
                deployment: "http-go".into(),
                patch: ContainersPatch::Replace(vec![by_name("http-go", "gasbugs/http-go:v2")])
            }
        );
        assert_eq!(
            one(
                r#"kubectl patch deploy http-go --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"gasbugs/http-go:v3"}]'"#
            ),
            Intent::PatchContainers {
                deployment: "http-go".into(),
                patch: ContainersPatch::Image { index: 0, image: "gasbugs/http-go:v3".into() }
            }
        );
        assert_eq!(
            one(r#"patch deploy/http-go --type json -p '[{"op":"replace","path":"/spec/replicas","value":5}]'"#),
            Intent::Scale { deployment: "http-go".into(), replicas: 5 }
        );
        assert_eq!(
            one(r#"patch svc http-go --type json -p '[{"op":"remove","path":"/spec/selector/track"}]'"#),
            Intent::PatchServiceSelector { service: "http-go".into(), selector: [("track".to_string(), None)].into() }
        );
        assert_eq!(
            parse(r#"patch deploy http-go --type yaml -p '{}'"#).unwrap_err(),
            "error: --type must be one of [json merge strategic], not \"yaml\""
        );
        assert!(parse(r#"patch deploy http-go --type json -p '{"spec":{}}'"#)
            .unwrap_err()
            .contains("a list of operations"));
        assert!(parse(r#"patch deploy http-go --type json -p '[{"op":"move","from":"/a","path":"/b"}]'"#)
            .unwrap_err()
            .contains("not \"move\""));
        assert!(parse(r#"patch deploy http-go -p '[]'"#)
            .unwrap_err()
            .contains("a strategic merge patch is a JSON object"));
    }

    #[test]
    fn a_service_selector_patch_is_blue_green_s_switch() {
        let got = one(r#"kubectl patch service http-go -p '{"spec":{"selector":{"version":"green","track":null}}}'"#);
        assert_eq!(
            got,
            Intent::PatchServiceSelector {
                service: "http-go".into(),
                selector: [("track".to_string(), None), ("version".to_string(), Some("green".to_string()))].into()
            }
        );
        assert!(parse(r#"kubectl patch svc/http-go -p '{"spec":{"ports":[]}}'"#)
            .unwrap_err()
            .contains("spec.selector only"));
    }

    #[test]
    fn annotate_ingress_sets_and_removes_annotations() {
        assert_eq!(
            one("kubectl annotate ingress http-go-canary nginx.ingress.kubernetes.io/canary-weight=20 --overwrite"),
            Intent::AnnotateIngress {
                ingress: "http-go-canary".into(),
                key: "nginx.ingress.kubernetes.io/canary-weight".into(),
                value: Some("20".into()),
                overwrite: true,
            }
        );
        assert_eq!(
            one("annotate ing/web nginx.ingress.kubernetes.io/canary-by-header-"),
            Intent::AnnotateIngress {
                ingress: "web".into(),
                key: "nginx.ingress.kubernetes.io/canary-by-header".into(),
                value: None,
                overwrite: false,
            }
        );
        assert_eq!(parse("annotate ingress web").unwrap_err(), "error: at least one annotation update is required");
        assert_eq!(parse("annotate ingress web weight").unwrap_err(), "error: invalid annotation format: weight");
    }

    #[test]
    fn rollout_status_prints_what_kubectl_waits_on() {
        let mut w = crate::sim::run::http_go(1);
        let status = |w: &crate::sim::World| rollout_status(&w.deployments["http-go"]);
        assert_eq!(status(&w).unwrap().0, "Waiting for deployment spec update to be observed...");
        w.run_until(crate::sim::SimTime::from_secs(1));
        assert_eq!(
            status(&w).unwrap().0,
            "Waiting for deployment \"http-go\" rollout to finish: 0 of 3 updated replicas are available..."
        );
        w.run_until(crate::sim::SimTime::from_secs(20));
        assert_eq!(status(&w).unwrap(), ("deployment \"http-go\" successfully rolled out".to_string(), true));
        w.apply(one("set image deployment/http-go http-go=gasbugs/http-go:v2")).unwrap();
        w.run_until(crate::sim::SimTime::from_millis(20_300));
        assert_eq!(
            status(&w).unwrap().0,
            "Waiting for deployment \"http-go\" rollout to finish: 0 out of 3 new replicas have been updated..."
        );
    }

    #[test]
    fn mistakes_get_kubectl_words() {
        assert_eq!(parse("kubectl frobnicate").unwrap_err(), "error: unknown command \"frobnicate\" for \"kubectl\"");
        assert!(parse("kubectl rolling-update http-go --image=x")
            .unwrap_err()
            .contains("unknown command \"rolling-update\""));
        assert_eq!(
            parse("kubectl scale deployment/http-go").unwrap_err(),
            "error: required flag(s) \"replicas\" not set"
        );
        assert!(parse("kubectl scale deployment/http-go --replicas=three")
            .unwrap_err()
            .contains("invalid argument \"three\""));
        assert!(parse("kubectl set image deployment/http-go gasbugs/http-go:v2")
            .unwrap_err()
            .contains("is not CONTAINER=IMAGE"));
        assert!(parse("kubectl patch deployment http-go -p '{bad'").unwrap_err().starts_with("error: unable to parse"));
        assert!(parse("kubectl set image deployment/http-go 'unterminated").unwrap_err().starts_with("error: "));
    }
}
