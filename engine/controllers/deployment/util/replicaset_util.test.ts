import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PodTemplateSpec, ReplicaSet } from '../../../api/types';
import { toTimestamp } from '../../../api/time';
import { canonicalJson } from '../../../util/clone';
import {
  bySizeNewer,
  bySizeOlder,
  byCreationTimestamp,
  computeHash,
  filterActiveReplicaSets,
  fnv32a,
  safeEncodeString,
} from './replicaset_util';

const template = (image: string): PodTemplateSpec => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', image }] },
});

const rs = (name: string, replicas: number, createdMs: number): ReplicaSet => ({
  metadata: { name, creationTimestamp: toTimestamp(createdMs) },
  spec: { replicas, selector: {} },
});

test('FNV-1a 32 reference vectors', () => {
  assert.equal(fnv32a(Buffer.from('')), 0x811c9dc5);
  assert.equal(fnv32a(Buffer.from('a')), 0xe40c292c);
  assert.equal(fnv32a(Buffer.from('foobar')), 0xbf9cf968);
});

test('SafeEncodeString maps the decimal digits 0-9 to 4 5 6 7 8 9 b c d f', () => {
  assert.equal(safeEncodeString('0123456789'), '456789bcdf');
});

test('ComputeHash: 1-10 characters of {4-9,b,c,d,f}; deterministic; template- and collisionCount-sensitive', () => {
  const h = computeHash(template('nginx:1.0'));
  assert.match(h, /^[456789bcdf]{1,10}$/);
  assert.equal(computeHash(template('nginx:1.0')), h);
  assert.notEqual(computeHash(template('nginx:1.1')), h);
  const h0 = computeHash(template('nginx:1.0'), 0);
  const h1 = computeHash(template('nginx:1.0'), 1);
  assert.notEqual(h0, h, 'collisionCount 0 hashes differently from nil');
  assert.notEqual(h1, h0);
  assert.equal(computeHash(template('nginx:1.0'), null), h);
  // the hash is the encoded decimal FNV sum of the canonical JSON
  assert.equal(h, safeEncodeString(String(fnv32a(Buffer.from(canonicalJson(template('nginx:1.0')))))));
});

test('ReplicaSetsByCreationTimestamp, BySizeOlder, BySizeNewer (ties by name at equal seconds)', () => {
  const a = rs('web-a', 2, 1000);
  const b = rs('web-b', 2, 1500); // same second as a
  const c = rs('web-c', 5, 3000);
  const d = rs('web-d', 2, 0);
  assert.deepEqual(
    [c, b, a, d].sort(byCreationTimestamp).map((r) => r.metadata!.name),
    ['web-d', 'web-a', 'web-b', 'web-c'],
  );
  assert.deepEqual(
    [a, b, c, d].sort(bySizeOlder).map((r) => r.metadata!.name),
    ['web-c', 'web-d', 'web-a', 'web-b'],
  );
  assert.deepEqual(
    [a, b, c, d].sort(bySizeNewer).map((r) => r.metadata!.name),
    ['web-c', 'web-b', 'web-a', 'web-d'],
  );
});

test('FilterActiveReplicaSets keeps spec.replicas > 0', () => {
  assert.deepEqual(
    filterActiveReplicaSets([rs('x', 0, 0), undefined, rs('y', 1, 0)]).map((r) => r.metadata!.name),
    ['y'],
  );
});
