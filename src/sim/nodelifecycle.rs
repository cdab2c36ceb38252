//! The node lifecycle controller (`pkg/controller/nodelifecycle`) and taint-based eviction, for
//! the fault "a node goes down".
//!
//! When a node's kubelet stops (power lost, network cut: the control plane cannot tell which), at
//! first nothing changes: its pods still look Ready and stay in the Service's endpoints. After
//! `node-monitor-grace-period` without a status the controller marks the node NotReady, marks its
//! pods NotReady (`MarkPodsNotReady`) and taints the node `node.kubernetes.io/unreachable:NoExecute`.
//! Pods tolerate that taint for 300 s (the `DefaultTolerationSeconds` admission plugin); then they
//! are deleted, and the ReplicaSet replaces them on other nodes. They stay Terminating until the
//! kubelet returns to finish them.

use super::objects::{Node, Pod};
use super::time::{SimDuration, SimTime};
use super::why::Why;

/// `--node-monitor-grace-period`: 50 s since Kubernetes 1.32 (40 s before).
pub const NODE_MONITOR_GRACE_PERIOD: SimDuration = SimDuration::from_secs(50);
/// `tolerationSeconds` the DefaultTolerationSeconds plugin gives every pod for
/// `node.kubernetes.io/unreachable` and `not-ready`.
pub const DEFAULT_TOLERATION: SimDuration = SimDuration::from_secs(300);

/// What the controller did: an event about `object` (`node/NAME`, `pod/NAME`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeEvent {
    pub object: String,
    pub reason: &'static str,
    pub message: String,
    pub why: Why,
}

/// A node the controller has nothing to do for: its kubelet runs, it is Ready and untainted.
pub fn healthy(node: &Node) -> bool {
    node.kubelet_stopped_at.is_none() && node.ready && node.unreachable_taint_at.is_none()
}

/// One pass of the controller over every node and the pods bound to it.
pub fn monitor<'a>(nodes: impl Iterator<Item = &'a mut Node>, pods: &mut [&mut Pod], now: SimTime) -> Vec<NodeEvent> {
    let mut out = Vec::new();
    for node in nodes {
        let name = node.name.clone();
        let on_node = |p: &Pod| p.spec.node_name.as_deref() == Some(name.as_str());
        match node.kubelet_stopped_at {
            Some(stopped) if node.ready && now.saturating_since(stopped) >= NODE_MONITOR_GRACE_PERIOD => {
                node.ready = false;
                node.unreachable_taint_at = Some(now);
                out.push(NodeEvent {
                    object: format!("node/{}", node.name),
                    reason: "NodeNotReady",
                    message: format!("Node {} status is now: NodeNotReady", node.name),
                    why: Why::NodeStoppedReporting { grace: NODE_MONITOR_GRACE_PERIOD },
                });
                for pod in pods.iter_mut().filter(|p| on_node(p)) {
                    if pod.status.ready {
                        pod.status.ready = false;
                        pod.status.ready_transition_time = Some(now);
                    }
                    out.push(NodeEvent {
                        object: format!("pod/{}", pod.metadata.name),
                        reason: "NodeNotReady",
                        message: "Node is not ready".into(),
                        why: Why::PodOnNotReadyNode,
                    });
                }
            }
            None if !node.ready => {
                node.ready = true;
                node.unreachable_taint_at = None;
                out.push(NodeEvent {
                    object: format!("node/{}", node.name),
                    reason: "NodeReady",
                    message: format!("Node {} status is now: NodeReady", node.name),
                    why: Why::NodeReportsAgain,
                });
            }
            _ => {}
        }
        let evict = node.unreachable_taint_at.is_some_and(|t| now.saturating_since(t) >= DEFAULT_TOLERATION);
        if evict {
            for pod in pods.iter_mut().filter(|p| on_node(p) && p.metadata.deletion_timestamp.is_none()) {
                pod.metadata.deletion_timestamp = Some(now);
                out.push(NodeEvent {
                    object: format!("pod/{}", pod.metadata.name),
                    reason: "TaintManagerEviction",
                    message: format!("Marking for deletion Pod default/{}", pod.metadata.name),
                    why: Why::UnreachableTolerationOver { toleration: DEFAULT_TOLERATION },
                });
            }
        }
    }
    out
}
