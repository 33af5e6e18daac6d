/**
 * Deployment helpers: pkg/controller/deployment/util/deployment_util.go (Kubernetes 1.28), pure
 * functions on API objects. The controller and kubectl (`rollout status|history|undo`) share them.
 *
 * Arithmetic is int32 as upstream; `bugs` are the planted-bug switches (planted.ts), empty unless a
 * fuzzing run plants one.
 */
import type {
  Deployment,
  DeploymentCondition,
  DeploymentStatus,
  KObject,
  PodTemplateSpec,
  ReplicaSet,
  ReplicaSetCondition,
  Stored,
} from '../../../api/types';
import type { IntOrString } from '../../../api/intstr';
import { scaledValue } from '../../../api/intstr';
import { fromTimestamp, toTimestamp } from '../../../api/time';
import { fromLabelSelector } from '../../../api/selectors';
import { deepClone, deepEqual } from '../../../util/clone';
import type { Store } from '../../../store/store';
import { NO_BUGS } from '../planted';
import {
  DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY,
  byCreationTimestamp,
  filterActiveReplicaSets,
  specReplicas,
} from './replicaset_util';

// ---- annotation keys -------------------------------------------------------------------------

/** The revision of a Deployment's ReplicaSets, and of the Deployment itself (its new RS's revision). */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** Comma list of the earlier revisions a ReplicaSet served (it was rolled back to). */
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
/** spec.replicas of the Deployment when it last scaled this ReplicaSet (detects scaling events). */
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
/** spec.replicas + maxSurge of the Deployment when it last scaled this ReplicaSet (proportions). */
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** The legacy rollback request (extensions/v1beta1 `spec.rollbackTo`, round-tripped as annotation). */
export const DEPRECATED_ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
export const LAST_APPLIED_CONFIG_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

// ---- event and condition reasons ---------------------------------------------------------------

export const ROLLBACK_REVISION_NOT_FOUND = 'DeploymentRollbackRevisionNotFound';
export const ROLLBACK_TEMPLATE_UNCHANGED = 'DeploymentRollbackTemplateUnchanged';
export const ROLLBACK_DONE = 'DeploymentRollback';

/** Progressing=True: a ReplicaSet was scaled (or became ready/available) during the rollout. */
export const REPLICA_SET_UPDATED_REASON = 'ReplicaSetUpdated';
/** Progressing=False: the new ReplicaSet could not be created. */
export const FAILED_RS_CREATE_REASON = 'ReplicaSetCreateError';
/** Progressing=True: the new ReplicaSet was created. */
export const NEW_REPLICA_SET_REASON = 'NewReplicaSetCreated';
/** Progressing=True: an existing new ReplicaSet was found (no Progressing condition before). */
export const FOUND_NEW_RS_REASON = 'FoundNewReplicaSet';
/** Progressing=True: the rollout completed. */
export const NEW_RS_AVAILABLE_REASON = 'NewReplicaSetAvailable';
/** Progressing=False: no progress within progressDeadlineSeconds. */
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';
/** Progressing=Unknown while paused. */
export const PAUSED_DEPLOY_REASON = 'DeploymentPaused';
/** Progressing=Unknown after a resume. */
export const RESUMED_DEPLOY_REASON = 'DeploymentResumed';
/** Available=True. */
export const MINIMUM_REPLICAS_AVAILABLE = 'MinimumReplicasAvailable';
/** Available=False. */
export const MINIMUM_REPLICAS_UNAVAILABLE = 'MinimumReplicasUnavailable';

export const DEPLOYMENT_AVAILABLE = 'Available';
export const DEPLOYMENT_PROGRESSING = 'Progressing';
export const DEPLOYMENT_REPLICA_FAILURE = 'ReplicaFailure';

export const MAX_INT32 = 2147483647;

// ---- conditions ----------------------------------------------------------------------------------

