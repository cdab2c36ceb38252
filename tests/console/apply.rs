//! `kubectl apply|create -f manifests.yaml`: the YAML panel's text read by the apiserver's rules
//! (`rolloutscope::k8s::apply`, what the page's worker runs) and applied by the engine.

use rolloutscope::k8s::apply::read;
use rolloutscope::kubectl::apply::PANEL_FILE;
use rolloutscope::manifest::live::documents as manifests;
use rolloutscope::manifest::reader::Read;
use rolloutscope::session::{Engine, Step};
use rolloutscope::setup::{Knobs, StrategyKind};
use rolloutscope::sim::objects::{ContainerState, PodPhase};
use rolloutscope::sim::restore::ClusterState;
use rolloutscope::sim::{Object, SimTime};

fn at(s: u64) -> SimTime {
    SimTime::from_secs(s)
}

/// The manifests of `text`, read as the worker reads them.
fn objects(text: &str, create: bool) -> Result<Vec<Object>, String> {
    match read(text, PANEL_FILE, create).map_err(|p| format!("line {:?}: {}", p.line, p.message))? {
        Read::Manifests(objects) => Ok(objects),
        Read::State(state) => Err(format!("a cluster's state, not manifests: {state:?}")),
    }
}

/// The cluster's state of `text`, read as the worker reads it.
fn state(text: &str) -> ClusterState {
    match read(text, PANEL_FILE, false) {
        Ok(Read::State(state)) => *state,
        other => panic!("not a cluster's state: {other:?}"),
    }
}

/// Applies `text` as the page does: read, then one step of the timeline.
fn apply(engine: &mut Engine, knobs: &Knobs, text: &str, create: bool) -> Result<String, String> {
    let objects = objects(text, create)?;
    engine.perform(knobs, Step::Apply { create, objects })
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
    let mut objects = objects(&text, false).unwrap();
    let rolloutscope::sim::Object::Deployment(d) = &mut objects[0] else { panic!("{objects:?}") };
    d.spec.replicas = -1;
    d.spec.template.containers.clear();
    let err = engine.perform(&knobs, Step::Apply { create: false, objects }).unwrap_err();
    assert!(err.starts_with("The Deployment \"http-go\" is invalid: spec.replicas: Invalid value: -1"), "{err}");
    assert!(err.contains("spec.template.spec.containers: Required value"), "{err}");
    assert_eq!(engine.world().deployments["http-go"].spec.replicas, 3);
}

#[test]
fn a_pasted_kubectl_get_of_a_real_cluster_starts_the_run_from_its_state() {
    let text = std::fs::read_to_string("tests/fixtures/kubectl/mid-rollout.json").unwrap();
    let state = state(&text);
    let names = |v: Vec<&str>| v.join(" ");
    assert_eq!(names(state.deployments.iter().map(|d| d.metadata.name.as_str()).collect()), "http-go");
    // Oldest first: the engine numbers them in this order.
    assert_eq!(
        names(state.replica_sets.iter().map(|r| r.metadata.name.as_str()).collect()),
        "http-go-5b8c4d7f9 http-go-7d4f8b6c5"
    );
    assert_eq!(state.pods.len(), 4);

    // The page starts a new run from it, at 0 s.
    let knobs = Knobs { replicas: 3, ..Knobs::default() };
    let mut engine = Engine::new(&knobs, 3);
    let answer = engine.perform(&knobs, Step::Restore(Box::new(state))).unwrap();
    assert_eq!(
        answer.lines().collect::<Vec<_>>(),
        [
            "deployment.apps/http-go created",
            "replicaset.apps/http-go-5b8c4d7f9 created",
            "replicaset.apps/http-go-7d4f8b6c5 created",
            "pod/http-go-5b8c4d7f9-4xk2p created",
            "pod/http-go-5b8c4d7f9-9sd7q created",
            "pod/http-go-5b8c4d7f9-tq8mz created",
            "pod/http-go-7d4f8b6c5-x7q2w created",
        ]
    );
    let w = engine.world();
    assert_eq!(w.nodes.keys().collect::<Vec<_>>(), ["node-1"], "the nodes the pods run on");
    assert_eq!(w.deployments["http-go"].revision(), 2);
    assert_eq!(w.replica_sets["http-go-7d4f8b6c5"].revision(), 2);
    assert_eq!(w.replica_sets["http-go-7d4f8b6c5"].spec.replicas, 1);
    let p = &w.pods["http-go-7d4f8b6c5-x7q2w"];
    assert_eq!(
        (p.status.phase, &p.status.container_state, p.status.ready),
        (PodPhase::Running, &ContainerState::Running, true)
    );
    assert_eq!(p.metadata.owner.as_deref(), Some("http-go-7d4f8b6c5"));
    // The first second's sample is the state the run goes on from.
    let rs = |name: &str| engine.samples[0].replica_sets.iter().find(|r| r.name == name).map(|r| r.ready_replicas);
    assert_eq!((rs("http-go-5b8c4d7f9"), rs("http-go-7d4f8b6c5")), (Some(3), Some(1)));

    // The controllers carry on with the rollout where the cluster was: revision 2 takes over,
    // its pods are named after its ReplicaSet, and no pod of revision 1 is left.
    engine.run_to(at(120));
    let w = engine.world();
    let d = &w.deployments["http-go"];
    assert_eq!((d.status.updated_replicas, d.status.available_replicas), (3, 3), "{:?}", d.status);
    assert_eq!(w.replica_sets["http-go-5b8c4d7f9"].spec.replicas, 0);
    assert!(w.pods.keys().all(|p| p.starts_with("http-go-7d4f8b6c5-")), "{:?}", w.pods.keys());
    assert!(w.pods.contains_key("http-go-7d4f8b6c5-x7q2w"), "the pod that ran before the paste runs on");
}

