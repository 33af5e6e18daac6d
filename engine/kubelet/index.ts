/**
 * The simulated kubelet: one controller standing for the kubelet of every node (events carry the
 * node as `host`). It runs the pods bound to a known node through the container stages of
 * stages.ts and reports what a real kubelet reports: phase (phase.ts, statefulset.md §13.1),
 * conditions with lastTransitionTime (§13.2), container states and reasons (§13.3), image-pull
 * back-off per pod uid + image (§13.4), CrashLoopBackOff (§13.5), readiness (§13.6) and graceful
 * termination (§13.7), with the timing model of §13.8 (`ctx.options.timings`).
 *
 * Structure (level-based, like the real pod workers): watch events and wake-ups only enqueue the
 * pod key; `syncPod` reads the pod from the store, advances the simulated runtime (container stages
 * due by now), decides the next wake-up, and writes the status once per instant. Wake-ups are
 * batched per instant (wakeups.ts); endless retries (image-pull and crash back-off once a container
 * has looped) are background work, so the cluster settles with a pod in ImagePullBackOff or
 * CrashLoopBackOff.
 *
 * Default timeline of a pod with image nginx:1.25 (timings schedule 0, sandbox 1 s, pull 1 s, start 0):
 *   0 s  Scheduled; Pending, ContainerCreating, hostIP, startTime
 *   1 s  sandbox ready: podIP, PodReadyToStartContainers; Pulling image "nginx:1.25"
 *   2 s  Pulled … in 1s (1s including waiting); Created; Started; Running; Ready (no probe)
 * A second pod with the same image on the same node skips the pull (`already present on machine`).
 *
 * Termination: on deletionTimestamp the kubelet emits `Killing` `Stopping container nginx`, runs
 * preStop hooks (`sleep.seconds`, or an exec `sleep N`) up to the grace deadline, stops the
 * containers (exit 0 at once; SIGKILL exit 137 at the deadline), writes the terminal status
 * (Succeeded / Failed, Ready False; containers that never ran end ContainerStatusUnknown, as the
 * status manager's TerminatePod reports them) and deletes the pod with grace 0.
 * A container image changed in the pod spec restarts that container with the new image.
 */
import type {
  Controller,
  ControllerContext,
  ControllerFactory,
  ImageBehaviour,
} from '../controllers/context';
import type { Container, ContainerStatus, Node, Pod, PodCondition, PodStatus, Stored } from '../api/types';
import type { WatchEvent } from '../store/store';
import type { WorkQueue } from '../runtime/runtime';
import { keyOf } from '../store/store';
import { deepEqual } from '../util/clone';
import { nextCondition, timestamp, withPodCondition } from '../scheduler';
import { Backoff } from './backoff';
import { Wakeups } from './wakeups';
import { fullImageRef } from './images';
import {
  CONTAINER_STAGES,
  ContainerRecord,
  ContainerStage,
  isLive,
  StageContext,
  Terminated,
} from './stages';
import {
  containersReadyCondition,
  getPhase,
  initializedCondition,
  podReadyCondition,
  PodPhase,
} from './phase';

export { podStatusReason, podColumns, podReadyColumn, podRestartsColumn, humanDuration } from './status';
export { getPhase } from './phase';
export { CONTAINER_STAGES } from './stages';

export const KUBELET = 'kubelet';
export const REASON_KILLING = 'Killing';
export const REASON_EVICTED = 'Evicted';
export const DEFAULT_EVICTION_MESSAGE = 'The node was low on resource: memory. ';

/** Conditions the kubelet owns (kubetypes.PodConditionByKubelet), written in this order. */
const KUBELET_CONDITIONS = new Set([
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
]);

interface PodRecord {
  key: string;
  uid: string;
  node: string;
  pod: Stored<Pod>;
  sandboxReadyAt: number;
  sandboxReady: boolean;
  podIP?: string;
  hostIP: string;
  startTime: number;
  init: ContainerRecord[];
  containers: ContainerRecord[];
  terminating: boolean;
  deadline: number;
  evicted?: string;
  /** Final status written (and deletion requested, unless evicted): nothing more to do. */
  finished: boolean;
}

/** Per-node pod CIDR allocation in the manner of host-local IPAM: 10.244.<node>.2 … .254, round robin. */
class NodeIpam {
  private readonly used = new Set<number>();
  private last = 1;
  constructor(readonly index: number) {}

