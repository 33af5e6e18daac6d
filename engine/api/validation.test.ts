import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultObject } from './defaults';
import {
  validateObject,
  validateObjectStatus,
  validateObjectUpdate,
  STATEFULSET_FORBIDDEN_UPDATE,
} from './validation';
import { formatFieldError, invalidError, kubectlMessage } from './errors';
import type { KObject } from './types';
import { deepClone } from '../util/clone';

type Obj = Record<string, any>;

/** Defaults then validates, as the store's admission does; returns the rendered causes. */
function errorsOf(obj: Obj): string[] {
  defaultObject(obj as KObject);
  return validateObject(obj as KObject).map(formatFieldError);
}

function updateErrorsOf(obj: Obj, old: Obj): string[] {
  defaultObject(old as KObject);
  defaultObject(obj as KObject);
  return validateObjectUpdate(obj as KObject, old as KObject).map(formatFieldError);
}

function deployment(mutate: (d: Obj) => void = () => {}): Obj {
  const d: Obj = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
      },
    },
  };
  mutate(d);
  return d;
}

function statefulSet(mutate: (s: Obj) => void = () => {}): Obj {
  const s: Obj = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'www' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
    },
  };
  mutate(s);
  return s;
}

function pod(mutate: (p: Obj) => void = () => {}): Obj {
  const p: Obj = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
  };
  mutate(p);
  return p;
}

const PERCENT = (v: string) =>
  `Invalid value: "${v}": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`;
const RU = 'spec.strategy.rollingUpdate';

// deployment.md §2, one row per rule (plus TestValidateDeployment's percent cases).
const deploymentCases: { name: string; mutate: (d: Obj) => void; errors: string[] }[] = [
  { name: 'a valid deployment', mutate: () => {}, errors: [] },
  {
    name: 'replicas < 0',
    mutate: (d) => (d.spec.replicas = -1),
    errors: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
  },
  {
    name: 'selector nil (also: nothing matches the template)',
    mutate: (d) => delete d.spec.selector,
    errors: [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ],
  },
  {
    name: 'selector without matchLabels and matchExpressions',
    mutate: (d) => (d.spec.selector = {}),
    errors: ['spec.selector: Invalid value: {}: empty selector is invalid for deployment'],
  },
  {
    name: 'selector does not match template labels',
    mutate: (d) => (d.spec.template.metadata.labels = { app: 'other', tier: 'fe' }),
    errors: [
      'spec.template.metadata.labels: Invalid value: {"app":"other","tier":"fe"}: `selector` does not match template `labels`',
    ],
  },
  {
    name: 'selector matchExpressions are honoured',
    mutate: (d) =>
      (d.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }),
    errors: [],
  },
  {
    name: 'invalid selector operator (the template is then not checked)',
    mutate: (d) =>
      (d.spec.selector = { matchExpressions: [{ key: 'app', operator: 'Near', values: ['web'] }] }),
    errors: [
      'spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator',
      'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"Near","values":["web"]}]}: invalid label selector',
    ],
  },
  {
    name: 'template restartPolicy Never',
    mutate: (d) => (d.spec.template.spec.restartPolicy = 'Never'),
    errors: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
  },
  {
    name: 'template activeDeadlineSeconds',
    mutate: (d) => (d.spec.template.spec.activeDeadlineSeconds = 30),
    errors: [
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ],
  },
  {
    name: 'strategy type neither Recreate nor RollingUpdate',
    mutate: (d) => (d.spec.strategy = { type: 'BlueGreen' }),
    errors: [
      'spec.strategy: Unsupported value: {"Type":"BlueGreen","RollingUpdate":null}: supported values: "Recreate", "RollingUpdate"',
    ],
  },
  {
    name: 'Recreate with rollingUpdate',
    mutate: (d) => (d.spec.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }),
    errors: [
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ],
  },
  {
    name: 'Recreate alone',
    mutate: (d) => (d.spec.strategy = { type: 'Recreate' }),
    errors: [],
  },
  {
    name: 'maxSurge not a percent string',
    mutate: (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: '5' } }),
    errors: [`${RU}.maxSurge: ${PERCENT('5')}`],
  },
  {
    name: 'maxUnavailable "5" (an int-looking string is not a percent)',
    mutate: (d) => (d.spec.strategy = { rollingUpdate: { maxUnavailable: '5' } }),
    errors: [`${RU}.maxUnavailable: ${PERCENT('5')}`],
  },
  {
    name: 'maxUnavailable int < 0',
    mutate: (d) => (d.spec.strategy = { rollingUpdate: { maxUnavailable: -1 } }),
    errors: [`${RU}.maxUnavailable: Invalid value: -1: must be greater than or equal to 0`],
  },
  {
    name: 'maxSurge int < 0',
    mutate: (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: -2 } }),
    errors: [`${RU}.maxSurge: Invalid value: -2: must be greater than or equal to 0`],
  },
  {
    name: 'both 0 (ints)',
    mutate: (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }),
    errors: [`${RU}.maxUnavailable: Invalid value: 0: may not be 0 when \`maxSurge\` is 0`],
  },
  {
    name: '"0%" and 0: both raw values are 0',
    mutate: (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } }),
    errors: [`${RU}.maxUnavailable: Invalid value: "0%": may not be 0 when \`maxSurge\` is 0`],
  },
  {
    name: '0 and "0%"',
    mutate: (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: '0%', maxUnavailable: 0 } }),
    errors: [`${RU}.maxUnavailable: Invalid value: 0: may not be 0 when \`maxSurge\` is 0`],
  },
  {
    name: '"0%" and "1%" is accepted (resolves to 0 at runtime, the fencepost rule applies)',
    mutate: (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: '0%', maxUnavailable: '1%' } }),
    errors: [],
  },
  {
    name: 'maxSurge "200%" is legal',
    mutate: (d) => (d.spec.strategy = { rollingUpdate: { maxSurge: '200%' } }),
    errors: [],
  },
  {
    name: 'maxUnavailable "100%" is legal',
    mutate: (d) => (d.spec.strategy = { rollingUpdate: { maxUnavailable: '100%' } }),
    errors: [],
  },
  {
    name: 'maxUnavailable > 100%',
    mutate: (d) => (d.spec.strategy = { rollingUpdate: { maxUnavailable: '101%' } }),
    errors: [`${RU}.maxUnavailable: Invalid value: "101%": must not be greater than 100%`],
  },
  {
    name: 'minReadySeconds < 0',
    mutate: (d) => (d.spec.minReadySeconds = -1),
    errors: ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0'],
  },
  {
    name: 'revisionHistoryLimit < 0',
    mutate: (d) => (d.spec.revisionHistoryLimit = -1),
    errors: ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0'],
  },
  { name: 'revisionHistoryLimit 0 is valid', mutate: (d) => (d.spec.revisionHistoryLimit = 0), errors: [] },
  {
    name: 'progressDeadlineSeconds < 0 (and therefore not above minReadySeconds)',
    mutate: (d) => (d.spec.progressDeadlineSeconds = -1),
    errors: [
      'spec.progressDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.progressDeadlineSeconds: Invalid value: -1: must be greater than minReadySeconds',
    ],
  },
  {
    name: 'progressDeadlineSeconds <= minReadySeconds',
    mutate: (d) => {
      d.spec.minReadySeconds = 10;
      d.spec.progressDeadlineSeconds = 10;
    },
    errors: ['spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds'],
  },
  {
    name: 'progressDeadlineSeconds MaxInt32 means no deadline',
    mutate: (d) => (d.spec.progressDeadlineSeconds = 2147483647),
    errors: [],
  },
  {
    name: 'name must be a DNS subdomain',
    mutate: (d) => (d.metadata.name = 'Web_1'),
    errors: [
      `metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ],
  },
  { name: 'a dotted name is fine for a Deployment', mutate: (d) => (d.metadata.name = 'web.v1'), errors: [] },
  {
    name: 'template labels are validated at spec.template.labels',
    mutate: (d) => {
      d.spec.template.metadata.labels = { app: 'web', 'bad key!': 'x' };
    },
    errors: [
      `spec.template.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
  },
];

