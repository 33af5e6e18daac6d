/** Unit tests of the small building blocks: shell words, durations, flags, tabwriter, YAML, JSON. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitArgs, ShellSyntaxError } from './shell';
import { humanDuration, parseGoDuration, formatGoDuration } from './duration';
import { parseFlags, parseGoInt } from './flags';
import { KubectlError } from './errors';
import { tabify } from './tabwriter';
import { toYaml, parseYamlDocuments, yamlSortKeys } from './yaml';
import { goJson, goJsonIndent } from './json';
import { Quantity } from './quantity';
import { naturalLess } from './printers';

test('splitArgs: quotes, escapes, no expansion', () => {
  const cases: [string, string[]][] = [
    ['get pods -o wide', ['get', 'pods', '-o', 'wide']],
    [
      `get pods -o jsonpath='{.items[*].metadata.name}'`,
      ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'],
    ],
    [`-o "jsonpath={.a}{\\"\\n\\"}"`, ['-o', 'jsonpath={.a}{"\\n"}']],
    [`a\\ b 'c d' "e $HOME" ''`, ['a b', 'c d', 'e $HOME', '']],
    [`x'y'"z"`, ['xyz']],
    ['  spaced   out  ', ['spaced', 'out']],
    [`"back\\\\slash"`, ['back\\slash']],
  ];
  for (const [line, want] of cases) assert.deepEqual(splitArgs(line), want, line);
  assert.throws(() => splitArgs(`'open`), ShellSyntaxError);
  assert.throws(() => splitArgs(`"open`), ShellSyntaxError);
});

test('humanDuration matches apimachinery duration.HumanDuration', () => {
  const cases: [number, string][] = [
    [-2000, '<invalid>'],
    [-500, '0s'],
    [0, '0s'],
    [59_000, '59s'],
    [119_999, '119s'],
    [120_000, '2m'],
    [125_000, '2m5s'],
    [600_000, '10m'],
    [630_000, '10m'],
    [3 * 3600_000 - 1, '179m'],
    [3 * 3600_000, '3h'],
    [3 * 3600_000 + 20 * 60_000, '3h20m'],
    [8 * 3600_000, '8h'],
    [47 * 3600_000, '47h'],
    [50 * 3600_000, '2d2h'],
    [10 * 86400_000, '10d'],
    [800 * 86400_000, '2y70d'],
    [9 * 365 * 86400_000, '9y'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, String(ms));
});

test('Go durations', () => {
  assert.equal(parseGoDuration('90s'), 90_000);
  assert.equal(parseGoDuration('1m30s'), 90_000);
  assert.equal(parseGoDuration('1.5h'), 5_400_000);
  assert.equal(parseGoDuration('250ms'), 250);
  assert.equal(parseGoDuration('0'), 0);
  assert.throws(() => parseGoDuration('abc'), /time: invalid duration "abc"/);
  assert.throws(() => parseGoDuration('10'), /time: missing unit in duration "10"/);
  assert.equal(formatGoDuration(90_000), '1m30s');
  assert.equal(formatGoDuration(3_600_000), '1h0m0s');
  assert.equal(formatGoDuration(1500), '1.5s');
});

test('flags: pflag forms and errors', () => {
  const specs = [
    { name: 'replicas', type: 'int' as const, default: -1 },
    { name: 'output', short: 'o', type: 'string' as const, default: '' },
    { name: 'watch', short: 'w', type: 'bool' as const, default: true },
    { name: 'all-namespaces', short: 'A', type: 'bool' as const },
    { name: 'cascade', type: 'string' as const, default: 'background', noOptDefault: 'background' },
  ];
  const f = parseFlags(
    ['deploy/web', '--replicas=3', '-owide', '-n', 'ns', '--watch=false', '-A', '--cascade'],
    specs,
    'kubectl x',
  );
  assert.deepEqual(f.args, ['deploy/web']);
  assert.equal(f.int('replicas'), 3);
  assert.equal(f.string('output'), 'wide');
  assert.equal(f.string('namespace'), 'ns');
  assert.equal(f.bool('watch'), false);
  assert.equal(f.bool('all-namespaces'), true);
  assert.equal(f.string('cascade'), 'background');
  assert.equal(parseFlags(['-n=foo', '--', '-x'], specs, 'k').string('namespace'), 'foo');
  assert.deepEqual(parseFlags(['-n=foo', '--', '-x'], specs, 'k').args, ['-x']);
  const err = (argv: string[]) => {
    try {
      parseFlags(argv, specs, 'kubectl scale');
    } catch (e) {
      return (e as KubectlError).text;
    }
    return '';
  };
  assert.equal(err(['--replica=3']), "error: unknown flag: --replica\nSee 'kubectl scale --help' for usage.");
  assert.equal(
    err(['-x']),
    "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl scale --help' for usage.",
  );
  assert.equal(
    err(['--replicas=x']),
    `error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee 'kubectl scale --help' for usage.`,
  );
  assert.equal(
    err(['--watch=maybe']),
    `error: invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee 'kubectl scale --help' for usage.`,
  );
  assert.equal(
    err(['--replicas']),
    "error: flag needs an argument: --replicas\nSee 'kubectl scale --help' for usage.",
  );
  assert.equal(parseGoInt('0x10'), 16);
  assert.equal(parseGoInt('-3'), -3);
});

test('tabwriter: column blocks end at lines without tabs (describe layout)', () => {
  const text = 'Name:\tweb\nNamespace:\tdefault\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/web\n';
  assert.equal(
    tabify(text, { minWidth: 0, padding: 2 }),
    'Name:       web\nNamespace:  default\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/web\n',
  );
  assert.equal(
    tabify('A\tBB\tC\nxxxx\ty\tz\n', { minWidth: 6, padding: 3 }),
    'A      BB    C\nxxxx   y     z\n',
  );
});

test('toYaml: go-yaml v2 scalar styles, key order, folding', () => {
  const y = toYaml({
    b: { a10: 1, a9: 2, A: 3, '-x': 4 },
    a: ['true', '1.0', '', '*', 'a: b', 'plain text', '2024-01-01T00:00:00Z', 'line1\nline2\n', null, [], {}],
    c: 'word '.repeat(20).trim(),
  });
  assert.equal(
    y,
    [
      'a:',
      '- "true"',
      '- "1.0"',
      '- ""',
      "- '*'",
      "- 'a: b'",
      '- plain text',
      '- "2024-01-01T00:00:00Z"',
      '- |',
      '  line1',
      '  line2',
      '- null',
      '- []',
      '- {}',
      'b:',
      '  -x: 4',
      '  A: 3',
      '  a9: 2',
      '  a10: 1',
      'c: word word word word word word word word word word word word word word word word',
      '  word word word word',
      '',
    ].join('\n'),
  );
  assert.deepEqual(yamlSortKeys(['b', 'a', 'A', 'a1']), ['A', 'a', 'a1', 'b']);
});

test('parseYamlDocuments: multi-document, YAML 1.1 booleans, timestamps stay strings', () => {
  assert.deepEqual(parseYamlDocuments('a: yes\nt: 2024-01-01T00:00:00Z\n---\n---\nb: [1, "2"]\n'), [
    { a: true, t: '2024-01-01T00:00:00Z' },
    { b: [1, '2'] },
  ]);
});

test('goJson: sorted keys, HTML escaping, indentation', () => {
  assert.equal(goJson({ b: '<x>', a: [1, true, null] }), '{"a":[1,true,null],"b":"\\u003cx\\u003e"}');
  assert.equal(goJsonIndent({ a: {}, b: [] }), '{\n    "a": {},\n    "b": []\n}');
});

test('Quantity canonical strings', () => {
  const cases: [string, string][] = [
    ['100m', '100m'],
    ['1000m', '1'],
    ['0.5', '500m'],
    ['2000', '2k'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['512', '512'],
    ['1e3', '1e3'],
  ];
  for (const [inp, want] of cases) assert.equal(Quantity.parse(inp).toString(), want, inp);
  assert.equal(Quantity.parse('100m').add(Quantity.parse('200m')).toString(), '300m');
});

test('naturalLess (sortorder)', () => {
  assert.equal(naturalLess('web-2', 'web-10'), true);
  assert.equal(naturalLess('web-10', 'web-2'), false);
  assert.equal(naturalLess('a', 'b'), true);
  assert.equal(naturalLess('a1', 'a01'), true);
});
