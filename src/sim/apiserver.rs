//! The simulated apiserver (with kubectl's client side): each [`Intent`] applied to the
//! [`World`] as `kubectl` and the apiserver would apply it, one named method per intent, each
//! saying which object and field it changes. [`World::apply`] is the one entry; what kubectl
//! prints comes back, or its error.

use std::collections::BTreeMap;

use super::deployment::rollback;
use super::field;
use super::gateway;
use super::images::ImageBehavior;
use super::ingress::Ingress;
use super::intent::{ContainersPatch, Intent, LabelTarget};
use super::kubelet;
use super::limits::MAX_REPLICAS;
use super::manifest::Object;
use super::objects::*;
use super::quota::ResourceQuota;
use super::service::{self, Service};
use super::strategy::{Plan, PlanStep};
use super::validate;
use super::world::World;

impl World {
    /// Refuses a size that would take the cluster past [`MAX_REPLICAS`] in all.
    fn check_replica_limit(&self, deployment: &str, replicas: i32) -> Result<(), String> {
        let others: i64 = self
            .deployments
            .values()
            .filter(|d| d.metadata.name != deployment)
            .map(|d| i64::from(d.spec.replicas))
            .sum();
        let total = others + i64::from(replicas);
        if total > i64::from(MAX_REPLICAS) {
            return Err(format!(
                "error: the simulator runs at most {MAX_REPLICAS} replicas in all; deployment/{deployment} with \
                 {replicas} would make {total} (Kubernetes itself would accept it)"
            ));
        }
        Ok(())
    }

    /// A pod's name, or for `deployment/NAME` the first pod (by name) of that Deployment that is
    /// not terminating: how a scenario written before the pods exist names one.
    fn resolve_pod(&self, pod: &str) -> Result<String, String> {
        let Some(deployment) = pod.strip_prefix("deployment/") else {
            return Ok(pod.to_string());
        };
        let owned: Vec<&str> = self.replica_sets_of(deployment).iter().map(|rs| rs.metadata.name.as_str()).collect();
        self.pods
            .values()
            .filter(|p| !p.is_terminating() && p.metadata.owner.as_deref().is_some_and(|o| owned.contains(&o)))
            .map(|p| p.metadata.name.clone())
            .next()
            .ok_or_else(|| format!("error: no running pod of deployment/{deployment}"))
    }

    /// `kubectl apply -f` (or `create -f`) of a Deployment: the spec, labels and annotations
    /// replace the stored ones; what the cluster owns (uid, creation time, status, the revision
    /// annotation) stays. Nothing changed is "unchanged", as kubectl says.
    fn apply_deployment(&mut self, mut d: Deployment, create: bool) -> Result<String, String> {
        let name = d.metadata.name.clone();
        admit(&d)?;
        let Some(old) = self.deployments.get(&name) else {
            self.check_replica_limit(&name, d.spec.replicas)?;
            d.metadata.uid = self.uid();
            d.metadata.creation_timestamp = self.time();
            d.metadata.generation = 1;
            self.deployments.insert(name.clone(), d);
            return Ok(format!("deployment.apps/{name} created"));
        };
        if create {
            return Err(format!("Error from server (AlreadyExists): deployments.apps {name:?} already exists"));
        }
        d.metadata.annotations.remove(REVISION_ANNOTATION);
        if let Some(revision) = old.metadata.annotations.get(REVISION_ANNOTATION) {
            d.metadata.annotations.insert(REVISION_ANNOTATION.into(), revision.clone());
        }
        if d.spec == old.spec
            && d.metadata.labels == old.metadata.labels
            && d.metadata.annotations == old.metadata.annotations
        {
            return Ok(format!("deployment.apps/{name} unchanged"));
        }
        self.check_replica_limit(&name, d.spec.replicas)?;
        d.metadata.generation = old.metadata.generation + i64::from(old.spec != d.spec);
        d.metadata.creation_timestamp = old.metadata.creation_timestamp;
        d.metadata.uid = old.metadata.uid;
        d.status = old.status.clone();
        self.deployments.insert(name.clone(), d);
        Ok(format!("deployment.apps/{name} configured"))
    }

    /// The run goes on from `state`: its Deployments, ReplicaSets and Pods replace the run's, in
    /// the order given (the engine's numbers follow it); its Services and Ingresses are applied.
    /// The run's own Services, Ingresses and traffic stay, as a Service outlives the Deployment
    /// behind it. When the pods name the nodes they run on, those are the cluster's nodes. A
    /// strategy's plan was for the workloads that are gone, and stops.
    fn restore(&mut self, state: super::restore::ClusterState) -> Result<String, String> {
        if let Some(problem) = state.problems() {
            return Err(problem);
        }
        state.deployments.iter().try_for_each(admit)?;
        let super::restore::ClusterState { deployments, replica_sets, pods, manifests } = state;
        let nodes: std::collections::BTreeSet<String> = pods.iter().filter_map(|p| p.spec.node_name.clone()).collect();
        if !nodes.is_empty() {
            self.nodes = nodes.into_iter().map(|n| (n.clone(), Node::new(&n))).collect();
        }
        self.plan = None;
        self.deployments.clear();
        for mut d in deployments {
            d.metadata.uid = self.uid();
            self.deployments.insert(d.metadata.name.clone(), d);
        }
        self.replica_sets.clear();
        for mut rs in replica_sets {
            rs.metadata.uid = self.uid();
            // An owner that is not in the state is gone: the ReplicaSet is an orphan.
            rs.metadata.owner = rs.metadata.owner.filter(|o| self.deployments.contains_key(o));
            self.replica_sets.insert(rs.metadata.name.clone(), rs);
        }
        self.pods.clear();
        self.claims.touch_all();
        let now = self.time();
        for mut p in pods {
            p.metadata.uid = self.uid();
            p.metadata.owner = p.metadata.owner.filter(|o| self.replica_sets.contains_key(o));
            let node = p.spec.node_name.as_ref().and_then(|n| self.nodes.get_mut(n));
            kubelet::resume(&mut p, node, &mut self.registry, now);
            self.pods.insert(p.metadata.name.clone(), p);
        }
        let mut answer: Vec<String> = self.deployments.keys().map(|n| format!("deployment.apps/{n} created")).collect();
        answer.extend(self.replica_sets.keys().map(|n| format!("replicaset.apps/{n} created")));
        answer.extend(self.pods.keys().map(|n| format!("pod/{n} created")));
        for object in manifests {
            answer.push(self.apply_object(object, false)?);
        }
        Ok(answer.join("\n"))
    }

