import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QUOTED, unquote } from './quoting';

test('quoted parameters: \\" and \\\\ are unescaped, other backslashes kept', () => {
  const table: [string, string][] = [
    ['"plain"', 'plain'],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"a\\\\b"', 'a\\b'],
    [
      `"kubectl get pods -o jsonpath='{.items[?(@.status.phase==\\"Running\\")].metadata.name}'"`,
      `kubectl get pods -o jsonpath='{.items[?(@.status.phase=="Running")].metadata.name}'`,
    ],
    [
      `"kubectl get deploy web -o jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'"`,
      `kubectl get deploy web -o jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'`,
    ],
    ['""', ''],
  ];
  for (const [written, value] of table) {
    const m = QUOTED.exec(written);
    assert.ok(m && m[0] === written, written);
    assert.equal(unquote(m[1]), value, written);
  }
});

test('a quoted parameter ends at the first unescaped quote', () => {
  const m = QUOTED.exec('"a\\"b" and "c"');
  assert.equal(m?.[1], 'a\\"b');
});
