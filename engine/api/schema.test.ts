import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeError,
  decodeTypeError,
  kubectlDecodeMessage,
  kubectlStrictMessage,
  rootStruct,
  structFields,
  unknownFields,
} from './schema';
import {
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  compareQuantity,
  formatQuantity,
  milliValue,
  parseQuantity,
  quantityValue,
  roundUpTo,
} from './quantity';
import { allKinds } from './kinds';
import type { KObject } from './types';

type Obj = Record<string, any>;

/** A Deployment using a wide range of real fields: none of them may be reported. */
const fullDeployment = (): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'default',
    labels: { app: 'web' },
    annotations: { 'deployment.kubernetes.io/revision': '1' },
    finalizers: ['example.com/x'],
    ownerReferences: [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: 'c',
        uid: 'u',
        controller: false,
        blockOwnerDeletion: true,
      },
    ],
  },
  spec: {
    replicas: 3,
    minReadySeconds: 5,
    revisionHistoryLimit: 2,
    progressDeadlineSeconds: 60,
    paused: false,
    selector: {
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }],
    },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web', tier: 'fe' }, annotations: { a: 'b' } },
      spec: {
        serviceAccountName: 'web',
        automountServiceAccountToken: false,
        terminationGracePeriodSeconds: 10,
        nodeSelector: { disk: 'ssd' },
        priorityClassName: 'high',
        hostname: 'h',
        subdomain: 's',
        dnsConfig: { nameservers: ['1.1.1.1'], options: [{ name: 'ndots', value: '2' }] },
        securityContext: {
          runAsUser: 1000,
          runAsNonRoot: true,
          fsGroup: 2000,
          seccompProfile: { type: 'RuntimeDefault' },
        },
        imagePullSecrets: [{ name: 'reg' }],
        tolerations: [
          { key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 30 },
        ],
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'zone',
            whenUnsatisfiable: 'DoNotSchedule',
            labelSelector: { matchLabels: { app: 'web' } },
          },
        ],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }],
            },
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 1, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } },
            ],
          },
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 100,
                podAffinityTerm: {
                  topologyKey: 'kubernetes.io/hostname',
                  labelSelector: { matchLabels: { app: 'web' } },
                },
              },
            ],
          },
        },
        initContainers: [
          { name: 'init', image: 'busybox', command: ['sh', '-c', 'true'], restartPolicy: 'Always' },
        ],
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.25',
            imagePullPolicy: 'IfNotPresent',
            command: ['nginx'],
            args: ['-g', 'daemon off;'],
            workingDir: '/',
            ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
            env: [
              { name: 'A', value: '1' },
              { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k', optional: true } } },
            ],
            envFrom: [{ configMapRef: { name: 'cm' }, prefix: 'X_' }],
            resources: { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
            resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }],
            volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true, subPath: 'x' }],
            livenessProbe: {
              httpGet: { path: '/healthz', port: 'http', httpHeaders: [{ name: 'X', value: 'y' }] },
            },
            readinessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 5, periodSeconds: 2 },
            startupProbe: { exec: { command: ['true'] }, failureThreshold: 30 },
            lifecycle: { preStop: { sleep: { seconds: 5 } }, stopSignal: 'SIGTERM' },
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] },
            },
            terminationMessagePolicy: 'FallbackToLogsOnError',
            stdin: false,
            tty: false,
          },
        ],
        volumes: [
          { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'cfg', configMap: { name: 'cfg', items: [{ key: 'a', path: 'a' }], defaultMode: 420 } },
          { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
          {
            name: 'proj',
            projected: {
              sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600, audience: 'x' } }],
            },
          },
          { name: 'img', image: { reference: 'example.com/data:1', pullPolicy: 'IfNotPresent' } },
        ],
      },
    },
  },
  status: {
    replicas: 3,
    conditions: [{ type: 'Available', status: 'True', lastUpdateTime: '2024-01-01T00:00:00Z' }],
  },
});

test('a manifest made of real fields has no unknown field', () => {
  assert.deepEqual(unknownFields(fullDeployment() as KObject), []);
});