    /// `kubectl apply -f` (or `create -f`) of one object of a file.
    fn apply_object(&mut self, object: Object, create: bool) -> Result<String, String> {
        match object {
            Object::Deployment(d) => self.apply_deployment(*d, create),
            Object::Service(svc) => self.apply_service(*svc, create),
            Object::Ingress(i) => self.apply_ingress(*i, create),
            Object::GatewayClass(mut c) => {
                let (name, kind) = (c.name.clone(), "gatewayclass.gateway.networking.k8s.io");
                let old = self.gateway.classes.get(&name);
                c.created = old.map_or(self.time(), |o| o.created);
                let changed =
                    old.is_some_and(|o| (&o.controller_name, &o.description) != (&c.controller_name, &c.description));
                c.generation = old.map_or(1, |o| o.generation + i64::from(changed));
                let verb = applied(old, &*c, create, kind, &name)?;
                self.gateway.classes.insert(name.clone(), *c);
                Ok(format!("{kind}/{name} {verb}"))
            }
            Object::Gateway(mut g) => {
                let (name, kind) = (g.name.clone(), "gateway.gateway.networking.k8s.io");
                let old = self.gateway.gateways.get(&name);
                g.created = old.map_or(self.time(), |o| o.created);
                let changed =
                    old.is_some_and(|o| (&o.gateway_class_name, &o.listeners) != (&g.gateway_class_name, &g.listeners));
                g.generation = old.map_or(1, |o| o.generation + i64::from(changed));
                let verb = applied(old, &*g, create, kind, &name)?;
                self.gateway.gateways.insert(name.clone(), *g);
                Ok(format!("{kind}/{name} {verb}"))
            }
            Object::ResourceQuota(q) => self.apply_resource_quota(*q, create),
            Object::HttpRoute(mut r) => {
                let (name, kind) = (r.name.clone(), "httproute.gateway.networking.k8s.io");
                let old = self.gateway.routes.get(&name);
                r.created = old.map_or(self.time(), |o| o.created);
                r.generation = old.map_or(1, |o| o.generation + i64::from(o.spec != r.spec));
                let verb = applied(old.map(|o| &o.spec), &r.spec, create, kind, &name)?;
                if verb != "unchanged" {
                    let now = self.time();
                    self.gateway.write(*r, now);
                }
                Ok(format!("{kind}/{name} {verb}"))
            }
        }
    }

    /// `kubectl apply -f` (or `create`) of a ResourceQuota: admission checks every pod created
    /// from now on against its `spec.hard` ([`super::quota`]).
    fn apply_resource_quota(&mut self, mut q: ResourceQuota, create: bool) -> Result<String, String> {
        let name = q.name.clone();
        let old = self.resource_quotas.get(&name);
        q.created = old.map_or(self.time(), |o| o.created);
        let verb = applied(old.map(|o| &o.hard), &q.hard, create, "resourcequota", &name)?;
        self.resource_quotas.insert(name.clone(), q);
        Ok(format!("resourcequota/{name} {verb}"))
    }

    /// `kubectl apply -f` of a Service: its selector and ports; the cluster IP, once allocated,
    /// may not change.
    fn apply_service(&mut self, mut svc: Service, create: bool) -> Result<String, String> {
        let name = svc.name.clone();
        let Some(old) = self.services.get_mut(&name) else {
            svc.created = self.time();
            self.services.insert(name.clone(), svc);
            return Ok(format!("service/{name} created"));
        };
        if create {
            return Err(format!("Error from server (AlreadyExists): services {name:?} already exists"));
        }
        if svc.cluster_ip != old.cluster_ip && svc.cluster_ip != service::cluster_ip_for(&name) {
            return Err(format!(
                "The Service {name:?} is invalid: spec.clusterIPs[0]: Invalid value: []string{{{:?}}}: may not change once set",
                svc.cluster_ip
            ));
        }
        if svc.selector == old.selector && svc.ports == old.ports {
            return Ok(format!("service/{name} unchanged"));
        }
        old.selector = svc.selector;
        old.ports = svc.ports;
        Ok(format!("service/{name} configured"))
    }

