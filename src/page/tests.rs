//! The page's reducer and its shell, driven natively as the views drive them.

use std::rc::Rc;

use super::shell::{recall, Recall};
use super::{reduce, Action, AppState};
use crate::i18n::Lang;
use crate::sim::SimTime;

const MONITOR: &str = "while true; do curl http-go; sleep 1; done";

fn page() -> Rc<AppState> {
    Rc::new(AppState::new(Lang::En))
}

fn after(state: Rc<AppState>, actions: impl IntoIterator<Item = Action>) -> Rc<AppState> {
    actions.into_iter().fold(state, reduce)
}

fn typed(line: &str) -> Action {
    Action::Console(line.into())
}

/// The console's last entry: its line and answer.
fn last(state: &AppState) -> (String, Result<String, String>) {
    let entry = state.shell.entries().last().expect("a console entry").clone();
    (entry.line, entry.answer)
}

#[test]
fn a_command_with_an_ampersand_runs_as_job_one_until_it_is_killed() {
    let state = after(page(), [typed(&format!("{MONITOR} &"))]);
    assert_eq!(state.job().as_deref(), Some(MONITOR));
    let (line, answer) = last(&state);
    assert_eq!(line, format!("{MONITOR} &"));
    assert!(answer.as_ref().is_ok_and(|a| a.starts_with("[1]")), "{answer:?}");
    // What it prints goes between the learner's commands, as a line of its own.
    let state = after(state, [Action::Advance(30)]);
    let printed = state.shell.entries().last().unwrap();
    assert!(printed.job && printed.line.is_empty(), "{printed:?}");
    let state = after(state, [typed("jobs")]);
    assert_eq!(last(&state).1, Ok(format!("[1]+  Running                 {MONITOR} &")));
    let state = after(state, [typed("kill %1")]);
    assert_eq!(last(&state).1, Ok(format!("[1]+  Terminated              {MONITOR}")));
    assert_eq!(state.job(), None);
    let state = after(state, [typed("kill %1")]);
    assert_eq!(last(&state).1, Err("bash: kill: %1: no such job".into()));
    let state = after(state, [typed("kill %2")]);
    assert_eq!(last(&state).1, Err("bash: kill: %2: no such job (the console's job is %1)".into()));
}

#[test]
fn the_console_keeps_one_job() {
    let state = after(page(), [typed(&format!("{MONITOR} &")), typed("kubectl get pods -w &")]);
    assert_eq!(state.job().as_deref(), Some(MONITOR));
    assert_eq!(last(&state).1, Err("bash: the console runs one job in the background: kill %1 stops it first".into()));
}

#[test]
fn ctrl_c_stops_the_running_command() {
    let state = after(page(), [typed("kubectl get pods -w")]);
    assert!(state.shell.running());
    let state = after(state, [Action::Advance(10), Action::Interrupt]);
    assert!(!state.shell.running());
    let (_, answer) = last(&state);
    assert!(answer.as_ref().is_ok_and(|a| a.ends_with("^C")), "{answer:?}");
    // The next command stops a running one too, as a terminal takes it once the other stopped.
    let state = after(state, [typed("kubectl rollout status deployment/http-go -w"), typed("kubectl get rs")]);
    assert!(!state.shell.running());
}

#[test]
fn a_restart_or_a_seek_terminates_the_job_even_before_it_printed() {
    // Right after `CMD &`, the console's newest line is the command's, not the job's.
    for action in [Action::Restart, Action::Seek(SimTime::ZERO)] {
        let state = after(page(), [Action::Advance(20), typed(&format!("{MONITOR} &")), action.clone()]);
        assert_eq!(state.job(), None, "{action:?}");
        let entry = state.shell.entries().last().unwrap();
        assert!(entry.job, "{action:?}");
        assert_eq!(entry.answer, Ok(format!("[1]+  Terminated              {MONITOR}")), "{action:?}");
    }
}

