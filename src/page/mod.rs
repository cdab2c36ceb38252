//! The page without a browser: the app's state ([`AppState`]), everything that happens on the page
//! as plain data ([`Action`]), and the one reducer ([`reduce`]) that turns a state and an action
//! into the next state. The views (`src/ui`, wasm32 only) draw an `AppState` and dispatch
//! `Action`s; native tests drive the same reducer (`tests/page/lessons.rs` walks every lesson through
//! it, "Show me" included).
//!
//! The run (the engine's world, its checkpoints, and one sample per simulated second for the
//! charts) is large and changes many times a second while playing, so it lives in one shared
//! [`Engine`] that the reducer changes in place; `generation` says that it changed. Everything
//! else is small and copied.
//!
//! Nothing here needs a browser: timers, the clipboard, downloads, the browser's storage, the
//! YAML reader's worker and fetching the lessons' words are the views' (`src/ui`). The reducer
//! asks for them through the state it returns (an apply waiting for the YAML reader is
//! [`AppState::pending`], a link to put in the address bar is [`AppState::share_link`]), and the
//! views' effects answer with an action ([`Action::ManifestsRead`], [`Action::LessonTexts`]).
//!
//! - [`shell`]: the console's shell: the typed line's dispatch, the running command, the
//!   background job and job control, Ctrl+C, the history.
//! - [`edit`]: a change to the draft settings, as data.
//! - [`facts`]: what the views show that is worked out from the run (a pod's explanation, the
//!   charts' bounds, the versions' numbers, when a chart is drawn again).
//! - [`manifests`]: the YAML panel's apply, and the YAML reader's reply.

mod action;
pub mod edit;
pub mod facts;
mod lessons;
pub mod manifests;
mod reduce;
pub mod shell;
pub mod traffic;

use std::cell::{Ref, RefCell};
use std::rc::Rc;

pub use action::Action;
pub use edit::{Knob, KnobEdit, ProbeField};
pub use facts::{Drawn, Slot};
pub use manifests::{Pending, YamlResult};
pub use reduce::reduce;
pub use shell::{ConsoleEntry, Shell, CONSOLE_LINES};

use crate::i18n::Lang;
use crate::lesson::{self, Texts, Tutor};
pub use crate::session::{Engine, Replay};
pub use crate::session::{MAX_SPEED, MIN_SPEED};
use crate::setup::Knobs;
use crate::share::{ShareError, SharedRun};
use crate::sim::{SimDuration, SimTime};

/// The seed a fresh page starts from; a shared run carries its own.
pub const DEFAULT_SEED: u64 = 1;

/// How long a run's slider spans at least, so that a fresh run has room to scrub into.
pub const MIN_SLIDER_SPAN: SimDuration = SimDuration::from_secs(10);