    /// `kubectl apply -f` of an Ingress: its rule and annotations (a canary's weight).
    fn apply_ingress(&mut self, i: Ingress, create: bool) -> Result<String, String> {
        let name = i.name.clone();
        let kind = "ingress.networking.k8s.io";
        match self.ingresses.get(&name) {
            Some(_) if create => {
                Err(format!("Error from server (AlreadyExists): ingresses.networking.k8s.io {name:?} already exists"))
            }
            Some(old) if *old == i => Ok(format!("{kind}/{name} unchanged")),
            old => {
                let verb = if old.is_some() { "configured" } else { "created" };
                self.ingresses.insert(name.clone(), i);
                Ok(format!("{kind}/{name} {verb}"))
            }
        }
    }

    fn deployment_mut(&mut self, name: &str) -> Result<&mut Deployment, String> {
        self.deployments
            .get_mut(name)
            .ok_or_else(|| format!("Error from server (NotFound): deployments.apps {name:?} not found"))
    }

    /// Applies an intent now, as the apiserver (and kubectl, for client-side commands) would.
    /// Returns what kubectl prints, or its error.
    pub fn apply(&mut self, intent: Intent) -> Result<String, String> {
        let result = self.apply_inner(intent);
        let (kind, message) = match &result {
            Ok(m) => ("Intent", m.clone()),
            Err(e) => ("IntentRejected", e.clone()),
        };
        self.record(kind, "kubectl", message);
        result
    }

    /// One named method per intent, each documented with the object and field it changes.
    fn apply_inner(&mut self, intent: Intent) -> Result<String, String> {
        match intent {
            Intent::Apply { deployment } => self.apply_deployment(*deployment, false),
            Intent::Manifest { object, create } => self.apply_object(object, create),
            Intent::DeleteResourceQuota { name } => match self.resource_quotas.remove(&name) {
                Some(_) => Ok(format!("resourcequota \"{name}\" deleted from default namespace")),
                None => Err(format!("Error from server (NotFound): resourcequotas \"{name}\" not found")),
            },
            Intent::Restore { state } => self.restore(*state),
            Intent::SetImage { deployment, container, image } => self.set_image(&deployment, &container, image),
            Intent::PatchContainers { deployment, patch } => self.patch_containers(&deployment, &patch),
            Intent::PatchShutdown { deployment, pre_stop, termination_grace_period_seconds } => {
                self.patch_shutdown(&deployment, &pre_stop, termination_grace_period_seconds)
            }
            Intent::Scale { deployment, replicas } => self.scale(&deployment, replicas),
            Intent::Pause { deployment } => self.pause(&deployment),
            Intent::Resume { deployment } => self.resume(&deployment),
            Intent::Restart { deployment } => self.restart(&deployment),
            Intent::Undo { deployment, to_revision } => self.undo(&deployment, to_revision),
            Intent::SetMinReadySeconds { deployment, seconds } => self.set_min_ready_seconds(&deployment, seconds),
            Intent::SetRollingUpdate { deployment, max_surge, max_unavailable } => {
                self.set_rolling_update(&deployment, max_surge, max_unavailable)
            }
            Intent::PatchDeployment { deployment, parts } => self.patch_deployment(&deployment, parts),
            Intent::ChangeCause { deployment, cause } => self.annotate_change_cause(&deployment, cause),
            Intent::Label { target, labels, overwrite } => self.label(&target, &labels, overwrite),
            Intent::DeletePod { pod } => self.delete_pod(&pod),
            Intent::FailReadiness { pod } => self.fail_readiness(&pod),
            Intent::FailLiveness { pod } => self.fail_liveness(&pod),
            Intent::Push { image, behavior } => self.push(&image, behavior),
            Intent::AddNode { name } => self.add_node(&name),
            Intent::PatchServiceSelector { service, selector } => self.patch_service_selector(&service, selector),
            Intent::AnnotateIngress { ingress, key, value, overwrite } => {
                self.annotate_ingress(&ingress, key, value, overwrite)
            }
            Intent::PatchHttpRoute { route, patch } => self.patch_http_route(&route, &patch),
            Intent::DeleteGatewayObject { kind, name } => self.delete_gateway_object(kind, &name),
            Intent::StartPlan { plan } => self.start_plan(*plan),
            Intent::NodeDown { node } => self.node_down(&node),
            Intent::NodeUp { node } => self.node_up(&node),
        }
    }

    /// `kubectl set image`: the container's `spec.template.spec.containers[].image`; a new image
    /// is a new template, so a new `metadata.generation`. The image already set is no change:
    /// kubectl sends no patch and prints nothing (`set image`'s `Run` skips an empty patch).
    fn set_image(&mut self, deployment: &str, container: &str, image: String) -> Result<String, String> {
        let d = self.deployment_mut(deployment)?;
        let c = d
            .spec
            .template
            .containers
            .iter_mut()
            .find(|c| c.name == container)
            .ok_or_else(|| format!("error: unable to find container named {container:?}"))?;
        if c.image == image {
            return Ok(String::new());
        }
        c.image = image;
        d.metadata.generation += 1;
        Ok(format!("deployment.apps/{deployment} image updated"))
    }

    /// `kubectl patch` of a Deployment's `spec.template.spec.containers` (strategic merge, merge
    /// or JSON patch), validated as the apiserver validates what results.
    fn patch_containers(&mut self, deployment: &str, patch: &ContainersPatch) -> Result<String, String> {
        let d = self.deployment_mut(deployment)?;
        let containers = patched_containers(deployment, &d.spec.template.containers, patch)?;
        if containers == d.spec.template.containers {
            return Ok(format!("deployment.apps/{deployment} patched (no change)"));
        }
        d.spec.template.containers = containers;
        d.metadata.generation += 1;
        Ok(format!("deployment.apps/{deployment} patched"))
    }

