/**
 * `kubectl set image KIND/NAME app=IMAGE`: a rollout to a good image, to one that cannot be pulled
 * or to one whose containers crash on start.
 */
import { FuzzCommand, target } from '../model';
import type { Model } from '../model';
import type { Real } from '../real';
import { CONTAINER, isFaulty } from '../images';

export class SetImageCommand extends FuzzCommand {
  constructor(readonly image: string) {
    super();
  }

  apply(m: Model, r: Real): void {
    if (isFaulty(this.image)) r.faultyImagesUsed.add(this.image);
    r.kubectl(`kubectl set image ${target(m)} ${CONTAINER}=${this.image}`);
  }

  toString(): string {
    return `setImage(${this.image})`;
  }
}
