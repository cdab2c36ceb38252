//! Links to runs (`rolloutscope::share`): every field survives the trip, links of every schema
//! ever written keep opening the run they opened, and a damaged or edited link is refused with
//! the reason, never half-read.

use proptest::prelude::*;
use rolloutscope::i18n::{share_error, Lang};
use rolloutscope::session::{Engine, Step};
use rolloutscope::setup::{Act, Knobs, NewVersion, ProbeKnobs, Router, StrategyKind};
use rolloutscope::share::{check_replay, decode, encode, from_fragment, ShareError, SharedRun, MAX_STEPS};
use rolloutscope::sim::objects::PullPolicy;
use rolloutscope::sim::sample::Sample;
use rolloutscope::sim::SimTime;

/// A link written by schema 1, and the run it opens. Never change these two: a change to the
/// format that breaks this test breaks links that learners have already sent each other.
const V1_LINK: &str = include_str!("../fixtures/links/v1.txt");

fn v1_run() -> SharedRun {
    SharedRun {
        knobs: Knobs {
            strategy: StrategyKind::RollingUpdate,
            replicas: 6,
            max_surge: "2".into(),
            min_ready_seconds: 5,
            new_version: NewVersion::SlowToStart,
            rate: 40,
            ..Knobs::default()
        },
        seed: 7,
        timeline: vec![
            (SimTime::from_secs(20), Step::Deploy),
            (SimTime::from_millis(23_500), Step::Act(Act::Scale(8))),
            (SimTime::from_secs(30), Step::Act(Act::Undo(0))),
        ],
        end: SimTime::from_secs(60),
        at: SimTime::from_secs(26),
        speed: 2,
        lang: Lang::Ko,
        focused: None,
        lesson: None,
    }
}

#[test]
fn a_schema_1_link_opens_the_run_it_always_opened() {
    assert_eq!(decode(V1_LINK.trim()), Ok(v1_run()));
    // ... and the run itself: the replay lands where the link says, with the steps done.
    let run = v1_run();
    let (engine, answer) = Engine::replay(&run.knobs, run.seed, &run.timeline, run.end, run.at);
    assert_eq!(engine.world().time(), run.at);
    assert_eq!(engine.furthest(), run.end);
    assert_eq!(answer, Some(Ok("deployment.apps/http-go rolled back".into())));
}

#[test]
fn a_link_is_short_enough_for_a_chat() {
    let link = encode(&v1_run());
    assert!(link.len() < 300, "{} characters: {link}", link.len());
}

#[test]
fn a_replayed_link_is_the_same_run_every_time() {
    let run = v1_run();
    let (a, _) = Engine::replay(&run.knobs, run.seed, &run.timeline, run.end, run.at);
    let opened = decode(&encode(&run)).unwrap();
    let (b, _) = Engine::replay(&opened.knobs, opened.seed, &opened.timeline, opened.end, opened.at);
    assert_eq!(Sample::of(a.world()), Sample::of(b.world()));
    assert_eq!(a.samples, b.samples);
}

