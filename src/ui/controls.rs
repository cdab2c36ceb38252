//! The setup panel: the strategy and every Deployment knob, with the resolved surge and
//! unavailable counts beside them, and the apiserver's messages inline when a value would be
//! refused (a refused setup cannot start a run).

use yew::prelude::*;

use crate::i18n::{resolved_fenceposts, tr, Lang, Text};
use crate::page::{Knob, KnobEdit, ProbeField};
use crate::setup::{Field, Knobs, NewVersion, ProbeKind, Router, StrategyKind};
use crate::sim::objects::PullPolicy;

#[derive(Properties, PartialEq)]
pub struct SetupProps {
    pub lang: Lang,
    pub draft: Knobs,
    pub applied: Knobs,
    pub on_edit: Callback<KnobEdit>,
    pub on_apply: Callback<()>,
}

/// The title of a probe's fieldset: "readinessProbe".
pub fn probe_title(kind: ProbeKind) -> Text {
    match kind {
        ProbeKind::Readiness => Text::ReadinessProbe,
        ProbeKind::Liveness => Text::LivenessProbe,
        ProbeKind::Startup => Text::StartupProbe,
    }
}

/// A router as the setup panel names it for `strategy`: Blue/Green switches a backendRef or a
/// selector, Canary and A/B go through the Gateway or the retired NGINX Ingress.
pub fn router_name(lang: Lang, strategy: StrategyKind, r: Router) -> &'static str {
    let blue_green = strategy == StrategyKind::BlueGreen;
    tr(
        lang,
        match r {
            Router::Gateway if blue_green => Text::RouterBackendRef,
            Router::Ingress if blue_green => Text::RouterSelector,
            Router::Gateway => Text::RouterGateway,
            Router::Ingress => Text::RouterIngress,
        },
    )
}

pub fn strategy_name(lang: Lang, s: StrategyKind) -> &'static str {
    tr(
        lang,
        match s {
            StrategyKind::Recreate => Text::StrategyRecreate,
            StrategyKind::RollingUpdate => Text::StrategyRollingUpdate,
            StrategyKind::BlueGreen => Text::StrategyBlueGreen,
            StrategyKind::Canary => Text::StrategyCanary,
            StrategyKind::AB => Text::StrategyAB,
        },
    )
}

pub fn new_version_name(lang: Lang, v: NewVersion) -> &'static str {
    tr(
        lang,
        match v {
            NewVersion::Healthy => Text::NvHealthy,
            NewVersion::SlowToStart => Text::NvSlowToStart,
            NewVersion::ReadinessFails => Text::NvReadinessFails,
            NewVersion::Crashes => Text::NvCrashes,
            NewVersion::PullError => Text::NvPullError,
            NewVersion::Slow => Text::NvSlow,
            NewVersion::Errors => Text::NvErrors,
            NewVersion::ChangesData => Text::NvChangesData,
        },
    )
}

fn value_of(e: &Event) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>().value()
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>().value()
}

