/** Nearest phrasings for undefined steps. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepPattern } from './suggest';
import { expressionVariants, patternDistance, suggestSteps, textWords } from './suggest';

const ce = (source: string): StepPattern => ({ source, type: 'CUCUMBER_EXPRESSION' });
const patterns = [
  ce('deployment {quoted} always had at least {int} available pod(s)'),
  ce('deployment {quoted} never had more than {int} pod(s)'),
  ce('{kind} {quoted} has {int} ready replica(s)'),
  ce('I run {quoted}'),
  ce('{int} second(s) pass(es)'),
  ce('the cluster settles'),
  { source: '^pod "([^"]*)" is (Running|Pending)$', type: 'REGULAR_EXPRESSION' } as StepPattern,
];

const cases: [string, string | undefined][] = [
  [
    'deployment "web" always had at least 3 ready pods',
    'deployment {quoted} always had at least {int} available pod(s)',
  ],
  ['deployment "web" never has more than 4 pods', 'deployment {quoted} never had more than {int} pod(s)'],
  ['deployment "web" has 3 ready replica', '{kind} {quoted} has {int} ready replica(s)'],
  ['I ran "kubectl get pods"', 'I run {quoted}'],
  ['30 seconds passed', '{int} second(s) pass(es)'],
  ['the cluster has settled', 'the cluster settles'],
  ['pod "web-0" is Runing', '^pod "([^"]*)" is (Running|Pending)$'],
  ['the moon is made of cheese', undefined],
];
for (const [text, best] of cases)
  test(`"${text}" → ${best ?? 'nothing near'}`, () => {
    assert.equal(suggestSteps(text, patterns)[0], best);
  });

test('words: quoted strings and numbers become placeholders', () => {
  assert.deepEqual(textWords('I run "kubectl get pods" 3 times, twice.'), [
    'i',
    'run',
    '"…"',
    'N',
    'times',
    'twice',
  ]);
});

test('expressions expand optional text and alternatives', () => {
  assert.deepEqual(
    expressionVariants('{int} pod(s) was/were created').map((v) => v.join(' ')),
    ['N pod was created', 'N pod were created', 'N pods was created', 'N pods were created'],
  );
});

test('an exact phrasing is at distance 0, suggestions are capped and ordered', () => {
  assert.equal(patternDistance('deployment "web" never had more than 4 pods', patterns[1]), 0);
  const many = suggestSteps('deployment "web" had 3 pods', patterns, 2, 1);
  assert.equal(many.length, 2);
});
