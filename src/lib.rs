//! RolloutScope: learn how Kubernetes rolls out an application by watching a faithful simulation.
//!
//! - [`sim`]: the engine, pure and deterministic, shared by the page and the command-line tool.
//! - [`i18n`]: every text a learner reads, in English and Korean, including the engine's reasons.
//! - [`lang`]: the learner's language, a leaf every layer may name.
//! - [`charts`]: the run's charts, drawn with plotters as SVG.
//! - [`compare`]: runs side by side, and what each rollout cost.
//! - [`trace`]: the one-line-per-event trace of a run.
//! - [`kubectl`]: kubectl command lines as the engine's intents.
//! - [`setup`]: the page's knobs, checked, as a scenario and as the acts of a deploy.
//! - [`lesson`]: guided lessons on the real engine, with predict-then-watch.
//! - [`session`]: a learner's run (the engine, its samples, the timeline of what they did).
//! - [`page`]: the page without a browser: its state, its actions as data, the one reducer, the
//!   console's shell.
//! - [`share`]: a run as a link, and back.
//! - [`sweep`]: what if: a run over every maxSurge × maxUnavailable, for the heatmap.
//! - [`manifest`]: engine objects written as Kubernetes manifests (the spec, the live object, what
//!   an apiserver adds), and the messages between the page and its YAML reader.
//! - [`run_file`], [`real_cluster`], [`yaml`]: a run as a scenario file, a scenario file as a
//!   script for kind or minikube, and the YAML they are written in.
//! - `ui` (wasm32 only): the Yew single-page app that shows the engine.
//! - [`k8s`]: real manifests in and out, apiserver defaults and validation (on the page, only in
//!   the YAML panel's worker: the app's own binary never calls it, so it is not in its bundle).
//! - `cli` (native only): the `rolloutscope` command-line tool.
//! - `serve` (native only): a run served as the Kubernetes API, for real kubectl.
#![forbid(unsafe_code)]

pub mod charts;
pub mod compare;
pub mod i18n;
pub mod kubectl;
pub mod lang;
pub mod lesson;
pub mod manifest;
pub mod page;
pub mod real_cluster;
pub mod run_file;
pub mod session;
pub mod setup;
pub mod share;
pub mod sim;
pub mod sweep;
pub mod trace;
pub mod yaml;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(not(target_arch = "wasm32"))]
pub mod serve;

pub mod k8s;

#[cfg(target_arch = "wasm32")]
pub mod ui;
