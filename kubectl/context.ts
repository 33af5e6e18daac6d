/**
 * What every kubectl verb gets: the cluster, the resolved namespace, output buffers, and the options
 * of this invocation (working directory for `-f`, stdin text for `-f -`).
 */
import type { Cluster, KObject, KindInfo, Stored } from '../engine';
import { kindInfo } from '../engine';

export interface KubectlOptions {
  /** Directory `-f` paths are relative to (default: process.cwd()). */
  cwd?: string;
  /** Text read by `-f -`. */
  stdin?: string;
  /** Namespace used when no -n is given (default `default`). */
  defaultNamespace?: string;
  /** Reads a file (default: fs.readFileSync); tests and the scenario runner may supply their own. */
  readFile?: (path: string) => string;
  /** Whether a path exists and whether it is a directory (default: fs). */
  stat?: (path: string) => { isDirectory: boolean } | undefined;
  /** Lists a directory's entries (default: fs.readdirSync). */
  readDir?: (path: string) => string[];
  /** Actor recorded in the store's action log for writes (default `kubectl`). */
  actor?: string;
}

export interface KubectlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export class Ctx {
  stdout = '';
  stderr = '';
  namespace: string;
  explicitNamespace: boolean;

  constructor(
    readonly cluster: Cluster,
    readonly opts: KubectlOptions,
    namespace: string | undefined,
  ) {
    this.explicitNamespace = !!namespace;
    this.namespace = namespace || opts.defaultNamespace || 'default';
  }

  get store() {
    return this.cluster.store;
  }
  get now(): number {
    return this.cluster.runtime.now;
  }
  get actor(): string {
    return this.opts.actor ?? 'kubectl';
  }

  out(text: string): void {
    this.stdout += text;
  }
  outln(text: string): void {
    this.stdout += text + '\n';
  }
  errln(text: string): void {
    this.stderr += text + '\n';
  }
}

/** `deployment.apps/web`, `pod/web-0`, `node/node-1`: how kubectl names an object in messages. */
export function objectRef(kind: string, name: string): string {
  const info = kindInfo(kind);
  return `${info.singular}${info.group ? `.${info.group}` : ''}/${name}`;
}

/** `deployment.apps`, `pod` (lower-case kind and group, as `-o name` and messages print it). */
export function kindRef(info: KindInfo): string {
  return `${info.singular}${info.group ? `.${info.group}` : ''}`;
}

export type Obj = Stored<KObject>;
