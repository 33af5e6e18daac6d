/**
 * ClusterIP and NodePort allocation, as the API server's Service storage does it on create.
 *
 * Mirrors `pkg/registry/core/service/ipallocator/bitmap.go` (`NewInternalCIDRRange`,
 * `AllocateNext` with `randomScanStrategyWithOffset`, `calculateRangeOffset`) and
 * `pkg/registry/core/service/portallocator`, `pkg/registry/core/service/storage/alloc.go`.
 *
 * The range is kubeadm's default service CIDR 10.96.0.0/12: usable addresses 10.96.0.1 …
 * 10.111.255.254 (the network and broadcast addresses are never handed out), 1 048 574 of them.
 * The lowest 256 (10.96.0.1 … 10.96.1.0) are the static band, kept for IPs users pick
 * (`kubernetes` is 10.96.0.1, kube-dns 10.96.0.10): dynamic allocation draws a random address in
 * the upper band and scans upwards (wrapping) to the first free one, and falls back to the static
 * band only when the upper one is full. The randomness comes from the cluster's seeded PRNG.
 * An address is allocated while some Service holds it in spec.clusterIPs, so it is never handed
 * out twice while in use, and is free again once its Service is gone.
 *
 * NodePorts: 30000-32767, random then scanning, likewise.
 */
import type { Store } from '../../store/store';
import type { Service, Stored } from '../../api/types';
import { invalidError, type FieldError } from '../../api/errors';
import type { Prng } from '../../runtime/prng';

export const SERVICE_CIDR = '10.96.0.0/12';
export const NODE_PORT_RANGE = { base: 30000, size: 2768 };

export interface CidrRange {
  cidr: string;
  /** The network address as an unsigned 32-bit number. */
  network: number;
  /** Usable addresses (without network and broadcast). */
  size: number;
  /** Size of the static band at the bottom of the range. */
  staticBand: number;
}

