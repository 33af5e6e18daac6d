/**
 * The default-scheduler (pkg/scheduler/schedule_one.go, reduced to what scenarios observe).
 *
 * - A pod is pending for this scheduler when it has no spec.nodeName, is not being deleted, is not
 *   terminal, has no scheduling gates, and its schedulerName is `default-scheduler` (or unset). It is tried `timings.schedule`
 *   ms after it appears, in arrival order (one global FIFO; every pod has priority 0).
 * - Filters (framework.ts): cordon, taints (NotReady nodes carry the not-ready taint), nodeSelector /
 *   required node affinity, and cpu / memory / pod-count requests against allocatable minus the
 *   requests of the non-terminal pods bound to the node (terminating pods still count until removed).
 * - Score (documented simulator rule, a deterministic LeastAllocated): the feasible node with the
 *   largest mean free fraction of cpu and memory after placing the pod, counting unset requests as
 *   100m / 200Mi; ties go to the node with fewer pods, then to the first name in natural order
 *   (node-2 before node-10). Three identical pods on three empty nodes land on node-1, node-2, node-3.
 * - Volumes (VolumeBinding, engine/controllers/volume/scheduling.ts): a pod whose claims are missing
 *   or unbound Immediate claims is unschedulable everywhere; nodes that cannot hold its volumes are
 *   filtered out; on the chosen node WaitForFirstConsumer claims are bound or provisioned, and the
 *   pod is bound only once all its claims are (its requests stay reserved on that node meanwhile).
 * - Bind: spec.nodeName is written as the binding subresource would (no pod-update validation), then
 *   condition PodScheduled=True, then the event `Scheduled`
 *   `Successfully assigned default/web-0 to node-1`.
 * - No fit: condition PodScheduled=False reason `Unschedulable` with FitError's message, and a
 *   Warning `FailedScheduling` event with the same message. The pod waits in the unschedulable set
 *   until a node is added or changes (uncordon, capacity, labels, readiness) or a bound pod stops
 *   counting (deleted, or Succeeded/Failed); then every waiting pod is retried once, at that instant.
 */
import type { Controller, ControllerContext, ControllerFactory } from '../controllers/context';
import type { Node, Pod, PodCondition, Stored } from '../api/types';
import type { WatchEvent } from '../store/store';
import type { WorkQueue } from '../runtime/runtime';
import type { Timer } from '../runtime/timers';
import { keyOf } from '../store/store';
import { toTimestamp } from '../api/time';
import { deepEqual } from '../util/clone';
import { milliCpu, quantityValue } from './quantity';
import { podRequests, Resources } from './resources';
import {
  compareNodeNames,
  ERR_NO_NODES,
  filterNode,
  FilterResult,
  fitErrorMessage,
  NodeInfo,
  preFilterErrorMessage,
} from './framework';
import { podClaims } from '../controllers/volume/pods';
import {
  bindPodVolumes,
  claimsBound,
  filterPodVolumes,
  preFilterPodVolumes,
} from '../controllers/volume/scheduling';

export const SCHEDULER_NAME = 'default-scheduler';
export const REASON_SCHEDULED = 'Scheduled';
export const REASON_FAILED_SCHEDULING = 'FailedScheduling';
export const REASON_UNSCHEDULABLE = 'Unschedulable';

export { parseQuantity, milliCpu, quantityValue } from './quantity';
export { podRequests } from './resources';

interface Accounted {
  node: string;
  req: Resources;
  nonZero: Resources;
}

function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** A pod with scheduling gates waits, untouched, until they are all removed (PodSchedulingReadiness). */
function isGated(pod: Pod): boolean {
  return (pod.spec?.schedulingGates?.length ?? 0) > 0;
}

function wantsThisScheduler(pod: Pod): boolean {
  const name = pod.spec?.schedulerName;
  return !name || name === SCHEDULER_NAME;
}

/**
 * The condition to store given the previous one of its type: lastTransitionTime moves only when the
 * status changes; an unchanged condition is the previous object itself (so an unchanged status
 * stays deep-equal and costs nothing).
 */
