/**
 * End-to-end: the deployment controller with the ReplicaSet controller, scheduler and kubelet of a
 * full createCluster(). Invariants are checked on every store change (spec §6.4).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../../cluster';
import type { Cluster } from '../../cluster';
import type { Deployment, Pod, ReplicaSet, Stored } from '../../api/types';
import { isPodAvailable, isTerminating } from '../../api/pod';
import { deepClone } from '../../util/clone';
import { newDeployment } from './testing';
import type { DeploymentOptions } from './testing';
import { rolloutStatusMessage } from './status';
import {
  getReplicaSetsForDeployment,
  getDeploymentCondition,
  maxSurge,
  minAvailable,
} from './util/deployment_util';

const get = (c: Cluster, name = 'web') => c.store.get<Deployment>('Deployment', 'default', name)!;

function rsOf(c: Cluster, name = 'web'): Stored<ReplicaSet>[] {
  return getReplicaSetsForDeployment(c.store, get(c, name)).sort((a, b) =>
    a.metadata.creationTimestamp! < b.metadata.creationTimestamp!
      ? -1
      : a.metadata.creationTimestamp! > b.metadata.creationTimestamp!
        ? 1
        : a.metadata.name < b.metadata.name
          ? -1
          : 1,
  );
}

/** Non-terminating pods of the Deployment's ReplicaSets, and how many of them are available now. */
function podCounts(c: Cluster, d: Deployment): { total: number; available: number } {
  let total = 0;
  let available = 0;
  for (const rs of c.store.listControlledBy<ReplicaSet>('ReplicaSet', d.metadata!.uid!)) {
    for (const pod of c.store.listControlledBy<Pod>('Pod', rs.metadata.uid)) {
      if (isTerminating(pod) || pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') continue;
      total++;
      if (isPodAvailable(pod, d.spec?.minReadySeconds ?? 0, c.now)) available++;
    }
  }
  return { total, available };
}

interface Watch {
  maxTotal: number;
  minAvailable: number;
  messages: string[];
  stop(): void;
}

/** Records pod counts and `rollout status` lines on every change until stopped. */
function watchRollout(c: Cluster): Watch {
  const w: Watch = { maxTotal: 0, minAvailable: Infinity, messages: [], stop: () => (on = false) };
  let on = true;
  c.store.watch('*', (e) => {
    if (!on || e.kind === 'Event') return;
    const d = get(c);
    if (!d) return;
    const { total, available } = podCounts(c, d);
    w.maxTotal = Math.max(w.maxTotal, total);
    w.minAvailable = Math.min(w.minAvailable, available);
    const s = rolloutStatusMessage(d);
    const line = s.error ?? s.message;
    if (w.messages[w.messages.length - 1] !== line) w.messages.push(line);
  });
  return w;
}

function setImage(c: Cluster, image: string, name = 'web'): void {
  const d = deepClone(get(c, name));
  d.spec!.template!.spec!.containers[0].image = image;
  c.store.update(d);
}

function scaleTo(c: Cluster, replicas: number): void {
  const d = deepClone(get(c));
  d.spec!.replicas = replicas;
  c.store.update(d);
}

function deploymentEvents(c: Cluster): string[] {
  return c.store
    .list<Stored<{ kind: string }> & { reason?: string; message?: string; source?: { component?: string } }>(
      'Event',
    )
    .filter((e) => e.source?.component === 'deployment-controller')
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${e.reason} ${e.message}`);
}

function started(replicas: number, o: DeploymentOptions = {}): Cluster {
  const c = createCluster({ seed: 7 });
  c.store.create(newDeployment('web', replicas, { image: 'nginx:1.0', ...o }));
  c.settle();
  const s = get(c).status!;
  assert.deepEqual(
    [s.replicas, s.updatedReplicas, s.readyReplicas, s.availableReplicas],
    [replicas, replicas, replicas, replicas],
  );
  return c;
}

test('e2e: 3 replicas, 25%/25%: between 3 available and 4 pods, the docs event list, rollout status lines', () => {
  const c = started(3);
  const [first] = rsOf(c);
  assert.match(first.metadata.name, /^web-[4-9bcdf]{1,10}$/);
  const w = watchRollout(c);
  setImage(c, 'nginx:2.0');
  c.settle();
  w.stop();
  assert.ok(w.maxTotal <= 4, `at most 4 pods (saw ${w.maxTotal})`);
  assert.ok(w.minAvailable >= 3, `at least 3 available (saw ${w.minAvailable})`);
  const [old, next] = rsOf(c);
  assert.equal(old.metadata.name, first.metadata.name);
  assert.deepEqual(deploymentEvents(c), [
    `ScalingReplicaSet Scaled up replica set ${old.metadata.name} to 3`,
    `ScalingReplicaSet Scaled up replica set ${next.metadata.name} to 1`,
    `ScalingReplicaSet Scaled down replica set ${old.metadata.name} to 2 from 3`,
    `ScalingReplicaSet Scaled up replica set ${next.metadata.name} to 2 from 1`,
    `ScalingReplicaSet Scaled down replica set ${old.metadata.name} to 1 from 2`,
    `ScalingReplicaSet Scaled up replica set ${next.metadata.name} to 3 from 2`,
    `ScalingReplicaSet Scaled down replica set ${old.metadata.name} to 0 from 1`,
  ]);
  assert.ok(
    w.messages.includes(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n',
    ),
  );
  assert.ok(
    w.messages.includes(
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n',
    ),
  );
  assert.equal(w.messages[w.messages.length - 1], 'deployment "web" successfully rolled out\n');
  const d = get(c);
  assert.equal(d.metadata.annotations!['deployment.kubernetes.io/revision'], '2');
  assert.equal(next.metadata.annotations!['deployment.kubernetes.io/revision'], '2');
  const p = getDeploymentCondition(d.status, 'Progressing')!;
  assert.deepEqual(
    [p.reason, p.message],
    ['NewReplicaSetAvailable', `ReplicaSet "${next.metadata.name}" has successfully progressed.`],
  );
  assert.equal(c.runtime.timers.foregroundSize, 0);
});

for (const [replicas, total, available] of [
  [4, 5, 3],
  [10, 13, 8],
  [20, 25, 15],
]) {
  test(`e2e: ${replicas} replicas, 25%/25%: never more than ${total} pods, always at least ${available} available`, () => {
    const c = started(replicas);
    const d = get(c);
    assert.equal(replicas + maxSurge(d), total);
    assert.equal(minAvailable(d), available);
    const w = watchRollout(c);
    setImage(c, 'nginx:2.0');
    c.settle();
    w.stop();
    assert.ok(w.maxTotal <= total, `saw ${w.maxTotal} pods`);
    assert.ok(w.minAvailable >= available, `saw ${w.minAvailable} available`);
    const [old, next] = rsOf(c);
    assert.deepEqual([old.spec!.replicas, next.spec!.replicas], [0, replicas]);
    assert.equal(get(c).status!.updatedReplicas, replicas);
  });
}

test('e2e: bad image (3 replicas): stalls at 3/1, Available True, then ProgressDeadlineExceeded after 600 s', () => {
  const c = started(3);
  c.faults.setImage('nginx:bad', 'unpullable');
  const t0 = c.now;
  setImage(c, 'nginx:bad');
  c.advance(60_000);
  const [old, next] = rsOf(c);
  assert.deepEqual([old.spec!.replicas, next.spec!.replicas], [3, 1]);
  let s = get(c).status!;
  // describe: 3 desired | 1 updated | 4 total | 3 available | 1 unavailable
  assert.deepEqual([s.updatedReplicas, s.replicas, s.availableReplicas, s.unavailableReplicas], [1, 4, 3, 1]);
  assert.equal(getDeploymentCondition(s, 'Available')!.reason, 'MinimumReplicasAvailable');
  assert.equal(getDeploymentCondition(s, 'Progressing')!.status, 'True');
  assert.equal(
    rolloutStatusMessage(get(c)).message,
    'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n',
  );
  c.settle();
  s = get(c).status!;
  const p = getDeploymentCondition(s, 'Progressing')!;
  assert.deepEqual(
    [p.status, p.reason, p.message],
    ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${next.metadata.name}" has timed out progressing.`],
  );
  assert.ok(c.now > t0 + 600_000 && c.now < t0 + 603_000, `timed out at ${c.now - t0} ms`);
  assert.equal(rolloutStatusMessage(get(c)).error, 'deployment "web" exceeded its progress deadline');
  assert.deepEqual(
    rsOf(c).map((r) => r.spec!.replicas),
    [3, 1],
    'no automatic action',
  );
});

