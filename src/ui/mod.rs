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
pub mod panes;
pub mod state;
pub mod sweep;
pub mod time;
pub mod traffic;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{tr, Text};
use crate::page::{facts, Action, AppState, Pane, Slot};
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
        state.offer_resume(lesson::load_place().as_deref());
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

    let pane = state.pane;
    let mark = lesson::Mark::of(&state);
    let (terminal_mark, charts_mark, setup_mark, explain_mark) = (
        mark.on(crate::lesson::focus::Spot::Terminal),
        mark.on(crate::lesson::focus::Spot::Charts),
        mark.on(crate::lesson::focus::Spot::Setup),
        mark.on(crate::lesson::focus::Spot::Explanation),
    );
    let shown = |p: Pane| pane == p;
    let pane_attrs = |p: Pane| (format!("pane-{}", p.id()), format!("tab-{}", p.id()));

    // The stage (the cluster and its traffic, with the time controls and the actions docked to
    // it) fills the screen's height and never scrolls away; the setup, the lesson and the panes
    // (terminal, YAML, events, charts, compare, sweep) sit beside it and scroll inside themselves.
    html! {
        <div class={classes!("app", embed.then_some("embed"), state.classroom.then_some("classroom"), state.setup_open.then_some("setup-open"))}>
            if !embed {
                <a class="skip-link" href="#stage">{ tr(lang, Text::SkipToStage) }</a>
            }
            <header::Header state={page()} />
            if let Some(e) = &state.share_error {
                <p class="share-error" role="alert" data-testid="share-error">{ crate::i18n::share_error(lang, e) }</p>
            }
            <main class="workspace">
                <div class="stage" id="stage" tabindex="-1" data-testid="stage">
                    if let Some(opening) = &state.opening {
                        <div class="opening" role="status" data-testid="opening">
                            <progress max={opening.progress().1.as_millis().to_string()} value={opening.progress().0.as_millis().to_string()}
                                aria-label={crate::i18n::opening_link(lang, opening.progress().0, opening.progress().1)}></progress>
                            <span>{ crate::i18n::opening_link(lang, opening.progress().0, opening.progress().1) }</span>
                        </div>
                    }
                    <div class="dock" inert={state.opening.is_some()}>
                        <time::TimeControls state={page()} />
                        if !embed {
                            <actions::ActionsPanel state={page()} />
                        }
                    </div>
                    <div class="stage-view">
                        { cluster::cluster_view(lang, world, state.knobs.strategy.deployments(), &focus, mark) }
                        <div class="stage-aside">
                            <section class={classes!("explain", explain_mark.class)} data-spot={explain_mark.id} data-spot-label={explain_mark.label} aria-live="polite">
                                <p data-testid="explanation" id="explanation">{ state.explanation().unwrap_or_else(|| tr(lang, Text::Explain).to_string()) }</p>
                            </section>
                            { traffic::traffic_view(lang, world, world.time(), &facts::version_index(world), state.reduced_motion, mark) }
                        </div>
                    </div>
                </div>
                if !embed {
                    <div class="side">
                        <div class={classes!("setup-drawer", setup_mark.class)} id="setup-drawer" hidden={!state.setup_open}
                            data-spot={setup_mark.id} data-spot-label={setup_mark.label}>
                            <button class="close-setup" data-testid="setup-close" aria-controls="setup-drawer"
                                onclick={let d = state.dispatcher(); Callback::from(move |_: MouseEvent| d.dispatch(Action::SetupOpen(false)))}>
                                <span aria-hidden="true">{ "✕ " }</span>{ tr(lang, Text::CloseSetup) }
                            </button>
                            <controls::SetupPanel lang={lang} draft={state.draft.clone()} applied={state.knobs.clone()} {on_edit} {on_apply} />
                        </div>
                        <div class="lesson-area">
                            if let Some(place) = state.resume.as_ref().and_then(|r| r.lesson.as_ref()) {
                                <lesson::ResumeOffer {lang} texts={state.texts.clone()} lesson={place.lesson} step={place.step}
                                    on_action={on_action.clone()} />
                            }
                            if let Some(tutor) = &state.tutor {
                                <lesson::LessonPanel {lang} texts={state.texts.clone()} tutor={tutor.clone()} reveal={state.reveal()}
                                    classroom={state.classroom} on_action={on_action.clone()} />
                            }
                            <lesson::LessonPicker {lang} texts={state.texts.clone()} completed={state.completed.clone()}
                                current={state.tutor.as_ref().map(|t| t.lesson)} on_action={on_action.clone()} />
                        </div>
                        <section class="panes" aria-label={tr(lang, Text::Panes)}>
                            <panes::PaneTabs {lang} {pane} {mark} on_action={on_action.clone()} />
                            <div class={classes!("pane", terminal_mark.class)} data-spot={terminal_mark.id} data-spot-label={terminal_mark.label} role="tabpanel" id={pane_attrs(Pane::Terminal).0} aria-labelledby={pane_attrs(Pane::Terminal).1} hidden={!shown(Pane::Terminal)}>
                                <console::Console {lang} texts={state.texts.clone()} entries={state.shell.entries().clone()} {on_command} {on_interrupt} job={state.job()} {complete} {on_lesson}
                                    current_lesson={state.tutor.as_ref().map(|t| t.lesson)} fill={state.console_fill.clone()} />
                            </div>
                            <div class="pane" role="tabpanel" id={pane_attrs(Pane::Yaml).0} aria-labelledby={pane_attrs(Pane::Yaml).1} hidden={!shown(Pane::Yaml)}>
                                <manifests::Manifests {lang} text={yaml_text} editing={state.yaml_draft.is_some()} pending={state.pending.clone()}
                                    result={state.yaml_result.clone()} on_action={on_action.clone()} />
                            </div>
                            <div class="pane" role="tabpanel" id={pane_attrs(Pane::Events).0} aria-labelledby={pane_attrs(Pane::Events).1} hidden={!shown(Pane::Events)}>
                                <event_log::EventLogView {lang} {log} />
                            </div>
                            <div class={classes!("pane", charts_mark.class)} data-spot={charts_mark.id} data-spot-label={charts_mark.label} role="tabpanel" id={pane_attrs(Pane::Charts).0} aria-labelledby={pane_attrs(Pane::Charts).1} hidden={!shown(Pane::Charts)}>
                                <chart_panel::Charts state={page()} />
                                <downloads::Downloads state={page()} />
                                <p class="seed">{ tr(lang, Text::Seed) }{ ": " }{ state.seed }</p>
                            </div>
                            <div class="pane" role="tabpanel" id={pane_attrs(Pane::Compare).0} aria-labelledby={pane_attrs(Pane::Compare).1} hidden={!shown(Pane::Compare)}>
                                <compare::ComparePanel {lang} knobs={state.knobs.clone()} seed={state.seed} />
                            </div>
                            <div class="pane" role="tabpanel" id={pane_attrs(Pane::Sweep).0} aria-labelledby={pane_attrs(Pane::Sweep).1} hidden={!shown(Pane::Sweep)}>
                                <sweep::SweepPanel {lang} knobs={state.knobs.clone()} seed={state.seed} />
                            </div>
                        </section>
                    </div>
                }
                if let Some(json) = state.engine_state() {
                    <template data-testid="engine-state" data-json={json}></template>
                }
            </main>
        </div>
    }
}
