//! Moving about a lesson on the page (issue 27, "How every lesson teaches"), through the page's
//! own reducer: Back as well as Next, a lesson resumed where it was left (what the browser keeps),
//! a shared link that carries the lesson and its step, and the part of the page each step marks.

use std::rc::Rc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rolloutscope::i18n::{share_error, Lang};
use rolloutscope::lesson::focus::{self, Spot};
use rolloutscope::lesson::{Choice, Do, Lesson, PlaceError, Then, LESSONS};
use rolloutscope::page::{self, Action, AppState, Kept};
use rolloutscope::session::Step;
use rolloutscope::share::{self, ShareError};
use rolloutscope::sim::sample::Sample;
use rolloutscope::sim::SimTime;

fn after(state: Rc<AppState>, actions: impl IntoIterator<Item = Action>) -> Rc<AppState> {
    actions.into_iter().fold(state, page::reduce)
}

fn started(id: &str) -> Rc<AppState> {
    let (i, _) = Lesson::by_id(id).unwrap();
    after(Rc::new(AppState::new(Lang::En)), [Action::StartLesson(i)])
}

fn step_of(state: &AppState) -> usize {
    state.tutor.as_ref().unwrap().step
}

fn then_of(state: &AppState) -> Option<&'static Then> {
    state.tutor.as_ref().unwrap().current().map(|s| &s.then)
}

/// Does the step shown as a learner would (Show me, then the clock until it is done; `guess` for a
/// prediction) and goes on, until the lesson is at step `to`.
fn walk_to(mut state: Rc<AppState>, to: usize, guess: Choice) -> Rc<AppState> {
    while step_of(&state) < to {
        match then_of(&state) {
            Some(Then::Do { .. }) => {
                state = after(state, [Action::LessonShowMe]);
                let mut plays = 0;
                while !state.tutor.as_ref().unwrap().done {
                    plays += 1;
                    assert!(plays < 1000, "step {} never done", step_of(&state));
                    state = after(state, [Action::Advance(10)]);
                }
            }
            Some(Then::Predict(..)) => state = after(state, [Action::LessonChoose(guess)]),
            _ => {}
        }
        state = after(state, [Action::LessonNext]);
    }
    state
}

/// A shared run as it opens in a fresh page: the replay played to its end, one frame at a time.
fn opened(fragment: &str) -> Rc<AppState> {
    let mut state = Rc::new(AppState::open(Lang::En, fragment));
    for _ in 0..10_000 {
        if state.opening.is_none() {
            return state;
        }
        state = after(state, [Action::Frame(16.0)]);
    }
    panic!("the link never opened")
}

/// The pause-resume lesson's steps: 4 is the prediction of the revision, 5 the first set image,
/// 8 the undo that kubectl refuses, 11 the reveal.
const PREDICT: usize = 4;
const SET_V3: usize = 5;
const REVEAL: usize = 11;
const UNDO: usize = 8;
const RESUME: usize = 9;

#[test]
fn the_steps_this_file_names_are_the_lessons_steps() {
    let (_, l) = Lesson::by_id("pause-resume").unwrap();
    assert!(matches!(l.steps[PREDICT].then, Then::Predict(..)));
    assert!(matches!(l.steps[SET_V3].then, Then::Do { what: Do::Kubectl(_), .. }));
    assert!(matches!(l.steps[REVEAL].then, Then::Reveal { .. }));
    assert!(matches!(l.steps[UNDO].then, Then::Do { what: Do::Kubectl(line), .. } if line.contains("rollout undo")));
}

