/**
 * The safety invariants over a window of the trace, for the Then steps: the monitor folds over the
 * whole trace up to the window's end (so it knows which rollout was complete, which pods existed,
 * which revisions were taken before the window) and reports only what broke inside the window.
 * Same class, same records as the fuzzer's live check: the verdicts agree.
 */
import type { Trace, Window } from '../trace/trace';
import { InvariantMonitor } from './monitor';
import type { InvariantId, MonitorOptions, Violation } from './monitor';

/** Every violation in the window (the first per invariant and workload). */
export function checkWindow(trace: Trace, window: Window, options: MonitorOptions = {}): Violation[] {
  const m = new InvariantMonitor(options);
  m.reportFrom = window.fromSeq;
  for (const r of trace.records) {
    if (r.seq > window.toSeq) break;
    m.observe(r);
  }
  return m.violations;
}

/** The first violation of one invariant for one workload in the window, if any. */
export function firstViolation(
  trace: Trace,
  window: Window,
  invariant: InvariantId,
  namespace: string,
  name: string,
  options: MonitorOptions = {},
): Violation | undefined {
  return checkWindow(trace, window, options).find(
    (v) => v.invariant === invariant && v.namespace === namespace && v.name === name,
  );
}
