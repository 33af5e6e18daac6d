import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, Cluster } from '../../cluster';
import type { Event, Node, PersistentVolume, PersistentVolumeClaim, Pod, Stored } from '../../api/types';
import {
  bindPodVolumes,
  claimsBound,
  createPersistentVolumeController,
  filterPodVolumes,
  preFilterPodVolumes,
} from '.';
import { podWithClaims, pv, pvc, storageClass } from './testutil';

function cluster(): Cluster {
  return createCluster({ controllers: [createPersistentVolumeController()] });
}

const getPVC = (c: Cluster, name: string) =>
  c.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name);
const getPod = (c: Cluster, name: string) => c.store.get<Pod>('Pod', 'default', name)!;
const node = (c: Cluster, name: string) => c.store.get<Node>('Node', undefined, name) as Stored<Node>;

function events(c: Cluster, name: string): string[] {
  return c.store
    .list<Event>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject?.name === name)
    .map((e) => `${e.reason} ${e.message}`);
}

test('claimsBound: a pod without claims, with a missing claim, with a pending and with a bound claim', () => {
  const c = cluster();
  const free = c.store.create(podWithClaims('free', []));
  assert.equal(claimsBound(c.store, free), true);
  assert.equal(preFilterPodVolumes(c.store, free), undefined);

  const p = c.store.create(podWithClaims('web-0', ['data']));
  assert.equal(claimsBound(c.store, p), false);
  assert.equal(preFilterPodVolumes(c.store, p), 'persistentvolumeclaim "data" not found');

  c.store.create(pvc('data'));
  c.advance(0);
  assert.equal(getPVC(c, 'data')!.status?.phase, 'Pending');
  assert.equal(claimsBound(c.store, p), false);
  assert.equal(preFilterPodVolumes(c.store, p), 'pod has unbound immediate PersistentVolumeClaims');

  c.settle();
  assert.equal(getPVC(c, 'data')!.status?.phase, 'Bound');
  assert.equal(claimsBound(c.store, p), true);
  assert.equal(preFilterPodVolumes(c.store, p), undefined);
  assert.equal(filterPodVolumes(c.store, p, node(c, 'node-1')), undefined);

  c.store.delete('PersistentVolumeClaim', 'default', 'data');
  c.advance(0);
  // The pod is not scheduled, so it does not hold the claim: it goes at once.
  assert.equal(claimsBound(c.store, p), false);
});

test('a claim being deleted keeps pods off every node', () => {
  const c = cluster();
  c.store.create(pvc('data'));
  c.settle();
  c.store.create(podWithClaims('holder', ['data'], { nodeName: 'node-1' }));
  const p = c.store.create(podWithClaims('web-0', ['data']));
  c.store.delete('PersistentVolumeClaim', 'default', 'data');
  c.settle();
  assert.equal(preFilterPodVolumes(c.store, p), 'persistentvolumeclaim "data" is being deleted');
  assert.equal(claimsBound(c.store, p), false);
});

test('a bound volume with node affinity admits only its node', () => {
  const c = cluster();
  c.store.create(pv('local-1', { cls: 'local', node: 'node-2' }));
  c.store.create(pvc('data', { cls: 'local' }));
  c.settle();
  const p = c.store.create(podWithClaims('web-0', ['data']));
  assert.equal(filterPodVolumes(c.store, p, node(c, 'node-1')), 'node(s) had volume node affinity conflict');
  assert.equal(filterPodVolumes(c.store, p, node(c, 'node-2')), undefined);
});

test('WaitForFirstConsumer + provisioner: waits for a pod, then provisions on the selected node', () => {
  const c = cluster();
  c.store.create(
    storageClass('wffc', { mode: 'WaitForFirstConsumer', provisioner: 'rancher.io/local-path' }),
  );
  c.store.create(pvc('data', { cls: 'wffc' }));
  c.settle();
  assert.equal(getPVC(c, 'data')!.status?.phase, 'Pending');
  assert.deepEqual(events(c, 'data'), [
    'WaitForFirstConsumer waiting for first consumer to be created before binding',
  ]);

  const p = c.store.create(podWithClaims('web-0', ['data']));
  c.settle();
  assert.ok(events(c, 'data').includes('WaitForPodScheduled waiting for pod web-0 to be scheduled'));
  assert.equal(preFilterPodVolumes(c.store, p), undefined, 'a delayed claim does not block scheduling');
  assert.equal(filterPodVolumes(c.store, p, node(c, 'node-3')), undefined);
  assert.equal(claimsBound(c.store, p), false);

  bindPodVolumes(c.store, p, 'node-3');
  assert.equal(getPVC(c, 'data')!.metadata.annotations?.['volume.kubernetes.io/selected-node'], 'node-3');
  assert.equal(
    filterPodVolumes(c.store, p, node(c, 'node-1')),
    "node(s) didn't find available persistent volumes to bind",
  );
  const t0 = c.now;
  c.settle();
  assert.equal(c.now - t0, 1000, 'provisioning takes 1 s');
  const claim = getPVC(c, 'data')!;
  assert.equal(claim.status?.phase, 'Bound');
  assert.equal(claimsBound(c.store, getPod(c, 'web-0') as Stored<Pod>), true);
  const vol = c.store.get<PersistentVolume>('PersistentVolume', undefined, claim.spec!.volumeName!)!;
  assert.deepEqual(vol.spec?.nodeAffinity?.required?.nodeSelectorTerms, [
    { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-3'] }] },
  ]);
});

test('WaitForFirstConsumer + static local volumes: the scheduler picks a volume on the chosen node', () => {
  const c = cluster();
  c.store.create(
    storageClass('local', { mode: 'WaitForFirstConsumer', provisioner: 'kubernetes.io/no-provisioner' }),
  );
  c.store.create(pv('lv-1', { cls: 'local', node: 'node-1', size: '5Gi' }));
  c.store.create(pv('lv-2', { cls: 'local', node: 'node-2', size: '5Gi' }));
  c.store.create(pvc('data', { cls: 'local' }));
  c.settle();
  assert.equal(
    getPVC(c, 'data')!.status?.phase,
    'Pending',
    'the binder leaves delayed claims to the scheduler',
  );
  const p = c.store.create(podWithClaims('web-0', ['data']));
  assert.equal(
    filterPodVolumes(c.store, p, node(c, 'node-3')),
    "node(s) didn't find available persistent volumes to bind",
  );
  assert.equal(filterPodVolumes(c.store, p, node(c, 'node-2')), undefined);
  bindPodVolumes(c.store, p, 'node-2');
  c.settle();
  const claim = getPVC(c, 'data')!;
  assert.equal(claim.spec?.volumeName, 'lv-2');
  assert.equal(claim.status?.phase, 'Bound');
  assert.equal(claimsBound(c.store, p), true);
});
