//! The console's shell: what a typed line is (job control, `apply -f`, a background job, a
//! command that keeps running, `curl`, a command that only reads, or one that changes the
//! cluster), the one command that keeps running until Ctrl+C, the one background job (`CMD &`,
//! `jobs`, `kill %1`) and bash's answers about it, and the history the arrow keys go through.

use std::cell::RefCell;
use std::rc::Rc;

use crate::kubectl::{JobControl, Watch};
use crate::session::{Engine, Step};
use crate::sim::{SimTime, World};

use super::AppState;

/// The console lines kept (the oldest go first).
pub const CONSOLE_LINES: usize = 200;

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

/// The console's state: its lines, the command still running and the background job.
#[derive(Clone, Debug, Default)]
pub struct Shell {
    /// The console's lines so far: each command typed and kubectl's answer.
    entries: Rc<Vec<ConsoleEntry>>,
    /// The console's last command while it keeps running (`get -w`, `rollout status`, the curl
    /// loop): read after every step, its lines added to the last entry, until Ctrl+C.
    watch: Option<Rc<RefCell<Watch>>>,
    /// The command run in the background (`CMD &`, job `%1`): what it prints goes between the
    /// learner's commands, as a shell's background job does, until `kill %1`.
    job: Option<(String, Rc<RefCell<Watch>>)>,
}

impl PartialEq for Shell {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.entries, &other.entries) && self.job() == other.job()
    }
}

/// What a typed line is, in the order the shell tells them apart.
pub enum Typed<'a> {
    /// `jobs`, `kill %1`, `fg`.
    JobControl(JobControl),
    /// `kubectl apply|create -f …` (`create` when true): only `manifests.yaml`, the YAML panel's
    /// text, can be read (the error otherwise).
    Apply { create: bool, file: Result<(), String> },
    /// `CMD &` where CMD keeps running: started (with what it printed first) or refused.
    Background { command: &'a str, started: Result<(Watch, String), String> },
    /// A command that keeps running (`get -w`, `rollout status`, the curl loop): started (with
    /// what it printed first) or refused.
    Watch(Result<(Watch, String), String>),
    /// `curl` once, or a kubectl command that only reads: its answer from the cluster as it is.
    Answer(Result<String, String>),
    /// Anything else: a kubectl command that changes the cluster, a step of the run.
    Change,
}

/// What `line` (trimmed) is on the cluster `world`.
pub fn dispatch<'a>(world: &World, line: &'a str) -> Typed<'a> {
    let background = crate::kubectl::in_background(line)
        .and_then(|command| Some((command, crate::kubectl::Watch::start(world, command)?)));
    if let Some(control) = crate::kubectl::job_control(line) {
        Typed::JobControl(control)
    } else if let Some((create, file)) = crate::kubectl::apply::command(line) {
        Typed::Apply { create, file }
    } else if let Some((command, started)) = background {
        Typed::Background { command, started }
    } else if let Some(started) = crate::kubectl::Watch::start(world, line) {
        Typed::Watch(started)
    } else if let Some(answer) = crate::kubectl::curl_once(world, line) {
        Typed::Answer(answer)
    } else {
        match crate::kubectl::read_line(world, line) {
            Some(answer) => Typed::Answer(answer),
            None => Typed::Change,
        }
    }
}

/// What the running command and the background job printed over some steps of the run, in the
/// order a terminal shows it: both write to the one screen, step by step.
#[derive(Default)]
pub struct Printed {
    lines: Vec<(Source, String)>,
    /// The step at which the running command returned, as an index into `lines`.
    returned_at: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Command,
    Job,
}

impl Shell {
    /// The console's lines so far.
    pub fn entries(&self) -> &Rc<Vec<ConsoleEntry>> {
        &self.entries
    }

    /// The command running in the background, if any.
    pub fn job(&self) -> Option<&str> {
        self.job.as_ref().map(|(line, _)| line.as_str())
    }

    /// True while a command keeps running (Ctrl+C stops it).
    pub fn running(&self) -> bool {
        self.entries.iter().rev().any(|e| e.running)
    }

