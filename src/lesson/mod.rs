//! Guided lessons: a lesson is a starting point (the page's settings and a seed, shipped as a
//! scenario file under `examples/lessons/`) and narrated steps that run on the real engine.
//!
//! A step may be read and passed ([`Then::Read`]), ask the learner to do something and check
//! that the cluster shows it ([`Then::Do`]: the check is on the engine's state, so a button, a
//! typed command or a changed setting all count), ask for a number before the run shows it
//! ([`Then::Predict`]), or compare that number with what the engine did ([`Then::Reveal`]).
//! Every lesson ends in free play with the lesson's run.
//!
//! This module has no web code: [`Tutor`] is driven by the page's reducer and, in the native
//! tests, by a scripted learner that does what each step's [`Do`] says.

mod catalogue;
pub mod focus;

pub use catalogue::LESSONS;

use crate::compare;
use crate::lang::Lang;
use crate::session::Engine;
use crate::setup::{live_deployment, Act, Knobs, NewVersion, ProbeKind, Router, StrategyKind, APP, CANARY, GATEWAY};
use crate::sim::objects::{ConditionType, PullPolicy};
use crate::sim::SimTime;

/// Where a lesson's run starts, and starts again after its settings change: the app is up, so
/// that the first thing the learner does is a change to a running Deployment.
pub const START: SimTime = SimTime::from_secs(20);

/// The lesson's run, at [`START`].
pub fn engine(knobs: &Knobs, seed: u64) -> Engine {
    let mut engine = Engine::new(knobs, seed);
    engine.run_to(START);
    engine
}

/// A text in both languages (a lesson's texts are written side by side, so neither is forgotten).
///
/// The page's build keeps only the lesson's structure: its words are in `static/lessons.json`
/// ([`Texts`], written from this catalogue and checked by the native tests), which the page
/// fetches after its first render, so that the course's prose does not weigh on the download
/// that every visitor waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Said {
    #[cfg(not(target_arch = "wasm32"))]
    pub en: &'static str,
    #[cfg(not(target_arch = "wasm32"))]
    pub ko: &'static str,
}

impl Said {
    /// On wasm32 the words are dropped at compile time (nothing in the built page refers to
    /// them, so they are not in its data).
    pub const fn new(en: &'static str, ko: &'static str) -> Said {
        #[cfg(not(target_arch = "wasm32"))]
        {
            Said { en, ko }
        }
        #[cfg(target_arch = "wasm32")]
        {
            let _ = (en, ko);
            Said {}
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ko => self.ko,
        }
    }
}

/// Where the page finds [`Texts`], relative to its own address.
pub const TEXTS_FILE: &str = "lessons.json";

/// The words of every lesson in both languages, keyed by lesson id: what `static/lessons.json`
/// holds, `{"ID": {"title": {"en": …, "ko": …}, "objective": …, "takeaway": …, "steps": [{"en": …,
/// "ko": …}, …]}}`.
///
/// `Eq` matters to the page: it holds the texts in an `Rc` that every frame hands its components
/// unchanged, and an `Rc` of an `Eq` value compares equal to itself by address alone, so the
/// lessons' words are compared only when a newly read file replaces them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts(serde_json::Value);

impl Texts {
    /// Reads `static/lessons.json`, and refuses one that lacks a text of this build's lessons
    /// (a file cached from another version of the page).
    pub fn parse(json: &str) -> Result<Texts, String> {
        let texts = Texts(serde_json::from_str(json).map_err(|e| format!("{TEXTS_FILE}: {e}"))?);
        for lesson in LESSONS {
            let steps = texts.0[lesson.id]["steps"].as_array().map_or(0, Vec::len);
            let complete = steps == lesson.steps.len()
                && Lang::ALL.iter().all(|&lang| {
                    texts.title(lesson, lang).is_some()
                        && texts.objective(lesson, lang).is_some()
                        && texts.takeaway(lesson, lang).is_some()
                        && (0..steps).all(|i| texts.step(lesson, i, lang).is_some())
                });
            if !complete {
                return Err(format!("{TEXTS_FILE}: the texts of the lesson {:?} do not match this page", lesson.id));
            }
        }
        Ok(texts)
    }

    /// Whether the texts have been read (the page shows the lessons once they have).
    pub fn is_loaded(&self) -> bool {
        !self.0.is_null()
    }

    pub fn title(&self, lesson: &Lesson, lang: Lang) -> Option<&str> {
        self.0[lesson.id]["title"][lang.tag()].as_str()
    }

