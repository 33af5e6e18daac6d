/**
 * Patches as the API server applies them and kubectl computes them, as pure functions over JSON data:
 *
 * - Strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch): maps merge key by key and
 *   `null` deletes; lists with a merge key (containers by `name`, ports by `containerPort`, …) merge
 *   item by item, `{"$patch": "delete", name: x}` removes an item, `{"$patch": "replace"}` replaces
 *   a list or map; primitive lists with the merge strategy (finalizers) take the union and honour
 *   `$deleteFromPrimitiveList/…`; `$setElementOrder/…` orders a merged list; `$retainKeys` clears
 *   fields of a retainKeys struct (a Deployment's `strategy`); other lists are replaced.
 * - CreateThreeWayMergePatch, for `kubectl apply`: deletions from the last-applied configuration to
 *   the manifest, plus changes and additions from the live object to the manifest.
 * - JSON merge patch (RFC 7386) and JSON patch (RFC 6902).
 *
 * The patch metadata (which lists merge, by which key) comes from the Go struct tags of the types
 * the engine serves (`patchStrategy`, `patchMergeKey`), written down in SCHEMA below.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JMap = { [k: string]: Json };

export class PatchError extends Error {
  constructor(
    message: string,
    /** How the API server classifies it: BadRequest (400) or Invalid/UnprocessableEntity (422). */
    readonly reason: 'BadRequest' | 'Invalid' = 'BadRequest',
  ) {
    super(message);
    this.name = 'PatchError';
  }
}

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_PRIMITIVE_PREFIX = '$deleteFromPrimitiveList';
const SET_ORDER_PREFIX = '$setElementOrder';

// ---------------------------------------------------------------------------------------------------
// Patch metadata

interface FieldMeta {
  /** The struct type of the field (or of the list's items). */
  type?: string;
  /** patchStrategy tag: 'merge', 'replace', 'retainKeys', 'merge,retainKeys'. */
  strategy?: string;
  /** patchMergeKey tag. */
  key?: string;
}

const SCHEMA: Record<string, Record<string, FieldMeta>> = {
  ObjectMeta: {
    finalizers: { strategy: 'merge' },
    ownerReferences: { strategy: 'merge', key: 'uid' },
  },
  PodTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' } },
  PodSpec: {
    volumes: { type: 'Volume', strategy: 'merge,retainKeys', key: 'name' },
    initContainers: { type: 'Container', strategy: 'merge', key: 'name' },
    containers: { type: 'Container', strategy: 'merge', key: 'name' },
    ephemeralContainers: { type: 'Container', strategy: 'merge', key: 'name' },
    imagePullSecrets: { strategy: 'merge', key: 'name' },
    hostAliases: { strategy: 'merge', key: 'ip' },
    topologySpreadConstraints: { strategy: 'merge', key: 'topologyKey' },
    schedulingGates: { strategy: 'merge', key: 'name' },
    resourceClaims: { strategy: 'merge,retainKeys', key: 'name' },
  },
  Container: {
    ports: { strategy: 'merge', key: 'containerPort' },
    env: { strategy: 'merge', key: 'name' },
    volumeMounts: { strategy: 'merge', key: 'mountPath' },
    volumeDevices: { strategy: 'merge', key: 'devicePath' },
  },
  Volume: {},
  PodStatus: {
    conditions: { strategy: 'merge', key: 'type' },
    podIPs: { strategy: 'merge', key: 'ip' },
    hostIPs: { strategy: 'merge', key: 'ip' },
  },
  DeploymentSpec: { template: { type: 'PodTemplateSpec' }, strategy: { strategy: 'retainKeys' } },
  ReplicaSetSpec: { template: { type: 'PodTemplateSpec' } },
  StatefulSetSpec: { template: { type: 'PodTemplateSpec' }, updateStrategy: { strategy: 'retainKeys' } },
  ConditionsStatus: { conditions: { strategy: 'merge', key: 'type' } },
  ServiceSpec: { ports: { strategy: 'merge', key: 'port' } },
  NodeStatus: {
    conditions: { strategy: 'merge', key: 'type' },
    addresses: { strategy: 'merge', key: 'type' },
  },
  Root: { metadata: { type: 'ObjectMeta' } },
};

