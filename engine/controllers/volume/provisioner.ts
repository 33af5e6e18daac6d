/**
 * The external provisioner, simulated: it stands in for whatever provisioner a StorageClass names
 * (minikube's hostpath provisioner for the default class, a CSI driver's external-provisioner
 * sidecar for others), except `kubernetes.io/no-provisioner`.
 *
 * Mirrors `sigs.k8s.io/sig-storage-lib-external-provisioner` `controller.go`
 * (`shouldProvision`, `provisionClaimOperation`, `shouldDelete`, `deleteVolumeOperation`).
 *
 * Provisioning: a claim annotated `volume.kubernetes.io/storage-provisioner: <p>` by the binder,
 * not yet bound, and (for WaitForFirstConsumer classes) with a selected node, gets
 * `Normal Provisioning "External provisioner is provisioning volume for claim \"ns/name\""` at once
 * and, after `provisionDelayMs` (1 s by default: a simulator choice, docs/divergences.md), a volume
 * `pvc-<claim uid>` pre-bound to the claim, with the requested capacity, the claim's access and
 * volume modes, the class's reclaim policy (default Delete) and mount options, node affinity to the
 * selected node if there is one, and `Normal ProvisioningSucceeded "Successfully provisioned volume
 * pvc-<uid>"`. The binder then binds the two.
 *
 * Deletion: a Released volume with reclaim policy Delete that this provisioner made is deleted.
 */
import type { ControllerContext } from '../context';
import type { Store, WatchEvent } from '../../store/store';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass, Stored } from '../../api/types';
import type { WorkQueue } from '../../runtime/runtime';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  NO_PROVISIONER,
  REASON_PROVISIONING,
  REASON_PROVISIONING_FAILED,
  REASON_PROVISIONING_SUCCEEDED,
} from './constants';
import { claimClass, DEFAULT_PROVISIONER } from './storageclass';
import { claimReference, reclaimPolicy } from './binder';

type PVC = Stored<PersistentVolumeClaim>;
type PV = Stored<PersistentVolume>;

/** Virtual time from the start of provisioning to the volume's creation. */
export const DEFAULT_PROVISION_DELAY_MS = 1000;

export const EXTERNAL_PROVISIONER = 'external-provisioner';

/** The volume name a provisioner gives a claim's volume. */
export function provisionedVolumeName(pvc: PVC): string {
  return `pvc-${pvc.metadata.uid}`;
}

