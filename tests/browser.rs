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

    /// Yew renders on the next microtask; yielding once to the event loop lets it finish.
    async fn settle() {
        yew::platform::time::sleep(std::time::Duration::ZERO).await;
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

    /// The `Scaled up replica set NAME from …` names in the event log, in order, without repeats.
    fn scaled_up_replica_sets(host: &web_sys::Element) -> Vec<String> {
        let log = by_testid(host, "event-log").text_content().unwrap();
        let mut names: Vec<String> = Vec::new();
        for part in log.split("Scaled up replica set ").skip(1) {
            let name = part.split(' ').next().unwrap().to_string();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    #[wasm_bindgen_test]
    async fn step_advances_the_clock_shown_on_the_page() {
        let host = mount();
        settle().await;

        assert_eq!(by_testid(&host, "sim-time").text_content().unwrap(), "0.0");
        by_testid(&host, "step").click();
        settle().await;
        assert_eq!(by_testid(&host, "sim-time").text_content().unwrap(), "0.1");
        by_testid(&host, "restart").click();
        settle().await;
        assert_eq!(by_testid(&host, "sim-time").text_content().unwrap(), "0.0");
    }

    /// The event log is the engine's: stepping the clock brings the Deployment up, and
    /// "Deploy a new version" is `kubectl set image`, answered as kubectl answers and rolled out by
    /// a second ReplicaSet.
    #[wasm_bindgen_test]
    async fn the_event_log_shows_the_engine_rolling_out_a_new_version() {
        let host = mount();
        settle().await;
        click(&host, "step", 30).await;
        assert_eq!(by_testid(&host, "sim-time").text_content().unwrap(), "3.0");
        let first = scaled_up_replica_sets(&host);
        assert_eq!(first.len(), 1, "{first:?}");
        assert!(first[0].starts_with("http-go-"), "{first:?}");
        assert!(by_testid(&host, "event-log")
            .text_content()
            .unwrap()
            .contains("Successfully assigned default/http-go-"));

        click(&host, "deploy-new-version", 1).await;
        assert_eq!(by_testid(&host, "kubectl-answer").text_content().unwrap(), "deployment.apps/http-go image updated");
        click(&host, "step", 5).await;
        let both = scaled_up_replica_sets(&host);
        assert_eq!(both.len(), 2, "{both:?}");
        assert_ne!(both[0], both[1]);
    }
}
