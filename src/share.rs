//! A run as a link. The page's URL fragment `#run=1.…` holds the whole run: the settings, the
//! seed, the timeline of what the learner did, the moment shown, the furthest moment reached, the
//! speed, the pod or ReplicaSet explained and the language. Opening it replays the timeline on the
//! same settings and seed ([`Engine::replay`](crate::session::Engine::replay)): the same run at
//! the same moment.
//!
//! The text after `run=` is the schema version, a dot, and the run as JSON, zlib-compressed and
//! written in URL-safe base64. Settings equal to the defaults are left out, so a typical link is a
//! few hundred characters. A link of an older schema keeps working: each version has its own
//! reader here, and a test keeps a link of each version and the run it must open.
//!
//! A link made during a lesson also carries the lesson, its step and the learner's predictions
//! (schema 2: schema 1 with that one field more, written only when there is a lesson, so that a
//! link of any other run is the same as before and an older page says that a lesson's link is
//! newer than it rather than misreading it).
//!
//! Everything in a link is checked as a learner's input is: a link that was cut short or changed
//! by hand is refused with a message, never half-applied, and the page shows the default run.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::lang::Lang;
use crate::lesson::{Choice, Place, PlaceError, LESSONS};
use crate::session::{Step, MAX_SPEED, MIN_SPEED};
use crate::setup::{Knobs, Router, StrategyKind};
use crate::sim::{SimDuration, SimTime};

/// The schema written by [`encode`] for a run outside a lesson.
pub const SCHEMA: u32 = 1;
/// The schema written by [`encode`] for a run in a lesson (schema 1 and the lesson's place).
pub const SCHEMA_LESSON: u32 = 2;
/// The key of the run in the URL fragment (`#run=…`).
pub const FRAGMENT_KEY: &str = "run";
/// The most steps a shared timeline may have.
pub const MAX_STEPS: usize = 500;
/// The most bytes a link's JSON may have once decompressed: a run started from a pasted
/// cluster state carries that state (188 pods of one Deployment are 162 KB of JSON), and an
/// edited link must not make the page inflate more than this.
const MAX_JSON: usize = 1024 * 1024;

/// Everything a link carries.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedRun {
    pub knobs: Knobs,
    pub seed: u64,
    pub timeline: Vec<(SimTime, Step)>,
    /// The furthest moment reached (what the time slider spans).
    pub end: SimTime,
    /// The moment shown.
    pub at: SimTime,
    /// A power of two, as the page's speed slider.
    pub speed: i32,
    pub lang: Lang,
    /// The pod or ReplicaSet being explained.
    pub focused: Option<String>,
    /// The lesson being followed, its step and the predictions made.
    pub lesson: Option<Place>,
}

/// Why a link was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The link names a schema this build does not know (a newer RolloutScope made it).
    Schema(String),
    /// The link is not whole: cut short, or changed by hand (bad base64, a failed checksum).
    Damaged,
    /// The link is whole but what it says is not a run (the reader's message).
    Invalid(String),
    /// The settings are ones the page refuses, in the apiserver's words.
    Refused(String),
    /// Opening it would replay more than the page takes on ([`check_replay`]).
    TooMuch(String),
    /// The lesson it names, or its step, is not one of this page's.
    Lesson(PlaceError),
}

