/**
 * Cluster DNS, as a pure function of the store: what CoreDNS (kubernetes plugin, `pods insecure`,
 * as kubeadm configures it) would answer, following the Kubernetes DNS-Based Service Discovery
 * specification 1.0.1 (`kubernetes/dns` docs/specification.md; statefulset.md §11).
 *
 * Records, in zone `cluster.local`:
 * - `<svc>.<ns>.svc` A: the ClusterIP; for a headless Service (clusterIP None) one record per
 *   READY endpoint address of its EndpointSlices (none ready → NXDOMAIN). ExternalName: a CNAME.
 * - `<host>.<svc>.<ns>.svc` A (headless only): the ready endpoints whose name is `<host>`. An
 *   endpoint's name is its `hostname` (set from pod.spec.hostname when pod.spec.subdomain names the
 *   Service), else its IP with dashes (`10-244-1-5`), as CoreDNS names them.
 * - `_<port>._<proto>.<svc>.<ns>.svc` SRV: one per named port (ClusterIP: target the Service; headless:
 *   one per ready endpoint, target its name, port the endpoint's).
 * - `<a>-<b>-<c>-<d>.<ns>.pod` A: a.b.c.d, for any address (deprecated, still required).
 * - `<d>.<c>.<b>.<a>.in-addr.arpa` PTR: the Service owning a ClusterIP, or a ready headless endpoint.
 * - `dns-version.<zone>` TXT: `1.0.1`.
 * Endpoint readiness is the slice's `conditions.ready` (absent counts as ready): the EndpointSlice
 * controller sets it true for every endpoint of a Service with publishNotReadyAddresses, and false
 * for terminating pods otherwise. Names compare case-insensitively.
 *
 * A pod's resolver tries its search list first for names with fewer than 5 dots (`ndots:5`):
 * `<ns>.svc.<zone>`, `svc.<zone>`, `<zone>`; `resolve(..., { searchNamespace })` does the same.
 */
import type { Store } from '../store/store';
import type { EndpointSlice, Pod, Service, Stored } from '../api/types';

export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_SCHEMA_VERSION = '1.0.1';
const NDOTS = 5;

export type RecordType = 'A' | 'SRV' | 'PTR' | 'CNAME' | 'TXT';

export type DnsRecord =
  | { type: 'A'; name: string; address: string }
  | { type: 'CNAME'; name: string; target: string }
  | { type: 'SRV'; name: string; priority: number; weight: number; port: number; target: string }
  | { type: 'PTR'; name: string; target: string }
  | { type: 'TXT'; name: string; text: string };

export interface DnsAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN';
  records: DnsRecord[];
}

export interface LookupOptions {
  /** Cluster domain (default cluster.local). */
  zone?: string;
}

export interface ResolveOptions extends LookupOptions {
  /** Resolve as a pod of this namespace would: search list and ndots:5. */
  searchNamespace?: string;
}

const NXDOMAIN: DnsAnswer = { rcode: 'NXDOMAIN', records: [] };

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

function ipNumber(ip: string): number {
  return ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
}

function byIp(a: string, b: string): number {
  return ipNumber(a) - ipNumber(b);
}

function dashedToIp(label: string): string | undefined {
  const parts = label.split('-');
  if (parts.length !== 4) return undefined;
  for (const p of parts) if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
  return parts.join('.');
}

function findService(store: Store, ns: string, name: string): Stored<Service> | undefined {
  return (
    store.get<Service>('Service', ns, name) ??
    store.list<Service>('Service', { namespace: ns }).find((s) => s.metadata.name.toLowerCase() === name)
  );
}

function isHeadless(svc: Service): boolean {
  return svc.spec?.clusterIP === 'None';
}

interface ServiceEndpoint {
  /** The DNS name label of the endpoint: hostname, else the dashed IP. */
  label: string;
  address: string;
  ports: { name: string; protocol: string; port: number }[];
}

/** The ready endpoint addresses of a Service's EndpointSlices, deduplicated, by IP. */
function readyEndpoints(store: Store, svc: Stored<Service>): ServiceEndpoint[] {
  const out = new Map<string, ServiceEndpoint>();
  const slices = store
    .list<EndpointSlice>('EndpointSlice', { namespace: svc.metadata.namespace })
    .filter(
      (s) =>
        s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name && s.addressType === 'IPv4',
    );
  for (const s of slices) {
    const ports = (s.ports ?? []).map((p) => ({
      name: p.name ?? '',
      protocol: p.protocol ?? 'TCP',
      port: p.port ?? 0,
    }));
    for (const ep of s.endpoints ?? []) {
      if (ep.conditions?.ready === false) continue;
      for (const address of ep.addresses ?? []) {
        const label = (ep.hostname ?? address.replace(/\./g, '-')).toLowerCase();
        const key = `${label}/${address}`;
        if (!out.has(key)) out.set(key, { label, address, ports });
      }
    }
  }
  return [...out.values()].sort((a, b) => byIp(a.address, b.address) || a.label.localeCompare(b.label));
}

