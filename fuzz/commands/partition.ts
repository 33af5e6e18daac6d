/**
 * `kubectl patch statefulset NAME -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":P}}}}'`:
 * a staged (canary) rollout; lowering the partition continues it.
 */
import { FuzzCommand } from '../model';
import type { Model } from '../model';
import type { Real } from '../real';

export class PartitionCommand extends FuzzCommand {
  constructor(readonly partition: number) {
    super();
  }

  override check(m: Readonly<Model>): boolean {
    return m.kind === 'statefulset' && !m.onDelete;
  }

  apply(m: Model, r: Real): void {
    const patch = JSON.stringify({
      spec: { updateStrategy: { rollingUpdate: { partition: this.partition } } },
    });
    r.kubectl(`kubectl patch statefulset ${m.name} -p '${patch}'`);
  }

  toString(): string {
    return `partition(${this.partition})`;
  }
}
