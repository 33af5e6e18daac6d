import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, ReplicaSet } from '../../../api/types';
import { newControllerRef } from '../../../api/pod';
import { harness, newDeployment, newReplicaSet } from '../testing';
import { getPodMapForDeployment, isPodTerminal, terminatingAvailablePods } from './pod_util';

test('getPodMapForDeployment groups the selected pods by their ReplicaSet, all phases included', () => {
  const h = harness();
  const d = h.createAt(newDeployment('web', 2));
  const a = h.createAt(newReplicaSet('web-a', 1, { owner: d }));
  const b = h.createAt(newReplicaSet('web-b', 1, { owner: d }));
  const pod = (name: string, owner: typeof a, phase: string, labels = { app: 'web' }): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels, ownerReferences: [newControllerRef(owner)] },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
    status: { phase },
  });
  for (const p of [
    pod('a1', a, 'Running'),
    pod('a2', a, 'Failed'),
    pod('b1', b, 'Pending'),
    pod('x', b, 'Running', { app: 'other' }),
  ])
    h.c.store.create(p);
  const map = getPodMapForDeployment(h.c.store, d, [
    a,
    b,
  ] as never as import('../../../api/types').Stored<ReplicaSet>[]);
  assert.deepEqual([...map.keys()], [a.metadata.uid, b.metadata.uid]);
  assert.deepEqual(
    map.get(a.metadata.uid)!.map((p) => p.metadata.name),
    ['a1', 'a2'],
  );
  assert.deepEqual(
    map.get(b.metadata.uid)!.map((p) => p.metadata.name),
    ['b1'],
    'pods not matching the selector are left out',
  );
  assert.ok(isPodTerminal(map.get(a.metadata.uid)![1]));
  assert.ok(!isPodTerminal(map.get(b.metadata.uid)![0]));
});

test('terminatingAvailablePods counts Ready pods with a deletionTimestamp', () => {
  const h = harness();
  const d = h.createAt(newDeployment('web', 2));
  const a = h.createAt(newReplicaSet('web-a', 2, { owner: d }));
  for (const name of ['p1', 'p2']) {
    h.c.store.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: 'web' }, ownerReferences: [newControllerRef(a)] },
      spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' }],
      },
    });
  }
  assert.equal(terminatingAvailablePods(h.c.store, a, h.c.now), 0);
  h.c.store.delete('Pod', 'default', 'p1');
  assert.equal(terminatingAvailablePods(h.c.store, a, h.c.now), 1);
});
