//! `kubectl rollout undo` (`kubectl/pkg/polymorphichelpers/rollback.go` `DeploymentRollbacker`).
//!
//! Rollback is client-side: kubectl copies an old ReplicaSet's template into the Deployment. The
//! controller then finds that ReplicaSet as the "new" one and gives it the next revision number
//! (see `set_new_replica_set_annotations`), which is why revisions 1, 2, 3 become 1, 3, 4.

use crate::sim::objects::*;

/// What `rollout undo` decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RollbackOutcome {
    /// Patch the Deployment's template with this one (hash label removed).
    Patch { template: PodTemplate, to_revision: i64, change_cause: Option<String> },
    /// "skipped rollback (current template already matches revision N)"
    Skipped { revision: i64 },
}

impl RollbackOutcome {
    /// What kubectl prints on success.
    pub fn message(&self, deployment: &str) -> String {
        match self {
            RollbackOutcome::Patch { .. } => format!("deployment.apps/{deployment} rolled back"),
            RollbackOutcome::Skipped { revision } => {
                format!("deployment.apps/{deployment} skipped rollback (current template already matches revision {revision})")
            }
        }
    }
}

/// `DeploymentRollbacker.Rollback`: `to_revision` 0 means the previous revision. Errors are
/// kubectl's own messages.
pub fn rollback(d: &Deployment, rss: &[ReplicaSet], to_revision: i64) -> Result<RollbackOutcome, String> {
    // The revision is looked for first, as kubectl does: a paused Deployment with no revision to
    // go back to gets that error, not the one about pausing.
    let rs = rollback_target(d, rss, to_revision)?;
    if d.spec.paused {
        // kubectl's words since 1.26 (kubernetes/kubectl 98416d7c8; before, the command named the
        // Deployment: 'kubectl rollout resume deployment/NAME').
        return Err(
            "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again"
                .into(),
        );
    }
    let revision = rs.revision();
    if rs.spec.template.eq_ignore_hash(&d.spec.template) {
        return Ok(RollbackOutcome::Skipped { revision });
    }
    Ok(RollbackOutcome::Patch {
        template: rs.spec.template.without_hash(),
        to_revision: revision,
        change_cause: rs.metadata.annotations.get(CHANGE_CAUSE_ANNOTATION).cloned(),
    })
}

/// `deploymentRevision`: the ReplicaSet with `to_revision`, or for 0 the one with the second
/// highest revision.
fn rollback_target<'a>(d: &Deployment, rss: &'a [ReplicaSet], to_revision: i64) -> Result<&'a ReplicaSet, String> {
    if to_revision > 0 {
        return rss
            .iter()
            .find(|rs| rs.revision() == to_revision)
            .ok_or_else(|| format!("unable to find specified revision {to_revision} in history"));
    }
    let mut latest: Option<&ReplicaSet> = None;
    let mut previous: Option<&ReplicaSet> = None;
    for rs in rss {
        let v = rs.revision();
        if latest.is_none_or(|l| v > l.revision()) {
            previous = latest;
            latest = Some(rs);
        } else if previous.is_none_or(|p| v > p.revision()) {
            previous = Some(rs);
        }
    }
    previous
        .filter(|p| p.revision() > 0)
        .ok_or_else(|| format!("no rollout history found for deployment {:?}", d.metadata.name))
}

#[cfg(test)]
mod tests {
    use super::super::tests::*;
    use super::*;
    use crate::sim::objects::IntOrPercent::Int;

    fn history() -> (Deployment, Vec<ReplicaSet>) {
        let d = deployment("web", "app:v3", 2, Int(1), Int(0));
        let rss = vec![
            rs_for(&deployment("web", "app:v1", 2, Int(1), Int(0)), 0, 0, 1),
            rs_for(&deployment("web", "app:v2", 2, Int(1), Int(0)), 0, 0, 2),
            rs_for(&d, 2, 2, 3),
        ];
        (d, rss)
    }

    #[test]
    fn undo_goes_to_the_previous_revision() {
        let (d, rss) = history();
        match rollback(&d, &rss, 0).unwrap() {
            RollbackOutcome::Patch { template, to_revision, .. } => {
                assert_eq!(to_revision, 2);
                assert_eq!(template.image(), "app:v2");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn undo_to_a_missing_revision_is_an_error() {
        let (d, rss) = history();
        assert_eq!(rollback(&d, &rss, 7).unwrap_err(), "unable to find specified revision 7 in history");
    }

    #[test]
    fn undo_to_the_current_template_is_skipped() {
        let (d, rss) = history();
        let out = rollback(&d, &rss, 3).unwrap();
        assert_eq!(out, RollbackOutcome::Skipped { revision: 3 });
        assert_eq!(
            out.message("web"),
            "deployment.apps/web skipped rollback (current template already matches revision 3)"
        );
    }

    #[test]
    fn undo_is_refused_while_paused() {
        let (mut d, rss) = history();
        d.spec.paused = true;
        assert_eq!(
            rollback(&d, &rss, 0).unwrap_err(),
            "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again"
        );
    }

    #[test]
    fn undo_without_history_says_so() {
        let d = deployment("web", "app:v1", 2, Int(1), Int(0));
        let rss = vec![rs_for(&d, 2, 2, 1)];
        assert_eq!(rollback(&d, &rss, 0).unwrap_err(), "no rollout history found for deployment \"web\"");
        // Even when paused: kubectl looks for the revision first.
        let mut paused = d.clone();
        paused.spec.paused = true;
        assert_eq!(rollback(&paused, &rss, 0).unwrap_err(), "no rollout history found for deployment \"web\"");
    }
}