function aRecords(name: string, addresses: string[]): DnsAnswer {
  const unique = [...new Set(addresses)].sort(byIp);
  if (unique.length === 0) return NXDOMAIN;
  return { rcode: 'NOERROR', records: unique.map((address) => ({ type: 'A' as const, name, address })) };
}

/**
 * One DNS question for an absolute name, answered from the store. A name outside the cluster zone
 * (and outside in-addr.arpa) gets NXDOMAIN: the cluster DNS would forward it upstream.
 */
export function lookup(
  store: Store,
  qname: string,
  qtype: RecordType = 'A',
  opts: LookupOptions = {},
): DnsAnswer {
  const zone = normalize(opts.zone ?? CLUSTER_DOMAIN);
  const name = normalize(qname);
  if (name.endsWith('.in-addr.arpa')) return qtype === 'PTR' ? reverse(store, name, zone) : NXDOMAIN;
  if (name === `dns-version.${zone}`) {
    return qtype === 'TXT'
      ? { rcode: 'NOERROR', records: [{ type: 'TXT', name, text: DNS_SCHEMA_VERSION }] }
      : { rcode: 'NOERROR', records: [] };
  }
  if (!name.endsWith(`.${zone}`)) return NXDOMAIN;
  const labels = name.slice(0, -(zone.length + 1)).split('.');
  const kind = labels[labels.length - 1];

  if (kind === 'pod' && labels.length === 3) {
    const ip = dashedToIp(labels[0]);
    if (!ip) return NXDOMAIN;
    return qtype === 'A' ? aRecords(name, [ip]) : { rcode: 'NOERROR', records: [] };
  }
  if (kind !== 'svc' || labels.length < 3) return NXDOMAIN;
  const ns = labels[labels.length - 2];
  const svcName = labels[labels.length - 3];
  const svc = findService(store, ns, svcName);
  if (!svc) return NXDOMAIN;
  const svcFqdn = `${svc.metadata.name.toLowerCase()}.${ns}.svc.${zone}`;
  const prefix = labels.slice(0, -3);

  // _<port>._<proto>.<svc>.<ns>.svc
  if (prefix.length === 2 && prefix[0].startsWith('_') && prefix[1].startsWith('_')) {
    if (qtype !== 'SRV') return { rcode: 'NOERROR', records: [] };
    return srv(store, svc, name, svcFqdn, prefix[0].slice(1), prefix[1].slice(1).toUpperCase());
  }

  if (prefix.length === 0) {
    if (svc.spec?.type === 'ExternalName') {
      const target = normalize(svc.spec.externalName ?? '');
      return { rcode: 'NOERROR', records: target ? [{ type: 'CNAME', name, target }] : [] };
    }
    if (qtype !== 'A') return { rcode: 'NOERROR', records: [] };
    if (!isHeadless(svc)) {
      const ip = svc.spec?.clusterIP;
      return ip ? aRecords(name, [ip]) : NXDOMAIN;
    }
    return aRecords(
      name,
      readyEndpoints(store, svc).map((e) => e.address),
    );
  }

  // <host>.<svc>.<ns>.svc: endpoints of headless Services only.
  if (prefix.length === 1 && isHeadless(svc)) {
    const matching = readyEndpoints(store, svc).filter((e) => e.label === prefix[0]);
    if (matching.length === 0) return NXDOMAIN;
    if (qtype !== 'A') return { rcode: 'NOERROR', records: [] };
    return aRecords(
      name,
      matching.map((e) => e.address),
    );
  }
  return NXDOMAIN;
}

function srv(
  store: Store,
  svc: Stored<Service>,
  name: string,
  svcFqdn: string,
  portName: string,
  protocol: string,
): DnsAnswer {
  const targets: { port: number; target: string }[] = [];
  if (!isHeadless(svc)) {
    for (const p of svc.spec?.ports ?? []) {
      if (p.name && p.name.toLowerCase() === portName && (p.protocol ?? 'TCP') === protocol)
        targets.push({ port: p.port, target: svcFqdn });
    }
  } else {
    for (const e of readyEndpoints(store, svc)) {
      for (const p of e.ports) {
        if (p.name && p.name.toLowerCase() === portName && p.protocol === protocol)
          targets.push({ port: p.port, target: `${e.label}.${svcFqdn}` });
      }
    }
  }
  if (targets.length === 0) return NXDOMAIN;
  const weight = Math.floor(100 / targets.length);
  return {
    rcode: 'NOERROR',
    records: targets
      .sort((a, b) => a.target.localeCompare(b.target) || a.port - b.port)
      .map((t) => ({ type: 'SRV' as const, name, priority: 0, weight, port: t.port, target: t.target })),
  };
}

