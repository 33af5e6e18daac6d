/**
 * The pod phase and the kubelet-owned conditions, computed from container statuses as the kubelet
 * does (pkg/kubelet/kubelet_pods.go `getPhase`, pkg/kubelet/status/generate.go). statefulset.md §13.1,
 * §13.2. Pure functions of the spec and the statuses.
 */
import type { ContainerStatus, PodCondition, PodSpec } from '../api/types';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

export const REASON_CONTAINERS_NOT_READY = 'ContainersNotReady';
export const REASON_CONTAINERS_NOT_INITIALIZED = 'ContainersNotInitialized';
export const REASON_READINESS_GATES_NOT_READY = 'ReadinessGatesNotReady';
export const REASON_POD_COMPLETED = 'PodCompleted';
export const REASON_POD_FAILED = 'PodFailed';

function isSidecar(c: { restartPolicy?: string }): boolean {
  return c.restartPolicy === 'Always';
}

function statusOf(list: ContainerStatus[] | undefined, name: string): ContainerStatus | undefined {
  return list?.find((s) => s.name === name);
}

function anyRegularStarted(spec: PodSpec, statuses: ContainerStatus[]): boolean {
  return spec.containers.some((c) => {
    const s = statusOf(statuses, c.name);
    return !!s && (!!s.state?.running || !!s.state?.terminated || !!s.lastState?.terminated);
  });
}

/**
 * getPhase. Table (one regular container, restartPolicy Always):
 *   waiting, never ran (ContainerCreating, ErrImagePull, ImagePullBackOff)  → Pending
 *   running                                                                 → Running
 *   waiting with lastState.terminated (CrashLoopBackOff)                    → Running
 *   terminated, pod not terminal                                            → Running (restarting)
 *   terminated exit 0, pod terminal (deleted, final sync)                   → Succeeded
 *   terminated exit ≠ 0, pod terminal                                       → Failed
 *   no status                                                               → Pending
 */
export function getPhase(
  spec: PodSpec,
  initStatuses: ContainerStatus[],
  statuses: ContainerStatus[],
  podIsTerminal: boolean,
): PodPhase {
  let pendingInitialization = 0;
  let failedInitialization = 0;
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  const restartPolicy = spec.restartPolicy ?? 'Always';

  for (const c of spec.initContainers ?? []) {
    if (isSidecar(c)) {
      const s = statusOf(initStatuses, c.name);
      if (!s) {
        unknown++;
        continue;
      }
      if (s.state?.running) {
        if (!s.started) pendingInitialization++;
        running++;
      } else if (s.state?.terminated) {
        // a stopped sidecar is ignored
      } else if (s.state?.waiting) {
        if (!s.lastState?.terminated) {
          pendingInitialization++;
          waiting++;
        }
      } else {
        pendingInitialization++;
        unknown++;
      }
      continue;
    }
    const s = statusOf(initStatuses, c.name);
    if (!s) {
      pendingInitialization++;
      continue;
    }
    if (s.state?.running) pendingInitialization++;
    else if (s.state?.terminated && s.state.terminated.exitCode === 0) {
      // initialized
    } else if (s.state?.terminated) {
      pendingInitialization++;
      failedInitialization++;
    } else if (s.state?.waiting) {
      const last = s.lastState?.terminated;
      if (last && last.exitCode !== 0) failedInitialization++;
      pendingInitialization++;
    } else pendingInitialization++;
  }

  for (const c of spec.containers) {
    const s = statusOf(statuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }

  if (failedInitialization > 0 && restartPolicy === 'Never') return 'Failed';
  if (pendingInitialization > 0 && !anyRegularStarted(spec, statuses)) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

const fmtList = (names: string[]) => `[${names.join(' ')}]`;

/** GenerateContainersReadyCondition. */
export function containersReadyCondition(
  spec: PodSpec,
  all: ContainerStatus[],
  phase: PodPhase,
): PodCondition {
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (name: string) => {
    const s = statusOf(all, name);
    if (!s) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  for (const c of spec.initContainers ?? []) if (isSidecar(c)) check(c.name);
  for (const c of spec.containers) check(c.name);
  if ((phase === 'Succeeded' && unknown.length === 0) || phase === 'Failed')
    return {
      type: 'ContainersReady',
      status: 'False',
      reason: phase === 'Failed' ? REASON_POD_FAILED : REASON_POD_COMPLETED,
    };
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${fmtList(unknown)}`);
  if (unready.length) msgs.push(`containers with unready status: ${fmtList(unready)}`);
  if (msgs.length)
    return {
      type: 'ContainersReady',
      status: 'False',
      reason: REASON_CONTAINERS_NOT_READY,
      message: msgs.join(', '),
    };
  return { type: 'ContainersReady', status: 'True' };
}

/** GeneratePodReadyCondition: ContainersReady and every readiness gate True. */
export function podReadyCondition(
  spec: PodSpec,
  conditions: PodCondition[],
  all: ContainerStatus[],
  phase: PodPhase,
): PodCondition {
  const cr = containersReadyCondition(spec, all, phase);
  if (cr.status !== 'True') return { ...cr, type: 'Ready' };
  const msgs: string[] = [];
  for (const g of spec.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === g.conditionType);
    if (!c) msgs.push(`corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`);
    else if (c.status !== 'True')
      msgs.push(`the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}`);
  }
  if (msgs.length)
    return {
      type: 'Ready',
      status: 'False',
      reason: REASON_READINESS_GATES_NOT_READY,
      message: msgs.join(', '),
    };
  return { type: 'Ready', status: 'True' };
}

/** GeneratePodInitializedCondition. */
export function initializedCondition(spec: PodSpec, all: ContainerStatus[], phase: PodPhase): PodCondition {
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of spec.initContainers ?? []) {
    const s = statusOf(all, c.name);
    if (!s) {
      unknown.push(c.name);
      continue;
    }
    const done = isSidecar(c) ? !!s.started : s.ready;
    if (!done) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0)
    return { type: 'Initialized', status: 'True', reason: REASON_POD_COMPLETED };
  if (anyRegularStarted(spec, all)) return { type: 'Initialized', status: 'True' };
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${fmtList(unknown)}`);
  if (incomplete.length) msgs.push(`containers with incomplete status: ${fmtList(incomplete)}`);
  if (msgs.length)
    return {
      type: 'Initialized',
      status: 'False',
      reason: REASON_CONTAINERS_NOT_INITIALIZED,
      message: msgs.join(', '),
    };
  return { type: 'Initialized', status: 'True' };
}

/** The conditions the kubelet owns, in the order it writes them. */
export const KUBELET_CONDITIONS = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
];
