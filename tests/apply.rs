//! `kubectl apply|create -f manifests.yaml`: the YAML panel's text read by the apiserver's rules
//! (`rolloutscope::k8s::apply`, what the page's worker runs) and applied by the engine.

use rolloutscope::k8s::apply::read;
use rolloutscope::kubectl::apply::{manifests, PANEL_FILE};
use rolloutscope::session::{Engine, Step};
use rolloutscope::setup::{Knobs, StrategyKind};
use rolloutscope::sim::SimTime;

fn at(s: u64) -> SimTime {
    SimTime::from_secs(s)
}

/// Applies `text` as the page does: read, then one step of the timeline.
fn apply(engine: &mut Engine, knobs: &Knobs, text: &str, create: bool) -> Result<String, String> {
    let read = read(text, PANEL_FILE, create).map_err(|p| format!("line {:?}: {}", p.line, p.message))?;
    engine.perform(knobs, Step::Apply { create, objects: read.objects })
}

/// What kubectl answers when the default run's manifests are applied back as shown.
const BOTH_UNCHANGED: &str = "deployment.apps/http-go unchanged\nservice/http-go unchanged";

/// Applies what the panel shows now.
fn apply_shown(engine: &mut Engine, knobs: &Knobs) -> Result<String, String> {
    let shown = manifests(engine.world());
    apply(engine, knobs, &shown, false)
}

#[test]
fn what_the_panel_shows_applies_back_unchanged() {
    for strategy in StrategyKind::ALL {
        let knobs = Knobs { strategy, replicas: 4, ..Knobs::default() };
        let mut engine = Engine::new(&knobs, 11);
        // At the start, in the middle of a rollout and after it: status, revisions, a change-cause.
        for (moment, deploy) in [(0, false), (22, true), (120, false)] {
            engine.run_to(at(moment));
            if deploy {
                engine.perform(&knobs, Step::Deploy).unwrap();
                engine.run_to(at(moment + 3));
            }
            let text = manifests(engine.world());
            let answer =
                apply(&mut engine, &knobs, &text, false).unwrap_or_else(|e| panic!("{strategy:?}: {e}\n{text}"));
            assert!(!answer.is_empty());
            for line in answer.lines() {
                assert!(line.ends_with(" unchanged"), "{strategy:?} at {moment}s: {line}\n{text}");
            }
            assert_eq!(manifests(engine.world()), text, "{strategy:?} at {moment}s");
        }
    }
}

#[test]
fn an_edited_manifest_is_configured_and_the_controllers_follow_it() {
    let knobs = Knobs { replicas: 3, ..Knobs::default() };
    let mut engine = Engine::new(&knobs, 3);
    engine.run_to(at(30));
    let text = manifests(engine.world());
    let edited = text.replace("replicas: 3\n", "replicas: 5\n").replacen("gasbugs/http-go:v1", "gasbugs/http-go:v2", 1);
    assert_ne!(edited, text);
    assert_eq!(
        apply(&mut engine, &knobs, &edited, false),
        Ok("deployment.apps/http-go configured\nservice/http-go unchanged".into())
    );
    engine.run_to(at(150));
    let w = engine.world();
    let d = &w.deployments["http-go"];
    assert_eq!(d.spec.replicas, 5);
    assert_eq!(d.status.updated_replicas, 5);
    assert_eq!(d.status.available_replicas, 5);
    assert_eq!(d.metadata.annotations["deployment.kubernetes.io/revision"], "2");
    // The panel shows what the cluster now holds, and applies back unchanged.
    let now = manifests(w);
    assert!(now.contains("gasbugs/http-go:v2"), "{now}");
    assert_eq!(apply_shown(&mut engine, &knobs), Ok(BOTH_UNCHANGED.into()));
}