#[test]
fn the_run_s_own_kubectl_get_restores_as_it_was() {
    let knobs = Knobs { replicas: 4, ..Knobs::default() };
    let mut engine = Engine::new(&knobs, 5);
    engine.run_to(at(20));
    engine.perform(&knobs, Step::Deploy).unwrap();
    engine.run_to(at(24));
    let text = rolloutscope::kubectl::read_line(engine.world(), "kubectl get deploy,rs,pods -o yaml").unwrap().unwrap();
    let state = state(&text);
    let before = engine.world().clone();

    let mut restored = Engine::new(&knobs, 9);
    restored.perform(&knobs, Step::Restore(Box::new(state))).unwrap();
    let w = restored.world();
    assert_eq!(w.deployments.keys().collect::<Vec<_>>(), before.deployments.keys().collect::<Vec<_>>());
    for (name, d) in &before.deployments {
        assert_eq!(w.deployments[name].spec, d.spec, "{name}");
        assert_eq!(w.deployments[name].metadata.annotations, d.metadata.annotations, "{name}");
        assert_eq!(w.deployments[name].status.updated_replicas, d.status.updated_replicas, "{name}");
    }
    assert_eq!(w.replica_sets.keys().collect::<Vec<_>>(), before.replica_sets.keys().collect::<Vec<_>>());
    for (name, rs) in &before.replica_sets {
        assert_eq!(w.replica_sets[name].spec, rs.spec, "{name}");
        assert_eq!(w.replica_sets[name].metadata.owner, rs.metadata.owner, "{name}");
    }
    assert_eq!(w.pods.keys().collect::<Vec<_>>(), before.pods.keys().collect::<Vec<_>>());
    for (name, p) in &before.pods {
        let q = &w.pods[name];
        assert_eq!(
            (&q.spec, &q.metadata.owner, &q.metadata.labels, q.status.phase, &q.status.container_state, q.status.ready),
            (&p.spec, &p.metadata.owner, &p.metadata.labels, p.status.phase, &p.status.container_state, p.status.ready),
            "{name}"
        );
    }
    // The rollout goes on to the end from the restored state, as it does in the run it came from.
    restored.run_to(at(120));
    engine.run_to(at(124));
    let image = |w: &rolloutscope::sim::World| w.deployments["http-go"].spec.template.image().to_string();
    let done = |w: &rolloutscope::sim::World| {
        let d = &w.deployments["http-go"];
        (d.status.updated_replicas, d.status.available_replicas, d.status.replicas)
    };
    assert_eq!(image(restored.world()), image(engine.world()));
    assert_eq!(done(restored.world()), (4, 4, 4));
    assert_eq!(done(engine.world()), (4, 4, 4));
}

