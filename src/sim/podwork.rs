//! The kubelet's bookkeeping for one pod ([`PodWork`]), kept on the pod
//! ([`Pod::kubelet`](super::objects::Pod)) so that a checkpoint holds it: where the pod is in its
//! life, when anything is next due for it, its probe workers' counts. Data only; the kubelet
//! ([`super::kubelet`]) moves it.

use serde::{Deserialize, Serialize};

use super::time::SimTime;

/// Where the pod is in its life, as far as the kubelet is concerned.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Waiting for the scheduler.
    #[default]
    Unscheduled,
    /// Bound to a node; the kubelet starts on it at the next wake-up.
    Scheduled,
    Pulling {
        done_at: SimTime,
        digest: String,
        fails: bool,
    },
    /// ErrImagePull is shown until `shown_until`, then ImagePullBackOff until the retry.
    PullBackOff {
        until: SimTime,
        shown_until: SimTime,
    },
    /// `imagePullPolicy: Never` and the node lacks the image: stuck.
    NeverPull,
    Running {
        crash_at: Option<SimTime>,
    },
    CrashBackOff {
        until: SimTime,
    },
    Terminating {
        until: SimTime,
        /// The application ignored SIGTERM: `until` is the SIGKILL at the end of the grace period.
        #[serde(default)]
        killed: bool,
    },
    /// Every container has stopped; the pod object is removed.
    Gone,
    /// A pod read from a cluster whose containers had already stopped for good (Succeeded or
    /// Failed): nothing runs, and it stays until it is deleted.
    Finished,
}

/// One probe worker's state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeWork {
    pub next_at: Option<SimTime>,
    pub successes: i32,
    pub failures: i32,
}

/// The kubelet's bookkeeping for one pod.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PodWork {
    pub stage: Stage,
    /// The next moment anything is due for this pod.
    pub wake: SimTime,
    pub pull_failures: u32,
    /// Restarts since the container last ran cleanly for 2 × the maximum back-off.
    pub crash_restarts: u32,
    pub startup: ProbeWork,
    pub liveness: ProbeWork,
    pub readiness: ProbeWork,
    /// The scheduler has said once that no node can take the pod (said once, not every tick).
    pub reported_unschedulable: bool,
    /// Injected faults: the probe fails from now on, whatever the image does.
    pub readiness_fault: bool,
    pub liveness_fault: bool,
}
