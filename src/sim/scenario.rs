//! A run as data (a [`Scenario`]: seed, nodes, Deployments, how each image behaves, a timeline
//! of intents) and ready-made starting points. The file format that `rolloutscope simulate`
//! reads, with real manifests and kubectl lines, is parsed in `crate::k8s::scenario`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::images::ImageBehavior;
use super::ingress::Ingress;
use super::intent::Intent;
use super::objects::{Deployment, Probe};
use super::service::{Service, Traffic};
use super::strategy::Plan;
use super::time::{SimDuration, SimTime};
use super::world::World;

/// The most replicas the simulator runs, over all Deployments. Kubernetes accepts more; a page
/// that simulated a million pods would freeze, so a scenario or a `scale` asking for more is
/// refused with this number.
pub const MAX_REPLICAS: i32 = 10_000;
/// The most nodes a scenario may have.
pub const MAX_NODES: u32 = 1_000;

pub use super::time::MAX_DURATION;

/// The most work one run may take, in pod-seconds ([`work`]): 10,000 replicas for an hour, or
/// four for a day. About half a minute natively on a laptop; the page replays a shared link
/// within [`MAX_LINK_WORK`].
pub const MAX_RUN_WORK: u64 = 40_000_000;

/// The most work the page replays to open a link (1,000 replicas for an hour): the replay runs
/// before the page can answer, so a link past it is refused with a message (and the page makes
/// none).
pub const MAX_LINK_WORK: u64 = 8_000_000;

/// What a run of `duration` costs, in pod-seconds: each pod costs about the same every simulated
/// second (the kubelet's and the controllers' work), a request about a fifth of that (measured:
/// `simulate` natively, 1,000 replicas for 10 minutes in 0.45 s, 10,000 requests a second for 10
/// minutes in 0.77 s), and every second a sample and the clock's steps, about 100 pods' worth.
pub fn work(max_pods: u64, rate_per_second: u64, duration: SimDuration) -> u64 {
    let seconds = duration.as_millis().div_ceil(1000);
    seconds.saturating_mul(max_pods.saturating_add(rate_per_second / 5).saturating_add(100))
}

/// Refuses a run of `duration` that is longer than [`MAX_DURATION`] or costs more than `budget`
/// ([`work`]), in words that name the limit.
pub fn check_work(max_pods: u64, rate_per_second: u64, duration: SimDuration, budget: u64) -> Result<(), String> {
    if duration > MAX_DURATION {
        return Err(format!(
            "{} of simulated time is more than the simulator runs: at most {}",
            duration.in_words(),
            MAX_DURATION.in_words()
        ));
    }
    let cost = work(max_pods, rate_per_second, duration);
    if cost > budget {
        return Err(format!(
            "{} of {max_pods} pods and {rate_per_second} requests a second is {cost} pod-seconds of work, \
             more than the {budget} the simulator takes on (1,000 replicas for an hour is 7,560,000); \
             run it for less time, or with fewer replicas or requests",
            duration.in_words()
        ));
    }
    Ok(())
}

/// A run as data: replaying it gives the same trace on every target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    pub seed: u64,
    /// Ready nodes named `node-1`, `node-2`, …
    pub nodes: u32,
    /// Applied at time zero, defaults filled in.
    pub deployments: Vec<Deployment>,
    /// How the code behind each image reference behaves (pushed before the run starts); an image
    /// not listed is healthy with the defaults of [`ImageBehavior`].
    pub images: BTreeMap<String, ImageBehavior>,
    /// Created at time zero.
    #[serde(default)]
    pub services: Vec<Service>,
    /// Created at time zero.
    #[serde(default)]
    pub ingresses: Vec<Ingress>,
    /// Created at time zero (and programmed at once).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gateway_classes: Vec<super::gateway::GatewayClass>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gateways: Vec<super::gateway::Gateway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub http_routes: Vec<super::gateway::HttpRoute>,
    /// Streams of requests, each to a Service or an Ingress host.
    #[serde(default)]
    pub traffic: Vec<Traffic>,
    pub timeline: Vec<Step>,
    /// A strategy's plan of kubectl steps and waits, if the run follows one.
    #[serde(default)]
    pub plan: Option<Plan>,
}

/// What happens at one moment of the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub at: SimTime,
    pub intents: Vec<Intent>,
}

