/**
 * Per-key wake-up times batched per instant: one runtime timer per distinct (time, background)
 * pair instead of one per pod, so 100,000 pods waiting for the same instant cost one heap entry.
 * Each key has at most one pending wake; setting a new one replaces it. Background wakes do not
 * keep the cluster from settling (endless retries); foreground ones do.
 */
import type { Runtime } from '../runtime/runtime';
import type { Timer } from '../runtime/timers';

interface Bucket {
  timer: Timer;
  keys: Set<string>;
}

export class Wakeups {
  private readonly buckets = new Map<string, Bucket>();
  private readonly byKey = new Map<string, string>();

  constructor(
    private readonly runtime: Runtime,
    private readonly label: string,
    private readonly onWake: (key: string) => void,
  ) {}

  /** Wakes `key` at virtual time `due` (replacing its earlier wake); undefined clears it. */
  set(key: string, due: number | undefined, background: boolean): void {
    if (due === undefined || !Number.isFinite(due)) return this.clear(key);
    const at = Math.max(due, this.runtime.now);
    const bucketId = `${at}|${background ? 'b' : 'f'}`;
    const cur = this.byKey.get(key);
    if (cur === bucketId) return;
    if (cur !== undefined) this.remove(key, cur);
    let b = this.buckets.get(bucketId);
    if (!b) {
      const timer = this.runtime.timers.add(
        at,
        `${this.label} at ${at}ms`,
        () => this.fire(bucketId),
        background,
      );
      b = { timer, keys: new Set() };
      this.buckets.set(bucketId, b);
    }
    b.keys.add(key);
    this.byKey.set(key, bucketId);
  }

  clear(key: string): void {
    const cur = this.byKey.get(key);
    if (cur !== undefined) this.remove(key, cur);
  }

  get pending(): number {
    return this.byKey.size;
  }

  private remove(key: string, bucketId: string): void {
    this.byKey.delete(key);
    const b = this.buckets.get(bucketId);
    if (!b) return;
    b.keys.delete(key);
    if (b.keys.size === 0) {
      this.runtime.cancel(b.timer);
      this.buckets.delete(bucketId);
    }
  }

  private fire(bucketId: string): void {
    const b = this.buckets.get(bucketId);
    if (!b) return;
    this.buckets.delete(bucketId);
    for (const key of b.keys) {
      this.byKey.delete(key);
      this.onWake(key);
    }
  }
}
