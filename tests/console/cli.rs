//! The command-line tool, run as a learner runs it.

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

// ---- `rolloutscope sync`: one controller sync over `kubectl get deploy,rs,pods -o json` output.

use serde_json::{json, Value};
use std::io::Write;
use std::process::Stdio;

const NOW: &str = "2026-11-22T08:00:15Z";

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `rolloutscope ARGS` with `stdin` piped in.
fn with_stdin(args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rolloutscope"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// `sync FIXTURE --now NOW`: the List it printed and what it said on stderr.
fn sync(name: &str) -> (Value, String) {
    let out = rolloutscope(&["--lang", "en", "sync", &fixture(name), "--now", NOW]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "sync {name} failed: {stderr}");
    (serde_json::from_slice(&out.stdout).expect("stdout is JSON"), stderr)
}

fn named<'a>(list: &'a Value, kind: &str, name_prefix: &str) -> Vec<&'a Value> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == kind && i["metadata"]["name"].as_str().unwrap().starts_with(name_prefix))
        .collect()
}

fn condition<'a>(deployment: &'a Value, kind: &str) -> &'a Value {
    deployment["status"]["conditions"].as_array().unwrap().iter().find(|c| c["type"] == kind).unwrap()
}

#[test]
fn sync_after_set_image_creates_the_new_replica_set_at_the_surge_limit() {
    // rolloutRolling → getNewReplicaSet: revision 2; NewRSNewReplicas: 25% of 3 surges 1 (rounded
    // up), so 3 + 1 = 4 pods may exist and the new ReplicaSet starts at 1.
    let (list, stderr) = sync("kubectl/set-image.json");
    let rss = named(&list, "ReplicaSet", "http-go-");
    assert_eq!(rss.len(), 2, "{list:#}");
    let (old, new) = (rss[0], rss[1]);
    assert_eq!(old["spec"]["replicas"], 3, "the old ReplicaSet waits for the new one");
    assert_eq!(new["spec"]["replicas"], 1);
    let a = &new["metadata"]["annotations"];
    assert_eq!(
        (&a["deployment.kubernetes.io/revision"], &a["deployment.kubernetes.io/desired-replicas"]),
        (&Value::from("2"), &Value::from("3"))
    );
    assert_eq!(a["deployment.kubernetes.io/max-replicas"], "4");
    assert_eq!(a["kubernetes.io/change-cause"], "kubectl set image deployment/http-go http-go=gasbugs/http-go:v2");
    let hash = new["metadata"]["labels"]["pod-template-hash"].as_str().unwrap();
    assert_eq!(new["metadata"]["name"], format!("http-go-{hash}"));
    assert_eq!(new["spec"]["selector"]["matchLabels"]["pod-template-hash"], hash);
    assert_eq!(new["spec"]["template"]["spec"]["containers"][0]["image"], "gasbugs/http-go:v2");
    assert_eq!(new["metadata"]["ownerReferences"][0]["uid"], "0f6c5a8e-3d0b-4a8e-9a57-2f1f3b0c9d11");
    assert_eq!(new["metadata"]["creationTimestamp"], NOW);

    let d = named(&list, "Deployment", "http-go")[0];
    assert_eq!(d["metadata"]["annotations"]["deployment.kubernetes.io/revision"], "2");
    assert_eq!(d["status"]["observedGeneration"], 2);
    // calculateStatus: 4 pods wanted (3 + 1), 3 available.
    assert_eq!((&d["status"]["replicas"], &d["status"]["unavailableReplicas"]), (&Value::from(3), &Value::from(1)));
    let progressing = condition(d, "Progressing");
    assert_eq!(progressing["reason"], "NewReplicaSetCreated");
    assert_eq!(progressing["message"], format!("Created new replica set \"http-go-{hash}\""));
    assert_eq!(progressing["lastUpdateTime"], NOW);
    assert_eq!(condition(d, "Available")["reason"], "MinimumReplicasAvailable");

    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "deployment/http-go ScalingReplicaSet: Scaled up replica set http-go-{hash} from 0 to 1  (why: "
        )),
        "{stderr}"
    );
    assert!(stderr.contains("maxSurge 1 allows 4 pods in total"), "{stderr}");
}

