/**
 * Claims: created before the pod, reused, recreated under a Pending pod, and the retention-policy
 * ownerReferences (../shared/spec/statefulset.md §9).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PersistentVolumeClaim } from '../../api/types';
import {
  createReadySet,
  createdPods,
  deletePod,
  eventMessages,
  getClaim,
  getPod,
  getSet,
  mark,
  newCluster,
  newStatefulSet,
  podAndClaimWrites,
  podNames,
  settleAllReady,
  updateSet,
} from './testing';

const refsOf = (c: PersistentVolumeClaim | undefined) =>
  (c?.metadata?.ownerReferences ?? []).map(
    (r) => `${r.kind}/${r.name}${r.controller ? '' : ' (not controller)'}`,
  );

test('claims are created before their pod, with template + selector labels, and no ownerRef by default', () => {
  const c = newCluster();
  c.store.create(newStatefulSet('web', { replicas: 1, claims: ['www', 'logs'] }), { actor: 'user' });
  c.settle();
  assert.deepEqual(podAndClaimWrites(c), [
    'create PersistentVolumeClaim www-web-0',
    'create PersistentVolumeClaim logs-web-0',
    'create Pod web-0',
  ]);
  const claim = getClaim(c, 'www-web-0')!;
  assert.deepEqual(claim.metadata.labels, { tier: 'data', app: 'web' });
  assert.deepEqual(claim.spec!.accessModes, ['ReadWriteOnce']);
  assert.deepEqual(claim.spec!.resources, { requests: { storage: '1Gi' } });
  assert.deepEqual(refsOf(claim), []);
  assert.deepEqual(eventMessages(c, 'web'), [
    'Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
    'Normal SuccessfulCreate create Claim logs-web-0 Pod web-0 in StatefulSet web success',
    'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
  ]);
});

test('claims survive their pod and are reused unchanged by the recreated pod (§9.3)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2, claims: ['www'] }));
  const uids = ['www-web-0', 'www-web-1'].map((n) => getClaim(c, n)!.metadata.uid);
  // A user edits a claim; the controller never reconciles claim contents.
  const w = getClaim(c, 'www-web-1')!;
  c.store.update({ ...w, metadata: { ...w.metadata, labels: { edited: 'yes' } } }, { actor: 'user' });
  const m = mark(c);
  deletePod(c, 'web-0');
  deletePod(c, 'web-1');
  settleAllReady(c);
  assert.deepEqual(createdPods(c, m), ['web-0', 'web-1']);
  assert.deepEqual(
    ['www-web-0', 'www-web-1'].map((n) => getClaim(c, n)!.metadata.uid),
    uids,
  );
  assert.deepEqual(getClaim(c, 'www-web-1')!.metadata.labels, { edited: 'yes' });
  assert.deepEqual(podAndClaimWrites(c, m), ['create Pod web-0', 'create Pod web-1']);
});

test('a claim being deleted blocks its pod: FailedCreate "pvc www-web-0 is being deleted"', () => {
  const c = newCluster();
  c.store.create<PersistentVolumeClaim>(
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'www-web-0', finalizers: ['test/hold'] },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    },
    { actor: 'user' },
  );
  c.store.delete('PersistentVolumeClaim', 'default', 'www-web-0', { actor: 'user' });
  c.store.create(newStatefulSet('web', { replicas: 1, claims: ['www'] }), { actor: 'user' });
  c.advance(100);
  assert.deepEqual(podNames(c), []);
  assert.ok(
    eventMessages(c, 'web').includes(
      'Warning FailedCreate create Pod web-0 in StatefulSet web failed error: pvc www-web-0 is being deleted',
    ),
  );
  // Once the claim is gone, a fresh one is created and the pod follows.
  const pvc = getClaim(c, 'www-web-0')!;
  c.store.update(
    {
      ...pvc,
      metadata: {
        ...pvc.metadata,
        finalizers: (pvc.metadata.finalizers ?? []).filter((f) => f !== 'test/hold'),
      },
    },
    { actor: 'user' },
  );
  c.settle();
  assert.deepEqual(podNames(c), ['web-0']);
  assert.ok(getClaim(c, 'www-web-0') && !getClaim(c, 'www-web-0')!.metadata.deletionTimestamp);
});

test('a claim deleted under a Pending pod is recreated (e2e "PVC should be recreated when pod is pending")', () => {
  const c = newCluster();
  c.store.create(newStatefulSet('web', { replicas: 1, claims: ['www'] }), { actor: 'user' });
  c.settle();
  const uid = getClaim(c, 'www-web-0')!.metadata.uid;
  c.store.delete('PersistentVolumeClaim', 'default', 'www-web-0', { actor: 'user' });
  c.settle();
  const again = getClaim(c, 'www-web-0');
  assert.ok(again);
  assert.notEqual(again!.metadata.uid, uid);
});

test('whenDeleted=Delete: claims of in-range pods get a controllerRef to the set (§9.4)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2, claims: ['www'], whenDeleted: 'Delete' }));
  const set = getSet(c, 'web');
  for (const n of ['www-web-0', 'www-web-1']) {
    const refs = getClaim(c, n)!.metadata.ownerReferences!;
    assert.deepEqual(refs, [
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        name: 'web',
        uid: set.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
  }
});

test('whenScaled=Delete, 3→2: the condemned claim gets exactly one ref, to pod web-2, before web-2 is deleted (TestStaleOwnerRefOnScaleup)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3, claims: ['datadir'], whenScaled: 'Delete' }));
  assert.deepEqual(refsOf(getClaim(c, 'datadir-web-2')), []);
  const pod2 = getPod(c, 'web-2')!;
  const m = mark(c);
  updateSet(c, 'web', (s) => (s.spec!.replicas = 2));
  c.settle();
  const claimUpdate = c.store.actions.findIndex(
    (a) => a.seq > m && a.kind === 'PersistentVolumeClaim' && a.verb === 'update',
  );
  const podDelete = c.store.actions.findIndex((a) => a.seq > m && a.kind === 'Pod' && a.verb === 'delete');
  assert.ok(claimUpdate >= 0 && claimUpdate < podDelete, 'Phase B precedes Phase C');
  const claim = getClaim(c, 'datadir-web-2')!;
  assert.equal(claim.metadata.ownerReferences!.length, 1);
  assert.equal(claim.metadata.ownerReferences![0].uid, pod2.metadata.uid);
  assert.deepEqual(refsOf(claim), ['Pod/web-2']);
  // Without a garbage collector the claim stays, with a ref to the old pod: it is stale and blocks web-2.
  const m2 = mark(c);
  updateSet(c, 'web', (s) => (s.spec!.replicas = 3));
  for (let i = 0; i < 10; i++) c.settle();
  assert.deepEqual(podNames(c), ['web-0', 'web-1']);
  assert.deepEqual(createdPods(c, m2), []);
  // The GC deletes it; the set is enqueued by the claim's deletion and web-2 gets a fresh claim.
  c.store.delete('PersistentVolumeClaim', 'default', 'datadir-web-2', { actor: 'garbage-collector' });
  c.settle();
  assert.deepEqual(podNames(c), ['web-0', 'web-1', 'web-2']);
  assert.notEqual(getClaim(c, 'datadir-web-2')!.metadata.uid, claim.metadata.uid);
});

test('whenScaled=Delete, whenDeleted=Delete: in range → set ref; condemned → pod ref and the set ref removed', () => {
  const c = newCluster();
  createReadySet(
    c,
    newStatefulSet('web', { replicas: 2, claims: ['www'], whenScaled: 'Delete', whenDeleted: 'Delete' }),
  );
  assert.deepEqual(refsOf(getClaim(c, 'www-web-1')), ['StatefulSet/web']);
  updateSet(c, 'web', (s) => (s.spec!.replicas = 1));
  c.settle();
  assert.deepEqual(refsOf(getClaim(c, 'www-web-1')), ['Pod/web-1']);
  assert.deepEqual(refsOf(getClaim(c, 'www-web-0')), ['StatefulSet/web']);
});

test('changing the policy on a live set rewrites the claim refs on the following syncs', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2, claims: ['www'] }));
  updateSet(
    c,
    'web',
    (s) => (s.spec!.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Retain' }),
  );
  c.settle();
  assert.deepEqual(refsOf(getClaim(c, 'www-web-0')), ['StatefulSet/web']);
  assert.deepEqual(refsOf(getClaim(c, 'www-web-1')), ['StatefulSet/web']);
  updateSet(
    c,
    'web',
    (s) => (s.spec!.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Retain', whenScaled: 'Retain' }),
  );
  c.settle();
  assert.deepEqual(refsOf(getClaim(c, 'www-web-0')), []);
});

test('pods deleted for repairs keep their claims without pod refs (ReplacesPods)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3, claims: ['www'], whenScaled: 'Delete' }));
  for (const n of ['web-0', 'web-1', 'web-2']) deletePod(c, n);
  settleAllReady(c);
  for (const n of ['www-web-0', 'www-web-1', 'www-web-2']) assert.deepEqual(refsOf(getClaim(c, n)), [], n);
});

test('StatefulSetAutoDeletePVC off: no retention refs and no stale-claim blocking', () => {
  const c = newCluster({ featureGates: { StatefulSetAutoDeletePVC: false } });
  createReadySet(
    c,
    newStatefulSet('web', { replicas: 2, claims: ['www'], whenScaled: 'Delete', whenDeleted: 'Delete' }),
  );
  assert.deepEqual(refsOf(getClaim(c, 'www-web-0')), []);
  updateSet(c, 'web', (s) => (s.spec!.replicas = 1));
  c.settle();
  assert.deepEqual(refsOf(getClaim(c, 'www-web-1')), []);
});

test('a claim controlled by someone else: our refs are removed and ConflictingController is recorded', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 1, claims: ['www'], whenDeleted: 'Delete' }));
  const claim = getClaim(c, 'www-web-0')!;
  c.store.update(
    {
      ...claim,
      metadata: {
        ...claim.metadata,
        // Our ref demoted to a plain owner, and another controller (only one may control).
        ownerReferences: [
          { ...claim.metadata.ownerReferences![0], controller: false },
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'boss', uid: 'boss-uid', controller: true },
        ],
      },
    },
    { actor: 'user' },
  );
  // Any pod change triggers a sync of the set.
  const p = getPod(c, 'web-0')!;
  c.store.update({ ...p, metadata: { ...p.metadata, annotations: { poke: '1' } } }, { actor: 'user' });
  c.settle();
  assert.deepEqual(refsOf(getClaim(c, 'www-web-0')), ['ConfigMap/boss']);
  assert.ok(
    eventMessages(c, 'web').includes(
      'Warning ConflictingController PersistentVolumeClaim www-web-0 has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim',
    ),
  );
});
