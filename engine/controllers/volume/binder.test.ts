import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster, Cluster } from '../../cluster';
import type { Event, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../api/types';
import { createPersistentVolumeController, defaultStorageClass, persistentVolumeController } from '.';
import { pv, pvc, storageClass } from './testutil';

function cluster(opts: { defaultClass?: boolean; delay?: number } = {}): Cluster {
  return createCluster({
    controllers: [
      createPersistentVolumeController({
        defaultStorageClass: opts.defaultClass ?? true,
        provisionDelayMs: opts.delay,
      }),
    ],
  });
}

const getPVC = (c: Cluster, name: string) =>
  c.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name);
const getPV = (c: Cluster, name: string) =>
  c.store.get<PersistentVolume>('PersistentVolume', undefined, name);

function events(c: Cluster, name: string): string[] {
  return c.store
    .list<Event>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject?.name === name)
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
}

test('a fresh cluster has the default StorageClass standard, which a scenario may delete', () => {
  const c = createCluster({ controllers: [persistentVolumeController] });
  const sc = c.store.get<StorageClass>('StorageClass', undefined, 'standard');
  assert.ok(sc);
  assert.equal(sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'], 'true');
  assert.equal(sc.provisioner, 'k8s.io/minikube-hostpath');
  assert.equal(sc.volumeBindingMode, 'Immediate');
  assert.equal(sc.reclaimPolicy, 'Delete');
  c.store.delete('StorageClass', undefined, 'standard');
  c.settle();
  assert.equal(c.store.get('StorageClass', undefined, 'standard'), undefined);
});

test('defaultStorageClass (admission): only a claim without storageClassName gets the newest default', () => {
  const c = cluster({ defaultClass: false });
  const cases: { name: string; cls: string | null; want: string | undefined }[] = [
    { name: 'nil', cls: null, want: undefined },
    { name: 'empty', cls: '', want: '' },
    { name: 'explicit', cls: 'fast', want: 'fast' },
  ];
  for (const k of cases) {
    const claim = pvc(k.name, { cls: k.cls });
    defaultStorageClass(c.store, claim);
    assert.equal(claim.spec?.storageClassName, k.want, `${k.name} without a default class`);
  }
  c.store.create(storageClass('old-default', { isDefault: true }));
  c.advance(2000);
  c.store.create(storageClass('new-default', { isDefault: true }));
  for (const k of cases) {
    const claim = pvc(k.name, { cls: k.cls });
    defaultStorageClass(c.store, claim);
    assert.equal(claim.spec?.storageClassName, k.cls ?? 'new-default', k.name);
  }
});

test('static binding: the smallest fitting volume of the class wins, ties go to the first name', () => {
  const c = cluster({ defaultClass: false });
  c.store.create(pv('pv-c', { cls: 'manual', size: '2Gi' }));
  c.store.create(pv('pv-a', { cls: 'manual', size: '5Gi' }));
  c.store.create(pv('pv-b', { cls: 'manual', size: '2Gi' }));
  c.store.create(pv('pv-small', { cls: 'manual', size: '500Mi' }));
  c.store.create(pv('pv-other-class', { cls: 'other', size: '1Gi' }));
  c.store.create(pvc('data', { cls: 'manual', size: '1Gi' }));
  c.settle();
  const claim = getPVC(c, 'data')!;
  assert.equal(claim.spec?.volumeName, 'pv-b');
  assert.equal(claim.status?.phase, 'Bound');
  assert.deepEqual(claim.status?.capacity, { storage: '2Gi' });
  assert.deepEqual(claim.status?.accessModes, ['ReadWriteOnce']);
  assert.equal(claim.metadata.annotations?.['pv.kubernetes.io/bind-completed'], 'yes');
  assert.equal(claim.metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
  const vol = getPV(c, 'pv-b')!;
  assert.equal(vol.status?.phase, 'Bound');
  assert.equal(vol.spec?.claimRef?.name, 'data');
  assert.equal(vol.spec?.claimRef?.uid, claim.metadata.uid);
  assert.equal(vol.spec?.claimRef?.kind, 'PersistentVolumeClaim');
  assert.equal(vol.metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
  assert.ok(vol.status?.lastPhaseTransitionTime);
  for (const other of ['pv-a', 'pv-c', 'pv-small', 'pv-other-class'])
    assert.equal(getPV(c, other)!.status?.phase, 'Available', other);
  // Binding takes no time, and writes the volume before the claim.
  assert.equal(c.now, 0);
  const writes = c.store.actions
    .filter(
      (a) => a.actor === 'persistentvolume-binder-controller' && (a.name === 'pv-b' || a.name === 'data'),
    )
    .map((a) => `${a.verb} ${a.kind}`);
  assert.deepEqual(writes.slice(-4), [
    'update PersistentVolume',
    'updateStatus PersistentVolume',
    'update PersistentVolumeClaim',
    'updateStatus PersistentVolumeClaim',
  ]);
});

test('static binding: access modes, selector and volumeMode must match; fewest extra modes first', () => {
  const cases: {
    name: string;
    claim: Parameters<typeof pvc>[1];
    volumes: Parameters<typeof pv>[];
    want?: string;
  }[] = [
    {
      name: 'an RWO volume beats a smaller RWO+ROX one',
      claim: { cls: 'm', modes: ['ReadWriteOnce'] },
      volumes: [
        ['multi', { cls: 'm', size: '1Gi', modes: ['ReadWriteOnce', 'ReadOnlyMany'] }],
        ['single', { cls: 'm', size: '10Gi', modes: ['ReadWriteOnce'] }],
      ],
      want: 'single',
    },
    {
      name: 'RWX needs a volume offering RWX',
      claim: { cls: 'm', modes: ['ReadWriteMany'] },
      volumes: [
        ['rwo', { cls: 'm', modes: ['ReadWriteOnce'] }],
        ['rwx', { cls: 'm', size: '3Gi', modes: ['ReadWriteOnce', 'ReadWriteMany'] }],
      ],
      want: 'rwx',
    },
    {
      name: 'the selector filters on volume labels',
      claim: { cls: 'm', selector: { tier: 'gold' } },
      volumes: [
        ['plain', { cls: 'm' }],
        ['gold', { cls: 'm', size: '8Gi', labels: { tier: 'gold' } }],
      ],
      want: 'gold',
    },
    {
      name: 'Block claims do not take Filesystem volumes',
      claim: { cls: 'm', volumeMode: 'Block' },
      volumes: [['fs', { cls: 'm' }]],
      want: undefined,
    },
    {
      name: 'too small never binds',
      claim: { cls: 'm', size: '2Gi' },
      volumes: [['small', { cls: 'm', size: '1Gi' }]],
      want: undefined,
    },
    {
      name: 'a claim with class "" binds only class-less volumes',
      claim: { cls: '' },
      volumes: [
        ['classy', { cls: 'm' }],
        ['bare', { size: '4Gi' }],
      ],
      want: 'bare',
    },
  ];
  for (const k of cases) {
    const c = cluster({ defaultClass: false });
    for (const [n, o] of k.volumes) c.store.create(pv(n, o));
    c.store.create(pvc('data', k.claim));
    c.settle();
    assert.equal(getPVC(c, 'data')!.spec?.volumeName, k.want, k.name);
    assert.equal(getPVC(c, 'data')!.status?.phase, k.want ? 'Bound' : 'Pending', k.name);
  }
});

test('no volume and no class: FailedBinding, and the claim binds once a volume appears', () => {
  const c = cluster({ defaultClass: false });
  c.store.create(pvc('data', { cls: '' }));
  c.settle();
  assert.equal(getPVC(c, 'data')!.status?.phase, 'Pending');
  assert.deepEqual(events(c, 'data'), [
    'Normal FailedBinding no persistent volumes available for this claim and no storage class is set',
  ]);
  c.store.create(pv('late', { size: '1Gi' }));
  c.settle();
  assert.equal(getPVC(c, 'data')!.spec?.volumeName, 'late');
  assert.equal(getPVC(c, 'data')!.status?.phase, 'Bound');
});

test('pre-binding: a claim naming a volume binds it; a mismatch is reported; claimRef pre-binds a volume', () => {
  const c = cluster({ defaultClass: false });
  c.store.create(pv('big', { cls: 'm', size: '10Gi' }));
  c.store.create(pv('tiny', { cls: 'm', size: '100Mi' }));
  c.store.create(pv('reserved', { cls: 'm', size: '50Gi', claimRef: { name: 'mine' } }));
  c.store.create(pvc('named', { cls: 'm', volumeName: 'big' }));
  c.store.create(pvc('wrong', { cls: 'm', volumeName: 'tiny' }));
  c.store.create(pvc('mine', { cls: 'm' }));
  c.settle();
  const named = getPVC(c, 'named')!;
  assert.equal(named.status?.phase, 'Bound');
  // The user named the volume: the claim is not bound-by-controller, the volume is.
  assert.equal(named.metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], undefined);
  assert.equal(getPV(c, 'big')!.metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
  assert.equal(getPVC(c, 'wrong')!.status?.phase, 'Pending');
  assert.deepEqual(events(c, 'wrong'), [
    'Warning VolumeMismatch Cannot bind to requested volume "tiny": requested PV is too small',
  ]);
  const mine = getPVC(c, 'mine')!;
  assert.equal(mine.spec?.volumeName, 'reserved', 'the pre-bound volume wins over smaller ones');
  assert.equal(getPV(c, 'reserved')!.spec?.claimRef?.uid, mine.metadata.uid);
  assert.equal(
    getPV(c, 'reserved')!.metadata.annotations?.['pv.kubernetes.io/bound-by-controller'],
    undefined,
  );
});

test('dynamic provisioning: ExternalProvisioning at once, the volume pvc-<uid> after 1 s, then Bound', () => {
  const c = cluster();
  c.store.create(pvc('data', { cls: 'standard', size: '3Gi' }));
  c.advance(0);
  let claim = getPVC(c, 'data')!;
  assert.equal(claim.status?.phase, 'Pending');
  assert.equal(
    claim.metadata.annotations?.['volume.kubernetes.io/storage-provisioner'],
    'k8s.io/minikube-hostpath',
  );
  assert.equal(
    claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-provisioner'],
    'k8s.io/minikube-hostpath',
  );
  const pvName = `pvc-${claim.metadata.uid}`;
  assert.equal(getPV(c, pvName), undefined);
  c.advance(999);
  assert.equal(getPV(c, pvName), undefined, 'not before 1 s');
  c.advance(1);
  const vol = getPV(c, pvName)!;
  assert.ok(vol);
  assert.equal(c.now, 1000);
  assert.deepEqual(vol.spec?.capacity, { storage: '3Gi' });
  assert.equal(vol.spec?.persistentVolumeReclaimPolicy, 'Delete');
  assert.equal(vol.spec?.storageClassName, 'standard');
  assert.equal(vol.spec?.claimRef?.uid, claim.metadata.uid);
  assert.equal(vol.metadata.annotations?.['pv.kubernetes.io/provisioned-by'], 'k8s.io/minikube-hostpath');
  assert.equal(vol.metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], undefined);
  assert.equal(vol.status?.phase, 'Bound');
  claim = getPVC(c, 'data')!;
  assert.equal(claim.status?.phase, 'Bound');
  assert.equal(claim.spec?.volumeName, pvName);
  assert.deepEqual(claim.status?.capacity, { storage: '3Gi' });
  assert.deepEqual(
    events(c, 'data').map((e) => e.split(' ').slice(0, 2).join(' ')),
    ['Normal ExternalProvisioning', 'Normal Provisioning', 'Normal ProvisioningSucceeded'],
  );
  assert.ok(
    events(c, 'data').includes(`Normal ProvisioningSucceeded Successfully provisioned volume ${pvName}`),
  );
  assert.ok(
    events(c, 'data').includes(
      'Normal Provisioning External provisioner is provisioning volume for claim "default/data"',
    ),
  );
});

test('a claim without a class gets the default class from the binder and is provisioned', () => {
  const c = cluster();
  c.store.create(pvc('data', { cls: null }));
  c.settle();
  const claim = getPVC(c, 'data')!;
  assert.equal(claim.spec?.storageClassName, 'standard');
  assert.equal(claim.status?.phase, 'Bound');
  assert.equal(claim.spec?.volumeName, `pvc-${claim.metadata.uid}`);
});

test('a class that does not exist: ProvisioningFailed; creating it lets the claim proceed', () => {
  const c = cluster({ defaultClass: false });
  c.store.create(pvc('data', { cls: 'fast' }));
  c.settle();
  assert.equal(getPVC(c, 'data')!.status?.phase, 'Pending');
  assert.ok(
    events(c, 'data').includes('Warning ProvisioningFailed storageclass.storage.k8s.io "fast" not found'),
  );
  c.store.create(storageClass('fast', { provisioner: 'ebs.csi.aws.com', reclaim: 'Retain' }));
  c.settle();
  const claim = getPVC(c, 'data')!;
  assert.equal(claim.status?.phase, 'Bound');
  const vol = getPV(c, claim.spec!.volumeName!)!;
  assert.equal(vol.spec?.persistentVolumeReclaimPolicy, 'Retain');
  assert.deepEqual(vol.spec?.csi, { driver: 'ebs.csi.aws.com', volumeHandle: vol.metadata.name });
});

test('release: deleting the claim releases its volume; Delete removes it, Retain keeps it Released', () => {
  for (const reclaim of ['Delete', 'Retain']) {
    const c = cluster({ defaultClass: false });
    c.store.create(pv('vol', { cls: 'm', reclaim }));
    c.store.create(pvc('data', { cls: 'm' }));
    c.settle();
    assert.equal(getPV(c, 'vol')!.status?.phase, 'Bound');
    assert.deepEqual(getPV(c, 'vol')!.metadata.finalizers, ['kubernetes.io/pv-protection']);
    c.store.delete('PersistentVolumeClaim', 'default', 'data');
    c.settle();
    assert.equal(getPVC(c, 'data'), undefined);
    const phases = c.store.actions
      .filter((a) => a.kind === 'PersistentVolume' && a.verb === 'updateStatus')
      .map((a) => (a.object as PersistentVolume).status?.phase);
    assert.deepEqual(phases, ['Available', 'Bound', 'Released'], reclaim);
    if (reclaim === 'Delete') {
      assert.equal(getPV(c, 'vol'), undefined);
    } else {
      const vol = getPV(c, 'vol')!;
      assert.equal(vol.status?.phase, 'Released');
      assert.equal(vol.spec?.claimRef?.name, 'data', 'Retain keeps the claimRef until an admin clears it');
      // A new claim of the same name does not get the released volume back.
      c.store.create(pvc('data', { cls: 'm' }));
      c.settle();
      assert.equal(getPVC(c, 'data')!.status?.phase, 'Pending');
    }
  }
});

test('a provisioned volume (Delete) is deleted by its provisioner once the claim is gone', () => {
  const c = cluster();
  c.store.create(pvc('data'));
  c.settle();
  const name = getPVC(c, 'data')!.spec!.volumeName!;
  c.store.delete('PersistentVolumeClaim', 'default', 'data');
  c.settle();
  assert.equal(getPV(c, name), undefined);
  const del = c.store.actions.find((a) => a.kind === 'PersistentVolume' && a.verb === 'delete');
  assert.equal(del?.actor, 'k8s.io/minikube-hostpath');
});

test('a bound claim whose volume disappears is Lost', () => {
  const c = cluster({ defaultClass: false });
  c.store.create(pv('vol', { cls: 'm' }));
  c.store.create(pvc('data', { cls: 'm' }));
  c.settle();
  // Force the volume away: delete it, then strip the protection finalizer by hand.
  c.store.delete('PersistentVolume', undefined, 'vol');
  c.settle();
  const stuck = getPV(c, 'vol')!;
  assert.ok(stuck.metadata.deletionTimestamp, 'a bound volume waits on pv-protection');
  c.store.update({ ...stuck, metadata: { ...stuck.metadata, finalizers: [] } });
  c.settle();
  assert.equal(getPV(c, 'vol'), undefined);
  assert.equal(getPVC(c, 'data')!.status?.phase, 'Lost');
  assert.ok(
    events(c, 'data').includes(
      'Warning ClaimLost Bound claim has lost its PersistentVolume. Data on the volume is lost!',
    ),
  );
});

test('Recycle unbinds and makes the volume Available again', () => {
  const c = cluster({ defaultClass: false });
  c.store.create(pv('rec', { cls: 'm', reclaim: 'Recycle' }));
  c.store.create(pvc('a', { cls: 'm' }));
  c.settle();
  c.store.delete('PersistentVolumeClaim', 'default', 'a');
  c.settle();
  assert.equal(getPV(c, 'rec')!.status?.phase, 'Available');
  assert.equal(getPV(c, 'rec')!.spec?.claimRef, undefined);
});
