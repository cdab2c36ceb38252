//! Why the engine did something, as data.
//!
//! The engine says *what* made each decision, with the numbers it used; it does not say it in any
//! language. `crate::i18n::why_text` turns a [`Why`] into English or Korean for the page, the
//! console and the trace. (Kubernetes' own event messages stay in the engine, in English, as
//! `kubectl describe` prints them on every cluster.)

use serde::{Deserialize, Serialize};

use super::objects::PullPolicy;
use super::time::SimDuration;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "why")]
pub enum Why {
    // The Deployment controller.
    /// The selector is empty: it would select every pod.
    EmptySelector,
    /// `spec.paused` is true: scaling only.
    Paused,
    /// `spec.paused` went back to false.
    Resumed,
    /// An old ReplicaSet's template is the Deployment's again (a rollback): it gets `revision`.
    TemplateMatchesAgain { revision: i64 },
    /// The template changed, so a ReplicaSet with `revision` was created, sized for `sizing`.
    NewReplicaSet { revision: i64, sizing: Box<Why> },
    /// RollingUpdate: the new ReplicaSet may grow to `target` within `replicas + maxSurge`.
    SurgeRoom { max_surge: i32, max_total: i32, wanted: i32, target: i32 },
    /// RollingUpdate: `replicas + maxSurge` overflows the controller's `int32` (it is
    /// `max_total`, negative), so the new ReplicaSet is never scaled up, as on a real cluster.
    SurgeOverflows { replicas: i32, max_surge: i32, max_total: i32 },
    /// Recreate sizes the new ReplicaSet to every replica at once.
    RecreateAllAtOnce { replicas: i32 },
    /// The new ReplicaSet is larger than the Deployment.
    NewAboveReplicas { replicas: i32 },
    /// `cleanupUnhealthyReplicas`: unavailable old pods go first, within the budget.
    UnhealthyOldPods { count: i32, budget: i32, min_available: i32, new_unavailable: i32 },
    /// `scaleDownOldReplicaSetsForRollingUpdate`: available pods above the minimum can go.
    AvailableAboveMinimum { available: i32, max_unavailable: i32, min_available: i32, can_go: i32 },
    /// Recreate: no old pod runs any more.
    RecreateOldGone { replicas: i32 },
    /// Recreate: old pods stop before new ones start.
    RecreateStopsOldFirst,
    /// Proportional scaling with one active ReplicaSet.
    OnlyActive { replicas: i32 },
    /// The new ReplicaSet has all its replicas available: old ones go to zero.
    NewSaturated,
    /// Proportional scaling across several active ReplicaSets.
    Proportional { replicas: i32, allowed: i32, max_surge: i32 },
    /// `revisionHistoryLimit` cleanup.
    HistoryLimit { limit: i32 },
    /// The rollout completed.
    Complete,
    /// `progressDeadlineSeconds` passed without progress.
    DeadlineExceeded { seconds: i32 },
    /// Enough pods are available for the Available condition.
    MinimumAvailable { available: i32, required: i32 },
    /// Too few pods are available for the Available condition.
    BelowMinimum { available: i32, required: i32 },

    // The kubelet and the scheduler.
    /// Shutdown waits for a preStop sleep before SIGTERM.
    PreStopThenSigterm { shutdown: SimDuration, grace: SimDuration },
    /// Shutdown sends SIGTERM at once.
    SigtermAtOnce,
    /// The application ignores SIGTERM: it runs until SIGKILL at the end of the grace period.
    SigtermIgnored { grace: SimDuration },
    /// The node's cached copy is used.
    CachedImage { policy: PullPolicy },
    /// `imagePullPolicy: Never` and the node lacks the image.
    NeverPullMissing,
    /// `imagePullPolicy: Always` asks the registry every time.
    PullAlways,
    /// The node does not have the image yet.
    NotOnNode,
    /// The pull failed; it is retried after `retry_in`.
    PullFailed { retry_in: SimDuration },
    /// The node now caches the image.
    NowCached,
    /// The container started.
    ContainerRuns,
    /// A restart waits `delay` in CrashLoopBackOff because of `cause`.
    CrashBackOff { cause: Box<Why>, restart: i32, delay: SimDuration },
    /// The application exited with an error.
    AppCrashed { container: String },
    /// The startup probe failed `failure_threshold` times in a row.
    StartupProbeFailed { failure_threshold: i32 },
    /// The liveness probe failed `failure_threshold` times in a row (`before_up`: before the
    /// application had even started answering).
    LivenessProbeFailed { failure_threshold: i32, before_up: bool },
    /// The readiness probe passed `success_threshold` times in a row.
    ReadinessPassed { success_threshold: i32 },
    /// The readiness probe failed `failure_threshold` times in a row.
    ReadinessFailed { failure_threshold: i32 },
    /// No ready node can take the pod.
    NoReadyNode,
    /// The scheduler's choice: the ready node with the fewest pods.
    FewestPods,
    /// The node's kubelet sent no status for `grace` (node-monitor-grace-period).
    NodeStoppedReporting { grace: SimDuration },
    /// The pod's node is NotReady, so the node lifecycle controller marks the pod NotReady.
    PodOnNotReadyNode,
    /// The pod's toleration of the unreachable taint (`toleration`) ran out.
    UnreachableTolerationOver { toleration: SimDuration },
    /// The node's kubelet reports again.
    NodeReportsAgain,
    /// A version that changes the shared data's schema started; older versions cannot read it.
    DataMigrated { image: String },
}
