//! The page's knobs, as data: the strategy and the Deployment's settings a learner picks, checked
//! with the apiserver's own messages, and turned into a [`Scenario`] and into the acts of "deploy a
//! new version". Every strategy is built from Deployments, Services, Ingresses (or a Gateway and
//! an HTTPRoute) and kubectl lines, so what the page does is what a learner could type.

use serde::{Deserialize, Serialize};

use crate::kubectl;
use crate::sim::deployment::util;
use crate::sim::field::FieldError;
use crate::sim::gateway::{Gateway, GatewayClass, HttpRoute, HttpRouteMatch, HttpRouteRule, NameMatch};
use crate::sim::images::{Health, ImageBehavior};
use crate::sim::ingress::{self, Ingress, UserGroup};
use crate::sim::limits::MAX_REPLICAS;
use crate::sim::objects::{Deployment, IntOrPercent, Probe, PullPolicy, Strategy};
use crate::sim::restore::ClusterState;
use crate::sim::run::{next_version, Scenario};
use crate::sim::service::{Service, ServicePort, Target, Traffic, MAX_RATE_PER_SECOND};
use crate::sim::strategy::{Abort, Plan, PlanStep};
use crate::sim::validate::{self, IntOrString};
use crate::sim::{Intent, Object, SimDuration, SimTime, World};

/// The application every strategy rolls out.
pub const APP: &str = "http-go";
pub const FIRST_IMAGE: &str = "gasbugs/http-go:v1";
/// The Canary strategy's second Deployment, and its Service and canary Ingress.
pub const CANARY: &str = "http-go-canary";
/// The host the Ingress-based strategies serve.
pub const HOST: &str = "http-go.example.com";
/// The GatewayClass of the Gateway-based strategies, named as Envoy Gateway's quickstart names it,
/// with Envoy Gateway's controller name, so that the exported manifests run on kind with it.
pub const GATEWAY_CLASS: &str = "eg";
pub const ENVOY_GATEWAY_CONTROLLER: &str = "gateway.envoyproxy.io/gatewayclass-controller";
/// The Gateway, and the HTTPRoute, of the Gateway-based strategies.
pub const GATEWAY: &str = "http-go";
/// The header that puts a user in the A/B test's group.
pub const AB_HEADER: &str = "X-Group";
pub const AB_GROUP: &str = "beta";

/// What routes the requests of Canary, A/B and Blue/Green: the Gateway API's HTTPRoute
/// (`backendRefs[].weight`, header matches, the backendRef Blue/Green switches; the page's
/// default), or what came before it: the NGINX ingress controller's canary annotations, which
/// older clusters still run (Ingress NGINX was retired in March 2026, as SIG Network announced on
/// 2025-11-11: no releases or security fixes since), and for Blue/Green, which needs no Ingress, a
/// switch of the Service's selector. Recreate and RollingUpdate send their requests to the
/// Service and read no router.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Router {
    #[default]
    Gateway,
    /// The retired Ingress NGINX controller (Canary, A/B); the Service's selector (Blue/Green).
    Ingress,
}

impl Router {
    pub const ALL: [Router; 2] = [Router::Gateway, Router::Ingress];

    /// A stable name, for `<option value>`.
    pub fn id(self) -> &'static str {
        match self {
            Router::Gateway => "gateway",
            Router::Ingress => "ingress",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }

    /// Whether the router knob changes `strategy`'s run (Canary, A/B and Blue/Green).
    pub fn routes(strategy: StrategyKind) -> bool {
        matches!(strategy, StrategyKind::Canary | StrategyKind::AB | StrategyKind::BlueGreen)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StrategyKind {
    Recreate,
    #[default]
    RollingUpdate,
    BlueGreen,
    Canary,
    AB,
}

impl StrategyKind {
    pub const ALL: [StrategyKind; 5] = [
        StrategyKind::Recreate,
        StrategyKind::RollingUpdate,
        StrategyKind::BlueGreen,
        StrategyKind::Canary,
        StrategyKind::AB,
    ];

    /// A stable name, for `<option value>` and URLs.
    pub fn id(self) -> &'static str {
        match self {
            StrategyKind::Recreate => "recreate",
            StrategyKind::RollingUpdate => "rolling-update",
            StrategyKind::BlueGreen => "blue-green",
            StrategyKind::Canary => "canary",
            StrategyKind::AB => "ab",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The Deployments of the strategy whose ReplicaSets the view shows, stable side first.
    pub fn deployments(self) -> &'static [&'static str] {
        match self {
            StrategyKind::Recreate | StrategyKind::RollingUpdate => &[APP],
            StrategyKind::BlueGreen => &["http-go-blue", "http-go-green"],
            StrategyKind::Canary => &[APP, CANARY],
            StrategyKind::AB => &[APP, "http-go-b"],
        }
    }
}

/// How the new version behaves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NewVersion {
    #[default]
    Healthy,
    /// Takes 20 s before it answers at all.
    SlowToStart,
    /// Its readiness endpoint always fails.
    ReadinessFails,
    /// The process exits 15 s after it starts.
    Crashes,
    /// The image cannot be pulled.
    PullError,
    /// Answers in 400 ms instead of 20.
    Slow,
    /// Answers 20% of requests with a 500.
    Errors,
    /// Changes the schema of the data both versions share as it starts (a migration that v1
    /// cannot read).
    ChangesData,
}

impl NewVersion {
    pub const ALL: [NewVersion; 8] = [
        NewVersion::Healthy,
        NewVersion::SlowToStart,
        NewVersion::ReadinessFails,
        NewVersion::Crashes,
        NewVersion::PullError,
        NewVersion::Slow,
        NewVersion::Errors,
        NewVersion::ChangesData,
    ];

