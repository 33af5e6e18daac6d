/**
 * Test helpers for the StatefulSet controller's unit tests: a cluster running only this controller
 * (no nodes, no kubelet), with the API server's pod strategy emulated (a created pod gets phase
 * Pending), and helpers that play the kubelet by setting pod status by hand.
 */
import { createCluster, Cluster, ClusterInit } from '../../cluster';
import type {
  KObject,
  PersistentVolumeClaim,
  Pod,
  StatefulSet,
  Stored,
  ControllerRevision,
} from '../../api/types';
import type { Action } from '../../store/store';
import { toTimestamp } from '../../api/time';
import { statefulSetController } from './index';
import { pvcProtectionController } from '../volume';

/**
 * A cluster with only the StatefulSet controller (and the PVC protection controller, which
 * releases deleted claims that no scheduled pod uses). Pods are created with phase Pending (as the
 * API server's PrepareForCreate does) unless the engine's admission already did.
 */
export function newCluster(init: ClusterInit = {}): Cluster {
  const c = createCluster({
    nodes: 0,
    controllers: [pvcProtectionController, statefulSetController],
    ...init,
  });
  const create = c.store.create.bind(c.store);
  c.store.create = <T extends KObject>(obj: T, opts?: Parameters<typeof create>[1]) => {
    const o = obj as KObject & { status?: { phase?: string } };
    if (o.kind === 'Pod' && !o.status?.phase)
      return create({ ...obj, status: { ...(o.status ?? {}), phase: 'Pending' } }, opts) as Stored<T>;
    return create(obj, opts);
  };
  return c;
}

export interface SetOptions {
  replicas?: number;
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  image?: string;
  claims?: string[];
  serviceName?: string;
  partition?: number;
  maxUnavailable?: number | string;
  onDelete?: boolean;
  /** RollingUpdate with rollingUpdate nil. */
  rollingUpdateNil?: boolean;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  whenScaled?: 'Retain' | 'Delete';
  whenDeleted?: 'Retain' | 'Delete';
  start?: number;
  namespace?: string;
}

