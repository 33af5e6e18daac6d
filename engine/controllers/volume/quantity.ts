/**
 * Storage quantities (`resource.Quantity` in k8s.io/apimachinery/pkg/api/resource): `1Gi`, `500Mi`,
 * `1G`, `1.5Gi`, `2e9`, `100m`. The binder only compares sizes, so a quantity becomes a number of
 * bytes rounded up to an integer, as `Quantity.Value()` rounds.
 */

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY =
  /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?[0-9]+))?$/;

/** `1Gi` → 1073741824; `1.5G` → 1500000000; `100m` → 1 (rounded up). Undefined when malformed. */
export function parseQuantity(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  if (typeof q === 'number') return Math.ceil(q);
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  let factor = 1;
  if (m[2] !== undefined) factor = BINARY[m[2]] ?? DECIMAL[m[2]];
  else if (m[3] !== undefined) factor = 10 ** Number(m[3]);
  const v = n * factor;
  // Float products such as 1.1 * 1e9 land a hair off the integer they mean.
  const nearest = Math.round(v);
  return Math.abs(v - nearest) <= 1e-9 * Math.max(1, Math.abs(v)) ? nearest : Math.ceil(v);
}

/** The storage a volume offers or a claim requests, in bytes (0 when absent or malformed). */
export function storageBytes(resources: Record<string, string | number> | undefined): number {
  return parseQuantity(resources?.storage) ?? 0;
}
