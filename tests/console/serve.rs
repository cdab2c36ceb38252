//! `rolloutscope serve` judged by real kubectl: the pinned kubectl (as in tests/real_kubectl.rs:
//! `.tools/kubectl-1.37.1`, or `ROLLOUTSCOPE_KUBECTL`) runs against the served run, on a free
//! loopback port, with the kubeconfig serve writes. The clock is frozen (`--speed 0`) and moved
//! by `POST /rolloutscope/advance?seconds=N`, so every answer is that of a known moment.

use crate::common;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rolloutscope::sim::{SimTime, World};

const SCENARIO: &str = "tests/fixtures/serve.yaml";

/// A running `serve`, stopped when dropped.
struct Served {
    child: Child,
    /// When serve started: kubectl counts an event's age on the wall clock from then.
    started: Instant,
    dir: PathBuf,
    address: String,
    kubectl: PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Starts `serve` on the scenario at 20 s, frozen, and waits (with a deadline) for its kubeconfig.
fn serve(test: &str) -> Served {
    serve_at(test, SCENARIO, "20s")
}

/// Starts `serve` on `scenario` at `at`, frozen.
fn serve_at(test: &str, scenario: &str, at: &str) -> Served {
    let kubectl = common::pinned_kubectl();
    let dir = std::env::temp_dir().join(format!("rolloutscope-serve-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("kubeconfig");
    let child = Command::new(env!("CARGO_BIN_EXE_rolloutscope"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["serve", scenario, "--port", "0", "--speed", "0", "--at", at, "--kubeconfig"])
        .arg(&config)
        .arg("--record")
        .arg(dir.join("record.yaml"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("rolloutscope serve starts");
    let mut served = Served { child, started: Instant::now(), dir, address: String::new(), kubectl };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(text) = std::fs::read_to_string(&config) {
            let server = text.lines().find_map(|l| l.trim().strip_prefix("server: http://")).unwrap();
            assert!(server.starts_with("127.0.0.1:"), "serve listens on loopback only: {server}");
            served.address = server.to_string();
            return served;
        }
        assert!(served.child.try_wait().unwrap().is_none(), "serve exited before it listened");
        assert!(Instant::now() < deadline, "serve did not write its kubeconfig within 30 s");
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Served {
    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.kubectl);
        c.args(args)
            .arg("--request-timeout=20s")
            .env("KUBECONFIG", self.dir.join("kubeconfig"))
            .env_remove("KUBERC")
            .env("HOME", &self.dir);
        c
    }

    /// What kubectl prints (stdout then stderr), and whether it succeeded.
    fn kubectl(&self, args: &[&str]) -> (String, bool) {
        let out = self.command(args).output().expect("kubectl runs");
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (text.trim_end().to_string(), out.status.success())
    }

    fn ok(&self, args: &[&str]) -> String {
        let (text, ok) = self.kubectl(args);
        assert!(ok, "kubectl {args:?} failed:\n{text}");
        text
    }

    /// Starts kubectl with `args` (a watch) and reads its lines as they come, on a thread of their
    /// own: the process, and its lines.
    fn watch(&self, args: &[&str]) -> (Child, std::sync::mpsc::Receiver<String>) {
        use std::io::BufRead;
        let mut child = self.command(args).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        (child, rx)
    }

    /// Moves the run's clock `seconds` on (the test-only endpoint).
    fn advance(&self, seconds: u64) {
        let mut s = TcpStream::connect(&self.address).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(
            s,
            "POST /rolloutscope/advance?seconds={seconds} HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut answer = String::new();
        s.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
}

/// The run as the console sees it at `t`, with `lines` typed at 20 s.
fn console_world(t: u64, lines: &[&str]) -> World {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SCENARIO)).unwrap();
    let scenario = rolloutscope::k8s::scenario_file::read(&text, SCENARIO).unwrap();
    let mut w = scenario.world();
    w.run_until(SimTime::from_secs(20));
    for line in lines {
        for intent in rolloutscope::kubectl::parse(line).unwrap() {
            w.apply(intent).unwrap();
        }
    }
    w.run_until(SimTime::from_secs(t));
    w
}

fn console(w: &World, line: &str) -> String {
    rolloutscope::kubectl::read_line(w, line).expect("a read").unwrap_or_else(|e| e)
}

#[test]
fn get_prints_what_the_console_prints() {
    let s = serve("get");
    let w = console_world(20, &[]);
    for line in
        ["get deploy,rs,pods", "get deployments", "get rs -o wide", "get pods -o wide", "get pods -l app=http-go"]
    {
        let words: Vec<&str> = line.split(' ').collect();
        assert_eq!(s.ok(&words), console(&w, line), "kubectl {line}");
    }
    assert_eq!(s.ok(&["get", "pods", "-l", "app=nothing"]), "No resources found in default namespace.");
}

#[test]
fn a_missing_object_is_the_apiservers_not_found() {
    let s = serve("notfound");
    let (text, ok) = s.kubectl(&["get", "deploy", "nothing"]);
    assert!(!ok);
    assert_eq!(text, "Error from server (NotFound): deployments.apps \"nothing\" not found");
    let (text, _) = s.kubectl(&["get", "pod", "nothing"]);
    assert_eq!(text, "Error from server (NotFound): pods \"nothing\" not found");
}

/// The Gateway API kinds and ResourceQuotas as kubectl finds them: discovery (the CRDs' names,
/// short names and category, `quota`), the category and short names read back as the console
/// reads them, and the apiserver's NotFound.
#[test]
fn gateway_api_kinds_and_quotas_are_discovered() {
    let s = serve_at("gateway-discovery", "examples/canary-gateway.yaml", "30s");
    let w = console_at("examples/canary-gateway.yaml", 30);
    assert_eq!(
        s.ok(&["api-resources", "--api-group=gateway.networking.k8s.io"]),
        "\
NAME             SHORTNAMES   APIVERSION                     NAMESPACED   KIND
gatewayclasses   gc           gateway.networking.k8s.io/v1   false        GatewayClass
gateways         gtw          gateway.networking.k8s.io/v1   true         Gateway
httproutes                    gateway.networking.k8s.io/v1   true         HTTPRoute"
    );
    let resources = s.ok(&["api-resources"]);
    let quota = resources.lines().find(|l| l.starts_with("resourcequotas ")).map(|l| l.split_whitespace().collect());
    assert_eq!(quota, Some(vec!["resourcequotas", "quota", "v1", "true", "ResourceQuota"]), "{resources}");
    // The category lists its kinds in discovery's order.
    assert_eq!(s.ok(&["get", "gateway-api"]), console(&w, "get gatewayclass,gateway,httproute").trim_end());
    for (theirs, ours) in
        [("gc", "gatewayclass"), ("gtw", "gateway"), ("httproutes.gateway.networking.k8s.io", "httproute")]
    {
        assert_eq!(s.ok(&["get", theirs]), console(&w, &format!("get {ours}")).trim_end(), "kubectl get {theirs}");
    }
    let (text, ok) = s.kubectl(&["get", "httproute", "nothing"]);
    assert!(!ok);
    assert_eq!(text, console(&w, "get httproute nothing"));
    assert_eq!(text, "Error from server (NotFound): httproutes.gateway.networking.k8s.io \"nothing\" not found");
    let (text, _) = s.kubectl(&["describe", "quota", "nothing"]);
    assert_eq!(text, console(&w, "describe quota nothing"));
    assert_eq!(s.ok(&["get", "quota"]), console(&w, "get quota"));
}

/// `kubectl get quota -w`: the quota's row, then, when the timeline deletes it (at 150 s), its
/// row again, as a watch of a Table prints a deleted object.
#[test]
fn a_quota_is_watched_until_it_is_deleted() {
    let s = serve_at("quota-watch", "examples/resource-quota.yaml", "140s");
    let (mut watch, rx) = s.watch(&["get", "quota", "-w"]);
    let next = || rx.recv_timeout(Duration::from_secs(30)).expect("a line of the watch within 30 s");
    assert_eq!(next(), "NAME   REQUEST     LIMIT   AGE");
    assert_eq!(next(), "pods   pods: 4/4           2m20s");
    // The deleted quota's row is made from the object as last served (at 140 s: one step of 20 s
    // reaches the deletion), whether the watch began before the step or caught up after it.
    s.advance(20);
    assert_eq!(next(), "pods   pods: 4/4           2m20s");
    let _ = watch.kill();
    let _ = watch.wait();
    assert_eq!(s.ok(&["get", "quota"]), "No resources found in default namespace.");
}

#[test]
fn scale_set_image_rollout_status_and_undo() {
    let s = serve("writes");
    assert_eq!(s.ok(&["scale", "deployment/http-go", "--replicas=5"]), "deployment.apps/http-go scaled");
    assert!(s.ok(&["get", "deploy"]).contains("http-go   4/5"));
    assert_eq!(
        s.ok(&["set", "image", "deployment/http-go", "http-go=gasbugs/http-go:v2"]),
        "deployment.apps/http-go image updated"
    );
    // rollout status watches the Deployment while the clock moves on, a second at a time.
    let mut status = s.command(&["rollout", "status", "deployment/http-go", "--timeout=60s"]);
    let mut status = status.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while status.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "rollout status did not finish");
        s.advance(1);
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = status.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(text.lines().last(), Some("deployment \"http-go\" successfully rolled out"), "{text}");

    s.advance(60);
    assert_eq!(s.ok(&["rollout", "undo", "deployment/http-go"]), "deployment.apps/http-go rolled back");
    s.advance(60);
    let images = s.ok(&["get", "deploy", "http-go", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]);
    assert_eq!(images, "gasbugs/http-go:v1");

    // What was done is a scenario that `simulate` replays.
    let record = std::fs::read_to_string(s.dir.join("record.yaml")).unwrap();
    for line in [
        "scale deployment/http-go --replicas=5",
        "set image deployment/http-go http-go=gasbugs/http-go:v2",
        "rollout undo deployment/http-go --to-revision=1",
    ] {
        assert!(record.contains(line), "{line} is not in the record:\n{record}");
    }
    let replay = Command::new(env!("CARGO_BIN_EXE_rolloutscope"))
        .args(["simulate"])
        .arg(s.dir.join("record.yaml"))
        .output()
        .unwrap();
    assert!(replay.status.success(), "{}", String::from_utf8_lossy(&replay.stderr));
    assert!(String::from_utf8_lossy(&replay.stdout).contains("gasbugs/http-go:v2"));
}

/// The replies kubectl prints from what the apiserver answers, the same from the console: a
/// patch the apiserver refuses (kubectl builds "The Deployment ... is invalid" from the Status's
/// causes), a patch that changes nothing, and `set image` to the image already set (no request,
/// nothing printed). The refused patch changes nothing, on either side.
#[test]
fn refusals_and_replies_that_change_nothing_are_kubectls() {
    let s = serve("replies");
    let mut w = console_world(20, &[]);
    for line in [
        r#"patch deploy http-go -p {"spec":{"replicas":4,"minReadySeconds":900}}"#,
        r#"patch deploy http-go -p {"spec":{"strategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":0}}}}"#,
        r#"patch deploy http-go -p {"spec":{"replicas":3}}"#,
        r#"patch deploy http-go -p {"spec":{"replicas":3}}"#,
        "set image deployment/http-go http-go=gasbugs/http-go:v1",
        "rollout undo deployment/http-go --to-revision=7",
        "rollout undo deployment/http-go",
        "rollout pause deployment/http-go",
        "rollout pause deployment/http-go",
        "rollout undo deployment/http-go",
        "rollout resume deployment/http-go",
        "rollout resume deployment/http-go",
        "scale deployment/nope --replicas=2",
    ] {
        let words: Vec<&str> = line.split(' ').collect();
        let (theirs, _) = s.kubectl(&words);
        let theirs = warning_first(&theirs);
        let quoted = line.replacen(" -p ", " -p '", 1) + if line.contains(" -p ") { "'" } else { "" };
        let mut ours = Ok(String::new());
        for intent in rolloutscope::kubectl::parse(&quoted).unwrap() {
            ours = w.apply(intent);
        }
        assert_eq!(theirs, ours.unwrap_or_else(|e| e), "kubectl {line}");
    }
    let replicas = s.ok(&["get", "deploy", "http-go", "-o", "jsonpath={.spec.replicas}"]);
    assert_eq!((replicas.as_str(), w.deployments["http-go"].spec.replicas), ("3", 3));
}

#[test]
fn pause_resume_restart_annotate_and_delete_a_pod() {
    let s = serve("rollout");
    assert_eq!(s.ok(&["rollout", "pause", "deployment/http-go"]), "deployment.apps/http-go paused");
    assert_eq!(s.ok(&["rollout", "resume", "deployment/http-go"]), "deployment.apps/http-go resumed");
    assert_eq!(s.ok(&["rollout", "restart", "deployment/http-go"]), "deployment.apps/http-go restarted");
    assert_eq!(
        s.ok(&["annotate", "deployment/http-go", "kubernetes.io/change-cause=restarted by hand"]),
        "deployment.apps/http-go annotated"
    );
    let pod = s.ok(&["get", "pods", "-o", "name"]).lines().next().unwrap().to_string();
    let name = pod.trim_start_matches("pod/");
    assert_eq!(s.ok(&["delete", &pod, "--wait=false"]), format!("pod \"{name}\" deleted from default namespace"));
    assert!(s.ok(&["get", "pod", name]).contains("Terminating"));
}

/// The run of `scenario` as the console sees it at `t` seconds.
fn console_at(scenario: &str, t: u64) -> World {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(scenario)).unwrap();
    let mut w = rolloutscope::k8s::scenario_file::read(&text, scenario).unwrap().world();
    w.run_until(SimTime::from_secs(t));
    w
}

/// Unix seconds of an RFC 3339 time in UTC (`2026-12-07T11:44:27Z`).
fn unix_secs(t: &str) -> i64 {
    let n = |r: std::ops::Range<usize>| t[r].parse::<i64>().unwrap();
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    let (yy, mm) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + (153 * mm + 2) / 5 + d - 1 - 719_468;
    days * 86_400 + n(11..13) * 3600 + n(14..16) * 60 + n(17..19)
}

/// An event's Age cell as seconds: `45s` (seen once: last and first the same, count 1) or
/// `19s (x4 over 92s)`: (last, first, count).
fn event_ages(cell: &str) -> Option<(u64, u64, u64)> {
    match cell.split_once(" (x") {
        None => duration_secs(cell).map(|s| (s, s, 1)),
        Some((last, rest)) => {
            let (count, first) = rest.strip_suffix(')')?.split_once(" over ")?;
            Some((duration_secs(last)?, duration_secs(first)?, count.parse().ok()?))
        }
    }
}

/// Seconds of a `duration.HumanDuration` (`45s`, `3m10s`, `2h5m`, `3d`).
fn duration_secs(text: &str) -> Option<u64> {
    let (mut total, mut number) = (0, String::new());
    for c in text.chars() {
        match c {
            '0'..='9' => number.push(c),
            's' | 'm' | 'h' | 'd' => {
                let unit = match c {
                    's' => 1,
                    'm' => 60,
                    'h' => 3600,
                    _ => 86_400,
                };
                total += number.parse::<u64>().ok()? * unit;
                number.clear();
            }
            _ => return None,
        }
    }
    number.is_empty().then_some(total)
}

/// The lines of a generic `describe`, with the `Metadata:` block's values aligned again as Go's
/// tab writer aligns them (a run of lines with a value: its labels' width and two spaces), once
/// the resourceVersion and uid lines are taken out of it; other lines as they are.
fn realign_metadata(lines: &[&str]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let in_metadata = out.last().is_some_and(|l| l == "Metadata:") || {
            let start = out.iter().rposition(|l| !l.starts_with(' '));
            start.is_some_and(|s| out[s] == "Metadata:") && lines[i].starts_with(' ')
        };
        let valued =
            |l: &str| l.split_once(":  ").map(|(label, value)| (label.to_string(), value.trim_start().to_string()));
        if !in_metadata || valued(lines[i]).is_none() {
            out.push(lines[i].to_string());
            i += 1;
            continue;
        }
        let run: Vec<(String, String)> =
            lines[i..].iter().map_while(|l| valued(l).filter(|_| l.starts_with(' '))).collect();
        let width = run.iter().map(|(label, _)| label.chars().count() + 1).max().unwrap_or(0) + 2;
        for (label, value) in &run {
            out.push(format!("{:<width$}{value}", format!("{label}:")));
        }
        i += run.len();
    }
    out.join("\n")
}

/// kubectl's answer made comparable with the console's: its calendar dates (serve's run starts
/// at the moment serve started) written on the console's calendar (the run starts at the Unix
/// epoch), and the ages of its events, which kubectl counts on the wall clock while the run is
/// frozen (up to `drift` seconds more than the run's), checked to be so and replaced by the
/// console's.
fn comparable(theirs: &str, ours: &str, epoch: i64, end: u64, drift: u64) -> Result<String, String> {
    use rolloutscope::manifest::served::rfc1123z;
    // What only a real apiserver keeps: the resourceVersion and uid a custom resource's `-o yaml`
    // and generic `describe` print (the console's objects carry neither).
    let kept: Vec<&str> = theirs
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            // A List's own `resourceVersion: ""` (kubectl's, for several kinds) is the console's too.
            l == "resourceVersion: \"\""
                || !["resourceVersion: ", "uid: ", "Resource Version:  ", "UID:  "].iter().any(|p| l.starts_with(p))
        })
        .collect();
    let mut text = realign_metadata(&kept);
    for x in (0..=end as i64 + 2).rev() {
        let rfc3339 = |s: i64| SimTime::from_secs(s as u64).rfc3339();
        let calendar = |s: i64| rfc1123z(Some(&rfc3339(s)));
        text = text.replace(&calendar(epoch + x), &calendar(x)).replace(&rfc3339(epoch + x), &rfc3339(x));
    }
    let (Some((head, their_events)), Some((_, our_events))) =
        (text.split_once("\nEvents:"), ours.split_once("\nEvents:"))
    else {
        return Ok(text);
    };
    let rows = |t: &str| -> Vec<Vec<String>> {
        t.lines()
            .skip(1)
            .map(|l| l.trim().split("  ").filter(|c| !c.is_empty()).map(|c| c.trim().to_string()).collect())
            .collect()
    };
    let (theirs_rows, ours_rows) = (rows(their_events), rows(our_events));
    if theirs_rows.len() != ours_rows.len() {
        return Ok(text);
    }
    for (t, o) in theirs_rows.iter().zip(&ours_rows).skip(2) {
        if t.len() == 5 && o.len() == 5 && t[2] != o[2] {
            // An Event seen again reads `LAST (xN over FIRST)`: the same count, both ages within
            // the drift.
            let (their_ages, our_ages) = (event_ages(&t[2]), event_ages(&o[2]));
            let within = their_ages.zip(our_ages).is_some_and(|((a, a_first, n), (b, b_first, m))| {
                n == m && [(a, b), (a_first, b_first)].iter().all(|&(a, b)| a >= b && a - b <= drift)
            });
            if !within {
                return Err(format!("event age {} (kubectl) against {} (console)", t[2], o[2]));
            }
            if [0, 1, 3, 4].iter().any(|&i| t[i] != o[i]) {
                return Ok(text);
            }
        }
    }
    // Ages agree within the wall clock's drift: the events are the console's.
    Ok(format!("{head}\nEvents:{our_events}"))
}

