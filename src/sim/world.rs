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
use std::rc::Rc;

use super::deployment::{self, rollback, Command, SyncInput};
use super::eventlog::EventLog;
use super::field::{self, FieldError};
use super::gateway::{self, GatewayApi};
use super::images::Registry;
use super::ingress::Ingress;
use super::intent::{ContainersPatch, Intent, LabelTarget, Object};
use super::kubelet::{self, Stage};
use super::nodelifecycle;
use super::objects::*;
use super::replicaset::{self, RsCommand};
use super::rng::SimRng;
use super::scenario::MAX_REPLICAS;
use super::service::{self, RequestLog, Service, Traffic};
use super::strategy::{self, Plan, PlanEvent, PlanStep};
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

/// One line of the trace: what happened, to which object, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub t: SimTime,
    /// Kubernetes' event reason where it has one (`ScalingReplicaSet`, `Killing`, `Unhealthy`).
    #[serde(rename = "type")]
    pub kind: String,
    /// `kind/name`, as kubectl names objects: `rs/http-go-5b8c4d7f9`.
    pub object: String,
    pub message: String,
    /// Why the engine did it, for the "why did it do that" explanations (`crate::i18n::why_text`
    /// says it in words); none for what merely happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Why>,
}

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
    schedule: Vec<(SimTime, Intent)>,
    /// False in a world whose events nobody reads ([`World::keep_no_events`]).
    #[serde(default = "keeps_events")]
    keeps_events: bool,
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
            traffic: Vec::new(),
            requests: RequestLog::default(),
            data_migrated: false,
            plan: None,
            traffic_rng: SimRng::new(seed ^ TRAFFIC_STREAM),
            schedule: Vec::new(),
            keeps_events: true,
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
        let pos = self.schedule.partition_point(|(t, _)| *t <= at);
        self.schedule.insert(pos, (at, intent));
    }

    /// The ReplicaSets a Deployment owns, oldest first.
    pub fn replica_sets_of(&self, deployment: &str) -> Vec<&ReplicaSet> {
        let mut v: Vec<&ReplicaSet> =
            self.replica_sets.values().filter(|rs| rs.metadata.owner.as_deref() == Some(deployment)).collect();
        v.sort_by(|a, b| deployment::by_creation(a, b));
        v
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
        let mut by_owner: BTreeMap<&str, Vec<&Pod>> = BTreeMap::new();
        for p in self.pods.values() {
            if let Some(owner) = p.metadata.owner.as_deref() {
                by_owner.entry(owner).or_default().push(p);
            }
        }
        let mut rs_commands = Vec::new();
        for rs in self.replica_sets.values() {
            let pods = by_owner.get(rs.metadata.name.as_str()).map_or(&[][..], |v| v.as_slice());
            replicaset::reconcile(rs, pods, now, &mut rs_commands);
        }

        // 3. The scheduler binds pods created in earlier steps.
        self.time = now;
        self.schedule_pods();

        // 4. Each kubelet runs what is due for its pods.
        let mut kubelet_events = Vec::new();
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
                if *keeps_events {
                    kubelet_events.extend(events.into_iter().map(|e| (format!("pod/{}", pod.metadata.name), e)));
                }
            }
        }
        for (object, e) in kubelet_events {
            self.record_why(e.reason, &object, e.message, e.why);
        }

        // 4b. The node lifecycle controller watches the nodes' heartbeats.
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
        for command in rs_commands {
            self.apply_rs_command(command);
        }
        self.pods.retain(|_, p| !matches!(p.kubelet.stage, Stage::Gone));

        // 6. What the learner did at this moment; the controllers see it next step.
        while self.schedule.first().is_some_and(|(t, _)| *t <= now) {
            let (_, intent) = self.schedule.remove(0);
            let _ = self.apply(intent);
        }

        // 7. The strategy's plan, like a person at a terminal, runs the steps that are due.
        if let Some(mut plan) = self.plan.take() {
            if !plan.done() {
                let (intents, events) = strategy::advance(&mut plan, self, now);
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
        for stream in traffic.iter() {
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

    fn uid(&mut self) -> u32 {
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
    /// whose labels no longer match its ReplicaSet's selector is released (its ownerReference
    /// removed: it runs on, owned by nothing, and the ReplicaSet makes a replacement), and an
    /// orphan that is not terminating is adopted by a ReplicaSet not being deleted whose selector
    /// matches it (the first by name, where upstream's is whichever syncs first).
    fn claim_pods(&mut self) {
        let World { pods, replica_sets, .. } = self;
        let matches = |rs: &ReplicaSet, labels: &Labels| rs.spec.selector.iter().all(|(k, v)| labels.get(k) == Some(v));
        for p in pods.values_mut() {
            match p.metadata.owner.as_deref().and_then(|o| replica_sets.get(o)) {
                Some(rs) if rs.metadata.deletion_timestamp.is_none() && !matches(rs, &p.metadata.labels) => {
                    p.metadata.owner = None;
                }
                Some(_) => {}
                None if p.metadata.owner.is_none() && !p.is_terminating() => {
                    let adopter = replica_sets.values().find(|rs| {
                        rs.metadata.deletion_timestamp.is_none()
                            && !rs.spec.selector.is_empty()
                            && matches(rs, &p.metadata.labels)
                    });
                    if let Some(rs) = adopter {
                        p.metadata.owner = Some(rs.metadata.name.clone());
                    }
                }
                None => {}
            }
        }
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
            RsCommand::CreatePods { replica_set, count } => {
                let Some(rs) = self.replica_sets.get(&replica_set) else { return };
                let template = rs.spec.template.clone();
                for _ in 0..count {
                    let name = loop {
                        let candidate = format!("{replica_set}-{}", self.rng.name_suffix(5));
                        if !self.pods.contains_key(&candidate) {
                            break candidate;
                        }
                    };
                    let uid = self.uid();
                    let pod = Pod {
                        metadata: ObjectMeta {
                            name: name.clone(),
                            uid,
                            labels: template.labels.clone(),
                            annotations: template.annotations.clone(),
                            creation_timestamp: self.time,
                            owner: Some(replica_set.clone()),
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
                    self.pods.insert(name.clone(), pod);
                    self.record("SuccessfulCreate", &format!("rs/{replica_set}"), format!("Created pod: {name}"));
                }
            }
            RsCommand::DeletePods { replica_set, pods } => {
                for name in pods {
                    self.delete_pod(&name);
                    self.record("SuccessfulDelete", &format!("rs/{replica_set}"), format!("Deleted pod: {name}"));
                }
            }
            RsCommand::UpdateStatus { replica_set, status } => {
                if let Some(rs) = self.replica_sets.get_mut(&replica_set) {
                    rs.status = status;
                }
            }
        }
    }

    fn delete_pod(&mut self, name: &str) -> bool {
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

    /// Refuses a size that would take the cluster past [`MAX_REPLICAS`] in all.
    fn check_replica_limit(&self, deployment: &str, replicas: i32) -> Result<(), String> {
        let others: i64 = self
            .deployments
            .values()
            .filter(|d| d.metadata.name != deployment)
            .map(|d| i64::from(d.spec.replicas))
            .sum();
        let total = others + i64::from(replicas);
        if total > i64::from(MAX_REPLICAS) {
            return Err(format!(
                "error: the simulator runs at most {MAX_REPLICAS} replicas in all; deployment/{deployment} with \
                 {replicas} would make {total} (Kubernetes itself would accept it)"
            ));
        }
        Ok(())
    }

    /// A pod's name, or for `deployment/NAME` the first pod (by name) of that Deployment that is
    /// not terminating: how a scenario written before the pods exist names one.
    fn resolve_pod(&self, pod: &str) -> Result<String, String> {
        let Some(deployment) = pod.strip_prefix("deployment/") else {
            return Ok(pod.to_string());
        };
        let owned: Vec<&str> = self.replica_sets_of(deployment).iter().map(|rs| rs.metadata.name.as_str()).collect();
        self.pods
            .values()
            .filter(|p| !p.is_terminating() && p.metadata.owner.as_deref().is_some_and(|o| owned.contains(&o)))
            .map(|p| p.metadata.name.clone())
            .next()
            .ok_or_else(|| format!("error: no running pod of deployment/{deployment}"))
    }

    /// `kubectl apply -f` (or `create -f`) of a Deployment: the spec, labels and annotations
    /// replace the stored ones; what the cluster owns (uid, creation time, status, the revision
    /// annotation) stays. Nothing changed is "unchanged", as kubectl says.
    fn apply_deployment(&mut self, mut d: Deployment, create: bool) -> Result<String, String> {
        let name = d.metadata.name.clone();
        admit(&d)?;
        let Some(old) = self.deployments.get(&name) else {
            self.check_replica_limit(&name, d.spec.replicas)?;
            d.metadata.uid = self.uid();
            d.metadata.creation_timestamp = self.time;
            d.metadata.generation = 1;
            self.deployments.insert(name.clone(), d);
            return Ok(format!("deployment.apps/{name} created"));
        };
        if create {
            return Err(format!("Error from server (AlreadyExists): deployments.apps {name:?} already exists"));
        }
        d.metadata.annotations.remove(REVISION_ANNOTATION);
        if let Some(revision) = old.metadata.annotations.get(REVISION_ANNOTATION) {
            d.metadata.annotations.insert(REVISION_ANNOTATION.into(), revision.clone());
        }
        if d.spec == old.spec
            && d.metadata.labels == old.metadata.labels
            && d.metadata.annotations == old.metadata.annotations
        {
            return Ok(format!("deployment.apps/{name} unchanged"));
        }
        self.check_replica_limit(&name, d.spec.replicas)?;
        d.metadata.generation = old.metadata.generation + i64::from(old.spec != d.spec);
        d.metadata.creation_timestamp = old.metadata.creation_timestamp;
        d.metadata.uid = old.metadata.uid;
        d.status = old.status.clone();
        self.deployments.insert(name.clone(), d);
        Ok(format!("deployment.apps/{name} configured"))
    }

    /// The run goes on from `state`: its Deployments, ReplicaSets and Pods replace the run's, in
    /// the order given (the engine's numbers follow it); its Services and Ingresses are applied.
    /// The run's own Services, Ingresses and traffic stay, as a Service outlives the Deployment
    /// behind it. When the pods name the nodes they run on, those are the cluster's nodes. A
    /// strategy's plan was for the workloads that are gone, and stops.
    fn restore(&mut self, state: super::restore::ClusterState) -> Result<String, String> {
        if let Some(problem) = state.problems() {
            return Err(problem);
        }
        state.deployments.iter().try_for_each(admit)?;
        let super::restore::ClusterState { deployments, replica_sets, pods, manifests } = state;
        let nodes: std::collections::BTreeSet<String> = pods.iter().filter_map(|p| p.spec.node_name.clone()).collect();
        if !nodes.is_empty() {
            self.nodes = nodes.into_iter().map(|n| (n.clone(), Node::new(&n))).collect();
        }
        self.plan = None;
        self.deployments.clear();
        for mut d in deployments {
            d.metadata.uid = self.uid();
            self.deployments.insert(d.metadata.name.clone(), d);
        }
        self.replica_sets.clear();
        for mut rs in replica_sets {
            rs.metadata.uid = self.uid();
            // An owner that is not in the state is gone: the ReplicaSet is an orphan.
            rs.metadata.owner = rs.metadata.owner.filter(|o| self.deployments.contains_key(o));
            self.replica_sets.insert(rs.metadata.name.clone(), rs);
        }
        self.pods.clear();
        let now = self.time;
        for mut p in pods {
            p.metadata.uid = self.uid();
            p.metadata.owner = p.metadata.owner.filter(|o| self.replica_sets.contains_key(o));
            let node = p.spec.node_name.as_ref().and_then(|n| self.nodes.get_mut(n));
            kubelet::resume(&mut p, node, &mut self.registry, now);
            self.pods.insert(p.metadata.name.clone(), p);
        }
        let mut answer: Vec<String> = self.deployments.keys().map(|n| format!("deployment.apps/{n} created")).collect();
        answer.extend(self.replica_sets.keys().map(|n| format!("replicaset.apps/{n} created")));
        answer.extend(self.pods.keys().map(|n| format!("pod/{n} created")));
        for object in manifests {
            answer.push(self.apply_object(object, false)?);
        }
        Ok(answer.join("\n"))
    }

    /// `kubectl apply -f` (or `create -f`) of one object of a file.
    fn apply_object(&mut self, object: Object, create: bool) -> Result<String, String> {
        match object {
            Object::Deployment(d) => self.apply_deployment(*d, create),
            Object::Service(svc) => self.apply_service(*svc, create),
            Object::Ingress(i) => self.apply_ingress(*i, create),
            Object::GatewayClass(mut c) => {
                let (name, kind) = (c.name.clone(), "gatewayclass.gateway.networking.k8s.io");
                let old = self.gateway.classes.get(&name);
                c.created = old.map_or(self.time, |o| o.created);
                let verb = applied(old, &*c, create, kind, &name)?;
                self.gateway.classes.insert(name.clone(), *c);
                Ok(format!("{kind}/{name} {verb}"))
            }
            Object::Gateway(mut g) => {
                let (name, kind) = (g.name.clone(), "gateway.gateway.networking.k8s.io");
                let old = self.gateway.gateways.get(&name);
                g.created = old.map_or(self.time, |o| o.created);
                let verb = applied(old, &*g, create, kind, &name)?;
                self.gateway.gateways.insert(name.clone(), *g);
                Ok(format!("{kind}/{name} {verb}"))
            }
            Object::HttpRoute(mut r) => {
                let (name, kind) = (r.name.clone(), "httproute.gateway.networking.k8s.io");
                let old = self.gateway.routes.get(&name);
                r.created = old.map_or(self.time, |o| o.created);
                let verb = applied(old.map(|o| &o.spec), &r.spec, create, kind, &name)?;
                if verb != "unchanged" {
                    self.gateway.write(*r, self.time);
                }
                Ok(format!("{kind}/{name} {verb}"))
            }
        }
    }

    /// `kubectl apply -f` of a Service: its selector and ports; the cluster IP, once allocated,
    /// may not change.
    fn apply_service(&mut self, mut svc: Service, create: bool) -> Result<String, String> {
        let name = svc.name.clone();
        let Some(old) = self.services.get_mut(&name) else {
            svc.created = self.time;
            self.services.insert(name.clone(), svc);
            return Ok(format!("service/{name} created"));
        };
        if create {
            return Err(format!("Error from server (AlreadyExists): services {name:?} already exists"));
        }
        if svc.cluster_ip != old.cluster_ip && svc.cluster_ip != service::cluster_ip_for(&name) {
            return Err(format!(
                "The Service {name:?} is invalid: spec.clusterIPs[0]: Invalid value: []string{{{:?}}}: may not change once set",
                svc.cluster_ip
            ));
        }
        if svc.selector == old.selector && svc.ports == old.ports {
            return Ok(format!("service/{name} unchanged"));
        }
        old.selector = svc.selector;
        old.ports = svc.ports;
        Ok(format!("service/{name} configured"))
    }

    /// `kubectl apply -f` of an Ingress: its rule and annotations (a canary's weight).
    fn apply_ingress(&mut self, i: Ingress, create: bool) -> Result<String, String> {
        let name = i.name.clone();
        let kind = "ingress.networking.k8s.io";
        match self.ingresses.get(&name) {
            Some(_) if create => {
                Err(format!("Error from server (AlreadyExists): ingresses.networking.k8s.io {name:?} already exists"))
            }
            Some(old) if *old == i => Ok(format!("{kind}/{name} unchanged")),
            old => {
                let verb = if old.is_some() { "configured" } else { "created" };
                self.ingresses.insert(name.clone(), i);
                Ok(format!("{kind}/{name} {verb}"))
            }
        }
    }

    fn deployment_mut(&mut self, name: &str) -> Result<&mut Deployment, String> {
        self.deployments
            .get_mut(name)
            .ok_or_else(|| format!("Error from server (NotFound): deployments.apps {name:?} not found"))
    }

    /// Applies an intent now, as the apiserver (and kubectl, for client-side commands) would.
    /// Returns what kubectl prints, or its error.
    pub fn apply(&mut self, intent: Intent) -> Result<String, String> {
        let result = self.apply_inner(&intent);
        let (kind, message) = match &result {
            Ok(m) => ("Intent", m.clone()),
            Err(e) => ("IntentRejected", e.clone()),
        };
        self.record(kind, "kubectl", message);
        result
    }

    fn apply_inner(&mut self, intent: &Intent) -> Result<String, String> {
        match intent.clone() {
            Intent::Apply { deployment } => self.apply_deployment(*deployment, false),
            Intent::Manifest { object, create } => self.apply_object(object, create),
            Intent::Restore { state } => self.restore(*state),
            Intent::SetImage { deployment, container, image } => {
                let d = self.deployment_mut(&deployment)?;
                let c = d
                    .spec
                    .template
                    .containers
                    .iter_mut()
                    .find(|c| c.name == container)
                    .ok_or_else(|| format!("error: unable to find container named {container:?}"))?;
                if c.image != image {
                    c.image = image.clone();
                    d.metadata.generation += 1;
                }
                Ok(format!("deployment.apps/{deployment} image updated"))
            }
            Intent::PatchContainers { deployment, patch } => {
                let d = self.deployment_mut(&deployment)?;
                let containers = patched_containers(&deployment, &d.spec.template.containers, &patch)?;
                if containers == d.spec.template.containers {
                    return Ok(format!("deployment.apps/{deployment} patched (no change)"));
                }
                d.spec.template.containers = containers;
                d.metadata.generation += 1;
                Ok(format!("deployment.apps/{deployment} patched"))
            }
            Intent::Scale { deployment, replicas } => {
                if replicas < 0 {
                    return Err(format!(
                        "The Deployment {deployment:?} is invalid: spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0"
                    ));
                }
                self.deployment_mut(&deployment)?;
                self.check_replica_limit(&deployment, replicas)?;
                let d = self.deployment_mut(&deployment)?;
                if d.spec.replicas != replicas {
                    d.spec.replicas = replicas;
                    d.metadata.generation += 1;
                }
                Ok(format!("deployment.apps/{deployment} scaled"))
            }
            Intent::Pause { deployment } => {
                let d = self.deployment_mut(&deployment)?;
                if d.spec.paused {
                    return Err(format!("error: deployments.apps {deployment:?} is already paused"));
                }
                d.spec.paused = true;
                d.metadata.generation += 1;
                Ok(format!("deployment.apps/{deployment} paused"))
            }
            Intent::Resume { deployment } => {
                let d = self.deployment_mut(&deployment)?;
                if !d.spec.paused {
                    return Err(format!("error: deployments.apps {deployment:?} is not paused"));
                }
                d.spec.paused = false;
                d.metadata.generation += 1;
                Ok(format!("deployment.apps/{deployment} resumed"))
            }
            Intent::Restart { deployment } => {
                let now = self.time.rfc3339();
                let d = self.deployment_mut(&deployment)?;
                if d.spec.paused {
                    // `defaultObjectRestarter`; kubectl prefixes the object.
                    return Err(format!(
                        "error: deployments.apps {deployment:?} can't restart paused deployment (run rollout resume first)"
                    ));
                }
                let annotations = &mut d.spec.template.annotations;
                if annotations.get(RESTARTED_AT_ANNOTATION) == Some(&now) {
                    // RFC 3339 keeps whole seconds: a second restart within one is an empty patch.
                    return Err(format!(
                        "error: failed to create patch for {deployment}: if restart has already been triggered \
                         within the past second, please wait before attempting to trigger another"
                    ));
                }
                annotations.insert(RESTARTED_AT_ANNOTATION.into(), now);
                d.metadata.generation += 1;
                Ok(format!("deployment.apps/{deployment} restarted"))
            }
            Intent::Undo { deployment, to_revision } => {
                let d = self.deployments.get(&deployment).cloned().ok_or_else(|| {
                    format!("Error from server (NotFound): deployments.apps {deployment:?} not found")
                })?;
                let rss: Vec<ReplicaSet> = self.replica_sets_of(&deployment).into_iter().cloned().collect();
                // kubectl prints a refusal as it prints any error: after "error: ".
                let outcome = rollback::rollback(&d, &rss, to_revision).map_err(|e| format!("error: {e}"))?;
                let message = outcome.message(&deployment);
                if let rollback::RollbackOutcome::Patch { template, change_cause, .. } = outcome {
                    let d = self.deployment_mut(&deployment)?;
                    d.spec.template = template;
                    match change_cause {
                        Some(c) => d.metadata.annotations.insert(CHANGE_CAUSE_ANNOTATION.into(), c),
                        None => d.metadata.annotations.remove(CHANGE_CAUSE_ANNOTATION),
                    };
                    d.metadata.generation += 1;
                }
                Ok(message)
            }
            Intent::SetMinReadySeconds { deployment, seconds } => {
                let d = self.deployment_mut(&deployment)?;
                if d.spec.min_ready_seconds != seconds {
                    d.spec.min_ready_seconds = seconds;
                    d.metadata.generation += 1;
                }
                Ok(format!("deployment.apps/{deployment} patched"))
            }
            Intent::SetRollingUpdate { deployment, max_surge, max_unavailable } => {
                let d = self.deployment_mut(&deployment)?;
                let quarter = Some(IntOrPercent::Percent(25));
                let (surge, unavailable) = match d.spec.strategy {
                    Strategy::RollingUpdate { max_surge, max_unavailable } => (max_surge, max_unavailable),
                    Strategy::Recreate => (quarter, quarter),
                };
                let surge = max_surge.or(surge).unwrap_or(IntOrPercent::Int(0));
                let unavailable = max_unavailable.or(unavailable).unwrap_or(IntOrPercent::Int(0));
                if let Some(e) = rolling_update_error(surge, unavailable) {
                    return Err(field::invalid_object_message("Deployment", &deployment, &[e]));
                }
                let strategy = Strategy::RollingUpdate { max_surge: Some(surge), max_unavailable: Some(unavailable) };
                if d.spec.strategy != strategy {
                    d.spec.strategy = strategy;
                    d.metadata.generation += 1;
                }
                Ok(format!("deployment.apps/{deployment} patched"))
            }
            Intent::ChangeCause { deployment, cause } => {
                let d = self.deployment_mut(&deployment)?;
                d.metadata.annotations.insert(CHANGE_CAUSE_ANNOTATION.into(), cause);
                Ok(format!("deployment.apps/{deployment} annotated"))
            }
            Intent::Label { target, labels, overwrite } => {
                let (kind, resource, name) = match &target {
                    LabelTarget::Pod(name) => ("Pod", "pods", name.as_str()),
                    LabelTarget::Deployment(name) => ("Deployment", "deployments.apps", name.as_str()),
                };
                let current = match &target {
                    LabelTarget::Pod(name) => self.pods.get_mut(name).map(|p| &mut p.metadata.labels),
                    LabelTarget::Deployment(name) => self.deployments.get_mut(name).map(|d| &mut d.metadata.labels),
                }
                .ok_or_else(|| format!("Error from server (NotFound): {resource} {name:?} not found"))?;
                let short = if kind == "Pod" { format!("pod/{name}") } else { format!("deployment.apps/{name}") };
                label(current, kind, name, &labels, overwrite).map(|(notes, verb)| format!("{notes}{short} {verb}"))
            }
            Intent::DeletePod { pod } => {
                let pod = self.resolve_pod(&pod)?;
                if self.delete_pod(&pod) {
                    Ok(format!("pod {pod:?} deleted"))
                } else {
                    Err(format!("Error from server (NotFound): pods {pod:?} not found"))
                }
            }
            Intent::FailReadiness { pod } | Intent::FailLiveness { pod } => {
                let readiness = matches!(intent, Intent::FailReadiness { .. });
                let pod = self.resolve_pod(&pod)?;
                let p = self
                    .pods
                    .get_mut(&pod)
                    .ok_or_else(|| format!("Error from server (NotFound): pods {pod:?} not found"))?;
                if readiness {
                    p.kubelet.readiness_fault = true;
                } else {
                    p.kubelet.liveness_fault = true;
                }
                Ok(format!("pod/{pod}: the {} endpoint now fails", if readiness { "readiness" } else { "liveness" }))
            }
            Intent::Push { image, behavior } => {
                let digest = self.registry.push(&image, behavior);
                Ok(format!("{image}: digest: {digest}"))
            }
            Intent::AddNode { name } => {
                self.nodes.entry(name.clone()).or_insert_with(|| Node::new(&name));
                Ok(format!("node/{name} joined"))
            }
            Intent::PatchServiceSelector { service, selector } => {
                let s = self
                    .services
                    .get_mut(&service)
                    .ok_or_else(|| format!("Error from server (NotFound): services {service:?} not found"))?;
                // A merge patch of spec.selector: a null value removes the key.
                for (k, v) in selector {
                    match v {
                        Some(v) => s.selector.insert(k, v),
                        None => s.selector.remove(&k),
                    };
                }
                Ok(format!("service/{service} patched"))
            }
            Intent::AnnotateIngress { ingress, key, value, overwrite } => {
                let i = self.ingresses.get_mut(&ingress).ok_or_else(|| {
                    format!("Error from server (NotFound): ingresses.networking.k8s.io {ingress:?} not found")
                })?;
                match value {
                    None => {
                        i.annotations.remove(&key);
                    }
                    Some(value) => {
                        if let Some(old) = i.annotations.get(&key).filter(|_| !overwrite) {
                            return Err(format!(
                                "error: --overwrite is false but found the following declared annotation(s): '{key}' already has a value ({old})"
                            ));
                        }
                        i.annotations.insert(key, value);
                    }
                }
                Ok(format!("ingress.networking.k8s.io/{ingress} annotated"))
            }
            Intent::PatchHttpRoute { route, patch } => {
                let kind = "httproute.gateway.networking.k8s.io";
                let old = self.gateway.routes.get(&route).ok_or_else(|| {
                    format!("Error from server (NotFound): httproutes.gateway.networking.k8s.io {route:?} not found")
                })?;
                let spec = patch.apply(old)?;
                if spec == old.spec {
                    return Ok(format!("{kind}/{route} patched (no change)"));
                }
                let changed = gateway::HttpRoute { spec, ..old.clone() };
                self.gateway.write(changed, self.time);
                Ok(format!("{kind}/{route} patched"))
            }
            Intent::StartPlan { mut plan } => {
                if self.plan.as_ref().is_some_and(|p| !p.done()) {
                    return Err("error: a rollout plan is still running; wait until it is done".into());
                }
                plan.start = self.time;
                let first = plan.steps.iter().find_map(|s| match s {
                    PlanStep::Kubectl { line, .. } => Some(line.clone()),
                    _ => None,
                });
                let answer = format!(
                    "plan of {} steps started{}",
                    plan.steps.len(),
                    first.map_or(String::new(), |l| format!("; first: kubectl {l}"))
                );
                self.plan = Some(*plan);
                Ok(answer)
            }
            Intent::NodeDown { node } | Intent::NodeUp { node } => {
                let down = matches!(intent, Intent::NodeDown { .. });
                let now = self.time;
                let n = self
                    .nodes
                    .get_mut(&node)
                    .ok_or_else(|| format!("Error from server (NotFound): nodes {node:?} not found"))?;
                match (down, n.kubelet_stopped_at.is_some()) {
                    (true, true) => Ok(format!("node/{node}: the kubelet is already stopped")),
                    (true, false) => {
                        n.kubelet_stopped_at = Some(now);
                        Ok(format!("node/{node}: the kubelet stopped; the control plane has not noticed yet"))
                    }
                    (false, false) => Ok(format!("node/{node}: the kubelet is already running")),
                    (false, true) => {
                        n.kubelet_stopped_at = None;
                        // The kubelet posts its pods' status again from its own probe results.
                        let name = node.clone();
                        for p in self.pods.values_mut().filter(|p| p.spec.node_name.as_deref() == Some(name.as_str())) {
                            kubelet::resync_ready(p, now);
                            p.kubelet.wake = now;
                        }
                        Ok(format!("node/{node}: the kubelet is running again"))
                    }
                }
            }
        }
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

/// ValidateRollingUpdateDeployment: maxSurge and maxUnavailable, as written, may not both be 0.
fn rolling_update_error(surge: IntOrPercent, unavailable: IntOrPercent) -> Option<FieldError> {
    let raw = |v: IntOrPercent| match v {
        IntOrPercent::Int(n) | IntOrPercent::Percent(n) => n,
    };
    (raw(surge) == 0 && raw(unavailable) == 0).then(|| {
        let value = match unavailable {
            IntOrPercent::Int(n) => n.to_string(),
            p => field::quote(&p.to_string()),
        };
        FieldError::invalid("spec.strategy.rollingUpdate.maxUnavailable", value, "may not be 0 when `maxSurge` is 0")
    })
}

/// The engine's own guard on a Deployment that reaches it whole (an applied manifest, a shared
/// link's step): the parts of `ValidateDeployment` the controllers rely on, in the apiserver's
/// words. A manifest typed on the page is validated in full before this (`k8s::validate`); this
/// keeps a hand-made step from running the controllers on what the apiserver never admits.
fn admit(d: &Deployment) -> Result<(), String> {
    let errors = deployment_errors(d);
    if errors.is_empty() {
        return Ok(());
    }
    let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    Err(format!("The Deployment {:?} is invalid: {}", d.metadata.name, errors.join(", ")))
}

/// What of [`admit`]'s checks `d` fails, each as the apiserver words it.
fn deployment_errors(d: &Deployment) -> Vec<FieldError> {
    let mut errors = Vec::new();
    field::nonnegative(d.spec.replicas.into(), "spec.replicas", &mut errors);
    field::nonnegative(d.spec.min_ready_seconds.into(), "spec.minReadySeconds", &mut errors);
    if let Some(limit) = d.spec.revision_history_limit {
        field::nonnegative(limit.into(), "spec.revisionHistoryLimit", &mut errors);
    }
    if d.spec.selector.is_empty() {
        errors.push(FieldError::invalid("spec.selector", "\"null\"", "empty selector is invalid for deployment"));
    }
    if d.spec.selector.iter().any(|(k, v)| d.spec.template.labels.get(k) != Some(v)) {
        let labels = field::go_map(&d.spec.template.labels);
        errors.push(FieldError::invalid(
            "spec.template.metadata.labels",
            labels,
            "`selector` does not match template `labels`",
        ));
    }
    if let Strategy::RollingUpdate { max_surge, max_unavailable } = d.spec.strategy {
        let zero = IntOrPercent::Int(0);
        errors.extend(rolling_update_error(max_surge.unwrap_or(zero), max_unavailable.unwrap_or(zero)));
    }
    let containers = &d.spec.template.containers;
    if containers.is_empty() {
        errors.push(FieldError::required("spec.template.spec.containers", ""));
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, c) in containers.iter().enumerate() {
        let at = format!("spec.template.spec.containers[{i}]");
        if c.name.is_empty() {
            errors.push(FieldError::required(format!("{at}.name"), ""));
        } else if !names.insert(c.name.as_str()) {
            errors.push(FieldError::duplicate(format!("{at}.name"), &c.name));
        }
        if c.image.trim().is_empty() {
            errors.push(FieldError::required(format!("{at}.image"), ""));
        }
    }
    errors
}

/// The template's containers after `patch`, or the apiserver's error: the patch's, or the field
/// error for what results.
fn patched_containers(
    deployment: &str,
    current: &[Container],
    patch: &ContainersPatch,
) -> Result<Vec<Container>, String> {
    const AT: &str = "spec.template.spec.containers";
    let invalid = |e: String| format!("The Deployment {deployment:?} is invalid: {e}");
    let required = |i: usize, field: &str| invalid(format!("{AT}[{i}].{field}: Required value"));
    let mut out = current.to_vec();
    match patch {
        ContainersPatch::ByName(entries) => {
            for (name, image) in entries {
                let Some(name) = name else {
                    let image = image.as_deref().unwrap_or_default();
                    return Err(format!(
                        "Error from server: map: map[image:{image}] does not contain declared merge key: name"
                    ));
                };
                match out.iter_mut().find(|c| &c.name == name) {
                    Some(c) => {
                        if let Some(image) = image {
                            c.image = image.clone();
                        }
                    }
                    None => out.push(Container::new(name, image.as_deref().unwrap_or_default())),
                }
            }
        }
        ContainersPatch::Replace(entries) => {
            out = entries
                .iter()
                .map(|(name, image)| Container::new(name.as_deref().unwrap_or(""), image.as_deref().unwrap_or("")))
                .collect();
            if out.is_empty() {
                return Err(invalid(format!("{AT}: Required value")));
            }
        }
        ContainersPatch::Image { index, image } => {
            let c = out.get_mut(*index).ok_or_else(|| {
                format!("Error from server: jsonpatch replace operation does not apply: doc is missing path: /spec/template/spec/containers/{index}/image")
            })?;
            c.image = image.clone();
        }
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, c) in out.iter().enumerate() {
        if c.name.is_empty() {
            return Err(required(i, "name"));
        }
        if !names.insert(c.name.as_str()) {
            return Err(invalid(format!("{AT}[{i}].name: Duplicate value: {:?}", c.name)));
        }
        if c.image.trim().is_empty() {
            return Err(required(i, "image"));
        }
    }
    Ok(out)
}

/// What `kubectl label` does to `labels` (`key=value` sets, `None` removes): kubectl's refusal
/// to overwrite without `--overwrite`, then the apiserver's validation of what results. Returns
/// kubectl's notes (a removed label that was not there) and its verb.
fn label(
    labels: &mut Labels,
    kind: &str,
    name: &str,
    changes: &BTreeMap<String, Option<String>>,
    overwrite: bool,
) -> Result<(String, &'static str), String> {
    if !overwrite {
        let clashes: Vec<String> = changes
            .iter()
            .filter_map(|(k, v)| {
                let (v, current) = (v.as_ref()?, labels.get(k)?);
                (v != current).then(|| format!("'{k}' already has a value ({current}), and --overwrite is false"))
            })
            .collect();
        if !clashes.is_empty() {
            return Err(format!("error: {}", clashes.join(", ")));
        }
    }
    let mut next = labels.clone();
    let mut notes = String::new();
    for (k, v) in changes {
        match v {
            Some(v) => {
                next.insert(k.clone(), v.clone());
            }
            None => {
                if next.remove(k).is_none() {
                    notes.push_str(&format!("label {k:?} not found.\n"));
                }
            }
        }
    }
    let errors: Vec<String> = next.iter().flat_map(|(k, v)| super::objects::label_errors(k, v)).collect();
    if !errors.is_empty() {
        return Err(format!("The {kind} {name:?} is invalid: {}", errors.join(", ")));
    }
    // kubectl's `updateDataChangeMsg`: unlabeled when the object got shorter without --overwrite.
    let size = |l: &Labels| l.iter().map(|(k, v)| k.len() + v.len() + 6).sum::<usize>();
    let verb = if next == *labels {
        "not labeled"
    } else if !overwrite && size(&next) < size(labels) {
        "unlabeled"
    } else {
        "labeled"
    };
    *labels = next;
    Ok((notes, verb))
}

/// What `kubectl apply|create -f` says of an object: `created`, `configured`, `unchanged`, or the
/// apiserver's refusal of a `create` of one that exists.
fn applied<T: PartialEq>(
    old: Option<&T>,
    new: &T,
    create: bool,
    kind: &str,
    name: &str,
) -> Result<&'static str, String> {
    let resource = kind.replacen('.', "s.", 1);
    match old {
        Some(_) if create => Err(format!("Error from server (AlreadyExists): {resource} {name:?} already exists")),
        Some(o) if o == new => Ok("unchanged"),
        Some(_) => Ok("configured"),
        None => Ok("created"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::sample::Sample;

    #[test]
    fn a_world_that_keeps_no_events_runs_the_same() {
        let mut quiet = crate::sim::scenario::http_go(7);
        quiet.keep_no_events();
        let mut told = crate::sim::scenario::http_go(7);
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
    fn step_advances_by_one_tick_and_nothing_else_moves_time() {
        let mut w = World::new(1);
        assert_eq!(w.time(), SimTime::ZERO);
        w.step();
        assert_eq!(w.time(), SimTime::ZERO + DEFAULT_TICK);
        w.run_until(SimTime::from_secs(3));
        assert_eq!(w.time(), SimTime::from_secs(3));
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
