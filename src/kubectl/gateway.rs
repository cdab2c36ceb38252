//! kubectl on Gateway API objects: `get gatewayclasses|gateways|httproutes [NAME] [-o yaml|json]`
//! (the CRDs' printer columns), `describe httproute|gateway|gatewayclass NAME` (kubectl's
//! describer of custom resources: every field, camelCase split into words, keys in order), and
//! `patch httproute NAME --type merge|json -p PATCH`. The status is what the simulator writes as
//! the controller of every GatewayClass, with the reasons the API defines
//! (kubernetes-sigs/gateway-api `apis/v1`: `GatewayClassReasonAccepted`, `GatewayReasonAccepted`,
//! `GatewayReasonProgrammed`, `RouteReasonAccepted`, `RouteReasonResolvedRefs`,
//! `RouteReasonBackendNotFound`, `RouteReasonInvalidKind`).

use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::output::{human_duration, table};
use super::usage::go_quote;
use crate::manifest::live::{
    address, gateway as gateway_object, gateway_class as class_object, http_route as route_object,
};
use crate::sim::gateway::{self, RoutePatch};
use crate::sim::{Intent, SimTime, World};

/// The apiserver's message when a custom resource is sent a strategic merge patch (415
/// UnsupportedMediaType).
pub const STRATEGIC_UNSUPPORTED: &str = "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

/// The three kinds, by any name kubectl takes for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GatewayKind {
    Class,
    Gateway,
    Route,
}

impl GatewayKind {
    pub(crate) fn of(word: &str) -> Option<Self> {
        let word = word.strip_suffix(".gateway.networking.k8s.io").unwrap_or(word);
        match word {
            "gatewayclass" | "gatewayclasses" | "gc" => Some(GatewayKind::Class),
            "gateway" | "gateways" | "gtw" => Some(GatewayKind::Gateway),
            "httproute" | "httproutes" => Some(GatewayKind::Route),
            _ => None,
        }
    }

    pub(crate) fn resource(self) -> &'static str {
        self.sim().resource()
    }

    /// The engine's name for the kind.
    pub(crate) fn sim(self) -> gateway::Kind {
        match self {
            GatewayKind::Class => gateway::Kind::GatewayClass,
            GatewayKind::Gateway => gateway::Kind::Gateway,
            GatewayKind::Route => gateway::Kind::HttpRoute,
        }
    }
}

/// The names of the objects of `kind`, for completion.
pub(crate) fn names(w: &World, kind: GatewayKind) -> Vec<String> {
    match kind {
        GatewayKind::Class => w.gateway.classes.keys().cloned().collect(),
        GatewayKind::Gateway => w.gateway.gateways.keys().cloned().collect(),
        GatewayKind::Route => w.gateway.routes.keys().cloned().collect(),
    }
}

/// `delete gatewayclass|gateway|httproute NAME...` (or `KIND/NAME...`): one intent per name, or
/// kubectl's error.
pub(crate) fn delete(kind: &str, rest: &[&str]) -> Result<Vec<Intent>, String> {
    // kubectl's own words (`resource.Builder`), checked against kubectl 1.37.
    let no_need = "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";
    let mut names: Vec<(&str, &str)> = Vec::new();
    if kind.contains('/') {
        // `KIND/NAME [KIND/NAME...]`: every argument names its kind.
        for arg in std::iter::once(&kind).chain(rest) {
            let (k, n) = arg.split_once('/').ok_or(no_need)?;
            if k.is_empty() || n.is_empty() {
                return Err("error: arguments in resource/name form must have a single resource and name".into());
            }
            names.push((k, n));
        }
    } else if rest.iter().any(|n| n.contains('/')) {
        return Err(no_need.into());
    } else {
        names.extend(rest.iter().map(|n| (kind, *n)));
    }
    if names.is_empty() {
        return Err("error: resource(s) were provided, but no name was specified".into());
    }
    names
        .into_iter()
        .map(|(k, name)| match GatewayKind::of(k) {
            Some(kind) => Ok(Intent::DeleteGatewayObject { kind: kind.sim(), name: name.into() }),
            None => Err(format!("error: the server doesn't have a resource type {}", go_quote(k))),
        })
        .collect()
}

