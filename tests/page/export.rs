//! The page's run as a scenario file and as a script for a real cluster: what the page downloads
//! is read by `rolloutscope simulate`'s reader and runs the same rollout.

use proptest::prelude::*;
use rolloutscope::k8s::scenario_file as scenario;
use rolloutscope::session::{Engine, Step};
use rolloutscope::setup::{Act, Knobs, NewVersion, StrategyKind};
use rolloutscope::sim::sample::Sample;
use rolloutscope::sim::{SimTime, World};
use rolloutscope::{real_cluster, run_file, yaml};
use serde_json::Value;

/// The cluster's sample at one moment, without the ReplicaSets' names (the file's templates carry
/// the apiserver's defaults, so its pod-template-hashes, and the names made from them, differ).
fn seen(w: &World) -> Sample {
    let mut sample = Sample::of(w);
    for rs in &mut sample.replica_sets {
        rs.name.clear();
    }
    sample
}

fn at(s: u64) -> SimTime {
    SimTime::from_secs(s)
}

/// Exports the run, reads the file back as `simulate` does, and checks both runs at every whole
/// second up to the last of `moments` (the cluster and the requests), and that they record the
/// same events at the same moments (names aside: the file's pod-template-hashes differ).
fn check(knobs: &Knobs, timeline: &[(SimTime, Step)], moments: &[u64]) -> String {
    let file = run_file::of_run(knobs, 7, timeline);
    let text = yaml::to_string(&file);
    let read = scenario::read(&text, "page.yaml").unwrap_or_else(|e| panic!("{e}\n{text}"));
    let mut from_file = rolloutscope::sim::Run::new(read.world());
    let end = *moments.last().unwrap();
    let (mut page, _) = Engine::replay(knobs, 7, timeline, at(end), SimTime::ZERO);
    for m in 1..=end {
        page.run_to(at(m));
        from_file.run_until(at(m));
        assert_eq!(seen(page.world()), seen(from_file.world()), "at {m}s\n{text}");
    }
    let moments_of =
        |w: &World| -> Vec<(SimTime, String)> { w.events().iter().map(|e| (e.t, e.kind.clone())).collect() };
    assert_eq!(moments_of(page.world()), moments_of(from_file.world()), "the events' moments\n{text}");
    text
}

#[test]
fn each_strategy_exported_runs_the_same_rollout() {
    for strategy in StrategyKind::ALL {
        let knobs = Knobs { strategy, replicas: 5, ..Knobs::default() };
        // Deployed at 10 s, the issue's run: its plan's steps must run at the page's moments.
        for deploy in [10, 20] {
            let timeline = [(at(deploy), Step::Deploy)];
            let text = check(&knobs, &timeline, &[150]);
            assert!(text.contains("timeline:"), "{text}");
        }
    }
}

#[test]
fn every_button_is_exported_as_what_it_stands_for() {
    let knobs = Knobs { replicas: 6, new_version: NewVersion::SlowToStart, ..Knobs::default() };
    let timeline = [
        (at(10), Step::Act(Act::NodeDown)),
        (at(15), Step::Deploy),
        (at(18), Step::Act(Act::PauseRollout)),
        (at(25), Step::Act(Act::ResumeRollout)),
        (at(30), Step::Act(Act::DeletePod)),
        (at(40), Step::Act(Act::NodeUp)),
        (SimTime(45_500), Step::Act(Act::Scale(8))),
        (at(70), Step::Act(Act::Undo(0))),
        (at(90), Step::Act(Act::PushSameTag)),
        (at(95), Step::Act(Act::DeletePod)),
    ];
    let text = check(&knobs, &timeline, &[12, 20, 35, 50, 80, 100, 140]);
    for expected in [
        "fault:\n    nodeDown: node-",
        "startupSeconds: 20",
        "kubectl: set image deployment/http-go http-go=gasbugs/http-go:v2",
        "kubectl: rollout pause deployment/http-go",
        "deletePod: deployment/http-go",
        "at: 45500ms",
        "kubectl: scale deployment/http-go --replicas=8",
        "kubectl: rollout undo deployment/http-go",
    ] {
        assert!(text.contains(expected), "{expected:?} not in\n{text}");
    }
}

#[test]
fn a_typed_command_is_exported_as_typed() {
    let knobs = Knobs::default();
    let timeline = [
        (at(10), Step::Kubectl("kubectl scale deployment/http-go --replicas=5".into())),
        (at(20), Step::Kubectl("kubectl patch deployment http-go -p '{\"spec\":{\"minReadySeconds\":4}}'".into())),
        (at(25), Step::Deploy),
    ];
    let text = check(&knobs, &timeline, &[15, 30, 60]);
    assert!(text.contains("kubectl: scale deployment/http-go --replicas=5"), "{text}");
    assert!(text.contains("minReadySeconds"), "{text}");
}

