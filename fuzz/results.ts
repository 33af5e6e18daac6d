/**
 * Campaign results in the shape the reports read (reports/fuzz.ts, `kube-scenario/fuzz-campaign@1`):
 * one campaign per workload kind, named by the property it checks, with the behaviours of the
 * catalogue it covers, and each counterexample with its seed, path, replayPath, shrunk operations,
 * error, feature text and the file the feature was written to.
 */
import { FUZZ_SCHEMA } from '../reports/fuzz';
import type { Counterexample, FuzzCampaign, FuzzFile } from '../reports/fuzz';
import { INVARIANT_IDS } from '../engine/invariants';
import type { CampaignResult, FoundCounterexample } from './campaign';
import { CONVERGENCE_BEHAVIOURS, INVARIANT_PHRASES } from './phrases';
import type { WorkloadKind } from './manifests';

export const CAMPAIGN_NAMES: Record<WorkloadKind, string> = {
  deployment:
    'Deployments keep their rollout bounds, scale in proportion, keep one ReplicaSet per template with increasing revisions, and converge',
  statefulset:
    'StatefulSets keep one pod per identity, order, update strategy, stable storage and unique revisions, and converge',
};

/** The catalogue behaviours a kind's campaign checks. */
export function campaignBehaviours(kind: WorkloadKind): string[] {
  const prefix = kind === 'deployment' ? 'deployment.' : 'statefulset.';
  const ids = new Set<string>();
  for (const id of INVARIANT_IDS)
    if (id.startsWith(prefix)) for (const b of INVARIANT_PHRASES[id].behaviours) ids.add(b);
  for (const b of CONVERGENCE_BEHAVIOURS[kind]) ids.add(b);
  return [...ids].sort();
}

export function counterexampleRecord(f: FoundCounterexample, featureFile?: string): Counterexample {
  const c: Counterexample = {
    seed: f.replay.seed,
    path: f.replay.path,
    replayPath: f.replay.replayPath,
    commands: f.commands,
    error: f.failure.message,
    feature: f.feature ?? '',
  };
  if (featureFile) c.featureFile = featureFile;
  return c;
}

export function campaignRecord(
  kind: WorkloadKind,
  result: CampaignResult,
  numRuns: number,
  featureFiles: (string | undefined)[] = [],
): FuzzCampaign {
  const shard = result.shard.count > 1 ? ` (shard ${result.shard.index}/${result.shard.count})` : '';
  return {
    name: `${CAMPAIGN_NAMES[kind]}${shard}`,
    behaviours: campaignBehaviours(kind),
    seed: result.seed,
    numRuns,
    runs: result.runs,
    status: result.failures.length ? 'failed' : 'passed',
    counterexamples: result.failures.map((f, i) => counterexampleRecord(f, featureFiles[i])),
  };
}

export function fuzzFile(campaigns: FuzzCampaign[]): FuzzFile {
  return { schema: FUZZ_SCHEMA, campaigns };
}
