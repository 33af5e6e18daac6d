/**
 * Readiness faults (steps.md "Pods and faults"): `When the readiness probe of pod "NAME" fails` on
 * the i-th live pod of the workload, and `… passes again` on the i-th pod whose probe was made to
 * fail. A failing probe is an outside disruption and a fault: no convergence is claimed while one
 * remains.
 */
import { FuzzCommand } from '../model';
import type { Model } from '../model';
import { quoteParam } from '../real';
import type { Real } from '../real';

export class ReadinessFailsCommand extends FuzzCommand {
  constructor(readonly index: number) {
    super();
  }

  apply(_m: Model, r: Real): void {
    const faults = r.cluster.faults.readiness;
    const pods = r
      .pods()
      .filter((p) => !p.metadata.deletionTimestamp && faults.get(p.metadata.uid) !== false);
    if (!pods.length) return;
    const pod = pods[this.index % pods.length];
    r.record(`the readiness probe of pod ${quoteParam(pod.metadata.name)} fails`);
    r.cluster.faults.setReadiness(pod.metadata.uid, false);
  }

  toString(): string {
    return `readinessFails(${this.index})`;
  }
}

export class ReadinessPassesCommand extends FuzzCommand {
  constructor(readonly index: number) {
    super();
  }

  apply(_m: Model, r: Real): void {
    const faults = r.cluster.faults.readiness;
    const pods = r.pods().filter((p) => faults.get(p.metadata.uid) === false);
    if (!pods.length) return;
    const pod = pods[this.index % pods.length];
    r.record(`the readiness probe of pod ${quoteParam(pod.metadata.name)} passes again`);
    r.cluster.faults.setReadiness(pod.metadata.uid, true);
  }

  toString(): string {
    return `readinessPasses(${this.index})`;
  }
}
