/**
 * The catalogue of planted bugs: every kind of controller bug the engine can plant (through
 * `createCluster({ plantedBugs })`, never from a manifest), the workload kind whose invariants
 * should catch it, and the fixed campaign that shows it does. fuzz/planted.test.ts runs these
 * campaigns; `kube-scenario fuzz --catalogue` prints the table the README shows.
 */
import { DEPLOYMENT_PLANTED_BUGS } from '../engine/controllers/deployment';
import { PLANTED_BUGS as STATEFULSET_PLANTED_BUGS } from '../engine/controllers/statefulset';
import { GC_PLANTED_BUGS } from '../engine/controllers/garbagecollector';
import type { Limits, WorkloadKind } from './manifests';
import { runCampaign } from './campaign';
import type { FoundCounterexample } from './campaign';
import type { CommandWeights } from './commands';
import { runScenario } from './property';
import { PropertyFailure } from './real';

export interface PlantedBugEntry {
  id: string;
  description: string;
  kind: WorkloadKind;
  /** The campaign that catches it: seed, run budget and scenario size. */
  seed: number;
  runs: number;
  limits: Limits;
  /** Operation weights, when the bug needs a particular mix to show. */
  weights?: CommandWeights;
}

const SMALL: Limits = { maxReplicas: 6, maxCommands: 10 };

function entries(
  bugs: Record<string, string>,
  kind: WorkloadKind,
  overrides: Record<string, Partial<Omit<PlantedBugEntry, 'id' | 'description' | 'kind'>>> = {},
): PlantedBugEntry[] {
  return Object.entries(bugs).map(([id, description]) => ({
    id,
    description,
    kind,
    seed: 1,
    runs: 60,
    limits: SMALL,
    ...overrides[id],
  }));
}

/**
 * The seeds are fixed so the test is quick and its numbers are the README's; `--catalogue --seeds N`
 * also surveys seeds 1…N to show how often each campaign catches its bug. The proportional-leftover
 * bug shows only when a Deployment is scaled by a few replicas while two ReplicaSets are active and
 * the proportions leave a remainder, so its campaign draws scale and image changes more often.
 */
export const PLANTED_BUG_CATALOGUE: readonly PlantedBugEntry[] = [
  ...entries(DEPLOYMENT_PLANTED_BUGS, 'deployment', {
    'surge-rounded-down': { seed: 8 },
    'unavailable-rounded-up': { seed: 8 },
    'scale-down-before-available': { seed: 4 },
    'proportional-leftover-wrong-rs': {
      seed: 4,
      runs: 200,
      limits: { maxReplicas: 6, maxCommands: 15 },
      weights: {
        scale: 4,
        setImage: 4,
        wait: 2,
        settle: 1,
        rollback: 0,
        restart: 0,
        deletePod: 0,
        readinessFails: 0,
        readinessPasses: 0,
        pause: 0,
        resume: 0,
      },
    },
    'terminating-counted-available': { seed: 5 },
    'min-ready-ignored': { seed: 4 },
  }),
  ...entries(STATEFULSET_PLANTED_BUGS, 'statefulset', {
    'ordered-ready-not-waiting': { seed: 4 },
    'ascending-deletion': { seed: 2 },
    'claim-deleted-with-pod': { seed: 3 },
    'partition-ignored': { seed: 1 },
    'rollback-new-revision': { seed: 5 },
  }),
  ...entries(GC_PLANTED_BUGS, 'statefulset', { 'gc-orphans-pods': { seed: 7 } }),
];

export interface CatalogueRow {
  id: string;
  description: string;
  kind: WorkloadKind;
  seed: number;
  budget: number;
  caught: boolean;
  /** Runs of the campaign until the first counterexample. */
  runsToDetection?: number;
  /** Operations in the shrunk counterexample. */
  shrunkLength?: number;
  /** What caught it: an invariant id, `convergence` or `settle`. */
  caughtBy?: string;
  /** Scenarios run, shrinking included. */
  scenarios: number;
  feature?: string;
  /** Over campaign seeds 1…n (unshrunk): how many caught the bug within the budget, and the median runs. */
  survey?: { seeds: number; caught: number; medianRuns?: number };
}

