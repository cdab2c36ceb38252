//! What the views show that is worked out from the run and the page's state: the explanation of
//! the pod or ReplicaSet in focus, the pods chart's bounds, the versions' numbers and the charts'
//! legend, a pod's tile, the live Deployment's revisions, the clock as it reads, and when the
//! charts and the event log are drawn again while playing. The views only lay these out.

use std::collections::BTreeMap;

use crate::charts::Bounds;
use crate::i18n::Lang;
use crate::session::Engine;
use crate::setup::{live_deployment, StrategyKind};
use crate::sim::deployment::util;
use crate::sim::objects::{Pod, ReplicaSet};
use crate::sim::sample::Sample;
use crate::sim::{SimTime, World};

use super::{AppState, MIN_SLIDER_SPAN};

/// The tag of an image (`v2`), or the whole reference when it has none.
pub fn tag(image: &str) -> &str {
    image.rsplit_once(':').map_or(image, |(_, t)| t)
}

/// Versions numbered in the order the cluster first ran them: by the oldest ReplicaSet of each image.
pub fn version_index(w: &World) -> BTreeMap<String, usize> {
    let mut rss: Vec<&ReplicaSet> = w.replica_sets.values().collect();
    rss.sort_by_key(|rs| (rs.metadata.creation_timestamp, rs.metadata.uid));
    let mut out = BTreeMap::new();
    for rs in rss {
        let n = out.len();
        out.entry(rs.spec.template.image().to_string()).or_insert(n);
    }
    out
}

/// The charts' legend: each image with its version's number, in the order the cluster ran them.
pub fn legend(versions: &BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = versions.iter().map(|(i, n)| (i.clone(), *n)).collect();
    v.sort_by_key(|(_, n)| *n);
    v
}

/// The bounds the pods chart draws: those of the strategy's live Deployment, when it rolls
/// (Recreate keeps none), and when replicas + maxSurge fits the controller's int32 (otherwise it
/// never scales up, and there is no bound to draw).
pub fn chart_bounds(strategy: StrategyKind, w: &World) -> Option<Bounds> {
    w.deployments
        .get(&live_deployment(strategy, w))
        .filter(|_| strategy != StrategyKind::Recreate)
        .filter(|d| !util::max_total_overflows(d))
        .map(|d| Bounds { max_pods: util::max_total_pods(d), min_available: util::min_available(d) })
}

/// The revisions of the strategy's live Deployment, newest first (what "Roll back" can go to).
pub fn revisions(strategy: StrategyKind, w: &World) -> Vec<i64> {
    let mut revisions: Vec<i64> =
        w.replica_sets_of(&live_deployment(strategy, w)).iter().map(|rs| rs.revision()).collect();
    revisions.sort_unstable_by(|a, b| b.cmp(a));
    revisions
}

/// True when a node's kubelet is stopped ("Node down" was pressed and not undone).
pub fn any_node_down(w: &World) -> bool {
    w.nodes.values().any(|n| n.kubelet_stopped_at.is_some())
}

/// What the explanation panel says of the pod or ReplicaSet `name`; `None` when there is none
/// by that name (any more).
pub fn explanation(lang: Lang, w: &World, name: &str) -> Option<String> {
    let now = w.time();
    if let Some(p) = w.pods.get(name) {
        let min_ready = min_ready_seconds_of(w, p);
        let available = p.is_available(min_ready, now);
        let ready_for = p
            .status
            .ready_transition_time
            .filter(|_| p.status.ready)
            .map(|t| now.saturating_since(t).as_millis() / 1000);
        Some(crate::i18n::pod_explanation(lang, p, min_ready, available, ready_for))
    } else {
        w.replica_sets.get(name).map(|rs| crate::i18n::replica_set_explanation(lang, rs))
    }
}

/// The `minReadySeconds` a pod is available after: its ReplicaSet's (0 for an orphan).
fn min_ready_seconds_of(w: &World, p: &Pod) -> i32 {
    p.metadata.owner.as_ref().and_then(|rs| w.replica_sets.get(rs)).map_or(0, |rs| rs.spec.min_ready_seconds)
}

