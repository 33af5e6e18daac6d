/**
 * The behaviour catalogue: it loads, every id is unique and well formed, every description uses RFC
 * 2119 words, every spec reference names a heading of ../shared/spec (when that folder is there),
 * and the conformance entries are the upstream ones, copied unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { behaviourIds, checkSpecReference, loadCatalogue, parseCatalogue } from './catalogue';

const specDir = path.resolve(__dirname, '..', '..', 'shared', 'spec');
const haveSpec = fs.existsSync(specDir);

test('the shipped catalogue loads, with a few dozen behaviours over every area', () => {
  const c = loadCatalogue();
  assert.ok(c.behaviours.length >= 40, `${c.behaviours.length} behaviours`);
  assert.deepEqual(
    c.areas.map((a) => a.id),
    ['deployment', 'replicaset', 'statefulset', 'storage', 'services', 'pods', 'kubectl'],
  );
  for (const a of c.areas)
    assert.ok(
      c.behaviours.some((b) => b.area === a.id),
      `area ${a.id} has behaviours`,
    );
  // The Deployment and StatefulSet specs are the main sources.
  assert.ok(
    c.behaviours.filter((b) => b.sources.spec.some((s) => s.startsWith('deployment.md'))).length >= 20,
  );
  assert.ok(
    c.behaviours.filter((b) => b.sources.spec.some((s) => s.startsWith('statefulset.md'))).length >= 20,
  );
});

test(
  'every spec reference names a heading of ../shared/spec',
  { skip: !haveSpec && 'no ../shared/spec here' },
  () => {
    const problems = loadCatalogue()
      .behaviours.flatMap((b) => b.sources.spec.map((s) => checkSpecReference(s, specDir)))
      .filter(Boolean);
    assert.deepEqual(problems, []);
  },
);

test(
  'the conformance entries are the upstream ones, unchanged',
  { skip: !haveSpec && 'no ../shared/spec here' },
  () => {
    const upstream = parse(fs.readFileSync(path.join(specDir, 'conformance-apps.yaml'), 'utf8')) as Record<
      string,
      string
    >[];
    const ours = loadCatalogue().conformance.map(({ id: _id, ...rest }) => rest);
    assert.equal(ours.length, upstream.length);
    ours.forEach((e, i) => {
      const u = upstream[i];
      assert.deepEqual(e, {
        testname: u.testname,
        codename: u.codename,
        description: u.description,
        release: String(u.release),
        file: u.file,
      });
    });
  },
);

const conformance = `- id: c1
  testname: T
  codename: C
  description: D
  release: v1.9
  file: f.go
`;
const areas = 'areas:\n  - id: deployment\n    title: Deployment\n';

const bad: [string, string, RegExp][] = [
  [
    'duplicate id',
    `${areas}behaviours:\n  - {id: a.b, area: deployment, title: t, description: It MUST., sources: {spec: [x.md §1]}}\n  - {id: a.b, area: deployment, title: t, description: It MUST., sources: {spec: [x.md §1]}}\n`,
    /defined twice/,
  ],
  [
    'unknown area',
    `${areas}behaviours:\n  - {id: a.b, area: nope, title: t, description: It MUST., sources: {spec: [x.md §1]}}\n`,
    /unknown area "nope"/,
  ],
  [
    'no RFC 2119 word',
    `${areas}behaviours:\n  - {id: a.b, area: deployment, title: t, description: It does., sources: {spec: [x.md §1]}}\n`,
    /RFC 2119/,
  ],
  [
    'unknown conformance id',
    `${areas}behaviours:\n  - {id: a.b, area: deployment, title: t, description: It MUST., sources: {conformance: [zz]}}\n`,
    /unknown conformance id "zz"/,
  ],
  [
    'bad id',
    `${areas}behaviours:\n  - {id: A_B, area: deployment, title: t, description: It MUST., sources: {spec: [x.md §1]}}\n`,
    /dotted lower-case/,
  ],
  [
    'no source',
    `${areas}behaviours:\n  - {id: a.b, area: deployment, title: t, description: It MUST.}\n`,
    /at least one source/,
  ],
];
for (const [name, yaml, error] of bad)
  test(`a catalogue with ${name} is rejected`, () => {
    assert.throws(() => parseCatalogue(yaml, conformance), error);
  });

test('behaviour tags are @b:<id>; other tags are ignored and repeats dropped', () => {
  assert.deepEqual(
    behaviourIds(['@timeline', '@b:deployment.recreate', '@b:x.y', '@b:deployment.recreate', '@b:']),
    ['deployment.recreate', 'x.y'],
  );
});

test('spec references must name an existing heading', { skip: !haveSpec && 'no ../shared/spec here' }, () => {
  assert.equal(checkSpecReference('deployment.md §6.4', specDir), undefined);
  assert.equal(checkSpecReference('steps.md §Commands', specDir), undefined);
  assert.match(checkSpecReference('deployment.md §99', specDir)!, /no heading "99"/);
  assert.match(checkSpecReference('nope.md §1', specDir)!, /no file nope.md/);
  assert.match(checkSpecReference('deployment.md 6.4', specDir)!, /not of the form/);
});
