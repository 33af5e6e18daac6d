/**
 * The StatefulSet reconcile: revisions, the slot walk (processReplica ascending, processCondemned
 * descending), the rolling updates, status and history truncation.
 *
 * Mirrors k8s: pkg/controller/statefulset/stateful_set_control.go (UpdateStatefulSet,
 * performUpdate, getStatefulSetRevisions, updateStatefulSet, processReplica, processCondemned,
 * runForAll, slowStartBatch, updateStatefulSetAfterInvariantEstablished, updateStatefulSetStatus,
 * truncateHistory). Behaviour reference: ../shared/spec/statefulset.md §5–§8, with the
 * "unavailable" predicate of PR #130909 (minReadySeconds-aware, §0).
 *
 * One call of UpdateStatefulSet is one sync. In OrderedReady it makes at most one creation or one
 * deletion; in Parallel it creates every missing pod and deletes every condemned pod at once.
 */
import type { ControllerContext } from '../context';
import type { ControllerRevision, Pod, StatefulSet, Stored } from '../../api/types';
import { fromLabelSelector } from '../../api/selectors';
import { deepClone } from '../../util/clone';
import {
  History,
  equalRevision,
  findEqualRevisions,
  newControllerRevision,
  sortControllerRevisions,
} from './history';
import { COMPONENT, StatefulPodControl, aggregate, isApiReason } from './stateful_pod_control';
import { planted } from './planted';
import {
  ComputedStatus,
  OnDeleteStatefulSetStrategyType,
  allowsBurst,
  applyRevision,
  ascendingOrdinal,
  completeRollingUpdate,
  descendingOrdinal,
  getEndOrdinal,
  getOrdinal,
  getPatch,
  getPodRevision,
  getStartOrdinal,
  getStatefulSetMaxUnavailable,
  identityMatches,
  inconsistentStatus,
  isCreated,
  isFailed,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  isUnavailable,
  minReadySecondsOf,
  newVersionedStatefulSetPod,
  nextRevision,
  podInOrdinalRange,
  replicasOf,
  revisionHistoryLimitOf,
  storageMatches,
  toStatefulSetStatus,
  updateStrategyOf,
} from './utils';

/** Realistic maximum of in-flight requests in Parallel mode (slowStartBatch cap). */
export const MaxBatchSize = 500;

/** What a step of the walk returns: stop the walk (monotonic), or an error. */
export type StepFn = (i: number) => boolean;

/** The outcome of runForAll: whether the caller must stop, and the error (aggregated) if any. */
export interface RunResult {
  exit: boolean;
  error?: Error;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * slowStartBatch: runs fn on batches of 1, 2, 4, … (capped by what is left and by MaxBatchSize);
 * after a batch with any error it stops. Within a batch every call runs (upstream runs them
 * concurrently; here in index order). The shouldExit results are ignored. Returns the successes.
 */
export function slowStartBatch(
  initialBatchSize: number,
  remaining: number,
  fn: StepFn,
): { successes: number; error?: Error } {
  let successes = 0;
  let j = 0;
  for (
    let batch = Math.min(remaining, initialBatchSize);
    batch > 0;
    batch = Math.min(Math.min(2 * batch, remaining), MaxBatchSize)
  ) {
    const errs: Error[] = [];
    for (let k = 0; k < batch; k++, j++) {
      try {
        fn(j);
      } catch (err) {
        errs.push(asError(err));
      }
    }
    successes += batch - errs.length;
    if (errs.length) return { successes, error: aggregate(errs) };
    remaining -= batch;
  }
  return { successes };
}

/**
 * runForAll: monotonic — fn(0), fn(1), … stopping at the first that asks to stop or fails;
 * Parallel — slowStartBatch, stopping only on errors.
 */
export function runForAll(n: number, fn: StepFn, monotonic: boolean): RunResult {
  if (monotonic) {
    for (let i = 0; i < n; i++) {
      try {
        if (fn(i)) return { exit: true };
      } catch (err) {
        return { exit: true, error: asError(err) };
      }
    }
    return { exit: false };
  }
  const r = slowStartBatch(1, n, fn);
  return r.error ? { exit: true, error: r.error } : { exit: false };
}

/**
 * computeReplicaStatus / updateStatus: replicas counts created pods (Terminating too);
 * readyReplicas Running+Ready (Terminating too); availableReplicas Ready for minReadySeconds;
 * currentReplicas / updatedReplicas count created, non-terminating pods at those revisions.
 */
export function updateStatus(
  status: ComputedStatus,
  minReadySeconds: number,
  now: number,
  currentRevision: string,
  updateRevision: string,
  ...podLists: Pod[][]
): void {
  status.replicas = 0;
  status.readyReplicas = 0;
  status.availableReplicas = 0;
  status.currentReplicas = 0;
  status.updatedReplicas = 0;
  for (const list of podLists) {
    for (const pod of list) {
      if (isCreated(pod)) status.replicas++;
      if (isRunningAndReady(pod)) {
        status.readyReplicas++;
        if (isRunningAndAvailable(pod, minReadySeconds, now)) status.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        if (getPodRevision(pod) === currentRevision) status.currentReplicas++;
        if (getPodRevision(pod) === updateRevision) status.updatedReplicas++;
      }
    }
  }
}

/** Thrown by UpdateStatefulSet after it has written what it could (status, history). */
export class SyncError extends Error {
  constructor(
    override readonly cause: Error,
    readonly status?: ComputedStatus,
  ) {
    super(cause.message);
    this.name = 'SyncError';
  }
}

export class StatefulSetControl {
  readonly history: History;

