//! Gateway API manifests (`gateway.networking.k8s.io/v1` GatewayClass, Gateway, HTTPRoute) read
//! with the upstream schema into the engine's objects ([`crate::sim::gateway`]).
//!
//! Why not kube-rs's `gateway-api` crate: its 0.22.0 depends on k8s-openapi 0.28 with the
//! `schemars` feature (this crate has 0.29: a second copy of every API type), on kube 4.2's
//! `CustomResource` derive (kube-core, a proc-macro) and schemars 1, and asks for Rust 1.92; all
//! of it would land in the YAML reader worker's wasm bundle (src/worker.rs) for the few fields the
//! engine routes by. Measured (issue 29): +31.8 KB gzipped to the worker (503.9 → 535.7 KB, 24 more
//! crates) for reading an HTTPRoute through `gateway_api::apis::standard::httproutes::HttpRoute`
//! as well, `flock /tmp/rolloutscope-heavy.lock bash -c 'source .ci/lib.sh; with_node_tools
//! wasm_release_env trunk build --release'` then `bash .ci/size` (the page, which never calls it,
//! measured 563.6 → 564.9 KB in the same build). The engine's own types already have the upstream serde shape (camelCase,
//! the CRD's defaults as serde defaults), so here they are only wrapped with k8s-openapi's
//! ObjectMeta and read strictly ([`read::typed_strict`]: a field the schema does not have is
//! refused as kubectl's `--validate=strict` refuses it). Fields the CRD has and the simulator
//! does not route by (filters, methods, timeouts, retries, session persistence, TLS, addresses,
//! infrastructure) are refused with a sentence that says so, not as unknown.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Deserialize;
use serde_json::Value;

use super::{field, read};
use crate::sim::gateway::{self, Gateway, GatewayClass, HttpRoute, HttpRouteSpec, Listener};
use crate::sim::{Object, SimTime};

