import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultObject, imageTag, podQOSClass } from './defaults';
import type { KObject } from './types';
import { deepClone } from '../util/clone';

type Obj = Record<string, any>;

function defaulted(obj: Obj): Obj {
  defaultObject(obj as KObject);
  return obj;
}

const template = () => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
});

const deployment = (spec: Obj = {}): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec },
});

test('Deployment defaults (deployment.md §1)', () => {
  const d = defaulted(deployment());
  assert.equal(d.spec.replicas, 1);
  assert.deepEqual(d.spec.strategy, {
    type: 'RollingUpdate',
    rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
  });
  assert.equal(d.spec.revisionHistoryLimit, 10);
  assert.equal(d.spec.progressDeadlineSeconds, 600);
  assert.equal(d.spec.minReadySeconds, undefined, 'minReadySeconds stays the Go zero value (absent)');
  assert.equal(d.spec.paused, undefined);
});

const deploymentRows: { name: string; spec: Obj; check: (spec: Obj) => void }[] = [
  { name: 'explicit replicas 0 stays 0', spec: { replicas: 0 }, check: (s) => assert.equal(s.replicas, 0) },
  { name: 'replicas null is unset', spec: { replicas: null }, check: (s) => assert.equal(s.replicas, 1) },
  { name: 'explicit replicas kept', spec: { replicas: 7 }, check: (s) => assert.equal(s.replicas, 7) },
  {
    name: 'Recreate gets no rollingUpdate',
    spec: { strategy: { type: 'Recreate' } },
    check: (s) => assert.deepEqual(s.strategy, { type: 'Recreate' }),
  },
  {
    name: 'a given maxSurge is kept, maxUnavailable defaulted (type defaulted too)',
    spec: { strategy: { rollingUpdate: { maxSurge: 0 } } },
    check: (s) =>
      assert.deepEqual(s.strategy, {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 0, maxUnavailable: '25%' },
      }),
  },
  {
    name: 'explicit RollingUpdate without rollingUpdate gets the 25% pair',
    spec: { strategy: { type: 'RollingUpdate' } },
    check: (s) => assert.deepEqual(s.strategy.rollingUpdate, { maxUnavailable: '25%', maxSurge: '25%' }),
  },
  {
    name: 'revisionHistoryLimit 0 and progressDeadlineSeconds kept',
    spec: { revisionHistoryLimit: 0, progressDeadlineSeconds: 30 },
    check: (s) => {
      assert.equal(s.revisionHistoryLimit, 0);
      assert.equal(s.progressDeadlineSeconds, 30);
    },
  },
];

for (const row of deploymentRows) {
  test(`Deployment defaults: ${row.name}`, () => row.check(defaulted(deployment(row.spec)).spec));
}

test('ReplicaSet defaults: replicas 1, an explicit 0 stays 0', () => {
  const rs = (spec: Obj) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r' }, spec });
  assert.equal(defaulted(rs({ template: template() })).spec.replicas, 1);
  assert.equal(defaulted(rs({ replicas: 0, template: template() })).spec.replicas, 0);
});

const statefulSet = (spec: Obj = {}): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    serviceName: 'nginx',
    selector: { matchLabels: { app: 'web' } },
    template: template(),
    volumeClaimTemplates: [
      {
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ],
    ...spec,
  },
});

