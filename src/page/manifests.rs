//! The YAML panel's apply: the request the YAML reader (a web worker, `src/worker.rs`) is to read,
//! and what its reply does to the run. The views send the request and hand the reply back as
//! [`super::Action::ManifestsRead`].

use std::rc::Rc;

use crate::kubectl::apply::PANEL_FILE;
use crate::manifest::reader::{fits, too_large, Read, Reply, Request};
use crate::session::Step;
use crate::sim::restore::ClusterState;
use crate::sim::World;

use super::AppState;

/// An apply waiting for the YAML reader.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub request: Rc<Request>,
    /// Typed in the console (its answer goes there too).
    pub console: bool,
}

/// What an apply of the panel answered: kubectl's lines or its error, the line of the text the
/// error is about, and whether a new run started from a cluster's state pasted in the panel. Or
/// why a text pasted (or typed) in the panel was not taken (`kept`: the panel kept the learner's
/// text as it was before).
#[derive(Clone, Debug, PartialEq)]
pub struct YamlResult {
    pub answer: Result<String, String>,
    pub line: Option<usize>,
    pub restored: bool,
    pub kept: bool,
}

impl AppState {
    /// The learner's text in the panel (`None`: a text the view found too long without reading
    /// it). It becomes the draft when the YAML reader would read it; a longer one (a careless
    /// paste of megabytes) is refused at once with the reader's own words, and the draft stays as
    /// it was: nothing the page would only refuse later is kept, drawn or sent.
    pub(super) fn edit_yaml(&mut self, text: Option<String>) {
        match text {
            Some(text) if fits(text.len()) => {
                self.yaml_draft = Some(Rc::new(text));
                // The refusal of an earlier paste is over once the text is taken.
                if self.yaml_result.as_ref().is_some_and(|r| r.kept) {
                    self.yaml_result = None;
                }
            }
            _ => {
                let answer = Err(too_large(PANEL_FILE));
                self.yaml_result = Some(Rc::new(YamlResult { answer, line: None, restored: false, kept: true }));
            }
        }
    }

    /// Sends the panel's text (the draft, or the manifests of `world`, the run's cluster, as
    /// shown) to the YAML reader. The caller lends the world: the engine may be borrowed already.
    pub(super) fn start_apply(&mut self, world: &World, create: bool, console: bool) {
        let text = match &self.yaml_draft {
            Some(draft) => (**draft).clone(),
            None => crate::manifest::live::documents(world),
        };
        self.last_request = self.last_request.wrapping_add(1);
        let request = Request { id: self.last_request, file: PANEL_FILE.into(), text, create };
        self.pending = Some(Pending { request: Rc::new(request), console });
        self.yaml_result = None;
    }

    /// The YAML reader's reply (its JSON), or why it could not be reached: the objects read are
    /// applied, as one step of the run; a refusal is shown at its line, and the text is kept.
    /// True when the run changed.
    pub(super) fn manifests_read(&mut self, reply: Result<String, String>) -> bool {
        // Read from bytes, as a shared link is: one copy of the objects' readers in the bundle.
        let reply = reply.and_then(|json| serde_json::from_slice::<Reply>(json.as_bytes()).map_err(|e| e.to_string()));
        let Some(pending) = self.pending.take_if(|p| reply.as_ref().map_or(true, |r| r.id == p.request.id)) else {
            return false;
        };
        let create = pending.request.create;
        let refused = |answer, line| (YamlResult { answer: Err(answer), line, restored: false, kept: false }, false);
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
                (YamlResult { answer, line: None, restored: false, kept: false }, true)
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
            self.shell.answer_reading(answer);
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
            return (YamlResult { answer, line: None, restored: false, kept: false }, false);
        }
        self.stop_all();
        self.start_again(engine);
        self.yaml_draft = None;
        (YamlResult { answer, line: None, restored: true, kept: false }, true)
    }
}
