import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types';
import { toTimestamp } from '../../api/time';
import { newStatefulSet } from './testing';
import {
  applyRevision,
  completeRollingUpdate,
  ComputedStatus,
  getParentNameAndOrdinal,
  getPatch,
  getPersistentVolumeClaimName,
  getPersistentVolumeClaims,
  getStatefulSetMaxUnavailable,
  identityMatches,
  inconsistentStatus,
  isClaimOwnerUpToDate,
  isRunningAndAvailable,
  isUnavailable,
  newStatefulSetPod,
  newVersionedStatefulSetPod,
  storageMatches,
  toStatefulSetStatus,
  updateClaimOwnerRefForSetAndPod,
  updateIdentity,
  updateStorage,
  updateStrategyOf,
} from './utils';

const withUid = (set: StatefulSet, uid = 'set-uid'): StatefulSet => ({
  ...set,
  metadata: { ...set.metadata, uid },
});

test('getParentNameAndOrdinal: greedy parent, -1 without an ordinal (TestGetParentNameAndOrdinal)', () => {
  const cases: [string, string, number][] = [
    ['web-0', 'web', 0],
    ['web-12', 'web', 12],
    ['my-web-0', 'my-web', 0],
    ['1-bar', '', -1],
    ['web', '', -1],
    ['web-', '', -1],
    ['web-99999999999', 'web', -1],
  ];
  for (const [name, parent, ordinal] of cases)
    assert.deepEqual(getParentNameAndOrdinal(name), { parent, ordinal }, name);
});

test('claim names are <template>-<set>-<ordinal> (datadir, ss, 0 → datadir-ss-0)', () => {
  const set = newStatefulSet('ss', { claims: ['datadir'] });
  assert.equal(getPersistentVolumeClaimName(set, set.spec!.volumeClaimTemplates![0], 0), 'datadir-ss-0');
  const long = newStatefulSet('my-set', { claims: ['volume'] });
  assert.equal(getPersistentVolumeClaimName(long, long.spec!.volumeClaimTemplates![0], 2), 'volume-my-set-2');
});

test('newStatefulSetPod: name, labels, hostname/subdomain, claim volumes, controllerRef (§3)', () => {
  const set = withUid(newStatefulSet('web', { claims: ['www'], serviceName: 'nginx' }));
  set.spec!.template.spec!.volumes = [
    { name: 'www', emptyDir: {} },
    { name: 'config', configMap: { name: 'cfg' } },
  ];
  set.spec!.template.metadata!.annotations = { a: 'b' };
  const pod = newStatefulSetPod(set, 1, true);
  assert.equal(pod.metadata!.name, 'web-1');
  assert.equal(pod.metadata!.namespace, 'default');
  assert.equal(pod.metadata!.generateName, undefined);
  assert.deepEqual(pod.metadata!.labels, {
    app: 'web',
    'statefulset.kubernetes.io/pod-name': 'web-1',
    'apps.kubernetes.io/pod-index': '1',
  });
  assert.deepEqual(pod.metadata!.annotations, { a: 'b' });
  assert.deepEqual(pod.metadata!.ownerReferences, [
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      name: 'web',
      uid: 'set-uid',
      controller: true,
      blockOwnerDeletion: true,
    },
  ]);
  assert.equal(pod.spec!.hostname, 'web-1');
  assert.equal(pod.spec!.subdomain, 'nginx');
  assert.deepEqual(pod.spec!.volumes, [
    { name: 'www', persistentVolumeClaim: { claimName: 'www-web-1', readOnly: false } },
    { name: 'config', configMap: { name: 'cfg' } },
  ]);
  assert.ok(identityMatches(set, pod));
  assert.ok(storageMatches(set, pod));
});

test('newStatefulSetPod: no pod-index label with PodIndexLabel off; no subdomain without serviceName', () => {
  const set = newStatefulSet('web', { serviceName: '' });
  const pod = newStatefulSetPod(set, 0, false);
  assert.equal(pod.metadata!.labels!['apps.kubernetes.io/pod-index'], undefined);
  assert.equal(pod.spec!.hostname, 'web-0');
  assert.equal(pod.spec!.subdomain, undefined);
});

