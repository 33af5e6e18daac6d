/**
 * The reconcile, driven through the store with the kubelet played by hand (Running + Ready set by
 * the test). Numbers and sequences from ../shared/spec/statefulset.md §5–§8.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types';
import {
  createReadySet,
  createdPods,
  deletePod,
  deletedPods,
  getPod,
  getSet,
  mark,
  newCluster,
  newStatefulSet,
  podAndClaimWrites,
  podNames,
  revisionOf,
  revisions,
  setImage,
  setPodStatus,
  setReady,
  setUnready,
  settleAllReady,
  updateSet,
  eventMessages,
} from './testing';
import { runForAll, slowStartBatch } from './stateful_set_control';

/** Holds a pod in Terminating, as the e2e tests do with a finalizer. */
function holdTerminating(c: ReturnType<typeof newCluster>, name: string): void {
  const p = getPod(c, name)!;
  c.store.update({ ...p, metadata: { ...p.metadata, finalizers: ['test/hold'] } }, { actor: 'user' });
}

function release(c: ReturnType<typeof newCluster>, name: string): void {
  const p = getPod(c, name)!;
  c.store.update({ ...p, metadata: { ...p.metadata, finalizers: [] } }, { actor: 'user' });
}

test('slowStartBatch runs batches of 1, 2, 4, … and stops after a batch with an error', () => {
  const calls: number[] = [];
  const r = slowStartBatch(1, 10, (i) => {
    calls.push(i);
    if (i === 4) throw new Error('boom');
    return true;
  });
  // Batches [0], [1,2], [3,4,5,6]: the error in the third batch stops before [7..9].
  assert.deepEqual(calls, [0, 1, 2, 3, 4, 5, 6]);
  assert.equal(r.successes, 6);
  assert.equal(r.error?.message, 'boom');
  const mono: number[] = [];
  assert.deepEqual(
    runForAll(5, (i) => (mono.push(i), i === 2), true),
    { exit: true },
  );
  assert.deepEqual(mono, [0, 1, 2]);
  assert.deepEqual(
    runForAll(5, () => true, false),
    { exit: false },
    'Parallel ignores shouldExit',
  );
});

test('OrderedReady scale up 0→3: one creation per sync, web-k+1 only after web-k is Running and Ready (§6.1)', () => {
  const c = newCluster();
  c.store.create(newStatefulSet('web', { replicas: 3, claims: ['www'] }), { actor: 'user' });
  c.settle();
  assert.deepEqual(podNames(c), ['web-0']);
  assert.deepEqual(podAndClaimWrites(c), ['create PersistentVolumeClaim www-web-0', 'create Pod web-0']);
  setPodStatus(c, 'web-0', 'Running', false);
  c.settle();
  assert.deepEqual(podNames(c), ['web-0'], 'Running but not Ready blocks');
  setReady(c, 'web-0');
  c.settle();
  assert.deepEqual(podNames(c), ['web-0', 'web-1']);
  setReady(c, 'web-1');
  c.settle();
  assert.deepEqual(podNames(c), ['web-0', 'web-1', 'web-2']);
  setReady(c, 'web-2');
  c.settle();
  assert.deepEqual(podAndClaimWrites(c), [
    'create PersistentVolumeClaim www-web-0',
    'create Pod web-0',
    'create PersistentVolumeClaim www-web-1',
    'create Pod web-1',
    'create PersistentVolumeClaim www-web-2',
    'create Pod web-2',
  ]);
  const set = getSet(c, 'web');
  const rev = set.status!.updateRevision!;
  assert.match(rev, /^web-[4-9bcdf]+$/);
  assert.deepEqual(set.status, {
    replicas: 3,
    availableReplicas: 3,
    observedGeneration: 1,
    readyReplicas: 3,
    currentReplicas: 3,
    updatedReplicas: 3,
    currentRevision: rev,
    updateRevision: rev,
    collisionCount: 0,
  });
  const pod = getPod(c, 'web-1')!;
  assert.deepEqual(pod.metadata.labels, {
    app: 'web',
    'controller-revision-hash': rev,
    'statefulset.kubernetes.io/pod-name': 'web-1',
    'apps.kubernetes.io/pod-index': '1',
  });
  assert.equal(pod.spec!.hostname, 'web-1');
  assert.equal(pod.spec!.subdomain, 'nginx');
  assert.deepEqual(pod.spec!.volumes, [
    { name: 'www', persistentVolumeClaim: { claimName: 'www-web-1', readOnly: false } },
  ]);
  assert.deepEqual(eventMessages(c, 'web').slice(0, 2), [
    'Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
    'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
  ]);
  const revs = revisions(c);
  assert.equal(revs.length, 1);
  assert.equal(revs[0].metadata.name, rev);
  assert.equal(revs[0].revision, 1);
});

