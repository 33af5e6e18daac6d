/**
 * Waiting in virtual time. kubectl commands that watch (rollout status, delete's wait) advance the
 * cluster one unit of work at a time (a queue item, or the timers of the next instant) and look at
 * the store after each, until their condition holds, a deadline passes, or nothing is left to do.
 */
import type { Cluster, WatchEvent } from '../engine';

const hubs = new WeakMap<Cluster, Set<(e: WatchEvent) => void>>();

/** Subscribes to every store event of a cluster; returns the unsubscribe function. */
export function onStoreEvent(cluster: Cluster, fn: (e: WatchEvent) => void): () => void {
  let set = hubs.get(cluster);
  if (!set) {
    const s = new Set<(e: WatchEvent) => void>();
    hubs.set(cluster, s);
    cluster.store.watch('*', (e) => {
      for (const f of [...s]) f(e);
    });
    set = s;
  }
  set.add(fn);
  return () => set!.delete(fn);
}

export type WaitOutcome = 'done' | 'deadline' | 'idle';

/**
 * Steps the cluster until `check()` returns true (checked first, then after every step), the virtual
 * clock would pass `deadlineMs` (the clock then stands at the deadline), or nothing but background
 * retries is left (the cluster would not change again: 'idle').
 */
export function advanceUntil(cluster: Cluster, check: () => boolean, deadlineMs: number): WaitOutcome {
  const rt = cluster.runtime;
  if (check()) return 'done';
  for (;;) {
    if (rt.readyLength === 0) {
      if (rt.timers.foregroundSize === 0) return 'idle';
      const next = rt.timers.peek();
      if (!next || next.due > deadlineMs) {
        rt.now = Math.max(rt.now, deadlineMs);
        return 'deadline';
      }
    }
    if (!cluster.step()) return 'idle';
    if (check()) return 'done';
  }
}

/**
 * Runs the work already due at the current instant (ready queue items and timers due now), without
 * letting time pass: what the controllers do in the few milliseconds before a kubectl command that
 * watches gets its first answer.
 */
export function drainNow(cluster: Cluster): void {
  const rt = cluster.runtime;
  for (let i = 0; i < 1_000_000; i++) {
    const next = rt.timers.peek();
    if (rt.readyLength === 0 && !(next && next.due <= rt.now)) return;
    if (!cluster.step()) return;
  }
}