    /// Reads the running command and the background job after one step of the run.
    pub fn poll(&self, world: &World, printed: &mut Printed) {
        if let Some(watch) = &self.watch {
            if printed.returned_at.is_none() {
                let mut watch = watch.borrow_mut();
                printed.lines.extend(watch.poll(world).into_iter().map(|l| (Source::Command, l)));
                if watch.done() {
                    printed.returned_at = Some(printed.lines.len());
                }
            }
        }
        if let Some((_, job)) = &self.job {
            printed.lines.extend(job.borrow_mut().poll(world).into_iter().map(|l| (Source::Job, l)));
        }
    }

    /// Shows what was printed over the steps just run (`now`: the clock after them); a command
    /// or a job that has ended says so.
    ///
    /// While a command runs in the foreground, what the background job prints goes between its
    /// lines, in the order printed (a terminal has one screen); after it returns, the job's lines
    /// follow the newest entry.
    pub fn show(&mut self, printed: Printed, now: SimTime) {
        let Printed { lines, returned_at } = printed;
        let (mut in_foreground, mut in_background) = (Vec::new(), Vec::new());
        let foreground = self.watch.is_some();
        for (i, (source, line)) in lines.into_iter().enumerate() {
            let returned = returned_at.is_some_and(|at| i >= at);
            if foreground && !returned {
                in_foreground.push(line);
            } else if source == Source::Job {
                in_background.push(line);
            }
        }
        let done = returned_at.is_some() || self.watch.as_ref().is_some_and(|w| w.borrow().done());
        if foreground && (!in_foreground.is_empty() || done) {
            self.print(&in_foreground, !done);
        }
        if let Some((line, job)) = &self.job {
            if job.borrow().done() {
                in_background.push(format!("[1]+  Done                    {line}"));
                self.job = None;
            }
        }
        if !in_background.is_empty() {
            self.print_job(&in_background, now);
        }
    }

    /// Adds `lines` to the running command's answer; `running` false when it has returned.
    fn print(&mut self, lines: &[String], running: bool) {
        let mut entries = (*self.entries).clone();
        if let Some(entry) = entries.iter_mut().rev().find(|e| e.running) {
            append(&mut entry.answer, lines);
            entry.running = running;
        }
        if !running {
            self.watch = None;
        }
        self.entries = Rc::new(entries);
    }

    /// Adds what the background job printed after the newest line, as a terminal shows it.
    fn print_job(&mut self, lines: &[String], now: SimTime) {
        let mut entries = (*self.entries).clone();
        match entries.last_mut().filter(|e| e.job) {
            Some(entry) => append(&mut entry.answer, lines),
            None => {
                if entries.len() == CONSOLE_LINES {
                    entries.remove(0);
                }
                let mut answer = Ok(String::new());
                append(&mut answer, lines);
                entries.push(ConsoleEntry {
                    line: String::new(),
                    at: now,
                    answer,
                    running: false,
                    job: true,
                    reading: false,
                });
            }
        }
        self.entries = Rc::new(entries);
    }

    /// Ctrl+C: the running command stops (the terminal shows `^C`).
    pub fn interrupt(&mut self) {
        if self.watch.is_some() {
            self.print(&["^C".to_string()], false);
        }
    }

    /// The running command and the background job stop (`now`: the clock as they stop).
    pub fn stop_all(&mut self, now: SimTime) {
        self.interrupt();
        if let Some((line, _)) = self.job.take() {
            self.print_job(&[format!("[1]+  Terminated              {line}")], now);
        }
    }

    /// The console's `apply -f` waiting for the YAML reader gets its answer.
    pub fn answer_reading(&mut self, answer: Result<String, String>) {
        let mut entries = (*self.entries).clone();
        if let Some(entry) = entries.iter_mut().rev().find(|e| e.reading) {
            entry.answer = answer;
            entry.reading = false;
        }
        self.entries = Rc::new(entries);
    }