export function parseIPv4(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** calculateRangeOffset: the static band is size/16, clamped to [16, 256] (0 for tiny ranges). */
function staticBandOf(size: number): number {
  if (size < 16) return 0;
  return Math.min(256, Math.max(16, Math.floor(size / 16)));
}

export function parseCidr(cidr: string): CidrRange {
  const [ip, bitsText] = cidr.split('/');
  const base = parseIPv4(ip);
  const bits = Number(bitsText);
  if (base === undefined || !Number.isInteger(bits) || bits < 1 || bits > 30)
    throw new Error(`invalid CIDR ${cidr}`);
  const total = 2 ** (32 - bits);
  const network = base - (base % total);
  const size = total - 2;
  return { cidr, network, size, staticBand: staticBandOf(size) };
}

export const DEFAULT_RANGE = parseCidr(SERVICE_CIDR);

/** The IP at an offset of the range (offset 0 is network + 1). */
export function ipAt(range: CidrRange, offset: number): string {
  return formatIPv4(range.network + 1 + offset);
}

/** The offset of ip in the range, or undefined when ip is not a usable address of it. */
export function offsetOf(range: CidrRange, ip: string): number | undefined {
  const n = parseIPv4(ip);
  if (n === undefined) return undefined;
  const off = n - range.network - 1;
  return off >= 0 && off < range.size ? off : undefined;
}

/** The IPs Services hold, each with its first holder (oldest creationTimestamp, then namespace/name). */
export function allocatedClusterIPs(store: Store, except?: string): Map<string, Stored<Service>> {
  const services = store
    .list<Service>('Service')
    .filter((s) => s.metadata.uid !== except)
    .sort(
      (a, b) =>
        (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
        (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
        a.metadata.name.localeCompare(b.metadata.name),
    );
  const out = new Map<string, Stored<Service>>();
  for (const s of services) {
    for (const ip of serviceIPs(s)) if (!out.has(ip)) out.set(ip, s);
  }
  return out;
}

/** spec.clusterIPs (or spec.clusterIP), without "None". */
export function serviceIPs(svc: Service): string[] {
  const ips = svc.spec?.clusterIPs?.length
    ? svc.spec.clusterIPs
    : svc.spec?.clusterIP
      ? [svc.spec.clusterIP]
      : [];
  return ips.filter((ip) => ip && ip !== 'None');
}

/**
 * randomScanStrategyWithOffset: a random start in the dynamic band [staticBand, size), scanning up
 * and wrapping inside the band; then the same inside the static band. Undefined when full.
 */
export function allocateNext(range: CidrRange, used: ReadonlySet<string>, rand: Prng): string | undefined {
  const bands: [number, number][] = [
    [range.staticBand, range.size],
    [0, range.staticBand],
  ];
  for (const [lo, hi] of bands) {
    const n = hi - lo;
    if (n <= 0) continue;
    const start = rand.int(n);
    for (let i = 0; i < n; i++) {
      const ip = ipAt(range, lo + ((start + i) % n));
      if (!used.has(ip)) return ip;
    }
  }
  return undefined;
}

/** Node ports Services hold. */
export function allocatedNodePorts(store: Store, except?: string): Set<number> {
  const out = new Set<number>();
  for (const s of store.list<Service>('Service')) {
    if (s.metadata.uid === except) continue;
    for (const p of s.spec?.ports ?? []) if (p.nodePort) out.add(p.nodePort);
  }
  return out;
}

export function allocateNextNodePort(used: ReadonlySet<number>, rand: Prng): number | undefined {
  const { base, size } = NODE_PORT_RANGE;
  const start = rand.int(size);
  for (let i = 0; i < size; i++) {
    const port = base + ((start + i) % size);
    if (!used.has(port)) return port;
  }
  return undefined;
}

export function needsNodePorts(svc: Service): boolean {
  const type = svc.spec?.type ?? 'ClusterIP';
  if (type === 'NodePort') return true;
  return type === 'LoadBalancer' && svc.spec?.allocateLoadBalancerNodePorts !== false;
}

/**
 * The Service storage's allocation on create, for the API server's admission chain: a Service of
 * type ClusterIP, NodePort or LoadBalancer without spec.clusterIP gets one; a chosen one must be in
 * range and free; `None` stays headless; clusterIPs, ipFamilies and ipFamilyPolicy are filled in;
 * NodePort and LoadBalancer ports get node ports. Mutates svc; throws the API server's Invalid error.
 */
export function allocateServiceAddresses(store: Store, svc: Service, range: CidrRange = DEFAULT_RANGE): void {
  const errs = assignServiceAddresses(store, svc, store.runtime.rand, range);
  if (errs.length) throw invalidError('Service', svc.metadata?.name ?? '', errs);
}

/** The allocation itself; returns the field errors instead of throwing. */
export function assignServiceAddresses(
  store: Store,
  svc: Service,
  rand: Prng,
  range: CidrRange = DEFAULT_RANGE,
): FieldError[] {
  const errs: FieldError[] = [];
  const spec = (svc.spec ??= {});
  const type = spec.type ?? 'ClusterIP';
  if (type === 'ExternalName') return errs;
  const self = svc.metadata?.uid;
  if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
  if (!spec.clusterIP) {
    const ip = allocateNext(range, new Set(allocatedClusterIPs(store, self).keys()), rand);
    if (!ip) {
      errs.push({ field: 'spec.clusterIPs', type: 'Invalid value', value: [], detail: 'range is full' });
      return errs;
    }
    spec.clusterIP = ip;
  } else if (spec.clusterIP !== 'None') {
    const ip = spec.clusterIP;
    if (offsetOf(range, ip) === undefined) {
      errs.push({
        field: 'spec.clusterIPs',
        type: 'Invalid value',
        value: [ip],
        detail: `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${range.cidr}`,
      });
    } else if (allocatedClusterIPs(store, self).has(ip)) {
      errs.push({
        field: 'spec.clusterIPs',
        type: 'Invalid value',
        value: [ip],
        detail: `failed to allocate IP ${ip}: provided IP is already allocated`,
      });
    }
  }
  if (!spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
  if (!spec.ipFamilyPolicy) {
    const headlessWithoutSelector =
      spec.clusterIP === 'None' && Object.keys(spec.selector ?? {}).length === 0;
    spec.ipFamilyPolicy = headlessWithoutSelector ? 'RequireDualStack' : 'SingleStack';
  }
  if (needsNodePorts(svc)) {
    const used = allocatedNodePorts(store, self);
    (spec.ports ?? []).forEach((p, i) => {
      if (p.nodePort) {
        if (p.nodePort < NODE_PORT_RANGE.base || p.nodePort >= NODE_PORT_RANGE.base + NODE_PORT_RANGE.size) {
          errs.push({
            field: `spec.ports[${i}].nodePort`,
            type: 'Invalid value',
            value: p.nodePort,
            detail: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.base}-${NODE_PORT_RANGE.base + NODE_PORT_RANGE.size - 1}`,
          });
        } else if (used.has(p.nodePort)) {
          errs.push({
            field: `spec.ports[${i}].nodePort`,
            type: 'Invalid value',
            value: p.nodePort,
            detail: 'provided port is already allocated',
          });
        }
        used.add(p.nodePort);
        return;
      }
      const port = allocateNextNodePort(used, rand);
      if (port !== undefined) {
        p.nodePort = port;
        used.add(port);
      }
    });
  }
  return errs;
}