test('StatefulSet, Service, PVC, PV and Pod manifests with real fields pass', () => {
  const manifests: Obj[] = [
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: {
        serviceName: 'nginx',
        podManagementPolicy: 'Parallel',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1, maxUnavailable: 2 } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
        ordinals: { start: 1 },
        selector: { matchLabels: { app: 'nginx' } },
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: { containers: [{ name: 'n', image: 'nginx' }] },
        },
        volumeClaimTemplates: [
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { name: 'www' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: 'fast',
              resources: { requests: { storage: '1Gi' } },
            },
          },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'nginx' },
      spec: {
        clusterIP: 'None',
        publishNotReadyAddresses: true,
        selector: { app: 'nginx' },
        ports: [{ name: 'web', port: 80, targetPort: 'http', appProtocol: 'http' }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv' },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: 'manual',
        local: { path: '/mnt/disk' },
        claimRef: { namespace: 'default', name: 'www-web-0' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n'] }] },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', generateName: 'p-' },
      spec: {
        nodeName: 'node-1',
        containers: [{ name: 'c', image: 'x' }],
        overhead: { cpu: '10m' },
        os: { name: 'linux' },
      },
      status: {
        phase: 'Running',
        podIP: '10.0.0.1',
        containerStatuses: [{ name: 'c', ready: true, restartCount: 0, image: 'x', imageID: '' }],
      },
    },
  ];
  for (const m of manifests) assert.deepEqual(unknownFields(m as KObject), [], m.kind);
});

const unknownRows: { name: string; obj: Obj; want: string[] }[] = [
  {
    name: 'a misspelt spec field',
    obj: { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicass: 3 } },
    want: ['spec.replicass'],
  },
  {
    name: 'a misspelt container field, with its index',
    obj: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'x' },
              { name: 'b', imagee: 'y' },
            ],
          },
        },
      },
    },
    want: ['spec.template.spec.containers[1].imagee'],
  },
  {
    name: 'several, in document order',
    obj: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metdata: {},
      spec: {
        replica: 1,
        template: { spec: { containers: [{ name: 'a', ports: [{ containerport: 80 }] }] } },
      },
    },
    want: ['metdata', 'spec.replica', 'spec.template.spec.containers[0].ports[0].containerport'],
  },
  {
    name: 'field names are case-sensitive',
    obj: { apiVersion: 'v1', kind: 'Pod', metadata: { Name: 'p' }, spec: { Containers: [] } },
    want: ['metadata.Name', 'spec.Containers'],
  },
  {
    name: 'map keys are free (labels, annotations, nodeSelector, resources)',
    obj: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { labels: { anything: 'x' }, annotations: { 'a/b': 'c' } },
      spec: {
        nodeSelector: { k: 'v' },
        containers: [{ name: 'c', resources: { limits: { 'nvidia.com/gpu': 1 } } }],
      },
    },
    want: [],
  },
  {
    name: 'ControllerRevision data is free-form',
    obj: {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      revision: 1,
      data: { spec: { whatever: true } },
    },
    want: [],
  },
  {
    name: 'StatefulSet volumeClaimTemplates are PersistentVolumeClaims',
    obj: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      spec: { volumeClaimTemplates: [{ metadata: { name: 'w' }, spec: { storage: '1Gi' } }] },
    },
    want: ['spec.volumeClaimTemplates[0].spec.storage'],
  },
];

for (const row of unknownRows) {
  test(`unknownFields: ${row.name}`, () => assert.deepEqual(unknownFields(row.obj as KObject), row.want));
}

test('every served kind has a root struct and its fields parse', () => {
  for (const info of allKinds) {
    const root = rootStruct(info.kind);
    assert.ok(root, info.kind);
    const fields = structFields(root!);
    assert.ok(fields.has('metadata') && fields.has('apiVersion') && fields.has('kind'), info.kind);
  }
});

test("kubectl's strict decoding message", () => {
  assert.equal(
    kubectlStrictMessage('Deployment', ['spec.replicass'], 'web.yaml'),
    'Error from server (BadRequest): error when creating "web.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"',
  );
  const err = decodeError({
    apiVersion: 'v1',
    kind: 'Pod',
    spec: { containerz: [], hostnetwork: true },
  } as KObject)!;
  assert.equal(err.reason, 'BadRequest');
  assert.equal(err.code, 400);
  assert.equal(
    kubectlDecodeMessage(err, 'pod.yaml'),
    'Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containerz", unknown field "spec.hostnetwork"',
  );
  assert.equal(decodeError(fullDeployment() as KObject), undefined);
});