/// `get KIND,KIND... [NAME...] [-o wide|yaml|json]` of Gateway API kinds, as kubectl prints
/// several kinds: a table of each kind that has objects, its names prefixed with the kind
/// (`httproute.gateway.networking.k8s.io/http-go`), a blank line between them; or one `List`.
pub(crate) fn get_several(w: &World, kinds: &str, names: &[&str], output: Option<&str>) -> Result<String, String> {
    let mut tables = Vec::new();
    let mut objects = Vec::new();
    for word in kinds.split(',').filter(|k| !k.is_empty()) {
        let Some(kind) = GatewayKind::of(word) else { continue };
        let found = found(w, kind);
        let mut rows = Vec::new();
        for (name, object, row) in &found {
            if !names.is_empty() && !names.contains(&name.as_str()) {
                continue;
            }
            let mut row = row.clone();
            row[0] = format!("{}/{}", kind.sim().singular(), row[0]);
            rows.push(row);
            objects.push(object.clone());
        }
        if let Some(missing) = names.iter().find(|n| !found.iter().any(|(name, _, _)| name == *n)) {
            return Err(format!("Error from server (NotFound): {} {} not found", kind.resource(), go_quote(missing)));
        }
        if !rows.is_empty() {
            let header = header(kind, output == Some("wide"));
            tables.push(table(header, rows.iter().map(|r| &r[..header.len()])));
        }
    }
    match output {
        // One `List` of them all, as kubectl prints several kinds.
        Some(format @ ("yaml" | "json")) => return Ok(super::output::print(objects, false, format == "yaml")),
        None | Some("wide") => {}
        Some(other) => {
            return Err(format!(
            "error: unable to match a printer suitable for the output format {}, allowed formats are: json,wide,yaml",
            go_quote(other)
        ))
        }
    }
    if tables.is_empty() {
        return Ok("No resources found in default namespace.".into());
    }
    Ok(tables.join("\n\n"))
}

/// The columns of `kind` (the CRD's printer columns; of priority 0 unless `wide`).
fn header(kind: GatewayKind, wide: bool) -> &'static [&'static str] {
    match kind {
        // The CRD's Description column has priority 1 (`-o wide`).
        GatewayKind::Class if wide => &["NAME", "CONTROLLER", "ACCEPTED", "AGE", "DESCRIPTION"],
        GatewayKind::Class => &["NAME", "CONTROLLER", "ACCEPTED", "AGE"],
        GatewayKind::Gateway => &["NAME", "CLASS", "ADDRESS", "PROGRAMMED", "AGE"],
        GatewayKind::Route => &["NAME", "HOSTNAMES", "AGE"],
    }
}

/// Every object of `kind`: its name, the object as served, its row.
fn found(w: &World, kind: GatewayKind) -> Vec<(String, Value, Vec<String>)> {
    let mut found: Vec<(String, Value, Vec<String>)> = Vec::new();
    let now = w.time();
    let age = |t: SimTime| human_duration(now.saturating_since(t));
    match kind {
        GatewayKind::Class => {
            for c in w.gateway.classes.values() {
                let description = c.description.clone().unwrap_or_default();
                let row = vec![c.name.clone(), c.controller_name.clone(), "True".into(), age(c.created), description];
                found.push((c.name.clone(), class_object(w, c), row));
            }
        }
        GatewayKind::Gateway => {
            for g in w.gateway.gateways.values() {
                let programmed = if w.gateway.classes.contains_key(&g.gateway_class_name) { "True" } else { "Unknown" };
                let address = if programmed == "True" { address(g) } else { String::new() };
                let row =
                    vec![g.name.clone(), g.gateway_class_name.clone(), address, programmed.into(), age(g.created)];
                found.push((g.name.clone(), gateway_object(w, g), row));
            }
        }
        GatewayKind::Route => {
            for r in w.gateway.routes.values() {
                let hostnames = serde_json::to_string(&r.spec.hostnames).unwrap_or_default();
                let hostnames = if r.spec.hostnames.is_empty() { String::new() } else { hostnames };
                found.push((r.name.clone(), route_object(w, r), vec![r.name.clone(), hostnames, age(r.created)]));
            }
        }
    }
    found
}

