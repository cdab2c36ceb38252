//! Fuzzing the readers and the engine behind them: the scenario file, the YAML panel's manifests
//! (and a pasted cluster state), `sync`, the console's command lines (through the page's own
//! shell) and share links, each fed the project's own inputs mutated at random (bytes flipped,
//! text inserted and cut, numbers swapped for the extremes Kubernetes' int32 and int64 fields
//! meet), then whatever a reader accepts run a few seconds in the engine. Nothing may panic,
//! overflow (the test profile checks overflow) or run away; a refusal is an answer.
//!
//! `bash .ci/test` runs [`cases`] cases per reader (256 unless `ROLLOUTSCOPE_FUZZ_CASES` says);
//! a maintainer runs a long session with, for example,
//! `ROLLOUTSCOPE_FUZZ_CASES=20000 cargo test --profile fuzz --test fuzz` (optimised, overflow checks on).
//! Every input that once failed is kept under `tests/fixtures/fuzz/READER/` and replayed by
//! `the_corpus_of_inputs_that_once_failed_is_read_without_panic`.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::rc::Rc;

use proptest::prelude::*;
use rolloutscope::i18n::Lang;
use rolloutscope::page::{reduce, Action, AppState};
use rolloutscope::sim::{Intent, SimTime, World};

/// Cases per reader: `ROLLOUTSCOPE_FUZZ_CASES`, 256 by default.
fn cases() -> u32 {
    std::env::var("ROLLOUTSCOPE_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() }
}

/// The most replicas a fuzzed run may ask for and still be run (a reader's bounds are tested on
/// their own: here the engine runs what was read, and must stay quick).
const RUN_REPLICAS: i64 = 200;

// ---- The inputs mutated ----

fn files(dir: &str, ext: &[&str]) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| ext.iter().any(|e| x == *e)))
        .collect();
    paths.sort();
    paths.into_iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

fn scenario_seeds() -> Vec<String> {
    let mut seeds = files("examples", &["yaml"]);
    seeds.extend(files("examples/lessons", &["yaml"]));
    seeds
}

fn manifest_seeds() -> Vec<String> {
    let mut seeds = files("tests/fixtures/manifests", &["yaml"]);
    seeds.extend(files("tests/fixtures/kubectl", &["json"]));
    seeds
}

const KUBECTL_SEEDS: &[&str] = &[
    "kubectl get deploy,rs,pods -o wide",
    "kubectl get pods -l app=http-go -o yaml",
    "kubectl set image deployment/http-go http-go=gasbugs/http-go:v2",
    "kubectl scale deployment http-go --replicas=6",
    "kubectl rollout undo deployment/http-go --to-revision=1",
    "kubectl rollout history deployment/http-go --revision=2",
    "kubectl rollout pause deployment/http-go",
    "kubectl rollout resume deployment/http-go",
    "kubectl rollout restart deployment/http-go",
    "kubectl rollout status deployment/http-go --timeout=30s",
    "kubectl annotate deployment http-go kubernetes.io/change-cause='v2 rollout' --overwrite",
    "kubectl label pod http-go-abc app=debug --overwrite",
    "kubectl patch deployment http-go -p '{\"spec\":{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":2}}}}'",
    "kubectl patch deployment http-go --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]'",
    "kubectl describe deployment http-go",
    "kubectl delete pod http-go-abc --grace-period=0",
    "kubectl get events --sort-by=.lastTimestamp",
    "kubectl get deploy http-go -w",
    "while true; do curl http-go; sleep 1; done &",
    "kill %1",
    "kubectl apply -f manifests.yaml",
];

fn link_seeds() -> Vec<String> {
    vec![
        // The schema-1 link kept in the fixtures, as JSON (what the link deflates).
        r#"{"k":{"replicas":6,"maxSurge":"2"},"s":1,"t":[[20000,"deploy"],[23500,{"act":{"scale":8}}]],"e":40000,"a":30000,"x":1,"l":"Ko"}"#.into(),
        r#"{"s":7,"t":[[5000,{"kubectl":"kubectl scale deployment http-go --replicas=3"}]],"e":12000,"a":12000}"#.into(),
        r#"{"k":{"strategy":"Canary"},"s":2,"t":[[10000,"deploy"]],"e":60000,"a":45000,"f":"http-go-1"}"#.into(),
    ]
}

