//! The apiserver's validation of a Deployment's rollout settings (`pkg/apis/apps/validation/
//! validation.go`), in the apiserver's words, written once. The setup panel (`crate::setup`), the
//! engine's own guard on what reaches it ([`crate::sim::World::apply`]) and the manifest reader
//! (`crate::k8s::validate`) all call it, each with the values as it has them written.

use super::field::{self, FieldError};
use super::objects::{Container, Deployment, IntOrPercent, Strategy};

/// `intstr.IntOrString` as written, before anything reads it as a count or a percentage: a
/// number (`maxSurge: 1`), or a string (`"25%"`, or whatever was typed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntOrString {
    Int(i32),
    String(String),
}

impl IntOrString {
    /// A value typed in a text box, as YAML would read it unquoted: a number if it is one, else a
    /// string (`25%`, `lots`).
    pub fn typed(text: &str) -> Self {
        let text = text.trim();
        text.parse().map_or_else(|_| IntOrString::String(text.to_string()), IntOrString::Int)
    }

    /// `getPercentValue`: the number of a valid percentage (`[0-9]+%`), else none.
    fn percent(&self) -> Option<i64> {
        let IntOrString::String(s) = self else { return None };
        let digits = s.strip_suffix('%')?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    }

    /// `getIntOrPercentValue`: the percentage, the count, or (Go's `IntValue` of a string that is
    /// no percentage: `strconv.Atoi`, 0 when it fails) the string's number.
    fn value(&self) -> i64 {
        match self {
            IntOrString::Int(n) => i64::from(*n),
            IntOrString::String(s) => self.percent().or_else(|| s.parse().ok()).unwrap_or(0),
        }
    }

    /// As `field.Invalid` prints the value: a number bare, a string quoted.
    fn shown(&self) -> String {
        match self {
            IntOrString::Int(n) => n.to_string(),
            IntOrString::String(s) => field::quote(s),
        }
    }
}

/// The engine keeps a value already read: a count stays a number, a percentage is its string.
impl From<IntOrPercent> for IntOrString {
    fn from(v: IntOrPercent) -> Self {
        match v {
            IntOrPercent::Int(n) => IntOrString::Int(n),
            IntOrPercent::Percent(_) => IntOrString::String(v.to_string()),
        }
    }
}

/// Where `spec.strategy.rollingUpdate`'s fields are.
pub const MAX_SURGE_FIELD: &str = "spec.strategy.rollingUpdate.maxSurge";
pub const MAX_UNAVAILABLE_FIELD: &str = "spec.strategy.rollingUpdate.maxUnavailable";

/// `ValidateRollingUpdateDeployment`, in its order: each value a count ≥ 0 or a valid percentage
/// (maxUnavailable first), not both 0 as written (`0%` is 0 here, though a percentage is scaled
/// later), and maxUnavailable not over 100%. A value left out is 0, as the v1 types' nil is.
pub fn rolling_update(max_surge: Option<&IntOrString>, max_unavailable: Option<&IntOrString>) -> Vec<FieldError> {
    let zero = IntOrString::Int(0);
    let (surge, unavailable) = (max_surge.unwrap_or(&zero), max_unavailable.unwrap_or(&zero));
    let mut errors = Vec::new();
    positive_int_or_percent(unavailable, MAX_UNAVAILABLE_FIELD, &mut errors);
    positive_int_or_percent(surge, MAX_SURGE_FIELD, &mut errors);
    if unavailable.value() == 0 && surge.value() == 0 {
        errors.push(FieldError::invalid(
            MAX_UNAVAILABLE_FIELD,
            unavailable.shown(),
            "may not be 0 when `maxSurge` is 0",
        ));
    }
    // `IsNotMoreThan100Percent`.
    if unavailable.percent().is_some_and(|p| p > 100) {
        errors.push(FieldError::invalid(MAX_UNAVAILABLE_FIELD, unavailable.shown(), "must not be greater than 100%"));
    }
    errors
}

/// `ValidatePositiveIntOrPercent`: a string must be a percentage, a number must not be negative.
fn positive_int_or_percent(v: &IntOrString, at: &str, errors: &mut Vec<FieldError>) {
    match v {
        IntOrString::String(s) if v.percent().is_none() => {
            errors.push(FieldError::invalid(at, field::quote(s), super::objects::PERCENT_MESSAGE));
        }
        IntOrString::String(_) => {}
        IntOrString::Int(n) => field::nonnegative(i64::from(*n), at, errors),
    }
}

