import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, ReplicaSet, Stored } from '../../api/types';
import { newControllerRef } from '../../api/pod';
import { deepClone } from '../../util/clone';
import { harness, newDeployment, syncOnce } from './testing';
import type { Harness } from './testing';
import { getDeploymentCondition } from './util/deployment_util';
import { oldPodsRunning } from './recreate';

function podOf(rs: Stored<ReplicaSet>, name: string, phase: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      labels: { ...rs.spec!.template!.metadata!.labels },
      ownerReferences: [newControllerRef(rs)],
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx' }] },
    status: { phase },
  };
}

/** A Recreate Deployment of 3 whose first ReplicaSet is up, then a template change. */
function started(): { h: Harness; old: string } {
  const h = harness();
  h.createAt(newDeployment('web', 3, { strategy: 'Recreate' }), 0);
  syncOnce(h.dc);
  syncOnce(h.dc);
  const old = h.rsList()[0].metadata.name;
  assert.equal(h.rs(old).spec!.replicas, 3, 'created at full size');
  h.setStatus(old, { replicas: 3, available: 3 });
  syncOnce(h.dc);
  assert.equal(getDeploymentCondition(h.deployment().status, 'Available')!.status, 'True');
  const next = deepClone(h.deployment());
  next.spec!.template!.spec!.containers[0].image = 'nginx:2.0';
  h.c.runtime.now = 10_000;
  h.c.store.update(next);
  return { h, old };
}

test('Recreate: old ReplicaSets go to 0 in one sync, no new ReplicaSet while old pods run', () => {
  const { h, old } = started();
  const rs = h.rs(old);
  for (const n of ['p1', 'p2', 'p3']) h.c.store.create(podOf(rs, n, 'Running'));
  syncOnce(h.dc);
  assert.equal(h.rs(old).spec!.replicas, 0);
  assert.equal(h.rsList().length, 1, 'no new RS yet');
  assert.deepEqual(h.events().slice(-1), [`ScalingReplicaSet: Scaled down replica set ${old} to 0 from 3`]);
  // the old RS still reports replicas → wait
  syncOnce(h.dc);
  assert.equal(h.rsList().length, 1);
  // it reports 0 but pods are still terminating (phase Running) → wait
  for (const n of ['p1', 'p2', 'p3']) h.c.store.delete('Pod', 'default', n);
  h.setStatus(old, { replicas: 0 });
  syncOnce(h.dc);
  assert.equal(h.rsList().length, 1);
  // Available is False during the Recreate rollout (maxUnavailable 0)
  assert.equal(getDeploymentCondition(h.deployment().status, 'Available')!.status, 'False');
  // the last pod gone: the pod-delete handler enqueues the Deployment, which creates the new RS at full size
  h.c.advance(0); // drain what the status writes enqueued
  assert.equal(h.rsList().length, 1);
  h.c.store.delete('Pod', 'default', 'p1', { gracePeriodSeconds: 0 });
  h.c.store.delete('Pod', 'default', 'p2', { gracePeriodSeconds: 0 });
  assert.ok(!h.dc.queue.has('default/web'), 'not while a pod is left');
  h.c.store.delete('Pod', 'default', 'p3', { gracePeriodSeconds: 0 });
  assert.ok(h.dc.queue.has('default/web'), 'enqueued when the last pod disappeared');
  h.c.advance(0);
  const created = h.rsList().find((r) => r.metadata.name !== old)!;
  assert.equal(created.spec!.replicas, 3);
  assert.deepEqual(h.events().slice(-1), [
    `ScalingReplicaSet: Scaled up replica set ${created.metadata.name} to 3`,
  ]);
  assert.equal(
    created.metadata.annotations!['deployment.kubernetes.io/max-replicas'],
    '3',
    'no surge for Recreate',
  );
});

test('oldPodsRunning: replicas reported, or a non-terminal pod of another RS (Unknown too); Failed/Succeeded do not count', () => {
  const { h, old } = started();
  const rs = h.rs(old);
  const pods = (phase: string) =>
    new Map([[rs.metadata.uid, [h.c.store.create(podOf(rs, `p-${phase.toLowerCase()}`, phase))]]]);
  const oldRS = { ...rs, status: { replicas: 0 } } as Stored<ReplicaSet>;
  assert.equal(
    oldPodsRunning(undefined, [{ ...rs, status: { replicas: 1 } } as Stored<ReplicaSet>], new Map()),
    true,
  );
  assert.equal(oldPodsRunning(undefined, [oldRS], pods('Failed')), false);
  assert.equal(oldPodsRunning(undefined, [oldRS], pods('Succeeded')), false);
  assert.equal(oldPodsRunning(undefined, [oldRS], pods('Unknown')), true);
  assert.equal(oldPodsRunning(undefined, [oldRS], pods('Pending')), true);
  assert.equal(oldPodsRunning(rs, [], pods('Running')), false, "the new RS's own pods are ignored");
});
