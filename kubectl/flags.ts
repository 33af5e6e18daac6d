/**
 * Command-line flags as kubectl's cobra/pflag parse them: `--name=value`, `--name value`, `-n value`,
 * `-nvalue`, `-n=value`, grouped boolean shorthands (`-wA`), `--` ends the flags, and flags may appear
 * anywhere among the positional arguments. Errors use pflag's wording:
 * `unknown flag: --replica`, `unknown shorthand flag: 'x' in -x`, `flag needs an argument: --replicas`,
 * `invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax`.
 */
import { parseGoDuration } from './duration';
import { KubectlError, usageError } from './errors';

export type FlagType = 'bool' | 'string' | 'int' | 'stringSlice' | 'stringArray' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: boolean | string | number | string[];
  /** Value used when the flag is given without `=value` (pflag's NoOptDefVal), e.g. `--cascade`. */
  noOptDefault?: string;
}

export type FlagValue = boolean | string | number | string[];

export class ParsedFlags {
  constructor(
    private readonly values: Map<string, FlagValue>,
    readonly changed: Set<string>,
    readonly args: string[],
    /** Positional arguments that followed `--`. */
    readonly argsAfterDash: number,
  ) {}

  bool(name: string): boolean {
    return this.values.get(name) as boolean;
  }
  string(name: string): string {
    return this.values.get(name) as string;
  }
  int(name: string): number {
    return this.values.get(name) as number;
  }
  /** Milliseconds. */
  duration(name: string): number {
    return this.values.get(name) as number;
  }
  strings(name: string): string[] {
    return this.values.get(name) as string[];
  }
  has(name: string): boolean {
    return this.changed.has(name);
  }
}

/** Flags every kubectl command accepts (a subset of `kubectl options`). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', default: '' },
  { name: 'context', type: 'string', default: '' },
  { name: 'cluster', type: 'string', default: '' },
  { name: 'user', type: 'string', default: '' },
  { name: 'kubeconfig', type: 'string', default: '' },
  { name: 'server', short: 's', type: 'string', default: '' },
  { name: 'request-timeout', type: 'string', default: '0' },
  { name: 'v', short: 'v', type: 'int', default: 0 },
  { name: 'as', type: 'string', default: '' },
  { name: 'insecure-skip-tls-verify', type: 'bool', default: false },
  { name: 'match-server-version', type: 'bool', default: false },
  { name: 'warnings-as-errors', type: 'bool', default: false },
];

function defaultValue(spec: FlagSpec): FlagValue {
  if (spec.default !== undefined) return Array.isArray(spec.default) ? [...spec.default] : spec.default;
  switch (spec.type) {
    case 'bool':
      return false;
    case 'int':
    case 'duration':
      return 0;
    case 'stringSlice':
    case 'stringArray':
      return [];
    default:
      return '';
  }
}

/** strconv.ParseInt(s, 0, 64) */
export function parseGoInt(s: string): number {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m || s.includes('__') || /_$/.test(s))
    throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`);
  const body = m[2].replace(/_/g, '');
  let v: number;
  if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) v = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) v = parseInt(body.slice(2), 8);
  else if (body.length > 1 && body.startsWith('0')) v = parseInt(body.slice(1), 8);
  else v = parseInt(body, 10);
  if (!Number.isSafeInteger(v))
    throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`);
  return m[1] === '-' ? -v : v;
}

/** strconv.ParseBool */
export function parseGoBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax`);
}

/** Splits a stringSlice value as pflag does (CSV: commas separate, double quotes group). */
function splitCsv(v: string): string[] {
  if (v === '') return [];
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '"') {
      if (quoted && v[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function parseFlags(argv: string[], specs: FlagSpec[], commandPath: string): ParsedFlags {
  const all = [...specs, ...GLOBAL_FLAGS.filter((g) => !specs.some((s) => s.name === g.name))];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, FlagValue>(all.map((s) => [s.name, defaultValue(s)]));
  const changed = new Set<string>();
  const args: string[] = [];
  let afterDash = 0;

  const set = (spec: FlagSpec, raw: string) => {
    const flagName = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
    try {
      let v: FlagValue;
      switch (spec.type) {
        case 'bool':
          v = parseGoBool(raw);
          break;
        case 'int':
          v = parseGoInt(raw);
          break;
        case 'duration':
          v = parseGoDuration(raw);
          break;
        case 'stringSlice': {
          const prev = changed.has(spec.name) ? (values.get(spec.name) as string[]) : [];
          v = [...prev, ...splitCsv(raw)];
          break;
        }
        case 'stringArray': {
          const prev = changed.has(spec.name) ? (values.get(spec.name) as string[]) : [];
          v = [...prev, raw];
          break;
        }
        default:
          v = raw;
      }
      values.set(spec.name, v);
      changed.add(spec.name);
    } catch (e) {
      throw usageError(
        `invalid argument ${JSON.stringify(raw)} for ${JSON.stringify(flagName)} flag: ${(e as Error).message}`,
        commandPath,
      );
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      const rest = argv.slice(i + 1);
      afterDash = rest.length;
      args.push(...rest);
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw usageError(`unknown flag: --${name}`, commandPath);
      if (eq >= 0) set(spec, a.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, 'true');
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault);
      else if (i + 1 < argv.length) set(spec, argv[++i]);
      else throw usageError(`flag needs an argument: --${name}`, commandPath);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let rest = a.slice(1);
      while (rest.length > 0) {
        const c = rest[0];
        const spec = byShort.get(c);
        if (!spec) throw usageError(`unknown shorthand flag: '${c}' in ${a}`, commandPath);
        if (rest.length > 2 && rest[1] === '=') {
          set(spec, rest.slice(2));
          rest = '';
        } else if (spec.type === 'bool') {
          set(spec, 'true');
          rest = rest.slice(1);
        } else if (spec.noOptDefault !== undefined) {
          set(spec, spec.noOptDefault);
          rest = rest.slice(1);
        } else if (rest.length > 1) {
          set(spec, rest.slice(1));
          rest = '';
        } else if (i + 1 < argv.length) {
          set(spec, argv[++i]);
          rest = '';
        } else {
          throw usageError(`flag needs an argument: '${c}' in -${c}`, commandPath);
        }
      }
      continue;
    }
    args.push(a);
  }
  return new ParsedFlags(values, changed, args, afterDash);
}

/** cobra's required-flag check: `required flag(s) "replicas" not set` (no usage hint). */
export function requireFlags(flags: ParsedFlags, names: string[]): void {
  const missing = names.filter((n) => !flags.has(n));
  if (missing.length)
    throw new KubectlError(`error: required flag(s) ${missing.map((n) => `"${n}"`).join(', ')} not set`);
}
