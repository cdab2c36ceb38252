//! The YAML panel: the run's manifests, always current, as `kubectl get -o yaml` shows them; the
//! learner edits or pastes one and applies it (`kubectl apply|create -f manifests.yaml`, from the
//! buttons or the terminal). The text is read by the YAML reader, a web worker started on the
//! first apply (`src/worker.rs`): the upstream API types it reads with would double the page's
//! bundle. An error comes with the apiserver's words and points to its line; the learner's text
//! stays until it is applied or they go back to the live manifests.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::js_sys::JsString;
use yew::prelude::*;

use crate::i18n::{tr, Lang, Text};
use crate::manifest::reader;
use crate::page::{Action, AppState, Pending, YamlResult};

/// The YAML reader's loader, which Trunk writes beside the worker it builds (index.html).
const WORKER_URL: &str = "./rolloutscope-manifests_loader.js";

#[wasm_bindgen]
extern "C" {
    /// A `DataTransfer` seen through `getData` returning the JavaScript string: its length is read
    /// without copying megabytes into the page's memory (web-sys's binding returns a `String`).
    type Transfer;
    #[wasm_bindgen(method, js_name = getData)]
    fn text_of(this: &Transfer, format: &str) -> JsString;
}

/// Whether text the learner is pasting or dropping into `area` would make its text longer than the
/// YAML reader reads. Measured in UTF-16 units, which the field counts without a copy and which are
/// never more than the UTF-8 bytes: a text refused here is too long for the reader too (a text that
/// passes is measured again, in bytes, once it is in the field).
fn insertion_too_large(area: &web_sys::HtmlTextAreaElement, data: &web_sys::DataTransfer) -> bool {
    let inserted = data.unchecked_ref::<Transfer>().text_of("text/plain").length() as usize;
    let length = area.text_length() as usize;
    let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
    !reader::fits_after_insertion(length, end.saturating_sub(start), inserted)
}

/// Stops a paste or a drop into the field whose text would be longer than the reader reads, and
/// says so ([`Action::YamlTooLarge`]); anything else goes in as the browser puts it.
fn refuse_insertion(e: &Event, data: Option<web_sys::DataTransfer>, on_action: &Callback<Action>) {
    let area = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    let (Some(area), Some(data)) = (area, data) else { return };
    if insertion_too_large(&area, &data) {
        e.prevent_default();
        on_action.emit(Action::YamlTooLarge);
    }
}

/// The worker, once started, and the request that waits for it to run.
struct Reader {
    worker: web_sys::Worker,
    ready: bool,
    waiting: Option<String>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

type Slot = Rc<RefCell<Option<Reader>>>;

/// Starts the worker: its first message says it runs (what is posted before is lost), then each
/// is a reply. One that cannot load is dropped, so that the next apply tries again.
fn start(slot: &Slot, on_reply: &Callback<Result<String, String>>, lang: Lang) -> Result<Reader, String> {
    let worker = web_sys::Worker::new(WORKER_URL).map_err(|e| format!("{}: {e:?}", tr(lang, Text::YamlLoadFailed)))?;
    let on_message = {
        let (slot, on_reply) = (slot.clone(), on_reply.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data().as_string().unwrap_or_default();
            if data == "ready" {
                if let Some(reader) = slot.borrow_mut().as_mut() {
                    reader.ready = true;
                    if let Some(json) = reader.waiting.take() {
                        let _ = reader.worker.post_message(&JsValue::from_str(&json));
                    }
                }
            } else {
                on_reply.emit(Ok(data));
            }
        })
    };
    let on_error = {
        let (slot, on_reply) = (slot.clone(), on_reply.clone());
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            if let Some(reader) = slot.borrow_mut().take() {
                reader.worker.terminate();
            }
            on_reply.emit(Err(tr(lang, Text::YamlLoadFailed).to_string()));
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Reader { worker, ready: false, waiting: None, _on_message: on_message, _on_error: on_error })
}

/// Posts a request to the reader, starting it first if need be.
fn send(slot: &Slot, json: String, on_reply: &Callback<Result<String, String>>, lang: Lang) {
    if slot.borrow().is_none() {
        match start(slot, on_reply, lang) {
            Ok(reader) => *slot.borrow_mut() = Some(reader),
            Err(e) => return on_reply.emit(Err(e)),
        }
    }
    if let Some(reader) = slot.borrow_mut().as_mut() {
        if reader.ready {
            let _ = reader.worker.post_message(&JsValue::from_str(&json));
        } else {
            reader.waiting = Some(json);
        }
    }
}

