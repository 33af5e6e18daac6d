/**
 * The garbage collector (pkg/controller/garbagecollector: garbagecollector.go `attemptToDeleteItem`,
 * `classifyReferences`, `processDeletingDependentsItem`, `attemptToOrphanWorker`; graph_builder.go
 * for which events start what); statefulset.md §12.
 *
 * Every ownerReference of a dependent is classified against the live owner (same kind, name and
 * namespace, and the uid must match):
 *   solid    — the owner exists and is not being deleted in the foreground;
 *   dangling — no such owner, or one with another uid (deleted, or deleted and recreated);
 *   waiting  — the owner has a deletionTimestamp and the `foregroundDeletion` finalizer.
 * Then (attemptToDeleteItem):
 *   some solid          → keep the dependent, patch its dangling and waiting references away;
 *   waiting, and the dependent has dependents of its own → delete it in the foreground;
 *   otherwise           → delete it with the policy its own finalizers ask for (orphan, foreground)
 *                          or in the background. Pods are deleted gracefully, as any pod delete.
 * Owners being deleted:
 *   background  — the owner is gone from the store; its DELETED event queues every dependent;
 *   orphan      — `orphan` finalizer: the owner's references are removed from every dependent, then
 *                 the finalizer (and with it the owner) goes;
 *   foreground  — `foregroundDeletion` finalizer: every dependent is queued for deletion; the
 *                 finalizer is removed once no dependent with blockOwnerDeletion is left.
 * A dependent created with a reference to an owner that does not exist (or has another uid) is
 * queued too, and collected after the same check.
 *
 * Example: `kubectl delete rs web` (background) removes the ReplicaSet; its 3 pods are each
 * deleted with their 30 s grace period; the kubelet removes them when they have stopped.
 */
import type { KObject, OwnerReference, Stored } from '../../api/types';
import type { Controller, ControllerContext } from '../context';
import type { WatchEvent } from '../../store/store';
import type { WorkQueue } from '../../runtime/runtime';
import { ApiError } from '../../api/errors';
import { isKnownKind, kindInfo } from '../../api/kinds';
import { deepEqual } from '../../util/clone';
import {
  DependencyIndex,
  type Identity,
  identityKey,
  identityOf,
  identityString,
  parseIdentityKey,
} from './graph';

export const COMPONENT = 'garbage-collector';
export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

/** Kinds the collector does not track (they never own anything and never have owners here). */
const UNTRACKED = new Set(['Event']);

export type Classification = 'solid' | 'dangling' | 'waiting';

function hasFinalizer(obj: KObject | undefined, f: string): boolean {
  return !!obj?.metadata?.finalizers?.includes(f);
}

/** isDeletingDependents: being deleted with the foregroundDeletion finalizer. */
export function isDeletingDependents(obj: KObject | undefined): boolean {
  return !!obj?.metadata?.deletionTimestamp && hasFinalizer(obj, FINALIZER_FOREGROUND);
}

/** Being deleted with the orphan finalizer: its dependents are to be orphaned. */
export function isOrphaning(obj: KObject | undefined): boolean {
  return !!obj?.metadata?.deletionTimestamp && hasFinalizer(obj, FINALIZER_ORPHAN);
}

function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && err.reason === 'NotFound';
}

