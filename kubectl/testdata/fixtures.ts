/**
 * A small, fully specified cluster state for printer and describe tests: objects as the API server
 * would hold them after defaulting, with controller-style statuses, written straight into the store
 * (no controllers run). Virtual time: the Deployment is created at 0 s, its pods at 1 s, and the
 * fixture ends at 10 min 30 s.
 */
import { createCluster, makeNode, type Cluster, type KObject } from '../../engine';

export const T_END_MS = 630_000;

function podTemplate(app: string, image: string, extraLabels: Record<string, string> = {}) {
  return {
    metadata: { creationTimestamp: null, labels: { app, ...extraLabels } },
    spec: {
      containers: [
        {
          name: 'nginx',
          image,
          imagePullPolicy: 'IfNotPresent',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  };
}

export function buildFixture(): Cluster {
  const c = createCluster({ controllers: [], nodes: 0 });
  const s = c.store;
  const put = (o: KObject) => s.create(o, { actor: 'fixture', skipAdmission: true });
  for (let i = 1; i <= 2; i++) {
    const n = makeNode(`node-${i}`);
    n.status!.addresses = [
      { type: 'InternalIP', address: `10.0.0.${i + 1}` },
      { type: 'Hostname', address: `node-${i}` },
    ];
    put(n);
  }
  put({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'kube-scenario.io/hostpath',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  });
  const d = put({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      labels: { app: 'web' },
      annotations: { 'deployment.kubernetes.io/revision': '2' },
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: podTemplate('web', 'nginx:1.14.2'),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  });
  put({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web-5f6c7b8d9',
      namespace: 'default',
      labels: { app: 'web', 'pod-template-hash': '5f6c7b8d9' },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': '3',
        'deployment.kubernetes.io/max-replicas': '4',
        'deployment.kubernetes.io/revision': '1',
        'kubernetes.io/change-cause': 'kubectl create --filename=web.yaml',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
          uid: d.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '5f6c7b8d9' } },
      template: podTemplate('web', 'nginx:1.13', { 'pod-template-hash': '5f6c7b8d9' }),
    },
    status: { replicas: 0, observedGeneration: 2 },
  });
  const rsName = 'web-7d4b9c8f5';
  const rs = put({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName,
      namespace: 'default',
      labels: { app: 'web', 'pod-template-hash': '7d4b9c8f5' },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': '3',
        'deployment.kubernetes.io/max-replicas': '4',
        'deployment.kubernetes.io/revision': '2',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'web',
          uid: d.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f5' } },
      template: podTemplate('web', 'nginx:1.14.2', { 'pod-template-hash': '7d4b9c8f5' }),
    },
  });
  c.advance(1000);
  const podNames = ['web-7d4b9c8f5-2xk9p', 'web-7d4b9c8f5-8h7tq', 'web-7d4b9c8f5-qm4zs'];
  podNames.forEach((name, i) => {
    const tpl = podTemplate('web', 'nginx:1.14.2', { 'pod-template-hash': '7d4b9c8f5' });
    put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'default',
        labels: tpl.metadata.labels,
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: rsName,
            uid: rs.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        ...tpl.spec,
        enableServiceLinks: true,
        nodeName: `node-${(i % 2) + 1}`,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 0,
        serviceAccountName: 'default',
        serviceAccount: 'default',
        tolerations: [
          {
            effect: 'NoExecute',
            key: 'node.kubernetes.io/not-ready',
            operator: 'Exists',
            tolerationSeconds: 300,
          },
          {
            effect: 'NoExecute',
            key: 'node.kubernetes.io/unreachable',
            operator: 'Exists',
            tolerationSeconds: 300,
          },
        ],
      },
      status: {
        phase: 'Running',
        hostIP: `10.0.0.${(i % 2) + 2}`,
        hostIPs: [{ ip: `10.0.0.${(i % 2) + 2}` }],
        podIP: `10.244.${(i % 2) + 1}.${i + 5}`,
        podIPs: [{ ip: `10.244.${(i % 2) + 1}.${i + 5}` }],
        qosClass: 'BestEffort',
        startTime: '2024-01-01T00:00:01Z',
        conditions: [
          {
            type: 'PodReadyToStartContainers',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: '2024-01-01T00:00:02Z',
          },
          {
            type: 'Initialized',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: '2024-01-01T00:00:01Z',
          },
          { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-01-01T00:00:03Z' },
          {
            type: 'ContainersReady',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: '2024-01-01T00:00:03Z',
          },
          {
            type: 'PodScheduled',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: '2024-01-01T00:00:01Z',
          },
        ],
        containerStatuses: [
          {
            name: 'nginx',
            image: 'docker.io/library/nginx:1.14.2',
            imageID:
              'docker.io/library/nginx@sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d',
            containerID: `containerd://${String(i + 1).repeat(64)}`,
            ready: true,
            started: true,
            restartCount: i === 2 ? 2 : 0,
            state: { running: { startedAt: '2024-01-01T00:00:03Z' } },
            lastState:
              i === 2
                ? {
                    terminated: {
                      exitCode: 1,
                      reason: 'Error',
                      startedAt: '2024-01-01T00:00:02Z',
                      finishedAt: '2024-01-01T00:05:00Z',
                    },
                  }
                : {},
          },
        ],
      },
    });
  });
  s.updateStatus(
    {
      ...s.get('ReplicaSet', 'default', rsName)!,
      status: {
        replicas: 3,
        fullyLabeledReplicas: 3,
        readyReplicas: 3,
        availableReplicas: 3,
        observedGeneration: 1,
      },
    },
    { actor: 'fixture', skipAdmission: true },
  );
  s.updateStatus(
    {
      ...s.get('Deployment', 'default', 'web')!,
      status: {
        observedGeneration: 1,
        replicas: 3,
        updatedReplicas: 3,
        readyReplicas: 3,
        availableReplicas: 3,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            lastUpdateTime: '2024-01-01T00:00:04Z',
            lastTransitionTime: '2024-01-01T00:00:04Z',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          },
          {
            type: 'Progressing',
            status: 'True',
            lastUpdateTime: '2024-01-01T00:00:04Z',
            lastTransitionTime: '2024-01-01T00:00:00Z',
            reason: 'NewReplicaSetAvailable',
            message: 'ReplicaSet "web-7d4b9c8f5" has successfully progressed.',
          },
        ],
      },
    },
    { actor: 'fixture', skipAdmission: true },
  );
  put({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.20',
      clusterIPs: ['10.96.0.20'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      sessionAffinity: 'None',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }],
    },
    status: { loadBalancer: {} },
  });
  put({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'web-abcde',
      namespace: 'default',
      labels: {
        'kubernetes.io/service-name': 'web',
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
    },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    endpoints: podNames.map((n, i) => ({
      addresses: [`10.244.${(i % 2) + 1}.${i + 5}`],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: `node-${(i % 2) + 1}`,
      targetRef: { kind: 'Pod', name: n, namespace: 'default' },
    })),
  });
  put({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: 'data-db-0',
      namespace: 'default',
      labels: { app: 'db' },
      finalizers: ['kubernetes.io/pvc-protection'],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
      volumeName: 'pvc-5c0e8e4a-6a55-4c0b-9d5e-5c1f1f0e3a11',
    },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
  });
  put({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'pvc-5c0e8e4a-6a55-4c0b-9d5e-5c1f1f0e3a11' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '1Gi' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'data-db-0', namespace: 'default' },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
      hostPath: { path: '/tmp/hostpath/pvc-5c0e8e4a', type: '' },
    },
    status: { phase: 'Bound' },
  });
  const dbTemplate = (image: string) => ({
    metadata: { creationTimestamp: null, labels: { app: 'db' } },
    spec: {
      containers: [
        {
          name: 'postgres',
          image,
          imagePullPolicy: 'IfNotPresent',
          ports: [{ containerPort: 5432, name: 'pg', protocol: 'TCP' }],
          resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
          volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  });
  const sts = c.store.create<KObject>(
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default', labels: { app: 'db' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'db' } },
        serviceName: 'db',
        podManagementPolicy: 'OrderedReady',
        revisionHistoryLimit: 10,
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        template: dbTemplate('postgres:16'),
        volumeClaimTemplates: [
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { name: 'data', creationTimestamp: null },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '1Gi' } },
              volumeMode: 'Filesystem',
            },
            status: { phase: 'Pending' },
          },
        ],
      },
      status: {
        replicas: 1,
        readyReplicas: 1,
        currentReplicas: 1,
        updatedReplicas: 1,
        availableReplicas: 1,
        currentRevision: 'db-6b8f9c7d5',
        updateRevision: 'db-6b8f9c7d5',
        observedGeneration: 1,
        collisionCount: 0,
      },
    },
    { actor: 'fixture' },
  );
  const owner = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    name: 'db',
    uid: sts.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
  ['postgres:15', 'postgres:16'].forEach((image, i) =>
    put({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: i === 0 ? 'db-58d4c9f6b7' : 'db-6b8f9c7d5',
        namespace: 'default',
        labels: { app: 'db', 'controller.kubernetes.io/hash': i === 0 ? '58d4c9f6b7' : '6b8f9c7d5' },
        ownerReferences: [owner],
      },
      data: { spec: { template: { ...dbTemplate(image), $patch: 'replace' } } },
      revision: i + 1,
    }),
  );
  c.recorder.event(
    d,
    'Normal',
    'ScalingReplicaSet',
    `Scaled up replica set ${rsName} from 0 to 3`,
    'deployment-controller',
  );
  for (const name of podNames) {
    const pod = s.get('Pod', 'default', name)!;
    c.recorder.event(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned default/${name} to ${(pod as any).spec.nodeName}`,
      'default-scheduler',
    );
    c.recorder.event(
      pod,
      'Normal',
      'Pulled',
      'Container image "nginx:1.14.2" already present on machine',
      'kubelet',
      (pod as any).spec.nodeName,
    );
    c.recorder.event(
      pod,
      'Normal',
      'Created',
      'Created container: nginx',
      'kubelet',
      (pod as any).spec.nodeName,
    );
    c.recorder.event(
      pod,
      'Normal',
      'Started',
      'Started container nginx',
      'kubelet',
      (pod as any).spec.nodeName,
    );
  }
  c.advance(60_000);
  const p2 = s.get('Pod', 'default', podNames[2])!;
  for (let k = 0; k < 3; k++) {
    c.recorder.event(
      p2,
      'Warning',
      'BackOff',
      'Back-off restarting failed container nginx in pod web-7d4b9c8f5-qm4zs_default(x)',
      'kubelet',
      'node-1',
    );
    c.advance(30_000);
  }
  c.advance(T_END_MS - c.runtime.now);
  return c;
}