test('status counts a pod from the sync after its creation; Terminating pods count in replicas and readyReplicas only', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3 }));
  holdTerminating(c, 'web-2');
  deletePod(c, 'web-2');
  c.settle();
  const s = getSet(c, 'web').status!;
  assert.equal(s.replicas, 3);
  assert.equal(s.readyReplicas, 3);
  assert.equal(s.currentReplicas, 2);
  assert.equal(s.updatedReplicas, 2);
  assert.equal(s.availableReplicas, 3);
});

test('spec.ordinals.start: pods web-5 … web-7, and scale-down removes the highest', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3, start: 5 }));
  assert.deepEqual(podNames(c), ['web-5', 'web-6', 'web-7']);
  assert.equal(getPod(c, 'web-5')!.metadata.labels!['apps.kubernetes.io/pod-index'], '5');
  updateSet(c, 'web', (s) => (s.spec!.ordinals = { start: 6 }));
  settleAllReady(c);
  assert.deepEqual(podNames(c), ['web-6', 'web-7', 'web-8']);
});

test('OrderedReady scale down 3→1: highest first, one at a time, each waits until the last is gone (§6.1 rule 4)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3 }));
  holdTerminating(c, 'web-2');
  const m = mark(c);
  updateSet(c, 'web', (s) => (s.spec!.replicas = 1));
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-2']);
  assert.ok(getPod(c, 'web-2')!.metadata.deletionTimestamp, 'web-2 Terminating blocks web-1');
  release(c, 'web-2');
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-2', 'web-1']);
  assert.deepEqual(podNames(c), ['web-0']);
  assert.ok(
    eventMessages(c, 'web').includes(
      'Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
    ),
  );
});

test('OrderedReady: an unhealthy in-range pod halts scale-down (§6.1 rule 3)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3 }));
  setUnready(c, 'web-0');
  const m = mark(c);
  updateSet(c, 'web', (s) => (s.spec!.replicas = 1));
  c.settle();
  assert.deepEqual(deletedPods(c, m), []);
  setReady(c, 'web-0');
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-2', 'web-1']);
});

test('OrderedReady: with every pod unhealthy, scale-down 3→0 halts with 3 pods (§14 rule 2)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3 }));
  for (const n of ['web-0', 'web-1', 'web-2']) setUnready(c, n);
  const m = mark(c);
  updateSet(c, 'web', (s) => (s.spec!.replicas = 0));
  c.settle();
  assert.deepEqual(deletedPods(c, m), []);
  assert.equal(podNames(c).length, 3);
  // Only the first unavailable condemned pod (web-0) may go while unhealthy, and web-2 is first in line.
  setReady(c, 'web-2');
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-2']);
  setReady(c, 'web-1');
  c.settle();
  assert.deepEqual(
    deletedPods(c, m),
    ['web-2', 'web-1', 'web-0'],
    'web-0 goes while unhealthy: it is the first unavailable',
  );
});

test('holes are refilled without waiting for higher ordinals (e2e "should not deadlock when a pod\'s predecessor fails")', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3 }));
  setUnready(c, 'web-2');
  const uid = getPod(c, 'web-0')!.metadata.uid;
  const m = mark(c);
  deletePod(c, 'web-0');
  c.settle();
  assert.deepEqual(createdPods(c, m), ['web-0']);
  assert.notEqual(getPod(c, 'web-0')!.metadata.uid, uid);
});

test('a Failed pod is deleted and recreated under the same name with a new uid (§14 rule 8)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2 }));
  const uid = getPod(c, 'web-1')!.metadata.uid;
  const m = mark(c);
  setPodStatus(c, 'web-1', 'Failed', false);
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-1']);
  assert.deepEqual(createdPods(c, m), ['web-1']);
  assert.notEqual(getPod(c, 'web-1')!.metadata.uid, uid);
  // Succeeded is handled the same way.
  const m2 = mark(c);
  setPodStatus(c, 'web-0', 'Succeeded', false);
  c.settle();
  assert.deepEqual(deletedPods(c, m2), ['web-0']);
  assert.deepEqual(createdPods(c, m2), ['web-0']);
});

