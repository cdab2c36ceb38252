//! The lesson actions: starting a lesson, its next step and the step before, a prediction, "Show
//! me" (what the step asks, done through the same doors as the page's controls), classroom mode,
//! and a lesson resumed where it was left.

use std::rc::Rc;

use crate::lesson::{Do, Then, Tutor, LESSONS};

use super::{Action, AppState, KnobEdit, Opening, Replay, Shell};

impl AppState {
    /// The lesson actions; `None` for any other. `Some(true)` when the run changed.
    pub(super) fn lesson_action(&mut self, action: &Action) -> Option<bool> {
        let changed = match action {
            Action::StartLesson(i) => {
                let lesson = LESSONS.get(*i)?;
                self.knobs = (lesson.knobs)();
                self.draft = self.knobs.clone();
                self.seed = lesson.seed;
                self.tutor = Some(Tutor::new(*i));
                self.start_again(self.fresh_engine());
                self.shell = Shell::default();
                // An apply being read was for the run that is gone; the learner's text stays.
                self.pending = None;
                self.yaml_result = None;
                self.focused = None;
                self.share_error = None;
                self.resume = None;
                true
            }
            Action::ResumeLesson => {
                let run = self.resume.take()?;
                self.resume_lesson(&run);
                true
            }
            Action::DismissResume => {
                self.resume = None;
                false
            }
            Action::LessonBack => {
                // Nothing in the run changes: the step before is shown as it was left.
                self.tutor.as_mut()?.go_back();
                self.playing = false;
                false
            }
            Action::ClassroomBack => {
                self.tutor.as_ref().filter(|_| self.classroom)?;
                return self.lesson_action(&Action::LessonBack);
            }
            Action::LessonNext => {
                let tutor = self.tutor.as_mut()?;
                if tutor.go_on() {
                    let id = tutor.lesson().id;
                    if !self.completed.contains(&id) {
                        let mut done = (*self.completed).clone();
                        done.push(id);
                        self.completed = Rc::new(done);
                    }
                }
                self.playing = false;
                false
            }
            Action::LessonPredict(n) => {
                let now = self.engine.borrow().world().time();
                self.tutor.as_mut()?.predict(crate::lesson::Choice::is(*n), now);
                false
            }
            Action::LessonChoose(choice) => {
                let now = self.engine.borrow().world().time();
                self.tutor.as_mut()?.predict(*choice, now);
                false
            }
            Action::LessonShowMe => {
                let Some(Then::Do { what, .. }) = self.tutor.as_ref()?.current().map(|s| &s.then) else {
                    return Some(false);
                };
                let changed = self.show_me(*what);
                // What is left to see happens as the clock runs (the step then stops it).
                self.check_lesson();
                let done = self.tutor.as_ref().is_some_and(|t| t.done);
                // A moment gone back to, or a pod explained, is looked at paused: the clock
                // running on would carry the learner away from it.
                self.playing = !done && !matches!(what, Do::Draft(_) | Do::Settings(_) | Do::Seek(_) | Do::Explain(_));
                changed
            }
            Action::ExitLesson => {
                self.tutor = None;
                false
            }
            Action::ToggleClassroom => {
                self.classroom = !self.classroom;
                false
            }
            Action::ClassroomKey => {
                let tutor = self.tutor.as_ref().filter(|_| self.classroom)?;
                let waiting = !tutor.done && matches!(tutor.current().map(|s| &s.then), Some(Then::Do { .. }));
                return self.lesson_action(if waiting { &Action::LessonShowMe } else { &Action::LessonNext });
            }
            _ => return None,
        };
        self.open_what_the_step_uses();
        Some(changed)
    }

    /// A step that asks for settings opens the setup, and one that asks for a command shows the
    /// terminal: what the learner is to use is on screen, beside the stage.
    pub(super) fn open_what_the_step_uses(&mut self) {
        match self.tutor.as_ref().filter(|t| !t.done).and_then(|t| t.current()).map(|s| &s.then) {
            Some(Then::Do { what: Do::Draft(_) | Do::Settings(_), .. }) => self.setup_open = true,
            Some(Then::Do { what: Do::Kubectl(_), .. }) => self.pane = super::Pane::Terminal,
            _ => {}
        }
    }

    /// Takes up a lesson kept in the browser: its settings and run (replayed a slice per frame,
    /// as a shared link opens), at the step and with the predictions it was left with. The page's
    /// language stays the learner's; the engine stays the page's one (its contents replaced).
    fn resume_lesson(&mut self, run: &crate::share::SharedRun) {
        self.knobs = run.knobs.clone();
        self.draft = run.knobs.clone();
        self.seed = run.seed;
        self.speed = run.speed;
        self.tutor = run.lesson.as_ref().map(Tutor::at);
        self.stop_all();
        self.start_again(crate::session::Engine::new(&run.knobs, run.seed));
        self.shell = Shell::default();
        self.pending = None;
        self.yaml_result = None;
        self.focused = run.focused.clone();
        self.share_error = None;
        self.opening = Some(Opening::new(Replay::new(&run.knobs, run.seed, run.timeline.clone(), run.end, run.at)));
    }

    /// The part of the page the lesson's step talks about (none while a link is being opened).
    pub fn lesson_spot(&self) -> Option<crate::lesson::focus::Spot> {
        let tutor = self.tutor.as_ref().filter(|_| self.opening.is_none())?;
        crate::lesson::focus::spot(tutor.lesson(), tutor.step)
    }

    /// On a lesson's Reveal step: the learner's prediction and the engine's figure.
    pub fn reveal(&self) -> Option<(Option<crate::lesson::Choice>, i64)> {
        self.tutor.as_ref()?.reveal(&self.knobs, &self.engine.borrow())
    }

    /// "Show me": does what the step asks through the same doors as the learner (the command
    /// typed in the console, the button pressed, the settings changed). True when the run changed.
    fn show_me(&mut self, what: Do) -> bool {
        match what {
            Do::Play => false,
            Do::Kubectl(line) => {
                // The command is typed where the learner would type it: the terminal is shown.
                self.pane = super::Pane::Terminal;
                self.act(Action::Console(line.into()))
            }
            Do::Deploy => self.act(Action::DeployNewVersion),
            Do::Act(act) => self.act(Action::Act(act)),
            // The slider is dragged to the moment (no further than the run has reached).
            Do::Seek(t) => self.act(Action::Seek(t)),
            // The first pod in the state asked for is focused, as a click on it focuses it; when
            // the moment shown has none, nothing is (the step waits for the learner).
            Do::Explain(state) => {
                let pod = state.find(&self.knobs, self.engine.borrow().world()).map(str::to_string);
                if pod.is_some() {
                    self.act(Action::Focus(pod));
                }
                false
            }
            Do::Draft(settings) | Do::Settings(settings) => {
                // The settings are changed where the learner would change them: the setup opens.
                self.setup_open = true;
                for s in settings {
                    self.act(Action::Edit(KnobEdit::Setting(*s)));
                }
                matches!(what, Do::Settings(_)) && self.act(Action::ApplySetup)
            }
        }
    }
}
