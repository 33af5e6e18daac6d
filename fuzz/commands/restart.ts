/** `kubectl rollout restart KIND/NAME`: a new template (the restartedAt annotation), so a rollout. */
import { FuzzCommand, target } from '../model';
import type { Model } from '../model';
import type { Real } from '../real';

export class RestartCommand extends FuzzCommand {
  apply(m: Model, r: Real): void {
    r.kubectl(`kubectl rollout restart ${target(m)}`);
  }

  toString(): string {
    return 'restart';
  }
}