test('Parallel: every missing pod in one sync, every condemned pod in one sync whatever its health (§6.2)', () => {
  const c = newCluster();
  c.store.create(newStatefulSet('web', { replicas: 3, podManagementPolicy: 'Parallel' }), { actor: 'user' });
  c.step();
  assert.deepEqual(podNames(c), ['web-0', 'web-1', 'web-2'], 'created in the first sync');
  c.settle();
  setReady(c, 'web-0');
  c.settle();
  const m = mark(c);
  updateSet(c, 'web', (s) => (s.spec!.replicas = 0));
  c.step();
  assert.deepEqual(deletedPods(c, m), ['web-2', 'web-1', 'web-0']);
});

test('Parallel: a Terminating condemned pod does not block the others', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 4, podManagementPolicy: 'Parallel' }));
  holdTerminating(c, 'web-3');
  const m = mark(c);
  deletePod(c, 'web-3');
  updateSet(c, 'web', (s) => (s.spec!.replicas = 1));
  c.settle();
  assert.deepEqual(
    deletedPods(c, m).filter((n) => n !== 'web-3'),
    ['web-2', 'web-1'],
  );
});

test('legacy rolling update: highest ordinal first, one deletion per sync, each waits for the last to be Ready (§6.4, §6.5)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3, claims: ['www'] }));
  const oldRev = getSet(c, 'web').status!.currentRevision!;
  const claimUid = c.store.get('PersistentVolumeClaim', 'default', 'www-web-2')!.metadata.uid;
  const m = mark(c);
  setImage(c, 'web', 'nginx:1.26');
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-2']);
  assert.deepEqual(createdPods(c, m), ['web-2']);
  let s = getSet(c, 'web');
  const newRev = s.status!.updateRevision!;
  assert.notEqual(newRev, oldRev);
  assert.equal(s.status!.currentRevision, oldRev);
  assert.equal(s.status!.observedGeneration, 2);
  assert.equal(revisionOf(getPod(c, 'web-2')), newRev);
  assert.equal(getPod(c, 'web-2')!.spec!.containers[0].image, 'nginx:1.26');
  assert.equal(
    c.store.get('PersistentVolumeClaim', 'default', 'www-web-2')!.metadata.uid,
    claimUid,
    'the claim survives the update and is reused',
  );
  setReady(c, 'web-2');
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-2', 'web-1']);
  setReady(c, 'web-1');
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-2', 'web-1', 'web-0']);
  s = getSet(c, 'web');
  assert.equal(s.status!.currentRevision, oldRev, 'current moves only when updated = ready = replicas');
  assert.equal(s.status!.currentReplicas ?? 0, 0);
  assert.equal(s.status!.updatedReplicas, 3, 'the recreated web-0 is Pending at the new revision');
  assert.equal(s.status!.readyReplicas, 2);
  setReady(c, 'web-0');
  c.settle();
  s = getSet(c, 'web');
  assert.equal(s.status!.currentRevision, newRev);
  assert.equal(s.status!.currentReplicas, 3);
  assert.equal(s.status!.updatedReplicas, 3);
});

test('partition 2 of 3: only web-2 is updated; a deleted web-0 comes back old, web-2 new (§6.3 canary)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3, partition: 2 }));
  const oldRev = getSet(c, 'web').status!.currentRevision!;
  const m = mark(c);
  setImage(c, 'web', 'nginx:1.26');
  settleAllReady(c);
  assert.deepEqual(deletedPods(c, m), ['web-2']);
  const s = getSet(c, 'web');
  const newRev = s.status!.updateRevision!;
  assert.deepEqual(
    ['web-0', 'web-1', 'web-2'].map((n) => revisionOf(getPod(c, n))),
    [oldRev, oldRev, newRev],
  );
  assert.equal(s.status!.currentRevision, oldRev);
  assert.equal(s.status!.currentReplicas, 2);
  assert.equal(s.status!.updatedReplicas, 1);
  deletePod(c, 'web-0');
  deletePod(c, 'web-2');
  settleAllReady(c);
  assert.deepEqual(
    ['web-0', 'web-2'].map((n) => revisionOf(getPod(c, n))),
    [oldRev, newRev],
  );
  // Lowering the partition continues the rollout down to it.
  updateSet(c, 'web', (x) => (x.spec!.updateStrategy!.rollingUpdate!.partition = 0));
  settleAllReady(c);
  assert.equal(getSet(c, 'web').status!.currentRevision, newRev);
});

