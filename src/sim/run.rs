//! A run: as data (a [`Scenario`]: seed, nodes, Deployments, how each image behaves, a timeline
//! of intents), which gives the world it starts from, and as it is played ([`Run`]: the world
//! now, checkpoints, the learner's acts, seeking to any moment). Also the ready-made starting
//! points. The file format that `rolloutscope simulate` reads, with real manifests and kubectl
//! lines, is parsed in `crate::k8s::scenario`.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::images::ImageBehavior;
use super::ingress::Ingress;
use super::intent::Intent;
use super::limits::check_work;
use super::objects::{Deployment, Probe};
use super::service::{Service, Traffic};
use super::strategy::Plan;
use super::time::{SimDuration, SimTime};
use super::world::World;

/// A run as data: replaying it gives the same trace on every target.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The namespace's ResourceQuotas, from time zero.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_quotas: Vec<super::quota::ResourceQuota>,
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
        for q in &self.resource_quotas {
            w.resource_quotas.insert(q.name.clone(), q.clone());
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
        let scaled = self.timeline.iter().flat_map(|s| &s.intents).filter_map(|i| i.replicas_asked().map(i64::from));
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

/// A run that can be replayed and scrubbed: the world now, plus checkpoints every
/// [`Run::CHECKPOINT_EVERY`] of simulated time for [`Run::seek`]. The first checkpoint is the
/// run's start and is never dropped.
///
/// Checkpoints are shared (`Rc`), so cloning a run (as the page's reducer does on every action)
/// copies only the current world.
#[derive(Clone, Debug)]
pub struct Run {
    checkpoints: Vec<Rc<World>>,
    current: World,
    /// What the learner did, in time order: replayed onto a checkpoint when seeking from it.
    acts: Vec<(SimTime, Intent)>,
    /// What the checkpoints may hold, in pods ([`Run::CHECKPOINT_PODS`] but in tests).
    budget: usize,
}

impl Run {
    pub const CHECKPOINT_EVERY: SimDuration = SimDuration::from_secs(5);
    /// What the checkpoints may hold together, in pods (a world is mostly its pods; each one
    /// counts [`Run::WORLD_COST`] more for the rest): about 100 MB. Past it, the older half of
    /// the checkpoints is thinned, one in two, so a run left playing for a class stays bounded;
    /// a seek far back then replays from further back, to the same moment exactly.
    pub const CHECKPOINT_PODS: usize = 64_000;
    /// A world's cost beside its pods, in pods.
    pub const WORLD_COST: usize = 50;
    /// The newest checkpoints, a minute of them, are never thinned: a scrub back over the last
    /// minute stays instant.
    const RECENT: usize = 12;

    pub fn new(origin: World) -> Self {
        Run::with_budget(origin, Self::CHECKPOINT_PODS)
    }

    /// A run whose checkpoints hold at most `pods` pods ([`Run::CHECKPOINT_PODS`]).
    pub fn with_budget(origin: World, pods: usize) -> Self {
        Run { checkpoints: vec![Rc::new(origin.clone())], current: origin, acts: Vec::new(), budget: pods }
    }

    pub fn world(&self) -> &World {
        &self.current
    }

    pub fn step(&mut self) {
        self.current.step();
        let last = self.checkpoints.last().map_or(SimTime::ZERO, |w| w.time());
        if self.current.time() >= last + Self::CHECKPOINT_EVERY {
            self.checkpoints.push(Rc::new(self.current.clone()));
            self.thin();
        }
    }

    /// What the checkpoints hold, in pods ([`Run::CHECKPOINT_PODS`]).
    pub fn checkpoint_load(&self) -> usize {
        self.checkpoints.iter().map(|w| w.pods.len() + Self::WORLD_COST).sum()
    }

    /// How many checkpoints the run keeps.
    pub fn checkpoints(&self) -> usize {
        self.checkpoints.len()
    }

    /// Drops every other checkpoint of the older ones (never the first, the run's start, and
    /// never the newest [`Run::RECENT`]) until they hold no more than [`Run::CHECKPOINT_PODS`].
    fn thin(&mut self) {
        while self.checkpoint_load() > self.budget && self.checkpoints.len() > Self::RECENT + 2 {
            let older = self.checkpoints.len() - Self::RECENT;
            let mut i = 0;
            self.checkpoints.retain(|_| {
                let keep = i == 0 || i >= older || i % 2 == 0;
                i += 1;
                keep
            });
        }
    }

    pub fn run_until(&mut self, t: SimTime) {
        while self.current.time() < t {
            self.step();
        }
    }

    /// Applies an intent at the current moment and records it, so that seeking replays it.
    /// Checkpoints from this moment on no longer describe the run: they are dropped, and the
    /// world just after the intent becomes one. Earlier checkpoints are never changed (they are
    /// shared with every clone of the run); seeking from one schedules the recorded intents.
    pub fn act(&mut self, intent: Intent) -> Result<String, String> {
        let now = self.current.time();
        let result = self.current.apply(intent.clone());
        let pos = self.acts.partition_point(|(t, _)| *t <= now);
        self.acts.insert(pos, (now, intent));
        self.checkpoints.retain(|w| w.time() < now);
        self.checkpoints.push(Rc::new(self.current.clone()));
        self.thin();
        result
    }

    /// Moves to any moment of the run, backwards or forwards: from the last checkpoint at or
    /// before `t`, replaying.
    pub fn seek(&mut self, t: SimTime) {
        let from = self.checkpoints.iter().rev().find(|w| w.time() <= t).unwrap_or(&self.checkpoints[0]);
        if t < self.current.time() || from.time() > self.current.time() {
            let mut w = World::clone(from);
            // An intent made at a checkpoint's own moment is already in it (see `act`); later
            // ones land at the end of the step that reaches their moment, as they did.
            let since = w.time();
            for (at, intent) in self.acts.iter().filter(|(at, _)| *at > since) {
                w.schedule(*at, intent.clone());
            }
            self.current = w;
        }
        self.run_until(t);
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
    use crate::sim::sample::Sample;
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

    #[test]
    fn a_world_that_keeps_no_events_runs_the_same() {
        let mut quiet = http_go(7);
        quiet.keep_no_events();
        let mut told = http_go(7);
        for w in [&mut quiet, &mut told] {
            w.schedule(
                SimTime::from_secs(5),
                Intent::SetImage {
                    deployment: "http-go".into(),
                    container: "http-go".into(),
                    image: "gasbugs/http-go:v2".into(),
                },
            );
        }
        for second in 1..=90 {
            quiet.run_until(SimTime::from_secs(second));
            told.run_until(SimTime::from_secs(second));
            assert_eq!(crate::sim::sample::Sample::of(&quiet), crate::sim::sample::Sample::of(&told), "at {second} s");
        }
        assert!(quiet.events().is_empty());
        assert!(told.events().len() > 20, "the told world has its events");
        told.keep_no_events();
        assert_eq!(quiet, told, "nothing but the events differs");
    }

    #[test]
    fn past_its_budget_a_run_thins_old_checkpoints_and_still_seeks_exactly() {
        use crate::setup::Knobs;
        let knobs = Knobs { replicas: 20, ..Knobs::default() };
        let origin = knobs.scenario(7).world();
        // 20 pods and a world's cost a checkpoint: a budget of about 20 of them.
        let budget = 20 * (20 + Run::WORLD_COST);
        let mut run = Run::with_budget(origin.clone(), budget);
        let mut plain = World::clone(&origin);
        run.run_until(SimTime::from_secs(60));
        let _ = run.act(Intent::SetImage {
            deployment: "http-go".into(),
            container: "http-go".into(),
            image: "gasbugs/http-go:v2".into(),
        });
        run.run_until(SimTime::from_secs(20 * 60));
        // Twenty minutes at one every 5 s would be 240 checkpoints.
        assert!(run.checkpoints() < 40, "{} checkpoints", run.checkpoints());
        assert!(run.checkpoint_load() <= budget + 20 + Run::WORLD_COST, "{}", run.checkpoint_load());
        // The same moments as a run that never dropped anything.
        plain.schedule(
            SimTime::from_secs(60),
            Intent::SetImage {
                deployment: "http-go".into(),
                container: "http-go".into(),
                image: "gasbugs/http-go:v2".into(),
            },
        );
        let mut reference = Run::new(plain);
        for t in [30, 61, 75, 300, 777, 1190] {
            let t = SimTime::from_secs(t);
            run.seek(t);
            reference.seek(t);
            assert_eq!(Sample::of(run.world()), Sample::of(reference.world()), "at {t}");
            assert_eq!(run.world().pods, reference.world().pods, "at {t}");
        }
    }
}