impl Scenario {
    /// The world at time zero, with the timeline scheduled.
    pub fn world(&self) -> World {
        let mut w = World::with_nodes(self.seed, self.nodes);
        for (image, behavior) in &self.images {
            w.registry.push(image, *behavior);
        }
        for s in &self.services {
            w.services.insert(s.name.clone(), s.clone());
        }
        for c in &self.gateway_classes {
            w.gateway.classes.insert(c.name.clone(), c.clone());
        }
        for g in &self.gateways {
            w.gateway.gateways.insert(g.name.clone(), g.clone());
        }
        for r in &self.http_routes {
            w.gateway.insert_initial(r.clone());
        }
        for i in &self.ingresses {
            w.ingresses.insert(i.name.clone(), i.clone());
        }
        w.traffic = self.traffic.clone();
        w.plan = self.plan.clone();
        for d in &self.deployments {
            // A scenario's Deployments were validated when it was read.
            let _ = w.apply(Intent::Apply { deployment: Box::new(d.clone()) });
        }
        for step in &self.timeline {
            for intent in &step.intents {
                w.schedule(step.at, intent.clone());
            }
        }
        w
    }

    /// The most pods a run of this scenario can have at once: twice the replicas it asks for at
    /// most (a rollout's surge is at most as many again), over its Deployments and its `scale`s.
    pub fn max_pods(&self) -> u64 {
        let start: i64 = self.deployments.iter().map(|d| i64::from(d.spec.replicas)).sum();
        let scaled = self.timeline.iter().flat_map(|s| &s.intents).filter_map(|i| match i {
            Intent::Scale { replicas, .. } => Some(i64::from(*replicas)),
            _ => None,
        });
        let most = scaled.fold(start, |m, r| m.max(r + start));
        u64::try_from(most.max(0)).unwrap_or(0).saturating_mul(2)
    }

    /// Requests a second, over every stream of traffic.
    pub fn rate_per_second(&self) -> u64 {
        self.traffic.iter().map(|t| u64::from(t.rate_per_second)).sum()
    }

    /// Refuses running this scenario to `end` when that is past what the simulator takes on.
    pub fn check_run_to(&self, end: SimTime, budget: u64) -> Result<(), String> {
        check_work(self.max_pods(), self.rate_per_second(), end.saturating_since(SimTime::ZERO), budget)
    }

    /// When the last step of the timeline happens, or the plan starts (zero for neither).
    pub fn last_step(&self) -> SimTime {
        let plan = self.plan.as_ref().map(|p| p.start);
        self.timeline.iter().map(|s| s.at).chain(plan).max().unwrap_or(SimTime::ZERO)
    }
}

/// The course's first example: Deployment `http-go`, three replicas of `gasbugs/http-go:v1` with
/// a readiness probe, on three nodes.
pub fn http_go(seed: u64) -> World {
    let mut d = Deployment::new("http-go", "gasbugs/http-go:v1", 3);
    d.spec.template.containers[0].readiness_probe = Some(Probe {
        handler: "GET /health on 8080".into(),
        initial_delay_seconds: 2,
        period_seconds: 2,
        ..Probe::default()
    });
    let mut w = World::with_nodes(seed, 3);
    // Applying a well-formed Deployment to an empty cluster cannot be refused.
    let _ = w.apply(Intent::Apply { deployment: Box::new(d) });
    w
}

/// The next version's tag: `app:v1` → `app:v2`; an image without a `vN` tag gets `:v2`.
pub fn next_version(image: &str) -> String {
    let (name, tag, _) = super::objects::split_image(image);
    match tag.and_then(|t| t.strip_prefix('v')).and_then(|n| n.parse::<u32>().ok()) {
        Some(n) => format!("{name}:v{}", n + 1),
        None => format!("{name}:v2"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimTime;

    #[test]
    fn next_version_counts_up() {
        assert_eq!(next_version("gasbugs/http-go:v1"), "gasbugs/http-go:v2");
        assert_eq!(next_version("gasbugs/http-go:v9"), "gasbugs/http-go:v10");
        assert_eq!(next_version("nginx"), "nginx:v2");
        assert_eq!(next_version("registry:5000/app:latest"), "registry:5000/app:v2");
    }

    #[test]
    fn the_example_comes_up_ready() {
        let mut w = http_go(1);
        w.run_until(SimTime::from_secs(20));
        let d = &w.deployments["http-go"];
        assert_eq!(d.status.available_replicas, 3);
    }
}
