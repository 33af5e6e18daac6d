/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go); deployment.md §13, §14, §18.
 *
 * Watches: a pod change enqueues the ReplicaSet that controls it (resolved by name and uid), or, for
 * an orphan, every ReplicaSet of its namespace whose selector matches it; a ReplicaSet change enqueues
 * that ReplicaSet. A sync (`syncReplicaSet`):
 *   1. claims pods among the active ones it controls and the orphans of its namespace (§ claim.ts);
 *   2. if its expectations are satisfied and it is not being deleted, `manageReplicas` creates pods in
 *      slow-start batches (at most 500 per sync) or deletes the ones `getPodsToDelete` ranks first;
 *   3. writes the status (status.ts) with observedGeneration = metadata.generation;
 *   4. requeues itself when pods are Ready but not yet available (minReadySeconds).
 * Example: replicas 10 from nothing → one sync creates 1+2+4+3 pods, 10 `SuccessfulCreate` events
 * `Created pod: web-xxxxx`, and status.replicas 10.
 */
import type { LabelSelector, Pod, ReplicaSet, ReplicaSetStatus, Stored } from '../../api/types';
import type { Controller, ControllerContext } from '../context';
import type { Store, WatchEvent } from '../../store/store';
import type { WorkQueue } from '../../runtime/runtime';
import { ApiError } from '../../api/errors';
import { fromLabelSelector, type Selector } from '../../api/selectors';
import { controllerRefOf, isPodActive, isPodAvailable, isPodReady, newControllerRef } from '../../api/pod';
import { deepClone, deepEqual } from '../../util/clone';
import { UIDTrackingExpectations, EXPECTATIONS_TIMEOUT_MS } from './expectations';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './slowstart';
import { getPodsToDelete, type RankingGates } from './ranking';
import { aggregate, claimObjects } from './claim';
import { PodCounts, calculateStatus, statusNeedsUpdate } from './status';

export const COMPONENT = 'replicaset-controller';

/** BurstReplicas: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;

export const SUCCESSFUL_CREATE_REASON = 'SuccessfulCreate';
export const FAILED_CREATE_EVENT_REASON = 'FailedCreate';
export const SUCCESSFUL_DELETE_REASON = 'SuccessfulDelete';
export const FAILED_DELETE_EVENT_REASON = 'FailedDelete';

const MAX_NAME_LENGTH = 253;

export function rsKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? 'default'}/${name}`;
}

/** controller.PodKey. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}

/** getPodsPrefix: `<rs>-`, unless that would not be a valid name prefix. */
export function podsPrefix(rsName: string): string {
  const prefix = `${rsName}-`;
  return prefix.length <= MAX_NAME_LENGTH ? prefix : rsName;
}

/**
 * GetPodFromTemplate: the template's labels, annotations, finalizers and spec, generateName `<rs>-`
 * and a controller ownerReference to the ReplicaSet.
 */
export function podFromTemplate(rs: Stored<ReplicaSet>): Pod {
  const template = rs.spec?.template ?? {};
  const tmeta = template.metadata ?? {};
  const metadata: Pod['metadata'] = {
    generateName: podsPrefix(rs.metadata.name),
    namespace: rs.metadata.namespace,
    labels: { ...(tmeta.labels ?? {}) },
    ownerReferences: [newControllerRef(rs)],
  };
  if (tmeta.annotations) metadata.annotations = { ...tmeta.annotations };
  if (tmeta.finalizers?.length) metadata.finalizers = [...tmeta.finalizers];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: deepClone(template.spec ?? { containers: [] }),
  };
}

/**
 * A label predicate equivalent to `selector.matches`, specialised for the common all-`key=value`
 * selector (every sync tests every pod, so this is the hot loop of a large ReplicaSet).
 */
