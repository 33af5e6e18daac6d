/**
 * The World of a scenario: one simulated cluster, the result of the last command, and the timeline
 * window the Then steps look at.
 *
 * Phases (steps.md). Cucumber tells each step's kind (Given = Context, When = Action, Then =
 * Outcome; And/But continue the kind before them). The world uses it for two rules:
 *  - Given steps establish a steady state: the first When or Then after Given steps settles the
 *    cluster first. That settling belongs to no window.
 *  - The window of a Then step is the block of When steps just before it: it opens when the first
 *    When of the block starts (the store's resourceVersion and the clock are noted then) and closes
 *    when the Then runs. A Then with no When block before it looks at an empty window.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import { setWorldConstructor, World } from '@cucumber/cucumber';
import type { IWorldOptions } from '@cucumber/cucumber';
import {
  createCluster,
  Cluster,
  DEFAULT_FEATURE_GATES,
  DEFAULT_SEED,
  formatMs,
  kindInfo,
  NotSettledError,
  controllerUid,
} from '../engine';
import type { KObject, Pod, Stored } from '../engine';
import type { Window } from '../engine/trace/trace';
import { applyErrorMessage, loadManifests } from '../engine/manifest';
import { applyObjects } from '../kubectl';
import type { ManifestDoc } from '../engine/manifest';
import { fail, ScenarioFailure } from './support/failure';

export interface SimParameters {
  /** The PRNG seed of every cluster (default 1). */
  seed?: number | string;
}

export type StepType = 'Context' | 'Action' | 'Outcome';

/** Where the running step is: its feature file, its line, and the line of its doc string's opening `"""`. */
export interface StepLocation {
  uri: string;
  line: number;
  docStringLine?: number;
  text: string;
}

/** What the last command (or apply) left: like a shell's exit status, stdout and stderr. */
export interface CommandResult {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export class SimWorld extends World<SimParameters> {
  private clusterInstance?: Cluster;
  private nodeCount = 3;
  private readonly gates: Record<string, boolean> = {};

  /** The step being run (set by the BeforeStep hook). */
  step?: StepLocation;
  private lastType?: StepType;
  /** A Given ran since the cluster last settled: the next When or Then settles first. */
  private steadyStatePending = false;
  /** Where the current (or last) block of When steps began. */
  private blockStart?: { seq: number; time: number };
  /** The window the Then steps of the current Then block look at. */
  private thenWindow?: Window;

  last?: CommandResult;
  /** Manifest warnings (YAML 1.1 ambiguities) met so far. */
  readonly warnings: string[] = [];

  constructor(options: IWorldOptions<SimParameters>) {
    super(options);
  }

  get seed(): number | string {
    return this.parameters.seed ?? DEFAULT_SEED;
  }

  /** The scenario's cluster, created on first use with the seed, node count and gates set so far. */
  get cluster(): Cluster {
    if (!this.clusterInstance) {
      this.clusterInstance = createCluster({
        seed: this.seed,
        nodes: this.nodeCount,
        featureGates: { ...this.gates },
      });
    }
    return this.clusterInstance;
  }

  get hasCluster(): boolean {
    return this.clusterInstance !== undefined;
  }

  setNodeCount(n: number): void {
    this.nodeCount = n;
    if (this.clusterInstance) this.clusterInstance.setNodes(n);
  }

  setFeatureGate(name: string, enabled: boolean): void {
    if (!(name in DEFAULT_FEATURE_GATES))
      fail(
        `the engine does not model the feature gate "${name}"; it models ${Object.keys(DEFAULT_FEATURE_GATES)
          .map((g) => `"${g}"`)
          .join(', ')}`,
      );
    this.gates[name] = enabled;
    if (this.clusterInstance) this.clusterInstance.options.featureGates[name] = enabled;
  }

  // ---- phases and windows ----

  /** The kind of the running step. */
  get currentType(): StepType | undefined {
    return this.lastType;
  }

