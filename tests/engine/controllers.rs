//! Engine scenarios run through the same intents the page and the console produce, with the
//! named invariants checked after every step.

use crate::invariants;
use rolloutscope::sim::images::{Health, ImageBehavior};
use rolloutscope::sim::objects::*;
use rolloutscope::sim::{Intent, Run, SimTime, World};

/// The run's trace in English (the legend is in src/trace.rs).
fn trace(w: &World) -> String {
    rolloutscope::trace::render(w.events(), rolloutscope::i18n::Lang::En)
}

fn probe(initial_delay_seconds: i32, period_seconds: i32) -> Probe {
    Probe { initial_delay_seconds, period_seconds, ..Probe::default() }
}

/// The course's http-go Deployment with a readiness probe.
fn http_go(replicas: i32, surge: IntOrPercent, unavailable: IntOrPercent) -> Deployment {
    let mut d = Deployment::new("http-go", "gasbugs/http-go:v1", replicas);
    d.spec.strategy = Strategy::RollingUpdate { max_surge: Some(surge), max_unavailable: Some(unavailable) };
    d.spec.template.containers[0].readiness_probe = Some(probe(1, 1));
    d
}

fn world_with(d: Deployment) -> World {
    let mut w = World::with_nodes(7, 3);
    w.apply(Intent::Apply { deployment: Box::new(d) }).unwrap();
    w
}

fn set_image(w: &mut World, image: &str) {
    w.apply(Intent::SetImage { deployment: "http-go".into(), container: "http-go".into(), image: image.into() })
        .unwrap();
}

/// Applies a kubectl command line at once, as the console does: kubectl's answer or its error.
fn kubectl(w: &mut World, line: &str) -> Result<String, String> {
    let mut answer = String::new();
    for intent in rolloutscope::kubectl::parse(line)? {
        answer = w.apply(intent)?;
    }
    Ok(answer)
}

fn deployment(w: &World) -> &Deployment {
    &w.deployments["http-go"]
}

/// (revision, image, spec replicas) of each ReplicaSet, oldest first.
fn replica_sets(w: &World) -> Vec<(i64, String, i32)> {
    w.replica_sets_of("http-go")
        .iter()
        .map(|rs| (rs.revision(), rs.spec.template.image().to_string(), rs.spec.replicas))
        .collect()
}

fn progressing_reason(w: &World) -> String {
    deployment(w).status.condition(ConditionType::Progressing).map(|c| c.reason.clone()).unwrap_or_default()
}

fn complete(w: &World) -> bool {
    let d = deployment(w);
    progressing_reason(w) == "NewReplicaSetAvailable"
        && d.status.updated_replicas == d.spec.replicas
        && d.status.replicas == d.spec.replicas
}

/// The named invariants of `invariants`, for the http-go Deployment of these scenarios.
fn surge_bound_holds(w: &World) -> Result<(), String> {
    invariants::surge_bound(w, "http-go").and_then(|()| invariants::always(w))
}

fn availability_bound_holds(w: &World) -> Result<(), String> {
    invariants::availability_bound(w, "http-go")
}

#[test]
fn rolling_update_completes_within_its_bounds() {
    let mut w = world_with(http_go(4, IntOrPercent::Percent(25), IntOrPercent::Percent(25)));
    w.run_until(SimTime::from_secs(30));
    assert!(complete(&w), "the first rollout completes: {}", trace(&w));
    assert_eq!(replica_sets(&w).len(), 1);
    set_image(&mut w, "gasbugs/http-go:v2");
    let mut peak = 0;
    while w.time() < SimTime::from_secs(120) {
        w.step();
        surge_bound_holds(&w).unwrap();
        availability_bound_holds(&w).unwrap();
        peak = peak.max(w.pods.values().filter(|p| !p.is_terminating()).count());
    }
    assert!(complete(&w), "{}", trace(&w));
    assert_eq!(peak, 5, "25% of 4: at most 5 pods");
    let rss = replica_sets(&w);
    assert_eq!(rss.iter().map(|r| (r.0, r.2)).collect::<Vec<_>>(), [(1, 0), (2, 4)]);
    assert_eq!(deployment(&w).metadata.annotations[REVISION_ANNOTATION], "2");
    let available = deployment(&w).status.condition(ConditionType::Available).unwrap();
    assert_eq!((available.status, available.reason.as_str()), (ConditionStatus::True, "MinimumReplicasAvailable"));
    assert!(w.pods.values().all(|p| p.image() == "gasbugs/http-go:v2"));
    // kubectl describe's events, in Kubernetes' words.
    assert!(w.events().iter().any(|e| e.kind == "ScalingReplicaSet"
        && e.message.starts_with("Scaled up replica set http-go-")
        && e.message.ends_with("from 0 to 1")));
}

