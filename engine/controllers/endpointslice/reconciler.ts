/**
 * The EndpointSlice reconciler: given a Service, the pods it selects and its existing slices,
 * create, update and delete slices so that every wanted endpoint is in exactly one of them.
 *
 * Mirrors `staging/src/k8s.io/endpointslice/reconciler.go` (`Reconcile`, `reconcileByAddressType`,
 * `reconcileByPortMapping`, `finalize`, the placeholder slice) and `utils.go` (`newEndpointSlice`,
 * `setEndpointSliceLabels`, `getSliceToFill`).
 *
 * - Endpoints are grouped by their set of ports (a pod whose named targetPort does not resolve has
 *   fewer ports, so it lands in another slice); each group's slices hold at most
 *   `maxEndpointsPerSlice` (100) endpoints.
 * - Existing slices keep the endpoints still wanted (updated in place), lose the others, and are
 *   deleted when emptied; new endpoints first fill the slices already being updated (fullest
 *   first), then the one unchanged slice that would end closest to full, then new slices.
 * - A Service that selects nothing keeps one empty placeholder slice.
 * - New slices are named `<service>-<5 random chars>` by generateName, carry the Service's labels
 *   plus `kubernetes.io/service-name`, `endpointslice.kubernetes.io/managed-by` and, for headless
 *   Services, `service.kubernetes.io/headless`, and are controlled by the Service.
 * Where upstream picks "any" endpoint or slice (Go map order), this one goes by pod name and slice
 * name.
 */
import type { Store } from '../../store/store';
import type { EndpointSlice, Node, Pod, Service, Stored } from '../../api/types';
import { deepClone, deepEqual } from '../../util/clone';
import {
  Endpoint,
  EndpointPort,
  endpointKey,
  getEndpointPorts,
  podToEndpoint,
  portMapKey,
  shouldPodBeInEndpoints,
} from './endpoints';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const MAX_ENDPOINTS_PER_SLICE = 100;
const LABEL_ZONE = 'topology.kubernetes.io/zone';

type Slice = Stored<EndpointSlice>;
type NewSlice = EndpointSlice & { metadata: NonNullable<EndpointSlice['metadata']> };

export interface ReconcileResult {
  create: NewSlice[];
  update: Slice[];
  delete: Slice[];
  /** Pods skipped because their node does not exist (the Service is retried later upstream). */
  skippedPods: string[];
}

function isReservedLabel(key: string): boolean {
  return key === LABEL_SERVICE_NAME || key === LABEL_MANAGED_BY || key === LABEL_HEADLESS;
}

/** Whether a Service is headless for the slice label (clusterIP None). */
function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}

/** setEndpointSliceLabels: the labels a slice of svc should carry, and whether the copied ones differ. */
export function sliceLabels(
  slice: EndpointSlice | undefined,
  svc: Stored<Service>,
): { labels: Record<string, string>; changed: boolean } {
  const current: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice?.metadata?.labels ?? {})) if (!isReservedLabel(k)) current[k] = v;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (!isReservedLabel(k)) labels[k] = v;
  const changed = !deepEqual(current, labels);
  if (isHeadless(svc)) labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata.name;
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return { labels, changed };
}