#[test]
fn a_line_that_only_reads_leaves_the_run_and_one_that_changes_it_is_a_step() {
    let state = page();
    let read = after(state.clone(), [typed("kubectl get deployment http-go")]);
    assert_eq!(read.generation, state.generation);
    assert!(read.engine().timeline.is_empty());
    let changed = after(read, [typed("kubectl scale deployment/http-go --replicas=5")]);
    assert_eq!(changed.generation, state.generation + 1);
    assert_eq!(changed.engine().timeline.len(), 1);
    // `apply -f` of another file than the panel's is refused with a hint; the panel's is read.
    let refused = after(changed.clone(), [typed("kubectl apply -f deploy.yaml")]);
    assert!(last(&refused).1.is_err() && refused.pending.is_none());
    let reading = after(changed, [typed("kubectl apply -f manifests.yaml")]);
    assert!(reading.pending.as_ref().is_some_and(|p| p.console));
    assert!(reading.shell.entries().last().unwrap().reading);
}

#[test]
fn the_arrow_keys_go_through_the_commands_typed_before() {
    let state = after(page(), [typed("kubectl get pods"), typed("kubectl get rs"), typed("jobs")]);
    let entries = state.shell.entries();
    let mut at = None;
    let mut seen = Vec::new();
    for _ in 0..4 {
        at = recall(entries, at, Recall::Back);
        seen.push(at.map(|i| entries[i].line.as_str()));
    }
    assert_eq!(seen, [Some("jobs"), Some("kubectl get rs"), Some("kubectl get pods"), Some("kubectl get pods")]);
    at = recall(entries, at, Recall::On);
    assert_eq!(at, Some(1));
    assert_eq!(recall(entries, Some(2), Recall::On), None, "past the newest, a new line");
    assert_eq!(recall(&[], None, Recall::Back), None);
}

#[test]
fn a_frame_that_runs_no_step_is_the_same_state() {
    let state = page();
    assert!(Rc::ptr_eq(&reduce(state.clone(), Action::Frame(16.0)), &state), "paused");
    let playing = reduce(state, Action::TogglePlay);
    assert!(Rc::ptr_eq(&reduce(playing.clone(), Action::Frame(10.0)), &playing), "under a tick owed");
    let stepped = reduce(playing.clone(), Action::Frame(100.0));
    assert_eq!(stepped.generation, playing.generation + 1);
}

#[test]
fn the_page_opens_on_the_run_with_the_terminal_shown_and_the_setup_closed() {
    use super::Pane;
    let state = page();
    assert_eq!((state.pane, state.setup_open), (Pane::Terminal, false));
    let state = after(state, [Action::ShowPane(Pane::Yaml), Action::SetupOpen(true)]);
    assert_eq!((state.pane, state.setup_open), (Pane::Yaml, true));
    // Each pane has its number as its key.
    assert_eq!(Pane::ALL.map(Pane::key), ['1', '2', '3', '4', '5', '6']);
    assert_eq!(Pane::of_key("3"), Some(Pane::Events));
    assert_eq!(Pane::of_key("7"), None);
    assert_eq!(Pane::of_key("12"), None);
}

