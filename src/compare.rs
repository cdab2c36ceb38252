//! Runs side by side: the same settings, seed and traffic with different strategies, each
//! deploying the new version at the same moment, and what each rollout cost. The figures come
//! from the runs' per-second samples, so they are the engine's, not estimates.

use serde::{Deserialize, Serialize};

use crate::setup::{Knobs, Router, StrategyKind, FIRST_IMAGE};
use crate::sim::run::next_version;
use crate::sim::sample::Sample;
use crate::sim::{SimDuration, SimTime, World};

/// When every run deploys the new version.
pub const DEPLOY_AT: SimTime = SimTime::from_secs(10);
/// How long after the deploy a run may take before it counts as not completing.
pub const LIMIT: SimDuration = SimDuration::from_secs(600);
/// The most runs compared at once.
pub const MAX_RUNS: usize = 4;

/// What one rollout cost, from the deploy until it completed (or the limit).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Seconds from the deploy until every pod runs the new version and all replicas are
    /// available, with no old pod left; `None` when that did not happen within [`LIMIT`].
    pub complete_after: Option<u64>,
    /// The most pods at once (terminating ones included: they still hold their resources).
    pub peak_pods: i32,
    /// Pod-seconds above the replica count: what the rollout cost in extra capacity.
    pub extra_pod_seconds: i64,
    /// The fewest available pods at any second.
    pub fewest_available: i32,
    /// Requests that failed during the rollout.
    pub failed_requests: u64,
    /// Seconds in which requests were answered by two versions or more.
    pub mixed_seconds: u64,
}

/// True when the cluster in `s` runs `replicas` available pods of `image` and nothing else.
fn complete(s: &Sample, replicas: i32, image: &str) -> bool {
    let (new, old): (Vec<_>, Vec<_>) = s.replica_sets.iter().partition(|rs| rs.image == image);
    old.iter().all(|rs| rs.status_replicas == 0 && rs.terminating == 0)
        && new.iter().map(|rs| rs.available_replicas).sum::<i32>() >= replicas
        && new.iter().map(|rs| rs.status_replicas + rs.terminating).sum::<i32>() == replicas
}

/// True when, between the samples `a` and `b` a second later, requests were answered by two
/// versions or more.
pub fn two_versions_answered(a: &Sample, b: &Sample) -> bool {
    let answered = |image: &String, n: &u64| n > a.requests.by_image.get(image).unwrap_or(&0);
    b.requests.by_image.iter().filter(|(image, n)| answered(image, n)).count() >= 2
}

/// The summary of `samples` (one per second from 0) for a deploy of `image` at `deploy_at`.
pub fn summarize(samples: &[Sample], replicas: i32, image: &str, deploy_at: SimTime) -> Summary {
    let from = deploy_at.whole_secs() as usize;
    let window = samples.get(from..).unwrap_or_default();
    let done = window.iter().position(|s| s.t > deploy_at.whole_secs() && complete(s, replicas, image));
    let window = &window[..done.map_or(window.len(), |i| i + 1)];
    let pods = |s: &Sample| s.replica_sets.iter().map(|rs| rs.status_replicas + rs.terminating).sum::<i32>();
    let available = |s: &Sample| s.replica_sets.iter().map(|rs| rs.available_replicas).sum::<i32>();
    let failed = match (window.first(), window.last()) {
        (Some(a), Some(b)) => b.requests.failed - a.requests.failed,
        _ => 0,
    };
    let mixed = window.windows(2).filter(|w| two_versions_answered(&w[0], &w[1])).count() as u64;
    Summary {
        complete_after: done.map(|i| window[i].t - deploy_at.whole_secs()),
        peak_pods: window.iter().map(pods).max().unwrap_or(0),
        extra_pod_seconds: window.iter().map(|s| i64::from((pods(s) - replicas).max(0))).sum(),
        fewest_available: window.iter().map(available).min().unwrap_or(0),
        failed_requests: failed,
        mixed_seconds: mixed,
    }
}

/// A run the comparison panel offers: a strategy and, for Canary, A/B and Blue/Green, the router
/// that carries it (both can be compared side by side: the Gateway API's HTTPRoute, and the retired
/// NGINX Ingress's annotations or Blue/Green's Service selector).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Choice {
    pub strategy: StrategyKind,
    pub router: Router,
}

impl Choice {
    /// Every strategy, Blue/Green, Canary and A/B on each router (the Gateway first, as on the page).
    pub fn all() -> Vec<Choice> {
        StrategyKind::ALL
            .into_iter()
            .flat_map(|strategy| {
                let routers: &[Router] = if Router::routes(strategy) { &Router::ALL } else { &[Router::Gateway] };
                routers.iter().map(move |&router| Choice { strategy, router })
            })
            .collect()
    }