#[test]
fn a_button_that_did_nothing_is_left_out() {
    let knobs = Knobs::default();
    // Every node is up: "node up" answers with an error and changes nothing.
    let timeline = [(at(5), Step::Act(Act::NodeUp)), (at(10), Step::Deploy)];
    let text = check(&knobs, &timeline, &[30]);
    assert!(!text.contains("nodeUp"), "{text}");
}

#[test]
fn two_blue_green_deploys_are_two_plans_and_the_script_runs_both() {
    let knobs = Knobs { strategy: StrategyKind::BlueGreen, ..Knobs::default() };
    let timeline = [(at(10), Step::Deploy), (at(100), Step::Deploy)];
    let text = check(&knobs, &timeline, &[50, 120, 200]);
    assert_eq!(text.matches("  plan:").count(), 2, "{text}");
    let file: Value = serde_yaml_ng::from_str(&text).unwrap();
    let script = real_cluster::script(&file, "page.yaml", "RolloutScope").unwrap();
    assert_eq!(script.matches(") &\nplan=$!").count(), 2, "{script}");
    assert!(script.contains("kill \"$plan\""), "{script}");
    assert!(script.contains("set image deployment/http-go-green http-go=gasbugs/http-go:v2"), "{script}");
    assert!(script.contains("set image deployment/http-go-blue http-go=gasbugs/http-go:v3"), "{script}");
    let status = std::process::Command::new("bash")
        .arg("-n")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(script.as_bytes())?;
            child.wait()
        })
        .unwrap();
    assert!(status.success(), "bash -n refused:\n{script}");
}

/// Any JSON value written as YAML is read back by the YAML reader as the same value.
fn value() -> impl Strategy<Value = Value> {
    let text = prop_oneof![
        "[ -~]{0,12}",
        "(true|false|null|yes|No|~|-|:|#|1e3|0x1F|1:30|\\.inf|25%|30s| a|a |a: b|a #b|'q'|\"q\")",
        "[a-z\\-/:.=]{1,16}",
        "\\PC{0,6}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        text.clone().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map("[ -~]{0,8}", inner, 0..5).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn yaml_written_reads_back_the_same(v in value()) {
        let text = yaml::to_string(&v);
        let back: Value = serde_yaml_ng::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back, v, "{}", text);
    }
}

/// The kept link's run as the page exports it (`tests/fixtures/links/v1-exported.yaml`): the
/// browser build writes the same bytes (tests/browser.rs), and the file runs the same rollout.
#[test]
fn the_kept_links_run_exports_to_the_kept_file() {
    let run = rolloutscope::share::decode(include_str!("../fixtures/links/v1.txt").trim()).unwrap();
    let text = run_file::text(&run_file::of_run(&run.knobs, run.seed, &run.timeline));
    crate::common::kept("tests/fixtures/links/v1-exported.yaml", &text);
    let read = scenario::read(&text, "v1-exported.yaml").unwrap();
    let mut from_file = rolloutscope::sim::Run::new(read.world());
    let (page, _) = Engine::replay(&run.knobs, run.seed, &run.timeline, run.end, run.end);
    from_file.run_until(page.world().time());
    assert_eq!(seen(page.world()), seen(from_file.world()));
}

#[test]
fn an_applied_manifest_is_exported_as_an_apply_entry() {
    use rolloutscope::kubectl::apply::PANEL_FILE;
    use rolloutscope::manifest::live::documents as manifests;
    use rolloutscope::manifest::reader::Read;
    let knobs = Knobs::default();
    let (engine, _) = Engine::replay(&knobs, 7, &[], at(10), at(10));
    let text =
        manifests(engine.world()).replace("replicas: 4\n", "replicas: 6\n").replace("maxSurge: 25%", "maxSurge: 2");
    let Read::Manifests(objects) = rolloutscope::k8s::apply::read(&text, PANEL_FILE, false).unwrap() else {
        panic!("the panel's own manifests are manifests, not a cluster's state")
    };
    let timeline = [(at(10), Step::Apply { create: false, objects }), (at(30), Step::Deploy)];
    let file = check(&knobs, &timeline, &[12, 25, 35, 60, 90]);
    assert!(file.contains("- apply:\n"), "{file}");
    assert!(file.contains("maxSurge: 2\n"), "{file}");
    let value = run_file::of_run(&knobs, 7, &timeline);
    let script = real_cluster::script(&value, "page.yaml", "test").unwrap();
    assert!(script.contains("kubectl apply -f - <<'MANIFESTS'\napiVersion: apps/v1\n"), "{script}");
}

