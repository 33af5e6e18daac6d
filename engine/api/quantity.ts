/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource/quantity.go), held exactly:
 * `<sign><digits>[.<digits>]<suffix>` where the suffix is binary (Ki Mi Gi Ti Pi Ei), decimal
 * (n u m "" k M G T P E) or an exponent (`e3`, `E-2`). Worked examples: `100m` CPU = 0.1 core =
 * 100 millicores; `1.5` = 1500m; `128Mi` = 134217728 bytes; `1G` = 1e9 bytes; `1e3` = 1000;
 * canonical forms `0.5` → `500m`, `1024Mi` → `1Gi`, `2000` → `2k`. Like Quantity.MilliValue / Value,
 * conversions to integers round up. The one parser the API server (schema, defaults, validation),
 * the scheduler, the volume binder and kubectl share.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact quantity: value = mantissa × 10^exponent. */
export interface Quantity {
  mantissa: bigint;
  exponent: number;
  format: QuantityFormat;
}

export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const DECIMAL_SUFFIX: Record<string, number> = {
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
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';

/**
 * Parses a quantity as `resource.ParseQuantity` does (JSON numbers are read from their text).
 * Returns the error message for a malformed one. Values finer than 1n are rounded up to 1n.
 */
export function parseQuantity(input: unknown): Quantity | string {
  let str: string;
  if (typeof input === 'string') str = input;
  else if (typeof input === 'number') str = String(input);
  else if (typeof input === 'boolean') str = String(input);
  else return QUANTITY_FORMAT_ERROR;
  if (str.length === 0) return QUANTITY_FORMAT_ERROR;
  let pos = 0;
  let negative = false;
  if (str[pos] === '+' || str[pos] === '-') {
    negative = str[pos] === '-';
    pos++;
  }
  let intDigits = '';
  while (pos < str.length && str[pos] >= '0' && str[pos] <= '9') intDigits += str[pos++];
  let fracDigits = '';
  if (pos < str.length && str[pos] === '.') {
    pos++;
    while (pos < str.length && str[pos] >= '0' && str[pos] <= '9') fracDigits += str[pos++];
  }
  if (intDigits.length === 0 && fracDigits.length === 0) return QUANTITY_FORMAT_ERROR;
  const suffixStart = pos;
  while (pos < str.length && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (pos < str.length && (str[pos] === '+' || str[pos] === '-')) pos++;
  while (pos < str.length && str[pos] >= '0' && str[pos] <= '9') pos++;
  if (pos !== str.length) return QUANTITY_FORMAT_ERROR;
  const suffix = str.slice(suffixStart);

  let format: QuantityFormat;
  let exponent10 = 0;
  let binaryExponent = 0;
  if (suffix in DECIMAL_SUFFIX) {
    format = 'DecimalSI';
    exponent10 = DECIMAL_SUFFIX[suffix];
  } else if (suffix in BINARY_SUFFIX) {
    format = 'BinarySI';
    binaryExponent = BINARY_SUFFIX[suffix];
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    exponent10 = Number(suffix.slice(1));
  } else {
    return QUANTITY_SUFFIX_ERROR;
  }
  let mantissa = BigInt((intDigits || '0') + fracDigits);
  const exponent = exponent10 - fracDigits.length;
  if (binaryExponent) mantissa *= 1n << BigInt(binaryExponent);
  if (negative) mantissa = -mantissa;
  return roundUpTo({ mantissa, exponent, format }, -9);
}

/** Rounds away from zero to 10^scale (inf.RoundUp), as Quantity.RoundUp does. */
export function roundUpTo(q: Quantity, scale: number): Quantity {
  if (q.exponent >= scale) return normalize(q);
  const factor = 10n ** BigInt(scale - q.exponent);
  const abs = q.mantissa < 0n ? -q.mantissa : q.mantissa;
  let m = abs / factor;
  if (abs % factor !== 0n) m += 1n;
  return normalize({ mantissa: q.mantissa < 0n ? -m : m, exponent: scale, format: q.format });
}

/** Strips trailing decimal zeros from the mantissa (value unchanged). */
function normalize(q: Quantity): Quantity {
  let { mantissa, exponent } = q;
  if (mantissa === 0n) return { mantissa: 0n, exponent: 0, format: q.format };
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  return { mantissa, exponent, format: q.format };
}

function isIntegral(q: Quantity): boolean {
  return normalize(q).exponent >= 0;
}

function integerValue(q: Quantity): bigint {
  const n = normalize(q);
  return n.exponent >= 0 ? n.mantissa * 10n ** BigInt(n.exponent) : n.mantissa / 10n ** BigInt(-n.exponent);
}

/** Compares two quantities by value: -1, 0 or 1. */
export function compareQuantity(a: Quantity, b: Quantity): number {
  const e = Math.min(a.exponent, b.exponent);
  const x = a.mantissa * 10n ** BigInt(a.exponent - e);
  const y = b.mantissa * 10n ** BigInt(b.exponent - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Quantity.MilliValue: the value in thousandths, rounded up. */
export function milliValue(q: Quantity): bigint {
  return integerValue(roundUpTo({ ...q, exponent: q.exponent + 3 }, 0));
}

/** Quantity.Value: the value rounded up to an integer. */
export function quantityValue(q: Quantity): bigint {
  return integerValue(roundUpTo(q, 0));
}

/**
 * The canonical string of a quantity (`Quantity.String()` / `CanonicalizeBytes`): the largest
 * exponent (a multiple of 3, or a power of 1024 for binary) that keeps the mantissa an integer.
 * BinarySI values below 1024 or with a fraction are shown as DecimalSI.
 */
export function formatQuantity(q: Quantity): string {
  const n = normalize(q);
  if (n.mantissa === 0n) return '0';
  let format = n.format;
  if (format === 'BinarySI') {
    const abs = { ...n, mantissa: n.mantissa < 0n ? -n.mantissa : n.mantissa };
    const small = compareQuantity(abs, { mantissa: 1024n, exponent: 0, format: 'DecimalSI' }) < 0;
    if (small || !isIntegral(n)) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let value = integerValue(n);
    let e = 0;
    while (e < 60 && value % 1024n === 0n) {
      value /= 1024n;
      e += 10;
    }
    const suffix = Object.keys(BINARY_SUFFIX).find((k) => BINARY_SUFFIX[k] === e) ?? '';
    return `${value}${suffix}`;
  }
  let { mantissa, exponent } = n;
  const rem = ((exponent % 3) + 3) % 3;
  if (rem !== 0) {
    mantissa *= 10n ** BigInt(rem);
    exponent -= rem;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = Object.keys(DECIMAL_SUFFIX).find((k) => DECIMAL_SUFFIX[k] === exponent);
  return suffix === undefined ? `${mantissa}e${exponent}` : `${mantissa}${suffix}`;
}

/** Parses and returns the canonical string, or undefined for a malformed quantity. */
export function canonicalQuantity(input: unknown): string | undefined {
  const q = parseQuantity(input);
  return typeof q === 'string' ? undefined : formatQuantity(q);
}

/** A quantity as a JavaScript number of base units (correctly rounded from the exact value). */
export function quantityToNumber(q: Quantity): number {
  return Number(`${q.mantissa}e${q.exponent}`);
}

/** Parses input (surrounding blanks ignored) or throws the quantity format error. */
function parseOrThrow(q: string | number): Quantity {
  const parsed = parseQuantity(typeof q === 'string' ? q.trim() : q);
  if (typeof parsed === 'string') throw new Error(QUANTITY_FORMAT_ERROR);
  return parsed;
}

/**
 * A quantity as a number of base units (cores, bytes, pods): `100m` → 0.1, `128Mi` → 134217728.
 * Absent or empty is 0; throws on a malformed quantity.
 */
export function quantityNumber(q: string | number | undefined): number {
  if (q === undefined || q === '') return 0;
  if (typeof q === 'number') return q;
  return quantityToNumber(parseOrThrow(q));
}

/** CPU in millicores, rounded up (Quantity.MilliValue): `250m` → 250, `0.5` → 500, `2` → 2000. */
export function milliCpu(q: string | number | undefined): number {
  if (q === undefined || q === '') return 0;
  return Number(milliValue(parseOrThrow(q)));
}

/** A quantity as an integer number of units, rounded up (Quantity.Value): `128Mi` → 134217728. */
export function integerQuantity(q: string | number | undefined): number {
  if (q === undefined || q === '') return 0;
  return Number(quantityValue(parseOrThrow(q)));
}

/**
 * Quantity.Value without throwing: `1Gi` → 1073741824; `1.5G` → 1500000000; `100m` → 1 (rounded up).
 * Undefined when absent or malformed.
 */
export function tryIntegerQuantity(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  const parsed = parseQuantity(typeof q === 'string' ? q.trim() : q);
  return typeof parsed === 'string' ? undefined : Number(quantityValue(parsed));
}
