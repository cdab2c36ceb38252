//! Intents: what a learner (or a lesson, a scenario, a strategy) does to the cluster. Each is a
//! kubectl command or an injected fault, and each is applied the way the apiserver and kubectl
//! would apply it.

use serde::{Deserialize, Serialize};

use super::images::ImageBehavior;
use super::objects::{Deployment, IntOrPercent};

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
    /// A strategy's plan starts now (its `start` is set to the moment it is applied): what a
    /// "deploy" button of Blue/Green or Canary does, recorded like any other act.
    StartPlan { plan: Box<super::strategy::Plan> },
    /// Fault: the node's kubelet stops (power lost or network cut); see [`super::nodelifecycle`].
    NodeDown { node: String },
    /// The node's kubelet comes back.
    NodeUp { node: String },
    /// `kubectl apply -f FILE` (or `create -f` when `create`) of one object of the file, read
    /// and validated as the apiserver would (defaults applied).
    Manifest { object: Object, create: bool },
    /// The run goes on from a cluster's state (a pasted `kubectl get deploy,rs,pods -o yaml`):
    /// its workloads replace the run's.
    Restore { state: Box<super::restore::ClusterState> },
}

/// An object of a manifest file, as the engine keeps it. Externally tagged (`{"deployment":
/// {...}}`): serde reads an internally tagged enum through a buffer, a second copy of every
/// reader of the objects in the page's bundle (a shared link and the YAML reader's reply carry them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Object {
    Deployment(Box<Deployment>),
    Service(Box<super::service::Service>),
    Ingress(Box<super::ingress::Ingress>),
    GatewayClass(Box<super::gateway::GatewayClass>),
    Gateway(Box<super::gateway::Gateway>),
    HttpRoute(Box<super::gateway::HttpRoute>),
}

impl Object {
    /// `deployment.apps/http-go`, as kubectl names what it applied.
    pub fn kubectl_name(&self) -> String {
        match self {
            Object::Deployment(d) => format!("deployment.apps/{}", d.metadata.name),
            Object::Service(s) => format!("service/{}", s.name),
            Object::Ingress(i) => format!("ingress.networking.k8s.io/{}", i.name),
            Object::GatewayClass(c) => format!("gatewayclass.gateway.networking.k8s.io/{}", c.name),
            Object::Gateway(g) => format!("gateway.gateway.networking.k8s.io/{}", g.name),
            Object::HttpRoute(r) => format!("httproute.gateway.networking.k8s.io/{}", r.name),
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
