/**
 * Adoption and release by controller ownerReferences: `claimObject` and `ClaimPods` of
 * pkg/controller/controller_ref_manager.go (statefulset.md §4 gives the same table).
 *
 *   owned by us,  matches           → claimed (even while we are being deleted)
 *   owned by us,  does not match    → released (ownerRef removed), unless we are being deleted
 *   orphan,       matches           → adopted (controller ownerRef added) unless we or it are being
 *                                      deleted; the first adoption of a pass re-reads the controller
 *                                      and refuses all adoptions if it is being deleted or was
 *                                      replaced by another object of the same name (uid differs)
 *   owned by another controller     → ignored
 * NotFound while adopting or releasing means the object is gone: ignored. Other errors are collected
 * and returned together; the caller retries later.
 */
import type { KObject } from '../../api/types';
import { controllerRefOf } from '../../api/pod';
import { ApiError } from '../../api/errors';

export interface ClaimOps<T> {
  /**
   * canAdopt (RecheckDeletionTimestamp): throws when adoption must not happen. Called at most once per
   * claim pass, and only if an adoption is attempted.
   */
  canAdopt(): void;
  adopt(obj: T): void;
  release(obj: T): void;
}

export interface ClaimResult<T> {
  claimed: T[];
  adopted: T[];
  released: T[];
  errors: Error[];
}

function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && err.reason === 'NotFound';
}

/** claimObject for each object: what it means for `controller` to own the objects `match` accepts. */
export function claimObjects<T extends KObject>(
  controller: KObject,
  objects: readonly T[],
  match: (obj: T) => boolean,
  ops: ClaimOps<T>,
): ClaimResult<T> {
  const uid = controller.metadata?.uid;
  const beingDeleted = !!controller.metadata?.deletionTimestamp;
  const result: ClaimResult<T> = { claimed: [], adopted: [], released: [], errors: [] };
  let canAdoptErr: Error | null | undefined;
  const canAdopt = (): Error | null => {
    if (canAdoptErr === undefined) {
      try {
        ops.canAdopt();
        canAdoptErr = null;
      } catch (err) {
        canAdoptErr = err instanceof Error ? err : new Error(String(err));
      }
    }
    return canAdoptErr;
  };

  for (const obj of objects) {
    const ref = controllerRefOf(obj);
    if (ref) {
      if (ref.uid !== uid) continue; // owned by another controller
      if (match(obj)) {
        result.claimed.push(obj);
        continue;
      }
      if (beingDeleted) continue;
      try {
        ops.release(obj);
        result.released.push(obj);
      } catch (err) {
        if (!isNotFound(err)) result.errors.push(err as Error);
      }
      continue;
    }
    // An orphan.
    if (beingDeleted || !match(obj) || obj.metadata?.deletionTimestamp) continue;
    const refusal = canAdopt();
    if (refusal) {
      const m = obj.metadata ?? {};
      result.errors.push(
        new Error(`can't adopt ${obj.kind ?? 'Pod'} ${m.namespace}/${m.name} (${m.uid}): ${refusal.message}`),
      );
      continue;
    }
    try {
      ops.adopt(obj);
      result.claimed.push(obj);
      result.adopted.push(obj);
    } catch (err) {
      if (!isNotFound(err)) result.errors.push(err as Error);
    }
  }
  return result;
}

/** utilerrors.NewAggregate: one error as itself, several as `[a, b]`. */
export function aggregate(errors: readonly Error[]): Error | undefined {
  if (errors.length === 0) return undefined;
  if (errors.length === 1) return errors[0];
  return new Error(`[${errors.map((e) => e.message).join(', ')}]`);
}
