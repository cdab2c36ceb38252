//! Engine benchmark, native (prints figures; not a timed test): `cargo bench --bench engine`.
//! The browser build runs the same workloads: `bash .ci/bench` runs both.
//!
//! - a RollingUpdate of 1,000 and of 10,000 replicas with readiness probes, run to completion;
//! - seeking to moments of a 10-minute run with 100 replicas.

use std::time::Instant;

mod workloads;

/// The process's resident memory (`VmRSS` of /proc/self/status; 0 where there is none): what the
/// long run's memory figure reads natively.
fn resident_bytes() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok());
    kb.unwrap_or(0usize) * 1024
}

fn main() {
    let origin = Instant::now();
    let now_ms = move || origin.elapsed().as_secs_f64() * 1000.0;
    for line in workloads::run_all(&now_ms, &resident_bytes) {
        println!("native:  {line}");
    }
}
