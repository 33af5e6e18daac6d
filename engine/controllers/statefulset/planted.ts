/**
 * Bugs the fuzzing issue can plant in the StatefulSet controller through
 * `createCluster({ plantedBugs: [...] })` (ctx.options.plantedBugs). All off by default. Each one
 * is a single guarded line in the controller, marked with a `// planted:` comment.
 */
import type { ControllerContext } from '../context';

export const PLANTED_BUGS = {
  /** processReplica: OrderedReady does not wait for lower ordinals to be Running, Ready and Available before creating the next pod. */
  'ordered-ready-not-waiting':
    'OrderedReady creation does not wait for lower ordinals to be Running and Ready (pods are still created one per sync)',
  /** updateStatefulSet: the condemned pods are sorted by ascending ordinal, so scale-down deletes the lowest first. */
  'ascending-deletion': 'condemned pods are deleted lowest ordinal first on scale-down',
  /** rolling update: deleting a pod to update it also deletes its PersistentVolumeClaims. */
  'claim-deleted-with-pod': 'a pod deleted for an update also has its claims deleted, so its data is lost',
  /** UpdateStatefulSet: rollingUpdate.partition is treated as 0 everywhere. */
  'partition-ignored': 'rollingUpdate.partition is ignored: every pod is updated',
  /** getStatefulSetRevisions: a rollback creates a new ControllerRevision (after a forced collision) instead of renumbering the equal one. */
  'rollback-new-revision':
    'rollback creates a new ControllerRevision instead of reusing (and renumbering) the equal one',
} as const;

export type StatefulSetPlantedBug = keyof typeof PLANTED_BUGS;

export function planted(ctx: ControllerContext, bug: StatefulSetPlantedBug): boolean {
  return ctx.options.plantedBugs.has(bug);
}
