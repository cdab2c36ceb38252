//! The apiserver's defaults (`pkg/apis/apps/v1/defaults.go` `SetDefaults_Deployment` and
//! `pkg/apis/core/v1/defaults.go`), applied as a manifest is read: what `kubectl get -o yaml`
//! shows after `kubectl apply`. Only the fields a rollout touches or compares are defaulted.

use k8s_openapi::api::apps::v1::{Deployment, DeploymentStrategy, RollingUpdateDeployment};
use k8s_openapi::api::core::v1::{Container, PodSpec, PodTemplateSpec, Probe};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::sim::objects::PullPolicy;

/// `SetDefaults_Deployment`: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10,
/// progressDeadlineSeconds 600; then the pod template's defaults.
pub fn deployment(d: &mut Deployment) {
    let spec = &mut d.spec;
    spec.replicas.get_or_insert(1);
    let strategy = spec.strategy.get_or_insert_with(DeploymentStrategy::default);
    let kind = strategy.type_.get_or_insert_with(|| "RollingUpdate".into());
    if kind == "RollingUpdate" {
        let rolling = strategy.rolling_update.get_or_insert_with(RollingUpdateDeployment::default);
        rolling.max_surge.get_or_insert_with(|| IntOrString::String("25%".into()));
        rolling.max_unavailable.get_or_insert_with(|| IntOrString::String("25%".into()));
    }
    spec.revision_history_limit.get_or_insert(10);
    spec.progress_deadline_seconds.get_or_insert(600);
    pod_template(&mut spec.template);
}

/// The core/v1 defaults of a pod template.
pub fn pod_template(t: &mut PodTemplateSpec) {
    if let Some(spec) = t.spec.as_mut() {
        pod_spec(spec);
    }
}

fn pod_spec(spec: &mut PodSpec) {
    spec.restart_policy.get_or_insert_with(|| "Always".into());
    spec.termination_grace_period_seconds.get_or_insert(30);
    spec.dns_policy.get_or_insert_with(|| "ClusterFirst".into());
    spec.scheduler_name.get_or_insert_with(|| "default-scheduler".into());
    spec.security_context.get_or_insert_with(Default::default);
    for c in spec.containers.iter_mut().chain(spec.init_containers.iter_mut().flatten()) {
        container(c);
    }
}

/// `SetDefaults_Container`, the probes' and the ports' defaults.
fn container(c: &mut Container) {
    if c.image_pull_policy.is_none() {
        let policy = PullPolicy::default_for(c.image.as_deref().unwrap_or(""));
        c.image_pull_policy = Some(format!("{policy:?}"));
    }
    c.termination_message_path.get_or_insert_with(|| "/dev/termination-log".into());
    c.termination_message_policy.get_or_insert_with(|| "File".into());
    // The apiserver writes an empty `resources: {}` where none were asked for.
    c.resources.get_or_insert_with(Default::default);
    for port in c.ports.iter_mut().flatten() {
        port.protocol.get_or_insert_with(|| "TCP".into());
    }
    for probe in [&mut c.readiness_probe, &mut c.liveness_probe, &mut c.startup_probe].into_iter().flatten() {
        self::probe(probe);
    }
}

/// `SetDefaults_Probe` and `SetDefaults_HTTPGetAction`.
fn probe(p: &mut Probe) {
    p.timeout_seconds.get_or_insert(1);
    p.period_seconds.get_or_insert(10);
    p.success_threshold.get_or_insert(1);
    p.failure_threshold.get_or_insert(3);
    if let Some(http) = p.http_get.as_mut() {
        http.path.get_or_insert_with(|| "/".into());
        http.scheme.get_or_insert_with(|| "HTTP".into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_deployment_gets_the_apiserver_defaults() {
        let mut d: Deployment = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "web"},
            "spec": {"selector": {"matchLabels": {"app": "web"}},
                     "template": {"metadata": {"labels": {"app": "web"}},
                                  "spec": {"containers": [{"name": "web", "image": "nginx",
                                                           "readinessProbe": {"httpGet": {"port": 80}}}]}}}
        }))
        .unwrap();
        deployment(&mut d);
        let spec = &d.spec;
        assert_eq!(spec.replicas, Some(1));
        let rolling = spec.strategy.as_ref().unwrap().rolling_update.as_ref().unwrap();
        assert_eq!(rolling.max_surge, Some(IntOrString::String("25%".into())));
        assert_eq!((spec.revision_history_limit, spec.progress_deadline_seconds), (Some(10), Some(600)));
        let c = &spec.template.spec.as_ref().unwrap().containers[0];
        // `nginx` has no tag: it means `latest`, which is pulled every time.
        assert_eq!(c.image_pull_policy.as_deref(), Some("Always"));
        let probe = c.readiness_probe.as_ref().unwrap();
        assert_eq!((probe.period_seconds, probe.failure_threshold), (Some(10), Some(3)));
    }

    #[test]
    fn recreate_gets_no_rolling_update_block() {
        let mut d: Deployment = serde_json::from_value(
            serde_json::json!({"spec": {"selector": {}, "template": {}, "strategy": {"type": "Recreate"}}}),
        )
        .unwrap();
        deployment(&mut d);
        assert!(d.spec.strategy.unwrap().rolling_update.is_none());
    }
}