#[test]
fn a_rollout_never_completes_inside_one_tick() {
    let mut w = world_with(http_go(2, IntOrPercent::Int(1), IntOrPercent::Int(0)));
    w.run_until(SimTime::from_secs(30));
    set_image(&mut w, "gasbugs/http-go:v2");
    let before = w.time();
    w.step();
    assert!(!complete(&w) || progressing_reason(&w) == "NewReplicaSetAvailable" && replica_sets(&w).len() == 1);
    assert!(replica_sets(&w).len() <= 2);
    w.step();
    assert!(!complete(&w), "complete {} after the change", w.time() - before);
}

#[test]
fn the_same_seed_gives_the_same_trace() {
    let run = |seed| {
        let mut w = World::with_nodes(seed, 3);
        w.apply(Intent::Apply { deployment: Box::new(http_go(6, IntOrPercent::Int(2), IntOrPercent::Int(1))) })
            .unwrap();
        w.schedule(
            SimTime::from_secs(20),
            Intent::SetImage {
                deployment: "http-go".into(),
                container: "http-go".into(),
                image: "gasbugs/http-go:v2".into(),
            },
        );
        w.schedule(SimTime::from_secs(24), Intent::Scale { deployment: "http-go".into(), replicas: 9 });
        w.run_until(SimTime::from_secs(90));
        trace(&w)
    };
    let a = run(11);
    assert_eq!(a, run(11));
    assert_ne!(a, run(12), "pod names follow the seed");
}

#[test]
fn recreate_never_runs_old_and_new_together() {
    let mut d = http_go(3, IntOrPercent::Int(1), IntOrPercent::Int(0));
    d.spec.strategy = Strategy::Recreate;
    let mut w = world_with(d);
    w.run_until(SimTime::from_secs(30));
    set_image(&mut w, "gasbugs/http-go:v2");
    let mut saw_gap = false;
    while w.time() < SimTime::from_secs(90) {
        w.step();
        let images: std::collections::BTreeSet<&str> =
            w.pods.values().filter(|p| p.status.phase == PodPhase::Running).map(|p| p.image()).collect();
        assert!(images.len() <= 1, "t={} both versions run: {images:?}", w.time());
        saw_gap |= w.pods.values().all(|p| !p.status.ready);
    }
    assert!(saw_gap, "Recreate has a moment with no ready pod");
    assert!(complete(&w));
}

#[test]
fn undo_renumbers_revisions() {
    let mut w = world_with(http_go(2, IntOrPercent::Int(1), IntOrPercent::Int(0)));
    w.run_until(SimTime::from_secs(20));
    set_image(&mut w, "gasbugs/http-go:v2");
    w.run_until(SimTime::from_secs(50));
    set_image(&mut w, "gasbugs/http-go:v3");
    w.run_until(SimTime::from_secs(80));
    let revisions = |w: &World| {
        let mut v: Vec<(i64, String)> = replica_sets(w).into_iter().map(|r| (r.0, r.1)).collect();
        v.sort();
        v
    };
    assert_eq!(revisions(&w).iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 3]);
    let out = w.apply(Intent::Undo { deployment: "http-go".into(), to_revision: 0 }).unwrap();
    assert_eq!(out, "deployment.apps/http-go rolled back");
    w.run_until(SimTime::from_secs(120));
    assert!(complete(&w));
    let after = revisions(&w);
    assert_eq!(after.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 3, 4]);
    assert_eq!(after[2].1, "gasbugs/http-go:v2");
    let v2 =
        w.replica_sets_of("http-go").into_iter().find(|rs| rs.spec.template.image() == "gasbugs/http-go:v2").unwrap();
    assert_eq!(v2.metadata.annotations[REVISION_HISTORY_ANNOTATION], "2");
    // Undo twice flips back to v3, now revision 5.
    w.apply(Intent::Undo { deployment: "http-go".into(), to_revision: 0 }).unwrap();
    w.run_until(SimTime::from_secs(160));
    assert_eq!(revisions(&w).iter().map(|r| r.0).collect::<Vec<_>>(), [1, 4, 5]);
    assert!(w.pods.values().all(|p| p.image() == "gasbugs/http-go:v3"));
}

#[test]
fn progress_deadline_marks_failure_but_rolls_nothing_back() {
    let mut d = http_go(3, IntOrPercent::Int(1), IntOrPercent::Int(0));
    d.spec.progress_deadline_seconds = Some(30);
    let mut w = world_with(d);
    w.run_until(SimTime::from_secs(20));
    w.apply(Intent::Push {
        image: "gasbugs/http-go:v2".into(),
        behavior: ImageBehavior { readiness: Health::Failing, ..Default::default() },
    })
    .unwrap();
    set_image(&mut w, "gasbugs/http-go:v2");
    w.run_until(SimTime::from_secs(120));
    assert_eq!(progressing_reason(&w), "ProgressDeadlineExceeded", "{}", trace(&w));
    // The old pods keep serving; the new ReplicaSet stays at its surge.
    let rss = replica_sets(&w);
    assert_eq!(rss.iter().map(|r| r.2).collect::<Vec<_>>(), [3, 1]);
    assert_eq!(w.pods.values().filter(|p| p.status.ready).count(), 3);
}

