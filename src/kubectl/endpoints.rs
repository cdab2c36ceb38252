//! `kubectl get endpointslices|endpoints [NAME...] [-o wide|yaml|json] [-l SELECTOR]` as kubectl
//! 1.37 prints them against a 1.37 apiserver: the Services' EndpointSlices and Endpoints
//! ([`crate::manifest::endpoints`]) in the columns of the apiserver's printers
//! (`printEndpointSlice`: NAME ADDRESSTYPE PORTS ENDPOINTS AGE; `printEndpoints`: NAME ENDPOINTS
//! AGE). v1 Endpoints is deprecated since 1.33, and kubectl prints the apiserver's warning first.

use serde_json::Value;

use super::output::{human_duration, table};
use super::read::{selector, selects, Requirement};
use super::usage::go_quote;
use crate::manifest::endpoints::{self, endpoints_cell, slice_cells};
use crate::sim::objects::Labels;
use crate::sim::World;

/// What kubectl prints on stderr for every request on v1 Endpoints (the apiserver's `Warning`).
pub const ENDPOINTS_WARNING: &str =
    "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice";

/// The two kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EndpointKind {
    Slice,
    Endpoints,
}

impl EndpointKind {
    /// The kind a word of `get` names, if it names one of these.
    pub(crate) fn of(word: &str) -> Option<Self> {
        match word {
            "endpointslice"
            | "endpointslices"
            | "endpointslice.discovery.k8s.io"
            | "endpointslices.discovery.k8s.io" => Some(EndpointKind::Slice),
            "endpoints" | "ep" => Some(EndpointKind::Endpoints),
            _ => None,
        }
    }

    pub(crate) fn not_found(self, name: &str) -> String {
        let resource = match self {
            EndpointKind::Slice => "endpointslices.discovery.k8s.io",
            EndpointKind::Endpoints => "endpoints",
        };
        format!("Error from server (NotFound): {resource} {} not found", go_quote(name))
    }
}

/// Every object of `kind` now, in name order, as the apiserver lists them (a slice's name is its
/// Service's and a suffix: `http-go-b-…` comes before `http-go-…`).
pub(crate) fn objects(w: &World, kind: EndpointKind) -> Vec<Value> {
    let mut all: Vec<Value> = w
        .services
        .values()
        .filter_map(|s| match kind {
            EndpointKind::Slice => endpoints::endpoint_slice(w, s),
            EndpointKind::Endpoints => endpoints::endpoints(w, s),
        })
        .collect();
    all.sort_by(|a, b| a["metadata"]["name"].as_str().cmp(&b["metadata"]["name"].as_str()));
    all
}

fn labels(v: &Value) -> Labels {
    v["metadata"]["labels"]
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect())
        .unwrap_or_default()
}

/// `get endpointslices|endpoints …`: the table, or the objects for `-o yaml|json`.
pub(crate) fn get(
    w: &World,
    kind: EndpointKind,
    names: &[&str],
    output: Option<&str>,
    selector_text: Option<&str>,
) -> Result<String, String> {
    let requirements: Vec<Requirement> = selector(selector_text)?;
    let all: Vec<Value> = objects(w, kind).into_iter().filter(|v| selects(&requirements, &labels(v))).collect();
    let name_of = |v: &Value| v["metadata"]["name"].as_str().unwrap_or_default().to_string();
    let picked: Vec<Value> = if names.is_empty() {
        all
    } else {
        let mut picked = Vec::new();
        for n in names {
            let found = all.iter().find(|v| name_of(v) == *n).cloned();
            picked.push(found.ok_or_else(|| warned(kind, kind.not_found(n)))?);
        }
        picked
    };
    let text = match output {
        Some(format @ ("yaml" | "json")) => super::output::print(picked, names.len() == 1, format == "yaml"),
        None | Some("wide") if picked.is_empty() => "No resources found in default namespace.".into(),
        None | Some("wide") => {
            let rows: Vec<Vec<String>> = picked.iter().map(|v| cells(w, kind, v)).collect();
            table(header(kind), rows.iter().map(Vec::as_slice))
        }
        Some(other) => {
            return Err(format!(
            "error: unable to match a printer suitable for the output format {}, allowed formats are: json,wide,yaml",
            go_quote(other)
        ))
        }
    };
    Ok(warned(kind, text))
}