    /// `jobs`, `kill %1`, `fg`: the shell's answer.
    fn job_control(&mut self, line: &str, control: JobControl) -> Result<String, String> {
        match (control, self.job().map(str::to_string)) {
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

    /// `command &`: job `%1` starts, unless one runs already (the console keeps one).
    fn start_job(&mut self, command: &str, started: Result<(Watch, String), String>) -> Result<String, String> {
        match started {
            _ if self.job.is_some() => {
                Err("bash: the console runs one job in the background: kill %1 stops it first".to_string())
            }
            Ok((watch, first)) => {
                self.job = Some((command.to_string(), Rc::new(RefCell::new(watch))));
                Ok(if first.is_empty() { "[1]".to_string() } else { format!("[1]\n{first}") })
            }
            Err(e) => Err(e),
        }
    }

    /// A command that keeps running starts (until it returns or Ctrl+C); true while it runs.
    fn start_watch(&mut self, started: Result<(Watch, String), String>) -> (Result<String, String>, bool) {
        let mut running = false;
        let answer = started.map(|(watch, first)| {
            running = !watch.done();
            self.watch = running.then(|| Rc::new(RefCell::new(watch)));
            first
        });
        (answer, running)
    }

    /// A new line on the console (the oldest goes when it is full).
    fn push(&mut self, entry: ConsoleEntry) {
        let mut entries = (*self.entries).clone();
        if entries.len() == CONSOLE_LINES {
            entries.remove(0);
        }
        entries.push(entry);
        self.entries = Rc::new(entries);
    }
}

/// An arrow key in the console's prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recall {
    /// ArrowUp: the command typed before.
    Back,
    /// ArrowDown: the command typed after, then a new line.
    On,
}

/// The history, as a shell's arrow keys go through it: from `at` (an index in `entries`, or
/// `None` on a new line), the index to show after `key` (`None`: a new, empty line).
pub fn recall(entries: &[ConsoleEntry], at: Option<usize>, key: Recall) -> Option<usize> {
    let last = entries.len().checked_sub(1)?;
    match (key, at) {
        (Recall::Back, None) => Some(last),
        (Recall::Back, Some(i)) => Some(i.saturating_sub(1)),
        (Recall::On, Some(i)) if i < last => Some(i + 1),
        _ => None,
    }
}

impl AppState {
    /// A command typed in the console (or by "show me"): a command that only reads is answered
    /// from the cluster as it is; any other is a step of the run (kept only if kubectl could read
    /// it). True when the run changed.
    pub(super) fn type_command(&mut self, engine: &mut Engine, line: &str) -> bool {
        // A terminal takes the next command once the running one is stopped.
        self.shell.interrupt();
        let line = line.trim().to_string();
        let at = engine.world().time();
        let (mut running, mut reading) = (false, false);
        let (answer, changed) = match dispatch(engine.world(), &line) {
            Typed::JobControl(control) => (self.shell.job_control(&line, control), false),
            Typed::Apply { create, file } => {
                use crate::i18n::{tr, Text};
                match file {
                    Err(e) => {
                        let hint =
                            tr(self.lang, if create { Text::YamlIsTheFileCreate } else { Text::YamlIsTheFileApply });
                        (Err(format!("{e}\n{hint}")), false)
                    }
                    Ok(()) if self.pending.is_some() => (Err(tr(self.lang, Text::YamlBusy).into()), false),
                    Ok(()) if self.awaiting_prediction() => (Err(tr(self.lang, Text::PredictFirst).into()), false),
                    Ok(()) => {
                        self.start_apply(engine.world(), create, true);
                        reading = true;
                        (Ok(String::new()), false)
                    }
                }
            }
            Typed::Background { command, started } => (self.shell.start_job(command, started), false),
            Typed::Watch(started) => {
                let answer;
                (answer, running) = self.shell.start_watch(started);
                (answer, false)
            }
            Typed::Answer(answer) => (answer, false),
            // A lesson waiting for a prediction holds every change (reads still answer).
            Typed::Change if self.awaiting_prediction() => {
                (Err(crate::i18n::tr(self.lang, crate::i18n::Text::PredictFirst).into()), false)
            }
            Typed::Change => (engine.perform(&self.knobs, Step::Kubectl(line.clone())), true),
        };
        if let Some(tutor) = &mut self.tutor {
            tutor.heard(&line);
        }
        self.shell.push(ConsoleEntry { line, at, answer, running, job: false, reading });
        changed
    }
}

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