#[derive(Clone, Debug)]
pub struct AppState {
    pub seed: u64,
    /// The settings of the current run.
    pub knobs: Knobs,
    /// The settings being edited; applied (restarting the run) only when valid.
    pub draft: Knobs,
    pub engine: Rc<RefCell<Engine>>,
    /// Bumped whenever the engine changes.
    pub generation: u64,
    /// Bumped whenever the run starts again (restart or new settings).
    setup_generation: u64,
    pub playing: bool,
    /// Speed as a power of two: 0 is real time, 3 is 8x.
    pub speed: i32,
    pub lang: Lang,
    /// What kubectl answered to the learner's last action (or its error).
    pub last_answer: Option<Result<String, String>>,
    /// The console: its lines so far, the command still running and the background job.
    pub shell: Shell,
    /// The pod or ReplicaSet whose state is explained.
    pub focused: Option<String>,
    /// Why the link the page was opened with could not be opened (the default run is shown).
    pub share_error: Option<ShareError>,
    /// The link to this run, made when the learner asked for it (the URL fragment, `#run=…`),
    /// and whether they asked for it as a link or as an `<iframe>`.
    pub share_link: Option<String>,
    /// Why no link was made for the run on screen (it is past what a link replays).
    pub share_refused: Option<ShareError>,
    pub share_kind: ShareKind,
    /// The compact view for an `<iframe>` (`#embed&run=…`).
    pub embed: bool,
    /// The lesson being followed, if any (its run is the page's run).
    pub tutor: Option<Tutor>,
    /// The ids of the lessons finished in this browser (kept in its localStorage).
    pub completed: Rc<Vec<&'static str>>,
    /// Classroom mode: large type, the narration big, one lesson step per key press.
    pub classroom: bool,
    /// The lessons' words, fetched after the first render ([`crate::lesson::TEXTS_FILE`]), or
    /// why they could not be.
    pub texts: Rc<Result<Texts, String>>,
    /// The YAML panel's text while the learner edits it, kept until it is applied or reverted
    /// (`None`: the panel shows the run's manifests as they are now).
    pub yaml_draft: Option<Rc<String>>,
    /// The `apply|create -f manifests.yaml` being read by the YAML reader (a web worker).
    pub pending: Option<Pending>,
    /// What the last apply of the panel answered.
    pub yaml_result: Option<Rc<YamlResult>>,
    /// The id of the last request to the YAML reader (a late reply to an earlier one is dropped).
    last_request: u32,
    /// The learner asked for less motion (the browser's setting): requests are drawn where they
    /// end, and the clock moves four times a second instead of on every frame.
    pub reduced_motion: bool,
    /// What the charts and the event log show, drawn again only now and then while playing.
    pub drawn: Drawn,
    /// The pane shown beside the stage (the terminal, the YAML, the events, …).
    pub pane: Pane,
    /// The setup panel is open (closed on a first visit: the page opens on the run).
    pub setup_open: bool,
    /// The shared run the page was opened with, being replayed a slice per animation frame
    /// ([`Opening`]); the run shown is its first moment until the replay is done.
    pub opening: Option<Opening>,
    /// A line to put in the console's prompt, not yet run (a lesson's command clicked), with a
    /// count that tells each click from the one before.
    pub console_fill: Option<(u32, Rc<str>)>,
    /// The lesson left unfinished in this browser (kept in its localStorage as a link with the
    /// lesson's place, see [`AppState::kept_place`]), offered to be resumed on the next visit.
    pub resume: Option<Rc<SharedRun>>,
}

/// What the browser is to keep of the lesson being followed ([`AppState::kept_place`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kept {
    /// The lesson's run and place, as a link's fragment (`#run=2.…`).
    Keep(String),
    /// The lesson was finished: nothing is left to resume.
    Forget,
    /// No change (no lesson, or a run still being opened).
    Leave,
}

/// The panes beside the stage, one shown at a time: each has a tab, and a key (its number).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pane {
    #[default]
    Terminal,
    Yaml,
    Events,
    Charts,
    Compare,
    Sweep,
}

impl Pane {
    pub const ALL: [Pane; 6] = [Pane::Terminal, Pane::Yaml, Pane::Events, Pane::Charts, Pane::Compare, Pane::Sweep];

    /// Its name in test ids and element ids (`tab-yaml`, `pane-yaml`).
    pub fn id(self) -> &'static str {
        match self {
            Pane::Terminal => "terminal",
            Pane::Yaml => "yaml",
            Pane::Events => "events",
            Pane::Charts => "charts",
            Pane::Compare => "compare",
            Pane::Sweep => "sweep",
        }
    }

    /// The key that shows it: its place in the tabs, from 1.
    pub fn key(self) -> char {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        char::from(b'1' + i as u8)
    }

    /// The pane a key shows.
    pub fn of_key(key: &str) -> Option<Pane> {
        Pane::ALL.iter().copied().find(|p| key.len() == 1 && key.starts_with(p.key()))
    }
}

/// A shared run being replayed to its moment, a slice of [`Opening::SLICE_WORK`] per animation
/// frame, so that the page answers and says how far it has got (a link may ask for up to
/// [`MAX_LINK_WORK`](crate::sim::limits::MAX_LINK_WORK), seconds of work in one go).
#[derive(Clone, Debug)]
pub struct Opening(Rc<RefCell<Option<Replay>>>);

impl Opening {
    /// The work of one slice, in pod-seconds: about 5 ms natively, a frame's worth in the browser.
    pub const SLICE_WORK: u64 = 5_000;

    fn new(replay: Replay) -> Self {
        Opening(Rc::new(RefCell::new(Some(replay))))
    }

    /// The moment reached, and the one the replay plays to.
    pub fn progress(&self) -> (SimTime, SimTime) {
        self.0.borrow().as_ref().map_or((SimTime::ZERO, SimTime::ZERO), Replay::progress)
    }

