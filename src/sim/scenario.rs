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
use super::time::SimTime;
use super::world::World;

/// The most replicas the simulator runs, over all Deployments. Kubernetes accepts more; a page
/// that simulated a million pods would freeze, so a scenario or a `scale` asking for more is
/// refused with this number.
pub const MAX_REPLICAS: i32 = 10_000;
/// The most nodes a scenario may have.
pub const MAX_NODES: u32 = 1_000;

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
