//! A learner's run on the page, without the page: the engine's [`Run`], one [`Sample`] per
//! simulated second for the charts, and the timeline of what the learner did on the action row.
//! The timeline is what a shared link carries ([`crate::share`]); replaying it on the same
//! settings and seed gives the same run, natively and in the browser.

use serde::{Deserialize, Serialize};

use crate::setup::{Act, Knobs, Order};
use crate::sim::restore::ClusterState;
use crate::sim::sample::Sample;
use crate::sim::{Object, Run, SimTime, World, DEFAULT_TICK};

/// Speeds run from 2^MIN_SPEED to 2^MAX_SPEED times real time (1/4x to 64x).
pub const MIN_SPEED: i32 = -2;
pub const MAX_SPEED: i32 = 6;

/// One thing the learner did: a button on the action row, or a command typed in the console.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Step {
    /// "Deploy a new version": `set image`, or the strategy's plan of kubectl steps.
    Deploy,
    /// One of the other buttons.
    Act(Act),
    /// A kubectl command line that changes the cluster (one that only reads is not a step).
    Kubectl(String),
    /// `kubectl apply -f manifests.yaml` (`create -f` when `create`): the YAML panel's objects,
    /// as the apiserver read them (so that a replay needs no YAML reader).
    Apply { create: bool, objects: Vec<Object> },
    /// A cluster's state (a pasted `kubectl get deploy,rs,pods -o yaml`, as the YAML reader read
    /// it): the run goes on from it. The page starts a new run with it, at 0 s.
    Restore(Box<ClusterState>),
}

/// The longest command line a step keeps (a shared link carries it).
pub const MAX_COMMAND: usize = 1_000;

/// The run and what was sampled of it.
#[derive(Debug)]
pub struct Engine {
    pub run: Run,
    /// One sample per whole simulated second from 0, up to the furthest moment reached. After a
    /// seek back they stay: the same seed and acts replay the same run.
    pub samples: Vec<Sample>,
    /// What the learner did, in time order (two steps at one moment in the order they were done).
    pub timeline: Vec<(SimTime, Step)>,
    /// Simulated milliseconds owed to the clock by the page's animation frames so far (under a
    /// tick or two): kept here so that a frame that runs no step changes no state.
    pub owed_ms: f64,
    /// How fast the clock has really moved lately, against the wall clock.
    pub pace: Pace,
    /// The furthest moment reached, to the tick (the samples keep whole seconds only): after a
    /// seek back, the slider goes forward again to the very moment the run was stopped at.
    reached: SimTime,
}

/// How fast the page's clock has really moved over the last second or so of frames: simulated
/// against wall-clock milliseconds, each frame's share fading by [`Pace::FADE`]. A large run at a
/// high speed may not keep up (a frame runs at most so many steps), and the page says so.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pace {
    sim_ms: f64,
    wall_ms: f64,
}

impl Pace {
    /// What is left of the past at each frame: about a second's memory at 60 frames a second.
    pub const FADE: f64 = 0.95;

    /// A frame `wall_ms` after the previous one moved the clock `sim_ms`.
    pub fn record(&mut self, sim_ms: f64, wall_ms: f64) {
        self.sim_ms = self.sim_ms * Pace::FADE + sim_ms;
        self.wall_ms = self.wall_ms * Pace::FADE + wall_ms.max(0.0);
    }

    /// The speed reached (1.0 is real time), once a quarter of a second has been seen.
    pub fn achieved(&self) -> Option<f64> {
        (self.wall_ms >= 250.0).then(|| self.sim_ms / self.wall_ms)
    }
}

impl Engine {
    pub fn new(knobs: &Knobs, seed: u64) -> Self {
        Engine::from_world(knobs.scenario(seed).world())
    }

    /// A run that starts from `world` (a scenario file's cluster, say) with an empty timeline.
    pub fn from_world(world: World) -> Self {
        let samples = vec![Sample::of(&world)];
        let reached = world.time();
        Engine { run: Run::new(world), samples, timeline: Vec::new(), owed_ms: 0.0, pace: Pace::default(), reached }
    }

