/**
 * The Deployment controller (pkg/controller/deployment, Kubernetes 1.28) and the helpers kubectl
 * shares with it.
 */
import type { ControllerFactory } from '../context';
import { DeploymentController } from './controller';

/** Creates the deployment controller of a cluster. */
export const deploymentController: ControllerFactory = (ctx) => new DeploymentController(ctx);

export { DeploymentController, CONTROLLER_NAME } from './controller';
export { rolloutStatusMessage } from './status';
export type { RolloutStatus } from './status';
export { DEPLOYMENT_PLANTED_BUGS } from './planted';
export type { DeploymentPlantedBug } from './planted';
export {
  revisionOf,
  maxRevision,
  lastRevision,
  findNewReplicaSet,
  findOldReplicaSets,
  equalIgnoreHash,
  getReplicaSetsForDeployment,
  getAllReplicaSets,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  newDeploymentCondition,
  getDeploymentCondition,
  setDeploymentCondition,
  removeDeploymentCondition,
  setFromReplicaSetTemplate,
  setDeploymentAnnotationsTo,
  getSkippedAnnotations,
  skipCopyAnnotation,
  maxSurge,
  maxUnavailable,
  minAvailable,
  resolveFenceposts,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  DEPRECATED_ROLLBACK_TO_ANNOTATION,
  CHANGE_CAUSE_ANNOTATION,
  DEPLOYMENT_AVAILABLE,
  DEPLOYMENT_PROGRESSING,
  DEPLOYMENT_REPLICA_FAILURE,
  TIMED_OUT_REASON,
  NEW_RS_AVAILABLE_REASON,
} from './util/deployment_util';
export { computeHash, DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY } from './util/replicaset_util';