    /// `kubectl patch` of a container's preStop sleep and the pods' grace period, validated as
    /// the apiserver validates them (`ValidatePodSpec`, `validateSleepAction`).
    fn patch_shutdown(
        &mut self,
        deployment: &str,
        pre_stop: &[(String, Option<i32>)],
        grace: Option<i32>,
    ) -> Result<String, String> {
        let d = self.deployment_mut(deployment)?;
        let mut template = d.spec.template.clone();
        if let Some(g) = grace {
            if g < 0 {
                return Err(format!("The Deployment {deployment:?} is invalid: spec.template.spec.terminationGracePeriodSeconds: Invalid value: {g}: must be greater than or equal to 0"));
            }
            template.termination_grace_period_seconds = g;
        }
        for (name, seconds) in pre_stop {
            let Some((i, c)) = template.containers.iter_mut().enumerate().find(|(_, c)| c.name == *name) else {
                return Err(format!(
                    "The Deployment {deployment:?} is invalid: spec.template.spec.containers: no container named {name:?} (a strategic merge patch adds containers only with an image)"
                ));
            };
            if let Some(s) = seconds.filter(|s| *s < 0 || *s > template.termination_grace_period_seconds) {
                return Err(format!(
                    "The Deployment {deployment:?} is invalid: spec.template.spec.containers[{i}].lifecycle.preStop.sleep: Invalid value: {s}: must be non-negative and less than terminationGracePeriodSeconds ({})",
                    template.termination_grace_period_seconds
                ));
            }
            c.pre_stop_sleep_seconds = *seconds;
        }
        if template == d.spec.template {
            return Ok(format!("deployment.apps/{deployment} patched (no change)"));
        }
        d.spec.template = template;
        d.metadata.generation += 1;
        Ok(format!("deployment.apps/{deployment} patched"))
    }

    /// `kubectl scale`: the Deployment's `spec.replicas` (its scale subresource), never negative,
    /// within the simulator's [`MAX_REPLICAS`].
    fn scale(&mut self, deployment: &str, replicas: i32) -> Result<String, String> {
        if replicas < 0 {
            return Err(format!(
                "The Deployment {deployment:?} is invalid: spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0"
            ));
        }
        self.deployment_mut(deployment)?;
        self.check_replica_limit(deployment, replicas)?;
        let d = self.deployment_mut(deployment)?;
        if d.spec.replicas != replicas {
            d.spec.replicas = replicas;
            d.metadata.generation += 1;
        }
        Ok(format!("deployment.apps/{deployment} scaled"))
    }

    /// `kubectl rollout pause`: sets `spec.paused` (kubectl refuses to pause a paused one).
    fn pause(&mut self, deployment: &str) -> Result<String, String> {
        let d = self.deployment_mut(deployment)?;
        if d.spec.paused {
            return Err(format!("error: deployments.apps {deployment:?} is already paused"));
        }
        d.spec.paused = true;
        d.metadata.generation += 1;
        Ok(format!("deployment.apps/{deployment} paused"))
    }

    /// `kubectl rollout resume`: clears `spec.paused` (kubectl refuses one that is not paused).
    fn resume(&mut self, deployment: &str) -> Result<String, String> {
        let d = self.deployment_mut(deployment)?;
        if !d.spec.paused {
            return Err(format!("error: deployments.apps {deployment:?} is not paused"));
        }
        d.spec.paused = false;
        d.metadata.generation += 1;
        Ok(format!("deployment.apps/{deployment} resumed"))
    }

    /// `kubectl rollout restart` (`defaultObjectRestarter`): stamps the template's
    /// `kubectl.kubernetes.io/restartedAt` annotation with the current time, to the second.
    fn restart(&mut self, deployment: &str) -> Result<String, String> {
        let now = self.time().rfc3339();
        let d = self.deployment_mut(deployment)?;
        if d.spec.paused {
            // `defaultObjectRestarter`; kubectl prefixes the object.
            return Err(format!(
                "error: deployments.apps {deployment:?} can't restart paused deployment (run rollout resume first)"
            ));
        }
        let annotations = &mut d.spec.template.annotations;
        if annotations.get(RESTARTED_AT_ANNOTATION) == Some(&now) {
            // RFC 3339 keeps whole seconds: a second restart within one is an empty patch.
            return Err(format!(
                "error: failed to create patch for {deployment}: if restart has already been triggered \
                 within the past second, please wait before attempting to trigger another"
            ));
        }
        annotations.insert(RESTARTED_AT_ANNOTATION.into(), now);
        d.metadata.generation += 1;
        Ok(format!("deployment.apps/{deployment} restarted"))
    }

    /// `kubectl rollout undo [--to-revision=N]`: the Deployment's `spec.template` (and its
    /// `kubernetes.io/change-cause`) from the ReplicaSet of that revision ([`rollback::rollback`]).
    fn undo(&mut self, deployment: &str, to_revision: i64) -> Result<String, String> {
        let d = self
            .deployments
            .get(deployment)
            .cloned()
            .ok_or_else(|| format!("Error from server (NotFound): deployments.apps {deployment:?} not found"))?;
        let rss: Vec<ReplicaSet> = self.replica_sets_of(deployment).into_iter().cloned().collect();
        // kubectl prints a refusal as it prints any error: after "error: ".
        let outcome = rollback::rollback(&d, &rss, to_revision).map_err(|e| format!("error: {e}"))?;
        let message = outcome.message(deployment);
        if let rollback::RollbackOutcome::Patch { template, change_cause, .. } = outcome {
            let d = self.deployment_mut(deployment)?;
            d.spec.template = template;
            match change_cause {
                Some(c) => d.metadata.annotations.insert(CHANGE_CAUSE_ANNOTATION.into(), c),
                None => d.metadata.annotations.remove(CHANGE_CAUSE_ANNOTATION),
            };
            d.metadata.generation += 1;
        }
        Ok(message)
    }