#[test]
fn back_shows_the_step_before_as_it_was_left_and_undoes_nothing() {
    let three = Choice::is(3);
    let state = walk_to(started("pause-resume"), SET_V3 + 1, three);
    let (timeline, time) = (state.engine().timeline.clone(), state.engine().world().time());

    // Back to the Do step: shown as done (Show me has nothing left to do), the run untouched.
    let back = after(state, [Action::LessonBack]);
    let tutor = back.tutor.as_ref().unwrap();
    assert_eq!((tutor.step, tutor.done), (SET_V3, true));
    assert_eq!(back.engine().timeline, timeline, "going back undoes nothing in the run");
    assert_eq!(back.engine().world().time(), time);
    assert!(!back.playing);

    // Back to the prediction: the learner's answer is shown, and the clock is not held for it.
    let back = after(back, [Action::LessonBack]);
    let tutor = back.tutor.as_ref().unwrap();
    assert_eq!((tutor.step, tutor.done), (PREDICT, true));
    assert_eq!(tutor.predicted.map(|(c, _)| c), Some(three));
    assert!(!back.awaiting_prediction());
    // A choice picked again changes nothing: the step was answered.
    let again = after(back.clone(), [Action::LessonChoose(Choice::is(5))]);
    assert_eq!(again.tutor.as_ref().unwrap().answers[PREDICT].map(|(c, _)| c), Some(three));

    // A Do step done at the furthest step reached, left with Back and come back to with Next: done.
    let done_here = walk_to(started("basics"), 2, Choice::is(3));
    let done_here = after(done_here, [Action::Console("kubectl get service http-go -o wide".into())]);
    assert!(done_here.tutor.as_ref().unwrap().done);
    let returned = after(done_here, [Action::LessonBack, Action::LessonNext]);
    assert_eq!(step_of(&returned), 2);
    assert!(returned.tutor.as_ref().unwrap().done, "done before Back, done after Next");

    // Next, Next: back where the learner was, the Do step still done; the run is the same one.
    let on = after(back, [Action::LessonNext, Action::LessonNext]);
    let tutor = on.tutor.as_ref().unwrap();
    assert_eq!((tutor.step, tutor.done, tutor.reached), (SET_V3 + 1, false, SET_V3 + 1));
    assert_eq!(on.engine().timeline, timeline);

    // On to the reveal: the figure is measured from the prediction made, which is the one shown.
    let at_reveal = walk_to(on, REVEAL, three);
    let (predicted, engine) = at_reveal.reveal().unwrap();
    assert_eq!((predicted, engine), (Some(three), 3));
    // Back from the reveal and on again: the same figure, the same answer.
    let again = after(at_reveal.clone(), [Action::LessonBack, Action::LessonNext]);
    assert_eq!(again.reveal(), Some((Some(three), 3)));

    // A Do step whose goal no longer holds in the run (undo was typed at that step, the commands
    // typed are counted per step): gone back to, it is still passed, and the classroom key goes
    // on instead of typing undo again.
    let at_undo = after(at_reveal, [Action::LessonBack, Action::LessonBack, Action::LessonBack]);
    assert_eq!(step_of(&at_undo), UNDO);
    assert!(at_undo.tutor.as_ref().unwrap().done, "a step passed stays passed");
    let timeline = at_undo.engine().timeline.clone();
    let on = after(at_undo, [Action::ToggleClassroom, Action::ClassroomKey]);
    assert_eq!(step_of(&on), UNDO + 1);
    assert_eq!(on.engine().timeline, timeline, "nothing was done again");
}

#[test]
fn back_on_the_first_step_stays_and_back_from_free_play_keeps_the_lesson_done() {
    let state = started("basics");
    let same = after(state.clone(), [Action::LessonBack]);
    assert_eq!(same.tutor, state.tutor);

    let (_, basics) = Lesson::by_id("basics").unwrap();
    let done = walk_to(state, basics.steps.len(), Choice::is(3));
    assert!(done.tutor.as_ref().unwrap().in_free_play());
    assert!(done.completed.contains(&"basics"));
    let back = after(done, [Action::LessonBack]);
    assert_eq!(step_of(&back), basics.steps.len() - 1);
    assert!(back.completed.contains(&"basics"), "a finished lesson stays finished");
    // And Next again is free play, counted once.
    let again = after(back, [Action::LessonNext]);
    assert!(again.tutor.as_ref().unwrap().in_free_play());
    assert_eq!(again.completed.iter().filter(|id| **id == "basics").count(), 1);
}

