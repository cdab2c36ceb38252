//! Between the API types and the engine's: real objects in, the engine's decisions written back.
//!
//! Reading keeps what the engine models and carries the rest of each pod template as canonical
//! JSON ([`PodTemplate::unmodelled`]), so templates still compare as whole templates. Times are
//! milliseconds since the Unix epoch on the engine's clock.

use k8s_openapi::api::apps::v1 as apps;
use k8s_openapi::api::core::v1 as core;
use k8s_openapi::apimachinery::pkg::apis::meta::v1 as meta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use k8s_openapi::jiff::Timestamp;

use crate::sim::objects::*;
use crate::sim::time::SimTime;

/// An RFC 3339 time as the engine's clock (milliseconds since the epoch).
pub fn sim_time(t: Timestamp) -> SimTime {
    SimTime(u64::try_from(t.as_millisecond()).unwrap_or(0))
}

/// The engine's clock as an API time (`metav1.Time`, which keeps whole seconds).
pub fn api_time(t: SimTime) -> meta::Time {
    let ms = i64::try_from(t.0).unwrap_or(i64::MAX);
    meta::Time(Timestamp::from_millisecond(ms).unwrap_or(Timestamp::MAX))
}

fn time_of(t: Option<&meta::Time>) -> SimTime {
    t.map_or(SimTime(0), |t| sim_time(t.0))
}

/// `matchLabels` as the engine's selector. The engine selects by labels only.
fn selector(s: &meta::LabelSelector, at: &str) -> Result<Labels, String> {
    if s.match_expressions.as_ref().is_some_and(|e| !e.is_empty()) {
        return Err(format!("{at}.matchExpressions: Unsupported value: the simulator selects by matchLabels only"));
    }
    Ok(s.match_labels.clone().unwrap_or_default().into())
}

fn int_or_percent(v: &IntOrString, at: &str) -> Result<IntOrPercent, String> {
    match v {
        IntOrString::Int(n) => Ok(IntOrPercent::Int(*n)),
        IntOrString::String(s) => IntOrPercent::parse(s).map_err(|e| format!("{at}: {e}")),
    }
}

fn meta_of(m: &meta::ObjectMeta, owner_kind: &str) -> ObjectMeta {
    ObjectMeta {
        name: m.name.clone().unwrap_or_default(),
        uid: 0,
        labels: m.labels.clone().unwrap_or_default().into(),
        annotations: m.annotations.clone().unwrap_or_default().into(),
        creation_timestamp: time_of(m.creation_timestamp.as_ref()),
        deletion_timestamp: m.deletion_timestamp.as_ref().map(|t| sim_time(t.0)),
        generation: m.generation.unwrap_or(0),
        owner: controller_of(m, owner_kind).map(|r| r.name.clone()),
    }
}

/// The owner reference with `controller: true`, if it is of `kind`.
pub fn controller_of<'a>(m: &'a meta::ObjectMeta, kind: &str) -> Option<&'a meta::OwnerReference> {
    m.owner_references.iter().flatten().find(|r| r.controller == Some(true) && r.kind == kind)
}

/// A defaulted apps/v1 Deployment as the engine's.
pub fn deployment(d: &apps::Deployment, at: &str) -> Result<Deployment, String> {
    let spec = &d.spec;
    let strategy = match spec.strategy.as_ref().and_then(|s| s.type_.as_deref()) {
        Some("Recreate") => Strategy::Recreate,
        _ => {
            let rolling = spec.strategy.as_ref().and_then(|s| s.rolling_update.clone()).unwrap_or_default();
            let path = format!("{at}spec.strategy.rollingUpdate");
            Strategy::RollingUpdate {
                max_surge: rolling.max_surge.map(|v| int_or_percent(&v, &format!("{path}.maxSurge"))).transpose()?,
                max_unavailable: rolling
                    .max_unavailable
                    .map(|v| int_or_percent(&v, &format!("{path}.maxUnavailable")))
                    .transpose()?,
            }
        }
    };
    let status = d.status.clone().unwrap_or_default();
    Ok(Deployment {
        metadata: meta_of(&d.metadata, ""),
        spec: DeploymentSpec {
            replicas: spec.replicas.unwrap_or(1),
            selector: selector(&spec.selector, &format!("{at}spec.selector"))?,
            template: template(&spec.template),
            strategy,
            min_ready_seconds: spec.min_ready_seconds.unwrap_or(0),
            progress_deadline_seconds: spec.progress_deadline_seconds,
            revision_history_limit: spec.revision_history_limit,
            paused: spec.paused.unwrap_or(false),
        },
        status: DeploymentStatus {
            observed_generation: status.observed_generation.unwrap_or(0),
            replicas: status.replicas.unwrap_or(0),
            updated_replicas: status.updated_replicas.unwrap_or(0),
            ready_replicas: status.ready_replicas.unwrap_or(0),
            available_replicas: status.available_replicas.unwrap_or(0),
            unavailable_replicas: status.unavailable_replicas.unwrap_or(0),
            conditions: status.conditions.iter().flatten().filter_map(condition).collect(),
        },
    })
}

