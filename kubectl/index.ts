/**
 * kube-scenario's kubectl: `runKubectl(cluster, argv)` runs one kubectl 1.28+ command against the
 * simulated cluster and returns what the real kubectl would: exit status, stdout and stderr. Commands
 * that wait (rollout status, delete) advance the cluster's virtual clock.
 */
import type { Cluster } from '../engine';
import { Ctx, type KubectlOptions, type KubectlResult } from './context';
import { KubectlError, renderError } from './errors';
import { GLOBAL_FLAGS, parseFlags, type FlagSpec, type ParsedFlags } from './flags';
import { ShellSyntaxError, splitArgs } from './shell';
import { COMMANDS, type Command } from './cmd/registry';

export type { KubectlOptions, KubectlResult } from './context';
export { splitArgs } from './shell';
export { applyObjects } from './apply';
export type { ApplyResult } from './apply';
export { parseManifests } from './cmd/files';

/** Global flags that take a value (so the word after them is not the verb). */
const VALUE_GLOBALS = new Set(
  GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [
    `--${f.name}`,
    ...(f.short ? [`-${f.short}`] : []),
  ]),
);

function findCommand(args: string[]): {
  path: string[];
  cmd: Command | undefined;
  rest: string[];
  unknown?: string;
} {
  const rest: string[] = [];
  let table: Record<string, Command> = COMMANDS;
  const path: string[] = [];
  let cmd: Command | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (a.startsWith('-')) {
      rest.push(a);
      if (!a.includes('=') && VALUE_GLOBALS.has(a) && i + 1 < args.length) rest.push(args[++i]);
      continue;
    }
    const next = table[a];
    if (cmd && !cmd.subcommands) {
      rest.push(a);
      continue;
    }
    if (!next) {
      if (cmd) {
        // a subcommand group with an unknown subcommand
        return { path, cmd, rest: [...rest, ...args.slice(i)], unknown: a };
      }
      return { path, cmd: undefined, rest, unknown: a };
    }
    path.push(a);
    cmd = next;
    table = next.subcommands ?? {};
    if (!next.subcommands) {
      rest.push(...args.slice(i + 1));
      break;
    }
  }
  return { path, cmd, rest };
}

function levenshtein(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** The real kubectl's top-level commands, for cobra's "Did you mean this?" suggestions. */
const KUBECTL_COMMANDS = [
  'annotate',
  'api-resources',
  'api-versions',
  'apply',
  'attach',
  'auth',
  'autoscale',
  'certificate',
  'cluster-info',
  'completion',
  'config',
  'cordon',
  'cp',
  'create',
  'debug',
  'delete',
  'describe',
  'diff',
  'drain',
  'edit',
  'events',
  'exec',
  'explain',
  'expose',
  'get',
  'help',
  'kustomize',
  'label',
  'logs',
  'options',
  'patch',
  'plugin',
  'port-forward',
  'proxy',
  'replace',
  'rollout',
  'run',
  'scale',
  'set',
  'taint',
  'top',
  'uncordon',
  'version',
  'wait',
];

function unknownCommandText(name: string): string {
  const suggestions = KUBECTL_COMMANDS.filter(
    (c) => levenshtein(name.toLowerCase(), c) <= 2 || c.startsWith(name.toLowerCase()),
  );
  let text = `error: unknown command ${JSON.stringify(name)} for "kubectl"`;
  if (suggestions.length) text += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}`;
  return text;
}

/** Runs one kubectl command. argv may include the leading `kubectl`; a string is split like a shell. */
export function runKubectl(
  cluster: Cluster,
  argv: string[] | string,
  opts: KubectlOptions = {},
): KubectlResult {
  let args: string[];
  try {
    args = typeof argv === 'string' ? splitArgs(argv) : [...argv];
  } catch (e) {
    if (e instanceof ShellSyntaxError) return { exitCode: 1, stdout: '', stderr: `error: ${e.message}\n` };
    throw e;
  }
  if (args[0] === 'kubectl') args = args.slice(1);
  const { path, cmd, rest, unknown } = findCommand(args);
  if (!cmd) {
    if (unknown === undefined)
      return { exitCode: 0, stdout: 'kubectl controls the Kubernetes cluster manager.\n', stderr: '' };
    return { exitCode: 1, stdout: '', stderr: unknownCommandText(unknown) + '\n' };
  }
  const commandPath = ['kubectl', ...path].join(' ');
  let ctx: Ctx | undefined;
  try {
    if (cmd.subcommands) {
      if (unknown !== undefined)
        throw new KubectlError(
          `error: unknown command ${JSON.stringify(unknown)}\nSee '${commandPath} -h' for help and examples`,
        );
      return { exitCode: 1, stdout: cmd.help ?? '', stderr: '' };
    }
    const flags: ParsedFlags = parseFlags(rest, cmd.flags ?? ([] as FlagSpec[]), commandPath);
    ctx = new Ctx(cluster, opts, flags.string('namespace'));
    cmd.run!(ctx, flags, commandPath);
    return { exitCode: 0, stdout: ctx.stdout, stderr: ctx.stderr };
  } catch (e) {
    const text = renderError(e);
    if (!(e instanceof KubectlError) && !(e instanceof Error && e.name === 'ApiError')) {
      // an internal failure: keep the stack for whoever debugs it
      return {
        exitCode: 1,
        stdout: ctx?.stdout ?? '',
        stderr: (ctx?.stderr ?? '') + text + '\n' + ((e as Error).stack ?? '') + '\n',
      };
    }
    return {
      exitCode: (e as KubectlError).exitCode ?? 1,
      stdout: ctx?.stdout ?? '',
      stderr: (ctx?.stderr ?? '') + text + '\n',
    };
  }
}
