/**
 * The PersistentVolume binder: binds claims to volumes, asks provisioners for new volumes, and
 * releases and reclaims volumes whose claims are gone.
 *
 * Mirrors `pkg/controller/volume/persistentvolume/pv_controller.go` (`syncClaim`,
 * `syncUnboundClaim`, `syncBoundClaim`, `syncVolume`, `bind`, `unbindVolume`, `reclaimVolume`,
 * `provisionClaim`, `assignDefaultStorageClass`) and `pv_controller_base.go` (the watches).
 *
 * Worked example (statefulset.md §10): claim `data` asks for 1Gi RWO of class `manual`; volumes
 * `pv-a` (5Gi) and `pv-b` (2Gi) of that class are Available. The binder picks the smallest that
 * fits, `pv-b`, and writes, in this order: pv-b.spec.claimRef (+ bound-by-controller), pv-b phase
 * Bound, data.spec.volumeName (+ bind-completed, bound-by-controller), data phase Bound with
 * capacity 2Gi. All at the same virtual instant: binding takes 0 s here (docs/divergences.md).
 *
 * Where upstream waits for its 15 s resync (a free volume or a StorageClass appearing after the
 * claim, a pod being created for a WaitForFirstConsumer claim), this binder reacts to the change at
 * once (docs/divergences.md).
 */
import type { ControllerContext } from '../context';
import type { Store, WatchEvent } from '../../store/store';
import type {
  ObjectMeta,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  StorageClass,
  Stored,
} from '../../api/types';
import { toTimestamp } from '../../api/time';
import { deepEqual } from '../../util/clone';
import type { WorkQueue } from '../../runtime/runtime';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  NO_PROVISIONER,
  PV_CONTROLLER,
  PV_CONTROLLER_EVENT_SOURCE,
  REASON_CLAIM_LOST,
  REASON_CLAIM_MISBOUND,
  REASON_EXTERNAL_PROVISIONING,
  REASON_FAILED_BINDING,
  REASON_PROVISIONING_FAILED,
  REASON_UNKNOWN_RECLAIM_POLICY,
  REASON_VOLUME_MISMATCH,
  REASON_WAIT_FOR_FIRST_CONSUMER,
  REASON_WAIT_FOR_POD_SCHEDULED,
} from './constants';
import {
  checkVolumeSatisfyClaim,
  findBestMatchForClaim,
  isVolumeBoundToClaim,
  volumeModeMismatch,
} from './matching';
import { claimClass, claimHasClass, getDefaultClass, isDelayBindingMode } from './storageclass';
import { isPodTerminated, podClaims } from './pods';

type PVC = Stored<PersistentVolumeClaim>;
type PV = Stored<PersistentVolume>;

const WRITE = { actor: PV_CONTROLLER };

function claimKey(ns: string | undefined, name: string): string {
  return `${ns ?? 'default'}/${name}`;
}

function hasAnnotation(meta: ObjectMeta, key: string): boolean {
  return meta.annotations?.[key] !== undefined;
}

function withAnnotation<T extends { metadata: ObjectMeta }>(obj: T, key: string, value: string): T {
  return {
    ...obj,
    metadata: { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}), [key]: value } },
  };
}

/** ref.GetReference of a claim, as the binder writes it into pv.spec.claimRef. */
export function claimReference(pvc: PVC): NonNullable<NonNullable<PersistentVolume['spec']>['claimRef']> {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: pvc.metadata.namespace,
    name: pvc.metadata.name,
    uid: pvc.metadata.uid,
    apiVersion: 'v1',
    resourceVersion: pvc.metadata.resourceVersion,
  };
}

/**
 * GetBindVolumeToClaim: the volume with claimRef pointing at the claim, and bound-by-controller when
 * the volume was not already (pre-)bound to it. Undefined when nothing would change.
 */
export function volumeBoundToClaim(pv: PV, pvc: PVC): PV | undefined {
  let next = pv;
  let dirty = false;
  const setByController = !isVolumeBoundToClaim(pv, pvc);
  const ref = pv.spec?.claimRef;
  if (
    !ref ||
    ref.name !== pvc.metadata.name ||
    ref.namespace !== pvc.metadata.namespace ||
    ref.uid !== pvc.metadata.uid
  ) {
    next = { ...next, spec: { ...(next.spec ?? {}), claimRef: claimReference(pvc) } };
    dirty = true;
  }
  if (setByController && !hasAnnotation(next.metadata, ANN_BOUND_BY_CONTROLLER)) {
    next = withAnnotation(next, ANN_BOUND_BY_CONTROLLER, 'yes');
    dirty = true;
  }
  return dirty ? next : undefined;
}

