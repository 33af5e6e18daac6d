import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, makeNode } from '../cluster';
import type { Event, Pod, Stored } from '../api/types';
import { scheduler } from '../scheduler';
import { evictPod, kubelet, podStatusReason } from './index';

type C = ReturnType<typeof createCluster>;

function newCluster(init: Parameters<typeof createCluster>[0] = {}): C {
  return createCluster({ controllers: [scheduler, kubelet], ...init });
}

function makePod(name: string, image = 'nginx:1.25', spec: Partial<NonNullable<Pod['spec']>> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'nginx', image }], ...spec },
  };
}

const get = (c: C, name: string) => c.store.get<Pod>('Pod', 'default', name) as Stored<Pod>;
const cs = (c: C, name: string) => get(c, name).status!.containerStatuses![0];
const cond = (c: C, name: string, type: string) =>
  get(c, name).status?.conditions?.find((x) => x.type === type);

/** Every event occurrence (creation or count bump) with its virtual time, in order. */
function recordEvents(c: C): { t: number; reason: string; message: string; type: string }[] {
  const out: { t: number; reason: string; message: string; type: string }[] = [];
  c.store.watch('Event', (e) => {
    if (e.type === 'DELETED') return;
    const ev = e.object as Event;
    out.push({ t: e.time, reason: ev.reason!, message: ev.message!, type: ev.type! });
  });
  return out;
}

