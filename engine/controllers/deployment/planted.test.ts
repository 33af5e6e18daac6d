import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Pod } from '../../api/types';
import { newControllerRef } from '../../api/pod';
import { deepClone } from '../../util/clone';
import { DEPLOYMENT_PLANTED_BUGS } from './planted';
import { harness, newDeployment, newReplicaSet, syncOnce } from './testing';
import type { Harness } from './testing';
import { scale } from './sync';

/** A complete 10-replica Deployment (25%/25%) whose template then changes; sizes after the next sync. */
function firstRolloutSync(bugs: string[]): [old: number, new_: number] {
  const h = harness(bugs);
  h.createAt(newDeployment('web', 10), 0);
  for (let i = 0; i < 4; i++) {
    for (const rs of h.rsList())
      h.setStatus(rs.metadata.name, { replicas: rs.spec!.replicas!, available: rs.spec!.replicas! });
    syncOnce(h.dc);
  }
  const old = h.rsList()[0].metadata.name;
  const next = deepClone(h.deployment());
  next.spec!.template!.spec!.containers[0].image = 'nginx:2.0';
  h.c.store.update(next);
  syncOnce(h.dc);
  const created = h.rsList().find((r) => r.metadata.name !== old)!;
  return [h.rs(old).spec!.replicas!, created.spec!.replicas!];
}

test('every planted bug is off by default and has a description; every id is switched in the code', () => {
  const src = ['sync.ts', 'rolling.ts', 'controller.ts', 'util/deployment_util.ts']
    .map((f) => fs.readFileSync(path.join(__dirname, f), 'utf8'))
    .join('\n');
  for (const [id, description] of Object.entries(DEPLOYMENT_PLANTED_BUGS)) {
    assert.ok(description.length > 10, id);
    assert.ok(src.includes(`'${id}'`), `${id} is read somewhere`);
  }
  assert.deepEqual(firstRolloutSync([]), [8, 3]);
});

test('surge-rounded-down: 25% of 10 surges 2, not 3', () => {
  assert.deepEqual(firstRolloutSync(['surge-rounded-down']), [8, 2]);
});

test('unavailable-rounded-up: 25% of 10 lets 3 go, not 2', () => {
  assert.deepEqual(firstRolloutSync(['unavailable-rounded-up']), [7, 3]);
});

test('scale-down-before-available: old pods go before the new ones are available', () => {
  assert.deepEqual(firstRolloutSync(['scale-down-before-available']), [5, 3]);
});

test('proportional-leftover-wrong-rs: 3 → 4 with 1/1/1 grows the oldest instead of the newest', () => {
  const run = (bugs: string[]) => {
    const h = harness(bugs);
    const d = h.createAt(newDeployment('web', 4, { maxSurge: 0, maxUnavailable: 1 }), 0);
    const ann = {
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '3',
    };
    const v1 = h.createAt(newReplicaSet('web-v1', 1, { owner: d, annotations: ann, image: 'a' }), 0);
    const v2 = h.createAt(newReplicaSet('web-v2', 1, { owner: d, annotations: ann, image: 'b' }), 3_600_000);
    const v3 = h.createAt(newReplicaSet('web-v3', 1, { owner: d, annotations: ann }), 7_200_000);
    scale(h.dc, deepClone(d), v3, [v2, v1]);
    return ['web-v3', 'web-v2', 'web-v1'].map((n) => h.rs(n).spec!.replicas);
  };
  assert.deepEqual(run([]), [2, 1, 1]);
  assert.deepEqual(run(['proportional-leftover-wrong-rs']), [1, 1, 2]);
});

function withTerminatingPod(bugs: string[]): Harness {
  const h = harness(bugs);
  h.createAt(newDeployment('web', 2), 0);
  syncOnce(h.dc);
  syncOnce(h.dc);
  const rs = h.rsList()[0];
  for (const name of ['p1', 'p2', 'p3']) {
    h.c.store.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        labels: { ...rs.spec!.template!.metadata!.labels },
        ownerReferences: [newControllerRef(rs)],
      },
      spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' }],
      },
    });
  }
  h.c.store.delete('Pod', 'default', 'p3');
  h.setStatus(rs.metadata.name, { replicas: 2, available: 2 });
  syncOnce(h.dc);
  return h;
}

test('terminating-counted-available: a terminating Ready pod counts as an available replica', () => {
  assert.equal(withTerminatingPod([]).deployment().status!.availableReplicas, 2);
  assert.equal(
    withTerminatingPod(['terminating-counted-available']).deployment().status!.availableReplicas,
    3,
  );
});

test('min-ready-ignored: the new ReplicaSet does not get minReadySeconds', () => {
  const run = (bugs: string[]) => {
    const h = harness(bugs);
    h.createAt(newDeployment('web', 1, { minReadySeconds: 30 }), 0);
    syncOnce(h.dc);
    return h.rsList()[0].spec!.minReadySeconds;
  };
  assert.equal(run([]), 30);
  assert.equal(run(['min-ready-ignored']), undefined);
});
