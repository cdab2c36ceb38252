//! The page's run as a scenario file: the file `rolloutscope simulate` reads, with the manifests
//! the knobs make, the traffic, and the timeline of what the learner did, each button written as
//! what it stands for (a kubectl line, a fault, a push, or a strategy's plan). The same file is
//! what "try it on a real cluster" turns into a script ([`crate::real_cluster`]).

use serde_json::{json, Map, Value};

use crate::manifest::{live, spec};
use crate::session::{Engine, Step};
use crate::setup::{Knobs, Order, PlanAbort, PlanLine};
use crate::sim::images::ImageBehavior;
use crate::sim::service::{Target, Traffic};
use crate::sim::SimTime;

/// The file for a run of `knobs` on `seed` with `timeline` (as a link carries it). Each step is
/// written as what it did when the run was replayed; a step that did nothing (its button
/// answered with an error) is left out, since in the file it would do something else or fail.
pub fn of_run(knobs: &Knobs, seed: u64, timeline: &[(SimTime, Step)]) -> Value {
    let scenario = knobs.scenario(seed);
    let mut engine = Engine::new(knobs, seed);
    let mut entries = Vec::new();
    for (t, step) in timeline {
        engine.run_to(*t);
        if let Ok((_, orders)) = engine.perform_orders(knobs, step.clone()) {
            entries.extend(orders.iter().map(|o| entry(*t, o)));
        }
    }
    let mut manifests: Vec<Value> = scenario.deployments.iter().map(spec::deployment).collect();
    manifests.extend(scenario.services.iter().map(spec::service));
    manifests.extend(scenario.ingresses.iter().map(spec::ingress));
    manifests.extend(scenario.gateway_classes.iter().map(spec::gateway_class));
    manifests.extend(scenario.gateways.iter().map(spec::gateway));
    manifests.extend(scenario.http_routes.iter().map(spec::http_route));
    let mut file = Map::new();
    file.insert("seed".into(), json!(seed));
    file.insert("nodes".into(), json!(scenario.nodes));
    file.insert("manifests".into(), Value::Array(manifests));
    if let Some(t) = scenario.traffic.first() {
        file.insert("traffic".into(), traffic(t));
    }
    if !entries.is_empty() {
        file.insert("timeline".into(), Value::Array(entries));
    }
    Value::Object(file)
}

/// The file as YAML, with a header that says what to do with it.
pub fn text(file: &Value) -> String {
    format!(
        "# A run made in RolloutScope. Replay it with: rolloutscope simulate FILE\n\
         # On a real cluster (kind or minikube): rolloutscope export FILE --kubectl > run.sh\n{}",
        crate::yaml::to_string(file)
    )
}

/// `30s`, or `30300ms` between whole seconds.
fn at(t: SimTime) -> String {
    let ms = t.as_millis();
    if ms % 1000 == 0 {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    }
}

fn entry(t: SimTime, order: &Order) -> Value {
    let what = match order {
        Order::Kubectl(line) => json!({"kubectl": line}),
        Order::Apply { create, objects } => {
            let manifests: Vec<Value> = objects.iter().map(spec::object).collect();
            json!({if *create { "create" } else { "apply" }: manifests})
        }
        Order::Restore(state) => {
            let mut objects: Vec<Value> = state.deployments.iter().map(live::deployment).collect();
            objects.extend(state.replica_sets.iter().map(live::replica_set));
            objects.extend(state.pods.iter().map(live::pod));
            objects.extend(state.manifests.iter().map(spec::object));
            json!({"restore": objects})
        }
        Order::Push { image, behavior } => {
            let mut push = behavior_fields(behavior);
            push.insert("image".into(), json!(image));
            json!({"push": push})
        }
        Order::DeletePod(pod) => json!({"fault": {"deletePod": pod}}),
        Order::NodeDown(node) => json!({"fault": {"nodeDown": node}}),
        Order::NodeUp(node) => json!({"fault": {"nodeUp": node}}),
        Order::Plan { steps, abort } => {
            let mut plan = Map::new();
            plan.insert("steps".into(), plan_lines(steps));
            if let Some(a) = abort {
                plan.insert("abort".into(), plan_abort(a));
            }
            json!({"plan": plan})
        }
    };
    let mut e = what.as_object().cloned().unwrap_or_default();
    e.insert("at".into(), json!(at(t)));
    Value::Object(e)
}

/// How an image behaves, only where it differs from the default (a healthy build).
fn behavior_fields(b: &ImageBehavior) -> Map<String, Value> {
    let (Value::Object(all), Value::Object(default)) = (json!(b), json!(ImageBehavior::default())) else {
        return Map::new();
    };
    all.into_iter().filter(|(k, v)| default.get(k) != Some(v)).collect()
}

fn plan_lines(steps: &[PlanLine]) -> Value {
    Value::Array(
        steps
            .iter()
            .map(|s| match s {
                PlanLine::Kubectl(line) => json!({"kubectl": line}),
                PlanLine::WaitForAvailable(d) => json!({"waitForAvailable": d}),
                PlanLine::Pause(s) => json!({"pause": format!("{s}s")}),
            })
            .collect(),
    )
}

fn plan_abort(a: &PlanAbort) -> Value {
    json!({
        "service": a.service,
        "errorPercentAbove": a.error_percent_above,
        "window": format!("{}s", a.window_seconds),
        "minRequests": a.min_requests,
        "steps": plan_lines(&a.steps),
    })
}

fn traffic(t: &Traffic) -> Value {
    let mut m = Map::new();
    match &t.to {
        Target::Service(s) => m.insert("service".into(), json!(s)),
        Target::Ingress(h) => m.insert("host".into(), json!(h)),
    };
    m.insert("ratePerSecond".into(), json!(t.rate_per_second));
    if !t.groups.is_empty() {
        let groups: Vec<Value> = t
            .groups
            .iter()
            .map(|g| {
                let mut v = json!({"name": g.name, "percent": g.percent, "headers": g.headers, "cookies": g.cookies});
                if let Some(path) = &g.path {
                    v["path"] = json!(path);
                }
                if !g.query.is_empty() {
                    v["query"] = json!(g.query);
                }
                v
            })
            .collect();
        m.insert("groups".into(), Value::Array(groups));
    }
    if let Some(from) = t.from {
        m.insert("from".into(), json!(at(from)));
    }
    Value::Object(m)
}

/// The file's name on download: what the run is, by strategy.
pub fn file_name(knobs: &Knobs, extension: &str) -> String {
    format!("rolloutscope-{}.{extension}", knobs.strategy.id())
}
