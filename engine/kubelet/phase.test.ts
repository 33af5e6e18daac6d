import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerStatus, PodSpec } from '../api/types';
import { getPhase, containersReadyCondition, initializedCondition, podReadyCondition } from './phase';

const spec = (restartPolicy = 'Always', init = false): PodSpec => ({
  restartPolicy,
  containers: [{ name: 'c' }],
  ...(init ? { initContainers: [{ name: 'i' }] } : {}),
});
const waiting = (reason: string, last?: number): ContainerStatus => ({
  name: 'c',
  image: 'x',
  imageID: '',
  ready: false,
  restartCount: last === undefined ? 0 : 1,
  state: { waiting: { reason } },
  lastState: last === undefined ? {} : { terminated: { exitCode: last } },
});
const running: ContainerStatus = {
  name: 'c',
  image: 'x',
  imageID: '',
  ready: true,
  restartCount: 0,
  state: { running: {} },
};
const terminated = (exitCode: number, name = 'c'): ContainerStatus => ({
  name,
  image: 'x',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { terminated: { exitCode } },
});

test('getPhase (§13.1), one container', () => {
  const table: [string, PodSpec, ContainerStatus[], boolean, string][] = [
    ['ContainerCreating', spec(), [waiting('ContainerCreating')], false, 'Pending'],
    ['ErrImagePull', spec(), [waiting('ErrImagePull')], false, 'Pending'],
    ['ImagePullBackOff', spec(), [waiting('ImagePullBackOff')], false, 'Pending'],
    ['running', spec(), [running], false, 'Running'],
    ['CrashLoopBackOff (waiting with lastState)', spec(), [waiting('CrashLoopBackOff', 1)], false, 'Running'],
    ['exited, Always, not terminal: restarting', spec(), [terminated(1)], false, 'Running'],
    ['exited 0, terminal (deleted)', spec(), [terminated(0)], true, 'Succeeded'],
    ['exited 137, terminal', spec(), [terminated(137)], true, 'Failed'],
    ['CrashLoopBackOff, terminal', spec(), [waiting('CrashLoopBackOff', 1)], true, 'Failed'],
    ['never ran, terminal', spec(), [waiting('ImagePullBackOff')], true, 'Pending'],
    ['no status', spec(), [], false, 'Pending'],
    ['Never, exited 0', spec('Never'), [terminated(0)], false, 'Succeeded'],
    ['Never, exited 1', spec('Never'), [terminated(1)], false, 'Failed'],
    ['OnFailure, exited 1 (restarting)', spec('OnFailure'), [terminated(1)], false, 'Running'],
  ];
  for (const [name, s, statuses, terminal, want] of table)
    assert.equal(getPhase(s, [], statuses, terminal), want, name);
});

test('getPhase with init containers', () => {
  const initRunning: ContainerStatus = { ...running, name: 'i', ready: false };
  assert.equal(getPhase(spec('Always', true), [initRunning], [waiting('PodInitializing')], false), 'Pending');
  assert.equal(getPhase(spec('Always', true), [terminated(0, 'i')], [running], false), 'Running');
  assert.equal(
    getPhase(spec('Never', true), [terminated(1, 'i')], [waiting('PodInitializing')], false),
    'Failed',
  );
});

test('conditions: reasons and messages of generate.go', () => {
  const s: PodSpec = {
    containers: [{ name: 'a' }, { name: 'b' }],
    readinessGates: [{ conditionType: 'x/gate' }],
  };
  const a = { ...running, name: 'a' };
  const b = { ...running, name: 'b', ready: false };
  assert.deepEqual(containersReadyCondition(s, [a, b], 'Running'), {
    type: 'ContainersReady',
    status: 'False',
    reason: 'ContainersNotReady',
    message: 'containers with unready status: [b]',
  });
  assert.deepEqual(
    containersReadyCondition(s, [a], 'Pending').message,
    'containers with unknown status: [b]',
  );
  assert.deepEqual(podReadyCondition(s, [], [a, { ...b, ready: true }], 'Running'), {
    type: 'Ready',
    status: 'False',
    reason: 'ReadinessGatesNotReady',
    message: 'corresponding condition of pod readiness gate "x/gate" does not exist.',
  });
  assert.equal(
    podReadyCondition(s, [{ type: 'x/gate', status: 'True' }], [a, { ...b, ready: true }], 'Running').status,
    'True',
  );
  assert.deepEqual(containersReadyCondition(s, [a, b], 'Succeeded'), {
    type: 'ContainersReady',
    status: 'False',
    reason: 'PodCompleted',
  });
  assert.equal(containersReadyCondition(s, [a, b], 'Failed').reason, 'PodFailed');
  const si: PodSpec = { containers: [{ name: 'c' }], initContainers: [{ name: 'i' }] };
  assert.deepEqual(
    initializedCondition(
      si,
      [{ ...running, name: 'i', ready: false }, waiting('PodInitializing')],
      'Pending',
    ),
    {
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [i]',
    },
  );
});
