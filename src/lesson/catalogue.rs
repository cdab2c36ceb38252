//! The lessons, each in English and Korean. Every figure a text states is checked against the
//! engine by `tests/page/lessons.rs`, which walks each lesson as a learner would.
//!
//! Korean follows kubernetes.io/ko's words (디플로이먼트, 레플리카셋, 파드, 서비스, 인그레스,
//! 롤아웃, 롤백, 가져오다 for pull), with 레디니스·라이브니스·스타트업 프로브 as the course says
//! them (the docs' 준비성·활성 프로브 named once, in `readiness-probe`), and 사용 가능 for
//! Available throughout. A step says at most about 35 English words.

use super::{About, Choice, Do, Goal, Lesson, Measure, PodState, Said, Setting, Step, Then};
use crate::setup::{Act, Knobs, NewVersion, ProbeKind, Router, StrategyKind};
use crate::sim::objects::PullPolicy;
use crate::sim::SimTime;

const fn say(en: &'static str, ko: &'static str) -> Said {
    Said::new(en, ko)
}

const fn read(en: &'static str, ko: &'static str) -> Step {
    Step { say: say(en, ko), then: Then::Read }
}

const fn act(en: &'static str, ko: &'static str, what: Do, until: Goal) -> Step {
    Step { say: say(en, ko), then: Then::Do { what, until } }
}

/// A prediction the learner makes by picking one of `choices`.
const fn predict_among(en: &'static str, ko: &'static str, m: Measure, choices: &'static [Choice]) -> Step {
    Step { say: say(en, ko), then: Then::Predict(m, choices) }
}

const fn of(n: i64) -> Choice {
    Choice::is(n)
}

const fn between(lo: i64, hi: i64) -> Choice {
    Choice::between(lo, hi)
}

/// Failed requests: a count nobody guesses to the unit, so its order of magnitude.
const FAILED: &[Choice] = &[of(0), between(1, 20), between(21, 100), between(101, 1000)];

/// Restarts of a pod: none, one, or over and over.
const RESTARTS: &[Choice] = &[of(0), of(1), between(2, 100)];

const fn reveal(en: &'static str, ko: &'static str, expected: i64) -> Step {
    Step { say: say(en, ko), then: Then::Reveal { expected } }
}

const DEPLOY: Step = act(
    "Deploy a new version: press \"Deploy a new version\", or type kubectl set image deployment/http-go http-go=gasbugs/http-go:v2.",
    "새 버전을 배포하세요. \"새 버전 배포\"를 누르거나 kubectl set image deployment/http-go http-go=gasbugs/http-go:v2 를 입력하세요.",
    Do::Deploy,
    Goal::Image("v2"),
);

const PLAY_TO_THE_END: Step = act(
    "Press Play and watch until the rollout is complete.",
    "재생을 누르고 롤아웃이 끝날 때까지 지켜보세요.",
    Do::Play,
    Goal::RolledOut,
);

const DELETE_A_POD: Step =
    act("Press \"Delete a pod\".", "\"파드 하나 삭제\"를 누르세요.", Do::Act(Act::DeletePod), Goal::Missing);

const PLAY_UNTIL_ALL_AVAILABLE: Step = act(
    "Press Play until all 4 pods are available again.",
    "파드 4개가 모두 다시 사용 가능해질 때까지 재생하세요.",
    Do::Play,
    Goal::AllAvailable,
);

fn defaults() -> Knobs {
    Knobs::default()
}

