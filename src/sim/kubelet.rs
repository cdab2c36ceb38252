//! The kubelet (`pkg/kubelet`): image pulls with the node's cache and `imagePullPolicy`, container
//! start-up, the three probes (`prober/worker.go` `doProbe`), restarts with CrashLoopBackOff, and
//! termination with the grace period.
//!
//! Each pod carries its own timers ([`PodWork`]); [`advance`] runs whatever is due at `now` and
//! sets the next wake-up, so idle pods cost nothing.

use super::images::Registry;
use super::objects::*;
pub use super::podwork::{PodWork, ProbeWork, Stage};
use super::time::{SimDuration, SimTime};
use super::why::Why;

/// `backOffPeriod`: the first restart or pull back-off.
pub const BACKOFF_INITIAL: SimDuration = SimDuration::from_secs(10);
/// `MaxContainerBackOff`: back-off doubles up to five minutes.
pub const BACKOFF_MAX: SimDuration = SimDuration::from_secs(300);
/// Checking a registry for a digest the node already has (an `Always` pull of a cached image).
const MANIFEST_CHECK: SimDuration = SimDuration::from_millis(500);

/// What the kubelet noticed, for the event log (`kubectl describe pod`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KubeletEvent {
    pub reason: &'static str,
    pub message: String,
    pub why: Option<Why>,
}

/// The delay before the `n`-th retry (n ≥ 1): 10 s doubling to 5 min.
pub fn backoff(n: u32) -> SimDuration {
    let ms = BACKOFF_INITIAL.as_millis().saturating_mul(1u64 << (n.saturating_sub(1)).min(16));
    SimDuration::from_millis(ms.min(BACKOFF_MAX.as_millis()))
}

fn secs(s: i32) -> SimDuration {
    SimDuration::from_secs(s.max(0) as u64)
}

struct Ctx<'a> {
    now: SimTime,
    node: Option<&'a mut Node>,
    registry: &'a mut Registry,
    events: Vec<KubeletEvent>,
}

impl Ctx<'_> {
    fn event(&mut self, reason: &'static str, message: String, why: Why) {
        self.events.push(KubeletEvent { reason, message, why: Some(why) });
    }

    /// An event the kubelet reports without a decision behind it (a failed probe).
    fn report(&mut self, reason: &'static str, message: String) {
        self.events.push(KubeletEvent { reason, message, why: None });
    }
}

/// Runs what is due for `pod` at `now` on its node. Returns the events it produced.
pub fn advance(pod: &mut Pod, node: Option<&mut Node>, registry: &mut Registry, now: SimTime) -> Vec<KubeletEvent> {
    let mut cx = Ctx { now, node, registry, events: Vec::new() };
    if pod.is_terminating() && !matches!(pod.kubelet.stage, Stage::Terminating { .. } | Stage::Gone) {
        begin_termination(pod, &mut cx);
    }
    // A pod may pass several stages in one wake-up (scheduled → cached image → running).
    // Every transition changes the stage's variant, so comparing variants tells whether to go on.
    for _ in 0..4 {
        let before = std::mem::discriminant(&pod.kubelet.stage);
        step_stage(pod, &mut cx);
        if std::mem::discriminant(&pod.kubelet.stage) == before {
            break;
        }
    }
    pod.kubelet.wake = next_wake(pod);
    cx.events
}

fn container(pod: &Pod) -> &Container {
    &pod.spec.containers[0]
}

