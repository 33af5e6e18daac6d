/**
 * Storage: the PersistentVolume binder, the simulated external provisioner, the PVC and PV
 * protection controllers, and the default StorageClass a fresh cluster has (statefulset.md §9.6, §10).
 *
 * `persistentVolumeController` runs all of them; the separate factories let tests pick.
 *
 * Functions other components call:
 * - the API server's admission chain: `defaultStorageClass(store, pvc)` (DefaultStorageClass) and
 *   `storageObjectInUseProtection(obj)` (finalizers) on create;
 * - the scheduler: `preFilterPodVolumes`, `filterPodVolumes`, `bindPodVolumes`, `claimsBound`
 *   (see scheduling.ts for the flow).
 */
import type { Controller, ControllerContext, ControllerFactory } from '../context';
import { ApiError } from '../../api/errors';
import { ADDON_MANAGER, PV_CONTROLLER } from './constants';
import { PersistentVolumeBinder } from './binder';
import { DEFAULT_PROVISION_DELAY_MS, ExternalProvisioner } from './provisioner';
import { PVCProtectionController, PVProtectionController } from './protection';
import { defaultStorageClassObject } from './storageclass';

export * from './constants';
export { parseQuantity } from './quantity';
export {
  defaultStorageClass,
  defaultStorageClassObject,
  getDefaultClass,
  claimClass,
  volumeClass,
  DEFAULT_STORAGE_CLASS_NAME,
  DEFAULT_PROVISIONER,
} from './storageclass';
export { storageObjectInUseProtection, isClaimInUse } from './protection';
export {
  preFilterPodVolumes,
  filterPodVolumes,
  bindPodVolumes,
  claimsBound,
  podVolumeClaims,
  ERR_UNBOUND_IMMEDIATE,
  ERR_REASON_BIND_CONFLICT,
  ERR_REASON_NODE_CONFLICT,
  ERR_REASON_PV_NOT_EXIST,
} from './scheduling';
export { podClaims } from './pods';
export { findMatchingVolume, findBestMatchForClaim, volumeFitsNode } from './matching';
export { DEFAULT_PROVISION_DELAY_MS, provisionedVolumeName } from './provisioner';

/** The binder alone (no provisioner, no protection, no default class). */
export const pvBinderController: ControllerFactory = (ctx) => new PersistentVolumeBinder(ctx);

/** The simulated external provisioner, with its provisioning delay. */
export function externalProvisionerController(delayMs = DEFAULT_PROVISION_DELAY_MS): ControllerFactory {
  return (ctx) => new ExternalProvisioner(ctx, delayMs);
}

export const pvcProtectionController: ControllerFactory = (ctx) => new PVCProtectionController(ctx);
export const pvProtectionController: ControllerFactory = (ctx) => new PVProtectionController(ctx);

/** Creates the default StorageClass `standard` (what minikube's addon manager does at start). */
export const defaultStorageClassInstaller: ControllerFactory = (ctx) => {
  installDefaultStorageClass(ctx);
  return { name: ADDON_MANAGER };
};

export function installDefaultStorageClass(ctx: ControllerContext): void {
  try {
    ctx.store.create(defaultStorageClassObject(), { actor: ADDON_MANAGER });
  } catch (err) {
    if (!(err instanceof ApiError && err.reason === 'AlreadyExists')) throw err;
  }
}

export interface VolumeControllerOptions {
  /** Virtual ms from the start of provisioning to the volume's creation (default 1000). */
  provisionDelayMs?: number;
  /** Create the default StorageClass `standard` (default true). */
  defaultStorageClass?: boolean;
}

/** Everything storage, configurable (tests). */
export function createPersistentVolumeController(opts: VolumeControllerOptions = {}): ControllerFactory {
  return (ctx) => {
    const parts: Controller[] = [
      new PersistentVolumeBinder(ctx),
      new ExternalProvisioner(ctx, opts.provisionDelayMs ?? DEFAULT_PROVISION_DELAY_MS),
      new PVCProtectionController(ctx),
      new PVProtectionController(ctx),
    ];
    if (opts.defaultStorageClass ?? true) installDefaultStorageClass(ctx);
    return { name: PV_CONTROLLER, parts } as Controller;
  };
}

/** The cluster's storage controllers with their defaults (registered in engine/controllers/registry.ts). */
export const persistentVolumeController: ControllerFactory = createPersistentVolumeController();