  allocate(overflow: () => string): string {
    if (this.used.size >= 253) return overflow();
    for (let i = 0; i < 253; i++) {
      const host = ((this.last - 2 + 1 + i) % 253) + 2;
      if (!this.used.has(host)) {
        this.used.add(host);
        this.last = host;
        return `10.244.${this.index}.${host}`;
      }
    }
    return overflow();
  }

  release(ip: string): void {
    const prefix = `10.244.${this.index}.`;
    if (ip.startsWith(prefix)) this.used.delete(Number(ip.slice(prefix.length)));
  }
}

const kubelets = new WeakMap<object, Kubelet>();

/** Seconds of a container's preStop hook: `sleep.seconds`, or an exec whose command runs `sleep N`. */
export function preStopSeconds(c: Container): number {
  const h = c.lifecycle?.preStop;
  if (!h) return 0;
  if (h.sleep?.seconds !== undefined) return Math.max(0, Number(h.sleep.seconds));
  const cmd = (h.exec?.command ?? []).join(' ');
  const m = /(?:^|[\s/;&|])sleep\s+(\d+(?:\.\d+)?)/.exec(cmd);
  return m ? Number(m[1]) : 0;
}

class Kubelet implements Controller {
  readonly name = KUBELET;
  private readonly pods = new Map<string, PodRecord>();
  private readonly keyByUid = new Map<string, string>();
  /** Per-node index: node name → keys of the pods the kubelet runs there. */
  private readonly podsByNode = new Map<string, Set<string>>();
  /** Pods bound to a node that has not registered: node name → pod keys. */
  private readonly awaitingNode = new Map<string, Set<string>>();
  private readonly nodes = new Map<string, Stored<Node>>();
  private readonly nodeIndex = new Map<string, number>();
  private readonly ipam = new Map<string, NodeIpam>();
  private overflowIps = 0;
  /** Images present per node (full references). */
  private readonly images = new Map<string, Set<string>>();
  readonly pullBackoff = new Backoff();
  readonly crashBackoff = new Backoff();
  private readonly queue: WorkQueue;
  private readonly wakeups: Wakeups;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.runtime.newQueue(KUBELET, (key) => this.syncPod(key));
    this.wakeups = new Wakeups(ctx.runtime, KUBELET, (key) => this.queue.add(key));
    ctx.store.watch('Node', (e) => this.onNode(e));
    ctx.store.watch('Pod', (e) => this.onPod(e));
    ctx.faults.onChange = (uid?: string) => {
      if (uid !== undefined) {
        const key = this.keyByUid.get(uid);
        if (key) this.queue.add(key);
        return;
      }
      for (const key of this.pods.keys()) this.queue.add(key);
    };
    kubelets.set(ctx.store, this);
  }

  private onNode(e: WatchEvent): void {
    const node = e.object as Stored<Node>;
    const name = node.metadata.name;
    if (e.type === 'DELETED') {
      this.nodes.delete(name);
      return;
    }
    this.nodes.set(name, node);
    if (!this.nodeIndex.has(name)) {
      const index = this.nodeIndex.size + 1;
      this.nodeIndex.set(name, index);
      this.ipam.set(name, new NodeIpam(index));
    }
    if (e.type === 'ADDED') {
      for (const key of this.podsByNode.get(name) ?? []) this.queue.add(key);
      for (const key of this.awaitingNode.get(name) ?? []) this.queue.add(key);
      this.awaitingNode.delete(name);
    }
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object as Stored<Pod>;
    const key = keyOf(pod);
    if (e.type === 'DELETED') {
      const rt = this.pods.get(key);
      if (rt && rt.uid === pod.metadata.uid) this.forget(rt);
      return;
    }
    // The kubelet's own writes need no reaction.
    if (e.actor === KUBELET && e.type === 'MODIFIED') return;
    if (!pod.spec?.nodeName) return;
    this.queue.add(key);
  }

  private forget(rt: PodRecord): void {
    this.pods.delete(rt.key);
    this.keyByUid.delete(rt.uid);
    this.podsByNode.get(rt.node)?.delete(rt.key);
    this.wakeups.clear(rt.key);
    if (rt.podIP) this.ipam.get(rt.node)?.release(rt.podIP);
    for (const c of [...rt.init, ...rt.containers]) {
      this.pullBackoff.delete(`${rt.uid}_${c.spec.image}`);
      this.crashBackoff.delete(`${rt.uid}_${c.name}`);
    }
  }

  private hostIP(node: string): string {
    const n = this.nodes.get(node);
    const internal = n?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    return internal ?? `172.18.0.${(this.nodeIndex.get(node) ?? 0) + 1}`;
  }

  private newContainerId(): string {
    let hex = '';
    for (let i = 0; i < 8; i++) hex += this.ctx.runtime.rand.uint32().toString(16).padStart(8, '0');
    return `containerd://${hex}`;
  }

  /** HandlePodAdditions: the kubelet of the pod's node admits it. */
  private admit(pod: Stored<Pod>): PodRecord {
    const now = this.ctx.runtime.now;
    const node = pod.spec!.nodeName!;
    const hasInit = (pod.spec?.initContainers?.length ?? 0) > 0;
    const record = (c: Container, init: boolean): ContainerRecord => ({
      name: c.name,
      spec: c,
      init,
      sidecar: init && c.restartPolicy === 'Always',
      stage: 'Waiting',
      until: Infinity,
      waiting: { reason: hasInit ? 'PodInitializing' : 'ContainerCreating' },
      restartCount: 0,
      ready: false,
      started: false,
      image: c.image ?? '',
      looped: false,
    });
    const rt: PodRecord = {
      key: keyOf(pod),
      uid: pod.metadata.uid,
      node,
      pod,
      sandboxReadyAt: now + this.ctx.options.timings.sandbox,
      sandboxReady: false,
      hostIP: this.hostIP(node),
      startTime: now,
      init: (pod.spec?.initContainers ?? []).map((c) => record(c, true)),
      containers: (pod.spec?.containers ?? []).map((c) => record(c, false)),
      terminating: false,
      deadline: Infinity,
      finished: false,
    };
    this.pods.set(rt.key, rt);
    this.keyByUid.set(rt.uid, rt.key);
    let set = this.podsByNode.get(node);
    if (!set) this.podsByNode.set(node, (set = new Set()));
    set.add(rt.key);
    return rt;
  }

  private behaviour(c: ContainerRecord): ImageBehaviour | undefined {
    return this.ctx.faults.imageBehaviour(c.spec.image);
  }

  private stageContext(rt: PodRecord, c: ContainerRecord, now: number): StageContext {
    const pod = rt.pod;
    const images = this.imagesOn(rt.node);
    const full = fullImageRef(c.spec.image ?? '');
    return {
      now,
      c,
      pod,
      podRef: `${pod.metadata.name}_${pod.metadata.namespace}(${rt.uid})`,
      timings: this.ctx.options.timings,
      behaviour: this.behaviour(c),
      pullBackoff: this.pullBackoff,
      crashBackoff: this.crashBackoff,
      pullKey: `${rt.uid}_${c.spec.image}`,
      crashKey: `${rt.uid}_${c.name}`,
      event: (type, reason, message) => this.ctx.recorder.event(pod, type, reason, message, KUBELET, rt.node),
      imagePresent: () => images.has(full),
      markImagePresent: () => images.add(full),
      newContainerId: () => this.newContainerId(),
    };
  }

  private imagesOn(node: string): Set<string> {
    let s = this.images.get(node);
    if (!s) this.images.set(node, (s = new Set()));
    return s;
  }

  private enter(rt: PodRecord, c: ContainerRecord, stage: ContainerStage, now: number): void {
    const row = CONTAINER_STAGES[stage];
    const k = this.stageContext(rt, c, now);
    c.stage = stage;
    row.enter?.(k);
    c.until = now + row.lasts(k);
  }

  /** May container c begin (sandbox ready, init containers before it done)? */
  private gateOpen(rt: PodRecord, c: ContainerRecord): boolean {
    if (!rt.sandboxReady) return false;
    for (const i of rt.init) {
      if (i === c) return true;
      if (i.sidecar ? !i.started : i.stage !== 'Completed') return false;
    }
    return true;
  }

  /** Runs every stage transition due by now (decisions chain within the instant). */
  private advance(rt: PodRecord, now: number): void {
    if (!rt.sandboxReady && now >= rt.sandboxReadyAt && !rt.terminating && !rt.evicted) {
      rt.sandboxReady = true;
      rt.podIP = this.ipam.get(rt.node)?.allocate(() => this.overflowIp()) ?? this.overflowIp();
    }
    const all = [...rt.init, ...rt.containers];
    for (let guard = 0; guard < 10_000; guard++) {
      let progressed = false;
      for (const c of all) {
        if (c.stage === 'Waiting' && !rt.terminating && !rt.evicted && this.gateOpen(rt, c)) {
          this.enter(rt, c, 'ImageCheck', now);
          progressed = true;
        }
        while (c.until <= now) {
          const next = CONTAINER_STAGES[c.stage].end(this.stageContext(rt, c, now));
          if (c.stage === 'Stopping') this.stopContainer(rt, c, now);
          else this.enter(rt, c, next, now);
          progressed = true;
        }
      }
      if (!progressed) break;
    }
    for (const c of all) this.updateReadiness(rt, c, now);
  }

  private overflowIp(): string {
    const k = this.overflowIps++;
    return `10.${245 + Math.floor(k / 65536)}.${(k >> 8) & 255}.${k & 255}`;
  }

  /** The readiness probe result the container would get now. */
  private readinessPasses(rt: PodRecord, c: ContainerRecord): boolean {
    const b = this.behaviour(c);
    if (b === 'crash') return false;
    const forced = this.ctx.faults.readiness.get(rt.uid);
    if (forced !== undefined) return forced;
    return b !== 'neverReady';
  }

  /**
   * Readiness (§13.6). Without a probe the container is ready while running (unless forced to fail).
   * With one, probes run at startedAt + k·period for k·period ≥ initialDelaySeconds; the container
   * turns ready after successThreshold consecutive passing probes and unready after failureThreshold
   * failing ones, counted from the first probe at or after the moment the result changed.
   */
  private updateReadiness(rt: PodRecord, c: ContainerRecord, now: number): void {
    if (c.init && !c.sidecar) return;
    if (!(c.stage === 'Running' || c.stage === 'Stopping') || !c.running) {
      c.readyFlipAt = undefined;
      return;
    }
    const want = this.readinessPasses(rt, c);
    const probe = c.spec.readinessProbe;
    if (!probe) {
      c.ready = want;
      c.readyFlipAt = undefined;
      return;
    }
    if (c.ready === want) {
      c.readyFlipAt = undefined;
      c.readyTarget = undefined;
      return;
    }
    if (c.readyFlipAt === undefined || c.readyTarget !== want) {
      const period = Math.max(1, probe.periodSeconds ?? 10) * 1000;
      const delay = Math.max(0, probe.initialDelaySeconds ?? 0) * 1000;
      const first = c.running.startedAt + Math.ceil(delay / period) * period;
      // the first probe at or after the first tick, strictly after a probe that already ran now
      const j = now <= first ? 0 : Math.floor((now - first) / period) + 1;
      const needed = want
        ? Math.max(1, probe.successThreshold ?? 1)
        : Math.max(1, probe.failureThreshold ?? 3);
      c.readyTarget = want;
      c.readyFlipAt = first + (j + needed - 1) * period;
    }
    if (now >= c.readyFlipAt) {
      c.ready = want;
      c.readyFlipAt = undefined;
      c.readyTarget = undefined;
    }
  }

  /** Stops a container for termination or eviction: exit 0 (SIGTERM) or 137 (SIGKILL at the deadline). */
  private stopContainer(rt: PodRecord, c: ContainerRecord, now: number, forceKill = false): void {
    if (isLive(c) && c.running) {
      const killed = forceKill || now >= rt.deadline;
      c.terminated = {
        exitCode: killed ? 137 : 0,
        reason: killed ? 'Error' : 'Completed',
        startedAt: c.running.startedAt,
        finishedAt: now,
        containerID: c.containerID,
      };
      c.running = undefined;
      c.waiting = undefined;
    }
    c.stage = 'Stopped';
    c.until = Infinity;
    c.ready = false;
    c.started = false;
    c.readyFlipAt = undefined;
  }

  /** killPod: Killing events, preStop hooks, then the containers stop. */
  private beginTermination(rt: PodRecord, pod: Stored<Pod>, now: number): void {
    const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    const deadline = now + Math.max(0, grace) * 1000;
    if (rt.terminating) {
      if (deadline < rt.deadline) {
        rt.deadline = deadline;
        for (const c of [...rt.init, ...rt.containers])
          if (c.stage === 'Stopping' && c.until > deadline) c.until = deadline;
      }
      return;
    }
    rt.terminating = true;
    rt.deadline = deadline;
    // Regular containers first, then sidecars in reverse order (as the kubelet stops them).
    const order = [...rt.containers, ...[...rt.init].reverse()];
    for (const c of order) {
      if (isLive(c) && c.running) {
        this.ctx.recorder.event(
          pod,
          'Normal',
          REASON_KILLING,
          `Stopping container ${c.name}`,
          KUBELET,
          rt.node,
        );
        const hook = preStopSeconds(c.spec) * 1000;
        if (hook > 0) {
          c.stage = 'Stopping';
          c.until = Math.min(now + hook, rt.deadline);
          continue;
        }
      }
      if (c.stage !== 'Completed') this.stopContainer(rt, c, now);
    }
  }

  /**
   * A container whose image changed in the pod spec (the only container field a pod update may
   * change) is killed and restarted with the new image: Killing `Container nginx definition
   * changed, will be restarted`, restartCount + 1. Its back-off starts afresh (new image, new hash).
   */
  private applySpecChanges(rt: PodRecord, pod: Stored<Pod>, now: number): void {
    const specs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    for (const c of [...rt.init, ...rt.containers]) {
      const spec = specs.find((x) => x.name === c.name);
      if (!spec || spec.image === c.spec.image) continue;
      const oldImage = c.spec.image;
      c.spec = spec;
      this.pullBackoff.delete(`${rt.uid}_${oldImage}`);
      this.crashBackoff.delete(`${rt.uid}_${c.name}`);
      if (c.init && !c.sidecar && c.stage === 'Completed') continue;
      if (c.stage === 'Waiting') continue;
      c.looped = false;
      if (isLive(c) && c.running) {
        this.ctx.recorder.event(
          pod,
          'Normal',
          REASON_KILLING,
          `Container ${c.name} definition changed, will be restarted`,
          KUBELET,
          rt.node,
        );
        c.terminated = {
          exitCode: 0,
          reason: 'Completed',
          startedAt: c.running.startedAt,
          finishedAt: now,
          containerID: c.containerID,
        };
        c.running = undefined;
      }
      if (c.terminated) {
        c.lastTerminated = c.terminated;
        c.terminated = undefined;
        c.restartCount++;
      }
      c.ready = false;
      c.started = false;
      c.readyFlipAt = undefined;
      if (!c.waiting) c.waiting = { reason: 'ContainerCreating' };
      this.enter(rt, c, 'ImageCheck', now);
    }
  }

  /** Eviction by the kubelet (node pressure): containers killed, phase Failed, reason Evicted. */
  evict(key: string, message: string): boolean {
    const rt = this.pods.get(key);
    const pod = this.ctx.store.getByKey<Pod>('Pod', key);
    if (!rt || !pod || rt.finished || rt.evicted) return false;
    const now = this.ctx.runtime.now;
    rt.pod = pod;
    this.advance(rt, now);
    rt.evicted = message;
    this.ctx.recorder.event(pod, 'Warning', REASON_EVICTED, message, KUBELET, rt.node);
    for (const c of [...rt.containers, ...[...rt.init].reverse()]) {
      if (isLive(c) && c.running)
        this.ctx.recorder.event(
          pod,
          'Normal',
          REASON_KILLING,
          `Stopping container ${c.name}`,
          KUBELET,
          rt.node,
        );
      if (c.stage !== 'Completed') this.stopContainer(rt, c, now, true);
    }
    this.wakeups.clear(key);
    rt.finished = true;
    this.writeStatus(rt, pod, now);
    return true;
  }

  private syncPod(key: string): void {
    const pod = this.ctx.store.getByKey<Pod>('Pod', key);
    let rt = this.pods.get(key);
    if (!pod) {
      if (rt) this.forget(rt);
      return;
    }
    if (rt && rt.uid !== pod.metadata.uid) {
      this.forget(rt);
      rt = undefined;
    }
    const node = pod.spec?.nodeName;
    if (!node) return;
    if (!this.nodes.has(node)) {
      // No kubelet runs there (yet): the pod waits, untouched, until the node registers.
      let set = this.awaitingNode.get(node);
      if (!set) this.awaitingNode.set(node, (set = new Set()));
      set.add(key);
      return;
    }
    if (!rt) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      rt = this.admit(pod);
    }
    rt.pod = pod;
    if (rt.finished) return;
    const now = this.ctx.runtime.now;
    if (pod.metadata.deletionTimestamp) this.beginTermination(rt, pod, now);
    else this.applySpecChanges(rt, pod, now);
    this.advance(rt, now);
    if (rt.terminating && [...rt.init, ...rt.containers].every((c) => !isLive(c))) {
      this.wakeups.clear(key);
      rt.finished = true;
      const final = this.writeStatus(rt, pod, now);
      this.ctx.store.delete('Pod', final.metadata.namespace, final.metadata.name, {
        gracePeriodSeconds: 0,
        preconditions: { uid: rt.uid },
        actor: KUBELET,
      });
      return;
    }
    this.scheduleWake(rt, now);
    this.writeStatus(rt, pod, now);
  }

  /** The next instant something changes for this pod; background when only endless retries remain. */
  private scheduleWake(rt: PodRecord, now: number): void {
    let due = Infinity;
    let foreground = false;
    const consider = (t: number | undefined, bg: boolean) => {
      if (t === undefined || !Number.isFinite(t)) return;
      due = Math.min(due, t);
      if (!bg) foreground = true;
    };
    if (!rt.sandboxReady && !rt.terminating) consider(rt.sandboxReadyAt, false);
    for (const c of [...rt.init, ...rt.containers]) {
      const b = this.behaviour(c);
      const retrying = c.looped && (b === 'unpullable' || b === 'crash') && c.stage !== 'Stopping';
      consider(c.until, retrying);
      consider(c.readyFlipAt, false);
    }
    this.wakeups.set(rt.key, Number.isFinite(due) ? Math.max(due, now) : undefined, !foreground);
  }

  private containerStatus(c: ContainerRecord): ContainerStatus {
    const ts = timestamp;
    const term = (t: Terminated) => {
      const out: Record<string, unknown> = {
        exitCode: t.exitCode,
        reason: t.reason,
        startedAt: ts(t.startedAt),
        finishedAt: ts(t.finishedAt),
      };
      if (t.containerID) out.containerID = t.containerID;
      return out as {
        exitCode: number;
        reason: string;
        startedAt: string;
        finishedAt: string;
        containerID?: string;
      };
    };
    const s: ContainerStatus = {
      name: c.name,
      image: c.image,
      imageID: c.imageID ?? '',
      ready: c.ready,
      restartCount: c.restartCount,
      started: c.started,
      state: {},
      lastState: {},
    };
    if (c.containerID) s.containerID = c.containerID;
    if (c.running) s.state = { running: { startedAt: ts(c.running.startedAt) } };
    else if (c.terminated) s.state = { terminated: term(c.terminated) };
    else if (c.waiting)
      s.state = {
        waiting: c.waiting.message
          ? { reason: c.waiting.reason, message: c.waiting.message }
          : { reason: c.waiting.reason },
      };
    if (c.lastTerminated) s.lastState = { terminated: term(c.lastTerminated) };
    return s;
  }

  /** generateAPIPodStatus + the status manager: one status write with preserved transition times. */
  private writeStatus(rt: PodRecord, pod: Stored<Pod>, now: number): Stored<Pod> {
    const spec = pod.spec!;
    const initStatuses = rt.init.map((c) => this.containerStatus(c));
    const statuses = rt.containers
      .map((c) => this.containerStatus(c))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const all = [...initStatuses, ...statuses];
    const terminal = rt.terminating && [...rt.init, ...rt.containers].every((c) => !isLive(c));
    let phase: PodPhase = rt.evicted ? 'Failed' : getPhase(spec, initStatuses, statuses, terminal);
    if (terminal || rt.evicted) phase = terminatePodStatuses(spec, initStatuses, statuses, phase);
    const old = pod.status ?? {};

    // Conditions not owned by the kubelet keep their place; the kubelet's follow in its order.
    let conditions: PodCondition[] = (old.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type));
    if (rt.evicted)
      conditions = withPodCondition(
        conditions,
        { type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet', message: rt.evicted },
        now,
      );
    const owned: PodCondition[] = [
      {
        type: 'PodReadyToStartContainers',
        status: rt.sandboxReady && !terminal && !rt.evicted ? 'True' : 'False',
      },
      initializedCondition(spec, all, phase),
      podReadyCondition(spec, conditions, all, phase),
      containersReadyCondition(spec, all, phase),
      { type: 'PodScheduled', status: 'True' },
    ];
    const previous = old.conditions ?? [];
    for (const c of owned)
      conditions.push(
        nextCondition(
          previous.find((p) => p.type === c.type),
          c,
          now,
        ),
      );

    const status: PodStatus = { ...old, phase, conditions };
    status.hostIP = rt.hostIP;
    status.hostIPs = [{ ip: rt.hostIP }];
    if (rt.podIP) {
      status.podIP = rt.podIP;
      status.podIPs = [{ ip: rt.podIP }];
    }
    status.startTime = timestamp(rt.startTime);
    if (initStatuses.length) status.initContainerStatuses = initStatuses;
    status.containerStatuses = statuses;
    if (!status.qosClass) status.qosClass = qosClass(spec);
    if (rt.evicted) {
      status.reason = REASON_EVICTED;
      status.message = rt.evicted;
    }
    if (deepEqual(status, old)) return pod;
    return this.ctx.store.updateStatus<Pod>({ ...pod, status }, { actor: KUBELET, owned: true });
  }
}