    pub fn objective(&self, lesson: &Lesson, lang: Lang) -> Option<&str> {
        self.0[lesson.id]["objective"][lang.tag()].as_str()
    }

    pub fn takeaway(&self, lesson: &Lesson, lang: Lang) -> Option<&str> {
        self.0[lesson.id]["takeaway"][lang.tag()].as_str()
    }

    pub fn step(&self, lesson: &Lesson, step: usize, lang: Lang) -> Option<&str> {
        self.0[lesson.id]["steps"][step][lang.tag()].as_str()
    }

    /// The catalogue's own words (what `static/lessons.json` must hold).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of_catalogue() -> Texts {
        let both = |s: &Said| serde_json::json!({ "en": s.en, "ko": s.ko });
        let lessons = LESSONS
            .iter()
            .map(|l| {
                let steps: Vec<_> = l.steps.iter().map(|s| both(&s.say)).collect();
                let texts = serde_json::json!({
                    "title": both(&l.title),
                    "objective": both(&l.objective),
                    "takeaway": both(&l.takeaway),
                    "steps": steps,
                });
                (l.id.to_string(), texts)
            })
            .collect();
        Texts(serde_json::Value::Object(lessons))
    }

    /// As `static/lessons.json` is written: indented, one text per line, so that a review reads it.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(&self.0).expect("a JSON value serializes");
        out.push('\n');
        out
    }
}

/// What a lesson is about: one of the course's topics or one of the mistakes learners make
/// (numbered as in `docs/lessons.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    Topic(u8),
    Mistake(u8),
}

pub struct Lesson {
    /// Stable: it names the scenario file, the progress kept in the browser and the page's
    /// `data-lesson`.
    pub id: &'static str,
    pub about: About,
    pub title: Said,
    /// What the learner will be able to do, in one line (shown first).
    pub objective: Said,
    /// What to remember, in a line or two (shown when the lesson ends).
    pub takeaway: Said,
    /// The kubernetes.io page the lesson rests on, in English (`https://kubernetes.io/docs/…/`);
    /// [`Lesson::link`] gives the Korean page.
    pub link: &'static str,
    /// The settings the lesson's run starts from.
    pub knobs: fn() -> Knobs,
    pub seed: u64,
    pub steps: &'static [Step],
}

impl Lesson {
    pub fn by_id(id: &str) -> Option<(usize, &'static Lesson)> {
        LESSONS.iter().enumerate().find(|(_, l)| l.id == id)
    }

    /// The kubernetes.io page the lesson rests on, in the page's language: the Korean site keeps
    /// the English paths under `/ko/` (kubernetes.io/ko/docs/…).
    pub fn link(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.link.to_string(),
            Lang::Ko => self.link.replacen("https://kubernetes.io/docs/", "https://kubernetes.io/ko/docs/", 1),
        }
    }
}

pub struct Step {
    pub say: Said,
    pub then: Then,
}

/// What a step waits for.
pub enum Then {
    /// Nothing: the learner reads and goes on.
    Read,
    /// The learner does `what` (or presses "show me", which does it), and the step is done when
    /// `until` holds in the run.
    Do { what: Do, until: Goal },
    /// The learner picks one of the choices (or types a number) before the run shows it. A
    /// choice may be a range where an exact count cannot be guessed (requests failed); none
    /// means a typed number only.
    Predict(Measure, &'static [Choice]),
    /// The engine's figure next to the learner's prediction. `expected` is what the lesson's text
    /// says the engine does; the native tests check that it does.
    Reveal { expected: i64 },
}

/// One answer a learner may pick for a prediction: a number (`lo == hi`) or a range of them,
/// both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub lo: i64,
    pub hi: i64,
}

impl Choice {
    pub const fn is(n: i64) -> Choice {
        Choice { lo: n, hi: n }
    }

    pub const fn between(lo: i64, hi: i64) -> Choice {
        Choice { lo, hi }
    }

    pub fn holds(self, n: i64) -> bool {
        (self.lo..=self.hi).contains(&n)
    }
}

/// As the page writes it: `5`, or `21–100`.
impl std::fmt::Display for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.lo == self.hi {
            write!(f, "{}", self.lo)
        } else {
            write!(f, "{}–{}", self.lo, self.hi)
        }
    }
}

