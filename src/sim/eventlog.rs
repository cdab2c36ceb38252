//! The trace so far, cheap to clone: a world is cloned for every checkpoint, and its history
//! must not be copied each time. Full chunks are sealed and shared; only the open tail is copied.
//!
//! Bounded: past [`MAX_KEPT`] events the oldest chunk is let go (its events are counted, not
//! kept), so that a run left playing for a whole class does not grow without end. Indices stay
//! those of the whole run: [`EventLog::len`] counts every event, [`EventLog::dropped`] the ones
//! no longer kept.

use std::rc::Rc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::time::SimTime;
use super::why::Why;

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
    /// Why the engine did it, for the "why did it do that" explanations (`crate::i18n::why_text`
    /// says it in words); none for what merely happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Why>,
}

/// Events per sealed chunk.
const CHUNK: usize = 256;

/// The most events a log keeps (about 100,000, some tens of megabytes): a rollout of 1,000
/// replicas records about 10,000.
pub const MAX_KEPT: usize = 400 * CHUNK;

#[derive(Clone, Debug, Default)]
pub struct EventLog {
    sealed: Vec<Rc<[Event]>>,
    tail: Vec<Event>,
    len: usize,
    /// Events let go from the front, a whole number of chunks.
    dropped: usize,
}

impl EventLog {
    pub fn push(&mut self, e: Event) {
        self.tail.push(e);
        self.len += 1;
        if self.tail.len() == CHUNK {
            self.sealed.push(Rc::from(std::mem::take(&mut self.tail)));
            if self.len - self.dropped > MAX_KEPT {
                self.sealed.remove(0);
                self.dropped += CHUNK;
            }
        }
    }

    /// Every event of the run, kept or not.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The oldest events no longer kept (0 until the log passes [`MAX_KEPT`]).
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// The kept events, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Event> + '_ {
        self.sealed.iter().flat_map(|c| c.iter()).chain(self.tail.iter())
    }

    /// The kept events from the run's index `from` on (what a view showing the latest ones needs).
    pub fn since(&self, from: usize) -> impl Iterator<Item = &Event> + '_ {
        let from = from.max(self.dropped) - self.dropped;
        let chunk = from / CHUNK;
        let skip = from - chunk.min(self.sealed.len()) * CHUNK;
        self.sealed.iter().skip(chunk).flat_map(|c| c.iter()).chain(self.tail.iter()).skip(skip)
    }
}

impl<'a> IntoIterator for &'a EventLog {
    type Item = &'a Event;
    type IntoIter = Box<dyn Iterator<Item = &'a Event> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl PartialEq for EventLog {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.dropped == other.dropped && self.iter().eq(other.iter())
    }
}

impl Eq for EventLog {}

impl Serialize for EventLog {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for EventLog {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut log = EventLog::default();
        for e in Vec::<Event>::deserialize(d)? {
            log.push(e);
        }
        Ok(log)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimTime;

    fn event(i: usize) -> Event {
        Event {
            t: SimTime::from_millis(i as u64),
            kind: "K".into(),
            object: "o".into(),
            message: i.to_string(),
            why: None,
        }
    }

    #[test]
    fn clones_share_sealed_chunks_and_read_in_order() {
        let mut log = EventLog::default();
        for i in 0..(CHUNK * 2 + 10) {
            log.push(event(i));
        }
        let copy = log.clone();
        assert!(Rc::ptr_eq(&log.sealed[0], &copy.sealed[0]));
        assert_eq!(copy.len(), CHUNK * 2 + 10);
        assert!(copy.iter().enumerate().all(|(i, e)| e.message == i.to_string()));
        let from = CHUNK + 3;
        let rest: Vec<String> = log.since(from).map(|e| e.message.clone()).collect();
        assert_eq!(rest.len(), CHUNK + 7);
        assert_eq!(rest[0], from.to_string());
        assert_eq!(log.since(log.len()).count(), 0);
        let json = serde_json::to_string(&log).unwrap();
        let back: EventLog = serde_json::from_str(&json).unwrap();
        assert_eq!(back, log);
    }

    #[test]
    fn past_its_bound_the_log_lets_the_oldest_go_and_keeps_counting() {
        let mut log = EventLog::default();
        let total = MAX_KEPT + 3 * CHUNK + 7;
        for i in 0..total {
            log.push(event(i));
        }
        assert_eq!(log.len(), total);
        assert!(log.len() - log.dropped() <= MAX_KEPT + CHUNK);
        assert_eq!(log.dropped() % CHUNK, 0);
        assert!(log.dropped() > 0);
        let first = log.iter().next().unwrap();
        assert_eq!(first.message, log.dropped().to_string(), "the kept ones are the latest, in order");
        // Indices are the run's: since() of a dropped index starts at the oldest kept.
        assert_eq!(log.since(0).next().unwrap().message, log.dropped().to_string());
        assert_eq!(
            log.since(total - 2).map(|e| e.message.clone()).collect::<Vec<_>>(),
            [(total - 2).to_string(), (total - 1).to_string()]
        );
    }
}
