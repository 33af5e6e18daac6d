/**
 * The container lifecycle as a table of stages (in the spirit of KWOK's Stage objects): for each
 * stage, what the container status shows, how long the stage lasts, what it records on entry, and
 * which stage follows. The kubelet (index.ts) runs the table: it enters a stage, waits `lasts` ms of
 * virtual time, then asks `end` for the next stage. Stages that last 0 ms are decisions.
 *
 *   Waiting ─(sandbox ready, earlier init containers done)→ ImageCheck
 *   ImageCheck → Creating (image present, policy IfNotPresent) | PullBackOff (in back-off) | Pulling
 *   Pulling ─timings.pull→ Creating | PullFailed (image unpullable)
 *   PullFailed ─1 s (next kubelet sync)→ ImageCheck (→ PullBackOff)
 *   PullBackOff ─until last failure + back-off (10, 20, 40 … 300 s)→ ImageCheck (→ Pulling)
 *   Creating ─timings.start→ Running
 *   Running ─forever | 1 s (image crashes) | 0 s (init container)→ Exited
 *   Exited → Completed (init, exit 0) | Dead (restartPolicy forbids) | Restart (not in back-off)
 *            | CrashBackOff (back-off 10, 20 … 300 s from the exit)
 *   CrashBackOff ─until exit + back-off→ Restart → ImageCheck
 *   Stopping (preStop hook during termination) → Stopped
 *
 * Worked example, image `crash`, IfNotPresent, default timings: started at 2 s, exits at 3 s and is
 * restarted at once (restartCount 1), exits at 4 s → CrashLoopBackOff `back-off 10s …`, restarted at
 * 14 s (2), exits at 15 s → `back-off 20s`, restarted at 35 s (3) …
 */
import type { Container, Pod } from '../api/types';
import type { ImageBehaviour, KubeletTimings } from '../controllers/context';
import type { Backoff } from './backoff';
import { fullImageRef, goDuration, imageIdOf, pullErrorMessage, pullPolicyOf } from './images';

export type ContainerStage =
  | 'Waiting'
  | 'ImageCheck'
  | 'Pulling'
  | 'PullFailed'
  | 'PullBackOff'
  | 'NeverPull'
  | 'Creating'
  | 'Running'
  | 'Exited'
  | 'Restart'
  | 'CrashBackOff'
  | 'Completed'
  | 'Dead'
  | 'Stopping'
  | 'Stopped';

export interface Terminated {
  exitCode: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
  containerID?: string;
}

/** The simulated container runtime's view of one container of one pod. */
export interface ContainerRecord {
  name: string;
  spec: Container;
  init: boolean;
  sidecar: boolean;
  stage: ContainerStage;
  /** Virtual time the current stage ends (Infinity: it ends on some other event). */
  until: number;
  waiting?: { reason: string; message?: string };
  running?: { startedAt: number };
  terminated?: Terminated;
  lastTerminated?: Terminated;
  restartCount: number;
  ready: boolean;
  started: boolean;
  containerID?: string;
  imageID?: string;
  /** The image as containerStatuses reports it (the spec's until created, then the full reference). */
  image: string;
  /** Set once the container first waits in a back-off: from then on its retries are background work. */
  looped: boolean;
  pullStartedAt?: number;
  /** Pending readiness flip (probe threshold reached at this time) and its target. */
  readyFlipAt?: number;
  readyTarget?: boolean;
}

/** What a stage's hooks may use: the moment, the pod, the container and the kubelet's services. */
export interface StageContext {
  now: number;
  c: ContainerRecord;
  pod: Pod;
  /** `web-0_default(uid)` (format.Pod). */
  podRef: string;
  timings: KubeletTimings;
  behaviour: ImageBehaviour | undefined;
  pullBackoff: Backoff;
  crashBackoff: Backoff;
  /** Back-off keys: pod uid + image, pod uid + container. */
  pullKey: string;
  crashKey: string;
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
  imagePresent(): boolean;
  markImagePresent(): void;
  newContainerId(): string;
}

export interface StageRow {
  /** What containerStatuses shows during the stage (documentation; `enter` sets it). */
  shows: string;
  /** How long the stage lasts from entry, in ms; Infinity when something else ends it. */
  lasts(k: StageContext): number;
  enter?(k: StageContext): void;
  /** The next stage, decided when the stage ends. */
  end(k: StageContext): ContainerStage;
}

