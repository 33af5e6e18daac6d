import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeploymentCondition, DeploymentStatus, ReplicaSet, Stored } from '../../api/types';
import { toTimestamp } from '../../api/time';
import { deepClone } from '../../util/clone';
import { harness, newDeployment, newReplicaSet, syncOnce } from './testing';
import { requeueStuckDeployment, syncRolloutStatus } from './progress';
import { getDeploymentCondition } from './util/deployment_util';

const T = 3_600_000; // "18:49:00" of the upstream tests
const testTime = toTimestamp(T);
const failedTimedOut: DeploymentCondition = {
  type: 'Progressing',
  status: 'False',
  reason: 'ProgressDeadlineExceeded',
};
const newRSAvailable: DeploymentCondition = {
  type: 'Progressing',
  status: 'True',
  reason: 'NewReplicaSetAvailable',
  lastUpdateTime: testTime,
  lastTransitionTime: testTime,
};
const replicaSetUpdated: DeploymentCondition = { ...newRSAvailable, reason: 'ReplicaSetUpdated' };

/** progress_test.go currentDeployment: a Recreate Deployment named progress-test with a status. */
function current(
  pds: number | undefined,
  replicas: number,
  statusReplicas: number,
  updated: number,
  available: number,
  conditions: DeploymentCondition[] | undefined,
) {
  const h = harness();
  const d = newDeployment('progress-test', replicas, { strategy: 'Recreate' });
  if (pds === undefined) delete d.spec!.progressDeadlineSeconds;
  else d.spec!.progressDeadlineSeconds = pds;
  const stored = h.createAt(d, 0, true); // raw: keep an unset progressDeadlineSeconds unset
  // upstream's fixture leaves readyReplicas 0; validation wants ready ≥ available, so ready = available
  const status: DeploymentStatus = {
    replicas: statusReplicas,
    updatedReplicas: updated,
    readyReplicas: available,
    availableReplicas: available,
  };
  if (conditions?.length) status.conditions = conditions.map((c) => ({ ...c }));
  h.c.store.updateStatus({ ...stored, status }, { actor: 'test' });
  return { h, d: deepClone(h.deployment('progress-test')) };
}

/** progress_test.go newRSWithAvailable. */
function rsWithAvailable(
  name: string,
  spec: number,
  statusReplicas: number,
  available: number,
): Stored<ReplicaSet> {
  const rs = newReplicaSet(name, spec) as Stored<ReplicaSet>;
  rs.metadata.uid = name;
  rs.status = { replicas: statusReplicas, readyReplicas: available, availableReplicas: available };
  return rs;
}

interface SyncRow {
  name: string;
  pds?: number;
  d: [
    replicas: number,
    statusReplicas: number,
    updated: number,
    available: number,
    conditions: DeploymentCondition[],
  ];
  allRSs: Stored<ReplicaSet>[];
  newRS?: Stored<ReplicaSet>;
  expect?: [status: string, reason: string];
  keepUpdate?: boolean;
  keepTransition?: boolean;
}

