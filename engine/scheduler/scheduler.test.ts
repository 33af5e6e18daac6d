import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, makeNode } from '../cluster';
import type { Event, Node, Pod } from '../api/types';
import { scheduler } from './index';
import { evictPod, kubelet } from '../kubelet';

function pod(name: string, extra: Partial<Pod['spec']> = {}, cpu?: string, memory?: string): Pod {
  const requests: Record<string, string> = {};
  if (cpu) requests.cpu = cpu;
  if (memory) requests.memory = memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      containers: [
        { name: 'nginx', image: 'nginx:1.25', resources: cpu || memory ? { requests } : undefined },
      ],
      ...extra,
    },
  };
}

function cluster(nodes: { cpu?: string; memory?: string; pods?: string }[] = [{}, {}, {}]) {
  const c = createCluster({ controllers: [scheduler, kubelet], nodes: 0 });
  nodes.forEach((cap, i) => c.store.create(makeNode(`node-${i + 1}`, cap), { actor: 'test' }));
  return c;
}

const nodeOf = (c: ReturnType<typeof cluster>, name: string) =>
  c.store.get<Pod>('Pod', 'default', name)?.spec?.nodeName;
const condition = (c: ReturnType<typeof cluster>, name: string) =>
  c.store.get<Pod>('Pod', 'default', name)?.status?.conditions?.find((x) => x.type === 'PodScheduled');
const events = (c: ReturnType<typeof cluster>, reason: string) =>
  c.store
    .list<Event>('Event')
    .filter((e) => e.reason === reason)
    .map((e) => e.message ?? '');

test('identical pods spread over empty nodes in name order, then by free capacity', () => {
  const c = cluster([{}, {}, {}]);
  for (let i = 0; i < 6; i++) c.store.create(pod(`web-${i}`));
  c.settle();
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((i) => nodeOf(c, `web-${i}`)),
    ['node-1', 'node-2', 'node-3', 'node-1', 'node-2', 'node-3'],
  );
  assert.equal(events(c, 'Scheduled')[0], 'Successfully assigned default/web-0 to node-1');
  const cond = condition(c, 'web-0')!;
  assert.equal(cond.status, 'True');
  assert.equal(cond.lastTransitionTime, '2024-01-01T00:00:00Z');
  const binds = c.store.actions.filter((a) => a.kind === 'Pod' && a.actor === 'default-scheduler');
  assert.deepEqual(
    binds.slice(0, 2).map((a) => a.verb),
    ['update', 'updateStatus'],
  );
});

test('requests: the node with the most free capacity wins; natural name order breaks ties', () => {
  const c = cluster(Array.from({ length: 10 }, () => ({ cpu: '4', memory: '8Gi' })));
  c.store.create(pod('a', {}, '2', '1Gi'));
  c.settle();
  assert.equal(nodeOf(c, 'a'), 'node-1');
  c.store.create(pod('b', {}, '1', '1Gi'));
  c.settle();
  assert.equal(nodeOf(c, 'b'), 'node-2', 'node-2 before node-10');
});

test('insufficient cpu: Unschedulable with the real message, FailedScheduling, retried when capacity frees', () => {
  const c = cluster([{ cpu: '1' }, { cpu: '1' }, { cpu: '1' }]);
  for (const n of ['a', 'b', 'c']) c.store.create(pod(n, {}, '800m'));
  c.settle();
  c.store.create(pod('big', {}, '500m'));
  c.settle();
  const msg =
    '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
  assert.equal(nodeOf(c, 'big'), undefined);
  const cond = condition(c, 'big')!;
  assert.equal(cond.status, 'False');
  assert.equal(cond.reason, 'Unschedulable');
  assert.equal(cond.message, msg);
  assert.deepEqual(events(c, 'FailedScheduling'), [msg]);
  const failed = c.store.list<Event>('Event').find((e) => e.reason === 'FailedScheduling')!;
  assert.equal(failed.type, 'Warning');
  assert.equal(failed.source?.component, 'default-scheduler');

  // Deleting a pod frees its node once the pod is gone (terminating pods still count).
  c.store.delete('Pod', 'default', 'b', { actor: 'test' });
  c.settle();
  assert.equal(c.store.get('Pod', 'default', 'b'), undefined);
  assert.equal(nodeOf(c, 'big'), 'node-2');
  assert.equal(condition(c, 'big')!.status, 'True');
});

test('mixed reasons are counted and sorted as kubectl shows them', () => {
  const c = cluster([{ cpu: '1' }, { cpu: '1', memory: '1Gi' }, { cpu: '4' }]);
  c.store.update({ ...c.store.get<Node>('Node', undefined, 'node-3')!, spec: { unschedulable: true } });
  c.store.create(pod('p', {}, '2', '2Gi'));
  c.settle();
  assert.equal(
    condition(c, 'p')!.message,
    '0/3 nodes are available: 1 Insufficient memory, 1 node(s) were unschedulable, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
  );
});