    /// `kubectl patch deployment`: the patch's parts applied as one request (the apiserver
    /// validates the patched object whole, so one refused part leaves the Deployment as it was),
    /// answered as kubectl answers a patch, whatever the parts would say alone.
    fn patch_deployment(&mut self, deployment: &str, parts: Vec<Intent>) -> Result<String, String> {
        let before = self.deployment_mut(deployment)?.clone();
        for part in parts {
            if let Err(e) = self.apply_inner(part) {
                self.deployments.insert(deployment.to_string(), before);
                return Err(e);
            }
        }
        if self.deployments.get(deployment) == Some(&before) {
            return Ok(format!("deployment.apps/{deployment} patched (no change)"));
        }
        // One request, one update: a patch of the image and the replicas is one new generation,
        // not one per part.
        if let Some(d) = self.deployments.get_mut(deployment) {
            if d.spec != before.spec {
                d.metadata.generation = before.metadata.generation + 1;
            }
        }
        Ok(format!("deployment.apps/{deployment} patched"))
    }

    /// `kubectl patch` of the Deployment's `spec.minReadySeconds`, validated as the apiserver
    /// validates the result ([`validate::timing`]: not negative, below `progressDeadlineSeconds`).
    fn set_min_ready_seconds(&mut self, deployment: &str, seconds: i32) -> Result<String, String> {
        let d = self.deployment_mut(deployment)?;
        if d.spec.min_ready_seconds == seconds {
            return Ok(format!("deployment.apps/{deployment} patched (no change)"));
        }
        let errors = validate::timing(seconds, d.spec.revision_history_limit, d.spec.progress_deadline_seconds);
        if !errors.is_empty() {
            return Err(field::invalid_object_message("Deployment", deployment, &errors));
        }
        d.spec.min_ready_seconds = seconds;
        d.metadata.generation += 1;
        Ok(format!("deployment.apps/{deployment} patched"))
    }

    /// `kubectl patch` of `spec.strategy.rollingUpdate` (`maxSurge`, `maxUnavailable`): a value
    /// left out is kept (25% on a Recreate Deployment, which becomes RollingUpdate), and what
    /// results is validated as the apiserver does ([`validate::rolling_update`]).
    fn set_rolling_update(
        &mut self,
        deployment: &str,
        max_surge: Option<IntOrPercent>,
        max_unavailable: Option<IntOrPercent>,
    ) -> Result<String, String> {
        let d = self.deployment_mut(deployment)?;
        let quarter = Some(IntOrPercent::Percent(25));
        let (surge, unavailable) = match d.spec.strategy {
            Strategy::RollingUpdate { max_surge, max_unavailable } => (max_surge, max_unavailable),
            Strategy::Recreate => (quarter, quarter),
        };
        let surge = max_surge.or(surge).unwrap_or(IntOrPercent::Int(0));
        let unavailable = max_unavailable.or(unavailable).unwrap_or(IntOrPercent::Int(0));
        let errors = validate::rolling_update(Some(&surge.into()), Some(&unavailable.into()));
        if !errors.is_empty() {
            return Err(field::invalid_object_message("Deployment", deployment, &errors));
        }
        let strategy = Strategy::RollingUpdate { max_surge: Some(surge), max_unavailable: Some(unavailable) };
        if d.spec.strategy != strategy {
            d.spec.strategy = strategy;
            d.metadata.generation += 1;
        }
        Ok(format!("deployment.apps/{deployment} patched"))
    }

    /// `kubectl annotate deployment NAME kubernetes.io/change-cause=…`: the Deployment's
    /// `metadata.annotations`, which the next ReplicaSet copies.
    fn annotate_change_cause(&mut self, deployment: &str, cause: String) -> Result<String, String> {
        let d = self.deployment_mut(deployment)?;
        d.metadata.annotations.insert(CHANGE_CAUSE_ANNOTATION.into(), cause);
        Ok(format!("deployment.apps/{deployment} annotated"))
    }

    /// `kubectl label pod|deployment`: the object's `metadata.labels` ([`label`]). A pod labelled
    /// out of its ReplicaSet's selector is released by it at the next sync.
    fn label(
        &mut self,
        target: &LabelTarget,
        labels: &BTreeMap<String, Option<String>>,
        overwrite: bool,
    ) -> Result<String, String> {
        let (kind, resource, name) = match target {
            LabelTarget::Pod(name) => ("Pod", "pods", name.as_str()),
            LabelTarget::Deployment(name) => ("Deployment", "deployments.apps", name.as_str()),
        };
        if let LabelTarget::Pod(name) = target {
            // Its ReplicaSet looks at its claim again at the next sync.
            self.claims.touch(name);
        }
        let current = match target {
            LabelTarget::Pod(name) => self.pods.get_mut(name).map(|p| &mut p.metadata.labels),
            LabelTarget::Deployment(name) => self.deployments.get_mut(name).map(|d| &mut d.metadata.labels),
        }
        .ok_or_else(|| format!("Error from server (NotFound): {resource} {name:?} not found"))?;
        let short = if kind == "Pod" { format!("pod/{name}") } else { format!("deployment.apps/{name}") };
        label(current, kind, name, labels, overwrite).map(|(notes, verb)| format!("{notes}{short} {verb}"))
    }

