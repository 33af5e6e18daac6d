/**
 * Client-side `kubectl apply` and `kubectl create`, as pure functions over a cluster that the scenario
 * steps reuse (`Given the manifest:` applies like `kubectl apply`).
 *
 * apply (staging/src/k8s.io/kubectl/pkg/cmd/apply): an absent object is created with the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation (the manifest as compact JSON with
 * sorted keys, its own annotation removed, and a trailing newline); a present one gets the three-way
 * strategic merge patch of (last applied, manifest, live) — so a field dropped from the manifest is
 * removed — and nothing happens when that patch is `{}` ("unchanged").
 */
import type { Cluster, KObject, Stored } from '../engine';
import { ApiError, allKinds, apiVersionOf, kindInfo, type KindInfo } from '../engine';
import { kindRef } from './context';
import { goJson } from './json';
import { clone, createThreeWayMergePatch, PatchError, strategicMergePatch, type Json } from './patch';
import { patchErrorText } from './patcherrors';
import { dryRunSuffix } from './cmd/common';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ApplyOptions {
  /** Where the objects came from (a file path, `STDIN`), for messages. */
  source?: string;
  /** Namespace for namespaced objects without one (default `default`). */
  namespace?: string;
  /** Set when the user passed -n: a manifest in another namespace is then an error, as in kubectl. */
  enforceNamespace?: boolean;
  /** Action-log actor (default `kubectl-client-side-apply`). */
  actor?: string;
  /** 'client' or 'server' dry run: nothing is stored, lines end with (dry run) / (server dry run). */
  dryRun?: 'client' | 'server';
}

export interface ApplyResult {
  kind: string;
  name: string;
  namespace?: string;
  /** What happened; undefined when it failed. */
  action?: 'created' | 'configured' | 'unchanged';
  /** kubectl's stdout line, e.g. `deployment.apps/web configured`. */
  line?: string;
  /** kubectl's error text for this object (stderr), when it failed. */
  error?: string;
  /** The API error behind `error`, if any. */
  apiError?: ApiError;
  /** kubectl's warning (stderr), e.g. the missing last-applied annotation. */
  warning?: string;
  /** The stored object after the write. */
  object?: Stored;
  /** The patch sent (apply of an existing object). */
  patch?: Record<string, Json>;
}

function infoFor(obj: KObject): KindInfo | undefined {
  return allKinds.find((i) => i.kind === obj.kind && apiVersionOf(i) === obj.apiVersion);
}

