/**
 * End to end with createCluster(): scheduler, kubelet, volume binder/provisioner and the
 * StatefulSet controller together (../shared/spec/statefulset.md §6, §9, and the walkthrough of
 * the StatefulSet basics tutorial).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, Cluster } from '../../cluster';
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types';
import { fromTimestamp } from '../../api/time';
import { newStatefulSet, SetOptions } from './testing';

function cluster(init: Parameters<typeof createCluster>[0] = {}): Cluster {
  return createCluster({ seed: 7, ...init });
}

function apply(c: Cluster, name: string, o: SetOptions): void {
  c.store.create(newStatefulSet(name, o), { actor: 'user' });
}

function set(c: Cluster, name = 'web'): StatefulSet {
  return c.store.get<StatefulSet>('StatefulSet', 'default', name)!;
}

function edit(c: Cluster, fn: (s: StatefulSet) => void, name = 'web'): void {
  const s = structuredClone(set(c, name));
  fn(s);
  c.store.update(s, { actor: 'user' });
}

function pod(c: Cluster, name: string): Pod | undefined {
  return c.store.get<Pod>('Pod', 'default', name);
}

function pods(c: Cluster): string[] {
  return c.store.list<Pod>('Pod', { namespace: 'default' }).map((p) => p.metadata.name);
}

function claim(c: Cluster, name: string): PersistentVolumeClaim | undefined {
  return c.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name);
}

function created(c: Cluster, from = 0): string[] {
  return c.trace.podsCreated(from).map((r) => r.name);
}

function deleted(c: Cluster, from = 0): string[] {
  return c.trace.podsDeleted(from).map((r) => r.name);
}

function createdAt(c: Cluster, name: string, from = 0): number {
  const r = c.trace.podsCreated(from).find((x) => x.name === name);
  assert.ok(r, `${name} created`);
  return r.time;
}

/** When the pod first became Running and Ready (after `from`). */
function readyAt(c: Cluster, name: string, from = 0): number {
  const r = c.trace
    .between(from)
    .find(
      (x) =>
        x.kind === 'Pod' &&
        x.name === name &&
        (x.object as Pod).status?.phase === 'Running' &&
        (x.object as Pod).status?.conditions?.some((k) => k.type === 'Ready' && k.status === 'True'),
    );
  assert.ok(r, `${name} became ready`);
  return r.time;
}

/** When the pod object was removed from the API (after `from`). */
function goneAt(c: Cluster, name: string, from = 0): number {
  const r = c.trace.between(from).find((x) => x.kind === 'Pod' && x.name === name && x.type === 'DELETED');
  assert.ok(r, `${name} removed`);
  return r.time;
}

function deletionRequestedAt(c: Cluster, name: string, from = 0): number {
  const r = c.trace.podsDeleted(from).find((x) => x.name === name);
  assert.ok(r, `${name} deletion requested`);
  return r.time;
}

const image = (c: Cluster, name: string) => pod(c, name)?.spec?.containers[0].image;
const revision = (c: Cluster, name: string) => pod(c, name)?.metadata?.labels?.['controller-revision-hash'];

test('e2e: scale up 0→3 creates web-0, then web-1 only after web-0 is Running and Ready', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 3 });
  c.settle();
  assert.deepEqual(created(c), ['web-0', 'web-1', 'web-2']);
  assert.ok(createdAt(c, 'web-1') >= readyAt(c, 'web-0'));
  assert.ok(createdAt(c, 'web-2') >= readyAt(c, 'web-1'));
  const s = set(c).status!;
  assert.equal(s.readyReplicas, 3);
  assert.equal(s.availableReplicas, 3);
  assert.equal(s.currentRevision, s.updateRevision);
  assert.equal(pod(c, 'web-0')!.spec!.hostname, 'web-0');
  assert.ok(pod(c, 'web-0')!.spec!.nodeName, 'scheduled');
});

test('e2e: scale down 3→1 deletes web-2, then web-1 once web-2 is gone', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 3 });
  c.settle();
  const from = c.trace.lastSeq;
  edit(c, (s) => (s.spec!.replicas = 1));
  c.settle();
  assert.deepEqual(deleted(c, from), ['web-2', 'web-1']);
  assert.ok(deletionRequestedAt(c, 'web-1', from) >= goneAt(c, 'web-2', from));
  assert.deepEqual(pods(c), ['web-0']);
  assert.equal(set(c).status!.replicas, 1);
});