/** NewDeploymentCondition: both times are now (second precision, as metav1.Time serialises). */
export function newDeploymentCondition(
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
  nowMs: number,
): DeploymentCondition {
  const now = toTimestamp(nowMs);
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getDeploymentCondition(
  status: DeploymentStatus | undefined,
  type: string,
): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: same status and reason → nothing changes (times kept); same status, other
 * reason → lastTransitionTime kept; the condition is removed and appended (order changes).
 */
export function setDeploymentCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const c = { ...condition };
  if (current && current.status === c.status) c.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...filterOutCondition(status.conditions, c.type), c];
}

export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  const rest = filterOutCondition(status.conditions, type);
  if (rest.length) status.conditions = rest;
  else delete status.conditions;
}

function filterOutCondition(
  conditions: DeploymentCondition[] | undefined,
  type: string,
): DeploymentCondition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

/** ReplicaSetToDeploymentCondition: a ReplicaFailure of a ReplicaSet promoted to the Deployment. */
export function replicaSetToDeploymentCondition(cond: ReplicaSetCondition): DeploymentCondition {
  return {
    type: cond.type,
    status: cond.status,
    lastTransitionTime: cond.lastTransitionTime,
    lastUpdateTime: cond.lastTransitionTime,
    reason: cond.reason,
    message: cond.message,
  };
}