/// The canary lessons' setup, without a router's weight: the Service selects the app's pods of
/// both tracks, and the canary Deployment runs v2.
const SELECT_BOTH_TRACKS: Step = act(
    "Make the Service select the pods of the canary too: type kubectl patch service http-go -p '{\"spec\":{\"selector\":{\"track\":null}}}'. Its selector is now app=http-go alone, a label the pods of both Deployments carry.",
    "서비스가 카나리의 파드도 고르게 하세요. kubectl patch service http-go -p '{\"spec\":{\"selector\":{\"track\":null}}}' 를 입력하세요. 이제 셀렉터는 app=http-go 하나뿐이고, 두 디플로이먼트의 파드가 모두 이 레이블을 달고 있습니다.",
    Do::Kubectl(r#"kubectl patch service http-go -p '{"spec":{"selector":{"track":null}}}'"#),
    Goal::ServiceSelector("track", None),
);

const CANARY_ON_V2: Step = act(
    "Put v2 on the canary: type kubectl set image deployment/http-go-canary http-go=gasbugs/http-go:v2. It has 0 replicas, so nothing runs yet.",
    "카나리에 v2를 설정하세요. kubectl set image deployment/http-go-canary http-go=gasbugs/http-go:v2 를 입력하세요. 레플리카가 0개라서 아직 뜨는 파드는 없습니다.",
    Do::Kubectl("kubectl set image deployment/http-go-canary http-go=gasbugs/http-go:v2"),
    Goal::ImageOf("http-go-canary", "v2"),
);

const ONE_CANARY_POD: Step = act(
    "Start one canary pod: type kubectl scale deployment/http-go-canary --replicas=1, and press Play until it is available.",
    "카나리 파드 하나를 띄우세요. kubectl scale deployment/http-go-canary --replicas=1 을 입력하고, 그 파드가 사용 가능해질 때까지 재생하세요.",
    Do::Kubectl("kubectl scale deployment/http-go-canary --replicas=1"),
    Goal::AvailableOf("http-go-canary", 1),
);

const PLAY_A_MINUTE: Step = act(
    "Press Play for a minute of requests (the requests chart shows each version's share).",
    "1분 동안 요청이 오가도록 재생하세요(요청 차트에 버전별 비율이 나옵니다).",
    Do::Play,
    Goal::SincePrediction(60),
);

/// The canary's weights set to 95 (stable) and 5 (canary) in the HTTPRoute (what
/// [`crate::setup::gateway_weight_line`] writes for 5).
const WEIGHT_5: &str = r#"kubectl patch httproute http-go --type json -p '[{"op": "replace", "path": "/spec/rules/0/backendRefs/0/weight", "value": 95}, {"op": "replace", "path": "/spec/rules/0/backendRefs/1/weight", "value": 5}]'"#;

fn canary() -> Knobs {
    Knobs { strategy: StrategyKind::Canary, ..Knobs::default() }
}

pub static LESSONS: &[Lesson] = &[
    Lesson {
        id: "replicasets",
        about: About::Topic(2),
        title: say("A Deployment owns ReplicaSets, which own pods", "디플로이먼트는 레플리카셋을, 레플리카셋은 파드를 소유한다"),
        objective: say("See how a Deployment rolls out through ReplicaSets, and why the old one is kept.", "디플로이먼트가 레플리카셋을 통해 어떻게 롤아웃하는지, 이전 레플리카셋을 왜 남겨 두는지 봅니다."),
        takeaway: say("Each change of the pod template makes a new ReplicaSet, named by its pod-template-hash; the old ones are scaled to 0 and kept for rollback.", "파드 템플릿이 바뀔 때마다 새 레플리카셋이 생기고, 이름에 pod-template-hash가 붙습니다. 이전 레플리카셋은 0으로 줄여 롤백용으로 남겨 둡니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: defaults,
        seed: 1,
        steps: &[
            read(
                "A Deployment does not run pods itself. It owns ReplicaSets, and each ReplicaSet owns pods. In the cluster view, http-go has one ReplicaSet, revision 1, with 4 pods.",
                "디플로이먼트는 파드를 직접 실행하지 않습니다. 디플로이먼트가 레플리카셋을 소유하고, 각 레플리카셋이 파드를 소유합니다. 클러스터 화면에서 http-go에는 리비전 1인 레플리카셋 하나와 파드 4개가 있습니다.",
            ),
            act(
                "Type kubectl get rs in the terminal. The ReplicaSet's name ends in its pod-template-hash: a hash of the pod template, also put on every pod as a label.",
                "터미널에 kubectl get rs 를 입력하세요. 레플리카셋 이름 끝에 붙은 문자열이 pod-template-hash입니다. 파드 템플릿의 해시로, 모든 파드에도 레이블로 붙습니다.",
                Do::Kubectl("kubectl get rs"),
                Goal::Typed("get rs"),
            ),
            predict_among(
                "Before you deploy v2: once it has rolled out, how many ReplicaSets will http-go have: 1, 2 or 3?",
                "v2를 배포하기 전에 예측해 보세요. 롤아웃이 끝나면 http-go의 레플리카셋은 1, 2, 3개 중 몇 개일까요?",
                Measure::ReplicaSets,
                &[of(1), of(2), of(3)],
            ),
            DEPLOY,
            act(
                "The template changed, so the Deployment controller made a new ReplicaSet with a new hash. Press Play: it scales the new one up and the old one down.",
                "템플릿이 바뀌었으므로 디플로이먼트 컨트롤러가 새 해시를 가진 새 레플리카셋을 만들었습니다. 재생을 누르세요. 컨트롤러가 새 레플리카셋은 늘리고 이전 레플리카셋은 줄입니다.",
                Do::Play,
                Goal::RolledOut,
            ),
            reveal(
                "2: the new one, running the 4 pods, and the old one, scaled to 0 but kept.",
                "2개입니다. 파드 4개를 실행하는 새 레플리카셋과, 0으로 줄었지만 남아 있는 이전 레플리카셋입니다.",
                2,
            ),
            act(
                "Type kubectl get rs again. The old ReplicaSet is still there, scaled to 0: it is kept so that kubectl rollout undo can scale it back up (revisionHistoryLimit says how many are kept).",
                "kubectl get rs 를 다시 입력하세요. 이전 레플리카셋은 0으로 줄었지만 남아 있습니다. kubectl rollout undo 가 다시 늘릴 수 있도록 남겨 두는 것입니다(몇 개를 남길지는 revisionHistoryLimit이 정합니다).",
                Do::Kubectl("kubectl get rs"),
                Goal::Typed("get rs"),
            ),
        ],
    },
    Lesson {
        id: "surge-and-unavailable",
        about: About::Topic(4),
        title: say("maxSurge and maxUnavailable", "maxSurge와 maxUnavailable"),
        objective: say("Predict from maxSurge and maxUnavailable how many pods a rolling update creates and keeps.", "maxSurge와 maxUnavailable로 롤링 업데이트가 파드를 몇 개 만들고 몇 개 남기는지 예측합니다."),
        takeaway: say("The ReplicaSets want at most replicas + maxSurge pods, and while every pod is healthy at least replicas − maxUnavailable stay available.", "레플리카셋들이 원하는 파드 수는 replicas + maxSurge를 넘지 않고, 모든 파드가 정상이면 사용 가능한 파드는 replicas − maxUnavailable 아래로 내려가지 않습니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: defaults,
        seed: 1,
        steps: &[
            read(
                "http-go has 4 replicas and the default RollingUpdate bounds: maxSurge 25% (how many pods may be created above the 4) and maxUnavailable 25% (how many of the 4 may be unavailable).",
                "http-go는 레플리카 4개에 RollingUpdate의 기본 한도를 씁니다. maxSurge 25%는 4개보다 몇 개를 더 만들어도 되는지, maxUnavailable 25%는 4개 중 몇 개까지 사용 가능(Available) 상태가 아니어도 되는지를 정합니다.",
            ),
            predict_among(
                "Before you deploy: how many pods will exist at most during the rollout?",
                "배포하기 전에 예측해 보세요. 롤아웃 중에 파드는 최대 몇 개까지 있을까요?",
                Measure::PeakPods,
                &[of(4), of(5), of(6), of(8)],
            ),
            DEPLOY,
            PLAY_TO_THE_END,
            reveal(
                "25% of 4 is 1, so the controller lets its ReplicaSets want 4 + 1 = 5 pods at most. Here old pods stop at once, so 5 is also the most that existed.",
                "4의 25%는 1이므로, 컨트롤러는 레플리카셋들이 원하는 파드 수의 합을 4 + 1 = 5개까지 허용합니다. 여기서는 이전 파드가 곧바로 종료되므로 실제로 있던 파드도 최대 5개였습니다.",
                5,
            ),
            read(
                "The bound counts the ReplicaSets' replicas, not pods still shutting down. With a slow shutdown (a long preStop hook, say), more than 5 pods exist for a while, unless the alpha podReplacementPolicy: TerminationComplete is set.",
                "이 한도는 레플리카셋의 레플리카 수를 셀 뿐, 종료 중인 파드는 세지 않습니다. 그래서 종료가 느리면(긴 preStop 훅 등) 한동안 파드가 5개보다 많아집니다. 알파 필드인 podReplacementPolicy: TerminationComplete를 설정했을 때만 다릅니다.",
            ),
            predict_among(
                "Now the other bound. During the next rollout, what is the fewest available pods at any second?",
                "이번에는 다른 한도입니다. 다음 롤아웃 동안 사용 가능한 파드가 가장 적을 때는 몇 개일까요?",
                Measure::FewestAvailable,
                &[of(2), of(3), of(4)],
            ),
            act(
                "Deploy once more: press \"Deploy a new version\" (v3).",
                "한 번 더 배포하세요. \"새 버전 배포\"를 누르세요(v3).",
                Do::Deploy,
                Goal::Image("v3"),
            ),
            PLAY_TO_THE_END,
            reveal(
                "maxUnavailable 25% of 4 is 1, so at least 4 − 1 = 3 pods stay available: the controller scales the old ReplicaSet down only as far as that allows.",
                "maxUnavailable 25%는 4개 중 1개이므로 최소 4 − 1 = 3개는 계속 사용 가능합니다. 컨트롤러는 딱 그만큼만 이전 레플리카셋을 줄입니다.",
                3,
            ),
            act(
                "Drag the time slider back to 34 s, in the middle of the v3 rollout: 5 pods, the most maxSurge allows, and only 3 of them Available, the fewest maxUnavailable allows.",
                "시간 슬라이더를 34초로 되돌리세요. v3 롤아웃이 한창일 때입니다. 파드는 maxSurge가 허용하는 최대인 5개이고, 그중 사용 가능한 파드는 maxUnavailable이 허용하는 최소인 3개뿐입니다.",
                Do::Seek(SimTime::from_secs(34)),
                Goal::Shown(SimTime::from_secs(34)),
            ),
            act(
                "Click a v3 pod that is not Ready to open its explanation: the Service sends it no requests until its readiness probe passes, and no v2 pod can go until a v3 pod is Available.",
                "Ready가 아닌 v3 파드를 클릭해 상태 설명을 여세요. 레디니스 프로브를 통과할 때까지 서비스는 이 파드에 요청을 보내지 않고, v3 파드가 하나라도 사용 가능해지기 전에는 v2 파드를 더 줄일 수 없습니다.",
                Do::Explain(PodState::NewNotReady),
                Goal::Explained(PodState::NewNotReady),
            ),
        ],
    },
    Lesson {
        id: "recreate",
        about: About::Topic(5),
        title: say("Recreate: a window with no endpoints", "Recreate: 엔드포인트가 없는 구간"),
        objective: say("Measure the downtime of the Recreate strategy.", "Recreate 전략의 다운타임을 재 봅니다."),
        takeaway: say("Recreate deletes every old pod before it creates a new one, so requests fail until the first new pod is Ready.", "Recreate는 새 파드를 만들기 전에 이전 파드를 모두 삭제하므로, 첫 새 파드가 Ready가 될 때까지 요청이 실패합니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: || Knobs { strategy: StrategyKind::Recreate, rate: 20, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "This Deployment uses the Recreate strategy, and users send 20 requests a second. Recreate deletes every old pod before it creates any new one.",
                "이 디플로이먼트는 Recreate 전략을 쓰고, 사용자는 초당 요청 20개를 보냅니다. Recreate는 새 파드를 만들기 전에 이전 파드를 모두 삭제합니다.",
            ),
            predict_among(
                "How many requests will fail during the update?",
                "업데이트하는 동안 실패하는 요청은 몇 개일까요?",
                Measure::FailedRequests,
                FAILED,
            ),
            DEPLOY,
            act(
                "Press Play and watch the Service: it will have no endpoints at all.",
                "재생을 누르고 서비스를 지켜보세요. 엔드포인트가 하나도 없는 순간이 옵니다.",
                Do::Play,
                Goal::NoEndpoints,
            ),
            PLAY_TO_THE_END,
            reveal(
                "Every request sent while the Service had no ready endpoint failed: from the moment the old pods were gone until the first v2 pod passed its readiness probe.",
                "서비스에 준비된 엔드포인트가 없던 동안 보낸 요청은 모두 실패했습니다. 이전 파드가 사라진 순간부터 첫 v2 파드가 레디니스 프로브를 통과할 때까지입니다.",
                96,
            ),
        ],
    },
    Lesson {
        id: "min-ready-seconds",
        about: About::Topic(6),
        title: say("minReadySeconds: Ready is not Available", "minReadySeconds: Ready라고 바로 사용 가능한 것은 아니다"),
        objective: say("Slow a rollout down with minReadySeconds, so that each step can be watched.", "minReadySeconds로 롤아웃을 늦춰 단계마다 지켜봅니다."),
        takeaway: say("A new pod counts as Available only once it has been Ready for minReadySeconds, and the rollout moves on only as pods become Available.", "새 파드는 minReadySeconds 동안 Ready를 유지해야 사용 가능으로 세어지고, 롤아웃은 사용 가능한 파드가 늘어야 진행됩니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: defaults,
        seed: 1,
        steps: &[
            act(
                "Slow the rollout down so it can be watched: type kubectl patch deployment http-go -p '{\"spec\": {\"minReadySeconds\": 10}}'.",
                "롤아웃을 지켜볼 수 있도록 느리게 만드세요. kubectl patch deployment http-go -p '{\"spec\": {\"minReadySeconds\": 10}}' 를 입력하세요.",
                Do::Kubectl(r#"kubectl patch deployment http-go -p '{"spec": {"minReadySeconds": 10}}'"#),
                Goal::MinReadySeconds(10),
            ),
            predict_among(
                "With minReadySeconds 10, what is the fewest available pods during the rollout: 2, 3 or 4?",
                "minReadySeconds가 10일 때, 롤아웃 동안 사용 가능한 파드가 가장 적을 때는 2, 3, 4개 중 몇 개일까요?",
                Measure::FewestAvailable,
                &[of(2), of(3), of(4)],
            ),
            DEPLOY,
            act(
                "Press Play. Watch for a v2 pod that is Ready (filled) but has no ✓: it is not Available yet.",
                "재생을 누르세요. Ready(채워진 모양)인데 ✓가 없는 v2 파드를 찾아보세요. 아직 사용 가능하지 않은 파드입니다.",
                Do::Play,
                Goal::ReadyNotAvailable,
            ),
            act(
                "Click that v2 pod to open its explanation: Ready, so the Service sends it requests; Available: not yet, and how many seconds of minReadySeconds 10 it has been Ready.",
                "그 v2 파드를 클릭해 상태 설명을 여세요. Ready이므로 서비스가 요청을 보내지만, 아직 사용 가능(Available)은 아닙니다. minReadySeconds 10초 중 몇 초째 Ready인지도 나옵니다.",
                Do::Explain(PodState::NewReadyNotAvailable),
                Goal::Explained(PodState::NewReadyNotAvailable),
            ),
            read(
                "That pod is Ready, so the Service already sends it requests. The Deployment counts it Available only once it has been Ready for minReadySeconds (10 s), and only Available pods let the rollout go on.",
                "이 파드는 Ready이므로 서비스가 이미 요청을 보냅니다. 하지만 디플로이먼트는 minReadySeconds(10초) 동안 Ready를 유지한 파드만 사용 가능으로 세고, 사용 가능한 파드가 늘어야 롤아웃이 진행됩니다.",
            ),
            PLAY_TO_THE_END,
            reveal(
                "3, as without it: minReadySeconds makes the rollout slower, not less available. maxUnavailable 25% still keeps 3 of the 4 available.",
                "minReadySeconds가 없을 때와 같은 3개입니다. minReadySeconds는 롤아웃을 느리게 할 뿐, 사용 가능한 파드를 줄이지 않습니다. maxUnavailable 25%가 여전히 4개 중 3개를 사용 가능하게 유지합니다.",
                3,
            ),
        ],
    },
    Lesson {
        id: "rollout-commands",
        about: About::Topic(8),
        title: say("kubectl rollout: status, history, undo", "kubectl rollout: 상태, 히스토리, 롤백(undo)"),
        objective: say("Drive a rollout with kubectl: set image, rollout status, rollout history and rollout undo.", "kubectl로 롤아웃을 다룹니다. set image, rollout status, rollout history, rollout undo입니다."),
        takeaway: say("set image starts a rollout, rollout status follows it, rollout history lists the revisions, and rollout undo writes an older template back as the next revision.", "set image는 롤아웃을 시작하고, rollout status는 진행을 보여 주고, rollout history는 리비전을 나열하고, rollout undo는 이전 템플릿을 다음 리비전으로 다시 써 넣습니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: defaults,
        seed: 1,
        steps: &[
            act(
                "Run the course's monitor: type while true; do curl http-go; sleep 1; done & — each second it asks the Service, and the answer names the version that served it. kill %1 stops it.",
                "강의의 모니터링 명령을 백그라운드로 실행하세요. while true; do curl http-go; sleep 1; done & 를 입력하면 1초마다 서비스에 요청하고, 응답마다 어느 버전이 처리했는지 나옵니다. kill %1 로 멈춥니다.",
                Do::Kubectl("while true; do curl http-go; sleep 1; done &"),
                Goal::Typed("while true"),
            ),
            act(
                "Type kubectl set image deployment/http-go http-go=gasbugs/http-go:v2.",
                "kubectl set image deployment/http-go http-go=gasbugs/http-go:v2 를 입력하세요.",
                Do::Kubectl("kubectl set image deployment/http-go http-go=gasbugs/http-go:v2"),
                Goal::Image("v2"),
            ),
            act(
                "Type kubectl rollout status deployment/http-go: it says what the rollout is waiting for.",
                "kubectl rollout status deployment/http-go 를 입력하세요. 롤아웃이 무엇을 기다리는지 알려 줍니다.",
                Do::Kubectl("kubectl rollout status deployment/http-go"),
                Goal::Typed("rollout status"),
            ),
            PLAY_TO_THE_END,
            act(
                "Roll out v3: type kubectl set image deployment/http-go http-go=gasbugs/http-go:v3, then play until it is complete.",
                "v3를 배포하세요. kubectl set image deployment/http-go http-go=gasbugs/http-go:v3 를 입력하고 완료될 때까지 재생하세요.",
                Do::Kubectl("kubectl set image deployment/http-go http-go=gasbugs/http-go:v3"),
                Goal::Image("v3"),
            ),
            PLAY_TO_THE_END,
            act(
                "Type kubectl rollout history deployment/http-go: revisions 1, 2 and 3. CHANGE-CAUSE shows the kubernetes.io/change-cause annotation, which the course's --record flag wrote; --record is deprecated, so write it with kubectl annotate.",
                "kubectl rollout history deployment/http-go 를 입력하세요. 리비전 1, 2, 3이 있습니다. CHANGE-CAUSE 열은 kubernetes.io/change-cause 어노테이션을 보여 줍니다. 강의에서 쓰는 --record 플래그가 이 값을 적어 주었지만 지금은 사용 중단(deprecated)되었으니, kubectl annotate 로 직접 적으세요.",
                Do::Kubectl("kubectl rollout history deployment/http-go"),
                Goal::Typed("rollout history"),
            ),
            predict_among(
                "You will now type kubectl rollout undo, which goes back to v2. What revision number will http-go be at then?",
                "이제 kubectl rollout undo 로 v2로 되돌립니다. 그러면 http-go의 리비전 번호는 몇이 될까요?",
                Measure::Revision,
                &[of(2), of(3), of(4)],
            ),
            act(
                "Type kubectl rollout undo deployment/http-go.",
                "kubectl rollout undo deployment/http-go 를 입력하세요.",
                Do::Kubectl("kubectl rollout undo deployment/http-go"),
                Goal::Image("v2"),
            ),
            PLAY_TO_THE_END,
            reveal(
                "Revision 4, not 2. Undo writes revision 2's template back into the Deployment; the controller reuses revision 2's ReplicaSet and gives it the next number, 4 (type kubectl rollout history: 1, 3, 4).",
                "2가 아니라 4입니다. undo는 리비전 2의 템플릿을 디플로이먼트에 다시 써 넣고, 컨트롤러는 리비전 2의 레플리카셋을 재사용하면서 다음 번호 4를 붙입니다(kubectl rollout history 를 입력하면 1, 3, 4가 보입니다).",
                4,
            ),
            act(
                "Go back to the very first version: type kubectl rollout undo deployment/http-go --to-revision=1.",
                "맨 처음 버전으로 돌아가세요. kubectl rollout undo deployment/http-go --to-revision=1 을 입력하세요.",
                Do::Kubectl("kubectl rollout undo deployment/http-go --to-revision=1"),
                Goal::Image("v1"),
            ),
        ],
    },
    Lesson {
        id: "progress-deadline",
        about: About::Mistake(3),
        title: say("A failed rollout is not rolled back", "실패한 롤아웃은 자동으로 롤백되지 않는다"),
        objective: say("See what happens when a rollout passes its progress deadline.", "롤아웃이 진행 기한(progressDeadlineSeconds)을 넘기면 어떻게 되는지 봅니다."),
        takeaway: say("ProgressDeadlineExceeded only marks the rollout failed; nothing is rolled back until someone runs kubectl rollout undo.", "ProgressDeadlineExceeded는 롤아웃을 실패로 표시할 뿐입니다. 누군가 kubectl rollout undo 를 하기 전에는 아무것도 롤백되지 않습니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: || Knobs { new_version: NewVersion::ReadinessFails, progress_deadline_seconds: 30, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "Here the new version's readiness probe always fails, and progressDeadlineSeconds is 30 (600 by default): how long a rollout may go without progress before it is marked failed, not a limit on the whole rollout.",
                "여기서는 새 버전의 레디니스 프로브가 항상 실패하고, progressDeadlineSeconds는 30입니다(기본값 600). 롤아웃 전체에 주는 제한 시간이 아니라, 진행이 없는 상태가 얼마나 이어지면 실패로 표시할지 정하는 값입니다.",
            ),
            predict_among(
                "v2 will never be Ready. What is the fewest available pods until the deadline passes: 0, 3 or 4?",
                "v2는 끝내 Ready가 되지 않습니다. 기한이 지날 때까지 사용 가능한 파드가 가장 적을 때는 0, 3, 4개 중 몇 개일까요?",
                Measure::FewestAvailable,
                &[of(0), of(3), of(4)],
            ),
            DEPLOY,
            act(
                "Press Play. The new pods run but never become Ready.",
                "재생을 누르세요. 새 파드는 실행되지만 Ready가 되지 않습니다.",
                Do::Play,
                Goal::RunningNotReady,
            ),
            act(
                "Keep playing until the Progressing condition says ProgressDeadlineExceeded: the rollout has made no progress for 30 s.",
                "Progressing 조건이 ProgressDeadlineExceeded가 될 때까지 계속 재생하세요. 롤아웃이 30초 동안 전혀 진행하지 못했다는 뜻입니다.",
                Do::Play,
                Goal::Reason("ProgressDeadlineExceeded"),
            ),
            reveal(
                "3: the controller removed one v1 pod, as maxUnavailable allows, and no more, since no v2 pod became available. Users were served all along.",
                "3개입니다. 컨트롤러는 maxUnavailable이 허용하는 만큼 v1 파드 하나만 없앴고, 사용 가능해진 v2 파드가 없으니 더 줄이지 않았습니다. 사용자는 내내 응답을 받았습니다.",
                3,
            ),
            read(
                "The rollout is marked failed, and that is all: nothing is rolled back. The v1 pods the controller kept (maxUnavailable) go on serving, and the broken v2 pods stay. Someone has to act.",
                "롤아웃은 실패로 표시될 뿐, 아무것도 롤백되지 않습니다. 컨트롤러가 남겨 둔 v1 파드(maxUnavailable)는 계속 요청을 처리하고, 고장 난 v2 파드도 그대로 남습니다. 누군가 조치해야 합니다.",
            ),
            act(
                "Drag the time slider back to 22 s: v2's 2 pods have been created and v1 is down to 3. That was the rollout's last progress; the 30 s deadline counts from it.",
                "시간 슬라이더를 22초로 되돌리세요. v2 파드 2개가 만들어졌고 v1은 3개로 줄었습니다. 이것이 롤아웃의 마지막 진행이었고, 30초 기한은 여기서부터 잽니다.",
                Do::Seek(SimTime::from_secs(22)),
                Goal::Shown(SimTime::from_secs(22)),
            ),
            act(
                "Now drag it forward to 50.6 s, the moment the deadline passed: nothing changed for 30 s, and only then did Progressing turn to ProgressDeadlineExceeded.",
                "이제 슬라이더를 50.6초로 다시 앞으로 옮기세요. 기한이 지난 순간입니다. 30초 동안 아무것도 바뀌지 않았고, 그제야 Progressing 조건이 ProgressDeadlineExceeded로 바뀌었습니다.",
                Do::Seek(SimTime::from_millis(50_600)),
                Goal::Reason("ProgressDeadlineExceeded"),
            ),
            act(
                "Roll back yourself: type kubectl rollout undo deployment/http-go, then play until it is complete.",
                "직접 롤백하세요. kubectl rollout undo deployment/http-go 를 입력하고 완료될 때까지 재생하세요.",
                Do::Kubectl("kubectl rollout undo deployment/http-go"),
                Goal::Image("v1"),
            ),
            PLAY_TO_THE_END,
        ],
    },
    Lesson {
        id: "self-healing",
        about: About::Topic(15),
        title: say("Self-healing: a lost pod is replaced", "자가 치유: 사라진 파드는 다시 만들어진다"),
        objective: say("See a ReplicaSet replace a deleted pod, and the pods of a lost node.", "레플리카셋이 삭제된 파드와, 잃어버린 노드의 파드를 대체하는 것을 봅니다."),
        takeaway: say("A ReplicaSet replaces a deleted pod at once; the pods of an unreachable node are replaced only once they are evicted, about 6 minutes later by default.", "레플리카셋은 삭제된 파드를 곧바로 대체합니다. 연결이 끊긴 노드의 파드는 축출된 뒤에야 대체되고, 기본 설정으로 약 6분이 걸립니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/",
        knobs: defaults,
        seed: 1,
        steps: &[
            read(
                "All 4 pods of http-go are running, Ready and Available.",
                "http-go의 파드 4개가 모두 실행 중이고, Ready이며, 사용 가능합니다.",
            ),
            predict_among(
                "A pod is about to die. What is the fewest available pods before it is replaced: 0, 3 or 4?",
                "곧 파드 하나가 죽습니다. 대체되기 전까지 사용 가능한 파드가 가장 적을 때는 0, 3, 4개 중 몇 개일까요?",
                Measure::FewestAvailable,
                &[of(0), of(3), of(4)],
            ),
            act(
                "A pod dies: press \"Delete a pod\" (or type kubectl delete pod and its name).",
                "파드 하나가 죽습니다. \"파드 하나 삭제\"를 누르세요(또는 kubectl delete pod 와 파드 이름을 입력하세요).",
                Do::Act(Act::DeletePod),
                Goal::Missing,
            ),
            act(
                "Press Play. The ReplicaSet controller sees 3 pods where 4 are wanted and creates a replacement.",
                "재생을 누르세요. 레플리카셋 컨트롤러는 4개가 필요한데 3개뿐인 것을 보고 대체 파드를 만듭니다.",
                Do::Play,
                Goal::AllAvailable,
            ),
            reveal(
                "3: one pod was missing until its replacement was Ready, and nobody had to do anything.",
                "3개입니다. 대체 파드가 Ready가 될 때까지 파드 하나가 비었을 뿐이고, 아무도 손댈 필요가 없었습니다.",
                3,
            ),
            read(
                "Nobody ran a command: the controller compares what is with what should be, again and again.",
                "아무도 명령을 실행하지 않았습니다. 컨트롤러가 현재 상태와 원하는 상태를 끊임없이 비교합니다.",
            ),
            act(
                "A lost node takes longer. Press \"Take a node down\" and play: its pods still look Ready until the node is marked NotReady, 50 s later (node-monitor-grace-period).",
                "노드를 잃으면 더 오래 걸립니다. \"노드 하나 중단\"을 누르고 재생하세요. 50초(node-monitor-grace-period) 뒤 노드가 NotReady로 표시될 때까지 그 노드의 파드는 Ready로 보입니다.",
                Do::Act(Act::NodeDown),
                Goal::Missing,
            ),
            act(
                "Keep playing. The pods tolerate the unreachable node for 300 s (the default toleration), then are evicted and replaced on other nodes: about 6 minutes after the node went down.",
                "계속 재생하세요. 파드에는 연결이 끊긴 노드에 대한 기본 톨러레이션 300초가 있어, 그 시간이 지나면 축출되고 다른 노드에 다시 만들어집니다. 노드가 멈추고 약 6분 뒤입니다.",
                Do::Play,
                Goal::AllAvailable,
            ),
            act(
                "Click a faded, struck pod to open its explanation: evicted, it is Terminating and out of the Service's endpoints, yet it stays listed, since its node's kubelet is down and cannot confirm it stopped.",
                "흐리고 줄 그어진 파드를 클릭해 상태 설명을 여세요. 축출되어 Terminating 상태이고 서비스 엔드포인트에서도 빠졌지만, 노드의 kubelet이 멈춰 있어 종료를 확인해 줄 수 없으므로 목록에 남아 있습니다.",
                Do::Explain(PodState::Terminating),
                Goal::Explained(PodState::Terminating),
            ),
        ],
    },
    Lesson {
        id: "zero-and-zero",
        about: About::Mistake(1),
        title: say("maxSurge 0 and maxUnavailable 0", "maxSurge 0과 maxUnavailable 0"),
        objective: say("Find out which of maxSurge and maxUnavailable may be 0, and what happens when percentages round both to 0.", "maxSurge와 maxUnavailable 중 어느 것이 0이어도 되는지, 퍼센트가 둘 다 0으로 계산되면 어떻게 되는지 알아봅니다."),
        takeaway: say("Both 0 is refused by the apiserver; when percentages resolve to 0 and 0, the controller uses maxUnavailable 1.", "둘 다 0이면 API 서버가 거부합니다. 퍼센트가 0과 0으로 계산되면 컨트롤러는 maxUnavailable을 1로 씁니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: defaults,
        seed: 1,
        steps: &[
            act(
                "Either bound may be 0, but not both. Set maxSurge to 0 and maxUnavailable to 0 in the settings, and read what the apiserver says.",
                "두 한도 중 하나는 0이어도 되지만 둘 다 0일 수는 없습니다. 설정에서 maxSurge를 0, maxUnavailable을 0으로 바꾸고 API 서버의 메시지를 읽어 보세요.",
                Do::Draft(&[Setting::MaxSurge("0"), Setting::MaxUnavailable("0")]),
                Goal::Refused,
            ),
            act(
                "A rollout that may neither add a pod nor remove one could never move. Now set maxSurge 0 and maxUnavailable 10%, and press \"Apply and restart\": the apiserver accepts it.",
                "파드를 더할 수도 뺄 수도 없는 롤아웃은 움직일 수 없습니다. 이번에는 maxSurge 0, maxUnavailable 10%로 바꾸고 \"적용하고 처음부터\"를 누르세요. API 서버가 받아들입니다.",
                Do::Settings(&[Setting::MaxSurge("0"), Setting::MaxUnavailable("10%")]),
                Goal::Applied(&[Setting::MaxSurge("0"), Setting::MaxUnavailable("10%")]),
            ),
            predict_among(
                "10% of 4 pods is 0.4, and maxUnavailable rounds down, to 0. So both bounds are 0 after all. What is the fewest available pods during the rollout?",
                "파드 4개의 10%는 0.4이고 maxUnavailable은 내림하므로 0입니다. 결국 두 한도가 모두 0입니다. 롤아웃 동안 사용 가능한 파드가 가장 적을 때는 몇 개일까요?",
                Measure::FewestAvailable,
                &[of(2), of(3), of(4)],
            ),
            DEPLOY,
            PLAY_TO_THE_END,
            reveal(
                "When the percentages resolve to 0 and 0, the controller uses maxUnavailable 1 so that the rollout can move: 3 of 4 stay available.",
                "퍼센트가 0과 0으로 계산되면 컨트롤러는 롤아웃이 진행되도록 maxUnavailable을 1로 씁니다. 4개 중 3개가 계속 사용 가능합니다.",
                3,
            ),
        ],
    },
    Lesson {
        id: "rounding",
        about: About::Mistake(2),
        title: say("Percentages round up or down", "퍼센트는 올림·내림으로 계산된다"),
        objective: say("See how maxSurge and maxUnavailable percentages become pod counts.", "maxSurge와 maxUnavailable의 퍼센트가 파드 수로 어떻게 바뀌는지 봅니다."),
        takeaway: say("maxSurge rounds up and maxUnavailable rounds down, so with 1 replica 25% means one extra pod and none unavailable.", "maxSurge는 올림, maxUnavailable은 내림하므로 레플리카가 1개일 때 25%는 추가 파드 1개, 사용 불가 0개가 됩니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: || Knobs { replicas: 1, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "One replica, maxSurge 25%, maxUnavailable 25%. A quarter of one pod is 0.25 pods.",
                "레플리카 1개, maxSurge 25%, maxUnavailable 25%입니다. 파드 하나의 4분의 1은 0.25개입니다.",
            ),
            predict_among(
                "How many pods will exist at most during the rollout?",
                "롤아웃 중에 파드는 최대 몇 개까지 있을까요?",
                Measure::PeakPods,
                &[of(1), of(2), of(3)],
            ),
            DEPLOY,
            PLAY_TO_THE_END,
            reveal(
                "maxSurge rounds up (0.25 → 1 extra pod) and maxUnavailable rounds down (0.25 → 0): the new pod starts next to the old one, which goes only once the new one is available.",
                "maxSurge는 올림(0.25 → 추가 1개), maxUnavailable은 내림(0.25 → 0)합니다. 새 파드가 이전 파드 옆에서 시작하고, 새 파드가 사용 가능해진 뒤에야 이전 파드가 사라집니다.",
                2,
            ),
        ],
    },
    Lesson {
        id: "blue-green",
        about: About::Topic(12),
        title: say("Blue/Green: switch the Service selector", "블루/그린: 서비스 셀렉터 바꾸기"),
        objective: say("Switch all traffic from blue to green by patching the Service's selector, and see how long a rollback stays instant.", "서비스 셀렉터를 패치해 트래픽을 블루에서 그린으로 한 번에 전환하고, 즉시 롤백할 수 있는 시간이 얼마나 되는지 봅니다."),
        takeaway: say("Blue/Green is a selector switch that a script or a tool makes, at the cost of twice the pods; a rollback is instant only while blue still runs.", "블루/그린은 스크립트나 도구가 하는 셀렉터 전환이고, 그 대가로 파드가 두 배 필요합니다. 즉시 롤백은 블루가 아직 실행 중일 때만 가능합니다."),
        link: "https://kubernetes.io/docs/concepts/services-networking/service/",
        // The lesson switches the Service's selector (the page's Blue/Green can switch an
        // HTTPRoute's backendRef instead).
        knobs: || Knobs { strategy: StrategyKind::BlueGreen, router: Router::Ingress, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "Two Deployments, http-go-blue and http-go-green, differ in one label: version. The Service selects app=http-go,version=blue, so only blue pods get requests.",
                "두 디플로이먼트 http-go-blue와 http-go-green은 version 레이블 하나만 다릅니다. 서비스가 app=http-go,version=blue 를 고르므로 블루 파드만 요청을 받습니다.",
            ),
            predict_among(
                "Deploying starts all 4 green pods before the switch. How many pods will exist at most: 4, 5 or 8?",
                "배포하면 전환하기 전에 그린 파드 4개를 모두 띄웁니다. 파드는 최대 4, 5, 8개 중 몇 개까지 있을까요?",
                Measure::PeakPods,
                &[of(4), of(5), of(8)],
            ),
            act(
                "Kubernetes has no Blue/Green; a deploy script does it. Press \"Deploy a new version\" and play: the script sets v2 on green, scales it to 4, then, once available, patches the Service to version=green.",
                "쿠버네티스에는 블루/그린 기능이 없고, 배포 스크립트가 해 줍니다. \"새 버전 배포\"를 누르고 재생하세요. 스크립트가 그린에 v2를 설정해 4개로 늘리고, 사용 가능해지면 서비스를 version=green으로 패치합니다.",
                Do::Deploy,
                Goal::ServiceSelector("version", Some("green")),
            ),
            reveal(
                "8. Not 5: maxSurge bounds one Deployment's rollout, and green is a second Deployment, started in full. Twice the pods for a while is Blue/Green's cost; the switch is one selector patch.",
                "8개입니다. 5개가 아닙니다. maxSurge는 디플로이먼트 하나의 롤아웃만 제한하는데, 그린은 별도의 디플로이먼트이고 한꺼번에 다 띄웁니다. 잠시 파드가 두 배인 것이 블루/그린의 비용이고, 전환은 셀렉터 패치 한 번입니다.",
                8,
            ),
            act(
                "The script now waits 30 s, then scales blue to 0; until then a rollback is one patch too. Roll back now: type kubectl patch service http-go -p '{\"spec\": {\"selector\": {\"version\": \"blue\"}}}'.",
                "스크립트는 이제 30초를 기다린 뒤 블루를 0으로 줄입니다. 그때까지는 롤백도 패치 한 번입니다. 지금 롤백하세요. kubectl patch service http-go -p '{\"spec\": {\"selector\": {\"version\": \"blue\"}}}' 를 입력하세요.",
                Do::Kubectl(r#"kubectl patch service http-go -p '{"spec": {"selector": {"version": "blue"}}}'"#),
                Goal::ServiceSelector("version", Some("blue")),
            ),
            act(
                "Press Play. The script does not know you rolled back: 30 s after its switch it scales blue to 0, and the Service, which selects blue, is left with no endpoints.",
                "재생을 누르세요. 스크립트는 롤백을 모릅니다. 전환하고 30초가 지나면 블루를 0으로 줄이고, 블루를 고르는 서비스에는 엔드포인트가 하나도 남지 않습니다.",
                Do::Play,
                Goal::NoEndpoints,
            ),
            act(
                "Bring blue back: type kubectl scale deployment/http-go-blue --replicas=4, and play until all 4 are available. Once blue is gone, a rollback waits for new pods: before rolling back, stop the script.",
                "블루를 되살리세요. kubectl scale deployment/http-go-blue --replicas=4 를 입력하고 4개가 모두 사용 가능해질 때까지 재생하세요. 블루가 사라진 뒤에 롤백하면 새 파드를 기다려야 합니다. 롤백하기 전에 스크립트부터 멈추세요.",
                Do::Kubectl("kubectl scale deployment/http-go-blue --replicas=4"),
                Goal::AvailableOf("http-go-blue", 4),
            ),
        ],
    },
    Lesson {
        id: "three-ways",
        about: About::Topic(1),
        title: say("Three ways to update", "업데이트하는 세 가지 방법"),
        objective: say("Compare three ways to update: Recreate, a rolling update and Blue/Green.", "업데이트하는 세 가지 방법, Recreate, 롤링 업데이트, 블루/그린을 비교합니다."),
        takeaway: say("Each pays something: downtime (Recreate), two versions at once (RollingUpdate) or twice the pods (Blue/Green). Only the first two are Deployment strategies.", "방법마다 치르는 것이 있습니다. 다운타임(Recreate), 두 버전 동시 실행(RollingUpdate), 두 배의 파드(블루/그린)입니다. 디플로이먼트 전략은 앞의 둘뿐입니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        // Its Blue/Green, chosen later, switches the Service's selector, as the lesson says.
        knobs: || Knobs { strategy: StrategyKind::Recreate, rate: 20, router: Router::Ingress, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "Three ways to replace v1 with v2: delete everything, then start v2 (Recreate); replace pods a few at a time (RollingUpdate); start all of v2 beside v1, then switch the traffic (Blue/Green).",
                "v1을 v2로 바꾸는 방법은 세 가지입니다. 모두 지운 뒤 v2를 띄우기(Recreate), 파드를 몇 개씩 바꾸기(RollingUpdate), v1 옆에 v2를 모두 띄운 뒤 트래픽을 전환하기(블루/그린)입니다.",
            ),
            read(
                "Only two are Kubernetes strategies: .spec.strategy.type is Recreate or RollingUpdate. The course notes list Blue/Green, Canary and A/B too, but people or tools (Argo Rollouts, Flagger) build those from Deployments, Services and a router.",
                "이 중 쿠버네티스 전략은 둘뿐입니다. .spec.strategy.type에는 Recreate와 RollingUpdate만 쓸 수 있습니다. 강의 자료는 블루/그린, 카나리, A/B도 전략으로 소개하지만, 이들은 사람이나 도구(Argo Rollouts, Flagger)가 디플로이먼트, 서비스, 라우터로 구성합니다.",
            ),
            DEPLOY,
            act(
                "This run starts with Recreate. Press Play: Recreate first removes every v1 pod, so the Service is left with no endpoints, and requests fail.",
                "이번 실행은 Recreate로 시작합니다. 재생을 누르세요. Recreate는 먼저 v1 파드를 모두 없애므로 서비스에 엔드포인트가 남지 않고 요청이 실패합니다.",
                Do::Play,
                Goal::NoEndpoints,
            ),
            PLAY_TO_THE_END,
            act(
                "Now the rolling update: choose RollingUpdate as the strategy and press \"Apply and restart\".",
                "이제 롤링 업데이트입니다. 전략을 RollingUpdate로 고르고 \"적용하고 처음부터\"를 누르세요.",
                Do::Settings(&[Setting::Strategy(StrategyKind::RollingUpdate)]),
                Goal::Applied(&[Setting::Strategy(StrategyKind::RollingUpdate)]),
            ),
            DEPLOY,
            act(
                "Press Play. No moment without endpoints this time, but for a while both versions answer requests.",
                "재생을 누르세요. 이번에는 엔드포인트가 없는 순간이 없지만, 한동안 두 버전이 함께 요청에 응답합니다.",
                Do::Play,
                Goal::TwoVersionsAnswer,
            ),
            PLAY_TO_THE_END,
            act(
                "Last, Blue/Green: choose it as the strategy and press \"Apply and restart\".",
                "마지막으로 블루/그린입니다. 전략으로 고르고 \"적용하고 처음부터\"를 누르세요.",
                Do::Settings(&[Setting::Strategy(StrategyKind::BlueGreen)]),
                Goal::Applied(&[Setting::Strategy(StrategyKind::BlueGreen)]),
            ),
            predict_among(
                "With Blue/Green, how many pods will exist at most: 4, 5 or 8?",
                "블루/그린에서는 파드가 최대 몇 개까지 있을까요? 4, 5, 8개 중에서 고르세요.",
                Measure::PeakPods,
                &[of(4), of(5), of(8)],
            ),
            act(
                "Deploy and play: a script starts all of green next to blue, then patches the Service's selector at once. One version answers at a time, but for a while there are twice the pods.",
                "배포하고 재생하세요. 스크립트가 블루 옆에 그린 전체를 띄운 뒤 서비스의 셀렉터를 한 번에 바꿉니다. 한 번에 한 버전만 응답하지만, 한동안 파드가 두 배입니다.",
                Do::Deploy,
                Goal::ServiceSelector("version", Some("green")),
            ),
            reveal(
                "8: all 4 green pods ran beside the 4 blue ones before the switch.",
                "8개입니다. 전환하기 전에 그린 파드 4개가 블루 파드 4개 옆에서 모두 실행되었습니다.",
                8,
            ),
            read(
                "Downtime, two versions at once, or double the pods: each way pays one of these. \"Compare\" further down runs the strategies side by side on the same seed and counts what each cost.",
                "다운타임, 두 버전 동시 실행, 두 배의 파드. 방법마다 이 중 하나를 치릅니다. 아래의 \"비교\"는 같은 시드로 전략들을 나란히 실행하고 각각의 비용을 셉니다.",
            ),
        ],
    },
    Lesson {
        id: "service-selects-both",
        about: About::Topic(3),
        title: say("The Service selects old and new pods alike", "서비스는 이전 파드와 새 파드를 가리지 않는다"),
        objective: say("See that during a rolling update the Service sends requests to old and new pods alike.", "롤링 업데이트 중에 서비스가 이전 파드와 새 파드 모두에 요청을 보내는 것을 봅니다."),
        takeaway: say("The selector matches both versions' pods, so both answer during a rollout: the two versions must work with the same clients and data.", "셀렉터가 두 버전의 파드를 모두 고르므로 롤아웃 중에는 두 버전이 함께 응답합니다. 두 버전은 같은 클라이언트, 같은 데이터와 함께 동작해야 합니다."),
        link: "https://kubernetes.io/docs/concepts/services-networking/service/",
        knobs: || Knobs { min_ready_seconds: 5, rate: 20, ..Knobs::default() },
        seed: 1,
        steps: &[
            act(
                "The Service selects pods by one label, app=http-go. Type kubectl get pods -l app=http-go to list the pods it selects.",
                "서비스는 app=http-go 레이블 하나로 파드를 고릅니다. kubectl get pods -l app=http-go 를 입력해 서비스가 고르는 파드를 보세요.",
                Do::Kubectl("kubectl get pods -l app=http-go"),
                Goal::Typed("get pods"),
            ),
            predict_among(
                "During the rolling update, how many versions will answer requests in the same second: 1 or 2?",
                "롤링 업데이트 동안 같은 1초 안에 요청에 응답하는 버전은 1개일까요, 2개일까요?",
                Measure::VersionsAtOnce,
                &[of(1), of(2)],
            ),
            DEPLOY,
            act(
                "Press Play. The v2 pods carry app=http-go too, so as soon as one is Ready the Service sends it requests, next to the v1 pods still running.",
                "재생을 누르세요. v2 파드에도 app=http-go가 붙어 있어서, 하나가 Ready가 되자마자 아직 실행 중인 v1 파드와 함께 요청을 받습니다.",
                Do::Play,
                Goal::TwoVersionsAnswer,
            ),
            reveal(
                "2: the Service sent requests to the Ready pods of both versions.",
                "2개입니다. 서비스가 두 버전의 Ready 파드 모두에 요청을 보냈습니다.",
                2,
            ),
            read(
                "In this second, requests were answered by v1 and by v2: look at the requests chart. The share of v2 grows as the rollout goes on.",
                "방금 이 1초 동안 v1과 v2가 모두 요청에 응답했습니다. 요청 차트를 보세요. 롤아웃이 진행될수록 v2의 몫이 커집니다.",
            ),
            PLAY_TO_THE_END,
            read(
                "So during a rolling update a user may get v1, then v2, then v1 again. Both versions must work with the same clients and the same data.",
                "그래서 롤링 업데이트 중에는 한 사용자가 v1, v2, 다시 v1을 받을 수도 있습니다. 두 버전 모두 같은 클라이언트, 같은 데이터와 함께 동작해야 합니다.",
            ),
        ],
    },
    Lesson {
        id: "readiness-probe",
        about: About::Topic(7),
        title: say("Probes: a pod that is not Ready gets no requests", "프로브: Ready가 아닌 파드는 요청을 받지 않는다"),
        objective: say("See a readiness probe keep a pod that is not ready out of the Service.", "레디니스 프로브가 준비되지 않은 파드를 서비스에서 빼는 것을 봅니다."),
        takeaway: say("A pod whose readiness probe fails stays Running but gets no requests, and the rollout waits for it; a liveness probe restarts, a startup probe holds the others back.", "레디니스 프로브가 실패하는 파드는 Running이어도 요청을 받지 않고, 롤아웃은 그 파드를 기다립니다. 라이브니스 프로브는 재시작하고, 스타트업 프로브는 다른 두 프로브를 미룹니다."),
        link: "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
        knobs: || Knobs { new_version: NewVersion::ReadinessFails, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "Each pod here has a readinessProbe: an HTTP GET every 2 seconds. In this run, v2's readiness endpoint always fails.",
                "여기서는 파드마다 레디니스 프로브(readinessProbe, kubernetes.io/ko 문서의 '준비성 프로브')가 있습니다. 2초마다 보내는 HTTP GET입니다. 이번 실행에서 v2의 레디니스 엔드포인트는 항상 실패합니다.",
            ),
            predict_among(
                "v2's pods will never be Ready. What is the fewest available pods from now until you roll back: 0, 3 or 4?",
                "v2 파드는 끝내 Ready가 되지 않습니다. 지금부터 롤백할 때까지 사용 가능한 파드가 가장 적을 때는 0, 3, 4개 중 몇 개일까요?",
                Measure::FewestAvailable,
                &[of(0), of(3), of(4)],
            ),
            DEPLOY,
            act(
                "Press Play until a v2 pod runs but is not Ready (an outlined shape).",
                "v2 파드가 실행 중이지만 Ready가 아닐 때까지(테두리만 있는 모양) 재생하세요.",
                Do::Play,
                Goal::RunningNotReady,
            ),
            act(
                "Type kubectl get pods: READY says 0/1 for that pod, though its STATUS is Running.",
                "kubectl get pods 를 입력하세요. 그 파드는 STATUS가 Running인데도 READY는 0/1입니다.",
                Do::Kubectl("kubectl get pods"),
                Goal::Typed("get pods"),
            ),
            reveal(
                "3: one v1 pod went, as maxUnavailable allows; the rollout then waited for v2 pods that never became Ready.",
                "3개입니다. maxUnavailable이 허용하는 대로 v1 파드 하나가 빠졌고, 그 뒤 롤아웃은 끝내 Ready가 되지 않는 v2 파드를 기다렸습니다.",
                3,
            ),
            read(
                "A pod that is not Ready is left out of the Service's endpoints, so no request reaches it. The rollout stops there too: maxUnavailable keeps the v1 pods serving.",
                "Ready가 아닌 파드는 서비스 엔드포인트에서 빠지므로 요청을 받지 않습니다. 롤아웃도 여기서 멈춥니다. maxUnavailable 때문에 v1 파드가 남아 계속 요청을 처리합니다.",
            ),
            read(
                "The other two probes: a livenessProbe restarts a container that stops answering; a startupProbe holds both others back until the application has started.",
                "나머지 두 프로브도 알아 두세요. 라이브니스 프로브(livenessProbe, 문서의 '활성 프로브')는 응답하지 않는 컨테이너를 재시작하고, 스타트업 프로브(startupProbe)는 애플리케이션이 시작될 때까지 다른 두 프로브를 미룹니다.",
            ),
            act(
                "Roll back: type kubectl rollout undo deployment/http-go.",
                "롤백하세요. kubectl rollout undo deployment/http-go 를 입력하세요.",
                Do::Kubectl("kubectl rollout undo deployment/http-go"),
                Goal::Image("v1"),
            ),
            PLAY_TO_THE_END,
        ],
    },
    Lesson {
        id: "image-pull-error",
        about: About::Topic(9),
        title: say("Why a rollout fails: an image that cannot be pulled", "롤아웃이 실패하는 이유: 가져올 수 없는 이미지"),
        objective: say("Watch a rollout stall on an image that cannot be pulled, and roll it back.", "가져올 수 없는 이미지 때문에 롤아웃이 멈추는 것을 보고 롤백합니다."),
        takeaway: say("A pod that cannot pull its image never becomes Ready, so the rollout stops while the old pods serve; it is marked failed only after progressDeadlineSeconds without progress.", "이미지를 가져오지 못한 파드는 Ready가 되지 않으므로 롤아웃이 멈추고 이전 파드가 계속 요청을 처리합니다. 진행 없이 progressDeadlineSeconds가 지나야 실패로 표시됩니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: || Knobs { new_version: NewVersion::PullError, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "Rollouts fail for many reasons: no quota, a failing readiness probe, an image that cannot be pulled, missing permissions, a limit range, a misconfigured application. Here v2's image cannot be pulled.",
                "롤아웃이 실패하는 이유는 많습니다. 할당량 부족, 레디니스 프로브 실패, 가져올 수 없는 이미지, 권한 부족, 리밋 레인지, 잘못된 애플리케이션 설정 등입니다. 여기서는 v2 이미지를 가져올 수 없습니다.",
            ),
            predict_among(
                "How many times will the kubelet restart a v2 container whose image cannot be pulled: 0, 1 or many?",
                "이미지를 가져올 수 없는 v2 컨테이너를 kubelet이 몇 번 재시작할까요? 0, 1, 여러 번 중에서 고르세요.",
                Measure::Restarts,
                RESTARTS,
            ),
            DEPLOY,
            act(
                "Press Play until a new pod shows ErrImagePull.",
                "새 파드에 ErrImagePull이 보일 때까지 재생하세요.",
                Do::Play,
                Goal::PodStatus("ErrImagePull"),
            ),
            reveal(
                "None: a container whose image was never pulled never started, so there is nothing to restart. The kubelet retries the pull, waiting longer each time (ImagePullBackOff).",
                "한 번도 없습니다. 이미지를 가져오지 못한 컨테이너는 시작된 적이 없으니 재시작할 것도 없습니다. kubelet은 점점 더 오래 기다리며 이미지 가져오기를 다시 시도합니다(ImagePullBackOff).",
                0,
            ),
            act(
                "Type kubectl rollout status deployment/http-go: it waits. Only once the rollout has made no progress for progressDeadlineSeconds (600 s by default) does it say the rollout failed.",
                "kubectl rollout status deployment/http-go 를 입력하세요. 계속 기다립니다. 롤아웃이 progressDeadlineSeconds(기본 600초) 동안 아무 진행도 하지 못해야 비로소 실패했다고 알려 줍니다.",
                Do::Kubectl("kubectl rollout status deployment/http-go"),
                Goal::Typed("rollout status"),
            ),
            act(
                "Meanwhile the v1 pods that maxUnavailable keeps go on serving. Roll back: type kubectl rollout undo deployment/http-go.",
                "그동안 maxUnavailable이 남겨 둔 v1 파드가 계속 요청을 처리합니다. 롤백하세요. kubectl rollout undo deployment/http-go 를 입력하세요.",
                Do::Kubectl("kubectl rollout undo deployment/http-go"),
                Goal::Image("v1"),
            ),
            PLAY_TO_THE_END,
        ],
    },
    Lesson {
        id: "ab-testing",
        about: About::Topic(13),
        title: say("A/B testing: a chosen group of users", "A/B 테스트: 정해진 사용자 그룹"),
        objective: say("See how A/B testing sends a chosen group of users, not a random share, to the new version.", "A/B 테스트가 무작위 비율이 아니라 정해진 사용자 그룹을 새 버전으로 보내는 방식을 봅니다."),
        takeaway: say("A/B testing routes by who asks (a header or a cookie), so each user sees one version; the share follows the group's size, not the pods.", "A/B 테스트는 누가 요청하는지(헤더나 쿠키)로 나누므로 사용자마다 한 버전만 봅니다. 비율은 파드 수가 아니라 그룹의 크기를 따릅니다."),
        link: "https://kubernetes.io/docs/concepts/services-networking/gateway/",
        knobs: || Knobs { strategy: StrategyKind::AB, rate: 20, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "A/B testing routes by who sends a request, not by chance: requests with the header X-Group: beta (20% of them here) go to the new version, everyone else's to the old one.",
                "A/B 테스트는 무작위가 아니라 누가 보낸 요청인지로 나눕니다. X-Group: beta 헤더가 붙은 요청(여기서는 전체의 20%)은 새 버전으로, 나머지는 모두 이전 버전으로 갑니다.",
            ),
            read(
                "A Gateway API HTTPRoute does the routing: a rule that matches the header sends to the Service http-go-b. Older clusters used NGINX Ingress canary-by-header annotations; Ingress NGINX was retired in March 2026.",
                "라우팅은 게이트웨이 API의 HTTPRoute가 합니다. 헤더가 맞는 규칙이 요청을 서비스 http-go-b로 보냅니다. 오래된 클러스터는 NGINX 인그레스의 canary-by-header 어노테이션을 썼지만, Ingress NGINX는 2026년 3월에 지원이 종료되었습니다.",
            ),
            act(
                "The HTTPRoute http-go has held that header rule from the start, but the Deployment http-go-b has no pod. Press \"Deploy a new version\" and play: Deploy sets v2 on http-go-b and gives it a pod.",
                "HTTPRoute http-go에는 처음부터 이 헤더 규칙이 있었지만, 디플로이먼트 http-go-b에는 파드가 없었습니다. \"새 버전 배포\"를 누르고 재생하세요. 이 버튼은 http-go-b에 v2를 설정하고 파드 하나를 띄웁니다.",
                Do::Deploy,
                Goal::TwoVersionsAnswer,
            ),
            predict_among(
                "Both versions answer now. What percent of the next minute's requests will v2 answer: 0, about 20, 50 or 100?",
                "이제 두 버전이 모두 응답합니다. 다음 1분 동안의 요청 중 v2가 응답하는 비율은 0, 약 20, 50, 100% 중 얼마일까요?",
                Measure::NewVersionShare,
                &[of(0), between(15, 25), of(50), of(100)],
            ),
            PLAY_A_MINUTE,
            reveal(
                "About 20%: the beta group's requests. Not 50%, two versions are not two halves; not 0 or 100%, the rule sends by header, so each group keeps its own version.",
                "약 20%, 곧 beta 그룹의 요청입니다. 두 버전이 반씩 나누지 않으니 50%가 아니고, 규칙이 헤더로 보내므로 그룹마다 자기 버전을 유지해 0%나 100%도 아닙니다.",
                20,
            ),
            read(
                "Look at the requests chart: v2 answers about a fifth, the beta group's requests, whatever its number of pods. A user always sees the same version, which is what an experiment needs.",
                "요청 차트를 보세요. v2는 파드 수와 상관없이 요청의 약 5분의 1, 곧 beta 그룹의 요청에 응답합니다. 같은 사용자는 늘 같은 버전을 보게 되고, 실험에는 바로 이것이 필요합니다.",
            ),
        ],
    },
    Lesson {
        id: "undo-renumbers",
        about: About::Mistake(6),
        title: say("rollout undo re-numbers revisions", "rollout undo는 리비전 번호를 새로 매긴다"),
        objective: say("Predict the revision numbers that kubectl rollout undo and scaling give.", "kubectl rollout undo와 스케일링 뒤의 리비전 번호를 예측합니다."),
        takeaway: say("Undo gives the old ReplicaSet the next revision number, so two undos flip between the last two versions; scaling makes no revision.", "undo는 이전 레플리카셋에 다음 리비전 번호를 붙이므로, undo를 두 번 하면 마지막 두 버전 사이를 오갑니다. 스케일링은 리비전을 만들지 않습니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: defaults,
        seed: 1,
        steps: &[
            DEPLOY,
            PLAY_TO_THE_END,
            act(
                "Deploy once more (v3), so that the history has revisions 1, 2 and 3.",
                "한 번 더 배포하세요(v3). 히스토리에 리비전 1, 2, 3이 생깁니다.",
                Do::Deploy,
                Goal::Image("v3"),
            ),
            PLAY_TO_THE_END,
            predict_among(
                "kubectl rollout undo goes back to v2. What revision will http-go be at?",
                "kubectl rollout undo 는 v2로 되돌립니다. http-go의 리비전은 몇이 될까요?",
                Measure::Revision,
                &[of(2), of(3), of(4)],
            ),
            act(
                "Type kubectl rollout undo deployment/http-go.",
                "kubectl rollout undo deployment/http-go 를 입력하세요.",
                Do::Kubectl("kubectl rollout undo deployment/http-go"),
                Goal::Image("v2"),
            ),
            PLAY_TO_THE_END,
            reveal(
                "Revision 4: undo reuses revision 2's ReplicaSet and gives it the next number, so 2 leaves the history (1, 3, 4).",
                "리비전 4입니다. undo는 리비전 2의 레플리카셋을 재사용하면서 다음 번호를 붙이므로, 2는 히스토리에서 빠집니다(1, 3, 4).",
                4,
            ),
            predict_among(
                "Undo again. Which revision now, and which version?",
                "undo를 한 번 더 합니다. 리비전은 몇이 되고, 어떤 버전이 실행될까요?",
                Measure::Revision,
                &[of(3), of(4), of(5)],
            ),
            act(
                "Type kubectl rollout undo deployment/http-go again.",
                "kubectl rollout undo deployment/http-go 를 다시 입력하세요.",
                Do::Kubectl("kubectl rollout undo deployment/http-go"),
                Goal::Image("v3"),
            ),
            PLAY_TO_THE_END,
            reveal(
                "Revision 5, running v3: the previous revision of 4 was 3, so two undos flip back and forth between the last two versions.",
                "리비전 5, v3입니다. 4의 바로 이전 리비전은 3이었으므로 undo를 두 번 하면 마지막 두 버전 사이를 오갑니다.",
                5,
            ),
            predict_among(
                "Now scale to 6 replicas. What revision will http-go be at after that?",
                "이제 레플리카를 6개로 늘립니다. 그 뒤 http-go의 리비전은 몇이 될까요?",
                Measure::Revision,
                &[of(5), of(6)],
            ),
            act(
                "Type kubectl scale deployment/http-go --replicas=6.",
                "kubectl scale deployment/http-go --replicas=6 을 입력하세요.",
                Do::Kubectl("kubectl scale deployment/http-go --replicas=6"),
                Goal::Replicas(6),
            ),
            act(
                "Press Play until all 6 pods are available.",
                "파드 6개가 모두 사용 가능해질 때까지 재생하세요.",
                Do::Play,
                Goal::AllAvailable,
            ),
            reveal(
                "Still 5: scaling does not change the pod template, so it makes no new ReplicaSet and no revision.",
                "여전히 5입니다. 레플리카 수를 바꿔도 파드 템플릿은 그대로이므로 새 레플리카셋도 새 리비전도 생기지 않습니다.",
                5,
            ),
        ],
    },
    Lesson {
        id: "liveness-kills-slow-starter",
        about: About::Mistake(8),
        title: say("An eager liveness probe kills a slow starter", "성급한 라이브니스 프로브는 느리게 시작하는 앱을 죽인다"),
        objective: say("See an eager liveness probe restart a slow starter over and over, and fix it with a startupProbe.", "성급한 라이브니스 프로브가 느리게 시작하는 앱을 계속 재시작하는 것을 보고, 스타트업 프로브로 고칩니다."),
        takeaway: say("A liveness probe that checks before the app can answer kills it; a startupProbe holds the liveness and readiness probes back until the app has started.", "앱이 응답하기 전에 검사하는 라이브니스 프로브는 앱을 죽입니다. 스타트업 프로브는 앱이 시작될 때까지 라이브니스와 레디니스 프로브를 미룹니다."),
        link: "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
        knobs: || Knobs {
            new_version: NewVersion::SlowToStart,
            liveness: crate::setup::ProbeKnobs { enabled: true, initial_delay_seconds: 0, period_seconds: 2, ..Knobs::default().liveness },
            ..Knobs::default()
        },
        seed: 1,
        steps: &[
            read(
                "v2 takes 20 s before it answers at all. The livenessProbe starts at once, every 2 s, and restarts the container after 3 failures in a row.",
                "v2는 응답하기까지 20초가 걸립니다. 라이브니스 프로브는 곧바로 시작해 2초마다 검사하고, 연속 3번 실패하면 컨테이너를 재시작합니다.",
            ),
            DEPLOY,
            act(
                "Press Play and watch the new pods' restarts until one shows CrashLoopBackOff.",
                "재생을 누르고, 새 파드 중 하나에 CrashLoopBackOff가 보일 때까지 재시작 횟수를 지켜보세요.",
                Do::Play,
                Goal::PodStatus("CrashLoopBackOff"),
            ),
            read(
                "The container is killed at about 6 s, long before its 20 s, so it never comes up. The kubelet waits longer between restarts each time: 10 s, doubling up to 5 minutes.",
                "컨테이너는 20초가 되기 한참 전인 약 6초에 죽으므로 끝내 올라오지 못합니다. kubelet은 재시작 사이를 점점 길게 기다립니다. 10초부터 두 배씩, 최대 5분까지입니다.",
            ),
            act(
                "The fix is a startupProbe, which holds the liveness probe back until the app has started. Switch it on with periodSeconds 2 and failureThreshold 15 (30 s to start), and press \"Apply and restart\".",
                "해결책은 스타트업 프로브입니다. 앱이 시작될 때까지 라이브니스 프로브를 미룹니다. 스타트업 프로브를 켜고 periodSeconds 2, failureThreshold 15(시작까지 최대 30초)로 정한 뒤 \"적용하고 처음부터\"를 누르세요.",
                Do::Settings(&[STARTUP]),
                Goal::Applied(&[STARTUP]),
            ),
            predict_among(
                "Deploy again with the startupProbe. How many restarts will the new pods have?",
                "스타트업 프로브를 켜고 다시 배포합니다. 새 파드는 몇 번 재시작할까요?",
                Measure::Restarts,
                RESTARTS,
            ),
            DEPLOY,
            PLAY_TO_THE_END,
            reveal(
                "None: the liveness probe only began once the startupProbe had passed, at about 20 s.",
                "한 번도 없습니다. 라이브니스 프로브는 스타트업 프로브가 약 20초에 통과한 뒤에야 시작했습니다.",
                0,
            ),
        ],
    },
    Lesson {
        id: "kubectl-rolling-update",
        about: About::Topic(14),
        title: say("kubectl rolling-update, and why it was replaced", "kubectl rolling-update와 그것이 대체된 이유"),
        objective: say("See why the client-side kubectl rolling-update was replaced by Deployments.", "클라이언트 쪽에서 돌던 kubectl rolling-update가 왜 디플로이먼트로 대체되었는지 봅니다."),
        takeaway: say("A Deployment's rollout is run by a controller in the cluster, so it goes on when your terminal closes; kubectl rolling-update was removed in 1.18.", "디플로이먼트의 롤아웃은 클러스터 안의 컨트롤러가 진행하므로 터미널을 닫아도 계속됩니다. kubectl rolling-update는 1.18에서 제거되었습니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/",
        knobs: defaults,
        seed: 1,
        steps: &[
            read(
                "Before Deployments, kubectl rolling-update replaced the pods of a ReplicationController from your own machine: kubectl itself created the new pods and deleted the old ones, one by one.",
                "디플로이먼트가 나오기 전에는 kubectl rolling-update 가 내 컴퓨터에서 레플리케이션 컨트롤러의 파드를 교체했습니다. kubectl 자신이 새 파드를 만들고 이전 파드를 하나씩 지웠습니다.",
            ),
            act(
                "Type kubectl rolling-update http-go and read what today's kubectl answers.",
                "kubectl rolling-update http-go 를 입력하고 지금의 kubectl이 뭐라고 답하는지 읽어 보세요.",
                Do::Kubectl("kubectl rolling-update http-go"),
                Goal::Typed("rolling-update"),
            ),
            read(
                "It was removed in Kubernetes 1.18. If kubectl died half way (a closed laptop, a dropped connection), the update stopped half way, with both versions running and nothing in the cluster to finish it.",
                "쿠버네티스 1.18에서 제거되었습니다. kubectl이 중간에 죽으면(노트북을 닫거나 연결이 끊기면) 업데이트도 중간에 멈췄고, 두 버전이 함께 실행되는 상태로 남았으며, 클러스터 안에는 이를 마저 끝낼 주체가 없었습니다.",
            ),
            predict_among(
                "Once you have typed set image, nothing of yours runs. What revision will http-go be at when the rollout completes: 1 or 2?",
                "set image를 입력하고 나면 여러분 쪽에서 실행되는 것은 없습니다. 롤아웃이 끝나면 http-go의 리비전은 1일까요, 2일까요?",
                Measure::Revision,
                &[of(1), of(2)],
            ),
            act(
                "A Deployment's rollout is done by a controller inside the cluster. Type kubectl set image deployment/http-go http-go=gasbugs/http-go:v2: kubectl only changes the spec and returns at once.",
                "디플로이먼트의 롤아웃은 클러스터 안의 컨트롤러가 합니다. kubectl set image deployment/http-go http-go=gasbugs/http-go:v2 를 입력하세요. kubectl은 스펙만 바꾸고 바로 돌아옵니다.",
                Do::Kubectl("kubectl set image deployment/http-go http-go=gasbugs/http-go:v2"),
                Goal::Image("v2"),
            ),
            act(
                "Press Play. Nothing on your side runs any more, and the controller still takes the rollout to the end.",
                "재생을 누르세요. 이제 내 쪽에서는 아무것도 실행되지 않지만, 컨트롤러는 롤아웃을 끝까지 해냅니다.",
                Do::Play,
                Goal::RolledOut,
            ),
            reveal(
                "2: the controller in the cluster made the new ReplicaSet and finished the rollout on its own.",
                "2입니다. 클러스터 안의 컨트롤러가 새 레플리카셋을 만들고 혼자서 롤아웃을 끝냈습니다.",
                2,
            ),
        ],
    },
    Lesson {
        id: "requests-fail-during-rollout",
        about: About::Mistake(4),
        title: say("Requests fail during a rolling update, readiness probes or not", "레디니스 프로브가 있어도 롤링 업데이트 중 요청이 실패한다"),
        objective: say("Find out why some requests fail in a rolling update even with readiness probes, and fix it.", "레디니스 프로브가 있어도 롤링 업데이트 중에 왜 요청이 실패하는지 알아보고 고칩니다."),
        takeaway: say("A pod told to stop may still get requests until the endpoints catch up; a short preStop sleep keeps it answering meanwhile.", "종료 신호를 받은 파드에도 엔드포인트가 갱신될 때까지 요청이 올 수 있습니다. 짧은 preStop sleep이 그동안 파드가 계속 응답하게 해 줍니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/",
        knobs: || Knobs { rate: 50, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "Every pod has a readinessProbe, and users send 50 requests a second. A rolling update never goes below 3 available pods.",
                "모든 파드에 레디니스 프로브가 있고, 사용자는 초당 요청 50개를 보냅니다. 롤링 업데이트는 사용 가능한 파드가 3개 밑으로 내려가지 않게 합니다.",
            ),
            predict_among(
                "How many requests will fail during the rollout?",
                "롤아웃 동안 실패하는 요청은 몇 개일까요?",
                Measure::FailedRequests,
                FAILED,
            ),
            DEPLOY,
            PLAY_TO_THE_END,
            reveal(
                "Some were refused: an old pod is told to stop the moment it is deleted, but kube-proxy learns a moment later that its endpoint is gone, and sends it requests meanwhile.",
                "일부는 연결이 거부되었습니다(connection refused). 이전 파드는 삭제되는 순간 종료 신호를 받지만, kube-proxy는 조금 뒤에야 그 엔드포인트가 사라진 것을 알고, 그 사이에도 요청을 보냅니다.",
                67,
            ),
            read(
                "The fix: a preStop hook that sleeps a few seconds keeps the pod answering until the endpoints catch up. In free play, give the container lifecycle.preStop.sleep.seconds: 5 in the YAML panel, apply, then deploy again.",
                "해결책은 몇 초 잠드는 preStop 훅입니다. 엔드포인트 정보가 따라잡을 때까지 파드가 계속 응답합니다. 자유 실습에서 YAML 패널의 컨테이너에 lifecycle.preStop.sleep.seconds: 5 를 넣고 적용한 뒤 다시 배포해 보세요.",
            ),
        ],
    },
    Lesson {
        id: "min-ready-is-not-readiness",
        about: About::Mistake(5),
        title: say("minReadySeconds is not a readiness delay", "minReadySeconds는 레디니스 지연이 아니다"),
        objective: say("Tell apart when a new pod gets requests and when the rollout counts it.", "새 파드가 요청을 받기 시작하는 때와 롤아웃이 그 파드를 세는 때를 구별합니다."),
        takeaway: say("A pod gets requests as soon as it is Ready; minReadySeconds only delays when the Deployment counts it Available.", "파드는 Ready가 되자마자 요청을 받습니다. minReadySeconds는 디플로이먼트가 그 파드를 사용 가능으로 세는 시점만 늦춥니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: || Knobs { min_ready_seconds: 10, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "minReadySeconds is 10 here. A common belief: the pod waits 10 s before it gets traffic. Watch what really happens.",
                "여기서 minReadySeconds는 10입니다. 파드가 트래픽을 받기 전에 10초를 기다린다는 오해가 흔합니다. 실제로 어떻게 되는지 보세요.",
            ),
            predict_among(
                "When a v2 pod is Ready but not yet Available, does it get requests? How many versions will answer in the same second before the rollout ends: 1 or 2?",
                "v2 파드가 Ready이지만 아직 사용 가능하지 않을 때 요청을 받을까요? 롤아웃이 끝나기 전에 같은 1초 안에 응답하는 버전은 1개일까요, 2개일까요?",
                Measure::VersionsAtOnce,
                &[of(1), of(2)],
            ),
            DEPLOY,
            act(
                "Press Play until a v2 pod is Ready but not yet Available (filled, no ✓).",
                "v2 파드가 Ready이지만 아직 사용 가능하지 않을 때까지(채워졌지만 ✓ 없음) 재생하세요.",
                Do::Play,
                Goal::ReadyNotAvailable,
            ),
            act(
                "Type kubectl get deployment http-go: READY counts that pod, AVAILABLE does not. Its endpoint is already in the Service, and it answers requests.",
                "kubectl get deployment http-go 를 입력하세요. READY에는 그 파드가 세어지지만 AVAILABLE에는 세어지지 않습니다. 그 파드의 엔드포인트는 이미 서비스에 들어가 있고, 파드는 요청에 응답합니다.",
                Do::Kubectl("kubectl get deployment http-go"),
                Goal::Typed("get deployment"),
            ),
            act(
                "Press Play until v2 answers requests. Its pod still has no ✓: it is not Available yet.",
                "v2가 요청에 응답할 때까지 재생하세요. 그 파드에는 아직 ✓가 없습니다. 아직 사용 가능하지 않은 것입니다.",
                Do::Play,
                Goal::TwoVersionsAnswer,
            ),
            reveal(
                "2: v1 and v2 answered in the same second, though no v2 pod was Available yet.",
                "2개입니다. 아직 사용 가능한 v2 파드가 하나도 없었는데도 v1과 v2가 같은 1초 안에 응답했습니다.",
                2,
            ),
            read(
                "Traffic follows readiness alone. minReadySeconds only says how long the Deployment controller waits before it counts a pod Available and goes on: a guard against pods that crash soon after starting, not a warm-up.",
                "트래픽은 레디니스만 따릅니다. minReadySeconds는 디플로이먼트 컨트롤러가 파드를 사용 가능으로 세고 롤아웃을 이어 가기 전에 얼마나 기다릴지만 정합니다. 시작 직후 죽는 파드를 걸러 내는 장치이지, 트래픽을 받기 전의 준비 시간이 아닙니다.",
            ),
            PLAY_TO_THE_END,
        ],
    },
    Lesson {
        id: "same-tag",
        about: About::Mistake(7),
        title: say(
            "Pushing the same tag again changes nothing under IfNotPresent",
            "IfNotPresent에서는 같은 태그로 다시 푸시해도 아무것도 바뀌지 않는다",
        ),
        objective: say("See what pushing a new build under the same tag does to the running pods.", "같은 태그로 새 빌드를 푸시하면 실행 중인 파드에 무슨 일이 생기는지 봅니다."),
        takeaway: say("The Deployment does not change, so no rollout starts, and under IfNotPresent a node reuses the image it has. Give each build its own tag.", "디플로이먼트가 바뀌지 않으므로 롤아웃이 시작되지 않고, IfNotPresent에서는 노드가 가진 이미지를 그대로 씁니다. 빌드마다 새 태그를 쓰세요."),
        link: "https://kubernetes.io/docs/concepts/containers/images/",
        knobs: defaults,
        seed: 1,
        steps: &[
            read(
                "http-go runs gasbugs/http-go:v1 on 4 pods with imagePullPolicy IfNotPresent, the apiserver's default for an image tagged with anything but latest: a node that already has the image does not pull it again.",
                "http-go는 gasbugs/http-go:v1을 파드 4개로 실행하고, imagePullPolicy는 IfNotPresent입니다. latest가 아닌 태그가 붙은 이미지에 API 서버가 채워 넣는 기본값으로, 이미지를 이미 가진 노드는 다시 가져오지 않습니다.",
            ),
            act(
                "You fixed a bug and pushed the new build under the same tag, v1: press \"Push the same tag again\".",
                "버그를 고치고 새 빌드를 같은 태그 v1으로 푸시했습니다. \"같은 태그로 다시 푸시\"를 누르세요.",
                Do::Act(Act::PushSameTag),
                Goal::StaleBuild,
            ),
            act(
                "The registry's v1 now points to a new digest, but the Deployment's template still says gasbugs/http-go:v1, so no rollout starts. Type kubectl rollout history deployment/http-go: still one revision.",
                "레지스트리의 v1은 이제 새 다이제스트를 가리키지만, 디플로이먼트의 템플릿은 여전히 gasbugs/http-go:v1이므로 롤아웃이 시작되지 않습니다. kubectl rollout history deployment/http-go 를 입력하세요. 리비전은 여전히 하나입니다.",
                Do::Kubectl("kubectl rollout history deployment/http-go"),
                Goal::Typed("rollout history"),
            ),
            predict_among(
                "Now a pod dies, and its ReplicaSet starts a replacement on a node that already has v1. Afterwards, how many pods will run the build you just pushed?",
                "이제 파드 하나가 죽고, 레플리카셋이 v1을 이미 가진 노드에 대체 파드를 띄웁니다. 그 뒤 방금 푸시한 빌드를 실행하는 파드는 몇 개일까요?",
                Measure::OnNewestBuild,
                &[of(0), of(1), of(4)],
            ),
            DELETE_A_POD,
            PLAY_UNTIL_ALL_AVAILABLE,
            reveal(
                "None: the new pod started from the node's cached v1, the old build. Under IfNotPresent a tag the node has means the code the node has, whatever the registry holds now.",
                "하나도 없습니다. 새 파드는 노드에 캐시된 v1, 곧 예전 빌드로 시작했습니다. IfNotPresent에서는 노드에 있는 태그가 곧 노드에 있는 코드이며, 레지스트리에 지금 무엇이 있든 상관없습니다.",
                0,
            ),
            act(
                "Set imagePullPolicy to Always and press \"Apply and restart\" (the run starts again from v1).",
                "imagePullPolicy를 Always로 바꾸고 \"적용하고 처음부터\"를 누르세요(실행이 v1부터 다시 시작됩니다).",
                Do::Settings(&[Setting::ImagePullPolicy(PullPolicy::Always)]),
                Goal::Applied(&[Setting::ImagePullPolicy(PullPolicy::Always)]),
            ),
            act(
                "Push the fixed build under v1 again: press \"Push the same tag again\".",
                "고친 빌드를 다시 v1으로 푸시하세요. \"같은 태그로 다시 푸시\"를 누르세요.",
                Do::Act(Act::PushSameTag),
                Goal::StaleBuild,
            ),
            predict_among(
                "Under Always, the kubelet asks the registry for the tag's digest at every container start, and pulls only if the node lacks that digest. After one pod is replaced, how many run the new build?",
                "Always에서는 컨테이너를 시작할 때마다 kubelet이 레지스트리에 태그의 다이제스트를 묻고, 노드에 그 다이제스트가 없을 때만 이미지를 가져옵니다. 파드 하나가 대체되면 새 빌드를 실행하는 파드는 몇 개일까요?",
                Measure::OnNewestBuild,
                &[of(0), of(1), of(4)],
            ),
            DELETE_A_POD,
            PLAY_UNTIL_ALL_AVAILABLE,
            reveal(
                "One: the replacement pulled the new digest; the other three run the old build, unseen by kubectl get deployment. Give each build its own tag: set image then rolls out, with a revision to undo.",
                "하나입니다. 대체 파드는 새 다이제스트를 가져왔지만 나머지 셋은 여전히 예전 빌드를 실행하며, kubectl get deployment 에는 아무 표시도 없습니다. 빌드마다 고유한 태그를 붙이세요. 그러면 set image 가 롤아웃을 일으키고, 롤백할 리비전도 남습니다.",
                1,
            ),
        ],
    },
    Lesson {
        id: "pull-policy-defaults",
        about: About::Topic(10),
        title: say(
            "imagePullPolicy is defaulted once, from the tag the manifest had",
            "imagePullPolicy는 매니페스트에 있던 태그로 한 번만 기본값이 정해진다",
        ),
        objective: say("Learn which imagePullPolicy the apiserver writes when it is left out.", "imagePullPolicy를 생략하면 API 서버가 어떤 값을 넣는지 알아봅니다."),
        takeaway: say("Left out, imagePullPolicy becomes Always for :latest or no tag, IfNotPresent otherwise, and it stays when the tag changes later. Give each build its own tag.", "생략하면 imagePullPolicy는 :latest 태그이거나 태그가 없을 때 Always, 그 밖에는 IfNotPresent가 되고, 나중에 태그를 바꿔도 그대로 남습니다. 빌드마다 새 태그를 쓰세요."),
        link: "https://kubernetes.io/docs/concepts/containers/images/",
        knobs: defaults,
        seed: 1,
        steps: &[
            read(
                "When a manifest leaves imagePullPolicy out, the apiserver fills it in: Always for an image tagged latest or untagged, IfNotPresent for any other tag (then a node that has the image starts it from cache).",
                "매니페스트에 imagePullPolicy가 없으면 API 서버가 채워 넣습니다. 태그가 latest이거나 없는 이미지는 Always, 그 밖의 태그는 IfNotPresent입니다(IfNotPresent면 이미지를 이미 가진 노드가 캐시에서 바로 시작합니다).",
            ),
            act(
                "Type kubectl get deployment http-go -o yaml. The container runs gasbugs/http-go:v1, so its imagePullPolicy says IfNotPresent.",
                "kubectl get deployment http-go -o yaml 을 입력하세요. 컨테이너가 gasbugs/http-go:v1을 실행하므로 imagePullPolicy는 IfNotPresent입니다.",
                Do::Kubectl("kubectl get deployment http-go -o yaml"),
                Goal::Typed("get deployment"),
            ),
            act(
                "Many teams deploy latest and expect every start to get the newest build. Type kubectl set image deployment/http-go http-go=gasbugs/http-go:latest.",
                "많은 팀이 latest를 배포하면서 컨테이너가 시작될 때마다 최신 빌드를 받으리라 기대합니다. kubectl set image deployment/http-go http-go=gasbugs/http-go:latest 를 입력하세요.",
                Do::Kubectl("kubectl set image deployment/http-go http-go=gasbugs/http-go:latest"),
                Goal::Image("latest"),
            ),
            PLAY_TO_THE_END,
            act(
                "Type kubectl get deployment http-go -o yaml again. The image is latest, yet imagePullPolicy still says IfNotPresent: set image changed only the image, and a default fills only an empty field.",
                "kubectl get deployment http-go -o yaml 을 다시 입력하세요. 이미지는 latest인데 imagePullPolicy는 여전히 IfNotPresent입니다. set image 는 이미지만 바꿨고, 기본값은 비어 있는 필드만 채우기 때문입니다.",
                Do::Kubectl("kubectl get deployment http-go -o yaml"),
                Goal::Typed("get deployment"),
            ),
            act(
                "Every node pulled latest for this rollout, since none had it. Now push a fix under latest: press \"Push the same tag again\".",
                "어느 노드에도 latest가 없었으므로 이번 롤아웃에서는 모든 노드가 이미지를 가져왔습니다. 이제 수정본을 latest로 푸시하세요. \"같은 태그로 다시 푸시\"를 누르세요.",
                Do::Act(Act::PushSameTag),
                Goal::StaleBuild,
            ),
            predict_among(
                "A pod dies and its ReplicaSet starts a replacement. Afterwards, how many pods will run the fix you just pushed?",
                "파드 하나가 죽고 레플리카셋이 대체 파드를 띄웁니다. 그 뒤 방금 푸시한 수정본을 실행하는 파드는 몇 개일까요?",
                Measure::OnNewestBuild,
                &[of(0), of(1), of(4)],
            ),
            DELETE_A_POD,
            PLAY_UNTIL_ALL_AVAILABLE,
            reveal(
                "None: the replacement started on a node with latest cached, and IfNotPresent does not ask the registry. Created with latest and no policy, the Deployment would say Always, and the replacement would pull the fix.",
                "하나도 없습니다. 대체 파드는 latest가 캐시에 있는 노드에서 시작했고, IfNotPresent는 레지스트리에 묻지 않습니다. 디플로이먼트를 처음부터 정책 없이 latest로 만들었다면 Always가 되어, 대체 파드가 수정본을 가져왔을 것입니다.",
                0,
            ),
            read(
                "Write imagePullPolicy yourself when it matters, and better still, give every build its own tag (v1.0.1, or the commit).",
                "중요하다면 imagePullPolicy를 직접 적으세요. 더 좋은 방법은 빌드마다 고유한 태그(v1.0.1이나 커밋)를 붙이는 것입니다.",
            ),
        ],
    },
    Lesson {
        id: "canary-by-labels",
        about: About::Topic(11),
        title: say(
            "A canary with plain labels: its share of requests is its share of ready pods",
            "레이블만으로 하는 카나리: 요청 비율은 준비된 파드의 비율이다",
        ),
        objective: say("Run a canary with two Deployments and one Service, by labels alone.", "레이블만으로, 디플로이먼트 두 개와 서비스 하나로 카나리를 운영해 봅니다."),
        takeaway: say("Without a router's weight, the canary's share of the requests is its share of the ready pods behind the Service.", "라우터의 가중치가 없으면 카나리가 받는 요청 비율은 서비스 뒤의 준비된 파드 중 카나리 파드가 차지하는 비율입니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/management/",
        knobs: canary,
        seed: 1,
        steps: &[
            read(
                "A canary is a second Deployment of the new version beside the stable one. Here http-go runs v1 on 4 pods labelled app=http-go, track=stable; http-go-canary, labelled app=http-go, track=canary, has 0 replicas.",
                "카나리는 안정 버전 옆에 새 버전을 띄우는 두 번째 디플로이먼트입니다. 여기서 http-go는 app=http-go, track=stable 레이블을 단 파드 4개로 v1을 실행하고, app=http-go, track=canary 레이블의 http-go-canary는 레플리카가 0개입니다.",
            ),
            read(
                "The Service http-go selects app=http-go and track=stable. Requests come through a Gateway whose HTTPRoute gives http-go-canary weight 0 (Ingress NGINX, the older router, was retired in March 2026): the Service's labels alone pick the pods.",
                "서비스 http-go는 app=http-go와 track=stable을 고릅니다. 요청은 게이트웨이를 거쳐 들어오고(오래된 라우터인 Ingress NGINX는 2026년 3월에 지원이 종료되었습니다), 그 HTTPRoute가 서비스 http-go-canary에 가중치 0을 주므로, 여기서는 서비스의 레이블만으로 어느 파드가 응답할지 정해집니다.",
            ),
            SELECT_BOTH_TRACKS,
            CANARY_ON_V2,
            ONE_CANARY_POD,
            predict_among(
                "The Service now has 5 ready endpoints: 4 on v1, 1 on v2. What percent of the next minute's requests will v2 answer: 5, 20 or 50?",
                "서비스에는 이제 준비된 엔드포인트가 5개 있습니다. v1이 4개, v2가 1개입니다. 다음 1분 동안의 요청 중 v2가 응답하는 비율은 5, 20, 50% 중 얼마일까요?",
                Measure::NewVersionShare,
                &[of(5), of(20), of(50)],
            ),
            PLAY_A_MINUTE,
            reveal(
                "About 20%, not 50% (two versions are not two halves): the Gateway sends each request to one of the 5 ready endpoints, a fifth each. kube-proxy, by contrast, balances connections, not requests.",
                "약 20%입니다. 50%가 아닙니다(두 버전이 반씩 나누지 않습니다). 게이트웨이는 요청마다 준비된 엔드포인트 5개 중 하나로 보내므로 파드마다 약 5분의 1입니다. 반면 kube-proxy는 요청이 아니라 연결 단위로 나눕니다.",
                20,
            ),
            act(
                "Raise the canary step by step: type kubectl scale deployment/http-go-canary --replicas=4, and press Play until all 4 are available.",
                "카나리를 단계적으로 늘리세요. kubectl scale deployment/http-go-canary --replicas=4 를 입력하고, 4개가 모두 사용 가능해질 때까지 재생하세요.",
                Do::Kubectl("kubectl scale deployment/http-go-canary --replicas=4"),
                Goal::AvailableOf("http-go-canary", 4),
            ),
            predict_among(
                "Now 4 pods run v1 and 4 run v2. What percent of the next minute's requests will v2 answer: 20, 50 or 80?",
                "이제 v1 파드 4개와 v2 파드 4개가 실행됩니다. 다음 1분 동안의 요청 중 v2가 응답하는 비율은 20, 50, 80% 중 얼마일까요?",
                Measure::NewVersionShare,
                &[of(20), of(50), of(80)],
            ),
            PLAY_A_MINUTE,
            reveal(
                "About half, not still 20%: without a router's weight the canary's share is the ratio of pods, 4 of 8 now. To finish, set v2 on http-go itself, then scale http-go-canary to 0.",
                "약 절반입니다. 여전히 20%가 아닙니다. 라우터의 가중치가 없으면 카나리의 비율은 파드 수의 비율이고, 이제 8개 중 4개입니다. 마무리하려면 http-go 자체에 v2를 설정한 뒤 http-go-canary를 0으로 줄이세요.",
                50,
            ),
        ],
    },
    Lesson {
        id: "canary-weight-is-pods",
        about: About::Mistake(9),
        title: say(
            "Without a traffic router, a canary's weight is the ratio of its ready pods",
            "트래픽 라우터가 없으면 카나리의 가중치는 준비된 파드의 비율이다",
        ),
        objective: say("Find out why one canary pod cannot get 5% of the requests, and what a router's weight changes.", "카나리 파드 하나로는 왜 요청의 5%를 받을 수 없는지, 라우터의 가중치가 무엇을 바꾸는지 알아봅니다."),
        takeaway: say("With pods alone, the share is the ratio of ready pods; a traffic router sets it by weight, whatever the number of pods.", "파드만으로는 준비된 파드의 비율이 곧 요청 비율입니다. 트래픽 라우터는 파드 수와 상관없이 가중치로 비율을 정합니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/management/",
        knobs: canary,
        seed: 1,
        steps: &[
            read(
                "The team wants v2 to get 5% of the requests first. http-go runs v1 on 4 pods; http-go-canary waits at 0 replicas. First, with no router weight: the Service selects both Deployments' pods.",
                "팀은 먼저 v2가 요청의 5%를 받기를 원합니다. http-go는 파드 4개로 v1을 실행하고, http-go-canary는 레플리카 0개로 대기합니다. 먼저 라우터의 가중치 없이 해 봅니다. 서비스가 두 디플로이먼트의 파드를 모두 고르게 합니다.",
            ),
            SELECT_BOTH_TRACKS,
            CANARY_ON_V2,
            ONE_CANARY_POD,
            predict_among(
                "One pod is the smallest canary there is, beside 4 stable ones. What percent of the next minute's requests will it answer: 5, 20 or 50?",
                "파드 하나가 가장 작은 카나리이고, 옆에 안정 파드 4개가 있습니다. 다음 1분 동안의 요청 중 이 파드가 응답하는 비율은 5, 20, 50% 중 얼마일까요?",
                Measure::NewVersionShare,
                &[of(5), of(20), of(50)],
            ),
            PLAY_A_MINUTE,
            reveal(
                "About 20%, not 5%. With no router weight, the share is the ratio of ready pods: 5% would take 19 stable pods beside the one canary.",
                "5%가 아니라 약 20%입니다. 라우터의 가중치가 없으면 비율은 준비된 파드의 비율이므로, 5%를 얻으려면 카나리 하나 옆에 안정 파드 19개가 필요합니다.",
                20,
            ),
            act(
                "Now with a weight set in the router. First give the Service back its track: type kubectl patch service http-go -p '{\"spec\":{\"selector\":{\"track\":\"stable\"}}}'.",
                "이제 라우터의 가중치를 씁니다. 먼저 서비스에 track을 돌려주세요. kubectl patch service http-go -p '{\"spec\":{\"selector\":{\"track\":\"stable\"}}}' 를 입력하세요.",
                Do::Kubectl(r#"kubectl patch service http-go -p '{"spec":{"selector":{"track":"stable"}}}'"#),
                Goal::ServiceSelector("track", Some("stable")),
            ),
            act(
                "The HTTPRoute splits requests by its backendRefs' weights: give http-go 95 and http-go-canary 5. Type the command below. (On the retired Ingress NGINX, the canary-weight annotation did this.)",
                "HTTPRoute는 backendRefs의 가중치로 요청을 나눕니다. http-go에 95, http-go-canary에 5를 주세요. 아래 명령을 입력하세요. (지원이 종료된 Ingress NGINX에서는 canary-weight 어노테이션이 이 일을 했습니다.)",
                Do::Kubectl(WEIGHT_5),
                Goal::CanaryWeight(5),
            ),
            predict_among(
                "Still one canary pod and 4 stable ones. What percent of the next minute's requests will v2 answer now: 5, 20 or 25?",
                "여전히 카나리 파드 하나와 안정 파드 4개입니다. 이제 다음 1분 동안의 요청 중 v2가 응답하는 비율은 5, 20, 25% 중 얼마일까요?",
                Measure::NewVersionShare,
                &[of(5), of(20), of(25)],
            ),
            PLAY_A_MINUTE,
            reveal(
                "About 5%, not 20% (the pods' ratio) nor 25% (both added): the Gateway picks a backend by weight, then one of its pods. That is what a traffic router adds to Deployments.",
                "약 5%입니다. 20%(파드 비율)도, 25%(둘을 더한 값)도 아닙니다. 게이트웨이는 먼저 가중치로 백엔드를 고르고 그다음 그 백엔드의 파드를 고릅니다. 트래픽 라우터가 디플로이먼트에 더해 주는 것이 바로 이것입니다.",
                5,
            ),
        ],
    },
    Lesson {
        id: "canary-abort",
        about: About::Mistake(10),
        title: say(
            "An aborted canary leaves the spec on the new version",
            "중단된 카나리는 스펙을 새 버전에 남겨 둔다",
        ),
        objective: say("See what an aborted canary undoes, and what it leaves behind.", "중단된 카나리가 무엇을 되돌리고 무엇을 남기는지 봅니다."),
        takeaway: say("An abort sends the traffic back to the stable version and scales the canary down, but the canary's spec names the new version until someone reverts it.", "중단은 트래픽을 안정 버전으로 돌리고 카나리를 축소하지만, 누군가 되돌리기 전까지 카나리의 스펙에는 새 버전이 그대로 남습니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/management/",
        knobs: || Knobs { strategy: StrategyKind::Canary, new_version: NewVersion::Errors, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "A canary: http-go serves v1 on 4 pods; a Gateway's HTTPRoute (not the retired Ingress NGINX) sends a weight of the requests to http-go-canary, a second Deployment. This v2 answers with errors.",
                "카나리입니다. http-go는 파드 4개로 v1을 서비스하고, 게이트웨이의 HTTPRoute가(지원이 종료된 Ingress NGINX가 아니라) 요청의 일부(가중치)를 두 번째 디플로이먼트 http-go-canary로 보냅니다. 이 v2는 오류로 응답합니다.",
            ),
            read(
                "The plan, as Argo Rollouts would run it: v2 on 1 canary pod, then the route's weights patched to 10%, 50%, 100%. An analysis aborts if over 5% of canary requests fail within 30 s.",
                "계획은 Argo Rollouts 같은 도구가 하듯이 진행됩니다. 카나리 파드 1개로 v2를 띄운 뒤, 라우트의 가중치를 10%, 50%, 100%로 패치합니다. 분석은 30초 안에 카나리 요청의 5%를 넘게 실패하면 계획을 중단합니다.",
            ),
            act(
                "Start the canary: press \"Deploy a new version\".",
                "카나리를 시작하세요. \"새 버전 배포\"를 누르세요.",
                Do::Deploy,
                Goal::ImageOf("http-go-canary", "v2"),
            ),
            predict_among(
                "Before you play: how many requests will fail before the analysis aborts and the canary's weight drops to 0?",
                "재생하기 전에 예측하세요. 분석이 계획을 중단하고 카나리의 가중치가 0이 되기 전까지 요청이 몇 개 실패할까요?",
                Measure::FailedRequests,
                FAILED,
            ),
            act(
                "Press Play until the analysis aborts the plan (the event log says why).",
                "분석이 계획을 중단할 때까지 재생하세요(이벤트 로그에 이유가 나옵니다).",
                Do::Play,
                Goal::PlanAborted,
            ),
            reveal(
                "6 failed, not 0: requests sent to v2 while the analysis gathered evidence (at least 20 requests, over 5% failed). A canary limits how many users see a bad version; it cannot make that 0.",
                "요청 6개가 실패했습니다. 0개가 아닙니다. 분석이 근거(요청 20개 이상, 실패 5% 초과)를 모으는 동안 v2로 간 사용자의 요청입니다. 카나리는 나쁜 버전을 만나는 사용자 수를 줄일 뿐, 0으로 만들지는 못합니다.",
                6,
            ),
            act(
                "Users are safe again. Now look at the canary: type kubectl get deployment http-go-canary -o wide. READY ends in /0 (no replica wanted), but IMAGES still says v2.",
                "사용자는 다시 안전합니다. 이제 카나리를 보세요. kubectl get deployment http-go-canary -o wide 를 입력하세요. READY 열은 /0으로 끝나지만(원하는 레플리카가 없음) IMAGES 열은 여전히 v2입니다.",
                Do::Kubectl("kubectl get deployment http-go-canary -o wide"),
                Goal::Typed("get deployment"),
            ),
            read(
                "An abort routes traffic away and scales the canary down; it does not revert the spec. Whatever scales http-go-canary up again brings v2 back, and the manifests in Git still say v2.",
                "중단은 트래픽을 돌리고 카나리를 축소할 뿐, 스펙을 되돌리지 않습니다. 누가 http-go-canary를 다시 늘리든 v2가 돌아오고, Git에 있는 매니페스트도 여전히 v2입니다.",
            ),
            act(
                "Revert the spec yourself: type kubectl set image deployment/http-go-canary http-go=gasbugs/http-go:v1.",
                "스펙을 직접 되돌리세요. kubectl set image deployment/http-go-canary http-go=gasbugs/http-go:v1 을 입력하세요.",
                Do::Kubectl("kubectl set image deployment/http-go-canary http-go=gasbugs/http-go:v1"),
                Goal::ImageOf("http-go-canary", "v1"),
            ),
        ],
    },
    Lesson {
        id: "shared-data",
        about: About::Topic(16),
        title: say(
            "Two versions at once must agree on the stored data",
            "동시에 실행되는 두 버전은 저장된 데이터에 대해 합의해야 한다",
        ),
        objective: say("See why two versions running at once must agree on the stored data.", "동시에 실행되는 두 버전이 왜 저장된 데이터에 합의해야 하는지 봅니다."),
        takeaway: say("During a rolling update old and new pods share the data: change a schema in steps (expand, then contract), so that each version running can read it.", "롤링 업데이트 중에는 이전 파드와 새 파드가 데이터를 함께 씁니다. 스키마는 단계적으로(확장한 뒤 축소) 바꿔, 실행 중인 어느 버전이든 읽을 수 있게 하세요."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: || Knobs { new_version: NewVersion::ChangesData, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "During a rolling update v1 and v2 answer at once, and both read the same database. Here v2 migrates the data to a new schema as it starts, and v1 cannot read the new schema.",
                "롤링 업데이트 동안에는 v1과 v2가 동시에 응답하고, 둘 다 같은 데이터베이스를 읽습니다. 여기서 v2는 시작하면서 데이터를 새 스키마로 바꾸고(마이그레이션), v1은 새 스키마를 읽지 못합니다.",
            ),
            predict_among(
                "Every pod will pass its readiness probe. How many requests will fail during the rollout?",
                "모든 파드가 레디니스 프로브를 통과합니다. 롤아웃 동안 요청이 몇 개 실패할까요?",
                Measure::FailedRequests,
                FAILED,
            ),
            DEPLOY,
            PLAY_TO_THE_END,
            reveal(
                "45 requests failed: 32 were 500s from v1 pods, which could not read the data once the first v2 pod changed the schema (SchemaChanged in the event log); 13 met a pod already stopping.",
                "요청 45개가 실패했습니다. 32개는 v1 파드의 500 응답으로, 첫 v2 파드가 스키마를 바꾼 뒤(이벤트 로그의 SchemaChanged) v1이 데이터를 읽지 못해서입니다. 나머지 13개는 이미 멈추는 중인 파드에 닿았습니다.",
                45,
            ),
            read(
                "No probe saw anything wrong, and the rollout finished as if all went well: readiness tells whether a pod can answer, not whether its answers are right.",
                "어떤 프로브도 이상을 보지 못했고, 롤아웃은 아무 문제 없었던 것처럼 끝났습니다. 레디니스는 파드가 응답할 수 있는지를 알려 줄 뿐, 응답이 맞는지는 알려 주지 않습니다.",
            ),
            act(
                "Recreate never runs two versions at once: choose it as the strategy and press \"Apply and restart\".",
                "Recreate는 두 버전을 동시에 실행하지 않습니다. 전략으로 Recreate를 고르고 \"적용하고 처음부터\"를 누르세요.",
                Do::Settings(&[Setting::Strategy(StrategyKind::Recreate)]),
                Goal::Applied(&[Setting::Strategy(StrategyKind::Recreate)]),
            ),
            predict_among(
                "With Recreate, how many requests will fail during the rollout?",
                "Recreate에서는 롤아웃 동안 요청이 몇 개 실패할까요?",
                Measure::FailedRequests,
                FAILED,
            ),
            DEPLOY,
            PLAY_TO_THE_END,
            reveal(
                "48 failed, none for the schema: no v1 pod was left to read it. Every one found no pod to answer it: the downtime Recreate costs.",
                "48개가 실패했지만 스키마 때문에 실패한 요청은 하나도 없습니다. 새 스키마를 읽을 v1 파드가 남아 있지 않았으니까요. 모두 응답할 파드를 찾지 못한 요청으로, Recreate가 치르는 다운타임입니다.",
                48,
            ),
            read(
                "The way out is in the application: expand, then contract. Ship a version that reads both schemas, then one that writes the new one; drop the old schema last. Each is safe to roll out.",
                "해법은 애플리케이션에 있습니다. 확장한 뒤 축소하세요(expand and contract). 두 스키마를 모두 읽는 버전을 먼저 배포하고, 그다음 새 스키마로 쓰는 버전을, 마지막으로 옛 스키마를 없애는 버전을 배포하면 단계마다 안전하게 롤아웃할 수 있습니다.",
            ),
        ],
    },
    Lesson {
        id: "basics",
        about: About::Topic(0),
        title: say("Start here: pods, labels, a Service, Ready and Available", "여기서 시작: 파드, 레이블, 서비스, Ready와 사용 가능"),
        objective: say("Learn the words the other lessons use: pod, label, selector, Service, endpoints, Ready and Available.", "다른 레슨에서 쓰는 말을 익힙니다. 파드, 레이블, 셀렉터, 서비스, 엔드포인트, Ready와 사용 가능입니다."),
        takeaway: say("A Service finds pods by their labels and sends requests only to those that are Ready; a ReplicaSet keeps the number of pods its Deployment asks for.", "서비스는 레이블로 파드를 찾고 Ready인 파드에만 요청을 보냅니다. 레플리카셋은 디플로이먼트가 요구하는 파드 수를 유지합니다."),
        link: "https://kubernetes.io/docs/concepts/services-networking/service/",
        knobs: defaults,
        seed: 1,
        steps: &[
            read(
                "A pod runs a container; here the web app http-go runs in 4 pods. On the stage each pod is a shape, and its colour, shape and tag show the version it runs: v1.",
                "파드는 컨테이너를 실행합니다. 여기서는 웹 앱 http-go가 파드 4개에서 실행됩니다. 스테이지에서 파드 하나는 도형 하나이고, 색과 모양, 태그가 실행 중인 버전(v1)을 보여 줍니다. (파드(Pod)는 '포드'라고도 씁니다. 강의 자료에는 두 표기가 다 나옵니다.)",
            ),
            act(
                "Type kubectl get pods --show-labels. Every pod carries the label app=http-go: a key and a value by which other objects select pods.",
                "kubectl get pods --show-labels 를 입력하세요. 모든 파드에 app=http-go 레이블이 붙어 있습니다. 레이블은 키와 값의 쌍이고, 다른 오브젝트가 이것으로 파드를 고릅니다.",
                Do::Kubectl("kubectl get pods --show-labels"),
                Goal::Typed("get pods"),
            ),
            act(
                "Type kubectl get service http-go -o wide. Its SELECTOR is app=http-go: the Service sends requests to the Ready pods with that label, its endpoints.",
                "kubectl get service http-go -o wide 를 입력하세요. SELECTOR가 app=http-go입니다. 서비스는 이 레이블이 붙은 파드 중 Ready인 파드, 곧 엔드포인트로 요청을 보냅니다.",
                Do::Kubectl("kubectl get service http-go -o wide"),
                Goal::Typed("get service"),
            ),
            read(
                "Read the stage: a filled pod is Ready (its readiness probe passes, so it gets requests). ✓ marks Available: Ready for minReadySeconds (0 here), which the Deployment counts. A faded, struck pod is terminating.",
                "스테이지 읽는 법: 채워진 파드는 Ready입니다(레디니스 프로브를 통과해 요청을 받습니다). ✓는 사용 가능(Available)으로, minReadySeconds(여기서는 0) 동안 Ready였다는 뜻이며 디플로이먼트는 이것을 셉니다. 흐리고 줄 그어진 파드는 종료 중입니다.",
            ),
            predict_among(
                "You will delete one pod. What is the fewest available pods you will see before all 4 are back: 2, 3 or 4?",
                "파드 하나를 삭제합니다. 4개가 모두 돌아오기 전까지 사용 가능한 파드가 가장 적을 때는 2, 3, 4개 중 몇 개일까요?",
                Measure::FewestAvailable,
                &[of(2), of(3), of(4)],
            ),
            DELETE_A_POD,
            PLAY_UNTIL_ALL_AVAILABLE,
            reveal(
                "3: the deleted pod was taken out of the endpoints. Its ReplicaSet, which keeps 4 pods for the Deployment, made a new one, which got requests only once it was Ready.",
                "3개입니다. 삭제된 파드는 엔드포인트에서 빠졌습니다. 디플로이먼트를 위해 파드 4개를 유지하는 레플리카셋이 새 파드를 만들었고, 새 파드는 Ready가 된 뒤에야 요청을 받았습니다.",
                3,
            ),
        ],
    },
    Lesson {
        id: "pause-resume",
        about: About::Topic(8),
        title: say("Pause and resume a rollout", "롤아웃 일시 중지와 재개"),
        objective: say("Pause a Deployment, make several changes, and roll them out as one with resume.", "디플로이먼트를 일시 중지하고 여러 변경을 한 뒤, 재개해서 한 번에 롤아웃합니다."),
        takeaway: say("While paused, a template change makes no ReplicaSet and undo is refused; resume rolls out every change at once, as one revision.", "일시 중지 동안에는 템플릿을 바꿔도 레플리카셋이 생기지 않고 undo는 거부됩니다. 재개하면 모든 변경이 한 리비전으로 한 번에 롤아웃됩니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: defaults,
        seed: 1,
        steps: &[
            read(
                "kubectl rollout pause stops the Deployment controller from rolling out changes to the pod template. Changes made while paused are rolled out together, as one rollout, by kubectl rollout resume.",
                "kubectl rollout pause 를 하면 디플로이먼트 컨트롤러가 파드 템플릿의 변경을 롤아웃하지 않습니다. 일시 중지 중에 한 변경은 kubectl rollout resume 을 하면 한 번의 롤아웃으로 함께 반영됩니다.",
            ),
            DEPLOY,
            PLAY_TO_THE_END,
            act(
                "Now type kubectl rollout pause deployment/http-go.",
                "이제 kubectl rollout pause deployment/http-go 를 입력하세요.",
                Do::Kubectl("kubectl rollout pause deployment/http-go"),
                Goal::Paused(true),
            ),
            predict_among(
                "http-go is at revision 2. While paused, you will set the image to v3, then to v4, then resume. Which revision will it be at when the rollout completes: 2, 3, 4 or 5?",
                "http-go는 리비전 2입니다. 일시 중지한 채로 이미지를 v3로, 다시 v4로 바꾼 뒤 재개합니다. 롤아웃이 끝나면 리비전은 2, 3, 4, 5 중 몇일까요?",
                Measure::Revision,
                &[of(2), of(3), of(4), of(5)],
            ),
            act(
                "Type kubectl set image deployment/http-go http-go=gasbugs/http-go:v3.",
                "kubectl set image deployment/http-go http-go=gasbugs/http-go:v3 를 입력하세요.",
                Do::Kubectl("kubectl set image deployment/http-go http-go=gasbugs/http-go:v3"),
                Goal::Image("v3"),
            ),
            act(
                "Press Play for 20 s. The template says v3, yet no pod changes: while paused, the controller makes no new ReplicaSet (kubectl get rs still lists two).",
                "20초 동안 재생하세요. 템플릿은 v3인데 파드는 그대로입니다. 일시 중지 동안 컨트롤러는 새 레플리카셋을 만들지 않습니다(kubectl get rs 에는 여전히 두 개뿐입니다).",
                Do::Play,
                Goal::SincePrediction(20),
            ),
            act(
                "Type kubectl set image deployment/http-go http-go=gasbugs/http-go:v4.",
                "kubectl set image deployment/http-go http-go=gasbugs/http-go:v4 를 입력하세요.",
                Do::Kubectl("kubectl set image deployment/http-go http-go=gasbugs/http-go:v4"),
                Goal::Image("v4"),
            ),
            act(
                "Changed your mind? Type kubectl rollout undo deployment/http-go. kubectl refuses: you cannot roll back a paused Deployment. Undo does not cancel a paused change; resume first.",
                "마음이 바뀌었나요? kubectl rollout undo deployment/http-go 를 입력하세요. kubectl이 거부합니다. 일시 중지된 디플로이먼트는 롤백할 수 없습니다. undo로 일시 중지 중의 변경을 취소할 수는 없으니, 먼저 재개해야 합니다.",
                Do::Kubectl("kubectl rollout undo deployment/http-go"),
                Goal::Typed("rollout undo"),
            ),
            act(
                "Type kubectl rollout resume deployment/http-go.",
                "kubectl rollout resume deployment/http-go 를 입력하세요.",
                Do::Kubectl("kubectl rollout resume deployment/http-go"),
                Goal::Paused(false),
            ),
            PLAY_TO_THE_END,
            reveal(
                "Revision 3: both changes became one rollout and one new ReplicaSet, straight from v2 to v4. No v3 pod ever ran.",
                "리비전 3입니다. 두 변경이 한 번의 롤아웃, 새 레플리카셋 하나가 되어 v2에서 곧장 v4로 갔습니다. v3 파드는 한 번도 실행되지 않았습니다.",
                3,
            ),
        ],
    },
    Lesson {
        id: "change-cause",
        about: About::Topic(8),
        title: say("Change-cause: why each revision was made", "change-cause: 리비전마다 남기는 변경 이유"),
        objective: say("Record why each revision was made, and read it in kubectl rollout history.", "리비전마다 변경 이유를 기록하고 kubectl rollout history 에서 읽어 봅니다."),
        takeaway: say("The change-cause is an annotation on the Deployment, copied to each new ReplicaSet: since --record is deprecated, write it with kubectl annotate after every change.", "change-cause는 디플로이먼트의 어노테이션이고 새 레플리카셋마다 복사됩니다. --record는 사용 중단(deprecated)되었으니 변경할 때마다 kubectl annotate 로 적으세요."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: defaults,
        seed: 1,
        steps: &[
            read(
                "kubectl rollout history lists revisions with a CHANGE-CAUSE: the Deployment's kubernetes.io/change-cause annotation, copied to each revision's ReplicaSet. The --record flag used to write it; it is deprecated, so write it with kubectl annotate.",
                "kubectl rollout history 는 리비전마다 CHANGE-CAUSE를 보여 줍니다. 디플로이먼트의 kubernetes.io/change-cause 어노테이션으로, 리비전마다 레플리카셋에 복사됩니다. 예전에는 --record 플래그가 적어 주었지만 사용 중단(deprecated)되었으니 kubectl annotate 로 적으세요.",
            ),
            act(
                "Type kubectl set image deployment/http-go http-go=gasbugs/http-go:v2.",
                "kubectl set image deployment/http-go http-go=gasbugs/http-go:v2 를 입력하세요.",
                Do::Kubectl("kubectl set image deployment/http-go http-go=gasbugs/http-go:v2"),
                Goal::Image("v2"),
            ),
            act(
                "Say why: type kubectl annotate deployment/http-go kubernetes.io/change-cause='image updated to v2'.",
                "이유를 적으세요. kubectl annotate deployment/http-go kubernetes.io/change-cause='image updated to v2' 를 입력하세요.",
                Do::Kubectl("kubectl annotate deployment/http-go kubernetes.io/change-cause='image updated to v2'"),
                Goal::ChangeCause("image updated to v2"),
            ),
            PLAY_TO_THE_END,
            act(
                "Type kubectl rollout history deployment/http-go: revision 1 says <none>, revision 2 your words.",
                "kubectl rollout history deployment/http-go 를 입력하세요. 리비전 1은 <none>, 리비전 2는 여러분이 적은 문장입니다.",
                Do::Kubectl("kubectl rollout history deployment/http-go"),
                Goal::Typed("rollout history"),
            ),
            predict_among(
                "Now roll out v3 without annotating. How many revisions will the history list as 'image updated to v2': 0, 1, 2 or 3?",
                "이번에는 어노테이션 없이 v3를 롤아웃합니다. 히스토리에서 'image updated to v2'로 표시되는 리비전은 0, 1, 2, 3개 중 몇 개일까요?",
                Measure::RevisionsCaused("image updated to v2"),
                &[of(0), of(1), of(2), of(3)],
            ),
            act(
                "Type kubectl set image deployment/http-go http-go=gasbugs/http-go:v3.",
                "kubectl set image deployment/http-go http-go=gasbugs/http-go:v3 를 입력하세요.",
                Do::Kubectl("kubectl set image deployment/http-go http-go=gasbugs/http-go:v3"),
                Goal::Image("v3"),
            ),
            PLAY_TO_THE_END,
            reveal(
                "2: the annotation stayed on the Deployment, and the controller copied it to revision 3's new ReplicaSet, so revision 3 gives v2's reason. Annotate after every change (see kubectl rollout history).",
                "2개입니다. 어노테이션이 디플로이먼트에 그대로 남아 있었고, 컨트롤러가 그것을 리비전 3의 새 레플리카셋에 복사했으므로 리비전 3에도 v2의 이유가 적힙니다. 변경할 때마다 어노테이션을 새로 적으세요(kubectl rollout history 로 확인해 보세요).",
                2,
            ),
        ],
    },
    Lesson {
        id: "probe-fields",
        about: About::Topic(7),
        title: say("Probe fields: the course's example", "프로브 필드: 강의 예제 살펴보기"),
        objective: say("Read each probe field of the course's example, and know the defaults.", "강의 예제의 프로브 필드를 하나씩 읽고 기본값을 알아 둡니다."),
        takeaway: say("initialDelaySeconds waits, periodSeconds spaces the checks, timeoutSeconds bounds each, and the thresholds count results in a row; the defaults are 0, 10, 1, 1 and 3.", "initialDelaySeconds는 기다리는 시간, periodSeconds는 검사 간격, timeoutSeconds는 검사 한 번의 제한 시간이고, 두 임계값은 연속된 결과를 셉니다. 기본값은 차례로 0, 10, 1, 1, 3입니다."),
        link: "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
        knobs: || Knobs { new_version: NewVersion::SlowToStart, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "The course's probes: an HTTP GET on port 8080 (/health there; this app answers on /ready and /healthz), readiness initialDelaySeconds 15, liveness 120, both periodSeconds 10, timeoutSeconds 2, successThreshold 1, failureThreshold 1.",
                "강의의 프로브 예제: 8080 포트로 보내는 HTTP GET(강의에서는 /health, 이 앱은 /ready와 /healthz), 레디니스 initialDelaySeconds 15, 라이브니스 120, 둘 다 periodSeconds 10, timeoutSeconds 2, successThreshold 1, failureThreshold 1입니다.",
            ),
            read(
                "A field left out takes its default: initialDelaySeconds 0, periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3. So the course's periodSeconds 10 is the default; its failureThreshold 1 is not.",
                "필드를 생략하면 기본값이 쓰입니다. initialDelaySeconds 0, periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3입니다. 그러니 강의의 periodSeconds 10은 기본값 그대로이고, failureThreshold 1은 기본값이 아닙니다.",
            ),
            act(
                "Set both probes as the course does and press \"Apply and restart\".",
                "두 프로브를 강의처럼 설정하고 \"적용하고 처음부터\"를 누르세요.",
                Do::Settings(&[COURSE_READINESS, COURSE_LIVENESS]),
                Goal::Applied(&[COURSE_READINESS, COURSE_LIVENESS]),
            ),
            predict_among(
                "v2 takes 20 s before it answers at all. With these probes, how many times will a v2 container be restarted: 0, 1, 2 or more?",
                "v2는 응답하기까지 20초가 걸립니다. 이 프로브 설정에서 v2 컨테이너는 몇 번 재시작될까요? 0, 1, 2, 그 이상 중에서 고르세요.",
                Measure::Restarts,
                RESTARTS,
            ),
            DEPLOY,
            PLAY_TO_THE_END,
            reveal(
                "None: the liveness probe waits 120 s, long after v2 answers. A failed readiness check only keeps a pod out of the endpoints; each v2 pod became Ready at its first check after 20 s.",
                "한 번도 없습니다. 라이브니스 프로브는 120초를 기다리고, v2는 그보다 훨씬 먼저 응답합니다. 레디니스 검사가 실패하면 파드가 엔드포인트에서 빠질 뿐입니다. v2 파드는 20초가 지난 뒤 첫 검사에서 Ready가 되었습니다.",
                0,
            ),
            read(
                "On a liveness probe, failureThreshold 1 restarts the container after one failed check: one answer slower than timeoutSeconds (2 s) is enough. Keep the default 3 for liveness.",
                "라이브니스 프로브의 failureThreshold가 1이면 검사 한 번만 실패해도 컨테이너가 재시작됩니다. 응답 한 번이 timeoutSeconds(2초)보다 늦기만 해도 그렇습니다. 라이브니스에는 기본값 3을 쓰세요.",
            ),
        ],
    },
    Lesson {
        id: "ten-at-fifty",
        about: About::Topic(4),
        title: say("10 replicas at maxSurge 50%, maxUnavailable 50%", "레플리카 10개, maxSurge 50%, maxUnavailable 50%"),
        objective: say("Work out the course's exercise: 10 replicas at maxSurge 50% and maxUnavailable 50%.", "강의 실습을 풀어 봅니다. 레플리카 10개에 maxSurge 50%, maxUnavailable 50%입니다."),
        takeaway: say("At 50%/50% of 10, up to 15 pods are wanted and as few as 5 stay available: a fast rollout that halves the capacity for a while.", "10개의 50%/50%면 원하는 파드는 최대 15개, 사용 가능한 파드는 최소 5개입니다. 빠르지만 한동안 용량이 절반이 되는 롤아웃입니다."),
        link: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/",
        knobs: || Knobs { replicas: 10, max_surge: "50%".into(), max_unavailable: "50%".into(), ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "The course's exercise: 10 replicas with maxSurge 50% and maxUnavailable 50%. Half of 10 is 5 whichever way it rounds, so both bounds are 5.",
                "강의의 실습입니다. 레플리카 10개에 maxSurge 50%, maxUnavailable 50%를 씁니다. 10의 절반은 올림이든 내림이든 5이므로 두 한도 모두 5입니다.",
            ),
            predict_among(
                "How many pods will exist at most during the rollout: 10, 12, 15 or 20?",
                "롤아웃 중에 파드는 최대 몇 개까지 있을까요? 10, 12, 15, 20 중에서 고르세요.",
                Measure::PeakPods,
                &[of(10), of(12), of(15), of(20)],
            ),
            DEPLOY,
            PLAY_TO_THE_END,
            reveal(
                "15: the ReplicaSets may want 10 + 5 pods at once. The controller started 5 new pods, then scaled the old ReplicaSet down by 5.",
                "15개입니다. 레플리카셋들은 합쳐서 10 + 5개까지 원할 수 있습니다. 컨트롤러는 새 파드 5개를 띄운 다음 이전 레플리카셋을 5개 줄였습니다.",
                15,
            ),
            predict_among(
                "Deploy once more. What is the fewest available pods at any second: 5, 7, 9 or 10?",
                "한 번 더 배포합니다. 사용 가능한 파드가 가장 적을 때는 5, 7, 9, 10개 중 몇 개일까요?",
                Measure::FewestAvailable,
                &[of(5), of(7), of(9), of(10)],
            ),
            act(
                "Press \"Deploy a new version\" (v3).",
                "\"새 버전 배포\"를 누르세요(v3).",
                Do::Deploy,
                Goal::Image("v3"),
            ),
            PLAY_TO_THE_END,
            reveal(
                "5: maxUnavailable lets half the pods be unavailable at once. The rollout is fast, but for a moment half the capacity serves all the users.",
                "5개입니다. maxUnavailable이 파드의 절반까지 동시에 사용 불가능해도 된다고 허용하기 때문입니다. 롤아웃은 빠르지만, 잠시 동안 절반의 용량이 모든 사용자를 감당합니다.",
                5,
            ),
        ],
    },
    Lesson {
        id: "quota-blocks-surge",
        about: About::Mistake(11),
        title: say(
            "A pod quota equal to the replicas leaves a rolling update no room to surge",
            "레플리카 수와 같은 파드 쿼터는 롤링 업데이트가 파드를 더 만들 여유를 남기지 않는다",
        ),
        objective: say(
            "See a ResourceQuota refuse the pods a rollout needs, and what lets it through.",
            "리소스 쿼터(ResourceQuota)가 롤아웃에 필요한 파드를 거부하는 모습과, 롤아웃을 통과시키는 방법을 봅니다.",
        ),
        takeaway: say(
            "A quota is checked when a pod is created: with maxUnavailable 0 a rollout needs room for maxSurge extra pods, or it stalls until its deadline with FailedCreate.",
            "쿼터는 파드를 만들 때 검사됩니다. maxUnavailable이 0이면 롤아웃에는 maxSurge만큼 여분의 파드를 둘 자리가 필요하고, 없으면 FailedCreate와 함께 기한이 지날 때까지 멈춥니다.",
        ),
        link: "https://kubernetes.io/docs/concepts/policy/resource-quotas/",
        knobs: || Knobs {
            replicas: 4,
            max_surge: "1".into(),
            max_unavailable: "0".into(),
            progress_deadline_seconds: 30,
            ..Knobs::default()
        },
        seed: 1,
        steps: &[
            read(
                "4 replicas, maxSurge 1, maxUnavailable 0, progressDeadlineSeconds 30. An administrator limits the namespace to 4 pods with a ResourceQuota, which the apiserver checks on every pod created.",
                "레플리카 4개, maxSurge 1, maxUnavailable 0, progressDeadlineSeconds 30입니다. 관리자가 리소스 쿼터로 네임스페이스의 파드를 4개로 제한합니다. API 서버는 파드가 만들어질 때마다 쿼터를 검사합니다.",
            ),
            act(
                "Create the quota: type kubectl create quota pods --hard=pods=4, then kubectl get quota to see it used 4/4.",
                "쿼터를 만드세요. kubectl create quota pods --hard=pods=4 를 입력한 뒤 kubectl get quota 로 4/4가 사용 중인지 보세요.",
                Do::Kubectl("kubectl create quota pods --hard=pods=4"),
                Goal::Typed("create quota"),
            ),
            predict_among(
                "Deploy v2. What is the most pods at once before the deadline: 4, 5 or 6?",
                "v2를 배포합니다. 기한이 지날 때까지 파드가 가장 많을 때는 4, 5, 6개 중 몇 개일까요?",
                Measure::PeakPods,
                &[of(4), of(5), of(6)],
            ),
            DEPLOY,
            act(
                "Play until the Progressing condition says ProgressDeadlineExceeded. Watch the event log: FailedCreate on the new ReplicaSet.",
                "Progressing 조건이 ProgressDeadlineExceeded가 될 때까지 재생하세요. 이벤트 로그에서 새 레플리카셋의 FailedCreate를 보세요.",
                Do::Play,
                Goal::Reason("ProgressDeadlineExceeded"),
            ),
            reveal(
                "4. Not 5: maxSurge allows a fifth pod, but admission refuses it: exceeded quota: pods, requested: pods=1, used: pods=4, limited: pods=4. Not 6: 1 surge, 0 unavailable.",
                "4개입니다. 5개가 아닙니다. maxSurge는 다섯 번째 파드를 허용하지만 어드미션이 거부합니다(exceeded quota: pods, requested: pods=1, used: pods=4, limited: pods=4). 6개도 아닙니다. 초과 1개, 사용 불가 0개입니다.",
                4,
            ),
            read(
                "No v2 pod exists, v1 keeps serving, and nothing is rolled back. The ReplicaSet controller keeps retrying, each time after a longer backoff (5 ms, doubling up to 1000 s).",
                "v2 파드는 하나도 없고, v1이 계속 요청을 처리하며, 아무것도 롤백되지 않습니다. 레플리카셋 컨트롤러는 계속 다시 시도하는데, 매번 더 길게 기다립니다(5ms에서 두 배씩, 최대 1000초).",
            ),
            act(
                "The administrator's fix is room: type kubectl delete quota pods, then play until the rollout is complete. The new ReplicaSet creates its pods at its next try.",
                "관리자의 해결책은 자리를 주는 것입니다. kubectl delete quota pods 를 입력하고 롤아웃이 완료될 때까지 재생하세요. 새 레플리카셋은 다음 시도에서 파드를 만듭니다.",
                Do::Kubectl("kubectl delete quota pods"),
                Goal::RolledOut,
            ),
            read(
                "Inside a quota, plan for the surge: ask for at least replicas + maxSurge pods, or set maxUnavailable to 1 or more, so an old pod can stop before a new one starts.",
                "쿼터 안에서는 초과분을 계획하세요. 파드를 최소 replicas + maxSurge개 요청하거나, maxUnavailable을 1 이상으로 두어 새 파드가 시작되기 전에 이전 파드가 멈출 수 있게 하세요.",
            ),
        ],
    },
];

const COURSE_READINESS: Setting = Setting::Probe {
    kind: ProbeKind::Readiness,
    initial_delay_seconds: 15,
    period_seconds: 10,
    timeout_seconds: 2,
    failure_threshold: 1,
};

const COURSE_LIVENESS: Setting = Setting::Probe {
    kind: ProbeKind::Liveness,
    initial_delay_seconds: 120,
    period_seconds: 10,
    timeout_seconds: 2,
    failure_threshold: 1,
};

const STARTUP: Setting = Setting::Probe {
    kind: ProbeKind::Startup,
    initial_delay_seconds: 0,
    period_seconds: 2,
    timeout_seconds: 1,
    failure_threshold: 15,
};
