/**
 * The timeline's workload series against a full cluster: the deployment rollouts of deployment.md
 * §6.4/§6.5 stay within their floor and ceiling at every recorded point, the series agree with the
 * engine's timeline invariants, availability after minReadySeconds shows at its own instant, and a
 * StatefulSet's ordinals come up in order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../engine';
import type { Cluster, Deployment, Pod } from '../engine';
import { podAvailableAt } from '../engine/api/pod';
import { deepClone } from '../engine/util/clone';
import { newDeployment } from '../engine/controllers/deployment/testing';
import type { DeploymentOptions } from '../engine/controllers/deployment/testing';
import { newStatefulSet } from '../engine/controllers/statefulset/testing';
import { deploymentAvailableAtLeast, deploymentPodsAtMost } from '../engine/invariants';
import { buildTimeline, clip, workloadSeries } from './timeline';

/** A settled Deployment rolled to a new image; `before` is how many points the series had before the update. */
function rollout(
  replicas: number,
  o: DeploymentOptions = {},
  seed = 1,
): { c: Cluster; from: { seq: number; time: number }; before: number } {
  const c = createCluster({ seed });
  c.store.create(newDeployment('web', replicas, o), { actor: 'test' });
  c.settle();
  const from = { seq: c.store.resourceVersion, time: c.now };
  const before = workloadSeries(c.trace, c.now)[0].points.length;
  const d = deepClone(c.store.get<Deployment>('Deployment', 'default', 'web')!);
  d.spec!.template!.spec!.containers[0].image = 'nginx:2.0';
  c.store.update(d, { actor: 'test' });
  c.settle();
  return { c, from, before };
}

const cases: { replicas: number; o: DeploymentOptions; floor: number; ceiling: number }[] = [
  // deployment.md §4: 25%/25% of 10 → surge 3, unavailable 2; of 3 → (1, 0); of 4 → (1, 1).
  { replicas: 10, o: {}, floor: 8, ceiling: 13 },
  { replicas: 3, o: {}, floor: 3, ceiling: 4 },
  { replicas: 4, o: {}, floor: 3, ceiling: 5 },
  { replicas: 2, o: { maxSurge: 0, maxUnavailable: 1 }, floor: 1, ceiling: 2 },
];

for (const k of cases)
  test(`a rolling update of ${k.replicas} replicas stays between ${k.floor} available and ${k.ceiling} pods`, () => {
    const { c, from, before } = rollout(k.replicas, k.o);
    const [w, ...rest] = workloadSeries(c.trace, c.now);
    assert.equal(rest.length, 0);
    assert.equal(w.kind, 'Deployment');
    assert.equal(w.strategy, 'RollingUpdate');
    // The settled state before the update, then every point of the rollout.
    const during = w.points.slice(before - 1);
    for (const p of w.points) {
      assert.equal(p.floor, k.floor);
      assert.equal(p.ceiling, k.ceiling);
    }
    assert.ok(during.every((p) => p.pods <= k.ceiling));
    assert.ok(during.every((p) => p.available >= k.floor));
    // The series see what the invariants see.
    const window = { fromSeq: from.seq, fromTime: from.time, toSeq: c.store.resourceVersion, toTime: c.now };
    const minAvail = deploymentAvailableAtLeast(c.trace, 'default', 'web', 0, window).worst;
    const maxPods = deploymentPodsAtMost(c.trace, 'default', 'web', 0, window).worst;
    assert.equal(Math.min(...during.map((p) => p.available)), minAvail);
    assert.equal(Math.max(...during.map((p) => p.pods)), maxPods);
    // Pods per ReplicaSet: the old one drains to 0, the new one fills to replicas.
    assert.deepEqual(
      w.groups.map((g) => [g.revision, g.points[g.points.length - 1].pods]),
      [
        ['1', 0],
        ['2', k.replicas],
      ],
    );
    // Compact: change points only.
    const records = c.trace.records.filter((r) => r.kind === 'Pod').length;
    assert.ok(w.points.length < records, `${w.points.length} points for ${records} pod changes`);
  });

test('availability after minReadySeconds gets its own point, at the instant it happens', () => {
  const c = createCluster({ seed: 3 });
  c.store.create(newDeployment('web', 2, { minReadySeconds: 10 }), { actor: 'test' });
  c.settle();
  const [w] = workloadSeries(c.trace, c.now);
  const ready = w.points.find((p) => p.ready === 2)!;
  const available = w.points.find((p) => p.available === 2)!;
  assert.ok(ready && available);
  const expected = Math.max(...c.store.list<Pod>('Pod').map((p) => podAvailableAt(p, 10)!));
  assert.equal(available.t, expected);
  assert.ok(available.t - ready.t >= 10_000);
  assert.ok(
    !c.trace.records.some((r) => r.time === available.t && r.kind === 'Pod'),
    'no pod change marks it',
  );
});

test('a StatefulSet creates its ordinals in order, each ready before the next starts', () => {
  const c = createCluster({ seed: 1 });
  c.store.create(newStatefulSet('db', { replicas: 3 }), { actor: 'test' });
  c.settle();
  const [w] = workloadSeries(c.trace, c.now);
  assert.equal(w.kind, 'StatefulSet');
  assert.equal(w.strategy, 'OrderedReady');
  assert.deepEqual(
    w.ordinals!.map((l) => l.ordinal),
    [0, 1, 2],
  );
  for (let i = 1; i < 3; i++) {
    const prevReady = w.ordinals![i - 1].spans.find((s) => s.state === 'ready')!;
    assert.ok(w.ordinals![i].spans[0].from >= prevReady.from, `db-${i} starts after db-${i - 1} is ready`);
  }
  assert.equal(w.points[w.points.length - 1].ready, 3);
  assert.equal(w.groups.length, 1);
  assert.equal(w.groups[0].revision, '1');
  const spans = w.ordinals!.flatMap((l) => l.spans);
  assert.ok(spans.every((s) => s.to > s.from && s.revision === w.groups[0].name));
});

test('the same seed gives the same timeline, byte for byte', () => {
  const a = rollout(5, {}, 42).c;
  const b = rollout(5, {}, 42).c;
  const rec = { seed: 42, end: a.now, steps: [], commands: [] };
  assert.equal(
    JSON.stringify(buildTimeline(a.trace, rec)),
    JSON.stringify(buildTimeline(b.trace, { ...rec, end: b.now })),
  );
});

test('a scenario without a cluster has steps and commands but no workloads', () => {
  const t = buildTimeline(undefined, {
    seed: 'x',
    end: 0,
    steps: [{ index: 0, text: 'the manifest:', start: 0, end: 0 }],
    commands: [{ step: 0, command: 'kubectl get pods', exitCode: 0, stdout: '', stderr: '' }],
  });
  assert.deepEqual(t.workloads, []);
  assert.equal(t.commands.length, 1);
  assert.equal(t.failure, undefined);
});

test('clip keeps short output and says how much of long output it left out', () => {
  assert.equal(clip('abc', 10), 'abc');
  assert.equal(clip('abcdefghijkl', 10), 'abcdefghij\n… (2 more characters)');
});