#[test]
fn min_ready_seconds_separates_ready_from_available() {
    let mut d = http_go(1, IntOrPercent::Int(1), IntOrPercent::Int(0));
    d.spec.min_ready_seconds = 10;
    let mut w = world_with(d);
    let mut available_at = None;
    let mut ready_seen_by_rs_at = None;
    while w.time() < SimTime::from_secs(40) {
        w.step();
        let rs = w.replica_sets_of("http-go")[0];
        if ready_seen_by_rs_at.is_none() && rs.status.ready_replicas == 1 {
            ready_seen_by_rs_at = Some(w.time());
            assert_eq!(rs.status.available_replicas, 0, "Ready is not yet Available");
        }
        if available_at.is_none() && rs.status.available_replicas == 1 {
            available_at = Some(w.time());
        }
    }
    // Counted from the Ready condition's lastTransitionTime, not from the container's start.
    let ready_transition = w.pods.values().next().unwrap().status.ready_transition_time.unwrap();
    let gap = available_at.unwrap() - ready_transition;
    assert!(gap.as_millis() >= 10_000 && gap.as_millis() <= 10_100, "available {gap} after Ready");
    assert!(ready_seen_by_rs_at.unwrap() < available_at.unwrap());
}

#[test]
fn aggressive_liveness_kills_a_slow_starter_and_a_startup_probe_fixes_it() {
    let slow = ImageBehavior { startup_seconds: 30, ..Default::default() };
    let mut d = Deployment::new("http-go", "gasbugs/http-go:slow", 1);
    d.spec.template.containers[0].liveness_probe =
        Some(Probe { period_seconds: 5, failure_threshold: 2, ..Probe::default() });
    let mut w = World::with_nodes(3, 1);
    w.apply(Intent::Push { image: "gasbugs/http-go:slow".into(), behavior: slow }).unwrap();
    w.apply(Intent::Apply { deployment: Box::new(d.clone()) }).unwrap();
    w.run_until(SimTime::from_secs(200));
    let pod = w.pods.values().next().unwrap();
    assert!(pod.status.restart_count >= 3, "restarted {} times", pod.status.restart_count);
    assert!(w.events().iter().any(|e| e.kind == "BackOff"));
    assert!(!pod.status.ready);

    d.spec.template.containers[0].startup_probe =
        Some(Probe { period_seconds: 5, failure_threshold: 12, ..Probe::default() });
    let mut w = World::with_nodes(3, 1);
    w.apply(Intent::Push { image: "gasbugs/http-go:slow".into(), behavior: slow }).unwrap();
    w.apply(Intent::Apply { deployment: Box::new(d) }).unwrap();
    w.run_until(SimTime::from_secs(200));
    let pod = w.pods.values().next().unwrap();
    assert_eq!(pod.status.restart_count, 0);
    assert!(pod.status.ready);
}

#[test]
fn re_pushing_the_same_tag_does_nothing_under_if_not_present() {
    let mut d = Deployment::new("http-go", "gasbugs/http-go:v1", 1);
    d.spec.template.containers[0].readiness_probe = Some(probe(0, 1));
    let mut w = World::with_nodes(5, 1);
    w.apply(Intent::Apply { deployment: Box::new(d) }).unwrap();
    w.run_until(SimTime::from_secs(20));
    let first = w.pods.values().next().unwrap().status.image_id.clone();
    w.apply(Intent::Push { image: "gasbugs/http-go:v1".into(), behavior: ImageBehavior::default() }).unwrap();
    let pod = w.pods.keys().next().unwrap().clone();
    w.apply(Intent::DeletePod { pod }).unwrap();
    w.run_until(SimTime::from_secs(40));
    let replacement = w.pods.values().find(|p| !p.is_terminating()).unwrap();
    assert_eq!(replacement.status.image_id, first, "IfNotPresent runs the node's cached digest");
}

#[test]
fn a_paused_deployment_never_creates_a_replica_set_until_resumed() {
    let mut w = world_with(http_go(3, IntOrPercent::Int(1), IntOrPercent::Int(0)));
    w.run_until(SimTime::from_secs(20));
    w.apply(Intent::Pause { deployment: "http-go".into() }).unwrap();
    set_image(&mut w, "gasbugs/http-go:v2");
    w.run_until(SimTime::from_secs(60));
    assert_eq!(replica_sets(&w).len(), 1);
    assert_eq!(progressing_reason(&w), "DeploymentPaused");
    let refused = w.apply(Intent::Undo { deployment: "http-go".into(), to_revision: 0 }).unwrap_err();
    // Only revision 1 exists, and kubectl looks for the revision to go back to first.
    assert_eq!(refused, "error: no rollout history found for deployment \"http-go\"");
    w.apply(Intent::Resume { deployment: "http-go".into() }).unwrap();
    w.run_until(SimTime::from_secs(120));
    assert_eq!(replica_sets(&w).len(), 2);
    assert!(complete(&w));
}

