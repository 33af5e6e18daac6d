import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, DeploymentStatus } from '../../api/types';
import { rolloutStatusMessage } from './status';

const dep = (
  generation: number,
  replicas: number,
  status: DeploymentStatus,
  revision?: string,
): Deployment => ({
  metadata: {
    name: 'foo',
    generation,
    ...(revision ? { annotations: { 'deployment.kubernetes.io/revision': revision } } : {}),
  },
  spec: { replicas, selector: { matchLabels: { app: 'foo' } }, template: {} },
  status,
});

test('TestDeploymentStatusViewerStatus', () => {
  const rows: [Deployment, string, boolean][] = [
    [
      dep(0, 1, { observedGeneration: 1, replicas: 1, updatedReplicas: 0, availableReplicas: 1 }),
      'Waiting for deployment "foo" rollout to finish: 0 out of 1 new replicas have been updated...\n',
      false,
    ],
    [
      dep(1, 1, { observedGeneration: 1, replicas: 2, updatedReplicas: 1, availableReplicas: 2 }),
      'Waiting for deployment "foo" rollout to finish: 1 old replicas are pending termination...\n',
      false,
    ],
    [
      dep(1, 2, {
        observedGeneration: 1,
        replicas: 2,
        updatedReplicas: 2,
        availableReplicas: 1,
        unavailableReplicas: 1,
      }),
      'Waiting for deployment "foo" rollout to finish: 1 of 2 updated replicas are available...\n',
      false,
    ],
    [
      dep(1, 2, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }),
      'deployment "foo" successfully rolled out\n',
      true,
    ],
    [
      dep(2, 2, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }),
      'Waiting for deployment spec update to be observed...\n',
      false,
    ],
  ];
  for (const [d, message, done] of rows) assert.deepEqual(rolloutStatusMessage(d), { message, done });
});

test('rollout status: the spec §13.2 docs example prints 1 out of 3 new replicas', () => {
  const d = dep(2, 3, {
    observedGeneration: 2,
    replicas: 4,
    updatedReplicas: 1,
    readyReplicas: 3,
    availableReplicas: 3,
  });
  assert.equal(
    rolloutStatusMessage(d).message,
    'Waiting for deployment "foo" rollout to finish: 1 out of 3 new replicas have been updated...\n',
  );
});

test('rollout status errors: progress deadline exceeded, --revision mismatch', () => {
  const timedOut = dep(1, 3, {
    observedGeneration: 1,
    replicas: 3,
    updatedReplicas: 1,
    conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
  });
  assert.deepEqual(rolloutStatusMessage(timedOut), {
    message: '',
    done: false,
    error: 'deployment "foo" exceeded its progress deadline',
  });
  const d = dep(1, 2, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }, '2');
  assert.equal(
    rolloutStatusMessage(d, 3).error,
    'desired revision (3) is different from the running revision (2)',
  );
  assert.equal(rolloutStatusMessage(d, 2).done, true);
  assert.equal(rolloutStatusMessage(d, 0).done, true);
});