const ROOTS: Record<string, Record<string, FieldMeta>> = {
  Pod: { spec: { type: 'PodSpec' }, status: { type: 'PodStatus' } },
  Deployment: { spec: { type: 'DeploymentSpec' }, status: { type: 'ConditionsStatus' } },
  ReplicaSet: { spec: { type: 'ReplicaSetSpec' }, status: { type: 'ConditionsStatus' } },
  StatefulSet: { spec: { type: 'StatefulSetSpec' }, status: { type: 'ConditionsStatus' } },
  Service: { spec: { type: 'ServiceSpec' }, status: { type: 'ConditionsStatus' } },
  Node: { status: { type: 'NodeStatus' } },
  PersistentVolumeClaim: { status: { type: 'ConditionsStatus' } },
};

/** Where we are in an object's schema. */
export class PatchMeta {
  private constructor(private readonly fields: Record<string, FieldMeta>) {}

  static forKind(kind: string | undefined): PatchMeta {
    return new PatchMeta({ ...SCHEMA.Root, ...(ROOTS[kind ?? ''] ?? {}) });
  }

  field(name: string): { meta: FieldMeta; sub: PatchMeta } {
    const meta = this.fields[name] ?? {};
    return { meta, sub: new PatchMeta(meta.type ? (SCHEMA[meta.type] ?? {}) : {}) };
  }
}

function strategies(meta: FieldMeta): { retainKeys: boolean; strategy: string } {
  const parts = (meta.strategy ?? '').split(',').filter((x) => x);
  const retainKeys = parts.includes('retainKeys');
  const rest = parts.filter((p) => p !== 'retainKeys');
  return { retainKeys, strategy: rest[0] ?? '' };
}

// ---------------------------------------------------------------------------------------------------
// helpers

function isMap(v: unknown): v is JMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function typeOf(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v;
}

export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** reflect.DeepEqual over JSON data. */
export function deepEqualJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeOf(a) !== typeOf(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqualJson(x, bb[i]));
  }
  if (isMap(a)) {
    const bo = b as JMap;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(bo).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqualJson(a[k], bo[k]));
  }
  return false;
}

