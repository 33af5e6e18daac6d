/**
 * An OrderedReady StatefulSet scaled from 0 to N (one pod at a time, each waiting for its
 * predecessor to be Running and Ready), settled, then rolled to a new image (highest ordinal first)
 * and settled. `rolloutMs` is the wall time of the rolling update alone.
 */
import { createCluster } from '../engine';
import type { BenchCase } from './harness';

export const statefulSetOrderedReadyBench: BenchCase = {
  name: 'statefulset-orderedready',
  sizes: [100, 1_000],
  run(size) {
    const c = createCluster({ seed: 1 });
    const t0 = process.hrtime.bigint();
    c.store.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: {
        replicas: 0,
        serviceName: 'web',
        podManagementPolicy: 'OrderedReady',
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
        },
      },
    });
    c.settle();
    type Sts = { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } };
    const scaled = structuredClone(c.store.get('StatefulSet', 'default', 'web') as unknown as Sts);
    scaled.spec.replicas = size;
    c.store.update(scaled as never);
    c.settle();
    const t1 = process.hrtime.bigint();
    const rolled = structuredClone(c.store.get('StatefulSet', 'default', 'web') as unknown as Sts);
    rolled.spec.template.spec.containers[0].image = 'nginx:1.26';
    c.store.update(rolled as never);
    c.settle();
    const t2 = process.hrtime.bigint();
    const after = c.store.get<{ status?: { updatedReplicas?: number; readyReplicas?: number } }>(
      'StatefulSet',
      'default',
      'web',
    );
    return {
      simulatedEvents: c.trace.records.length,
      virtualMs: c.now,
      scaleUpMs: Math.round(Number(t1 - t0) / 1e5) / 10,
      rolloutMs: Math.round(Number(t2 - t1) / 1e5) / 10,
      updatedReplicas: after?.status?.updatedReplicas ?? 0,
      readyReplicas: after?.status?.readyReplicas ?? 0,
    };
  },
};
