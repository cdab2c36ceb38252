//! The Yew single-page app. Rendering is a pure function of [`state::AppState`]; the engine runs
//! inside the reducer, driven by `requestAnimationFrame` while playing (the frame loop is owned by
//! an effect and cancelled by its cleanup).

pub mod cluster;
pub mod compare;
pub mod console;
pub mod controls;
pub mod export;
pub mod lesson;
pub mod manifests;
pub mod state;
pub mod sweep;
pub mod traffic;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::charts::{self, css_colour, version_colour, Bounds};
use crate::i18n::{earlier_events_hidden, tr, Lang, Text};
use crate::setup::{live_deployment, Act};
use crate::sim::deployment::util;
use crate::sim::sample::Sample;
use crate::sim::{SimTime, DEFAULT_TICK};
use state::{Action, AppState, ShareKind, MAX_SPEED, MIN_SLIDER_SPAN, MIN_SPEED};

/// How often the clock moves while playing with reduced motion, in milliseconds.
const REDUCED_MOTION_MS: u32 = 250;

/// The charts' size in CSS pixels (they scale with the page; a PNG has twice as many pixels).
const CHART_SIZE: (u32, u32) = (560, 220);

/// While playing, the charts and the event log are drawn again once every this many frames.
const REFRESH_FRAMES: u64 = 30;

/// The event log shows this many of the latest events.
const EVENT_LOG_LINES: usize = 100;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

fn browser_lang() -> Lang {
    web_sys::window().and_then(|w| w.navigator().language()).map(|tag| Lang::from_browser_tag(&tag)).unwrap_or_default()
}

/// The page's address, in pieces: what is before the fragment, and the fragment (`#…` or "").
struct PageLocation {
    base: String,
    hash: String,
}

fn location() -> PageLocation {
    let l = web_sys::window().map(|w| w.location());
    let get = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        l.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
    };
    let href = get(web_sys::Location::href);
    let hash = get(web_sys::Location::hash);
    let base = href.strip_suffix(&hash).unwrap_or(&href).trim_end_matches('#').to_string();
    PageLocation { base, hash }
}

/// The page's engine, the same while the page lives: equal by identity, so that a callback that
/// reads it is made once.
struct SameEngine(Rc<RefCell<crate::session::Engine>>);

impl PartialEq for SameEngine {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// About how long one slice of long work (a comparison, a sweep) may take, in milliseconds.
const SLICE_MS: f64 = 12.0;

/// Milliseconds on the page's clock (`performance.now()`).
fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Runs `next` once the page has had its turn: long work goes on in slices this way, so that the
/// page keeps answering (it draws and handles input between two slices).
///
/// The turn is a message the page posts to itself, not a zero-delay timeout: browsers hold nested
/// timeouts back at least 4 ms (the HTML standard's clamping), which made a sweep of a hundred
/// slices spend 400 ms waiting.
fn after_a_turn(next: impl FnOnce() + 'static) {
    thread_local! {
        static TURNS: Option<Turns> = Turns::new();
    }
    TURNS.with(|turns| match turns {
        Some(turns) => turns.then(Box::new(next)),
        // No MessageChannel: a timeout still works, only later.
        None => {
            let next = Closure::once_into_js(next);
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback(next.unchecked_ref());
            }
        }
    });
}

/// Callbacks waiting for their turn, oldest first.
type Waiting = Rc<RefCell<VecDeque<Box<dyn FnOnce()>>>>;

/// One message channel for every turn: each message posted runs the oldest waiting callback.
struct Turns {
    port: web_sys::MessagePort,
    waiting: Waiting,
    _on_message: Closure<dyn FnMut()>,
}

impl Turns {
    fn new() -> Option<Self> {
        let channel = web_sys::MessageChannel::new().ok()?;
        let waiting = Waiting::default();
        let on_message = {
            let waiting = waiting.clone();
            // Taken out before it runs, so that it may ask for another turn.
            Closure::<dyn FnMut()>::new(move || {
                let next = waiting.borrow_mut().pop_front();
                if let Some(next) = next {
                    next();
                }
            })
        };
        channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Turns { port: channel.port2(), waiting, _on_message: on_message })
    }

    fn then(&self, next: Box<dyn FnOnce()>) {
        self.waiting.borrow_mut().push_back(next);
        if self.port.post_message(&JsValue::NULL).is_err() {
            // Not posted: run it at once rather than never.
            let next = self.waiting.borrow_mut().pop_back();
            if let Some(next) = next {
                next();
            }
        }
    }
}

