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
    lastStamp = new Date(EPOCH_MS + second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastStamp;
}
// Many writes share one virtual second; formatting once per second keeps toTimestamp cheap.
let lastSecond = NaN;
let lastStamp = '';

/** Parses an API timestamp back to virtual milliseconds. */
export function fromTimestamp(ts: string | undefined): number | undefined {
  if (!ts) return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms - EPOCH_MS;
}