#[test]
fn a_state_the_engine_cannot_run_is_refused_in_kubernetes_words() {
    let text = std::fs::read_to_string("tests/fixtures/kubectl/mid-rollout.json").unwrap();
    let knobs = Knobs::default();
    // Tampered with after the reader (a shared link changed by hand): the engine's own guard.
    let mut twice = state(&text);
    twice.pods.push(twice.pods[0].clone());
    let mut none = state(&text);
    none.replica_sets[0].spec.template.containers.clear();
    let mut huge = state(&text);
    huge.replica_sets[1].spec.replicas = 1_000_000;
    let mut bad = state(&text);
    bad.deployments[0].spec.replicas = -1;
    for (state, want) in [
        (twice, "error: pod/http-go-5b8c4d7f9-4xk2p appears twice"),
        (none, "The ReplicaSet \"http-go-5b8c4d7f9\" is invalid: spec.template.spec.containers: Required value"),
        (huge, "error: the simulator runs at most 10000 replicas in all"),
        (bad, "The Deployment \"http-go\" is invalid: spec.replicas: Invalid value: -1"),
    ] {
        let mut engine = Engine::new(&knobs, 1);
        engine.run_to(at(5));
        let before = engine.world().clone();
        let err = engine.perform(&knobs, Step::Restore(Box::new(state))).unwrap_err();
        assert!(err.starts_with(want), "{err}");
        let w = engine.world();
        assert_eq!(
            (&w.deployments, &w.replica_sets, &w.pods, &w.nodes),
            (&before.deployments, &before.replica_sets, &before.pods, &before.nodes),
            "nothing replaced"
        );
    }
    // Read by the YAML reader: a pod without containers, at its line.
    let yaml = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n  spec:\n    containers: []\n";
    let p = read(yaml, PANEL_FILE, false).unwrap_err();
    assert!(p.message.contains("spec.containers: Required value"), "{}", p.message);
    assert_eq!(p.line, Some(9));
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
        let scenario = rolloutscope::k8s::scenario_file::read(&text, &path.display().to_string()).unwrap();
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
    let listing: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("tests/fixtures/kubectl/mid-rollout.json").unwrap()).unwrap();
    let real = listing["items"].as_array().unwrap().iter().find(|i| i["kind"] == "Deployment").unwrap().to_string();
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

/// The course's probe examples as a manifest gives them: an exec liveness probe (`cat
/// /tmp/healthy`), an httpGet over HTTPS with a header, and a gRPC startup probe.
const PROBED: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: probed
spec:
  replicas: 2
  selector:
    matchLabels:
      app: probed
  template:
    metadata:
      labels:
        app: probed
    spec:
      containers:
      - name: web
        image: gasbugs/http-go:v1
        livenessProbe:
          exec:
            command: [cat, /tmp/healthy]
          periodSeconds: 5
        readinessProbe:
          httpGet:
            path: /ready
            port: 8443
            scheme: HTTPS
            httpHeaders:
            - name: X-Probe
              value: kubelet
          periodSeconds: 2
        startupProbe:
          grpc:
            port: 9000
            service: health
          failureThreshold: 30
"#;

#[test]
fn a_probe_is_shown_as_the_manifest_gave_it_and_applies_back_unchanged() {
    let knobs = Knobs::default();
    let mut engine = Engine::new(&knobs, 3);
    engine.run_to(at(5));
    assert_eq!(apply(&mut engine, &knobs, PROBED, false), Ok("deployment.apps/probed created".into()));
    engine.run_to(at(40));
    let shown = manifests(engine.world());
    let probed = &shown[shown.find("name: probed").unwrap()..];
    for part in [
        "        livenessProbe:\n          exec:\n            command:\n            - cat\n            - /tmp/healthy\n          failureThreshold: 3\n",
        "          periodSeconds: 5\n",
        "          httpGet:\n            httpHeaders:\n            - name: X-Probe\n              value: kubelet\n            path: /ready\n            port: 8443\n            scheme: HTTPS\n",
        "        startupProbe:\n          failureThreshold: 30\n          grpc:\n            port: 9000\n            service: health\n",
    ] {
        assert!(probed.contains(part), "{part}\nnot in\n{probed}");
    }
    assert_eq!(
        apply(&mut engine, &knobs, &shown, false),
        Ok("deployment.apps/http-go unchanged\ndeployment.apps/probed unchanged\nservice/http-go unchanged".into())
    );
    assert_eq!(manifests(engine.world()), shown);
    let described =
        rolloutscope::kubectl::read_line(engine.world(), "kubectl describe deployment probed").unwrap().unwrap();
    for line in [
        "    Liveness:      exec [cat /tmp/healthy] delay=0s timeout=1s period=5s successThreshold=1 failureThreshold=3",
        "    Readiness:     http-get https://:8443/ready delay=0s timeout=1s period=2s successThreshold=1 failureThreshold=3",
        "    Startup:       grpc <pod>:9000 health delay=0s timeout=1s period=10s successThreshold=1 failureThreshold=30",
    ] {
        assert!(described.lines().any(|l| l == line), "{line}\nnot in\n{described}");
    }
    // A change to what the engine does not model is a change of the template: a new revision.
    let https_off = shown.replacen("scheme: HTTPS", "scheme: HTTP", 1);
    assert_eq!(
        apply(&mut engine, &knobs, &https_off, false),
        Ok("deployment.apps/http-go unchanged\ndeployment.apps/probed configured\nservice/http-go unchanged".into())
    );
    engine.run_to(at(120));
    assert_eq!(engine.world().deployments["probed"].metadata.annotations["deployment.kubernetes.io/revision"], "2");
}

