/**
 * A fuzz campaign: numbered runs, each one scenario with its own seed derived from the campaign
 * seed and the run's index, so a campaign splits deterministically into shards (shard i of n takes
 * the runs whose index ≡ i mod n; a CI matrix or an Indexed Job runs one shard each, and together
 * they run exactly what one job would). A failing run is shrunk by fast-check, then replayed once
 * more with Event objects recorded (as features run) to capture the steps of its feature; if that
 * replay does not fail for the same reason, the run is searched and shrunk again in that mode.
 */
import fc from 'fast-check';
import { emitFeature, replayToken } from './emit';
import type { ReplayInfo } from './emit';
import { runScenario, scenarioProperty } from './property';
import type { PropertyConfig, Scenario } from './property';
import { PropertyFailure, Real } from './real';
import type { Claim } from './real';
import type { CommandWeights } from './commands';
import { DEFAULT_WEIGHTS } from './commands';
import type { Limits, WorkloadKind } from './manifests';

export interface CampaignConfig {
  seed: number;
  /** Runs in the whole campaign (all shards); undefined with a time budget: until it is spent. */
  runs?: number;
  /** Wall-clock budget in ms. */
  timeMs?: number;
  shard?: { index: number; count: number };
  kinds: readonly WorkloadKind[];
  limits: Limits;
  plantedBugs?: readonly string[];
  /** Shrink counterexamples (default true). */
  shrink?: boolean;
  /** Keep going after a counterexample (default: stop at the first). */
  keepGoing?: boolean;
  /** Record Event objects while searching (slower; features always do). */
  events?: boolean;
  /** Only these claims fail a scenario (default: every invariant and convergence). */
  claims?: ReadonlySet<Claim>;
  /** How often each operation is drawn (default: fuzz/commands DEFAULT_WEIGHTS). */
  weights?: CommandWeights;
  /** Wall clock for budgets and throughput (injected so the fuzzer itself stays deterministic). */
  clock?: () => number;
  onRun?: (p: Progress) => void;
  /** Sees every scenario's cluster when it is over (benchmarks, traces). */
  onScenarioDone?: (real: Real) => void;
  /**
   * Whether a counterexample counts (default: every one). The planted-bug catalogue counts only
   * those that pass without the bug; the others are kept in `rejected` and the campaign goes on.
   */
  accept?: (f: FoundCounterexample) => boolean;
}

export interface Progress {
  /** Runs done in this shard. */
  done: number;
  /** Runs this shard will do, when known. */
  total?: number;
  failures: number;
  elapsedMs: number;
  scenarios: number;
  stateChanges: number;
}

export interface FoundCounterexample {
  /** The run's index in the campaign, and how many runs this shard had made when it failed. */
  runIndex: number;
  runsToDetection: number;
  replay: ReplayInfo;
  /** Search mode of the replay token (`--events` when the events-on search was needed). */
  events: boolean;
  failure: { kind: string; invariant?: string; message: string };
  /** The shrunk operations, in fast-check's notation. */
  commands: string[];
  numShrinks: number;
  /** The feature that reproduces it; undefined when no replay reproduced the failure. */
  feature?: string;
  /** Scenarios (runs and shrink attempts) this counterexample cost. */
  scenarios: number;
  /** The shrunk scenario itself (not serialised): to run it again. */
  scenario: Scenario;
}

export interface CampaignResult {
  seed: number;
  shard: { index: number; count: number };
  runs: number;
  failures: FoundCounterexample[];
  /** Counterexamples `accept` turned down. */
  rejected: FoundCounterexample[];
  scenarios: number;
  stateChanges: number;
  wallMs: number;
  interrupted: boolean;
}

/** splitmix32 of the campaign seed and the run index: the seed of run `index`. */
export function runSeed(seed: number, index: number): number {
  let z = (Math.imul(seed | 0, 0x9e3779b9) + Math.imul(index + 1, 0x85ebca6b)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/** The kube-scenario flags that rebuild the same arbitraries for a replay. */
export function replayFlags(
  cfg: Pick<CampaignConfig, 'kinds' | 'limits' | 'plantedBugs' | 'weights'>,
  events = false,
): string {
  const flags = [
    `--kinds ${cfg.kinds.join(',')}`,
    `--max-replicas ${cfg.limits.maxReplicas}`,
    `--max-ops ${cfg.limits.maxCommands}`,
  ];
  for (const b of cfg.plantedBugs ?? []) flags.push(`--plant ${b}`);
  const w = formatWeights(cfg.weights);
  if (w) flags.push(`--weights ${w}`);
  if (events) flags.push('--events');
  return flags.join(' ');
}

function parseCommands(s: Scenario): { commands: string[]; replayPath: string } {
  const text = fc.stringify(s.commands);
  const m = /\/\*replayPath="([^"]*)"\*\/\s*$/.exec(text);
  const list = (m ? text.slice(0, m.index) : text).trim();
  return { commands: list ? list.split(',') : [], replayPath: m ? m[1] : '' };
}

