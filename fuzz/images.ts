/**
 * The images a fuzzed workload uses: three that work, one that cannot be pulled and one whose
 * containers crash on start (steps.md "Inputs"). A scenario's feature declares the faulty ones it
 * uses with `Given the image "…" cannot be pulled` / `Given containers of image "…" crash on start`.
 */
import type { ImageBehaviour } from '../engine';

export const CONTAINER = 'app';
export const GOOD_IMAGES = ['app:v1', 'app:v2', 'app:v3'] as const;
export const UNPULLABLE_IMAGE = 'app:unpullable';
export const CRASHING_IMAGE = 'app:crash';

export const FAULTY_IMAGES: ReadonlyMap<string, ImageBehaviour> = new Map<string, ImageBehaviour>([
  [UNPULLABLE_IMAGE, 'unpullable'],
  [CRASHING_IMAGE, 'crash'],
]);

export function isFaulty(image: string | undefined): boolean {
  return image !== undefined && FAULTY_IMAGES.has(image);
}

/** The Given step that declares a faulty image. */
export function faultStep(image: string): string {
  return FAULTY_IMAGES.get(image) === 'crash'
    ? `containers of image "${image}" crash on start`
    : `the image "${image}" cannot be pulled`;
}
