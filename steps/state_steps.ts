/**
 * Assertions on the cluster's state now: replica counts in status, pods and their phases, STATUS,
 * restarts, ownership, conditions and events.
 */
import { defineParameterType, Then } from '@cucumber/cucumber';
import { kindInfo } from '../engine';
import type { Event, KObject, Pod, Stored } from '../engine';
import { isPodReady } from '../engine/api/pod';
import type { SimWorld } from './world';
import { fail } from './support/failure';
import { podStatusReason as podStatus } from '../engine/kubelet';

const REPLICA_FIELDS: Record<string, string> = {
  ready: 'readyReplicas',
  available: 'availableReplicas',
  updated: 'updatedReplicas',
  current: 'currentReplicas',
  'fully labeled': 'fullyLabeledReplicas',
};

defineParameterType({
  name: 'replicaState',
  regexp: /ready|available|updated|current|fully labeled/,
  transformer: (s: string) => s,
});

defineParameterType({
  name: 'phase',
  regexp: /Pending|Running|Succeeded|Failed|Unknown/,
  transformer: (s: string) => s,
});

const POD_STATES: Record<string, (p: Pod) => boolean> = {
  running: (p) => !p.metadata?.deletionTimestamp && p.status?.phase === 'Running',
  ready: (p) => !p.metadata?.deletionTimestamp && isPodReady(p),
  pending: (p) => !p.metadata?.deletionTimestamp && (p.status?.phase ?? 'Pending') === 'Pending',
  failed: (p) => p.status?.phase === 'Failed',
  terminating: (p) => !!p.metadata?.deletionTimestamp,
  scheduled: (p) => !!p.spec?.nodeName,
  unscheduled: (p) => !p.spec?.nodeName,
};

defineParameterType({
  name: 'podState',
  regexp: new RegExp(Object.keys(POD_STATES).join('|')),
  transformer: (s: string) => s,
});

function singular(kind: string): string {
  return kindInfo(kind).singular;
}

function statusNumber(obj: KObject, field: string): number {
  const status = (obj.status ?? {}) as Record<string, unknown>;
  return typeof status[field] === 'number' ? (status[field] as number) : 0;
}

function podNames(pods: Stored<Pod>[]): string {
  return pods.length ? pods.map((p) => p.metadata.name).join(', ') : 'none';
}

// ---- replica counts ----

Then(
  '{kind} {quoted} has {int} replica(s)',
  function (this: SimWorld, kind: string, name: string, n: number) {
    const obj = this.mustGet(kind, name);
    const actual = statusNumber(obj, 'replicas');
    if (actual !== n)
      fail(`${singular(kind)} "${name}" has ${actual} replicas (status.replicas); expected ${n}`);
  },
);

Then(
  '{kind} {quoted} has {int} {replicaState} replica(s)',
  function (this: SimWorld, kind: string, name: string, n: number, state: string) {
    const obj = this.mustGet(kind, name);
    const field = REPLICA_FIELDS[state];
    const actual = statusNumber(obj, field);
    if (actual !== n)
      fail(`${singular(kind)} "${name}" has ${actual} ${state} replicas (status.${field}); expected ${n}`);
  },
);

Then(
  '{kind} {quoted} wants {int} replica(s)',
  function (this: SimWorld, kind: string, name: string, n: number) {
    const obj = this.mustGet(kind, name);
    const actual = (obj.spec as { replicas?: number } | undefined)?.replicas;
    if (actual !== n) fail(`${singular(kind)} "${name}" has spec.replicas ${actual}; expected ${n}`);
  },
);

// ---- pods ----

Then('there is/are {int} pod(s)', function (this: SimWorld, n: number) {
  const pods = this.cluster.store.list<Pod>('Pod');
  if (pods.length !== n) fail(`there are ${pods.length} pods (${podNames(pods)}); expected ${n}`);
});

Then(
  'there is/are {int} pod(s) owned by {kind} {quoted}',
  function (this: SimWorld, n: number, kind: string, name: string) {
    const pods = this.podsOf(kind, name);
    if (pods.length !== n)
      fail(`${singular(kind)} "${name}" owns ${pods.length} pods (${podNames(pods)}); expected ${n}`);
  },
);

