import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fullImageRef, goDuration, imageIdOf, pullPolicyOf } from './images';

test('image references as the runtime reports them', () => {
  const table: [string, string][] = [
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['registry.k8s.io/pause:3.9', 'registry.k8s.io/pause:3.9'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['nginx@sha256:abc', 'docker.io/library/nginx@sha256:abc'],
  ];
  for (const [image, want] of table) assert.equal(fullImageRef(image), want, image);
  assert.match(imageIdOf('nginx:1.25'), /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  assert.equal(imageIdOf('nginx:1.25'), imageIdOf('nginx:1.25'));
  assert.notEqual(imageIdOf('nginx:1.25'), imageIdOf('nginx:1.26'));
  assert.equal(imageIdOf('nginx@sha256:abc'), 'docker.io/library/nginx@sha256:abc');
});

test('imagePullPolicy defaults: Always for :latest or no tag, else IfNotPresent', () => {
  const table: [string, string | undefined, string][] = [
    ['nginx', undefined, 'Always'],
    ['nginx:latest', undefined, 'Always'],
    ['nginx:1.25', undefined, 'IfNotPresent'],
    ['localhost:5000/app', undefined, 'Always'],
    ['nginx@sha256:abc', undefined, 'IfNotPresent'],
    ['nginx', 'Never', 'Never'],
  ];
  for (const [image, policy, want] of table)
    assert.equal(pullPolicyOf({ name: 'c', image, imagePullPolicy: policy }), want, image);
});

test("Go's Duration.String for the Pulled and back-off messages", () => {
  const table: [number, string][] = [
    [0, '0s'],
    [250, '250ms'],
    [1000, '1s'],
    [1500, '1.5s'],
    [1234, '1.234s'],
    [10_000, '10s'],
    [80_000, '1m20s'],
    [160_000, '2m40s'],
    [300_000, '5m0s'],
    [3_600_000, '1h0m0s'],
    [3_725_500, '1h2m5.5s'],
  ];
  for (const [ms, want] of table) assert.equal(goDuration(ms), want, String(ms));
});
