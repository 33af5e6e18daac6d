/**
 * Liveness at quiescence: once the cluster has settled and no fault is left, a workload has
 * converged to its spec (the "eventually stable reconciliation" property of the Anvil verified
 * controllers). Pure functions over the objects as they are now; each returns the problems found
 * (empty when converged), phrased for a failure message.
 *
 * Deployment (deployment.md §7.3, §12): observedGeneration equals generation; the status counts
 * equal the pods; unless paused, exactly `replicas` pods, all of the new ReplicaSet (its template
 * equal to the Deployment's), all available, none terminating; old ReplicaSets at 0; the
 * Deployment's revision equals its new ReplicaSet's; at most revisionHistoryLimit old ReplicaSets.
 * StatefulSet (statefulset.md §7, §8, §9): observedGeneration equals generation; exactly the
 * ordinals start … start+replicas−1, none terminating, all Running and Ready; status counts equal
 * the pods; under RollingUpdate every pod at or above the partition has the update revision (and
 * with no partition the current revision has caught up); each in-range pod's claims exist and are
 * bound (claims above the range are left to the retention policy and the garbage collector, whose
 * work the ownership check sees: a claim the policy condemned points at its deleted pod); history within
 * revisionHistoryLimit (+ the revisions in use).
 * Ownership: no object refers to an owner that no longer exists (the garbage collector's job).
 */
import type {
  ControllerRevision,
  Deployment,
  KObject,
  PersistentVolumeClaim,
  Pod,
  ReplicaSet,
  StatefulSet,
  Stored,
} from '../api/types';
import { isPodActive, isPodAvailable } from '../api/pod';
import { kindInfo, isKnownKind } from '../api/kinds';
import { controllerUid } from '../store/store';
import { deploymentReplicas, revisionOf, templateKey } from './rollout';
import {
  claimTemplateNames,
  inRange,
  ordinalOf,
  partitionOf,
  revisionOfPod,
  revisionTemplateKey,
  runningAndAvailable,
  runningAndReady,
  setReplicas,
  setTemplateKey,
  startOrdinal,
} from './statefulset';

/** What the checks read: the store, or any view with the same three methods. */
export interface ObjectSource {
  get<T extends KObject = KObject>(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): Stored<T> | undefined;
  list<T extends KObject = KObject>(kind: string, opts?: { namespace?: string }): Stored<T>[];
  listControlledBy<T extends KObject = KObject>(kind: string, uid: string): Stored<T>[];
}

const byName = (a: Stored, b: Stored) =>
  a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;

function names(objs: readonly Stored[]): string {
  return objs.map((o) => o.metadata.name).join(', ');
}

