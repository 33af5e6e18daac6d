/** Helpers shared by the verbs: flag sets, object lookup, kubectl's wording of common errors. */
import {
  ApiError,
  kindInfo,
  kubectlMessage,
  notFound,
  parseSelector,
  type KindInfo,
  type Selector,
} from '../../engine';
import type { Ctx, Obj } from '../context';
import { fail, KubectlError } from '../errors';
import type { FlagSpec } from '../flags';
import { matchesFields, parseFieldSelector, unsupportedField, FieldSelectorError } from '../fieldselector';

export const OUTPUT_FLAG: FlagSpec = { name: 'output', short: 'o', type: 'string', default: '' };
export const SELECTOR_FLAG: FlagSpec = { name: 'selector', short: 'l', type: 'string', default: '' };
export const FILENAME_FLAG: FlagSpec = { name: 'filename', short: 'f', type: 'stringSlice' };
export const RECURSIVE_FLAG: FlagSpec = { name: 'recursive', short: 'R', type: 'bool' };
export const DRY_RUN_FLAG: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: 'none',
  noOptDefault: 'unchanged',
};
export const ALL_NAMESPACES_FLAG: FlagSpec = { name: 'all-namespaces', short: 'A', type: 'bool' };
export const FIELD_SELECTOR_FLAG: FlagSpec = { name: 'field-selector', type: 'string', default: '' };
export const RECORD_FLAG: FlagSpec = { name: 'record', type: 'bool' };
export const SHOW_MANAGED_FIELDS_FLAG: FlagSpec = { name: 'show-managed-fields', type: 'bool' };
export const TEMPLATE_FLAG: FlagSpec = { name: 'template', type: 'string', default: '' };
export const ALLOW_MISSING_FLAG: FlagSpec = {
  name: 'allow-missing-template-keys',
  type: 'bool',
  default: true,
};
/** kubectl's PrintFlags beyond -o: what every verb that can print the object it wrote accepts. */
export const PRINT_FLAGS: FlagSpec[] = [SHOW_MANAGED_FIELDS_FLAG, TEMPLATE_FLAG, ALLOW_MISSING_FLAG];

/** The suffix kubectl adds to a result line under --dry-run: ` (dry run)` or ` (server dry run)`. */
export function dryRunSuffix(dry: 'client' | 'server' | undefined): string {
  return dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
}

export const FIELD_MANAGER_FLAG: FlagSpec = { name: 'field-manager', type: 'string', default: 'kubectl' };
export const KUSTOMIZE_FLAG: FlagSpec = { name: 'kustomize', short: 'k', type: 'string', default: '' };

export function labelSelector(text: string): Selector | undefined {
  if (!text) return undefined;
  try {
    return parseSelector(text);
  } catch (e) {
    fail((e as Error).message);
  }
}

/** `Error from server (NotFound): deployments.apps "web" not found` */
export function notFoundText(kind: string, name: string): string {
  return `Error from server (NotFound): ${notFound(kind, name).message}`;
}

export function getObject(ctx: Ctx, info: KindInfo, name: string, namespace = ctx.namespace): Obj {
  const obj = ctx.store.get(info.kind, namespace, name);
  if (!obj) throw new KubectlError(notFoundText(info.kind, name));
  return obj;
}

export interface ListSpec {
  namespace?: string; // undefined: all namespaces
  selector?: Selector;
  /** The -l text as given (for messages). */
  selectorText?: string;
  fieldSelector?: string;
}

/** Lists objects like the API server (label and field selectors; sorted by namespace/name). */
export function listObjects(ctx: Ctx, info: KindInfo, spec: ListSpec): Obj[] {
  let objs = ctx.store.list(info.kind, {
    namespace: info.namespaced ? spec.namespace : undefined,
    labels: spec.selector,
  });
  if (spec.fieldSelector) {
    let reqs;
    try {
      reqs = parseFieldSelector(spec.fieldSelector);
    } catch (e) {
      if (e instanceof FieldSelectorError) fail(e.message);
      throw e;
    }
    const bad = unsupportedField(info.kind, reqs);
    if (bad) {
      // resource.EnhanceListError
      const gvr = `${info.group}/${info.version}, Resource=${info.resource}`;
      throw new KubectlError(
        `Error from server (BadRequest): Unable to find ${JSON.stringify(gvr)} that match label selector ${JSON.stringify(spec.selectorText ?? '')}, field selector ${JSON.stringify(spec.fieldSelector)}: ${bad}`,
      );
    }
    objs = objs.filter((o) => matchesFields(o, info.kind, reqs));
  }
  return objs;
}

/** Runs a store write and renders an ApiError as kubectl does. */
export function apiCall<T>(fn: () => T, kind?: string, name?: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ApiError) throw new KubectlError(apiErrorText(e, kind, name));
    throw e;
  }
}

export function apiErrorText(e: ApiError, kind?: string, name?: string): string {
  return kubectlMessage(e, kind, name);
}

export { kindInfo };
