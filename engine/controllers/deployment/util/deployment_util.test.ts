import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../../api/types';
import { toTimestamp, fromTimestamp } from '../../../api/time';
import { newDeployment, newReplicaSet } from '../testing';
import {
  byRevision,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  equalIgnoreHash,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getDeploymentCondition,
  getProportion,
  getReplicaSetFraction,
  isSaturated,
  lastRevision,
  maxRevision,
  maxSurge,
  maxUnavailable,
  minAvailable,
  newDeploymentCondition,
  newRSNewReplicas,
  removeDeploymentCondition,
  resolveFenceposts,
  revisionOf,
  roundToInt32,
  setDeploymentAnnotationsTo,
  setDeploymentCondition,
  setFromReplicaSetTemplate,
  setNewReplicaSetAnnotations,
} from './deployment_util';

const withCreation = (rs: ReplicaSet, ms: number, uid = rs.metadata!.name!): ReplicaSet => ({
  ...rs,
  metadata: { ...rs.metadata, creationTimestamp: toTimestamp(ms), uid },
});

test('TestResolveFenceposts: surge rounds up, unavailable down, both zero → unavailable 1', () => {
  const rows: [string | undefined, string | undefined, number, number, number][] = [
    ['0%', '0%', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    [undefined, '39%', 10, 0, 3],
    ['39%', undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
  ];
  for (const [s, u, desired, es, eu] of rows)
    assert.deepEqual(resolveFenceposts(s, u, desired), [es, eu], `${s}/${u} of ${desired}`);
  assert.throws(() => resolveFenceposts('oops', '39%', 10));
  assert.throws(() => resolveFenceposts('55%', 'urg', 10));
});

test('default 25%/25% resolves to (surge, unavailable) (1,0) (1,0) (1,0) (1,1) (3,2) (5,5)', () => {
  const rows: [number, number, number][] = [
    [1, 1, 0],
    [2, 1, 0],
    [3, 1, 0],
    [4, 1, 1],
    [10, 3, 2],
    [20, 5, 5],
  ];
  for (const [replicas, s, u] of rows) {
    const d = newDeployment('web', replicas);
    assert.deepEqual([maxSurge(d), maxUnavailable(d)], [s, u], `replicas ${replicas}`);
    assert.equal(minAvailable(d), replicas - u);
  }
});

test('TestMaxUnavailable: clamped to replicas, 0 for 0 replicas and for Recreate', () => {
  const rows: [number, number | string, number][] = [
    [10, 5, 5],
    [10, 10, 10],
    [5, 10, 5],
    [0, 10, 0],
    [10, '50%', 5],
    [10, '100%', 10],
    [5, '100%', 5],
  ];
  for (const [replicas, mu, expected] of rows)
    assert.equal(
      maxUnavailable(newDeployment('web', replicas, { maxSurge: 1, maxUnavailable: mu })),
      expected,
    );
  const recreate = newDeployment('web', 10, { strategy: 'Recreate' });
  assert.equal(maxUnavailable(recreate), 0);
  assert.equal(maxSurge(recreate), 0);
  assert.equal(minAvailable(recreate), 0);
  // replicas 0: surge from a percent is 0, the fencepost makes unavailable 1, MaxUnavailable still 0
  const zero = newDeployment('web', 0);
  assert.deepEqual(resolveFenceposts('25%', '25%', 0), [0, 1]);
  assert.equal(maxUnavailable(zero), 0);
});

test('TestNewRSNewReplicas: (other RS at 5) 1/5/surge 1 → 5; 6/2/surge 10 → 6; Recreate 3 → 3', () => {
  const rs5 = newReplicaSet('web-rs5', 5);
  const rows: ['RollingUpdate' | 'Recreate', number, number, number, number][] = [
    ['RollingUpdate', 1, 5, 1, 5],
    ['RollingUpdate', 6, 2, 10, 6],
    ['Recreate', 3, 1, 1, 3],
  ];
  for (const [strategy, depReplicas, newReplicas, surge, expected] of rows) {
    const d = newDeployment('web', depReplicas, { maxSurge: surge, maxUnavailable: 1 });
    d.spec!.strategy!.type = strategy;
    const newRS = newReplicaSet('web-new', newReplicas);
    assert.equal(newRSNewReplicas(d, [rs5], newRS), expected);
  }
});

test('planted bugs change the rounding of the fenceposts', () => {
  assert.deepEqual(resolveFenceposts('25%', '25%', 10, new Set(['surge-rounded-down'])), [2, 2]);
  assert.deepEqual(resolveFenceposts('25%', '25%', 10, new Set(['unavailable-rounded-up'])), [3, 3]);
  const d = newDeployment('web', 10);
  assert.equal(
    newRSNewReplicas(
      d,
      [newReplicaSet('web-old', 10)],
      newReplicaSet('web-new', 0),
      new Set(['surge-rounded-down']),
    ),
    2,
  );
});

test('getReplicaSetFraction / getProportion: rounding half away from zero, capped by what is left', () => {
  assert.equal(roundToInt32(2.5), 3);
  assert.equal(roundToInt32(-2.5), -3);
  assert.equal(roundToInt32(9.8), 10);
  assert.equal(roundToInt32(4.2), 4);
  assert.equal(roundToInt32(Infinity), -2147483648);
  // 10 → 14, surge 0: an RS of 7 annotated max 10 → round(9.8) − 7 = 3; an RS of 3 → round(4.2) − 3 = 1
  const d = newDeployment('web', 14, { maxSurge: 0, maxUnavailable: 1 });
  const rs7 = newReplicaSet('web-a', 7, { annotations: { 'deployment.kubernetes.io/max-replicas': '10' } });
  const rs3 = newReplicaSet('web-b', 3, { annotations: { 'deployment.kubernetes.io/max-replicas': '10' } });
  assert.equal(getReplicaSetFraction(rs7, d), 3);
  assert.equal(getReplicaSetFraction(rs3, d), 1);
  assert.equal(getProportion(rs7, d, 4, 0), 3);
  assert.equal(getProportion(rs3, d, 4, 3), 1);
  assert.equal(getProportion(rs3, d, 4, 4), 0, 'nothing left');
  assert.equal(getProportion(newReplicaSet('web-c', 0), d, 4, 0), 0, 'an empty RS never grows');
  // without the annotation the denominator is status.replicas
  const noAnn = newReplicaSet('web-d', 5);
  assert.equal(getReplicaSetFraction(noAnn, { ...d, status: { replicas: 10 } }), 2);
  // scaling to zero: the fraction is the whole size
  assert.equal(getReplicaSetFraction(rs7, newDeployment('web', 0)), -7);
});

test('revisions: missing = 0, unparsable skipped, int64 kept exactly; LastRevision is the second highest', () => {
  const r = (rev?: string) =>
    newReplicaSet(`web-${rev ?? 'none'}`, 0, rev === undefined ? {} : { revision: rev });
  assert.equal(revisionOf(r()), 0n);
  assert.equal(revisionOf(r('7')), 7n);
  assert.equal(revisionOf(r('x')), undefined);
  assert.equal(revisionOf(r('3546343826724305832')), 3546343826724305832n);
  assert.equal(maxRevision([r('3546343826724305832'), r('2')]) + 1n, 3546343826724305833n);
  assert.equal(maxRevision([r('1'), r('x'), r('4'), undefined]), 4n);
  assert.equal(lastRevision([r('1'), r('4'), r('3')]), 3n);
  assert.equal(lastRevision([r('4')]), 0n);
  assert.equal(maxRevision([]), 0n);
});

test('SetNewReplicaSetAnnotations: copy, revision raise, revision-history append and its 2000-char limit', () => {
  const d = newDeployment('web', 3, {
    annotations: {
      'kubernetes.io/change-cause': 'edit',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      'deployment.kubernetes.io/revision': '9',
      test: 'yes',
    },
  });
  // a new RS about to be created gets revision, desired and max replicas
  const created = newReplicaSet('web-new', 3);
  assert.equal(setNewReplicaSetAnnotations(d, created, '1', false, 2000), true);
  assert.deepEqual(created.metadata!.annotations, {
    'kubernetes.io/change-cause': 'edit',
    test: 'yes',
    'deployment.kubernetes.io/revision': '1',
    'deployment.kubernetes.io/desired-replicas': '3',
    'deployment.kubernetes.io/max-replicas': '4',
  });
  // rollback to an RS that had revision 1 when the highest old revision is 2: revision 3, history "1"
  const rolledBack = newReplicaSet('web-old', 0, { revision: '1' });
  assert.equal(setNewReplicaSetAnnotations(d, rolledBack, '3', true, 2000), true);
  assert.equal(rolledBack.metadata!.annotations!['deployment.kubernetes.io/revision'], '3');
  assert.equal(rolledBack.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(rolledBack.metadata!.annotations!['deployment.kubernetes.io/desired-replicas'], undefined);
  setNewReplicaSetAnnotations(d, rolledBack, '5', true, 2000);
  assert.equal(rolledBack.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '1,3');
  // already the highest: nothing changes
  assert.equal(setNewReplicaSetAnnotations(d, rolledBack, '5', true, 2000), false);
  // the history drops its oldest entries to stay within the limit
  const long = newReplicaSet('web-long', 0, {
    revision: '10',
    annotations: { 'deployment.kubernetes.io/revision-history': '1,2,3' },
  });
  setNewReplicaSetAnnotations(d, long, '11', true, 7);
  assert.equal(long.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '2,3,10');
  // an unparsable revision stops everything
  const bad = newReplicaSet('web-bad', 0, { revision: 'abc' });
  assert.equal(setNewReplicaSetAnnotations(newDeployment('web', 1), bad, '2', true, 2000), false);
});

test('SetDeploymentAnnotationsTo: the deployment keeps its skip-list annotations, takes the rest from the RS', () => {
  const d = newDeployment('web', 1, {
    annotations: {
      'deployment.kubernetes.io/revision': '2',
      'kubernetes.io/change-cause': 'edit',
      other: 'x',
    },
  });
  const rs = newReplicaSet('web-1', 0, {
    revision: '1',
    annotations: { 'kubernetes.io/change-cause': 'create', 'deployment.kubernetes.io/desired-replicas': '1' },
  });
  setDeploymentAnnotationsTo(d, rs);
  assert.deepEqual(d.metadata!.annotations, {
    'deployment.kubernetes.io/revision': '2',
    'kubernetes.io/change-cause': 'create',
  });
});

test('EqualIgnoreHash / FindNewReplicaSet / FindOldReplicaSets: oldest equal template is new, a younger twin is old', () => {
  const d = newDeployment('web', 3);
  const stored = { ...d, metadata: { ...d.metadata, uid: 'd-uid' } } as Deployment;
  const a = withCreation(newReplicaSet('web-aaa', 2, { owner: stored as never }), 2000);
  const twin = withCreation(newReplicaSet('web-bbb', 1, { owner: stored as never }), 5000);
  const other = withCreation(
    newReplicaSet('web-ccc', 0, { owner: stored as never, image: 'nginx:2.0' }),
    1000,
  );
  assert.ok(equalIgnoreHash(a.spec!.template, d.spec!.template));
  assert.ok(!equalIgnoreHash(other.spec!.template, d.spec!.template));
  // empty lists and maps equal absent ones (semantic equality)
  const t = { ...d.spec!.template!, spec: { ...d.spec!.template!.spec!, volumes: [] } };
  assert.ok(equalIgnoreHash(t, d.spec!.template));
  const list = [twin, other, a];
  assert.equal(findNewReplicaSet(d, list)?.metadata?.name, 'web-aaa');
  assert.deepEqual(
    list.map((r) => r.metadata!.name),
    ['web-ccc', 'web-aaa', 'web-bbb'],
    'sorted by creation in place',
  );
  const [required, all] = findOldReplicaSets(d, [twin, other, a]);
  assert.deepEqual(
    required.map((r) => r.metadata!.name),
    ['web-bbb'],
  );
  assert.deepEqual(
    all.map((r) => r.metadata!.name),
    ['web-ccc', 'web-bbb'],
  );
});

test('SetFromReplicaSetTemplate drops the hash label', () => {
  const d = newDeployment('web', 1);
  const rs = newReplicaSet('web-abc', 1, { image: 'nginx:0.9' });
  setFromReplicaSetTemplate(d, rs.spec!.template);
  assert.deepEqual(d.spec!.template!.metadata!.labels, { app: 'web' });
  assert.equal(d.spec!.template!.spec!.containers[0].image, 'nginx:0.9');
});

test('FindActiveOrLatest: the one active RS, else the new one, else the newest old one; none when several are active', () => {
  const n = withCreation(newReplicaSet('web-n', 0), 3000);
  const o1 = withCreation(newReplicaSet('web-o1', 0), 1000);
  const o2 = withCreation(newReplicaSet('web-o2', 0), 2000);
  assert.equal(findActiveOrLatest(n, [o1, o2])?.metadata?.name, 'web-n');
  assert.equal(findActiveOrLatest(undefined, [o1, o2])?.metadata?.name, 'web-o2');
  const active = withCreation(newReplicaSet('web-a', 2), 500);
  assert.equal(findActiveOrLatest(n, [o1, active])?.metadata?.name, 'web-a');
  const active2 = withCreation(newReplicaSet('web-b', 1), 600);
  assert.equal(findActiveOrLatest(n, [active, active2]), undefined);
  assert.equal(findActiveOrLatest(undefined, []), undefined);
});

test('SetDeploymentCondition: same status and reason keep everything; same status keeps lastTransitionTime; appended', () => {
  const status: DeploymentStatus = {};
  setDeploymentCondition(status, newDeploymentCondition('Available', 'True', 'A', 'm', 0));
  setDeploymentCondition(status, newDeploymentCondition('Progressing', 'True', 'P1', 'm', 0));
  setDeploymentCondition(status, newDeploymentCondition('Available', 'True', 'A', 'other message', 5000));
  assert.equal(getDeploymentCondition(status, 'Available')!.message, 'm', 'unchanged');
  setDeploymentCondition(status, newDeploymentCondition('Available', 'True', 'B', 'm2', 7000));
  const av = getDeploymentCondition(status, 'Available')!;
  assert.equal(av.lastTransitionTime, toTimestamp(0));
  assert.equal(av.lastUpdateTime, toTimestamp(7000));
  assert.deepEqual(
    status.conditions!.map((c) => c.type),
    ['Progressing', 'Available'],
  );
  setDeploymentCondition(status, newDeploymentCondition('Available', 'False', 'C', 'm3', 9000));
  assert.equal(getDeploymentCondition(status, 'Available')!.lastTransitionTime, toTimestamp(9000));
  removeDeploymentCondition(status, 'Progressing');
  removeDeploymentCondition(status, 'Available');
  assert.equal(status.conditions, undefined);
});

test('TestDeploymentComplete', () => {
  const dep = (
    desired: number,
    current: number,
    updated: number,
    available: number,
    mu: number,
    ms: number,
  ) => {
    const d = newDeployment('web', desired, { maxUnavailable: mu, maxSurge: ms });
    d.status = { replicas: current, updatedReplicas: updated, availableReplicas: available };
    return d;
  };
  const rows: [Deployment, boolean][] = [
    [dep(5, 5, 5, 4, 1, 0), false],
    [dep(5, 5, 5, 3, 1, 0), false],
    [dep(5, 5, 5, 5, 0, 0), true],
    [dep(5, 5, 4, 5, 0, 0), false],
    [dep(1, 2, 1, 1, 0, 1), false],
    [dep(1, 1, 1, 0, 1, 1), false],
  ];
  for (const [d, expected] of rows) assert.equal(deploymentComplete(d, d.status), expected);
  const observedLate = dep(5, 5, 5, 5, 0, 0);
  observedLate.metadata!.generation = 2;
  observedLate.status!.observedGeneration = 1;
  assert.equal(deploymentComplete(observedLate, observedLate.status), false);
});

test('TestDeploymentProgressing', () => {
  const st = (current: number, updated: number, ready: number, available: number): DeploymentStatus => ({
    replicas: current,
    updatedReplicas: updated,
    readyReplicas: ready,
    availableReplicas: available,
  });
  const rows: [DeploymentStatus, DeploymentStatus, boolean][] = [
    [st(10, 4, 4, 4), st(10, 6, 4, 4), true],
    [st(10, 4, 4, 4), st(10, 4, 4, 4), false],
    [st(10, 4, 6, 6), st(8, 4, 6, 6), true],
    [st(10, 7, 3, 3), st(10, 6, 3, 3), false],
    [st(10, 4, 7, 7), st(8, 8, 5, 5), true],
    [st(10, 10, 9, 8), st(10, 10, 10, 8), true],
    [st(10, 10, 10, 9), st(10, 10, 10, 10), true],
  ];
  for (const [old, next, expected] of rows)
    assert.equal(deploymentProgressing({ ...newDeployment('web', 10), status: old }, next), expected);
});

test('TestDeploymentTimedOut: lastUpdateTime + deadline strictly before now', () => {
  const at = (min: number, sec: number) => (min * 60 + sec) * 1000;
  const dep = (pds: number | undefined, reason: string, from: number): Deployment => {
    const d = newDeployment('web', 1);
    if (pds === undefined) delete d.spec!.progressDeadlineSeconds;
    else d.spec!.progressDeadlineSeconds = pds;
    d.status = {
      conditions: [{ type: 'Progressing', status: 'True', reason, lastUpdateTime: toTimestamp(from) }],
    };
    return d;
  };
  const rows: [Deployment, number, boolean][] = [
    [dep(undefined, '', at(1, 9)), at(1, 20), false],
    [dep(2147483647, '', at(1, 9)), at(1, 20), false],
    [dep(10, '', at(1, 9)), at(1, 20), true],
    [dep(10, '', at(1, 11)), at(1, 20), false],
    [dep(10, '', at(1, 10)), at(1, 20), false],
    [dep(10, 'NewReplicaSetAvailable', at(1, 9)), at(1, 20), false],
    [dep(10, 'ProgressDeadlineExceeded', at(1, 19)), at(1, 20), true],
  ];
  for (const [d, now, expected] of rows) assert.equal(deploymentTimedOut(d, d.status!, now), expected);
  assert.equal(fromTimestamp(toTimestamp(at(1, 9))), at(1, 9));
});

test('IsSaturated needs spec = desired-replicas = available = replicas', () => {
  const d = newDeployment('web', 3);
  const rs = newReplicaSet('web-a', 3, { annotations: { 'deployment.kubernetes.io/desired-replicas': '3' } });
  rs.status = { replicas: 3, availableReplicas: 3 };
  assert.ok(isSaturated(d, rs));
  assert.ok(!isSaturated(d, { ...rs, status: { replicas: 3, availableReplicas: 2 } }));
  assert.ok(!isSaturated(d, newReplicaSet('web-b', 3)));
  assert.ok(!isSaturated(d, undefined));
});

test('ReplicaSetsByRevision: revision order; missing revision is 0; ties by creation', () => {
  const a = withCreation(newReplicaSet('web-a', 0, { revision: '3' }), 0);
  const b = withCreation(newReplicaSet('web-b', 0, { revision: '1' }), 1000);
  const c = withCreation(newReplicaSet('web-c', 0), 2000);
  const e = withCreation(newReplicaSet('web-e', 0, { revision: '1' }), 500);
  assert.deepEqual(
    [a, b, c, e].sort(byRevision).map((r) => r.metadata!.name),
    ['web-c', 'web-e', 'web-b', 'web-a'],
  );
});
