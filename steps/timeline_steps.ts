/**
 * The timeline (steps.md): checks over the window of the When block before the Then, on every
 * state change of it. The predicates are in engine/invariants; these steps phrase the failures.
 */
import { Then } from '@cucumber/cucumber';
import { formatMs } from '../engine';
import {
  claimKeptVolume,
  deploymentAvailableAtLeast,
  deploymentPodsAtMost,
  podRecreated,
  podsCreatedIn,
  podsCreatedInOneBurst,
  podsDeletedIn,
  statefulSetPodsAtMost,
  statefulSetReadyAtLeast,
} from '../engine/invariants';
import type { CountResult } from '../engine/invariants';
import type { SimWorld } from './world';
import { fail } from './support/failure';

/** `deployment "web" had 2 available pods at 12s (after …); expected at least 3 at every instant of …` */
function check(world: SimWorld, r: CountResult, subject: string, counted: string, expected: string): void {
  if (r.ok) return;
  fail(
    `${subject} had ${r.worst} ${counted} at ${formatMs(r.at.time)} (after ${r.at.change}); expected ${expected} at every instant of ${world.describeWindow()}`,
    r.at,
  );
}

Then(
  'deployment {quoted} always had at least {int} available pod(s)',
  function (this: SimWorld, name: string, n: number) {
    const { namespace, name: d } = this.ref(name);
    const r = deploymentAvailableAtLeast(this.cluster.trace, namespace, d, n, this.window);
    check(this, r, `deployment "${name}"`, 'available pods', `at least ${n}`);
  },
);

Then(
  'deployment {quoted} never had more than {int} pod(s)',
  function (this: SimWorld, name: string, n: number) {
    const { namespace, name: d } = this.ref(name);
    const r = deploymentPodsAtMost(this.cluster.trace, namespace, d, n, this.window);
    check(this, r, `deployment "${name}"`, 'pods', `no more than ${n}`);
  },
);

Then(
  'statefulset {quoted} always had at least {int} ready pod(s)',
  function (this: SimWorld, name: string, n: number) {
    const { namespace, name: s } = this.ref(name);
    const r = statefulSetReadyAtLeast(this.cluster.trace, namespace, s, n, this.window);
    check(this, r, `statefulset "${name}"`, 'ready pods', `at least ${n}`);
  },
);

Then(
  'statefulset {quoted} never had more than {int} pod(s)',
  function (this: SimWorld, name: string, n: number) {
    const { namespace, name: s } = this.ref(name);
    const r = statefulSetPodsAtMost(this.cluster.trace, namespace, s, n, this.window);
    check(this, r, `statefulset "${name}"`, 'pods', `no more than ${n}`);
  },
);

function list(names: string): string[] {
  return names
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function show(names: string[]): string {
  return names.length ? `"${names.join(', ')}"` : 'none';
}

Then('pods were created in the order {quoted}', function (this: SimWorld, names: string) {
  const actual = podsCreatedIn(this.cluster.trace, this.window);
  const expected = list(names);
  if (actual.join('\n') !== expected.join('\n'))
    fail(`pods created in ${this.describeWindow()}: ${show(actual)}; expected ${show(expected)}`);
});

Then('pods were deleted in the order {quoted}', function (this: SimWorld, names: string) {
  const actual = podsDeletedIn(this.cluster.trace, this.window);
  const expected = list(names);
  if (actual.join('\n') !== expected.join('\n'))
    fail(`pods deleted in ${this.describeWindow()}: ${show(actual)}; expected ${show(expected)}`);
});

Then('no pods were created', function (this: SimWorld) {
  const actual = podsCreatedIn(this.cluster.trace, this.window);
  if (actual.length) fail(`pods created in ${this.describeWindow()}: ${show(actual)}; expected none`);
});

Then('no pods were deleted', function (this: SimWorld) {
  const actual = podsDeletedIn(this.cluster.trace, this.window);
  if (actual.length) fail(`pods deleted in ${this.describeWindow()}: ${show(actual)}; expected none`);
});

Then('{int} pod(s) was/were created', function (this: SimWorld, n: number) {
  const actual = podsCreatedIn(this.cluster.trace, this.window);
  if (actual.length !== n)
    fail(`${actual.length} pods were created in ${this.describeWindow()} (${show(actual)}); expected ${n}`);
});

Then('{int} pod(s) was/were deleted', function (this: SimWorld, n: number) {
  const actual = podsDeletedIn(this.cluster.trace, this.window);
  if (actual.length !== n)
    fail(`${actual.length} pods were deleted in ${this.describeWindow()} (${show(actual)}); expected ${n}`);
});

Then('pod {quoted} was recreated', function (this: SimWorld, name: string) {
  const { namespace, name: p } = this.ref(name);
  const r = podRecreated(this.cluster.trace, namespace, p, this.window);
  if (!r.after) fail(`pod "${name}" does not exist at the end of ${this.describeWindow()}`);
  if (!r.recreated)
    fail(`pod "${name}" was not recreated: it has the same uid (${r.after}) as at the window's start`);
});

Then('pod {quoted} was not recreated', function (this: SimWorld, name: string) {
  const { namespace, name: p } = this.ref(name);
  const r = podRecreated(this.cluster.trace, namespace, p, this.window);
  if (!r.before) fail(`pod "${name}" did not exist at the start of ${this.describeWindow()}`);
  if (r.after !== r.before)
    fail(
      r.after
        ? `pod "${name}" was recreated: its uid was ${r.before} at the window's start and is ${r.after} now`
        : `pod "${name}" no longer exists`,
    );
});

Then('the claim {quoted} is still bound to the same volume', function (this: SimWorld, name: string) {
  const { namespace, name: c } = this.ref(name);
  const r = claimKeptVolume(this.cluster.trace, namespace, c, this.window);
  if (!r.before)
    fail(`the claim "${name}" was not bound to a volume at the start of ${this.describeWindow()}`);
  if (!r.ok)
    fail(
      r.after
        ? `the claim "${name}" was bound to "${r.before}" and is now bound to "${r.after}"`
        : `the claim "${name}" was bound to "${r.before}" and is now ${this.get('PersistentVolumeClaim', name) ? 'unbound' : 'gone'}`,
    );
});

Then('the pods were created at the same instant, before any was scheduled', function (this: SimWorld) {
  const r = podsCreatedInOneBurst(this.cluster.trace, this.window);
  if (!r.ok) fail(`the pods were not created in one burst in ${this.describeWindow()}: ${r.reason}`);
});
