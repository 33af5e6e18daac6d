/**
 * Applying loaded manifests to the store, and rendering a rejection with the line it came from.
 *
 * `applyObject` is a small client-side `kubectl apply`: create when absent, otherwise a three-way
 * merge of (live, last applied, desired), with the last applied configuration kept in the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation as kubectl keeps it. Maps merge
 * key by key; lists and scalars are replaced; a field that was in the last applied configuration and
 * is no longer in the manifest is removed. Fields nobody applied (those written by controllers, such
 * as a claim's `spec.volumeName`) are left alone.
 */
import { ApiError, kubectlMessage, formatFieldError } from '../api/errors';
import { kindInfo } from '../api/kinds';
import type { KObject, Stored } from '../api/types';
import type { Store } from '../store/store';
import { deepClone, deepEqual } from '../util/clone';
import type { ManifestDoc } from './load';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

export type ApplyOutcome = 'created' | 'configured' | 'unchanged';

/** `deployment.apps/web`, `pod/web-0`: how kubectl names an object in its messages. */
export function kubectlObjectName(kind: string, name: string): string {
  const info = kindInfo(kind);
  return `${info.singular}${info.group ? `.${info.group}` : ''}/${name}`;
}

/** Creates or three-way-merges one object. Throws ApiError when the API server rejects it. */
export function applyObject(
  store: Store,
  desired: KObject,
  actor = 'kubectl-client-side-apply',
): { outcome: ApplyOutcome; object: Stored } {
  const kind = desired.kind!;
  const name = desired.metadata?.name ?? '';
  const applied = withoutLastApplied(desired);
  const lastAppliedJson = JSON.stringify(applied);
  const live = name ? store.get(kind, desired.metadata?.namespace, name) : undefined;
  if (!live) {
    const obj = deepClone(desired);
    obj.metadata = {
      ...(obj.metadata ?? {}),
      annotations: { ...(obj.metadata?.annotations ?? {}), [LAST_APPLIED_ANNOTATION]: lastAppliedJson },
    };
    return { outcome: 'created', object: store.create(obj, { actor }) };
  }
  const lastJson = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  let last: Record<string, unknown> = {};
  if (lastJson) {
    try {
      last = JSON.parse(lastJson) as Record<string, unknown>;
    } catch {
      last = {};
    }
  }
  const merged = threeWayMerge(
    deepClone(live) as unknown as Record<string, unknown>,
    last,
    applied as unknown as Record<string, unknown>,
  ) as unknown as Stored;
  merged.metadata = {
    ...merged.metadata,
    annotations: { ...(merged.metadata.annotations ?? {}), [LAST_APPLIED_ANNOTATION]: lastAppliedJson },
  };
  // The write is a PUT of the merged object at the live resourceVersion.
  merged.metadata.resourceVersion = live.metadata.resourceVersion;
  const object = store.update(merged, { actor });
  return { outcome: object === live ? 'unchanged' : 'configured', object };
}

function withoutLastApplied(obj: KObject): KObject {
  const copy = deepClone(obj);
  const ann = copy.metadata?.annotations;
  if (ann && LAST_APPLIED_ANNOTATION in ann) {
    delete ann[LAST_APPLIED_ANNOTATION];
    if (Object.keys(ann).length === 0) delete copy.metadata!.annotations;
  }
  return copy;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** live ← desired, deleting what `last` had and `desired` no longer has. Status is never touched. */
export function threeWayMerge(
  live: Record<string, unknown>,
  last: Record<string, unknown>,
  desired: Record<string, unknown>,
  top = true,
): Record<string, unknown> {
  for (const k of Object.keys(last)) {
    if (top && k === 'status') continue;
    if (!(k in desired)) delete live[k];
  }
  for (const [k, v] of Object.entries(desired)) {
    if (top && k === 'status') continue;
    if (isMap(v) && isMap(live[k])) {
      live[k] = threeWayMerge(live[k] as Record<string, unknown>, isMap(last[k]) ? last[k] : {}, v, false);
    } else if (!deepEqual(live[k], v)) {
      live[k] = deepClone(v);
    }
  }
  return live;
}

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