/// Refuses a run whose replay is past [`MAX_LINK_WORK`](crate::sim::limits::MAX_LINK_WORK):
/// what opening its link would cost, counted as the engine counts work (the most pods it can
/// have, its requests a second, the furthest moment). The page asks this before it makes a link,
/// so a link it makes always opens.
pub fn check_replay(run: &SharedRun) -> Result<(), ShareError> {
    use crate::sim::limits::{check_work, MAX_LINK_WORK, MAX_REPLICAS};
    let base = i64::from(run.knobs.replicas);
    let mut most = base;
    for (_, step) in &run.timeline {
        let asked = match step {
            Step::Act(crate::setup::Act::Scale(n)) => i64::from(*n),
            Step::Kubectl(line) => crate::kubectl::parse(line)
                .unwrap_or_default()
                .iter()
                .filter_map(|i| i.replicas_asked().map(i64::from))
                .max()
                .unwrap_or(0),
            // The replicas the applied Deployments or the pasted state ask for, in all.
            Step::Apply { objects, .. } => objects
                .iter()
                .map(|o| match o {
                    crate::sim::Object::Deployment(d) => i64::from(d.spec.replicas),
                    _ => 0,
                })
                .sum(),
            Step::Restore(state) => state.deployments.iter().map(|d| i64::from(d.spec.replicas)).sum(),
            Step::Deploy | Step::Act(_) => 0,
        };
        most = most.max(base + asked.clamp(0, i64::from(MAX_REPLICAS)));
    }
    let pods = u64::try_from(most).unwrap_or(0).saturating_mul(2);
    let end = SimDuration::from_millis(run.end.as_millis().max(run.at.as_millis()));
    check_work(pods, u64::from(run.knobs.rate), end, MAX_LINK_WORK).map_err(ShareError::TooMuch)
}

/// The text after `run=` for `run`.
pub fn encode(run: &SharedRun) -> String {
    let wire = WireV1 {
        knobs: knobs_diff(&run.knobs),
        seed: run.seed,
        timeline: run.timeline.iter().map(|(t, s)| (t.as_millis(), s.clone())).collect(),
        end: run.end.as_millis(),
        at: run.at.as_millis(),
        speed: run.speed,
        lang: run.lang,
        focused: run.focused.clone(),
        lesson: run.lesson.as_ref().map(WireLesson::of),
    };
    let json = serde_json::to_vec(&wire).expect("a run is always JSON");
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, 9);
    let schema = if run.lesson.is_some() { SCHEMA_LESSON } else { SCHEMA };
    format!("{schema}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// The run in the text after `run=`, checked.
pub fn decode(text: &str) -> Result<SharedRun, ShareError> {
    let (schema, payload) = text.trim().split_once('.').ok_or(ShareError::Damaged)?;
    match schema {
        "1" => decode_v1(payload, false),
        "2" => decode_v1(payload, true),
        other => Err(ShareError::Schema(other.chars().take(12).collect())),
    }
}

/// The run in a URL fragment (`#run=…`, other `&`-separated keys ignored); `None` when the
/// fragment has no run.
pub fn from_fragment(fragment: &str) -> Option<Result<SharedRun, ShareError>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment.split('&').find_map(|kv| kv.strip_prefix(FRAGMENT_KEY).and_then(|rest| rest.strip_prefix('='))).map(decode)
}

/// The URL fragment of a run (`#run=…`).
pub fn fragment(run: &SharedRun) -> String {
    format!("#{FRAGMENT_KEY}={}", encode(run))
}

/// The key in the URL fragment that asks for the embed view (`#embed&run=…`): compact chrome for
/// an `<iframe>` in a blog post.
pub const EMBED_KEY: &str = "embed";

/// True when the fragment asks for the embed view.
pub fn is_embed(fragment: &str) -> bool {
    fragment.strip_prefix('#').unwrap_or(fragment).split('&').any(|kv| kv == EMBED_KEY)
}

/// The fragment without the embed key: the same run in the full tool.
pub fn without_embed(fragment: &str) -> String {
    let keys: Vec<&str> =
        fragment.strip_prefix('#').unwrap_or(fragment).split('&').filter(|kv| *kv != EMBED_KEY).collect();
    if keys.iter().all(|k| k.is_empty()) {
        String::new()
    } else {
        format!("#{}", keys.join("&"))
    }
}

/// The size an embedded run is given, in CSS pixels: the smallest the embed view is made for.
pub const EMBED_SIZE: (u32, u32) = (640, 400);

