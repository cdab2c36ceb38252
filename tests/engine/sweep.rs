//! The what-if sweep's figures are those of whole runs: each cell equals the same settings run
//! from scratch (`compare::run`), and `rolloutscope simulate` on the run's scenario file.

use rolloutscope::compare::{self, summarize, Summary, DEPLOY_AT, LIMIT};
use rolloutscope::k8s::scenario_file as scenario;
use rolloutscope::session::Step;
use rolloutscope::setup::{Knobs, NewVersion, StrategyKind, FIRST_IMAGE};
use rolloutscope::sim::objects::IntOrPercent;
use rolloutscope::sim::run::next_version;
use rolloutscope::sweep::{Cell, Plane, Sweep, STEPS};
use rolloutscope::{run_file, yaml};

fn sweep(knobs: &Knobs) -> Vec<Cell> {
    sweep_over(knobs, Plane::SurgeByUnavailable)
}

fn sweep_over(knobs: &Knobs, plane: Plane) -> Vec<Cell> {
    let mut s = Sweep::new(knobs, plane, 1).unwrap();
    // In small slices, as the page makes it.
    let mut slices = 0;
    loop {
        let mut budget = 7;
        let done = s.advance(&mut || {
            budget -= 1;
            budget > 0
        });
        slices += 1;
        if done {
            break;
        }
    }
    assert!(slices > 10, "the sweep is made in slices");
    assert_eq!(s.cells().len(), STEPS * STEPS);
    s.cells().to_vec()
}

/// `rolloutscope simulate` on the scenario file of the run (deploy at 10 s), summarized.
fn simulated(knobs: &Knobs) -> Summary {
    let file = run_file::of_run(knobs, 1, &[(DEPLOY_AT, Step::Deploy)]);
    let read = scenario::read(&yaml::to_string(&file), "cell.yaml").unwrap();
    let (_, samples) = rolloutscope::cli::run_sampled(&read, DEPLOY_AT + LIMIT, false);
    summarize(&samples, knobs.replicas, &next_version(FIRST_IMAGE), DEPLOY_AT)
}

#[test]
fn each_cell_is_the_run_made_from_scratch() {
    for knobs in [
        Knobs::default(),
        Knobs { replicas: 7, min_ready_seconds: 3, ..Knobs::default() },
        Knobs {
            replicas: 5,
            strategy: StrategyKind::Recreate,
            new_version: NewVersion::SlowToStart,
            ..Knobs::default()
        },
    ] {
        let cells = sweep(&knobs);
        assert_eq!(cells[0].summary, None, "0% and 0% is refused");
        // Every 7th cell (all rows and columns are visited), from scratch.
        for c in cells.iter().skip(1).step_by(7) {
            let (_, want) = compare::run(&c.knobs(&knobs), StrategyKind::RollingUpdate, 1);
            assert_eq!(c.summary.as_ref(), Some(&want), "{} / {} of {knobs:?}", c.max_surge, c.max_unavailable);
        }
    }
}

/// A Canary, on the Gateway or the NGINX Ingress, is swept as its plan: each cell is that plan
/// run from scratch with the cell's maxSurge and maxUnavailable for the app's last rollout.
#[test]
fn a_canary_is_swept_as_its_plan_on_either_router() {
    use rolloutscope::setup::Router;
    for router in Router::ALL {
        let knobs = Knobs { strategy: StrategyKind::Canary, router, ..Knobs::default() };
        let cells = sweep(&knobs);
        for c in cells.iter().skip(1).step_by(37) {
            assert_eq!(c.knobs(&knobs).strategy, StrategyKind::Canary);
            let (_, want) = compare::run(&c.knobs(&knobs), StrategyKind::Canary, 1);
            assert_eq!(c.summary.as_ref(), Some(&want), "{router:?}: {} / {}", c.max_surge, c.max_unavailable);
            assert!(want.complete_after.is_some_and(|t| t > 60), "{router:?}: the plan's pauses come first: {want:?}");
        }
        // The last rollout reads maxSurge: one pod more (25%) or five (95% of 4, rounded up).
        let peak = |surge: usize| cells[surge].summary.as_ref().unwrap().peak_pods;
        assert!(peak(19) > peak(1), "{router:?}");
    }
}

#[test]
fn cells_agree_with_rolloutscope_simulate() {
    let knobs = Knobs { replicas: 6, ..Knobs::default() };
    let cells = sweep(&knobs);
    for i in [1, 20, 21, 47, 95, 210, 399] {
        let c = &cells[i];
        let want = simulated(&c.knobs(&knobs));
        assert_eq!(c.summary.as_ref(), Some(&want), "{} / {}", c.max_surge, c.max_unavailable);
    }
}