// ---- revisions -----------------------------------------------------------------------------------

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64); undefined when it fails. */
export function parseInt64(s: string | undefined): bigint | undefined {
  if (s === undefined || !/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/**
 * Revision: the `deployment.kubernetes.io/revision` annotation as an int64. A missing annotation is
 * revision 0; an unparsable one is `undefined` (upstream's error: callers skip that object).
 * Revisions are bigints because adopted ReplicaSets may carry int64 revisions beyond 2^53
 * (e2e `testRollingUpdateDeployment`: 3546343826724305832 → the next is 3546343826724305833).
 */
export function revisionOf(obj: KObject | undefined | null): bigint | undefined {
  if (!obj) return undefined;
  const v = obj.metadata?.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0n;
  return parseInt64(v);
}

/** MaxRevision: the highest revision among the ReplicaSets (unparsable ones skipped), 0 if none. */
export function maxRevision(allRSs: readonly (ReplicaSet | null | undefined)[]): bigint {
  let max = 0n;
  for (const rs of allRSs) {
    const v = revisionOf(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** LastRevision: the second-highest revision (what `rollout undo` without a revision goes back to). */
export function lastRevision(allRSs: readonly (ReplicaSet | null | undefined)[]): bigint {
  let max = 0n;
  let secMax = 0n;
  for (const rs of allRSs) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (v >= max) {
      secMax = max;
      max = v;
    } else if (v > secMax) {
      secMax = v;
    }
  }
  return secMax;
}

/** SetDeploymentRevision: sets the Deployment's revision annotation; true if it changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  d.metadata = d.metadata ?? {};
  const annotations = (d.metadata.annotations = d.metadata.annotations ?? {});
  if (annotations[REVISION_ANNOTATION] === revision) return false;
  annotations[REVISION_ANNOTATION] = revision;
  return true;
}

// ---- annotations ---------------------------------------------------------------------------------

const ANNOTATIONS_TO_SKIP = new Set([
  LAST_APPLIED_CONFIG_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  DEPRECATED_ROLLBACK_TO_ANNOTATION,
]);

/** Annotations never copied between a Deployment and its ReplicaSets. */
export function skipCopyAnnotation(key: string): boolean {
  return ANNOTATIONS_TO_SKIP.has(key);
}

/**
 * copyDeploymentAnnotationsToReplicaSet: adds/overwrites every Deployment annotation outside the skip
 * list on the ReplicaSet (keys removed from the Deployment stay on the ReplicaSet); true if changed.
 */
export function copyDeploymentAnnotationsToReplicaSet(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  rs.metadata = rs.metadata ?? {};
  const target = (rs.metadata.annotations = rs.metadata.annotations ?? {});
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (skipCopyAnnotation(k) || (k in target && target[k] === v)) continue;
    target[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copies the Deployment's annotations, raises the revision to newRevision
 * when lower (appending the old one to revision-history, at most revHistoryLimitInChars characters,
 * dropping the oldest entries), and for a ReplicaSet about to be created sets desired/max-replicas.
 * True if an annotation changed.
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  newRS: ReplicaSet,
  newRevision: string,
  exists: boolean,
  revHistoryLimitInChars: number,
  bugs: ReadonlySet<string> = NO_BUGS,
): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, newRS);
  const annotations = newRS.metadata!.annotations!;
  const hadRevision = REVISION_ANNOTATION in annotations;
  const oldRevision = annotations[REVISION_ANNOTATION] ?? '';
  let oldRevisionInt = parseInt64(oldRevision);
  if (oldRevisionInt === undefined) {
    if (oldRevision !== '') return false;
    oldRevisionInt = 0n;
  }
  const newRevisionInt = parseInt64(newRevision);
  if (newRevisionInt === undefined) return false;
  if (oldRevisionInt < newRevisionInt) {
    annotations[REVISION_ANNOTATION] = newRevision;
    changed = true;
  }
  if (hadRevision && oldRevisionInt < newRevisionInt) {
    const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
    let oldRevisions = history.split(',');
    if (oldRevisions[0].length === 0) {
      annotations[REVISION_HISTORY_ANNOTATION] = oldRevision;
    } else {
      let totalLen = history.length + oldRevision.length + 1;
      let start = 0;
      while (totalLen > revHistoryLimitInChars && start < oldRevisions.length) {
        totalLen = totalLen - oldRevisions[start].length - 1;
        start++;
      }
      if (totalLen <= revHistoryLimitInChars) {
        oldRevisions = [...oldRevisions.slice(start), oldRevision];
        annotations[REVISION_HISTORY_ANNOTATION] = oldRevisions.join(',');
      }
    }
  }
  const replicas = deploymentReplicas(d);
  if (!exists && setReplicasAnnotations(newRS, replicas, replicas + maxSurge(d, bugs))) changed = true;
  return changed;
}

/** SetDeploymentAnnotationsTo (rollback): the Deployment keeps its skip-list annotations and takes the RS's others. */
export function setDeploymentAnnotationsTo(d: Deployment, rollbackToRS: ReplicaSet): void {
  d.metadata = d.metadata ?? {};
  const annotations = getSkippedAnnotations(d.metadata.annotations);
  for (const [k, v] of Object.entries(rollbackToRS.metadata?.annotations ?? {})) {
    if (!skipCopyAnnotation(k)) annotations[k] = v;
  }
  d.metadata.annotations = annotations;
}

/** The annotations of the skip list only. */
export function getSkippedAnnotations(
  annotations: Record<string, string> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations ?? {})) if (skipCopyAnnotation(k)) out[k] = v;
  return out;
}

/** strconv.Atoi of an annotation, truncated to int32; undefined when absent or unparsable. */
function getIntFromAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  if (v === undefined || !/^[+-]?[0-9]+$/.test(v)) return undefined;
  const n = BigInt(v);
  if (n < INT64_MIN || n > INT64_MAX) return undefined;
  return Number(BigInt.asIntN(32, n));
}

export function getDesiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return getIntFromAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
}

export function getMaxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return getIntFromAnnotation(rs, MAX_REPLICAS_ANNOTATION);
}

/** SetReplicasAnnotations: writes desired-replicas and max-replicas; true if either changed. */
export function setReplicasAnnotations(
  rs: ReplicaSet,
  desiredReplicas: number,
  maxReplicas: number,
): boolean {
  rs.metadata = rs.metadata ?? {};
  const annotations = (rs.metadata.annotations = rs.metadata.annotations ?? {});
  let updated = false;
  if (annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desiredReplicas)) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desiredReplicas);
    updated = true;
  }
  if (annotations[MAX_REPLICAS_ANNOTATION] !== String(maxReplicas)) {
    annotations[MAX_REPLICAS_ANNOTATION] = String(maxReplicas);
    updated = true;
  }
  return updated;
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(
  rs: ReplicaSet,
  desiredReplicas: number,
  maxReplicas: number,
): boolean {
  const a = rs.metadata?.annotations;
  if (!a) return true;
  return (
    a[DESIRED_REPLICAS_ANNOTATION] !== String(desiredReplicas) ||
    a[MAX_REPLICAS_ANNOTATION] !== String(maxReplicas)
  );
}

