/**
 * The Deployment controller: pkg/controller/deployment/deployment_controller.go (Kubernetes 1.28).
 * Watch handlers enqueue Deployment keys; `syncDeployment` reads the store, adopts and releases
 * ReplicaSets, and dispatches to pause/rollback/scale (sync.ts, rollback.ts) or a rollout
 * (rolling.ts, recreate.ts). The controller never touches pods; the ReplicaSet controller does.
 *
 * Like upstream, a sync works on a deep copy `d` of the Deployment as read at its start and writes it
 * back with that resourceVersion, so a second write of `d` in one sync (e.g. the status write after the
 * revision/condition write of a newly created ReplicaSet) fails with Conflict and the sync is retried
 * with back-off (5 ms), exactly as kube-controller-manager logs "the object has been modified".
 */
import type { Controller, ControllerContext } from '../context';
import type { Deployment, OwnerReference, Pod, ReplicaSet, ReplicaSetStatus, Stored } from '../../api/types';
import { ApiError } from '../../api/errors';
import { controllerRefOf, newControllerRef } from '../../api/pod';
import { fromLabelSelector } from '../../api/selectors';
import { toTimestamp } from '../../api/time';
import type { Store, WatchEvent } from '../../store/store';
import { controllerUid, objectKey } from '../../store/store';
import type { Runtime, SyncResult, WorkQueue } from '../../runtime/runtime';
import type { Timer } from '../../runtime/timers';
import type { EventRecorder, EventType } from '../../events/recorder';
import { deepClone, deepEqual } from '../../util/clone';
import type { DeploymentPlantedBug } from './planted';
import {
  getDeploymentsForReplicaSet,
  getReplicaSetsForDeployment as listOwnedReplicaSets,
} from './util/deployment_util';
import { getPodMapForDeployment, terminatingAvailablePods } from './util/pod_util';
import type { PodMap } from './util/pod_util';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync';
import { getRollbackTo, rollback } from './rollback';
import { rolloutRolling } from './rolling';
import { rolloutRecreate } from './recreate';

/** The component name on events and the actor on every write. */
export const CONTROLLER_NAME = 'deployment-controller';

const controllerKind = { apiVersion: 'apps/v1', kind: 'Deployment' };

export function isApiError(err: unknown, reason: ApiError['reason']): boolean {
  return err instanceof ApiError && err.reason === reason;
}

/** utilerrors.NewAggregate: one error as is, several as `[e1, e2]`. */
function aggregate(errs: unknown[]): Error {
  if (errs.length === 1) return errs[0] instanceof Error ? errs[0] : new Error(String(errs[0]));
  return new Error(`[${errs.map((e) => (e instanceof Error ? e.message : String(e))).join(', ')}]`);
}

export class DeploymentController implements Controller {
  readonly name = CONTROLLER_NAME;
  readonly store: Store;
  readonly runtime: Runtime;
  readonly recorder: EventRecorder;
  readonly bugs: ReadonlySet<string>;
  readonly queue: WorkQueue;
  /** Pending progress-deadline checks (requeueStuckDeployment), by Deployment key. */
  private readonly progressChecks = new Map<string, Timer>();
  /** Number of pods per controlling ReplicaSet uid (for the Recreate pod-delete handler, O(1) per event). */
  private readonly podCounts = new Map<string, number>();

  constructor(ctx: ControllerContext) {
    this.store = ctx.store;
    this.runtime = ctx.runtime;
    this.recorder = ctx.recorder;
    this.bugs = ctx.options.plantedBugs;
    this.queue = ctx.runtime.newQueue('deployment', (key) => this.syncDeployment(key));
    for (const pod of this.store.list<Pod>('Pod')) this.countPod(controllerUid(pod), 1);
    this.store.watch('Deployment', (e) => this.enqueueKey(keyOfEvent(e)));
    this.store.watch('ReplicaSet', (e) => this.onReplicaSet(e));
    this.store.watch('Pod', (e) => this.onPod(e));
  }

  /** Whether a planted bug is switched on (never in normal runs). */
  bug(id: DeploymentPlantedBug): boolean {
    return this.bugs.has(id);
  }

  get now(): number {
    return this.runtime.now;
  }

  enqueue(d: Deployment): void {
    this.queue.add(objectKey(d.metadata?.namespace ?? 'default', d.metadata?.name ?? ''));
  }

  private enqueueKey(key: string): void {
    this.queue.add(key);
  }

  // ---- watch handlers ---------------------------------------------------------------------------

  private onReplicaSet(e: WatchEvent): void {
    const rs = e.object as Stored<ReplicaSet>;
    if (e.type === 'ADDED') this.addReplicaSet(rs);
    else if (e.type === 'MODIFIED') this.updateReplicaSet(e.old as Stored<ReplicaSet>, rs);
    else this.deleteReplicaSet(rs);
  }