/// What a pod's tile shows.
#[derive(Clone, Debug, PartialEq)]
pub struct PodView {
    pub name: String,
    pub image: String,
    pub phase: String,
    /// What `kubectl get pods` shows in STATUS.
    pub status: String,
    pub node: String,
    pub restarts: i32,
    pub ready: bool,
    pub available: bool,
    pub terminating: bool,
    pub node_down: bool,
}

/// The tile of `p`, available after `min_ready_seconds` Ready (its ReplicaSet's; 0 for an orphan).
pub fn pod_view(w: &World, min_ready_seconds: i32, p: &Pod) -> PodView {
    PodView {
        name: p.metadata.name.clone(),
        image: p.image().to_string(),
        phase: format!("{:?}", p.status.phase),
        status: p.display_status(),
        node: p.spec.node_name.clone().unwrap_or_else(|| "-".into()),
        restarts: p.status.restart_count,
        ready: p.status.ready,
        available: p.is_available(min_ready_seconds, w.time()),
        terminating: p.is_terminating(),
        node_down: p
            .spec
            .node_name
            .as_ref()
            .and_then(|n| w.nodes.get(n))
            .is_some_and(|n| n.kubelet_stopped_at.is_some()),
    }
}

/// The simulated clock as the page reads it, in seconds with one decimal (`12.3`).
pub fn seconds(t: SimTime) -> String {
    format!("{:.1}", t.as_millis() as f64 / 1000.0)
}

/// Where the time slider ends: the furthest moment the run reached, and at least
/// [`MIN_SLIDER_SPAN`], so that a fresh run has room to scrub into.
pub fn slider_end(engine: &Engine) -> SimTime {
    engine.furthest().max(SimTime::ZERO + MIN_SLIDER_SPAN)
}

/// A speed (a power of two) as the speed control reads: `8x`, `1/4x`.
pub fn speed_text(speed: i32) -> String {
    if speed >= 0 {
        format!("{}x", 1 << speed)
    } else {
        format!("1/{}x", 1 << -speed)
    }
}

/// The replicas of the Deployment the actions act on, as the cluster has them now (a typed
/// `kubectl scale` changes them as the Scale button does).
pub fn live_replicas(state: &AppState) -> i32 {
    let engine = state.engine();
    let w = engine.world();
    let name = live_deployment(state.knobs.strategy, w);
    w.deployments.get(&name).map_or(state.knobs.replicas, |d| d.spec.replicas)
}

/// The speed the clock really reaches while playing, when it falls behind the speed asked for
/// by more than a tenth (a large run at a high speed: a frame runs at most so many steps).
pub fn falling_behind(state: &AppState) -> Option<f64> {
    let asked = 2f64.powi(state.speed);
    let achieved = state.engine().pace.achieved()?;
    (state.playing && achieved < asked * 0.9).then_some(achieved)
}

/// While playing, the charts and the event log are drawn again once every this many frames
/// (with reduced motion, every this many of the four calm updates a second: [`REDUCED_REFRESH`]).
pub const REFRESH_FRAMES: u64 = 30;
pub const REDUCED_REFRESH: u64 = 3;

/// A view drawn again only now and then while playing: a big rollout adds hundreds of events a
/// second, more than anyone reads while it plays, and a chart changes once a simulated second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    PodsChart = 0,
    RequestsChart = 1,
    EventLog = 2,
}

/// What each [`Slot`] shows: the second and the length (of the samples or the event log) it was
/// last drawn at. Paused, that is every change; playing, each of the two charts and the event log
/// is drawn again about twice a second of wall time, each on a frame of its own (starting to play
/// included), so that their work never adds up in one frame. The reducer keeps it, so that
/// drawing the page changes nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Drawn([(usize, usize); 3]);

impl Drawn {
    /// What `slot` shows now.
    pub fn key(&self, slot: Slot) -> (usize, usize) {
        self.0[slot as usize]
    }

