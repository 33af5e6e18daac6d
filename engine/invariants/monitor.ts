/**
 * Safety invariants of Deployments and StatefulSets, checked incrementally on every state change.
 *
 * `InvariantMonitor` is a fold over change records (the store's watch events, or the trace's
 * records, which carry the same fields). It keeps per-workload indexes (pods by owner, counts,
 * pending availability times, template keys, revisions) so that each record costs O(the changed
 * object): a pod write touches its own counters, a ReplicaSet write compares against the few
 * ReplicaSets of its Deployment, a StatefulSet pod creation looks at the lower ordinals. The same
 * class runs live under the fuzzer (attached to the store) and over a window of the trace for the
 * Then steps (`checkWindow`), so a counterexample printed as a feature fails for the same reason.
 *
 * What is claimed (docs/fuzzing.md has the long form):
 *
 * deployment.rollout-bounds (deployment.md §6.4, "starting from a healthy state, no external
 *   disruption")
 *   - ceiling: non-terminating pods ≤ replicas + maxSurge (Recreate: replicas), from the start.
 *     A change of replicas, strategy or minReadySeconds is a scaling event, not a rolling update
 *     (proportional scaling grows one ReplicaSet before the others shrink): from it until the next
 *     healthy state neither bound is claimed.
 *   - floor: available pods (Ready for the Deployment's minReadySeconds, not terminating) ≥
 *     replicas − maxUnavailable, from a healthy state (the controller has observed the current
 *     generation, and there are exactly `replicas` pods, all available)
 *     until an outside disruption or a change of replicas, strategy or minReadySeconds; then again
 *     from the next healthy state. Template changes (set image, rollback, restart) and
 *     pause/resume keep the claim: they are rolling updates. The healthy state is read from the
 *     pods, not from the Deployment's status, which can lag a disruption that came after the
 *     status was computed.
 *     Outside disruptions of a Deployment: one of its pods deleted by anyone but the controllers
 *     (kubectl, a user), a pod that was Ready turning unready while not terminating (a failing
 *     readiness probe), a pod turning Failed or Succeeded (an eviction).
 *   - Recreate: no pod of one ReplicaSet is created while a pod of another still exists (even
 *     terminating), deployment.md §9.
 * deployment.proportional-scaling: after a change of replicas only, the sync that observes it
 *   leaves the ReplicaSets at the sizes of deployment.md §8 (`proportionalSizes`).
 * deployment.replicasets: no two ReplicaSets of a Deployment have the same pod template (one new
 *   ReplicaSet); revision annotations are unique and a newly set revision exceeds every other
 *   ReplicaSet's; every active pod's controller is a live ReplicaSet of the Deployment whose
 *   selector matches it; the controllers never delete a ReplicaSet that still has active pods.
 * statefulset.identity: at most one pod per ordinal at any instant, terminating ones included;
 *   pods are named `<set>-<ordinal>` with matching pod-name label and hostname.
 * statefulset.ordering (OrderedReady): a pod is created only when every lower ordinal is Running,
 *   Ready for minReadySeconds and not terminating; a scale-down deletes pod k only when no pod
 *   above k exists any more.
 * statefulset.update-strategy: the controller deletes a live in-range pod (to update it) only
 *   under RollingUpdate, at or above the partition, when it is not already at the update revision,
 *   and (legacy one-at-a-time update) when every pod above it is at the update revision, Running
 *   and available; pods created below the partition get the current revision.
 * statefulset.storage: a claim's volume never changes; only the garbage collector (acting on an
 *   ownerReference the retention policy set) or a user deletes a claim; every pod mounts the
 *   claims named after its ordinal.
 * statefulset.revisions: no two ControllerRevisions of a set hold the same template; revision
 *   numbers are unique and a new or renumbered revision exceeds all others.
 */
