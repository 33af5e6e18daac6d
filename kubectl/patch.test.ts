/**
 * Patches: strategic merge patch application, the three-way patch `kubectl apply` sends (the expected
 * patch was captured from kubectl 1.35 against the same live object), merge patch and JSON patch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createThreeWayMergePatch,
  jsonPatch,
  mergePatch,
  PatchError,
  strategicMergePatch,
  type Json,
} from './patch';
import { goJson } from './json';
import { createCluster } from '../engine';
import { applyObjects, LAST_APPLIED } from './apply';
import { parseManifests } from './cmd/files';

type M = Record<string, Json>;
const dep = (containers: Json[], extra: M = {}): M => ({
  kind: 'Deployment',
  spec: { template: { spec: { containers, ...extra } } },
});

test('strategic merge patch: containers merge by name, new items first, $patch delete and replace', () => {
  const live = dep([
    { name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }] },
    { name: 'b', image: 'b:1' },
  ]);
  const cases: [string, M, Json[]][] = [
    [
      'change one container keeps the others and their fields',
      dep([{ name: 'b', image: 'b:2' }]),
      [
        { name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }] },
        { name: 'b', image: 'b:2' },
      ],
    ],
    [
      'a new container goes before the live ones (mergeSortedSlice)',
      dep([{ name: 'c', image: 'c:1' }]),
      [
        { name: 'c', image: 'c:1' },
        { name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }] },
        { name: 'b', image: 'b:1' },
      ],
    ],
    [
      '$patch: delete removes by merge key',
      dep([{ name: 'a', $patch: 'delete' }]),
      [{ name: 'b', image: 'b:1' }],
    ],
    [
      '$patch: replace replaces the list',
      dep([{ $patch: 'replace' }, { name: 'z', image: 'z' }]),
      [{ name: 'z', image: 'z' }],
    ],
    [
      'env merges by name, null deletes a field',
      dep([{ name: 'a', image: null, env: [{ name: 'Y', value: '2' }] }]),
      [
        {
          name: 'a',
          env: [
            { name: 'Y', value: '2' },
            { name: 'X', value: '1' },
          ],
        },
        { name: 'b', image: 'b:1' },
      ],
    ],
  ];
  for (const [what, patch, want] of cases) {
    const got = strategicMergePatch(live, patch, 'Deployment') as any;
    assert.deepEqual(got.spec.template.spec.containers, want, what);
  }
});

test('strategic merge patch: $setElementOrder, primitive lists, $retainKeys, replace-lists, errors', () => {
  const live: M = {
    kind: 'Deployment',
    metadata: { finalizers: ['a', 'b'] },
    spec: {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
      template: { spec: { containers: [{ name: 'a' }, { name: 'b' }], tolerations: [{ key: 'x' }] } },
    },
  };
  const got = strategicMergePatch(
    live,
    {
      metadata: { finalizers: ['c'], '$deleteFromPrimitiveList/finalizers': ['a'] },
      spec: {
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
            containers: [{ name: 'a', image: 'x' }],
            tolerations: [{ key: 'y' }],
          },
        },
      },
    },
    'Deployment',
  ) as any;
  // Go visits the patch keys in map order; here the list merges first ([c, a, b]) and the deletion follows
  assert.deepEqual(got.metadata.finalizers, ['c', 'b']);
  assert.deepEqual(got.spec.strategy, { type: 'Recreate' });
  assert.deepEqual(got.spec.template.spec.containers, [{ name: 'b' }, { name: 'a', image: 'x' }]);
  assert.deepEqual(got.spec.template.spec.tolerations, [{ key: 'y' }]);
  assert.throws(
    () => strategicMergePatch(live, dep([{ image: 'x' }]), 'Deployment'),
    (e: unknown) => e instanceof PatchError && /does not contain declared merge key: name/.test(e.message),
  );
});

test('three-way patch of kubectl apply equals kubectl 1.35 (v1 → v2 manifests)', () => {
  const cluster = createCluster({ controllers: [] });
  const read = (f: string) =>
    parseManifests(fs.readFileSync(path.join(__dirname, 'testdata/apply', f), 'utf8'), f).map(
      (m) => m.object,
    );
  const r1 = applyObjects(cluster, read('v1.yaml'));
  assert.equal(r1[0].line, 'deployment.apps/api created');
  const live = cluster.store.get('Deployment', 'default', 'api')!;
  assert.equal(
    live.metadata.annotations![LAST_APPLIED],
    '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"api","tier":"backend"},"name":"api","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"api"}},"strategy":{"rollingUpdate":{"maxSurge":1},"type":"RollingUpdate"},"template":{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"image":"nginx:1.14","name":"app","ports":[{"containerPort":80}]},{"args":["sleep","3600"],"image":"busybox","name":"side"}],"volumes":[{"emptyDir":{},"name":"data"}]}}}}\n',
  );
  const r2 = applyObjects(cluster, read('v2.yaml'));
  assert.equal(r2[0].line, 'deployment.apps/api configured');
  const expected =
    '{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"apps/v1\\",\\"kind\\":\\"Deployment\\",\\"metadata\\":{\\"annotations\\":{},\\"labels\\":{\\"app\\":\\"api\\"},\\"name\\":\\"api\\",\\"namespace\\":\\"default\\"},\\"spec\\":{\\"replicas\\":2,\\"selector\\":{\\"matchLabels\\":{\\"app\\":\\"api\\"}},\\"strategy\\":{\\"type\\":\\"Recreate\\"},\\"template\\":{\\"metadata\\":{\\"labels\\":{\\"app\\":\\"api\\"}},\\"spec\\":{\\"containers\\":[{\\"image\\":\\"redis\\",\\"name\\":\\"extra\\"},{\\"env\\":[{\\"name\\":\\"A\\",\\"value\\":\\"1\\"},{\\"name\\":\\"C\\",\\"value\\":\\"3\\"}],\\"image\\":\\"nginx:1.16\\",\\"name\\":\\"app\\",\\"ports\\":[{\\"containerPort\\":80}]}],\\"volumes\\":[{\\"hostPath\\":{\\"path\\":\\"/tmp\\"},\\"name\\":\\"data\\"}]}}}}\\n"},"labels":{"tier":null}},"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"},"template":{"spec":{"$setElementOrder/containers":[{"name":"extra"},{"name":"app"}],"$setElementOrder/volumes":[{"name":"data"}],"containers":[{"image":"redis","name":"extra"},{"$setElementOrder/env":[{"name":"A"},{"name":"C"}],"env":[{"name":"C","value":"3"},{"$patch":"delete","name":"B"}],"image":"nginx:1.16","name":"app"},{"$patch":"delete","name":"side"}],"volumes":[{"$retainKeys":["hostPath","name"],"emptyDir":null,"hostPath":{"path":"/tmp"},"name":"data"}]}}}}';
  assert.equal(goJson(r2[0].patch), expected);
  const after = cluster.store.get('Deployment', 'default', 'api') as any;
  assert.deepEqual(after.metadata.labels, { app: 'api' });
  assert.deepEqual(after.spec.strategy, { type: 'Recreate' });
  const spec = after.spec.template.spec;
  assert.deepEqual(
    spec.containers.map((c: any) => c.name),
    ['extra', 'app'],
  );
  assert.deepEqual(spec.containers[1].env, [
    { name: 'A', value: '1' },
    { name: 'C', value: '3' },
  ]);
  assert.equal(spec.volumes[0].emptyDir, undefined);
  assert.equal(spec.volumes[0].hostPath.path, '/tmp');
  const r3 = applyObjects(cluster, read('v2.yaml'));
  assert.equal(r3[0].line, 'deployment.apps/api unchanged');
});

test('three-way patch keeps fields nobody applied and removes applied ones dropped from the manifest', () => {
  const original = { kind: 'Deployment', spec: { replicas: 3, paused: true } };
  const modified = { kind: 'Deployment', spec: { replicas: 3 } };
  const current = { kind: 'Deployment', spec: { replicas: 5, paused: true, revisionHistoryLimit: 10 } };
  assert.deepEqual(createThreeWayMergePatch(original, modified, current, 'Deployment'), {
    spec: { paused: null, replicas: 3 },
  });
  assert.deepEqual(
    createThreeWayMergePatch(
      modified,
      modified,
      { kind: 'Deployment', spec: { replicas: 3, revisionHistoryLimit: 10 } },
      'Deployment',
    ),
    {},
  );
});

test('JSON merge patch (RFC 7386)', () => {
  assert.deepEqual(mergePatch({ a: 'b', c: { d: 'e', f: 'g' } }, { a: 'z', c: { f: null } }), {
    a: 'z',
    c: { d: 'e' },
  });
  assert.deepEqual(mergePatch({ a: [1, 2] }, { a: [3] }), { a: [3] });
  assert.deepEqual(mergePatch({ a: 1 }, { b: { c: null } }), { a: 1, b: {} });
});

test('JSON patch (RFC 6902)', () => {
  const doc = { spec: { replicas: 3, list: ['a', 'b'] }, x: 1 };
  assert.deepEqual(
    jsonPatch(doc, [
      { op: 'replace', path: '/spec/replicas', value: 2 },
      { op: 'add', path: '/spec/list/1', value: 'z' },
      { op: 'add', path: '/spec/list/-', value: 'end' },
      { op: 'remove', path: '/x' },
      { op: 'copy', from: '/spec/replicas', path: '/y' },
      { op: 'move', from: '/y', path: '/w' },
      { op: 'test', path: '/w', value: 2 },
    ]),
    { spec: { replicas: 2, list: ['a', 'z', 'b', 'end'] }, w: 2 },
  );
  assert.throws(
    () => jsonPatch(doc, [{ op: 'test', path: '/x', value: 2 }]),
    /testing value \/x failed: test failed/,
  );
  assert.throws(
    () => jsonPatch(doc, [{ op: 'remove', path: '/nope' }]),
    /Unable to remove nonexistent key: nope/,
  );
  assert.throws(() => jsonPatch(doc, [{ op: 'replace', path: '/nope', value: 1 }]), /doc is missing key/);
});