/// The moments of a scenario's run compared: before its first step (steady), 5 s after it
/// (mid-rollout), 5 s after each undo, and 90 s after its last step (done).
fn moments(scenario: &rolloutscope::sim::run::Scenario) -> Vec<u64> {
    use rolloutscope::sim::Intent;
    let secs = |t: SimTime| t.as_millis() / 1000;
    let first = scenario.timeline.iter().map(|s| secs(s.at)).chain(scenario.plan.as_ref().map(|p| secs(p.start))).min();
    let mut out = match first {
        Some(f) => vec![f.saturating_sub(1).max(1), f + 5],
        None => vec![20],
    };
    for step in &scenario.timeline {
        if step.intents.iter().any(|i| matches!(i, Intent::Undo { .. })) {
            out.push(secs(step.at) + 5);
        }
    }
    out.push(secs(scenario.last_step()) + 90);
    out.sort_unstable();
    out.dedup();
    out
}

/// What the console and real kubectl (against serve) print for the same lines at one moment of a
/// scenario: the differences, or none.
fn compare_at(scenario: &str, t: u64, compared: &std::sync::atomic::AtomicUsize) -> Vec<String> {
    let s = serve_at(&format!("cmp-{}-{t}", scenario.replace(['/', '.'], "-")), scenario, &format!("{t}s"));
    let w = console_at(scenario, t);
    let epoch = unix_secs(&s.ok(&["get", "namespace", "default", "-o", "jsonpath={.metadata.creationTimestamp}"]));
    let mut lines = Vec::new();
    for d in w.deployments.keys() {
        lines.push(format!("describe deployment {d}"));
        lines.push(format!("rollout status deployment/{d} --watch=false"));
        lines.push(format!("rollout history deployment/{d}"));
        for rs in w.replica_sets_of(d) {
            lines.push(format!("rollout history deployment/{d} --revision={}", rs.revision()));
        }
    }
    lines.extend(w.replica_sets.keys().map(|rs| format!("describe rs {rs}")));
    // Three pods at most: the first, one in the middle and the last.
    let pods: Vec<&String> = w.pods.keys().collect();
    let mut picked: Vec<&String> =
        [0, pods.len() / 2, pods.len().saturating_sub(1)].iter().filter_map(|&i| pods.get(i).copied()).collect();
    picked.dedup();
    lines.extend(picked.iter().map(|p| format!("describe pod {p}")));
    lines.extend(gateway_and_quota_lines(&w));
    lines.extend(service_lines(&w));
    let mut differences = Vec::new();
    compared.fetch_add(lines.len(), std::sync::atomic::Ordering::Relaxed);
    for line in &lines {
        let words: Vec<&str> = line.split(' ').collect();
        let (theirs, _) = s.kubectl(&words);
        let theirs = warning_first(&theirs);
        // kubectl's answer is read without the end of its last line (`Served::kubectl`): a table's
        // empty last cell, padded as Go's tab writer pads it, is compared without it too.
        let ours = console(&w, line).trim_end().to_string();
        let drift = s.started.elapsed().as_secs() + 2;
        match comparable(&theirs, &ours, epoch, t, drift) {
            Ok(theirs) if theirs == ours => {}
            Ok(theirs) => differences
                .push(format!("{scenario} at {t}s: kubectl {line}\n--- kubectl\n{theirs}\n--- console\n{ours}")),
            Err(e) => differences.push(format!("{scenario} at {t}s: kubectl {line}: {e}")),
        }
    }
    differences
}

