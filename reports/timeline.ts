/**
 * The timeline of one scenario: what its charts show, computed from the engine's trace. It is
 * attached to the scenario by steps/report_hooks.ts (media type TIMELINE_MEDIA_TYPE) and read back by
 * the report model from the message stream.
 *
 * Compact and deterministic: a series gets a point only where its values change (after a trace
 * record, or at the virtual instant a Ready pod becomes available, which no record marks). Several
 * points may share one instant: a controller that deletes a pod and then creates its replacement
 * makes two states at one time, and the dip between them is what a timeline assertion would see.
 */
import type { Deployment, Pod, ReplicaSet, StatefulSet, Stored } from '../engine';
import { controllerUid } from '../engine';
import type { Trace, TraceRecord } from '../engine/trace/trace';
import { isPodActive, isPodReady, podAvailableAt } from '../engine/api/pod';
import {
  isRollingUpdate,
  maxSurge,
  minAvailable,
} from '../engine/controllers/deployment/util/deployment_util';

export const TIMELINE_MEDIA_TYPE = 'application/vnd.kube-scenario.timeline+json';
export const TIMELINE_VERSION = 1;

/** Caps that keep a pathological scenario (an hour of crash loops) from bloating the report. */
export const MAX_POINTS = 4000;
export const MAX_SPANS = 1000;
export const MAX_OUTPUT = 20_000;

export interface ScenarioTimeline {
  version: number;
  seed: string | number;
  /** Virtual time (ms) at the end of the scenario. */
  end: number;
  /** Virtual time at each step's start and end, by the step's index in the pickle. */
  steps: StepSpan[];
  workloads: Workload[];
  /** kubectl commands (and manifest applies) with what they printed, in order. */
  commands: CommandRecord[];
  /** Where the scenario failed: the instant a timeline assertion broke, else the end of the failing step. */
  failure?: FailureMark;
}

export interface StepSpan {
  /** Index of the step in the pickle (0-based). */
  index: number;
  text: string;
  start: number;
  end: number;
}

export interface WorkloadPoint {
  /** Virtual time, ms. */
  t: number;
  /** Pods that are not terminating and not terminal (what `never had more than N pods` counts). */
  pods: number;
  ready: number;
  /** Ready for at least minReadySeconds (what `always had at least N available pods` counts). */
  available: number;
  /** Pods being deleted (deletionTimestamp set) and not yet gone. */
  terminating: number;
  /** spec.replicas. */
  desired: number;
  /** Deployments with RollingUpdate: replicas − maxUnavailable, the availability floor. */
  floor?: number;
  /** Deployments with RollingUpdate: replicas + maxSurge, the pod ceiling. */
  ceiling?: number;
}

export interface GroupSeries {
  /** The ReplicaSet's name, or the StatefulSet's controller revision name. */
  name: string;
  /** The Deployment revision annotation of the ReplicaSet, or the ControllerRevision's number. */
  revision?: string;
  points: { t: number; pods: number }[];
}

export type OrdinalState = 'pending' | 'running' | 'ready' | 'terminating' | 'failed';

export interface OrdinalSpan {
  from: number;
  to: number;
  state: OrdinalState;
  /** The pod's controller-revision-hash label. */
  revision?: string;
}

