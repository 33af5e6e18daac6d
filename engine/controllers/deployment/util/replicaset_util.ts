/**
 * ReplicaSet helpers the deployment controller shares with kubectl: the pod-template-hash
 * (pkg/controller/controller_utils.go `ComputeHash`, apimachinery `rand.SafeEncodeString`), the sort
 * orders of controller_utils.go (`ReplicaSetsByCreationTimestamp`, `ReplicaSetsBySizeOlder`,
 * `ReplicaSetsBySizeNewer`) and `FilterActiveReplicaSets`.
 */
import type { PodTemplateSpec, ReplicaSet } from '../../../api/types';
import { fromTimestamp } from '../../../api/time';
import { canonicalJson } from '../../../util/clone';

/** The label (and selector key) that tells the ReplicaSets of one Deployment apart. */
export const DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY = 'pod-template-hash';

/** The API server's generateName alphabet, also used to encode the hash (no vowels, no 0/1/3). */
export const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1a, 32 bit, over bytes; `h` continues an earlier hash. */
export function fnv32a(bytes: Uint8Array, h = FNV32_OFFSET): number {
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h >>> 0;
}

/**
 * rand.SafeEncodeString: every character c becomes ALPHANUMS[code(c) % 27]. On the decimal string of
 * a hash this maps 0→4 1→5 2→6 3→7 4→8 5→9 6→b 7→c 8→d 9→f.
 */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/**
 * controller.ComputeHash: FNV-1a 32 of the pod template, then, when collisionCount is set (0 included),
 * its 8 bytes (uint32 little-endian and four zero bytes); the decimal sum is encoded with
 * `safeEncodeString`, so a hash is 1–10 characters of `{4,5,6,7,8,9,b,c,d,f}` (e.g. `66b6c48dd5`).
 *
 * Divergence (docs/divergences.md): Kubernetes hashes a go-spew dump of the Go struct; we hash our
 * canonical JSON of the template (sorted keys), so the digits differ from a real cluster's while every
 * property that matters holds: deterministic, template-sensitive, collisionCount-sensitive, and nil
 * differs from 0.
 */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number | null): string {
  let h = fnv32a(Buffer.from(canonicalJson(template ?? {}), 'utf8'));
  if (collisionCount !== undefined && collisionCount !== null) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(bytes, h);
  }
  return safeEncodeString(String(h));
}

/** `*rs.Spec.Replicas` (the API default is 1). */
export function specReplicas(rs: ReplicaSet | undefined | null): number {
  return rs?.spec?.replicas ?? 1;
}

function creationMs(rs: ReplicaSet): number {
  return fromTimestamp(rs.metadata?.creationTimestamp) ?? Number.NEGATIVE_INFINITY;
}

function nameOf(rs: ReplicaSet): string {
  return rs.metadata?.name ?? '';
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ReplicaSetsByCreationTimestamp: oldest first; equal timestamps (second precision) by name. */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const ta = creationMs(a);
  const tb = creationMs(b);
  if (ta === tb) return compareStrings(nameOf(a), nameOf(b));
  return ta < tb ? -1 : 1;
}

/** ReplicaSetsBySizeOlder: larger spec.replicas first; equal sizes older first (for scaling down). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  const d = specReplicas(b) - specReplicas(a);
  return d !== 0 ? d : byCreationTimestamp(a, b);
}

/** ReplicaSetsBySizeNewer: larger spec.replicas first; equal sizes newer first (for scaling up). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  const d = specReplicas(b) - specReplicas(a);
  return d !== 0 ? d : byCreationTimestamp(b, a);
}

/** FilterActiveReplicaSets: the non-nil ReplicaSets with spec.replicas > 0. */
export function filterActiveReplicaSets<T extends ReplicaSet>(rss: readonly (T | null | undefined)[]): T[] {
  const out: T[] = [];
  for (const rs of rss) if (rs && specReplicas(rs) > 0) out.push(rs);
  return out;
}