test('StatefulSet defaults (statefulset.md §1)', () => {
  const s = defaulted(statefulSet()).spec;
  assert.equal(s.podManagementPolicy, 'OrderedReady');
  assert.deepEqual(s.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  assert.deepEqual(s.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  assert.equal(s.replicas, 1);
  assert.equal(s.revisionHistoryLimit, 10);
  assert.equal(s.minReadySeconds, undefined);
  assert.equal(s.ordinals, undefined);
  assert.deepEqual(s.volumeClaimTemplates[0], {
    metadata: { name: 'www' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Pending' },
  });
});

const stsRows: { name: string; spec: Obj; updateStrategy?: Obj; retention?: Obj }[] = [
  {
    name: 'an explicit RollingUpdate without rollingUpdate keeps it nil',
    spec: { updateStrategy: { type: 'RollingUpdate' } },
    updateStrategy: { type: 'RollingUpdate' },
  },
  {
    name: 'rollingUpdate given without partition gets partition 0',
    spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: {} } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
  },
  {
    name: 'rollingUpdate given, type defaulted, partition kept',
    spec: { updateStrategy: { rollingUpdate: { partition: 2 } } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
  },
  {
    name: 'OnDelete gets no rollingUpdate',
    spec: { updateStrategy: { type: 'OnDelete' } },
    updateStrategy: { type: 'OnDelete' },
  },
  {
    name: 'a partial retention policy is completed with Retain',
    spec: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' } },
    retention: { whenScaled: 'Delete', whenDeleted: 'Retain' },
  },
];

for (const row of stsRows) {
  test(`StatefulSet defaults: ${row.name}`, () => {
    const s = defaulted(statefulSet(row.spec)).spec;
    if (row.updateStrategy) assert.deepEqual(s.updateStrategy, row.updateStrategy);
    if (row.retention) assert.deepEqual(s.persistentVolumeClaimRetentionPolicy, row.retention);
  });
}

test('pod template defaults (SetDefaults_PodSpec, SetDefaults_Container)', () => {
  const spec = defaulted(deployment()).spec.template.spec;
  assert.deepEqual(spec, {
    containers: [
      {
        name: 'nginx',
        image: 'nginx:1.25',
        imagePullPolicy: 'IfNotPresent',
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      },
    ],
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    schedulerName: 'default-scheduler',
  });
});

test('a pod template gets no pod-only defaults (no serviceAccountName, priority, tolerations)', () => {
  const spec = defaulted(deployment()).spec.template.spec;
  for (const f of ['serviceAccountName', 'priority', 'tolerations', 'enableServiceLinks', 'preemptionPolicy'])
    assert.equal(spec[f], undefined, f);
});

const pullPolicyRows: [string, string, string][] = [
  ['nginx', 'latest', 'Always'],
  ['nginx:latest', 'latest', 'Always'],
  ['nginx:1.25', '1.25', 'IfNotPresent'],
  ['library/nginx', 'latest', 'Always'],
  ['localhost:5000/nginx', 'latest', 'Always'],
  ['registry.example.com:5000/team/app:v1', 'v1', 'IfNotPresent'],
  ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', '', 'IfNotPresent'],
  [
    'nginx:1.25@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    '1.25',
    'IfNotPresent',
  ],
  ['NGINX', '', 'IfNotPresent'],
];

for (const [image, tag, policy] of pullPolicyRows) {
  test(`imagePullPolicy of ${image} is ${policy}`, () => {
    assert.equal(imageTag(image), tag);
    const d = defaulted(deployment({ template: { spec: { containers: [{ name: 'c', image }] } } }));
    assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, policy);
  });
}

test('an explicit imagePullPolicy is kept', () => {
  const d = defaulted(
    deployment({
      template: { spec: { containers: [{ name: 'c', image: 'nginx', imagePullPolicy: 'Never' }] } },
    }),
  );
  assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, 'Never');
});

test('probe, port, env, volume defaults', () => {
  const d = defaulted(
    deployment({
      template: {
        spec: {
          containers: [
            {
              name: 'c',
              image: 'nginx:1',
              ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
              readinessProbe: { httpGet: { port: 80 }, periodSeconds: 5 },
              livenessProbe: { tcpSocket: { port: 80 }, failureThreshold: 5 },
              startupProbe: { grpc: { port: 9000 } },
              lifecycle: { preStop: { httpGet: { port: 80, path: '/stop' } } },
              env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            },
          ],
          volumes: [
            { name: 'scratch' },
            { name: 's', secret: { secretName: 's' } },
            { name: 'h', hostPath: { path: '/x' } },
          ],
        },
      },
    }),
  );
  const c = d.spec.template.spec.containers[0];
  assert.deepEqual(c.ports, [
    { containerPort: 80, protocol: 'TCP' },
    { containerPort: 53, protocol: 'UDP' },
  ]);
  assert.deepEqual(c.readinessProbe, {
    httpGet: { port: 80, path: '/', scheme: 'HTTP' },
    periodSeconds: 5,
    timeoutSeconds: 1,
    successThreshold: 1,
    failureThreshold: 3,
  });
  assert.deepEqual(c.livenessProbe, {
    tcpSocket: { port: 80 },
    failureThreshold: 5,
    timeoutSeconds: 1,
    periodSeconds: 10,
    successThreshold: 1,
  });
  assert.deepEqual(c.startupProbe.grpc, { port: 9000, service: '' });
  assert.deepEqual(c.lifecycle.preStop.httpGet, { port: 80, path: '/stop', scheme: 'HTTP' });
  assert.equal(c.env[0].valueFrom.fieldRef.apiVersion, 'v1');
  assert.deepEqual(d.spec.template.spec.volumes, [
    { name: 'scratch', emptyDir: {} },
    { name: 's', secret: { secretName: 's', defaultMode: 420 } },
    { name: 'h', hostPath: { path: '/x', type: '' } },
  ]);
});

test('resource quantities are rounded up to 1m and written canonically', () => {
  const d = defaulted(
    deployment({
      template: {
        spec: {
          containers: [
            {
              name: 'c',
              image: 'nginx:1',
              resources: {
                limits: { cpu: 0.5, memory: '1024Mi' },
                requests: { cpu: '0.0001', memory: '1000' },
              },
            },
          ],
        },
      },
    }),
  );
  assert.deepEqual(d.spec.template.spec.containers[0].resources, {
    limits: { cpu: '500m', memory: '1Gi' },
    requests: { cpu: '1m', memory: '1k' },
  });
});

const pod = (spec: Obj): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec,
});