    pub fn world(&self) -> &World {
        self.run.world()
    }

    pub fn step(&mut self) {
        self.run.step();
        self.reached = self.reached.max(self.run.world().time());
        self.sample();
    }

    /// Steps until the clock reaches `t` (no further if it already has).
    pub fn run_to(&mut self, t: SimTime) {
        while self.run.world().time() < t {
            self.step();
        }
    }

    /// Records the sample of a whole second just reached.
    fn sample(&mut self) {
        let now = self.run.world().time();
        if now.as_millis() % 1000 == 0 && now.as_millis() / 1000 == self.samples.len() as u64 {
            self.samples.push(Sample::of(self.run.world()));
        }
    }

    /// The samples up to the moment shown (after a seek back, later ones are kept for the slider).
    pub fn samples_so_far(&self) -> &[Sample] {
        let second = self.run.world().time().whole_secs() as usize;
        &self.samples[..self.samples.len().min(second + 1)]
    }

    /// The furthest moment the run has reached (what the time slider spans).
    pub fn furthest(&self) -> SimTime {
        SimTime::from_secs(self.samples.len().saturating_sub(1) as u64).max(self.reached).max(self.run.world().time())
    }

    /// Moves to `t` (rounded down to a tick), backwards or forwards within what was reached.
    pub fn seek(&mut self, t: SimTime) {
        let t = t.min(self.furthest());
        let t = SimTime(t.0 / DEFAULT_TICK.as_millis() * DEFAULT_TICK.as_millis());
        self.run.seek(t);
    }

    /// Does `step` now, as the button would, and records it in the timeline. What was sampled
    /// after this moment no longer happens. The answer is kubectl's (or its error).
    pub fn perform(&mut self, knobs: &Knobs, step: Step) -> Result<String, String> {
        self.perform_orders(knobs, step).map(|(answer, _)| answer)
    }

    /// [`Engine::perform`], with what the step did in a scenario file's words (the orders it
    /// was made of), for the page's scenario file.
    pub fn perform_orders(&mut self, knobs: &Knobs, step: Step) -> Result<(String, Vec<Order>), String> {
        let now = self.run.world().time();
        if let Step::Kubectl(line) = &step {
            // A line kubectl cannot read changes nothing, and is not kept.
            if line.len() > MAX_COMMAND {
                return Err(format!("error: the command is longer than {MAX_COMMAND} characters"));
            }
            crate::kubectl::parse(line)?;
        }
        let pos = self.timeline.partition_point(|(t, _)| *t <= now);
        self.timeline.insert(pos, (now, step.clone()));
        let orders = match step {
            Step::Deploy => knobs.deploy_orders(self.world())?,
            Step::Act(act) => vec![knobs.act_order(act, self.world())?],
            // As a scenario file writes a command: without the `kubectl` word.
            Step::Kubectl(line) => vec![Order::Kubectl(crate::kubectl::without_kubectl(&line).to_string())],
            Step::Apply { create, objects } => vec![Order::Apply { create, objects }],
            Step::Restore(state) => vec![Order::Restore(state)],
        };
        self.samples.truncate(now.as_millis() as usize / 1000 + 1);
        // What the run had reached after this moment no longer happens either.
        self.reached = now;
        // A push before a deploy is the registry's business, not kubectl's: the answer shown is
        // the last command's.
        let mut answer = String::new();
        for order in &orders {
            if let Order::Apply { create, .. } = order {
                answer = self.apply(order.clone().intents(now)?, *create)?;
                continue;
            }
            for intent in order.clone().intents(now)? {
                answer = self.run.act(intent)?;
            }
        }
        if orders.iter().any(|o| matches!(o, Order::Restore(_))) && now.as_millis() % 1000 == 0 {
            // The second's sample shows the cluster the run goes on from, not the one it replaced.
            self.samples[now.as_millis() as usize / 1000] = Sample::of(self.run.world());
        }
        Ok((answer, orders))
    }

