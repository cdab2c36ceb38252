//! One manifest read as the engine's object, as the apiserver would store it: read strictly into
//! the upstream type, defaulted and validated, with the apiserver's messages. Scenario files
//! ([`super::scenario_file`]), a pasted cluster's state ([`super::state`]) and the YAML panel
//! ([`super::apply`]) read their manifests with it.

use k8s_openapi::api::apps::v1::Deployment;

use super::{convert, defaults, field, read, validate};
use crate::sim::ingress::Ingress;
use crate::sim::quota::ResourceQuota;
use crate::sim::service::Service;
use crate::sim::Object;

/// One object as the apiserver would store it, or its message: read strictly into the upstream
/// type, defaulted and validated.
pub fn manifest(item: &read::Item) -> Result<Object, String> {
    match (item.api_version(), item.kind()) {
        ("apps/v1", "Deployment") => {}
        ("v1", "Service") => {
            let svc: k8s_openapi::api::core::v1::Service = read::typed_strict(item)?;
            let name = svc.metadata.name.clone().unwrap_or_default();
            if name.is_empty() {
                return Err("metadata.name: Required value: name or generateName is required".into());
            }
            let spec = svc.spec.unwrap_or_default();
            if let Some(what) = unmodeled_service(&spec) {
                return Err(format!("Service {name:?}: the simulator does not model {what}"));
            }
            return service(&name, spec)
                .map(|s| Object::Service(Box::new(s)))
                .map_err(|errors| field::invalid_object_message("Service", &name, &errors));
        }
        ("networking.k8s.io/v1", "Ingress") => return ingress(item).map(|i| Object::Ingress(Box::new(i))),
        ("v1", "ResourceQuota") => return resource_quota(item).map(|q| Object::ResourceQuota(Box::new(q))),
        _ if super::gateway::is_gateway_api(item) => return super::gateway::manifest(item),
        (version, kind) => {
            return Err(format!(
                "{kind:?} in version {version:?}: a scenario's manifests are apps/v1 Deployments, v1 Services and ResourceQuotas, networking.k8s.io/v1 Ingresses and gateway.networking.k8s.io/v1 GatewayClasses, Gateways and HTTPRoutes"
            ))
        }
    }
    let mut k8s: Deployment = read::typed_strict(item)?;
    defaults::deployment(&mut k8s);
    let errors = validate::deployment(&k8s, item.value.pointer("/spec/selector").is_some());
    if !errors.is_empty() {
        return Err(field::invalid_object_message("Deployment", item.name(), &errors));
    }
    if let Some(what) = unmodeled_template(&k8s) {
        return Err(format!("Deployment {:?}: the simulator does not model {what}", item.name()));
    }
    let d = convert::deployment(&k8s, "")?;
    Ok(Object::Deployment(Box::new(d)))
}

/// What a pod template asks for beyond the one container a pod is in the engine: refused by name,
/// so that no READY column reads 1/1 where a cluster would show 2/2 and no init container's wait
/// is silently skipped.
fn unmodeled_template(d: &Deployment) -> Option<String> {
    let spec = d.spec.template.spec.as_ref()?;
    if spec.containers.len() > 1 {
        return Some(format!(
            "a second container: spec.template.spec.containers has {} (a pod here is one container, its readiness the pod's; a cluster would show READY {n}/{n})",
            spec.containers.len(),
            n = spec.containers.len()
        ));
    }
    if spec.init_containers.as_ref().is_some_and(|c| !c.is_empty()) {
        return Some(
            "spec.template.spec.initContainers (a pod here starts its one container once it is scheduled)".into(),
        );
    }
    None
}

/// What a Service asks for that would change which endpoints get its traffic, and that the
/// engine does not do: refused by name rather than dropped, so that no learner watches a run
/// that ignores what they wrote. Each field's default (what `kubectl get svc -o yaml` prints
/// back) is accepted.
fn unmodeled_service(spec: &k8s_openapi::api::core::v1::ServiceSpec) -> Option<String> {
    if spec.publish_not_ready_addresses == Some(true) {
        return Some(
            "spec.publishNotReadyAddresses: true (its endpoints are the Service's ready pods, as without it)".into(),
        );
    }
    if let Some(affinity) = spec.session_affinity.as_deref().filter(|a| *a != "None") {
        return Some(format!(
            "spec.sessionAffinity: {affinity} (its router and kube-proxy spread requests over the ready endpoints)"
        ));
    }
    if let Some(policy) = spec.internal_traffic_policy.as_deref().filter(|p| *p != "Cluster") {
        return Some(format!("spec.internalTrafficPolicy: {policy} (its traffic goes to the endpoints on every node)"));
    }
    if let Some(distribution) = &spec.traffic_distribution {
        return Some(format!("spec.trafficDistribution: {distribution} (it has no zones)"));
    }
    None
}

