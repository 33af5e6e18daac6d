import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IntOrString } from '../../api/intstr';
import { deepClone } from '../../util/clone';
import { harness, newDeployment, newReplicaSet, syncOnce } from './testing';
import type { DeploymentOptions, Harness } from './testing';
import {
  cleanupUnhealthyReplicas,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  scaleDownOldReplicaSetsForRollingUpdate,
} from './rolling';

test('TestDeploymentController_reconcileNewReplicaSet', () => {
  const rows: [
    replicas: number,
    surge: number,
    oldReplicas: number,
    newReplicas: number,
    expected?: number,
  ][] = [
    [10, 0, 10, 0], // should not scale up
    [10, 2, 10, 0, 2],
    [10, 2, 5, 0, 7],
    [10, 2, 10, 2],
    [10, 2, 2, 11, 10], // should scale down
  ];
  for (const [replicas, surge, oldReplicas, newReplicas, expected] of rows) {
    const h = harness();
    // upstream's fixture has maxUnavailable 0 even with maxSurge 0 (validation would refuse it)
    const d = h.createAt(newDeployment('web', replicas, { maxSurge: surge, maxUnavailable: 0 }), 0, true);
    const oldRS = h.createAt(newReplicaSet('web-old', oldReplicas, { owner: d, image: 'nginx:0.9' }), 0);
    const newRS = h.createAt(newReplicaSet('web-new', newReplicas, { owner: d }), 1000);
    h.mark();
    const scaled = reconcileNewReplicaSet(h.dc, [newRS, oldRS], newRS, deepClone(d));
    const label = `${replicas}/${surge}/${oldReplicas}/${newReplicas}`;
    assert.equal(scaled, expected !== undefined, label);
    if (expected === undefined) {
      assert.equal(h.actions().length, 0, label);
    } else {
      assert.equal(h.actions().length, 1, label);
      assert.equal(h.rs('web-new').spec!.replicas, expected, label);
    }
  }
});

test('TestDeploymentController_reconcileOldReplicaSets', () => {
  const rows: [
    replicas: number,
    maxUnavailable: number,
    old: number,
    new_: number,
    oldReady: number,
    newReady: number,
    expected?: number,
  ][] = [
    [10, 0, 10, 0, 10, 0, 9],
    [10, 2, 10, 0, 10, 0, 8],
    [10, 2, 10, 0, 8, 0, 8], // unhealthy replicas of old RSs are cleaned up
    [10, 2, 10, 0, 9, 0, 8], // 1 unhealthy cleaned up, 1 ready scaled down
    [10, 2, 8, 2, 8, 0], // the new RS's unavailable pods keep old RSs from going down
  ];
  for (const [replicas, mu, oldReplicas, newReplicas, oldReady, newReady, expected] of rows) {
    const h = harness();
    const d = h.createAt(newDeployment('web', replicas, { maxSurge: 0, maxUnavailable: mu }), 0, true);
    h.createAt(newReplicaSet('web-old', oldReplicas, { owner: d, image: 'nginx:0.9' }), 0);
    h.createAt(newReplicaSet('web-new', newReplicas, { owner: d }), 1000);
    h.setStatus('web-old', { replicas: oldReplicas, available: oldReady });
    h.setStatus('web-new', { replicas: newReplicas, available: newReady });
    const oldRS = h.rs('web-old');
    const newRS = h.rs('web-new');
    const scaled = reconcileOldReplicaSets(h.dc, [oldRS, newRS], [oldRS], newRS, deepClone(d));
    const label = `${replicas}/${mu}/${oldReplicas}/${newReplicas}/${oldReady}/${newReady}`;
    assert.equal(scaled, expected !== undefined, label);
    assert.equal(h.rs('web-old').spec!.replicas, expected ?? oldReplicas, label);
  }
});

test('TestDeploymentController_cleanupUnhealthyReplicas', () => {
  const rows: [old: number, ready: number, maxCleanup: number, expected: number][] = [
    [10, 8, 1, 1],
    [10, 8, 3, 2],
    [10, 8, 0, 0],
    [10, 10, 3, 0],
  ];
  for (const [old, ready, maxCleanup, expected] of rows) {
    const h = harness();
    const d = h.createAt(newDeployment('web', 10, { maxSurge: 2, maxUnavailable: 2 }), 0);
    h.createAt(newReplicaSet('web-old', old, { owner: d, image: 'nginx:0.9' }), 0);
    h.setStatus('web-old', { replicas: old, available: ready });
    const [, count] = cleanupUnhealthyReplicas(h.dc, [h.rs('web-old')], deepClone(d), maxCleanup);
    assert.equal(count, expected, `${old}/${ready}/${maxCleanup}`);
    assert.equal(h.rs('web-old').spec!.replicas, old - expected);
  }
});

