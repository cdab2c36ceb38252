//! The one random number generator of a run.
//!
//! Every random choice the engine makes (pod name suffixes, which endpoint a request picks, jitter)
//! comes from one PCG stream seeded by the run's explicit `u64` seed. PCG is specified bit for bit,
//! so a seed yields the same numbers natively and in the browser; the golden test below pins it.

use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg32;
use serde::{Deserialize, Serialize};

/// Seeded, portable randomness owned by the [`crate::sim::World`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimRng {
    seed: u64,
    inner: Pcg32,
}

/// The characters Kubernetes uses for generated name suffixes (`k8s.io/apimachinery` `rand.String`:
/// no vowels and no easily confused characters, so that no words are spelt by accident).
const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

impl SimRng {
    pub fn new(seed: u64) -> Self {
        SimRng { seed, inner: Pcg32::seed_from_u64(seed) }
    }

    /// The seed this generator started from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn next_u32(&mut self) -> u32 {
        self.inner.next_u32()
    }

    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }

    /// A uniform integer in `0..n` without modulo bias (Lemire's method with rejection).
    /// Returns 0 when `n` is 0.
    pub fn below(&mut self, n: u32) -> u32 {
        if n == 0 {
            return 0;
        }
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u64::from(self.next_u32()) * u64::from(n);
            if (m as u32) >= threshold {
                return (m >> 32) as u32;
            }
        }
    }

    /// True with probability `per_million / 1_000_000`, in integers so every target agrees.
    pub fn chance_per_million(&mut self, per_million: u32) -> bool {
        self.below(1_000_000) < per_million
    }

    /// A Kubernetes-style random name suffix of `len` characters, as in `http-go-5b8c4d7f9-x7k2p`.
    pub fn name_suffix(&mut self, len: usize) -> String {
        (0..len).map(|_| char::from(NAME_ALPHABET[self.below(NAME_ALPHABET.len() as u32) as usize])).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pins the stream: if a dependency update ever changed it, every golden trace would change too.
    #[test]
    fn golden_values_for_seed_42() {
        let mut rng = SimRng::new(42);
        let first: Vec<u32> = (0..4).map(|_| rng.next_u32()).collect();
        // The browser test `tests/browser.rs` asserts the same values on wasm32.
        assert_eq!(first, [3400036912, 3349765444, 515166382, 4224707908]);
        assert_eq!(SimRng::new(42).name_suffix(5), "44f9m");
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut rng = SimRng::new(7);
        let mut seen = [false; 6];
        for _ in 0..1000 {
            let v = rng.below(6);
            assert!(v < 6);
            seen[v as usize] = true;
        }
        assert!(seen.iter().all(|s| *s));
        assert_eq!(rng.below(0), 0);
    }

    #[test]
    fn name_suffix_uses_the_kubernetes_alphabet() {
        let s = SimRng::new(1).name_suffix(64);
        assert_eq!(s.len(), 64);
        assert!(s.bytes().all(|b| NAME_ALPHABET.contains(&b)));
    }
}