export const CONTAINER_STATUS_UNKNOWN = 'ContainerStatusUnknown';

/**
 * The status manager's TerminatePod, for the last status of a pod whose containers are all stopped:
 * a container without a terminated state (it never ran, or waited to restart) is reported
 * terminated with reason ContainerStatusUnknown, exit 137, "The container could not be located
 * when the pod was terminated" (regular containers that never started are left waiting while the
 * pod was still initializing); a Pending or Running phase becomes Failed. A deleted pod that was in
 * ImagePullBackOff therefore ends Failed; one whose containers exited 0 on SIGTERM ends Succeeded.
 */
function terminatePodStatuses(
  spec: NonNullable<Pod['spec']>,
  initStatuses: ContainerStatus[],
  statuses: ContainerStatus[],
  phase: PodPhase,
): PodPhase {
  const unknown = () => ({
    terminated: {
      exitCode: 137,
      reason: CONTAINER_STATUS_UNKNOWN,
      message: 'The container could not be located when the pod was terminated',
      startedAt: null as unknown as string,
      finishedAt: null as unknown as string,
    },
  });
  for (const s of initStatuses) if (!s.state?.terminated) s.state = unknown();
  const initialized =
    initStatuses.every(
      (s, i) => spec.initContainers?.[i]?.restartPolicy === 'Always' || s.state?.terminated?.exitCode === 0,
    ) || statuses.some((s) => s.lastState?.terminated || s.state?.running);
  for (const s of statuses) {
    if (s.state?.terminated) continue;
    if (!initialized && !s.lastState?.terminated) continue;
    s.state = unknown();
  }
  return phase === 'Pending' || phase === 'Running' ? 'Failed' : phase;
}