/// Carries on with a pod read from a real cluster ([`crate::sim::restore`]): the kubelet's stage
/// follows from the status it last posted, a running container's probes go on at their period and
/// its image is in the node's cache, a waiting one is started (or pulled again) at the next
/// wake-up, and one in CrashLoopBackOff waits out the back-off of its restart count. A
/// terminating pod begins its shutdown at the next wake-up, as [`advance`] begins every one.
pub fn resume(pod: &mut Pod, node: Option<&mut Node>, registry: &mut Registry, now: SimTime) {
    let c = container(pod).clone();
    let digest = registry.resolve(&c.image);
    pod.kubelet = PodWork { wake: now, ..PodWork::default() };
    let status = &mut pod.status;
    let running = status.container_state == ContainerState::Running;
    if !running {
        (status.ready, status.container_ready) = (false, false);
        status.readiness = ProbeResult::Failure;
    }
    if c.startup_probe.is_none() {
        status.started = running;
    }
    let pulled = match &status.container_state {
        ContainerState::Running | ContainerState::Terminated(_) => true,
        ContainerState::Waiting(reason) => reason == "CrashLoopBackOff",
    };
    let bound = pod.spec.node_name.is_some();
    if pulled && bound {
        // The engine's digest for the tag: the cluster's own is not in the simulated registry.
        status.image_id = Some(digest.clone());
        if let Some(node) = node {
            node.images.insert(Registry::normalize(&c.image), digest.clone());
        }
    }
    pod.kubelet.stage = match &status.container_state {
        _ if matches!(status.phase, PodPhase::Succeeded | PodPhase::Failed) => Stage::Finished,
        _ if !bound => Stage::Unscheduled,
        ContainerState::Running => {
            status.started_at = Some(status.started_at.unwrap_or(now).min(now));
            let next = |p: &Option<Probe>| ProbeWork {
                next_at: p.as_ref().map(|p| now + secs(p.period_seconds)),
                ..Default::default()
            };
            pod.kubelet.startup = if status.started { ProbeWork::default() } else { next(&c.startup_probe) };
            pod.kubelet.liveness = next(&c.liveness_probe);
            pod.kubelet.readiness = next(&c.readiness_probe);
            let behavior = registry.behavior(&digest);
            Stage::Running {
                crash_at: behavior.crash_after_seconds.map(|s| now + SimDuration::from_secs(u64::from(s))),
            }
        }
        ContainerState::Waiting(reason) if reason == "CrashLoopBackOff" => {
            pod.kubelet.crash_restarts = u32::try_from(status.restart_count).unwrap_or(0).max(1);
            Stage::CrashBackOff { until: now + backoff(pod.kubelet.crash_restarts) }
        }
        ContainerState::Waiting(reason) if reason == "ErrImagePull" || reason == "ImagePullBackOff" => {
            pod.kubelet.pull_failures = 1;
            status.container_state = ContainerState::Waiting("ImagePullBackOff".into());
            Stage::PullBackOff { until: now + backoff(1), shown_until: now }
        }
        // Stopped, about to be restarted.
        ContainerState::Terminated(_) => Stage::CrashBackOff { until: now },
        // ContainerCreating and the like: the kubelet starts it (pulling first if it must).
        ContainerState::Waiting(_) => Stage::Scheduled,
    };
}

/// The Ready condition as the kubelet's status manager posts it from its own probe results: what
/// a kubelet that comes back reports, over the NotReady the node lifecycle controller wrote.
pub fn resync_ready(pod: &mut Pod, now: SimTime) {
    let running = pod.status.container_state == ContainerState::Running && !pod.is_terminating();
    let has_readiness_probe = pod.spec.containers.first().is_some_and(|c| c.readiness_probe.is_some());
    let ready = running && pod.status.started && (!has_readiness_probe || pod.status.readiness == ProbeResult::Success);
    set_ready(&mut pod.status, ready, now);
}

/// What the kubelet's status manager posts: the container's readiness and, from it, the pod's
/// Ready condition.
fn set_ready(status: &mut PodStatus, ready: bool, now: SimTime) {
    status.container_ready = ready;
    if status.ready != ready {
        status.ready = ready;
        status.ready_transition_time = Some(now);
    }
}

/// The pod's image is one whose process ignores SIGTERM.
fn ignores_sigterm(pod: &Pod, cx: &Ctx<'_>) -> bool {
    pod.status.image_id.as_deref().is_some_and(|digest| cx.registry.behavior(digest).ignores_sigterm)
}

