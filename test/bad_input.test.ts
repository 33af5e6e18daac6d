/**
 * Bad input (malformed YAML, an invalid manifest, an unknown step, a failed assertion) fails its
 * step with a message that names the feature file and line, never with a bare stack trace. Runs
 * cucumber-js on a fixture feature kept outside features/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const feature = 'test/fixtures/bad_input/bad_input.feature';

function runCucumber(): { status: number | null; out: string } {
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/.bin/cucumber-js'), feature, '--format', 'summary'],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    },
  );
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('bad input fails its step with file:line messages and no stack trace', () => {
  const { status, out } = runCucumber();
  assert.equal(status, 1, out);
  const expected = [
    `${feature}:10: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    `${feature}:21: The ReplicaSet "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`,
    '? Given the cluster is made of cheese',
    'pod "web" is in the wrong phase: web is Running; expected Failed',
    'deployment "nope" does not exist',
    'deployment "web" had 2 available pods at 2s (after pod/',
    'deleted by replicaset-controller); expected at least 3 at every instant of the window from 2s to',
    'the engine does not model the feature gate "NoSuchGate"; it models "MaxUnavailableStatefulSet"',
    '7 scenarios (6 failed, 1 undefined)',
  ];
  for (const text of expected) assert.ok(out.includes(text), `missing ${JSON.stringify(text)} in:\n${out}`);
  const stackLines = out.split('\n').filter((l) => /^\s+at .+[:(]\d+:\d+\)?$/.test(l));
  assert.deepEqual(stackLines, [], 'no stack trace lines');
});
