//! The engine: a pure, deterministic simulation of a Kubernetes cluster rolling out Deployments.
//!
//! Nothing in this module knows about the browser; it is tested natively and runs unchanged in
//! WebAssembly. (A test in `tests/engine/layers.rs` enforces that no web crate is named here.)

pub mod apiserver;
pub mod claims;
pub mod deployment;
pub mod eventlog;
pub mod field;
pub mod fnv;
pub mod gateway;
pub mod images;
pub mod ingress;
pub mod intent;
pub mod kubelet;
pub mod labels;
pub mod limits;
pub mod manifest;
pub mod nodelifecycle;
pub mod objects;
pub mod podwork;
pub mod quota;
pub mod recent;
pub mod replicaset;
pub mod restore;
pub mod rng;
pub mod run;
pub mod sample;
pub mod schedule;
pub mod service;
pub mod strategy;
pub mod time;
pub mod validate;
pub mod why;
pub mod world;

pub use eventlog::Event;
pub use intent::{ContainersPatch, Intent, LabelTarget};
pub use manifest::Object;
pub use rng::SimRng;
pub use run::Run;
pub use time::{SimDuration, SimTime};
pub use why::Why;
pub use world::{World, DEFAULT_TICK};