// ---- surge / unavailable -------------------------------------------------------------------------

/** `*d.Spec.Replicas` (API default 1). */
export function deploymentReplicas(d: Deployment): number {
  return d.spec?.replicas ?? 1;
}

/** IsRollingUpdate. A missing type is the API default, RollingUpdate. */
export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** maxSurge resolved against `total`: rounded up (the planted bug rounds down). */
function scaledSurge(v: IntOrString | undefined, total: number, bugs: ReadonlySet<string>): number {
  return scaledValue(v, total, !bugs.has('surge-rounded-down'));
}

/**
 * ResolveFenceposts: surge rounds up, unavailable rounds down; when both resolve to 0 unavailable
 * becomes 1. Throws on an invalid value. TestResolveFenceposts: 0%/0% of 0 → (0, 1); 39%/39% of 10 →
 * (4, 3); nil/39% of 10 → (0, 3); 39%/nil → (4, 0); nil/nil → (0, 1).
 */
export function resolveFenceposts(
  maxSurgeValue: IntOrString | undefined,
  maxUnavailableValue: IntOrString | undefined,
  desired: number,
  bugs: ReadonlySet<string> = NO_BUGS,
): [surge: number, unavailable: number] {
  const surge = scaledSurge(maxSurgeValue ?? 0, desired, bugs);
  let unavailable = scaledValue(maxUnavailableValue ?? 0, desired, bugs.has('unavailable-rounded-up'));
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

function fenceposts(d: Deployment, bugs: ReadonlySet<string>): [number, number] {
  const ru = d.spec?.strategy?.rollingUpdate;
  try {
    return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, deploymentReplicas(d), bugs);
  } catch {
    return [0, 0]; // upstream ignores the error (validation prevents it)
  }
}

/**
 * MaxUnavailable: 0 for Recreate or 0 replicas, else the resolved value clamped to replicas.
 * Defaults 25%/25%: 1→0, 2→0, 3→0, 4→1, 10→2, 20→5; maxUnavailable 10 of 5 → 5.
 */
export function maxUnavailable(d: Deployment, bugs: ReadonlySet<string> = NO_BUGS): number {
  const replicas = deploymentReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const unavailable = fenceposts(d, bugs)[1];
  return unavailable > replicas ? replicas : unavailable;
}

/** MinAvailable: replicas − MaxUnavailable (0 for Recreate). */
export function minAvailable(d: Deployment, bugs: ReadonlySet<string> = NO_BUGS): number {
  if (!isRollingUpdate(d)) return 0;
  return deploymentReplicas(d) - maxUnavailable(d, bugs);
}

/** MaxSurge: the resolved surge (0 for Recreate). Defaults 25%: 1→1, 3→1, 4→1, 10→3, 20→5. */
export function maxSurge(d: Deployment, bugs: ReadonlySet<string> = NO_BUGS): number {
  if (!isRollingUpdate(d)) return 0;
  return fenceposts(d, bugs)[0];
}

// ---- proportions ---------------------------------------------------------------------------------

/** k8s.io/utils/integer.RoundToInt32 (round half away from zero), with Go's amd64 conversion of NaN/±Inf/overflow. */
export function roundToInt32(x: number): number {
  const r = x < 0 ? Math.trunc(x - 0.5) : Math.trunc(x + 0.5);
  if (!Number.isFinite(r) || r < -2147483648 || r > 2147483647) return -2147483648;
  return r;
}

/**
 * getReplicaSetFraction: scaling to 0 → −size; otherwise
 * round(size × (replicas + maxSurge) / max-replicas annotation (else status.replicas)) − size.
 */