function propertyConfig(
  cfg: CampaignConfig,
  events: boolean,
  count: (r: Real) => void,
  replayPath?: string,
): PropertyConfig {
  return {
    kinds: cfg.kinds,
    limits: cfg.limits,
    plantedBugs: cfg.plantedBugs,
    events,
    replayPath,
    claims: cfg.claims,
    weights: cfg.weights,
    onScenario: count,
  };
}

/** Runs the scenario again with Event objects recorded and returns the failure and the cluster. */
export function replayForFeature(
  s: Scenario,
  plantedBugs: readonly string[],
  claims?: ReadonlySet<Claim>,
): { real: Real; failure?: PropertyFailure } {
  let real: Real | undefined;
  try {
    real = runScenario(s, { events: true, plantedBugs, claims }, { start: (r) => (real = r) });
    return { real };
  } catch (err) {
    if (!(err instanceof PropertyFailure)) throw err;
    return { real: real!, failure: err };
  }
}

export function runCampaign(cfg: CampaignConfig): CampaignResult {
  const clock = cfg.clock ?? (() => 0);
  const shard = cfg.shard ?? { index: 0, count: 1 };
  const start = clock();
  let scenarios = 0;
  let stateChanges = 0;
  const count = (r: Real) => {
    scenarios++;
    stateChanges += r.monitor.changes;
    cfg.onScenarioDone?.(r);
  };
  const failures: FoundCounterexample[] = [];
  const rejected: FoundCounterexample[] = [];
  const total =
    cfg.runs === undefined ? undefined : Math.max(0, Math.ceil((cfg.runs - shard.index) / shard.count));
  let done = 0;
  let interrupted = false;
  for (let index = shard.index; cfg.runs === undefined || index < cfg.runs; index += shard.count) {
    if (cfg.timeMs !== undefined && clock() - start >= cfg.timeMs) {
      interrupted = cfg.runs !== undefined;
      break;
    }
    const seed = runSeed(cfg.seed, index);
    const before = scenarios;
    const details = fc.check(scenarioProperty(propertyConfig(cfg, cfg.events ?? false, count)), {
      seed,
      numRuns: 1,
      endOnFailure: cfg.shrink === false,
      includeErrorInReport: true,
    });
    done++;
    if (details.failed && details.counterexample) {
      const f = counterexampleOf(
        cfg,
        details as fc.RunDetailsFailureProperty<[Scenario]>,
        seed,
        index,
        done,
        count,
        before,
        () => scenarios,
      );
      (!cfg.accept || cfg.accept(f) ? failures : rejected).push(f);
    }
    cfg.onRun?.({
      done,
      total,
      failures: failures.length,
      elapsedMs: clock() - start,
      scenarios,
      stateChanges,
    });
    if (failures.length && !cfg.keepGoing) break;
  }
  return {
    seed: cfg.seed,
    shard,
    runs: done,
    failures,
    rejected,
    scenarios,
    stateChanges,
    wallMs: clock() - start,
    interrupted,
  };
}