/** The pod's QoS class (pkg/apis/core/helper/qos): Guaranteed, Burstable or BestEffort. */
export function qosClass(spec: Pod['spec']): string {
  const containers = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || String(q) !== String(l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * Evicts a pod as the kubelet's eviction manager does under node pressure: Warning `Evicted` event,
 * containers killed, phase Failed, reason `Evicted`, the message (default
 * `The node was low on resource: memory. `), condition DisruptionTarget (TerminationByKubelet). The
 * pod object stays until someone deletes it. Returns false when the pod is not running on a node.
 */
export function evictPod(
  ctx: ControllerContext,
  namespace: string,
  name: string,
  message = DEFAULT_EVICTION_MESSAGE,
): boolean {
  const k = kubelets.get(ctx.store);
  const key = `${namespace}/${name}`;
  if (k) return k.evict(key, message);
  const pod = ctx.store.getByKey<Pod>('Pod', key);
  if (!pod?.spec?.nodeName) return false;
  ctx.store.updateStatus<Pod>(
    { ...pod, status: { ...(pod.status ?? {}), phase: 'Failed', reason: REASON_EVICTED, message } },
    { actor: KUBELET },
  );
  return true;
}

/** The kubelet of every node (see the file comment). */
export const kubelet: ControllerFactory = (ctx) => new Kubelet(ctx);
