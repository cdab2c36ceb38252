//! The lessons on the page: the picker (with the progress kept in the browser) and the panel of
//! the lesson being followed. What a step waits for is checked by [`crate::lesson::Tutor`] in the
//! reducer, on the page's own run; this module only shows it.

use std::rc::Rc;

use yew::prelude::*;

use super::controls;
use crate::i18n::{self, tr, Lang, Text};
use crate::lesson::focus::Spot;
use crate::lesson::{About, Do, Lesson, PodState, Setting, Texts, Then, Tutor, LESSONS};
use crate::page::{Action, AppState, Kept};
use crate::setup::Act;

/// Where the finished lessons are kept in the browser (a comma-separated list of lesson ids).
const STORAGE_KEY: &str = "rolloutscope.lessons.done";

/// Where the lesson being followed is kept in the browser: its run and place, as a link's
/// fragment (`#run=2.…`), read back by [`AppState::offer_resume`].
const PLACE_KEY: &str = "rolloutscope.lessons.at";

/// The lesson left unfinished in this browser, as it was kept (checked by the page).
pub fn load_place() -> Option<String> {
    storage().and_then(|s| s.get_item(PLACE_KEY).ok().flatten())
}

/// Keeps (or forgets) the lesson being followed, as the page asks.
pub fn keep_place(kept: Kept) {
    let Some(s) = storage() else { return };
    let _ = match kept {
        Kept::Keep(fragment) => s.set_item(PLACE_KEY, &fragment),
        Kept::Forget => s.remove_item(PLACE_KEY),
        Kept::Leave => Ok(()),
    };
}

/// How the page marks the part a lesson's step talks about ([`crate::lesson::focus`]): an
/// outline and a small label (`data-spot-label`, drawn by the stylesheet), so that colour is
/// not the only sign; nothing moves or scrolls.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    spot: Option<Spot>,
    label: &'static str,
}

/// The attributes of one element for a [`Mark`]: all `None` when it is not the part marked.
pub struct Marked {
    pub class: Option<&'static str>,
    pub id: Option<&'static str>,
    pub label: Option<&'static str>,
}

impl Mark {
    pub fn of(state: &AppState) -> Mark {
        Mark { spot: state.lesson_spot(), label: tr(state.lang, Text::SpotMark) }
    }

    /// The attributes of the element that shows `spot`.
    pub fn on(self, spot: Spot) -> Marked {
        if self.spot.map(Spot::id) == Some(spot.id()) {
            Marked { class: Some("spot"), id: Some(spot.id()), label: Some(self.label) }
        } else {
            Marked { class: None, id: None, label: None }
        }
    }
}

/// The part of the page a spot names, in the learner's words.
fn spot_name(lang: Lang, spot: Spot) -> &'static str {
    tr(
        lang,
        match spot {
            Spot::Pods => Text::SpotPods,
            Spot::ReplicaSets => Text::SpotReplicaSets,
            Spot::Traffic => Text::SpotTraffic,
            Spot::Terminal => Text::ConsoleTitle,
            Spot::Charts => Text::PaneCharts,
            Spot::Play => Text::Play,
            Spot::Deploy => Text::DeployNewVersion,
            Spot::Act(act) => act_text(act),
            Spot::Setup => Text::Setup,
            Spot::Slider => Text::SpotSlider,
            Spot::Explanation => Text::SpotExplanation,
        },
    )
}

#[derive(Properties, PartialEq)]
pub struct ResumeProps {
    pub lang: Lang,
    pub texts: Rc<Result<Texts, String>>,
    /// The lesson and step offered.
    pub lesson: usize,
    pub step: usize,
    pub on_action: Callback<Action>,
}