test('TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate', () => {
  const rows: [replicas: number, maxUnavailable: number, ready: number, old: number, expected?: number][] = [
    [10, 0, 10, 10, 9],
    [10, 2, 10, 10, 8],
    [10, 2, 8, 10],
    [10, 2, 10, 0],
    [10, 2, 1, 10],
  ];
  for (const [replicas, mu, ready, old, expected] of rows) {
    const h = harness();
    const d = h.createAt(newDeployment('web', replicas, { maxSurge: 0, maxUnavailable: mu }), 0, true);
    h.createAt(newReplicaSet('web-old', old, { owner: d, image: 'nginx:0.9' }), 0);
    h.setStatus('web-old', { replicas: Math.max(old, ready), available: ready }); // pods still terminating
    h.mark();
    const rs = h.rs('web-old');
    const n = scaleDownOldReplicaSetsForRollingUpdate(h.dc, [rs], [rs], deepClone(d));
    const label = `${replicas}/${mu}/${ready}/${old}`;
    assert.equal(n > 0, expected !== undefined, label);
    assert.equal(
      h.actions().filter((a) => a.verb === 'update').length,
      expected === undefined ? 0 : 1,
      label,
    );
    assert.equal(h.rs('web-old').spec!.replicas, expected ?? old, label);
  }
});

test('rolling.go worked example, case 1: a crashlooping new RS blocks scale-down; after undo 4 bad pods go', () => {
  const h = harness();
  const d = h.createAt(newDeployment('web', 10, { maxSurge: 3, maxUnavailable: 2 }), 0);
  h.createAt(newReplicaSet('web-good', 8, { owner: d, image: 'nginx:0.9' }), 0);
  h.createAt(newReplicaSet('web-bad', 5, { owner: d }), 1000);
  h.setStatus('web-good', { replicas: 8, available: 7 }); // a node failure took one old pod
  h.setStatus('web-bad', { replicas: 5, available: 0 });
  let good = h.rs('web-good');
  let bad = h.rs('web-bad');
  // allPods 13, minAvailable 8, newUnavailable 5 → maxScaledDown 0
  assert.equal(reconcileOldReplicaSets(h.dc, [good, bad], [good], bad, deepClone(d)), false);
  // rollout undo: the good RS is the new one now (newUnavailable 1) → 13 − 8 − 1 = 4 crashlooping pods go
  good = h.rs('web-good');
  bad = h.rs('web-bad');
  assert.equal(reconcileOldReplicaSets(h.dc, [good, bad], [bad], good, deepClone(d)), true);
  assert.equal(h.rs('web-bad').spec!.replicas, 1);
});

test('rolling.go worked example, case 2: rolling over to a third template removes 5 unhealthy replicas', () => {
  const h = harness();
  const d = h.createAt(newDeployment('web', 10, { maxSurge: 3, maxUnavailable: 2 }), 0);
  h.createAt(newReplicaSet('web-good', 8, { owner: d, image: 'nginx:0.8' }), 0);
  h.createAt(newReplicaSet('web-bad', 5, { owner: d, image: 'nginx:0.9' }), 1000);
  h.createAt(newReplicaSet('web-third', 0, { owner: d }), 2000);
  h.setStatus('web-good', { replicas: 8, available: 8 });
  h.setStatus('web-bad', { replicas: 5, available: 0 });
  const [good, bad, third] = [h.rs('web-good'), h.rs('web-bad'), h.rs('web-third')];
  // the new RS starts at 0 because 13 ≥ 13
  assert.equal(reconcileNewReplicaSet(h.dc, [good, bad, third], third, deepClone(d)), false);
  assert.equal(reconcileOldReplicaSets(h.dc, [good, bad, third], [good, bad], third, deepClone(d)), true);
  assert.equal(h.rs('web-bad').spec!.replicas, 0);
  assert.equal(h.rs('web-good').spec!.replicas, 8);
});

