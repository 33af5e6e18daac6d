/**
 * JUnit XML at scenario granularity: one <testsuite> per feature, one <testcase> per scenario, with
 * the first failure's message (undefined steps name the nearest known phrasings). No wall-clock
 * times: CI tools accept a missing `time`, and the file stays identical from run to run.
 */
import type { Report, ScenarioReport } from './model';

function xml(s: string): string {
  return (
    s
      // Characters XML 1.0 cannot carry at all.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

function firstLine(s: string): string {
  const line = s.split('\n').find((l) => l.trim()) ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

const FAILING = new Set(['failed', 'undefined', 'ambiguous', 'pending', 'unfinished']);

function stepsText(s: ScenarioReport): string {
  return s.steps.map((x) => `${x.status.padEnd(9)} ${x.keyword} ${x.text}`).join('\n');
}

function testcase(s: ScenarioReport, classname: string): string {
  const head = `    <testcase classname="${xml(classname)}" name="${xml(s.name)}" file="${xml(s.uri)}" line="${s.line}">`;
  let body = '';
  if (FAILING.has(s.status)) {
    let message = s.error ?? `scenario ${s.status}`;
    if (s.status === 'unfinished') message = 'the run was interrupted before this scenario finished';
    const undef = s.steps.find((x) => x.status === 'undefined');
    let detail = message;
    if (undef?.suggestions?.length)
      detail += `\nNearest known phrasings:\n${undef.suggestions.map((x) => `  ${x}`).join('\n')}`;
    const failingStep = s.steps.find((x) => x.status !== 'passed');
    const type = s.status === 'failed' ? 'failed' : s.status;
    body += `\n      <failure type="${xml(type)}" message="${xml(firstLine(message))}">${xml(
      `${failingStep ? `${s.uri}:${failingStep.line}: ${failingStep.keyword} ${failingStep.text}\n` : ''}${detail}`,
    )}</failure>`;
  } else if (s.status === 'skipped') body += `\n      <skipped message="skipped"/>`;
  body += `\n      <system-out>${xml(stepsText(s))}</system-out>`;
  return `${head}${body}\n    </testcase>`;
}

export function renderJunit(r: Report): string {
  const seeds = r.run.seeds.map(String).join(',');
  const properties = `    <properties>
      <property name="kube-scenario.version" value="${xml(r.tool.version)}"/>
      <property name="seed" value="${xml(seeds)}"/>
      <property name="complete" value="${r.run.complete}"/>
    </properties>`;
  const suites = r.features.map((f) => {
    const failures = f.scenarios.filter((s) => FAILING.has(s.status)).length;
    const skipped = f.scenarios.filter((s) => s.status === 'skipped').length;
    return `  <testsuite name="${xml(f.name)}" tests="${f.scenarios.length}" failures="${failures}" errors="0" skipped="${skipped}" file="${xml(f.uri)}">\n${properties}\n${f.scenarios
      .map((s) => testcase(s, f.name))
      .join('\n')}\n  </testsuite>`;
  });
  const all = r.features.flatMap((f) => f.scenarios);
  const failures = all.filter((s) => FAILING.has(s.status)).length;
  const skipped = all.filter((s) => s.status === 'skipped').length;
  const fuzz = r.fuzz.map((c) => {
    const cx = c.counterexamples[0];
    const body =
      c.status === 'failed' && cx
        ? `\n      <failure type="counterexample" message="${xml(firstLine(cx.error))}">${xml(
            `seed ${cx.seed} path ${cx.path}${cx.replayPath ? ` replayPath ${cx.replayPath}` : ''}${cx.featureFile ? `\nreplay: ${cx.featureFile}` : ''}\n${cx.commands.join('\n')}\n\n${cx.error}`,
          )}</failure>\n    `
        : '';
    return `    <testcase classname="fuzz" name="${xml(c.name)}">${body}</testcase>`;
  });
  const fuzzSuite = fuzz.length
    ? `\n  <testsuite name="fuzz" tests="${fuzz.length}" failures="${r.fuzz.filter((c) => c.status === 'failed').length}" errors="0" skipped="0">\n${fuzz.join('\n')}\n  </testsuite>`
    : '';
  const fuzzFailures = r.fuzz.filter((c) => c.status === 'failed').length;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="kube-scenario" tests="${all.length + fuzz.length}" failures="${failures + fuzzFailures}" errors="0" skipped="${skipped}">
${suites.join('\n')}${fuzzSuite}
</testsuites>
`;
}
