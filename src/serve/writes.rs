//! kubectl's writes as the command lines they stand for: each request is read back into the line
//! kubectl was typed as (`kubectl scale` PATCHes `/scale`, `rollout pause` PATCHes
//! `spec.paused`, `rollout undo` sends a JSON patch of the template, …), and the line goes through
//! [`crate::kubectl::parse`] into the same intents as the page's console. What kubectl sends a
//! whole object for (`create -f` and `apply -f` POST it, `apply -f` PATCHes an object it applied
//! before with the object in its last-applied-configuration annotation, `replace -f` PUTs it)
//! is the file's object, applied as the page's YAML panel applies it ([`Intent::Manifest`]).
//! Each write is written into `--record`'s timeline as a scenario file writes it: a `kubectl`
//! line, or the object under `apply` or `create`.

use serde_json::{json, Map, Value};

use super::api::{self, Res};
use super::Server;
use crate::sim::objects::{
    CHANGE_CAUSE_ANNOTATION, POD_TEMPLATE_HASH_LABEL, RESTARTED_AT_ANNOTATION, REVISION_ANNOTATION,
};
use crate::sim::Intent;

/// The annotation in which `kubectl apply` keeps the configuration it applied last
/// (`corev1.LastAppliedConfigAnnotation`).
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

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

/// What one request did, as a scenario file's timeline entry (without its `at`): `{"kubectl":
/// LINE}`, or `{"apply"|"create": [OBJECT]}`.
pub type Entry = Value;

fn line(l: String) -> Entry {
    json!({ "kubectl": l })
}

/// The last-applied configuration a write leaves on the object: `Some(None)` when the write
/// removes it (a PUT without it), `None` when the write leaves it as it was.
pub type Applied = Option<Option<String>>;

/// One `PATCH`, `PUT` or `DELETE` request on an object (or on its `/scale`), as it came.
#[derive(Clone, Copy)]
pub struct Write<'a> {
    pub method: &'a str,
    pub res: Res,
    pub name: &'a str,
    pub sub: Option<&'a str>,
    pub content_type: &'a str,
    pub body: &'a str,
}

/// Applies one write request to an existing object; returns what it was (for `--record`) and the
/// object's last-applied configuration after it.
pub fn write(server: &mut Server, request: Write<'_>) -> Result<(Vec<Entry>, Applied), Failure> {
    let Write { method, res, name, content_type, .. } = request;
    let Some(current) = server.object(res, name) else {
        return Err((404, api::not_found(res, name)));
    };
    if method != "DELETE" {
        json_only(content_type)?;
    }
    let (entries, applied) = entries(server, &current, request)?;
    let mut intents = Vec::new();
    for entry in &entries {
        intents.extend(intents_of(res, name, entry)?);
    }
    // One request is one update: all of its parts (a label and a patch of the spec from one
    // `kubectl edit`) or none, so that the run is what `--record` writes of it.
    let before = (intents.len() > 1).then(|| server.world.clone());
    for intent in intents {
        if let Err(e) = server.world.apply(intent) {
            if let Some(world) = before {
                server.world = world;
            }
            return Err(refused(res, name, &e));
        }
    }
    Ok((entries, applied))
}

/// `POST` of a new object (`kubectl create -f`, and `kubectl apply -f` of an object that is not
/// there yet): its name, what it was (for `--record`), and its last-applied configuration.
pub fn create(
    server: &mut Server,
    res: Res,
    content_type: &str,
    body: &str,
) -> Result<(String, Vec<Entry>, Option<String>), Failure> {
    json_only(content_type)?;
    let sent = json_body(body)?;
    let (kind, api_version) = api::kind_of(res);
    if sent["kind"] != kind || sent["apiVersion"] != api_version {
        return Err(bad(
            400,
            "BadRequest",
            format!(
                "the API version in the data ({}) does not match the expected API version ({api_version})",
                sent["apiVersion"].as_str().unwrap_or_default()
            ),
        ));
    }
    if !creatable(res) {
        return Err(bad(405, "MethodNotAllowed", format!("the simulator does not create {}", res.qualified())));
    }
    let name = sent.pointer("/metadata/name").and_then(Value::as_str).unwrap_or_default().to_string();
    let (object, applied) = manifest_of(&sent)?;
    // `kubectl apply` creates with the annotation, `kubectl create` without.
    let verb = if applied.is_some() { "apply" } else { "create" };
    let entry = json!({ verb: [object] });
    for intent in intents_of(res, &name, &entry)? {
        // A POST creates: an object already there is the apiserver's AlreadyExists.
        let intent = match intent {
            Intent::Manifest { object, .. } => Intent::Manifest { object, create: true },
            other => other,
        };
        server.world.apply(intent).map_err(|e| refused(res, &name, &e))?;
    }
    Ok((name, vec![entry], applied))
}