test('partition 5 >= replicas 3→4: new pods are created at the current revision and none is updated', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3, partition: 5 }));
  const oldRev = getSet(c, 'web').status!.currentRevision!;
  const m = mark(c);
  setImage(c, 'web', 'nginx:1.26');
  updateSet(c, 'web', (s) => (s.spec!.replicas = 4));
  settleAllReady(c);
  assert.deepEqual(deletedPods(c, m), []);
  assert.equal(revisionOf(getPod(c, 'web-3')), oldRev);
});

test('rollback reuses the original ControllerRevision and bumps its .revision (§7, §14 rule 4)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2, image: 'nginx:1' }));
  const rev1 = getSet(c, 'web').status!.currentRevision!;
  setImage(c, 'web', 'nginx:2');
  settleAllReady(c);
  const rev2 = getSet(c, 'web').status!.currentRevision!;
  assert.notEqual(rev2, rev1);
  setImage(c, 'web', 'nginx:1');
  c.settle();
  const s = getSet(c, 'web');
  assert.equal(s.status!.updateRevision, rev1, 'updateRevision is the original name');
  const byName = new Map(revisions(c).map((r) => [r.metadata.name, r.revision]));
  assert.deepEqual(
    byName,
    new Map([
      [rev1, 3],
      [rev2, 2],
    ]),
  );
  settleAllReady(c);
  assert.equal(getSet(c, 'web').status!.currentRevision, rev1);
  assert.deepEqual(
    ['web-0', 'web-1'].map((n) => getPod(c, n)!.spec!.containers[0].image),
    ['nginx:1', 'nginx:1'],
  );
});

test('getStatefulSetRevisions sequence (TestStatefulSetControl_getSetRevisions)', () => {
  const c = newCluster();
  c.store.create(newStatefulSet('web', { replicas: 0, image: 'a' }), { actor: 'user' });
  c.settle();
  const rev1 = getSet(c, 'web').status!.updateRevision!;
  assert.equal(revisions(c).length, 1);
  assert.equal(getSet(c, 'web').status!.currentRevision, rev1);
  setImage(c, 'web', 'b');
  c.settle();
  const rev2 = getSet(c, 'web').status!.updateRevision!;
  assert.equal(revisions(c).length, 2);
  updateSet(c, 'web', (s) => (s.spec!.replicas = 0)); // same template again
  c.settle();
  assert.equal(revisions(c).length, 2);
  setImage(c, 'web', 'c');
  c.settle();
  const rev3 = getSet(c, 'web').status!.updateRevision!;
  assert.equal(revisions(c).find((r) => r.metadata.name === rev3)!.revision, 3);
  setImage(c, 'web', 'b');
  c.settle();
  assert.equal(revisions(c).length, 3);
  assert.equal(getSet(c, 'web').status!.updateRevision, rev2);
  assert.equal(revisions(c).find((r) => r.metadata.name === rev2)!.revision, 4);
});

test('a template label change is a new revision; replicas, partition, strategy and minReadySeconds are not', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 1 }));
  const rev = getSet(c, 'web').status!.updateRevision;
  updateSet(c, 'web', (s) => {
    s.spec!.replicas = 2;
    s.spec!.minReadySeconds = 1;
    s.spec!.updateStrategy = { type: 'OnDelete' };
    s.spec!.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Delete' };
  });
  c.settle();
  assert.equal(getSet(c, 'web').status!.updateRevision, rev);
  assert.equal(revisions(c).length, 1);
});

test('history is truncated to revisionHistoryLimit, keeping live revisions (TestStatefulSetControlLimitsHistory)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2, revisionHistoryLimit: 2 }));
  for (let i = 0; i < 6; i++) {
    setImage(c, 'web', `nginx:${i}`);
    settleAllReady(c);
    assert.ok(revisions(c).length <= 2 + 2, `round ${i}: ${revisions(c).length}`);
  }
  assert.equal(revisions(c).length, 3, 'limit 2 of history plus the live one');
  // A revision a pod still uses is live: OnDelete keeps web-0 at an old revision.
  updateSet(c, 'web', (s) => (s.spec!.updateStrategy = { type: 'OnDelete' }));
  const old = revisionOf(getPod(c, 'web-0'))!;
  for (let i = 10; i < 14; i++) {
    setImage(c, 'web', `nginx:${i}`);
    settleAllReady(c);
  }
  assert.ok(revisions(c).some((r) => r.metadata.name === old));
});

