/**
 * pkg/controller/deployment/sync.go (Kubernetes 1.28): finding or creating the new ReplicaSet with its
 * revision and annotations, proportional scaling on scaling events and while paused, the
 * revisionHistoryLimit cleanup, and the status arithmetic.
 */
import type {
  Deployment,
  DeploymentCondition,
  DeploymentStatus,
  LabelSelector,
  ReplicaSet,
  Stored,
} from '../../api/types';
import { newControllerRef } from '../../api/pod';
import { deepClone, deepEqual } from '../../util/clone';
import type { DeploymentController } from './controller';
import { isApiError } from './controller';
import { getRollbackTo } from './rollback';
import {
  DEPLOYMENT_AVAILABLE,
  DEPLOYMENT_PROGRESSING,
  FAILED_RS_CREATE_REASON,
  FOUND_NEW_RS_REASON,
  MINIMUM_REPLICAS_AVAILABLE,
  MINIMUM_REPLICAS_UNAVAILABLE,
  NEW_REPLICA_SET_REASON,
  PAUSED_DEPLOY_REASON,
  RESUMED_DEPLOY_REASON,
  REVISION_ANNOTATION,
  TIMED_OUT_REASON,
  byRevision,
  deploymentReplicas,
  equalIgnoreHash,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getActualReplicaCountForReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getDeploymentCondition,
  getDesiredReplicasAnnotation,
  getProportion,
  getReadyReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newDeploymentCondition,
  newRSNewReplicas,
  replicasAnnotationsNeedUpdate,
  setDeploymentCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './util/deployment_util';
import {
  DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY,
  bySizeNewer,
  bySizeOlder,
  computeHash,
  filterActiveReplicaSets,
  specReplicas,
} from './util/replicaset_util';

/** The revision-history annotation keeps at most ~100 entries. */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

export type RS = Stored<ReplicaSet>;
export type D = Stored<Deployment>;

/** syncStatusOnly: a Deployment being deleted only gets its status updated. */
export function syncStatusOnly(dc: DeploymentController, d: D, rsList: RS[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/**
 * sync: a scaling event or a paused Deployment. Scales (proportionally when several ReplicaSets are
 * active), cleans up old ReplicaSets when paused, and writes the status without re-evaluating
 * Progressing. Never creates a ReplicaSet.
 */
export function sync(dc: DeploymentController, d: D, rsList: RS[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  scale(dc, d, newRS, oldRSs);
  if (d.spec?.paused && getRollbackTo(d) === undefined) cleanupDeployment(dc, oldRSs, d);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/**
 * checkPausedConditions: with a progress deadline (and not already timed out), pausing sets
 * Progressing=Unknown `DeploymentPaused` "Deployment is paused", resuming `DeploymentResumed`
 * "Deployment is resumed"; both reset lastUpdateTime so paused time never counts against the deadline.
 */
export function checkPausedConditions(dc: DeploymentController, d: D): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING);
  if (cond && cond.reason === TIMED_OUT_REASON) return;
  const pausedCondExists = cond !== undefined && cond.reason === PAUSED_DEPLOY_REASON;
  let needsUpdate = false;
  if (d.spec?.paused && !pausedCondExists) {
    const c = newDeploymentCondition(
      DEPLOYMENT_PROGRESSING,
      'Unknown',
      PAUSED_DEPLOY_REASON,
      'Deployment is paused',
      dc.now,
    );
    setDeploymentCondition(d.status!, c);
    needsUpdate = true;
  } else if (!d.spec?.paused && pausedCondExists) {
    const c = newDeploymentCondition(
      DEPLOYMENT_PROGRESSING,
      'Unknown',
      RESUMED_DEPLOY_REASON,
      'Deployment is resumed',
      dc.now,
    );
    setDeploymentCondition(d.status!, c);
    needsUpdate = true;
  }
  if (needsUpdate) dc.updateStatus(d);
}

/**
 * getAllReplicaSetsAndSyncRevision: [new ReplicaSet (created when asked and missing), all old ones];
 * the new one's revision is raised to max(old) + 1 when lower.
 */
export function getAllReplicaSetsAndSyncRevision(
  dc: DeploymentController,
  d: D,
  rsList: RS[],
  createIfNotExisted: boolean,
): [RS | undefined, RS[]] {
  const [, allOldRSs] = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(dc, d, rsList, allOldRSs, createIfNotExisted);
  return [newRS, allOldRSs];
}

/** minReadySeconds the new ReplicaSet must carry: the Deployment's (0 with the planted bug). */
export function rsMinReadySeconds(dc: DeploymentController, d: Deployment): number {
  return dc.bug('min-ready-ignored') ? 0 : (d.spec?.minReadySeconds ?? 0);
}

/** labelsutil.CloneSelectorAndAddLabel. */
function cloneSelectorAndAddLabel(
  selector: LabelSelector | undefined,
  key: string,
  value: string,
): LabelSelector {
  const out: LabelSelector = { matchLabels: { ...(selector?.matchLabels ?? {}), [key]: value } };
  if (selector?.matchExpressions) out.matchExpressions = deepClone(selector.matchExpressions);
  return out;
}

/**
 * getNewReplicaSet. An existing new ReplicaSet gets the Deployment's annotations, its revision raised
 * and its minReadySeconds synced — and when anything changed on it the sync moves on at once (the
 * Deployment's own revision annotation follows in a later sync). Otherwise the Deployment's revision
 * annotation and, with no Progressing condition yet, `FoundNewReplicaSet` are written.
 * A missing one is created (when asked) as `<name>-<hash>` with NewRSNewReplicas replicas
 * (`Scaled up replica set web-66b6c48dd5 to 3`, Progressing `NewReplicaSetCreated`). A name taken by a
 * ReplicaSet that is not ours with the same template is a hash collision: collisionCount goes up and
 * the sync fails, to retry with a new hash.
 */
export function getNewReplicaSet(
  dc: DeploymentController,
  d: D,
  rsList: RS[],
  oldRSs: RS[],
  createIfNotExisted: boolean,
): RS | undefined {
  const existingNewRS = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1n);

  if (existingNewRS) {
    const rsCopy = deepClone(existingNewRS);
    const annotationsUpdated = setNewReplicaSetAnnotations(
      d,
      rsCopy,
      newRevision,
      true,
      MAX_REV_HISTORY_LENGTH_IN_CHARS,
      dc.bugs,
    );
    const minReadySeconds = rsMinReadySeconds(dc, d);
    const minReadySecondsNeedsUpdate = (rsCopy.spec?.minReadySeconds ?? 0) !== minReadySeconds;
    if (annotationsUpdated || minReadySecondsNeedsUpdate) {
      rsCopy.spec = { ...rsCopy.spec!, minReadySeconds };
      if (!minReadySeconds) delete rsCopy.spec.minReadySeconds; // omitempty
      return dc.updateRS(rsCopy);
    }
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    const cond = getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING);
    if (hasProgressDeadline(d) && !cond) {
      const msg = `Found new replica set "${rsCopy.metadata.name}"`;
      setDeploymentCondition(
        d.status!,
        newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'True', FOUND_NEW_RS_REASON, msg, dc.now),
      );
      needsUpdate = true;
    }
    if (needsUpdate) dc.updateStatus(d);
    return rsCopy;
  }

  if (!createIfNotExisted) return undefined;

  const template = deepClone(d.spec?.template ?? {});
  const podTemplateSpecHash = computeHash(template, d.status?.collisionCount);
  template.metadata = {
    ...template.metadata,
    labels: {
      ...(template.metadata?.labels ?? {}),
      [DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY]: podTemplateSpecHash,
    },
  };
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${podTemplateSpecHash}`,
      namespace: d.metadata.namespace,
      ownerReferences: [newControllerRef(d)],
      labels: { ...template.metadata.labels },
    },
    spec: {
      replicas: 0,
      ...(rsMinReadySeconds(dc, d) ? { minReadySeconds: rsMinReadySeconds(dc, d) } : {}),
      selector: cloneSelectorAndAddLabel(
        d.spec?.selector,
        DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY,
        podTemplateSpecHash,
      ),
      template,
    },
  };
  const newReplicasCount = newRSNewReplicas(d, [...oldRSs, newRS], newRS, dc.bugs);
  newRS.spec!.replicas = newReplicasCount;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, MAX_REV_HISTORY_LENGTH_IN_CHARS, dc.bugs);

  let createdRS: RS;
  let alreadyExists = false;
  try {
    createdRS = dc.createRS(newRS);
  } catch (err) {
    if (isApiError(err, 'AlreadyExists')) {
      alreadyExists = true;
      const rs = dc.store.get<ReplicaSet>('ReplicaSet', d.metadata.namespace, newRS.metadata!.name!);
      if (!rs) throw err;
      const ref = rs.metadata.ownerReferences?.find((r) => r.controller);
      if (ref && ref.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
        createdRS = rs;
      } else {
        // A hash collision: bump collisionCount and retry with the next hash.
        d.status!.collisionCount = (d.status!.collisionCount ?? 0) + 1;
        try {
          dc.updateStatus(d);
        } catch {
          // the original error is what gets the sync retried
        }
        throw err;
      }
    } else {
      const msg = `Failed to create new replica set "${newRS.metadata!.name}": ${(err as Error).message}`;
      if (hasProgressDeadline(d)) {
        setDeploymentCondition(
          d.status!,
          newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'False', FAILED_RS_CREATE_REASON, msg, dc.now),
        );
        try {
          dc.updateStatus(d);
        } catch {
          // a bigger issue is being reported
        }
      }
      dc.event(d, 'Warning', FAILED_RS_CREATE_REASON, msg);
      throw err;
    }
  }
  if (!alreadyExists && newReplicasCount > 0) {
    dc.event(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled up replica set ${createdRS.metadata.name} to ${newReplicasCount}`,
    );
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    const msg = `Created new replica set "${createdRS.metadata.name}"`;
    setDeploymentCondition(
      d.status!,
      newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'True', NEW_REPLICA_SET_REASON, msg, dc.now),
    );
    needsUpdate = true;
  }
  if (needsUpdate) dc.updateStatus(d);
  return createdRS;
}

