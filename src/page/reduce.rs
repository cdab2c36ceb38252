//! The one reducer: an [`Action`] on an [`AppState`] gives the next state.

use std::rc::Rc;

use crate::lesson::Texts;
use crate::session::Step;
use crate::sim::DEFAULT_TICK;

use super::shell::Printed;
use super::{Action, AppState, MAX_SPEED, MIN_SPEED};

/// The most engine steps one animation frame may run, so that a slow frame never snowballs.
const MAX_STEPS_PER_FRAME: u64 = 40;

/// The most work one animation frame runs, in pod-seconds: as much as a slice of a link being
/// opened, so that a click waits at most a few milliseconds of simulation whatever the run's size
/// (40 steps up to about 1,000 pods, 4 at 10,000). A run too large for the speed asked plays
/// slower than asked, and the page says how fast ([`super::facts::falling_behind`]).
pub const FRAME_WORK: u64 = super::Opening::SLICE_WORK;

/// The state after `action`. The same `Rc` when nothing changed (an animation frame that runs no
/// step), so that the page is not drawn again; otherwise a new state that shares the engine.
pub fn reduce(state: Rc<AppState>, action: Action) -> Rc<AppState> {
    if let Some(opening) = &state.opening {
        return while_opening(&state, opening.clone(), action);
    }
    if let Action::Frame(wall_ms) = action {
        // The hot path: no copy of the state, and none at all when no step is due.
        if !state.playing || state.awaiting_prediction() {
            return state;
        }
        let steps = {
            let mut engine = state.engine.borrow_mut();
            // A frame after a long pause (a background tab) does not catch up.
            engine.owed_ms += wall_ms.clamp(0.0, 250.0) * 2f64.powi(state.speed);
            let tick = DEFAULT_TICK.as_millis() as f64;
            let most = crate::session::steps_for(engine.world(), state.knobs.rate, FRAME_WORK).min(MAX_STEPS_PER_FRAME);
            let steps = ((engine.owed_ms / tick).floor() as u64).min(most);
            engine.owed_ms = (engine.owed_ms - steps as f64 * tick).min(tick * 2.0);
            engine.pace.record(steps as f64 * tick, wall_ms);
            steps
        };
        if steps == 0 {
            return state;
        }
        let mut next = (*state).clone();
        next.run_steps(steps);
        next.generation += 1;
        next.share_link = None;
        next.share_refused = None;
        return drawn(next);
    }
    if let Action::Share(kind) = action {
        // The link is to the moment shown: the run stops there.
        let mut next = (*state).clone();
        next.playing = false;
        next.share_error = None;
        next.share_kind = kind;
        // A link is made only for a run its reader's page will replay: one that opens.
        let run = next.shared();
        match crate::share::check_replay(&run) {
            Ok(()) => {
                next.share_refused = None;
                next.share_link = Some(crate::share::fragment(&run));
            }
            Err(e) => {
                next.share_refused = Some(e);
                next.share_link = None;
            }
        }
        return drawn(next);
    }
    let mut next = (*state).clone();
    let changed_engine = match next.lesson_action(&action) {
        Some(changed) => changed,
        None => next.act(action),
    };
    if changed_engine {
        next.generation += 1;
        // A link made before is to another moment now.
        next.share_link = None;
        next.share_refused = None;
    }
    next.check_lesson();
    drawn(next)
}