export function getReplicaSetFraction(
  rs: ReplicaSet,
  d: Deployment,
  bugs: ReadonlySet<string> = NO_BUGS,
): number {
  const size = specReplicas(rs);
  const replicas = deploymentReplicas(d);
  if (replicas === 0) return -size | 0;
  const deploymentTotal = replicas + maxSurge(d, bugs);
  const annotated = getMaxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
  const newRSSize = Math.imul(size, deploymentTotal) / annotated;
  return (roundToInt32(newRSSize) - size) | 0;
}

/**
 * GetProportion: how many replicas of `toAdd` this ReplicaSet takes, capped by what is left
 * (`toAdd − added`); 0 for an empty ReplicaSet.
 */
export function getProportion(
  rs: ReplicaSet | undefined | null,
  d: Deployment,
  toAdd: number,
  added: number,
  bugs: ReadonlySet<string> = NO_BUGS,
): number {
  if (!rs || specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d, bugs);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

// ---- finding ReplicaSets -------------------------------------------------------------------------

/**
 * Fields of a pod template whose empty value equals an absent one: maps (Go's semantic equality treats
 * an empty map as nil) and non-pointer structs (absent and `{}` decode to the same zero struct).
 */
const EMPTY_IS_NIL = new Set([
  'labels',
  'annotations',
  'nodeSelector',
  'limits',
  'requests',
  'overhead',
  'metadata',
  'spec',
  'resources',
]);

/**
 * A copy on which plain deepEqual behaves like apimachinery's semantic DeepEqual: empty lists are
 * dropped (empty and nil slices are equal) and so are empty maps; empty structs stay (`emptyDir: {}`).
 */
function semanticNormalize(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map((x) => semanticNormalize(x));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const n = semanticNormalize(x, k);
    if (n !== undefined) out[k] = n;
  }
  if (EMPTY_IS_NIL.has(key) && Object.keys(out).length === 0) return undefined;
  return out;
}

function templateWithoutHash(t: PodTemplateSpec | undefined): unknown {
  const labels = t?.metadata?.labels;
  if (!labels || !(DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY in labels)) return semanticNormalize(t ?? {});
  const rest = { ...labels };
  delete rest[DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY];
  return semanticNormalize({ ...t, metadata: { ...t!.metadata, labels: rest } });
}

/**
 * EqualIgnoreHash: the two templates are semantically equal after dropping the pod-template-hash
 * label from both (an empty label map equals none, as Go's semantic DeepEqual sees nil and empty maps).
 */
export function equalIgnoreHash(t1: PodTemplateSpec | undefined, t2: PodTemplateSpec | undefined): boolean {
  return deepEqual(templateWithoutHash(t1), templateWithoutHash(t2));
}

/**
 * FindNewReplicaSet: sorts rsList by creation (oldest first, name on ties) in place and returns the
 * first whose template equals the Deployment's ignoring the hash; undefined if none.
 */
export function findNewReplicaSet<T extends ReplicaSet>(d: Deployment, rsList: T[]): T | undefined {
  rsList.sort(byCreationTimestamp);
  for (const rs of rsList) if (equalIgnoreHash(rs.spec?.template, d.spec?.template)) return rs;
  return undefined;
}

/**
 * FindOldReplicaSets: every ReplicaSet but the new one (a younger duplicate of the new template is old
 * too). Returns [old ones with spec.replicas ≠ 0, all old ones].
 */
export function findOldReplicaSets<T extends ReplicaSet>(d: Deployment, rsList: T[]): [T[], T[]] {
  const newRS = findNewReplicaSet(d, rsList);
  const required: T[] = [];
  const all: T[] = [];
  for (const rs of rsList) {
    if (newRS && rs.metadata?.uid === newRS.metadata?.uid) continue;
    all.push(rs);
    if (specReplicas(rs) !== 0) required.push(rs);
  }
  return [required, all];
}

