//! Every lesson, walked as a learner would walk it on the page, through the page's own reducer
//! (`rolloutscope::page`): "Show me" pressed on each step (the command typed in the console, the
//! button pressed, the setting changed), the clock played until the step's goal holds, and every
//! figure a lesson's text states checked against the engine.

use std::cell::{Ref, RefMut};
use std::rc::Rc;

use rolloutscope::i18n::Lang;
use rolloutscope::kubectl;
use rolloutscope::lesson::{Choice, Ctx, Do, Goal, Then, Tutor, LESSONS};
use rolloutscope::page::{self, Action, AppState};
use rolloutscope::session::{Engine, Step};
use rolloutscope::setup::Knobs;
use rolloutscope::sim::{SimTime, World};

/// The longest a lesson may have to play for one step, in simulated time.
const PLAY_LIMIT: SimTime = SimTime::from_secs(900);

/// A learner on the page: its state, changed only by the page's own reducer.
struct Learner {
    page: Rc<AppState>,
}

impl Learner {
    /// The page with lesson `lesson` started, as its button in the lesson picker starts it.
    fn new(lesson: usize) -> Self {
        let mut l = Learner { page: Rc::new(AppState::new(Lang::En)) };
        l.dispatch(Action::StartLesson(lesson));
        l
    }

    fn dispatch(&mut self, action: Action) {
        self.page = page::reduce(self.page.clone(), action);
    }

    fn tutor(&self) -> &Tutor {
        self.page.tutor.as_ref().expect("a lesson is followed")
    }

    fn knobs(&self) -> &Knobs {
        &self.page.knobs
    }

    fn engine(&self) -> Ref<'_, Engine> {
        self.page.engine()
    }

    fn world(&self) -> Ref<'_, World> {
        Ref::map(self.page.engine(), Engine::world)
    }

    /// The run itself, for a look past what the lesson does (not through the page's controls).
    fn engine_mut(&self) -> RefMut<'_, Engine> {
        self.page.engine.borrow_mut()
    }

    fn holds(&self, goal: Goal) -> bool {
        let (engine, tutor) = (self.engine(), self.tutor());
        let ctx = Ctx {
            knobs: &self.page.knobs,
            draft: &self.page.draft,
            engine: &engine,
            typed: &tutor.typed,
            predicted_at: tutor.predicted.map(|(_, t)| t),
            focused: self.page.focused.as_deref(),
        };
        goal.holds(&ctx)
    }

    /// "Show me" pressed, as on the page (where its button is disabled once the step is done):
    /// the page's own reducer does what the step asks. What went wrong, if anything: kubectl's
    /// error, or the apiserver's refusal of the settings.
    fn show_me(&mut self) -> Result<(), String> {
        let Some(Then::Do { what, .. }) = self.tutor().current().map(|s| &s.then) else {
            panic!("\"Show me\" is only on a step that asks for something")
        };
        if self.tutor().done {
            return Ok(());
        }
        let what = *what;
        self.dispatch(Action::LessonShowMe);
        match what {
            Do::Kubectl(_) => self.page.shell.entries().last().expect("the command typed").answer.clone().map(drop),
            Do::Deploy | Do::Act(_) => self.page.last_answer.clone().expect("kubectl's answer").map(drop),
            Do::Settings(_) if self.page.knobs != self.page.draft => {
                Err(format!("refused settings: {:?}", self.page.draft.errors()))
            }
            Do::Play | Do::Draft(_) | Do::Settings(_) | Do::Seek(_) | Do::Explain(_) => Ok(()),
        }
    }

    /// Plays until the step is done, as the page does after "show me" (the page stops the clock
    /// at the moment the step is done).
    fn play_until_done(&mut self, lesson: &str) {
        let limit = self.world().time() + (PLAY_LIMIT - SimTime::ZERO);
        while !self.tutor().done {
            assert!(
                self.world().time() < limit,
                "{lesson}, step {}: its goal did not hold within {PLAY_LIMIT:?} of play",
                self.tutor().step + 1
            );
            self.dispatch(Action::Advance(10));
        }
    }
}

/// Walks lesson `index`, predicting `guess` at each prediction; returns the reveals as
/// (predicted, engine, what the text says).
fn walk(index: usize, guess: i64) -> Vec<(Option<Choice>, i64, i64)> {
    let lesson = &LESSONS[index];
    let mut l = Learner::new(index);
    let mut reveals = Vec::new();
    // Each lesson starts with the app up and serving.
    assert!(l.holds(Goal::AllAvailable), "{}: not available at the start", lesson.id);
    while let Some(step) = l.tutor().current() {
        match &step.then {
            Then::Read => assert!(l.tutor().done),
            Then::Do { what, until } => {
                let done = l.show_me();
                // A command the lesson asks for to show kubectl's error may fail; no other may.
                if !matches!(until, Goal::Typed(_)) {
                    done.unwrap_or_else(|e| panic!("{}, step {}: {e}", lesson.id, l.tutor().step + 1));
                }
                // A moment gone back to and a pod explained are there at once, and stay: the
                // clock does not run for them.
                if matches!(what, Do::Seek(_) | Do::Explain(_)) {
                    assert!(l.tutor().done, "{}, step {}: \"show me\" did not do it", lesson.id, l.tutor().step + 1);
                    assert!(!l.page.playing, "{}, step {}: the clock runs on", lesson.id, l.tutor().step + 1);
                }
                l.play_until_done(lesson.id);
            }
            Then::Predict(..) => {
                assert!(!l.tutor().done, "a prediction waits for the learner");
                l.dispatch(Action::LessonPredict(guess));
                assert!(l.tutor().done);
            }
            Then::Reveal { expected } => {
                let (predicted, engine) = l.page.reveal().expect("a reveal follows a prediction");
                reveals.push((predicted, engine, *expected));
            }
        }
        l.dispatch(Action::LessonNext);
    }
    assert!(l.tutor().in_free_play());
    reveals
}

