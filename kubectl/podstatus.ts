/**
 * The READY, STATUS and RESTARTS cells of `kubectl get pods`. The computation (the API server's
 * `printPod`) lives with the kubelet (engine/kubelet/status.ts `podColumns`); this indirection lets
 * tests or an alternative kubelet swap it.
 */
import type { Pod } from '../engine';
import { podColumns as kubeletPodColumns, type PodColumns } from '../engine/kubelet/status';

export type { PodColumns };
export type PodColumnsFn = (pod: Pod, nowMs: number) => PodColumns;

let impl: PodColumnsFn = kubeletPodColumns;

export function podColumns(pod: Pod, nowMs: number): PodColumns {
  return impl(pod, nowMs);
}

/** Swaps the implementation (returns the previous one). */
export function setPodStatusColumns(fn: PodColumnsFn): PodColumnsFn {
  const prev = impl;
  impl = fn;
  return prev;
}