fn begin_termination(pod: &mut Pod, cx: &mut Ctx<'_>) {
    let running = pod.status.container_state == ContainerState::Running;
    let grace = secs(pod.spec.termination_grace_period_seconds);
    let pre_stop = if running { secs(container(pod).pre_stop_sleep_seconds.unwrap_or(0)) } else { SimDuration::ZERO };
    // The application exits as soon as it gets SIGTERM, which comes after preStop; the grace
    // period caps the whole shutdown. One that ignores SIGTERM runs until the kubelet's SIGKILL
    // at the end of the grace period (`killContainer`: the runtime's StopContainer with the
    // grace period as its timeout).
    let ignores_sigterm = running && ignores_sigterm(pod, cx);
    let shutdown = if ignores_sigterm { grace } else { pre_stop.min(grace) };
    // The pod stays Ready until its container exits: its readiness probe keeps running while it
    // shuts down (`doProbe` stops only liveness and startup on a deleted pod), so that its
    // endpoint is serving and terminating meanwhile.
    pod.kubelet.stage = Stage::Terminating { until: cx.now + shutdown, killed: ignores_sigterm };
    let name = container(pod).name.clone();
    let why = match (ignores_sigterm, shutdown.as_millis() > 0) {
        (true, _) => Why::SigtermIgnored { grace },
        (false, true) => Why::PreStopThenSigterm { shutdown, grace },
        (false, false) => Why::SigtermAtOnce,
    };
    cx.event("Killing", format!("Stopping container {name}"), why);
}

fn step_stage(pod: &mut Pod, cx: &mut Ctx<'_>) {
    let now = cx.now;
    match pod.kubelet.stage.clone() {
        Stage::Unscheduled | Stage::NeverPull | Stage::Gone | Stage::Finished => {}
        Stage::Terminating { until, killed } => {
            if until > now {
                probe_readiness_while_terminating(pod, cx);
            } else {
                pod.kubelet.stage = Stage::Gone;
                set_ready(&mut pod.status, false, now);
                // SIGKILL ends the process with an error (exit code 137), and a pod whose
                // container failed ends Failed.
                let (reason, phase) =
                    if killed { ("Error", PodPhase::Failed) } else { ("Completed", PodPhase::Succeeded) };
                pod.status.container_state = ContainerState::Terminated(reason.into());
                pod.status.phase = phase;
            }
        }
        Stage::Scheduled => {
            // The sandbox comes first: the network plugin gives the pod its IP, then the image is
            // pulled (`SyncPod`: `createPodSandbox` before the containers).
            if pod.status.pod_ip.is_none() {
                pod.status.pod_ip = cx.node.as_deref_mut().map(Node::next_pod_ip);
            }
            start_pull(pod, cx);
        }
        Stage::PullBackOff { until, shown_until } => {
            if until <= now {
                start_pull(pod, cx);
            } else if shown_until <= now {
                pod.status.container_state = ContainerState::Waiting("ImagePullBackOff".into());
                // The next sync finds the image in back-off (`EnsureImageExists`): a Normal
                // BackOff, and the error that keeps the container from being created.
                let image = container(pod).image.clone();
                let why = Why::PullFailed { retry_in: until.saturating_since(now) };
                cx.event("BackOff", format!("Back-off pulling image {image:?}"), why.clone());
                cx.event("Failed", "Error: ImagePullBackOff".into(), why);
            }
        }
        Stage::Pulling { done_at, digest, fails } => {
            if done_at <= now {
                finish_pull(pod, cx, digest, fails);
            }
        }
        Stage::CrashBackOff { until } => {
            if until <= now {
                let digest = pod.status.image_id.clone().unwrap_or_default();
                start_container(pod, cx, &digest);
            }
        }
        Stage::Running { crash_at } => run_probes(pod, cx, crash_at),
    }
}

