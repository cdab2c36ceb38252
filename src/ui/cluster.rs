//! The cluster view: each Deployment of the strategy with its conditions and what `kubectl rollout
//! status` would print, its ReplicaSets grouped by revision (newest first) with desired / current
//! / ready / available, and every pod of each. Version is shown by colour, by shape and by its tag;
//! Ready is a filled shape, Available a ✓, terminating a faded, struck pod.

use std::collections::BTreeMap;

use yew::prelude::*;

use crate::charts::{css_colour, version_colour};
use crate::i18n::{pod_label, replica_set_explanation, tr, Lang, Text};
use crate::kubectl::rollout_status;
use crate::page::facts::{pod_view, tag, version_index, PodView};
use crate::sim::objects::{Deployment, Pod, ReplicaSet};
use crate::sim::World;

#[derive(Clone, PartialEq)]
pub struct Focus {
    pub focused: Option<String>,
    pub on_focus: Callback<Option<String>>,
}

/// `mark`: the lesson's mark (the pods, or the ReplicaSets, when a step talks about them).
pub fn cluster_view(lang: Lang, w: &World, deployments: &[&str], focus: &Focus, mark: super::lesson::Mark) -> Html {
    let versions = version_index(w);
    let pods = mark.on(crate::lesson::focus::Spot::Pods);
    let rs = mark.on(crate::lesson::focus::Spot::ReplicaSets);
    let rs = (rs.class, rs.id, rs.label);
    html! {
        <section class={classes!("cluster", pods.class)} data-spot={pods.id} data-spot-label={pods.label} aria-labelledby="cluster-title">
            <h2 id="cluster-title">{ tr(lang, Text::Cluster) }</h2>
            <p class="legend">{ tr(lang, Text::Legend) }</p>
            <div class="deployments">
                { for deployments.iter().filter_map(|name| w.deployments.get(*name)).map(|d| deployment_card(lang, w, d, &versions, focus, rs)) }
            </div>
            { orphans(lang, w, &versions, focus) }
        </section>
    }
}

/// Pods no ReplicaSet owns (labelled out of their selector with `kubectl label`): they run on,
/// and the Service still sends them requests if its selector matches them.
fn orphans(lang: Lang, w: &World, versions: &BTreeMap<String, usize>, focus: &Focus) -> Html {
    let pods: Vec<&Pod> = w.pods.values().filter(|p| p.metadata.owner.is_none()).collect();
    if pods.is_empty() {
        return Html::default();
    }
    // One list per version, so that each tile has its version's shape and colour.
    let mut by_version: BTreeMap<usize, Vec<&Pod>> = BTreeMap::new();
    for p in pods {
        by_version.entry(versions.get(p.image()).copied().unwrap_or(0)).or_default().push(p);
    }
    html! {
        <section class="orphans" data-testid="orphans" aria-labelledby="orphans-title">
            <h3 id="orphans-title">{ tr(lang, Text::Orphans) }</h3>
            <p class="intro">{ tr(lang, Text::OrphansIntro) }</p>
            { for by_version.into_iter().map(|(v, pods)| html! {
                <div style={format!("--version: {}", css_colour(version_colour(v)))}>
                    <RsPods {lang} version={v} compact={w.pods.len() > COMPACT_OVER}
                        selected={focus.focused.clone().filter(|f| pods.iter().any(|p| p.metadata.name == *f))}
                        pods={pods.iter().map(|p| pod_view(w, 0, p)).collect::<Vec<_>>()}
                        on_focus={focus.on_focus.clone()} rs={String::new()} />
                </div>
            }) }
        </section>
    }
}

