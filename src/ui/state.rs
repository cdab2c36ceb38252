//! The page's state in Yew: [`crate::page`] holds the state, the actions and the reducer (plain
//! Rust, driven natively by the tests); this is the thin [`Reducible`] that `use_reducer` takes.

use std::rc::Rc;

use yew::Reducible;

pub use crate::page::*;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        crate::page::reduce(self, action)
    }
}
