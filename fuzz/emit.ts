/**
 * A counterexample as a runnable feature, in the phrasings of ../shared/spec/steps.md (plus the
 * invariant Then steps of steps/property_steps.ts). The steps are those the replay recorded while
 * it drove the cluster, so running the feature repeats the same states; the Then step checks the
 * invariant that broke, over the window of the When steps (which includes the setup when the
 * violation happened while the manifest was being applied).
 */
import type { Real, PropertyFailure } from './real';
import { faultStep } from './images';
import { CONVERGENCE_BEHAVIOURS, convergedStep, INVARIANT_PHRASES, invariantStep } from './phrases';

export interface ReplayInfo {
  seed: number;
  path: string;
  replayPath: string;
}

export interface FeatureInput {
  real: Real;
  failure: PropertyFailure;
  replay: ReplayInfo;
  /** The `kube-scenario fuzz` flags that rebuild the same arbitraries (kinds, limits, plant). */
  replayFlags: string;
  plantedBugs: readonly string[];
  /** Shrunk operations (fast-check's command list). */
  commands: readonly string[];
}

/** `0:1:1` `AB:c` → the replay token `SEED:PATH:REPLAYPATH`. */
export function replayToken(r: ReplayInfo): string {
  return `${r.seed}:${r.path}:${r.replayPath}`;
}

/** The scenario's title: `3 operations break the rollout bounds of deployment "web"`. */
export function failureTitle(input: Pick<FeatureInput, 'real' | 'failure'>): string {
  const { real, failure } = input;
  const ops = real.steps.filter((s) => s.keyword === 'When' && s.text !== 'the cluster settles').length;
  const what =
    failure.failure === 'safety' && failure.invariant && failure.invariant !== 'convergence'
      ? `break ${INVARIANT_PHRASES[failure.invariant].title} of`
      : failure.failure === 'settle'
        ? 'keep the cluster from settling, with'
        : 'keep from converging';
  return `${ops} operation${ops === 1 ? '' : 's'} ${what} ${real.kind} "${real.name}"`;
}

function docString(text: string, indent: string): string[] {
  return [
    `${indent}"""`,
    ...text
      .trimEnd()
      .split('\n')
      .map((l) => (l ? `${indent}${l}` : '')),
    `${indent}"""`,
  ];
}

export function emitFeature(input: FeatureInput): string {
  const { real, failure, plantedBugs } = input;
  const lines: string[] = [];
  const token = replayToken(input.replay);
  lines.push(
    `# A counterexample found by \`kube-scenario fuzz\` (shrunk to ${input.commands.length} operations).`,
  );
  for (const l of failure.message.split('\n')) lines.push(`# Fails: ${l}`);
  lines.push(`# seed: ${input.replay.seed}`);
  lines.push(`# path: ${input.replay.path}`);
  lines.push(`# replayPath: ${input.replay.replayPath}`);
  lines.push(
    `# Replay the search: kube-scenario fuzz --replay ${token}${input.replayFlags ? ` ${input.replayFlags}` : ''}`,
  );
  lines.push(`# Operations: ${input.commands.join(', ') || '(none)'}`);
  if (plantedBugs.length)
    lines.push(
      `# Planted bug${plantedBugs.length > 1 ? 's' : ''}: ${plantedBugs.join(', ')}. The feature fails with ${plantedBugs.length > 1 ? 'them' : 'it'} planted`,
      `# (npx cucumber-js THIS_FILE --world-parameters '{"plantBugs":true}') and passes without.`,
    );
  lines.push('# The cluster is the default one every feature gets (3 nodes, seed 1).');
  const tags = ['@fuzz'];
  const behaviours =
    failure.invariant && failure.invariant !== 'convergence'
      ? INVARIANT_PHRASES[failure.invariant].behaviours
      : failure.failure === 'liveness'
        ? CONVERGENCE_BEHAVIOURS[real.kind]
        : [];
  tags.push(...behaviours.map((b) => `@b:${b}`));
  if (plantedBugs.length) tags.push('@planted-bug', ...plantedBugs.map((b) => `@plant:${b}`));
  lines.push(tags.join(' '));
  lines.push(`Feature: Counterexample: ${failureTitle(input)}`);
  lines.push('');
  lines.push(`  Scenario: ${failureTitle(input)}`);
  const steps: string[] = [];
  let previous = '';
  const add = (keyword: string, text: string) => {
    steps.push(`    ${keyword === previous ? 'And' : keyword} ${text}`);
    previous = keyword;
  };
  for (const image of [...real.faultyImagesUsed].sort()) add('Given', faultStep(image));
  // The setup belongs to the window when the invariant broke while the manifest was applied.
  const setupInWindow = failure.violation !== undefined && failure.violation.seq <= real.setupSeq;
  add(setupInWindow ? 'When' : 'Given', setupInWindow ? 'I apply the manifest:' : 'the manifest:');
  steps.push(...docString(real.yaml, '      '));
  if (setupInWindow) add('When', 'the cluster settles');
  for (const s of real.steps) add(s.keyword, s.text);
  if (failure.failure === 'safety' && failure.invariant && failure.invariant !== 'convergence')
    add('Then', invariantStep(failure.invariant, real.name));
  else if (failure.failure === 'liveness') add('Then', convergedStep(real.kind, real.name));
  lines.push(...steps);
  return `${lines.join('\n')}\n`;
}
