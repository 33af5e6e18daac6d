import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, Cluster } from '../../cluster';
import type { EndpointSlice, Event, Service } from '../../api/types';
import { createEndpointSliceController, endpointSliceController } from '.';
import { serviceIPController } from '../service';
import { pod, service, setStatus, slicesOf } from './testutil';

function cluster(max?: number): Cluster {
  return createCluster({
    controllers: [serviceIPController, max ? createEndpointSliceController(max) : endpointSliceController],
  });
}

function only(c: Cluster, svc = 'web'): EndpointSlice {
  const s = slicesOf(c, svc);
  assert.equal(s.length, 1, `one slice for ${svc}`);
  return s[0];
}

function conditions(c: Cluster, svc = 'web') {
  return (only(c, svc).endpoints ?? []).map((e) => ({ name: e.targetRef?.name, ...e.conditions }));
}

test('a selector Service with no pods gets one empty placeholder slice, owned by the Service', () => {
  const c = cluster();
  c.store.create(service('web', {}, { team: 'a' }));
  c.settle();
  const svc = c.store.get<Service>('Service', 'default', 'web')!;
  const s = only(c);
  assert.match(s.metadata!.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.equal(s.addressType, 'IPv4');
  assert.deepEqual(s.endpoints, []);
  assert.deepEqual(s.ports, []);
  assert.deepEqual(s.metadata!.labels, {
    team: 'a',
    'kubernetes.io/service-name': 'web',
    'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
  });
  assert.deepEqual(s.metadata!.ownerReferences, [
    {
      apiVersion: 'v1',
      kind: 'Service',
      name: 'web',
      uid: svc.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ]);
});

test('Services without a selector, and ExternalName Services, get no slices', () => {
  const c = cluster();
  c.store.create(service('manual', { selector: undefined }));
  c.store.create(service('empty', { selector: {} }));
  c.store.create(service('ext', { type: 'ExternalName', externalName: 'example.com' }));
  c.settle();
  assert.equal(c.store.list('EndpointSlice').length, 0);
});

test('endpoint conditions through a pod life: no IP, not ready, ready, terminating, gone', () => {
  const c = cluster();
  c.store.create(service('web'));
  c.store.create(pod('web-1', { ports: [{ name: 'http', containerPort: 8080 }] }));
  c.settle();
  const name = only(c).metadata!.name;
  assert.deepEqual(only(c).endpoints, [], 'no IP yet: not listed');

  setStatus(c, 'web-1', { ip: '10.244.1.5', ready: false });
  c.settle();
  const s = only(c);
  assert.equal(s.metadata!.name, name, 'the placeholder is reused');
  assert.deepEqual(s.ports, [{ name: 'http', protocol: 'TCP', port: 8080 }]);
  const ep = s.endpoints![0];
  assert.deepEqual(ep.addresses, ['10.244.1.5']);
  assert.deepEqual(ep.conditions, { ready: false, serving: false, terminating: false });
  assert.equal(ep.nodeName, 'node-1');
  assert.equal(ep.targetRef?.kind, 'Pod');
  assert.equal(ep.targetRef?.name, 'web-1');
  assert.equal(ep.hostname, undefined);

  setStatus(c, 'web-1', { ip: '10.244.1.5', ready: true });
  c.settle();
  assert.deepEqual(conditions(c), [{ name: 'web-1', ready: true, serving: true, terminating: false }]);

  c.store.delete('Pod', 'default', 'web-1'); // graceful: 30 s
  c.advance(0);
  assert.deepEqual(conditions(c), [{ name: 'web-1', ready: false, serving: true, terminating: true }]);

  setStatus(c, 'web-1', { ip: '10.244.1.5', ready: false });
  c.advance(0);
  assert.deepEqual(conditions(c), [{ name: 'web-1', ready: false, serving: false, terminating: true }]);

  c.store.delete('Pod', 'default', 'web-1', { gracePeriodSeconds: 0 });
  c.settle();
  assert.equal(only(c).metadata!.name, name, 'back to a placeholder, same slice');
  assert.deepEqual(only(c).endpoints, []);
  assert.deepEqual(only(c).ports, []);
});

test('publishNotReadyAddresses: every listed endpoint is ready', () => {
  const c = cluster();
  c.store.create(service('web', { publishNotReadyAddresses: true, clusterIP: 'None' }));
  c.store.create(pod('a'));
  c.store.create(pod('b'));
  c.settle();
  setStatus(c, 'a', { ip: '10.244.0.1', ready: false });
  setStatus(c, 'b', { ip: '10.244.0.2', ready: true });
  c.store.delete('Pod', 'default', 'b');
  c.settle();
  assert.deepEqual(conditions(c), [
    { name: 'a', ready: true, serving: false, terminating: false },
    { name: 'b', ready: true, serving: true, terminating: true },
  ]);
  assert.equal(only(c).metadata!.labels!['service.kubernetes.io/headless'], '');
});

test('terminal pods and pods that stop matching leave the slice', () => {
  const c = cluster();
  c.store.create(service('web'));
  for (const n of ['a', 'b', 'c']) c.store.create(pod(n));
  c.settle();
  setStatus(c, 'a', { ip: '10.244.0.1', ready: true });
  setStatus(c, 'b', { ip: '10.244.0.2', ready: true });
  setStatus(c, 'c', { ip: '10.244.0.3', ready: true });
  c.settle();
  assert.deepEqual(
    only(c).endpoints!.map((e) => e.targetRef?.name),
    ['a', 'b', 'c'],
  );
  setStatus(c, 'a', { ip: '10.244.0.1', phase: 'Succeeded' });
  const b = c.store.get('Pod', 'default', 'b')!;
  c.store.update({ ...b, metadata: { ...b.metadata, labels: { app: 'other' } } });
  c.settle();
  assert.deepEqual(
    only(c).endpoints!.map((e) => e.targetRef?.name),
    ['c'],
  );
});

test('named target ports resolve per pod; pods without the port go to a slice of their own', () => {
  const c = cluster();
  c.store.create(
    service('web', {
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' },
        { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 9100 },
      ],
    }),
  );
  c.store.create(pod('new', { ports: [{ name: 'web', containerPort: 8081 }] }));
  c.store.create(pod('old', { ports: [{ name: 'web', containerPort: 8080 }] }));
  c.store.create(pod('udp', { ports: [{ name: 'web', containerPort: 53, protocol: 'UDP' }] }));
  c.settle();
  setStatus(c, 'new', { ip: '10.244.0.1', ready: true });
  setStatus(c, 'old', { ip: '10.244.0.2', ready: true });
  setStatus(c, 'udp', { ip: '10.244.0.3', ready: true });
  c.settle();
  const byPods = slicesOf(c, 'web')
    .map((s) => ({ pods: s.endpoints!.map((e) => e.targetRef?.name), ports: s.ports }))
    .sort((a, b) => a.pods[0]!.localeCompare(b.pods[0]!));
  assert.deepEqual(byPods, [
    {
      pods: ['new'],
      ports: [
        { name: 'http', protocol: 'TCP', port: 8081 },
        { name: 'metrics', protocol: 'TCP', port: 9100 },
      ],
    },
    {
      pods: ['old'],
      ports: [
        { name: 'http', protocol: 'TCP', port: 8080 },
        { name: 'metrics', protocol: 'TCP', port: 9100 },
      ],
    },
    { pods: ['udp'], ports: [{ name: 'metrics', protocol: 'TCP', port: 9100 }] },
  ]);
});

test('hostname is set when the pod subdomain names the Service', () => {
  const c = cluster();
  c.store.create(service('nginx', { clusterIP: 'None' }));
  c.store.create(service('other', { clusterIP: 'None' }));
  c.store.create(pod('web-0', { hostname: 'web-0', subdomain: 'nginx' }));
  c.settle();
  setStatus(c, 'web-0', { ip: '10.244.2.7', ready: true });
  c.settle();
  assert.equal(only(c, 'nginx').endpoints![0].hostname, 'web-0');
  assert.equal(only(c, 'other').endpoints![0].hostname, undefined);
});

test('at most N endpoints per slice; a hand-deleted slice comes back', () => {
  const c = cluster(3);
  c.store.create(service('web'));
  for (let i = 0; i < 7; i++) c.store.create(pod(`p${i}`));
  c.settle();
  for (let i = 0; i < 7; i++) setStatus(c, `p${i}`, { ip: `10.244.0.${i + 1}`, ready: true });
  c.settle();
  const sizes = slicesOf(c, 'web')
    .map((s) => s.endpoints!.length)
    .sort();
  assert.deepEqual(sizes, [1, 3, 3]);
  const all = slicesOf(c, 'web').flatMap((s) => s.endpoints!.map((e) => e.targetRef?.name));
  assert.deepEqual([...all].sort(), ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);

  const victim = slicesOf(c, 'web')[0];
  c.store.delete('EndpointSlice', 'default', victim.metadata.name);
  c.settle();
  const again = slicesOf(c, 'web').flatMap((s) => s.endpoints!.map((e) => e.targetRef?.name));
  assert.deepEqual([...again].sort(), ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
});

test('Service labels are copied to its slices and follow changes; zone comes from the node', () => {
  const c = cluster();
  const n = c.store.get('Node', undefined, 'node-1')!;
  c.store.update({
    ...n,
    metadata: { ...n.metadata, labels: { ...n.metadata.labels, 'topology.kubernetes.io/zone': 'z1' } },
  });
  c.store.create(service('web', {}, { tier: 'front' }));
  c.store.create(pod('a'));
  c.settle();
  setStatus(c, 'a', { ip: '10.244.0.1', ready: true });
  c.settle();
  assert.equal(only(c).endpoints![0].zone, 'z1');
  const svc = c.store.get<Service>('Service', 'default', 'web')!;
  c.store.update({ ...svc, metadata: { ...svc.metadata, labels: { tier: 'back' } } });
  c.settle();
  assert.equal(only(c).metadata!.labels!.tier, 'back');
});

test('a pod on a node that does not exist is left out, with a warning', () => {
  const c = cluster();
  c.store.create(service('web'));
  c.store.create(pod('ghost', { nodeName: 'node-9' }));
  c.settle();
  setStatus(c, 'ghost', { ip: '10.244.9.9', ready: true });
  c.settle();
  assert.deepEqual(only(c).endpoints, []);
  const evs = c.store.list<Event>('Event', { namespace: 'default' }).map((e) => `${e.reason} ${e.message}`);
  assert.deepEqual(evs, [
    'FailedToUpdateEndpointSlices Error updating Endpoint Slices for Service default/web: skipping Pod ghost for Service default/web: Node node-9 Not Found',
  ]);
  c.setNodes(9);
  c.settle();
  assert.equal(only(c).endpoints!.length, 1);
});