/** Runs the bug's campaign with seeds 1…n (no shrinking): how often it is caught, after how many runs. */
export function surveyPlantedBug(e: PlantedBugEntry, seeds: number): NonNullable<CatalogueRow['survey']> {
  const runs: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const r = runCampaign({
      seed,
      runs: e.runs,
      kinds: [e.kind],
      limits: e.limits,
      plantedBugs: [e.id],
      weights: e.weights,
      shrink: false,
      accept: passesWithoutBugs,
    });
    if (r.failures[0]) runs.push(r.failures[0].runsToDetection);
  }
  runs.sort((a, b) => a - b);
  return { seeds, caught: runs.length, medianRuns: runs.length ? runs[(runs.length - 1) >> 1] : undefined };
}

/** Whether the counterexample's scenario passes without the bug (so the bug is what it shows). */
export function passesWithoutBugs(f: FoundCounterexample): boolean {
  try {
    runScenario(f.scenario, {});
    return true;
  } catch (err) {
    if (err instanceof PropertyFailure) return false;
    throw err;
  }
}

/**
 * Runs the fixed campaign of one planted bug. A counterexample counts only if its scenario passes
 * without the bug: a failure the engine shows anyway (one of its own bugs) is set aside.
 */
export function runPlantedBug(e: PlantedBugEntry, opts: { shrink?: boolean } = {}): CatalogueRow {
  const r = runCampaign({
    seed: e.seed,
    runs: e.runs,
    kinds: [e.kind],
    limits: e.limits,
    plantedBugs: [e.id],
    weights: e.weights,
    shrink: opts.shrink ?? true,
    accept: passesWithoutBugs,
  });
  const f = r.failures[0];
  return {
    id: e.id,
    description: e.description,
    kind: e.kind,
    seed: e.seed,
    budget: e.runs,
    caught: !!f,
    runsToDetection: f?.runsToDetection,
    shrunkLength: f?.commands.length,
    caughtBy: f ? (f.failure.invariant ?? f.failure.kind) : undefined,
    scenarios: r.scenarios,
    feature: f?.feature,
  };
}

/** The README table: bug, caught, runs to detection, shrunk length (generated from the campaigns). */
export function catalogueTable(rows: readonly CatalogueRow[]): string {
  const survey = rows.find((r) => r.survey)?.survey?.seeds;
  const lines = [
    `| planted bug | workload | caught | by | runs to detection | shrunk length | seed / budget |${survey ? ` seeds 1–${survey}: caught (median runs) |` : ''}`,
    `|---|---|---|---|---|---|---|${survey ? '---|' : ''}`,
  ];
  for (const r of rows) {
    const s = r.survey ? ` ${r.survey.caught}/${r.survey.seeds} (${r.survey.medianRuns ?? '–'}) |` : '';
    lines.push(
      `| \`${r.id}\` | ${r.kind} | ${r.caught ? 'yes' : '**no**'} | ${r.caughtBy ? `\`${r.caughtBy}\`` : '–'} | ${r.runsToDetection ?? '–'} | ${r.shrunkLength ?? '–'} | ${r.seed} / ${r.budget} |${s}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export const README_TABLE_START =
  '<!-- planted-bug-table:start (generated by `kube-scenario fuzz --catalogue --seeds 8 --update-readme`) -->';
export const README_TABLE_END = '<!-- planted-bug-table:end -->';

/** The README with the generated table between its markers (which must exist). */
export function withCatalogueTable(readme: string, table: string): string {
  const a = readme.indexOf(README_TABLE_START);
  const b = readme.indexOf(README_TABLE_END);
  if (a < 0 || b < a)
    throw new Error(`README.md has no "${README_TABLE_START}" … "${README_TABLE_END}" section`);
  return `${readme.slice(0, a + README_TABLE_START.length)}\n\n${table}\n${readme.slice(b)}`;
}
