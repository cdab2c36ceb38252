//! `rolloutscope serve` judged by real kubectl: the pinned kubectl (as in tests/real_kubectl.rs:
//! `.tools/kubectl-1.37.1`, or `ROLLOUTSCOPE_KUBECTL`) runs against the served run, on a free
//! loopback port, with the kubeconfig serve writes. The clock is frozen (`--speed 0`) and moved
//! by `POST /rolloutscope/advance?seconds=N`, so every answer is that of a known moment.
#![cfg(not(target_arch = "wasm32"))]

mod common;
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
    let kubectl = common::pinned_kubectl();
    let dir = std::env::temp_dir().join(format!("rolloutscope-serve-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("kubeconfig");
    let child = Command::new(env!("CARGO_BIN_EXE_rolloutscope"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["serve", SCENARIO, "--port", "0", "--speed", "0", "--at", "20s", "--kubeconfig"])
        .arg(&config)
        .arg("--record")
        .arg(dir.join("record.yaml"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("rolloutscope serve starts");
    let mut served = Served { child, dir, address: String::new(), kubectl };
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
    for line in ["get deploy,rs,pods", "get deployments", "get rs -o wide", "get pods -l app=http-go"] {
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

/// Lines real kubectl's `describe deployment` writes that the console's leaves out (the
/// console is wrong there: kubectl is the judge); the rest is compared word for word.
const KUBECTL_ONLY: &[&str] =
    &["Port:", "Host Port:", "Environment:", "Mounts:", "Volumes:", "Node-Selectors:", "Tolerations:"];

/// A line's words, with what differs for want of a calendar made alike: an event's age (kubectl
/// counts it on the wall clock, which moves on while the run is frozen) and the probe's
/// thresholds as kubectl 1.37 names them (the console writes `#success=1 #failure=3`), and a
/// rule of dashes as a rule (kubectl's Age column is ruled `----`, the console's `---`).
fn words(line: &str) -> String {
    line.split_whitespace()
        .map(|w| {
            if w.chars().all(|c| c == '-') {
                "-".to_string()
            } else if w.len() <= 4 && w.ends_with('s') && w[..w.len() - 1].chars().all(|c| c.is_ascii_digit()) {
                "AGE".to_string()
            } else {
                w.replace("successThreshold=", "#success=").replace("failureThreshold=", "#failure=")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `kubectl describe deployment` against serve and the console's `describe` at the same moment:
/// the same lines, but for the calendar and the differences listed above.
#[test]
fn describe_is_the_consoles_but_for_the_calendar() {
    let s = serve("describe");
    let w = console_world(20, &[]);
    let theirs = s.ok(&["describe", "deployment", "http-go"]);
    let ours = console(&w, "describe deployment http-go");
    let theirs: Vec<&str> =
        theirs.lines().filter(|l| !KUBECTL_ONLY.iter().any(|k| l.trim_start().starts_with(k))).collect();
    let ours: Vec<&str> = ours.lines().collect();
    assert_eq!(theirs.len(), ours.len(), "kubectl:\n{}\n\nconsole:\n{}", theirs.join("\n"), ours.join("\n"));
    for (t, o) in theirs.iter().zip(&ours) {
        if t.starts_with("CreationTimestamp:") {
            // kubectl: `Mon, 07 Dec 2026 09:37:02 +0000`; the console: `0.0s into the run (20s ago)`.
            assert!(o.ends_with("into the run (20s ago)"), "{o}");
            continue;
        }
        assert_eq!(words(t), words(o), "kubectl:  {t}\nconsole:  {o}");
    }
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
