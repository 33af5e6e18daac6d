/**
 * StatefulPodControl: the writes the StatefulSet controller makes on pods and claims, with their
 * events — create a pod (its claims first), update a pod's identity and storage in place, delete a
 * pod, and keep claim ownerReferences in line with the retention policy.
 *
 * Mirrors k8s: pkg/controller/statefulset/stateful_pod_control.go. Behaviour reference:
 * ../shared/spec/statefulset.md §3, §9.2–§9.5. Events (on the set, component statefulset-controller):
 *   Normal  SuccessfulCreate  create Claim www-web-0 Pod web-0 in StatefulSet web success
 *   Normal  SuccessfulCreate  create Pod web-0 in StatefulSet web successful
 *   Normal  SuccessfulDelete  delete Pod web-1 in StatefulSet web successful
 *   Warning FailedCreate      create Pod web-0 in StatefulSet web failed error: <error>
 *   Warning FailedCreate      create Claim www-web-0 for Pod web-0 in StatefulSet web failed error: <error>
 */
import type { ControllerContext } from '../context';
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types';
import { ApiError } from '../../api/errors';
import { deepClone } from '../../util/clone';
import {
  getOrdinal,
  getPersistentVolumeClaimName,
  getPersistentVolumeClaimRetentionPolicy,
  getPersistentVolumeClaims,
  hasStaleOwnerRef,
  hasUnexpectedController,
  identityMatches,
  isClaimOwnerUpToDate,
  podKind,
  RetainPolicy,
  storageMatches,
  updateClaimOwnerRefForSetAndPod,
  updateIdentity,
  updateStorage,
} from './utils';

export const COMPONENT = 'statefulset-controller';

/** Event reasons (recordPodEvent / recordClaimEvent: `Successful<Verb>` / `Failed<Verb>`). */
export const SuccessfulCreateReason = 'SuccessfulCreate';
export const SuccessfulDeleteReason = 'SuccessfulDelete';
export const SuccessfulUpdateReason = 'SuccessfulUpdate';
export const FailedCreateReason = 'FailedCreate';
export const FailedDeleteReason = 'FailedDelete';
export const FailedUpdateReason = 'FailedUpdate';
export const ConflictingControllerReason = 'ConflictingController';

/** errors.NewAggregate: one error is itself; several read `[e1, e2]`. */
export class AggregateError extends Error {
  constructor(readonly errors: Error[]) {
    super(errors.length === 1 ? errors[0].message : `[${errors.map((e) => e.message).join(', ')}]`);
    this.name = 'AggregateError';
  }
}

/** The aggregate of errs, or undefined when there are none. */
export function aggregate(errs: Error[]): Error | undefined {
  if (errs.length === 0) return undefined;
  if (errs.length === 1) return errs[0];
  return new AggregateError(errs);
}