/**
 * FindActiveOrLatest: with at most one active ReplicaSet, that one (or, with none, the new one, else
 * the newest old one); undefined when several are active. Sorts oldRSs newest first in place.
 */
export function findActiveOrLatest<T extends ReplicaSet>(newRS: T | undefined, oldRSs: T[]): T | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  oldRSs.sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActiveReplicaSets([...oldRSs, newRS]);
  switch (active.length) {
    case 0:
      return newRS ?? oldRSs[0];
    case 1:
      return active[0];
    default:
      return undefined;
  }
}

/** SetFromReplicaSetTemplate: the Deployment's template becomes the RS's, without the hash label. */
export function setFromReplicaSetTemplate(d: Deployment, template: PodTemplateSpec | undefined): Deployment {
  const t = deepClone(template ?? {});
  if (t.metadata?.labels) {
    const labels = { ...t.metadata.labels };
    delete labels[DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY];
    if (Object.keys(labels).length) t.metadata.labels = labels;
    else delete t.metadata.labels;
  }
  d.spec = { ...d.spec!, template: t };
  return d;
}

// ---- sums ----------------------------------------------------------------------------------------

/** Σ spec.replicas. */
export function getReplicaCountForReplicaSets(rss: readonly (ReplicaSet | null | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += specReplicas(rs);
  return n;
}

/** Σ status.replicas. */
export function getActualReplicaCountForReplicaSets(rss: readonly (ReplicaSet | null | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.replicas ?? 0;
  return n;
}

/** Σ status.readyReplicas. */
export function getReadyReplicaCountForReplicaSets(rss: readonly (ReplicaSet | null | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.readyReplicas ?? 0;
  return n;
}

/** Σ status.availableReplicas. */
export function getAvailableReplicaCountForReplicaSets(
  rss: readonly (ReplicaSet | null | undefined)[],
): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.availableReplicas ?? 0;
  return n;
}

// ---- completion, progress, deadlines -------------------------------------------------------------

/** DeploymentComplete: updated = replicas = available = spec.replicas and the generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus | undefined): boolean {
  const replicas = deploymentReplicas(d);
  return (
    (s?.updatedReplicas ?? 0) === replicas &&
    (s?.replicas ?? 0) === replicas &&
    (s?.availableReplicas ?? 0) === replicas &&
    (s?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/**
 * DeploymentProgressing: compared with the stored status, more updated pods, fewer old pods, more
 * ready or more available pods.
 */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** HasProgressDeadline: progressDeadlineSeconds set and not MaxInt32. */
export function hasProgressDeadline(d: Deployment): boolean {
  const p = d.spec?.progressDeadlineSeconds;
  return p !== undefined && p !== null && p !== MAX_INT32;
}

/** HasRevisionHistoryLimit: revisionHistoryLimit set and not MaxInt32. */
export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const l = d.spec?.revisionHistoryLimit;
  return l !== undefined && l !== null && l !== MAX_INT32;
}

/**
 * DeploymentTimedOut: no deadline or no Progressing condition → false; NewReplicaSetAvailable → false;
 * ProgressDeadlineExceeded → true; else lastUpdateTime + progressDeadlineSeconds is strictly before now
 * (deadline 10 s: updated 00:01:09, now 00:01:20 → true; updated 00:01:11 → false).
 */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getDeploymentCondition(s, DEPLOYMENT_PROGRESSING);
  if (!cond) return false;
  if (cond.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (cond.reason === TIMED_OUT_REASON) return true;
  const from = fromTimestamp(cond.lastUpdateTime) ?? 0;
  return from + d.spec!.progressDeadlineSeconds! * 1000 < nowMs;
}

/**
 * NewRSNewReplicas: RollingUpdate → spec(newRS) + min(replicas + surge − Σspec(all), replicas −
 * spec(newRS)), or spec(newRS) when the total already reaches replicas + surge; Recreate → replicas.
 * TestNewRSNewReplicas (other RS at 5): replicas 1, new 5, surge 1 → 5; replicas 6, new 2, surge 10 → 6;
 * Recreate 3 → 3.
 */
export function newRSNewReplicas(
  d: Deployment,
  allRSs: readonly (ReplicaSet | null | undefined)[],
  newRS: ReplicaSet,
  bugs: ReadonlySet<string> = NO_BUGS,
): number {
  const type = d.spec?.strategy?.type ?? 'RollingUpdate';
  const replicas = deploymentReplicas(d);
  switch (type) {
    case 'RollingUpdate': {
      const ru = d.spec?.strategy?.rollingUpdate;
      if (ru?.maxSurge === undefined) throw new Error('nil value for IntOrString');
      const surge = scaledSurge(ru.maxSurge, replicas, bugs);
      const current = getReplicaCountForReplicaSets(allRSs);
      const maxTotal = replicas + surge;
      if (current >= maxTotal) return specReplicas(newRS);
      const scaleUp = Math.min(maxTotal - current, replicas - specReplicas(newRS));
      return specReplicas(newRS) + scaleUp;
    }
    case 'Recreate':
      return replicas;
    default:
      throw new Error(`deployment type ${type} isn't supported`);
  }
}

/**
 * IsSaturated: the ReplicaSet has spec.replicas = desired-replicas annotation = available =
 * the Deployment's replicas.
 */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined | null): boolean {
  if (!rs) return false;
  const desired = getDesiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  const replicas = deploymentReplicas(d);
  return (
    specReplicas(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas
  );
}

/**
 * ReplicaSetsByRevision: revision ascending; equal or unparsable revisions by creation (then name).
 * A ReplicaSet without the annotation is revision 0, so it sorts first.
 */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra === undefined || rb === undefined || ra === rb) return byCreationTimestamp(a, b);
  return ra < rb ? -1 : 1;
}

