/**
 * The kube-scenario command end to end, as a user runs it (bin/kube-scenario.js in a child process):
 * the same seed gives byte-identical reports, serial or parallel, and `report` rebuilds them from a
 * saved run; undefined steps get suggestions; --help works on every verb; bad flags name what is
 * allowed; Ctrl-C leaves a valid partial report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkSchema, reportSchema } from '../reports/testing';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin/kube-scenario.js');
const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env,
    maxBuffer: 1 << 26,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmp(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kube-scenario-${name}-`));
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
const fixture = 'test/fixtures/report/rollout.feature';
const fixtures = ['test/fixtures/report/rollout.feature', 'test/fixtures/report/statefulset.feature'];

test('two runs with one seed write identical reports; report rebuilds them from the saved messages', () => {
  const a = tmp('a');
  const b = tmp('b');
  const c = tmp('c');
  const ra = cli('run', ...fixtures, '--seed', '7', '--out', a, '--format', 'summary');
  const rb = cli('run', ...fixtures, '--seed', '7', '--out', b, '--format', 'summary');
  assert.equal(ra.status, 1, ra.stdout + ra.stderr);
  assert.equal(rb.status, 1);
  for (const f of ['report.json', 'report.html', 'junit.xml'])
    assert.equal(read(a, f), read(b, f), `${f} differs`);
  assert.notEqual(
    read(a, 'messages.ndjson'),
    read(b, 'messages.ndjson'),
    "cucumber's own stream has ids and times",
  );
  assert.deepEqual(checkSchema(JSON.parse(read(a, 'report.json')), reportSchema()), []);

  // What the user sees after cucumber's output.
  assert.match(
    ra.stdout,
    new RegExp(`Undefined step at ${fixture}:95: When I scale deployment "web" to 6 replicas`),
  );
  assert.match(ra.stdout, /Nearest known phrasings:\n {4}\{kind\} \{quoted\}/);
  assert.match(ra.stdout, /kube-scenario: 3 of 5 scenarios passed, 1 failed, 1 undefined · /);
  assert.match(ra.stdout, /HTML {3}.*report\.html {3}\(open file:\/\//);
  assert.match(ra.stdout, /warning: .*@b:no\.such-behaviour names no behaviour/);

  const rc = cli('report', '--from', path.join(a, 'messages.ndjson'), '--out', c);
  assert.equal(rc.status, 1, rc.stderr);
  for (const f of ['report.json', 'report.html', 'junit.xml'])
    assert.equal(read(c, f), read(a, f), `${f} rebuilt differs`);

  const other = tmp('seed8');
  cli('run', ...fixtures, '--seed', '8', '--out', other, '--format', 'summary');
  assert.notEqual(read(other, 'report.json'), read(a, 'report.json'), 'another seed, other pod names');
});

test('a parallel run writes the same report as a serial one', () => {
  const serial = tmp('serial');
  const parallel = tmp('parallel');
  cli('run', ...fixtures, '--seed', '3', '--out', serial, '--format', 'summary');
  const r = cli(
    'run',
    ...fixtures,
    '--seed',
    '3',
    '--out',
    parallel,
    '--parallel',
    '2',
    '--format',
    'summary',
  );
  assert.equal(r.status, 1, r.stderr);
  assert.equal(read(parallel, 'report.json'), read(serial, 'report.json'));
  assert.equal(read(parallel, 'report.html'), read(serial, 'report.html'));
});

test('--help on every verb shows its flags and examples', () => {
  const top = cli('--help');
  assert.equal(top.status, 0);
  for (const verb of ['run', 'report', 'start']) {
    assert.match(top.stdout, new RegExp(`^  ${verb} `, 'm'));
    const h = cli(verb, '--help');
    assert.equal(h.status, 0, verb);
    assert.match(h.stdout, /Usage:\n {2}kube-scenario /);
    assert.match(h.stdout, /Flags:\n/);
    assert.match(h.stdout, /Examples:\n {2}kube-scenario /);
    if (verb === 'run') assert.equal(cli('help', verb).stdout, h.stdout);
  }
});

test('bad flags and commands fail with status 2 and say what is allowed', () => {
  const r = cli('run', '--parallel', 'lots');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /kube-scenario run: --parallel must be a whole number ≥ 0, not "lots"/);
  const f = cli('report', '--form', 'x');
  assert.equal(f.status, 2);
  assert.match(
    f.stderr,
    /unknown flag --form for "report"; allowed: --from FILE, --out DIR, --fuzz FILE, --no-fuzz, --wall-clock/,
  );
  assert.match(f.stderr, /Run "kube-scenario report --help"/);
  const v = cli('fly');
  assert.equal(v.status, 2);
  assert.match(v.stderr, /unknown command "fly"/);
  const m = cli('report', '--from', path.join(tmp('none'), 'messages.ndjson'));
  assert.equal(m.status, 2);
  assert.match(m.stderr, /no message stream at .*messages\.ndjson \(run "kube-scenario run" first/);
});

test('Ctrl-C during a run leaves a valid, partial report', async () => {
  const out = tmp('sigint');
  const messages = path.join(out, 'messages.ndjson');
  const child = spawn(
    process.execPath,
    [bin, 'run', 'test/fixtures/report/slow', '--out', out, '--format', 'summary'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Wait until the first scenario has finished, then interrupt.
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 25));
    if (fs.existsSync(messages) && fs.readFileSync(messages, 'utf8').includes('"testCaseFinished"')) break;
  }
  child.kill('SIGINT');
  const code = await exited;
  assert.equal(code, 130, stderr);
  assert.match(stderr, /SIGINT: stopping; writing what ran so far/);
  assert.match(stderr, /The run was interrupted: the reports are partial/);
  const report = JSON.parse(read(out, 'report.json'));
  assert.deepEqual(checkSchema(report, reportSchema()), []);
  assert.equal(report.run.complete, false);
  assert.ok(report.run.scenarios.passed >= 1);
  assert.ok(report.run.scenarios.unfinished >= 1);
  assert.match(read(out, 'report.html'), /INTERRUPTED/);
  assert.match(read(out, 'junit.xml'), /the run was interrupted before this scenario finished/);
});
