//! Engine objects written as Kubernetes manifests, in one place: JSON values in the upstream
//! schema, written without the upstream types (serde_json only), so that the page carries them
//! without k8s-openapi.
//!
//! - [`spec`]: a manifest as a person writes it (the spec): what a scenario file carries.
//! - [`live`]: an object as the API serves it (metadata and status as the controllers write
//!   them): the console's `get -o yaml|json` and the YAML panel.
//! - [`endpoints`]: a Service's EndpointSlice and Endpoints, as their controllers write them:
//!   the console's `get endpointslices|endpoints`, `describe service` and `rolloutscope serve`.
//! - [`served`]: what a real apiserver adds to every object it serves (uids, calendar times, its
//!   defaults): `rolloutscope serve`.
//! - [`events`]: the run's trace as the Events a cluster keeps, correlated as client-go's
//!   recorder correlates them (counts, aggregation, spam filtering).
//! - [`reader`]: the messages between the page and its YAML reader (the web worker that reads
//!   manifests with the upstream types, [`crate::k8s::apply`]).
//!
//! Reading manifests back into the engine's objects is [`crate::k8s`]'s.

pub mod endpoints;
pub mod events;
pub mod live;
pub mod reader;
pub mod served;
pub mod spec;