export function isApiReason(err: unknown, reason: ApiError['reason']): boolean {
  return err instanceof ApiError && err.reason === reason;
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

function title(verb: string): string {
  return verb.charAt(0).toUpperCase() + verb.slice(1);
}

export class StatefulPodControl {
  constructor(private readonly ctx: ControllerContext) {}

  private get autoDeletePVC(): boolean {
    return this.ctx.options.featureGates.StatefulSetAutoDeletePVC;
  }

  private get podIndexLabel(): boolean {
    return this.ctx.options.featureGates.PodIndexLabel;
  }

  private get actor(): string {
    return COMPONENT;
  }

  /**
   * CreateStatefulPod: the pod's claims first (a failure records FailedCreate for the pod and
   * stops), then the pod. AlreadyExists is returned without an event. Then, with
   * StatefulSetAutoDeletePVC, the claims' ownerRefs are set as far as possible (§9.4).
   */
  createStatefulPod(set: StatefulSet, pod: Pod): void {
    try {
      this.createPersistentVolumeClaims(set, pod);
    } catch (err) {
      this.recordPodEvent('create', set, pod, toError(err));
      throw err;
    }
    try {
      this.ctx.store.create(pod, { actor: this.actor });
    } catch (err) {
      if (!isApiReason(err, 'AlreadyExists')) this.recordPodEvent('create', set, pod, toError(err));
      throw err;
    }
    if (this.autoDeletePVC) {
      try {
        this.updatePodClaimForRetentionPolicy(set, pod);
      } catch (err) {
        this.recordPodEvent('update', set, pod, toError(err));
        throw err;
      }
    }
    this.recordPodEvent('create', set, pod);
  }

  /**
   * UpdateStatefulPod: restores identity (name, namespace, pod-name and pod-index labels) and
   * storage (claim volumes, creating missing claims), and the claims' retention ownerRefs, then
   * writes the pod. Never touches template fields. `pod` must be a private copy.
   */
  updateStatefulPod(set: StatefulSet, pod: Pod): void {
    let consistent = true;
    let attempted = false;
    let error: Error | undefined;
    try {
      if (!identityMatches(set, pod)) {
        updateIdentity(set, pod, this.podIndexLabel);
        consistent = false;
      }
      if (!storageMatches(set, pod)) {
        updateStorage(set, pod);
        consistent = false;
        this.createPersistentVolumeClaims(set, pod);
      }
      if (this.autoDeletePVC && !this.claimsMatchRetentionPolicy(set, pod)) {
        this.updatePodClaimForRetentionPolicy(set, pod);
        consistent = false;
      }
      if (consistent) return;
      attempted = true;
      this.ctx.store.update(pod, { actor: this.actor });
    } catch (err) {
      error = toError(err);
      if (!attempted) {
        this.recordPodEvent('update', set, pod, error);
        throw error;
      }
    }
    if (attempted) this.recordPodEvent('update', set, pod, error);
    if (error) throw error;
  }

  /** DeleteStatefulPod: a plain (graceful) delete; the pod's claims are kept. */
  deleteStatefulPod(set: StatefulSet, pod: Pod): void {
    try {
      this.ctx.store.delete('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '', { actor: this.actor });
    } catch (err) {
      this.recordPodEvent('delete', set, pod, toError(err));
      throw err;
    }
    this.recordPodEvent('delete', set, pod);
  }

  /**
   * Deletes the claims of a pod. The real controller never does this (§9.3); it exists only for the
   * planted bug `claim-deleted-with-pod`.
   */
  deleteClaimsOfPod(set: StatefulSet, pod: Pod): void {
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const existing = this.getClaim(claim.metadata!.namespace!, claim.metadata!.name!);
      if (existing)
        this.ctx.store.delete('PersistentVolumeClaim', existing.metadata.namespace, existing.metadata.name, {
          actor: this.actor,
        });
    }
  }

  /** ClaimsMatchRetentionPolicy: every existing claim of the pod has the refs the policy asks for. */
  claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod): boolean {
    const ordinal = getOrdinal(pod);
    for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
      const claim = this.getClaim(set.metadata?.namespace, getPersistentVolumeClaimName(set, tmpl, ordinal));
      if (claim && !isClaimOwnerUpToDate(claim, set, pod)) return false;
    }
    return true;
  }

  /**
   * UpdatePodClaimForRetentionPolicy: rewrites the ownerRefs of the pod's claims to match the
   * policy. A claim controlled by someone else gets our refs removed and a ConflictingController
   * warning on the set.
   */
  updatePodClaimForRetentionPolicy(set: StatefulSet, pod: Pod): void {
    const ordinal = getOrdinal(pod);
    for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
      const claimName = getPersistentVolumeClaimName(set, tmpl, ordinal);
      const claim = this.getClaim(set.metadata?.namespace, claimName);
      if (!claim) continue;
      if (hasUnexpectedController(claim, set, pod)) {
        this.ctx.recorder.event(
          set,
          'Warning',
          ConflictingControllerReason,
          `PersistentVolumeClaim ${claimName} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`,
          COMPONENT,
        );
      }
      if (!isClaimOwnerUpToDate(claim, set, pod)) {
        const copy = deepClone(claim);
        updateClaimOwnerRefForSetAndPod(copy, set, pod);
        try {
          this.ctx.store.update(copy, { actor: this.actor });
        } catch (err) {
          throw new Error(
            `could not update claim ${claimName} for delete policy ownerRefs: ${toError(err).message}`,
          );
        }
      }
    }
  }

  /**
   * PodClaimIsStale (§9.5): with whenScaled=Delete, a claim of the pod that still has a ref naming
   * the pod with another uid (any ref naming it, for a pod not yet created) blocks creation until
   * the garbage collector removes the claim.
   */
  podClaimIsStale(set: StatefulSet, pod: Pod): boolean {
    if (getPersistentVolumeClaimRetentionPolicy(set).whenScaled === RetainPolicy) return false;
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const pvc = this.getClaim(claim.metadata!.namespace!, claim.metadata!.name!);
      if (pvc && hasStaleOwnerRef(pvc, pod, podKind)) return true;
    }
    return false;
  }

  /** createMissingPersistentVolumeClaims: for a Pending pod whose claim was deleted (§9.2). */
  createMissingPersistentVolumeClaims(set: StatefulSet, pod: Pod): void {
    this.createPersistentVolumeClaims(set, pod);
    if (this.autoDeletePVC) {
      try {
        this.updatePodClaimForRetentionPolicy(set, pod);
      } catch (err) {
        this.recordPodEvent('update', set, pod, toError(err));
        throw err;
      }
    }
  }

  /**
   * createPersistentVolumeClaims: creates each missing claim (event per claim); an existing claim is
   * reused unchanged, unless it is being deleted (`pvc www-web-0 is being deleted`). Errors are
   * aggregated.
   */
  createPersistentVolumeClaims(set: StatefulSet, pod: Pod): void {
    const errs: Error[] = [];
    for (const claim of getPersistentVolumeClaims(set, pod).values()) {
      const name = claim.metadata!.name!;
      const existing = this.getClaim(claim.metadata!.namespace!, name);
      if (!existing) {
        try {
          this.ctx.store.create(claim, { actor: this.actor });
          this.recordClaimEvent('create', set, pod, claim);
        } catch (err) {
          const e = toError(err);
          errs.push(new Error(`failed to create PVC ${name}: ${e.message}`));
          if (!isApiReason(err, 'AlreadyExists')) this.recordClaimEvent('create', set, pod, claim, e);
        }
      } else if (existing.metadata.deletionTimestamp) {
        errs.push(new Error(`pvc ${name} is being deleted`));
      }
    }
    const err = aggregate(errs);
    if (err) throw err;
  }

  private getClaim(namespace: string | undefined, name: string) {
    return this.ctx.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', namespace, name);
  }

  /** recordPodEvent: `<verb> Pod <pod> in StatefulSet <set> successful` / `… failed error: <err>`. */
  recordPodEvent(verb: string, set: StatefulSet, pod: Pod, err?: Error): void {
    const podName = pod.metadata?.name ?? '';
    const setName = set.metadata?.name ?? '';
    if (!err) {
      this.ctx.recorder.event(
        set,
        'Normal',
        `Successful${title(verb)}`,
        `${verb.toLowerCase()} Pod ${podName} in StatefulSet ${setName} successful`,
        COMPONENT,
      );
    } else {
      this.ctx.recorder.event(
        set,
        'Warning',
        `Failed${title(verb)}`,
        `${verb.toLowerCase()} Pod ${podName} in StatefulSet ${setName} failed error: ${err.message}`,
        COMPONENT,
      );
    }
  }

  /** recordClaimEvent: `<verb> Claim <pvc> Pod <pod> in StatefulSet <set> success` / `… for Pod … failed error: …`. */
  recordClaimEvent(
    verb: string,
    set: StatefulSet,
    pod: Pod,
    claim: PersistentVolumeClaim,
    err?: Error,
  ): void {
    const podName = pod.metadata?.name ?? '';
    const setName = set.metadata?.name ?? '';
    const claimName = claim.metadata?.name ?? '';
    if (!err) {
      this.ctx.recorder.event(
        set,
        'Normal',
        `Successful${title(verb)}`,
        `${verb.toLowerCase()} Claim ${claimName} Pod ${podName} in StatefulSet ${setName} success`,
        COMPONENT,
      );
    } else {
      this.ctx.recorder.event(
        set,
        'Warning',
        `Failed${title(verb)}`,
        `${verb.toLowerCase()} Claim ${claimName} for Pod ${podName} in StatefulSet ${setName} failed error: ${err.message}`,
        COMPONENT,
      );
    }
  }
}
