//! The app's state and its one reducer: every user intent is an [`Action`].

use std::rc::Rc;
use yew::Reducible;

use crate::i18n::Lang;
use crate::sim::{scenario, Intent, Run};

/// The seed a fresh page starts from; a shared run carries its own.
pub const DEFAULT_SEED: u64 = 1;

/// The Deployment the page's controls act on.
pub const DEPLOYMENT: &str = "http-go";

#[derive(Clone, Debug)]
pub struct AppState {
    pub seed: u64,
    pub run: Run,
    pub playing: bool,
    pub lang: Lang,
    /// What kubectl answered to the learner's last action (or its error).
    pub last_answer: Option<Result<String, String>>,
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        AppState {
            seed: DEFAULT_SEED,
            run: Run::new(scenario::http_go(DEFAULT_SEED)),
            playing: false,
            lang,
            last_answer: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// One engine step.
    Step,
    /// `n` engine steps at once: what one timer firing runs while playing.
    Advance(u32),
    TogglePlay,
    Restart,
    SetLang(Lang),
    /// `kubectl set image` to the next version of the Deployment's image.
    DeployNewVersion,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Step => next.run.step(),
            Action::Advance(n) => {
                for _ in 0..n {
                    next.run.step();
                }
            }
            Action::TogglePlay => next.playing = !next.playing,
            Action::Restart => {
                next.run = Run::new(scenario::http_go(self.seed));
                next.playing = false;
                next.last_answer = None;
            }
            Action::SetLang(lang) => next.lang = lang,
            Action::DeployNewVersion => {
                let container = next
                    .run
                    .world()
                    .deployments
                    .get(DEPLOYMENT)
                    .and_then(|d| d.spec.template.containers.first())
                    .map(|c| (c.name.clone(), scenario::next_version(&c.image)));
                let answer = match container {
                    Some((container, image)) => {
                        next.run.act(Intent::SetImage { deployment: DEPLOYMENT.into(), container, image })
                    }
                    None => Err(format!("Error from server (NotFound): deployments.apps {DEPLOYMENT:?} not found")),
                };
                next.last_answer = Some(answer);
            }
        }
        Rc::new(next)
    }
}