fn knobs() -> impl Strategy<Value = Knobs> {
    let probe = (any::<bool>(), 0..30i32, 1..30i32, 1..5i32, 1..4i32).prop_map(
        |(enabled, delay, period, timeout, failures)| ProbeKnobs {
            enabled,
            initial_delay_seconds: delay,
            period_seconds: period,
            timeout_seconds: timeout,
            success_threshold: 1,
            failure_threshold: failures,
        },
    );
    let bound = prop_oneof![(0..20i32).prop_map(|n| n.to_string()), (0..=100i32).prop_map(|p| format!("{p}%"))];
    (
        (prop::sample::select(StrategyKind::ALL.to_vec()), 0..=10_000i32, bound.clone(), bound, 0..60i32, 61..900i32),
        (0..20i32, prop::sample::select(vec![PullPolicy::Always, PullPolicy::IfNotPresent, PullPolicy::Never])),
        (probe.clone(), probe.clone(), probe, prop::sample::select(NewVersion::ALL.to_vec()), 0..1000u32),
        prop::sample::select(Router::ALL.to_vec()),
    )
        .prop_map(
            |(
                (strategy, replicas, surge, unavailable, min_ready, deadline),
                (history, pull),
                (r, l, s, v, rate),
                router,
            )| {
                Knobs {
                    strategy,
                    replicas,
                    max_surge: surge,
                    max_unavailable: unavailable,
                    min_ready_seconds: min_ready,
                    progress_deadline_seconds: deadline,
                    revision_history_limit: history,
                    image_pull_policy: pull,
                    readiness: r,
                    liveness: l,
                    startup: s,
                    new_version: v,
                    rate,
                    router,
                }
            },
        )
        .prop_filter("settings the page accepts", |k| k.errors().is_empty())
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        Just(Step::Deploy),
        (0..5i64).prop_map(|n| Step::Act(Act::Undo(n))),
        Just(Step::Act(Act::PauseRollout)),
        Just(Step::Act(Act::ResumeRollout)),
        (0..=10_000i32).prop_map(|n| Step::Act(Act::Scale(n))),
        Just(Step::Act(Act::DeletePod)),
        Just(Step::Act(Act::NodeDown)),
        Just(Step::Act(Act::NodeUp)),
        Just(Step::Act(Act::PushSameTag)),
        Just(Step::Kubectl("kubectl scale deployment/http-go --replicas=6".into())),
        "\\PC{0,80}".prop_map(Step::Kubectl),
    ]
}

fn shared_run() -> impl Strategy<Value = SharedRun> {
    (
        knobs(),
        any::<u64>(),
        prop::collection::vec((0..3_600_000u64, step()), 0..20),
        0..3_600_000u64,
        0..3_600_000u64,
        -2..=6i32,
        prop::sample::select(vec![Lang::En, Lang::Ko]),
        prop::option::of("[a-z0-9-]{1,60}"),
    )
        .prop_map(|(knobs, seed, mut timeline, end, at, speed, lang, focused)| {
            timeline.sort_by_key(|(t, _)| *t);
            SharedRun {
                knobs,
                seed,
                timeline: timeline.into_iter().map(|(t, s)| (SimTime(t), s)).collect(),
                end: SimTime(end),
                at: SimTime(at),
                speed,
                lang,
                focused,
                lesson: None,
            }
        })
        // The runs a link carries: the page makes no link for a run it would not replay.
        .prop_filter("within what a link replays", |run| check_replay(run).is_ok())
}

proptest! {
    #[test]
    fn every_field_survives_the_link(run in shared_run()) {
        prop_assert_eq!(decode(&encode(&run)), Ok(run.clone()));
        prop_assert_eq!(from_fragment(&format!("#run={}", encode(&run))), Some(Ok(run)));
    }

    #[test]
    fn a_link_cut_short_is_refused(run in shared_run(), cut in 0.0..1.0f64) {
        let link = encode(&run);
        let short = &link[..((link.len() as f64 * cut) as usize).min(link.len() - 1)];
        prop_assert!(decode(short).is_err(), "{short}");
    }

    #[test]
    fn a_changed_character_is_refused_or_changes_nothing(run in shared_run(), at in any::<prop::sample::Index>(), c in "[A-Za-z0-9_-]") {
        let link = encode(&run);
        let i = 2 + at.index(link.len() - 2);
        let mut changed = link.clone();
        changed.replace_range(i..i + 1, &c);
        // zlib's checksum: a changed byte is found. (The last character's spare bits carry nothing.)
        match decode(&changed) {
            Ok(opened) => prop_assert_eq!(opened, run),
            Err(e) => prop_assert!(matches!(e, ShareError::Damaged | ShareError::Invalid(_)), "{e:?}"),
        }
    }
}

