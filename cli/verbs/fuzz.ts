/**
 * `kube-scenario fuzz`: property fuzzing of Deployments and StatefulSets (fuzz/). Random valid
 * manifests and operation sequences; the safety invariants checked at every state change, the
 * convergence after every settle with no fault left; a counterexample shrunk and written as a
 * runnable .feature. Exit status 1 when a counterexample is found, 2 on a usage error.
 *
 * Also the `start` stage: a short fixed-seed campaign per workload kind, its results written for
 * the reports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { registerVerb } from '../main';
import type { StartContext } from '../main';
import { parseFlags, UsageError } from '../args';
import type { FlagSpec } from '../args';
import {
  parseReplayToken,
  parseWeights,
  replayCounterexample,
  replayToken,
  runCampaign,
} from '../../fuzz/campaign';
import type { CommandWeights } from '../../fuzz/commands';
import type { CampaignResult, FoundCounterexample, Progress } from '../../fuzz/campaign';
import { WORKLOAD_KINDS } from '../../fuzz/manifests';
import type { Limits, WorkloadKind } from '../../fuzz/manifests';
import { DEFAULT_LIMITS } from '../../fuzz/property';
import { campaignRecord, fuzzFile } from '../../fuzz/results';
import type { FuzzCampaign } from '../../reports/fuzz';
import {
  catalogueTable,
  PLANTED_BUG_CATALOGUE,
  runPlantedBug,
  surveyPlantedBug,
  withCatalogueTable,
} from '../../fuzz/planted';
import type { CatalogueRow } from '../../fuzz/planted';

export const FUZZ_FLAGS: FlagSpec[] = [
  {
    name: 'seed',
    kind: 'string',
    value: 'S',
    help: 'campaign seed (an integer; default: from the clock, printed)',
  },
  { name: 'runs', kind: 'int', value: 'N', help: 'runs per workload kind, over all shards (default 100)' },
  {
    name: 'time',
    kind: 'string',
    value: 'DURATION',
    help: 'run until this much wall time is spent (60s, 5m, 1h)',
  },
  { name: 'shard', kind: 'string', value: 'I/N', help: 'run only the runs whose index ≡ I mod N (I from 0)' },
  { name: 'kinds', kind: 'string', value: 'LIST', help: 'deployment,statefulset (default both)' },
  { name: 'plant', kind: 'list', value: 'BUG', help: 'plant a controller bug (repeatable; see --catalogue)' },
  {
    name: 'replay',
    kind: 'string',
    value: 'TOKEN|FILE',
    help: 'reproduce SEED:PATH:REPLAYPATH or a .replay.json',
  },
  {
    name: 'out',
    kind: 'string',
    value: 'DIR',
    help: 'where counterexamples and results go (default out/fuzz)',
  },
  { name: 'max-replicas', kind: 'int', value: 'N', help: 'replicas at most (default 20)' },
  { name: 'max-ops', kind: 'int', value: 'N', help: 'operations per scenario at most (default 15)' },
  {
    name: 'weights',
    kind: 'string',
    value: 'NAME=N,…',
    help: 'how often each operation is drawn (scale=4,wait=2)',
  },
  { name: 'keep-going', kind: 'bool', help: 'do not stop at the first counterexample' },
  { name: 'no-shrink', kind: 'bool', help: 'report counterexamples as found, unshrunk' },
  { name: 'events', kind: 'bool', help: 'record Event objects while searching (as features do; slower)' },
  { name: 'catalogue', kind: 'bool', help: 'run every planted bug’s fixed campaign and print the table' },
  {
    name: 'seeds',
    kind: 'int',
    value: 'N',
    help: 'with --catalogue: also survey seeds 1…N of each campaign',
  },
  { name: 'update-readme', kind: 'bool', help: 'with --catalogue: write the table into README.md' },
];

/** `60s`, `5m`, `1h30m`, `500ms` → milliseconds. */
export function parseDuration(s: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index !== consumed) break;
    consumed += m[0].length;
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  }
  if (!s || consumed !== s.length)
    throw new UsageError(`--time wants a duration like 60s, 5m or 1h30m, not "${s}"`);
  return total;
}

export function parseShard(s: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2]))
    throw new UsageError(`--shard wants I/N with 0 ≤ I < N (e.g. 0/4), not "${s}"`);
  return { index: Number(m[1]), count: Number(m[2]) };
}

export function parseKinds(s: string): WorkloadKind[] {
  const kinds = s.split(',').map((k) => k.trim().toLowerCase());
  for (const k of kinds)
    if (!WORKLOAD_KINDS.includes(k as WorkloadKind))
      throw new UsageError(`--kinds takes ${WORKLOAD_KINDS.join(', ')}, not "${k}"`);
  return [...new Set(kinds)] as WorkloadKind[];
}