/// The `<iframe>` that embeds the run of `fragment` (`#run=…`) from the page at `base` (its
/// address without a fragment).
pub fn iframe(base: &str, fragment: &str, title: &str) -> String {
    let src = format!("{base}#{EMBED_KEY}&{}", fragment.strip_prefix('#').unwrap_or(fragment));
    let (w, h) = EMBED_SIZE;
    format!(
        r#"<iframe src="{}" title="{}" width="{w}" height="{h}" style="border: 0; max-width: 100%;" loading="lazy"></iframe>"#,
        escape_attribute(&src),
        escape_attribute(title)
    )
}

fn escape_attribute(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Schema 1. Short keys: the JSON is what the link carries.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireV1 {
    /// The settings that differ from [`Knobs::default`].
    #[serde(rename = "k", default, skip_serializing_if = "Map::is_empty")]
    knobs: Map<String, Value>,
    #[serde(rename = "s")]
    seed: u64,
    /// (milliseconds, step)
    #[serde(rename = "t", default, skip_serializing_if = "Vec::is_empty")]
    timeline: Vec<(u64, Step)>,
    #[serde(rename = "e")]
    end: u64,
    #[serde(rename = "a")]
    at: u64,
    #[serde(rename = "x", default)]
    speed: i32,
    #[serde(rename = "l", default)]
    lang: Lang,
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    focused: Option<String>,
    /// Schema 2 only.
    #[serde(rename = "L", default, skip_serializing_if = "Option::is_none")]
    lesson: Option<WireLesson>,
}

/// A lesson's place in a link: the lesson's id (stable, unlike its place in the list), the step's
/// index (from 0; the number of steps is free play) and each prediction as (step index, lowest,
/// highest, the moment in milliseconds).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireLesson {
    #[serde(rename = "i")]
    id: String,
    #[serde(rename = "n")]
    step: u64,
    #[serde(rename = "p", default, skip_serializing_if = "Vec::is_empty")]
    answers: Vec<(u64, i64, i64, u64)>,
}

impl WireLesson {
    fn of(place: &Place) -> WireLesson {
        WireLesson {
            id: LESSONS[place.lesson].id.to_string(),
            step: place.step as u64,
            answers: place.answers.iter().map(|(i, c, t)| (*i as u64, c.lo, c.hi, t.as_millis())).collect(),
        }
    }

    fn read(self, max_ms: u64) -> Result<Place, ShareError> {
        if let Some((_, _, _, ms)) = self.answers.iter().find(|(_, _, _, ms)| *ms > max_ms) {
            return Err(ShareError::Invalid(format!("a prediction: {ms} ms is past the longest run")));
        }
        let answers: Vec<_> =
            self.answers.iter().map(|&(i, lo, hi, ms)| (i, Choice::between(lo, hi), SimTime(ms))).collect();
        Place::check(&self.id, self.step, &answers).map_err(ShareError::Lesson)
    }
}

