import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatefulSet } from '../../api/types';
import { statefulSetRolloutStatus } from './rollout_status';

function sts(
  spec: Partial<NonNullable<StatefulSet['spec']>>,
  status: NonNullable<StatefulSet['status']>,
  generation = 1,
): StatefulSet {
  return {
    metadata: { name: 'web', generation },
    spec: { replicas: 3, serviceName: '', selector: {}, template: {}, ...spec },
    status,
  };
}

const rolling = { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } };
const nilRolling = { updateStrategy: { type: 'RollingUpdate' } };

test('statefulSetRolloutStatus prints kubectl StatefulSetStatusViewer lines', () => {
  const cases: [StatefulSet, string, boolean][] = [
    [sts(rolling, { replicas: 0 }), 'Waiting for statefulset spec update to be observed...\n', false],
    [
      sts(rolling, { replicas: 3, observedGeneration: 1 }, 2),
      'Waiting for statefulset spec update to be observed...\n',
      false,
    ],
    [
      sts(rolling, { replicas: 3, observedGeneration: 1, readyReplicas: 2 }),
      'Waiting for 1 pods to be ready...\n',
      false,
    ],
    [
      sts(
        { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } },
        { replicas: 3, observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1 },
      ),
      'Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...\n',
      false,
    ],
    [
      sts(
        { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } },
        { replicas: 3, observedGeneration: 1, readyReplicas: 3, updatedReplicas: 2 },
      ),
      'partitioned roll out complete: 2 new pods have been updated...\n',
      true,
    ],
    [
      sts(rolling, { replicas: 3, observedGeneration: 1, readyReplicas: 3, updatedReplicas: 3 }),
      'partitioned roll out complete: 3 new pods have been updated...\n',
      true,
    ],
    [
      sts(nilRolling, {
        replicas: 3,
        observedGeneration: 1,
        readyReplicas: 3,
        updatedReplicas: 2,
        currentRevision: 'web-6c8b',
        updateRevision: 'web-7d4f8b',
      }),
      'waiting for statefulset rolling update to complete 2 pods at revision web-7d4f8b...\n',
      false,
    ],
    [
      sts(nilRolling, {
        replicas: 3,
        observedGeneration: 1,
        readyReplicas: 3,
        updatedReplicas: 3,
        currentReplicas: 3,
        currentRevision: 'web-7d4f8b',
        updateRevision: 'web-7d4f8b',
      }),
      'statefulset rolling update complete 3 pods at revision web-7d4f8b...\n',
      true,
    ],
  ];
  for (const [s, message, done] of cases) assert.deepEqual(statefulSetRolloutStatus(s), { message, done });
});

test('statefulSetRolloutStatus: OnDelete is an error', () => {
  assert.deepEqual(
    statefulSetRolloutStatus(
      sts({ updateStrategy: { type: 'OnDelete' } }, { replicas: 3, observedGeneration: 1 }),
    ),
    {
      message: '',
      done: true,
      error: 'rollout status is only available for RollingUpdate strategy type',
    },
  );
});