export class ExternalProvisioner {
  readonly name = EXTERNAL_PROVISIONER;
  private readonly store: Store;
  private readonly claimQueue: WorkQueue;
  private readonly volumeQueue: WorkQueue;
  /** Claim uid → virtual time provisioning started. */
  private readonly started = new Map<string, number>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly delayMs = DEFAULT_PROVISION_DELAY_MS,
  ) {
    this.store = ctx.store;
    this.claimQueue = ctx.runtime.newQueue(`${EXTERNAL_PROVISIONER}/claims`, (key) => this.syncClaimKey(key));
    this.volumeQueue = ctx.runtime.newQueue(`${EXTERNAL_PROVISIONER}/volumes`, (key) =>
      this.syncVolumeKey(key),
    );
    ctx.store.watch('PersistentVolumeClaim', (e) => this.onClaim(e));
    ctx.store.watch('PersistentVolume', (e) => {
      if (e.type !== 'DELETED') this.volumeQueue.add(e.object.metadata.name);
    });
  }

  private onClaim(e: WatchEvent): void {
    const pvc = e.object as PVC;
    if (e.type === 'DELETED') {
      this.started.delete(pvc.metadata.uid);
      return;
    }
    if (provisionerOf(pvc)) this.claimQueue.add(`${pvc.metadata.namespace}/${pvc.metadata.name}`);
  }

  private syncClaimKey(key: string): { requeueAfter: number } | void {
    const slash = key.indexOf('/');
    const claim = this.store.get<PersistentVolumeClaim>(
      'PersistentVolumeClaim',
      key.slice(0, slash),
      key.slice(slash + 1),
    );
    if (!claim) return;
    return this.syncClaim(claim);
  }

  /** shouldProvision, then provisionClaimOperation (split in two by the provisioning delay). */
  private syncClaim(claim: PVC): { requeueAfter: number } | void {
    const provisioner = provisionerOf(claim);
    if (!provisioner || provisioner === NO_PROVISIONER) return;
    if (claim.spec?.volumeName || claim.metadata.deletionTimestamp) {
      this.started.delete(claim.metadata.uid);
      return;
    }
    const className = claimClass(claim);
    const cls = this.store.get<StorageClass>('StorageClass', undefined, className);
    if (!cls) {
      this.event(
        claim,
        'Warning',
        REASON_PROVISIONING_FAILED,
        `storageclass.storage.k8s.io "${className}" not found`,
        provisioner,
      );
      return;
    }
    if (cls.provisioner !== provisioner) return;
    const selectedNode = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    if (cls.volumeBindingMode === 'WaitForFirstConsumer' && !selectedNode) return;
    const pvName = provisionedVolumeName(claim);
    if (this.store.get('PersistentVolume', undefined, pvName)) return; // already provisioned
    const now = this.ctx.runtime.now;
    let start = this.started.get(claim.metadata.uid);
    if (start === undefined) {
      start = now;
      this.started.set(claim.metadata.uid, start);
      this.event(
        claim,
        'Normal',
        REASON_PROVISIONING,
        `External provisioner is provisioning volume for claim "${claim.metadata.namespace}/${claim.metadata.name}"`,
        provisioner,
      );
    }
    if (now < start + this.delayMs) return { requeueAfter: start + this.delayMs - now };
    this.store.create(provisionedVolume(claim, cls, provisioner, selectedNode), { actor: provisioner });
    this.started.delete(claim.metadata.uid);
    this.event(
      claim,
      'Normal',
      REASON_PROVISIONING_SUCCEEDED,
      `Successfully provisioned volume ${pvName}`,
      provisioner,
    );
  }

  private syncVolumeKey(name: string): void {
    const pv = this.store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (pv) this.syncVolume(pv);
  }

  /** shouldDelete, then deleteVolumeOperation: the backing storage goes, then the object. */
  private syncVolume(pv: PV): void {
    const provisioner = pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
    if (!provisioner || provisioner === NO_PROVISIONER) return;
    if (pv.status?.phase !== 'Released' || reclaimPolicy(pv) !== 'Delete') return;
    if (pv.metadata.deletionTimestamp) return;
    this.store.delete('PersistentVolume', undefined, pv.metadata.name, { actor: provisioner });
  }

  private event(
    obj: Stored,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    provisioner: string,
  ): void {
    this.ctx.recorder.event(obj, type, reason, message, provisioner);
  }
}

function provisionerOf(pvc: PVC): string | undefined {
  const a = pvc.metadata.annotations ?? {};
  return a[ANN_STORAGE_PROVISIONER] ?? a[ANN_BETA_STORAGE_PROVISIONER];
}

/** The volume a provisioner creates for a claim. */
export function provisionedVolume(
  claim: PVC,
  cls: Stored<StorageClass>,
  provisioner: string,
  selectedNode: string | undefined,
): PersistentVolume {
  const name = provisionedVolumeName(claim);
  const source: Partial<NonNullable<PersistentVolume['spec']>> =
    provisioner === DEFAULT_PROVISIONER
      ? {
          hostPath: {
            path: `/tmp/hostpath-provisioner/${claim.metadata.namespace}/${claim.metadata.name}`,
            type: '',
          },
        }
      : { csi: { driver: provisioner, volumeHandle: name } };
  const spec: NonNullable<PersistentVolume['spec']> = {
    accessModes: [...(claim.spec?.accessModes ?? [])],
    capacity: { storage: String(claim.spec?.resources?.requests?.storage ?? '0') },
    claimRef: claimReference(claim),
    ...source,
    persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
    storageClassName: cls.metadata.name,
    volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
  };
  if (cls.mountOptions?.length) spec.mountOptions = [...cls.mountOptions];
  if (selectedNode) {
    spec.nodeAffinity = {
      required: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [selectedNode] }] },
        ],
      },
    };
  }
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: { [ANN_DYNAMICALLY_PROVISIONED]: provisioner } },
    spec,
  };
}