/// The lines on the Services of a moment: each one's `describe` (its `Endpoints:` from the
/// EndpointSlices), the EndpointSlices' and Endpoints' tables and the slices as objects.
fn service_lines(w: &World) -> Vec<String> {
    let mut lines = Vec::new();
    if !w.services.is_empty() {
        lines.extend(["get endpointslices", "get endpoints", "get endpointslices -o yaml"].map(String::from));
    }
    lines.extend(w.services.keys().map(|s| format!("describe service {s}")));
    lines
}

/// kubectl's answer as a terminal shows it, the apiserver's warnings (kubectl's stderr, after
/// its stdout in [`Served::kubectl`]'s text) first, as the console prints them.
fn warning_first(text: &str) -> String {
    let (warnings, rest): (Vec<&str>, Vec<&str>) = text.lines().partition(|l| l.starts_with("Warning: "));
    warnings.into_iter().chain(rest).collect::<Vec<_>>().join("\n")
}

/// The lines on the Gateway API objects and ResourceQuotas of a moment: their tables (the CRDs'
/// printer columns, `printResourceQuota`), each object's `-o yaml` (as the apiserver stores it)
/// and `describe` (kubectl's generic describer for a custom resource, `describeQuota`).
fn gateway_and_quota_lines(w: &World) -> Vec<String> {
    let mut lines = Vec::new();
    let g = &w.gateway;
    if !(g.classes.is_empty() && g.gateways.is_empty() && g.routes.is_empty()) {
        lines.push("get httproute,gateway,gatewayclass".to_string());
        lines.push("get gatewayclass -o wide".to_string());
        lines.push("get httproute,gateway -o yaml".to_string());
    }
    for (kind, names) in [
        ("gatewayclass", g.classes.keys().collect::<Vec<_>>()),
        ("gateway", g.gateways.keys().collect()),
        ("httproute", g.routes.keys().collect()),
    ] {
        for name in names {
            lines.push(format!("get {kind} {name} -o yaml"));
            lines.push(format!("describe {kind} {name}"));
        }
    }
    if !w.resource_quotas.is_empty() {
        lines.push("get quota".to_string());
        lines.push("get quota -o yaml".to_string());
        lines.push("describe quota".to_string());
        for q in w.resource_quotas.keys() {
            lines.push(format!("describe quota {q}"));
            lines.push(format!("get quota {q} -o yaml"));
        }
    }
    lines
}

