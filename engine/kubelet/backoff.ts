/**
 * client-go's flowcontrol.Backoff (staging/src/k8s.io/client-go/util/flowcontrol/backoff.go) as the
 * kubelet uses it, without jitter: per key, a back-off that starts at 10 s, doubles on every `next`
 * and is capped at 300 s (pkg/kubelet/kubelet.go backOffPeriod, MaxContainerBackOff). An entry whose
 * last update is more than 2 × max = 600 s older than the event has expired: the next failure starts
 * again at 10 s. Times are virtual milliseconds.
 */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly initial = BACKOFF_INITIAL_MS,
    readonly max = BACKOFF_MAX_MS,
  ) {}

  private expired(eventTime: number, e: Entry): boolean {
    return eventTime - e.lastUpdate > 2 * this.max;
  }

  /** The current back-off of a key (0 without an entry). */
  get(id: string): number {
    return this.entries.get(id)?.backoff ?? 0;
  }

  lastUpdate(id: string): number | undefined {
    return this.entries.get(id)?.lastUpdate;
  }

  /** Next: a new or expired entry starts at `initial`; otherwise the back-off doubles (≤ max). */
  next(id: string, eventTime: number, now: number): void {
    const e = this.entries.get(id);
    if (!e || this.expired(eventTime, e)) this.entries.set(id, { backoff: this.initial, lastUpdate: now });
    else this.entries.set(id, { backoff: Math.min(e.backoff * 2, this.max), lastUpdate: now });
  }

  /** IsInBackOffSince: less than the back-off has passed since eventTime (a container's exit). */
  isInBackOffSince(id: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.expired(eventTime, e)) return false;
    return now - eventTime < e.backoff;
  }

  /** IsInBackOffSinceUpdate: less than the back-off has passed since the last failure. */
  isInBackOffSinceUpdate(id: string, now: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.expired(now, e)) return false;
    return now - e.lastUpdate < e.backoff;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