/** Why deployment `name` has not converged (empty: it has). */
export function deploymentConvergence(
  src: ObjectSource,
  namespace: string,
  name: string,
  now: number,
): string[] {
  const d = src.get<Deployment>('Deployment', namespace, name);
  if (!d) return [`deployment "${name}" does not exist`];
  const out: string[] = [];
  const replicas = deploymentReplicas(d);
  const s = d.status ?? {};
  const generation = d.metadata.generation ?? 0;
  if ((s.observedGeneration ?? 0) !== generation)
    out.push(`its status observed generation ${s.observedGeneration ?? 0}, not ${generation}`);
  const key = templateKey(d.spec?.template);
  const rss = src
    .listControlledBy<ReplicaSet>('ReplicaSet', d.metadata.uid)
    .filter((rs) => rs.metadata.namespace === namespace)
    .sort(byName);
  const newRS = rss.find((rs) => templateKey(rs.spec?.template) === key);
  const old = rss.filter((rs) => rs !== newRS);
  const mrs = d.spec?.minReadySeconds ?? 0;
  const pods: Stored<Pod>[] = [];
  for (const rs of rss) {
    const own = src.listControlledBy<Pod>('Pod', rs.metadata.uid);
    pods.push(...own);
    const active = own.filter(isPodActive).length;
    if ((rs.status?.replicas ?? 0) !== active)
      out.push(
        `replicaset "${rs.metadata.name}" reports ${rs.status?.replicas ?? 0} replicas but has ${active} pods`,
      );
    if ((rs.status?.observedGeneration ?? 0) !== (rs.metadata.generation ?? 0))
      out.push(
        `replicaset "${rs.metadata.name}" has not observed its generation ${rs.metadata.generation ?? 0}`,
      );
  }
  const active = pods.filter(isPodActive);
  const available = active.filter((p) => isPodAvailable(p, mrs, now));
  if ((s.replicas ?? 0) !== active.length)
    out.push(`its status reports ${s.replicas ?? 0} replicas but it has ${active.length} pods`);
  if ((s.availableReplicas ?? 0) !== available.length)
    out.push(
      `its status reports ${s.availableReplicas ?? 0} available replicas but ${available.length} pods are available`,
    );
  if (!d.spec?.paused) {
    if (!newRS) out.push('it has no ReplicaSet with its current pod template');
    const updated = newRS ? active.filter((p) => controllerUid(p) === newRS.metadata.uid) : [];
    const outdated = active.filter((p) => !updated.includes(p));
    if (updated.length !== replicas) out.push(`it has ${updated.length} updated pods, not ${replicas}`);
    if (outdated.length) out.push(`old pods remain: ${names(outdated.sort(byName))}`);
    if (available.length !== replicas)
      out.push(`${available.length} of its pods are available, not ${replicas}`);
    const terminating = pods.filter((p) => p.metadata.deletionTimestamp);
    if (terminating.length) out.push(`pods are still terminating: ${names(terminating.sort(byName))}`);
    for (const rs of old)
      if ((rs.spec?.replicas ?? 0) !== 0)
        out.push(`old replicaset "${rs.metadata.name}" still wants ${rs.spec?.replicas ?? 0} replicas`);
    if (newRS && (newRS.spec?.replicas ?? 0) !== replicas)
      out.push(`its new replicaset "${newRS.metadata.name}" wants ${newRS.spec?.replicas ?? 0} replicas`);
    if ((s.updatedReplicas ?? 0) !== replicas)
      out.push(`its status reports ${s.updatedReplicas ?? 0} updated replicas, not ${replicas}`);
    if (newRS && revisionOf(d) !== revisionOf(newRS))
      out.push(
        `its revision is ${revisionOf(d) ?? 'unset'} but its new replicaset "${newRS.metadata.name}" has revision ${revisionOf(newRS) ?? 'unset'}`,
      );
    const limit = d.spec?.revisionHistoryLimit ?? 10;
    if (old.length > limit)
      out.push(`it keeps ${old.length} old ReplicaSets, more than its revisionHistoryLimit ${limit}`);
  }
  return out;
}