test('revisionHistoryLimit 0 keeps only live revisions', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 1, revisionHistoryLimit: 0 }));
  setImage(c, 'web', 'nginx:2');
  settleAllReady(c);
  c.settle();
  assert.deepEqual(
    revisions(c).map((r) => r.metadata.name),
    [getSet(c, 'web').status!.currentRevision],
  );
});

test('OnDelete: no update deletions; recreated pods get the update revision; currentRevision never moves (§6.7)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3, onDelete: true, image: 'nginx:1' }));
  const oldRev = getSet(c, 'web').status!.currentRevision!;
  const m = mark(c);
  setImage(c, 'web', 'nginx:2');
  updateSet(c, 'web', (s) => (s.spec!.replicas = 5));
  settleAllReady(c);
  assert.deepEqual(deletedPods(c, m), []);
  assert.deepEqual(
    podNames(c).map((n) => getPod(c, n)!.spec!.containers[0].image),
    ['nginx:1', 'nginx:1', 'nginx:1', 'nginx:2', 'nginx:2'],
  );
  deletePod(c, 'web-1');
  settleAllReady(c);
  assert.equal(getPod(c, 'web-1')!.spec!.containers[0].image, 'nginx:2');
  const s = getSet(c, 'web').status!;
  assert.equal(s.currentRevision, oldRev);
  assert.equal(s.currentReplicas, 2);
  assert.equal(s.updatedReplicas, 3);
  // 5→3 with another image change: every remaining pod keeps its image.
  setImage(c, 'web', 'nginx:3');
  updateSet(c, 'web', (x) => (x.spec!.replicas = 3));
  settleAllReady(c);
  assert.deepEqual(
    podNames(c).map((n) => getPod(c, n)!.spec!.containers[0].image),
    ['nginx:1', 'nginx:2', 'nginx:1'],
  );
  // Scale to 0 and back: every pod at the newest template.
  updateSet(c, 'web', (x) => (x.spec!.replicas = 0));
  settleAllReady(c);
  updateSet(c, 'web', (x) => (x.spec!.replicas = 3));
  settleAllReady(c);
  assert.deepEqual(
    podNames(c).map((n) => getPod(c, n)!.spec!.containers[0].image),
    ['nginx:3', 'nginx:3', 'nginx:3'],
  );
});

test('scaling happens before updating (§6.1 rule 5)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2 }));
  const m = mark(c);
  setImage(c, 'web', 'nginx:2');
  updateSet(c, 'web', (s) => (s.spec!.replicas = 3));
  c.settle();
  assert.deepEqual(createdPods(c, m), ['web-2']);
  assert.deepEqual(deletedPods(c, m), []);
  settleAllReady(c);
  assert.deepEqual(deletedPods(c, m), ['web-1', 'web-0']);
});

test('broken-rollout trap: OrderedReady wedges on a never-ready pod; reverting does not help; deleting it does (§6.5)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3, image: 'nginx:good' }));
  const good = getSet(c, 'web').status!.currentRevision!;
  setImage(c, 'web', 'nginx:broken');
  c.settle();
  setPodStatus(c, 'web-2', 'Pending', false); // ImagePullBackOff keeps it Pending
  c.settle();
  assert.equal(getPod(c, 'web-2')!.spec!.containers[0].image, 'nginx:broken');
  const m = mark(c);
  setImage(c, 'web', 'nginx:good');
  c.settle();
  assert.deepEqual(deletedPods(c, m), [], 'the bad pod is never deleted');
  assert.equal(getSet(c, 'web').status!.updateRevision, good);
  deletePod(c, 'web-2');
  settleAllReady(c);
  assert.equal(revisionOf(getPod(c, 'web-2')), good);
  assert.equal(getPod(c, 'web-2')!.spec!.containers[0].image, 'nginx:good');
});