export function nextCondition(
  prev: PodCondition | undefined,
  next: PodCondition,
  nowMs: number,
): PodCondition {
  if (
    prev &&
    prev.status === next.status &&
    prev.reason === next.reason &&
    prev.message === next.message &&
    prev.lastTransitionTime &&
    prev.lastProbeTime === null
  )
    return prev;
  const c: PodCondition = {
    type: next.type,
    status: next.status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime:
      prev && prev.status === next.status && prev.lastTransitionTime
        ? prev.lastTransitionTime
        : timestamp(nowMs),
  };
  if (next.reason) c.reason = next.reason;
  if (next.message) c.message = next.message;
  return c;
}

/** Sets (or replaces) a condition in a list (see nextCondition). */
export function withPodCondition(
  conditions: PodCondition[] | undefined,
  next: PodCondition,
  nowMs: number,
): PodCondition[] {
  const out = conditions ? conditions.slice() : [];
  const i = out.findIndex((c) => c.type === next.type);
  const c = nextCondition(i >= 0 ? out[i] : undefined, next, nowMs);
  if (i >= 0) out[i] = c;
  else out.push(c);
  return out;
}

let lastSecond = NaN;
let lastStamp = '';
/** toTimestamp, remembering the last second (status writes format the same instant many times). */
export function timestamp(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s !== lastSecond) {
    lastSecond = s;
    lastStamp = toTimestamp(ms);
  }
  return lastStamp;
}