    /// `kubectl delete pod`: sets the Pod's `metadata.deletionTimestamp`; the kubelet then stops
    /// it within its grace period.
    fn delete_pod(&mut self, pod: &str) -> Result<String, String> {
        let pod = self.resolve_pod(pod)?;
        if self.set_deletion_timestamp(&pod) {
            Ok(format!("pod \"{pod}\" deleted from default namespace"))
        } else {
            Err(format!("Error from server (NotFound): pods {pod:?} not found"))
        }
    }

    /// A fault: the pod's readiness endpoint fails from now on, so its `Ready` condition goes
    /// False after `failureThreshold` probes.
    fn fail_readiness(&mut self, pod: &str) -> Result<String, String> {
        let pod = self.resolve_pod(pod)?;
        self.pod_mut(&pod)?.kubelet.readiness_fault = true;
        Ok(format!("pod/{pod}: the readiness endpoint now fails"))
    }

    /// A fault: the pod's liveness endpoint fails from now on, so the kubelet restarts its
    /// container (`status.containerStatuses[].restartCount`) after `failureThreshold` probes.
    fn fail_liveness(&mut self, pod: &str) -> Result<String, String> {
        let pod = self.resolve_pod(pod)?;
        self.pod_mut(&pod)?.kubelet.liveness_fault = true;
        Ok(format!("pod/{pod}: the liveness endpoint now fails"))
    }

    fn pod_mut(&mut self, pod: &str) -> Result<&mut Pod, String> {
        self.pods.get_mut(pod).ok_or_else(|| format!("Error from server (NotFound): pods {pod:?} not found"))
    }

    /// `docker push`: a new build under `image`'s tag in the registry (a new digest, which an
    /// `imagePullPolicy: Always` pull picks up).
    fn push(&mut self, image: &str, behavior: ImageBehavior) -> Result<String, String> {
        let digest = self.registry.push(image, behavior);
        Ok(format!("{image}: digest: {digest}"))
    }

    /// A Node joins the cluster, ready.
    fn add_node(&mut self, name: &str) -> Result<String, String> {
        self.nodes.entry(name.to_string()).or_insert_with(|| Node::new(name));
        Ok(format!("node/{name} joined"))
    }

    /// `kubectl patch service`: a merge patch of the Service's `spec.selector` (a null value
    /// removes the key). Blue/Green's switch.
    fn patch_service_selector(
        &mut self,
        service: &str,
        selector: BTreeMap<String, Option<String>>,
    ) -> Result<String, String> {
        let s = self
            .services
            .get_mut(service)
            .ok_or_else(|| format!("Error from server (NotFound): services {service:?} not found"))?;
        for (k, v) in selector {
            match v {
                Some(v) => s.selector.insert(k, v),
                None => s.selector.remove(&k),
            };
        }
        Ok(format!("service/{service} patched"))
    }

    /// `kubectl annotate ingress`: the Ingress's `metadata.annotations` (a canary's
    /// `nginx.ingress.kubernetes.io/canary-weight`); kubectl refuses to overwrite without
    /// `--overwrite`.
    fn annotate_ingress(
        &mut self,
        ingress: &str,
        key: String,
        value: Option<String>,
        overwrite: bool,
    ) -> Result<String, String> {
        let i = self.ingresses.get_mut(ingress).ok_or_else(|| {
            format!("Error from server (NotFound): ingresses.networking.k8s.io {ingress:?} not found")
        })?;
        match value {
            None => {
                i.annotations.remove(&key);
            }
            Some(value) => {
                if let Some(old) = i.annotations.get(&key).filter(|_| !overwrite) {
                    return Err(format!(
                        "error: --overwrite is false but found the following declared annotation(s): '{key}' already has a value ({old})"
                    ));
                }
                i.annotations.insert(key, value);
            }
        }
        Ok(format!("ingress.networking.k8s.io/{ingress} annotated"))
    }

    /// `kubectl patch httproute`: the HTTPRoute's `spec` (a canary's `backendRefs[].weight`).
    fn patch_http_route(&mut self, route: &str, patch: &gateway::RoutePatch) -> Result<String, String> {
        let kind = "httproute.gateway.networking.k8s.io";
        let old = self.gateway.routes.get(route).ok_or_else(|| {
            format!("Error from server (NotFound): httproutes.gateway.networking.k8s.io {route:?} not found")
        })?;
        let spec = patch.apply(old)?;
        if spec == old.spec {
            return Ok(format!("{kind}/{route} patched (no change)"));
        }
        let changed = gateway::HttpRoute { spec, generation: old.generation + 1, ..old.clone() };
        let now = self.time();
        self.gateway.write(changed, now);
        Ok(format!("{kind}/{route} patched"))
    }

