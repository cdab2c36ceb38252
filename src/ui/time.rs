//! The time controls: play, step, skip, restart, the speed and the time slider, the simulated
//! clock, and sharing the run (the link or the `<iframe>`, made from the moment shown).

use yew::prelude::*;

use super::glue::location;
use super::PageProps;
use crate::i18n::{tr, Text};
use crate::page::{facts, Action, ShareKind, MAX_SPEED, MIN_SPEED};
use crate::sim::{SimTime, DEFAULT_TICK};

#[function_component(TimeControls)]
pub fn time_controls(PageProps { state }: &PageProps) -> Html {
    let lang = state.lang;
    let t = |key| tr(lang, key);
    let on = |action: Action| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action.clone()))
    };
    let on_speed = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            if let Ok(s) = v.parse::<i32>() {
                dispatcher.dispatch(Action::SetSpeed(s));
            }
        })
    };
    let on_seek = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            if let Ok(ms) = v.parse::<f64>() {
                dispatcher.dispatch(Action::Seek(SimTime(ms.max(0.0) as u64)));
            }
        })
    };
    let (now, furthest) = {
        let engine = state.engine();
        (engine.world().time(), facts::slider_end(&engine))
    };
    let seconds = facts::seconds(now);
    let speed = facts::speed_text(state.speed);
    // What the learner asked to share: the link, or the `<iframe>` that embeds the run, titled
    // with the run it shows (its strategy and moment), which is what a screen reader names it by.
    let share_text = state.share_link.as_ref().map(|fragment| {
        let base = location().base;
        match state.share_kind {
            ShareKind::Link => format!("{base}{fragment}"),
            ShareKind::Embed => {
                let strategy = super::controls::strategy_name(lang, state.knobs.strategy);
                crate::share::iframe(&base, fragment, &format!("RolloutScope: {strategy}, {seconds} s"))
            }
        }
    });
    let on_copy = {
        let text = share_text.clone();
        Callback::from(move |_: MouseEvent| {
            if let (Some(text), Some(w)) = (&text, web_sys::window()) {
                // Resolves or fails on its own; the text is also in the field to copy by hand.
                let _ = w.navigator().clipboard().write_text(text);
            }
        })
    };
    let link = state.share_kind == ShareKind::Link;
    let play = super::lesson::Mark::of(state).on(crate::lesson::focus::Spot::Play);
    let slider = super::lesson::Mark::of(state).on(crate::lesson::focus::Spot::Slider);
    html! {
        <section class="time-controls" aria-label={t(Text::SimulatedTime)}>
            <button data-testid="play" class={play.class} data-spot={play.id} data-spot-label={play.label} aria-keyshortcuts="Space" onclick={on(Action::TogglePlay)} aria-pressed={state.playing.to_string()}>
                { if state.playing { t(Text::Pause) } else { t(Text::Play) } }
            </button>
            <button data-testid="step" onclick={on(Action::Step)} title={t(Text::StepHint)} aria-keyshortcuts="ArrowRight">{ t(Text::Step) }</button>
            <button data-testid="skip" onclick={on(Action::Advance(100))}>{ t(Text::Skip10) }</button>
            <button data-testid="restart" onclick={on(Action::Restart)}>{ t(Text::Restart) }</button>
            <label class="speed">
                <span>{ t(Text::Speed) }</span>
                <input type="range" data-testid="speed" min={MIN_SPEED.to_string()} max={MAX_SPEED.to_string()} step="1"
                    value={state.speed.to_string()} oninput={on_speed}
                    aria-valuetext={speed.clone()} />
                <output>{ speed.clone() }</output>
            </label>
            if let Some(achieved) = facts::falling_behind(state) {
                <p class="behind" role="status" data-testid="falling-behind" data-achieved={format!("{achieved:.1}")}>
                    { crate::i18n::falling_behind(lang, achieved, &speed) }
                </p>
            }
            <label class={classes!("slider", slider.class)} data-spot={slider.id} data-spot-label={slider.label}>
                <span>{ t(Text::TimeSlider) }</span>
                <input type="range" data-testid="time-slider" min="0" max={furthest.as_millis().to_string()}
                    step={DEFAULT_TICK.as_millis().to_string()} value={now.as_millis().to_string()} oninput={on_seek}
                    aria-valuetext={format!("{seconds} s")} />
            </label>
            <span class="clock">
                { t(Text::SimulatedTime) }{ ": " }
                <output data-testid="sim-time" aria-live="off">{ seconds.clone() }</output>{ " s" }
            </span>
            if !state.embed {
                <button data-testid="share" onclick={on(Action::Share(ShareKind::Link))}>{ t(Text::Share) }</button>
                <button data-testid="embed" onclick={on(Action::Share(ShareKind::Embed))}>{ t(Text::Embed) }</button>
            }
            if let Some(e) = &state.share_refused {
                <p class="share-error" role="alert" data-testid="share-refused">{ crate::i18n::share_refused(lang, e) }</p>
            }
            if let Some(text) = share_text {
                <label class="share-link">
                    <span>{ t(if link { Text::ShareLink } else { Text::EmbedSnippet }) }</span>
                    <input data-testid="share-link" data-kind={if link { "link" } else { "embed" }}
                        readonly=true value={text}
                        onfocus={Callback::from(|e: FocusEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().select())} />
                </label>
                <button data-testid="copy-link" onclick={on_copy}>
                    { t(if link { Text::CopyLink } else { Text::CopyHtml }) }
                </button>
            }
        </section>
    }
}
