/**
 * From pods to endpoints: which pods a Service's slices list, with which conditions, hostname and
 * ports. Pure functions.
 *
 * Mirrors `staging/src/k8s.io/endpointslice/util/controller_utils.go` (`ShouldPodBeInEndpoints`,
 * `ShouldSetHostname`), `staging/src/k8s.io/endpointslice/utils.go` (`podToEndpoint`,
 * `getEndpointPorts`, `getEndpointAddresses`) and `pkg/api/v1/pod/util.go` (`FindPort`).
 *
 * Conditions through a pod's life (statefulset.md §11, §13.7), publishNotReadyAddresses off:
 *
 * | pod                                  | listed | ready | serving | terminating |
 * |--------------------------------------|--------|-------|---------|-------------|
 * | no podIP yet                         | no     |       |         |             |
 * | Running, not Ready                   | yes    | false | false   | false       |
 * | Running, Ready                       | yes    | true  | true    | false       |
 * | deleting, still Ready                | yes    | false | true    | true        |
 * | deleting, no longer Ready            | yes    | false | false   | true        |
 * | Succeeded / Failed                   | no     |       |         |             |
 *
 * With publishNotReadyAddresses every listed endpoint has ready = true (serving and terminating
 * unchanged).
 */
import type { EndpointSlice, Pod, Service, Stored } from '../../api/types';
import { isPodReady } from '../../api/pod';

export type Endpoint = NonNullable<EndpointSlice['endpoints']>[number];
export type EndpointPort = NonNullable<EndpointSlice['ports']>[number];
type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

/** ShouldPodBeInEndpoints(pod, includeTerminating): not terminal, has an IP, (not deleting). */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs?.length ?? 0)) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod has a hostname and its subdomain is this Service, in its namespace. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return (
    !!pod.spec?.hostname &&
    pod.spec.subdomain === svc.metadata?.name &&
    (pod.metadata?.namespace ?? 'default') === (svc.metadata?.namespace ?? 'default')
  );
}

/** The pod's IPv4 addresses (getEndpointAddresses for addressType IPv4). */
export function podIPv4Addresses(pod: Pod): string[] {
  const ips = pod.status?.podIPs?.length ? pod.status.podIPs.map((p) => p.ip) : [pod.status?.podIP ?? ''];
  const v4 = ips.filter((ip): ip is string => !!ip && !ip.includes(':'));
  return v4.slice(0, 1);
}

/**
 * FindPort: a numeric targetPort is taken as is; a named one is looked up among the containers'
 * ports (and restartable init containers', i.e. sidecars) with the same protocol. An absent
 * targetPort means the port itself (the API default).
 */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const protocol = sp.protocol ?? 'TCP';
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...(pod.spec?.containers ?? []), ...sidecars]) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** getEndpointPorts: one port per Service port the pod resolves; unresolvable named ports are left out. */
export function getEndpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}

/**
 * podToEndpoint: addresses, conditions (serving = Ready; terminating = deleting;
 * ready = publishNotReadyAddresses || (serving && !terminating)), hostname, targetRef, nodeName, zone.
 */
export function podToEndpoint(pod: Stored<Pod>, svc: Service, zone: string | undefined): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating);
  const ep: Endpoint = {
    addresses: podIPv4Addresses(pod),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec!.hostname;
  ep.targetRef = {
    kind: 'Pod',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
  };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  if (zone) ep.zone = zone;
  return ep;
}

/** The identity of an endpoint across syncs (hashEndpoint): addresses, hostname, target namespace/name. */
export function endpointKey(ep: Endpoint): string {
  return JSON.stringify([
    [...(ep.addresses ?? [])].sort(),
    ep.hostname ?? '',
    ep.targetRef?.namespace ?? '',
    ep.targetRef?.name ?? '',
  ]);
}

/** NewPortMapKey: the set of ports, order-independent. */
export function portMapKey(ports: readonly EndpointPort[] | undefined): string {
  return JSON.stringify(
    [...(ports ?? [])]
      .map((p) => [p.name ?? '', p.protocol ?? 'TCP', p.port ?? 0, p.appProtocol ?? ''])
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  );
}