const typeRows: { name: string; obj: Obj; want: string }[] = [
  {
    name: 'string where an int32 is required',
    obj: { kind: 'Deployment', spec: { replicas: '3' } },
    want: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
  },
  {
    name: 'a fraction where an int32 is required',
    obj: { kind: 'Deployment', spec: { replicas: 1.5 } },
    want: 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
  },
  {
    name: 'an int32 out of range',
    obj: { kind: 'Deployment', spec: { replicas: 3000000000 } },
    want: 'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32',
  },
  {
    name: 'a number where a string is required (env value)',
    obj: {
      kind: 'StatefulSet',
      spec: { template: { spec: { containers: [{ env: [{ name: 'P', value: 7070 }] }] } } },
    },
    want: 'json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
  },
  {
    name: 'a number in a []string (command)',
    obj: { kind: 'Deployment', spec: { template: { spec: { containers: [{ command: ['sleep', 3600] }] } } } },
    want: 'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.command of type string',
  },
  {
    name: 'a string containerPort',
    obj: { kind: 'Pod', spec: { containers: [{ ports: [{ containerPort: 'http' }] }] } },
    want: 'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
  },
  {
    name: 'a number as a label value (no key in the path)',
    obj: { kind: 'Pod', metadata: { labels: { replica: 1 } } },
    want: 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
  },
  {
    name: 'an object where a list is required',
    obj: { kind: 'Pod', spec: { containers: { name: 'c' } } },
    want: 'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
  },
  {
    name: 'a list where a struct is required',
    obj: { kind: 'Deployment', spec: { template: [] } },
    want: 'json: cannot unmarshal array into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec',
  },
  {
    name: 'a named string type',
    obj: { kind: 'Pod', spec: { restartPolicy: 1 } },
    want: 'json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy',
  },
  {
    name: 'a string where a bool is required',
    obj: { kind: 'Pod', spec: { hostNetwork: 'yes' } },
    want: 'json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool',
  },
  {
    name: 'a list where a map is required',
    obj: { kind: 'Pod', metadata: { labels: ['a'] } },
    want: 'json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string',
  },
  {
    name: 'a malformed quantity',
    obj: { kind: 'Pod', spec: { containers: [{ resources: { limits: { memory: '1Gb' } } }] } },
    want: QUANTITY_FORMAT_ERROR,
  },
  {
    name: 'an IntOrString that is neither',
    obj: { kind: 'Deployment', spec: { strategy: { rollingUpdate: { maxSurge: true } } } },
    want: 'json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32',
  },
  {
    name: 'a timestamp that is not a string',
    obj: { kind: 'Pod', metadata: { creationTimestamp: 5 } },
    want: 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string',
  },
  {
    name: 'the first error in document order wins',
    obj: { kind: 'Deployment', metadata: { name: 5 }, spec: { replicas: '3' } },
    want: 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
  },
];

for (const row of typeRows) {
  test(`decode type error: ${row.name}`, () => assert.equal(decodeTypeError(row.obj as KObject), row.want));
}

test('a type error is reported before unknown fields', () => {
  const err = decodeError({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    spec: { replicass: 1, replicas: '3' },
  } as KObject)!;
  assert.equal(
    err.message,
    'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
  );
  assert.equal(
    decodeTypeError({ kind: 'Deployment', spec: { replicas: null } } as KObject),
    undefined,
    'null is fine',
  );
});

const quantityRows: [unknown, string][] = [
  ['0.5', '500m'],
  [0.25, '250m'],
  ['1000m', '1'],
  ['100m', '100m'],
  ['1', '1'],
  [1, '1'],
  ['1000', '1k'],
  ['1500', '1500'],
  ['1.5Gi', '1536Mi'],
  ['2048Ki', '2Mi'],
  ['1Gi', '1Gi'],
  ['500Mi', '500Mi'],
  ['1.5Ki', '1536'],
  ['0.5Ki', '512'],
  ['129e6', '129e6'],
  ['1E3', '1e3'],
  ['129M', '129M'],
  ['0.1', '100m'],
  ['.5', '500m'],
  ['5.', '5'],
  ['-1', '-1'],
  ['0', '0'],
  ['0.0001', '100u'],
];

for (const [input, want] of quantityRows) {
  test(`quantity ${JSON.stringify(input)} is written ${want}`, () => {
    const q = parseQuantity(input);
    assert.notEqual(typeof q, 'string');
    if (typeof q !== 'string') assert.equal(formatQuantity(q), want);
  });
}

test('malformed quantities give the decoder messages', () => {
  for (const bad of ['1Gb', '', 'abc', '1KB', true])
    assert.equal(parseQuantity(bad), QUANTITY_FORMAT_ERROR, String(bad));
  assert.equal(parseQuantity('1Mm'), QUANTITY_SUFFIX_ERROR);
});

test('quantity arithmetic: rounding, milli values, comparison', () => {
  const q = (s: string) => parseQuantity(s) as Exclude<ReturnType<typeof parseQuantity>, string>;
  assert.equal(formatQuantity(roundUpTo(q('0.0001'), -3)), '1m');
  assert.equal(milliValue(q('1.5')), 1500n);
  assert.equal(milliValue(q('100m')), 100n);
  assert.equal(quantityValue(q('1.1')), 2n);
  assert.equal(quantityValue(q('1Ki')), 1024n);
  assert.equal(compareQuantity(q('1Gi'), q('1G')), 1);
  assert.equal(compareQuantity(q('1000m'), q('1')), 0);
  assert.equal(compareQuantity(q('500m'), q('0.6')), -1);
});
