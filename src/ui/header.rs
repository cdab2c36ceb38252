//! The page's header: the title, the tagline and the language; embedded, a bar with the link that
//! opens the run in the full tool.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::glue::location;
use super::PageProps;
use crate::i18n::{tr, Lang, Text};
use crate::page::Action;

#[function_component(Header)]
pub fn header(PageProps { state }: &PageProps) -> Html {
    let lang = state.lang;
    let t = |key| tr(lang, key);
    if state.embed {
        // Embedded, "open in the full tool" opens the run as it is when clicked: the link is made then.
        let on_open_full = {
            let state = state.clone();
            Callback::from(move |e: MouseEvent| {
                let href = format!("{}{}", location().base, crate::share::fragment(&state.shared()));
                // (Yew listens at the root: the link is found from the event's target.)
                let link = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("a").ok().flatten());
                if let Some(a) = link {
                    let _ = a.set_attribute("href", &href);
                }
            })
        };
        return html! {
            <header class="embed-bar">
                <h1>{ "RolloutScope" }</h1>
                <a data-testid="open-full" href={format!("{}{}", location().base, crate::share::without_embed(&location().hash))}
                    target="_blank" rel="noopener" onclick={on_open_full}>{ t(Text::OpenFullTool) }</a>
            </header>
        };
    }
    let on_lang = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            dispatcher.dispatch(Action::SetLang(if value == "ko" { Lang::Ko } else { Lang::En }));
        })
    };
    let setup_open = state.setup_open;
    let on_setup = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SetupOpen(!setup_open)))
    };
    let setup_mark = super::lesson::Mark::of(state).on(crate::lesson::focus::Spot::Setup);
    html! {
        <header class="app-header">
            <h1>{ "RolloutScope" }</h1>
            <p class="tagline">{ t(Text::Tagline) }</p>
            <button class={classes!("setup-toggle", setup_mark.class)} data-testid="setup-toggle" data-spot={setup_mark.id}
                data-spot-label={setup_mark.label} aria-expanded={setup_open.to_string()}
                aria-controls="setup-drawer" onclick={on_setup}>
                <span aria-hidden="true">{ "⚙ " }</span>{ t(Text::Setup) }
            </button>
            <label class="lang">
                <span>{ t(Text::Language) }</span>
                <select data-testid="lang" onchange={on_lang}>
                    { for Lang::ALL.iter().map(|l| html! {
                        <option value={l.tag()} selected={*l == lang}>{ l.native_name() }</option>
                    }) }
                </select>
            </label>
        </header>
    }
}