/** The manifest as kubectl serialises it for the annotation (GetModifiedConfiguration). */
export function modifiedConfiguration(obj: KObject, annotate: boolean): { json: string; object: KObject } {
  const o = clone(obj) as KObject;
  o.metadata = { ...(o.metadata ?? {}) };
  const annotations = { ...(o.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  o.metadata.annotations = annotations;
  const json = goJson(o) + '\n';
  if (!annotate) return { json, object: o };
  o.metadata.annotations = { ...annotations, [LAST_APPLIED]: json };
  return { json: goJson(o) + '\n', object: o };
}

function namespaceFor(info: KindInfo, obj: KObject, opts: ApplyOptions): string | undefined {
  if (!info.namespaced) return undefined;
  const ns = opts.namespace ?? 'default';
  const own = obj.metadata?.namespace;
  if (own && opts.enforceNamespace && own !== ns)
    throw new Error(
      `the namespace from the provided object "${own}" does not match the namespace "${ns}". You must pass '--namespace=${own}' to perform this operation.`,
    );
  return own || ns;
}

function errorResult(base: ApplyResult, err: unknown, verb: string, source: string | undefined): ApplyResult {
  if (err instanceof ApiError) {
    return { ...base, error: apiErrorInContext(err, base.kind, base.name, verb, source), apiError: err };
  }
  if (err instanceof PatchError) return { ...base, error: patchErrorText(err) };
  return { ...base, error: `error: ${(err as Error).message}` };
}

/** cmdutil.AddSourceToErr + CheckErr: Invalid keeps kubectl's "The X is invalid" form. */
function apiErrorInContext(
  err: ApiError,
  kind: string,
  name: string,
  verb: string,
  source: string | undefined,
): string {
  if (err.reason === 'Invalid' && err.causes.length > 0) {
    const causes = err.causes.map((c) => formatCause(c));
    if (causes.length === 1) return `The ${kind} "${name}" is invalid: ${causes[0]}`;
    return `The ${kind} "${name}" is invalid: \n${causes.map((c) => `* ${c}`).join('\n')}`;
  }
  const msg = source ? `error when ${verb} ${JSON.stringify(source)}: ${err.message}` : err.message;
  return `Error from server (${err.reason}): ${msg}`;
}

import { formatFieldError } from '../engine';
function formatCause(c: Parameters<typeof formatFieldError>[0]): string {
  return formatFieldError(c);
}

/**
 * Applies objects like `kubectl apply -f`: one result per object, in order. Failures do not stop the
 * others (kubectl reports them at the end and exits 1).
 */
export function applyObjects(cluster: Cluster, objects: KObject[], opts: ApplyOptions = {}): ApplyResult[] {
  const actor = opts.actor ?? 'kubectl-client-side-apply';
  const dry = dryRunSuffix(opts.dryRun);
  const out: ApplyResult[] = [];
  for (const input of objects) {
    const info = infoFor(input);
    const name = input.metadata?.name ?? '';
    const base: ApplyResult = { kind: input.kind ?? '', name };
    if (!info) {
      out.push({
        ...base,
        error: `error: resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(input.metadata?.namespace ?? '')} from ${JSON.stringify(opts.source ?? '')}: no matches for kind ${JSON.stringify(input.kind)} in version ${JSON.stringify(input.apiVersion)}\nensure CRDs are installed first`,
      });
      continue;
    }
    let ns: string | undefined;
    try {
      ns = namespaceFor(info, input, opts);
    } catch (e) {
      out.push({ ...base, error: `error: ${(e as Error).message}` });
      continue;
    }
    base.namespace = ns;
    const obj = clone(input) as KObject;
    obj.metadata = { ...(obj.metadata ?? {}) };
    if (ns !== undefined) obj.metadata.namespace = ns;
    const ref = `${kindRef(info)}/${name}`;
    if (!name) {
      out.push({ ...base, error: 'error: resource name may not be empty' });
      continue;
    }
    const live = cluster.store.get(info.kind, ns, name);
    if (!live) {
      const { json } = modifiedConfiguration(obj, false);
      const toCreate = clone(obj) as KObject;
      toCreate.metadata = {
        ...toCreate.metadata,
        annotations: { ...(toCreate.metadata?.annotations ?? {}), [LAST_APPLIED]: json },
      };
      try {
        const created =
          opts.dryRun === 'client'
            ? undefined
            : cluster.store.create(toCreate, { actor, dryRun: !!opts.dryRun });
        out.push({
          ...base,
          action: 'created',
          line: `${ref} created${dry}`,
          object: created as Stored | undefined,
        });
      } catch (e) {
        out.push(errorResult(base, e, 'creating', opts.source));
      }
      continue;
    }
    const { object: modified } = modifiedConfiguration(obj, true);
    const lastJson = live.metadata.annotations?.[LAST_APPLIED];
    let original: Record<string, Json> | undefined;
    let warning: string | undefined;
    if (lastJson) {
      try {
        original = JSON.parse(lastJson) as Record<string, Json>;
      } catch {
        original = undefined;
      }
    } else {
      warning = `Warning: resource ${info.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`;
    }
    try {
      const current = clone(live) as unknown as Record<string, Json>;
      const patch = createThreeWayMergePatch(
        original,
        modified as unknown as Record<string, Json>,
        current,
        info.kind,
      );
      if (Object.keys(patch).length === 0) {
        out.push({
          ...base,
          action: 'unchanged',
          line: `${ref} unchanged${dry}`,
          object: live,
          warning,
          patch,
        });
        continue;
      }
      const patched = strategicMergePatch(current, patch, info.kind) as unknown as KObject;
      patched.metadata = { ...(patched.metadata ?? {}), resourceVersion: live.metadata.resourceVersion };
      const updated =
        opts.dryRun === 'client' ? live : cluster.store.update(patched, { actor, dryRun: !!opts.dryRun });
      out.push({
        ...base,
        action: 'configured',
        line: `${ref} configured${dry}`,
        object: updated,
        warning,
        patch,
      });
    } catch (e) {
      out.push({ ...errorResult(base, e, 'applying patch', opts.source), warning });
    }
  }
  return out;
}

/** `kubectl create -f`: creates each object; AlreadyExists and validation errors as kubectl words them. */
export function createObjects(
  cluster: Cluster,
  objects: KObject[],
  opts: ApplyOptions & { saveConfig?: boolean } = {},
): ApplyResult[] {
  const actor = opts.actor ?? 'kubectl-create';
  const dry = dryRunSuffix(opts.dryRun);
  const out: ApplyResult[] = [];
  for (const input of objects) {
    const info = infoFor(input);
    const name = input.metadata?.name ?? '';
    const base: ApplyResult = { kind: input.kind ?? '', name };
    if (!info) {
      out.push({
        ...base,
        error: `error: resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(input.metadata?.namespace ?? '')} from ${JSON.stringify(opts.source ?? '')}: no matches for kind ${JSON.stringify(input.kind)} in version ${JSON.stringify(input.apiVersion)}\nensure CRDs are installed first`,
      });
      continue;
    }
    let ns: string | undefined;
    try {
      ns = namespaceFor(info, input, opts);
    } catch (e) {
      out.push({ ...base, error: `error: ${(e as Error).message}` });
      continue;
    }
    const obj = clone(input) as KObject;
    obj.metadata = { ...(obj.metadata ?? {}) };
    if (ns !== undefined) obj.metadata.namespace = ns;
    if (opts.saveConfig) {
      const { json } = modifiedConfiguration(obj, false);
      obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: json };
    }
    try {
      const created =
        opts.dryRun === 'client' ? undefined : cluster.store.create(obj, { actor, dryRun: !!opts.dryRun });
      const shownName = created?.metadata.name ?? name;
      out.push({
        ...base,
        namespace: ns,
        action: 'created',
        line: `${kindRef(info)}/${shownName} created${dry}`,
        object: created as Stored | undefined,
      });
    } catch (e) {
      out.push(errorResult({ ...base, namespace: ns }, e, 'creating', opts.source));
    }
  }
  return out;
}

export { kindInfo };