    /// A stable name, for the page's `data-testid`: the strategy's id, with `-ingress` for Canary
    /// and A/B on the NGINX Ingress and `-selector` for Blue/Green by the Service's selector.
    pub fn id(self) -> String {
        match (self.router, self.strategy) {
            (Router::Ingress, StrategyKind::BlueGreen) => "blue-green-selector".into(),
            (Router::Ingress, s) if Router::routes(s) => format!("{}-ingress", s.id()),
            _ => self.strategy.id().to_string(),
        }
    }

    /// The applied settings with this strategy and router.
    pub fn knobs(self, applied: &Knobs) -> Knobs {
        Knobs { strategy: self.strategy, router: self.router, ..applied.clone() }
    }
}

/// One run of a comparison, done a little at a time (so that the page stays responsive): the new
/// version deployed at [`DEPLOY_AT`], then simulated second by second until the rollout
/// completes or [`LIMIT`] has passed.
///
/// It steps a bare [`World`]: a comparison never seeks, so it keeps no checkpoints.
pub struct Runner {
    knobs: Knobs,
    image: String,
    world: World,
    samples: Vec<Sample>,
    deployed: bool,
    finished: bool,
}

impl Runner {
    pub fn new(knobs: &Knobs, strategy: StrategyKind, seed: u64) -> Self {
        let knobs = Knobs { strategy, ..knobs.clone() };
        let world = knobs.scenario(seed).world();
        let samples = vec![Sample::of(&world)];
        Runner { knobs, image: next_version(FIRST_IMAGE), world, samples, deployed: false, finished: false }
    }

    /// A run that goes on from `world` (not yet deployed) and its `samples` so far: the sweep's
    /// runs start from one world at the deploy ([`crate::sweep`]).
    pub fn resume(knobs: &Knobs, world: World, samples: Vec<Sample>) -> Self {
        Runner {
            knobs: knobs.clone(),
            image: next_version(FIRST_IMAGE),
            world,
            samples,
            deployed: false,
            finished: false,
        }
    }

    /// The world and the samples, for [`Runner::resume`].
    pub fn into_parts(self) -> (World, Vec<Sample>) {
        (self.world, self.samples)
    }

    /// Simulates up to `seconds` more seconds (deploying at [`DEPLOY_AT`], as the page's button
    /// does); true once the run is over.
    pub fn advance(&mut self, seconds: u64) -> bool {
        let end = DEPLOY_AT + LIMIT;
        for _ in 0..seconds {
            if self.finished {
                break;
            }
            if self.world.time() == DEPLOY_AT && !self.deployed {
                self.deployed = true;
                // A deploy refused by kubectl leaves the run as it is: it then never completes.
                if let Ok(intents) = self.knobs.deploy(&self.world) {
                    for intent in intents {
                        let _ = self.world.apply(intent);
                    }
                }
            }
            self.world.run_until(self.world.time() + SimDuration::from_secs(1));
            let sample = Sample::of(&self.world);
            let complete =
                sample.t > DEPLOY_AT.whole_secs() && self::complete(&sample, self.knobs.replicas, &self.image);
            self.samples.push(sample);
            self.finished = complete || self.world.time() >= end;
        }
        self.finished
    }

    /// How far the run has got towards its longest end, from 0 to 1 (1 once it is over).
    pub fn progress(&self) -> f64 {
        if self.finished {
            return 1.0;
        }
        self.world.time().as_millis() as f64 / (DEPLOY_AT + LIMIT).as_millis() as f64
    }

    /// The run's samples and its summary.
    pub fn finish(self) -> (Vec<Sample>, Summary) {
        let summary = summarize(&self.samples, self.knobs.replicas, &self.image, DEPLOY_AT);
        (self.samples, summary)
    }
}

/// The settings of a RollingUpdate run with other `maxSurge` and `maxUnavailable` (as typed, a
/// count or a percentage): a comparison over parameters as well as strategies. Check them with
/// [`Knobs::errors`] before running.
pub fn variant(knobs: &Knobs, max_surge: &str, max_unavailable: &str) -> Knobs {
    Knobs {
        strategy: StrategyKind::RollingUpdate,
        max_surge: max_surge.trim().to_string(),
        max_unavailable: max_unavailable.trim().to_string(),
        ..knobs.clone()
    }
}

