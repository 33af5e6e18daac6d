import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadManifests, ManifestError, parseFieldPath } from './load';

const SRC = 'features/x.feature';

/** The doc string's opening `"""` is on line 9, so YAML line 1 is file line 10. */
function load(yaml: string) {
  return loadManifests(yaml, { source: SRC, lineOffset: 9 });
}

function errorOf(yaml: string): ManifestError {
  try {
    load(yaml);
  } catch (err) {
    assert.ok(err instanceof ManifestError, `expected a ManifestError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the manifest to be rejected');
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
`;

test('loads several documents, skipping empty ones, with the line of each', () => {
  const r = load(
    `---\n${deployment}---\n# only a comment\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n---\n`,
  );
  assert.deepEqual(
    r.docs.map((d) => [d.object.kind, d.object.metadata?.name, d.line]),
    [
      ['Deployment', 'web', 11],
      ['Pod', 'p', 31],
    ],
  );
  assert.deepEqual(r.warnings, []);
});

test('an empty or comment-only manifest loads nothing', () => {
  assert.deepEqual(load('').docs, []);
  assert.deepEqual(load('# nothing\n').docs, []);
  assert.deepEqual(load('---\n---\n').docs, []);
});

test('locate maps API field paths to file lines', () => {
  const [doc] = load(deployment).docs;
  const table: [string, number][] = [
    ['', 10],
    ['spec.replicas', 15],
    ['spec.selector', 16],
    ['spec.template.metadata.labels', 21],
    ['spec.template.metadata.labels[app]', 22],
    ['spec.template.spec.containers[0]', 25],
    ['spec.template.spec.containers[0].image', 26],
    // Not in the YAML: the deepest ancestor that is.
    ['spec.strategy.rollingUpdate.maxSurge', 14],
    ['spec.template.spec.containers[3].image', 24],
  ];
  for (const [path, line] of table) assert.equal(doc.locate(path), line, path);
});

test('parseFieldPath splits dots, indexes and keys', () => {
  assert.deepEqual(parseFieldPath('spec.template.spec.containers[0].image'), [
    'spec',
    'template',
    'spec',
    'containers',
    0,
    'image',
  ]);
  assert.deepEqual(parseFieldPath('metadata.labels[app.kubernetes.io/name]'), [
    'metadata',
    'labels',
    'app.kubernetes.io/name',
  ]);
  assert.deepEqual(parseFieldPath(''), []);
});

test('kind: List is expanded into its items', () => {
  const r = load(
    `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: a\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: b\n`,
  );
  assert.deepEqual(
    r.docs.map((d) => [d.object.metadata?.name, d.line]),
    [
      ['a', 13],
      ['b', 17],
    ],
  );
  assert.equal(r.docs[1].locate('metadata.name'), 20);
});

const errors: [string, string, string][] = [
  [
    'a syntax error',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "p\n',
    `${SRC}:13: invalid YAML: this quoted string is never closed (Missing closing "quote at line 14)`,
  ],
  [
    'an unclosed quote that runs on for lines',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "p\nspec:\n  containers: []\n',
    `${SRC}:13: invalid YAML: this quoted string is never closed (Missing closing "quote at line 16)`,
  ],
  [
    'bad indentation',
    'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\n  labels: {}\n',
    `${SRC}:14: invalid YAML: All mapping items must start at the same column`,
  ],
  [
    'a duplicate key',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  replicas: 2\n',
    `${SRC}:16: mapping key "replicas" already defined at line 15`,
  ],
  [
    'a tab used for indentation',
    'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\n',
    `${SRC}:13: tab character used for indentation (YAML allows only spaces)`,
  ],
  [
    'an unknown kind',
    'apiVersion: apps/v1\nkind: Deploymnt\nmetadata:\n  name: web\n',
    `${SRC}:11: no matches for kind "Deploymnt" in version "apps/v1"`,
  ],
  [
    'a known kind in the wrong version',
    'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\n',
    `${SRC}:11: no matches for kind "Deployment" in version "extensions/v1beta1"`,
  ],
  [
    'a missing kind',
    'apiVersion: v1\nmetadata:\n  name: p\n',
    `${SRC}:10: error validating data: kind not set`,
  ],
  [
    'a missing apiVersion',
    'kind: Pod\nmetadata:\n  name: p\n',
    `${SRC}:10: error validating data: apiVersion not set`,
  ],
  [
    'neither apiVersion nor kind',
    'metadata:\n  name: p\n',
    `${SRC}:10: error validating data: [apiVersion not set, kind not set]`,
  ],
  [
    'unknown fields',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replica: 3\n  paused: false\n  foo: 1\n',
    `${SRC}:15: Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.foo"`,
  ],
  [
    'an unknown field in a list item',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n    - name: b\n      imagee: y\n',
    `${SRC}:19: Error from server (BadRequest): Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[1].imagee"`,
  ],
  [
    'a value of the wrong type',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "3"\n',
    `${SRC}:15: Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`,
  ],
  [
    'a value of the wrong type in a list item (Go paths have no indexes)',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: 5\n',
    `${SRC}:17: Error from server (BadRequest): Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string`,
  ],
  [
    'a quantity that does not parse',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n      resources:\n        requests:\n          cpu: lots\n',
    `${SRC}:20: Error from server (BadRequest): Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
  ],
  [
    'a document that is not an object',
    '- apiVersion: v1\n  kind: Pod\n',
    `${SRC}:10: a manifest document must be an object with apiVersion and kind, not a list`,
  ],
  [
    'a scalar document',
    'hello\n',
    `${SRC}:10: a manifest document must be an object with apiVersion and kind, not the string "hello"`,
  ],
  [
    'an alias bomb',
    'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n',
    `${SRC}:10: YAML aliases expand too much (more than 10 alias expansions; is this a "billion laughs" document?)`,
  ],
  [
    'an unresolved alias',
    'apiVersion: v1\nkind: Pod\nmetadata: *meta\n',
    `${SRC}:10: invalid YAML: Unresolved alias (the anchor must be set before the alias): meta`,
  ],
];

for (const [what, yaml, message] of errors) {
  test(`rejects ${what} with the file and line`, () => {
    assert.equal(errorOf(yaml).message, message);
  });
}

test('every broken document is reported, each with its line', () => {
  const e = errorOf(
    'apiVersion: v1\nkind: Pdo\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\n---\nkind: Pod\n',
  );
  assert.equal(
    e.message,
    `${SRC}:11: no matches for kind "Pdo" in version "v1"\n${SRC}:18: error validating data: apiVersion not set`,
  );
  assert.equal(e.line, 11);
  assert.equal(e.problems.length, 2);
});

test('a manifest file has no line offset', () => {
  assert.throws(() => loadManifests('apiVersion: v1\nkind: Nope\n', { source: 'manifests/x.yaml' }), {
    message: 'manifests/x.yaml:2: no matches for kind "Nope" in version "v1"',
  });
});

test('YAML 1.1 ambiguities give warnings with their line', () => {
  const r = load(
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    enabled: yes\n    legacy: "no"\n    tier: on\nspec:\n  volumes:\n    - name: v\n      secret:\n        defaultMode: 0644\n  nodeSelector:\n    a: n\n  priority: 0\n  terminationGracePeriodSeconds: 089\n`,
  );
  assert.deepEqual(
    r.warnings.map((w) => `${w.source}:${w.line}: ${w.message}`),
    [
      `${SRC}:15: warning: yes is the string "yes" in YAML 1.2 but the boolean true in YAML 1.1, which kubectl uses; quote it ("yes") or write true`,
      `${SRC}:17: warning: on is the string "on" in YAML 1.2 but the boolean true in YAML 1.1, which kubectl uses; quote it ("on") or write true`,
      `${SRC}:22: warning: 0644 is the number 644 in YAML 1.2 but the octal number 420 in YAML 1.1, which kubectl uses; write 420 (or 0o644)`,
      `${SRC}:24: warning: n is the string "n" in YAML 1.2 but the boolean false in YAML 1.1, which kubectl uses; quote it ("n") or write false`,
      `${SRC}:26: warning: 089 has a leading zero, which YAML 1.1 (kubectl) and YAML 1.2 read differently; drop the zero or quote it`,
    ],
  );
  assert.equal(r.docs.length, 1);
});

test('keepGoing returns the documents that load and the problems of the others', () => {
  const r = loadManifests(
    'apiVersion: v1\nkind: Pdo\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\n',
    {
      source: SRC,
      keepGoing: true,
    },
  );
  assert.deepEqual(
    r.docs.map((d) => d.object.metadata?.name),
    ['ok'],
  );
  assert.equal(r.error?.message, `${SRC}:2: no matches for kind "Pdo" in version "v1"`);
});