fn condition(c: &apps::DeploymentCondition) -> Option<Condition> {
    let kind = match c.type_.as_deref()? {
        "Available" => ConditionType::Available,
        "Progressing" => ConditionType::Progressing,
        "ReplicaFailure" => ConditionType::ReplicaFailure,
        _ => return None,
    };
    let status = match c.status.as_deref().unwrap_or("Unknown") {
        "True" => ConditionStatus::True,
        "False" => ConditionStatus::False,
        _ => ConditionStatus::Unknown,
    };
    Some(Condition {
        kind,
        status,
        reason: c.reason.clone().unwrap_or_default(),
        message: c.message.clone().unwrap_or_default(),
        last_update_time: time_of(c.last_update_time.as_ref()),
        last_transition_time: time_of(c.last_transition_time.as_ref()),
    })
}

/// A pod template as the engine's, with the unmodelled rest kept as canonical JSON.
pub fn template(t: &core::PodTemplateSpec) -> PodTemplate {
    let spec = t.spec.clone().unwrap_or_default();
    let labels = t.metadata.as_ref().and_then(|m| m.labels.clone()).unwrap_or_default().into();
    let annotations = t.metadata.as_ref().and_then(|m| m.annotations.clone()).unwrap_or_default().into();
    let mut modelled = PodTemplate {
        labels,
        annotations,
        containers: spec.containers.iter().map(container).collect(),
        termination_grace_period_seconds: i32::try_from(spec.termination_grace_period_seconds.unwrap_or(30))
            .unwrap_or(i32::MAX),
        unmodelled: String::new(),
    };
    // A template that says no more than the engine's fields is the engine's own: the same
    // template the page makes, and what the page writes reads back as it was.
    let rest = residue(t);
    let written = serde_json::from_value::<core::PodTemplateSpec>(crate::manifest::spec::pod_template(&modelled));
    if written.map(|w| residue(&w)).ok().as_ref() != Some(&rest) {
        modelled.unmodelled = rest.to_string();
    }
    modelled
}

/// What of a template the engine does not model, defaulted, as JSON: the template without the
/// fields [`template`] reads (labels, annotations, the grace period, and each container's name,
/// image, pull policy, a preStop hook that sleeps, and of each probe its timing and the path and
/// port the engine describes). What a probe says beyond those stays: an exec command, a gRPC
/// port and service, an httpGet's scheme, host and headers, so that the probe is written back as
/// the manifest gave it.
fn residue(t: &core::PodTemplateSpec) -> serde_json::Value {
    let mut t = t.clone();
    super::defaults::pod_template(&mut t);
    if let Some(m) = t.metadata.as_mut() {
        m.labels = None;
        m.annotations = None;
    }
    if t.metadata.as_ref().is_some_and(|m| *m == meta::ObjectMeta::default()) {
        t.metadata = None;
    }
    if let Some(spec) = t.spec.as_mut() {
        spec.termination_grace_period_seconds = None;
        for c in &mut spec.containers {
            c.name = String::new();
            c.image = None;
            c.image_pull_policy = None;
            if let Some(l) = c.lifecycle.as_mut() {
                if l.pre_stop.as_ref().and_then(pre_stop_sleep).is_some() {
                    l.pre_stop = None;
                }
                if *l == core::Lifecycle::default() {
                    c.lifecycle = None;
                }
            }
        }
    }
    let mut rest = serde_json::to_value(&t).unwrap_or_default();
    // The API types write a container's required name even when it is taken out.
    for c in rest.pointer_mut("/spec/containers").and_then(serde_json::Value::as_array_mut).into_iter().flatten() {
        if let Some(c) = c.as_object_mut() {
            c.remove("name");
            for key in ["readinessProbe", "livenessProbe", "startupProbe"] {
                if let Some(serde_json::Value::Object(p)) = c.get_mut(key) {
                    probe_residue(p);
                    if p.is_empty() {
                        c.remove(key);
                    }
                }
            }
        }
    }
    rest
}