/** The delay before the kubelet's next sync of a pod whose pull failed (PLEG relist granularity). */
export const PULL_RESYNC_MS = 1000;
/** How long a container of a `crash` image runs before it exits with code 1. */
export const CRASH_AFTER_MS = 1000;
/** How long an init container runs before it exits with code 0. */
export const INIT_RUN_MS = 0;

function restartAllowed(k: StageContext, exitCode: number): boolean {
  if (k.c.sidecar) return true;
  const policy = k.pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Never') return false;
  if (k.c.init || policy === 'OnFailure') return exitCode !== 0;
  return true;
}

export const CONTAINER_STAGES: Record<ContainerStage, StageRow> = {
  Waiting: {
    shows: 'waiting ContainerCreating (PodInitializing when the pod has init containers)',
    lasts: () => Infinity,
    end: () => 'ImageCheck',
  },
  ImageCheck: {
    shows: 'unchanged',
    lasts: () => 0,
    end(k) {
      const policy = pullPolicyOf(k.c.spec);
      const present = k.imagePresent();
      if (policy === 'Never' && !present) return 'NeverPull';
      if (present && policy !== 'Always') {
        k.event('Normal', 'Pulled', `Container image "${k.c.spec.image}" already present on machine`);
        return 'Creating';
      }
      if (k.pullBackoff.isInBackOffSinceUpdate(k.pullKey, k.now)) return 'PullBackOff';
      return 'Pulling';
    },
  },
  Pulling: {
    shows: 'unchanged (ContainerCreating on the first pull, ImagePullBackOff on retries)',
    lasts: (k) => k.timings.pull,
    enter(k) {
      k.c.pullStartedAt = k.now;
      k.event('Normal', 'Pulling', `Pulling image "${k.c.spec.image}"`);
    },
    end(k) {
      const image = k.c.spec.image;
      if (k.behaviour === 'unpullable') {
        k.event('Warning', 'Failed', `Failed to pull image "${image}": ${pullErrorMessage(image ?? '')}`);
        k.pullBackoff.next(k.pullKey, k.now, k.now);
        k.event('Warning', 'Failed', 'Error: ErrImagePull');
        return 'PullFailed';
      }
      k.markImagePresent();
      const took = goDuration(k.now - (k.c.pullStartedAt ?? k.now));
      k.event(
        'Normal',
        'Pulled',
        `Successfully pulled image "${image}" in ${took} (${took} including waiting)`,
      );
      return 'Creating';
    },
  },
  PullFailed: {
    shows: 'waiting ErrImagePull, message = the pull error',
    lasts: () => PULL_RESYNC_MS,
    enter(k) {
      k.c.waiting = { reason: 'ErrImagePull', message: pullErrorMessage(k.c.spec.image ?? '') };
    },
    end: () => 'ImageCheck',
  },
  PullBackOff: {
    shows: 'waiting ImagePullBackOff, message `Back-off pulling image "x"`',
    lasts: (k) => (k.pullBackoff.lastUpdate(k.pullKey) ?? k.now) + k.pullBackoff.get(k.pullKey) - k.now,
    enter(k) {
      k.c.looped = true;
      const msg = `Back-off pulling image "${k.c.spec.image}"`;
      k.c.waiting = { reason: 'ImagePullBackOff', message: msg };
      k.event('Normal', 'BackOff', msg);
      k.event('Warning', 'Failed', 'Error: ImagePullBackOff');
    },
    end: () => 'ImageCheck',
  },
  NeverPull: {
    shows: 'waiting ErrImageNeverPull',
    lasts: () => Infinity,
    enter(k) {
      const msg = `Container image "${k.c.spec.image}" is not present with pull policy of Never`;
      k.c.waiting = { reason: 'ErrImageNeverPull', message: msg };
      k.event('Warning', 'ErrImageNeverPull', msg);
      k.event('Warning', 'Failed', 'Error: ErrImageNeverPull');
    },
    end: () => 'ImageCheck',
  },
  Creating: {
    shows: 'unchanged',
    lasts: (k) => k.timings.start,
    enter(k) {
      k.c.containerID = k.newContainerId();
      k.c.image = fullImageRef(k.c.spec.image ?? '');
      k.c.imageID = imageIdOf(k.c.spec.image ?? '');
      k.event('Normal', 'Created', `Created container ${k.c.name}`);
    },
    end: () => 'Running',
  },
  Running: {
    shows: 'running, startedAt; started true; ready per readiness',
    lasts(k) {
      if (k.behaviour === 'crash') return CRASH_AFTER_MS;
      if (k.c.init && !k.c.sidecar) return INIT_RUN_MS;
      return Infinity;
    },
    enter(k) {
      k.c.waiting = undefined;
      k.c.terminated = undefined;
      k.c.running = { startedAt: k.now };
      k.c.started = true;
      k.c.ready = false;
      k.c.readyFlipAt = undefined;
      k.c.readyTarget = undefined;
      k.event('Normal', 'Started', `Started container ${k.c.name}`);
    },
    end: () => 'Exited',
  },
  Exited: {
    shows: 'terminated: exit 1 Error (crash) or exit 0 Completed (init)',
    lasts: () => 0,
    enter(k) {
      const ok = k.c.init && !k.c.sidecar && k.behaviour !== 'crash';
      k.c.terminated = {
        exitCode: ok ? 0 : 1,
        reason: ok ? 'Completed' : 'Error',
        startedAt: k.c.running?.startedAt ?? k.now,
        finishedAt: k.now,
        containerID: k.c.containerID,
      };
      k.c.running = undefined;
      k.c.started = false;
      k.c.ready = false;
    },
    end(k) {
      const t = k.c.terminated!;
      if (k.c.init && !k.c.sidecar && t.exitCode === 0) return 'Completed';
      if (!restartAllowed(k, t.exitCode)) return 'Dead';
      if (k.crashBackoff.isInBackOffSince(k.crashKey, t.finishedAt, k.now)) return 'CrashBackOff';
      return 'Restart';
    },
  },
  Restart: {
    shows: 'waiting (CrashLoopBackOff kept, else ContainerCreating), lastState = the exited run',
    lasts: () => 0,
    enter(k) {
      const t = k.c.terminated ?? k.c.lastTerminated;
      k.crashBackoff.next(k.crashKey, t?.finishedAt ?? k.now, k.now);
      if (k.c.terminated) {
        k.c.lastTerminated = k.c.terminated;
        k.c.terminated = undefined;
      }
      if (!k.c.waiting) k.c.waiting = { reason: 'ContainerCreating' };
      k.c.restartCount++;
    },
    end: () => 'ImageCheck',
  },
  CrashBackOff: {
    shows: 'waiting CrashLoopBackOff `back-off 10s restarting failed container=c pod=p_ns(uid)`',
    lasts: (k) => (k.c.lastTerminated?.finishedAt ?? k.now) + k.crashBackoff.get(k.crashKey) - k.now,
    enter(k) {
      k.c.looped = true;
      if (k.c.terminated) {
        k.c.lastTerminated = k.c.terminated;
        k.c.terminated = undefined;
      }
      const d = goDuration(k.crashBackoff.get(k.crashKey));
      k.c.waiting = {
        reason: 'CrashLoopBackOff',
        message: `back-off ${d} restarting failed container=${k.c.name} pod=${k.podRef}`,
      };
      k.event('Warning', 'BackOff', `Back-off restarting failed container ${k.c.name} in pod ${k.podRef}`);
    },
    end: () => 'Restart',
  },
  Completed: {
    shows: 'terminated exit 0 Completed; ready true (init container done)',
    lasts: () => Infinity,
    enter(k) {
      k.c.ready = true;
    },
    end: () => 'Completed',
  },
  Dead: {
    shows: 'terminated (restartPolicy does not restart it)',
    lasts: () => Infinity,
    end: () => 'Dead',
  },
  Stopping: {
    shows: 'running while the preStop hook runs (the kubelet sets `until`)',
    lasts: () => Infinity,
    end: () => 'Stopped',
  },
  Stopped: {
    shows: 'terminated (killed for termination or eviction), or the last waiting state if it never ran',
    lasts: () => Infinity,
    end: () => 'Stopped',
  },
};

/** A container whose process exists (it must be killed on termination). */
export function isLive(c: ContainerRecord): boolean {
  return c.stage === 'Running' || c.stage === 'Creating' || c.stage === 'Stopping';
}
