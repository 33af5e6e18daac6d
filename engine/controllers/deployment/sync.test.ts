import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, ReplicaSet, Stored } from '../../api/types';
import { deepClone } from '../../util/clone';
import { harness, newDeployment, newReplicaSet, summarize, syncOnce } from './testing';
import type { Harness } from './testing';
import { cleanupDeployment, scale } from './sync';
import { computeHash } from './util/replicaset_util';
import { getDeploymentCondition, maxSurge } from './util/deployment_util';

const HOUR = 3_600_000;
const OLDER = 0;
const OLD = HOUR;
const NEW = 2 * HOUR;

interface ScaleRow {
  name: string;
  replicas: number;
  surge?: number;
  /** The Deployment the ReplicaSets were last scaled for (their annotations). */
  oldReplicas: number;
  oldSurge?: number;
  newRS?: [string, number];
  oldRSs: [string, number][];
  expectedNew?: number;
  expectedOld: number[];
  /** spec.template differs from every ReplicaSet's. */
  templateChanged?: boolean;
  newRSAvailable?: number;
  unavailable?: number;
  desiredAnnotations?: Record<string, number>;
}

/** sync_test.go TestScale, with maxUnavailable 1 where upstream has 0 (it plays no part in scale()). */
const scaleRows: ScaleRow[] = [
  {
    name: 'normal scaling event: 10 -> 12',
    replicas: 12,
    oldReplicas: 10,
    newRS: ['web-v1', 10],
    oldRSs: [],
    expectedNew: 12,
    expectedOld: [],
  },
  {
    name: 'normal scaling event: 10 -> 5',
    replicas: 5,
    oldReplicas: 10,
    newRS: ['web-v1', 10],
    oldRSs: [],
    expectedNew: 5,
    expectedOld: [],
  },
  {
    name: 'proportional scaling: 5 -> 10',
    replicas: 10,
    oldReplicas: 5,
    newRS: ['web-v2', 2],
    oldRSs: [['web-v1', 3]],
    expectedNew: 4,
    expectedOld: [6],
  },
  {
    name: 'proportional scaling: 5 -> 3',
    replicas: 3,
    oldReplicas: 5,
    newRS: ['web-v2', 2],
    oldRSs: [['web-v1', 3]],
    expectedNew: 1,
    expectedOld: [2],
  },
  {
    name: 'proportional scaling: 9 -> 4',
    replicas: 4,
    oldReplicas: 9,
    newRS: ['web-v2', 8],
    oldRSs: [['web-v1', 1]],
    expectedNew: 4,
    expectedOld: [0],
  },
  {
    name: 'proportional scaling: 7 -> 10',
    replicas: 10,
    oldReplicas: 7,
    newRS: ['web-v3', 2],
    oldRSs: [
      ['web-v2', 3],
      ['web-v1', 2],
    ],
    expectedNew: 3,
    expectedOld: [4, 3],
  },
  {
    name: 'proportional scaling: 13 -> 8',
    replicas: 8,
    oldReplicas: 13,
    newRS: ['web-v3', 2],
    oldRSs: [
      ['web-v2', 8],
      ['web-v1', 3],
    ],
    expectedNew: 1,
    expectedOld: [5, 2],
  },
  {
    name: 'leftover distribution: 3 -> 4 (the newest grows)',
    replicas: 4,
    oldReplicas: 3,
    newRS: ['web-v3', 1],
    oldRSs: [
      ['web-v2', 1],
      ['web-v1', 1],
    ],
    expectedNew: 2,
    expectedOld: [1, 1],
  },
  {
    name: 'leftover distribution: 3 -> 2 (the oldest shrinks)',
    replicas: 2,
    oldReplicas: 3,
    newRS: ['web-v3', 1],
    oldRSs: [
      ['web-v2', 1],
      ['web-v1', 1],
    ],
    expectedNew: 1,
    expectedOld: [1, 0],
  },
  {
    name: 'proportional scaling (no new rs): 4 -> 5',
    replicas: 5,
    oldReplicas: 4,
    oldRSs: [
      ['web-v2', 2],
      ['web-v1', 2],
    ],
    expectedOld: [3, 2],
  },
  {
    name: 'proportional scaling: 6 -> 0',
    replicas: 0,
    oldReplicas: 6,
    newRS: ['web-v3', 3],
    oldRSs: [
      ['web-v2', 2],
      ['web-v1', 1],
    ],
    expectedNew: 0,
    expectedOld: [0, 0],
  },
  {
    name: 'proportional scaling: 0 -> 6',
    replicas: 6,
    oldReplicas: 6,
    newRS: ['web-v3', 0],
    oldRSs: [
      ['web-v2', 0],
      ['web-v1', 0],
    ],
    expectedNew: 6,
    expectedOld: [0, 0],
  },
  {
    name: 'deployment with surge pods',
    replicas: 20,
    surge: 2,
    oldReplicas: 10,
    oldSurge: 2,
    newRS: ['web-v2', 6],
    oldRSs: [['web-v1', 6]],
    expectedNew: 11,
    expectedOld: [11],
  },
  {
    name: 'change both surge and size',
    replicas: 50,
    surge: 6,
    oldReplicas: 10,
    oldSurge: 3,
    newRS: ['web-v2', 5],
    oldRSs: [['web-v1', 8]],
    expectedNew: 22,
    expectedOld: [34],
  },
  {
    name: 'change both size and template',
    replicas: 14,
    oldReplicas: 10,
    oldRSs: [
      ['web-v2', 7],
      ['web-v1', 3],
    ],
    templateChanged: true,
    expectedOld: [10, 4],
  },
  {
    name: 'saturated but broken new replica set does not affect old pods',
    replicas: 2,
    surge: 1,
    unavailable: 1,
    oldReplicas: 2,
    oldSurge: 1,
    newRS: ['web-v2', 2],
    newRSAvailable: 0,
    oldRSs: [['web-v1', 1]],
    expectedNew: 2,
    expectedOld: [1],
  },
];

