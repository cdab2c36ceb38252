//! Tab completion for the console: the commands the console understands, then the names of the
//! objects they take, from the simulated cluster.

use crate::sim::World;

const VERBS: [&str; 9] = ["annotate", "delete", "describe", "get", "label", "patch", "rollout", "scale", "set"];
const ROLLOUT: [&str; 6] = ["history", "pause", "restart", "resume", "status", "undo"];
const KINDS: [&str; 4] = ["deployments", "pods", "replicasets", "services"];

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
        ["get"] | ["describe"] => KINDS.map(String::from).to_vec(),
        ["label"] => vec!["deployment".into(), "pod".into()],
        ["delete"] => vec!["pod".into()],
        ["get", kind, ..] | ["describe", kind] | ["delete", kind, ..] | ["label", kind] => names(kind),
        ["rollout", _] | ["set", "image"] | ["scale"] | ["patch"] | ["annotate"] => deployments(),
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
}
