/**
 * Storage quantities for the binder, which only compares sizes: a quantity becomes a number of bytes
 * rounded up to an integer, as `Quantity.Value()` rounds (parser in engine/api/quantity.ts).
 */
import { tryIntegerQuantity } from '../../api/quantity';

export { tryIntegerQuantity as parseQuantity };

/** The storage a volume offers or a claim requests, in bytes (0 when absent or malformed). */
export function storageBytes(resources: Record<string, string | number> | undefined): number {
  return tryIntegerQuantity(resources?.storage) ?? 0;
}
