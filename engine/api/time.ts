/**
 * Virtual time ↔ API timestamps. The virtual epoch is 2024-01-01T00:00:00Z, so timestamps look real
 * and are the same on every run.
 */
export const EPOCH_MS = 1_704_067_200_000;

/** RFC 3339 with second precision, as metav1.Time serialises. */
export function toTimestamp(virtualMs: number): string {
  const second = Math.floor(virtualMs / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    let stamp = stamps.get(second);
    if (stamp === undefined) {
      stamp = new Date(EPOCH_MS + second * 1000).toISOString().replace('.000Z', 'Z');
      if (stamps.size >= STAMP_LIMIT) stamps.clear();
      stamps.set(second, stamp);
    }
    lastStamp = stamp;
  }
  return lastStamp;
}
// Many writes share one virtual second, and status writes mix a few seconds (start times,
// transition times): formatting each second once keeps toTimestamp cheap.
let lastSecond = NaN;
let lastStamp = '';
const stamps = new Map<number, string>();
const STAMP_LIMIT = 4096;

/** Parses an API timestamp back to virtual milliseconds. */
export function fromTimestamp(ts: string | undefined): number | undefined {
  if (!ts) return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms - EPOCH_MS;
}
