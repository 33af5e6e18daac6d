/**
 * The scheduler's quantity helpers, under the names its code uses; the parser is the shared one in
 * engine/api/quantity.ts.
 */
export { quantityNumber as parseQuantity, milliCpu, integerQuantity as quantityValue } from '../api/quantity';
