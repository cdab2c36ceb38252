//! The app's state and its one reducer: every user intent is an [`Action`].

use std::rc::Rc;
use yew::Reducible;

use crate::i18n::Lang;
use crate::sim::World;

/// The seed a fresh page starts from; a shared run carries its own.
pub const DEFAULT_SEED: u64 = 1;

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub world: World,
    pub playing: bool,
    pub lang: Lang,
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        AppState { world: World::new(DEFAULT_SEED), playing: false, lang }
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
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Step => next.world.step(),
            Action::Advance(n) => {
                for _ in 0..n {
                    next.world.step();
                }
            }
            Action::TogglePlay => next.playing = !next.playing,
            Action::Restart => {
                next.world = World::new(self.world.seed());
                next.playing = false;
            }
            Action::SetLang(lang) => next.lang = lang,
        }
        Rc::new(next)
    }
}
