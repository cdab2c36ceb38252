//! What a learner types and what they read back: the console's `kubectl` (checked byte for byte
//! against the real kubectl the project pins), `kubectl apply` of manifests, and the
//! command-line tool (`simulate`, `export`, `serve`) run as a process.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod apply;
mod cli;
mod real_kubectl;
mod serve;
mod simulate;
