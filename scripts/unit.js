#!/usr/bin/env node
// Runs every *.test.ts beside the code with Node's test runner (ts-node, transpile-only).
// Node 20's --test does not expand globs, so the files are listed here.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dirs = ['engine', 'kubectl', 'steps', 'fuzz', 'reports', 'cli', 'test', 'bench'];

function collect(dir, out) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) collect(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(path.relative(root, p));
  }
}

const filter = process.argv.slice(2);
const files = [];
for (const d of dirs) collect(path.join(root, d), files);
const selected = filter.length ? files.filter((f) => filter.some((x) => f.includes(x))) : files;
if (selected.length === 0) {
  console.error('no unit test files found');
  process.exit(1);
}
const reporter = process.env.UNIT_REPORTER || 'spec';
const r = spawnSync(
  process.execPath,
  ['--require', 'ts-node/register/transpile-only', '--test', `--test-reporter=${reporter}`, ...selected],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' } },
);
process.exit(r.status ?? 1);