export interface OrdinalLane {
  ordinal: number;
  spans: OrdinalSpan[];
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'ReplicaSet';

export interface Workload {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** Deployment strategy type, StatefulSet podManagementPolicy. */
  strategy?: string;
  points: WorkloadPoint[];
  /** Deployment: pods per ReplicaSet; StatefulSet: pods per revision. */
  groups: GroupSeries[];
  /** StatefulSet: each ordinal's pod over time. */
  ordinals?: OrdinalLane[];
  /** Set when a cap cut the series short. */
  truncated?: boolean;
}

export interface CommandRecord {
  /** Index of the step that ran it. */
  step: number;
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface FailureMark {
  step: number;
  /** Virtual time of the failure. */
  time: number;
  /** The trace change that led to the failing state, when a timeline assertion reported it. */
  seq?: number;
  change?: string;
  message: string;
}

/** What the hooks recorded while the scenario ran (everything but the trace). */
export interface Recording {
  seed: string | number;
  end: number;
  steps: StepSpan[];
  commands: CommandRecord[];
  failure?: FailureMark;
}

/** Cuts long command output, saying how much was left out. */
export function clip(text: string, max = MAX_OUTPUT): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… (${text.length - max} more characters)`;
}

const KIND_ORDER: Record<WorkloadKind, number> = { Deployment: 0, StatefulSet: 1, ReplicaSet: 2 };
const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const REVISION_LABEL = 'controller-revision-hash';

class WorkloadBuilder {
  readonly w: Workload;
  private last?: WorkloadPoint;
  private readonly groups = new Map<string, GroupSeries>();
  private readonly lanes = new Map<number, { lane: OrdinalLane; open?: OrdinalSpan & { uid: string } }>();

  constructor(kind: WorkloadKind, namespace: string, name: string) {
    this.w = { kind, namespace, name, points: [], groups: [] };
  }

  point(p: WorkloadPoint): void {
    const l = this.last;
    if (
      l &&
      l.pods === p.pods &&
      l.ready === p.ready &&
      l.available === p.available &&
      l.terminating === p.terminating &&
      l.desired === p.desired &&
      l.floor === p.floor &&
      l.ceiling === p.ceiling
    )
      return;
    if (this.w.points.length >= MAX_POINTS) {
      this.w.truncated = true;
      return;
    }
    const q: WorkloadPoint = {
      t: p.t,
      pods: p.pods,
      ready: p.ready,
      available: p.available,
      terminating: p.terminating,
      desired: p.desired,
    };
    if (p.floor !== undefined) q.floor = p.floor;
    if (p.ceiling !== undefined) q.ceiling = p.ceiling;
    this.w.points.push(q);
    this.last = q;
  }

  group(name: string, revision: string | undefined, t: number, pods: number): void {
    let g = this.groups.get(name);
    if (!g) {
      g = { name, points: [] };
      this.groups.set(name, g);
      this.w.groups.push(g);
    }
    if (revision !== undefined) g.revision = revision;
    const last = g.points[g.points.length - 1];
    if (last && last.pods === pods) return;
    if (g.points.length >= MAX_POINTS) {
      this.w.truncated = true;
      return;
    }
    g.points.push({ t, pods });
  }

  /** Zero every group not seen in the latest evaluation. */
  zeroGroupsExcept(seen: ReadonlySet<string>, t: number): void {
    for (const g of this.groups.values()) if (!seen.has(g.name)) this.group(g.name, undefined, t, 0);
  }

  ordinal(
    ordinal: number,
    t: number,
    pod: { uid: string; state: OrdinalState; revision?: string } | undefined,
  ) {
    let entry = this.lanes.get(ordinal);
    if (!entry) {
      if (!pod) return;
      entry = { lane: { ordinal, spans: [] } };
      this.lanes.set(ordinal, entry);
    }
    const open = entry.open;
    if (open && pod && open.uid === pod.uid && open.state === pod.state && open.revision === pod.revision)
      return;
    if (open) {
      open.to = t;
      if (open.to > open.from) {
        if (entry.lane.spans.length >= MAX_SPANS) this.w.truncated = true;
        else {
          const span: OrdinalSpan = { from: open.from, to: open.to, state: open.state };
          if (open.revision !== undefined) span.revision = open.revision;
          entry.lane.spans.push(span);
        }
      }
      entry.open = undefined;
    }
    if (pod) entry.open = { from: t, to: t, state: pod.state, revision: pod.revision, uid: pod.uid };
  }

  openOrdinals(): number[] {
    return [...this.lanes.entries()].filter(([, e]) => e.open).map(([o]) => o);
  }

  /** Closes the open spans at `end`; the result has its keys in a fixed order. */
  finish(end: number): Workload {
    for (const o of [...this.lanes.keys()]) this.ordinal(o, end, undefined);
    const w = this.w;
    const ordinals = [...this.lanes.values()]
      .map((e) => e.lane)
      .filter((l) => l.spans.length)
      .sort((a, b) => a.ordinal - b.ordinal);
    return {
      kind: w.kind,
      namespace: w.namespace,
      name: w.name,
      ...(w.strategy !== undefined ? { strategy: w.strategy } : {}),
      points: w.points,
      groups: w.groups.map((g) =>
        g.revision === undefined
          ? { name: g.name, points: g.points }
          : { name: g.name, revision: g.revision, points: g.points },
      ),
      ...(ordinals.length ? { ordinals } : {}),
      ...(w.truncated ? { truncated: true } : {}),
    };
  }
}

function ordinalState(pod: Pod): OrdinalState {
  if (pod.metadata?.deletionTimestamp) return 'terminating';
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return 'failed';
  if (isPodReady(pod)) return 'ready';
  if (phase === 'Running') return 'running';
  return 'pending';
}

function ordinalOf(setName: string, podName: string): number | undefined {
  if (!podName.startsWith(`${setName}-`)) return undefined;
  const rest = podName.slice(setName.length + 1);
  return /^[0-9]+$/.test(rest) ? Number(rest) : undefined;
}

interface PodFacts {
  active: boolean;
  ready: boolean;
  /** Being deleted, not yet terminal. */
  terminating: boolean;
  revision?: string;
  availableAt(minReadySeconds: number): number;
}

/** What the counts need of a pod, worked out once per trace snapshot (snapshots never change). */
function facts(pod: Stored<Pod>): PodFacts {
  const phase = pod.status?.phase;
  const byMinReady = new Map<number, number>();
  return {
    active: isPodActive(pod),
    ready: isPodReady(pod),
    terminating: !!pod.metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded',
    revision: pod.metadata.labels?.[REVISION_LABEL],
    availableAt(minReadySeconds: number): number {
      let at = byMinReady.get(minReadySeconds);
      if (at === undefined)
        byMinReady.set(minReadySeconds, (at = podAvailableAt(pod, minReadySeconds) ?? Infinity));
      return at;
    },
  };
}

interface PodCounts {
  pods: number;
  ready: number;
  available: number;
  terminating: number;
}

/**
 * The pods of one owner (a ReplicaSet or a StatefulSet), counted as they change: a replay updates
 * one pod per record, so counting stays O(1) per record. `available` counts the ready pods
 * available at `now`; those that become available later wait in `pending` until time reaches them.
 */
class OwnerPods {
  private readonly pods = new Map<string, PodFacts>();
  private readonly at = new Map<string, number>();
  private readonly pending = new Set<string>();
  private now = -Infinity;
  private minReady = 0;
  readonly counts: PodCounts = { pods: 0, ready: 0, available: 0, terminating: 0 };
  /** Active pods per controller-revision-hash. */
  readonly byRevision = new Map<string, number>();

  setPod(uid: string, f: PodFacts | undefined): void {
    const old = this.pods.get(uid);
    if (old) this.add(uid, old, -1);
    if (f) {
      this.pods.set(uid, f);
      this.add(uid, f, 1);
    } else this.pods.delete(uid);
  }

  private add(uid: string, f: PodFacts, sign: 1 | -1): void {
    const c = this.counts;
    if (f.terminating) c.terminating += sign;
    if (!f.active) return;
    c.pods += sign;
    if (f.revision !== undefined) {
      const n = (this.byRevision.get(f.revision) ?? 0) + sign;
      if (n) this.byRevision.set(f.revision, n);
      else this.byRevision.delete(f.revision);
    }
    if (!f.ready) return;
    c.ready += sign;
    if (sign < 0) {
      if (this.pending.delete(uid)) void 0;
      else c.available--;
      this.at.delete(uid);
      return;
    }
    const at = f.availableAt(this.minReady);
    this.at.set(uid, at);
    if (at <= this.now) c.available++;
    else this.pending.add(uid);
  }

  /** A new minReadySeconds: every ready pod's availability instant moves. */
  setMinReady(seconds: number): void {
    if (seconds === this.minReady) return;
    const pods = [...this.pods.entries()];
    for (const [uid, f] of pods) this.add(uid, f, -1);
    this.minReady = seconds;
    for (const [uid, f] of pods) this.add(uid, f, 1);
  }

  /** The counts at time t (which never goes back); `wake` is told of later availability instants. */
  countAt(t: number, wake: (at: number) => void): PodCounts {
    this.now = t;
    for (const uid of [...this.pending]) {
      const at = this.at.get(uid)!;
      if (at <= t) {
        this.pending.delete(uid);
        this.counts.available++;
      } else wake(at);
    }
    return { ...this.counts };
  }
}

const fenceposts = new WeakMap<object, { floor: number; ceiling: number } | null>();

/** A RollingUpdate Deployment's floor and ceiling (worked out once per snapshot); null for Recreate. */
function bounds(d: Stored<Deployment>): { floor: number; ceiling: number } | null {
  let b = fenceposts.get(d);
  if (b === undefined) {
    b = isRollingUpdate(d)
      ? { floor: minAvailable(d), ceiling: (d.spec?.replicas ?? 1) + maxSurge(d) }
      : null;
    fenceposts.set(d, b);
  }
  return b;
}

/**
 * Replays the trace and returns the workloads' series. `end` is the virtual time the scenario ended;
 * availability instants up to it are included.
 */
export function workloadSeries(trace: Trace, end: number): Workload[] {
  const deployments = new Map<string, Stored<Deployment>>();
  const replicaSets = new Map<string, Stored<ReplicaSet>>();
  const statefulSets = new Map<string, Stored<StatefulSet>>();
  const owners = new Map<string, OwnerPods>();
  const podOwner = new Map<string, string>();
  const revisionNumbers = new Map<string, string>();
  const builders = new Map<string, WorkloadBuilder>();
  /** Pending availability instants: time → workload uids to evaluate then. */
  const wakeups = new Map<number, Set<string>>();

  const ownerPods = (uid: string): OwnerPods => {
    let o = owners.get(uid);
    if (!o) owners.set(uid, (o = new OwnerPods()));
    return o;
  };

  const builder = (kind: WorkloadKind, obj: Stored): WorkloadBuilder => {
    const key = `${kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
    let b = builders.get(key);
    if (!b) {
      b = new WorkloadBuilder(kind, obj.metadata.namespace ?? '', obj.metadata.name);
      builders.set(key, b);
    }
    return b;
  };

