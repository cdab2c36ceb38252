//! Everything that happens on the page, as data: one [`Action`] per thing, for the one reducer.

use crate::i18n::Lang;
use crate::setup::Act;
use crate::sim::SimTime;

use super::{KnobEdit, Pane, ShareKind};

/// What the learner does on the page, and what answers the page's requests (the Deployment named
/// is the strategy's live one).
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
    Edit(KnobEdit),
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
    /// Starts lesson `i` of [`crate::lesson::LESSONS`] (its settings and run replace the page's).
    StartLesson(usize),
    /// The lesson's next step (a step not done yet is skipped).
    LessonNext,
    /// The lesson's step before, as it was left (the run is not undone).
    LessonBack,
    /// Takes up the lesson kept in the browser where it was left ([`super::AppState::resume`]).
    ResumeLesson,
    /// The offer to resume a lesson is put away (what the browser keeps stays).
    DismissResume,
    /// Does what the lesson's step asks, then plays until it has happened.
    LessonShowMe,
    /// The learner's prediction for the step shown.
    LessonPredict(i64),
    /// A lesson's command clicked: it is put in the console's prompt, to be run with Enter.
    FillConsole(String),
    /// One of the prediction's choices picked.
    LessonChoose(crate::lesson::Choice),
    /// Leaves the lesson; its run stays on the page for free play.
    ExitLesson,
    ToggleClassroom,
    /// The classroom key (PageDown or N): the next step, or "show me" while a step waits.
    ClassroomKey,
    /// The classroom key back (PageUp or P): the step before.
    ClassroomBack,
    /// The learner's text in the YAML panel.
    YamlEdit(String),
    /// The learner's text in the YAML panel is longer than the YAML reader reads, as the view
    /// measured it without copying it (a paste of megabytes): it is refused, the text kept.
    YamlTooLarge,
    /// The panel shows the run's manifests again (the learner's text is dropped).
    YamlRevert,
    /// `kubectl apply -f manifests.yaml` (`create -f` when true) from the panel's buttons.
    YamlApply(bool),
    /// The YAML reader's reply (its JSON), or why it could not be reached.
    ManifestsRead(Result<String, String>),
    /// Shows a pane beside the stage (its tab, or its key).
    ShowPane(Pane),
    /// Opens the setup panel (true) or closes it.
    SetupOpen(bool),
}
