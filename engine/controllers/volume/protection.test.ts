import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, Cluster } from '../../cluster';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../api/types';
import { createPersistentVolumeController, storageObjectInUseProtection } from '.';
import { podWithClaims, pv, pvc } from './testutil';

function cluster(): Cluster {
  return createCluster({ controllers: [createPersistentVolumeController({ defaultStorageClass: false })] });
}

const getPVC = (c: Cluster, name: string) =>
  c.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name);
const getPV = (c: Cluster, name: string) =>
  c.store.get<PersistentVolume>('PersistentVolume', undefined, name);

function boundClaim(c: Cluster, name = 'data'): void {
  c.store.create(pv(`vol-${name}`, { cls: 'm', reclaim: 'Delete' }));
  c.store.create(pvc(name, { cls: 'm' }));
  c.settle();
}

test('every claim and volume gets its protection finalizer', () => {
  const c = cluster();
  boundClaim(c);
  assert.deepEqual(getPVC(c, 'data')!.metadata.finalizers, ['kubernetes.io/pvc-protection']);
  assert.deepEqual(getPV(c, 'vol-data')!.metadata.finalizers, ['kubernetes.io/pv-protection']);
});

test('storageObjectInUseProtection (admission) adds the finalizer of the kind, once', () => {
  const claim = pvc('x');
  storageObjectInUseProtection(claim);
  storageObjectInUseProtection(claim);
  assert.deepEqual(claim.metadata?.finalizers, ['kubernetes.io/pvc-protection']);
  const vol = pv('y');
  storageObjectInUseProtection(vol);
  assert.deepEqual(vol.metadata?.finalizers, ['kubernetes.io/pv-protection']);
  const pod = podWithClaims('p', []);
  storageObjectInUseProtection(pod);
  assert.equal(pod.metadata?.finalizers, undefined);
});

test('a claim used by a scheduled pod stays Terminating until the pod object is gone', () => {
  const c = cluster();
  boundClaim(c);
  c.store.create(podWithClaims('web-0', ['data'], { nodeName: 'node-1' }));
  c.settle();
  c.store.delete('PersistentVolumeClaim', 'default', 'data');
  c.settle();
  const claim = getPVC(c, 'data')!;
  assert.ok(claim.metadata.deletionTimestamp, 'Terminating');
  assert.equal(claim.status?.phase, 'Bound');
  assert.equal(getPV(c, 'vol-data')!.status?.phase, 'Bound');
  // The pod finishing is not enough: upstream keeps the claim while the pod object exists.
  const pod = c.store.get<Pod>('Pod', 'default', 'web-0')!;
  c.store.updateStatus({ ...pod, status: { phase: 'Succeeded' } });
  c.settle();
  assert.ok(getPVC(c, 'data'), 'a Succeeded pod still holds its claim');
  c.store.delete('Pod', 'default', 'web-0', { gracePeriodSeconds: 0 });
  c.settle();
  assert.equal(getPVC(c, 'data'), undefined);
  assert.equal(getPV(c, 'vol-data'), undefined, 'Delete reclaim, then pv-protection lets go');
});

test('an unscheduled pod does not keep its claim', () => {
  const c = cluster();
  boundClaim(c);
  c.store.create(podWithClaims('pending', ['data']));
  c.settle();
  c.store.delete('PersistentVolumeClaim', 'default', 'data');
  c.settle();
  assert.equal(getPVC(c, 'data'), undefined);
});

test('a pod in another namespace or using another claim does not keep it', () => {
  const c = cluster();
  boundClaim(c);
  c.store.create(podWithClaims('other-ns', ['data'], { nodeName: 'node-1', namespace: 'prod' }));
  c.store.create(podWithClaims('other-claim', ['logs'], { nodeName: 'node-1' }));
  c.settle();
  c.store.delete('PersistentVolumeClaim', 'default', 'data');
  c.settle();
  assert.equal(getPVC(c, 'data'), undefined);
});

test('a bound volume being deleted waits until its claim releases it', () => {
  const c = cluster();
  boundClaim(c);
  c.store.delete('PersistentVolume', undefined, 'vol-data');
  c.settle();
  const vol = getPV(c, 'vol-data')!;
  assert.ok(vol.metadata.deletionTimestamp);
  assert.equal(vol.status?.phase, 'Bound');
  assert.equal(getPVC(c, 'data')!.status?.phase, 'Bound');
  c.store.delete('PersistentVolumeClaim', 'default', 'data');
  c.settle();
  assert.equal(getPV(c, 'vol-data'), undefined);
});

test('an unbound volume is deleted at once', () => {
  const c = cluster();
  c.store.create(pv('free', { cls: 'm' }));
  c.settle();
  assert.equal(getPV(c, 'free')!.status?.phase, 'Available');
  c.store.delete('PersistentVolume', undefined, 'free');
  c.settle();
  assert.equal(getPV(c, 'free'), undefined);
});
