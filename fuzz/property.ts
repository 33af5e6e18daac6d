/**
 * The property: for any valid workload manifest and any sequence of operations, the safety
 * invariants hold at every state change, and the workload converges whenever the cluster settles
 * with no fault left (also once more at the end of every scenario).
 */
import fc from 'fast-check';
import type { KObject } from '../engine';
import { commandArbitraries } from './commands';
import type { CommandWeights } from './commands';
import type { Model } from './model';
import { manifestArbitrary, WORKLOAD_NAME } from './manifests';
import type { Limits, WorkloadKind } from './manifests';
import { PropertyFailure, Real } from './real';
import type { Claim, RealOptions } from './real';

export interface Scenario {
  kind: WorkloadKind;
  manifest: KObject;
  commands: Iterable<fc.Command<Model, Real>>;
}

export interface PropertyConfig {
  kinds: readonly WorkloadKind[];
  limits: Limits;
  plantedBugs?: readonly string[];
  /** Record Event objects while searching (default false: twice as fast, same behaviour but names). */
  events?: boolean;
  /** fast-check's replayPath of a counterexample's command sequence. */
  replayPath?: string;
  /** How often each operation is drawn (default: DEFAULT_WEIGHTS). */
  weights?: CommandWeights;
  /** Only these claims fail a scenario (default: all). */
  claims?: ReadonlySet<Claim>;
  /** Called with every scenario's cluster once it is done (throughput counters). */
  onScenario?: (real: Real) => void;
}

export const DEFAULT_LIMITS: Limits = { maxReplicas: 20, maxCommands: 15 };

export function scenarioArbitrary(cfg: PropertyConfig): fc.Arbitrary<Scenario> {
  const arbs = cfg.kinds.map((kind) =>
    fc.record({
      kind: fc.constant(kind),
      manifest: manifestArbitrary(kind, cfg.limits),
      commands: fc.commands(commandArbitraries(kind, cfg.limits, cfg.weights), {
        maxCommands: cfg.limits.maxCommands,
        replayPath: cfg.replayPath,
      }),
    }),
  );
  if (arbs.length === 0) throw new Error('no workload kind to fuzz');
  return arbs.length === 1 ? arbs[0] : fc.oneof(...arbs);
}

export function initialModel(s: Scenario): Model {
  const spec = (s.manifest as { spec?: { updateStrategy?: { type?: string } } }).spec;
  return {
    kind: s.kind,
    name: WORKLOAD_NAME[s.kind],
    paused: false,
    onDelete: spec?.updateStrategy?.type === 'OnDelete',
  };
}

export interface ScenarioHooks {
  /** Sees the cluster before anything runs. */
  start?: (real: Real) => void;
  /** Sees the cluster when the scenario is over, failed or not. */
  done?: (real: Real) => void;
}

/**
 * Runs one scenario: setup (faults, manifest, settle), the commands (safety after each, liveness
 * after each settle), then a final settle and the liveness check. Throws a PropertyFailure.
 */
export function runScenario(s: Scenario, options: RealOptions, hooks: ScenarioHooks = {}): Real {
  let real: Real | undefined;
  try {
    fc.modelRun(() => {
      real = new Real(s.kind, s.manifest, options);
      hooks.start?.(real);
      real.setup();
      real.assertSafety();
      return { model: initialModel(s), real };
    }, s.commands);
    const r = real!;
    const last = r.steps[r.steps.length - 1];
    if (last?.text !== 'the cluster settles') r.settleStep();
    r.assertSafety();
    r.assertLiveness();
    return r;
  } finally {
    if (real) hooks.done?.(real);
  }
}

/**
 * The property of one campaign run. Shrinking keeps the reason: once a scenario has failed, a
 * smaller one counts as failing only if it fails for the same reason (the same invariant, or the
 * same kind of failure), so a counterexample cannot slide from the bug it shows to another one.
 */
export function scenarioProperty(cfg: PropertyConfig): fc.IPropertyWithHooks<[Scenario]> {
  const options: RealOptions = {
    events: cfg.events ?? false,
    plantedBugs: cfg.plantedBugs ?? [],
    claims: cfg.claims,
  };
  let reason: string | undefined;
  return fc.property(scenarioArbitrary(cfg), (s) => {
    try {
      runScenario(s, options, { done: cfg.onScenario });
    } catch (err) {
      const why = err instanceof PropertyFailure ? err.reason : 'error';
      if (reason === undefined) reason = why;
      else if (why !== reason) return;
      throw err;
    }
  });
}
