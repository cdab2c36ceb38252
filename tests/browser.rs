//! Browser tests: run by `wasm-bindgen-test-runner` in headless Chromium (see .ci/test).
//! They drive the simulated clock and assert; they never sleep and hope.
#![cfg(target_arch = "wasm32")]

use rolloutscope::sim::{SimRng, SimTime, World};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The same stream as the native golden test in src/sim/rng.rs: seeds mean the same on wasm32.
#[wasm_bindgen_test]
fn the_generator_matches_the_native_golden_values() {
    let mut rng = SimRng::new(42);
    let first: Vec<u32> = (0..4).map(|_| rng.next_u32()).collect();
    assert_eq!(first, [3400036912, 3349765444, 515166382, 4224707908]);
    assert_eq!(SimRng::new(42).name_suffix(5), "44f9m");
}

#[wasm_bindgen_test]
fn the_world_steps_in_the_browser() {
    let mut w = World::new(3);
    w.run_until(SimTime::from_secs(2));
    assert_eq!(w.time(), SimTime::from_secs(2));
}

/// A shared link opens the same run in the browser as natively (tests/page/share.rs keeps the file).
#[wasm_bindgen_test]
fn a_shared_link_opens_the_same_run_as_natively() {
    use rolloutscope::i18n::Lang;
    use rolloutscope::session::Engine;
    use rolloutscope::sim::sample::Sample;
    let run =
        rolloutscope::share::decode(include_str!("fixtures/links/v1.txt").trim()).expect("the schema-1 link opens");
    let (engine, _) = Engine::replay(&run.knobs, run.seed, &run.timeline, run.end, run.at);
    let got = serde_json::json!({
        "sample": Sample::of(engine.world()),
        "trace": rolloutscope::trace::render(engine.world().events(), Lang::En),
    });
    let want: serde_json::Value = serde_json::from_str(include_str!("fixtures/links/v1-opened.json")).unwrap();
    assert_eq!(got, want);
}

/// The page exports the kept link's run as the same scenario file as natively (tests/page/export.rs
/// keeps the file and runs it).
#[wasm_bindgen_test]
fn a_run_exports_to_the_same_scenario_file_as_natively() {
    let run = rolloutscope::share::decode(include_str!("fixtures/links/v1.txt").trim()).unwrap();
    let file = rolloutscope::run_file::of_run(&run.knobs, run.seed, &run.timeline);
    assert_eq!(rolloutscope::run_file::text(&file), include_str!("fixtures/links/v1-exported.yaml"));
}

mod app {
    use super::*;
    use wasm_bindgen::JsCast;

    fn document() -> web_sys::Document {
        web_sys::window().unwrap().document().unwrap()
    }

    fn by_testid(root: &web_sys::Element, id: &str) -> web_sys::HtmlElement {
        root.query_selector(&format!("[data-testid='{id}']"))
            .unwrap()
            .unwrap_or_else(|| panic!("no element with data-testid={id}"))
            .dyn_into()
            .unwrap()
    }

    /// Lets Yew finish rendering: the app, then its child components, in later turns.
    async fn settle() {
        // A component's children render in later turns of the scheduler than the component
        // itself (the setup panel after the app): a few zero-length turns let them all finish.
        for _ in 0..4 {
            yew::platform::time::sleep(std::time::Duration::ZERO).await;
        }
    }