    pub fn id(self) -> &'static str {
        match self {
            NewVersion::Healthy => "healthy",
            NewVersion::SlowToStart => "slow-start",
            NewVersion::ReadinessFails => "readiness-fails",
            NewVersion::Crashes => "crashes",
            NewVersion::PullError => "pull-error",
            NewVersion::Slow => "slow",
            NewVersion::Errors => "errors",
            NewVersion::ChangesData => "changes-data",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.id() == id)
    }

    pub fn behavior(self) -> ImageBehavior {
        let healthy = ImageBehavior::default();
        match self {
            NewVersion::Healthy => healthy,
            NewVersion::SlowToStart => ImageBehavior { startup_seconds: 20, ..healthy },
            NewVersion::ReadinessFails => ImageBehavior { readiness: Health::Failing, ..healthy },
            NewVersion::Crashes => ImageBehavior { crash_after_seconds: Some(15), ..healthy },
            NewVersion::PullError => ImageBehavior { pull_error: true, ..healthy },
            NewVersion::Slow => ImageBehavior { latency_ms: 400, ..healthy },
            NewVersion::Errors => ImageBehavior { error_percent: 20, ..healthy },
            NewVersion::ChangesData => ImageBehavior { migrates_data: true, ..healthy },
        }
    }
}

/// One probe's five parameters, and whether the container has the probe at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProbeKnobs {
    pub enabled: bool,
    pub initial_delay_seconds: i32,
    pub period_seconds: i32,
    pub timeout_seconds: i32,
    pub success_threshold: i32,
    pub failure_threshold: i32,
}

impl ProbeKnobs {
    const fn new(enabled: bool, initial_delay_seconds: i32, period_seconds: i32) -> Self {
        ProbeKnobs {
            enabled,
            initial_delay_seconds,
            period_seconds,
            timeout_seconds: 1,
            success_threshold: 1,
            failure_threshold: 3,
        }
    }

    fn probe(&self, path: &str) -> Option<Probe> {
        self.enabled.then(|| Probe {
            handler: format!("GET {path} on 8080"),
            initial_delay_seconds: self.initial_delay_seconds,
            period_seconds: self.period_seconds,
            timeout_seconds: self.timeout_seconds,
            success_threshold: self.success_threshold,
            failure_threshold: self.failure_threshold,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProbeKind {
    Readiness,
    Liveness,
    Startup,
}

impl ProbeKind {
    pub const ALL: [ProbeKind; 3] = [ProbeKind::Readiness, ProbeKind::Liveness, ProbeKind::Startup];

    /// The field name in a container: `readinessProbe`.
    pub fn field(self) -> &'static str {
        match self {
            ProbeKind::Readiness => "readinessProbe",
            ProbeKind::Liveness => "livenessProbe",
            ProbeKind::Startup => "startupProbe",
        }
    }
}

/// Everything the learner sets before a run.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Knobs {
    pub strategy: StrategyKind,
    pub replicas: i32,
    /// As typed: a count (`1`) or a percentage (`25%`).
    pub max_surge: String,
    pub max_unavailable: String,
    pub min_ready_seconds: i32,
    pub progress_deadline_seconds: i32,
    pub revision_history_limit: i32,
    pub image_pull_policy: PullPolicy,
    pub readiness: ProbeKnobs,
    pub liveness: ProbeKnobs,
    pub startup: ProbeKnobs,
    pub new_version: NewVersion,
    /// Requests per second.
    pub rate: u32,
    /// What routes Canary's, A/B's and Blue/Green's requests (default: the Gateway API's
    /// HTTPRoute). Read only when [`Router::routes`] the strategy.
    pub router: Router,
}

impl Default for Knobs {
    fn default() -> Self {
        Knobs {
            strategy: StrategyKind::RollingUpdate,
            replicas: 4,
            max_surge: "25%".into(),
            max_unavailable: "25%".into(),
            min_ready_seconds: 0,
            progress_deadline_seconds: 600,
            revision_history_limit: 10,
            image_pull_policy: PullPolicy::IfNotPresent,
            readiness: ProbeKnobs::new(true, 2, 2),
            liveness: ProbeKnobs::new(false, 0, 10),
            startup: ProbeKnobs::new(false, 0, 10),
            new_version: NewVersion::Healthy,
            rate: 10,
            router: Router::Gateway,
        }
    }
}

/// The knob an error is about, named as its control's `data-testid`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Replicas,
    MaxSurge,
    MaxUnavailable,
    MinReadySeconds,
    ProgressDeadlineSeconds,
    RevisionHistoryLimit,
    Probe(ProbeKind),
    Rate,
}

impl Field {
    pub fn testid(self) -> &'static str {
        match self {
            Field::Replicas => "replicas",
            Field::MaxSurge => "max-surge",
            Field::MaxUnavailable => "max-unavailable",
            Field::MinReadySeconds => "min-ready-seconds",
            Field::ProgressDeadlineSeconds => "progress-deadline-seconds",
            Field::RevisionHistoryLimit => "revision-history-limit",
            Field::Probe(ProbeKind::Readiness) => "readiness-probe",
            Field::Probe(ProbeKind::Liveness) => "liveness-probe",
            Field::Probe(ProbeKind::Startup) => "startup-probe",
            Field::Rate => "rate",
        }
    }
}