const syncRows: SyncRow[] = [
  {
    name: 'General: remove Progressing condition and do not estimate progress if deployment has no Progress Deadline',
    d: [3, 2, 2, 2, [replicaSetUpdated]],
    allRSs: [rsWithAvailable('bar', 0, 1, 1)],
    newRS: rsWithAvailable('foo', 3, 2, 2),
  },
  {
    name: 'General: do not estimate progress of deployment with only one active ReplicaSet',
    pds: 60,
    d: [3, 3, 3, 3, [newRSAvailable]],
    allRSs: [rsWithAvailable('bar', 3, 3, 3)],
    expect: ['True', 'NewReplicaSetAvailable'],
    keepUpdate: true,
    keepTransition: true,
  },
  {
    name: 'DeploymentProgressing: dont update lastTransitionTime if deployment already has Progressing=True',
    pds: 60,
    d: [3, 2, 2, 2, [replicaSetUpdated]],
    allRSs: [rsWithAvailable('bar', 0, 1, 1)],
    newRS: rsWithAvailable('foo', 3, 2, 2),
    expect: ['True', 'ReplicaSetUpdated'],
    keepTransition: true,
  },
  {
    name: 'DeploymentProgressing: update everything if deployment has Progressing=False',
    pds: 60,
    d: [3, 2, 2, 2, [failedTimedOut]],
    allRSs: [rsWithAvailable('bar', 0, 1, 1)],
    newRS: rsWithAvailable('foo', 3, 2, 2),
    expect: ['True', 'ReplicaSetUpdated'],
  },
  {
    name: 'DeploymentProgressing: create Progressing condition if it does not exist',
    pds: 60,
    d: [3, 2, 2, 2, []],
    allRSs: [rsWithAvailable('bar', 0, 1, 1)],
    newRS: rsWithAvailable('foo', 3, 2, 2),
    expect: ['True', 'ReplicaSetUpdated'],
  },
  {
    name: 'DeploymentComplete: dont update lastTransitionTime if deployment already has Progressing=True',
    pds: 60,
    d: [3, 3, 3, 3, [replicaSetUpdated]],
    allRSs: [],
    newRS: rsWithAvailable('foo', 3, 3, 3),
    expect: ['True', 'NewReplicaSetAvailable'],
    keepTransition: true,
  },
  {
    name: 'DeploymentComplete: update everything if deployment has Progressing=False',
    pds: 60,
    d: [3, 3, 3, 3, [failedTimedOut]],
    allRSs: [],
    newRS: rsWithAvailable('foo', 3, 3, 3),
    expect: ['True', 'NewReplicaSetAvailable'],
  },
  {
    name: 'DeploymentComplete: create Progressing condition if it does not exist',
    pds: 60,
    d: [3, 3, 3, 3, []],
    allRSs: [],
    newRS: rsWithAvailable('foo', 3, 3, 3),
    expect: ['True', 'NewReplicaSetAvailable'],
  },
  {
    name: 'DeploymentComplete: defend against NPE when newRS=nil',
    pds: 60,
    d: [0, 3, 3, 3, [replicaSetUpdated]],
    allRSs: [rsWithAvailable('foo', 0, 0, 0)],
    expect: ['True', 'NewReplicaSetAvailable'],
    keepTransition: true,
  },
  {
    name: 'DeploymentTimedOut: update status if rollout exceeds Progress Deadline',
    pds: 60,
    d: [3, 2, 2, 2, [replicaSetUpdated]],
    allRSs: [],
    newRS: rsWithAvailable('foo', 3, 2, 2),
    expect: ['False', 'ProgressDeadlineExceeded'],
  },
  {
    name: 'DeploymentTimedOut: do not update status if deployment has existing timedOut condition',
    pds: 60,
    d: [3, 2, 2, 2, [{ ...failedTimedOut, lastUpdateTime: testTime, lastTransitionTime: testTime }]],
    allRSs: [],
    newRS: rsWithAvailable('foo', 3, 2, 2),
    expect: ['False', 'ProgressDeadlineExceeded'],
    keepUpdate: true,
    keepTransition: true,
  },
];

for (const row of syncRows) {
  test(`TestSyncRolloutStatus: ${row.name}`, () => {
    const { h, d } = current(row.pds, ...row.d);
    h.c.runtime.now = T + 120_000; // 18:51:00
    const all = row.newRS ? [...row.allRSs, row.newRS] : row.allRSs;
    syncRolloutStatus(h.dc, all, row.newRS, d);
    const cond = getDeploymentCondition(h.deployment('progress-test').status, 'Progressing');
    if (!row.expect) {
      assert.equal(cond, undefined);
      return;
    }
    assert.deepEqual([cond?.status, cond?.reason], row.expect);
    if (row.keepUpdate) assert.equal(cond!.lastUpdateTime, testTime);
    else assert.equal(cond!.lastUpdateTime, toTimestamp(T + 120_000));
    if (row.keepTransition) assert.equal(cond!.lastTransitionTime, testTime);
    else assert.equal(cond!.lastTransitionTime, toTimestamp(T + 120_000));
  });
}

