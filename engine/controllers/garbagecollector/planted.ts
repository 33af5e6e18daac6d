/**
 * The planted bug of the garbage collector (off by default): the fuzzing issue switches it on through
 * `createCluster({ plantedBugs: ['gc-orphans-pods'] })` to show that the convergence check catches it.
 * One guarded line in `attemptToDeleteItem`, marked `// planted:`.
 */
export const GC_PLANTED_BUGS = {
  /** attemptToDeleteItem: a dependent whose owners are all gone is left in place instead of deleted. */
  'gc-orphans-pods':
    'the garbage collector leaves the dependents of a deleted owner (pods, claims) in place, pointing at nothing',
} as const;

export type GarbageCollectorPlantedBug = keyof typeof GC_PLANTED_BUGS;
