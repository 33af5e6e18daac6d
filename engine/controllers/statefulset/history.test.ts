import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ControllerRevision } from '../../api/types';
import { newStatefulSet } from './testing';
import { getPatch } from './utils';
import {
  controllerRevisionName,
  equalRevision,
  findEqualRevisions,
  fnv32,
  hashControllerRevision,
  newControllerRevision,
  safeEncodeString,
  sortControllerRevisions,
} from './history';

const enc = new TextEncoder();

test('fnv32 is FNV-1 32-bit (Go hash/fnv New32)', () => {
  assert.equal(fnv32(enc.encode('')), 0x811c9dc5);
  assert.equal(fnv32(enc.encode('a')), 0x050c5d7e);
  assert.equal(fnv32(enc.encode('foobar')), 0x31f0b262);
  // Streaming equals one pass.
  assert.equal(fnv32(enc.encode('bar'), fnv32(enc.encode('foo'))), fnv32(enc.encode('foobar')));
});

test('safeEncodeString maps decimal digits into bcdfghjklmnpqrstvwxz2456789', () => {
  assert.equal(safeEncodeString('0123456789'), '456789bcdf');
});

test('revision names: <set>-<hash>; equal templates give equal names, the collision count changes it', () => {
  const a = newStatefulSet('web', { image: 'nginx:1' });
  const b = newStatefulSet('web', { image: 'nginx:1', replicas: 9, partition: 2 });
  const c = newStatefulSet('web', { image: 'nginx:2' });
  const rev = (s: typeof a, n = 1, cc = 0) =>
    newControllerRevision(s, s.spec!.template.metadata!.labels, getPatch(s), n, cc);
  const ra = rev(a);
  assert.match(ra.metadata!.name!, /^web-[4-9bcdf]{1,10}$/);
  assert.equal(
    rev(b, 5).metadata!.name,
    ra.metadata!.name,
    'replicas, partition and the number do not matter',
  );
  assert.notEqual(rev(c).metadata!.name, ra.metadata!.name);
  assert.notEqual(rev(a, 1, 1).metadata!.name, ra.metadata!.name);
  assert.equal(ra.metadata!.labels!['controller.kubernetes.io/hash'], ra.metadata!.name!.slice(4));
  assert.equal(ra.metadata!.labels!.app, 'web');
  assert.equal(ra.revision, 1);
  assert.deepEqual(
    ra.metadata!.ownerReferences!.map((r) => [r.kind, r.controller]),
    [['StatefulSet', true]],
  );
  assert.equal(hashControllerRevision(ra, 0), ra.metadata!.name!.slice(4));
  assert.ok(equalRevision(ra, rev(b, 3)));
  assert.ok(!equalRevision(ra, rev(c)));
});

test('set annotations are copied onto the revision', () => {
  const s = newStatefulSet('web');
  s.metadata!.annotations = { note: 'x' };
  assert.deepEqual(newControllerRevision(s, {}, getPatch(s), 1, 0).metadata!.annotations, { note: 'x' });
});

test('controllerRevisionName cuts the prefix at 223 characters', () => {
  assert.equal(controllerRevisionName('x'.repeat(300), 'h').length, 225);
});

test('sortControllerRevisions: by revision, then creation time, then name; findEqualRevisions keeps that order', () => {
  const r = (
    name: string,
    revision: number,
    ts = '2024-01-01T00:00:00Z',
    data: unknown = { n: 1 },
  ): ControllerRevision => ({
    metadata: { name, creationTimestamp: ts },
    revision,
    data: data as ControllerRevision['data'],
  });
  const sorted = sortControllerRevisions([
    r('c', 2),
    r('b', 1, '2024-01-01T00:00:05Z'),
    r('a', 1, '2024-01-01T00:00:05Z'),
    r('z', 1),
  ]);
  assert.deepEqual(
    sorted.map((x) => x.metadata!.name),
    ['z', 'a', 'b', 'c'],
  );
  assert.deepEqual(
    findEqualRevisions([r('a', 1), r('b', 2, undefined, { n: 2 }), r('c', 3)], r('x', 9)).map(
      (x) => x.metadata!.name,
    ),
    ['a', 'c'],
  );
});
