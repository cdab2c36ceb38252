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
use crate::lesson::{self, Do, Texts, Then, Tutor, LESSONS};
pub use crate::session::Engine;
use crate::session::Step;
use crate::setup::{Act, Knobs};
use crate::share::{ShareError, SharedRun};
use crate::sim::restore::ClusterState;
use crate::sim::{SimDuration, SimTime, DEFAULT_TICK};

/// The seed a fresh page starts from; a shared run carries its own.
pub const DEFAULT_SEED: u64 = 1;
pub use crate::session::{MAX_SPEED, MIN_SPEED};
/// The most engine steps one animation frame may run, so that a slow frame never snowballs.
const MAX_STEPS_PER_FRAME: u64 = 40;

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
    /// The console's lines so far: each command typed and kubectl's answer.
    pub console: Rc<Vec<ConsoleEntry>>,
    /// The console's last command while it keeps running (`get -w`, `rollout status`, the curl
    /// loop): read after every step, its lines added to the last entry, until Ctrl+C.
    watch: Option<Rc<RefCell<crate::kubectl::Watch>>>,
    /// The command run in the background (`CMD &`, job `%1`): what it prints goes between the
    /// learner's commands, as a shell's background job does, until `kill %1`.
    job: Option<(String, Rc<RefCell<crate::kubectl::Watch>>)>,
    /// The pod or ReplicaSet whose state is explained.
    pub focused: Option<String>,
    /// Why the link the page was opened with could not be opened (the default run is shown).
    pub share_error: Option<ShareError>,
    /// The link to this run, made when the learner asked for it (the URL fragment, `#run=…`),
    /// and whether they asked for it as a link or as an `<iframe>`.
    pub share_link: Option<String>,
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
}

/// An apply waiting for the YAML reader.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub request: Rc<crate::kubectl::apply::Request>,
    /// Typed in the console (its answer goes there too).
    pub console: bool,
}

/// What an apply of the panel answered: kubectl's lines or its error, the line of the text the
/// error is about, and whether a new run started from a cluster's state pasted in the panel.
#[derive(Clone, Debug, PartialEq)]
pub struct YamlResult {
    pub answer: Result<String, String>,
    pub line: Option<usize>,
    pub restored: bool,
}

/// A command typed in the console, the moment it was typed at, and kubectl's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleEntry {
    pub line: String,
    pub at: SimTime,
    pub answer: Result<String, String>,
    /// Still running: its answer grows as the clock runs.
    pub running: bool,
    /// What the background job printed (no command of its own).
    pub job: bool,
    /// Waiting for the YAML reader (`apply -f manifests.yaml`).
    pub reading: bool,
}