    /// The keys for `state`: a view that is due (every view while paused, one of three frames
    /// apart while playing) takes the run's second and length now; the others keep theirs.
    pub(super) fn next(self, state: &AppState) -> Drawn {
        let engine = state.engine.borrow();
        let second = engine.world().time().whole_secs() as usize;
        let lens = [engine.samples.len(), engine.samples.len(), engine.world().events().len()];
        let period = if state.reduced_motion { REDUCED_REFRESH } else { REFRESH_FRAMES };
        let mut keys = self.0;
        for (slot, key) in keys.iter_mut().enumerate() {
            let due = !state.playing || (state.generation + slot as u64 * period / 3) % period == 0;
            if due {
                *key = (second, lens[slot]);
            }
        }
        Drawn(keys)
    }
}

impl AppState {
    /// What the explanation panel says of the pod or ReplicaSet in focus.
    pub fn explanation(&self) -> Option<String> {
        explanation(self.lang, self.engine().world(), self.focused.as_deref()?)
    }

    /// The cluster as the end-to-end tests read it (JSON of a [`Sample`]), while paused.
    pub fn engine_state(&self) -> Option<String> {
        (!self.playing).then(|| serde_json::to_string(&Sample::of(self.engine().world())).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::setup::Knobs;

    #[test]
    fn the_default_run_has_bounds_and_one_version() {
        let mut engine = Engine::new(&Knobs::default(), 1);
        assert_eq!(slider_end(&engine), SimTime::ZERO + MIN_SLIDER_SPAN);
        engine.run_to(SimTime::from_secs(20));
        let w = engine.world();
        let versions = version_index(w);
        assert_eq!(legend(&versions), [("gasbugs/http-go:v1".to_string(), 0)]);
        assert_eq!(tag("gasbugs/http-go:v1"), "v1");
        assert_eq!(tag("nginx"), "nginx");
        let bounds = chart_bounds(StrategyKind::RollingUpdate, w).unwrap();
        assert!(bounds.max_pods > bounds.min_available, "{bounds:?}");
        assert_eq!(chart_bounds(StrategyKind::Recreate, w), None);
        assert_eq!(revisions(StrategyKind::RollingUpdate, w), [1]);
        assert!(!any_node_down(w));
        assert_eq!(
            (seconds(SimTime(12_345)), speed_text(3), speed_text(-2)),
            ("12.3".into(), "8x".into(), "1/4x".into())
        );
        assert_eq!(slider_end(&engine), SimTime::from_secs(20));
    }

    #[test]
    fn a_pod_and_a_replica_set_are_explained_and_a_gone_one_is_not() {
        let mut engine = Engine::new(&Knobs::default(), 1);
        engine.run_to(SimTime::from_secs(30));
        let w = engine.world();
        let pod = w.pods.keys().next().unwrap();
        let rs = w.replica_sets.keys().next().unwrap();
        assert!(explanation(Lang::En, w, pod).is_some_and(|e| e.contains(pod.as_str())));
        assert!(explanation(Lang::En, w, rs).is_some());
        assert_eq!(explanation(Lang::En, w, "no-such-pod"), None);
    }

    #[test]
    fn while_playing_each_view_is_drawn_again_on_a_frame_of_its_own() {
        use super::super::{reduce, Action};
        use std::rc::Rc;
        let mut state = reduce(Rc::new(AppState::new(Lang::En)), Action::TogglePlay);
        let mut drawn_at = [Vec::new(), Vec::new(), Vec::new()];
        let mut before = state.drawn;
        for _ in 0..(2 * REFRESH_FRAMES) {
            state = reduce(state, Action::Frame(100.0));
            for slot in [Slot::PodsChart, Slot::RequestsChart, Slot::EventLog] {
                if state.drawn.key(slot) != before.key(slot) {
                    drawn_at[slot as usize].push(state.generation);
                }
            }
            before = state.drawn;
        }
        assert_eq!(drawn_at, [vec![30, 60], vec![20, 50], vec![10, 40]]);
        // Paused, every change is drawn at once.
        let paused = reduce(reduce(state, Action::TogglePlay), Action::Step);
        let second = paused.engine().world().time().whole_secs() as usize;
        assert_eq!(paused.drawn.key(Slot::PodsChart), (second, paused.engine().samples.len()));
        assert_eq!(paused.drawn.key(Slot::EventLog), (second, paused.engine().world().events().len()));
    }
}