    /// The objects of a file applied one by one, as kubectl does: each line of the answer is one
    /// object's (`deployment.apps/http-go configured`); one the server refuses does not stop the
    /// others, and makes the answer an error.
    fn apply(&mut self, intents: Vec<crate::sim::Intent>, create: bool) -> Result<String, String> {
        let file = crate::kubectl::apply::PANEL_FILE;
        let (mut lines, mut refused) = (Vec::new(), false);
        for intent in intents {
            match self.run.act(intent) {
                Ok(line) => lines.push(line),
                Err(e) => {
                    refused = true;
                    lines.push(crate::kubectl::apply::in_file(&e, file, create));
                }
            }
        }
        let answer = lines.join("\n");
        if refused {
            Err(answer)
        } else {
            Ok(answer)
        }
    }

    /// Replays `timeline` on a new run of `knobs` and `seed`, played to `end` and shown at `at`,
    /// in one go (the page replays a link a slice at a time, with [`Replay`]): the run that was
    /// played, and the last step's answer.
    pub fn replay(
        knobs: &Knobs,
        seed: u64,
        timeline: &[(SimTime, Step)],
        end: SimTime,
        at: SimTime,
    ) -> (Engine, Option<Result<String, String>>) {
        let mut replay = Replay::new(knobs, seed, timeline.to_vec(), end, at);
        while !replay.advance(u64::MAX) {}
        replay.finish()
    }
}

/// How many engine steps of `w`, with `rate` requests a second, make about `work` pod-seconds at
/// the run's size now (as [`crate::sim::limits::work`] counts it: each pod, or each replica asked
/// for while its pods are still being made, a fifth of each request a second, and the clock's
/// own hundred), at least one. A link being opened replays a slice of it per animation frame, and
/// a playing page runs no more than a frame's worth between two frames.
pub fn steps_for(w: &World, rate: u32, work: u64) -> u64 {
    let asked: i64 = w.deployments.values().map(|d| i64::from(d.spec.replicas.max(0))).sum();
    let pods = (w.pods.len() as u64).max(u64::try_from(asked).unwrap_or(0));
    let per_second = pods.saturating_add(u64::from(rate) / 5).saturating_add(100);
    let ticks_per_second = 1000 / DEFAULT_TICK.as_millis().max(1);
    (work.saturating_mul(ticks_per_second) / per_second).max(1)
}

/// A run being replayed from its timeline a slice at a time, so that the page can say how far
/// it has got between slices instead of freezing until it is done. [`Engine::replay`] is the
/// same replay in one go: a link opens the same run either way.
#[derive(Debug)]
pub struct Replay {
    knobs: Knobs,
    timeline: Vec<(SimTime, Step)>,
    /// The furthest moment to play to, and the moment to show.
    end: SimTime,
    at: SimTime,
    /// The next step of the timeline to perform.
    next: usize,
    engine: Engine,
    answer: Option<Result<String, String>>,
}

impl Replay {
    pub fn new(knobs: &Knobs, seed: u64, timeline: Vec<(SimTime, Step)>, end: SimTime, at: SimTime) -> Self {
        Replay { engine: Engine::new(knobs, seed), knobs: knobs.clone(), timeline, end, at, next: 0, answer: None }
    }

    /// Runs at most `steps` engine steps, performing the timeline's steps as their moments come.
    /// True when the replay has reached its end.
    pub fn advance(&mut self, steps: u64) -> bool {
        let mut left = steps;
        loop {
            let until = self.timeline.get(self.next).map_or(self.end.max(self.at), |(t, _)| *t);
            while self.engine.world().time() < until {
                if left == 0 {
                    return false;
                }
                self.engine.step();
                left -= 1;
            }
            let Some((_, step)) = self.timeline.get(self.next) else { return true };
            self.answer = Some(self.engine.perform(&self.knobs, step.clone()));
            self.next += 1;
        }
    }

    /// How many engine steps make a slice of about `work` pod-seconds at the run's size now
    /// ([`steps_for`]).
    pub fn steps_for(&self, work: u64) -> u64 {
        steps_for(self.engine.world(), self.knobs.rate, work)
    }

    /// The moment reached, and the one the replay plays to.
    pub fn progress(&self) -> (SimTime, SimTime) {
        (self.engine.world().time(), self.end.max(self.at))
    }

