import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, type Cluster } from '../../cluster';
import type { KObject, Pod, ReplicaSet, Stored } from '../../api/types';
import { ApiError } from '../../api/errors';
import { toTimestamp } from '../../api/time';
import { replicaSetController, ReplicaSetController } from '.';
import { claimObjects } from './claim';
import { adoptPod, recheckDeletionTimestamp } from './controller';

function setup(): { c: Cluster; rsc: ReplicaSetController } {
  const c = createCluster({ controllers: [replicaSetController], nodes: 0 });
  const rsc = c.controllers[0] as ReplicaSetController;
  rsc.verifyClaimCache = true;
  return { c, rsc };
}

function newRS(name: string, replicas: number, extra: { minReadySeconds?: number; labels?: object } = {}) {
  const labels = { app: name, ...(extra.labels ?? {}) };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      minReadySeconds: extra.minReadySeconds,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels, annotations: { note: 'from-template' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  } as ReplicaSet;
}

const rsOf = (c: Cluster, name = 'web') => c.store.get<ReplicaSet>('ReplicaSet', 'default', name)!;
const podsOf = (c: Cluster) => c.store.list<Pod>('Pod', { namespace: 'default' });
const activePods = (c: Cluster) => podsOf(c).filter((p) => !p.metadata.deletionTimestamp);
const podCreates = (c: Cluster) => c.store.actions.filter((a) => a.kind === 'Pod' && a.verb === 'create');
const events = (c: Cluster, rs: Stored<ReplicaSet>) =>
  c.recorder.eventsFor(rs.metadata.uid, 'default').map((e) => `${e.type} ${e.reason} ${e.message}`);

/** What the kubelet would write: scheduled, phase, Ready (since `readySince`). */
function setPod(
  c: Cluster,
  name: string,
  s: { node?: string; phase?: string; ready?: boolean; readySince?: number },
): void {
  let p = c.store.get<Pod>('Pod', 'default', name)!;
  if (s.node !== undefined && p.spec?.nodeName !== s.node) {
    p = c.store.update<Pod>({ ...p, spec: { ...p.spec!, nodeName: s.node } }, { actor: 'test' });
  }
  const conditions =
    s.ready === undefined
      ? undefined
      : [
          {
            type: 'Ready',
            status: s.ready ? 'True' : 'False',
            lastTransitionTime: toTimestamp(s.readySince ?? c.now),
          },
        ];
  c.store.updateStatus<Pod>({ ...p, status: { phase: s.phase ?? 'Running', conditions } }, { actor: 'test' });
}

/** A fake-clientset reactor: pod creations beyond `allowed` fail with a quota error. */
function limitPodCreates(c: Cluster, allowed: () => number): { attempts: number } {
  const counter = { attempts: 0 };
  const create = c.store.create.bind(c.store);
  let created = 0;
  c.store.create = (<T extends KObject>(obj: T, opts?: Parameters<typeof create>[1]) => {
    if (obj.kind === 'Pod') {
      counter.attempts++;
      if (created >= allowed()) {
        throw new ApiError(
          'Forbidden',
          `pods "${obj.metadata?.generateName}xxxxx" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=${created}, limited: pods=${allowed()}`,
        );
      }
      created++;
    }
    return create(obj, opts);
  }) as typeof c.store.create;
  return counter;
}