/// Decides whether to pull (`imagePullPolicy` against the node's cache) and starts doing so.
fn start_pull(pod: &mut Pod, cx: &mut Ctx<'_>) {
    let now = cx.now;
    let c = container(pod).clone();
    let reference = Registry::normalize(&c.image);
    let cached = cx.node.as_ref().and_then(|n| n.images.get(&reference).cloned());
    match (c.image_pull_policy, cached) {
        (PullPolicy::IfNotPresent | PullPolicy::Never, Some(digest)) => {
            cx.event(
                "Pulled",
                format!("Container image {:?} already present on machine", c.image),
                Why::CachedImage { policy: c.image_pull_policy },
            );
            start_container(pod, cx, &digest);
        }
        (PullPolicy::Never, None) => {
            pod.kubelet.stage = Stage::NeverPull;
            pod.status.container_state = ContainerState::Waiting("ErrImageNeverPull".into());
            cx.event(
                "ErrImageNeverPull",
                format!("Container image {:?} is not present with pull policy of Never", c.image),
                Why::NeverPullMissing,
            );
        }
        (policy, cached) => {
            let digest = cx.registry.resolve(&c.image);
            let behavior = cx.registry.behavior(&digest);
            let duration = if behavior.pull_error {
                SimDuration::from_secs(1)
            } else if cached.as_deref() == Some(digest.as_str()) {
                MANIFEST_CHECK
            } else {
                SimDuration::from_secs(u64::from(behavior.pull_seconds))
            };
            pod.kubelet.stage = Stage::Pulling { done_at: now + duration, digest, fails: behavior.pull_error };
            let why = if policy == PullPolicy::Always { Why::PullAlways } else { Why::NotOnNode };
            cx.event("Pulling", format!("Pulling image {:?}", c.image), why);
        }
    }
}

fn finish_pull(pod: &mut Pod, cx: &mut Ctx<'_>, digest: String, fails: bool) {
    let now = cx.now;
    let image = container(pod).image.clone();
    if fails {
        pod.kubelet.pull_failures += 1;
        let delay = backoff(pod.kubelet.pull_failures);
        pod.kubelet.stage = Stage::PullBackOff { until: now + delay, shown_until: now + SimDuration::from_secs(1) };
        pod.status.container_state = ContainerState::Waiting("ErrImagePull".into());
        cx.event(
            "Failed",
            format!("Failed to pull image {image:?}: {image}: not found"),
            Why::PullFailed { retry_in: delay },
        );
        // `startContainer` reports the error that kept the container from being created.
        cx.event("Failed", "Error: ErrImagePull".into(), Why::PullFailed { retry_in: delay });
        return;
    }
    pod.kubelet.pull_failures = 0;
    if let Some(node) = cx.node.as_deref_mut() {
        node.images.insert(Registry::normalize(&image), digest.clone());
    }
    cx.event("Pulled", format!("Successfully pulled image {image:?}"), Why::NowCached);
    start_container(pod, cx, &digest);
}

fn start_container(pod: &mut Pod, cx: &mut Ctx<'_>, digest: &str) {
    let now = cx.now;
    let behavior = cx.registry.behavior(digest);
    let c = container(pod).clone();
    pod.status.image_id = Some(digest.to_string());
    pod.status.container_state = ContainerState::Running;
    pod.status.phase = PodPhase::Running;
    pod.status.started_at = Some(now);
    pod.status.started = c.startup_probe.is_none();
    pod.status.startup = ProbeResult::Unknown;
    pod.status.liveness = ProbeResult::Success;
    pod.status.readiness = ProbeResult::Failure;
    let first = |p: &Option<Probe>| ProbeWork {
        next_at: p.as_ref().map(|p| now + secs(p.initial_delay_seconds)),
        ..Default::default()
    };
    pod.kubelet.startup = first(&c.startup_probe);
    pod.kubelet.liveness = first(&c.liveness_probe);
    pod.kubelet.readiness = first(&c.readiness_probe);
    let crash_at = behavior.crash_after_seconds.map(|s| now + SimDuration::from_secs(u64::from(s)));
    pod.kubelet.stage = Stage::Running { crash_at };
    // `startContainer`: the runtime creates the container, then starts it.
    cx.event("Created", format!("Created container: {}", c.name), Why::ContainerRuns);
    cx.event("Started", format!("Started container {}", c.name), Why::ContainerRuns);
    if pod.status.started && c.readiness_probe.is_none() {
        set_ready(&mut pod.status, true, now);
    }
}

