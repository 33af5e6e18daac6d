/**
 * The kube-scenario command: `run` (the behaviour specs, through cucumber-js's own API so its
 * options and formatters keep working, then the reports), `report` (the reports again from a saved
 * run), `start` (everything `npm start` does), `help`.
 *
 * More verbs: a file in cli/verbs/ that calls `registerVerb` is loaded at start-up (the fuzzer's
 * `fuzz` verb lives there). A verb with a `startStage` also runs during `kube-scenario start`, after
 * the features and before the reports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FlagSpec, RunOptions } from './args';
import {
  flagUsage,
  parseReportArgs,
  parseRunArgs,
  REPORT_FLAGS,
  RUN_FLAGS,
  START_FLAGS,
  UsageError,
} from './args';
import type { WrittenReports } from './reporting';
import { FUZZ_FILE, readFuzz, suggestionLines, summaryLines, writeReports } from './reporting';
import { runFeatures } from './run';
import { parseNdjson } from '../reports/messages';

export interface StartContext {
  /** The seed `start` runs with (default "1"). */
  seed: string;
  /** The run's output folder. */
  outDir: string;
  /** Where a fuzz stage writes its campaign results (reports/fuzz.ts `FuzzFile`). */
  resultsFile: string;
}

export interface Verb {
  name: string;
  summary: string;
  usage: string;
  examples: string[];
  /** Flags, for help. */
  flags?: FlagSpec[];
  run(args: string[]): Promise<number>;
  /**
   * A stage of `kube-scenario start`, run after the features with start's seed. The fuzz verb
   * provides one: a short fixed-seed campaign writing its results to `ctx.resultsFile`. Returns an
   * exit status like `run`.
   */
  startStage?(ctx: StartContext): Promise<number>;
}

const verbs = new Map<string, Verb>();

export function registerVerb(v: Verb): void {
  verbs.set(v.name, v);
}

export { parseRunArgs };
export type { RunOptions };
export { runFeatures };

function print(lines: string[]): void {
  if (lines.length) process.stdout.write(`\n${lines.join('\n')}\n`);
}

/** After a run: the reports, undefined-step suggestions and where the files are. */
function report(envelopes: Parameters<typeof writeReports>[0], o: RunOptions): WrittenReports {
  const written = writeReports(envelopes, o.out, {
    fuzz: o.fuzz ? readFuzz(o.fuzz) : undefined,
    wallClock: o.wallClock,
  });
  print(suggestionLines(written.report));
  print(summaryLines(written));
  return written;
}

function onInterrupt(o: RunOptions) {
  return (envelopes: Parameters<typeof writeReports>[0]) => {
    const w = writeReports(envelopes, o.out, { wallClock: o.wallClock });
    process.stderr.write(`${summaryLines(w).join('\n')}\n`);
  };
}

registerVerb({
  name: 'run',
  summary: 'run behaviour specs (.feature files) on the embedded engine, then write the reports',
  usage:
    'kube-scenario run [paths…] [--tags EXPR] [--seed S] [--parallel N] [--format NAME[:FILE]]… [--out DIR]',
  flags: RUN_FLAGS,
  examples: [
    'kube-scenario run',
    'kube-scenario run features/deployment --tags "@b:deployment.rolling.surge-bound"',
    'kube-scenario run features/replicaset/scale.feature:30 --seed 42',
    'kube-scenario run --tags "not @known-divergence" --format pretty --format junit:out/cucumber-junit.xml',
  ],
  async run(args) {
    const o = parseRunArgs(args);
    const r = await runFeatures(o, { onInterrupt: onInterrupt(o) });
    const w = report(r.envelopes, o);
    return r.success && w.report.run.success ? 0 : 1;
  },
});

registerVerb({
  name: 'report',
  summary: 'build the reports again from a saved run (its messages.ndjson)',
  usage: 'kube-scenario report [--from FILE] [--out DIR] [--fuzz FILE | --no-fuzz] [--wall-clock]',
  flags: REPORT_FLAGS,
  examples: [
    'kube-scenario report',
    'kube-scenario report --from ci-artifacts/messages.ndjson --out ci-artifacts',
    'kube-scenario report --fuzz out/fuzz.json --wall-clock',
  ],
  async run(args) {
    const o = parseReportArgs(args);
    let text: string;
    try {
      text = fs.readFileSync(o.from, 'utf8');
    } catch {
      throw new Error(`no message stream at ${o.from} (run "kube-scenario run" first, or pass --from FILE)`);
    }
    const envelopes = parseNdjson(text);
    const dir = path.dirname(o.from);
    const besideFuzz = path.join(dir, FUZZ_FILE);
    const fuzzFile = o.noFuzz ? undefined : (o.fuzz ?? (fs.existsSync(besideFuzz) ? besideFuzz : undefined));
    const w = writeReports(envelopes, o.out ?? dir, {
      fuzz: fuzzFile ? readFuzz(fuzzFile) : undefined,
      wallClock: o.wallClock,
    });
    print(summaryLines(w));
    return w.report.run.success ? 0 : 1;
  },
});

