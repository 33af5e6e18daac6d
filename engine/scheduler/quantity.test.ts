import { test } from 'node:test';
import assert from 'node:assert/strict';
import { milliCpu, parseQuantity, quantityValue } from './quantity';

test('quantities: suffixes, exponents and rounding up', () => {
  const table: [string, (q: string) => number, number][] = [
    ['100m', milliCpu, 100],
    ['0.5', milliCpu, 500],
    ['1.5', milliCpu, 1500],
    ['2', milliCpu, 2000],
    ['0.0001', milliCpu, 1],
    ['250000u', milliCpu, 250],
    ['128Mi', quantityValue, 134217728],
    ['1Gi', quantityValue, 1073741824],
    ['1G', quantityValue, 1e9],
    ['1k', quantityValue, 1000],
    ['1M', quantityValue, 1e6],
    ['64Ki', quantityValue, 65536],
    ['1e3', quantityValue, 1000],
    ['1.5E2', quantityValue, 150],
    ['110', quantityValue, 110],
    ['0.5Gi', quantityValue, 536870912],
  ];
  for (const [q, f, want] of table) assert.equal(f(q), want, q);
  assert.equal(parseQuantity('-1'), -1);
  assert.equal(parseQuantity(undefined), 0);
  assert.throws(() => parseQuantity('1 Gi'), /quantities must match/);
  assert.throws(() => parseQuantity('abc'), /quantities must match/);
});
