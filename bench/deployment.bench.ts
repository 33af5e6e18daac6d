/**
 * A Deployment of N replicas (RollingUpdate 25%/25%) created and settled, then given a new image
 * and settled to the end of the rollout. `rolloutMs` is the wall time of the rollout alone.
 */
import { createCluster } from '../engine';
import type { BenchCase } from './harness';

export const deploymentRollingUpdateBench: BenchCase = {
  name: 'deployment-rolling-update',
  sizes: [1_000, 10_000, 100_000],
  run(size) {
    const c = createCluster({ seed: 1 });
    const t0 = process.hrtime.bigint();
    c.store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: size,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
        },
      },
    });
    c.settle();
    const t1 = process.hrtime.bigint();
    const d = c.store.get('Deployment', 'default', 'web') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    const next = structuredClone(d);
    next.spec.template.spec.containers[0].image = 'nginx:1.26';
    c.store.update(next);
    c.settle();
    const t2 = process.hrtime.bigint();
    const after = c.store.get<{ status?: { updatedReplicas?: number; availableReplicas?: number } }>(
      'Deployment',
      'default',
      'web',
    );
    return {
      simulatedEvents: c.trace.records.length,
      virtualMs: c.now,
      createMs: Math.round(Number(t1 - t0) / 1e5) / 10,
      rolloutMs: Math.round(Number(t2 - t1) / 1e5) / 10,
      updatedReplicas: after?.status?.updatedReplicas ?? 0,
      availableReplicas: after?.status?.availableReplicas ?? 0,
    };
  },
};
