/** `kube-scenario fuzz`: flags, exit status, files written, replay from a written replay file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDuration, parseKinds, parseShard, progressPrinter, runFuzzVerb } from './fuzz';
import { parseFuzzFile } from '../../reports/fuzz';
import { UsageError } from '../args';

function sink(isTTY = false) {
  let text = '';
  return { out: { write: (s: string) => void (text += s), isTTY }, text: () => text };
}

test('durations, shards and kinds', () => {
  assert.equal(parseDuration('60s'), 60_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('500ms'), 500);
  assert.throws(() => parseDuration('soon'), UsageError);
  assert.deepEqual(parseShard('2/8'), { index: 2, count: 8 });
  assert.throws(() => parseShard('8/8'), /0 ≤ I < N/);
  assert.deepEqual(parseKinds('statefulset,deployment'), ['statefulset', 'deployment']);
  assert.throws(() => parseKinds('daemonset'), /--kinds takes deployment, statefulset/);
});

test('progress: a bar on a terminal, a line every tenth otherwise', () => {
  const tty = sink(true);
  progressPrinter(
    tty.out,
    'fuzz',
  )({ done: 5, total: 10, failures: 0, elapsedMs: 1000, scenarios: 5, stateChanges: 50 });
  assert.match(tty.text(), /^\rfuzz \[#{12}-{12}\] 5\/10 runs · 5\.0 scenarios\/s · 0 counterexamples/);
  const plain = sink();
  const p = progressPrinter(plain.out, 'fuzz');
  for (let done = 1; done <= 20; done++)
    p({ done, total: 20, failures: 0, elapsedMs: 10, scenarios: done, stateChanges: 0 });
  assert.equal(plain.text().split('\n').filter(Boolean).length, 10);
});

test('a clean campaign exits 0 and writes results the reports read', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-fuzz-'));
  const { out, text } = sink();
  const code = await runFuzzVerb(
    ['--seed', '1', '--runs', '4', '--max-replicas', '4', '--out', dir],
    out,
    sink().out,
  );
  assert.equal(code, 0, text());
  const file = parseFuzzFile(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
  assert.deepEqual(
    file.campaigns.map((c) => [c.status, c.runs, c.numRuns]),
    [
      ['passed', 4, 4],
      ['passed', 4, 4],
    ],
  );
  assert.match(text(), /no counterexample; results in /);
});

test('a planted bug: exit 1, a feature and a replay file; --replay FILE reproduces it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-fuzz-'));
  const { out } = sink();
  const args = [
    '--seed',
    '1',
    '--runs',
    '10',
    '--kinds',
    'statefulset',
    '--max-replicas',
    '6',
    '--max-ops',
    '10',
  ];
  const code = await runFuzzVerb(
    [...args, '--plant', 'partition-ignored', '--shard', '0/1', '--out', dir],
    out,
    sink().out,
  );
  assert.equal(code, 1);
  const files = fs.readdirSync(dir).sort();
  const feature = files.find((f) => f.endsWith('.feature'))!;
  assert.match(feature, /^statefulset-update-strategy-[0-9a-f]+\.feature$/);
  assert.ok(files.includes('results-0-of-1.json'));
  const replay = sink();
  const again = await runFuzzVerb(
    ['--replay', path.join(dir, feature.replace('.feature', '.replay.json'))],
    replay.out,
  );
  assert.equal(again, 1);
  assert.match(replay.text(), /^reproduced: statefulset "db" deleted pod/);
  assert.ok(replay.text().includes(fs.readFileSync(path.join(dir, feature), 'utf8')));
});

test('usage errors name the problem', async () => {
  await assert.rejects(runFuzzVerb(['--runs', '3', '--time', '1s']), /exclude each other/);
  await assert.rejects(
    runFuzzVerb(['--plant', 'nope']),
    /unknown planted bug "nope"; known: surge-rounded-down/,
  );
});