fn invalid(field: &str, value: impl std::fmt::Display, detail: &str) -> String {
    format!("{field}: Invalid value: {value}: {detail}")
}

impl Knobs {
    /// maxSurge and maxUnavailable as the API reads them (None: not a count or a percentage).
    pub fn surge_and_unavailable(&self) -> (Option<IntOrPercent>, Option<IntOrPercent>) {
        (IntOrPercent::parse(self.max_surge.trim()).ok(), IntOrPercent::parse(self.max_unavailable.trim()).ok())
    }

    /// What the Deployment controller makes of them: (surge, unavailable) in pods, as
    /// `ResolveFenceposts` rounds them (surge up, unavailable down).
    pub fn resolved(&self) -> Option<(i32, i32)> {
        match self.surge_and_unavailable() {
            (Some(s), Some(u)) if self.replicas >= 0 => Some(util::resolve_fenceposts(Some(s), Some(u), self.replicas)),
            _ => None,
        }
    }

    /// Every reason the apiserver (or the simulator's limits) would refuse these settings, with
    /// the apiserver's messages and the knob each is about. Empty when a run can start.
    pub fn errors(&self) -> Vec<(Field, String)> {
        let mut out = Vec::new();
        let mut push = |f: Field, m: String| out.push((f, m));
        if self.replicas < 0 {
            push(Field::Replicas, invalid("spec.replicas", self.replicas, "must be greater than or equal to 0"));
        } else if self.replicas > MAX_REPLICAS {
            push(
                Field::Replicas,
                format!(
                    "spec.replicas: {}: the simulator runs at most {MAX_REPLICAS} replicas (Kubernetes itself would accept them)",
                    self.replicas
                ),
            );
        }
        // The apiserver's own checks of the rollout settings, as typed (`sim::validate`).
        let knob = |e: &FieldError| match e.field.as_str() {
            validate::MAX_SURGE_FIELD => Field::MaxSurge,
            validate::MAX_UNAVAILABLE_FIELD => Field::MaxUnavailable,
            "spec.minReadySeconds" => Field::MinReadySeconds,
            "spec.revisionHistoryLimit" => Field::RevisionHistoryLimit,
            _ => Field::ProgressDeadlineSeconds,
        };
        let mut checked = Vec::new();
        if self.strategy != StrategyKind::Recreate {
            let (surge, unavailable) = (IntOrString::typed(&self.max_surge), IntOrString::typed(&self.max_unavailable));
            checked.extend(validate::rolling_update(Some(&surge), Some(&unavailable)));
        }
        checked.extend(validate::timing(
            self.min_ready_seconds,
            Some(self.revision_history_limit),
            Some(self.progress_deadline_seconds),
        ));
        out.extend(checked.iter().map(|e| (knob(e), e.to_string())));
        let mut push = |f: Field, m: String| out.push((f, m));
        for kind in ProbeKind::ALL {
            let p = self.probe(kind);
            if !p.enabled {
                continue;
            }
            let at = format!("spec.template.spec.containers[0].{}", kind.field());
            for (name, v) in [
                ("initialDelaySeconds", p.initial_delay_seconds),
                ("timeoutSeconds", p.timeout_seconds),
                ("periodSeconds", p.period_seconds),
                ("successThreshold", p.success_threshold),
                ("failureThreshold", p.failure_threshold),
            ] {
                if v < 0 {
                    push(Field::Probe(kind), invalid(&format!("{at}.{name}"), v, "must be greater than or equal to 0"));
                }
            }
            if kind != ProbeKind::Readiness && p.success_threshold != 1 && p.success_threshold >= 0 {
                push(Field::Probe(kind), invalid(&format!("{at}.successThreshold"), p.success_threshold, "must be 1"));
            }
        }
        if self.rate > MAX_RATE_PER_SECOND {
            push(
                Field::Rate,
                format!("{} requests per second is more than the simulator sends ({MAX_RATE_PER_SECOND})", self.rate),
            );
        }
        out
    }

    pub fn probe(&self, kind: ProbeKind) -> &ProbeKnobs {
        match kind {
            ProbeKind::Readiness => &self.readiness,
            ProbeKind::Liveness => &self.liveness,
            ProbeKind::Startup => &self.startup,
        }
    }

    pub fn probe_mut(&mut self, kind: ProbeKind) -> &mut ProbeKnobs {
        match kind {
            ProbeKind::Readiness => &mut self.readiness,
            ProbeKind::Liveness => &mut self.liveness,
            ProbeKind::Startup => &mut self.startup,
        }
    }