/// Runs `knobs` with `strategy` on `seed` to the end at once (see [`Runner`]).
pub fn run(knobs: &Knobs, strategy: StrategyKind, seed: u64) -> (Vec<Sample>, Summary) {
    let mut runner = Runner::new(knobs, strategy, seed);
    while !runner.advance(u64::MAX) {}
    runner.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_ways_cost_what_lessons_say() {
        let knobs = Knobs { replicas: 4, ..Knobs::default() };
        let (_, recreate) = run(&knobs, StrategyKind::Recreate, 1);
        let (_, rolling) = run(&knobs, StrategyKind::RollingUpdate, 1);
        let (_, blue_green) = run(&knobs, StrategyKind::BlueGreen, 1);
        // Recreate: nothing available for a while, never more pods than replicas, no mixing.
        assert_eq!(recreate.fewest_available, 0);
        assert_eq!(recreate.peak_pods, 4);
        assert_eq!(recreate.extra_pod_seconds, 0);
        assert_eq!(recreate.mixed_seconds, 0);
        assert!(recreate.failed_requests > 0);
        // RollingUpdate 25%/25%: at most 5 pods, at least 3 available, two versions answering.
        assert_eq!(rolling.peak_pods, 5);
        assert_eq!(rolling.fewest_available, 3);
        assert!(rolling.mixed_seconds > 0);
        // Blue/Green: twice the pods for a while, never fewer than 4 available, no failure.
        assert_eq!(blue_green.peak_pods, 8);
        assert!(blue_green.fewest_available >= 4);
        assert_eq!(blue_green.failed_requests, 0);
        for s in [&recreate, &rolling, &blue_green] {
            assert!(s.complete_after.is_some_and(|t| t > 0 && t < 300), "{s:?}");
        }
    }

    /// Lessons 4 and mistake 1: surge adds pods, unavailability takes them away. Compared on
    /// one seed, the two ways of rolling one pod at a time cost what the fenceposts say.
    #[test]
    fn parameters_compare_as_the_fenceposts_say() {
        let knobs = Knobs { replicas: 4, ..Knobs::default() };
        let surge = variant(&knobs, "1", "0");
        let unavailable = variant(&knobs, " 0 ", "1");
        assert!(surge.errors().is_empty() && unavailable.errors().is_empty());
        assert_eq!(unavailable.max_surge, "0");
        let (_, surge) = run(&surge, StrategyKind::RollingUpdate, 1);
        let (_, unavailable) = run(&unavailable, StrategyKind::RollingUpdate, 1);
        assert_eq!((surge.peak_pods, surge.fewest_available), (5, 4));
        assert_eq!((unavailable.peak_pods, unavailable.fewest_available), (4, 3));
        assert_eq!(unavailable.extra_pod_seconds, 0);
        assert!(surge.extra_pod_seconds > 0);
        assert!(variant(&knobs, "0", "0%")
            .errors()
            .iter()
            .any(|(_, m)| m.contains("may not be 0 when `maxSurge` is 0")));
    }

    #[test]
    fn a_rollout_that_never_completes_says_so() {
        let knobs = Knobs { new_version: crate::setup::NewVersion::ReadinessFails, ..Knobs::default() };
        let (samples, s) = run(&knobs, StrategyKind::RollingUpdate, 1);
        assert_eq!(s.complete_after, None);
        assert_eq!(samples.last().unwrap().t, (DEPLOY_AT + LIMIT).whole_secs());
    }

    /// The Canary on each router, side by side: both complete, and a failing version is aborted
    /// on both.
    #[test]
    fn a_canary_compares_on_the_gateway_and_on_the_ingress() {
        let choices = Choice::all();
        let ids: Vec<String> = choices.iter().map(|c| c.id()).collect();
        assert_eq!(
            ids,
            [
                "recreate",
                "rolling-update",
                "blue-green",
                "blue-green-selector",
                "canary",
                "canary-ingress",
                "ab",
                "ab-ingress"
            ]
        );
        let canary = |router, new_version| {
            let choice = Choice { strategy: StrategyKind::Canary, router };
            let knobs = Knobs { new_version, rate: 50, ..choice.knobs(&Knobs::default()) };
            run(&knobs, StrategyKind::Canary, 1).1
        };
        for router in Router::ALL {
            let healthy = canary(router, crate::setup::NewVersion::Healthy);
            assert!(healthy.complete_after.is_some_and(|t| t > 60), "{router:?}: {healthy:?}");
            // NGINX tries the next endpoint when one refuses; Envoy Gateway does not retry by
            // default, so a few requests meet a pod just stopping in the last RollingUpdate.
            match router {
                Router::Ingress => assert_eq!(healthy.failed_requests, 0),
                Router::Gateway => assert!(healthy.failed_requests <= 10, "{healthy:?}"),
            }
            let failing = canary(router, crate::setup::NewVersion::Errors);
            assert_eq!(failing.complete_after, None, "{router:?}: aborted, so never complete");
            assert!(failing.failed_requests > 0, "{router:?}");
        }
    }
}