/// The end of `ValidateDeploymentSpec`, after the strategy: `minReadySeconds` and
/// `revisionHistoryLimit` not negative, `progressDeadlineSeconds` (when set) not negative and
/// greater than `minReadySeconds`.
pub fn timing(
    min_ready_seconds: i32,
    revision_history_limit: Option<i32>,
    progress_deadline_seconds: Option<i32>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    field::nonnegative(min_ready_seconds.into(), "spec.minReadySeconds", &mut errors);
    if let Some(limit) = revision_history_limit {
        field::nonnegative(limit.into(), "spec.revisionHistoryLimit", &mut errors);
    }
    if let Some(deadline) = progress_deadline_seconds {
        field::nonnegative(deadline.into(), "spec.progressDeadlineSeconds", &mut errors);
        if deadline <= min_ready_seconds {
            errors.push(FieldError::invalid(
                "spec.progressDeadlineSeconds",
                deadline.to_string(),
                "must be greater than minReadySeconds",
            ));
        }
    }
    errors
}

/// `ValidateDeploymentSpec` on the engine's Deployment, as far as its types can be wrong: what
/// the engine admits when a Deployment reaches it whole (an applied manifest, a shared link's
/// step, a restored state), in the apiserver's order and words. A manifest is validated in full
/// before this (`crate::k8s::validate`, which calls the same [`rolling_update`] and [`timing`]).
pub fn deployment(d: &Deployment) -> Vec<FieldError> {
    let spec = &d.spec;
    let mut errors = Vec::new();
    field::nonnegative(spec.replicas.into(), "spec.replicas", &mut errors);
    if spec.selector.is_empty() {
        errors.push(FieldError::invalid("spec.selector", "\"null\"", "empty selector is invalid for deployment"));
    }
    // `ValidatePodTemplateSpecForReplicaSet`: the selector first, then the pod's containers.
    if spec.selector.iter().any(|(k, v)| spec.template.labels.get(k) != Some(v)) {
        let labels = field::go_map(&spec.template.labels);
        errors.push(FieldError::invalid(
            "spec.template.metadata.labels",
            labels,
            "`selector` does not match template `labels`",
        ));
    }
    containers(&spec.template.containers, &mut errors);
    if let Strategy::RollingUpdate { max_surge, max_unavailable } = spec.strategy {
        let (surge, unavailable) = (max_surge.map(IntOrString::from), max_unavailable.map(IntOrString::from));
        errors.extend(rolling_update(surge.as_ref(), unavailable.as_ref()));
    }
    errors.extend(timing(spec.min_ready_seconds, spec.revision_history_limit, spec.progress_deadline_seconds));
    errors
}

/// The containers' parts of `ValidatePodSpec` the engine relies on: at least one, each named
/// once, each with an image.
fn containers(containers: &[Container], errors: &mut Vec<FieldError>) {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(errors: Vec<FieldError>) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    fn typed(surge: &str, unavailable: &str) -> Vec<String> {
        words(rolling_update(Some(&IntOrString::typed(surge)), Some(&IntOrString::typed(unavailable))))
    }

    /// `TestValidateDeployment`'s rolling update cases (`validation_test.go`).
    #[test]
    fn rolling_update_is_validated_as_the_apiserver_does() {
        assert!(typed("25%", "25%").is_empty());
        assert!(typed("0", "1").is_empty());
        assert!(typed("1", "0%").is_empty());
        assert_eq!(
            typed("0", "0"),
            ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"]
        );
        assert_eq!(
            typed("0%", "0%"),
            ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0"]
        );
        // Left out is nil, which the internal types read as 0.
        assert_eq!(
            words(rolling_update(None, None)),
            ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"]
        );
        assert_eq!(
            typed("1", "110%"),
            ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"110%\": must not be greater than 100%"]
        );
        assert_eq!(
            typed("-1", "1"),
            ["spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0"]
        );
        // maxUnavailable is checked first; a string that is no percentage reads as 0 (`IntValue`).
        let field = |f: &str, v: &str| format!("spec.strategy.rollingUpdate.{f}: Invalid value: \"{v}\": ");
        assert_eq!(
            typed("lots", "-5%"),
            [
                format!("{}{}", field("maxUnavailable", "-5%"), super::super::objects::PERCENT_MESSAGE),
                format!("{}{}", field("maxSurge", "lots"), super::super::objects::PERCENT_MESSAGE),
                format!("{}may not be 0 when `maxSurge` is 0", field("maxUnavailable", "-5%")),
            ]
        );
    }

    #[test]
    fn the_engines_values_are_shown_as_written() {
        let (surge, unavailable) = (IntOrPercent::Int(0).into(), IntOrPercent::Percent(0).into());
        assert_eq!(
            words(rolling_update(Some(&surge), Some(&unavailable))),
            ["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0"]
        );
    }

    #[test]
    fn timing_follows_validate_deployment_spec() {
        assert!(timing(0, Some(10), Some(600)).is_empty());
        assert_eq!(
            words(timing(-1, Some(-2), Some(-3))),
            [
                "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
                "spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
                "spec.progressDeadlineSeconds: Invalid value: -3: must be greater than or equal to 0",
                "spec.progressDeadlineSeconds: Invalid value: -3: must be greater than minReadySeconds",
            ]
        );
        assert_eq!(
            words(timing(600, None, Some(600))),
            ["spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds"]
        );
    }
}
