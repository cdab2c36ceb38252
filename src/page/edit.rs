//! A change to the draft settings, as data ([`KnobEdit`]): what the setup panel's fields and a
//! lesson's "Show me" send, applied by the reducer to the draft as it is then (two edits made
//! before the page draws again, by fast typing or a test, both land).

use std::str::FromStr;

use crate::lesson::Setting;
use crate::setup::{Knobs, NewVersion, ProbeKind, ProbeKnobs, Router, StrategyKind};
use crate::sim::objects::PullPolicy;

/// One change to the draft settings.
#[derive(Clone, Debug, PartialEq)]
pub enum KnobEdit {
    /// A knob's field as the learner left it, typed or chosen, read as the knob reads it: a
    /// number field that holds no number leaves its knob as it was.
    Field(Knob, String),
    /// A probe switched on or off.
    ProbeEnabled(ProbeKind, bool),
    /// One of a probe's numbers.
    Probe(ProbeKind, ProbeField, i32),
    /// A setting as a lesson changes it.
    Setting(Setting),
}

/// A knob of the setup panel with a field of its own (the probes' are [`ProbeField`]s).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Knob {
    /// A strategy's id (`rolling-update`).
    Strategy,
    Replicas,
    /// A count or a percentage, kept as typed (the apiserver's checks read it).
    MaxSurge,
    MaxUnavailable,
    MinReadySeconds,
    ProgressDeadlineSeconds,
    RevisionHistoryLimit,
    /// `Always`, `IfNotPresent` or `Never` (anything else is `IfNotPresent`).
    ImagePullPolicy,
    /// A new version's id (`crashes`).
    NewVersion,
    /// Requests a second.
    Rate,
    /// A router's id (`gateway`, `ingress`).
    Router,
}

/// One of a probe's numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeField {
    InitialDelaySeconds,
    PeriodSeconds,
    TimeoutSeconds,
    SuccessThreshold,
    FailureThreshold,
}

impl KnobEdit {
    pub fn apply(&self, k: &mut Knobs) {
        match self {
            KnobEdit::Field(knob, value) => knob.set(k, value),
            KnobEdit::ProbeEnabled(kind, enabled) => k.probe_mut(*kind).enabled = *enabled,
            KnobEdit::Probe(kind, field, n) => *field.of(k.probe_mut(*kind)) = *n,
            KnobEdit::Setting(setting) => setting.apply(k),
        }
    }
}

/// `value`, trimmed, as a number in `slot`; a field that holds no number changes nothing.
fn number<T: FromStr>(slot: &mut T, value: &str) {
    if let Ok(n) = value.trim().parse() {
        *slot = n;
    }
}

impl Knob {
    fn set(self, k: &mut Knobs, value: &str) {
        match self {
            Knob::Strategy => k.strategy = StrategyKind::from_id(value).unwrap_or(k.strategy),
            Knob::Replicas => number(&mut k.replicas, value),
            Knob::MaxSurge => k.max_surge = value.to_string(),
            Knob::MaxUnavailable => k.max_unavailable = value.to_string(),
            Knob::MinReadySeconds => number(&mut k.min_ready_seconds, value),
            Knob::ProgressDeadlineSeconds => number(&mut k.progress_deadline_seconds, value),
            Knob::RevisionHistoryLimit => number(&mut k.revision_history_limit, value),
            Knob::ImagePullPolicy => {
                k.image_pull_policy = match value {
                    "Always" => PullPolicy::Always,
                    "Never" => PullPolicy::Never,
                    _ => PullPolicy::IfNotPresent,
                }
            }
            Knob::NewVersion => k.new_version = NewVersion::from_id(value).unwrap_or(k.new_version),
            Knob::Rate => number(&mut k.rate, value),
            Knob::Router => k.router = Router::from_id(value).unwrap_or(k.router),
        }
    }
}

impl ProbeField {
    fn of(self, p: &mut ProbeKnobs) -> &mut i32 {
        match self {
            ProbeField::InitialDelaySeconds => &mut p.initial_delay_seconds,
            ProbeField::PeriodSeconds => &mut p.period_seconds,
            ProbeField::TimeoutSeconds => &mut p.timeout_seconds,
            ProbeField::SuccessThreshold => &mut p.success_threshold,
            ProbeField::FailureThreshold => &mut p.failure_threshold,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_reads_its_field_as_the_knob_reads_it() {
        let mut k = Knobs::default();
        let before = k.clone();
        KnobEdit::Field(Knob::Replicas, " 7 ".into()).apply(&mut k);
        assert_eq!(k.replicas, 7);
        KnobEdit::Field(Knob::Replicas, "seven".into()).apply(&mut k);
        assert_eq!(k.replicas, 7, "no number, no change");
        KnobEdit::Field(Knob::MaxSurge, "25%".into()).apply(&mut k);
        assert_eq!(k.max_surge, "25%");
        KnobEdit::Field(Knob::Strategy, "no-such-strategy".into()).apply(&mut k);
        assert_eq!(k.strategy, before.strategy);
        KnobEdit::Field(Knob::ImagePullPolicy, "Always".into()).apply(&mut k);
        assert_eq!(k.image_pull_policy, PullPolicy::Always);
        KnobEdit::Field(Knob::Rate, "40".into()).apply(&mut k);
        assert_eq!(k.rate, 40);
        KnobEdit::Field(Knob::Router, "ingress".into()).apply(&mut k);
        assert_eq!(k.router, Router::Ingress);
        KnobEdit::Field(Knob::Router, "istio".into()).apply(&mut k);
        assert_eq!(k.router, Router::Ingress, "no such router, no change");
        KnobEdit::ProbeEnabled(ProbeKind::Startup, true).apply(&mut k);
        KnobEdit::Probe(ProbeKind::Startup, ProbeField::FailureThreshold, 9).apply(&mut k);
        assert!(k.startup.enabled && k.startup.failure_threshold == 9);
        KnobEdit::Setting(Setting::MinReadySeconds(5)).apply(&mut k);
        assert_eq!(k.min_ready_seconds, 5);
    }
}