/// The offer, on a visit after a lesson was left unfinished, to take it up where it was left.
#[function_component(ResumeOffer)]
pub fn resume_offer(props: &ResumeProps) -> Html {
    let lang = props.lang;
    let Some(lesson) = LESSONS.get(props.lesson) else { return html! {} };
    let name =
        Some(title(&props.texts, lesson, lang)).filter(|t| !t.is_empty()).unwrap_or_else(|| lesson.id.to_string());
    let emit = |action: Action| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
    };
    html! {
        <p class="resume-offer" data-testid="resume-offer" data-lesson={lesson.id} data-step={props.step.to_string()}>
            <button class="primary" data-testid="resume-lesson" onclick={emit(Action::ResumeLesson)}>
                { i18n::resume_lesson(lang, &name, props.step + 1, lesson.steps.len()) }
            </button>
            <button data-testid="resume-dismiss" onclick={emit(Action::DismissResume)}>{ tr(lang, Text::NotNow) }</button>
        </p>
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The lessons finished in this browser. An id that is no lesson (an edited or older entry) is
/// passed over.
pub fn load_completed() -> Vec<&'static str> {
    let kept = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()).unwrap_or_default();
    LESSONS.iter().map(|l| l.id).filter(|id| kept.split(',').any(|k| k == *id)).collect()
}

/// Keeps the finished lessons (a browser that keeps nothing, such as a private window that
/// refuses storage, just forgets them).
pub fn save_completed(done: &[&'static str]) {
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, &done.join(","));
    }
}

/// Fetches the lessons' words ([`crate::lesson::TEXTS_FILE`], next to the page) and hands over
/// the file's text, or why there is none.
pub fn fetch_texts(done: Callback<Result<String, String>>) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let Ok(request) = web_sys::XmlHttpRequest::new() else {
        return done.emit(Err("XMLHttpRequest".into()));
    };
    let answered = request.clone();
    let refused = done.clone();
    // Called once, when the request ends in any way (an answer, a network error, an abort).
    let on_end = Closure::once_into_js(move || match (answered.status(), answered.response_text()) {
        (Ok(200), Ok(Some(text))) => done.emit(Ok(text)),
        (Ok(0), _) | (Err(_), _) => done.emit(Err(format!("{}: no answer", crate::lesson::TEXTS_FILE))),
        (Ok(status), _) => done.emit(Err(format!("{}: HTTP {status}", crate::lesson::TEXTS_FILE))),
    });
    request.set_onloadend(Some(on_end.unchecked_ref()));
    if request.open_with_async("GET", crate::lesson::TEXTS_FILE, true).is_err() || request.send().is_err() {
        // (onloadend still fires when send fails after open.)
        request.set_onloadend(None);
        refused.emit(Err(format!("{}: the request could not be sent", crate::lesson::TEXTS_FILE)));
    }
}

/// One of a lesson's texts, or nothing while the texts are on their way.
fn said<'a>(texts: &'a Result<Texts, String>, text: impl Fn(&'a Texts) -> Option<&'a str>) -> String {
    texts.as_ref().ok().and_then(text).unwrap_or_default().to_string()
}

/// A lesson's title, or nothing while the texts are on their way.
pub fn title(texts: &Result<Texts, String>, lesson: &Lesson, lang: Lang) -> String {
    texts.as_ref().ok().and_then(|t| t.title(lesson, lang)).unwrap_or_default().to_string()
}

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub texts: Rc<Result<Texts, String>>,
    pub lang: Lang,
    pub completed: Rc<Vec<&'static str>>,
    /// The lesson being followed.
    pub current: Option<usize>,
    pub on_action: Callback<Action>,
}

