/**
 * The StatefulSet controller: watches sets and pods (and claim deletions), keeps a
 * work queue of set keys, claims pods (adopting orphans, releasing pods that no longer match) and
 * orphaned revisions, and hands each sync to StatefulSetControl.UpdateStatefulSet.
 *
 * Mirrors k8s: pkg/controller/statefulset/stateful_set.go and the PodControllerRefManager of
 * pkg/controller/controller_ref_manager.go. Behaviour reference: ../shared/spec/statefulset.md §4.
 *
 * Differences of timing (docs/divergences.md): with minReadySeconds the sync requeues itself for
 * the exact instant the next Ready pod becomes available, instead of upstream's fixed
 * minReadySeconds(+1 s) delays; and a deleted PVC enqueues the set whose claim it was (upstream
 * does not watch claims and relies on other events or the resync period).
 */
import type { Controller, ControllerContext } from '../context';
import type { OwnerReference, PersistentVolumeClaim, Pod, StatefulSet, Stored } from '../../api/types';
import type { WorkQueue, SyncResult } from '../../runtime/runtime';
import type { WatchEvent } from '../../store/store';
import { Selector, fromLabelSelector } from '../../api/selectors';
import { controllerRefOf } from '../../api/pod';
import { StatefulPodControl, COMPONENT, aggregate, isApiReason } from './stateful_pod_control';
import { StatefulSetControl } from './stateful_set_control';
import { availableAt, controllerKind, isMemberOf, minReadySecondsOf, newControllerRef } from './utils';

function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: 'default', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

