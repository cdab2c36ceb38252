//! `ValidateDeployment` (`pkg/apis/apps/validation/validation.go`) and the parts of
//! `ValidatePodTemplateSpec` (`pkg/apis/core/validation/validation.go`) a rollout depends on, with
//! the apiserver's own messages. Runs on a defaulted Deployment, as the apiserver does.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec, DeploymentStrategy, RollingUpdateDeployment};
use k8s_openapi::api::core::v1::{Container, PodTemplateSpec, Probe};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::field::{go_map, nonnegative, quote, FieldError};
use crate::sim::validate;

const DNS1123_SUBDOMAIN_MESSAGE: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric \
    characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used \
    for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1123_LABEL_MESSAGE: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters \
    or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for \
    validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/// `ValidateDeployment`: every error, in the apiserver's order. Empty when the Deployment is valid.
/// `selector_given` tells a missing `spec.selector` from an empty one, which the API types
/// cannot (both read as an empty selector).
pub fn deployment(d: &Deployment, selector_given: bool) -> Vec<FieldError> {
    let mut errors = Vec::new();
    object_name(d.metadata.name.as_deref().unwrap_or(""), &mut errors);
    labels_and_annotations(d.metadata.labels.as_ref(), d.metadata.annotations.as_ref(), "metadata", &mut errors);
    deployment_spec(&d.spec, selector_given, &mut errors);
    errors
}

/// `ValidateDeploymentStatus`: counts never negative, and none above what it counts among.
pub fn deployment_status(s: &k8s_openapi::api::apps::v1::DeploymentStatus) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let n = |v: Option<i32>| i64::from(v.unwrap_or(0));
    nonnegative(s.observed_generation.unwrap_or(0), "status.observedGeneration", &mut errors);
    nonnegative(n(s.replicas), "status.replicas", &mut errors);
    nonnegative(n(s.updated_replicas), "status.updatedReplicas", &mut errors);
    nonnegative(n(s.ready_replicas), "status.readyReplicas", &mut errors);
    nonnegative(n(s.available_replicas), "status.availableReplicas", &mut errors);
    nonnegative(n(s.unavailable_replicas), "status.unavailableReplicas", &mut errors);
    if let Some(t) = s.terminating_replicas {
        nonnegative(i64::from(t), "status.terminatingReplicas", &mut errors);
    }
    if let Some(c) = s.collision_count {
        nonnegative(i64::from(c), "status.collisionCount", &mut errors);
    }
    at_most(
        n(s.updated_replicas),
        n(s.replicas),
        "status.updatedReplicas",
        "cannot be greater than status.replicas",
        &mut errors,
    );
    at_most(
        n(s.ready_replicas),
        n(s.replicas),
        "status.readyReplicas",
        "cannot be greater than status.replicas",
        &mut errors,
    );
    at_most(
        n(s.available_replicas),
        n(s.replicas),
        "status.availableReplicas",
        "cannot be greater than status.replicas",
        &mut errors,
    );
    at_most(
        n(s.available_replicas),
        n(s.ready_replicas),
        "status.availableReplicas",
        "cannot be greater than readyReplicas",
        &mut errors,
    );
    errors
}

/// `ValidateReplicaSetStatus`.
pub fn replica_set_status(s: &k8s_openapi::api::apps::v1::ReplicaSetStatus) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let n = |v: Option<i32>| i64::from(v.unwrap_or(0));
    nonnegative(i64::from(s.replicas), "status.replicas", &mut errors);
    nonnegative(n(s.fully_labeled_replicas), "status.fullyLabeledReplicas", &mut errors);
    nonnegative(n(s.ready_replicas), "status.readyReplicas", &mut errors);
    nonnegative(n(s.available_replicas), "status.availableReplicas", &mut errors);
    nonnegative(s.observed_generation.unwrap_or(0), "status.observedGeneration", &mut errors);
    if let Some(t) = s.terminating_replicas {
        nonnegative(i64::from(t), "status.terminatingReplicas", &mut errors);
    }
    let replicas = i64::from(s.replicas);
    let msg = "cannot be greater than status.replicas";
    at_most(n(s.fully_labeled_replicas), replicas, "status.fullyLabeledReplicas", msg, &mut errors);
    at_most(n(s.ready_replicas), replicas, "status.readyReplicas", msg, &mut errors);
    at_most(n(s.available_replicas), replicas, "status.availableReplicas", msg, &mut errors);
    at_most(
        n(s.available_replicas),
        n(s.ready_replicas),
        "status.availableReplicas",
        "cannot be greater than readyReplicas",
        &mut errors,
    );
    errors
}

