/**
 * pkg/controller/deployment/progress.go (Kubernetes 1.28): the Progressing condition of a rollout,
 * ReplicaFailure promotion, and the progress-deadline requeue.
 */
import type { DeploymentCondition, DeploymentStatus, ReplicaSet } from '../../api/types';
import { fromTimestamp } from '../../api/time';
import { RETRY_BASE_MS } from '../../runtime/runtime';
import { objectKey } from '../../store/store';
import type { DeploymentController } from './controller';
import type { D, RS } from './sync';
import { calculateStatus, statusEqual } from './sync';
import {
  DEPLOYMENT_PROGRESSING,
  DEPLOYMENT_REPLICA_FAILURE,
  NEW_RS_AVAILABLE_REASON,
  REPLICA_SET_UPDATED_REASON,
  TIMED_OUT_REASON,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getDeploymentCondition,
  hasProgressDeadline,
  newDeploymentCondition,
  removeDeploymentCondition,
  replicaSetToDeploymentCondition,
  setDeploymentCondition,
} from './util/deployment_util';

/**
 * syncRolloutStatus: the status of a rollout sync. With a progress deadline and unless the rollout
 * already completed (replicas = updated and reason NewReplicaSetAvailable), Progressing becomes
 * True `NewReplicaSetAvailable` `ReplicaSet "web-66b6c48dd5" has successfully progressed.` when
 * complete, True `ReplicaSetUpdated` `ReplicaSet "…" is progressing.` (lastUpdateTime refreshed,
 * lastTransitionTime kept from a True condition) on progress, False `ProgressDeadlineExceeded`
 * `ReplicaSet "…" has timed out progressing.` past the deadline (`Deployment "web" …` without a new
 * ReplicaSet). ReplicaFailure comes from the new ReplicaSet, else any old one. An unchanged status
 * schedules the next deadline check instead.
 */
export function syncRolloutStatus(
  dc: DeploymentController,
  allRSs: (RS | undefined)[],
  newRS: RS | undefined,
  d: D,
): void {
  const newStatus = calculateStatus(allRSs, newRS, d, dc.bugs, dc.now);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(newStatus, DEPLOYMENT_PROGRESSING);

  const currentCond = getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING);
  const isCompleteDeployment =
    (newStatus.replicas ?? 0) === (newStatus.updatedReplicas ?? 0) &&
    currentCond !== undefined &&
    currentCond.reason === NEW_RS_AVAILABLE_REASON;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, newStatus)) {
      const c = newDeploymentCondition(
        DEPLOYMENT_PROGRESSING,
        'True',
        NEW_RS_AVAILABLE_REASON,
        `${subject} has successfully progressed.`,
        dc.now,
      );
      setDeploymentCondition(newStatus, c);
    } else if (deploymentProgressing(d, newStatus)) {
      const c = newDeploymentCondition(
        DEPLOYMENT_PROGRESSING,
        'True',
        REPLICA_SET_UPDATED_REASON,
        `${subject} is progressing.`,
        dc.now,
      );
      if (currentCond) {
        if (currentCond.status === 'True') c.lastTransitionTime = currentCond.lastTransitionTime;
        removeDeploymentCondition(newStatus, DEPLOYMENT_PROGRESSING);
      }
      setDeploymentCondition(newStatus, c);
    } else if (deploymentTimedOut(d, newStatus, dc.now)) {
      const c = newDeploymentCondition(
        DEPLOYMENT_PROGRESSING,
        'False',
        TIMED_OUT_REASON,
        `${subject} has timed out progressing.`,
        dc.now,
      );
      setDeploymentCondition(newStatus, c);
    }
  }

  const replicaFailureCond = getReplicaFailures(allRSs, newRS);
  if (replicaFailureCond.length > 0) setDeploymentCondition(newStatus, replicaFailureCond[0]);
  else removeDeploymentCondition(newStatus, DEPLOYMENT_REPLICA_FAILURE);

  if (statusEqual(d.status, newStatus)) {
    requeueStuckDeployment(dc, d, newStatus);
    return;
  }
  d.status = newStatus;
  dc.updateStatus(d);
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure conditions, else those of the others. */
export function getReplicaFailures(
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
): DeploymentCondition[] {
  const conditions: DeploymentCondition[] = [];
  for (const c of newRS?.status?.conditions ?? [])
    if (c.type === DEPLOYMENT_REPLICA_FAILURE) conditions.push(replicaSetToDeploymentCondition(c));
  if (conditions.length > 0) return conditions;
  for (const rs of allRSs) {
    for (const c of rs?.status?.conditions ?? [])
      if (c.type === DEPLOYMENT_REPLICA_FAILURE) conditions.push(replicaSetToDeploymentCondition(c));
  }
  return conditions;
}

/**
 * requeueStuckDeployment: when a rollout with a deadline shows no change, check again at
 * lastUpdateTime + progressDeadlineSeconds (+1 s against clock skew); under a second away, now (rate
 * limited: 5 ms). Returns the wait in ms, 0 for now, −1 for no check (no deadline, no Progressing
 * condition, complete or already timed out). TestRequeueStuckDeployment (deadline 60 s, updated
 * 18:49:00): now 18:49:30 → 30 s; 18:49:59 → 1 s; 18:49:59.000000001, 18:50:00, 18:50:01 → now.
 */
/** The steady state of client-go's default bucket rate limiter (10 qps). */
export const RATE_LIMITED_RECHECK_MS = 100;

export function requeueStuckDeployment(dc: DeploymentController, d: D, newStatus: DeploymentStatus): number {
  const key = objectKey(d.metadata.namespace ?? 'default', d.metadata.name);
  const currentCond = getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING);
  if (!hasProgressDeadline(d) || !currentCond) {
    dc.cancelProgressCheck(key);
    return -1;
  }
  if (deploymentComplete(d, newStatus) || currentCond.reason === TIMED_OUT_REASON) {
    dc.cancelProgressCheck(key);
    return -1;
  }
  const after =
    (fromTimestamp(currentCond.lastUpdateTime) ?? 0) + d.spec!.progressDeadlineSeconds! * 1000 - dc.now;
  if (after < 1000) {
    // Past the deadline without having timed out (the Progressing reason is NewRSAvailable, which
    // DeploymentTimedOut never times out: a pod turned unready after a finished rollout), upstream
    // re-checks rate limited for ever (the queue's 10 qps bucket: every 100 ms). Those checks change
    // nothing, so they are background work and do not keep the cluster from settling.
    if (after < 0 && currentCond.reason === NEW_RS_AVAILABLE_REASON)
      dc.scheduleProgressCheck(d, RATE_LIMITED_RECHECK_MS, true);
    else dc.scheduleProgressCheck(d, RETRY_BASE_MS);
    return 0;
  }
  dc.scheduleProgressCheck(d, after + 1000);
  return after;
}
