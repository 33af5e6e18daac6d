/**
 * Pod helpers of the deployment controller (deployment_controller.go `getPodMapForDeployment`,
 * recreate.go's phase test). Pods are read through the store's controller index, so the cost is the
 * number of pods of the Deployment's own ReplicaSets, never of the whole cluster.
 */
import type { Deployment, Pod, ReplicaSet, Stored } from '../../../api/types';
import { fromLabelSelector } from '../../../api/selectors';
import { isPodAvailable, isTerminating } from '../../../api/pod';
import type { Store } from '../../../store/store';

/** Pods grouped by the uid of their controlling ReplicaSet (every ReplicaSet of rsList has an entry). */
export type PodMap = Map<string, Stored<Pod>[]>;

/**
 * getPodMapForDeployment: the pods that match the Deployment's selector, grouped by their controlling
 * ReplicaSet when it is one of rsList. All phases and terminating pods are included: Recreate must see
 * that no old pod still runs.
 */
export function getPodMapForDeployment(
  store: Store,
  d: Deployment,
  rsList: readonly Stored<ReplicaSet>[],
): PodMap {
  const selector = fromLabelSelector(d.spec?.selector);
  const ns = d.metadata?.namespace ?? 'default';
  const podMap: PodMap = new Map();
  for (const rs of rsList) {
    if (podMap.has(rs.metadata.uid)) continue;
    const pods = store
      .listControlledBy<Pod>('Pod', rs.metadata.uid)
      .filter((p) => p.metadata.namespace === ns && selector.matches(p.metadata.labels));
    podMap.set(rs.metadata.uid, pods);
  }
  return podMap;
}

/** A pod in phase Failed or Succeeded: it runs nothing any more. */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Failed' || phase === 'Succeeded';
}

/**
 * Ready pods of a ReplicaSet that are terminating but would be available if they were not. Only the
 * planted bug `terminating-counted-available` reads this (the real controllers exclude them).
 */
export function terminatingAvailablePods(store: Store, rs: Stored<ReplicaSet>, nowMs: number): number {
  let n = 0;
  for (const pod of store.listControlledBy<Pod>('Pod', rs.metadata.uid)) {
    if (
      isTerminating(pod) &&
      !isPodTerminal(pod) &&
      isPodAvailable(pod, rs.spec?.minReadySeconds ?? 0, nowMs)
    )
      n++;
  }
  return n;
}
