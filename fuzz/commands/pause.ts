/** `kubectl rollout pause|resume deployment/NAME`: a paused Deployment scales but does not roll out. */
import { FuzzCommand, target } from '../model';
import type { Model } from '../model';
import type { Real } from '../real';

export class PauseCommand extends FuzzCommand {
  constructor(readonly pause: boolean) {
    super();
  }

  override check(m: Readonly<Model>): boolean {
    return m.kind === 'deployment' && m.paused !== this.pause;
  }

  apply(m: Model, r: Real): void {
    if (r.kubectl(`kubectl rollout ${this.pause ? 'pause' : 'resume'} ${target(m)}`) === 0)
      m.paused = this.pause;
  }

  toString(): string {
    return this.pause ? 'pause' : 'resume';
  }
}
