/**
 * Timeline predicates: pure functions over the trace and a window of it. The Then steps of the
 * timeline (steps.md "The timeline"), the fuzzer's properties and the reports all call these.
 *
 * A window is the records with seq in (fromSeq, toSeq]; the state at its start is every record with
 * seq ≤ fromSeq. "At every instant" means: in the state at the window's start, and after every
 * change in the window, including several changes at one virtual instant (a controller that deletes
 * a pod and then creates its replacement makes two states, and the first of them counts).
 *
 * Availability and time. A pod is available once it has been Ready for minReadySeconds
 * (`isPodAvailable`). That can happen between two writes, with no record to mark it. Between changes
 * the set of pods and their Ready conditions are fixed and time only moves forward, so the number
 * of available pods can only grow until the next change: its minimum over an interval is at the
 * interval's start. So checking "at least N available" right after each change, with the clock at
 * that change's time, sees every minimum; and a pod that became available in the meantime counts
 * from the next check on, because it is evaluated at that later time.
 */
import type { Trace, TraceRecord, Window } from '../trace/trace';
import { replay } from '../trace/trace';
import type { Deployment, PersistentVolumeClaim, Pod, ReplicaSet, Stored } from '../api/types';
import { isPodActive, isPodAvailable, isPodReady } from '../api/pod';
import { controllerUid } from '../store/store';

export type { Window };

/** Where a check was at its worst. */
export interface Instant {
  seq: number;
  time: number;
  /** The change that led to that state (`pod/web-x5k2p deleted by replicaset-controller`), or `the window's start`. */
  change: string;
}

export interface CountResult {
  ok: boolean;
  /** The lowest (for "at least") or highest (for "at most") count seen in the window. */
  worst: number;
  /** The first instant with the worst count. */
  at: Instant;
}

const DEPLOYMENT_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'Pod']);
const STATEFULSET_KINDS: ReadonlySet<string> = new Set(['StatefulSet', 'Pod']);

/** Describes a record for messages: `pod/web-x5k2p deleted by replicaset-controller`. */
export function describeChange(x: TraceRecord | undefined): string {
  if (!x) return "the window's start";
  const what =
    x.type === 'ADDED'
      ? 'created'
      : x.type === 'DELETED'
        ? 'removed'
        : x.object.metadata.deletionTimestamp && !x.old?.metadata.deletionTimestamp
          ? 'deleted'
          : 'updated';
  return `${x.kind.toLowerCase()}/${x.name} ${what} by ${x.actor}`;
}

function instant(x: TraceRecord | undefined, window: Window): Instant {
  return x
    ? { seq: x.seq, time: x.time, change: describeChange(x) }
    : { seq: window.fromSeq, time: window.fromTime, change: describeChange(undefined) };
}

/**
 * Folds a count over every state of the window and keeps the worst. `count` gets the state and the
 * virtual time of that state; `worse(a, b)` says whether a is worse than b.
 */
function worstOver(
  trace: Trace,
  kinds: ReadonlySet<string>,
  namespace: string,
  window: Window,
  count: (state: ReadonlyMap<string, Stored>, now: number) => number,
  worse: (a: number, b: number) => boolean,
): { worst: number; at: Instant } {
  let worst: number | undefined;
  let at: Instant | undefined;
  replay(trace, kinds, window.fromSeq, window.toSeq, (state, x) => {
    // A change in another namespace changes no count here.
    if (x && x.namespace !== namespace) return;
    const n = count(state, x ? x.time : window.fromTime);
    if (worst === undefined || worse(n, worst)) {
      worst = n;
      at = instant(x, window);
    }
  });
  return { worst: worst ?? 0, at: at ?? instant(undefined, window) };
}

/**
 * The pods of a deployment: those owned by ReplicaSets it owns, still active (not terminating, not
 * terminal), each with the minReadySeconds of its ReplicaSet.
 */
