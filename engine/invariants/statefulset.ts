/**
 * StatefulSet facts the invariants need, restated from statefulset.md §3, §5.1, §6, §7 and §9 as an
 * independent oracle (the controller's own helpers are not called, so a planted bug in them cannot
 * hide from these).
 */
import type { ControllerRevision, Pod, PodTemplateSpec, StatefulSet } from '../api/types';
import { isPodAvailable } from '../api/pod';
import { canonicalJson } from '../util/clone';

export const REVISION_LABEL = 'controller-revision-hash';
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';

/** The ordinal of `db-3` in set `db` (3), or undefined when the name is not `<set>-<n>`. */
export function ordinalOf(setName: string, podName: string): number | undefined {
  if (!podName.startsWith(`${setName}-`)) return undefined;
  const tail = podName.slice(setName.length + 1);
  if (!/^(0|[1-9][0-9]*)$/.test(tail)) return undefined;
  return Number(tail);
}

export function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

export function setReplicas(set: StatefulSet): number {
  return set.spec?.replicas ?? 1;
}

/** Ordinal k is in range: start ≤ k < start + replicas. */
export function inRange(set: StatefulSet, ordinal: number): boolean {
  const start = startOrdinal(set);
  return ordinal >= start && ordinal < start + setReplicas(set);
}

export function isOrderedReady(set: StatefulSet): boolean {
  return (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
}

export function isOnDelete(set: StatefulSet): boolean {
  return set.spec?.updateStrategy?.type === 'OnDelete';
}

/** The partition of a RollingUpdate set (0 when unset); undefined for OnDelete. */
export function partitionOf(set: StatefulSet): number | undefined {
  if (isOnDelete(set)) return undefined;
  return set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
}

export function revisionOfPod(pod: Pod): string {
  return pod.metadata?.labels?.[REVISION_LABEL] ?? '';
}

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** isRunningAndReady (§5.1): phase Running and Ready=True. */
export function runningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && readyCondition(pod)?.status === 'True';
}

/**
 * isRunningAndAvailable (§5.1): Running, and available by the API's one definition
 * (engine/api/pod `isPodAvailable`), which the ReplicaSet controller and these checks share.
 */
export function runningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, now);
}

export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Failed' || phase === 'Succeeded';
}

/** The template a StatefulSet revision stores (its `spec.template` patch without `$patch`), as a key. */
export function revisionTemplateKey(cr: ControllerRevision): string {
  const data = cr.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined;
  const t = { ...(data?.spec?.template ?? {}) } as PodTemplateSpec & { $patch?: string };
  delete t.$patch;
  return canonicalJson(t);
}

export function setTemplateKey(set: StatefulSet): string {
  return canonicalJson(set.spec?.template ?? {});
}

/** The names of the claims of pod `<set>-<k>`: `<template>-<set>-<k>` for every claim template. */
export function claimTemplateNames(set: StatefulSet): string[] {
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => t.metadata?.name ?? '').filter(Boolean);
}

/** The ordinal of claim `data-db-2` of set `db` (2), or undefined when it is not one of the set's claims. */
export function claimOrdinal(set: StatefulSet, claimName: string): number | undefined {
  const setName = set.metadata?.name ?? '';
  for (const t of claimTemplateNames(set)) {
    if (!claimName.startsWith(`${t}-`)) continue;
    const k = ordinalOf(setName, claimName.slice(t.length + 1));
    if (k !== undefined) return k;
  }
  return undefined;
}

export interface RetentionPolicy {
  whenDeleted: 'Retain' | 'Delete';
  whenScaled: 'Retain' | 'Delete';
}

export function retentionPolicyOf(set: StatefulSet): RetentionPolicy {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  return {
    whenDeleted: p?.whenDeleted === 'Delete' ? 'Delete' : 'Retain',
    whenScaled: p?.whenScaled === 'Delete' ? 'Delete' : 'Retain',
  };
}