    /// A Deployment of the app with these settings; the apiserver's defaults for the rest.
    fn deployment(&self, name: &str, labels: &[(&str, &str)], replicas: i32) -> Deployment {
        let mut d = Deployment::new(name, FIRST_IMAGE, replicas);
        let labels: crate::sim::objects::Labels =
            labels.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect();
        d.metadata.labels = labels.clone();
        d.spec.selector = labels.clone();
        d.spec.template.labels = labels;
        d.spec.strategy = match self.strategy {
            StrategyKind::Recreate => Strategy::Recreate,
            _ => {
                let (max_surge, max_unavailable) = self.surge_and_unavailable();
                Strategy::RollingUpdate { max_surge, max_unavailable }
            }
        };
        d.spec.min_ready_seconds = self.min_ready_seconds;
        d.spec.progress_deadline_seconds = Some(self.progress_deadline_seconds);
        d.spec.revision_history_limit = Some(self.revision_history_limit);
        let c = &mut d.spec.template.containers[0];
        c.name = APP.into();
        c.image_pull_policy = self.image_pull_policy;
        c.readiness_probe = self.readiness.probe("/ready");
        c.liveness_probe = self.liveness.probe("/healthz");
        c.startup_probe = self.startup.probe("/healthz");
        d
    }

    /// The run these knobs describe, before anything is deployed: v1 serving, traffic flowing.
    /// Call only when [`Knobs::errors`] is empty.
    pub fn scenario(&self, seed: u64) -> Scenario {
        self.scenario_via(seed, self.router)
    }

    /// [`Knobs::scenario`], with Canary and A/B routed by `router`.
    pub fn scenario_via(&self, seed: u64, router: Router) -> Scenario {
        let n = self.replicas;
        let app = [("app", APP)];
        let service = |name: &str, selector: &[(&str, &str)]| {
            Service::new(name, selector.iter().map(|(k, v)| ((*k).to_string(), (*v).to_string())).collect())
                .with_ports(vec![ServicePort::tcp(80, 8080)])
        };
        let to_service = |rate| Traffic::to_service(APP, rate);
        // The app and a second Deployment (scaled to 0 until a deploy), each with its Service,
        // told apart by the label `key` (`stable` and `second`), routed by a main Ingress and a
        // canary Ingress with `annotations` for the second; the requests come through them.
        let behind_ingress = |(key, stable, second): (&str, &str, &str),
                              name: &str,
                              annotations: &[(&str, &str)],
                              groups: Vec<UserGroup>| {
            let mut canary = Ingress::new(name, HOST, name);
            canary.annotations.insert(ingress::CANARY.into(), "true".into());
            for (k, v) in annotations {
                canary.annotations.insert((*k).into(), (*v).into());
            }
            (
                vec![
                    self.deployment(APP, &[("app", APP), (key, stable)], n),
                    self.deployment(name, &[("app", APP), (key, second)], 0),
                ],
                vec![service(APP, &[("app", APP), (key, stable)]), service(name, &[("app", APP), (key, second)])],
                vec![Ingress::new(APP, HOST, APP), canary],
                Traffic {
                    to: Target::Ingress(HOST.into()),
                    rate_per_second: self.rate,
                    from: None,
                    groups,
                    started: None,
                },
            )
        };
        let (deployments, services, ingresses, traffic) = match self.strategy {
            StrategyKind::Recreate | StrategyKind::RollingUpdate => {
                (vec![self.deployment(APP, &app, n)], vec![service(APP, &app)], vec![], to_service(self.rate))
            }
            StrategyKind::BlueGreen => (
                vec![
                    self.deployment("http-go-blue", &[("app", APP), ("version", "blue")], n),
                    self.deployment("http-go-green", &[("app", APP), ("version", "green")], 0),
                ],
                vec![service(APP, &[("app", APP), ("version", "blue")])],
                vec![],
                to_service(self.rate),
            ),
            StrategyKind::Canary => {
                behind_ingress(("track", "stable", "canary"), CANARY, &[(ingress::CANARY_WEIGHT, "0")], vec![])
            }
            StrategyKind::AB => behind_ingress(
                ("version", "a", "b"),
                "http-go-b",
                &[(ingress::CANARY_BY_HEADER, AB_HEADER), (ingress::CANARY_BY_HEADER_VALUE, AB_GROUP)],
                vec![UserGroup {
                    name: AB_GROUP.into(),
                    percent: 20,
                    headers: [(AB_HEADER.to_string(), AB_GROUP.to_string())].into(),
                    ..Default::default()
                }],
            ),
        };
        let mut scenario = Scenario {
            seed,
            nodes: 3,
            deployments,
            services,
            ingresses,
            traffic: if self.rate > 0 { vec![traffic] } else { vec![] },
            ..Scenario::default()
        };
        let route = match self.strategy {
            _ if router == Router::Ingress => None,
            StrategyKind::Canary => Some(gateway_canary_route()),
            StrategyKind::AB => Some(gateway_ab_route()),
            StrategyKind::BlueGreen => {
                // A Service per colour; the route sends every request to blue's, and the switch
                // is a patch of its backendRef.
                scenario.services = ["blue", "green"]
                    .map(|c| service(&format!("http-go-{c}"), &[("app", APP), ("version", c)]))
                    .to_vec();
                for t in &mut scenario.traffic {
                    t.to = Target::Ingress(HOST.into());
                }
                Some(HttpRoute::new(GATEWAY, GATEWAY, &[HOST], &[("http-go-blue", 80, 1)]))
            }
            _ => None,
        };
        if let Some(route) = route {
            // The same Deployments, Services and traffic to the host; the Ingresses give way to
            // a Gateway and its HTTPRoute.
            scenario.ingresses.clear();
            scenario.gateway_classes.push(GatewayClass {
                name: GATEWAY_CLASS.into(),
                created: SimTime::ZERO,
                controller_name: ENVOY_GATEWAY_CONTROLLER.into(),
                generation: 1,
                description: None,
            });
            scenario.gateways.push(Gateway::http(GATEWAY, GATEWAY_CLASS));
            scenario.http_routes.push(route);
        }
        scenario
    }

