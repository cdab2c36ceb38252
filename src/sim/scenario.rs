//! Ready-made starting points for a run. (The scenario file format of `rolloutscope simulate`
//! will live here too.)

use super::intent::Intent;
use super::objects::{Deployment, Probe};
use super::world::World;

/// The course's first example: Deployment `http-go`, three replicas of `gasbugs/http-go:v1` with
/// a readiness probe, on three nodes.
pub fn http_go(seed: u64) -> World {
    let mut d = Deployment::new("http-go", "gasbugs/http-go:v1", 3);
    d.spec.template.containers[0].readiness_probe = Some(Probe {
        handler: "GET /health on 8080".into(),
        initial_delay_seconds: 2,
        period_seconds: 2,
        ..Probe::default()
    });
    let mut w = World::with_nodes(seed, 3);
    // Applying a well-formed Deployment to an empty cluster cannot be refused.
    let _ = w.apply(Intent::Apply { deployment: Box::new(d) });
    w
}

/// The next version's tag: `app:v1` → `app:v2`; an image without a `vN` tag gets `:v2`.
pub fn next_version(image: &str) -> String {
    let (name, tag, _) = super::objects::split_image(image);
    match tag.and_then(|t| t.strip_prefix('v')).and_then(|n| n.parse::<u32>().ok()) {
        Some(n) => format!("{name}:v{}", n + 1),
        None => format!("{name}:v2"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimTime;

    #[test]
    fn next_version_counts_up() {
        assert_eq!(next_version("gasbugs/http-go:v1"), "gasbugs/http-go:v2");
        assert_eq!(next_version("gasbugs/http-go:v9"), "gasbugs/http-go:v10");
        assert_eq!(next_version("nginx"), "nginx:v2");
        assert_eq!(next_version("registry:5000/app:latest"), "registry:5000/app:v2");
    }

    #[test]
    fn the_example_comes_up_ready() {
        let mut w = http_go(1);
        w.run_until(SimTime::from_secs(20));
        let d = &w.deployments["http-go"];
        assert_eq!(d.status.available_replicas, 3);
    }
}
