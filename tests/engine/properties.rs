//! Property tests: random Deployments driven by random intents (set image, scale, pause, resume,
//! undo, delete pod, probe failures, time passing), with the named invariants checked after
//! every step. proptest prints the failing case (its seed included) and shrinks it.

use crate::invariants;
use proptest::prelude::*;

use proptest::strategy::Strategy as _;
use rolloutscope::sim::objects::Strategy;
use rolloutscope::sim::objects::*;
use rolloutscope::sim::{Intent, SimDuration, SimTime, World};

/// The run's trace in English (the legend is in src/trace.rs).
fn trace(w: &World) -> String {
    rolloutscope::trace::render(w.events(), rolloutscope::i18n::Lang::En)
}

#[derive(Clone, Debug)]
enum Action {
    SetImage(u8),
    Scale(i32),
    Pause,
    Resume,
    Undo,
    DeletePod(u8),
    FailReadiness(u8),
    NodeDown(u8),
    NodeUp(u8),
    Wait(u16),
}

fn action() -> impl proptest::strategy::Strategy<Value = Action> {
    prop_oneof![
        3 => (1u8..5).prop_map(Action::SetImage),
        2 => (0i32..9).prop_map(Action::Scale),
        1 => Just(Action::Pause),
        2 => Just(Action::Resume),
        1 => Just(Action::Undo),
        1 => any::<u8>().prop_map(Action::DeletePod),
        1 => any::<u8>().prop_map(Action::FailReadiness),
        1 => (1u8..4).prop_map(Action::NodeDown),
        1 => (1u8..4).prop_map(Action::NodeUp),
        4 => (1u16..400).prop_map(Action::Wait),
    ]
}

fn int_or_percent() -> impl proptest::strategy::Strategy<Value = IntOrPercent> {
    prop_oneof![(0i32..4).prop_map(IntOrPercent::Int), (0i32..101).prop_map(IntOrPercent::Percent)]
}

#[derive(Clone, Debug)]
struct Spec {
    seed: u64,
    replicas: i32,
    recreate: bool,
    surge: IntOrPercent,
    unavailable: IntOrPercent,
    min_ready_seconds: i32,
}

fn spec() -> impl proptest::strategy::Strategy<Value = Spec> {
    (any::<u64>(), 0i32..8, prop::bool::weighted(0.25), int_or_percent(), int_or_percent(), 0i32..6).prop_filter_map(
        "the apiserver rejects maxSurge 0 with maxUnavailable 0",
        |(seed, replicas, recreate, surge, unavailable, min_ready_seconds)| {
            let zero = |v: IntOrPercent| matches!(v, IntOrPercent::Int(0) | IntOrPercent::Percent(0));
            (!(zero(surge) && zero(unavailable))).then_some(Spec {
                seed,
                replicas,
                recreate,
                surge,
                unavailable,
                min_ready_seconds,
            })
        },
    )
}

fn build(spec: &Spec) -> World {
    let mut d = Deployment::new("web", "app:v0", spec.replicas);
    d.spec.min_ready_seconds = spec.min_ready_seconds;
    d.spec.template.containers[0].readiness_probe = Some(Probe { period_seconds: 1, ..Probe::default() });
    d.spec.strategy = if spec.recreate {
        Strategy::Recreate
    } else {
        Strategy::RollingUpdate { max_surge: Some(spec.surge), max_unavailable: Some(spec.unavailable) }
    };
    let mut w = World::with_nodes(spec.seed, 3);
    w.apply(Intent::Apply { deployment: Box::new(d) }).unwrap();
    w
}

/// Checks the named invariants (`invariants`) that hold whatever the learner does.
fn check(w: &World, rs_count_at_pause: Option<usize>) -> Result<(), String> {
    invariants::always(w)?;
    invariants::paused_creates_no_replica_set(w, "web", rs_count_at_pause)
}

fn run(spec: &Spec, actions: &[Action]) -> Result<World, String> {
    let mut w = build(spec);
    let mut rs_count_at_pause = None;
    let step = |w: &mut World, at_pause: Option<usize>| -> Result<(), String> {
        w.step();
        check(w, at_pause)
    };
    for _ in 0..100 {
        step(&mut w, rs_count_at_pause)?;
    }
    for a in actions {
        let d = "web".to_string();
        let pods: Vec<String> = w.pods.keys().cloned().collect();
        let pick = |i: u8| (!pods.is_empty()).then(|| pods[usize::from(i) % pods.len()].clone());
        let intent = match a {
            Action::SetImage(v) => {
                Some(Intent::SetImage { deployment: d, container: "web".into(), image: format!("app:v{v}") })
            }
            Action::Scale(r) => Some(Intent::Scale { deployment: d, replicas: *r }),
            Action::Pause => Some(Intent::Pause { deployment: d }),
            Action::Resume => Some(Intent::Resume { deployment: d }),
            Action::Undo => Some(Intent::Undo { deployment: d, to_revision: 0 }),
            Action::DeletePod(i) => pick(*i).map(|pod| Intent::DeletePod { pod }),
            Action::FailReadiness(i) => pick(*i).map(|pod| Intent::FailReadiness { pod }),
            Action::NodeDown(n) => Some(Intent::NodeDown { node: format!("node-{n}") }),
            Action::NodeUp(n) => Some(Intent::NodeUp { node: format!("node-{n}") }),
            Action::Wait(ticks) => {
                for _ in 0..*ticks {
                    step(&mut w, rs_count_at_pause)?;
                }
                None
            }
        };
        if let Some(intent) = intent {
            let _ = w.apply(intent);
            let d = &w.deployments["web"];
            rs_count_at_pause = d.spec.paused.then(|| rs_count_at_pause.unwrap_or(w.replica_sets_of("web").len()));
        }
        step(&mut w, rs_count_at_pause)?;
    }
    Ok(w)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_after_every_step(spec in spec(), actions in prop::collection::vec(action(), 0..12)) {
        if let Err(e) = run(&spec, &actions) {
            prop_assert!(false, "seed {}: {}", spec.seed, e);
        }
    }

    /// "With healthy images every rollout completes" and, while every pod is healthy, available
    /// pods never fall below replicas − maxUnavailable once the first rollout is done.
    #[test]
    fn healthy_rollouts_complete_within_the_availability_bound(spec in spec(), versions in prop::collection::vec(1u8..6, 1..4)) {
        let mut w = build(&spec);
        w.run_until(SimTime::from_secs(60));
        for v in versions {
            w.apply(Intent::SetImage { deployment: "web".into(), container: "web".into(), image: format!("app:v{v}") }).unwrap();
            let deadline = w.time() + SimDuration::from_secs(300);
            loop {
                w.step();
                if let Err(e) = invariants::availability_bound(&w, "web") {
                    prop_assert!(false, "seed {}: {}", spec.seed, e);
                }
                let d = &w.deployments["web"];
                let done = d.status.condition(ConditionType::Progressing).is_some_and(|c| c.reason == "NewReplicaSetAvailable")
                    && d.status.updated_replicas == d.spec.replicas && d.status.replicas == d.spec.replicas
                    && d.status.available_replicas == d.spec.replicas;
                if done {
                    break;
                }
                prop_assert!(w.time() < deadline, "seed {}: rollout to app:v{} did not complete:\n{}", spec.seed, v, trace(&w));
            }
        }
    }
}