for (const c of deploymentCases) {
  test(`Deployment validation: ${c.name}`, () => {
    assert.deepEqual(errorsOf(deployment(c.mutate)), c.errors);
  });
}

test('the API server message joins several causes as an aggregate', () => {
  const d = deployment((x) => {
    x.spec.replicas = -1;
    x.spec.template.spec.restartPolicy = 'Never';
  });
  defaultObject(d as KObject);
  const err = invalidError('Deployment', 'web', validateObject(d as KObject));
  assert.equal(
    err.message,
    'Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"]',
  );
  assert.equal(err.code, 422);
  assert.equal(
    kubectlMessage(err, 'Deployment', 'web'),
    'The Deployment "web" is invalid: \n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n* spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
  );
});

test('formatFieldError renders values as Kubernetes 1.34 does', () => {
  const rows: [Parameters<typeof formatFieldError>[0], string][] = [
    [
      {
        field: 'spec.template.spec.restartPolicy',
        type: 'Unsupported value',
        value: 'Never',
        supported: ['Always'],
      },
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      {
        field: `${RU}.maxUnavailable`,
        type: 'Invalid value',
        value: 0,
        detail: 'may not be 0 when `maxSurge` is 0',
      },
      `${RU}.maxUnavailable: Invalid value: 0: may not be 0 when \`maxSurge\` is 0`,
    ],
    [{ field: 'spec.selector', type: 'Required value' }, 'spec.selector: Required value'],
    [{ field: 'spec', type: 'Forbidden', detail: 'nope' }, 'spec: Forbidden: nope'],
    [{ field: 'a[0].name', type: 'Duplicate value', value: 'x' }, 'a[0].name: Duplicate value: "x"'],
    [{ field: 'a.name', type: 'Not found', value: 'data' }, 'a.name: Not found: "data"'],
    [
      { field: 'metadata.annotations', type: 'Too long', detail: 'may not be more than 262144 bytes' },
      'metadata.annotations: Too long: may not be more than 262144 bytes',
    ],
    [{ field: 'x', type: 'Invalid value', value: null, detail: 'd' }, 'x: Invalid value: null: d'],
  ];
  for (const [e, want] of rows) assert.equal(formatFieldError(e), want);
});