/**
 * scale: with at most one active ReplicaSet, that one (or the newest) gets spec.replicas; a saturated
 * new ReplicaSet lets every active old one go to 0; otherwise (RollingUpdate only) the difference
 * between replicas + maxSurge and the current total is spread in proportion to each ReplicaSet's
 * max-replicas annotation, larger ReplicaSets first (newer first when growing, older first when
 * shrinking), the rounding leftover to the first. TestScale: 5→10 with new 2 / old 3 → 4 / 6;
 * 13→8 with 2/8/3 → 1/5/2; 3→4 with 1/1/1 → the newest +1; 3→2 → the oldest −1; 10→20 with surge 2,
 * 6/6 → 11/11.
 */
export function scale(dc: DeploymentController, d: D, newRS: RS | undefined, oldRSs: RS[]): void {
  const replicas = deploymentReplicas(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (specReplicas(activeOrLatest) === replicas) return;
    scaleReplicaSetAndRecordEvent(dc, activeOrLatest, replicas, d);
    return;
  }

  if (isSaturated(d, newRS)) {
    for (const old of filterActiveReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(dc, old, 0, d);
    return;
  }

  if (!isRollingUpdate(d)) return;
  const allRSs = filterActiveReplicaSets([...oldRSs, newRS]);
  const allRSsReplicas = getReplicaCountForReplicaSets(allRSs);
  let allowedSize = 0;
  if (replicas > 0) allowedSize = replicas + maxSurge(d, dc.bugs);
  const toAdd = allowedSize - allRSsReplicas;
  let scalingOperation = '';
  if (toAdd > 0) {
    allRSs.sort(bySizeNewer);
    scalingOperation = 'up';
  } else if (toAdd < 0) {
    allRSs.sort(bySizeOlder);
    scalingOperation = 'down';
  }

  let added = 0;
  const nameToSize = new Map<string, number>();
  for (const rs of allRSs) {
    if (toAdd !== 0) {
      const proportion = getProportion(rs, d, toAdd, added, dc.bugs);
      nameToSize.set(rs.metadata.name, specReplicas(rs) + proportion);
      added += proportion;
    } else {
      nameToSize.set(rs.metadata.name, specReplicas(rs));
    }
  }
  // The leftover goes to the first (largest) ReplicaSet; the planted bug gives it to the last (smallest).
  const leftoverIndex = dc.bug('proportional-leftover-wrong-rs') ? allRSs.length - 1 : 0;
  for (let i = 0; i < allRSs.length; i++) {
    const rs = allRSs[i];
    if (i === leftoverIndex && toAdd !== 0) {
      const size = nameToSize.get(rs.metadata.name)! + toAdd - added;
      nameToSize.set(rs.metadata.name, size < 0 ? 0 : size);
    }
    scaleReplicaSet(dc, rs, nameToSize.get(rs.metadata.name)!, d, scalingOperation);
  }
}

/** scaleReplicaSetAndRecordEvent: scales when the size differs. Returns [scaled, the ReplicaSet now]. */
export function scaleReplicaSetAndRecordEvent(
  dc: DeploymentController,
  rs: RS,
  newScale: number,
  d: D,
): [boolean, RS] {
  if (specReplicas(rs) === newScale) return [false, rs];
  const scalingOperation = specReplicas(rs) < newScale ? 'up' : 'down';
  return scaleReplicaSet(dc, rs, newScale, d, scalingOperation);
}

/**
 * scaleReplicaSet: writes spec.replicas and the desired-replicas / max-replicas annotations (also when
 * only the annotations are stale); a size change records `Scaled up replica set web-6b4c6bd9f to 3
 * from 1` / `Scaled down replica set web-5d78cbb6b to 0 from 1` (1.28 wording).
 */
export function scaleReplicaSet(
  dc: DeploymentController,
  rs: RS,
  newScale: number,
  d: D,
  scalingOperation: string,
): [boolean, RS] {
  const sizeNeedsUpdate = specReplicas(rs) !== newScale;
  const replicas = deploymentReplicas(d);
  const maxReplicas = replicas + maxSurge(d, dc.bugs);
  const annotationsNeedUpdate = replicasAnnotationsNeedUpdate(rs, replicas, maxReplicas);
  let scaled = false;
  if (sizeNeedsUpdate || annotationsNeedUpdate) {
    const oldScale = specReplicas(rs);
    const rsCopy = deepClone(rs);
    rsCopy.spec = { ...rsCopy.spec!, replicas: newScale };
    setReplicasAnnotations(rsCopy, replicas, maxReplicas);
    rs = dc.updateRS(rsCopy);
    if (sizeNeedsUpdate) {
      scaled = true;
      dc.event(
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled ${scalingOperation} replica set ${rs.metadata.name} to ${newScale} from ${oldScale}`,
      );
    }
  }
  return [scaled, rs];
}

/**
 * cleanupDeployment: keeps revisionHistoryLimit old ReplicaSets. Of the `len(old) − limit` lowest
 * revisions (no annotation = revision 0; ties by creation), those with spec and status replicas 0 and
 * an observed generation are deleted; the others are skipped, not replaced by later ones
 * (TestDeploymentController_cleanupDeploymentOrder: revisions 3,1,4,2 with limit 2 → rs of 1 and 2).
 */
export function cleanupDeployment(dc: DeploymentController, oldRSs: RS[], d: D): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => rs && !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - d.spec!.revisionHistoryLimit!;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if (
      (rs.status?.replicas ?? 0) !== 0 ||
      specReplicas(rs) !== 0 ||
      (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) ||
      rs.metadata.deletionTimestamp
    )
      continue;
    try {
      dc.deleteRS(rs);
    } catch (err) {
      if (!isApiError(err, 'NotFound')) throw err;
    }
  }
}

/** syncDeploymentStatus: writes calculateStatus when it differs from the status held. */
export function syncDeploymentStatus(
  dc: DeploymentController,
  allRSs: (RS | undefined)[],
  newRS: RS | undefined,
  d: D,
): void {
  const newStatus = calculateStatus(allRSs, newRS, d, dc.bugs, dc.now);
  if (statusEqual(d.status, newStatus)) return;
  d.status = newStatus;
  dc.updateStatus(d);
}

/** The status fields Kubernetes serialises with omitempty: zeros and empty lists are left out. */
const OMIT_ZERO = [
  'observedGeneration',
  'replicas',
  'updatedReplicas',
  'readyReplicas',
  'availableReplicas',
  'unavailableReplicas',
] as const;

/** A status as the API server returns it: zero counters and an empty condition list omitted. */
export function normalizeStatus(s: DeploymentStatus | undefined): DeploymentStatus {
  const out: DeploymentStatus = { ...(s ?? {}) };
  for (const k of OMIT_ZERO) if (!out[k]) delete out[k];
  if (!out.conditions?.length) delete out.conditions;
  if (out.collisionCount === undefined || out.collisionCount === null) delete out.collisionCount;
  return out;
}

/** reflect.DeepEqual of two statuses (as Go structs: an absent counter is 0). */
export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  return deepEqual(normalizeStatus(a), normalizeStatus(b));
}

/**
 * calculateStatus: replicas = Σ status.replicas, updated = the new RS's status.replicas, ready and
 * available summed, unavailable = max(0, Σ spec.replicas − available), observedGeneration =
 * generation; Available=True `MinimumReplicasAvailable` "Deployment has minimum availability." when
 * available ≥ replicas − maxUnavailable, else False `MinimumReplicasUnavailable` "Deployment does not
 * have minimum availability.". TestDeploymentAvailableCondition (10 replicas, 25%/25%): pods not
 * ready → (10,10,0,0,10) False; ready within minReadySeconds → (10,10,10,0,10) False; available →
 * (10,10,10,10,0) True.
 */
export function calculateStatus(
  allRSs: readonly (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  bugs: ReadonlySet<string>,
  nowMs: number,
): DeploymentStatus {
  const availableReplicas = getAvailableReplicaCountForReplicaSets(allRSs);
  const totalReplicas = getReplicaCountForReplicaSets(allRSs);
  let unavailableReplicas = totalReplicas - availableReplicas;
  if (unavailableReplicas < 0) unavailableReplicas = 0;
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation,
    replicas: getActualReplicaCountForReplicaSets(allRSs),
    updatedReplicas: getActualReplicaCountForReplicaSets([newRS]),
    readyReplicas: getReadyReplicaCountForReplicaSets(allRSs),
    availableReplicas,
    unavailableReplicas,
    collisionCount: d.status?.collisionCount,
  };
  const conditions: DeploymentCondition[] = (d.status?.conditions ?? []).map((c) => ({ ...c }));
  if (conditions.length) status.conditions = conditions;
  if (availableReplicas >= deploymentReplicas(d) - maxUnavailable(d, bugs)) {
    const c = newDeploymentCondition(
      DEPLOYMENT_AVAILABLE,
      'True',
      MINIMUM_REPLICAS_AVAILABLE,
      'Deployment has minimum availability.',
      nowMs,
    );
    setDeploymentCondition(status, c);
  } else {
    const c = newDeploymentCondition(
      DEPLOYMENT_AVAILABLE,
      'False',
      MINIMUM_REPLICAS_UNAVAILABLE,
      'Deployment does not have minimum availability.',
      nowMs,
    );
    setDeploymentCondition(status, c);
  }
  return normalizeStatus(status);
}

/**
 * isScalingEvent: some active ReplicaSet's desired-replicas annotation parses and differs from
 * spec.replicas (ReplicaSets without it are ignored).
 */
export function isScalingEvent(dc: DeploymentController, d: D, rsList: RS[]): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of filterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = getDesiredReplicasAnnotation(rs);
    if (desired === undefined) continue;
    if (desired !== deploymentReplicas(d)) return true;
  }
  return false;
}