/// The console lines kept (the oldest go first).
pub const CONSOLE_LINES: usize = 200;

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
            && Rc::ptr_eq(&self.console, &other.console)
            && self.job.as_ref().map(|(l, _)| l) == other.job.as_ref().map(|(l, _)| l)
            && self.focused == other.focused
            && (&self.share_error, &self.share_link, self.share_kind, self.embed)
                == (&other.share_error, &other.share_link, other.share_kind, other.embed)
            && (&self.tutor, &self.completed, self.classroom) == (&other.tutor, &other.completed, other.classroom)
            && (&self.yaml_draft, &self.pending, &self.yaml_result)
                == (&other.yaml_draft, &other.pending, &other.yaml_result)
    }
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        let knobs = Knobs::default();
        AppState::with_run(lang, Engine::new(&knobs, DEFAULT_SEED), knobs, DEFAULT_SEED)
    }

    fn with_run(lang: Lang, engine: Engine, knobs: Knobs, seed: u64) -> Self {
        AppState {
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
            console: Rc::default(),
            watch: None,
            job: None,
            focused: None,
            share_error: None,
            share_link: None,
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
        }
    }

    /// The run started again from the beginning with the applied settings: a lesson's run starts
    /// with its app up ([`lesson::START`]).
    fn fresh_engine(&self) -> Engine {
        match self.tutor {
            Some(_) => lesson::engine(&self.knobs, self.seed),
            None => Engine::new(&self.knobs, self.seed),
        }
    }

    /// Looks at the lesson's step after a change of the run; when that made the step done, the
    /// clock stops there, so that the learner sees the moment. True when it did.
    fn check_lesson(&mut self) -> bool {
        let Some(tutor) = &mut self.tutor else { return false };
        let met = tutor.check(&self.knobs, &self.draft, &self.engine.borrow());
        if met {
            self.playing = false;
        }
        met
    }

    /// Runs up to `n` engine steps; in a lesson, stops at the step that does what the lesson
    /// waits for (a moment such as "no endpoints" may last less than the steps asked for).
    /// Returns the steps run.
    fn run_steps(&mut self, n: u64) -> u64 {
        let waiting = self.tutor.as_ref().is_some_and(|t| !t.done);
        let (mut printed, mut in_background) = (Vec::new(), Vec::new());
        let mut ran = n;
        for i in 0..n {
            self.engine.borrow_mut().step();
            if let Some(watch) = &self.watch {
                printed.extend(watch.borrow_mut().poll(self.engine.borrow().world()));
            }
            if let Some((_, job)) = &self.job {
                in_background.extend(job.borrow_mut().poll(self.engine.borrow().world()));
            }
            if waiting && self.check_lesson() {
                ran = i + 1;
                break;
            }
        }
        let done = self.watch.as_ref().is_some_and(|w| w.borrow().done());
        if !printed.is_empty() || done {
            self.print(&printed, !done);
        }
        if let Some((line, job)) = &self.job {
            if job.borrow().done() {
                in_background.push(format!("[1]+  Done                    {line}"));
                self.job = None;
            }
        }
        if !in_background.is_empty() {
            self.print_job(&in_background);
        }
        ran
    }

    /// Adds `lines` to the running command's answer; `running` false when it has returned.
    fn print(&mut self, lines: &[String], running: bool) {
        let mut entries = (*self.console).clone();
        if let Some(entry) = entries.iter_mut().rev().find(|e| e.running) {
            append(&mut entry.answer, lines);
            entry.running = running;
        }
        if !running {
            self.watch = None;
        }
        self.console = Rc::new(entries);
    }

    /// Adds what the background job printed after the newest line, as a terminal shows it.
    fn print_job(&mut self, lines: &[String]) {
        let mut entries = (*self.console).clone();
        match entries.last_mut().filter(|e| e.job) {
            Some(entry) => append(&mut entry.answer, lines),
            None => {
                if entries.len() == CONSOLE_LINES {
                    entries.remove(0);
                }
                let at = self.engine.borrow().world().time();
                let mut answer = Ok(String::new());
                append(&mut answer, lines);
                entries.push(ConsoleEntry {
                    line: String::new(),
                    at,
                    answer,
                    running: false,
                    job: true,
                    reading: false,
                });
            }
        }
        self.console = Rc::new(entries);
    }

    /// Ctrl+C: the running command stops (the terminal shows `^C`).
    fn interrupt(&mut self) {
        if self.watch.is_some() {
            self.print(&["^C".to_string()], false);
        }
    }

    /// The running command and the background job stop (a restart or a seek: what they
    /// printed was of a time that is gone).
    fn stop_all(&mut self) {
        self.interrupt();
        if let Some((line, _)) = self.job.take() {
            self.print_job(&[format!("[1]+  Terminated              {line}")]);
        }
        // An apply still being read was for the run that is gone: its reply is dropped.
        if self.pending.take().is_some_and(|p| p.console) {
            self.answer_reading(Err("^C".into()));
        }
    }

    /// Sends the panel's text (the draft, or the manifests of `world`, the run's cluster, as
    /// shown) to the YAML reader. The caller lends the world: the engine may be borrowed already.
    fn start_apply(&mut self, world: &crate::sim::World, create: bool, console: bool) {
        let text = match &self.yaml_draft {
            Some(draft) => (**draft).clone(),
            None => crate::kubectl::apply::manifests(world),
        };
        self.last_request = self.last_request.wrapping_add(1);
        let request = crate::kubectl::apply::Request {
            id: self.last_request,
            file: crate::kubectl::apply::PANEL_FILE.into(),
            text,
            create,
        };
        self.pending = Some(Pending { request: Rc::new(request), console });
        self.yaml_result = None;
    }

    /// The YAML reader's reply (its JSON), or why it could not be reached: the objects read are
    /// applied, as one step of the run; a refusal is shown at its line, and the text is kept.
    /// True when the run changed.
    fn manifests_read(&mut self, reply: Result<String, String>) -> bool {
        use crate::kubectl::apply::{Read, Reply};
        // Read from bytes, as a shared link is: one copy of the objects' readers in the bundle.
        let reply = reply.and_then(|json| serde_json::from_slice::<Reply>(json.as_bytes()).map_err(|e| e.to_string()));
        let Some(pending) = self.pending.take_if(|p| reply.as_ref().map_or(true, |r| r.id == p.request.id)) else {
            return false;
        };
        let create = pending.request.create;
        let refused = |answer, line| (YamlResult { answer: Err(answer), line, restored: false }, false);
        let (result, changed) = match reply.map(|r| r.result) {
            Err(e) => refused(format!("error: {e}"), None),
            Ok(Err(problem)) => refused(problem.message, problem.line),
            Ok(Ok(Read::Manifests(objects))) if objects.is_empty() => {
                let verb = if create { "create" } else { "apply" };
                refused(format!("error: no objects passed to {verb}"), None)
            }
            Ok(Ok(Read::Manifests(objects))) => {
                let step = Step::Apply { create, objects };
                let answer = self.engine.borrow_mut().perform(&self.knobs, step);
                if answer.is_ok() {
                    // Applied: the panel shows the cluster again, with what was applied in it.
                    self.yaml_draft = None;
                }
                (YamlResult { answer, line: None, restored: false }, true)
            }
            Ok(Ok(Read::State(state))) => self.restore(*state),
        };
        if pending.console {
            let answer = match &result.answer {
                Ok(lines) if result.restored => {
                    Ok(format!("{lines}\n{}", crate::i18n::tr(self.lang, crate::i18n::Text::YamlRestored)))
                }
                answer => answer.clone(),
            };
            self.answer_reading(answer);
        }
        self.yaml_result = Some(Rc::new(result));
        changed
    }

    /// A cluster's state pasted in the panel (`kubectl get deploy,rs,pods -o yaml`): a new run
    /// starts from it, with the seed and settings of this one. A state the engine refuses leaves
    /// the run as it was.
    fn restore(&mut self, state: ClusterState) -> (YamlResult, bool) {
        let mut engine = self.fresh_engine();
        let answer = engine.perform(&self.knobs, Step::Restore(Box::new(state)));
        if answer.is_err() {
            return (YamlResult { answer, line: None, restored: false }, false);
        }
        self.stop_all();
        *self.engine.borrow_mut() = engine;
        self.setup_generation += 1;
        self.playing = false;
        self.last_answer = None;
        self.yaml_draft = None;
        (YamlResult { answer, line: None, restored: true }, true)
    }

    /// The console's `apply -f` waiting for the reader gets its answer.
    fn answer_reading(&mut self, answer: Result<String, String>) {
        let mut entries = (*self.console).clone();
        if let Some(entry) = entries.iter_mut().rev().find(|e| e.reading) {
            entry.answer = answer;
            entry.reading = false;
        }
        self.console = Rc::new(entries);
    }

    /// `jobs`, `kill %1`, `fg`: the shell's answer.
    fn job_control(&mut self, line: &str, control: crate::kubectl::JobControl) -> Result<String, String> {
        use crate::kubectl::JobControl;
        let job = self.job.as_ref().map(|(l, _)| l.clone());
        match (control, job) {
            (JobControl::List, Some(job)) => Ok(format!("[1]+  Running                 {job} &")),
            (JobControl::List, None) => Ok(String::new()),
            (JobControl::Kill, Some(job)) => {
                self.job = None;
                Ok(format!("[1]+  Terminated              {job}"))
            }
            (JobControl::Kill, None) => Err("bash: kill: %1: no such job".into()),
            (JobControl::NoSuchJob, _) => {
                let target = line.split_whitespace().last().unwrap_or_default();
                Err(format!("bash: kill: {target}: no such job (the console's job is %1)"))
            }
            (JobControl::Foreground, _) => {
                Err("bash: fg: the console keeps its job in the background; kill %1 stops it".into())
            }
        }
    }

    /// A command typed in the console (or by "show me"): a command that only reads is answered
    /// from the cluster as it is; any other is a step of the run (kept only if kubectl could read
    /// it). True when the run changed.
    fn type_command(&mut self, engine: &mut Engine, line: &str) -> bool {
        // A terminal takes the next command once the running one is stopped.
        self.interrupt();
        let line = line.trim().to_string();
        let at = engine.world().time();
        let mut running = false;
        let background = crate::kubectl::in_background(&line)
            .and_then(|command| Some((command, crate::kubectl::Watch::start(engine.world(), command)?)));
        let mut reading = false;
        let (answer, changed) = if let Some(control) = crate::kubectl::job_control(&line) {
            (self.job_control(&line, control), false)
        } else if let Some((create, file)) = crate::kubectl::apply::command(&line) {
            use crate::i18n::{tr, Text};
            match file {
                Err(e) => {
                    let hint = tr(self.lang, if create { Text::YamlIsTheFileCreate } else { Text::YamlIsTheFileApply });
                    (Err(format!("{e}\n{hint}")), false)
                }
                Ok(()) if self.pending.is_some() => (Err(tr(self.lang, Text::YamlBusy).into()), false),
                Ok(()) => {
                    self.start_apply(engine.world(), create, true);
                    reading = true;
                    (Ok(String::new()), false)
                }
            }
        } else if let Some((command, started)) = background {
            let answer = match started {
                _ if self.job.is_some() => {
                    Err("bash: the console runs one job in the background: kill %1 stops it first".to_string())
                }
                Ok((watch, first)) => {
                    self.job = Some((command.to_string(), Rc::new(RefCell::new(watch))));
                    Ok(if first.is_empty() { "[1]".to_string() } else { format!("[1]\n{first}") })
                }
                Err(e) => Err(e),
            };
            (answer, false)
        } else if let Some(started) = crate::kubectl::Watch::start(engine.world(), &line) {
            let answer = started.map(|(watch, first)| {
                running = !watch.done();
                self.watch = running.then(|| Rc::new(RefCell::new(watch)));
                first
            });
            (answer, false)
        } else if let Some(answer) = crate::kubectl::curl_once(engine.world(), &line) {
            (answer, false)
        } else {
            match crate::kubectl::read_line(engine.world(), &line) {
                Some(answer) => (answer, false),
                None => (engine.perform(&self.knobs, Step::Kubectl(line.clone())), true),
            }
        };
        let mut entries = (*self.console).clone();
        if entries.len() == CONSOLE_LINES {
            entries.remove(0);
        }
        if let Some(tutor) = &mut self.tutor {
            tutor.heard(&line);
        }
        entries.push(ConsoleEntry { line, at, answer, running, job: false, reading });
        self.console = Rc::new(entries);
        changed
    }

    /// The applied settings become the draft's, when the apiserver would take them; the run starts
    /// again. True when it did.
    fn apply_draft(&mut self) -> bool {
        if !self.draft.errors().is_empty() {
            return false;
        }
        self.stop_all();
        self.knobs = self.draft.clone();
        *self.engine.borrow_mut() = self.fresh_engine();
        self.setup_generation += 1;
        self.playing = false;
        self.last_answer = None;
        self.share_error = None;
        true
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
                let (engine, last_answer) = Engine::replay(&run.knobs, run.seed, &run.timeline, run.end, run.at);
                AppState {
                    speed: run.speed,
                    last_answer,
                    focused: run.focused,
                    ..AppState::with_run(run.lang, engine, run.knobs, run.seed)
                }
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
        }
    }

    /// The command running in the background, if any.
    pub fn job(&self) -> Option<String> {
        self.job.as_ref().map(|(line, _)| line.clone())
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
    /// The lessons' texts arrived (the file's text), or could not be fetched.
    LessonTexts(Result<String, String>),
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
    /// A command typed in the console.
    Console(String),
    /// Ctrl+C in the console: the running command stops.
    Interrupt,
    Focus(Option<String>),
    /// Makes the link to the run as it is now.
    Share(ShareKind),
    /// Starts lesson `i` of [`LESSONS`] (its settings and run replace the page's).
    StartLesson(usize),
    /// The lesson's next step (a step not done yet is skipped).
    LessonNext,
    /// Does what the lesson's step asks, then plays until it has happened.
    LessonShowMe,
    /// The learner's prediction for the step shown.
    LessonPredict(i64),
    /// Leaves the lesson; its run stays on the page for free play.
    ExitLesson,
    ToggleClassroom,
    /// The classroom key (PageDown or N): the next step, or "show me" while a step waits.
    ClassroomKey,
    /// The learner's text in the YAML panel.
    YamlEdit(String),
    /// The panel shows the run's manifests again (the learner's text is dropped).
    YamlRevert,
    /// `kubectl apply -f manifests.yaml` (`create -f` when true) from the panel's buttons.
    YamlApply(bool),
    /// The YAML reader's reply (its JSON), or why it could not be reached.
    ManifestsRead(Result<String, String>),
}