import type {
  ControllerRevision,
  Deployment,
  PersistentVolumeClaim,
  Pod,
  ReplicaSet,
  StatefulSet,
  Stored,
} from '../api/types';
import type { Store, WatchType } from '../store/store';
import { controllerUid } from '../store/store';
import { isPodActive, isPodReady, podAvailableAt } from '../api/pod';
import { fromTimestamp } from '../api/time';
import { fromLabelSelector } from '../api/selectors';
import { canonicalJson } from '../util/clone';
import type { Selector } from '../api/selectors';
import {
  deploymentReplicas,
  isRollingUpdate,
  maxSurgeOf,
  maxUnavailableOf,
  proportionalSizes,
  revisionOf,
  rolloutCeiling,
  rolloutFloor,
  rolloutParameters,
  scaleInput,
  templateKey,
} from './rollout';
import type { ScaleInput } from './rollout';
import { DESIRED_REPLICAS_ANNOTATION } from './rollout';
import {
  POD_NAME_LABEL,
  claimOrdinal,
  claimTemplateNames,
  inRange,
  isOnDelete,
  isOrderedReady,
  isTerminal,
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

export type InvariantId =
  | 'deployment.rollout-bounds'
  | 'deployment.proportional-scaling'
  | 'deployment.replicasets'
  | 'statefulset.identity'
  | 'statefulset.ordering'
  | 'statefulset.update-strategy'
  | 'statefulset.storage'
  | 'statefulset.revisions';

export const INVARIANT_IDS: readonly InvariantId[] = [
  'deployment.rollout-bounds',
  'deployment.proportional-scaling',
  'deployment.replicasets',
  'statefulset.identity',
  'statefulset.ordering',
  'statefulset.update-strategy',
  'statefulset.storage',
  'statefulset.revisions',
];

/** One state change, as the store's watch events and the trace's records both carry it. */
export interface ChangeRecord {
  seq: number;
  time: number;
  type: WatchType;
  kind: string;
  actor: string;
  object: Stored;
  old?: Stored;
}

export interface Violation {
  invariant: InvariantId;
  /** The workload the invariant is about. */
  kind: 'Deployment' | 'StatefulSet';
  namespace: string;
  name: string;
  /** The change after which the invariant did not hold. */
  seq: number;
  time: number;
  change: string;
  /** What was wrong, naming the workload: `deployment "web" had 2 available pods; …`. */
  message: string;
}

export interface MonitorOptions {
  /** The MaxUnavailableStatefulSet feature gate (StatefulSet updates then delete several pods at once). */
  maxUnavailableStatefulSet?: boolean;
}

/** The control plane's actors: a deletion by any other actor is an outside disruption. */
export const CONTROL_PLANE_ACTORS: ReadonlySet<string> = new Set([
  'replicaset-controller',
  'deployment-controller',
  'statefulset-controller',
  'garbage-collector',
  'kubelet',
]);

const WATCHED_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'Pod',
  'StatefulSet',
  'ControllerRevision',
  'PersistentVolumeClaim',
]);

/** `pod/web-x5k2p deleted by kubectl`. */
export function describeRecord(r: ChangeRecord): string {
  const what =
    r.type === 'ADDED'
      ? 'created'
      : r.type === 'DELETED'
        ? 'removed'
        : r.object.metadata.deletionTimestamp && !r.old?.metadata.deletionTimestamp
          ? 'deleted'
          : 'updated';
  return `${r.kind.toLowerCase()}/${r.object.metadata.name} ${what} by ${r.actor}`;
}

/** A deletion was requested by this change: the deletionTimestamp appeared, or it was removed without one. */
function deletionRequested(r: ChangeRecord): boolean {
  if (r.type === 'DELETED') return !r.old?.metadata.deletionTimestamp;
  return !!r.object.metadata.deletionTimestamp && !r.old?.metadata.deletionTimestamp;
}

interface PodTrack {
  uid: string;
  name: string;
  rs: string;
  active: boolean;
  /** Not Failed/Succeeded (terminating pods included): what Recreate waits for. */
  present: boolean;
  ready: boolean;
  /** The pod as last seen (its Ready condition decides when it becomes available). */
  pod: Pod;
  counted: boolean;
}

interface RsTrack {
  uid: string;
  name: string;
  d: DTrack;
  rs: Stored<ReplicaSet>;
  key: string;
  keyGeneration: number;
  revision: number | undefined;
  active: number;
  present: number;
  selector: Selector;
}

interface ScaleCheck {
  /** The replicas the scale asked for. */
  replicas: number;
  /** Taken just before the controller's first write after the scale: what its sync read. */
  snapshot?: { d: Deployment; sets: ScaleInput[] };
  /** The sizes §8 gives (undefined: the proportional rule does not apply). */
  expected?: Map<string, number>;
  /** Each ReplicaSet's size at its first write carrying the new desired-replicas annotation. */
  seen: Map<string, number>;
}

interface DTrack {
  uid: string;
  namespace: string;
  name: string;
  d: Stored<Deployment>;
  rss: Map<string, RsTrack>;
  pods: Map<string, PodTrack>;
  active: number;
  minReadySeconds: number;
  available: number;
  /** Ready, active pods not yet Ready for minReadySeconds: uid → first ms at which they count. */
  pending: Map<string, number>;
  /** A scaling event (a change of replicas or rollout parameters) since the last healthy state. */
  scaling: boolean;
  floor: { value: number; params: string } | undefined;
  params: string;
  keys: Map<string, string>;
  scale: ScaleCheck | undefined;
}

interface CrTrack {
  uid: string;
  name: string;
  key: string;
  revision: number;
}

interface STrack {
  uid: string;
  namespace: string;
  name: string;
  set: Stored<StatefulSet>;
  setKey: string;
  setKeyGeneration: number;
  pods: Map<number, Stored<Pod>>;
  podOrdinal: Map<string, number>;
  crs: Map<string, CrTrack>;
}

function nsOf(obj: Stored): string {
  return obj.metadata.namespace ?? '';
}

export class InvariantMonitor {
  readonly violations: Violation[] = [];
  /** Violations after changes with seq ≤ this are not recorded (a Then step's window start). */
  reportFrom = -Infinity;
  /** Changes observed (Events excluded). */
  changes = 0;
  private readonly seen = new Set<string>();
  private readonly deployments = new Map<string, DTrack>();
  private readonly replicaSets = new Map<string, RsTrack>();
  private readonly podOwners = new Map<string, DTrack | STrack>();
  private readonly sets = new Map<string, STrack>();
  private readonly setsByNamespace = new Map<string, STrack[]>();
  private current!: ChangeRecord;

