/**
 * The kube-scenario command: `run` (the behaviour specs, through cucumber-js's own API so its
 * options and formatters keep working), `start` (everything `npm start` does), `help`.
 */
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';

export interface Verb {
  name: string;
  summary: string;
  usage: string;
  examples: string[];
  run(args: string[]): Promise<number>;
}

const verbs = new Map<string, Verb>();

export function registerVerb(v: Verb): void {
  verbs.set(v.name, v);
}

export interface RunOptions {
  paths: string[];
  tags?: string;
  seed?: string;
  parallel?: number;
  formats: string[];
  name?: string[];
}

/** Parses `run` flags; unknown flags are an error naming what is allowed. */
export function parseRunArgs(args: string[]): RunOptions {
  const o: RunOptions = { paths: [], formats: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new Error(`flag needs an argument: ${flag}`);
      return v;
    };
    switch (flag) {
      case '--tags':
      case '-t':
        o.tags = value();
        break;
      case '--seed':
        o.seed = value();
        break;
      case '--parallel':
        o.parallel = Number(value());
        if (!Number.isInteger(o.parallel) || o.parallel < 0)
          throw new Error(`--parallel must be a whole number ≥ 0`);
        break;
      case '--format':
      case '-f':
        o.formats.push(value());
        break;
      case '--name':
        (o.name ??= []).push(value());
        break;
      default:
        if (a.startsWith('-'))
          throw new Error(`unknown flag: ${flag} (allowed: --tags, --seed, --parallel, --format, --name)`);
        o.paths.push(a);
    }
  }
  return o;
}

/** Runs the features with cucumber-js; returns whether every scenario passed. */
export async function runFeatures(o: RunOptions): Promise<boolean> {
  const provided: Record<string, unknown> = {};
  if (o.paths.length) provided.paths = o.paths;
  if (o.tags) provided.tags = o.tags;
  if (o.name) provided.name = o.name;
  if (o.parallel !== undefined) provided.parallel = o.parallel;
  if (o.formats.length) provided.format = o.formats;
  if (o.seed !== undefined)
    provided.worldParameters = { seed: /^\d+$/.test(o.seed) ? Number(o.seed) : o.seed };
  const { runConfiguration } = await loadConfiguration({ provided });
  const { success } = await runCucumber(runConfiguration);
  return success;
}

registerVerb({
  name: 'run',
  summary: 'run behaviour specs (.feature files) on the embedded engine',
  usage: 'kube-scenario run [paths…] [--tags EXPR] [--seed S] [--parallel N] [--format NAME[:FILE]]…',
  examples: [
    'kube-scenario run',
    'kube-scenario run features/deployment --tags "@rolling and not @slow"',
    'kube-scenario run features/replicaset/scale.feature:12 --seed 42',
    'kube-scenario run --format junit:out/junit.xml',
  ],
  async run(args) {
    return (await runFeatures(parseRunArgs(args))) ? 0 : 1;
  },
});

registerVerb({
  name: 'start',
  summary: 'what `npm start` does: every feature on the embedded engine, then the reports',
  usage: 'kube-scenario start [--seed S]',
  examples: ['kube-scenario start', 'kube-scenario start --seed 7'],
  async run(args) {
    const o = parseRunArgs(args);
    o.formats.push('progress');
    return (await runFeatures(o)) ? 0 : 1;
  },
});

function help(verb?: string): string {
  if (verb) {
    const v = verbs.get(verb);
    if (!v) return `unknown command "${verb}"\n\n${help()}`;
    return `${v.summary}\n\nUsage:\n  ${v.usage}\n\nExamples:\n${v.examples.map((e) => `  ${e}`).join('\n')}\n`;
  }
  const lines = [...verbs.values()].map((v) => `  ${v.name.padEnd(8)} ${v.summary}`);
  return `kube-scenario: Kubernetes workload behaviour as executable specs, no cluster needed.\n\nUsage:\n  kube-scenario <command> [flags]\n\nCommands:\n${lines.join('\n')}\n  help     show help for a command\n\nRun "kube-scenario <command> --help" for a command's flags and examples.\n`;
}

export async function main(argv: string[]): Promise<number> {
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
    return 2;
  }
}
