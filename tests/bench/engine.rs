//! Engine benchmark (prints figures; not a timed test): `cargo bench --bench engine`.
//!
//! - a RollingUpdate of 1,000 and of 10,000 replicas with readiness probes, run to completion;
//! - seeking to moments of a 10-minute run with 100 replicas.

use std::time::Instant;

use rolloutscope::sim::objects::*;
use rolloutscope::sim::{Intent, Run, SimTime, World};

fn rollout(replicas: i32) -> (f64, SimTime, usize) {
    let mut d = Deployment::new("web", "app:v1", replicas);
    d.spec.template.containers[0].readiness_probe = Some(Probe { period_seconds: 2, ..Probe::default() });
    let mut w = World::with_nodes(1, 50);
    w.apply(Intent::Apply { deployment: Box::new(d) }).unwrap();
    w.run_until(SimTime::from_secs(60));
    let start = Instant::now();
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
        assert!(w.time() < began + rolloutscope::sim::SimDuration::from_secs(3600), "the rollout did not complete");
    }
    (start.elapsed().as_secs_f64() * 1000.0, SimTime::from_millis((w.time() - began).as_millis()), w.events().len())
}

fn main() {
    for replicas in [1_000, 10_000] {
        let (ms, took, events) = rollout(replicas);
        println!("rolling update of {replicas:>6} replicas with readiness probes: {ms:8.1} ms wall, {took} simulated, {events} events");
    }

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
    let mut worst = 0f64;
    let mut total = 0f64;
    let targets: Vec<u64> = (0..60).map(|i| (i * 9_973) % 600_000).collect();
    for t in &targets {
        let start = Instant::now();
        run.seek(SimTime::from_millis(*t));
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        worst = worst.max(ms);
        total += ms;
    }
    println!(
        "seek in a 10-minute run with 100 replicas: worst {worst:.2} ms, mean {:.2} ms over {} random moments",
        total / targets.len() as f64,
        targets.len()
    );
}
