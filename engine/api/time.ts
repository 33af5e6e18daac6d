/**
 * Virtual time ↔ API timestamps. The virtual epoch is 2024-01-01T00:00:00Z, so timestamps look real
 * and are the same on every run.
 */
export const EPOCH_MS = 1_704_067_200_000;

/** RFC 3339 with second precision, as metav1.Time serialises. */
export function toTimestamp(virtualMs: number): string {
  return new Date(EPOCH_MS + Math.floor(virtualMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Parses an API timestamp back to virtual milliseconds. */
export function fromTimestamp(ts: string | undefined): number | undefined {
  if (!ts) return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms - EPOCH_MS;
}
