/** Manifests: YAML → API objects with source lines, and API rejections pinned to those lines. */
export { loadManifests, parseFieldPath, ManifestError, DEFAULT_MAX_ALIAS_COUNT } from './load';
export type { LoadOptions, LoadResult, ManifestDoc, ManifestWarning, ManifestProblem } from './load';
export { applyErrorMessage } from './errors';