function deploymentPods(
  state: ReadonlyMap<string, Stored>,
  namespace: string,
  name: string,
): { deployment: Stored<Deployment> | undefined; pods: { pod: Stored<Pod>; minReadySeconds: number }[] } {
  const d = state.get(`Deployment/${namespace}/${name}`) as Stored<Deployment> | undefined;
  if (!d) return { deployment: undefined, pods: [] };
  const replicaSets = new Map<string, number>();
  for (const o of state.values())
    if (o.kind === 'ReplicaSet' && o.metadata.namespace === namespace && controllerUid(o) === d.metadata.uid)
      replicaSets.set(o.metadata.uid, (o as Stored<ReplicaSet>).spec?.minReadySeconds ?? 0);
  const pods: { pod: Stored<Pod>; minReadySeconds: number }[] = [];
  for (const o of state.values()) {
    if (o.kind !== 'Pod' || o.metadata.namespace !== namespace) continue;
    const owner = controllerUid(o);
    if (owner && replicaSets.has(owner) && isPodActive(o as Pod))
      pods.push({ pod: o as Stored<Pod>, minReadySeconds: replicaSets.get(owner)! });
  }
  return { deployment: d, pods };
}

function statefulSetPods(state: ReadonlyMap<string, Stored>, namespace: string, name: string): Stored<Pod>[] {
  const s = state.get(`StatefulSet/${namespace}/${name}`);
  if (!s) return [];
  const pods: Stored<Pod>[] = [];
  for (const o of state.values())
    if (
      o.kind === 'Pod' &&
      o.metadata.namespace === namespace &&
      controllerUid(o) === s.metadata.uid &&
      isPodActive(o as Pod)
    )
      pods.push(o as Stored<Pod>);
  return pods;
}

/**
 * `deployment "NAME" always had at least N available pods`: at every instant of the window, the
 * deployment's non-terminating pods that are available numbered at least n.
 *
 * Available with whose minReadySeconds: each pod's ReplicaSet's, as it was at that instant. That is
 * how Kubernetes counts (the Deployment's availableReplicas is the sum of its ReplicaSets', and each
 * ReplicaSet applies its own spec.minReadySeconds; the deployment controller copies a new value only
 * onto the new ReplicaSet). With the Deployment's value instead, raising minReadySeconds in an update
 * would make the old, long-available pods unavailable again at the instant of the update.
 */
export function deploymentAvailableAtLeast(
  trace: Trace,
  namespace: string,
  name: string,
  n: number,
  window: Window,
): CountResult {
  const r = worstOver(
    trace,
    DEPLOYMENT_KINDS,
    namespace,
    window,
    (state, now) =>
      deploymentPods(state, namespace, name).pods.filter((p) => isPodAvailable(p.pod, p.minReadySeconds, now))
        .length,
    (a, b) => a < b,
  );
  return { ok: r.worst >= n, ...r };
}

/** `deployment "NAME" never had more than N pods`: its non-terminating pods numbered at most n. */
export function deploymentPodsAtMost(
  trace: Trace,
  namespace: string,
  name: string,
  n: number,
  window: Window,
): CountResult {
  const r = worstOver(
    trace,
    DEPLOYMENT_KINDS,
    namespace,
    window,
    (state) => deploymentPods(state, namespace, name).pods.length,
    (a, b) => a > b,
  );
  return { ok: r.worst <= n, ...r };
}

/** `statefulset "NAME" always had at least N ready pods`: its non-terminating Ready pods numbered at least n. */
export function statefulSetReadyAtLeast(
  trace: Trace,
  namespace: string,
  name: string,
  n: number,
  window: Window,
): CountResult {
  const r = worstOver(
    trace,
    STATEFULSET_KINDS,
    namespace,
    window,
    (state) => statefulSetPods(state, namespace, name).filter(isPodReady).length,
    (a, b) => a < b,
  );
  return { ok: r.worst >= n, ...r };
}

/** `statefulset "NAME" never had more than N pods`: its non-terminating pods numbered at most n. */
export function statefulSetPodsAtMost(
  trace: Trace,
  namespace: string,
  name: string,
  n: number,
  window: Window,
): CountResult {
  const r = worstOver(
    trace,
    STATEFULSET_KINDS,
    namespace,
    window,
    (state) => statefulSetPods(state, namespace, name).length,
    (a, b) => a > b,
  );
  return { ok: r.worst <= n, ...r };
}

