import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../../cluster';
import type { Deployment, Pod } from '../../api/types';

test('a pod turned unready after a finished rollout does not keep the cluster from settling', () => {
  const c = createCluster({ seed: 3 });
  c.store.create<Deployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      progressDeadlineSeconds: 60,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] },
      },
    },
  });
  c.settle();
  const pod = c.store.list<Pod>('Pod')[0];
  c.faults.setReadiness(pod.metadata.uid, false);
  // Past the 60 s deadline the controller re-checks for ever (reason NewReplicaSetAvailable never
  // times out); those checks are background work, so settling ends instead of livelocking.
  c.settle();
  c.advance(120_000);
  c.settle();
  const d = c.store.get<Deployment>('Deployment', 'default', 'web')!;
  const progressing = d.status?.conditions?.find((x) => x.type === 'Progressing');
  assert.equal(progressing?.reason, 'NewReplicaSetAvailable');
  assert.equal(d.status?.availableReplicas, 1);
});