#[test]
fn create_refuses_what_exists_and_makes_what_does_not() {
    let knobs = Knobs { replicas: 3, ..Knobs::default() };
    let mut engine = Engine::new(&knobs, 3);
    engine.run_to(at(10));
    let text = manifests(engine.world());
    let err = apply(&mut engine, &knobs, &text, true).unwrap_err();
    assert_eq!(
        err,
        "Error from server (AlreadyExists): error when creating \"manifests.yaml\": deployments.apps \"http-go\" already exists\n\
         Error from server (AlreadyExists): error when creating \"manifests.yaml\": services \"http-go\" already exists"
    );
    // A second Deployment of another name is created beside the first and runs its pods.
    let other = text.split("---\n").next().unwrap().replace("name: http-go\n", "name: http-go-two\n");
    let other: String = other.lines().filter(|l| !l.contains("uid:")).map(|l| format!("{l}\n")).collect();
    assert_eq!(apply(&mut engine, &knobs, &other, true), Ok("deployment.apps/http-go-two created".into()));
    engine.run_to(at(60));
    let d = &engine.world().deployments["http-go-two"];
    assert_eq!(d.status.available_replicas, 3);
}

#[test]
fn a_refused_manifest_changes_nothing_and_names_its_line() {
    let knobs = Knobs { replicas: 3, ..Knobs::default() };
    let mut engine = Engine::new(&knobs, 3);
    engine.run_to(at(10));
    let text = manifests(engine.world());
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;

    let bad = text.replace("replicas: 3\n", "replicas: -2\n");
    let p = read(&bad, PANEL_FILE, false).unwrap_err();
    assert_eq!(p.line, Some(line_of("replicas: 3")));
    assert!(
        p.message.contains("spec.replicas: Invalid value: -2: must be greater than or equal to 0"),
        "{}",
        p.message
    );

    let zero = text.replace("maxSurge: 25%", "maxSurge: 0").replace("maxUnavailable: 25%", "maxUnavailable: 0");
    assert_ne!(zero, text);
    let p = read(&zero, PANEL_FILE, false).unwrap_err();
    assert!(p.message.contains("may not be 0 when `maxSurge` is 0"), "{}", p.message);
    assert_eq!(p.line, Some(line_of("maxUnavailable")));

    let typo = text.replacen("image: gasbugs", "imag: gasbugs", 1);
    let p = read(&typo, PANEL_FILE, false).unwrap_err();
    assert!(p.message.contains("unknown field \"spec.template.spec.containers[0].imag\""), "{}", p.message);
    assert_eq!(p.line, Some(line_of("image: gasbugs")));

    let broken = text.replacen("  replicas: 3", "  replicas: [3", 1);
    let p = read(&broken, PANEL_FILE, false).unwrap_err();
    assert!(
        p.message.starts_with("error: error parsing manifests.yaml: error converting YAML to JSON: yaml: line"),
        "{}",
        p.message
    );
    assert!(p.line.is_some());

    // Nothing was applied: the panel still shows the cluster as it was.
    assert_eq!(manifests(engine.world()), text);
}

#[test]
fn the_engine_refuses_a_deployment_no_apiserver_would_admit() {
    // A hand-made step (a tampered link) reaches the engine without the YAML reader.
    let knobs = Knobs { replicas: 3, ..Knobs::default() };
    let mut engine = Engine::new(&knobs, 3);
    let text = manifests(engine.world());
    let mut objects = read(&text, PANEL_FILE, false).unwrap().objects;
    let rolloutscope::sim::Object::Deployment(d) = &mut objects[0] else { panic!("{objects:?}") };
    d.spec.replicas = -1;
    d.spec.template.containers.clear();
    let err = engine.perform(&knobs, Step::Apply { create: false, objects }).unwrap_err();
    assert!(err.starts_with("The Deployment \"http-go\" is invalid: spec.replicas: Invalid value: -1"), "{err}");
    assert!(err.contains("spec.template.spec.containers: Required value"), "{err}");
    assert_eq!(engine.world().deployments["http-go"].spec.replicas, 3);
}

#[test]
fn a_pasted_kubectl_get_of_a_real_cluster_applies_its_deployments() {
    let text = std::fs::read_to_string("tests/fixtures/kubectl/mid-rollout.json").unwrap();
    let read = read(&text, PANEL_FILE, false).unwrap();
    assert_eq!(read.objects.len(), 1);
    assert_eq!(read.skipped.iter().filter(|s| s.starts_with("replicaset.apps/")).count(), 2, "{:?}", read.skipped);
    assert_eq!(read.skipped.iter().filter(|s| s.starts_with("pod/")).count(), 4, "{:?}", read.skipped);
    let knobs = Knobs { replicas: 3, ..Knobs::default() };
    let mut engine = Engine::new(&knobs, 3);
    engine.run_to(at(20));
    let answer = engine.perform(&knobs, Step::Apply { create: false, objects: read.objects }).unwrap();
    assert_eq!(answer, "deployment.apps/http-go configured");
    engine.run_to(at(120));
    let d = &engine.world().deployments["http-go"];
    assert!(d.spec.template.containers[0].image.ends_with(":v2"), "{d:?}");
    assert_eq!(d.status.updated_replicas, d.spec.replicas);
}

