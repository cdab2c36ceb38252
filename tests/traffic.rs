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
