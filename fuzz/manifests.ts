/**
 * Arbitraries for valid workload manifests. Every generated object passes API validation; the
 * shapes cover what the controllers branch on:
 *
 * Deployment: RollingUpdate with maxSurge/maxUnavailable as ints or percentages (0, 100% and
 *   values in between, never both zero), or Recreate; minReadySeconds; revisionHistoryLimit;
 *   progressDeadlineSeconds; termination grace; sometimes a readiness probe with a period.
 * StatefulSet: OrderedReady or Parallel; RollingUpdate with or without a partition (also ≥
 *   replicas), or OnDelete; minReadySeconds; revisionHistoryLimit; with or without a claim
 *   template, with every retention policy.
 *
 * Objects are built in the key order kubectl users write (apiVersion, kind, metadata, spec) and
 * printed as YAML for the counterexample feature; the fuzzer applies that same text.
 */
import fc from 'fast-check';
import YAML from 'yaml';
import type { Deployment, KObject, StatefulSet } from '../engine';
import { CONTAINER, GOOD_IMAGES } from './images';

export type WorkloadKind = 'deployment' | 'statefulset';
export const WORKLOAD_KINDS: readonly WorkloadKind[] = ['deployment', 'statefulset'];

/** The names the fuzzer gives its workloads (and the feature uses). */
export const WORKLOAD_NAME: Record<WorkloadKind, string> = { deployment: 'web', statefulset: 'db' };

export interface Limits {
  /** Replicas at most (manifests and scale commands). */
  maxReplicas: number;
  /** Operations per scenario at most. */
  maxCommands: number;
}

type IntOrPercent = number | string;

const isZero = (v: IntOrPercent) => v === 0 || v === '0%';

function intOrPercent(maxInt: number, maxPercent: number): fc.Arbitrary<IntOrPercent> {
  return fc.oneof(
    fc.integer({ min: 0, max: maxInt }),
    fc.constantFrom<IntOrPercent>('0%', '25%', '50%', '100%'),
    fc.integer({ min: 1, max: maxPercent }).map((n) => `${n}%`),
  );
}

const grace = fc.constantFrom(0, 5, 30);

interface ContainerShape {
  withProbe: boolean;
  period: number;
  delay: number;
  /** Seconds of a preStop hook (0: none): terminating pods then linger, still Ready, for that long. */
  preStop: number;
}

/**
 * A container, sometimes with a readiness probe whose period makes readiness changes take time, and
 * sometimes with a preStop hook that keeps a terminating pod running (otherwise the simulated
 * container exits at once on SIGTERM and the pod is gone at the instant it is deleted).
 */
function container(shape: ContainerShape) {
  const c: Record<string, unknown> = { name: CONTAINER, image: GOOD_IMAGES[0] };
  if (shape.withProbe)
    c.readinessProbe = {
      exec: { command: ['true'] },
      initialDelaySeconds: shape.delay,
      periodSeconds: shape.period,
    };
  if (shape.preStop) c.lifecycle = { preStop: { exec: { command: ['sleep', String(shape.preStop)] } } };
  return c;
}

const containerShape: fc.Arbitrary<ContainerShape> = fc.record({
  withProbe: fc.boolean(),
  period: fc.integer({ min: 1, max: 5 }),
  delay: fc.integer({ min: 0, max: 5 }),
  preStop: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 })),
});

export function deploymentArbitrary(limits: Limits): fc.Arbitrary<Deployment> {
  const rolling = fc
    .record({
      maxSurge: intOrPercent(limits.maxReplicas + 1, 100),
      maxUnavailable: intOrPercent(limits.maxReplicas + 1, 100),
    })
    .filter((r) => !(isZero(r.maxSurge) && isZero(r.maxUnavailable)))
    .map((rollingUpdate) => ({ type: 'RollingUpdate', rollingUpdate }));
  const strategy = fc.oneof(
    { weight: 5, arbitrary: rolling },
    { weight: 1, arbitrary: fc.constant({ type: 'Recreate' }) },
  );
  return fc
    .record({
      replicas: fc.integer({ min: 0, max: limits.maxReplicas }),
      strategy,
      minReadySeconds: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 10 })),
      revisionHistoryLimit: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      progressDeadline: fc.option(fc.integer({ min: 30, max: 120 }), { nil: undefined, freq: 4 }),
      grace,
      container: containerShape,
    })
    .map((g) => {
      const spec: Record<string, unknown> = { replicas: g.replicas };
      if (g.minReadySeconds) spec.minReadySeconds = g.minReadySeconds;
      if (g.revisionHistoryLimit !== undefined) spec.revisionHistoryLimit = g.revisionHistoryLimit;
      if (g.progressDeadline !== undefined)
        spec.progressDeadlineSeconds = g.progressDeadline + g.minReadySeconds;
      spec.strategy = g.strategy;
      spec.selector = { matchLabels: { app: 'web' } };
      spec.template = {
        metadata: { labels: { app: 'web' } },
        spec: {
          terminationGracePeriodSeconds: g.grace,
          containers: [container(g.container)],
        },
      };
      return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec } as Deployment;
    });
}

export function statefulSetArbitrary(limits: Limits): fc.Arbitrary<StatefulSet> {
  const rollingUpdate = fc
    .option(fc.integer({ min: 0, max: limits.maxReplicas + 1 }), { nil: undefined })
    .map((partition) =>
      partition === undefined
        ? { type: 'RollingUpdate' }
        : { type: 'RollingUpdate', rollingUpdate: { partition } },
    );
  const policy = fc.constantFrom('Retain', 'Delete');
  return fc
    .record({
      replicas: fc.integer({ min: 0, max: limits.maxReplicas }),
      podManagementPolicy: fc.constantFrom('OrderedReady', 'Parallel'),
      updateStrategy: fc.oneof(
        { weight: 4, arbitrary: rollingUpdate },
        { weight: 1, arbitrary: fc.constant({ type: 'OnDelete' }) },
      ),
      minReadySeconds: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 5 })),
      revisionHistoryLimit: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      claims: fc.boolean(),
      retention: fc.option(fc.record({ whenDeleted: policy, whenScaled: policy }), { nil: undefined }),
      grace,
      container: containerShape,
    })
    .map((g) => {
      const spec: Record<string, unknown> = {
        serviceName: 'db',
        replicas: g.replicas,
        podManagementPolicy: g.podManagementPolicy,
        updateStrategy: g.updateStrategy,
      };
      if (g.minReadySeconds) spec.minReadySeconds = g.minReadySeconds;
      if (g.revisionHistoryLimit !== undefined) spec.revisionHistoryLimit = g.revisionHistoryLimit;
      spec.selector = { matchLabels: { app: 'db' } };
      spec.template = {
        metadata: { labels: { app: 'db' } },
        spec: {
          terminationGracePeriodSeconds: g.grace,
          containers: [container(g.container)],
        },
      };
      if (g.claims) {
        spec.volumeClaimTemplates = [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ];
        if (g.retention) spec.persistentVolumeClaimRetentionPolicy = g.retention;
      }
      return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec } as StatefulSet;
    });
}

export function manifestArbitrary(kind: WorkloadKind, limits: Limits): fc.Arbitrary<KObject> {
  return kind === 'deployment' ? deploymentArbitrary(limits) : statefulSetArbitrary(limits);
}

/** The manifest as the feature shows it (and the fuzzer applies it). */
export function manifestYaml(obj: KObject): string {
  return YAML.stringify(obj, { lineWidth: 0 });
}