fn at_most(value: i64, bound: i64, field: &str, detail: &str, errors: &mut Vec<FieldError>) {
    if value > bound {
        errors.push(FieldError::invalid(field, value.to_string(), detail));
    }
}

/// `apimachineryvalidation.TotalAnnotationSizeLimitB`: 256 KiB of keys and values in all.
pub const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

/// `ValidateLabels` and `ValidateAnnotations` of one object's metadata at `path`.
fn labels_and_annotations(
    labels: Option<&BTreeMap<String, String>>,
    annotations: Option<&BTreeMap<String, String>>,
    path: &str,
    errors: &mut Vec<FieldError>,
) {
    for (k, v) in labels.into_iter().flatten() {
        for (value, detail) in crate::sim::objects::label_problems(k, v) {
            errors.push(FieldError::invalid(format!("{path}.labels"), value, detail));
        }
    }
    let annotations = annotations.into_iter().flatten();
    let mut total = 0;
    for (k, v) in annotations {
        // Keys are checked lowercased (`ValidateAnnotations`), the error shows them as written.
        if let Some(detail) = crate::sim::objects::qualified_name_error(&k.to_lowercase()) {
            errors.push(FieldError::invalid(format!("{path}.annotations"), quote(k), detail));
        }
        total += k.len() + v.len();
    }
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        errors.push(FieldError::too_long(format!("{path}.annotations"), TOTAL_ANNOTATION_SIZE_LIMIT));
    }
}

/// `ValidateObjectMeta` with `NameIsDNSSubdomain`.
fn object_name(name: &str, errors: &mut Vec<FieldError>) {
    if name.is_empty() {
        errors.push(FieldError::required("metadata.name", "name or generateName is required"));
    } else if name.len() > 253 {
        errors.push(FieldError::invalid("metadata.name", quote(name), "must be no more than 253 characters"));
    } else if !name.split('.').all(is_dns1123_label) {
        errors.push(FieldError::invalid("metadata.name", quote(name), DNS1123_SUBDOMAIN_MESSAGE));
    }
}

fn is_dns1123_label(s: &str) -> bool {
    let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    !s.is_empty() && s.len() <= 63 && s.starts_with(ok) && s.ends_with(ok) && s.chars().all(|c| ok(c) || c == '-')
}

/// `ValidateDeploymentSpec`.
fn deployment_spec(spec: &DeploymentSpec, selector_given: bool, errors: &mut Vec<FieldError>) {
    nonnegative(i64::from(spec.replicas.unwrap_or(1)), "spec.replicas", errors);
    let selector = &spec.selector;
    let expressions = selector.match_expressions.as_deref().unwrap_or_default();
    if !selector_given {
        errors.push(FieldError::required("spec.selector", ""));
    } else if selector.match_labels.as_ref().map_or(0, BTreeMap::len) + expressions.len() == 0 {
        errors.push(FieldError::invalid(
            "spec.selector",
            go_selector(selector),
            "empty selector is invalid for deployment",
        ));
    }
    for (i, e) in expressions.iter().enumerate() {
        let field = format!("spec.selector.matchExpressions[{i}].operator");
        if !matches!(e.operator.as_str(), "In" | "NotIn" | "Exists" | "DoesNotExist") {
            errors.push(FieldError::invalid(field, quote(&e.operator), "not a valid selector operator"));
        }
    }
    pod_template_for_replica_set(&spec.template, selector, selector_given, errors);
    strategy(spec.strategy.as_ref(), errors);
    let timing = validate::timing(
        spec.min_ready_seconds.unwrap_or(0),
        spec.revision_history_limit,
        spec.progress_deadline_seconds,
    );
    errors.extend(timing);
}

/// A selector as Go's `%#v` prints the pointer the apiserver reports.
fn go_selector(s: &LabelSelector) -> String {
    let labels = s.match_labels.as_ref().map_or_else(|| "map[string]string(nil)".to_string(), go_map);
    format!("&v1.LabelSelector{{MatchLabels:{labels}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}")
}

/// `LabelSelectorAsSelector(selector).Matches(labels)`.
pub fn selector_matches(selector: &LabelSelector, labels: &BTreeMap<String, String>) -> bool {
    let by_label = selector.match_labels.iter().flatten().all(|(k, v)| labels.get(k) == Some(v));
    let by_expression = selector.match_expressions.iter().flatten().all(|e| {
        let values = e.values.as_deref().unwrap_or_default();
        match e.operator.as_str() {
            "In" => labels.get(&e.key).is_some_and(|v| values.contains(v)),
            "NotIn" => labels.get(&e.key).is_none_or(|v| !values.contains(v)),
            "Exists" => labels.contains_key(&e.key),
            "DoesNotExist" => !labels.contains_key(&e.key),
            _ => false,
        }
    });
    by_label && by_expression
}

