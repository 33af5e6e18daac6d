/**
 * Test fixtures for the deployment controller's unit tests: Deployments and ReplicaSets shaped like
 * upstream's `newDeployment`/`rs` helpers (deployment_controller_test.go), a store-only harness, and
 * a driver that runs one sync at a time with ReplicaSet statuses set by hand.
 */
import { createCluster } from '../../cluster';
import type { Cluster } from '../../cluster';
import type { Deployment, ReplicaSet, Stored } from '../../api/types';
import type { IntOrString } from '../../api/intstr';
import { newControllerRef } from '../../api/pod';
import type { Action } from '../../store/store';
import { deepClone } from '../../util/clone';
import { deploymentController } from './index';
import { DeploymentController } from './controller';
import { specReplicas } from './util/replicaset_util';

export interface DeploymentOptions {
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
  strategy?: 'RollingUpdate' | 'Recreate';
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  minReadySeconds?: number;
  paused?: boolean;
  image?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  namespace?: string;
}

/** A Deployment as the API server would store it (defaults filled in), selector = template labels. */
export function newDeployment(name: string, replicas: number, o: DeploymentOptions = {}): Deployment {
  const labels = o.labels ?? { app: name };
  const type = o.strategy ?? 'RollingUpdate';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      ...(o.annotations ? { annotations: { ...o.annotations } } : {}),
    },
    spec: {
      replicas,
      selector: { matchLabels: { ...labels } },
      strategy:
        type === 'Recreate'
          ? { type }
          : {
              type,
              rollingUpdate: { maxSurge: o.maxSurge ?? '25%', maxUnavailable: o.maxUnavailable ?? '25%' },
            },
      revisionHistoryLimit: o.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: o.progressDeadlineSeconds ?? 600,
      ...(o.minReadySeconds ? { minReadySeconds: o.minReadySeconds } : {}),
      ...(o.paused ? { paused: true } : {}),
      template: {
        metadata: { labels: { ...labels } },
        spec: { containers: [{ name: 'app', image: o.image ?? 'nginx:1.0' }] },
      },
    },
  };
}

export interface RSOptions {
  /** The Deployment whose template (with a hash label) and controllerRef the ReplicaSet gets. */
  owner?: Stored<Deployment>;
  /** Image of the template (default: the owner's). */
  image?: string;
  hash?: string;
  revision?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}

/** A ReplicaSet with the given size; owned by `owner` with its template unless told otherwise. */
export function newReplicaSet(name: string, replicas: number, o: RSOptions = {}): ReplicaSet {
  const d = o.owner;
  const hash = o.hash ?? name.split('-').pop()!;
  const baseLabels = o.labels ?? d?.spec?.template?.metadata?.labels ?? { app: 'web' };
  const labels = { ...baseLabels, 'pod-template-hash': hash };
  const template = deepClone(
    d?.spec?.template ?? { spec: { containers: [{ name: 'app', image: 'nginx:1.0' }] } },
  );
  template.metadata = { ...template.metadata, labels: { ...labels } };
  if (o.image) template.spec!.containers[0].image = o.image;
  const annotations = { ...(o.annotations ?? {}) };
  if (o.revision !== undefined) annotations['deployment.kubernetes.io/revision'] = o.revision;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d?.metadata?.namespace ?? 'default',
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ...(d ? { ownerReferences: [newControllerRef(d)] } : {}),
    },
    spec: { replicas, selector: { matchLabels: { ...labels } }, template },
  };
}

export interface Harness {
  c: Cluster;
  dc: DeploymentController;
  /**
   * Creates an object at virtual time `atMs` (creationTimestamp has second precision). `raw` skips
   * admission, for upstream fixtures validation rejects (maxSurge 0 with maxUnavailable 0).
   */
  createAt<T extends Deployment | ReplicaSet>(obj: T, atMs?: number, raw?: boolean): Stored<T>;
  deployment(name?: string): Stored<Deployment>;
  rs(name: string): Stored<ReplicaSet>;
  rsList(): Stored<ReplicaSet>[];
  /** Sets a ReplicaSet's status (observedGeneration = generation unless given). */
  setStatus(
    name: string,
    s: { replicas?: number; ready?: number; available?: number; observedGeneration?: number },
  ): void;
  /** Actions since mark(), by the deployment controller, as `verb Kind/name`. */
  actions(): Action[];
  mark(): void;
  /** The deployment controller's events (reason: message), in order. */
  events(): string[];
}

/** A cluster with only the deployment controller and no nodes; the queue runs only when asked. */
export function harness(plantedBugs: string[] = []): Harness {
  const c = createCluster({ controllers: [deploymentController], nodes: 0, plantedBugs });
  const dc = c.controllers[0] as DeploymentController;
  let from = c.store.actions.length;
  const h: Harness = {
    c,
    dc,
    createAt(obj, atMs, raw) {
      if (atMs !== undefined) c.runtime.now = atMs;
      return c.store.create(obj, { actor: 'test', skipAdmission: raw });
    },
    deployment(name = 'web') {
      return c.store.get<Deployment>('Deployment', 'default', name)!;
    },
    rs(name) {
      return c.store.get<ReplicaSet>('ReplicaSet', 'default', name)!;
    },
    rsList() {
      return c.store.list<ReplicaSet>('ReplicaSet');
    },
    setStatus(name, s) {
      const rs = h.rs(name);
      const status = {
        replicas: s.replicas ?? specReplicas(rs),
        readyReplicas: s.ready ?? s.available ?? 0,
        availableReplicas: s.available ?? 0,
        observedGeneration: s.observedGeneration ?? rs.metadata.generation,
      };
      c.store.updateStatus({ ...rs, status }, { actor: 'test' });
    },
    actions() {
      return c.store.actions
        .slice(from)
        .filter((a) => a.actor === 'deployment-controller' && a.kind !== 'Event');
    },
    mark() {
      from = c.store.actions.length;
    },
    events() {
      return c.store
        .list<{ kind: string; reason?: string; message?: string; metadata: { name: string } } & Stored>(
          'Event',
        )
        .filter(
          (e) => (e as { source?: { component?: string } }).source?.component === 'deployment-controller',
        )
        .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
        .map((e) => `${e.reason}: ${e.message}`);
    },
  };
  return h;
}

/** `verb Kind/name` of the actions, for compact assertions. */
export function summarize(actions: Action[]): string[] {
  return actions.map((a) => `${a.verb} ${a.kind}/${a.name}`);
}

/** Runs one sync of `key`; a thrown error (a Conflict on the second write) is returned, not thrown. */
export function syncOnce(dc: DeploymentController, key = 'default/web'): Error | undefined {
  try {
    dc.syncDeployment(key);
    return undefined;
  } catch (err) {
    return err as Error;
  }
}