  /** Called before every step with cucumber's step type; applies the steady-state and window rules. */
  beginStep(type: StepType, location: StepLocation): void {
    this.step = location;
    const previous = this.lastType;
    this.lastType = type;
    if (type === 'Context') {
      this.steadyStatePending = true;
      return;
    }
    if (this.steadyStatePending) {
      this.steadyStatePending = false;
      this.settle('Given steps establish a steady state, but');
    }
    if (type === 'Action') {
      if (previous !== 'Action') this.blockStart = this.mark();
      return;
    }
    // Outcome
    if (previous === 'Action' && this.blockStart) {
      this.thenWindow = this.windowFrom(this.blockStart);
    } else if (previous !== 'Outcome' || !this.thenWindow) {
      const now = this.mark();
      this.thenWindow = { fromSeq: now.seq, fromTime: now.time, toSeq: now.seq, toTime: now.time };
    }
  }

  private mark(): { seq: number; time: number } {
    return { seq: this.cluster.store.resourceVersion, time: this.cluster.now };
  }

  private windowFrom(start: { seq: number; time: number }): Window {
    const now = this.mark();
    return { fromSeq: start.seq, fromTime: start.time, toSeq: now.seq, toTime: now.time };
  }

  /** The window of the running Then step (steps.md, The timeline). */
  get window(): Window {
    if (this.thenWindow) return this.thenWindow;
    const now = this.mark();
    return { fromSeq: now.seq, fromTime: now.time, toSeq: now.seq, toTime: now.time };
  }

  /** A human description of the window: `the window 10s–1m30s`. */
  describeWindow(w: Window = this.window): string {
    return `the window from ${formatMs(w.fromTime)} to ${formatMs(w.toTime)} of virtual time`;
  }

  // ---- time ----

  /** Settles the cluster, failing the step with what still changes if it does not settle within an hour. */
  settle(prefix = ''): void {
    try {
      this.cluster.settle();
    } catch (err) {
      if (err instanceof NotSettledError) fail(prefix ? `${prefix} ${err.message}` : err.message);
      throw err;
    }
  }

  advance(ms: number): void {
    try {
      this.cluster.advance(ms);
    } catch (err) {
      if (err instanceof NotSettledError) fail(err.message);
      throw err;
    }
  }

  // ---- manifests ----

  /** The doc string's position, for mapping YAML lines to the feature file. */
  private docStringSource(): { source: string; lineOffset: number } {
    const s = this.step;
    return { source: s?.uri ?? '<doc string>', lineOffset: s?.docStringLine ?? 0 };
  }

  /**
   * Applies a manifest file named relative to the running feature file. A file that does not exist
   * is a failed command like any other rejection.
   */
  applyManifestFile(file: string, tolerant: boolean): CommandResult {
    const featureDir = this.step ? path.dirname(this.step.uri) : '.';
    const full = path.resolve(featureDir, file);
    const source = path.relative(process.cwd(), full).split(path.sep).join('/');
    if (!fs.existsSync(full)) {
      const where = this.step ? `${this.step.uri}:${this.step.line}: ` : '';
      const message = `${where}the manifest file "${file}" does not exist (looked for ${source})`;
      this.last = { command: `kubectl apply -f ${source}`, exitCode: 1, stdout: '', stderr: `${message}\n` };
      if (!tolerant) fail(message);
      return this.last;
    }
    return this.applyManifest(fs.readFileSync(full, 'utf8'), { source, lineOffset: 0 }, tolerant);
  }

