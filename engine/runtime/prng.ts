/**
 * The one seeded PRNG of a cluster (sfc32, seeded through splitmix32). Everything random in the
 * engine (uids, generated names, kubelet jitter) draws from it, so one seed gives one history.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    let s = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.uint32() / 4294967296) * n);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** An RFC 4122 version-4 UUID, as the API server assigns to metadata.uid. */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    // Version 4 in the high nibble of the third group, variant 10xx in the fourth.
    const b2 = ((b & 0xffff0fff) | 0x4000) >>> 0;
    const c2 = ((c & 0x3fffffff) | 0x80000000) >>> 0;
    return `${hex8(a)}-${hex4(b2 >>> 16)}-${hex4(b2)}-${hex4(c2 >>> 16)}-${hex4(c2)}${hex8(d)}`;
  }
}

/** Two lowercase hex digits per byte value (uuids are on every write's hot path). */
const HEX2: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The low 16 bits as 4 hex digits. */
function hex4(n: number): string {
  return HEX2[(n >>> 8) & 0xff] + HEX2[n & 0xff];
}

/** n (unsigned 32-bit) as 8 hex digits. */
function hex8(n: number): string {
  return HEX2[n >>> 24] + HEX2[(n >>> 16) & 0xff] + HEX2[(n >>> 8) & 0xff] + HEX2[n & 0xff];
}

/** FNV-1a 32-bit of a string's UTF-16 code units (used to turn string seeds into numbers). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
