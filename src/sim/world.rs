//! The world: everything a run is, at one moment of simulated time, and the one loop that moves
//! it forward.
//!
//! One [`World::step`] moves the clock by one tick. In a step every controller reads the cluster
//! as it was at the end of the previous step, as controllers read their informers' caches, and
//! their writes land together at the end; so each hop (intent → Deployment controller →
//! ReplicaSet controller → kubelet → status → Deployment controller) takes one tick, as a watch
//! does, and a rollout can never complete inside one tick.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::claims::ClaimQueue;
use super::deployment::{self, Command, SyncInput};
use super::eventlog::{Event, EventLog};
use super::gateway::GatewayApi;
use super::images::Registry;
use super::ingress::Ingress;
use super::intent::Intent;
use super::kubelet;
use super::nodelifecycle;
use super::objects::*;
use super::podwork::Stage;
use super::quota::{self, Requeue, ResourceQuota};
use super::replicaset::{self, RsCommand};
use super::rng::SimRng;
use super::schedule::Schedule;
use super::service::{self, RequestLog, Service, Traffic};
use super::strategy::{self, Plan, PlanEvent};
use super::time::{SimDuration, SimTime};
use super::why::Why;

/// How far one [`World::step`] moves the clock, unless a run says otherwise.
///
/// Controllers react one tick after a change, as they do to watch events in a real cluster, so a
/// tick stands for the latency of a watch: short enough that a rollout's steps are not blurred
/// together, long enough that a ten-minute run is a few thousand steps.
pub const DEFAULT_TICK: SimDuration = SimDuration::from_millis(100);

/// Mixed into the seed for the requests' random choices ("traffic" in ASCII).
const TRAFFIC_STREAM: u64 = 0x0074_7261_6666_6963;
/// Mixed into the seed for a learner's own `curl` requests ("curl").
const CURL_STREAM: u64 = 0x6375_726c;

/// The whole simulated cluster and its clock. Cloning a world is a checkpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct World {
    time: SimTime,
    tick: SimDuration,
    rng: SimRng,
    events: EventLog,
    next_uid: u32,
    pub nodes: BTreeMap<String, Node>,
    pub deployments: BTreeMap<String, Deployment>,
    pub replica_sets: BTreeMap<String, ReplicaSet>,
    pub pods: BTreeMap<String, Pod>,
    pub registry: Registry,
    pub services: BTreeMap<String, Service>,
    /// Ingresses served by the NGINX ingress controller.
    pub ingresses: BTreeMap<String, Ingress>,
    /// GatewayClasses, Gateways and HTTPRoutes, served by the simulator's Gateway implementation.
    #[serde(default, skip_serializing_if = "GatewayApi::is_empty")]
    pub gateway: GatewayApi,
    /// The namespace's ResourceQuotas, which admission checks every pod create against.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub resource_quotas: BTreeMap<String, ResourceQuota>,
    /// The ReplicaSet controller's rate-limited requeues of ReplicaSets whose create was refused.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    requeue: BTreeMap<String, Requeue>,
    /// The streams of requests sent to Services or Ingress hosts.
    pub traffic: Vec<Traffic>,
    pub requests: RequestLog,
    /// Whether a version that changes the stored data has run (older versions then fail).
    pub data_migrated: bool,
    /// A strategy's plan of kubectl steps, if the run follows one.
    pub plan: Option<Plan>,
    /// Requests draw from their own stream, so adding traffic changes no pod name.
    traffic_rng: SimRng,
    /// Intents still to come, in time order (stable for equal times).
    schedule: Schedule,
    /// False in a world whose events nobody reads ([`World::keep_no_events`]).
    #[serde(default = "keeps_events")]
    keeps_events: bool,
    /// The pods whose claim the next step looks at (derived data: see [`ClaimQueue`]). Whatever
    /// changes a pod's labels or owner queues the pod here.
    #[serde(skip)]
    pub(super) claims: ClaimQueue,
}

fn keeps_events() -> bool {
    true
}

