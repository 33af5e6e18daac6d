/**
 * Resolving the objects a mutating verb acts on (TYPE NAME…, TYPE/NAME…, -l, --all, -f) and
 * writing patched objects back the way the API server handles a PATCH.
 */
import { ApiError, kindInfo, type KObject, type KindInfo, type Stored } from '../../engine';
import type { Ctx, Obj } from '../context';
import { kindRef } from '../context';
import { fail, KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import {
  clone,
  createTwoWayMergePatch,
  jsonPatch,
  mergePatch,
  PatchError,
  strategicMergePatch,
  type Json,
} from '../patch';
import { patchErrorText } from '../patcherrors';
import { parseResourceArgs } from '../resources';
import { apiErrorText, labelSelector, listObjects, notFoundText } from './common';
import { readManifestArgs } from './files';

export interface Target {
  info: KindInfo;
  obj?: Obj;
  name: string;
  /** Set when the object does not exist. */
  error?: string;
}

export const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/**
 * The objects named by args (or -f files, or a selector). `requireName` rejects a bare TYPE
 * (`resource(s) were provided, but no name was specified`) unless -l or --all is given.
 */
export function resolveTargets(
  ctx: Ctx,
  f: ParsedFlags,
  args: string[],
  opts: { requireName?: boolean; allowAll?: boolean } = {},
): Target[] {
  const files = f.has('filename') ? f.strings('filename') : [];
  const selectorText = f.has('selector') ? f.string('selector') : '';
  const all = opts.allowAll && f.has('all') ? f.bool('all') : false;
  if (files.length && args.length)
    fail('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  const out: Target[] = [];
  if (files.length) {
    for (const m of readManifestArgs(ctx, files, f.has('recursive') && f.bool('recursive'))) {
      const name = m.object.metadata?.name ?? '';
      const ns = m.info.namespaced ? (m.object.metadata?.namespace ?? ctx.namespace) : undefined;
      const obj = ctx.store.get(m.info.kind, ns, name);
      out.push(
        obj ? { info: m.info, obj, name } : { info: m.info, name, error: notFoundText(m.info.kind, name) },
      );
    }
    return out;
  }
  if (args.length === 0) throw new KubectlError(`error: ${NO_RESOURCES}`);
  const reqs = parseResourceArgs(args);
  const selector = labelSelector(selectorText);
  for (const req of reqs) {
    if (req.names.length === 0) {
      if (!selector && !all) {
        if (opts.requireName === false) {
          out.push(
            ...listObjects(ctx, req.info, { namespace: ctx.namespace }).map((obj) => ({
              info: req.info,
              obj,
              name: obj.metadata.name,
            })),
          );
          continue;
        }
        fail('resource(s) were provided, but no name was specified');
      }
      for (const obj of listObjects(ctx, req.info, { namespace: ctx.namespace, selector }))
        out.push({ info: req.info, obj, name: obj.metadata.name });
      continue;
    }
    if (selector) fail('name cannot be provided when a selector is specified');
    for (const name of req.names) {
      const obj = ctx.store.get(req.info.kind, ctx.namespace, name);
      out.push(
        obj
          ? { info: req.info, obj, name }
          : { info: req.info, name, error: notFoundText(req.info.kind, name) },
      );
    }
  }
  return out;
}

export type PatchType = 'strategic' | 'merge' | 'json';

/** Applies a patch of the given type to a JSON object (what the API server does for PATCH). */
export function applyPatch(obj: KObject, type: PatchType, patch: Json): KObject {
  const doc = clone(obj) as unknown as Json;
  switch (type) {
    case 'strategic':
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch))
        throw new PatchError('json: cannot unmarshal array into Go value of type map[string]interface {}');
      return strategicMergePatch(
        doc as Record<string, Json>,
        patch as Record<string, Json>,
        obj.kind,
      ) as unknown as KObject;
    case 'merge':
      return mergePatch(doc, patch) as unknown as KObject;
    case 'json':
      return jsonPatch(doc, patch) as unknown as KObject;
  }
}

/**
 * Writes a patched object as the API server would: immutable identity is kept, status is ignored on
 * the main resource, and a write that changes nothing is a no-op. Returns the stored object and
 * whether it changed. API errors come back as kubectl's text.
 */
export function writePatched(ctx: Ctx, live: Obj, patched: KObject): { obj: Stored; changed: boolean } {
  if (patched === null || typeof patched !== 'object' || Array.isArray(patched))
    throw new KubectlError("Error from server (BadRequest): Object 'Kind' is missing");
  const next = clone(patched) as KObject;
  next.apiVersion = live.apiVersion;
  next.kind = live.kind;
  next.metadata = {
    ...(next.metadata ?? {}),
    name: live.metadata.name,
    namespace: live.metadata.namespace,
    uid: live.metadata.uid,
    resourceVersion: live.metadata.resourceVersion,
  };
  try {
    const obj = ctx.store.update(next, { actor: ctx.actor });
    return { obj, changed: obj.metadata.resourceVersion !== live.metadata.resourceVersion };
  } catch (e) {
    if (e instanceof ApiError) throw new ApiKubectlError(apiErrorText(e, live.kind, live.metadata.name), e);
    throw e;
  }
}

/** A KubectlError that came from the API server, keeping the server's own message. */
export class ApiKubectlError extends KubectlError {
  constructor(
    text: string,
    readonly api: ApiError,
  ) {
    super(text);
  }
}

/** Patches a live object; PatchErrors become kubectl's error text. */
export function patchLive(
  ctx: Ctx,
  live: Obj,
  type: PatchType,
  patch: Json,
): { obj: Stored; changed: boolean } {
  let patched: KObject;
  try {
    patched = applyPatch(live, type, patch);
  } catch (e) {
    if (e instanceof PatchError) throw new KubectlError(patchErrorText(e));
    throw e;
  }
  return writePatched(ctx, live, patched);
}

/** `kind.group/name` */
export function refOf(t: { info: KindInfo; name: string }): string {
  return `${kindRef(t.info)}/${t.name}`;
}

/** The two-way patch between an object and its modified copy (what `set`/`label` send). */
export function twoWayPatch(original: KObject, modified: KObject): Record<string, Json> {
  return createTwoWayMergePatch(
    clone(original) as unknown as Record<string, Json>,
    clone(modified) as unknown as Record<string, Json>,
    original.kind,
  );
}

export { kindInfo };