/** fmt.Sprintf("%v", v) for scalars, as strategicpatch compares list values. */
function sv(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function goMapString(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goMapString).join(' ')}]`;
  if (isMap(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goMapString(v[k])}`)
      .join(' ')}]`;
  return String(v);
}

function sortScalars(list: Json[]): Json[] {
  return [...list].sort((a, b) => (sv(a) < sv(b) ? -1 : sv(a) > sv(b) ? 1 : 0));
}

/** strategicpatch.deduplicateScalars (a duplicate is replaced by the last element, as upstream does). */
function deduplicateScalars(list: Json[]): Json[] {
  const s = [...list];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

function noMergeKey(m: JMap, key: string): PatchError {
  return new PatchError(`map: ${goMapString(m)} does not contain declared merge key: ${key}`);
}

function indexIn(list: Json[], item: Json, mergeKey: string, isMapKind: boolean): number {
  for (let i = 0; i < list.length; i++) {
    if (isMapKind) {
      const a = list[i];
      if (isMap(a) && isMap(item) && deepEqualJson(a[mergeKey], item[mergeKey])) return i;
    } else if (deepEqualJson(list[i], item)) return i;
  }
  return -1;
}

/**
 * normalizeSliceOrder: sort.SliceStable with strategicpatch's comparator (items missing from `order`
 * compare as less); `$patch: delete` items move to the end.
 */
function normalizeSliceOrder(toSort: Json[], order: Json[], mergeKey: string, isMapKind: boolean): Json[] {
  let arr = [...toSort];
  let toDelete: Json[] = [];
  if (isMapKind) {
    for (const l of [toSort, order])
      for (const v of l) {
        if (!isMap(v)) throw new PatchError('invalid patch format of list');
        if (!(mergeKey in v)) throw noMergeKey(v, mergeKey);
      }
    toDelete = arr.filter((v) => isMap(v) && v[DIRECTIVE] === 'delete');
    arr = arr.filter((v) => !(isMap(v) && v[DIRECTIVE] === 'delete'));
  }
  const less = (x: Json, y: Json) => {
    const ii = indexIn(order, x, mergeKey, isMapKind);
    if (ii >= 0) {
      const ij = indexIn(order, y, mergeKey, isMapKind);
      if (ij >= 0) return ii < ij;
    }
    return true;
  };
  // insertion sort: what sort.SliceStable does for slices of up to 20 items
  for (let i = 1; i < arr.length; i++) {
    for (let j = i; j > 0 && less(arr[j], arr[j - 1]); j--) [arr[j], arr[j - 1]] = [arr[j - 1], arr[j]];
  }
  return [...arr, ...toDelete];
}

function mergeSortedSlice(
  left: Json[],
  right: Json[],
  serverOrder: Json[],
  mergeKey: string,
  isMapKind: boolean,
): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  const size = left.length + right.length;
  for (let k = 0; k < size; k++) {
    if (i >= left.length && j < right.length) out.push(right[j++]);
    else if (j >= right.length && i < left.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, isMapKind);
      const ri = indexIn(serverOrder, right[j], mergeKey, isMapKind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

function partitionByPresence(
  merged: Json[],
  patch: Json[],
  mergeKey: string,
  isMapKind: boolean,
): [Json[], Json[]] {
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of merged) {
    if (indexIn(patch, v, mergeKey, isMapKind) >= 0) inPatch.push(v);
    else serverOnly.push(v);
  }
  return [inPatch, serverOnly];
}

function normalizeElementOrder(
  patchItems: Json[],
  serverOnly: Json[],
  patchOrder: Json[],
  serverOrder: Json[],
  mergeKey: string,
  isMapKind: boolean,
): Json[] {
  const p = normalizeSliceOrder(patchItems, patchOrder, mergeKey, isMapKind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, isMapKind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, isMapKind);
}

// ---------------------------------------------------------------------------------------------------
// mergeMap: applying a strategic merge patch (and merging two patches)

interface MergeOptions {
  /** Applying a patch to an object (true) rather than merging two patches (false). */
  mergeParallelList: boolean;
  ignoreUnmatchedNulls: boolean;
}

const APPLY: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

function mergeMap(original: JMap | null, patch: JMap, schema: PatchMeta, opts: MergeOptions): JMap {
  if (DIRECTIVE in patch) {
    const d = patch[DIRECTIVE];
    if (d === 'replace') {
      const out = { ...patch };
      delete out[DIRECTIVE];
      return out;
    }
    if (d === 'delete') return {};
    throw new PatchError(`Unknown patch type: ${sv(d)} in map: ${goMapString(patch)}`);
  }
  const orig: JMap = original ?? {};
  patch = { ...patch };
  applyRetainKeys(orig, patch, opts);
  mergePatchIntoOriginal(orig, patch, schema, opts);
  for (let k of Object.keys(patch)) {
    const pv = patch[k];
    let isDeleteList = false;
    if (k.startsWith(`${DELETE_PRIMITIVE_PREFIX}/`)) {
      if (opts.mergeParallelList) {
        if (!Array.isArray(pv)) throw new PatchError('invalid patch format of primitive list');
        isDeleteList = true;
        k = k.slice(DELETE_PRIMITIVE_PREFIX.length + 1);
      }
    }
    if (pv === null) {
      delete orig[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!(k in orig)) {
      if (!isDeleteList) orig[k] = opts.ignoreUnmatchedNulls ? discardNulls(pv) : pv;
      continue;
    }
    if (typeOf(orig[k]) !== typeOf(pv)) {
      if (!isDeleteList) orig[k] = opts.ignoreUnmatchedNulls ? discardNulls(pv) : pv;
      continue;
    }
    const { meta, sub } = schema.field(k);
    const { strategy } = strategies(meta);
    if (isMap(pv)) {
      orig[k] = strategy === 'replace' ? pv : mergeMap(orig[k] as JMap, pv, sub, opts);
    } else if (Array.isArray(pv)) {
      orig[k] =
        strategy === 'merge'
          ? mergeSlice(orig[k] as Json[], pv, sub, meta.key ?? '', opts, isDeleteList)
          : pv;
    } else {
      orig[k] = pv;
    }
  }
  return orig;
}

/** discardNullValuesFromPatch: a patch value taken whole drops its nulls (they delete nothing). */
function discardNulls(v: Json): Json {
  if (isMap(v)) {
    const out: JMap = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = discardNulls(x);
    return out;
  }
  if (Array.isArray(v)) return v.map(discardNulls);
  return v;
}

function applyRetainKeys(original: JMap, patch: JMap, opts: MergeOptions): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!opts.mergeParallelList) {
    if (RETAIN_KEYS in original) {
      if (!deepEqualJson(original[RETAIN_KEYS], retain))
        throw new PatchError(`${sv(original[RETAIN_KEYS])} and ${sv(retain)} are not deep equal`);
    } else original[RETAIN_KEYS] = retain;
    return;
  }
  if (!Array.isArray(retain)) throw new PatchError('invalid patch format of retainKeys');
  const keep = new Set(retain.map((x) => String(x)));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_PRIMITIVE_PREFIX) || k.startsWith(SET_ORDER_PREFIX)) continue;
    if (!keep.has(k)) throw new PatchError("doesn't match the retainKeys list", 'Invalid');
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function removeDirectives(v: Json): Json | undefined {
  if (isMap(v)) {
    if (DIRECTIVE in v) return undefined;
    const out: JMap = {};
    for (const [k, x] of Object.entries(v)) {
      const r = removeDirectives(x);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  if (Array.isArray(v)) return v.map(removeDirectives).filter((x): x is Json => x !== undefined);
  return v;
}

function mergePatchIntoOriginal(original: JMap, patch: JMap, schema: PatchMeta, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(`${SET_ORDER_PREFIX}/`)) continue;
    const order = patch[key];
    if (!opts.mergeParallelList) {
      if (key in original) {
        if (!deepEqualJson(original[key], order))
          throw new PatchError('invalid patch format of setElementOrder list');
      } else original[key] = order;
    }
    delete patch[key];
    if (!Array.isArray(order)) throw new PatchError('invalid patch format of setElementOrder list');
    const field = key.slice(SET_ORDER_PREFIX.length + 1);
    const foundOriginal = field in original;
    const foundPatch = field in patch;
    const originalList = (original[field] ?? []) as Json[];
    const patchList = (patch[field] ?? []) as Json[];
    if (!Array.isArray(originalList) || !Array.isArray(patchList))
      throw new PatchError('invalid patch format of setElementOrder list');
    const { meta, sub } = schema.field(field);
    const { strategy } = strategies(meta);
    const mergeKey = meta.key ?? '';
    validatePatchWithSetOrderList(patchList, order, mergeKey);
    let merged: Json[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList) as Json[];
    else if (foundOriginal && foundPatch)
      merged =
        strategy === 'merge' ? mergeSlice(originalList, patchList, sub, mergeKey, opts, false) : patchList;
    else continue;
    const isMapKind = mergeKey !== '';
    const [inOrder, serverOnly] = partitionByPresence(merged, order, mergeKey, isMapKind);
    original[field] = normalizeElementOrder(inOrder, serverOnly, order, originalList, mergeKey, isMapKind);
    delete patch[field];
  }
}

function validatePatchWithSetOrderList(patchList: Json[], order: Json[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? patchList.filter((v) => !(isMap(v) && v[DIRECTIVE] === 'delete')) : patchList;
  let pi = 0;
  let si = 0;
  while (pi < nonDelete.length && si < order.length) {
    const p = nonDelete[pi];
    if (isMap(p) && DIRECTIVE in p) {
      pi++;
      continue;
    }
    const eq = mergeKey
      ? isMap(p) && isMap(order[si]) && p[mergeKey] === (order[si] as JMap)[mergeKey]
      : p === order[si];
    if (eq) pi++;
    si++;
  }
  if (pi < nonDelete.length && si >= order.length)
    throw new PatchError(
      `the order in patch list:\n${goMapString(patchList)}\n doesn't match ${SET_ORDER_PREFIX} list:\n${goMapString(order)}`,
    );
}