impl World {
    /// An empty cluster at time zero whose every random choice follows from `seed`.
    pub fn new(seed: u64) -> Self {
        World {
            time: SimTime::ZERO,
            tick: DEFAULT_TICK,
            rng: SimRng::new(seed),
            events: EventLog::default(),
            next_uid: 1,
            nodes: BTreeMap::new(),
            deployments: BTreeMap::new(),
            replica_sets: BTreeMap::new(),
            pods: BTreeMap::new(),
            registry: Registry::default(),
            services: BTreeMap::new(),
            ingresses: BTreeMap::new(),
            gateway: GatewayApi::default(),
            resource_quotas: BTreeMap::new(),
            requeue: BTreeMap::new(),
            traffic: Vec::new(),
            requests: RequestLog::default(),
            data_migrated: false,
            plan: None,
            traffic_rng: SimRng::new(seed ^ TRAFFIC_STREAM),
            schedule: Schedule::default(),
            keeps_events: true,
            claims: ClaimQueue::default(),
        }
    }

    /// A cluster with `nodes` ready nodes named `node-1`, `node-2`, ….
    pub fn with_nodes(seed: u64, nodes: u32) -> Self {
        let mut w = World::new(seed);
        for i in 1..=nodes {
            let name = format!("node-{i}");
            w.nodes.insert(name.clone(), Node::new(&name));
        }
        w
    }

    pub fn time(&self) -> SimTime {
        self.time
    }

    pub fn tick(&self) -> SimDuration {
        self.tick
    }

    pub fn seed(&self) -> u64 {
        self.rng.seed()
    }

    pub fn events(&self) -> &EventLog {
        &self.events
    }

    pub fn rng(&mut self) -> &mut SimRng {
        &mut self.rng
    }

    /// From now on keeps no events, and forgets those it has: for runs that are only measured (the
    /// what-if sweep's hundreds), whose events nobody reads. Nothing else changes: no controller
    /// reads the event log.
    pub fn keep_no_events(&mut self) {
        self.keeps_events = false;
        self.events = EventLog::default();
    }

    /// Records an event at the current time.
    pub fn record(&mut self, kind: &str, object: &str, message: impl Into<String>) {
        self.record_why(kind, object, message, None);
    }

    fn record_why(&mut self, kind: &str, object: &str, message: impl Into<String>, why: Option<Why>) {
        if !self.keeps_events {
            return;
        }
        self.events.push(Event {
            t: self.time,
            kind: kind.to_owned(),
            object: object.to_owned(),
            message: message.into(),
            why,
        });
    }

    /// Schedules `intent` to be applied at `at` (at the end of the step that reaches it).
    pub fn schedule(&mut self, at: SimTime, intent: Intent) {
        self.schedule.add(at, intent);
    }

    /// The ReplicaSets a Deployment owns, oldest first.
    pub fn replica_sets_of(&self, deployment: &str) -> Vec<&ReplicaSet> {
        let mut v: Vec<&ReplicaSet> =
            self.replica_sets.values().filter(|rs| rs.metadata.owner.as_deref() == Some(deployment)).collect();
        v.sort_by(|a, b| deployment::by_creation(a, b));
        v
    }

    /// Each kubelet runs what is due for its pods (a pod whose `wake` is later is not touched).
    /// Returns the pods whose containers have all stopped ([`Stage::Gone`]): only a kubelet
    /// makes a pod gone, so these are the pods the step removes at its end.
    fn run_kubelets(&mut self, now: SimTime) -> Vec<String> {
        let mut kubelet_events = Vec::new();
        let mut gone = Vec::new();
        {
            let World { pods, nodes, registry, keeps_events, .. } = self;
            for pod in pods.values_mut() {
                if pod.kubelet.wake > now {
                    continue;
                }
                let node = pod.spec.node_name.as_ref().and_then(|n| nodes.get_mut(n));
                // A stopped kubelet does nothing: its pods keep whatever status they last had.
                if node.as_ref().is_some_and(|n| n.kubelet_stopped_at.is_some()) {
                    continue;
                }
                let events = kubelet::advance(pod, node, registry, now);
                if matches!(pod.kubelet.stage, Stage::Gone) {
                    gone.push(pod.metadata.name.clone());
                }
                if *keeps_events {
                    kubelet_events.extend(events.into_iter().map(|e| (format!("pod/{}", pod.metadata.name), e)));
                }
            }
        }
        for (object, e) in kubelet_events {
            self.record_why(e.reason, &object, e.message, e.why);
        }
        gone
    }

