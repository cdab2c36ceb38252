//! The kubectl console: a terminal on the simulated cluster. A command that only reads (`get`,
//! `rollout status`, `rollout history`) is answered from the cluster at the current moment; any
//! other is a step of the run, like a button (see [`crate::page::Action::Console`] and [`crate::page::shell`]). A command
//! that keeps running (`get -w`, `rollout status`, the curl loop) prints as the clock runs until
//! Ctrl+C. The arrow keys go through the commands typed before, as in a shell.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{tr, Lang, Text};
use crate::page::shell::{recall, Recall};
use crate::page::ConsoleEntry;

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub lang: Lang,
    /// The lessons' words (the lesson a kubectl error points to is named by its title).
    pub texts: Rc<Result<crate::lesson::Texts, String>>,
    pub entries: Rc<Vec<ConsoleEntry>>,
    pub on_command: Callback<String>,
    /// Ctrl+C: the running command stops.
    pub on_interrupt: Callback<()>,
    /// The command running in the background (`CMD &`), if any.
    pub job: Option<String>,
    /// The line completed (Tab), and the choices when there are several.
    pub complete: Callback<String, (String, Vec<String>)>,
    /// Opens a lesson (kubectl's answer to `rolling-update` points to the lesson about it), and
    /// the lesson being followed, whose own answers point nowhere.
    pub on_lesson: Callback<usize>,
    pub current_lesson: Option<usize>,
    /// A line to put in the prompt (a lesson's command clicked), counted so that each click fills.
    pub fill: Option<(u32, Rc<str>)>,
}

/// The lesson a refused command points to: `kubectl rolling-update` to the lesson on why it went.
fn lesson_for(line: &str) -> Option<(usize, &'static crate::lesson::Lesson)> {
    let verb = crate::kubectl::without_kubectl(line).split_whitespace().next();
    (verb == Some("rolling-update")).then(|| crate::lesson::Lesson::by_id("kubectl-rolling-update")).flatten()
}