function setupScale(
  h: Harness,
  row: ScaleRow,
): { d: Stored<Deployment>; newRS?: Stored<ReplicaSet>; oldRSs: Stored<ReplicaSet>[] } {
  const d = h.createAt(
    newDeployment('web', row.replicas, { maxSurge: row.surge ?? 0, maxUnavailable: row.unavailable ?? 1 }),
    0,
  );
  const oldD = newDeployment('web', row.oldReplicas, { maxSurge: row.oldSurge ?? 0, maxUnavailable: 1 });
  const annotate = (name: string) => {
    const desired = row.desiredAnnotations?.[name] ?? row.oldReplicas;
    return {
      'deployment.kubernetes.io/desired-replicas': String(desired),
      'deployment.kubernetes.io/max-replicas': String(desired + maxSurge(oldD)),
    };
  };
  const times = [OLD, OLDER];
  const oldRSs = row.oldRSs.map(([name, size], i) =>
    h.createAt(
      newReplicaSet(name, size, { owner: d, annotations: annotate(name) }),
      row.newRS ? times[i] : [NEW, OLD][i],
    ),
  );
  let newRS: Stored<ReplicaSet> | undefined;
  if (row.newRS) {
    newRS = h.createAt(
      newReplicaSet(row.newRS[0], row.newRS[1], { owner: d, annotations: annotate(row.newRS[0]) }),
      NEW,
    );
    if (row.newRSAvailable !== undefined) {
      h.setStatus(row.newRS[0], { replicas: row.newRS[1], available: row.newRSAvailable });
      newRS = h.rs(row.newRS[0]);
    }
  }
  return { d, newRS, oldRSs };
}

for (const row of scaleRows) {
  test(`TestScale: ${row.name}`, () => {
    const h = harness();
    const { d, newRS, oldRSs } = setupScale(h, row);
    scale(h.dc, deepClone(d), newRS, [...oldRSs]);
    if (row.newRS) assert.equal(h.rs(row.newRS[0]).spec!.replicas, row.expectedNew, 'new');
    assert.deepEqual(
      row.oldRSs.map(([name]) => h.rs(name).spec!.replicas),
      row.expectedOld,
      'old',
    );
  });
}

