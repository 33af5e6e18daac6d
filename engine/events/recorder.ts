/**
 * The event recorder: Events in the store with the real reasons and messages. Like client-go's
 * correlator, an event identical to an earlier one (same object, type, reason, message and source)
 * bumps its count and lastTimestamp instead of creating a new object.
 */
import type { Store } from '../store/store';
import type { Event, KObject } from '../api/types';
import { toTimestamp } from '../api/time';

export type EventType = 'Normal' | 'Warning';

export class EventRecorder {
  private readonly index = new Map<string, string>();
  private counter = 0;
  /** Turn off to skip Event objects (benchmarks of huge clusters). */
  enabled = true;

  constructor(private readonly store: Store) {}

  /** Records an event about obj, from `component` (e.g. `deployment-controller`, `kubelet`). */
  event(
    obj: KObject,
    type: EventType,
    reason: string,
    message: string,
    component: string,
    host?: string,
  ): void {
    if (!this.enabled) return;
    const meta = obj.metadata ?? {};
    const now = this.store.runtime.now;
    const ts = toTimestamp(now);
    const ns = meta.namespace ?? 'default';
    const dedupKey = `${meta.uid}|${type}|${reason}|${message}|${component}|${host ?? ''}`;
    const existingName = this.index.get(dedupKey);
    if (existingName) {
      const ev = this.store.get<Event>('Event', ns, existingName);
      if (ev) {
        this.store.update(
          { ...ev, count: (ev.count ?? 1) + 1, lastTimestamp: ts },
          { actor: component, skipAdmission: true, owned: true },
        );
        return;
      }
    }
    // Real event names are <object>.<hex of unix nanoseconds>; virtual nanoseconds plus a counter keep them unique.
    const name = `${meta.name}.${eventSuffix(now, this.counter++)}`;
    const ev: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: meta.name,
        namespace: meta.namespace,
        uid: meta.uid,
        resourceVersion: meta.resourceVersion,
      },
      reason,
      message,
      type,
      source: host ? { component, host } : { component },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      reportingComponent: component,
      reportingInstance: host ?? '',
    };
    this.store.create(ev, { actor: component, skipAdmission: true, owned: true });
    this.index.set(dedupKey, name);
  }

  /** Events about an object (by uid), oldest first, as `kubectl describe` lists them. */
  eventsFor(uid: string | undefined, namespace: string): Event[] {
    return this.store
      .list<Event>('Event', { namespace })
      .filter((e) => e.involvedObject?.uid === uid)
      .sort(
        (a, b) =>
          (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? '') ||
          a.metadata.name.localeCompare(b.metadata.name),
      );
  }
}

/**
 * The hex of 0x17a0000000000000 + now × 10⁶ + counter. Plain numbers while now × 10⁶ + counter is
 * exact (under 2⁵², virtual time up to ~52 days), BigInt beyond: the same digits either way.
 */
export function eventSuffix(now: number, counter: number): string {
  const nanos = now * 1_000_000 + counter;
  if (Number.isSafeInteger(nanos) && nanos < 2 ** 52) {
    const hi = Math.floor(nanos / 2 ** 32) + 0x17a00000;
    const lo = nanos % 2 ** 32;
    return hi.toString(16) + lo.toString(16).padStart(8, '0');
  }
  return (0x17a0000000000000n + BigInt(now) * 1_000_000n + BigInt(counter)).toString(16);
}