test('identityMatches and storageMatches fail on wrong names, namespaces, labels and claims', () => {
  const set = newStatefulSet('web', { claims: ['www'] });
  const good = newStatefulSetPod(set, 0, true);
  const variants: [string, (p: Pod) => void, boolean, boolean][] = [
    ['ok', () => {}, true, true],
    ['other namespace', (p) => (p.metadata!.namespace = 'other'), false, true],
    [
      'no pod-name label',
      (p) => delete p.metadata!.labels!['statefulset.kubernetes.io/pod-name'],
      false,
      true,
    ],
    [
      'wrong pod-name label',
      (p) => (p.metadata!.labels!['statefulset.kubernetes.io/pod-name'] = 'web-1'),
      false,
      true,
    ],
    ['no volumes', (p) => (p.spec!.volumes = []), true, false],
    ['wrong claim', (p) => (p.spec!.volumes![0].persistentVolumeClaim!.claimName = 'www-web-1'), true, false],
    ['volume not a claim', (p) => (p.spec!.volumes = [{ name: 'www', emptyDir: {} }]), true, false],
  ];
  for (const [what, mutate, identity, storage] of variants) {
    const p = structuredClone(good);
    mutate(p);
    assert.equal(identityMatches(set, p), identity, `${what}: identity`);
    assert.equal(storageMatches(set, p), storage, `${what}: storage`);
  }
  const stranger = structuredClone(good);
  stranger.metadata!.name = 'xweb-0';
  assert.equal(identityMatches(set, stranger), false);
});

test('updateIdentity and updateStorage repair a pod in place', () => {
  const set = newStatefulSet('web', { claims: ['www'] });
  const p = newStatefulSetPod(set, 2, true);
  delete p.metadata!.labels!['statefulset.kubernetes.io/pod-name'];
  p.spec!.volumes = [{ name: 'scratch', emptyDir: {} }];
  updateIdentity(set, p, true);
  updateStorage(set, p);
  assert.ok(identityMatches(set, p));
  assert.ok(storageMatches(set, p));
  assert.deepEqual(
    p.spec!.volumes!.map((v) => v.name),
    ['www', 'scratch'],
  );
});

test('claims: template labels with selector matchLabels merged over them (§9.1)', () => {
  const set = newStatefulSet('web', { claims: ['www', 'logs'] });
  set.spec!.volumeClaimTemplates![1].metadata!.labels = undefined;
  set.spec!.volumeClaimTemplates![0].metadata!.labels = { tier: 'data', app: 'other' };
  const claims = getPersistentVolumeClaims(set, newStatefulSetPod(set, 3, true));
  assert.deepEqual([...claims.keys()], ['www', 'logs']);
  const www = claims.get('www')!;
  assert.equal(www.metadata!.name, 'www-web-3');
  assert.equal(www.metadata!.namespace, 'default');
  assert.deepEqual(www.metadata!.labels, { tier: 'data', app: 'web' });
  assert.deepEqual(claims.get('logs')!.metadata!.labels, { app: 'web' });
  assert.deepEqual(www.spec, { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
});

test('updateStrategyOf applies SetDefaults_StatefulSet (§1)', () => {
  const cases: [StatefulSet['spec'], unknown][] = [
    [
      { serviceName: '', selector: {}, template: {} },
      { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    ],
    [
      { serviceName: '', selector: {}, template: {}, updateStrategy: { type: 'RollingUpdate' } },
      { type: 'RollingUpdate' },
    ],
    [
      {
        serviceName: '',
        selector: {},
        template: {},
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } },
      },
      { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 2 } },
    ],
    [
      { serviceName: '', selector: {}, template: {}, updateStrategy: { type: 'OnDelete' } },
      { type: 'OnDelete' },
    ],
  ];
  for (const [spec, want] of cases) assert.deepEqual(updateStrategyOf({ spec } as StatefulSet), want);
});

