import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types';
import { toTimestamp } from '../../api/time';
import {
  POD_DELETION_COST,
  deletionCost,
  getPodsToDelete,
  lessActivePodsWithRanks,
  logarithmicRank,
  rankByRelatedPodsOnSameNode,
  sortActivePodsWithRanks,
} from './ranking';

const HOUR = 3_600_000;
/** "now" of the ranking tables: 40 days into the virtual epoch, so a month ago is still after it. */
const NOW = 40 * 24 * HOUR;

interface PodSpec {
  node?: string;
  phase?: string;
  ready?: boolean;
  readySince?: number;
  created?: number;
  restarts?: number;
  annotations?: Record<string, string>;
}

function pod(name: string, s: PodSpec = {}): Pod {
  const conditions =
    s.ready === undefined
      ? undefined
      : [
          {
            type: 'Ready',
            status: s.ready ? 'True' : 'False',
            lastTransitionTime: s.readySince === undefined ? undefined : toTimestamp(s.readySince),
          },
        ];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      creationTimestamp: s.created === undefined ? undefined : toTimestamp(s.created),
      annotations: s.annotations,
    },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: s.node },
    status: {
      phase: s.phase,
      conditions,
      containerStatuses:
        s.restarts === undefined
          ? undefined
          : [
              {
                name: 'c',
                image: 'nginx',
                imageID: '',
                ready: !!s.ready,
                restartCount: s.restarts,
              },
            ],
    },
  };
}

const names = (pods: readonly Pod[]) => pods.map((p) => p.metadata!.name);

// TestGetPodsToDelete (pkg/controller/replicaset/replica_set_test.go).
const unscheduledPending = pod('unscheduled-pending-pod', { phase: 'Pending' });
const scheduledPending = pod('scheduled-pending-pod', { phase: 'Pending', node: 'fake-node' });
const runningNotReady = pod('scheduled-running-not-ready-pod', {
  phase: 'Running',
  node: 'fake-node',
  ready: false,
});
const readyOnNode1 = pod('scheduled-running-ready-pod-on-node-1', {
  phase: 'Running',
  node: 'fake-node-1',
  ready: true,
});
const readyOnNode2 = pod('scheduled-running-ready-pod-on-node-2', {
  phase: 'Running',
  node: 'fake-node-2',
  ready: true,
});

const getPodsToDeleteCases: {
  name: string;
  pods: Pod[];
  related?: Pod[];
  diff: number;
  want: Pod[];
}[] = [
  { name: 'len(pods) = 0 (i.e., diff = 0 too)', pods: [], diff: 0, want: [] },
  {
    name: 'diff = len(pods): all, in the given order',
    pods: [runningNotReady, readyOnNode1],
    diff: 2,
    want: [runningNotReady, readyOnNode1],
  },
  { name: 'diff < len(pods)', pods: [readyOnNode1, runningNotReady], diff: 1, want: [runningNotReady] },
  {
    name: 'various pod phases and conditions, diff = len(pods)',
    pods: [readyOnNode1, readyOnNode1, readyOnNode2, runningNotReady, scheduledPending, unscheduledPending],
    diff: 6,
    want: [readyOnNode1, readyOnNode1, readyOnNode2, runningNotReady, scheduledPending, unscheduledPending],
  },
  {
    name: 'various pod phases and conditions, diff = len(pods), relatedPods empty',
    pods: [readyOnNode1, readyOnNode1, readyOnNode2, runningNotReady, scheduledPending, unscheduledPending],
    related: [],
    diff: 6,
    want: [readyOnNode1, readyOnNode1, readyOnNode2, runningNotReady, scheduledPending, unscheduledPending],
  },
  {
    name: 'scheduled vs unscheduled, diff < len(pods)',
    pods: [scheduledPending, unscheduledPending],
    diff: 1,
    want: [unscheduledPending],
  },
  {
    name: 'ready vs not-ready, diff < len(pods)',
    pods: [readyOnNode1, runningNotReady, runningNotReady],
    diff: 2,
    want: [runningNotReady, runningNotReady],
  },
  {
    name: 'ready and colocated with another ready pod vs not colocated, diff < len(pods)',
    pods: [readyOnNode1, readyOnNode2],
    related: [readyOnNode1, readyOnNode2, readyOnNode2],
    diff: 1,
    want: [readyOnNode2],
  },
  {
    name: 'pending vs running, diff < len(pods)',
    pods: [scheduledPending, runningNotReady],
    diff: 1,
    want: [scheduledPending],
  },
  {
    name: 'various pod phases and conditions, diff < len(pods)',
    pods: [readyOnNode1, readyOnNode2, runningNotReady, scheduledPending, unscheduledPending],
    diff: 3,
    want: [unscheduledPending, scheduledPending, runningNotReady],
  },
];

