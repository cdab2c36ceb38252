//! Real Kubernetes manifests at the engine's edge: reading what `kubectl get -o json|yaml`
//! prints (with k8s-openapi's types, so real output is accepted as it is), the apiserver's
//! defaults and validation with its own messages, and one controller sync over real objects.
//! The engine ([`crate::sim`]) keeps its own, smaller types; [`convert`] goes between them.

pub mod apply;
pub mod convert;
pub mod defaults;
pub mod export;
pub use crate::sim::field;
pub mod gateway;
pub mod object;
pub mod read;
pub mod scenario_file;
pub mod state;
pub mod sync;
pub mod validate;
