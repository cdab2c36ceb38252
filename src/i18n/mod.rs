//! Every text a learner reads, in English and Korean.
//!
//! Texts are keyed by [`Text`] and looked up with [`tr`]; the `match` in [`tr`] is exhaustive, so a
//! text cannot be added in one language and forgotten in the other.

mod why;

pub use why::why_text;

pub use crate::lang::Lang;

use crate::sim::service::{Outcome, RequestLog};

/// Every text of the page, each in English and Korean side by side, so that neither can be
/// forgotten: `Text::Play` and `tr(lang, Text::Play)`.
macro_rules! texts {
    ($($key:ident => $en:expr, $ko:expr;)*) => {
        /// The key of a text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Text { $($key,)* }

        impl Text {
            pub const ALL: &'static [Text] = &[$(Text::$key,)*];
        }

        /// The text for `key` in `lang`.
        pub fn tr(lang: Lang, key: Text) -> &'static str {
            match key {
                $(Text::$key => match lang { Lang::En => $en, Lang::Ko => $ko },)*
            }
        }
    };
}

texts! {
    Tagline => "Watch Kubernetes roll out an application, one controller decision at a time.",
        "쿠버네티스가 애플리케이션을 배포하는 과정을 컨트롤러의 결정 하나하나까지 지켜보세요.";
    Language => "Language", "언어";
    SimulatedTime => "Simulated time", "시뮬레이션 시간";
    Play => "Play", "재생";
    Pause => "Pause", "일시정지";
    Step => "+0.1 s", "+0.1초";
    StepHint => "One tick: 0.1 s of simulated time (→ key)", "한 틱: 시뮬레이션 시간 0.1초 (→ 키)";
    SkipToStage => "Skip to the cluster", "클러스터로 건너뛰기";
    Panes => "Panels", "패널";
    PaneYaml => "YAML", "YAML 매니페스트";
    PaneCharts => "Charts", "차트";
    PaneCompare => "Compare", "비교";
    PaneSweep => "What if", "만약에";
    CloseSetup => "Close", "닫기";
    PaneKeys => "Keys 1–6 show the panels.", "1–6 키로 패널을 엽니다.";
    Restart => "Restart", "처음부터";
    Skip10 => "+10 s", "+10초";
    EventLog => "Events", "이벤트";
    ConsoleTitle => "Terminal", "터미널";
    ConsoleIntro => "Type kubectl commands against the simulated cluster: get deployments, rs, pods or svc (-o wide|yaml|json, -l app=http-go, -w to keep watching), describe, rollout status (waits for the rollout), rollout history (--revision=N), and the changes: set image, scale, rollout pause, resume, restart and undo, patch, annotate, label, delete pod. The course's monitor runs too: while true; do curl <cluster IP>; sleep 1; done (get svc shows the IP); end it with & to keep it running in the background while you type, and kill %1 stops it. Ctrl+C stops a command that keeps running. ↑ and ↓ bring back earlier commands; Tab completes commands and names.",
        "시뮬레이션 클러스터에 kubectl 명령을 입력하세요: get deployments, rs, pods, svc (-o wide|yaml|json, -l app=http-go, 계속 지켜보려면 -w), describe, rollout status (롤아웃이 끝날 때까지 기다립니다), rollout history (--revision=N), 그리고 변경 명령 set image, scale, rollout pause·resume·restart·undo, patch, annotate, label, delete pod. 강의의 모니터링 명령도 됩니다: while true; do curl <클러스터 IP>; sleep 1; done (IP는 get svc로 확인). 끝에 & 를 붙이면 다른 명령을 입력하는 동안 백그라운드에서 계속 실행되고, kill %1 로 멈춥니다. 계속 실행되는 명령은 Ctrl+C로 멈춥니다. ↑ ↓ 키로 이전 명령을 불러오고, Tab 키로 명령과 이름을 완성합니다.";
    ConsoleRunning => "Running as the clock runs; Ctrl+C stops it.", "시계가 흐르는 동안 실행 중입니다. Ctrl+C로 멈춥니다.";
    ConsoleStop => "Stop (Ctrl+C)", "멈춤 (Ctrl+C)";
    ConsoleJob => "In the background (job %1), printing between your commands:", "백그라운드에서 실행 중(작업 %1)이며, 입력한 명령 사이에 출력합니다:";
    ConsoleKill => "Stop it (kill %1)", "멈춤 (kill %1)";
    ConsoleInput => "kubectl command", "kubectl 명령";
    ConsoleReading => "Reading manifests.yaml (the YAML panel)…", "manifests.yaml(YAML 패널)을 읽는 중…";
    YamlTitle => "Manifests (live YAML)", "매니페스트 (실시간 YAML)";
    YamlIntro => "The run's Deployments, Services and Ingresses as kubectl get -o yaml shows them, always current. Edit a manifest or paste one and apply it: the apiserver's checks run on it, and an error points to its line. Paste the output of kubectl get deploy,rs,pods -o yaml from a real cluster and a new run starts from that state. Your text is kept until it is applied or you go back to the live manifests. In the terminal, kubectl apply -f manifests.yaml applies this panel.",
        "실행 중인 Deployment, Service, Ingress를 kubectl get -o yaml처럼 항상 최신 상태로 보여 줍니다. 매니페스트를 고치거나 붙여 넣고 적용하세요. API 서버의 검사를 거치며, 오류는 해당 줄을 가리킵니다. 실제 클러스터의 kubectl get deploy,rs,pods -o yaml 출력을 붙여 넣으면 그 상태에서 새 실행이 시작됩니다. 적용하거나 실시간 매니페스트로 돌아갈 때까지 입력한 내용은 그대로 남습니다. 터미널에서는 kubectl apply -f manifests.yaml이 이 패널을 적용합니다.";
    YamlText => "The manifests, manifests.yaml", "매니페스트, manifests.yaml";
    YamlApply => "Apply (kubectl apply -f)", "적용 (kubectl apply -f)";
    YamlCreate => "Create (kubectl create -f)", "생성 (kubectl create -f)";
    YamlRevert => "Back to the live manifests", "실시간 매니페스트로 돌아가기";
    YamlLive => "Live: the panel follows the cluster.", "실시간: 패널이 클러스터를 따라갑니다.";
    YamlEditing => "Edited: the panel keeps your text until you apply it or go back.", "편집됨: 적용하거나 돌아갈 때까지 입력한 내용을 유지합니다.";
    YamlReading => "Reading manifests.yaml… (the first apply loads the YAML reader)", "manifests.yaml을 읽는 중… (첫 적용 때 YAML 리더를 불러옵니다)";
    YamlIsTheFileApply => "(the YAML panel is the file: kubectl apply -f manifests.yaml)", "(YAML 패널이 그 파일입니다: kubectl apply -f manifests.yaml)";
    YamlIsTheFileCreate => "(the YAML panel is the file: kubectl create -f manifests.yaml)", "(YAML 패널이 그 파일입니다: kubectl create -f manifests.yaml)";
    YamlBusy => "error: manifests.yaml is still being read; run the command again once it has answered", "error: manifests.yaml을 아직 읽는 중입니다. 응답이 온 뒤 다시 실행하세요";
    YamlApplied => "Applied", "적용됨";
    YamlRefused => "Refused", "거부됨";
    YamlAtLine => "at line", "위치: 줄";
    YamlGoToLine => "Go to the line", "해당 줄로 이동";
    YamlRestored => "A new run started from the pasted cluster state, with this run's seed and settings. The controllers take it from here: press play or step to watch them.", "붙여 넣은 클러스터 상태에서 새 실행을 시작했습니다 (시드와 설정은 그대로). 이제 컨트롤러가 이어받습니다: 재생하거나 한 단계씩 진행해 지켜보세요.";
    YamlLoadFailed => "the YAML reader could not be loaded", "YAML 리더를 불러오지 못했습니다";
    YamlKept => "Nothing was pasted: the panel keeps your text as it was before.", "붙여 넣지 않았습니다: 패널의 텍스트는 붙여 넣기 전 그대로입니다.";
    NoEventsYet => "No events yet.", "아직 이벤트가 없습니다.";
    Seed => "Seed", "시드";
    Share => "Share this moment", "이 순간 공유";
    ShareLink => "Link to this run, at the moment shown", "지금 보이는 순간의 이 실행 링크";
    CopyLink => "Copy link", "링크 복사";
    Embed => "Embed", "임베드";
    CompareTitle => "Compare strategies", "전략 비교";
    CompareIntro => "Each run uses the settings and seed applied in the setup panel, with one strategy (or a RollingUpdate with its own maxSurge and maxUnavailable): the new version is deployed at 10 s, and the run goes on until every pod runs it and all replicas are available (at most 10 minutes). The figures are the engine's.",
        "각 실행은 설정 패널에 적용한 설정과 시드에 전략 하나(또는 maxSurge와 maxUnavailable을 따로 정한 RollingUpdate)를 씁니다. 10초에 새 버전을 배포하고, 모든 파드가 새 버전을 실행하고 모든 레플리카가 사용 가능해질 때까지(최대 10분) 실행합니다. 숫자는 엔진이 계산한 값입니다.";
    ComparePick => "Strategies to compare", "비교할 전략";
    ComparePickCount => "Pick two to four runs.", "실행을 2~4개 고르세요.";
    CompareVariant => "And a RollingUpdate with other settings:", "그리고 다른 설정의 RollingUpdate:";
    CompareRun => "Compare", "비교";
    CompareStrategy => "Strategy", "전략";
    CompareComplete => "Complete after", "완료까지";
    ComparePeak => "Peak pods", "최대 파드 수";
    CompareExtra => "Extra pod-seconds", "추가 파드·초";
    CompareFewest => "Fewest available", "최소 사용 가능 파드";
    CompareFailed => "Failed requests", "실패한 요청";
    CompareMixed => "Two versions answering", "두 버전이 응답한 시간";
    CompareNotComplete => "not within 10 min", "10분 안에 끝나지 않음";
    CompareClock => "The runs at", "실행 시점";
    SweepTitle => "What if: sweep the rollout settings", "만약에: 롤아웃 설정 훑어보기";
    SweepIntro => "The applied settings rolled out as a RollingUpdate (a Canary, on the Gateway or the Ingress, as its whole plan, which ends in that RollingUpdate) 400 times on the same seed (the new version deployed at 10 s), over maxSurge × maxUnavailable from 0% to 95%, or over one of them × replicas from 1 to 20 with the other kept as applied. Settings that round to the same pods give the same rollout: surge rounds up, unavailability down.",
        "적용한 설정을 RollingUpdate로(카나리는 게이트웨이든 인그레스든 그 RollingUpdate로 끝나는 계획 전체로) 같은 시드에서 400번 배포합니다(10초에 새 버전 배포). maxSurge × maxUnavailable을 0%부터 95%까지 바꾸거나, 둘 중 하나 × 레플리카 1~20개를 바꾸고 다른 하나는 적용한 값으로 둡니다. 같은 파드 수로 계산되는 설정은 같은 롤아웃이 됩니다. surge는 올림, unavailable은 내림으로 계산합니다.";
    SweepPlane => "Sweep", "훑을 값";
    SweepPlaneSurgeUnavailable => "maxSurge × maxUnavailable", "maxSurge × maxUnavailable (둘 다 바꿈)";
    SweepPlaneSurgeReplicas => "maxSurge × replicas", "maxSurge × 레플리카";
    SweepPlaneUnavailableReplicas => "maxUnavailable × replicas", "maxUnavailable × 레플리카";
    SweepMetric => "Show", "보기";
    SweepRun => "Run the 20 × 20 sweep", "20 × 20 실행";
    SweepLegend => "Darker: more. —: not complete within 10 min. ✗: maxSurge and maxUnavailable both 0, which the apiserver refuses.",
        "진할수록 큰 값. —: 10분 안에 끝나지 않음. ✗: maxSurge와 maxUnavailable이 모두 0이라 API 서버가 거부함.";
    SweepNumbers => "The numbers, as a table", "숫자 표";
    SweepAcrossSurge => "maxSurge →", "maxSurge (초과 허용) →";
    SweepAcrossUnavailable => "maxUnavailable →", "maxUnavailable (불가용 허용) →";
    SweepDownUnavailable => "↓ maxUnavailable", "↓ maxUnavailable (불가용 허용)";
    SweepDownReplicas => "↓ replicas", "↓ 레플리카";
    Downloads => "Download", "내려받기";
    DownloadTrace => "Trace (JSON)", "트레이스 (JSON)";
    DownloadScenario => "Scenario file (YAML)", "시나리오 파일 (YAML)";
    DownloadScenarioHint => "The run as a file for `rolloutscope simulate`: the manifests, the traffic and every button you pressed, as kubectl commands at their moments",
        "이 실행을 `rolloutscope simulate` 용 파일로: 매니페스트, 트래픽, 누른 버튼 모두를 그 시각의 kubectl 명령으로";
    DownloadScript => "Try it on a real cluster (script)", "실제 클러스터에서 해 보기 (스크립트)";
    DownloadScriptHint => "A bash script for kind or minikube: it applies the manifests, then runs each kubectl command at its moment",
        "kind 또는 minikube 용 bash 스크립트: 매니페스트를 적용한 뒤 각 kubectl 명령을 그 시각에 실행합니다";
    DownloadScriptContext => "The script runs kubectl against your current context (kubectl config current-context) and asks before it starts: use a cluster made for trying things, such as kind or minikube.",
        "이 스크립트는 현재 컨텍스트(kubectl config current-context)의 클러스터에 kubectl 명령을 실행하며, 시작하기 전에 확인을 묻습니다. kind나 minikube처럼 연습용으로 만든 클러스터에서 실행하세요.";
    EmbedSnippet => "HTML that embeds this run in a page, at the moment shown", "지금 보이는 순간의 이 실행을 페이지에 넣는 HTML";
    CopyHtml => "Copy HTML", "HTML 복사";
    OpenFullTool => "Open in the full tool ↗", "전체 도구에서 열기 ↗";
    DeployNewVersion => "Deploy a new version", "새 버전 배포";
    ScenarioIntro => "Set up the Deployment, press Play, then deploy a new version and watch each controller act, and why.",
        "Deployment를 설정하고 재생을 누른 뒤 새 버전을 배포해, 각 컨트롤러가 무엇을 왜 하는지 지켜보세요.";
    Setup => "Setup", "설정";
    Strategy => "Strategy", "배포 전략";
    StrategyRecreate => "Recreate", "Recreate (모두 지우고 다시 만들기)";
    StrategyRollingUpdate => "RollingUpdate", "RollingUpdate (롤링 업데이트)";
    StrategyBlueGreen => "Blue/Green", "블루/그린";
    StrategyCanary => "Canary (weight)", "카나리 (가중치)";
    StrategyAB => "A/B test (header)", "A/B 테스트 (헤더)";
    Router => "Router", "라우터";
    RouterGateway => "Gateway API: HTTPRoute", "게이트웨이 API: HTTPRoute";
    RouterIngress => "NGINX Ingress annotations (controller retired March 2026)", "NGINX 인그레스 어노테이션 (컨트롤러 2026년 3월 지원 종료)";
    RouterBackendRef => "Gateway API: HTTPRoute backendRef", "게이트웨이 API: HTTPRoute backendRef";
    RouterSelector => "Service selector", "서비스 셀렉터";
    SwitchBy => "Switch by", "전환 방법";
    RouterHint => "Ingress NGINX was retired in March 2026 (no releases or security fixes since); Kubernetes routes HTTP with the Gateway API now. Its annotations are how older clusters still do it.",
        "Ingress NGINX는 2026년 3월에 지원이 종료되었습니다(이후 릴리스도 보안 수정도 없음). 이제 쿠버네티스는 게이트웨이 API로 HTTP를 라우팅합니다. 이 어노테이션은 오래된 클러스터가 아직 쓰는 방식입니다.";
    Replicas => "Replicas", "레플리카 수";
    MaxSurge => "maxSurge", "maxSurge (최대 추가 파드)";
    MaxUnavailable => "maxUnavailable", "maxUnavailable (최대 사용 불가 파드)";
    CountOrPercent => "a count (1) or a percentage (25%)", "개수(1) 또는 백분율(25%)";
    MinReadySeconds => "minReadySeconds", "minReadySeconds (준비 후 대기 초)";
    ProgressDeadlineSeconds => "progressDeadlineSeconds", "progressDeadlineSeconds (진행 기한 초)";
    RevisionHistoryLimit => "revisionHistoryLimit", "revisionHistoryLimit (보관할 리비전 수)";
    ImagePullPolicy => "imagePullPolicy", "imagePullPolicy (이미지 풀 정책)";
    Probes => "Probes", "프로브";
    ReadinessProbe => "readinessProbe", "readinessProbe (레디니스 프로브)";
    LivenessProbe => "livenessProbe", "livenessProbe (라이브니스 프로브)";
    StartupProbe => "startupProbe", "startupProbe (스타트업 프로브)";
    ProbeEnabled => "Enabled", "사용";
    InitialDelaySeconds => "initialDelaySeconds", "initialDelaySeconds (첫 검사까지 초)";
    PeriodSeconds => "periodSeconds", "periodSeconds (검사 간격 초)";
    TimeoutSeconds => "timeoutSeconds", "timeoutSeconds (응답 제한 초)";
    SuccessThreshold => "successThreshold", "successThreshold (성공 기준 횟수)";
    FailureThreshold => "failureThreshold", "failureThreshold (실패 기준 횟수)";
    NewVersion => "The new version", "새 버전의 동작";
    NvHealthy => "is healthy", "정상";
    NvSlowToStart => "is slow to start (20 s)", "시작이 느림 (20초)";
    NvReadinessFails => "fails its readiness probe", "레디니스 프로브 실패";
    NvCrashes => "crashes after 15 s", "15초 뒤 비정상 종료";
    NvPullError => "cannot be pulled", "이미지를 가져올 수 없음";
    NvSlow => "answers slowly (400 ms)", "응답이 느림 (400ms)";
    NvErrors => "fails 20% of requests", "요청의 20%에 오류";
    NvChangesData => "changes the shared data's schema", "공유 데이터의 스키마를 바꿈";
    TrafficRate => "Requests per second", "초당 요청 수";
    ApplySetup => "Apply and restart", "적용하고 처음부터";
    SetupPending => "Changed settings take effect when applied; the run then starts again.",
        "바꾼 설정은 적용할 때 반영되며, 실행은 처음부터 다시 시작합니다.";
    SetupInvalid => "The apiserver would refuse this Deployment:", "API 서버가 이 Deployment를 거부합니다:";
    Actions => "Actions", "작업";
    RollBack => "Roll back", "롤백";
    ToRevision => "to revision", "대상 리비전";
    PreviousRevision => "previous", "이전 리비전";
    PauseRollout => "Pause rollout", "롤아웃 일시정지";
    ResumeRollout => "Resume rollout", "롤아웃 재개";
    Scale => "Scale", "스케일";
    DeletePod => "Delete a pod", "파드 하나 삭제";
    NodeDown => "Take a node down", "노드 하나 중단";
    NodeUp => "Bring the node back", "노드 복구";
    PushSameTag => "Push the same tag again", "같은 태그로 다시 푸시";
    Speed => "Speed", "속도";
    TimeSlider => "Time", "시간";
    Cluster => "Cluster", "클러스터";
    NoPods => "no pods", "파드 없음";
    Orphans => "Pods no ReplicaSet owns", "어느 레플리카셋도 소유하지 않은 파드";
    OrphansIntro => "Their labels no longer match their ReplicaSet's selector (kubectl label), so it released them and made replacements. They run on, and get requests if the Service's selector still matches them; label them back and a ReplicaSet adopts them, then deletes one pod too many.",
        "레이블이 레플리카셋의 셀렉터와 더 이상 맞지 않아(kubectl label) 레플리카셋이 이 파드를 놓아주고 대신할 파드를 만들었습니다. 이 파드는 계속 실행되고, 서비스의 셀렉터와 맞으면 요청도 받습니다. 레이블을 되돌리면 레플리카셋이 다시 거두어들이고, 한 개 많아진 파드를 지웁니다.";
    Desired => "desired", "원하는 수";
    Current => "current", "현재";
    ReadyWord => "ready", "준비됨";
    AvailableWord => "available", "사용 가능";
    Revision => "revision", "리비전";
    Conditions => "Conditions", "상태 조건";
    RolloutStatus => "kubectl rollout status", "kubectl rollout status";
    Traffic => "Traffic", "트래픽";
    Users => "users", "사용자";
    GatewayWord => "Gateway", "게이트웨이";
    RouteRule => "rule", "규칙";
    Weight => "weight", "가중치";
    AnyRequest => "every request", "모든 요청";
    NoRouteForHost => "no HTTPRoute takes this host: the Gateway answers 404", "이 호스트를 받는 HTTPRoute가 없어 게이트웨이가 404로 응답합니다";
    IngressRetired => "Ingress NGINX, retired March 2026", "Ingress NGINX, 2026년 3월 지원 종료";
    Endpoints => "endpoints", "엔드포인트";
    Sent => "sent", "보냄";
    Succeeded => "succeeded", "성공";
    Failed => "failed", "실패";
    ChartPods => "Pods by ReplicaSet", "ReplicaSet별 파드 수";
    ChartRequests => "Requests per second by version", "버전별 초당 요청 수";
    ChartTotal => "pods", "파드";
    ChartReady => "ready", "준비됨";
    ChartAvailable => "available", "사용 가능";
    ChartMaxPods => "replicas + maxSurge", "레플리카 + maxSurge";
    ChartMinAvailable => "replicas − maxUnavailable", "레플리카 − maxUnavailable";
    ChartFailed => "failed", "실패";
    ChartSeconds => "seconds", "초";
    Legend => "Legend: colour and shape show the version; a filled pod is Ready; ✓ marks Available; a faded, struck pod is terminating.",
        "범례: 색과 모양은 버전, 채워진 파드는 Ready, ✓는 사용 가능(Available), 흐리고 줄 그어진 파드는 종료 중입니다.";
    Explain => "Focus or hover a pod or a ReplicaSet to read its state.",
        "파드나 ReplicaSet에 포커스하거나 마우스를 올리면 상태 설명이 나옵니다.";
    ExplainNewNotReady => "a new pod that is not Ready", "Ready가 아닌 새 파드";
    ExplainReadyNotAvailable => "a new pod, Ready but not yet Available", "Ready이지만 아직 사용 가능하지 않은 새 파드";
    ExplainTerminating => "a terminating pod", "종료 중인 파드";
    Lessons => "Lessons", "레슨";
    LessonsIntro => "Each lesson runs on the real engine: you act, it waits for the cluster to show it, and you predict before you watch.",
        "모든 레슨은 실제 엔진으로 진행됩니다. 직접 조작하면 레슨은 클러스터에 그 결과가 나타날 때까지 기다리고, 결과를 지켜보기 전에 먼저 예측해 보게 합니다.";
    LessonsLoading => "Loading the lessons…", "레슨을 불러오는 중…";
    Topics => "Topics", "주제";
    Mistakes => "What learners get wrong", "자주 하는 실수";
    LessonDone => "done", "완료";
    Next => "Next", "다음";
    Back => "Back", "이전";
    BackHint => "The step before, as you left it (the run is not undone)",
        "이전 단계로 돌아갑니다(실행 결과는 그대로 둡니다)";
    NotNow => "Not now", "나중에";
    SpotMark => "◆ this step", "◆ 이 단계";
    SpotIntro => "◆ On the page:", "◆ 볼 곳:";
    SpotPods => "the pods", "파드";
    SpotReplicaSets => "the ReplicaSets", "레플리카셋";
    SpotTraffic => "the traffic: the Service or router and its requests", "트래픽: 서비스나 라우터와 요청";
    SpotSlider => "the time slider", "시간 슬라이더";
    SpotExplanation => "the explanation of the pod in focus", "포커스한 파드의 상태 설명";
    Skip => "Skip", "건너뛰기";
    ShowMe => "Show me", "보여 주기";
    TryThis => "Type it or press its button:", "입력하거나 해당 버튼을 누르세요:";
    TryThisOnPage => "Drag or click it on the page:", "화면에서 드래그하거나 클릭하세요:";
    Waiting => "Waiting for the run to show it…", "실행 결과에 나타나기를 기다리는 중…";
    StepDone => "✓ Done: the run shows it.", "✓ 완료: 실행 결과에 나타났습니다.";
    YourPrediction => "Your prediction", "예측";
    Predict => "Predict", "예측하기";
    NotANumber => "Type a whole number from 0 up.", "0 이상의 정수를 입력하세요.";
    FreePlay => "Free play: the run is yours. Change any setting, press any button, type any command.",
        "자유 실습: 이제 이 실행은 마음대로 다뤄도 됩니다. 설정을 바꾸고, 버튼을 누르고, 어떤 명령이든 입력해 보세요.";
    ExitLesson => "Leave the lesson", "레슨 나가기";
    PredictFirst => "Predict first: the run waits for your prediction.",
        "먼저 예측하세요. 예측을 입력할 때까지 실행은 멈춰 있습니다.";
    LessonObjective => "Goal:", "목표:";
    CommandToConsole => "Put it in the terminal (Enter runs it)", "터미널에 넣기(Enter로 실행)";
    LessonTakeaway => "Remember:", "기억할 점:";
    LessonDocs => "The Kubernetes documentation:", "쿠버네티스 문서:";
    Classroom => "Classroom mode", "교실 모드";
    LessonAbout => "The lesson about it:", "관련 레슨:";
    ClassroomKeys => "PageDown or N: the next step (or Show me, while a step waits). PageUp or P: the step before.",
        "PageDown 또는 N: 다음 단계(단계가 기다리는 중이면 보여 주기). PageUp 또는 P: 이전 단계.";
}

