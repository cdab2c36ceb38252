//! Strategies built only from objects and commands a learner could use: a [`Plan`] is a list of
//! kubectl steps with waits between them, run by the world one step at a time as a person at a
//! terminal (or a CI job) would run it. Blue/Green is "scale green up, wait until it is
//! available, patch the Service's selector, wait, scale blue down"; a replica-ratio canary is
//! "scale the canary Deployment up step by step, pausing between steps". Because every step is an
//! ordinary intent, a plan can be replayed, paused and explained like anything a learner types.

use serde::{Deserialize, Serialize};

use super::deployment::util;
use super::intent::Intent;
use super::time::{SimDuration, SimTime};
use super::world::World;

/// One step of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PlanStep {
    /// A kubectl command line (as written, for the trace) and the intents it makes.
    Kubectl { line: String, intents: Vec<Intent> },
    /// Wait this long.
    Pause(SimDuration),
    /// Wait until the Deployment has rolled out completely (`kubectl rollout status` returning).
    WaitForAvailable { deployment: String },
}

/// A plan and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// When the first step runs.
    pub start: SimTime,
    pub steps: Vec<PlanStep>,
    /// The step to run next.
    #[serde(default)]
    pub next: usize,
    /// When the current wait began.
    #[serde(default)]
    pub waiting_since: Option<SimTime>,
    /// When the client running the plan dies (the old client-side `kubectl rolling-update`
    /// killed half way): no step runs from then on.
    #[serde(default)]
    pub interrupted_at: Option<SimTime>,
}

impl Plan {
    pub fn new(start: SimTime, steps: Vec<PlanStep>) -> Self {
        Plan { start, steps, next: 0, waiting_since: None, interrupted_at: None }
    }

    pub fn done(&self) -> bool {
        self.next >= self.steps.len()
    }

    fn interrupted(&self, now: SimTime) -> bool {
        self.interrupted_at.is_some_and(|t| now >= t)
    }
}

/// `kubectl rollout status` would return: the Deployment observed its spec and every replica is
/// updated and available, with no old pod left.
pub fn rolled_out(w: &World, deployment: &str) -> bool {
    w.deployments.get(deployment).is_some_and(|d| {
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
}

/// Runs every step of `plan` that is due at `now`; returns the intents to apply, in order, and
/// what to record.
pub fn advance(plan: &mut Plan, w: &World, now: SimTime) -> (Vec<Intent>, Vec<PlanEvent>) {
    let (mut intents, mut events) = (Vec::new(), Vec::new());
    if now < plan.start {
        return (intents, events);
    }
    if plan.interrupted(now) {
        events.push(PlanEvent::Interrupted { left: plan.steps.len() - plan.next });
        plan.next = plan.steps.len();
        return (intents, events);
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
                if fresh || !rolled_out(w, deployment) {
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