#[test]
fn the_classroom_key_back_goes_back_only_in_classroom_mode() {
    let state = walk_to(started("basics"), 2, Choice::is(3));
    assert_eq!(step_of(&after(state.clone(), [Action::ClassroomBack])), 2);
    let classroom = after(state, [Action::ToggleClassroom, Action::ClassroomBack]);
    assert_eq!(step_of(&classroom), 1);
}

/// A link made at `step` of pause-resume, with the prediction made.
fn lesson_link() -> (Rc<AppState>, String) {
    let state = walk_to(started("pause-resume"), SET_V3 + 1, Choice::is(3));
    let shared = after(state.clone(), [Action::Share(page::ShareKind::Link)]);
    (state, shared.share_link.clone().expect("a link"))
}

#[test]
fn a_shared_link_carries_the_lesson_its_step_and_the_predictions() {
    let (state, link) = lesson_link();
    assert!(link.starts_with("#run=2."), "a lesson's link is of schema 2: {link}");
    let run = share::from_fragment(&link).unwrap().unwrap();
    let place = run.lesson.clone().unwrap();
    assert_eq!((LESSONS[place.lesson].id, place.step), ("pause-resume", SET_V3 + 1));
    assert_eq!(place.answers.iter().map(|(i, c, _)| (*i, *c)).collect::<Vec<_>>(), [(PREDICT, Choice::is(3))]);

    // Opened in another browser: the same run at the same moment, the same step and answers.
    let other = opened(&link);
    let (mine, theirs) = (state.tutor.as_ref().unwrap(), other.tutor.as_ref().unwrap());
    assert_eq!((theirs.lesson, theirs.step, &theirs.answers), (mine.lesson, mine.step, &mine.answers));
    assert_eq!(Sample::of(other.engine().world()), Sample::of(state.engine().world()));
    assert_eq!(other.engine().world().time(), state.engine().world().time());
    // Embedded, the link is the run only: no lesson holds its clock.
    let embedded = opened(&format!("#embed&{}", &link[1..]));
    assert!(embedded.embed && embedded.tutor.is_none());
    assert_eq!(Sample::of(embedded.engine().world()), Sample::of(state.engine().world()));

    // The step (Play for 20 s after the prediction) waits on the opened run as on the learner's,
    // and is done at the same moment in both.
    assert!(!theirs.done);
    let play = |mut s: Rc<AppState>| {
        while !s.tutor.as_ref().unwrap().done {
            s = after(s, [Action::Advance(1)]);
        }
        let t = s.engine().world().time();
        t
    };
    assert_eq!(play(other), play(state));

    // A run outside a lesson writes the same schema-1 link as before.
    let plain = after(Rc::new(AppState::new(Lang::En)), [Action::Share(page::ShareKind::Link)]);
    assert!(plain.share_link.as_deref().unwrap().starts_with("#run=1."));
}

/// The link's JSON, changed by `edit`, written back under `schema`.
fn tampered(link: &str, schema: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let payload = link.split_once('.').unwrap().1;
    let packed = URL_SAFE_NO_PAD.decode(payload).unwrap();
    let json = miniz_oxide::inflate::decompress_to_vec_zlib(&packed).unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    edit(&mut value);
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&serde_json::to_vec(&value).unwrap(), 9);
    format!("#run={schema}.{}", URL_SAFE_NO_PAD.encode(packed))
}