/// Where the learner is in a lesson: "Step 2 of 6".
/// The offer to take up a lesson left unfinished in this browser.
pub fn resume_lesson(lang: Lang, title: &str, step: usize, steps: usize) -> String {
    match lang {
        Lang::En => format!("Resume the lesson “{title}” at step {step} of {steps}"),
        Lang::Ko => format!("“{title}” 레슨을 {steps}단계 중 {step}단계부터 이어서 하기"),
    }
}

pub fn lesson_step(lang: Lang, step: usize, steps: usize) -> String {
    match lang {
        Lang::En => format!("Step {step} of {steps}"),
        Lang::Ko => format!("{steps}단계 중 {step}단계"),
    }
}

/// Why the lessons' texts are missing (the file could not be fetched or is from another build).
pub fn lessons_unavailable(lang: Lang, why: &str) -> String {
    match lang {
        Lang::En => format!("The lessons could not be loaded ({why}). Reload the page to try again."),
        Lang::Ko => format!("레슨을 불러오지 못했습니다({why}). 페이지를 새로 고쳐 다시 시도하세요."),
    }
}

/// How many lessons are done: "3 of 10 done".
pub fn lessons_done(lang: Lang, done: usize, all: usize) -> String {
    match lang {
        Lang::En => format!("{done} of {all} done"),
        Lang::Ko => format!("{all}개 중 {done}개 완료"),
    }
}