/// Where line `n` (1-based) of `text` starts and ends, in UTF-16 units as a textarea counts.
fn line_span(text: &str, n: usize) -> (u32, u32) {
    let units = |s: &str| s.encode_utf16().count() as u32;
    let mut start = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i + 1 == n {
            return (start, start + units(line));
        }
        start += units(line) + 1;
    }
    (start, start)
}

/// What the panel shows: the learner's text while they edit it, else the run's manifests, written
/// again when the run changed (while playing, once a second).
#[hook]
pub fn use_panel_text(state: &AppState) -> Rc<String> {
    let live = {
        let engine = state.engine.clone();
        let current_second = engine.borrow().world().time().whole_secs();
        let moment = if state.playing { current_second } else { state.generation };
        use_memo((state.generation_of_setup(), moment, state.embed), move |(.., embed)| {
            // Embedded, the panel is not shown: nothing to write.
            if *embed {
                return String::new();
            }
            crate::manifest::live::documents(engine.borrow().world())
        })
    };
    state.yaml_draft.clone().unwrap_or_else(|| Rc::new((*live).clone()))
}

#[derive(Properties, PartialEq)]
pub struct ManifestsProps {
    pub lang: Lang,
    /// What the panel shows: the learner's text, or the run's manifests now.
    pub text: Rc<String>,
    pub editing: bool,
    pub pending: Option<Pending>,
    pub result: Option<Rc<YamlResult>>,
    pub on_action: Callback<Action>,
}