  /**
   * Applies a manifest like `kubectl apply -f`. Every document is tried (as kubectl does); the
   * result holds `<object> created|configured|unchanged` lines and the errors, each with its file
   * and line. With `tolerant` a rejection is kept for `Then the command fails with`; otherwise it
   * fails the step.
   */
  applyManifest(
    text: string,
    origin: { source: string; lineOffset: number } | 'docstring',
    tolerant: boolean,
  ): CommandResult {
    const { source, lineOffset } = origin === 'docstring' ? this.docStringSource() : origin;
    const result: CommandResult = {
      command: `kubectl apply -f ${source}`,
      exitCode: 0,
      stdout: '',
      stderr: '',
    };
    const errors: string[] = [];
    const loaded = loadManifests(text, { source, lineOffset, keepGoing: true });
    const docs: ManifestDoc[] = loaded.docs;
    for (const w of loaded.warnings) {
      const line = `${w.source}:${w.line}: ${w.message}`;
      this.warnings.push(line);
      result.stderr += `${line}\n`;
      this.log(line);
      process.stderr.write(`\n${line}\n`);
    }
    if (loaded.error) errors.push(loaded.error.message);
    for (const doc of docs) {
      // kubectl's client-side apply (three-way strategic merge), one document at a time so that a
      // rejection can be pinned to its document's lines.
      const [r] = applyObjects(this.cluster, [doc.object], { source: doc.source });
      if (r.warning) result.stderr += `${r.warning}\n`;
      if (r.line) result.stdout += `${r.line}\n`;
      if (r.apiError) errors.push(applyErrorMessage(r.apiError, doc));
      else if (r.error) errors.push(`${doc.source}:${doc.line}: ${r.error}`);
    }
    if (errors.length) {
      result.exitCode = 1;
      result.stderr += `${errors.join('\n')}\n`;
    }
    this.last = result;
    if (errors.length && !tolerant) fail(errors.join('\n'));
    return result;
  }

  // ---- objects ----

  /** `web` → default/web; `team-a/web` → team-a/web. */
  ref(name: string): { namespace: string; name: string } {
    const i = name.indexOf('/');
    return i < 0 ? { namespace: 'default', name } : { namespace: name.slice(0, i), name: name.slice(i + 1) };
  }

  get<T extends KObject>(kind: string, name: string): Stored<T> | undefined {
    const r = this.ref(name);
    return this.cluster.store.get<T>(kind, r.namespace, r.name);
  }

  /** The object, or a failure naming what is missing. */
  mustGet<T extends KObject>(kind: string, name: string): Stored<T> {
    const obj = this.get<T>(kind, name);
    if (!obj) fail(`${kindInfo(kind).singular} "${name}" does not exist`);
    return obj;
  }

  /**
   * The pods an object owns through controller references: a deployment's through its ReplicaSets;
   * for kind Pod, the pod itself. Sorted by name.
   */
  podsOf(kind: string, name: string): Stored<Pod>[] {
    const store = this.cluster.store;
    const obj = this.mustGet(kind, name);
    if (kind === 'Pod') return [obj as Stored<Pod>];
    const owners =
      kind === 'Deployment'
        ? store.listControlledBy('ReplicaSet', obj.metadata.uid).map((rs) => rs.metadata.uid)
        : [obj.metadata.uid];
    const pods: Stored<Pod>[] = [];
    for (const uid of owners) pods.push(...store.listControlledBy<Pod>('Pod', uid));
    return pods
      .filter((p) => p.metadata.namespace === obj.metadata.namespace)
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  }

  /** The name of an object's controller, as `replicaset/web`, or undefined. */
  controllerOf(obj: KObject): string | undefined {
    const uid = controllerUid(obj);
    const ref = obj.metadata?.ownerReferences?.find((r) => r.uid === uid);
    return ref ? `${ref.kind.toLowerCase()}/${ref.name}` : undefined;
  }

  /** A short text of the last trace records, attached to failed scenarios. */
  timelineText(limit = 200): string {
    if (!this.clusterInstance) return '(no cluster)';
    const records = this.clusterInstance.trace.records;
    const from = Math.max(0, records.length - limit);
    const lines = records
      .slice(from)
      .map(
        (x) =>
          `${formatMs(x.time).padStart(8)}  #${x.seq}  ${x.type.padEnd(8)} ${x.kind.toLowerCase()}/${x.name}  by ${x.actor}`,
      );
    if (from > 0) lines.unshift(`… ${from} earlier changes`);
    return lines.join('\n');
  }
}

export { ScenarioFailure };

setWorldConstructor(SimWorld);
