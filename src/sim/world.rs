//! The world: everything a run is, at one moment of simulated time.

use serde::{Deserialize, Serialize};

use super::rng::SimRng;
use super::time::{SimDuration, SimTime};

/// How far one [`World::step`] moves the clock, unless a run says otherwise.
///
/// Controllers react one tick after a change, as they do to watch events in a real cluster, so a
/// tick stands for the latency of a watch: short enough that a rollout's steps are not blurred
/// together, long enough that a ten-minute run is a few thousand steps.
pub const DEFAULT_TICK: SimDuration = SimDuration::from_millis(100);

/// One line of the trace: what happened, to which object, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub t: SimTime,
    /// Kubernetes' event reason where it has one (`ScalingReplicaSet`, `Killing`, `Unhealthy`).
    #[serde(rename = "type")]
    pub kind: String,
    /// `kind/name`, as kubectl names objects: `rs/http-go-5b8c4d7f9`.
    pub object: String,
    pub message: String,
}

/// The whole simulated cluster and its clock. Cloning a world is a checkpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct World {
    time: SimTime,
    tick: SimDuration,
    rng: SimRng,
    events: Vec<Event>,
}

impl World {
    /// An empty cluster at time zero whose every random choice follows from `seed`.
    pub fn new(seed: u64) -> Self {
        World { time: SimTime::ZERO, tick: DEFAULT_TICK, rng: SimRng::new(seed), events: Vec::new() }
    }

    pub fn time(&self) -> SimTime {
        self.time
    }

    pub fn tick(&self) -> SimDuration {
        self.tick
    }

    pub fn seed(&self) -> u64 {
        self.rng.seed()
    }

    pub fn events(&self) -> &[Event] {
        &self.events
    }

    pub fn rng(&mut self) -> &mut SimRng {
        &mut self.rng
    }

    /// Records an event at the current time.
    pub fn record(&mut self, kind: &str, object: &str, message: impl Into<String>) {
        self.events.push(Event {
            t: self.time,
            kind: kind.to_owned(),
            object: object.to_owned(),
            message: message.into(),
        });
    }

    /// Advances the clock by one tick. The only way simulated time moves.
    pub fn step(&mut self) {
        self.time = self.time + self.tick;
    }

    /// Steps until the clock reaches `t` (or passes it by less than a tick).
    pub fn run_until(&mut self, t: SimTime) {
        while self.time < t {
            self.step();
        }
    }

    /// The trace: one line per event, in the documented legend `t=12.0s rs/name Reason: message`.
    pub fn trace(&self) -> String {
        let mut out = String::new();
        for e in &self.events {
            out.push_str(&format!("t={} {} {}: {}\n", e.t, e.object, e.kind, e.message));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_advances_by_one_tick_and_nothing_else_moves_time() {
        let mut w = World::new(1);
        assert_eq!(w.time(), SimTime::ZERO);
        w.step();
        assert_eq!(w.time(), SimTime::ZERO + DEFAULT_TICK);
        w.run_until(SimTime::from_secs(3));
        assert_eq!(w.time(), SimTime::from_secs(3));
    }

    #[test]
    fn a_clone_is_a_checkpoint() {
        let mut w = World::new(9);
        w.run_until(SimTime::from_secs(1));
        let checkpoint = w.clone();
        w.rng().next_u32();
        w.record("Test", "deployment/x", "moved on");
        w.run_until(SimTime::from_secs(2));
        assert_ne!(w, checkpoint);
        assert_eq!(checkpoint.time(), SimTime::from_secs(1));
        assert!(checkpoint.events().is_empty());
    }

    #[test]
    fn trace_uses_the_legend() {
        let mut w = World::new(0);
        w.run_until(SimTime::from_millis(12_000));
        w.record("ScalingReplicaSet", "deployment/http-go", "Scaled up replica set http-go-abc to 1");
        assert_eq!(w.trace(), "t=12.0s deployment/http-go ScalingReplicaSet: Scaled up replica set http-go-abc to 1\n");
    }
}
