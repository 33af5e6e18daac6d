/**
 * The model of model-based testing: what the commands need to know to decide whether they apply
 * (fast-check calls `check(model)` before running a command and leaves out the ones that return
 * false). The oracle is not the model but the invariants: the monitor checks safety on every state
 * change of the real cluster, and the workload must converge whenever the cluster settles with no
 * fault left.
 */
import type fc from 'fast-check';
import type { Real } from './real';
import type { WorkloadKind } from './manifests';

export interface Model {
  kind: WorkloadKind;
  name: string;
  /** A Deployment paused with `kubectl rollout pause` (pause only applies when not, resume when so). */
  paused: boolean;
  /** A StatefulSet with the OnDelete strategy (no partition to patch). */
  onDelete: boolean;
}

/**
 * A fuzz operation. `apply` acts on the real cluster (recording the step that reproduces it);
 * `run` then asserts the safety invariants, so a counterexample stops at the operation during
 * which an invariant first broke.
 */
export abstract class FuzzCommand implements fc.Command<Model, Real> {
  check(m: Readonly<Model>): boolean {
    void m;
    return true;
  }

  run(m: Model, r: Real): void {
    this.apply(m, r);
    r.assertSafety();
  }

  abstract apply(m: Model, r: Real): void;
  abstract toString(): string;
}

/** `deployment/web` or `statefulset/db`. */
export function target(m: Readonly<Model>): string {
  return `${m.kind}/${m.name}`;
}
