//! Intents: what a learner (or a lesson, a scenario, a strategy) does to the cluster. Each is a
//! kubectl command or an injected fault, and each is applied the way the apiserver and kubectl
//! would apply it (`super::apiserver`). A strategy's [`Plan`] is here too: its steps are intents,
//! and starting one is an intent, so the two types hold each other. How a plan runs is
//! [`super::strategy`].

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::images::ImageBehavior;
use super::objects::{Deployment, IntOrPercent};
use super::service::RequestLog;
use super::time::{SimDuration, SimTime};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "intent")]
pub enum Intent {
    /// `kubectl create -f` / `apply -f` of a Deployment (defaults already applied).
    Apply { deployment: Box<Deployment> },
    /// `kubectl set image deployment/NAME CONTAINER=IMAGE`
    SetImage { deployment: String, container: String, image: String },
    /// `kubectl scale deployment/NAME --replicas=N`
    Scale { deployment: String, replicas: i32 },
    /// `kubectl rollout pause deployment/NAME`
    Pause { deployment: String },
    /// `kubectl rollout resume deployment/NAME`
    Resume { deployment: String },
    /// `kubectl rollout restart deployment/NAME`: stamps the template's
    /// `kubectl.kubernetes.io/restartedAt` with the current time, so the same image rolls out again.
    Restart { deployment: String },
    /// `kubectl rollout undo deployment/NAME [--to-revision=N]` (0: the previous revision)
    Undo { deployment: String, to_revision: i64 },
    /// `kubectl patch deployment NAME -p '{"spec": {"minReadySeconds": N}}'`
    SetMinReadySeconds { deployment: String, seconds: i32 },
    /// `kubectl patch` of `spec.strategy.rollingUpdate` (a value left out is kept; a Recreate
    /// Deployment becomes RollingUpdate with 25% for what is left out)
    SetRollingUpdate { deployment: String, max_surge: Option<IntOrPercent>, max_unavailable: Option<IntOrPercent> },
    /// `kubectl patch` of the template's containers (what changes is their images).
    PatchContainers { deployment: String, patch: ContainersPatch },
    /// `kubectl patch deployment NAME -p PATCH`: one request, so its parts (each one of the
    /// intents above) are applied together or not at all, and kubectl answers `patched`, or
    /// `patched (no change)` when the Deployment comes out as it went in.
    PatchDeployment { deployment: String, parts: Vec<Intent> },
    /// `kubectl patch` of how the template's pods shut down: a container's
    /// `lifecycle.preStop.sleep.seconds` (by container name; `None` removes the hook) and
    /// `terminationGracePeriodSeconds`. A changed template rolls out, as any template change.
    PatchShutdown {
        deployment: String,
        pre_stop: Vec<(String, Option<i32>)>,
        termination_grace_period_seconds: Option<i32>,
    },
    /// `kubectl annotate deployment NAME kubernetes.io/change-cause=...`
    ChangeCause { deployment: String, cause: String },
    /// `kubectl label pod|deployment NAME KEY=VALUE... KEY-... [--overwrite]` (`None` removes
    /// the key). A pod labelled out of its ReplicaSet's selector is released by it.
    Label { target: LabelTarget, labels: std::collections::BTreeMap<String, Option<String>>, overwrite: bool },
    /// `kubectl delete pod NAME`. In this and the two faults below, `pod` may also be
    /// `deployment/NAME`: the first running pod of that Deployment by name, for a scenario
    /// written before the pods (and their random names) exist.
    DeletePod { pod: String },
    /// Fault: the pod's readiness endpoint fails from now on.
    FailReadiness { pod: String },
    /// Fault: the pod's liveness endpoint fails from now on.
    FailLiveness { pod: String },
    /// A new build pushed under `image`'s tag (same name, new digest, new behaviour).
    Push { image: String, behavior: ImageBehavior },
    /// A node joins the cluster.
    AddNode { name: String },
    /// `kubectl patch service NAME -p '{"spec": {"selector": {...}}}'`: a merge patch of the
    /// selector (`None` removes a key). Blue/Green's switch.
    PatchServiceSelector { service: String, selector: std::collections::BTreeMap<String, Option<String>> },
    /// `kubectl annotate ingress NAME KEY=VALUE [--overwrite]` (`KEY-`: `value` None removes it):
    /// how a weighted canary moves its weight.
    AnnotateIngress { ingress: String, key: String, value: Option<String>, overwrite: bool },
    /// `kubectl patch httproute NAME --type merge|json -p PATCH`: how a canary behind a Gateway
    /// moves its weights.
    PatchHttpRoute { route: String, patch: super::gateway::RoutePatch },
    /// `kubectl delete httproute|gateway|gatewayclass NAME`.
    DeleteGatewayObject { kind: super::gateway::Kind, name: String },
    /// A strategy's plan starts now (its `start` is set to the moment it is applied): what a
    /// "deploy" button of Blue/Green or Canary does, recorded like any other act.
    StartPlan { plan: Box<Plan> },
    /// Fault: the node's kubelet stops (power lost or network cut); see [`super::nodelifecycle`].
    NodeDown { node: String },
    /// The node's kubelet comes back.
    NodeUp { node: String },
    /// `kubectl delete resourcequota NAME`: admission no longer checks pods against it.
    DeleteResourceQuota { name: String },
    /// `kubectl apply -f FILE` (or `create -f` when `create`) of one object of the file, read
    /// and validated as the apiserver would (defaults applied).
    Manifest { object: super::manifest::Object, create: bool },
    /// The run goes on from a cluster's state (a pasted `kubectl get deploy,rs,pods -o yaml`):
    /// its workloads replace the run's.
    Restore { state: Box<super::restore::ClusterState> },
}

