import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, type Cluster } from '../../cluster';
import type { Deployment, KObject, OwnerReference, Pod, ReplicaSet, Stored } from '../../api/types';
import { toTimestamp } from '../../api/time';
import { garbageCollector, GarbageCollector } from '.';
import { replicaSetController } from '../replicaset';

function setup(withReplicaSets = false): { c: Cluster; gc: GarbageCollector } {
  const c = createCluster({
    controllers: withReplicaSets ? [garbageCollector, replicaSetController] : [garbageCollector],
    nodes: 2,
  });
  return { c, gc: c.controllers[0] as GarbageCollector };
}

function ref(owner: Stored, block = true, controller = true): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller,
    blockOwnerDeletion: block,
  };
}

function deployment(c: Cluster, name = 'd'): Stored<Deployment> {
  return c.store.create<Deployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  });
}

function replicaSet(
  c: Cluster,
  name: string,
  owners: OwnerReference[] = [],
  replicas = 0,
): Stored<ReplicaSet> {
  return c.store.create<ReplicaSet>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, ownerReferences: owners.length ? owners : undefined },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  });
}

/** A pod owned by `owners`; scheduled (so deleted gracefully, 30 s) unless node is ''. */
function pod(
  c: Cluster,
  name: string,
  owners: OwnerReference[],
  node = 'node-1',
  extra: Partial<Pod['metadata']> = {},
) {
  return c.store.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'x' }, ownerReferences: owners.length ? owners : undefined, ...extra },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: node || undefined },
  });
}

/** What the kubelet does when a terminating pod has stopped. */
function finishTermination(c: Cluster, name: string): void {
  c.store.delete('Pod', 'default', name, { gracePeriodSeconds: 0, actor: 'kubelet' });
}

const get = (c: Cluster, kind: string, name: string) => c.store.get(kind, 'default', name);
const gcActions = (c: Cluster) =>
  c.store.actions.filter((a) => a.actor === 'garbage-collector').map((a) => `${a.verb} ${a.kind} ${a.name}`);

test('background: deleting a ReplicaSet removes it at once; the collector deletes its pods gracefully', () => {
  const { c, gc } = setup();
  const rs = replicaSet(c, 'web');
  pod(c, 'web-a', [ref(rs)]);
  pod(c, 'web-b', [ref(rs)]);
  pod(c, 'web-c', [ref(rs)], ''); // unscheduled: removed at once
  c.settle();
  c.advance(5000);
  c.store.delete('ReplicaSet', 'default', 'web', { propagationPolicy: 'Background' });
  assert.equal(get(c, 'ReplicaSet', 'web'), undefined);
  c.settle();
  assert.deepEqual(gcActions(c).sort(), ['delete Pod web-a', 'delete Pod web-b', 'delete Pod web-c']);
  assert.equal(get(c, 'Pod', 'web-c'), undefined);
  for (const n of ['web-a', 'web-b']) {
    const p = get(c, 'Pod', n)!;
    assert.equal(p.metadata.deletionTimestamp, toTimestamp(35_000), n);
    assert.equal(p.metadata.deletionGracePeriodSeconds, 30);
  }
  finishTermination(c, 'web-a');
  finishTermination(c, 'web-b');
  c.settle();
  assert.equal(c.store.count('Pod'), 0);
  assert.equal(gc.graph.size, 0, 'the index forgets everything');
});

test('background cascades through levels: Deployment → ReplicaSet → pods', () => {
  const { c } = setup();
  const d = deployment(c);
  const rs = replicaSet(c, 'd-1', [ref(d)]);
  pod(c, 'd-1-a', [ref(rs)], '');
  c.settle();
  c.store.delete('Deployment', 'default', 'd');
  c.settle();
  assert.deepEqual(gcActions(c), ['delete ReplicaSet d-1', 'delete Pod d-1-a']);
  assert.equal(c.store.count('ReplicaSet'), 0);
  assert.equal(c.store.count('Pod'), 0);
});