class DefaultScheduler implements Controller {
  readonly name = SCHEDULER_NAME;
  private readonly infos = new Map<string, NodeInfo>();
  private sorted: NodeInfo[] | null = null;
  private readonly accounted = new Map<string, Accounted>();
  /** Pods that fit no node, in the order they failed; retried together when the cluster changes. */
  private readonly unschedulable = new Set<string>();
  private flushTimer: Timer | undefined;
  /**
   * Pods placed on a node whose claims are still being bound (VolumeBinding PreBind): pod key →
   * node. Their requests are reserved there; they are bound once every claim is bound.
   */
  private readonly assumed = new Map<string, string>();
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.runtime.newQueue(SCHEDULER_NAME, (key) => this.scheduleOne(key));
    ctx.store.watch('Node', (e) => this.onNode(e));
    ctx.store.watch('Pod', (e) => this.onPod(e));
    const onVolumes = () => {
      for (const key of this.assumed.keys()) this.queue.add(key);
      this.requestRetry();
    };
    ctx.store.watch('PersistentVolumeClaim', onVolumes);
    ctx.store.watch('PersistentVolume', onVolumes);
    ctx.store.watch('StorageClass', onVolumes);
  }

  private info(name: string): NodeInfo {
    let i = this.infos.get(name);
    if (!i) {
      i = {
        name,
        allocatable: { cpu: 0, memory: 0, pods: 0 },
        requested: { cpu: 0, memory: 0 },
        nonZeroRequested: { cpu: 0, memory: 0 },
        pods: 0,
      };
      this.infos.set(name, i);
    }
    return i;
  }

  private onNode(e: WatchEvent): void {
    const node = e.object as Stored<Node>;
    const info = this.info(node.metadata.name);
    this.sorted = null;
    if (e.type === 'DELETED') {
      info.node = undefined;
      if (info.pods === 0) this.infos.delete(info.name);
      return;
    }
    info.node = node;
    const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
    info.allocatable = {
      cpu: milliCpu(alloc.cpu),
      memory: quantityValue(alloc.memory),
      pods: alloc.pods === undefined ? 110 : quantityValue(alloc.pods),
    };
    this.requestRetry();
  }

  private onPod(e: WatchEvent): void {
    const pod = e.object as Stored<Pod>;
    const key = keyOf(pod);
    if (e.type === 'DELETED') {
      this.unschedulable.delete(key);
      this.assumed.delete(key);
      if (this.unaccount(key)) this.requestRetry();
      return;
    }
    const nodeName = pod.spec?.nodeName;
    if (this.assumed.has(key) && (nodeName || pod.metadata.deletionTimestamp || isTerminal(pod)))
      this.assumed.delete(key);
    if (nodeName && !isTerminal(pod)) this.account(key, nodeName, pod);
    else if (!this.assumed.has(key) && this.unaccount(key)) this.requestRetry();

    if (
      nodeName ||
      pod.metadata.deletionTimestamp ||
      isTerminal(pod) ||
      !wantsThisScheduler(pod) ||
      isGated(pod)
    ) {
      this.unschedulable.delete(key);
      return;
    }
    const old = e.old as Pod | undefined;
    if (e.type === 'ADDED' || (old && isGated(old))) {
      // New, or its last scheduling gate was just removed.
      this.queue.addAfter(key, this.ctx.options.timings.schedule);
    } else if (
      this.unschedulable.has(key) &&
      e.old &&
      e.old.spec !== pod.spec &&
      !deepEqual(e.old.spec, pod.spec)
    ) {
      // A spec change (tolerations, say) may make the pod fit: retry it alone.
      this.unschedulable.delete(key);
      this.queue.add(key);
    }
  }

  private account(key: string, node: string, pod: Pod): void {
    const cur = this.accounted.get(key);
    if (cur && cur.node === node) return;
    if (cur) this.unaccount(key);
    const a: Accounted = { node, req: podRequests(pod), nonZero: podRequests(pod, true) };
    this.accounted.set(key, a);
    const info = this.info(node);
    info.pods++;
    info.requested.cpu += a.req.cpu;
    info.requested.memory += a.req.memory;
    info.nonZeroRequested.cpu += a.nonZero.cpu;
    info.nonZeroRequested.memory += a.nonZero.memory;
  }

  /** Removes a pod's requests from its node; true when it had been counted. */
  private unaccount(key: string): boolean {
    const a = this.accounted.get(key);
    if (!a) return false;
    this.accounted.delete(key);
    const info = this.info(a.node);
    info.pods--;
    info.requested.cpu -= a.req.cpu;
    info.requested.memory -= a.req.memory;
    info.nonZeroRequested.cpu -= a.nonZero.cpu;
    info.nonZeroRequested.memory -= a.nonZero.memory;
    if (info.pods === 0 && !info.node) this.infos.delete(info.name);
    return true;
  }

  /** MoveAllToActiveOrBackoffQueue, once per instant however many changes there were. */
  private requestRetry(): void {
    if (this.unschedulable.size === 0 || this.flushTimer) return;
    this.flushTimer = this.ctx.runtime.after(0, `${SCHEDULER_NAME} retry unschedulable pods`, () => {
      this.flushTimer = undefined;
      for (const key of this.unschedulable) this.queue.add(key);
      this.unschedulable.clear();
    });
  }

  private nodeList(): NodeInfo[] {
    if (!this.sorted) {
      this.sorted = [...this.infos.values()]
        .filter((i) => i.node)
        .sort((a, b) => compareNodeNames(a.name, b.name));
    }
    return this.sorted;
  }

  /** One scheduling cycle for one pod: filter, score, bind (or record why not). */
  private scheduleOne(key: string): void {
    const pod = this.ctx.store.getByKey<Pod>('Pod', key);
    if (
      !pod ||
      pod.spec?.nodeName ||
      pod.metadata.deletionTimestamp ||
      isTerminal(pod) ||
      !wantsThisScheduler(pod) ||
      isGated(pod)
    ) {
      this.unschedulable.delete(key);
      return;
    }
    const { store } = this.ctx;
    const hasClaims = podClaims(pod).length > 0;
    const assumedNode = this.assumed.get(key);
    if (assumedNode !== undefined) {
      // Waiting in PreBind for the claims to be bound (re-checked whenever a claim or volume changes).
      if (claimsBound(store, pod)) {
        this.assumed.delete(key);
        this.bind(pod, assumedNode);
      }
      return;
    }
    const nodes = this.nodeList();
    if (nodes.length === 0) return this.recordFailure(pod, ERR_NO_NODES);
    if (hasClaims) {
      const msg = preFilterPodVolumes(store, pod);
      if (msg) return this.recordFailure(pod, preFilterErrorMessage(nodes.length, msg));
    }
    const req = podRequests(pod);
    const nonZero = podRequests(pod, true);
    const failures: FilterResult[] = [];
    let best: NodeInfo | undefined;
    let bestScore = -Infinity;
    for (const info of nodes) {
      let f = filterNode(pod, req, info);
      if (!f && hasClaims) {
        const reason = filterPodVolumes(store, pod, info.node as Stored<Node>);
        if (reason) f = { reasons: [reason], unresolvable: true };
      }
      if (f) {
        failures.push(f);
        continue;
      }
      const score = leastAllocatedScore(info, nonZero);
      if (score > bestScore || (score === bestScore && best && info.pods < best.pods)) {
        best = info;
        bestScore = score;
      }
    }
    if (!best) return this.recordFailure(pod, fitErrorMessage(nodes.length, failures));
    if (hasClaims) {
      try {
        bindPodVolumes(store, pod, best.name, SCHEDULER_NAME);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        return this.recordFailure(pod, `running PreBind plugin "VolumeBinding": binding volumes: ${msg}`);
      }
      if (!claimsBound(store, pod)) {
        this.assumed.set(key, best.name);
        this.account(key, best.name, pod);
        return;
      }
    }
    this.bind(pod, best.name);
  }

  private bind(pod: Stored<Pod>, nodeName: string): void {
    const { store, recorder, runtime } = this.ctx;
    // The binding subresource sets spec.nodeName only; it is not subject to pod-update validation.
    const bound = store.update<Pod>(
      { ...pod, spec: { ...pod.spec!, nodeName } },
      { actor: SCHEDULER_NAME, skipAdmission: true, owned: true },
    );
    this.unschedulable.delete(keyOf(pod));
    const status = { ...(bound.status ?? {}) };
    if (!status.phase) status.phase = 'Pending';
    status.conditions = withPodCondition(
      status.conditions,
      { type: 'PodScheduled', status: 'True' },
      runtime.now,
    );
    const latest = store.get<Pod>('Pod', bound.metadata.namespace, bound.metadata.name);
    if (latest && latest.metadata.uid === bound.metadata.uid)
      store.updateStatus<Pod>({ ...latest, status }, { actor: SCHEDULER_NAME, owned: true });
    recorder.event(
      bound,
      'Normal',
      REASON_SCHEDULED,
      `Successfully assigned ${bound.metadata.namespace}/${bound.metadata.name} to ${nodeName}`,
      SCHEDULER_NAME,
    );
  }

  private recordFailure(pod: Stored<Pod>, message: string): void {
    const { store, recorder, runtime } = this.ctx;
    this.unschedulable.add(keyOf(pod));
    const status = { ...(pod.status ?? {}) };
    if (!status.phase) status.phase = 'Pending';
    status.conditions = withPodCondition(
      status.conditions,
      { type: 'PodScheduled', status: 'False', reason: REASON_UNSCHEDULABLE, message },
      runtime.now,
    );
    store.updateStatus<Pod>({ ...pod, status }, { actor: SCHEDULER_NAME });
    recorder.event(pod, 'Warning', REASON_FAILED_SCHEDULING, message, SCHEDULER_NAME);
  }
}

/** Mean free fraction of cpu and memory on the node once the pod is placed (higher is better). */
function leastAllocatedScore(info: NodeInfo, podNonZero: Resources): number {
  const free = (alloc: number, used: number) => (alloc > 0 ? (alloc - used) / alloc : 0);
  return (
    (free(info.allocatable.cpu, info.nonZeroRequested.cpu + podNonZero.cpu) +
      free(info.allocatable.memory, info.nonZeroRequested.memory + podNonZero.memory)) /
    2
  );
}

/** The default-scheduler: binds pending pods to nodes (see the file comment for the rules). */
export const scheduler: ControllerFactory = (ctx) => new DefaultScheduler(ctx);