/**
 * Merges a patch list into a live list (mergeSliceWithSpecialElements + …WithoutSpecialElements).
 * Returns the merged list, the patch without its directive items, and the live list after deletions.
 */
function mergeSliceRaw(
  original: Json[],
  patch: Json[],
  schema: PatchMeta,
  mergeKey: string,
  opts: MergeOptions,
  isDeleteList: boolean,
  isMapKind: boolean,
): { merged: Json[]; patch: Json[]; original: Json[] } {
  if (!isMapKind) {
    if (opts.mergeParallelList && isDeleteList)
      return { merged: original.filter((v) => !patch.some((p) => deepEqualJson(p, v))), patch, original };
    return { merged: deduplicateScalars([...original, ...patch]), patch, original };
  }
  if (mergeKey === '') throw new PatchError('cannot merge lists without merge key');
  let orig = original;
  const rest: Json[] = [];
  let replace = false;
  for (const v of patch) {
    if (!isMap(v)) throw new PatchError('invalid patch format of list');
    const d = v[DIRECTIVE];
    if (d === undefined) {
      rest.push(v);
      continue;
    }
    if (d === 'delete') {
      if (!(mergeKey in v)) throw noMergeKey(v, mergeKey);
      orig = orig.filter((o) => !(isMap(o) && deepEqualJson(o[mergeKey], v[mergeKey])));
    } else if (d === 'replace') {
      replace = true;
    } else if (d === 'merge') {
      throw new PatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw new PatchError(`Unknown patch type: ${sv(d)} in map: ${goMapString(v)}`);
    }
  }
  if (replace) return { merged: rest, patch: [], original: rest };
  const merged = [...orig];
  for (const v of rest) {
    const m = v as JMap;
    if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
    const i = merged.findIndex((o) => isMap(o) && deepEqualJson(o[mergeKey], m[mergeKey]));
    if (i >= 0) merged[i] = mergeMap(merged[i] as JMap, m, schema, opts);
    else merged.push(v);
  }
  return { merged, patch: rest, original: orig };
}