/// The kinds the console's `apply -f` and `create -f` take, that serve serves.
fn creatable(res: Res) -> bool {
    matches!(
        res,
        Res::Deployment | Res::Service | Res::ResourceQuota | Res::GatewayClass | Res::Gateway | Res::HttpRoute
    )
}

/// Serve reads JSON bodies only: a protobuf one (what kubectl's typed clients send for the
/// built-in kinds, as `kubectl create quota` does) is the apiserver's 415 for a type it cannot
/// decode.
fn json_only(content_type: &str) -> Result<(), Failure> {
    if content_type.starts_with("application/vnd.kubernetes.protobuf") || content_type.starts_with("application/cbor") {
        return Err(bad(
            415,
            "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml",
        ));
    }
    Ok(())
}

fn json_body(body: &str) -> Result<Value, Failure> {
    serde_json::from_str::<Value>(body).map_err(|e| bad(400, "BadRequest", format!("the body is not JSON: {e}")))
}

/// A sent object as a manifest a scenario file carries (what a person wrote: its name, labels,
/// annotations and spec; not what the apiserver keeps of its own, nor the status), and the
/// last-applied configuration it carries, if any.
fn manifest_of(sent: &Value) -> Result<(Value, Option<String>), Failure> {
    let namespace = sent.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or("default");
    if namespace != "default" {
        return Err(bad(
            400,
            "BadRequest",
            "the namespace of the provided object does not match the namespace sent on the request",
        ));
    }
    let mut object = Map::new();
    for key in ["apiVersion", "kind"] {
        object.insert(key.into(), sent[key].clone());
    }
    let mut metadata = Map::new();
    for key in ["name", "labels", "annotations"] {
        if let Some(v) = sent["metadata"].get(key) {
            metadata.insert(key.into(), v.clone());
        }
    }
    let mut applied = None;
    if let Some(annotations) = metadata.get_mut("annotations").and_then(Value::as_object_mut) {
        applied = annotations.remove(LAST_APPLIED).and_then(|v| v.as_str().map(String::from));
        // The apiserver's own: the Deployment controller keeps it.
        annotations.remove(REVISION_ANNOTATION);
        if annotations.is_empty() {
            metadata.remove("annotations");
        }
    }
    object.insert("metadata".into(), Value::Object(metadata));
    for (key, value) in sent.as_object().into_iter().flatten() {
        if !matches!(key.as_str(), "apiVersion" | "kind" | "metadata" | "status") {
            object.insert(key.clone(), value.clone());
        }
    }
    Ok((Value::Object(object), applied))
}

/// The intents of a timeline entry, as a scenario file's are read.
fn intents_of(res: Res, name: &str, entry: &Entry) -> Result<Vec<Intent>, Failure> {
    if let Some(line) = entry["kubectl"].as_str() {
        return crate::kubectl::parse(line).map_err(|e| failure(&e));
    }
    let (objects, create) = match (&entry["apply"], &entry["create"]) {
        (Value::Array(o), _) => (o, false),
        (_, Value::Array(o)) => (o, true),
        _ => return Ok(Vec::new()),
    };
    let mut intents = Vec::new();
    for value in objects {
        let item = crate::k8s::read::Item { at: String::new(), value: value.clone() };
        let object = crate::k8s::object::manifest(&item).map_err(|e| match api::invalid(res, name, &e) {
            Some(status) => (422, status),
            None if e.starts_with("error: ") || e.starts_with("Error from server") => failure(&e),
            None => {
                // What the apiserver's decoder says of a body it cannot read (the console's
                // words for the same file: `crate::k8s::apply`).
                let (kind, version) = (item.kind(), item.api_version());
                let version = version.rsplit('/').next().unwrap_or_default();
                bad(400, "BadRequest", format!("{kind} in version {version:?} cannot be handled as a {kind}: {e}"))
            }
        })?;
        intents.push(Intent::Manifest { object, create });
    }
    Ok(intents)
}