    /// What "deploy a new version" does in `w`, as a scenario file would say it: the next
    /// version's image pushed with the chosen behaviour (when the registry has no build of it
    /// yet), then, by strategy, `kubectl set image` (Recreate, RollingUpdate) or a plan of kubectl
    /// steps (Blue/Green, Canary, A/B).
    pub fn deploy_orders(&self, w: &World) -> Result<Vec<Order>, String> {
        let live = live_deployment(self.strategy, w);
        let current = w
            .deployments
            .get(&live)
            .map(|d| d.spec.template.image().to_string())
            .ok_or_else(|| format!("Error from server (NotFound): deployments.apps {live:?} not found"))?;
        let image = next_version(&current);
        let mut orders = Vec::new();
        if !w.registry.has(&image) {
            orders.push(Order::Push { image: image.clone(), behavior: self.new_version.behavior() });
        }
        let n = self.replicas;
        let set_image = |d: &str| format!("set image deployment/{d} {APP}={image}");
        let steps: Vec<PlanLine> = match self.strategy {
            StrategyKind::Recreate | StrategyKind::RollingUpdate => {
                orders.push(Order::Kubectl(set_image(APP)));
                return Ok(orders);
            }
            StrategyKind::BlueGreen => {
                let idle = if live == "http-go-blue" { "http-go-green" } else { "http-go-blue" };
                let color = idle.trim_start_matches("http-go-");
                vec![
                    PlanLine::Kubectl(set_image(idle)),
                    PlanLine::Kubectl(format!("scale deployment/{idle} --replicas={n}")),
                    PlanLine::WaitForAvailable(idle.into()),
                    PlanLine::Kubectl(if behind_gateway(w) {
                        format!(
                            r#"patch httproute {GATEWAY} --type json -p '[{{"op": "replace", "path": "/spec/rules/0/backendRefs/0/name", "value": "{idle}"}}]'"#
                        )
                    } else {
                        format!(r#"patch service {APP} -p '{{"spec": {{"selector": {{"version": "{color}"}}}}}}'"#)
                    }),
                    PlanLine::Pause(30),
                    PlanLine::Kubectl(format!("scale deployment/{live} --replicas=0")),
                ]
            }
            StrategyKind::Canary => {
                // The same plan on either router: only how a weight is set, and the first step
                // (the Gateway's 10, the course's Ingress 20), differ.
                let (first, weight): (u32, Box<dyn Fn(u32) -> PlanLine>) = if behind_gateway(w) {
                    (10, Box::new(|w| PlanLine::Kubectl(gateway_weight_line(w))))
                } else {
                    (
                        20,
                        Box::new(|w| {
                            PlanLine::Kubectl(format!(
                                "annotate ingress http-go-canary {}={w} --overwrite",
                                ingress::CANARY_WEIGHT
                            ))
                        }),
                    )
                };
                vec![
                    PlanLine::Kubectl(set_image("http-go-canary")),
                    PlanLine::Kubectl(format!("scale deployment/http-go-canary --replicas={}", canary_size(n))),
                    PlanLine::WaitForAvailable("http-go-canary".into()),
                    weight(first),
                    PlanLine::Pause(30),
                    weight(50),
                    PlanLine::Pause(30),
                    weight(100),
                    PlanLine::Kubectl(set_image(APP)),
                    PlanLine::WaitForAvailable(APP.into()),
                    weight(0),
                    PlanLine::Pause(5),
                    PlanLine::Kubectl("scale deployment/http-go-canary --replicas=0".into()),
                ]
            }
            StrategyKind::AB => vec![
                PlanLine::Kubectl(set_image("http-go-b")),
                PlanLine::Kubectl(format!("scale deployment/http-go-b --replicas={}", canary_size(n))),
                PlanLine::WaitForAvailable("http-go-b".into()),
            ],
        };
        let abort = (self.strategy == StrategyKind::Canary).then(|| PlanAbort {
            service: "http-go-canary".into(),
            error_percent_above: 5,
            window_seconds: 30,
            min_requests: 20,
            steps: vec![
                PlanLine::Kubectl(if behind_gateway(w) {
                    gateway_weight_line(0)
                } else {
                    format!("annotate ingress http-go-canary {}=0 --overwrite", ingress::CANARY_WEIGHT)
                }),
                PlanLine::Kubectl("scale deployment/http-go-canary --replicas=0".into()),
            ],
        });
        orders.push(Order::Plan { steps, abort });
        Ok(orders)
    }

    /// The intents of "deploy a new version" in `w` ([`Knobs::deploy_orders`]).
    pub fn deploy(&self, w: &World) -> Result<Vec<Intent>, String> {
        let mut intents = Vec::new();
        for order in self.deploy_orders(w)? {
            intents.extend(order.intents(w.time())?);
        }
        Ok(intents)
    }

    /// What one of the page's action buttons does in `w`, as a scenario file would say it: the
    /// kubectl line it stands for, on the Deployment serving now, or a fault or a push.
    pub fn act_order(&self, act: Act, w: &World) -> Result<Order, String> {
        let deployment = live_deployment(self.strategy, w);
        Ok(match act {
            Act::Undo(0) => Order::Kubectl(format!("rollout undo deployment/{deployment}")),
            Act::Undo(n) => Order::Kubectl(format!("rollout undo deployment/{deployment} --to-revision={n}")),
            Act::PauseRollout => Order::Kubectl(format!("rollout pause deployment/{deployment}")),
            Act::ResumeRollout => Order::Kubectl(format!("rollout resume deployment/{deployment}")),
            Act::Scale(n) => Order::Kubectl(format!("scale deployment/{deployment} --replicas={n}")),
            Act::DeletePod => Order::DeletePod(format!("deployment/{deployment}")),
            Act::NodeDown => Order::NodeDown(busiest_node(w).ok_or("error: no node is up")?),
            Act::NodeUp => {
                let node = w.nodes.values().find(|n| n.kubelet_stopped_at.is_some()).map(|n| n.name.clone());
                Order::NodeUp(node.ok_or("error: every node is up")?)
            }
            Act::PushSameTag => {
                let image = w.deployments.get(&deployment).map(|d| d.spec.template.image().to_string());
                let image = image.ok_or_else(|| {
                    format!("Error from server (NotFound): deployments.apps {deployment:?} not found")
                })?;
                Order::Push { image, behavior: self.new_version.behavior() }
            }
        })
    }
}

/// One thing a button does, in the words of a scenario file's timeline (`kubectl`, `push`,
/// `fault` or `plan`): what the page exports as a scenario and as a script for a real cluster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Order {
    Kubectl(String),
    /// `kubectl apply -f` (`create -f` when `create`) of the objects of a file, in its order.
    Apply {
        create: bool,
        objects: Vec<Object>,
    },
    /// The run goes on from a cluster's state (`restore` in a scenario file).
    Restore(Box<ClusterState>),
    /// A build pushed under `image` (a new version, or the same tag again).
    Push {
        image: String,
        behavior: ImageBehavior,
    },
    /// The fault "a pod dies" (`deployment/NAME`: its first running pod).
    DeletePod(String),
    NodeDown(String),
    NodeUp(String),
    /// A strategy's plan, started at the moment of the order.
    Plan {
        steps: Vec<PlanLine>,
        abort: Option<PlanAbort>,
    },
}