test('e2e: partitioned update (partition 2 of 3) updates web-2 only; lowering it finishes the rollout', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 3, partition: 2, image: 'nginx:1.25' });
  c.settle();
  const old = set(c).status!.currentRevision!;
  const from = c.trace.lastSeq;
  edit(c, (s) => (s.spec!.template.spec!.containers[0].image = 'nginx:1.26'));
  c.settle();
  assert.deepEqual(deleted(c, from), ['web-2']);
  assert.deepEqual(
    ['web-0', 'web-1', 'web-2'].map((n) => image(c, n)),
    ['nginx:1.25', 'nginx:1.25', 'nginx:1.26'],
  );
  assert.equal(set(c).status!.currentRevision, old);
  assert.equal(set(c).status!.updatedReplicas, 1);
  edit(c, (s) => (s.spec!.updateStrategy!.rollingUpdate!.partition = 0));
  c.settle();
  assert.deepEqual(deleted(c, from), ['web-2', 'web-1', 'web-0']);
  assert.equal(set(c).status!.currentRevision, set(c).status!.updateRevision);
  assert.equal(set(c).status!.currentReplicas, 3);
});

test('e2e: rolling update then rollback reuses the first revision with a bumped number', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 3, image: 'nginx:1.25' });
  c.settle();
  const rev1 = set(c).status!.currentRevision!;
  edit(c, (s) => (s.spec!.template.spec!.containers[0].image = 'nginx:1.26'));
  c.settle();
  const rev2 = set(c).status!.currentRevision!;
  assert.notEqual(rev2, rev1);
  const from = c.trace.lastSeq;
  edit(c, (s) => (s.spec!.template.spec!.containers[0].image = 'nginx:1.25'));
  c.settle();
  assert.deepEqual(deleted(c, from), ['web-2', 'web-1', 'web-0']);
  assert.equal(set(c).status!.currentRevision, rev1);
  const revs = c.store.list('ControllerRevision', { namespace: 'default' }) as unknown as {
    metadata: { name: string };
    revision: number;
  }[];
  assert.deepEqual(
    revs.map((r) => [r.metadata.name, r.revision]).sort((a, b) => (a[1] as number) - (b[1] as number)),
    [
      [rev2, 2],
      [rev1, 3],
    ],
  );
  assert.deepEqual(
    ['web-0', 'web-1', 'web-2'].map((n) => revision(c, n)),
    [rev1, rev1, rev1],
  );
});

test('e2e: OnDelete updates nothing until a pod is deleted, which comes back at the new revision', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 3, onDelete: true, image: 'nginx:1.25' });
  c.settle();
  const from = c.trace.lastSeq;
  edit(c, (s) => (s.spec!.template.spec!.containers[0].image = 'nginx:1.26'));
  c.settle();
  assert.deepEqual(deleted(c, from), []);
  c.store.delete('Pod', 'default', 'web-1', { actor: 'user' });
  c.settle();
  assert.deepEqual(
    ['web-0', 'web-1', 'web-2'].map((n) => image(c, n)),
    ['nginx:1.25', 'nginx:1.26', 'nginx:1.25'],
  );
  const s = set(c).status!;
  assert.notEqual(s.currentRevision, s.updateRevision, 'never advanced under OnDelete');
  assert.equal(s.updatedReplicas, 1);
  assert.equal(s.currentReplicas, 2);
});

test('e2e: Parallel creates every pod at the same instant and deletes them together', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 4, podManagementPolicy: 'Parallel' });
  c.settle();
  const times = ['web-0', 'web-1', 'web-2', 'web-3'].map((n) => createdAt(c, n));
  assert.equal(new Set(times).size, 1, `created at ${times}`);
  const from = c.trace.lastSeq;
  edit(c, (s) => (s.spec!.replicas = 0));
  c.settle();
  const dts = ['web-3', 'web-2', 'web-1', 'web-0'].map((n) => deletionRequestedAt(c, n, from));
  assert.equal(new Set(dts).size, 1);
  assert.deepEqual(pods(c), []);
});