/// The engine's refusal of an intent on `res` `name`, as the apiserver's Status.
fn refused(res: Res, name: &str, e: &str) -> Failure {
    match api::invalid(res, name, e) {
        Some(status) => (422, status),
        None => {
            let (code, mut status) = failure(e);
            if status["reason"] == "AlreadyExists" {
                status["details"] = api::not_found(res, name)["details"].clone();
            }
            (code, status)
        }
    }
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
    if let Some(message) = e.strip_prefix("Error from server: ") {
        // A Status without a reason: kubectl prints `Error from server: MESSAGE`.
        return bad(422, "", message);
    }
    if e.contains(" is invalid: ") {
        return bad(422, "Invalid", e);
    }
    bad(400, "BadRequest", e.trim_start_matches("error: "))
}

fn entries(server: &Server, current: &Value, request: Write<'_>) -> Result<(Vec<Entry>, Applied), Failure> {
    let Write { method, res, name, sub, content_type, body } = request;
    let unsupported =
        || bad(405, "MethodNotAllowed", format!("the simulator does not {method} {}/{name}", res.qualified()));
    let json = || json_body(body);
    let kubectl = |lines: Vec<String>| Ok((lines.into_iter().map(line).collect(), None));
    if matches!(method, "PATCH" | "PUT") && sub.is_none() {
        let sent = json()?;
        // A write that names a resourceVersion is made on that version only (optimistic
        // concurrency): an older one is the apiserver's Conflict.
        if let Some(rv) = sent.pointer("/metadata/resourceVersion").and_then(Value::as_str).filter(|v| !v.is_empty()) {
            if current["metadata"]["resourceVersion"] != rv {
                return Err(bad(
                    409,
                    "Conflict",
                    format!(
                        "Operation cannot be fulfilled on {} {name:?}: the object has been modified; please apply your changes to the latest version and try again",
                        res.qualified()
                    ),
                ));
            }
        }
        if method == "PUT" && creatable(res) {
            return replace(name, &sent);
        }
        // `kubectl apply -f` of an object there already: its patch carries the file's object in
        // the annotation, which is what is applied (as the console's `apply -f` applies it).
        let applied = sent.pointer("/metadata/annotations").and_then(|a| a.get(LAST_APPLIED)).and_then(Value::as_str);
        if let Some(applied) = applied.filter(|_| method == "PATCH" && creatable(res)) {
            let object: Value = serde_json::from_str(applied)
                .map_err(|e| bad(400, "BadRequest", format!("the {LAST_APPLIED} annotation is not JSON: {e}")))?;
            if object["metadata"]["name"] != name || object["kind"] != current["kind"] {
                return Err(bad(400, "BadRequest", format!("the {LAST_APPLIED} annotation is not of this object")));
            }
            let (object, _) = manifest_of(&object)?;
            return Ok((vec![json!({ "apply": [object] })], Some(Some(applied.to_string()))));
        }
    }
    match (method, res, sub) {
        ("DELETE", Res::Pod, None) => kubectl(vec![format!("delete pod {}", q(name))]),
        ("DELETE", Res::GatewayClass | Res::Gateway | Res::HttpRoute, None) => {
            let kind = api::kind_of(res).0.to_lowercase();
            kubectl(vec![format!("delete {kind} {}", q(name))])
        }
        ("DELETE", Res::ResourceQuota, None) => kubectl(vec![format!("delete quota {}", q(name))]),
        ("PATCH" | "PUT", Res::Deployment, Some("scale")) => {
            let v = json()?;
            let replicas = v
                .pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .ok_or_else(|| bad(422, "Invalid", "the Scale has no spec.replicas"))?;
            kubectl(vec![format!("scale deployment/{} --replicas={replicas}", q(name))])
        }
        ("PATCH", Res::Deployment, None) if content_type.starts_with("application/json-patch+json") => {
            let ops = json()?;
            let template = ops.as_array().into_iter().flatten().find(|op| op["path"] == "/spec/template");
            match template {
                Some(op) => kubectl(vec![undo_line(server, name, &op["value"])?]),
                None => kubectl(vec![format!("patch deployment {} --type json -p {}", q(name), q(body))]),
            }
        }
        ("PATCH", Res::Deployment, None) => {
            let kind = if content_type.starts_with("application/merge-patch+json") { "merge" } else { "strategic" };
            kubectl(deployment_patch(name, &json()?, kind)?)
        }
        ("PATCH", Res::HttpRoute, None) => {
            let kind = if content_type.starts_with("application/merge-patch+json") {
                "merge"
            } else if content_type.starts_with("application/json-patch+json") {
                "json"
            } else {
                let message = crate::kubectl::gateway::STRATEGIC_UNSUPPORTED;
                return Err(bad(415, "UnsupportedMediaType", message));
            };
            json()?;
            kubectl(vec![format!("patch httproute {} --type {kind} -p {}", q(name), q(body))])
        }
        ("PATCH", Res::Pod, None) => {
            let v = json()?;
            let labels = v.pointer("/metadata/labels").and_then(Value::as_object).ok_or_else(unsupported)?;
            kubectl(vec![label_line("pod", name, labels)])
        }
        _ => Err(unsupported()),
    }
}