/// Restarts the container after a failed liveness or startup probe or a crash, with
/// CrashLoopBackOff between restarts.
fn restart(pod: &mut Pod, cx: &mut Ctx<'_>, why: Why) {
    let now = cx.now;
    // Back-off resets once a container has run cleanly for twice the maximum back-off.
    if let Some(started) = pod.status.started_at {
        if now.saturating_since(started).as_millis() >= 2 * BACKOFF_MAX.as_millis() {
            pod.kubelet.crash_restarts = 0;
        }
    }
    let delay = if pod.kubelet.crash_restarts == 0 { SimDuration::ZERO } else { backoff(pod.kubelet.crash_restarts) };
    pod.kubelet.crash_restarts += 1;
    pod.status.restart_count += 1;
    // An application that crashed exited with its own error; one the kubelet killed after a
    // failed probe died of SIGTERM, or of the SIGKILL at the end of its grace period if it
    // ignores SIGTERM.
    let exit_code = match &why {
        Why::AppCrashed { .. } => 1,
        _ if ignores_sigterm(pod, cx) => 137,
        _ => 143,
    };
    pod.status.last_termination = Some(Termination {
        reason: "Error".into(),
        exit_code,
        started_at: pod.status.started_at.unwrap_or(now),
        finished_at: now,
    });
    set_ready(&mut pod.status, false, now);
    pod.status.readiness = ProbeResult::Failure;
    pod.status.started = false;
    let name = container(pod).name.clone();
    pod.kubelet.stage = Stage::CrashBackOff { until: now + delay.max(SimDuration::from_millis(1)) };
    if delay.as_millis() > 0 {
        pod.status.container_state = ContainerState::Waiting("CrashLoopBackOff".into());
        cx.event(
            "BackOff",
            // `format.Pod`: the pod as NAME_NAMESPACE(UID).
            format!(
                "Back-off restarting failed container {name} in pod {}_default({})",
                pod.metadata.name,
                uid(POD_UIDS, pod.metadata.uid)
            ),
            Why::CrashBackOff { cause: Box::new(why), restart: pod.status.restart_count, delay },
        );
    } else {
        pod.status.container_state = ContainerState::Terminated("Error".into());
        cx.event("Restarting", format!("Restarting container {name}"), why);
    }
}

fn run_probes(pod: &mut Pod, cx: &mut Ctx<'_>, crash_at: Option<SimTime>) {
    let Some(started_at) = pod.status.started_at else { return };
    if crash_at.is_some_and(|t| t <= cx.now) {
        let why = Why::AppCrashed { container: container(pod).name.clone() };
        restart(pod, cx, why);
        return;
    }
    if let Some(why) = probe_container(pod, cx, started_at) {
        restart(pod, cx, why);
    }
}