/// Something the learner can do on the page, as "show me" does it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Do {
    /// Press Play: the clock runs until the step's goal holds (the page then pauses).
    Play,
    /// Type this in the console (or press the button that stands for it).
    Kubectl(&'static str),
    /// "Deploy a new version".
    Deploy,
    /// One of the action buttons.
    Act(Act),
    /// Change these settings, then "Apply and restart".
    Settings(&'static [Setting]),
    /// Change these settings without applying them (to see what the apiserver says).
    Draft(&'static [Setting]),
    /// Drag the time slider to this moment of the run (back, or forward again within what the
    /// run reached): "show me" moves it there.
    Seek(SimTime),
    /// Click (or hover, or tab to) a pod in this state, to open its explanation beside the stage:
    /// "show me" focuses the first such pod by name.
    Explain(PodState),
}

/// How near the moment a [`Goal::Shown`] names the page's clock must be: a second either way,
/// which a learner dragging the slider by hand reaches (it moves by ticks of 100 ms).
pub const NEAR: crate::sim::SimDuration = crate::sim::SimDuration::from_secs(1);

/// A state of a pod that a step asks the learner to open the explanation of. Each is looked up
/// in the engine's pods as they are at the moment shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PodState {
    /// A pod of the live Deployment's newest ReplicaSet, not shutting down, and not Ready: its
    /// container is still being created, or its readiness probe has not passed.
    NewNotReady,
    /// A pod of the live Deployment's newest ReplicaSet that is Ready but not yet Available (it
    /// has not been Ready for `minReadySeconds`).
    NewReadyNotAvailable,
    /// A pod that is shutting down: deleted or evicted, not gone yet (`Terminating`).
    Terminating,
}

/// The name of Deployment `live`'s newest ReplicaSet (the highest revision), which the lessons'
/// goals and pod states call "the new one".
fn newest_replica_set<'w>(w: &'w crate::sim::World, live: &str) -> Option<&'w str> {
    w.replica_sets_of(live).into_iter().max_by_key(|rs| rs.revision()).map(|rs| rs.metadata.name.as_str())
}

impl PodState {
    /// Whether pod `name` of `w` is in this state (false when there is no such pod).
    pub fn is(self, knobs: &Knobs, w: &crate::sim::World, name: &str) -> bool {
        let Some(p) = w.pods.get(name) else { return false };
        let live = live_deployment(knobs.strategy, w);
        let of_newest = || newest_replica_set(w, &live).is_some_and(|rs| p.metadata.owner.as_deref() == Some(rs));
        match self {
            PodState::NewNotReady => !p.is_terminating() && !p.status.ready && of_newest(),
            PodState::NewReadyNotAvailable => {
                let min_ready = w.deployments.get(&live).map_or(0, |d| d.spec.min_ready_seconds);
                !p.is_terminating() && p.status.ready && !p.is_available(min_ready, w.time()) && of_newest()
            }
            PodState::Terminating => p.is_terminating(),
        }
    }

    /// The first pod of `w` in this state, by name (the one "show me" opens).
    pub fn find<'w>(self, knobs: &Knobs, w: &'w crate::sim::World) -> Option<&'w str> {
        w.pods.keys().map(String::as_str).find(|name| self.is(knobs, w, name))
    }
}

