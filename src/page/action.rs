//! Everything that happens on the page, as data: one [`Action`] per thing, for the one reducer.

use std::rc::Rc;

use crate::i18n::Lang;
use crate::setup::{Act, Knobs};
use crate::sim::SimTime;

use super::ShareKind;

/// One change to the draft settings, applied by the reducer to the draft as it is then: two edits
/// made before the page draws again (fast typing, a test) both land.
#[derive(Clone)]
pub struct KnobEdit(Rc<dyn Fn(&mut Knobs)>);

impl KnobEdit {
    pub fn new(f: impl Fn(&mut Knobs) + 'static) -> Self {
        KnobEdit(Rc::new(f))
    }

    pub fn apply(&self, k: &mut Knobs) {
        (self.0)(k)
    }
}

impl PartialEq for KnobEdit {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for KnobEdit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KnobEdit")
    }
}

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