impl AppState {
    /// The lesson actions; `None` for any other. `Some(true)` when the run changed.
    fn lesson_action(&mut self, action: &Action) -> Option<bool> {
        let changed = match action {
            Action::StartLesson(i) => {
                let lesson = LESSONS.get(*i)?;
                self.knobs = (lesson.knobs)();
                self.draft = self.knobs.clone();
                self.seed = lesson.seed;
                self.tutor = Some(Tutor::new(*i));
                *self.engine.borrow_mut() = self.fresh_engine();
                self.setup_generation += 1;
                self.playing = false;
                self.last_answer = None;
                self.console = Rc::default();
                self.watch = None;
                self.job = None;
                // An apply being read was for the run that is gone; the learner's text stays.
                self.pending = None;
                self.yaml_result = None;
                self.focused = None;
                self.share_error = None;
                true
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
                self.tutor.as_mut()?.predict(*n, now);
                false
            }
            Action::LessonShowMe => {
                let Some(Then::Do { what, .. }) = self.tutor.as_ref()?.current().map(|s| &s.then) else {
                    return Some(false);
                };
                let engine = self.engine.clone();
                let changed = match *what {
                    Do::Play => false,
                    Do::Kubectl(line) => self.type_command(&mut engine.borrow_mut(), line),
                    Do::Deploy => {
                        self.last_answer = Some(engine.borrow_mut().perform(&self.knobs, Step::Deploy));
                        true
                    }
                    Do::Act(act) => {
                        self.last_answer = Some(engine.borrow_mut().perform(&self.knobs, Step::Act(act)));
                        true
                    }
                    Do::Draft(settings) | Do::Settings(settings) => {
                        for s in settings {
                            s.apply(&mut self.draft);
                        }
                        matches!(what, Do::Settings(_)) && self.apply_draft()
                    }
                };
                // What is left to see happens as the clock runs (the step then stops it).
                self.check_lesson();
                let done = self.tutor.as_ref().is_some_and(|t| t.done);
                self.playing = !done && !matches!(what, Do::Draft(_) | Do::Settings(_));
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
        Some(changed)
    }
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
                steps
            };
            if steps == 0 {
                return self;
            }
            let mut next = (*self).clone();
            next.run_steps(steps);
            next.generation += 1;
            next.share_link = None;
            return Rc::new(next);
        }
        if let Action::Share(kind) = action {
            // The link is to the moment shown: the run stops there.
            let mut next = (*self).clone();
            next.playing = false;
            next.share_error = None;
            next.share_kind = kind;
            next.share_link = Some(crate::share::fragment(&next.shared()));
            return Rc::new(next);
        }
        let mut next = (*self).clone();
        if let Some(changed) = next.lesson_action(&action) {
            if changed {
                next.generation += 1;
                next.share_link = None;
            }
            next.check_lesson();
            return Rc::new(next);
        }
        let changed_engine = {
            let engine = next.engine.clone();
            let mut engine = engine.borrow_mut();
            match action {
                Action::Step | Action::Advance(_) => {
                    drop(engine);
                    next.run_steps(if let Action::Advance(n) = action { u64::from(n) } else { 1 });
                    true
                }
                Action::Frame(_) | Action::Share(_) => false,
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
                    // What a watch printed is of the time left: it stops there.
                    next.stop_all();
                    engine.seek(t);
                    true
                }
                Action::Restart => {
                    next.stop_all();
                    *engine = next.fresh_engine();
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
                    drop(engine);
                    next.apply_draft()
                }
                Action::DeployNewVersion => {
                    next.last_answer = Some(engine.perform(&next.knobs, Step::Deploy));
                    true
                }
                Action::Act(act) => {
                    next.last_answer = Some(engine.perform(&next.knobs, Step::Act(act)));
                    true
                }
                Action::Console(line) if line.trim().is_empty() => false,
                Action::Console(line) => next.type_command(&mut engine, &line),
                Action::Interrupt => {
                    next.interrupt();
                    false
                }

                Action::Focus(what) => {
                    next.focused = what;
                    false
                }
                Action::LessonTexts(file) => {
                    next.texts = Rc::new(file.and_then(|json| Texts::parse(&json)));
                    false
                }
                Action::YamlEdit(text) => {
                    next.yaml_draft = Some(Rc::new(text));
                    false
                }
                Action::YamlRevert => {
                    next.yaml_draft = None;
                    next.yaml_result = None;
                    false
                }
                Action::YamlApply(_) if next.pending.is_some() => false,
                Action::YamlApply(create) => {
                    next.start_apply(engine.world(), create, false);
                    false
                }
                Action::ManifestsRead(reply) => {
                    drop(engine);
                    next.manifests_read(reply)
                }
                Action::StartLesson(_)
                | Action::LessonNext
                | Action::LessonShowMe
                | Action::LessonPredict(_)
                | Action::ExitLesson
                | Action::ToggleClassroom
                | Action::ClassroomKey => false,
            }
        };
        if changed_engine {
            next.generation += 1;
            // A link made before is to another moment now.
            next.share_link = None;
        }
        next.check_lesson();
        Rc::new(next)
    }
}

/// How long a run's slider spans at least, so that a fresh run has room to scrub into.
pub const MIN_SLIDER_SPAN: SimDuration = SimDuration::from_secs(10);

/// Adds `lines` to a console answer, keeping its last [`crate::kubectl::MAX_LINES`].
fn append(answer: &mut Result<String, String>, lines: &[String]) {
    let text = match answer {
        Ok(text) | Err(text) => text,
    };
    for line in lines {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(line);
    }
    let extra = text.matches('\n').count().saturating_sub(crate::kubectl::MAX_LINES - 1);
    if extra > 0 {
        let cut = text.match_indices('\n').nth(extra - 1).map_or(0, |(i, _)| i + 1);
        text.drain(..cut);
    }
}