/// One change to a text.
#[derive(Clone, Debug)]
enum Mutation {
    /// A character replaced by one of a hostile few.
    Replace(prop::sample::Index, char),
    Insert(prop::sample::Index, String),
    Delete(prop::sample::Index, usize),
    /// The `n`th run of digits replaced by an extreme number.
    Number(prop::sample::Index, &'static str),
    /// A line repeated.
    Duplicate(prop::sample::Index),
    /// Everything after a point dropped.
    Truncate(prop::sample::Index),
}

const EXTREMES: &[&str] = &[
    "0",
    "-1",
    "2147483647",
    "2147483648",
    "-2147483648",
    "9223372036854775807",
    "18446744073709551616",
    "1e309",
    "0.5",
    "8760h",
    "NaN",
    "1000000",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let hostile = prop::sample::select(vec![
        '\0', '\n', '\t', ':', '-', '{', '[', '"', '\'', '%', '$', '`', '\u{202e}', 'ë', '#', '&',
    ]);
    let text = prop::sample::select(vec![
        "\n---\n".to_string(),
        ": ".into(),
        "- ".into(),
        "{}".into(),
        "*a".into(),
        "&a ".into(),
        "!!binary ".into(),
        "$(touch x)".into(),
        "\"".into(),
        " --replicas=-1".into(),
        "100%".into(),
        "kind: Deployment\n".into(),
        "apiVersion: apps/v1\n".into(),
    ]);
    prop_oneof![
        (any::<prop::sample::Index>(), hostile).prop_map(|(i, c)| Mutation::Replace(i, c)),
        (any::<prop::sample::Index>(), text).prop_map(|(i, t)| Mutation::Insert(i, t)),
        (any::<prop::sample::Index>(), 1usize..40).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<prop::sample::Index>(), prop::sample::select(EXTREMES)).prop_map(|(i, n)| Mutation::Number(i, n)),
        any::<prop::sample::Index>().prop_map(Mutation::Duplicate),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for m in mutations {
        let len = chars.len().max(1);
        match m {
            Mutation::Replace(i, c) if !chars.is_empty() => {
                let at = i.index(len);
                chars[at] = *c;
            }
            Mutation::Replace(..) => {}
            Mutation::Insert(i, t) => {
                let at = i.index(len + 1).min(chars.len());
                chars.splice(at..at, t.chars());
            }
            Mutation::Delete(i, n) if !chars.is_empty() => {
                let at = i.index(len);
                let end = (at + n).min(chars.len());
                chars.drain(at..end);
            }
            Mutation::Delete(..) => {}
            Mutation::Number(i, n) => {
                let s: String = chars.iter().collect();
                let runs: Vec<(usize, usize)> = digit_runs(&s);
                if !runs.is_empty() {
                    let (start, end) = runs[i.index(runs.len())];
                    let mut s = s;
                    s.replace_range(start..end, n);
                    chars = s.chars().collect();
                }
            }
            Mutation::Duplicate(i) => {
                let s: String = chars.iter().collect();
                let lines: Vec<&str> = s.split_inclusive('\n').collect();
                if !lines.is_empty() {
                    let at = i.index(lines.len());
                    let mut out: Vec<&str> = lines.clone();
                    out.insert(at, lines[at]);
                    chars = out.concat().chars().collect();
                }
            }
            Mutation::Truncate(i) => {
                let at = i.index(len);
                chars.truncate(at);
            }
        }
    }
    chars.into_iter().collect()
}

/// The byte ranges of the runs of ASCII digits in `s`.
fn digit_runs(s: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                runs.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        runs.push((st, s.len()));
    }
    runs
}

fn mutated(seeds: Vec<String>) -> impl Strategy<Value = String> {
    let n = seeds.len();
    (0..n, prop::collection::vec(mutation(), 0..6)).prop_map(move |(i, ms)| mutate(&seeds[i], &ms))
}

// ---- What each reader must do with any input ----

fn replicas_asked(w: &World) -> i64 {
    w.deployments.values().map(|d| i64::from(d.spec.replicas)).sum()
}

/// A scenario file: read, and when accepted and small, run for 20 seconds.
fn scenario_file(text: &str) {
    if let Ok(s) = rolloutscope::k8s::scenario_file::read(text, "fuzz.yaml") {
        let mut w = s.world();
        if replicas_asked(&w) <= RUN_REPLICAS {
            w.run_until(SimTime::from_secs(20));
        }
    }
}