function mergeSlice(
  original: Json[],
  patch: Json[],
  schema: PatchMeta,
  mergeKey: string,
  opts: MergeOptions,
  isDeleteList: boolean,
): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const isMapKind = [...original, ...patch].some((x) => isMap(x));
  const r = mergeSliceRaw(clone(original), patch, schema, mergeKey, opts, isDeleteList, isMapKind);
  if (!isMapKind && opts.mergeParallelList && isDeleteList) return r.merged;
  const [patchItems, serverOnly] = partitionByPresence(r.merged, r.patch, mergeKey, isMapKind);
  return normalizeElementOrder(patchItems, serverOnly, r.patch, r.original, mergeKey, isMapKind);
}

/** Applies a strategic merge patch to an object (the API server's PATCH with strategic-merge-patch+json). */
export function strategicMergePatch(original: JMap, patch: JMap, kind: string | undefined): JMap {
  return mergeMap(clone(original), clone(patch), PatchMeta.forKind(kind), APPLY);
}

// ---------------------------------------------------------------------------------------------------
// Diffs (CreateTwoWay/ThreeWayMergePatch)

interface DiffOptions {
  ignoreDeletions?: boolean;
  ignoreChangesAndAdditions?: boolean;
  setElementOrder?: boolean;
  buildRetainKeysDirective?: boolean;
}

