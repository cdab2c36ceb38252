//! The tabs of the panes beside the stage: one pane shown at a time, chosen with a click, with
//! its number key anywhere on the page, or with the arrow keys along the tabs (the ARIA tabs
//! pattern: the tab shown is the one in the Tab order).

use yew::prelude::*;

use crate::i18n::{tr, Lang, Text};
use crate::lesson::focus::Spot;
use crate::page::{Action, Pane};

#[derive(Properties, PartialEq)]
pub struct PaneTabsProps {
    pub lang: Lang,
    pub pane: Pane,
    /// The lesson's mark: a tab whose pane the step talks about is marked.
    pub mark: super::lesson::Mark,
    pub on_action: Callback<Action>,
}

pub fn pane_title(pane: Pane) -> Text {
    match pane {
        Pane::Terminal => Text::ConsoleTitle,
        Pane::Yaml => Text::PaneYaml,
        Pane::Events => Text::EventLog,
        Pane::Charts => Text::PaneCharts,
        Pane::Compare => Text::PaneCompare,
        Pane::Sweep => Text::PaneSweep,
    }
}

#[function_component(PaneTabs)]
pub fn pane_tabs(props: &PaneTabsProps) -> Html {
    let lang = props.lang;
    let list = use_node_ref();
    let on_keydown = {
        let (on_action, current, list) = (props.on_action.clone(), props.pane, list.clone());
        Callback::from(move |e: KeyboardEvent| {
            let at = Pane::ALL.iter().position(|p| *p == current).unwrap_or(0);
            let n = Pane::ALL.len();
            let to = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => (at + 1) % n,
                "ArrowLeft" | "ArrowUp" => (at + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            on_action.emit(Action::ShowPane(Pane::ALL[to]));
            // The focus follows the tab chosen.
            if let Some(el) = list.cast::<web_sys::Element>() {
                if let Ok(Some(tab)) = el.query_selector(&format!("#tab-{}", Pane::ALL[to].id())) {
                    use wasm_bindgen::JsCast;
                    if let Ok(tab) = tab.dyn_into::<web_sys::HtmlElement>() {
                        let _ = tab.focus();
                    }
                }
            }
        })
    };
    html! {
        <div class="pane-tabs" role="tablist" aria-label={tr(lang, Text::Panes)} ref={list} onkeydown={on_keydown}>
            { for Pane::ALL.iter().map(|p| {
                let selected = *p == props.pane;
                let on_action = props.on_action.clone();
                let pane = *p;
                let m = match pane {
                    Pane::Terminal => props.mark.on(Spot::Terminal),
                    Pane::Charts => props.mark.on(Spot::Charts),
                    _ => super::lesson::Marked { class: None, id: None, label: None },
                };
                html! {
                    <button role="tab" id={format!("tab-{}", p.id())} data-testid={format!("tab-{}", p.id())}
                        class={m.class} data-spot={m.id} data-spot-label={m.label}
                        aria-selected={selected.to_string()} aria-controls={format!("pane-{}", p.id())}
                        tabindex={if selected { "0" } else { "-1" }} aria-keyshortcuts={p.key().to_string()}
                        title={format!("{} ({})", tr(lang, pane_title(pane)), p.key())}
                        onclick={Callback::from(move |_: MouseEvent| on_action.emit(Action::ShowPane(pane)))}>
                        { tr(lang, pane_title(pane)) }
                    </button>
                }
            }) }
        </div>
    }
}