#[function_component(SetupPanel)]
pub fn setup_panel(props: &SetupProps) -> Html {
    let SetupProps { lang, draft, applied, on_edit, on_apply } = props;
    let lang = *lang;
    let t = |key| tr(lang, key);
    let errors = draft.errors();
    let error_of = |f: Field| errors.iter().filter(|(e, _)| *e == f).map(|(_, m)| m.clone()).collect::<Vec<_>>();

    // One callback per knob: its field's value, as a change of the draft.
    let edit = |knob: Knob| {
        let on_edit = on_edit.clone();
        Callback::from(move |value: String| on_edit.emit(KnobEdit::Field(knob, value)))
    };
    // A typed knob: a number, or (for maxSurge and maxUnavailable) a count or a percentage,
    // with the apiserver's messages about it next to it.
    let input = |testid: &'static str, label: Text, field: Field, value: String, knob: Knob| {
        let cb = edit(knob);
        let errs = error_of(field);
        let err_id = format!("{testid}-error");
        let count_or_percent = matches!(field, Field::MaxSurge | Field::MaxUnavailable);
        html! {
            <label class="knob">
                <span>{ t(label) }</span>
                <input type={if count_or_percent { "text" } else { "number" }} data-testid={testid} {value}
                    inputmode={count_or_percent.then_some("numeric")}
                    placeholder={count_or_percent.then(|| t(Text::CountOrPercent))}
                    spellcheck="false" autocomplete="off"
                    aria-invalid={(!errs.is_empty()).to_string()}
                    aria-describedby={(!errs.is_empty()).then(|| err_id.clone())}
                    oninput={Callback::from(move |e: InputEvent| cb.emit(input_value(&e)))} />
                if !errs.is_empty() {
                    <span class="field-error" id={err_id}>{ errs.join(" ") }</span>
                }
            </label>
        }
    };
    // A chosen knob: `options` as (value, what the learner reads, whether it is the current one).
    let select = |testid: &'static str, label: Text, options: Vec<(String, String, bool)>, knob: Knob| {
        let cb = edit(knob);
        html! {
            <label class="knob">
                <span>{ t(label) }</span>
                <select data-testid={testid} onchange={Callback::from(move |e: Event| cb.emit(value_of(&e)))}>
                    { for options.into_iter().map(|(value, name, selected)| html! {
                        <option {value} {selected}>{ name }</option>
                    }) }
                </select>
            </label>
        }
    };

    let strategy = select(
        "strategy",
        Text::Strategy,
        StrategyKind::ALL
            .iter()
            .map(|s| (s.id().into(), strategy_name(lang, *s).into(), *s == draft.strategy))
            .collect(),
        Knob::Strategy,
    );
    // Only the strategies a router carries have the choice: elsewhere it would change nothing.
    let routed = Router::routes(draft.strategy);
    let router = select(
        "router",
        if draft.strategy == StrategyKind::BlueGreen { Text::SwitchBy } else { Text::Router },
        Router::ALL
            .iter()
            .map(|r| (r.id().into(), router_name(lang, draft.strategy, *r).into(), *r == draft.router))
            .collect(),
        Knob::Router,
    );
    let rolling = draft.strategy != StrategyKind::Recreate;
    let resolved = draft.resolved().filter(|_| rolling).map(|(s, u)| {
        resolved_fenceposts(lang, (draft.max_surge.trim(), draft.max_unavailable.trim()), draft.replicas, s, u)
    });
    let pull_policy = select(
        "image-pull-policy",
        Text::ImagePullPolicy,
        [PullPolicy::Always, PullPolicy::IfNotPresent, PullPolicy::Never]
            .iter()
            .map(|p| (format!("{p:?}"), format!("{p:?}"), *p == draft.image_pull_policy))
            .collect(),
        Knob::ImagePullPolicy,
    );
    let new_version = select(
        "new-version",
        Text::NewVersion,
        NewVersion::ALL
            .iter()
            .map(|v| (v.id().into(), new_version_name(lang, *v).into(), *v == draft.new_version))
            .collect(),
        Knob::NewVersion,
    );
    let probes =
        ProbeKind::ALL.iter().map(|kind| probe_fieldset(lang, *kind, draft, on_edit, error_of(Field::Probe(*kind))));
    let pending = draft != applied;
    let apply = {
        let on_apply = on_apply.clone();
        Callback::from(move |_: MouseEvent| on_apply.emit(()))
    };

    html! {
        <section class="setup" aria-labelledby="setup-title">
            <h2 id="setup-title">{ t(Text::Setup) }</h2>
            { strategy }
            if routed {
                { router }
                if draft.router == Router::Ingress && draft.strategy != StrategyKind::BlueGreen {
                    <p class="resolved router-hint" data-testid="router-retired">{ t(Text::RouterHint) }</p>
                }
            }
            { input("replicas", Text::Replicas, Field::Replicas, draft.replicas.to_string(), Knob::Replicas) }
            if rolling {
                { input("max-surge", Text::MaxSurge, Field::MaxSurge, draft.max_surge.clone(), Knob::MaxSurge) }
                { input("max-unavailable", Text::MaxUnavailable, Field::MaxUnavailable, draft.max_unavailable.clone(), Knob::MaxUnavailable) }
                if let Some(r) = resolved {
                    <p class="resolved" data-testid="resolved">{ r }</p>
                }
            }
            { input("min-ready-seconds", Text::MinReadySeconds, Field::MinReadySeconds, draft.min_ready_seconds.to_string(), Knob::MinReadySeconds) }
            { input("progress-deadline-seconds", Text::ProgressDeadlineSeconds, Field::ProgressDeadlineSeconds, draft.progress_deadline_seconds.to_string(), Knob::ProgressDeadlineSeconds) }
            { input("revision-history-limit", Text::RevisionHistoryLimit, Field::RevisionHistoryLimit, draft.revision_history_limit.to_string(), Knob::RevisionHistoryLimit) }
            { pull_policy }
            <fieldset class="probes">
                <legend>{ t(Text::Probes) }</legend>
                { for probes }
            </fieldset>
            { new_version }
            { input("rate", Text::TrafficRate, Field::Rate, draft.rate.to_string(), Knob::Rate) }
            if !errors.is_empty() {
                <div class="setup-errors" role="alert" data-testid="setup-errors">
                    <p>{ t(Text::SetupInvalid) }</p>
                    <ul>{ for errors.iter().map(|(_, m)| html! { <li>{ m.clone() }</li> }) }</ul>
                </div>
            } else if pending {
                <p class="pending">{ t(Text::SetupPending) }</p>
            }
            <button data-testid="apply-setup" onclick={apply} disabled={!errors.is_empty() || !pending}>
                { t(Text::ApplySetup) }
            </button>
        </section>
    }
}

