/**
 * The seam the fuzzer plugs into: a verb with a start stage runs during `kube-scenario start`, after
 * the features, with start's seed; the results it writes (reports/fuzz.ts) appear in the reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerVerb, start } from './main';
import type { StartContext } from './main';
import { FUZZ_SCHEMA } from '../reports/fuzz';

test('start runs the start stages after the features and reports their fuzz results', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-scenario-start-'));
  const seen: StartContext[] = [];
  registerVerb({
    name: 'fake-fuzz',
    summary: 'a stand-in for the fuzz verb',
    usage: 'kube-scenario fake-fuzz',
    examples: [],
    run: async () => 0,
    async startStage(ctx) {
      seen.push(ctx);
      // The features ran first: their messages are on disk.
      assert.ok(
        fs.readFileSync(path.join(ctx.outDir, 'messages.ndjson'), 'utf8').includes('testRunFinished'),
      );
      fs.writeFileSync(
        ctx.resultsFile,
        JSON.stringify({
          schema: FUZZ_SCHEMA,
          campaigns: [
            {
              name: 'recreate never overlaps',
              behaviours: ['deployment.recreate'],
              seed: Number(ctx.seed),
              numRuns: 5,
              runs: 5,
              status: 'passed',
              counterexamples: [],
            },
          ],
        }),
      );
      return 0;
    },
  });
  const code = await start({
    paths: ['test/fixtures/report/statefulset.feature'],
    formats: ['summary'],
    out,
    seed: '5',
    wallClock: false,
  });
  assert.equal(code, 0);
  assert.deepEqual(seen, [{ seed: '5', outDir: out, resultsFile: path.join(out, 'fuzz.json') }]);
  const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
  assert.equal(report.fuzz.length, 1);
  assert.equal(
    report.behaviours.find((b: { id: string }) => b.id === 'deployment.recreate').status,
    'passing',
  );
  assert.match(fs.readFileSync(path.join(out, 'report.html'), 'utf8'), /recreate never overlaps/);
  assert.match(fs.readFileSync(path.join(out, 'junit.xml'), 'utf8'), /<testsuite name="fuzz" tests="1"/);
});