/// A lesson's subject, as docs/lessons.md numbers it: "Topic 4", "Mistake 2".
pub fn lesson_about(lang: Lang, about: crate::lesson::About) -> String {
    use crate::lesson::About;
    match (lang, about) {
        (Lang::En, About::Topic(n)) => format!("Topic {n}"),
        (Lang::En, About::Mistake(n)) => format!("Mistake {n}"),
        (Lang::Ko, About::Topic(n)) => format!("주제 {n}"),
        (Lang::Ko, About::Mistake(n)) => format!("실수 {n}"),
    }
}

/// The prediction made, before the run shows the figure.
pub fn predicted(lang: Lang, n: crate::lesson::Choice) -> String {
    match lang {
        Lang::En => format!("You predicted {n}. Now watch."),
        Lang::Ko => format!("예측: {n}. 이제 지켜보세요."),
    }
}

/// The learner's prediction next to the engine's figure.
pub fn prediction_result(lang: Lang, predicted: Option<crate::lesson::Choice>, engine: i64) -> String {
    match (lang, predicted) {
        (Lang::En, None) => format!("No prediction. The engine: {engine}."),
        (Lang::Ko, None) => format!("예측하지 않았습니다. 엔진의 결과: {engine}."),
        (Lang::En, Some(p)) if p.holds(engine) => format!("✓ You predicted {p}; the engine: {engine}. Right."),
        (Lang::Ko, Some(p)) if p.holds(engine) => format!("✓ 예측 {p}, 엔진의 결과 {engine}. 맞았습니다."),
        (Lang::En, Some(p)) => format!("✗ You predicted {p}; the engine: {engine}."),
        (Lang::Ko, Some(p)) => format!("✗ 예측 {p}, 엔진의 결과 {engine}."),
    }
}

