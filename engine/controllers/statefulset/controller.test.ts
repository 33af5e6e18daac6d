/**
 * Watches, claiming and adoption (../shared/spec/statefulset.md §4, §12), and the planted bugs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ControllerRevision, Pod } from '../../api/types';
import {
  createReadySet,
  createdPods,
  deletePod,
  deletedPods,
  getClaim,
  getPod,
  getSet,
  mark,
  newCluster,
  newStatefulSet,
  podNames,
  revisionOf,
  revisions,
  setImage,
  setReady,
  settleAllReady,
  updateSet,
} from './testing';
import { PLANTED_BUGS } from './planted';

function orphanPod(name: string, labels: Record<string, string> | undefined): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
  };
}

const controllerOf = (p: Pod | undefined) => p?.metadata?.ownerReferences?.find((r) => r.controller)?.name;

test('orphans: matching labels and name are adopted; wrong labels or a wrong name are ignored (TestGetPodsForStatefulSetAdopt)', () => {
  const c = newCluster();
  c.store.create(orphanPod('web-1', { app: 'web' }), { actor: 'user' });
  c.store.create(orphanPod('web-2', { app: 'other' }), { actor: 'user' });
  c.store.create(orphanPod('xweb-4', { app: 'web' }), { actor: 'user' });
  c.store.create(newStatefulSet('web', { replicas: 2 }), { actor: 'user' });
  c.settle();
  const set = getSet(c, 'web');
  const adopted = getPod(c, 'web-1')!;
  assert.deepEqual(adopted.metadata.ownerReferences, [
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      name: 'web',
      uid: set.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ]);
  assert.equal(controllerOf(getPod(c, 'web-2')), undefined);
  assert.equal(controllerOf(getPod(c, 'xweb-4')), undefined);
  assert.deepEqual(podNames(c), ['web-0', 'web-1', 'web-2', 'xweb-4']);
  assert.equal(getSet(c, 'web').status!.replicas, 2, 'the adopted pod counts');
});

test('an adopted orphan out of range is condemned and deleted', () => {
  const c = newCluster();
  c.store.create(orphanPod('web-3', { app: 'web' }), { actor: 'user' });
  c.store.create(newStatefulSet('web', { replicas: 0 }), { actor: 'user' });
  c.settle();
  assert.deepEqual(deletedPods(c), ['web-3']);
});

test('owned pods with a wrong name or no labels are released (TestGetPodsForStatefulSetRelease)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 1 }));
  const set = getSet(c, 'web');
  const ref = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    name: 'web',
    uid: set.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
  c.store.create(
    {
      ...orphanPod('xweb-4', { app: 'web' }),
      metadata: { name: 'xweb-4', labels: { app: 'web' }, ownerReferences: [ref] },
    },
    { actor: 'user' },
  );
  c.store.create(
    { ...orphanPod('web-7', undefined), metadata: { name: 'web-7', ownerReferences: [ref] } },
    { actor: 'user' },
  );
  c.settle();
  assert.equal(controllerOf(getPod(c, 'xweb-4')), undefined);
  assert.equal(controllerOf(getPod(c, 'web-7')), undefined);
  assert.deepEqual(podNames(c), ['web-0', 'web-7', 'xweb-4'], 'released pods are not deleted');
});

test('a released pod in range blocks its ordinal (AlreadyExists, back-off) until it is relabelled and re-adopted (§4)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2 }));
  const p = getPod(c, 'web-1')!;
  c.store.update({ ...p, metadata: { ...p.metadata, labels: { app: 'elsewhere' } } }, { actor: 'user' });
  c.advance(200);
  assert.equal(controllerOf(getPod(c, 'web-1')), undefined);
  assert.ok(c.runtime.errors.some((e) => /pods "web-1" already exists/.test(e.message)));
  const q = getPod(c, 'web-1')!;
  c.store.update({ ...q, metadata: { ...q.metadata, labels: { ...p.metadata.labels } } }, { actor: 'user' });
  c.advance(200);
  c.settle();
  assert.equal(controllerOf(getPod(c, 'web-1')), 'web');
});

test('pods controlled by another owner are ignored', () => {
  const c = newCluster();
  c.store.create(
    {
      ...orphanPod('web-0', { app: 'web' }),
      metadata: {
        name: 'web-0',
        labels: { app: 'web' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true },
        ],
      },
    },
    { actor: 'user' },
  );
  c.store.create(newStatefulSet('web', { replicas: 1 }), { actor: 'user' });
  c.advance(100);
  assert.equal(controllerOf(getPod(c, 'web-0')), 'rs');
});

test('orphaned ControllerRevisions matching the selector are adopted; an equal template reuses the revision (§12)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2 }));
  const rev = getSet(c, 'web').status!.currentRevision!;
  const podUids = podNames(c).map((n) => getPod(c, n)!.metadata.uid);
  // Orphan everything (what the GC does for --cascade=orphan), then remove the set.
  for (const kind of ['Pod', 'ControllerRevision'] as const) {
    for (const o of c.store.list<Pod | ControllerRevision>(kind, { namespace: 'default' }))
      c.store.update(
        { ...o, metadata: { ...o.metadata, ownerReferences: [] } },
        { actor: 'garbage-collector' },
      );
  }
  c.store.delete('StatefulSet', 'default', 'web', { actor: 'user' });
  c.settle();
  const m = mark(c);
  c.store.create(newStatefulSet('web', { replicas: 2 }), { actor: 'user' });
  c.settle();
  const set = getSet(c, 'web');
  assert.equal(set.status!.updateRevision, rev, 'the same template hashes to the same name');
  assert.deepEqual(
    revisions(c).map((r) => controllerOf(r as unknown as Pod)),
    ['web'],
  );
  assert.deepEqual(
    podNames(c).map((n) => getPod(c, n)!.metadata.uid),
    podUids,
    'pods re-adopted, not replaced',
  );
  assert.deepEqual(deletedPods(c, m), []);
  assert.deepEqual(createdPods(c, m), []);
});

test('re-adoption with a changed template rolls the adopted pods', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2, image: 'nginx:1' }));
  for (const o of c.store.list<Pod>('Pod', { namespace: 'default' }))
    c.store.update(
      { ...o, metadata: { ...o.metadata, ownerReferences: [] } },
      { actor: 'garbage-collector' },
    );
  c.store.delete('StatefulSet', 'default', 'web', { actor: 'user' });
  c.settle();
  const m = mark(c);
  c.store.create(newStatefulSet('web', { replicas: 2, image: 'nginx:2' }), { actor: 'user' });
  settleAllReady(c);
  assert.deepEqual(deletedPods(c, m), ['web-1', 'web-0']);
  assert.deepEqual(
    podNames(c).map((n) => getPod(c, n)!.spec!.containers[0].image),
    ['nginx:2', 'nginx:2'],
  );
});

test('two sets in different namespaces do not interfere', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2, namespace: 'a' }));
  createReadySet(c, newStatefulSet('web', { replicas: 1, namespace: 'b' }));
  assert.deepEqual(podNames(c, 'a'), ['web-0', 'web-1']);
  assert.deepEqual(podNames(c, 'b'), ['web-0']);
  assert.equal(getPod(c, 'web-0', 'b')!.metadata.namespace, 'b');
});

// ---------------------------------------------------------------------------------------------
// Planted bugs: off by default; each changes exactly the behaviour it names.
// ---------------------------------------------------------------------------------------------

test('planted bug list', () => {
  assert.deepEqual(Object.keys(PLANTED_BUGS).sort(), [
    'ascending-deletion',
    'claim-deleted-with-pod',
    'ordered-ready-not-waiting',
    'partition-ignored',
    'rollback-new-revision',
  ]);
});

test('planted ordered-ready-not-waiting: pods are created without waiting for Ready', () => {
  const run = (bugs: string[]) => {
    const c = newCluster({ plantedBugs: bugs });
    c.store.create(newStatefulSet('web', { replicas: 3 }), { actor: 'user' });
    c.settle();
    return podNames(c);
  };
  assert.deepEqual(run([]), ['web-0']);
  assert.deepEqual(run(['ordered-ready-not-waiting']), ['web-0', 'web-1', 'web-2']);
});

test('planted ascending-deletion: scale-down deletes the lowest ordinal first', () => {
  const run = (bugs: string[]) => {
    const c = newCluster({ plantedBugs: bugs });
    createReadySet(c, newStatefulSet('web', { replicas: 3 }));
    const m = mark(c);
    updateSet(c, 'web', (s) => (s.spec!.replicas = 1));
    c.settle();
    return deletedPods(c, m);
  };
  assert.deepEqual(run([]), ['web-2', 'web-1']);
  assert.deepEqual(run(['ascending-deletion']), ['web-1', 'web-2']);
});

test('planted claim-deleted-with-pod: an update deletes the claim with the pod', () => {
  const run = (bugs: string[]) => {
    const c = newCluster({ plantedBugs: bugs });
    createReadySet(c, newStatefulSet('web', { replicas: 1, claims: ['www'] }));
    const uid = getClaim(c, 'www-web-0')!.metadata.uid;
    setImage(c, 'web', 'nginx:2');
    settleAllReady(c);
    return getClaim(c, 'www-web-0')!.metadata.uid === uid;
  };
  assert.equal(run([]), true);
  assert.equal(run(['claim-deleted-with-pod']), false);
});

test('planted partition-ignored: pods below the partition are updated too', () => {
  const run = (bugs: string[]) => {
    const c = newCluster({ plantedBugs: bugs });
    createReadySet(c, newStatefulSet('web', { replicas: 3, partition: 2 }));
    const old = getSet(c, 'web').status!.currentRevision;
    setImage(c, 'web', 'nginx:2');
    settleAllReady(c);
    return ['web-0', 'web-1', 'web-2'].map((n) => revisionOf(getPod(c, n)) === old);
  };
  assert.deepEqual(run([]), [true, true, false]);
  assert.deepEqual(run(['partition-ignored']), [false, false, false]);
});

test('planted rollback-new-revision: a rollback creates a third revision instead of reusing the first', () => {
  const run = (bugs: string[]) => {
    const c = newCluster({ plantedBugs: bugs });
    createReadySet(c, newStatefulSet('web', { replicas: 1, image: 'nginx:1' }));
    const rev1 = getSet(c, 'web').status!.currentRevision;
    setImage(c, 'web', 'nginx:2');
    settleAllReady(c);
    setImage(c, 'web', 'nginx:1');
    settleAllReady(c);
    return { count: revisions(c).length, reused: getSet(c, 'web').status!.currentRevision === rev1 };
  };
  assert.deepEqual(run([]), { count: 2, reused: true });
  assert.deepEqual(run(['rollback-new-revision']), { count: 3, reused: false });
});

test('deleting a pod by hand enqueues the set; readiness changes of unrelated pods do not disturb it', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2 }));
  c.store.create(orphanPod('other-0', { app: 'other' }), { actor: 'user' });
  setReady(c, 'other-0');
  const m = mark(c);
  deletePod(c, 'web-1');
  c.settle();
  assert.deepEqual(createdPods(c, m), ['web-1']);
});