/// Runs the probes that are due (`doProbe`). The startup probe runs until it has succeeded once,
/// and liveness and readiness wait for it. Returns why the container must be restarted, if it must.
fn probe_container(pod: &mut Pod, cx: &mut Ctx<'_>, started_at: SimTime) -> Option<Why> {
    let now = cx.now;
    let Pod { metadata, spec, status, kubelet } = pod;
    let c = &spec.containers[0];
    let ip = status.pod_ip.clone().unwrap_or_default();
    let behavior = status.image_id.as_deref().map(|digest| cx.registry.behavior(digest)).unwrap_or_default();
    let since = now.saturating_since(started_at);
    let up = since >= SimDuration::from_secs(u64::from(behavior.startup_seconds));
    let live = up && behavior.liveness.ok(since) && !kubelet.liveness_fault;
    let app = Probed { ip: &ip, up };

    if !status.started {
        let p = c.startup_probe.as_ref()?;
        let (result, flipped) = probe("Startup", &mut kubelet.startup, p, live, app, status.startup, cx)?;
        if !flipped {
            return None;
        }
        status.startup = result;
        if result == ProbeResult::Failure {
            let why = Why::StartupProbeFailed { failure_threshold: p.failure_threshold };
            cx.event("Killing", format!("Container {} failed startup probe, will be restarted", c.name), why.clone());
            return Some(why);
        }
        status.started = true;
        if c.readiness_probe.is_none() {
            set_ready(status, true, now);
        }
        // Liveness and readiness count their delays from the container's start, but never ran
        // before; they run from now.
        for w in [&mut kubelet.liveness, &mut kubelet.readiness] {
            if let Some(t) = w.next_at {
                w.next_at = Some(t.max(now));
            }
        }
        return None;
    }

    if let Some(p) = &c.liveness_probe {
        if let Some((result, flipped)) = probe("Liveness", &mut kubelet.liveness, p, live, app, status.liveness, cx) {
            status.liveness = result;
            if flipped && result == ProbeResult::Failure {
                let why = Why::LivenessProbeFailed { failure_threshold: p.failure_threshold, before_up: !up };
                cx.event(
                    "Killing",
                    format!("Container {} failed liveness probe, will be restarted", c.name),
                    why.clone(),
                );
                return Some(why);
            }
        }
    }

    match &c.readiness_probe {
        Some(p) => readiness(p, &metadata.name, status, kubelet, app, behavior.readiness.ok(since), cx),
        None => set_ready(status, true, now),
    }
    None
}

/// The readiness probe, if it is due: `app` says whether the application has started, `ok`
/// whether it answers the probe once up.
fn readiness(
    p: &Probe,
    pod: &str,
    status: &mut PodStatus,
    kubelet: &mut PodWork,
    app: Probed<'_>,
    ok: bool,
    cx: &mut Ctx<'_>,
) {
    let ok = app.up && ok && !kubelet.readiness_fault;
    let Some((result, flipped)) = probe("Readiness", &mut kubelet.readiness, p, ok, app, status.readiness, cx) else {
        return;
    };
    status.readiness = result;
    if flipped {
        let ready = result == ProbeResult::Success;
        set_ready(status, ready, cx.now);
        let (reason, why) = if ready {
            ("Ready", Why::ReadinessPassed { success_threshold: p.success_threshold })
        } else {
            ("NotReady", Why::ReadinessFailed { failure_threshold: p.failure_threshold })
        };
        cx.event(reason, format!("Pod {pod} is {reason}"), why);
    }
}

/// `doProbe` on a pod being deleted whose container still runs (its preStop hook, or an
/// application that ignores SIGTERM): liveness and startup probes no longer act, and the
/// readiness probe goes on, so the pod stays Ready (its endpoint serving) until it fails or the
/// container exits.
fn probe_readiness_while_terminating(pod: &mut Pod, cx: &mut Ctx<'_>) {
    let (Some(started_at), true) = (pod.status.started_at, pod.status.started) else { return };
    if pod.status.container_state != ContainerState::Running {
        return;
    }
    let Pod { metadata, spec, status, kubelet } = pod;
    let Some(p) = &spec.containers[0].readiness_probe else { return };
    let behavior = status.image_id.as_deref().map(|digest| cx.registry.behavior(digest)).unwrap_or_default();
    let since = cx.now.saturating_since(started_at);
    let up = since >= SimDuration::from_secs(u64::from(behavior.startup_seconds));
    let ip = status.pod_ip.clone().unwrap_or_default();
    let app = Probed { ip: &ip, up };
    readiness(p, &metadata.name, status, kubelet, app, behavior.readiness.ok(since), cx);
}