#[function_component(Manifests)]
pub fn manifests(props: &ManifestsProps) -> Html {
    let t = |key| tr(props.lang, key);
    let slot: Slot = use_mut_ref(|| None);
    let area = use_node_ref();
    let scroller = use_node_ref();
    {
        // Each new request goes to the reader once.
        let (slot, on_action, lang) = (slot.clone(), props.on_action.clone(), props.lang);
        let request = props.pending.as_ref().map(|p| p.request.clone());
        use_effect_with(request.as_ref().map(|r| r.id), move |_| {
            if let Some(request) = request {
                let on_reply = Callback::from(move |reply| on_action.emit(Action::ManifestsRead(reply)));
                send(&slot, serde_json::to_string(&*request).unwrap_or_default(), &on_reply, lang);
            }
        });
    }
    let on_input = {
        let (on_action, shown) = (props.on_action.clone(), props.text.clone());
        Callback::from(move |e: InputEvent| {
            let Some(area) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) else { return };
            // A text longer than the YAML reader reads is refused before it is copied out of the
            // field, drawn or sent: its length in UTF-16 units (what the field counts, without a
            // copy) is never more than its UTF-8 bytes. The field shows the learner's text again.
            if !reader::fits(area.text_length() as usize) {
                area.set_value(&shown);
                return on_action.emit(Action::YamlTooLarge);
            }
            let text = area.value();
            if !reader::fits(text.len()) {
                area.set_value(&shown);
            }
            on_action.emit(Action::YamlEdit(text));
        })
    };
    // A paste (or a drop) of megabytes is refused before the browser puts it into the field: once
    // inserted, laying out a text of 100,000 lines blocks the page for seconds before any handler
    // of the page runs (issue 28, `node bench.mjs paste`).
    let on_paste = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let data = e.dyn_ref::<web_sys::ClipboardEvent>().and_then(|e| e.clipboard_data());
            refuse_insertion(&e, data, &on_action);
        })
    };
    let on_drop = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: DragEvent| refuse_insertion(&e, e.data_transfer(), &on_action))
    };
    let emit = |action: Action| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
    };
    let bad_line = props.result.as_ref().and_then(|r| r.line).filter(|_| props.pending.is_none());
    let on_go_to_line = {
        let (area, scroller, text) = (area.clone(), scroller.clone(), props.text.clone());
        Callback::from(move |_: MouseEvent| {
            let (Some(line), Some(el)) = (bad_line, area.cast::<web_sys::HtmlTextAreaElement>()) else { return };
            let (start, end) = line_span(&text, line);
            let _ = el.focus();
            let _ = el.set_selection_range(start, end);
            if let Some(s) = scroller.cast::<web_sys::Element>() {
                let lines = text.split('\n').count().max(1) as i32;
                let per_line = el.scroll_height() / lines;
                s.set_scroll_top((line as i32 - 4).max(0) * per_line);
            }
        })
    };
    let lines = props.text.split('\n').count().max(1);
    let marked = bad_line.filter(|n| (1..=lines).contains(n));
    let reading = props.pending.is_some();
    html! {
        <section class="manifests" data-testid="yaml-panel" aria-labelledby="yaml-title">
            <h2 id="yaml-title">{ t(Text::YamlTitle) }</h2>
            <p class="intro">{ t(Text::YamlIntro) }</p>
            <p class="yaml-mode" data-testid="yaml-mode" data-editing={props.editing.to_string()}>
                { if props.editing { t(Text::YamlEditing) } else { t(Text::YamlLive) } }
            </p>
            <div class="yaml-editor" ref={scroller}>
                // The line numbers as one text (a paste of 250 KiB has 10,000 lines: one element
                // a line took the page a second and a half to lay out), the line the reader
                // refused marked apart.
                <pre class="yaml-gutter" aria-hidden="true">
                    { numbers(1, marked.map_or(lines, |n| n - 1)) }
                    if let Some(n) = marked {
                        <span class="bad" data-testid="yaml-bad-line">{ format!("▶{n}") }</span>
                        { numbers(n + 1, lines) }
                    }
                </pre>
                <label class="visually-hidden" for="yaml-text">{ t(Text::YamlText) }</label>
                <textarea id="yaml-text" ref={area} data-testid="yaml-text" rows={lines.to_string()}
                    value={(*props.text).clone()} oninput={on_input} onpaste={on_paste} ondrop={on_drop}
                    spellcheck="false" autocomplete="off" autocapitalize="off" wrap="off" />
            </div>
            <div class="yaml-buttons">
                <button type="button" data-testid="yaml-apply" disabled={reading} onclick={emit(Action::YamlApply(false))}>
                    { t(Text::YamlApply) }
                </button>
                <button type="button" data-testid="yaml-create" disabled={reading} onclick={emit(Action::YamlApply(true))}>
                    { t(Text::YamlCreate) }
                </button>
                <button type="button" data-testid="yaml-revert" disabled={!props.editing} onclick={emit(Action::YamlRevert)}>
                    { t(Text::YamlRevert) }
                </button>
            </div>
            <div class="yaml-result" role="status" aria-live="polite" data-testid="yaml-status">
                if reading {
                    <p data-testid="yaml-reading">{ t(Text::YamlReading) }</p>
                } else if let Some(result) = &props.result {
                    { result_view(props.lang, result, on_go_to_line) }
                }
            </div>
        </section>
    }
}

/// The line numbers `from..=to`, one a line.
fn numbers(from: usize, to: usize) -> String {
    (from..=to).map(|n| n.to_string()).collect::<Vec<_>>().join("\n")
}

fn result_view(lang: Lang, result: &YamlResult, on_go_to_line: Callback<MouseEvent>) -> Html {
    let t = |key| tr(lang, key);
    let (text, failed) = match &result.answer {
        Ok(text) => (text, false),
        Err(text) => (text, true),
    };
    html! {
        <div data-testid="yaml-result" data-failed={failed.to_string()}>
            <p class={classes!("yaml-verdict", failed.then_some("error"))}>
                <strong>{ if failed { format!("✗ {}", t(Text::YamlRefused)) } else { format!("✓ {}", t(Text::YamlApplied)) } }</strong>
                if let Some(line) = result.line {
                    { format!(" ({} {line}) ", t(Text::YamlAtLine)) }
                    <button type="button" data-testid="yaml-goto" onclick={on_go_to_line}>{ t(Text::YamlGoToLine) }</button>
                }
            </p>
            <pre class={classes!("yaml-answer", failed.then_some("error"))} data-testid="yaml-answer">{ text.clone() }</pre>
            if result.restored {
                <p class="yaml-restored" data-testid="yaml-restored">{ t(Text::YamlRestored) }</p>
            }
            if result.kept {
                <p class="yaml-restored" data-testid="yaml-kept">{ t(Text::YamlKept) }</p>
            }
        </div>
    }
}
