/** Flag parsing of the kube-scenario verbs: values, repeats, and errors that name what is allowed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseFlags,
  parseReportArgs,
  parseRunArgs,
  RUN_FLAGS,
  seedValue,
  START_FLAGS,
  UsageError,
} from './args';

test('run: paths, tags, seed, parallel, formats, out', () => {
  assert.deepEqual(
    parseRunArgs([
      'features/deployment',
      'features/x.feature:12',
      '--tags',
      '@b:deployment.recreate',
      '--seed=42',
      '--parallel',
      '2',
      '-f',
      'pretty',
      '--format',
      'junit:out/cucumber.xml',
      '--out',
      'build',
      '--wall-clock',
    ]),
    {
      paths: ['features/deployment', 'features/x.feature:12'],
      tags: '@b:deployment.recreate',
      seed: '42',
      parallel: 2,
      formats: ['pretty', 'junit:out/cucumber.xml'],
      out: 'build',
      wallClock: true,
    },
  );
});

test('run: defaults; repeated --tags are ANDed; --name repeats', () => {
  const o = parseRunArgs(['-t', '@a or @b', '--tags', 'not @slow', '--name', 'x', '--name', 'y']);
  assert.equal(o.tags, '(@a or @b) and (not @slow)');
  assert.deepEqual(o.name, ['x', 'y']);
  assert.equal(o.out, 'out');
  assert.deepEqual(o.formats, []);
  assert.equal(o.wallClock, false);
});

const errors: [string, string[], RegExp][] = [
  [
    'an unknown flag, naming the allowed ones',
    ['--tag', '@x'],
    /unknown flag --tag for "run" \(did you mean -t, --tags EXPR\?\); allowed: -t, --tags EXPR, --name REGEX, --seed S, --parallel N/,
  ],
  ['a flag without its value', ['--seed'], /--seed needs a value: --seed S/],
  ['a flag followed by another flag', ['--out', '--seed', '1'], /--out needs a value/],
  [
    'a parallel count that is not a number',
    ['--parallel', 'two'],
    /--parallel must be a whole number ≥ 0, not "two"/,
  ],
  ['a negative parallel count', ['--parallel=-1'], /--parallel must be a whole number/],
  [
    'an unknown format',
    ['--format', 'xml'],
    /unknown format "xml"; allowed: progress, progress-bar, pretty, summary/,
  ],
  ['a format that is no module path', ['--format', 'My Formatter'], /neither a cucumber format/],
  ['a value for a switch', ['--wall-clock=yes'], /--wall-clock takes no value/],
  ['a single-valued flag twice', ['--seed', '1', '--seed', '2'], /--seed is given twice/],
];
for (const [name, args, error] of errors)
  test(`run rejects ${name}`, () => {
    assert.throws(
      () => parseRunArgs(args),
      (err: unknown) => err instanceof UsageError && error.test((err as Error).message),
    );
  });

test('start takes flags only, no paths', () => {
  assert.equal(parseRunArgs(['--seed', '7'], START_FLAGS, 'start').seed, '7');
  assert.throws(
    () => parseRunArgs(['features'], START_FLAGS, 'start'),
    /"start" takes no arguments, only flags \(got "features"\)/,
  );
  assert.throws(
    () => parseRunArgs(['--tags', 'x'], START_FLAGS, 'start'),
    /unknown flag --tags for "start"; allowed: --seed S, --parallel N, --out DIR, --wall-clock/,
  );
});

test('a custom formatter module passes', () => {
  assert.deepEqual(parseRunArgs(['--format', './my_formatter.js:out/x.txt']).formats, [
    './my_formatter.js:out/x.txt',
  ]);
});

test('report: defaults and flags', () => {
  assert.deepEqual(parseReportArgs([]), { from: 'out/messages.ndjson', noFuzz: false, wallClock: false });
  assert.deepEqual(parseReportArgs(['--from', 'a/m.ndjson', '--out', 'b', '--fuzz', 'f.json']), {
    from: 'a/m.ndjson',
    out: 'b',
    fuzz: 'f.json',
    noFuzz: false,
    wallClock: false,
  });
  assert.throws(() => parseReportArgs(['--fuzz', 'f', '--no-fuzz']), /exclude each other/);
  assert.throws(() => parseReportArgs(['stray']), /"report" takes no arguments/);
});

test('-- ends the flags', () => {
  assert.deepEqual(parseFlags(['--seed', '1', '--', '--odd-path'], RUN_FLAGS, 'run').positional, [
    '--odd-path',
  ]);
});

test('seeds: numbers become numbers, the rest stays text', () => {
  assert.equal(seedValue('42'), 42);
  assert.equal(seedValue('abc'), 'abc');
  assert.equal(seedValue('99999999999999999999'), '99999999999999999999');
});
