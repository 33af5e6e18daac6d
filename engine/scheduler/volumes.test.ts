import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../cluster';
import type { PersistentVolumeClaim, Pod, StorageClass } from '../api/types';
import { scheduler } from './index';
import { kubelet } from '../kubelet';
import { persistentVolumeController } from '../controllers/volume';

function newCluster() {
  return createCluster({ controllers: [scheduler, kubelet, persistentVolumeController] });
}

function claim(name: string, storageClassName?: string): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      ...(storageClassName ? { storageClassName } : {}),
    },
  };
}

function podWithClaim(name: string, claimName: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      containers: [
        { name: 'nginx', image: 'nginx:1.25', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
      ],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
    },
  };
}

const getPod = (c: ReturnType<typeof newCluster>, name: string) => c.store.get<Pod>('Pod', 'default', name)!;
const scheduled = (c: ReturnType<typeof newCluster>, name: string) =>
  getPod(c, name).status?.conditions?.find((x) => x.type === 'PodScheduled');

test('a missing claim makes the pod unschedulable until the claim exists and is bound', () => {
  const c = newCluster();
  c.store.create(podWithClaim('p', 'data'));
  c.settle();
  assert.equal(
    scheduled(c, 'p')?.message,
    '0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  );
  c.store.create(claim('data'));
  c.settle();
  assert.equal(getPod(c, 'p').spec?.nodeName, 'node-1');
  assert.equal(getPod(c, 'p').status?.phase, 'Running');
});

test('an Immediate claim must be bound before the pod is scheduled', () => {
  const c = newCluster();
  c.store.create(claim('data'));
  c.store.create(podWithClaim('p', 'data'));
  c.step();
  c.advance(0);
  assert.equal(getPod(c, 'p').spec?.nodeName, undefined);
  assert.equal(
    scheduled(c, 'p')?.message,
    '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  );
  c.settle();
  assert.ok(c.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')?.spec?.volumeName);
  assert.equal(getPod(c, 'p').status?.phase, 'Running');
});

test('WaitForFirstConsumer: the scheduler picks the node, the claim is provisioned there, then the pod is bound', () => {
  const c = newCluster();
  const sc: StorageClass = {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'local' },
    provisioner: 'rancher.io/local-path',
    volumeBindingMode: 'WaitForFirstConsumer',
    reclaimPolicy: 'Delete',
  };
  c.store.create(sc);
  c.store.create(claim('data', 'local'));
  c.settle();
  assert.equal(
    c.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')?.status?.phase,
    'Pending',
  );
  c.store.create(podWithClaim('p', 'data'));
  c.advance(0);
  const pvc = c.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')!;
  assert.equal(pvc.metadata.annotations?.['volume.kubernetes.io/selected-node'], 'node-1');
  assert.equal(getPod(c, 'p').spec?.nodeName, undefined, 'not bound before its claim');
  c.settle();
  assert.equal(getPod(c, 'p').spec?.nodeName, 'node-1');
  assert.equal(getPod(c, 'p').status?.phase, 'Running');
});
