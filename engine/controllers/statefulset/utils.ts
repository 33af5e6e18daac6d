/**
 * Pure helpers of the StatefulSet controller: identity (names, ordinals, labels), storage (claim
 * names and volumes), revisions (patch, ApplyRevision), health predicates, status helpers and the
 * PVC retention-policy ownerReference rules.
 *
 * Mirrors k8s: pkg/controller/statefulset/stateful_set_utils.go. Behaviour reference:
 * ../shared/spec/statefulset.md §3 (identity), §5.1 (health), §6.3 (revision of a new pod), §6.6
 * (maxUnavailable), §7 (revisions), §8 (status), §9 (claims and retention).
 */
import type {
  ControllerRevision,
  OwnerReference,
  PersistentVolumeClaim,
  Pod,
  PodSpec,
  PodTemplateSpec,
  StatefulSet,
  StatefulSetStatus,
} from '../../api/types';
import { podCondition } from '../../api/pod';
import { fromTimestamp } from '../../api/time';
import { IntOrString, scaledValue } from '../../api/intstr';
import { deepClone } from '../../util/clone';

type Volume = NonNullable<PodSpec['volumes']>[number];

/** apps/v1 label keys (staging/src/k8s.io/api/apps/v1/types.go). */
export const StatefulSetPodNameLabel = 'statefulset.kubernetes.io/pod-name';
export const PodIndexLabel = 'apps.kubernetes.io/pod-index';
export const StatefulSetRevisionLabel = 'controller-revision-hash';
/** pkg/controller/history: the label holding a ControllerRevision's hash. */
export const ControllerRevisionHashLabel = 'controller.kubernetes.io/hash';

export interface GroupVersionKind {
  apiVersion: string;
  kind: string;
}
export const controllerKind: GroupVersionKind = { apiVersion: 'apps/v1', kind: 'StatefulSet' };
export const podKind: GroupVersionKind = { apiVersion: 'v1', kind: 'Pod' };

export const OrderedReadyPodManagement = 'OrderedReady';
export const ParallelPodManagement = 'Parallel';
export const RollingUpdateStatefulSetStrategyType = 'RollingUpdate';
export const OnDeleteStatefulSetStrategyType = 'OnDelete';
export const RetainPolicy = 'Retain';
export const DeletePolicy = 'Delete';

/** Largest value `strconv.ParseInt(s, 10, 32)` accepts. */
const MAX_INT32 = 2_147_483_647;

// ---------------------------------------------------------------------------------------------
// Spec accessors. The API server defaults these (statefulset.md §1); the accessors apply the same
// defaults so the controller also works on objects written with admission skipped.
// ---------------------------------------------------------------------------------------------

/** spec.replicas, default 1. */
export function replicasOf(set: StatefulSet): number {
  return set.spec?.replicas ?? 1;
}

/** spec.minReadySeconds, default 0. */
export function minReadySecondsOf(set: StatefulSet): number {
  return set.spec?.minReadySeconds ?? 0;
}

/** spec.revisionHistoryLimit, default 10. */
export function revisionHistoryLimitOf(set: StatefulSet): number {
  return set.spec?.revisionHistoryLimit ?? 10;
}

export interface EffectiveRollingUpdate {
  partition: number;
  maxUnavailable?: IntOrString;
}

export interface EffectiveUpdateStrategy {
  type: string;
  /** nil when the type was given as RollingUpdate without rollingUpdate (§1), or for OnDelete. */
  rollingUpdate?: EffectiveRollingUpdate;
}

/**
 * spec.updateStrategy with SetDefaults_StatefulSet applied: an empty type becomes RollingUpdate
 * with `rollingUpdate: {partition: 0}`; an explicit RollingUpdate without rollingUpdate keeps it
 * nil (statefulset.md §1); a nil partition is 0.
 */