#[test]
fn a_tampered_lesson_or_step_is_refused_with_its_reason() {
    let (_, link) = lesson_link();
    let refused = |fragment: &str| match share::from_fragment(fragment) {
        Some(Err(e)) => e,
        other => panic!("opened: {other:?}"),
    };

    let no_lesson = tampered(&link, "2", |v| v["L"]["i"] = "pause-and-resume".into());
    let e = refused(&no_lesson);
    assert_eq!(e, ShareError::Lesson(PlaceError::NoLesson("pause-and-resume".into())));
    assert_eq!(
        share_error(Lang::En, &e),
        "This shared link cannot be opened: it names a lesson this page does not have (\"pause-and-resume\"). \
         The default run is shown instead."
    );
    assert_eq!(
        share_error(Lang::Ko, &e),
        "공유 링크를 열 수 없습니다: 이 페이지에 없는 레슨을 가리킵니다(\"pause-and-resume\"). 대신 기본 실행을 보여 줍니다."
    );

    let steps = Lesson::by_id("pause-resume").unwrap().1.steps.len();
    for n in [steps as u64 + 1, u64::MAX] {
        let e = refused(&tampered(&link, "2", |v| v["L"]["n"] = n.into()));
        assert_eq!(e, ShareError::Lesson(PlaceError::NoStep("pause-resume".into(), n.saturating_add(1), steps)));
    }
    let e = refused(&tampered(&link, "2", |v| v["L"]["n"] = 99.into()));
    assert_eq!(
        share_error(Lang::En, &e),
        format!(
            "This shared link cannot be opened: the lesson \"pause-resume\" has {steps} steps, and the link asks for \
             step 100. The default run is shown instead."
        )
    );
    assert_eq!(
        share_error(Lang::Ko, &e),
        format!("공유 링크를 열 수 없습니다: \"pause-resume\" 레슨은 {steps}단계까지인데 링크는 100단계를 가리킵니다. 대신 기본 실행을 보여 줍니다.")
    );
    // Free play (the number of steps) is a place; a step as a string or below 0 is no number.
    assert!(share::from_fragment(&tampered(&link, "2", |v| v["L"]["n"] = steps.into())).unwrap().is_ok());
    for bad in [serde_json::json!(-1), serde_json::json!("3"), serde_json::json!(1.5)] {
        assert!(
            matches!(refused(&tampered(&link, "2", |v| v["L"]["n"] = bad.clone())), ShareError::Invalid(_)),
            "{bad}"
        );
    }

    // A prediction on a step that asks for none, twice on one step, or upside down.
    for answers in [
        serde_json::json!([[0, 3, 3, 20000]]),
        serde_json::json!([[4, 3, 3, 20000], [4, 2, 2, 20000]]),
        serde_json::json!([[4, 5, 2, 20000]]),
        serde_json::json!([[999999999999u64, 3, 3, 20000]]),
    ] {
        let e = refused(&tampered(&link, "2", |v| v["L"]["p"] = answers.clone()));
        assert!(matches!(e, ShareError::Lesson(PlaceError::BadAnswer(_))), "{answers}: {e:?}");
    }
    let e = refused(&tampered(&link, "2", |v| v["L"]["p"] = serde_json::json!([[4, 3, 3, u64::MAX]])));
    assert!(matches!(e, ShareError::Invalid(_)), "{e:?}");

    // A schema-1 link never carried a lesson; an unknown key in the lesson is refused.
    assert!(matches!(refused(&tampered(&link, "1", |_| {})), ShareError::Invalid(_)));
    assert!(matches!(refused(&tampered(&link, "2", |v| v["L"]["x"] = 1.into())), ShareError::Invalid(_)));

    // The page shows the default run and the reason; no lesson is started.
    let page = AppState::open(Lang::En, &no_lesson);
    assert!(page.tutor.is_none() && page.opening.is_none());
    assert!(matches!(page.share_error, Some(ShareError::Lesson(_))));
}

#[test]
fn the_page_keeps_the_lesson_being_followed_and_forgets_it_once_finished() {
    assert_eq!(AppState::new(Lang::En).kept_place(), Kept::Leave);
    let (state, _) = lesson_link();
    let Kept::Keep(kept) = state.kept_place() else { panic!("a lesson being followed is kept") };
    let run = share::from_fragment(&kept).unwrap().unwrap();
    assert_eq!(run.lesson.as_ref().map(|p| p.step), Some(SET_V3 + 1));
    // Leaving the lesson keeps the place (the next visit may take it up); finishing forgets it.
    assert_eq!(after(state.clone(), [Action::ExitLesson]).kept_place(), Kept::Leave);
    let (_, basics) = Lesson::by_id("basics").unwrap();
    let finished = walk_to(started("basics"), basics.steps.len(), Choice::is(3));
    assert_eq!(finished.kept_place(), Kept::Forget);
    // Nothing is kept while a link is still being opened (its run is not yet the lesson's).
    assert_eq!(AppState::open(Lang::En, &kept).kept_place(), Kept::Leave);
}