    /// Plays what is left, and shows the run at its moment: the run, and the last step's answer.
    pub fn finish(mut self) -> (Engine, Option<Result<String, String>>) {
        while !self.advance(u64::MAX) {}
        self.engine.seek(self.at);
        (self.engine, self.answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replayed_timeline_is_the_run_that_was_played() {
        let knobs = Knobs { replicas: 6, ..Knobs::default() };
        let mut live = Engine::new(&knobs, 7);
        live.run_to(SimTime::from_secs(20));
        live.perform(&knobs, Step::Deploy).unwrap();
        live.run_to(SimTime::from_secs(31));
        live.perform(&knobs, Step::Act(Act::Scale(9))).unwrap();
        live.run_to(SimTime::from_secs(60));
        // Scrubbed back, an act between the two: the timeline keeps time order.
        live.seek(SimTime::from_secs(25));
        live.perform(&knobs, Step::Act(Act::DeletePod)).unwrap();
        live.run_to(SimTime::from_secs(45));
        live.seek(SimTime::from_secs(40));
        let times: Vec<u64> = live.timeline.iter().map(|(t, _)| t.whole_secs()).collect();
        assert_eq!(times, [20, 25, 31]);

        let (replayed, answer) = Engine::replay(&knobs, 7, &live.timeline, live.furthest(), live.world().time());
        assert_eq!(answer, Some(Ok("deployment.apps/http-go scaled".into())));
        assert_eq!(replayed.world().time(), SimTime::from_secs(40));
        assert_eq!(replayed.furthest(), live.furthest());
        assert_eq!(Sample::of(replayed.world()), Sample::of(live.world()));
        assert_eq!(replayed.world().events().len(), live.world().events().len());
        assert_eq!(replayed.samples, live.samples);
    }

    #[test]
    fn after_a_seek_back_the_slider_goes_forward_to_the_very_tick_the_run_reached() {
        let knobs = Knobs::default();
        let mut live = Engine::new(&knobs, 1);
        let stopped = SimTime::from_millis(50_600);
        live.run_to(stopped);
        live.seek(SimTime::from_secs(22));
        assert_eq!(live.furthest(), stopped, "not the whole second before it");
        live.seek(SimTime::from_secs(90));
        assert_eq!(live.world().time(), stopped);
        // A step done at a moment gone back to drops what was reached after it.
        live.seek(SimTime::from_millis(30_300));
        live.perform(&knobs, Step::Deploy).unwrap();
        assert_eq!(live.furthest(), SimTime::from_millis(30_300));
    }

    #[test]
    fn a_typed_command_is_a_step_and_a_line_kubectl_cannot_read_is_not() {
        let knobs = Knobs::default();
        let mut live = Engine::new(&knobs, 3);
        live.run_to(SimTime::from_secs(15));
        let scale = Step::Kubectl("kubectl scale deployment/http-go --replicas=6".into());
        assert_eq!(live.perform(&knobs, scale.clone()), Ok("deployment.apps/http-go scaled".into()));
        for bad in ["kubectl frobnicate", "kubectl scale deployment/nothing --replicas=2"] {
            assert!(live.perform(&knobs, Step::Kubectl(bad.into())).is_err(), "{bad}");
        }
        assert_eq!(
            live.perform(&knobs, Step::Kubectl("kubectl frobnicate".into())),
            Err("error: unknown command \"frobnicate\" for \"kubectl\"".into())
        );
        live.run_to(SimTime::from_secs(40));
        let ready = |e: &Engine| e.world().pods.values().filter(|p| p.status.ready).count();
        assert_eq!(ready(&live), 6);
        // Only the command kubectl read is kept (the one the apiserver refused is kept too, as a
        // button that did nothing is: replayed, it does nothing again).
        assert_eq!(live.timeline.len(), 2);
        assert_eq!(live.timeline[0], (SimTime::from_secs(15), scale));
        let (replayed, _) = Engine::replay(&knobs, 3, &live.timeline, live.furthest(), live.world().time());
        assert_eq!(Sample::of(replayed.world()), Sample::of(live.world()));
    }
}