for (const c of getPodsToDeleteCases) {
  test(`getPodsToDelete: ${c.name}`, () => {
    const got = getPodsToDelete(c.pods, c.related ?? c.pods, c.diff, NOW);
    assert.deepEqual(names(got), names(c.want));
  });
}

test('getPodsToDelete returns a copy even when deleting everything', () => {
  const pods = [runningNotReady, readyOnNode1];
  const got = getPodsToDelete(pods, pods, 2, NOW);
  assert.notEqual(got, pods);
  assert.deepEqual(got, pods);
});

// TestSortingActivePodsWithRanks (pkg/controller/controller_utils_test.go).
const now = NOW;
const then1Month = NOW - 30 * 24 * HOUR;
const then2Hours = NOW - 2 * HOUR;
const then5Hours = NOW - 5 * HOUR;
const then8Hours = NOW - 8 * HOUR;
const p = {
  unscheduled: pod('unscheduled', { phase: 'Pending' }),
  scheduledPending: pod('pending', { node: 'node', phase: 'Pending' }),
  unknownPhase: pod('unknown-phase', { node: 'node', phase: 'Unknown' }),
  runningNotReady: pod('not-ready', { node: 'node', phase: 'Running' }),
  readyNoLastTransitionTime: pod('ready-no-last-transition-time', {
    node: 'node',
    phase: 'Running',
    ready: true,
    restarts: 0,
  }),
  readyNow: pod('ready-now', {
    node: 'node',
    phase: 'Running',
    ready: true,
    restarts: 0,
    readySince: now,
    created: now,
  }),
  readyThen: pod('ready-then', {
    node: 'node',
    phase: 'Running',
    ready: true,
    restarts: 0,
    readySince: then1Month,
    created: then1Month,
  }),
  readyNowHighRestarts: pod('ready-high-restarts', {
    node: 'node',
    phase: 'Running',
    ready: true,
    restarts: 9001,
    readySince: now,
    created: now,
  }),
  readyNowCreatedThen: pod('ready-now-created-then', {
    node: 'node',
    phase: 'Running',
    ready: true,
    restarts: 0,
    readySince: now,
    created: then1Month,
  }),
  lowDeletionCost: pod('low-deletion-cost', {
    node: 'node',
    phase: 'Running',
    ready: true,
    restarts: 0,
    readySince: now,
    created: then1Month,
    annotations: { [POD_DELETION_COST]: '10' },
  }),
  highDeletionCost: pod('high-deletion-cost', {
    node: 'node',
    phase: 'Running',
    ready: true,
    restarts: 0,
    readySince: now,
    created: then1Month,
    annotations: { [POD_DELETION_COST]: '100' },
  }),
  unscheduled5Hours: pod('unscheduled-5-hours', { phase: 'Pending', created: then5Hours }),
  unscheduled8Hours: pod('unscheduled-10-hours', { phase: 'Pending', created: then8Hours }),
  ready2Hours: pod('ready-2-hours', {
    phase: 'Running',
    ready: true,
    restarts: 0,
    readySince: then2Hours,
    created: then1Month,
  }),
  ready5Hours: pod('ready-5-hours', {
    phase: 'Running',
    ready: true,
    restarts: 0,
    readySince: then5Hours,
    created: then1Month,
  }),
  ready8Hours: pod('ready-10-hours', {
    phase: 'Running',
    ready: true,
    restarts: 0,
    readySince: then8Hours,
    created: then1Month,
  }),
};

const inequality: {
  lesser: [Pod, number];
  greater: [Pod, number];
  gates?: { podDeletionCost: boolean; logarithmicScaleDown: boolean };
}[] = [
  { lesser: [p.unscheduled, 1], greater: [p.scheduledPending, 2] },
  { lesser: [p.unscheduled, 2], greater: [p.scheduledPending, 1] },
  { lesser: [p.scheduledPending, 1], greater: [p.unknownPhase, 2] },
  { lesser: [p.unknownPhase, 1], greater: [p.runningNotReady, 2] },
  { lesser: [p.runningNotReady, 1], greater: [p.readyNoLastTransitionTime, 1] },
  { lesser: [p.readyNoLastTransitionTime, 1], greater: [p.readyNow, 1] },
  { lesser: [p.readyNow, 2], greater: [p.readyNoLastTransitionTime, 1] },
  { lesser: [p.readyNow, 1], greater: [p.readyThen, 1] },
  { lesser: [p.readyNow, 2], greater: [p.readyThen, 1] },
  { lesser: [p.readyNowHighRestarts, 1], greater: [p.readyNow, 1] },
  { lesser: [p.readyNow, 2], greater: [p.readyNowHighRestarts, 1] },
  { lesser: [p.readyNow, 1], greater: [p.readyNowCreatedThen, 1] },
  { lesser: [p.readyNowCreatedThen, 2], greater: [p.readyNow, 1] },
  { lesser: [p.lowDeletionCost, 2], greater: [p.highDeletionCost, 1] },
  {
    lesser: [p.highDeletionCost, 2],
    greater: [p.lowDeletionCost, 1],
    gates: { podDeletionCost: false, logarithmicScaleDown: true },
  },
  { lesser: [p.ready2Hours, 1], greater: [p.ready5Hours, 1] },
];

