/**
 * kubectl's pod columns READY, STATUS and RESTARTS (pkg/printers/internalversion/printers.go
 * `printPod`), as pure functions of the pod and the virtual time. For the kubectl printer.
 *
 *   STATUS: the phase (or status.reason, e.g. `Evicted`); while init containers run `Init:N/M`,
 *   `Init:<waiting reason>` or `Init:<terminated reason>`; otherwise the reason of the LAST container
 *   status (waiting reason, else terminated reason, else `Signal:N` / `ExitCode:N`); `Completed` with a
 *   running container becomes `Running` (`NotReady` if the pod is not Ready); a pod with a
 *   deletionTimestamp that is not Succeeded/Failed shows `Terminating` (`Unknown` for NodeLost).
 *   READY: ready containers / containers (sidecars count). RESTARTS: `3` or `3 (5s ago)`, the time
 *   since the latest lastState.terminated.finishedAt.
 */
import type { Pod } from '../api/types';
import { fromTimestamp } from '../api/time';

export interface PodColumns {
  ready: string;
  status: string;
  restarts: string;
}

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration: 5s, 2m5s, 12m, 5h30m, 3d4h, 2y30d … */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${Math.trunc(hours / 24 / 365)}y` : `${Math.trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** translateTimestampSince: `<unknown>` without a timestamp. */
export function timestampSince(ts: string | undefined, nowMs: number): string {
  const t = fromTimestamp(ts);
  return t === undefined ? '<unknown>' : humanDuration(nowMs - t);
}

/** All three columns of one pod at virtual time nowMs. */
export function podColumns(pod: Pod, nowMs: number): PodColumns {
  const spec = pod.spec;
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = spec?.containers?.length ?? 0;
  let readyContainers = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  const later = (a: number | undefined, ts: string | undefined) => {
    const t = fromTimestamp(ts);
    return t !== undefined && (a === undefined || t > a) ? t : a;
  };

  const phase = status.phase ?? '';
  let reason: string = phase;
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? [])
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';

  const initSpecs = new Map((spec?.initContainers ?? []).map((c) => [c.name, c]));
  for (const c of spec?.initContainers ?? []) if (c.restartPolicy === 'Always') totalContainers++;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    const sidecar = initSpecs.get(c.name)?.restartPolicy === 'Always';
    restarts += c.restartCount ?? 0;
    if (c.lastState?.terminated) lastRestart = later(lastRestart, c.lastState.terminated.finishedAt);
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      if (c.lastState?.terminated)
        lastSidecarRestart = later(lastSidecarRestart, c.lastState.terminated.finishedAt);
    }
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      if (!term.reason)
        reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      else reason = `Init:${term.reason}`;
    } else if (wait && wait.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = (status.conditions ?? []).some(
    (c) => c.type === 'Initialized' && c.status === 'True',
  );
  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      restarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestart = later(lastRestart, c.lastState.terminated.finishedAt);
      const term = c.state?.terminated;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed')
    reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined)
    restartsStr = `${restarts} (${humanDuration(nowMs - lastRestart)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsStr };
}

/** The STATUS column: `Running`, `ContainerCreating`, `ImagePullBackOff`, `CrashLoopBackOff`, `Terminating` … */
export function podStatusReason(pod: Pod, nowMs: number): string {
  return podColumns(pod, nowMs).status;
}

/** The READY column: `1/1`. */
export function podReadyColumn(pod: Pod): string {
  return podColumns(pod, 0).ready;
}

/** The RESTARTS column: `0`, `3 (5s ago)`. */
export function podRestartsColumn(pod: Pod, nowMs: number): string {
  return podColumns(pod, nowMs).restarts;
}