/// One step of a plan, as a scenario file writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanLine {
    Kubectl(String),
    WaitForAvailable(String),
    /// Seconds.
    Pause(u64),
}

/// A plan's abort analysis, as a scenario file writes it (`plan.abort`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanAbort {
    pub service: String,
    pub error_percent_above: u8,
    pub window_seconds: u64,
    pub min_requests: u64,
    pub steps: Vec<PlanLine>,
}

impl Order {
    /// The engine's intents for this order given at `now`.
    pub fn intents(self, now: SimTime) -> Result<Vec<Intent>, String> {
        Ok(match self {
            Order::Kubectl(line) => kubectl::parse(&line)?,
            Order::Apply { create, objects } => {
                objects.into_iter().map(|object| Intent::Manifest { object, create }).collect()
            }
            Order::Restore(state) => vec![Intent::Restore { state }],
            Order::Push { image, behavior } => vec![Intent::Push { image, behavior }],
            Order::DeletePod(pod) => vec![Intent::DeletePod { pod }],
            Order::NodeDown(node) => vec![Intent::NodeDown { node }],
            Order::NodeUp(node) => vec![Intent::NodeUp { node }],
            Order::Plan { steps, abort } => {
                let mut plan = Plan::new(now, plan_steps(steps)?);
                if let Some(a) = abort {
                    plan.abort = Some(Abort::new(
                        &a.service,
                        a.error_percent_above,
                        SimDuration::from_secs(a.window_seconds),
                        a.min_requests,
                        plan_steps(a.steps)?,
                    ));
                }
                vec![Intent::StartPlan { plan: Box::new(plan) }]
            }
        })
    }
}

/// The page's action buttons besides "deploy a new version".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Act {
    /// `kubectl rollout undo` (0: to the previous revision).
    Undo(i64),
    PauseRollout,
    ResumeRollout,
    Scale(i32),
    /// The fault "a pod dies": the first running pod of the live Deployment is deleted.
    DeletePod,
    /// The node with the most pods goes down.
    NodeDown,
    NodeUp,
    /// The same tag pushed again, with the new version's behaviour.
    PushSameTag,
}

/// The Deployment serving now: for Blue/Green, the side the HTTPRoute sends to (behind a Gateway)
/// or the Service selects; otherwise the app.
pub fn live_deployment(strategy: StrategyKind, w: &World) -> String {
    let routed_to = || w.gateway.routes.get(GATEWAY)?.spec.rules.first()?.backend_refs.first().map(|b| b.name.clone());
    match strategy {
        StrategyKind::BlueGreen if behind_gateway(w) => routed_to().unwrap_or_else(|| "http-go-blue".into()),
        StrategyKind::BlueGreen => {
            let color = w.services.get(APP).and_then(|s| s.selector.get("version")).map_or("blue", String::as_str);
            format!("http-go-{color}")
        }
        _ => APP.to_string(),
    }
}