  constructor(
    private readonly ctx: ControllerContext,
    readonly podControl: StatefulPodControl,
  ) {
    this.history = new History(ctx.store, COMPONENT);
  }

  private get now(): number {
    return this.ctx.runtime.now;
  }

  private get podIndexLabel(): boolean {
    return this.ctx.options.featureGates.PodIndexLabel;
  }

  private get autoDeletePVC(): boolean {
    return this.ctx.options.featureGates.StatefulSetAutoDeletePVC;
  }

  /**
   * UpdateStatefulSet: one sync of the set with its claimed pods. Lists and sorts the revisions,
   * performs the update (writing status even when a step failed), then truncates history. Returns
   * the status written; throws SyncError on any failure (the queue retries with back-off).
   */
  UpdateStatefulSet(storedSet: Stored<StatefulSet>, pods: readonly Stored<Pod>[]): ComputedStatus {
    const set = deepClone(storedSet);
    const ru = set.spec?.updateStrategy?.rollingUpdate;
    if (ru && planted(this.ctx, 'partition-ignored')) ru.partition = 0; // planted: partition-ignored
    const revisions = sortControllerRevisions(this.listRevisions(storedSet));
    const r = this.performUpdate(set, pods, revisions);
    let truncateErr: Error | undefined;
    try {
      this.truncateHistory(set, pods, revisions, r.current, r.update);
    } catch (err) {
      truncateErr = asError(err);
    }
    const err = aggregate([...(r.error ? [r.error] : []), ...(truncateErr ? [truncateErr] : [])]);
    if (err) throw new SyncError(err, r.status);
    return r.status!;
  }

  /** ListRevisions: the ControllerRevisions matching the selector, orphaned or owned by the set. */
  listRevisions(set: Stored<StatefulSet>): Stored<ControllerRevision>[] {
    return this.history.listControllerRevisions(set, fromLabelSelector(set.spec?.selector));
  }

  /** AdoptOrphanRevisions: gives each orphan a controllerRef to the set. */
  adoptOrphanRevisions(set: Stored<StatefulSet>, revisions: Stored<ControllerRevision>[]): void {
    for (let i = 0; i < revisions.length; i++)
      revisions[i] = this.history.adoptControllerRevision(set, revisions[i]);
  }

  /**
   * performUpdate: revisions, the walk, then the status write — also after a failed step, as long
   * as a status was computed.
   */
  performUpdate(
    set: StatefulSet,
    pods: readonly Pod[],
    revisions: Stored<ControllerRevision>[],
  ): { current?: ControllerRevision; update?: ControllerRevision; status?: ComputedStatus; error?: Error } {
    let revs: { current: ControllerRevision; update: ControllerRevision; collisionCount: number };
    try {
      revs = this.getStatefulSetRevisions(set, revisions);
    } catch (err) {
      return { error: asError(err) };
    }
    const { current, update } = revs;
    const { status, error } = this.updateStatefulSet(set, current, update, revs.collisionCount, pods);
    let statusErr: Error | undefined;
    try {
      this.updateStatefulSetStatus(set, status);
    } catch (err) {
      statusErr = asError(err);
    }
    return { current, update, status, error: error ?? statusErr };
  }

