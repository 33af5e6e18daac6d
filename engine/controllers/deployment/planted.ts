/**
 * Planted bugs of the deployment controller (off by default). The fuzzing issue switches them on
 * through `ctx.options.plantedBugs` to show that the invariants and the fuzzer catch them. Each is
 * one line at the place where the real controller makes the decision it breaks.
 */
export const DEPLOYMENT_PLANTED_BUGS = {
  /** `resolveFenceposts`: maxSurge percentages are rounded down instead of up. */
  'surge-rounded-down': 'maxSurge percentages round down (floor) instead of up (ceil)',
  /** `resolveFenceposts`: maxUnavailable percentages are rounded up instead of down. */
  'unavailable-rounded-up': 'maxUnavailable percentages round up (ceil) instead of down (floor)',
  /** `reconcileOldReplicaSets`: the new ReplicaSet is treated as fully available. */
  'scale-down-before-available':
    'old ReplicaSets are scaled down without waiting for the new pods to become available',
  /** `scale`: the proportional-scaling leftover goes to the last (smallest) ReplicaSet. */
  'proportional-leftover-wrong-rs':
    'the proportional-scaling leftover goes to the smallest ReplicaSet instead of the largest',
  /** `getReplicaSetsForDeployment`: terminating Ready pods count as available. */
  'terminating-counted-available':
    'Ready pods that are terminating still count as available replicas of their ReplicaSet',
  /** `rsMinReadySeconds`: the new ReplicaSet gets minReadySeconds 0, so Ready counts as available at once. */
  'min-ready-ignored':
    'minReadySeconds is not copied to the new ReplicaSet (pods are available as soon as Ready)',
} as const;

export type DeploymentPlantedBug = keyof typeof DEPLOYMENT_PLANTED_BUGS;

/** The empty set: what pure helpers use when called from outside the controller (kubectl, tests). */
export const NO_BUGS: ReadonlySet<string> = new Set<string>();