/** A StatefulSet `name` selecting `app: name`, one nginx container, optional claim templates. */
export function newStatefulSet(name: string, o: SetOptions = {}): StatefulSet {
  const set: StatefulSet = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: o.namespace ?? 'default' },
    spec: {
      replicas: o.replicas ?? 3,
      serviceName: o.serviceName ?? 'nginx',
      podManagementPolicy: o.podManagementPolicy ?? 'OrderedReady',
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'nginx', image: o.image ?? 'nginx:1.25' }] },
      },
      updateStrategy: o.onDelete
        ? { type: 'OnDelete' }
        : o.rollingUpdateNil
          ? { type: 'RollingUpdate' }
          : {
              type: 'RollingUpdate',
              rollingUpdate: {
                partition: o.partition ?? 0,
                ...(o.maxUnavailable !== undefined ? { maxUnavailable: o.maxUnavailable } : {}),
              },
            },
      revisionHistoryLimit: o.revisionHistoryLimit ?? 10,
      minReadySeconds: o.minReadySeconds ?? 0,
      persistentVolumeClaimRetentionPolicy: {
        whenDeleted: o.whenDeleted ?? 'Retain',
        whenScaled: o.whenScaled ?? 'Retain',
      },
    },
  };
  if (o.start !== undefined) set.spec!.ordinals = { start: o.start };
  if (o.claims?.length)
    set.spec!.volumeClaimTemplates = o.claims.map((c) => ({
      metadata: { name: c, labels: { tier: 'data' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    }));
  return set;
}

export function getSet(c: Cluster, name: string, ns = 'default'): Stored<StatefulSet> {
  const s = c.store.get<StatefulSet>('StatefulSet', ns, name);
  if (!s) throw new Error(`no statefulset ${name}`);
  return s;
}

export function getPod(c: Cluster, name: string, ns = 'default'): Stored<Pod> | undefined {
  return c.store.get<Pod>('Pod', ns, name);
}

export function getClaim(
  c: Cluster,
  name: string,
  ns = 'default',
): Stored<PersistentVolumeClaim> | undefined {
  return c.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
}

/** Pod names in the namespace, sorted. */
export function podNames(c: Cluster, ns = 'default'): string[] {
  return c.store.list<Pod>('Pod', { namespace: ns }).map((p) => p.metadata.name);
}

export function revisions(c: Cluster, ns = 'default'): Stored<ControllerRevision>[] {
  return c.store.list<ControllerRevision>('ControllerRevision', { namespace: ns });
}

/** Sets a pod's phase and Ready condition (as the kubelet would), at the current virtual time. */
export function setPodStatus(
  c: Cluster,
  name: string,
  phase: string,
  ready: boolean,
  ns = 'default',
): Stored<Pod> {
  const p = getPod(c, name, ns);
  if (!p) throw new Error(`no pod ${name}`);
  const old = p.status?.conditions?.find((x) => x.type === 'Ready');
  const status = ready ? 'True' : 'False';
  const ltt = old && old.status === status ? old.lastTransitionTime : toTimestamp(c.now);
  return c.store.updateStatus(
    {
      ...p,
      status: { ...p.status, phase, conditions: [{ type: 'Ready', status, lastTransitionTime: ltt }] },
    },
    { actor: 'kubelet' },
  );
}

export const setReady = (c: Cluster, name: string, ns = 'default') =>
  setPodStatus(c, name, 'Running', true, ns);
export const setUnready = (c: Cluster, name: string, ns = 'default') =>
  setPodStatus(c, name, 'Running', false, ns);

/** Settles, then marks every pod Running+Ready and settles again, until no pod is left unready. */
export function settleAllReady(c: Cluster, ns = 'default', maxRounds = 100): void {
  for (let i = 0; i < maxRounds; i++) {
    c.settle();
    const unready = c.store
      .list<Pod>('Pod', { namespace: ns })
      .filter(
        (p) =>
          !p.metadata.deletionTimestamp &&
          !(
            p.status?.phase === 'Running' &&
            p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')
          ),
      );
    if (unready.length === 0) return;
    for (const p of unready) setReady(c, p.metadata.name, ns);
  }
  throw new Error('pods never all ready');
}

/** Creates the set and brings all its pods to Running+Ready. */
export function createReadySet(c: Cluster, set: StatefulSet): Stored<StatefulSet> {
  c.store.create(set, { actor: 'user' });
  settleAllReady(c, set.metadata?.namespace ?? 'default');
  return getSet(c, set.metadata!.name!, set.metadata?.namespace ?? 'default');
}

/** Applies a change to the set's spec as a user would. */
export function updateSet(
  c: Cluster,
  name: string,
  fn: (s: StatefulSet) => void,
  ns = 'default',
): Stored<StatefulSet> {
  const s = structuredClone(getSet(c, name, ns)) as StatefulSet;
  fn(s);
  return c.store.update(s, { actor: 'user' });
}

export function setImage(c: Cluster, name: string, image: string, ns = 'default'): Stored<StatefulSet> {
  return updateSet(c, name, (s) => (s.spec!.template.spec!.containers[0].image = image), ns);
}

/** Deletes a pod as a user would (unscheduled pods go at once). */
export function deletePod(c: Cluster, name: string, ns = 'default'): void {
  c.store.delete('Pod', ns, name, { actor: 'user' });
}

/** The store actions after `since` by the statefulset controller. */
export function controllerActions(c: Cluster, since = 0): Action[] {
  return c.store.actions.filter((a) => a.seq > since && a.actor === 'statefulset-controller');
}

/** `create Pod web-0`, `delete Pod web-2`, `create PersistentVolumeClaim www-web-0`… for the controller's pod/claim writes. */
export function podAndClaimWrites(c: Cluster, since = 0): string[] {
  return controllerActions(c, since)
    .filter(
      (a) =>
        (a.kind === 'Pod' || a.kind === 'PersistentVolumeClaim') &&
        (a.verb === 'create' || a.verb === 'delete'),
    )
    .map((a) => `${a.verb} ${a.kind} ${a.name}`);
}

export function createdPods(c: Cluster, since = 0): string[] {
  return controllerActions(c, since)
    .filter((a) => a.kind === 'Pod' && a.verb === 'create')
    .map((a) => a.name);
}

export function deletedPods(c: Cluster, since = 0): string[] {
  return controllerActions(c, since)
    .filter((a) => a.kind === 'Pod' && a.verb === 'delete')
    .map((a) => a.name);
}

/** The current store sequence number, to mark a point in the action log. */
export function mark(c: Cluster): number {
  return c.store.resourceVersion;
}

/** Messages of the events recorded on the set, oldest first. */
export function eventMessages(c: Cluster, name: string, ns = 'default'): string[] {
  const set = getSet(c, name, ns);
  return c.recorder.eventsFor(set.metadata.uid, ns).map((e) => `${e.type} ${e.reason} ${e.message}`);
}

export function revisionOf(p: Pod | undefined): string | undefined {
  return p?.metadata?.labels?.['controller-revision-hash'];
}