test('cordon: no new pods land on the node; uncordon retries the waiting pods', () => {
  const c = cluster([{}]);
  const n = c.store.get<Node>('Node', undefined, 'node-1')!;
  c.store.update({ ...n, spec: { ...n.spec, unschedulable: true } });
  c.store.create(pod('p'));
  c.settle();
  assert.equal(nodeOf(c, 'p'), undefined);
  assert.equal(
    condition(c, 'p')!.message,
    '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  );
  const cordoned = c.store.get<Node>('Node', undefined, 'node-1')!;
  c.store.update({ ...cordoned, spec: { ...cordoned.spec, unschedulable: false } });
  c.settle();
  assert.equal(nodeOf(c, 'p'), 'node-1');
  assert.equal(c.store.get<Pod>('Pod', 'default', 'p')!.status?.phase, 'Running');
});

test('nodeSelector and required node affinity; a pod with spec.nodeName is left alone', () => {
  const c = cluster([{}, {}, {}]);
  const n2 = c.store.get<Node>('Node', undefined, 'node-2')!;
  c.store.update({ ...n2, metadata: { ...n2.metadata, labels: { ...n2.metadata.labels, disk: 'ssd' } } });
  c.store.create(pod('ssd', { nodeSelector: { disk: 'ssd' } }));
  c.store.create(
    pod('aff', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-3'] }] },
            ],
          },
        },
      },
    }),
  );
  c.store.create(pod('gpu', { nodeSelector: { gpu: 'true' } }));
  c.store.create(pod('pinned', { nodeName: 'node-3' }));
  c.settle();
  assert.equal(nodeOf(c, 'ssd'), 'node-2');
  assert.equal(nodeOf(c, 'aff'), 'node-3');
  assert.equal(nodeOf(c, 'pinned'), 'node-3');
  assert.equal(
    condition(c, 'gpu')!.message,
    "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  );
  assert.ok(
    !events(c, 'Scheduled').some((m) => m.includes('pinned')),
    'no Scheduled event for a pre-bound pod',
  );
  const pinned = c.store.get<Pod>('Pod', 'default', 'pinned')!;
  assert.equal(pinned.status?.phase, 'Running');
  assert.equal(pinned.status?.conditions?.find((x) => x.type === 'PodScheduled')?.status, 'True');
});

test('taints: NoSchedule taints need a toleration; a NotReady node carries the not-ready taint', () => {
  const c = cluster([{}, {}]);
  const n1 = c.store.get<Node>('Node', undefined, 'node-1')!;
  c.store.update({ ...n1, spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } });
  const n2 = c.store.get<Node>('Node', undefined, 'node-2')!;
  c.store.updateStatus({
    ...n2,
    status: { ...n2.status, conditions: [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady' }] },
  });
  c.store.create(pod('p'));
  c.store.create(
    pod('db', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }] }),
  );
  c.settle();
  assert.equal(nodeOf(c, 'db'), 'node-1');
  assert.equal(
    condition(c, 'p')!.message,
    '0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. ' +
      'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  );
});

test('pod count limit: Too many pods', () => {
  const c = cluster([{ pods: '1' }]);
  c.store.create(pod('a'));
  c.store.create(pod('b'));
  c.settle();
  assert.equal(nodeOf(c, 'a'), 'node-1');
  assert.match(condition(c, 'b')!.message!, /^0\/1 nodes are available: 1 Too many pods\. /);
});

test('no nodes; a node added later gets the pod', () => {
  const c = cluster([]);
  c.store.create(pod('p'));
  c.settle();
  assert.equal(condition(c, 'p')!.message, 'no nodes available to schedule pods');
  c.store.create(makeNode('node-1'), { actor: 'test' });
  c.settle();
  assert.equal(nodeOf(c, 'p'), 'node-1');
});

test('timings.schedule delays binding; terminating and foreign-scheduler pods are skipped', () => {
  const c = createCluster({ controllers: [scheduler], timings: { schedule: 500 } });
  c.store.create(pod('p'));
  c.store.create(pod('other', { schedulerName: 'my-scheduler' }));
  c.advance(499);
  assert.equal(nodeOf(c, 'p'), undefined);
  c.advance(1);
  assert.equal(nodeOf(c, 'p'), 'node-1');
  c.settle();
  assert.equal(nodeOf(c, 'other'), undefined);
  assert.equal(condition(c, 'other'), undefined);
});

test('scheduling gates hold a pod until the last gate is removed', () => {
  const c = cluster([{}]);
  c.store.create(pod('p', { schedulingGates: [{ name: 'example.com/wait' }] }));
  c.settle();
  assert.equal(nodeOf(c, 'p'), undefined);
  assert.deepEqual(events(c, 'FailedScheduling'), []);
  const p = c.store.get<Pod>('Pod', 'default', 'p')!;
  c.store.update({ ...p, spec: { ...p.spec!, schedulingGates: [] } });
  c.settle();
  assert.equal(nodeOf(c, 'p'), 'node-1');
});

test('a terminating pod keeps its requests until it is removed; a Failed (evicted) pod frees them at once', () => {
  const c = cluster([{ cpu: '1' }]);
  const holder = pod('holder', {}, '800m');
  holder.spec!.containers[0].lifecycle = { preStop: { exec: { command: ['sleep', '20'] } } };
  c.store.create(holder);
  c.store.create(pod('other', {}, '800m'));
  c.settle();
  c.store.delete('Pod', 'default', 'holder', { actor: 'test' });
  c.advance(10_000);
  assert.equal(nodeOf(c, 'other'), undefined, 'still Terminating: its requests still count');
  c.settle();
  assert.equal(nodeOf(c, 'other'), 'node-1');

  c.store.create(pod('third', {}, '800m'));
  c.settle();
  assert.equal(nodeOf(c, 'third'), undefined);
  evictPod(c, 'default', 'other');
  c.settle();
  assert.equal(nodeOf(c, 'third'), 'node-1');
});