test('Pod-only defaults: service links, service account, priority, default tolerations, Pending status', () => {
  const p = defaulted(pod({ containers: [{ name: 'c', image: 'busybox' }] }));
  assert.equal(p.spec.enableServiceLinks, true);
  assert.equal(p.spec.serviceAccountName, 'default');
  assert.equal(p.spec.serviceAccount, 'default');
  assert.equal(p.spec.priority, 0);
  assert.equal(p.spec.preemptionPolicy, 'PreemptLowerPriority');
  assert.deepEqual(p.spec.tolerations, [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    {
      key: 'node.kubernetes.io/unreachable',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    },
  ]);
  assert.deepEqual(p.status, { phase: 'Pending', qosClass: 'BestEffort' });
});

test('an existing NoExecute toleration for a key suppresses its default', () => {
  const p = defaulted(
    pod({
      containers: [{ name: 'c', image: 'busybox' }],
      tolerations: [
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 10,
        },
      ],
    }),
  );
  assert.deepEqual(
    p.spec.tolerations.map((t: Obj) => `${t.key}:${t.tolerationSeconds}`),
    ['node.kubernetes.io/unreachable:10', 'node.kubernetes.io/not-ready:300'],
  );
});

test('requests default to limits on Pods only (not on templates)', () => {
  const limits = { cpu: '1', memory: '1Gi' };
  const p = defaulted(pod({ containers: [{ name: 'c', image: 'x', resources: { limits } }] }));
  assert.deepEqual(p.spec.containers[0].resources.requests, limits);
  const d = defaulted(
    deployment({ template: { spec: { containers: [{ name: 'c', image: 'x', resources: { limits } }] } } }),
  );
  assert.equal(d.spec.template.spec.containers[0].resources.requests, undefined);
});

const qosRows: [string, Obj[], string][] = [
  ['no requests or limits', [{}], 'BestEffort'],
  ['requests only', [{ requests: { cpu: '100m' } }], 'Burstable'],
  ['limits (requests copied) for cpu and memory', [{ limits: { cpu: '1', memory: '1Gi' } }], 'Guaranteed'],
  ['limits for cpu only', [{ limits: { cpu: '1' } }], 'Burstable'],
  ['one container guaranteed, one best effort', [{ limits: { cpu: '1', memory: '1Gi' } }, {}], 'Burstable'],
  [
    'requests below limits',
    [{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } }],
    'Burstable',
  ],
  ['only non-compute resources', [{ requests: { 'ephemeral-storage': '1Gi' } }], 'BestEffort'],
];