    /// Replays one more slice; when that reaches the end, the run at its moment and the last
    /// step's answer.
    fn slice(&self) -> Option<(Engine, Option<Result<String, String>>)> {
        let mut cell = self.0.borrow_mut();
        let replay = cell.as_mut()?;
        let steps = replay.steps_for(Opening::SLICE_WORK);
        if replay.advance(steps) {
            cell.take().map(Replay::finish)
        } else {
            None
        }
    }
}

impl PartialEq for Opening {
    /// The same replay (a slice that moved it on bumps the state's generation).
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// How the learner asked to share the run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ShareKind {
    #[default]
    Link,
    /// The `<iframe>` snippet for a blog post.
    Embed,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.engine, &other.engine)
            && self.generation == other.generation
            && self.knobs == other.knobs
            && self.draft == other.draft
            && (self.playing, self.speed, self.lang, self.seed) == (other.playing, other.speed, other.lang, other.seed)
            && self.last_answer == other.last_answer
            && self.shell == other.shell
            && self.focused == other.focused
            && (&self.share_error, &self.share_link, &self.share_refused, self.share_kind, self.embed)
                == (&other.share_error, &other.share_link, &other.share_refused, other.share_kind, other.embed)
            && (&self.tutor, &self.completed, self.classroom) == (&other.tutor, &other.completed, other.classroom)
            && (&self.yaml_draft, &self.pending, &self.yaml_result)
                == (&other.yaml_draft, &other.pending, &other.yaml_result)
            && (self.reduced_motion, self.drawn) == (other.reduced_motion, other.drawn)
            && (self.pane, self.setup_open) == (other.pane, other.setup_open)
            && self.opening == other.opening
            && self.console_fill == other.console_fill
            && self.resume == other.resume
    }
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        let knobs = Knobs::default();
        AppState::with_run(lang, Engine::new(&knobs, DEFAULT_SEED), knobs, DEFAULT_SEED)
    }

    fn with_run(lang: Lang, engine: Engine, knobs: Knobs, seed: u64) -> Self {
        let state = AppState {
            seed,
            engine: Rc::new(RefCell::new(engine)),
            draft: knobs.clone(),
            knobs,
            generation: 0,
            setup_generation: 0,
            playing: false,
            speed: 0,
            lang,
            last_answer: None,
            shell: Shell::default(),
            focused: None,
            share_error: None,
            share_link: None,
            share_refused: None,
            share_kind: ShareKind::Link,
            embed: false,
            tutor: None,
            completed: Rc::default(),
            classroom: false,
            texts: Rc::new(Ok(Texts::default())),
            yaml_draft: None,
            pending: None,
            yaml_result: None,
            last_request: 0,
            reduced_motion: false,
            drawn: Drawn::default(),
            pane: Pane::default(),
            setup_open: false,
            opening: None,
            console_fill: None,
            resume: None,
        };
        AppState { drawn: state.drawn.next(&state), ..state }
    }

    /// The page as a URL fragment opens it: the shared run in it, replayed to its moment; the
    /// default run with the reason when the link cannot be opened; the default run when there
    /// is none.
    pub fn open(lang: Lang, fragment: &str) -> Self {
        let embed = crate::share::is_embed(fragment);
        let state = match crate::share::from_fragment(fragment) {
            None => AppState::new(lang),
            Some(Err(e)) => AppState { share_error: Some(e), ..AppState::new(lang) },
            Some(Ok(run)) => {
                let replay = Replay::new(&run.knobs, run.seed, run.timeline, run.end, run.at);
                let mut state = AppState {
                    speed: run.speed,
                    focused: run.focused,
                    // An embedded run has no lesson panel: it shows the run only (a lesson there
                    // would hold the clock for a prediction no one can make).
                    tutor: run.lesson.as_ref().filter(|_| !embed).map(Tutor::at),
                    opening: Some(Opening::new(replay)),
                    ..AppState::with_run(run.lang, Engine::new(&run.knobs, run.seed), run.knobs, run.seed)
                };
                state.open_what_the_step_uses();
                state
            }
        };
        AppState { embed, ..state }
    }

    /// The run as a link carries it.
    pub fn shared(&self) -> SharedRun {
        let engine = self.engine();
        SharedRun {
            knobs: self.knobs.clone(),
            seed: self.seed,
            timeline: engine.timeline.clone(),
            end: engine.furthest(),
            at: engine.world().time(),
            speed: self.speed,
            lang: self.lang,
            focused: self.focused.clone(),
            lesson: self.tutor.as_ref().map(Tutor::place),
        }
    }

    /// What the browser is to keep of the lesson being followed, so that the next visit can
    /// resume it: its run and place as a link, from the moment the step shown was entered or
    /// done (the page asks when the step, its state or a prediction changes).
    pub fn kept_place(&self) -> Kept {
        match &self.tutor {
            _ if self.embed || self.opening.is_some() => Kept::Leave,
            None => Kept::Leave,
            Some(t) if t.in_free_play() => Kept::Forget,
            Some(_) => {
                let run = self.shared();
                match crate::share::check_replay(&run) {
                    Ok(()) => Kept::Keep(crate::share::fragment(&run)),
                    Err(_) => Kept::Leave,
                }
            }
        }
    }

    /// On opening the page: offers to resume the lesson the browser kept (`kept`, as
    /// [`Kept::Keep`] wrote it), unless the page opened on a link or an embedded run. A value that
    /// is absent, edited, of an older page or of a finished lesson is passed over.
    pub fn offer_resume(&mut self, kept: Option<&str>) {
        if self.embed || self.opening.is_some() || self.share_error.is_some() || self.tutor.is_some() {
            return;
        }
        let run = kept.and_then(crate::share::from_fragment).and_then(Result::ok);
        self.resume = run
            .filter(|r| r.lesson.as_ref().is_some_and(|p| p.step < lesson::LESSONS[p.lesson].steps.len()))
            .map(Rc::new);
    }

    /// The command running in the background, if any.
    pub fn job(&self) -> Option<String> {
        self.shell.job().map(str::to_string)
    }

    pub fn engine(&self) -> Ref<'_, Engine> {
        self.engine.borrow()
    }

    pub fn generation_of_setup(&self) -> u64 {
        self.setup_generation
    }

    /// The run started again from the beginning with the applied settings: a lesson's run starts
    /// with its app up ([`lesson::START`]).
    fn fresh_engine(&self) -> Engine {
        match self.tutor {
            Some(_) => lesson::engine(&self.knobs, self.seed),
            None => Engine::new(&self.knobs, self.seed),
        }
    }

    /// The run starts again from `engine` (a restart, new settings, a cluster's state restored):
    /// the clock stops at its start and kubectl's last answer, of the run that is gone, goes.
    fn start_again(&mut self, engine: Engine) {
        *self.engine.borrow_mut() = engine;
        self.setup_generation += 1;
        self.playing = false;
        self.last_answer = None;
    }

    /// The running command and the background job stop (a restart or a seek: what they
    /// printed was of a time that is gone).
    fn stop_all(&mut self) {
        let now = self.engine.borrow().world().time();
        self.shell.stop_all(now);
        // An apply still being read was for the run that is gone: its reply is dropped.
        if self.pending.take().is_some_and(|p| p.console) {
            self.shell.answer_reading(Err("^C".into()));
        }
    }

    /// Looks at the lesson's step after a change of the run; when that made the step done, the
    /// clock stops there, so that the learner sees the moment. True when it did.
    /// A lesson's Predict step waits for the learner's answer: until it comes, the clock is held
    /// and the run is not changed, so that the figure revealed is that of the rollout the
    /// question names.
    pub fn awaiting_prediction(&self) -> bool {
        self.tutor
            .as_ref()
            .is_some_and(|t| !t.done && matches!(t.current().map(|s| &s.then), Some(crate::lesson::Then::Predict(..))))
    }

    fn check_lesson(&mut self) -> bool {
        // A run being opened (a link, a lesson resumed) is not yet the lesson's: its step is
        // looked at once the replay has reached its moment.
        if self.opening.is_some() {
            return false;
        }
        let Some(tutor) = &mut self.tutor else { return false };
        let met = tutor.check(&self.knobs, &self.draft, &self.engine.borrow(), self.focused.as_deref());
        if met {
            self.playing = false;
        }
        met
    }
}

#[cfg(test)]
mod tests;
