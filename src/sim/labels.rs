//! [`Labels`]: an object's labels, annotations or selector, a small map of strings kept as a
//! vector sorted by key.
//!
//! An object has a handful of labels (a pod has two: the template's `app` and the ReplicaSet's
//! `pod-template-hash`), and a `BTreeMap` gives each map a node with room for eleven entries:
//! 577 bytes for a pod's two labels, a third of the pod, copied into every pod a ReplicaSet
//! makes and into every checkpoint. Sorted in a vector the same two take 96 bytes and their
//! strings. The API is `BTreeMap`'s, and so is the order: iteration, `Debug` and serde's map all
//! go by key, so a run's trace is the same as with a `BTreeMap`.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A map of strings sorted by key: an object's labels, annotations or selector.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Labels(Vec<(String, String)>);

/// What [`Labels::iter`] yields: each key and value, by key.
pub type Iter<'a> = std::iter::Map<std::slice::Iter<'a, (String, String)>, fn(&(String, String)) -> (&String, &String)>;

fn pair((k, v): &(String, String)) -> (&String, &String) {
    (k, v)
}

impl Labels {
    /// No labels.
    pub const fn new() -> Self {
        Labels(Vec::new())
    }

    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        String: Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&String>
    where
        String: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut String>
    where
        String: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &mut self.0[i].1)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        String: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`, returning the value it had.
    pub fn insert(&mut self, key: String, value: String) -> Option<String> {
        match self.find(key.as_str()) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// Removes `key`, returning its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<String>
    where
        String: Borrow<Q>,
    {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut String) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Each key and value, by key.
    pub fn iter(&self) -> Iter<'_> {
        self.0.iter().map(pair as fn(&(String, String)) -> (&String, &String))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.0.iter().map(|(_, v)| v)
    }

    /// The first key and value, by key.
    pub fn first_key_value(&self) -> Option<(&String, &String)> {
        self.0.first().map(pair)
    }
}

impl fmt::Debug for Labels {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<Q: Ord + ?Sized> std::ops::Index<&Q> for Labels
where
    String: Borrow<Q>,
{
    type Output = String;
    /// As `BTreeMap`'s: panics when the key is not there.
    fn index(&self, key: &Q) -> &String {
        self.get(key).expect("no entry found for key")
    }
}

impl Extend<(String, String)> for Labels {
    fn extend<I: IntoIterator<Item = (String, String)>>(&mut self, pairs: I) {
        for (k, v) in pairs {
            self.insert(k, v);
        }
    }
}

impl FromIterator<(String, String)> for Labels {
    /// As `BTreeMap`'s: a key given twice keeps its last value. (One insert after another, not a
    /// sort: a handful of labels, and no sort of its own in the page's wasm.)
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Self {
        let mut labels = Labels::new();
        labels.extend(pairs);
        labels
    }
}

impl<const N: usize> From<[(String, String); N]> for Labels {
    fn from(pairs: [(String, String); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl From<BTreeMap<String, String>> for Labels {
    fn from(map: BTreeMap<String, String>) -> Self {
        Labels(map.into_iter().collect())
    }
}

impl From<Labels> for BTreeMap<String, String> {
    fn from(labels: Labels) -> Self {
        labels.0.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a Labels {
    type Item = (&'a String, &'a String);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Labels {
    type Item = (String, String);
    type IntoIter = std::vec::IntoIter<(String, String)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Serialize for Labels {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Labels {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::<String, String>::deserialize(deserializer).map(Labels::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> String {
        x.to_string()
    }

    /// Every operation agrees with `BTreeMap`'s on the same sequence of inserts and removals,
    /// including the order of iteration and the `Debug` and JSON forms.
    #[test]
    fn behaves_as_a_btreemap() {
        let ops = [
            ("b", Some("1")),
            ("a", Some("2")),
            ("c", Some("3")),
            ("a", Some("4")),
            ("b", None),
            ("z", None),
            ("b", Some("5")),
        ];
        let (mut mine, mut theirs) = (Labels::new(), BTreeMap::new());
        for (k, v) in ops {
            match v {
                Some(v) => assert_eq!(mine.insert(s(k), s(v)), theirs.insert(s(k), s(v))),
                None => assert_eq!(mine.remove(k), theirs.remove(k)),
            }
            assert_eq!(mine.iter().collect::<Vec<_>>(), theirs.iter().collect::<Vec<_>>());
            assert_eq!(format!("{mine:?}"), format!("{theirs:?}"));
            assert_eq!(serde_json::to_string(&mine).unwrap(), serde_json::to_string(&theirs).unwrap());
            assert_eq!(mine.len(), theirs.len());
            assert_eq!(mine.get("a"), theirs.get("a"));
            assert_eq!(mine.contains_key("b"), theirs.contains_key("b"));
        }
        let pairs = [(s("k"), s("1")), (s("j"), s("2")), (s("k"), s("3"))];
        let collected: Labels = pairs.clone().into_iter().collect();
        let map: BTreeMap<String, String> = pairs.into_iter().collect();
        assert_eq!(BTreeMap::from(collected.clone()), map, "a key given twice keeps its last value");
        let read: Labels = serde_json::from_str(r#"{"y":"1","x":"2"}"#).unwrap();
        assert_eq!(read.keys().collect::<Vec<_>>(), ["x", "y"]);
    }
}