/** Why statefulset `name` has not converged (empty: it has). */
export function statefulSetConvergence(
  src: ObjectSource,
  namespace: string,
  name: string,
  now: number,
): string[] {
  const set = src.get<StatefulSet>('StatefulSet', namespace, name);
  if (!set) return [`statefulset "${name}" does not exist`];
  const out: string[] = [];
  const s = set.status ?? { replicas: 0 };
  const generation = set.metadata.generation ?? 0;
  if ((s.observedGeneration ?? 0) !== generation)
    out.push(`its status observed generation ${s.observedGeneration ?? 0}, not ${generation}`);
  const replicas = setReplicas(set);
  const start = startOrdinal(set);
  const mrs = set.spec?.minReadySeconds ?? 0;
  const pods = src
    .listControlledBy<Pod>('Pod', set.metadata.uid)
    .filter((p) => p.metadata.namespace === namespace)
    .sort(byName);
  const byOrdinal = new Map<number, Stored<Pod>>();
  for (const p of pods) {
    const k = ordinalOf(name, p.metadata.name);
    if (k === undefined || !inRange(set, k))
      out.push(`pod "${p.metadata.name}" is outside the ordinals ${start}…${start + replicas - 1}`);
    else byOrdinal.set(k, p);
    if (p.metadata.deletionTimestamp) out.push(`pod "${p.metadata.name}" is still terminating`);
  }
  for (let k = start; k < start + replicas; k++) {
    const p = byOrdinal.get(k);
    if (!p) out.push(`pod "${name}-${k}" does not exist`);
    else if (!runningAndReady(p)) out.push(`pod "${p.metadata.name}" is not Running and Ready`);
  }
  const ready = pods.filter(runningAndReady).length;
  const available = pods.filter((p) => runningAndAvailable(p, mrs, now)).length;
  if ((s.replicas ?? 0) !== replicas || pods.length !== replicas)
    out.push(
      `its status reports ${s.replicas ?? 0} replicas and it has ${pods.length} pods, not ${replicas}`,
    );
  if ((s.readyReplicas ?? 0) !== ready)
    out.push(`its status reports ${s.readyReplicas ?? 0} ready replicas, not ${ready}`);
  if ((s.availableReplicas ?? 0) !== available)
    out.push(`its status reports ${s.availableReplicas ?? 0} available replicas, not ${available}`);
  // Revisions.
  const crs = src.listControlledBy<ControllerRevision>('ControllerRevision', set.metadata.uid);
  const key = setTemplateKey(set);
  const update = crs
    .filter((cr) => revisionTemplateKey(cr) === key)
    .sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0))[0];
  if (!update) out.push('it has no ControllerRevision of its current template');
  else if (s.updateRevision !== update.metadata.name)
    out.push(`its status names update revision "${s.updateRevision ?? ''}", not "${update.metadata.name}"`);
  const updated = pods.filter((p) => update && revisionOfPod(p) === update.metadata.name).length;
  const current = pods.filter((p) => revisionOfPod(p) === s.currentRevision).length;
  if ((s.updatedReplicas ?? 0) !== updated)
    out.push(`its status reports ${s.updatedReplicas ?? 0} updated replicas, not ${updated}`);
  if ((s.currentReplicas ?? 0) !== current)
    out.push(`its status reports ${s.currentReplicas ?? 0} current replicas, not ${current}`);
  const partition = partitionOf(set);
  if (partition !== undefined && update) {
    for (const [k, p] of byOrdinal)
      if (k >= start + partition && revisionOfPod(p) !== update.metadata.name)
        out.push(
          `pod "${p.metadata.name}" (at or above the partition ${partition}) is not at the update revision`,
        );
    if (partition === 0 && s.currentRevision !== update.metadata.name)
      out.push(
        `its current revision "${s.currentRevision ?? ''}" has not caught up with "${update.metadata.name}"`,
      );
  }
  const live = new Set([s.currentRevision, s.updateRevision, ...pods.map(revisionOfPod)]);
  const history = crs.filter((cr) => !live.has(cr.metadata.name)).length;
  const limit = set.spec?.revisionHistoryLimit ?? 10;
  if (history > limit)
    out.push(`it keeps ${history} unused ControllerRevisions, more than its revisionHistoryLimit ${limit}`);
  // Claims.
  const templates = claimTemplateNames(set);
  if (templates.length) {
    for (let k = start; k < start + replicas; k++)
      for (const t of templates) {
        const claim = src.get<PersistentVolumeClaim>('PersistentVolumeClaim', namespace, `${t}-${name}-${k}`);
        if (!claim) out.push(`claim "${t}-${name}-${k}" does not exist`);
        else if (!claim.spec?.volumeName) out.push(`claim "${t}-${name}-${k}" is not bound`);
      }
  }
  return out;
}

const WORD: Record<string, string> = { PersistentVolumeClaim: 'claim' };
const word = (kind: string) => WORD[kind] ?? kindInfo(kind).singular;

/** Kinds whose owner references are checked at quiescence. */
export const OWNED_KINDS: readonly string[] = [
  'ReplicaSet',
  'Pod',
  'PersistentVolumeClaim',
  'ControllerRevision',
];

/**
 * Objects (not being deleted) with an ownerReference to an owner that no longer exists, or exists
 * with another uid: `claim "data-db-2" refers to pod "db-2" (uid …), which no longer exists`.
 */
export function danglingOwnerReferences(src: ObjectSource, namespace?: string): string[] {
  const out: string[] = [];
  for (const kind of OWNED_KINDS) {
    for (const obj of src.list(kind, namespace === undefined ? {} : { namespace })) {
      if (obj.metadata.deletionTimestamp) continue;
      for (const ref of obj.metadata.ownerReferences ?? []) {
        if (!isKnownKind(ref.kind)) continue;
        const ns = kindInfo(ref.kind).namespaced ? obj.metadata.namespace : undefined;
        const owner = src.get(ref.kind, ns, ref.name);
        if (!owner || owner.metadata.uid !== ref.uid)
          out.push(
            `${word(kind)} "${obj.metadata.name}" refers to ${word(ref.kind)} "${ref.name}", which no longer exists`,
          );
      }
    }
  }
  return out;
}
