//! Real kubectl is the judge of the console's words. kubectl answers some lines by itself,
//! without asking the apiserver (its usage, an unknown command, a missing flag or resource, a
//! bad flag value): for those the console must print what kubectl prints, byte for byte. This
//! runs the pinned kubectl (`.ci/setup` installs it into `.tools/`; `ROLLOUTSCOPE_KUBECTL` names
//! another) with a kubeconfig whose server is a closed port on loopback, so that a line that
//! does reach for the apiserver shows it, and compares.

use crate::common;

use common::KUBECTL_VERSION as VERSION;

use std::path::PathBuf;
use std::process::Command;

use rolloutscope::kubectl;
use rolloutscope::session::{Engine, Step};
use rolloutscope::setup::Knobs;
use rolloutscope::sim::SimTime;

/// A kubeconfig for a cluster at 127.0.0.1:9, where nothing listens.
fn kubeconfig() -> PathBuf {
    let path = std::env::temp_dir().join(format!("rolloutscope-kubeconfig-{}", std::process::id()));
    std::fs::write(
        &path,
        "apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: \"http://127.0.0.1:9\"}\n  name: closed\n\
         contexts:\n- context: {cluster: closed, user: none, namespace: default}\n  name: closed\n\
         current-context: closed\nusers:\n- name: none\n  user: {}\n",
    )
    .unwrap();
    path
}

/// What kubectl prints for `words` (stdout then stderr), and whether it reached for the server.
fn real(binary: &PathBuf, config: &PathBuf, words: &[String]) -> (String, bool) {
    let out = Command::new(binary)
        .args(words)
        .env("KUBECONFIG", config)
        .env_remove("KUBERC")
        .env("HOME", std::env::temp_dir())
        .output()
        .expect("kubectl runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let asked_the_server = text.contains("127.0.0.1:9");
    (text.trim_end().to_string(), asked_the_server)
}

/// What the console answers to `line`, as the page's console does for a line that is not a
/// watch, a job or a curl: a read, else a change.
fn console(line: &str) -> String {
    let knobs = Knobs::default();
    let mut engine = Engine::new(&knobs, 1);
    engine.run_to(SimTime::from_secs(20));
    let answer = match kubectl::read_line(engine.world(), line) {
        Some(answer) => answer,
        None => engine.perform(&knobs, Step::Kubectl(line.to_string())),
    };
    match answer {
        Ok(text) | Err(text) => text.trim_end().to_string(),
    }
}

/// Lines kubectl answers by itself (`kubectl` left out, as the console takes either).
const CLIENT_SIDE: &[&str] = &[
    "",
    "--help",
    "-h",
    "get",
    "frobnicate",
    "rolout status deployment/http-go",
    "ge",
    "Rollout",
    "scle deployment/http-go --replicas=3",
    "descrbe pod",
    "\"x\u{202e}y\"",
    "scale deployment/http-go",
    "scale --replicas=abc deployment/http-go",
    "scale --replicas=-1 deployment/http-go",
    "annotate deployment http-go",
    "label pod http-go-1",
    "rollout undo",
    "rollout status",
    "rollout pause",
    "rollout frob deployment/http-go",
    "rollout",
    "rollout --help",
    "rollout history",
    "rollout restart",
    "rollout undo --to-revision=x deployment/http-go",
    "set",
    "set foo deployment/http-go",
    "set image",
    "scale --replicas=3",
    "describe",
    "annotate",
    "label",
    "delete httproute/",
    "delete httproute/http-go http-go",
    "delete httproute http-go/x",
    "delete gateway/",
];

#[test]
fn the_console_says_what_kubectl_says_by_itself() {
    let binary = common::pinned_kubectl();
    let config = kubeconfig();
    let mut differ = Vec::new();
    for line in CLIENT_SIDE {
        let words = shell_words::split(line).unwrap();
        let (theirs, asked) = real(&binary, &config, &words);
        assert!(!asked, "kubectl {line} asks the apiserver, so it is no client-side answer:\n{theirs}");
        let ours = console(line);
        if ours != theirs {
            differ.push(format!("kubectl {line}\n--- kubectl {VERSION}:\n{theirs}\n--- the console:\n{ours}\n"));
        }
    }
    std::fs::remove_file(&config).ok();
    assert!(differ.is_empty(), "{} of {} lines differ:\n\n{}", differ.len(), CLIENT_SIDE.len(), differ.join("\n"));
}

/// `kubectl rolling-update`: kubectl's words, then the console's note on why it is gone.
#[test]
fn rolling_update_is_kubectls_answer_and_a_note() {
    let binary = common::pinned_kubectl();
    let config = kubeconfig();
    let (theirs, _) = real(&binary, &config, &["rolling-update".into(), "http-go".into()]);
    std::fs::remove_file(&config).ok();
    assert_eq!(console("kubectl rolling-update http-go"), format!("{theirs}{}", kubectl::ROLLING_UPDATE_NOTE));
}
