//! Requests through Services, checked over many seeds: what each strategy does to the people
//! using the application.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rolloutscope::k8s::scenario;
use rolloutscope::sim::sample::Sample;
use rolloutscope::sim::scenario::Scenario;
use rolloutscope::sim::service::Outcome;
use rolloutscope::sim::{SimDuration, SimTime, World};

fn example(name: &str, seed: u64) -> Scenario {
    let path = format!("{}/examples/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    let mut s = scenario::read(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
    s.seed = seed;
    s
}

/// Runs to `until`, sampling every second.
fn run(s: &Scenario, until_secs: u64) -> (World, Vec<Sample>) {
    let mut w = s.world();
    let mut samples = Vec::new();
    for t in 1..=until_secs {
        w.run_until(SimTime::ZERO + SimDuration::from_secs(t));
        samples.push(Sample::of(&w));
    }
    (w, samples)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// Recreate stops every old pod before starting a new one: a window with no endpoints, and
    /// the requests sent in it fail.
    #[test]
    fn recreate_has_a_window_without_endpoints_and_failed_requests(seed in any::<u64>()) {
        let (w, samples) = run(&example("recreate", seed), 90);
        let empty: Vec<u64> = samples.iter().filter(|s| s.t > 30 && s.endpoints["http-go"] == 0).map(|s| s.t).collect();
        prop_assert!(!empty.is_empty(), "no second without endpoints after the update");
        prop_assert!(w.requests.failed > 0);
        prop_assert!(w.requests.by_outcome.get(&Outcome::NoEndpoints).copied().unwrap_or(0) > 0);
        // Once the first pods are ready and until the update, every request succeeds (the loop
        // starts before the application is up, so the first ones fail).
        let at = |t: u64| samples.iter().find(|s| s.t == t).unwrap().requests.failed;
        prop_assert_eq!(at(15), at(30));
        prop_assert!(samples.last().unwrap().requests.by_image.contains_key("gasbugs/http-go:v2"));
    }

    /// With a readiness probe and a preStop sleep longer than kube-proxy's lag, a rolling update
    /// fails no request; without the sleep, some requests reach pods that are already gone.
    #[test]
    fn a_pre_stop_sleep_covering_the_propagation_delay_loses_no_request(seed in any::<u64>()) {
        // Failures from t=15 s, when the first pods are long ready, to the end of the rollout.
        let failed_during_update = |samples: &[Sample]| samples[119].requests.failed - samples[14].requests.failed;
        let with_sleep = example("prestop", seed);
        let (w, samples) = run(&with_sleep, 120);
        prop_assert_eq!(failed_during_update(&samples), 0, "{:?}", w.requests.by_outcome);
        prop_assert!(w.requests.by_image.contains_key("gasbugs/http-go:v2"));

        let mut without = with_sleep.clone();
        for c in &mut without.deployments[0].spec.template.containers {
            c.pre_stop_sleep_seconds = None;
        }
        let (w, samples) = run(&without, 120);
        prop_assert!(failed_during_update(&samples) > 0);
        prop_assert!(w.requests.by_outcome.get(&Outcome::ConnectionRefused).copied().unwrap_or(0) > 0);
    }
}

#[test]
fn a_rolling_update_serves_both_versions_for_a_while() {
    let (_, samples) = run(&example("prestop", 1), 120);
    let both = samples.windows(2).filter(|w| {
        let delta = |image: &str| {
            w[1].requests.by_image.get(image).copied().unwrap_or(0)
                - w[0].requests.by_image.get(image).copied().unwrap_or(0)
        };
        delta("gasbugs/http-go:v1") > 0 && delta("gasbugs/http-go:v2") > 0
    });
    assert!(both.count() >= 3, "the Service selector matches old and new pods alike");
}

/// Requests answered by `image` in the second ending at sample `i`.
fn answered(samples: &[Sample], i: usize, image: &str) -> u64 {
    let at = |j: usize| samples[j].requests.by_image.get(image).copied().unwrap_or(0);
    at(i) - if i == 0 { 0 } else { at(i - 1) }
}

fn ready(sample: &Sample, deployment: &str) -> i64 {
    sample.replica_sets.iter().filter(|r| r.deployment == deployment).map(|r| i64::from(r.ready_replicas)).sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Blue/Green switches the Service in one patch: once kube-proxy has the new endpoints, no
    /// second is served by both versions, and the switch itself fails no request.
    #[test]
    fn blue_green_never_serves_two_versions_in_a_second_after_the_switch(seed in any::<u64>()) {
        let s = example("blue-green", seed);
        let (w, samples) = run(&s, 120);
        let switched = w.events().iter().find(|e| e.kind == "PlanStep" && e.message.contains("patch service")).map(|e| e.t);
        let switched = switched.expect("the plan patched the Service");
        // The patch lands at the end of its step, kube-proxy has it one propagation delay later.
        let settled = (switched.0 / 1000) + 2;
        for (i, sample) in samples.iter().enumerate() {
            let (v1, v2) = (answered(&samples, i, "gasbugs/http-go:v1"), answered(&samples, i, "gasbugs/http-go:v2"));
            if sample.t > settled {
                prop_assert!(v1 == 0 || v2 == 0, "t={}: v1 {v1} and v2 {v2}", sample.t);
                prop_assert!(v1 == 0, "t={}: blue still answers", sample.t);
            } else if sample.t <= switched.0 / 1000 {
                prop_assert_eq!(v2, 0, "t={}: green answered before the switch", sample.t);
            }
        }
        let failed_after_start = samples[119].requests.failed - samples[14].requests.failed;
        prop_assert_eq!(failed_after_start, 0);
    }

    /// Without a traffic router, a canary gets the share of requests that its share of ready pods
    /// gives it (over 20 s at 50 requests per second, within 6 points).
    #[test]
    fn a_replica_ratio_canary_gets_its_share_of_ready_pods(seed in any::<u64>()) {
        let s = example("canary", seed);
        let (_, samples) = run(&s, 200);
        let mut windows = 0;
        for i in 20..samples.len() {
            let window = &samples[i - 20..=i];
            let (c, st) = (ready(&window[0], "http-go-canary"), ready(&window[0], "http-go"));
            let steady = window.iter().all(|x| ready(x, "http-go-canary") == c && ready(x, "http-go") == st);
            if !steady || c == 0 || st == 0 || i % 20 != 0 {
                continue;
            }
            let v2: u64 = (i - 19..=i).map(|j| answered(&samples, j, "gasbugs/http-go:v2")).sum();
            let v1: u64 = (i - 19..=i).map(|j| answered(&samples, j, "gasbugs/http-go:v1")).sum();
            let share = v2 as f64 / (v1 + v2) as f64;
            let expected = c as f64 / (c + st) as f64;
            prop_assert!((share - expected).abs() < 0.06, "t={}: canary share {share:.3}, ready share {expected:.3}", samples[i].t);
            windows += 1;
        }
        prop_assert!(windows >= 3, "only {windows} steady windows");
    }
}

/// The client-side rolling update stops where its client stopped: both versions keep serving.
#[test]
fn an_interrupted_client_side_rolling_update_leaves_both_versions_running() {
    for seed in [1, 2, 3] {
        let s = example("rolling-update-client", seed);
        let (w, samples) = run(&s, 180);
        assert!(w.events().iter().any(|e| e.kind == "PlanInterrupted"), "seed {seed}");
        let last = samples.last().unwrap();
        assert!(ready(last, "http-go-v1") > 0 && ready(last, "http-go-v2") > 0, "seed {seed}: {last:?}");
        let n = samples.len() - 1;
        let (v1, v2): (u64, u64) = (n - 30..=n)
            .map(|i| (answered(&samples, i, "gasbugs/http-go:v1"), answered(&samples, i, "gasbugs/http-go:v2")))
            .fold((0, 0), |(a, b), (x, y)| (a + x, b + y));
        assert!(v1 > 0 && v2 > 0, "seed {seed}: the last 30 s were answered by v1 {v1} and v2 {v2}");
        // Without the interruption the same plan finishes the job.
        let mut whole = s.clone();
        whole.plan.as_mut().unwrap().interrupted_at = None;
        let (_, samples) = run(&whole, 180);
        let last = samples.last().unwrap();
        assert_eq!((ready(last, "http-go-v1"), ready(last, "http-go-v2")), (0, 4), "seed {seed}");
    }
}
