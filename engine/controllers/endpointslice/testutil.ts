/** Builders for the EndpointSlice and DNS tests: Services, and pods whose status is set by hand. */
import type { Cluster } from '../../cluster';
import type { EndpointSlice, Pod, Service, Stored } from '../../api/types';
import { toTimestamp } from '../../api/time';

export function service(name: string, spec: Service['spec'] = {}, labels?: Record<string, string>): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', labels },
    spec: {
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
      ...spec,
    },
  };
}

export function pod(
  name: string,
  opts: {
    labels?: Record<string, string>;
    nodeName?: string;
    hostname?: string;
    subdomain?: string;
    ports?: { name?: string; containerPort: number; protocol?: string }[];
    namespace?: string;
  } = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: opts.namespace ?? 'default', labels: opts.labels ?? { app: 'web' } },
    spec: {
      nodeName: opts.nodeName ?? 'node-1',
      hostname: opts.hostname,
      subdomain: opts.subdomain,
      containers: [{ name: 'c', image: 'nginx', ports: opts.ports }],
    },
  };
}

/** Sets the status the kubelet would: phase, podIP, the Ready condition. */
export function setStatus(
  c: Cluster,
  name: string,
  s: { ip?: string; ready?: boolean; phase?: string },
  namespace = 'default',
): Stored<Pod> {
  const p = c.store.get<Pod>('Pod', namespace, name)!;
  const ts = toTimestamp(c.now);
  return c.store.updateStatus({
    ...p,
    status: {
      phase: s.phase ?? 'Running',
      podIP: s.ip,
      podIPs: s.ip ? [{ ip: s.ip }] : undefined,
      conditions: [{ type: 'Ready', status: s.ready ? 'True' : 'False', lastTransitionTime: ts }],
    },
  });
}

export function slicesOf(c: Cluster, svc: string): Stored<EndpointSlice>[] {
  return c.store
    .list<EndpointSlice>('EndpointSlice', { namespace: 'default' })
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc);
}