test('TestSyncRolloutStatus: messages name the new ReplicaSet, or the Deployment without one', () => {
  const { h, d } = current(60, 3, 3, 3, 3, []);
  syncRolloutStatus(h.dc, [rsWithAvailable('foo', 3, 3, 3)], rsWithAvailable('foo', 3, 3, 3), d);
  assert.equal(
    getDeploymentCondition(h.deployment('progress-test').status, 'Progressing')!.message,
    'ReplicaSet "foo" has successfully progressed.',
  );
  const again = current(60, 0, 3, 3, 3, [replicaSetUpdated]);
  syncRolloutStatus(again.h.dc, [rsWithAvailable('foo', 0, 0, 0)], undefined, again.d);
  assert.equal(
    getDeploymentCondition(again.h.deployment('progress-test').status, 'Progressing')!.message,
    'Deployment "progress-test" has successfully progressed.',
  );
});

test('ReplicaFailure is copied from the new ReplicaSet first, else an old one, and removed when gone', () => {
  const { h, d } = current(60, 3, 2, 2, 2, [replicaSetUpdated]);
  const failure = {
    type: 'ReplicaFailure',
    status: 'True',
    reason: 'FailedCreate',
    message: 'Error creating: quota',
    lastTransitionTime: testTime,
  };
  const old = rsWithAvailable('bar', 1, 1, 1);
  old.status!.conditions = [{ ...failure, message: 'old' }];
  const nrs = rsWithAvailable('foo', 3, 2, 2);
  nrs.status!.conditions = [failure];
  syncRolloutStatus(h.dc, [old, nrs], nrs, d);
  const rf = getDeploymentCondition(h.deployment('progress-test').status, 'ReplicaFailure')!;
  assert.deepEqual(
    [rf.status, rf.reason, rf.message, rf.lastUpdateTime],
    ['True', 'FailedCreate', 'Error creating: quota', testTime],
  );
});

const stuck: DeploymentCondition[] = [
  { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: testTime },
];
const requeueRows: [
  name: string,
  pds: number | undefined,
  d: [number, number, number, number, DeploymentCondition[]],
  now: number,
  expected: number,
][] = [
  ['nil progressDeadlineSeconds specified', undefined, [4, 3, 3, 2, []], T, -1],
  ['infinite progressDeadlineSeconds specified', 2147483647, [4, 3, 3, 2, []], T, -1],
  ['no progressing condition found', 60, [4, 3, 3, 2, []], T, -1],
  ['complete deployment does not need to be requeued', 60, [3, 3, 3, 3, []], T, -1],
  ['already failed deployment does not need to be requeued', 60, [3, 3, 3, 0, [failedTimedOut]], T, -1],
  ['stuck deployment - 30s', 60, [3, 3, 3, 1, stuck], T + 30_000, 30_000],
  ['stuck deployment - 1s', 60, [3, 3, 3, 1, stuck], T + 59_000, 1_000],
  ['failed deployment - less than a second => now', 60, [3, 3, 3, 1, stuck], T + 59_001, 0],
  ['failed deployment - now', 60, [3, 3, 3, 1, stuck], T + 60_000, 0],
  ['failed deployment - 1s after deadline', 60, [3, 3, 3, 1, stuck], T + 61_000, 0],
  ['failed deployment - 60s after deadline', 60, [3, 3, 3, 1, stuck], T + 120_000, 0],
];