function describeFailure(err: unknown): FoundCounterexample['failure'] {
  if (err instanceof PropertyFailure)
    return { kind: err.failure, invariant: err.invariant, message: err.message };
  return { kind: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}

function counterexampleOf(
  cfg: CampaignConfig,
  details: fc.RunDetailsFailureProperty<[Scenario]>,
  seed: number,
  index: number,
  done: number,
  count: (r: Real) => void,
  before: number,
  scenarios: () => number,
): FoundCounterexample {
  const plantedBugs = cfg.plantedBugs ?? [];
  let [scenario] = details.counterexample;
  let error = details.errorInstance;
  let { commands, replayPath } = parseCommands(scenario);
  let replay: ReplayInfo = { seed, path: details.counterexamplePath ?? '', replayPath };
  let events = cfg.events ?? false;
  let numShrinks = details.numShrinks;
  let feature: string | undefined;
  const original = error instanceof PropertyFailure ? error.reason : undefined;
  let replayed = replayForFeature(scenario, plantedBugs, cfg.claims);
  if (!events && (!replayed.failure || replayed.failure.reason !== original)) {
    // The names Event objects take from the PRNG changed the run: search again as features run.
    const again = fc.check(scenarioProperty(propertyConfig(cfg, true, count)), {
      seed,
      numRuns: 1,
      endOnFailure: cfg.shrink === false,
      includeErrorInReport: true,
    });
    if (again.failed && again.counterexample) {
      const d = again as fc.RunDetailsFailureProperty<[Scenario]>;
      [scenario] = d.counterexample;
      error = d.errorInstance;
      ({ commands, replayPath } = parseCommands(scenario));
      replay = { seed, path: d.counterexamplePath ?? '', replayPath };
      events = true;
      numShrinks = d.numShrinks;
      replayed = replayForFeature(scenario, plantedBugs, cfg.claims);
    }
  }
  const failure = error instanceof PropertyFailure ? error : undefined;
  if (replayed.failure && failure && replayed.failure.reason === failure.reason) {
    feature = emitFeature({
      real: replayed.real,
      failure: replayed.failure,
      replay,
      replayFlags: replayFlags(cfg, events),
      plantedBugs,
      commands,
    });
  }
  return {
    runIndex: index,
    runsToDetection: done,
    replay,
    events,
    failure: describeFailure(replayed.failure && feature ? replayed.failure : error),
    commands,
    numShrinks,
    feature,
    scenarios: scenarios() - before,
    scenario,
  };
}

/** `{scale: 4, setImage: 4}` → `scale=4,setImage=4` (empty for the defaults). */
export function formatWeights(w: CommandWeights | undefined): string {
  return Object.entries(w ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** `scale=4,setImage=4` → the weights. */
export function parseWeights(s: string): CommandWeights {
  const out: Record<string, number> = {};
  for (const part of s.split(',').filter(Boolean)) {
    const m = /^([a-zA-Z]+)=(\d+)$/.exec(part.trim());
    if (!m || !(m[1] in DEFAULT_WEIGHTS))
      throw new Error(
        `--weights wants NAME=N,… with names ${Object.keys(DEFAULT_WEIGHTS).join(', ')}, not "${part}"`,
      );
    out[m[1]] = Number(m[2]);
  }
  return out as CommandWeights;
}

/** Parses `SEED:PATH:REPLAYPATH` (fast-check paths and replay paths contain colons themselves). */
export function parseReplayToken(token: string): ReplayInfo {
  const parts = token.split(':');
  if (parts.length < 4 || !/^-?[0-9]+$/.test(parts[0]))
    throw new Error(`--replay wants SEED:PATH:REPLAYPATH (as a counterexample prints it), not "${token}"`);
  return {
    seed: Number(parts[0]),
    path: parts.slice(1, -2).join(':'),
    replayPath: parts.slice(-2).join(':'),
  };
}

export interface ReplayResult {
  failed: boolean;
  failure?: FoundCounterexample['failure'];
  commands: string[];
  feature?: string;
}

/** Reproduces one counterexample: fast-check with seed, path and replayPath, without shrinking. */
export function replayCounterexample(
  cfg: Pick<CampaignConfig, 'kinds' | 'limits' | 'plantedBugs' | 'events' | 'weights'>,
  info: ReplayInfo,
): ReplayResult {
  const events = cfg.events ?? false;
  const property = scenarioProperty({
    kinds: cfg.kinds,
    limits: cfg.limits,
    plantedBugs: cfg.plantedBugs,
    weights: cfg.weights,
    events,
    replayPath: info.replayPath,
  });
  const details = fc.check(property, {
    seed: info.seed,
    path: info.path,
    endOnFailure: true,
    includeErrorInReport: true,
  });
  if (!details.failed || !details.counterexample) return { failed: false, commands: [] };
  const [scenario] = details.counterexample;
  const { commands } = parseCommands(scenario);
  const replayed = replayForFeature(scenario, cfg.plantedBugs ?? []);
  const error = details.errorInstance;
  const feature =
    replayed.failure && error instanceof PropertyFailure && replayed.failure.reason === error.reason
      ? emitFeature({
          real: replayed.real,
          failure: replayed.failure,
          replay: info,
          replayFlags: replayFlags(cfg, events),
          plantedBugs: cfg.plantedBugs ?? [],
          commands,
        })
      : undefined;
  return { failed: true, failure: describeFailure(error), commands, feature };
}

export { replayToken };
