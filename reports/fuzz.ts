/**
 * Fuzz campaign results, as the fuzzer writes them for the report (`kube-scenario fuzz --out FILE`,
 * and `out/fuzz.json` during `kube-scenario start`). docs/report-schema.md documents the shape; the
 * report shows each campaign, its counterexamples with their replay information and the feature text
 * that reproduces them, and counts a passing campaign as coverage of the behaviours it names.
 */
export const FUZZ_SCHEMA = 'kube-scenario/fuzz-campaign@1';

export interface FuzzFile {
  schema: typeof FUZZ_SCHEMA;
  campaigns: FuzzCampaign[];
}

export interface FuzzCampaign {
  /** The property, in words: `a rolling update never exceeds replicas + maxSurge`. */
  name: string;
  /** Behaviour ids (behaviours.yaml) the property checks. */
  behaviours: string[];
  /** The campaign's seed (fast-check `seed`). */
  seed: number;
  /** Runs asked for (fast-check `numRuns`). */
  numRuns: number;
  /** Runs made before it stopped (fewer than numRuns when a counterexample was found). */
  runs: number;
  status: 'passed' | 'failed';
  counterexamples: Counterexample[];
}

export interface Counterexample {
  /** Seed to replay with. */
  seed: number;
  /** fast-check's counterexample path (`counterexamplePath`), replayed with the seed. */
  path: string;
  /** fast-check's `replayPath` of the shrunk command sequence (the `fc.commands` option). */
  replayPath?: string;
  /** Where the fuzzer wrote the counterexample as a .feature file, relative to the repo. */
  featureFile?: string;
  /** The shrunk command sequence, one command per entry, in call form: `ScaleDeployment(web, 5)`. */
  commands: string[];
  /** Why the property failed. */
  error: string;
  /** The counterexample as a Gherkin feature. */
  feature: string;
}

function fail(where: string, what: string): never {
  throw new Error(`fuzz results: ${where}: ${what}`);
}

function str(x: unknown, where: string): string {
  if (typeof x !== 'string') fail(where, 'must be a string');
  return x;
}

function num(x: unknown, where: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(where, 'must be a number');
  return x;
}

function strs(x: unknown, where: string): string[] {
  if (!Array.isArray(x) || x.some((s) => typeof s !== 'string')) fail(where, 'must be a list of strings');
  return x as string[];
}

/** Parses and checks a fuzz results file; errors name the offending field. */
export function parseFuzzFile(json: string): FuzzFile {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(json) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`fuzz results: not JSON: ${(err as Error).message}`);
  }
  if (doc?.schema !== FUZZ_SCHEMA) fail('schema', `must be "${FUZZ_SCHEMA}"`);
  if (!Array.isArray(doc.campaigns)) fail('campaigns', 'must be a list');
  const campaigns = doc.campaigns.map((c: Record<string, unknown>, i: number): FuzzCampaign => {
    const w = `campaigns[${i}]`;
    const status = str(c.status, `${w}.status`);
    if (status !== 'passed' && status !== 'failed') fail(`${w}.status`, 'must be "passed" or "failed"');
    if (!Array.isArray(c.counterexamples)) fail(`${w}.counterexamples`, 'must be a list');
    return {
      name: str(c.name, `${w}.name`),
      behaviours: strs(c.behaviours ?? [], `${w}.behaviours`),
      seed: num(c.seed, `${w}.seed`),
      numRuns: num(c.numRuns, `${w}.numRuns`),
      runs: num(c.runs ?? c.numRuns, `${w}.runs`),
      status,
      counterexamples: c.counterexamples.map((x: Record<string, unknown>, j: number): Counterexample => {
        const v = `${w}.counterexamples[${j}]`;
        const out: Counterexample = {
          seed: num(x.seed, `${v}.seed`),
          path: str(x.path, `${v}.path`),
          commands: strs(x.commands ?? [], `${v}.commands`),
          error: str(x.error, `${v}.error`),
          feature: str(x.feature ?? '', `${v}.feature`),
        };
        if (x.replayPath !== undefined) out.replayPath = str(x.replayPath, `${v}.replayPath`);
        if (x.featureFile !== undefined) out.featureFile = str(x.featureFile, `${v}.featureFile`);
        return out;
      }),
    };
  });
  return { schema: FUZZ_SCHEMA, campaigns };
}
