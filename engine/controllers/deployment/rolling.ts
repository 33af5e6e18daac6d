/**
 * pkg/controller/deployment/rolling.go (Kubernetes 1.28): the RollingUpdate strategy. Each sync makes
 * one phase of progress: scale the new ReplicaSet up (then stop), else scale old ones down (then stop),
 * else, once the stored status says the rollout is complete, clean up old ReplicaSets.
 *
 * Typical sequences (old/new sizes after each sync, new pods available between syncs), spec §6.5:
 * 10 replicas 25%/25% → create new=3 & old→8 (8/3); 8/5; 3/5; 3/10; 0/10.
 * 3 replicas → 3/1; 2/1; 2/2; 1/2; 1/3; 0/3. A new image that never gets available stalls 10 at 8/5.
 */
import { specReplicas, filterActiveReplicaSets, byCreationTimestamp } from './util/replicaset_util';
import {
  deploymentComplete,
  deploymentReplicas,
  getAvailableReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  maxUnavailable,
  newRSNewReplicas,
} from './util/deployment_util';
import type { DeploymentController } from './controller';
import type { D, RS } from './sync';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import { syncRolloutStatus } from './progress';

/** rolloutRolling: one sync of a RollingUpdate rollout (may create the new ReplicaSet). */
export function rolloutRolling(dc: DeploymentController, d: D, rsList: RS[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...oldRSs, newRS];

  if (reconcileNewReplicaSet(dc, allRSs, newRS!, d)) return syncRolloutStatus(dc, allRSs, newRS, d);

  if (reconcileOldReplicaSets(dc, allRSs, filterActiveReplicaSets(oldRSs), newRS!, d))
    return syncRolloutStatus(dc, allRSs, newRS, d);

  if (deploymentComplete(d, d.status)) cleanupDeployment(dc, oldRSs, d);

  return syncRolloutStatus(dc, allRSs, newRS, d);
}

/**
 * reconcileNewReplicaSet: scale the new ReplicaSet down to replicas when above, else up to
 * NewRSNewReplicas. Returns whether it scaled. Table (maxUnavailable 0): replicas 10, surge 0,
 * old 10, new 0 → no; surge 2, old 10, new 0 → 2; surge 2, old 5, new 0 → 7; surge 2, old 10, new 2 →
 * no; surge 2, old 2, new 11 → 10.
 */
export function reconcileNewReplicaSet(
  dc: DeploymentController,
  allRSs: (RS | undefined)[],
  newRS: RS,
  d: D,
): boolean {
  const replicas = deploymentReplicas(d);
  if (specReplicas(newRS) === replicas) return false;
  if (specReplicas(newRS) > replicas) return scaleReplicaSetAndRecordEvent(dc, newRS, replicas, d)[0];
  const newReplicasCount = newRSNewReplicas(d, allRSs, newRS, dc.bugs);
  return scaleReplicaSetAndRecordEvent(dc, newRS, newReplicasCount, d)[0];
}

/**
 * reconcileOldReplicaSets: maxScaledDown = Σspec(all) − minAvailable − (spec(new) − available(new));
 * nothing when ≤ 0. First unhealthy old replicas are removed (oldest ReplicaSet first, at most
 * maxScaledDown), then old replicas while available > minAvailable (oldest first). Errors of either
 * step end the step quietly, as upstream. Table (replicas 10, surge 0): maxUnavailable 0, old 10 all
 * available → 9; maxUnavailable 2 → 8; 8 of 10 available → 8; 9 of 10 → 8; old 8 + new 2 unavailable
 * → nothing.
 */
