/**
 * Kubernetes resource quantities (staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go):
 * `<sign><digits>[.<digits>]<suffix>` where the suffix is binary (Ki Mi Gi Ti Pi Ei), decimal
 * (n u m "" k M G T P E) or an exponent (`e3`, `E-2`). Worked examples: `100m` CPU = 0.1 core =
 * 100 millicores; `1.5` = 1500m; `128Mi` = 134217728 bytes; `1G` = 1e9 bytes; `1e3` = 1000.
 * Like Quantity.MilliValue / Value, conversions to integers round up.
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
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

/** A quantity as a number of base units (cores, bytes, pods). Throws on a malformed quantity. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined || q === '') return 0;
  if (typeof q === 'number') return q;
  const m = QUANTITY.exec(q.trim());
  if (!m)
    throw new Error(
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
  const [, sign, digits, suffix, exponent] = m;
  let value = Number(digits);
  if (suffix && BINARY[suffix] !== undefined) value *= BINARY[suffix];
  else if (suffix !== undefined) value = scale10(value, DECIMAL[suffix]);
  else if (exponent !== undefined) value = scale10(value, Number(exponent));
  return sign === '-' ? -value : value;
}

/** Multiplies by 10^exp without the binary rounding of `x * 10 ** -3` (0.1 * 1000 stays 100). */
function scale10(x: number, exp: number): number {
  return exp === 0 ? x : Number((x * 10 ** exp).toPrecision(15));
}

/** CPU in millicores, rounded up (Quantity.MilliValue): `250m` → 250, `0.5` → 500, `2` → 2000. */
export function milliCpu(q: string | number | undefined): number {
  return Math.ceil(Math.round(parseQuantity(q) * 1000 * 1e6) / 1e6);
}

/** A quantity as an integer number of units, rounded up (Quantity.Value): `128Mi` → 134217728. */
export function quantityValue(q: string | number | undefined): number {
  return Math.ceil(Math.round(parseQuantity(q) * 1e6) / 1e6);
}
