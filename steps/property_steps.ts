/**
 * Invariants and properties in Gherkin.
 *
 * Invariant steps check the safety invariants of engine/invariants over the window of the When
 * block before them, at every state change (the same monitor the fuzzer runs live); `… has
 * converged` checks a workload now. They are the steps a fuzz counterexample ends with, e.g.
 * `Then throughout the window deployment "web" kept within its rollout bounds`.
 *
 * Property steps run a fuzz campaign from the scenario and read as the specification they check:
 * `Given properties are checked with seed 7 over 20 runs`, then `Then for any Deployment of up to
 * 20 replicas and any 15 operations, the rollout bounds always hold`. Without the Given, the
 * campaign uses the scenario's seed and 10 runs. A counterexample fails the step with its shrunk
 * operations, its seed, path and replayPath, and the feature that reproduces it (also attached).
 *
 * Planted bugs: a scenario tagged `@planted-bug` and `@plant:<id>` runs with that bug planted when
 * the world parameter `plantBugs` is true (`--world-parameters '{"plantBugs":true}'`), so a
 * counterexample pasted into features/ passes normally and fails with its bug.
 */
import { Before, defineParameterType, Given, Then } from '@cucumber/cucumber';
import type { ITestCaseHookParameter } from '@cucumber/cucumber';
import { formatMs } from '../engine';
import {
  checkWindow,
  danglingOwnerReferences,
  deploymentConvergence,
  statefulSetConvergence,
} from '../engine/invariants';
import type { InvariantId, Violation } from '../engine/invariants';
import { INVARIANT_PHRASES } from '../fuzz/phrases';
import { runCampaign } from '../fuzz/campaign';
import type { Claim } from '../fuzz/real';
import type { WorkloadKind } from '../fuzz/manifests';
import type { SimWorld } from './world';
import { fail } from './support/failure';

// ---- planted bugs ----

Before({ tags: '@planted-bug' }, function (this: SimWorld, { pickle }: ITestCaseHookParameter) {
  if (!(this.parameters as { plantBugs?: boolean }).plantBugs) return;
  const bugs = pickle.tags.map((t) => /^@plant:(.+)$/.exec(t.name)?.[1]).filter((b): b is string => !!b);
  // The controllers read the cluster's set of planted bugs when they decide; adding to it before
  // the first step plants the bug for the whole scenario.
  const planted = this.cluster.options.plantedBugs as Set<string>;
  for (const b of bugs) planted.add(b);
});

// ---- invariants over the window ----

function gates(world: SimWorld) {
  return { maxUnavailableStatefulSet: world.cluster.options.featureGates.MaxUnavailableStatefulSet };
}

function failWith(world: SimWorld, v: Violation): never {
  fail(`${v.message}, at ${formatMs(v.time)} (after ${v.change}), in ${world.describeWindow()}`, {
    seq: v.seq,
    time: v.time,
    change: v.change,
  });
}

for (const [id, phrase] of Object.entries(INVARIANT_PHRASES) as [
  InvariantId,
  (typeof INVARIANT_PHRASES)[InvariantId],
][]) {
  Then(phrase.step.replace('NAME', '{quoted}'), function (this: SimWorld, name: string) {
    const { namespace, name: n } = this.ref(name);
    const v = checkWindow(this.cluster.trace, this.window, gates(this)).find(
      (x) => x.invariant === id && x.namespace === namespace && x.name === n,
    );
    if (v) failWith(this, v);
  });
}

Then('throughout the window every invariant held', function (this: SimWorld) {
  const [v] = checkWindow(this.cluster.trace, this.window, gates(this));
  if (v) failWith(this, v);
});

