//! The lessons, each in English and Korean. Every figure a text states is checked against the
//! engine by `tests/lessons.rs`, which walks each lesson as a learner would.

use super::{About, Do, Goal, Lesson, Measure, Said, Setting, Step, Then};
use crate::setup::{Act, Knobs, NewVersion, StrategyKind};

const fn say(en: &'static str, ko: &'static str) -> Said {
    Said { en, ko }
}

const fn read(en: &'static str, ko: &'static str) -> Step {
    Step { say: say(en, ko), then: Then::Read }
}

const fn act(en: &'static str, ko: &'static str, what: Do, until: Goal) -> Step {
    Step { say: say(en, ko), then: Then::Do { what, until } }
}

const fn predict(en: &'static str, ko: &'static str, m: Measure) -> Step {
    Step { say: say(en, ko), then: Then::Predict(m) }
}

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

fn defaults() -> Knobs {
    Knobs::default()
}

pub static LESSONS: &[Lesson] = &[
    Lesson {
        id: "replicasets",
        about: About::Topic(2),
        title: say("A Deployment owns ReplicaSets, which own pods", "디플로이먼트는 레플리카셋을, 레플리카셋은 파드를 소유한다"),
        knobs: defaults,
        seed: 1,
        steps: &[
            read(
                "A Deployment does not run pods itself. It owns ReplicaSets, and each ReplicaSet owns pods. In the cluster view, http-go has one ReplicaSet, revision 1, with 4 pods.",
                "디플로이먼트는 파드를 직접 실행하지 않습니다. 디플로이먼트가 레플리카셋을 소유하고, 각 레플리카셋이 파드를 소유합니다. 클러스터 화면에서 http-go에는 리비전 1인 레플리카셋 하나와 파드 4개가 있습니다.",
            ),
            act(
                "Type kubectl get rs in the terminal. The ReplicaSet's name ends in its pod-template-hash: a hash of the pod template, also put on every pod as a label.",
                "터미널에 kubectl get rs 를 입력하세요. 레플리카셋 이름 끝에 붙은 것이 pod-template-hash입니다. 파드 템플릿의 해시로, 모든 파드에 레이블로도 붙습니다.",
                Do::Kubectl("kubectl get rs"),
                Goal::Typed("get rs"),
            ),
            DEPLOY,
            act(
                "The template changed, so the Deployment controller made a new ReplicaSet with a new hash. Press Play: it scales the new one up and the old one down.",
                "템플릿이 바뀌었으므로 디플로이먼트 컨트롤러가 새 해시를 가진 새 레플리카셋을 만들었습니다. 재생을 누르세요. 새 레플리카셋은 늘리고 이전 것은 줄입니다.",
                Do::Play,
                Goal::RolledOut,
            ),
            act(
                "Type kubectl get rs again. The old ReplicaSet is still there, scaled to 0: it is kept so that kubectl rollout undo can scale it back up (revisionHistoryLimit says how many are kept).",
                "kubectl get rs 를 다시 입력하세요. 이전 레플리카셋은 0으로 줄었지만 남아 있습니다. kubectl rollout undo 가 다시 늘릴 수 있도록 보관하는 것입니다(몇 개를 남길지는 revisionHistoryLimit이 정합니다).",
                Do::Kubectl("kubectl get rs"),
                Goal::Typed("get rs"),
            ),
        ],
    },
    Lesson {
        id: "surge-and-unavailable",
        about: About::Topic(4),
        title: say("maxSurge and maxUnavailable", "maxSurge와 maxUnavailable"),
        knobs: defaults,
        seed: 1,
        steps: &[
            read(
                "http-go has 4 replicas and the default RollingUpdate bounds: maxSurge 25% (how many pods may exist above the 4) and maxUnavailable 25% (how many of the 4 may be unavailable).",
                "http-go는 레플리카 4개에 기본 RollingUpdate 한도를 씁니다. maxSurge 25%(4개보다 몇 개 더 있을 수 있는지)와 maxUnavailable 25%(4개 중 몇 개가 사용 불가여도 되는지)입니다.",
            ),
            predict(
                "Before you deploy: how many pods will exist at most during the rollout?",
                "배포하기 전에 예측해 보세요. 롤아웃 중에 파드는 최대 몇 개까지 있을까요?",
                Measure::PeakPods,
            ),
            DEPLOY,
            PLAY_TO_THE_END,
            reveal(
                "25% of 4 is exactly 1, so the controller allows 4 + 1 = 5 pods at once. Terminating pods count too: they still hold their resources.",
                "4의 25%는 정확히 1이므로 컨트롤러는 동시에 4 + 1 = 5개까지 허용합니다. 종료 중인 파드도 셉니다. 아직 자원을 쥐고 있기 때문입니다.",
                5,
            ),
            predict(
                "Now the other bound. During the next rollout, what is the fewest available pods at any second?",
                "이번에는 다른 한도입니다. 다음 롤아웃 동안 사용 가능한 파드가 가장 적을 때는 몇 개일까요?",
                Measure::FewestAvailable,
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
                "maxUnavailable 25%는 4개 중 1개이므로 최소 4 − 1 = 3개는 계속 사용 가능합니다. 컨트롤러는 그만큼만 이전 레플리카셋을 줄입니다.",
                3,
            ),
        ],
    },
    Lesson {
        id: "recreate",
        about: About::Topic(5),
        title: say("Recreate: a window with no endpoints", "Recreate: 엔드포인트가 없는 구간"),
        knobs: || Knobs { strategy: StrategyKind::Recreate, rate: 20, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "This Deployment uses the Recreate strategy, and users send 20 requests a second. Recreate deletes every old pod before it creates any new one.",
                "이 디플로이먼트는 Recreate 전략을 쓰고, 사용자는 초당 20개의 요청을 보냅니다. Recreate는 새 파드를 만들기 전에 이전 파드를 모두 삭제합니다.",
            ),
            predict(
                "How many requests will fail during the update?",
                "업데이트하는 동안 실패하는 요청은 몇 개일까요?",
                Measure::FailedRequests,
            ),
            DEPLOY,
            act(
                "Press Play and watch the Service: it will have no endpoints at all.",
                "재생을 누르고 서비스를 지켜보세요. 엔드포인트가 하나도 없게 됩니다.",
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
        title: say("minReadySeconds: Ready is not Available", "minReadySeconds: Ready와 Available은 다르다"),
        knobs: defaults,
        seed: 1,
        steps: &[
            act(
                "Slow the rollout down so it can be watched: type kubectl patch deployment http-go -p '{\"spec\": {\"minReadySeconds\": 10}}'.",
                "롤아웃을 지켜볼 수 있도록 느리게 만드세요. kubectl patch deployment http-go -p '{\"spec\": {\"minReadySeconds\": 10}}' 를 입력하세요.",
                Do::Kubectl(r#"kubectl patch deployment http-go -p '{"spec": {"minReadySeconds": 10}}'"#),
                Goal::MinReadySeconds(10),
            ),
            DEPLOY,
            act(
                "Press Play. Watch for a v2 pod that is Ready (filled) but has no ✓: it is not Available yet.",
                "재생을 누르세요. Ready(채워진 모양)이지만 ✓가 없는 v2 파드를 찾아보세요. 아직 Available이 아닙니다.",
                Do::Play,
                Goal::ReadyNotAvailable,
            ),
            read(
                "That pod is Ready, so the Service already sends it requests. But the Deployment counts it as Available only after it has stayed Ready for minReadySeconds (10 s), and only Available pods let the rollout go on.",
                "이 파드는 Ready이므로 서비스는 이미 요청을 보냅니다. 하지만 디플로이먼트는 minReadySeconds(10초) 동안 Ready를 유지해야 Available로 세고, Available인 파드만큼만 롤아웃이 진행됩니다.",
            ),
            PLAY_TO_THE_END,
        ],
    },
    Lesson {
        id: "rollout-commands",
        about: About::Topic(8),
        title: say("kubectl rollout: status, history, undo", "kubectl rollout: 상태, 히스토리, 되돌리기"),
        knobs: defaults,
        seed: 1,
        steps: &[
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
                "Type kubectl rollout history deployment/http-go: revisions 1, 2 and 3.",
                "kubectl rollout history deployment/http-go 를 입력하세요. 리비전 1, 2, 3이 있습니다.",
                Do::Kubectl("kubectl rollout history deployment/http-go"),
                Goal::Typed("rollout history"),
            ),
            predict(
                "You will now type kubectl rollout undo, which goes back to v2. What revision number will http-go be at then?",
                "이제 kubectl rollout undo 로 v2로 되돌립니다. 그러면 http-go의 리비전 번호는 몇이 될까요?",
                Measure::Revision,
            ),
            act(
                "Type kubectl rollout undo deployment/http-go.",
                "kubectl rollout undo deployment/http-go 를 입력하세요.",
                Do::Kubectl("kubectl rollout undo deployment/http-go"),
                Goal::Image("v2"),
            ),
            PLAY_TO_THE_END,
            reveal(
                "Undo does not go back to revision 2: it copies revision 2's template into a new revision, 4. Revision 2 disappears from the history (type kubectl rollout history again to see 1, 3, 4).",
                "undo는 리비전 2로 돌아가는 것이 아니라 리비전 2의 템플릿을 새 리비전 4로 복사합니다. 리비전 2는 히스토리에서 사라집니다(kubectl rollout history 를 다시 입력하면 1, 3, 4가 보입니다).",
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
        title: say("A failed rollout is not rolled back", "실패한 롤아웃은 되돌려지지 않는다"),
        knobs: || Knobs { new_version: NewVersion::ReadinessFails, progress_deadline_seconds: 30, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "In this run the new version's readiness probe always fails, and progressDeadlineSeconds is 30 (600 by default).",
                "이번 실행에서는 새 버전의 레디니스 프로브가 항상 실패하고, progressDeadlineSeconds는 30입니다(기본값은 600).",
            ),
            DEPLOY,
            act(
                "Press Play. The new pods run but never become Ready.",
                "재생을 누르세요. 새 파드는 실행되지만 Ready가 되지 않습니다.",
                Do::Play,
                Goal::RunningNotReady,
            ),
            act(
                "Keep playing until the Progressing condition says ProgressDeadlineExceeded.",
                "Progressing 조건이 ProgressDeadlineExceeded가 될 때까지 계속 재생하세요.",
                Do::Play,
                Goal::Reason("ProgressDeadlineExceeded"),
            ),
            read(
                "The rollout is marked failed, and that is all: nothing is rolled back. The v1 pods the controller kept (maxUnavailable) go on serving, and the broken v2 pods stay. Someone has to act.",
                "롤아웃은 실패로 표시될 뿐, 아무것도 되돌려지지 않습니다. 컨트롤러가 남겨 둔 v1 파드(maxUnavailable)는 계속 요청을 처리하고, 고장 난 v2 파드도 그대로 남습니다. 누군가 조치해야 합니다.",
            ),
            act(
                "Roll back yourself: type kubectl rollout undo deployment/http-go, then play until it is complete.",
                "직접 되돌리세요. kubectl rollout undo deployment/http-go 를 입력하고 완료될 때까지 재생하세요.",
                Do::Kubectl("kubectl rollout undo deployment/http-go"),
                Goal::Image("v1"),
            ),
            PLAY_TO_THE_END,
        ],
    },
    Lesson {
        id: "self-healing",
        about: About::Topic(15),
        title: say("Self-healing: a lost pod is replaced", "자가 치유: 잃은 파드는 다시 만들어진다"),
        knobs: defaults,
        seed: 1,
        steps: &[
            read(
                "All 4 pods of http-go are running, Ready and Available.",
                "http-go의 파드 4개가 모두 실행 중이고 Ready이며 Available입니다.",
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
            read(
                "Nobody ran a command: the controller compares what is with what should be, again and again. Try \"Take a node down\" in free play: after 5 minutes its pods are evicted and replaced on other nodes.",
                "아무도 명령을 실행하지 않았습니다. 컨트롤러는 현재 상태와 원하는 상태를 계속 비교합니다. 자유 실습에서 \"노드 하나 중단\"도 해 보세요. 5분 뒤 그 노드의 파드가 축출되고 다른 노드에 다시 만들어집니다.",
            ),
        ],
    },
    Lesson {
        id: "zero-and-zero",
        about: About::Mistake(1),
        title: say("maxSurge 0 and maxUnavailable 0", "maxSurge 0과 maxUnavailable 0"),
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
                "파드를 더할 수도 뺄 수도 없는 롤아웃은 움직일 수 없습니다. 이번에는 maxSurge 0, maxUnavailable 10%로 바꾸고 \"적용하고 처음부터\"을 누르세요. API 서버가 받아들입니다.",
                Do::Settings(&[Setting::MaxSurge("0"), Setting::MaxUnavailable("10%")]),
                Goal::Applied(&[Setting::MaxSurge("0"), Setting::MaxUnavailable("10%")]),
            ),
            predict(
                "10% of 4 pods is 0.4, and maxUnavailable rounds down, to 0. So both bounds are 0 after all. What is the fewest available pods during the rollout?",
                "파드 4개의 10%는 0.4이고 maxUnavailable은 내림하므로 0입니다. 결국 두 한도가 모두 0입니다. 롤아웃 동안 사용 가능한 파드가 가장 적을 때는 몇 개일까요?",
                Measure::FewestAvailable,
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
        title: say("Percentages round both ways", "퍼센트는 서로 반대로 반올림된다"),
        knobs: || Knobs { replicas: 1, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "One replica, maxSurge 25%, maxUnavailable 25%. A quarter of one pod is 0.25 pods.",
                "레플리카 1개, maxSurge 25%, maxUnavailable 25%입니다. 파드 하나의 4분의 1은 0.25개입니다.",
            ),
            predict(
                "How many pods will exist at most during the rollout?",
                "롤아웃 중에 파드는 최대 몇 개까지 있을까요?",
                Measure::PeakPods,
            ),
            DEPLOY,
            PLAY_TO_THE_END,
            reveal(
                "maxSurge rounds up (0.25 → 1 extra pod) and maxUnavailable rounds down (0.25 → 0): the new pod starts next to the old one, and the old one goes only once the new one is available.",
                "maxSurge는 올림(0.25 → 추가 1개), maxUnavailable은 내림(0.25 → 0)합니다. 새 파드가 이전 파드 옆에서 시작하고, 새 파드가 사용 가능해진 뒤에야 이전 파드가 사라집니다.",
                2,
            ),
        ],
    },
    Lesson {
        id: "blue-green",
        about: About::Topic(12),
        title: say("Blue/Green: switch the Service selector", "블루/그린: 서비스 셀렉터 바꾸기"),
        knobs: || Knobs { strategy: StrategyKind::BlueGreen, ..Knobs::default() },
        seed: 1,
        steps: &[
            read(
                "Two Deployments, http-go-blue and http-go-green, differ in one label: version. The Service selects app=http-go,version=blue, so only blue pods get requests.",
                "두 디플로이먼트 http-go-blue와 http-go-green은 version 레이블 하나만 다릅니다. 서비스가 app=http-go,version=blue 를 선택하므로 파란 파드만 요청을 받습니다.",
            ),
            predict(
                "Deploying starts all 4 green pods before the switch. How many pods will exist at most?",
                "배포하면 전환 전에 그린 파드 4개를 모두 시작합니다. 파드는 최대 몇 개까지 있을까요?",
                Measure::PeakPods,
            ),
            act(
                "Press \"Deploy a new version\" and play: green gets v2, is scaled to 4, and once it is available the Service's selector is patched to version=green.",
                "\"새 버전 배포\"를 누르고 재생하세요. 그린이 v2를 받아 4개로 늘어나고, 사용 가능해지면 서비스 셀렉터가 version=green으로 패치됩니다.",
                Do::Deploy,
                Goal::Selector("green"),
            ),
            reveal(
                "Twice the pods for a while: that is Blue/Green's cost. In exchange every request goes to one version, and the switch is instant.",
                "잠시 동안 파드가 두 배입니다. 이것이 블루/그린의 비용입니다. 대신 모든 요청이 한 버전으로만 가고, 전환은 즉시 일어납니다.",
                8,
            ),
            act(
                "Roll back instantly: switch the selector back with kubectl patch service http-go -p '{\"spec\": {\"selector\": {\"version\": \"blue\"}}}'.",
                "즉시 되돌리세요. kubectl patch service http-go -p '{\"spec\": {\"selector\": {\"version\": \"blue\"}}}' 로 셀렉터를 다시 바꾸세요.",
                Do::Kubectl(r#"kubectl patch service http-go -p '{"spec": {"selector": {"version": "blue"}}}'"#),
                Goal::Selector("blue"),
            ),
        ],
    },
];