function knownBug(id: string): string {
  if (!PLANTED_BUG_CATALOGUE.some((e) => e.id === id))
    throw new UsageError(
      `unknown planted bug "${id}"; known: ${PLANTED_BUG_CATALOGUE.map((e) => e.id).join(', ')}`,
    );
  return id;
}

interface Output {
  write(s: string): void;
  isTTY: boolean;
}

/** A progress bar on a terminal, a plain line every tenth of the work (or ten runs) otherwise. */
export function progressPrinter(out: Output, label: string): (p: Progress) => void {
  let lastLine = 0;
  return (p) => {
    const rate = p.elapsedMs > 0 ? (p.scenarios / p.elapsedMs) * 1000 : 0;
    const tail = `${p.done}${p.total !== undefined ? `/${p.total}` : ''} runs · ${rate.toFixed(1)} scenarios/s · ${p.failures} counterexample${p.failures === 1 ? '' : 's'}`;
    if (out.isTTY) {
      const width = 24;
      const filled = p.total ? Math.round((p.done / p.total) * width) : p.done % (width + 1);
      out.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${tail}   `);
      return;
    }
    const step = p.total ? Math.max(1, Math.ceil(p.total / 10)) : 10;
    if (p.done - lastLine >= step || p.done === p.total || p.failures) {
      lastLine = p.done;
      out.write(`${label}: ${tail}\n`);
    }
  };
}

/** A file name for a counterexample: `deployment-rollout-bounds-1234.feature`. */
function featureName(kind: WorkloadKind, f: FoundCounterexample): string {
  const what = (f.failure.invariant ?? f.failure.kind)
    .replace(/^(deployment|statefulset)\./, '')
    .replace(/\./g, '-');
  return `${kind}-${what}-${(f.replay.seed >>> 0).toString(16)}`;
}

interface KindOutcome {
  kind: WorkloadKind;
  result: CampaignResult;
  numRuns: number;
  files: (string | undefined)[];
}

function writeCounterexamples(
  dir: string,
  kind: WorkloadKind,
  result: CampaignResult,
  replayConfig: { limits: Limits; plantedBugs: string[]; weights?: CommandWeights },
): (string | undefined)[] {
  return result.failures.map((f) => {
    fs.mkdirSync(dir, { recursive: true });
    const base = featureName(kind, f);
    fs.writeFileSync(
      path.join(dir, `${base}.replay.json`),
      `${JSON.stringify(
        {
          token: replayToken(f.replay),
          ...f.replay,
          kinds: [kind],
          limits: replayConfig.limits,
          plant: replayConfig.plantedBugs,
          weights: replayConfig.weights,
          events: f.events,
        },
        null,
        2,
      )}\n`,
    );
    if (!f.feature) return undefined;
    const file = path.join(dir, `${base}.feature`);
    fs.writeFileSync(file, f.feature);
    return path.relative(process.cwd(), file).split(path.sep).join('/');
  });
}

function summary(outcomes: KindOutcome[], seed: number, out: Output, resultsFile: string): void {
  const lines: string[] = [''];
  for (const o of outcomes) {
    const r = o.result;
    const secs = r.wallMs / 1000;
    lines.push(
      `${o.kind}: ${r.runs} runs (seed ${seed}${r.shard.count > 1 ? `, shard ${r.shard.index}/${r.shard.count}` : ''}), ${r.scenarios} scenarios, ${r.stateChanges} state changes in ${secs.toFixed(1)}s` +
        (secs > 0
          ? ` (${(r.scenarios / secs).toFixed(1)} scenarios/s, ${Math.round(r.stateChanges / secs)} changes/s)`
          : ''),
    );
    r.failures.forEach((f, i) => {
      lines.push(
        `  counterexample after ${f.runsToDetection} runs, shrunk to ${f.commands.length} operations:`,
      );
      lines.push(`    ${f.failure.message}`);
      lines.push(`    operations: ${f.commands.join(', ') || '(none)'}`);
      lines.push(`    replay: kube-scenario fuzz --replay ${replayToken(f.replay)}`);
      lines.push(
        o.files[i]
          ? `    feature: ${o.files[i]}`
          : '    (no replay with Event objects reproduced it; no feature written)',
      );
    });
  }
  const failed = outcomes.some((o) => o.result.failures.length);
  lines.push('', `${failed ? 'counterexamples found' : 'no counterexample'}; results in ${resultsFile}`);
  out.write(`${lines.join('\n')}\n`);
}

export interface FuzzRun {
  seed: number;
  runs?: number;
  timeMs?: number;
  shard?: { index: number; count: number };
  kinds: WorkloadKind[];
  plantedBugs: string[];
  limits: Limits;
  weights?: CommandWeights;
  outDir: string;
  resultsFile: string;
  keepGoing: boolean;
  shrink: boolean;
  events: boolean;
}

/** Runs one campaign per kind, writes counterexamples and the results file; returns them. */
export function fuzz(o: FuzzRun, out: Output, clock: () => number = Date.now): KindOutcome[] {
  const outcomes: KindOutcome[] = [];
  const timeEach = o.timeMs === undefined ? undefined : o.timeMs / o.kinds.length;
  for (const kind of o.kinds) {
    const onRun = progressPrinter(out, `fuzz ${kind}`);
    const result = runCampaign({
      seed: o.seed,
      runs: o.runs,
      timeMs: timeEach,
      shard: o.shard,
      kinds: [kind],
      limits: o.limits,
      weights: o.weights,
      plantedBugs: o.plantedBugs,
      keepGoing: o.keepGoing,
      shrink: o.shrink,
      events: o.events,
      clock,
      onRun,
    });
    if (out.isTTY) out.write('\n');
    const files = writeCounterexamples(o.outDir, kind, result, {
      limits: o.limits,
      plantedBugs: o.plantedBugs,
      weights: o.weights,
    });
    const shard = o.shard ?? { index: 0, count: 1 };
    const numRuns = o.runs === undefined ? result.runs : Math.ceil((o.runs - shard.index) / shard.count);
    outcomes.push({ kind, result, numRuns, files });
  }
  const campaigns: FuzzCampaign[] = outcomes.map((x) => campaignRecord(x.kind, x.result, x.numRuns, x.files));
  fs.mkdirSync(path.dirname(o.resultsFile), { recursive: true });
  fs.writeFileSync(o.resultsFile, `${JSON.stringify(fuzzFile(campaigns), null, 2)}\n`);
  return outcomes;
}

interface ReplayFile {
  seed: number;
  path: string;
  replayPath: string;
  kinds?: WorkloadKind[];
  limits?: Limits;
  plant?: string[];
  weights?: CommandWeights;
  events?: boolean;
}

function readReplay(arg: string): ReplayFile | undefined {
  if (!arg.endsWith('.json') || !fs.existsSync(arg)) return undefined;
  return JSON.parse(fs.readFileSync(arg, 'utf8')) as ReplayFile;
}

async function runFuzzVerb(
  args: string[],
  out: Output = process.stdout,
  err: Output = process.stderr,
): Promise<number> {
  const { flags, positional } = parseFlags(args, FUZZ_FLAGS, 'fuzz', false);
  void positional;
  if (flags.runs !== undefined && flags.time !== undefined)
    throw new UsageError('--runs and --time exclude each other');
  const limits: Limits = {
    maxReplicas: (flags['max-replicas'] as number | undefined) ?? DEFAULT_LIMITS.maxReplicas,
    maxCommands: (flags['max-ops'] as number | undefined) ?? DEFAULT_LIMITS.maxCommands,
  };
  const plantedBugs = ((flags.plant as string[] | undefined) ?? []).map(knownBug);
  const kinds = flags.kinds ? parseKinds(flags.kinds as string) : [...WORKLOAD_KINDS];
  const outDir = (flags.out as string | undefined) ?? path.join('out', 'fuzz');
  let weights: CommandWeights | undefined;
  try {
    weights = flags.weights ? parseWeights(flags.weights as string) : undefined;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }

  if (flags.catalogue) {
    const rows: CatalogueRow[] = [];
    for (const e of PLANTED_BUG_CATALOGUE) {
      if (plantedBugs.length && !plantedBugs.includes(e.id)) continue;
      out.write(`planted bug ${e.id} (${e.kind}, seed ${e.seed}, ${e.runs} runs)… `);
      const row = runPlantedBug(e);
      if (flags.seeds) row.survey = surveyPlantedBug(e, flags.seeds as number);
      rows.push(row);
      out.write(
        row.caught
          ? `caught after ${row.runsToDetection} runs, shrunk to ${row.shrunkLength}\n`
          : 'NOT caught\n',
      );
      if (row.feature) {
        fs.mkdirSync(outDir, { recursive: true });
        fs.writeFileSync(path.join(outDir, `planted-${e.id}.feature`), row.feature);
      }
    }
    const table = catalogueTable(rows);
    out.write(`\n${table}`);
    if (flags['update-readme']) {
      fs.writeFileSync('README.md', withCatalogueTable(fs.readFileSync('README.md', 'utf8'), table));
      out.write('README.md updated\n');
    }
    return rows.every((r) => r.caught) ? 0 : 1;
  }

  if (flags.replay !== undefined) {
    const arg = flags.replay as string;
    const file = readReplay(arg);
    const info = file ?? parseReplayToken(arg);
    const cfg = {
      kinds: file?.kinds ?? kinds,
      limits: file?.limits ?? limits,
      plantedBugs: file?.plant ?? plantedBugs,
      weights: file?.weights ?? weights,
      events: file?.events ?? !!flags.events,
    };
    const r = replayCounterexample(cfg, info);
    if (!r.failed) {
      out.write(
        `no failure: seed ${info.seed}, path ${info.path} passes (same --kinds, --max-replicas, --max-ops and --plant as the campaign?)\n`,
      );
      return 0;
    }
    out.write(`reproduced: ${r.failure?.message}\noperations: ${r.commands.join(', ') || '(none)'}\n`);
    if (r.feature) out.write(`\n${r.feature}`);
    return 1;
  }

  const seed = flags.seed !== undefined ? Number(flags.seed) : (Date.now() ^ (process.hrtime()[1] << 8)) | 0; // the campaign's seed, printed to replay it
  if (!Number.isInteger(seed)) throw new UsageError(`--seed wants an integer, not "${String(flags.seed)}"`);
  const shard = flags.shard ? parseShard(flags.shard as string) : undefined;
  const timeMs = flags.time !== undefined ? parseDuration(flags.time as string) : undefined;
  const runs = timeMs === undefined ? ((flags.runs as number | undefined) ?? 100) : undefined;
  const resultsFile = path.join(
    outDir,
    shard ? `results-${shard.index}-of-${shard.count}.json` : 'results.json',
  );
  err.write(
    `kube-scenario fuzz: seed ${seed}, ${runs !== undefined ? `${runs} runs` : `${flags.time}`} per kind (${kinds.join(', ')}), up to ${limits.maxReplicas} replicas and ${limits.maxCommands} operations${plantedBugs.length ? `, planted: ${plantedBugs.join(', ')}` : ''}\n`,
  );
  const outcomes = fuzz(
    {
      seed,
      runs,
      timeMs,
      shard,
      kinds,
      plantedBugs,
      limits,
      weights,
      outDir,
      resultsFile,
      keepGoing: !!flags['keep-going'],
      shrink: !flags['no-shrink'],
      events: !!flags.events,
    },
    out,
  );
  summary(outcomes, seed, out, resultsFile);
  return outcomes.some((o) => o.result.failures.length) ? 1 : 0;
}

/** `kube-scenario start`'s fuzz stage: 10 runs per kind with start's seed. */
export const START_RUNS = 10;

async function startStage(ctx: StartContext): Promise<number> {
  const seed = /^-?\d+$/.test(ctx.seed) ? Number(ctx.seed) : 1;
  const outcomes = fuzz(
    {
      seed,
      runs: START_RUNS,
      kinds: [...WORKLOAD_KINDS],
      plantedBugs: [],
      limits: { maxReplicas: 10, maxCommands: 10 },
      outDir: path.join(ctx.outDir, 'fuzz'),
      resultsFile: ctx.resultsFile,
      keepGoing: false,
      shrink: true,
      events: false,
    },
    { write: (s) => process.stdout.write(s), isTTY: false },
  );
  summary(outcomes, seed, { write: (s) => process.stdout.write(s), isTTY: false }, ctx.resultsFile);
  return outcomes.some((o) => o.result.failures.length) ? 1 : 0;
}

registerVerb({
  name: 'fuzz',
  summary: 'fuzz Deployments and StatefulSets: invariants at every state change, counterexamples as features',
  usage:
    'kube-scenario fuzz [--seed S] [--runs N | --time 60s] [--shard I/N] [--kinds deployment,statefulset] [--plant BUG]… [--replay TOKEN|FILE] [--out DIR] [--catalogue [--update-readme]]',
  flags: FUZZ_FLAGS,
  examples: [
    'kube-scenario fuzz --seed 42 --runs 200',
    'kube-scenario fuzz --time 10m --kinds statefulset',
    'kube-scenario fuzz --seed 42 --runs 1000 --shard 2/8   # one of 8 CI jobs; together they run the 1000',
    'kube-scenario fuzz --plant surge-rounded-down --kinds deployment --max-replicas 6 --seed 1',
    'kube-scenario fuzz --replay out/fuzz/deployment-rollout-bounds-1a2b3c.replay.json',
    'kube-scenario fuzz --replay 123456:0:3:1:BAAC:b --kinds deployment --max-replicas 20 --max-ops 15',
    'kube-scenario fuzz --catalogue --seeds 8 --update-readme',
  ],
  run: (args) => runFuzzVerb(args),
  startStage,
});

export { runFuzzVerb };