/** Names of the pods created in the window, in creation order (optionally only in one namespace). */
export function podsCreatedIn(trace: Trace, window: Window, namespace?: string): string[] {
  return trace
    .podsCreated(window.fromSeq, window.toSeq)
    .filter((x) => namespace === undefined || x.namespace === namespace)
    .map((x) => x.name);
}

/** Names of the pods whose deletion was requested in the window, in order. */
export function podsDeletedIn(trace: Trace, window: Window, namespace?: string): string[] {
  return trace
    .podsDeleted(window.fromSeq, window.toSeq)
    .filter((x) => namespace === undefined || x.namespace === namespace)
    .map((x) => x.name);
}

/** The object of a kind and name as it was after change `seq` (undefined if it did not exist then). */
export function objectAt(
  trace: Trace,
  kind: string,
  namespace: string,
  name: string,
  seq: number,
): Stored | undefined {
  let found: Stored | undefined;
  for (const x of trace.records) {
    if (x.seq > seq) break;
    if (x.kind !== kind || x.name !== name || x.namespace !== namespace) continue;
    found = x.type === 'DELETED' ? undefined : x.object;
  }
  return found;
}

export interface RecreatedResult {
  /** The uid of the pod of that name at the window's start, and at its end. */
  before: string | undefined;
  after: string | undefined;
  recreated: boolean;
}

/** `pod "NAME" was recreated`: a pod of that name exists at the window's end with another uid than at its start. */
export function podRecreated(trace: Trace, namespace: string, name: string, window: Window): RecreatedResult {
  const before = objectAt(trace, 'Pod', namespace, name, window.fromSeq)?.metadata.uid;
  const after = objectAt(trace, 'Pod', namespace, name, window.toSeq)?.metadata.uid;
  return { before, after, recreated: !!after && after !== before };
}

export interface ClaimVolumeResult {
  before: string | undefined;
  after: string | undefined;
  ok: boolean;
}

/** `the claim "NAME" is still bound to the same volume`: spec.volumeName is set and unchanged over the window. */
export function claimKeptVolume(
  trace: Trace,
  namespace: string,
  name: string,
  window: Window,
): ClaimVolumeResult {
  const vol = (seq: number) =>
    (
      objectAt(trace, 'PersistentVolumeClaim', namespace, name, seq) as
        Stored<PersistentVolumeClaim> | undefined
    )?.spec?.volumeName || undefined;
  const before = vol(window.fromSeq);
  const after = vol(window.toSeq);
  return { before, after, ok: !!before && before === after };
}

export interface BurstResult {
  ok: boolean;
  /** Why not, for the message. */
  reason?: string;
}

/**
 * The pods created in the window were all created at one instant, one after the other, with no
 * binding of any of them in between: one sync made them all (slowStartBatch with every creation
 * succeeding).
 */
export function podsCreatedInOneBurst(trace: Trace, window: Window): BurstResult {
  const records = trace.between(window.fromSeq, window.toSeq);
  const created = records.filter((x) => x.kind === 'Pod' && x.type === 'ADDED');
  if (created.length === 0) return { ok: false, reason: 'no pods were created' };
  const times = new Set(created.map((x) => x.time));
  if (times.size > 1) return { ok: false, reason: `pods were created at ${times.size} different instants` };
  const uids = new Set(created.map((x) => x.uid));
  const first = created[0].seq;
  const lastSeq = created[created.length - 1].seq;
  const between = records.find(
    (x) =>
      x.seq > first &&
      x.seq < lastSeq &&
      x.kind === 'Pod' &&
      x.type === 'MODIFIED' &&
      uids.has(x.uid) &&
      !!(x.object as Pod).spec?.nodeName &&
      !(x.old as Pod | undefined)?.spec?.nodeName,
  );
  if (between)
    return {
      ok: false,
      reason: `pod ${between.name} was bound by ${between.actor} before the last pod was created`,
    };
  const creators = new Set(created.map((x) => x.actor));
  if (creators.size > 1)
    return { ok: false, reason: `pods were created by ${[...creators].sort().join(', ')}` };
  return { ok: true };
}
