//! The what-if sweep's figures are those of whole runs: each cell equals the same settings run
//! from scratch (`compare::run`), and `rolloutscope simulate` on the run's scenario file.
#![cfg(not(target_arch = "wasm32"))]

use rolloutscope::compare::{self, summarize, Summary, DEPLOY_AT, LIMIT};
use rolloutscope::k8s::scenario;
use rolloutscope::session::Step;
use rolloutscope::setup::{Knobs, NewVersion, StrategyKind, FIRST_IMAGE};
use rolloutscope::sim::scenario::next_version;
use rolloutscope::sweep::{Cell, Sweep, STEPS};
use rolloutscope::{scenario_file, yaml};

fn sweep(knobs: &Knobs) -> Vec<Cell> {
    let mut s = Sweep::new(knobs, 1);
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

fn variant(knobs: &Knobs, c: &Cell) -> Knobs {
    compare::variant(knobs, &format!("{}%", c.max_surge), &format!("{}%", c.max_unavailable))
}

/// `rolloutscope simulate` on the scenario file of the run (deploy at 10 s), summarized.
fn simulated(knobs: &Knobs) -> Summary {
    let file = scenario_file::of_run(knobs, 1, &[(DEPLOY_AT, Step::Deploy)]);
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
            let (_, want) = compare::run(&variant(&knobs, c), StrategyKind::RollingUpdate, 1);
            assert_eq!(c.summary.as_ref(), Some(&want), "{}% / {}% of {knobs:?}", c.max_surge, c.max_unavailable);
        }
    }
}

#[test]
fn cells_agree_with_rolloutscope_simulate() {
    let knobs = Knobs { replicas: 6, ..Knobs::default() };
    let cells = sweep(&knobs);
    for i in [1, 20, 21, 47, 95, 210, 399] {
        let c = &cells[i];
        let want = simulated(&variant(&knobs, c));
        assert_eq!(c.summary.as_ref(), Some(&want), "{}% / {}%", c.max_surge, c.max_unavailable);
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

/// The default run's sweep, kept for the end-to-end test, which finds the same numbers in the page.
#[test]
fn the_default_sweep_is_kept_for_the_page() {
    let got: serde_json::Value = sweep(&Knobs::default())
        .iter()
        .map(|c| {
            let s = c.summary.as_ref();
            serde_json::json!({
                "surge": c.max_surge,
                "unavailable": c.max_unavailable,
                "completeAfter": s.and_then(|s| s.complete_after),
                "peakPods": s.map(|s| s.peak_pods),
                "failedRequests": s.map(|s| s.failed_requests),
            })
        })
        .collect();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sweep-default.json");
    if std::env::var_os("ROLLOUTSCOPE_WRITE_FIXTURES").is_some() {
        std::fs::write(path, serde_json::to_string(&got).unwrap() + "\n").unwrap();
    }
    let want: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(got, want, "regenerate with ROLLOUTSCOPE_WRITE_FIXTURES=1 only if the engine changed on purpose");
}