/// One setting of the page, as a lesson changes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    Strategy(StrategyKind),
    Replicas(i32),
    MaxSurge(&'static str),
    MaxUnavailable(&'static str),
    MinReadySeconds(i32),
    ImagePullPolicy(PullPolicy),
    NewVersion(NewVersion),
    /// A probe switched on with these fields (successThreshold 1, which liveness and startup
    /// probes require).
    Probe {
        kind: ProbeKind,
        initial_delay_seconds: i32,
        period_seconds: i32,
        timeout_seconds: i32,
        failure_threshold: i32,
    },
}

impl Setting {
    pub fn apply(self, k: &mut Knobs) {
        match self {
            Setting::Strategy(s) => k.strategy = s,
            Setting::Replicas(n) => k.replicas = n,
            Setting::MaxSurge(v) => k.max_surge = v.into(),
            Setting::MaxUnavailable(v) => k.max_unavailable = v.into(),
            Setting::MinReadySeconds(n) => k.min_ready_seconds = n,
            Setting::ImagePullPolicy(p) => k.image_pull_policy = p,
            Setting::NewVersion(v) => k.new_version = v,
            Setting::Probe { kind, initial_delay_seconds, period_seconds, timeout_seconds, failure_threshold } => {
                let p = k.probe_mut(kind);
                p.enabled = true;
                p.initial_delay_seconds = initial_delay_seconds;
                p.period_seconds = period_seconds;
                p.timeout_seconds = timeout_seconds;
                p.success_threshold = 1;
                p.failure_threshold = failure_threshold;
            }
        }
    }
}

/// A state of the run that a step waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// The clock has reached this many seconds.
    At(u64),
    /// The live Deployment's template runs an image with this tag.
    Image(&'static str),
    /// A pod of the live Deployment's newest ReplicaSet is Ready.
    NewPodReady,
    /// `kubectl rollout status` says the live Deployment successfully rolled out, past revision 1.
    RolledOut,
    /// The Service has no ready endpoint.
    NoEndpoints,
    /// In the last simulated second, requests were answered by two versions.
    TwoVersionsAnswer,
    /// A Deployment has a condition with this reason.
    Reason(&'static str),
    /// The live Deployment is paused (or not).
    Paused(bool),
    /// The live Deployment is at this revision.
    Revision(i64),
    /// The live Deployment's `minReadySeconds`.
    MinReadySeconds(i32),
    /// The applied settings are these.
    Applied(&'static [Setting]),
    /// The settings being edited would be refused by the apiserver.
    Refused,
    /// The learner typed a command starting with this (the `kubectl` word left out).
    Typed(&'static str),
    /// A pod is Ready but not yet Available (minReadySeconds).
    ReadyNotAvailable,
    /// A pod runs but is not Ready.
    RunningNotReady,
    /// Fewer pods run than the Deployment wants (one was deleted or lost).
    Missing,
    /// Every replica of the live Deployment is available again.
    AllAvailable,
    /// The live Deployment wants this many replicas.
    Replicas(i32),
    /// This Deployment's template runs an image with this tag: (Deployment, tag).
    ImageOf(&'static str, &'static str),
    /// The strategy's analysis aborted its plan (too many failed requests to the canary).
    PlanAborted,
    /// A pod runs an older build than the one its tag points to now (the tag was pushed again).
    StaleBuild,
    /// A pod shows this in `kubectl get pods`' STATUS column (`ErrImagePull`, `CrashLoopBackOff`).
    PodStatus(&'static str),
    /// The app's Service selects this value for the label (`None`: the selector lacks the key):
    /// Blue/Green's switch of `version`, a plain-label canary's dropped `track`.
    ServiceSelector(&'static str, Option<&'static str>),
    /// This Deployment wants this many replicas and has them all available: (Deployment, count).
    AvailableOf(&'static str, i32),
    /// The router sends this weight (percent) to the canary: the HTTPRoute's backendRef of the
    /// canary Service out of the rule's weights, or the canary Ingress's annotation, whichever
    /// router the run's settings pick.
    CanaryWeight(u32),
    /// This many simulated seconds have passed since the learner's last prediction.
    SincePrediction(u64),
    /// The live Deployment's `kubernetes.io/change-cause` annotation says this.
    ChangeCause(&'static str),
    /// The page shows the run within [`NEAR`] of this moment (the time slider was dragged there).
    Shown(SimTime),
    /// The explanation beside the stage is open on a pod in this state, as it is at the moment
    /// shown.
    Explained(PodState),
}

/// What a goal looks at: the page's settings (applied and being edited), its run, the commands
/// typed since the step began, and what the explanation beside the stage is open on.
pub struct Ctx<'a> {
    pub knobs: &'a Knobs,
    pub draft: &'a Knobs,
    pub engine: &'a Engine,
    pub typed: &'a [String],
    /// When the learner's last prediction was made.
    pub predicted_at: Option<SimTime>,
    /// The pod or ReplicaSet in focus (its name), whose explanation the page shows.
    pub focused: Option<&'a str>,
}

impl Goal {
    pub fn holds(self, c: &Ctx) -> bool {
        let w = c.engine.world();
        let live = live_deployment(c.knobs.strategy, w);
        let d = w.deployments.get(&live);
        // The live Deployment's newest ReplicaSet, found only by the goals that need it (a goal is
        // looked at after every engine step of a lesson).
        let newest = || newest_replica_set(w, &live);
        let now = w.time();
        match self {
            Goal::At(s) => now >= SimTime::from_secs(s),
            Goal::Image(tag) => d.is_some_and(|d| d.spec.template.image().ends_with(&format!(":{tag}"))),
            Goal::ImageOf(name, tag) => {
                w.deployments.get(name).is_some_and(|d| d.spec.template.image().ends_with(&format!(":{tag}")))
            }
            Goal::PlanAborted => w.plan.as_ref().and_then(|p| p.abort.as_ref()).is_some_and(|a| a.aborted_at.is_some()),
            Goal::NewPodReady => d.is_some_and(|d| {
                let newest = newest();
                d.revision() > 1
                    && w.pods.values().any(|p| {
                        p.status.ready
                            && !p.is_terminating()
                            && p.metadata.owner.is_some()
                            && p.metadata.owner.as_deref() == newest
                    })
            }),
            Goal::RolledOut => d.is_some_and(|d| {
                let newest = newest();
                d.revision() > 1
                    && matches!(crate::kubectl::rollout_status(d), Ok((_, true)))
                    && w.pods
                        .values()
                        .filter(|p| p.metadata.owner.is_some())
                        .all(|p| p.metadata.owner.as_deref() == newest)
            }),
            Goal::NoEndpoints => w.services.get(APP).is_some_and(|s| s.programmed.is_empty()),
            Goal::TwoVersionsAnswer => {
                matches!(c.engine.samples_so_far(), [.., a, b] if compare::two_versions_answered(a, b))
            }
            Goal::Reason(r) => w.deployments.values().any(|d| d.status.conditions.iter().any(|x| x.reason == r)),
            Goal::Paused(p) => d.is_some_and(|d| d.spec.paused == p),
            Goal::Revision(n) => d.is_some_and(|d| d.revision() == n),
            Goal::MinReadySeconds(n) => d.is_some_and(|d| d.spec.min_ready_seconds == n),
            Goal::Applied(settings) => settings.iter().all(|s| {
                let mut k = c.knobs.clone();
                s.apply(&mut k);
                k == *c.knobs
            }),
            Goal::Refused => !c.draft.errors().is_empty(),
            Goal::Typed(prefix) => c.typed.iter().any(|l| crate::kubectl::without_kubectl(l).starts_with(prefix)),
            Goal::ReadyNotAvailable => {
                let min_ready = d.map_or(0, |d| d.spec.min_ready_seconds);
                w.pods.values().any(|p| p.status.ready && !p.is_terminating() && !p.is_available(min_ready, now))
            }
            Goal::RunningNotReady => w.pods.values().any(|p| {
                !p.is_terminating() && !p.status.ready && p.status.phase == crate::sim::objects::PodPhase::Running
            }),
            Goal::Missing => d.is_some_and(|d| {
                let live = w.pods.values().filter(|p| !p.is_terminating() && p.status.ready).count() as i32;
                live < d.spec.replicas
            }),
            Goal::Replicas(n) => d.is_some_and(|d| d.spec.replicas == n),
            Goal::PodStatus(status) => w.pods.values().any(|p| p.display_status() == status),
            Goal::ServiceSelector(key, value) => {
                w.services.get(APP).is_some_and(|s| s.selector.get(key).map(String::as_str) == value)
            }
            Goal::AvailableOf(name, n) => w
                .deployments
                .get(name)
                .is_some_and(|d| d.spec.replicas == n && d.status.available_replicas == n && d.status.replicas == n),
            Goal::CanaryWeight(weight) => canary_weight(c.knobs.router, w) == Some(weight),
            Goal::ChangeCause(cause) => d.is_some_and(|d| {
                d.metadata.annotations.get(crate::sim::objects::CHANGE_CAUSE_ANNOTATION).map(String::as_str)
                    == Some(cause)
            }),
            Goal::Shown(t) => now.max(t).saturating_since(now.min(t)) <= NEAR,
            Goal::Explained(state) => c.focused.is_some_and(|name| state.is(c.knobs, w, name)),
            Goal::SincePrediction(secs) => {
                c.predicted_at.is_some_and(|t| now >= t + crate::sim::SimDuration::from_secs(secs))
            }
            Goal::StaleBuild => w.pods.values().any(|p| {
                !p.is_terminating()
                    && p.status.image_id.as_deref().is_some_and(|id| w.registry.current(p.image()) != Some(id))
            }),
            // The status, and the pods themselves: a pod just deleted still counts in the status
            // until the controllers have seen it go.
            Goal::AllAvailable => d.is_some_and(|d| {
                let owners = w.replica_sets_of(&live);
                let available = w
                    .pods
                    .values()
                    .filter(|p| {
                        p.is_active()
                            && owners.iter().any(|rs| p.metadata.owner.as_deref() == Some(rs.metadata.name.as_str()))
                            && p.is_available(d.spec.min_ready_seconds, now)
                    })
                    .count() as i32;
                available >= d.spec.replicas
                    && d.status.available_replicas >= d.spec.replicas
                    && d.status
                        .condition(ConditionType::Available)
                        .is_some_and(|c| c.reason == "MinimumReplicasAvailable")
            }),
        }
    }
}

/// The percent of the requests `router` sends to the canary in `w`, as stored (not yet
/// programmed, perhaps): the canary backendRef's weight out of its rule's in the HTTPRoute, or
/// the canary Ingress's `canary-weight` annotation.
pub fn canary_weight(router: Router, w: &crate::sim::World) -> Option<u32> {
    match router {
        Router::Gateway => w.gateway.routes.get(GATEWAY)?.spec.rules.iter().find_map(|rule| {
            let canary = rule.backend_refs.iter().find(|b| b.name == CANARY)?;
            let total: i64 = rule.backend_refs.iter().map(|b| i64::from(b.weight.max(0))).sum();
            (total > 0).then(|| (i64::from(canary.weight.max(0)) * 100 / total) as u32)
        }),
        Router::Ingress => w
            .ingresses
            .get(CANARY)?
            .annotations
            .get(crate::sim::ingress::CANARY_WEIGHT)
            .and_then(|v| v.parse::<u32>().ok()),
    }
}

/// A number the learner predicts, and the engine then shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// The most pods at once during the rollout (terminating ones included).
    PeakPods,
    /// The fewest available pods at any second of the rollout.
    FewestAvailable,
    /// Requests that failed during the rollout.
    FailedRequests,
    /// The live Deployment's revision now.
    Revision,
    /// The most restarts of one pod.
    Restarts,
    /// Running pods whose code is the build their tag points to now.
    OnNewestBuild,
    /// The percent of the requests answered since the prediction that a version other than the
    /// live Deployment's answered, to the nearest 5 (the requests pick pods at random, so a share
    /// is predicted, not a count).
    NewVersionShare,
    /// The live Deployment's ReplicaSets now (`kubectl get rs`).
    ReplicaSets,
    /// The most versions that answered requests within one second since the prediction.
    VersionsAtOnce,
    /// The live Deployment's revisions that `kubectl rollout history` lists with this
    /// CHANGE-CAUSE (its ReplicaSets' `kubernetes.io/change-cause`).
    RevisionsCaused(&'static str),
}

impl Measure {
    /// The engine's figure, counted from `since` (when the prediction was made) until now.
    pub fn of(self, knobs: &Knobs, engine: &Engine, since: SimTime) -> i64 {
        let w = engine.world();
        let live = live_deployment(knobs.strategy, w);
        let live_image = w.deployments.get(&live).map_or("", |d| d.spec.template.image());
        match self {
            Measure::Revision => w.deployments.get(&live).map_or(0, |d| d.revision()),
            Measure::Restarts => i64::from(w.pods.values().map(|p| p.status.restart_count).max().unwrap_or(0)),
            Measure::OnNewestBuild => w
                .pods
                .values()
                .filter(|p| {
                    !p.is_terminating()
                        && p.status.image_id.as_deref().is_some_and(|id| w.registry.current(p.image()) == Some(id))
                })
                .count() as i64,
            Measure::ReplicaSets => w.replica_sets_of(&live).len() as i64,
            Measure::VersionsAtOnce => {
                let samples = engine.samples_so_far();
                let from = (since.whole_secs() as usize).min(samples.len());
                samples[from..]
                    .windows(2)
                    .map(|pair| {
                        let (a, b) = (&pair[0].requests.by_image, &pair[1].requests.by_image);
                        b.iter().filter(|(image, n)| **n > *a.get(*image).unwrap_or(&0)).count() as i64
                    })
                    .max()
                    .unwrap_or(0)
            }
            Measure::RevisionsCaused(cause) => w
                .replica_sets_of(&live)
                .into_iter()
                .filter(|rs| {
                    rs.metadata.annotations.get(crate::sim::objects::CHANGE_CAUSE_ANNOTATION).map(String::as_str)
                        == Some(cause)
                })
                .count() as i64,
            Measure::NewVersionShare => {
                let samples = engine.samples_so_far();
                let (Some(from), Some(to)) = (samples.get(since.whole_secs() as usize), samples.last()) else {
                    return 0;
                };
                let (mut all, mut new) = (0, 0);
                for (image, n) in &to.requests.by_image {
                    let answered = n - from.requests.by_image.get(image).unwrap_or(&0);
                    all += answered;
                    if image != live_image {
                        new += answered;
                    }
                }
                // The percent rounded to the nearest 5, in integers.
                if all == 0 {
                    0
                } else {
                    ((new * 200 + all * 5) / (all * 10) * 5) as i64
                }
            }
            Measure::PeakPods | Measure::FewestAvailable | Measure::FailedRequests => {
                let s = compare::summarize(engine.samples_so_far(), knobs.replicas, live_image, since);
                match self {
                    Measure::PeakPods => i64::from(s.peak_pods),
                    Measure::FewestAvailable => i64::from(s.fewest_available),
                    _ => s.failed_requests as i64,
                }
            }
        }
    }
}

/// A learner's way through one lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Tutor {
    /// The lesson's index in [`LESSONS`].
    pub lesson: usize,
    /// The step shown; `steps.len()` is free play.
    pub step: usize,
    /// The furthest step reached: a step before it was passed (Back returns to it as passed).
    pub reached: usize,
    /// The furthest step was done when the learner went back from it (Next returns to it done).
    pub reached_done: bool,
    /// The step shown is done (its goal held, its prediction was made): Next goes on.
    pub done: bool,
    /// Commands typed since the step began.
    pub typed: Vec<String>,
    /// The last prediction up to the step shown and the moment it was made.
    pub predicted: Option<(Choice, SimTime)>,
    /// The learner's answer to each Predict step, by step (kept when they go back and on).
    pub answers: Vec<Option<(Choice, SimTime)>>,
}

/// Where a learner is in a lesson, as a link or the browser keeps it: the lesson, the step shown
/// and the predictions made (step, answer, moment).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The lesson's index in [`LESSONS`].
    pub lesson: usize,
    /// The step shown; `steps.len()` is free play.
    pub step: usize,
    pub answers: Vec<(usize, Choice, SimTime)>,
}

/// Why a place in a lesson (from a link) names no place in this page's lessons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlaceError {
    /// No lesson has this id.
    NoLesson(String),
    /// The lesson has no such step: (lesson id, the step asked for counted from 1, its steps).
    NoStep(String, u64, usize),
    /// A prediction is for a step that asks for none, or its answer is no answer.
    BadAnswer(String),
}

impl Place {
    /// Checks a place read from outside (a link, the browser's storage): a lesson of this page, one
    /// of its steps or its free play, and predictions made on its Predict steps.
    pub fn check(id: &str, step: u64, answers: &[(u64, Choice, SimTime)]) -> Result<Place, PlaceError> {
        let short: String = id.chars().take(60).collect();
        let (lesson, l) = Lesson::by_id(id).ok_or(PlaceError::NoLesson(short))?;
        let len = l.steps.len();
        let step = usize::try_from(step)
            .ok()
            .filter(|s| *s <= len)
            .ok_or_else(|| PlaceError::NoStep(l.id.to_string(), step.saturating_add(1), len))?;
        let mut kept = Vec::with_capacity(answers.len());
        for &(at, choice, moment) in answers {
            let index = usize::try_from(at).ok().filter(|i| *i < len);
            let asks = index.is_some_and(|i| matches!(l.steps[i].then, Then::Predict(..)));
            if !asks || choice.lo > choice.hi || kept.iter().any(|(i, _, _)| Some(*i) == index) {
                return Err(PlaceError::BadAnswer(format!("step {}: {choice}", at.saturating_add(1))));
            }
            kept.push((index.unwrap_or(0), choice, moment));
        }
        Ok(Place { lesson, step, answers: kept })
    }
}

impl Tutor {
    pub fn new(lesson: usize) -> Self {
        let steps = LESSONS[lesson].steps.len();
        let mut t = Tutor {
            lesson,
            step: 0,
            reached: 0,
            reached_done: false,
            done: false,
            typed: Vec::new(),
            predicted: None,
            answers: vec![None; steps],
        };
        t.enter();
        t
    }

    /// The learner back at `place` (a shared link, a lesson resumed): its step is the furthest
    /// reached, and a Do step there waits again until the run shows it done.
    pub fn at(place: &Place) -> Self {
        let mut t = Tutor::new(place.lesson);
        for &(i, choice, moment) in &place.answers {
            if let Some(answer) = t.answers.get_mut(i) {
                *answer = Some((choice, moment));
            }
        }
        t.step = place.step.min(t.lesson().steps.len());
        t.reached = t.step;
        t.enter();
        t
    }

    /// Where the learner is, as a link or the browser keeps it.
    pub fn place(&self) -> Place {
        let answers = self.answers.iter().enumerate().filter_map(|(i, a)| a.map(|(c, t)| (i, c, t))).collect();
        Place { lesson: self.lesson, step: self.step, answers }
    }

    pub fn lesson(&self) -> &'static Lesson {
        &LESSONS[self.lesson]
    }

    /// The step shown, `None` in free play.
    pub fn current(&self) -> Option<&'static Step> {
        self.lesson().steps.get(self.step)
    }

    pub fn in_free_play(&self) -> bool {
        self.step >= self.lesson().steps.len()
    }

    /// Looks at the run after a change (`knobs` applied, `draft` being edited, `focused` the
    /// pod or ReplicaSet explained); true when this made the step done (the page then pauses, so
    /// that the learner sees the moment).
    pub fn check(&mut self, knobs: &Knobs, draft: &Knobs, engine: &Engine, focused: Option<&str>) -> bool {
        if self.done {
            return false;
        }
        let met = match self.current().map(|s| &s.then) {
            Some(Then::Do { until, .. }) => until.holds(&Ctx {
                knobs,
                draft,
                engine,
                typed: &self.typed,
                predicted_at: self.predicted.map(|(_, t)| t),
                focused,
            }),
            _ => false,
        };
        self.done = met;
        met
    }

    /// A command the learner typed.
    pub fn heard(&mut self, line: &str) {
        self.typed.push(line.to_string());
    }

    /// The learner's answer to the Predict step shown; once given it stays (a step gone back to
    /// shows it, and the figure revealed is measured from it).
    pub fn predict(&mut self, value: Choice, now: SimTime) {
        if !self.done && matches!(self.current().map(|s| &s.then), Some(Then::Predict(..))) {
            self.predicted = Some((value, now));
            if let Some(answer) = self.answers.get_mut(self.step) {
                *answer = Some((value, now));
            }
            self.done = true;
        }
    }

    /// The last Predict step before `step`, and its measure.
    fn measure_before(&self, step: usize) -> Option<(usize, Measure)> {
        self.lesson().steps[..step].iter().enumerate().rev().find_map(|(i, s)| match s.then {
            Then::Predict(m, _) => Some((i, m)),
            _ => None,
        })
    }

    /// What a Reveal step shows: (the learner's prediction, the engine's figure).
    pub fn reveal(&self, knobs: &Knobs, engine: &Engine) -> Option<(Option<Choice>, i64)> {
        let Some(Then::Reveal { .. }) = self.current().map(|s| &s.then) else { return None };
        let (asked, measure) = self.measure_before(self.step)?;
        let answer = self.answers.get(asked).copied().flatten();
        let since = answer.map_or(SimTime::ZERO, |(_, t)| t);
        Some((answer.map(|(v, _)| v), measure.of(knobs, engine, since)))
    }

    /// Goes on to the next step (a step not done yet can be skipped: a teacher may talk it
    /// through). True when the lesson has just ended.
    pub fn go_on(&mut self) -> bool {
        if self.in_free_play() {
            return false;
        }
        self.step += 1;
        if self.step > self.reached {
            self.reached = self.step;
            self.reached_done = false;
        }
        self.enter();
        self.in_free_play()
    }

    /// Goes back to the step before, as it was left: a step passed stays passed (going back to a
    /// Do step does not undo what the learner did to the run), and a prediction shows the answer
    /// given. False on the first step.
    pub fn go_back(&mut self) -> bool {
        if self.step == 0 {
            return false;
        }
        if self.step == self.reached {
            self.reached_done = self.done;
        }
        self.step -= 1;
        self.enter();
        true
    }

    /// The step shown has just been entered (forwards or backwards).
    fn enter(&mut self) {
        self.typed.clear();
        let answer = self.answers.get(self.step).copied().flatten();
        self.done = match self.current().map(|s| &s.then) {
            Some(Then::Read | Then::Reveal { .. }) => true,
            Some(Then::Predict(..)) => answer.is_some(),
            Some(Then::Do { .. }) => self.step < self.reached || self.reached_done,
            None => false,
        };
        // The prediction a later step measures from: the last one given up to this step.
        let shown = (self.step + 1).min(self.answers.len());
        self.predicted = self.answers[..shown].iter().rev().find_map(|a| *a);
    }
}

/// A prediction typed by the learner: a whole number, or the reason it is not one.
pub fn parse_prediction(text: &str) -> Option<i64> {
    text.trim().parse::<i64>().ok().filter(|n| (0..=1_000_000).contains(n))
}