#[test]
fn the_heatmap_teaches_the_fenceposts() {
    // 4 replicas: maxSurge rounds up (5% is already one pod more), maxUnavailable rounds down
    // (up to 20% is still none).
    let cells = sweep(&Knobs::default());
    let peak =
        |surge: usize, unavailable: usize| cells[unavailable * STEPS + surge].summary.as_ref().unwrap().peak_pods;
    assert_eq!(peak(1, 0), 5);
    assert_eq!(peak(5, 5), 5);
    assert_eq!(peak(0, 5), 4);
    assert_eq!(peak(19, 0), 8);
    let fewest = |surge: usize, unavailable: usize| {
        cells[unavailable * STEPS + surge].summary.as_ref().unwrap().fewest_available
    };
    assert_eq!(fewest(1, 4), 4, "20% of 4 rounds down to 0 unavailable");
    assert_eq!(fewest(1, 5), 3, "25% of 4 is one");
}

/// Keeps `got` in `tests/fixtures/NAME`, which the end-to-end tests read.
fn kept(name: &str, got: serde_json::Value) {
    crate::common::kept(&format!("tests/fixtures/{name}"), &(serde_json::to_string(&got).unwrap() + "\n"));
}

/// The default run's sweep over maxSurge × replicas, kept for the end-to-end test.
#[test]
fn the_default_sweep_over_replicas_is_kept_for_the_page() {
    let got = sweep_over(&Knobs::default(), Plane::SurgeByReplicas)
        .iter()
        .map(|c| {
            let s = c.summary.as_ref();
            serde_json::json!({
                "surge": c.max_surge.to_string(),
                "unavailable": c.max_unavailable.to_string(),
                "replicas": c.replicas,
                "completeAfter": s.and_then(|s| s.complete_after),
                "peakPods": s.map(|s| s.peak_pods),
                "failedRequests": s.map(|s| s.failed_requests),
            })
        })
        .collect();
    kept("sweep-replicas.json", got);
}

/// The default run's sweep, kept for the end-to-end test, which finds the same numbers in the page.
#[test]
fn the_default_sweep_is_kept_for_the_page() {
    let got: serde_json::Value = sweep(&Knobs::default())
        .iter()
        .map(|c| {
            let s = c.summary.as_ref();
            serde_json::json!({
                "surge": percent(c.max_surge),
                "unavailable": percent(c.max_unavailable),
                "completeAfter": s.and_then(|s| s.complete_after),
                "peakPods": s.map(|s| s.peak_pods),
                "failedRequests": s.map(|s| s.failed_requests),
            })
        })
        .collect();
    kept("sweep-default.json", got);
}

fn percent(v: IntOrPercent) -> i32 {
    match v {
        IntOrPercent::Percent(p) => p,
        IntOrPercent::Int(n) => panic!("{n} is a count; this plane sweeps percentages"),
    }
}

fn assert_is(c: &Cell, want: &Summary) {
    let at = format!("{} / {} at {} replicas", c.max_surge, c.max_unavailable, c.replicas);
    assert_eq!(c.summary.as_ref(), Some(want), "{at}");
}

#[test]
fn a_sweep_over_replicas_is_the_runs_made_from_scratch() {
    // maxUnavailable kept as applied (a count here), maxSurge across, replicas 1 to 20 down.
    let knobs = Knobs { max_unavailable: "1".into(), min_ready_seconds: 2, ..Knobs::default() };
    let cells = sweep_over(&knobs, Plane::SurgeByReplicas);
    for (i, c) in cells.iter().enumerate() {
        assert_eq!((c.replicas, c.max_unavailable), (1 + (i / STEPS) as i32, IntOrPercent::Int(1)));
        assert_eq!(c.max_surge, IntOrPercent::Percent(5 * (i % STEPS) as i32));
    }
    for c in cells.iter().step_by(7) {
        let (_, want) = compare::run(&c.knobs(&knobs), StrategyKind::RollingUpdate, 1);
        assert_is(c, &want);
    }
    // And maxUnavailable across, maxSurge kept.
    let cells = sweep_over(&Knobs::default(), Plane::UnavailableByReplicas);
    for c in cells.iter().skip(3).step_by(11) {
        assert_eq!(c.max_surge, IntOrPercent::Percent(25));
        let want = simulated(&c.knobs(&Knobs::default()));
        assert_is(c, &want);
    }
}