/// A probe (core/v1 JSON) without what [`probe`] reads into the engine's: its five timings and
/// the handler's path, port and default scheme, which the engine writes itself
/// ([`crate::manifest::spec`]).
fn probe_residue(p: &mut serde_json::Map<String, serde_json::Value>) {
    for key in ["initialDelaySeconds", "periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold"] {
        p.remove(key);
    }
    for (handler, modelled) in [("httpGet", &["path", "port"][..]), ("tcpSocket", &["port"][..])] {
        if let Some(serde_json::Value::Object(h)) = p.get_mut(handler) {
            for key in modelled {
                h.remove(*key);
            }
            // The default scheme is what `GET /health on 8080` says.
            if h.get("scheme").and_then(serde_json::Value::as_str) == Some("HTTP") {
                h.remove("scheme");
            }
            if h.is_empty() {
                p.remove(handler);
            }
        }
    }
}

fn container(c: &core::Container) -> Container {
    let image = c.image.clone().unwrap_or_default();
    let image_pull_policy = match c.image_pull_policy.as_deref() {
        Some("Always") => PullPolicy::Always,
        Some("Never") => PullPolicy::Never,
        Some("IfNotPresent") => PullPolicy::IfNotPresent,
        _ => PullPolicy::default_for(&image),
    };
    Container {
        name: c.name.clone(),
        image,
        image_pull_policy,
        readiness_probe: c.readiness_probe.as_ref().map(probe),
        liveness_probe: c.liveness_probe.as_ref().map(probe),
        startup_probe: c.startup_probe.as_ref().map(probe),
        pre_stop_sleep_seconds: c.lifecycle.as_ref().and_then(|l| l.pre_stop.as_ref()).and_then(pre_stop_sleep),
    }
}

