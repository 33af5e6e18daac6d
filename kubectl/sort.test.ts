import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortObjects } from './printers';

test('--sort-by compares quantity strings exactly, including n and u suffixes (resource.Quantity.Cmp)', () => {
  const objs = ['1Gi', '500m', '2', '900Mi', '1500u', '3n'].map((v, i) => ({
    kind: 'ConfigMap',
    metadata: { name: `o${i}` },
    data: { v },
  }));
  const sorted = sortObjects(objs, '{.data.v}').map((o) => o.data.v);
  assert.deepEqual(sorted, ['3n', '1500u', '500m', '2', '900Mi', '1Gi']);
});
