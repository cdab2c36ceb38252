//! Every text a learner reads, in English and Korean.
//!
//! Texts are keyed by [`Text`] and looked up with [`tr`]; the `match` in [`tr`] is exhaustive, so a
//! text cannot be added in one language and forgotten in the other.

mod why;

pub use why::why_text;

use serde::{Deserialize, Serialize};

use crate::sim::service::{Outcome, RequestLog};

/// A user-interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 tag, for the page's `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language's own name, shown on the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ko => "한국어",
        }
    }

    /// Picks Korean for a browser language such as `ko` or `ko-KR`, English otherwise.
    pub fn from_browser_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }
}

/// The key of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Text {
    Tagline,
    Language,
    SimulatedTime,
    Play,
    Pause,
    Step,
    Restart,
    EventLog,
    NoEventsYet,
    Seed,
    DeployNewVersion,
    ScenarioIntro,
}

/// The text for `key` in `lang`.
pub fn tr(lang: Lang, key: Text) -> &'static str {
    use Lang::*;
    use Text::*;
    match (key, lang) {
        (Tagline, En) => "Watch Kubernetes roll out an application, one controller decision at a time.",
        (Tagline, Ko) => "쿠버네티스가 애플리케이션을 배포하는 과정을 컨트롤러의 결정 하나하나까지 지켜보세요.",
        (Language, En) => "Language",
        (Language, Ko) => "언어",
        (SimulatedTime, En) => "Simulated time",
        (SimulatedTime, Ko) => "시뮬레이션 시간",
        (Play, En) => "Play",
        (Play, Ko) => "재생",
        (Pause, En) => "Pause",
        (Pause, Ko) => "일시정지",
        (Step, En) => "Step",
        (Step, Ko) => "한 단계",
        (Restart, En) => "Restart",
        (Restart, Ko) => "처음부터",
        (EventLog, En) => "Events",
        (EventLog, Ko) => "이벤트",
        (NoEventsYet, En) => "No events yet.",
        (NoEventsYet, Ko) => "아직 이벤트가 없습니다.",
        (Seed, En) => "Seed",
        (Seed, Ko) => "시드",
        (DeployNewVersion, En) => "Deploy a new version",
        (DeployNewVersion, Ko) => "새 버전 배포",
        (ScenarioIntro, En) => {
            "Deployment http-go: 3 replicas of gasbugs/http-go with a readiness probe, on 3 nodes. \
             Press Play, then deploy a new version and read why each controller acted."
        }
        (ScenarioIntro, Ko) => {
            "Deployment http-go: readiness 프로브가 있는 gasbugs/http-go 레플리카 3개가 노드 3대에서 실행됩니다. \
             재생을 누른 뒤 새 버전을 배포하고, 각 컨트롤러가 왜 그렇게 움직였는지 읽어 보세요."
        }
    }
}

/// The note above a shortened event log: "`n` earlier events are not shown".
pub fn earlier_events_hidden(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{n} earlier events are not shown."),
        Lang::Ko => format!("이전 이벤트 {n}개는 표시하지 않았습니다."),
    }
}

/// What `rolloutscope validate` says of a valid object (`deployment.apps/web`).
pub fn manifest_valid(lang: Lang, object: &str) -> String {
    match lang {
        Lang::En => format!("{object} is valid: the apiserver would accept it"),
        Lang::Ko => format!("{object}: 유효합니다. API 서버가 받아들입니다"),
    }
}

/// What `rolloutscope validate` says of a document it does not check.
pub fn manifest_skipped(lang: Lang, at: &str, kind: &str) -> String {
    match lang {
        Lang::En => format!("{at}: {kind} skipped: only apps/v1 Deployments are checked"),
        Lang::Ko => format!("{at}: {kind} 건너뜀: apps/v1 Deployment만 검사합니다"),
    }
}

/// What `rolloutscope sync` says when nothing needed writing.
pub fn sync_wrote_nothing(lang: Lang, object: &str) -> String {
    match lang {
        Lang::En => format!("{object}: nothing to do; the controller wrote nothing"),
        Lang::Ko => format!("{object}: 할 일이 없어 컨트롤러가 아무것도 쓰지 않았습니다"),
    }
}

/// How a request ended, in words.
pub fn outcome_name(lang: Lang, o: Outcome) -> &'static str {
    match (lang, o) {
        (Lang::En, Outcome::Ok) => "ok",
        (Lang::En, Outcome::ServerError) => "server error",
        (Lang::En, Outcome::NoEndpoints) => "no endpoints",
        (Lang::En, Outcome::ConnectionRefused) => "connection refused",
        (Lang::Ko, Outcome::Ok) => "성공",
        (Lang::Ko, Outcome::ServerError) => "서버 오류",
        (Lang::Ko, Outcome::NoEndpoints) => "엔드포인트 없음",
        (Lang::Ko, Outcome::ConnectionRefused) => "연결 거부",
    }
}

/// What the requests of a run did, a line each, for under a printed trace: the totals and
/// failures by cause, who answered, each Service's share and each user group's answers.
pub fn request_summary(lang: Lang, log: &RequestLog) -> Vec<String> {
    let list = |m: &std::collections::BTreeMap<String, u64>| {
        m.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
    };
    let failures = log
        .by_outcome
        .iter()
        .filter(|(o, _)| !o.succeeded())
        .map(|(o, n)| format!("{} {n}", outcome_name(lang, *o)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = vec![match lang {
        Lang::En => format!("requests: {} sent, {} succeeded, {} failed", log.sent, log.succeeded, log.failed),
        Lang::Ko => format!("요청: 보냄 {}, 성공 {}, 실패 {}", log.sent, log.succeeded, log.failed),
    }];
    if !failures.is_empty() {
        out[0].push_str(&format!(" ({failures})"));
    }
    if !log.by_image.is_empty() {
        out.push(match lang {
            Lang::En => format!("answered by: {}", list(&log.by_image)),
            Lang::Ko => format!("응답한 이미지: {}", list(&log.by_image)),
        });
    }
    for (service, c) in &log.by_service {
        out.push(match lang {
            Lang::En => format!("service/{service}: {} sent, {} failed", c.sent, c.failed),
            Lang::Ko => format!("service/{service}: 보냄 {}, 실패 {}", c.sent, c.failed),
        });
    }
    for (group, by_image) in &log.by_group {
        out.push(match lang {
            Lang::En => format!("group {group} answered by: {}", list(by_image)),
            Lang::Ko => format!("그룹 {group}에 응답한 이미지: {}", list(by_image)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_pick_the_language() {
        assert_eq!(Lang::from_browser_tag("ko-KR"), Lang::Ko);
        assert_eq!(Lang::from_browser_tag("KO"), Lang::Ko);
        assert_eq!(Lang::from_browser_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_browser_tag("kok"), Lang::En);
        assert_eq!(Lang::from_browser_tag(""), Lang::En);
    }

    #[test]
    fn korean_texts_are_korean() {
        // A Korean text copied from English by mistake would contain no Hangul.
        for key in [
            Text::Tagline,
            Text::Play,
            Text::Pause,
            Text::Step,
            Text::EventLog,
            Text::DeployNewVersion,
            Text::ScenarioIntro,
        ] {
            assert!(tr(Lang::Ko, key).chars().any(|c| ('가'..='힣').contains(&c)), "{key:?}");
        }
    }
}