inequality.forEach((c, i) => {
  const [a, ra] = c.lesser;
  const [b, rb] = c.greater;
  test(`ActivePodsWithRanks.Less inequality ${i}: ${a.metadata!.name}@${ra} < ${b.metadata!.name}@${rb}`, () => {
    assert.equal(lessActivePodsWithRanks(a, ra, b, rb, now, c.gates), true);
    assert.equal(lessActivePodsWithRanks(b, rb, a, ra, now, c.gates), false);
  });
});

// Upstream's equality cases: a pod against itself is never less; two pods in the same log2 bucket
// (created 5 h and 8 h ago; Ready 5 h and 8 h ago) are decided by the tie-break, here the name, where
// upstream compares UIDs.
for (const x of Object.values(p)) {
  test(`ActivePodsWithRanks.Less equality: ${x.metadata!.name} against itself`, () => {
    assert.equal(lessActivePodsWithRanks(x, 1, x, 1, now), false);
  });
}

for (const [a, b] of [
  [p.unscheduled5Hours, p.unscheduled8Hours],
  [p.ready5Hours, p.ready8Hours],
]) {
  test(`ActivePodsWithRanks.Less same log2 bucket: ${a.metadata!.name} vs ${b.metadata!.name} by name`, () => {
    // 'ready-10-hours' < 'ready-5-hours', so the 8-hour pod sorts first despite being older.
    assert.equal(lessActivePodsWithRanks(b, 1, a, 1, now), true);
    assert.equal(lessActivePodsWithRanks(a, 1, b, 1, now), false);
    const renamedA = { ...a, metadata: { ...a.metadata, name: 'a' } };
    assert.equal(lessActivePodsWithRanks(renamedA, 1, b, 1, now), true);
  });
}

test('log2 buckets of the ready times: 2 h → 42, 5 h and 8 h → 44 (nanoseconds)', () => {
  assert.equal(logarithmicRank(then2Hours, now), 42);
  assert.equal(logarithmicRank(then5Hours, now), 44);
  assert.equal(logarithmicRank(then8Hours, now), 44);
  assert.equal(logarithmicRank(now, now), -1);
});

test('without LogarithmicScaleDown the exact times decide: Ready 5 h ago before Ready 8 h ago', () => {
  const gates = { podDeletionCost: true, logarithmicScaleDown: false };
  assert.equal(lessActivePodsWithRanks(p.ready5Hours, 1, p.ready8Hours, 1, now, gates), true);
  assert.equal(lessActivePodsWithRanks(p.ready8Hours, 1, p.ready5Hours, 1, now, gates), false);
});

test('sorting the whole table gives the documented order', () => {
  const all = [
    p.readyThen,
    p.readyNow,
    p.unknownPhase,
    p.runningNotReady,
    p.unscheduled,
    p.scheduledPending,
    p.readyNowHighRestarts,
    p.readyNoLastTransitionTime,
  ];
  const sorted = sortActivePodsWithRanks(
    all,
    all.map(() => 1),
    now,
  );
  assert.deepEqual(names(sorted), [
    'unscheduled',
    'pending',
    'unknown-phase',
    'not-ready',
    'ready-no-last-transition-time',
    'ready-high-restarts',
    'ready-now',
    'ready-then',
  ]);
});

test('ranks count active related pods per node, terminating and failed ones excluded', () => {
  const a = pod('a', { node: 'n1', phase: 'Running' });
  const b = pod('b', { node: 'n1', phase: 'Running' });
  const failed = pod('failed', { node: 'n2', phase: 'Failed' });
  const terminating = pod('terminating', { node: 'n2', phase: 'Running' });
  terminating.metadata!.deletionTimestamp = toTimestamp(0);
  const c = pod('c', { node: 'n2', phase: 'Running' });
  assert.deepEqual(rankByRelatedPodsOnSameNode([a, c], [a, b, failed, terminating, c]), [2, 1]);
});

const costCases: [string | undefined, number][] = [
  [undefined, 0],
  ['10', 10],
  ['-5', -5],
  ['0', 0],
  ['+10', 0],
  ['008', 0],
  ['-007', -7],
  ['abc', 0],
  ['', 0],
  ['2147483647', 2147483647],
  ['2147483648', 0],
];
for (const [value, want] of costCases) {
  test(`pod-deletion-cost ${JSON.stringify(value)} → ${want}`, () => {
    const x = pod('x', { annotations: value === undefined ? undefined : { [POD_DELETION_COST]: value } });
    assert.equal(deletionCost(x), want);
  });
}