/// A link is replayed a slice per frame, each slice bounded by its work, with its progress; the
/// page still answers (a language switch, a pane) but what would act on the run waits; at the
/// end the run is the one shared, as `Engine::replay` opens it in one go.
#[test]
fn a_shared_link_opens_in_slices_with_its_progress_and_ends_on_the_run_shared() {
    use super::{Opening, Pane};
    use crate::session::Engine;
    use crate::setup::{Act, Knobs};
    let knobs = Knobs { replicas: 300, ..Knobs::default() };
    let mut played = Engine::new(&knobs, 5);
    played.run_to(SimTime::from_secs(15));
    played.perform(&knobs, crate::session::Step::Deploy).unwrap();
    played.run_to(SimTime::from_secs(40));
    played.perform(&knobs, crate::session::Step::Act(Act::DeletePod)).unwrap();
    played.run_to(SimTime::from_secs(90));
    played.seek(SimTime::from_secs(70));
    let run = crate::share::SharedRun {
        knobs: knobs.clone(),
        seed: 5,
        timeline: played.timeline.clone(),
        end: played.furthest(),
        at: played.world().time(),
        speed: 2,
        lang: Lang::Ko,
        focused: None,
        lesson: None,
    };
    let (want, want_answer) = Engine::replay(&run.knobs, run.seed, &run.timeline, run.end, run.at);

    let mut state = Rc::new(AppState::open(Lang::En, &crate::share::fragment(&run)));
    assert_eq!(state.engine().world().time(), SimTime::ZERO, "nothing replayed before the first frame");
    assert_eq!(state.opening.as_ref().unwrap().progress(), (SimTime::ZERO, SimTime::from_secs(90)));
    // What acts on the run waits; the rest of the page answers.
    for action in
        [Action::Step, Action::TogglePlay, Action::DeployNewVersion, typed("kubectl scale deploy/http-go --replicas=1")]
    {
        assert!(Rc::ptr_eq(&reduce(state.clone(), action.clone()), &state), "{action:?} waits");
    }
    state = after(state, [Action::ShowPane(Pane::Events)]);
    assert_eq!(state.pane, Pane::Events);
    assert!(state.opening.is_some());
    let mut slices = 0;
    let mut reached = SimTime::ZERO;
    while let Some(opening) = state.opening.clone() {
        let generation = state.generation;
        state = reduce(state, Action::Frame(16.0));
        slices += 1;
        assert_eq!(state.generation, generation + 1, "each slice is drawn");
        if let Some(o) = &state.opening {
            let (now, end) = o.progress();
            assert!(now > reached, "every slice moves the replay on");
            // A slice is about SLICE_WORK pod-seconds: at 300 pods or more, a few seconds at most.
            assert!(
                now - reached <= crate::sim::SimDuration::from_secs(Opening::SLICE_WORK / 300 + 1),
                "{now} after {reached}"
            );
            assert_eq!(end, SimTime::from_secs(90));
            reached = now;
        }
        let _ = opening;
    }
    // 90 s of about 400 pod-seconds each (300 pods, the requests, the clock) in slices of 5,000.
    assert!(slices >= 7, "{slices} slices");
    let got = state.engine();
    assert_eq!(got.world().time(), SimTime::from_secs(70));
    assert_eq!(got.timeline, want.timeline);
    assert_eq!(got.samples, want.samples);
    assert_eq!(got.world().events(), want.world().events());
    drop(got);
    assert_eq!(state.last_answer, want_answer);
    assert_eq!(state.lang, Lang::Ko, "the link's language");
    assert_eq!(state.speed, 2);
    // And now it plays.
    let state = reduce(state, Action::Step);
    assert_eq!(state.engine().world().time(), SimTime::from_millis(70_100));
}

/// A restart while a link is still opening drops the replay and starts the link's settings from
/// their first moment.
#[test]
fn a_restart_while_a_link_opens_drops_the_replay() {
    use crate::setup::Knobs;
    let knobs = Knobs { replicas: 300, ..Knobs::default() };
    let run = crate::share::SharedRun {
        knobs: knobs.clone(),
        seed: 5,
        timeline: Vec::new(),
        end: SimTime::from_secs(600),
        at: SimTime::from_secs(600),
        speed: 0,
        lang: Lang::En,
        focused: None,
        lesson: None,
    };
    let state = Rc::new(AppState::open(Lang::En, &crate::share::fragment(&run)));
    let state = after(state, [Action::Frame(16.0), Action::Restart]);
    assert!(state.opening.is_none());
    assert_eq!(state.engine().world().time(), SimTime::ZERO);
    assert_eq!(state.knobs, knobs);
    let state = reduce(state, Action::Step);
    assert_eq!(state.engine().world().time(), SimTime::from_millis(100));
}