Then(
  'there is/are {int} {podState} pod(s) owned by {kind} {quoted}',
  function (this: SimWorld, n: number, state: string, kind: string, name: string) {
    const all = this.podsOf(kind, name);
    const pods = all.filter(POD_STATES[state]);
    if (pods.length !== n)
      fail(
        `${singular(kind)} "${name}" owns ${pods.length} ${state} pods (${podNames(pods)}) of ${all.length}; expected ${n}`,
      );
  },
);

/** The non-terminating pods of an owner; fails if there are none (an empty "all" proves nothing). */
function livePodsOf(world: SimWorld, kind: string, name: string): Stored<Pod>[] {
  const pods = world.podsOf(kind, name).filter((p) => !p.metadata.deletionTimestamp);
  if (pods.length === 0) fail(`${singular(kind)} "${name}" has no pods`);
  return pods;
}

function expectEach(
  pods: Stored<Pod>[],
  describe: (p: Stored<Pod>) => string,
  expected: string,
  what: string,
): void {
  const wrong = pods.filter((p) => describe(p) !== expected);
  if (wrong.length)
    fail(
      `${what}: ${wrong.map((p) => `${p.metadata.name} is ${describe(p)}`).join(', ')}; expected ${expected}`,
    );
}

Then('pod {quoted} has status {quoted}', function (this: SimWorld, name: string, status: string) {
  const pod = this.mustGet<Pod>('Pod', name);
  expectEach([pod], (p) => podStatus(p, this.cluster.now), status, `pod "${name}" has the wrong status`);
});

Then(
  'the pods of {kind} {quoted} have status {quoted}',
  function (this: SimWorld, kind: string, name: string, status: string) {
    const pods = livePodsOf(this, kind, name);
    expectEach(
      pods,
      (p) => podStatus(p, this.cluster.now),
      status,
      `not every pod of ${singular(kind)} "${name}" has status ${status}`,
    );
  },
);

Then('pod {quoted} has reason {quoted}', function (this: SimWorld, name: string, reason: string) {
  const pod = this.mustGet<Pod>('Pod', name);
  expectEach([pod], (p) => p.status?.reason ?? '(none)', reason, `pod "${name}" has the wrong status.reason`);
});

Then('pod {quoted} is {phase}', function (this: SimWorld, name: string, phase: string) {
  const pod = this.mustGet<Pod>('Pod', name);
  expectEach([pod], (p) => p.status?.phase ?? 'Pending', phase, `pod "${name}" is in the wrong phase`);
});

Then(
  'the pods of {kind} {quoted} are {phase}',
  function (this: SimWorld, kind: string, name: string, phase: string) {
    const pods = livePodsOf(this, kind, name);
    expectEach(
      pods,
      (p) => p.status?.phase ?? 'Pending',
      phase,
      `not every pod of ${singular(kind)} "${name}" is ${phase}`,
    );
  },
);

Then(
  'the pods of {kind} {quoted} are {podState}',
  function (this: SimWorld, kind: string, name: string, state: string) {
    const pods = livePodsOf(this, kind, name);
    const wrong = pods.filter((p) => !POD_STATES[state](p));
    if (wrong.length)
      fail(
        `not every pod of ${singular(kind)} "${name}" is ${state}: ${podNames(wrong)} ${wrong.length === 1 ? 'is' : 'are'} not`,
      );
  },
);

