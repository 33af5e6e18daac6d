/** Invariants: pure predicates over the trace, shared by Then steps, fuzz properties and reports. */
export * from './timeline';
