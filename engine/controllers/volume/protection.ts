/**
 * Storage-object-in-use protection: finalizers that keep a claim while a pod uses it and a volume
 * while it is bound (statefulset.md §9.6).
 *
 * Mirrors `pkg/controller/volume/pvcprotection/pvc_protection_controller.go` (`processPVC`,
 * `isBeingUsed`, `podUsesPVC`, `podIsShutDown`, `enqueuePVCs`),
 * `pkg/controller/volume/pvprotection/pv_protection_controller.go` (`processPV`, `isBeingUsed`) and
 * the StorageObjectInUseProtection admission plugin (`plugin/pkg/admission/storage/storageobjectinuseprotection`).
 *
 * Facts kept from upstream:
 * - A claim is in use while a SCHEDULED pod (spec.nodeName set) names it in a persistentVolumeClaim
 *   volume, whatever the pod's phase: a Succeeded pod that still exists keeps its claim. An
 *   unscheduled pod does not. (For generic ephemeral volumes a pod that is shut down, i.e. has a
 *   deletionTimestamp and a zero grace period, no longer counts.)
 * - A volume is in use while its phase is Bound.
 * - The admission plugin adds the finalizers on create; the controllers add them too, to objects
 *   that lack them (here: to every object, as long as admission does not call
 *   `storageObjectInUseProtection`).
 */
import type { ControllerContext } from '../context';
import type { Store, WatchEvent } from '../../store/store';
import type { KObject, PersistentVolume, PersistentVolumeClaim, Pod, Stored } from '../../api/types';
import { controllerRefOf } from '../../api/pod';
import type { WorkQueue } from '../../runtime/runtime';
import {
  PV_PROTECTION_CONTROLLER,
  PV_PROTECTION_FINALIZER,
  PVC_PROTECTION_CONTROLLER,
  PVC_PROTECTION_FINALIZER,
} from './constants';
import { isPodTerminated, podClaims } from './pods';

type PVC = Stored<PersistentVolumeClaim>;
type PV = Stored<PersistentVolume>;

function hasFinalizer(obj: KObject, f: string): boolean {
  return obj.metadata?.finalizers?.includes(f) ?? false;
}

/** protectionutil.IsDeletionCandidate: being deleted and still holding the finalizer. */
export function isDeletionCandidate(obj: KObject, f: string): boolean {
  return !!obj.metadata?.deletionTimestamp && hasFinalizer(obj, f);
}

/** protectionutil.NeedToAddFinalizer: not being deleted and missing the finalizer. */
export function needToAddFinalizer(obj: KObject, f: string): boolean {
  return !obj.metadata?.deletionTimestamp && !hasFinalizer(obj, f);
}

/**
 * The StorageObjectInUseProtection admission plugin, for the API server's admission chain to call
 * on create: PersistentVolumeClaims get `kubernetes.io/pvc-protection`, PersistentVolumes
 * `kubernetes.io/pv-protection`. Mutates obj in place; other kinds are left alone.
 */
export function storageObjectInUseProtection(obj: KObject): void {
  const f =
    obj.kind === 'PersistentVolumeClaim'
      ? PVC_PROTECTION_FINALIZER
      : obj.kind === 'PersistentVolume'
        ? PV_PROTECTION_FINALIZER
        : undefined;
  if (!f) return;
  const meta = (obj.metadata ??= {});
  if (!meta.finalizers?.includes(f)) meta.finalizers = [...(meta.finalizers ?? []), f];
}

/** podIsShutDown: the kubelet is done with the pod (deleted with grace 0) or it was force-deleted. */
function podIsShutDown(pod: Pod): boolean {
  return !!pod.metadata?.deletionTimestamp && pod.metadata.deletionGracePeriodSeconds === 0;
}

/** podUsesPVC: only scheduled pods count; ephemeral claims must belong to the pod and it must be up. */
export function podUsesPVC(pod: Stored<Pod>, pvc: PVC): boolean {
  if (!pod.spec?.nodeName) return false;
  for (const c of podClaims(pod)) {
    if (c.name !== pvc.metadata.name) continue;
    if (!c.ephemeral) return true;
    if (!podIsShutDown(pod) && controllerRefOf(pvc)?.uid === pod.metadata.uid) return true;
  }
  return false;
}

/** Whether any pod in the claim's namespace keeps it from being removed. */
export function isClaimInUse(store: Store, pvc: PVC): boolean {
  return store.list<Pod>('Pod', { namespace: pvc.metadata.namespace }).some((p) => podUsesPVC(p, pvc));
}