for (const [name, resources, want] of qosRows) {
  test(`QoS class: ${name} → ${want}`, () => {
    const p = defaulted(
      pod({ containers: resources.map((r, i) => ({ name: `c${i}`, image: 'x', resources: r })) }),
    );
    assert.equal(p.status.qosClass, want);
    assert.equal(podQOSClass(p.spec), want);
  });
}

test('Service defaults', () => {
  const svc = defaulted({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { app: 'web' },
      ports: [{ port: 80 }, { name: 'm', port: 9090, targetPort: 'metrics' }],
    },
  });
  assert.deepEqual(svc.spec, {
    selector: { app: 'web' },
    ports: [
      { port: 80, protocol: 'TCP', targetPort: 80 },
      { name: 'm', port: 9090, targetPort: 'metrics', protocol: 'TCP' },
    ],
    sessionAffinity: 'None',
    type: 'ClusterIP',
    internalTrafficPolicy: 'Cluster',
    ipFamilyPolicy: 'SingleStack',
    ipFamilies: ['IPv4'],
  });
});

test('Service defaults: headless, NodePort, ClientIP affinity', () => {
  const headless = defaulted({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'nginx' },
    spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80, name: 'web' }] },
  });
  assert.deepEqual(headless.spec.clusterIPs, ['None']);
  const np = defaulted({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'np' },
    spec: { type: 'NodePort', sessionAffinity: 'ClientIP', ports: [{ port: 80 }] },
  });
  assert.equal(np.spec.externalTrafficPolicy, 'Cluster');
  assert.deepEqual(np.spec.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
});

test('PVC, PV, Namespace, Node, StorageClass, EndpointSlice defaults', () => {
  const pvc = defaulted({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'c' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  assert.equal(pvc.spec.volumeMode, 'Filesystem');
  assert.deepEqual(pvc.status, { phase: 'Pending' });
  const pv = defaulted({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'v' },
    spec: { capacity: { storage: 1e9 } },
  });
  assert.equal(pv.spec.persistentVolumeReclaimPolicy, 'Retain');
  assert.equal(pv.spec.volumeMode, 'Filesystem');
  assert.equal(pv.spec.capacity.storage, '1G');
  assert.deepEqual(pv.status, { phase: 'Pending' });
  const dynamic = defaulted({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'v' },
    spec: { persistentVolumeReclaimPolicy: 'Delete' },
  });
  assert.equal(dynamic.spec.persistentVolumeReclaimPolicy, 'Delete');
  const ns = defaulted({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
  assert.deepEqual(ns.metadata.labels, { 'kubernetes.io/metadata.name': 'team-a' });
  assert.deepEqual(ns.status, { phase: 'Active' });
  const node = defaulted({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n' },
    status: { capacity: { cpu: '4', pods: '110' } },
  });
  assert.deepEqual(node.status.allocatable, { cpu: '4', pods: '110' });
  const sc = defaulted({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 's' },
    provisioner: 'x',
  });
  assert.equal(sc.reclaimPolicy, 'Delete');
  assert.equal(sc.volumeBindingMode, 'Immediate');
  const slice = defaulted({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 's' },
    addressType: 'IPv4',
    ports: [{ port: 80 }],
  });
  assert.deepEqual(slice.ports, [{ port: 80, name: '', protocol: 'TCP' }]);
});

test('defaulting is idempotent (the store runs it on every write)', () => {
  for (const obj of [
    deployment(),
    statefulSet(),
    pod({ containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1' } } }] }),
  ]) {
    const once = defaulted(deepClone(obj));
    const twice = defaulted(deepClone(once));
    assert.deepEqual(twice, once);
  }
});

test('nulls decode as absent fields and zero map values', () => {
  const d = defaulted(deployment({ replicas: null, strategy: null, minReadySeconds: null }) as Obj);
  d.metadata.labels = { a: null };
  defaultObject(d as KObject);
  assert.equal(d.spec.replicas, 1);
  assert.equal(d.spec.strategy.type, 'RollingUpdate');
  assert.equal('minReadySeconds' in d.spec, false);
  assert.deepEqual(d.metadata.labels, { a: '' });
});
