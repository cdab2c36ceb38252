//! Strategies built only from objects and commands a learner could use: a [`Plan`] is a list of
//! kubectl steps with waits between them, run by the world one step at a time as a person at a
//! terminal (or a CI job) would run it. Blue/Green is "scale green up, wait until it is
//! available, patch the Service's selector, wait, scale blue down"; a replica-ratio canary is
//! "scale the canary Deployment up step by step, pausing between steps". Because every step is an
//! ordinary intent, a plan can be replayed, paused and explained like anything a learner types.
//! A weighted canary behind an Ingress moves its weight with `kubectl annotate`, and may carry an
//! [`Abort`] analysis: when the canary's error rate crosses a threshold, the plan drops its
//! remaining steps and runs its abort steps instead, as Argo Rollouts' analysis does.

use std::collections::BTreeMap;

use super::deployment::util;
use super::intent::Intent;
pub use super::intent::{Abort, Plan, PlanStep};
use super::objects::Deployment;
use super::service::RequestLog;
use super::time::SimTime;

/// `kubectl rollout status` would return: the Deployment observed its spec and every replica is
/// updated and available, with no old pod left.
pub fn rolled_out(deployments: &BTreeMap<String, Deployment>, deployment: &str) -> bool {
    deployments.get(deployment).is_some_and(|d| {
        d.status.observed_generation >= d.metadata.generation && util::deployment_complete(d, &d.status)
    })
}

/// What advancing the plan did, for the trace.
pub enum PlanEvent {
    Ran(String),
    Waiting(String),
    Done,
    /// The client died with `left` steps not run.
    Interrupted {
        left: usize,
    },
    /// The analysis found too many errors: the abort steps replace the rest.
    Aborted(String),
}

/// Runs every step of `plan` that is due at `now`, given the cluster's Deployments and the
/// requests so far (what `kubectl rollout status` and the analysis read); returns the intents to
/// apply, in order, and what to record.
pub fn advance(
    plan: &mut Plan,
    deployments: &BTreeMap<String, Deployment>,
    requests: &RequestLog,
    now: SimTime,
) -> (Vec<Intent>, Vec<PlanEvent>) {
    let (mut intents, mut events) = (Vec::new(), Vec::new());
    if now < plan.start {
        return (intents, events);
    }
    if plan.interrupted(now) {
        events.push(PlanEvent::Interrupted { left: plan.steps.len() - plan.next });
        plan.next = plan.steps.len();
        return (intents, events);
    }
    if let Some(abort) = plan.abort.as_mut().filter(|a| a.aborted_at.is_none()) {
        if let Some(why) = abort.measure(requests, now) {
            abort.aborted_at = Some(now);
            let steps = abort.steps.clone();
            plan.steps.splice(plan.next.., steps);
            plan.waiting_since = None;
            events.push(PlanEvent::Aborted(why));
        }
    }
    while let Some(step) = plan.steps.get(plan.next) {
        match step {
            PlanStep::Kubectl { line, intents: these } => {
                intents.extend(these.iter().cloned());
                events.push(PlanEvent::Ran(format!("kubectl {line}")));
            }
            PlanStep::Pause(d) => {
                let since = *plan.waiting_since.get_or_insert_with(|| {
                    events.push(PlanEvent::Waiting(format!("pausing for {d}")));
                    now
                });
                if now.saturating_since(since) < *d {
                    break;
                }
            }
            PlanStep::WaitForAvailable { deployment } => {
                // Intents of this pass land at the end of the step; the controllers have not seen
                // them yet, so a wait right after a command waits at least one step.
                let fresh = !intents.is_empty();
                if plan.waiting_since.is_none() {
                    plan.waiting_since = Some(now);
                    events.push(PlanEvent::Waiting(format!("waiting until deployment/{deployment} is available")));
                }
                if fresh || !rolled_out(deployments, deployment) {
                    break;
                }
            }
        }
        plan.next += 1;
        plan.waiting_since = None;
        if plan.done() {
            events.push(PlanEvent::Done);
        }
    }
    (intents, events)
}