// ---- lookups in the store ------------------------------------------------------------------------

/**
 * ListReplicaSets for readers (kubectl): the ReplicaSets in the Deployment's namespace that match its
 * selector and are controlled by it, by name. Adopts and releases nothing (only the controller does).
 */
export function getReplicaSetsForDeployment(
  store: Store,
  d: Stored<Deployment> | Deployment,
): Stored<ReplicaSet>[] {
  const uid = d.metadata?.uid;
  if (!uid) return [];
  const ns = d.metadata?.namespace ?? 'default';
  const selector = fromLabelSelector(d.spec?.selector);
  return store
    .listControlledBy<ReplicaSet>('ReplicaSet', uid)
    .filter((rs) => rs.metadata.namespace === ns && selector.matches(rs.metadata.labels))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

/**
 * GetAllReplicaSets for readers (kubectl): [old ReplicaSets, new ReplicaSet or undefined], both from
 * `getReplicaSetsForDeployment`.
 */
export function getAllReplicaSets(
  store: Store,
  d: Stored<Deployment> | Deployment,
): [oldRSs: Stored<ReplicaSet>[], newRS: Stored<ReplicaSet> | undefined] {
  const rsList = getReplicaSetsForDeployment(store, d);
  const [, allOld] = findOldReplicaSets(d, rsList);
  return [allOld, findNewReplicaSet(d, rsList)];
}

/**
 * GetDeploymentsForReplicaSet: Deployments in the ReplicaSet's namespace whose (non-empty) selector
 * matches its labels; none for a ReplicaSet without labels.
 */
export function getDeploymentsForReplicaSet(store: Store, rs: ReplicaSet): Stored<Deployment>[] {
  const labels = rs.metadata?.labels;
  if (!labels || Object.keys(labels).length === 0) return [];
  const out: Stored<Deployment>[] = [];
  for (const d of store.list<Deployment>('Deployment', { namespace: rs.metadata?.namespace ?? 'default' })) {
    const selector = fromLabelSelector(d.spec?.selector);
    if (selector.nothing || selector.requirements.length === 0 || !selector.matches(labels)) continue;
    out.push(d);
  }
  return out;
}