    /// The node lifecycle controller watches the nodes' heartbeats (nothing to do while every
    /// node is healthy).
    fn watch_nodes(&mut self, now: SimTime) {
        let node_events = if self.nodes.values().all(nodelifecycle::healthy) {
            Vec::new()
        } else {
            let World { pods, nodes, .. } = self;
            let mut pods: Vec<&mut Pod> = pods.values_mut().collect();
            nodelifecycle::monitor(nodes.values_mut(), &mut pods, now)
        };
        for e in node_events {
            self.record_why(e.reason, &e.object, e.message, Some(e.why));
        }
    }

    /// Advances the clock by one tick. The only way simulated time moves.
    pub fn step(&mut self) {
        let before = self.time;
        let now = self.time + self.tick;

        // 1. The Deployment controller, on the state at the end of the previous step.
        let mut deployment_outputs = Vec::new();
        for d in self.deployments.values() {
            let rss = self.replica_sets_of(&d.metadata.name);
            // Only Recreate looks at pods (it waits until no old pod runs).
            let pods: Vec<(&str, PodPhase)> = if matches!(d.spec.strategy, Strategy::Recreate) {
                self.pods
                    .values()
                    .filter_map(|p| {
                        let owner = p.metadata.owner.as_deref()?;
                        rss.iter().any(|rs| rs.metadata.name == owner).then_some((owner, p.status.phase))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let out = deployment::sync_deployment(SyncInput { deployment: d, replica_sets: &rss, pods: &pods, now });
            deployment_outputs.push((d.metadata.name.clone(), out));
        }

        // 2. The ReplicaSet controller, on the same state: its pods claimed first.
        self.claim_pods();
        let by_owner = pods_by_owner(&self.pods);
        let mut rs_commands = Vec::new();
        for rs in self.replica_sets.values() {
            let pods = by_owner.get(rs.metadata.name.as_str()).map_or(&[][..], |v| v.as_slice());
            replicaset::reconcile(rs, pods, now, &mut rs_commands);
        }

        // 3. The scheduler binds pods created in earlier steps.
        self.time = now;
        self.schedule_pods();

        // 4. Each kubelet runs what is due for its pods; the node lifecycle controller watches the
        // nodes' heartbeats.
        let gone = self.run_kubelets(now);
        self.watch_nodes(now);

        // 4c. Endpoints follow the pods, kube-proxy follows the endpoints, requests follow both.
        self.sync_traffic(before, now);

        // 5. The controllers' writes land.
        for (name, out) in deployment_outputs {
            for decision in out.decisions {
                self.record_why(&decision.reason, &decision.object, decision.message, Some(decision.why));
            }
            for command in out.commands {
                self.apply_deployment_command(&name, command);
            }
        }
        // A ReplicaSet synced without a create to make is forgotten by the rate limiter.
        if !self.requeue.is_empty() {
            let creating: Vec<&str> = rs_commands
                .iter()
                .filter_map(|c| match c {
                    RsCommand::CreatePods { replica_set, .. } => Some(replica_set.as_str()),
                    _ => None,
                })
                .collect();
            let forgotten: Vec<String> =
                self.requeue.keys().filter(|rs| !creating.contains(&rs.as_str())).cloned().collect();
            for rs in forgotten {
                self.forget(&rs);
            }
        }
        for command in rs_commands {
            self.apply_rs_command(command);
        }
        // The pods whose containers have all stopped are removed by name, not by a pass over every
        // pod (`retain`), which took about a tenth of a step at 10,000 pods.
        for name in gone {
            self.pods.remove(&name);
        }
        debug_assert!(
            self.pods.values().all(|p| !matches!(p.kubelet.stage, Stage::Gone)),
            "a pod became gone outside the kubelets' pass, and was not removed"
        );

        // 6. What the learner did at this moment; the controllers see it next step.
        while let Some(intent) = self.schedule.take_due(now) {
            let _ = self.apply(intent);
        }

        // 7. The strategy's plan, like a person at a terminal, runs the steps that are due.
        self.advance_plan(now);
    }

    /// The strategy's plan runs the steps that are due at `now`, like a person at a terminal:
    /// at the end of every step, and at once when a plan starts (a person who starts one at 10 s
    /// types its first line at 10 s, whether the page or a scenario file started it).
    pub(crate) fn advance_plan(&mut self, now: SimTime) {
        if let Some(mut plan) = self.plan.take() {
            if !plan.done() {
                let (intents, events) = strategy::advance(&mut plan, &self.deployments, &self.requests, now);
                for e in events {
                    match e {
                        PlanEvent::Ran(line) => self.record("PlanStep", "plan", line),
                        PlanEvent::Waiting(what) => self.record("PlanWaiting", "plan", what),
                        PlanEvent::Done => self.record("PlanDone", "plan", "every step of the plan has run"),
                        PlanEvent::Aborted(why) => self.record("PlanAborted", "plan", why),
                        PlanEvent::Interrupted { left } => self.record(
                            "PlanInterrupted",
                            "plan",
                            format!("the client running the plan stopped; {left} steps never ran"),
                        ),
                    }
                }
                for intent in intents {
                    let _ = self.apply(intent);
                }
            }
            self.plan = Some(plan);
        }
    }

    fn sync_traffic(&mut self, from: SimTime, now: SimTime) {
        if !self.data_migrated && self.registry.any_migrates_data() {
            let migrating = self.pods.values().find(|p| {
                p.status.container_state == ContainerState::Running
                    && p.status.image_id.as_deref().is_some_and(|d| self.registry.behavior(d).migrates_data)
            });
            if let Some(p) = migrating {
                let image = p.image().to_string();
                self.data_migrated = true;
                let message = format!("{image} changed the schema of the data every version shares");
                self.record_why(
                    "SchemaChanged",
                    &format!("pod/{}", p.metadata.name),
                    message,
                    Some(Why::DataMigrated { image }),
                );
            }
        }
        for service in self.services.values_mut() {
            service.sync(&self.pods, now);
        }
        self.gateway.sync(now);
        let World {
            traffic, services, pods, ingresses, gateway, registry, data_migrated, traffic_rng, requests, ..
        } = self;
        let cluster = service::Cluster { pods, ingresses, gateway, registry, migrated: *data_migrated };
        for stream in traffic.iter_mut() {
            service::send(stream, services, &cluster, traffic_rng, requests, from, now);
        }
    }

    /// What the `n`th `curl host:port` of a learner's loop gets now. Its random choice of
    /// endpoint follows from the seed and `n` alone, not from the run's streams: the same run
    /// answers the same, and a run watched with curl is the run not watched.
    pub fn curl(&self, host: &str, port: i32, n: u64) -> service::Curl {
        let mut rng = SimRng::new(self.seed() ^ CURL_STREAM ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let cluster = service::Cluster {
            pods: &self.pods,
            ingresses: &self.ingresses,
            gateway: &self.gateway,
            registry: &self.registry,
            migrated: self.data_migrated,
        };
        service::curl(&self.services, &cluster, host, port, &mut rng, self.time)
    }

    /// Steps until the clock reaches `t` (or passes it by less than a tick).
    pub fn run_until(&mut self, t: SimTime) {
        while self.time < t {
            self.step();
        }
    }

    pub(super) fn uid(&mut self) -> u32 {
        let uid = self.next_uid;
        self.next_uid += 1;
        uid
    }

    /// The default scheduler, simplified: the ready node with the fewest pods (no scoring).
    fn schedule_pods(&mut self) {
        let now = self.time;
        let waiting: Vec<String> = self
            .pods
            .values()
            .filter(|p| {
                matches!(p.kubelet.stage, Stage::Unscheduled)
                    && p.metadata.creation_timestamp < now
                    && !p.is_terminating()
            })
            .map(|p| p.metadata.name.clone())
            .collect();
        if waiting.is_empty() {
            return;
        }
        let mut load: BTreeMap<String, usize> =
            self.nodes.values().filter(|n| n.ready).map(|n| (n.name.clone(), 0)).collect();
        for p in self.pods.values() {
            if let Some(n) = p.spec.node_name.as_ref().and_then(|n| load.get_mut(n)) {
                *n += 1;
            }
        }
        for name in waiting {
            // `min_by_key` keeps the first of equals, and the map iterates by name.
            let Some((node, count)) = load.iter_mut().min_by_key(|(_, c)| **c) else {
                let Some(p) = self.pods.get_mut(&name) else { continue };
                if !std::mem::replace(&mut p.kubelet.reported_unschedulable, true) {
                    let nodes = self.nodes.len();
                    self.record_why(
                        "FailedScheduling",
                        &format!("pod/{name}"),
                        format!("0/{nodes} nodes are available: {nodes} node(s) were not ready."),
                        Some(Why::NoReadyNode),
                    );
                }
                continue;
            };
            *count += 1;
            let node = node.clone();
            if let Some(p) = self.pods.get_mut(&name) {
                p.spec.node_name = Some(node.clone());
                p.kubelet.stage = Stage::Scheduled;
                p.kubelet.wake = SimTime::ZERO;
            }
            self.record_why(
                "Scheduled",
                &format!("pod/{name}"),
                format!("Successfully assigned default/{name} to {node}"),
                Some(Why::FewestPods),
            );
        }
    }

    /// `ClaimPods` (`PodControllerRefManager`), as each ReplicaSet's sync starts with it: a pod
    /// whose labels no longer match its ReplicaSet's selector is released, and an orphan that is
    /// not terminating is adopted ([`super::claims::claim`]). Only the pods whose claim may have
    /// changed are looked at ([`ClaimQueue`]).
    fn claim_pods(&mut self) {
        let World { pods, replica_sets, claims, .. } = self;
        claims.claim_pods(pods, replica_sets);
    }

    fn apply_deployment_command(&mut self, deployment: &str, command: Command) {
        match command {
            Command::CreateReplicaSet(mut rs) => {
                rs.metadata.uid = self.uid();
                self.replica_sets.insert(rs.metadata.name.clone(), rs);
            }
            Command::UpdateReplicaSet(rs) => {
                if let Some(current) = self.replica_sets.get_mut(&rs.metadata.name) {
                    current.spec = rs.spec;
                    current.metadata.annotations = rs.metadata.annotations;
                }
            }
            Command::DeleteReplicaSet(name) => {
                self.replica_sets.remove(&name);
            }
            Command::UpdateDeployment { annotations, status } => {
                if let Some(d) = self.deployments.get_mut(deployment) {
                    d.metadata.annotations = annotations;
                    d.status = status;
                }
            }
        }
    }

    fn apply_rs_command(&mut self, command: RsCommand) {
        match command {
            RsCommand::CreatePods { replica_set, count } => self.create_pods(&replica_set, count),
            RsCommand::DeletePods { replica_set, pods } => {
                for name in pods {
                    self.set_deletion_timestamp(&name);
                    self.record("SuccessfulDelete", &format!("rs/{replica_set}"), format!("Deleted pod: {name}"));
                }
            }
            RsCommand::UpdateStatus { replica_set, status } => {
                if let Some(rs) = self.replica_sets.get_mut(&replica_set) {
                    // The ReplicaFailure condition is the create's to set and clear.
                    let failure = rs.status.replica_failure.take();
                    rs.status = status;
                    rs.status.replica_failure = failure;
                }
            }
        }
    }

    /// `manageReplicas` creating `count` pods: in `slowStartBatch`es of 1, 2, 4, …, each pod
    /// admitted against the namespace's ResourceQuotas; a refused create is a `FailedCreate`
    /// event with the apiserver's words, the rest of the batches are skipped, the ReplicaSet
    /// gets its `ReplicaFailure` condition, and it is requeued rate limited
    /// ([`quota::backoff`]) instead of synced again on the next tick.
    fn create_pods(&mut self, replica_set: &str, count: i32) {
        let now = self.time;
        let Some(rs) = self.replica_sets.get(replica_set) else { return };
        let seen = (rs.spec.replicas, rs.status.replicas, rs.status.ready_replicas, rs.status.terminating_replicas);
        if self.requeue.get(replica_set).is_some_and(|r| r.not_before > now && r.seen == seen) {
            return;
        }
        let template = rs.spec.template.clone();
        let (mut done, mut batch, mut refused) = (0, 1, None);
        while done < count && refused.is_none() {
            let size = batch.min(count - done);
            for _ in 0..size {
                let name = loop {
                    let candidate = format!("{replica_set}-{}", self.rng.name_suffix(5));
                    if !self.pods.contains_key(&candidate) {
                        break candidate;
                    }
                };
                if !self.resource_quotas.is_empty() {
                    let used = quota::pods_used(self.pods.values(), now);
                    if let Err(e) = quota::admit_pod(&self.resource_quotas, used) {
                        let message = format!("pods {name:?} is forbidden: {e}");
                        self.record("FailedCreate", &format!("rs/{replica_set}"), format!("Error creating: {message}"));
                        refused = Some(message);
                        continue;
                    }
                }
                self.create_pod(replica_set, &template, name);
            }
            done += size;
            batch = batch.saturating_mul(2);
        }
        match refused {
            Some(message) => {
                let r = self.requeue.entry(replica_set.to_string()).or_default();
                r.failures = r.failures.saturating_add(1);
                // The next sync at the first tick at or after the backoff.
                let wait = quota::backoff(r.failures).as_millis().div_ceil(self.tick.as_millis().max(1));
                r.not_before = now + SimDuration::from_millis(wait * self.tick.as_millis());
                r.message.clone_from(&message);
                r.seen = seen;
                if let Some(rs) = self.replica_sets.get_mut(replica_set) {
                    rs.status.replica_failure = Some(message);
                }
            }
            None => self.forget(replica_set),
        }
    }

    /// A sync of `replica_set` succeeded: the rate limiter forgets it (`queue.Forget`), and
    /// `calculateStatus` removes its `ReplicaFailure` condition.
    fn forget(&mut self, replica_set: &str) {
        if self.requeue.remove(replica_set).is_some() {
            if let Some(rs) = self.replica_sets.get_mut(replica_set) {
                rs.status.replica_failure = None;
            }
        }
    }

    /// One pod of `replica_set`, admitted, created from its template.
    fn create_pod(&mut self, replica_set: &str, template: &PodTemplate, name: String) {
        let uid = self.uid();
        let pod = Pod {
            metadata: ObjectMeta {
                name: name.clone(),
                uid,
                labels: template.labels.clone(),
                annotations: template.annotations.clone(),
                creation_timestamp: self.time,
                owner: Some(replica_set.to_string()),
                ..Default::default()
            },
            spec: PodSpec {
                node_name: None,
                containers: template.containers.clone(),
                termination_grace_period_seconds: template.termination_grace_period_seconds,
            },
            status: PodStatus::default(),
            kubelet: Default::default(),
        };
        self.claims.touch(&name);
        self.pods.insert(name.clone(), pod);
        self.record("SuccessfulCreate", &format!("rs/{replica_set}"), format!("Created pod: {name}"));
    }

    pub(super) fn set_deletion_timestamp(&mut self, name: &str) -> bool {
        let now = self.time;
        match self.pods.get_mut(name) {
            Some(p) if p.metadata.deletion_timestamp.is_none() => {
                p.metadata.deletion_timestamp = Some(now);
                p.kubelet.wake = SimTime::ZERO;
                true
            }
            Some(_) => true,
            None => false,
        }
    }
}

/// Each owner's pods, in name order: the ReplicaSet controller's view of its pods. Pods are
/// named after their ReplicaSet, so its pods mostly follow one another: a pod is compared with
/// the previous pod's owner first, and the map searched only when the owner changes.
fn pods_by_owner(pods: &BTreeMap<String, Pod>) -> BTreeMap<&str, Vec<&Pod>> {
    let mut by_owner: BTreeMap<&str, Vec<&Pod>> = BTreeMap::new();
    let mut run: Option<(&str, Vec<&Pod>)> = None;
    for p in pods.values() {
        let Some(owner) = p.metadata.owner.as_deref() else { continue };
        match &mut run {
            Some((current, run_pods)) if *current == owner => run_pods.push(p),
            _ => {
                if let Some((current, run_pods)) = run.replace((owner, vec![p])) {
                    by_owner.entry(current).or_default().extend(run_pods);
                }
            }
        }
    }
    if let Some((current, run_pods)) = run {
        by_owner.entry(current).or_default().extend(run_pods);
    }
    by_owner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_advances_by_one_tick_and_nothing_else_moves_time() {
        let mut w = World::new(1);
        assert_eq!(w.time(), SimTime::ZERO);
        w.step();
        assert_eq!(w.time(), SimTime::ZERO + DEFAULT_TICK);
        w.run_until(SimTime::from_secs(3));
        assert_eq!(w.time(), SimTime::from_secs(3));
    }

    #[test]
    fn a_clone_is_a_checkpoint() {
        let mut w = World::new(9);
        w.run_until(SimTime::from_secs(1));
        let checkpoint = w.clone();
        w.rng().next_u32();
        w.record("Test", "deployment/x", "moved on");
        w.run_until(SimTime::from_secs(2));
        assert_ne!(w, checkpoint);
        assert_eq!(checkpoint.time(), SimTime::from_secs(1));
        assert!(checkpoint.events().is_empty());
    }
}
