//! How kubectl writes what it prints: objects (`-o yaml|json`, the objects of
//! [`crate::manifest::live`]) one by one or as a `List`, tables, durations and label lists.

use serde_json::{json, Value};

use crate::sim::objects::Labels;
use crate::sim::time::SimDuration;

/// One object, or several as kubectl lists them.
pub fn print(mut objects: Vec<Value>, single: bool, yaml: bool) -> String {
    let value = if single && objects.len() == 1 {
        objects.remove(0)
    } else {
        json!({"apiVersion": "v1", "kind": "List", "items": objects, "metadata": {"resourceVersion": ""}})
    };
    if yaml {
        crate::yaml::to_string(&value).trim_end().to_string()
    } else {
        // kubectl indents JSON by four spaces.
        let mut out = Vec::new();
        let mut ser =
            serde_json::Serializer::with_formatter(&mut out, serde_json::ser::PrettyFormatter::with_indent(b"    "));
        let _ = serde::Serialize::serialize(&value, &mut ser);
        String::from_utf8(out).unwrap_or_default()
    }
}

/// `app=http-go,pod-template-hash=…`, as kubectl writes a selector.
pub(crate) fn label_list(labels: &Labels) -> String {
    labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
}

/// Columns left-aligned, three spaces apart, as kubectl's tab writer sets them (every cell but a
/// row's last padded to its column's width).
pub(crate) fn table<'a>(header: &[&str], rows: impl Iterator<Item = &'a [String]> + Clone) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows.clone() {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut write = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        for (i, cell) in cells.iter().enumerate() {
            out.push_str(cell);
            if i < last {
                out.push_str(&" ".repeat(widths[i] + 3 - cell.chars().count()));
            }
        }
        out.push('\n');
    };
    write(header.to_vec());
    for row in rows {
        write(row.iter().map(String::as_str).collect());
    }
    out.pop();
    out
}