function diffMaps(original: JMap, modified: JMap, schema: PatchMeta, opts: DiffOptions): JMap {
  const patch: JMap = {};
  const retainKeys: string[] = [];
  for (const key of Object.keys(modified)) {
    const mv = modified[key];
    if (opts.buildRetainKeysDirective && mv !== null) retainKeys.push(key);
    if (!(key in original)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE) {
      // a directive marker in the original: keep the modified one
      if (!deepEqualJson(ov, mv)) patch[key] = mv;
      continue;
    }
    if (typeOf(ov) !== typeOf(mv)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    if (isMap(ov)) {
      const { meta, sub } = schema.field(key);
      const { retainKeys: rk, strategy } = strategies(meta);
      if (strategy === 'replace') {
        if (!opts.ignoreChangesAndAdditions) patch[key] = mv;
      } else {
        const pv = diffMaps(ov, mv as JMap, sub, { ...opts, buildRetainKeysDirective: rk });
        if (Object.keys(pv).length > 0) patch[key] = pv;
      }
    } else if (Array.isArray(ov)) {
      handleSliceDiff(key, ov, mv as Json[], patch, schema, opts);
    } else if (!opts.ignoreChangesAndAdditions && !deepEqualJson(ov, mv)) {
      patch[key] = mv;
    }
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  }
  const hasAdditional = Object.keys(original).some((k) => original[k] !== null && !(k in modified));
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditional))
    patch[RETAIN_KEYS] = sortScalars(retainKeys);
  return patch;
}

function handleSliceDiff(
  key: string,
  ov: Json[],
  mv: Json[],
  patch: JMap,
  schema: PatchMeta,
  opts: DiffOptions,
): void {
  const { meta, sub } = schema.field(key);
  const { retainKeys, strategy } = strategies(meta);
  if (strategy !== 'merge') {
    if (!opts.ignoreChangesAndAdditions && !deepEqualJson(ov, mv)) patch[key] = mv;
    return;
  }
  const mergeKey = meta.key ?? '';
  const o2 = { ...opts, buildRetainKeysDirective: retainKeys };
  const isMapKind = [...ov, ...mv].some((x) => isMap(x));
  let patchList: Json[];
  let deleteList: Json[] = [];
  let setOrder: Json[] = [];
  if (isMapKind) {
    const [p, d] = diffListsOfMaps(ov, mv, sub, mergeKey, o2);
    patchList = normalizeSliceOrder(p, mv, mergeKey, true);
    const orderSame = isOrderSame(ov, mv, mergeKey);
    patchList = [...patchList, ...d];
    if (
      opts.setElementOrder &&
      ((!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) ||
        (!opts.ignoreDeletions && patchList.length > 0))
    ) {
      setOrder = mv.map((v) => ({ [mergeKey]: (v as JMap)[mergeKey] }));
    }
  } else {
    const [a, d] = diffListsOfScalars(ov, mv, opts);
    patchList = normalizeSliceOrder(a, mv, mergeKey, false);
    deleteList = d;
    if (
      opts.setElementOrder &&
      ((!opts.ignoreDeletions && deleteList.length > 0) ||
        (!opts.ignoreChangesAndAdditions && !deepEqualJson(ov, mv)))
    ) {
      setOrder = mv;
    }
  }
  if (patchList.length > 0) patch[key] = patchList;
  if (deleteList.length > 0) patch[`${DELETE_PRIMITIVE_PREFIX}/${key}`] = deleteList;
  if (setOrder.length > 0) patch[`${SET_ORDER_PREFIX}/${key}`] = setOrder;
}

