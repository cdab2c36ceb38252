//! The trace: one line per event, used by the command-line tool, the golden tests and the page's
//! event log.
//!
//! Legend: `t=SECONDS OBJECT REASON: MESSAGE`, followed by `  (why: …)` when the engine made a
//! decision and knows why. `OBJECT` is `kind/name` as kubectl names it (`rs/http-go-5b8c4d7f9`),
//! or `kubectl` for the learner's own commands; `REASON` is Kubernetes' event reason where it has
//! one; `MESSAGE` is Kubernetes' own words, as `kubectl describe` prints them. Only the why is
//! translated.

use crate::i18n::{why_text, Lang};
use crate::sim::deployment::Decision;
use crate::sim::{Event, Why};

/// The legend of the trace, for the top of a printed one.
pub const LEGEND: &str = "t=SECONDS OBJECT REASON: MESSAGE  (why: the engine's reason, when it made a decision)";

/// A run's trace as JSON, as `rolloutscope simulate --format json` prints it and the page exports
/// it: `{"events": [{"t": seconds, "type", "object", "message", "why"?}], "samples": [...]}`, with
/// the reasons in `lang`.
pub fn json<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    samples: &[crate::sim::sample::Sample],
    lang: Lang,
) -> serde_json::Value {
    let events: Vec<serde_json::Value> = events
        .into_iter()
        .map(|e| {
            let mut v = serde_json::json!({
                "t": e.t.0 as f64 / 1000.0,
                "type": e.kind,
                "object": e.object,
                "message": e.message,
            });
            if let Some(why) = &e.why {
                v["why"] = why_text(lang, why).into();
            }
            v
        })
        .collect();
    serde_json::json!({"events": events, "samples": samples})
}

/// One event as a trace line, without the newline.
pub fn line(e: &Event, lang: Lang) -> String {
    let mut out = format!("t={} {} {}: {}", e.t, e.object, e.kind, e.message);
    push_why(&mut out, e.why.as_ref(), lang);
    out
}

/// One controller decision as a line, the trace's legend without the time:
/// `OBJECT REASON: MESSAGE  (why: …)`.
pub fn decision(d: &Decision, lang: Lang) -> String {
    let mut out = format!("{} {}: {}", d.object, d.reason, d.message);
    push_why(&mut out, Some(&d.why), lang);
    out
}

fn push_why(out: &mut String, why: Option<&Why>, lang: Lang) {
    if let Some(why) = why {
        out.push_str("  (why: ");
        out.push_str(&why_text(lang, why));
        out.push(')');
    }
}

/// The whole trace, one line per event.
pub fn render<'a>(events: impl IntoIterator<Item = &'a Event>, lang: Lang) -> String {
    events.into_iter().map(|e| line(e, lang) + "\n").collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{SimTime, World};

    #[test]
    fn trace_uses_the_legend() {
        let mut w = World::new(0);
        w.run_until(SimTime::from_millis(12_000));
        w.record("ScalingReplicaSet", "deployment/http-go", "Scaled up replica set http-go-abc to 1");
        assert_eq!(
            render(w.events(), Lang::En),
            "t=12.0s deployment/http-go ScalingReplicaSet: Scaled up replica set http-go-abc to 1\n"
        );
    }

    #[test]
    fn only_the_why_is_translated() {
        let e = Event {
            t: SimTime::from_secs(3),
            kind: "Killing".into(),
            object: "pod/web-abc-x2k4p".into(),
            message: "Stopping container web".into(),
            why: Some(crate::sim::Why::SigtermAtOnce),
        };
        assert_eq!(
            line(&e, Lang::En),
            "t=3.0s pod/web-abc-x2k4p Killing: Stopping container web  (why: the pod was deleted; its container gets SIGTERM at once)"
        );
        let ko = line(&e, Lang::Ko);
        assert!(ko.starts_with("t=3.0s pod/web-abc-x2k4p Killing: Stopping container web  (why: "), "{ko}");
        assert!(ko.chars().any(|c| ('가'..='힣').contains(&c)), "{ko}");
    }
}
