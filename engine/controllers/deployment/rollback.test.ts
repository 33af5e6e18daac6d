import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deepClone } from '../../util/clone';
import { harness, newDeployment, summarize, syncOnce } from './testing';
import type { Harness } from './testing';

/** Two revisions: rev 1 (nginx:1.0, change-cause create), rev 2 (nginx:2.0, change-cause edit), complete. */
function twoRevisions(): { h: Harness; rev1: string; rev2: string } {
  const h = harness();
  h.createAt(newDeployment('web', 1, { annotations: { 'kubernetes.io/change-cause': 'create' } }), 0);
  const settle = () => {
    for (let i = 0; i < 8; i++) {
      for (const rs of h.rsList())
        h.setStatus(rs.metadata.name, { replicas: rs.spec!.replicas!, available: rs.spec!.replicas! });
      syncOnce(h.dc);
    }
  };
  settle();
  const rev1 = h.rsList()[0].metadata.name;
  const next = deepClone(h.deployment());
  next.spec!.template!.spec!.containers[0].image = 'nginx:2.0';
  next.metadata.annotations!['kubernetes.io/change-cause'] = 'edit';
  h.c.runtime.now = 10_000;
  h.c.store.update(next);
  settle();
  const rev2 = h.rsList().find((r) => r.metadata.name !== rev1)!.metadata.name;
  assert.equal(h.rs(rev2).metadata.annotations!['deployment.kubernetes.io/revision'], '2');
  return { h, rev1, rev2 };
}

function requestRollback(h: Harness, revision: string): void {
  const d = deepClone(h.deployment());
  d.metadata.annotations!['deprecated.deployment.rollback.to'] = revision;
  h.c.store.update(d);
}

test('rollback to revision 1: template and annotations from the RS, one Deployment update, event; the RS becomes revision 3', () => {
  const { h, rev1 } = twoRevisions();
  requestRollback(h, '1');
  h.mark();
  assert.equal(syncOnce(h.dc), undefined);
  // TestReentrantRollback: only one Deployment update and no ReplicaSet update in the rollback sync
  assert.deepEqual(summarize(h.actions()), ['update Deployment/web']);
  const d = h.deployment();
  assert.equal(d.spec!.template!.spec!.containers[0].image, 'nginx:1.0');
  assert.deepEqual(d.spec!.template!.metadata!.labels, { app: 'web' }, 'no hash label');
  assert.equal(d.metadata.annotations!['deprecated.deployment.rollback.to'], undefined);
  assert.equal(d.metadata.annotations!['kubernetes.io/change-cause'], 'create');
  assert.equal(d.metadata.annotations!['deployment.kubernetes.io/revision'], '2');
  assert.deepEqual(h.events().slice(-1), ['DeploymentRollback: Rolled back deployment "web" to revision 1']);
  // the next sync re-selects the old RS: revision 3, revision-history 1, no new RS or hash
  syncOnce(h.dc);
  assert.equal(h.rsList().length, 2);
  const a = h.rs(rev1).metadata.annotations!;
  assert.equal(a['deployment.kubernetes.io/revision'], '3');
  assert.equal(a['deployment.kubernetes.io/revision-history'], '1');
  syncOnce(h.dc);
  assert.equal(h.deployment().metadata.annotations!['deployment.kubernetes.io/revision'], '3');
});

test('rollback to revision 0 goes to the last (second-highest) revision', () => {
  const { h } = twoRevisions();
  requestRollback(h, '0');
  syncOnce(h.dc);
  assert.equal(h.deployment().spec!.template!.spec!.containers[0].image, 'nginx:1.0');
  assert.deepEqual(h.events().slice(-1), ['DeploymentRollback: Rolled back deployment "web" to revision 1']);
});

test('rollback to an unknown revision: Warning, request cleared, template unchanged', () => {
  const { h } = twoRevisions();
  requestRollback(h, '1000000');
  syncOnce(h.dc);
  assert.equal(h.deployment().spec!.template!.spec!.containers[0].image, 'nginx:2.0');
  assert.equal(h.deployment().metadata.annotations!['deprecated.deployment.rollback.to'], undefined);
  assert.deepEqual(h.events().slice(-1), [
    'DeploymentRollbackRevisionNotFound: Unable to find the revision to rollback to.',
  ]);
});

test('rollback to the current template: DeploymentRollbackTemplateUnchanged', () => {
  const { h } = twoRevisions();
  requestRollback(h, '2');
  syncOnce(h.dc);
  assert.deepEqual(h.events().slice(-1), [
    'DeploymentRollbackTemplateUnchanged: The rollback revision contains the same template as current deployment "web"',
  ]);
  assert.equal(h.deployment().metadata.annotations!['deprecated.deployment.rollback.to'], undefined);
});

test('rollback with no history: "Unable to find last revision."', () => {
  const h = harness();
  h.createAt(newDeployment('web', 1), 0);
  syncOnce(h.dc);
  syncOnce(h.dc);
  requestRollback(h, '0');
  syncOnce(h.dc);
  assert.deepEqual(h.events().slice(-1), [
    'DeploymentRollbackRevisionNotFound: Unable to find last revision.',
  ]);
});

test('a paused Deployment does not roll back until resumed; an unparsable request is ignored', () => {
  const { h } = twoRevisions();
  const d = deepClone(h.deployment());
  d.spec!.paused = true;
  d.metadata.annotations!['deprecated.deployment.rollback.to'] = '1';
  h.c.store.update(d);
  syncOnce(h.dc);
  syncOnce(h.dc);
  assert.equal(h.deployment().spec!.template!.spec!.containers[0].image, 'nginx:2.0');
  assert.equal(h.deployment().metadata.annotations!['deprecated.deployment.rollback.to'], '1');
  const bad = deepClone(h.deployment());
  bad.spec!.paused = false;
  bad.metadata.annotations!['deprecated.deployment.rollback.to'] = 'one';
  h.c.store.update(bad);
  syncOnce(h.dc);
  assert.equal(h.deployment().spec!.template!.spec!.containers[0].image, 'nginx:2.0');
});
