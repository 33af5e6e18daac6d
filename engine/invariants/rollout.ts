/**
 * The arithmetic of a Deployment's rollout guarantees, restated from deployment.md §4, §8 and §12
 * as an independent oracle: these functions never call the deployment controller's own helpers
 * (which the planted bugs alter), so a controller that rounds the wrong way is caught.
 *
 * Worked numbers (deployment.md §4): 25%/25% of 10 → surge 3, unavailable 2 (ceiling 13, floor 8);
 * of 3 → surge 1, unavailable 0 (ceiling 4, floor 3); 0/0 → unavailable 1 (the fencepost rule);
 * maxUnavailable 10 with 5 replicas → 5 (capped at replicas).
 */
import type { Deployment, ReplicaSet, PodTemplateSpec } from '../api/types';
import { scaledValue } from '../api/intstr';
import { canonicalJson } from '../util/clone';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH = 'pod-template-hash';

export interface Fenceposts {
  surge: number;
  unavailable: number;
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down; both 0 makes unavailable 1. */
export function resolveFenceposts(
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
  desired: number,
): Fenceposts {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function deploymentReplicas(d: Deployment): number {
  return d.spec?.replicas ?? 1;
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** MaxSurge(d): the resolved surge for RollingUpdate, 0 for Recreate. */
export function maxSurgeOf(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', deploymentReplicas(d)).surge;
}

/** MaxUnavailable(d): the resolved value capped at replicas; 0 for Recreate or 0 replicas. */
export function maxUnavailableOf(d: Deployment): number {
  const replicas = deploymentReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  const u = resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', replicas).unavailable;
  return Math.min(u, replicas);
}

/** The most non-terminating pods a Deployment may have: replicas + maxSurge (Recreate: replicas). */
export function rolloutCeiling(d: Deployment): number {
  return deploymentReplicas(d) + maxSurgeOf(d);
}

/** The fewest available pods a rolling update may leave: replicas − maxUnavailable. */
export function rolloutFloor(d: Deployment): number {
  return deploymentReplicas(d) - maxUnavailableOf(d);
}

/**
 * The parameters the availability floor depends on, as one comparable string: replicas, the
 * strategy and minReadySeconds. A change of any of them is not a rolling update (deployment.md
 * §6.4 claims the bounds for rolling updates only), so it suspends the floor until the rollout is
 * complete again.
 */
export function rolloutParameters(d: Deployment): string {
  return canonicalJson([deploymentReplicas(d), d.spec?.strategy ?? null, d.spec?.minReadySeconds ?? 0]);
}

/**
 * DeploymentComplete as the status reports it, for the current generation: every replica updated
 * and available, none left over (deployment.md §12.1).
 */
export function deploymentReportsComplete(d: Deployment): boolean {
  const s = d.status;
  const replicas = deploymentReplicas(d);
  if (!s) return false;
  return (
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
    (s.updatedReplicas ?? 0) === replicas &&
    (s.replicas ?? 0) === replicas &&
    (s.availableReplicas ?? 0) === replicas &&
    (s.unavailableReplicas ?? 0) === 0
  );
}

/** A pod template as a comparable string, without the pod-template-hash label. */
export function templateKey(template: PodTemplateSpec | undefined): string {
  const t = template ?? {};
  const labels = t.metadata?.labels;
  if (!labels || !(POD_TEMPLATE_HASH in labels)) return canonicalJson(t);
  const rest = { ...labels };
  delete rest[POD_TEMPLATE_HASH];
  return canonicalJson({ ...t, metadata: { ...t.metadata, labels: rest } });
}

/** The revision annotation as a number, or undefined when missing or not an integer. */
export function revisionOf(rs: ReplicaSet | Deployment): number | undefined {
  const v = rs.metadata?.annotations?.[REVISION_ANNOTATION];
  if (v === undefined || !/^[0-9]+$/.test(v)) return undefined;
  return Number(v);
}

function annotationInt(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  if (v === undefined || !/^-?[0-9]+$/.test(v)) return undefined;
  return Number(v);
}

/** A ReplicaSet as the scaling rule sees it. */
export interface ScaleInput {
  uid: string;
  name: string;
  /** creationTimestamp in virtual ms (second precision, as the API stores it). */
  created: number;
  replicas: number;
  available: number;
  maxReplicasAnnotation?: number;
  desiredReplicasAnnotation?: number;
  /** Whether its template equals the Deployment's (the new ReplicaSet). */
  isNew: boolean;
}

export function scaleInput(rs: ReplicaSet, created: number, isNew: boolean): ScaleInput {
  return {
    uid: rs.metadata?.uid ?? '',
    name: rs.metadata?.name ?? '',
    created,
    replicas: rs.spec?.replicas ?? 1,
    available: rs.status?.availableReplicas ?? 0,
    maxReplicasAnnotation: annotationInt(rs, MAX_REPLICAS_ANNOTATION),
    desiredReplicasAnnotation: annotationInt(rs, DESIRED_REPLICAS_ANNOTATION),
    isNew,
  };
}

/** k8s.io/utils/integer.RoundToInt32: half away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
}

/**
 * Which ReplicaSet sizes the scaling step of a scaling event leads to (deployment.md §8, `scale`).
 * Returns undefined when the step does not apply to the proportional rule (at most one active
 * ReplicaSet, a saturated new one, or Recreate): those cases scale one set to `replicas` and are
 * covered by the rollout bounds.
 *
 * TestScale's numbers: 5→10 with new 2 / old 3 (max-replicas 5) → 4 / 6; 13→8 with 2/8/3 → 1/5/2;
 * 3→4 with 1/1/1 → the newest gets +1; 3→2 → the oldest −1; 10→20 with surge 2 (max-replicas 12)
 * 6/6 → 11/11.
 */
export function proportionalSizes(
  d: Deployment,
  statusReplicas: number,
  sets: readonly ScaleInput[],
): Map<string, number> | undefined {
  const replicas = deploymentReplicas(d);
  const active = sets.filter((s) => s.replicas > 0);
  if (active.length <= 1) return undefined;
  const newRS = sets.find((s) => s.isNew);
  if (
    newRS &&
    newRS.replicas === replicas &&
    newRS.desiredReplicasAnnotation === replicas &&
    newRS.available === replicas
  )
    return undefined;
  if (!isRollingUpdate(d)) return undefined;
  const allowed = replicas > 0 ? replicas + maxSurgeOf(d) : 0;
  const total = active.reduce((n, s) => n + s.replicas, 0);
  const toAdd = allowed - total;
  const byName = (a: ScaleInput, b: ScaleInput) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const older = (a: ScaleInput, b: ScaleInput) => a.created - b.created || byName(a, b);
  const ordered = [...active];
  if (toAdd > 0) ordered.sort((a, b) => b.replicas - a.replicas || older(b, a));
  else if (toAdd < 0) ordered.sort((a, b) => b.replicas - a.replicas || older(a, b));
  const sizes = new Map<string, number>();
  let added = 0;
  for (const s of ordered) {
    let p = 0;
    if (toAdd !== 0 && added !== toAdd) {
      let fraction: number;
      if (replicas === 0) fraction = -s.replicas;
      else {
        let before = s.maxReplicasAnnotation;
        if (before === undefined || before === 0) before = statusReplicas;
        fraction = before === 0 ? 0 : roundHalfAway((s.replicas * allowed) / before) - s.replicas;
      }
      const left = toAdd - added;
      p = toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left);
    }
    sizes.set(s.uid, s.replicas + p);
    added += p;
  }
  if (toAdd !== 0 && ordered.length) {
    const first = ordered[0];
    sizes.set(first.uid, Math.max(0, sizes.get(first.uid)! + toAdd - added));
  }
  return sizes;
}
