//! The simulated cluster's objects, shaped like their apps/v1 and core/v1 counterparts: the same
//! names, labels, selectors, annotations and status fields, with only what the engine models.
//!
//! Counts are `i32`, as in the Kubernetes API; times are [`SimTime`].

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

use super::time::SimTime;

pub use super::labels::Labels;

/// `IsQualifiedName`: what is wrong with a label or annotation key (`[prefix/]name`), in the
/// apiserver's words, or `None` when it is a qualified name.
pub fn qualified_name_error(key: &str) -> Option<String> {
    label_problems(key, "").into_iter().next().map(|(_, detail)| detail)
}

/// `ValidateLabels`: the apiserver's words for a label key (`[prefix/]name`, a qualified name)
/// or value that it refuses, as `metadata.labels` field errors.
pub fn label_errors(key: &str, value: &str) -> Vec<String> {
    label_problems(key, value)
        .into_iter()
        .map(|(v, detail)| format!("metadata.labels: Invalid value: {v}: {detail}"))
        .collect()
}

/// What [`label_errors`] reports: each refused key or value as Go's `%q` prints it, and why
/// (`validation.IsQualifiedName` for the key, `IsValidLabelValue` for the value: every message
/// each returns, in their order).
pub fn label_problems(key: &str, value: &str) -> Vec<(String, String)> {
    let quoted_key = super::field::quote(key);
    let mut problems: Vec<(String, String)> =
        qualified_name_problems(key).into_iter().map(|m| (quoted_key.clone(), m)).collect();
    let quoted_value = super::field::quote(value);
    if value.len() > 63 {
        problems.push((quoted_value.clone(), "must be no more than 63 characters".into()));
    }
    if !value.is_empty() && !qualified_name_like(value) {
        problems.push((
            quoted_value,
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')".to_string(),
        ));
    }
    problems
}

/// `qualifiedNameErrMsg`.
const QUALIFIED_NAME_MESSAGE: &str =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/// `qualifiedNameRegexp`: `^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`.
fn qualified_name_like(s: &str) -> bool {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    !s.is_empty()
        && s.chars().all(ok)
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.ends_with(|c: char| c.is_ascii_alphanumeric())
}

/// `validation.IsQualifiedName`: `[prefix/]name`, the prefix a DNS subdomain.
fn qualified_name_problems(key: &str) -> Vec<String> {
    let name_regex = format!(
        "{QUALIFIED_NAME_MESSAGE} (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    );
    let parts: Vec<&str> = key.split('/').collect();
    let mut problems = Vec::new();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                problems.push("prefix part must be non-empty".to_string());
            } else {
                if prefix.len() > 253 {
                    problems.push("prefix part must be no more than 253 characters".to_string());
                }
                if !prefix.split('.').all(is_dns1123_label_part) {
                    problems.push("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".to_string());
                }
            }
            *name
        }
        _ => {
            return vec![format!(
            "a qualified name {name_regex} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        )]
        }
    };
    if name.is_empty() {
        problems.push("name part must be non-empty".to_string());
    } else if name.len() > 63 {
        problems.push("name part must be no more than 63 characters".to_string());
    }
    if !qualified_name_like(name) {
        problems.push(format!("name part {name_regex}"));
    }
    problems
}

/// One dot-separated part of `dns1123SubdomainFmt`: `[a-z0-9]([-a-z0-9]*[a-z0-9])?`.
fn is_dns1123_label_part(l: &str) -> bool {
    !l.is_empty()
        && l.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !l.starts_with('-')
        && !l.ends_with('-')
}

/// `Display` as the variant's name, which is the API's spelling (`Running`, `True`, `Available`).
macro_rules! display_as_variant_name {
    ($($t:ty),+) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self, f)
            }
        }
    )+};
}
display_as_variant_name!(ConditionType, ConditionStatus, PodPhase);

