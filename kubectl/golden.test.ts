/**
 * Golden tests: each kubectl/testdata/*.txt holds commands run against the printer fixture
 * (testdata/fixtures.ts) with their exact stdout, stderr and exit status. Outputs of client-side
 * printers (describe, -o yaml/json/jsonpath/custom-columns) were checked against a real kubectl 1.35
 * through kubectl/dev (differential runner); tables follow the API server's printers.
 * Regenerate with UPDATE_GOLDEN=1 node scripts/unit.js kubectl/golden.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runKubectl } from './index';
import { buildFixture } from './testdata/fixtures';

const dir = path.join(__dirname, 'testdata');

interface Case {
  cmd: string;
  stdout: string;
  stderr: string;
  exit: number;
}

function parse(text: string): Case[] {
  const cases: Case[] = [];
  const blocks = text.split(/^\$ /m).filter((b) => b.trim() !== '');
  for (const b of blocks) {
    const nl = b.indexOf('\n');
    const cmd = b.slice(0, nl);
    const rest = b.slice(nl + 1);
    const m = /^([\s\S]*?)--- stderr\n([\s\S]*?)--- exit (\d+)\s*$/.exec(rest);
    if (!m) throw new Error(`bad golden block for ${cmd}`);
    let stdout = m[1];
    if (stdout.endsWith(NO_NEWLINE)) stdout = stdout.slice(0, -NO_NEWLINE.length);
    cases.push({ cmd, stdout, stderr: m[2], exit: Number(m[3]) });
  }
  return cases;
}

/** Marks stdout that does not end with a newline (jsonpath output). */
const NO_NEWLINE = '\n--- (no newline at end of stdout)\n';

function render(c: Case): string {
  const out = c.stdout === '' || c.stdout.endsWith('\n') ? c.stdout : c.stdout + NO_NEWLINE;
  return `$ ${c.cmd}\n${out}--- stderr\n${c.stderr}--- exit ${c.exit}\n`;
}

for (const file of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  test(`golden ${file}`, () => {
    const full = path.join(dir, file);
    const cases = parse(fs.readFileSync(full, 'utf8'));
    const cluster = buildFixture();
    const actual = cases.map((c) => {
      const r = runKubectl(cluster, c.cmd);
      return { cmd: c.cmd, stdout: r.stdout, stderr: r.stderr, exit: r.exitCode };
    });
    if (process.env.UPDATE_GOLDEN) {
      fs.writeFileSync(full, actual.map(render).join('\n'));
      return;
    }
    for (let i = 0; i < cases.length; i++) assert.equal(render(actual[i]), render(cases[i]), cases[i].cmd);
  });
}