/// The columns of the apiserver's printer for `kind`.
fn header(kind: EndpointKind) -> &'static [&'static str] {
    match kind {
        EndpointKind::Slice => &["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"],
        EndpointKind::Endpoints => &["NAME", "ENDPOINTS", "AGE"],
    }
}

/// One object's row: `printEndpointSlice` or `printEndpoints`, its age its Service's.
fn cells(w: &World, kind: EndpointKind, v: &Value) -> Vec<String> {
    let service = v["metadata"]["labels"][endpoints::SERVICE_NAME_LABEL].as_str();
    let service = w.services.get(service.unwrap_or_else(|| v["metadata"]["name"].as_str().unwrap_or_default()));
    let age = service.map_or(String::new(), |s| human_duration(w.time().saturating_since(s.created)));
    match kind {
        EndpointKind::Slice => slice_cells(v).into_iter().chain([age]).collect(),
        EndpointKind::Endpoints => {
            vec![v["metadata"]["name"].as_str().unwrap_or_default().to_string(), endpoints_cell(v), age]
        }
    }
}

/// The header and each selected object's row now, by name: what `get -w` follows.
pub(crate) fn rows(
    w: &World,
    kind: EndpointKind,
    selector: &[Requirement],
) -> (Vec<&'static str>, Vec<(String, Vec<String>)>) {
    let rows = objects(w, kind)
        .iter()
        .filter(|v| selects(selector, &labels(v)))
        .map(|v| (v["metadata"]["name"].as_str().unwrap_or_default().to_string(), cells(w, kind, v)))
        .collect();
    (header(kind).to_vec(), rows)
}

/// `text` after the apiserver's warning on v1 Endpoints, which kubectl prints first.
pub(crate) fn warned(kind: EndpointKind, text: String) -> String {
    match kind {
        EndpointKind::Endpoints => format!("{ENDPOINTS_WARNING}\n{text}"),
        EndpointKind::Slice => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimTime;

    fn answer(w: &World, line: &str) -> Result<String, String> {
        super::super::read_line(w, line).expect("a command that reads")
    }

    #[test]
    fn endpointslices_and_endpoints_list_the_services_pods() {
        let mut w = crate::kubectl::test_run();
        w.run_until(SimTime::from_secs(60));
        let slices = answer(&w, "get endpointslices").unwrap();
        let lines: Vec<&str> = slices.lines().collect();
        assert!(lines[0].starts_with("NAME") && lines[0].contains("ADDRESSTYPE   PORTS   ENDPOINTS"), "{slices}");
        let ips: Vec<&str> = w.pods.values().filter_map(|p| p.status.pod_ip.as_deref()).collect();
        assert!(lines[1].starts_with("http-go-") && lines[1].contains("IPv4") && lines[1].contains(ips[0]), "{slices}");
        let ep = answer(&w, "get ep http-go").unwrap();
        assert!(ep.starts_with(ENDPOINTS_WARNING), "{ep}");
        assert!(ep.contains(&format!("{}:8080", ips[0])), "{ep}");
        assert!(answer(&w, "get ep nothing").unwrap_err().ends_with("endpoints \"nothing\" not found"));
        let selected = answer(&w, "get endpointslices -l kubernetes.io/service-name=http-go").unwrap();
        assert_eq!(selected, slices);
        assert_eq!(
            answer(&w, "get endpointslices -l kubernetes.io/service-name=other").unwrap(),
            "No resources found in default namespace."
        );
    }
}
