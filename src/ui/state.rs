//! The app's state and its one reducer: every user intent is an [`Action`].
//!
//! The run (the engine's world, its checkpoints, and one [`Sample`] per simulated second for the
//! charts) is large and changes many times a second while playing, so it lives in one shared
//! [`Engine`] that the reducer changes in place; `generation` tells Yew that it changed. Everything
//! else is small and copied.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use yew::Reducible;

use crate::i18n::Lang;
use crate::setup::{Act, Knobs};
use crate::sim::sample::Sample;
use crate::sim::{Intent, Run, SimDuration, SimTime, World, DEFAULT_TICK};

/// The seed a fresh page starts from; a shared run carries its own.
pub const DEFAULT_SEED: u64 = 1;
/// Speeds run from 2^MIN_SPEED to 2^MAX_SPEED times real time (1/4x to 64x).
pub const MIN_SPEED: i32 = -2;
pub const MAX_SPEED: i32 = 6;
/// The most engine steps one animation frame may run, so that a slow frame never snowballs.
const MAX_STEPS_PER_FRAME: u64 = 40;

/// The run and what was sampled of it.
#[derive(Debug)]
pub struct Engine {
    pub run: Run,
    /// One sample per whole simulated second from 0, up to the furthest moment reached. After a
    /// seek back they stay: the same seed and acts replay the same run.
    pub samples: Vec<Sample>,
    /// Simulated milliseconds owed to the clock by the animation frames so far (under a tick or
    /// two): kept here so that a frame that runs no step changes no state and renders nothing.
    owed_ms: f64,
}

impl Engine {
    fn new(knobs: &Knobs, seed: u64) -> Self {
        let world = knobs.scenario(seed).world();
        let samples = vec![Sample::of(&world)];
        Engine { run: Run::new(world), samples, owed_ms: 0.0 }
    }

    pub fn world(&self) -> &World {
        self.run.world()
    }

    fn step(&mut self) {
        self.run.step();
        self.sample();
    }

    /// Records the sample of a whole second just reached.
    fn sample(&mut self) {
        let now = self.run.world().time();
        if now.as_millis() % 1000 == 0 && now.as_millis() / 1000 == self.samples.len() as u64 {
            self.samples.push(Sample::of(self.run.world()));
        }
    }

    /// The furthest moment the run has reached (what the time slider spans).
    pub fn furthest(&self) -> SimTime {
        SimTime::from_secs(self.samples.len().saturating_sub(1) as u64).max(self.run.world().time())
    }

    fn seek(&mut self, t: SimTime) {
        let t = t.min(self.furthest());
        // Rounded to a tick: the engine's moments.
        let t = SimTime(t.0 / DEFAULT_TICK.as_millis() * DEFAULT_TICK.as_millis());
        self.run.seek(t);
    }

    /// Applies the learner's acts now; what was sampled after this moment no longer happens.
    fn act(&mut self, intents: Vec<Intent>) -> Result<String, String> {
        let now = self.run.world().time();
        self.samples.truncate(now.as_millis() as usize / 1000 + 1);
        // A push before a deploy is the registry's business, not kubectl's: the answer shown is
        // the last command's.
        let mut answer = String::new();
        for intent in intents {
            answer = self.run.act(intent)?;
        }
        Ok(answer)
    }
}

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
    /// The pod or ReplicaSet whose state is explained.
    pub focused: Option<String>,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.engine, &other.engine)
            && self.generation == other.generation
            && self.knobs == other.knobs
            && self.draft == other.draft
            && (self.playing, self.speed, self.lang, self.seed) == (other.playing, other.speed, other.lang, other.seed)
            && self.last_answer == other.last_answer
            && self.focused == other.focused
    }
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        let knobs = Knobs::default();
        AppState {
            seed: DEFAULT_SEED,
            engine: Rc::new(RefCell::new(Engine::new(&knobs, DEFAULT_SEED))),
            draft: knobs.clone(),
            knobs,
            generation: 0,
            setup_generation: 0,
            playing: false,
            speed: 0,
            lang,
            last_answer: None,
            focused: None,
        }
    }

    pub fn engine(&self) -> Ref<'_, Engine> {
        self.engine.borrow()
    }

    pub fn generation_of_setup(&self) -> u64 {
        self.setup_generation
    }
}

