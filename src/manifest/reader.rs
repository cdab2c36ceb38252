//! What the page and its YAML reader say to each other. The page's bundle has no YAML reader (a
//! Kubernetes manifest reader costs more than the rest of the page), so the YAML panel's text
//! is read in a web worker loaded on first use (`src/worker.rs`, by [`crate::k8s::apply`] with
//! the upstream API types); natively the same messages go through stdin and stdout.

use serde::{Deserialize, Serialize};

use crate::sim::restore::ClusterState;
use crate::sim::Object;

/// The longest manifest text the page reads: room for the console's own `kubectl get
/// deploy,rs,pods -o yaml` of the largest state the engine restores
/// ([`crate::sim::restore::MAX_PODS`] pods, about 360 KB with what the apiserver writes into
/// each), so that what the console prints pastes back.
pub const MAX_TEXT: usize = 512 * 1024;

/// Whether the reader reads a text of `bytes` (its UTF-8 length).
pub fn fits(bytes: usize) -> bool {
    bytes <= MAX_TEXT
}

/// Whether a field holding `length` characters still fits once `inserted` characters replace
/// `selected` of them (a paste or a drop over a selection). The page counts in UTF-16 units, which
/// are never more than the UTF-8 bytes [`fits`] counts: what this refuses, the reader would too.
pub fn fits_after_insertion(length: usize, selected: usize, inserted: usize) -> bool {
    fits((length - selected.min(length)).saturating_add(inserted))
}

/// Why the reader refuses the file `file`: it is longer than [`MAX_TEXT`].
pub fn too_large(file: &str) -> String {
    format!("error: {file}: the file is larger than the {} KiB the simulator reads", MAX_TEXT / 1024)
}

/// What the page asks the reader: read `text` as the file `file`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub id: u32,
    pub file: String,
    pub text: String,
    /// `kubectl create -f` (its messages differ from apply's).
    pub create: bool,
}

/// What the reader answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub id: u32,
    pub result: Result<Read, Problem>,
}

/// What a file holds: manifests, the objects the engine applies in the file's order; or a
/// cluster's state (a pasted `kubectl get deploy,rs,pods -o yaml`, with ReplicaSets or pods),
/// which a run starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Read {
    Manifests(Vec<Object>),
    State(Box<ClusterState>),
}

/// Why a file is refused: kubectl's (or the apiserver's) message, and the line of the text it
/// is about (1-based), where one can be told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub line: Option<usize>,
    pub message: String,
}
