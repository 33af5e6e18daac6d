import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slowStartBatch } from './slowstart';

// TestSlowStartBatch (pkg/controller/replicaset/replica_set_test.go), plus the batch sizes.
const cases: {
  name: string;
  count: number;
  callLimit: number;
  successes: number;
  calls: number;
  batches: number[];
  error: boolean;
}[] = [
  {
    name: 'callLimit = 0 (all fail)',
    count: 10,
    callLimit: 0,
    successes: 0,
    calls: 1,
    batches: [1],
    error: true,
  },
  {
    name: 'callLimit = count (all succeed): 1+2+4+3',
    count: 10,
    callLimit: 10,
    successes: 10,
    calls: 10,
    batches: [1, 2, 4, 3],
    error: false,
  },
  {
    name: 'callLimit < count (some succeed): 1+2+4, the 4-batch fails',
    count: 10,
    callLimit: 5,
    successes: 5,
    calls: 7,
    batches: [1, 2, 4],
    error: true,
  },
  {
    name: 'a burst of 500: 1+2+…+128+245',
    count: 500,
    callLimit: 500,
    successes: 500,
    calls: 500,
    batches: [1, 2, 4, 8, 16, 32, 64, 128, 245],
    error: false,
  },
  { name: 'nothing to do', count: 0, callLimit: 0, successes: 0, calls: 0, batches: [], error: false },
];

for (const c of cases) {
  test(`slowStartBatch: ${c.name}`, () => {
    let calls = 0;
    const r = slowStartBatch(c.count, 1, () => {
      calls++;
      if (calls > c.callLimit) throw new Error('fake error');
    });
    assert.equal(r.successes, c.successes);
    assert.equal(calls, c.calls);
    assert.deepEqual(r.batches, c.batches);
    assert.equal(r.error?.message, c.error ? 'fake error' : undefined);
  });
}