fn probe_fieldset(
    lang: Lang,
    kind: ProbeKind,
    draft: &Knobs,
    on_edit: &Callback<KnobEdit>,
    errors: Vec<String>,
) -> Html {
    let t = |key| tr(lang, key);
    let p = *draft.probe(kind);
    let (title, id) = (probe_title(kind), Field::Probe(kind).testid());
    let set = |field: ProbeField| {
        let on_edit = on_edit.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(n) = input_value(&e).trim().parse::<i32>() {
                on_edit.emit(KnobEdit::Probe(kind, field, n));
            }
        })
    };
    let toggle = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: Event| {
            let enabled = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            on_edit.emit(KnobEdit::ProbeEnabled(kind, enabled));
        })
    };
    let field = |label: Text, suffix: &str, value: i32, probe_field: ProbeField| {
        html! {
            <label class="knob small">
                <span>{ t(label) }</span>
                <input type="number" data-testid={format!("{id}-{suffix}")} value={value.to_string()} oninput={set(probe_field)} />
            </label>
        }
    };
    html! {
        <details class="probe" open={p.enabled}>
            <summary>{ t(title) }{ if p.enabled { " ✓" } else { "" } }</summary>
            <label class="knob check">
                <input type="checkbox" data-testid={id} checked={p.enabled} onchange={toggle} />
                <span>{ t(Text::ProbeEnabled) }</span>
            </label>
            if p.enabled {
                { field(Text::InitialDelaySeconds, "initial-delay", p.initial_delay_seconds, ProbeField::InitialDelaySeconds) }
                { field(Text::PeriodSeconds, "period", p.period_seconds, ProbeField::PeriodSeconds) }
                { field(Text::TimeoutSeconds, "timeout", p.timeout_seconds, ProbeField::TimeoutSeconds) }
                { field(Text::SuccessThreshold, "success", p.success_threshold, ProbeField::SuccessThreshold) }
                { field(Text::FailureThreshold, "failure", p.failure_threshold, ProbeField::FailureThreshold) }
            }
            if !errors.is_empty() {
                <span class="field-error">{ errors.join(" ") }</span>
            }
        </details>
    }
}
