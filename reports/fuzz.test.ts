/** The fuzz results file the report reads: accepted as documented, rejected with the field named. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FUZZ_SCHEMA, parseFuzzFile } from './fuzz';

const campaign = {
  name: 'p',
  behaviours: ['deployment.recreate'],
  seed: 42,
  numRuns: 100,
  status: 'failed',
  counterexamples: [
    { seed: 42, path: '0:1', replayPath: 'x.feature', commands: ['A()'], error: 'e', feature: 'Feature: x' },
  ],
};

test('a valid file parses; runs defaults to numRuns', () => {
  const f = parseFuzzFile(JSON.stringify({ schema: FUZZ_SCHEMA, campaigns: [campaign] }));
  assert.equal(f.campaigns[0].runs, 100);
  assert.equal(f.campaigns[0].counterexamples[0].replayPath, 'x.feature');
});

const bad: [string, unknown, RegExp][] = [
  ['not JSON', '{', /not JSON/],
  ['a wrong schema', { schema: 'x', campaigns: [] }, /schema: must be/],
  [
    'a bad status',
    { schema: FUZZ_SCHEMA, campaigns: [{ ...campaign, status: 'ok' }] },
    /campaigns\[0\]\.status/,
  ],
  [
    'a counterexample without a path',
    { schema: FUZZ_SCHEMA, campaigns: [{ ...campaign, counterexamples: [{ seed: 1, error: 'e' }] }] },
    /counterexamples\[0\]\.path/,
  ],
  [
    'a seed that is not a number',
    { schema: FUZZ_SCHEMA, campaigns: [{ ...campaign, seed: '1' }] },
    /campaigns\[0\]\.seed: must be a number/,
  ],
];
for (const [name, doc, error] of bad)
  test(`a file with ${name} is rejected, naming the field`, () => {
    assert.throws(() => parseFuzzFile(typeof doc === 'string' ? doc : JSON.stringify(doc)), error);
  });