/// `rs_mark`: the lesson's mark on the ReplicaSets (class, `data-spot`, label), if any.
type RsMark = (Option<&'static str>, Option<&'static str>, Option<&'static str>);

fn deployment_card(
    lang: Lang,
    w: &World,
    d: &Deployment,
    versions: &BTreeMap<String, usize>,
    focus: &Focus,
    rs_mark: RsMark,
) -> Html {
    let t = |key| tr(lang, key);
    let mut rss = w.replica_sets_of(&d.metadata.name);
    rss.sort_by_key(|rs| std::cmp::Reverse(rs.revision()));
    let status = match rollout_status(d) {
        Ok((line, done)) => {
            html! { <code class={classes!("rollout-status", done.then_some("done"))} data-testid="rollout-status">{ line }</code> }
        }
        Err(e) => html! { <code class="rollout-status error" data-testid="rollout-status">{ e }</code> },
    };
    html! {
        <article class="deployment" data-testid="deployment" data-name={d.metadata.name.clone()}>
            <h3>{ format!("deployment.apps/{}", d.metadata.name) }</h3>
            <p class="deployment-spec">
                { format!("replicas {} · {} · minReadySeconds {}", d.spec.replicas, strategy_text(d), d.spec.min_ready_seconds) }
                if d.spec.paused { <strong class="paused">{ " · paused" }</strong> }
            </p>
            <ol class={classes!("replicasets", rs_mark.0)} data-spot={rs_mark.1} data-spot-label={rs_mark.2}>
                { for rss.iter().map(|rs| replica_set_row(lang, w, d, rs, versions, focus)) }
            </ol>
            <div class="conditions" aria-label={t(Text::Conditions)}>
                <span class="label">{ t(Text::Conditions) }{ ": " }</span>
                { for d.status.conditions.iter().map(|c| html! {
                    <span class={classes!("condition", format!("{:?}", c.status).to_lowercase())} data-testid="condition"
                        data-type={c.kind.to_string()} data-status={format!("{:?}", c.status)} data-reason={c.reason.clone()}
                        title={c.message.clone()}>
                        { format!("{} {:?} ({})", c.kind, c.status, c.reason) }
                    </span>
                }) }
            </div>
            <p class="status-line"><span class="label">{ t(Text::RolloutStatus) }{ ": " }</span>{ status }</p>
        </article>
    }
}

fn strategy_text(d: &Deployment) -> String {
    match &d.spec.strategy {
        crate::sim::objects::Strategy::Recreate => "Recreate".into(),
        crate::sim::objects::Strategy::RollingUpdate { max_surge, max_unavailable } => format!(
            "RollingUpdate maxSurge {} maxUnavailable {}",
            max_surge.map_or("-".into(), |v| v.to_string()),
            max_unavailable.map_or("-".into(), |v| v.to_string())
        ),
    }
}

/// Focus on a ReplicaSet's row, or the pointer over it but not over one of its pods (whose own
/// handler explains the pod: `mouseover` bubbles from the pod first, and `mouseenter` on the row
/// would come after it and win).
fn focus_handlers(focus: &Focus, name: &str) -> (Callback<FocusEvent>, Callback<MouseEvent>) {
    let (a, b) = (focus.on_focus.clone(), focus.on_focus.clone());
    let (n1, n2) = (name.to_string(), name.to_string());
    let shown = focus.focused.as_deref() == Some(name);
    (
        Callback::from(move |e: FocusEvent| {
            if over_pod(e.target()).is_none() {
                a.emit(Some(n1.clone()));
            }
        }),
        Callback::from(move |e: MouseEvent| {
            if !shown && over_pod(e.target()).is_none() {
                b.emit(Some(n2.clone()));
            }
        }),
    )
}

/// The name of the pod tile an event happened on, if any.
fn over_pod(target: Option<web_sys::EventTarget>) -> Option<String> {
    use wasm_bindgen::JsCast;
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    el.closest("[data-testid='pod']").ok()??.get_attribute("data-name")
}

fn replica_set_row(
    lang: Lang,
    w: &World,
    d: &Deployment,
    rs: &ReplicaSet,
    versions: &BTreeMap<String, usize>,
    focus: &Focus,
) -> Html {
    let t = |key| tr(lang, key);
    let image = rs.spec.template.image();
    let v = versions.get(image).copied().unwrap_or(0);
    let mut pods: Vec<&Pod> =
        w.pods.values().filter(|p| p.metadata.owner.as_deref() == Some(rs.metadata.name.as_str())).collect();
    // In the order they were created: a pod that starts terminating stays where it is.
    pods.sort_by_key(|p| (p.metadata.creation_timestamp, p.metadata.uid));
    let explanation = replica_set_explanation(lang, rs);
    let (onfocus, onmouseenter) = focus_handlers(focus, &rs.metadata.name);
    let selected = focus.focused.as_deref() == Some(rs.metadata.name.as_str());
    html! {
        <li class={classes!("replicaset", selected.then_some("selected"), pods.is_empty().then_some("empty"))} data-testid="replicaset"
            data-name={rs.metadata.name.clone()} data-revision={rs.revision().to_string()}
            data-desired={rs.spec.replicas.to_string()} data-current={rs.status.replicas.to_string()}
            data-ready={rs.status.ready_replicas.to_string()} data-available={rs.status.available_replicas.to_string()}
            tabindex="0" title={explanation.clone()} aria-label={explanation} {onfocus} onmouseover={onmouseenter}
            style={format!("--version: {}", css_colour(version_colour(v)))}>
            <div class="rs-head">
                <span class={classes!("version-badge", format!("shape-{}", v % 4))}>{ tag(image) }</span>
                <span class="rs-name">{ format!("rs/{}", rs.metadata.name) }</span>
                <span class="rs-rev">{ format!("{} {}", t(Text::Revision), rs.revision()) }</span>
                <span class="rs-counts">
                    { format!("{} {} · {} {} · {} {} · {} {}",
                        t(Text::Desired), rs.spec.replicas, t(Text::Current), rs.status.replicas,
                        t(Text::ReadyWord), rs.status.ready_replicas, t(Text::AvailableWord), rs.status.available_replicas) }
                </span>
            </div>
            if pods.is_empty() {
                <p class="no-pods">{ t(Text::NoPods) }</p>
            } else {
                <RsPods {lang} version={v} compact={w.pods.len() > COMPACT_OVER}
                    selected={focus.focused.clone().filter(|f| pods.iter().any(|p| p.metadata.name == *f))}
                    pods={pods.iter().map(|p| pod_view(w, d.spec.min_ready_seconds, p)).collect::<Vec<_>>()}
                    on_focus={focus.on_focus.clone()} rs={rs.metadata.name.clone()} />
            }
        </li>
    }
}

/// Past this many pods in view, tiles are compact: the shape alone, the rest in the explanation.
const COMPACT_OVER: usize = 60;

#[derive(Properties, PartialEq)]
pub struct RsPodsProps {
    pub lang: Lang,
    pub rs: String,
    pub version: usize,
    pub compact: bool,
    /// The focused pod, when it is one of these.
    pub selected: Option<String>,
    pub pods: Vec<PodView>,
    pub on_focus: Callback<Option<String>>,
}

/// The pods of one ReplicaSet: drawn again only when one of them looks different. Focus and hover
/// are handled once for the list (the tile's name is on it), not by a handler per tile.
#[function_component(RsPods)]
pub fn rs_pods(props: &RsPodsProps) -> Html {
    let onfocusin = {
        let (cb, selected) = (props.on_focus.clone(), props.selected.clone());
        Callback::from(move |e: FocusEvent| {
            if let Some(name) = over_pod(e.target()).filter(|n| Some(n) != selected.as_ref()) {
                cb.emit(Some(name));
            }
        })
    };
    let onmouseover = {
        let (cb, selected) = (props.on_focus.clone(), props.selected.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some(name) = over_pod(e.target()).filter(|n| Some(n) != selected.as_ref()) {
                cb.emit(Some(name));
            }
        })
    };
    html! {
        <ul class={classes!("pods", props.compact.then_some("compact"))} {onfocusin} {onmouseover}>
            { for props.pods.iter().map(|p| tile(props, p)) }
        </ul>
    }
}

