/**
 * The timeline: every state change of the store, with its virtual time, in order. Queries replay it
 * over a window, so timeline assertions hold "at every instant", not at sampled moments.
 */
import type { Store, WatchEvent, WatchType } from '../store/store';
import type { Stored } from '../api/types';

export interface TraceRecord {
  seq: number;
  time: number;
  type: WatchType;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  actor: string;
  /** The object after the change (for DELETED: its last state). Read-only. */
  object: Stored;
  /** The object before the change (MODIFIED, DELETED). Read-only. */
  old?: Stored;
}

/** A window of the trace: records with seq in (fromSeq, toSeq]. */
export interface Window {
  fromSeq: number;
  toSeq: number;
  fromTime: number;
  toTime: number;
}

export class Trace {
  readonly records: TraceRecord[] = [];
  /** Kinds left out of the trace (Events by default: they are not state a controller acts on). */
  readonly exclude = new Set<string>(['Event']);

  constructor(store: Store) {
    store.watch('*', (e: WatchEvent) => {
      if (this.exclude.has(e.kind)) return;
      this.records.push({
        seq: e.seq,
        time: e.time,
        type: e.type,
        kind: e.kind,
        namespace: e.object.metadata.namespace ?? '',
        name: e.object.metadata.name,
        uid: e.object.metadata.uid,
        actor: e.actor,
        object: e.object,
        old: e.old,
      });
    });
  }

  get lastSeq(): number {
    return this.records.length ? this.records[this.records.length - 1].seq : 0;
  }

  /** Records in a window (binary search on seq). */
  between(fromSeq: number, toSeq = Infinity): TraceRecord[] {
    const r = this.records;
    let lo = 0;
    let hi = r.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r[mid].seq <= fromSeq) lo = mid + 1;
      else hi = mid;
    }
    const out: TraceRecord[] = [];
    for (let i = lo; i < r.length && r[i].seq <= toSeq; i++) out.push(r[i]);
    return out;
  }

  /** Pods created in the window, in creation order. */
  podsCreated(fromSeq: number, toSeq = Infinity): TraceRecord[] {
    return this.between(fromSeq, toSeq).filter((x) => x.kind === 'Pod' && x.type === 'ADDED');
  }

  /**
   * Pods whose deletion was requested in the window (deletionTimestamp first set, or removed without
   * one), in order.
   */
  podsDeleted(fromSeq: number, toSeq = Infinity): TraceRecord[] {
    return this.between(fromSeq, toSeq).filter(
      (x) =>
        x.kind === 'Pod' &&
        ((x.type === 'MODIFIED' &&
          !!x.object.metadata.deletionTimestamp &&
          !x.old?.metadata.deletionTimestamp) ||
          (x.type === 'DELETED' && !x.old?.metadata.deletionTimestamp)),
    );
  }

  /** Objects written most in a time range, for "what keeps changing" messages. */
  busiest(sinceTime: number, limit = 5): string {
    const counts = new Map<string, number>();
    for (let i = this.records.length - 1; i >= 0 && this.records[i].time >= sinceTime; i--) {
      const x = this.records[i];
      const k = `${x.kind.toLowerCase()}/${x.name}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([k, n]) => `${k} (${n} changes)`)
      .join(', ');
  }
}

/**
 * Replays the window and calls `check` after every change, with the live objects of a kind at that
 * instant (a Map keyed by namespace/name). The map is mutated as the replay proceeds; copy to keep.
 * `initial` is the set of objects alive at the window's start.
 */
export function replay(
  trace: Trace,
  kinds: ReadonlySet<string>,
  fromSeq: number,
  toSeq: number,
  check: (state: ReadonlyMap<string, Stored>, at: TraceRecord | undefined) => void,
): void {
  const state = new Map<string, Stored>();
  const key = (x: TraceRecord) => `${x.kind}/${x.namespace}/${x.name}`;
  for (const x of trace.records) {
    if (x.seq > fromSeq) break;
    if (!kinds.has(x.kind)) continue;
    if (x.type === 'DELETED') state.delete(key(x));
    else state.set(key(x), x.object);
  }
  check(state, undefined);
  for (const x of trace.between(fromSeq, toSeq)) {
    if (!kinds.has(x.kind)) continue;
    if (x.type === 'DELETED') state.delete(key(x));
    else state.set(key(x), x.object);
    check(state, x);
  }
}
