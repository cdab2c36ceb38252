//! Tab completion for the console: the commands the console understands, then the names of the
//! objects they take, from the simulated cluster.

use crate::sim::World;

const VERBS: [&str; 9] = ["annotate", "delete", "describe", "get", "label", "patch", "rollout", "scale", "set"];
const ROLLOUT: [&str; 6] = ["history", "pause", "restart", "resume", "status", "undo"];
const KINDS: [&str; 8] =
    ["deployments", "gatewayclasses", "gateways", "httproutes", "pods", "replicasets", "resourcequotas", "services"];

/// What the last word of `line` may become: every candidate, in order. A line ending in a space
/// completes a new word.
pub fn candidates(w: &World, line: &str) -> Vec<String> {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    if line.is_empty() || line.ends_with(char::is_whitespace) {
        words.push("");
    }
    let Some((last, before)) = words.split_last() else { return Vec::new() };
    let mut before: Vec<&str> = before.iter().copied().filter(|w| !w.starts_with('-')).collect();
    if before.first() == Some(&"kubectl") {
        before.remove(0);
    } else if before.is_empty() && "kubectl".starts_with(last) && !last.is_empty() {
        return vec!["kubectl".into()];
    }
    let deployments = || w.deployments.keys().map(|n| format!("deployment/{n}")).collect::<Vec<_>>();
    let names = |kind: &str| -> Vec<String> {
        if let Some(kind) = super::gateway::GatewayKind::of(kind) {
            return super::gateway::names(w, kind);
        }
        if matches!(kind, "quota" | "quotas" | "resourcequota" | "resourcequotas") {
            return w.resource_quotas.keys().cloned().collect();
        }
        if let Some(kind) = super::endpoints::EndpointKind::of(kind) {
            let objects = super::endpoints::objects(w, kind);
            return objects.iter().filter_map(|o| o["metadata"]["name"].as_str().map(String::from)).collect();
        }
        match super::Kind::of(kind) {
            Ok(super::Kind::Deployment) => w.deployments.keys().cloned().collect(),
            Ok(super::Kind::ReplicaSet) => w.replica_sets.keys().cloned().collect(),
            Ok(super::Kind::Pod) => w.pods.keys().cloned().collect(),
            Ok(super::Kind::Service) => w.services.keys().cloned().collect(),
            Err(_) => Vec::new(),
        }
    };
    let options: Vec<String> = match before.as_slice() {
        [] => VERBS.map(String::from).to_vec(),
        ["rollout"] => ROLLOUT.map(String::from).to_vec(),
        ["set"] => vec!["image".into()],
        ["describe"] => KINDS.map(String::from).to_vec(),
        ["get"] => {
            // What the console only lists: the Services' EndpointSlices and Endpoints.
            let mut kinds: Vec<String> = KINDS.map(String::from).to_vec();
            kinds.extend(["endpoints", "endpointslices"].map(String::from));
            kinds.sort();
            kinds
        }
        ["label"] => vec!["deployment".into(), "pod".into()],
        ["delete"] => ["pod", "httproute", "gateway", "gatewayclass"].map(String::from).to_vec(),
        ["get", kind, ..] | ["describe", kind] | ["delete", kind, ..] | ["label", kind] => names(kind),
        ["patch"] => {
            let mut targets = deployments();
            targets.extend(w.gateway.routes.keys().map(|n| format!("httproute/{n}")));
            targets
        }
        ["rollout", _] | ["set", "image"] | ["scale"] | ["annotate"] => deployments(),
        _ => Vec::new(),
    };
    let mut found: Vec<String> = options.into_iter().filter(|o| o.starts_with(last)).collect();
    found.dedup();
    found
}