export function updateStrategyOf(set: StatefulSet): EffectiveUpdateStrategy {
  const s = set.spec?.updateStrategy;
  const type = s?.type || RollingUpdateStatefulSetStrategyType;
  let ru = s?.rollingUpdate;
  if (!s?.type && !ru) ru = {};
  if (!ru) return { type };
  const out: EffectiveRollingUpdate = { partition: ru.partition ?? 0 };
  if (ru.maxUnavailable !== undefined) out.maxUnavailable = ru.maxUnavailable as IntOrString;
  return { type, rollingUpdate: out };
}

/** allowsBurst: podManagementPolicy Parallel. Everything else (default OrderedReady) is monotonic. */
export function allowsBurst(set: StatefulSet): boolean {
  return set.spec?.podManagementPolicy === ParallelPodManagement;
}

// ---------------------------------------------------------------------------------------------
// Identity (§3)
// ---------------------------------------------------------------------------------------------

const statefulPodRegex = /^(.*)-([0-9]+)$/;

/**
 * getParentNameAndOrdinal: the greedy `(.*)-([0-9]+)$` split of a pod name. `web-0` → (web, 0),
 * `my-web-0` → (my-web, 0), `1-bar` → ('', -1). An ordinal that does not fit an int32 is -1.
 */
export function getParentNameAndOrdinal(podName: string): { parent: string; ordinal: number } {
  const parsed = parseName(podName);
  return { parent: parsed.parent, ordinal: parsed.ordinal };
}

/** The split of a name, remembered: sorting by ordinal asks it of every pod many times per sync. */
function parseName(podName: string): { readonly parent: string; readonly ordinal: number } {
  const hit = parsedNames.get(podName);
  if (hit) return hit;
  const m = statefulPodRegex.exec(podName);
  const parsed = m ? { parent: m[1], ordinal: ordinalValue(m[2]) } : { parent: '', ordinal: -1 };
  if (parsedNames.size >= PARSED_NAMES_LIMIT) parsedNames.clear();
  parsedNames.set(podName, parsed);
  return parsed;
}

function ordinalValue(digits: string): number {
  const n = Number(digits);
  return Number.isSafeInteger(n) && n <= MAX_INT32 ? n : -1;
}

const parsedNames = new Map<string, { readonly parent: string; readonly ordinal: number }>();
const PARSED_NAMES_LIMIT = 100_000;

export function getParentName(pod: Pod): string {
  return parseName(pod.metadata?.name ?? '').parent;
}

/** getOrdinal: the pod's ordinal, or -1. */
export function getOrdinal(pod: Pod): number {
  return parseName(pod.metadata?.name ?? '').ordinal;
}

/** getStartOrdinal: spec.ordinals.start, or 0. */
export function getStartOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** getEndOrdinal: start + replicas - 1 (inclusive). */
export function getEndOrdinal(set: StatefulSet): number {
  return getStartOrdinal(set) + replicasOf(set) - 1;
}

export function podInOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const ord = getOrdinal(pod);
  return ord >= getStartOrdinal(set) && ord <= getEndOrdinal(set);
}