impl Intent {
    /// The replicas this intent asks a Deployment for, if it scales one: `kubectl scale`, or a
    /// patch of `spec.replicas` (the bound on a run's work reads it).
    pub fn replicas_asked(&self) -> Option<i32> {
        match self {
            Intent::Scale { replicas, .. } => Some(*replicas),
            Intent::PatchDeployment { parts, .. } => parts.iter().filter_map(Intent::replicas_asked).max(),
            _ => None,
        }
    }
}

/// What `kubectl label` labels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LabelTarget {
    Pod(String),
    Deployment(String),
}

/// A patch of `spec.template.spec.containers`, as each patch type reads the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ContainersPatch {
    /// A strategic merge patch: each entry merged into the container of its name (the list's
    /// merge key), a new name added as a container. `(name, image)`; the name may be missing.
    ByName(Vec<(Option<String>, Option<String>)>),
    /// A JSON merge patch (`--type merge`): the list is replaced by these, and what they leave
    /// out (probes, pull policy, hooks) is gone. `(name, image)`, either may be missing.
    Replace(Vec<(Option<String>, Option<String>)>),
    /// A JSON patch (`--type json`) of `/spec/template/spec/containers/N/image`.
    Image { index: usize, image: String },
}

/// One step of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PlanStep {
    /// A kubectl command line (as written, for the trace) and the intents it makes.
    Kubectl { line: String, intents: Vec<Intent> },
    /// Wait this long.
    Pause(SimDuration),
    /// Wait until the Deployment has rolled out completely (`kubectl rollout status` returning).
    WaitForAvailable { deployment: String },
}

/// A plan and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// When the first step runs.
    pub start: SimTime,
    pub steps: Vec<PlanStep>,
    /// The step to run next.
    #[serde(default)]
    pub next: usize,
    /// When the current wait began.
    #[serde(default)]
    pub waiting_since: Option<SimTime>,
    /// When the client running the plan dies (the old client-side `kubectl rolling-update`
    /// killed half way): no step runs from then on.
    #[serde(default)]
    pub interrupted_at: Option<SimTime>,
    /// The analysis that aborts the plan, if any.
    #[serde(default)]
    pub abort: Option<Abort>,
}

/// An analysis of a Service's error rate while the plan runs: when more than `error_percent` of
/// the requests sent to `service`'s endpoints in the last `window` failed (counting only once
/// `min_requests` were sent in it), the plan's remaining steps are dropped and `steps` run
/// instead. The Deployments keep their new spec: an abort routes traffic away and scales down,
/// it does not roll back (argo-rollouts#1152).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Abort {
    pub service: String,
    pub error_percent: u8,
    pub window: SimDuration,
    pub min_requests: u64,
    pub steps: Vec<PlanStep>,
    /// When it fired.
    #[serde(default)]
    pub aborted_at: Option<SimTime>,
    /// (time, sent, failed) for the Service, oldest first: the window and the sample before it.
    #[serde(default)]
    samples: VecDeque<(SimTime, u64, u64)>,
}

impl Abort {
    pub fn new(service: &str, error_percent: u8, window: SimDuration, min_requests: u64, steps: Vec<PlanStep>) -> Self {
        Abort {
            service: service.into(),
            error_percent,
            window,
            min_requests,
            steps,
            aborted_at: None,
            samples: VecDeque::new(),
        }
    }

    /// Takes this step's sample; if the window's error rate is over the threshold, what to say.
    pub(super) fn measure(&mut self, requests: &RequestLog, now: SimTime) -> Option<String> {
        let c = requests.by_service.get(&self.service).copied().unwrap_or_default();
        self.samples.push_back((now, c.sent, c.failed));
        while self.samples.len() > 2 && now.saturating_since(self.samples[1].0) >= self.window {
            self.samples.pop_front();
        }
        let &(_, sent0, failed0) = self.samples.front()?;
        let (sent, failed) = (c.sent - sent0, c.failed - failed0);
        let over = sent >= self.min_requests.max(1) && failed * 100 > u64::from(self.error_percent) * sent;
        over.then(|| {
            format!(
                "{failed} of {sent} requests to service/{} failed in the last {} (more than {}%); aborting",
                self.service, self.window, self.error_percent
            )
        })
    }
}

impl Plan {
    pub fn new(start: SimTime, steps: Vec<PlanStep>) -> Self {
        Plan { start, steps, next: 0, waiting_since: None, interrupted_at: None, abort: None }
    }

    pub fn done(&self) -> bool {
        self.next >= self.steps.len()
    }

    pub(super) fn interrupted(&self, now: SimTime) -> bool {
        self.interrupted_at.is_some_and(|t| now >= t)
    }
}