/** newEndpointSlice: an empty slice for svc with the given ports. */
export function newEndpointSlice(svc: Stored<Service>, ports: EndpointPort[]): NewSlice {
  const slice: NewSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${svc.metadata.name}-`,
      namespace: svc.metadata.namespace,
      labels: {},
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: svc.metadata.name,
          uid: svc.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports: ports.map((p) => ({ ...p })),
  };
  slice.metadata.labels = sliceLabels(slice, svc).labels;
  return slice;
}

function ownedBy(slice: Slice, svc: Stored<Service>): boolean {
  return (slice.metadata.ownerReferences ?? []).some((r) => r.uid === svc.metadata.uid && r.controller);
}

/** getSliceToFill: the slice that ends closest to full after taking n more endpoints. */
function sliceToFill<T extends EndpointSlice>(slices: T[], n: number, max: number): T | undefined {
  let closestDiff = max;
  let closest: T | undefined;
  for (const s of slices) {
    const diff = max - (n + (s.endpoints?.length ?? 0));
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = s;
      if (diff === 0) return closest;
    }
  }
  return closest;
}

interface Desired {
  ports: EndpointPort[];
  /** endpoint key → endpoint, in pod-name order. */
  endpoints: Map<string, Endpoint>;
}

/** reconcileByPortMapping for one port set. */
function reconcileByPortMapping(
  svc: Stored<Service>,
  existing: Slice[],
  desired: Desired,
  max: number,
): { create: NewSlice[]; update: Slice[]; delete: Slice[] } {
  const byName = new Map<string, Slice>();
  const unchanged = new Set<string>();
  const toUpdate = new Set<string>();
  const toDelete = new Set<string>();
  const want = new Map(desired.endpoints);

  // 1. Keep wanted endpoints (refreshed), drop the rest.
  for (const s of existing) {
    byName.set(s.metadata.name, s);
    const kept: Endpoint[] = [];
    let endpointUpdated = false;
    for (const ep of s.endpoints ?? []) {
      const key = endpointKey(ep);
      const got = want.get(key);
      if (!got) continue;
      kept.push(got);
      if (!deepEqual(got, ep)) endpointUpdated = true;
      want.delete(key);
    }
    const { labels, changed } = sliceLabels(s, svc);
    if (endpointUpdated || kept.length !== (s.endpoints?.length ?? 0)) {
      if (kept.length === 0) toDelete.add(s.metadata.name);
      else {
        const copy = deepClone(s) as Slice;
        copy.endpoints = kept;
        copy.metadata.labels = labels;
        byName.set(s.metadata.name, copy);
        toUpdate.add(s.metadata.name);
      }
    } else if (changed || !deepEqual(labels, s.metadata.labels ?? {})) {
      const copy = deepClone(s) as Slice;
      copy.metadata.labels = labels;
      byName.set(s.metadata.name, copy);
      toUpdate.add(s.metadata.name);
    } else {
      unchanged.add(s.metadata.name);
    }
  }
  const remaining = [...want.values()];

  // 2. Fill the slices being updated, fullest first.
  if (remaining.length > 0 && toUpdate.size > 0) {
    const slices = [...toUpdate]
      .map((n) => byName.get(n)!)
      .sort(
        (a, b) =>
          (b.endpoints?.length ?? 0) - (a.endpoints?.length ?? 0) ||
          a.metadata.name.localeCompare(b.metadata.name),
      );
    for (const s of slices) {
      while (remaining.length > 0 && (s.endpoints?.length ?? 0) < max)
        (s.endpoints ??= []).push(remaining.shift()!);
    }
  }

  // 3. The rest: into the unchanged slice that ends closest to full, else into new slices.
  const create: NewSlice[] = [];
  while (remaining.length > 0) {
    let target: Slice | NewSlice | undefined;
    if (remaining.length < max && unchanged.size > 0) {
      const candidates = [...unchanged].sort().map((n) => byName.get(n)!);
      const pick = sliceToFill(candidates, remaining.length, max);
      if (pick) {
        const copy = deepClone(pick) as Slice;
        byName.set(pick.metadata.name, copy);
        target = copy;
      }
    }
    if (!target) target = newEndpointSlice(svc, desired.ports);
    while (remaining.length > 0 && (target.endpoints?.length ?? 0) < max)
      (target.endpoints ??= []).push(remaining.shift()!);
    if (target.metadata?.name) {
      toUpdate.add(target.metadata.name);
      unchanged.delete(target.metadata.name);
    } else {
      create.push(target as NewSlice);
    }
  }
  return {
    create,
    update: [...toUpdate].sort().map((n) => byName.get(n)!),
    delete: [...toDelete].sort().map((n) => byName.get(n)!),
  };
}

/**
 * Reconcile (one address type, IPv4): the slice writes that bring `existing` to what `pods` call
 * for. `existing` are the slices labelled for this Service and managed by this controller, not
 * being deleted.
 */
export function reconcile(
  store: Store,
  svc: Stored<Service>,
  pods: readonly Stored<Pod>[],
  existing: readonly Slice[],
  max = MAX_ENDPOINTS_PER_SLICE,
): ReconcileResult {
  const result: ReconcileResult = { create: [], update: [], delete: [], skippedPods: [] };
  const mine: Slice[] = [];
  for (const s of existing) {
    if (s.addressType === 'IPv4' && ownedBy(s, svc)) mine.push(s);
    else result.delete.push(s);
  }
  const existingByPorts = new Map<string, Slice[]>();
  for (const s of mine) {
    const key = portMapKey(s.ports);
    let l = existingByPorts.get(key);
    if (!l) existingByPorts.set(key, (l = []));
    l.push(s);
  }

  const desired = new Map<string, Desired>();
  const sortedPods = [...pods].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  for (const pod of sortedPods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = getEndpointPorts(svc, pod);
    const key = portMapKey(ports);
    let d = desired.get(key);
    if (!d) desired.set(key, (d = { ports, endpoints: new Map() }));
    let zone: string | undefined;
    if (pod.spec?.nodeName) {
      const node = store.get<Node>('Node', undefined, pod.spec.nodeName);
      if (!node && !svc.spec?.publishNotReadyAddresses) {
        result.skippedPods.push(pod.metadata.name);
        continue;
      }
      zone = node?.metadata?.labels?.[LABEL_ZONE];
    }
    const ep = podToEndpoint(pod, svc, zone);
    if (ep.addresses.length > 0) d.endpoints.set(endpointKey(ep), ep);
  }

  for (const [key, d] of desired) {
    const r = reconcileByPortMapping(svc, existingByPorts.get(key) ?? [], d, max);
    result.create.push(...r.create);
    result.update.push(...r.update);
    result.delete.push(...r.delete);
  }
  for (const [key, slices] of existingByPorts) if (!desired.has(key)) result.delete.push(...slices);

  // Keep one (empty) placeholder slice when nothing else would exist.
  if (mine.length === result.delete.filter((s) => mine.includes(s)).length && result.create.length === 0) {
    const placeholder = newEndpointSlice(svc, []);
    const doomed = result.delete.filter((s) => mine.includes(s));
    if (doomed.length === 1 && isPlaceholderOf(doomed[0], placeholder)) {
      result.delete = result.delete.filter((s) => s !== doomed[0]);
    } else {
      result.create.push(placeholder);
    }
  }
  return finalizePlan(svc, result);
}

/** placeholderSliceCompare: same namespace, labels, owner, address type, no endpoints or ports. */
function isPlaceholderOf(s: Slice, placeholder: NewSlice): boolean {
  return (
    (s.endpoints?.length ?? 0) === 0 &&
    (s.ports?.length ?? 0) === 0 &&
    s.addressType === placeholder.addressType &&
    deepEqual(s.metadata.labels ?? {}, placeholder.metadata.labels ?? {}) &&
    deepEqual(
      (s.metadata.ownerReferences ?? []).map((r) => r.uid),
      (placeholder.metadata.ownerReferences ?? []).map((r) => r.uid),
    )
  );
}

/**
 * finalize's first step: a slice about to be deleted is reused (updated) for a slice about to be
 * created, when it is this Service's and of the same address type. No creates for a Service being
 * deleted.
 */
function finalizePlan(svc: Stored<Service>, plan: ReconcileResult): ReconcileResult {
  const create = [...plan.create];
  const update = [...plan.update];
  const del = [...plan.delete];
  for (let i = 0; i < del.length && create.length > 0;) {
    const doomed = del[i];
    const fresh = create[create.length - 1];
    if (doomed.addressType === fresh.addressType && ownedBy(doomed, svc)) {
      const reused = { ...fresh, metadata: { ...doomed.metadata, labels: fresh.metadata.labels } } as Slice;
      create.pop();
      update.push(reused);
      del.splice(i, 1);
    } else {
      i++;
    }
  }
  return {
    create: svc.metadata.deletionTimestamp ? [] : create,
    update,
    delete: del,
    skippedPods: plan.skippedPods,
  };
}