/// A link made by hand: schema 1 around any JSON.
fn link_of(json: &str) -> String {
    use base64::Engine as _;
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
    format!("1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
}

/// A Canary link as the build before the router knob wrote it (no `router`): it opens on the
/// NGINX Ingress, as it did then, and its deploy raises the Ingress's canary weight; the same
/// link naming the Gateway opens on an HTTPRoute.
#[test]
fn a_canary_link_from_before_the_router_knob_opens_on_the_ingress() {
    let json = |k: &str| {
        format!(r#"{{"k":{{"strategy":"Canary"{k}}},"s":1,"t":[[20000,"deploy"]],"e":80000,"a":80000,"x":1}}"#)
    };
    let old = decode(&link_of(&json(""))).unwrap();
    assert_eq!((old.knobs.strategy, old.knobs.router), (StrategyKind::Canary, Router::Ingress));
    let (engine, _) = Engine::replay(&old.knobs, old.seed, &old.timeline, old.end, old.at);
    let w = engine.world();
    assert!(w.gateway.routes.is_empty());
    let weight = &w.ingresses["http-go-canary"].annotations["nginx.ingress.kubernetes.io/canary-weight"];
    assert_eq!(weight, "50", "20 at 30 s, 50 at 60 s: the course's Ingress plan");

    let new = decode(&link_of(&json(r#","router":"gateway""#))).unwrap();
    assert_eq!(new.knobs, Knobs { strategy: StrategyKind::Canary, ..Knobs::default() });
    let (engine, _) = Engine::replay(&new.knobs, new.seed, &new.timeline, new.end, new.at);
    let w = engine.world();
    assert!(w.ingresses.is_empty());
    let weights: Vec<i32> = w.gateway.routes["http-go"].spec.rules[0].backend_refs.iter().map(|b| b.weight).collect();
    assert_eq!(weights, [50, 50]);
}

#[test]
fn an_edited_link_is_refused_with_the_reason() {
    let refused = |json: &str| decode(&link_of(json)).unwrap_err();
    // The settings are checked as the setup panel checks them, in the apiserver's words.
    assert_eq!(
        refused(r#"{"k":{"replicas":1000000},"s":1,"e":0,"a":0}"#),
        ShareError::Refused(
            "spec.replicas: 1000000: the simulator runs at most 10000 replicas (Kubernetes itself would accept them)"
                .into()
        )
    );
    assert_eq!(
        refused(r#"{"k":{"maxSurge":"0","maxUnavailable":"0"},"s":1,"e":0,"a":0}"#),
        ShareError::Refused(
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0".into()
        )
    );
    for (json, why) in [
        (r#"{"k":{"replica":3},"s":1,"e":0,"a":0}"#, "unknown setting `replica`"),
        (r#"{"s":1,"e":0,"a":0,"z":1}"#, "unknown field `z`"),
        (r#"{"s":1,"e":99999999999,"a":0}"#, "past the longest run (86400 s)"),
        (r#"{"s":1,"e":0,"a":0,"t":[[1000,{"act":{"scale":2000000}}]]}"#, "scale to 2000000 replicas"),
        (r#"{"s":1,"e":0,"a":0,"x":40}"#, "speed 40"),
        (r#"{"s":1,"e":0,"a":0,"t":[[1000,"launchMissiles"]]}"#, "unknown variant `launchMissiles`"),
        (r#"[1,2,3]"#, "expected a map"),
    ] {
        match refused(json) {
            ShareError::Invalid(m) => assert!(m.contains(why), "{json}: {m}"),
            other => panic!("{json}: {other:?}"),
        }
    }
    let long = format!(r#"{{"s":1,"e":0,"a":0,"t":[[0,{{"kubectl":"{}"}}]]}}"#, "x".repeat(1001));
    assert!(matches!(refused(&long), ShareError::Invalid(m) if m.contains("a command of 1001 characters")));
    let typed =
        decode(&link_of(r#"{"s":1,"e":0,"a":0,"t":[[2000,{"kubectl":"kubectl rollout pause deploy/http-go"}]]}"#));
    assert_eq!(typed.unwrap().timeline[0].1, Step::Kubectl("kubectl rollout pause deploy/http-go".into()));
    let too_many = format!(r#"{{"s":1,"e":0,"a":0,"t":[{}]}}"#, vec![r#"[0,"deploy"]"#; MAX_STEPS + 1].join(","));
    assert!(matches!(refused(&too_many), ShareError::Invalid(m) if m.contains("more than 500")));
    assert_eq!(decode("7.eJyrVgoJ"), Err(ShareError::Schema("7".into())));
    assert_eq!(decode("no dot at all"), Err(ShareError::Damaged));
    assert_eq!(decode("1.!!!"), Err(ShareError::Damaged));
}

/// The issue's link: 10,000 replicas, 10,000 requests a second, deployed, an hour long. Its
/// replay froze the page for minutes and then ran it out of memory; it is refused, with the limit.
#[test]
fn a_link_past_the_work_the_page_replays_is_refused_and_a_long_small_one_opens() {
    let hostile = r#"{"k":{"replicas":10000,"rate":10000},"s":1,"t":[[10000,"deploy"]],"e":3600000,"a":3600000}"#;
    match decode(&link_of(hostile)) {
        Err(ShareError::TooMuch(m)) => {
            assert!(m.contains("pod-seconds of work, more than the 8000000 the simulator takes on"), "{m}")
        }
        other => panic!("{other:?}"),
    }
    // A learner's default run left playing for two hours: past the old one-hour limit, it opens.
    let long = decode(&link_of(r#"{"s":1,"t":[[10000,"deploy"]],"e":7200000,"a":7200000}"#)).unwrap();
    assert_eq!(long.end, SimTime::from_secs(7200));
    // A typed scale counts as much as the button.
    let scaled = r#"{"s":1,"t":[[1000,{"kubectl":"scale deployment/http-go --replicas=9000"}]],"e":3600000,"a":0}"#;
    assert!(matches!(decode(&link_of(scaled)), Err(ShareError::TooMuch(_))));
}

/// The default settings played for an hour with `timeline`: what a work bound weighs.
fn played_for_an_hour(timeline: Vec<(SimTime, Step)>) -> SharedRun {
    SharedRun {
        knobs: Knobs::default(),
        seed: 1,
        timeline,
        end: SimTime::from_secs(3600),
        at: SimTime::from_secs(3600),
        speed: 0,
        lang: Lang::En,
        focused: None,
        lesson: None,
    }
}

/// A manifest applied in the YAML panel counts what it asks for: six replicas played for an
/// hour share, ten thousand do not.
#[test]
fn an_applied_manifest_counts_the_replicas_it_asks_for() {
    use rolloutscope::sim::objects::Deployment;
    use rolloutscope::sim::Object;
    let with_apply = |replicas: i32| {
        played_for_an_hour(vec![(
            SimTime::from_secs(10),
            Step::Apply {
                create: false,
                objects: vec![Object::Deployment(Box::new(Deployment::new("http-go", "gasbugs/http-go:v1", replicas)))],
            },
        )])
    };
    assert_eq!(check_replay(&with_apply(6)), Ok(()));
    assert!(matches!(check_replay(&with_apply(10_000)), Err(ShareError::TooMuch(_))));
}

/// A kubectl line counts what it scales to, by `scale` or by a patch of `spec.replicas`.
#[test]
fn a_kubectl_line_counts_the_replicas_it_scales_to() {
    let with_line = |line: &str| played_for_an_hour(vec![(SimTime::from_secs(10), Step::Kubectl(line.into()))]);
    assert_eq!(check_replay(&with_line("kubectl scale deploy/http-go --replicas=6")), Ok(()));
    for line in [
        "kubectl scale deploy/http-go --replicas=10000",
        r#"kubectl patch deploy http-go -p '{"spec":{"replicas":10000}}'"#,
        r#"kubectl patch deploy http-go -p '{"spec":{"minReadySeconds":5,"replicas":10000}}'"#,
    ] {
        assert!(matches!(check_replay(&with_line(line)), Err(ShareError::TooMuch(_))), "{line}");
    }
}

#[test]
fn a_timeline_edited_out_of_order_is_put_in_order() {
    let run = decode(&link_of(r#"{"s":1,"e":0,"a":0,"t":[[9000,"deploy"],[1000,{"act":"pauseRollout"}]]}"#)).unwrap();
    assert_eq!(
        run.timeline,
        [(SimTime::from_secs(1), Step::Act(Act::PauseRollout)), (SimTime::from_secs(9), Step::Deploy)]
    );
}

#[test]
fn why_a_link_is_refused_is_told_in_both_languages() {
    for e in [
        ShareError::Damaged,
        ShareError::Schema("7".into()),
        ShareError::Invalid("x".into()),
        ShareError::Refused("spec.replicas".into()),
    ] {
        let (en, ko) = (share_error(Lang::En, &e), share_error(Lang::Ko, &e));
        assert!(en.ends_with("The default run is shown instead."), "{en}");
        assert!(ko.contains("기본 실행"), "{ko}");
    }
}

#[test]
fn the_example_blog_post_embeds_three_runs_that_open() {
    let page = include_str!("../../static/embed-example.html");
    let srcs: Vec<&str> = page.split("src=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    assert_eq!(srcs.len(), 3, "{srcs:?}");
    for src in srcs {
        let fragment = src.replace("&amp;", "&");
        let fragment = fragment.strip_prefix("index.html").expect("relative to the page, for any sub-path");
        assert!(rolloutscope::share::is_embed(fragment), "{src}");
        let run = from_fragment(fragment).expect("a run").expect("that opens");
        assert_eq!(run.timeline, [(SimTime::from_secs(10), Step::Deploy)]);
    }
}

/// The run the schema-1 link opens, as the engine's sample at its moment and its whole trace:
/// kept in a file that the browser test (`tests/browser.rs`) checks too, so that a link opens
/// the same run natively and in the browser.
#[test]
fn the_schema_1_link_opens_the_same_run_natively_as_in_the_browser() {
    let run = v1_run();
    let (engine, _) = Engine::replay(&run.knobs, run.seed, &run.timeline, run.end, run.at);
    let got = serde_json::json!({
        "sample": Sample::of(engine.world()),
        "trace": rolloutscope::trace::render(engine.world().events(), Lang::En),
    });
    crate::common::kept("tests/fixtures/links/v1-opened.json", &(serde_json::to_string_pretty(&got).unwrap() + "\n"));
}

/// A run started from a pasted cluster state, as large as the engine takes one: the whole state
/// travels in the link, and the link opens the same run.
#[test]
fn a_run_restored_from_a_pasted_state_travels_whole_in_its_link() {
    use rolloutscope::kubectl::apply::PANEL_FILE;
    use rolloutscope::manifest::reader::Read;
    use rolloutscope::sim::restore::MAX_PODS;
    let knobs = Knobs { replicas: 150, ..Knobs::default() };
    let mut source = Engine::new(&knobs, 3);
    source.run_to(SimTime::from_secs(30));
    source.perform(&knobs, Step::Deploy).unwrap();
    source.run_to(SimTime::from_secs(34));
    let pods = source.world().pods.len();
    assert!(pods > 150 && pods <= MAX_PODS, "{pods} pods");
    let yaml = rolloutscope::kubectl::read_line(source.world(), "kubectl get deploy,rs,pods -o yaml").unwrap().unwrap();
    let Ok(Read::State(state)) = rolloutscope::k8s::apply::read(&yaml, PANEL_FILE, false) else {
        panic!("a kubectl get of deployments, replica sets and pods is a cluster's state")
    };
    let run = SharedRun {
        knobs: knobs.clone(),
        seed: 3,
        timeline: vec![(SimTime::ZERO, Step::Restore(state))],
        end: SimTime::from_secs(40),
        at: SimTime::ZERO,
        speed: 1,
        lang: Lang::En,
        focused: None,
        lesson: None,
    };
    let link = encode(&run);
    let opened = decode(&link).unwrap();
    assert_eq!(opened, run);
    let (a, answer) = Engine::replay(&run.knobs, run.seed, &run.timeline, run.end, run.at);
    assert!(answer.as_ref().is_some_and(|a| a.is_ok()), "{answer:?}");
    assert_eq!(a.world().pods.len(), pods);
    let (b, _) = Engine::replay(&opened.knobs, opened.seed, &opened.timeline, opened.end, opened.at);
    assert_eq!(Sample::of(a.world()), Sample::of(b.world()));
}
