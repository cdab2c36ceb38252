//! The Yew single-page app. Rendering is a function of [`crate::page::AppState`], and changes
//! nothing: the state, its actions and the reducer are plain Rust in [`crate::page`], and the
//! engine runs inside the reducer, driven by `requestAnimationFrame` while playing (the frame loop
//! is owned by an effect and cancelled by its cleanup). This module lays the page out; each part
//! is a component of its own, and [`glue`] holds what needs the browser.

pub mod actions;
pub mod chart_panel;
pub mod cluster;
pub mod compare;
pub mod console;
pub mod controls;
pub mod downloads;
pub mod event_log;
pub mod export;
pub mod glue;
pub mod header;
pub mod lesson;
pub mod manifests;
pub mod state;
pub mod sweep;
pub mod time;
pub mod traffic;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{tr, Text};
use crate::page::{facts, Action, AppState, Slot};
use glue::{after_a_turn, now_ms, SLICE_MS};

/// The page's state, as the app's components take it: they read what they show from it and
/// dispatch actions to it.
pub type Page = UseReducerHandle<AppState>;

#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub state: Page,
}

/// Mounts the app on the page's `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

/// The page's engine, the same while the page lives: equal by identity, so that a callback that
/// reads it is made once.
struct SameEngine(Rc<RefCell<crate::session::Engine>>);

impl PartialEq for SameEngine {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let mut state = AppState::open(glue::browser_lang(), &glue::location().hash);
        state.completed = Rc::new(lesson::load_completed());
        state.reduced_motion = glue::prefers_reduced_motion();
        state
    });
    glue::use_clock(&state);
    glue::use_keyboard(&state);
    glue::use_browser_effects(&state);

    // Callbacks made once: a child whose props did not change is not drawn again, and a new
    // callback on every frame would be a change.
    let dispatcher = state.dispatcher();
    let on_edit = use_callback(dispatcher.clone(), |k, d| d.dispatch(Action::Edit(k)));
    let on_apply = use_callback(dispatcher.clone(), |_: (), d| d.dispatch(Action::ApplySetup));
    let on_focus = use_callback(dispatcher.clone(), |f, d| d.dispatch(Action::Focus(f)));
    let on_command = use_callback(dispatcher.clone(), |line, d| d.dispatch(Action::Console(line)));
    let on_interrupt = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::Interrupt));
    let on_lesson = use_callback(dispatcher.clone(), |i, d| d.dispatch(Action::StartLesson(i)));
    let on_action = use_callback(dispatcher, |action, d| d.dispatch(action));
    let complete = use_callback(SameEngine(state.engine.clone()), |line: String, engine| {
        crate::kubectl::complete(engine.0.borrow().world(), &line)
    });
    let yaml_text = manifests::use_panel_text(&state);

    let (lang, embed) = (state.lang, state.embed);
    let engine = state.engine();
    let world = engine.world();
    let focus = cluster::Focus { focused: state.focused.clone(), on_focus };
    let log = event_log::LogHandle {
        log: world.events().clone(),
        run: state.generation_of_setup(),
        drawn: state.drawn.key(Slot::EventLog),
    };
    let page = || state.clone();

    html! {
        <div class={classes!("app", embed.then_some("embed"), state.classroom.then_some("classroom"))}>
            <header::Header state={page()} />
            if let Some(e) = &state.share_error {
                <p class="share-error" role="alert" data-testid="share-error">{ crate::i18n::share_error(lang, e) }</p>
            }
            <div class="layout">
                if !embed {
                    <controls::SetupPanel lang={lang} draft={state.draft.clone()} applied={state.knobs.clone()} {on_edit} {on_apply} />
                }
                <main>
                    if !embed {
                        <lesson::LessonPicker {lang} texts={state.texts.clone()} completed={state.completed.clone()}
                            current={state.tutor.as_ref().map(|t| t.lesson)} on_action={on_action.clone()} />
                    }
                    if let (Some(tutor), false) = (&state.tutor, embed) {
                        <lesson::LessonPanel {lang} texts={state.texts.clone()} tutor={tutor.clone()} reveal={state.reveal()}
                            classroom={state.classroom} on_action={on_action.clone()} />
                    }
                    <time::TimeControls state={page()} />
                    if !embed {
                        <actions::ActionsPanel state={page()} />
                    }
                    { cluster::cluster_view(lang, world, state.knobs.strategy.deployments(), &focus) }
                    <section class="explain" aria-live="polite">
                        <p data-testid="explanation" id="explanation">{ state.explanation().unwrap_or_else(|| tr(lang, Text::Explain).to_string()) }</p>
                    </section>
                    { traffic::traffic_view(lang, world, world.time(), &facts::version_index(world), state.reduced_motion) }
                    if !embed {
                        <>
                            <console::Console {lang} texts={state.texts.clone()} entries={state.shell.entries().clone()} {on_command} {on_interrupt} job={state.job()} {complete} {on_lesson}
                                current_lesson={state.tutor.as_ref().map(|t| t.lesson)} />
                            <manifests::Manifests {lang} text={yaml_text} editing={state.yaml_draft.is_some()} pending={state.pending.clone()}
                                result={state.yaml_result.clone()} on_action={on_action.clone()} />
                            <chart_panel::Charts state={page()} />
                            <downloads::Downloads state={page()} />
                            <event_log::EventLogView {lang} {log} />
                        </>
                    }
                    if !embed {
                        <compare::ComparePanel {lang} knobs={state.knobs.clone()} seed={state.seed} />
                        <sweep::SweepPanel {lang} knobs={state.knobs.clone()} seed={state.seed} />
                    }
                    if let Some(json) = state.engine_state() {
                        <template data-testid="engine-state" data-json={json}></template>
                    }
                    if !embed {
                        <p class="seed">{ tr(lang, Text::Seed) }{ ": " }{ state.seed }</p>
                    }
                </main>
            </div>
        </div>
    }
}
