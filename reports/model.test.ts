/**
 * The report model, from the fixture run (test/fixtures/report) and from hand-made message streams:
 * statuses, the failure instant, suggestions, coverage, problems, retries, interrupted runs, and no
 * trace of cucumber's random ids or wall-clock times.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalogue } from './catalogue';
import type { Envelope } from './messages';
import { parseNdjson } from './messages';
import { buildReport } from './model';
import { FUZZ_SCHEMA } from './fuzz';
import type { FuzzFile } from './fuzz';
import { fixtureEnvelopes } from './testing';

const catalogue = loadCatalogue();
const build = (envs: readonly Envelope[], extra: { fuzz?: FuzzFile; wallClock?: boolean } = {}) =>
  buildReport(envs, catalogue, { version: '9.9.9', ...extra });

test('the fixture run: statuses, counts and seeds', () => {
  const r = build(fixtureEnvelopes());
  assert.equal(r.schema, 'kube-scenario/report@1');
  assert.equal(r.run.complete, true);
  assert.equal(r.run.success, false);
  assert.deepEqual(r.run.seeds, [7]);
  const byId = Object.fromEntries(r.features.flatMap((f) => f.scenarios).map((s) => [s.id, s.status]));
  assert.deepEqual(byId, {
    'test/fixtures/report/rollout.feature:35': 'passed',
    'test/fixtures/report/rollout.feature:66': 'failed',
    'test/fixtures/report/rollout.feature:94': 'undefined',
    'test/fixtures/report/statefulset.feature:36': 'passed',
    'test/fixtures/report/statefulset.feature:42': 'passed',
  });
  assert.deepEqual(
    {
      total: r.run.scenarios.total,
      passed: r.run.scenarios.passed,
      failed: r.run.scenarios.failed,
      undefined: r.run.scenarios.undefined,
    },
    { total: 5, passed: 3, failed: 1, undefined: 1 },
  );
  assert.deepEqual(
    r.features.map((f) => f.uri),
    ['test/fixtures/report/rollout.feature', 'test/fixtures/report/statefulset.feature'],
  );
});

test('a failed timeline assertion carries the instant it broke and the change that led to it', () => {
  const s = build(fixtureEnvelopes()).features[0].scenarios[1];
  const f = s.timeline!.failure!;
  assert.equal(f.step, 3);
  assert.equal(f.time, 2000);
  assert.match(f.change!, /^pod\/web-\S+ deleted by replicaset-controller$/);
  assert.ok(typeof f.seq === 'number');
  assert.match(s.error!, /had 3 available pods at 2s/);
  assert.equal(s.steps[3].status, 'failed');
  assert.equal(s.steps[3].line, 92);
  assert.equal(s.steps[3].keyword, 'Then');
});

test('an undefined step comes with the nearest phrasings; the steps after it were skipped', () => {
  const s = build(fixtureEnvelopes()).features[0].scenarios[2];
  assert.equal(s.steps[1].status, 'undefined');
  assert.ok(s.steps[1].suggestions!.length > 0);
  assert.equal(s.steps[2].status, 'skipped');
  assert.equal(s.error, 'undefined step: When I scale deployment "web" to 6 replicas');
});

test('coverage: behaviour tags (feature and scenario), unknown tags, untagged scenarios', () => {
  const r = build(fixtureEnvelopes());
  const b = Object.fromEntries(r.behaviours.map((x) => [x.id, x]));
  // Feature-level tag: every scenario of rollout.feature, one of which failed.
  assert.equal(b['deployment.rolling.surge-bound'].status, 'failing');
  assert.equal(b['deployment.rolling.surge-bound'].scenarios.length, 3);
  assert.equal(b['deployment.rolling.availability-floor'].status, 'passing');
  assert.equal(b['statefulset.ordered-scale-up'].status, 'passing');
  assert.equal(b['deployment.recreate'].status, 'uncovered');
  assert.deepEqual(r.untagged, ['test/fixtures/report/statefulset.feature:42']);
  assert.deepEqual(r.problems, [
    'test/fixtures/report/statefulset.feature:36: @b:no.such-behaviour names no behaviour of the catalogue (reports/behaviours.yaml)',
  ]);
  const rolling = r.conformance.find((c) => c.id === 'deployment-rolling-update')!;
  assert.equal(rolling.status, 'failing');
  assert.deepEqual(rolling.behaviours, [
    'deployment.rolling.surge-bound',
    'deployment.rolling.availability-floor',
  ]);
  assert.equal(r.conformance.find((c) => c.id === 'pdb-crud')!.status, 'not-claimed');
  const deployment = r.areas.find((a) => a.id === 'deployment')!;
  assert.equal(
    deployment.passing + deployment.failing + deployment.incomplete + deployment.uncovered,
    deployment.total,
  );
});

test('no cucumber ids, timestamps or machine facts reach the model unless asked', () => {
  const envs = fixtureEnvelopes();
  const json = JSON.stringify(build(envs));
  assert.doesNotMatch(json, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, 'no UUIDs');
  assert.doesNotMatch(json, /"seconds":|"nanos":|linux|x64|cucumber-js/);
  const withClock = build(envs, { wallClock: true });
  assert.ok(withClock.wallClock?.startedAt);
  assert.equal(withClock.wallClock!.scenarios.length, 5);
  assert.match(withClock.wallClock!.environment!.implementation!, /cucumber-js/);
  assert.deepEqual({ ...withClock, wallClock: undefined }, { ...build(envs), wallClock: undefined });
});

test('a parallel run (test cases in another order, other ids) gives the same model', () => {
  const envs = fixtureEnvelopes();
  // Reverse the order in which test cases ran, and rename every id.
  const head = envs.filter(
    (e) =>
      !e.testCaseStarted &&
      !e.testStepStarted &&
      !e.testStepFinished &&
      !e.testCaseFinished &&
      !e.attachment &&
      !e.testRunFinished,
  );
  const runs = new Map<string, Envelope[]>();
  for (const e of envs) {
    const id =
      e.testCaseStarted?.id ??
      e.testStepStarted?.testCaseStartedId ??
      e.testStepFinished?.testCaseStartedId ??
      e.testCaseFinished?.testCaseStartedId ??
      e.attachment?.testCaseStartedId;
    if (id) runs.set(id, [...(runs.get(id) ?? []), e]);
  }
  const tail = envs.filter((e) => e.testRunFinished);
  const shuffled = [...head, ...[...runs.values()].reverse().flat(), ...tail];
  let n = 0;
  const ids = new Map<string, string>();
  const text = JSON.stringify(shuffled).replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    (u) => {
      if (!ids.has(u)) ids.set(u, `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`);
      return ids.get(u)!;
    },
  );
  assert.deepEqual(build(JSON.parse(text) as Envelope[]), build(envs));
});

test('an interrupted run: the stream stops mid-scenario, the report is partial but valid', () => {
  const envs = fixtureEnvelopes();
  const cut = envs.findIndex(
    (e, i) => e.testStepFinished && envs.slice(0, i).filter((x) => x.testCaseFinished).length === 1,
  );
  const r = build(envs.slice(0, cut + 1));
  assert.equal(r.run.complete, false);
  assert.equal(r.run.success, false);
  const statuses = r.features.flatMap((f) => f.scenarios).map((s) => s.status);
  assert.deepEqual(statuses, ['passed', 'unfinished', 'unfinished', 'unfinished', 'unfinished']);
  // The file itself may end with a half-written line.
  const ndjson = envs
    .slice(0, 40)
    .map((e) => JSON.stringify(e))
    .join('\n');
  assert.equal(parseNdjson(`${ndjson}\n{"testStepFini`).length, 40);
  assert.throws(() => parseNdjson(`{"a":1}\nnot json\n{"b":2}\n`), /line 2 is not a JSON message/);
});

test('retries: the last attempt counts, and the attempts are told', () => {
  const pickle = {
    id: 'p1',
    uri: 'f.feature',
    name: 'flaky',
    astNodeIds: ['s1'],
    tags: [{ name: '@b:deployment.recreate', astNodeId: 't' }],
    steps: [{ id: 'ps1', text: 'the cluster settles', astNodeIds: ['st1'] }],
  };
  const doc = {
    uri: 'f.feature',
    feature: {
      name: 'F',
      keyword: 'Feature',
      description: '',
      location: { line: 1 },
      tags: [],
      children: [
        {
          scenario: {
            id: 's1',
            keyword: 'Scenario',
            name: 'flaky',
            description: '',
            location: { line: 3 },
            tags: [],
            examples: [],
            steps: [{ id: 'st1', keyword: 'When ', text: 'the cluster settles', location: { line: 4 } }],
          },
        },
      ],
    },
  };
  const ts = { seconds: 0, nanos: 0 };
  const envs: Envelope[] = [
    { gherkinDocument: doc },
    { pickle },
    { testCase: { id: 'tc', pickleId: 'p1', testSteps: [{ id: 'x', pickleStepId: 'ps1' }] } },
    { testCaseStarted: { id: 'a0', testCaseId: 'tc', attempt: 0, timestamp: ts } },
    {
      testStepFinished: {
        testCaseStartedId: 'a0',
        testStepId: 'x',
        testStepResult: { status: 'FAILED', message: 'boom' },
        timestamp: ts,
      },
    },
    { testCaseFinished: { testCaseStartedId: 'a0', willBeRetried: true, timestamp: ts } },
    { testCaseStarted: { id: 'a1', testCaseId: 'tc', attempt: 1, timestamp: ts } },
    {
      testStepFinished: {
        testCaseStartedId: 'a1',
        testStepId: 'x',
        testStepResult: { status: 'PASSED' },
        timestamp: ts,
      },
    },
    { testCaseFinished: { testCaseStartedId: 'a1', willBeRetried: false, timestamp: ts } },
    { testRunFinished: { success: true, timestamp: ts } },
  ];
  const r = build(envs);
  const s = r.features[0].scenarios[0];
  assert.equal(s.status, 'passed');
  assert.equal(s.attempts, 2);
  assert.equal(s.id, 'f.feature:3');
  assert.equal(r.behaviours.find((b) => b.id === 'deployment.recreate')!.status, 'passing');
});

test('fuzz campaigns count as coverage of the behaviours they check; a counterexample fails the run', () => {
  const fuzz: FuzzFile = {
    schema: FUZZ_SCHEMA,
    campaigns: [
      {
        name: 'recreate never overlaps',
        behaviours: ['deployment.recreate'],
        seed: 1,
        numRuns: 50,
        runs: 50,
        status: 'passed',
        counterexamples: [],
      },
      {
        name: 'surge bound',
        behaviours: ['statefulset.history', 'no.such'],
        seed: 1,
        numRuns: 50,
        runs: 3,
        status: 'failed',
        counterexamples: [
          {
            seed: 1,
            path: '2:0',
            commands: ['ScaleDeployment(web, 5)'],
            error: 'too many pods',
            feature: 'Feature: x',
          },
        ],
      },
    ],
  };
  const envs = fixtureEnvelopes().filter(
    (e) => !e.testCase && !e.testCaseStarted && !e.testStepFinished && !e.testCaseFinished && !e.pickle,
  );
  const r = build(envs, { fuzz });
  const b = Object.fromEntries(r.behaviours.map((x) => [x.id, x]));
  assert.equal(b['deployment.recreate'].status, 'passing');
  assert.deepEqual(b['deployment.recreate'].fuzz, ['recreate never overlaps']);
  assert.equal(b['statefulset.history'].status, 'failing');
  assert.equal(r.run.success, false);
  assert.ok(r.problems.some((p) => p.includes('no.such')));
});

test('scenarios that a path:line, tag or name filter left out are not in the report', () => {
  const envs = fixtureEnvelopes();
  const keep = envs.find((e) => e.testCase)!.testCase!.id;
  const filtered = envs.filter(
    (e) =>
      (!e.testCase || e.testCase.id === keep) &&
      (!e.testCaseStarted || e.testCaseStarted.testCaseId === keep),
  );
  const r = build(filtered);
  assert.equal(r.run.scenarios.total, 1);
  assert.equal(r.run.scenarios.unfinished, 0);
  assert.deepEqual(
    r.features.map((f) => f.uri),
    ['test/fixtures/report/rollout.feature'],
  );
});
