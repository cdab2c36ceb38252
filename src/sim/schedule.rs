//! The intents still to come, in time order: the scenario's timeline as the world consumes it.
//!
//! A world is cloned for every checkpoint of a run (every 5 s of simulated time), and a long
//! timeline cloned each time would make a run's cost grow with the square of its length. So the
//! entries are shared (`Rc`) between a world and its checkpoints, and each world keeps only how
//! far it has got; adding an entry copies them once, if they are shared.

use std::rc::Rc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::intent::Intent;
use super::time::SimTime;

/// The intents still to come, in time order (stable for equal times).
#[derive(Clone, Debug, Default)]
pub struct Schedule {
    entries: Rc<Vec<(SimTime, Intent)>>,
    /// The first entry not yet taken.
    next: usize,
}

impl Schedule {
    /// Adds `intent` at `at`, after the entries already at that moment.
    pub fn add(&mut self, at: SimTime, intent: Intent) {
        let entries = Rc::make_mut(&mut self.entries);
        // The entries already taken go now that the vector is this world's own.
        entries.drain(..self.next);
        self.next = 0;
        let pos = entries.partition_point(|(t, _)| *t <= at);
        entries.insert(pos, (at, intent));
    }

    /// Takes the next entry due at or before `now`.
    pub fn take_due(&mut self, now: SimTime) -> Option<Intent> {
        let (at, intent) = self.entries.get(self.next)?;
        (*at <= now).then(|| {
            self.next += 1;
            intent.clone()
        })
    }

    /// What is still to come.
    pub fn remaining(&self) -> &[(SimTime, Intent)] {
        &self.entries[self.next..]
    }
}

impl PartialEq for Schedule {
    fn eq(&self, other: &Self) -> bool {
        self.remaining() == other.remaining()
    }
}

impl Eq for Schedule {}

impl Serialize for Schedule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.remaining().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Schedule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = Vec::deserialize(deserializer)?;
        Ok(Schedule { entries: Rc::new(entries), next: 0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pause(n: &str) -> Intent {
        Intent::Pause { deployment: n.into() }
    }

    #[test]
    fn entries_come_out_in_time_order_and_a_clone_keeps_its_own_place() {
        let mut s = Schedule::default();
        s.add(SimTime::from_secs(2), pause("b"));
        s.add(SimTime::from_secs(1), pause("a"));
        s.add(SimTime::from_secs(2), pause("c"));
        assert_eq!(s.take_due(SimTime::ZERO), None);
        assert_eq!(s.take_due(SimTime::from_secs(1)), Some(pause("a")));
        let checkpoint = s.clone();
        assert!(Rc::ptr_eq(&s.entries, &checkpoint.entries), "a checkpoint shares the entries, it does not copy them");
        assert_eq!(s.take_due(SimTime::from_secs(5)), Some(pause("b")));
        assert_eq!(s.take_due(SimTime::from_secs(5)), Some(pause("c")));
        assert_eq!(s.take_due(SimTime::from_secs(5)), None);
        // The checkpoint still has both, and adding to it leaves the other alone.
        let mut checkpoint = checkpoint;
        assert_eq!(checkpoint.remaining().len(), 2);
        checkpoint.add(SimTime::from_secs(3), pause("d"));
        assert_eq!(checkpoint.remaining().len(), 3);
        assert_eq!(s.remaining().len(), 0);
        // Equal by what is still to come, whatever was taken before.
        let mut fresh = Schedule::default();
        fresh.add(SimTime::from_secs(2), pause("b"));
        fresh.add(SimTime::from_secs(2), pause("c"));
        fresh.add(SimTime::from_secs(3), pause("d"));
        assert_eq!(checkpoint, fresh);
        let json = serde_json::to_string(&checkpoint).unwrap();
        assert_eq!(serde_json::from_str::<Schedule>(&json).unwrap(), fresh);
    }
}
