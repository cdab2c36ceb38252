//! Reading the YAML panel for `kubectl apply|create -f`: in the page this runs in a web worker
//! (`src/worker.rs`), on the command line it is the same function. The objects are read strictly
//! into the upstream types, defaulted and validated as the apiserver would; a refusal comes with
//! kubectl's words and the line of the text it is about.

use super::{object, read, state};
use crate::manifest::reader::{fits, too_large, Problem, Read, Reply, Request};

/// Answers one request of the page (its JSON), as JSON.
pub fn reply(request: &str) -> String {
    let reply = match serde_json::from_str::<Request>(request) {
        Ok(r) => Reply { id: r.id, result: self::read(&r.text, &r.file, r.create) },
        Err(e) => Reply { id: 0, result: Err(Problem { line: None, message: format!("error: bad request: {e}") }) },
    };
    serde_json::to_string(&reply).unwrap_or_default()
}

/// The objects of `text` (the file `file`) that the engine runs.
pub fn read(text: &str, file: &str, create: bool) -> Result<Read, Problem> {
    let verb = if create { "create" } else { "apply" };
    if !fits(text.len()) {
        return Err(Problem { line: None, message: too_large(file) });
    }
    let items = read::items(text, file).map_err(|e| syntax_problem(&e, file))?;
    if items.is_empty() {
        return Err(Problem { line: None, message: format!("error: no objects passed to {verb}") });
    }
    for item in &items {
        let (version, kind) = (item.api_version(), item.kind());
        let known = matches!(
            (version, kind),
            ("apps/v1", "Deployment" | "ReplicaSet")
                | ("v1", "Service" | "Pod" | "ResourceQuota")
                | ("networking.k8s.io/v1", "Ingress")
        ) || super::gateway::is_gateway_api(item);
        if !known {
            return Err(Problem {
                line: locate(text, &item.at, "kind"),
                message: format!(
                    "error: resource mapping not found for name: {:?} namespace: \"\" from {file:?}: no matches for kind {kind:?} in version {version:?}\nensure CRDs are installed first",
                    item.name()
                ),
            });
        }
    }
    if state::is_state(&items) {
        return state::state(&items)
            .map(|s| Read::State(Box::new(s)))
            .map_err(|(i, message)| refused(text, &items[i], message, file, create));
    }
    let mut objects = Vec::new();
    for item in &items {
        let own = read::Item { at: String::new(), value: item.value.clone() };
        objects.push(object::manifest(&own).map_err(|message| refused(text, item, message, file, create))?);
    }
    Ok(Read::Manifests(objects))
}

/// The apiserver's refusal of `item` (the message of the reader, or of validation), at its line.
fn refused(text: &str, item: &read::Item, message: String, file: &str, create: bool) -> Problem {
    let line = field_of(&message).and_then(|f| locate(text, &item.at, &f));
    let own = ["The ", "Ingress ", "error: ", "HTTPRoute ", "Gateway ", "GatewayClass "];
    let message = if own.iter().any(|p| message.starts_with(p)) {
        message
    } else {
        // What the apiserver's decoder says of a body it cannot read.
        let verb = if create { "creating" } else { "applying" };
        let (kind, version) = (item.kind(), item.api_version());
        format!(
            "Error from server (BadRequest): error when {verb} {file:?}: {kind} in version {:?} cannot be handled as a {kind}: {message}",
            version.rsplit('/').next().unwrap_or_default()
        )
    };
    Problem { line: line.or_else(|| locate(text, &item.at, "")), message }
}

/// kubectl's words for text that is not YAML: `error parsing FILE: error converting YAML to
/// JSON: yaml: line 4: mapping values are not allowed in this context`.
fn syntax_problem(e: &str, file: &str) -> Problem {
    let at = e.split_once("yaml: line ").and_then(|(_, rest)| {
        let (line, rest) = rest.split_once(", column ")?;
        let (_, message) = rest.split_once(": ")?;
        Some((line.parse::<usize>().ok()?, message))
    });
    match at {
        Some((line, message)) => Problem {
            line: Some(line),
            message: format!(
                "error: error parsing {file}: error converting YAML to JSON: yaml: line {line}: {message}"
            ),
        },
        None => Problem { line: None, message: format!("error: {e}") },
    }
}

/// The field a Kubernetes message is about: `spec.replicas` of `The Deployment "a" is invalid:
/// spec.replicas: Invalid value: …`, of `strict decoding error: unknown field "spec.replicas"` or
/// of `spec.replicas: invalid type: …`.
fn field_of(message: &str) -> Option<String> {
    if let Some((_, rest)) = message.split_once("unknown field \"") {
        return rest.split_once('"').map(|(f, _)| f.to_string());
    }
    let rest = message.split_once(" is invalid: ").map_or(message, |(_, r)| r);
    let (path, _) = rest.split_once(": ")?;
    path.chars().all(|c| c.is_ascii_alphanumeric() || "._[]-/".contains(c)).then(|| path.to_string())
}

