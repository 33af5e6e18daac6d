import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerStatus, Pod } from '../api/types';
import { humanDuration, podColumns, podStatusReason } from './status';
import { toTimestamp } from '../api/time';

const cs = (
  name: string,
  state: ContainerStatus['state'],
  extra: Partial<ContainerStatus> = {},
): ContainerStatus => ({
  name,
  image: 'nginx',
  imageID: '',
  ready: false,
  restartCount: 0,
  state,
  ...extra,
});

function pod(
  statuses: ContainerStatus[],
  extra: {
    phase?: string;
    reason?: string;
    deleting?: boolean;
    init?: ContainerStatus[];
    ready?: boolean;
  } = {},
): Pod {
  const names = statuses.map((s) => ({ name: s.name }));
  return {
    metadata: { name: 'p', ...(extra.deleting ? { deletionTimestamp: toTimestamp(30_000) } : {}) },
    spec: {
      containers: names.length ? names : [{ name: 'c' }],
      initContainers: extra.init?.map((s) => ({ name: s.name })),
    },
    status: {
      phase: extra.phase ?? 'Running',
      reason: extra.reason,
      containerStatuses: statuses,
      initContainerStatuses: extra.init,
      conditions: [{ type: 'Ready', status: extra.ready ? 'True' : 'False' }],
    },
  };
}

test('STATUS column (printPod)', () => {
  const table: [string, Pod, string][] = [
    ['pending, no statuses', pod([], { phase: 'Pending' }), 'Pending'],
    [
      'ContainerCreating',
      pod([cs('c', { waiting: { reason: 'ContainerCreating' } })], { phase: 'Pending' }),
      'ContainerCreating',
    ],
    [
      'ErrImagePull',
      pod([cs('c', { waiting: { reason: 'ErrImagePull' } })], { phase: 'Pending' }),
      'ErrImagePull',
    ],
    [
      'ImagePullBackOff',
      pod([cs('c', { waiting: { reason: 'ImagePullBackOff' } })], { phase: 'Pending' }),
      'ImagePullBackOff',
    ],
    ['CrashLoopBackOff', pod([cs('c', { waiting: { reason: 'CrashLoopBackOff' } })]), 'CrashLoopBackOff'],
    ['Running', pod([cs('c', { running: {} }, { ready: true })], { ready: true }), 'Running'],
    ['Terminating', pod([cs('c', { running: {} }, { ready: true })], { deleting: true }), 'Terminating'],
    [
      'Completed',
      pod([cs('c', { terminated: { exitCode: 0, reason: 'Completed' } })], { phase: 'Succeeded' }),
      'Completed',
    ],
    [
      'Succeeded while deleting is not Terminating',
      pod([cs('c', { terminated: { exitCode: 0, reason: 'Completed' } })], {
        phase: 'Succeeded',
        deleting: true,
      }),
      'Completed',
    ],
    ['Error', pod([cs('c', { terminated: { exitCode: 1, reason: 'Error' } })], { phase: 'Failed' }), 'Error'],
    ['ExitCode', pod([cs('c', { terminated: { exitCode: 3 } })], { phase: 'Failed' }), 'ExitCode:3'],
    ['Signal', pod([cs('c', { terminated: { exitCode: 137, signal: 9 } })], { phase: 'Failed' }), 'Signal:9'],
    [
      'Evicted',
      pod([cs('c', { terminated: { exitCode: 137, reason: 'Error' } })], {
        phase: 'Failed',
        reason: 'Evicted',
      }),
      'Error',
    ],
    ['Evicted, no container statuses', pod([], { phase: 'Failed', reason: 'Evicted' }), 'Evicted'],
    [
      'last container wins',
      pod([cs('a', { waiting: { reason: 'ErrImagePull' } }), cs('b', { running: {} }, { ready: true })]),
      'ErrImagePull',
    ],
    [
      'Completed + running → Running',
      pod(
        [
          cs('a', { running: {} }, { ready: true }),
          cs('b', { terminated: { exitCode: 0, reason: 'Completed' } }),
        ],
        { ready: true },
      ),
      'Running',
    ],
    [
      'Completed + running, pod not ready → NotReady',
      pod([
        cs('a', { running: {} }, { ready: true }),
        cs('b', { terminated: { exitCode: 0, reason: 'Completed' } }),
      ]),
      'NotReady',
    ],
    [
      'Init:0/1',
      pod([cs('c', { waiting: { reason: 'PodInitializing' } })], {
        phase: 'Pending',
        init: [cs('i', { running: {} })],
      }),
      'Init:0/1',
    ],
    [
      'Init:0/1 while PodInitializing',
      pod([cs('c', { waiting: { reason: 'PodInitializing' } })], {
        phase: 'Pending',
        init: [cs('i', { waiting: { reason: 'PodInitializing' } })],
      }),
      'Init:0/1',
    ],
    [
      'Init:CrashLoopBackOff',
      pod([cs('c', { waiting: { reason: 'PodInitializing' } })], {
        phase: 'Pending',
        init: [cs('i', { waiting: { reason: 'CrashLoopBackOff' } })],
      }),
      'Init:CrashLoopBackOff',
    ],
    [
      'Init:Error',
      pod([cs('c', { waiting: { reason: 'PodInitializing' } })], {
        phase: 'Pending',
        init: [cs('i', { terminated: { exitCode: 1, reason: 'Error' } })],
      }),
      'Init:Error',
    ],
    [
      'init done → container reason',
      pod([cs('c', { running: {} }, { ready: true })], {
        ready: true,
        init: [cs('i', { terminated: { exitCode: 0, reason: 'Completed' } })],
      }),
      'Running',
    ],
  ];
  for (const [name, p, want] of table) assert.equal(podStatusReason(p, 60_000), want, name);
});

test('READY and RESTARTS columns', () => {
  const p = pod([
    cs(
      'a',
      { running: {} },
      {
        ready: true,
        restartCount: 2,
        lastState: { terminated: { exitCode: 1, finishedAt: toTimestamp(55_000) } },
      },
    ),
    cs(
      'b',
      { waiting: { reason: 'CrashLoopBackOff' } },
      { restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: toTimestamp(10_000) } } },
    ),
  ]);
  assert.deepEqual(podColumns(p, 60_000), {
    ready: '1/2',
    status: 'CrashLoopBackOff',
    restarts: '3 (5s ago)',
  });
  assert.equal(podColumns(pod([cs('c', { running: {} }, { ready: true })]), 0).restarts, '0');
});

test('humanDuration (apimachinery duration.HumanDuration)', () => {
  const table: [number, string][] = [
    [-5_000, '<invalid>'],
    [-1_000, '0s'],
    [0, '0s'],
    [5_000, '5s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [125_000, '2m5s'],
    [600_000, '10m'],
    [3 * 3600_000 - 1, '179m'],
    [3 * 3600_000, '3h'],
    [5.5 * 3600_000, '5h30m'],
    [47 * 3600_000, '47h'],
    [76 * 3600_000, '3d4h'],
    [30 * 24 * 3600_000, '30d'],
    [(2 * 365 + 30) * 24 * 3600_000, '2y30d'],
    [9 * 365 * 24 * 3600_000, '9y'],
  ];
  for (const [ms, want] of table) assert.equal(humanDuration(ms), want, String(ms));
});
