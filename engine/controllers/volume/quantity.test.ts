import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuantity } from './quantity';

test('parseQuantity: binary and decimal suffixes, exponents, fractions rounded up', () => {
  const cases: [string | number | undefined, number | undefined][] = [
    ['1Gi', 1073741824],
    ['500Mi', 524288000],
    ['1.5Gi', 1610612736],
    ['1G', 1e9],
    ['1.1G', 1100000000],
    ['2k', 2000],
    ['1Ki', 1024],
    ['2e3', 2000],
    ['100m', 1],
    ['10', 10],
    [5, 5],
    ['', undefined],
    ['1GB', undefined],
    [undefined, undefined],
  ];
  for (const [input, want] of cases) assert.equal(parseQuantity(input), want, String(input));
});