/// `PUT` of a whole object (`kubectl replace -f`): the object sent replaces the one there, as the
/// console's `apply -f` replaces it with the file's; what it leaves out takes its default. The
/// last-applied configuration is the one sent, or none.
fn replace(name: &str, sent: &Value) -> Result<(Vec<Entry>, Applied), Failure> {
    if sent.pointer("/metadata/name").and_then(Value::as_str) != Some(name) {
        return Err(bad(
            400,
            "BadRequest",
            format!(
                "the name of the object ({}) does not match the name on the URL ({name})",
                sent.pointer("/metadata/name").and_then(Value::as_str).unwrap_or_default()
            ),
        ));
    }
    let (mut object, applied) = manifest_of(sent)?;
    if let Some(spec) = object.pointer_mut("/spec/template/spec") {
        without_served_defaults(spec);
    }
    Ok((vec![json!({ "apply": [object] })], Some(applied)))
}

/// A pod spec sent back as serve served it, without the defaults serve wrote into it
/// ([`crate::manifest::served::pod_spec_defaults`]): the engine keeps a template as it was
/// written, and a default written out would read as a change of the template (a new
/// pod-template-hash, a rollout) where the apiserver, which stores the defaults, sees none.
fn without_served_defaults(spec: &mut Value) {
    let Some(spec) = spec.as_object_mut() else { return };
    let drop_if = |o: &mut Map<String, Value>, key: &str, default: Value| {
        if o.get(key) == Some(&default) {
            o.remove(key);
        }
    };
    for c in spec.get_mut("containers").and_then(Value::as_array_mut).into_iter().flatten() {
        let Some(c) = c.as_object_mut() else { continue };
        for p in c.get_mut("ports").and_then(Value::as_array_mut).into_iter().flatten() {
            if let Some(p) = p.as_object_mut() {
                drop_if(p, "protocol", json!("TCP"));
            }
        }
        for probe in ["readinessProbe", "livenessProbe", "startupProbe"] {
            if let Some(get) = c.get_mut(probe).and_then(|p| p.get_mut("httpGet")).and_then(Value::as_object_mut) {
                drop_if(get, "scheme", json!("HTTP"));
            }
        }
        drop_if(c, "terminationMessagePath", json!("/dev/termination-log"));
        drop_if(c, "terminationMessagePolicy", json!("File"));
        drop_if(c, "resources", json!({}));
    }
    drop_if(spec, "restartPolicy", json!("Always"));
    drop_if(spec, "dnsPolicy", json!("ClusterFirst"));
    drop_if(spec, "securityContext", json!({}));
    drop_if(spec, "schedulerName", json!("default-scheduler"));
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
    // The status is the controllers': a write of the Deployment leaves it as it is (the
    // apiserver's `PrepareForUpdate`), as `kubectl edit` of a status field finds.
    if let Some(o) = v.as_object_mut() {
        o.remove("status");
    }
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
            // Only when the images are all the patch changes of the spec: a patch of more (an
            // edit of the image and the replicas) is one change of the Deployment, one new
            // generation, and goes as one `patch` line.
            let mut rest = v.clone();
            if let Some(s) = rest.pointer_mut("/spec/template/spec").and_then(Value::as_object_mut) {
                s.remove("containers");
            }
            prune(&mut rest);
            if let (Some(images), None) = (images, rest.get("spec")) {
                for (c, image) in images {
                    out.push(format!("set image deployment/{d} {}", q(&format!("{c}={image}"))));
                }
                v = rest;
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