#[test]
fn over_replicas_the_same_percentage_is_more_pods() {
    // maxSurge 25% is one pod more at 1 to 4 replicas, two at 5 to 8 (it rounds up); with
    // maxUnavailable 25% (rounded down) none of 1 to 3 replicas may be missing.
    let cells = sweep_over(&Knobs::default(), Plane::SurgeByReplicas);
    let at = |replicas: usize, surge: usize| cells[(replicas - 1) * STEPS + surge].summary.as_ref().unwrap();
    for replicas in 1..=20 {
        assert_eq!(at(replicas, 5).peak_pods as usize, replicas + replicas.div_ceil(4), "{replicas} replicas");
    }
    for replicas in 1..=3 {
        assert_eq!(at(replicas, 5).fewest_available as usize, replicas, "{replicas} replicas");
    }
    assert_eq!(at(4, 5).fewest_available, 3);
    // 0% / 25% at 1 replica resolves to 0 and 0: the controller lets one pod be missing.
    assert_eq!(at(1, 0).peak_pods, 1);
    assert_eq!(at(1, 0).fewest_available, 0);
}

#[test]
fn a_sweep_over_replicas_needs_a_valid_kept_value() {
    // A Recreate run never reads maxSurge, so it may hold anything; a sweep that keeps it says no.
    let knobs = Knobs { strategy: StrategyKind::Recreate, max_surge: "lots".into(), ..Knobs::default() };
    let err = Sweep::new(&knobs, Plane::UnavailableByReplicas, 1).err().unwrap();
    assert!(err.starts_with("spec.strategy.rollingUpdate.maxSurge: Invalid value: \"lots\""), "{err}");
    assert!(Sweep::new(&knobs, Plane::SurgeByReplicas, 1).is_ok());
    assert!(Sweep::new(&knobs, Plane::SurgeByUnavailable, 1).is_ok());
    // Kept 0 is fine, but the 0% column is then refused in every row.
    let knobs = Knobs { max_unavailable: "0".into(), ..Knobs::default() };
    let cells = sweep_over(&knobs, Plane::SurgeByReplicas);
    assert!(cells.iter().all(|c| (c.summary.is_none()) == (c.max_surge == IntOrPercent::Percent(0))));
}

/// Two RollingUpdates with their own settings on the default run, kept for the page as well.
#[test]
fn the_default_variants_are_kept_for_the_page() {
    let got: serde_json::Value = [("1", "0"), ("0", "1")]
        .into_iter()
        .map(|(surge, unavailable)| {
            let (_, summary) =
                compare::run(&compare::variant(&Knobs::default(), surge, unavailable), StrategyKind::RollingUpdate, 1);
            serde_json::json!({"variant": format!("maxSurge={surge},maxUnavailable={unavailable}"), "summary": summary})
        })
        .collect();
    crate::common::kept("tests/fixtures/compare-variants.json", &(serde_json::to_string_pretty(&got).unwrap() + "\n"));
}

/// The figures of the default settings, kept in a file that the end-to-end test compares
/// with what the page shows: the same engine gives the same figures natively and in the page.
#[test]
fn the_default_comparison_is_kept_for_the_page() {
    let rows: Vec<(StrategyKind, Summary)> =
        [StrategyKind::Recreate, StrategyKind::RollingUpdate, StrategyKind::BlueGreen]
            .into_iter()
            .map(|s| (s, compare::run(&Knobs::default(), s, 1).1))
            .collect();
    let got: serde_json::Value =
        rows.iter().map(|(s, sum)| serde_json::json!({"strategy": s.id(), "summary": sum})).collect();
    crate::common::kept("tests/fixtures/compare-default.json", &(serde_json::to_string_pretty(&got).unwrap() + "\n"));
}

/// The Canary on the Gateway (its HTTPRoute's weights) and on the retired NGINX Ingress (its
/// canary annotations), on the default run: kept for the end-to-end test of the comparison.
#[test]
fn the_canary_on_each_router_is_kept_for_the_page() {
    let got: serde_json::Value = compare::Choice::all()
        .into_iter()
        .filter(|c| c.strategy == StrategyKind::Canary)
        .map(|c| {
            let (_, summary) = compare::run(&c.knobs(&Knobs::default()), c.strategy, 1);
            serde_json::json!({"choice": c.id(), "strategy": c.strategy.id(), "router": c.router.id(), "summary": summary})
        })
        .collect();
    assert_eq!(got.as_array().map(Vec::len), Some(2));
    crate::common::kept(
        "tests/fixtures/compare-canary-routers.json",
        &(serde_json::to_string_pretty(&got).unwrap() + "\n"),
    );
}