/// `describe deployment|rs|pod`, `rollout status` and `rollout history [--revision=N]`: the
/// console prints what real kubectl prints against serve, byte for byte but for the calendar and
/// the wall clock (see `comparable`), for every example at the moments of `moments`. A maintainer
/// compares any scenario with `ROLLOUTSCOPE_COMPARE=FILE cargo test --test serve kubectl_prints`.
#[test]
fn kubectl_prints_what_the_console_prints() {
    let scenarios: Vec<String> = match std::env::var("ROLLOUTSCOPE_COMPARE") {
        Ok(file) => vec![file],
        Err(_) => {
            let mut all: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .map(|p| format!("examples/{}", p.file_name().unwrap().to_string_lossy()))
                .collect();
            all.sort();
            all
        }
    };
    let mut runs = Vec::new();
    for scenario in &scenarios {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(scenario)).unwrap();
        let read = rolloutscope::k8s::scenario_file::read(&text, scenario).unwrap();
        runs.extend(moments(&read).into_iter().map(|t| (scenario.clone(), t)));
    }
    let compared = runs.len();
    let lines_compared = std::sync::atomic::AtomicUsize::new(0);
    let differences: Vec<String> = std::thread::scope(|scope| {
        let chunks: Vec<Vec<(String, u64)>> =
            (0..3).map(|i| runs.iter().skip(i).step_by(3).cloned().collect()).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let lines_compared = &lines_compared;
                scope.spawn(move || {
                    chunk.iter().flat_map(|(s, t)| compare_at(s, *t, lines_compared)).collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    println!("compared {} lines at {compared} moments", lines_compared.load(std::sync::atomic::Ordering::Relaxed));
    assert!(
        differences.is_empty(),
        "{} differences over {compared} moments:\n\n{}",
        differences.len(),
        differences.join("\n\n")
    );
}

/// EndpointSlices and Endpoints through serve, at moments of the prestop example's rolling
/// update (a preStop sleep of 5 s): before it, and while old pods terminate with their
/// readiness kept (their endpoints serving and terminating, left out of `describe service`'s
/// ready endpoints and of v1 Endpoints). kubectl prints what the console prints; the slices'
/// objects are the console's, but for the uids and the calendar.
#[test]
fn endpointslices_endpoints_and_describe_service_through_serve() {
    const PRESTOP: &str = "examples/prestop.yaml";
    let s = serve_at("endpoints", PRESTOP, "25s");
    // Discovery: the group and its resource, and v1 Endpoints with its short name.
    let resources = s.ok(&["api-resources", "--api-group=discovery.k8s.io", "--no-headers"]);
    assert!(resources.starts_with("endpointslices") && resources.contains("discovery.k8s.io/v1"), "{resources}");
    assert!(s
        .ok(&["api-resources", "--no-headers"])
        .lines()
        .any(|l| l.split_whitespace().take(2).eq(["endpoints", "ep"])));
    let mut saw_terminating = false;
    let mut at = 25;
    for t in [25, 31, 33, 37] {
        s.advance(t - at);
        at = t;
        // The run's time zero on serve's calendar (an advance moves it back).
        let epoch = unix_secs(&s.ok(&["get", "namespace", "default", "-o", "jsonpath={.metadata.creationTimestamp}"]));
        let w = console_at(PRESTOP, t);
        saw_terminating |= w.services["http-go"].slice.iter().any(|e| e.serving && e.terminating);
        for line in [
            "get endpointslices",
            "get endpointslices -l kubernetes.io/service-name=http-go",
            "get endpoints",
            "get ep http-go",
            "describe service http-go",
            "describe svc/http-go",
            "get endpointslices -o yaml",
            "get endpoints http-go -o json",
            "get svc -o wide",
        ] {
            let words: Vec<&str> = line.split(' ').collect();
            let (theirs, ok) = s.kubectl(&words);
            assert!(ok, "kubectl {line}: {theirs}");
            let ours = console(&w, line);
            let theirs = comparable(&warning_first(&theirs), &ours, epoch, t, 0).unwrap();
            if line.ends_with("-o json") {
                // Equal objects, but for what only the apiserver keeps (uids, resourceVersions).
                assert_eq!(json_object(&theirs), json_object(&ours), "kubectl {line} at {t}s");
                assert!(theirs.starts_with(ENDPOINTS_WARNING) && ours.starts_with(ENDPOINTS_WARNING));
            } else {
                assert_eq!(theirs, ours, "kubectl {line} at {t}s");
            }
        }
    }
    assert!(saw_terminating, "no endpoint was serving and terminating at the moments compared");
    let (text, ok) = s.kubectl(&["get", "endpointslice", "nothing"]);
    assert!(!ok);
    assert_eq!(text, "Error from server (NotFound): endpointslices.discovery.k8s.io \"nothing\" not found");
}

const ENDPOINTS_WARNING: &str = "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice";

/// The JSON object of an answer (after its warnings), without what only the apiserver keeps:
/// every `uid` and `resourceVersion`.
fn json_object(text: &str) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("uid");
                m.remove("resourceVersion");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let json: String = text.lines().filter(|l| !l.starts_with("Warning: ")).collect::<Vec<_>>().join("\n");
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    strip(&mut v);
    v
}

/// `kubectl get endpointslices -w`: the watch sees an old pod's endpoint turn serving and
/// terminating during the prestop example's rolling update (its readiness kept while its
/// preStop hook sleeps), in the same slice.
#[test]
fn a_watch_of_endpointslices_sees_an_endpoint_turn_terminating() {
    let s = serve_at("endpointslice-watch", "examples/prestop.yaml", "25s");
    let columns = "custom-columns=NAME:.metadata.name,SERVING:.endpoints[*].conditions.serving,\
                   TERMINATING:.endpoints[*].conditions.terminating";
    let (mut watch, rx) = s.watch(&["get", "endpointslices", "-w", "-o", columns]);
    let next = |secs| rx.recv_timeout(Duration::from_secs(secs)).ok();
    let slice = rolloutscope::manifest::endpoints::slice_name("http-go");
    assert!(next(30).unwrap().starts_with("NAME"));
    let first = next(30).unwrap();
    let cells: Vec<&str> = first.split_whitespace().collect();
    assert_eq!(cells, [slice.as_str(), "true,true,true,true", "false,false,false,false"], "{first}");
    let mut seen = Vec::new();
    for _ in 0..12 {
        s.advance(2);
        while let Some(line) = next(2) {
            seen.push(line);
        }
        let terminating = seen.iter().any(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            let serving: Vec<&str> = cells[1].split(',').collect();
            let terminating: Vec<&str> = cells[2].split(',').collect();
            cells[0] == slice && serving.iter().zip(&terminating).any(|(s, t)| *s == "true" && *t == "true")
        });
        if terminating {
            let _ = watch.kill();
            let _ = watch.wait();
            return;
        }
    }
    let _ = watch.kill();
    let _ = watch.wait();
    panic!("no endpoint turned serving and terminating by 49 s:\n{}", seen.join("\n"));
}

/// Events are served as objects that change: an event seen again is its first Event with a
/// higher `count` (client-go's recorder), so `kubectl get events -w` sees it MODIFIED. (`describe
/// pod` prints such an Event as `AGE (xN over AGE)`, in the console as through serve: the
/// comparison of every example checks it.)
#[test]
fn events_are_counted_and_watched() {
    let s = serve_at("events-watch", "examples/image-pull-error.yaml", "25s");
    let template = r#"jsonpath={.reason} {.count} {.message}{"\n"}"#;
    let (mut watch, rx) = s.watch(&["get", "events", "--watch-only", "-o", template]);
    // The watch has begun once the run moves on: wait for the first change it reports.
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !seen.iter().any(|l: &String| l.starts_with("BackOff ") && !l.starts_with("BackOff 1 ")) {
        assert!(Instant::now() < deadline, "no BackOff counted twice within 60 s; the watch saw:\n{}", seen.join("\n"));
        s.advance(10);
        while let Ok(line) = rx.recv_timeout(Duration::from_millis(500)) {
            seen.push(line);
        }
    }
    let _ = watch.kill();
    let _ = watch.wait();
    assert!(
        seen.iter().any(|l| l == "Failed 1 Error: ErrImagePull" || l.starts_with("Failed 2 Error: ErrImagePull")),
        "{}",
        seen.join("\n")
    );
    assert!(
        seen.iter().any(|l| l.starts_with("BackOff 2 Back-off pulling image \"gasbugs/http-go:v2-typo\"")),
        "{}",
        seen.join("\n")
    );
    // The same Events through the newer API: `regarding`, `note` and the legacy count.
    let groups = s.ok(&["api-resources", "--api-group=events.k8s.io", "--no-headers"]);
    assert_eq!(groups.split_whitespace().collect::<Vec<_>>(), ["events", "ev", "events.k8s.io/v1", "true", "Event"]);
    let v1: serde_json::Value = serde_json::from_str(&s.ok(&["get", "events.events.k8s.io", "-o", "json"])).unwrap();
    let core: serde_json::Value = serde_json::from_str(&s.ok(&["get", "events", "-o", "json"])).unwrap();
    let (v1, core) = (v1["items"].as_array().unwrap(), core["items"].as_array().unwrap());
    assert_eq!(v1.len(), core.len());
    for (n, o) in v1.iter().zip(core) {
        assert_eq!(n["metadata"]["name"], o["metadata"]["name"]);
        assert_eq!(
            (&n["note"], &n["regarding"], &n["deprecatedCount"]),
            (&o["message"], &o["involvedObject"], &o["count"])
        );
    }
}

// Writes of whole objects and of the Gateway API kinds (issue 30): kubectl's reply lines against
// serve are the console's for the same file or line, the objects after the write are the
// console's, and `--record` replays to the same run.

const PANEL: &str = rolloutscope::kubectl::apply::PANEL_FILE;

impl Served {
    /// kubectl run in serve's directory (where the tests write `manifests.yaml`), with `env`.
    fn kubectl_in_dir(&self, args: &[&str], env: &[(&str, &Path)]) -> (String, bool) {
        let mut c = self.command(args);
        c.current_dir(&self.dir);
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.output().expect("kubectl runs");
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (text.trim_end().to_string(), out.status.success())
    }

    /// `kubectl apply|create -f manifests.yaml` of `text`.
    fn file(&self, verb: &str, text: &str) -> String {
        std::fs::write(self.dir.join(PANEL), text).unwrap();
        self.kubectl_in_dir(&[verb, "-f", PANEL], &[]).0
    }

    fn jsonpath(&self, what: &str, path: &str) -> String {
        self.ok(&["get", what, "-o", &format!("jsonpath={path}")])
    }
}

/// The console's `apply|create -f manifests.yaml` of `text`, as the page answers it (each object
/// applied in turn; one refused does not stop the others).
fn console_file(w: &mut World, verb: &str, text: &str) -> String {
    use rolloutscope::manifest::reader::Read;
    let create = verb == "create";
    match rolloutscope::k8s::apply::read(text, PANEL, create) {
        Err(problem) => problem.message,
        Ok(Read::Manifests(objects)) => objects
            .into_iter()
            .map(|object| match w.apply(rolloutscope::sim::Intent::Manifest { object, create }) {
                Ok(line) => line,
                Err(e) => rolloutscope::kubectl::apply::in_file(&e, PANEL, create),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Ok(Read::State(_)) => panic!("not a cluster's state"),
    }
}

/// Serve's Deployments, read with kubectl, are the console's: replicas, image, generation,
/// labels, minReadySeconds and strategy.
fn assert_deployments_match(s: &Served, w: &World) {
    let names = s.ok(&["get", "deploy", "-o", "name"]);
    let ours: Vec<String> = w.deployments.keys().map(|n| format!("deployment.apps/{n}")).collect();
    assert_eq!(names.lines().collect::<Vec<_>>(), ours);
    for (name, d) in &w.deployments {
        let theirs = s.jsonpath(
            &format!("deploy/{name}"),
            "{.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.generation} {.spec.minReadySeconds} {.spec.strategy.rollingUpdate.maxSurge} {.metadata.labels}",
        );
        let surge = match &d.spec.strategy {
            rolloutscope::sim::objects::Strategy::RollingUpdate { max_surge: Some(s), .. } => s.to_string(),
            _ => String::new(),
        };
        let ready = if d.spec.min_ready_seconds == 0 { String::new() } else { d.spec.min_ready_seconds.to_string() };
        let labels = serde_json::to_string(&d.metadata.labels).unwrap();
        let ours = format!(
            "{} {} {} {ready} {surge} {labels}",
            d.spec.replicas, d.spec.template.containers[0].image, d.metadata.generation
        );
        assert_eq!(theirs, ours, "deployment {name}");
    }
}

/// `--record` replayed: the run of the record at `t` is `w`, the console's run at `t`.
fn assert_record_replays(s: &Served, scenario: &str, w: &World) {
    let path = s.dir.join("record.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let replayed = rolloutscope::k8s::scenario_file::read(&text, &path.display().to_string())
        .unwrap_or_else(|e| panic!("the record of {scenario} is not read: {e}\n{text}"));
    let mut r = replayed.world();
    r.run_until(w.time());
    assert_eq!(format!("{:?}", r.deployments), format!("{:?}", w.deployments), "the record:\n{text}");
    assert_eq!(r.pods.keys().collect::<Vec<_>>(), w.pods.keys().collect::<Vec<_>>(), "the record:\n{text}");
    assert_eq!(format!("{:?}", r.services), format!("{:?}", w.services));
    assert_eq!(format!("{:?}", r.gateway.routes), format!("{:?}", w.gateway.routes));
    assert_eq!(format!("{:?}", r.gateway.gateways), format!("{:?}", w.gateway.gateways));
    assert_eq!(format!("{:?}", r.gateway.classes), format!("{:?}", w.gateway.classes));
    assert_eq!(format!("{:?}", r.resource_quotas), format!("{:?}", w.resource_quotas));
    // And `simulate` takes it.
    let replay = Command::new(env!("CARGO_BIN_EXE_rolloutscope")).arg("simulate").arg(&path).output().unwrap();
    assert!(replay.status.success(), "{}", String::from_utf8_lossy(&replay.stderr));
}

/// kubectl's warning when it applies an object that no `kubectl apply` made.
const MISSING: &str = "Warning: resource deployments/http-go is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.";

const WEB: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 80
";

/// `kubectl create -f` and `kubectl apply -f` (POST of a new object, the apply's patch of one it
/// applied before, or of the scenario's own), and the apiserver's AlreadyExists: the reply lines
/// are the console's for the same file, and so are the objects.
#[test]
fn create_and_apply_a_file_as_the_console_does() {
    let s = serve("create-apply");
    let mut w = console_world(20, &[]);
    let scenario = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SCENARIO)).unwrap();
    let scenario: serde_json::Value = serde_yaml_ng::from_str(&scenario).unwrap();
    let http_go = serde_json::to_string(&scenario["manifests"][0]).unwrap();
    let api = WEB.split("---").next().unwrap().replace("web", "api");
    let v2 = http_go.replace("gasbugs/http-go:v1", "gasbugs/http-go:v2");
    let api_svc = WEB.split("---\n").nth(1).unwrap().replace("web", "api");
    let steps: Vec<(&str, String, &str)> = vec![
        ("create", WEB.to_string(), "deployment.apps/web created\nservice/web created"),
        ("create", WEB.to_string(), "Error from server (AlreadyExists): error when creating \"manifests.yaml\": deployments.apps \"web\" already exists\nError from server (AlreadyExists): error when creating \"manifests.yaml\": services \"web\" already exists"),
        ("apply", api.clone(), "deployment.apps/api created"),
        ("apply", api.clone(), "deployment.apps/api unchanged"),
        ("apply", api.replace("nginx:1.27", "nginx:1.28").replace("replicas: 2", "replicas: 3"), "deployment.apps/api configured"),
        ("apply", api.replace("nginx:1.27", "nginx:1.28").replace("replicas: 2", "replicas: 3"), "deployment.apps/api unchanged"),
        ("apply", api_svc.clone(), "service/api created"),
        ("apply", api_svc.clone(), "service/api unchanged"),
        ("apply", api_svc.replace("targetPort: 80", "targetPort: 8080"), "service/api configured"),
        // Refusals: the apiserver's Invalid, with its causes (kubectl words them again).
        ("apply", api.replace("replicas: 2", "replicas: -1"), "The Deployment \"api\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        ("create", api.replace("name: api", "name: bad").replace("replicas: 2", "replicas: -1"), "The Deployment \"bad\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        ("create", api.replace("name: api", "name: typo").replace("replicas: 2", "replica: 2"), "Error from server (BadRequest): error when creating \"manifests.yaml\": Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\""),
        // The scenario's Deployment, which no `kubectl apply` made: kubectl warns on stderr that
        // it has no last-applied configuration (the console does not), and writes one.
        ("apply", v2.clone(), MISSING),
        ("apply", v2.clone(), "deployment.apps/http-go unchanged"),
        ("apply", v2.replace("\"replicas\":4", "\"replicas\":6"), "deployment.apps/http-go configured"),
    ];
    for (verb, text, expected) in steps {
        let theirs = s.file(verb, &text);
        let reply = theirs.strip_suffix(&format!("\n{MISSING}")).unwrap_or(&theirs);
        assert_eq!(reply, console_file(&mut w, verb, &text), "kubectl {verb} -f of\n{text}");
        let expected = if expected == MISSING {
            format!("deployment.apps/http-go configured\n{MISSING}")
        } else {
            expected.into()
        };
        assert_eq!(theirs, expected, "kubectl {verb} -f of\n{text}");
        assert_deployments_match(&s, &w);
    }
    let svc = s.jsonpath("svc/web", "{.spec.selector} {.spec.ports[0].port} {.spec.ports[0].targetPort}");
    assert_eq!(svc, r#"{"app":"web"} 80 80"#);
    let svc = s.jsonpath("svc/api", "{.spec.selector} {.spec.ports[0].port} {.spec.ports[0].targetPort}");
    assert_eq!(svc, r#"{"app":"api"} 80 8080"#);
    let ours = &w.services["api"];
    assert_eq!((ours.ports[0].port, ours.ports[0].target_port.as_str()), (80, "8080"));
    // The objects go on as the console's do.
    s.advance(30);
    w.run_until(SimTime::from_secs(50));
    assert_deployments_match(&s, &w);
    let pods: Vec<String> = w.pods.keys().map(|p| format!("pod/{p}")).collect();
    assert_eq!(s.ok(&["get", "pods", "-o", "name"]).lines().collect::<Vec<_>>(), pods);
    assert_record_replays(&s, SCENARIO, &w);
}

/// `kubectl patch httproute` (JSON merge and JSON patch; a strategic merge patch is the
/// apiserver's 415 for a custom resource) and `kubectl delete httproute|quota`: the console's
/// replies, the route after them as the console's (`-o yaml`: its generation counts the patches),
/// and the record replays.
#[test]
fn gateway_api_objects_are_patched_and_deleted_as_the_console_does() {
    let scenario = "examples/canary-gateway.yaml";
    let s = serve_at("gateway-writes", scenario, "10s");
    let mut w = console_at(scenario, 10);
    let epoch = unix_secs(&s.ok(&["get", "namespace", "default", "-o", "jsonpath={.metadata.creationTimestamp}"]));
    let say = |s: &Served, w: &mut World, line: &str| {
        let words: Vec<&str> = line.split(' ').collect();
        let (theirs, _) = s.kubectl(&words);
        let quoted = line.replacen(" -p ", " -p '", 1) + if line.contains(" -p ") { "'" } else { "" };
        let mut ours = Ok(String::new());
        match rolloutscope::kubectl::parse(&quoted) {
            Ok(intents) => {
                for intent in intents {
                    ours = w.apply(intent);
                }
            }
            Err(e) => ours = Err(e),
        }
        assert_eq!(theirs, ours.unwrap_or_else(|e| e), "kubectl {line}");
        theirs
    };
    let merge = r#"patch httproute http-go --type merge -p {"spec":{"rules":[{"backendRefs":[{"name":"http-go","port":80,"weight":70},{"name":"http-go-canary","port":80,"weight":30}]}]}}"#;
    assert_eq!(say(&s, &mut w, merge), "httproute.gateway.networking.k8s.io/http-go patched");
    let json = r#"patch httproute http-go --type json -p [{"op":"replace","path":"/spec/rules/0/backendRefs/0/weight","value":60},{"op":"replace","path":"/spec/rules/0/backendRefs/1/weight","value":40}]"#;
    assert_eq!(say(&s, &mut w, json), "httproute.gateway.networking.k8s.io/http-go patched");
    for line in [
        r#"patch httproute http-go -p {"spec":{"hostnames":["a.example.com"]}}"#,
        r#"patch httproute http-go --type json -p [{"op":"replace","path":"/spec/rules/5/backendRefs/0/weight","value":1}]"#,
        r#"patch httproute nothing --type merge -p {"spec":{}}"#,
    ] {
        say(&s, &mut w, line);
    }
    let yaml = "get httproute http-go -o yaml";
    let words: Vec<&str> = yaml.split(' ').collect();
    let theirs = comparable(&s.ok(&words), "", epoch, 10, 0).unwrap();
    assert_eq!(theirs, console(&w, yaml).trim_end());
    assert!(theirs.contains("  generation: 3\n"), "two patches make the third generation:\n{theirs}");
    assert_eq!(s.jsonpath("httproute/http-go", "{.spec.rules[0].backendRefs[*].weight}"), "60 40");

    // A route of a file: created by apply -f, applied again changed, and created again.
    let extra = "\
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: extra
spec:
  parentRefs:
  - name: http-go
  hostnames: [extra.example.com]
  rules:
  - backendRefs:
    - {name: http-go, port: 80, weight: 1}
";
    let heavier = extra.replace("weight: 1", "weight: 5");
    let class = "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: other\nspec:\n  controllerName: example.com/other\n";
    let gateway = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: other\nspec:\n  gatewayClassName: other\n  listeners:\n  - {name: http, port: 80, protocol: HTTP}\n";
    for (verb, text, expected) in [
        ("create", class, "gatewayclass.gateway.networking.k8s.io/other created"),
        ("apply", gateway, "gateway.gateway.networking.k8s.io/other created"),
        ("apply", extra, "httproute.gateway.networking.k8s.io/extra created"),
        ("apply", heavier.as_str(), "httproute.gateway.networking.k8s.io/extra configured"),
        ("create", heavier.as_str(), "Error from server (AlreadyExists): error when creating \"manifests.yaml\": httproutes.gateway.networking.k8s.io \"extra\" already exists"),
    ] {
        let theirs = s.file(verb, text);
        assert_eq!(theirs, console_file(&mut w, verb, text), "kubectl {verb} -f of\n{text}");
        assert_eq!(theirs, expected, "kubectl {verb} -f of\n{text}");
    }
    assert_eq!(s.jsonpath("httproute/extra", "{.spec.rules[0].backendRefs[0].weight} {.metadata.generation}"), "5 2");
    assert_eq!(s.jsonpath("gateway/other", "{.spec.gatewayClassName}"), "other");
    assert_eq!(s.jsonpath("gatewayclass/other", "{.spec.controllerName}"), "example.com/other");

    assert_eq!(
        say(&s, &mut w, "delete httproute http-go"),
        "httproute.gateway.networking.k8s.io \"http-go\" deleted from default namespace"
    );
    say(&s, &mut w, "delete httproute http-go");
    assert_eq!(s.ok(&["get", "httproute", "-o", "name"]), "httproute.gateway.networking.k8s.io/extra");
    assert_record_replays(&s, scenario, &w);
}

/// `kubectl delete quota`: the console's reply, the quota gone, and the record replays. `kubectl
/// create quota` (a typed client: it sends protobuf, which serve does not read) gets a clear 415.
#[test]
fn a_quota_is_deleted_as_the_console_does() {
    let scenario = "examples/resource-quota.yaml";
    let s = serve_at("quota-delete", scenario, "30s");
    let mut w = console_at(scenario, 30);
    let name = w.resource_quotas.keys().next().unwrap().clone();
    let line = format!("delete quota {name}");
    let (theirs, _) = s.kubectl(&["delete", "quota", &name]);
    let mut ours = Ok(String::new());
    for intent in rolloutscope::kubectl::parse(&line).unwrap() {
        ours = w.apply(intent);
    }
    assert_eq!(theirs, ours.unwrap_or_else(|e| e));
    assert_eq!(s.ok(&["get", "quota"]), "No resources found in default namespace.");
    assert_record_replays(&s, scenario, &w);
    let (theirs, ok) = s.kubectl(&["create", "quota", &name, "--hard=pods=2"]);
    assert!(!ok);
    assert_eq!(
        theirs,
        "error: failed to create quota: the body of the request was in an unknown format - accepted media types include: application/json, application/yaml"
    );
}

/// `kubectl edit httproute`: the JSON merge patch of what the editor changed (kubectl sends one
/// for a custom resource), as the console's `patch --type merge`.
#[test]
fn edit_of_a_route_is_its_merge_patch() {
    let scenario = "examples/canary-gateway.yaml";
    let s = serve_at("route-edit", scenario, "10s");
    let mut w = console_at(scenario, 10);
    let editor = s.dir.join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nsed -i -e 's/weight: 100/weight: 80/' -e 's/weight: 0$/weight: 20/' \"$1\"\n")
        .unwrap();
    let mut perms = std::fs::metadata(&editor).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&editor, perms).unwrap();
    let (theirs, ok) = s.kubectl_in_dir(&["edit", "httproute/http-go"], &[("KUBE_EDITOR", editor.as_path())]);
    assert!(ok, "{theirs}");
    assert_eq!(theirs, "httproute.gateway.networking.k8s.io/http-go edited");
    let line = r#"patch httproute http-go --type json -p '[{"op":"replace","path":"/spec/rules/0/backendRefs/0/weight","value":80},{"op":"replace","path":"/spec/rules/0/backendRefs/1/weight","value":20}]'"#;
    for intent in rolloutscope::kubectl::parse(line).unwrap() {
        w.apply(intent).unwrap();
    }
    assert_eq!(
        s.jsonpath("httproute/http-go", "{.spec.rules[0].backendRefs[*].weight} {.metadata.generation}"),
        "80 20 2"
    );
    assert_record_replays(&s, scenario, &w);
}

/// `kubectl replace -f` (a PUT of the whole object): the object sent replaces the one there, as
/// the console's `apply -f` of the same object; a PUT of an older resourceVersion is the
/// apiserver's Conflict, in its words.
#[test]
fn replace_puts_the_object_and_a_stale_one_conflicts() {
    let s = serve("replace");
    let mut w = console_world(20, &[]);
    let served = s.ok(&["get", "deploy", "http-go", "-o", "json"]);
    let changed =
        served.replace("gasbugs/http-go:v1", "gasbugs/http-go:v2").replace("\"replicas\": 4,", "\"replicas\": 5,");
    std::fs::write(s.dir.join(PANEL), &changed).unwrap();
    let (theirs, ok) = s.kubectl_in_dir(&["replace", "-f", PANEL], &[]);
    assert!(ok, "{theirs}");
    assert_eq!(theirs, "deployment.apps/http-go replaced");
    let patch = r#"patch deploy http-go -p '{"spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"http-go","image":"gasbugs/http-go:v2"}]}}}}'"#;
    for intent in rolloutscope::kubectl::parse(patch).unwrap() {
        w.apply(intent).unwrap();
    }
    assert_deployments_match(&s, &w);
    // The file still names the resourceVersion it was read at: the object has moved on since.
    let (theirs, ok) = s.kubectl_in_dir(&["replace", "-f", PANEL], &[]);
    assert!(!ok);
    assert_eq!(
        theirs,
        "Error from server (Conflict): error when replacing \"manifests.yaml\": Operation cannot be fulfilled on deployments.apps \"http-go\": the object has been modified; please apply your changes to the latest version and try again"
    );
    assert_deployments_match(&s, &w);
    s.advance(30);
    w.run_until(SimTime::from_secs(50));
    assert_deployments_match(&s, &w);
    let pods: Vec<String> = w.pods.keys().map(|p| format!("pod/{p}")).collect();
    assert_eq!(s.ok(&["get", "pods", "-o", "name"]).lines().collect::<Vec<_>>(), pods);
    assert_record_replays(&s, SCENARIO, &w);
}

/// `kubectl edit` with an editor that changes the file (`KUBE_EDITOR`): the image and the
/// replicas in one edit (one change, one generation), then a label, minReadySeconds and the
/// strategy's maxSurge; kubectl says `edited`, and the Deployment is the console's after the
/// same changes as `patch` and `label` lines.
#[test]
fn edit_changes_what_the_editor_changed() {
    let s = serve("edit");
    let mut w = console_world(20, &[]);
    let edit = |script: &str| {
        let editor = s.dir.join("editor.sh");
        std::fs::write(&editor, format!("#!/bin/sh\nset -e\n{script} \"$1\"\n")).unwrap();
        let mut perms = std::fs::metadata(&editor).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&editor, perms).unwrap();
        // kubectl keeps a copy of a refused edit in TMPDIR.
        s.kubectl_in_dir(&["edit", "deployment/http-go"], &[("KUBE_EDITOR", editor.as_path()), ("TMPDIR", &s.dir)])
    };
    let console_lines = |w: &mut World, lines: &[&str]| {
        for line in lines {
            for intent in rolloutscope::kubectl::parse(line).unwrap() {
                w.apply(intent).unwrap();
            }
        }
    };
    let (theirs, ok) = edit(
        r"sed -i -e 's|gasbugs/http-go:v1|gasbugs/http-go:v2|' -e '/^spec:/,/^status:/s/^  replicas: 4$/  replicas: 6/'",
    );
    assert!(ok, "{theirs}");
    assert_eq!(theirs, "deployment.apps/http-go edited");
    console_lines(
        &mut w,
        &[
            r#"patch deploy http-go -p '{"spec":{"replicas":6,"template":{"spec":{"containers":[{"name":"http-go","image":"gasbugs/http-go:v2"}]}}}}'"#,
        ],
    );
    assert_deployments_match(&s, &w);

    let (theirs, ok) = edit(
        r"sed -i -e '0,/^  labels:$/s//  labels:\n    tier: web/' -e 's/^spec:$/spec:\n  minReadySeconds: 5/' -e 's/maxSurge: 25%/maxSurge: 2/'",
    );
    assert!(ok, "{theirs}");
    assert_eq!(theirs, "deployment.apps/http-go edited");
    console_lines(
        &mut w,
        &[
            "label deployment http-go tier=web",
            r#"patch deploy http-go -p '{"spec":{"minReadySeconds":5,"strategy":{"rollingUpdate":{"maxSurge":2}}}}'"#,
        ],
    );
    assert_deployments_match(&s, &w);
    // An edit the apiserver refuses in part is refused whole: the label does not stay.
    let (theirs, ok) = edit(
        r"sed -i -e '0,/^  labels:$/s//  labels:\n    refused: \x22yes\x22/' -e '/^spec:/,/^status:/s/^  replicas: 6$/  replicas: -1/'",
    );
    assert!(!ok, "{theirs}");
    assert!(theirs.starts_with("error: deployments.apps \"http-go\" is invalid\n"), "{theirs}");
    assert_deployments_match(&s, &w);
    s.advance(30);
    w.run_until(SimTime::from_secs(50));
    assert_deployments_match(&s, &w);
    assert_record_replays(&s, SCENARIO, &w);
}

/// `kubectl set image` and `kubectl scale` change the spec: each is a new `metadata.generation`,
/// the console's.
#[test]
fn a_change_of_the_spec_is_a_new_generation() {
    let s = serve("generation");
    let mut w = console_world(20, &[]);
    for line in ["set image deployment/http-go http-go=gasbugs/http-go:v2", "scale deployment/http-go --replicas=5"] {
        let words: Vec<&str> = line.split(' ').collect();
        s.ok(&words);
        for intent in rolloutscope::kubectl::parse(line).unwrap() {
            w.apply(intent).unwrap();
        }
        assert_deployments_match(&s, &w);
    }
    assert_eq!(s.jsonpath("deploy/http-go", "{.metadata.generation}"), "3");
    // Discovery says which kinds take which writes.
    assert_eq!(
        s.ok(&["api-resources", "--verbs=create", "-o", "name"]),
        "resourcequotas\nservices\ndeployments.apps\ngatewayclasses.gateway.networking.k8s.io\ngateways.gateway.networking.k8s.io\nhttproutes.gateway.networking.k8s.io"
    );
    assert_eq!(s.ok(&["api-resources", "--verbs=delete", "-o", "name"]), "pods\nresourcequotas\ngatewayclasses.gateway.networking.k8s.io\ngateways.gateway.networking.k8s.io\nhttproutes.gateway.networking.k8s.io");
}