/// While a shared run is being replayed: a frame replays one more slice, and when the replay is
/// done the run is shown at its moment. Starting something else (a restart, new settings, a
/// lesson) drops the replay; what would act on the run being opened waits until it is shown.
fn while_opening(state: &Rc<AppState>, opening: super::Opening, action: Action) -> Rc<AppState> {
    match action {
        Action::Frame(_) => {
            let mut next = (**state).clone();
            if let Some((engine, answer)) = opening.slice() {
                next.opening = None;
                *next.engine.borrow_mut() = engine;
                next.last_answer = answer;
                // A new run, as far as the event log and the charts are concerned.
                next.setup_generation += 1;
                // A lesson's step that waits is looked at on the run it waits on.
                next.check_lesson();
            }
            next.generation += 1;
            drawn(next)
        }
        Action::Restart | Action::ApplySetup | Action::StartLesson(_) | Action::ResumeLesson => {
            let mut next = (**state).clone();
            next.opening = None;
            reduce(Rc::new(next), action)
        }
        Action::Step
        | Action::Advance(_)
        | Action::TogglePlay
        | Action::SetSpeed(_)
        | Action::Seek(_)
        | Action::DeployNewVersion
        | Action::Act(_)
        | Action::Console(_)
        | Action::Share(_)
        | Action::YamlApply(_)
        | Action::LessonNext
        | Action::LessonBack
        | Action::LessonShowMe
        | Action::LessonPredict(_)
        | Action::LessonChoose(_)
        | Action::ClassroomKey
        | Action::ClassroomBack => state.clone(),
        // The rest (the language, the panes, the setup's draft, leaving a lesson, …) as at any
        // time, except that a lesson's step is not looked at: the run being opened is not yet
        // the one it waits on (`check_lesson` waits for the replay's end).
        _ => {
            let mut next = (**state).clone();
            let changed = match next.lesson_action(&action) {
                Some(changed) => changed,
                None => next.act(action),
            };
            if changed {
                next.generation += 1;
            }
            drawn(next)
        }
    }
}

/// Whether `action` runs the clock or changes the run (held while a lesson waits for a
/// prediction). Pausing (`TogglePlay` while `playing`) is never held.
fn holds_for_prediction(action: &Action, playing: bool) -> bool {
    match action {
        Action::TogglePlay => !playing,
        Action::Step
        | Action::Advance(_)
        | Action::Seek(_)
        | Action::Restart
        | Action::ApplySetup
        | Action::DeployNewVersion
        | Action::Act(_)
        | Action::YamlApply(_) => true,
        _ => false,
    }
}

/// The new state, with what its charts and event log are to show.
fn drawn(mut next: AppState) -> Rc<AppState> {
    next.drawn = next.drawn.next(&next);
    Rc::new(next)
}

impl AppState {
    /// Every action but a frame, a share and the lessons'. True when the run changed.
    pub(super) fn act(&mut self, action: Action) -> bool {
        if self.awaiting_prediction() && holds_for_prediction(&action, self.playing) {
            // The lesson measures the rollout its question names: nothing runs or changes before
            // the learner has answered (typed reads still answer; see `type_command`).
            self.playing = false;
            self.last_answer = Some(Err(crate::i18n::tr(self.lang, crate::i18n::Text::PredictFirst).into()));
            return false;
        }
        match action {
            Action::Step => {
                self.run_steps(1);
                true
            }
            Action::Advance(n) => {
                self.run_steps(u64::from(n));
                true
            }
            Action::Frame(_) | Action::Share(_) => false,
            Action::TogglePlay => {
                self.playing = !self.playing;
                let mut engine = self.engine.borrow_mut();
                engine.owed_ms = 0.0;
                engine.pace = crate::session::Pace::default();
                false
            }
            Action::SetSpeed(s) => {
                self.speed = s.clamp(MIN_SPEED, MAX_SPEED);
                self.engine.borrow_mut().pace = crate::session::Pace::default();
                false
            }
            Action::Seek(t) => {
                // What a watch printed is of the time left: it stops there.
                self.stop_all();
                self.engine.borrow_mut().seek(t);
                true
            }
            Action::Restart => {
                self.stop_all();
                self.start_again(self.fresh_engine());
                true
            }
            Action::SetLang(lang) => {
                self.lang = lang;
                false
            }
            Action::Edit(edit) => {
                edit.apply(&mut self.draft);
                false
            }
            Action::ApplySetup => self.apply_draft(),
            Action::DeployNewVersion => {
                self.last_answer = Some(self.engine.borrow_mut().perform(&self.knobs, Step::Deploy));
                true
            }
            Action::Act(act) => {
                self.last_answer = Some(self.engine.borrow_mut().perform(&self.knobs, Step::Act(act)));
                true
            }
            other => self.act_beside(other),
        }
    }