/// One probe, if it is due: counts it against the thresholds and, like the kubelet, reports a
/// failed probe as an `Unhealthy` event. Returns the belief after it and whether it changed.
fn probe(
    kind: &str,
    work: &mut ProbeWork,
    spec: &Probe,
    ok: bool,
    app: Probed<'_>,
    current: ProbeResult,
    cx: &mut Ctx<'_>,
) -> Option<(ProbeResult, bool)> {
    if !due(work, cx.now) {
        return None;
    }
    let outcome = record(work, spec, ok, cx.now, current);
    if !ok {
        cx.report("Unhealthy", format!("{kind} probe failed: {}", probe_failure(&spec.handler, app.ip, app.up)));
    }
    Some(outcome)
}

/// The probed application: the pod's address, and whether the application listens yet.
#[derive(Clone, Copy)]
struct Probed<'a> {
    ip: &'a str,
    up: bool,
}

/// Why a probe of `handler` at the pod's address `ip` failed, in the prober's words: the
/// application answers with an error once it is up, and refuses the connection before
/// (`pkg/probe/http`, `pkg/probe/tcp`: the Go client's dial error).
fn probe_failure(handler: &str, ip: &str, up: bool) -> String {
    let http = handler.strip_prefix("GET ").and_then(|rest| rest.split_once(" on "));
    let tcp = handler.strip_prefix("TCP on ");
    match (up, http, tcp) {
        (true, Some(_), _) => "HTTP probe failed with statuscode: 500".into(),
        (false, Some((path, port)), _) => {
            format!("Get \"http://{ip}:{port}{path}\": dial tcp {ip}:{port}: connect: connection refused")
        }
        (false, None, Some(port)) => format!("dial tcp {ip}:{port}: connect: connection refused"),
        // An exec or gRPC probe's failure is its command's output, which the simulator has not.
        _ => String::new(),
    }
}

fn due(w: &ProbeWork, now: SimTime) -> bool {
    w.next_at.is_some_and(|t| t <= now)
}

/// Counts one probe result against the thresholds (`prober/worker.go`: the result only changes
/// after `failureThreshold` failures or `successThreshold` successes in a row). Returns the
/// kubelet's belief after this probe and whether it changed.
fn record(w: &mut ProbeWork, p: &Probe, ok: bool, now: SimTime, current: ProbeResult) -> (ProbeResult, bool) {
    let period = secs(p.period_seconds.max(1));
    w.next_at = Some(w.next_at.map_or(now, |t| t.max(now)) + period);
    let reached = if ok {
        w.successes += 1;
        w.failures = 0;
        w.successes >= p.success_threshold.max(1)
    } else {
        w.failures += 1;
        w.successes = 0;
        w.failures >= p.failure_threshold.max(1)
    };
    let candidate = if ok { ProbeResult::Success } else { ProbeResult::Failure };
    if reached && current != candidate {
        (candidate, true)
    } else {
        (current, false)
    }
}

/// The earliest moment anything is due for `pod`.
fn next_wake(pod: &Pod) -> SimTime {
    const NEVER: SimTime = SimTime(u64::MAX);
    let w = &pod.kubelet;
    match &w.stage {
        Stage::Unscheduled | Stage::NeverPull | Stage::Gone | Stage::Finished => NEVER,
        Stage::Scheduled => SimTime::ZERO,
        // A terminating container's readiness probe runs until it exits.
        Stage::Terminating { until, .. } => {
            let probing = pod.status.container_state == ContainerState::Running && pod.status.started;
            w.readiness.next_at.filter(|_| probing).map_or(*until, |t| t.min(*until))
        }
        Stage::CrashBackOff { until } => *until,
        Stage::Pulling { done_at, .. } => *done_at,
        Stage::PullBackOff { until, shown_until } => {
            if matches!(&pod.status.container_state, ContainerState::Waiting(r) if r == "ErrImagePull") {
                (*shown_until).min(*until)
            } else {
                *until
            }
        }
        Stage::Running { crash_at } => {
            let probes = [&w.startup, &w.liveness, &w.readiness].into_iter().filter_map(|p| p.next_at).min();
            [*crash_at, probes].into_iter().flatten().min().unwrap_or(NEVER)
        }
    }
}
