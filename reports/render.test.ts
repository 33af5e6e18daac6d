/**
 * Golden tests of the renderers on the fixture run (test/fixtures/report/messages.ndjson), after
 * the model has dropped cucumber's ids and times: JSON (also checked against report.schema.json),
 * HTML and JUnit. UPDATE_GOLDEN=1 rewrites the golden files in test/golden/report/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FUZZ_SCHEMA } from './fuzz';
import type { FuzzFile } from './fuzz';
import { buildReport } from './model';
import { expectedCharts, renderHtml } from './render_html';
import { renderJson } from './render_json';
import { renderJunit } from './render_junit';
import { TimeAxis, timelineSvg } from './render_svg';
import { checkGolden, checkSchema, fixtureCatalogue, fixtureEnvelopes, reportSchema } from './testing';

const fuzz: FuzzFile = {
  schema: FUZZ_SCHEMA,
  campaigns: [
    {
      name: 'a rolling update never exceeds replicas + maxSurge',
      behaviours: ['deployment.rolling.surge-bound'],
      seed: 1,
      numRuns: 20,
      runs: 4,
      status: 'failed',
      counterexamples: [
        {
          seed: 1,
          path: '3:1:0',
          replayPath: 'CCCBAA:A',
          featureFile: 'out/fuzz/counterexample-1.feature',
          commands: ['CreateDeployment(web, 3)', 'SetImage(web, nginx:2)', 'AdvanceClock(1s)'],
          error: 'deployment "web" had 5 pods; the ceiling is 4',
          feature: 'Feature: counterexample\n  Scenario: shrunk\n    Given the manifest:\n',
        },
      ],
    },
  ],
};
const report = () => buildReport(fixtureEnvelopes(), fixtureCatalogue(), { version: '0.0.0-test', fuzz });

test('JSON: matches the golden file and the documented schema', () => {
  const r = report();
  const json = renderJson(r);
  assert.deepEqual(checkSchema(JSON.parse(json), reportSchema()), []);
  assert.equal(checkGolden('report.json', json), undefined);
});

test('JSON with the wall-clock section still follows the schema', () => {
  const r = buildReport(fixtureEnvelopes(), fixtureCatalogue(), { version: '0', wallClock: true });
  assert.deepEqual(checkSchema(JSON.parse(renderJson(r)), reportSchema()), []);
});

test('JUnit: matches the golden file; one testcase per scenario, failures with their messages', () => {
  const xml = renderJunit(report());
  assert.equal(checkGolden('junit.xml', xml), undefined);
  assert.equal((xml.match(/<testcase /g) ?? []).length, 5 + 1);
  assert.equal((xml.match(/<failure /g) ?? []).length, 3);
  assert.match(xml, /Nearest known phrasings:/);
  assert.doesNotMatch(xml, /time="/);
});

test('HTML: matches the golden file, is self-contained and has a chart per charted scenario', () => {
  const r = report();
  const html = renderHtml(r);
  assert.equal(checkGolden('report.html', html), undefined);
  assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/i, 'no external resources');
  assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org\/2000\/svg)/, 'no URLs but the SVG namespace');
  assert.equal((html.match(/<svg class="timeline"/g) ?? []).length, expectedCharts(r));
  assert.equal(expectedCharts(r), 5);
  assert.match(html, /data-charts-expected="5"/);
  assert.match(html, /class="failure"/, 'the failed assertion is marked');
  assert.match(html, /Nearest known phrasings/);
  assert.match(html, /Counterexample 1/);
});

test('the time axis is monotonic and gives short stretches room beside long ones', () => {
  const axis = new TimeAxis([0, 2000, 7000, 607000], 607000);
  const xs = [0, 1000, 2000, 4000, 7000, 300000, 607000].map((t) => axis.x(t));
  for (let i = 1; i < xs.length; i++) assert.ok(xs[i] > xs[i - 1]);
  // The 5-second rollout gets more than a tenth of the width next to a 10-minute wait.
  assert.ok((axis.x(7000) - axis.x(2000)) / (axis.x(607000) - axis.x(0)) > 0.1);
});

test('a timeline without workloads draws nothing', () => {
  assert.equal(timelineSvg({ version: 1, seed: 1, end: 0, steps: [], workloads: [], commands: [] }, 'x'), '');
});
