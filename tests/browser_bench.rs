//! Engine benchmark in the browser build (prints figures; not a timed test): the workloads of
//! `tests/bench/engine.rs`, compiled with the release profile the page ships with and run in
//! headless Chromium. `bash .ci/bench` runs it next to the native one.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

#[path = "bench/workloads.rs"]
mod workloads;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn engine_benchmark() {
    let performance = web_sys::window().and_then(|w| w.performance()).expect("the page has a performance clock");
    let now_ms = move || performance.now();
    // The wasm memory's size: what the page has taken from the browser (it never shrinks).
    let memory = || core::arch::wasm32::memory_size(0) * 65_536;
    for line in workloads::run_all(&now_ms, &memory) {
        console_log!("browser: {line}");
    }
}
