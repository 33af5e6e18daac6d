import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, Cluster } from '../cluster';
import type { Deployment, PersistentVolumeClaim, Pod, ReplicaSet, StatefulSet, Stored } from '../api/types';
import { newControllerRef } from '../api/pod';
import { toTimestamp } from '../api/time';
import type { Window } from '../trace/trace';
import {
  claimKeptVolume,
  deploymentAvailableAtLeast,
  deploymentPodsAtMost,
  podRecreated,
  podsCreatedIn,
  podsDeletedIn,
  statefulSetPodsAtMost,
  statefulSetReadyAtLeast,
} from './timeline';

/** A bare cluster (no controllers): the tests write every state change themselves. */
function setup(minReadySeconds = 0) {
  const c = createCluster({ controllers: [] });
  const d = c.store.create<Deployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      minReadySeconds,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  });
  const rs = c.store.create<ReplicaSet>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-abc', ownerReferences: [newControllerRef(d)] },
    spec: {
      minReadySeconds,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  });
  return { c, d, rs };
}

function pod(c: Cluster, name: string, owner: Stored, ready: boolean): Stored<Pod> {
  const p = c.store.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'web' }, ownerReferences: [newControllerRef(owner)] },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
  });
  return ready ? setReady(c, p, true) : p;
}

function setReady(c: Cluster, p: Stored<Pod>, ready: boolean): Stored<Pod> {
  const cur = c.store.get<Pod>('Pod', 'default', p.metadata.name)!;
  return c.store.updateStatus<Pod>({
    ...cur,
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: toTimestamp(c.now) },
      ],
    },
  });
}

function open(c: Cluster): Window {
  return { fromSeq: c.store.resourceVersion, fromTime: c.now, toSeq: Infinity, toTime: Infinity };
}

function close(c: Cluster, w: Window): Window {
  return { ...w, toSeq: c.store.resourceVersion, toTime: c.now };
}

test('available pods: a deletion followed by a replacement dips, and the dip is found', () => {
  const { c, rs } = setup();
  for (const n of ['a', 'b', 'c']) pod(c, `web-${n}`, rs, true);
  c.advance(5000);
  const w = open(c);
  c.advance(1000);
  c.store.delete('Pod', 'default', 'web-a');
  const repl = pod(c, 'web-d', rs, false);
  c.advance(2000);
  setReady(c, repl, true);
  const r = deploymentAvailableAtLeast(c.trace, 'default', 'web', 3, close(c, w));
  assert.equal(r.ok, false);
  assert.equal(r.worst, 2);
  assert.equal(r.at.time, 6000);
  assert.equal(r.at.change, 'pod/web-a deleted by user');
  assert.equal(deploymentAvailableAtLeast(c.trace, 'default', 'web', 2, close(c, w)).ok, true);
});

test('available pods: minReadySeconds counts from the Ready transition', () => {
  const { c, rs } = setup(10);
  c.advance(2000);
  pod(c, 'web-a', rs, true); // ready at 2 s, available at 12 s
  c.advance(3000);
  const w = open(c); // at 5 s: nothing available yet
  c.advance(10_000);
  pod(c, 'web-b', rs, false); // a write at 15 s
  const r = deploymentAvailableAtLeast(c.trace, 'default', 'web', 1, close(c, w));
  assert.deepEqual([r.ok, r.worst, r.at.change], [false, 0, "the window's start"]);
});

test('available pods: a pod that became available between writes counts from then on', () => {
  const { c, rs } = setup(10);
  pod(c, 'web-b', rs, true); // ready at 0, available from 10 s
  c.advance(20_000);
  pod(c, 'web-a', rs, true); // ready at 20 s, available from 30 s, with no write then
  c.advance(5000);
  const w = open(c); // at 25 s: only b is available
  c.advance(6000);
  c.store.delete('Pod', 'default', 'web-b'); // at 31 s: a is available by now
  const r = deploymentAvailableAtLeast(c.trace, 'default', 'web', 1, close(c, w));
  assert.deepEqual([r.ok, r.worst], [true, 1]);
});

test("available pods: each pod counts with its own ReplicaSet's minReadySeconds", () => {
  const { c, d, rs } = setup(0);
  pod(c, 'web-a', rs, true);
  pod(c, 'web-b', rs, true);
  const w = open(c);
  // The update raises minReadySeconds; the controller would copy it onto a new ReplicaSet only.
  const live = c.store.get<Deployment>('Deployment', 'default', 'web')!;
  c.store.update<Deployment>({ ...live, spec: { ...live.spec!, minReadySeconds: 30 } });
  const next = c.store.create<ReplicaSet>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-def', ownerReferences: [newControllerRef(d)] },
    spec: {
      minReadySeconds: 30,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  });
  pod(c, 'web-c', next, true); // ready, not yet available
  const r = deploymentAvailableAtLeast(c.trace, 'default', 'web', 2, close(c, w));
  assert.deepEqual([r.ok, r.worst], [true, 2]);
  assert.equal(deploymentAvailableAtLeast(c.trace, 'default', 'web', 3, close(c, w)).ok, false);
});

