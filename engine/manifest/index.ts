/** Manifests: YAML → API objects with source lines, and applying them as `kubectl apply` does. */
export { loadManifests, parseFieldPath, ManifestError, DEFAULT_MAX_ALIAS_COUNT } from './load';
export type { LoadOptions, LoadResult, ManifestDoc, ManifestWarning, ManifestProblem } from './load';
export {
  applyObject,
  applyErrorMessage,
  kubectlObjectName,
  threeWayMerge,
  LAST_APPLIED_ANNOTATION,
} from './apply';
export type { ApplyOutcome } from './apply';