/// `get KIND [NAME...] [-o yaml|json|wide]` for a Gateway API kind.
pub(crate) fn get(w: &World, kind: GatewayKind, names: &[&str], output: Option<&str>) -> Result<String, String> {
    let found = found(w, kind);
    let picked: Vec<&(String, Value, Vec<String>)> = if names.is_empty() {
        found.iter().collect()
    } else {
        let mut picked = Vec::new();
        for n in names {
            let one = found.iter().find(|(name, _, _)| name == n).ok_or_else(|| {
                format!("Error from server (NotFound): {} {} not found", kind.resource(), go_quote(n))
            })?;
            picked.push(one);
        }
        picked
    };
    match output {
        Some(format @ ("yaml" | "json")) => {
            let objects = picked.iter().map(|(_, v, _)| v.clone()).collect();
            Ok(super::output::print(objects, names.len() == 1, format == "yaml"))
        }
        None | Some("wide") => {
            if picked.is_empty() {
                return Ok(match kind {
                    GatewayKind::Class => "No resources found".into(),
                    _ => "No resources found in default namespace.".into(),
                });
            }
            let header = header(kind, output == Some("wide"));
            Ok(table(header, picked.iter().map(|(_, _, row)| &row[..header.len()])))
        }
        Some(other) => Err(format!(
            "error: unable to match a printer suitable for the output format {}, allowed formats are: json,wide,yaml",
            go_quote(other)
        )),
    }
}

