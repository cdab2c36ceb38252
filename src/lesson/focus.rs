//! What a lesson's step talks about on the page, so that the page can mark it (an outline and a
//! small label, never colour alone).
//!
//! Most of it follows from the step itself ([`Then`]): a `Do` is about the control it asks for
//! (the terminal for a command, the button, the settings, Play, the time slider, the explanation
//! a pod is clicked for), and a prediction or its reveal
//! about where the figure is seen (the pods for a count of pods, the ReplicaSets for a revision,
//! the traffic for requests). Only a `Read` step, which names nothing the page can act on, needs
//! to be told: [`NAMED`] says it for the steps that talk about one thing.

use super::{Do, Lesson, Measure, Then, LESSONS};
use crate::setup::Act;

/// A part of the page a step can talk about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spot {
    /// The pods, on the stage.
    Pods,
    /// The ReplicaSets (their revisions and counts), on the stage.
    ReplicaSets,
    /// The Service or the router and the requests it sends, on the stage.
    Traffic,
    /// The terminal (its tab and its pane).
    Terminal,
    /// The charts (their tab and their pane).
    Charts,
    /// Play, in the time controls.
    Play,
    /// "Deploy a new version".
    Deploy,
    /// One of the action buttons.
    Act(Act),
    /// The setup panel (its button in the header, and the panel).
    Setup,
    /// The time slider, in the time controls.
    Slider,
    /// The explanation beside the stage (of the pod in focus).
    Explanation,
}

impl Spot {
    /// Its name in the page's `data-spot` attribute (the e2e tests read it).
    pub fn id(self) -> &'static str {
        match self {
            Spot::Pods => "pods",
            Spot::ReplicaSets => "replicasets",
            Spot::Traffic => "traffic",
            Spot::Terminal => "terminal",
            Spot::Charts => "charts",
            Spot::Play => "play",
            Spot::Deploy => "deploy",
            Spot::Act(act) => match act {
                Act::Undo(_) => "rollback",
                Act::PauseRollout => "pause",
                Act::ResumeRollout => "resume",
                Act::Scale(_) => "scale",
                Act::DeletePod => "delete-pod",
                Act::NodeDown => "node-down",
                Act::NodeUp => "node-up",
                Act::PushSameTag => "push-same-tag",
            },
            Spot::Setup => "setup",
            Spot::Slider => "time-slider",
            Spot::Explanation => "explanation",
        }
    }
}

/// The `Read` steps that talk about one part of the page: (lesson id, step index, the part).
/// A test checks that each names a step that exists and is a `Read`.
pub const NAMED: &[(&str, usize, Spot)] = &[
    // "A pod runs a container; … each pod is a shape, and its colour, shape and tag show the version"
    ("basics", 0, Spot::Pods),
    // "Read the stage: a filled pod is Ready … ✓ marks Available … A faded, struck pod is terminating."
    ("basics", 3, Spot::Pods),
    // "In the cluster view, http-go has one ReplicaSet, revision 1, with 4 pods."
    ("replicasets", 0, Spot::ReplicaSets),
    // "That pod is Ready, so the Service already sends it requests. … Available only once …"
    ("min-ready-seconds", 5, Spot::Pods),
    // "All 4 pods of http-go are running, Ready and Available."
    ("self-healing", 0, Spot::Pods),
    // "The Service selects app=http-go,version=blue, so only blue pods get requests."
    ("blue-green", 0, Spot::Traffic),
    // "In this second, requests were answered by v1 and by v2: look at the requests chart."
    ("service-selects-both", 5, Spot::Charts),
    // "A pod that is not Ready is left out of the Service's endpoints, so no request reaches it."
    ("readiness-probe", 6, Spot::Traffic),
    // "Look at the requests chart: v2 answers about a fifth, the beta group's requests …"
    ("ab-testing", 6, Spot::Charts),
    // "The Service http-go selects app=http-go and track=stable. Requests come in through a Gateway …"
    ("canary-by-labels", 1, Spot::Traffic),
];

/// Where a step's figure is seen.
pub fn of_measure(measure: Measure) -> Spot {
    match measure {
        Measure::PeakPods | Measure::FewestAvailable | Measure::Restarts | Measure::OnNewestBuild => Spot::Pods,
        Measure::FailedRequests | Measure::NewVersionShare | Measure::VersionsAtOnce => Spot::Traffic,
        Measure::Revision | Measure::ReplicaSets => Spot::ReplicaSets,
        // `kubectl rollout history` lists them with their CHANGE-CAUSE.
        Measure::RevisionsCaused(_) => Spot::Terminal,
    }
}

/// The control a `Do` asks for.
pub fn of_do(what: Do) -> Spot {
    match what {
        Do::Play => Spot::Play,
        Do::Kubectl(_) => Spot::Terminal,
        Do::Deploy => Spot::Deploy,
        Do::Act(act) => Spot::Act(act),
        Do::Settings(_) | Do::Draft(_) => Spot::Setup,
        Do::Seek(_) => Spot::Slider,
        Do::Explain(_) => Spot::Explanation,
    }
}

/// What step `step` of `lesson` talks about, if one thing (free play: nothing).
pub fn spot(lesson: &Lesson, step: usize) -> Option<Spot> {
    if let Some((_, _, named)) = NAMED.iter().find(|(id, i, _)| *id == lesson.id && *i == step) {
        return Some(*named);
    }
    match &lesson.steps.get(step)?.then {
        Then::Read => None,
        Then::Do { what, .. } => Some(of_do(*what)),
        Then::Predict(measure, _) => Some(of_measure(*measure)),
        // The figure of the prediction it answers.
        Then::Reveal { .. } => lesson.steps[..step].iter().rev().find_map(|s| match s.then {
            Then::Predict(m, _) => Some(of_measure(m)),
            _ => None,
        }),
    }
}

/// The entries of [`NAMED`] that name no `Read` step of a lesson (for the test that keeps the
/// table true when the lessons change).
pub fn stale_entries() -> Vec<(&'static str, usize)> {
    NAMED
        .iter()
        .filter(|(id, i, _)| {
            !LESSONS.iter().any(|l| l.id == *id && l.steps.get(*i).is_some_and(|s| matches!(s.then, Then::Read)))
        })
        .map(|(id, i, _)| (*id, *i))
        .collect()
}