test('e2e: proportional scaling (testProportionalScalingDeployment): 8/5 stuck, scale to 30 → 20/13; docs: to 15 → 11/7', () => {
  for (const [to, expected] of [
    [30, [20, 13]],
    [15, [11, 7]],
  ] as const) {
    const c = started(10, { maxSurge: 3, maxUnavailable: 2 });
    c.faults.setImage('nginx:bad', 'unpullable');
    setImage(c, 'nginx:bad');
    c.advance(60_000);
    assert.deepEqual(
      rsOf(c).map((r) => r.spec!.replicas),
      [8, 5],
    );
    scaleTo(c, to);
    c.advance(1_000);
    assert.deepEqual(
      rsOf(c).map((r) => r.spec!.replicas),
      expected,
    );
    for (const rs of rsOf(c))
      assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/desired-replicas'], String(to));
  }
});

test('e2e: Recreate: every old pod is gone before the first new pod is created; Available False meanwhile', () => {
  const c = started(3, { strategy: 'Recreate' });
  const [old] = rsOf(c);
  let violations = 0;
  let sawUnavailable = false;
  c.store.watch('Pod', (e) => {
    if (e.type !== 'ADDED') return;
    const owner = e.object.metadata.ownerReferences?.[0]?.uid;
    if (owner !== old.metadata.uid && c.store.listControlledBy('Pod', old.metadata.uid).length > 0)
      violations++;
  });
  c.store.watch('Deployment', (e) => {
    const d = e.object as Stored<Deployment>;
    if (getDeploymentCondition(d.status, 'Available')?.status === 'False') sawUnavailable = true;
  });
  setImage(c, 'nginx:2.0');
  c.settle();
  assert.equal(violations, 0);
  assert.ok(sawUnavailable);
  const [o, n] = rsOf(c);
  assert.deepEqual([o.spec!.replicas, n.spec!.replicas], [0, 3]);
  assert.deepEqual(deploymentEvents(c).slice(1), [
    `ScalingReplicaSet Scaled down replica set ${o.metadata.name} to 0 from 3`,
    `ScalingReplicaSet Scaled up replica set ${n.metadata.name} to 3`,
  ]);
});