/// What the learner does from the page's controls (the Deployment named is the strategy's live one).
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// One engine step.
    Step,
    /// `n` engine steps at once.
    Advance(u32),
    /// An animation frame `wall_ms` after the previous one, while playing.
    Frame(f64),
    TogglePlay,
    SetSpeed(i32),
    /// Moves the run to this moment, backwards or forwards.
    Seek(SimTime),
    /// Starts the run again from the beginning, same settings and seed.
    Restart,
    SetLang(Lang),
    /// Edits the draft settings.
    Edit(super::controls::KnobEdit),
    /// Applies the draft (when valid) and restarts.
    ApplySetup,
    DeployNewVersion,
    /// One of the action buttons: a kubectl command or a fault.
    Act(Act),
    Focus(Option<String>),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if let Action::Frame(wall_ms) = action {
            // The hot path: no copy of the state, and none at all when no step is due.
            if !self.playing {
                return self;
            }
            let steps = {
                let mut engine = self.engine.borrow_mut();
                // A frame after a long pause (a background tab) does not catch up.
                engine.owed_ms += wall_ms.clamp(0.0, 250.0) * 2f64.powi(self.speed);
                let tick = DEFAULT_TICK.as_millis() as f64;
                let steps = ((engine.owed_ms / tick).floor() as u64).min(MAX_STEPS_PER_FRAME);
                engine.owed_ms = (engine.owed_ms - steps as f64 * tick).min(tick * 2.0);
                for _ in 0..steps {
                    engine.step();
                }
                steps
            };
            if steps == 0 {
                return self;
            }
            let mut next = (*self).clone();
            next.generation += 1;
            return Rc::new(next);
        }
        let mut next = (*self).clone();
        let changed_engine = {
            let mut engine = next.engine.borrow_mut();
            match action {
                Action::Step => {
                    engine.step();
                    true
                }
                Action::Advance(n) => {
                    for _ in 0..n {
                        engine.step();
                    }
                    true
                }
                Action::Frame(_) => false,
                Action::TogglePlay => {
                    next.playing = !next.playing;
                    engine.owed_ms = 0.0;
                    false
                }
                Action::SetSpeed(s) => {
                    next.speed = s.clamp(MIN_SPEED, MAX_SPEED);
                    false
                }
                Action::Seek(t) => {
                    engine.seek(t);
                    true
                }
                Action::Restart => {
                    *engine = Engine::new(&next.knobs, next.seed);
                    next.setup_generation += 1;
                    next.playing = false;
                    next.last_answer = None;
                    true
                }
                Action::SetLang(lang) => {
                    next.lang = lang;
                    false
                }
                Action::Edit(edit) => {
                    edit.apply(&mut next.draft);
                    false
                }
                Action::ApplySetup => {
                    if next.draft.errors().is_empty() {
                        next.knobs = next.draft.clone();
                        *engine = Engine::new(&next.knobs, next.seed);
                        next.setup_generation += 1;
                        next.playing = false;
                        next.last_answer = None;
                        true
                    } else {
                        false
                    }
                }
                Action::DeployNewVersion => {
                    let answer = next.knobs.deploy(engine.world()).and_then(|acts| engine.act(acts));
                    next.last_answer = Some(answer);
                    true
                }
                Action::Act(act) => {
                    let intent = next.knobs.act(act, engine.world());
                    next.last_answer = Some(intent.and_then(|i| engine.act(vec![i])));
                    true
                }
                Action::Focus(what) => {
                    next.focused = what;
                    false
                }
            }
        };
        if changed_engine {
            next.generation += 1;
        }
        Rc::new(next)
    }
}

/// How long a run's slider spans at least, so that a fresh run has room to scrub into.
pub const MIN_SLIDER_SPAN: SimDuration = SimDuration::from_secs(10);
