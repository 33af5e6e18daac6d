/**
 * The StatefulSet controller (statefulset.md §3–§9, §12, §14), split like upstream:
 *   controller.ts            watches, queue, claiming pods and revisions (stateful_set.go)
 *   stateful_set_control.ts  UpdateStatefulSet, revisions, slot walk, rolling updates, status, history
 *   stateful_pod_control.ts  pod and claim writes with their events
 *   history.ts               ControllerRevision hashing and store operations (pkg/controller/history)
 *   utils.ts                 pure helpers (stateful_set_utils.go)
 *   rollout_status.ts        kubectl's StatefulSetStatusViewer
 *   planted.ts               bugs the fuzzing issue can plant
 */
import type { ControllerFactory } from '../context';
import { StatefulSetController } from './controller';

export const statefulSetController: ControllerFactory = (ctx) => new StatefulSetController(ctx);

export { StatefulSetController } from './controller';
export { StatefulSetControl } from './stateful_set_control';
export { StatefulPodControl } from './stateful_pod_control';
export { statefulSetRolloutStatus } from './rollout_status';
export type { RolloutStatus } from './rollout_status';
export { PLANTED_BUGS } from './planted';
export type { StatefulSetPlantedBug } from './planted';
export {
  StatefulSetPodNameLabel,
  PodIndexLabel,
  StatefulSetRevisionLabel,
  ControllerRevisionHashLabel,
  getParentNameAndOrdinal,
  getOrdinal,
  getPodName,
  getPersistentVolumeClaimName,
  identityMatches,
  storageMatches,
  newVersionedStatefulSetPod,
  applyRevision,
  revisionTemplate,
  getPatch,
  isRunningAndReady,
  isRunningAndAvailable,
  isUnavailable,
} from './utils';
export { hashControllerRevision, sortControllerRevisions } from './history';