#[test]
fn a_lesson_is_resumed_where_it_was_left() {
    let (state, _) = lesson_link();
    let Kept::Keep(kept) = state.kept_place() else { panic!() };

    // The next visit, in Korean: the offer names the lesson and the step.
    let mut visit = AppState::new(Lang::Ko);
    visit.offer_resume(Some(&kept));
    let offer = visit.resume.clone().expect("an offer to resume");
    let place = offer.lesson.clone().unwrap();
    assert_eq!((LESSONS[place.lesson].id, place.step), ("pause-resume", SET_V3 + 1));

    // Taken up: the lesson's run replayed to where it was, the step and the answers as they were,
    // and the page's language stays the learner's.
    let mut resumed = after(Rc::new(visit), [Action::ResumeLesson]);
    assert!(resumed.resume.is_none());
    while resumed.opening.is_some() {
        resumed = after(resumed, [Action::Frame(16.0)]);
    }
    assert_eq!(resumed.lang, Lang::Ko);
    let (was, now) = (state.tutor.as_ref().unwrap(), resumed.tutor.as_ref().unwrap());
    assert_eq!((now.lesson, now.step, &now.answers), (was.lesson, was.step, &was.answers));
    assert_eq!(Sample::of(resumed.engine().world()), Sample::of(state.engine().world()));
    assert_eq!(resumed.engine().timeline, state.engine().timeline);
    // ... and the lesson goes on from there to its reveal.
    let at_reveal = walk_to(resumed, REVEAL, Choice::is(3));
    assert_eq!(at_reveal.reveal(), Some((Some(Choice::is(3)), 3)));

    // Put away: nothing changes.
    let mut visit = AppState::new(Lang::En);
    visit.offer_resume(Some(&kept));
    let dismissed = after(Rc::new(visit), [Action::DismissResume]);
    assert!(dismissed.resume.is_none() && dismissed.tutor.is_none());
}

#[test]
fn a_step_resumed_is_looked_at_on_the_run_replayed_not_on_the_run_it_starts_from() {
    // At "rollout resume" (its goal: not paused), left while the Deployment was paused: the run a
    // replay starts from is not paused, but the step waits for the run it replays to.
    let state = walk_to(started("pause-resume"), RESUME, Choice::is(3));
    let Kept::Keep(kept) = state.kept_place() else { panic!() };
    let mut visit = AppState::new(Lang::En);
    visit.offer_resume(Some(&kept));
    let mut resumed =
        after(Rc::new(visit), [Action::ResumeLesson, Action::SetLang(Lang::Ko), Action::ShowPane(page::Pane::Yaml)]);
    assert!(resumed.opening.is_some());
    assert!(!resumed.tutor.as_ref().unwrap().done, "looked at on the run being opened");
    while resumed.opening.is_some() {
        resumed = after(resumed, [Action::Frame(16.0)]);
    }
    assert!(!resumed.tutor.as_ref().unwrap().done, "the replayed run is paused");
    let done = after(resumed, [Action::Console("kubectl rollout resume deployment/http-go".into())]);
    assert!(done.tutor.as_ref().unwrap().done);
}

