/**
 * pkg/controller/deployment/recreate.go (Kubernetes 1.28): the Recreate strategy. All old ReplicaSets
 * go to 0 in one sync; the new ReplicaSet is created (at full size) only once no old pod is left in a
 * non-terminal phase — terminating pods still count until they are gone. The pod-delete handler
 * (controller.ts) resyncs the Deployment when its last pod disappears.
 */
import { isPodTerminal } from './util/pod_util';
import type { PodMap } from './util/pod_util';
import { filterActiveReplicaSets, specReplicas } from './util/replicaset_util';
import {
  deploymentComplete,
  deploymentReplicas,
  getActualReplicaCountForReplicaSets,
} from './util/deployment_util';
import type { DeploymentController } from './controller';
import type { D, RS } from './sync';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import { syncRolloutStatus } from './progress';

/**
 * rolloutRecreate: one sync of a Recreate rollout. `podMap` is read only when the old ReplicaSets
 * report no replicas (so the pods are listed at most once per sync, and only then).
 */
export function rolloutRecreate(dc: DeploymentController, d: D, rsList: RS[], podMap: () => PodMap): void {
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  const activeOldRSs = filterActiveReplicaSets(oldRSs);

  if (scaleDownOldReplicaSetsForRecreate(dc, activeOldRSs, d)) return syncRolloutStatus(dc, allRSs, newRS, d);

  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(dc, allRSs, newRS, d);

  if (!newRS) {
    [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
    allRSs = [...oldRSs, newRS];
  }

  scaleUpNewReplicaSetForRecreate(dc, newRS!, d);

  if (deploymentComplete(d, d.status)) cleanupDeployment(dc, oldRSs, d);

  return syncRolloutStatus(dc, allRSs, newRS, d);
}

/** scaleDownOldReplicaSetsForRecreate: every active old ReplicaSet to 0; true if any was scaled. */
export function scaleDownOldReplicaSetsForRecreate(dc: DeploymentController, oldRSs: RS[], d: D): boolean {
  let scaled = false;
  for (let i = 0; i < oldRSs.length; i++) {
    const rs = oldRSs[i];
    if (specReplicas(rs) === 0) continue;
    const [scaledRS, updatedRS] = scaleReplicaSetAndRecordEvent(dc, rs, 0, d);
    if (scaledRS) {
      oldRSs[i] = updatedRS;
      scaled = true;
    }
  }
  return scaled;
}

/**
 * oldPodsRunning: an old ReplicaSet still reports replicas, or a pod of a ReplicaSet other than the new
 * one is in a phase other than Failed/Succeeded (Pending, Running, Unknown; terminating ones included).
 */
export function oldPodsRunning(
  newRS: RS | undefined,
  oldRSs: RS[],
  podMap: PodMap | (() => PodMap),
): boolean {
  if (getActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  const map = typeof podMap === 'function' ? podMap() : podMap;
  for (const [rsUid, pods] of map) {
    if (newRS && newRS.metadata.uid === rsUid) continue;
    for (const pod of pods) if (!isPodTerminal(pod)) return true;
  }
  return false;
}

/** scaleUpNewReplicaSetForRecreate: the new ReplicaSet to spec.replicas. */
export function scaleUpNewReplicaSetForRecreate(dc: DeploymentController, newRS: RS, d: D): boolean {
  return scaleReplicaSetAndRecordEvent(dc, newRS, deploymentReplicas(d), d)[0];
}