/// At 64x with frames a quarter of a second apart (a run too large for the browser), a frame
/// runs at most 40 steps: the clock reaches 16x, and the page says so; at real time it keeps up.
#[test]
fn the_page_says_when_the_clock_falls_behind_the_speed_asked() {
    use super::facts::falling_behind;
    let playing = after(page(), [Action::SetSpeed(6), Action::TogglePlay]);
    let slow = after(playing.clone(), std::iter::repeat_n(Action::Frame(250.0), 8));
    let achieved = falling_behind(&slow).expect("behind");
    assert!((achieved - 16.0).abs() < 1e-9, "{achieved}");
    assert_eq!(slow.engine().world().time(), SimTime::from_secs(32), "8 frames of 40 steps");
    // Keeping up at 64x: frames of 6 ms owe 384 ms, under 40 steps.
    let quick = after(playing, std::iter::repeat_n(Action::Frame(6.0), 100));
    assert_eq!(falling_behind(&quick), None);
    // Real time, at 60 frames a second.
    let real = after(page(), [Action::TogglePlay]);
    let real = after(real, std::iter::repeat_n(Action::Frame(1000.0 / 60.0), 60));
    assert_eq!(falling_behind(&real), None);
    // Paused, nothing is said.
    assert_eq!(falling_behind(&reduce(slow, Action::TogglePlay)), None);
}

/// A terminal has one screen: while `rollout status` runs in the foreground, the background
/// curl loop's answers come between its lines, in the order printed; once it has returned, they
/// follow it.
#[test]
fn a_background_job_prints_between_the_lines_of_the_command_in_the_foreground() {
    let state = after(page(), [Action::Advance(100), typed(&format!("{MONITOR} &"))]);
    let state = after(
        state,
        [
            typed("kubectl set image deployment/http-go http-go=gasbugs/http-go:v2"),
            typed("kubectl rollout status deployment/http-go"),
        ],
    );
    let state = after(state, std::iter::repeat_n(Action::Advance(10), 40));
    let entries = state.shell.entries();
    let status = entries.iter().find(|e| e.line == "kubectl rollout status deployment/http-go").expect("the command");
    assert!(!status.running, "rolled out within 40 s");
    let lines: Vec<&str> = status.answer.as_deref().unwrap().lines().collect();
    let welcome = |l: &&str| l.starts_with("Welcome!");
    let first_wait = lines.iter().position(|l| l.starts_with("Waiting for deployment")).expect("waits");
    let done = lines.iter().position(|l| l.contains("successfully rolled out")).expect("returns");
    assert_eq!(done, lines.len() - 1, "its last line is its own: {lines:?}");
    assert!(lines[first_wait..done].iter().any(welcome), "curl answers between its lines: {lines:?}");
    assert!(lines[first_wait..done].iter().filter(|l| !welcome(l)).count() >= 2, "{lines:?}");
    // After it returned, the job's lines follow it, in an entry of their own.
    let after_it = entries.iter().skip_while(|e| e.line != status.line).skip(1).collect::<Vec<_>>();
    assert!(after_it.iter().all(|e| e.job), "{after_it:?}");
    assert!(after_it.last().unwrap().answer.as_deref().unwrap().lines().all(|l| l.starts_with("Welcome!")));
}

/// What the action row shows follows a typed command as it follows a button: kubectl's answer to
/// the last change, and the Scale box's replicas.
#[test]
fn the_action_row_follows_a_typed_command() {
    use super::facts::live_replicas;
    let state = after(page(), [Action::Advance(100), Action::DeployNewVersion]);
    assert_eq!(state.last_answer, Some(Ok("deployment.apps/http-go image updated".into())));
    let state = after(state, [Action::Advance(20), typed("kubectl rollout undo deployment/http-go")]);
    assert_eq!(state.last_answer, Some(Ok("deployment.apps/http-go rolled back".into())));
    assert_eq!(live_replicas(&state), 4);
    let state = after(state, [typed("kubectl scale deployment http-go --replicas=6")]);
    assert_eq!(state.last_answer, Some(Ok("deployment.apps/http-go scaled".into())));
    assert_eq!(live_replicas(&state), 6);
    // A command that only reads changes neither.
    let state = after(state, [typed("kubectl get pods")]);
    assert_eq!(state.last_answer, Some(Ok("deployment.apps/http-go scaled".into())));
}

