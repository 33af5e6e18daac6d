/**
 * `kubectl delete pod NAME --wait=false`: an outside disruption. The pod is the i-th (modulo the
 * count) of the workload's non-terminating pods in creation order, so the choice does not depend on
 * generated names.
 */
import { FuzzCommand } from '../model';
import type { Model } from '../model';
import type { Real } from '../real';

export class DeletePodCommand extends FuzzCommand {
  constructor(readonly index: number) {
    super();
  }

  apply(_m: Model, r: Real): void {
    const pods = r.pods().filter((p) => !p.metadata.deletionTimestamp);
    if (!pods.length) return;
    const pod = pods[this.index % pods.length];
    r.kubectl(`kubectl delete pod ${pod.metadata.name} --wait=false`);
  }

  toString(): string {
    return `deletePod(${this.index})`;
  }
}
