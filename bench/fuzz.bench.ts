/**
 * Fuzz throughput: scenarios of up to 20 replicas and 15 operations (half Deployments, half
 * StatefulSets), every invariant checked at every state change, as `kube-scenario fuzz` runs them.
 * Also the checker alone: the same state changes replayed through a fresh InvariantMonitor, so
 * the share of the time spent checking is visible next to the time spent simulating.
 */
import { InvariantMonitor } from '../engine/invariants';
import type { ChangeRecord } from '../engine/invariants';
import { runCampaign } from '../fuzz/campaign';
import { DEFAULT_LIMITS } from '../fuzz/property';
import type { BenchCase } from './harness';

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export const fuzzBench: BenchCase = {
  name: 'fuzz-throughput',
  sizes: [40, 200],
  run(size) {
    const traces: ChangeRecord[][] = [];
    let scenarios = 0;
    let stateChanges = 0;
    const t0 = now();
    for (const kind of ['deployment', 'statefulset'] as const) {
      const r = runCampaign({
        seed: 2024,
        runs: size / 2,
        kinds: [kind],
        limits: DEFAULT_LIMITS,
        keepGoing: true,
        shrink: false,
        clock: now,
      });
      scenarios += r.scenarios;
      stateChanges += r.stateChanges;
    }
    const wallMs = now() - t0;
    // The checker alone, over the state changes of a few fresh scenarios.
    runCampaign({
      seed: 7,
      runs: 10,
      kinds: ['deployment', 'statefulset'],
      limits: DEFAULT_LIMITS,
      keepGoing: true,
      shrink: false,
      onScenarioDone: (real) => traces.push(real.cluster.trace.records),
    });
    const records = traces.reduce((n, t) => n + t.length, 0);
    const c0 = now();
    const rounds = 20;
    for (let i = 0; i < rounds; i++)
      for (const t of traces) {
        const m = new InvariantMonitor();
        for (const x of t) m.observe(x);
      }
    const checkMs = (now() - c0) / rounds;
    const checkPerChange = checkMs / Math.max(1, records);
    return {
      simulatedEvents: stateChanges,
      scenarios,
      scenariosPerSec: Math.round((scenarios / wallMs) * 1000 * 10) / 10,
      stateChangesPerSec: Math.round((stateChanges / wallMs) * 1000),
      checkerChangesPerSec: Math.round(1000 / checkPerChange),
      checkerShareOfWall: Math.round(((checkPerChange * stateChanges) / wallMs) * 1000) / 10 + '%',
    };
  },
};