function restarts(p: Pod): number {
  return (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

Then(
  'the pods of {kind} {quoted} have restarted at least {int} time(s)',
  function (this: SimWorld, kind: string, name: string, n: number) {
    const pods = livePodsOf(this, kind, name);
    const low = pods.filter((p) => restarts(p) < n);
    if (low.length)
      fail(
        `pods of ${singular(kind)} "${name}" restarted fewer than ${n} times: ${low.map((p) => `${p.metadata.name} (${restarts(p)})`).join(', ')}`,
      );
  },
);

Then(
  'the pods of {kind} {quoted} have restarted {int} time(s)',
  function (this: SimWorld, kind: string, name: string, n: number) {
    const pods = livePodsOf(this, kind, name);
    const wrong = pods.filter((p) => restarts(p) !== n);
    if (wrong.length)
      fail(
        `pods of ${singular(kind)} "${name}" restarted other than ${n} times: ${wrong.map((p) => `${p.metadata.name} (${restarts(p)})`).join(', ')}`,
      );
  },
);

Then('pod {quoted} has restarted {int} time(s)', function (this: SimWorld, name: string, n: number) {
  const pod = this.mustGet<Pod>('Pod', name);
  if (restarts(pod) !== n) fail(`pod "${name}" has restarted ${restarts(pod)} times; expected ${n}`);
});

// ---- existence and ownership ----

Then('{kind} {quoted} exists', function (this: SimWorld, kind: string, name: string) {
  this.mustGet(kind, name);
});

Then('{kind} {quoted} does not exist', function (this: SimWorld, kind: string, name: string) {
  const obj = this.get(kind, name);
  if (obj)
    fail(
      `${singular(kind)} "${name}" exists${obj.metadata.deletionTimestamp ? ' (terminating)' : ''}; expected it not to`,
    );
});

Then(
  '{kind} {quoted} is owned by {kind} {quoted}',
  function (this: SimWorld, kind: string, name: string, ownerKind: string, owner: string) {
    const obj = this.mustGet(kind, name);
    const expected = `${ownerKind.toLowerCase()}/${this.ref(owner).name}`;
    const actual = this.controllerOf(obj);
    if (actual !== expected)
      fail(`${singular(kind)} "${name}" is controlled by ${actual ?? 'nothing'}; expected ${expected}`);
    const ownerObj = this.mustGet(ownerKind, owner);
    const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
    if (ref?.uid !== ownerObj.metadata.uid)
      fail(`${singular(kind)} "${name}" is controlled by an earlier ${expected} (uid ${ref?.uid})`);
  },
);

Then('{kind} {quoted} has no owner', function (this: SimWorld, kind: string, name: string) {
  const obj = this.mustGet(kind, name);
  const actual = this.controllerOf(obj);
  if (actual) fail(`${singular(kind)} "${name}" is controlled by ${actual}; expected no controller`);
});

// ---- conditions ----

interface ConditionLike {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

function condition(world: SimWorld, kind: string, name: string, type: string): ConditionLike | undefined {
  const obj = world.mustGet(kind, name);
  const conditions = ((obj.status as { conditions?: ConditionLike[] } | undefined)?.conditions ??
    []) as ConditionLike[];
  return conditions.find((c) => c.type === type);
}

Then(
  '{kind} {quoted} has condition {quoted} with status {quoted}',
  function (this: SimWorld, kind: string, name: string, type: string, status: string) {
    const c = condition(this, kind, name, type);
    if (c?.status !== status)
      fail(
        `${singular(kind)} "${name}" condition ${type} is ${c ? `"${c.status}"` : 'absent'}; expected "${status}"`,
      );
  },
);

Then(
  '{kind} {quoted} has condition {quoted} with reason {quoted}',
  function (this: SimWorld, kind: string, name: string, type: string, reason: string) {
    const c = condition(this, kind, name, type);
    if (c?.reason !== reason)
      fail(
        `${singular(kind)} "${name}" condition ${type} has reason ${c ? `"${c.reason ?? ''}"` : '(absent)'}; expected "${reason}"`,
      );
  },
);

Then(
  '{kind} {quoted} has no condition {quoted}',
  function (this: SimWorld, kind: string, name: string, type: string) {
    const c = condition(this, kind, name, type);
    if (c)
      fail(
        `${singular(kind)} "${name}" has condition ${type} (status "${c.status}", reason "${c.reason ?? ''}")`,
      );
  },
);

// ---- events ----

function eventsAbout(world: SimWorld, kind: string, name: string, reason: string): Event[] {
  const r = world.ref(name);
  return world.cluster.store
    .list<Event>('Event', { namespace: r.namespace })
    .filter(
      (e) => e.involvedObject?.kind === kind && e.involvedObject?.name === r.name && e.reason === reason,
    );
}

function reasonsAbout(world: SimWorld, kind: string, name: string): string {
  const r = world.ref(name);
  const reasons = world.cluster.store
    .list<Event>('Event', { namespace: r.namespace })
    .filter((e) => e.involvedObject?.kind === kind && e.involvedObject?.name === r.name)
    .map((e) => e.reason);
  return reasons.length ? [...new Set(reasons)].join(', ') : 'none';
}

Then(
  'the event {quoted} was recorded for {kind} {quoted}',
  function (this: SimWorld, reason: string, kind: string, name: string) {
    if (eventsAbout(this, kind, name, reason).length === 0)
      fail(
        `no event "${reason}" was recorded for ${singular(kind)} "${name}" (events recorded: ${reasonsAbout(this, kind, name)})`,
      );
  },
);

Then(
  'the event {quoted} was recorded for {kind} {quoted} with message {quoted}',
  function (this: SimWorld, reason: string, kind: string, name: string, text: string) {
    const events = eventsAbout(this, kind, name, reason);
    if (!events.some((e) => (e.message ?? '').includes(text)))
      fail(
        events.length
          ? `no event "${reason}" for ${singular(kind)} "${name}" has a message containing "${text}"; messages: ${events.map((e) => JSON.stringify(e.message)).join(', ')}`
          : `no event "${reason}" was recorded for ${singular(kind)} "${name}" (events recorded: ${reasonsAbout(this, kind, name)})`,
      );
  },
);

Then(
  'the event {quoted} was recorded {int} time(s) for {kind} {quoted}',
  function (this: SimWorld, reason: string, n: number, kind: string, name: string) {
    const count = eventsAbout(this, kind, name, reason).reduce((s, e) => s + (e.count ?? 1), 0);
    if (count !== n)
      fail(
        `the event "${reason}" was recorded ${count} times for ${singular(kind)} "${name}"; expected ${n}`,
      );
  },
);

Then(
  'no event {quoted} was recorded for {kind} {quoted}',
  function (this: SimWorld, reason: string, kind: string, name: string) {
    const events = eventsAbout(this, kind, name, reason);
    if (events.length)
      fail(
        `the event "${reason}" was recorded for ${singular(kind)} "${name}": ${events.map((e) => JSON.stringify(e.message)).join(', ')}`,
      );
  },
);

function expectEventOnPods(
  world: SimWorld,
  reason: string,
  kind: string,
  name: string,
  pods: Stored<Pod>[],
  message: string | undefined,
): void {
  const without = pods.filter(
    (p) =>
      !eventsAbout(world, 'Pod', `${p.metadata.namespace}/${p.metadata.name}`, reason).some(
        (e) => message === undefined || (e.message ?? '').includes(message),
      ),
  );
  if (without.length)
    fail(
      `no event "${reason}"${message === undefined ? '' : ` with a message containing "${message}"`} was recorded for ${podNames(without)} (of ${singular(kind)} "${name}")`,
    );
}

Then(
  'the event {quoted} was recorded for the pods of {kind} {quoted}',
  function (this: SimWorld, reason: string, kind: string, name: string) {
    expectEventOnPods(this, reason, kind, name, livePodsOf(this, kind, name), undefined);
  },
);

Then(
  'the event {quoted} was recorded for the pods of {kind} {quoted} with message {quoted}',
  function (this: SimWorld, reason: string, kind: string, name: string, message: string) {
    expectEventOnPods(this, reason, kind, name, livePodsOf(this, kind, name), message);
  },
);

function podsInState(world: SimWorld, state: string, kind: string, name: string): Stored<Pod>[] {
  const pods = world.podsOf(kind, name).filter(POD_STATES[state]);
  if (pods.length === 0) fail(`${singular(kind)} "${name}" has no ${state} pods`);
  return pods;
}

Then(
  'the event {quoted} was recorded for the {podState} pods of {kind} {quoted}',
  function (this: SimWorld, reason: string, state: string, kind: string, name: string) {
    expectEventOnPods(this, reason, kind, name, podsInState(this, state, kind, name), undefined);
  },
);

Then(
  'the event {quoted} was recorded for the {podState} pods of {kind} {quoted} with message {quoted}',
  function (this: SimWorld, reason: string, state: string, kind: string, name: string, message: string) {
    expectEventOnPods(this, reason, kind, name, podsInState(this, state, kind, name), message);
  },
);
