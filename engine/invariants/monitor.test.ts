/**
 * The invariant monitor on real clusters: quiet on correct rollouts, loud on the planted bugs, and
 * the same verdict live (attached to the store) as over a window of the trace (the Then steps).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../cluster';
import type { Cluster } from '../cluster';
import type { Deployment, KObject, Pod, StatefulSet, Stored } from '../api/types';
import { deepClone } from '../util/clone';
import { InvariantMonitor } from './monitor';
import { checkWindow } from './window';
import { danglingOwnerReferences, deploymentConvergence, statefulSetConvergence } from './convergence';

function deployment(replicas: number, strategy: unknown, extra = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      strategy: strategy as never,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'app', image: 'app:v1' }] },
      },
      ...extra,
    },
  };
}

function statefulSet(replicas: number, spec: Record<string, unknown> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      serviceName: 'db',
      replicas,
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'app', image: 'app:v1' }] },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
      ...spec,
    },
  };
}

function start(obj: KObject, plantedBugs: string[] = []): { c: Cluster; m: InvariantMonitor } {
  const c = createCluster({ seed: 1, plantedBugs, events: false });
  const m = new InvariantMonitor().attach(c.store);
  c.store.create(obj, { actor: 'kubectl' });
  c.settle();
  return { c, m };
}

/** A template change, as `kubectl set image` makes it. */
function setImage(c: Cluster, kind: string, name: string, image: string): void {
  const obj = deepClone(c.store.get(kind, 'default', name)!) as Stored<Deployment>;
  obj.spec!.template!.spec!.containers[0].image = image;
  c.store.update(obj, { actor: 'kubectl' });
}

function scale(c: Cluster, kind: string, name: string, replicas: number): void {
  const obj = deepClone(c.store.get(kind, 'default', name)!) as Stored<Deployment>;
  obj.spec!.replicas = replicas;
  c.store.update(obj, { actor: 'kubectl' });
}

const rolling = (s: number | string, u: number | string) => ({
  type: 'RollingUpdate',
  rollingUpdate: { maxSurge: s, maxUnavailable: u },
});

test('a correct rolling update, scale and settle: no violation, and the Deployment converges', () => {
  const { c, m } = start(deployment(10, rolling('25%', '25%')));
  setImage(c, 'Deployment', 'web', 'app:v2');
  c.advance(3000);
  scale(c, 'Deployment', 'web', 4);
  c.settle();
  assert.deepEqual(m.violations, []);
  assert.ok(m.changes > 50);
  assert.deepEqual(deploymentConvergence(c.store, 'default', 'web', c.now), []);
  assert.deepEqual(danglingOwnerReferences(c.store, 'default'), []);
});

test('rollout bounds: scale-down-before-available breaks the floor, live and over the window alike', () => {
  const { c, m } = start(deployment(4, rolling(1, 0)), ['scale-down-before-available']);
  const from = { seq: c.store.resourceVersion, time: c.now };
  setImage(c, 'Deployment', 'web', 'app:v2');
  c.settle();
  const [v] = m.violations;
  assert.equal(v?.invariant, 'deployment.rollout-bounds');
  assert.match(v.message, /require at least 4 \(replicas 4 − maxUnavailable 0\)/);
  const window = { fromSeq: from.seq, fromTime: from.time, toSeq: c.store.resourceVersion, toTime: c.now };
  assert.deepEqual(checkWindow(c.trace, window), m.violations);
  // A window that ends before the rollout sees nothing.
  assert.deepEqual(checkWindow(c.trace, { ...window, toSeq: from.seq }), []);
});

test('an outside disruption suspends the floor: a deleted pod with maxUnavailable 0 is no violation', () => {
  const { c, m } = start(deployment(2, rolling(1, 0)));
  const pod = c.store.list<Pod>('Pod')[0];
  c.store.delete('Pod', 'default', pod.metadata.name, { actor: 'kubectl' });
  c.settle();
  assert.deepEqual(m.violations, []);
});

test('proportional scaling: the leftover given to the wrong ReplicaSet is caught', () => {
  for (const bugs of [[], ['proportional-leftover-wrong-rs']]) {
    const { c, m } = start(deployment(4, rolling(0, 2)), bugs);
    c.faults.setImage('app:bad', 'unpullable');
    setImage(c, 'Deployment', 'web', 'app:bad');
    c.settle();
    scale(c, 'Deployment', 'web', 3);
    c.settle();
    assert.deepEqual(
      m.violations.map((v) => v.invariant),
      bugs.length ? ['deployment.proportional-scaling'] : [],
    );
  }
});

test('StatefulSet ordering: OrderedReady creation without waiting is caught at once', () => {
  const { m } = start(statefulSet(3), ['ordered-ready-not-waiting']);
  assert.equal(m.violations[0]?.invariant, 'statefulset.ordering');
  assert.match(m.violations[0].message, /created pod "db-1" while "db-0" was Pending/);
});

test('StatefulSet scale-down: ascending deletion is caught; descending is not', () => {
  for (const bugs of [[], ['ascending-deletion']]) {
    const { c, m } = start(statefulSet(3), bugs);
    scale(c, 'StatefulSet', 'db', 0);
    c.settle();
    assert.deepEqual(
      m.violations.map((v) => v.invariant),
      bugs.length ? ['statefulset.ordering'] : [],
    );
  }
});

test('StatefulSet updates: an ignored partition and a claim deleted with its pod are caught', () => {
  const partitioned = statefulSet(3, {
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
  });
  for (const [bug, invariant] of [
    ['partition-ignored', 'statefulset.update-strategy'],
    ['claim-deleted-with-pod', 'statefulset.storage'],
  ]) {
    const { c, m } = start(partitioned, [bug]);
    setImage(c, 'StatefulSet', 'db', 'app:v2');
    c.settle();
    assert.ok(
      m.violations.some((v) => v.invariant === invariant),
      `${bug}: ${m.violations.map((v) => v.message).join('; ')}`,
    );
  }
  const { c, m } = start(partitioned);
  setImage(c, 'StatefulSet', 'db', 'app:v2');
  c.settle();
  assert.deepEqual(m.violations, []);
  assert.deepEqual(statefulSetConvergence(c.store, 'default', 'db', c.now), []);
});

test('StatefulSet revisions: a rollback that creates a new revision is caught', () => {
  for (const bugs of [[], ['rollback-new-revision']]) {
    const { c, m } = start(statefulSet(2), bugs);
    setImage(c, 'StatefulSet', 'db', 'app:v2');
    c.settle();
    setImage(c, 'StatefulSet', 'db', 'app:v1');
    c.settle();
    assert.deepEqual(
      m.violations.map((v) => v.invariant),
      bugs.length ? ['statefulset.revisions'] : [],
    );
  }
});

test('gc-orphans-pods: claims of a scaled-down set are left pointing at their deleted pods', () => {
  const set = statefulSet(3, {
    persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' },
  });
  for (const bugs of [[], ['gc-orphans-pods']]) {
    const { c } = start(set, bugs);
    scale(c, 'StatefulSet', 'db', 1);
    c.settle();
    const dangling = danglingOwnerReferences(c.store, 'default');
    if (bugs.length) {
      assert.equal(dangling.length, 2, dangling.join('; '));
      for (const d of dangling)
        assert.match(d, /^claim "data-db-[12]" refers to pod "db-[12]", which no longer exists$/);
    } else assert.deepEqual(dangling, []);
  }
});