for (const [name, pds, dArgs, now, expected] of requeueRows) {
  test(`TestRequeueStuckDeployment: ${name}`, () => {
    const { h, d } = current(pds, ...dArgs);
    h.c.runtime.now = now;
    const s = d.status!;
    const got = requeueStuckDeployment(h.dc, d, {
      replicas: s.replicas,
      updatedReplicas: s.updatedReplicas,
      availableReplicas: s.availableReplicas,
    });
    assert.equal(got, expected);
    const pending = h.c.runtime.timers.labels(10).filter((l) => l.includes('progress check'));
    if (expected < 0) assert.deepEqual(pending, []);
    else if (expected === 0)
      assert.deepEqual(pending, [
        `deployment-controller progress check default/progress-test at ${now + 5}ms`,
      ]);
    else
      assert.deepEqual(pending, [
        `deployment-controller progress check default/progress-test at ${now + expected + 1000}ms`,
      ]);
  });
}

test('progress deadline: a rollout without progress times out 1 s after lastUpdateTime + deadline; settling waits for it', () => {
  const h = harness();
  h.createAt(newDeployment('web', 2, { progressDeadlineSeconds: 60 }), 0);
  h.c.runtime.now = 2_500;
  h.c.settle();
  // NewReplicaSetCreated at 00:00:02 (2.5 s); the check fires at 2 + 60 + 1 − 0.5 s after it: 63 s
  assert.equal(h.c.now, 63_000);
  const rs = h.rsList()[0].metadata.name;
  const p = getDeploymentCondition(h.deployment().status, 'Progressing')!;
  assert.deepEqual(
    [p.status, p.reason, p.message],
    ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${rs}" has timed out progressing.`],
  );
  assert.equal(p.lastUpdateTime, toTimestamp(63_000));
  assert.equal(h.c.runtime.timers.foregroundSize, 0, 'a timed-out deployment schedules no more checks');
  // progress resumes: the condition goes back to ReplicaSetUpdated (and a new deadline), then NewReplicaSetAvailable
  h.setStatus(rs, { replicas: 2, ready: 1, available: 1 });
  h.c.advance(0);
  assert.equal(getDeploymentCondition(h.deployment().status, 'Progressing')!.reason, 'ReplicaSetUpdated');
  assert.deepEqual(h.c.runtime.timers.labels(5), [
    'deployment-controller progress check default/web at 124000ms',
  ]);
  h.c.advance(30_000);
  h.setStatus(rs, { replicas: 2, ready: 2, available: 2 });
  h.c.advance(0);
  assert.equal(
    getDeploymentCondition(h.deployment().status, 'Progressing')!.reason,
    'NewReplicaSetAvailable',
  );
  assert.equal(h.c.runtime.timers.foregroundSize, 0, 'no check left once complete');
});

test('paused time does not count against the deadline: resume resets lastUpdateTime', () => {
  const h = harness();
  h.createAt(newDeployment('web', 2, { progressDeadlineSeconds: 60 }), 0);
  h.c.advance(10_000);
  const paused = deepClone(h.deployment());
  paused.spec!.paused = true;
  h.c.store.update(paused);
  h.c.settle();
  assert.ok(h.c.now < 11_000, 'no progress check while paused (only the 5 ms conflict retry)');
  assert.equal(getDeploymentCondition(h.deployment().status, 'Progressing')!.reason, 'DeploymentPaused');
  h.c.advance(500_000);
  const resumed = deepClone(h.deployment());
  resumed.spec!.paused = false;
  h.c.store.update(resumed);
  h.c.advance(59_000);
  assert.equal(getDeploymentCondition(h.deployment().status, 'Progressing')!.reason, 'DeploymentResumed');
  h.c.settle();
  assert.equal(h.c.now, 510_000 + 61_000);
  assert.equal(
    getDeploymentCondition(h.deployment().status, 'Progressing')!.reason,
    'ProgressDeadlineExceeded',
  );
});

test('progressDeadlineSeconds MaxInt32 removes Progressing and never schedules a check', () => {
  const h = harness();
  h.createAt(newDeployment('web', 2, { progressDeadlineSeconds: 2147483647 }), 0);
  h.c.settle();
  assert.ok(h.c.now < 1000, 'only the 5 ms conflict retry');
  assert.equal(getDeploymentCondition(h.deployment().status, 'Progressing'), undefined);
  assert.equal(syncOnce(h.dc), undefined);
});
