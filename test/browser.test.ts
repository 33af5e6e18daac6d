/**
 * The HTML report in a real browser: headless Chromium (Debian's `chromium`) opens a report built
 * from the fixture run, a probe script in the page records script errors, counts the timeline charts
 * that actually rendered (non-empty boxes) and tries the scenario filter; `--dump-dom` brings the
 * probe's findings back. A screenshot goes to out/browser/report.png for people to look at.
 *
 * Without Chromium the test is skipped locally and fails in CI (CI=true), where .ci/run installs it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCatalogue } from '../reports/catalogue';
import { buildReport } from '../reports/model';
import { expectedCharts, renderHtml } from '../reports/render_html';
import { fixtureEnvelopes } from '../reports/testing';

const root = path.resolve(__dirname, '..');

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_BIN, 'chromium', 'chromium-browser', 'google-chrome'].filter(
    (c): c is string => !!c,
  );
  for (const c of candidates) {
    const r = spawnSync(c, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    if (r.status === 0) return c;
  }
  return undefined;
}

const chromium = findChromium();
const inCI = process.env.CI === 'true' || process.env.CI === '1';
const skip =
  !chromium && !inCI ? 'chromium is not installed (apt-get install -y chromium); CI runs this check' : false;

/** Runs in the page before anything else: keeps every error and console.error. */
const EARLY = `<script>
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push('error: ' + (e.message || e.type)); });
window.addEventListener('unhandledrejection', function (e) { window.__errors.push('unhandled rejection: ' + e.reason); });
(function () { var err = console.error; console.error = function () { window.__errors.push('console.error: ' + Array.prototype.join.call(arguments, ' ')); return err.apply(console, arguments); }; })();
</script>`;

/** Runs after the page's own script: measures the charts and tries the filter. */
const LATE = `<script>
(function () {
  var main = document.querySelector('main');
  var charts = Array.prototype.slice.call(document.querySelectorAll('svg.timeline'));
  var drawn = charts.filter(function (svg) {
    var r = svg.getBoundingClientRect();
    return r.width > 300 && r.height > 100 && svg.querySelectorAll('path').length > 2;
  }).length;
  var button = document.querySelector('.filters button[data-filter="failed"]');
  if (button) button.click();
  var passed = Array.prototype.slice.call(document.querySelectorAll('.scenario.st-passed'));
  var hiddenAfterFilter = passed.filter(function (s) { return s.getBoundingClientRect().height === 0; }).length;
  var probe = {
    errors: window.__errors,
    expected: Number(main && main.getAttribute('data-charts-expected')),
    charts: charts.length,
    drawn: drawn,
    failureMarks: document.querySelectorAll('svg.timeline g.failure').length,
    passed: passed.length,
    hiddenAfterFilter: hiddenAfterFilter,
    title: document.title
  };
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = 'PRO' + 'BE' + JSON.stringify(probe) + 'EB' + 'ORP';
  document.body.appendChild(pre);
})();
</script>`;

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-scenario-chromium-'));
  const r = spawnSync(
    chromium!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--no-first-run',
      '--disable-extensions',
      `--user-data-dir=${profile}`,
      '--enable-logging=stderr',
      '--v=0',
      ...args,
    ],
    { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 27 },
  );
  fs.rmSync(profile, { recursive: true, force: true });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

test(
  'the HTML report renders in Chromium: no script errors, every chart drawn, filters work',
  { skip },
  () => {
    if (!chromium)
      assert.fail(
        'chromium is not installed: the browser check needs it in CI (apt-get install -y chromium; .ci/run does this)',
      );
    const report = buildReport(fixtureEnvelopes(), loadCatalogue(), { version: 'browser-test' });
    const html = renderHtml(report);
    const dir = path.join(root, 'out', 'browser');
    fs.mkdirSync(dir, { recursive: true });
    const page = path.join(dir, 'report.html');
    const probe = path.join(dir, 'probe.html');
    fs.writeFileSync(page, html);
    fs.writeFileSync(
      probe,
      html.replace('<head>', `<head>\n${EARLY}`).replace('</body>', `${LATE}\n</body>`),
    );

    const dom = run(['--virtual-time-budget=5000', '--dump-dom', `file://${probe}`]);
    const m = /PROBE(\{.*\})EBORP/.exec(dom.stdout);
    assert.ok(m, `the probe did not report (status ${dom.status}):\n${dom.stderr.slice(-3000)}`);
    const found = JSON.parse(m[1]) as {
      errors: string[];
      expected: number;
      charts: number;
      drawn: number;
      failureMarks: number;
      passed: number;
      hiddenAfterFilter: number;
      title: string;
    };
    assert.deepEqual(found.errors, [], 'script errors in the page');
    const consoleErrors = dom.stderr.split('\n').filter((l) => /CONSOLE/.test(l) && /Uncaught|Error/.test(l));
    assert.deepEqual(consoleErrors, [], 'console errors in the browser log');
    assert.equal(found.expected, expectedCharts(report));
    assert.ok(found.expected > 0);
    assert.equal(found.charts, found.expected, 'every scenario with workloads has a chart');
    assert.equal(found.drawn, found.charts, 'every chart has a visible box and its lines');
    assert.equal(found.failureMarks, 1, 'the failed assertion is marked');
    assert.ok(found.passed > 0);
    assert.equal(found.hiddenAfterFilter, found.passed, 'the "not passed" filter hides the passed scenarios');
    assert.match(found.title, /kube-scenario report/);

    const png = path.join(dir, 'report.png');
    fs.rmSync(png, { force: true });
    const shot = run(['--window-size=1280,2400', `--screenshot=${png}`, `file://${page}`]);
    assert.ok(fs.existsSync(png), `no screenshot (status ${shot.status}):\n${shot.stderr.slice(-2000)}`);
    const bytes = fs.readFileSync(png);
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(bytes.length > 20_000, `a ${bytes.length}-byte screenshot is too small to show the report`);
  },
);