#[function_component(Console)]
pub fn console(props: &ConsoleProps) -> Html {
    let t = |key| tr(props.lang, key);
    let input = use_node_ref();
    // Where the arrow keys are in the commands typed before (None: a new line).
    let recalled = use_mut_ref(|| None::<usize>);
    // What Tab found to choose from, shown under the prompt.
    let choices = use_state(Vec::<String>::new);
    let log = use_node_ref();
    {
        // The newest answer stays in view.
        let log = log.clone();
        use_effect_with(props.entries.len(), move |_| {
            if let Some(el) = log.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    {
        // A lesson's command clicked: it waits in the prompt, focused, for Enter.
        let input = input.clone();
        use_effect_with(props.fill.clone(), move |fill| {
            if let (Some((_, line)), Some(field)) = (fill, input.cast::<web_sys::HtmlInputElement>()) {
                field.set_value(line);
                let _ = field.focus();
            }
        });
    }
    let running = props.entries.iter().rev().any(|e| e.running);
    let on_keydown = {
        let (input, recalled, entries, on_command, complete, choices, on_interrupt) = (
            input.clone(),
            recalled.clone(),
            props.entries.clone(),
            props.on_command.clone(),
            props.complete.clone(),
            choices.clone(),
            props.on_interrupt.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            let Some(field) = input.cast::<web_sys::HtmlInputElement>() else { return };
            match e.key().as_str() {
                // Ctrl+C stops a running command, as in a terminal; with nothing running (or
                // text selected to copy) it is the browser's.
                "c" | "C" if e.ctrl_key() && running && field.selection_start() == field.selection_end() => {
                    e.prevent_default();
                    on_interrupt.emit(());
                }
                // Tab completes a command being typed; on an empty line (or with Shift) it moves
                // the focus on, as everywhere else, so the keyboard is never trapped here.
                "Tab" if !e.shift_key() && !field.value().is_empty() => {
                    e.prevent_default();
                    let (line, found) = complete.emit(field.value());
                    field.set_value(&line);
                    choices.set(found);
                }
                "Enter" => {
                    choices.set(Vec::new());
                    e.prevent_default();
                    let line = field.value();
                    if !line.trim().is_empty() {
                        field.set_value("");
                        *recalled.borrow_mut() = None;
                        on_command.emit(line);
                    }
                }
                "ArrowUp" | "ArrowDown" if !entries.is_empty() => {
                    e.prevent_default();
                    let key = if e.key() == "ArrowUp" { Recall::Back } else { Recall::On };
                    let mut at = recalled.borrow_mut();
                    *at = recall(&entries, *at, key);
                    field.set_value(at.map_or("", |i| entries[i].line.as_str()));
                }
                _ => {}
            }
        })
    };
    let on_click_log = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(field) = input.cast::<web_sys::HtmlElement>() {
                let _ = field.focus();
            }
        })
    };
    html! {
        <section class="console" data-testid="console" aria-labelledby="console-title">
            <h2 id="console-title">{ t(Text::ConsoleTitle) }</h2>
            <p class="intro">{ t(Text::ConsoleIntro) }</p>
            <div class="console-screen" onclick={on_click_log}>
                // The live region wraps the list (a list may not be a log) and takes no box of its own;
                // the list scrolls, so it takes the keyboard's focus too.
                <div class="console-live" role="log" aria-live="polite" aria-labelledby="console-title">
                    <ol class="console-log" ref={log} tabindex="0" aria-labelledby="console-title" data-testid="console-log">
                        { for props.entries.iter().map(|e| {
                            let (text, failed) = match &e.answer { Ok(text) => (text, false), Err(text) => (text, true) };
                            html! {
                                <li data-testid="console-entry" data-at={e.at.whole_secs().to_string()} data-failed={failed.to_string()}
                                    data-running={e.running.to_string()} data-job={e.job.to_string()} data-reading={e.reading.to_string()}>
                                    if !e.job {
                                        <div class="console-command">
                                            <span class="console-time">{ format!("{:.1}s", e.at.as_millis() as f64 / 1000.0) }</span>
                                            <span aria-hidden="true">{ " $ " }</span>
                                            { e.line.clone() }
                                        </div>
                                    }
                                    if e.reading {
                                        <p class="console-running">{ t(Text::ConsoleReading) }</p>
                                    }
                                    <pre class={classes!("console-answer", failed.then_some("error"))} data-testid="console-answer">{ text.clone() }</pre>
                                    if let Some((i, lesson)) = lesson_for(&e.line).filter(|(i, _)| failed && props.current_lesson != Some(*i)) {
                                        <button class="console-lesson" data-testid="console-lesson" data-lesson={lesson.id}
                                            onclick={let on = props.on_lesson.clone(); Callback::from(move |_: MouseEvent| on.emit(i))}>
                                            { t(Text::LessonAbout) }{ " " }{ super::lesson::title(&props.texts, lesson, props.lang) }
                                        </button>
                                    }
                                </li>
                            }
                        }) }
                    </ol>
                </div>
                if running {
                    <p class="console-running" data-testid="console-running">
                        <span>{ t(Text::ConsoleRunning) }</span>
                        <button type="button" data-testid="console-stop"
                            onclick={let on = props.on_interrupt.clone(); Callback::from(move |_: MouseEvent| on.emit(()))}>
                            { t(Text::ConsoleStop) }
                        </button>
                    </p>
                }
                if let Some(job) = &props.job {
                    <p class="console-running console-job" data-testid="console-job">
                        <span>{ t(Text::ConsoleJob) }{ " " }<code>{ format!("{job} &") }</code></span>
                        <button type="button" data-testid="console-kill"
                            onclick={let on = props.on_command.clone(); Callback::from(move |_: MouseEvent| on.emit("kill %1".into()))}>
                            { t(Text::ConsoleKill) }
                        </button>
                    </p>
                }
                if !choices.is_empty() {
                    <p class="console-choices" data-testid="console-choices" aria-live="polite">{ choices.join("   ") }</p>
                }
                <label class="console-prompt">
                    <span aria-hidden="true">{ "$" }</span>
                    <span class="visually-hidden">{ t(Text::ConsoleInput) }</span>
                    <input type="text" ref={input} data-testid="console-input" onkeydown={on_keydown}
                        autocomplete="off" autocapitalize="off" spellcheck="false"
                        placeholder="kubectl get pods" />
                </label>
            </div>
        </section>
    }
}
