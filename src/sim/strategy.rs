//! Strategies built only from objects and commands a learner could use: a [`Plan`] is a list of
//! kubectl steps with waits between them, run by the world one step at a time as a person at a
//! terminal (or a CI job) would run it. Blue/Green is "scale green up, wait until it is
//! available, patch the Service's selector, wait, scale blue down"; a replica-ratio canary is
//! "scale the canary Deployment up step by step, pausing between steps". Because every step is an
//! ordinary intent, a plan can be replayed, paused and explained like anything a learner types.
//! A weighted canary behind an Ingress moves its weight with `kubectl annotate`, and may carry an
//! [`Abort`] analysis: when the canary's error rate crosses a threshold, the plan drops its
//! remaining steps and runs its abort steps instead, as Argo Rollouts' analysis does.

use std::collections::VecDeque;

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
    /// The analysis that aborts the plan, if any.
    #[serde(default)]
    pub abort: Option<Abort>,
}

/// An analysis of a Service's error rate while the plan runs: when more than `error_percent` of
/// the requests sent to `service`'s endpoints in the last `window` failed (counting only once
/// `min_requests` were sent in it), the plan's remaining steps are dropped and `steps` run
/// instead. The Deployments keep their new spec: an abort routes traffic away and scales down,
/// it does not roll back (argo-rollouts#1152).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Abort {
    pub service: String,
    pub error_percent: u8,
    pub window: SimDuration,
    pub min_requests: u64,
    pub steps: Vec<PlanStep>,
    /// When it fired.
    #[serde(default)]
    pub aborted_at: Option<SimTime>,
    /// (time, sent, failed) for the Service, oldest first: the window and the sample before it.
    #[serde(default)]
    samples: VecDeque<(SimTime, u64, u64)>,
}

impl Abort {
    pub fn new(service: &str, error_percent: u8, window: SimDuration, min_requests: u64, steps: Vec<PlanStep>) -> Self {
        Abort {
            service: service.into(),
            error_percent,
            window,
            min_requests,
            steps,
            aborted_at: None,
            samples: VecDeque::new(),
        }
    }

    /// Takes this step's sample; if the window's error rate is over the threshold, what to say.
    fn measure(&mut self, w: &World, now: SimTime) -> Option<String> {
        let c = w.requests.by_service.get(&self.service).copied().unwrap_or_default();
        self.samples.push_back((now, c.sent, c.failed));
        while self.samples.len() > 2 && now.saturating_since(self.samples[1].0) >= self.window {
            self.samples.pop_front();
        }
        let &(_, sent0, failed0) = self.samples.front()?;
        let (sent, failed) = (c.sent - sent0, c.failed - failed0);
        let over = sent >= self.min_requests.max(1) && failed * 100 > u64::from(self.error_percent) * sent;
        over.then(|| {
            format!(
                "{failed} of {sent} requests to service/{} failed in the last {} (more than {}%); aborting",
                self.service, self.window, self.error_percent
            )
        })
    }
}

impl Plan {
    pub fn new(start: SimTime, steps: Vec<PlanStep>) -> Self {
        Plan { start, steps, next: 0, waiting_since: None, interrupted_at: None, abort: None }
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
    /// The analysis found too many errors: the abort steps replace the rest.
    Aborted(String),
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
    if let Some(abort) = plan.abort.as_mut().filter(|a| a.aborted_at.is_none()) {
        if let Some(why) = abort.measure(w, now) {
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
