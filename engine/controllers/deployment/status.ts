/**
 * kubectl's DeploymentStatusViewer (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go),
 * pure, for `kubectl rollout status`: the line kubectl prints for a Deployment as it is now, whether
 * the rollout is done, or the error kubectl exits with.
 */
import type { Deployment } from '../../api/types';
import {
  DEPLOYMENT_PROGRESSING,
  TIMED_OUT_REASON,
  getDeploymentCondition,
  revisionOf,
} from './util/deployment_util';

export interface RolloutStatus {
  /** The line kubectl prints (ends with a newline); empty when `error` is set. */
  message: string;
  /** True once the rollout finished (`successfully rolled out`). */
  done: boolean;
  /** kubectl's error (exit 1), e.g. `deployment "web" exceeded its progress deadline`. */
  error?: string;
}

/**
 * DeploymentStatusViewer.Status. `revision` is `--revision` (0 = any): it must equal the
 * Deployment's revision annotation. Then, once the generation is observed: ProgressDeadlineExceeded
 * → error; `Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been
 * updated...`; `… 1 old replicas are pending termination...`; `… 2 of 3 updated replicas are
 * available...`; else `deployment "web" successfully rolled out`. Before that, `Waiting for
 * deployment spec update to be observed...`.
 */
export function rolloutStatusMessage(d: Deployment, revision: number | bigint = 0): RolloutStatus {
  const name = d.metadata?.name ?? '';
  if (BigInt(revision) > 0n) {
    const deploymentRev = revisionOf(d);
    if (deploymentRev === undefined) {
      const raw = d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '';
      return {
        message: '',
        done: false,
        error: `cannot get the revision of deployment "${name}": strconv.ParseInt: parsing "${raw}": invalid syntax`,
      };
    }
    if (BigInt(revision) !== deploymentRev) {
      return {
        message: '',
        done: false,
        error: `desired revision (${revision}) is different from the running revision (${deploymentRev})`,
      };
    }
  }
  const s = d.status ?? {};
  if ((d.metadata?.generation ?? 0) <= (s.observedGeneration ?? 0)) {
    const cond = getDeploymentCondition(s, DEPLOYMENT_PROGRESSING);
    if (cond && cond.reason === TIMED_OUT_REASON)
      return { message: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
    const updated = s.updatedReplicas ?? 0;
    const replicas = s.replicas ?? 0;
    const available = s.availableReplicas ?? 0;
    if (d.spec?.replicas !== undefined && updated < d.spec.replicas) {
      return {
        message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${d.spec.replicas} new replicas have been updated...\n`,
        done: false,
      };
    }
    if (replicas > updated) {
      return {
        message: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...\n`,
        done: false,
      };
    }
    if (available < updated) {
      return {
        message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`,
        done: false,
      };
    }
    return { message: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
}