test('an aggregate repeats no message', () => {
  const cause = { field: 'spec', type: 'Forbidden' as const, detail: 'x' };
  assert.equal(
    invalidError('Deployment', 'web', [cause, cause]).message,
    'Deployment.apps "web" is invalid: spec: Forbidden: x',
  );
});

// ReplicaSet: the same template rules, the upstream selector wording included.
const replicaSetCases: { name: string; mutate: (r: Obj) => void; errors: string[] }[] = [
  { name: 'valid', mutate: () => {}, errors: [] },
  {
    name: 'empty selector (upstream says "deployment" here too)',
    mutate: (r) => (r.spec.selector = {}),
    errors: ['spec.selector: Invalid value: {}: empty selector is invalid for deployment'],
  },
  {
    name: 'minReadySeconds < 0',
    mutate: (r) => (r.spec.minReadySeconds = -5),
    errors: ['spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0'],
  },
  {
    name: 'replicas < 0',
    mutate: (r) => (r.spec.replicas = -1),
    errors: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
  },
];

for (const c of replicaSetCases) {
  test(`ReplicaSet validation: ${c.name}`, () => {
    const rs = deployment((d) => {
      d.kind = 'ReplicaSet';
      c.mutate(d);
    });
    assert.deepEqual(errorsOf(rs), c.errors);
  });
}