  /**
   * getStatefulSetRevisions (§7, TestStatefulSetControl_getSetRevisions): the candidate revision
   * holds the set's template. If the newest revision equals it, that is the update revision; if an
   * older one does (a rollback), that revision is reused and renumbered to max+1 (rev2 re-applied
   * while rev3 exists → rev2 with .revision 4); otherwise the candidate is created, bumping
   * collisionCount on a name collision with different data. The current revision is the one named
   * by status.currentRevision, else the update revision.
   */
  getStatefulSetRevisions(
    set: StatefulSet,
    revisions: Stored<ControllerRevision>[],
  ): { current: ControllerRevision; update: ControllerRevision; collisionCount: number } {
    const sorted = sortControllerRevisions(revisions);
    const count = sorted.length;
    const collisionCount = { value: set.status?.collisionCount ?? 0 };
    const candidate = this.newRevision(set, nextRevision(sorted), collisionCount.value);
    const equal = findEqualRevisions(sorted, candidate);
    let update: ControllerRevision;
    if (equal.length > 0 && equalRevision(sorted[count - 1], equal[equal.length - 1])) {
      update = sorted[count - 1];
    } else if (equal.length > 0 && planted(this.ctx, 'rollback-new-revision')) {
      update = this.history.createControllerRevision(set, candidate, collisionCount, false); // planted: rollback-new-revision
    } else if (equal.length > 0) {
      update = this.history.updateControllerRevision(equal[equal.length - 1], candidate.revision);
    } else {
      update = this.history.createControllerRevision(set, candidate, collisionCount);
    }
    const currentName = set.status?.currentRevision;
    const current = sorted.find((r) => r.metadata.name === currentName) ?? update;
    return { current, update, collisionCount: collisionCount.value };
  }

  /** newRevision: a ControllerRevision holding the set's template patch, numbered `revision`. */
  newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
    return newControllerRevision(
      set,
      set.spec?.template?.metadata?.labels,
      getPatch(set),
      revision,
      collisionCount,
    );
  }

  /**
   * truncateHistory: revisions not live (current, update, or the revision label of any pod) are
   * deleted oldest first until revisionHistoryLimit of them remain; so at most limit + 2 (plus the
   * ones pods still use) exist.
   */
  truncateHistory(
    set: StatefulSet,
    pods: readonly Pod[],
    revisions: readonly Stored<ControllerRevision>[],
    current: ControllerRevision | undefined,
    update: ControllerRevision | undefined,
  ): void {
    const live = new Set<string>();
    if (current?.metadata?.name) live.add(current.metadata.name);
    if (update?.metadata?.name) live.add(update.metadata.name);
    for (const p of pods) live.add(getPodRevision(p));
    const history = revisions.filter((r) => !live.has(r.metadata.name));
    const limit = revisionHistoryLimitOf(set);
    if (limit < 0 || history.length <= limit) return;
    for (const r of history.slice(0, history.length - limit)) this.history.deleteControllerRevision(r);
  }

  /**
   * updateStatefulSetStatus: completes a finished rolling update, then writes the status if it is
   * inconsistent with the set's (§8).
   */
  updateStatefulSetStatus(set: StatefulSet, status: ComputedStatus): void {
    completeRollingUpdate(set, status);
    if (!inconsistentStatus(set, status)) return;
    const latest = this.ctx.store.get<StatefulSet>(
      'StatefulSet',
      set.metadata?.namespace,
      set.metadata?.name ?? '',
    );
    if (!latest || latest.metadata.uid !== set.metadata?.uid) return;
    this.ctx.store.updateStatus({ ...latest, status: toStatefulSetStatus(status) }, { actor: COMPONENT });
  }

