import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, Cluster } from '../../cluster';
import type { Event, Service } from '../../api/types';
import { ApiError } from '../../api/errors';
import { Prng } from '../../runtime/prng';
import {
  allocateNext,
  allocateServiceAddresses,
  DEFAULT_RANGE,
  ipAt,
  offsetOf,
  parseCidr,
  serviceIPController,
} from '.';

function svc(name: string, spec: Service['spec'] = {}, namespace = 'default'): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
  };
}

const get = (c: Cluster, name: string) => c.store.get<Service>('Service', 'default', name)!;

test('the default range: 10.96.0.0/12, 1048574 usable addresses, a static band of 256', () => {
  assert.equal(DEFAULT_RANGE.size, 1048574);
  assert.equal(DEFAULT_RANGE.staticBand, 256);
  assert.equal(ipAt(DEFAULT_RANGE, 0), '10.96.0.1');
  assert.equal(ipAt(DEFAULT_RANGE, 9), '10.96.0.10');
  assert.equal(ipAt(DEFAULT_RANGE, DEFAULT_RANGE.size - 1), '10.111.255.254');
  assert.equal(offsetOf(DEFAULT_RANGE, '10.96.0.0'), undefined, 'network address');
  assert.equal(offsetOf(DEFAULT_RANGE, '10.111.255.255'), undefined, 'broadcast address');
  assert.equal(offsetOf(DEFAULT_RANGE, '10.112.0.1'), undefined);
  assert.equal(offsetOf(DEFAULT_RANGE, '10.100.0.1'), 0x40000);
});

test('allocateNext fills the dynamic band before the static band, then reports full', () => {
  const range = parseCidr('10.0.0.0/27'); // 30 usable, static band 16
  assert.equal(range.size, 30);
  assert.equal(range.staticBand, 16);
  const used = new Set<string>();
  const rand = new Prng(7);
  const order: number[] = [];
  for (let i = 0; i < 30; i++) {
    const ip = allocateNext(range, used, rand)!;
    assert.ok(ip);
    assert.ok(!used.has(ip), 'never handed out twice');
    used.add(ip);
    order.push(offsetOf(range, ip)!);
  }
  assert.ok(
    order.slice(0, 14).every((o) => o >= 16),
    'the first 14 come from the dynamic band',
  );
  assert.ok(
    order.slice(14).every((o) => o < 16),
    'then the static band',
  );
  assert.equal(allocateNext(range, used, rand), undefined);
  used.delete('10.0.0.5');
  assert.equal(allocateNext(range, used, rand), '10.0.0.5', 'a released address is free again');
});

test('the controller gives every ClusterIP Service a distinct address of the dynamic band, the same for the same seed', () => {
  const run = () => {
    const c = createCluster({ seed: 42, controllers: [serviceIPController] });
    for (const n of ['a', 'b', 'c', 'd']) c.store.create(svc(n));
    c.settle();
    return ['a', 'b', 'c', 'd'].map((n) => get(c, n));
  };
  const first = run();
  const ips = first.map((s) => s.spec!.clusterIP!);
  assert.equal(new Set(ips).size, 4);
  for (const s of first) {
    const off = offsetOf(DEFAULT_RANGE, s.spec!.clusterIP!);
    assert.ok(off !== undefined && off >= 256, s.spec!.clusterIP);
    assert.deepEqual(s.spec!.clusterIPs, [s.spec!.clusterIP]);
    assert.deepEqual(s.spec!.ipFamilies, ['IPv4']);
    assert.equal(s.spec!.ipFamilyPolicy, 'SingleStack');
  }
  assert.deepEqual(
    run().map((s) => s.spec!.clusterIP),
    ips,
  );
});

test('headless stays headless; ExternalName gets nothing; NodePort gets node ports', () => {
  const c = createCluster({ controllers: [serviceIPController] });
  c.store.create(svc('headless', { clusterIP: 'None' }));
  c.store.create(svc('headless-manual', { clusterIP: 'None', selector: undefined }));
  c.store.create(svc('ext', { type: 'ExternalName', externalName: 'example.com', selector: undefined }));
  c.store.create(
    svc('np', {
      type: 'NodePort',
      ports: [
        { port: 80, name: 'http' },
        { port: 443, name: 'https' },
      ],
    }),
  );
  c.settle();
  assert.deepEqual(get(c, 'headless').spec!.clusterIPs, ['None']);
  assert.equal(get(c, 'headless').spec!.ipFamilyPolicy, 'SingleStack');
  assert.equal(get(c, 'headless-manual').spec!.ipFamilyPolicy, 'RequireDualStack');
  assert.equal(get(c, 'ext').spec!.clusterIP, undefined);
  const ports = get(c, 'np').spec!.ports!.map((p) => p.nodePort!);
  assert.equal(new Set(ports).size, 2);
  for (const p of ports) assert.ok(p >= 30000 && p <= 32767, String(p));
  assert.ok(get(c, 'np').spec!.clusterIP);
});

test('a chosen address is kept; a taken or out-of-range one is reported as the repair loop does', () => {
  const c = createCluster({ controllers: [serviceIPController] });
  c.store.create(svc('first', { clusterIP: '10.96.0.50' }));
  c.settle();
  c.advance(1000);
  // Objects that bypassed the allocator (as after an etcd restore): only the repair loop sees them.
  c.store.admissionPlugins.length = 0;
  c.store.create(svc('second', { clusterIP: '10.96.0.50' }));
  c.store.create(svc('outside', { clusterIP: '192.168.0.1' }));
  c.settle();
  assert.deepEqual(get(c, 'first').spec!.clusterIPs, ['10.96.0.50']);
  const evs = c.store
    .list<Event>('Event', { namespace: 'default' })
    .map((e) => `${e.involvedObject?.name} ${e.reason} ${e.message}`);
  assert.deepEqual(evs, [
    'outside ClusterIPOutOfRange Cluster IP [IPv4]:192.168.0.1 is not within the configured Service CIDR [10.96.0.0/12]; please recreate service',
    'second ClusterIPAlreadyAllocated Cluster IP [IPv4]:10.96.0.50 was assigned to multiple services; please recreate service',
  ]);
});

test('allocateServiceAddresses (admission) rejects a taken or out-of-range address with Invalid', () => {
  const c = createCluster({ controllers: [serviceIPController] });
  c.store.create(svc('first', { clusterIP: '10.96.0.50' }));
  c.settle();
  const taken = svc('second', { clusterIP: '10.96.0.50' });
  assert.throws(
    () => allocateServiceAddresses(c.store, taken),
    (e: unknown) =>
      e instanceof ApiError &&
      e.reason === 'Invalid' &&
      e.message.includes('spec.clusterIPs: Invalid value') &&
      e.message.includes('failed to allocate IP 10.96.0.50: provided IP is already allocated'),
  );
  const outside = svc('third', { clusterIP: '10.0.0.1' });
  assert.throws(
    () => allocateServiceAddresses(c.store, outside),
    /the provided IP \(10.0.0.1\) is not in the valid range. The range of valid IPs is 10.96.0.0\/12/,
  );
  const fresh = svc('fourth');
  allocateServiceAddresses(c.store, fresh);
  assert.ok(offsetOf(DEFAULT_RANGE, fresh.spec!.clusterIP!)! >= 256);
});
