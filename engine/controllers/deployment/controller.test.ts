import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from '../../api/types';
import { deepClone } from '../../util/clone';
import { harness, newDeployment, newReplicaSet, summarize, syncOnce } from './testing';

test('an orphan ReplicaSet matching the selector is adopted (not relabelled) and keeps its revision', () => {
  const h = harness();
  // e2e testRollingUpdateDeployment: an adopted RS with revision 3546343826724305832
  h.createAt(
    newReplicaSet('web-orphan', 2, {
      labels: { app: 'web' },
      image: 'nginx:0.9',
      revision: '3546343826724305832',
    }),
    0,
  );
  const d = h.createAt(newDeployment('web', 2), 1000);
  syncOnce(h.dc);
  const orphan = h.rs('web-orphan');
  assert.equal(orphan.metadata.ownerReferences?.[0].uid, d.metadata.uid);
  assert.equal(orphan.metadata.ownerReferences?.[0].controller, true);
  assert.deepEqual(orphan.metadata.labels, { app: 'web', 'pod-template-hash': 'orphan' }, 'labels untouched');
  syncOnce(h.dc);
  const own = h.rsList().find((r) => r.metadata.name !== 'web-orphan')!;
  assert.equal(own.metadata.annotations!['deployment.kubernetes.io/revision'], '3546343826724305833');
});

test('an owned ReplicaSet whose labels stop matching is released', () => {
  const h = harness();
  const d = h.createAt(newDeployment('web', 1), 0);
  h.createAt(
    newReplicaSet('web-stray', 0, { owner: d, labels: { app: 'elsewhere' }, image: 'nginx:0.1' }),
    0,
  );
  syncOnce(h.dc);
  assert.equal(h.rs('web-stray').metadata.ownerReferences, undefined);
});

test('a ReplicaSet owned by another controller is left alone, and so are orphans while the Deployment is deleted', () => {
  const h = harness();
  const other = h.createAt(newDeployment('other', 1, { labels: { app: 'web' } }), 0);
  h.createAt(newReplicaSet('web-theirs', 1, { owner: other }), 0);
  const d = newDeployment('web', 1);
  d.metadata!.finalizers = ['example.com/hold'];
  h.createAt(d, 0);
  h.createAt(newReplicaSet('web-orphan', 1, { labels: { app: 'web' } }), 0);
  h.c.store.delete('Deployment', 'default', 'web');
  h.mark();
  syncOnce(h.dc);
  assert.equal(h.rs('web-theirs').metadata.ownerReferences![0].uid, other.metadata.uid);
  assert.equal(h.rs('web-orphan').metadata.ownerReferences, undefined);
  // a Deployment being deleted only gets a status update: no RS created or scaled
  assert.deepEqual(summarize(h.actions()), ['updateStatus Deployment/web']);
});

test('watch handlers: owned RS changes and matching orphans enqueue the Deployment; others do not', () => {
  const h = harness();
  const d = h.createAt(newDeployment('web', 1), 0);
  h.c.advance(0);
  h.c.advance(10);
  assert.ok(!h.dc.queue.has('default/web'));
  h.createAt(newReplicaSet('web-x', 0, { labels: { app: 'web' } }));
  assert.ok(h.dc.queue.has('default/web'), 'a matching orphan');
  h.c.advance(10);
  h.createAt(newReplicaSet('zzz-x', 0, { labels: { app: 'zzz' } }));
  assert.ok(!h.dc.queue.has('default/web'), 'a foreign orphan');
  const own = h.rsList().find((r) => r.metadata.ownerReferences?.[0]?.uid === d.metadata.uid)!;
  h.setStatus(own.metadata.name, { replicas: 1, available: 1 });
  assert.ok(h.dc.queue.has('default/web'), 'an owned RS status change');
  h.c.advance(10);
  h.c.store.delete('ReplicaSet', 'default', own.metadata.name);
  assert.ok(h.dc.queue.has('default/web'), 'an owned RS deleted');
});

test('the queue runs syncs; the creation Conflict is retried; without pods the rollout times out at 601 s', () => {
  const h = harness();
  h.createAt(newDeployment('web', 3), 0);
  h.c.settle();
  assert.equal(h.c.runtime.errors.length, 1);
  assert.match(h.c.runtime.errors[0].message, /the object has been modified/);
  const d = h.deployment();
  assert.equal(d.status!.observedGeneration, d.metadata.generation);
  assert.equal(h.rsList().length, 1);
  // no ReplicaSet controller here, so nothing progresses: settling runs to the deadline check
  assert.equal(h.c.now, 601_000);
  assert.equal(
    d.status!.conditions!.find((c) => c.type === 'Progressing')!.reason,
    'ProgressDeadlineExceeded',
  );
});

test('a deleted Deployment syncs to nothing', () => {
  const h = harness();
  h.createAt(newDeployment('web', 1), 0);
  h.c.store.delete('Deployment', 'default', 'web');
  assert.equal(syncOnce(h.dc), undefined);
  assert.equal(h.rsList().length, 0);
});

test('a ReplicaSet annotation sync on the existing new RS returns at once; the Deployment revision follows a sync later', () => {
  const h = harness();
  h.createAt(newDeployment('web', 1), 0);
  syncOnce(h.dc);
  syncOnce(h.dc);
  const name = h.rsList()[0].metadata.name;
  const d = deepClone(h.deployment()) as Deployment;
  d.metadata!.annotations!['team'] = 'blue';
  h.c.store.update(d);
  h.mark();
  syncOnce(h.dc);
  assert.equal(h.rs(name).metadata.annotations!['team'], 'blue', 'copied to the new RS');
  assert.ok(summarize(h.actions()).includes(`update ReplicaSet/${name}`));
});