/// What a prediction asks for, in a few words (for the number field's label).
pub fn measure_name(lang: Lang, m: crate::lesson::Measure) -> &'static str {
    use crate::lesson::Measure;
    match (lang, m) {
        (Lang::En, Measure::PeakPods) => "the most pods at once",
        (Lang::Ko, Measure::PeakPods) => "동시에 가장 많은 파드 수",
        (Lang::En, Measure::FewestAvailable) => "the fewest available pods",
        (Lang::Ko, Measure::FewestAvailable) => "가장 적은 사용 가능 파드 수",
        (Lang::En, Measure::FailedRequests) => "failed requests",
        (Lang::Ko, Measure::FailedRequests) => "실패한 요청 수",
        (Lang::En, Measure::Revision) => "the revision",
        (Lang::Ko, Measure::Revision) => "리비전 번호",
        (Lang::En, Measure::Restarts) => "the most restarts of a pod",
        (Lang::Ko, Measure::Restarts) => "한 파드의 최대 재시작 횟수",
        (Lang::En, Measure::OnNewestBuild) => "pods running the newest build",
        (Lang::Ko, Measure::OnNewestBuild) => "최신 빌드를 실행하는 파드 수",
        (Lang::En, Measure::NewVersionShare) => "percent of requests the new version answers (to the nearest 5)",
        (Lang::Ko, Measure::NewVersionShare) => "새 버전이 응답하는 요청의 비율(%, 5 단위로 반올림)",
        (Lang::En, Measure::ReplicaSets) => "ReplicaSets of the Deployment",
        (Lang::Ko, Measure::ReplicaSets) => "디플로이먼트의 레플리카셋 수",
        (Lang::En, Measure::VersionsAtOnce) => "versions answering in the same second",
        (Lang::Ko, Measure::VersionsAtOnce) => "같은 1초에 응답하는 버전 수",
        (Lang::En, Measure::RevisionsCaused(_)) => "revisions listed with this CHANGE-CAUSE",
        (Lang::Ko, Measure::RevisionsCaused(_)) => "이 CHANGE-CAUSE로 표시되는 리비전 수",
    }
}