/// `kubectl rollout restart`: the template's `restartedAt` annotation changes, so the same image
/// rolls out as a new revision (pods replaced within the bounds), and undo goes back to the
/// template without it.
#[test]
fn rollout_restart_rolls_the_same_image_out_as_a_new_revision() {
    let mut w = world_with(http_go(3, IntOrPercent::Int(1), IntOrPercent::Int(0)));
    w.run_until(SimTime::from_secs(20));
    assert!(complete(&w));
    let first_pods: Vec<String> = w.pods.keys().cloned().collect();
    let restart = Intent::Restart { deployment: "http-go".into() };
    assert_eq!(w.apply(restart.clone()).unwrap(), "deployment.apps/http-go restarted");
    assert_eq!(
        w.apply(restart.clone()).unwrap_err(),
        "error: failed to create patch for http-go: if restart has already been triggered within the past second, \
         please wait before attempting to trigger another"
    );
    assert_eq!(deployment(&w).spec.template.annotations[RESTARTED_AT_ANNOTATION], "1970-01-01T00:00:20Z");
    for second in 21..=60 {
        w.run_until(SimTime::from_secs(second));
        surge_bound_holds(&w).unwrap();
        availability_bound_holds(&w).unwrap();
    }
    assert!(complete(&w));
    assert_eq!(
        replica_sets(&w),
        [(1, "gasbugs/http-go:v1".to_string(), 0), (2, "gasbugs/http-go:v1".to_string(), 3)],
        "one image, two revisions"
    );
    let live: Vec<&Pod> = w.pods.values().filter(|p| !p.is_terminating()).collect();
    assert_eq!(live.len(), 3);
    for p in &live {
        assert!(!first_pods.contains(&p.metadata.name), "{} was not replaced", p.metadata.name);
        assert_eq!(p.metadata.annotations[RESTARTED_AT_ANNOTATION], "1970-01-01T00:00:20Z");
    }
    // A restart of a paused Deployment is refused as kubectl refuses it.
    w.apply(Intent::Pause { deployment: "http-go".into() }).unwrap();
    assert_eq!(
        w.apply(restart.clone()).unwrap_err(),
        "error: deployments.apps \"http-go\" can't restart paused deployment (run rollout resume first)"
    );
    w.apply(Intent::Resume { deployment: "http-go".into() }).unwrap();
    // Undo goes back to revision 1's template, which has no annotation: it becomes revision 3.
    w.apply(Intent::Undo { deployment: "http-go".into(), to_revision: 0 }).unwrap();
    w.run_until(SimTime::from_secs(100));
    assert!(complete(&w));
    assert!(deployment(&w).spec.template.annotations.is_empty());
    let mut revisions: Vec<i64> = replica_sets(&w).iter().map(|r| r.0).collect();
    revisions.sort();
    assert_eq!(revisions, [2, 3]);
}

#[test]
fn a_deleted_pod_is_replaced() {
    let mut w = world_with(http_go(3, IntOrPercent::Int(1), IntOrPercent::Int(0)));
    w.run_until(SimTime::from_secs(20));
    let victim = w.pods.keys().next().unwrap().clone();
    w.apply(Intent::DeletePod { pod: victim.clone() }).unwrap();
    w.run_until(SimTime::from_secs(40));
    assert!(!w.pods.contains_key(&victim));
    assert_eq!(w.pods.values().filter(|p| p.status.ready).count(), 3);
}

#[test]
fn seek_shows_the_earlier_moment_exactly() {
    let mut run = Run::new(world_with(http_go(4, IntOrPercent::Int(1), IntOrPercent::Int(1))));
    run.run_until(SimTime::from_secs(20));
    run.act(Intent::SetImage {
        deployment: "http-go".into(),
        container: "http-go".into(),
        image: "gasbugs/http-go:v2".into(),
    })
    .unwrap();
    run.run_until(SimTime::from_secs(27));
    let at_27 = run.world().clone();
    run.run_until(SimTime::from_secs(90));
    run.seek(SimTime::from_secs(27));
    assert_eq!(run.world(), &at_27);
    // From before the learner acted, the act is replayed at its moment.
    run.seek(SimTime::from_secs(10));
    run.seek(SimTime::from_secs(27));
    assert_eq!(run.world(), &at_27);
    // A clone of the run (the page's reducer makes one per action) acts without touching the original.
    let mut other = run.clone();
    other.act(Intent::Scale { deployment: "http-go".into(), replicas: 1 }).unwrap();
    run.seek(SimTime::from_secs(27));
    assert_eq!(run.world(), &at_27);
    run.seek(SimTime::from_secs(90));
    run.seek(SimTime::from_millis(3_300));
    assert_eq!(run.world().time(), SimTime::from_millis(3_300));
}

