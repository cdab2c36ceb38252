//! The Yew single-page app. Rendering is a pure function of [`state::AppState`]; the engine runs
//! inside the reducer, and the only timer is owned by an effect and cancelled by dropping it.

pub mod state;

use gloo_timers::callback::Interval;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{earlier_events_hidden, tr, Lang, Text};
use state::{Action, AppState};

/// How often the clock is advanced while playing, in wall-clock milliseconds.
const FRAME_MS: u32 = 100;

/// The event log shows this many of the latest events.
const EVENT_LOG_LINES: usize = 200;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

fn browser_lang() -> Lang {
    web_sys::window().and_then(|w| w.navigator().language()).map(|tag| Lang::from_browser_tag(&tag)).unwrap_or_default()
}

/// True when a key event comes from a control that uses the key itself.
fn typed_into_control(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON"))
        .unwrap_or(false)
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(browser_lang()));
    let lang = state.lang;

    // Playing: one timer, dropped (and so cancelled) when play stops or the app unmounts.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.playing, move |playing| {
            let timer = playing.then(|| {
                let steps = FRAME_MS / crate::sim::DEFAULT_TICK.as_millis() as u32;
                Interval::new(FRAME_MS, move || dispatcher.dispatch(Action::Advance(steps.max(1))))
            });
            move || drop(timer)
        });
    }

    // Keyboard: Space toggles play, the right arrow steps.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                if typed_into_control(&e) {
                    return;
                }
                match e.key().as_str() {
                    " " => {
                        e.prevent_default();
                        dispatcher.dispatch(Action::TogglePlay);
                    }
                    "ArrowRight" => {
                        e.prevent_default();
                        dispatcher.dispatch(Action::Step);
                    }
                    _ => {}
                }
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
                }
            }
        });
    }

    // The document's language follows the chosen one, for screen readers and fonts.
    use_effect_with(lang, |lang| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.tag());
        }
    });

    let on = |action: Action| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action))
    };
    let on_lang = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            dispatcher.dispatch(Action::SetLang(if value == "ko" { Lang::Ko } else { Lang::En }));
        })
    };

    let t = |key| tr(lang, key);
    let world = state.run.world();
    let seconds = format!("{:.1}", world.time().as_millis() as f64 / 1000.0);
    let events = world.events();
    let hidden = events.len().saturating_sub(EVENT_LOG_LINES);

    html! {
        <div class="app">
            <header class="app-header">
                <h1>{ "RolloutScope" }</h1>
                <p class="tagline">{ t(Text::Tagline) }</p>
                <label class="lang">
                    <span>{ t(Text::Language) }</span>
                    <select data-testid="lang" onchange={on_lang}>
                        { for Lang::ALL.iter().map(|l| html! {
                            <option value={l.tag()} selected={*l == lang}>{ l.native_name() }</option>
                        }) }
                    </select>
                </label>
            </header>
            <main>
                <section class="time-controls" aria-label={t(Text::SimulatedTime)}>
                    <button data-testid="play" onclick={on(Action::TogglePlay)} aria-pressed={state.playing.to_string()}>
                        { if state.playing { t(Text::Pause) } else { t(Text::Play) } }
                    </button>
                    <button data-testid="step" onclick={on(Action::Step)}>{ t(Text::Step) }</button>
                    <button data-testid="restart" onclick={on(Action::Restart)}>{ t(Text::Restart) }</button>
                    <span class="clock">
                        { t(Text::SimulatedTime) }{ ": " }
                        <output data-testid="sim-time" aria-live="off">{ seconds }</output>{ " s" }
                    </span>
                    <span class="seed">{ t(Text::Seed) }{ ": " }{ state.seed }</span>
                </section>
                <section class="actions">
                    <p class="intro">{ t(Text::ScenarioIntro) }</p>
                    <button data-testid="deploy-new-version" onclick={on(Action::DeployNewVersion)}>
                        { t(Text::DeployNewVersion) }
                    </button>
                    if let Some(answer) = &state.last_answer {
                        <output data-testid="kubectl-answer" class={classes!("answer", answer.is_err().then_some("error"))}>
                            { match answer { Ok(m) | Err(m) => m.clone() } }
                        </output>
                    }
                </section>
                <section class="event-log" data-testid="event-log" aria-label={t(Text::EventLog)}>
                    <h2>{ t(Text::EventLog) }</h2>
                    if events.is_empty() {
                        <p>{ t(Text::NoEventsYet) }</p>
                    } else {
                        if hidden > 0 {
                            <p class="hidden-events">{ earlier_events_hidden(lang, hidden) }</p>
                        }
                        <ol start={(hidden + 1).to_string()}>
                            { for events.since(hidden).map(|e| html! {
                                <li>{ crate::trace::line(e, lang) }</li>
                            }) }
                        </ol>
                    }
                </section>
            </main>
        </div>
    }
}