/// The note above a shortened event log: "`n` earlier events are not shown".
pub fn earlier_events_hidden(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{n} earlier events are not shown."),
        Lang::Ko => format!("이전 이벤트 {n}개는 표시하지 않았습니다."),
    }
}

/// A run of the comparison at one moment: "5 pods, 3 available".
pub fn compare_counts(lang: Lang, pods: i32, available: i32) -> String {
    match lang {
        Lang::En => format!("{pods} pods, {available} available"),
        Lang::Ko => format!("파드 {pods}개, 사용 가능 {available}개"),
    }
}

/// How long the sweep took in the page.
pub fn sweep_took(lang: Lang, ms: f64, runs: usize) -> String {
    match lang {
        Lang::En => format!("400 cells in {ms:.0} ms ({runs} distinct rollouts simulated)"),
        Lang::Ko => format!("셀 400개, {ms:.0}ms (서로 다른 롤아웃 {runs}개를 시뮬레이션)"),
    }
}

/// What a sweep over replicas keeps as applied.
pub fn sweep_kept(lang: Lang, field: &str, value: &str) -> String {
    match lang {
        Lang::En => format!("{field} stays {value}, as applied."),
        Lang::Ko => format!("{field} 값은 적용한 {value} 그대로입니다."),
    }
}

