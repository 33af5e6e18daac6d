/**
 * ReplicaSet status (pkg/controller/replicaset/replica_set_utils.go: `calculateStatus`,
 * `updateReplicaSetStatus`, the condition helpers); deployment.md §13, §14.
 *
 *   replicas             = active pods the ReplicaSet owns (terminating, Failed and Succeeded excluded)
 *   fullyLabeledReplicas = those whose labels include every template label
 *   readyReplicas        = those with Ready=True
 *   availableReplicas    = those Ready for minReadySeconds (isPodAvailable)
 *   ReplicaFailure       = True, reason FailedCreate (too few pods) or FailedDelete (too many), message
 *                          the error, added when a sync's create/delete fails and none is present;
 *                          removed by the next sync that succeeds.
 * Example: spec 3, minReadySeconds 10, three pods Ready since t=0 → at t=5 s ready 3, available 0;
 * at t=10 s ready 3, available 3.
 */
import type { Pod, ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from '../../api/types';
import { isPodAvailable, isPodReady, podAvailableAt } from '../../api/pod';
import { toTimestamp } from '../../api/time';
import { deepClone, deepEqual } from '../../util/clone';

export const REPLICA_FAILURE = 'ReplicaFailure';
export const FAILED_CREATE_REASON = 'FailedCreate';
export const FAILED_DELETE_REASON = 'FailedDelete';

export function getCondition(
  status: ReplicaSetStatus | undefined,
  type: string,
): ReplicaSetCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** SetCondition: replaces a condition of the same type unless status and reason are unchanged. */
export function setCondition(status: ReplicaSetStatus, cond: ReplicaSetCondition): void {
  const current = getCondition(status, cond.type);
  if (current && current.status === cond.status && current.reason === cond.reason) return;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), cond];
}

export function removeCondition(status: ReplicaSetStatus, type: string): void {
  const rest = (status.conditions ?? []).filter((c) => c.type !== type);
  if (rest.length) status.conditions = rest;
  else delete status.conditions;
}

/**
 * The counts calculateStatus needs, accumulated pod by pod (so a sync can count while it claims, in
 * one pass over a large ReplicaSet's pods).
 */
export class PodCounts {
  replicas = 0;
  fullyLabeled = 0;
  ready = 0;
  available = 0;
  /** Earliest virtual time a Ready but not yet available pod becomes available (Infinity if none). */
  nextAvailableAt = Infinity;
  private readonly tKeys: string[];
  private readonly tValues: string[];
  private readonly minReadySeconds: number;

  constructor(
    rs: ReplicaSet,
    /** The virtual time availability is judged at. */
    public now: number,
  ) {
    const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
    this.tKeys = Object.keys(templateLabels);
    this.tValues = this.tKeys.map((k) => templateLabels[k]);
    this.minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  }

  snapshot(): { replicas: number; fullyLabeled: number; ready: number; available: number } {
    return {
      replicas: this.replicas,
      fullyLabeled: this.fullyLabeled,
      ready: this.ready,
      available: this.available,
    };
  }

  add(pod: Pod): void {
    this.count(pod, 1);
  }

  /**
   * Takes back what add counted for a pod. Only exact for a pod that is not Ready, or Ready and
   * available (one still waiting out minReadySeconds may have set nextAvailableAt).
   */
  remove(pod: Pod): void {
    this.count(pod, -1);
  }

  private count(pod: Pod, sign: 1 | -1): void {
    this.replicas += sign;
    const labels = pod.metadata?.labels;
    let full = true;
    for (let i = 0; i < this.tKeys.length && full; i++) full = labels?.[this.tKeys[i]] === this.tValues[i];
    if (full) this.fullyLabeled += sign;
    if (!isPodReady(pod)) return;
    this.ready += sign;
    if (this.minReadySeconds === 0 || isPodAvailable(pod, this.minReadySeconds, this.now)) {
      this.available += sign;
      return;
    }
    if (sign < 0) return;
    const at = podAvailableAt(pod, this.minReadySeconds);
    if (at !== undefined && at < this.nextAvailableAt) this.nextAvailableAt = at;
  }

  static of(rs: ReplicaSet, pods: readonly Pod[], now: number): PodCounts {
    const c = new PodCounts(rs, now);
    for (const p of pods) c.add(p);
    return c;
  }
}

/** calculateStatus: the new status from the claimed active pods and the manageReplicas error. */
export function calculateStatus(
  rs: ReplicaSet,
  pods: readonly Pod[] | PodCounts,
  manageReplicasErr: Error | undefined,
  now: number,
): ReplicaSetStatus {
  const counts = pods instanceof PodCounts ? pods : PodCounts.of(rs, pods, now);
  const status: ReplicaSetStatus = deepClone(rs.status ?? { replicas: 0 });
  const failure = getCondition(rs.status, REPLICA_FAILURE);
  if (manageReplicasErr && !failure) {
    const diff = counts.replicas - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? FAILED_CREATE_REASON : diff > 0 ? FAILED_DELETE_REASON : '';
    setCondition(status, {
      type: REPLICA_FAILURE,
      status: 'True',
      lastTransitionTime: toTimestamp(now),
      reason,
      message: manageReplicasErr.message,
    });
  } else if (!manageReplicasErr && failure) {
    removeCondition(status, REPLICA_FAILURE);
  }
  // As the JSON of apps/v1 ReplicaSetStatus: replicas always, the other counts omitted when zero.
  status.replicas = counts.replicas;
  setCount(status, 'fullyLabeledReplicas', counts.fullyLabeled);
  setCount(status, 'readyReplicas', counts.ready);
  setCount(status, 'availableReplicas', counts.available);
  return status;
}

function setCount(
  status: ReplicaSetStatus,
  field: 'fullyLabeledReplicas' | 'readyReplicas' | 'availableReplicas',
  n: number,
): void {
  if (n) status[field] = n;
  else delete status[field];
}

/**
 * Whether updateReplicaSetStatus has anything to write: the counts, the conditions, or an
 * observedGeneration behind metadata.generation.
 */
export function statusNeedsUpdate(rs: ReplicaSet, next: ReplicaSetStatus): boolean {
  const cur: Partial<ReplicaSetStatus> = rs.status ?? {};
  return (
    (cur.replicas ?? 0) !== (next.replicas ?? 0) ||
    (cur.fullyLabeledReplicas ?? 0) !== (next.fullyLabeledReplicas ?? 0) ||
    (cur.readyReplicas ?? 0) !== (next.readyReplicas ?? 0) ||
    (cur.availableReplicas ?? 0) !== (next.availableReplicas ?? 0) ||
    (rs.metadata?.generation ?? 0) !== (cur.observedGeneration ?? 0) ||
    !deepEqual(cur.conditions ?? [], next.conditions ?? [])
  );
}