#[test]
fn sync_mid_rollout_scales_the_old_replica_set_down_by_what_is_available() {
    // reconcileOldReplicaSets: 4 available, minAvailable 3 (25% of 3 rounds down to 0 unavailable).
    let (list, stderr) = sync("kubectl/mid-rollout.json");
    let old = named(&list, "ReplicaSet", "http-go-5b8c4d7f9")[0];
    assert_eq!(old["spec"]["replicas"], 2);
    assert_eq!(old["metadata"]["generation"], 2, "the apiserver raises the generation of a changed spec");
    assert_eq!(named(&list, "ReplicaSet", "http-go-7d4f8b6c5")[0]["spec"]["replicas"], 1);
    assert!(stderr.contains("Scaled down replica set http-go-5b8c4d7f9 from 3 to 2"), "{stderr}");
}

#[test]
fn sync_recreate_scales_old_pods_away_before_creating_anything() {
    let (list, stderr) = sync("kubectl/recreate.json");
    let rss = named(&list, "ReplicaSet", "http-go-");
    assert_eq!(rss.len(), 1, "no new ReplicaSet while old pods run: {list:#}");
    assert_eq!(rss[0]["spec"]["replicas"], 0);
    assert!(stderr.contains("Scaled down replica set http-go-5b8c4d7f9 from 3 to 0"), "{stderr}");
}

#[test]
fn sync_keeps_what_it_did_not_write_and_is_deterministic() {
    let input: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("kubectl/set-image.json")).unwrap()).unwrap();
    let (list, _) = sync("kubectl/set-image.json");
    let pods = |l: &Value| named(l, "Pod", "").into_iter().cloned().collect::<Vec<_>>();
    assert_eq!(pods(&list), pods(&input));
    assert_eq!(named(&list, "ReplicaSet", "http-go-5b8c4d7f9")[0], named(&input, "ReplicaSet", "http-go-5b8c4d7f9")[0]);
    assert_eq!(sync("kubectl/set-image.json").0, list);
}

/// `sync` of a fixture whose Deployment has its progress deadline disabled: apps/v1 defaults
/// `progressDeadlineSeconds` to 600, so a user disables it with `math.MaxInt32` (the value the old
/// extensions/v1beta1 API defaulted to, "the same meaning as unset"); `edit` changes the input first.
fn sync_without_deadline(name: &str, edit: impl FnOnce(&mut Value)) -> (Value, String) {
    let mut list: Value = serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap();
    let d = list["items"].as_array_mut().unwrap().iter_mut().find(|i| i["kind"] == "Deployment").unwrap();
    d["spec"]["progressDeadlineSeconds"] = i32::MAX.into();
    edit(d);
    let out = with_stdin(&["--lang", "en", "sync", "--now", NOW], &list.to_string());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "sync failed: {stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

fn condition_types(d: &Value) -> Vec<&str> {
    d["status"]["conditions"].as_array().into_iter().flatten().filter_map(|c| c["type"].as_str()).collect()
}

/// progress_test.go, TestSyncRolloutStatus, "General: remove Progressing condition and do not
/// estimate progress if deployment has no Progress Deadline" (`HasProgressDeadline` is false for
/// nil and for `math.MaxInt32`).
#[test]
fn sync_without_a_progress_deadline_removes_the_progressing_condition() {
    let (list, _) = sync_without_deadline("kubectl/mid-rollout.json", |_| {});
    let d = named(&list, "Deployment", "http-go")[0];
    assert_eq!(condition_types(d), ["Available"], "{d:#}");
    // The rollout itself goes on as with a deadline.
    assert_eq!(named(&list, "ReplicaSet", "http-go-5b8c4d7f9")[0]["spec"]["replicas"], 2);
}

/// sync.go, getNewReplicaSet: "Created new replica set" is written into Progressing only
/// `if !alreadyExists && deploymentutil.HasProgressDeadline(d)`.
#[test]
fn sync_without_a_progress_deadline_creates_the_new_replica_set_without_a_condition() {
    let (list, stderr) = sync_without_deadline("kubectl/set-image.json", |_| {});
    assert_eq!(named(&list, "ReplicaSet", "http-go-").len(), 2, "{list:#}");
    let d = named(&list, "Deployment", "http-go")[0];
    assert_eq!(condition_types(d), ["Available"], "{d:#}");
    assert!(stderr.contains("Scaled up replica set"), "{stderr}");
}

/// progress.go, DeploymentTimedOut: `if !HasProgressDeadline(deployment) { return false }`. A
/// rollout whose last progress was an hour ago neither times out nor keeps a condition.
#[test]
fn sync_without_a_progress_deadline_never_times_out() {
    let (list, stderr) = sync_without_deadline("kubectl/mid-rollout.json", |d| {
        for c in d["status"]["conditions"].as_array_mut().unwrap() {
            c["lastUpdateTime"] = "2026-11-22T07:00:00Z".into();
        }
    });
    let d = named(&list, "Deployment", "http-go")[0];
    assert_eq!(condition_types(d), ["Available"], "{d:#}");
    assert!(!stderr.contains("ProgressDeadlineExceeded"), "{stderr}");
    // The same input with the default deadline of 600 seconds does time out: the test can fail.
    let (list, _) = sync_without_deadline("kubectl/mid-rollout.json", |d| {
        d["spec"]["progressDeadlineSeconds"] = 600.into();
        for c in d["status"]["conditions"].as_array_mut().unwrap() {
            c["lastUpdateTime"] = "2026-11-22T07:00:00Z".into();
        }
    });
    let d = named(&list, "Deployment", "http-go")[0];
    assert_eq!(condition(d, "Progressing")["reason"], "ProgressDeadlineExceeded", "{d:#}");
}

#[test]
fn sync_reads_yaml_on_stdin() {
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("kubectl/mid-rollout.json")).unwrap()).unwrap();
    let yaml = serde_yaml_ng::to_string(&json).unwrap();
    let out = with_stdin(&["sync", "-", "--now", NOW], &yaml);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(named(&list, "ReplicaSet", "http-go-5b8c4d7f9")[0]["spec"]["replicas"], 2);
}