/// `deployment.kubernetes.io/revision`
pub const REVISION_ANNOTATION: &str = "deployment.kubernetes.io/revision";
/// `deployment.kubernetes.io/revision-history`
pub const REVISION_HISTORY_ANNOTATION: &str = "deployment.kubernetes.io/revision-history";
/// `deployment.kubernetes.io/desired-replicas`
pub const DESIRED_REPLICAS_ANNOTATION: &str = "deployment.kubernetes.io/desired-replicas";
/// `deployment.kubernetes.io/max-replicas`
pub const MAX_REPLICAS_ANNOTATION: &str = "deployment.kubernetes.io/max-replicas";
/// `kubernetes.io/change-cause`, copied from the Deployment to its ReplicaSets for `rollout history`.
pub const CHANGE_CAUSE_ANNOTATION: &str = "kubernetes.io/change-cause";
/// `kubectl.kubernetes.io/restartedAt`: what `kubectl rollout restart` writes into the pod
/// template, so that the template changes and the Deployment rolls out new pods of the same image.
pub const RESTARTED_AT_ANNOTATION: &str = "kubectl.kubernetes.io/restartedAt";
/// The label that ties a ReplicaSet's pods to its template.
pub const POD_TEMPLATE_HASH_LABEL: &str = "pod-template-hash";

/// `validation.IsValidPercent`'s message, as the apiserver words it.
pub const PERCENT_MESSAGE: &str = "a valid percent string must be a numeric string followed by an ending '%' \
                                   (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/// `intstr.IntOrString` as maxSurge and maxUnavailable use it: a count or a percentage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntOrPercent {
    Int(i32),
    Percent(i32),
}

impl fmt::Display for IntOrPercent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntOrPercent::Int(n) => write!(f, "{n}"),
            IntOrPercent::Percent(p) => write!(f, "{p}%"),
        }
    }
}

impl IntOrPercent {
    /// Parses `3` or `25%` as the API does; anything else gets the apiserver's message for an
    /// invalid percentage (`validation.IsValidPercent`).
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let parsed = match s.strip_suffix('%') {
            Some(p) => p.parse::<i32>().map(IntOrPercent::Percent),
            None => s.parse::<i32>().map(IntOrPercent::Int),
        };
        parsed.map_err(|_| format!("Invalid value: {s:?}: {PERCENT_MESSAGE}"))
    }
}

impl Serialize for IntOrPercent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            IntOrPercent::Int(n) => s.serialize_i32(*n),
            IntOrPercent::Percent(_) => s.serialize_str(&self.to_string()),
        }
    }
}

