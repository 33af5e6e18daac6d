import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTATIONS_TIMEOUT_MS, UIDTrackingExpectations } from './expectations';

test('no expectations: satisfied', () => {
  assert.equal(new UIDTrackingExpectations().satisfied('default/web', 0), true);
});

test('creations: satisfied only once every expected creation is observed (burst 5)', () => {
  const e = new UIDTrackingExpectations();
  e.expectCreations('default/web', 5, 0);
  for (let i = 0; i < 4; i++) {
    e.creationObserved('default/web');
    assert.equal(e.satisfied('default/web', 0), false, `after ${i + 1} observations`);
  }
  assert.equal(e.get('default/web')?.add, 1);
  e.creationObserved('default/web');
  assert.equal(e.satisfied('default/web', 0), true);
});

test('deletions are tracked by pod key and counted once (TestDeletionTimestamp)', () => {
  const e = new UIDTrackingExpectations();
  e.expectDeletions('default/web', ['default/a', 'default/b'], 0);
  e.deletionObserved('default/web', 'default/a'); // deletionTimestamp set
  e.deletionObserved('default/web', 'default/a'); // then removed: not counted again
  e.deletionObserved('default/web', 'default/other'); // not expected: ignored
  assert.equal(e.satisfied('default/web', 0), false);
  assert.deepEqual([...e.pendingDeletions('default/web')], ['default/b']);
  e.deletionObserved('default/web', 'default/b');
  assert.equal(e.satisfied('default/web', 0), true);
});

test('expectations expire after 5 minutes (ExpectationsTimeout), not before', () => {
  const e = new UIDTrackingExpectations();
  e.expectCreations('default/web', 3, 1000);
  assert.equal(e.satisfied('default/web', 1000 + EXPECTATIONS_TIMEOUT_MS), false);
  assert.equal(e.satisfied('default/web', 1000 + EXPECTATIONS_TIMEOUT_MS + 1), true);
});

test('setting expectations replaces the old ones; deleting forgets them', () => {
  const e = new UIDTrackingExpectations();
  e.expectCreations('default/web', 3, 0);
  e.expectDeletions('default/web', ['default/a'], 0);
  assert.deepEqual({ ...e.get('default/web') }, { add: 0, del: 1, timestamp: 0 });
  e.delete('default/web');
  assert.equal(e.get('default/web'), undefined);
  assert.equal(e.satisfied('default/web', 0), true);
  e.deletionObserved('default/web', 'default/a');
  assert.equal(e.get('default/web'), undefined);
});