#[test]
fn sync_refuses_input_the_apiserver_would_not_hold_and_names_the_field() {
    let mut list: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("kubectl/set-image.json")).unwrap()).unwrap();
    list["items"][1]["spec"]["replicas"] = "three".into();
    let out = with_stdin(&["sync", "--now", NOW], &list.to_string());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: items[1].spec.replicas: invalid type: string \"three\""), "{stderr}");
    assert!(out.stdout.is_empty());

    list["items"][1]["spec"]["replicas"] = 3.into();
    list["items"][0]["spec"]["strategy"]["rollingUpdate"] = serde_json::json!({"maxSurge": 0, "maxUnavailable": 0});
    let out = with_stdin(&["sync", "--now", NOW], &list.to_string());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "error: The Deployment \"http-go\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
    );

    let out = with_stdin(&["sync"], r#"{"apiVersion": "v1", "kind": "List", "items": []}"#);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no apps/v1 Deployment to sync"));

    let out = rolloutscope(&["sync", &fixture("kubectl/set-image.json"), "--now", "yesterday"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not an RFC 3339 time"));
}

// ---- `rolloutscope validate`: the apiserver's checks and words.

fn validate(name: &str) -> (Option<i32>, String, String) {
    let out = rolloutscope(&["--lang", "en", "validate", &fixture(name)]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn validate_accepts_a_valid_manifest() {
    let (code, stdout, stderr) = validate("manifests/http-go.yaml");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("deployment.apps/http-go is valid"), "{stdout}");
    assert!(stdout.contains("Service skipped"), "{stdout}");
}

#[test]
fn validate_refuses_max_surge_and_max_unavailable_both_zero() {
    let (code, stdout, stderr) = validate("manifests/zero-zero.yaml");
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty());
    assert_eq!(
        stderr.trim(),
        "The Deployment \"http-go\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
    );
}

#[test]
fn validate_reports_what_learners_get_wrong_in_kubectl_words() {
    let (code, _, stderr) = validate("manifests/typo.yaml");
    assert_eq!(code, Some(1));
    assert!(stderr.contains("strict decoding error: unknown field \"spec.replica\""), "{stderr}");
    let (code, _, stderr) = validate("manifests/old-api.yaml");
    assert_eq!(code, Some(1));
    assert!(stderr.contains("no matches for kind \"Deployment\" in version \"extensions/v1beta1\""), "{stderr}");
    let (code, _, stderr) = validate("manifests/no-selector.yaml");
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr.trim(),
        "The Deployment \"http-go\" is invalid: \n* spec.selector: Required value\n\
         * spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"http-go\"}: `selector` does not match template `labels`"
    );
}

#[test]
fn validate_names_the_line_of_a_yaml_error_and_the_missing_file() {
    let dir = std::env::temp_dir().join(format!("rolloutscope-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "kind: Deployment\nspec:\n  replicas: 3\n   selector: x\n").unwrap();
    let out = rolloutscope(&["validate", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("yaml: line 4"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = rolloutscope(&["validate", dir.join("missing.yaml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be read"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn validate_speaks_korean_when_asked() {
    let out = rolloutscope(&["--lang", "ko", "validate", &fixture("manifests/http-go.yaml")]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("유효합니다"), "{stdout}");
}

#[test]
fn sync_adopts_an_orphan_replica_set_that_matches_the_selector() {
    // getReplicaSetsForDeployment → ClaimReplicaSets: the orphan becomes the Deployment's.
    let mut list: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("kubectl/set-image.json")).unwrap()).unwrap();
    list["items"][1]["metadata"].as_object_mut().unwrap().remove("ownerReferences");
    let out = with_stdin(&["sync", "--now", NOW], &list.to_string());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let synced: Value = serde_json::from_slice(&out.stdout).unwrap();
    let adopted = named(&synced, "ReplicaSet", "http-go-5b8c4d7f9")[0];
    assert_eq!(adopted["metadata"]["ownerReferences"][0]["name"], "http-go");
    assert_eq!(adopted["metadata"]["ownerReferences"][0]["controller"], true);
    assert_eq!(named(&synced, "ReplicaSet", "http-go-").len(), 2, "revision 1 was found, so the new one is revision 2");
}

#[test]
fn export_kubectl_writes_a_script_for_a_real_cluster() {
    for example in ["examples/rolling-update.yaml", "examples/canary-abort.yaml", "examples/canary-gateway.yaml"] {
        let out = rolloutscope(&["export", example, "--kubectl"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let name = example.trim_start_matches("examples/").trim_end_matches(".yaml");
        insta::assert_snapshot!(format!("export-{name}"), String::from_utf8(out.stdout).unwrap());
    }
}

#[test]
fn every_example_exports_as_a_script_bash_can_read() {
    let dir = std::env::temp_dir().join(format!("rolloutscope-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let script = dir.join("run.sh");
        let out = rolloutscope(&["export", path.to_str().unwrap(), "--kubectl", "--out", script.to_str().unwrap()]);
        assert!(out.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
        // `bash -n` reads the whole script without running it.
        let check = Command::new("bash").arg("-n").arg(&script).output().expect("bash runs");
        assert!(check.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&check.stderr));
        let text = std::fs::read_to_string(&script).unwrap();
        assert!(text.contains("kubectl apply -f - <<'MANIFESTS'"), "{}", path.display());
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn export_refuses_a_bad_scenario_and_a_missing_format() {
    let out = rolloutscope(&["export", "examples/rolling-update.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--kubectl"));
    let bad = std::env::temp_dir().join(format!("rolloutscope-bad-{}.yaml", std::process::id()));
    std::fs::write(&bad, "manifests: []\ntimeline:\n  - at: 10s\n    kubectl: rolling-update http-go\n").unwrap();
    let out = rolloutscope(&["export", bad.to_str().unwrap(), "--kubectl"]);
    std::fs::remove_file(&bad).ok();
    assert_eq!(out.status.code(), Some(2), "as simulate and render exit for a scenario they cannot read");
    assert!(out.stdout.is_empty(), "no half a script");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("timeline[0].kubectl"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sync_refuses_what_the_apiserver_would_never_have_stored() {
    let list: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("kubectl/set-image.json")).unwrap()).unwrap();
    let index = |kind: &str| list["items"].as_array().unwrap().iter().position(|i| i["kind"] == kind).unwrap();
    // A negative count (ValidateDeploymentStatus), and a ReplicaSet with more available than ready.
    let mut bad = list.clone();
    bad["items"][index("Deployment")]["status"]["replicas"] = json!(-2147483648i64);
    let out = with_stdin(&["sync", "--now", NOW, "-"], &bad.to_string());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("status.replicas: Invalid value: -2147483648: must be greater than or equal to 0"),
        "{stderr}"
    );
    let mut bad = list.clone();
    let rs = index("ReplicaSet");
    bad["items"][rs]["status"]["readyReplicas"] = json!(0);
    bad["items"][rs]["status"]["availableReplicas"] = json!(1);
    let out = with_stdin(&["sync", "--now", NOW, "-"], &bad.to_string());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("status.availableReplicas: Invalid value: 1: cannot be greater than readyReplicas"),
        "{stderr}"
    );
    // The same Deployment twice.
    let mut twice = list.clone();
    let d = twice["items"][index("Deployment")].clone();
    twice["items"].as_array_mut().unwrap().push(d);
    let out = with_stdin(&["sync", "--now", NOW, "-"], &twice.to_string());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("twice"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn runs_are_bounded_by_time_and_work_with_the_limit_named() {
    // A year, and a typo of a hundred thousand hours: the same reason, the limit named.
    for until in ["8760h", "100000h"] {
        let out = rolloutscope(&["simulate", "examples/rolling-update.yaml", "--until", until]);
        assert_eq!(out.status.code(), Some(2), "{until}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("is longer than the simulator runs: at most 24h"), "{until}: {stderr}");
    }
    let out = rolloutscope(&["render", "examples/rolling-update.yaml", "--at", "8760h", "--svg", "-"]);
    assert_eq!(out.status.code(), Some(2));
    // A day of four replicas runs; 10,000 replicas for two hours is past the work the simulator takes on.
    let big = std::env::temp_dir().join(format!("rolloutscope-big-{}.yaml", std::process::id()));
    std::fs::write(
        &big,
        std::fs::read_to_string("examples/rolling-update.yaml").unwrap().replace("replicas: 4", "replicas: 10000"),
    )
    .unwrap();
    let out = rolloutscope(&["simulate", big.to_str().unwrap(), "--until", "2h"]);
    std::fs::remove_file(&big).ok();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("pod-seconds of work, more than the 40000000 the simulator takes on"), "{stderr}");
}

/// A scenario's timeline may delete an HTTPRoute: the trace has kubectl's words, the plan's next
/// patch of it is refused with the apiserver's NotFound, and the requests then get 404.
#[test]
fn simulate_a_deleted_httproute() {
    let dir = std::env::temp_dir().join(format!("rolloutscope-delete-route-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("deleted.yaml");
    let example =
        std::fs::read_to_string(format!("{}/examples/canary-gateway.yaml", env!("CARGO_MANIFEST_DIR"))).unwrap();
    std::fs::write(&path, format!("{example}timeline:\n  - at: 30s\n    kubectl: delete httproute http-go\n")).unwrap();
    let out = rolloutscope(&["--lang", "en", "simulate", path.to_str().unwrap(), "--until", "90s", "--format", "json"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let run: Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<&str> = run["events"].as_array().unwrap().iter().filter_map(|e| e["message"].as_str()).collect();
    assert!(
        messages.contains(&"httproute.gateway.networking.k8s.io \"http-go\" deleted from default namespace"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"Error from server (NotFound): httproutes.gateway.networking.k8s.io \"http-go\" not found"),
        "the plan's patch at 80 s: {messages:?}"
    );
    let samples = run["samples"].as_array().unwrap();
    let at = |t: u64| &samples.iter().find(|s| s["t"] == json!(t)).unwrap()["requests"];
    // Served until the data plane drops the route (31 s); from then on every request fails.
    assert!(at(30)["succeeded"].as_u64() > at(20)["succeeded"].as_u64(), "{}", at(30));
    assert_eq!(at(90)["succeeded"], at(32)["succeeded"], "{}", at(90));
    assert_eq!(at(90)["failed"].as_u64().unwrap() - at(32)["failed"].as_u64().unwrap(), 58 * 50);
}
