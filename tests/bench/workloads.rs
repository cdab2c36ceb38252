//! The engine benchmark's workloads, shared by the native benchmark (`tests/bench/engine.rs`)
//! and the browser one (`tests/browser_bench.rs`), so both measure exactly the same work. Each
//! takes the platform's clock in milliseconds and returns lines of figures.

use rolloutscope::sim::objects::*;
use rolloutscope::sim::service::{Service, Traffic};
use rolloutscope::sim::{Intent, Run, SimDuration, SimTime, World};

/// A RollingUpdate of `replicas` with readiness probes, from `set image` to complete:
/// (wall milliseconds, simulated duration, events recorded).
fn rollout(replicas: i32, now_ms: &dyn Fn() -> f64) -> (f64, SimDuration, usize) {
    let mut d = Deployment::new("web", "app:v1", replicas);
    d.spec.template.containers[0].readiness_probe = Some(Probe { period_seconds: 2, ..Probe::default() });
    let mut w = World::with_nodes(1, 50);
    w.apply(Intent::Apply { deployment: Box::new(d) }).unwrap();
    w.run_until(SimTime::from_secs(60));
    let start = now_ms();
    w.apply(Intent::SetImage { deployment: "web".into(), container: "web".into(), image: "app:v2".into() }).unwrap();
    let began = w.time();
    loop {
        w.step();
        let d = &w.deployments["web"];
        let done = d.status.condition(ConditionType::Progressing).is_some_and(|c| c.reason == "NewReplicaSetAvailable")
            && d.status.updated_replicas == replicas
            && d.status.replicas == replicas
            && d.status.available_replicas == replicas;
        if done {
            break;
        }
        assert!(w.time() < began + SimDuration::from_secs(3600), "the rollout did not complete");
    }
    (now_ms() - start, w.time() - began, w.events().len())
}

/// Seeks to 60 moments of a 10-minute run with 100 replicas and five rollouts:
/// (worst milliseconds, mean milliseconds, moments).
fn seek(now_ms: &dyn Fn() -> f64) -> (f64, f64, usize) {
    let mut d = Deployment::new("web", "app:v1", 100);
    d.spec.template.containers[0].readiness_probe = Some(Probe { period_seconds: 2, ..Probe::default() });
    let mut w = World::with_nodes(1, 10);
    w.apply(Intent::Apply { deployment: Box::new(d) }).unwrap();
    for (i, at) in [60u64, 180, 300, 420, 540].iter().enumerate() {
        w.schedule(
            SimTime::from_secs(*at),
            Intent::SetImage { deployment: "web".into(), container: "web".into(), image: format!("app:v{}", i + 2) },
        );
    }
    let mut run = Run::new(w);
    run.run_until(SimTime::from_secs(600));
    let targets: Vec<u64> = (0..60).map(|i| (i * 9_973) % 600_000).collect();
    let (mut worst, mut total) = (0f64, 0f64);
    for t in &targets {
        let start = now_ms();
        run.seek(SimTime::from_millis(*t));
        let ms = now_ms() - start;
        worst = worst.max(ms);
        total += ms;
    }
    (worst, total / targets.len() as f64, targets.len())
}

/// 500 replicas behind a Service at 1,000 requests per second for 10 simulated minutes, with a
/// rolling update at 1 minute: (wall milliseconds, requests sent, requests failed).
fn traffic(now_ms: &dyn Fn() -> f64) -> (f64, u64, u64) {
    let mut d = Deployment::new("web", "app:v1", 500);
    d.spec.template.containers[0].readiness_probe = Some(Probe { period_seconds: 2, ..Probe::default() });
    let mut w = World::with_nodes(1, 50);
    w.services.insert("web".into(), Service::new("web", d.spec.selector.clone()));
    w.traffic = vec![Traffic::to_service("web", 1_000)];
    w.apply(Intent::Apply { deployment: Box::new(d) }).unwrap();
    w.schedule(
        SimTime::from_secs(60),
        Intent::SetImage { deployment: "web".into(), container: "web".into(), image: "app:v2".into() },
    );
    let start = now_ms();
    w.run_until(SimTime::from_secs(600));
    (now_ms() - start, w.requests.sent, w.requests.failed)
}