  /** addReplicaSet: the owner is enqueued; an orphan wakes every Deployment that selects it. */
  private addReplicaSet(rs: Stored<ReplicaSet>): void {
    if (rs.metadata.deletionTimestamp) return this.deleteReplicaSet(rs);
    const ref = controllerRefOf(rs);
    if (ref) {
      const d = this.resolveControllerRef(rs.metadata.namespace, ref);
      if (d) this.enqueue(d);
      return;
    }
    for (const d of getDeploymentsForReplicaSet(this.store, rs)) this.enqueue(d);
  }

  /** updateReplicaSet: old and new owners are enqueued; a relabelled orphan wakes matching Deployments. */
  private updateReplicaSet(old: Stored<ReplicaSet>, cur: Stored<ReplicaSet>): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const curRef = controllerRefOf(cur);
    const oldRef = controllerRefOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const d = this.resolveControllerRef(old.metadata.namespace, oldRef);
      if (d) this.enqueue(d);
    }
    if (curRef) {
      const d = this.resolveControllerRef(cur.metadata.namespace, curRef);
      if (d) this.enqueue(d);
      return;
    }
    const labelChanged = !deepEqual(cur.metadata.labels, old.metadata.labels);
    if (labelChanged || refChanged)
      for (const d of getDeploymentsForReplicaSet(this.store, cur)) this.enqueue(d);
  }

  private deleteReplicaSet(rs: Stored<ReplicaSet>): void {
    const ref = controllerRefOf(rs);
    if (!ref) return;
    const d = this.resolveControllerRef(rs.metadata.namespace, ref);
    if (d) this.enqueue(d);
  }

  private countPod(uid: string | undefined, delta: number): void {
    if (!uid) return;
    const n = (this.podCounts.get(uid) ?? 0) + delta;
    if (n > 0) this.podCounts.set(uid, n);
    else this.podCounts.delete(uid);
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object as Stored<Pod>;
    if (e.type === 'ADDED') this.countPod(controllerUid(pod), 1);
    else if (e.type === 'MODIFIED') {
      const before = controllerUid(e.old!);
      const after = controllerUid(pod);
      if (before !== after) {
        this.countPod(before, -1);
        this.countPod(after, 1);
      }
    } else {
      this.countPod(controllerUid(e.old ?? pod), -1);
      this.deletePod(pod);
    }
  }

  /** deletePod: a Recreate Deployment is synced once its last pod is gone. */
  private deletePod(pod: Stored<Pod>): void {
    const d = this.getDeploymentForPod(pod);
    if (!d || d.spec?.strategy?.type !== 'Recreate') return;
    let numPods = 0;
    for (const rs of listOwnedReplicaSets(this.store, d)) numPods += this.podCounts.get(rs.metadata.uid) ?? 0;
    if (numPods === 0) this.enqueue(d);
  }

  private getDeploymentForPod(pod: Pod): Stored<Deployment> | undefined {
    const ref = controllerRefOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.store.get<ReplicaSet>('ReplicaSet', pod.metadata?.namespace, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const dRef = controllerRefOf(rs);
    return dRef ? this.resolveControllerRef(rs.metadata.namespace, dRef) : undefined;
  }

  /** resolveControllerRef: the Deployment a controllerRef names, if it still is that object. */
  private resolveControllerRef(
    namespace: string | undefined,
    ref: OwnerReference,
  ): Stored<Deployment> | undefined {
    if (ref.kind !== controllerKind.kind) return undefined;
    const d = this.store.get<Deployment>('Deployment', namespace, ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  // ---- ReplicaSet ownership -------------------------------------------------------------------------

  /**
   * getReplicaSetsForDeployment (ClaimReplicaSets): owned ReplicaSets whose labels still match are
   * kept, the others released; matching orphans are adopted. The adopted objects are returned as
   * listed (upstream returns the pre-adoption copies). Sorted by name, like a list from etcd.
   */
  getReplicaSetsForDeployment(d: Stored<Deployment>): Stored<ReplicaSet>[] {
    const ns = d.metadata.namespace ?? 'default';
    let selector;
    try {
      selector = fromLabelSelector(d.spec?.selector);
    } catch (err) {
      throw new Error(
        `deployment ${ns}/${d.metadata.name} has invalid label selector: ${(err as Error).message}`,
      );
    }
    const candidates = [
      ...this.store.listControlledBy<ReplicaSet>('ReplicaSet', d.metadata.uid),
      ...this.store.listOrphans<ReplicaSet>('ReplicaSet', ns),
    ]
      .filter((rs) => rs.metadata.namespace === ns)
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    const claimed: Stored<ReplicaSet>[] = [];
    const errs: unknown[] = [];
    let canAdopt: Error | null | undefined;
    for (const rs of candidates) {
      const ref = controllerRefOf(rs);
      const matches = selector.matches(rs.metadata.labels);
      if (ref) {
        if (ref.uid !== d.metadata.uid) continue;
        if (matches) {
          claimed.push(rs);
          continue;
        }
        if (d.metadata.deletionTimestamp) continue;
        try {
          this.releaseReplicaSet(d, rs);
        } catch (err) {
          if (!isApiError(err, 'NotFound') && !isApiError(err, 'Invalid')) errs.push(err);
        }
        continue;
      }
      if (d.metadata.deletionTimestamp || !matches || rs.metadata.deletionTimestamp) continue;
      if (canAdopt === undefined) canAdopt = this.recheckDeletionTimestamp(d);
      try {
        if (canAdopt) throw canAdopt;
        this.adoptReplicaSet(d, rs);
        claimed.push(rs);
      } catch (err) {
        if (!isApiError(err, 'NotFound')) errs.push(err);
      }
    }
    if (errs.length) throw aggregate(errs);
    // planted bug: Ready pods that are terminating count as replicas of their ReplicaSet
    if (this.bug('terminating-counted-available')) return claimed.map((rs) => this.withTerminatingPods(rs));
    return claimed;
  }

  /** RecheckDeletionTimestamp: a fresh read of the Deployment before the first adoption. */
  private recheckDeletionTimestamp(d: Stored<Deployment>): Error | null {
    const fresh = this.store.get<Deployment>('Deployment', d.metadata.namespace, d.metadata.name);
    if (!fresh) return new ApiError('NotFound', `deployments.apps "${d.metadata.name}" not found`);
    if (fresh.metadata.uid !== d.metadata.uid)
      return new Error(
        `original Deployment ${d.metadata.namespace}/${d.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${d.metadata.uid}`,
      );
    if (fresh.metadata.deletionTimestamp)
      return new Error(
        `${d.metadata.namespace}/${d.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`,
      );
    return null;
  }

  /** AdoptReplicaSet: a patch adding the controller ownerReference (merged by uid). */
  private adoptReplicaSet(d: Stored<Deployment>, rs: Stored<ReplicaSet>): void {
    const fresh = this.freshReplicaSet(rs);
    const ref = newControllerRef({ ...controllerKind, metadata: d.metadata });
    const refs = [...(fresh.metadata.ownerReferences ?? [])];
    const i = refs.findIndex((r) => r.uid === ref.uid);
    if (i >= 0) refs[i] = { ...refs[i], ...ref };
    else refs.push(ref);
    this.store.update(
      { ...fresh, metadata: { ...fresh.metadata, ownerReferences: refs } },
      { actor: CONTROLLER_NAME },
    );
  }

  /** ReleaseReplicaSet: a patch deleting this Deployment's ownerReference. */
  private releaseReplicaSet(d: Stored<Deployment>, rs: Stored<ReplicaSet>): void {
    const fresh = this.freshReplicaSet(rs);
    const refs = (fresh.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid);
    const metadata = { ...fresh.metadata, ownerReferences: refs };
    if (refs.length === 0) delete (metadata as { ownerReferences?: unknown }).ownerReferences;
    this.store.update({ ...fresh, metadata }, { actor: CONTROLLER_NAME });
  }

  /** The current ReplicaSet for a patch, with the uid precondition the patch carries. */
  private freshReplicaSet(rs: Stored<ReplicaSet>): Stored<ReplicaSet> {
    const fresh = this.store.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
    if (!fresh) throw new ApiError('NotFound', `replicasets.apps "${rs.metadata.name}" not found`);
    if (fresh.metadata.uid !== rs.metadata.uid)
      throw new ApiError(
        'Conflict',
        `Operation cannot be fulfilled on replicasets.apps "${rs.metadata.name}": Precondition failed: UID in precondition: ${rs.metadata.uid}, UID in object meta: ${fresh.metadata.uid}`,
      );
    return fresh;
  }

  private withTerminatingPods(rs: Stored<ReplicaSet>): Stored<ReplicaSet> {
    const extra = terminatingAvailablePods(this.store, rs, this.now);
    if (extra === 0) return rs;
    const s = (rs.status ?? {}) as ReplicaSetStatus;
    const status: ReplicaSetStatus = {
      ...s,
      replicas: (s.replicas ?? 0) + extra,
      readyReplicas: (s.readyReplicas ?? 0) + extra,
      availableReplicas: (s.availableReplicas ?? 0) + extra,
    };
    return { ...rs, status } as Stored<ReplicaSet>;
  }

  /** getPodMapForDeployment. */
  getPodMapForDeployment(d: Deployment, rsList: readonly Stored<ReplicaSet>[]): PodMap {
    return getPodMapForDeployment(this.store, d, rsList);
  }

  // ---- writes ---------------------------------------------------------------------------------------

  /**
   * UpdateStatus of the Deployment, with the resourceVersion `d` was read with. The API server's
   * status strategy for Deployments keeps the request's annotations (labels and spec excepted), which
   * is how the controller records the revision annotation without bumping generation.
   */
  updateStatus(d: Deployment): Stored<Deployment> {
    return this.store.updateStatus(d, { actor: CONTROLLER_NAME }) as Stored<Deployment>;
  }

  /** Update of the Deployment (rollback), with the resourceVersion `d` was read with. */
  updateDeployment(d: Deployment): Stored<Deployment> {
    return this.store.update(d, { actor: CONTROLLER_NAME }) as Stored<Deployment>;
  }

  createRS(rs: ReplicaSet): Stored<ReplicaSet> {
    return this.store.create(rs, { actor: CONTROLLER_NAME });
  }

  updateRS(rs: ReplicaSet): Stored<ReplicaSet> {
    return this.store.update(rs, { actor: CONTROLLER_NAME });
  }

  deleteRS(rs: Stored<ReplicaSet>): void {
    this.store.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name, { actor: CONTROLLER_NAME });
  }

  event(d: Deployment, type: EventType, reason: string, message: string): void {
    this.recorder.event(d, type, reason, message, CONTROLLER_NAME);
  }

  // ---- progress checks ---------------------------------------------------------------------------

  /**
   * requeueStuckDeployment's AddAfter. A progress check is a cancellable foreground timer: it keeps the
   * cluster from settling while a rollout may still time out, and it is dropped as soon as a sync finds
   * it moot (complete, timed out, paused, deleted), where upstream would let it fire as a no-op.
   */
  scheduleProgressCheck(d: Deployment, afterMs: number, background = false): void {
    const key = objectKey(d.metadata?.namespace ?? 'default', d.metadata?.name ?? '');
    const due = this.now + afterMs;
    const existing = this.progressChecks.get(key);
    if (existing && !existing.cancelled && existing.due === due && existing.background === background) return;
    this.runtime.cancel(existing);
    this.progressChecks.set(
      key,
      this.runtime.after(
        afterMs,
        `${CONTROLLER_NAME} progress check ${key}`,
        () => {
          this.progressChecks.delete(key);
          this.queue.add(key);
        },
        background,
      ),
    );
  }

  cancelProgressCheck(key: string): void {
    const t = this.progressChecks.get(key);
    if (!t) return;
    this.runtime.cancel(t);
    this.progressChecks.delete(key);
  }

  // ---- the sync -----------------------------------------------------------------------------------

  /** syncDeployment: one reconcile of one Deployment (§5 of the spec). Throws to be retried. */
  syncDeployment(key: string): SyncResult {
    const slash = key.indexOf('/');
    const namespace = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const deployment = this.store.get<Deployment>('Deployment', namespace, name);
    if (!deployment) {
      this.cancelProgressCheck(key);
      return;
    }
    const d = deepClone(deployment);
    d.status = d.status ?? {};

    const sel = d.spec?.selector;
    if (sel && Object.keys(sel).every((k) => (sel as Record<string, unknown>)[k] === undefined)) {
      this.event(
        d,
        'Warning',
        'SelectingAll',
        'This deployment is selecting all pods. A non-empty selector is required.',
      );
      if ((d.status.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status.observedGeneration = d.metadata.generation;
        try {
          this.store.updateStatus(d, { actor: CONTROLLER_NAME });
        } catch {
          // upstream ignores this error
        }
      }
      return;
    }

    const rsList = this.getReplicaSetsForDeployment(deployment);

    if (d.metadata.deletionTimestamp) {
      this.cancelProgressCheck(key);
      return syncStatusOnly(this, d, rsList);
    }

    checkPausedConditions(this, d);

    if (d.spec?.paused) {
      this.cancelProgressCheck(key);
      return sync(this, d, rsList);
    }

    if (getRollbackTo(d)) return rollback(this, d, rsList);

    if (isScalingEvent(this, d, rsList)) return sync(this, d, rsList);

    const type = d.spec?.strategy?.type ?? 'RollingUpdate';
    switch (type) {
      case 'Recreate':
        return rolloutRecreate(this, d, rsList, () => this.getPodMapForDeployment(d, rsList));
      case 'RollingUpdate':
        return rolloutRolling(this, d, rsList);
    }
    throw new Error(`unexpected deployment strategy type: ${type}`);
  }

  /** The virtual time as an API timestamp. */
  timestamp(): string {
    return toTimestamp(this.now);
  }
}

function keyOfEvent(e: WatchEvent): string {
  return objectKey(e.object.metadata.namespace ?? 'default', e.object.metadata.name);
}