#[test]
fn an_apply_replays_the_same_run() {
    let knobs = Knobs { replicas: 3, ..Knobs::default() };
    let mut live = Engine::new(&knobs, 5);
    live.run_to(at(15));
    let text = manifests(live.world()).replace("replicas: 3\n", "replicas: 4\n");
    apply(&mut live, &knobs, &text, false).unwrap();
    live.run_to(at(50));
    let (replayed, answer) = Engine::replay(&knobs, 5, &live.timeline, live.furthest(), live.world().time());
    assert_eq!(answer, Some(Ok("deployment.apps/http-go configured\nservice/http-go unchanged".into())));
    assert_eq!(manifests(replayed.world()), manifests(live.world()));
    assert_eq!(replayed.samples, live.samples);
}

/// An engine on a scenario file's world (the examples, a real cluster's objects).
#[test]
fn every_example_s_manifests_apply_back_unchanged_with_what_the_engine_does_not_model() {
    let knobs = Knobs::default();
    let mut checked = 0;
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let scenario = rolloutscope::k8s::scenario::read(&text, &path.display().to_string()).unwrap();
        let mut engine = Engine::from_world(scenario.world());
        for moment in [0, 45] {
            engine.run_to(at(moment));
            let shown = manifests(engine.world());
            let answer = apply(&mut engine, &knobs, &shown, false).unwrap_or_else(|e| panic!("{path:?}: {e}\n{shown}"));
            assert!(answer.lines().all(|l| l.ends_with(" unchanged")), "{path:?} at {moment}s: {answer}\n{shown}");
            assert_eq!(manifests(engine.world()), shown, "{path:?}");
        }
        checked += 1;
    }
    assert!(checked >= 20, "{checked} examples");

    // A real Deployment's env, resources and ports are shown, and kept when applied back.
    let real = std::fs::read_to_string("tests/fixtures/kubectl/mid-rollout.json").unwrap();
    let mut engine = Engine::new(&knobs, 3);
    apply(&mut engine, &knobs, &real, false).unwrap();
    engine.run_to(at(30));
    assert_eq!(apply_shown(&mut engine, &knobs), Ok(BOTH_UNCHANGED.into()));
}

#[test]
fn a_field_the_engine_does_not_model_is_shown_and_kept() {
    let knobs = Knobs { replicas: 3, ..Knobs::default() };
    let mut engine = Engine::new(&knobs, 3);
    engine.run_to(at(20));
    let text = manifests(engine.world());
    let with_env = text.replacen(
        "imagePullPolicy: IfNotPresent\n",
        "imagePullPolicy: IfNotPresent\n        env:\n        - name: MODE\n          value: blue\n",
        1,
    );
    assert_ne!(with_env, text);
    assert_eq!(
        apply(&mut engine, &knobs, &with_env, false),
        Ok("deployment.apps/http-go configured\nservice/http-go unchanged".into())
    );
    engine.run_to(at(60));
    let shown = manifests(engine.world());
    assert!(shown.contains("      - env:\n        - name: MODE\n          value: blue\n"), "{shown}");
    // A template that differs only in the env is a new revision, as in Kubernetes.
    assert_eq!(engine.world().deployments["http-go"].metadata.annotations["deployment.kubernetes.io/revision"], "2");
    assert_eq!(apply(&mut engine, &knobs, &shown, false), Ok(BOTH_UNCHANGED.into()));
    let back =
        shown.replace("      - env:\n        - name: MODE\n          value: blue\n        image:", "      - image:");
    assert_ne!(back, shown);
    assert_eq!(
        apply(&mut engine, &knobs, &back, false),
        Ok("deployment.apps/http-go configured\nservice/http-go unchanged".into())
    );
    engine.run_to(at(120));
    assert!(!manifests(engine.world()).contains("MODE"));
}