/// Why the sweep cannot run with these settings.
pub fn sweep_too_big(lang: Lang, replicas: i32, rate: u32) -> String {
    match lang {
        Lang::En => format!("The sweep runs up to 400 rollouts: it takes at most {replicas} replicas and {rate} requests per second. Lower them to sweep."),
        Lang::Ko => format!("이 실행은 롤아웃을 최대 400개 돌리므로 레플리카 {replicas}개, 초당 요청 {rate}개까지만 받습니다. 값을 낮추면 실행할 수 있습니다."),
    }
}

/// Why the comparison cannot run with these settings.
pub fn compare_too_big(lang: Lang, replicas: i32, rate: u32) -> String {
    match lang {
        Lang::En => format!("The comparison runs four whole rollouts at once: it takes at most {replicas} replicas and {rate} requests per second. Lower them to compare."),
        Lang::Ko => format!("비교는 롤아웃 네 개를 한 번에 실행하므로 레플리카 {replicas}개, 초당 요청 {rate}개까지만 받습니다. 값을 낮추면 비교할 수 있습니다."),
    }
}

/// The label of a download button: "Download Pods by ReplicaSet as PNG".
pub fn download_label(lang: Lang, what: &str, format: &str) -> String {
    match lang {
        Lang::En => format!("Download {what} as {format}"),
        Lang::Ko => format!("{what}을(를) {format}(으)로 내려받기"),
    }
}

