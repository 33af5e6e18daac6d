/** The rollout arithmetic against deployment.md §4 and §8 (TestResolveFenceposts, TestScale). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from '../api/types';
import {
  maxUnavailableOf,
  proportionalSizes,
  resolveFenceposts,
  rolloutCeiling,
  rolloutFloor,
  templateKey,
} from './rollout';
import type { ScaleInput } from './rollout';

function deployment(
  replicas: number,
  maxSurge: number | string,
  maxUnavailable: number | string,
): Deployment {
  return {
    spec: {
      replicas,
      selector: {},
      template: {},
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
    },
  };
}

test('resolveFenceposts: surge rounds up, unavailable down, both zero makes unavailable 1', () => {
  const rows: [number | string, number | string, number, number, number][] = [
    ['39%', '39%', 10, 4, 3],
    ['0%', '0%', 0, 0, 1],
    [0, 0, 10, 0, 1],
    ['25%', '25%', 1, 1, 0],
    ['25%', '25%', 3, 1, 0],
    ['25%', '25%', 4, 1, 1],
    ['25%', '25%', 10, 3, 2],
    ['25%', '25%', 20, 5, 5],
  ];
  for (const [s, u, n, surge, unavailable] of rows)
    assert.deepEqual(resolveFenceposts(s, u, n), { surge, unavailable }, `${s}/${u} of ${n}`);
});

test('ceiling and floor: 25%/25% of 10 is 13 and 8; maxUnavailable is capped at replicas; Recreate has no surge', () => {
  assert.equal(rolloutCeiling(deployment(10, '25%', '25%')), 13);
  assert.equal(rolloutFloor(deployment(10, '25%', '25%')), 8);
  assert.equal(rolloutFloor(deployment(3, '25%', '25%')), 3);
  assert.equal(maxUnavailableOf(deployment(5, 0, 10)), 5);
  assert.equal(maxUnavailableOf(deployment(0, 1, 1)), 0);
  const recreate: Deployment = {
    spec: { replicas: 4, selector: {}, template: {}, strategy: { type: 'Recreate' } },
  };
  assert.equal(rolloutCeiling(recreate), 4);
});

test('templateKey ignores the pod-template-hash label', () => {
  const a = templateKey({ metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } } });
  const b = templateKey({ metadata: { labels: { app: 'web' } } });
  assert.equal(a, b);
  assert.notEqual(b, templateKey({ metadata: { labels: { app: 'db' } } }));
});

function rs(name: string, replicas: number, maxReplicas: number, created: number, isNew = false): ScaleInput {
  return {
    uid: name,
    name,
    created,
    replicas,
    available: replicas,
    maxReplicasAnnotation: maxReplicas,
    desiredReplicasAnnotation: maxReplicas,
    isNew,
  };
}

test('proportionalSizes: the TestScale numbers of deployment.md §8', () => {
  const sizes = (d: Deployment, sets: ScaleInput[]) =>
    Object.fromEntries(proportionalSizes(d, 0, sets) ?? new Map<string, number>());
  // 5→10 with new 2 / old 3 (surge 0) → 4 / 6
  assert.deepEqual(sizes(deployment(10, 0, 1), [rs('old', 3, 5, 0), rs('new', 2, 5, 1000, true)]), {
    old: 6,
    new: 4,
  });
  // 13→8 with 2/8/3 → 1/5/2
  assert.deepEqual(
    sizes(deployment(8, 0, 1), [rs('a', 2, 13, 0), rs('b', 8, 13, 1000), rs('c', 3, 13, 2000, true)]),
    { a: 1, b: 5, c: 2 },
  );
  // 3→4 with 1/1/1: the newest gets the leftover
  assert.deepEqual(
    sizes(deployment(4, 0, 1), [rs('a', 1, 3, 0), rs('b', 1, 3, 1000), rs('c', 1, 3, 2000, true)]),
    { a: 1, b: 1, c: 2 },
  );
  // 3→2: the oldest loses one
  assert.deepEqual(
    sizes(deployment(2, 0, 1), [rs('a', 1, 3, 0), rs('b', 1, 3, 1000), rs('c', 1, 3, 2000, true)]),
    { a: 0, b: 1, c: 1 },
  );
  // 10→20 with surge 2, 6/6 (max-replicas 12) → 11/11
  assert.deepEqual(sizes(deployment(20, 2, 1), [rs('a', 6, 12, 0), rs('b', 6, 12, 1000, true)]), {
    a: 11,
    b: 11,
  });
});

test('proportionalSizes does not apply to one active ReplicaSet, a saturated new one, or Recreate', () => {
  assert.equal(
    proportionalSizes(deployment(5, 1, 0), 3, [rs('a', 3, 4, 0), rs('b', 0, 4, 1, true)]),
    undefined,
  );
  const saturated = rs('b', 5, 5, 1, true);
  saturated.desiredReplicasAnnotation = 5;
  assert.equal(proportionalSizes(deployment(5, 1, 0), 6, [rs('a', 1, 6, 0), saturated]), undefined);
});
