//! The run's downloads: its trace (the shape `rolloutscope simulate --format json` prints), the
//! run as a scenario file, and a script that runs that file on a real cluster.

use yew::prelude::*;

use super::export::{self, report};
use super::PageProps;
use crate::i18n::{tr, Text};

#[function_component(Downloads)]
pub fn downloads(PageProps { state }: &PageProps) -> Html {
    let lang = state.lang;
    let t = |key| tr(lang, key);
    // The run's trace so far, in the shape `rolloutscope simulate --format json` prints.
    let on_download_trace = {
        let engine = state.engine.clone();
        Callback::from(move |_: MouseEvent| {
            let engine = engine.borrow();
            let now = engine.world().time();
            let json = crate::trace::json(engine.world().events(), engine.samples_so_far(), lang);
            let name = format!("rolloutscope-trace-{:.1}s.json", now.as_millis() as f64 / 1000.0);
            report(export::text(&name, "application/json", &json.to_string()));
        })
    };
    // The run as a scenario file, and as a script for a real cluster made from that file.
    let on_download_run = |script: bool| {
        let (knobs, seed, engine) = (state.knobs.clone(), state.seed, state.engine.clone());
        Callback::from(move |_: MouseEvent| {
            let file = crate::run_file::of_run(&knobs, seed, &engine.borrow().timeline);
            let name = crate::run_file::file_name(&knobs, "yaml");
            if script {
                let made_by = "RolloutScope (\"try it on a real cluster\")";
                match crate::real_cluster::script(&file, &name, made_by) {
                    Ok(sh) => report(export::text(&name.replace(".yaml", ".sh"), "text/x-shellscript", &sh)),
                    Err(e) => report(Err(wasm_bindgen::JsValue::from_str(&e))),
                }
            } else {
                report(export::text(&name, "application/yaml", &crate::run_file::text(&file)));
            }
        })
    };
    html! {
        <>
            <p class="downloads">
                <span>{ t(Text::Downloads) }{ ": " }</span>
                <button data-testid="download-trace" onclick={on_download_trace}>{ t(Text::DownloadTrace) }</button>
                <button data-testid="download-scenario" onclick={on_download_run(false)} title={t(Text::DownloadScenarioHint)}>{ t(Text::DownloadScenario) }</button>
                <button data-testid="download-script" onclick={on_download_run(true)} title={t(Text::DownloadScriptHint)} aria-describedby="download-script-context">{ t(Text::DownloadScript) }</button>
            </p>
            <p class="downloads-note" id="download-script-context" data-testid="download-script-context">{ t(Text::DownloadScriptContext) }</p>
        </>
    }
}
