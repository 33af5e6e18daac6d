import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shellWords } from './shell_words';

test('splits as a POSIX shell would, without expansion', () => {
  const table: [string, string[]][] = [
    ['kubectl get pods', ['kubectl', 'get', 'pods']],
    ['  kubectl   get\tpods  ', ['kubectl', 'get', 'pods']],
    [
      `kubectl get pods -o jsonpath='{.items[?(@.status.phase=="Running")].metadata.name}'`,
      ['kubectl', 'get', 'pods', '-o', 'jsonpath={.items[?(@.status.phase=="Running")].metadata.name}'],
    ],
    [
      `kubectl get deploy web -o jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'`,
      [
        'kubectl',
        'get',
        'deploy',
        'web',
        '-o',
        'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
      ],
    ],
    [
      `kubectl patch deploy web -p "{\\"spec\\":{}}"`,
      ['kubectl', 'patch', 'deploy', 'web', '-p', '{"spec":{}}'],
    ],
    [`a "b c"d 'e'"f"`, ['a', 'b cd', 'ef']],
    [`a '' ""`, ['a', '', '']],
    [`a\\ b`, ['a b']],
    [`"a\\nb"`, ['a\\nb']],
    ['', []],
  ];
  for (const [line, words] of table) assert.deepEqual(shellWords(line), words, line);
});

test('unterminated quotes are errors', () => {
  assert.throws(() => shellWords(`a 'b`), /unterminated single quote/);
  assert.throws(() => shellWords(`a "b`), /unterminated double quote/);
});
