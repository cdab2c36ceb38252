//! The action row: "Deploy a new version", and the kubectl commands and faults a learner tries
//! during a rollout (roll back to a revision, pause, resume, scale, delete a pod, a node down or
//! up, a new build pushed under the same tag), with kubectl's answer to the last one.

use yew::prelude::*;

use super::PageProps;
use crate::i18n::{tr, Text};
use crate::page::{facts, Action};
use crate::setup::Act;

#[function_component(ActionsPanel)]
pub fn actions_panel(PageProps { state }: &PageProps) -> Html {
    let t = |key| tr(state.lang, key);
    let on = |action: Action| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action.clone()))
    };
    let scale_input = use_node_ref();
    let on_scale = {
        let dispatcher = state.dispatcher();
        let input = scale_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                if let Ok(n) = el.value().trim().parse::<i32>() {
                    dispatcher.dispatch(Action::Act(Act::Scale(n)));
                }
            }
        })
    };
    // The revision picked stays picked as revisions are added (0: the previous one).
    let to_revision = use_state(|| 0i64);
    let on_pick = {
        let to_revision = to_revision.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            to_revision.set(value.parse().unwrap_or(0));
        })
    };
    let (revisions, any_node_down) = {
        let engine = state.engine();
        (facts::revisions(state.knobs.strategy, engine.world()), facts::any_node_down(engine.world()))
    };
    // A revision no longer kept (revisionHistoryLimit) falls back to the previous one.
    let picked = Some(*to_revision).filter(|r| revisions.contains(r)).unwrap_or(0);
    let on_rollback = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Act(Act::Undo(picked))))
    };
    html! {
        <section class="actions" aria-label={t(Text::Actions)}>
            <p class="intro">{ t(Text::ScenarioIntro) }</p>
            <button class="primary" data-testid="deploy-new-version" onclick={on(Action::DeployNewVersion)}>
                { t(Text::DeployNewVersion) }
            </button>
            <span class="group">
                <button data-testid="rollback" onclick={on_rollback}>{ t(Text::RollBack) }</button>
                <label>
                    <span class="visually-hidden">{ t(Text::ToRevision) }</span>
                    <select data-testid="rollback-revision" onchange={on_pick}>
                        <option key="0" value="0" selected={picked == 0}>{ t(Text::PreviousRevision) }</option>
                        { for revisions.iter().map(|r| html! {
                            <option key={r.to_string()} value={r.to_string()} selected={picked == *r}>{ format!("{} {r}", t(Text::Revision)) }</option>
                        }) }
                    </select>
                </label>
            </span>
            <button data-testid="pause" onclick={on(Action::Act(Act::PauseRollout))}>{ t(Text::PauseRollout) }</button>
            <button data-testid="resume" onclick={on(Action::Act(Act::ResumeRollout))}>{ t(Text::ResumeRollout) }</button>
            <span class="group">
                <label>
                    <span class="visually-hidden">{ t(Text::Replicas) }</span>
                    <input type="number" data-testid="scale-replicas" ref={scale_input} min="0" value={facts::live_replicas(state).to_string()} />
                </label>
                <button data-testid="scale" onclick={on_scale}>{ t(Text::Scale) }</button>
            </span>
            <button data-testid="delete-pod" onclick={on(Action::Act(Act::DeletePod))}>{ t(Text::DeletePod) }</button>
            if any_node_down {
                <button data-testid="node-up" onclick={on(Action::Act(Act::NodeUp))}>{ t(Text::NodeUp) }</button>
            } else {
                <button data-testid="node-down" onclick={on(Action::Act(Act::NodeDown))}>{ t(Text::NodeDown) }</button>
            }
            <button data-testid="push-same-tag" onclick={on(Action::Act(Act::PushSameTag))}>{ t(Text::PushSameTag) }</button>
            // A line kept for kubectl's answer, so that the first answer does not move the page.
            <p class="answer-line">
                if let Some(answer) = &state.last_answer {
                    <output data-testid="kubectl-answer" class={classes!("answer", answer.is_err().then_some("error"))}>
                        { match answer { Ok(m) | Err(m) => m.clone() } }
                    </output>
                }
            </p>
        </section>
    }
}