/// A ResourceQuota applied from a file (the YAML panel's apply, a scenario's manifests): created,
/// unchanged or configured as kubectl says, refused with the apiserver's words where the value is
/// invalid and with the simulator's where it counts only pods; then enforced on the next pod.
#[test]
fn a_resource_quota_is_applied_from_a_file_and_enforced() {
    let knobs = Knobs { replicas: 3, ..Knobs::default() };
    let mut engine = Engine::new(&knobs, 3);
    engine.run_to(at(10));
    let quota = |pods: &str| {
        format!("apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: pods\nspec:\n  hard:\n    pods: \"{pods}\"\n")
    };
    assert_eq!(apply(&mut engine, &knobs, &quota("3"), false), Ok("resourcequota/pods created".into()));
    assert_eq!(apply(&mut engine, &knobs, &quota("3"), false), Ok("resourcequota/pods unchanged".into()));
    assert_eq!(
        apply(&mut engine, &knobs, &quota("3"), true).unwrap_err(),
        "Error from server (AlreadyExists): error when creating \"manifests.yaml\": resourcequotas \"pods\" already exists"
    );
    assert!(apply(&mut engine, &knobs, &quota("-1"), false).unwrap_err().contains(
        "The ResourceQuota \"pods\" is invalid: spec.hard[pods]: Invalid value: \"-1\": must be greater than or equal to 0"
    ));
    let cpu = quota("3").replace("pods: \"3\"", "requests.cpu: \"1\"");
    assert!(apply(&mut engine, &knobs, &cpu, false).unwrap_err().contains("counts pods only"));
    // Enforced: a deleted pod's replacement waits until the deleted one is gone.
    engine.perform(&knobs, Step::Kubectl("kubectl scale deployment http-go --replicas=4".into())).unwrap();
    engine.run_to(at(30));
    let w = engine.world();
    assert_eq!(w.pods.len(), 3);
    assert!(w.events().iter().any(|e| e.kind == "FailedCreate"
        && e.message
            .ends_with("is forbidden: exceeded quota: pods, requested: pods=1, used: pods=3, limited: pods=3")));
    assert_eq!(
        rolloutscope::kubectl::read_line(w, "kubectl get resourcequota pods").unwrap().unwrap(),
        "NAME   REQUEST     LIMIT   AGE\npods   pods: 3/3           20s"
    );
    assert_eq!(
        engine.perform(&knobs, Step::Kubectl("kubectl delete resourcequota pods".into())),
        Ok("resourcequota \"pods\" deleted from default namespace".into())
    );
    engine.run_to(at(120));
    assert_eq!(engine.world().deployments["http-go"].status.available_replicas, 4);
}

/// A scenario file's manifests may hold a ResourceQuota, in force from time zero.
#[test]
fn a_scenario_file_starts_with_its_resource_quota() {
    let text = std::fs::read_to_string("examples/resource-quota.yaml").unwrap();
    let s = rolloutscope::k8s::scenario_file::read(&text, "resource-quota.yaml").unwrap();
    assert_eq!(s.resource_quotas.len(), 1);
    let mut w = s.world();
    w.run_until(at(90));
    let d = &w.deployments["http-go"];
    let progressing = d.status.condition(rolloutscope::sim::objects::ConditionType::Progressing).unwrap();
    assert_eq!(progressing.reason, "ProgressDeadlineExceeded");
    assert!(w.events().iter().any(|e| e.kind == "FailedCreate"));
}

