import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, Cluster } from '../cluster';
import type { Service } from '../api/types';
import { endpointSliceController } from '../controllers/endpointslice';
import { serviceIPController } from '../controllers/service';
import { pod, service, setStatus } from '../controllers/endpointslice/testutil';
import { lookup, resolve, resolvesToPod, searchList } from '.';

function cluster(): Cluster {
  return createCluster({ controllers: [serviceIPController, endpointSliceController] });
}

/** A headless Service `nginx` with StatefulSet-style pods web-0..web-(n-1), hostname = pod name. */
function statefulPods(c: Cluster, n: number, svc: Service['spec'] = {}): void {
  c.store.create(service('nginx', { clusterIP: 'None', ...svc }));
  for (let i = 0; i < n; i++) c.store.create(pod(`web-${i}`, { hostname: `web-${i}`, subdomain: 'nginx' }));
  c.settle();
}

test('a ClusterIP Service resolves to its ClusterIP, through the search list of its namespace only', () => {
  const c = cluster();
  c.store.create(service('web'));
  c.settle();
  const ip = c.store.get<Service>('Service', 'default', 'web')!.spec!.clusterIP!;
  const cases: [string, string | undefined, string[]][] = [
    ['web.default.svc.cluster.local', undefined, [ip]],
    ['web.default.svc.cluster.local.', undefined, [ip]],
    ['WEB.Default.SVC.cluster.local', undefined, [ip]],
    ['web', 'default', [ip]],
    ['web.default', 'prod', [ip]],
    ['web.default.svc', 'prod', [ip]],
    ['web', 'prod', []],
    ['web', undefined, []],
    ['nope.default.svc.cluster.local', undefined, []],
    ['example.com', 'default', []],
  ];
  for (const [name, ns, want] of cases)
    assert.deepEqual(resolve(c.store, name, { searchNamespace: ns }), want, `${name} from ${ns}`);
  assert.deepEqual(searchList('web', 'default'), [
    'web.default.svc.cluster.local',
    'web.svc.cluster.local',
    'web.cluster.local',
    'web',
  ]);
});

test('a headless Service resolves to its ready endpoints only; none ready is NXDOMAIN', () => {
  const c = cluster();
  statefulPods(c, 3);
  assert.equal(lookup(c.store, 'nginx.default.svc.cluster.local').rcode, 'NXDOMAIN', 'no IPs yet');
  setStatus(c, 'web-0', { ip: '10.244.1.10', ready: true });
  setStatus(c, 'web-1', { ip: '10.244.2.10', ready: false });
  setStatus(c, 'web-2', { ip: '10.244.1.9', ready: true });
  c.settle();
  assert.deepEqual(resolve(c.store, 'nginx.default.svc.cluster.local'), ['10.244.1.9', '10.244.1.10']);
  // A terminating pod leaves DNS at once, even while still serving.
  c.store.delete('Pod', 'default', 'web-2');
  c.settle();
  assert.deepEqual(resolve(c.store, 'nginx', { searchNamespace: 'default' }), ['10.244.1.10']);
  setStatus(c, 'web-0', { ip: '10.244.1.10', ready: false });
  c.settle();
  const answer = lookup(c.store, 'nginx.default.svc.cluster.local');
  assert.equal(answer.rcode, 'NXDOMAIN');
  assert.deepEqual(answer.records, []);
});

test('publishNotReadyAddresses: not-ready and terminating pods resolve too', () => {
  const c = cluster();
  statefulPods(c, 2, { publishNotReadyAddresses: true });
  setStatus(c, 'web-0', { ip: '10.244.1.10', ready: false });
  setStatus(c, 'web-1', { ip: '10.244.1.11', ready: true });
  c.store.delete('Pod', 'default', 'web-1');
  c.settle();
  assert.deepEqual(resolve(c.store, 'nginx.default.svc.cluster.local'), ['10.244.1.10', '10.244.1.11']);
  assert.ok(resolvesToPod(c.store, 'web-0.nginx.default.svc.cluster.local', 'web-0'));
  assert.ok(resolvesToPod(c.store, 'web-1.nginx', 'web-1', { searchNamespace: 'default' }));
});

test('pod FQDN <hostname>.<service>: only while the pod is Ready; a recreated pod resolves to its new IP once Ready', () => {
  const c = cluster();
  statefulPods(c, 2);
  const fqdn = 'web-1.nginx.default.svc.cluster.local';
  assert.equal(resolvesToPod(c.store, fqdn, 'web-1'), false, 'no IP yet');
  setStatus(c, 'web-1', { ip: '10.244.2.5', ready: false });
  c.settle();
  assert.deepEqual(resolve(c.store, fqdn), [], 'not ready');
  setStatus(c, 'web-1', { ip: '10.244.2.5', ready: true });
  c.settle();
  assert.deepEqual(resolve(c.store, fqdn), ['10.244.2.5']);
  assert.ok(resolvesToPod(c.store, fqdn, 'web-1'));
  assert.ok(!resolvesToPod(c.store, fqdn, 'web-0'));
  assert.deepEqual(resolve(c.store, 'web-1.nginx', { searchNamespace: 'default' }), ['10.244.2.5']);

  // Deleted: terminating, then gone; the recreated pod gets another IP.
  c.store.delete('Pod', 'default', 'web-1');
  c.settle();
  assert.deepEqual(resolve(c.store, fqdn), [], 'terminating: out of DNS');
  c.store.delete('Pod', 'default', 'web-1', { gracePeriodSeconds: 0 });
  c.store.create(pod('web-1', { hostname: 'web-1', subdomain: 'nginx', nodeName: 'node-2' }));
  c.settle();
  setStatus(c, 'web-1', { ip: '10.244.3.7', ready: false });
  c.settle();
  assert.deepEqual(resolve(c.store, fqdn), [], 'the DNS gap until the new pod is Ready');
  setStatus(c, 'web-1', { ip: '10.244.3.7', ready: true });
  c.settle();
  assert.deepEqual(resolve(c.store, fqdn), ['10.244.3.7']);
  assert.ok(resolvesToPod(c.store, fqdn, 'web-1'));
});

