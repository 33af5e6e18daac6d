/**
 * Flag parsing for the kube-scenario verbs: `--flag value`, `--flag=value`, short aliases, repeatable
 * flags, positional arguments. A bad flag is an error that names the flags the verb allows.
 */

export interface FlagSpec {
  name: string;
  alias?: string;
  /** `string`: one value; `list`: repeatable; `int`: a whole number ≥ 0; `bool`: no value. */
  kind: 'string' | 'list' | 'int' | 'bool';
  /** The value's placeholder in help, e.g. `EXPR`. */
  value?: string;
  help: string;
}

export interface Parsed {
  flags: Record<string, string | string[] | number | boolean | undefined>;
  positional: string[];
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function flagUsage(f: FlagSpec): string {
  const names = f.alias ? `${f.alias}, --${f.name}` : `--${f.name}`;
  return f.kind === 'bool' ? names : `${names} ${f.value ?? 'VALUE'}`;
}

function allowed(specs: readonly FlagSpec[]): string {
  return specs.map((f) => flagUsage(f)).join(', ');
}

/** Parses `args` against `specs`; `verb` names the command in errors. */
export function parseFlags(
  args: readonly string[],
  specs: readonly FlagSpec[],
  verb: string,
  positional = true,
): Parsed {
  const out: Parsed = { flags: {}, positional: [] };
  const byName = new Map<string, FlagSpec>();
  for (const f of specs) {
    byName.set(`--${f.name}`, f);
    if (f.alias) byName.set(f.alias, f);
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      if (!positional)
        throw new UsageError(
          `"${verb}" takes no arguments, only flags (got "${a}"); allowed: ${allowed(specs)}`,
        );
      out.positional.push(a);
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const spec = byName.get(flag);
    if (!spec) {
      const near = specs.find((f) => `--${f.name}`.startsWith(flag) || flag.startsWith(`--${f.name}`));
      throw new UsageError(
        `unknown flag ${flag} for "${verb}"${near ? ` (did you mean ${flagUsage(near)}?)` : ''}; allowed: ${allowed(specs)}`,
      );
    }
    if (spec.kind === 'bool') {
      if (inline !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      out.flags[spec.name] = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--')))
      throw new UsageError(`${flag} needs a value: ${flagUsage(spec)}`);
    if (spec.kind === 'int') {
      if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number ≥ 0, not "${value}"`);
      out.flags[spec.name] = Number(value);
    } else if (spec.kind === 'list') {
      const prev = out.flags[spec.name];
      out.flags[spec.name] = [...(Array.isArray(prev) ? prev : []), value];
    } else {
      if (out.flags[spec.name] !== undefined) throw new UsageError(`${flag} is given twice`);
      if (value === '') throw new UsageError(`${flag} needs a non-empty value`);
      out.flags[spec.name] = value;
    }
  }
  return out;
}

// ---- the verbs' flags ----

/** cucumber's built-in formatters (docs/formatters.md, cucumber-js 12). */
export const CUCUMBER_FORMATS = [
  'progress',
  'progress-bar',
  'pretty',
  'summary',
  'snippets',
  'html',
  'message',
  'json',
  'junit',
  'usage',
  'usage-json',
  'rerun',
];

const SEED: FlagSpec = {
  name: 'seed',
  kind: 'string',
  value: 'S',
  help: 'the PRNG seed of every cluster (default 1)',
};
const OUT: FlagSpec = {
  name: 'out',
  kind: 'string',
  value: 'DIR',
  help: 'where messages and reports go (default out)',
};
const PARALLEL: FlagSpec = {
  name: 'parallel',
  kind: 'int',
  value: 'N',
  help: 'run scenarios in N worker processes (default 0: in this process)',
};
const WALL_CLOCK: FlagSpec = {
  name: 'wall-clock',
  kind: 'bool',
  help: 'add real times and machine facts to the reports (they then differ from run to run)',
};
const FUZZ: FlagSpec = {
  name: 'fuzz',
  kind: 'string',
  value: 'FILE',
  help: 'fuzz campaign results to include (the JSON `kube-scenario fuzz` writes)',
};

export const RUN_FLAGS: FlagSpec[] = [
  {
    name: 'tags',
    alias: '-t',
    kind: 'list',
    value: 'EXPR',
    help: 'only scenarios whose tags match (repeats are ANDed)',
  },
  { name: 'name', kind: 'list', value: 'REGEX', help: 'only scenarios whose name matches' },
  SEED,
  PARALLEL,
  {
    name: 'format',
    alias: '-f',
    kind: 'list',
    value: 'NAME[:FILE]',
    help: `a cucumber formatter (${CUCUMBER_FORMATS.join(', ')}, or a module path), to stdout or FILE`,
  },
  OUT,
  FUZZ,
  WALL_CLOCK,
];

export const START_FLAGS: FlagSpec[] = [SEED, PARALLEL, OUT, WALL_CLOCK];

export const REPORT_FLAGS: FlagSpec[] = [
  {
    name: 'from',
    kind: 'string',
    value: 'FILE',
    help: 'the message stream of a saved run (default out/messages.ndjson)',
  },
  { name: 'out', kind: 'string', value: 'DIR', help: "where the reports go (default: the stream's folder)" },
  { ...FUZZ, help: 'fuzz campaign results to include (default: fuzz.json beside the stream, if there)' },
  { name: 'no-fuzz', kind: 'bool', help: 'leave fuzz results out' },
  WALL_CLOCK,
];

export interface RunOptions {
  paths: string[];
  tags?: string;
  seed?: string;
  parallel?: number;
  formats: string[];
  name?: string[];
  out: string;
  fuzz?: string;
  wallClock: boolean;
}

function checkFormat(f: string): void {
  const name = /^[a-z-]+(?=:|$)/.test(f) ? f.split(':')[0] : undefined;
  if (name !== undefined) {
    if (!CUCUMBER_FORMATS.includes(name))
      throw new UsageError(
        `unknown format "${name}"; allowed: ${CUCUMBER_FORMATS.join(', ')}, or the path of a formatter module (./my_formatter.js)`,
      );
    return;
  }
  if (!/^(\.{0,2}\/|[A-Za-z]:\\|@)|\.(c|m)?js(:|$)/.test(f))
    throw new UsageError(
      `"${f}" is neither a cucumber format (${CUCUMBER_FORMATS.join(', ')}) nor a formatter module path`,
    );
}

/** `run` (and `start`) flags → options. */
export function parseRunArgs(
  args: readonly string[],
  specs: readonly FlagSpec[] = RUN_FLAGS,
  verb = 'run',
): RunOptions {
  const p = parseFlags(args, specs, verb, specs === RUN_FLAGS);
  const f = p.flags;
  const formats = (f.format as string[] | undefined) ?? [];
  formats.forEach(checkFormat);
  const tags = f.tags as string[] | undefined;
  const o: RunOptions = {
    paths: p.positional,
    formats,
    out: (f.out as string | undefined) ?? 'out',
    wallClock: f['wall-clock'] === true,
  };
  if (tags?.length) o.tags = tags.length === 1 ? tags[0] : tags.map((t) => `(${t})`).join(' and ');
  if (f.name) o.name = f.name as string[];
  if (f.seed !== undefined) o.seed = f.seed as string;
  if (f.parallel !== undefined) o.parallel = f.parallel as number;
  if (f.fuzz !== undefined) o.fuzz = f.fuzz as string;
  return o;
}

export interface ReportOptions {
  from: string;
  out?: string;
  fuzz?: string;
  noFuzz: boolean;
  wallClock: boolean;
}

export function parseReportArgs(args: readonly string[]): ReportOptions {
  const p = parseFlags(args, REPORT_FLAGS, 'report', false);
  const f = p.flags;
  if (f.fuzz !== undefined && f['no-fuzz']) throw new UsageError('--fuzz and --no-fuzz exclude each other');
  const o: ReportOptions = {
    from: (f.from as string | undefined) ?? 'out/messages.ndjson',
    noFuzz: f['no-fuzz'] === true,
    wallClock: f['wall-clock'] === true,
  };
  if (f.out !== undefined) o.out = f.out as string;
  if (f.fuzz !== undefined) o.fuzz = f.fuzz as string;
  return o;
}

/** The world parameter for a seed: a number when it is one. */
export function seedValue(seed: string): number | string {
  return /^\d+$/.test(seed) && Number.isSafeInteger(Number(seed)) ? Number(seed) : seed;
}