/// The preStop fix typed in the console (issue 27): `kubectl patch` of a container's
/// `lifecycle.preStop.sleep.seconds` and of `terminationGracePeriodSeconds` changes the template
/// (so it rolls out), validated with the apiserver's words; `lifecycle: null` removes the hook.
#[test]
fn kubectl_patch_sets_the_pre_stop_sleep_and_the_grace_period() {
    let knobs = Knobs::default();
    let mut engine = Engine::new(&knobs, 1);
    engine.run_to(at(10));
    let patch = |engine: &mut Engine, body: &str| {
        engine.perform(&knobs, Step::Kubectl(format!("kubectl patch deployment http-go -p '{body}'")))
    };
    let hook = r#"{"spec":{"template":{"spec":{"terminationGracePeriodSeconds":40,"containers":[{"name":"http-go","lifecycle":{"preStop":{"sleep":{"seconds":5}}}}]}}}}"#;
    assert_eq!(patch(&mut engine, hook), Ok("deployment.apps/http-go patched".into()));
    assert_eq!(patch(&mut engine, hook), Ok("deployment.apps/http-go patched (no change)".into()));
    let t = &engine.world().deployments["http-go"].spec.template;
    assert_eq!((t.containers[0].pre_stop_sleep_seconds, t.termination_grace_period_seconds), (Some(5), 40));
    let too_long = r#"{"spec":{"template":{"spec":{"containers":[{"name":"http-go","lifecycle":{"preStop":{"sleep":{"seconds":50}}}}]}}}}"#;
    assert!(patch(&mut engine, too_long)
        .unwrap_err()
        .ends_with("Invalid value: 50: must be non-negative and less than terminationGracePeriodSeconds (40)"));
    let exec = r#"{"spec":{"template":{"spec":{"containers":[{"name":"http-go","lifecycle":{"preStop":{"exec":{"command":["sleep","5"]}}}}]}}}}"#;
    assert!(patch(&mut engine, exec).unwrap_err().contains("models a preStop hook that sleeps"));
    // The changed template rolls out: every pod ends on it, with the hook.
    engine.run_to(at(120));
    let w = engine.world();
    assert_eq!(w.deployments["http-go"].status.updated_replicas, w.deployments["http-go"].spec.replicas);
    assert!(w
        .pods
        .values()
        .filter(|p| !p.is_terminating())
        .all(|p| p.spec.containers[0].pre_stop_sleep_seconds == Some(5)));
    let off = r#"{"spec":{"template":{"spec":{"containers":[{"name":"http-go","lifecycle":null}]}}}}"#;
    assert_eq!(patch(&mut engine, off), Ok("deployment.apps/http-go patched".into()));
    assert_eq!(engine.world().deployments["http-go"].spec.template.containers[0].pre_stop_sleep_seconds, None);
}

/// An HTTPRoute applied from the panel, deleted with kubectl, is gone from the panel and from
/// `get`, and applying the same text again creates it again: delete is the inverse of apply.
#[test]
fn an_httproute_applied_then_deleted_then_applied_again() {
    let knobs = Knobs { strategy: StrategyKind::Canary, ..Knobs::default() };
    let mut engine = Engine::new(&knobs, 5);
    engine.run_to(at(10));
    let route = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: beta\nspec:\n  \
                 parentRefs: [{name: http-go}]\n  hostnames: [beta.example.com]\n  rules:\n  - backendRefs: [{name: http-go, port: 80}]\n";
    assert_eq!(apply(&mut engine, &knobs, route, false), Ok("httproute.gateway.networking.k8s.io/beta created".into()));
    assert!(manifests(engine.world()).contains("name: beta\n"));
    let delete = |engine: &mut Engine, line: &str| engine.perform(&knobs, Step::Kubectl(line.into()));
    assert_eq!(
        delete(&mut engine, "kubectl delete httproute beta"),
        Ok("httproute.gateway.networking.k8s.io \"beta\" deleted from default namespace".into())
    );
    assert!(!manifests(engine.world()).contains("name: beta\n"));
    assert_eq!(
        delete(&mut engine, "kubectl delete httproute beta"),
        Err("Error from server (NotFound): httproutes.gateway.networking.k8s.io \"beta\" not found".into())
    );
    // The strategy's own route is untouched, and the same text applies as new.
    assert!(engine.world().gateway.routes.contains_key("http-go"));
    assert_eq!(apply(&mut engine, &knobs, route, false), Ok("httproute.gateway.networking.k8s.io/beta created".into()));
}