/// The ready node with the most pods (on a tie, the first by name).
fn busiest_node(w: &World) -> Option<String> {
    w.nodes
        .values()
        .filter(|n| n.kubelet_stopped_at.is_none())
        .max_by_key(|n| {
            let pods = w.pods.values().filter(|p| p.spec.node_name.as_deref() == Some(n.name.as_str())).count();
            (pods, std::cmp::Reverse(n.name.clone()))
        })
        .map(|n| n.name.clone())
}

/// Whether the run routes its host through the Gateway-based strategies' HTTPRoute.
fn behind_gateway(w: &World) -> bool {
    w.gateway.routes.contains_key(GATEWAY)
}

/// The Canary's HTTPRoute: every request to the host, 100 to the stable Service, 0 to the canary.
pub fn gateway_canary_route() -> HttpRoute {
    HttpRoute::new(GATEWAY, GATEWAY, &[HOST], &[(APP, 80, 100), (CANARY, 80, 0)])
}

/// The A/B test's HTTPRoute: requests with `X-Group: beta` to B, every other to A. (The header
/// match outranks the bare prefix by the spec's precedence, whatever the order of the rules.)
pub fn gateway_ab_route() -> HttpRoute {
    let mut route = HttpRoute::new(GATEWAY, GATEWAY, &[HOST], &[(APP, 80, 1)]);
    let mut beta = HttpRouteMatch::default();
    beta.headers.push(NameMatch::exact(AB_HEADER, AB_GROUP));
    let b = HttpRouteRule {
        name: None,
        matches: vec![beta],
        backend_refs: vec![crate::sim::gateway::HttpBackendRef::service("http-go-b", 80, 1)],
    };
    route.spec.rules.insert(0, b);
    route
}

/// `kubectl patch httproute` giving the canary `canary` percent of the requests and the stable
/// Service the rest (a JSON patch of the two weights; the rule and its matches stay).
pub fn gateway_weight_line(canary: u32) -> String {
    let stable = 100 - canary.min(100);
    format!(
        r#"patch httproute {GATEWAY} --type json -p '[{{"op": "replace", "path": "/spec/rules/0/backendRefs/0/weight", "value": {stable}}}, {{"op": "replace", "path": "/spec/rules/0/backendRefs/1/weight", "value": {canary}}}]'"#
    )
}

/// A canary (or B) of about a quarter of the replicas, at least one.
fn canary_size(replicas: i32) -> i32 {
    ((replicas + 3) / 4).max(1)
}

