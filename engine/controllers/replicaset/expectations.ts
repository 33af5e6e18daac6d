/**
 * Controller expectations (pkg/controller/controller_utils.go: `ControllerExpectations`,
 * `UIDTrackingControllerExpectations`). After a sync issues N creates (or deletes) it records that it
 * expects to observe them; until the watch has delivered all of them, or 5 minutes have passed
 * (`ExpectationsTimeout`), further syncs of that controller only write status. Deletions are tracked
 * by pod key (`namespace/name`), so a pod seen first with a deletionTimestamp and later as removed
 * counts once.
 *
 * Example (TestControllerBurstReplicas, burst 5, 30 replicas): a sync creates 5 and expects 5; four
 * observed creations leave add = 1 and the next sync creates nothing; the fifth observation satisfies
 * the expectations and the following sync creates the next 5.
 */

/** ExpectationsTimeout: 5 minutes. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

export interface ControlleeExpectations {
  add: number;
  del: number;
  /** Virtual time the expectations were set. */
  timestamp: number;
}

export class UIDTrackingExpectations {
  private readonly expectations = new Map<string, ControlleeExpectations>();
  /** controller key → keys of pods whose deletion is still expected. */
  private readonly deleteKeys = new Map<string, Set<string>>();

  get(controllerKey: string): ControlleeExpectations | undefined {
    return this.expectations.get(controllerKey);
  }

  /** Pod keys whose deletion controllerKey still waits for. */
  pendingDeletions(controllerKey: string): ReadonlySet<string> {
    return this.deleteKeys.get(controllerKey) ?? new Set();
  }

  /**
   * SatisfiedExpectations: true when there are none, when they are fulfilled (add ≤ 0 and del ≤ 0),
   * or when they were set more than 5 minutes ago.
   */
  satisfied(controllerKey: string, now: number): boolean {
    const e = this.expectations.get(controllerKey);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return now - e.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  /** SetExpectations: replaces what was expected before. */
  set(controllerKey: string, add: number, del: number, now: number): void {
    this.expectations.set(controllerKey, { add, del, timestamp: now });
  }

  /** ExpectCreations: expect `adds` pod creations (and no deletions). */
  expectCreations(controllerKey: string, adds: number, now: number): void {
    this.set(controllerKey, adds, 0, now);
  }

  /** ExpectDeletions: expect the deletion of exactly these pods. */
  expectDeletions(controllerKey: string, podKeys: readonly string[], now: number): void {
    const keys = new Set(podKeys);
    this.deleteKeys.set(controllerKey, keys);
    this.set(controllerKey, 0, keys.size, now);
  }

  /** CreationObserved: one expected creation was seen (or will never happen). */
  creationObserved(controllerKey: string): void {
    const e = this.expectations.get(controllerKey);
    if (e) e.add--;
  }

  /** DeletionObserved: counts only for a pod whose deletion was expected, and only once. */
  deletionObserved(controllerKey: string, podKey: string): void {
    const keys = this.deleteKeys.get(controllerKey);
    if (!keys || !keys.has(podKey)) return;
    keys.delete(podKey);
    const e = this.expectations.get(controllerKey);
    if (e) e.del--;
  }

  /** DeleteExpectations: forget everything about a controller (it was deleted). */
  delete(controllerKey: string): void {
    this.expectations.delete(controllerKey);
    this.deleteKeys.delete(controllerKey);
  }
}
