/**
 * Which pods a ReplicaSet deletes first when it has too many: `getPodsToDelete`,
 * `getPodsRankedByRelatedPodsOnSameNode` (pkg/controller/replicaset/replica_set.go) and
 * `ActivePodsWithRanks.Less` (pkg/controller/controller_utils.go); deployment.md §13.1.
 *
 * Pure functions of the pods, the related pods and the virtual time `now`. The order, smallest
 * (deleted first) to largest:
 *   1. unassigned (no nodeName) before assigned;
 *   2. phase Pending < Unknown < Running (any other phase counts as Pending);
 *   3. not Ready before Ready;
 *   4. lower `controller.kubernetes.io/pod-deletion-cost` first (gate PodDeletionCost, on);
 *   5. higher rank first: the number of active related pods on the pod's node (doubled-up first);
 *   6. both Ready: more recently Ready first, compared as floor(log2(now − readyTime in ns)) with
 *      LogarithmicScaleDown (on); a missing time counts as the newest;
 *   7. higher maximum container restart count first;
 *   8. newer creationTimestamp first (log2-bucketed like 6).
 * Where upstream breaks a log2-bucket tie by UID, and where it leaves pods equal, this order ends with
 * pod name, then UID, so the choice is reproducible and every sort ends in a total order
 * (TestSortingActivePodsWithRanks: Ready 5 h and 8 h ago land in one bucket, 44, and fall through to
 * the tie-break; Ready 2 h ago, bucket 42, goes first).
 */
import type { Pod } from '../../api/types';
import { isPodActive, isPodReady, podCondition } from '../../api/pod';
import { fromTimestamp } from '../../api/time';

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** Feature gates that change the order (both on by default since 1.22). */
export interface RankingGates {
  podDeletionCost: boolean;
  logarithmicScaleDown: boolean;
}

export const DEFAULT_RANKING_GATES: RankingGates = { podDeletionCost: true, logarithmicScaleDown: true };

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** The facts Less compares, computed once per pod. Times are virtual ms; undefined is Go's zero time. */
interface RankKey {
  pod: Pod;
  rank: number;
  unassigned: boolean;
  phase: number;
  ready: boolean;
  cost: number;
  readyTime: number | undefined;
  restarts: number;
  created: number | undefined;
  name: string;
  uid: string;
}

/**
 * helper.GetDeletionCostFromPodAnnotations: a base-10 int32 whose first character is `-`, `1`-`9`, or
 * which is exactly `0` (so no plus sign and no leading zero); anything else, or nothing, is 0.
 */
export function deletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^(-[0-9]+|0|[1-9][0-9]*)$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** The Ready condition's lastTransitionTime when Ready, else undefined (podReadyTime). */
function readyTime(pod: Pod): number | undefined {
  if (!isPodReady(pod)) return undefined;
  return fromTimestamp(podCondition(pod, 'Ready')?.lastTransitionTime);
}

function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  return max;
}

function keyOf(pod: Pod, rank: number): RankKey {
  return {
    pod,
    rank,
    unassigned: !pod.spec?.nodeName,
    phase: PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0,
    ready: isPodReady(pod),
    cost: deletionCost(pod),
    readyTime: readyTime(pod),
    restarts: maxContainerRestarts(pod),
    created: fromTimestamp(pod.metadata?.creationTimestamp),
    name: pod.metadata?.name ?? '',
    uid: pod.metadata?.uid ?? '',
  };
}