test('TestScale: scale writes the new desired/max annotations and 1.28 events', () => {
  const h = harness();
  const row = scaleRows.find((r) => r.name === 'proportional scaling: 5 -> 10')!;
  const { d, newRS, oldRSs } = setupScale(h, row);
  scale(h.dc, deepClone(d), newRS, [...oldRSs]);
  for (const name of ['web-v1', 'web-v2']) {
    const a = h.rs(name).metadata.annotations!;
    assert.equal(a['deployment.kubernetes.io/desired-replicas'], '10');
    assert.equal(a['deployment.kubernetes.io/max-replicas'], '10');
  }
  // sorted larger first (web-v1 3 before web-v2 2)
  assert.deepEqual(h.events(), [
    'ScalingReplicaSet: Scaled up replica set web-v1 to 6 from 3',
    'ScalingReplicaSet: Scaled up replica set web-v2 to 4 from 2',
  ]);
});

test('TestScale: saturated new RS scales every active old RS to 0', () => {
  const h = harness();
  const d = h.createAt(newDeployment('web', 3, { maxSurge: 1, maxUnavailable: 0 }), 0);
  const ann = {
    'deployment.kubernetes.io/desired-replicas': '3',
    'deployment.kubernetes.io/max-replicas': '4',
  };
  const old = h.createAt(newReplicaSet('web-old', 2, { owner: d, annotations: ann }), OLD);
  h.createAt(newReplicaSet('web-new', 3, { owner: d, annotations: ann }), NEW);
  h.setStatus('web-new', { replicas: 3, available: 3 });
  scale(h.dc, deepClone(d), h.rs('web-new'), [old]);
  assert.equal(h.rs('web-old').spec!.replicas, 0);
  assert.equal(h.rs('web-new').spec!.replicas, 3);
});

interface CleanupRow {
  rss: [name: string, spec: number, status: number, revision?: string][];
  limit: number;
  deleted: string[];
}

const cleanupRows: CleanupRow[] = [
  // TestDeploymentController_cleanupDeployment
  {
    rss: [
      ['web-1', 0, 0],
      ['web-2', 0, 0],
      ['web-3', 0, 0],
    ],
    limit: 1,
    deleted: ['web-1', 'web-2'],
  },
  {
    rss: [
      ['web-1', 0, 0],
      ['web-2', 0, 1],
      ['web-3', 1, 0],
      ['web-4', 1, 1],
    ],
    limit: 0,
    deleted: ['web-1'],
  },
  {
    rss: [
      ['web-1', 0, 0],
      ['web-2', 0, 0],
    ],
    limit: 0,
    deleted: ['web-1', 'web-2'],
  },
  {
    rss: [
      ['web-1', 1, 1],
      ['web-2', 1, 1],
    ],
    limit: 0,
    deleted: [],
  },
  {
    rss: [
      ['web-1', 0, 0],
      ['web-2', 0, 0],
      ['web-3', 0, 0],
    ],
    limit: 2147483647,
    deleted: [],
  },
  // TestDeploymentController_cleanupDeploymentOrder (creation order web-1 < web-2 < web-3 < web-4)
  {
    rss: [
      ['web-1', 0, 0, '1'],
      ['web-2', 0, 0, '2'],
    ],
    limit: 1,
    deleted: ['web-1'],
  },
  {
    rss: [
      ['web-1', 0, 0, '2'],
      ['web-2', 0, 0, '1'],
    ],
    limit: 1,
    deleted: ['web-2'],
  },
  {
    rss: [
      ['web-1', 0, 0, '1'],
      ['web-2', 0, 0, ''],
    ],
    limit: 1,
    deleted: ['web-2'],
  },
  {
    rss: [
      ['web-1', 0, 0, ''],
      ['web-2', 0, 0, '2'],
    ],
    limit: 1,
    deleted: ['web-1'],
  },
  {
    rss: [
      ['web-1', 1, 1, '1'],
      ['web-2', 0, 0, '2'],
      ['web-3', 0, 0, '3'],
    ],
    limit: 1,
    deleted: ['web-2'],
  },
  {
    rss: [
      ['web-1', 1, 1, '1'],
      ['web-2', 1, 1, '2'],
      ['web-3', 0, 0, '3'],
    ],
    limit: 1,
    deleted: [],
  },
  {
    rss: [
      ['web-1', 0, 0, '3'],
      ['web-2', 0, 0, '1'],
      ['web-3', 0, 0, '4'],
      ['web-4', 0, 0, '2'],
    ],
    limit: 2,
    deleted: ['web-2', 'web-4'],
  },
];