export function labelMatcher(selector: Selector): (labels: Record<string, string> | undefined) => boolean {
  if (selector.nothing) return () => false;
  const reqs = selector.requirements;
  if (!reqs.every((r) => r.op === '=')) return (labels) => selector.matches(labels);
  const keys = reqs.map((r) => r.key);
  const values = reqs.map((r) => (r.op === '=' ? r.values[0] : ''));
  const n = keys.length;
  return (labels) => {
    if (n === 0) return true;
    if (!labels) return false;
    for (let i = 0; i < n; i++) {
      const v = labels[keys[i]];
      if (v !== values[i] || (v === undefined && !Object.prototype.hasOwnProperty.call(labels, keys[i])))
        return false;
    }
    return true;
  };
}

/** RecheckDeletionTimestamp with a fresh read: the same object (uid) and not being deleted. */
export function recheckDeletionTimestamp(store: Store, rs: Stored<ReplicaSet>): void {
  const ns = rs.metadata.namespace;
  const fresh = store.get<ReplicaSet>('ReplicaSet', ns, rs.metadata.name);
  if (!fresh) {
    throw new Error(`can't recheck DeletionTimestamp: replicasets.apps "${rs.metadata.name}" not found`);
  }
  if (fresh.metadata.uid !== rs.metadata.uid) {
    throw new Error(
      `can't recheck DeletionTimestamp: original ReplicaSet ${ns}/${rs.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${rs.metadata.uid}`,
    );
  }
  if (fresh.metadata.deletionTimestamp) {
    throw new Error(`${ns}/${rs.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
  }
}

/**
 * AdoptPod: adds a controller ownerReference to the ReplicaSet, like the strategic-merge patch with
 * the listed pod's uid as precondition (a pod recreated under the same name is a Conflict).
 */
export function adoptPod(store: Store, rs: Stored<ReplicaSet>, pod: Stored<Pod>): void {
  const fresh = store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name);
  if (!fresh) throw new ApiError('NotFound', `pods "${pod.metadata.name}" not found`);
  const ref = newControllerRef(rs);
  const refs = (fresh.metadata.ownerReferences ?? []).filter((r) => r.uid !== ref.uid);
  store.update<Pod>(
    { ...fresh, metadata: { ...fresh.metadata, uid: pod.metadata.uid, ownerReferences: [...refs, ref] } },
    { actor: COMPONENT },
  );
}

/** ReleasePod: removes the ReplicaSet's ownerReference; a vanished or replaced pod is ignored. */
export function releasePod(store: Store, rs: Stored<ReplicaSet>, pod: Stored<Pod>): void {
  const fresh = store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name);
  if (!fresh || fresh.metadata.uid !== pod.metadata.uid) return;
  const refs = (fresh.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid);
  const metadata = { ...fresh.metadata };
  if (refs.length) metadata.ownerReferences = refs;
  else delete metadata.ownerReferences;
  store.update<Pod>({ ...fresh, metadata }, { actor: COMPONENT });
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && err.reason === 'NotFound';
}

function errorOf(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * What the last full claim of a ReplicaSet found, kept so that the syncs of a large scale-up (one per
 * burst of 500 pods, each followed by the scheduler and kubelet updating those pods) need not walk
 * every pod again. Events about pods the ReplicaSet controls are folded in at the next sync: a new
 * pod is appended, an updated one (same labels, still active) replaces its old version in the list
 * and in the counts. Anything else — a deletion, a label or ownership change, an orphan, a spec
 * change, time making a Ready pod available — sends the next sync back to the full walk.
 * (`verifyClaimCache` recomputes every cached claim in full and compares.)
 */
interface ClaimCache {
  uid: string;
  spec: ReplicaSet['spec'];
  pods: Stored<Pod>[];
  /** pod uid → index in `pods`. */
  position: Map<string, number>;
  counts: PodCounts;
  /** Pods this ReplicaSet controls that were ADDED since the snapshot (latest version). */
  added: Map<string, Stored<Pod>>;
  /** Listed pods updated since the snapshot (latest version). */
  modified: Map<string, Stored<Pod>>;
  dirty: boolean;
}

export class ReplicaSetController implements Controller {
  readonly name = COMPONENT;
  readonly queue: WorkQueue;
  readonly expectations = new UIDTrackingExpectations();
  /** burstReplicas (tests lower it, as TestControllerBurstReplicas does). */
  burstReplicas = BURST_REPLICAS;
  private readonly selectors = new WeakMap<LabelSelector, Selector | null>();
  private readonly claimCache = new Map<string, ClaimCache>();
  /** Tests: recompute every cached claim in full and throw if the two differ. */
  verifyClaimCache = false;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.runtime.newQueue('replicaset', (key) => this.syncReplicaSet(key));
    ctx.store.watch('ReplicaSet', (e) => this.onReplicaSet(e));
    ctx.store.watch('Pod', (e) => this.onPod(e));
  }

  private get now(): number {
    return this.ctx.runtime.now;
  }

  private get gates(): RankingGates {
    const g = this.ctx.options.featureGates;
    return {
      podDeletionCost: g.PodDeletionCost !== false,
      logarithmicScaleDown: g.LogarithmicScaleDown !== false,
    };
  }

  /** The compiled selector of a ReplicaSet, or null when it cannot be compiled. Cached per object. */
  private selectorOf(rs: ReplicaSet): Selector | null {
    const sel = rs.spec?.selector;
    if (!sel) return fromLabelSelector(undefined);
    let s = this.selectors.get(sel);
    if (s === undefined) {
      try {
        s = fromLabelSelector(sel);
      } catch {
        s = null;
      }
      this.selectors.set(sel, s);
    }
    return s;
  }

  // ---- watch handlers: they only enqueue and count expectations ----

  private onReplicaSet(e: WatchEvent): void {
    const rs = e.object as Stored<ReplicaSet>;
    const key = rsKey(rs.metadata.namespace, rs.metadata.name);
    if (e.type === 'DELETED') {
      // deleteRS: a new ReplicaSet of the same name starts with clean expectations.
      this.expectations.delete(key);
      this.claimCache.delete(key);
    } else if (e.type === 'MODIFIED' && e.old && e.old.metadata.uid !== rs.metadata.uid) {
      this.expectations.delete(key);
      this.claimCache.delete(key);
    }
    this.queue.add(key);
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object as Stored<Pod>;
    if (e.type === 'ADDED') this.addPod(pod);
    else if (e.type === 'MODIFIED') this.updatePod(e.old as Stored<Pod>, pod);
    else this.deletePod(pod);
  }

  /** resolveControllerRef: the ReplicaSet a controllerRef names, if it still has that uid. */
  private resolveControllerRef(
    namespace: string | undefined,
    ref: { kind?: string; name?: string; uid?: string },
  ): Stored<ReplicaSet> | undefined {
    if (ref.kind !== 'ReplicaSet' || !ref.name) return undefined;
    const rs = this.ctx.store.get<ReplicaSet>('ReplicaSet', namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  /** getPodReplicaSets: ReplicaSets of the pod's namespace whose non-empty selector matches it. */
  getPodReplicaSets(pod: Pod): Stored<ReplicaSet>[] {
    const out: Stored<ReplicaSet>[] = [];
    for (const rs of this.ctx.store.list<ReplicaSet>('ReplicaSet', { namespace: pod.metadata?.namespace })) {
      const sel = this.selectorOf(rs);
      if (!sel || sel.nothing || sel.requirements.length === 0) continue;
      if (sel.matches(pod.metadata?.labels)) out.push(rs);
    }
    return out;
  }

  /** Enqueues a ReplicaSet because one of its (possible) pods changed. */
  private enqueueRS(rs: Stored<ReplicaSet>): void {
    this.touch(rsKey(rs.metadata.namespace, rs.metadata.name));
  }

  private touch(key: string): void {
    const cached = this.claimCache.get(key);
    if (cached) cached.dirty = true;
    this.queue.add(key);
  }

  private addPod(pod: Stored<Pod>): void {
    if (pod.metadata.deletionTimestamp) {
      // A pod that shows up already terminating is a deletion observation, not a creation.
      this.deletePod(pod);
      return;
    }
    const ref = controllerRefOf(pod);
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata.namespace, ref);
      if (!rs) return;
      const key = rsKey(rs.metadata.namespace, rs.metadata.name);
      this.expectations.creationObserved(key);
      const cached = this.claimCache.get(key);
      if (cached && !cached.dirty && cached.uid === rs.metadata.uid) cached.added.set(pod.metadata.uid, pod);
      else if (cached) cached.dirty = true;
      this.queue.add(key);
      return;
    }
    // An orphan: wake every ReplicaSet that might adopt it (no creation is observed).
    for (const rs of this.getPodReplicaSets(pod)) this.enqueueRS(rs);
  }

  private updatePod(old: Stored<Pod>, cur: Stored<Pod>): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const labelChanged = !deepEqual(old.metadata.labels ?? {}, cur.metadata.labels ?? {});
    if (cur.metadata.deletionTimestamp) {
      // A graceful delete counts as the deletion at once: the replacement need not wait for the
      // kubelet to finish.
      this.deletePod(cur);
      if (labelChanged) this.deletePod(old);
      return;
    }
    const curRef = controllerRefOf(cur);
    const oldRef = controllerRefOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const rs = this.resolveControllerRef(old.metadata.namespace, oldRef);
      if (rs) this.enqueueRS(rs);
    }
    if (curRef) {
      const rs = this.resolveControllerRef(cur.metadata.namespace, curRef);
      if (!rs) return;
      if (refChanged || labelChanged) this.enqueueRS(rs);
      else this.noteModified(rs, cur);
      const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReadySeconds > 0) {
        // Look again once the pod can be available; upstream adds a second against clock skew.
        this.queue.addAfter(rsKey(rs.metadata.namespace, rs.metadata.name), (minReadySeconds + 1) * 1000);
      }
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.getPodReplicaSets(cur)) this.enqueueRS(rs);
  }

  /** An update of a pod the ReplicaSet controls, its labels and controller unchanged. */
  private noteModified(rs: Stored<ReplicaSet>, pod: Stored<Pod>): void {
    const key = rsKey(rs.metadata.namespace, rs.metadata.name);
    const cached = this.claimCache.get(key);
    if (cached && !cached.dirty && cached.uid === rs.metadata.uid) {
      const uid = pod.metadata.uid;
      if (cached.added.has(uid)) cached.added.set(uid, pod);
      else if (cached.position.has(uid)) cached.modified.set(uid, pod);
      else cached.dirty = true; // a pod the last claim did not list (inactive, or not matching)
    }
    this.queue.add(key);
  }

  private deletePod(pod: Stored<Pod>): void {
    const ref = controllerRefOf(pod);
    if (!ref) return;
    const rs = this.resolveControllerRef(pod.metadata.namespace, ref);
    if (!rs) return;
    const key = rsKey(rs.metadata.namespace, rs.metadata.name);
    this.expectations.deletionObserved(key, podKey(pod));
    this.touch(key);
  }

  // ---- the sync ----

  /** syncReplicaSet: one reconcile of the ReplicaSet `namespace/name`. Throws to be retried. */
  syncReplicaSet(key: string): void {
    const [namespace, name] = splitKey(key);
    const { store } = this.ctx;
    const rs = store.get<ReplicaSet>('ReplicaSet', namespace, name);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const rsNeedsSync = this.expectations.satisfied(key, this.now);
    const selector = this.selectorOf(rs);
    if (!selector) return; // an invalid selector: nothing to do until the object changes

    const { pods, counts } = this.claimPodsCached(key, rs, selector);

    let manageReplicasErr: Error | undefined;
    if (rsNeedsSync && !rs.metadata.deletionTimestamp) {
      manageReplicasErr = this.manageReplicas(pods, rs);
      if (!this.expectations.satisfied(key, this.now)) {
        // Expectations expire after 5 minutes; look again then (a background timer: it changes
        // nothing unless time passes it anyway).
        this.ctx.runtime.after(
          EXPECTATIONS_TIMEOUT_MS + 1,
          `replicaset expectations ${key}`,
          () => this.queue.add(key),
          true,
        );
      }
    }
    const newStatus = calculateStatus(rs, counts, manageReplicasErr, this.now);
    const updated = this.updateReplicaSetStatus(rs, newStatus);
    this.requeueForAvailability(key, updated, counts, manageReplicasErr);
    if (manageReplicasErr) throw manageReplicasErr;
  }

  /** claimPods, or the cached claim with the pod events since folded in, when that is exact. */
  private claimPodsCached(
    key: string,
    rs: Stored<ReplicaSet>,
    selector: Selector,
  ): { pods: Stored<Pod>[]; counts: PodCounts } {
    const cached = this.claimCache.get(key);
    let result = cached && this.foldCached(cached, rs, selector);
    if (result) {
      if (this.verifyClaimCache) this.verifyCached(rs, selector, result);
    } else {
      const counts = new PodCounts(rs, this.now);
      const version = this.ctx.store.resourceVersion;
      const pods = this.claimPods(rs, selector, counts);
      result = { pods, counts };
      // A claim that adopted or released pods saw objects it then changed: do not keep it.
      if (this.ctx.store.resourceVersion !== version) {
        this.claimCache.delete(key);
        return result;
      }
    }
    if (selector.requirements.length && !selector.nothing) {
      const position = cached && result.pods === cached.pods ? cached.position : new Map<string, number>();
      if (position.size !== result.pods.length)
        result.pods.forEach((p, i) => position.set(p.metadata.uid, i));
      // Shared with this sync, which only reads them before the next sync folds events in.
      this.claimCache.set(key, {
        uid: rs.metadata.uid,
        spec: rs.spec,
        pods: result.pods,
        position,
        counts: result.counts,
        added: new Map(),
        modified: new Map(),
        dirty: false,
      });
    } else this.claimCache.delete(key);
    return result;
  }

  /** The cached claim brought up to date, or undefined when only a full claim is exact. */
  private foldCached(
    cached: ClaimCache,
    rs: Stored<ReplicaSet>,
    selector: Selector,
  ): { pods: Stored<Pod>[]; counts: PodCounts } | undefined {
    const now = this.now;
    const { counts, pods, position } = cached;
    if (cached.dirty || cached.uid !== rs.metadata.uid || cached.spec !== rs.spec) return undefined;
    if (counts.nextAvailableAt <= now) return undefined;
    const matches = labelMatcher(selector);
    const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
    for (const p of [...cached.modified.values(), ...cached.added.values()])
      if (!isPodActive(p) || !matches(p.metadata.labels)) return undefined;
    for (const uid of cached.modified.keys()) {
      const old = pods[position.get(uid)!];
      // A Ready pod still waiting out minReadySeconds may set nextAvailableAt: recount in full.
      if (minReadySeconds > 0 && isPodReady(old) && !isPodAvailable(old, minReadySeconds, now))
        return undefined;
    }
    counts.now = now;
    for (const [uid, cur] of cached.modified) {
      const i = position.get(uid)!;
      counts.remove(pods[i]);
      counts.add(cur);
      pods[i] = cur;
    }
    for (const [uid, cur] of cached.added) {
      position.set(uid, pods.length);
      pods.push(cur);
      counts.add(cur);
    }
    cached.modified.clear();
    cached.added.clear();
    return { pods, counts };
  }

  private verifyCached(
    rs: Stored<ReplicaSet>,
    selector: Selector,
    got: { pods: Stored<Pod>[]; counts: PodCounts },
  ): void {
    const counts = new PodCounts(rs, this.now);
    const pods = this.claimPods(rs, selector, counts);
    const a = got.pods.map((p) => p.metadata.uid).sort();
    const b = pods.map((p) => p.metadata.uid).sort();
    if (!deepEqual(a, b) || !deepEqual(got.counts.snapshot(), counts.snapshot())) {
      throw new Error(
        `replicaset claim cache is stale for ${rs.metadata.name}: ${JSON.stringify(got.counts.snapshot())} != ${JSON.stringify(counts.snapshot())}`,
      );
    }
  }

  /**
   * The active pods this ReplicaSet now owns: its controlled pods and the orphans of its namespace
   * go through claimObjects (adopt matching orphans, release owned pods that stopped matching).
   * Pods controlled by other controllers are never candidates, so they are not listed (upstream lists
   * the whole namespace and lets claimObject ignore them).
   */
  private claimPods(rs: Stored<ReplicaSet>, selector: Selector, counts: PodCounts): Stored<Pod>[] {
    const { store } = this.ctx;
    const ns = rs.metadata.namespace ?? 'default';
    const matches = labelMatcher(selector);
    // Fast path for the pods the index says this ReplicaSet controls: claimed when they match.
    const claimed: Stored<Pod>[] = [];
    const others: Stored<Pod>[] = [];
    for (const p of store.listControlledBy<Pod>('Pod', rs.metadata.uid)) {
      if (p.metadata.namespace !== ns || !isPodActive(p)) continue;
      if (matches(p.metadata.labels)) {
        claimed.push(p);
        counts.add(p);
      } else others.push(p);
    }
    for (const p of store.listOrphans<Pod>('Pod', ns)) if (isPodActive(p)) others.push(p);
    if (others.length === 0) return claimed;

    const result = claimObjects(rs, others, (p) => matches(p.metadata.labels), {
      canAdopt: () => recheckDeletionTimestamp(this.ctx.store, rs),
      adopt: (p) => adoptPod(this.ctx.store, rs, p),
      release: (p) => releasePod(this.ctx.store, rs, p),
    });
    const err = aggregate(result.errors);
    if (err) throw err;
    for (const p of result.claimed) {
      claimed.push(p);
      counts.add(p);
    }
    return claimed;
  }

  /**
   * manageReplicas: creates or deletes at most burstReplicas pods towards spec.replicas. Returns the
   * error that stopped it (creation stops after the first failing slow-start batch).
   */
  manageReplicas(pods: readonly Stored<Pod>[], rs: Stored<ReplicaSet>): Error | undefined {
    const key = rsKey(rs.metadata.namespace, rs.metadata.name);
    let diff = pods.length - (rs.spec?.replicas ?? 1);
    if (diff < 0) {
      diff = Math.min(-diff, this.burstReplicas);
      this.expectations.expectCreations(key, diff, this.now);
      const { successes, error } = slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () =>
        this.createPod(rs),
      );
      // Pods never created (failed or skipped) will never be observed.
      for (let i = successes; i < diff; i++) this.expectations.creationObserved(key);
      return error;
    }
    if (diff > 0) {
      diff = Math.min(diff, this.burstReplicas);
      const related = this.getIndirectlyRelatedPods(rs);
      const toDelete = getPodsToDelete(pods, related, diff, this.now, this.gates);
      this.expectations.expectDeletions(key, toDelete.map(podKey), this.now);
      let first: Error | undefined;
      for (const pod of toDelete) {
        try {
          this.deletePodOf(rs, pod);
        } catch (err) {
          this.expectations.deletionObserved(key, podKey(pod));
          if (!isNotFound(err)) first ??= errorOf(err);
        }
      }
      return first;
    }
    return undefined;
  }

  /** RealPodControl.CreatePods with its events. */
  private createPod(rs: Stored<ReplicaSet>): void {
    const pod = podFromTemplate(rs);
    if (Object.keys(pod.metadata?.labels ?? {}).length === 0)
      throw new Error('unable to create pods, no labels');
    let created: Stored<Pod>;
    try {
      created = this.ctx.store.create(pod, { actor: COMPONENT, owned: true });
    } catch (err) {
      const e = errorOf(err);
      this.ctx.recorder.event(
        rs,
        'Warning',
        FAILED_CREATE_EVENT_REASON,
        `Error creating: ${e.message}`,
        COMPONENT,
      );
      throw e;
    }
    this.ctx.recorder.event(
      rs,
      'Normal',
      SUCCESSFUL_CREATE_REASON,
      `Created pod: ${created.metadata.name}`,
      COMPONENT,
    );
  }

  /** RealPodControl.DeletePod with its events: a graceful delete with the pod's own grace period. */
  private deletePodOf(rs: Stored<ReplicaSet>, pod: Stored<Pod>): void {
    try {
      this.ctx.store.delete('Pod', pod.metadata.namespace, pod.metadata.name, { actor: COMPONENT });
    } catch (err) {
      if (isNotFound(err)) throw err;
      const e = errorOf(err);
      this.ctx.recorder.event(
        rs,
        'Warning',
        FAILED_DELETE_EVENT_REASON,
        `Error deleting: ${e.message}`,
        COMPONENT,
      );
      throw new Error(`unable to delete pods: ${e.message}`);
    }
    this.ctx.recorder.event(
      rs,
      'Normal',
      SUCCESSFUL_DELETE_REASON,
      `Deleted pod: ${pod.metadata.name}`,
      COMPONENT,
    );
  }

  /**
   * getIndirectlyRelatedPods: the pods of every ReplicaSet with the same controller (the Deployment's
   * other ReplicaSets), for ranking by pods on the same node. Upstream lists every pod of the
   * namespace matching each selector; this takes each ReplicaSet's controlled pods plus matching
   * orphans (the index), which differs only for pods controlled by some third party.
   */
  getIndirectlyRelatedPods(rs: Stored<ReplicaSet>): Stored<Pod>[] {
    const owner = controllerRefOf(rs);
    if (!owner) return [];
    const { store } = this.ctx;
    const ns = rs.metadata.namespace ?? 'default';
    const seen = new Set<string>();
    const out: Stored<Pod>[] = [];
    const add = (p: Stored<Pod>) => {
      if (seen.has(p.metadata.uid)) return;
      seen.add(p.metadata.uid);
      out.push(p);
    };
    const orphans = store.listOrphans<Pod>('Pod', ns);
    for (const related of store.listControlledBy<ReplicaSet>('ReplicaSet', owner.uid)) {
      if (related.metadata.namespace !== ns) continue;
      const sel = this.selectorOf(related);
      if (!sel) continue;
      for (const p of store.listControlledBy<Pod>('Pod', related.metadata.uid))
        if (p.metadata.namespace === ns && sel.matches(p.metadata.labels)) add(p);
      for (const p of orphans) if (sel.matches(p.metadata.labels)) add(p);
    }
    return out;
  }

  /**
   * updateReplicaSetStatus: writes the status (observedGeneration = the generation this sync acted
   * on) unless nothing changed. Returns the ReplicaSet as it now is.
   */
  private updateReplicaSetStatus(rs: Stored<ReplicaSet>, newStatus: ReplicaSetStatus): Stored<ReplicaSet> {
    if (!statusNeedsUpdate(rs, newStatus)) return rs;
    const status = { ...newStatus };
    if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
    const { store } = this.ctx;
    const fresh = store.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
    if (!fresh || fresh.metadata.uid !== rs.metadata.uid) return rs;
    return store.updateStatus<ReplicaSet>({ ...fresh, status }, { actor: COMPONENT });
  }

  /**
   * Availability lags readiness by minReadySeconds; nothing changes on the pod when it becomes
   * available, so the ReplicaSet looks again by itself. As upstream: after minReadySeconds when all
   * wanted pods are Ready but not all available (and the update handler adds minReadySeconds + 1 s
   * after each Ready transition). Beyond upstream, when that rule does not apply and some Ready pod
   * is still unavailable, it looks again 1 s after the earliest such pod becomes available, so a
   * partly Ready ReplicaSet never waits for an unrelated event (a work queue keeps only the earliest
   * delay per key, which can drop the update handler's later requeues).
   */
  private requeueForAvailability(
    key: string,
    rs: Stored<ReplicaSet>,
    counts: PodCounts,
    manageReplicasErr: Error | undefined,
  ): void {
    const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
    if (minReadySeconds <= 0) return;
    const replicas = rs.spec?.replicas ?? 1;
    if (!manageReplicasErr && counts.ready === replicas && counts.available !== replicas) {
      this.queue.addAfter(key, minReadySeconds * 1000);
      return;
    }
    if (counts.nextAvailableAt !== Infinity)
      this.queue.addAfter(key, Math.max(1, counts.nextAvailableAt + 1000 - this.now));
  }
}
