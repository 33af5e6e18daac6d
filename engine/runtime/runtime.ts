/**
 * The runtime owns time, order and randomness: a virtual clock, the timer queue, the work queues of
 * every controller, and the one seeded PRNG. Nothing in the engine reads wall time.
 *
 * Order of work. `step()` runs exactly one unit:
 *   1. the oldest ready work-queue item across all queues (one global FIFO, like a pool of workers
 *      that each take the next key), or, when no item is ready,
 *   2. every timer due at the earliest pending instant (the clock jumps there), in (due, seq) order.
 * Firing all timers of one instant before reconciling lets a controller see a batch of kubelet
 * updates in one sync, as an informer-fed controller usually does.
 */
import { Prng } from './prng';
import { Timer, TimerQueue } from './timers';

/** What a sync returns: nothing, or a wish to be called again after some virtual time. */
export type SyncResult = void | { requeueAfter?: number };
export type SyncHandler = (key: string) => SyncResult;

interface ReadyItem {
  queue: WorkQueue;
  key: string;
}

/** Error-retry back-off of client-go's default controller rate limiter: 5 ms doubling, capped at 1000 s. */
export const RETRY_BASE_MS = 5;
export const RETRY_MAX_MS = 1_000_000;

export class WorkQueue {
  /** Keys waiting in the ready FIFO. */
  private readonly dirty = new Set<string>();
  /** Delayed adds: the earliest timer per key. */
  private readonly delayed = new Map<string, Timer>();
  private readonly failures = new Map<string, number>();

  constructor(
    readonly name: string,
    private readonly runtime: Runtime,
    readonly handler: SyncHandler,
  ) {}

  /** Adds key to the ready FIFO unless it is already waiting there. */
  add(key: string): void {
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    this.runtime.enqueueReady({ queue: this, key });
  }

  /** Adds key after `ms` of virtual time; of several pending delays for one key the earliest wins. */
  addAfter(key: string, ms: number, background = false): void {
    if (ms <= 0) return this.add(key);
    const due = this.runtime.now + ms;
    const existing = this.delayed.get(key);
    if (existing && !existing.cancelled && existing.due <= due) return;
    if (existing) this.runtime.timers.cancel(existing);
    const t = this.runtime.timers.add(
      due,
      `${this.name} requeue ${key}`,
      () => {
        this.delayed.delete(key);
        this.add(key);
      },
      background,
    );
    this.delayed.set(key, t);
  }

  has(key: string): boolean {
    return this.dirty.has(key);
  }

  get length(): number {
    return this.dirty.size;
  }

  /** Called by the runtime: the key leaves the dirty set before its sync, so a re-add during it queues again. */
  process(key: string): void {
    this.dirty.delete(key);
    let result: SyncResult;
    try {
      result = this.handler(key);
    } catch (err) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      this.runtime.reportError(this.name, key, err);
      this.addAfter(key, Math.min(RETRY_BASE_MS * 2 ** (n - 1), RETRY_MAX_MS));
      return;
    }
    this.failures.delete(key);
    if (result && result.requeueAfter !== undefined) this.addAfter(key, result.requeueAfter);
  }
}

export interface SettleOptions {
  /** Give up after this much virtual time (default one hour). */
  maxMs?: number;
  /** Give up after this many steps at one virtual instant (a livelock). */
  maxStepsPerInstant?: number;
}

export class NotSettledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotSettledError';
  }
}

export class Runtime {
  /** Virtual milliseconds since the cluster's epoch. */
  now = 0;
  readonly rand: Prng;
  readonly timers = new TimerQueue();
  private readonly queues: WorkQueue[] = [];
  private ready: ReadyItem[] = [];
  private readyHead = 0;
  /** Total units of work done (queue items + timers fired). */
  steps = 0;
  /** Errors returned by syncs, in order; controllers retry them with back-off. */
  readonly errors: { time: number; queue: string; key: string; message: string }[] = [];
  /** Describes what changed lately, for the message of a failed settle (set by the cluster). */
  describeActivity: (sinceTime: number) => string = () => '';

