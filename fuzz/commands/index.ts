/**
 * The operations a fuzz scenario is made of, one per file, and their arbitraries per workload kind.
 * Weights favour time passing (so operations land mid-rollout) and image changes (rollouts).
 */
import fc from 'fast-check';
import type { FuzzCommand } from '../model';
import type { Limits, WorkloadKind } from '../manifests';
import { CRASHING_IMAGE, GOOD_IMAGES, UNPULLABLE_IMAGE } from '../images';
import { ScaleCommand } from './scale';
import { SetImageCommand } from './set_image';
import { RollbackCommand } from './rollback';
import { PauseCommand } from './pause';
import { RestartCommand } from './restart';
import { DeletePodCommand } from './delete_pod';
import { ReadinessFailsCommand, ReadinessPassesCommand } from './readiness';
import { PartitionCommand } from './partition';
import { SettleCommand, TimePassesCommand } from './time';

export {
  ScaleCommand,
  SetImageCommand,
  RollbackCommand,
  PauseCommand,
  RestartCommand,
  DeletePodCommand,
  ReadinessFailsCommand,
  ReadinessPassesCommand,
  PartitionCommand,
  SettleCommand,
  TimePassesCommand,
};

const image = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<string>(...GOOD_IMAGES) },
  { weight: 1, arbitrary: fc.constant(UNPULLABLE_IMAGE) },
  { weight: 1, arbitrary: fc.constant(CRASHING_IMAGE) },
);
const seconds = fc.constantFrom(1, 2, 3, 5, 10, 30, 60);
const index = fc.nat({ max: 63 });

export type CommandName =
  | 'scale'
  | 'setImage'
  | 'rollback'
  | 'restart'
  | 'deletePod'
  | 'readinessFails'
  | 'readinessPasses'
  | 'wait'
  | 'settle'
  | 'pause'
  | 'resume'
  | 'partition';

/** How often each operation is drawn, relative to the others. */
export type CommandWeights = Partial<Record<CommandName, number>>;

export const DEFAULT_WEIGHTS: Required<CommandWeights> = {
  scale: 1,
  setImage: 2,
  rollback: 1,
  restart: 1,
  deletePod: 1,
  readinessFails: 1,
  readinessPasses: 1,
  wait: 3,
  settle: 1,
  pause: 1,
  resume: 1,
  partition: 1,
};

/** The command arbitraries for a workload kind, each listed as often as its weight. */
export function commandArbitraries(
  kind: WorkloadKind,
  limits: Limits,
  weights: CommandWeights = {},
): fc.Arbitrary<FuzzCommand>[] {
  const all: Record<CommandName, fc.Arbitrary<FuzzCommand> | undefined> = {
    scale: fc.integer({ min: 0, max: limits.maxReplicas }).map((n) => new ScaleCommand(n)),
    setImage: image.map((i) => new SetImageCommand(i)),
    rollback: fc
      .option(fc.integer({ min: 1, max: 4 }), { nil: undefined, freq: 3 })
      .map((n) => new RollbackCommand(n)),
    restart: fc.constant(new RestartCommand()),
    deletePod: index.map((i) => new DeletePodCommand(i)),
    readinessFails: index.map((i) => new ReadinessFailsCommand(i)),
    readinessPasses: index.map((i) => new ReadinessPassesCommand(i)),
    wait: seconds.map((s) => new TimePassesCommand(s)),
    settle: fc.constant(new SettleCommand()),
    pause: kind === 'deployment' ? fc.constant(new PauseCommand(true)) : undefined,
    resume: kind === 'deployment' ? fc.constant(new PauseCommand(false)) : undefined,
    partition:
      kind === 'statefulset'
        ? fc.integer({ min: 0, max: limits.maxReplicas + 1 }).map((p) => new PartitionCommand(p))
        : undefined,
  };
  const out: fc.Arbitrary<FuzzCommand>[] = [];
  for (const name of Object.keys(all) as CommandName[]) {
    const arb = all[name];
    const w = weights[name] ?? DEFAULT_WEIGHTS[name];
    if (arb) for (let i = 0; i < w; i++) out.push(arb);
  }
  return out;
}