for (const [i, row] of cleanupRows.entries()) {
  test(`cleanupDeployment #${i}: limit ${row.limit} deletes ${row.deleted.join(', ') || 'nothing'}`, () => {
    const h = harness();
    const d = h.createAt(newDeployment('web', 1, { revisionHistoryLimit: row.limit }), 0);
    const rss = row.rss.map(([name, spec, status, revision], j) => {
      const rs = h.createAt(
        newReplicaSet(name, spec, { owner: d, ...(revision ? { revision } : {}) }),
        (j + 1) * 60_000,
      );
      h.setStatus(name, { replicas: status });
      return h.rs(rs.metadata.name);
    });
    h.mark();
    cleanupDeployment(h.dc, rss, deepClone(d));
    assert.deepEqual(
      h
        .actions()
        .filter((a) => a.verb === 'delete')
        .map((a) => a.name)
        .sort(),
      row.deleted,
    );
  });
}

test('cleanupDeployment skips a ReplicaSet already being deleted, and one whose generation is not observed', () => {
  const h = harness();
  const d = h.createAt(newDeployment('web', 1, { revisionHistoryLimit: 0 }), 0);
  const deleting = newReplicaSet('web-1', 0, { owner: d });
  deleting.metadata!.finalizers = ['example.com/hold'];
  h.createAt(deleting, 1000);
  h.setStatus('web-1', { replicas: 0 });
  h.c.store.delete('ReplicaSet', 'default', 'web-1');
  h.createAt(newReplicaSet('web-2', 0, { owner: d }), 2000);
  h.setStatus('web-2', { replicas: 0, observedGeneration: 0 });
  h.mark();
  cleanupDeployment(h.dc, [h.rs('web-1'), h.rs('web-2')], deepClone(d));
  assert.deepEqual(h.actions(), []);
});