    fn mount() -> web_sys::Element {
        let host = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&host).unwrap();
        yew::Renderer::<rolloutscope::ui::App>::with_root(host.clone()).render();
        host
    }

    async fn click(host: &web_sys::Element, id: &str, times: usize) {
        for _ in 0..times {
            by_testid(host, id).click();
            settle().await;
        }
    }

    fn all(host: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
        let list = host.query_selector_all(selector).unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().dyn_into().unwrap()).collect()
    }

    fn attr(el: &web_sys::Element, name: &str) -> String {
        el.get_attribute(name).unwrap_or_default()
    }

    /// Types `value` into the input with `testid`, as a learner would.
    async fn type_into(host: &web_sys::Element, testid: &str, value: &str) {
        let input: web_sys::HtmlInputElement = by_testid(host, testid).dyn_into().unwrap();
        input.set_value(value);
        let event = web_sys::InputEvent::new("input").unwrap();
        input.dispatch_event(&event).unwrap();
        settle().await;
    }

    /// What the page shows of the pods: (ReplicaSet, phase, ready, image) of each, sorted.
    fn pods_shown(host: &web_sys::Element) -> Vec<(String, String, String, String)> {
        let mut v: Vec<_> = all(host, "[data-testid='pod']")
            .iter()
            .map(|p| (attr(p, "data-rs"), attr(p, "data-phase"), attr(p, "data-ready"), attr(p, "data-image")))
            .collect();
        v.sort();
        v
    }

    /// The same of the engine's world.
    fn pods_of(w: &World) -> Vec<(String, String, String, String)> {
        let mut v: Vec<_> = w
            .pods
            .values()
            .map(|p| {
                (
                    p.metadata.owner.clone().unwrap_or_default(),
                    format!("{:?}", p.status.phase),
                    p.status.ready.to_string(),
                    p.image().to_string(),
                )
            })
            .collect();
        v.sort();
        v
    }

    /// The cluster view is the engine's state at the same moment: every pod with its ReplicaSet,
    /// phase, readiness and image, and each ReplicaSet's counts, before and during a rollout.
    #[wasm_bindgen_test]
    async fn the_cluster_view_shows_the_engines_pods_and_replica_sets() {
        let host = mount();
        settle().await;
        click(&host, "skip", 2).await;
        assert_eq!(by_testid(&host, "sim-time").text_content().unwrap(), "20.0");
        let knobs = rolloutscope::setup::Knobs::default();
        let mut w = knobs.scenario(1).world();
        w.run_until(SimTime::from_secs(20));
        assert_eq!(pods_shown(&host), pods_of(&w));
        assert_eq!(pods_shown(&host).iter().filter(|p| p.2 == "true").count(), 4);

        click(&host, "deploy-new-version", 1).await;
        for intent in knobs.deploy(&w).unwrap() {
            w.apply(intent).unwrap();
        }
        click(&host, "step", 45).await;
        w.run_until(SimTime::from_millis(24_500));
        assert_eq!(by_testid(&host, "sim-time").text_content().unwrap(), "24.5");
        assert_eq!(pods_shown(&host), pods_of(&w));
        let rows = all(&host, "[data-testid='replicaset']");
        assert_eq!(rows.len(), 2);
        for row in rows {
            let rs = &w.replica_sets[&attr(&row, "data-name")];
            assert_eq!(attr(&row, "data-revision"), rs.revision().to_string());
            assert_eq!(attr(&row, "data-desired"), rs.spec.replicas.to_string());
            assert_eq!(attr(&row, "data-ready"), rs.status.ready_replicas.to_string());
        }
        assert_eq!(by_testid(&host, "requests-sent").text_content().unwrap(), w.requests.sent.to_string());
        assert_eq!(by_testid(&host, "requests-failed").text_content().unwrap(), w.requests.failed.to_string());
        // The charts are drawn.
        assert!(by_testid(&host, "chart-pods").inner_html().contains("<svg"));
        assert!(by_testid(&host, "chart-requests").inner_html().contains("<rect"));
    }

    /// maxSurge 0 and maxUnavailable 0 get the apiserver's message next to the field, and the
    /// run cannot be restarted with them; a valid value lets it.
    #[wasm_bindgen_test]
    async fn refused_settings_are_explained_and_cannot_start_a_run() {
        let host = mount();
        settle().await;
        type_into(&host, "max-surge", "0").await;
        type_into(&host, "max-unavailable", "0").await;
        let errors = by_testid(&host, "setup-errors").text_content().unwrap();
        assert!(
            errors.contains(
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
            ),
            "{errors}"
        );
        let disabled = |host: &web_sys::Element| by_testid(host, "apply-setup").has_attribute("disabled");
        assert!(disabled(&host));
        type_into(&host, "max-unavailable", "1").await;
        assert!(host.query_selector("[data-testid='setup-errors']").unwrap().is_none());
        assert_eq!(
            by_testid(&host, "resolved").text_content().unwrap(),
            "0 / 1 of 4 → surge 0, unavailable 1: at most 4 pods, at least 3 available"
        );
        assert!(!disabled(&host));
        click(&host, "apply-setup", 1).await;
        assert!(disabled(&host), "applied: nothing pending");
    }

    /// Focusing a pod (the keyboard's hover) explains it in the explanation panel.
    #[wasm_bindgen_test]
    async fn focusing_a_pod_explains_it() {
        let host = mount();
        settle().await;
        click(&host, "skip", 1).await;
        let pods = all(&host, "[data-testid='pod']");
        let pod: web_sys::HtmlElement = pods[0].clone().dyn_into().unwrap();
        let name = attr(&pod, "data-name");
        pod.focus().unwrap();
        settle().await;
        let text = by_testid(&host, "explanation").text_content().unwrap();
        assert!(text.starts_with(&format!("pod {name} on node-")), "{text}");
        assert!(text.contains("Ready: yes, so the Service sends it requests."), "{text}");
        assert!(attr(&all(&host, "[data-testid='pod']")[0], "class").contains("selected"));
    }
}