#[test]
fn an_absent_edited_or_finished_place_is_passed_over() {
    let (_, basics) = Lesson::by_id("basics").unwrap();
    let (_, link) = lesson_link();
    let finished = tampered(&link, "2", |v| v["L"] = serde_json::json!({"i": "basics", "n": basics.steps.len()}));
    let plain = after(Rc::new(AppState::new(Lang::En)), [Action::Share(page::ShareKind::Link)]);
    let no_such = tampered(&link, "2", |v| v["L"]["i"] = "no-such-lesson".into());
    for kept in [
        None,
        Some(""),
        Some("basics:3"),
        Some("#run=2."),
        Some("#run=2.eJzLSM3JyVcozy_KSQEAGgQEXQ"),
        Some(&link[..link.len() / 2]),
        Some(finished.as_str()),
        Some(plain.share_link.as_deref().unwrap()),
        Some(no_such.as_str()),
    ] {
        let mut visit = AppState::new(Lang::En);
        visit.offer_resume(kept);
        assert!(visit.resume.is_none(), "{kept:?}");
    }
    // A page opened on a link is that link's: nothing is offered.
    let mut linked = AppState::open(Lang::En, &plain.share_link.clone().unwrap());
    linked.offer_resume(Some(&link));
    assert!(linked.resume.is_none());
    // Starting a lesson puts the offer away.
    let mut visit = AppState::new(Lang::En);
    visit.offer_resume(Some(&link));
    assert!(visit.resume.is_some());
    assert!(after(Rc::new(visit), [Action::StartLesson(0)]).resume.is_none());
}

#[test]
fn every_entry_of_the_focus_table_names_a_read_step() {
    assert_eq!(focus::stale_entries(), Vec::<(&str, usize)>::new());
}

#[test]
fn each_step_marks_what_it_talks_about() {
    for lesson in LESSONS {
        for (i, step) in lesson.steps.iter().enumerate() {
            let spot = focus::spot(lesson, i);
            match step.then {
                Then::Do { what: Do::Kubectl(_), .. } => assert_eq!(spot, Some(Spot::Terminal)),
                Then::Do { what: Do::Deploy, .. } => assert_eq!(spot, Some(Spot::Deploy)),
                Then::Do { what: Do::Act(a), .. } => assert_eq!(spot, Some(Spot::Act(a))),
                Then::Do { what: Do::Play, .. } => assert_eq!(spot, Some(Spot::Play)),
                Then::Do { what: Do::Settings(_) | Do::Draft(_), .. } => assert_eq!(spot, Some(Spot::Setup)),
                Then::Do { what: Do::Seek(_), .. } => assert_eq!(spot, Some(Spot::Slider)),
                Then::Do { what: Do::Explain(_), .. } => assert_eq!(spot, Some(Spot::Explanation)),
                // A figure is seen somewhere: every prediction and reveal marks it.
                Then::Predict(..) | Then::Reveal { .. } => assert!(spot.is_some(), "{} step {}", lesson.id, i + 1),
                Then::Read => {}
            }
        }
        assert_eq!(focus::spot(lesson, lesson.steps.len()), None, "free play marks nothing");
    }
    // Where a figure is seen.
    let (_, pause) = Lesson::by_id("pause-resume").unwrap();
    assert_eq!(focus::spot(pause, PREDICT), Some(Spot::ReplicaSets));
    assert_eq!(focus::spot(pause, REVEAL), Some(Spot::ReplicaSets));
    let (_, basics) = Lesson::by_id("basics").unwrap();
    assert_eq!(focus::spot(basics, 0), Some(Spot::Pods), "the table's entry");
    assert_eq!(focus::spot(basics, 2), Some(Spot::Terminal));

    // On the page: the step shown, nothing outside a lesson or while its link is being opened.
    assert_eq!(AppState::new(Lang::En).lesson_spot(), None);
    let (state, link) = lesson_link();
    assert_eq!(state.lesson_spot(), Some(Spot::Play));
    assert_eq!(AppState::open(Lang::En, &link).lesson_spot(), None);
    assert_eq!(after(state, [Action::LessonBack]).lesson_spot(), Some(Spot::Terminal));
}

#[test]
fn a_lesson_link_replays_what_the_learner_typed() {
    // The timeline a lesson's link carries is the page's: the commands as typed.
    let (state, link) = lesson_link();
    let run = share::from_fragment(&link).unwrap().unwrap();
    assert!(run.timeline.iter().any(|(_, s)| matches!(s, Step::Kubectl(l) if l.contains("rollout pause"))));
    assert_eq!(run.at, state.engine().world().time());
    assert!(run.at > SimTime::from_secs(20));
}