test('creates 10 pods from the template: generateName, labels, annotations, controller ownerRef, events', () => {
  const { c } = setup();
  c.store.create(newRS('web', 10));
  c.settle();
  const rs = rsOf(c);
  const pods = podsOf(c);
  assert.equal(pods.length, 10);
  for (const p of pods) {
    assert.match(p.metadata.name, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.deepEqual(p.metadata.labels, { app: 'web' });
    assert.deepEqual(p.metadata.annotations, { note: 'from-template' });
    assert.deepEqual(p.metadata.ownerReferences, [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'web',
        uid: rs.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    assert.deepEqual(
      p.spec?.containers.map((x) => [x.name, x.image]),
      [['c', 'nginx']],
    );
  }
  const created = podCreates(c);
  assert.equal(created.length, 10);
  assert.ok(created.every((a) => a.actor === 'replicaset-controller'));
  assert.deepEqual(
    events(c, rs),
    created.map((a) => `Normal SuccessfulCreate Created pod: ${a.name}`),
  );
  assert.deepEqual(rs.status, { replicas: 10, fullyLabeledReplicas: 10, observedGeneration: 1 });
});

test('the first status reflects the pods seen before creating (replicas 0), as upstream', () => {
  const { c } = setup();
  c.store.create(newRS('web', 3));
  c.settle();
  const statuses = c.store.actions
    .filter((a) => a.kind === 'ReplicaSet' && a.verb === 'updateStatus')
    .map((a) => (a.object as Stored<ReplicaSet>).status?.replicas);
  assert.deepEqual(statuses, [0, 3]);
});

test('slow start: only 5 pods allowed → 1+2+4 = 7 attempts, 5 pods, ReplicaFailure FailedCreate', () => {
  const { c } = setup();
  let allowed = 5;
  const counter = limitPodCreates(c, () => allowed);
  c.store.create(newRS('web', 10));
  c.step(); // one sync
  assert.equal(counter.attempts, 7);
  assert.equal(podsOf(c).length, 5);
  const rs = rsOf(c);
  const msg =
    'pods "web-xxxxx" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=5, limited: pods=5';
  assert.deepEqual(rs.status?.conditions, [
    {
      type: 'ReplicaFailure',
      status: 'True',
      lastTransitionTime: toTimestamp(0),
      reason: 'FailedCreate',
      message: msg,
    },
  ]);
  assert.deepEqual(
    events(c, rs).filter((e) => e.startsWith('Warning')),
    [`Warning FailedCreate Error creating: ${msg}`],
  );
  assert.equal(c.runtime.errors.at(-1)?.message, msg);
  assert.equal(c.runtime.errors.at(-1)?.queue, 'replicaset');

  // The quota is raised: the retry (with back-off) creates the rest and clears the condition.
  allowed = 100;
  c.settle();
  assert.equal(podsOf(c).length, 10);
  assert.equal(rsOf(c).status?.conditions, undefined);
  assert.equal(rsOf(c).status?.replicas, 10);
});

test('burst: 1200 replicas are created 500, 500, 200, one sync each (TestControllerBurstReplicas)', () => {
  const { c } = setup();
  c.store.create(newRS('web', 1200));
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) {
    c.step();
    counts.push(podsOf(c).length);
  }
  assert.deepEqual(counts, [500, 1000, 1200]);
  c.settle();
  assert.equal(rsOf(c).status?.replicas, 1200);
});

test('burst on scale-down: 1200 → 0 deletes 500, 500, 200 per sync', () => {
  const { c } = setup();
  c.store.create(newRS('web', 1200));
  c.settle();
  const rs = rsOf(c);
  c.store.update({ ...rs, spec: { ...rs.spec!, replicas: 0 } });
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) {
    c.step();
    counts.push(podsOf(c).length);
  }
  // Unscheduled pods are deleted at once (grace 0).
  assert.deepEqual(counts, [700, 200, 0]);
});

test('expectations: a sync with unobserved creations only writes status; they expire after 5 minutes', () => {
  const { c, rsc } = setup();
  rsc.expectations.expectCreations('default/web', 1, 0);
  c.store.create(newRS('web', 2));
  c.settle();
  assert.equal(podsOf(c).length, 0);
  assert.deepEqual(rsOf(c).status, { replicas: 0, observedGeneration: 1 });

  c.advance(5 * 60 * 1000); // exactly 5 minutes: not yet expired
  rsc.queue.add('default/web');
  c.settle();
  assert.equal(podsOf(c).length, 0);

  c.advance(1);
  rsc.queue.add('default/web');
  c.settle();
  assert.equal(podsOf(c).length, 2);
});

test('expectations: observing the expected creation lets the next sync act (TestSyncReplicaSetDormancy)', () => {
  const { c, rsc } = setup();
  rsc.expectations.expectCreations('default/web', 1, 0);
  c.store.create(newRS('web', 2));
  c.settle();
  assert.equal(podsOf(c).length, 0);
  rsc.expectations.creationObserved('default/web');
  rsc.queue.add('default/web');
  c.settle();
  assert.equal(podsOf(c).length, 2);
});

test('a deleted ReplicaSet forgets its expectations; one recreated under the name starts clean', () => {
  const { c, rsc } = setup();
  c.store.create(newRS('web', 1));
  rsc.expectations.expectCreations('default/web', 5, 0);
  c.store.delete('ReplicaSet', 'default', 'web');
  assert.equal(rsc.expectations.get('default/web'), undefined);
  c.store.create(newRS('web', 1));
  c.settle();
  assert.equal(
    podsOf(c).filter((p) => p.metadata.ownerReferences?.[0].uid === rsOf(c).metadata.uid).length,
    1,
  );
});

test('adoption: a matching orphan is adopted and counted; a pod of another controller is left alone', () => {
  const { c } = setup();
  c.store.create<Pod>({
    kind: 'Pod',
    metadata: { name: 'orphan', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  c.store.create<Pod>({
    kind: 'Pod',
    metadata: {
      name: 'theirs',
      labels: { app: 'web' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'other', uid: 'other-uid', controller: true },
      ],
    },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  c.store.create(newRS('web', 2));
  c.settle();
  const rs = rsOf(c);
  const orphan = c.store.get<Pod>('Pod', 'default', 'orphan')!;
  assert.deepEqual(orphan.metadata.ownerReferences, [
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: 'web',
      uid: rs.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    },
  ]);
  const theirs = c.store.get<Pod>('Pod', 'default', 'theirs')!;
  assert.equal(theirs.metadata.ownerReferences?.[0].uid, 'other-uid');
  assert.equal(podCreates(c).filter((a) => a.actor === 'replicaset-controller').length, 1);
  assert.equal(rs.status?.replicas, 2);
  const adoptions = c.store.actions.filter((a) => a.kind === 'Pod' && a.verb === 'update');
  assert.deepEqual(
    adoptions.map((a) => [a.name, a.actor]),
    [['orphan', 'replicaset-controller']],
  );
});

test('adoption keeps other (non-controller) ownerReferences', () => {
  const { c } = setup();
  const extra = { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'cm-uid' };
  c.store.create<Pod>({
    kind: 'Pod',
    metadata: { name: 'orphan', labels: { app: 'web' }, ownerReferences: [extra] },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  c.store.create(newRS('web', 1));
  c.settle();
  const refs = c.store.get<Pod>('Pod', 'default', 'orphan')!.metadata.ownerReferences!;
  assert.deepEqual(refs[0], extra);
  assert.equal(refs[1].controller, true);
  assert.equal(podsOf(c).length, 1);
});

test('an orphan created later is adopted (the pod watch wakes the matching ReplicaSet)', () => {
  const { c } = setup();
  c.store.create(newRS('web', 1));
  c.settle();
  c.advance(1000);
  c.store.create<Pod>({
    kind: 'Pod',
    metadata: { name: 'late', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  c.settle();
  // Adopted, and then, 2 pods for 1 replica, deleted again: both are unscheduled and pending, and
  // the newer goes first.
  const podActions = c.store.actions.filter((a) => a.kind === 'Pod' && a.name === 'late');
  assert.deepEqual(
    podActions.map((a) => [a.verb, a.actor]),
    [
      ['create', 'user'],
      ['update', 'replicaset-controller'],
      ['delete', 'replicaset-controller'],
    ],
  );
  assert.equal((podActions[1].object as Stored<Pod>).metadata.ownerReferences?.[0].uid, rsOf(c).metadata.uid);
  assert.equal(podsOf(c).length, 1);
});

test('release: an owned pod relabelled out of the selector loses its ownerRef and is replaced', () => {
  const { c } = setup();
  c.store.create(newRS('web', 2));
  c.settle();
  const victim = podsOf(c)[0];
  c.store.update<Pod>(
    { ...victim, metadata: { ...victim.metadata, labels: { app: 'debug' } } },
    { actor: 'user' },
  );
  c.settle();
  const released = c.store.get<Pod>('Pod', 'default', victim.metadata.name)!;
  assert.equal(released.metadata.ownerReferences, undefined);
  const owned = podsOf(c).filter((p) => p.metadata.ownerReferences?.length);
  assert.equal(owned.length, 2);
  assert.equal(rsOf(c).status?.replicas, 2);
});

test('a relabelled pod moves from one ReplicaSet to the one whose selector now matches', () => {
  const { c } = setup();
  c.store.create(newRS('web', 1));
  c.store.create(newRS('api', 0));
  c.settle();
  const pod = podsOf(c)[0];
  c.store.update<Pod>({ ...pod, metadata: { ...pod.metadata, labels: { app: 'api' } } }, { actor: 'user' });
  c.settle();
  const moved = c.store.get<Pod>('Pod', 'default', pod.metadata.name);
  // Released by web, adopted by api, then deleted by api (0 replicas); web made a replacement.
  assert.equal(moved, undefined);
  assert.equal(rsOf(c, 'web').status?.replicas, 1);
  const apiEvents = events(c, rsOf(c, 'api'));
  assert.deepEqual(apiEvents, [`Normal SuccessfulDelete Deleted pod: ${pod.metadata.name}`]);
});

test('a ReplicaSet being deleted neither adopts nor creates, but still writes status', () => {
  const { c } = setup();
  c.store.create<Pod>({
    kind: 'Pod',
    metadata: { name: 'orphan', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  c.store.create({ ...newRS('web', 3), metadata: { name: 'web', finalizers: ['example.com/hold'] } });
  c.settle();
  const owned = podsOf(c).filter((p) => p.metadata.ownerReferences?.length);
  assert.equal(owned.length, 3); // the orphan adopted + 2 created
  c.store.delete('ReplicaSet', 'default', 'web');
  c.store.create<Pod>({
    kind: 'Pod',
    metadata: { name: 'orphan2', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  const p = owned[0];
  c.store.delete('Pod', 'default', p.metadata.name); // unscheduled: gone at once
  c.settle();
  assert.equal(c.store.get<Pod>('Pod', 'default', 'orphan2')!.metadata.ownerReferences, undefined);
  assert.equal(rsOf(c).status?.replicas, 2);
  assert.equal(podCreates(c).filter((a) => a.actor === 'replicaset-controller').length, 2);
});

test('adoption fails safely when the ReplicaSet was deleted and recreated (uid check)', () => {
  const { c } = setup();
  const old = c.store.create(newRS('web', 0));
  c.store.delete('ReplicaSet', 'default', 'web');
  const fresh = c.store.create(newRS('web', 0));
  const orphan = c.store.create<Pod>({
    kind: 'Pod',
    metadata: { name: 'orphan', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  const r = claimObjects(old, [orphan], () => true, {
    canAdopt: () => recheckDeletionTimestamp(c.store, old),
    adopt: (p) => adoptPod(c.store, old, p),
    release: () => assert.fail('nothing to release'),
  });
  assert.deepEqual(r.claimed, []);
  assert.equal(r.errors.length, 1);
  assert.equal(
    r.errors[0].message,
    `can't adopt Pod default/orphan (${orphan.metadata.uid}): can't recheck DeletionTimestamp: original ReplicaSet default/web is gone: got uid ${fresh.metadata.uid}, wanted ${old.metadata.uid}`,
  );
  assert.equal(c.store.get<Pod>('Pod', 'default', 'orphan')!.metadata.ownerReferences, undefined);
});

test('adoption of a pod recreated under the same name is a Conflict (pod uid precondition)', () => {
  const { c } = setup();
  const rs = c.store.create(newRS('web', 0));
  const listed = c.store.create<Pod>({
    kind: 'Pod',
    metadata: { name: 'p', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  c.store.delete('Pod', 'default', 'p');
  c.store.create<Pod>({
    kind: 'Pod',
    metadata: { name: 'p', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  assert.throws(() => adoptPod(c.store, rs, listed), /Precondition failed: UID in precondition/);
});

test('claimObjects table: owned/orphan × match/no match × being deleted', () => {
  const owner = { kind: 'ReplicaSet', metadata: { name: 'web', uid: 'rs-uid' } };
  const dying = {
    kind: 'ReplicaSet',
    metadata: { name: 'web', uid: 'rs-uid', deletionTimestamp: toTimestamp(0) },
  };
  const mk = (name: string, ownerUid?: string, deleting = false): KObject => ({
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: name,
      deletionTimestamp: deleting ? toTimestamp(0) : undefined,
      ownerReferences: ownerUid
        ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: ownerUid, controller: true }]
        : undefined,
    },
  });
  const objs = [
    mk('owned-match', 'rs-uid'),
    mk('owned-nomatch', 'rs-uid'),
    mk('orphan-match'),
    mk('orphan-nomatch'),
    mk('orphan-match-deleting', undefined, true),
    mk('other-match', 'other'),
  ];
  const match = (o: KObject) => o.metadata!.name!.includes('-match');
  const run = (ctrl: KObject) => {
    const log: string[] = [];
    const r = claimObjects(ctrl, objs, match, {
      canAdopt: () => log.push('canAdopt'),
      adopt: (o) => log.push(`adopt ${o.metadata!.name}`),
      release: (o) => log.push(`release ${o.metadata!.name}`),
    });
    return { claimed: r.claimed.map((o) => o.metadata!.name), log };
  };
  assert.deepEqual(run(owner), {
    claimed: ['owned-match', 'orphan-match'],
    log: ['release owned-nomatch', 'canAdopt', 'adopt orphan-match'],
  });
  assert.deepEqual(run(dying), { claimed: ['owned-match'], log: [] });
});

test('failed pods are not active: a replacement is created and the failed pod is kept', () => {
  const { c } = setup();
  c.store.create(newRS('web', 2));
  c.settle();
  const [a] = podsOf(c);
  setPod(c, a.metadata.name, { node: 'node-1', phase: 'Failed' });
  c.settle();
  assert.equal(podsOf(c).length, 3);
  assert.equal(c.store.get<Pod>('Pod', 'default', a.metadata.name)?.status?.phase, 'Failed');
  assert.equal(rsOf(c).status?.replicas, 2);
  assert.equal(c.store.actions.filter((x) => x.verb === 'delete').length, 0);
});

test('terminating pods are not counted: a graceful delete is replaced at once', () => {
  const { c } = setup();
  c.store.create(newRS('web', 2));
  c.settle();
  const [a] = podsOf(c);
  setPod(c, a.metadata.name, { node: 'node-1', phase: 'Running', ready: true });
  c.store.delete('Pod', 'default', a.metadata.name, { actor: 'user' }); // grace 30 s
  c.settle();
  assert.equal(podsOf(c).length, 3);
  assert.ok(c.store.get<Pod>('Pod', 'default', a.metadata.name)?.metadata.deletionTimestamp);
  assert.equal(activePods(c).length, 2);
  assert.equal(rsOf(c).status?.replicas, 2);
  assert.equal(rsOf(c).status?.readyReplicas, undefined);
});

test('scale-down deletes by rank: unscheduled, then pending, then not ready; events SuccessfulDelete', () => {
  const { c } = setup();
  c.store.create(newRS('web', 5));
  c.settle();
  const names = podsOf(c).map((p) => p.metadata.name);
  // [0] unscheduled pending, [1] scheduled pending, [2] running not ready, [3] and [4] ready.
  setPod(c, names[1], { node: 'node-1', phase: 'Pending' });
  setPod(c, names[2], { node: 'node-1', phase: 'Running', ready: false });
  setPod(c, names[3], { node: 'node-2', phase: 'Running', ready: true });
  setPod(c, names[4], { node: 'node-3', phase: 'Running', ready: true });
  c.settle();
  const rs = rsOf(c);
  c.store.update({ ...rs, spec: { ...rs.spec!, replicas: 2 } });
  c.settle();
  const deletes = c.store.actions.filter((a) => a.verb === 'delete' && a.kind === 'Pod');
  assert.deepEqual(
    deletes.map((a) => a.name),
    [names[0], names[1], names[2]],
  );
  assert.deepEqual(
    events(c, rs).filter((e) => e.includes('Delete')),
    [names[0], names[1], names[2]].map((n) => `Normal SuccessfulDelete Deleted pod: ${n}`),
  );
  // The scheduled ones terminate gracefully (30 s), the unscheduled one is gone at once.
  assert.equal(c.store.get('Pod', 'default', names[0]), undefined);
  assert.ok(c.store.get<Pod>('Pod', 'default', names[1])?.metadata.deletionTimestamp);
  assert.deepEqual(
    activePods(c).map((p) => p.metadata.name),
    [names[3], names[4]].sort(),
  );
  assert.equal(rsOf(c).status?.replicas, 2);
});

test('scale-down prefers pods doubled up with the Deployment’s other ReplicaSets (related pods)', () => {
  const { c } = setup();
  const owner = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'deploy-uid', controller: true };
  const mk = (name: string, replicas: number) => {
    const rs = newRS(name, replicas, { labels: { tier: 'x' } });
    rs.metadata!.ownerReferences = [owner];
    return rs;
  };
  c.store.create(mk('new', 2));
  c.store.create(mk('old', 1));
  c.settle();
  const newPods = podsOf(c).filter((p) => p.metadata.labels?.app === 'new');
  const oldPod = podsOf(c).find((p) => p.metadata.labels?.app === 'old')!;
  // Both new pods Ready at the same time; the old ReplicaSet's pod shares node-2 with newPods[1]...
  setPod(c, newPods[0].metadata.name, { node: 'node-1', ready: true, readySince: 0 });
  setPod(c, newPods[1].metadata.name, { node: 'node-2', ready: true, readySince: 0 });
  setPod(c, oldPod.metadata.name, { node: 'node-2', ready: true, readySince: 0 });
  c.settle();
  const rs = rsOf(c, 'new');
  c.store.update({ ...rs, spec: { ...rs.spec!, replicas: 1 } });
  c.settle();
  const deleted = c.store.actions.filter((a) => a.verb === 'delete').map((a) => a.name);
  assert.deepEqual(deleted, [newPods[1].metadata.name]);

  // ...and with the roles swapped by node, the other one goes: the choice is the rank, not the name.
  const { c: c2 } = setup();
  c2.store.create(mk('new', 2));
  c2.store.create(mk('old', 1));
  c2.settle();
  const np = podsOf(c2).filter((p) => p.metadata.labels?.app === 'new');
  const op = podsOf(c2).find((p) => p.metadata.labels?.app === 'old')!;
  setPod(c2, np[0].metadata.name, { node: 'node-2', ready: true, readySince: 0 });
  setPod(c2, np[1].metadata.name, { node: 'node-1', ready: true, readySince: 0 });
  setPod(c2, op.metadata.name, { node: 'node-2', ready: true, readySince: 0 });
  c2.settle();
  const rs2 = rsOf(c2, 'new');
  c2.store.update({ ...rs2, spec: { ...rs2.spec!, replicas: 1 } });
  c2.settle();
  assert.deepEqual(
    c2.store.actions.filter((a) => a.verb === 'delete').map((a) => a.name),
    [np[0].metadata.name],
  );
});

test('status with minReadySeconds 10: Ready at 1 s, available at 11 s (requeue after minReadySeconds)', () => {
  const { c } = setup();
  c.store.create(newRS('web', 2, { minReadySeconds: 10 }));
  c.settle();
  c.advance(1000);
  for (const p of podsOf(c)) setPod(c, p.metadata.name, { node: 'node-1', ready: true });
  c.advance(4000); // t = 5 s
  assert.deepEqual(
    { ready: rsOf(c).status?.readyReplicas, available: rsOf(c).status?.availableReplicas },
    { ready: 2, available: undefined },
  );
  c.advance(5999); // t = 10.999 s
  assert.equal(rsOf(c).status?.availableReplicas, undefined);
  c.advance(1); // t = 11 s
  assert.equal(rsOf(c).status?.availableReplicas, 2);
  const availableAt = c.store.actions.find(
    (a) => a.verb === 'updateStatus' && (a.object as Stored<ReplicaSet>).status?.availableReplicas === 2,
  )?.time;
  assert.equal(availableAt, 11_000);
  c.settle();
  assert.equal(c.now, 11_000, 'nothing more is scheduled once all are available');
});

test('minReadySeconds with some pods never Ready: available after minReadySeconds + 1 s (update handler)', () => {
  const { c } = setup();
  c.store.create(newRS('web', 3, { minReadySeconds: 10 }));
  c.settle();
  c.advance(1000);
  const names = podsOf(c).map((p) => p.metadata.name);
  setPod(c, names[0], { node: 'node-1', ready: true });
  setPod(c, names[1], { node: 'node-1', ready: true });
  c.advance(10_500); // t = 11.5 s: available since 11 s, but nobody looked
  assert.equal(rsOf(c).status?.availableReplicas, undefined);
  c.advance(500); // t = 12 s
  assert.deepEqual(
    { ready: rsOf(c).status?.readyReplicas, available: rsOf(c).status?.availableReplicas },
    { ready: 2, available: 2 },
  );
});

test('minReadySeconds: a later Ready pod is still counted when its own requeue was merged away', () => {
  const { c } = setup();
  c.store.create(newRS('web', 3, { minReadySeconds: 10 }));
  c.settle();
  const names = podsOf(c).map((p) => p.metadata.name);
  c.advance(1000);
  setPod(c, names[0], { node: 'node-1', ready: true }); // requeue at 12 s
  c.advance(4000);
  setPod(c, names[1], { node: 'node-1', ready: true }); // its 16 s requeue loses to the 12 s one
  c.advance(7000); // t = 12 s
  assert.equal(rsOf(c).status?.availableReplicas, 1);
  c.advance(3999);
  assert.equal(rsOf(c).status?.availableReplicas, 1);
  c.advance(1); // t = 16 s
  assert.equal(rsOf(c).status?.availableReplicas, 2);
});

test('observedGeneration follows spec changes; a no-op sync writes nothing', () => {
  const { c } = setup();
  c.store.create(newRS('web', 1));
  c.settle();
  const rs = rsOf(c);
  c.store.update({ ...rs, spec: { ...rs.spec!, replicas: 2 } });
  c.settle();
  assert.equal(rsOf(c).metadata.generation, 2);
  assert.equal(rsOf(c).status?.observedGeneration, 2);
  const writes = c.store.actions.length;
  new ReplicaSetController(c).syncReplicaSet('default/web');
  assert.equal(c.store.actions.length, writes);
});

test('the claim cache stays exact through a large scale-up, scale-down and relabel', () => {
  const { c, rsc } = setup();
  assert.equal(rsc.verifyClaimCache, true);
  c.store.create(newRS('web', 2300));
  c.settle();
  assert.equal(rsOf(c).status?.replicas, 2300);
  const p = podsOf(c)[7];
  c.store.update<Pod>({ ...p, metadata: { ...p.metadata, labels: { app: 'x' } } });
  c.settle();
  const rs = rsOf(c);
  c.store.update({ ...rs, spec: { ...rs.spec!, replicas: 1000 } });
  c.settle();
  assert.equal(rsOf(c).status?.replicas, 1000);
  assert.equal(activePods(c).filter((x) => x.metadata.ownerReferences?.length).length, 1000);
});

test('a failing delete: ReplicaFailure FailedDelete, Warning FailedDelete, retried until it works', () => {
  const { c } = setup();
  c.store.create(newRS('web', 3));
  c.settle();
  const del = c.store.delete.bind(c.store);
  let failing = true;
  c.store.delete = ((
    kind: string,
    ns: string | undefined,
    name: string,
    opts?: Parameters<typeof del>[3],
  ) => {
    if (kind === 'Pod' && failing)
      throw new ApiError('Forbidden', `pods "${name}" is forbidden: denied by policy`);
    return del(kind, ns, name, opts);
  }) as typeof c.store.delete;
  const rs = rsOf(c);
  c.store.update({ ...rs, spec: { ...rs.spec!, replicas: 1 } });
  c.step();
  const cond = rsOf(c).status?.conditions?.[0];
  assert.equal(cond?.type, 'ReplicaFailure');
  assert.equal(cond?.reason, 'FailedDelete');
  assert.match(
    cond?.message ?? '',
    /^unable to delete pods: pods "web-[a-z0-9]{5}" is forbidden: denied by policy$/,
  );
  const warnings = events(c, rs).filter((e) => e.startsWith('Warning'));
  assert.equal(warnings.length, 2);
  assert.ok(warnings.every((w) => /^Warning FailedDelete Error deleting: pods "web-/.test(w)));
  failing = false;
  c.settle();
  assert.equal(activePods(c).length, 1);
  assert.equal(rsOf(c).status?.conditions, undefined);
});

test('a large scale-up walks the pods in full once; later syncs fold the pod events in', () => {
  const { c, rsc } = setup();
  rsc.verifyClaimCache = false;
  let walks = 0;
  const spied = rsc as unknown as { claimPods: (...a: unknown[]) => unknown };
  const claimPods = spied.claimPods.bind(rsc);
  spied.claimPods = (...a: unknown[]) => {
    walks++;
    return claimPods(...a);
  };
  c.store.create(newRS('web', 2300));
  c.settle();
  assert.equal(rsOf(c).status?.replicas, 2300);
  assert.equal(walks, 1);
  for (const p of podsOf(c).slice(0, 10)) setPod(c, p.metadata.name, { node: 'node-1', ready: true });
  c.settle();
  assert.equal(rsOf(c).status?.readyReplicas, 10);
  assert.equal(walks, 1, 'status updates of controlled pods are folded in');
  const p = podsOf(c)[20];
  c.store.delete('Pod', 'default', p.metadata.name);
  c.settle();
  assert.equal(walks, 2, 'a deletion sends the next sync back to the full walk');
  assert.equal(rsOf(c).status?.replicas, 2300);
});