fn tile(props: &RsPodsProps, p: &PodView) -> Html {
    // Short, for a screen reader moving through the pods; the whole explanation is read from the
    // explanation panel, which follows focus and hover.
    let label = pod_label(props.lang, &p.name, tag(&p.image), &p.status, p.ready, p.available);
    let class = classes!(
        "pod",
        format!("shape-{}", props.version % 4),
        p.ready.then_some("ready"),
        p.available.then_some("available"),
        p.terminating.then_some("terminating"),
        p.node_down.then_some("node-down"),
        props.compact.then_some("compact"),
        (props.selected.as_deref() == Some(p.name.as_str())).then_some("selected"),
    );
    html! {
        <li key={p.name.clone()} {class} data-testid="pod" data-name={p.name.clone()} data-rs={props.rs.clone()}
            data-phase={p.phase.clone()} data-ready={p.ready.to_string()}
            data-available={p.available.to_string()} data-image={p.image.clone()}
            data-terminating={p.terminating.to_string()}
            tabindex="0" aria-label={label} aria-describedby="explanation">
            // A compact tile is the element alone: its shape and ✓ are drawn by the stylesheet, so a
            // big rollout changes one element per pod, not four.
            if !props.compact {
                <span class="shape" aria-hidden="true"></span>
                <span class="pod-tag">{ tag(&p.image) }</span>
                <span class="pod-status">{ p.status.clone() }</span>
                <span class="pod-node">{ p.node.clone() }</span>
                if p.available { <span class="pod-available" aria-hidden="true">{ "✓" }</span> }
            }
            if p.restarts > 0 { <span class="pod-restarts">{ format!("↻{}", p.restarts) }</span> }
        </li>
    }
}