export class PVCProtectionController {
  readonly name = PVC_PROTECTION_CONTROLLER;
  private readonly store: Store;
  private readonly queue: WorkQueue;

  constructor(ctx: ControllerContext) {
    this.store = ctx.store;
    this.queue = ctx.runtime.newQueue(PVC_PROTECTION_CONTROLLER, (key) => this.processPVC(key));
    ctx.store.watch('PersistentVolumeClaim', (e) => {
      if (e.type === 'DELETED') return;
      const pvc = e.object as PVC;
      if (
        needToAddFinalizer(pvc, PVC_PROTECTION_FINALIZER) ||
        isDeletionCandidate(pvc, PVC_PROTECTION_FINALIZER)
      )
        this.queue.add(`${pvc.metadata.namespace}/${pvc.metadata.name}`);
    });
    ctx.store.watch('Pod', (e) => this.onPod(e));
  }

  /** podAddedDeletedUpdated / enqueuePVCs: only pods that may have stopped using claims matter. */
  private onPod(e: WatchEvent): void {
    const pod = e.object as Stored<Pod>;
    const deleted = e.type === 'DELETED';
    this.enqueuePVCs(pod, deleted);
    const old = e.old as Stored<Pod> | undefined;
    if (old && old.metadata.uid !== pod.metadata.uid) this.enqueuePVCs(old, true);
  }

  private enqueuePVCs(pod: Stored<Pod>, deleted: boolean): void {
    if (!deleted && !isPodTerminated(pod) && pod.spec?.nodeName) return;
    for (const c of podClaims(pod)) this.queue.add(`${pod.metadata.namespace}/${c.name}`);
  }

  private processPVC(key: string): void {
    const slash = key.indexOf('/');
    const pvc = this.store.get<PersistentVolumeClaim>(
      'PersistentVolumeClaim',
      key.slice(0, slash),
      key.slice(slash + 1),
    );
    if (!pvc) return;
    if (isDeletionCandidate(pvc, PVC_PROTECTION_FINALIZER)) {
      if (!isClaimInUse(this.store, pvc)) {
        const finalizers = pvc.metadata.finalizers!.filter((f) => f !== PVC_PROTECTION_FINALIZER);
        this.store.update(
          { ...pvc, metadata: { ...pvc.metadata, finalizers } },
          { actor: PVC_PROTECTION_CONTROLLER },
        );
      }
      return;
    }
    if (needToAddFinalizer(pvc, PVC_PROTECTION_FINALIZER)) {
      const finalizers = [...(pvc.metadata.finalizers ?? []), PVC_PROTECTION_FINALIZER];
      this.store.update(
        { ...pvc, metadata: { ...pvc.metadata, finalizers } },
        { actor: PVC_PROTECTION_CONTROLLER },
      );
    }
  }
}

export class PVProtectionController {
  readonly name = PV_PROTECTION_CONTROLLER;
  private readonly store: Store;
  private readonly queue: WorkQueue;

  constructor(ctx: ControllerContext) {
    this.store = ctx.store;
    this.queue = ctx.runtime.newQueue(PV_PROTECTION_CONTROLLER, (key) => this.processPV(key));
    ctx.store.watch('PersistentVolume', (e) => {
      if (e.type === 'DELETED') return;
      const pv = e.object as PV;
      if (needToAddFinalizer(pv, PV_PROTECTION_FINALIZER) || isDeletionCandidate(pv, PV_PROTECTION_FINALIZER))
        this.queue.add(pv.metadata.name);
    });
  }

  private processPV(name: string): void {
    const pv = this.store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv) return;
    if (isDeletionCandidate(pv, PV_PROTECTION_FINALIZER)) {
      // isBeingUsed: a Bound volume is in use.
      if (pv.status?.phase !== 'Bound') {
        const finalizers = pv.metadata.finalizers!.filter((f) => f !== PV_PROTECTION_FINALIZER);
        this.store.update(
          { ...pv, metadata: { ...pv.metadata, finalizers } },
          { actor: PV_PROTECTION_CONTROLLER },
        );
      }
      return;
    }
    if (needToAddFinalizer(pv, PV_PROTECTION_FINALIZER)) {
      const finalizers = [...(pv.metadata.finalizers ?? []), PV_PROTECTION_FINALIZER];
      this.store.update(
        { ...pv, metadata: { ...pv.metadata, finalizers } },
        { actor: PV_PROTECTION_CONTROLLER },
      );
    }
  }
}