/// The reader reads at most 512 KiB: a longer file is refused whole, in the words the page also
/// shows at once when such a text is pasted into the panel (`manifest::reader::too_large`), and a
/// file of exactly the limit is read.
#[test]
fn a_file_past_what_the_reader_reads_is_refused_in_the_words_the_page_shows_for_a_paste() {
    use rolloutscope::manifest::reader::{too_large, MAX_TEXT};
    let knobs = Knobs::default();
    let engine = Engine::new(&knobs, 1);
    let shown = manifests(engine.world());
    let padded = |len: usize| format!("{shown}{}\n", "#".repeat(len - shown.len() - 1));
    assert!(objects(&padded(MAX_TEXT), false).is_ok());
    let refused = read(&padded(MAX_TEXT + 1), PANEL_FILE, false).unwrap_err();
    assert_eq!((refused.line, refused.message.as_str()), (None, too_large(PANEL_FILE).as_str()));
    assert_eq!(too_large(PANEL_FILE), "error: manifests.yaml: the file is larger than the 512 KiB the simulator reads");
}

/// A paste or a drop is measured before the browser inserts it: what the field keeps outside the
/// selection plus what comes in. Pasting over the whole text counts only the paste; pasting at
/// the end of a long text counts both.
#[test]
fn a_paste_is_measured_with_what_it_replaces_before_it_is_inserted() {
    use rolloutscope::manifest::reader::{fits_after_insertion, MAX_TEXT};
    assert!(fits_after_insertion(1_000, 1_000, MAX_TEXT));
    assert!(!fits_after_insertion(1_000, 999, MAX_TEXT));
    assert!(fits_after_insertion(MAX_TEXT - 10, 0, 10));
    assert!(!fits_after_insertion(MAX_TEXT - 10, 0, 11));
    assert!(!fits_after_insertion(0, 0, 5 * 1024 * 1024));
    // A selection the browser reports past the text's end, and a paste of usize::MAX units,
    // neither panic nor wrap.
    assert!(fits_after_insertion(10, 50, 0));
    assert!(!fits_after_insertion(10, 0, usize::MAX));
}

/// A Gateway and a GatewayClass count the generations of their spec as the apiserver does: the
/// same spec applied again is `unchanged` and keeps the generation, another spec is
/// `configured` and one more, and the controller's conditions observe it.
#[test]
fn a_gateway_and_its_class_count_their_generations() {
    let knobs = Knobs { strategy: StrategyKind::Canary, ..Knobs::default() };
    let mut engine = Engine::new(&knobs, 5);
    engine.run_to(at(5));
    let class = |description: &str| {
        format!(
            "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: lab\nspec:\n  \
             controllerName: example.com/lab\n  description: {description}\n"
        )
    };
    let gateway = |port: u16| {
        format!(
            "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: lab\nspec:\n  \
             gatewayClassName: lab\n  listeners:\n  - {{name: http, protocol: HTTP, port: {port}}}\n"
        )
    };
    let generation = |engine: &Engine, kind: &str| -> serde_json::Value {
        let out =
            rolloutscope::kubectl::read_line(engine.world(), &format!("get {kind} lab -o json")).unwrap().unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let observed = v["status"]["conditions"][0]["observedGeneration"].clone();
        assert_eq!(v["metadata"]["generation"], observed, "{kind}: the conditions observe the generation");
        v["metadata"]["generation"].clone()
    };
    assert_eq!(
        apply(&mut engine, &knobs, &class("one"), false),
        Ok("gatewayclass.gateway.networking.k8s.io/lab created".into())
    );
    assert_eq!(
        apply(&mut engine, &knobs, &gateway(80), false),
        Ok("gateway.gateway.networking.k8s.io/lab created".into())
    );
    assert_eq!((generation(&engine, "gatewayclass"), generation(&engine, "gateway")), (1.into(), 1.into()));
    assert_eq!(
        apply(&mut engine, &knobs, &gateway(80), false),
        Ok("gateway.gateway.networking.k8s.io/lab unchanged".into())
    );
    assert_eq!(generation(&engine, "gateway"), 1);
    assert_eq!(
        apply(&mut engine, &knobs, &gateway(8080), false),
        Ok("gateway.gateway.networking.k8s.io/lab configured".into())
    );
    assert_eq!(
        apply(&mut engine, &knobs, &class("two"), false),
        Ok("gatewayclass.gateway.networking.k8s.io/lab configured".into())
    );
    assert_eq!((generation(&engine, "gatewayclass"), generation(&engine, "gateway")), (2.into(), 2.into()));
}