test('newVersionedStatefulSetPod picks the revision of §6.3', () => {
  const base = (o: Parameters<typeof newStatefulSet>[1]) => {
    const s = newStatefulSet('web', o);
    s.status = { replicas: 3, currentReplicas: 2 };
    return s;
  };
  const rev = (s: StatefulSet, ord: number) =>
    newVersionedStatefulSetPod(s, s, 'web-old', 'web-new', ord, true).metadata!.labels![
      'controller-revision-hash'
    ];
  // Partition 2: ordinals 0, 1 old; 2 new (the canary e2e).
  assert.deepEqual(
    [0, 1, 2].map((o) => rev(base({ partition: 2 }), o)),
    ['web-old', 'web-old', 'web-new'],
  );
  // Partition >= replicas: every new pod at the current revision.
  assert.deepEqual(
    [0, 1, 2].map((o) => rev(base({ partition: 3 }), o)),
    ['web-old', 'web-old', 'web-old'],
  );
  // OnDelete: always the update revision.
  assert.deepEqual(
    [0, 1, 2].map((o) => rev(base({ onDelete: true }), o)),
    ['web-new', 'web-new', 'web-new'],
  );
  // RollingUpdate with rollingUpdate nil: below start + status.currentReplicas (2) → current.
  assert.deepEqual(
    [0, 1, 2].map((o) => rev(base({ rollingUpdateNil: true }), o)),
    ['web-old', 'web-old', 'web-new'],
  );
  // Start ordinal 5, partition 1: ordinal 5 old, 6 new.
  assert.deepEqual(
    [5, 6].map((o) => rev(base({ partition: 1, start: 5 }), o)),
    ['web-old', 'web-new'],
  );
});

test('newVersionedStatefulSetPod takes the template of the chosen revision', () => {
  const cur = newStatefulSet('web', { partition: 1, image: 'nginx:1' });
  const upd = newStatefulSet('web', { partition: 1, image: 'nginx:2' });
  const image = (ord: number) =>
    newVersionedStatefulSetPod(cur, upd, 'a', 'b', ord, true).spec!.containers[0].image;
  assert.deepEqual([image(0), image(1)], ['nginx:1', 'nginx:2']);
});

test('getStatefulSetMaxUnavailable (TestGetStatefulSetMaxUnavailable)', () => {
  const cases: [number | string | undefined, number, number][] = [
    [undefined, 10, 1],
    [3, 10, 3],
    [3, 0, 3],
    [0, 0, 1],
    ['10%', 25, 2],
    ['100%', 5, 5],
    ['50%', 5, 2],
    ['10%', 5, 1],
  ];
  for (const [mu, replicas, want] of cases)
    assert.equal(getStatefulSetMaxUnavailable(mu, replicas), want, `${mu}/${replicas}`);
});

test('isRunningAndAvailable: Ready at 10 s with minReadySeconds 10 is available strictly after 20 s', () => {
  const pod: Pod = {
    metadata: { name: 'web-0' },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: toTimestamp(10_000) }],
    },
  };
  assert.equal(isRunningAndAvailable(pod, 0, 10_000), true);
  assert.equal(isRunningAndAvailable(pod, 10, 19_999), false);
  assert.equal(isRunningAndAvailable(pod, 10, 20_000), false);
  assert.equal(isRunningAndAvailable(pod, 10, 20_001), true);
  assert.equal(
    isUnavailable({ ...pod, metadata: { name: 'web-0', deletionTimestamp: toTimestamp(0) } }, 0, 0),
    true,
  );
  assert.equal(isUnavailable({ ...pod, status: { ...pod.status, phase: 'Pending' } }, 0, 30_000), true);
});

function claimWith(
  refs: { kind: 'StatefulSet' | 'Pod'; name: string; uid: string; controller?: boolean }[],
): PersistentVolumeClaim {
  return {
    metadata: {
      name: 'www-web-0',
      ownerReferences: refs.map((r) => ({
        apiVersion: r.kind === 'Pod' ? 'v1' : 'apps/v1',
        kind: r.kind,
        name: r.name,
        uid: r.uid,
        controller: r.controller ?? true,
        blockOwnerDeletion: true,
      })),
    },
  };
}