fn port(p: &IntOrString) -> String {
    match p {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

fn probe(p: &core::Probe) -> Probe {
    let handler = if let Some(h) = &p.http_get {
        let (path, port) = (h.path.as_deref().unwrap_or("/"), port(&h.port));
        match (h.scheme.as_deref().unwrap_or("HTTP"), h.host.as_deref().unwrap_or_default()) {
            ("HTTP", "") => format!("GET {path} on {port}"),
            // As `kubectl describe` prints it, so that an HTTPS probe is not shown as HTTP.
            (scheme, host) => format!("http-get {}://{host}:{port}{path}", scheme.to_lowercase()),
        }
    } else if let Some(t) = &p.tcp_socket {
        format!("TCP on {}", port(&t.port))
    } else if let Some(g) = &p.grpc {
        // As `kubectl describe` prints the handlers the engine does not write itself.
        format!("grpc <pod>:{} {}", g.port, g.service.as_deref().unwrap_or_default())
    } else if let Some(e) = &p.exec {
        format!("exec [{}]", e.command.as_deref().unwrap_or_default().join(" "))
    } else {
        String::new()
    };
    Probe {
        handler,
        initial_delay_seconds: p.initial_delay_seconds.unwrap_or(0),
        period_seconds: p.period_seconds.unwrap_or(10),
        timeout_seconds: p.timeout_seconds.unwrap_or(1),
        success_threshold: p.success_threshold.unwrap_or(1),
        failure_threshold: p.failure_threshold.unwrap_or(3),
    }
}

/// How long a preStop hook holds the container: a `sleep` action, or an exec whose command
/// sleeps (`["sh", "-c", "sleep 15"]`, the usual way before the sleep action existed).
fn pre_stop_sleep(h: &core::LifecycleHandler) -> Option<i32> {
    if let Some(s) = &h.sleep {
        return i32::try_from(s.seconds).ok();
    }
    let command = h.exec.as_ref()?.command.as_ref()?.join(" ");
    let mut words = command.split_whitespace();
    words.find(|w| w.ends_with("sleep"))?;
    words.next()?.trim_end_matches(';').parse::<f64>().ok().map(|s| s.ceil() as i32)
}

/// An apps/v1 ReplicaSet as the engine's.
pub fn replica_set(rs: &apps::ReplicaSet, at: &str) -> Result<ReplicaSet, String> {
    let spec = &rs.spec;
    let status = rs.status.clone().unwrap_or_default();
    Ok(ReplicaSet {
        metadata: meta_of(&rs.metadata, "Deployment"),
        spec: ReplicaSetSpec {
            replicas: spec.replicas.unwrap_or(1),
            selector: selector(&spec.selector, &format!("{at}spec.selector"))?,
            template: spec.template.as_ref().map(template).unwrap_or_else(|| template(&Default::default())),
            min_ready_seconds: spec.min_ready_seconds.unwrap_or(0),
        },
        status: ReplicaSetStatus {
            replicas: status.replicas,
            ready_replicas: status.ready_replicas.unwrap_or(0),
            available_replicas: status.available_replicas.unwrap_or(0),
            terminating_replicas: status.terminating_replicas.unwrap_or(0),
            observed_generation: status.observed_generation.unwrap_or(0),
            replica_failure: status
                .conditions
                .iter()
                .flatten()
                .find(|c| c.type_.as_deref() == Some("ReplicaFailure") && c.status.as_deref() == Some("True"))
                .and_then(|c| c.message.clone()),
        },
    })
}

/// A pod as the engine's, from the status its kubelet last posted (the first container's, the
/// one the engine models). Its times are the cluster's; [`crate::k8s::state`] moves them to the
/// run's start.
pub fn pod(p: &core::Pod, at: &str) -> Result<Pod, String> {
    let spec = p.spec.clone().unwrap_or_default();
    let containers: Vec<Container> = spec.containers.iter().map(container).collect();
    let Some(first) = containers.first() else {
        return Err(format!("{at}spec.containers: Required value"));
    };
    let status = p.status.clone().unwrap_or_default();
    let of_first = status.container_statuses.iter().flatten().find(|c| c.name == first.name);
    let container_state = match of_first.and_then(|c| c.state.as_ref()) {
        Some(s) if s.running.is_some() => ContainerState::Running,
        Some(core::ContainerState { terminated: Some(t), .. }) => {
            ContainerState::Terminated(t.reason.clone().unwrap_or_else(|| "Error".into()))
        }
        Some(core::ContainerState { waiting: Some(w), .. }) => {
            ContainerState::Waiting(w.reason.clone().unwrap_or_else(|| "ContainerCreating".into()))
        }
        // No container status (a hand-written or trimmed listing): what the phase says.
        _ if pod_phase(p) == PodPhase::Running => ContainerState::Running,
        _ => ContainerState::Waiting("ContainerCreating".into()),
    };
    let running = container_state == ContainerState::Running;
    let condition = |kind: &str| {
        status
            .conditions
            .iter()
            .flatten()
            .find(|c| c.type_ == kind)
            .map(|c| (c.status == "True", &c.last_transition_time))
    };
    let (ready, ready_since) = condition("Ready").unwrap_or((false, &None));
    let started = of_first.and_then(|c| c.started).unwrap_or(running);
    Ok(Pod {
        metadata: meta_of(&p.metadata, "ReplicaSet"),
        spec: PodSpec {
            node_name: spec.node_name.clone(),
            termination_grace_period_seconds: i32::try_from(spec.termination_grace_period_seconds.unwrap_or(30))
                .unwrap_or(i32::MAX),
            containers,
        },
        status: PodStatus {
            phase: pod_phase(p),
            ready: ready && running,
            container_ready: of_first.is_some_and(|c| c.ready) && running,
            ready_transition_time: Some(time_of(ready_since.as_ref())),
            container_state,
            restart_count: of_first.map_or(0, |c| c.restart_count),
            last_termination: of_first.and_then(|c| c.last_state.as_ref()?.terminated.as_ref()).map(|t| Termination {
                reason: t.reason.clone().unwrap_or_default(),
                exit_code: t.exit_code,
                started_at: time_of(t.started_at.as_ref()),
                finished_at: time_of(t.finished_at.as_ref()),
            }),
            image_id: of_first.map(|c| c.image_id.clone()).filter(|id| !id.is_empty()),
            started,
            started_at: running
                .then(|| time_of(of_first.and_then(|c| c.state.as_ref()?.running.as_ref()?.started_at.as_ref()))),
            pod_ip: p.status.as_ref().and_then(|s| s.pod_ip.clone()).filter(|ip| !ip.is_empty()),
            readiness: if ready { ProbeResult::Success } else { ProbeResult::Failure },
            liveness: ProbeResult::Success,
            startup: if started { ProbeResult::Success } else { ProbeResult::Unknown },
        },
        kubelet: Default::default(),
    })
}

/// A pod's phase as the engine's.
pub fn pod_phase(p: &core::Pod) -> PodPhase {
    match p.status.as_ref().and_then(|s| s.phase.as_deref()) {
        Some("Running") => PodPhase::Running,
        Some("Succeeded") => PodPhase::Succeeded,
        Some("Failed") => PodPhase::Failed,
        Some("Unknown") => PodPhase::Unknown,
        _ => PodPhase::Pending,
    }
}

/// A count as the API writes it: `omitempty`, so 0 is left out.
fn count(n: i32) -> Option<i32> {
    (n != 0).then_some(n)
}

fn non_empty(labels: &Labels) -> Option<std::collections::BTreeMap<String, String>> {
    (!labels.is_empty()).then(|| labels.clone().into())
}

/// Writes the Deployment controller's update (annotations and status) onto the real object.
/// Condition types the engine does not model are kept.
pub fn write_deployment(d: &mut apps::Deployment, annotations: &Labels, status: &DeploymentStatus) {
    d.metadata.annotations = non_empty(annotations);
    let old = d.status.take().unwrap_or_default();
    let mut conditions: Vec<apps::DeploymentCondition> = status
        .conditions
        .iter()
        .map(|c| apps::DeploymentCondition {
            type_: Some(c.kind.to_string()),
            status: Some(c.status.to_string()),
            reason: Some(c.reason.clone()),
            message: Some(c.message.clone()),
            last_update_time: Some(api_time(c.last_update_time)),
            last_transition_time: Some(api_time(c.last_transition_time)),
        })
        .collect();
    let modelled = ["Available", "Progressing", "ReplicaFailure"];
    conditions
        .extend(old.conditions.into_iter().flatten().filter(|c| !modelled.contains(&c.type_.as_deref().unwrap_or(""))));
    d.status = Some(apps::DeploymentStatus {
        observed_generation: Some(status.observed_generation),
        replicas: count(status.replicas),
        updated_replicas: count(status.updated_replicas),
        ready_replicas: count(status.ready_replicas),
        available_replicas: count(status.available_replicas),
        unavailable_replicas: count(status.unavailable_replicas),
        conditions: (!conditions.is_empty()).then_some(conditions),
        ..old
    });
}

/// Writes a ReplicaSet update (size, annotations, minReadySeconds) onto the real object. The
/// apiserver raises `metadata.generation` when the spec changes.
pub fn write_replica_set(real: &mut apps::ReplicaSet, rs: &ReplicaSet) {
    real.metadata.annotations = non_empty(&rs.metadata.annotations);
    let spec = &mut real.spec;
    let before = (spec.replicas, spec.min_ready_seconds);
    spec.replicas = Some(rs.spec.replicas);
    spec.min_ready_seconds = count(rs.spec.min_ready_seconds);
    if before != (spec.replicas, spec.min_ready_seconds) {
        real.metadata.generation = Some(real.metadata.generation.unwrap_or(0) + 1);
    }
}

/// The owner reference a Deployment's controller writes on what it controls.
pub fn controller_ref(d: &apps::Deployment) -> meta::OwnerReference {
    meta::OwnerReference {
        api_version: "apps/v1".into(),
        kind: "Deployment".into(),
        name: d.metadata.name.clone().unwrap_or_default(),
        uid: d.metadata.uid.clone().unwrap_or_default(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// The ReplicaSet the controller creates (`getNewReplicaSet`): the Deployment's whole template
/// with the `pod-template-hash` label, owned by the Deployment.
pub fn new_replica_set(d: &apps::Deployment, rs: &ReplicaSet) -> apps::ReplicaSet {
    let hash = rs.spec.template.labels.get(POD_TEMPLATE_HASH_LABEL).cloned().unwrap_or_default();
    let spec = d.spec.clone();
    let mut template = spec.template;
    template
        .metadata
        .get_or_insert_with(Default::default)
        .labels
        .get_or_insert_with(Default::default)
        .insert(POD_TEMPLATE_HASH_LABEL.into(), hash.clone());
    let mut selector = spec.selector;
    selector.match_labels.get_or_insert_with(Default::default).insert(POD_TEMPLATE_HASH_LABEL.into(), hash);
    let owner = controller_ref(d);
    apps::ReplicaSet {
        metadata: meta::ObjectMeta {
            name: Some(rs.metadata.name.clone()),
            namespace: d.metadata.namespace.clone(),
            labels: template.metadata.as_ref().and_then(|m| m.labels.clone()),
            annotations: non_empty(&rs.metadata.annotations),
            creation_timestamp: Some(api_time(rs.metadata.creation_timestamp)),
            generation: Some(1),
            owner_references: Some(vec![owner]),
            ..Default::default()
        },
        spec: apps::ReplicaSetSpec {
            replicas: Some(rs.spec.replicas),
            min_ready_seconds: count(rs.spec.min_ready_seconds),
            selector,
            template: Some(template),
        },
        status: Some(apps::ReplicaSetStatus { replicas: 0, ..Default::default() }),
    }
}

// proptest, which these use, is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn times_keep_milliseconds_in_and_whole_seconds_out() {
        let t: Timestamp = "2026-11-22T08:00:00Z".parse().unwrap();
        assert_eq!(sim_time(t), SimTime(1_795_334_400_000));
        assert_eq!(serde_json::to_string(&api_time(SimTime(1_795_334_400_999))).unwrap(), "\"2026-11-22T08:00:00Z\"");
    }

    #[test]
    fn a_pre_stop_sleep_is_read_from_either_form() {
        let exec: core::LifecycleHandler =
            serde_json::from_value(serde_json::json!({"exec": {"command": ["/bin/sh", "-c", "sleep 15"]}})).unwrap();
        assert_eq!(pre_stop_sleep(&exec), Some(15));
        let sleep: core::LifecycleHandler =
            serde_json::from_value(serde_json::json!({"sleep": {"seconds": 5}})).unwrap();
        assert_eq!(pre_stop_sleep(&sleep), Some(5));
        let other: core::LifecycleHandler =
            serde_json::from_value(serde_json::json!({"exec": {"command": ["nginx", "-s", "quit"]}})).unwrap();
        assert_eq!(pre_stop_sleep(&other), None);
    }

    #[test]
    fn templates_that_differ_only_in_unmodelled_fields_differ() {
        let t = |env: &str| -> core::PodTemplateSpec {
            serde_json::from_value(serde_json::json!({
                "metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.27", "env": [{"name": "MODE", "value": env}]}]}
            }))
            .unwrap()
        };
        let (a, b) = (template(&t("blue")), template(&t("green")));
        assert_eq!(a.containers, b.containers);
        assert!(!a.eq_ignore_hash(&b));
        let mut hashed = t("blue");
        hashed.metadata.as_mut().unwrap().labels.as_mut().unwrap().insert(POD_TEMPLATE_HASH_LABEL.into(), "abc".into());
        assert!(template(&hashed).eq_ignore_hash(&a));
    }

    #[test]
    fn a_template_s_annotations_are_modelled_and_differ_as_a_restart_makes_them() {
        let t = |at: &str| -> core::PodTemplateSpec {
            serde_json::from_value(serde_json::json!({
                "metadata": {"labels": {"app": "web"}, "annotations": {RESTARTED_AT_ANNOTATION: at}},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}
            }))
            .unwrap()
        };
        let (a, b) = (template(&t("2026-12-04T10:00:00Z")), template(&t("2026-12-04T10:05:00Z")));
        assert_eq!(a.annotations[RESTARTED_AT_ANNOTATION], "2026-12-04T10:00:00Z");
        assert!(!a.eq_ignore_hash(&b));
        assert!(!a.unmodelled.contains("annotations"), "compared once, as a modelled field: {}", a.unmodelled);
        let mut restarted = a.clone();
        restarted.annotations.insert(RESTARTED_AT_ANNOTATION.into(), "2026-12-04T10:05:00Z".into());
        assert!(restarted.eq_ignore_hash(&b), "a restart of a real template is the template restarted there");
    }

    proptest::proptest! {
        /// The engine writes `restartedAt` without a date library; jiff (as k8s-openapi uses it)
        /// must agree on every second from the epoch to the year 9999.
        #[test]
        fn rfc3339_agrees_with_jiff(secs in 0u64..253_402_300_800) {
            let ours = SimTime::from_secs(secs).rfc3339();
            let jiff = Timestamp::from_second(i64::try_from(secs).unwrap()).unwrap().to_string();
            proptest::prop_assert_eq!(ours, jiff);
        }
    }
}
