//! The action row: "Deploy a new version", and the kubectl commands and faults a learner tries
//! during a rollout (roll back to a revision, pause, resume, scale, delete a pod, a node down or
//! up, a new build pushed under the same tag), with kubectl's answer to the last one.

use yew::prelude::*;

use super::PageProps;
use crate::i18n::{tr, Text};
use crate::lesson::focus::Spot;
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
    let mark = super::lesson::Mark::of(state);
    // The button a lesson's step asks for is marked (an outline and a label).
    let marked = |spot: Spot| {
        let m = mark.on(spot);
        (m.class, m.id, m.label)
    };
    let (deploy, rollback, pause, resume, scale, delete, node_up, node_down, push) = (
        marked(Spot::Deploy),
        marked(Spot::Act(Act::Undo(0))),
        marked(Spot::Act(Act::PauseRollout)),
        marked(Spot::Act(Act::ResumeRollout)),
        marked(Spot::Act(Act::Scale(0))),
        marked(Spot::Act(Act::DeletePod)),
        marked(Spot::Act(Act::NodeUp)),
        marked(Spot::Act(Act::NodeDown)),
        marked(Spot::Act(Act::PushSameTag)),
    );
    html! {
        <section class="actions" aria-label={t(Text::Actions)}>
            <p class="intro">{ t(Text::ScenarioIntro) }</p>
            <button class={classes!("primary", deploy.0)} data-testid="deploy-new-version" data-spot={deploy.1} data-spot-label={deploy.2} onclick={on(Action::DeployNewVersion)}>
                { t(Text::DeployNewVersion) }
            </button>
            <span class="group">
                <button class={rollback.0} data-testid="rollback" data-spot={rollback.1} data-spot-label={rollback.2} onclick={on_rollback}>{ t(Text::RollBack) }</button>
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
            <button class={pause.0} data-testid="pause" data-spot={pause.1} data-spot-label={pause.2} onclick={on(Action::Act(Act::PauseRollout))}>{ t(Text::PauseRollout) }</button>
            <button class={resume.0} data-testid="resume" data-spot={resume.1} data-spot-label={resume.2} onclick={on(Action::Act(Act::ResumeRollout))}>{ t(Text::ResumeRollout) }</button>
            <span class="group">
                <label>
                    <span class="visually-hidden">{ t(Text::Replicas) }</span>
                    <input type="number" data-testid="scale-replicas" ref={scale_input} min="0" value={facts::live_replicas(state).to_string()} />
                </label>
                <button class={scale.0} data-testid="scale" data-spot={scale.1} data-spot-label={scale.2} onclick={on_scale}>{ t(Text::Scale) }</button>
            </span>
            <button class={delete.0} data-testid="delete-pod" data-spot={delete.1} data-spot-label={delete.2} onclick={on(Action::Act(Act::DeletePod))}>{ t(Text::DeletePod) }</button>
            if any_node_down {
                <button class={node_up.0} data-testid="node-up" data-spot={node_up.1} data-spot-label={node_up.2} onclick={on(Action::Act(Act::NodeUp))}>{ t(Text::NodeUp) }</button>
            } else {
                <button class={node_down.0} data-testid="node-down" data-spot={node_down.1} data-spot-label={node_down.2} onclick={on(Action::Act(Act::NodeDown))}>{ t(Text::NodeDown) }</button>
            }
            <button class={push.0} data-testid="push-same-tag" data-spot={push.1} data-spot-label={push.2} onclick={on(Action::Act(Act::PushSameTag))}>{ t(Text::PushSameTag) }</button>
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