/// One step of a field path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut indexes) = part.split_once('[').map_or((part, ""), |(k, i)| (k, i));
        if !key.is_empty() {
            out.push(Step::Key(key.to_string()));
        }
        while let Some((n, rest)) = indexes.split_once(']') {
            if let Ok(n) = n.parse() {
                out.push(Step::Index(n));
            }
            indexes = rest.strip_prefix('[').unwrap_or(rest);
        }
    }
    out
}

/// The line (1-based) of the field `path` of the object `at` (`document 2`, `items[1]`, as
/// [`read::items`] names them) in block YAML as kubectl writes it; the line of the nearest
/// enclosing field when the field itself is not written (a required value left out).
pub fn locate(text: &str, at: &str, path: &str) -> Option<usize> {
    // The documents that hold something, as `read::items` counts them.
    let mut documents: Vec<Vec<(usize, &str)>> = vec![Vec::new()];
    for (i, line) in text.lines().enumerate() {
        if line == "---" || line.starts_with("--- ") {
            documents.push(Vec::new());
        } else if let Some(d) = documents.last_mut() {
            d.push((i + 1, line));
        }
    }
    documents.retain(|d| d.iter().any(|(_, l)| is_content(l)));
    let (document, inner) = match at.strip_prefix("document ") {
        Some(rest) => {
            let (n, inner) = rest.split_once(": ").unwrap_or((rest, ""));
            (n.parse::<usize>().ok()?.checked_sub(1)?, inner)
        }
        None => (0, at),
    };
    let mut target = steps(inner);
    target.extend(steps(path));
    let lines = documents.get(document)?;
    // Each line's path, from the keys and list items above it at smaller indents.
    let mut stack: Vec<(usize, Step)> = Vec::new();
    let mut best: Option<(usize, usize)> = None;
    for (number, line) in lines {
        if !is_content(line) {
            continue;
        }
        let mut col = line.len() - line.trim_start().len();
        let mut content = line.trim_start();
        while let Some(rest) = content.strip_prefix("- ").or_else(|| (content == "-").then_some("")) {
            while stack.last().is_some_and(|(c, _)| *c > col) {
                stack.pop();
            }
            let next = match stack.last() {
                Some((c, Step::Index(n))) if *c == col => {
                    let n = *n + 1;
                    stack.pop();
                    n
                }
                _ => 0,
            };
            stack.push((col, Step::Index(next)));
            col += 2;
            content = rest.trim_start();
            score(&stack, &target, *number, &mut best);
        }
        let Some((key, _)) = content.split_once(':').filter(|(k, rest)| !k.contains(' ') || rest.is_empty()) else {
            continue;
        };
        let key = key.trim_matches(|c| c == '"' || c == '\'');
        while stack.last().is_some_and(|(c, s)| *c > col || (*c == col && matches!(s, Step::Key(_)))) {
            stack.pop();
        }
        stack.push((col, Step::Key(key.to_string())));
        score(&stack, &target, *number, &mut best);
    }
    best.map(|(_, line)| line)
}

fn is_content(line: &str) -> bool {
    let t = line.trim_start();
    !t.is_empty() && !t.starts_with('#')
}

