//! `rolloutscope-manifests`: reads the YAML panel for `kubectl apply|create -f manifests.yaml`.
//!
//! On wasm32 it is the page's web worker, loaded on the learner's first apply: the upstream API
//! types it reads manifests with cost more than the rest of the page, so the page's own binary
//! does not link them. Each message is a [`rolloutscope::manifest::reader::Request`] as JSON; each
//! answer a `Reply`, from [`rolloutscope::k8s::apply::reply`]. Its first message is `"ready"`:
//! what the page posts before the worker's wasm is running would be lost, so the page waits.
//!
//! Natively it reads one request from stdin and prints the reply: the same function, for tests.
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{js_sys, DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let request = e.data().as_string().unwrap_or_default();
        let reply = rolloutscope::k8s::apply::reply(&request);
        // A worker that cannot post has no one to tell.
        let _ = reply_to.post_message(&JsValue::from_str(&reply));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::io::Read;
    let mut request = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut request) {
        eprintln!("error: reading the request: {e}");
        return std::process::ExitCode::FAILURE;
    }
    println!("{}", rolloutscope::k8s::apply::reply(&request));
    std::process::ExitCode::SUCCESS
}