  const wakeAt = (time: number, uid: string) => {
    if (time > end) return;
    let s = wakeups.get(time);
    if (!s) wakeups.set(time, (s = new Set()));
    s.add(uid);
  };

  /** ReplicaSets per owning Deployment uid, in creation order. */
  const ownedSets = new Map<string, Stored<ReplicaSet>[]>();
  const setsOf = (d: Stored<Deployment>): Stored<ReplicaSet>[] => {
    let list = ownedSets.get(d.metadata.uid);
    if (!list) {
      list = [...replicaSets.values()].filter((rs) => controllerUid(rs) === d.metadata.uid).sort(byCreation);
      ownedSets.set(d.metadata.uid, list);
    }
    return list;
  };

  const evalDeployment = (d: Stored<Deployment>, t: number) => {
    const b = builder('Deployment', d);
    b.w.strategy = d.spec?.strategy?.type ?? 'RollingUpdate';
    const total: PodCounts = { pods: 0, ready: 0, available: 0, terminating: 0 };
    const seen = new Set<string>();
    for (const rs of setsOf(d)) {
      const c = ownerPods(rs.metadata.uid).countAt(t, (at) => wakeAt(at, d.metadata.uid));
      total.pods += c.pods;
      total.ready += c.ready;
      total.available += c.available;
      total.terminating += c.terminating;
      seen.add(rs.metadata.name);
      b.group(rs.metadata.name, rs.metadata.annotations?.[REVISION_ANNOTATION], t, c.pods);
    }
    b.zeroGroupsExcept(seen, t);
    const desired = d.spec?.replicas ?? 1;
    const p: WorkloadPoint = { t, ...total, desired };
    const fence = bounds(d);
    if (fence) {
      p.floor = fence.floor;
      p.ceiling = fence.ceiling;
    }
    b.point(p);
  };