/** `deployment "web" has converged`: the workload's convergence, then dangling owner references. */
Then('{kind} {quoted} has converged', function (this: SimWorld, kind: string, name: string) {
  const { namespace, name: n } = this.ref(name);
  const store = this.cluster.store;
  let problems: string[];
  if (kind === 'Deployment') problems = deploymentConvergence(store, namespace, n, this.cluster.now);
  else if (kind === 'StatefulSet') problems = statefulSetConvergence(store, namespace, n, this.cluster.now);
  else fail(`only a deployment or a statefulset converges, not a ${kind.toLowerCase()}`);
  problems = [...problems, ...danglingOwnerReferences(store, namespace)];
  if (problems.length)
    fail(`${kind.toLowerCase()} "${name}" has not converged:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
});

// ---- properties ----

interface PropertySettings {
  seed?: number;
  runs: number;
}

const settings = new WeakMap<SimWorld, PropertySettings>();
const DEFAULT_RUNS = 10;

function propertySettings(world: SimWorld): PropertySettings {
  let s = settings.get(world);
  if (!s) settings.set(world, (s = { runs: DEFAULT_RUNS }));
  return s;
}

/** The claims a property step can make, as they read. */
const CLAIMS: Record<string, { claims: Claim[]; kinds?: WorkloadKind[] }> = {
  'the rollout bounds always hold': { claims: ['deployment.rollout-bounds'], kinds: ['deployment'] },
  'its ReplicaSets scale in proportion and keep one per template': {
    claims: ['deployment.proportional-scaling', 'deployment.replicasets'],
    kinds: ['deployment'],
  },
  'pods keep their identity, order and storage': {
    claims: ['statefulset.identity', 'statefulset.ordering', 'statefulset.storage'],
    kinds: ['statefulset'],
  },
  'updates respect the strategy and the revision history stays unique': {
    claims: ['statefulset.update-strategy', 'statefulset.revisions'],
    kinds: ['statefulset'],
  },
  'it converges once no fault is left': { claims: ['convergence'] },
  'every invariant holds at every state change and it converges once no fault is left': {
    claims: [...(Object.keys(INVARIANT_PHRASES) as InvariantId[]), 'convergence'],
  },
};

defineParameterType({
  name: 'claim',
  regexp: new RegExp(
    Object.keys(CLAIMS)
      .sort((a, b) => b.length - a.length)
      .map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
  ),
  transformer: (s: string) => s,
});

defineParameterType({
  name: 'workload',
  regexp: /Deployment|StatefulSet|workload/,
  transformer: (s: string): WorkloadKind[] =>
    s === 'Deployment'
      ? ['deployment']
      : s === 'StatefulSet'
        ? ['statefulset']
        : ['deployment', 'statefulset'],
});

Given(
  'properties are checked with seed {int} over {int} run(s)',
  function (this: SimWorld, seed: number, runs: number) {
    const s = propertySettings(this);
    s.seed = seed;
    s.runs = runs;
  },
);

Then(
  'for any {workload} of up to {int} replica(s) and any {int} operation(s), {claim}',
  function (this: SimWorld, kinds: WorkloadKind[], maxReplicas: number, maxCommands: number, claim: string) {
    const c = CLAIMS[claim];
    const s = propertySettings(this);
    const seed = s.seed ?? (typeof this.seed === 'number' ? this.seed : 1);
    const chosen = c.kinds ? kinds.filter((k) => c.kinds!.includes(k)) : kinds;
    if (!chosen.length) fail(`"${claim}" says nothing about a ${kinds.join(' or ')}`);
    const r = runCampaign({
      seed,
      runs: s.runs,
      kinds: chosen,
      limits: { maxReplicas, maxCommands },
      claims: new Set(c.claims),
      plantedBugs: [...this.cluster.options.plantedBugs],
    });
    const f = r.failures[0];
    if (!f) return;
    if (f.feature) this.attach(f.feature, 'text/plain');
    fail(
      [
        `a counterexample after ${f.runsToDetection} of ${s.runs} runs (campaign seed ${seed}), shrunk to ${f.commands.length} operations:`,
        `  ${f.failure.message}`,
        `  operations: ${f.commands.join(', ') || '(none)'}`,
        `  seed ${f.replay.seed}, path ${f.replay.path}, replayPath ${f.replay.replayPath}`,
        f.feature
          ? `The feature that reproduces it:\n${f.feature}`
          : 'No replay with Event objects reproduced it.',
      ].join('\n'),
    );
  },
);
