/**
 * End to end with the whole control plane (scheduler, kubelet, StatefulSet, storage, EndpointSlice
 * and ClusterIP controllers): the timings are the engine's defaults (statefulset.md §13.8), pods
 * Ready at 2 s after they are scheduled.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, Cluster } from '../cluster';
import type {
  EndpointSlice,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  Service,
  StatefulSet,
} from '../api/types';
import { controllerFactories } from '../controllers/registry';
import { serviceIPController } from '../controllers/service';
import { resolve, resolvesToPod } from '.';

function cluster(): Cluster {
  return createCluster({ controllers: [...controllerFactories, serviceIPController] });
}

function headless(name: string, app: string): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { clusterIP: 'None', selector: { app }, ports: [{ name: 'web', port: 80 }] },
  };
}

function statefulSet(
  name: string,
  replicas: number,
  serviceName: string,
  preStopSeconds?: number,
): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      serviceName,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.25',
              ports: [{ name: 'web', containerPort: 80 }],
              volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
              lifecycle: preStopSeconds ? { preStop: { sleep: { seconds: preStopSeconds } } } : undefined,
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'www' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
    },
  };
}

const podOf = (c: Cluster, name: string) => c.store.get<Pod>('Pod', 'default', name);
const claimOf = (c: Cluster, name: string) =>
  c.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name);

test('StatefulSet behind a headless Service: claims provisioned and bound, pod FQDNs resolve once Ready', () => {
  const c = cluster();
  c.store.create(headless('nginx', 'web'));
  c.store.create(statefulSet('web', 2, 'nginx'));
  c.settle();

  for (const i of [0, 1]) {
    const pod = podOf(c, `web-${i}`)!;
    assert.equal(pod.status?.phase, 'Running');
    const claim = claimOf(c, `www-web-${i}`)!;
    assert.equal(claim.status?.phase, 'Bound');
    assert.equal(claim.spec?.storageClassName, 'standard');
    const pv = c.store.get<PersistentVolume>('PersistentVolume', undefined, claim.spec!.volumeName!)!;
    assert.equal(pv.metadata.name, `pvc-${claim.metadata.uid}`);
    assert.equal(pv.status?.phase, 'Bound');
    assert.ok(resolvesToPod(c.store, `web-${i}.nginx.default.svc.cluster.local`, `web-${i}`), `web-${i}`);
  }
  assert.deepEqual(
    resolve(c.store, 'nginx', { searchNamespace: 'default' }),
    ['web-0', 'web-1'].map((n) => podOf(c, n)!.status!.podIP!).sort(),
  );
  const slices = c.store.list<EndpointSlice>('EndpointSlice');
  assert.equal(slices.length, 1);
  assert.deepEqual(
    slices[0].endpoints!.map((e) => [e.hostname, e.conditions?.ready]),
    [
      ['web-0', true],
      ['web-1', true],
    ],
  );
});

test('a deleted StatefulSet pod: out of DNS while terminating, back with its claim and volume once Ready', () => {
  const c = cluster();
  c.store.create(headless('nginx', 'web'));
  // A 5 s preStop hook keeps the pod Terminating (and still serving) for 5 s.
  c.store.create(statefulSet('web', 1, 'nginx', 5));
  c.settle();
  const fqdn = 'web-0.nginx.default.svc.cluster.local';
  const before = podOf(c, 'web-0')!;
  const volume = claimOf(c, 'www-web-0')!.spec!.volumeName;
  assert.ok(resolvesToPod(c.store, fqdn, 'web-0'));

  c.store.delete('Pod', 'default', 'web-0');
  c.advance(0);
  assert.ok(podOf(c, 'web-0')!.metadata.deletionTimestamp);
  assert.deepEqual(resolve(c.store, fqdn), [], 'terminating pods are not ready endpoints');
  const ep = c.store.list<EndpointSlice>('EndpointSlice')[0].endpoints![0];
  assert.deepEqual(ep.conditions, { ready: false, serving: true, terminating: true });

  // Step through time: the name stays unresolvable until the replacement (new uid) is Ready.
  const replaced = () => podOf(c, 'web-0')?.metadata.uid !== before.metadata.uid;
  const unresolvableAt: number[] = [];
  while (!(replaced() && resolve(c.store, fqdn).length > 0) && c.now < 60_000) {
    unresolvableAt.push(c.now);
    c.advance(500);
  }
  // The first pod waits 1 s for its claim to be provisioned and is Ready at 3 s. Terminating
  // 3 s → 8 s (preStop), replacement scheduled at 8 s (claim already bound) and Ready at 9 s.
  assert.equal(unresolvableAt[0], 3000);
  assert.equal(c.now, 9000);
  const after = podOf(c, 'web-0')!;
  assert.notEqual(after.metadata.uid, before.metadata.uid, 'recreated');
  assert.ok(resolvesToPod(c.store, fqdn, 'web-0'));
  assert.equal(claimOf(c, 'www-web-0')!.spec!.volumeName, volume, 'same claim, same volume');
  c.settle();
  assert.equal(c.store.list('PersistentVolume').length, 1);
});

test('a ClusterIP Service in front of a Deployment-like set of pods: endpoints follow readiness', () => {
  const c = cluster();
  c.store.create<Service>({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'api', namespace: 'default' },
    spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  });
  for (const n of ['api-a', 'api-b']) {
    c.store.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: n, namespace: 'default', labels: { app: 'api' } },
      spec: {
        containers: [{ name: 'app', image: 'nginx:1.25', ports: [{ name: 'http', containerPort: 8080 }] }],
      },
    });
  }
  c.advance(1000);
  let slice = c.store.list<EndpointSlice>('EndpointSlice')[0];
  assert.deepEqual(
    slice.endpoints!.map((e) => e.conditions?.ready),
    [false, false],
    'IPs at 1 s (sandbox), not ready yet',
  );
  c.settle();
  slice = c.store.list<EndpointSlice>('EndpointSlice')[0];
  assert.deepEqual(slice.ports, [{ name: 'http', protocol: 'TCP', port: 8080 }]);
  assert.deepEqual(
    slice.endpoints!.map((e) => e.conditions?.ready),
    [true, true],
  );
  const ip = c.store.get<Service>('Service', 'default', 'api')!.spec!.clusterIP!;
  assert.deepEqual(resolve(c.store, 'api.default'), [], 'absolute lookup of a partial name fails');
  assert.deepEqual(resolve(c.store, 'api.default', { searchNamespace: 'other' }), [ip]);
});
