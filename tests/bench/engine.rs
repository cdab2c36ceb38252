//! Engine benchmark, native (prints figures; not a timed test): `cargo bench --bench engine`.
//! The browser build runs the same workloads: `bash .ci/bench` runs both.
//!
//! - a RollingUpdate of 1,000 and of 10,000 replicas with readiness probes, run to completion;
//! - seeking to moments of a 10-minute run with 100 replicas.

use std::time::Instant;

mod workloads;

fn main() {
    let origin = Instant::now();
    let now_ms = move || origin.elapsed().as_secs_f64() * 1000.0;
    for line in workloads::run_all(&now_ms) {
        println!("native:  {line}");
    }
}