/**
 * `kube-scenario start`: the features (all, or `o.paths`), then every verb's start stage (the fuzz
 * campaign) with the same seed, then the reports. A stage that fails or throws fails the start, and
 * the reports are written all the same.
 */
export async function start(o: RunOptions): Promise<number> {
  const seed = o.seed ?? '1';
  o.seed = seed;
  process.stdout.write(`kube-scenario start: every feature on the embedded engine, seed ${seed}\n\n`);
  const r = await runFeatures(o, { onInterrupt: onInterrupt(o) });
  const resultsFile = path.join(o.out, FUZZ_FILE);
  let stagesOk = true;
  for (const v of [...verbs.values()].filter((x) => x.startStage)) {
    process.stdout.write(`\nkube-scenario start: ${v.name}\n`);
    try {
      if ((await v.startStage!({ seed, outDir: o.out, resultsFile })) !== 0) stagesOk = false;
    } catch (err) {
      stagesOk = false;
      process.stderr.write(
        `kube-scenario start: ${v.name} failed: ${err instanceof Error ? err.message : String(err)}\n`,
      );
    }
  }
  if (fs.existsSync(resultsFile)) o.fuzz = resultsFile;
  const w = report(r.envelopes, o);
  return r.success && stagesOk && w.report.run.success ? 0 : 1;
}

registerVerb({
  name: 'start',
  summary: 'what `npm start` does: every feature, a short fuzz campaign (when installed), the reports',
  usage: 'kube-scenario start [--seed S] [--parallel N] [--out DIR]',
  flags: START_FLAGS,
  examples: ['kube-scenario start', 'kube-scenario start --seed 7'],
  run: (args) => start(parseRunArgs(args, START_FLAGS, 'start')),
});

function help(verb?: string): string {
  if (verb) {
    const v = verbs.get(verb);
    if (!v) return `unknown command "${verb}"\n\n${help()}`;
    const flags = v.flags?.length
      ? `\nFlags:\n${v.flags.map((f) => `  ${flagUsage(f).padEnd(28)} ${f.help}`).join('\n')}\n  ${'-h, --help'.padEnd(28)} this help\n`
      : '';
    return `${v.summary}\n\nUsage:\n  ${v.usage}\n${flags}\nExamples:\n${v.examples.map((e) => `  ${e}`).join('\n')}\n`;
  }
  const lines = [...verbs.values()].map((v) => `  ${v.name.padEnd(8)} ${v.summary}`);
  return `kube-scenario: Kubernetes workload behaviour as executable specs, no cluster needed.\n\nUsage:\n  kube-scenario <command> [flags]\n\nCommands:\n${lines.join('\n')}\n  help     show help for a command\n\nRun "kube-scenario <command> --help" for a command's flags and examples.\n`;
}

let loaded = false;

/** Loads the verbs other parts of the project contribute (cli/verbs/*.ts), in name order. */
function loadContributedVerbs(): void {
  if (loaded) return;
  loaded = true;
  const dir = path.join(__dirname, 'verbs');
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir).sort())
    if (/\.ts$/.test(f) && !/\.test\.ts$/.test(f) && !/\.d\.ts$/.test(f)) require(path.join(dir, f));
}

export async function main(argv: string[]): Promise<number> {
  loadContributedVerbs();
  const [verb, ...rest] = argv;
  if (!verb || verb === 'help' || verb === '--help' || verb === '-h') {
    process.stdout.write(help(rest[0]));
    return 0;
  }
  const v = verbs.get(verb);
  if (!v) {
    process.stderr.write(`kube-scenario: unknown command "${verb}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(help(verb));
    return 0;
  }
  try {
    return await v.run(rest);
  } catch (err) {
    process.stderr.write(`kube-scenario ${verb}: ${err instanceof Error ? err.message : String(err)}\n`);
    if (err instanceof UsageError)
      process.stderr.write(`Run "kube-scenario ${verb} --help" for its flags and examples.\n`);
    return 2;
  }
}
