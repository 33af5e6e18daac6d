import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../cluster';
import type { ReplicaSet, Pod } from '../api/types';

const rs = (): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});

test('create assigns uid, resourceVersion, generation 1 and namespace default', () => {
  const c = createCluster({ controllers: [], nodes: 0 });
  const o = c.store.create(rs());
  assert.equal(o.metadata.namespace, 'default');
  assert.equal(o.metadata.generation, 1);
  assert.match(o.metadata.uid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(o.metadata.resourceVersion, String(c.store.resourceVersion));
  assert.throws(() => c.store.create(rs()), /replicasets.apps "web" already exists/);
});

test('spec changes bump generation; status writes and no-op writes do not', () => {
  const c = createCluster({ controllers: [], nodes: 0 });
  const o = c.store.create(rs());
  const same = c.store.update(o);
  assert.equal(same.metadata.resourceVersion, o.metadata.resourceVersion);
  const s = c.store.updateStatus({ ...o, status: { replicas: 2 } });
  assert.equal(s.metadata.generation, 1);
  assert.notEqual(s.metadata.resourceVersion, o.metadata.resourceVersion);
  const u = c.store.update({ ...s, spec: { ...s.spec!, replicas: 3 }, status: { replicas: 99 } });
  assert.equal(u.metadata.generation, 2);
  assert.equal((u.status as { replicas: number }).replicas, 2, 'status is ignored on the main resource');
});

test('a stale resourceVersion is a Conflict', () => {
  const c = createCluster({ controllers: [], nodes: 0 });
  const o = c.store.create(rs());
  c.store.update({ ...o, spec: { ...o.spec!, replicas: 5 } });
  assert.throws(
    () => c.store.update({ ...o, spec: { ...o.spec!, replicas: 6 } }),
    /Operation cannot be fulfilled on replicasets.apps "web": the object has been modified/,
  );
});

test('generateName appends 5 characters of the API server alphabet', () => {
  const c = createCluster({ controllers: [], nodes: 0 });
  const p = c.store.create<Pod>({
    kind: 'Pod',
    metadata: { generateName: 'web-abc-' },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  assert.match(p.metadata.name, /^web-abc-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});

test('pods are deleted gracefully when scheduled, at once when not', () => {
  const c = createCluster({ controllers: [], nodes: 0 });
  c.store.create<Pod>({
    kind: 'Pod',
    metadata: { name: 'a' },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  c.store.create<Pod>({
    kind: 'Pod',
    metadata: { name: 'b' },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: 'node-1' },
  });
  c.store.delete('Pod', 'default', 'a');
  assert.equal(c.store.get('Pod', 'default', 'a'), undefined);
  const b = c.store.delete('Pod', 'default', 'b');
  assert.equal(b.metadata.deletionGracePeriodSeconds, 30);
  assert.ok(c.store.get('Pod', 'default', 'b')?.metadata.deletionTimestamp);
  c.store.delete('Pod', 'default', 'b', { gracePeriodSeconds: 0 });
  assert.equal(c.store.get('Pod', 'default', 'b'), undefined);
});

test('finalizers hold an object until removed', () => {
  const c = createCluster({ controllers: [], nodes: 0 });
  const o = c.store.create({ ...rs(), metadata: { name: 'f', finalizers: ['example.com/hold'] } });
  c.store.delete('ReplicaSet', 'default', 'f');
  const held = c.store.get('ReplicaSet', 'default', 'f')!;
  assert.ok(held.metadata.deletionTimestamp);
  c.store.update({ ...held, metadata: { ...held.metadata, finalizers: [] } });
  assert.equal(c.store.get('ReplicaSet', 'default', 'f'), undefined);
  assert.ok(o);
});

test('the same seed gives the same uids; another seed other ones', () => {
  const uid = (seed: number) =>
    createCluster({ seed, controllers: [], nodes: 0 }).store.create(rs()).metadata.uid;
  assert.equal(uid(7), uid(7));
  assert.notEqual(uid(7), uid(8));
});

test('a Deployment status write keeps the annotations it carries, without a generation bump', () => {
  const c = createCluster({ controllers: [], nodes: 0 });
  const d = c.store.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  });
  const s = c.store.updateStatus({
    ...d,
    metadata: { ...d.metadata, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    status: { observedGeneration: 1 },
  });
  assert.equal(s.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
  assert.equal(s.metadata.generation, 1);
});

test('owned writes keep the input without a deep copy, and give the same stored object otherwise', () => {
  const c = createCluster({ controllers: [], nodes: 0 });
  const input = rs();
  const spec = input.spec!;
  const owned = c.store.create(input, { owned: true });
  assert.equal(owned.spec, spec, 'owned create keeps the spec object');
  assert.notEqual(owned.metadata, input.metadata, 'metadata is still copied');
  assert.equal(input.metadata?.uid, undefined, "the caller's metadata is untouched");
  const plain = c.store.create({ ...rs(), metadata: { name: 'other' } });
  assert.notEqual(plain.spec, spec);
  assert.deepEqual({ ...plain.spec }, { ...owned.spec });
  const status = { replicas: 3 };
  const written = c.store.updateStatus({ ...owned, status }, { owned: true });
  assert.equal(written.status, status);
  const copied = c.store.updateStatus({ ...written, status: { replicas: 4 } });
  assert.deepEqual(copied.status, { replicas: 4 });
});