/// Why a link's lesson is not one of the page's (the link was edited, or made by another version).
fn lesson_place_error(lang: Lang, error: &crate::lesson::PlaceError) -> String {
    use crate::lesson::PlaceError;
    match (error, lang) {
        (PlaceError::NoLesson(id), Lang::En) => format!("it names a lesson this page does not have ({id:?})"),
        (PlaceError::NoLesson(id), Lang::Ko) => format!("이 페이지에 없는 레슨을 가리킵니다({id:?})"),
        (PlaceError::NoStep(id, step, steps), Lang::En) => {
            format!("the lesson {id:?} has {steps} steps, and the link asks for step {step}")
        }
        (PlaceError::NoStep(id, step, steps), Lang::Ko) => {
            format!("{id:?} 레슨은 {steps}단계까지인데 링크는 {step}단계를 가리킵니다")
        }
        (PlaceError::BadAnswer(m), Lang::En) => format!("it holds a prediction for a step that asks for none ({m})"),
        (PlaceError::BadAnswer(m), Lang::Ko) => format!("예측을 묻지 않는 단계에 예측이 들어 있습니다({m})"),
    }
}

/// Why a shared link could not be opened; the page shows the default run instead.
pub fn share_error(lang: Lang, error: &crate::share::ShareError) -> String {
    use crate::share::ShareError;
    let why = match (error, lang) {
        (ShareError::Schema(v), Lang::En) => format!("it was made by a newer RolloutScope (link format {v:?})"),
        (ShareError::Schema(v), Lang::Ko) => format!("더 새로운 RolloutScope로 만든 링크입니다 (링크 형식 {v:?})"),
        (ShareError::Damaged, Lang::En) => "it is incomplete or was changed (was it cut short when copied?)".into(),
        (ShareError::Damaged, Lang::Ko) => "링크가 잘렸거나 바뀌었습니다 (복사할 때 일부가 빠지지 않았나요?)".into(),
        (ShareError::Invalid(m), Lang::En) => format!("it does not describe a run: {m}"),
        (ShareError::Invalid(m), Lang::Ko) => format!("실행을 나타내는 링크가 아닙니다: {m}"),
        (ShareError::Refused(m), Lang::En) => format!("its settings are refused: {m}"),
        (ShareError::Refused(m), Lang::Ko) => format!("설정이 거부되었습니다: {m}"),
        (ShareError::TooMuch(m), Lang::En) => format!("opening it would replay more than the page takes on: {m}"),
        (ShareError::TooMuch(m), Lang::Ko) => {
            format!("여는 데 페이지가 감당할 수 있는 것보다 많은 재생이 필요합니다: {m}")
        }
        (ShareError::Lesson(e), lang) => lesson_place_error(lang, e),
    };
    match lang {
        Lang::En => format!("This shared link cannot be opened: {why}. The default run is shown instead."),
        Lang::Ko => format!("공유 링크를 열 수 없습니다: {why}. 대신 기본 실행을 보여 줍니다."),
    }
}

/// The speed the clock really reaches, when it falls behind the one asked for (`asked` as the
/// speed control reads it, `64x`).
pub fn falling_behind(lang: Lang, achieved: f64, asked: &str) -> String {
    let x = if achieved >= 10.0 { format!("{achieved:.0}") } else { format!("{achieved:.1}") };
    match lang {
        Lang::En => format!("Running at {x}x: this run is too large to play at {asked} in this browser"),
        Lang::Ko => format!("실제 {x}배속으로 실행 중: 이 브라우저에서 {asked}로 재생하기에는 실행이 너무 큽니다"),
    }
}

/// How far the page has got replaying the shared run it was opened with.
pub fn opening_link(lang: Lang, now: crate::sim::SimTime, end: crate::sim::SimTime) -> String {
    let (now, end) = (now.whole_secs(), end.whole_secs());
    match lang {
        Lang::En => format!("Opening the shared run: {now} s of {end} s replayed"),
        Lang::Ko => format!("공유된 실행을 여는 중: {end}초 중 {now}초 재생됨"),
    }
}