/// The YAML panel's text, applied (or created) on the default run, and run for 10 seconds.
fn manifests(text: &str) {
    use rolloutscope::manifest::reader::Read;
    for create in [false, true] {
        let Ok(read) = rolloutscope::k8s::apply::read(text, "manifests.yaml", create) else { continue };
        let mut w = rolloutscope::setup::Knobs::default().scenario(1).world();
        match read {
            Read::Manifests(objects) => {
                for object in objects {
                    let _ = w.apply(Intent::Manifest { object, create });
                }
            }
            Read::State(state) => {
                let _ = w.apply(Intent::Restore { state });
            }
        }
        if replicas_asked(&w) <= RUN_REPLICAS {
            w.run_until(SimTime::from_secs(10));
        }
    }
}

/// `rolloutscope sync` over the text.
fn sync(text: &str) {
    let now = "2026-11-22T08:00:15Z".parse().unwrap();
    let _ = rolloutscope::k8s::sync::sync(text, "fuzz.json", now);
}

/// A line typed in the page's console (the shell, then kubectl, then the engine), a few steps
/// of the run after it, and the completion of the line.
fn console(line: &str) {
    let state = Rc::new(AppState::new(Lang::En));
    let state = reduce(state, Action::Advance(50));
    let state = reduce(state, Action::Console(line.to_string()));
    let state = reduce(state, Action::Advance(20));
    let _ = rolloutscope::kubectl::complete(state.engine().world(), line);
    let _ = reduce(state, Action::Interrupt);
}

/// A link made of the (mutated) JSON it carries: decoded as the page decodes it, and opened
/// when its replay is small.
fn link_json(json: &str) {
    use base64::Engine as _;
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
    let text = format!("1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed));
    link(&text);
}

fn link(text: &str) {
    let Ok(run) = rolloutscope::share::decode(text) else { return };
    if rolloutscope::share::check_replay(&run).is_ok()
        && i64::from(run.knobs.replicas) <= RUN_REPLICAS
        && run.end.max(run.at) <= SimTime::from_secs(120)
    {
        let _ = rolloutscope::session::Engine::replay(&run.knobs, run.seed, &run.timeline, run.end, run.at);
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_mutated_scenario_file_is_read_or_refused_and_runs(text in mutated(scenario_seeds())) {
        scenario_file(&text);
    }

    #[test]
    fn mutated_manifests_are_read_or_refused_and_run(text in mutated(manifest_seeds())) {
        manifests(&text);
        sync(&text);
    }

    #[test]
    fn a_mutated_command_line_is_answered(line in mutated(KUBECTL_SEEDS.iter().map(|s| s.to_string()).collect())) {
        console(&line);
    }

    #[test]
    fn any_command_line_is_answered(line in "kubectl [ -~]{0,60}") {
        console(&line);
    }

    #[test]
    fn a_mutated_link_is_opened_or_refused(json in mutated(link_seeds())) {
        link_json(&json);
    }

    #[test]
    fn any_link_text_is_refused_or_opened(text in "[0-9]\\.[A-Za-z0-9_-]{0,200}") {
        link(&text);
    }
}

/// Every input that once made a reader panic, freeze or misread, kept as a file under
/// `tests/fixtures/fuzz/READER/` (READER: scenario, manifests, kubectl, link), read again.
#[test]
fn the_corpus_of_inputs_that_once_failed_is_read_without_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut seen = 0;
    for (reader, run) in [
        ("scenario", scenario_file as fn(&str)),
        ("manifests", manifests),
        ("sync", sync),
        ("kubectl", console),
        ("link", link_json),
    ] {
        let dir = root.join(reader);
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let started = std::time::Instant::now();
            run(&text);
            // Not a timing test: a guard against a reader that would run for minutes again.
            assert!(started.elapsed().as_secs() < 60, "{} took {:?}", path.display(), started.elapsed());
            seen += 1;
        }
    }
    assert!(seen >= 10, "the corpus is read: {seen} files");
}

#[test]
fn numbers_are_found_where_the_mutations_swap_them() {
    assert_eq!(digit_runs("replicas: 12\nmaxSurge: 3"), [(10, 12), (23, 24)]);
    assert_eq!(digit_runs("no digits"), []);
}