/// `ValidatePodTemplateSpecForReplicaSet`: the selector matches the template, the template is a
/// valid pod template, and its pods restart Always.
fn pod_template_for_replica_set(
    t: &PodTemplateSpec,
    selector: &LabelSelector,
    selector_given: bool,
    errors: &mut Vec<FieldError>,
) {
    let labels = t.metadata.as_ref().and_then(|m| m.labels.clone()).unwrap_or_default();
    // A nil selector selects nothing (`LabelSelectorAsSelector(nil)` is `labels.Nothing()`).
    if !selector_given || !selector_matches(selector, &labels) {
        errors.push(FieldError::invalid(
            "spec.template.metadata.labels",
            go_map(&labels),
            "`selector` does not match template `labels`",
        ));
    }
    if let Some(m) = &t.metadata {
        labels_and_annotations(m.labels.as_ref(), m.annotations.as_ref(), "spec.template.metadata", errors);
    }
    let Some(spec) = &t.spec else {
        errors.push(FieldError::required("spec.template.spec.containers", ""));
        return;
    };
    if spec.containers.is_empty() {
        errors.push(FieldError::required("spec.template.spec.containers", ""));
    }
    let mut names = BTreeSet::new();
    for (i, c) in spec.containers.iter().enumerate() {
        container(c, &format!("spec.template.spec.containers[{i}]"), &mut names, errors);
    }
    let restart = spec.restart_policy.as_deref().unwrap_or("Always");
    if !matches!(restart, "Always" | "OnFailure" | "Never") {
        errors.push(FieldError::not_supported(
            "spec.template.spec.restartPolicy",
            restart,
            &["Always", "OnFailure", "Never"],
        ));
    } else if restart != "Always" {
        errors.push(FieldError::not_supported("spec.template.spec.restartPolicy", restart, &["Always"]));
    }
    if let Some(grace) = spec.termination_grace_period_seconds {
        nonnegative(grace, "spec.template.spec.terminationGracePeriodSeconds", errors);
    }
}

/// `validateContainers` for the fields a rollout uses.
fn container(c: &Container, at: &str, names: &mut BTreeSet<String>, errors: &mut Vec<FieldError>) {
    if c.name.is_empty() {
        errors.push(FieldError::required(format!("{at}.name"), ""));
    } else if !is_dns1123_label(&c.name) {
        errors.push(FieldError::invalid(format!("{at}.name"), quote(&c.name), DNS1123_LABEL_MESSAGE));
    } else if !names.insert(c.name.clone()) {
        errors.push(FieldError::duplicate(format!("{at}.name"), &c.name));
    }
    if c.image.as_deref().is_none_or(|i| i.trim().is_empty()) {
        errors.push(FieldError::required(format!("{at}.image"), ""));
    }
    if let Some(policy) = c.image_pull_policy.as_deref() {
        if !matches!(policy, "Always" | "IfNotPresent" | "Never") {
            errors.push(FieldError::not_supported(
                format!("{at}.imagePullPolicy"),
                policy,
                &["Always", "IfNotPresent", "Never"],
            ));
        }
    }
    for (name, probe_) in [
        ("livenessProbe", &c.liveness_probe),
        ("readinessProbe", &c.readiness_probe),
        ("startupProbe", &c.startup_probe),
    ] {
        if let Some(p) = probe_ {
            probe(p, &format!("{at}.{name}"), name != "readinessProbe", errors);
        }
    }
}

/// `validateProbe`, plus the rule that liveness and startup probes need `successThreshold: 1`.
fn probe(p: &Probe, at: &str, success_must_be_one: bool, errors: &mut Vec<FieldError>) {
    let handlers = [p.exec.is_some(), p.http_get.is_some(), p.tcp_socket.is_some(), p.grpc.is_some()];
    match handlers.iter().filter(|h| **h).count() {
        0 => errors.push(FieldError::required(at, "must specify a handler type")),
        1 => {}
        _ => errors.push(FieldError::forbidden(at, "may not specify more than 1 handler type")),
    }
    let fields = [
        ("initialDelaySeconds", p.initial_delay_seconds),
        ("timeoutSeconds", p.timeout_seconds),
        ("periodSeconds", p.period_seconds),
        ("successThreshold", p.success_threshold),
        ("failureThreshold", p.failure_threshold),
    ];
    for (name, value) in fields {
        nonnegative(i64::from(value.unwrap_or(0)), &format!("{at}.{name}"), errors);
    }
    if success_must_be_one {
        if let Some(n) = p.success_threshold.filter(|n| *n != 1) {
            errors.push(FieldError::invalid(format!("{at}.successThreshold"), n.to_string(), "must be 1"));
        }
    }
}