/// The traffic panel of a Gateway Canary: the Gateway in front, the route's rule with its
/// weights as `kubectl patch httproute` sets them, a Service node per backendRef with its share,
/// and requests that travel users → Gateway → Service → pod.
#[test]
fn the_traffic_panel_shows_the_gateway_its_rules_and_weights_and_the_way_of_each_request() {
    use super::traffic::{traffic_map, BackendFacts, Front, FRONT_X, LEFT, POD_X, SERVICE_X};
    use crate::setup::{gateway_weight_line, Knobs, StrategyKind};
    use crate::sim::Run;
    let knobs = Knobs { strategy: StrategyKind::Canary, rate: 50, ..Knobs::default() };
    let mut run = Run::new(knobs.scenario(1).world());
    run.run_until(SimTime::from_secs(10));
    for line in ["scale deployment/http-go-canary --replicas=1".to_string(), gateway_weight_line(10)] {
        for intent in crate::kubectl::parse(&line).unwrap() {
            run.act(intent).unwrap();
        }
    }
    run.run_until(SimTime::from_secs(30));
    let w = run.world();
    let versions = super::facts::version_index(w);
    let map = traffic_map(w, w.time(), &versions, false);
    let Front::Gateway { gateway, class, routes } = &map.front else { panic!("{:?}", map.front) };
    assert_eq!((gateway.as_str(), class.as_str()), ("http-go", "eg"));
    assert_eq!(routes.len(), 1);
    assert_eq!(routes[0].hostnames, ["http-go.example.com"]);
    let rule = &routes[0].rules[0];
    assert!(rule.matches.is_empty(), "the default PathPrefix / matches every request: {:?}", rule.matches);
    let backend = |service: &str, weight, percent| BackendFacts { service: service.into(), weight, percent };
    assert_eq!(rule.backends, [backend("http-go", 90, 90), backend("http-go-canary", 10, 10)]);
    let shares: Vec<_> = map.services.iter().map(|s| (s.name.as_str(), s.share)).collect();
    assert_eq!(shares, [("http-go", Some((0, 90))), ("http-go-canary", Some((0, 10)))]);
    // Four stable pods and the canary's, a row each; the canary Service's endpoint is its row.
    assert_eq!(map.rows.len(), 5);
    let canary = &map.services[1];
    assert_eq!(canary.rows.len(), 1);
    // Every request in flight lies on its way: between the users and the Gateway, the Gateway and
    // a Service, or a Service and a pod's row.
    assert!(!map.particles.is_empty());
    for p in &map.particles {
        assert!(p.x >= LEFT as f32 && p.x <= (POD_X - 14) as f32, "{p:?}");
        if p.x < FRONT_X as f32 {
            assert_eq!(p.y, map.mid as f32, "{p:?}");
        }
    }
    // Some have reached the canary's pod by now, past the Services' column.
    let canary_row = map.rows.iter().find(|r| r.key == canary.rows[0]).unwrap().y as f32;
    assert!(map.particles.iter().any(|p| p.x > SERVICE_X as f32 && (p.y - canary_row).abs() < 1.0));
    // Drawn still (reduced motion), each request is where it ended: a pod's row.
    let still = traffic_map(w, w.time(), &versions, true);
    assert!(still.particles.iter().all(|p| p.x == (POD_X - 14) as f32), "{:?}", still.particles);
}

/// The NGINX Ingress and A/B's header rule: the panel names the Ingress in front, and on the
/// Gateway says the rule's match.
#[test]
fn the_traffic_panel_says_an_ab_rule_s_match_and_the_retired_ingress_in_front() {
    use super::traffic::{traffic_map, Front};
    use crate::setup::{Knobs, Router, StrategyKind};
    let w = Knobs { strategy: StrategyKind::AB, ..Knobs::default() }.scenario(1).world();
    let map = traffic_map(&w, SimTime::ZERO, &Default::default(), false);
    let Front::Gateway { routes, .. } = &map.front else { panic!("{:?}", map.front) };
    let matches: Vec<_> = routes[0].rules.iter().map(|r| (r.matches.clone(), r.backends[0].service.as_str())).collect();
    assert_eq!(matches, [(vec!["X-Group: beta".to_string()], "http-go-b"), (vec![], "http-go")]);
    let w = Knobs { strategy: StrategyKind::AB, router: Router::Ingress, ..Knobs::default() }.scenario(1).world();
    let map = traffic_map(&w, SimTime::ZERO, &Default::default(), false);
    assert_eq!(map.front, Front::Ingress("http-go.example.com".into()));
    assert!(map.services.iter().all(|s| s.share.is_none()));
    let w = Knobs::default().scenario(1).world();
    assert_eq!(traffic_map(&w, SimTime::ZERO, &Default::default(), false).front, Front::None);
}

