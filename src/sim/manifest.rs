//! An object of a manifest file (`kubectl apply|create -f`), as the engine keeps it: a
//! Deployment, a Service, an Ingress, a ResourceQuota, or one of the Gateway API's objects.

use serde::{Deserialize, Serialize};

use super::gateway::{Gateway, GatewayClass, HttpRoute};
use super::ingress::Ingress;
use super::objects::Deployment;
use super::quota::ResourceQuota;
use super::service::Service;

/// An object of a manifest file, as the engine keeps it. Externally tagged (`{"deployment":
/// {...}}`): serde reads an internally tagged enum through a buffer, a second copy of every
/// reader of the objects in the page's bundle (a shared link and the YAML reader's reply carry them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Object {
    Deployment(Box<Deployment>),
    Service(Box<Service>),
    Ingress(Box<Ingress>),
    GatewayClass(Box<GatewayClass>),
    Gateway(Box<Gateway>),
    HttpRoute(Box<HttpRoute>),
    ResourceQuota(Box<ResourceQuota>),
}

impl Object {
    /// `deployment.apps/http-go`, as kubectl names what it applied.
    pub fn kubectl_name(&self) -> String {
        match self {
            Object::Deployment(d) => format!("deployment.apps/{}", d.metadata.name),
            Object::Service(s) => format!("service/{}", s.name),
            Object::Ingress(i) => format!("ingress.networking.k8s.io/{}", i.name),
            Object::GatewayClass(c) => format!("gatewayclass.gateway.networking.k8s.io/{}", c.name),
            Object::Gateway(g) => format!("gateway.gateway.networking.k8s.io/{}", g.name),
            Object::HttpRoute(r) => format!("httproute.gateway.networking.k8s.io/{}", r.name),
            Object::ResourceQuota(q) => format!("resourcequota/{}", q.name),
        }
    }
}
