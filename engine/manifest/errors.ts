/**
 * Rendering an API rejection of a manifest document with the line it came from.
 */
import { ApiError, kubectlMessage, formatFieldError } from '../api/errors';
import type { ManifestDoc } from './load';

/**
 * The message for an API rejection of a manifest document, pinned to the line of the offending
 * field: `features/x.feature:14: The Deployment "web" is invalid: spec.replicas: Invalid value: -1:
 * must be greater than or equal to 0`. With several causes, one line per cause, each with its own
 * line number.
 */
export function applyErrorMessage(err: ApiError, doc: ManifestDoc): string {
  const kind = doc.object.kind ?? '';
  const name = doc.object.metadata?.name ?? '';
  if (err.reason === 'Invalid' && err.causes.length > 0) {
    const lines = err.causes.map((c) => doc.locate(c.field));
    if (err.causes.length === 1) return `${doc.source}:${lines[0]}: ${kubectlMessage(err, kind, name)}`;
    return [
      `${doc.source}:${lines[0]}: The ${kind} "${name}" is invalid:`,
      ...err.causes.map((c, i) => `${doc.source}:${lines[i]}: * ${formatFieldError(c)}`),
    ].join('\n');
  }
  return `${doc.source}:${doc.line}: ${kubectlMessage(err)}`;
}
