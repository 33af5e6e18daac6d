/**
 * StorageClasses: the cluster's default class, the DefaultStorageClass admission step, and the
 * class helpers the binder and the scheduler share.
 *
 * Sources: `plugin/pkg/admission/storage/storageclass/setdefault/admission.go` (admission),
 * `pkg/volume/util/util.go` `GetDefaultClass`, `component-helpers/storage/volume/helpers.go`
 * (`GetPersistentVolumeClaimClass`, `IsDelayBindingMode`).
 */
import type { Store } from '../../store/store';
import type { KObject, PersistentVolume, PersistentVolumeClaim, StorageClass, Stored } from '../../api/types';
import { fromTimestamp } from '../../api/time';
import { ANN_BETA_IS_DEFAULT_CLASS, ANN_IS_DEFAULT_CLASS } from './constants';

/** The legacy annotation that named a claim's class before spec.storageClassName existed. */
const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/**
 * The class a fresh cluster has, as minikube installs it: `standard`, the default, provisioned by
 * the hostpath provisioner with Immediate binding and reclaim policy Delete. (kind's `standard`
 * uses rancher.io/local-path with WaitForFirstConsumer; minikube's matches Immediate binding.)
 */
export const DEFAULT_STORAGE_CLASS_NAME = 'standard';
export const DEFAULT_PROVISIONER = 'k8s.io/minikube-hostpath';

export function defaultStorageClassObject(): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: DEFAULT_STORAGE_CLASS_NAME,
      annotations: { [ANN_IS_DEFAULT_CLASS]: 'true' },
    },
    provisioner: DEFAULT_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  };
}

function isDefaultAnnotation(obj: KObject): boolean {
  const a = obj.metadata?.annotations ?? {};
  return a[ANN_IS_DEFAULT_CLASS] === 'true' || a[ANN_BETA_IS_DEFAULT_CLASS] === 'true';
}

/**
 * GetDefaultClass: of the classes marked default, the newest (by creationTimestamp), ties broken by
 * name ascending. Undefined when there is none.
 */
export function getDefaultClass(store: Store): Stored<StorageClass> | undefined {
  const defaults = store.list<StorageClass>('StorageClass').filter(isDefaultAnnotation);
  defaults.sort(
    (a, b) =>
      (fromTimestamp(b.metadata.creationTimestamp) ?? 0) -
        (fromTimestamp(a.metadata.creationTimestamp) ?? 0) || a.metadata.name.localeCompare(b.metadata.name),
  );
  return defaults[0];
}

/**
 * The DefaultStorageClass admission plugin, for the API server's admission chain to call on PVC
 * create: a claim that names no class (storageClassName absent, not "") gets the default class.
 * Mutates pvc in place. A claim with the legacy beta class annotation is left alone.
 */
export function defaultStorageClass(store: Store, pvc: PersistentVolumeClaim): void {
  if (pvc.spec?.storageClassName !== undefined && pvc.spec.storageClassName !== null) return;
  if (pvc.metadata?.annotations?.[ANN_BETA_STORAGE_CLASS] !== undefined) return;
  const def = getDefaultClass(store);
  if (!def) return;
  pvc.spec = { ...(pvc.spec ?? {}), storageClassName: def.metadata.name };
}

/** GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName, else "". */
export function claimClass(pvc: PersistentVolumeClaim): string {
  const ann = pvc.metadata?.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return pvc.spec?.storageClassName ?? '';
}

/** Whether the claim names a class at all (nil and "" differ: nil may still get the default). */
export function claimHasClass(pvc: PersistentVolumeClaim): boolean {
  return (
    pvc.metadata?.annotations?.[ANN_BETA_STORAGE_CLASS] !== undefined ||
    (pvc.spec?.storageClassName !== undefined && pvc.spec.storageClassName !== null)
  );
}

/** GetPersistentVolumeClass: the beta annotation, else spec.storageClassName, else "". */
export function volumeClass(pv: PersistentVolume): string {
  const ann = pv.metadata?.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return pv.spec?.storageClassName ?? '';
}

/** The claim's StorageClass object, if it names one that exists. */
export function classOfClaim(store: Store, pvc: PersistentVolumeClaim): StorageClass | undefined {
  const name = claimClass(pvc);
  return name ? store.get<StorageClass>('StorageClass', undefined, name) : undefined;
}

/** IsDelayBindingMode: the claim's class exists and binds WaitForFirstConsumer. */
export function isDelayBindingMode(store: Store, pvc: PersistentVolumeClaim): boolean {
  return classOfClaim(store, pvc)?.volumeBindingMode === 'WaitForFirstConsumer';
}
