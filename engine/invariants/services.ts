/**
 * Service predicates over the trace: which pods a Service served (its ready endpoints) at every
 * instant of a window. A Service's endpoints are those of the EndpointSlices labelled
 * `kubernetes.io/service-name: <service>`; an endpoint is serving when `conditions.ready` is true
 * (the endpointslice controller sets it from the pod's Ready condition, false while terminating).
 * The pod behind an endpoint is its `targetRef`; a label selector over the pod's labels (as the
 * pod was at that instant) sorts endpoints into groups such as `version=v1` and `version=v2`.
 *
 * These back the strategies features: blue/green never serves from both versions; recreate has an
 * instant with no ready endpoints.
 */
import type { Trace, Window } from '../trace/trace';
import { replay } from '../trace/trace';
import type { EndpointSlice, Pod, Stored } from '../api/types';
import { parseSelector } from '../api/selectors';
import type { Instant } from './timeline';
import { describeChange } from './timeline';

const KINDS: ReadonlySet<string> = new Set(['EndpointSlice', 'Pod']);
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** The pods behind the ready endpoints of a Service in one state, by name (sorted, de-duplicated). */
export function readyEndpointPods(
  state: ReadonlyMap<string, Stored>,
  namespace: string,
  service: string,
): Stored<Pod>[] {
  const names = new Set<string>();
  for (const o of state.values()) {
    if (o.kind !== 'EndpointSlice' || o.metadata.namespace !== namespace) continue;
    if (o.metadata.labels?.[SERVICE_NAME_LABEL] !== service) continue;
    for (const e of (o as Stored<EndpointSlice>).endpoints ?? [])
      if (e.conditions?.ready === true && e.targetRef?.kind === 'Pod' && e.targetRef.name)
        names.add(e.targetRef.name);
  }
  const pods: Stored<Pod>[] = [];
  for (const name of [...names].sort()) {
    const pod = state.get(`Pod/${namespace}/${name}`) as Stored<Pod> | undefined;
    if (pod) pods.push(pod);
  }
  return pods;
}

export interface ServedBothResult {
  ok: boolean;
  /** The first instant at which both groups had ready endpoints, with the pods of each. */
  at?: Instant;
  a?: string[];
  b?: string[];
}

/**
 * `service "NAME" never had ready endpoints from both "A" and "B"`: at no instant of the window did
 * the Service have a ready endpoint whose pod matches selector A and one whose pod matches B.
 */
export function serviceNeverServedBoth(
  trace: Trace,
  namespace: string,
  service: string,
  selectorA: string,
  selectorB: string,
  window: Window,
): ServedBothResult {
  const a = parseSelector(selectorA);
  const b = parseSelector(selectorB);
  let result: ServedBothResult = { ok: true };
  replay(trace, KINDS, window.fromSeq, window.toSeq, (state, x) => {
    if (!result.ok || (x && x.namespace !== namespace)) return;
    const pods = readyEndpointPods(state, namespace, service);
    const inA = pods.filter((p) => a.matches(p.metadata.labels ?? {})).map((p) => p.metadata.name);
    const inB = pods.filter((p) => b.matches(p.metadata.labels ?? {})).map((p) => p.metadata.name);
    if (inA.length && inB.length)
      result = {
        ok: false,
        a: inA,
        b: inB,
        at: x
          ? { seq: x.seq, time: x.time, change: describeChange(x) }
          : { seq: window.fromSeq, time: window.fromTime, change: describeChange(undefined) },
      };
  });
  return result;
}

export interface NoEndpointsResult {
  ok: boolean;
  /** The first instant with no ready endpoint. */
  at?: Instant;
  /** The fewest ready endpoints seen (when ok is false). */
  fewest: number;
}

/** `service "NAME" had no ready endpoints at some instant`: some state of the window had none. */
export function serviceHadNoReadyEndpoints(
  trace: Trace,
  namespace: string,
  service: string,
  window: Window,
): NoEndpointsResult {
  let fewest = Number.POSITIVE_INFINITY;
  let at: Instant | undefined;
  replay(trace, KINDS, window.fromSeq, window.toSeq, (state, x) => {
    if (at || (x && x.namespace !== namespace)) return;
    const n = readyEndpointPods(state, namespace, service).length;
    fewest = Math.min(fewest, n);
    if (n === 0)
      at = x
        ? { seq: x.seq, time: x.time, change: describeChange(x) }
        : { seq: window.fromSeq, time: window.fromTime, change: describeChange(undefined) };
  });
  return { ok: !!at, at, fewest: Number.isFinite(fewest) ? fewest : 0 };
}

export interface ReadyBeforeResult {
  ok: boolean;
  /** When the later pod was created (undefined if it was not created in the window). */
  createdAt?: Instant;
  /** Whether the earlier pod was Running and Ready at that instant. */
  readyThen: boolean;
}

/**
 * `pod "A" was running and ready before pod "B" was created`: the OrderedReady rule seen from
 * outside (statefulset.md §5.3): when B was created in the window, A existed, not terminating,
 * with phase Running and condition Ready=True.
 */
export function podReadyBeforeCreated(
  trace: Trace,
  namespace: string,
  first: string,
  second: string,
  window: Window,
): ReadyBeforeResult {
  let result: ReadyBeforeResult = { ok: false, readyThen: false };
  let seen = false;
  replay(trace, new Set(['Pod']), window.fromSeq, window.toSeq, (state, x) => {
    if (seen || !x || x.type !== 'ADDED' || x.namespace !== namespace || x.name !== second) return;
    seen = true;
    const a = state.get(`Pod/${namespace}/${first}`) as Stored<Pod> | undefined;
    const ready =
      !!a &&
      !a.metadata.deletionTimestamp &&
      a.status?.phase === 'Running' &&
      (a.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    result = {
      ok: ready,
      readyThen: ready,
      createdAt: { seq: x.seq, time: x.time, change: describeChange(x) },
    };
  });
  return result;
}

export interface ReadyCountResult {
  ok: boolean;
  worst: number;
  at: Instant;
}

/** `service "NAME" always had at least N ready endpoints`: the fewest ready endpoints over the window. */
export function serviceReadyAtLeast(
  trace: Trace,
  namespace: string,
  service: string,
  n: number,
  window: Window,
): ReadyCountResult {
  let worst: number | undefined;
  let at: Instant | undefined;
  replay(trace, KINDS, window.fromSeq, window.toSeq, (state, x) => {
    if (x && x.namespace !== namespace) return;
    const count = readyEndpointPods(state, namespace, service).length;
    if (worst === undefined || count < worst) {
      worst = count;
      at = x
        ? { seq: x.seq, time: x.time, change: describeChange(x) }
        : { seq: window.fromSeq, time: window.fromTime, change: describeChange(undefined) };
    }
  });
  const w = worst ?? 0;
  return {
    ok: w >= n,
    worst: w,
    at: at ?? { seq: window.fromSeq, time: window.fromTime, change: describeChange(undefined) },
  };
}
