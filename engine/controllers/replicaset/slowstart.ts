/**
 * slowStartBatch (pkg/controller/replicaset/replica_set.go): calls `fn` `count` times in batches of
 * 1, 2, 4, 8, … (each batch min(2 × previous, remaining)); after a batch with any failure the remaining
 * batches are skipped. Within a batch every call is made (upstream makes them concurrently).
 *
 * TestSlowStartBatch: count 10, all succeed → batches 1+2+4+3, 10 calls; only the first 5 succeed →
 * 1+2+4 = 7 calls, 5 successes and the error; all fail → 1 call.
 */

/** SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface SlowStartResult {
  successes: number;
  /** The first error of the failing batch. */
  error?: Error;
  /** Batch sizes attempted, in order. */
  batches: number[];
}

export function slowStartBatch(count: number, initialBatchSize: number, fn: () => void): SlowStartResult {
  let remaining = count;
  let successes = 0;
  const batches: number[] = [];
  for (let size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
    batches.push(size);
    let error: Error | undefined;
    for (let i = 0; i < size; i++) {
      try {
        fn();
        successes++;
      } catch (err) {
        error ??= err instanceof Error ? err : new Error(String(err));
      }
    }
    if (error) return { successes, error, batches };
    remaining -= size;
  }
  return { successes, batches };
}
