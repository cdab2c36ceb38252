//! The command-line tool, run as a learner runs it.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn rolloutscope(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rolloutscope")).args(args).output().expect("the binary runs")
}

#[test]
fn version_prints_the_crate_version() {
    let out = rolloutscope(&["--version"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("rolloutscope {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn help_describes_the_tool() {
    let out = rolloutscope(&["--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Usage: rolloutscope"), "{text}");
    assert!(text.contains("Kubernetes"), "{text}");
}

#[test]
fn an_unknown_flag_is_a_usage_error_on_stderr() {
    let out = rolloutscope(&["--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--frobnicate"));
    assert!(out.stdout.is_empty());
}