/// True while the page is in classroom mode (the key listener, made once, asks the page).
fn in_classroom() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".app.classroom").ok().flatten())
        .is_some()
}

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// True when a key event comes from a field that takes typed text.
fn typed_into_field(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

/// True when a key event comes from a control that uses the key itself.
fn typed_into_control(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON" | "SUMMARY"))
        .unwrap_or(false)
}

/// Runs `on_frame(milliseconds since the previous frame)` on every animation frame while `active`.
#[hook]
fn use_animation_frames(active: bool, on_frame: Callback<f64>) {
    use_effect_with(active, move |active| {
        let window = web_sys::window();
        let handle = Rc::new(Cell::new(None::<i32>));
        type Frame = Closure<dyn FnMut(f64)>;
        let closure: Rc<RefCell<Option<Frame>>> = Rc::new(RefCell::new(None));
        if *active {
            if let Some(window) = window.clone() {
                let (handle2, closure2, window2) = (handle.clone(), closure.clone(), window.clone());
                let last = Cell::new(None::<f64>);
                *closure.borrow_mut() = Some(Closure::new(move |ts: f64| {
                    let dt = last.get().map_or(0.0, |l| ts - l);
                    last.set(Some(ts));
                    on_frame.emit(dt);
                    if let Some(f) = closure2.borrow().as_ref() {
                        handle2.set(window2.request_animation_frame(f.as_ref().unchecked_ref()).ok());
                    }
                }));
                if let Some(f) = closure.borrow().as_ref() {
                    handle.set(window.request_animation_frame(f.as_ref().unchecked_ref()).ok());
                }
            }
        }
        move || {
            if let (Some(w), Some(id)) = (window, handle.get()) {
                let _ = w.cancel_animation_frame(id);
            }
            // Breaks the closure's reference to itself.
            closure.borrow_mut().take();
        }
    });
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let mut state = AppState::open(browser_lang(), &location().hash);
        state.completed = Rc::new(lesson::load_completed());
        state
    });
    let lang = state.lang;
    let reduced_motion = use_memo((), |_| prefers_reduced_motion());

    // Playing moves the clock on every animation frame; when the learner asks for less motion,
    // four calm updates a second instead.
    {
        let dispatcher = state.dispatcher();
        use_animation_frames(
            state.playing && !*reduced_motion,
            Callback::from(move |dt| dispatcher.dispatch(Action::Frame(dt))),
        );
    }
    {
        let dispatcher = state.dispatcher();
        use_effect_with((state.playing, *reduced_motion), move |(playing, reduced)| {
            let timer = (*playing && *reduced).then(|| {
                Interval::new(REDUCED_MOTION_MS, move || {
                    dispatcher.dispatch(Action::Frame(f64::from(REDUCED_MOTION_MS)))
                })
            });
            move || drop(timer)
        });
    }

    // Keyboard: Space toggles play, the arrows step forward and back.
    {
        let dispatcher = state.dispatcher();
        let engine = state.engine.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                // A presenter's clicker sends PageDown. A button keeps the focus after a click
                // and does nothing with that key, so the key works there too.
                if matches!(e.key().as_str(), "PageDown" | "n" | "N") && !typed_into_field(&e) && in_classroom() {
                    e.prevent_default();
                    dispatcher.dispatch(Action::ClassroomKey);
                    return;
                }
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
                    "ArrowLeft" => {
                        e.prevent_default();
                        let now = engine.borrow().world().time();
                        dispatcher.dispatch(Action::Seek(SimTime(now.0.saturating_sub(DEFAULT_TICK.as_millis()))));
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

    // A link made to the run becomes the page's address too (replacing it: Back still leaves the
    // page), so that a bookmark or the address bar shares the same moment.
    use_effect_with(state.share_link.clone(), |link| {
        // (Never when embedded: there is no button for it there.)
        if let (Some(link), Some(history)) = (link, web_sys::window().and_then(|w| w.history().ok())) {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(link));
        }
    });

    // The lessons' words arrive after the first render (never in an embedded run, which has no
    // lessons).
    {
        let (dispatcher, embed) = (state.dispatcher(), state.embed);
        use_effect_with((), move |_| {
            if !embed {
                lesson::fetch_texts(Callback::from(move |file| dispatcher.dispatch(Action::LessonTexts(file))));
            }
        });
    }

    // The lessons finished are kept in the browser.
    use_effect_with(state.completed.clone(), |done| lesson::save_completed(done));

    // The document's language follows the chosen one, for screen readers and fonts.
    use_effect_with(lang, |lang| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.tag());
        }
    });

    let on = |action: Action| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action.clone()))
    };
    let on_lang = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            dispatcher.dispatch(Action::SetLang(if value == "ko" { Lang::Ko } else { Lang::En }));
        })
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
    let focus = cluster::Focus { focused: state.focused.clone(), on_focus };
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
    let revision_select = use_node_ref();
    let on_rollback = {
        let dispatcher = state.dispatcher();
        let select = revision_select.clone();
        Callback::from(move |_: MouseEvent| {
            let to =
                select.cast::<web_sys::HtmlSelectElement>().and_then(|s| s.value().parse::<i64>().ok()).unwrap_or(0);
            dispatcher.dispatch(Action::Act(Act::Undo(to)));
        })
    };

    // What the learner asked to share: the link, or the `<iframe>` that embeds the run.
    let share_text = state.share_link.as_ref().map(|fragment| {
        let base = location().base;
        match state.share_kind {
            ShareKind::Link => format!("{base}{fragment}"),
            ShareKind::Embed => {
                crate::share::iframe(&base, fragment, &format!("RolloutScope: {}", tr(lang, Text::Tagline)))
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
    // The run's trace so far, in the shape `rolloutscope simulate --format json` prints.
    let on_download_trace = {
        let engine = state.engine.clone();
        Callback::from(move |_: MouseEvent| {
            let engine = engine.borrow();
            let now = engine.world().time();
            let json = crate::trace::json(engine.world().events(), engine.samples_so_far(), lang);
            let name = format!("rolloutscope-trace-{:.1}s.json", now.as_millis() as f64 / 1000.0);
            report(export::text(&name, "application/json", &json.to_string()));
        })
    };
    // The run as a scenario file, and as a script for a real cluster made from that file.
    let on_download_run = |script: bool| {
        let (knobs, seed, engine) = (state.knobs.clone(), state.seed, state.engine.clone());
        Callback::from(move |_: MouseEvent| {
            let file = crate::scenario_file::of_run(&knobs, seed, &engine.borrow().timeline);
            let name = crate::scenario_file::file_name(&knobs, "yaml");
            if script {
                let made_by = "RolloutScope (\"try it on a real cluster\")";
                match crate::real_cluster::script(&file, &name, made_by) {
                    Ok(sh) => report(export::text(&name.replace(".yaml", ".sh"), "text/x-shellscript", &sh)),
                    Err(e) => report(Err(wasm_bindgen::JsValue::from_str(&e))),
                }
            } else {
                report(export::text(&name, "application/yaml", &crate::scenario_file::text(&file)));
            }
        })
    };
    // Embedded, "open in the full tool" opens the run as it is when clicked: the link is made then.
    let on_open_full = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| {
            let href = format!("{}{}", location().base, crate::share::fragment(&state.shared()));
            // (Yew listens at the root: the link is found from the event's target.)
            let link = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a").ok().flatten());
            if let Some(a) = link {
                let _ = a.set_attribute("href", &href);
            }
        })
    };

    let t = |key| tr(lang, key);
    let engine = state.engine();
    let world = engine.world();
    let now = world.time();
    let seconds = format!("{:.1}", now.as_millis() as f64 / 1000.0);
    let furthest = engine.furthest().max(SimTime::ZERO + MIN_SLIDER_SPAN);
    let strategy = state.knobs.strategy;
    let deployments = strategy.deployments();
    let live = live_deployment(strategy, world);
    let versions = cluster::version_index(world);
    let mut revisions: Vec<i64> = world.replica_sets_of(&live).iter().map(|rs| rs.revision()).collect();
    revisions.sort_unstable_by(|a, b| b.cmp(a));
    let any_node_down = world.nodes.values().any(|n| n.kubelet_stopped_at.is_some());

    // The charts change once a simulated second, the event log with each event: paused, they are
    // drawn again whenever they change. While playing, each of the two charts and the event log is
    // drawn again about twice a second of wall time, each on a frame of its own (starting to play
    // included), so that their work never adds up in one frame. `view_key(slot, len)` is what view
    // `slot` shows: the second and the length (of the samples or the log) it was last drawn at.
    let current_second = now.whole_secs() as usize;
    // With reduced motion a "frame" is one of the four calm updates a second.
    let period = if *reduced_motion { 3 } else { REFRESH_FRAMES };
    let drawn = use_mut_ref(|| [None::<(usize, usize)>; 3]);
    let view_key = |slot: usize, len: usize| -> (usize, usize) {
        let mut drawn = drawn.borrow_mut();
        let due = !state.playing || (state.generation + slot as u64 * period / 3) % period == 0;
        match drawn[slot] {
            Some(key) if !due => key,
            _ => *drawn[slot].insert((current_second, len)),
        }
    };
    let bounds = world
        .deployments
        .get(&live)
        .filter(|_| strategy != crate::setup::StrategyKind::Recreate)
        // No bound to draw where replicas + maxSurge overflows the controller's int32 (it never scales up).
        .filter(|d| !util::max_total_overflows(d))
        .map(|d| Bounds { max_pods: util::max_total_pods(d), min_available: util::min_available(d) });
    let axis = tr(lang, Text::ChartSeconds);
    let (pods_key, requests_key) = (view_key(0, engine.samples.len()), view_key(1, engine.samples.len()));
    let pods_svg = {
        let names: Vec<String> = deployments.iter().map(|s| s.to_string()).collect();
        let engine = state.engine.clone();
        use_memo((state.generation_of_setup(), pods_key, lang, bounds, state.embed), move |(.., bounds, embed)| {
            // Embedded, the charts are not shown: nothing to draw.
            if *embed {
                return String::new();
            }
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            charts::pods(engine.borrow().samples_so_far(), &names, *bounds, CHART_SIZE, axis)
        })
    };
    let requests_svg = {
        let engine = state.engine.clone();
        use_memo((state.generation_of_setup(), requests_key, lang, state.embed), move |(.., embed)| {
            if *embed {
                return String::new();
            }
            charts::requests(engine.borrow().samples_so_far(), CHART_SIZE, axis)
        })
    };
    let legend_versions: Vec<(String, usize)> = {
        let mut v: Vec<(String, usize)> = versions.iter().map(|(i, n)| (i.clone(), *n)).collect();
        v.sort_by_key(|(_, n)| *n);
        v
    };
    let events = world.events();
    let log_key = view_key(2, events.len());
    let explanation = state.focused.as_ref().and_then(|name| {
        if let Some(p) = world.pods.get(name) {
            let min_ready = p
                .metadata
                .owner
                .as_ref()
                .and_then(|rs| world.replica_sets.get(rs))
                .map_or(0, |rs| rs.spec.min_ready_seconds);
            let available = p.is_available(min_ready, now);
            let ready_for = p
                .status
                .ready_transition_time
                .filter(|_| p.status.ready)
                .map(|t| now.saturating_since(t).as_millis() / 1000);
            Some(crate::i18n::pod_explanation(lang, p, min_ready, available, ready_for))
        } else {
            world.replica_sets.get(name).map(|rs| crate::i18n::replica_set_explanation(lang, rs))
        }
    });
    let reveal = state.tutor.as_ref().and_then(|t| t.reveal(&state.knobs, &engine));
    // The run's manifests, written again when the run changed (while playing, once a second).
    let live_yaml = {
        let engine = state.engine.clone();
        let moment = if state.playing { current_second as u64 } else { state.generation };
        use_memo((state.generation_of_setup(), moment, state.embed), move |(.., embed)| {
            if *embed {
                return String::new();
            }
            crate::kubectl::apply::manifests(engine.borrow().world())
        })
    };
    let yaml_text = state.yaml_draft.clone().unwrap_or_else(|| Rc::new((*live_yaml).clone()));
    let engine_state = (!state.playing).then(|| serde_json::to_string(&Sample::of(world)).unwrap_or_default());

    html! {
        <div class={classes!("app", state.embed.then_some("embed"), state.classroom.then_some("classroom"))}>
            if state.embed {
                <header class="embed-bar">
                    <strong>{ "RolloutScope" }</strong>
                    <a data-testid="open-full" href={format!("{}{}", location().base, crate::share::without_embed(&location().hash))}
                        target="_blank" rel="noopener" onclick={on_open_full}>{ t(Text::OpenFullTool) }</a>
                </header>
            } else {
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
            }
            if let Some(e) = &state.share_error {
                <p class="share-error" role="alert" data-testid="share-error">{ crate::i18n::share_error(lang, e) }</p>
            }
            <div class="layout">
                if !state.embed {
                    <controls::SetupPanel lang={lang} draft={state.draft.clone()} applied={state.knobs.clone()} {on_edit} {on_apply} />
                }
                <main>
                    if !state.embed {
                        <lesson::LessonPicker {lang} texts={state.texts.clone()} completed={state.completed.clone()}
                            current={state.tutor.as_ref().map(|t| t.lesson)} on_action={on_action.clone()} />
                    }
                    if let (Some(tutor), false) = (&state.tutor, state.embed) {
                        <lesson::LessonPanel {lang} texts={state.texts.clone()} tutor={tutor.clone()} {reveal} classroom={state.classroom} on_action={on_action.clone()} />
                    }
                    <section class="time-controls" aria-label={t(Text::SimulatedTime)}>
                        <button data-testid="play" onclick={on(Action::TogglePlay)} aria-pressed={state.playing.to_string()}>
                            { if state.playing { t(Text::Pause) } else { t(Text::Play) } }
                        </button>
                        <button data-testid="step" onclick={on(Action::Step)}>{ t(Text::Step) }</button>
                        <button data-testid="skip" onclick={on(Action::Advance(100))}>{ t(Text::Skip10) }</button>
                        <button data-testid="restart" onclick={on(Action::Restart)}>{ t(Text::Restart) }</button>
                        <label class="speed">
                            <span>{ t(Text::Speed) }</span>
                            <input type="range" data-testid="speed" min={MIN_SPEED.to_string()} max={MAX_SPEED.to_string()} step="1"
                                value={state.speed.to_string()} oninput={on_speed}
                                aria-valuetext={speed_text(state.speed)} />
                            <output>{ speed_text(state.speed) }</output>
                        </label>
                        <label class="slider">
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
                        if let Some(text) = share_text {
                            <label class="share-link">
                                <span>{ t(if state.share_kind == ShareKind::Link { Text::ShareLink } else { Text::EmbedSnippet }) }</span>
                                <input data-testid="share-link" data-kind={if state.share_kind == ShareKind::Link { "link" } else { "embed" }}
                                    readonly=true value={text}
                                    onfocus={Callback::from(|e: FocusEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().select())} />
                            </label>
                            <button data-testid="copy-link" onclick={on_copy}>
                                { t(if state.share_kind == ShareKind::Link { Text::CopyLink } else { Text::CopyHtml }) }
                            </button>
                        }
                    </section>
                    if !state.embed {
                        <section class="actions" aria-label={t(Text::Actions)}>
                            <p class="intro">{ t(Text::ScenarioIntro) }</p>
                            <button class="primary" data-testid="deploy-new-version" onclick={on(Action::DeployNewVersion)}>
                                { t(Text::DeployNewVersion) }
                            </button>
                            <span class="group">
                                <button data-testid="rollback" onclick={on_rollback}>{ t(Text::RollBack) }</button>
                                <label>
                                    <span class="visually-hidden">{ t(Text::ToRevision) }</span>
                                    <select data-testid="rollback-revision" ref={revision_select}>
                                        <option value="0">{ t(Text::PreviousRevision) }</option>
                                        { for revisions.iter().map(|r| html! { <option value={r.to_string()}>{ format!("{} {r}", t(Text::Revision)) }</option> }) }
                                    </select>
                                </label>
                            </span>
                            <button data-testid="pause" onclick={on(Action::Act(Act::PauseRollout))}>{ t(Text::PauseRollout) }</button>
                            <button data-testid="resume" onclick={on(Action::Act(Act::ResumeRollout))}>{ t(Text::ResumeRollout) }</button>
                            <span class="group">
                                <label>
                                    <span class="visually-hidden">{ t(Text::Replicas) }</span>
                                    <input type="number" data-testid="scale-replicas" ref={scale_input} min="0" value={state.knobs.replicas.to_string()} />
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
                    { cluster::cluster_view(lang, world, deployments, &focus) }
                    <section class="explain" aria-live="polite">
                        <p data-testid="explanation" id="explanation">{ explanation.unwrap_or_else(|| t(Text::Explain).to_string()) }</p>
                    </section>
                    { traffic::traffic_view(lang, world, now, &versions, *reduced_motion) }
                    if !state.embed {
                        <>
                            <console::Console {lang} texts={state.texts.clone()} entries={state.shell.entries().clone()} {on_command} {on_interrupt} job={state.job()} {complete} {on_lesson}
                                current_lesson={state.tutor.as_ref().map(|t| t.lesson)} />
                            <manifests::Manifests {lang} text={yaml_text} editing={state.yaml_draft.is_some()} pending={state.pending.clone()}
                                result={state.yaml_result.clone()} on_action={on_action.clone()} />
                            <section class="charts">
                                <figure data-testid="chart-pods" role="img" aria-label={t(Text::ChartPods)}>
                                    <figcaption>{ t(Text::ChartPods) }</figcaption>
                                    { Html::from_html_unchecked(AttrValue::from((*pods_svg).clone())) }
                                    <ul class="chart-legend">
                                        { for legend_versions.iter().map(|(image, n)| legend_item(&format!("{} ({})", cluster::tag(image), t(Text::ChartTotal)), &css_colour(version_colour(*n)), "solid")) }
                                        { legend_item(t(Text::ChartReady), "#404040", "dashed") }
                                        { legend_item(t(Text::ChartAvailable), "#404040", "dotted") }
                                        { legend_item(&format!("{} / {}", t(Text::ChartMaxPods), t(Text::ChartMinAvailable)), "#5a6675", "bound") }
                                    </ul>
                                    { chart_downloads(lang, "pods", t(Text::ChartPods), &pods_svg, &seconds) }
                                </figure>
                                <figure data-testid="chart-requests" role="img" aria-label={t(Text::ChartRequests)}>
                                    <figcaption>{ t(Text::ChartRequests) }</figcaption>
                                    { Html::from_html_unchecked(AttrValue::from((*requests_svg).clone())) }
                                    <ul class="chart-legend">
                                        { for legend_versions.iter().map(|(image, n)| legend_item(cluster::tag(image), &css_colour(version_colour(*n)), "filled")) }
                                        { legend_item(t(Text::ChartFailed), "#b42318", "outlined") }
                                    </ul>
                                    { chart_downloads(lang, "requests", t(Text::ChartRequests), &requests_svg, &seconds) }
                                </figure>
                            </section>
                            <p class="downloads">
                                <span>{ t(Text::Downloads) }{ ": " }</span>
                                <button data-testid="download-trace" onclick={on_download_trace}>{ t(Text::DownloadTrace) }</button>
                                <button data-testid="download-scenario" onclick={on_download_run(false)} title={t(Text::DownloadScenarioHint)}>{ t(Text::DownloadScenario) }</button>
                                <button data-testid="download-script" onclick={on_download_run(true)} title={t(Text::DownloadScriptHint)} aria-describedby="download-script-context">{ t(Text::DownloadScript) }</button>
                            </p>
                            <p class="downloads-note" id="download-script-context" data-testid="download-script-context">{ t(Text::DownloadScriptContext) }</p>
                            <EventLogView {lang} log={LogHandle { log: events.clone(), run: state.generation_of_setup(), drawn: log_key }} />
                        </>
                    }
                    if !state.embed {
                        <compare::ComparePanel {lang} knobs={state.knobs.clone()} seed={state.seed} />
                        <sweep::SweepPanel {lang} knobs={state.knobs.clone()} seed={state.seed} />
                    }
                    if let Some(json) = engine_state {
                        <template data-testid="engine-state" data-json={json}></template>
                    }
                    if !state.embed {
                        <p class="seed">{ t(Text::Seed) }{ ": " }{ state.seed }</p>
                    }
                </main>
            </div>
        </div>
    }
}

/// The run's event log for the view: equal when it is the same run's log drawn at the same second
/// and length (`drawn`; the log only grows, and a seek back shortens it). Paused, that is every
/// change; playing, about twice a second of wall time, not on every frame: a big rollout adds
/// hundreds of lines a second, more than anyone reads while it plays.
#[derive(Clone)]
pub struct LogHandle {
    log: crate::sim::eventlog::EventLog,
    run: u64,
    drawn: (usize, usize),
}

impl PartialEq for LogHandle {
    fn eq(&self, other: &Self) -> bool {
        (self.run, self.drawn) == (other.run, other.drawn)
    }
}

#[derive(Properties, PartialEq)]
struct EventLogProps {
    lang: Lang,
    log: LogHandle,
}

#[function_component(EventLogView)]
fn event_log_view(props: &EventLogProps) -> Html {
    let (lang, events) = (props.lang, &props.log.log);
    let hidden = events.len().saturating_sub(EVENT_LOG_LINES);
    html! {
        <section class="event-log" data-testid="event-log" aria-label={tr(lang, Text::EventLog)}>
            <h2>{ tr(lang, Text::EventLog) }</h2>
            if events.is_empty() {
                <p>{ tr(lang, Text::NoEventsYet) }</p>
            } else {
                if hidden > 0 {
                    <p class="hidden-events">{ earlier_events_hidden(lang, hidden) }</p>
                }
                // Scrolled to the newest line (the newest at the bottom, as a terminal shows it).
                <div class="log-scroll" tabindex="0">
                    <ol start={(hidden + 1).to_string()}>
                        { for events.since(hidden).enumerate().map(|(i, e)| html! {
                            <li key={hidden + i}>{ crate::trace::line(e, lang) }</li>
                        }) }
                    </ol>
                </div>
            }
        </section>
    }
}

/// The SVG and PNG buttons under a chart (`id`: `pods` or `requests`).
fn chart_downloads(lang: Lang, id: &'static str, title: &str, svg: &Rc<String>, seconds: &str) -> Html {
    let file = |ext: &str| format!("rolloutscope-{id}-{seconds}s.{ext}");
    let on_svg = {
        let (svg, name) = (svg.clone(), file("svg"));
        Callback::from(move |_: MouseEvent| report(export::text(&name, "image/svg+xml", &svg)))
    };
    let on_png = {
        let (svg, name) = (svg.clone(), file("png"));
        Callback::from(move |_: MouseEvent| report(export::png(&name, &svg, CHART_SIZE)))
    };
    html! {
        <p class="downloads">
            <span>{ tr(lang, Text::Downloads) }{ ": " }</span>
            <button data-testid={format!("download-{id}-svg")} onclick={on_svg}
                aria-label={crate::i18n::download_label(lang, title, "SVG")}>{ "SVG" }</button>
            <button data-testid={format!("download-{id}-png")} onclick={on_png}
                aria-label={crate::i18n::download_label(lang, title, "PNG")}>{ "PNG" }</button>
        </p>
    }
}

/// A download that could not start is told on the console (the page itself is unchanged).
fn report(result: Result<(), wasm_bindgen::JsValue>) {
    if let Err(e) = result {
        web_sys::console::error_2(&wasm_bindgen::JsValue::from_str("RolloutScope: the download failed:"), &e);
    }
}

fn speed_text(speed: i32) -> String {
    if speed >= 0 {
        format!("{}x", 1 << speed)
    } else {
        format!("1/{}x", 1 << -speed)
    }
}

fn legend_item(label: &str, colour: &str, style: &'static str) -> Html {
    html! {
        <li><span class={classes!("swatch", style)} style={format!("--swatch: {colour}")} aria-hidden="true"></span>{ label.to_string() }</li>
    }
}