  constructor(seed: number | string) {
    this.rand = new Prng(seed);
  }

  newQueue(name: string, handler: SyncHandler): WorkQueue {
    const q = new WorkQueue(name, this, handler);
    this.queues.push(q);
    return q;
  }

  /** Runs fn after ms of virtual time. Background timers do not keep the cluster from settling. */
  after(ms: number, label: string, fn: () => void, background = false): Timer {
    return this.timers.add(this.now + Math.max(0, ms), label, fn, background);
  }

  cancel(t: Timer | undefined): void {
    if (t) this.timers.cancel(t);
  }

  enqueueReady(item: ReadyItem): void {
    this.ready.push(item);
  }

  reportError(queue: string, key: string, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.errors.push({ time: this.now, queue, key, message });
    if (this.errors.length > 10_000) this.errors.splice(0, 5_000);
  }

  get readyLength(): number {
    return this.ready.length - this.readyHead;
  }

  /** True when no queue item is ready and no foreground timer is pending. */
  isSettled(): boolean {
    return this.readyLength === 0 && this.timers.foregroundSize === 0;
  }

  /** Runs one queue item if one is ready. */
  private runOneItem(): boolean {
    if (this.readyHead >= this.ready.length) return false;
    const item = this.ready[this.readyHead++];
    if (this.readyHead > 4096 && this.readyHead * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.readyHead);
      this.readyHead = 0;
    }
    this.steps++;
    item.queue.process(item.key);
    return true;
  }

  /** Fires every timer due at the earliest pending instant, if that instant is ≤ limit. */
  private fireNextInstant(limit: number): boolean {
    const first = this.timers.peek();
    if (!first || first.due > limit) return false;
    const at = first.due;
    if (at > this.now) this.now = at;
    for (let t = this.timers.peek(); t && t.due === at; t = this.timers.peek()) {
      this.timers.pop();
      this.steps++;
      t.fire();
    }
    return true;
  }

  /** One unit of work: a ready queue item, else the timers of the next instant. False when idle. */
  step(): boolean {
    return this.runOneItem() || this.fireNextInstant(Infinity);
  }

  /** Runs all ready items (bounded, to catch a livelock at one instant). */
  drain(maxSteps = Infinity): void {
    let n = 0;
    while (this.runOneItem()) {
      if (++n > maxSteps) {
        throw new NotSettledError(
          `livelock: more than ${maxSteps} reconciles at ${formatMs(this.now)} without time passing; still changing: ${this.describeActivity(this.now)}`,
        );
      }
    }
  }

  /** Advances the clock by ms, running everything due on the way, and lands exactly on now + ms. */
  advance(ms: number, opts: SettleOptions = {}): void {
    const target = this.now + ms;
    const maxSteps = opts.maxStepsPerInstant ?? 20_000_000;
    this.drain(maxSteps);
    while (this.fireNextInstant(target)) this.drain(maxSteps);
    this.now = target;
  }

  /**
   * Runs until no queue item is ready and no foreground timer is pending. Background timers (retries
   * that change nothing) fire when time passes them, but do not hold the cluster unsettled.
   */
  settle(opts: SettleOptions = {}): void {
    const start = this.now;
    const deadline = start + (opts.maxMs ?? 3_600_000);
    const maxSteps = opts.maxStepsPerInstant ?? 20_000_000;
    for (;;) {
      this.drain(maxSteps);
      if (this.timers.foregroundSize === 0) return;
      if (!this.fireNextInstant(deadline)) {
        const pending = this.timers.labels(5).join('; ');
        throw new NotSettledError(
          `the cluster did not settle within ${formatMs(deadline - start)} of virtual time; still changing: ${this.describeActivity(
            Math.max(start, deadline - 600_000),
          )}${pending ? `; pending: ${pending}` : ''}`,
        );
      }
    }
  }
}

/** 3600000 → "1h", 90000 → "1m30s", 1500 → "1.5s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
