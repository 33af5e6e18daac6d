/**
 * Determinism: one seed and one scenario give one history, byte for byte; another seed gives the
 * same behaviour (the same changes by the same components, the same phases, StatefulSet pods in
 * ordinal order) under other generated names and uids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, createCluster } from '../engine';
import type { Cluster, Event, Pod, Stored } from '../engine';
import { loadManifests } from '../engine/manifest';
import { applyObjects } from '../kubectl';
import { isPodReady } from '../engine/api/pod';

const manifest = (replicas: number) => `
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
    - name: pg
      port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: postgres
          image: postgres:16
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
`;

function apply(c: Cluster, yaml: string): void {
  const objects = loadManifests(yaml, { source: 'determinism' }).docs.map((d) => d.object);
  for (const r of applyObjects(c, objects)) assert.equal(r.error, undefined, r.error);
}

/** Create, scale up, delete a pod, let a crash-looping image run for a while. */
function runScenario(seed: number | string): Cluster {
  const c = createCluster({ seed });
  c.faults.setImage('app:crash', 'crash');
  apply(c, manifest(3));
  c.settle();
  apply(c, manifest(5));
  c.settle();
  const victim = c.store.list<Pod>('Pod').find((p) => p.metadata.labels?.app === 'web')!;
  c.store.delete('Pod', 'default', victim.metadata.name, { actor: 'user' });
  c.settle();
  apply(
    c,
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: crasher\nspec:\n  containers:\n    - name: app\n      image: app:crash\n`,
  );
  c.advance(10 * 60_000);
  return c;
}

/** Every trace record, serialised canonically, one per line; then every Event. */
function serialise(c: Cluster): string {
  const records = c.trace.records.map((r) =>
    canonicalJson({
      seq: r.seq,
      time: r.time,
      type: r.type,
      kind: r.kind,
      namespace: r.namespace,
      name: r.name,
      uid: r.uid,
      actor: r.actor,
      object: r.object,
    }),
  );
  const events = c.store.list<Event>('Event').map((e) => canonicalJson(e));
  return [...records, '--- events', ...events].join('\n');
}

/** What a run did, without names, uids or times. */
function behaviour(c: Cluster) {
  const counts = new Map<string, number>();
  for (const r of c.trace.records) {
    const k = `${r.type} ${r.kind} by ${r.actor}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const owner = (p: Stored<Pod>) => p.metadata.ownerReferences?.find((o) => o.controller)?.name ?? '-';
  const pods = c.store
    .list<Pod>('Pod')
    .map(
      (p) =>
        `${owner(p)} ${p.status?.phase} ready=${isPodReady(p)} restarts=${p.status?.containerStatuses?.[0]?.restartCount ?? 0}`,
    )
    .sort();
  const statefulSetCreations = c.trace.records
    .filter((r) => r.kind === 'Pod' && r.type === 'ADDED' && r.name.startsWith('db-'))
    .map((r) => r.name);
  const eventReasons = c.store
    .list<Event>('Event')
    .map((e) => `${e.involvedObject?.kind} ${e.reason} x${e.count}`)
    .sort();
  return { counts: [...counts.entries()].sort(), pods, statefulSetCreations, eventReasons };
}

function replicaSetPodNames(c: Cluster): string[] {
  return c.store
    .list<Pod>('Pod')
    .filter((p) => p.metadata.labels?.app === 'web')
    .map((p) => p.metadata.name);
}

test('the same seed gives a byte-identical trace', () => {
  const a = serialise(runScenario(1));
  const b = serialise(runScenario(1));
  assert.ok(a.length > 10_000, 'the scenario records a real history');
  assert.equal(a, b);
});

test('a string seed is as deterministic as a number', () => {
  assert.equal(serialise(runScenario('nightly-7')), serialise(runScenario('nightly-7')));
});

test('another seed gives the same behaviour under other names', () => {
  const one = runScenario(1);
  const two = runScenario(2);
  assert.notEqual(serialise(one), serialise(two));
  assert.notDeepEqual(replicaSetPodNames(one), replicaSetPodNames(two));
  const b1 = behaviour(one);
  const b2 = behaviour(two);
  assert.deepEqual(b2.counts, b1.counts);
  assert.deepEqual(b2.pods, b1.pods);
  assert.deepEqual(b2.eventReasons, b1.eventReasons);
  assert.deepEqual(b1.statefulSetCreations, ['db-0', 'db-1', 'db-2']);
  assert.deepEqual(b2.statefulSetCreations, b1.statefulSetCreations);
  assert.equal(one.now, two.now);
});
