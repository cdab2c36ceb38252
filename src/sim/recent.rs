//! The latest items of a stream, bounded and cheap to clone: a world is cloned for every
//! checkpoint, and the requests it keeps for the traffic view (thousands of them, with names)
//! were most of what each clone copied (300 KB a checkpoint at any cluster size). Full chunks are
//! sealed and shared between clones, as the event log's are; only the open tail is copied.

use std::collections::VecDeque;
use std::rc::Rc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Items per sealed chunk.
const CHUNK: usize = 250;

/// The latest items: at least `N` of them once that many were pushed (at most `N` + one chunk),
/// oldest first.
#[derive(Clone, Debug)]
pub struct Recent<T, const N: usize> {
    sealed: VecDeque<Rc<[T]>>,
    tail: Vec<T>,
}

impl<T, const N: usize> Default for Recent<T, N> {
    fn default() -> Self {
        Recent { sealed: VecDeque::new(), tail: Vec::new() }
    }
}

impl<T, const N: usize> Recent<T, N> {
    pub fn push(&mut self, item: T) {
        self.tail.push(item);
        if self.tail.len() == CHUNK {
            self.sealed.push_back(Rc::from(std::mem::take(&mut self.tail)));
            if self.sealed.len() * CHUNK > N {
                self.sealed.pop_front();
            }
        }
    }

    pub fn len(&self) -> usize {
        self.sealed.len() * CHUNK + self.tail.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + Clone + '_ {
        self.sealed.iter().flat_map(|c| c.iter()).chain(self.tail.iter())
    }
}

impl<T: PartialEq, const N: usize> PartialEq for Recent<T, N> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: Eq, const N: usize> Eq for Recent<T, N> {}

impl<T: Serialize, const N: usize> Serialize for Recent<T, N> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de, T: Deserialize<'de>, const N: usize> Deserialize<'de> for Recent<T, N> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut recent = Recent::default();
        for item in Vec::<T>::deserialize(d)? {
            recent.push(item);
        }
        Ok(recent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_at_least_the_latest_n_in_order_and_clones_share_chunks() {
        let mut r: Recent<usize, 1000> = Recent::default();
        for i in 0..5_000 {
            r.push(i);
        }
        assert!((1000..=1000 + CHUNK).contains(&r.len()), "{}", r.len());
        let kept: Vec<usize> = r.iter().copied().collect();
        assert_eq!(kept.last(), Some(&4_999));
        assert!(kept.windows(2).all(|w| w[1] == w[0] + 1));
        assert_eq!(r.iter().rev().take(3).copied().collect::<Vec<_>>(), [4_999, 4_998, 4_997]);
        let copy = r.clone();
        assert!(Rc::ptr_eq(&r.sealed[0], &copy.sealed[0]));
        let json = serde_json::to_string(&r).unwrap();
        let back: Recent<usize, 1000> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.iter().collect::<Vec<_>>(), r.iter().collect::<Vec<_>>());
    }
}