/// kubectl's `smartLabelFor`: `backendRefs` → `Backend Refs`, `apiVersion` → `API Version`.
fn smart_label(field: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in field.chars() {
        if c.is_ascii_uppercase() && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    words.push(current);
    let acronyms = ["API", "URL", "UID", "IP", "TLS", "HTTP", "CIDR", "JSON", "OSB", "TCP", "UDP"];
    words
        .into_iter()
        .map(|w| match acronyms.iter().find(|a| a.eq_ignore_ascii_case(&w)) {
            Some(a) => a.to_string(),
            None => {
                let mut c = w.chars();
                c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// kubectl's `printUnstructuredContent`: lines as `(indent + label, value)`, value None for a
/// line with no tab.
fn unstructured(
    out: &mut Vec<(String, Option<String>)>,
    level: usize,
    map: &Map<String, Value>,
    skip: &[&str],
    at: &str,
) {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    let indent = "  ".repeat(level);
    for k in keys {
        let path = format!("{at}.{k}");
        if skip.contains(&path.as_str()) {
            continue;
        }
        let label = format!("{indent}{}:", smart_label(k));
        match &map[k] {
            Value::Object(m) => {
                out.push((label, None));
                unstructured(out, level + 1, m, skip, &path);
            }
            Value::Array(list) => {
                out.push((label, None));
                for item in list {
                    match item {
                        Value::Object(m) => unstructured(out, level + 1, m, skip, &path),
                        Value::String(s) => out.push((format!("{indent}  {s}"), None)),
                        other => out.push((format!("{indent}  {other}"), None)),
                    }
                }
            }
            Value::String(s) => out.push((label, Some(s.clone()))),
            other => out.push((label, Some(other.to_string()))),
        }
    }
}

/// Go's tabwriter (padding 2): each run of lines with a tab aligns its values.
fn tabwrite(lines: &[(String, Option<String>)]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < lines.len() {
        let end = (i..lines.len()).find(|j| lines[*j].1.is_none()).unwrap_or(lines.len());
        if end == i {
            out.push_str(&lines[i].0);
            out.push('\n');
            i += 1;
            continue;
        }
        let width = lines[i..end].iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0) + 2;
        for (label, value) in &lines[i..end] {
            let value = value.as_deref().unwrap_or_default();
            // A cell ends padded at its tab, an empty value too (`Namespace:` of a cluster-scoped
            // object, `Group:` of the core group), as Go's tab writer pads it.
            let _ = writeln!(out, "{label:<width$}{value}");
        }
        i = end;
    }
    out
}

/// `describe httproute|gateway|gatewayclass NAME`, as kubectl describes a custom resource.
pub(crate) fn describe(w: &World, kind: GatewayKind, name: &str) -> Result<String, String> {
    let not_found = || format!("Error from server (NotFound): {} {} not found", kind.resource(), go_quote(name));
    let object = match kind {
        GatewayKind::Class => class_object(w, w.gateway.classes.get(name).ok_or_else(not_found)?),
        GatewayKind::Gateway => gateway_object(w, w.gateway.gateways.get(name).ok_or_else(not_found)?),
        GatewayKind::Route => route_object(w, w.gateway.routes.get(name).ok_or_else(not_found)?),
    };
    let mut lines = vec![("Name:".to_string(), Some(name.to_string()))];
    // kubectl's generic describer writes the namespace of every object, empty for a cluster-scoped one.
    let namespace = if kind == GatewayKind::Class { "" } else { "default" };
    lines.push(("Namespace:".into(), Some(namespace.into())));
    lines.push(("Labels:".into(), Some("<none>".into())));
    lines.push(("Annotations:".into(), Some("<none>".into())));
    let skip = [
        ".metadata.managedFields",
        ".metadata.name",
        ".metadata.namespace",
        ".metadata.labels",
        ".metadata.annotations",
    ];
    if let Value::Object(m) = &object {
        let mut m = m.clone();
        // A metadata left with nothing is not printed.
        if m.get("metadata")
            .and_then(Value::as_object)
            .is_some_and(|md| md.keys().all(|k| ["name", "namespace"].contains(&k.as_str())))
        {
            m.remove("metadata");
        }
        unstructured(&mut lines, 0, &m, &skip, "");
    }
    lines.push(("Events:".into(), Some("<none>".into())));
    Ok(tabwrite(&lines).trim_end().to_string())
}

/// `patch httproute NAME [--type merge|json] -p PATCH`: the intent, or kubectl's refusal.
pub(crate) fn patch(name: &str, patch: Option<&str>, kind: Option<&str>) -> Result<Intent, String> {
    let patch = patch.ok_or("error: must specify --patch or --patch-file containing the contents of the patch")?;
    let patch = match kind {
        Some("merge") => RoutePatch::Merge(patch.into()),
        Some("json") => RoutePatch::Json(patch.into()),
        // A custom resource takes no strategic merge patch: the apiserver's 415, which kubectl
        // words itself (`patch.go`: `%s is not supported by %s: %w`).
        None | Some("strategic") => {
            return Err(format!(
                "error: application/strategic-merge-patch+json is not supported by {}, Kind=HTTPRoute: {}",
                gateway::API_VERSION,
                STRATEGIC_UNSUPPORTED
            ))
        }
        Some(other) => {
            return Err(format!("error: --type must be one of [json merge strategic], not {}", go_quote(other)))
        }
    };
    let text = match &patch {
        RoutePatch::Merge(t) | RoutePatch::Json(t) => t,
    };
    serde_json::from_str::<Value>(text).map_err(|e| format!("error: unable to parse {}: {e}", go_quote(text)))?;
    Ok(Intent::PatchHttpRoute { route: name.into(), patch })
}