/// Schema 1, and schema 2 (`lesson`: schema 1 and a lesson's place).
fn decode_v1(payload: &str, lesson: bool) -> Result<SharedRun, ShareError> {
    let packed = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).map_err(|_| ShareError::Damaged)?;
    let json =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_JSON).map_err(|_| ShareError::Damaged)?;
    let wire: WireV1 = serde_json::from_slice(&json).map_err(|e| ShareError::Invalid(e.to_string()))?;

    let knobs = knobs_from_diff(wire.knobs)?;
    if let Some((_, message)) = knobs.errors().into_iter().next() {
        return Err(ShareError::Refused(message));
    }
    // A moment past a day is no run the page makes (the work is checked once the run is read).
    let max = crate::sim::limits::MAX_DURATION.as_millis();
    let too_late = |what: &str, ms: u64| {
        ShareError::Invalid(format!("{what}: {ms} ms is past the longest run ({} s)", max / 1000))
    };
    if wire.timeline.len() > MAX_STEPS {
        return Err(ShareError::Invalid(format!(
            "the timeline has {} steps, more than {MAX_STEPS}",
            wire.timeline.len()
        )));
    }
    let mut timeline = Vec::with_capacity(wire.timeline.len());
    for (ms, step) in wire.timeline {
        if ms > max {
            return Err(too_late("a step", ms));
        }
        if let Step::Act(crate::setup::Act::Scale(n)) = step {
            if !(0..=crate::sim::limits::MAX_REPLICAS).contains(&n) {
                return Err(ShareError::Invalid(format!("scale to {n} replicas")));
            }
        }
        if let Step::Kubectl(line) = &step {
            if line.len() > crate::session::MAX_COMMAND {
                return Err(ShareError::Invalid(format!(
                    "a command of {} characters, more than {}",
                    line.len(),
                    crate::session::MAX_COMMAND
                )));
            }
        }
        timeline.push((SimTime(ms), step));
    }
    // A timeline is in time order; one edited out of order is put back in order (a stable sort
    // keeps two steps at one moment as they were).
    timeline.sort_by_key(|(t, _)| *t);
    for (what, ms) in [("the end", wire.end), ("the moment shown", wire.at)] {
        if ms > max {
            return Err(too_late(what, ms));
        }
    }
    if !(MIN_SPEED..=MAX_SPEED).contains(&wire.speed) {
        return Err(ShareError::Invalid(format!("speed {} is not one of the page's speeds", wire.speed)));
    }
    if wire.focused.as_ref().is_some_and(|f| f.len() > 253) {
        return Err(ShareError::Invalid("the name explained is longer than a Kubernetes name can be".into()));
    }
    let lesson = match (wire.lesson, lesson) {
        (None, _) => None,
        (Some(l), true) => Some(l.read(max)?),
        (Some(_), false) => return Err(ShareError::Invalid("a lesson in a link of schema 1".into())),
    };
    let run = SharedRun {
        knobs,
        seed: wire.seed,
        timeline,
        end: SimTime(wire.end),
        at: SimTime(wire.at),
        speed: wire.speed,
        lang: wire.lang,
        focused: wire.focused,
        lesson,
    };
    check_replay(&run)?;
    Ok(run)
}

fn knobs_value(knobs: &Knobs) -> Map<String, Value> {
    match serde_json::to_value(knobs) {
        Ok(Value::Object(map)) => map,
        _ => unreachable!("settings are a JSON object"),
    }
}

/// What a link's settings are written against: the defaults, except that a strategy the router
/// knob routes (Canary, A/B, Blue/Green) has [`Router::Ingress`]. Links made before the knob
/// existed have no `router`: their Canary and A/B ran on the NGINX Ingress and their Blue/Green
/// switched the Service's selector, so a link without it opens as it always did, while the page's
/// own default is the Gateway API. (The strategy itself stays the default's, so that a link
/// always says one that differs.)
fn link_base(strategy: StrategyKind) -> Knobs {
    let router = if Router::routes(strategy) { Router::Ingress } else { Router::default() };
    Knobs { router, ..Knobs::default() }
}

/// The settings that differ from [`link_base`].
fn knobs_diff(knobs: &Knobs) -> Map<String, Value> {
    let base = knobs_value(&link_base(knobs.strategy));
    knobs_value(knobs).into_iter().filter(|(k, v)| base.get(k) != Some(v)).collect()
}