/// A text in the YAML panel longer than the YAML reader reads (a careless paste of megabytes) is
/// refused at once in the reader's own words, and the learner's edit stays as it was; whether the
/// page read the text (`YamlEdit`) or only measured it (`YamlTooLarge`). The next text taken ends
/// the refusal. A text of exactly the limit is taken.
#[test]
fn a_paste_past_what_the_yaml_reader_reads_is_refused_at_once_and_the_edit_is_kept() {
    use crate::manifest::reader::MAX_TEXT;
    let edit = "apiVersion: apps/v1\nkind: Deployment\n".to_string();
    let edited = after(page(), [Action::YamlEdit(edit.clone())]);
    let refused_words = "error: manifests.yaml: the file is larger than the 512 KiB the simulator reads";
    for action in [Action::YamlEdit("a: b\n---\n".repeat(MAX_TEXT / 9 + 1)), Action::YamlTooLarge] {
        let state = reduce(edited.clone(), action);
        assert_eq!(state.yaml_draft.as_deref(), Some(&edit), "the edit is kept");
        let result = state.yaml_result.as_ref().expect("an answer at once");
        assert_eq!(result.answer, Err(refused_words.to_string()));
        assert!(result.kept && result.line.is_none() && !result.restored);
        assert!(state.pending.is_none(), "nothing sent to the reader");
        // Typing on: the text is taken, the refusal is over.
        let typed_on = reduce(state, Action::YamlEdit(format!("{edit}metadata:\n")));
        assert_eq!(typed_on.yaml_draft.as_deref().map(String::as_str), Some(&*format!("{edit}metadata:\n")));
        assert!(typed_on.yaml_result.is_none());
    }
    let longest = "#".repeat(MAX_TEXT);
    let taken = reduce(edited.clone(), Action::YamlEdit(longest.clone()));
    assert_eq!((taken.yaml_draft.as_deref(), &taken.yaml_result), (Some(&longest), &None));
    let over = reduce(edited, Action::YamlEdit(format!("{longest}#")));
    assert_eq!(over.yaml_draft.as_deref(), Some(&edit));
}

/// A frame runs at most [`super::reduce::FRAME_WORK`] pod-seconds of simulation: 40 steps at
/// 1,000 replicas as before, 4 at 10,000, so that a Pause pressed while a large run plays at 64x
/// waits for a few steps, not for 40 (issue 28 #10: it took 2.8 s). The clock then plays slower
/// than asked, the page says how fast, and Pause stops it at once.
#[test]
fn a_frame_of_a_large_run_runs_a_frame_s_worth_of_work_and_pause_stops_it_at_once() {
    use super::facts::falling_behind;
    use super::{Knob, KnobEdit};
    let sized = |replicas: &str| {
        let edit = Action::Edit(KnobEdit::Field(Knob::Replicas, replicas.into()));
        after(page(), [edit, Action::ApplySetup, Action::SetSpeed(6), Action::TogglePlay])
    };
    let thousand = after(sized("1000"), [Action::Frame(250.0)]);
    assert_eq!(thousand.engine().world().time(), SimTime::from_secs(4), "40 steps at 1,000 replicas");
    let large = sized("10000");
    assert_eq!(large.knobs.replicas, 10_000);
    let played = after(large, std::iter::repeat_n(Action::Frame(250.0), 3));
    assert_eq!(played.engine().world().time(), SimTime::from_millis(1_200), "3 frames of 4 steps");
    let achieved = falling_behind(&played).expect("behind");
    assert!((achieved - 1.6).abs() < 1e-9, "{achieved}");
    let paused = after(played, [Action::TogglePlay, Action::Frame(250.0)]);
    assert!(!paused.playing);
    assert_eq!(paused.engine().world().time(), SimTime::from_millis(1_200), "no step after the pause");
    assert_eq!(falling_behind(&paused), None);
}