#[test]
fn every_lesson_can_be_walked_to_free_play_and_its_figures_are_the_engines() {
    // Every figure that differs is named, not only the first.
    let mut wrong = Vec::new();
    for (i, lesson) in LESSONS.iter().enumerate() {
        let choices = lesson.steps.iter().filter_map(|s| match s.then {
            Then::Predict(_, choices) => Some(choices),
            _ => None,
        });
        for ((predicted, engine, expected), choices) in walk(i, 7).into_iter().zip(choices) {
            assert_eq!(predicted, Some(Choice::is(7)));
            if engine != expected {
                wrong.push(format!("{}: the text says {expected}, the engine did {engine}", lesson.id));
            }
            // The engine's figure is one of the choices offered, and only one.
            if !choices.is_empty() && choices.iter().filter(|c| c.holds(engine)).count() != 1 {
                wrong.push(format!("{}: {engine} is not in exactly one of {choices:?}", lesson.id));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn lesson_ids_are_unique_and_every_text_is_in_both_languages() {
    let mut ids: Vec<&str> = LESSONS.iter().map(|l| l.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), LESSONS.len());
    for lesson in LESSONS {
        assert!(!lesson.steps.is_empty(), "{}", lesson.id);
        let whole = [&lesson.title, &lesson.objective, &lesson.takeaway];
        for said in whole.into_iter().chain(lesson.steps.iter().map(|s| &s.say)) {
            assert!(!said.en.trim().is_empty() && !said.ko.trim().is_empty(), "{}", lesson.id);
            assert_ne!(said.en, said.ko, "{}: the Korean text is a copy of the English", lesson.id);
            // Korean text is written in Hangul (commands and names inside it stay as they are).
            assert!(said.ko.chars().any(|c| ('가'..='힣').contains(&c)), "{}: {:?}", lesson.id, said.ko);
        }
        // Every prediction is revealed, and every reveal has a prediction before it.
        let mut open = false;
        for step in lesson.steps {
            match step.then {
                Then::Predict(..) => {
                    assert!(!open, "{}: two predictions in a row", lesson.id);
                    open = true;
                }
                Then::Reveal { .. } => {
                    assert!(open, "{}: a reveal without a prediction", lesson.id);
                    open = false;
                }
                _ => {}
            }
        }
        assert!(!open, "{}: a prediction never revealed", lesson.id);
    }
}

#[test]
fn a_step_is_not_done_before_the_learner_does_it() {
    // The first lesson's second step waits for `kubectl get rs`: playing alone does not do it.
    let mut l = Learner::new(0);
    l.dispatch(Action::LessonNext);
    assert!(matches!(l.tutor().current().unwrap().then, Then::Do { .. }));
    l.dispatch(Action::Seek(SimTime::from_secs(60)));
    assert!(!l.tutor().done);
    l.dispatch(Action::Console("kubectl get pods".into()));
    assert!(!l.tutor().done, "another command is not the one asked for");
    l.dispatch(Action::Console("kubectl get rs".into()));
    assert!(l.tutor().done);
}

#[test]
fn a_wrong_prediction_is_shown_next_to_the_engines_figure() {
    let index = LESSONS.iter().position(|l| l.id == "surge-and-unavailable").unwrap();
    let reveals = walk(index, 8);
    assert_eq!(reveals, [(Some(Choice::is(8)), 5, 5), (Some(Choice::is(8)), 3, 3)]);
}

#[test]
fn each_lesson_ships_its_scenario_file() {
    for lesson in LESSONS {
        let knobs = (lesson.knobs)();
        let file = rolloutscope::run_file::text(&rolloutscope::run_file::of_run(&knobs, lesson.seed, &[]));
        let path = format!("examples/lessons/{}.yaml", lesson.id);
        crate::common::kept(&path, &file);
        // `rolloutscope simulate`'s reader runs it to the lesson's own run.
        let read = rolloutscope::k8s::scenario_file::read(&file, &path).unwrap();
        let mut from_file = rolloutscope::sim::Run::new(read.world());
        let mut page = Engine::new(&knobs, lesson.seed);
        page.run_to(SimTime::from_secs(30));
        from_file.run_until(SimTime::from_secs(30));
        let ready = |w: &rolloutscope::sim::World| w.pods.values().filter(|p| p.status.ready).count();
        assert_eq!(ready(page.world()), ready(from_file.world()), "{}", lesson.id);
        assert_eq!(page.world().requests.sent, from_file.world().requests.sent, "{}", lesson.id);
    }
}

/// The page fetches the lessons' words from `static/lessons.json`: it must hold the catalogue's.
#[test]
fn the_page_s_lesson_texts_are_the_catalogue_s() {
    use rolloutscope::lesson::Texts;
    let texts = Texts::of_catalogue();
    crate::common::kept("static/lessons.json", &texts.to_json());
    let read = Texts::parse(&texts.to_json()).unwrap();
    assert_eq!(read, texts, "the file read back is the catalogue's texts, word for word");
    // The page shares them as `Rc<Result<Texts, String>>`, which compares by address only for `Eq`.
    fn eq_by_address<T: Eq>(_: &std::rc::Rc<T>) {}
    eq_by_address(&std::rc::Rc::new(Ok::<Texts, String>(read.clone())));
    let (_, lesson) = rolloutscope::lesson::Lesson::by_id("rollout-commands").unwrap();
    assert_eq!(read.title(lesson, rolloutscope::i18n::Lang::Ko), Some(lesson.title.ko));
    assert_eq!(read.step(lesson, 1, rolloutscope::i18n::Lang::En), Some(lesson.steps[1].say.en));
}

/// A file from another build (a lesson without its texts, or a step too few) is refused with a
/// reason, not shown half empty.
#[test]
fn lesson_texts_of_another_build_are_refused() {
    use rolloutscope::lesson::Texts;
    let mut json: serde_json::Value = serde_json::from_str(&Texts::of_catalogue().to_json()).unwrap();
    let mut without_takeaway = json.clone();
    without_takeaway["basics"].as_object_mut().unwrap().remove("takeaway");
    assert!(Texts::parse(&without_takeaway.to_string()).unwrap_err().contains("\"basics\""));
    json["rollout-commands"]["steps"].as_array_mut().unwrap().pop();
    let err = Texts::parse(&json.to_string()).unwrap_err();
    assert!(err.contains("\"rollout-commands\""), "{err}");
    json.as_object_mut().unwrap().remove("rollout-commands");
    assert!(Texts::parse(&json.to_string()).is_err());
    assert!(Texts::parse("{").unwrap_err().starts_with("lessons.json: "));
    assert!(!Texts::default().is_loaded());
}

#[test]
fn a_button_a_lesson_names_is_a_button_of_the_page() {
    use rolloutscope::i18n::{tr, Lang, Text};
    for lesson in LESSONS {
        for step in lesson.steps {
            for lang in Lang::ALL {
                // Names of the page's buttons are written in double quotes; a command's JSON
                // body is in single quotes, and left out.
                let text: String = step.say.get(lang).split('\'').step_by(2).collect();
                for (i, quoted) in text.split('"').enumerate() {
                    if i % 2 == 1 {
                        assert!(
                            Text::ALL.iter().any(|t| tr(lang, *t) == quoted),
                            "{}: {quoted:?} is not the name of anything on the page in {lang:?}",
                            lesson.id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn in_the_ab_lesson_v2_answers_the_beta_fifth_of_the_requests() {
    // What the lesson's last step says of the requests chart, checked over the minute after it.
    let l = finish("ab-testing");
    let from = l.engine().samples_so_far().last().unwrap().requests.clone();
    let end = l.world().time() + rolloutscope::sim::SimDuration::from_secs(60);
    l.engine_mut().run_to(end);
    let engine = l.engine();
    let to = &engine.samples_so_far().last().unwrap().requests;
    let answered = |image: &str| to.by_image.get(image).unwrap_or(&0) - from.by_image.get(image).unwrap_or(&0);
    let (v1, v2) = (answered("gasbugs/http-go:v1"), answered("gasbugs/http-go:v2"));
    let share = v2 as f64 / (v1 + v2) as f64;
    assert!((0.15..=0.25).contains(&share), "v2 answered {v2} of {} requests", v1 + v2);
}

/// Lesson `id` done to its end (each prediction 0), for a look at its run.
fn finish(id: &str) -> Learner {
    finish_steps(id, usize::MAX)
}

/// The first `steps` steps of lesson `id` done (each prediction 0: a prediction changes nothing
/// in the run, but a step may wait for time to pass after it).
fn finish_steps(id: &str, steps: usize) -> Learner {
    let index = LESSONS.iter().position(|l| l.id == id).unwrap();
    let mut l = Learner::new(index);
    while let Some(step) = l.tutor().current().filter(|_| l.tutor().step < steps) {
        match &step.then {
            Then::Do { until, .. } => {
                let done = l.show_me();
                // As in `walk`: a command shown for kubectl's error may fail.
                if !matches!(until, Goal::Typed(_)) {
                    done.unwrap_or_else(|e| panic!("{id}, step {}: {e}", l.tutor().step + 1));
                }
                l.play_until_done(id);
            }
            Then::Predict(..) => l.dispatch(Action::LessonPredict(0)),
            _ => {}
        }
        l.dispatch(Action::LessonNext);
    }
    l
}

#[test]
fn the_requests_that_fail_during_the_rolling_update_were_refused_connections() {
    // What the lesson's reveal says of its 67 failures.
    use rolloutscope::sim::service::Outcome;
    let at_start = rolloutscope::lesson::engine(&Knobs { rate: 50, ..Knobs::default() }, 1).world().requests.clone();
    let l = finish("requests-fail-during-rollout");
    let end = &l.world().requests;
    let more = |o: Outcome| end.by_outcome.get(&o).unwrap_or(&0) - at_start.by_outcome.get(&o).unwrap_or(&0);
    assert_eq!(end.failed - at_start.failed, 67);
    assert_eq!(more(Outcome::ConnectionRefused), 67);
}

#[test]
fn after_the_canary_abort_the_canary_is_at_zero_and_still_on_v2_until_reverted() {
    // What the lesson's get deployment step says: READY ends in /0, IMAGES still v2.
    let l = finish_steps("canary-abort", 7);
    let answer = kubectl::read_line(&l.world(), "kubectl get deployment http-go-canary -o wide").unwrap().unwrap();
    let row = answer.lines().nth(1).unwrap();
    assert!(
        row.starts_with("http-go-canary ")
            && row.split_whitespace().nth(1).is_some_and(|ready| ready.ends_with("/0"))
            && row.contains("gasbugs/http-go:v2"),
        "{answer}"
    );
    // The users were never moved: the stable Deployment never left v1.
    assert_eq!(l.world().deployments["http-go"].spec.template.image(), "gasbugs/http-go:v1");
    let l = finish("canary-abort");
    assert_eq!(l.world().deployments["http-go-canary"].spec.template.image(), "gasbugs/http-go:v1");
}

#[test]
fn in_the_shared_data_lesson_v1_fails_on_the_new_schema_and_recreate_fails_only_while_down() {
    // What the two reveals say of the failures from the prediction on: under RollingUpdate, 32
    // of the 45 are 500s from v1 (the other 13 met a pod already stopping); under Recreate, none
    // is from the schema, every one found no pod to answer it.
    use rolloutscope::sim::service::Outcome;
    let count = |l: &Learner, o: Option<Outcome>| {
        let r = &l.world().requests;
        o.map_or(r.failed, |o| *r.by_outcome.get(&o).unwrap_or(&0))
    };
    let since = |before: &Learner, after: &Learner, o| count(after, o) - count(before, o);
    let (predicted, rolled) = (finish_steps("shared-data", 2), finish_steps("shared-data", 4));
    assert_eq!(since(&predicted, &rolled, None), 45);
    assert_eq!(since(&predicted, &rolled, Some(Outcome::ServerError)), 32);
    assert_eq!(since(&predicted, &rolled, Some(Outcome::ConnectionRefused)), 13);
    let (predicted, recreated) = (finish_steps("shared-data", 8), finish("shared-data"));
    // (The reveal's 48 ends where the rollout completes; the learner plays on until kubectl
    // rollout status says so.)
    assert!(since(&predicted, &recreated, None) >= 48);
    assert_eq!(since(&predicted, &recreated, Some(Outcome::ServerError)), 0);
    let down = since(&predicted, &recreated, Some(Outcome::NoEndpoints))
        + since(&predicted, &recreated, Some(Outcome::ConnectionRefused));
    assert_eq!(down, since(&predicted, &recreated, None));
}

#[test]
fn after_set_image_to_latest_the_policy_written_at_creation_stays() {
    // What the pull-policy lesson says after the rollout to latest: the policy is still
    // IfNotPresent, and every node pulled (none had latest; a node pulls once).
    let l = finish_steps("pull-policy-defaults", 5);
    let w = l.world();
    let yaml = kubectl::read_line(&w, "kubectl get deployment http-go -o yaml").unwrap().unwrap();
    assert!(yaml.contains("image: gasbugs/http-go:latest\n"), "{yaml}");
    assert!(yaml.contains("imagePullPolicy: IfNotPresent\n"), "{yaml}");
    let pulled = w.events().iter().filter(|e| e.kind == "Pulling" && e.message.contains(":latest")).count();
    let on_latest = w.pods.values().filter(|p| p.image() == "gasbugs/http-go:latest").count();
    assert_eq!((pulled, on_latest), (w.nodes.len(), 4));
    assert_eq!(w.nodes.len(), 3);
    // Created with latest and no policy, the apiserver's default would have been Always.
    use rolloutscope::sim::objects::PullPolicy;
    assert_eq!(PullPolicy::default_for("gasbugs/http-go:latest"), PullPolicy::Always);
    assert_eq!(PullPolicy::default_for("gasbugs/http-go"), PullPolicy::Always);
    assert_eq!(PullPolicy::default_for("gasbugs/http-go:v1"), PullPolicy::IfNotPresent);
}

/// Every text of the lessons: (lesson id, where, language, text).
fn every_text() -> Vec<(&'static str, String, rolloutscope::i18n::Lang, &'static str)> {
    use rolloutscope::i18n::Lang;
    let mut out = Vec::new();
    for lesson in LESSONS {
        for lang in Lang::ALL {
            out.push((lesson.id, "title".to_string(), lang, lesson.title.get(lang)));
            out.push((lesson.id, "objective".to_string(), lang, lesson.objective.get(lang)));
            out.push((lesson.id, "takeaway".to_string(), lang, lesson.takeaway.get(lang)));
            for (i, step) in lesson.steps.iter().enumerate() {
                out.push((lesson.id, format!("step {}", i + 1), lang, step.say.get(lang)));
            }
        }
    }
    out
}

/// What the lessons once said and Kubernetes contradicts (issue 27), or what a reader of the page
/// cannot do; the Korean ones are the same mistakes in Korean.
const KNOWN_WRONG: &[&str] = &[
    // The surge bound counts the ReplicaSets' replicas, not terminating pods.
    "Terminating pods count too",
    "종료 중인 파드도 셉니다",
    // A reader of the page has no `rolloutscope` at hand.
    "rolloutscope simulate",
    // A lost pod is a pod that is gone; Blue/Green is 블루/그린.
    "잃은 파드",
    "파란",
    "AVAILABLE에는 아닙니다",
    // The canary lessons' requests go through NGINX, which balances requests round robin.
    "kube-proxy sends each request",
    "kube-proxy는 요청마다",
    // Under Always the kubelet resolves the digest and pulls only what the node lacks.
    "every container start pulls",
    "컨테이너를 시작할 때마다 이미지를 받습니다",
    // Undo reuses the old ReplicaSet; it copies nothing into a new one.
    "into a new revision",
    "새 리비전 4로 복사",
    "makes a new revision from",
    // Blue/Green's rollback is one patch only while blue still has pods.
    "Roll back instantly",
    "즉시 되돌리세요",
    // progressDeadlineSeconds is time without progress.
    "would wait for progressDeadlineSeconds",
    "지나야 롤아웃이 실패했다고",
    // Eviction after a node loss: 50 s + 300 s.
    "after 5 minutes",
    "5분 뒤",
    // The A/B header rule is in the manifests before Deploy.
    "the Ingress gets a canary rule",
    "카나리 규칙이 생깁니다",
];

#[test]
fn no_lesson_says_what_is_known_to_be_false() {
    use rolloutscope::i18n::Lang;
    for (id, at, lang, text) in every_text() {
        for wrong in KNOWN_WRONG {
            assert!(!text.contains(wrong), "{id}, {at} ({lang:?}) says {wrong:?}: {text}");
        }
        // Wherever --record comes up, the text says it is deprecated; wherever the change-cause
        // does, the lesson says so in one of its texts.
        let deprecated = match lang {
            Lang::En => "deprecated",
            Lang::Ko => "사용 중단",
        };
        if text.contains("--record") {
            assert!(text.contains(deprecated), "{id}, {at} ({lang:?}) names --record without its deprecation: {text}");
        }
        if text.contains("change-cause") {
            let (_, lesson) = rolloutscope::lesson::Lesson::by_id(id).unwrap();
            let mut said = lesson.steps.iter().map(|s| &s.say).chain([&lesson.takeaway]);
            assert!(
                said.any(|s| s.get(lang).contains("--record") && s.get(lang).contains(deprecated)),
                "{id}, {at} ({lang:?}) names the change-cause in a lesson that does not say --record is deprecated"
            );
        }
    }
    // maxSurge rounds up and maxUnavailable down: 올림·내림, not 반올림 (rounding half up).
    let (_, rounding) = rolloutscope::lesson::Lesson::by_id("rounding").unwrap();
    assert!(!rounding.title.ko.contains("반올림") && rounding.title.ko.contains("올림·내림"), "{}", rounding.title.ko);
    // Blue/Green, Canary and A/B are not values of .spec.strategy.type: three-ways says so, and
    // corrects the course notes.
    let (_, three) = rolloutscope::lesson::Lesson::by_id("three-ways").unwrap();
    assert!(three.steps.iter().any(|s| {
        s.say.en.contains(".spec.strategy.type is Recreate or RollingUpdate")
            && s.say.en.contains("The course notes")
            && s.say.ko.contains("강의 자료")
    }));
    // The first lesson of the picker (the basics, topic 0), where 파드 first comes up, says once
    // that the course notes also write 포드.
    let basics = LESSONS.iter().find(|l| l.about == rolloutscope::lesson::About::Topic(0)).unwrap();
    let first = basics.steps.iter().find(|s| s.say.ko.contains("파드")).unwrap();
    assert!(first.say.ko.contains("포드"), "{}", first.say.ko);
    assert_eq!(every_text().iter().filter(|(.., lang, t)| *lang == Lang::Ko && t.contains("포드")).count(), 1);
}

#[test]
fn every_step_says_at_most_about_35_words() {
    for lesson in LESSONS {
        for (i, step) in lesson.steps.iter().enumerate() {
            let words = step.say.en.split_whitespace().count();
            assert!(words <= 35, "{}, step {}: {words} words: {}", lesson.id, i + 1, step.say.en);
        }
    }
}

/// Whether a Hangul syllable ends in a consonant, and whether that consonant is ㄹ.
fn final_consonant(c: char) -> Option<(bool, bool)> {
    let code = u32::from(c);
    (0xAC00..=0xD7A3).contains(&code).then(|| {
        let jong = (code - 0xAC00) % 28;
        (jong != 0, jong == 8)
    })
}

#[test]
fn a_korean_particle_after_a_button_name_agrees_with_how_it_ends() {
    // (after a consonant, after a vowel): "적용하고 처음부터"를, "노드 하나 중단"을.
    const PARTICLES: [(&str, &str); 4] = [("을", "를"), ("은", "는"), ("이", "가"), ("과", "와")];
    for lesson in LESSONS {
        for step in lesson.steps {
            // A command's JSON body, in single quotes, is left out (as the button check does).
            let text: String = step.say.ko.split('\'').step_by(2).collect();
            let parts: Vec<&str> = text.split('"').collect();
            for i in (1..parts.len()).step_by(2) {
                let (name, after) = (parts[i], parts.get(i + 1).copied().unwrap_or(""));
                let Some((consonant, _)) = name.chars().last().and_then(final_consonant) else { continue };
                for (with_consonant, with_vowel) in PARTICLES {
                    let wrong = if consonant { with_vowel } else { with_consonant };
                    assert!(
                        !after.starts_with(wrong) || after.starts_with("이에") || after.starts_with("가장"),
                        "{}: \"{name}\"{wrong} should take {}: {}",
                        lesson.id,
                        if consonant { with_consonant } else { with_vowel },
                        step.say.ko
                    );
                }
            }
        }
    }
    assert_eq!(final_consonant('터'), Some((false, false)));
    assert_eq!(final_consonant('단'), Some((true, false)));
    assert_eq!(final_consonant('일'), Some((true, true)));
}

#[test]
fn with_a_slow_shutdown_more_pods_exist_than_replicas_plus_max_surge() {
    // What the surge lesson says after its first reveal: the bound is on the ReplicaSets'
    // replicas, not on pods shutting down, so a slow shutdown leaves more than 5 pods.
    use rolloutscope::session::Step;
    let (_, lesson) = rolloutscope::lesson::Lesson::by_id("surge-and-unavailable").unwrap();
    let says = |words: &str| lesson.steps.iter().any(|s| s.say.en.contains(words));
    assert!(says("The bound counts the ReplicaSets' replicas, not pods still shutting down"));
    assert!(says("more than 5 pods exist for a while"));
    // The lesson's own run, with a 20 s preStop sleep in the pod template.
    let knobs = (lesson.knobs)();
    let mut scenario = knobs.scenario(lesson.seed);
    for d in &mut scenario.deployments {
        d.spec.template.containers[0].pre_stop_sleep_seconds = Some(20);
    }
    let mut engine = Engine::from_world(scenario.world());
    engine.run_to(rolloutscope::lesson::START);
    engine.perform(&knobs, Step::Deploy).unwrap();
    let (mut most_wanted, mut most_pods, mut most_terminating) = (0, 0, 0);
    let end = engine.world().time() + rolloutscope::sim::SimDuration::from_secs(300);
    while engine.world().time() < end {
        engine.step();
        let w = engine.world();
        most_wanted = most_wanted.max(w.replica_sets.values().map(|rs| rs.spec.replicas).sum::<i32>());
        most_pods = most_pods.max(w.pods.len());
        most_terminating = most_terminating.max(w.pods.values().filter(|p| p.is_terminating()).count());
    }
    let d = &engine.world().deployments["http-go"];
    assert!(matches!(kubectl::rollout_status(d), Ok((_, true))), "the rollout completed");
    assert_eq!(most_wanted, 5, "the controller keeps replicas + maxSurge");
    assert!(most_pods > 5 && most_terminating > 0, "{most_pods} pods at most, {most_terminating} terminating");
    // Without the slow shutdown, the lesson's own run: 5 at most, as its reveal says.
    assert_eq!(walk(LESSONS.iter().position(|l| l.id == lesson.id).unwrap(), 5)[0], (Some(Choice::is(5)), 5, 5));
}

#[test]
fn a_lost_nodes_pods_are_evicted_when_the_self_healing_lesson_says() {
    // 50 s until the node is NotReady (node-monitor-grace-period, 50 s since Kubernetes 1.32),
    // then the default 300 s toleration of node.kubernetes.io/unreachable: about 6 minutes.
    use rolloutscope::sim::nodelifecycle::{DEFAULT_TOLERATION, NODE_MONITOR_GRACE_PERIOD};
    use rolloutscope::sim::SimDuration;
    assert_eq!(
        (NODE_MONITOR_GRACE_PERIOD, DEFAULT_TOLERATION),
        (SimDuration::from_secs(50), SimDuration::from_secs(300))
    );
    let (index, lesson) = rolloutscope::lesson::Lesson::by_id("self-healing").unwrap();
    let text = lesson.steps.iter().map(|s| s.say.en).collect::<Vec<_>>().join(" ");
    assert!(text.contains("50 s later") && text.contains("for 300 s") && text.contains("about 6 minutes"), "{text}");
    // The learner's walk: the node goes down at the step that presses "Take a node down".
    let node_down = LESSONS[index]
        .steps
        .iter()
        .position(|s| matches!(s.then, Then::Do { what: Do::Act(rolloutscope::setup::Act::NodeDown), .. }))
        .unwrap();
    let mut l = finish_steps("self-healing", node_down);
    assert!(std::ptr::eq(l.tutor().current().unwrap(), &LESSONS[index].steps[node_down]));
    assert!(matches!(l.tutor().current().unwrap().then, Then::Do { what: Do::Act(_), .. }));
    let down = l.world().time();
    l.show_me().unwrap();
    l.play_until_done(lesson.id);
    assert_eq!(l.world().time() - down, NODE_MONITOR_GRACE_PERIOD, "the pods stop looking Ready at 50 s");
    l.dispatch(Action::LessonNext);
    l.play_until_done(lesson.id);
    let w = l.world();
    let first = |reason: &str| w.events().iter().find(|e| e.kind == reason && e.t >= down).map(|e| e.t - down);
    assert_eq!(first("NodeNotReady"), Some(NODE_MONITOR_GRACE_PERIOD));
    let evicted = first("TaintManagerEviction").unwrap();
    assert_eq!(evicted.as_millis(), NODE_MONITOR_GRACE_PERIOD.as_millis() + DEFAULT_TOLERATION.as_millis());
    let back = w.time() - down;
    assert!(
        evicted.as_millis() / 60_000 == 5 && back.as_millis() < 6 * 60_000 + 30_000,
        "{evicted:?}, {back:?}: about 6 minutes"
    );
}

#[test]
fn blue_green_rolls_back_by_one_patch_only_while_the_script_has_not_scaled_blue_down() {
    let (_, lesson) = rolloutscope::lesson::Lesson::by_id("blue-green").unwrap();
    assert!(lesson.steps.iter().any(|s| s.say.en.contains("The script now waits 30 s, then scales blue to 0")));
    // The switch: the deploy script (the page's plan) patched the selector; blue has all its pods.
    let switched = finish_steps("blue-green", 3);
    let at = switched.world().time();
    let w = switched.world();
    assert_eq!(w.services["http-go"].selector["version"], "green");
    assert_eq!(w.deployments["http-go-blue"].status.available_replicas, 4);
    // Rolled back within the window: blue serves at once; 30 s after the switch the script,
    // which does not know, scales blue to 0.
    let l = finish_steps("blue-green", 5);
    assert_eq!(l.world().time(), at, "the rollback is one patch, made at the moment of the switch");
    while l.world().deployments["http-go-blue"].spec.replicas > 0 {
        l.engine_mut().step();
    }
    assert_eq!(l.world().time() - at, rolloutscope::sim::SimDuration::from_secs(30));
    // And the lesson's last steps: no endpoints, then blue scaled back up by hand.
    let l = finish("blue-green");
    assert_eq!(l.world().services["http-go"].selector["version"], "blue");
    assert_eq!(l.world().deployments["http-go-blue"].status.available_replicas, 4);
}

#[test]
fn undo_reuses_the_old_replica_set_under_the_next_revision_number() {
    // What the rollout-commands reveal says: no ReplicaSet is made, revision 2's is renumbered 4.
    for id in ["rollout-commands", "undo-renumbers"] {
        let (_, lesson) = rolloutscope::lesson::Lesson::by_id(id).unwrap();
        assert!(lesson.steps.iter().any(|s| s.say.en.contains("reuses revision 2's ReplicaSet")), "{id}");
    }
    let before = finish_steps("rollout-commands", 7);
    let names = |l: &Learner| l.world().replica_sets.keys().cloned().collect::<Vec<_>>();
    let w = before.world();
    let second = w.replica_sets.values().find(|rs| rs.revision() == 2).unwrap().metadata.name.clone();
    let after = finish_steps("rollout-commands", 10);
    assert_eq!(names(&after), names(&before), "undo made no ReplicaSet");
    let rs = &after.world().replica_sets[&second];
    assert_eq!((rs.revision(), rs.spec.template.image()), (4, "gasbugs/http-go:v2"));
}

#[test]
fn in_the_ab_lesson_the_header_rule_is_there_before_deploy_which_gives_http_go_b_its_pod() {
    use rolloutscope::sim::gateway::NameMatch;
    let (index, lesson) = rolloutscope::lesson::Lesson::by_id("ab-testing").unwrap();
    assert!(lesson.steps.iter().any(|s| s.say.en.contains("has held that header rule from the start")));
    let start = Learner::new(index);
    let w = start.world();
    // The HTTPRoute's first rule: the header match, to the Service http-go-b.
    let route = w.gateway.routes["http-go"].clone();
    let rule = &route.spec.rules[0];
    assert_eq!(rule.matches[0].headers, [NameMatch::exact("X-Group", "beta")]);
    assert_eq!(rule.backend_refs.iter().map(|b| b.name.as_str()).collect::<Vec<_>>(), ["http-go-b"]);
    assert!(w.ingresses.is_empty(), "no Ingress: the Gateway routes");
    assert_eq!(w.deployments["http-go-b"].spec.replicas, 0);
    let l = finish("ab-testing");
    let w = l.world();
    assert_eq!(w.gateway.routes["http-go"], route, "Deploy does not touch the route");
    let b = &w.deployments["http-go-b"];
    assert_eq!((b.spec.replicas, b.spec.template.image()), (1, "gasbugs/http-go:v2"));
}

#[test]
fn progress_deadline_is_time_without_progress_not_a_limit_on_the_whole_rollout() {
    use rolloutscope::session::Step;
    for (id, words) in
        [("progress-deadline", "without progress"), ("image-pull-error", "no progress for progressDeadlineSeconds")]
    {
        let (_, lesson) = rolloutscope::lesson::Lesson::by_id(id).unwrap();
        assert!(lesson.steps.iter().any(|s| s.say.en.contains(words)), "{id}");
    }
    // A rollout that keeps making progress runs longer than its 30 s deadline and is not failed.
    let knobs = Knobs { progress_deadline_seconds: 30, min_ready_seconds: 20, ..Knobs::default() };
    let mut engine = rolloutscope::lesson::engine(&knobs, 1);
    let start = engine.world().time();
    engine.perform(&knobs, Step::Deploy).unwrap();
    let done = |e: &Engine| matches!(kubectl::rollout_status(&e.world().deployments["http-go"]), Ok((_, true)));
    engine.step();
    while !done(&engine) {
        let d = &engine.world().deployments["http-go"];
        assert!(
            !d.status.conditions.iter().any(|c| c.reason == "ProgressDeadlineExceeded"),
            "{:?}",
            d.status.conditions
        );
        assert!(engine.world().time() < start + rolloutscope::sim::SimDuration::from_secs(600));
        engine.step();
    }
    let took = engine.world().time() - start;
    assert!(took > rolloutscope::sim::SimDuration::from_secs(30), "{took:?}");
}

#[test]
fn the_canary_lessons_requests_go_through_the_gateway_to_any_ready_endpoint() {
    // What the canary-by-labels texts say: the requests come through a Gateway whose HTTPRoute
    // gives the canary Service weight 0, and it sends each to one of the Service's endpoints.
    use rolloutscope::sim::service::Target;
    let (index, lesson) = rolloutscope::lesson::Lesson::by_id("canary-by-labels").unwrap();
    assert!(lesson.steps.iter().any(|s| s.say.en.contains("through a Gateway whose HTTPRoute")));
    let l = Learner::new(index);
    assert!(matches!(&l.world().traffic[0].to, Target::Ingress(host) if l.world().gateway.serves(host)));
    assert_eq!(rolloutscope::lesson::canary_weight(l.knobs().router, &l.world()), Some(0));
    // Once the canary's endpoint has reached the router (a second after the prediction), v2's one
    // pod of 5 answers about a fifth of the requests (Envoy picks an endpoint at random).
    let l = finish_steps("canary-by-labels", 6);
    let count = |l: &Learner, image: &str| {
        *l.engine().samples_so_far().last().unwrap().requests.by_image.get(image).unwrap_or(&0)
    };
    let from = SimTime::from_secs(l.world().time().whole_secs() + 2);
    l.engine_mut().run_to(from);
    let (v1_from, v2_from) = (count(&l, "gasbugs/http-go:v1"), count(&l, "gasbugs/http-go:v2"));
    l.engine_mut().run_to(from + rolloutscope::sim::SimDuration::from_secs(50));
    let (v1, v2) = (count(&l, "gasbugs/http-go:v1") - v1_from, count(&l, "gasbugs/http-go:v2") - v2_from);
    let share = v2 as f64 / (v1 + v2) as f64;
    assert!(v1 + v2 >= 500 && (0.16..=0.24).contains(&share), "v2 answered {v2} of {}", v1 + v2);
}

/// The canary-weight-is-pods lesson sets the weight with `kubectl patch httproute`; the goal
/// reads whichever router the run's settings pick.
#[test]
fn the_canary_weight_goal_reads_the_route_or_the_ingress() {
    use rolloutscope::lesson::canary_weight;
    use rolloutscope::setup::{gateway_weight_line, Router, StrategyKind};
    for router in Router::ALL {
        let knobs = Knobs { strategy: StrategyKind::Canary, router, ..Knobs::default() };
        let mut engine = rolloutscope::lesson::engine(&knobs, 1);
        assert_eq!(canary_weight(router, engine.world()), Some(0), "{router:?}");
        let line = match router {
            Router::Gateway => gateway_weight_line(5),
            Router::Ingress => {
                "kubectl annotate ingress http-go-canary nginx.ingress.kubernetes.io/canary-weight=5 --overwrite".into()
            }
        };
        engine.perform(&knobs, Step::Kubectl(line)).unwrap();
        assert_eq!(canary_weight(router, engine.world()), Some(5), "{router:?}");
        let other = Router::ALL.into_iter().find(|r| *r != router).unwrap();
        assert_eq!(canary_weight(other, engine.world()), None, "{router:?}: the other router is not there");
    }
}

#[test]
fn with_the_pre_stop_hook_the_lesson_suggests_no_request_is_refused() {
    // The last step of requests-fail-during-rollout: lifecycle.preStop.sleep.seconds: 5 in the
    // YAML panel, applied, then another deploy.
    use rolloutscope::kubectl::apply::PANEL_FILE;
    use rolloutscope::manifest::live::documents as manifests;
    use rolloutscope::manifest::reader::Read;
    use rolloutscope::session::Step;
    use rolloutscope::sim::SimDuration;
    let mut l = finish("requests-fail-during-rollout");
    let shown = manifests(&l.world());
    let line = shown.lines().find(|l| l.trim_start() == "imagePullPolicy: IfNotPresent").unwrap();
    let indent = " ".repeat(line.len() - line.trim_start().len());
    let hook = format!("{line}\n{indent}lifecycle:\n{indent}  preStop:\n{indent}    sleep:\n{indent}      seconds: 5");
    let text = shown.replacen(line, &hook, 1);
    let Read::Manifests(objects) = rolloutscope::k8s::apply::read(&text, PANEL_FILE, false).unwrap() else {
        panic!("not manifests")
    };
    let roll = |l: &mut Learner, step: Step| {
        l.engine_mut().perform(l.knobs(), step).unwrap();
        l.engine_mut().step();
        while !rolloutscope::sim::strategy::rolled_out(&l.world().deployments, "http-go") {
            l.engine_mut().step();
        }
        // The old pods' last seconds, sleeping in their hook.
        let end = l.world().time() + SimDuration::from_secs(15);
        l.engine_mut().run_to(end);
    };
    roll(&mut l, Step::Apply { create: false, objects });
    let c = l.world().deployments["http-go"].spec.template.containers[0].clone();
    assert_eq!(c.pre_stop_sleep_seconds, Some(5));
    let failed = l.world().requests.failed;
    roll(&mut l, Step::Deploy);
    assert_eq!(l.world().deployments["http-go"].spec.template.image(), "gasbugs/http-go:v3");
    assert_eq!(l.world().requests.failed - failed, 0);
}

#[test]
fn under_always_the_kubelet_pulls_only_a_digest_the_node_lacks() {
    // What the same-tag lesson says before its last prediction: a pod replaced under Always, with
    // nothing pushed, starts from the node's copy after a check of the digest; after a push, it
    // downloads the new one (the lesson's last reveal, walked).
    use rolloutscope::session::Step;
    use rolloutscope::setup::Act;
    let (_, lesson) = rolloutscope::lesson::Lesson::by_id("same-tag").unwrap();
    assert!(lesson.steps.iter().any(|s| s.say.en.contains("pulls only if the node lacks that digest")));
    let mut l = finish_steps("same-tag", 8);
    assert_eq!(l.knobs().image_pull_policy, rolloutscope::sim::objects::PullPolicy::Always);
    let pull_of_replacement = |l: &mut Learner| {
        let old: Vec<String> = l.world().pods.keys().cloned().collect();
        l.engine_mut().perform(l.knobs(), Step::Act(Act::DeletePod)).unwrap();
        let end = l.world().time() + rolloutscope::sim::SimDuration::from_secs(30);
        l.engine_mut().run_to(end);
        let w = l.world();
        let new = w.pods.keys().find(|p| !old.contains(p)).unwrap().clone();
        let at = |kind: &str| w.events().iter().find(|e| e.kind == kind && e.object == format!("pod/{new}")).unwrap().t;
        at("Pulled") - at("Pulling")
    };
    let checked = pull_of_replacement(&mut l);
    l.engine_mut().perform(l.knobs(), Step::Act(Act::PushSameTag)).unwrap();
    let downloaded = pull_of_replacement(&mut l);
    assert!(checked < rolloutscope::sim::SimDuration::from_secs(1), "{checked:?}");
    assert!(downloaded > checked, "{downloaded:?}");
}

#[test]
fn show_me_types_the_monitor_loop_in_the_console_where_it_runs_as_job_one() {
    // The step that asks for `while true; do curl http-go; sleep 1; done &`: "Show me" types it in
    // the console, whose shell runs it in the background (it is no kubectl command).
    let (lesson, step, line) = LESSONS
        .iter()
        .find_map(|lesson| {
            lesson.steps.iter().enumerate().find_map(|(i, step)| match step.then {
                Then::Do { what: Do::Kubectl(line), .. } if line.starts_with("while true") => Some((lesson, i, line)),
                _ => None,
            })
        })
        .expect("a lesson runs the monitor loop");
    assert!(line.ends_with('&'), "{line}");
    let mut l = finish_steps(lesson.id, step);
    assert_eq!(l.tutor().step, step);
    l.show_me().unwrap_or_else(|e| panic!("{}, step {}: {e}", lesson.id, step + 1));
    assert_eq!(l.page.job().as_deref(), Some(line.trim_end_matches('&').trim_end()));
    let typed = l.page.shell.entries().last().unwrap().clone();
    assert_eq!(typed.line, line);
    assert!(typed.answer.as_ref().is_ok_and(|a| a.starts_with("[1]")), "{:?}", typed.answer);
    assert!(l.tutor().done, "the step waits for the line typed");
    // It is not a step of the run; what it prints comes between the learner's commands.
    assert!(l.engine().timeline.iter().all(|(_, s)| !matches!(s, Step::Kubectl(_))), "{:?}", l.engine().timeline);
    l.dispatch(Action::Advance(30));
    let printed = l.page.shell.entries().last().unwrap().clone();
    assert!(printed.job && printed.answer.as_ref().is_ok_and(|a| !a.is_empty()), "{printed:?}");
    // The lesson goes on with the job running, as on the page.
    l.dispatch(Action::LessonNext);
    l.show_me().unwrap();
    l.play_until_done(lesson.id);
    assert!(l.page.job().is_some());
}

#[test]
fn the_basics_lesson_shows_the_label_and_the_selector_it_names() {
    let (_, lesson) = rolloutscope::lesson::Lesson::by_id("basics").unwrap();
    assert!(lesson.steps.iter().any(|s| s.say.en.contains("Its SELECTOR is app=http-go")));
    let l = finish_steps("basics", 3);
    let answers: Vec<String> =
        l.page.shell.entries().iter().map(|e| e.answer.clone().expect("a read the console answers")).collect();
    let [pods, service] = answers.as_slice() else { panic!("{answers:?}") };
    assert!(pods.lines().next().unwrap().ends_with("LABELS"), "{pods}");
    assert_eq!(pods.lines().skip(1).filter(|l| l.contains("app=http-go")).count(), 4, "{pods}");
    let header = service.lines().next().unwrap();
    let at = header.find("SELECTOR").expect("-o wide shows the selector");
    assert_eq!(service.lines().nth(1).unwrap()[at..].trim(), "app=http-go", "{service}");
}

#[test]
fn a_paused_rollout_refuses_undo_in_kubectl_s_words_and_resumes_straight_to_v4() {
    let (_, lesson) = rolloutscope::lesson::Lesson::by_id("pause-resume").unwrap();
    let undo = lesson.steps.iter().position(|s| matches!(s.then, Then::Do { until: Goal::Typed("rollout undo"), .. }));
    let l = finish_steps("pause-resume", undo.unwrap() + 1);
    // kubectl since 1.26 (kubernetes/kubectl pkg/polymorphichelpers/rollback.go); revision 1 is
    // there to go back to, so the refusal is the one about pausing.
    let refused = l.page.shell.entries().last().unwrap().answer.clone().unwrap_err();
    assert_eq!(
        refused,
        "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again"
    );
    let w = l.world();
    assert_eq!(w.deployments["http-go"].spec.template.image(), "gasbugs/http-go:v4", "undo changed nothing");
    assert_eq!(w.replica_sets.len(), 2, "no ReplicaSet while paused");
    assert!(w.pods.values().all(|p| p.image() == "gasbugs/http-go:v2"));
    drop(w);
    let l = finish("pause-resume");
    let w = l.world();
    let images: Vec<&str> = w.replica_sets.values().map(|rs| rs.spec.template.image()).collect();
    assert_eq!(images.len(), 3, "{images:?}");
    assert!(!images.contains(&"gasbugs/http-go:v3"), "no v3 ReplicaSet: {images:?}");
    assert!(w.events().iter().all(|e| !e.message.contains("gasbugs/http-go:v3")), "no v3 pod ever ran");
}

#[test]
fn the_change_cause_stays_on_the_deployment_and_names_the_next_revision_too() {
    let history =
        |l: &Learner| kubectl::read_line(&l.world(), "kubectl rollout history deployment/http-go").unwrap().unwrap();
    let (_, lesson) = rolloutscope::lesson::Lesson::by_id("change-cause").unwrap();
    let shown =
        lesson.steps.iter().position(|s| matches!(s.then, Then::Do { until: Goal::Typed("rollout history"), .. }));
    let l = finish_steps("change-cause", shown.unwrap() + 1);
    assert_eq!(
        history(&l),
        "deployment.apps/http-go \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image updated to v2"
    );
    let l = finish("change-cause");
    assert_eq!(
        history(&l),
        "deployment.apps/http-go \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image updated to v2\n3         image updated to v2"
    );
}

#[test]
fn with_the_course_s_probes_a_slow_starter_is_ready_at_its_first_check_after_it_answers() {
    let (_, lesson) = rolloutscope::lesson::Lesson::by_id("probe-fields").unwrap();
    assert!(lesson.steps.iter().any(|s| s.say.en.contains("became Ready at its first check after 20 s")));
    let l = finish("probe-fields");
    let k = l.knobs();
    assert_eq!(
        (k.readiness.initial_delay_seconds, k.liveness.initial_delay_seconds, k.readiness.period_seconds),
        (15, 120, 10)
    );
    assert_eq!((k.readiness.failure_threshold, k.liveness.failure_threshold, k.liveness.timeout_seconds), (1, 1, 2));
    let w = l.world();
    let v2: Vec<_> = w.pods.values().filter(|p| p.image() == "gasbugs/http-go:v2").collect();
    assert_eq!(v2.len(), 4);
    for p in v2 {
        let waited = p.status.ready_transition_time.unwrap() - p.status.started_at.unwrap();
        let secs = waited.as_millis() / 1000;
        assert!((20..=30).contains(&secs), "{}: Ready {waited:?} after it started", p.metadata.name);
        assert_eq!(p.status.restart_count, 0);
    }
}

#[test]
fn ten_replicas_at_fifty_percent_start_five_new_pods_then_scale_the_old_down_by_five() {
    let l = finish_steps("ten-at-fifty", 4);
    let w = l.world();
    let scaled: Vec<&str> = w
        .events()
        .iter()
        .filter(|e| e.kind == "ScalingReplicaSet")
        .map(|e| e.message.as_str())
        .skip(1)
        .take(2)
        .collect();
    assert!(
        scaled[0].starts_with("Scaled up replica set http-go-") && scaled[0].ends_with("from 0 to 5"),
        "{scaled:?}"
    );
    assert!(
        scaled[1].starts_with("Scaled down replica set http-go-") && scaled[1].ends_with("from 10 to 5"),
        "{scaled:?}"
    );
}

/// The pages of kubernetes.io the lessons link to, each translated on kubernetes.io/ko (found in
/// kubernetes/website's content/ko/docs): a lesson's Korean link must not lead to a missing page.
const PAGES_IN_KOREAN: &[&str] = &[
    "concepts/workloads/controllers/deployment/",
    "concepts/workloads/controllers/replicaset/",
    "concepts/workloads/controllers/replicationcontroller/",
    "concepts/workloads/management/",
    "concepts/workloads/pods/pod-lifecycle/",
    "concepts/services-networking/service/",
    "concepts/services-networking/gateway/",
    "concepts/containers/images/",
    "concepts/policy/resource-quotas/",
    "tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
];

#[test]
fn every_lesson_has_an_objective_a_takeaway_and_a_kubernetes_io_page_in_both_languages() {
    use rolloutscope::i18n::Lang;
    let texts = rolloutscope::lesson::Texts::of_catalogue();
    for lesson in LESSONS {
        for lang in Lang::ALL {
            for (what, said) in [("objective", &lesson.objective), ("takeaway", &lesson.takeaway)] {
                let text = said.get(lang);
                assert!(text.chars().count() > 20, "{}: the {what} ({lang:?}) is {text:?}", lesson.id);
                assert!(text.ends_with('.'), "{}: the {what} ({lang:?}) is not a sentence: {text:?}", lesson.id);
            }
            assert_eq!(texts.objective(lesson, lang), Some(lesson.objective.get(lang)));
            assert_eq!(texts.takeaway(lesson, lang), Some(lesson.takeaway.get(lang)));
        }
        // One line for the objective, a line or two for the takeaway.
        assert!(lesson.objective.en.split_whitespace().count() <= 25, "{}: {}", lesson.id, lesson.objective.en);
        assert!(lesson.takeaway.en.split_whitespace().count() <= 35, "{}: {}", lesson.id, lesson.takeaway.en);
        let page = lesson
            .link
            .strip_prefix("https://kubernetes.io/docs/")
            .unwrap_or_else(|| panic!("{}: {} is not a page of https://kubernetes.io/docs/", lesson.id, lesson.link));
        assert!(PAGES_IN_KOREAN.contains(&page), "{}: {page} has no Korean page listed", lesson.id);
        assert_eq!(lesson.link(Lang::En), lesson.link);
        assert_eq!(lesson.link(Lang::Ko), format!("https://kubernetes.io/ko/docs/{page}"));
    }
}

#[test]
fn a_prediction_cannot_be_skipped_past_the_run_waits_for_it() {
    // surge-and-unavailable asks for the peak before the deploy: playing, deploying or typing a
    // change first is held, so the reveal is of the rollout the question names.
    let mut l = finish_steps("surge-and-unavailable", 1);
    assert!(matches!(l.tutor().current().unwrap().then, Then::Predict(..)));
    assert!(l.page.awaiting_prediction());
    let at = l.world().time();
    l.dispatch(Action::TogglePlay);
    assert!(!l.page.playing);
    l.dispatch(Action::Frame(1000.0));
    l.dispatch(Action::Advance(50));
    l.dispatch(Action::Seek(SimTime::from_secs(100)));
    assert_eq!(l.world().time(), at, "the clock waits");
    l.dispatch(Action::DeployNewVersion);
    assert!(l.page.last_answer.clone().unwrap().unwrap_err().starts_with("Predict first"));
    l.dispatch(Action::Console("kubectl set image deployment/http-go http-go=gasbugs/http-go:v2".into()));
    assert!(l.page.shell.entries().last().unwrap().answer.clone().unwrap_err().starts_with("Predict first"));
    l.dispatch(Action::Console("kubectl get pods".into()));
    assert!(l.page.shell.entries().last().unwrap().answer.is_ok(), "a read answers");
    assert_eq!(l.world().deployments["http-go"].spec.template.image(), "gasbugs/http-go:v1");
    // Answered: the run goes on, and the peak revealed is the lesson's 5.
    l.dispatch(Action::LessonPredict(5));
    assert!(!l.page.awaiting_prediction());
    l.dispatch(Action::LessonNext);
    l.show_me().unwrap();
    l.play_until_done("surge-and-unavailable");
    l.dispatch(Action::LessonNext);
    l.play_until_done("surge-and-unavailable");
    l.dispatch(Action::LessonNext);
    assert_eq!(l.page.reveal(), Some((Some(Choice::is(5)), 5)));
}

#[test]
fn a_ready_pod_answers_before_it_is_available() {
    // min-ready-is-not-readiness: at the moment v2 first answers, no v2 pod is Available yet.
    let (index, lesson) = rolloutscope::lesson::Lesson::by_id("min-ready-is-not-readiness").unwrap();
    let answered = lesson.steps.iter().position(|s| matches!(s.then, Then::Do { until: Goal::TwoVersionsAnswer, .. }));
    let l = finish_steps(lesson.id, answered.unwrap() + 1);
    assert!(std::ptr::eq(l.tutor().current().unwrap(), &LESSONS[index].steps[answered.unwrap() + 1]));
    let w = l.world();
    let v2: Vec<_> = w.pods.values().filter(|p| p.image() == "gasbugs/http-go:v2").collect();
    assert!(v2.iter().any(|p| p.status.ready));
    assert!(v2.iter().all(|p| !p.is_available(10, w.time())), "no v2 pod is Available yet");
}

#[test]
fn every_lesson_asks_for_a_prediction_among_a_few_choices() {
    for lesson in LESSONS {
        let predictions: Vec<&[Choice]> = lesson
            .steps
            .iter()
            .filter_map(|s| match s.then {
                Then::Predict(_, choices) => Some(choices),
                _ => None,
            })
            .collect();
        assert!(!predictions.is_empty(), "{}: no prediction", lesson.id);
        for choices in predictions {
            assert!((2..=5).contains(&choices.len()), "{}: {choices:?}", lesson.id);
            // In order, and apart: a figure is in one choice at most.
            assert!(choices.iter().all(|c| c.lo <= c.hi), "{}: {choices:?}", lesson.id);
            assert!(choices.windows(2).all(|w| w[0].hi < w[1].lo), "{}: {choices:?}", lesson.id);
        }
    }
}

#[test]
fn a_choice_is_a_prediction_and_a_range_is_right_when_the_figure_is_in_it() {
    // recreate's failed requests are picked as a range.
    let index = LESSONS.iter().position(|l| l.id == "recreate").unwrap();
    let mut l = Learner::new(index);
    while !matches!(l.tutor().current().unwrap().then, Then::Predict(..)) {
        l.dispatch(Action::LessonNext);
    }
    let Then::Predict(_, choices) = l.tutor().current().unwrap().then else { unreachable!() };
    let pick = choices[2];
    assert_eq!(pick.to_string(), "21–100");
    l.dispatch(Action::LessonChoose(pick));
    assert!(l.tutor().done);
    l.dispatch(Action::LessonNext);
    while !matches!(l.tutor().current().unwrap().then, Then::Reveal { .. }) {
        if matches!(l.tutor().current().unwrap().then, Then::Do { .. }) {
            l.show_me().unwrap();
            l.play_until_done("recreate");
        }
        l.dispatch(Action::LessonNext);
    }
    let (predicted, engine) = l.page.reveal().unwrap();
    assert_eq!((predicted, engine), (Some(pick), 96));
    assert_eq!(
        rolloutscope::i18n::prediction_result(Lang::En, predicted, engine),
        "✓ You predicted 21–100; the engine: 96. Right."
    );
}

#[test]
fn a_lesson_s_command_clicked_waits_in_the_console_s_prompt() {
    // replicasets' second step asks for `kubectl get rs`: a click on the command fills the
    // prompt and shows the terminal; nothing runs until Enter, so the step still waits.
    let mut l = Learner::new(LESSONS.iter().position(|l| l.id == "replicasets").unwrap());
    l.dispatch(Action::LessonNext);
    let Some(Then::Do { what: Do::Kubectl(line), .. }) = l.tutor().current().map(|s| &s.then) else {
        panic!("the second step asks for a command")
    };
    let line = *line;
    l.dispatch(Action::ShowPane(rolloutscope::page::Pane::Events));
    l.dispatch(Action::FillConsole(line.into()));
    assert_eq!(l.page.pane, rolloutscope::page::Pane::Terminal);
    let (first, filled) = l.page.console_fill.clone().unwrap();
    assert_eq!(&*filled, line);
    assert!(l.page.shell.entries().is_empty() && !l.tutor().done, "nothing ran");
    // A second click fills again (the count tells the page it is a new one).
    l.dispatch(Action::FillConsole(line.into()));
    assert_ne!(l.page.console_fill.clone().unwrap().0, first);
    l.dispatch(Action::Console(line.into()));
    assert!(l.tutor().done);
}

/// The first step of lesson `id` that asks for `what` (by its kind), and the lesson.
fn first_step(id: &str, what: fn(&Do) -> bool) -> usize {
    let (_, lesson) = rolloutscope::lesson::Lesson::by_id(id).unwrap();
    lesson
        .steps
        .iter()
        .position(|s| matches!(&s.then, Then::Do { what: w, .. } if what(w)))
        .unwrap_or_else(|| panic!("{id} has no such step"))
}

/// The pods of `w` owned by the ReplicaSet running `tag`, not shutting down.
fn pods_of(w: &World, tag: &str) -> Vec<String> {
    let owners: Vec<&str> = w
        .replica_sets
        .values()
        .filter(|rs| rs.spec.template.image().ends_with(&format!(":{tag}")))
        .map(|rs| rs.metadata.name.as_str())
        .collect();
    w.pods
        .values()
        .filter(|p| !p.is_terminating() && p.metadata.owner.as_deref().is_some_and(|o| owners.contains(&o)))
        .map(|p| p.metadata.name.clone())
        .collect()
}

/// The replicas the ReplicaSet running `tag` wants.
fn wanted(w: &World, tag: &str) -> i32 {
    w.replica_sets.values().find(|rs| rs.spec.template.image().ends_with(&format!(":{tag}"))).unwrap().spec.replicas
}

#[test]
fn a_seek_step_is_done_when_the_slider_is_at_its_moment_and_not_before() {
    let id = "progress-deadline";
    let back = first_step(id, |d| matches!(d, Do::Seek(_)));
    let mut l = finish_steps(id, back);
    let stopped = l.world().time();
    assert!(!l.tutor().done, "the run is at {stopped:?}, not at 22 s");
    // The page's own clock: neither playing on nor another moment does it.
    for at in [30, 40, 20] {
        l.dispatch(Action::Seek(SimTime::from_secs(at)));
        assert!(!l.tutor().done, "{at} s is not 22 s");
    }
    l.dispatch(Action::Seek(SimTime::from_millis(21_200)));
    assert!(l.tutor().done, "within a second of 22 s");
    // Forward again, to the moment the deadline passed: not before it, though the run is near.
    l.dispatch(Action::LessonNext);
    assert!(matches!(l.tutor().current().unwrap().then, Then::Do { what: Do::Seek(_), .. }));
    assert!(!l.tutor().done);
    l.dispatch(Action::Seek(SimTime::from_millis(50_000)));
    assert!(!l.tutor().done, "the deadline passes at 50.6 s");
    l.dispatch(Action::Seek(stopped));
    assert!(l.tutor().done);
    assert_eq!(l.world().time(), SimTime::from_millis(50_600));
}

#[test]
fn a_why_step_is_done_only_by_a_pod_in_the_state_it_names() {
    // Ready but not yet Available: not an old pod, not the ReplicaSet, not nothing.
    let id = "min-ready-seconds";
    let why = first_step(id, |d| matches!(d, Do::Explain(_)));
    let mut l = finish_steps(id, why);
    assert!(!l.tutor().done);
    let (old, new) = (pods_of(&l.world(), "v1"), pods_of(&l.world(), "v2"));
    let rs = l.world().replica_sets.keys().next().unwrap().clone();
    for wrong in [None, Some(old[0].clone()), Some(rs), Some("no-such-pod".to_string())] {
        l.dispatch(Action::Focus(wrong.clone()));
        assert!(!l.tutor().done, "{wrong:?}");
    }
    let ready_new: Vec<&String> = new.iter().filter(|p| l.world().pods[p.as_str()].status.ready).collect();
    let not_ready_new = new.iter().find(|p| !l.world().pods[p.as_str()].status.ready);
    if let Some(p) = not_ready_new {
        l.dispatch(Action::Focus(Some(p.clone())));
        assert!(!l.tutor().done, "a v2 pod not Ready yet is not Ready but not Available");
    }
    l.dispatch(Action::Focus(Some(ready_new[0].clone())));
    assert!(l.tutor().done);

    // A terminating pod, in self-healing: a running pod is not one.
    let id = "self-healing";
    let why = first_step(id, |d| matches!(d, Do::Explain(_)));
    let mut l = finish_steps(id, why);
    let running = pods_of(&l.world(), "v1");
    l.dispatch(Action::Focus(Some(running[0].clone())));
    assert!(!l.tutor().done);
    let gone = l.world().pods.values().find(|p| p.is_terminating()).unwrap().metadata.name.clone();
    l.dispatch(Action::Focus(Some(gone)));
    assert!(l.tutor().done);
}

/// What the new steps' texts say of the moment and of the pod they name, against the engine.
#[test]
fn the_moments_and_the_pods_the_lessons_name_are_the_engines() {
    let tick = rolloutscope::sim::DEFAULT_TICK;
    let near = |at: u64| {
        let (from, to) = (SimTime::from_secs(at - 1), SimTime::from_secs(at + 1));
        std::iter::successors(Some(from), move |t| Some(*t + tick)).take_while(move |t| *t <= to)
    };

    // surge-and-unavailable: at 34 s (give or take the second the goal allows), 5 pods and 3
    // Available; the v3 pod explained is not Ready, and no v2 pod goes before a v3 one is
    // Available.
    let id = "surge-and-unavailable";
    let mut l = finish_steps(id, first_step(id, |d| matches!(d, Do::Explain(_))));
    for t in near(34) {
        l.engine_mut().seek(t);
        let w = l.world();
        let available = w.pods.values().filter(|p| p.is_available(0, t)).count();
        assert_eq!((w.pods.len(), available), (5, 3), "{t:?}");
        assert!(!pods_of(&w, "v3").is_empty(), "{t:?}: the v3 rollout");
    }
    l.engine_mut().seek(SimTime::from_secs(34));
    l.show_me().unwrap();
    assert!(l.tutor().done);
    let text = l.page.explanation().unwrap();
    assert!(text.contains("Ready: no; the Service sends it no requests until its readiness probe passes."), "{text}");
    assert!(text.contains("gasbugs/http-go:v3"), "{text}");
    loop {
        let w = l.world();
        if pods_of(&w, "v3").iter().any(|p| w.pods[p.as_str()].is_available(0, w.time())) {
            break;
        }
        assert_eq!((wanted(&w, "v2"), pods_of(&w, "v2").len()), (3, 3), "{:?}", w.time());
        drop(w);
        l.engine_mut().step();
    }

    // min-ready-seconds: the pod explained is Ready, not Available, counting to 10 s.
    let id = "min-ready-seconds";
    let mut l = finish_steps(id, first_step(id, |d| matches!(d, Do::Explain(_))));
    l.show_me().unwrap();
    let text = l.page.explanation().unwrap();
    for said in
        ["Ready: yes, so the Service sends it requests.", "Available: not yet; Ready for ", "of minReadySeconds 10."]
    {
        assert!(text.contains(said), "{text}");
    }

    // progress-deadline: around 22 s, 2 v2 pods and 3 v1; the last progress was before it, and
    // nothing changed until the deadline passed 30 s after it, at 50.6 s.
    let id = "progress-deadline";
    let back = first_step(id, |d| matches!(d, Do::Seek(_)));
    let l = finish_steps(id, back);
    let stopped = l.world().time();
    assert_eq!(stopped, SimTime::from_millis(50_600));
    let progressing = |w: &World| {
        w.deployments["http-go"]
            .status
            .condition(rolloutscope::sim::objects::ConditionType::Progressing)
            .unwrap()
            .clone()
    };
    let deadline = progressing(&l.world());
    assert_eq!(deadline.reason, "ProgressDeadlineExceeded");
    let mut last_progress = None;
    for t in near(22) {
        l.engine_mut().seek(t);
        let w = l.world();
        assert_eq!(
            (wanted(&w, "v2"), pods_of(&w, "v2").len(), wanted(&w, "v1"), pods_of(&w, "v1").len()),
            (2, 2, 3, 3)
        );
        let at = progressing(&w).last_update_time;
        assert!(at <= t && last_progress.is_none_or(|p| p == at), "{t:?}");
        last_progress = Some(at);
    }
    let since = stopped.saturating_since(last_progress.unwrap());
    assert!((30_000..31_000).contains(&since.as_millis()), "{since:?}");
    let mut t = SimTime::from_secs(23);
    while t < stopped {
        l.engine_mut().seek(t);
        let w = l.world();
        assert_eq!((wanted(&w, "v2"), wanted(&w, "v1")), (2, 3), "{t:?}");
        assert_eq!(progressing(&w).last_update_time, last_progress.unwrap(), "{t:?}: no progress");
        t = t + tick;
    }

    // self-healing: the pod explained is Terminating, out of the Service's endpoints, on the
    // node whose kubelet is down.
    let id = "self-healing";
    let mut l = finish_steps(id, first_step(id, |d| matches!(d, Do::Explain(_))));
    l.show_me().unwrap();
    let text = l.page.explanation().unwrap();
    assert!(
        text.contains(": Terminating. Ready: no; it is shutting down and out of the Service's endpoints."),
        "{text}"
    );
    let name = l.page.focused.clone().unwrap();
    let w = l.world();
    let node = w.pods[&name].spec.node_name.clone().unwrap();
    assert!(w.nodes[&node].kubelet_stopped_at.is_some());
    let service = &w.services["http-go"];
    assert!(!service.endpoints.contains(&name) && !service.programmed.contains(&name));
}
