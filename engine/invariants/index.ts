/** Invariants: pure predicates over the trace, shared by Then steps, fuzz properties and reports. */
export * from './timeline';
export * from './rollout';
export * from './statefulset';
export * from './monitor';
export * from './convergence';
export * from './window';
