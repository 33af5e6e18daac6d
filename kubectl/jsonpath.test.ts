/** kubectl's JSONPath dialect; expectations checked against kubectl 1.35 where deterministic. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonPath, relaxedJsonPath } from './jsonpath';

const data = {
  kind: 'List',
  items: [
    {
      metadata: {
        name: 'a',
        annotations: { 'deployment.kubernetes.io/revision': '2' },
        labels: { app: 'x' },
      },
      spec: { priority: 0 },
      status: { phase: 'Running', replicas: 3, conds: [{ type: 'Ready', status: 'True' }], probe: null },
    },
    { metadata: { name: 'b' }, spec: { priority: 5 }, status: { phase: 'Pending', replicas: 1 } },
  ],
};

test('JSONPath templates', () => {
  const cases: [string, string][] = [
    ['{.items[*].metadata.name}', 'a b'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', 'a\tRunning\nb\tPending\n'],
    ['{.items[?(@.status.phase=="Running")].metadata.name}', 'a'],
    ["{.items[?(@.status.phase=='Pending')].metadata.name}", 'b'],
    ['{.items[0].metadata.annotations.deployment\\.kubernetes\\.io/revision}', '2'],
    ['{.items[?(@.status.replicas>1)].metadata.name}', 'a'],
    ['{.items[?(@.spec.priority==0)].metadata.name}', 'a'],
    ['{.items[-1:].metadata.name}', 'b'],
    ['{.items[0:1].metadata.name}', 'a'],
    ['{.items[0].metadata.labels}', '{"app":"x"}'],
    ['{.items[0].status.probe}', 'null'],
    ['{.items[?(@.metadata.labels)].metadata.name}', 'a'],
    [
      '{range .items[*]}[{.metadata.name}]{range .status.conds[*]}({.type}={.status}){end};{end}done',
      '[a](Ready=True);[b];done',
    ],
    ["{.items[0].metadata['name','labels']}", 'a {"app":"x"}'],
    ['{.kind} and {.missing}', 'List and '],
    ['{$.kind}', 'List'],
    ['{..name}', 'a b'],
    ['plain text', 'plain text'],
  ];
  for (const [tpl, want] of cases) assert.equal(new JsonPath(tpl).execute(data), want, tpl);
});

test('JSONPath errors', () => {
  assert.throws(
    () => new JsonPath('{.items[9]}').execute(data),
    /array index out of bounds: index 9, length 2/,
  );
  assert.throws(() => new JsonPath('{.items[0'), /unterminated array/);
  assert.throws(() => new JsonPath('{.a'), /unclosed action/);
  assert.throws(() => new JsonPath('{.kind[0]}').execute(data), /string is not array or slice/);
  assert.throws(() => new JsonPath('{.items[?(@.spec.priority=="0")]}').execute(data), /incompatible types/);
});

test('relaxedJsonPath (custom-columns, --sort-by)', () => {
  assert.equal(relaxedJsonPath('.metadata.name'), '{.metadata.name}');
  assert.equal(relaxedJsonPath('metadata.name'), '{.metadata.name}');
  assert.equal(relaxedJsonPath('{.metadata.name}'), '{.metadata.name}');
  assert.equal(relaxedJsonPath('{metadata.name}'), '{.metadata.name}');
  assert.throws(() => relaxedJsonPath('{a}{b}'), /unexpected path string/);
});