/// [`link_base`] of the link's strategy with `diff` laid over it.
fn knobs_from_diff(mut diff: Map<String, Value>) -> Result<Knobs, ShareError> {
    let strategy = match diff.get("strategy") {
        Some(v) => StrategyKind::deserialize(v).map_err(|e| ShareError::Invalid(e.to_string()))?,
        None => StrategyKind::default(),
    };
    let mut map = knobs_value(&link_base(strategy));
    for (key, value) in std::mem::take(&mut diff) {
        if !map.contains_key(&key) {
            return Err(ShareError::Invalid(format!("unknown setting `{key}`")));
        }
        map.insert(key, value);
    }
    serde_json::from_value(Value::Object(map)).map_err(|e| ShareError::Invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::setup::Act;

    fn run() -> SharedRun {
        SharedRun {
            knobs: Knobs { replicas: 6, max_surge: "1".into(), ..Knobs::default() },
            seed: 42,
            timeline: vec![(SimTime::from_secs(20), Step::Deploy), (SimTime::from_secs(31), Step::Act(Act::Scale(9)))],
            end: SimTime::from_secs(90),
            at: SimTime::from_secs(45),
            speed: 2,
            lang: Lang::Ko,
            focused: Some("http-go-5cd96dfdcd".into()),
            lesson: None,
        }
    }

    #[test]
    fn a_run_survives_its_link() {
        let r = run();
        assert_eq!(decode(&encode(&r)), Ok(r.clone()));
        assert_eq!(from_fragment(&fragment(&r)), Some(Ok(r)));
        assert_eq!(from_fragment("#lesson=3"), None);
    }

    #[test]
    fn the_embed_view_is_a_key_of_the_fragment() {
        let f = format!("#embed&{}", &fragment(&run())[1..]);
        assert!(is_embed(&f));
        assert!(!is_embed(&fragment(&run())));
        assert_eq!(from_fragment(&f), Some(Ok(run())));
        assert_eq!(without_embed(&f), fragment(&run()));
        assert_eq!(without_embed("#embed"), "");
        let html = iframe("https://example.org/k8s/", &fragment(&run()), "RollingUpdate \"v2\" & more");
        assert!(html.starts_with(r#"<iframe src="https://example.org/k8s/#embed&amp;run=1."#), "{html}");
        assert!(html.contains(r#"title="RollingUpdate &quot;v2&quot; &amp; more" width="640" height="400""#), "{html}");
    }

    #[test]
    fn only_the_settings_that_differ_are_written() {
        assert_eq!(knobs_diff(&Knobs::default()).len(), 0);
        let diff = knobs_diff(&run().knobs);
        assert_eq!(diff.keys().collect::<Vec<_>>(), ["maxSurge", "replicas"]);
    }

    /// A link made before the router knob has no `router`: its Canary and A/B opened on the NGINX
    /// Ingress and its Blue/Green switched the Service's selector, and still do; the page's
    /// default Gateway is written out for them.
    #[test]
    fn a_link_without_a_router_opens_its_canary_on_the_ingress() {
        let with = |strategy, router| SharedRun { knobs: Knobs { strategy, router, ..Knobs::default() }, ..run() };
        for strategy in [StrategyKind::Canary, StrategyKind::AB, StrategyKind::BlueGreen] {
            for router in Router::ALL {
                let r = with(strategy, router);
                assert_eq!(decode(&encode(&r)), Ok(r.clone()), "{strategy:?} {router:?}");
                assert_eq!(knobs_diff(&r.knobs).contains_key("router"), router == Router::Gateway);
            }
            // As a link of the old build wrote it: the strategy, and no router.
            let old: Map<String, Value> =
                [("strategy".to_string(), serde_json::to_value(strategy).unwrap())].into_iter().collect();
            assert_eq!(knobs_from_diff(old).unwrap().router, Router::Ingress, "{strategy:?}");
        }
        // The strategies that read no router open on the page's default, and write none.
        let r = with(StrategyKind::RollingUpdate, Router::Gateway);
        assert!(!knobs_diff(&r.knobs).contains_key("router"));
        assert_eq!(decode(&encode(&r)), Ok(r));
        let bad: Map<String, Value> = [("router".to_string(), Value::from("istio"))].into_iter().collect();
        assert!(matches!(knobs_from_diff(bad), Err(ShareError::Invalid(m)) if m.contains("unknown variant `istio`")));
    }
}