/** Sizes "old/new" after each sync that changed a size; new pods become available between syncs. */
function rolloutSequence(
  replicas: number,
  opts: DeploymentOptions,
  badImage = false,
): { seq: string[]; h: Harness } {
  const h = harness();
  h.createAt(newDeployment('web', replicas, opts), 0);
  const settle = (available: (name: string) => boolean) => {
    for (const rs of h.rsList()) {
      const spec = rs.spec!.replicas!;
      h.setStatus(rs.metadata.name, {
        replicas: spec,
        ready: available(rs.metadata.name) ? spec : 0,
        available: available(rs.metadata.name) ? spec : 0,
      });
    }
  };
  for (let i = 0; i < 6; i++) {
    settle(() => true);
    syncOnce(h.dc);
  }
  const oldName = h.rsList()[0].metadata.name;
  const next = deepClone(h.deployment());
  next.spec!.template!.spec!.containers[0].image = 'nginx:2.0';
  h.c.runtime.now = 10_000;
  h.c.store.update(next);
  const sizes = () => {
    const old = h.rs(oldName)?.spec?.replicas ?? 0; // deleted by the history cleanup
    const n = h.rsList().find((r) => r.metadata.name !== oldName)?.spec?.replicas ?? 0;
    return `${old}/${n}`;
  };
  const seq: string[] = [];
  let quiet = 0;
  for (let i = 0; i < 40 && quiet < 3; i++) {
    const before = sizes();
    const err = syncOnce(h.dc);
    const after = sizes();
    if (after !== before) seq.push(after);
    quiet = after === before && !err ? quiet + 1 : 0;
    settle((name) => name === oldName || !badImage);
  }
  return { seq, h };
}

const sequences: [replicas: number, surge: IntOrString, unavailable: IntOrString, expected: string[]][] = [
  [3, '25%', '25%', ['3/1', '2/1', '2/2', '1/2', '1/3', '0/3']],
  [10, '25%', '25%', ['8/3', '8/5', '3/5', '3/10', '0/10']],
  [4, '25%', '25%', ['3/1', '3/2', '1/2', '1/4', '0/4']],
  [2, 0, 1, ['1/0', '1/1', '0/1', '0/2']],
  [2, '0%', '1%', ['1/0', '1/1', '0/1', '0/2']],
  [1, '25%', '25%', ['1/1', '0/1']],
];

for (const [replicas, surge, unavailable, expected] of sequences) {
  test(`§6.5 per-sync sizes: ${replicas} replicas, ${surge}/${unavailable} → ${expected.join('; ')}`, () => {
    const { seq, h } = rolloutSequence(replicas, { maxSurge: surge, maxUnavailable: unavailable });
    assert.deepEqual(seq, expected);
    const s = h.deployment().status!;
    assert.deepEqual([s.replicas, s.updatedReplicas, s.availableReplicas], [replicas, replicas, replicas]);
  });
}

const stuck: [replicas: number, expected: string][] = [
  [3, '3/1'],
  [4, '3/2'],
  [10, '8/5'],
  [20, '15/10'],
];

for (const [replicas, expected] of stuck) {
  test(`§6.5 bad image (new pods never available): ${replicas} replicas stall at ${expected}`, () => {
    const { seq, h } = rolloutSequence(replicas, {}, true);
    assert.equal(seq[seq.length - 1], expected);
    const s = h.deployment().status!;
    assert.equal(s.updatedReplicas, Number(expected.split('/')[1]));
  });
}

test('an old RS scaled to 0 is cleaned up on a later sync once the stored status is complete (revisionHistoryLimit 0)', () => {
  const { h } = rolloutSequence(3, { revisionHistoryLimit: 0 });
  assert.equal(h.rsList().length, 1, 'only the new RS remains');
});

test('a rollout emits the 1.28 events in order (3 replicas)', () => {
  const { h } = rolloutSequence(3, {});
  const names = h.rsList().map((r) => r.metadata.name);
  const events = h.events();
  const [first] = events;
  assert.match(first, /^ScalingReplicaSet: Scaled up replica set web-[4-9bcdf]+ to 3$/);
  const rest = events.slice(1).map((e) => e.replace(/web-[4-9bcdf]+/, (m) => (names.includes(m) ? m : '?')));
  const newName = h.rsList().find((r) => r.spec!.replicas === 3)!.metadata.name;
  const oldName = first.match(/web-[4-9bcdf]+/)![0];
  assert.deepEqual(rest, [
    `ScalingReplicaSet: Scaled up replica set ${newName} to 1`,
    `ScalingReplicaSet: Scaled down replica set ${oldName} to 2 from 3`,
    `ScalingReplicaSet: Scaled up replica set ${newName} to 2 from 1`,
    `ScalingReplicaSet: Scaled down replica set ${oldName} to 1 from 2`,
    `ScalingReplicaSet: Scaled up replica set ${newName} to 3 from 2`,
    `ScalingReplicaSet: Scaled down replica set ${oldName} to 0 from 1`,
  ]);
});
