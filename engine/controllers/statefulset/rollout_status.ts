/**
 * kubectl's StatefulSetStatusViewer (k8s: staging/src/k8s.io/kubectl/pkg/polymorphichelpers/
 * rollout_status.go), as a pure function for `kubectl rollout status statefulset/NAME`.
 *
 * Messages are kubectl's, newline included (kubectl prints them as they are):
 *   Waiting for statefulset spec update to be observed...
 *   Waiting for 1 pods to be ready...
 *   Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...
 *   partitioned roll out complete: 2 new pods have been updated...
 *   waiting for statefulset rolling update to complete 2 pods at revision web-7d4f8b...
 *   statefulset rolling update complete 3 pods at revision web-7d4f8b...
 * With the defaulted `rollingUpdate: {partition: 0}` the partition branch is the one taken, so a
 * plain rollout ends with "partitioned roll out complete: 3 new pods have been updated..."; the
 * "rolling update complete" lines appear only when rollingUpdate is nil. OnDelete is an error:
 *   rollout status is only available for RollingUpdate strategy type
 */
import type { StatefulSet } from '../../api/types';

export interface RolloutStatus {
  /** The line kubectl prints, with its trailing newline; '' with an error. */
  message: string;
  /** Whether kubectl stops watching (true also with the OnDelete error). */
  done: boolean;
  /** kubectl's error (exit status 1), if any. */
  error?: string;
}

export function statefulSetRolloutStatus(sts: StatefulSet): RolloutStatus {
  const spec = sts.spec ?? ({} as NonNullable<StatefulSet['spec']>);
  const status = sts.status ?? ({} as NonNullable<StatefulSet['status']>);
  const type = spec.updateStrategy?.type ?? '';
  if (type !== 'RollingUpdate')
    return {
      message: '',
      done: true,
      error: 'rollout status is only available for RollingUpdate strategy type',
    };
  const observed = status.observedGeneration ?? 0;
  if (observed === 0 || (sts.metadata?.generation ?? 0) > observed)
    return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = spec.replicas;
  const ready = status.readyReplicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  if (replicas !== undefined && ready < replicas)
    return { message: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru) {
    if (replicas !== undefined && ru.partition !== undefined && updated < replicas - ru.partition) {
      return {
        message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - ru.partition} new pods have been updated...\n`,
        done: false,
      };
    }
    return {
      message: `partitioned roll out complete: ${updated} new pods have been updated...\n`,
      done: true,
    };
  }
  if ((status.updateRevision ?? '') !== (status.currentRevision ?? '')) {
    return {
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${status.updateRevision ?? ''}...\n`,
      done: false,
    };
  }
  return {
    message: `statefulset rolling update complete ${status.currentReplicas ?? 0} pods at revision ${status.currentRevision ?? ''}...\n`,
    done: true,
  };
}