/// A ClusterIP Service: its selector, its ports (`ValidateService`'s rules for them) and the
/// cluster IP it asks for, if any (otherwise one is allocated).
fn service(name: &str, spec: k8s_openapi::api::core::v1::ServiceSpec) -> Result<Service, Vec<field::FieldError>> {
    use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
    let mut errors = Vec::new();
    let kind = spec.type_.as_deref().unwrap_or("ClusterIP");
    if kind != "ClusterIP" {
        errors.push(field::FieldError::not_supported("spec.type", kind, &["ClusterIP"]));
    }
    let ports = spec.ports.unwrap_or_default();
    if ports.is_empty() && spec.cluster_ip.as_deref() != Some("None") {
        errors.push(field::FieldError::required("spec.ports", ""));
    }
    let mut out = Vec::new();
    for (i, p) in ports.iter().enumerate() {
        let at = |f: &str| format!("spec.ports[{i}].{f}");
        let name = p.name.clone().unwrap_or_default();
        if ports.len() > 1 && name.is_empty() {
            errors.push(field::FieldError::required(at("name"), ""));
        }
        if !(1..=65535).contains(&p.port) {
            errors.push(field::FieldError::invalid(
                at("port"),
                p.port.to_string(),
                "must be between 1 and 65535, inclusive",
            ));
        }
        let protocol = p.protocol.clone().unwrap_or_else(|| "TCP".into());
        if !["TCP", "UDP", "SCTP"].contains(&protocol.as_str()) {
            errors.push(field::FieldError::not_supported(at("protocol"), &protocol, &["SCTP", "TCP", "UDP"]));
        }
        let target_port = match &p.target_port {
            None => p.port.to_string(),
            Some(IntOrString::Int(n)) if !(1..=65535).contains(n) => {
                errors.push(field::FieldError::invalid(
                    at("targetPort"),
                    n.to_string(),
                    "must be between 1 and 65535, inclusive",
                ));
                n.to_string()
            }
            Some(IntOrString::Int(n)) => n.to_string(),
            Some(IntOrString::String(s)) => s.clone(),
        };
        out.push(crate::sim::service::ServicePort { name, protocol, port: p.port, target_port });
    }
    let mut svc = Service::new(name, spec.selector.unwrap_or_default().into()).with_ports(out);
    match spec.cluster_ip.as_deref() {
        None | Some("") => {}
        Some("None") => svc.cluster_ip = "None".into(),
        Some(ip) if crate::sim::service::in_service_cidr(ip) => svc.cluster_ip = ip.into(),
        Some(ip) => errors.push(field::FieldError::invalid(
            "spec.clusterIPs",
            format!("[]string{{{ip:?}}}"),
            "failed to allocate IP: the provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12",
        )),
    }
    if errors.is_empty() {
        Ok(svc)
    } else {
        Err(errors)
    }
}

/// An Ingress the engine routes: one rule, for one host, whose one path goes to a Service.
/// A ResourceQuota on pods (`spec.hard.pods`). The apiserver's validation of a quantity
/// (`ValidateResourceQuota`: an integer resource, at least 0) with its message; what the
/// simulator does not count (cpu and memory, whose requests a template does not carry here,
/// scopes) is refused saying so.
fn resource_quota(item: &read::Item) -> Result<ResourceQuota, String> {
    let k8s: k8s_openapi::api::core::v1::ResourceQuota = read::typed_strict(item)?;
    let name = k8s.metadata.name.clone().unwrap_or_default();
    if name.is_empty() {
        return Err("metadata.name: Required value: name or generateName is required".into());
    }
    let spec = k8s.spec.unwrap_or_default();
    if spec.scopes.is_some() || spec.scope_selector.is_some() {
        return Err(format!("ResourceQuota {name:?}: the simulator counts every pod of the namespace; scopes and scopeSelector are not modelled"));
    }
    let mut hard = std::collections::BTreeMap::new();
    let mut errors = Vec::new();
    for (resource, quantity) in spec.hard.unwrap_or_default() {
        let at = format!("spec.hard[{resource}]");
        if resource != crate::sim::quota::PODS {
            return Err(format!(
                "ResourceQuota {name:?}: {at}: the simulator counts pods only (pod templates carry no resource requests here)"
            ));
        }
        match quantity.0.parse::<i64>() {
            Ok(n) if n >= 0 => {
                hard.insert(resource, n);
            }
            Ok(_) => errors.push(field::FieldError::invalid(
                &at,
                format!("{:?}", quantity.0),
                "must be greater than or equal to 0",
            )),
            Err(_) => errors.push(field::FieldError::invalid(&at, format!("{:?}", quantity.0), "must be an integer")),
        }
    }
    if !errors.is_empty() {
        return Err(field::invalid_object_message("ResourceQuota", &name, &errors));
    }
    Ok(ResourceQuota { name, hard, created: crate::sim::SimTime::ZERO })
}

fn ingress(item: &read::Item) -> Result<Ingress, String> {
    let k8s: k8s_openapi::api::networking::v1::Ingress = read::typed_strict(item)?;
    let name = k8s.metadata.name.clone().unwrap_or_default();
    if name.is_empty() {
        return Err("metadata.name: Required value: name or generateName is required".into());
    }
    let rules = k8s.spec.and_then(|s| s.rules).unwrap_or_default();
    let one_path = match rules.as_slice() {
        [rule] => rule.http.as_ref().and_then(|h| match h.paths.as_slice() {
            [path] => path.backend.service.as_ref().map(|s| (rule.host.clone().unwrap_or_default(), s.name.clone())),
            _ => None,
        }),
        _ => None,
    };
    let (host, service) = one_path.ok_or_else(|| {
        format!("Ingress {name:?}: the simulator routes an Ingress with one rule whose one path goes to a Service")
    })?;
    let mut i = Ingress::new(&name, &host, &service);
    i.annotations = k8s.metadata.annotations.unwrap_or_default();
    Ok(i)
}