test('isClaimOwnerUpToDate: the retention matrix of §9.4 (TestIsClaimOwnerUpToDate)', () => {
  const setRef = { kind: 'StatefulSet' as const, name: 'web', uid: 'set-uid' };
  const podRef = { kind: 'Pod' as const, name: 'web-0', uid: 'pod-uid' };
  const pod: Pod = { metadata: { name: 'web-0', uid: 'pod-uid' } };
  // [whenScaled, whenDeleted, scaled down, refs, up to date]
  const cases: [string, string, boolean, (typeof setRef | typeof podRef)[], boolean][] = [
    ['Retain', 'Retain', false, [], true],
    ['Retain', 'Retain', false, [setRef], false],
    ['Retain', 'Retain', true, [podRef], false],
    ['Retain', 'Delete', false, [setRef], true],
    ['Retain', 'Delete', false, [], false],
    ['Retain', 'Delete', true, [setRef], true],
    ['Retain', 'Delete', true, [setRef, podRef], false],
    ['Delete', 'Retain', false, [], true],
    ['Delete', 'Retain', false, [podRef], false],
    ['Delete', 'Retain', true, [podRef], true],
    ['Delete', 'Retain', true, [], false],
    ['Delete', 'Retain', true, [setRef, podRef], false],
    ['Delete', 'Delete', false, [setRef], true],
    ['Delete', 'Delete', false, [setRef, podRef], false],
    ['Delete', 'Delete', true, [podRef], true],
    ['Delete', 'Delete', true, [setRef, podRef], false],
  ];
  for (const [whenScaled, whenDeleted, scaledDown, refs, want] of cases) {
    const set = withUid(
      newStatefulSet('web', {
        replicas: scaledDown ? 0 : 1,
        whenScaled: whenScaled as 'Retain',
        whenDeleted: whenDeleted as 'Retain',
      }),
    );
    assert.equal(
      isClaimOwnerUpToDate(claimWith(refs), set, pod),
      want,
      `${whenScaled}/${whenDeleted} scaledDown=${scaledDown} refs=${refs.map((r) => r.kind)}`,
    );
  }
});

test('isClaimOwnerUpToDate: stale refs and foreign controllers leave the claim alone', () => {
  const set = withUid(newStatefulSet('web', { replicas: 0, whenScaled: 'Delete' }));
  const pod: Pod = { metadata: { name: 'web-0', uid: 'pod-uid' } };
  assert.equal(isClaimOwnerUpToDate(claimWith([{ kind: 'Pod', name: 'web-0', uid: 'old' }]), set, pod), true);
  assert.equal(
    isClaimOwnerUpToDate(claimWith([{ kind: 'StatefulSet', name: 'other', uid: 'x' }]), set, pod),
    true,
  );
  assert.equal(
    isClaimOwnerUpToDate(
      claimWith([
        { kind: 'StatefulSet', name: 'other', uid: 'x' },
        { kind: 'Pod', name: 'web-0', uid: 'pod-uid' },
      ]),
      set,
      pod,
    ),
    false,
  );
  assert.equal(
    isClaimOwnerUpToDate(
      claimWith([{ kind: 'Pod', name: 'web-0', uid: 'pod-uid', controller: false }]),
      set,
      pod,
    ),
    false,
  );
});

