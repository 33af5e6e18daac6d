/**
 * Durations as kubectl shows and parses them: `HumanDuration` (k8s.io/apimachinery/pkg/util/duration)
 * for AGE columns, and Go's `time.ParseDuration` / `Duration.String` for flags such as `--timeout`.
 */

/** duration.HumanDuration (`45s`, `2m5s`, `15m`, `3h20m`, `2d3h`, `400d`, `3y20d`): the engine's. */
export { humanDuration } from '../engine/kubelet/status';

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** time.ParseDuration, in milliseconds. Throws `time: invalid duration "x"` as Go does. */
export function parseGoDuration(text: string): number {
  const orig = text;
  const invalid = () => new Error(`time: invalid duration ${JSON.stringify(orig)}`);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw invalid();
  let total = 0;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === '' || m[0] === '.' || (m[1] === '' && (m[2] ?? '') === '')) throw invalid();
    const value = Number(`${m[1] || '0'}.${m[2] || '0'}`);
    s = s.slice(m[0].length);
    const u = /^[^\d.]+/.exec(s);
    if (!u) throw new Error(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const unit = UNITS[u[0]];
    if (unit === undefined)
      throw new Error(`time: unknown unit ${JSON.stringify(u[0])} in duration ${JSON.stringify(orig)}`);
    total += value * unit;
    s = s.slice(u[0].length);
  }
  return sign * total;
}

/** Go's Duration.String for whole milliseconds: `0s`, `1.5s`, `2m0s`, `1h0m0s`, `300ms`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let v = Math.abs(ms);
  let out: string;
  if (v < 1000) {
    out = `${v}ms`;
  } else {
    const h = Math.floor(v / 3_600_000);
    v -= h * 3_600_000;
    const m = Math.floor(v / 60_000);
    v -= m * 60_000;
    const s = v / 1000;
    const sText = `${Number.isInteger(s) ? s : String(s)}s`;
    out = h ? `${h}h${m}m${sText}` : m ? `${m}m${sText}` : sText;
  }
  return neg ? `-${out}` : out;
}
