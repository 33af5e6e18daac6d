/**
 * `kubectl rollout undo KIND/NAME [--to-revision=N]`: back to the previous template (a Deployment
 * renumbers the old ReplicaSet, a StatefulSet reuses its ControllerRevision). Without history kubectl
 * fails; the feature then records `When I try to run`.
 */
import { FuzzCommand, target } from '../model';
import type { Model } from '../model';
import type { Real } from '../real';

export class RollbackCommand extends FuzzCommand {
  constructor(readonly toRevision: number | undefined) {
    super();
  }

  apply(m: Model, r: Real): void {
    const to = this.toRevision === undefined ? '' : ` --to-revision=${this.toRevision}`;
    r.kubectl(`kubectl rollout undo ${target(m)}${to}`);
  }

  toString(): string {
    return this.toRevision === undefined ? 'rollback()' : `rollback(${this.toRevision})`;
  }
}
