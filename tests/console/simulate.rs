//! `rolloutscope simulate`: the examples' golden traces, the JSON shape, and bad scenarios.

use std::process::Command;

use serde_json::Value;

fn rolloutscope(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rolloutscope")).args(args).output().expect("the binary runs")
}

fn examples() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

/// Every example's whole trace, as `simulate` prints it. A change in the engine that changes a
/// trace shows here as a diff to review (`cargo insta review`).
#[test]
fn every_example_has_a_golden_trace() {
    let examples = examples();
    assert!(!examples.is_empty());
    for path in examples {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let out = rolloutscope(&["--lang", "en", "simulate", path.to_str().unwrap()]);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let trace = String::from_utf8(out.stdout).unwrap();
        insta::assert_snapshot!(name, trace);
    }
}

#[test]
fn the_same_scenario_gives_the_same_trace_twice() {
    let path = examples()[0].clone();
    let run = || rolloutscope(&["simulate", path.to_str().unwrap(), "--format", "json"]).stdout;
    assert_eq!(run(), run());
}

fn example(name: &str) -> String {
    format!("{}/examples/{name}.yaml", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn json_has_events_and_one_sample_per_second() {
    let out = rolloutscope(&["simulate", &example("rolling-update"), "--format", "json", "--until", "1m"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let samples = v["samples"].as_array().unwrap();
    assert_eq!(samples.len(), 61, "t = 0 to 60");
    assert_eq!(samples[60]["t"], 60);
    let rs = &samples[60]["replicaSets"];
    for key in [
        "name",
        "deployment",
        "revision",
        "image",
        "specReplicas",
        "statusReplicas",
        "readyReplicas",
        "availableReplicas",
        "terminating",
    ] {
        assert!(rs[0].get(key).is_some(), "replicaSets[0].{key} missing: {rs}");
    }
    assert_eq!(samples[60]["deployments"][0]["conditions"][0]["type"], "Available");
    assert!(samples[60]["requests"]["byImage"].is_object());
    let first = &v["events"][0];
    assert_eq!(
        (first["t"].as_f64(), &first["type"], &first["object"]),
        (Some(0.0), &"Intent".into(), &"kubectl".into())
    );
    // During the rollout the bounds of 4 replicas at 25%/25% hold: at most 5 pods wanted, at least 3 available.
    for s in samples {
        let sum =
            |key: &str| s["replicaSets"].as_array().unwrap().iter().map(|r| r[key].as_i64().unwrap()).sum::<i64>();
        assert!(sum("specReplicas") <= 5, "{s}");
        if s["t"].as_u64().unwrap() >= 10 {
            assert!(sum("availableReplicas") >= 3, "{s}");
        }
    }
}

#[test]
fn a_bad_scenario_exits_2_naming_the_line_and_field() {
    let dir = std::env::temp_dir().join(format!("rolloutscope-simulate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(example("rolling-update")).unwrap().replace("at: 30s", "at: half a minute");
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, text).unwrap();
    let out = rolloutscope(&["simulate", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.yaml: line 30 column 9: timeline[0].at: invalid duration \"half a minute\""),
        "{stderr}"
    );
    let out = rolloutscope(&["simulate", &example("rolling-update"), "--until", "forever"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `render` draws the cluster at the moment asked for: one line per ReplicaSet with the engine's
/// counts, a square per pod, and the charts up to then.
#[test]
fn render_draws_the_cluster_at_a_moment_and_the_charts_up_to_it() {
    let out = rolloutscope(&["render", &example("recreate"), "--at", "31s", "--svg", "-"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    assert!(svg.contains(">t=31.0s</text>"));
    // The same moment, from simulate's samples.
    let json = rolloutscope(&["simulate", &example("recreate"), "--format", "json", "--until", "31s"]);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    let last = v["samples"].as_array().unwrap().last().unwrap().clone();
    for rs in last["replicaSets"].as_array().unwrap() {
        let line = format!(
            "rs/{}  revision {}  {}  desired {} · current {} · ready {} · available {}",
            rs["name"].as_str().unwrap(),
            rs["revision"],
            rs["image"].as_str().unwrap(),
            rs["specReplicas"],
            rs["statusReplicas"],
            rs["readyReplicas"],
            rs["availableReplicas"]
        );
        assert!(svg.contains(&line), "{line} not in the figure");
    }
    assert!(svg.contains(">Pods by ReplicaSet</text>") && svg.contains(">Requests per second by version</text>"));
    let bad = rolloutscope(&["render", &example("recreate"), "--at", "soon", "--svg", "-"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// The console's unit tests read the default settings' run from a kept file
/// (`rolloutscope::kubectl::test_run`), so that they need nothing above the console: it must
/// stay the run the default settings make.
#[test]
fn the_consoles_test_run_is_the_default_settings_run() {
    let run = rolloutscope::setup::Knobs::default().scenario(1);
    let run = serde_json::to_value(&run).unwrap();
    crate::common::kept("tests/fixtures/console-run.json", &(serde_json::to_string_pretty(&run).unwrap() + "\n"));
}
