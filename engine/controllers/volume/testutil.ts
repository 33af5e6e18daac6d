/** Object builders shared by the volume tests. */
import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../../api/types';

export function pvc(
  name: string,
  opts: {
    size?: string;
    modes?: string[];
    cls?: string | null;
    volumeName?: string;
    selector?: Record<string, string>;
    volumeMode?: string;
    namespace?: string;
  } = {},
): PersistentVolumeClaim {
  const spec: NonNullable<PersistentVolumeClaim['spec']> = {
    accessModes: opts.modes ?? ['ReadWriteOnce'],
    resources: { requests: { storage: opts.size ?? '1Gi' } },
  };
  if (opts.cls !== null && opts.cls !== undefined) spec.storageClassName = opts.cls;
  if (opts.volumeName) spec.volumeName = opts.volumeName;
  if (opts.selector) spec.selector = { matchLabels: opts.selector };
  if (opts.volumeMode) spec.volumeMode = opts.volumeMode;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: opts.namespace ?? 'default' },
    spec,
  };
}

export function pv(
  name: string,
  opts: {
    size?: string;
    modes?: string[];
    cls?: string;
    labels?: Record<string, string>;
    reclaim?: string;
    claimRef?: { name: string; namespace?: string; uid?: string };
    node?: string;
    volumeMode?: string;
  } = {},
): PersistentVolume {
  const spec: NonNullable<PersistentVolume['spec']> = {
    accessModes: opts.modes ?? ['ReadWriteOnce'],
    capacity: { storage: opts.size ?? '1Gi' },
    hostPath: { path: `/data/${name}` },
    persistentVolumeReclaimPolicy: opts.reclaim ?? 'Retain',
  };
  if (opts.cls !== undefined) spec.storageClassName = opts.cls;
  if (opts.claimRef) spec.claimRef = { namespace: 'default', ...opts.claimRef };
  if (opts.volumeMode) spec.volumeMode = opts.volumeMode;
  if (opts.node) {
    spec.nodeAffinity = {
      required: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [opts.node] }] },
        ],
      },
    };
  }
  return { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name, labels: opts.labels }, spec };
}

export function storageClass(
  name: string,
  opts: { provisioner?: string; mode?: string; reclaim?: string; isDefault?: boolean } = {},
): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name,
      annotations: opts.isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : undefined,
    },
    provisioner: opts.provisioner ?? 'example.com/csi',
    reclaimPolicy: opts.reclaim ?? 'Delete',
    volumeBindingMode: opts.mode ?? 'Immediate',
  };
}

export function podWithClaims(
  name: string,
  claims: string[],
  opts: { nodeName?: string; phase?: string; namespace?: string } = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: opts.namespace ?? 'default' },
    spec: {
      nodeName: opts.nodeName,
      containers: [
        { name: 'c', image: 'nginx', volumeMounts: claims.map((c) => ({ name: c, mountPath: `/${c}` })) },
      ],
      volumes: claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } })),
    },
    status: opts.phase ? { phase: opts.phase } : undefined,
  };
}
