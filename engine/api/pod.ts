/**
 * Pod predicates shared by controllers, invariants and printers (pkg/api/v1/pod/util.go,
 * pkg/controller/controller_utils.go). Times are virtual milliseconds.
 */
import type { Pod, PodCondition, OwnerReference, KObject } from './types';
import { fromTimestamp } from './time';

export function podCondition(pod: Pod, type: string): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/**
 * IsPodAvailable: Ready, and Ready for at least minReadySeconds (lastTransitionTime +
 * minReadySeconds ≤ now). With minReadySeconds 0 a Ready pod is available at once.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const since = fromTimestamp(c.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 <= now;
}

/** Virtual time at which a Ready pod becomes available, or undefined when not Ready. */
export function podAvailableAt(pod: Pod, minReadySeconds: number): number | undefined {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True') return undefined;
  return (fromTimestamp(c.lastTransitionTime) ?? 0) + (minReadySeconds || 0) * 1000;
}

export function isTerminating(obj: KObject): boolean {
  return !!obj.metadata?.deletionTimestamp;
}

/** IsPodActive (controller_utils): not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

export function isPodRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

/** metav1.NewControllerRef: an ownerReference with controller and blockOwnerDeletion true. */
export function newControllerRef(
  owner: KObject & { metadata: { name?: string; uid?: string } },
): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? '',
    kind: owner.kind ?? '',
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** metav1.GetControllerOf. */
export function controllerRefOf(obj: KObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}