test('updateClaimOwnerRefForSetAndPod writes the refs of the §9.4 table', () => {
  const pod: Pod = { metadata: { name: 'web-0', uid: 'pod-uid' } };
  const kinds = (c: PersistentVolumeClaim) =>
    (c.metadata!.ownerReferences ?? []).map((r) => `${r.kind}/${r.uid}`);
  const cases: [string, string, boolean, string[]][] = [
    ['Retain', 'Retain', false, []],
    ['Retain', 'Delete', false, ['StatefulSet/set-uid']],
    ['Retain', 'Delete', true, ['StatefulSet/set-uid']],
    ['Delete', 'Retain', false, []],
    ['Delete', 'Retain', true, ['Pod/pod-uid']],
    ['Delete', 'Delete', false, ['StatefulSet/set-uid']],
    ['Delete', 'Delete', true, ['Pod/pod-uid']],
  ];
  for (const [whenScaled, whenDeleted, scaledDown, want] of cases) {
    const set = withUid(
      newStatefulSet('web', {
        replicas: scaledDown ? 0 : 1,
        whenScaled: whenScaled as 'Retain',
        whenDeleted: whenDeleted as 'Retain',
      }),
    );
    const claim = claimWith([{ kind: 'StatefulSet', name: 'web', uid: 'set-uid' }]);
    updateClaimOwnerRefForSetAndPod(claim, set, pod);
    assert.deepEqual(kinds(claim), want, `${whenScaled}/${whenDeleted} scaledDown=${scaledDown}`);
    assert.ok(isClaimOwnerUpToDate(claim, set, pod));
  }
  // A foreign controller: our refs are scrubbed and none added.
  const set = withUid(newStatefulSet('web', { replicas: 1, whenDeleted: 'Delete' }));
  const claim = claimWith([
    { kind: 'StatefulSet', name: 'other', uid: 'x' },
    { kind: 'StatefulSet', name: 'web', uid: 'set-uid' },
  ]);
  updateClaimOwnerRefForSetAndPod(claim, set, pod);
  assert.deepEqual(kinds(claim), ['StatefulSet/x']);
});

test('getPatch and applyRevision: a revision holds only the template, with $patch replace', () => {
  const set = newStatefulSet('web', { image: 'nginx:1' });
  const patch = getPatch(set);
  assert.equal(patch.spec.template.$patch, 'replace');
  assert.deepEqual(Object.keys(patch), ['spec']);
  assert.deepEqual(Object.keys(patch.spec), ['template']);
  const changed = newStatefulSet('web', { image: 'nginx:2', replicas: 7 });
  const restored = applyRevision(changed, { revision: 1, data: patch });
  assert.equal(restored.spec!.template.spec!.containers[0].image, 'nginx:1');
  assert.equal(restored.spec!.replicas, 7, 'everything but the template is the set’s own');
  assert.equal((restored.spec!.template as { $patch?: string }).$patch, undefined);
  assert.equal(changed.spec!.template.spec!.containers[0].image, 'nginx:2', 'the input is not mutated');
});

test('completeRollingUpdate moves currentRevision only when updated = ready = replicas = spec.replicas', () => {
  const mk = (updated: number, ready: number, replicas: number): ComputedStatus => ({
    observedGeneration: 2,
    replicas,
    readyReplicas: ready,
    currentReplicas: 3 - updated,
    updatedReplicas: updated,
    availableReplicas: ready,
    currentRevision: 'web-a',
    updateRevision: 'web-b',
    collisionCount: 0,
  });
  const set = newStatefulSet('web');
  const cases: [number, number, number, string][] = [
    [3, 3, 3, 'web-b'],
    [2, 3, 3, 'web-a'],
    [3, 2, 3, 'web-a'],
    [3, 3, 4, 'web-a'],
  ];
  for (const [u, r, n, want] of cases) {
    const s = mk(u, r, n);
    completeRollingUpdate(set, s);
    assert.equal(s.currentRevision, want, `${u}/${r}/${n}`);
    if (want === 'web-b') assert.equal(s.currentReplicas, 3);
  }
  const onDelete = mk(3, 3, 3);
  completeRollingUpdate(newStatefulSet('web', { onDelete: true }), onDelete);
  assert.equal(onDelete.currentRevision, 'web-a', 'never under OnDelete');
});

test('inconsistentStatus ignores collisionCount; the status serialises with omitempty', () => {
  const set = newStatefulSet('web');
  const s: ComputedStatus = {
    observedGeneration: 1,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision: 'web-a',
    updateRevision: 'web-a',
    collisionCount: 0,
  };
  assert.equal(inconsistentStatus(set, s), true);
  set.status = toStatefulSetStatus(s);
  assert.deepEqual(set.status, {
    replicas: 0,
    availableReplicas: 0,
    observedGeneration: 1,
    currentRevision: 'web-a',
    updateRevision: 'web-a',
    collisionCount: 0,
  });
  assert.equal(inconsistentStatus(set, { ...s, collisionCount: 1 }), false);
  assert.equal(inconsistentStatus(set, { ...s, availableReplicas: 1 }), true);
});
