/**
 * resource.Quantity, as far as kubectl's describe output needs it: parsing (`100m`, `1Gi`, `2e3`),
 * adding, comparing, and the canonical String() form (largest suffix that keeps an integer mantissa:
 * `1000m` → `1`, `2000` → `2k`, `1536Mi` stays, binary values below 1Ki print in decimal).
 * Values are held in milli-units (exact for anything kubectl scenarios use); parsing and the
 * canonical form are engine/api/quantity.ts.
 */
import { QUANTITY_FORMAT_ERROR, formatQuantity, milliValue, parseQuantity } from '../engine/api/quantity';
import type { QuantityFormat } from '../engine/api/quantity';

export type { QuantityFormat };

export class Quantity {
  constructor(
    /** Value × 1000, rounded to an integer (Quantity rounds sub-milli values up). */
    readonly milli: number,
    readonly format: QuantityFormat = 'DecimalSI',
  ) {}

  static zero(): Quantity {
    return new Quantity(0, 'DecimalSI');
  }

  static parse(s: string): Quantity {
    const q = parseQuantity(s.trim());
    if (typeof q === 'string') throw new Error(QUANTITY_FORMAT_ERROR);
    return new Quantity(Number(milliValue(q)), q.format);
  }

  add(o: Quantity): Quantity {
    return new Quantity(this.milli + o.milli, this.format);
  }

  cmp(o: Quantity): number {
    return Math.sign(this.milli - o.milli);
  }

  /** MilliValue() */
  milliValue(): number {
    return this.milli;
  }

  /** Value(): rounded up to an integer. */
  value(): number {
    return Math.ceil(this.milli / 1000);
  }

  toString(): string {
    // A fractional DecimalExponent value keeps the `m` form here.
    const format = this.format === 'DecimalExponent' && this.milli % 1000 !== 0 ? 'DecimalSI' : this.format;
    return formatQuantity({ mantissa: BigInt(this.milli), exponent: -3, format });
  }
}

/** Sums named quantities into a list (for pod requests/limits). */
export function addResourceList(into: Map<string, Quantity>, list: Record<string, string> | undefined): void {
  for (const [name, v] of Object.entries(list ?? {})) {
    const q = Quantity.parse(String(v));
    const prev = into.get(name);
    into.set(name, prev ? prev.add(q) : q);
  }
}