/// `ValidateDeploymentStrategy`.
fn strategy(strategy: Option<&DeploymentStrategy>, errors: &mut Vec<FieldError>) {
    let Some(s) = strategy else { return };
    match s.type_.as_deref().unwrap_or("RollingUpdate") {
        "Recreate" => {
            if s.rolling_update.is_some() {
                errors.push(FieldError::forbidden(
                    "spec.strategy.rollingUpdate",
                    "may not be specified when strategy `type` is 'Recreate'",
                ));
            }
        }
        "RollingUpdate" => match &s.rolling_update {
            None => errors
                .push(FieldError::required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil")),
            Some(r) => rolling_update(r, errors),
        },
        other => errors.push(FieldError::not_supported("spec.strategy.type", other, &["Recreate", "RollingUpdate"])),
    }
}

/// `ValidateRollingUpdateDeployment`, the engine's (`sim::validate::rolling_update`), on the
/// values as the manifest wrote them.
fn rolling_update(r: &RollingUpdateDeployment, errors: &mut Vec<FieldError>) {
    let written = |v: &IntOrString| match v {
        IntOrString::Int(n) => validate::IntOrString::Int(*n),
        IntOrString::String(s) => validate::IntOrString::String(s.clone()),
    };
    let (surge, unavailable) = (r.max_surge.as_ref().map(written), r.max_unavailable.as_ref().map(written));
    errors.extend(validate::rolling_update(surge.as_ref(), unavailable.as_ref()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::objects::PERCENT_MESSAGE;
    use serde_json::{json, Value};

    /// A valid, defaulted Deployment with `patch` merged in (JSON merge patch, RFC 7386).
    fn with(patch: Value) -> Vec<String> {
        let mut base = json!({
            "metadata": {"name": "web"},
            "spec": {
                "replicas": 3,
                "selector": {"matchLabels": {"app": "web"}},
                "template": {
                    "metadata": {"labels": {"app": "web"}},
                    "spec": {"containers": [{"name": "web", "image": "gasbugs/http-go:v1"}]}
                }
            }
        });
        merge(&mut base, patch);
        let mut d: Deployment = serde_json::from_value(base.clone()).unwrap();
        super::super::defaults::deployment(&mut d);
        let selector_given = base.pointer("/spec/selector").is_some();
        deployment(&d, selector_given).iter().map(ToString::to_string).collect()
    }

    /// `ValidateObjectMeta`'s labels and annotations, on the Deployment and on its template.
    #[test]
    fn labels_and_annotations_are_validated_as_the_apiserver_does() {
        let big = "x".repeat(TOTAL_ANNOTATION_SIZE_LIMIT);
        assert_eq!(
            with(json!({"metadata": {"annotations": {"kubernetes.io/change-cause": big}}})),
            ["metadata.annotations: Too long: may not be more than 262144 bytes"]
        );
        let just_fits = "x".repeat(TOTAL_ANNOTATION_SIZE_LIMIT - "a".len());
        assert_eq!(with(json!({"metadata": {"annotations": {"a": just_fits}}})), Vec::<String>::new());
        let errors = with(json!({"metadata": {"annotations": {"bad key": "1", "Example.COM/Fine": "2"}}}));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with(
                "metadata.annotations: Invalid value: \"bad key\": name part must consist of alphanumeric characters"
            ),
            "{errors:?}"
        );
        let errors = with(json!({"spec": {"template": {"metadata": {"labels": {"app": "web", "tier": "-x"}}}}}));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("spec.template.metadata.labels: Invalid value: \"-x\": a valid label must be"),
            "{errors:?}"
        );
        let errors = with(json!({"metadata": {"labels": {"a/b/c": "x"}}}));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist"),
            "{errors:?}"
        );
        assert!(
            errors[0].ends_with("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
            "{errors:?}"
        );
        // An empty name part is both empty and unlike the pattern: two errors, as upstream.
        assert_eq!(with(json!({"metadata": {"labels": {"example.com/": "x"}}})).len(), 2);
    }

    fn merge(target: &mut Value, patch: Value) {
        match (target, patch) {
            (Value::Object(t), Value::Object(p)) => {
                for (k, v) in p {
                    if v.is_null() {
                        t.remove(&k);
                    } else {
                        merge(t.entry(k).or_insert(Value::Null), v);
                    }
                }
            }
            (t, p) => *t = p,
        }
    }

    fn rolling(surge: Value, unavailable: Value) -> Value {
        json!({"spec": {"strategy": {"rollingUpdate": {"maxSurge": surge, "maxUnavailable": unavailable}}}})
    }

    #[test]
    fn a_valid_deployment_has_no_errors() {
        assert!(with(json!({})).is_empty());
        assert!(with(rolling(json!(0), json!("100%"))).is_empty());
        assert!(with(json!({"spec": {"strategy": {"type": "Recreate"}}})).is_empty());
    }

    #[test]
    fn max_surge_and_max_unavailable_may_not_both_be_zero() {
        // ValidateRollingUpdateDeployment: the raw values, so `0%` is 0 too.
        let expected =
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0";
        assert_eq!(with(rolling(json!(0), json!(0))), [expected]);
        assert_eq!(
            with(rolling(json!("0%"), json!("0%"))),
            ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0"]
        );
        // 25% of 3 rounds down to 0 unavailable, but the raw value is not 0: valid (the 0/0 fallback).
        assert!(with(rolling(json!(0), json!("25%"))).is_empty());
    }

    #[test]
    fn bad_counts_and_percentages_get_the_apiserver_words() {
        assert_eq!(
            with(rolling(json!("20Percent"), json!(1))),
            [format!("spec.strategy.rollingUpdate.maxSurge: Invalid value: \"20Percent\": {PERCENT_MESSAGE}")]
        );
        assert_eq!(
            with(rolling(json!(1), json!("110%"))),
            ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"110%\": must not be greater than 100%"]
        );
        assert_eq!(
            with(json!({"spec": {"replicas": -1}})),
            ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]
        );
        assert_eq!(
            with(json!({"spec": {"minReadySeconds": 600}})),
            ["spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds"]
        );
    }

    #[test]
    fn recreate_with_a_rolling_update_block_is_forbidden() {
        let got = with(json!({"spec": {"strategy": {"type": "Recreate", "rollingUpdate": {"maxSurge": 1}}}}));
        assert_eq!(
            got,
            ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]
        );
        let got = with(json!({"spec": {"strategy": {"type": "BlueGreen"}}}));
        assert_eq!(
            got,
            ["spec.strategy.type: Unsupported value: \"BlueGreen\": supported values: \"Recreate\", \"RollingUpdate\""]
        );
    }

    #[test]
    fn the_selector_must_match_the_template() {
        let got = with(json!({"spec": {"template": {"metadata": {"labels": {"app": "api"}}}}}));
        assert_eq!(
            got,
            ["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\"}: `selector` does not match template `labels`"]
        );
        let got = with(json!({"spec": {"selector": null}}));
        assert_eq!(
            got,
            [
                "spec.selector: Required value",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"
            ]
        );
        let got = with(json!({"spec": {"selector": {"matchLabels": null}}}));
        assert!(got[0].starts_with("spec.selector: Invalid value: &v1.LabelSelector{"), "{got:?}");
        assert!(got[0].ends_with(": empty selector is invalid for deployment"), "{got:?}");
    }

    #[test]
    fn containers_and_probes_are_checked() {
        let got = with(json!({"spec": {"template": {"spec": {"containers": [
            {"name": "Web", "image": ""},
            {"name": "side", "image": "busybox", "imagePullPolicy": "Sometimes",
             "livenessProbe": {"httpGet": {"port": 80}, "successThreshold": 2},
             "readinessProbe": {"periodSeconds": -5}}
        ]}}}}));
        let c = "spec.template.spec.containers";
        assert_eq!(
            got,
            [
                format!("{c}[0].name: Invalid value: \"Web\": {DNS1123_LABEL_MESSAGE}"),
                format!("{c}[0].image: Required value"),
                format!("{c}[1].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\""),
                format!("{c}[1].livenessProbe.successThreshold: Invalid value: 2: must be 1"),
                format!("{c}[1].readinessProbe: Required value: must specify a handler type"),
                format!("{c}[1].readinessProbe.periodSeconds: Invalid value: -5: must be greater than or equal to 0"),
            ]
        );
        assert_eq!(
            with(json!({"spec": {"template": {"spec": {"restartPolicy": "Never"}}}})),
            ["spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""]
        );
    }

    #[test]
    fn the_name_is_a_dns_subdomain() {
        assert_eq!(
            with(json!({"metadata": {"name": ""}})),
            ["metadata.name: Required value: name or generateName is required"]
        );
        assert_eq!(
            with(json!({"metadata": {"name": "http_go"}})),
            [format!("metadata.name: Invalid value: \"http_go\": {DNS1123_SUBDOMAIN_MESSAGE}")]
        );
    }
}