/// Keeps the line whose path is the longest prefix of `target` (the first such line).
fn score(stack: &[(usize, Step)], target: &[Step], line: usize, best: &mut Option<(usize, usize)>) {
    let path: Vec<&Step> = stack.iter().map(|(_, s)| s).collect();
    if path.len() > target.len() || !path.iter().zip(target).all(|(a, b)| *a == b) {
        return;
    }
    if best.is_none_or(|(len, _)| path.len() > len) {
        *best = Some((path.len(), line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "\
# the course's manifests
apiVersion: apps/v1
kind: Deployment
metadata:
  name: http-go
spec:
  replicas: 3
  selector:
    matchLabels:
      app: http-go
  template:
    metadata:
      labels:
        app: http-go
    spec:
      containers:
      - image: gasbugs/http-go:v1
        name: http-go
      - name: sidecar
        image: busybox
---
apiVersion: v1
kind: Service
metadata:
  name: http-go
spec:
  ports:
    - port: 80
      targetPort: 8080
";

    /// [`TWO`] without its sidecar: what the engine takes (a pod is one container).
    fn one_container() -> String {
        TWO.replace("      - name: sidecar\n        image: busybox\n", "")
    }

    #[test]
    fn a_sidecar_is_refused_by_name() {
        let e = read(TWO, "manifests.yaml", false).unwrap_err();
        assert!(e.message.contains("the simulator does not model a second container"), "{}", e.message);
    }

    #[test]
    fn a_field_is_found_by_its_path() {
        assert_eq!(locate(TWO, "document 1", "spec.replicas"), Some(7));
        assert_eq!(locate(TWO, "document 1", "spec.template.spec.containers[0].image"), Some(17));
        assert_eq!(locate(TWO, "document 1", "spec.template.spec.containers[1].image"), Some(20));
        assert_eq!(locate(TWO, "document 1", "spec.template.spec.containers[1].name"), Some(19));
        assert_eq!(locate(TWO, "document 2", "spec.ports[0].targetPort"), Some(29));
        // A field left out: the nearest one written.
        assert_eq!(locate(TWO, "document 1", "spec.strategy.type"), Some(6));
        assert_eq!(locate(TWO, "document 2", "kind"), Some(23));
    }

    #[test]
    fn a_list_s_items_are_found() {
        let list = "apiVersion: v1\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n- apiVersion: apps/v1\n  kind: ReplicaSet\n  spec:\n    replicas: 2\nkind: List\n";
        assert_eq!(locate(list, "items[1]", "spec.replicas"), Some(8));
        assert_eq!(locate(list, "items[0]", "kind"), Some(4));
    }

    #[test]
    fn a_bad_manifest_is_refused_at_its_line() {
        let bad = TWO.replace("replicas: 3", "replicas: -1");
        let p = read(&bad, "manifests.yaml", false).unwrap_err();
        assert_eq!(p.line, Some(7));
        assert!(
            p.message.starts_with("The Deployment \"http-go\" is invalid: spec.replicas: Invalid value: -1"),
            "{}",
            p.message
        );

        let typo = TWO.replace("replicas: 3", "replica: 3");
        let p = read(&typo, "manifests.yaml", false).unwrap_err();
        assert_eq!(p.line, Some(7));
        assert_eq!(
            p.message,
            "Error from server (BadRequest): error when applying \"manifests.yaml\": Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\""
        );

        let syntax = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n   labels: {}\n";
        let p = read(syntax, "manifests.yaml", true).unwrap_err();
        assert_eq!(p.line, Some(5));
        assert!(
            p.message.starts_with("error: error parsing manifests.yaml: error converting YAML to JSON: yaml: line 5: "),
            "{}",
            p.message
        );

        let crd = "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: r\n";
        let p = read(crd, "manifests.yaml", false).unwrap_err();
        assert_eq!(p.line, Some(2));
        assert!(
            p.message.contains("no matches for kind \"Rollout\" in version \"argoproj.io/v1alpha1\""),
            "{}",
            p.message
        );

        assert_eq!(
            read("# nothing\n", "manifests.yaml", true).unwrap_err().message,
            "error: no objects passed to create"
        );
    }

    #[test]
    fn a_listing_with_replica_sets_or_pods_is_a_cluster_s_state() {
        let list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: ReplicaSet\n  metadata:\n    name: http-go-5d4f8\n    creationTimestamp: \"2026-12-01T10:00:05Z\"\n  spec:\n    selector:\n      matchLabels: {app: a}\n    template:\n      metadata:\n        labels: {app: a}\n      spec:\n        containers: [{name: a, image: a:v2}]\n- apiVersion: apps/v1\n  kind: ReplicaSet\n  metadata:\n    name: http-go-9z9z9\n    creationTimestamp: \"2026-12-01T10:00:00Z\"\n  spec:\n    selector:\n      matchLabels: {app: a}\n    template:\n      metadata:\n        labels: {app: a}\n      spec:\n        containers: [{name: a, image: a:v1}]\n";
        let Ok(Read::State(state)) = read(list, "manifests.yaml", false) else { panic!() };
        // Oldest first, and the times are the run's start.
        let names: Vec<&str> = state.replica_sets.iter().map(|r| r.metadata.name.as_str()).collect();
        assert_eq!(names, ["http-go-9z9z9", "http-go-5d4f8"]);
        assert!(state.replica_sets.iter().all(|r| r.metadata.creation_timestamp.as_millis() == 0));
        let Ok(Read::Manifests(objects)) = read(&one_container(), "manifests.yaml", false) else { panic!() };
        assert_eq!(objects.len(), 2);
    }

    #[test]
    fn the_worker_answers_in_json() {
        let request = serde_json::json!({"id": 7, "file": "manifests.yaml", "text": one_container(), "create": false})
            .to_string();
        let reply: Reply = serde_json::from_str(&super::reply(&request)).unwrap();
        assert_eq!(reply.id, 7);
        assert!(matches!(reply.result, Ok(Read::Manifests(o)) if o.len() == 2));
        let reply: Reply = serde_json::from_str(&super::reply("{")).unwrap();
        assert!(reply.result.unwrap_err().message.starts_with("error: bad request"));
    }
}