/// Why the page makes no link for the run on screen ([`crate::share::check_replay`]).
pub fn share_refused(lang: Lang, error: &crate::share::ShareError) -> String {
    let why = match error {
        crate::share::ShareError::TooMuch(m) | crate::share::ShareError::Invalid(m) => m.as_str(),
        _ => "",
    };
    match lang {
        Lang::En => format!("This run is too long to share as a link, which would make whoever opens it replay all of it: {why}. Restart, or share an earlier moment."),
        Lang::Ko => format!("이 실행은 링크로 공유하기에 너무 깁니다. 링크를 여는 사람이 전부 다시 재생해야 하기 때문입니다: {why}. 다시 시작하거나 더 이른 순간을 공유하세요."),
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
        (Lang::En, Outcome::NotFound) => "no route (404)",
        (Lang::En, Outcome::InvalidBackend) => "invalid backend (500)",
        (Lang::Ko, Outcome::Ok) => "성공",
        (Lang::Ko, Outcome::ServerError) => "서버 오류",
        (Lang::Ko, Outcome::NoEndpoints) => "엔드포인트 없음",
        (Lang::Ko, Outcome::ConnectionRefused) => "연결 거부",
        (Lang::Ko, Outcome::NotFound) => "경로 없음 (404)",
        (Lang::Ko, Outcome::InvalidBackend) => "잘못된 백엔드 (500)",
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

/// The resolved bounds next to maxSurge and maxUnavailable: "25% / 25% of 4 → …".
pub fn resolved_fenceposts(lang: Lang, texts: (&str, &str), replicas: i32, surge: i32, unavailable: i32) -> String {
    let (most, least) = (replicas + surge, replicas - unavailable.min(replicas));
    match lang {
        Lang::En => format!(
            "{} / {} of {replicas} → surge {surge}, unavailable {unavailable}: at most {most} pods, at least {least} available",
            texts.0, texts.1
        ),
        Lang::Ko => format!(
            "{replicas}개 기준 {} / {} → 추가 {surge}개, 사용 불가 {unavailable}개: 파드는 최대 {most}개, 사용 가능은 최소 {least}개",
            texts.0, texts.1
        ),
    }
}

fn yes_no(lang: Lang, b: bool) -> &'static str {
    match (lang, b) {
        (Lang::En, true) => "yes",
        (Lang::En, false) => "no",
        (Lang::Ko, true) => "예",
        (Lang::Ko, false) => "아니요",
    }
}

/// Why a pod is in the state it is in, for the pod's tooltip and the explanation panel:
/// `available` as `IsPodAvailable` says, and for how many whole seconds it has been Ready.
pub fn pod_explanation(
    lang: Lang,
    pod: &crate::sim::objects::Pod,
    min_ready_seconds: i32,
    available: bool,
    ready_for: Option<u64>,
) -> String {
    let name = &pod.metadata.name;
    let node = pod.spec.node_name.as_deref().unwrap_or("-");
    let status = pod.display_status();
    let probes = format!(
        "readiness {:?}, liveness {:?}, startup {:?}",
        pod.status.readiness, pod.status.liveness, pod.status.startup
    );
    match lang {
        Lang::En => {
            let ready = if pod.status.ready && pod.is_terminating() {
                "Ready: yes, but it is shutting down: its endpoint is serving and terminating, and the Service sends it requests only while it has no ready endpoint.".to_string()
            } else if pod.status.ready {
                "Ready: yes, so the Service sends it requests.".to_string()
            } else if pod.is_terminating() {
                "Ready: no; it is shutting down and out of the Service's endpoints.".to_string()
            } else {
                "Ready: no; the Service sends it no requests until its readiness probe passes.".to_string()
            };
            let avail = match (available, ready_for) {
                (true, _) => "Available: yes.".to_string(),
                (false, Some(s)) => {
                    format!("Available: not yet; Ready for {s} s of minReadySeconds {min_ready_seconds}.")
                }
                (false, None) => "Available: no.".to_string(),
            };
            format!(
                "pod {name} on {node}: {status}. {ready} {avail} Restarts: {}. Probes: {probes}. Image {}.",
                pod.status.restart_count,
                pod.image()
            )
        }
        Lang::Ko => {
            let ready = if pod.status.ready && pod.is_terminating() {
                "Ready: 예. 하지만 종료 중이라 엔드포인트는 serving이면서 terminating이고, 서비스는 준비된(ready) 엔드포인트가 하나도 없을 때만 요청을 보냅니다.".to_string()
            } else if pod.status.ready {
                "Ready: 예. 서비스가 요청을 보냅니다.".to_string()
            } else if pod.is_terminating() {
                "Ready: 아니요. 종료 중이라 서비스 엔드포인트에서 빠졌습니다.".to_string()
            } else {
                "Ready: 아니요. 레디니스 프로브를 통과할 때까지 서비스가 요청을 보내지 않습니다.".to_string()
            };
            let avail = match (available, ready_for) {
                (true, _) => format!("Available: {}.", yes_no(lang, true)),
                (false, Some(s)) => {
                    format!("Available: 아직 아님. minReadySeconds {min_ready_seconds}초 중 {s}초 동안 Ready였습니다.")
                }
                (false, None) => format!("Available: {}.", yes_no(lang, false)),
            };
            format!(
                "파드 {name} (노드 {node}): {status}. {ready} {avail} 재시작 {}회. 프로브: {probes}. 이미지 {}.",
                pod.status.restart_count,
                pod.image()
            )
        }
    }
}

/// A pod in a few words, for a screen reader: "pod web-1, v2, Running, Ready, not Available".
pub fn pod_label(lang: Lang, name: &str, version: &str, status: &str, ready: bool, available: bool) -> String {
    match lang {
        Lang::En => format!(
            "pod {name}, {version}, {status}, {}, {}",
            if ready { "Ready" } else { "not Ready" },
            if available { "Available" } else { "not Available" }
        ),
        Lang::Ko => format!(
            "파드 {name}, {version}, {status}, Ready {}, Available {}",
            yes_no(lang, ready),
            yes_no(lang, available)
        ),
    }
}

/// What a ReplicaSet is doing, for its tooltip and the explanation panel.
pub fn replica_set_explanation(lang: Lang, rs: &crate::sim::objects::ReplicaSet) -> String {
    let (name, rev, image) = (&rs.metadata.name, rs.revision(), rs.spec.template.image());
    let (want, has, ready, avail) =
        (rs.spec.replicas, rs.status.replicas, rs.status.ready_replicas, rs.status.available_replicas);
    let kept = want == 0 && has == 0;
    match lang {
        Lang::En => format!(
            "ReplicaSet {name}, revision {rev}, {image}: wants {want} pods, has {has}, {ready} ready, {avail} available.{}",
            if kept { " Scaled to 0 but kept, so that `kubectl rollout undo` can bring this revision back." } else { "" }
        ),
        Lang::Ko => format!(
            "ReplicaSet {name}, 리비전 {rev}, {image}: 원하는 파드 {want}개, 현재 {has}개, 준비됨 {ready}개, 사용 가능 {avail}개.{}",
            if kept { " 0으로 줄었지만 `kubectl rollout undo`로 되돌릴 수 있도록 남겨 둡니다." } else { "" }
        ),
    }
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
    fn every_text_exists_in_korean() {
        // A Korean text copied from English by mistake would contain no Hangul. Field names and
        // the kubectl command stay as Kubernetes writes them.
        let kept = [Text::RolloutStatus];
        for key in Text::ALL {
            let ko = tr(Lang::Ko, *key);
            assert!(kept.contains(key) || ko.chars().any(|c| ('가'..='힣').contains(&c)), "{key:?}: {ko}");
            assert!(!tr(Lang::En, *key).is_empty());
        }
    }
}
