//! What the simulator takes on: how many replicas and nodes, how long a run, how much work. Past
//! these a page would freeze, so a scenario, a `scale` or a link asking for more is refused with
//! words that name the limit (Kubernetes itself would accept it).

use super::time::SimDuration;

/// The most replicas the simulator runs, over all Deployments. Kubernetes accepts more; a page
/// that simulated a million pods would freeze, so a scenario or a `scale` asking for more is
/// refused with this number.
pub const MAX_REPLICAS: i32 = 10_000;
/// The most nodes a scenario may have.
pub const MAX_NODES: u32 = 1_000;

pub use super::time::MAX_DURATION;

/// The most work one run may take, in pod-seconds ([`work`]): 10,000 replicas for an hour, or
/// four for a day. About half a minute natively on a laptop; the page replays a shared link
/// within [`MAX_LINK_WORK`].
pub const MAX_RUN_WORK: u64 = 40_000_000;

/// The most work the page replays to open a link (1,000 replicas for an hour): the replay runs
/// before the page can answer, so a link past it is refused with a message (and the page makes
/// none).
pub const MAX_LINK_WORK: u64 = 8_000_000;

/// What a run of `duration` costs, in pod-seconds: each pod costs about the same every simulated
/// second (the kubelet's and the controllers' work), a request about a fifth of that (measured:
/// `simulate` natively, 1,000 replicas for 10 minutes in 0.45 s, 10,000 requests a second for 10
/// minutes in 0.77 s), and every second a sample and the clock's steps, about 100 pods' worth.
pub fn work(max_pods: u64, rate_per_second: u64, duration: SimDuration) -> u64 {
    let seconds = duration.as_millis().div_ceil(1000);
    seconds.saturating_mul(max_pods.saturating_add(rate_per_second / 5).saturating_add(100))
}

/// Refuses a run of `duration` that is longer than [`MAX_DURATION`] or costs more than `budget`
/// ([`work`]), in words that name the limit.
pub fn check_work(max_pods: u64, rate_per_second: u64, duration: SimDuration, budget: u64) -> Result<(), String> {
    if duration > MAX_DURATION {
        return Err(format!(
            "{} of simulated time is more than the simulator runs: at most {}",
            duration.in_words(),
            MAX_DURATION.in_words()
        ));
    }
    let cost = work(max_pods, rate_per_second, duration);
    if cost > budget {
        return Err(format!(
            "{} of {max_pods} pods and {rate_per_second} requests a second is {cost} pod-seconds of work, \
             more than the {budget} the simulator takes on (1,000 replicas for an hour is 7,560,000); \
             run it for less time, or with fewer replicas or requests",
            duration.in_words()
        ));
    }
    Ok(())
}
