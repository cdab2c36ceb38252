//! A ResourceQuota as the apiserver's admission enforces it, and the ReplicaSet controller
//! meeting it: `FailedCreate` in Kubernetes' words, the `ReplicaFailure` condition, the
//! rate-limited retry, and the Deployment's progress deadline.

use rolloutscope::kubectl;
use rolloutscope::setup::Knobs;
use rolloutscope::sim::objects::{ConditionStatus, ConditionType};
use rolloutscope::sim::{SimTime, World};

fn run(w: &mut World, line: &str) -> String {
    let mut out = Vec::new();
    for intent in kubectl::parse(line).unwrap_or_else(|e| panic!("{line}: {e}")) {
        out.push(w.apply(intent).unwrap_or_else(|e| panic!("{line}: {e}")));
    }
    out.join("\n")
}

/// 4 replicas, maxSurge 1, maxUnavailable 0, a 30 s deadline, at steady state at 20 s.
fn steady() -> World {
    let knobs = Knobs {
        replicas: 4,
        max_surge: "1".into(),
        max_unavailable: "0".into(),
        progress_deadline_seconds: 30,
        ..Knobs::default()
    };
    let mut w = knobs.scenario(1).world();
    w.run_until(SimTime::from_secs(20));
    w
}

/// A quota of as many pods as replicas leaves a rolling update no room to surge: every create
/// is refused, nothing new runs, and the deadline passes.
#[test]
fn a_quota_equal_to_the_replicas_stops_a_rollout_that_must_surge() {
    let mut w = steady();
    assert_eq!(run(&mut w, "kubectl create quota pods --hard=pods=4"), "resourcequota/pods created");
    assert_eq!(
        kubectl::read_line(&w, "kubectl get quota").unwrap().unwrap(),
        "NAME   REQUEST     LIMIT   AGE\npods   pods: 4/4           0s"
    );
    run(&mut w, "kubectl set image deployment/http-go http-go=gasbugs/http-go:v2");
    w.run_until(SimTime::from_secs(80));
    let new_rs = w.replica_sets.values().find(|rs| rs.spec.template.image() == "gasbugs/http-go:v2").unwrap();
    let name = &new_rs.metadata.name;
    assert_eq!((new_rs.spec.replicas, new_rs.status.replicas), (1, 0));
    assert!(w.pods.values().all(|p| p.image() == "gasbugs/http-go:v1"));
    let refused: Vec<&str> =
        w.events().iter().filter(|e| e.kind == "FailedCreate").map(|e| e.message.as_str()).collect();
    // The replica set controller's event, with the admission plugin's refusal in its words.
    let prefix = format!("Error creating: pods \"{name}-");
    let suffix = "\" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=4, limited: pods=4";
    assert!(
        refused
            .iter()
            .all(|m| m.starts_with(&prefix) && m.ends_with(suffix) && m.len() == prefix.len() + 5 + suffix.len()),
        "{refused:?}"
    );
    // Requeued rate limited (5 ms doubling), not retried every tick: 14 tries in 60 s.
    assert_eq!(refused.len(), 14, "{refused:?}");
    // The ReplicaSet's ReplicaFailure condition, moved into the Deployment's conditions.
    let condition = new_rs.status.replica_failure.as_deref().unwrap_or_default();
    assert_eq!(Some(&format!("Error creating: {condition}").as_str()), refused.last());
    let d = &w.deployments["http-go"];
    let failure = d.status.condition(ConditionType::ReplicaFailure).expect("ReplicaFailure");
    assert_eq!((failure.status, failure.reason.as_str()), (ConditionStatus::True, "FailedCreate"));
    let progressing = d.status.condition(ConditionType::Progressing).unwrap();
    assert_eq!((progressing.status, progressing.reason.as_str()), (ConditionStatus::False, "ProgressDeadlineExceeded"));
    let describe = kubectl::read_line(&w, "kubectl describe deployment http-go").unwrap().unwrap();
    assert!(
        describe
            .contains("  ReplicaFailure   True    FailedCreate\n  Progressing      False   ProgressDeadlineExceeded\n"),
        "{describe}"
    );
}

/// The fixes: maxUnavailable 1 lets the controller remove an old pod first; once it is gone the
/// quota has room, and the next retry creates the new pod (slowly: every refusal in between
/// doubles the backoff). Deleting the quota lets the next retry create every pod.
#[test]
fn room_under_the_quota_lets_the_rollout_finish() {
    for fix in [
        "kubectl patch deployment http-go -p '{\"spec\":{\"strategy\":{\"rollingUpdate\":{\"maxUnavailable\":1}}}}'",
        "kubectl delete quota pods",
    ] {
        let mut w = steady();
        run(&mut w, "kubectl create quota pods --hard=pods=4");
        run(&mut w, "kubectl set image deployment/http-go http-go=gasbugs/http-go:v2");
        w.run_until(SimTime::from_secs(40));
        run(&mut w, fix);
        w.run_until(SimTime::from_secs(3600));
        let d = &w.deployments["http-go"];
        assert_eq!(d.status.updated_replicas, 4, "{fix}");
        assert_eq!(d.status.available_replicas, 4, "{fix}");
        assert!(d.status.condition(ConditionType::ReplicaFailure).is_none(), "{fix}");
        assert!(w.replica_sets.values().all(|rs| rs.status.replica_failure.is_none()), "{fix}");
        // Never more pods than the quota allowed while it stood.
        if fix.contains("patch") {
            assert!(w.pods.len() <= 4);
        }
    }
    let mut w = steady();
    assert_eq!(
        w.apply(kubectl::parse("kubectl delete quota pods").unwrap().remove(0)).unwrap_err(),
        "Error from server (NotFound): resourcequotas \"pods\" not found"
    );
}
