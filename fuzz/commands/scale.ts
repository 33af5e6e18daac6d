/** `kubectl scale KIND/NAME --replicas=N`: a scaling event (proportional scaling mid-rollout). */
import { FuzzCommand, target } from '../model';
import type { Model } from '../model';
import type { Real } from '../real';

export class ScaleCommand extends FuzzCommand {
  constructor(readonly replicas: number) {
    super();
  }

  apply(m: Model, r: Real): void {
    r.kubectl(`kubectl scale ${target(m)} --replicas=${this.replicas}`);
  }

  toString(): string {
    return `scale(${this.replicas})`;
  }
}
