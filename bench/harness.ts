/**
 * Benchmark harness: each case runs once per size and prints one JSON line with the wall time,
 * simulated events (store changes), events per second and peak RSS. Numbers, not assertions.
 */
export interface BenchResult {
  name: string;
  size: number;
  wallMs: number;
  simulatedEvents: number;
  eventsPerSec: number;
  peakRssMb: number;
  [extra: string]: unknown;
}

export interface BenchCase {
  name: string;
  sizes: number[];
  /** Runs one size; returns the number of simulated events and any extra fields. */
  run(size: number): { simulatedEvents: number; [extra: string]: unknown };
}

let peakRss = 0;
function sampleRss(): void {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

export function runCase(c: BenchCase, sizes = c.sizes): BenchResult[] {
  const results: BenchResult[] = [];
  for (const size of sizes) {
    if (global.gc) global.gc();
    peakRss = process.memoryUsage().rss;
    const timer = setInterval(sampleRss, 5);
    const t0 = process.hrtime.bigint();
    const out = c.run(size);
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    clearInterval(timer);
    sampleRss();
    const { simulatedEvents, ...extra } = out;
    const r: BenchResult = {
      name: c.name,
      size,
      wallMs: Math.round(wallMs * 10) / 10,
      simulatedEvents,
      eventsPerSec: Math.round(simulatedEvents / (wallMs / 1000)),
      peakRssMb: Math.round(peakRss / 1048576),
      ...extra,
    };
    console.log(JSON.stringify(r));
    results.push(r);
  }
  return results;
}
