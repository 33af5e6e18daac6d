/** How kubectl shows a patch the API server could not apply. */
import { PatchError } from './patch';

export function patchErrorText(e: PatchError): string {
  if (e.reason === 'Invalid') return `The request is invalid: ${e.message}`;
  return `Error from server (BadRequest): ${e.message}`;
}