test('e2e: a recreated pod mounts the same claim, bound to the same volume', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 1, claims: ['www'] });
  c.settle();
  const pvc = claim(c, 'www-web-0')!;
  assert.equal(pvc.status?.phase, 'Bound');
  const volume = pvc.spec!.volumeName;
  assert.ok(volume);
  const uid = pod(c, 'web-0')!.metadata!.uid;
  c.store.delete('Pod', 'default', 'web-0', { actor: 'user' });
  c.settle();
  assert.notEqual(pod(c, 'web-0')!.metadata!.uid, uid);
  assert.equal(claim(c, 'www-web-0')!.metadata!.uid, pvc.metadata!.uid);
  assert.equal(claim(c, 'www-web-0')!.spec!.volumeName, volume);
  assert.equal(pod(c, 'web-0')!.spec!.volumes![0].persistentVolumeClaim!.claimName, 'www-web-0');
});

test('e2e walkthrough: 2 replicas with claim template www; both pods deleted → web-0 then web-1, same claims', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 2, claims: ['www'], serviceName: 'nginx' });
  c.settle();
  const claims = ['www-web-0', 'www-web-1'].map((n) => [
    claim(c, n)!.metadata!.uid,
    claim(c, n)!.spec!.volumeName,
  ]);
  assert.ok(claims.every(([, v]) => v));
  const from = c.trace.lastSeq;
  c.store.delete('Pod', 'default', 'web-0', { actor: 'user' });
  c.store.delete('Pod', 'default', 'web-1', { actor: 'user' });
  c.settle();
  assert.deepEqual(created(c, from), ['web-0', 'web-1']);
  assert.ok(createdAt(c, 'web-1', from) >= readyAt(c, 'web-0', from), 'web-1 waits for web-0');
  assert.deepEqual(
    ['www-web-0', 'www-web-1'].map((n) => [claim(c, n)!.metadata!.uid, claim(c, n)!.spec!.volumeName]),
    claims,
  );
  for (const n of ['web-0', 'web-1']) {
    const p = pod(c, n)!;
    assert.equal(p.spec!.hostname, n);
    assert.equal(p.spec!.subdomain, 'nginx');
  }
  assert.equal(set(c).status!.readyReplicas, 2);
});

test('e2e: minReadySeconds 10 spaces OrderedReady creations by at least 10 s after readiness', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 2, minReadySeconds: 10 });
  c.settle();
  const ready0 = fromTimestamp(
    pod(c, 'web-0')!.status!.conditions!.find((k) => k.type === 'Ready')!.lastTransitionTime,
  )!;
  assert.ok(createdAt(c, 'web-1') > ready0 + 10_000);
  assert.equal(set(c).status!.availableReplicas, 2);
});

test('e2e: broken rollout wedges OrderedReady; the cluster still settles; deleting the bad pod repairs it', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 3, image: 'nginx:1.25' });
  c.settle();
  const good = set(c).status!.currentRevision!;
  c.faults.setImage('nginx:broken', 'unpullable');
  edit(c, (s) => (s.spec!.template.spec!.containers[0].image = 'nginx:broken'));
  c.settle();
  assert.equal(image(c, 'web-2'), 'nginx:broken');
  assert.equal(pod(c, 'web-2')!.status!.phase, 'Pending');
  edit(c, (s) => (s.spec!.template.spec!.containers[0].image = 'nginx:1.25'));
  c.settle();
  assert.equal(image(c, 'web-2'), 'nginx:broken', 'reverting does not replace the stuck pod');
  assert.equal(set(c).status!.updateRevision, good);
  c.store.delete('Pod', 'default', 'web-2', { actor: 'user' });
  c.settle();
  assert.equal(image(c, 'web-2'), 'nginx:1.25');
  assert.equal(revision(c, 'web-2'), good);
  assert.equal(set(c).status!.readyReplicas, 3);
});

test('e2e: the run is deterministic for a seed', () => {
  const run = () => {
    const c = cluster();
    apply(c, 'web', { replicas: 3, claims: ['www'] });
    c.settle();
    edit(c, (s) => (s.spec!.template.spec!.containers[0].image = 'nginx:1.26'));
    c.settle();
    return c.trace.records.map((r) => `${r.time} ${r.type} ${r.kind}/${r.name} ${r.actor}`).join('\n');
  };
  assert.equal(run(), run());
});