export class PersistentVolumeBinder {
  readonly name = PV_CONTROLLER;
  private readonly store: Store;
  readonly claimQueue: WorkQueue;
  readonly volumeQueue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.store = ctx.store;
    this.claimQueue = ctx.runtime.newQueue(`${PV_CONTROLLER}/claims`, (key) => this.syncClaimKey(key));
    this.volumeQueue = ctx.runtime.newQueue(`${PV_CONTROLLER}/volumes`, (key) => this.syncVolumeKey(key));
    ctx.store.watch('PersistentVolumeClaim', (e) => this.onClaim(e));
    ctx.store.watch('PersistentVolume', (e) => this.onVolume(e));
    ctx.store.watch('StorageClass', (e) => this.onClass(e));
    ctx.store.watch('Pod', (e) => this.onPod(e));
  }

  // ---- watches (they only enqueue) ----

  private onClaim(e: WatchEvent): void {
    const pvc = e.object as PVC;
    if (e.type === 'DELETED') {
      // deleteClaim: sync the volume the claim was bound to, so it gets released.
      const vol = pvc.spec?.volumeName;
      if (vol) this.volumeQueue.add(vol);
      return;
    }
    this.claimQueue.add(claimKey(pvc.metadata.namespace, pvc.metadata.name));
  }

  private onVolume(e: WatchEvent): void {
    const pv = e.object as PV;
    if (e.type === 'DELETED') {
      // deleteVolume: the claim it was bound to may now be Lost.
      const ref = pv.spec?.claimRef;
      if (ref?.name) this.claimQueue.add(claimKey(ref.namespace, ref.name));
      return;
    }
    this.volumeQueue.add(pv.metadata.name);
    // A free volume may now match a waiting claim (upstream: the next 15 s resync of the claims).
    if (!pv.spec?.claimRef?.uid) this.enqueueUnboundClaims();
  }

  private enqueueUnboundClaims(): void {
    for (const pvc of this.store.list<PersistentVolumeClaim>('PersistentVolumeClaim')) {
      if (!hasAnnotation(pvc.metadata, ANN_BIND_COMPLETED))
        this.claimQueue.add(claimKey(pvc.metadata.namespace, pvc.metadata.name));
    }
  }

  /** A new or changed class may let unbound claims proceed (upstream: the next resync). */
  private onClass(e: WatchEvent): void {
    if (e.type === 'DELETED') return;
    this.enqueueUnboundClaims();
  }

  /** A pod appearing for an unbound claim changes its WaitForFirstConsumer event (upstream: resync). */
  private onPod(e: WatchEvent): void {
    if (e.type !== 'ADDED') return;
    const pod = e.object as Stored<Pod>;
    for (const c of podClaims(pod)) {
      const pvc = this.store.get<PersistentVolumeClaim>(
        'PersistentVolumeClaim',
        pod.metadata.namespace,
        c.name,
      );
      if (pvc && !hasAnnotation(pvc.metadata, ANN_BIND_COMPLETED))
        this.claimQueue.add(claimKey(pod.metadata.namespace, c.name));
    }
  }

  // ---- claims ----

  private syncClaimKey(key: string): void {
    const slash = key.indexOf('/');
    const pvc = this.store.get<PersistentVolumeClaim>(
      'PersistentVolumeClaim',
      key.slice(0, slash),
      key.slice(slash + 1),
    );
    if (pvc) this.syncClaim(pvc);
  }

  /** syncClaim: claims without bind-completed are unbound; the others are checked for consistency. */
  syncClaim(pvc: PVC): void {
    if (!hasAnnotation(pvc.metadata, ANN_BIND_COMPLETED)) this.syncUnboundClaim(pvc);
    else this.syncBoundClaim(pvc);
  }

  private syncUnboundClaim(claim: PVC): void {
    // The API server defaults a new claim's phase to Pending; write it if nothing has yet.
    if (!claim.status?.phase) claim = this.updateClaimStatus(claim, 'Pending', undefined);
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      const delayBinding = isDelayBindingMode(this.store, claim);
      const volume = findBestMatchForClaim(
        claim,
        this.store.list<PersistentVolume>('PersistentVolume'),
        delayBinding,
      );
      if (volume) {
        this.bind(volume, claim);
        return;
      }
      // No volume: give a class-less claim the default class (retroactive assignment); the
      // update brings the claim back here.
      if (this.assignDefaultStorageClass(claim)) return;
      if (delayBinding && !hasAnnotation(claim.metadata, ANN_SELECTED_NODE)) {
        this.emitEventForUnboundDelayBindingClaim(claim);
      } else if (claimClass(claim) !== '') {
        this.provisionClaim(claim);
        return;
      } else {
        this.event(
          claim,
          'Normal',
          REASON_FAILED_BINDING,
          'no persistent volumes available for this claim and no storage class is set',
        );
      }
      this.updateClaimStatus(claim, 'Pending', undefined);
      return;
    }
    // The user (or a provisioner) named the volume.
    const volume = this.store.get<PersistentVolume>('PersistentVolume', undefined, volumeName);
    if (!volume) {
      this.updateClaimStatus(claim, 'Pending', undefined);
      return;
    }
    if (!volume.spec?.claimRef) {
      const mismatch = checkVolumeSatisfyClaim(volume, claim);
      if (mismatch) {
        this.event(
          claim,
          'Warning',
          REASON_VOLUME_MISMATCH,
          `Cannot bind to requested volume "${volume.metadata.name}": ${mismatch}`,
        );
        this.updateClaimStatus(claim, 'Pending', undefined);
      } else {
        this.bind(volume, claim);
      }
      return;
    }
    if (isVolumeBoundToClaim(volume, claim)) {
      this.bind(volume, claim);
      return;
    }
    this.event(
      claim,
      'Warning',
      REASON_FAILED_BINDING,
      `volume "${volume.metadata.name}" already bound to a different claim.`,
    );
    if (hasAnnotation(claim.metadata, ANN_BOUND_BY_CONTROLLER)) {
      throw new Error(
        `invalid binding of claim "${claim.metadata.namespace}/${claim.metadata.name}" to volume "${volumeName}": volume already claimed by "${volume.spec.claimRef.namespace}/${volume.spec.claimRef.name}"`,
      );
    }
    this.updateClaimStatus(claim, 'Pending', undefined);
  }

  private syncBoundClaim(claim: PVC): void {
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      this.updateClaimStatusWithEvent(
        claim,
        'Lost',
        'Warning',
        REASON_CLAIM_LOST,
        'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!',
      );
      return;
    }
    const volume = this.store.get<PersistentVolume>('PersistentVolume', undefined, volumeName);
    if (!volume) {
      this.updateClaimStatusWithEvent(
        claim,
        'Lost',
        'Warning',
        REASON_CLAIM_LOST,
        'Bound claim has lost its PersistentVolume. Data on the volume is lost!',
      );
      return;
    }
    const ref = volume.spec?.claimRef;
    if (!ref || ref.uid === claim.metadata.uid) {
      // Unbound volume (fix it) or all is well (bind() writes nothing then).
      this.bind(volume, claim);
      return;
    }
    this.updateClaimStatusWithEvent(
      claim,
      'Lost',
      'Warning',
      REASON_CLAIM_MISBOUND,
      'Two claims are bound to the same volume, this one is bound incorrectly',
    );
  }

  /** assignDefaultStorageClass: true when it wrote the default class into a class-less claim. */
  private assignDefaultStorageClass(claim: PVC): boolean {
    if (claimHasClass(claim)) return false;
    const def = getDefaultClass(this.store);
    if (!def) return false;
    this.store.update(
      { ...claim, spec: { ...(claim.spec ?? {}), storageClassName: def.metadata.name } },
      WRITE,
    );
    return true;
  }

  /** WaitForFirstConsumer / WaitForPodScheduled, naming the unscheduled pods that use the claim. */
  private emitEventForUnboundDelayBindingClaim(claim: PVC): void {
    const waiting = this.store
      .list<Pod>('Pod', { namespace: claim.metadata.namespace })
      .filter(
        (p) =>
          !isPodTerminated(p) &&
          !p.spec?.nodeName &&
          podClaims(p).some((c) => c.name === claim.metadata.name),
      )
      .map((p) => p.metadata.name);
    if (waiting.length === 0) {
      this.event(
        claim,
        'Normal',
        REASON_WAIT_FOR_FIRST_CONSUMER,
        'waiting for first consumer to be created before binding',
      );
    } else if (waiting.length === 1) {
      this.event(
        claim,
        'Normal',
        REASON_WAIT_FOR_POD_SCHEDULED,
        `waiting for pod ${waiting[0]} to be scheduled`,
      );
    } else {
      this.event(
        claim,
        'Normal',
        REASON_WAIT_FOR_POD_SCHEDULED,
        `waiting for pods ${waiting.join(',')} to be scheduled`,
      );
    }
  }

  /**
   * provisionClaim for an external provisioner (every provisioner here is one: CSI migration left
   * no in-tree provisioners): annotate the claim with the provisioner and report ExternalProvisioning;
   * the provisioner (provisioner.ts) creates the volume, and the binder binds it when it appears.
   */
  private provisionClaim(claim: PVC): void {
    const className = claimClass(claim);
    const cls = this.store.get<StorageClass>('StorageClass', undefined, className);
    if (!cls) {
      this.event(
        claim,
        'Warning',
        REASON_PROVISIONING_FAILED,
        `storageclass.storage.k8s.io "${className}" not found`,
      );
      return;
    }
    const provisioner = cls.provisioner ?? '';
    if (provisioner === NO_PROVISIONER) {
      this.event(
        claim,
        'Warning',
        REASON_PROVISIONING_FAILED,
        `no volume plugin matched name: ${provisioner}`,
      );
      return;
    }
    if (claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] !== provisioner) {
      claim = this.store.update(
        withAnnotation(
          withAnnotation(claim, ANN_BETA_STORAGE_PROVISIONER, provisioner),
          ANN_STORAGE_PROVISIONER,
          provisioner,
        ),
        WRITE,
      );
    }
    this.event(
      claim,
      'Normal',
      REASON_EXTERNAL_PROVISIONING,
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }

  // ---- binding ----

  /** bind: the volume first (spec, then phase), then the claim (spec, then status). */
  bind(volume: PV, claim: PVC): void {
    const bound = volumeBoundToClaim(volume, claim);
    if (bound) volume = this.store.update(bound, WRITE);
    volume = this.updateVolumePhase(volume, 'Bound');
    claim = this.bindClaimToVolume(claim, volume);
    this.updateClaimStatus(claim, 'Bound', volume);
  }

  private bindClaimToVolume(claim: PVC, volume: PV): PVC {
    let next = claim;
    let dirty = false;
    if (claim.spec?.volumeName !== volume.metadata.name) {
      next = { ...next, spec: { ...(next.spec ?? {}), volumeName: volume.metadata.name } };
      if (!hasAnnotation(next.metadata, ANN_BOUND_BY_CONTROLLER))
        next = withAnnotation(next, ANN_BOUND_BY_CONTROLLER, 'yes');
      dirty = true;
    }
    if (!hasAnnotation(next.metadata, ANN_BIND_COMPLETED)) {
      next = withAnnotation(next, ANN_BIND_COMPLETED, 'yes');
      dirty = true;
    }
    return dirty ? this.store.update(next, WRITE) : claim;
  }

  /**
   * updateClaimStatus: phase; with a volume, accessModes from it and, when the claim is just becoming
   * this phase, capacity from it; without one, both cleared.
   */
  private updateClaimStatus(claim: PVC, phase: string, volume: PV | undefined): PVC {
    const status = { ...(claim.status ?? {}) };
    if (status.phase !== phase) status.phase = phase;
    if (!volume) {
      delete status.accessModes;
      delete status.capacity;
    } else {
      if (!deepEqual(status.accessModes, volume.spec?.accessModes))
        status.accessModes = [...(volume.spec?.accessModes ?? [])];
      if (claim.status?.phase !== phase) {
        const cap = volume.spec?.capacity?.storage;
        if (cap === undefined)
          throw new Error(`PersistentVolume "${volume.metadata.name}" is without a storage capacity`);
        if (!deepEqual(status.capacity, volume.spec?.capacity))
          status.capacity = { ...volume.spec!.capacity };
      }
    }
    if (deepEqual(status, claim.status ?? {})) return claim;
    return this.store.updateStatus({ ...claim, status }, WRITE);
  }

  /** updateClaimStatusWithEvent: the event only when the phase actually changes. */
  private updateClaimStatusWithEvent(
    claim: PVC,
    phase: string,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    if (claim.status?.phase === phase) return;
    const updated = this.updateClaimStatus(claim, phase, undefined);
    this.event(updated, type, reason, message);
  }

  /**
   * updateVolumePhase. The API server stamps status.lastPhaseTransitionTime on every phase change
   * (PersistentVolumeLastPhaseTransitionTime, GA 1.31); this write does it in its place.
   */
  private updateVolumePhase(volume: PV, phase: string, message = ''): PV {
    if (volume.status?.phase === phase) return volume;
    const status: NonNullable<PersistentVolume['status']> = {
      ...(volume.status ?? {}),
      phase,
      lastPhaseTransitionTime: toTimestamp(this.ctx.runtime.now),
    };
    if (message) status.message = message;
    else delete status.message;
    return this.store.updateStatus({ ...volume, status }, WRITE);
  }

  private updateVolumePhaseWithEvent(volume: PV, phase: string, reason: string, message: string): PV {
    if (volume.status?.phase === phase) return volume;
    const updated = this.updateVolumePhase(volume, phase, message);
    this.event(updated, 'Warning', reason, message);
    return updated;
  }

  // ---- volumes ----

  private syncVolumeKey(name: string): void {
    const pv = this.store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (pv) this.syncVolume(pv);
  }

  syncVolume(volume: PV): void {
    const ref = volume.spec?.claimRef;
    if (!ref || !ref.uid) {
      // Unused, or pre-bound to a claim that the claim sync will bind.
      this.updateVolumePhase(volume, 'Available');
      return;
    }
    let claim = ref.name
      ? this.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ref.namespace, ref.name)
      : undefined;
    if (claim && claim.metadata.uid !== ref.uid) claim = undefined; // deleted and recreated
    if (!claim) {
      if (volume.status?.phase !== 'Released' && volume.status?.phase !== 'Failed')
        volume = this.updateVolumePhase(volume, 'Released');
      this.reclaimVolume(volume);
      return;
    }
    if (!claim.spec?.volumeName) {
      if (volumeModeMismatch(claim, volume)) {
        this.event(
          volume,
          'Warning',
          REASON_VOLUME_MISMATCH,
          `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata.name}" due to incompatible volumeMode.`,
        );
        this.event(
          claim,
          'Warning',
          REASON_VOLUME_MISMATCH,
          `Cannot bind PersistentVolume "${volume.metadata.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`,
        );
        return;
      }
      // Half-bound (or just provisioned): the claim sync finishes the binding.
      this.claimQueue.add(claimKey(claim.metadata.namespace, claim.metadata.name));
      return;
    }
    if (claim.spec.volumeName === volume.metadata.name) {
      this.updateVolumePhase(volume, 'Bound');
      return;
    }
    // The claim is bound to another volume.
    if (hasAnnotation(volume.metadata, ANN_DYNAMICALLY_PROVISIONED) && reclaimPolicy(volume) === 'Delete') {
      if (volume.status?.phase !== 'Released' && volume.status?.phase !== 'Failed')
        volume = this.updateVolumePhase(volume, 'Released');
      this.reclaimVolume(volume);
      return;
    }
    this.unbindVolume(volume);
  }

  /** unbindVolume: drop a binding the controller made; of a user's pre-binding only the uid. */
  private unbindVolume(volume: PV): void {
    let next: PV;
    if (hasAnnotation(volume.metadata, ANN_BOUND_BY_CONTROLLER)) {
      const spec = { ...(volume.spec ?? {}) };
      delete spec.claimRef;
      const annotations = { ...(volume.metadata.annotations ?? {}) };
      delete annotations[ANN_BOUND_BY_CONTROLLER];
      const metadata: PV['metadata'] = { ...volume.metadata, annotations };
      if (Object.keys(annotations).length === 0) delete metadata.annotations;
      next = { ...volume, metadata, spec };
    } else {
      next = { ...volume, spec: { ...volume.spec, claimRef: { ...volume.spec!.claimRef, uid: '' } } };
    }
    const updated = this.store.update(next, WRITE);
    this.updateVolumePhase(updated, 'Available');
  }

  /**
   * reclaimVolume. Retain: nothing (the volume stays Released until an admin clears claimRef).
   * Delete: a volume made by a provisioner is deleted by that provisioner (provisioner.ts); any
   * other is deleted here, standing in for an in-tree deleter. Recycle (deprecated): scrubbed and
   * made Available again at once. Anything else fails the volume.
   */
  private reclaimVolume(volume: PV): void {
    switch (reclaimPolicy(volume)) {
      case 'Retain':
        return;
      case 'Recycle':
        this.event(volume, 'Normal', 'VolumeRecycled', 'Volume recycled');
        this.unbindVolume(volume);
        return;
      case 'Delete': {
        const provisioner = volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
        if (provisioner) return; // the external deleter's job
        if (!volume.metadata.deletionTimestamp)
          this.store.delete('PersistentVolume', undefined, volume.metadata.name, WRITE);
        return;
      }
      default:
        this.updateVolumePhaseWithEvent(
          volume,
          'Failed',
          REASON_UNKNOWN_RECLAIM_POLICY,
          'Volume has unrecognized PersistentVolumeReclaimPolicy',
        );
    }
  }

  private event(obj: Stored, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(obj, type, reason, message, PV_CONTROLLER_EVENT_SOURCE);
  }
}

/** spec.persistentVolumeReclaimPolicy with the API default (Retain) for a volume that has none. */
export function reclaimPolicy(pv: PersistentVolume): string {
  return pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
}