function keyOfSet(set: StatefulSet): string {
  return `${set.metadata?.namespace ?? 'default'}/${set.metadata?.name}`;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

export class StatefulSetController implements Controller {
  readonly name = COMPONENT;
  readonly queue: WorkQueue;
  readonly podControl: StatefulPodControl;
  readonly control: StatefulSetControl;

  constructor(private readonly ctx: ControllerContext) {
    this.podControl = new StatefulPodControl(ctx);
    this.control = new StatefulSetControl(ctx, this.podControl);
    this.queue = ctx.runtime.newQueue('statefulset', (key) => this.sync(key));
    ctx.store.watch('StatefulSet', (e) => this.enqueueStatefulSet(e.object as StatefulSet));
    ctx.store.watch('Pod', (e) => this.onPod(e));
    ctx.store.watch('PersistentVolumeClaim', (e) => this.onClaim(e));
  }

  enqueueStatefulSet(set: StatefulSet): void {
    this.queue.add(keyOfSet(set));
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object as Stored<Pod>;
    if (e.type === 'ADDED') this.addPod(pod);
    else if (e.type === 'MODIFIED') this.updatePod(e.old as Stored<Pod>, pod);
    else this.deletePod(pod);
  }

  /** addPod: a pod with a controllerRef enqueues its set; an orphan every set that selects it. */
  private addPod(pod: Stored<Pod>): void {
    if (pod.metadata.deletionTimestamp) return this.deletePod(pod);
    const ref = controllerRefOf(pod);
    if (ref) {
      const set = this.resolveControllerRef(pod.metadata.namespace, ref);
      if (set) this.enqueueStatefulSet(set);
      return;
    }
    for (const set of this.getStatefulSetsForPod(pod)) this.enqueueStatefulSet(set);
  }

  /**
   * updatePod: a changed controllerRef also enqueues the old owner; an owned pod enqueues its set;
   * an orphan whose labels or ref changed enqueues the sets that select it.
   */
  private updatePod(old: Stored<Pod> | undefined, cur: Stored<Pod>): void {
    const curRef = controllerRefOf(cur);
    const oldRef = old ? controllerRefOf(old) : undefined;
    // Versions share their ownerReferences and labels: identity first, JSON only when they differ.
    const refChanged = curRef !== oldRef && JSON.stringify(curRef) !== JSON.stringify(oldRef);
    if (refChanged && oldRef) {
      const set = this.resolveControllerRef(old!.metadata.namespace, oldRef);
      if (set) this.enqueueStatefulSet(set);
    }
    if (curRef) {
      const set = this.resolveControllerRef(cur.metadata.namespace, curRef);
      if (set) this.enqueueStatefulSet(set);
      return;
    }
    const labelsChanged =
      cur.metadata.labels !== old?.metadata.labels &&
      JSON.stringify(cur.metadata.labels ?? {}) !== JSON.stringify(old?.metadata.labels ?? {});
    if (labelsChanged || refChanged)
      for (const set of this.getStatefulSetsForPod(cur)) this.enqueueStatefulSet(set);
  }

  /** deletePod: only owned pods matter. */
  private deletePod(pod: Stored<Pod>): void {
    const ref = controllerRefOf(pod);
    if (!ref) return;
    const set = this.resolveControllerRef(pod.metadata.namespace, ref);
    if (set) this.enqueueStatefulSet(set);
  }

  /** A deleted claim `<template>-<set>-<ordinal>` enqueues its set (stale claims §9.5, Pending pods §9.2). */
  private onClaim(e: WatchEvent): void {
    if (e.type !== 'DELETED') return;
    const claim = e.object as Stored<PersistentVolumeClaim>;
    const name = claim.metadata.name;
    for (const set of this.ctx.store.list<StatefulSet>('StatefulSet', {
      namespace: claim.metadata.namespace,
    })) {
      for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
        const prefix = `${tmpl.metadata?.name}-${set.metadata.name}-`;
        if (name.startsWith(prefix) && /^[0-9]+$/.test(name.slice(prefix.length))) {
          this.enqueueStatefulSet(set);
          break;
        }
      }
    }
  }

  /** resolveControllerRef: the set a controllerRef names, if it exists with that uid. */
  private resolveControllerRef(
    namespace: string | undefined,
    ref: OwnerReference,
  ): Stored<StatefulSet> | undefined {
    if (ref.kind !== controllerKind.kind) return undefined;
    const set = this.ctx.store.get<StatefulSet>('StatefulSet', namespace, ref.name);
    return set && set.metadata.uid === ref.uid ? set : undefined;
  }

  /** getStatefulSetsForPod: sets in the pod's namespace whose (non-empty) selector matches its labels. */
  private getStatefulSetsForPod(pod: Stored<Pod>): Stored<StatefulSet>[] {
    return this.setsSelecting(pod.metadata.namespace, pod.metadata.labels);
  }

  private setsSelecting(
    namespace: string | undefined,
    labels: Record<string, string> | undefined,
  ): Stored<StatefulSet>[] {
    const out: Stored<StatefulSet>[] = [];
    for (const set of this.ctx.store.list<StatefulSet>('StatefulSet', { namespace })) {
      let sel: Selector;
      try {
        sel = fromLabelSelector(set.spec?.selector);
      } catch {
        continue;
      }
      if (sel.nothing || sel.requirements.length === 0 || !sel.matches(labels)) continue;
      out.push(set);
    }
    return out;
  }

  /**
   * sync: the set (gone → nothing to do), orphaned revisions adopted, pods claimed, then
   * UpdateStatefulSet. With minReadySeconds, requeues for the instant the next Ready pod becomes
   * available.
   */
  sync(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const set = this.ctx.store.get<StatefulSet>('StatefulSet', namespace, name);
    if (!set) return;
    let selector: Selector;
    try {
      selector = fromLabelSelector(set.spec?.selector);
    } catch {
      return; // a non-transient error: not retried
    }
    this.adoptOrphanRevisions(set);
    const pods = this.getPodsForStatefulSet(set, selector);
    this.control.UpdateStatefulSet(set, pods);
    return this.requeueForAvailability(set, pods);
  }

  /** The delay until the earliest Ready-but-not-yet-available pod becomes available, if any. */
  private requeueForAvailability(set: StatefulSet, pods: readonly Pod[]): SyncResult {
    const mrs = minReadySecondsOf(set);
    if (mrs <= 0) return;
    const now = this.ctx.runtime.now;
    let next = Infinity;
    for (const pod of pods) {
      const at = availableAt(pod, mrs);
      if (at !== undefined && at > now && at < next) next = at;
    }
    return next === Infinity ? undefined : { requeueAfter: next - now };
  }

  /** canAdoptFunc: a fresh read of the set must show it alive with the same uid. */
  private canAdopt(set: Stored<StatefulSet>): void {
    const fresh = this.ctx.store.get<StatefulSet>('StatefulSet', set.metadata.namespace, set.metadata.name);
    if (!fresh) throw new Error(`statefulsets.apps "${set.metadata.name}" not found`);
    if (fresh.metadata.uid !== set.metadata.uid)
      throw new Error(
        `original StatefulSet ${set.metadata.namespace}/${set.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${set.metadata.uid}`,
      );
    if (fresh.metadata.deletionTimestamp)
      throw new Error(
        `${set.metadata.namespace}/${set.metadata.name} has just been deleted at ${fresh.metadata.deletionTimestamp}`,
      );
  }

  /** adoptOrphanRevisions: orphaned revisions matching the selector get a controllerRef to the set. */
  adoptOrphanRevisions(set: Stored<StatefulSet>): void {
    const orphans = this.control.listRevisions(set).filter((r) => !controllerRefOf(r));
    if (orphans.length === 0) return;
    try {
      this.canAdopt(set);
    } catch (err) {
      throw new Error(`can't adopt ControllerRevisions: ${asError(err).message}`);
    }
    this.control.adoptOrphanRevisions(set, orphans);
  }

  /**
   * getPodsForStatefulSet / ClaimPods (§4): candidates are the pods controlled by the set plus the
   * namespace's orphans; a pod matches when the selector selects it and its parent name is the
   * set's. Owned and matching → claimed; owned and not matching → released (unless the set is
   * being deleted); orphan and matching (set and pod not being deleted) → adopted and claimed.
   */
  getPodsForStatefulSet(set: Stored<StatefulSet>, selector: Selector): Stored<Pod>[] {
    const candidates = [
      ...this.ctx.store.listControlledBy<Pod>('Pod', set.metadata.uid),
      ...this.ctx.store.listOrphans<Pod>('Pod', set.metadata.namespace ?? 'default'),
    ];
    const match = (pod: Pod) => selector.matches(pod.metadata?.labels) && isMemberOf(set, pod);
    const claimed: Stored<Pod>[] = [];
    const errs: Error[] = [];
    let adoptChecked = false;
    for (const pod of candidates) {
      const ref = controllerRefOf(pod);
      if (ref) {
        if (ref.uid !== set.metadata.uid) continue;
        if (match(pod)) {
          claimed.push(pod);
          continue;
        }
        if (set.metadata.deletionTimestamp) continue;
        try {
          this.releasePod(set, pod);
        } catch (err) {
          if (!isApiReason(err, 'NotFound')) errs.push(asError(err));
        }
        continue;
      }
      if (set.metadata.deletionTimestamp || !match(pod) || pod.metadata.deletionTimestamp) continue;
      if ((pod.metadata.namespace ?? 'default') !== (set.metadata.namespace ?? 'default')) continue;
      try {
        if (!adoptChecked) {
          this.canAdopt(set);
          adoptChecked = true;
        }
        claimed.push(this.adoptPod(set, pod));
      } catch (err) {
        if (!isApiReason(err, 'NotFound')) errs.push(asError(err));
      }
    }
    const err = aggregate(errs);
    if (err) throw err;
    return claimed;
  }

  /** AdoptPod: adds the set's controllerRef (controller, blockOwnerDeletion) to the pod. */
  private adoptPod(set: Stored<StatefulSet>, pod: Stored<Pod>): Stored<Pod> {
    return this.ctx.store.update(
      {
        ...pod,
        metadata: {
          ...pod.metadata,
          ownerReferences: [...(pod.metadata.ownerReferences ?? []), newControllerRef(set, controllerKind)],
        },
      },
      { actor: COMPONENT },
    );
  }

  /** ReleasePod: removes the refs with the set's uid from the pod. */
  private releasePod(set: Stored<StatefulSet>, pod: Stored<Pod>): void {
    const refs = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== set.metadata.uid);
    const metadata = { ...pod.metadata, ownerReferences: refs };
    if (refs.length === 0) delete (metadata as { ownerReferences?: OwnerReference[] }).ownerReferences;
    this.ctx.store.update({ ...pod, metadata }, { actor: COMPONENT });
  }
}