// Written out rather than derived as an untagged enum: serde buffers an untagged enum's input
// first, and that machinery is a good part of the page's bundle.
impl<'de> Deserialize<'de> for IntOrPercent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = IntOrPercent;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer or a percentage such as \"25%\"")
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<IntOrPercent, E> {
                i32::try_from(n)
                    .map(IntOrPercent::Int)
                    .map_err(|_| E::custom(format!("Invalid value: {n}: {PERCENT_MESSAGE}")))
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<IntOrPercent, E> {
                i32::try_from(n)
                    .map(IntOrPercent::Int)
                    .map_err(|_| E::custom(format!("Invalid value: {n}: {PERCENT_MESSAGE}")))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<IntOrPercent, E> {
                IntOrPercent::parse(s).map_err(E::custom)
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `imagePullPolicy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PullPolicy {
    Always,
    IfNotPresent,
    Never,
}

impl PullPolicy {
    /// The apiserver's default (`SetDefaults_Container`): `Always` for the tag `latest` or an image
    /// with neither tag nor digest, `IfNotPresent` otherwise.
    pub fn default_for(image: &str) -> PullPolicy {
        let (_, tag, digest) = split_image(image);
        match (tag, digest) {
            (_, Some(_)) => PullPolicy::IfNotPresent,
            (None, None) | (Some("latest"), None) => PullPolicy::Always,
            (Some(_), None) => PullPolicy::IfNotPresent,
        }
    }
}

/// Splits `registry:5000/repo/name:tag@sha256:…` into (name, tag, digest). A colon inside the
/// registry host's port is not a tag.
pub fn split_image(image: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (image, None),
    };
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..]), digest),
        None => (rest, None, digest),
    }
}

/// A probe's timing, as in core/v1 `Probe` (the handler is described, not executed).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Probe {
    /// What the probe asks, for display: `GET /health on 8080`. Default: `GET / on 8080`.
    pub handler: String,
    /// Seconds after the container starts before the first probe. Default 0.
    pub initial_delay_seconds: i32,
    /// Seconds between probes. Default 10.
    pub period_seconds: i32,
    /// Seconds before a probe without an answer counts as failed. Default 1.
    pub timeout_seconds: i32,
    /// Consecutive successes to count as passing after a failure (must be 1 for liveness and startup). Default 1.
    pub success_threshold: i32,
    /// Consecutive failures to count as failing. Default 3.
    pub failure_threshold: i32,
}

impl Default for Probe {
    fn default() -> Self {
        Probe {
            handler: "GET / on 8080".into(),
            initial_delay_seconds: 0,
            period_seconds: 10,
            timeout_seconds: 1,
            success_threshold: 1,
            failure_threshold: 3,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    pub name: String,
    pub image: String,
    /// Defaulted by the apiserver from the image's tag when absent ([`PullPolicy::default_for`]).
    pub image_pull_policy: PullPolicy,
    pub readiness_probe: Option<Probe>,
    pub liveness_probe: Option<Probe>,
    pub startup_probe: Option<Probe>,
    /// A `preStop` hook that sleeps this many seconds (the usual fix for requests lost at shutdown).
    pub pre_stop_sleep_seconds: Option<i32>,
}

impl Container {
    pub fn new(name: &str, image: &str) -> Self {
        Container {
            name: name.into(),
            image: image.into(),
            image_pull_policy: PullPolicy::default_for(image),
            readiness_probe: None,
            liveness_probe: None,
            startup_probe: None,
            pre_stop_sleep_seconds: None,
        }
    }
}

/// `PodTemplateSpec`: the labels and the pod spec a ReplicaSet stamps pods from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodTemplate {
    pub labels: Labels,
    /// The template's annotations (`kubectl.kubernetes.io/restartedAt`…), copied to its pods.
    /// Left out of the JSON when empty, so a template without any hashes as it always has.
    #[serde(default, skip_serializing_if = "Labels::is_empty")]
    pub annotations: Labels,
    pub containers: Vec<Container>,
    /// Default 30.
    pub termination_grace_period_seconds: i32,
    /// The rest of a template read from a real manifest (env, resources, volumes…), as canonical
    /// JSON without the `pod-template-hash` label; empty for templates made in the engine.
    /// `EqualIgnoreHash` compares whole templates, so two that differ only in a field the engine
    /// does not model must still differ here. Carried along, never edited: the modelled fields
    /// above are compared as well.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unmodelled: String,
}

impl PodTemplate {
    /// The first container's image: what the views call the template's version.
    pub fn image(&self) -> &str {
        self.containers.first().map_or("", |c| c.image.as_str())
    }

    /// The template without the `pod-template-hash` label.
    pub fn without_hash(&self) -> PodTemplate {
        let mut t = self.clone();
        t.labels.remove(POD_TEMPLATE_HASH_LABEL);
        t
    }

    /// `EqualIgnoreHash`: equal but for the `pod-template-hash` label. Compares in place: the
    /// controller asks this of every ReplicaSet on every sync.
    pub fn eq_ignore_hash(&self, other: &PodTemplate) -> bool {
        // Destructured so that a field added to the template cannot be forgotten here.
        let PodTemplate { labels, annotations, containers, termination_grace_period_seconds, unmodelled } = self;
        *containers == other.containers
            && *annotations == other.annotations
            && *termination_grace_period_seconds == other.termination_grace_period_seconds
            && *unmodelled == other.unmodelled
            && labels_without_hash(labels).eq(labels_without_hash(&other.labels))
    }
}

/// A template's labels but `pod-template-hash`, in key order.
fn labels_without_hash(labels: &Labels) -> impl Iterator<Item = (&String, &String)> {
    labels.iter().filter(|(k, _)| k.as_str() != POD_TEMPLATE_HASH_LABEL)
}

/// `DeploymentStrategy`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type")]
pub enum Strategy {
    Recreate,
    #[serde(rename_all = "camelCase")]
    RollingUpdate {
        max_surge: Option<IntOrPercent>,
        max_unavailable: Option<IntOrPercent>,
    },
}

// Read through a plain struct rather than derived as an internally tagged enum, which serde
// buffers first (the same JSON: `{"type": "RollingUpdate", "maxSurge": 1}`).
impl<'de> Deserialize<'de> for Strategy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        enum Type {
            Recreate,
            RollingUpdate,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Raw {
            #[serde(rename = "type")]
            kind: Type,
            #[serde(default)]
            max_surge: Option<IntOrPercent>,
            #[serde(default)]
            max_unavailable: Option<IntOrPercent>,
        }
        let raw = Raw::deserialize(d)?;
        Ok(match raw.kind {
            Type::Recreate => Strategy::Recreate,
            Type::RollingUpdate => {
                Strategy::RollingUpdate { max_surge: raw.max_surge, max_unavailable: raw.max_unavailable }
            }
        })
    }
}

impl Strategy {
    /// The default: RollingUpdate with 25% and 25%.
    pub fn default_rolling() -> Strategy {
        Strategy::RollingUpdate {
            max_surge: Some(IntOrPercent::Percent(25)),
            max_unavailable: Some(IntOrPercent::Percent(25)),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    pub name: String,
    /// A per-run unique number, standing in for the uid (ranking ties are broken by it).
    pub uid: u32,
    pub labels: Labels,
    pub annotations: Labels,
    pub creation_timestamp: SimTime,
    pub deletion_timestamp: Option<SimTime>,
    pub generation: i64,
    /// The owning controller's name (`ownerReferences` with `controller: true`).
    pub owner: Option<String>,
}

impl ObjectMeta {
    pub fn annotation_i64(&self, key: &str) -> Option<i64> {
        self.annotations.get(key).and_then(|v| v.parse().ok())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ConditionType {
    Available,
    Progressing,
    ReplicaFailure,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConditionStatus {
    True,
    False,
    Unknown,
}

/// `DeploymentCondition`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    #[serde(rename = "type")]
    pub kind: ConditionType,
    pub status: ConditionStatus,
    pub reason: String,
    pub message: String,
    pub last_update_time: SimTime,
    pub last_transition_time: SimTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentSpec {
    pub replicas: i32,
    pub selector: Labels,
    pub template: PodTemplate,
    pub strategy: Strategy,
    pub min_ready_seconds: i32,
    /// Default 600; `None` stands for "not set" (no Progressing condition).
    pub progress_deadline_seconds: Option<i32>,
    /// Default 10.
    pub revision_history_limit: Option<i32>,
    pub paused: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentStatus {
    pub observed_generation: i64,
    pub replicas: i32,
    pub updated_replicas: i32,
    pub ready_replicas: i32,
    pub available_replicas: i32,
    pub unavailable_replicas: i32,
    pub conditions: Vec<Condition>,
}

impl DeploymentStatus {
    pub fn condition(&self, kind: ConditionType) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.kind == kind)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deployment {
    pub metadata: ObjectMeta,
    pub spec: DeploymentSpec,
    pub status: DeploymentStatus,
}

impl Deployment {
    /// A Deployment with the apiserver's defaults, one container named like the Deployment.
    pub fn new(name: &str, image: &str, replicas: i32) -> Self {
        let labels: Labels = [("app".to_string(), name.to_string())].into();
        Deployment {
            metadata: ObjectMeta { name: name.into(), labels: labels.clone(), generation: 1, ..Default::default() },
            spec: DeploymentSpec {
                replicas,
                selector: labels.clone(),
                template: PodTemplate {
                    labels,
                    annotations: Labels::new(),
                    containers: vec![Container::new(name, image)],
                    termination_grace_period_seconds: 30,
                    unmodelled: String::new(),
                },
                strategy: Strategy::default_rolling(),
                min_ready_seconds: 0,
                progress_deadline_seconds: Some(600),
                revision_history_limit: Some(10),
                paused: false,
            },
            status: DeploymentStatus::default(),
        }
    }

    /// The `deployment.kubernetes.io/revision` annotation, 0 when missing or malformed.
    pub fn revision(&self) -> i64 {
        self.metadata.annotation_i64(REVISION_ANNOTATION).unwrap_or(0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplicaSetSpec {
    pub replicas: i32,
    pub selector: Labels,
    pub template: PodTemplate,
    pub min_ready_seconds: i32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplicaSetStatus {
    /// Active pods (not terminating).
    pub replicas: i32,
    pub ready_replicas: i32,
    pub available_replicas: i32,
    /// Pods of this ReplicaSet still shutting down (shown apart; they no longer count as replicas).
    pub terminating_replicas: i32,
    pub observed_generation: i64,
    /// The `ReplicaFailure` condition's message while the controller's last create was refused
    /// (reason `FailedCreate`), as `calculateStatus` keeps it until a sync succeeds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replica_failure: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplicaSet {
    pub metadata: ObjectMeta,
    pub spec: ReplicaSetSpec,
    pub status: ReplicaSetStatus,
}

impl ReplicaSet {
    /// The `deployment.kubernetes.io/revision` annotation, 0 when missing or malformed.
    pub fn revision(&self) -> i64 {
        self.metadata.annotation_i64(REVISION_ANNOTATION).unwrap_or(0)
    }
}

/// `PodPhase`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PodPhase {
    Pending,
    Running,
    Succeeded,
    Failed,
    Unknown,
}

/// The container's state as `kubectl get pods` shows it in STATUS.
/// Externally tagged (`"Running"`, `{"Waiting": "ContainerCreating"}`): a restored pod's state
/// crosses to the page in a shared link, and serde reads an adjacently tagged enum through a
/// buffer, a second copy of its readers in the page's bundle.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ContainerState {
    /// Waiting, with reason ContainerCreating, ErrImagePull, ImagePullBackOff or CrashLoopBackOff.
    Waiting(String),
    Running,
    Terminated(String),
}

/// A probe's latest result (`prober/results`): what the kubelet currently believes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProbeResult {
    Unknown,
    Success,
    Failure,
}

/// `PodSpec`, as far as the engine models it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    /// Set by the scheduler.
    pub node_name: Option<String>,
    pub containers: Vec<Container>,
    pub termination_grace_period_seconds: i32,
}

/// `PodStatus`, for the pod's one modelled container (the template's first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodStatus {
    pub phase: PodPhase,
    /// The Ready condition: what endpoints, ReplicaSets and availability count. The node lifecycle
    /// controller sets it False on a node that stopped reporting (`MarkPodsNotReady`).
    pub ready: bool,
    /// The container's `ready` in `containerStatuses` (and the ContainersReady condition): the
    /// kubelet's own view, which only the kubelet changes. `kubectl get pods` counts it in READY,
    /// so a pod on an unreachable node still shows `1/1` while its Ready condition is False.
    #[serde(default)]
    pub container_ready: bool,
    /// The Ready condition's lastTransitionTime; availability counts minReadySeconds from it.
    pub ready_transition_time: Option<SimTime>,
    pub container_state: ContainerState,
    pub restart_count: i32,
    /// `lastState.terminated`: how the container instance before this one ended, once the
    /// kubelet has restarted it (`kubectl get pods` prints RESTARTS as `2 (15s ago)` from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_termination: Option<Termination>,
    /// The digest the container runs (`imageID`), once pulled.
    pub image_id: Option<String>,
    /// The container's `started` flag: true once the startup probe (if any) has passed.
    pub started: bool,
    /// When the current container instance started.
    pub started_at: Option<SimTime>,
    /// `status.podIP`: the address the node's network plugin gave the pod's sandbox, before its
    /// image is pulled; `None` until then.
    #[serde(default)]
    pub pod_ip: Option<String>,
    pub readiness: ProbeResult,
    pub liveness: ProbeResult,
    pub startup: ProbeResult,
}

impl Default for PodStatus {
    fn default() -> Self {
        PodStatus {
            phase: PodPhase::Pending,
            ready: false,
            container_ready: false,
            ready_transition_time: None,
            container_state: ContainerState::Waiting("ContainerCreating".into()),
            restart_count: 0,
            last_termination: None,
            image_id: None,
            started: false,
            started_at: None,
            pod_ip: None,
            readiness: ProbeResult::Failure,
            liveness: ProbeResult::Success,
            startup: ProbeResult::Unknown,
        }
    }
}

/// The first group of the uids of each kind's objects, so that objects of two kinds never share
/// one (`serve` numbers its other kinds after these).
pub const DEPLOYMENT_UIDS: u32 = 0x7a11_0000;
pub const REPLICA_SET_UIDS: u32 = 0x7a11_0001;
pub const POD_UIDS: u32 = 0x7a11_0002;
pub const SERVICE_UIDS: u32 = 0x7a11_0003;

/// The uid of the object numbered `n` among those whose uids start with `prefix` (one prefix per
/// kind, so that objects of two kinds never share one).
pub fn uid(prefix: u32, n: u32) -> String {
    format!("{prefix:08x}-0000-4000-8000-{n:012x}")
}

/// A container instance's end, as the runtime reports it (`ContainerStateTerminated`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Termination {
    /// `Error` for an exit code other than 0 (the runtime's words).
    pub reason: String,
    /// 1 for an application that exited with an error; 128 + the signal for one the kubelet
    /// killed: 143 (SIGTERM) when it exits on SIGTERM, 137 (SIGKILL) when it ignores SIGTERM.
    pub exit_code: i32,
    pub started_at: SimTime,
    pub finished_at: SimTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pod {
    pub metadata: ObjectMeta,
    pub spec: PodSpec,
    pub status: PodStatus,
    /// The kubelet's private bookkeeping for this pod (timers, probe counters, backoff).
    #[serde(skip)]
    pub kubelet: crate::sim::podwork::PodWork,
}

impl Pod {
    pub fn is_terminating(&self) -> bool {
        self.metadata.deletion_timestamp.is_some()
    }

    /// `FilterActivePods`: not terminating, not Succeeded or Failed.
    pub fn is_active(&self) -> bool {
        !self.is_terminating() && !matches!(self.status.phase, PodPhase::Succeeded | PodPhase::Failed)
    }

    /// `IsPodAvailable`: Ready, and Ready for at least `min_ready_seconds` (boundary included).
    pub fn is_available(&self, min_ready_seconds: i32, now: SimTime) -> bool {
        if !self.status.ready {
            return false;
        }
        let Some(since) = self.status.ready_transition_time else { return false };
        min_ready_seconds <= 0 || since + crate::sim::time::SimDuration::from_secs(min_ready_seconds as u64) <= now
    }

    /// The first container's image.
    pub fn image(&self) -> &str {
        self.spec.containers.first().map_or("", |c| c.image.as_str())
    }

    /// What `kubectl get pods` shows in STATUS.
    pub fn display_status(&self) -> String {
        if self.is_terminating() {
            return "Terminating".into();
        }
        match &self.status.container_state {
            ContainerState::Waiting(reason) => reason.clone(),
            ContainerState::Running => "Running".into(),
            ContainerState::Terminated(reason) => reason.clone(),
        }
    }
}

/// A node, with the images it has pulled (reference → digest).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    pub name: String,
    /// The Ready condition as the control plane sees it.
    pub ready: bool,
    pub images: BTreeMap<String, String>,
    /// When the node's kubelet stopped (the fault "a node goes down"); `None` while it runs.
    #[serde(default)]
    pub kubelet_stopped_at: Option<SimTime>,
    /// When the node got the `node.kubernetes.io/unreachable:NoExecute` taint.
    #[serde(default)]
    pub unreachable_taint_at: Option<SimTime>,
    /// Pod IPs this node's network plugin has handed out, for the next one.
    #[serde(default)]
    pub pod_ips_given: u32,
}

/// A node's pod subnet: `10.244.N.0/24`, as kind's nodes get one each from the cluster's
/// `10.244.0.0/16`, N from the number the node's name ends with (`node-3`: 3), or else from its
/// name's hash.
fn subnet_of(node: &str) -> u32 {
    let digits = &node[node.trim_end_matches(|c: char| c.is_ascii_digit()).len()..];
    match digits.parse::<u32>() {
        Ok(n) if (1..=250).contains(&n) => n,
        _ => 1 + crate::sim::fnv::fnv32a(node.as_bytes()) % 250,
    }
}

/// The address of the node named `node` (its pods' `status.hostIP`), on kind's `172.18.0.0/16`.
pub fn host_ip(node: &str) -> String {
    format!("172.18.0.{}", 1 + subnet_of(node))
}

impl Node {
    /// The next pod IP of the node's subnet, as a host-local IPAM hands them out (from .2; after
    /// .254 it starts again, where a cluster would reuse the addresses of deleted pods).
    pub fn next_pod_ip(&mut self) -> String {
        let host = 2 + self.pod_ips_given % 253;
        self.pod_ips_given = self.pod_ips_given.wrapping_add(1);
        format!("10.244.{}.{host}", subnet_of(&self.name))
    }

    pub fn new(name: &str) -> Self {
        Node {
            name: name.into(),
            ready: true,
            images: BTreeMap::new(),
            kubelet_stopped_at: None,
            unreachable_taint_at: None,
            pod_ips_given: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_or_percent_reads_counts_and_percentages_and_rejects_the_rest_in_apiserver_words() {
        assert_eq!(IntOrPercent::parse("3"), Ok(IntOrPercent::Int(3)));
        assert_eq!(IntOrPercent::parse(" 25% "), Ok(IntOrPercent::Percent(25)));
        let err = IntOrPercent::parse("25 percent").unwrap_err();
        assert!(err.starts_with("Invalid value: \"25 percent\": a valid percent string must be"), "{err}");
        let from_json: Result<IntOrPercent, _> = serde_json::from_str("\"x%\"");
        assert!(from_json.is_err());
    }

    #[test]
    fn templates_compare_equal_ignoring_only_the_hash_label() {
        let d = Deployment::new("web", "app:v1", 1);
        let mut hashed = d.spec.template.clone();
        hashed.labels.insert(POD_TEMPLATE_HASH_LABEL.into(), "abc".into());
        assert!(hashed.eq_ignore_hash(&d.spec.template));
        assert!(d.spec.template.eq_ignore_hash(&hashed));
        hashed.labels.insert("tier".into(), "web".into());
        assert!(!hashed.eq_ignore_hash(&d.spec.template));
        let mut other_image = d.spec.template.clone();
        other_image.containers[0].image = "app:v2".into();
        assert!(!other_image.eq_ignore_hash(&d.spec.template));
        let mut restarted = d.spec.template.clone();
        restarted.annotations.insert(RESTARTED_AT_ANNOTATION.into(), "1970-01-01T00:01:00Z".into());
        assert!(!restarted.eq_ignore_hash(&d.spec.template), "a restart is a new template");
    }

    #[test]
    fn a_template_without_annotations_hashes_as_before_they_were_modelled() {
        let t = Deployment::new("web", "app:v1", 1).spec.template;
        let json = serde_json::to_string(&t).unwrap();
        assert!(!json.contains("annotations"), "{json}");
    }
}
