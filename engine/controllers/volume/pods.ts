/**
 * Which claims a pod uses, and whether a pod still counts as a user of its volumes.
 * Sources: `pkg/controller/volume/common/common.go` (`PodPVCIndexFunc`),
 * `pkg/volume/util/util.go` (`IsPodTerminated`), `component-helpers/storage/ephemeral`.
 */
import type { Pod } from '../../api/types';

export interface PodClaimRef {
  /** The claim's name in the pod's namespace. */
  name: string;
  /** A generic ephemeral volume: the claim is `<pod>-<volume>` and must be owned by the pod. */
  ephemeral: boolean;
}

/** The claims a pod's volumes name, in volume order (ephemeral volumes as `<pod>-<volume>`). */
export function podClaims(pod: Pod): PodClaimRef[] {
  const out: PodClaimRef[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName)
      out.push({ name: v.persistentVolumeClaim.claimName, ephemeral: false });
    else if (v.ephemeral) out.push({ name: `${pod.metadata?.name ?? ''}-${v.name}`, ephemeral: true });
  }
  return out;
}

/** Whether pod's volumes name the claim `name` (in the pod's own namespace). */
export function podUsesClaimName(pod: Pod, name: string): boolean {
  return podClaims(pod).some((c) => c.name === name);
}

/**
 * IsPodTerminated: Failed or Succeeded, or being deleted with no container running any more.
 */
export function isPodTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return true;
  if (!pod.metadata?.deletionTimestamp) return false;
  return (pod.status?.containerStatuses ?? []).every((s) => !s.state?.running);
}