#[derive(Deserialize)]
#[allow(dead_code)]
struct Typed<S> {
    #[serde(rename = "apiVersion")]
    api_version: String,
    kind: String,
    #[serde(default)]
    metadata: ObjectMeta,
    spec: S,
    /// What a controller wrote (a pasted `kubectl get -o yaml`): read, not kept.
    #[serde(default)]
    status: Option<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClassSpec {
    controller_name: String,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GatewaySpec {
    gateway_class_name: String,
    listeners: Vec<ListenerSpec>,
}

/// A listener as written: what the engine keeps, and the `allowedRoutes` that [`unmodeled`]
/// has found to be what the simulator does anyway.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListenerSpec {
    name: String,
    #[serde(default)]
    hostname: Option<String>,
    port: i32,
    protocol: String,
    #[serde(default)]
    #[allow(dead_code)]
    allowed_routes: Option<Value>,
}

/// Fields of the upstream schema the simulator does not model, by where they are.
fn unmodeled(value: &Value) -> Option<String> {
    let spec = value.get("spec")?;
    for key in
        ["addresses", "infrastructure", "allowedListeners", "backendTLS", "tls", "parametersRef", "useDefaultGateways"]
    {
        if spec.get(key).is_some() {
            return Some(format!("spec.{key}"));
        }
    }
    for (i, l) in spec.get("listeners").and_then(Value::as_array).into_iter().flatten().enumerate() {
        if l.get("tls").is_some() {
            return Some(format!("spec.listeners[{i}].tls"));
        }
        // The CRD's default (routes of the Gateway's namespace) is what the simulator does, and
        // with its one namespace `All` is the same; a label selector or other kinds are not.
        if let Some(allowed) = l.get("allowedRoutes") {
            let from = allowed.pointer("/namespaces/from").and_then(Value::as_str).unwrap_or("Same");
            let only_http_routes = allowed
                .get("kinds")
                .and_then(Value::as_array)
                .is_none_or(|kinds| kinds.iter().all(|k| k.get("kind").and_then(Value::as_str) == Some("HTTPRoute")));
            if !matches!(from, "Same" | "All") || !only_http_routes || allowed.pointer("/namespaces/selector").is_some()
            {
                return Some(format!("spec.listeners[{i}].allowedRoutes"));
            }
        }
    }
    for (i, r) in spec.get("rules").and_then(Value::as_array).into_iter().flatten().enumerate() {
        for key in ["filters", "timeouts", "retry", "sessionPersistence"] {
            if r.get(key).is_some() {
                return Some(format!("spec.rules[{i}].{key}"));
            }
        }
        for (j, b) in r.get("backendRefs").and_then(Value::as_array).into_iter().flatten().enumerate() {
            if b.get("filters").is_some() {
                return Some(format!("spec.rules[{i}].backendRefs[{j}].filters"));
            }
        }
        for (j, m) in r.get("matches").and_then(Value::as_array).into_iter().flatten().enumerate() {
            if m.get("method").is_some() {
                return Some(format!("spec.rules[{i}].matches[{j}].method"));
            }
        }
    }
    None
}

/// A GatewayClass, Gateway or HTTPRoute as the apiserver would store it, or its refusal.
pub(crate) fn manifest(item: &read::Item) -> Result<Object, String> {
    let kind = item.kind().to_string();
    let name = item.name().to_string();
    if let Some(at) = unmodeled(&item.value) {
        return Err(format!("{kind} {name:?}: the simulator does not model {at} (it routes by hostnames, paths, headers, query parameters and weights)"));
    }
    let check_name = |meta: &ObjectMeta| match meta.name.as_deref() {
        None | Some("") => Err("metadata.name: Required value: name or generateName is required".to_string()),
        Some(_) => Ok(()),
    };
    let refuse = |errors: Vec<field::FieldError>| -> Result<(), String> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(field::invalid_object_message(&kind, &name, &errors))
        }
    };
    match kind.as_str() {
        "GatewayClass" => {
            let t: Typed<ClassSpec> = read::typed_strict(item)?;
            check_name(&t.metadata)?;
            let c = GatewayClass {
                name: name.clone(),
                created: SimTime::ZERO,
                controller_name: t.spec.controller_name,
                generation: 1,
                description: t.spec.description,
            };
            refuse(gateway::validate_class(&c))?;
            Ok(Object::GatewayClass(Box::new(c)))
        }
        "Gateway" => {
            let t: Typed<GatewaySpec> = read::typed_strict(item)?;
            check_name(&t.metadata)?;
            let g = Gateway {
                name: name.clone(),
                created: SimTime::ZERO,
                gateway_class_name: t.spec.gateway_class_name,
                listeners: t
                    .spec
                    .listeners
                    .into_iter()
                    .map(|l| Listener { name: l.name, hostname: l.hostname, port: l.port, protocol: l.protocol })
                    .collect(),
                generation: 1,
            };
            refuse(gateway::validate_gateway(&g))?;
            if let Some((i, l)) = g.listeners.iter().enumerate().find(|(_, l)| l.protocol != "HTTP") {
                return Err(format!(
                    "Gateway {name:?}: spec.listeners[{i}].protocol: the simulator serves HTTP listeners, not {:?}",
                    l.protocol
                ));
            }
            Ok(Object::Gateway(Box::new(g)))
        }
        _ => {
            let t: Typed<HttpRouteSpec> = read::typed_strict(item)?;
            check_name(&t.metadata)?;
            refuse(gateway::validate_route(&t.spec))?;
            if let Some(why) = gateway::unsupported(&t.spec) {
                return Err(format!("HTTPRoute {name:?}: {why}"));
            }
            Ok(Object::HttpRoute(Box::new(HttpRoute { name, created: SimTime::ZERO, generation: 1, spec: t.spec })))
        }
    }
}

/// Whether `item` is a Gateway API object this module reads.
pub(crate) fn is_gateway_api(item: &read::Item) -> bool {
    item.api_version() == gateway::API_VERSION && matches!(item.kind(), "GatewayClass" | "Gateway" | "HTTPRoute")
}
