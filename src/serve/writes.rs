//! kubectl's writes as the command lines they stand for: each request is read back into the line
//! kubectl was typed as (`kubectl scale` PATCHes `/scale`, `rollout pause` PATCHes
//! `spec.paused`, `rollout undo` sends a JSON patch of the template, …), and the line goes through
//! [`crate::kubectl::parse`] into the same intents as the page's console. The lines are what
//! `--record` writes into the timeline.

use serde_json::{Map, Value};

use super::api::{self, Res};
use super::Server;
use crate::sim::objects::{CHANGE_CAUSE_ANNOTATION, POD_TEMPLATE_HASH_LABEL, RESTARTED_AT_ANNOTATION};

type Failure = (u16, Value);

fn bad(code: u16, reason: &str, message: impl Into<String>) -> Failure {
    (code, api::status(code, reason, &message.into()))
}

/// A word of a command line, quoted for the shell only when it must be (`http-go=gasbugs/http-go:v2` is not).
fn q(s: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:=@,%+".contains(c);
    if !s.is_empty() && s.chars().all(plain) {
        return s.to_string();
    }
    shlex::try_quote(s).map(|c| c.into_owned()).unwrap_or_else(|_| s.to_string())
}

/// Applies one write request; returns the kubectl lines it was, as applied.
pub fn write(
    server: &mut Server,
    method: &str,
    res: Res,
    name: &str,
    sub: Option<&str>,
    content_type: &str,
    body: &str,
) -> Result<Vec<String>, Failure> {
    if server.object(res, name).is_none() {
        return Err((404, api::not_found(res, name)));
    }
    let lines = lines(server, method, res, name, sub, content_type, body)?;
    let mut intents = Vec::new();
    for line in &lines {
        intents
            .extend(crate::kubectl::parse(line).map_err(|e| bad(400, "BadRequest", e.trim_start_matches("error: ")))?);
    }
    for intent in intents {
        server.world.apply(intent).map_err(|e| match api::invalid(res, name, &e) {
            Some(status) => (422, status),
            None => failure(&e),
        })?;
    }
    Ok(lines)
}

/// The engine's error (kubectl's words) as a Status.
fn failure(e: &str) -> Failure {
    if let Some(rest) = e.strip_prefix("Error from server (") {
        if let Some((reason, message)) = rest.split_once("): ") {
            let code = match reason {
                "NotFound" => 404,
                "Conflict" | "AlreadyExists" => 409,
                "Invalid" => 422,
                _ => 400,
            };
            return bad(code, reason, message);
        }
    }
    if e.contains(" is invalid: ") {
        return bad(422, "Invalid", e);
    }
    bad(400, "BadRequest", e.trim_start_matches("error: "))
}

fn lines(
    server: &Server,
    method: &str,
    res: Res,
    name: &str,
    sub: Option<&str>,
    content_type: &str,
    body: &str,
) -> Result<Vec<String>, Failure> {
    let unsupported =
        || bad(405, "MethodNotAllowed", format!("the simulator does not {method} {}/{name}", res.qualified()));
    let json = || {
        serde_json::from_str::<Value>(body).map_err(|e| bad(400, "BadRequest", format!("the body is not JSON: {e}")))
    };
    match (method, res, sub) {
        ("DELETE", Res::Pod, None) => Ok(vec![format!("delete pod {}", q(name))]),
        ("PATCH" | "PUT", Res::Deployment, Some("scale")) => {
            let v = json()?;
            let replicas = v
                .pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .ok_or_else(|| bad(422, "Invalid", "the Scale has no spec.replicas"))?;
            Ok(vec![format!("scale deployment/{} --replicas={replicas}", q(name))])
        }
        ("PATCH", Res::Deployment, None) if content_type.starts_with("application/json-patch+json") => {
            let ops = json()?;
            let template = ops.as_array().into_iter().flatten().find(|op| op["path"] == "/spec/template");
            match template {
                Some(op) => Ok(vec![undo_line(server, name, &op["value"])?]),
                None => Ok(vec![format!("patch deployment {} --type json -p {}", q(name), q(body))]),
            }
        }
        ("PATCH", Res::Deployment, None) => {
            let kind = if content_type.starts_with("application/merge-patch+json") { "merge" } else { "strategic" };
            deployment_patch(name, &json()?, kind)
        }
        ("PATCH", Res::Pod, None) => {
            let v = json()?;
            let labels = v.pointer("/metadata/labels").and_then(Value::as_object).ok_or_else(unsupported)?;
            Ok(vec![label_line("pod", name, labels)])
        }
        _ => Err(unsupported()),
    }
}

fn label_line(kind: &str, name: &str, labels: &Map<String, Value>) -> String {
    let mut line = format!("label {kind} {}", q(name));
    for (k, v) in labels {
        match v.as_str() {
            Some(v) => line.push_str(&format!(" {}", q(&format!("{k}={v}")))),
            None => line.push_str(&format!(" {}", q(&format!("{k}-")))),
        }
    }
    line + " --overwrite"
}