// statefulset.md §2.
const SU = 'spec.updateStrategy';
const statefulSetCases: { name: string; mutate: (s: Obj) => void; errors: string[] }[] = [
  { name: 'valid', mutate: () => {}, errors: [] },
  {
    name: 'name must be a DNS label',
    mutate: (s) => (s.metadata.name = 'web.v1'),
    errors: ['metadata.name: Invalid value: "web.v1": must not contain dots'],
  },
  {
    name: 'podManagementPolicy unknown',
    mutate: (s) => (s.spec.podManagementPolicy = 'Sometimes'),
    errors: [`spec.podManagementPolicy: Invalid value: "Sometimes": must be 'OrderedReady' or 'Parallel'`],
  },
  { name: 'Parallel', mutate: (s) => (s.spec.podManagementPolicy = 'Parallel'), errors: [] },
  {
    name: 'updateStrategy type unknown',
    mutate: (s) => (s.spec.updateStrategy = { type: 'BlueGreen' }),
    errors: [
      `${SU}: Invalid value: {"Type":"BlueGreen","RollingUpdate":null}: must be 'RollingUpdate' or 'OnDelete'`,
    ],
  },
  {
    name: 'OnDelete with rollingUpdate',
    mutate: (s) => (s.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 1 } }),
    errors: [
      `${SU}.rollingUpdate: Invalid value: {"Partition":1,"MaxUnavailable":null}: only allowed for updateStrategy 'RollingUpdate'`,
    ],
  },
  { name: 'OnDelete alone', mutate: (s) => (s.spec.updateStrategy = { type: 'OnDelete' }), errors: [] },
  {
    name: 'partition < 0',
    mutate: (s) => (s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }),
    errors: [`${SU}.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0`],
  },
  {
    name: 'maxUnavailable 0',
    mutate: (s) => (s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } }),
    errors: [`${SU}.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0`],
  },
  {
    name: 'maxUnavailable "0%"',
    mutate: (s) =>
      (s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0%' } }),
    errors: [`${SU}.rollingUpdate.maxUnavailable: Invalid value: "0%": cannot be 0`],
  },
  {
    name: 'maxUnavailable > 100%',
    mutate: (s) =>
      (s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%' } }),
    errors: [`${SU}.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%`],
  },
  {
    name: 'maxUnavailable negative',
    mutate: (s) => (s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: -1 } }),
    errors: [`${SU}.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0`],
  },
  {
    name: 'retention policy whenDeleted not Retain/Delete',
    mutate: (s) => (s.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' }),
    errors: [
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
    ],
  },
  {
    name: 'retention policy whenScaled not Retain/Delete',
    mutate: (s) => (s.spec.persistentVolumeClaimRetentionPolicy = { whenScaled: 'Drop' }),
    errors: [
      'spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: "Drop": supported values: "Retain", "Delete"',
    ],
  },
  {
    name: 'replicas, minReadySeconds, ordinals.start < 0',
    mutate: (s) => {
      s.spec.replicas = -1;
      s.spec.minReadySeconds = -2;
      s.spec.ordinals = { start: -3 };
    },
    errors: [
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0',
      'spec.ordinals.start: Invalid value: -3: must be greater than or equal to 0',
    ],
  },
  {
    name: 'revisionHistoryLimit < 0',
    mutate: (s) => (s.spec.revisionHistoryLimit = -1),
    errors: ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0'],
  },
  {
    name: 'selector nil',
    mutate: (s) => delete s.spec.selector,
    errors: [
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: {"app":"nginx"}: `selector` does not match template `labels`',
    ],
  },
  {
    name: 'empty selector',
    mutate: (s) => (s.spec.selector = {}),
    errors: ['spec.selector: Invalid value: {}: empty selector is invalid for statefulset'],
  },
  {
    name: 'selector does not match the template',
    mutate: (s) => (s.spec.selector = { matchLabels: { app: 'web' } }),
    errors: [
      'spec.template.metadata.labels: Invalid value: {"app":"nginx"}: `selector` does not match template `labels`',
    ],
  },
  {
    name: 'restartPolicy OnFailure',
    mutate: (s) => (s.spec.template.spec.restartPolicy = 'OnFailure'),
    errors: ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
  },
  {
    name: 'activeDeadlineSeconds',
    mutate: (s) => (s.spec.template.spec.activeDeadlineSeconds = 10),
    errors: [
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
    ],
  },
  {
    name: 'serviceName must be a DNS label',
    mutate: (s) => (s.spec.serviceName = 'Nginx'),
    errors: [
      `spec.serviceName: Invalid value: "Nginx": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ],
  },
  { name: 'serviceName is optional', mutate: (s) => delete s.spec.serviceName, errors: [] },
  {
    name: 'the pod spec itself is not checked at StatefulSet level',
    mutate: (s) => (s.spec.template.spec.containers = []),
    errors: [],
  },
];

for (const c of statefulSetCases) {
  test(`StatefulSet validation: ${c.name}`, () => {
    assert.deepEqual(errorsOf(statefulSet(c.mutate)), c.errors);
  });
}

// Pod spec basics, on a Pod (paths under spec.) unless said otherwise.
const QUANTITY_RE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const podCases: { name: string; mutate: (p: Obj) => void; errors: string[] }[] = [
  { name: 'valid', mutate: () => {}, errors: [] },
  {
    name: 'at least one container',
    mutate: (p) => (p.spec.containers = []),
    errors: ['spec.containers: Required value'],
  },
  {
    name: 'container name required, image required',
    mutate: (p) => (p.spec.containers = [{}]),
    errors: ['spec.containers[0].name: Required value', 'spec.containers[0].image: Required value'],
  },
  {
    name: 'container names are DNS labels and unique',
    mutate: (p) =>
      (p.spec.containers = [
        { name: 'web', image: 'a' },
        { name: 'web', image: 'b' },
      ]),
    errors: ['spec.containers[1].name: Duplicate value: "web"'],
  },
  {
    name: 'init container names must not collide with containers',
    mutate: (p) => (p.spec.initContainers = [{ name: 'c', image: 'a' }]),
    errors: ['spec.initContainers[0].name: Duplicate value: "c"'],
  },
  {
    name: 'restartPolicy values',
    mutate: (p) => (p.spec.restartPolicy = 'Sometimes'),
    errors: [
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
  },
  {
    name: 'restartPolicy Never is fine for a Pod',
    mutate: (p) => (p.spec.restartPolicy = 'Never'),
    errors: [],
  },
  {
    name: 'dnsPolicy values',
    mutate: (p) => (p.spec.dnsPolicy = 'Google'),
    errors: [
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ],
  },
  {
    name: 'imagePullPolicy values',
    mutate: (p) => (p.spec.containers[0].imagePullPolicy = 'Sometimes'),
    errors: [
      'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ],
  },
  {
    name: 'a quantity that does not parse',
    mutate: (p) => (p.spec.containers[0].resources = { limits: { memory: '1Gb' } }),
    // On a Pod, requests default to limits first, so the request is refused too.
    errors: [
      `spec.containers[0].resources.limits[memory]: Invalid value: "1Gb": ${QUANTITY_RE}`,
      `spec.containers[0].resources.requests[memory]: Invalid value: "1Gb": ${QUANTITY_RE}`,
    ],
  },
  {
    name: 'a negative quantity',
    mutate: (p) => (p.spec.containers[0].resources = { requests: { cpu: '-1' } }),
    errors: [
      'spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0',
    ],
  },
  {
    name: 'requests above limits',
    mutate: (p) => (p.spec.containers[0].resources = { limits: { cpu: '500m' }, requests: { cpu: 1 } }),
    errors: [
      'spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
    ],
  },
  {
    name: 'unknown resource names',
    mutate: (p) => (p.spec.containers[0].resources = { limits: { storage: '1Gi' } }),
    errors: [
      'spec.containers[0].resources.limits[storage]: Invalid value: "storage": must be a standard resource for containers',
      'spec.containers[0].resources.requests[storage]: Invalid value: "storage": must be a standard resource for containers',
    ],
  },
  {
    name: 'extended resources are integers and need requests equal to limits',
    mutate: (p) =>
      (p.spec.containers[0].resources = {
        limits: { 'example.com/gpu': '1500m' },
        requests: { 'example.com/gpu': 1 },
      }),
    errors: [
      'spec.containers[0].resources.limits[example.com/gpu]: Invalid value: "1500m": must be an integer',
      'spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 1500m',
    ],
  },
  {
    name: 'container ports',
    mutate: (p) =>
      (p.spec.containers[0].ports = [
        { containerPort: 70000 },
        { containerPort: 80, protocol: 'HTTP', name: 'Web' },
        {},
      ]),
    errors: [
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].name: Invalid value: "Web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.containers[0].ports[2].containerPort: Required value',
    ],
  },
  {
    name: 'volume mounts name a volume of the pod',
    mutate: (p) => (p.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }]),
    errors: ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
  },
  {
    name: 'volumes need exactly one source and a unique DNS-label name',
    mutate: (p) =>
      (p.spec.volumes = [
        { name: 'a', emptyDir: {}, secret: { secretName: 's' } },
        { name: 'b', persistentVolumeClaim: {} },
        { name: 'c', configMap: { name: 'c' } },
        { name: 'c', emptyDir: {} },
        { name: 'b', emptyDir: {} },
      ]),
    // A volume with errors is not remembered, so the second "b" is no duplicate.
    errors: [
      'spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type',
      'spec.volumes[1].persistentVolumeClaim.claimName: Required value',
      'spec.volumes[3].name: Duplicate value: "c"',
    ],
  },
  {
    name: 'a liveness probe needs successThreshold 1 and a handler',
    mutate: (p) => (p.spec.containers[0].livenessProbe = { successThreshold: 2 }),
    errors: [
      'spec.containers[0].livenessProbe: Required value: must specify a handler type',
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    ],
  },
  {
    name: 'an httpGet probe port must be a valid port',
    mutate: (p) => (p.spec.containers[0].readinessProbe = { httpGet: { port: 0 } }),
    errors: [
      'spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive',
    ],
  },
  {
    name: 'env names (relaxed rules of 1.34)',
    mutate: (p) =>
      (p.spec.containers[0].env = [
        { name: 'A=B', value: 'x' },
        { name: '1.ok-too', value: 'y' },
        { value: 'z' },
      ]),
    errors: [
      `spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
      'spec.containers[0].env[2].name: Required value',
    ],
  },
  {
    name: 'terminationGracePeriodSeconds is defaulted, activeDeadlineSeconds has a range',
    mutate: (p) => (p.spec.activeDeadlineSeconds = 0),
    errors: ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'],
  },
  {
    name: 'tolerations',
    mutate: (p) => (p.spec.tolerations = [{ operator: 'Equal', value: 'x' }]),
    errors: [
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    ],
  },
  {
    name: 'nodeSelector is a label map',
    mutate: (p) => (p.spec.nodeSelector = { 'disk type': 'ssd' }),
    errors: [
      `spec.nodeSelector: Invalid value: "disk type": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
  },
  {
    name: 'pod name is a DNS subdomain; namespace a DNS label',
    mutate: (p) => {
      p.metadata.name = 'p.1';
      p.metadata.namespace = 'My-NS';
    },
    errors: [
      `metadata.namespace: Invalid value: "My-NS": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ],
  },
  {
    name: 'metadata.name is required',
    mutate: (p) => delete p.metadata.name,
    errors: ['metadata.name: Required value: name or generateName is required'],
  },
  {
    name: 'label values: at most 63 characters of the label alphabet',
    mutate: (p) => (p.metadata.labels = { app: 'x'.repeat(64) }),
    errors: [`metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`],
  },
  {
    name: 'annotation keys are qualified names (case does not matter)',
    mutate: (p) => (p.metadata.annotations = { 'Example.com/Note': 'ok', 'a/b/c': 'x' }),
    errors: [
      `metadata.annotations: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
  },
  {
    name: 'finalizers must be standard or qualified',
    mutate: (p) => (p.metadata.finalizers = ['example.com/keep', 'keep']),
    errors: [
      'metadata.finalizers[1]: Invalid value: "keep": name is neither a standard finalizer name nor is it fully qualified',
    ],
  },
  {
    name: 'only one controller owner',
    mutate: (p) =>
      (p.metadata.ownerReferences = [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
      ]),
    errors: [
      'metadata.ownerReferences: Invalid value: [{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"a","uid":"1","controller":true},{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"b","uid":"2","controller":true}]: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
    ],
  },
];

for (const c of podCases) {
  test(`Pod validation: ${c.name}`, () => {
    assert.deepEqual(errorsOf(pod(c.mutate)), c.errors);
  });
}

function service(mutate: (s: Obj) => void = () => {}): Obj {
  const s: Obj = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
  };
  mutate(s);
  return s;
}

const serviceCases: { name: string; mutate: (s: Obj) => void; errors: string[] }[] = [
  { name: 'valid', mutate: () => {}, errors: [] },
  {
    name: 'the name is a DNS-1035 label',
    mutate: (s) => (s.metadata.name = '1web'),
    errors: [
      `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ],
  },
  { name: 'ports are required', mutate: (s) => delete s.spec.ports, errors: ['spec.ports: Required value'] },
  {
    name: 'a headless service (clusterIP None) needs no ports',
    mutate: (s) => {
      s.spec.clusterIP = 'None';
      delete s.spec.ports;
    },
    errors: [],
  },
  {
    name: 'several ports need names',
    mutate: (s) => (s.spec.ports = [{ port: 80 }, { port: 443, name: 'https' }]),
    errors: ['spec.ports[0].name: Required value'],
  },
  {
    name: 'port range and protocol',
    mutate: (s) => (s.spec.ports = [{ port: 0, protocol: 'HTTP' }]),
    errors: [
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ],
  },
  {
    name: 'type',
    mutate: (s) => (s.spec.type = 'Internal'),
    errors: [
      'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ],
  },
  {
    name: 'clusterIP must be an IP or None',
    mutate: (s) => (s.spec.clusterIP = '10.0.0.300'),
    errors: [
      'spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
  },
  {
    name: 'selector is a label map',
    mutate: (s) => (s.spec.selector = { app: 'a b' }),
    errors: [
      `spec.selector: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
  },
  {
    name: 'nodePort only for NodePort and LoadBalancer',
    mutate: (s) => (s.spec.ports = [{ port: 80, nodePort: 30080 }]),
    errors: ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
  },
];

for (const c of serviceCases) {
  test(`Service validation: ${c.name}`, () => {
    assert.deepEqual(errorsOf(service(c.mutate)), c.errors);
  });
}

const storageCases: { name: string; obj: Obj; errors: string[] }[] = [
  {
    name: 'PVC: accessModes and a storage request are required',
    obj: { kind: 'PersistentVolumeClaim', metadata: { name: 'c', namespace: 'default' }, spec: {} },
    errors: [
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources[storage]: Required value',
    ],
  },
  {
    name: 'PVC: access modes are from the list; storage must be positive',
    obj: {
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'c', namespace: 'default' },
      spec: { accessModes: ['ReadWriteSometimes'], resources: { requests: { storage: '0' } } },
    },
    errors: [
      'spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      'spec.resources[storage]: Invalid value: "0": must be greater than zero',
    ],
  },
  {
    name: 'PVC: valid',
    obj: {
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'c', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    },
    errors: [],
  },
  {
    name: 'PV: accessModes, capacity and a source are required',
    obj: { kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: {} },
    errors: [
      'spec.accessModes: Required value',
      'spec.capacity: Required value',
      'spec.capacity: Unsupported value: null: supported values: "storage"',
      'spec: Required value: must specify a volume type',
    ],
  },
  {
    name: 'PV: reclaim policy',
    obj: {
      kind: 'PersistentVolume',
      metadata: { name: 'pv1' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        capacity: { storage: '1Gi' },
        hostPath: { path: '/data' },
        persistentVolumeReclaimPolicy: 'Keep',
      },
    },
    errors: [
      'spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"',
    ],
  },
];

for (const c of storageCases) {
  test(`storage validation: ${c.name}`, () => {
    assert.deepEqual(errorsOf({ apiVersion: 'v1', ...c.obj }), c.errors);
  });
}

// Updates.
function stored(obj: Obj): Obj {
  defaultObject(obj as KObject);
  obj.metadata.resourceVersion = '7';
  obj.metadata.uid = 'uid-1';
  return obj;
}

test('Deployment update: the selector is immutable (apps/v1)', () => {
  const old = stored(deployment());
  const next = deepClone(old);
  next.spec.selector.matchLabels.tier = 'fe';
  next.spec.template.metadata.labels.tier = 'fe';
  assert.deepEqual(updateErrorsOf(next, old), [
    'spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"fe"}}: field is immutable',
  ]);
});

test('Deployment update: replicas, template and strategy may change', () => {
  const old = stored(deployment());
  const next = deepClone(old);
  next.spec.replicas = 5;
  next.spec.template.spec.containers[0].image = 'nginx:1.26';
  next.spec.strategy = { type: 'Recreate' };
  assert.deepEqual(updateErrorsOf(next, old), []);
});

test('ReplicaSet update: the selector is immutable', () => {
  const old = stored(deployment((d) => (d.kind = 'ReplicaSet')));
  const next = deepClone(old);
  next.spec.selector = { matchLabels: { app: 'web', v: '2' } };
  next.spec.template.metadata.labels.v = '2';
  assert.deepEqual(updateErrorsOf(next, old), [
    'spec.selector: Invalid value: {"matchLabels":{"app":"web","v":"2"}}: field is immutable',
  ]);
});

const stsUpdates: { name: string; mutate: (s: Obj) => void; forbidden: boolean }[] = [
  { name: 'replicas', mutate: (s) => (s.spec.replicas = 5), forbidden: false },
  {
    name: 'template',
    mutate: (s) => (s.spec.template.spec.containers[0].image = 'nginx:1.26'),
    forbidden: false,
  },
  { name: 'updateStrategy', mutate: (s) => (s.spec.updateStrategy = { type: 'OnDelete' }), forbidden: false },
  { name: 'minReadySeconds', mutate: (s) => (s.spec.minReadySeconds = 5), forbidden: false },
  { name: 'ordinals', mutate: (s) => (s.spec.ordinals = { start: 2 }), forbidden: false },
  { name: 'revisionHistoryLimit (1.34)', mutate: (s) => (s.spec.revisionHistoryLimit = 3), forbidden: false },
  {
    name: 'persistentVolumeClaimRetentionPolicy',
    mutate: (s) =>
      (s.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Delete' }),
    forbidden: false,
  },
  { name: 'serviceName', mutate: (s) => (s.spec.serviceName = 'other'), forbidden: true },
  { name: 'podManagementPolicy', mutate: (s) => (s.spec.podManagementPolicy = 'Parallel'), forbidden: true },
  {
    name: 'volumeClaimTemplates storage size',
    mutate: (s) => (s.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi'),
    forbidden: true,
  },
];

for (const c of stsUpdates) {
  test(`StatefulSet update of ${c.name} is ${c.forbidden ? 'forbidden' : 'allowed'}`, () => {
    const old = stored(statefulSet());
    const next = deepClone(old);
    c.mutate(next);
    assert.deepEqual(
      updateErrorsOf(next, old),
      c.forbidden ? [`spec: Forbidden: ${STATEFULSET_FORBIDDEN_UPDATE}`] : [],
    );
  });
}

test('StatefulSet update: the selector is one of the forbidden fields', () => {
  const old = stored(statefulSet());
  const next = deepClone(old);
  next.spec.selector = { matchLabels: { app: 'nginx', v: '2' } };
  next.spec.template.metadata.labels.v = '2';
  assert.deepEqual(updateErrorsOf(next, old), [
    "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
  ]);
});

function claim(): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  };
}

test('PVC update: the spec is immutable except the storage request of a bound claim', () => {
  const old = stored(claim());
  const modes = deepClone(old);
  modes.spec.accessModes = ['ReadWriteMany'];
  assert.deepEqual(updateErrorsOf(modes, old), [
    'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
  ]);
  const grow = deepClone(old);
  grow.spec.resources.requests.storage = '2Gi';
  assert.equal(updateErrorsOf(grow, old).length, 1, 'an unbound claim cannot be resized');
  const bound = deepClone(old);
  bound.status = { phase: 'Bound', capacity: { storage: '1Gi' } };
  const boundGrow = deepClone(bound);
  boundGrow.spec.resources.requests.storage = '2Gi';
  assert.deepEqual(updateErrorsOf(boundGrow, bound), []);
  const shrink = deepClone(bound);
  shrink.spec.resources.requests.storage = '500Mi';
  assert.deepEqual(updateErrorsOf(shrink, bound), [
    'spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
  ]);
  const volumeName = deepClone(old);
  volumeName.spec.volumeName = 'pv-1';
  assert.deepEqual(updateErrorsOf(volumeName, old), [], 'volumeName may be set once (binding)');
});

test('Service update: clusterIP may not change; an omitted one is kept', () => {
  const old = stored(service((s) => (s.spec.clusterIP = '10.96.0.10')));
  const changed = deepClone(old);
  changed.spec.clusterIP = '10.96.0.20';
  changed.spec.clusterIPs = ['10.96.0.20'];
  assert.deepEqual(updateErrorsOf(changed, old), [
    'spec.clusterIPs[0]: Invalid value: ["10.96.0.20"]: may not change once set',
  ]);
  const reapplied = service();
  reapplied.metadata.resourceVersion = '7';
  reapplied.metadata.uid = 'uid-1';
  assert.deepEqual(updateErrorsOf(reapplied, old), []);
  assert.equal(reapplied.spec.clusterIP, '10.96.0.10');
  assert.deepEqual(reapplied.spec.clusterIPs, ['10.96.0.10']);
});

test('Pod update: only images, activeDeadlineSeconds, added tolerations (and binding) may change', () => {
  const old = stored(pod());
  const image = deepClone(old);
  image.spec.containers[0].image = 'busybox:1.36';
  assert.deepEqual(updateErrorsOf(image, old), []);
  const bind = deepClone(old);
  bind.spec.nodeName = 'node-1';
  assert.deepEqual(updateErrorsOf(bind, old), []);
  const restart = deepClone(old);
  restart.spec.restartPolicy = 'Never';
  assert.deepEqual(updateErrorsOf(restart, old), [
    'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
  ]);
  const more = deepClone(old);
  more.spec.containers.push({ name: 'd', image: 'x' });
  assert.deepEqual(updateErrorsOf(more, old), [
    'spec.containers: Forbidden: pod updates may not add or remove containers',
  ]);
});

// Status.
const deploymentStatusCases: { name: string; status: Obj; old?: Obj; errors: string[] }[] = [
  {
    name: 'consistent counters',
    status: { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 2 },
    errors: [],
  },
  {
    name: 'counters above replicas',
    status: { replicas: 1, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 },
    errors: [
      'status.updatedReplicas: Invalid value: 2: cannot be greater than status.replicas',
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
      'status.availableReplicas: Invalid value: 2: cannot be greater than status.replicas',
    ],
  },
  {
    name: 'available above ready',
    status: { replicas: 3, readyReplicas: 1, availableReplicas: 2 },
    errors: ['status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas'],
  },
  {
    name: 'negative counters',
    status: { replicas: -1, observedGeneration: -1 },
    errors: [
      'status.observedGeneration: Invalid value: -1: must be greater than or equal to 0',
      'status.replicas: Invalid value: -1: must be greater than or equal to 0',
      'status.updatedReplicas: Invalid value: 0: cannot be greater than status.replicas',
      'status.readyReplicas: Invalid value: 0: cannot be greater than status.replicas',
      'status.availableReplicas: Invalid value: 0: cannot be greater than status.replicas',
    ],
  },
  {
    name: 'collisionCount cannot be decremented',
    status: { collisionCount: 1 },
    old: { collisionCount: 2 },
    errors: ['status.collisionCount: Invalid value: 1: cannot be decremented'],
  },
  {
    name: 'collisionCount cannot be removed',
    status: {},
    old: { collisionCount: 2 },
    errors: ['status.collisionCount: Invalid value: 0: cannot be decremented'],
  },
  { name: 'collisionCount may grow', status: { collisionCount: 3 }, old: { collisionCount: 2 }, errors: [] },
];

for (const c of deploymentStatusCases) {
  test(`Deployment status: ${c.name}`, () => {
    const old = stored(deployment());
    old.status = c.old ?? {};
    const next = { ...old, status: c.status };
    assert.deepEqual(validateObjectStatus(next as KObject, old as KObject).map(formatFieldError), c.errors);
  });
}

test('ReplicaSet status: counters against replicas', () => {
  const old = stored(deployment((d) => (d.kind = 'ReplicaSet')));
  const next = {
    ...old,
    status: { replicas: 1, fullyLabeledReplicas: 2, readyReplicas: 1, availableReplicas: 1 },
  };
  assert.deepEqual(validateObjectStatus(next as KObject, old as KObject).map(formatFieldError), [
    'status.fullyLabeledReplicas: Invalid value: 2: cannot be greater than status.replicas',
  ]);
});

test('StatefulSet status: counters, available above ready, collisionCount', () => {
  const old = stored(statefulSet());
  old.status = { collisionCount: 1 };
  const next = {
    ...old,
    status: { replicas: 2, readyReplicas: 1, currentReplicas: 3, availableReplicas: 2 },
  };
  assert.deepEqual(validateObjectStatus(next as KObject, old as KObject).map(formatFieldError), [
    'status.currentReplicas: Invalid value: 3: cannot be greater than status.replicas',
    'status.availableReplicas: Invalid value: 2: cannot be greater than status.readyReplicas',
    'status.collisionCount: Invalid value: 0: cannot be decremented',
  ]);
});

test('other kinds: Namespace, Node, ControllerRevision, StorageClass, EndpointSlice', () => {
  assert.deepEqual(errorsOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }), []);
  assert.deepEqual(errorsOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } }), [
    'metadata.name: Invalid value: "team.a": must not contain dots',
  ]);
  assert.deepEqual(
    errorsOf({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1' },
      spec: { taints: [{ key: 'k', effect: 'Sometimes' }] },
    }),
    [
      'metadata.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ],
  );
  assert.deepEqual(
    errorsOf({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name: 'r', namespace: 'default' },
      revision: -1,
    }),
    [
      'data: Required value: data is mandatory',
      'revision: Invalid value: -1: must be greater than or equal to 0',
    ],
  );
  assert.deepEqual(
    errorsOf({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'fast' },
      reclaimPolicy: 'Keep',
    }),
    [
      'provisioner: Required value',
      'reclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Retain"',
    ],
  );
  assert.deepEqual(
    errorsOf({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc', namespace: 'default' },
      addressType: 'IPv4',
      endpoints: [{ addresses: [] }, { addresses: ['10.0.0.1'] }],
      ports: [{ name: 'http', port: 80 }],
    }),
    ['endpoints[0].addresses: Required value: must contain at least 1 address'],
  );
});

test('kubectlMessage of a single cause', () => {
  const err = invalidError('Deployment', 'web', [
    {
      field: 'spec.replicas',
      type: 'Invalid value',
      value: -1,
      detail: 'must be greater than or equal to 0',
    },
  ]);
  assert.equal(
    kubectlMessage(err, 'Deployment', 'web'),
    'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
  );
});