function isOrderSame(original: Json[], modified: Json[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  for (let i = 0; i < original.length; i++) {
    const o = original[i] as JMap;
    const m = modified[i] as JMap;
    if (!deepEqualJson(o?.[mergeKey], m?.[mergeKey])) return false;
  }
  return true;
}

function diffListsOfMaps(
  original: Json[],
  modified: Json[],
  schema: PatchMeta,
  mergeKey: string,
  opts: DiffOptions,
): [Json[], Json[]] {
  const patch: Json[] = [];
  const deletions: Json[] = [];
  const keyStr = (v: Json) => {
    if (!isMap(v) || !(mergeKey in v)) throw noMergeKey(v as JMap, mergeKey);
    return sv(v[mergeKey]);
  };
  const byKey = (l: Json[]) =>
    [...l].sort((a, b) => (keyStr(a) < keyStr(b) ? -1 : keyStr(a) > keyStr(b) ? 1 : 0));
  const os = byKey(original);
  const ms = byKey(modified);
  let oi = 0;
  let mi = 0;
  for (;;) {
    const oin = oi < os.length;
    const min = mi < ms.length;
    if (!oin && !min) break;
    const ok = oin ? keyStr(os[oi]) : '';
    const mk = min ? keyStr(ms[mi]) : '';
    if (oin && min && ok === mk) {
      const pv = diffMaps(os[oi] as JMap, ms[mi] as JMap, schema, opts);
      if (Object.keys(pv).length > 0) {
        pv[mergeKey] = (ms[mi] as JMap)[mergeKey];
        patch.push(pv);
      }
      oi++;
      mi++;
    } else if (!oin || (oin && min && ok > mk)) {
      if (!opts.ignoreChangesAndAdditions) patch.push(ms[mi]);
      mi++;
    } else {
      if (!opts.ignoreDeletions)
        deletions.push({ [DIRECTIVE]: 'delete', [mergeKey]: (os[oi] as JMap)[mergeKey] });
      oi++;
    }
  }
  return [patch, deletions];
}

function diffListsOfScalars(original: Json[], modified: Json[], opts: DiffOptions): [Json[], Json[]] {
  const os = sortScalars(original);
  const ms = sortScalars(modified);
  const add: Json[] = [];
  const del: Json[] = [];
  let oi = 0;
  let mi = 0;
  for (;;) {
    const oin = oi < os.length;
    const min = mi < ms.length;
    if (!oin && !min) break;
    const o = oin ? sv(os[oi]) : '';
    const m = min ? sv(ms[mi]) : '';
    if (oin && min && o === m) {
      oi++;
      mi++;
    } else if (oin && (!min || o < m)) {
      if (!opts.ignoreDeletions) del.push(os[oi]);
      oi++;
    } else {
      if (!opts.ignoreChangesAndAdditions) add.push(ms[mi]);
      mi++;
    }
  }
  return [add, deduplicateScalars(del)];
}

/**
 * strategicpatch.CreateThreeWayMergePatch(original, modified, current): what `kubectl apply` sends.
 * `original` is the last-applied configuration (undefined when there is none).
 */
export function createThreeWayMergePatch(
  original: JMap | undefined,
  modified: JMap,
  current: JMap,
  kind: string | undefined,
): JMap {
  const schema = PatchMeta.forKind(kind);
  const delta = diffMaps(current, modified, schema, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(original ?? {}, modified, schema, {
    ignoreChangesAndAdditions: true,
    setElementOrder: true,
  });
  return mergeMap(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}

/** strategicpatch.CreateTwoWayMergePatch(original, modified): what `kubectl edit/set/scale` compute. */
export function createTwoWayMergePatch(original: JMap, modified: JMap, kind: string | undefined): JMap {
  return diffMaps(original, modified, PatchMeta.forKind(kind), { setElementOrder: true });
}

// ---------------------------------------------------------------------------------------------------
// JSON merge patch (RFC 7386) and JSON patch (RFC 6902)

export function mergePatch(original: Json, patch: Json): Json {
  if (!isMap(patch)) return clone(patch);
  const out: JMap = isMap(original) ? clone(original) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k] ?? null, v);
  }
  return out;
}

/** evanphx/json-patch error texts (the API server returns them as 422 Invalid). */
function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`Unable to get path: ${path}`, 'Invalid');
  return path.slice(1).split('/').map(unescapePointer);
}

