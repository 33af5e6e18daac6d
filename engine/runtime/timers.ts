/**
 * The timer queue: a binary heap ordered by (due time, insertion sequence), so timers due at the
 * same instant fire in the order they were set.
 */
export interface Timer {
  readonly due: number;
  readonly seq: number;
  readonly label: string;
  /** A background timer (a retry known to make no progress) does not keep the cluster from settling. */
  readonly background: boolean;
  readonly fire: () => void;
  cancelled: boolean;
}

export class TimerQueue {
  private heap: Timer[] = [];
  private seq = 0;
  private live = 0;
  private liveForeground = 0;

  get size(): number {
    return this.live;
  }

  /** Live timers that are not background. */
  get foregroundSize(): number {
    return this.liveForeground;
  }

  add(due: number, label: string, fire: () => void, background = false): Timer {
    const t: Timer = { due, seq: this.seq++, label, fire, background, cancelled: false };
    this.heap.push(t);
    this.up(this.heap.length - 1);
    this.live++;
    if (!background) this.liveForeground++;
    return t;
  }

  cancel(t: Timer): void {
    if (t.cancelled) return;
    t.cancelled = true;
    this.live--;
    if (!t.background) this.liveForeground--;
  }

  /** The next live timer, without removing it. */
  peek(): Timer | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  pop(): Timer | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top) return undefined;
    this.removeTop();
    this.live--;
    if (!top.background) this.liveForeground--;
    return top;
  }

  /** Earliest due time among non-background timers, or undefined. O(n); used only by settle. */
  nextForegroundDue(): number | undefined {
    let best: number | undefined;
    for (const t of this.heap)
      if (!t.cancelled && !t.background && (best === undefined || t.due < best)) best = t.due;
    return best;
  }

  labels(limit: number): string[] {
    return this.heap
      .filter((t) => !t.cancelled)
      .sort((a, b) => a.due - b.due || a.seq - b.seq)
      .slice(0, limit)
      .map((t) => `${t.label} at ${t.due}ms${t.background ? ' (background)' : ''}`);
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.removeTop();
  }

  private removeTop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
  }

  private less(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
