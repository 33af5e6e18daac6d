/**
 * Time: `When N seconds pass` lets a rollout get part of the way before the next operation (so
 * operations interleave with controller work); `When the cluster settles` runs it to quiescence,
 * after which a workload with no fault left must have converged.
 */
import { FuzzCommand } from '../model';
import type { Model } from '../model';
import type { Real } from '../real';

export class TimePassesCommand extends FuzzCommand {
  constructor(readonly seconds: number) {
    super();
  }

  apply(_m: Model, r: Real): void {
    r.advance(this.seconds);
  }

  toString(): string {
    return `wait(${this.seconds}s)`;
  }
}

export class SettleCommand extends FuzzCommand {
  apply(_m: Model, r: Real): void {
    r.settleStep();
  }

  override run(m: Model, r: Real): void {
    this.apply(m, r);
    r.assertSafety();
    r.assertLiveness();
  }

  toString(): string {
    return 'settle';
  }
}