test('first sync creates <name>-<hash> with the template labels, selector, owner, annotations and event', () => {
  const h = harness();
  const d = h.createAt(
    newDeployment('web', 10, {
      annotations: {
        'kubernetes.io/change-cause': 'create',
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
      },
    }),
  );
  const err = syncOnce(h.dc);
  assert.match(
    String(err),
    /the object has been modified/,
    'the second write of the stale copy conflicts, as upstream',
  );
  const hash = computeHash(d.spec!.template);
  const rs = h.rs(`web-${hash}`);
  assert.ok(rs, 'web-<hash> exists');
  assert.deepEqual(rs.metadata.labels, { app: 'web', 'pod-template-hash': hash });
  assert.deepEqual(rs.spec!.selector, { matchLabels: { app: 'web', 'pod-template-hash': hash } });
  assert.deepEqual(rs.spec!.template!.metadata!.labels, { app: 'web', 'pod-template-hash': hash });
  assert.equal(rs.spec!.replicas, 10);
  assert.deepEqual(rs.metadata.ownerReferences, [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'web',
      uid: d.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ]);
  assert.deepEqual(rs.metadata.annotations, {
    'kubernetes.io/change-cause': 'create',
    'deployment.kubernetes.io/revision': '1',
    'deployment.kubernetes.io/desired-replicas': '10',
    'deployment.kubernetes.io/max-replicas': '13',
  });
  assert.deepEqual(h.events(), [`ScalingReplicaSet: Scaled up replica set web-${hash} to 10`]);
  const after = h.deployment();
  assert.equal(after.metadata.annotations!['deployment.kubernetes.io/revision'], '1');
  const p = getDeploymentCondition(after.status, 'Progressing')!;
  assert.deepEqual(
    [p.status, p.reason, p.message],
    ['True', 'NewReplicaSetCreated', `Created new replica set "web-${hash}"`],
  );
  // the retry writes the status
  assert.equal(syncOnce(h.dc), undefined);
  const s = h.deployment().status!;
  assert.equal(s.observedGeneration, h.deployment().metadata.generation);
  assert.equal(s.unavailableReplicas, 10);
  assert.deepEqual(
    s.conditions!.map((c) => [c.type, c.status, c.reason, c.message]),
    [
      ['Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "web-${hash}"`],
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
    ],
  );
});

test('Available condition (TestDeploymentAvailableCondition): (10,10,0,0,10) → (10,10,10,0,10) → (10,10,10,10,0)', () => {
  const h = harness();
  h.createAt(newDeployment('web', 10, { minReadySeconds: 3600, progressDeadlineSeconds: 7200 }));
  syncOnce(h.dc);
  syncOnce(h.dc);
  const rs = h.rsList()[0].metadata.name;
  assert.equal(h.rs(rs).spec!.minReadySeconds, 3600, 'minReadySeconds is copied to the new RS');
  const check = (ready: number, available: number, expected: number[], cond: string) => {
    h.setStatus(rs, { replicas: 10, ready, available });
    assert.equal(syncOnce(h.dc), undefined);
    const s = h.deployment().status!;
    assert.deepEqual(
      [
        s.replicas ?? 0,
        s.updatedReplicas ?? 0,
        s.readyReplicas ?? 0,
        s.availableReplicas ?? 0,
        s.unavailableReplicas ?? 0,
      ],
      expected,
    );
    assert.equal(getDeploymentCondition(s, 'Available')!.status, cond);
  };
  check(0, 0, [10, 10, 0, 0, 10], 'False');
  check(10, 0, [10, 10, 10, 0, 10], 'False');
  check(10, 10, [10, 10, 10, 10, 0], 'True');
  const av = getDeploymentCondition(h.deployment().status, 'Available')!;
  assert.deepEqual(
    [av.reason, av.message],
    ['MinimumReplicasAvailable', 'Deployment has minimum availability.'],
  );
  const p = getDeploymentCondition(h.deployment().status, 'Progressing')!;
  assert.deepEqual(
    [p.reason, p.message],
    ['NewReplicaSetAvailable', `ReplicaSet "${rs}" has successfully progressed.`],
  );
});

test('hash collision: collisionCount nil → 1, the sync fails, the next sync uses the new hash (revision 2 after a rollout)', () => {
  const h = harness();
  const d = h.createAt(newDeployment('web', 1), 0);
  syncOnce(h.dc);
  syncOnce(h.dc);
  const first = h.rsList()[0].metadata.name;
  h.setStatus(first, { replicas: 1, available: 1 });
  syncOnce(h.dc);
  // the next template's hash name is taken by a foreign ReplicaSet
  const next = deepClone(h.deployment());
  next.spec!.template!.spec!.containers[0].image = 'nginx:2.0';
  const takenHash = computeHash(next.spec!.template);
  h.createAt(newReplicaSet(`web-${takenHash}`, 0, { labels: { app: 'other' } }));
  h.c.store.update(next);
  const err = syncOnce(h.dc);
  assert.match(String(err), /already exists/);
  assert.equal(h.deployment().status!.collisionCount, 1);
  syncOnce(h.dc);
  const newHash = computeHash(next.spec!.template, 1);
  assert.notEqual(newHash, takenHash);
  assert.equal(h.rs(`web-${newHash}`).metadata.annotations!['deployment.kubernetes.io/revision'], '2');
  assert.equal(h.rs(`web-${newHash}`).metadata.ownerReferences![0].uid, d.metadata.uid);
  assert.equal(h.rs(`web-${takenHash}`).metadata.ownerReferences, undefined, 'the foreign RS is untouched');
});

test('an existing owned RS with the same template under the hash name is used as is (no event)', () => {
  const h = harness();
  const d = h.createAt(newDeployment('web', 2), 0);
  const hash = computeHash(d.spec!.template);
  h.createAt(newReplicaSet(`web-${hash}`, 2, { owner: d, revision: '1' }), 1000);
  h.mark();
  syncOnce(h.dc);
  assert.equal(h.rsList().length, 1);
  assert.deepEqual(h.events(), []);
});

test('a template change and a scale in one update: the first sync scales proportionally, the next creates the RS', () => {
  const h = harness();
  const d = h.createAt(newDeployment('web', 10, { maxSurge: 0, maxUnavailable: 2 }), 0);
  syncOnce(h.dc);
  syncOnce(h.dc);
  const first = h.rsList()[0].metadata.name;
  h.setStatus(first, { replicas: 10, available: 10 });
  syncOnce(h.dc);
  const next = deepClone(h.deployment());
  next.spec!.replicas = 20;
  next.spec!.template!.spec!.containers[0].image = 'nginx:2.0';
  h.c.store.update(next);
  h.mark();
  syncOnce(h.dc);
  assert.deepEqual(
    summarize(h.actions()).filter((a) => a.includes('ReplicaSet')),
    [`update ReplicaSet/${first}`],
  );
  assert.equal(h.rs(first).spec!.replicas, 20);
  syncOnce(h.dc);
  assert.equal(h.rsList().length, 2, 'the rollout starts on the next sync');
  void d;
});

test('pause: Progressing Unknown DeploymentPaused; no RS for a paused new Deployment; scaling still works; resume', () => {
  const h = harness();
  h.createAt(newDeployment('web', 1, { paused: true }), 0);
  syncOnce(h.dc);
  assert.equal(h.rsList().length, 0, 'a paused Deployment created from scratch creates no RS');
  let p = getDeploymentCondition(h.deployment().status, 'Progressing')!;
  assert.deepEqual([p.status, p.reason, p.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);

  // resume: Progressing Unknown DeploymentResumed, then the rollout
  const resumed = deepClone(h.deployment());
  resumed.spec!.paused = false;
  h.c.runtime.now = 5000;
  h.c.store.update(resumed);
  syncOnce(h.dc);
  p = getDeploymentCondition(h.deployment().status, 'Progressing')!;
  assert.deepEqual(
    [p.status, p.reason, p.message],
    ['Unknown', 'DeploymentResumed', 'Deployment is resumed'],
  );
  assert.equal(p.lastUpdateTime, '2024-01-01T00:00:05Z');
  syncOnce(h.dc);
  assert.equal(h.rsList().length, 1);

  // TestScalePausedDeployment: paused 1 → 10 scales the RS; a template change makes no RS and no revision
  const rsName = h.rsList()[0].metadata.name;
  h.setStatus(rsName, { replicas: 1, available: 1 });
  syncOnce(h.dc);
  const paused = deepClone(h.deployment());
  paused.spec!.paused = true;
  paused.spec!.replicas = 10;
  paused.spec!.template!.spec!.containers[0].image = 'nginx:2.0';
  h.c.store.update(paused);
  syncOnce(h.dc);
  syncOnce(h.dc);
  assert.equal(h.rsList().length, 1);
  assert.equal(h.rs(rsName).spec!.replicas, 10);
  assert.equal(h.deployment().metadata.annotations!['deployment.kubernetes.io/revision'], '1');
});

test('a paused Deployment cleans up old ReplicaSets beyond revisionHistoryLimit', () => {
  const h = harness();
  const d = h.createAt(newDeployment('web', 1, { paused: true, revisionHistoryLimit: 1 }), 0);
  for (const [i, name] of ['web-a', 'web-b', 'web-c'].entries()) {
    h.createAt(
      newReplicaSet(name, 0, { owner: d, image: `nginx:0.${i}`, revision: String(i + 1) }),
      (i + 1) * 1000,
    );
    h.setStatus(name, { replicas: 0 });
  }
  h.createAt(newReplicaSet('web-cur', 1, { owner: d, revision: '4' }), 9000);
  syncOnce(h.dc);
  syncOnce(h.dc);
  assert.deepEqual(
    h.rsList().map((r) => r.metadata.name),
    ['web-c', 'web-cur'],
  );
});

test('a Deployment selecting everything only gets an event and observedGeneration', () => {
  const h = harness();
  const d = newDeployment('web', 1);
  d.spec!.selector = {};
  h.createAt(d, 0, true); // validation refuses it; an old object may still carry it
  syncOnce(h.dc);
  assert.deepEqual(h.events(), [
    'SelectingAll: This deployment is selecting all pods. A non-empty selector is required.',
  ]);
  assert.equal(h.rsList().length, 0);
  assert.equal(h.deployment().status!.observedGeneration, 1);
});