  const evalStatefulSet = (s: Stored<StatefulSet>, t: number) => {
    const b = builder('StatefulSet', s);
    b.w.strategy = s.spec?.podManagementPolicy ?? 'OrderedReady';
    const pods = ownerPods(s.metadata.uid);
    const c = pods.countAt(t, (at) => wakeAt(at, s.metadata.uid));
    b.point({ t, ...c, desired: s.spec?.replicas ?? 1 });
    const ns = s.metadata.namespace ?? '';
    for (const [name, n] of [...pods.byRevision.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      b.group(name, revisionNumbers.get(`${ns}/${name}`), t, n);
    b.zeroGroupsExcept(new Set(pods.byRevision.keys()), t);
  };

  const evalReplicaSet = (rs: Stored<ReplicaSet>, t: number) => {
    const b = builder('ReplicaSet', rs);
    const c = ownerPods(rs.metadata.uid).countAt(t, (at) => wakeAt(at, rs.metadata.uid));
    b.point({ t, ...c, desired: rs.spec?.replicas ?? 1 });
  };

  /** Evaluates the workload a uid names (a Deployment, StatefulSet or standalone ReplicaSet). */
  const evaluate = (uid: string, t: number) => {
    const d = deployments.get(uid);
    if (d) return evalDeployment(d, t);
    const s = statefulSets.get(uid);
    if (s) return evalStatefulSet(s, t);
    const rs = replicaSets.get(uid);
    if (rs) {
      const owner = controllerUid(rs);
      if (owner && deployments.has(owner)) return evalDeployment(deployments.get(owner)!, t);
      return evalReplicaSet(rs, t);
    }
  };

  /** A deleted workload drops to zero. */
  const zero = (kind: WorkloadKind, obj: Stored, t: number) => {
    const b = builder(kind, obj);
    b.point({ t, pods: 0, ready: 0, available: 0, terminating: 0, desired: 0 });
    b.zeroGroupsExcept(new Set(), t);
    for (const o of b.openOrdinals()) b.ordinal(o, t, undefined);
  };

  /** A StatefulSet pod's lane follows the pod itself. */
  const lane = (ownerUid: string, pod: Stored<Pod>, t: number, gone: boolean) => {
    const s = statefulSets.get(ownerUid);
    if (!s) return;
    const ord = ordinalOf(s.metadata.name, pod.metadata.name);
    if (ord === undefined) return;
    builder('StatefulSet', s).ordinal(
      ord,
      t,
      gone
        ? undefined
        : {
            uid: pod.metadata.uid,
            state: ordinalState(pod),
            revision: pod.metadata.labels?.[REVISION_LABEL],
          },
    );
  };

  const runWakeups = (upTo: number) => {
    if (!wakeups.size) return;
    const due = [...wakeups.keys()].filter((time) => time <= upTo).sort((a, b) => a - b);
    for (const time of due) {
      const uids = wakeups.get(time)!;
      wakeups.delete(time);
      for (const uid of [...uids].sort()) evaluate(uid, time);
    }
  };

  for (const r of trace.records) {
    if (!TRACKED.has(r.kind)) continue;
    runWakeups(r.time);
    const affected = apply(r);
    for (const uid of affected) evaluate(uid, r.time);
  }
  runWakeups(end);

  function apply(r: TraceRecord): string[] {
    const obj = r.object;
    const uid = r.uid;
    const deleted = r.type === 'DELETED';
    switch (r.kind) {
      case 'Deployment':
        if (deleted) {
          deployments.delete(uid);
          zero('Deployment', obj, r.time);
          return [];
        }
        deployments.set(uid, obj as Stored<Deployment>);
        return [uid];
      case 'StatefulSet':
        if (deleted) {
          statefulSets.delete(uid);
          zero('StatefulSet', obj, r.time);
          return [];
        }
        statefulSets.set(uid, obj as Stored<StatefulSet>);
        ownerPods(uid).setMinReady((obj as Stored<StatefulSet>).spec?.minReadySeconds ?? 0);
        return [uid];
      case 'ReplicaSet': {
        const owner = controllerUid(obj);
        const before = replicaSets.get(uid);
        const ownerBefore = before ? controllerUid(before) : undefined;
        if (ownerBefore) ownedSets.delete(ownerBefore);
        if (owner) ownedSets.delete(owner);
        if (deleted) {
          replicaSets.delete(uid);
          if (owner && deployments.has(owner)) return [owner];
          zero('ReplicaSet', obj, r.time);
          return [];
        }
        replicaSets.set(uid, obj as Stored<ReplicaSet>);
        ownerPods(uid).setMinReady((obj as Stored<ReplicaSet>).spec?.minReadySeconds ?? 0);
        return [uid];
      }
      case 'ControllerRevision': {
        const rev = (obj as unknown as { revision?: number }).revision;
        const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
        if (deleted || rev === undefined) revisionNumbers.delete(key);
        else revisionNumbers.set(key, String(rev));
        return [];
      }
      case 'Pod': {
        const pod = obj as Stored<Pod>;
        const before = podOwner.get(uid);
        const owner = deleted ? undefined : controllerUid(obj);
        if (before !== undefined && before !== owner) {
          owners.get(before)?.setPod(uid, undefined);
          lane(before, pod, r.time, true);
        }
        if (owner) {
          ownerPods(owner).setPod(uid, facts(pod));
          podOwner.set(uid, owner);
          lane(owner, pod, r.time, false);
        } else podOwner.delete(uid);
        return [...new Set([before, owner].filter((x): x is string => !!x))];
      }
    }
    return [];
  }

  return [...builders.values()]
    .map((b) => b.finish(end))
    .filter((w) => w.points.length > 0)
    .sort(
      (a, b) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || cmp(a.namespace, b.namespace) || cmp(a.name, b.name),
    );
}

const TRACKED: ReadonlySet<string> = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'Pod',
  'ControllerRevision',
]);

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byCreation(a: Stored, b: Stored): number {
  return (
    cmp(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '') ||
    cmp(a.metadata.name, b.metadata.name) ||
    cmp(a.metadata.uid, b.metadata.uid)
  );
}

/** The whole timeline of a scenario: the hooks' recording plus the workload series from the trace. */
export function buildTimeline(trace: Trace | undefined, rec: Recording): ScenarioTimeline {
  const t: ScenarioTimeline = {
    version: TIMELINE_VERSION,
    seed: rec.seed,
    end: rec.end,
    steps: rec.steps,
    workloads: trace ? workloadSeries(trace, rec.end) : [],
    commands: rec.commands,
  };
  if (rec.failure) t.failure = rec.failure;
  return t;
}