// ---------------------------------------------------------------------------------------------
// With the garbage collector: retention policy and set deletion (§9.4, §9.5, §12).
// ---------------------------------------------------------------------------------------------

const claimNames = (c: Cluster) =>
  c.store
    .list<PersistentVolumeClaim>('PersistentVolumeClaim', { namespace: 'default' })
    .map((x) => x.metadata.name);

test('e2e: whenScaled=Delete, 3→1 leaves only datadir-web-0', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 3, claims: ['datadir'], whenScaled: 'Delete' });
  c.settle();
  assert.deepEqual(claimNames(c), ['datadir-web-0', 'datadir-web-1', 'datadir-web-2']);
  edit(c, (s) => (s.spec!.replicas = 1));
  c.settle();
  assert.deepEqual(pods(c), ['web-0']);
  assert.deepEqual(claimNames(c), ['datadir-web-0']);
});

test('e2e: whenScaled=Delete, scaling back up gives web-2 a fresh claim (the data is not reused)', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 3, claims: ['datadir'], whenScaled: 'Delete' });
  c.settle();
  const old = claim(c, 'datadir-web-2')!.metadata!.uid;
  edit(c, (s) => (s.spec!.replicas = 2));
  c.settle();
  assert.deepEqual(claimNames(c), ['datadir-web-0', 'datadir-web-1']);
  edit(c, (s) => (s.spec!.replicas = 3));
  c.settle();
  assert.deepEqual(pods(c), ['web-0', 'web-1', 'web-2']);
  assert.notEqual(claim(c, 'datadir-web-2')!.metadata!.uid, old);
  assert.equal(claim(c, 'datadir-web-2')!.status?.phase, 'Bound');
});

test('e2e: whenDeleted=Delete, deleting the set (background) removes its pods and claims', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 2, claims: ['www'], whenDeleted: 'Delete' });
  c.settle();
  c.store.delete('StatefulSet', 'default', 'web', { actor: 'user', propagationPolicy: 'Background' });
  c.settle();
  assert.deepEqual(pods(c), []);
  assert.deepEqual(claimNames(c), []);
  assert.deepEqual(c.store.list('ControllerRevision', { namespace: 'default' }), []);
});

test('e2e: default Retain, deleting the set (background) removes pods and revisions but keeps claims', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 2, claims: ['www'] });
  c.settle();
  c.store.delete('StatefulSet', 'default', 'web', { actor: 'user', propagationPolicy: 'Background' });
  c.settle();
  assert.equal(set(c), undefined);
  assert.deepEqual(pods(c), []);
  assert.deepEqual(claimNames(c), ['www-web-0', 'www-web-1']);
  assert.deepEqual(c.store.list('ControllerRevision', { namespace: 'default' }), []);
});

test('e2e: foreground deletion: the controller recreates nothing while the GC deletes the pods', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 3 });
  c.settle();
  const from = c.trace.lastSeq;
  c.store.delete('StatefulSet', 'default', 'web', { actor: 'user', propagationPolicy: 'Foreground' });
  c.settle();
  assert.equal(set(c), undefined);
  assert.deepEqual(pods(c), []);
  assert.deepEqual(created(c, from), []);
});

test('e2e: orphan deletion keeps the pods; a new identical set adopts them without a rollout', () => {
  const c = cluster();
  apply(c, 'web', { replicas: 2 });
  c.settle();
  const rev = set(c).status!.currentRevision;
  const uids = pods(c).map((n) => pod(c, n)!.metadata!.uid);
  c.store.delete('StatefulSet', 'default', 'web', { actor: 'user', propagationPolicy: 'Orphan' });
  c.settle();
  assert.equal(set(c), undefined);
  assert.deepEqual(pods(c), ['web-0', 'web-1']);
  const from = c.trace.lastSeq;
  apply(c, 'web', { replicas: 2 });
  c.settle();
  assert.deepEqual(created(c, from), []);
  assert.deepEqual(deleted(c, from), []);
  assert.deepEqual(
    pods(c).map((n) => pod(c, n)!.metadata!.uid),
    uids,
  );
  assert.equal(set(c).status!.currentRevision, rev);
  assert.equal(pod(c, 'web-0')!.metadata!.ownerReferences![0].uid, set(c).metadata!.uid);
});
