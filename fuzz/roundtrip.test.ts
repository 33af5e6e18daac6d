/**
 * The round trip through cucumber: a counterexample pasted into features/ fails with its planted bug
 * (the `@planted-bug` hook plants it when the world parameter `plantBugs` is true) and passes
 * without; a feature the fuzzer has just written fails for the reason the fuzzer reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PLANTED_BUG_CATALOGUE, runPlantedBug } from './planted';

const root = path.resolve(__dirname, '..');

function cucumber(feature: string, worldParameters?: object): Promise<{ code: number; out: string }> {
  const args = [path.join(root, 'node_modules', '.bin', 'cucumber-js'), feature, '--format', 'summary'];
  if (worldParameters) args.push('--world-parameters', JSON.stringify(worldParameters));
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

test('features/properties/planted-surge.feature fails with surge-rounded-down planted and passes without', async () => {
  const feature = 'features/properties/planted-surge.feature';
  const [planted, clean] = await Promise.all([cucumber(feature, { plantBugs: true }), cucumber(feature)]);
  assert.equal(clean.code, 0, clean.out);
  assert.equal(planted.code, 1, planted.out);
  assert.match(planted.out, /its rollout bounds require at least 1 \(replicas 1 − maxUnavailable 0\)/);
});

test('a freshly emitted counterexample fails under cucumber with the message the fuzzer reported', async () => {
  const entry = PLANTED_BUG_CATALOGUE.find((e) => e.id === 'claim-deleted-with-pod')!;
  const row = runPlantedBug(entry);
  assert.ok(row.feature);
  const dir = path.join(root, 'out', 'test', 'fuzz-roundtrip');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'claim-deleted-with-pod.feature');
  fs.writeFileSync(file, row.feature);
  const reported = /^# Fails: (.*) \(after /m.exec(row.feature)![1];
  const r = await cucumber(path.relative(root, file), { plantBugs: true });
  assert.equal(r.code, 1, r.out);
  assert.ok(r.out.includes(reported), `cucumber's failure contains "${reported}":\n${r.out}`);
});
