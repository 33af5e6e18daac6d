import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Backoff } from './backoff';

const S = 1000;

test('image pull back-off: attempts at t0, +10, +30, +70 … (gaps 10, 20, 40, 80, 160, 300, 300 s)', () => {
  const b = new Backoff();
  const key = 'uid_nginx:bad';
  let now = 0;
  const gaps: number[] = [];
  b.next(key, now, now); // first failed pull at t0
  for (let i = 0; i < 7; i++) {
    let t = now;
    while (b.isInBackOffSinceUpdate(key, t)) t += S;
    gaps.push((t - now) / S);
    now = t;
    b.next(key, now, now); // the retry fails again
  }
  assert.deepEqual(gaps, [10, 20, 40, 80, 160, 300, 300]);
});

test('crash back-off: restart delays after each exit are 0 (immediate), 10, 20, 40, 80, 160, 300, 300 s', () => {
  const b = new Backoff();
  const key = 'uid_nginx';
  let now = 0;
  const delays: number[] = [];
  for (let i = 0; i < 8; i++) {
    now += S; // the container runs 1 s, then exits
    const exit = now;
    while (b.isInBackOffSince(key, exit, now)) now += S;
    delays.push((now - exit) / S);
    b.next(key, exit, now); // restart
  }
  assert.deepEqual(delays, [0, 10, 20, 40, 80, 160, 300, 300]);
});

test('back-off resets when the last update is more than 600 s before the event', () => {
  const table: { runSeconds: number; delay: number; next: number }[] = [
    { runSeconds: 1, delay: 20, next: 40 },
    { runSeconds: 600, delay: 20, next: 40 }, // exactly 600 s since the last restart: not expired
    { runSeconds: 601, delay: 0, next: 10 }, // expired: immediate restart, back-off starts again
  ];
  for (const row of table) {
    const b = new Backoff();
    const key = 'k';
    b.next(key, 0, 0); // restart at 0 (back-off 10)
    b.next(key, 0, 0); // restart at 0 (back-off 20)
    const exit = row.runSeconds * S;
    let now = exit;
    while (b.isInBackOffSince(key, exit, now)) now += S;
    assert.equal((now - exit) / S, row.delay, `run ${row.runSeconds}s`);
    b.next(key, exit, now);
    assert.equal(b.get(key) / S, row.next, `run ${row.runSeconds}s`);
  }
  const pull = new Backoff();
  pull.next('p', 0, 0);
  assert.equal(pull.isInBackOffSinceUpdate('p', 9_999), true);
  assert.equal(pull.isInBackOffSinceUpdate('p', 10_000), false);
  pull.next('p', 700_000, 700_000); // last failure 700 s ago: starts again at 10 s
  assert.equal(pull.get('p'), 10_000);
});