fn plan_steps(lines: Vec<PlanLine>) -> Result<Vec<PlanStep>, String> {
    lines
        .into_iter()
        .map(|s| {
            Ok(match s {
                PlanLine::Kubectl(line) => {
                    let intents = kubectl::parse(&line)?;
                    PlanStep::Kubectl { line, intents }
                }
                PlanLine::WaitForAvailable(deployment) => PlanStep::WaitForAvailable { deployment },
                PlanLine::Pause(s) => PlanStep::Pause(SimDuration::from_secs(s)),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Run;

    fn run_to_completion(knobs: &Knobs) -> World {
        let mut run = Run::new(knobs.scenario(1).world());
        run.run_until(SimTime::from_secs(20));
        for intent in knobs.deploy(run.world()).unwrap() {
            run.act(intent).unwrap();
        }
        run.run_until(SimTime::from_secs(400));
        run.world().clone()
    }

    #[test]
    fn the_defaults_are_valid_and_resolve_as_the_controller_does() {
        let k = Knobs::default();
        assert!(k.errors().is_empty());
        assert_eq!(k.resolved(), Some((1, 1)));
        let one = Knobs { replicas: 1, ..Knobs::default() };
        assert_eq!(one.resolved(), Some((1, 0)), "25% of 1: surge rounds up, unavailable down");
    }

    #[test]
    fn bad_settings_get_the_apiservers_words() {
        let k = Knobs { max_surge: "0".into(), max_unavailable: "0%".into(), ..Knobs::default() };
        assert_eq!(
            k.errors(),
            [(
                Field::MaxUnavailable,
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0"
                    .to_string()
            )]
        );
        let k = Knobs { max_surge: "lots".into(), replicas: 1_000_000, ..Knobs::default() };
        let errors = k.errors();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].1.contains("the simulator runs at most 10000 replicas"));
        assert!(errors[1]
            .1
            .starts_with("spec.strategy.rollingUpdate.maxSurge: Invalid value: \"lots\": a valid percent"));
        let mut k = Knobs { min_ready_seconds: 600, ..Knobs::default() };
        k.liveness.enabled = true;
        k.liveness.success_threshold = 2;
        assert_eq!(
            k.errors().into_iter().map(|e| e.1).collect::<Vec<_>>(),
            [
                "spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds",
                "spec.template.spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
            ]
        );
        // Recreate has no rollingUpdate to check.
        let k = Knobs {
            strategy: StrategyKind::Recreate,
            max_surge: "0".into(),
            max_unavailable: "0".into(),
            ..Knobs::default()
        };
        assert!(k.errors().is_empty());
    }

    #[test]
    fn every_strategy_deploys_the_next_version_to_everyone() {
        for strategy in
            [StrategyKind::Recreate, StrategyKind::RollingUpdate, StrategyKind::BlueGreen, StrategyKind::Canary]
        {
            let knobs = Knobs { strategy, ..Knobs::default() };
            let w = run_to_completion(&knobs);
            let serving: Vec<&str> =
                w.pods.values().filter(|p| p.status.ready && !p.is_terminating()).map(|p| p.image()).collect();
            assert_eq!(serving.len(), 4, "{strategy:?}: {serving:?}");
            assert!(serving.iter().all(|i| *i == "gasbugs/http-go:v2"), "{strategy:?}: {serving:?}");
            assert!(w.plan.as_ref().is_none_or(|p| p.done()), "{strategy:?}");
            let late = w.requests.recent.iter().filter(|r| r.sent_at > SimTime::from_secs(390));
            assert!(late.clone().all(|r| r.image.as_deref() == Some("gasbugs/http-go:v2")), "{strategy:?}");
        }
    }

    #[test]
    fn blue_green_alternates_colours_and_ab_sends_only_the_group() {
        for router in Router::ALL {
            let knobs = Knobs { strategy: StrategyKind::BlueGreen, router, ..Knobs::default() };
            let mut run = Run::new(knobs.scenario(1).world());
            let mut live = vec![];
            for at in [20, 200] {
                run.run_until(SimTime::from_secs(at));
                for intent in knobs.deploy(run.world()).unwrap() {
                    run.act(intent).unwrap();
                }
                run.run_until(SimTime::from_secs(at + 100));
                live.push(live_deployment(knobs.strategy, run.world()));
            }
            run.run_until(SimTime::from_secs(400));
            let w = run.world();
            assert_eq!(live, ["http-go-green", "http-go-blue"], "{router:?}");
            match router {
                Router::Ingress => assert_eq!(w.services[APP].selector["version"], "blue"),
                // The route's one backendRef switched to green, then back to blue.
                Router::Gateway => {
                    let to: Vec<_> = w.gateway.routes[GATEWAY].services().collect();
                    assert_eq!(to, ["http-go-blue"]);
                    assert!(!w.services.contains_key(APP));
                }
            }
            assert_eq!(w.deployments["http-go-blue"].spec.template.image(), "gasbugs/http-go:v3");
            // Every request after the second switch is answered by v3, and none failed.
            let late = w.requests.recent.iter().filter(|r| r.sent_at > SimTime::from_secs(390));
            assert!(
                late.clone().count() > 50 && late.clone().all(|r| r.image.as_deref() == Some("gasbugs/http-go:v3"))
            );
            // None failed through the second switch (the recent requests reach back to its deploy).
            let recent: Vec<_> = w.requests.recent.iter().collect();
            assert!(recent.first().is_some_and(|r| r.sent_at <= SimTime::from_secs(201)), "{router:?}");
            assert!(recent.iter().all(|r| r.outcome.succeeded()), "{router:?}");
        }

        for router in Router::ALL {
            let knobs = Knobs { strategy: StrategyKind::AB, rate: 50, router, ..Knobs::default() };
            let w = run_to_completion(&knobs);
            let late: Vec<_> = w.requests.recent.iter().filter(|r| r.sent_at > SimTime::from_secs(380)).collect();
            assert!(late.len() > 500);
            for r in late {
                let beta = r.group.as_deref() == Some(AB_GROUP);
                let want = if beta { "gasbugs/http-go:v2" } else { "gasbugs/http-go:v1" };
                assert_eq!(r.image.as_deref(), Some(want), "{router:?}");
            }
        }
    }

    #[test]
    fn a_canary_of_a_failing_version_is_aborted_on_either_router() {
        for router in Router::ALL {
            let knobs = Knobs {
                strategy: StrategyKind::Canary,
                new_version: NewVersion::Errors,
                rate: 50,
                router,
                ..Knobs::default()
            };
            let w = run_to_completion(&knobs);
            assert!(w.plan.as_ref().unwrap().abort.as_ref().unwrap().aborted_at.is_some(), "{router:?}");
            assert_eq!(w.deployments[APP].spec.template.image(), FIRST_IMAGE);
            assert_eq!(w.deployments["http-go-canary"].spec.replicas, 0);
            // The abort took the canary's weight back to 0 on the router the run has.
            assert_eq!(crate::lesson::canary_weight(router, &w), Some(0), "{router:?}");
            assert_eq!(w.gateway.routes.is_empty(), router == Router::Ingress);
            assert_eq!(w.ingresses.is_empty(), router == Router::Gateway);
        }
    }

    #[test]
    fn the_page_routes_canary_ab_and_blue_green_through_the_gateway_by_default() {
        assert_eq!(Knobs::default().router, Router::Gateway);
        for strategy in StrategyKind::ALL {
            let s = Knobs { strategy, ..Knobs::default() }.scenario(1);
            let routed = Router::routes(strategy);
            assert_eq!(s.http_routes.len(), usize::from(routed), "{strategy:?}");
            assert!(s.ingresses.is_empty(), "{strategy:?}");
            let s = Knobs { strategy, router: Router::Ingress, ..Knobs::default() }.scenario(1);
            let ingress = matches!(strategy, StrategyKind::Canary | StrategyKind::AB);
            assert_eq!(s.ingresses.len(), if ingress { 2 } else { 0 }, "{strategy:?}");
            assert!(s.http_routes.is_empty(), "{strategy:?}");
        }
    }
}
