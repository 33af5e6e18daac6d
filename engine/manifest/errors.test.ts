import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alreadyExists, invalidError } from '../api/errors';
import { loadManifests } from './load';
import { applyErrorMessage } from './errors';

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
