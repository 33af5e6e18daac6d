/**
 * pkg/controller/deployment/rollback.go (Kubernetes 1.28): the legacy controller-side rollback,
 * requested with the annotation `deprecated.deployment.rollback.to: "<revision>"` (0 = the previous
 * revision). The ReplicaSet of that revision lends its template (without the hash label) and its
 * non-skipped annotations to the Deployment; the next sync then finds that ReplicaSet as the new one
 * and raises its revision. kubectl's `rollout undo` patches the Deployment itself instead.
 */
import type { Deployment, ReplicaSet } from '../../api/types';
import type { DeploymentController } from './controller';
import type { D, RS } from './sync';
import { getAllReplicaSetsAndSyncRevision } from './sync';
import {
  DEPRECATED_ROLLBACK_TO_ANNOTATION,
  ROLLBACK_DONE,
  ROLLBACK_REVISION_NOT_FOUND,
  ROLLBACK_TEMPLATE_UNCHANGED,
  equalIgnoreHash,
  lastRevision,
  parseInt64,
  revisionOf,
  setDeploymentAnnotationsTo,
  setFromReplicaSetTemplate,
} from './util/deployment_util';

export interface RollbackConfig {
  revision: bigint;
}

/** getRollbackTo: the requested revision, or undefined when the annotation is absent, empty or not an integer. */
export function getRollbackTo(d: Deployment): RollbackConfig | undefined {
  const revision = d.metadata?.annotations?.[DEPRECATED_ROLLBACK_TO_ANNOTATION];
  if (!revision) return undefined;
  const v = parseInt64(revision);
  return v === undefined ? undefined : { revision: v };
}

/** setRollbackTo(d, nil): removes the request. */
function clearRollbackTo(d: Deployment): void {
  const annotations = d.metadata?.annotations;
  if (annotations) delete annotations[DEPRECATED_ROLLBACK_TO_ANNOTATION];
}

/**
 * rollback: revision 0 means LastRevision (the second highest); none → Warning
 * `DeploymentRollbackRevisionNotFound` "Unable to find last revision."; an unknown revision → "Unable to
 * find the revision to rollback to."; the current template → Warning
 * `DeploymentRollbackTemplateUnchanged`; otherwise Normal `DeploymentRollback` `Rolled back deployment
 * "web" to revision 1`. The request is cleared in every case with one Deployment update.
 */
export function rollback(dc: DeploymentController, d: D, rsList: RS[]): void {
  const [newRS, allOldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...allOldRSs, newRS];
  const rollbackTo = getRollbackTo(d)!;
  if (rollbackTo.revision === 0n) {
    rollbackTo.revision = lastRevision(allRSs);
    if (rollbackTo.revision === 0n) {
      dc.event(d, 'Warning', ROLLBACK_REVISION_NOT_FOUND, 'Unable to find last revision.');
      updateDeploymentAndClearRollbackTo(dc, d);
      return;
    }
  }
  for (const rs of allRSs) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (v === rollbackTo.revision) {
      const performedRollback = rollbackToTemplate(dc, d, rs!);
      if (performedRollback)
        dc.event(
          d,
          'Normal',
          ROLLBACK_DONE,
          `Rolled back deployment "${d.metadata.name}" to revision ${rollbackTo.revision}`,
        );
      return;
    }
  }
  dc.event(d, 'Warning', ROLLBACK_REVISION_NOT_FOUND, 'Unable to find the revision to rollback to.');
  updateDeploymentAndClearRollbackTo(dc, d);
}

/**
 * rollbackToTemplate: copies the ReplicaSet's template and annotations into the Deployment when the
 * templates differ (ignoring the hash); clears the request either way. True if it rolled back.
 */
export function rollbackToTemplate(dc: DeploymentController, d: D, rs: ReplicaSet): boolean {
  let performedRollback = false;
  if (!equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
    setFromReplicaSetTemplate(d, rs.spec?.template);
    setDeploymentAnnotationsTo(d, rs);
    performedRollback = true;
  } else {
    dc.event(
      d,
      'Warning',
      ROLLBACK_TEMPLATE_UNCHANGED,
      `The rollback revision contains the same template as current deployment "${d.metadata.name}"`,
    );
  }
  updateDeploymentAndClearRollbackTo(dc, d);
  return performedRollback;
}

/** updateDeploymentAndClearRollbackTo: one Update of the Deployment without the request. */
export function updateDeploymentAndClearRollbackTo(dc: DeploymentController, d: D): void {
  clearRollbackTo(d);
  dc.updateDeployment(d);
}