#[function_component(LessonPicker)]
pub fn lesson_picker(props: &PickerProps) -> Html {
    let lang = props.lang;
    let t = |key| tr(lang, key);
    let done = props.completed.len();
    let group = |topics: bool| {
        // In the order of the lessons' numbers (docs/lessons.md).
        let mut lessons: Vec<(usize, &Lesson)> =
            LESSONS.iter().enumerate().filter(|(_, l)| matches!(l.about, About::Topic(_)) == topics).collect();
        lessons.sort_by_key(|(_, l)| match l.about {
            About::Topic(n) | About::Mistake(n) => n,
        });
        html! {
            <ul>
                { for lessons.into_iter().map(|(i, l)| {
                    let finished = props.completed.contains(&l.id);
                    let on_action = props.on_action.clone();
                    html! {
                        <li>
                            <button data-testid="lesson" data-lesson={l.id} data-done={finished.to_string()}
                                aria-current={(props.current == Some(i)).then_some("step")}
                                onclick={Callback::from(move |_: MouseEvent| on_action.emit(Action::StartLesson(i)))}>
                                <span class="about">{ i18n::lesson_about(lang, l.about) }</span>
                                <span class="title">{ title(&props.texts, l, lang) }</span>
                                if finished {
                                    <span class="done">{ "✓ " }{ t(Text::LessonDone) }</span>
                                }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        }
    };
    let lessons = match props.texts.as_ref() {
        Ok(texts) if texts.is_loaded() => html! {
            <div class="lesson-groups">
                <section>
                    <h3>{ t(Text::Topics) }</h3>
                    { group(true) }
                </section>
                <section>
                    <h3>{ t(Text::Mistakes) }</h3>
                    { group(false) }
                </section>
            </div>
        },
        Ok(_) => html! { <p role="status" data-testid="lessons-loading">{ t(Text::LessonsLoading) }</p> },
        Err(why) => html! {
            <p class="error" role="alert" data-testid="lessons-error">{ i18n::lessons_unavailable(lang, why) }</p>
        },
    };
    html! {
        // Open on a first visit, so that a learner finds the lessons first.
        <details class="lesson-picker" data-testid="lesson-picker" open={done == 0 && props.current.is_none()}>
            <summary>
                <h2>{ t(Text::Lessons) }</h2>
                <span class="progress" data-testid="lessons-done">{ i18n::lessons_done(lang, done, LESSONS.len()) }</span>
            </summary>
            <p>{ t(Text::LessonsIntro) }</p>
            { lessons }
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub lang: Lang,
    pub texts: Rc<Result<Texts, String>>,
    pub tutor: Tutor,
    /// On a Reveal step: the learner's prediction and the engine's figure.
    pub reveal: Option<(Option<crate::lesson::Choice>, i64)>,
    pub classroom: bool,
    pub on_action: Callback<Action>,
}

/// What "show me" would do, in the words of the page: the command to type, or the control.
fn hint(lang: Lang, what: Do, on_action: &Callback<Action>) -> Html {
    let t = |key| tr(lang, key);
    // Each setting as the setup panel labels it.
    let settings = |settings: &[Setting]| {
        let list: Vec<String> = settings
            .iter()
            .map(|s| match *s {
                Setting::Strategy(v) => format!("{}: {}", t(Text::Strategy), controls::strategy_name(lang, v)),
                Setting::Replicas(n) => format!("{}: {n}", t(Text::Replicas)),
                Setting::MaxSurge(v) => format!("{}: {v}", t(Text::MaxSurge)),
                Setting::MaxUnavailable(v) => format!("{}: {v}", t(Text::MaxUnavailable)),
                Setting::MinReadySeconds(n) => format!("{}: {n}", t(Text::MinReadySeconds)),
                Setting::ImagePullPolicy(p) => format!("{}: {p:?}", t(Text::ImagePullPolicy)),
                Setting::NewVersion(v) => format!("{}: {}", t(Text::NewVersion), controls::new_version_name(lang, v)),
                Setting::Probe { kind, initial_delay_seconds, period_seconds, timeout_seconds, failure_threshold } => {
                    format!(
                        "{} (initialDelaySeconds {initial_delay_seconds}, periodSeconds {period_seconds}, \
                         timeoutSeconds {timeout_seconds}, successThreshold 1, failureThreshold {failure_threshold})",
                        t(controls::probe_title(kind))
                    )
                }
            })
            .collect();
        list.join(", ")
    };
    match what {
        Do::Play => html! { <kbd>{ t(Text::Play) }</kbd> },
        // A click puts the command in the console's prompt (as Killercoda does); Enter runs it.
        Do::Kubectl(line) => {
            let on_action = on_action.clone();
            let fill = Callback::from(move |_: MouseEvent| on_action.emit(Action::FillConsole(line.to_string())));
            html! {
                <button class="lesson-command" data-testid="lesson-command" title={t(Text::CommandToConsole)} onclick={fill}>
                    <code>{ line }</code>
                </button>
            }
        }
        Do::Deploy => html! { <kbd>{ t(Text::DeployNewVersion) }</kbd> },
        Do::Act(act) => html! { <kbd>{ t(act_text(act)) }</kbd> },
        Do::Draft(s) => html! { <code>{ settings(s) }</code> },
        Do::Settings(s) => html! { <><code>{ settings(s) }</code>{ " → " }<kbd>{ t(Text::ApplySetup) }</kbd></> },
        Do::Seek(at) => {
            html! { <><kbd>{ t(Text::TimeSlider) }</kbd>{ format!(" → {} s", crate::page::facts::seconds(at)) }</> }
        }
        Do::Explain(state) => {
            let pod = match state {
                PodState::NewNotReady => Text::ExplainNewNotReady,
                PodState::NewReadyNotAvailable => Text::ExplainReadyNotAvailable,
                PodState::Terminating => Text::ExplainTerminating,
            };
            html! { <kbd>{ t(pod) }</kbd> }
        }
    }
}

fn act_text(act: Act) -> Text {
    match act {
        Act::Undo(_) => Text::RollBack,
        Act::PauseRollout => Text::PauseRollout,
        Act::ResumeRollout => Text::ResumeRollout,
        Act::Scale(_) => Text::Scale,
        Act::DeletePod => Text::DeletePod,
        Act::NodeDown => Text::NodeDown,
        Act::NodeUp => Text::NodeUp,
        Act::PushSameTag => Text::PushSameTag,
    }
}

#[function_component(LessonPanel)]
pub fn lesson_panel(props: &PanelProps) -> Html {
    let (lang, tutor) = (props.lang, &props.tutor);
    let t = |key| tr(lang, key);
    let lesson = tutor.lesson();
    let link = lesson.link(lang);
    let emit = |action: Action| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
    };
    let prediction = use_node_ref();
    let bad_number = use_state(|| false);
    let on_predict = {
        let (prediction, bad_number, on_action) = (prediction.clone(), bad_number.clone(), props.on_action.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = prediction.cast::<web_sys::HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            match crate::lesson::parse_prediction(&text) {
                Some(n) => {
                    bad_number.set(false);
                    on_action.emit(Action::LessonPredict(n));
                }
                None => bad_number.set(true),
            }
        })
    };
    let body = match tutor.current() {
        None => html! {
            <div class="lesson-step" data-testid="lesson-step" data-kind="free-play">
                <p class="lesson-takeaway" data-testid="lesson-takeaway">
                    <strong>{ t(Text::LessonTakeaway) }</strong>{ " " }{ said(&props.texts, |x| x.takeaway(lesson, lang)) }
                </p>
                <p class="narration" data-testid="lesson-narration">{ t(Text::FreePlay) }</p>
                <p class="lesson-buttons">
                    <button data-testid="lesson-back" title={t(Text::BackHint)} onclick={emit(Action::LessonBack)}>
                        <span aria-hidden="true">{ "← " }</span>{ t(Text::Back) }
                    </button>
                    <button data-testid="lesson-exit" onclick={emit(Action::ExitLesson)}>{ t(Text::ExitLesson) }</button>
                </p>
            </div>
        },
        Some(step) => {
            let kind = match step.then {
                Then::Read => "read",
                Then::Do { .. } => "do",
                Then::Predict(..) => "predict",
                Then::Reveal { .. } => "reveal",
            };
            html! {
                <div class="lesson-step" data-testid="lesson-step" data-kind={kind} data-step={tutor.step.to_string()}
                    data-done={tutor.done.to_string()}>
                    <p class="narration" data-testid="lesson-narration" aria-live="polite">{
                        props.texts.as_ref().as_ref().ok().and_then(|texts| texts.step(lesson, tutor.step, lang)).unwrap_or_else(|| t(Text::LessonsLoading)).to_string()
                    }</p>
                    if let Then::Do { what, .. } = step.then {
                        <p class="lesson-hint">
                            <span>{ t(if matches!(what, Do::Seek(_) | Do::Explain(_)) { Text::TryThisOnPage } else { Text::TryThis }) }{ " " }</span>
                            { hint(lang, what, &props.on_action) }
                            { " " }
                            <button data-testid="lesson-show-me" onclick={emit(Action::LessonShowMe)} disabled={tutor.done}>
                                { t(Text::ShowMe) }
                            </button>
                        </p>
                        <p class="lesson-status" data-testid="lesson-status" role="status">
                            { if tutor.done { t(Text::StepDone) } else { t(Text::Waiting) } }
                        </p>
                    }
                    if let Then::Predict(measure, choices) = step.then {
                        if !choices.is_empty() {
                            <p class="lesson-choices" role="group" aria-label={i18n::measure_name(lang, measure)}>
                                { for choices.iter().map(|&choice| html! {
                                    <button data-testid="lesson-choice" data-choice={choice.to_string()}
                                        aria-pressed={tutor.predicted.is_some_and(|(p, _)| p == choice && tutor.done).to_string()}
                                        disabled={tutor.done} onclick={emit(Action::LessonChoose(choice))}>
                                        { choice.to_string() }
                                    </button>
                                }) }
                            </p>
                        }
                        // (novalidate: a number out of range is explained here, in the page's language.)
                        <form class="lesson-predict" onsubmit={on_predict} novalidate=true>
                            <label>
                                <span>{ t(Text::YourPrediction) }{ " (" }{ i18n::measure_name(lang, measure) }{ ")" }</span>
                                <input type="number" min="0" step="1" inputmode="numeric" data-testid="lesson-prediction"
                                    ref={prediction} aria-invalid={bad_number.to_string()} disabled={tutor.done} />
                            </label>
                            <button type="submit" data-testid="lesson-predict" disabled={tutor.done}>{ t(Text::Predict) }</button>
                            if let (true, Some((n, _))) = (tutor.done, tutor.predicted) {
                                <output data-testid="lesson-predicted">{ i18n::predicted(lang, n) }</output>
                            }
                            if !tutor.done {
                                <p class="lesson-held" data-testid="lesson-held">{ t(Text::PredictFirst) }</p>
                            }
                            if *bad_number {
                                <span class="error" role="alert">{ t(Text::NotANumber) }</span>
                            }
                        </form>
                    }
                    if let Some((predicted, engine)) = props.reveal {
                        <p class={classes!("lesson-reveal", predicted.is_some_and(|p| p.holds(engine)).then_some("right"))}
                            data-testid="lesson-reveal" data-engine={engine.to_string()}
                            data-predicted={predicted.map(|p| p.to_string()).unwrap_or_default()}>
                            { i18n::prediction_result(lang, predicted, engine) }
                        </p>
                    }
                    if let Some(spot) = crate::lesson::focus::spot(lesson, tutor.step) {
                        <p class="lesson-spot" data-testid="lesson-spot" data-spot={spot.id()}>
                            { t(Text::SpotIntro) }{ " " }{ spot_name(lang, spot) }
                        </p>
                    }
                    <p class="lesson-buttons">
                        <button data-testid="lesson-back" title={t(Text::BackHint)} disabled={tutor.step == 0}
                            onclick={emit(Action::LessonBack)}>
                            <span aria-hidden="true">{ "← " }</span>{ t(Text::Back) }
                        </button>
                        <button class={classes!(tutor.done.then_some("primary"))} data-testid="lesson-next" onclick={emit(Action::LessonNext)}>
                            { if tutor.done { t(Text::Next) } else { t(Text::Skip) } }
                        </button>
                    </p>
                </div>
            }
        }
    };
    html! {
        <section class="lesson-panel" data-testid="lesson-panel" data-lesson={lesson.id} aria-label={t(Text::Lessons)}>
            <header>
                <h2>
                    <span class="about">{ i18n::lesson_about(lang, lesson.about) }</span>{ " " }
                    { title(&props.texts, lesson, lang) }
                </h2>
                <span class="progress" data-testid="lesson-progress">
                    { i18n::lesson_step(lang, (tutor.step + 1).min(lesson.steps.len()), lesson.steps.len()) }
                </span>
                <button data-testid="classroom" aria-pressed={props.classroom.to_string()} onclick={emit(Action::ToggleClassroom)}>
                    { t(Text::Classroom) }
                </button>
            </header>
            <p class="lesson-objective" data-testid="lesson-objective">
                <strong>{ t(Text::LessonObjective) }</strong>{ " " }{ said(&props.texts, |x| x.objective(lesson, lang)) }
            </p>
            { body }
            <p class="lesson-docs">
                { t(Text::LessonDocs) }{ " " }
                <a data-testid="lesson-link" href={link.clone()} target="_blank" rel="noopener">
                    { link.trim_start_matches("https://") }
                </a>
            </p>
            if props.classroom {
                <p class="classroom-keys">{ t(Text::ClassroomKeys) }</p>
            }
        </section>
    }
}