    /// `kubectl delete httproute|gateway|gatewayclass NAME`, and what the simulator does next as
    /// their controller: an HTTPRoute leaves the data plane a propagation delay later, and its
    /// hosts then get 404 from a Gateway still listening for them; a Gateway's routes are no
    /// longer attached (their `status.parents` drop it) and it serves nothing; a GatewayClass
    /// that Gateways use is only marked for deletion (`metadata.deletionTimestamp`), held by the
    /// controller's finalizer until they are gone. kubectl's words (`PrintObj` of
    /// `kubectl/pkg/cmd/delete/delete.go`: a namespaced object is deleted "from default
    /// namespace" since kubectl 1.34).
    fn delete_gateway_object(&mut self, kind: gateway::Kind, name: &str) -> Result<String, String> {
        let now = self.time();
        let found = match kind {
            gateway::Kind::HttpRoute => self.gateway.delete_route(name, now),
            gateway::Kind::Gateway => self.gateway.gateways.remove(name).is_some(),
            gateway::Kind::GatewayClass => self.gateway.delete_class(name, now),
        };
        if !found {
            return Err(format!("Error from server (NotFound): {} \"{name}\" not found", kind.resource()));
        }
        let from = if kind.namespaced() { " from default namespace" } else { "" };
        Ok(format!("{} \"{name}\" deleted{from}", kind.singular()))
    }

    /// A strategy's [`Plan`] starts now, as a person at a terminal starts typing its steps; no
    /// Kubernetes object changes until its first step runs.
    fn start_plan(&mut self, mut plan: Plan) -> Result<String, String> {
        if self.plan.as_ref().is_some_and(|p| !p.done()) {
            return Err("error: a rollout plan is still running; wait until it is done".into());
        }
        plan.start = self.time();
        let first = plan.steps.iter().find_map(|s| match s {
            PlanStep::Kubectl { line, .. } => Some(line.clone()),
            _ => None,
        });
        let answer = format!(
            "plan of {} steps started{}",
            plan.steps.len(),
            first.map_or(String::new(), |l| format!("; first: kubectl {l}"))
        );
        self.plan = Some(plan);
        // Its first lines run now, not a step later.
        self.advance_plan(self.time());
        Ok(answer)
    }

    /// A fault: the node's kubelet stops (`kubeletStoppedAt`); its Node's `Ready` condition goes
    /// Unknown only when the node lifecycle controller misses its heartbeats.
    fn node_down(&mut self, node: &str) -> Result<String, String> {
        let now = self.time();
        let n = self.node_mut(node)?;
        if n.kubelet_stopped_at.is_some() {
            return Ok(format!("node/{node}: the kubelet is already stopped"));
        }
        n.kubelet_stopped_at = Some(now);
        Ok(format!("node/{node}: the kubelet stopped; the control plane has not noticed yet"))
    }

    /// The node's kubelet runs again and posts its pods' `Ready` conditions from its own probe
    /// results.
    fn node_up(&mut self, node: &str) -> Result<String, String> {
        let now = self.time();
        let n = self.node_mut(node)?;
        if n.kubelet_stopped_at.is_none() {
            return Ok(format!("node/{node}: the kubelet is already running"));
        }
        n.kubelet_stopped_at = None;
        for p in self.pods.values_mut().filter(|p| p.spec.node_name.as_deref() == Some(node)) {
            kubelet::resync_ready(p, now);
            p.kubelet.wake = now;
        }
        Ok(format!("node/{node}: the kubelet is running again"))
    }

    fn node_mut(&mut self, node: &str) -> Result<&mut Node, String> {
        self.nodes.get_mut(node).ok_or_else(|| format!("Error from server (NotFound): nodes {node:?} not found"))
    }
}

/// The engine's own guard on a Deployment that reaches it whole (an applied manifest, a shared
/// link's step): the parts of `ValidateDeployment` the controllers rely on, in the apiserver's
/// words. A manifest typed on the page is validated in full before this (`k8s::validate`); this
/// keeps a hand-made step from running the controllers on what the apiserver never admits.
fn admit(d: &Deployment) -> Result<(), String> {
    let errors = validate::deployment(d);
    if errors.is_empty() {
        return Ok(());
    }
    let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    Err(format!("The Deployment {:?} is invalid: {}", d.metadata.name, errors.join(", ")))
}

/// The template's containers after `patch`, or the apiserver's error: the patch's, or the field
/// error for what results.
fn patched_containers(
    deployment: &str,
    current: &[Container],
    patch: &ContainersPatch,
) -> Result<Vec<Container>, String> {
    const AT: &str = "spec.template.spec.containers";
    let invalid = |e: String| format!("The Deployment {deployment:?} is invalid: {e}");
    let required = |i: usize, field: &str| invalid(format!("{AT}[{i}].{field}: Required value"));
    let mut out = current.to_vec();
    match patch {
        ContainersPatch::ByName(entries) => {
            for (name, image) in entries {
                let Some(name) = name else {
                    let image = image.as_deref().unwrap_or_default();
                    return Err(format!(
                        "Error from server: map: map[image:{image}] does not contain declared merge key: name"
                    ));
                };
                match out.iter_mut().find(|c| &c.name == name) {
                    Some(c) => {
                        if let Some(image) = image {
                            c.image = image.clone();
                        }
                    }
                    None => out.push(Container::new(name, image.as_deref().unwrap_or_default())),
                }
            }
        }
        ContainersPatch::Replace(entries) => {
            out = entries
                .iter()
                .map(|(name, image)| Container::new(name.as_deref().unwrap_or(""), image.as_deref().unwrap_or("")))
                .collect();
            if out.is_empty() {
                return Err(invalid(format!("{AT}: Required value")));
            }
        }
        ContainersPatch::Image { index, image } => {
            let c = out.get_mut(*index).ok_or_else(|| {
                format!("Error from server: jsonpatch replace operation does not apply: doc is missing path: /spec/template/spec/containers/{index}/image")
            })?;
            c.image = image.clone();
        }
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, c) in out.iter().enumerate() {
        if c.name.is_empty() {
            return Err(required(i, "name"));
        }
        if !names.insert(c.name.as_str()) {
            return Err(invalid(format!("{AT}[{i}].name: Duplicate value: {:?}", c.name)));
        }
        if c.image.trim().is_empty() {
            return Err(required(i, "image"));
        }
    }
    Ok(out)
}

