//! Requests through Services, checked over many seeds: what each strategy does to the people
//! using the application.

use crate::common;

use proptest::prelude::*;
use rolloutscope::sim::sample::Sample;
use rolloutscope::sim::service::{Outcome, Request};
use rolloutscope::sim::{SimDuration, SimTime, World};

use common::{example, run};

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
        // Until the update every request succeeds: the clients start once the application is up.
        let at = |t: u64| samples.iter().find(|s| s.t == t).unwrap().requests.failed;
        prop_assert_eq!(at(30), 0);
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

/// The clients start when the application is first up, not at zero while the first pods are
/// still starting: no request is sent before a pod answers, none of the first ones fails, and
/// the first is due one tick after the first pod's application started. A `from` that names a
/// moment still sends from it, whether or not anything answers.
#[test]
fn the_clients_start_when_the_application_is_first_up() {
    for name in ["rolling-update-client", "recreate", "canary-ingress", "ab-gateway", "blue-green"] {
        let scenario = example(name, 1);
        let (w, samples) = run(&scenario, 30);
        let started = w.traffic[0].started.unwrap_or_else(|| panic!("{name}: the clients never started"));
        assert!(started > SimTime::ZERO, "{name}");
        let first = w.requests.recent.iter().next().unwrap_or_else(|| panic!("{name}: no request"));
        assert!(first.sent_at > started && first.sent_at.0 <= started.0 + 1000, "{name}: {first:?} after {started:?}");
        // None fails at the start (in the A/B run, B's pod is ready 3 s after A's: the users the
        // route sends to B meet no endpoint until then, which is what that example shows).
        let b_failed = w.requests.by_service.get("http-go-b").map_or(0, |c| c.failed);
        assert_eq!(samples[20].requests.failed - b_failed, 0, "{name}: {:?}", w.requests.by_outcome);
        // The first pod's application answered by the moment the clients started.
        let up = w.pods.values().filter_map(|p| p.status.started_at).min().unwrap();
        assert!(started >= up, "{name}: started {started:?}, first container {up:?}");

        let mut at_once = scenario.clone();
        at_once.traffic[0].from = Some(SimTime::ZERO);
        let (w, _) = run(&at_once, 30);
        assert!(w.requests.failed > 0, "{name}: the requests sent before the application was up fail");
        assert_eq!(w.traffic[0].started, None);
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

/// Steps `w` to `until`, handing every request answered on the way to `each`.
fn each_request(w: &mut World, until: SimTime, mut each: impl FnMut(&World, &Request)) {
    let mut seen = w.requests.sent;
    while w.time() < until {
        w.step();
        let new = w.requests.sent - seen;
        // The log keeps the latest requests; one step sends far fewer than it keeps.
        let recent: Vec<Request> = w.requests.recent.iter().rev().take(new as usize).cloned().collect();
        assert_eq!(recent.len() as u64, new);
        for r in recent.iter().rev() {
            each(w, r);
        }
        seen = w.requests.sent;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// A/B by header: once B has an endpoint, every request of the beta group is answered by B,
    /// and no one else's ever is (gamma sends the same header with another value).
    #[test]
    fn the_ab_group_always_reaches_the_new_version_and_nobody_else_does(seed in any::<u64>()) {
        let mut w = example("ab-testing", seed).world();
        let (mut beta, mut others) = (0, 0);
        each_request(&mut w, SimTime::from_secs(119), |w, r| {
            if w.services["http-go-b"].programmed.is_empty() || r.image.is_none() {
                return;
            }
            let image = r.image.as_deref().unwrap();
            if r.group.as_deref() == Some("beta") {
                beta += 1;
                assert_eq!(image, "gasbugs/http-go:v2", "{r:?}");
            } else {
                others += 1;
                assert_eq!(image, "gasbugs/http-go:v1", "{r:?}");
            }
        });
        // 20 requests/s for about 110 s, a fifth of them from beta.
        prop_assert!(beta > 300 && others > 1000, "beta {beta}, others {others}");
    }

    /// An Ingress canary's share of requests is its weight, not its share of pods: 2 canary
    /// pods beside 3 stable ones get 10% of the requests at weight 10 and half at weight 50.
    #[test]
    fn an_ingress_canary_gets_its_weight(seed in any::<u64>()) {
        let (_, samples) = run(&example("canary-ingress", seed), 139);
        let share = |from: usize, to: usize| {
            let v2 = |i: usize| samples[i].requests.by_image.get("gasbugs/http-go:v2").copied().unwrap_or(0);
            let canary = v2(to) - v2(from);
            let all = samples[to].requests.sent - samples[from].requests.sent;
            canary as f64 / all as f64
        };
        // Samples are 1 s apart from t = 1; the weight changes at 20 s and 80 s (1 s to propagate).
        let (ten, fifty) = (share(25, 78), share(85, 137));
        prop_assert!((0.06..0.14).contains(&ten), "weight 10 gave {ten}");
        prop_assert!((0.44..0.56).contains(&fifty), "weight 50 gave {fifty}");
    }

    /// The analysis aborts the canary whose errors cross 5%, routes everything back to the
    /// stable version and scales the canary to 0; its spec stays on v2 (nothing is rolled back).
    #[test]
    fn a_failing_ingress_canary_is_aborted(seed in any::<u64>()) {
        let (w, _) = run(&example("canary-abort", seed), 200);
        let plan = w.plan.as_ref().unwrap();
        let aborted = plan.abort.as_ref().unwrap().aborted_at;
        prop_assert!(aborted.is_some_and(|t| t < SimTime::from_secs(60)), "{aborted:?}");
        prop_assert!(plan.done());
        let canary = &w.deployments["http-go-canary"];
        prop_assert_eq!(canary.spec.replicas, 0);
        prop_assert_eq!(canary.spec.template.containers[0].image.as_str(), "gasbugs/http-go:v2");
        prop_assert_eq!(w.deployments["http-go"].spec.template.containers[0].image.as_str(), "gasbugs/http-go:v1");
        let after = w.requests.recent.iter().filter(|r| r.sent_at > aborted.unwrap() + SimDuration::from_secs(2));
        prop_assert!(after.clone().count() > 100);
        for r in after {
            prop_assert_eq!(r.image.as_deref(), Some("gasbugs/http-go:v1"));
        }
    }
}

/// The healthy canary's analysis never fires, and the plan ends with everyone on v2.
#[test]
fn a_healthy_ingress_canary_is_promoted() {
    let (w, _) = run(&example("canary-ingress", 5), 300);
    let plan = w.plan.as_ref().unwrap();
    assert!(plan.done());
    assert_eq!(plan.abort.as_ref().unwrap().aborted_at, None);
    assert_eq!(w.deployments["http-go"].spec.template.containers[0].image, "gasbugs/http-go:v2");
    assert_eq!(w.deployments["http-go-canary"].spec.replicas, 0);
    assert_eq!(w.requests.by_service["http-go-canary"].failed, 0);
}

/// `kubectl annotate` refuses to change an annotation without --overwrite, as kubectl does.
#[test]
fn annotating_an_ingress_needs_overwrite_to_change_a_value() {
    let mut w = example("canary-ingress", 1).world();
    let intents = rolloutscope::kubectl::parse(
        "kubectl annotate ingress http-go-canary nginx.ingress.kubernetes.io/canary-weight=30",
    )
    .unwrap();
    let err = w.apply(intents[0].clone()).unwrap_err();
    assert_eq!(
        err,
        "error: --overwrite is false but found the following declared annotation(s): \
         'nginx.ingress.kubernetes.io/canary-weight' already has a value (0)"
    );
    let err = w.apply(rolloutscope::kubectl::parse("annotate ing nope a=b").unwrap().remove(0)).unwrap_err();
    assert_eq!(err, "Error from server (NotFound): ingresses.networking.k8s.io \"nope\" not found");
}

/// Topic 1's three ways side by side: only Recreate has a window with no endpoints, and the
/// Blue/Green switch loses no request.
#[test]
fn of_three_ways_to_update_only_blue_green_loses_nothing() {
    let (w, samples) = run(&example("three-ways", 1), 200);
    let failed = |s: &str| w.requests.by_service[s].failed;
    assert_eq!(failed("web-bg"), 0);
    assert!(failed("web-recreate") > failed("web-rolling"), "{:?}", w.requests.by_service);
    assert!(samples.iter().any(|s| s.t > 30 && s.endpoints["web-recreate"] == 0));
    assert!(samples.iter().filter(|s| s.t > 20).all(|s| s.endpoints["web-rolling"] >= 3 && s.endpoints["web-bg"] >= 3));
}

/// Recreate with a preStop sleep: the deleted pods keep their readiness (their probe still
/// passes while the hook sleeps), so their endpoints are serving and terminating, and with no
/// ready endpoint left kube-proxy falls back to them (`CategorizeEndpoints`). The requests of
/// the sleep are answered by the old version; only after the old containers exit does the
/// Service have nothing to route to, until the new pods are ready.
#[test]
fn recreate_with_a_pre_stop_sleep_serves_from_the_terminating_pods() {
    let mut scenario = example("recreate", 1);
    for c in &mut scenario.deployments[0].spec.template.containers {
        c.pre_stop_sleep_seconds = Some(10);
    }
    scenario.traffic[0].rate_per_second = 20;
    let mut w = scenario.world();
    w.run_until(SimTime::from_secs(31));
    let old: Vec<String> = w.pods.values().filter(|p| p.is_terminating()).map(|p| p.metadata.name.clone()).collect();
    assert_eq!(old.len(), 3, "Recreate deleted the three old pods");
    let service = &w.services["http-go"];
    assert!(service.endpoints.is_empty(), "no endpoint is ready");
    assert!(service.slice.iter().all(|e| e.serving && e.terminating && !e.ready), "{:?}", service.slice);
    let mut during_sleep = 0;
    each_request(&mut w, SimTime::from_secs(40), |_, r| {
        during_sleep += 1;
        assert_eq!(r.outcome, Outcome::Ok, "{r:?}");
        assert_eq!(r.image.as_deref(), Some("gasbugs/http-go:v1"));
        assert!(old.contains(r.pod.as_ref().unwrap()));
    });
    assert_eq!(during_sleep, 9 * 20);
    // The old containers exit at the end of the sleep: no endpoint serves, and requests fail
    // until the new pods are ready.
    w.run_until(SimTime::from_secs(43));
    assert!(w.services["http-go"].programmed.is_empty());
    assert!(w.requests.by_outcome.get(&Outcome::NoEndpoints).copied().unwrap_or(0) > 0);
}
