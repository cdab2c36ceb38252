//! The browser glue the app needs: the page's address and language, the page's clock and turns,
//! the learner's motion setting, and the hooks that drive the reducer from the browser (animation
//! frames, the keyboard) or carry its state out to the browser (the address bar, the lessons'
//! words, the browser's storage, the document's language).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::lesson;
use crate::i18n::Lang;
use crate::page::{Action, AppState};
use crate::sim::{SimTime, DEFAULT_TICK};

/// How often the clock moves while playing with reduced motion, in milliseconds.
const REDUCED_MOTION_MS: u32 = 250;

/// About how long one slice of long work (a comparison, a sweep) may take, in milliseconds.
pub const SLICE_MS: f64 = 12.0;

pub fn browser_lang() -> Lang {
    web_sys::window().and_then(|w| w.navigator().language()).map(|tag| Lang::from_browser_tag(&tag)).unwrap_or_default()
}

/// The page's address, in pieces: what is before the fragment, and the fragment (`#…` or "").
pub struct PageLocation {
    pub base: String,
    pub hash: String,
}

pub fn location() -> PageLocation {
    let l = web_sys::window().map(|w| w.location());
    let get = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
        l.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
    };
    let href = get(web_sys::Location::href);
    let hash = get(web_sys::Location::hash);
    let base = href.strip_suffix(&hash).unwrap_or(&href).trim_end_matches('#').to_string();
    PageLocation { base, hash }
}

/// Milliseconds on the page's clock (`performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Runs `next` once the page has had its turn: long work goes on in slices this way, so that the
/// page keeps answering (it draws and handles input between two slices).
///
/// The turn is a message the page posts to itself, not a zero-delay timeout: browsers hold nested
/// timeouts back at least 4 ms (the HTML standard's clamping), which made a sweep of a hundred
/// slices spend 400 ms waiting.
pub fn after_a_turn(next: impl FnOnce() + 'static) {
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

pub fn prefers_reduced_motion() -> bool {
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

/// Playing moves the clock on every animation frame; when the learner asks for less motion,
/// four calm updates a second instead.
#[hook]
pub fn use_clock(state: &UseReducerHandle<AppState>) {
    let (playing, reduced) = (state.playing, state.reduced_motion);
    // A shared run being opened replays a slice per frame, whatever the motion asked for: the
    // stage waits under its progress bar meanwhile.
    let opening = state.opening.is_some();
    {
        let dispatcher = state.dispatcher();
        use_animation_frames(
            (playing && !reduced) || opening,
            Callback::from(move |dt| dispatcher.dispatch(Action::Frame(dt))),
        );
    }
    let dispatcher = state.dispatcher();
    use_effect_with((playing, reduced), move |(playing, reduced)| {
        let timer = (*playing && *reduced).then(|| {
            Interval::new(REDUCED_MOTION_MS, move || dispatcher.dispatch(Action::Frame(f64::from(REDUCED_MOTION_MS))))
        });
        move || drop(timer)
    });
}

/// Keyboard: Space toggles play, the arrows step forward and back; in classroom mode, PageDown
/// or N is the next lesson step (or "show me").
#[hook]
pub fn use_keyboard(state: &UseReducerHandle<AppState>) {
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
            if matches!(e.key().as_str(), "PageUp" | "p" | "P") && !typed_into_field(&e) && in_classroom() {
                e.prevent_default();
                dispatcher.dispatch(Action::ClassroomBack);
                return;
            }
            // A pane's number shows it (from anywhere but a field that takes the digit).
            if let Some(pane) = crate::page::Pane::of_key(&e.key()).filter(|_| !typed_into_field(&e)) {
                e.prevent_default();
                dispatcher.dispatch(Action::ShowPane(pane));
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

/// What the state asks of the browser: the link made to the run in the address bar, the
/// lessons' words fetched, the lessons finished kept, the document's language.
#[hook]
pub fn use_browser_effects(state: &UseReducerHandle<AppState>) {
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

    // The lesson being followed is kept too, so that the next visit can resume it: each time its
    // step, the step's state or a prediction changes (the run as it is then, as a link).
    {
        let place = state.tutor.as_ref().map(|t| (t.lesson, t.step, t.done, t.answers.clone()));
        let opening = state.opening.is_some();
        // (The link is made in the effect, only when these change: not on every frame.)
        let state = state.clone();
        use_effect_with((place, opening), move |_| lesson::keep_place(state.kept_place()));
    }

    // The document's language follows the chosen one, for screen readers and fonts.
    use_effect_with(state.lang, |lang| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.tag());
        }
    });
}