/// What `kubectl label` does to `labels` (`key=value` sets, `None` removes): kubectl's refusal
/// to overwrite without `--overwrite`, then the apiserver's validation of what results. Returns
/// kubectl's notes (a removed label that was not there) and its verb.
fn label(
    labels: &mut Labels,
    kind: &str,
    name: &str,
    changes: &BTreeMap<String, Option<String>>,
    overwrite: bool,
) -> Result<(String, &'static str), String> {
    if !overwrite {
        let clashes: Vec<String> = changes
            .iter()
            .filter_map(|(k, v)| {
                let (v, current) = (v.as_ref()?, labels.get(k)?);
                (v != current).then(|| format!("'{k}' already has a value ({current}), and --overwrite is false"))
            })
            .collect();
        if !clashes.is_empty() {
            return Err(format!("error: {}", clashes.join(", ")));
        }
    }
    let mut next = labels.clone();
    let mut notes = String::new();
    for (k, v) in changes {
        match v {
            Some(v) => {
                next.insert(k.clone(), v.clone());
            }
            None => {
                if next.remove(k).is_none() {
                    notes.push_str(&format!("label {k:?} not found.\n"));
                }
            }
        }
    }
    let errors: Vec<String> = next.iter().flat_map(|(k, v)| super::objects::label_errors(k, v)).collect();
    if !errors.is_empty() {
        return Err(format!("The {kind} {name:?} is invalid: {}", errors.join(", ")));
    }
    // kubectl's `updateDataChangeMsg`: unlabeled when the object got shorter without --overwrite.
    let size = |l: &Labels| l.iter().map(|(k, v)| k.len() + v.len() + 6).sum::<usize>();
    let verb = if next == *labels {
        "not labeled"
    } else if !overwrite && size(&next) < size(labels) {
        "unlabeled"
    } else {
        "labeled"
    };
    *labels = next;
    Ok((notes, verb))
}

/// What `kubectl apply|create -f` says of an object: `created`, `configured`, `unchanged`, or the
/// apiserver's refusal of a `create` of one that exists.
fn applied<T: PartialEq>(
    old: Option<&T>,
    new: &T,
    create: bool,
    kind: &str,
    name: &str,
) -> Result<&'static str, String> {
    let resource = if kind.contains('.') { kind.replacen('.', "s.", 1) } else { format!("{kind}s") };
    match old {
        Some(_) if create => Err(format!("Error from server (AlreadyExists): {resource} {name:?} already exists")),
        Some(o) if o == new => Ok("unchanged"),
        Some(_) => Ok("configured"),
        None => Ok("created"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> World {
        let mut w = World::with_nodes(1, 1);
        w.apply(Intent::Apply { deployment: Box::new(Deployment::new("web", "app:v1", 2)) }).unwrap();
        w
    }

    /// A `kubectl patch` of the rolling update is validated in full, as the apiserver validates
    /// it (`ValidateRollingUpdateDeployment`), not only for "both 0".
    #[test]
    fn a_rolling_update_patch_gets_every_apiserver_check() {
        let mut w = world();
        let before = w.deployments["web"].clone();
        let patch = |surge, unavailable| Intent::SetRollingUpdate {
            deployment: "web".into(),
            max_surge: surge,
            max_unavailable: unavailable,
        };
        assert_eq!(
            w.apply(patch(None, Some(IntOrPercent::Percent(150)))),
            Err("The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%".into())
        );
        assert_eq!(
            w.apply(patch(Some(IntOrPercent::Int(0)), Some(IntOrPercent::Int(0)))),
            Err("The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0".into())
        );
        assert_eq!(w.deployments["web"], before, "a refused patch changes nothing");
        assert_eq!(w.apply(patch(Some(IntOrPercent::Int(1)), None)), Ok("deployment.apps/web patched".into()));
        assert_eq!(w.deployments["web"].metadata.generation, before.metadata.generation + 1);
    }

    /// Each intent reaches its own method: a fault on a pod that does not exist is the
    /// apiserver's NotFound, whichever probe it is.
    #[test]
    fn each_probe_fault_names_its_endpoint() {
        let mut w = world();
        w.run_until(crate::sim::SimTime::from_secs(1));
        let pod = w.pods.keys().next().unwrap().clone();
        assert_eq!(
            w.apply(Intent::FailReadiness { pod: pod.clone() }),
            Ok(format!("pod/{pod}: the readiness endpoint now fails"))
        );
        assert!(w.pods[&pod].kubelet.readiness_fault && !w.pods[&pod].kubelet.liveness_fault);
        assert_eq!(
            w.apply(Intent::FailLiveness { pod: pod.clone() }),
            Ok(format!("pod/{pod}: the liveness endpoint now fails"))
        );
        assert!(w.pods[&pod].kubelet.liveness_fault);
        assert_eq!(
            w.apply(Intent::FailLiveness { pod: "nope".into() }),
            Err("Error from server (NotFound): pods \"nope\" not found".into())
        );
    }
}