test('default timeline: ContainerCreating at 0 s, sandbox at 1 s, pulled and running and Ready at 2 s', () => {
  const c = newCluster();
  const events = recordEvents(c);
  c.store.create(makePod('web-0'));
  c.step();
  c.advance(0);
  let p = get(c, 'web-0');
  assert.equal(p.spec?.nodeName, 'node-1');
  assert.equal(p.status?.phase, 'Pending');
  assert.deepEqual(cs(c, 'web-0').state, { waiting: { reason: 'ContainerCreating' } });
  assert.equal(podStatusReason(p, c.now), 'ContainerCreating');
  assert.equal(p.status?.hostIP, '172.18.0.2');
  assert.equal(p.status?.podIP, undefined);
  c.advance(1000);
  p = get(c, 'web-0');
  assert.equal(p.status?.podIP, '10.244.1.2');
  assert.equal(cond(c, 'web-0', 'PodReadyToStartContainers')?.status, 'True');
  c.advance(1000);
  p = get(c, 'web-0');
  assert.equal(p.status?.phase, 'Running');
  assert.equal(podStatusReason(p, c.now), 'Running');
  assert.deepEqual(
    p.status?.conditions?.map((x) => [x.type, x.status, x.lastTransitionTime]),
    [
      ['PodReadyToStartContainers', 'True', '2024-01-01T00:00:01Z'],
      ['Initialized', 'True', '2024-01-01T00:00:00Z'],
      ['Ready', 'True', '2024-01-01T00:00:02Z'],
      ['ContainersReady', 'True', '2024-01-01T00:00:02Z'],
      ['PodScheduled', 'True', '2024-01-01T00:00:00Z'],
    ],
  );
  const s = cs(c, 'web-0');
  assert.equal(s.ready, true);
  assert.equal(s.started, true);
  assert.equal(s.restartCount, 0);
  assert.equal(s.image, 'docker.io/library/nginx:1.25');
  assert.match(s.imageID, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  assert.match(s.containerID!, /^containerd:\/\/[0-9a-f]{64}$/);
  assert.deepEqual(s.state, { running: { startedAt: '2024-01-01T00:00:02Z' } });
  assert.equal(p.status?.startTime, '2024-01-01T00:00:00Z');
  assert.deepEqual(
    events.map((e) => [e.t, e.reason, e.message]),
    [
      [0, 'Scheduled', 'Successfully assigned default/web-0 to node-1'],
      [1000, 'Pulling', 'Pulling image "nginx:1.25"'],
      [2000, 'Pulled', 'Successfully pulled image "nginx:1.25" in 1s (1s including waiting)'],
      [2000, 'Created', 'Created container nginx'],
      [2000, 'Started', 'Started container nginx'],
    ],
  );
  const kubeletEvent = c.store.list<Event>('Event').find((e) => e.reason === 'Started')!;
  assert.deepEqual(kubeletEvent.source, { component: 'kubelet', host: 'node-1' });
});

test('a second pod with the same image on the node skips the pull', () => {
  const c = newCluster({ nodes: 1 });
  const events = recordEvents(c);
  c.store.create(makePod('a'));
  c.settle();
  const t0 = c.now;
  c.store.create(makePod('b'));
  c.settle();
  assert.equal(c.now - t0, 1000, 'only the sandbox');
  assert.ok(events.some((e) => e.message === 'Container image "nginx:1.25" already present on machine'));
  assert.equal(get(c, 'b').status?.podIP, '10.244.1.3');
});

test('unscheduled pods are untouched by the kubelet', () => {
  const c = createCluster({ controllers: [kubelet] });
  c.store.create(makePod('p'));
  c.settle();
  assert.equal(get(c, 'p').status?.containerStatuses, undefined);
  assert.equal(c.store.actions.filter((a) => a.actor === 'kubelet').length, 0);
});

test('unpullable image: ErrImagePull, ImagePullBackOff, retries 10, 20, 40, 80, 160, 300, 300 s after each failure; phase Pending; settles', () => {
  const c = newCluster();
  c.faults.setImage('nginx:bad', 'unpullable');
  const events = recordEvents(c);
  c.store.create(makePod('web-0', 'nginx:bad'));
  c.settle();
  // the cluster settles once the pod shows ImagePullBackOff (retries are background work)
  assert.equal(c.now, 3000);
  let p = get(c, 'web-0');
  assert.equal(p.status?.phase, 'Pending');
  assert.equal(podStatusReason(p, c.now), 'ImagePullBackOff');
  assert.deepEqual(cs(c, 'web-0').state, {
    waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:bad"' },
  });
  assert.equal(cond(c, 'web-0', 'Ready')?.status, 'False');
  c.advance(1500_000);
  const pulls = events.filter((e) => e.reason === 'Pulling').map((e) => e.t);
  const failures = events.filter((e) => e.message.startsWith('Failed to pull image')).map((e) => e.t);
  const gaps = failures.slice(0, 7).map((f, i) => (pulls[i + 1] - f) / 1000);
  assert.deepEqual(gaps, [10, 20, 40, 80, 160, 300, 300]);
  assert.equal(failures[0], 2000);
  const firstFailure = events.filter((e) => e.t === 2000).map((e) => [e.type, e.reason, e.message]);
  assert.deepEqual(firstFailure, [
    [
      'Warning',
      'Failed',
      'Failed to pull image "nginx:bad": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:bad": failed to resolve reference "docker.io/library/nginx:bad": docker.io/library/nginx:bad: not found',
    ],
    ['Warning', 'Failed', 'Error: ErrImagePull'],
  ]);
  assert.deepEqual(
    events.filter((e) => e.t === 3000).map((e) => [e.type, e.reason, e.message]),
    [
      ['Normal', 'BackOff', 'Back-off pulling image "nginx:bad"'],
      ['Warning', 'Failed', 'Error: ImagePullBackOff'],
    ],
  );
  p = get(c, 'web-0');
  assert.equal(p.status?.phase, 'Pending');
  // right after a failed retry the reason is ErrImagePull again
  c.advance(failures[failures.length - 1] + 300_000 + 1000 - c.now);
  assert.equal(cs(c, 'web-0').state?.waiting?.reason, 'ErrImagePull');
  // fixing the image: the next retry succeeds
  c.faults.setImage('nginx:bad', undefined);
  c.settle({ maxMs: 400_000 });
  assert.equal(get(c, 'web-0').status?.phase, 'Running');
});

test('crash: first restart immediate, then CrashLoopBackOff 10, 20, 40 … 300 s from each exit; phase Running, not Ready', () => {
  const c = newCluster();
  c.faults.setImage('crasher:1', 'crash');
  const events = recordEvents(c);
  c.store.create(makePod('web-0', 'crasher:1'));
  c.settle();
  assert.equal(c.now, 4000, 'settles at the first CrashLoopBackOff');
  let p = get(c, 'web-0');
  assert.equal(p.status?.phase, 'Running');
  assert.equal(podStatusReason(p, c.now), 'CrashLoopBackOff');
  assert.equal(cond(c, 'web-0', 'Ready')?.status, 'False');
  let s = cs(c, 'web-0');
  assert.equal(s.restartCount, 1);
  assert.deepEqual(s.state?.waiting, {
    reason: 'CrashLoopBackOff',
    message: `back-off 10s restarting failed container=nginx pod=web-0_default(${p.metadata.uid})`,
  });
  assert.deepEqual(s.lastState?.terminated && { ...s.lastState.terminated, containerID: undefined }, {
    exitCode: 1,
    reason: 'Error',
    startedAt: '2024-01-01T00:00:03Z',
    finishedAt: '2024-01-01T00:00:04Z',
    containerID: undefined,
  });
  c.advance(1800_000);
  const starts = events.filter((e) => e.reason === 'Started').map((e) => e.t);
  // each run lasts 1 s; the delay from exit (start + 1 s) to the next start:
  const delays = starts.slice(1, 10).map((t, i) => (t - (starts[i] + 1000)) / 1000);
  assert.deepEqual(delays, [0, 10, 20, 40, 80, 160, 300, 300, 300]);
  p = get(c, 'web-0');
  assert.equal(p.status?.phase, 'Running');
  s = cs(c, 'web-0');
  assert.ok(s.restartCount >= 9);
  const backoff = events.filter((e) => e.reason === 'BackOff').map((e) => e.message);
  assert.equal(
    backoff[0],
    `Back-off restarting failed container nginx in pod web-0_default(${p.metadata.uid})`,
  );
  assert.ok(
    c.store
      .list<Event>('Event')
      .filter((e) => e.reason === 'BackOff')
      .every((e) => e.type === 'Warning'),
  );
  // the back-off message grows with Go's duration format
  const c2 = newCluster();
  c2.faults.setImage('crasher:1', 'crash');
  const seen: string[] = [];
  c2.store.watch('Pod', (e) => {
    const w = (e.object as Pod).status?.containerStatuses?.[0].state?.waiting;
    if (w?.reason === 'CrashLoopBackOff' && seen[seen.length - 1] !== w.message!.split(' ')[1])
      seen.push(w.message!.split(' ')[1]);
  });
  c2.store.create(makePod('x', 'crasher:1'));
  c2.advance(1200_000);
  assert.deepEqual(seen, ['10s', '20s', '40s', '1m20s', '2m40s', '5m0s']);
});

test('neverReady: Running but never Ready', () => {
  const c = newCluster();
  c.faults.setImage('nginx:stuck', 'neverReady');
  c.store.create(makePod('p', 'nginx:stuck'));
  c.settle();
  const p = get(c, 'p');
  assert.equal(p.status?.phase, 'Running');
  assert.equal(podStatusReason(p, c.now), 'Running');
  assert.deepEqual(cond(c, 'p', 'Ready'), {
    type: 'Ready',
    status: 'False',
    reason: 'ContainersNotReady',
    message: 'containers with unready status: [nginx]',
    lastProbeTime: null,
    lastTransitionTime: '2024-01-01T00:00:00Z',
  });
  assert.equal(cond(c, 'p', 'ContainersReady')?.status, 'False');
});

test('readiness probe: initialDelaySeconds then the first period tick; overrides fail and pass again', () => {
  const probe = { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 };
  const c = newCluster();
  const pod = makePod('p');
  pod.spec!.containers[0].readinessProbe = probe;
  c.store.create(pod);
  c.settle();
  // started at 2 s; probes at 2 + k·10 s with k·10 ≥ 5 → first probe at 12 s
  assert.equal(cond(c, 'p', 'Ready')?.lastTransitionTime, '2024-01-01T00:00:12Z');
  assert.equal(cond(c, 'p', 'Ready')?.status, 'True');
  const uid = get(c, 'p').metadata.uid;
  c.advance(3000); // 15 s
  c.faults.setReadiness(uid, false);
  c.settle();
  // failureThreshold 3 failing probes: 22, 32, 42 s
  assert.equal(cond(c, 'p', 'Ready')?.status, 'False');
  assert.equal(cond(c, 'p', 'Ready')?.lastTransitionTime, '2024-01-01T00:00:42Z');
  assert.equal(get(c, 'p').status?.phase, 'Running');
  c.faults.setReadiness(uid, true);
  c.settle();
  assert.equal(cond(c, 'p', 'Ready')?.status, 'True');
  assert.equal(cond(c, 'p', 'Ready')?.lastTransitionTime, '2024-01-01T00:00:52Z');

  // without a probe the override applies at once
  const d = newCluster();
  d.store.create(makePod('q'));
  d.settle();
  d.faults.setReadiness(get(d, 'q').metadata.uid, false);
  d.settle();
  assert.equal(cond(d, 'q', 'Ready')?.status, 'False');
  assert.equal(cond(d, 'q', 'Ready')?.lastTransitionTime, '2024-01-01T00:00:02Z');
  assert.equal(podStatusReason(get(d, 'q'), d.now), 'Running');
  assert.equal(cs(d, 'q').ready, false);
});

test('termination: Killing, containers exit 0 at once, Succeeded, then deleted by the kubelet with grace 0', () => {
  const c = newCluster();
  const events = recordEvents(c);
  c.store.create(makePod('p'));
  c.settle();
  const uid = get(c, 'p').metadata.uid;
  const marked = c.store.delete('Pod', 'default', 'p', { actor: 'user' });
  assert.equal(marked.metadata.deletionGracePeriodSeconds, 30);
  assert.equal(podStatusReason(get(c, 'p'), c.now), 'Terminating');
  c.settle();
  assert.equal(c.store.get('Pod', 'default', 'p'), undefined);
  assert.deepEqual(events[events.length - 1], {
    t: 2000,
    reason: 'Killing',
    message: 'Stopping container nginx',
    type: 'Normal',
  });
  const writes = c.store.actions.filter(
    (a) => a.kind === 'Pod' && a.object.metadata.uid === uid && a.verb !== 'create',
  );
  const last = writes.slice(-3);
  assert.deepEqual(
    last.map((a) => [a.verb, a.actor]),
    [
      ['delete', 'user'],
      ['updateStatus', 'kubelet'],
      ['delete', 'kubelet'],
    ],
  );
  const final = last[1].object as Pod;
  assert.equal(final.status?.phase, 'Succeeded');
  assert.equal(final.status?.conditions?.find((x) => x.type === 'Ready')?.status, 'False');
  assert.equal(final.status?.conditions?.find((x) => x.type === 'Ready')?.reason, 'PodCompleted');
  assert.equal(final.status?.containerStatuses?.[0].state?.terminated?.exitCode, 0);
  assert.equal(final.status?.containerStatuses?.[0].state?.terminated?.reason, 'Completed');
});

test('termination with a preStop hook: stays Terminating until the hook ends or the grace period kills it', () => {
  // preStop.sleep must be shorter than the grace period (validation); an exec hook may run longer
  const table: {
    grace?: number;
    sleep: number;
    exec?: boolean;
    removedAt: number;
    exitCode: number;
    phase: string;
  }[] = [
    { sleep: 10, removedAt: 10_000, exitCode: 0, phase: 'Succeeded' }, // default grace 30
    { sleep: 60, exec: true, removedAt: 30_000, exitCode: 137, phase: 'Failed' }, // killed at the 30 s deadline
    { grace: 5, sleep: 20, removedAt: 5_000, exitCode: 137, phase: 'Failed' }, // custom grace on delete
    { grace: 45, sleep: 40, exec: true, removedAt: 40_000, exitCode: 0, phase: 'Succeeded' },
  ];
  for (const row of table) {
    const c = newCluster();
    const pod = makePod('p');
    pod.spec!.containers[0].lifecycle = {
      preStop: row.exec
        ? { exec: { command: ['/bin/sh', '-c', `sleep ${row.sleep}`] } }
        : { sleep: { seconds: row.sleep } },
    };
    c.store.create(pod);
    c.settle();
    const start = c.now;
    c.store.delete('Pod', 'default', 'p', { actor: 'user', gracePeriodSeconds: row.grace });
    c.advance(row.removedAt - 1);
    assert.equal(podStatusReason(get(c, 'p'), c.now), 'Terminating', JSON.stringify(row));
    assert.equal(cond(c, 'p', 'Ready')?.status, 'True', 'still serving during preStop');
    let final: Pod | undefined;
    c.store.watch('Pod', (e) => {
      if (e.actor === 'kubelet' && e.type === 'MODIFIED') final = e.object as Pod;
    });
    c.settle();
    assert.equal(c.store.get('Pod', 'default', 'p'), undefined);
    assert.equal(c.now - start, row.removedAt, JSON.stringify(row));
    assert.equal(final?.status?.phase, row.phase);
    assert.equal(final?.status?.containerStatuses?.[0].state?.terminated?.exitCode, row.exitCode);
  }
  // exec preStop `sleep N` counts as well
  const c = newCluster();
  const pod = makePod('p');
  pod.spec!.containers[0].lifecycle = { preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 7'] } } };
  c.store.create(pod);
  c.settle();
  const start = c.now;
  c.store.delete('Pod', 'default', 'p', { actor: 'user' });
  c.settle();
  assert.equal(c.now - start, 7000);
});

test('a pod with a finalizer stays Terminating after the kubelet is done', () => {
  const c = newCluster();
  const pod = makePod('p');
  pod.metadata!.finalizers = ['example.com/hold'];
  c.store.create(pod);
  c.settle();
  c.store.delete('Pod', 'default', 'p', { actor: 'user' });
  c.settle();
  const p = get(c, 'p');
  assert.ok(p);
  assert.equal(p.status?.phase, 'Succeeded');
  assert.equal(p.metadata.deletionGracePeriodSeconds, 0);
  c.store.update({ ...p, metadata: { ...p.metadata, finalizers: [] } });
  assert.equal(c.store.get('Pod', 'default', 'p'), undefined);
});

test('deleting a pod stuck in ImagePullBackOff or CrashLoopBackOff removes it', () => {
  const c = newCluster();
  c.faults.setImage('bad:1', 'unpullable');
  c.faults.setImage('crash:1', 'crash');
  c.store.create(makePod('a', 'bad:1'));
  c.store.create(makePod('b', 'crash:1'));
  c.settle();
  const finals = new Map<string, Pod>();
  c.store.watch('Pod', (e) => {
    if (e.actor === 'kubelet' && e.type === 'MODIFIED') finals.set(e.object.metadata.name, e.object as Pod);
  });
  c.store.delete('Pod', 'default', 'a', { actor: 'user' });
  c.store.delete('Pod', 'default', 'b', { actor: 'user' });
  c.settle();
  assert.equal(c.store.count('Pod'), 0);
  // TerminatePod: containers without a terminated state end ContainerStatusUnknown, the phase Failed
  for (const name of ['a', 'b']) {
    const final = finals.get(name)!;
    assert.equal(final.status?.phase, 'Failed', name);
    assert.deepEqual(final.status?.containerStatuses?.[0].state?.terminated, {
      exitCode: 137,
      reason: 'ContainerStatusUnknown',
      message: 'The container could not be located when the pod was terminated',
      startedAt: null,
      finishedAt: null,
    });
  }
  assert.equal(finals.get('b')!.status?.containerStatuses?.[0].lastState?.terminated?.reason, 'Error');
});

test('eviction: Failed, reason Evicted, containers killed, DisruptionTarget; the object stays', () => {
  const c = newCluster();
  const events = recordEvents(c);
  c.store.create(makePod('p'));
  c.settle();
  assert.equal(evictPod(c, 'default', 'p'), true);
  c.settle();
  const p = get(c, 'p');
  assert.equal(p.status?.phase, 'Failed');
  assert.equal(p.status?.reason, 'Evicted');
  assert.equal(p.status?.message, 'The node was low on resource: memory. ');
  assert.equal(cond(c, 'p', 'Ready')?.status, 'False');
  assert.equal(cond(c, 'p', 'Ready')?.reason, 'PodFailed');
  assert.deepEqual(
    [cond(c, 'p', 'DisruptionTarget')?.status, cond(c, 'p', 'DisruptionTarget')?.reason],
    ['True', 'TerminationByKubelet'],
  );
  assert.equal(cs(c, 'p').state?.terminated?.exitCode, 137);
  assert.deepEqual(
    events.slice(-2).map((e) => [e.type, e.reason, e.message]),
    [
      ['Warning', 'Evicted', 'The node was low on resource: memory. '],
      ['Normal', 'Killing', 'Stopping container nginx'],
    ],
  );
  assert.equal(evictPod(c, 'default', 'p'), false, 'already evicted');
  assert.equal(podStatusReason(p, c.now), 'Error');
  // a terminal pod is removed at once on delete
  c.store.delete('Pod', 'default', 'p', { actor: 'user' });
  assert.equal(c.store.get('Pod', 'default', 'p'), undefined);
});

test('init containers run in order before the containers; Init:N/M reasons', () => {
  const c = newCluster();
  c.store.create(
    makePod('p', 'nginx:1.25', {
      initContainers: [
        { name: 'init-a', image: 'busybox:1.36' },
        { name: 'init-b', image: 'busybox:1.36' },
      ],
    }),
  );
  c.advance(0);
  assert.equal(podStatusReason(get(c, 'p'), c.now), 'Init:0/2');
  assert.deepEqual(cs(c, 'p').state, { waiting: { reason: 'PodInitializing' } });
  c.settle();
  const p = get(c, 'p');
  assert.equal(p.status?.phase, 'Running');
  assert.deepEqual(
    p.status?.initContainerStatuses?.map((s) => [s.name, s.state?.terminated?.reason, s.ready]),
    [
      ['init-a', 'Completed', true],
      ['init-b', 'Completed', true],
    ],
  );
  assert.equal(cond(c, 'p', 'Initialized')?.status, 'True');
  assert.equal(podStatusReason(p, c.now), 'Running');

  const d = newCluster();
  d.faults.setImage('bad-init:1', 'crash');
  d.store.create(makePod('q', 'nginx:1.25', { initContainers: [{ name: 'init', image: 'bad-init:1' }] }));
  d.settle();
  assert.equal(podStatusReason(get(d, 'q'), d.now), 'Init:CrashLoopBackOff');
  assert.equal(get(d, 'q').status?.phase, 'Pending');
});

test('container statuses are sorted by name; READY counts ready containers', () => {
  const c = newCluster();
  c.faults.setImage('sidecar:bad', 'unpullable');
  c.store.create(
    makePod('p', 'nginx:1.25', {
      containers: [
        { name: 'zeta', image: 'nginx:1.25' },
        { name: 'alpha', image: 'sidecar:bad' },
      ],
    }),
  );
  c.settle();
  const p = get(c, 'p');
  assert.deepEqual(
    p.status?.containerStatuses?.map((s) => s.name),
    ['alpha', 'zeta'],
  );
  assert.equal(podStatusReason(p, c.now), 'ImagePullBackOff');
  assert.equal(p.status?.phase, 'Pending');
  assert.equal(cond(c, 'p', 'Ready')?.message, 'containers with unready status: [alpha]');
});

test('determinism: the same seed gives the same pod IPs and container ids', () => {
  const run = (seed: number) => {
    const c = newCluster({ seed });
    for (let i = 0; i < 5; i++) c.store.create(makePod(`web-${i}`));
    c.settle();
    return [0, 1, 2, 3, 4].map((i) => [get(c, `web-${i}`).status?.podIP, cs(c, `web-${i}`).containerID]);
  };
  assert.deepEqual(run(7), run(7));
  assert.notDeepEqual(
    run(7).map((x) => x[1]),
    run(8).map((x) => x[1]),
  );
  assert.deepEqual(
    run(7).map((x) => x[0]),
    ['10.244.1.2', '10.244.2.2', '10.244.3.2', '10.244.1.3', '10.244.2.3'],
  );
});

test('pod IPs are released and reused round robin when pods go away', () => {
  const c = newCluster({ nodes: 1 });
  c.store.create(makePod('a'));
  c.settle();
  assert.equal(get(c, 'a').status?.podIP, '10.244.1.2');
  c.store.delete('Pod', 'default', 'a', { actor: 'user' });
  c.settle();
  c.store.create(makePod('b'));
  c.settle();
  assert.equal(get(c, 'b').status?.podIP, '10.244.1.3');
});

test('a pod bound to a node that registers later starts when the node appears', () => {
  const c = newCluster({ nodes: 0 });
  c.store.create(makePod('p', 'nginx:1.25', { nodeName: 'node-9' }));
  c.settle();
  assert.equal(get(c, 'p').status?.containerStatuses, undefined);
  c.store.create(makeNode('node-9'), { actor: 'test' });
  c.settle();
  assert.equal(get(c, 'p').status?.phase, 'Running');
});

test('thousands of pods: one timer per instant, not per pod; nothing left pending after settling', () => {
  const c = newCluster({ events: false });
  c.store.recordActions = false;
  for (let i = 0; i < 3000; i++) c.store.create(makePod(`p-${i}`));
  c.advance(0);
  assert.ok(c.runtime.timers.size <= 2, `${c.runtime.timers.size} timers`);
  c.settle();
  assert.equal(c.runtime.timers.size, 0);
  assert.equal(c.store.list<Pod>('Pod').filter((p) => p.status?.phase === 'Running').length, 3000);
  for (let i = 0; i < 3000; i++) c.store.delete('Pod', 'default', `p-${i}`, { actor: 'user' });
  c.settle();
  assert.equal(c.store.count('Pod'), 0);
  assert.equal(c.runtime.timers.size, 0);
});

test('image pull back-off is per pod uid + image: a recreated pod starts again at 10 s', () => {
  const c = newCluster({ nodes: 1 });
  c.faults.setImage('bad:1', 'unpullable');
  const events = recordEvents(c);
  c.store.create(makePod('a', 'bad:1'));
  c.advance(100_000); // failures at 2, 13, 34 (back-off now 40 s) …
  c.store.delete('Pod', 'default', 'a', { actor: 'user' });
  c.settle();
  const t0 = c.now;
  c.store.create(makePod('a', 'bad:1'));
  c.advance(20_000);
  const pulls = events.filter((e) => e.reason === 'Pulling' && e.t >= t0).map((e) => (e.t - t0) / 1000);
  // sandbox 1 s, pull fails at 2 s, retried 10 s after that failure
  assert.deepEqual(pulls, [1, 12]);
});

test('sidecar init containers start before the containers and count in READY', () => {
  const c = newCluster();
  c.store.create(
    makePod('p', 'nginx:1.25', {
      initContainers: [{ name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always' }],
    }),
  );
  c.settle();
  const p = get(c, 'p');
  assert.equal(p.status?.phase, 'Running');
  assert.deepEqual(
    p.status?.initContainerStatuses?.map((s) => [s.name, !!s.state?.running, s.ready]),
    [['proxy', true, true]],
  );
  assert.equal(podStatusReason(p, c.now), 'Running');
  assert.equal(cond(c, 'p', 'Ready')?.status, 'True');
  const started = c.store
    .list<Event>('Event')
    .filter((e) => e.reason === 'Started')
    .map((e) => e.message);
  assert.deepEqual(started, ['Started container proxy', 'Started container nginx']);
});

test('changing a container image in the pod spec restarts that container with the new image', () => {
  const c = newCluster();
  c.faults.setImage('nginx:bad', 'unpullable');
  c.store.create(makePod('p', 'nginx:bad'));
  c.settle();
  assert.equal(podStatusReason(get(c, 'p'), c.now), 'ImagePullBackOff');
  let p = get(c, 'p');
  c.store.update({
    ...p,
    spec: { ...p.spec!, containers: [{ ...p.spec!.containers[0], image: 'nginx:1.25' }] },
  });
  c.settle();
  p = get(c, 'p');
  assert.equal(p.status?.phase, 'Running');
  assert.equal(cs(c, 'p').image, 'docker.io/library/nginx:1.25');
  assert.equal(cs(c, 'p').restartCount, 0, 'it never ran');
  const events = recordEvents(c);
  c.store.update({
    ...p,
    spec: { ...p.spec!, containers: [{ ...p.spec!.containers[0], image: 'nginx:1.26' }] },
  });
  c.settle();
  assert.equal(cs(c, 'p').image, 'docker.io/library/nginx:1.26');
  assert.equal(cs(c, 'p').restartCount, 1);
  assert.equal(cs(c, 'p').lastState?.terminated?.exitCode, 0);
  assert.deepEqual(events[0], {
    t: events[0].t,
    reason: 'Killing',
    message: 'Container nginx definition changed, will be restarted',
    type: 'Normal',
  });
  assert.equal(get(c, 'p').status?.phase, 'Running');
});

test('evicting a pod whose container never started: ContainerStatusUnknown', () => {
  const c = newCluster();
  c.faults.setImage('bad:1', 'unpullable');
  c.store.create(makePod('p', 'bad:1'));
  c.settle();
  evictPod(c, 'default', 'p', 'The node was low on resource: ephemeral-storage. ');
  const p = get(c, 'p');
  assert.equal(p.status?.phase, 'Failed');
  assert.equal(p.status?.message, 'The node was low on resource: ephemeral-storage. ');
  assert.equal(podStatusReason(p, c.now), 'ContainerStatusUnknown');
});