    /// The actions of what sits beside the stage: the console, the explanation, the lessons'
    /// texts, the YAML panel, the panes and the setup drawer. True when the run changed.
    fn act_beside(&mut self, action: Action) -> bool {
        match action {
            Action::Console(line) if line.trim().is_empty() => false,
            Action::Console(line) => {
                let engine = self.engine.clone();
                let changed = self.type_command(&mut engine.borrow_mut(), &line);
                if changed {
                    // The action row shows kubectl's answer to the last change, typed or pressed.
                    self.last_answer = self.shell.entries().iter().rev().find(|e| !e.job).map(|e| e.answer.clone());
                }
                changed
            }
            Action::Interrupt => {
                self.shell.interrupt();
                false
            }
            Action::Focus(what) => {
                self.focused = what;
                false
            }
            Action::LessonTexts(file) => {
                self.texts = Rc::new(file.and_then(|json| Texts::parse(&json)));
                false
            }
            Action::YamlEdit(text) => {
                self.edit_yaml(Some(text));
                false
            }
            Action::YamlTooLarge => {
                self.edit_yaml(None);
                false
            }
            Action::YamlRevert => {
                self.yaml_draft = None;
                self.yaml_result = None;
                false
            }
            Action::YamlApply(_) if self.pending.is_some() => false,
            Action::YamlApply(create) => {
                let engine = self.engine.clone();
                self.start_apply(engine.borrow().world(), create, false);
                false
            }
            Action::ManifestsRead(reply) => self.manifests_read(reply),
            Action::FillConsole(line) => {
                self.pane = super::Pane::Terminal;
                let count = self.console_fill.as_ref().map_or(0, |(n, _)| n.wrapping_add(1));
                self.console_fill = Some((count, line.into()));
                false
            }
            Action::ShowPane(pane) => {
                self.pane = pane;
                false
            }
            Action::SetupOpen(open) => {
                self.setup_open = open;
                false
            }
            Action::StartLesson(_)
            | Action::LessonNext
            | Action::LessonBack
            | Action::ResumeLesson
            | Action::DismissResume
            | Action::LessonShowMe
            | Action::LessonPredict(_)
            | Action::LessonChoose(_)
            | Action::ExitLesson
            | Action::ToggleClassroom
            | Action::ClassroomKey
            | Action::ClassroomBack => false,
            // The clock and the run's own actions are `act`'s.
            Action::Step
            | Action::Advance(_)
            | Action::Frame(_)
            | Action::Share(_)
            | Action::TogglePlay
            | Action::SetSpeed(_)
            | Action::Seek(_)
            | Action::Restart
            | Action::SetLang(_)
            | Action::Edit(_)
            | Action::ApplySetup
            | Action::DeployNewVersion
            | Action::Act(_) => false,
        }
    }

    /// Runs up to `n` engine steps; in a lesson, stops at the step that does what the lesson
    /// waits for (a moment such as "no endpoints" may last less than the steps asked for).
    /// Returns the steps run.
    fn run_steps(&mut self, n: u64) -> u64 {
        let waiting = self.tutor.as_ref().is_some_and(|t| !t.done);
        let mut printed = Printed::default();
        let mut ran = n;
        for i in 0..n {
            self.engine.borrow_mut().step();
            self.shell.poll(self.engine.borrow().world(), &mut printed);
            if waiting && self.check_lesson() {
                ran = i + 1;
                break;
            }
        }
        let now = self.engine.borrow().world().time();
        self.shell.show(printed, now);
        ran
    }

    /// The applied settings become the draft's, when the apiserver would take them; the run starts
    /// again. True when it did.
    fn apply_draft(&mut self) -> bool {
        if !self.draft.errors().is_empty() {
            return false;
        }
        self.stop_all();
        self.knobs = self.draft.clone();
        self.start_again(self.fresh_engine());
        self.share_error = None;
        true
    }
}
