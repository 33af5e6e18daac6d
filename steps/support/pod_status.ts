/**
 * The STATUS kubectl prints for a pod (statefulset.md §13.3): Terminating while a deletion is
 * pending; else the pod's reason (Evicted); else the last container's waiting reason, or its
 * terminated reason; else the phase. Uses the kubelet's `podStatusReason` once it exports one.
 */
import type { Pod } from '../../engine';
import { optionalExport } from './optional';

type PodStatusReason = (pod: Pod, now: number) => string;

export function podStatus(pod: Pod, now: number): string {
  const fromKubelet = optionalExport<PodStatusReason>('../../engine/kubelet/status', 'podStatusReason');
  if (fromKubelet) return fromKubelet(pod, now);
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  let reason = pod.status?.reason || pod.status?.phase || 'Pending';
  for (const c of pod.status?.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
  }
  return reason;
}
