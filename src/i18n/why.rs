//! The engine's reasons ([`Why`]) in English and Korean.
//!
//! The `match` is exhaustive over both the reason and the language: a new reason cannot reach a
//! learner in one language only.

use super::Lang;
use crate::sim::Why;

/// Says `why` in `lang`.
#[allow(
    clippy::too_many_lines,
    reason = "a table: one arm per reason, English and Korean side by side, read by finding a row"
)]
pub fn why_text(lang: Lang, why: &Why) -> String {
    use Lang::{En, Ko};
    use Why::*;
    match (why, lang) {
        (EmptySelector, En) => "an empty selector would adopt every pod in the namespace".into(),
        (EmptySelector, Ko) => "빈 셀렉터는 네임스페이스의 모든 파드를 가져가게 됩니다".into(),
        (Paused, En) => "spec.paused is true: the controller will scale but not roll out a new template".into(),
        (Paused, Ko) => "spec.paused가 true입니다: 컨트롤러는 스케일은 하지만 새 템플릿을 배포하지 않습니다".into(),
        (Resumed, En) => {
            "spec.paused is false again: the rollout continues and the progress deadline starts over".into()
        }
        (Resumed, Ko) => {
            "spec.paused가 다시 false입니다: 롤아웃이 계속되고 진행 기한(progress deadline)을 처음부터 다시 잽니다".into()
        }
        (TemplateMatchesAgain { revision }, En) => format!(
            "the Deployment's template matches this ReplicaSet again, so it becomes the newest revision, {revision}"
        ),
        (TemplateMatchesAgain { revision }, Ko) => {
            format!("Deployment의 템플릿이 다시 이 ReplicaSet과 같아져서, 이 ReplicaSet이 가장 새로운 리비전 {revision}이 됩니다")
        }
        (NewReplicaSet { revision, sizing }, En) => format!(
            "the template changed, so a new ReplicaSet (revision {revision}) was created; {}",
            why_text(En, sizing)
        ),
        (NewReplicaSet { revision, sizing }, Ko) => format!(
            "템플릿이 바뀌어 새 ReplicaSet(리비전 {revision})을 만들었습니다; {}",
            why_text(Ko, sizing)
        ),
        (SurgeRoom { max_surge, max_total, wanted, target }, En) => format!(
            "maxSurge {max_surge} allows {max_total} pods in total; {wanted} were wanted, so the new ReplicaSet may grow to {target}"
        ),
        (SurgeRoom { max_surge, max_total, wanted, target }, Ko) => format!(
            "maxSurge {max_surge}에 따라 파드는 모두 합쳐 {max_total}개까지 둘 수 있습니다; 원하는 파드가 {wanted}개였으므로 새 ReplicaSet은 {target}개까지 늘어날 수 있습니다"
        ),
        (SurgeOverflows { replicas, max_surge, max_total }, En) => format!(
            "replicas {replicas} + maxSurge {max_surge} is more than a 32-bit count holds: the controller's sum wraps to {max_total}, so it never scales the new ReplicaSet up (a real cluster stalls the same way; the apiserver accepts such a maxSurge)"
        ),
        (SurgeOverflows { replicas, max_surge, max_total }, Ko) => format!(
            "replicas {replicas} + maxSurge {max_surge}는 32비트 정수의 범위를 넘습니다. 컨트롤러가 더한 값이 넘쳐 음수({max_total})가 되므로 새 레플리카셋을 늘리지 않습니다 (실제 클러스터도 똑같이 멈춥니다. API 서버는 이런 maxSurge를 받아들입니다)"
        ),
        (RecreateAllAtOnce { replicas }, En) => format!("Recreate starts all {replicas} new pods at once"),
        (RecreateAllAtOnce { replicas }, Ko) => format!("Recreate는 새 파드 {replicas}개를 한꺼번에 시작합니다"),
        (NewAboveReplicas { replicas }, En) => {
            format!("the new ReplicaSet has more than the Deployment's {replicas} replicas")
        }
        (NewAboveReplicas { replicas }, Ko) => {
            format!("새 ReplicaSet의 레플리카가 Deployment의 replicas {replicas}개보다 많습니다")
        }
        (UnhealthyOldPods { count, budget, min_available, new_unavailable }, En) => format!(
            "{count} of its pods are not available, so removing them costs no availability \
             (budget {budget}: pods wanted minus {min_available} that must stay available minus {new_unavailable} new pods not yet available)"
        ),
        (UnhealthyOldPods { count, budget, min_available, new_unavailable }, Ko) => format!(
            "이 ReplicaSet의 파드 {count}개는 어차피 사용 가능(available)하지 않으므로, 지워도 가용성이 줄지 않습니다 \
             (예산 {budget}: 원하는 파드 수에서 사용 가능하게 남아야 하는 {min_available}개와 아직 사용 가능하지 않은 새 파드 {new_unavailable}개를 뺀 값)"
        ),
        (AvailableAboveMinimum { available, max_unavailable, min_available, can_go }, En) => format!(
            "{available} pods are available and maxUnavailable {max_unavailable} requires {min_available}, so {can_go} old pods can go"
        ),
        (AvailableAboveMinimum { available, max_unavailable, min_available, can_go }, Ko) => format!(
            "사용 가능한 파드가 {available}개이고 maxUnavailable {max_unavailable}에 따라 {min_available}개가 있어야 하므로, 이전 파드 {can_go}개를 줄일 수 있습니다"
        ),
        (RecreateOldGone { replicas }, En) => {
            format!("no old pod is running any more, so Recreate starts all {replicas} new pods at once")
        }
        (RecreateOldGone { replicas }, Ko) => {
            format!("실행 중인 이전 파드가 더 이상 없으므로, Recreate는 새 파드 {replicas}개를 한꺼번에 시작합니다")
        }
        (RecreateStopsOldFirst, En) => "Recreate stops every old pod before it starts any new one".into(),
        (RecreateStopsOldFirst, Ko) => "Recreate는 새 파드를 하나라도 시작하기 전에 이전 파드를 모두 멈춥니다".into(),
        (OnlyActive { replicas }, En) => {
            format!("only this ReplicaSet is active, so it takes the Deployment's {replicas} replicas")
        }
        (OnlyActive { replicas }, Ko) => {
            format!("활성 ReplicaSet이 이것 하나뿐이어서, Deployment의 replicas {replicas}개를 모두 맡습니다")
        }
        (NewSaturated, En) => "the new ReplicaSet is saturated: all its replicas are available".into(),
        (NewSaturated, Ko) => "새 ReplicaSet이 포화 상태입니다: 레플리카가 모두 사용 가능합니다".into(),
        (Proportional { replicas, allowed, max_surge }, En) => format!(
            "replicas changed to {replicas} mid-rollout: up to {allowed} pods (replicas + maxSurge {max_surge}) are shared out in proportion to each ReplicaSet's size"
        ),
        (Proportional { replicas, allowed, max_surge }, Ko) => format!(
            "롤아웃 도중에 replicas가 {replicas}(으)로 바뀌었습니다: 최대 {allowed}개의 파드(replicas + maxSurge {max_surge})를 각 ReplicaSet의 크기에 비례해 나눕니다"
        ),
        (HistoryLimit { limit }, En) => {
            format!("revisionHistoryLimit {limit} keeps only the {limit} newest old ReplicaSets for rollback")
        }
        (HistoryLimit { limit }, Ko) => {
            format!("revisionHistoryLimit {limit}에 따라 롤백에 쓸 이전 ReplicaSet은 가장 최근 것 {limit}개만 남깁니다")
        }
        (Complete, En) => "every replica runs the new template and is available, and no old pod is left".into(),
        (Complete, Ko) => "모든 레플리카가 새 템플릿으로 실행되고 사용 가능하며, 이전 파드는 하나도 남지 않았습니다".into(),
        (DeadlineExceeded { seconds }, En) => format!(
            "no progress for more than progressDeadlineSeconds ({seconds}s); nothing is rolled back, old pods keep serving until `kubectl rollout undo`"
        ),
        (DeadlineExceeded { seconds }, Ko) => format!(
            "progressDeadlineSeconds({seconds}초)가 넘도록 진행이 없었습니다; 아무것도 롤백되지 않으며, `kubectl rollout undo`를 하기 전까지 이전 파드가 계속 요청을 처리합니다"
        ),
        (MinimumAvailable { available, required }, En) => {
            format!("{available} pods are available; at least {required} are required")
        }
        (MinimumAvailable { available, required }, Ko) => {
            format!("사용 가능한 파드가 {available}개입니다; 최소 {required}개가 필요합니다")
        }
        (BelowMinimum { available, required }, En) => {
            format!("only {available} pods are available; at least {required} are required")
        }
        (BelowMinimum { available, required }, Ko) => {
            format!("사용 가능한 파드가 {available}개뿐입니다; 최소 {required}개가 필요합니다")
        }
        (PreStopThenSigterm { shutdown, grace }, En) => {
            format!("preStop sleeps {shutdown} before SIGTERM (terminationGracePeriodSeconds {grace})")
        }
        (PreStopThenSigterm { shutdown, grace }, Ko) => {
            format!("preStop이 SIGTERM 전에 {shutdown} 동안 기다립니다 (terminationGracePeriodSeconds {grace})")
        }
        (SigtermAtOnce, En) => "the pod was deleted; its container gets SIGTERM at once".into(),
        (SigtermAtOnce, Ko) => "파드가 삭제되었습니다; 컨테이너는 곧바로 SIGTERM을 받습니다".into(),
        (SigtermIgnored { grace }, En) => format!(
            "the application ignores SIGTERM, so it runs until the kubelet sends SIGKILL when terminationGracePeriodSeconds ({grace}) ends"
        ),
        (SigtermIgnored { grace }, Ko) => format!(
            "애플리케이션이 SIGTERM을 무시하므로 terminationGracePeriodSeconds({grace})가 끝나 kubelet이 SIGKILL을 보낼 때까지 계속 실행됩니다"
        ),
        (CachedImage { policy }, En) => {
            format!("imagePullPolicy {policy:?}: the node's cached copy is used, even if the tag was pushed again")
        }
        (CachedImage { policy }, Ko) => {
            format!("imagePullPolicy {policy:?}: 같은 태그로 이미지가 다시 푸시되었더라도 노드에 캐시된 이미지를 씁니다")
        }
        (NeverPullMissing, En) => {
            "imagePullPolicy Never: the kubelet never pulls, and this node does not have the image".into()
        }
        (NeverPullMissing, Ko) => {
            "imagePullPolicy Never: kubelet은 이미지를 받지 않는데, 이 노드에는 그 이미지가 없습니다".into()
        }
        (PullAlways, En) => "imagePullPolicy Always: the kubelet asks the registry every time".into(),
        (PullAlways, Ko) => "imagePullPolicy Always: kubelet이 매번 레지스트리에 확인합니다".into(),
        (NotOnNode, En) => "the node does not have this image yet".into(),
        (NotOnNode, Ko) => "이 노드에는 아직 이 이미지가 없습니다".into(),
        (PullFailed { retry_in }, En) => format!(
            "the registry has no such image; the kubelet retries after {retry_in} (back-off doubles to 5 minutes)"
        ),
        (PullFailed { retry_in }, Ko) => format!(
            "레지스트리에 그런 이미지가 없습니다; kubelet은 {retry_in} 뒤에 다시 시도합니다 (백오프는 5분까지 두 배씩 늘어납니다)"
        ),
        (NowCached, En) => "the node now caches this image".into(),
        (NowCached, Ko) => "이제 노드에 이 이미지가 캐시되어 있습니다".into(),
        (ContainerRuns, En) => "the image is on the node; the container runs".into(),
        (ContainerRuns, Ko) => "이미지가 노드에 있으므로 컨테이너가 실행됩니다".into(),
        (CrashBackOff { cause, restart, delay }, En) => {
            format!("{}; restart {restart} waits {delay} (10s doubling to 5m)", why_text(En, cause))
        }
        (CrashBackOff { cause, restart, delay }, Ko) => format!(
            "{}; {restart}번째 재시작은 {delay} 기다립니다 (10초부터 두 배씩, 최대 5분)",
            why_text(Ko, cause)
        ),
        (AppCrashed { container }, En) => {
            format!("container {container} exited with an error (the application crashes after it starts)")
        }
        (AppCrashed { container }, Ko) => {
            format!("컨테이너 {container}이(가) 오류로 종료되었습니다 (애플리케이션이 시작한 뒤 비정상 종료됩니다)")
        }
        (StartupProbeFailed { failure_threshold }, En) => format!(
            "the startup probe failed {failure_threshold} times in a row (failureThreshold), so the kubelet restarts the container"
        ),
        (StartupProbeFailed { failure_threshold }, Ko) => format!(
            "startup 프로브가 연속 {failure_threshold}번 실패해서(failureThreshold) kubelet이 컨테이너를 재시작합니다"
        ),
        (LivenessProbeFailed { failure_threshold, before_up }, En) => format!(
            "the liveness probe failed {failure_threshold} times in a row (failureThreshold), so the kubelet restarts the container{}",
            if *before_up {
                " before the application even finished starting: a startupProbe would hold liveness until it is up"
            } else {
                ""
            }
        ),
        (LivenessProbeFailed { failure_threshold, before_up }, Ko) => format!(
            "liveness 프로브가 연속 {failure_threshold}번 실패해서(failureThreshold) kubelet이 컨테이너를 재시작합니다{}",
            if *before_up {
                " — 애플리케이션이 시작을 마치기도 전입니다: startupProbe를 두면 애플리케이션이 뜰 때까지 liveness 검사를 미룹니다"
            } else {
                ""
            }
        ),
        (ReadinessPassed { success_threshold }, En) => format!(
            "the readiness probe passed {success_threshold} time(s) in a row: the pod is Ready and gets traffic"
        ),
        (ReadinessPassed { success_threshold }, Ko) => format!(
            "readiness 프로브가 연속 {success_threshold}번 성공했습니다: 파드가 Ready가 되어 트래픽을 받습니다"
        ),
        (ReadinessFailed { failure_threshold }, En) => format!(
            "the readiness probe failed {failure_threshold} times in a row: the pod is NotReady and leaves the Service's endpoints; it is not restarted"
        ),
        (ReadinessFailed { failure_threshold }, Ko) => format!(
            "readiness 프로브가 연속 {failure_threshold}번 실패했습니다: 파드가 NotReady가 되어 Service의 엔드포인트에서 빠집니다; 재시작되지는 않습니다"
        ),
        (NoReadyNode, En) => "no ready node can take the pod; it stays Pending".into(),
        (NoReadyNode, Ko) => "파드를 받을 수 있는 Ready 노드가 없습니다; 파드는 Pending으로 남습니다".into(),
        (FewestPods, En) => {
            "the scheduler picks the ready node with the fewest pods (the simulator does no other scoring)".into()
        }
        (FewestPods, Ko) => {
            "스케줄러가 파드가 가장 적은 Ready 노드를 고릅니다 (시뮬레이터는 그 밖의 점수 계산을 하지 않습니다)".into()
        }
        (NodeStoppedReporting { grace }, En) => format!(
            "the node's kubelet sent no status for {grace} (node-monitor-grace-period): the node lifecycle controller \
             marks it NotReady and taints it node.kubernetes.io/unreachable; until now its pods still looked Ready"
        ),
        (NodeStoppedReporting { grace }, Ko) => format!(
            "노드의 kubelet이 {grace} 동안 상태를 보내지 않았습니다 (node-monitor-grace-period): 노드 라이프사이클 \
             컨트롤러가 노드를 NotReady로 표시하고 node.kubernetes.io/unreachable 테인트를 붙입니다; 지금까지 이 노드의 \
             파드는 여전히 Ready로 보였습니다"
        ),
        (PodOnNotReadyNode, En) => "its node is NotReady, so the pod is marked NotReady and leaves the Service's \
            endpoints; it still counts for its ReplicaSet, so no replacement starts yet"
            .into(),
        (PodOnNotReadyNode, Ko) => "노드가 NotReady라서 파드도 NotReady로 표시되고 Service의 엔드포인트에서 빠집니다; \
            ReplicaSet은 여전히 이 파드를 세므로 아직 대체 파드가 시작되지 않습니다"
            .into(),
        (UnreachableTolerationOver { toleration }, En) => format!(
            "every pod tolerates the unreachable taint for {toleration} (DefaultTolerationSeconds); now it is deleted \
             and its ReplicaSet replaces it on a ready node; it stays Terminating until the node returns"
        ),
        (UnreachableTolerationOver { toleration }, Ko) => format!(
            "모든 파드는 unreachable 테인트를 {toleration} 동안 견딥니다 (DefaultTolerationSeconds); 이제 파드가 삭제되고 \
             ReplicaSet이 Ready 노드에 대체 파드를 만듭니다; 노드가 돌아올 때까지 파드는 Terminating으로 남습니다"
        ),
        (NodeReportsAgain, En) => "the kubelet reports again: the node is Ready and the unreachable taint is removed".into(),
        (DataMigrated { image }, En) => format!(
            "{image} changed the stored data in a way older versions cannot read: while two versions run at once, \
             requests that reach an old pod now fail"
        ),
        (DataMigrated { image }, Ko) => format!(
            "{image}이(가) 저장된 데이터를 이전 버전이 읽을 수 없게 바꿨습니다: 두 버전이 함께 도는 동안 \
             이전 버전 파드에 간 요청은 이제 실패합니다"
        ),
        (NodeReportsAgain, Ko) => "kubelet이 다시 상태를 보냅니다: 노드가 Ready가 되고 unreachable 테인트가 사라집니다".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::objects::PullPolicy;
    use crate::sim::SimDuration;

    /// One of each reason (the match above is exhaustive, so a missing one does not compile there;
    /// this list checks what each says).
    fn every_reason() -> Vec<Why> {
        let d = SimDuration::from_secs(10);
        vec![
            Why::EmptySelector,
            Why::Paused,
            Why::Resumed,
            Why::TemplateMatchesAgain { revision: 4 },
            Why::NewReplicaSet { revision: 2, sizing: Box::new(Why::RecreateAllAtOnce { replicas: 3 }) },
            Why::SurgeRoom { max_surge: 1, max_total: 5, wanted: 4, target: 1 },
            Why::RecreateAllAtOnce { replicas: 3 },
            Why::NewAboveReplicas { replicas: 3 },
            Why::UnhealthyOldPods { count: 1, budget: 2, min_available: 3, new_unavailable: 1 },
            Why::AvailableAboveMinimum { available: 5, max_unavailable: 1, min_available: 3, can_go: 2 },
            Why::RecreateOldGone { replicas: 3 },
            Why::RecreateStopsOldFirst,
            Why::OnlyActive { replicas: 3 },
            Why::NewSaturated,
            Why::Proportional { replicas: 10, allowed: 13, max_surge: 3 },
            Why::HistoryLimit { limit: 2 },
            Why::Complete,
            Why::DeadlineExceeded { seconds: 600 },
            Why::MinimumAvailable { available: 3, required: 3 },
            Why::BelowMinimum { available: 2, required: 3 },
            Why::PreStopThenSigterm { shutdown: d, grace: SimDuration::from_secs(30) },
            Why::SigtermAtOnce,
            Why::SigtermIgnored { grace: SimDuration::from_secs(30) },
            Why::CachedImage { policy: PullPolicy::IfNotPresent },
            Why::NeverPullMissing,
            Why::PullAlways,
            Why::NotOnNode,
            Why::PullFailed { retry_in: d },
            Why::NowCached,
            Why::ContainerRuns,
            Why::CrashBackOff { cause: Box::new(Why::AppCrashed { container: "web".into() }), restart: 2, delay: d },
            Why::AppCrashed { container: "web".into() },
            Why::StartupProbeFailed { failure_threshold: 3 },
            Why::LivenessProbeFailed { failure_threshold: 3, before_up: true },
            Why::ReadinessPassed { success_threshold: 1 },
            Why::ReadinessFailed { failure_threshold: 3 },
            Why::NoReadyNode,
            Why::FewestPods,
            Why::NodeStoppedReporting { grace: SimDuration::from_secs(50) },
            Why::PodOnNotReadyNode,
            Why::UnreachableTolerationOver { toleration: SimDuration::from_secs(300) },
            Why::NodeReportsAgain,
            Why::DataMigrated { image: "app:v3".into() },
        ]
    }

    #[test]
    fn every_reason_reads_in_both_languages() {
        for why in every_reason() {
            let en = why_text(Lang::En, &why);
            let ko = why_text(Lang::Ko, &why);
            assert!(!en.is_empty() && en.is_ascii(), "{why:?}: {en}");
            assert!(ko.chars().any(|c| ('가'..='힣').contains(&c)), "{why:?}: {ko}");
        }
    }

    #[test]
    fn numbers_and_nested_reasons_are_said_in_both_languages() {
        let why = Why::CrashBackOff {
            cause: Box::new(Why::StartupProbeFailed { failure_threshold: 3 }),
            restart: 2,
            delay: SimDuration::from_secs(20),
        };
        assert_eq!(
            why_text(Lang::En, &why),
            "the startup probe failed 3 times in a row (failureThreshold), so the kubelet restarts the container; restart 2 waits 20.0s (10s doubling to 5m)"
        );
        let ko = why_text(Lang::Ko, &why);
        assert!(ko.starts_with("startup 프로브가 연속 3번 실패해서"), "{ko}");
        assert!(ko.contains("2번째 재시작은 20.0s 기다립니다"), "{ko}");
    }
}