test('endpoint names: hostname when set, else the dashed IP; only for headless Services', () => {
  const c = cluster();
  c.store.create(service('plain-headless', { clusterIP: 'None' }));
  c.store.create(service('clusterip'));
  c.store.create(pod('anon'));
  c.store.create(pod('named', { hostname: 'db', subdomain: 'clusterip' }));
  c.settle();
  setStatus(c, 'anon', { ip: '10.244.0.5', ready: true });
  setStatus(c, 'named', { ip: '10.244.0.6', ready: true });
  c.settle();
  assert.deepEqual(resolve(c.store, '10-244-0-5.plain-headless.default.svc.cluster.local'), ['10.244.0.5']);
  assert.deepEqual(resolve(c.store, '10-244-0-6.plain-headless.default.svc.cluster.local'), ['10.244.0.6']);
  // The subdomain names a ClusterIP Service: no per-pod records.
  assert.equal(lookup(c.store, 'db.clusterip.default.svc.cluster.local').rcode, 'NXDOMAIN');
});

test('pod A records a-b-c-d.<ns>.pod answer any address (pods insecure)', () => {
  const c = cluster();
  assert.deepEqual(resolve(c.store, '10-244-1-5.default.pod.cluster.local'), ['10.244.1.5']);
  assert.deepEqual(resolve(c.store, '10-244-1-5.anything.pod.cluster.local'), ['10.244.1.5']);
  assert.deepEqual(resolve(c.store, '10-244-1-256.default.pod.cluster.local'), []);
  assert.deepEqual(resolve(c.store, 'web-0.default.pod.cluster.local'), []);
});

test('SRV records for named ports; PTR; ExternalName CNAME; the schema version', () => {
  const c = cluster();
  c.store.create(
    service('api', {
      ports: [
        { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
        { name: 'metrics', port: 9000, protocol: 'TCP' },
      ],
    }),
  );
  c.store.create(service('solo', { ports: [{ port: 7000, protocol: 'TCP' }] }));
  statefulPods(c, 2, { ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 8080 }] });
  c.store.create(
    service('alias', {
      type: 'ExternalName',
      externalName: 'api.default.svc.cluster.local',
      selector: undefined,
    }),
  );
  c.store.create(
    service('outside', { type: 'ExternalName', externalName: 'www.example.com', selector: undefined }),
  );
  c.settle();
  setStatus(c, 'web-0', { ip: '10.244.1.1', ready: true });
  setStatus(c, 'web-1', { ip: '10.244.1.2', ready: true });
  c.settle();
  const apiIp = c.store.get<Service>('Service', 'default', 'api')!.spec!.clusterIP!;

  assert.deepEqual(lookup(c.store, '_https._tcp.api.default.svc.cluster.local', 'SRV').records, [
    {
      type: 'SRV',
      name: '_https._tcp.api.default.svc.cluster.local',
      priority: 0,
      weight: 100,
      port: 443,
      target: 'api.default.svc.cluster.local',
    },
  ]);
  assert.deepEqual(
    lookup(c.store, '_web._tcp.nginx.default.svc.cluster.local', 'SRV').records.map((r) =>
      r.type === 'SRV' ? `${r.weight} ${r.port} ${r.target}` : '',
    ),
    ['50 8080 web-0.nginx.default.svc.cluster.local', '50 8080 web-1.nginx.default.svc.cluster.local'],
  );
  assert.equal(lookup(c.store, '_web._udp.nginx.default.svc.cluster.local', 'SRV').rcode, 'NXDOMAIN');
  assert.equal(
    lookup(c.store, '_._tcp.solo.default.svc.cluster.local', 'SRV').rcode,
    'NXDOMAIN',
    'unnamed ports have no SRV',
  );

  const [a, b, cc, d] = apiIp.split('.');
  assert.deepEqual(lookup(c.store, `${d}.${cc}.${b}.${a}.in-addr.arpa`, 'PTR').records, [
    { type: 'PTR', name: `${d}.${cc}.${b}.${a}.in-addr.arpa`, target: 'api.default.svc.cluster.local' },
  ]);
  assert.deepEqual(
    lookup(c.store, '2.1.244.10.in-addr.arpa', 'PTR').records.map((r) => (r.type === 'PTR' ? r.target : '')),
    ['web-1.nginx.default.svc.cluster.local'],
  );

  assert.deepEqual(lookup(c.store, 'outside.default.svc.cluster.local').records, [
    { type: 'CNAME', name: 'outside.default.svc.cluster.local', target: 'www.example.com' },
  ]);
  assert.deepEqual(
    resolve(c.store, 'alias', { searchNamespace: 'default' }),
    [apiIp],
    'CNAMEs inside the cluster are followed',
  );
  assert.deepEqual(resolve(c.store, 'outside.default.svc.cluster.local'), []);

  assert.deepEqual(lookup(c.store, 'dns-version.cluster.local', 'TXT').records, [
    { type: 'TXT', name: 'dns-version.cluster.local', text: '1.0.1' },
  ]);
});
