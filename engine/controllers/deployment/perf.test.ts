/**
 * Cost of the deployment controller. Upstream lists ReplicaSets (not pods) per sync, and pods only for
 * Recreate; so does this controller, and its pod watch handler is O(1) per event. The numbers here
 * bound the controller's own time; the rest of a rollout's wall time is the ReplicaSet controller,
 * scheduler and kubelet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { createCluster } from '../../cluster';
import type { Cluster } from '../../cluster';
import type { ReplicaSet, Stored } from '../../api/types';
import { deepClone } from '../../util/clone';
import { deploymentController } from './index';
import { DeploymentController } from './controller';
import { newDeployment } from './testing';
import { getDeploymentCondition } from './util/deployment_util';

/** Wraps the controller's queue handler to count syncs and their wall time. */
function meter(c: Cluster): { syncs: number; ms: number } {
  const dc = c.controllers.find((x) => x.name === 'deployment-controller') as DeploymentController;
  const m = { syncs: 0, ms: 0 };
  const q = dc.queue as unknown as { handler: (key: string) => unknown };
  const inner = q.handler;
  q.handler = (key: string) => {
    const t = performance.now();
    m.syncs++;
    try {
      return inner(key);
    } finally {
      m.ms += performance.now() - t;
    }
  };
  return m;
}

/**
 * A stand-in for the ReplicaSet controller and kubelet: one second after a ReplicaSet's spec changes,
 * its status reports that many replicas, all available.
 */
function instantReplicaSets(c: Cluster): void {
  c.store.watch('ReplicaSet', (e) => {
    if (e.type === 'DELETED') return;
    const rs = e.object as Stored<ReplicaSet>;
    if (e.old && (e.old as Stored<ReplicaSet>).spec?.replicas === rs.spec?.replicas) return;
    c.runtime.after(1000, `rs ${rs.metadata.name}`, () => {
      const cur = c.store.get<ReplicaSet>('ReplicaSet', 'default', rs.metadata.name);
      if (!cur) return;
      const n = cur.spec!.replicas!;
      c.store.updateStatus(
        {
          ...cur,
          status: {
            replicas: n,
            readyReplicas: n,
            availableReplicas: n,
            observedGeneration: cur.metadata.generation,
          },
        },
        { actor: 'replicaset-controller' },
      );
    });
  });
}

test('10,000 replicas, 25%/25%: the deployment controller rolls out in well under a second', (t) => {
  const c = createCluster({ controllers: [deploymentController], nodes: 0 });
  instantReplicaSets(c);
  c.store.create(newDeployment('web', 10_000));
  c.settle();
  const d = deepClone(c.store.get('Deployment', 'default', 'web')!) as ReturnType<typeof newDeployment>;
  d.spec!.template!.spec!.containers[0].image = 'nginx:2.0';
  const m = meter(c);
  const t0 = performance.now();
  c.store.update(d);
  c.settle();
  const wall = performance.now() - t0;
  t.diagnostic(`${m.syncs} syncs, ${m.ms.toFixed(1)} ms in syncs, ${wall.toFixed(1)} ms wall`);
  const s = c.store.get('Deployment', 'default', 'web')!.status as {
    updatedReplicas?: number;
    availableReplicas?: number;
  };
  assert.deepEqual([s.updatedReplicas, s.availableReplicas], [10_000, 10_000]);
  assert.ok(wall < 1000, `took ${wall} ms`);
});

test('200 replicas through the ReplicaSet controller, scheduler and kubelet: few, cheap deployment syncs', (t) => {
  const c = createCluster({ seed: 3, events: false });
  c.store.create(newDeployment('web', 200));
  c.settle();
  const d = deepClone(c.store.get('Deployment', 'default', 'web')!) as ReturnType<typeof newDeployment>;
  d.spec!.template!.spec!.containers[0].image = 'nginx:2.0';
  const m = meter(c);
  const t0 = performance.now();
  c.store.update(d);
  c.settle();
  const wall = performance.now() - t0;
  t.diagnostic(
    `${m.syncs} deployment syncs, ${m.ms.toFixed(1)} ms in them, ${wall.toFixed(1)} ms wall for the whole rollout`,
  );
  const dep = c.store.get('Deployment', 'default', 'web')!;
  assert.equal(
    getDeploymentCondition((dep as { status?: object }).status, 'Progressing')!.reason,
    'NewReplicaSetAvailable',
  );
  assert.ok(m.syncs < 100, `${m.syncs} syncs`);
  assert.ok(m.ms < 250, `${m.ms} ms in deployment syncs`);
});