test('broken rollout in Parallel: the bad pod is replaced automatically after the revert', () => {
  const c = newCluster();
  createReadySet(
    c,
    newStatefulSet('web', { replicas: 3, image: 'nginx:good', podManagementPolicy: 'Parallel' }),
  );
  const good = getSet(c, 'web').status!.currentRevision!;
  setImage(c, 'web', 'nginx:broken');
  c.settle();
  const m = mark(c);
  setImage(c, 'web', 'nginx:good');
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-2']);
  assert.equal(revisionOf(getPod(c, 'web-2')), good);
});

test('minReadySeconds: the next pod waits until the previous one is available; availableReplicas follows', () => {
  const c = newCluster();
  c.store.create(newStatefulSet('web', { replicas: 2, minReadySeconds: 10 }), { actor: 'user' });
  c.settle();
  c.advance(1000);
  setReady(c, 'web-0'); // Ready at t=1 s
  c.settle();
  assert.deepEqual(podNames(c), ['web-0', 'web-1'], 'available strictly after 1 s + 10 s');
  const created = c.store.actions.find((a) => a.verb === 'create' && a.kind === 'Pod' && a.name === 'web-1')!;
  assert.equal(created.time, 11_001);
  const s = getSet(c, 'web').status!;
  assert.equal(s.readyReplicas, 1);
  assert.equal(s.availableReplicas, 1);
});

test('minReadySeconds: status.availableReplicas is updated when the pod becomes available', () => {
  const c = newCluster();
  c.store.create(newStatefulSet('web', { replicas: 1, minReadySeconds: 5 }), { actor: 'user' });
  c.settle();
  setReady(c, 'web-0');
  c.advance(1000);
  assert.equal(getSet(c, 'web').status!.availableReplicas, 0);
  assert.equal(getSet(c, 'web').status!.readyReplicas, 1);
  c.settle();
  assert.equal(getSet(c, 'web').status!.availableReplicas, 1);
  assert.equal(c.now, 5001);
});

test('MaxUnavailableStatefulSet: 6 pods, partition 3, maxUnavailable 2 — OrderedReady (§6.6)', () => {
  const c = newCluster({ featureGates: { MaxUnavailableStatefulSet: true } });
  createReadySet(c, newStatefulSet('web', { replicas: 6, partition: 3, maxUnavailable: 2 }));
  const m = mark(c);
  setImage(c, 'web', 'nginx:2');
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-5', 'web-4'], 'first update sync deletes 5 and 4');
  assert.deepEqual(createdPods(c, m), ['web-4'], 'OrderedReady recreates 4 first');
  setReady(c, 'web-4');
  c.settle();
  assert.deepEqual(createdPods(c, m), ['web-4', 'web-5']);
  setReady(c, 'web-5');
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-5', 'web-4', 'web-3']);
  settleAllReady(c);
  assert.deepEqual(deletedPods(c, m), ['web-5', 'web-4', 'web-3'], 'nothing below the partition');
});

test('MaxUnavailableStatefulSet: Parallel recreates 4 and 5 together; with 4 Ready and 5 not, 3 goes next', () => {
  const c = newCluster({ featureGates: { MaxUnavailableStatefulSet: true } });
  createReadySet(
    c,
    newStatefulSet('web', { replicas: 6, partition: 3, maxUnavailable: 2, podManagementPolicy: 'Parallel' }),
  );
  const m = mark(c);
  setImage(c, 'web', 'nginx:2');
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-5', 'web-4']);
  assert.deepEqual(createdPods(c, m), ['web-4', 'web-5']);
  setReady(c, 'web-4');
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-5', 'web-4', 'web-3']);
});

test('MaxUnavailableStatefulSet: a Terminating pod below the partition uses the budget', () => {
  const c = newCluster({ featureGates: { MaxUnavailableStatefulSet: true } });
  createReadySet(
    c,
    newStatefulSet('web', { replicas: 4, partition: 2, maxUnavailable: 1, podManagementPolicy: 'Parallel' }),
  );
  holdTerminating(c, 'web-0');
  deletePod(c, 'web-0');
  const m = mark(c);
  setImage(c, 'web', 'nginx:2');
  c.settle();
  assert.deepEqual(deletedPods(c, m), []);
  release(c, 'web-0');
  settleAllReady(c);
  assert.deepEqual(deletedPods(c, m), ['web-3', 'web-2']);
});

test('legacy path with the gate off ignores maxUnavailable: one pod at a time', () => {
  const c = newCluster();
  createReadySet(
    c,
    newStatefulSet('web', { replicas: 4, maxUnavailable: 3, podManagementPolicy: 'Parallel' }),
  );
  const m = mark(c);
  setImage(c, 'web', 'nginx:2');
  c.settle();
  assert.deepEqual(deletedPods(c, m), ['web-3']);
});