/** afterOrZero: t1 after t2, a zero (missing) time counting as after any real one. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** floor(log2(now − t)) with the difference in nanoseconds; −1 when t is not in the past. */
export function logarithmicRank(t: number, now: number): number {
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/**
 * Compares two times for rules 6 and 8: negative when a goes first (is newer), positive when b does,
 * 0 when upstream would fall through to its UID tie-break (same log2 bucket) or treat them as equal.
 */
function compareTimes(a: number | undefined, b: number | undefined, now: number, log: boolean): number {
  if (a === b) return 0;
  if (!log || a === undefined || b === undefined) return afterOrZero(a, b) ? -1 : 1;
  const diff = logarithmicRank(a, now) - logarithmicRank(b, now);
  return diff === 0 ? 0 : diff < 0 ? -1 : 1;
}

/**
 * ActivePodsWithRanks.Less as a comparator: negative when `a` should be deleted before `b`. Zero
 * only for the same pod (name and uid equal).
 */
function compareKeys(a: RankKey, b: RankKey, now: number, gates: RankingGates): number {
  // 1. Unassigned < assigned.
  if (a.unassigned !== b.unassigned) return a.unassigned ? -1 : 1;
  // 2. Pending < Unknown < Running.
  if (a.phase !== b.phase) return a.phase - b.phase;
  // 3. Not ready < ready.
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  // 4. Lower pod-deletion-cost < higher.
  if (gates.podDeletionCost && a.cost !== b.cost) return a.cost < b.cost ? -1 : 1;
  // 5. Doubled up < not doubled up.
  if (a.rank !== b.rank) return b.rank - a.rank;
  // 6. Been ready for less time < more time.
  if (a.ready && b.ready) {
    const c = compareTimes(a.readyTime, b.readyTime, now, gates.logarithmicScaleDown);
    if (c !== 0) return c;
    if (a.readyTime !== b.readyTime) return tieBreak(a, b);
  }
  // 7. Higher restart count < lower.
  if (a.restarts !== b.restarts) return b.restarts - a.restarts;
  // 8. Newer < older.
  const c = compareTimes(a.created, b.created, now, gates.logarithmicScaleDown);
  if (c !== 0) return c;
  return tieBreak(a, b);
}

function tieBreak(a: RankKey, b: RankKey): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.uid !== b.uid) return a.uid < b.uid ? -1 : 1;
  return 0;
}

/**
 * Ranks = the number of active related pods on each pod's node (getPodsRankedByRelatedPodsOnSameNode);
 * unscheduled pods share the node "".
 */
export function rankByRelatedPodsOnSameNode(pods: readonly Pod[], related: readonly Pod[]): number[] {
  const podsOnNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  return pods.map((p) => podsOnNode.get(p.spec?.nodeName ?? '') ?? 0);
}

/** Sorts pods (with their ranks) into deletion order: the first ones are deleted first. */
export function sortActivePodsWithRanks<P extends Pod>(
  pods: readonly P[],
  ranks: readonly number[],
  now: number,
  gates: RankingGates = DEFAULT_RANKING_GATES,
): P[] {
  const keys = pods.map((p, i) => keyOf(p, ranks[i] ?? 0));
  keys.sort((a, b) => compareKeys(a, b, now, gates));
  return keys.map((k) => k.pod as P);
}

/** ActivePodsWithRanks.Less(i, j) for two pods with given ranks. */
export function lessActivePodsWithRanks(
  a: Pod,
  rankA: number,
  b: Pod,
  rankB: number,
  now: number,
  gates: RankingGates = DEFAULT_RANKING_GATES,
): boolean {
  return compareKeys(keyOf(a, rankA), keyOf(b, rankB), now, gates) < 0;
}

/**
 * getPodsToDelete: the `diff` pods to delete. When every pod goes, they are taken in the given order
 * without sorting (as upstream); otherwise ranked by the related pods on the same node and sorted.
 */
export function getPodsToDelete<P extends Pod>(
  filteredPods: readonly P[],
  relatedPods: readonly Pod[],
  diff: number,
  now: number,
  gates: RankingGates = DEFAULT_RANKING_GATES,
): P[] {
  if (diff >= filteredPods.length) return filteredPods.slice();
  const ranks = rankByRelatedPodsOnSameNode(filteredPods, relatedPods);
  return sortActivePodsWithRanks(filteredPods, ranks, now, gates).slice(0, diff);
}