function reverse(store: Store, name: string, zone: string): DnsAnswer {
  const parts = name.slice(0, -'.in-addr.arpa'.length).split('.');
  if (parts.length !== 4) return NXDOMAIN;
  const ip = [...parts].reverse().join('.');
  const records: DnsRecord[] = [];
  for (const svc of store.list<Service>('Service')) {
    const ns = svc.metadata.namespace ?? 'default';
    const fqdn = `${svc.metadata.name.toLowerCase()}.${ns}.svc.${zone}`;
    if (!isHeadless(svc)) {
      if ((svc.spec?.clusterIPs ?? [svc.spec?.clusterIP]).includes(ip))
        records.push({ type: 'PTR', name, target: fqdn });
      continue;
    }
    for (const e of readyEndpoints(store, svc))
      if (e.address === ip) records.push({ type: 'PTR', name, target: `${e.label}.${fqdn}` });
  }
  return records.length ? { rcode: 'NOERROR', records } : NXDOMAIN;
}

/**
 * The names a pod's resolver tries for `name`, in order: with fewer than ndots (5) dots the search
 * list first (`<ns>.svc.<zone>`, `svc.<zone>`, `<zone>`), then the name itself; with more, the
 * name first. A trailing dot makes the name absolute.
 */
export function searchList(
  name: string,
  searchNamespace: string | undefined,
  zone = CLUSTER_DOMAIN,
): string[] {
  const trimmed = name.trim();
  if (trimmed.endsWith('.') || searchNamespace === undefined) return [normalize(trimmed)];
  const n = normalize(trimmed);
  const search = [`${searchNamespace}.svc.${zone}`, `svc.${zone}`, zone].map((d) => `${n}.${normalize(d)}`);
  const dots = n.split('.').length - 1;
  return dots >= NDOTS ? [n, ...search] : [...search, n];
}

/**
 * The IPv4 addresses `name` resolves to (A records, sorted), as a pod of `searchNamespace` would
 * see them, or as an absolute name without it. CNAMEs (ExternalName Services) are followed inside
 * the cluster; names outside it resolve to nothing here.
 */
export function resolve(store: Store, name: string, opts: ResolveOptions = {}): string[] {
  return resolveWithName(store, name, opts).ips;
}

/** resolve, also telling which candidate of the search list answered. */
function resolveWithName(
  store: Store,
  name: string,
  opts: ResolveOptions,
): { ips: string[]; answered?: string } {
  for (const candidate of searchList(name, opts.searchNamespace, opts.zone)) {
    const ips = resolveAbsolute(store, candidate, opts, 0);
    if (ips.length) return { ips, answered: candidate };
  }
  return { ips: [] };
}

function resolveAbsolute(store: Store, name: string, opts: LookupOptions, depth: number): string[] {
  const answer = lookup(store, name, 'A', opts);
  const ips: string[] = [];
  for (const r of answer.records) {
    if (r.type === 'A') ips.push(r.address);
    else if (r.type === 'CNAME' && depth < 8) ips.push(...resolveAbsolute(store, r.target, opts, depth + 1));
  }
  return [...new Set(ips)].sort(byIp);
}

/** The namespace a cluster name is in (`…<ns>.svc.<zone>` or `…<ns>.pod.<zone>`), if it says. */
function namespaceOf(name: string, zone: string): string | undefined {
  const n = normalize(name);
  const z = normalize(zone);
  if (!n.endsWith(`.${z}`)) return undefined;
  const labels = n.slice(0, -(z.length + 1)).split('.');
  const kind = labels[labels.length - 1];
  if ((kind === 'svc' || kind === 'pod') && labels.length >= 3) return labels[labels.length - 2];
  return undefined;
}

/**
 * Whether `name` currently resolves to the IP of pod `podName`. The pod is looked up in
 * `opts.namespace`, else the namespace of the name that answered (`…<ns>.svc.<zone>`), else
 * `searchNamespace`, else `default`.
 * False when the pod does not exist or has no IP yet.
 */
export function resolvesToPod(
  store: Store,
  name: string,
  podName: string,
  opts: ResolveOptions & { namespace?: string } = {},
): boolean {
  const zone = opts.zone ?? CLUSTER_DOMAIN;
  const { ips, answered } = resolveWithName(store, name, opts);
  const ns =
    opts.namespace ??
    (answered ? namespaceOf(answered, zone) : undefined) ??
    namespaceOf(name, zone) ??
    opts.searchNamespace ??
    'default';
  const pod = store.get<Pod>('Pod', ns, podName);
  const ip = pod?.status?.podIP;
  if (!ip) return false;
  return ips.includes(ip);
}
