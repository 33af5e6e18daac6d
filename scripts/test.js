#!/usr/bin/env node
// `npm test`: type-check, lint, format check, unit tests and properties, then the Gherkin features.
// Prints a plain closing line `N passed, N failed` counting unit tests and scenarios together.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
const gateFailures = [];

function run(title, cmd, args, opts = {}) {
  process.stdout.write(`\n== ${title}\n`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...(opts.env || {}) },
    maxBuffer: 1 << 28,
  });
  const out = (r.stdout || '') + (r.stderr || '');
  if (!opts.quiet || r.status !== 0) process.stdout.write(out);
  return { status: r.status ?? 1, out };
}

const gates = [
  ['type-check (tsc --noEmit)', bin('tsc'), ['-p', '.', '--noEmit']],
  ['lint (eslint)', bin('eslint'), ['.']],
  ['format (prettier --check)', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
];
for (const [title, cmd, args] of gates) {
  const r = run(title, cmd, args, { quiet: true });
  if (r.status !== 0) {
    failed++;
    gateFailures.push(title);
  } else {
    passed++;
    process.stdout.write('ok\n');
  }
}

const unit = run(
  'unit tests and properties (node --test)',
  process.execPath,
  [path.join(root, 'scripts/unit.js')],
  {
    env: { UNIT_REPORTER: 'tap' },
    quiet: true,
  },
);
const pass = /^# pass (\d+)/m.exec(unit.out);
const fail = /^# fail (\d+)/m.exec(unit.out);
const unitPassed = pass ? Number(pass[1]) : 0;
const unitFailed = fail ? Number(fail[1]) : unit.status === 0 ? 0 : 1;
passed += unitPassed;
failed += unitFailed;
if (unitFailed === 0) process.stdout.write(`${unitPassed} unit tests passed\n`);
else
  process.stdout.write(
    unit.out
      .split('\n')
      .filter((l) => /^\s*(not ok|# )/.test(l) || /Error|expected|actual/.test(l))
      .slice(0, 200)
      .join('\n') + '\n',
  );

const feat = run(
  'features (cucumber-js)',
  bin('cucumber-js'),
  ['--format', 'summary', '--format', 'message:out/test/messages.ndjson'],
  {
    env: { FORCE_COLOR: '0' },
  },
);
const m = /^(\d+) scenarios? \(([^)]*)\)/m.exec(feat.out);
let scenarios = 0;
if (m) {
  scenarios = Number(m[1]);
  const f = /(\d+) failed/.exec(m[2]);
  const u = /(\d+) undefined/.exec(m[2]);
  const a = /(\d+) ambiguous/.exec(m[2]);
  const p = /(\d+) passed/.exec(m[2]);
  passed += p ? Number(p[1]) : 0;
  failed += (f ? Number(f[1]) : 0) + (u ? Number(u[1]) : 0) + (a ? Number(a[1]) : 0);
} else if (feat.status !== 0) {
  failed++;
}
if (scenarios === 0) {
  process.stdout.write('no scenario ran\n');
  failed++;
}
if (feat.status !== 0 && failed === 0) failed++;
if (gateFailures.length) process.stdout.write(`\nfailed gates: ${gateFailures.join(', ')}\n`);
fs.mkdirSync(path.join(root, 'out'), { recursive: true });
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
