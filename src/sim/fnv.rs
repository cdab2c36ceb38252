//! FNV-1a, the hash behind the names Kubernetes derives (`pod-template-hash`) and the digests
//! the simulated registry gives its images. A leaf: it depends on nothing.

/// FNV-1a, 32 bits, as `ComputeHash` uses (`hash/fnv` `New32a`).
pub fn fnv32a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}
