/** The STATUS kubectl prints for a pod, as the kubelet computes it (statefulset.md §13.3). */
import type { Pod } from '../../engine';
import { podStatusReason } from '../../engine/kubelet';

export function podStatus(pod: Pod, now: number): string {
  return podStatusReason(pod, now);
}