/// The line with its last word completed as far as every candidate agrees, and the candidates
/// (more than one when the learner has to choose).
pub fn complete(w: &World, line: &str) -> (String, Vec<String>) {
    let found = candidates(w, line);
    let Some(first) = found.first() else { return (line.to_string(), found) };
    let common = found.iter().fold(first.as_str(), |acc, c| {
        let n = acc.chars().zip(c.chars()).take_while(|(a, b)| a == b).count();
        &acc[..acc.char_indices().nth(n).map_or(acc.len(), |(i, _)| i)]
    });
    let start = if line.is_empty() || line.ends_with(char::is_whitespace) {
        line.len()
    } else {
        line.rfind(char::is_whitespace).map_or(0, |i| i + 1)
    };
    let mut out = format!("{}{common}", &line[..start]);
    if found.len() == 1 {
        out.push(' ');
    }
    (out, if found.len() > 1 { found } else { Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::run::http_go;
    use crate::sim::SimTime;

    #[test]
    fn resource_quotas_complete_after_get_and_describe() {
        let mut w = http_go(1);
        w.resource_quotas.insert("pods".into(), crate::sim::quota::ResourceQuota::pods("pods", 4));
        assert_eq!(complete(&w, "describe resourceq"), ("describe resourcequotas ".into(), vec![]));
        assert_eq!(complete(&w, "kubectl describe quota p"), ("kubectl describe quota pods ".into(), vec![]));
        assert_eq!(complete(&w, "get resourcequotas "), ("get resourcequotas pods ".into(), vec![]));
    }

    #[test]
    fn commands_then_names_complete() {
        let mut w = http_go(1);
        w.run_until(SimTime::from_secs(5));
        assert_eq!(complete(&w, "kub"), ("kubectl ".into(), vec![]));
        assert_eq!(complete(&w, "kubectl ro"), ("kubectl rollout ".into(), vec![]));
        assert_eq!(complete(&w, "kubectl rollout h"), ("kubectl rollout history ".into(), vec![]));
        assert_eq!(complete(&w, "rollout history d"), ("rollout history deployment/http-go ".into(), vec![]));
        assert_eq!(complete(&w, "kubectl s").1, ["scale", "set"]);
        assert_eq!(complete(&w, "kubectl s").0, "kubectl s");
        assert_eq!(complete(&w, "get po"), ("get pods ".into(), vec![]));
        // Three pods share the ReplicaSet's name: completed up to where they differ.
        let (line, pods) = complete(&w, "get pods h");
        assert_eq!(pods.len(), 3);
        let rs = w.replica_sets.keys().next().unwrap();
        assert_eq!(line, format!("get pods {rs}-"));
        assert_eq!(complete(&w, "kubectl frob"), ("kubectl frob".into(), vec![]));
        assert_eq!(complete(&w, "").1, VERBS);
    }

    /// The Gateway API kinds complete after `get` and `describe`, then their objects' names;
    /// `patch` offers the HTTPRoutes beside the Deployments; `delete` offers the kinds it deletes.
    #[test]
    fn gateway_kinds_and_names_complete() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/console-run.json")).unwrap();
        let mut scenario: crate::sim::run::Scenario = serde_json::from_str(&text).unwrap();
        let route: crate::sim::gateway::HttpRoute = serde_json::from_value(serde_json::json!({
            "name": "web", "spec": {"parentRefs": [{"name": "eg"}], "rules": [{"backendRefs": [{"name": "http-go", "port": 80}]}]}
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        scenario.http_routes.push(route);
        let w = scenario.world();
        assert_eq!(complete(&w, "get http"), ("get httproutes ".into(), vec![]));
        assert_eq!(complete(&w, "kubectl describe gatewayc"), ("kubectl describe gatewayclasses ".into(), vec![]));
        assert_eq!(complete(&w, "get gateway").1, ["gatewayclasses", "gateways"]);
        assert_eq!(complete(&w, "get endpoints").1, ["endpoints", "endpointslices"]);
        assert_eq!(complete(&w, "describe end").1, Vec::<String>::new());
        assert_eq!(complete(&w, "get ep h"), ("get ep http-go ".into(), vec![]));
        assert_eq!(complete(&w, "describe httproute w"), ("describe httproute web ".into(), vec![]));
        assert_eq!(complete(&w, "kubectl patch h"), ("kubectl patch httproute/web ".into(), vec![]));
        assert_eq!(complete(&w, "patch ").1, ["deployment/http-go", "httproute/web"]);
        assert_eq!(complete(&w, "delete h"), ("delete httproute ".into(), vec![]));
        assert_eq!(complete(&w, "delete httproute "), ("delete httproute web ".into(), vec![]));
        assert_eq!(complete(&w, "kubectl delete g").1, ["gateway", "gatewayclass"]);
    }
}