  /**
   * updateStatefulSet (§5.2): slots the pods (in range → replicas[ord - start], other valid
   * ordinals → condemned, sorted descending), fills empty slots with not-yet-created pods at the
   * revision §6.3 dictates, then
   *   Phase A  processReplica over replicas (ascending);
   *   Phase B  the retention-policy refs of condemned pods' claims;
   *   Phase C  processCondemned over condemned (descending);
   * and, unless OnDelete, the rolling update (legacy §6.5, or maxUnavailable §6.6 with the gate).
   * A set being deleted only gets its status.
   */
  private updateStatefulSet(
    set: StatefulSet,
    currentRevision: ControllerRevision,
    updateRevision: ControllerRevision,
    collisionCount: number,
    pods: readonly Pod[],
  ): { status: ComputedStatus; error?: Error } {
    const now = this.now;
    const mrs = minReadySecondsOf(set);
    const currentSet = applyRevision(set, currentRevision);
    const updateSet = applyRevision(set, updateRevision);
    const currentName = currentRevision.metadata?.name ?? '';
    const updateName = updateRevision.metadata?.name ?? '';
    const status: ComputedStatus = {
      observedGeneration: set.metadata?.generation ?? 0,
      currentRevision: currentName,
      updateRevision: updateName,
      collisionCount,
      replicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      currentReplicas: 0,
      updatedReplicas: 0,
    };
    updateStatus(status, mrs, now, currentName, updateName, [...pods]);

    const start = getStartOrdinal(set);
    const replicaCount = Math.max(0, replicasOf(set));
    const replicas: Pod[] = new Array<Pod>(replicaCount);
    const condemned: Pod[] = [];
    for (const pod of [...pods].sort(ascendingOrdinal)) {
      if (podInOrdinalRange(pod, set)) replicas[getOrdinal(pod) - start] = pod;
      else if (getOrdinal(pod) >= 0) condemned.push(pod);
    }
    for (let ord = start; ord <= getEndOrdinal(set); ord++) {
      if (!replicas[ord - start])
        replicas[ord - start] = newVersionedStatefulSetPod(
          currentSet,
          updateSet,
          currentName,
          updateName,
          ord,
          this.podIndexLabel,
        );
    }
    condemned.sort(planted(this.ctx, 'ascending-deletion') ? ascendingOrdinal : descendingOrdinal); // planted: ascending-deletion

    // The first unavailable pod: in replicas (ascending), else the lowest-ordinal condemned one.
    let firstUnavailable: Pod | undefined = replicas.find((p) => isUnavailable(p, mrs, now));
    if (!firstUnavailable)
      for (let i = condemned.length - 1; i >= 0; i--)
        if (isUnavailable(condemned[i], mrs, now)) {
          firstUnavailable = condemned[i];
          break;
        }

    if (set.metadata?.deletionTimestamp) return { status };

    const monotonic = !allowsBurst(set);
    const recount = () => updateStatus(status, mrs, now, currentName, updateName, replicas, condemned);

    // Phase A: in-range pods, ascending.
    let r = runForAll(
      replicas.length,
      (i) => this.processReplica(set, updateSet, monotonic, replicas, i),
      monotonic,
    );
    if (r.exit || r.error) {
      recount();
      return { status, error: r.error };
    }

    // Phase B: claim ownerRefs of condemned pods (retention policy).
    if (this.autoDeletePVC) {
      const fixPodClaim = (i: number): boolean => {
        if (!this.podControl.claimsMatchRetentionPolicy(updateSet, condemned[i]))
          this.podControl.updatePodClaimForRetentionPolicy(updateSet, condemned[i]);
        return false;
      };
      r = runForAll(condemned.length, fixPodClaim, monotonic);
      if (r.exit || r.error) {
        recount();
        return { status, error: r.error };
      }
    }

    // Phase C: scale down, descending.
    r = runForAll(
      condemned.length,
      (i) => this.processCondemned(set, firstUnavailable, monotonic, condemned, i),
      monotonic,
    );
    if (r.exit || r.error) {
      recount();
      return { status, error: r.error };
    }
    recount();

    const strategy = updateStrategyOf(set);
    if (strategy.type === OnDeleteStatefulSetStrategyType) return { status };
    if (this.ctx.options.featureGates.MaxUnavailableStatefulSet)
      return this.updateStatefulSetAfterInvariantEstablished(set, replicas, updateRevision, status);

    // Legacy rolling update (§6.5): delete the highest pod not at the update revision; wait for an
    // unavailable one on the way down. Exactly one deletion per sync.
    const updateMin = strategy.rollingUpdate?.partition ?? 0;
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const pod = replicas[target];
      if (getPodRevision(pod) !== updateName && !isTerminating(pod)) {
        try {
          this.deletePodForUpdate(set, pod);
        } catch (err) {
          if (!isApiReason(err, 'NotFound')) return { status, error: asError(err) };
        }
        status.currentReplicas--;
        return { status };
      }
      if (isUnavailable(pod, mrs, now)) return { status };
    }
    return { status };
  }

  /** Deletes a pod to replace it at the update revision (its claims stay, §9.4). */
  private deletePodForUpdate(set: StatefulSet, pod: Pod): void {
    this.podControl.deleteStatefulPod(set, pod);
    if (planted(this.ctx, 'claim-deleted-with-pod')) this.podControl.deleteClaimsOfPod(set, pod); // planted: claim-deleted-with-pod
  }

  /**
   * updateStatefulSetAfterInvariantEstablished (§6.6, MaxUnavailableStatefulSet): counts the
   * unavailable in-range pods (below the partition too, Terminating included); if fewer than
   * maxUnavailable, deletes up to the difference among the pods not at the update revision, from
   * the highest ordinal down to the partition. 6 pods, partition 3, maxUnavailable 2: pods 5 and 4
   * go in the first sync.
   */
  private updateStatefulSetAfterInvariantEstablished(
    set: StatefulSet,
    replicas: Pod[],
    updateRevision: ControllerRevision,
    status: ComputedStatus,
  ): { status: ComputedStatus; error?: Error } {
    const now = this.now;
    const mrs = minReadySecondsOf(set);
    const strategy = updateStrategyOf(set);
    let updateMin = 0;
    let maxUnavailable = 1;
    if (strategy.rollingUpdate) {
      updateMin = strategy.rollingUpdate.partition;
      try {
        maxUnavailable = getStatefulSetMaxUnavailable(strategy.rollingUpdate.maxUnavailable, replicasOf(set));
      } catch (err) {
        return { status, error: asError(err) };
      }
    }
    let unavailable = 0;
    for (let target = replicas.length - 1; target >= 0; target--)
      if (isUnavailable(replicas[target], mrs, now)) unavailable++;
    if (unavailable >= maxUnavailable) return { status };
    const toDelete = maxUnavailable - unavailable;
    let deleted = 0;
    const updateName = updateRevision.metadata?.name ?? '';
    for (let target = replicas.length - 1; target >= updateMin && deleted < toDelete; target--) {
      const pod = replicas[target];
      if (getPodRevision(pod) !== updateName && !isTerminating(pod)) {
        try {
          this.deletePodForUpdate(set, pod);
        } catch (err) {
          if (!isApiReason(err, 'NotFound')) return { status, error: asError(err) };
        }
        deleted++;
        status.currentReplicas--;
      }
    }
    return { status };
  }

  /**
   * processReplica (§5.3): one in-range slot. Failed/Succeeded → delete and stop (the pod comes
   * back on a later sync); missing → claims then pod (stop in monotonic: one creation per sync;
   * skipped while a claim is stale, §9.5); Pending → recreate missing claims; in monotonic mode stop
   * at a Terminating, not Running+Ready, or not yet Available pod; finally restore identity,
   * storage and claim refs in place.
   */
  processReplica(
    set: StatefulSet,
    updateSet: StatefulSet,
    monotonic: boolean,
    replicas: Pod[],
    i: number,
  ): boolean {
    const pod = replicas[i];
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!pod.metadata?.deletionTimestamp) this.podControl.deleteStatefulPod(set, pod);
      return true;
    }
    if (!isCreated(pod)) {
      if (this.autoDeletePVC && this.podControl.podClaimIsStale(set, pod)) return true;
      this.podControl.createStatefulPod(set, pod);
      if (monotonic) return true;
    }
    if (isPending(pod)) this.podControl.createMissingPersistentVolumeClaims(set, pod);
    if (isTerminating(pod) && monotonic) return true;
    const waitForHealth = monotonic && !planted(this.ctx, 'ordered-ready-not-waiting'); // planted: ordered-ready-not-waiting
    if (!isRunningAndReady(pod) && waitForHealth) return true;
    if (!isRunningAndAvailable(pod, minReadySecondsOf(set), this.now) && waitForHealth) return true;

    let retentionMatch = true;
    if (this.autoDeletePVC) {
      try {
        retentionMatch = this.podControl.claimsMatchRetentionPolicy(updateSet, pod);
      } catch {
        retentionMatch = true;
      }
    }
    if (identityMatches(set, pod) && storageMatches(set, pod) && retentionMatch) return false;
    this.podControl.updateStatefulPod(updateSet, deepClone(pod));
    return false;
  }

  /**
   * processCondemned (§5.4): one out-of-range pod, descending. A Terminating pod blocks (monotonic)
   * until it is gone; in monotonic mode a pod that is not Running+Ready+Available blocks unless it
   * is the first unavailable pod; otherwise it is deleted (one per sync in monotonic mode).
   */
  processCondemned(
    set: StatefulSet,
    firstUnavailable: Pod | undefined,
    monotonic: boolean,
    condemned: Pod[],
    i: number,
  ): boolean {
    const pod = condemned[i];
    if (isTerminating(pod)) return monotonic;
    if (!isRunningAndReady(pod) && monotonic && pod !== firstUnavailable) return true;
    if (
      !isRunningAndAvailable(pod, minReadySecondsOf(set), this.now) &&
      monotonic &&
      pod !== firstUnavailable
    )
      return true;
    this.podControl.deleteStatefulPod(set, pod);
    return true;
  }
}