test('a pod missing its identity label or claim volume is repaired in place (UpdateStatefulPod)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 1, claims: ['www'] }));
  const p = getPod(c, 'web-0')!;
  const labels = { ...p.metadata.labels };
  delete labels['statefulset.kubernetes.io/pod-name'];
  c.store.update({ ...p, metadata: { ...p.metadata, labels } }, { actor: 'user' });
  c.settle();
  const fixed = getPod(c, 'web-0')!;
  assert.equal(fixed.metadata.uid, p.metadata.uid);
  assert.equal(fixed.metadata.labels!['statefulset.kubernetes.io/pod-name'], 'web-0');
  assert.ok(
    eventMessages(c, 'web').includes(
      'Normal SuccessfulUpdate update Pod web-0 in StatefulSet web successful',
    ),
  );
});

test('a set being deleted only gets status: no pods are created or deleted', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2 }));
  c.store.delete('StatefulSet', 'default', 'web', { actor: 'user', propagationPolicy: 'Foreground' });
  const m = mark(c);
  deletePod(c, 'web-1');
  c.settle();
  assert.deepEqual(createdPods(c, m), []);
  assert.equal(getSet(c, 'web').status!.replicas, 1);
});

test('a pod creation failure records FailedCreate with the API error and retries with back-off', () => {
  const c = newCluster();
  const create = c.store.create.bind(c.store);
  let fail = 2;
  c.store.create = ((obj: Pod, opts: Parameters<typeof create>[1]) => {
    if (obj.kind === 'Pod' && fail-- > 0) throw new Error('admission webhook denied the request');
    return create(obj, opts);
  }) as typeof c.store.create;
  c.store.create(newStatefulSet('web', { replicas: 1 }), { actor: 'user' });
  c.settle();
  assert.deepEqual(podNames(c), ['web-0']);
  const events = eventMessages(c, 'web');
  assert.ok(
    events.includes(
      'Warning FailedCreate create Pod web-0 in StatefulSet web failed error: admission webhook denied the request',
    ),
    events.join('\n'),
  );
  assert.ok(c.runtime.errors.length >= 2);
});

test('Terminating in-range pod blocks OrderedReady progress until it is removed (§14 rule 1)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 2 }));
  holdTerminating(c, 'web-0');
  deletePod(c, 'web-0');
  const m = mark(c);
  updateSet(c, 'web', (s) => (s.spec!.replicas = 3));
  c.settle();
  assert.deepEqual(createdPods(c, m), []);
  release(c, 'web-0');
  settleAllReady(c);
  assert.deepEqual(createdPods(c, m), ['web-0', 'web-2']);
});

test('each readiness change of a pod is enough to progress: no periodic resync needed', () => {
  const c = newCluster();
  c.store.create(newStatefulSet('web', { replicas: 3 }), { actor: 'user' });
  c.settle();
  const order: string[] = [];
  for (const n of ['web-0', 'web-1', 'web-2']) {
    assert.ok(getPod(c, n), `${n} exists`);
    order.push(n);
    setReady(c, n);
    c.settle();
  }
  assert.deepEqual(order, ['web-0', 'web-1', 'web-2']);
  assert.ok(c.runtime.isSettled());
});

test('pods are not touched when the set is unchanged and healthy (steady state)', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 3, claims: ['www'] }));
  const m = mark(c);
  updateSet(c, 'web', (s) => (s.metadata!.labels = { touched: 'yes' }));
  c.settle();
  assert.deepEqual(
    c.store.actions
      .filter((a) => a.seq > m && a.actor === 'statefulset-controller')
      .map((a) => `${a.verb} ${a.kind}`),
    [],
  );
});

test('status is not rewritten when nothing changed', () => {
  const c = newCluster();
  createReadySet(c, newStatefulSet('web', { replicas: 1 }));
  const rv = getSet(c, 'web').metadata.resourceVersion;
  const p: Pod = getPod(c, 'web-0')!;
  c.store.update({ ...p, metadata: { ...p.metadata, annotations: { x: 'y' } } }, { actor: 'user' });
  c.settle();
  assert.equal(getSet(c, 'web').metadata.resourceVersion, rv);
});