test('e2e: minReadySeconds 10: availability lags readiness and the rollout keeps at least 3 available', () => {
  const c = started(3, { minReadySeconds: 10 });
  const w = watchRollout(c);
  const t0 = c.now;
  setImage(c, 'nginx:2.0');
  c.settle();
  w.stop();
  assert.ok(w.minAvailable >= 3, `saw ${w.minAvailable}`);
  assert.ok(c.now - t0 > 30_000, `three waves of ≥ 10 s each (took ${c.now - t0} ms)`);
  assert.equal(rsOf(c)[1].spec!.minReadySeconds, 10);
});

test('e2e: a rollback by template (rollout undo) re-uses the old ReplicaSet: same hash, revision 3, history 1', () => {
  const c = started(2);
  const [first] = rsOf(c);
  setImage(c, 'nginx:2.0');
  c.settle();
  setImage(c, 'nginx:1.0');
  c.settle();
  const rss = rsOf(c);
  assert.equal(rss.length, 2, 'no new ReplicaSet');
  const back = c.store.get<ReplicaSet>('ReplicaSet', 'default', first.metadata.name)!;
  assert.equal(back.spec!.replicas, 2);
  assert.equal(back.metadata.annotations!['deployment.kubernetes.io/revision'], '3');
  assert.equal(back.metadata.annotations!['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(get(c).metadata.annotations!['deployment.kubernetes.io/revision'], '3');
});

test('e2e: revisionHistoryLimit 1 keeps one old ReplicaSet after three rollouts', () => {
  const c = started(2, { revisionHistoryLimit: 1 });
  for (const image of ['nginx:2.0', 'nginx:3.0', 'nginx:4.0']) {
    setImage(c, image);
    c.settle();
  }
  const rss = rsOf(c);
  assert.equal(rss.length, 2);
  assert.deepEqual(
    rss.map((r) => r.metadata.annotations!['deployment.kubernetes.io/revision']),
    ['3', '4'],
  );
});

test('e2e: a pod deleted by hand is replaced by its ReplicaSet; no new revision', () => {
  const c = started(3);
  const [rs] = rsOf(c);
  const pod = c.store.listControlledBy<Pod>('Pod', rs.metadata.uid)[0];
  c.store.delete('Pod', 'default', pod.metadata.name);
  c.settle();
  assert.equal(rsOf(c).length, 1);
  assert.equal(get(c).status!.availableReplicas, 3);
  assert.equal(get(c).metadata.annotations!['deployment.kubernetes.io/revision'], '1');
});

test('e2e: pause mid-rollout freezes it; resume finishes it', () => {
  const c = started(4);
  setImage(c, 'nginx:2.0');
  c.advance(1_000); // the first wave: 3 old, 2 new (not ready yet)
  const d = deepClone(get(c));
  d.spec!.paused = true;
  c.store.update(d);
  c.settle();
  const frozen = rsOf(c).map((r) => r.spec!.replicas);
  assert.equal(frozen.length, 2);
  assert.notDeepEqual(frozen, [0, 4]);
  c.advance(60_000);
  assert.deepEqual(
    rsOf(c).map((r) => r.spec!.replicas),
    frozen,
    'nothing moves while paused',
  );
  assert.equal(getDeploymentCondition(get(c).status, 'Progressing')!.reason, 'DeploymentPaused');
  const r = deepClone(get(c));
  r.spec!.paused = false;
  c.store.update(r);
  c.settle();
  assert.deepEqual(
    rsOf(c).map((x) => x.spec!.replicas),
    [0, 4],
  );
  assert.equal(getDeploymentCondition(get(c).status, 'Progressing')!.reason, 'NewReplicaSetAvailable');
});