test('a dependent with another live owner is kept; only the dangling reference is removed', () => {
  const { c } = setup();
  const a = replicaSet(c, 'a');
  const b = replicaSet(c, 'b');
  pod(c, 'shared', [ref(a, true, true), ref(b, false, false)]);
  c.settle();
  c.store.delete('ReplicaSet', 'default', 'a');
  c.settle();
  const p = get(c, 'Pod', 'shared')!;
  assert.equal(p.metadata.deletionTimestamp, undefined);
  assert.deepEqual(p.metadata.ownerReferences, [ref(b, false, false)]);
  assert.deepEqual(gcActions(c), ['update Pod shared']);
});

test('orphan: the owner’s references are removed from its dependents, then the finalizer', () => {
  const { c, gc } = setup();
  const rs = replicaSet(c, 'web');
  const svc = c.store.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'svc' },
    spec: { ports: [{ port: 80 }] },
  });
  const other = { apiVersion: 'v1', kind: 'Service', name: 'svc', uid: svc.metadata.uid };
  pod(c, 'web-a', [ref(rs)]);
  pod(c, 'web-b', [ref(rs), other]);
  c.settle();
  const marked = c.store.delete('ReplicaSet', 'default', 'web', { propagationPolicy: 'Orphan' });
  assert.deepEqual(marked.metadata.finalizers, ['orphan']);
  assert.ok(marked.metadata.deletionTimestamp);
  c.settle();
  assert.equal(get(c, 'ReplicaSet', 'web'), undefined);
  assert.equal(get(c, 'Pod', 'web-a')!.metadata.ownerReferences, undefined);
  assert.deepEqual(get(c, 'Pod', 'web-b')!.metadata.ownerReferences, [other]);
  assert.equal(get(c, 'Pod', 'web-a')!.metadata.deletionTimestamp, undefined);
  assert.deepEqual(gcActions(c), ['update Pod web-a', 'update Pod web-b', 'update ReplicaSet web']);
  const last = c.store.actions.at(-1)!;
  assert.equal(last.kind, 'ReplicaSet');
  assert.equal(gc.graph.dependentsOf(rs.metadata.uid).length, 0);
});

test('foreground: the owner stays Terminating until its blocking dependents are gone', () => {
  const { c } = setup();
  const d = deployment(c);
  const rs = replicaSet(c, 'd-1', [ref(d)]);
  pod(c, 'd-1-a', [ref(rs)]);
  pod(c, 'd-1-b', [ref(rs)]);
  c.settle();
  c.store.delete('Deployment', 'default', 'd', { propagationPolicy: 'Foreground' });
  c.settle();
  // The Deployment and the ReplicaSet (which has dependents) wait, in the foreground.
  const dep = get(c, 'Deployment', 'd')!;
  assert.deepEqual(dep.metadata.finalizers, ['foregroundDeletion']);
  const rsNow = get(c, 'ReplicaSet', 'd-1')!;
  assert.deepEqual(rsNow.metadata.finalizers, ['foregroundDeletion']);
  assert.ok(rsNow.metadata.deletionTimestamp);
  for (const n of ['d-1-a', 'd-1-b']) assert.ok(get(c, 'Pod', n)!.metadata.deletionTimestamp, n);

  finishTermination(c, 'd-1-a');
  c.settle();
  assert.ok(get(c, 'ReplicaSet', 'd-1'), 'one blocking pod is left');
  finishTermination(c, 'd-1-b');
  c.settle();
  assert.equal(get(c, 'ReplicaSet', 'd-1'), undefined);
  assert.equal(get(c, 'Deployment', 'd'), undefined);
  assert.deepEqual(gcActions(c), [
    'delete ReplicaSet d-1', // foreground: it has dependents
    'delete Pod d-1-a',
    'delete Pod d-1-b',
    'update ReplicaSet d-1', // finalizer removed after its last pod
    'update Deployment d', // then the Deployment's
  ]);
});

test('foreground: a dependent without blockOwnerDeletion is deleted but not waited for', () => {
  const { c } = setup();
  const rs = replicaSet(c, 'web');
  pod(c, 'loose', [ref(rs, false)]);
  c.settle();
  c.store.delete('ReplicaSet', 'default', 'web', { propagationPolicy: 'Foreground' });
  c.settle();
  assert.equal(get(c, 'ReplicaSet', 'web'), undefined, 'nothing blocks the owner');
  assert.ok(get(c, 'Pod', 'loose')!.metadata.deletionTimestamp, 'the dependent is still deleted');
});

