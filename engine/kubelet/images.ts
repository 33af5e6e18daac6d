/**
 * Image references as the container runtime reports them, pull policy defaults and the messages of
 * the simulated registry. `nginx:1.25` is reported as `docker.io/library/nginx:1.25` with imageID
 * `docker.io/library/nginx@sha256:<digest>`; the digest is a stable hash of the reference, so the
 * same image has the same imageID in every run and on every node.
 */
import type { Container } from '../api/types';
import { hashString } from '../runtime/prng';

const fullRefs = new Map<string, string>();
const imageIds = new Map<string, string>();

/** docker reference normalisation: `nginx` → `docker.io/library/nginx:latest`. */
export function fullImageRef(image: string): string {
  let full = fullRefs.get(image);
  if (full === undefined) {
    if (fullRefs.size > 10_000) fullRefs.clear();
    fullRefs.set(image, (full = normalizeReference(image)));
  }
  return full;
}

function normalizeReference(image: string): string {
  let rest = image;
  let domain = 'docker.io';
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      domain = first;
      rest = rest.slice(slash + 1);
    }
  }
  if (domain === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`;
  const lastSlash = rest.lastIndexOf('/');
  const tail = rest.slice(lastSlash + 1);
  if (!tail.includes(':') && !tail.includes('@')) rest += ':latest';
  return `${domain}/${rest}`;
}

/** The repository part of a full reference (tag and digest removed). */
function repository(full: string): string {
  const at = full.indexOf('@');
  const noDigest = at >= 0 ? full.slice(0, at) : full;
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', lastSlash + 1);
  return colon >= 0 ? noDigest.slice(0, colon) : noDigest;
}

/** 64 hex digits derived from s (eight FNV-1a rounds with different prefixes). */
export function stableHex64(s: string): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += hashString(`${i}:${s}`).toString(16).padStart(8, '0');
  return out;
}

/** The imageID a runtime reports: `docker.io/library/nginx@sha256:…`. */
export function imageIdOf(image: string): string {
  let id = imageIds.get(image);
  if (id === undefined) {
    if (imageIds.size > 10_000) imageIds.clear();
    imageIds.set(image, (id = computeImageId(image)));
  }
  return id;
}

function computeImageId(image: string): string {
  const full = fullImageRef(image);
  const at = full.indexOf('@');
  if (at >= 0) return `${repository(full)}${full.slice(at)}`;
  return `${repository(full)}@sha256:${stableHex64(full)}`;
}

/** API defaulting of imagePullPolicy: Always for `:latest` or an untagged image, else IfNotPresent. */
export function pullPolicyOf(c: Container): string {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  const image = c.image ?? '';
  const tail = image.slice(image.lastIndexOf('/') + 1);
  if (tail.includes('@')) return 'IfNotPresent';
  const colon = tail.indexOf(':');
  return colon < 0 || tail.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

/** What containerd answers for an image the simulated registry does not have. */
export function pullErrorMessage(image: string): string {
  const full = fullImageRef(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
}

/**
 * Go's time.Duration.String for whole milliseconds: 0 → `0s`, 250 → `250ms`, 1500 → `1.5s`,
 * 80000 → `1m20s`, 300000 → `5m0s`, 3600000 → `1h0m0s`.
 */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let v = Math.abs(Math.round(ms));
  if (v < 1000) return `${neg ? '-' : ''}${v}ms`;
  const h = Math.floor(v / 3_600_000);
  v -= h * 3_600_000;
  const m = Math.floor(v / 60_000);
  v -= m * 60_000;
  const secs = Math.floor(v / 1000);
  const frac = v % 1000;
  const s = frac ? `${secs}.${String(frac).padStart(3, '0').replace(/0+$/, '')}` : String(secs);
  let out = `${s}s`;
  if (h || m) out = `${m}m${out}`;
  if (h) out = `${h}h${out}`;
  return (neg ? '-' : '') + out;
}
