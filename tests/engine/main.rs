//! The engine, natively: its controllers against the rules Kubernetes follows, its invariants
//! under random intents, its traffic and Gateway routing, the compare and sweep runs built on it,
//! and the layering that keeps it free of web crates.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod controllers;
mod gateway;
mod invariants;
mod layers;
mod properties;
mod quota;
mod sweep;
mod traffic;