/** getPodName: `<set>-<ordinal>`. */
export function getPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata?.name}-${ordinal}`;
}

/** getPersistentVolumeClaimName: `<template>-<set>-<ordinal>` (template `www`, set `web`: `www-web-0`). */
export function getPersistentVolumeClaimName(
  set: StatefulSet,
  claim: PersistentVolumeClaim,
  ordinal: number,
): string {
  return `${claim.metadata?.name}-${set.metadata?.name}-${ordinal}`;
}

/** isMemberOf: the pod's parent name is the set's name. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return getParentName(pod) === set.metadata?.name;
}

/** identityMatches: name `<set>-<ord>`, same namespace, pod-name label equal to the name. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const name = pod.metadata?.name ?? '';
  const { parent, ordinal } = getParentNameAndOrdinal(name);
  return (
    ordinal >= 0 &&
    set.metadata?.name === parent &&
    name === getPodName(set, ordinal) &&
    (pod.metadata?.namespace ?? 'default') === (set.metadata?.namespace ?? 'default') &&
    pod.metadata?.labels?.[StatefulSetPodNameLabel] === name
  );
}

/** storageMatches: for every claim template, a volume of that name mounting `<template>-<set>-<ord>`. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes = new Map<string, Volume>();
  for (const v of pod.spec?.volumes ?? []) volumes.set(v.name, v);
  for (const claim of set.spec?.volumeClaimTemplates ?? []) {
    const v = volumes.get(claim.metadata?.name ?? '');
    if (
      !v?.persistentVolumeClaim ||
      v.persistentVolumeClaim.claimName !== getPersistentVolumeClaimName(set, claim, ordinal)
    )
      return false;
  }
  return true;
}

/**
 * getPersistentVolumeClaims: the claims of a pod, keyed by template name, in template order. Each
 * is the template with name `<template>-<set>-<ord>`, the set's namespace, and labels = template
 * labels with selector.matchLabels merged over them (statefulset.md §9.1).
 */
export function getPersistentVolumeClaims(set: StatefulSet, pod: Pod): Map<string, PersistentVolumeClaim> {
  const ordinal = getOrdinal(pod);
  const out = new Map<string, PersistentVolumeClaim>();
  const matchLabels = set.spec?.selector?.matchLabels;
  for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
    const t = deepClone(tmpl);
    const meta = { ...(t.metadata ?? {}) };
    delete meta.uid;
    delete meta.resourceVersion;
    delete meta.creationTimestamp;
    delete meta.generation;
    meta.name = getPersistentVolumeClaimName(set, tmpl, ordinal);
    meta.namespace = set.metadata?.namespace ?? 'default';
    if (meta.labels) meta.labels = { ...meta.labels, ...(matchLabels ?? {}) };
    else if (matchLabels) meta.labels = { ...matchLabels };
    const claim: PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta,
      spec: t.spec ?? {},
    };
    out.set(tmpl.metadata?.name ?? '', claim);
  }
  return out;
}

/**
 * updateStorage: one volume per claim template, named after the template, mounting the pod's claim
 * (readOnly false); a pod volume with a template's name is replaced, others are kept after them.
 * Upstream iterates a Go map here (random order); template order keeps it deterministic.
 */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const claims = getPersistentVolumeClaims(set, pod);
  if (claims.size === 0) return;
  const current = pod.spec?.volumes ?? [];
  const volumes: Volume[] = [];
  for (const [name, claim] of claims)
    volumes.push({ name, persistentVolumeClaim: { claimName: claim.metadata!.name!, readOnly: false } });
  for (const v of current) if (!claims.has(v.name)) volumes.push(v);
  pod.spec = { ...(pod.spec ?? { containers: [] }), volumes };
}

/**
 * updateIdentity: name `<set>-<ord>`, the set's namespace, the pod-name label and (PodIndexLabel
 * gate) the pod-index label.
 */
export function updateIdentity(set: StatefulSet, pod: Pod, podIndexLabel: boolean): void {
  const ordinal = getOrdinal(pod);
  const meta = (pod.metadata ??= {});
  meta.name = getPodName(set, ordinal);
  meta.namespace = set.metadata?.namespace ?? 'default';
  const labels = (meta.labels = { ...(meta.labels ?? {}) });
  labels[StatefulSetPodNameLabel] = meta.name;
  if (podIndexLabel) labels[PodIndexLabel] = String(ordinal);
}

/** initIdentity: updateIdentity plus hostname = pod name and subdomain = serviceName, set only at creation. */
export function initIdentity(set: StatefulSet, pod: Pod, podIndexLabel: boolean): void {
  updateIdentity(set, pod, podIndexLabel);
  pod.spec = { ...(pod.spec ?? { containers: [] }), hostname: pod.metadata!.name };
  const subdomain = set.spec?.serviceName ?? '';
  if (subdomain) pod.spec.subdomain = subdomain;
  else delete pod.spec.subdomain;
}

/** A controller ownerReference to obj (metav1.NewControllerRef with the given kind). */
export function newControllerRef(
  owner: { metadata?: { name?: string; uid?: string } },
  gvk: GroupVersionKind,
): OwnerReference {
  return {
    apiVersion: gvk.apiVersion,
    kind: gvk.kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * controller.GetPodFromTemplate: labels, annotations and finalizers of the template, the set's
 * controllerRef, the template spec. (statefulset.md §3 says no generateName; see docs.)
 */
function podFromTemplate(template: PodTemplateSpec | undefined, set: StatefulSet): Pod {
  const t = template ?? {};
  const meta: Pod['metadata'] = { labels: { ...(t.metadata?.labels ?? {}) } };
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length)
    meta.annotations = { ...t.metadata.annotations };
  if (t.metadata?.finalizers?.length) meta.finalizers = [...t.metadata.finalizers];
  meta.ownerReferences = [newControllerRef(set, controllerKind)];
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: deepClone(t.spec ?? { containers: [] }) };
}

/** newStatefulSetPod: the pod of `ordinal` built from the set's template, with identity and storage. */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, podIndexLabel: boolean): Pod {
  const pod = podFromTemplate(set.spec?.template, set);
  pod.metadata!.name = getPodName(set, ordinal);
  initIdentity(set, pod, podIndexLabel);
  updateStorage(set, pod);
  return pod;
}

/** setPodRevision: the `controller-revision-hash` label. */
export function setPodRevision(pod: Pod, revision: string): void {
  const meta = (pod.metadata ??= {});
  meta.labels = { ...(meta.labels ?? {}), [StatefulSetRevisionLabel]: revision };
}

/** getPodRevision: the `controller-revision-hash` label, or ''. */
export function getPodRevision(pod: Pod): string {
  return pod.metadata?.labels?.[StatefulSetRevisionLabel] ?? '';
}

/**
 * newVersionedStatefulSetPod (§6.3): the pod gets the current revision when
 *   (RollingUpdate with rollingUpdate nil and ord < start + status.currentReplicas) or
 *   (rollingUpdate set and ord < start + partition);
 * otherwise the update revision. So with partition 2, a recreated web-0 comes back old and web-2
 * new; under OnDelete every new pod gets the update revision.
 */
export function newVersionedStatefulSetPod(
  currentSet: StatefulSet,
  updateSet: StatefulSet,
  currentRevision: string,
  updateRevision: string,
  ordinal: number,
  podIndexLabel: boolean,
): Pod {
  const strategy = updateStrategyOf(currentSet);
  const start = getStartOrdinal(currentSet);
  const useCurrent =
    (strategy.type === RollingUpdateStatefulSetStrategyType &&
      !strategy.rollingUpdate &&
      ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
    (!!strategy.rollingUpdate && ordinal < start + strategy.rollingUpdate.partition);
  const pod = newStatefulSetPod(useCurrent ? currentSet : updateSet, ordinal, podIndexLabel);
  setPodRevision(pod, useCurrent ? currentRevision : updateRevision);
  return pod;
}

// ---------------------------------------------------------------------------------------------
// Revisions (§7)
// ---------------------------------------------------------------------------------------------

/** What a StatefulSet ControllerRevision stores: `{"spec":{"template":{…,"$patch":"replace"}}}`. */
export interface RevisionData {
  spec: { template: PodTemplateSpec & { $patch: 'replace' } };
}

/** getPatch: the strategic-merge patch that restores the set's template, and only the template. */
export function getPatch(set: StatefulSet): RevisionData {
  return { spec: { template: { ...deepClone(set.spec?.template ?? {}), $patch: 'replace' } } };
}

/** The template a revision holds (its patch without the `$patch` directive). */
export function revisionTemplate(revision: ControllerRevision): PodTemplateSpec {
  const data = revision.data as Partial<RevisionData> | undefined;
  const t = deepClone(data?.spec?.template ?? {}) as PodTemplateSpec & { $patch?: string };
  delete t.$patch;
  return t;
}

/**
 * ApplyRevision: the set with its template replaced by the revision's (`$patch: replace`). Every
 * other field, status included, is the set's own.
 */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const clone = deepClone(set);
  clone.spec = { ...clone.spec!, template: revisionTemplate(revision) };
  return clone;
}

/** nextRevision: 1 + the highest .revision (revisions sorted ascending), or 1. */
export function nextRevision(revisions: readonly ControllerRevision[]): number {
  return revisions.length ? revisions[revisions.length - 1].revision + 1 : 1;
}

// ---------------------------------------------------------------------------------------------
// Health (§5.1)
// ---------------------------------------------------------------------------------------------

/** isCreated: the API server set a phase (Pending on create). A pod built in this sync has none. */
export function isCreated(pod: Pod): boolean {
  return !!pod.status?.phase;
}
export function isPending(pod: Pod): boolean {
  return pod.status?.phase === 'Pending';
}
export function isFailed(pod: Pod): boolean {
  return pod.status?.phase === 'Failed';
}
export function isSucceeded(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded';
}
export function isTerminating(pod: Pod): boolean {
  return !!pod.metadata?.deletionTimestamp;
}

/** isRunningAndReady: phase Running and Ready=True. Terminating pods are not excluded. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && podCondition(pod, 'Ready')?.status === 'True';
}

/**
 * The virtual time from which a Running+Ready pod counts as available: strictly after
 * readyCondition.lastTransitionTime + minReadySeconds (podutil.IsPodAvailable uses Before), i.e.
 * one millisecond later on the virtual clock. Undefined when not Running+Ready.
 */
export function availableAt(pod: Pod, minReadySeconds: number): number | undefined {
  if (!isRunningAndReady(pod)) return undefined;
  if (!minReadySeconds) return -Infinity;
  const ltt = fromTimestamp(podCondition(pod, 'Ready')?.lastTransitionTime);
  if (ltt === undefined) return Infinity;
  return ltt + minReadySeconds * 1000 + 1;
}

/**
 * isRunningAndAvailable: Running, Ready, and (minReadySeconds 0 or lastTransitionTime +
 * minReadySeconds strictly before now). Ready at 10 s with minReadySeconds 10: not available at
 * 20 s, available at 20.001 s.
 */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const at = availableAt(pod, minReadySeconds);
  return at !== undefined && at <= now;
}

/** isUnavailable: terminating, or not Running+Ready for minReadySeconds. */
export function isUnavailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return isTerminating(pod) || !isRunningAndAvailable(pod, minReadySeconds, now);
}

// ---------------------------------------------------------------------------------------------
// Ordering and status (§5.2, §6.6, §8)
// ---------------------------------------------------------------------------------------------

function byName(a: Pod, b: Pod): number {
  const x = a.metadata?.name ?? '';
  const y = b.metadata?.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** ascendingOrdinal (ties by name). */
export function ascendingOrdinal(a: Pod, b: Pod): number {
  return getOrdinal(a) - getOrdinal(b) || byName(a, b);
}

/** descendingOrdinal (ties by name). */
export function descendingOrdinal(a: Pod, b: Pod): number {
  return getOrdinal(b) - getOrdinal(a) || byName(a, b);
}

/**
 * getStatefulSetMaxUnavailable: maxUnavailable (default 1) scaled against replicas rounding down,
 * at least 1. nil/10 → 1; 3/10 → 3; 3/0 → 3; 0/0 → 1; "10%"/25 → 2; "100%"/5 → 5; "50%"/5 → 2;
 * "10%"/5 → 1.
 */
export function getStatefulSetMaxUnavailable(
  maxUnavailable: IntOrString | undefined,
  replicas: number,
): number {
  const n = scaledValue(maxUnavailable ?? 1, replicas, false);
  return n < 1 ? 1 : n;
}

/** The status fields the controller computes (apps/v1 StatefulSetStatus, without conditions). */
export interface ComputedStatus {
  observedGeneration: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
}

/**
 * inconsistentStatus: the status must be written when observedGeneration grew or any counter or
 * revision differs (collisionCount alone does not count).
 */
export function inconsistentStatus(set: StatefulSet, status: ComputedStatus): boolean {
  const s: StatefulSetStatus = set.status ?? { replicas: 0 };
  return (
    status.observedGeneration > (s.observedGeneration ?? 0) ||
    status.replicas !== (s.replicas ?? 0) ||
    status.currentReplicas !== (s.currentReplicas ?? 0) ||
    status.readyReplicas !== (s.readyReplicas ?? 0) ||
    status.updatedReplicas !== (s.updatedReplicas ?? 0) ||
    status.currentRevision !== (s.currentRevision ?? '') ||
    status.availableReplicas !== (s.availableReplicas ?? 0) ||
    status.updateRevision !== (s.updateRevision ?? '')
  );
}

/**
 * completeRollingUpdate (RollingUpdate only): when updated = ready = replicas = spec.replicas, the
 * current revision becomes the update revision and currentReplicas = updatedReplicas. It does not
 * look at availableReplicas (upstream issue #136831).
 */
export function completeRollingUpdate(set: StatefulSet, status: ComputedStatus): void {
  const spec = replicasOf(set);
  if (
    updateStrategyOf(set).type === RollingUpdateStatefulSetStrategyType &&
    status.updatedReplicas === spec &&
    status.readyReplicas === spec &&
    status.replicas === spec
  ) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/**
 * The status as the API serialises it: readyReplicas, currentReplicas, updatedReplicas,
 * observedGeneration and the revisions are omitempty; replicas, availableReplicas and the
 * collisionCount pointer are always present.
 */
export function toStatefulSetStatus(status: ComputedStatus): StatefulSetStatus {
  const out: StatefulSetStatus = { replicas: status.replicas, availableReplicas: status.availableReplicas };
  if (status.observedGeneration) out.observedGeneration = status.observedGeneration;
  if (status.readyReplicas) out.readyReplicas = status.readyReplicas;
  if (status.currentReplicas) out.currentReplicas = status.currentReplicas;
  if (status.updatedReplicas) out.updatedReplicas = status.updatedReplicas;
  if (status.currentRevision) out.currentRevision = status.currentRevision;
  if (status.updateRevision) out.updateRevision = status.updateRevision;
  out.collisionCount = status.collisionCount;
  return out;
}

// ---------------------------------------------------------------------------------------------
// PVC retention policy (§9.4, §9.5)
// ---------------------------------------------------------------------------------------------

export interface RetentionPolicy {
  whenDeleted: string;
  whenScaled: string;
}

/** getPersistentVolumeClaimRetentionPolicy: Retain/Retain unless set. */
export function getPersistentVolumeClaimRetentionPolicy(set: StatefulSet): RetentionPolicy {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: p?.whenDeleted || RetainPolicy, whenScaled: p?.whenScaled || RetainPolicy };
}

type Owner = { metadata?: { name?: string; uid?: string } };
type Owned = { metadata?: { ownerReferences?: OwnerReference[] } };

/** matchesRef: same apiVersion, kind and name (the uid is not compared). */
export function matchesRef(ref: OwnerReference, obj: Owner, gvk: GroupVersionKind): boolean {
  return ref.apiVersion === gvk.apiVersion && ref.kind === gvk.kind && ref.name === obj.metadata?.name;
}

/** hasOwnerRef: target has an ownerReference with owner's uid. */
export function hasOwnerRef(target: Owned, owner: Owner): boolean {
  const uid = owner.metadata?.uid ?? '';
  return (target.metadata?.ownerReferences ?? []).some((r) => r.uid === uid);
}

/**
 * hasStaleOwnerRef: the first ref naming obj (kind and name) has another uid. A pod not created yet
 * has no uid, so any ref naming it is stale.
 */
export function hasStaleOwnerRef(target: Owned, obj: Owner, gvk: GroupVersionKind): boolean {
  for (const r of target.metadata?.ownerReferences ?? [])
    if (matchesRef(r, obj, gvk)) return r.uid !== (obj.metadata?.uid ?? '');
  return false;
}

/**
 * hasUnexpectedController: with a policy other than Retain/Retain, a ref naming the set or pod with
 * another uid, or a controller ref to anything else.
 */
export function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const policy = getPersistentVolumeClaimRetentionPolicy(set);
  if (policy.whenScaled === RetainPolicy && policy.whenDeleted === RetainPolicy) return false;
  for (const r of claim.metadata?.ownerReferences ?? []) {
    if (matchesRef(r, set, controllerKind)) {
      if (r.uid !== (set.metadata?.uid ?? '')) return true;
      continue;
    }
    if (matchesRef(r, pod, podKind)) {
      if (r.uid !== (pod.metadata?.uid ?? '')) return true;
      continue;
    }
    if (r.controller) return true;
  }
  return false;
}

/** hasNonControllerOwner: the set or pod owns the claim without being its controller. */
export function hasNonControllerOwner(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  for (const r of claim.metadata?.ownerReferences ?? [])
    if ((r.uid === set.metadata?.uid || r.uid === pod.metadata?.uid) && !r.controller) return true;
  return false;
}

/**
 * isClaimOwnerUpToDate (TestIsClaimOwnerUpToDate): the claim's refs match the policy —
 *   Retain/Retain: none; whenDeleted=Delete: the set (for an in-range pod); whenScaled=Delete: the
 *   pod (for a condemned pod, and then no set ref). Stale refs or a foreign controller with our refs
 *   already gone count as up to date: such claims are not touched.
 */
export function isClaimOwnerUpToDate(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  if (hasStaleOwnerRef(claim, set, controllerKind) || hasStaleOwnerRef(claim, pod, podKind)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const policy = getPersistentVolumeClaimRetentionPolicy(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  const setRef = hasOwnerRef(claim, set);
  const podRef = hasOwnerRef(claim, pod);
  if (policy.whenScaled === RetainPolicy && policy.whenDeleted === DeletePolicy) return setRef && !podRef;
  if (policy.whenScaled === DeletePolicy && policy.whenDeleted === RetainPolicy)
    return !setRef && scaledDown === podRef;
  if (policy.whenScaled === DeletePolicy && policy.whenDeleted === DeletePolicy)
    return scaledDown !== setRef && scaledDown === podRef;
  // Retain/Retain, and unknown policies treated as Retain.
  return !setRef && !podRef;
}

/** addControllerRef: refs plus a controller ref to owner, unless one with its uid is there. */
function addControllerRef(refs: OwnerReference[], owner: Owner, gvk: GroupVersionKind): OwnerReference[] {
  if (refs.some((r) => r.uid === (owner.metadata?.uid ?? ''))) return refs;
  return [...refs, newControllerRef(owner, gvk)];
}

/**
 * updateClaimOwnerRefForSetAndPod: scrubs the refs naming the set or pod, then (unless a foreign
 * controller owns the claim) adds what the policy asks for (table in statefulset.md §9.4).
 * Mutates claim.
 */
export function updateClaimOwnerRefForSetAndPod(
  claim: PersistentVolumeClaim,
  set: StatefulSet,
  pod: Pod,
): void {
  const unexpected = hasUnexpectedController(claim, set, pod);
  let refs = (claim.metadata?.ownerReferences ?? []).filter(
    (r) => !matchesRef(r, set, controllerKind) && !matchesRef(r, pod, podKind),
  );
  if (!unexpected) {
    const policy = getPersistentVolumeClaimRetentionPolicy(set);
    const scaledDown = !podInOrdinalRange(pod, set);
    if (policy.whenScaled === RetainPolicy && policy.whenDeleted === DeletePolicy) {
      refs = addControllerRef(refs, set, controllerKind);
    } else if (policy.whenScaled === DeletePolicy && policy.whenDeleted === RetainPolicy) {
      if (scaledDown) refs = addControllerRef(refs, pod, podKind);
    } else if (policy.whenScaled === DeletePolicy && policy.whenDeleted === DeletePolicy) {
      refs = addControllerRef(refs, scaledDown ? pod : set, scaledDown ? podKind : controllerKind);
    }
  }
  const meta = (claim.metadata ??= {});
  if (refs.length) meta.ownerReferences = refs;
  else delete meta.ownerReferences;
}