test('pods at most: a surge pod is counted, terminating and failed pods are not', () => {
  const { c, rs } = setup();
  for (const n of ['a', 'b', 'c']) pod(c, `web-${n}`, rs, true);
  const w = open(c);
  c.store.delete('Pod', 'default', 'web-a');
  pod(c, 'web-d', rs, false);
  const failed = c.store.get<Pod>('Pod', 'default', 'web-b')!;
  c.store.updateStatus<Pod>({ ...failed, status: { ...failed.status, phase: 'Failed', reason: 'Evicted' } });
  pod(c, 'web-e', rs, false);
  const r = deploymentPodsAtMost(c.trace, 'default', 'web', 3, close(c, w));
  assert.deepEqual([r.ok, r.worst], [true, 3]);
  pod(c, 'web-f', rs, false);
  const r2 = deploymentPodsAtMost(c.trace, 'default', 'web', 3, close(c, w));
  assert.deepEqual([r2.ok, r2.worst, r2.at.change], [false, 4, 'pod/web-f created by user']);
});

test('pods of other deployments, and orphans, do not count', () => {
  const { c, rs } = setup();
  pod(c, 'web-a', rs, true);
  const w = open(c);
  c.store.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'orphan', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  assert.equal(deploymentPodsAtMost(c.trace, 'default', 'web', 1, close(c, w)).ok, true);
  assert.equal(deploymentPodsAtMost(c.trace, 'default', 'other', 0, close(c, w)).ok, true);
});

test('statefulset ready and total pods', () => {
  const c = createCluster({ controllers: [] });
  const s = c.store.create<StatefulSet>({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'pg' }] } },
    },
  });
  const p0 = pod(c, 'db-0', s, true);
  pod(c, 'db-1', s, true);
  const w = open(c);
  setReady(c, p0, false);
  pod(c, 'db-2', s, false);
  const ready = statefulSetReadyAtLeast(c.trace, 'default', 'db', 2, close(c, w));
  assert.deepEqual([ready.ok, ready.worst, ready.at.change], [false, 1, 'pod/db-0 updated by user']);
  const total = statefulSetPodsAtMost(c.trace, 'default', 'db', 2, close(c, w));
  assert.deepEqual([total.ok, total.worst], [false, 3]);
});

test('pods created and deleted in the window, in order', () => {
  const { c, rs } = setup();
  pod(c, 'web-a', rs, true);
  pod(c, 'web-b', rs, true);
  const w = open(c);
  pod(c, 'web-c', rs, false);
  c.store.delete('Pod', 'default', 'web-b');
  pod(c, 'web-d', rs, false);
  c.store.delete('Pod', 'default', 'web-a');
  // The kubelet finishing a termination is not a new deletion request.
  c.store.delete('Pod', 'default', 'web-b', { gracePeriodSeconds: 0 });
  const cw = close(c, w);
  assert.deepEqual(podsCreatedIn(c.trace, cw), ['web-c', 'web-d']);
  assert.deepEqual(podsDeletedIn(c.trace, cw), ['web-b', 'web-a']);
  assert.deepEqual(podsCreatedIn(c.trace, cw, 'other'), []);
});

test('recreated pods and claims that keep their volume', () => {
  const c = createCluster({ controllers: [] });
  const s = c.store.create<StatefulSet>({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'pg' }] } },
    },
  });
  pod(c, 'db-0', s, true);
  pod(c, 'db-1', s, true);
  c.store.create<PersistentVolumeClaim>({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data-db-0' },
    spec: { volumeName: 'pv-1', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  const w = open(c);
  c.store.delete('Pod', 'default', 'db-0', { gracePeriodSeconds: 0 });
  pod(c, 'db-0', s, false);
  const cw = close(c, w);
  assert.equal(podRecreated(c.trace, 'default', 'db-0', cw).recreated, true);
  assert.equal(podRecreated(c.trace, 'default', 'db-1', cw).recreated, false);
  assert.equal(podRecreated(c.trace, 'default', 'nope', cw).after, undefined);
  assert.deepEqual(claimKeptVolume(c.trace, 'default', 'data-db-0', cw), {
    before: 'pv-1',
    after: 'pv-1',
    ok: true,
  });
  assert.equal(claimKeptVolume(c.trace, 'default', 'data-db-1', cw).ok, false);
});
