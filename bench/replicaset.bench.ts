/** A ReplicaSet of N replicas created and settled, every pod through the scheduler and kubelet. */
import { createCluster } from '../engine';
import type { BenchCase } from './harness';

export const replicaSetBench: BenchCase = {
  name: 'replicaset-create-settle',
  sizes: [100, 1_000, 10_000, 100_000],
  run(size) {
    const c = createCluster({ seed: 1 });
    c.store.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: {
        replicas: size,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
        },
      },
    });
    c.settle();
    const rs = c.store.get<{ status?: { readyReplicas?: number } }>('ReplicaSet', 'default', 'web');
    return {
      simulatedEvents: c.trace.records.length,
      virtualMs: c.now,
      readyReplicas: rs?.status?.readyReplicas ?? 0,
    };
  },
};
