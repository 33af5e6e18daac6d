/**
 * The admission chain the store runs on every write: defaulting, then validation. The functions
 * here are the seam; engine/api/defaults.ts and engine/api/validation.ts fill it per kind.
 */
import type { FieldError } from '../api/errors';
import type { KObject, Stored } from '../api/types';
import { defaultObject } from '../api/defaults';
import { validateObject, validateObjectUpdate, validateObjectStatus } from '../api/validation';

export const admission = {
  default(obj: KObject): void {
    defaultObject(obj);
  },
  validateCreate(obj: KObject): FieldError[] {
    return validateObject(obj);
  },
  validateUpdate(obj: KObject, old: Stored): FieldError[] {
    return validateObjectUpdate(obj, old);
  },
  validateStatus(obj: KObject, old: Stored): FieldError[] {
    return validateObjectStatus(obj, old);
  },
};