test('foreground: a blocking reference turned non-blocking releases the owner', () => {
  const { c } = setup();
  const rs = replicaSet(c, 'web');
  pod(c, 'held', [ref(rs)], 'node-1', { finalizers: ['example.com/hold'] });
  c.settle();
  c.store.delete('ReplicaSet', 'default', 'web', { propagationPolicy: 'Foreground' });
  c.settle();
  assert.ok(get(c, 'ReplicaSet', 'web'));
  const p = get(c, 'Pod', 'held')!;
  c.store.update({ ...p, metadata: { ...p.metadata, ownerReferences: [ref(rs, false)] } });
  c.settle();
  assert.equal(get(c, 'ReplicaSet', 'web'), undefined);
});

test('foreground with an empty owner: the finalizer goes at once', () => {
  const { c } = setup();
  replicaSet(c, 'web');
  c.store.delete('ReplicaSet', 'default', 'web', { propagationPolicy: 'Foreground' });
  c.settle();
  assert.equal(get(c, 'ReplicaSet', 'web'), undefined);
  assert.deepEqual(gcActions(c), ['update ReplicaSet web']);
});

test('foreground cycle guard: a dependent whose own dependent deletes in the foreground stops blocking', () => {
  const { c } = setup();
  const d = deployment(c);
  const rs = replicaSet(c, 'd-1', [ref(d)]);
  const z = pod(c, 'd-1-a', [ref(rs)]);
  pod(c, 'held', [ref(z)], '', { finalizers: ['example.com/hold'] });
  c.settle();
  // The pod is deleting its own dependent in the foreground, and that one is held by a finalizer.
  c.store.delete('Pod', 'default', 'd-1-a', { propagationPolicy: 'Foreground' });
  c.settle();
  assert.deepEqual(get(c, 'Pod', 'd-1-a')!.metadata.finalizers, ['foregroundDeletion']);
  c.store.delete('Deployment', 'default', 'd', { propagationPolicy: 'Foreground' });
  c.settle();
  const rsNow = get(c, 'ReplicaSet', 'd-1')!;
  assert.equal(rsNow.metadata.ownerReferences?.[0].blockOwnerDeletion, false);
  assert.ok(rsNow.metadata.deletionTimestamp);
  assert.equal(get(c, 'Deployment', 'd'), undefined, 'the Deployment no longer waits');
});

test('a dependent whose owner does not exist, or has another uid, is collected', () => {
  const { c } = setup();
  const live = replicaSet(c, 'web');
  pod(c, 'absent-owner', [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nope', uid: 'nope-uid', controller: true },
  ]);
  pod(c, 'stale-uid', [{ ...ref(live), uid: 'an-older-uid' }]);
  pod(c, 'good', [ref(live)]);
  c.settle();
  assert.ok(get(c, 'Pod', 'absent-owner')!.metadata.deletionTimestamp);
  assert.ok(get(c, 'Pod', 'stale-uid')!.metadata.deletionTimestamp);
  assert.equal(get(c, 'Pod', 'good')!.metadata.deletionTimestamp, undefined);
});

test('a ReplicaSet recreated under the same name does not keep the old one’s pods', () => {
  const { c } = setup();
  const old = replicaSet(c, 'web');
  pod(c, 'web-a', [ref(old)], '');
  c.store.delete('ReplicaSet', 'default', 'web');
  replicaSet(c, 'web');
  c.settle();
  assert.equal(get(c, 'Pod', 'web-a'), undefined);
});

test('a dependent with its own orphan finalizer is deleted with Orphan propagation', () => {
  const { c } = setup();
  const d = deployment(c);
  const rs = c.store.create<ReplicaSet>({
    ...replicaSet(c, 'tmp'),
    metadata: { name: 'd-1', ownerReferences: [ref(d)], finalizers: ['orphan'] },
  } as ReplicaSet);
  c.store.delete('ReplicaSet', 'default', 'tmp');
  pod(c, 'd-1-a', [ref(rs)], '');
  c.settle();
  c.store.delete('Deployment', 'default', 'd');
  c.settle();
  assert.equal(get(c, 'ReplicaSet', 'd-1'), undefined);
  const p = get(c, 'Pod', 'd-1-a')!;
  assert.equal(p.metadata.ownerReferences, undefined, 'orphaned, not deleted');
  assert.equal(p.metadata.deletionTimestamp, undefined);
});