/// Runs `script` with bash in a fresh folder, with a `kubectl` that only writes down the words it
/// was given (one per line, a line break inside a word as `\n`, each run ended by a line of
/// U+0001) and a `sleep` that does not sleep.
/// Returns the folder's files afterwards and kubectl's words.
fn run_with_a_recording_kubectl(script: &str) -> (Vec<String>, String) {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("rolloutscope-script-{}-{:x}", std::process::id(), fnv(script)));
    let bin = dir.join("bin");
    let work = dir.join("work");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&work).unwrap();
    let fake = |name: &str, body: &str| {
        let path = bin.join(name);
        std::fs::write(&path, format!("#!/bin/bash\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    };
    let log = dir.join("kubectl.log");
    fake(
        "kubectl",
        &format!(
            "cat > /dev/null\nfor w in \"$@\"; do printf '%s\\n' \"${{w//$'\\n'/\\\\n}}\" >> {log:?}; done\n\
             printf '\\001\\n' >> {log:?}\n[ \"$1\" = config ] && echo kind-test\nexit 0"
        ),
    );
    fake("sleep", "exit 0");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(&work)
        .env("PATH", path)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("bash runs");
    let mut files: Vec<String> =
        std::fs::read_dir(&work).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    let words = std::fs::read_to_string(&log).unwrap_or_default();
    std::fs::remove_dir_all(&dir).ok();
    assert!(out.status.success(), "the script failed: {}\n{script}", String::from_utf8_lossy(&out.stderr));
    (files, words)
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
}

#[test]
fn a_shared_link_cannot_make_the_downloaded_script_run_a_command() {
    use rolloutscope::share;
    // What the issue found: a link whose timeline holds a change-cause made of a command
    // substitution. It travels as a link, is opened by the page, and downloaded as a script.
    let hostile = [
        r#"annotate deployment http-go "kubernetes.io/change-cause=$(touch pwned-by-substitution)""#,
        r#"annotate deployment http-go 'kubernetes.io/change-cause=`touch pwned-by-backticks`' --overwrite"#,
        r#"annotate deployment http-go "kubernetes.io/change-cause=x; touch pwned-by-semicolon" --overwrite"#,
        "annotate deployment http-go \"kubernetes.io/change-cause=line\ntouch pwned-by-newline\" --overwrite",
        r#"annotate deployment http-go kubernetes.io/change-cause={touch,pwned-by-braces} --overwrite"#,
    ];
    let run = share::SharedRun {
        knobs: Knobs::default(),
        seed: 7,
        timeline: hostile.iter().enumerate().map(|(i, l)| (at(10 + i as u64), Step::Kubectl((*l).into()))).collect(),
        end: at(60),
        at: at(60),
        speed: 1,
        lang: rolloutscope::i18n::Lang::En,
        focused: None,
        lesson: None,
    };
    let opened = share::decode(&share::encode(&run)).expect("the link opens");
    let file = run_file::of_run(&opened.knobs, opened.seed, &opened.timeline);
    let script = real_cluster::script(&file, "page.yaml", "RolloutScope").unwrap();
    assert_eq!(script.matches("\nkubectl annotate ").count(), hostile.len(), "every step is in the script:\n{script}");
    let (files, words) = run_with_a_recording_kubectl(&script);
    assert_eq!(files, Vec::<String>::new(), "the script ran a command from the link:\n{script}");
    // kubectl was given each value as the learner typed it, as one word.
    for value in [
        "kubernetes.io/change-cause=$(touch pwned-by-substitution)",
        "kubernetes.io/change-cause=`touch pwned-by-backticks`",
        "kubernetes.io/change-cause=x; touch pwned-by-semicolon",
        "kubernetes.io/change-cause=line\\ntouch pwned-by-newline",
        "kubernetes.io/change-cause={touch,pwned-by-braces}",
    ] {
        assert!(words.lines().any(|w| w == value), "kubectl was not given {value:?}:\n{words}\n{script}");
    }
}

#[test]
fn no_name_or_text_of_a_scenario_file_runs_in_the_script() {
    // Every other place a file's text reaches the script: a file name, an image's behaviour, a
    // Service, an Ingress host, a pushed image, a pod to delete, a plan's step and its abort.
    let file = serde_json::json!({
        "nodes": 3,
        "images": {"evil\ntouch pwned-image:v1": {"startupSeconds": 3}},
        "traffic": [{"service": "s\ntouch pwned-service", "ratePerSecond": 5},
                    {"host": "h\ntouch pwned-host", "ratePerSecond": 5}],
        "manifests": [{"kind": "ConfigMap", "metadata": {"name": "MANIFESTS"}, "data": {"x": "MANIFESTS"}}, "MANIFESTS"],
        "timeline": [
            {"at": "1s", "fault": {"deletePod": "p;touch pwned-pod"}},
            {"at": "2s", "push": {"image": "i$(touch pwned-push)\ntouch pwned-push2"}},
            {"at": "3s", "fault": {"nodeDown": "n\ntouch pwned-node"}},
            {"at": "4s", "plan": {
                "steps": [{"kubectl": "scale deployment/x --replicas=\"$(touch pwned-plan)\""},
                          {"waitForAvailable": "x;touch pwned-wait"}],
                "abort": {"service": "s\ntouch pwned-abort", "errorPercentAbove": 5,
                          "steps": [{"kubectl": "annotate deployment x \"y=1\ntouch pwned-abort-step\""}]}
            }}
        ]
    });
    let script = real_cluster::script(&file, "run\ntouch pwned-origin.yaml", "test").unwrap();
    let (files, words) = run_with_a_recording_kubectl(&script);
    assert_eq!(files, Vec::<String>::new(), "the script ran a command from the file:\n{script}");
    assert!(words.lines().any(|w| w == "p;touch pwned-pod"), "{words}");
    assert!(words.lines().any(|w| w == "deployment/x;touch pwned-wait"), "{words}");
    assert!(words.lines().any(|w| w == "--replicas=$(touch pwned-plan)"), "{words}");
    // The manifests' here-document ends on a word no line of theirs is.
    assert!(script.contains("<<'MANIFESTS_2'\n"), "{script}");
}

#[test]
fn the_script_refuses_what_no_kubectl_argument_could_be() {
    for (line, held) in [
        ("annotate deployment http-go a=\u{0}b", "NUL"),
        ("annotate deployment http-go a=\u{202e}b", "U+202E"),
        ("annotate deployment http-go a=\u{1b}[2Jb", "U+001B"),
    ] {
        let file = serde_json::json!({"manifests": [], "timeline": [{"at": "1s", "kubectl": line}]});
        let e = real_cluster::script(&file, "page.yaml", "test").unwrap_err();
        assert!(e.starts_with("timeline[0]: ") && e.contains(held), "{e}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    /// Whatever words the console parses from a timeline's command, bash hands kubectl exactly those.
    #[test]
    fn every_word_reaches_kubectl_as_it_was(words in proptest::collection::vec("[^\u{0}-\u{8}\u{b}-\u{1f}\u{7f}-\u{9f}\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{feff}]{0,12}", 1..5)) {
        let line = shell_words::join(std::iter::once("annotate").chain(words.iter().map(String::as_str)));
        let file = serde_json::json!({"manifests": [], "timeline": [{"at": "1s", "kubectl": line}]});
        let script = real_cluster::script(&file, "page.yaml", "test").unwrap();
        let (files, got) = run_with_a_recording_kubectl(&script);
        prop_assert_eq!(files, Vec::<String>::new());
        let runs: Vec<&str> = got.split("\u{1}\n").collect();
        // The second kubectl is the timeline's (the first asks for the context, the apply next).
        // The words the console parses from the line (a Unicode space that `join` leaves bare
        // separates words there too).
        let parsed = shell_words::split(rolloutscope::kubectl::without_kubectl(&line)).unwrap();
        let expected: String = parsed.iter().map(|w| format!("{}\n", w.replace('\n', "\\n"))).collect();
        prop_assert_eq!(runs.get(2).copied(), Some(expected.as_str()), "{}", script);
    }
}

/// The page's own way to a run, through its reducer (the strategy chosen and applied, the clock
/// to 10 s, Deploy, the clock to 60 s), against `simulate`'s reader of the file the page
/// downloads: the same cluster and the same requests, for every strategy the page offers.
#[test]
fn each_strategy_played_on_the_page_is_the_run_its_file_makes() {
    use rolloutscope::page::{reduce, Action, AppState, Knob, KnobEdit};
    for strategy in StrategyKind::ALL {
        let mut state = std::rc::Rc::new(AppState::new(rolloutscope::i18n::Lang::En));
        for action in [
            Action::Edit(KnobEdit::Field(Knob::Strategy, strategy.id().into())),
            Action::ApplySetup,
            Action::Advance(100),
            Action::DeployNewVersion,
            Action::Advance(100),
            Action::Advance(100),
            Action::Advance(100),
            Action::Advance(100),
            Action::Advance(100),
        ] {
            state = reduce(state, action);
        }
        assert_eq!(state.knobs.strategy, strategy);
        let engine = state.engine();
        assert_eq!(engine.world().time(), at(60));
        let file = run_file::of_run(&state.knobs, state.seed, &engine.timeline);
        let text = yaml::to_string(&file);
        let read = scenario::read(&text, "page.yaml").unwrap_or_else(|e| panic!("{e}\n{text}"));
        let mut from_file = rolloutscope::sim::Run::new(read.world());
        from_file.run_until(at(60));
        assert_eq!(seen(engine.world()), seen(from_file.world()), "{strategy:?}\n{text}");
    }
}
