/** The engine's public surface. Code outside engine/ imports from here. */
export { createCluster, Cluster, DEFAULT_SEED, makeNode } from './cluster';
export type { ClusterInit } from './cluster';
export * from './api/types';
export * from './api/errors';
export * from './api/kinds';
export * from './api/selectors';
export * from './api/time';
export { Store, objectKey, keyOf, controllerUid } from './store/store';
export type { WatchEvent, Action, DeleteOptions, WriteOptions } from './store/store';
export { Runtime, NotSettledError, formatMs } from './runtime/runtime';
export { Trace, replay } from './trace/trace';
export type { TraceRecord } from './trace/trace';
export { EventRecorder } from './events/recorder';
export * from './controllers/context';
export { deepClone, deepEqual, canonicalJson } from './util/clone';
export { resolve, resolvesToPod, lookup, CLUSTER_DOMAIN } from './dns';
export type { AdmissionPlugin } from './store/store';