function containerAt(doc: Json, parts: string[], path: string, op: string): { parent: Json; key: string } {
  let cur: Json = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i];
    if (Array.isArray(cur)) {
      const idx = Number(p);
      if (!/^\d+$/.test(p) || idx >= cur.length)
        throw new PatchError(
          `${op} operation does not apply: doc is missing path: "${path}": missing value`,
          'Invalid',
        );
      cur = cur[idx];
    } else if (isMap(cur)) {
      if (!(p in cur))
        throw new PatchError(
          `${op} operation does not apply: doc is missing path: "${path}": missing value`,
          'Invalid',
        );
      cur = cur[p];
    } else
      throw new PatchError(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
        'Invalid',
      );
  }
  return { parent: cur, key: parts[parts.length - 1] };
}

function getAt(doc: Json, path: string, op: string): Json {
  const parts = parsePointer(path);
  if (parts.length === 0) return doc;
  const { parent, key } = containerAt(doc, parts, path, op);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!/^\d+$/.test(key) || i >= parent.length)
      throw new PatchError(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
        'Invalid',
      );
    return parent[i];
  }
  if (isMap(parent) && key in parent) return parent[key];
  throw new PatchError(
    `${op} operation does not apply: doc is missing path: "${path}": missing value`,
    'Invalid',
  );
}

function removeAt(doc: Json, path: string, op: string): Json {
  const parts = parsePointer(path);
  const { parent, key } = containerAt(doc, parts, path, op);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!/^\d+$/.test(key) || i >= parent.length)
      throw new PatchError(`Unable to remove nonexistent key: ${key}: missing value`, 'Invalid');
    return parent.splice(i, 1)[0];
  }
  if (isMap(parent) && key in parent) {
    const v = parent[key];
    delete parent[key];
    return v;
  }
  throw new PatchError(`Unable to remove nonexistent key: ${key}: missing value`, 'Invalid');
}

function addAt(doc: Json, path: string, value: Json, op: string, replace: boolean): Json {
  const parts = parsePointer(path);
  if (parts.length === 0) return value;
  const { parent, key } = containerAt(doc, parts, path, op);
  if (Array.isArray(parent)) {
    if (key === '-' && !replace) parent.push(value);
    else {
      const i = Number(key);
      if (!/^\d+$/.test(key) || i > parent.length || (replace && i >= parent.length))
        throw new PatchError(`Unable to access invalid index: ${key}: invalid index referenced`, 'Invalid');
      if (replace) parent[i] = value;
      else parent.splice(i, 0, value);
    }
  } else if (isMap(parent)) {
    if (replace && !(key in parent))
      throw new PatchError(
        `replace operation does not apply: doc is missing key: ${path}: missing value`,
        'Invalid',
      );
    parent[key] = value;
  } else
    throw new PatchError(
      `${op} operation does not apply: doc is missing path: "${path}": missing value`,
      'Invalid',
    );
  return doc;
}

export function jsonPatch(original: Json, ops: Json): Json {
  if (!Array.isArray(ops))
    throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = clone(original);
  for (const raw of ops) {
    if (!isMap(raw)) throw new PatchError('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    const op = String(raw.op ?? '');
    const path = raw.path === undefined ? undefined : String(raw.path);
    if (path === undefined) throw new PatchError(`${op} operation missing path`, 'Invalid');
    switch (op) {
      case 'add':
        doc = addAt(doc, path, clone(raw.value ?? null), 'add', false);
        break;
      case 'remove':
        removeAt(doc, path, 'remove');
        break;
      case 'replace':
        doc = addAt(doc, path, clone(raw.value ?? null), 'replace', true);
        break;
      case 'move': {
        const v = removeAt(doc, String(raw.from ?? ''), 'move');
        doc = addAt(doc, path, v, 'move', false);
        break;
      }
      case 'copy': {
        const v = clone(getAt(doc, String(raw.from ?? ''), 'copy'));
        doc = addAt(doc, path, v, 'copy', false);
        break;
      }
      case 'test': {
        let v: Json;
        try {
          v = getAt(doc, path, 'test');
        } catch {
          v = null;
        }
        if (!deepEqualJson(v, raw.value ?? null))
          throw new PatchError(`testing value ${path} failed: test failed`, 'Invalid');
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${op}`, 'Invalid');
    }
  }
  return doc;
}