test('references to unknown kinds, or namespaced owners of cluster-scoped objects, are left alone', () => {
  const { c } = setup();
  pod(c, 'custom', [
    { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'w-uid', controller: true },
  ]);
  c.settle();
  assert.equal(get(c, 'Pod', 'custom')!.metadata.deletionTimestamp, undefined);
  assert.deepEqual(gcActions(c), []);
});

test('cluster-scoped owners: a pod owned by a Node goes with the Node', () => {
  const { c } = setup();
  const node = c.store.get('Node', undefined, 'node-1')!;
  pod(c, 'mirror', [ref(node, false, true)], '');
  c.settle();
  c.store.delete('Node', undefined, 'node-1');
  c.settle();
  assert.equal(get(c, 'Pod', 'mirror'), undefined);
});

test('Events are not tracked', () => {
  const { c, gc } = setup();
  const rs = replicaSet(c, 'web');
  c.recorder.event(rs as KObject, 'Normal', 'Test', 'hello', 'test');
  assert.equal(gc.graph.size, 0);
});

test('with the ReplicaSet controller: a background delete leaves no pods and no recreation', () => {
  const { c } = setup(true);
  const rs = c.store.create<ReplicaSet>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  });
  c.settle();
  assert.equal(c.store.count('Pod'), 3);
  c.store.delete('ReplicaSet', 'default', 'web');
  c.settle();
  assert.equal(c.store.count('Pod'), 0); // unscheduled (no scheduler here): grace 0
  assert.ok(c.store.actions.every((a) => !(a.kind === 'Pod' && a.verb === 'create' && a.time > 0)));
  assert.equal(c.recorder.eventsFor(rs.metadata.uid, 'default').length, 3);
});

test('with the ReplicaSet controller: an orphaning delete leaves the pods for a new ReplicaSet to adopt', () => {
  const { c } = setup(true);
  const spec = {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  };
  c.store.create<ReplicaSet>({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' }, spec });
  c.settle();
  const before = c.store.list<Pod>('Pod').map((p) => p.metadata.name);
  c.store.delete('ReplicaSet', 'default', 'web', { propagationPolicy: 'Orphan' });
  c.settle();
  assert.equal(get(c, 'ReplicaSet', 'web'), undefined);
  assert.ok(c.store.list<Pod>('Pod').every((p) => !p.metadata.ownerReferences));
  const again = c.store.create<ReplicaSet>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web' },
    spec,
  });
  c.settle();
  const after = c.store.list<Pod>('Pod');
  assert.deepEqual(
    after.map((p) => p.metadata.name),
    before,
  );
  assert.ok(after.every((p) => p.metadata.ownerReferences?.[0].uid === again.metadata.uid));
});

test('the index follows adoption and release (MODIFIED events), without scanning the store', () => {
  const { c, gc } = setup();
  const a = replicaSet(c, 'a');
  const b = replicaSet(c, 'b');
  const p = pod(c, 'p', []);
  assert.deepEqual(gc.graph.dependentsOf(a.metadata.uid), []);
  const adopted = c.store.update<Pod>({ ...p, metadata: { ...p.metadata, ownerReferences: [ref(a)] } });
  assert.deepEqual(
    gc.graph.dependentsOf(a.metadata.uid).map((d) => [d.id.name, d.blocking]),
    [['p', true]],
  );
  c.store.update<Pod>({ ...adopted, metadata: { ...adopted.metadata, ownerReferences: [ref(b, false)] } });
  assert.deepEqual(gc.graph.dependentsOf(a.metadata.uid), []);
  assert.deepEqual(
    gc.graph.dependentsOf(b.metadata.uid).map((d) => [d.id.name, d.blocking]),
    [['p', false]],
  );
  c.settle();
  assert.deepEqual(gcActions(c), []);
});