#[test]
fn a_node_going_down_is_noticed_late_and_its_pods_are_replaced_after_the_toleration() {
    // nodelifecycle: NotReady after node-monitor-grace-period (50 s), eviction after the default
    // 300 s toleration of node.kubernetes.io/unreachable; the ReplicaSet replaces evicted pods.
    let mut w = world_with(http_go(3, IntOrPercent::Int(1), IntOrPercent::Int(0)));
    w.run_until(SimTime::from_secs(30));
    assert_eq!(deployment(&w).status.available_replicas, 3);
    let on = |w: &World, node: &str| -> Vec<String> {
        w.pods.values().filter(|p| p.spec.node_name.as_deref() == Some(node)).map(|p| p.metadata.name.clone()).collect()
    };
    let lost = on(&w, "node-2");
    assert_eq!(lost.len(), 1, "the scheduler spreads three pods over three nodes");
    w.apply(Intent::NodeDown { node: "node-2".into() }).unwrap();

    // For the grace period the control plane still believes the pod is Ready.
    w.run_until(SimTime::from_secs(79));
    assert!(w.nodes["node-2"].ready);
    assert!(w.pods[&lost[0]].status.ready, "{}", trace(&w));
    assert_eq!(deployment(&w).status.ready_replicas, 3);

    w.run_until(SimTime::from_secs(81));
    assert!(!w.nodes["node-2"].ready);
    assert!(!w.pods[&lost[0]].status.ready);
    assert!(trace(&w).contains("node/node-2 NodeNotReady: Node node-2 status is now: NodeNotReady"));
    // Only the Ready condition changed (MarkPodsNotReady): the container's own readiness is the
    // kubelet's, which is away, so kubectl still shows the stale 1/1 Running.
    let row = |w: &World| {
        let pods = rolloutscope::kubectl::read_line(w, "get pods").unwrap().unwrap();
        pods.lines()
            .find(|l| l.starts_with(lost[0].as_str()))
            .unwrap()
            .split_whitespace()
            .skip(1)
            .take(2)
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(row(&w), "1/1 Running");
    let json = rolloutscope::manifest::live::pod(&w.pods[&lost[0]]);
    let condition = |kind: &str| {
        json["status"]["conditions"].as_array().unwrap().iter().find(|c| c["type"] == kind).unwrap()["status"].clone()
    };
    assert_eq!((condition("Ready"), condition("ContainersReady")), ("False".into(), "True".into()));
    assert_eq!(json["status"]["containerStatuses"][0]["ready"], true);
    // NotReady is not gone: the ReplicaSet still counts the pod and starts no replacement.
    w.run_until(SimTime::from_secs(300));
    assert_eq!(w.pods.len(), 3);
    assert_eq!(deployment(&w).status.available_replicas, 2);

    // 300 s after the taint the pod is deleted; it stays Terminating while its kubelet is away,
    // and a replacement comes up on a ready node.
    w.run_until(SimTime::from_secs(400));
    assert!(trace(&w)
        .contains(&format!("pod/{} TaintManagerEviction: Marking for deletion Pod default/{}", lost[0], lost[0])));
    assert!(w.pods[&lost[0]].is_terminating());
    assert_eq!(row(&w), "1/1 Terminating");
    assert_eq!(deployment(&w).status.available_replicas, 3);
    assert!(w.pods.values().filter(|p| !p.is_terminating()).all(|p| p.spec.node_name.as_deref() != Some("node-2")));

    // When the kubelet returns it finishes the evicted pod and the node is Ready again.
    w.apply(Intent::NodeUp { node: "node-2".into() }).unwrap();
    w.run_until(SimTime::from_secs(450));
    assert!(w.nodes["node-2"].ready);
    assert!(!w.pods.contains_key(&lost[0]), "{}", trace(&w));
    assert_eq!(w.pods.len(), 3);
}

#[test]
fn a_node_that_returns_within_the_grace_period_changes_nothing() {
    let mut w = world_with(http_go(3, IntOrPercent::Int(1), IntOrPercent::Int(0)));
    w.run_until(SimTime::from_secs(30));
    w.apply(Intent::NodeDown { node: "node-1".into() }).unwrap();
    w.run_until(SimTime::from_secs(60));
    w.apply(Intent::NodeUp { node: "node-1".into() }).unwrap();
    w.run_until(SimTime::from_secs(200));
    assert!(w.nodes["node-1"].ready);
    assert!(!trace(&w).contains("NodeNotReady"));
    assert_eq!(deployment(&w).status.available_replicas, 3);
    assert_eq!(
        w.apply(Intent::NodeDown { node: "node-9".into() }),
        Err("Error from server (NotFound): nodes \"node-9\" not found".into())
    );
}

#[test]
fn a_strategy_patch_keeps_what_it_leaves_out_and_refuses_zero_zero() {
    let mut w = world_with(http_go(4, IntOrPercent::Int(1), IntOrPercent::Int(1)));
    let patch = |w: &mut World, line: &str| -> Result<String, String> {
        let mut intents = rolloutscope::kubectl::parse(line).unwrap();
        w.apply(intents.remove(0))
    };
    patch(&mut w, r#"kubectl patch deployment http-go -p '{"spec":{"strategy":{"rollingUpdate":{"maxSurge":0}}}}'"#)
        .unwrap();
    assert_eq!(
        deployment(&w).spec.strategy,
        Strategy::RollingUpdate { max_surge: Some(IntOrPercent::Int(0)), max_unavailable: Some(IntOrPercent::Int(1)) }
    );
    let refused = patch(
        &mut w,
        r#"kubectl patch deployment http-go -p '{"spec":{"strategy":{"rollingUpdate":{"maxUnavailable":0}}}}'"#,
    );
    assert_eq!(
        refused,
        Err("The Deployment \"http-go\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0".into())
    );
    assert_eq!(
        deployment(&w).spec.strategy,
        Strategy::RollingUpdate { max_surge: Some(IntOrPercent::Int(0)), max_unavailable: Some(IntOrPercent::Int(1)) },
        "a refused patch changes nothing"
    );
}

/// `kubectl label` of a pod out of its ReplicaSet's selector: `ClaimPods` releases it (it runs on,
/// owned by nothing, out of the Service), the ReplicaSet makes a replacement; labelled back, it is
/// adopted again and the ReplicaSet, one pod over, deletes one.
#[test]
fn a_pod_labelled_out_of_its_replica_set_is_released_and_replaced_then_adopted_back() {
    let knobs = rolloutscope::setup::Knobs::default();
    let mut w = knobs.scenario(1).world();
    w.run_until(SimTime::from_secs(30));
    let n = knobs.replicas as usize;
    let rs = w.replica_sets.keys().next().unwrap().clone();
    let pod = w.pods.keys().next().unwrap().clone();
    assert_eq!(
        kubectl(&mut w, &format!("kubectl label pod {pod} app=debug")),
        Err("error: 'app' already has a value (http-go), and --overwrite is false".into())
    );
    assert_eq!(
        kubectl(&mut w, &format!("kubectl label pod {pod} app=debug --overwrite")),
        Ok(format!("pod/{pod} labeled"))
    );
    w.run_until(SimTime::from_secs(60));
    let orphan = &w.pods[&pod];
    assert_eq!(orphan.metadata.owner, None);
    assert!(orphan.status.ready && !orphan.is_terminating(), "it runs on");
    let owned = |w: &World| w.pods.values().filter(|p| p.metadata.owner.as_deref() == Some(rs.as_str())).count();
    assert_eq!(owned(&w), n, "a replacement");
    assert_eq!(w.pods.len(), n + 1);
    assert!(!w.services["http-go"].programmed.contains(&pod), "out of the Service's selector too");

    assert_eq!(kubectl(&mut w, &format!("label pod/{pod} app=http-go --overwrite")), Ok(format!("pod/{pod} labeled")));
    w.run_until(SimTime::from_secs(90));
    assert_eq!(owned(&w), n, "adopted, and one over: one deleted");
    assert_eq!(w.pods.values().filter(|p| !p.is_terminating()).count(), n);
    assert!(w.events().iter().any(|e| e.kind == "SuccessfulDelete" && e.object == format!("rs/{rs}")));

    // kubectl's and the apiserver's words.
    assert_eq!(kubectl(&mut w, &format!("label pod {pod} app=http-go")), Ok(format!("pod/{pod} not labeled")));
    assert_eq!(
        kubectl(&mut w, &format!("label pod {pod} tier-")),
        Ok(format!("label \"tier\" not found.\npod/{pod} not labeled"))
    );
    assert_eq!(kubectl(&mut w, &format!("label pod {pod} tier=web")), Ok(format!("pod/{pod} labeled")));
    assert_eq!(kubectl(&mut w, &format!("label pod {pod} tier-")), Ok(format!("pod/{pod} unlabeled")));
    assert!(kubectl(&mut w, &format!("label pod {pod} tier=a/b")).unwrap_err().starts_with(&format!(
        "The Pod {pod:?} is invalid: metadata.labels: Invalid value: \"a/b\": a valid label must be an empty string"
    )));
    assert_eq!(
        kubectl(&mut w, "label pod nope a=b"),
        Err("Error from server (NotFound): pods \"nope\" not found".into())
    );
    assert_eq!(kubectl(&mut w, "label pod nope"), Err("error: at least one label update is required".into()));
    assert_eq!(kubectl(&mut w, "label pod nope a=b=c"), Err("error: invalid label spec: a=b=c".into()));
    assert_eq!(kubectl(&mut w, "label deploy/http-go team=web"), Ok("deployment.apps/http-go labeled".into()));
    assert_eq!(w.deployments["http-go"].metadata.labels["team"], "web");
}

/// An application that ignores SIGTERM (a shell as PID 1) keeps running after its pod is deleted,
/// until the kubelet's SIGKILL at the end of `terminationGracePeriodSeconds`; then its container
/// has exited with an error. One that exits on SIGTERM is gone at once.
#[test]
fn an_application_that_ignores_sigterm_runs_until_the_grace_period_ends() {
    let deleted_pod_at = |ignores_sigterm: bool, t: u64| {
        let mut w = World::with_nodes(7, 3);
        let behavior = ImageBehavior { ignores_sigterm, ..ImageBehavior::default() };
        w.apply(Intent::Push { image: "gasbugs/http-go:v1".into(), behavior }).unwrap();
        let mut d = http_go(2, IntOrPercent::Int(1), IntOrPercent::Int(0));
        d.spec.template.termination_grace_period_seconds = 10;
        w.apply(Intent::Apply { deployment: Box::new(d) }).unwrap();
        w.run_until(SimTime::from_secs(20));
        let pod = w.pods.keys().next().unwrap().clone();
        assert_eq!(
            kubectl(&mut w, &format!("delete pod {pod}")),
            Ok(format!("pod \"{pod}\" deleted from default namespace"))
        );
        w.run_until(SimTime::from_secs(t));
        let state = w.pods.get(&pod).map(|p| (p.status.container_state.clone(), p.status.phase));
        (state, trace(&w))
    };
    let (state, trace) = deleted_pod_at(true, 29);
    assert_eq!(state, Some((ContainerState::Running, PodPhase::Running)), "still running 9 s after SIGTERM");
    assert!(trace.contains("ignores SIGTERM"), "{trace}");
    let (state, _) = deleted_pod_at(true, 31);
    let killed = Some((ContainerState::Terminated("Error".into()), PodPhase::Failed));
    assert!(state.is_none() || state == killed, "{state:?}");
    let (state, _) = deleted_pod_at(false, 22);
    assert!(!matches!(state, Some((ContainerState::Running, _))), "{state:?}");
}

/// `minReadySeconds` patched to the progress deadline or past it is refused as the apiserver
/// refuses it (`ValidateDeploymentSpec`: the deadline must be greater); the same value again is
/// "(no change)", and a value under the deadline is a change of the spec, not of the template.
#[test]
fn min_ready_seconds_is_patched_below_the_progress_deadline_only() {
    let mut w = rolloutscope::setup::Knobs::default().scenario(1).world();
    let patch = |s: i32| format!(r#"patch deploy http-go -p '{{"spec":{{"minReadySeconds":{s}}}}}'"#);
    assert_eq!(
        kubectl(&mut w, &patch(600)),
        Err("The Deployment \"http-go\" is invalid: spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds".into())
    );
    assert_eq!(deployment(&w).spec.min_ready_seconds, 0, "refused: nothing changed");
    let generation = deployment(&w).metadata.generation;
    assert_eq!(kubectl(&mut w, &patch(599)), Ok("deployment.apps/http-go patched".into()));
    assert_eq!((deployment(&w).spec.min_ready_seconds, deployment(&w).metadata.generation), (599, generation + 1));
    assert_eq!(kubectl(&mut w, &patch(599)), Ok("deployment.apps/http-go patched (no change)".into()));
    assert_eq!(deployment(&w).metadata.generation, generation + 1);
}

/// A patch is one request: kubectl answers "patched" whatever fields it holds (not "scaled" for
/// `spec.replicas`), and a patch with one refused field changes nothing at all, as the apiserver
/// validates the patched object whole.
#[test]
fn a_deployment_patch_is_answered_and_refused_whole() {
    let mut w = rolloutscope::setup::Knobs::default().scenario(1).world();
    let replicas = deployment(&w).spec.replicas;
    assert_eq!(
        kubectl(&mut w, r#"patch deploy http-go -p '{"spec":{"replicas":7}}'"#),
        Ok("deployment.apps/http-go patched".into())
    );
    assert_eq!(deployment(&w).spec.replicas, 7);
    let refused = kubectl(&mut w, r#"patch deploy http-go -p '{"spec":{"replicas":2,"minReadySeconds":900}}'"#);
    assert!(refused.unwrap_err().ends_with("must be greater than minReadySeconds"));
    assert_eq!((deployment(&w).spec.replicas, deployment(&w).spec.min_ready_seconds), (7, 0), "nothing applied");
    assert_eq!(
        kubectl(&mut w, r#"patch deploy http-go -p '{"spec":{"replicas":7,"minReadySeconds":0}}'"#),
        Ok("deployment.apps/http-go patched (no change)".into())
    );
    assert_ne!(replicas, 7);
}

/// The patch types differ on lists: a strategic merge patch merges a container by name and keeps
/// its probes; a JSON merge patch replaces the list, and the probes are gone; a JSON patch
/// changes one image by index. Each change of the template is a rollout.
#[test]
fn a_merge_patch_replaces_the_containers_and_a_strategic_patch_merges_them() {
    let knobs = rolloutscope::setup::Knobs::default();
    let mut w = knobs.scenario(1).world();
    w.run_until(SimTime::from_secs(30));
    let container = |w: &World| w.deployments["http-go"].spec.template.containers[0].clone();
    assert!(container(&w).readiness_probe.is_some());
    let strategic = r#"patch deploy http-go -p '{"spec":{"template":{"spec":{"containers":[{"name":"http-go","image":"gasbugs/http-go:v2"}]}}}}'"#;
    assert_eq!(kubectl(&mut w, strategic), Ok("deployment.apps/http-go patched".into()));
    assert_eq!(container(&w).image, "gasbugs/http-go:v2");
    assert!(container(&w).readiness_probe.is_some(), "merged by name: the probe stays");
    assert_eq!(kubectl(&mut w, strategic), Ok("deployment.apps/http-go patched (no change)".into()));
    w.run_until(SimTime::from_secs(90));
    assert_eq!(w.deployments["http-go"].metadata.annotations[REVISION_ANNOTATION], "2");

    let merge = r#"patch deploy http-go --type merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"http-go","image":"gasbugs/http-go:v3"}]}}}}'"#;
    assert_eq!(kubectl(&mut w, merge), Ok("deployment.apps/http-go patched".into()));
    let c = container(&w);
    assert_eq!(
        (c.image.as_str(), c.readiness_probe.as_ref(), c.liveness_probe.as_ref()),
        ("gasbugs/http-go:v3", None, None)
    );
    assert_eq!(c.image_pull_policy, PullPolicy::IfNotPresent, "defaulted again from the tag");

    let json = r#"patch deploy http-go --type json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"gasbugs/http-go:v4"}]'"#;
    assert_eq!(kubectl(&mut w, json), Ok("deployment.apps/http-go patched".into()));
    assert_eq!(container(&w).image, "gasbugs/http-go:v4");
    assert_eq!(
        kubectl(&mut w, r#"patch deploy http-go --type json -p '[{"op":"replace","path":"/spec/template/spec/containers/1/image","value":"x"}]'"#),
        Err("Error from server: jsonpatch replace operation does not apply: doc is missing path: /spec/template/spec/containers/1/image".into())
    );
    assert_eq!(
        kubectl(
            &mut w,
            r#"patch deploy http-go --type merge -p '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}'"#
        ),
        Err("The Deployment \"http-go\" is invalid: spec.template.spec.containers[0].name: Required value".into())
    );
    assert_eq!(
        kubectl(&mut w, r#"patch deploy http-go -p '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}'"#),
        Err("Error from server: map: map[image:x] does not contain declared merge key: name".into())
    );
    assert_eq!(container(&w).image, "gasbugs/http-go:v4", "a refused patch changes nothing");
}

/// The kubelet keeps how the container before the current one ended (`lastState.terminated`):
/// exit code 1 for an application that exited with an error, 143 for one killed by SIGTERM after
/// a failed liveness probe, 137 for one that ignores SIGTERM and dies of the SIGKILL. `kubectl
/// get pods` prints RESTARTS as `N (AGE ago)` from it (`printPod`).
#[test]
fn a_restarted_container_keeps_how_the_last_one_ended() {
    let ended = |behavior: ImageBehavior, liveness: bool| {
        let mut d = Deployment::new("http-go", "gasbugs/http-go:x", 1);
        if liveness {
            d.spec.template.containers[0].liveness_probe =
                Some(Probe { period_seconds: 5, failure_threshold: 2, ..Probe::default() });
        }
        let mut w = World::with_nodes(3, 1);
        w.apply(Intent::Push { image: "gasbugs/http-go:x".into(), behavior }).unwrap();
        w.apply(Intent::Apply { deployment: Box::new(d) }).unwrap();
        w.run_until(SimTime::from_secs(60));
        let pod = w.pods.values().next().unwrap().clone();
        let last = pod.status.last_termination.clone().expect("the container was restarted");
        let table = rolloutscope::kubectl::read_line(&w, "get pods").unwrap().unwrap();
        (pod, last, table, w.time())
    };
    let (pod, last, table, now) = ended(ImageBehavior { crash_after_seconds: Some(5), ..Default::default() }, false);
    assert_eq!((last.reason.as_str(), last.exit_code), ("Error", 1));
    assert!(last.started_at < last.finished_at && last.finished_at <= now);
    let ago = (now.as_millis() - last.finished_at.as_millis()) / 1000;
    let restarts = format!("{} ({ago}s ago)", pod.status.restart_count);
    assert!(table.lines().nth(1).unwrap().contains(&restarts), "{table}\nexpected RESTARTS {restarts}");

    let unhealthy = ImageBehavior { liveness: Health::Failing, ..Default::default() };
    assert_eq!(ended(unhealthy, true).1.exit_code, 143);
    assert_eq!(ended(ImageBehavior { ignores_sigterm: true, ..unhealthy }, true).1.exit_code, 137);
}
