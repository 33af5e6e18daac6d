/**
 * The READY, STATUS and RESTARTS cells of `kubectl get pods`, as the API server's pod printer computes
 * them (pkg/printers/internalversion/printers.go `printPod`): init-container progress (`Init:0/1`,
 * `Init:CrashLoopBackOff`), the last container's waiting or terminated reason, `Completed` turned back
 * into `Running`/`NotReady` while a container still runs, `Terminating` for a pod being deleted
 * (`Unknown` when its reason is NodeLost), and restarts with the age of the last one (`3 (42s ago)`).
 *
 * The kubelet owns the pod status; this module only reads it. `setPodStatusColumns` lets the engine's
 * own implementation (engine/kubelet/status.ts `podStatusReason`) replace this one once it exists.
 */
import type { Pod } from '../engine';
import { fromTimestamp } from '../engine';
import { humanDuration } from './duration';

export interface PodColumns {
  ready: string;
  status: string;
  restarts: string;
}

export type PodColumnsFn = (pod: Pod, nowMs: number) => PodColumns;

let impl: PodColumnsFn = printerPodColumns;

export function podColumns(pod: Pod, nowMs: number): PodColumns {
  return impl(pod, nowMs);
}

/** Swaps the implementation (returns the previous one). */
export function setPodStatusColumns(fn: PodColumnsFn): PodColumnsFn {
  const prev = impl;
  impl = fn;
  return prev;
}

const NODE_UNREACHABLE_REASON = 'NodeLost';

function isRestartableInit(c: { restartPolicy?: string } | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

export function printerPodColumns(pod: Pod, nowMs: number): PodColumns {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastRestartableInitRestart: number | undefined;
  const phase = status.phase ?? '';
  let reason: string = status.reason || phase;

  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  for (const c of spec.initContainers ?? []) if (isRestartableInit(c)) totalContainers++;

  const later = (a: number | undefined, ts: string | undefined) => {
    const t = fromTimestamp(ts);
    if (t === undefined) return a;
    return a === undefined || a < t ? t : a;
  };

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    if (c.lastState?.terminated) lastRestart = later(lastRestart, c.lastState.terminated.finishedAt);
    const restartable = isRestartableInit(initContainers.get(c.name));
    if (restartable) {
      restartableInitRestarts += c.restartCount ?? 0;
      if (c.lastState?.terminated)
        lastRestartableInitRestart = later(lastRestartableInitRestart, c.lastState.terminated.finishedAt);
    }
    const term = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (restartable && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason) {
        reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      } else {
        reason = `Init:${term.reason}`;
      }
      initializing = true;
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
      initializing = true;
    }
    break;
  }

  const initializedTrue = (status.conditions ?? []).some(
    (c) => c.type === 'Initialized' && c.status === 'True',
  );
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const cs = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestart = later(lastRestart, c.lastState.terminated.finishedAt);
      const waiting = c.state?.waiting;
      const term = c.state?.terminated;
      if (waiting && waiting.reason) reason = waiting.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term && !term.reason)
        reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const readyCond = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = readyCond ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === NODE_UNREACHABLE_REASON) reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined)
    restartsStr = `${restarts} (${humanDuration(nowMs - lastRestart)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsStr };
}