export function reconcileOldReplicaSets(
  dc: DeploymentController,
  allRSs: (RS | undefined)[],
  oldRSs: RS[],
  newRS: RS,
  d: D,
): boolean {
  // planted bug: the new ReplicaSet counts as fully available
  if (dc.bug('scale-down-before-available')) newRS = withAvailable(newRS, specReplicas(newRS));
  const oldPodsCount = getReplicaCountForReplicaSets(oldRSs);
  if (oldPodsCount === 0) return false;
  const allPodsCount = getReplicaCountForReplicaSets(allRSs);
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d, dc.bugs);
  const newRSUnavailablePodCount = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;

  let cleanupCount: number;
  try {
    [oldRSs, cleanupCount] = cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  } catch {
    return false;
  }

  let scaledDownCount: number;
  try {
    scaledDownCount = scaleDownOldReplicaSetsForRollingUpdate(dc, [...oldRSs, newRS], oldRSs, d);
  } catch {
    return false;
  }
  return cleanupCount + scaledDownCount > 0;
}

/** A copy of rs whose status reports `available` available replicas. */
function withAvailable(rs: RS, available: number): RS {
  return { ...rs, status: { ...rs.status, availableReplicas: available } } as RS;
}

/**
 * cleanupUnhealthyReplicas: scales old ReplicaSets (oldest first) down by their unavailable replicas,
 * at most maxCleanupCount in all. Sorts oldRSs in place and puts the updated objects in it.
 * Table (old 10, 8 available): max 1 → 1; max 3 → 2; max 0 → 0; 10 available, max 3 → 0.
 */
export function cleanupUnhealthyReplicas(
  dc: DeploymentController,
  oldRSs: RS[],
  d: D,
  maxCleanupCount: number,
): [RS[], number] {
  oldRSs.sort(byCreationTimestamp);
  let totalScaledDown = 0;
  for (let i = 0; i < oldRSs.length; i++) {
    const targetRS = oldRSs[i];
    if (totalScaledDown >= maxCleanupCount) break;
    const size = specReplicas(targetRS);
    if (size === 0) continue;
    const available = targetRS.status?.availableReplicas ?? 0;
    if (size === available) continue;
    const scaledDownCount = Math.min(maxCleanupCount - totalScaledDown, size - available);
    const newReplicasCount = size - scaledDownCount;
    if (newReplicasCount > size) {
      throw new Error(
        `when cleaning up unhealthy replicas, got invalid request to scale down ${targetRS.metadata.namespace}/${targetRS.metadata.name} ${size} -> ${newReplicasCount}`,
      );
    }
    const [, updatedOldRS] = scaleReplicaSetAndRecordEvent(dc, targetRS, newReplicasCount, d);
    totalScaledDown += scaledDownCount;
    oldRSs[i] = updatedOldRS;
  }
  return [oldRSs, totalScaledDown];
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: with available (all ReplicaSets, as read at the start of
 * the sync) above minAvailable, old ReplicaSets lose `available − minAvailable` replicas, oldest
 * first. Table (replicas 10, old 10): maxUnavailable 0, 10 available → 9; maxUnavailable 2 → 8;
 * 8 available → none; old 0 → none; 1 available → none.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(
  dc: DeploymentController,
  allRSs: (RS | undefined)[],
  oldRSs: RS[],
  d: D,
): number {
  const minAvailable = deploymentReplicas(d) - maxUnavailable(d, dc.bugs);
  const availablePodCount = getAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0;
  oldRSs.sort(byCreationTimestamp);
  let totalScaledDown = 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  for (const targetRS of oldRSs) {
    if (totalScaledDown >= totalScaleDownCount) break;
    const size = specReplicas(targetRS);
    if (size === 0) continue;
    const scaleDownCount = Math.min(size, totalScaleDownCount - totalScaledDown);
    const newReplicasCount = size - scaleDownCount;
    if (newReplicasCount > size) {
      throw new Error(
        `when scaling down old RS, got invalid request to scale down ${targetRS.metadata.namespace}/${targetRS.metadata.name} ${size} -> ${newReplicasCount}`,
      );
    }
    scaleReplicaSetAndRecordEvent(dc, targetRS, newReplicasCount, d);
    totalScaledDown += scaleDownCount;
  }
  return totalScaledDown;
}