  constructor(readonly options: MonitorOptions = {}) {}

  /** Checks every change of the store from now on. */
  attach(store: Store): this {
    store.watch('*', (e) => this.observe(e));
    return this;
  }

  get ok(): boolean {
    return this.violations.length === 0;
  }

  /** The violations of one workload, or all. */
  violationsOf(kind?: string, namespace?: string, name?: string): Violation[] {
    return this.violations.filter(
      (v) =>
        (kind === undefined || v.kind === kind) &&
        (namespace === undefined || v.namespace === namespace) &&
        (name === undefined || v.name === name),
    );
  }

  observe(r: ChangeRecord): void {
    if (!WATCHED_KINDS.has(r.kind)) return;
    this.changes++;
    this.current = r;
    switch (r.kind) {
      case 'Deployment':
        return this.onDeployment(r);
      case 'ReplicaSet':
        return this.onReplicaSet(r);
      case 'Pod':
        return this.onPod(r);
      case 'StatefulSet':
        return this.onStatefulSet(r);
      case 'ControllerRevision':
        return this.onRevision(r);
      case 'PersistentVolumeClaim':
        return this.onClaim(r);
    }
  }

  private violate(
    invariant: InvariantId,
    kind: 'Deployment' | 'StatefulSet',
    namespace: string,
    name: string,
    message: string,
  ): void {
    const r = this.current;
    if (r.seq <= this.reportFrom) return;
    // The first violation of an invariant per workload; what follows from it adds nothing.
    const key = `${invariant}|${namespace}/${name}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.violations.push({
      invariant,
      kind,
      namespace,
      name,
      seq: r.seq,
      time: r.time,
      change: describeRecord(r),
      message,
    });
  }

  // ---- Deployments ----

  private onDeployment(r: ChangeRecord): void {
    const d = r.object as Stored<Deployment>;
    const uid = d.metadata.uid;
    if (r.type === 'DELETED') {
      const t = this.deployments.get(uid);
      if (t) {
        for (const rs of t.rss.values()) this.replicaSets.delete(rs.uid);
        for (const p of t.pods.keys()) this.podOwners.delete(p);
        this.deployments.delete(uid);
      }
      return;
    }
    let t = this.deployments.get(uid);
    if (!t) {
      t = {
        uid,
        namespace: nsOf(d),
        name: d.metadata.name,
        d,
        rss: new Map(),
        pods: new Map(),
        active: 0,
        minReadySeconds: d.spec?.minReadySeconds ?? 0,
        available: 0,
        pending: new Map(),
        scaling: false,
        floor: undefined,
        params: rolloutParameters(d),
        keys: new Map(),
        scale: undefined,
      };
      this.deployments.set(uid, t);
    }
    const before = t.d;
    if (r.actor === 'deployment-controller') this.snapshotScale(t);
    t.d = d;
    if (before !== d && before.metadata.generation !== d.metadata.generation) {
      const params = rolloutParameters(d);
      if (params !== t.params) {
        // A scaling event, not a rolling update: no bound is claimed until the next healthy state.
        t.params = params;
        t.floor = undefined;
        t.scaling = true;
      }
      const mrs = d.spec?.minReadySeconds ?? 0;
      if (mrs !== t.minReadySeconds) this.rebuildAvailability(t, mrs);
      // A change of replicas alone: the sync that observes it must scale proportionally.
      if (r.actor !== 'deployment-controller' && onlyReplicasChanged(before, d))
        t.scale = { replicas: deploymentReplicas(d), seen: new Map() };
      else if (r.actor !== 'deployment-controller') t.scale = undefined;
    }
    this.checkBounds(t);
  }

  /** A write of the scaling sync (or a later one) to a ReplicaSet: note its size at the first. */
  private noteScaleWrite(t: DTrack, rs: Stored<ReplicaSet>): void {
    const sc = t.scale;
    if (!sc?.expected || !sc.expected.has(rs.metadata.uid) || sc.seen.has(rs.metadata.uid)) return;
    if (rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] !== String(sc.replicas)) return;
    sc.seen.set(rs.metadata.uid, rs.spec?.replicas ?? 1);
    if (sc.seen.size === sc.expected.size) {
      this.checkScale(t, sc);
      t.scale = undefined;
    }
  }

  /**
   * The state the scaling sync reads, taken just before its first write, and the sizes §8 gives
   * for it. The sync then writes every active ReplicaSet with the new desired-replicas annotation;
   * the size each one gets at that first write is compared (a failed status write and a retry, or
   * the rolling sync after it, may change sizes again later: those are not the scaling step).
   */
  private snapshotScale(t: DTrack): void {
    const sc = t.scale;
    if (!sc || sc.snapshot) return;
    const key = templateKey(t.d.spec?.template);
    const sets: ScaleInput[] = [];
    for (const rs of t.rss.values())
      sets.push(scaleInput(rs.rs, fromTimestamp(rs.rs.metadata.creationTimestamp) ?? 0, rs.key === key));
    sc.snapshot = { d: t.d, sets };
    // isScalingEvent: some active ReplicaSet was sized for other replicas. (Scaled away and back
    // before the controller looked, the Deployment is no scaling event.)
    const replicas = deploymentReplicas(t.d);
    const scaling = sets.some(
      (x) =>
        x.replicas > 0 &&
        x.desiredReplicasAnnotation !== undefined &&
        x.desiredReplicasAnnotation !== replicas,
    );
    sc.expected = scaling ? proportionalSizes(t.d, t.d.status?.replicas ?? 0, sets) : undefined;
    if (!sc.expected) t.scale = undefined;
  }

  private checkScale(t: DTrack, sc: ScaleCheck): void {
    const wrong: string[] = [];
    const want: string[] = [];
    for (const s of sc.snapshot!.sets) {
      const expected = sc.expected!.get(s.uid);
      if (expected === undefined) continue;
      const got = sc.seen.get(s.uid);
      want.push(`${s.name} ${s.replicas}→${expected}`);
      if (got !== expected) wrong.push(`${s.name} ${s.replicas}→${got}`);
    }
    if (wrong.length)
      this.violate(
        'deployment.proportional-scaling',
        'Deployment',
        t.namespace,
        t.name,
        `deployment "${t.name}" scaled to ${sc.replicas} replicas by resizing ${wrong.join(', ')}; proportional scaling resizes ${want.join(', ')}`,
      );
  }

  private rebuildAvailability(t: DTrack, mrs: number): void {
    t.minReadySeconds = mrs;
    t.available = 0;
    t.pending.clear();
    for (const p of t.pods.values()) {
      p.counted = false;
      if (p.active && p.ready) this.addAvailable(t, p);
    }
  }

  private addAvailable(t: DTrack, p: PodTrack): void {
    if (!t.minReadySeconds) {
      p.counted = true;
      t.available++;
      return;
    }
    t.pending.set(p.uid, podAvailableAt(p.pod, t.minReadySeconds) ?? Infinity);
  }

  private removeAvailable(t: DTrack, p: PodTrack): void {
    if (p.counted) {
      p.counted = false;
      t.available--;
    } else t.pending.delete(p.uid);
  }

  private checkBounds(t: DTrack): void {
    const d = t.d;
    const now = this.current.time;
    const ceiling = rolloutCeiling(d);
    if (!t.scaling && t.active > ceiling)
      this.violate(
        'deployment.rollout-bounds',
        'Deployment',
        t.namespace,
        t.name,
        `deployment "${t.name}" had ${t.active} pods; its rollout bounds allow at most ${ceiling} (replicas ${deploymentReplicas(d)} + maxSurge ${maxSurgeOf(d)})`,
      );
    if (t.pending.size) {
      for (const [uid, at] of t.pending) {
        if (at > now) continue;
        t.pending.delete(uid);
        const p = t.pods.get(uid);
        if (p) {
          p.counted = true;
          t.available++;
        }
      }
    }
    // The claims start (again) at a healthy state: the controller has observed the current spec
    // (so no work queued for an older one is left to run) and every replica is there and available.
    const replicas = deploymentReplicas(d);
    const observed = (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
    if (observed && t.active === replicas && t.available === replicas) {
      t.scaling = false;
      if (!t.floor && isRollingUpdate(d)) t.floor = { value: rolloutFloor(d), params: t.params };
    }
    if (t.floor && t.available < t.floor.value) {
      const mrs = t.minReadySeconds ? ` for ${t.minReadySeconds}s` : '';
      this.violate(
        'deployment.rollout-bounds',
        'Deployment',
        t.namespace,
        t.name,
        `deployment "${t.name}" had ${t.available} available pods (Ready${mrs}, not terminating); its rollout bounds require at least ${t.floor.value} (replicas ${deploymentReplicas(d)} − maxUnavailable ${maxUnavailableOf(d)})`,
      );
    }
  }

  private disrupt(t: DTrack): void {
    t.floor = undefined;
  }

  // ---- ReplicaSets ----

  private onReplicaSet(r: ChangeRecord): void {
    const rs = r.object as Stored<ReplicaSet>;
    const uid = rs.metadata.uid;
    const existing = this.replicaSets.get(uid);
    const byController = r.actor === 'deployment-controller';
    if (byController) {
      const c = existing?.d ?? this.deployments.get(controllerUid(rs) ?? '');
      if (c) this.snapshotScale(c);
    }
    if (r.type === 'DELETED') {
      if (!existing) return;
      const t = existing.d;
      if (existing.active > 0 && CONTROL_PLANE_ACTORS.has(r.actor))
        this.violate(
          'deployment.replicasets',
          'Deployment',
          t.namespace,
          t.name,
          `replicaset "${rs.metadata.name}" of deployment "${t.name}" was deleted by ${r.actor} while ${existing.active} of its pods were active`,
        );
      this.dropReplicaSet(existing);
      this.checkBounds(t);
      return;
    }
    const owner = controllerUid(rs);
    const t = owner ? this.deployments.get(owner) : undefined;
    if (existing && existing.d !== t) {
      const old = existing.d;
      this.dropReplicaSet(existing);
      this.checkBounds(old);
    }
    if (!t) return;
    let track = this.replicaSets.get(uid);
    const oldRevision = track?.revision;
    if (!track) {
      track = {
        uid,
        name: rs.metadata.name,
        d: t,
        rs,
        key: templateKey(rs.spec?.template),
        keyGeneration: rs.metadata.generation ?? 0,
        revision: revisionOf(rs),
        active: 0,
        present: 0,
        selector: fromLabelSelector(rs.spec?.selector),
      };
      this.replicaSets.set(uid, track);
      t.rss.set(uid, track);
      this.checkTemplate(t, track);
      if (track.revision !== undefined) this.checkRevision(t, track);
      return;
    }
    track.rs = rs;
    if ((rs.metadata.generation ?? 0) !== track.keyGeneration) {
      track.keyGeneration = rs.metadata.generation ?? 0;
      const key = templateKey(rs.spec?.template);
      if (key !== track.key) {
        if (t.keys.get(track.key) === uid) t.keys.delete(track.key);
        track.key = key;
        this.checkTemplate(t, track);
      }
      track.selector = fromLabelSelector(rs.spec?.selector);
    }
    track.revision = revisionOf(rs);
    if (track.revision !== undefined && track.revision !== oldRevision) this.checkRevision(t, track);
    if (byController) this.noteScaleWrite(t, rs);
  }

  private dropReplicaSet(rs: RsTrack): void {
    const t = rs.d;
    this.replicaSets.delete(rs.uid);
    t.rss.delete(rs.uid);
    if (t.keys.get(rs.key) === rs.uid) t.keys.delete(rs.key);
    for (const p of t.pods.values()) {
      if (p.rs !== rs.uid) continue;
      this.removePodCounts(t, p);
      t.pods.delete(p.uid);
      this.podOwners.delete(p.uid);
    }
  }

  private checkTemplate(t: DTrack, rs: RsTrack): void {
    const other = t.keys.get(rs.key);
    if (other && other !== rs.uid && t.rss.has(other)) {
      this.violate(
        'deployment.replicasets',
        'Deployment',
        t.namespace,
        t.name,
        `deployment "${t.name}" has two ReplicaSets with the same pod template: "${t.rss.get(other)!.name}" and "${rs.name}"`,
      );
      return;
    }
    t.keys.set(rs.key, rs.uid);
  }

  private checkRevision(t: DTrack, rs: RsTrack): void {
    for (const o of t.rss.values()) {
      if (o === rs || o.revision === undefined) continue;
      if (o.revision >= rs.revision!) {
        this.violate(
          'deployment.replicasets',
          'Deployment',
          t.namespace,
          t.name,
          o.revision === rs.revision
            ? `replicasets "${o.name}" and "${rs.name}" of deployment "${t.name}" both have revision ${rs.revision}`
            : `replicaset "${rs.name}" of deployment "${t.name}" was given revision ${rs.revision}, not above revision ${o.revision} of "${o.name}"`,
        );
        return;
      }
    }
  }

  // ---- Pods ----

  private onPod(r: ChangeRecord): void {
    const pod = r.object as Stored<Pod>;
    const uid = pod.metadata.uid;
    const owner = r.type === 'DELETED' ? this.podOwners.get(uid) : this.ownerOfPod(pod);
    const previous = this.podOwners.get(uid);
    if (previous && previous !== owner) this.forgetPod(previous, uid);
    if (!owner) return;
    if ('rss' in owner) this.onDeploymentPod(owner, r, pod);
    else this.onSetPod(owner, r, pod);
  }

  private ownerOfPod(pod: Stored<Pod>): DTrack | STrack | undefined {
    const c = controllerUid(pod);
    if (!c) return undefined;
    const rs = this.replicaSets.get(c);
    if (rs) return rs.d;
    return this.sets.get(c);
  }

  private forgetPod(owner: DTrack | STrack, uid: string): void {
    this.podOwners.delete(uid);
    if ('rss' in owner) {
      const p = owner.pods.get(uid);
      if (p) {
        this.removePodCounts(owner, p);
        owner.pods.delete(uid);
        this.checkBounds(owner);
      }
    } else {
      const k = owner.podOrdinal.get(uid);
      if (k !== undefined) {
        owner.podOrdinal.delete(uid);
        if (owner.pods.get(k)?.metadata.uid === uid) owner.pods.delete(k);
      }
    }
  }

  private removePodCounts(t: DTrack, p: PodTrack): void {
    const rs = t.rss.get(p.rs);
    if (p.active) {
      t.active--;
      if (rs) rs.active--;
    }
    if (p.present && rs) rs.present--;
    if (p.active && p.ready) this.removeAvailable(t, p);
  }

  private onDeploymentPod(t: DTrack, r: ChangeRecord, pod: Stored<Pod>): void {
    const uid = pod.metadata.uid;
    const prev = t.pods.get(uid);
    // Outside disruptions suspend the availability floor until the next complete rollout.
    if (prev) {
      if (deletionRequested(r) && !CONTROL_PLANE_ACTORS.has(r.actor)) this.disrupt(t);
      else if (r.type === 'MODIFIED') {
        const phase = pod.status?.phase;
        if (prev.present && (phase === 'Failed' || phase === 'Succeeded')) this.disrupt(t);
        else if (prev.ready && prev.active && !isPodReady(pod) && isPodActive(pod)) this.disrupt(t);
      }
    }
    if (prev) this.removePodCounts(t, prev);
    if (r.type === 'DELETED') {
      t.pods.delete(uid);
      this.podOwners.delete(uid);
      this.checkBounds(t);
      return;
    }
    const rsUid = controllerUid(pod)!;
    const rs = t.rss.get(rsUid)!;
    const phase = pod.status?.phase;
    const active = isPodActive(pod);
    const ready = active && isPodReady(pod);
    const p: PodTrack = prev ?? {
      uid,
      name: pod.metadata.name,
      rs: rsUid,
      active: false,
      present: false,
      ready: false,
      pod,
      counted: false,
    };
    p.rs = rsUid;
    p.active = active;
    p.present = phase !== 'Failed' && phase !== 'Succeeded';
    p.ready = ready;
    p.pod = pod;
    p.counted = false;
    if (!prev) {
      t.pods.set(uid, p);
      this.podOwners.set(uid, t);
      if (!isRollingUpdate(t.d)) this.checkRecreate(t, rs, pod);
    }
    if (p.active) {
      t.active++;
      rs.active++;
    }
    if (p.present) rs.present++;
    if (p.active && p.ready) this.addAvailable(t, p);
    if (!prev || r.old?.metadata.labels !== pod.metadata.labels) this.checkPodOwner(t, rs, pod, p.active);
    this.checkBounds(t);
  }

  private checkRecreate(t: DTrack, rs: RsTrack, pod: Stored<Pod>): void {
    for (const o of t.rss.values()) {
      if (o === rs || o.present === 0) continue;
      this.violate(
        'deployment.rollout-bounds',
        'Deployment',
        t.namespace,
        t.name,
        `deployment "${t.name}" (Recreate) created pod "${pod.metadata.name}" of replicaset "${rs.name}" while ${o.present} pod(s) of replicaset "${o.name}" still existed`,
      );
      return;
    }
  }

  private checkPodOwner(t: DTrack, rs: RsTrack, pod: Stored<Pod>, active: boolean): void {
    if (!active) return;
    const ref = pod.metadata.ownerReferences?.find((o) => o.controller);
    if (ref && (ref.kind !== 'ReplicaSet' || ref.name !== rs.name))
      this.violate(
        'deployment.replicasets',
        'Deployment',
        t.namespace,
        t.name,
        `pod "${pod.metadata.name}" names its controller ${ref.kind} "${ref.name}", but uid ${ref.uid} is replicaset "${rs.name}"`,
      );
    else if (!rs.selector.matches(pod.metadata.labels))
      this.violate(
        'deployment.replicasets',
        'Deployment',
        t.namespace,
        t.name,
        `pod "${pod.metadata.name}" is controlled by replicaset "${rs.name}", whose selector does not match its labels`,
      );
  }

  // ---- StatefulSets ----

  private onStatefulSet(r: ChangeRecord): void {
    const set = r.object as Stored<StatefulSet>;
    const uid = set.metadata.uid;
    if (r.type === 'DELETED') {
      const t = this.sets.get(uid);
      if (!t) return;
      this.sets.delete(uid);
      const list = this.setsByNamespace.get(t.namespace);
      if (list) list.splice(list.indexOf(t), 1);
      for (const p of t.podOrdinal.keys()) this.podOwners.delete(p);
      return;
    }
    const t = this.sets.get(uid);
    if (t) {
      t.set = set;
      if ((set.metadata.generation ?? 0) !== t.setKeyGeneration) {
        t.setKeyGeneration = set.metadata.generation ?? 0;
        t.setKey = setTemplateKey(set);
      }
      return;
    }
    const track: STrack = {
      uid,
      namespace: nsOf(set),
      name: set.metadata.name,
      set,
      setKey: setTemplateKey(set),
      setKeyGeneration: set.metadata.generation ?? 0,
      pods: new Map(),
      podOrdinal: new Map(),
      crs: new Map(),
    };
    this.sets.set(uid, track);
    let list = this.setsByNamespace.get(track.namespace);
    if (!list) this.setsByNamespace.set(track.namespace, (list = []));
    list.push(track);
  }

  /** The name of the set's update revision: the ControllerRevision holding its current template. */
  private updateRevision(t: STrack): string | undefined {
    let best: CrTrack | undefined;
    for (const cr of t.crs.values())
      if (cr.key === t.setKey && (!best || cr.revision > best.revision)) best = cr;
    return best?.name;
  }

  private onSetPod(t: STrack, r: ChangeRecord, pod: Stored<Pod>): void {
    const uid = pod.metadata.uid;
    const set = t.set;
    const name = pod.metadata.name;
    const k = ordinalOf(t.name, name);
    if (k === undefined) {
      if (r.type === 'ADDED')
        this.violate(
          'statefulset.identity',
          'StatefulSet',
          t.namespace,
          t.name,
          `pod "${name}" of statefulset "${t.name}" is not named "${t.name}-<ordinal>"`,
        );
      return;
    }
    if (r.type === 'ADDED') {
      this.checkIdentity(t, pod, k);
      if (isOrderedReady(set)) this.checkOrderedCreation(t, pod, k);
      this.checkPartitionOnCreate(t, pod, k);
    }
    if (deletionRequested(r) && r.actor === 'statefulset-controller') {
      const old = (r.old ?? pod) as Stored<Pod>;
      if (!inRange(set, k)) {
        if (isOrderedReady(set)) this.checkScaleDownOrder(t, pod, k);
      } else if (!isTerminal(old)) this.checkUpdateDeletion(t, old, k);
    }
    if (r.type === 'DELETED') {
      this.podOwners.delete(uid);
      t.podOrdinal.delete(uid);
      if (t.pods.get(k)?.metadata.uid === uid) t.pods.delete(k);
      return;
    }
    t.pods.set(k, pod);
    t.podOrdinal.set(uid, k);
    this.podOwners.set(uid, t);
  }

  private checkIdentity(t: STrack, pod: Stored<Pod>, k: number): void {
    const name = pod.metadata.name;
    const other = t.pods.get(k);
    let problem: string | undefined;
    if (other && other.metadata.uid !== pod.metadata.uid)
      problem = `statefulset "${t.name}" had two pods of ordinal ${k} at once ("${other.metadata.name}" and "${name}")`;
    else if (pod.metadata.labels?.[POD_NAME_LABEL] !== name)
      problem = `pod "${name}" of statefulset "${t.name}" has pod-name label "${pod.metadata.labels?.[POD_NAME_LABEL] ?? ''}"`;
    else if (pod.spec?.hostname !== undefined && pod.spec.hostname !== name)
      problem = `pod "${name}" of statefulset "${t.name}" has hostname "${pod.spec.hostname}"`;
    else {
      for (const tmpl of claimTemplateNames(t.set)) {
        const claim = `${tmpl}-${name}`;
        const mounted = pod.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === claim);
        if (!mounted) {
          this.violate(
            'statefulset.storage',
            'StatefulSet',
            t.namespace,
            t.name,
            `pod "${name}" of statefulset "${t.name}" does not mount its claim "${claim}"`,
          );
          break;
        }
      }
    }
    if (problem) this.violate('statefulset.identity', 'StatefulSet', t.namespace, t.name, problem);
  }

  private checkOrderedCreation(t: STrack, pod: Stored<Pod>, k: number): void {
    const mrs = t.set.spec?.minReadySeconds ?? 0;
    const now = this.current.time;
    for (let j = startOrdinal(t.set); j < k; j++) {
      const lower = t.pods.get(j);
      let why: string | undefined;
      if (!lower) why = `"${t.name}-${j}" did not exist`;
      else if (lower.metadata.deletionTimestamp) why = `"${lower.metadata.name}" was terminating`;
      else if (!runningAndReady(lower))
        why = `"${lower.metadata.name}" was ${lower.status?.phase ?? 'Pending'} and not Ready`;
      else if (!runningAndAvailable(lower, mrs, now))
        why = `"${lower.metadata.name}" had been Ready for less than minReadySeconds (${mrs}s)`;
      if (why) {
        this.violate(
          'statefulset.ordering',
          'StatefulSet',
          t.namespace,
          t.name,
          `statefulset "${t.name}" created pod "${pod.metadata.name}" while ${why}; OrderedReady creates a pod only when every lower ordinal is Running and Ready`,
        );
        return;
      }
    }
  }

  private checkPartitionOnCreate(t: STrack, pod: Stored<Pod>, k: number): void {
    const partition = partitionOf(t.set);
    if (!partition || k >= startOrdinal(t.set) + partition) return;
    const current = t.set.status?.currentRevision;
    const update = this.updateRevision(t);
    if (!current || !update || current === update) return;
    if (revisionOfPod(pod) === update)
      this.violate(
        'statefulset.update-strategy',
        'StatefulSet',
        t.namespace,
        t.name,
        `statefulset "${t.name}" created pod "${pod.metadata.name}" at the update revision "${update}", below the partition ${partition}`,
      );
  }

  private checkScaleDownOrder(t: STrack, pod: Stored<Pod>, k: number): void {
    for (const [j, other] of t.pods) {
      if (j <= k || other.metadata.uid === pod.metadata.uid) continue;
      this.violate(
        'statefulset.ordering',
        'StatefulSet',
        t.namespace,
        t.name,
        `statefulset "${t.name}" deleted pod "${pod.metadata.name}" while "${other.metadata.name}" still existed; OrderedReady scale-down removes the highest ordinal first, each gone before the next`,
      );
      return;
    }
  }

  private checkUpdateDeletion(t: STrack, pod: Stored<Pod>, k: number): void {
    const set = t.set;
    const name = pod.metadata.name;
    const fail = (why: string) =>
      this.violate(
        'statefulset.update-strategy',
        'StatefulSet',
        t.namespace,
        t.name,
        `statefulset "${t.name}" deleted pod "${name}" to update it, but ${why}`,
      );
    if (isOnDelete(set)) return fail('its update strategy is OnDelete');
    const partition = partitionOf(set) ?? 0;
    if (k < startOrdinal(set) + partition) return fail(`its ordinal is below the partition ${partition}`);
    const update = this.updateRevision(t);
    if (!update) return;
    if (revisionOfPod(pod) === update) return fail(`it already had the update revision "${update}"`);
    if (this.options.maxUnavailableStatefulSet) return;
    const mrs = set.spec?.minReadySeconds ?? 0;
    const now = this.current.time;
    const end = startOrdinal(set) + setReplicas(set);
    for (let j = k + 1; j < end; j++) {
      const above = t.pods.get(j);
      if (!above) return fail(`"${t.name}-${j}" above it did not exist`);
      if (above.metadata.deletionTimestamp) return fail(`"${above.metadata.name}" above it was terminating`);
      if (revisionOfPod(above) !== update)
        return fail(`"${above.metadata.name}" above it was not yet at the update revision`);
      if (!runningAndAvailable(above, mrs, now))
        return fail(`"${above.metadata.name}" above it was not yet Running and available`);
    }
  }

  // ---- ControllerRevisions ----

  private onRevision(r: ChangeRecord): void {
    const cr = r.object as Stored<ControllerRevision>;
    const owner = controllerUid(cr);
    const t = owner ? this.sets.get(owner) : undefined;
    if (!t) return;
    const uid = cr.metadata.uid;
    if (r.type === 'DELETED') {
      t.crs.delete(uid);
      return;
    }
    const prev = t.crs.get(uid);
    const track: CrTrack = {
      uid,
      name: cr.metadata.name,
      key: prev ? prev.key : revisionTemplateKey(cr),
      revision: cr.revision ?? 0,
    };
    t.crs.set(uid, track);
    for (const o of t.crs.values()) {
      if (o === track) continue;
      if (o.key === track.key && (!prev || prev.key !== track.key)) {
        this.violate(
          'statefulset.revisions',
          'StatefulSet',
          t.namespace,
          t.name,
          `statefulset "${t.name}" has two ControllerRevisions with the same template: "${o.name}" (revision ${o.revision}) and "${track.name}" (revision ${track.revision})`,
        );
        return;
      }
      if ((!prev || prev.revision !== track.revision) && o.revision >= track.revision) {
        this.violate(
          'statefulset.revisions',
          'StatefulSet',
          t.namespace,
          t.name,
          o.revision === track.revision
            ? `ControllerRevisions "${o.name}" and "${track.name}" of statefulset "${t.name}" both have revision ${track.revision}`
            : `ControllerRevision "${track.name}" of statefulset "${t.name}" was given revision ${track.revision}, not above revision ${o.revision} of "${o.name}"`,
        );
        return;
      }
    }
  }

  // ---- PersistentVolumeClaims ----

  private onClaim(r: ChangeRecord): void {
    const claim = r.object as Stored<PersistentVolumeClaim>;
    const sets = this.setsByNamespace.get(nsOf(claim));
    if (!sets) return;
    let t: STrack | undefined;
    for (const s of sets) if (claimOrdinal(s.set, claim.metadata.name) !== undefined) t = s;
    if (!t) return;
    const name = claim.metadata.name;
    const old = r.old as Stored<PersistentVolumeClaim> | undefined;
    const before = old?.spec?.volumeName;
    if (r.type === 'MODIFIED' && before && claim.spec?.volumeName !== before)
      this.violate(
        'statefulset.storage',
        'StatefulSet',
        t.namespace,
        t.name,
        `claim "${name}" of statefulset "${t.name}" was bound to volume "${before}" and then to "${claim.spec?.volumeName ?? ''}"`,
      );
    if (deletionRequested(r)) {
      const owned = !!(old ?? claim).metadata.ownerReferences?.length;
      if (r.actor === 'garbage-collector' ? !owned : CONTROL_PLANE_ACTORS.has(r.actor))
        this.violate(
          'statefulset.storage',
          'StatefulSet',
          t.namespace,
          t.name,
          r.actor === 'garbage-collector'
            ? `the garbage collector deleted claim "${name}" of statefulset "${t.name}", which had no owner`
            : `claim "${name}" of statefulset "${t.name}" was deleted by ${r.actor}; claims outlive their pods (only the garbage collector deletes them, as the retention policy asks)`,
        );
    }
  }
}

/** Whether two Deployment versions differ in spec.replicas and nothing else of the spec. */
function onlyReplicasChanged(a: Deployment, b: Deployment): boolean {
  if ((a.spec?.replicas ?? 1) === (b.spec?.replicas ?? 1)) return false;
  return canonicalJson({ ...a.spec, replicas: 0 }) === canonicalJson({ ...b.spec, replicas: 0 });
}