/// A strategic merge or JSON merge patch of a Deployment, as the commands that send one.
fn deployment_patch(name: &str, v: &Value, kind: &str) -> Result<Vec<String>, Failure> {
    let mut out = Vec::new();
    let mut v = v.clone();
    let d = q(name);
    if let Some(annotations) = v.pointer("/metadata/annotations").and_then(Value::as_object).cloned() {
        for (k, value) in &annotations {
            match (k.as_str(), value.as_str()) {
                (CHANGE_CAUSE_ANNOTATION, Some(cause)) => {
                    out.push(format!("annotate deployment {d} {}", q(&format!("{k}={cause}"))))
                }
                _ => {
                    return Err(bad(
                        422,
                        "Invalid",
                        format!("the simulator keeps only the annotation {CHANGE_CAUSE_ANNOTATION}, not {k:?}"),
                    ))
                }
            }
        }
        v["metadata"].as_object_mut().map(|m| m.remove("annotations"));
    }
    if let Some(labels) = v.pointer("/metadata/labels").and_then(Value::as_object).cloned() {
        out.push(label_line("deployment", name, &labels));
        v["metadata"].as_object_mut().map(|m| m.remove("labels"));
    }
    if let Some(paused) = v.pointer("/spec/paused").cloned() {
        let verb = if paused == Value::Bool(true) { "pause" } else { "resume" };
        out.push(format!("rollout {verb} deployment/{d}"));
        v["spec"].as_object_mut().map(|s| s.remove("paused"));
    }
    if let Some(a) = v.pointer_mut("/spec/template/metadata/annotations").and_then(Value::as_object_mut) {
        if a.remove(RESTARTED_AT_ANNOTATION).is_some() {
            out.push(format!("rollout restart deployment/{d}"));
        }
    }
    // `set image`: a strategic merge of containers by name, each with only its image.
    if kind == "strategic" {
        if let Some(containers) = v.pointer("/spec/template/spec/containers").and_then(Value::as_array).cloned() {
            let images: Option<Vec<(String, String)>> = containers
                .iter()
                .map(|c| {
                    let o = c.as_object()?;
                    let only = o.keys().all(|k| k == "name" || k == "image");
                    Some((o.get("name")?.as_str()?.to_string(), o.get("image")?.as_str()?.to_string())).filter(|_| only)
                })
                .collect();
            if let Some(images) = images {
                for (c, image) in images {
                    out.push(format!("set image deployment/{d} {}", q(&format!("{c}={image}"))));
                }
                if let Some(s) = v.pointer_mut("/spec/template/spec").and_then(Value::as_object_mut) {
                    s.remove("containers");
                }
            }
        }
    }
    prune(&mut v);
    if let Some(spec) = v.as_object_mut().and_then(|o| o.remove("spec")) {
        let body = serde_json::json!({"spec": spec}).to_string();
        let typ = if kind == "strategic" { String::new() } else { format!(" --type {kind}") };
        out.push(format!("patch deployment {d}{typ} -p {}", q(&body)));
    }
    if let Some(rest) = v.as_object().filter(|o| !o.is_empty()) {
        let keys: Vec<&String> = rest.keys().collect();
        return Err(bad(422, "Invalid", format!("the simulator does not patch {keys:?} of a Deployment")));
    }
    if out.is_empty() {
        return Err(bad(422, "Invalid", "the patch changes nothing the simulator models"));
    }
    Ok(out)
}

/// Removes empty objects, left by what was read out of a patch, and a strategic merge patch's
/// directives (`$setElementOrder/containers`: the order of a list the simulator keeps as it is).
fn prune(v: &mut Value) {
    if let Value::Object(o) = v {
        o.retain(|k, _| !k.starts_with("$setElementOrder/"));
        for child in o.values_mut() {
            prune(child);
        }
        o.retain(|_, c| !c.as_object().is_some_and(Map::is_empty));
    }
}

/// `kubectl rollout undo`: the template it sends is a ReplicaSet's; the line names its revision.
fn undo_line(server: &Server, name: &str, template: &Value) -> Result<String, Failure> {
    let sent = containers_of(template);
    let labels = |t: &Value| -> Value {
        let mut l = t["metadata"]["labels"].clone();
        if let Some(o) = l.as_object_mut() {
            o.remove(POD_TEMPLATE_HASH_LABEL);
        }
        l
    };
    let revision = server
        .world
        .replica_sets_of(name)
        .into_iter()
        .filter(|rs| {
            let t = crate::manifest::spec::pod_template(&rs.spec.template);
            containers_of(&t) == sent && labels(&t) == labels(template)
        })
        .map(|rs| rs.revision())
        .max()
        .ok_or_else(|| bad(422, "Invalid", "the template sent is no ReplicaSet's of this Deployment"))?;
    Ok(format!("rollout undo deployment/{} --to-revision={revision}", q(name)))
}

fn containers_of(template: &Value) -> Vec<(Value, Value)> {
    template["spec"]["containers"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| (c["name"].clone(), c["image"].clone()))
        .collect()
}