export class GarbageCollector implements Controller {
  readonly name = COMPONENT;
  readonly graph = new DependencyIndex();
  readonly attemptToDelete: WorkQueue;
  readonly attemptToOrphan: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.attemptToDelete = ctx.runtime.newQueue('garbagecollector-delete', (key) =>
      this.attemptToDeleteItem(parseIdentityKey(key)),
    );
    this.attemptToOrphan = ctx.runtime.newQueue('garbagecollector-orphan', (key) =>
      this.attemptToOrphanItem(parseIdentityKey(key)),
    );
    ctx.store.watch('*', (e) => this.processGraphChanges(e));
  }

  private enqueueDelete(id: Identity): void {
    this.attemptToDelete.add(identityKey(id));
  }

  // ---- the graph builder: keep the index, and queue what an event starts ----

  private processGraphChanges(e: WatchEvent): void {
    if (UNTRACKED.has(e.kind)) return;
    const obj = e.object;
    const refs = obj.metadata.ownerReferences;
    if (e.type === 'MODIFIED') {
      // The common case, a status write, changes neither the references nor the deletion state.
      const oldRefs = e.old?.metadata.ownerReferences;
      if (oldRefs !== refs && !deepEqual(oldRefs ?? [], refs ?? [])) {
        const id = identityOf(obj);
        this.graph.remove(id, oldRefs);
        this.graph.add(id, refs);
        // Owners waiting for this dependent may no longer need to: a reference removed, or no
        // longer blocking.
        for (const ref of oldRefs ?? []) {
          const now = refs?.find((r) => r.uid === ref.uid);
          if (!now || (ref.blockOwnerDeletion && !now.blockOwnerDeletion)) this.wakeOwner(obj, ref);
        }
        this.checkNewOwners(
          obj,
          refs?.filter((r) => !oldRefs?.some((o) => o.uid === r.uid)),
        );
      }
      if (obj.metadata.deletionTimestamp) this.processTransitions(e.old, obj);
      return;
    }
    const id = identityOf(obj);
    if (e.type === 'ADDED') {
      if (refs?.length) {
        this.graph.add(id, refs);
        this.checkNewOwners(obj, refs);
      }
      if (obj.metadata.deletionTimestamp) this.processTransitions(undefined, obj);
      return;
    }
    // DELETED: the index forgets it; owners waiting for it look again; its dependents are queued.
    const last = e.old ?? obj;
    const lastRefs = last.metadata.ownerReferences;
    if (lastRefs?.length) {
      this.graph.remove(id, lastRefs);
      for (const ref of lastRefs) this.wakeOwner(last, ref);
    }
    if (this.graph.hasDependents(id.uid))
      for (const dep of this.graph.dependentsOf(id.uid)) this.enqueueDelete(dep.id);
  }

  /** New references to owners that are missing, replaced or deleting in the foreground: look now. */
  private checkNewOwners(obj: Stored, refs: readonly OwnerReference[] | undefined): void {
    for (const ref of refs ?? []) {
      const c = this.classify(obj, ref);
      if (c !== 'solid') {
        this.enqueueDelete(identityOf(obj));
        return;
      }
    }
  }

  /** Queues an owner that is deleting its dependents, so it can drop its finalizer when done. */
  private wakeOwner(dependent: Stored, ref: OwnerReference): void {
    const owner = this.lookupOwner(dependent, ref);
    if (owner && owner.metadata.uid === ref.uid && isDeletingDependents(owner))
      this.enqueueDelete(identityOf(owner));
  }

  /** processTransitions: an object starting foreground or orphan deletion. */
  private processTransitions(old: Stored | undefined, obj: Stored): void {
    if (isOrphaning(obj) && !isOrphaning(old)) this.attemptToOrphan.add(identityKey(identityOf(obj)));
    if (isDeletingDependents(obj) && !isDeletingDependents(old)) {
      for (const dep of this.graph.dependentsOf(obj.metadata.uid)) this.enqueueDelete(dep.id);
      this.enqueueDelete(identityOf(obj));
    }
  }

  // ---- owner lookups ----

  /**
   * The live object a reference names, looked up in the dependent's namespace (or cluster-wide for
   * cluster-scoped kinds). Undefined when there is none; null when the reference cannot be resolved
   * at all (an unknown kind, or a cluster-scoped dependent naming a namespaced owner): such
   * references are left alone, as upstream leaves them after a lookup error.
   */
  private lookupOwner(dependent: KObject, ref: OwnerReference): Stored | undefined | null {
    if (!isKnownKind(ref.kind)) return null;
    const info = kindInfo(ref.kind);
    const ns = dependent.metadata?.namespace;
    if (info.namespaced && !ns) return null;
    return this.ctx.store.get(ref.kind, info.namespaced ? ns : undefined, ref.name);
  }

  /** classifyReferences for one reference. Unresolvable references count as solid. */
  classify(dependent: KObject, ref: OwnerReference): Classification {
    const owner = this.lookupOwner(dependent, ref);
    if (owner === null) return 'solid';
    if (!owner || owner.metadata.uid !== ref.uid) return 'dangling';
    return isDeletingDependents(owner) ? 'waiting' : 'solid';
  }

  // ---- workers ----

  /** attemptToDeleteItem: collect the object if none of its owners holds it any more. */
  attemptToDeleteItem(id: Identity): void {
    const { store } = this.ctx;
    const latest = store.get(id.kind, id.namespace, id.name);
    if (!latest || latest.metadata.uid !== id.uid) return; // already gone
    if (isDeletingDependents(latest)) {
      this.processDeletingDependentsItem(latest);
      return;
    }
    // Being deleted is a one-way trip: wait for the final removal, then handle its dependents.
    if (latest.metadata.deletionTimestamp) return;
    const refs = latest.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;

    const solid: OwnerReference[] = [];
    const gone: OwnerReference[] = []; // dangling and waiting
    let waiting = 0;
    for (const ref of refs) {
      const c = this.classify(latest, ref);
      if (c === 'solid') solid.push(ref);
      else {
        gone.push(ref);
        if (c === 'waiting') waiting++;
      }
    }

    if (solid.length) {
      if (gone.length === 0) return;
      // Keep the object; remove the references to owners that are gone or going.
      const uids = new Set(gone.map((r) => r.uid));
      this.patchOwnerReferences(
        latest,
        refs.filter((r) => !uids.has(r.uid)),
      );
      return;
    }
    if (waiting && this.graph.hasDependents(latest.metadata.uid)) {
      // Its own dependents must go first. If one of them is itself deleting its dependents, stop
      // blocking our owners so that a cycle cannot wedge the deletion.
      const cycle = this.graph
        .dependentsOf(latest.metadata.uid)
        .some((d) => isDeletingDependents(store.get(d.id.kind, d.id.namespace, d.id.name)));
      let target = latest;
      if (cycle && refs.some((r) => r.blockOwnerDeletion)) {
        target = this.patchOwnerReferences(
          latest,
          refs.map((r) => (r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r)),
        );
      }
      this.deleteObject(target, 'Foreground');
      return;
    }
    if (this.ctx.options.plantedBugs.has('gc-orphans-pods')) return; // planted: gc-orphans-pods
    const policy = hasFinalizer(latest, FINALIZER_ORPHAN)
      ? 'Orphan'
      : hasFinalizer(latest, FINALIZER_FOREGROUND)
        ? 'Foreground'
        : 'Background';
    this.deleteObject(latest, policy);
  }

  /**
   * processDeletingDependentsItem: an owner deleting in the foreground loses its finalizer once no
   * dependent with blockOwnerDeletion remains; until then its blocking dependents that are not yet
   * being deleted are queued.
   */
  private processDeletingDependentsItem(owner: Stored): void {
    const { store } = this.ctx;
    let blocking = 0;
    for (const dep of this.graph.dependentsOf(owner.metadata.uid)) {
      if (!dep.blocking) continue;
      blocking++;
      const obj = store.get(dep.id.kind, dep.id.namespace, dep.id.name);
      if (obj && obj.metadata.uid === dep.id.uid && !obj.metadata.deletionTimestamp)
        this.enqueueDelete(dep.id);
    }
    if (blocking === 0) this.removeFinalizer(owner, FINALIZER_FOREGROUND);
  }

  /** attemptToOrphanWorker: remove the owner from its dependents' references, then the finalizer. */
  attemptToOrphanItem(id: Identity): void {
    const { store } = this.ctx;
    const owner = store.get(id.kind, id.namespace, id.name);
    if (!owner || owner.metadata.uid !== id.uid || !isOrphaning(owner)) return;
    const errors: string[] = [];
    for (const dep of this.graph.dependentsOf(id.uid)) {
      const obj = store.get(dep.id.kind, dep.id.namespace, dep.id.name);
      if (!obj || obj.metadata.uid !== dep.id.uid) continue;
      try {
        this.patchOwnerReferences(
          obj,
          (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== id.uid),
        );
      } catch (err) {
        if (!isNotFound(err))
          errors.push(`orphaning ${identityString(dep.id)} failed, ${(err as Error).message}`);
      }
    }
    if (errors.length) {
      throw new Error(
        `failed to orphan dependents of owner ${identityString(id)}, got errors: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`,
      );
    }
    this.removeFinalizer(owner, FINALIZER_ORPHAN);
  }

  // ---- writes ----

  /** deleteObject: a delete with the object's uid as precondition and the given propagation. */
  private deleteObject(obj: Stored, policy: 'Background' | 'Foreground' | 'Orphan'): void {
    try {
      this.ctx.store.delete(obj.kind, obj.metadata.namespace, obj.metadata.name, {
        actor: COMPONENT,
        propagationPolicy: policy,
        preconditions: { uid: obj.metadata.uid },
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Replaces the ownerReferences (the strategic-merge patch with the uid as precondition). */
  private patchOwnerReferences(obj: Stored, refs: OwnerReference[]): Stored {
    const metadata = { ...obj.metadata };
    if (refs.length) metadata.ownerReferences = refs;
    else delete metadata.ownerReferences;
    return this.ctx.store.update({ ...obj, metadata }, { actor: COMPONENT });
  }

  private removeFinalizer(obj: Stored, finalizer: string): void {
    const fresh = this.ctx.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name);
    if (!fresh || fresh.metadata.uid !== obj.metadata.uid || !hasFinalizer(fresh, finalizer)) return;
    const metadata = { ...fresh.metadata };
    const rest = (fresh.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    if (rest.length) metadata.finalizers = rest;
    else delete metadata.finalizers;
    this.ctx.store.update({ ...fresh, metadata }, { actor: COMPONENT });
  }
}
