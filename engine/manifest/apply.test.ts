import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alreadyExists, invalidError } from '../api/errors';
import { createCluster } from '../cluster';
import type { PersistentVolumeClaim } from '../api/types';
import { loadManifests } from './load';
import {
  applyErrorMessage,
  applyObject,
  kubectlObjectName,
  LAST_APPLIED_ANNOTATION,
  threeWayMerge,
} from './apply';

const SRC = 'features/x.feature';
const yaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: other
    spec:
      containers:
        - name: nginx
          image: nginx
`;

test('an Invalid error names the line of the offending field', () => {
  const [doc] = loadManifests(yaml, { source: SRC, lineOffset: 8 }).docs;
  const err = invalidError('Deployment', 'web', [
    {
      field: 'spec.replicas',
      type: 'Invalid value',
      value: -1,
      detail: 'must be greater than or equal to 0',
    },
  ]);
  assert.equal(
    applyErrorMessage(err, doc),
    `${SRC}:14: The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`,
  );
});

test('several causes give one line each', () => {
  const [doc] = loadManifests(yaml, { source: SRC, lineOffset: 8 }).docs;
  const err = invalidError('Deployment', 'web', [
    {
      field: 'spec.replicas',
      type: 'Invalid value',
      value: -1,
      detail: 'must be greater than or equal to 0',
    },
    {
      field: 'spec.template.metadata.labels',
      type: 'Invalid value',
      value: { app: 'other' },
      detail: '`selector` does not match template `labels`',
    },
  ]);
  assert.equal(
    applyErrorMessage(err, doc),
    [
      `${SRC}:14: The Deployment "web" is invalid:`,
      `${SRC}:14: * spec.replicas: Invalid value: -1: must be greater than or equal to 0`,
      `${SRC}:20: * spec.template.metadata.labels: Invalid value: {"app":"other"}: \`selector\` does not match template \`labels\``,
    ].join('\n'),
  );
});

test('other API errors name the document', () => {
  const [doc] = loadManifests(yaml, { source: SRC, lineOffset: 8 }).docs;
  assert.equal(
    applyErrorMessage(alreadyExists('Deployment', 'web'), doc),
    `${SRC}:9: Error from server (AlreadyExists): deployments.apps "web" already exists`,
  );
});

test('kubectl object names', () => {
  assert.equal(kubectlObjectName('Deployment', 'web'), 'deployment.apps/web');
  assert.equal(kubectlObjectName('Pod', 'p'), 'pod/p');
  assert.equal(kubectlObjectName('PersistentVolumeClaim', 'data'), 'persistentvolumeclaim/data');
});

test('three-way merge: desired wins, removed fields go, fields nobody applied stay', () => {
  const live = { spec: { a: 1, b: 2, written: 'by-controller', m: { x: 1, y: 2 } }, status: { s: 1 } };
  const last = { spec: { a: 1, b: 2, m: { x: 1, y: 2 } } };
  const desired = { spec: { a: 5, m: { x: 1 } }, status: { s: 9 } };
  assert.deepEqual(threeWayMerge(live, last, desired), {
    spec: { a: 5, written: 'by-controller', m: { x: 1 } },
    status: { s: 1 },
  });
});

test('apply creates, then reports unchanged, then configures', () => {
  const c = createCluster({ controllers: [] });
  const claim: PersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', labels: { a: '1', b: '2' } },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  };
  const first = applyObject(c.store, claim);
  assert.equal(first.outcome, 'created');
  assert.ok(first.object.metadata.annotations?.[LAST_APPLIED_ANNOTATION]);
  assert.equal(applyObject(c.store, claim).outcome, 'unchanged');

  // A controller binds the claim; re-applying must keep the binding.
  const bound = c.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')!;
  c.store.update({ ...bound, spec: { ...bound.spec, volumeName: 'pv-1' } });
  const changed = { ...claim, metadata: { name: 'data', labels: { a: '1' } } };
  const r = applyObject(c.store, changed);
  assert.equal(r.outcome, 'configured');
  const live = c.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')!;
  assert.deepEqual(live.metadata.labels, { a: '1' });
  assert.equal(live.spec?.volumeName, 'pv-1');
});