/// `duration.HumanDuration`: `45s`, `3m10s`, `15m`, `2h5m`, `3d`.
pub fn human_duration(d: SimDuration) -> String {
    let seconds = d.as_millis() / 1000;
    if seconds < 120 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        return match seconds % 60 {
            0 => format!("{minutes}m"),
            s => format!("{minutes}m{s}s"),
        };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        return match minutes % 60 {
            0 => format!("{hours}h"),
            m => format!("{hours}h{m}m"),
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    let days = hours / 24;
    if days < 8 {
        return match hours % 24 {
            0 => format!("{days}d"),
            h => format!("{days}d{h}h"),
        };
    }
    format!("{days}d")
}

/// Go's `text/tabwriter` as kubectl's `describe` sets it up (`Init(out, 0, 8, 2, ' ', 0)`): the
/// cells of a line end at its tabs, and a column of cells on consecutive lines is as wide as its
/// widest cell and two spaces; a line's last cell (after its last tab) is written as it is.
pub(crate) fn tabwrite(text: &str) -> String {
    let lines: Vec<Vec<&str>> = text.split_terminator('\n').map(|l| l.split('\t').collect()).collect();
    let mut out = String::new();
    let mut widths = Vec::new();
    format_block(&lines, 0, lines.len(), &mut widths, &mut out);
    out
}

/// `tabwriter.Writer.format`: the lines `from..to` with the columns' `widths` found so far.
fn format_block(lines: &[Vec<&str>], from: usize, to: usize, widths: &mut Vec<usize>, out: &mut String) {
    let column = widths.len();
    let mut start = from;
    let mut this = from;
    while this < to {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        // A block of consecutive lines with a cell in this column begins here.
        write_lines(lines, start, this, widths, out);
        start = this;
        let mut width = 0;
        while this < to && column + 1 < lines[this].len() {
            width = width.max(lines[this][column].chars().count() + 2);
            this += 1;
        }
        widths.push(width);
        format_block(lines, start, this, widths, out);
        widths.pop();
        start = this;
    }
    write_lines(lines, start, to, widths, out);
}

fn write_lines(lines: &[Vec<&str>], from: usize, to: usize, widths: &[usize], out: &mut String) {
    for line in &lines[from..to] {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if j < widths.len() {
                out.push_str(&" ".repeat(widths[j].saturating_sub(cell.chars().count())));
            }
        }
        out.push('\n');
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use k8s_openapi::api::apps::v1::{Deployment as K8sDeployment, ReplicaSet as K8sReplicaSet};
    use k8s_openapi::api::core::v1::Pod as K8sPod;
    use serde_json::Value;

    use crate::sim::run::http_go;
    use crate::sim::SimTime;

    fn answer(w: &crate::sim::World, line: &str) -> String {
        super::super::read_line(w, line).expect("get reads").unwrap()
    }

    /// The items of the `kind: List` kubectl prints for several objects, as the API's type.
    fn items<T: serde::de::DeserializeOwned>(list: Value) -> Vec<T> {
        assert_eq!((list["apiVersion"].as_str(), list["kind"].as_str()), (Some("v1"), Some("List")));
        serde_json::from_value(list["items"].clone()).unwrap()
    }

    /// What `-o yaml` and `-o json` print reads back as the API's own types, with the state the
    /// tables show.
    #[test]
    fn yaml_and_json_are_the_apis_objects() {
        let mut w = http_go(1);
        for intent in super::super::parse("scale deployment/http-go --replicas=5").unwrap() {
            w.schedule(SimTime::from_secs(20), intent);
        }
        w.run_until(SimTime::from_secs(23));
        let d: K8sDeployment = serde_yaml_ng::from_str(&answer(&w, "get deployment http-go -o yaml")).unwrap();
        let spec = d.spec;
        assert_eq!(spec.replicas, Some(5));
        let status = d.status.unwrap();
        let ours = &w.deployments["http-go"].status;
        assert_eq!(
            (status.replicas, status.ready_replicas, status.available_replicas),
            (Some(ours.replicas), Some(ours.ready_replicas), Some(ours.available_replicas))
        );
        assert!(status.conditions.unwrap().iter().any(|c| c.type_.as_deref() == Some("Available")));
        let json: K8sDeployment = serde_json::from_str(&answer(&w, "get deploy http-go -o json")).unwrap();
        assert_eq!(json.metadata.name.as_deref(), Some("http-go"));
        assert!(answer(&w, "get deploy http-go -o json").starts_with("{\n    \"apiVersion\": \"apps/v1\""));

        let rss: Vec<K8sReplicaSet> = items(serde_yaml_ng::from_str(&answer(&w, "get rs -o yaml")).unwrap());
        assert_eq!(rss.len(), w.replica_sets.len());
        let owner = &rss[0].metadata.owner_references.as_ref().unwrap()[0];
        assert_eq!((owner.kind.as_str(), owner.name.as_str()), ("Deployment", "http-go"));

        let pods: Vec<K8sPod> = items(serde_json::from_str(&answer(&w, "get pods -o json")).unwrap());
        assert_eq!(pods.len(), w.pods.len());
        for (p, ours) in pods.iter().zip(w.pods.values()) {
            let status = p.status.as_ref().unwrap();
            let ready = status.conditions.as_ref().unwrap().iter().find(|c| c.type_ == "Ready").unwrap();
            assert_eq!(ready.status, if ours.status.ready { "True" } else { "False" });
            assert_eq!(p.spec.as_ref().unwrap().node_name, ours.spec.node_name);
        }
        let none: Vec<K8sPod> = items(serde_yaml_ng::from_str(&answer(&w, "get pods -l app=none -o yaml")).unwrap());
        assert!(none.is_empty());
    }

    #[test]
    fn a_service_is_the_apis_object() {
        let w = crate::kubectl::test_run();
        let svc: k8s_openapi::api::core::v1::Service =
            serde_yaml_ng::from_str(&answer(&w, "get svc http-go -o yaml")).unwrap();
        let spec = svc.spec.unwrap();
        assert_eq!(spec.cluster_ip, Some(w.services["http-go"].cluster_ip.clone()));
        assert_eq!(spec.type_.as_deref(), Some("ClusterIP"));
        let port = &spec.ports.unwrap()[0];
        assert_eq!((port.port, port.protocol.as_deref()), (80, Some("TCP")));
        assert_eq!(port.target_port, Some(k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(8080)));
        assert_eq!(spec.selector, Some(w.services["http-go"].selector.clone().into()));
    }

    #[test]
    fn ages_are_written_as_kubectl_writes_them() {
        for (s, want) in [
            (0, "0s"),
            (45, "45s"),
            (119, "119s"),
            (120, "2m"),
            (190, "3m10s"),
            (600, "10m"),
            (179 * 60, "179m"),
            (3 * 3600 + 60, "3h1m"),
            (9 * 3600, "9h"),
            (50 * 3600, "2d2h"),
        ] {
            assert_eq!(super::human_duration(crate::sim::time::SimDuration::from_secs(s)), want, "{s} s");
        }
    }

    #[test]
    fn tabwrite_aligns_as_gos_tabwriter() {
        let text = "Name:\thttp-go\nNamespace:\tdefault\nPod Template:\n  Labels:\tapp=x\n  Containers:\n    Image:\tv1\n  Volumes:\t<none>\n  PodScheduled \tTrue \n";
        assert_eq!(
            super::tabwrite(text),
            "Name:       http-go\nNamespace:  default\nPod Template:\n  Labels:  app=x\n  Containers:\n    Image:       v1\n  Volumes:       <none>\n  PodScheduled   True \n"
        );
        // A column is aligned only over the lines that have a cell in it.
        assert_eq!(super::tabwrite("a\tb\tc\nlong\td\n"), "a     b  c\nlong  d\n");
    }
}