/// The what-if sweeps (20 × 20) of the page's default run: maxSurge × maxUnavailable at 4 and
/// at 20 replicas (where no two percentages resolve alike, so all 399 valid cells run), and
/// maxSurge × replicas 1 to 20: (what, wall milliseconds, rollouts simulated).
fn sweeps(now_ms: &dyn Fn() -> f64) -> Vec<(String, f64, usize)> {
    use rolloutscope::sweep::{Plane, Sweep};
    [(Plane::SurgeByUnavailable, 4), (Plane::SurgeByUnavailable, 20), (Plane::SurgeByReplicas, 4)]
        .into_iter()
        .map(|(plane, replicas)| {
            let knobs = rolloutscope::setup::Knobs { replicas, ..Default::default() };
            let start = now_ms();
            let mut sweep = Sweep::new(&knobs, plane, 1).expect("the default settings sweep");
            while !sweep.advance(&mut || true) {}
            let what = match plane {
                Plane::SurgeByUnavailable => format!("maxSurge x maxUnavailable with {replicas} replicas"),
                _ => format!("{} of the default run", plane.id()),
            };
            (what, now_ms() - start, sweep.runs())
        })
        .collect()
}

/// The page's run left playing for a class: 1,000 replicas (the page's engine, with its samples,
/// checkpoints and event log) for an hour of simulated time, a new version deployed every ten
/// minutes. `memory` reads the bytes in use (natively a counting allocator; in the browser the
/// wasm memory's size, which only grows). Returns (wall ms, checkpoints, pods they hold, bytes).
pub fn long_run(now_ms: &dyn Fn() -> f64, memory: &dyn Fn() -> usize) -> (f64, usize, usize, usize) {
    use rolloutscope::session::{Engine, Step};
    let knobs = rolloutscope::setup::Knobs { replicas: 1_000, ..Default::default() };
    let start = now_ms();
    let mut engine = Engine::new(&knobs, 1);
    for minute in (1..60).step_by(10) {
        engine.run_to(SimTime::from_secs(minute * 60));
        engine.perform(&knobs, Step::Deploy).expect("a new version deploys");
    }
    engine.run_to(SimTime::from_secs(3_600));
    (now_ms() - start, engine.run.checkpoints(), engine.run.checkpoint_load(), memory())
}

/// The bound `long_run` is held to (a classroom budget): 256 MiB.
pub const LONG_RUN_BUDGET: usize = 256 << 20;

/// Every workload, as the lines both benchmarks print. One unmeasured rollout warms up first (a
/// browser compiles wasm with a baseline compiler and swaps in optimized code while it runs);
/// then each rollout runs three times and the best and the median are reported.
pub fn run_all(now_ms: &dyn Fn() -> f64, memory: &dyn Fn() -> usize) -> Vec<String> {
    rollout(1_000, now_ms);
    let mut lines = Vec::new();
    let mut best_of = Vec::new();
    for replicas in [1_000, 10_000] {
        let mut runs: Vec<(f64, SimDuration, usize)> = (0..3).map(|_| rollout(replicas, now_ms)).collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (best, took, events) = runs[0];
        let median = runs[1].0;
        lines.push(format!(
            "rolling update of {replicas:>6} replicas with readiness probes: best {best:7.1} ms, median {median:7.1} ms \
             (of 3), {took} simulated, {events} events"
        ));
        best_of.push(best);
    }
    // Issue 31's bound: a step's cost linear in pods, so 10,000 replicas within 12x of 1,000.
    if let [small, large] = best_of[..] {
        lines.push(format!(
            "rolling update, 10,000 against 1,000 replicas (best of 3 each): {:.1}x (linear would be 10x; bound 12x)",
            large / small
        ));
    }
    let (worst, mean, n) = seek(now_ms);
    lines.push(format!(
        "seek in a 10-minute run with 100 replicas: worst {worst:.2} ms, mean {mean:.2} ms over {n} moments"
    ));
    for (what, ms, runs) in sweeps(now_ms) {
        lines.push(format!("what-if sweep 20x20, {what}: {ms:.1} ms wall, {runs} rollouts simulated"));
    }
    let (ms, checkpoints, pods, bytes) = long_run(now_ms, memory);
    lines.push(format!(
        "1,000 replicas for an hour, a deploy every 10 minutes (the page's engine): {ms:.0} ms wall, \
         {checkpoints} checkpoints holding {pods} pods, {:.1} MiB in use (budget {} MiB)",
        bytes as f64 / 1_048_576.0,
        LONG_RUN_BUDGET >> 20
    ));
    let (ms, sent, failed) = traffic(now_ms);
    lines.push(format!(
        "500 replicas at 1,000 requests/s for 10 simulated minutes with a rolling update: {ms:.1} ms wall, \
         {sent} requests, {failed} failed"
    ));
    lines
}
