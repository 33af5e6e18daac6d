/**
 * API validation with the API server's field paths, error types, details and order:
 * pkg/apis/apps/validation/validation.go (Deployment, ReplicaSet, StatefulSet, ControllerRevision),
 * pkg/apis/core/validation/validation.go (ObjectMeta, PodSpec, Pod, Service, PVC, PV, Node,
 * Namespace), staging/src/k8s.io/apimachinery/pkg/{api/validation,apis/meta/v1/validation,
 * util/validation} (names, labels, selectors), the registries' strategies (selector immutability of
 * apps/v1 Deployment and ReplicaSet) and the storage and discovery validations.
 *
 * Validation sees the object after defaulting, as the API server validates the internal object.
 * Values in errors are what Kubernetes 1.34 renders (PR #132314): strings quoted, integers bare,
 * maps and structs as JSON (internal structs without json tags keep their Go field names, e.g.
 * `{"Type":"Blue","RollingUpdate":null}`), an IntOrString as its number or its quoted string.
 *
 * Worked examples (deployment.md §2): maxSurge 0 and maxUnavailable "0%" →
 * `spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0`;
 * "0%" with "1%" is accepted; maxSurge "200%" is legal; maxUnavailable "5" →
 * `Invalid value: "5": a valid percent string must be a numeric string followed by an ending '%' (e.g.
 * '1%',  or '93%', regex used for validation is '[0-9]+%')`; restartPolicy Never in a template →
 * `spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"`.
 */
import type { FieldError } from './errors';
import type { KObject } from './types';
import { compareQuantity, formatQuantity, milliValue, parseQuantity } from './quantity';
import type { Quantity } from './quantity';
import { deepEqual } from '../util/clone';

type Obj = Record<string, any>;
type Errs = FieldError[];

// ---------------------------------------------------------------------------------------------------
// field.Error constructors and paths
// ---------------------------------------------------------------------------------------------------

function invalid(field: string, value: unknown, detail: string): FieldError {
  return { field, type: 'Invalid value', value: value === undefined ? null : value, detail };
}
function required(field: string, detail = ''): FieldError {
  return detail ? { field, type: 'Required value', detail } : { field, type: 'Required value' };
}
function forbidden(field: string, detail: string): FieldError {
  return { field, type: 'Forbidden', detail };
}
function notSupported(field: string, value: unknown, supported: string[]): FieldError {
  return { field, type: 'Unsupported value', value: value === undefined ? null : value, supported };
}
function duplicate(field: string, value: unknown): FieldError {
  return { field, type: 'Duplicate value', value };
}
function notFound(field: string, value: unknown, detail?: string): FieldError {
  return detail ? { field, type: 'Not found', value, detail } : { field, type: 'Not found', value };
}
function tooMany(field: string, actual: number, max: number): FieldError {
  return { field, type: 'Too many', value: actual, detail: `must have at most ${max} items` };
}
function tooLong(field: string, max: number): FieldError {
  return { field, type: 'Too long', detail: `may not be more than ${max} bytes` };
}

const at = (path: string, name: string) => (path ? `${path}.${name}` : name);
const idx = (path: string, i: number) => `${path}[${i}]`;
const key = (path: string, k: string) => `${path}[${k}]`;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}
/** The entries of a string map in a fixed order (Go iterates maps randomly; we sort). */
function entries(m: unknown): [string, any][] {
  return isObj(m) ? Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
}
/** A map as json.Marshal renders it: keys sorted, nil as null. */
function sortedMap(m: unknown): Obj | null {
  if (!isObj(m)) return null;
  return Object.fromEntries(entries(m));
}

// ---------------------------------------------------------------------------------------------------
// k8s.io/apimachinery/pkg/util/validation (formats and their messages)
// ---------------------------------------------------------------------------------------------------

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** RegexError: `msg (e.g. 'a',  or 'b', regex used for validation is 'fmt')` (the double space is real). */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((e, i) => {
    if (i > 0) out += ' or ';
    out += `'${e}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_KEY_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(value)) {
    if (DNS1123_SUBDOMAIN_RE.test(value)) errs.push('must not contain dots');
    else
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL_FMT,
          'my-name',
          '123-abc',
        ),
      );
  }
  return errs;
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value))
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  return errs;
}

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL_RE.test(value))
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL_FMT,
        'my-name',
        'abc-123',
      ),
    );
  return errs;
}

/** IsQualifiedName / content.IsLabelKey: `[prefix/]name`. */
/** Strings found to be valid qualified names / IPs (pure checks, memoised; bounded). */
const validQualifiedNames = new Set<string>();
const validIPs = new Set<string>();
const MEMO_LIMIT = 10_000;

function remember(set: Set<string>, value: string): void {
  if (set.size >= MEMO_LIMIT) set.clear();
  set.add(value);
}

export function isQualifiedName(value: string): string[] {
  if (validQualifiedNames.has(value)) return [];
  const errs = isQualifiedNameUncached(value);
  if (errs.length === 0) remember(validQualifiedNames, value);
  return errs;
}

function isQualifiedNameUncached(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const m of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${m}`);
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!LABEL_KEY_RE.test(name))
    errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value))
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  return errs;
}

export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-')))
    errs.push('must not begin or end with a hyphen');
  return errs;
}

const PERCENT_FMT = '[0-9]+%';
export function isValidPercent(percent: string): string[] {
  return /^[0-9]+%$/.test(percent)
    ? []
    : [
        regexError(
          "a valid percent string must be a numeric string followed by an ending '%'",
          PERCENT_FMT,
          '1%',
          '93%',
        ),
      ];
}

/** IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation, GA in 1.34). */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push('environment variable name must be non-empty');
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if (c > 127 || c < 32 || c === 127 || ch === '=') {
      errs.push(
        "a valid environment variable name must consist only of printable ASCII characters other than '='",
      );
      break;
    }
  }
  return errs;
}

function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!/^[-._a-zA-Z0-9]+$/.test(value))
    errs.push(
      regexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        '[-._a-zA-Z0-9]+',
        'key.name',
        'KEY_NAME',
        'key-name',
      ),
    );
  return [...errs, ...hasChDirPrefix(value)];
}

export function isHTTPHeaderName(value: string): string[] {
  return /^[-A-Za-z0-9]+$/.test(value)
    ? []
    : [
        regexError(
          "a valid HTTP header must consist of alphanumeric characters or '-'",
          '[-A-Za-z0-9]+',
          'X-Header-Name',
        ),
      ];
}

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const all = [...groups(dbl[0]), ...(dbl.length === 2 ? groups(dbl[1]) : [])];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (i === all.length - 1 && g.includes('.')) {
      if (!parseIPv4(g)) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) count++;
    else return false;
  }
  return dbl.length === 2 ? count < 8 : count === 8;
}

export function isValidIP(value: string): boolean {
  if (validIPs.has(value)) return true;
  const ok = parseIPv4(value) !== undefined || isIPv6(value);
  if (ok) remember(validIPs, value);
  return ok;
}

function validateIP(path: string, value: string): Errs {
  return isValidIP(value)
    ? []
    : [invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

// ---------------------------------------------------------------------------------------------------
// Names and ObjectMeta (apimachinery/pkg/api/validation/objectmeta.go)
// ---------------------------------------------------------------------------------------------------

type NameFn = (name: string, prefix: boolean) => string[];

/** maskTrailingDash: a generateName prefix may end in '-'. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

export const nameIsDNSSubdomain: NameFn = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameFn = (name, prefix) =>
  isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameFn = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);

export function validateLabels(labels: unknown, path: string): Errs {
  const errs: Errs = [];
  for (const [k, v] of entries(labels)) {
    errs.push(...validateLabelName(k, path));
    for (const m of isValidLabelValue(str(v))) errs.push(invalid(path, str(v), m));
  }
  return errs;
}

function validateLabelName(name: string, path: string): Errs {
  return isQualifiedName(name).map((m) => invalid(path, name, m));
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateAnnotations(annotations: unknown, path: string): Errs {
  const errs: Errs = [];
  let size = 0;
  for (const [k, v] of entries(annotations)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    size += Buffer.byteLength(k) + Buffer.byteLength(str(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function validateOwnerReferences(refs: unknown, path: string): Errs {
  const errs: Errs = [];
  let firstController = '';
  for (const ref of arr(refs)) {
    if (!isObj(ref)) continue;
    const apiVersion = str(ref.apiVersion);
    const version = apiVersion.includes('/') ? apiVersion.split('/')[1] : apiVersion;
    if (!version) errs.push(invalid(at(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (!str(ref.kind)) errs.push(invalid(at(path, 'kind'), str(ref.kind), 'must not be empty'));
    if (!str(ref.name)) errs.push(invalid(at(path, 'name'), str(ref.name), 'must not be empty'));
    if (!str(ref.uid)) errs.push(invalid(at(path, 'uid'), str(ref.uid), 'must not be empty'));
    if (apiVersion === 'v1' && ref.kind === 'Event')
      errs.push(invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
    if (ref.controller === true) {
      const cur = `${str(ref.kind)}/${str(ref.name)}`;
      if (firstController)
        errs.push(
          invalid(
            path,
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
          ),
        );
      else firstController = cur;
    }
  }
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateFinalizers(finalizers: unknown, path: string): Errs {
  const errs: Errs = [];
  const list = arr(finalizers).map(str);
  for (const f of list) for (const m of isQualifiedName(f)) errs.push(invalid(path, f, m));
  if (list.includes('orphan') && list.includes('foregroundDeletion'))
    errs.push(invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  // core's validateKubeFinalizerName, run for each finalizer with its index.
  list.forEach((f, i) => {
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f))
      errs.push(
        invalid(idx(path, i), f, 'name is neither a standard finalizer name nor is it fully qualified'),
      );
  });
  return errs;
}

/** ValidateObjectMeta (core flavour: includes the kube finalizer-name check). */
export function validateObjectMeta(
  meta: unknown,
  namespaced: boolean,
  nameFn: NameFn,
  path = 'metadata',
): Errs {
  const m: Obj = isObj(meta) ? meta : {};
  const errs: Errs = [];
  const generateName = str(m.generateName);
  if (generateName)
    for (const msg of nameFn(generateName, true))
      errs.push(invalid(at(path, 'generateName'), generateName, msg));
  const name = str(m.name);
  if (!name) errs.push(required(at(path, 'name'), 'name or generateName is required'));
  else for (const msg of nameFn(name, false)) errs.push(invalid(at(path, 'name'), name, msg));
  errs.push(...validateMetaCommon(m, namespaced, path));
  return errs;
}

function validateMetaCommon(m: Obj, namespaced: boolean, path: string): Errs {
  const errs: Errs = [];
  const namespace = str(m.namespace);
  if (namespaced) {
    if (!namespace) errs.push(required(at(path, 'namespace')));
    else
      for (const msg of isDNS1123Label(namespace)) errs.push(invalid(at(path, 'namespace'), namespace, msg));
  } else if (namespace) errs.push(forbidden(at(path, 'namespace'), 'not allowed on this type'));
  if (num(m.generation) < 0)
    errs.push(invalid(at(path, 'generation'), m.generation, 'must be greater than or equal to 0'));
  errs.push(...validateLabels(m.labels, at(path, 'labels')));
  errs.push(...validateAnnotations(m.annotations, at(path, 'annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, at(path, 'ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, at(path, 'finalizers')));
  return errs;
}

/** ValidateObjectMetaUpdate. Generation is set by the store after validation, so it is not checked. */
/**
 * Label, annotation, ownerReference and finalizer values already found valid. Stored objects are
 * read-only and every write keeps these nested values by identity, so a status write (which keeps
 * the stored metadata) need not check them again: the check is a pure function of the value.
 */
const cleanMetaValues = new WeakSet<object>();

function cleanOnce(value: unknown, check: () => Errs): Errs {
  if (value === null || typeof value !== 'object') return check();
  if (cleanMetaValues.has(value)) return [];
  const errs = check();
  if (errs.length === 0) cleanMetaValues.add(value);
  return errs;
}

export function validateObjectMetaUpdate(meta: unknown, oldMeta: unknown, path = 'metadata'): Errs {
  const m: Obj = isObj(meta) ? meta : {};
  const o: Obj = isObj(oldMeta) ? oldMeta : {};
  const errs: Errs = [];
  if (o.deletionTimestamp) {
    const extra = [...new Set(arr(m.finalizers).map(str))]
      .filter((f) => !arr(o.finalizers).includes(f))
      .sort();
    if (extra.length)
      errs.push(
        forbidden(
          at(path, 'finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`,
        ),
      );
  }
  if (!str(m.resourceVersion))
    errs.push(invalid(at(path, 'resourceVersion'), '', 'must be specified for an update'));
  for (const f of ['name', 'namespace', 'uid']) {
    if (str(m[f]) !== str(o[f])) errs.push(invalid(at(path, f), str(m[f]), 'field is immutable'));
  }
  errs.push(...cleanOnce(m.labels, () => validateLabels(m.labels, at(path, 'labels'))));
  errs.push(...cleanOnce(m.annotations, () => validateAnnotations(m.annotations, at(path, 'annotations'))));
  errs.push(
    ...cleanOnce(m.ownerReferences, () =>
      validateOwnerReferences(m.ownerReferences, at(path, 'ownerReferences')),
    ),
  );
  errs.push(...cleanOnce(m.finalizers, () => validateFinalizers(m.finalizers, at(path, 'finalizers'))));
  return errs;
}

function nonNegative(value: unknown, path: string): Errs {
  return typeof value === 'number' && value < 0
    ? [invalid(path, value, 'must be greater than or equal to 0')]
    : [];
}

function immutable(newVal: unknown, oldVal: unknown, path: string): Errs {
  return deepEqual(newVal ?? null, oldVal ?? null)
    ? []
    : [invalid(path, newVal ?? null, 'field is immutable')];
}

// ---------------------------------------------------------------------------------------------------
// Label selectors (apimachinery/pkg/apis/meta/v1/validation, labels.Selector)
// ---------------------------------------------------------------------------------------------------

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function validateLabelSelector(selector: unknown, path: string): Errs {
  if (!isObj(selector)) return [];
  const errs = validateLabels(selector.matchLabels, at(path, 'matchLabels'));
  arr(selector.matchExpressions).forEach((expr, i) => {
    const p = idx(at(path, 'matchExpressions'), i);
    const e: Obj = isObj(expr) ? expr : {};
    const values = arr(e.values);
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errs.push(required(at(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          errs.push(
            forbidden(at(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
          );
        break;
      default:
        errs.push(invalid(at(p, 'operator'), e.operator ?? '', 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(e.key), at(p, 'key')));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(str(v))) errs.push(invalid(idx(at(p, 'values'), j), str(v), m));
    });
  });
  return errs;
}

/** What metav1.LabelSelectorAsSelector produces: an error, "nothing" (nil), or a matcher. */
type Selector =
  { kind: 'nothing' } | { kind: 'error' } | { kind: 'match'; empty: boolean; matches: (l: Obj) => boolean };

function labelSelectorAsSelector(selector: unknown): Selector {
  if (!isObj(selector)) return { kind: 'nothing' };
  const reqs: ((l: Obj) => boolean)[] = [];
  for (const [k, v] of entries(selector.matchLabels)) {
    if (isQualifiedName(k).length || isValidLabelValue(str(v)).length) return { kind: 'error' };
    reqs.push((l) => k in l && l[k] === v);
  }
  for (const expr of arr(selector.matchExpressions)) {
    const e: Obj = isObj(expr) ? expr : {};
    const k = str(e.key);
    const values = arr(e.values).map(str);
    if (isQualifiedName(k).length || !SELECTOR_OPERATORS.includes(e.operator)) return { kind: 'error' };
    if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) return { kind: 'error' };
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0)
      return { kind: 'error' };
    if (values.some((v) => isValidLabelValue(v).length)) return { kind: 'error' };
    switch (e.operator) {
      case 'In':
        reqs.push((l) => k in l && values.includes(l[k]));
        break;
      case 'NotIn':
        reqs.push((l) => !(k in l) || !values.includes(l[k]));
        break;
      case 'Exists':
        reqs.push((l) => k in l);
        break;
      default:
        reqs.push((l) => !(k in l));
    }
  }
  return { kind: 'match', empty: reqs.length === 0, matches: (l) => reqs.every((r) => r(l)) };
}

/** A metav1.LabelSelector as json.Marshal renders it (omitempty fields dropped, maps sorted). */
function selectorValue(selector: unknown): Obj | null {
  if (!isObj(selector)) return null;
  const out: Obj = {};
  if (isObj(selector.matchLabels) && Object.keys(selector.matchLabels).length)
    out.matchLabels = sortedMap(selector.matchLabels);
  if (arr(selector.matchExpressions).length)
    out.matchExpressions = arr(selector.matchExpressions).map((e: Obj) => {
      const r: Obj = { key: str(e?.key), operator: str(e?.operator) };
      if (arr(e?.values).length) r.values = arr(e.values);
      return r;
    });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Resources and quantities
// ---------------------------------------------------------------------------------------------------

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
  'requests.cpu',
  'requests.memory',
  'requests.storage',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
]);

const isHugePages = (name: string) => name.startsWith('hugepages-');
const isNativeResource = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
const isOvercommitAllowed = (name: string) => isNativeResource(name) && !isHugePages(name);
function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}
const isStandardResourceName = (name: string) =>
  STANDARD_RESOURCES.has(name) || isHugePages(name) || name.startsWith('requests.hugepages-');

function validateResourceName(name: string, path: string): Errs {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !isStandardResourceName(name))
    return [invalid(path, name, 'must be a standard resource type or fully qualified')];
  return [];
}

function validateContainerResourceName(name: string, path: string): Errs {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name))
      errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** A quantity, or a field error for one the decoder would have refused. */
function quantityAt(value: unknown, path: string, errs: Errs): Quantity | undefined {
  const q = parseQuantity(value);
  if (typeof q === 'string') {
    errs.push(invalid(path, value, q));
    return undefined;
  }
  return q;
}

const ZERO: Quantity = { mantissa: 0n, exponent: 0, format: 'DecimalSI' };

function validateResourceQuantityValue(name: string, q: Quantity, path: string): Errs {
  const errs: Errs = [];
  if (compareQuantity(q, ZERO) < 0)
    errs.push(invalid(path, formatQuantity(q), 'must be greater than or equal to 0'));
  if (isExtendedResourceName(name) && milliValue(q) % 1000n !== 0n)
    errs.push(invalid(path, formatQuantity(q), 'must be an integer'));
  return errs;
}

/** ValidateResourceRequirements for containers (and pod-level resources, overhead). */
function validateResourceRequirements(r: unknown, path: string): Errs {
  const res: Obj = isObj(r) ? r : {};
  const errs: Errs = [];
  const limPath = at(path, 'limits');
  const reqPath = at(path, 'requests');
  const limits = new Map<string, Quantity>();
  let limCpuMem = false;
  let reqCpuMem = false;
  let hugePages = false;
  for (const [name, value] of entries(res.limits)) {
    const p = key(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityAt(value, p, errs);
    if (!q) continue;
    limits.set(name, q);
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const [name, value] of entries(res.requests)) {
    const p = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityAt(value, p, errs);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, q, p));
    const limit = limits.get(name);
    if (limit) {
      const cmp = compareQuantity(q, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name))
        errs.push(
          invalid(reqPath, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(limit)}`),
        );
      else if (cmp > 0)
        errs.push(
          invalid(
            reqPath,
            formatQuantity(q),
            `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`,
          ),
        );
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

// ---------------------------------------------------------------------------------------------------
// PodSpec (pkg/apis/core/validation/validation.go ValidatePodSpec and helpers)
// ---------------------------------------------------------------------------------------------------

interface PodOpts {
  /** The spec belongs to a Pod (not a template). */
  isPod: boolean;
  podName?: string;
}

/** The order validateVolumeSource checks sources in, with the path names it uses (typos included). */
const VOLUME_SOURCES: [string, string][] = [
  ['emptyDir', 'emptyDir'],
  ['hostPath', 'hostPath'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  ['downwardAPI', 'downwarAPI'],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

function validateMode(mode: unknown, path: string): Errs {
  return typeof mode === 'number' && (mode > 0o777 || mode < 0) ? [invalid(path, mode, FILE_MODE_ERROR)] : [];
}

function validatePathNoBacksteps(p: string, path: string): Errs {
  return p.replace(/\\/g, '/').split('/').includes('..') ? [invalid(path, p, "must not contain '..'")] : [];
}

function validateLocalDescendingPath(p: string, path: string): Errs {
  const errs: Errs = [];
  if (p.startsWith('/')) errs.push(invalid(path, p, 'must be a relative path'));
  return [...errs, ...validatePathNoBacksteps(p, path)];
}

function validateLocalNonReservedPath(p: string, path: string): Errs {
  const errs = validateLocalDescendingPath(p, path);
  if (p.startsWith('..')) errs.push(invalid(path, p, "must not start with '..'"));
  return errs;
}

function validateKeyToPath(kp: Obj, path: string): Errs {
  const errs: Errs = [];
  if (!str(kp.key)) errs.push(required(at(path, 'key')));
  if (!str(kp.path)) errs.push(required(at(path, 'path')));
  errs.push(...validateLocalNonReservedPath(str(kp.path), at(path, 'path')));
  errs.push(...validateMode(kp.mode, at(path, 'mode')));
  return errs;
}

const VALID_VOLUME_FIELD_PATHS = [
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
];
const VALID_ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

function validateObjectFieldSelector(fs: Obj, expressions: string[], path: string): Errs {
  if (!str(fs.apiVersion)) return [required(at(path, 'apiVersion'))];
  const fieldPath = str(fs.fieldPath);
  if (!fieldPath) return [required(at(path, 'fieldPath'))];
  const m = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fieldPath);
  if (m) {
    const sub = m[1] === 'metadata.annotations' ? m[2].toLowerCase() : m[2];
    return isQualifiedName(sub).map((msg) => invalid(path, sub, msg));
  }
  if (fieldPath.includes('[')) return [invalid(path, fieldPath.split('[')[0], 'does not support subscript')];
  if (!expressions.includes(fieldPath)) return [notSupported(at(path, 'fieldPath'), fieldPath, expressions)];
  return [];
}

function validateDownwardAPIFile(file: Obj, path: string): Errs {
  const errs: Errs = [];
  if (!str(file.path)) errs.push(required(at(path, 'path')));
  errs.push(...validateLocalNonReservedPath(str(file.path), at(path, 'path')));
  if (isObj(file.fieldRef)) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, VALID_VOLUME_FIELD_PATHS, at(path, 'fieldRef')));
    if (isObj(file.resourceFieldRef))
      errs.push(
        invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'),
      );
  } else if (!isObj(file.resourceFieldRef)) {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file.mode, at(path, 'mode')));
  return errs;
}

function validateVolumeSourceContent(name: string, src: Obj, path: string): Errs {
  const errs: Errs = [];
  switch (name) {
    case 'emptyDir':
      if (src.sizeLimit !== undefined) {
        const q = parseQuantity(src.sizeLimit);
        if (typeof q !== 'string' && compareQuantity(q, ZERO) < 0)
          errs.push(forbidden(at(path, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      }
      break;
    case 'hostPath': {
      if (!str(src.path)) return [required(at(path, 'path'))];
      errs.push(...validatePathNoBacksteps(str(src.path), at(path, 'path')));
      const types = [
        '',
        'DirectoryOrCreate',
        'Directory',
        'FileOrCreate',
        'File',
        'Socket',
        'CharDevice',
        'BlockDevice',
      ];
      if (src.type !== undefined && !types.includes(str(src.type)))
        errs.push(notSupported(at(path, 'type'), src.type, types));
      break;
    }
    case 'secret':
      if (!str(src.secretName)) errs.push(required(at(path, 'secretName')));
      errs.push(...validateMode(src.defaultMode, at(path, 'defaultMode')));
      arr(src.items).forEach((kp, i) =>
        errs.push(...validateKeyToPath(isObj(kp) ? kp : {}, idx(at(path, 'items'), i))),
      );
      break;
    case 'configMap':
      if (!str(src.name)) errs.push(required(at(path, 'name')));
      errs.push(...validateMode(src.defaultMode, at(path, 'defaultMode')));
      arr(src.items).forEach((kp, i) =>
        errs.push(...validateKeyToPath(isObj(kp) ? kp : {}, idx(at(path, 'items'), i))),
      );
      break;
    case 'persistentVolumeClaim':
      if (!str(src.claimName)) errs.push(required(at(path, 'claimName')));
      break;
    case 'nfs':
      if (!str(src.server)) errs.push(required(at(path, 'server')));
      if (!str(src.path)) errs.push(required(at(path, 'path')));
      if (!str(src.path).startsWith('/'))
        errs.push(invalid(at(path, 'path'), str(src.path), 'must be an absolute path'));
      break;
    case 'downwardAPI':
      errs.push(...validateMode(src.defaultMode, at(path, 'defaultMode')));
      for (const file of arr(src.items)) errs.push(...validateDownwardAPIFile(isObj(file) ? file : {}, path));
      break;
    case 'projected':
      errs.push(...validateProjected(src, path));
      break;
    case 'csi':
      if (!str(src.driver)) errs.push(required(at(path, 'driver')));
      break;
    case 'ephemeral':
      if (!isObj(src.volumeClaimTemplate)) errs.push(required(at(path, 'volumeClaimTemplate')));
      else {
        const t = src.volumeClaimTemplate;
        const tp = at(path, 'volumeClaimTemplate');
        errs.push(...validateTemplateObjectMeta(t.metadata, at(tp, 'metadata')));
        errs.push(...validatePersistentVolumeClaimSpec(t.spec, at(tp, 'spec')));
      }
      break;
    case 'image':
      if (!str(src.reference)) errs.push(required(at(path, 'reference')));
      break;
  }
  return errs;
}

function validateProjected(src: Obj, path: string): Errs {
  const errs: Errs = [];
  const paths = new Set<string>();
  arr(src.sources).forEach((source: Obj, i) => {
    const sp = idx(at(path, 'sources'), i);
    if (!isObj(source)) return;
    for (const kind of ['secret', 'configMap']) {
      const s = source[kind];
      if (!isObj(s)) continue;
      if (!str(s.name)) errs.push(required(at(at(sp, kind), 'name')));
      arr(s.items).forEach((kp: Obj, j) => {
        errs.push(...validateKeyToPath(isObj(kp) ? kp : {}, idx(at(at(sp, kind), 'items'), j)));
        const p = str(kp?.path);
        if (p) {
          if (paths.has(p)) errs.push(invalid(path, str(s.name), 'conflicting duplicate paths'));
          paths.add(p);
        }
      });
    }
    if (isObj(source.downwardAPI)) {
      for (const file of arr(source.downwardAPI.items)) {
        errs.push(...validateDownwardAPIFile(isObj(file) ? file : {}, at(sp, 'downwardAPI')));
        const p = str(file?.path);
        if (p) {
          if (paths.has(p)) errs.push(invalid(path, p, 'conflicting duplicate paths'));
          paths.add(p);
        }
      }
    }
    if (isObj(source.serviceAccountToken)) {
      const tp = at(sp, 'serviceAccountToken');
      const t = source.serviceAccountToken;
      if (num(t.expirationSeconds) < 600)
        errs.push(
          invalid(
            at(tp, 'expirationSeconds'),
            t.expirationSeconds,
            'may not specify a duration less than 10 minutes',
          ),
        );
      else if (num(t.expirationSeconds) > 2 ** 32)
        errs.push(
          invalid(
            at(tp, 'expirationSeconds'),
            t.expirationSeconds,
            'may not specify a duration larger than 2^32 seconds',
          ),
        );
      if (!str(t.path)) errs.push(required(at(tp, 'path')));
    }
  });
  return errs;
}

/** ValidateVolumes: returns the valid volumes by name, with their errors. */
function validateVolumes(volumes: unknown, path: string): { vols: Map<string, Obj>; errs: Errs } {
  const errs: Errs = [];
  const vols = new Map<string, Obj>();
  arr(volumes).forEach((vol, i) => {
    const v: Obj = isObj(vol) ? vol : {};
    const p = idx(path, i);
    const el: Errs = [];
    let count = 0;
    for (const [field, pathName] of VOLUME_SOURCES) {
      if (!isObj(v[field])) continue;
      if (count > 0) el.push(forbidden(at(p, pathName), 'may not specify more than 1 volume type'));
      else {
        count++;
        el.push(...validateVolumeSourceContent(field, v[field], at(p, field)));
      }
    }
    if (count === 0) el.push(required(p, 'must specify a volume type'));
    const name = str(v.name);
    if (!name) el.push(required(at(p, 'name')));
    else el.push(...isDNS1123Label(name).map((m) => invalid(at(p, 'name'), name, m)));
    if (vols.has(name)) el.push(duplicate(at(p, 'name'), name));
    if (el.length === 0) vols.set(name, v);
    else errs.push(...el);
  });
  return { vols, errs };
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: unknown, path: string): Errs {
  const errs: Errs = [];
  const names = new Set<string>();
  arr(ports).forEach((port: Obj, i) => {
    const p = idx(path, i);
    const pt: Obj = isObj(port) ? port : {};
    const name = str(pt.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(at(p, 'name'), name, m));
      else if (names.has(name)) errs.push(duplicate(at(p, 'name'), name));
      else names.add(name);
    }
    if (!pt.containerPort) errs.push(required(at(p, 'containerPort')));
    else
      for (const m of isValidPortNum(num(pt.containerPort)))
        errs.push(invalid(at(p, 'containerPort'), pt.containerPort, m));
    if (pt.hostPort)
      for (const m of isValidPortNum(num(pt.hostPort))) errs.push(invalid(at(p, 'hostPort'), pt.hostPort, m));
    if (!str(pt.protocol)) errs.push(required(at(p, 'protocol')));
    else if (!PROTOCOLS.includes(pt.protocol))
      errs.push(notSupported(at(p, 'protocol'), pt.protocol, PROTOCOLS));
  });
  return errs;
}

const VALID_RESOURCE_FIELD_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];

function validateEnv(env: unknown, path: string): Errs {
  const errs: Errs = [];
  arr(env).forEach((ev: Obj, i) => {
    const p = idx(path, i);
    const e: Obj = isObj(ev) ? ev : {};
    const name = str(e.name);
    if (!name) errs.push(required(at(p, 'name')));
    else for (const m of isEnvVarName(name)) errs.push(invalid(at(p, 'name'), name, m));
    if (!isObj(e.valueFrom)) return;
    const vp = at(p, 'valueFrom');
    const vf = e.valueFrom;
    let sources = 0;
    if (isObj(vf.fieldRef)) {
      sources++;
      errs.push(...validateObjectFieldSelector(vf.fieldRef, VALID_ENV_FIELD_PATHS, at(vp, 'fieldRef')));
    }
    if (isObj(vf.resourceFieldRef)) {
      sources++;
      const r = str(vf.resourceFieldRef.resource);
      const rp = at(vp, 'resourceFieldRef');
      if (!r) errs.push(required(at(rp, 'resource')));
      else if (!VALID_RESOURCE_FIELD_PATHS.includes(r) && !/^(requests|limits)\.hugepages-/.test(r))
        errs.push(notSupported(at(rp, 'resource'), r, VALID_RESOURCE_FIELD_PATHS));
    }
    for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
      if (!isObj(vf[kind])) continue;
      sources++;
      const kp = at(vp, kind);
      const sel = vf[kind];
      for (const m of nameIsDNSSubdomain(str(sel.name), false))
        errs.push(invalid(at(kp, 'name'), str(sel.name), m));
      if (!str(sel.key)) errs.push(required(at(kp, 'key')));
      else for (const m of isConfigMapKey(str(sel.key))) errs.push(invalid(at(kp, 'key'), str(sel.key), m));
    }
    if (isObj(vf.fileKeyRef)) sources++;
    if (sources === 0)
      errs.push(
        invalid(
          vp,
          '',
          'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        ),
      );
    else if (str(e.value)) errs.push(invalid(vp, '', 'may not be specified when `value` is not empty'));
    else if (sources > 1) errs.push(invalid(vp, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateEnvFrom(envFrom: unknown, path: string): Errs {
  const errs: Errs = [];
  arr(envFrom).forEach((ev: Obj, i) => {
    const p = idx(path, i);
    const e: Obj = isObj(ev) ? ev : {};
    if (str(e.prefix))
      for (const m of isEnvVarName(str(e.prefix))) errs.push(invalid(at(p, 'prefix'), e.prefix, m));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      if (!isObj(e[kind])) continue;
      sources++;
      const name = str(e[kind].name);
      if (!name) errs.push(required(at(at(p, kind), 'name')));
      else
        for (const m of nameIsDNSSubdomain(name, true)) errs.push(invalid(at(at(p, kind), 'name'), name, m));
    }
    if (sources === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1)
      errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, devices: unknown, vols: Map<string, Obj>, path: string): Errs {
  const errs: Errs = [];
  const points = new Set<string>();
  const devNames = new Set(arr(devices).map((d) => str(d?.name)));
  const devPaths = new Set(arr(devices).map((d) => str(d?.devicePath)));
  arr(mounts).forEach((mnt: Obj, i) => {
    const p = idx(path, i);
    const m: Obj = isObj(mnt) ? mnt : {};
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (!name) errs.push(required(at(p, 'name')));
    if (!vols.has(name)) errs.push(notFound(at(p, 'name'), name));
    if (!mountPath) errs.push(required(at(p, 'mountPath')));
    if (points.has(mountPath)) errs.push(invalid(at(p, 'mountPath'), mountPath, 'must be unique'));
    points.add(mountPath);
    if (devNames.has(name))
      errs.push(invalid(at(p, 'name'), name, 'must not already exist in volumeDevices'));
    if (devPaths.has(mountPath))
      errs.push(invalid(at(p, 'mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    if (str(m.subPath)) errs.push(...validateLocalDescendingPath(str(m.subPath), at(path, 'subPath')));
    if (str(m.subPathExpr)) {
      if (str(m.subPath))
        errs.push(
          invalid(at(p, 'subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'),
        );
      errs.push(...validateLocalDescendingPath(str(m.subPathExpr), at(path, 'subPathExpr')));
    }
  });
  return errs;
}

function validateVolumeDevices(
  devices: unknown,
  mounts: unknown,
  vols: Map<string, Obj>,
  path: string,
): Errs {
  const errs: Errs = [];
  const paths = new Set<string>();
  const names = new Set<string>();
  const mountNames = new Set(arr(mounts).map((m) => str(m?.name)));
  const mountPaths = new Set(arr(mounts).map((m) => str(m?.mountPath)));
  arr(devices).forEach((dev: Obj, i) => {
    const p = idx(path, i);
    const name = str(dev?.name);
    const devPath = str(dev?.devicePath);
    const vol = vols.get(name);
    if (!name) errs.push(required(at(p, 'name')));
    if (names.has(name)) errs.push(invalid(at(p, 'name'), name, 'must be unique'));
    if (vol && !isObj(vol.persistentVolumeClaim) && !isObj(vol.ephemeral))
      errs.push(
        invalid(
          at(p, 'name'),
          name,
          'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode',
        ),
      );
    if (!vol) errs.push(notFound(at(p, 'name'), name));
    if (!devPath) errs.push(required(at(p, 'devicePath')));
    if (paths.has(devPath)) errs.push(invalid(at(p, 'devicePath'), devPath, 'must be unique'));
    if (devPath && devPath.split('/').includes('..'))
      errs.push(invalid(at(p, 'devicePath'), devPath, "can not contain backsteps ('..')"));
    else paths.add(devPath);
    if (mountNames.has(name))
      errs.push(invalid(at(p, 'name'), name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devPath))
      errs.push(invalid(at(p, 'devicePath'), devPath, 'must not already exist as a path in volumeMounts'));
    if (name) names.add(name);
  });
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validatePullPolicy(policy: unknown, path: string): Errs {
  if (policy === 'Always' || policy === 'IfNotPresent' || policy === 'Never') return [];
  if (!policy) return [required(path)];
  return [notSupported(path, policy, PULL_POLICIES)];
}

function validateIdRange(value: unknown, path: string): Errs {
  if (typeof value !== 'number') return [];
  return value >= 0 && value <= 4294967295 ? [] : [invalid(path, value, inclusiveRangeError(0, 4294967295))];
}

const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

function validateSeccompProfile(sp: unknown, path: string): Errs {
  if (!isObj(sp)) return [];
  const errs: Errs = [];
  if (!sp.type) errs.push(required(at(path, 'type'), 'type is required when seccompProfile is set'));
  else if (!SECCOMP_TYPES.includes(sp.type))
    errs.push(notSupported(at(path, 'type'), sp.type, SECCOMP_TYPES));
  if (sp.type === 'Localhost') {
    if (sp.localhostProfile === undefined)
      errs.push(required(at(path, 'localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(str(sp.localhostProfile), at(path, 'localhostProfile')));
  } else if (sp.localhostProfile !== undefined) {
    errs.push(invalid(at(path, 'localhostProfile'), sp, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

function validateSecurityContext(sc: unknown, path: string): Errs {
  if (!isObj(sc)) return [];
  const errs: Errs = [];
  errs.push(...validateIdRange(sc.runAsUser, at(path, 'runAsUser')));
  errs.push(...validateIdRange(sc.runAsGroup, at(path, 'runAsGroup')));
  if (sc.procMount !== undefined && !['Default', 'Unmasked'].includes(sc.procMount))
    errs.push(notSupported(at(path, 'procMount'), sc.procMount, ['Default', 'Unmasked']));
  errs.push(...validateSeccompProfile(sc.seccompProfile, at(path, 'seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true)
      errs.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    if (arr(sc.capabilities?.add).includes('CAP_SYS_ADMIN'))
      errs.push(
        invalid(
          path,
          sc,
          'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
        ),
      );
  }
  return errs;
}

const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

/** validateContainerCommon: name, image, terminationMessagePolicy, ports, env, mounts, pull policy… */
function validateContainerCommon(c: Obj, vols: Map<string, Obj>, path: string): Errs {
  const errs: Errs = [];
  const name = str(c.name);
  if (!name) errs.push(required(at(path, 'name')));
  else errs.push(...isDNS1123Label(name).map((m) => invalid(at(path, 'name'), name, m)));
  if (!str(c.image)) errs.push(required(at(path, 'image')));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(required(at(path, 'terminationMessagePolicy')));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp))
    errs.push(notSupported(at(path, 'terminationMessagePolicy'), tmp, TERMINATION_MESSAGE_POLICIES));
  errs.push(...validateContainerPorts(c.ports, at(path, 'ports')));
  errs.push(...validateEnv(c.env, at(path, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, at(path, 'envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, c.volumeDevices, vols, at(path, 'volumeMounts')));
  errs.push(...validateVolumeDevices(c.volumeDevices, c.volumeMounts, vols, at(path, 'volumeDevices')));
  errs.push(...validatePullPolicy(c.imagePullPolicy, at(path, 'imagePullPolicy')));
  errs.push(...validateResourceRequirements(c.resources, at(path, 'resources')));
  errs.push(...validateSecurityContext(c.securityContext, at(path, 'securityContext')));
  return errs;
}

function validatePortNumOrName(port: unknown, path: string): Errs {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  return isValidPortNum(0).map((m) => invalid(path, 0, m));
}

/** validateHandler: exactly one of exec, httpGet, tcpSocket, grpc, sleep. */
function validateHandler(h: Obj, gracePeriod: unknown, path: string, probe: boolean): Errs {
  const errs: Errs = [];
  let count = 0;
  const kinds = probe ? ['exec', 'httpGet', 'tcpSocket', 'grpc'] : ['exec', 'httpGet', 'tcpSocket', 'sleep'];
  for (const kind of kinds) {
    const a = h[kind];
    if (!isObj(a)) continue;
    const p = at(path, kind);
    if (count > 0) {
      errs.push(forbidden(p, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    switch (kind) {
      case 'exec':
        if (arr(a.command).length === 0) errs.push(required(at(p, 'command')));
        break;
      case 'httpGet': {
        if (!str(a.path)) errs.push(required(at(p, 'path')));
        errs.push(...validatePortNumOrName(a.port, at(p, 'port')));
        if (a.scheme !== 'HTTP' && a.scheme !== 'HTTPS')
          errs.push(notSupported(at(p, 'scheme'), a.scheme ?? '', ['HTTP', 'HTTPS']));
        for (const header of arr(a.httpHeaders))
          for (const m of isHTTPHeaderName(str(header?.name)))
            errs.push(invalid(at(p, 'httpHeaders'), str(header?.name), m));
        break;
      }
      case 'tcpSocket':
        errs.push(...validatePortNumOrName(a.port, at(p, 'port')));
        break;
      case 'grpc':
        errs.push(...validatePortNumOrName(num(a.port), at(p, 'port')));
        break;
      case 'sleep': {
        const grace = typeof gracePeriod === 'number' ? gracePeriod : 0;
        if (num(a.seconds) <= 0 || num(a.seconds) > grace)
          errs.push(
            invalid(
              p,
              num(a.seconds),
              `must be greater than 0 and less than terminationGracePeriodSeconds (${grace})`,
            ),
          );
        break;
      }
    }
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: Obj, gracePeriod: unknown, path: string): Errs {
  const errs = validateHandler(probe, gracePeriod, path, true);
  for (const f of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ])
    errs.push(...nonNegative(probe[f], at(path, f)));
  if (typeof probe.terminationGracePeriodSeconds === 'number' && probe.terminationGracePeriodSeconds <= 0)
    errs.push(
      invalid(
        at(path, 'terminationGracePeriodSeconds'),
        probe.terminationGracePeriodSeconds,
        'must be greater than 0',
      ),
    );
  return errs;
}

function validateProbes(c: Obj, gracePeriod: unknown, path: string): Errs {
  const errs: Errs = [];
  if (isObj(c.livenessProbe)) {
    errs.push(...validateProbe(c.livenessProbe, gracePeriod, at(path, 'livenessProbe')));
    if (c.livenessProbe.successThreshold !== 1)
      errs.push(
        invalid(
          at(at(path, 'livenessProbe'), 'successThreshold'),
          c.livenessProbe.successThreshold ?? 0,
          'must be 1',
        ),
      );
  }
  if (isObj(c.readinessProbe)) {
    errs.push(...validateProbe(c.readinessProbe, gracePeriod, at(path, 'readinessProbe')));
    if (c.readinessProbe.terminationGracePeriodSeconds !== undefined)
      errs.push(
        invalid(
          at(at(path, 'readinessProbe'), 'terminationGracePeriodSeconds'),
          c.readinessProbe.terminationGracePeriodSeconds,
          'must not be set for readinessProbes',
        ),
      );
  }
  if (isObj(c.startupProbe)) {
    errs.push(...validateProbe(c.startupProbe, gracePeriod, at(path, 'startupProbe')));
    if (c.startupProbe.successThreshold !== 1)
      errs.push(
        invalid(
          at(at(path, 'startupProbe'), 'successThreshold'),
          c.startupProbe.successThreshold ?? 0,
          'must be 1',
        ),
      );
  }
  return errs;
}

function validateLifecycle(lifecycle: unknown, gracePeriod: unknown, path: string): Errs {
  if (!isObj(lifecycle)) return [];
  const errs: Errs = [];
  for (const hook of ['postStart', 'preStop'])
    if (isObj(lifecycle[hook]))
      errs.push(...validateHandler(lifecycle[hook], gracePeriod, at(path, hook), false));
  return errs;
}

function checkHostPortConflicts(containers: Obj[], path: string): Errs {
  const errs: Errs = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    arr(c.ports).forEach((port: Obj, pi) => {
      if (!isObj(port) || !port.hostPort) return;
      const s = `${str(port.protocol)}/${str(port.hostIP)}/${port.hostPort}`;
      if (seen.has(s)) errs.push(duplicate(at(idx(at(idx(path, ci), 'ports'), pi), 'hostPort'), s));
      else seen.add(s);
    });
  });
  return errs;
}

function validateContainers(
  containers: unknown,
  vols: Map<string, Obj>,
  gracePeriod: unknown,
  path: string,
): Errs {
  const list = arr(containers);
  if (list.length === 0) return [required(path)];
  const errs: Errs = [];
  const names = new Set<string>();
  list.forEach((ctr, i) => {
    const c: Obj = isObj(ctr) ? ctr : {};
    const p = idx(path, i);
    errs.push(...validateContainerCommon(c, vols, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(at(p, 'name'), name));
    else names.add(name);
    errs.push(...validateLifecycle(c.lifecycle, gracePeriod, at(p, 'lifecycle')));
    errs.push(...validateProbes(c, gracePeriod, p));
    if (c.restartPolicy !== undefined)
      errs.push(forbidden(at(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(list.filter(isObj), path));
  return errs;
}

function validateInitContainers(
  containers: unknown,
  regular: unknown,
  vols: Map<string, Obj>,
  gracePeriod: unknown,
  path: string,
): Errs {
  const errs: Errs = [];
  const names = new Set(arr(regular).map((c) => str(c?.name)));
  arr(containers).forEach((ctr, i) => {
    const c: Obj = isObj(ctr) ? ctr : {};
    const p = idx(path, i);
    errs.push(...validateContainerCommon(c, vols, p));
    let restartAlways = false;
    if (c.restartPolicy !== undefined) {
      if (c.restartPolicy !== 'Always')
        errs.push(notSupported(at(p, 'restartPolicy'), c.restartPolicy, ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(at(p, 'name'), name));
    else if (name) names.add(name);
    errs.push(...checkHostPortConflicts([c], path));
    if (restartAlways) {
      errs.push(...validateLifecycle(c.lifecycle, gracePeriod, at(p, 'lifecycle')));
      errs.push(...validateProbes(c, gracePeriod, p));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'])
        if (c[f] !== undefined)
          errs.push(forbidden(at(p, f), 'may not be set for init containers without restartPolicy=Always'));
    }
    if (arr(c.resizePolicy).length)
      errs.push(invalid(at(p, 'resizePolicy'), c.resizePolicy, 'must not be set for init containers'));
  });
  return errs;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

function validateNodeSelectorRequirement(rq: Obj, path: string): Errs {
  const errs: Errs = [];
  const values = arr(rq.values);
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        errs.push(required(at(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        errs.push(
          forbidden(at(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1)
        errs.push(
          required(at(path, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"),
        );
      break;
    default:
      errs.push(invalid(at(path, 'operator'), rq.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(rq.key), at(path, 'key')));
  return errs;
}

function validateNodeSelectorTerm(term: Obj, path: string): Errs {
  const errs: Errs = [];
  arr(term?.matchExpressions).forEach((rq, j) =>
    errs.push(...validateNodeSelectorRequirement(isObj(rq) ? rq : {}, idx(at(path, 'matchExpressions'), j))),
  );
  arr(term?.matchFields).forEach((rq: Obj, j) => {
    const p = idx(at(path, 'matchFields'), j);
    if (rq?.operator === 'In' || rq?.operator === 'NotIn') {
      if (arr(rq.values).length !== 1)
        errs.push(
          required(
            at(p, 'values'),
            "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
          ),
        );
    } else errs.push(invalid(at(p, 'operator'), rq?.operator ?? '', 'not a valid selector operator'));
    if (rq?.key !== 'metadata.name')
      errs.push(invalid(at(p, 'key'), str(rq?.key), 'not a valid field selector key'));
  });
  return errs;
}

function validatePodAffinityTerm(term: Obj, path: string): Errs {
  const errs = validateLabelSelector(term.labelSelector, at(path, 'labelSelector'));
  errs.push(...validateLabelSelector(term.namespaceSelector, at(path, 'namespaceSelector')));
  for (const ns of arr(term.namespaces))
    for (const m of isDNS1123Label(str(ns))) errs.push(invalid(at(path, 'namespace'), str(ns), m));
  if (!str(term.topologyKey)) errs.push(required(at(path, 'topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(str(term.topologyKey), at(path, 'topologyKey')));
  return errs;
}

function validateAffinity(affinity: unknown, path: string): Errs {
  if (!isObj(affinity)) return [];
  const errs: Errs = [];
  const na = affinity.nodeAffinity;
  if (isObj(na)) {
    const np = at(path, 'nodeAffinity');
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (isObj(req)) {
      const tp = at(at(np, 'requiredDuringSchedulingIgnoredDuringExecution'), 'nodeSelectorTerms');
      if (arr(req.nodeSelectorTerms).length === 0)
        errs.push(required(tp, 'must have at least one node selector term'));
      else
        arr(req.nodeSelectorTerms).forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, idx(tp, i))));
    }
    arr(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t: Obj, i) => {
      const p = idx(at(np, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      if (num(t?.weight) <= 0 || num(t?.weight) > 100)
        errs.push(invalid(at(p, 'weight'), t?.weight ?? 0, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(t?.preference, at(p, 'preference')));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = affinity[kind];
    if (!isObj(pa)) continue;
    const pp = at(path, kind);
    arr(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
      errs.push(
        ...validatePodAffinityTerm(
          isObj(t) ? t : {},
          idx(at(pp, 'requiredDuringSchedulingIgnoredDuringExecution'), i),
        ),
      ),
    );
    arr(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t: Obj, i) => {
      const p = idx(at(pp, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      if (num(t?.weight) <= 0 || num(t?.weight) > 100)
        errs.push(invalid(at(p, 'weight'), t?.weight ?? 0, 'must be in the range 1-100'));
      errs.push(
        ...validatePodAffinityTerm(
          isObj(t?.podAffinityTerm) ? t.podAffinityTerm : {},
          at(p, 'podAffinityTerm'),
        ),
      );
    });
  }
  return errs;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTolerations(tolerations: unknown, path: string): Errs {
  const errs: Errs = [];
  arr(tolerations).forEach((tol, i) => {
    const t: Obj = isObj(tol) ? tol : {};
    const p = idx(path, i);
    const k = str(t.key);
    if (k) errs.push(...validateLabelName(k, at(p, 'key')));
    if (!k && t.operator !== 'Exists')
      errs.push(
        invalid(
          at(p, 'operator'),
          t.operator ?? '',
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      errs.push(
        invalid(
          at(p, 'effect'),
          t.effect ?? '',
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    switch (t.operator ?? '') {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(str(t.value));
        if (msgs.length) errs.push(invalid(at(p, 'operator'), str(t.value), msgs.join(';')));
        break;
      }
      case 'Exists':
        if (str(t.value))
          errs.push(invalid(at(p, 'operator'), t, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(at(p, 'operator'), t.operator, ['Equal', 'Exists']));
    }
    if (str(t.effect) && !TAINT_EFFECTS.includes(t.effect))
      errs.push(notSupported(at(p, 'effect'), t.effect, TAINT_EFFECTS));
  });
  return errs;
}

function validateTopologySpreadConstraints(constraints: unknown, path: string): Errs {
  const errs: Errs = [];
  const list = arr(constraints);
  list.forEach((con, i) => {
    const c: Obj = isObj(con) ? con : {};
    const p = idx(path, i);
    if (num(c.maxSkew) <= 0)
      errs.push(invalid(at(p, 'maxSkew'), c.maxSkew ?? 0, 'must be greater than zero'));
    if (!str(c.topologyKey)) errs.push(required(at(p, 'topologyKey'), 'can not be empty'));
    const actions = ['DoNotSchedule', 'ScheduleAnyway'];
    if (!actions.includes(c.whenUnsatisfiable))
      errs.push(notSupported(at(p, 'whenUnsatisfiable'), c.whenUnsatisfiable ?? '', actions));
    const repeated = list
      .slice(i + 1)
      .some((o: Obj) => o?.topologyKey === c.topologyKey && o?.whenUnsatisfiable === c.whenUnsatisfiable);
    if (repeated)
      errs.push(
        duplicate(
          at(p, '{topologyKey, whenUnsatisfiable}'),
          `{${str(c.topologyKey)}, ${str(c.whenUnsatisfiable)}}`,
        ),
      );
    if (c.minDomains !== undefined) {
      if (num(c.minDomains) <= 0)
        errs.push(invalid(at(p, 'minDomains'), c.minDomains, 'must be greater than zero'));
      else if (c.whenUnsatisfiable !== 'DoNotSchedule')
        errs.push(
          invalid(
            at(p, 'minDomains'),
            c.minDomains,
            'can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway',
          ),
        );
    }
    errs.push(...validateLabelSelector(c.labelSelector, at(p, 'labelSelector')));
  });
  return errs;
}

function validatePodSecurityContext(sc: unknown, path: string): Errs {
  if (!isObj(sc)) return [];
  const errs: Errs = [];
  errs.push(...validateIdRange(sc.fsGroup, at(path, 'fsGroup')));
  errs.push(...validateIdRange(sc.runAsUser, at(path, 'runAsUser')));
  errs.push(...validateIdRange(sc.runAsGroup, at(path, 'runAsGroup')));
  arr(sc.supplementalGroups).forEach((g, i) =>
    errs.push(...validateIdRange(g, idx(at(path, 'supplementalGroups'), i))),
  );
  if (sc.fsGroupChangePolicy !== undefined && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy))
    errs.push(
      notSupported(at(path, 'fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']),
    );
  errs.push(...validateSeccompProfile(sc.seccompProfile, at(path, 'seccompProfile')));
  return errs;
}

function validateDNSConfig(cfg: unknown, dnsPolicy: unknown, path: string): Errs {
  const errs: Errs = [];
  if (dnsPolicy === 'None') {
    if (!isObj(cfg)) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (arr(cfg.nameservers).length === 0)
      return [
        required(
          at(path, 'nameservers'),
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
      ];
  }
  if (!isObj(cfg)) return errs;
  const ns = arr(cfg.nameservers);
  if (ns.length > 3) errs.push(invalid(at(path, 'nameservers'), ns, 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...validateIP(idx(at(path, 'nameservers'), i), str(n))));
  const searches = arr(cfg.searches);
  if (searches.length > 32)
    errs.push(invalid(at(path, 'searches'), searches, 'must not have more than 32 search paths'));
  searches.forEach((s, i) => {
    const v = str(s).replace(/\.$/, '');
    for (const m of isDNS1123Subdomain(v)) errs.push(invalid(idx(at(path, 'searches'), i), v, m));
  });
  arr(cfg.options).forEach((o, i) => {
    if (!str(o?.name)) errs.push(required(idx(at(path, 'options'), i), 'must not be empty'));
  });
  return errs;
}

/** ValidatePodSpec, in the order Kubernetes runs its checks. */
export function validatePodSpec(spec: unknown, path: string, opts: PodOpts): Errs {
  const s: Obj = isObj(spec) ? spec : {};
  const errs: Errs = [];
  if (s.terminationGracePeriodSeconds === undefined)
    errs.push(required(at(path, 'terminationGracePeriodSeconds')));
  const grace = s.terminationGracePeriodSeconds;
  const { vols, errs: volErrs } = validateVolumes(s.volumes, at(path, 'volumes'));
  errs.push(...volErrs);
  errs.push(...validateContainers(s.containers, vols, grace, at(path, 'containers')));
  errs.push(
    ...validateInitContainers(s.initContainers, s.containers, vols, grace, at(path, 'initContainers')),
  );
  arr(s.ephemeralContainers).forEach((ec, i) => {
    const p = idx(at(path, 'ephemeralContainers'), i);
    errs.push(...validateContainerCommon(isObj(ec) ? ec : {}, vols, p));
  });
  if (s.hostNetwork === true) {
    arr(s.containers).forEach((c, i) =>
      arr(c?.ports).forEach((port: Obj, j) => {
        const hp = num(port?.hostPort);
        if ((opts.isPod || hp !== 0) && hp !== num(port?.containerPort))
          errs.push(
            invalid(
              at(idx(at(idx(at(path, 'containers'), i), 'ports'), j), 'hostPort'),
              hp,
              'must match `containerPort` when `hostNetwork` is true',
            ),
          );
      }),
    );
  }
  const rp = s.restartPolicy;
  if (!RESTART_POLICIES.includes(rp))
    errs.push(
      rp
        ? notSupported(at(path, 'restartPolicy'), rp, RESTART_POLICIES)
        : required(at(path, 'restartPolicy')),
    );
  const dp = s.dnsPolicy;
  if (!DNS_POLICIES.includes(dp))
    errs.push(dp ? notSupported(at(path, 'dnsPolicy'), dp, DNS_POLICIES) : required(at(path, 'dnsPolicy')));
  errs.push(...validateLabels(s.nodeSelector, at(path, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(s.securityContext, at(path, 'securityContext')));
  arr(s.imagePullSecrets).forEach((ps, i) => {
    if (isObj(ps) && Object.keys(ps).some((k) => k !== 'name'))
      errs.push(invalid(idx(at(path, 'imagePullSecrets'), i), ps, 'only name may be set'));
  });
  errs.push(...validateAffinity(s.affinity, at(path, 'affinity')));
  errs.push(...validateDNSConfig(s.dnsConfig, s.dnsPolicy, at(path, 'dnsConfig')));
  arr(s.readinessGates).forEach((g, i) => {
    const t = str(g?.conditionType);
    for (const m of isQualifiedName(t))
      errs.push(invalid(at(idx(at(path, 'readinessGates'), i), 'conditionType'), t, m));
  });
  const gates = new Set<string>();
  arr(s.schedulingGates).forEach((g, i) => {
    const n = str(g?.name);
    const p = idx(at(path, 'schedulingGates'), i);
    for (const m of isQualifiedName(n)) errs.push(invalid(p, n, m));
    if (gates.has(n)) errs.push(duplicate(p, n));
    gates.add(n);
  });
  errs.push(
    ...validateTopologySpreadConstraints(s.topologySpreadConstraints, at(path, 'topologySpreadConstraints')),
  );
  const sa = str(s.serviceAccountName);
  if (sa)
    for (const m of nameIsDNSSubdomain(sa, false)) errs.push(invalid(at(path, 'serviceAccountName'), sa, m));
  const nodeName = str(s.nodeName);
  if (nodeName)
    for (const m of nameIsDNSSubdomain(nodeName, false))
      errs.push(invalid(at(path, 'nodeName'), nodeName, m));
  if (
    typeof s.activeDeadlineSeconds === 'number' &&
    (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > 2147483647)
  )
    errs.push(
      invalid(at(path, 'activeDeadlineSeconds'), s.activeDeadlineSeconds, inclusiveRangeError(1, 2147483647)),
    );
  for (const f of ['hostname', 'subdomain']) {
    const v = str(s[f]);
    if (v) for (const m of isDNS1123Label(v)) errs.push(invalid(at(path, f), v, m));
  }
  errs.push(...validateTolerations(s.tolerations, at(path, 'tolerations')));
  arr(s.hostAliases).forEach((ha: Obj, i) => {
    const p = idx(at(path, 'hostAliases'), i);
    errs.push(...validateIP(at(p, 'ip'), str(ha?.ip)));
    arr(ha?.hostnames).forEach((h, j) => {
      for (const m of isDNS1123Subdomain(str(h))) errs.push(invalid(idx(at(p, 'hostnames'), j), str(h), m));
    });
  });
  const pcn = str(s.priorityClassName);
  if (pcn)
    for (const m of nameIsDNSSubdomain(pcn, false)) errs.push(invalid(at(path, 'priorityClassName'), pcn, m));
  if (s.runtimeClassName !== undefined)
    for (const m of nameIsDNSSubdomain(str(s.runtimeClassName), false))
      errs.push(invalid(at(path, 'runtimeClassName'), str(s.runtimeClassName), m));
  if (s.preemptionPolicy !== undefined && !['PreemptLowerPriority', 'Never'].includes(s.preemptionPolicy))
    errs.push(
      s.preemptionPolicy
        ? notSupported(at(path, 'preemptionPolicy'), s.preemptionPolicy, ['PreemptLowerPriority', 'Never'])
        : required(at(path, 'preemptionPolicy')),
    );
  if (isObj(s.overhead))
    errs.push(...validateResourceRequirements({ limits: s.overhead }, at(path, 'overhead')));
  if (isObj(s.resources)) errs.push(...validateResourceRequirements(s.resources, at(path, 'resources')));
  if (isObj(s.os)) {
    if (!str(s.os.name)) errs.push(required(at(at(path, 'os'), 'name')));
    else if (!['linux', 'windows'].includes(s.os.name))
      errs.push(notSupported(at(at(path, 'os'), 'name'), s.os.name, ['linux', 'windows']));
  }
  return errs;
}

/** ValidatePodTemplateSpec: labels (at `template.labels`), annotations, spec, no ephemeral containers. */
function validatePodTemplateSpec(template: Obj, path: string): Errs {
  const meta: Obj = isObj(template.metadata) ? template.metadata : {};
  const errs = validateLabels(meta.labels, at(path, 'labels'));
  errs.push(...validateAnnotations(meta.annotations, at(path, 'annotations')));
  errs.push(...validatePodSpec(template.spec, at(path, 'spec'), { isPod: false }));
  if (arr(template.spec?.ephemeralContainers).length)
    errs.push(
      forbidden(
        at(at(path, 'spec'), 'ephemeralContainers'),
        'ephemeral containers not allowed in pod template',
      ),
    );
  return errs;
}

/** ValidateTemplateObjectMeta: only labels and annotations may be set. */
function validateTemplateObjectMeta(meta: unknown, path: string): Errs {
  const m: Obj = isObj(meta) ? meta : {};
  const errs = validateAnnotations(m.annotations, at(path, 'annotations'));
  errs.push(...validateLabels(m.labels, at(path, 'labels')));
  for (const k of Object.keys(m).sort())
    if (k !== 'labels' && k !== 'annotations' && m[k] !== undefined)
      errs.push(forbidden(at(path, k), 'cannot be set'));
  return errs;
}

// ---------------------------------------------------------------------------------------------------
// Pods
// ---------------------------------------------------------------------------------------------------

function validatePod(pod: Obj): Errs {
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain);
  errs.push(...validatePodMetadataAndSpecRest(pod));
  const spec: Obj = isObj(pod.spec) ? pod.spec : {};
  if (arr(spec.ephemeralContainers).length)
    errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec.nodeName) && arr(spec.schedulingGates).length)
    errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  return errs;
}

/** validatePodMetadataAndSpec after ObjectMeta: the spec, plus the pod-only container checks. */
function validatePodMetadataAndSpecRest(pod: Obj): Errs {
  const spec: Obj = isObj(pod.spec) ? pod.spec : {};
  const errs = validatePodSpec(spec, 'spec', { isPod: true, podName: str(pod.metadata?.name) });
  if (!str(spec.serviceAccountName)) {
    arr(spec.volumes).forEach((v: Obj, vi) => {
      arr(v?.projected?.sources).forEach((src: Obj, si) => {
        if (isObj(src?.serviceAccountToken))
          errs.push(
            forbidden(
              `spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`,
              'must not be specified when serviceAccountName is not set',
            ),
          );
      });
    });
  }
  for (const kind of ['containers', 'initContainers']) {
    arr(spec[kind]).forEach((c: Obj, i) => {
      const image = str(c?.image);
      if (image !== image.trim())
        errs.push(invalid(`spec.${kind}[${i}].image`, image, 'must not have leading or trailing whitespace'));
    });
  }
  return errs;
}

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/**
 * ValidatePodUpdate. Binding a pod (setting spec.nodeName once) goes through the binding
 * subresource in Kubernetes; the engine's scheduler writes it with an update, so a nodeName set from
 * empty is accepted here.
 */
function validatePodUpdate(pod: Obj, old: Obj): Errs {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata);
  errs.push(...validatePodMetadataAndSpecRest(pod));
  const spec: Obj = isObj(pod.spec) ? pod.spec : {};
  const oldSpec: Obj = isObj(old.spec) ? old.spec : {};
  for (const kind of ['containers', 'initContainers']) {
    const nc = arr(spec[kind]);
    const oc = arr(oldSpec[kind]);
    if (nc.length !== oc.length) {
      errs.push(forbidden(`spec.${kind}`, 'pod updates may not add or remove containers'));
      return errs;
    }
    nc.forEach((c: Obj, i) => {
      if (!str(c?.image)) errs.push(required(`spec.${kind}[${i}].image`));
    });
  }
  const nad = spec.activeDeadlineSeconds;
  const oad = oldSpec.activeDeadlineSeconds;
  if (typeof nad === 'number') {
    if (nad < 0 || nad > 2147483647) {
      errs.push(invalid('spec.activeDeadlineSeconds', nad, inclusiveRangeError(0, 2147483647)));
      return errs;
    }
    if (typeof oad === 'number' && oad < nad) {
      errs.push(invalid('spec.activeDeadlineSeconds', nad, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (typeof oad === 'number') {
    errs.push(
      invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'),
    );
  }
  for (const ot of arr(oldSpec.tolerations)) {
    const found = arr(spec.tolerations).some((nt: Obj) =>
      deepEqual({ ...ot, tolerationSeconds: nt?.tolerationSeconds }, nt),
    );
    if (!found) {
      errs.push(
        forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'),
      );
      break;
    }
  }
  const gateNames = new Set(arr(oldSpec.schedulingGates).map((g) => str(g?.name)));
  arr(spec.schedulingGates).forEach((g: Obj, i) => {
    if (!gateNames.has(str(g?.name)))
      errs.push(
        forbidden(
          `spec.schedulingGates[${i}].name`,
          `only deletion is allowed, but found new scheduling gate '${str(g?.name)}'`,
        ),
      );
  });
  const munged: Obj = { ...spec };
  for (const kind of ['containers', 'initContainers'])
    if (Array.isArray(spec[kind]))
      munged[kind] = spec[kind].map((c: Obj, i: number) => ({ ...c, image: oldSpec[kind]?.[i]?.image }));
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  if (num(oldSpec.terminationGracePeriodSeconds) < 0 && munged.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  if (!str(oldSpec.nodeName)) munged.nodeName = oldSpec.nodeName;
  for (const k of Object.keys(munged)) if (munged[k] === undefined) delete munged[k];
  if (!deepEqual(munged, oldSpec))
    errs.push(
      forbidden(
        'spec',
        `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}`,
      ),
    );
  return errs;
}

function validatePodStatusUpdate(pod: Obj, old: Obj): Errs {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata);
  const system = ['PodScheduled', 'Ready', 'Initialized'];
  arr(pod.status?.conditions).forEach((c: Obj, i) => {
    const t = str(c?.type);
    if (system.includes(t)) return;
    for (const m of isQualifiedName(t)) errs.push(invalid(`metadata.conditions[${i}].Type`, t, m));
  });
  arr(pod.status?.podIPs).forEach((ip: Obj, i) =>
    errs.push(...validateIP(`status.podIPs[${i}]`, str(ip?.ip))),
  );
  return errs;
}

// ---------------------------------------------------------------------------------------------------
// apps/v1: Deployment, ReplicaSet (pkg/apis/apps/validation/validation.go)
// ---------------------------------------------------------------------------------------------------

/** IntOrString.IntValue of a percent-or-int, as getIntOrPercentValue reads raw values. */
function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (/^[0-9]+%$/.test(v)) return parseInt(v.slice(0, -1), 10);
    const n = Number.parseInt(v, 10);
    return /^[-+]?[0-9]+$/.test(v) && !Number.isNaN(n) ? n : 0;
  }
  return 0;
}

function validatePositiveIntOrPercent(v: unknown, path: string): Errs {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(path, v, m));
  if (typeof v === 'number') return nonNegative(v, path);
  return [];
}

function isNotMoreThan100Percent(v: unknown, path: string): Errs {
  if (typeof v !== 'string' || !/^[0-9]+%$/.test(v)) return [];
  return parseInt(v.slice(0, -1), 10) > 100 ? [invalid(path, v, 'must not be greater than 100%')] : [];
}

/** ValidateRollingUpdateDeployment: raw values, so "0%" and 0 together are refused. */
function validateRollingUpdateDeployment(ru: Obj, path: string): Errs {
  const errs = validatePositiveIntOrPercent(ru.maxUnavailable, at(path, 'maxUnavailable'));
  errs.push(...validatePositiveIntOrPercent(ru.maxSurge, at(path, 'maxSurge')));
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0)
    errs.push(
      invalid(at(path, 'maxUnavailable'), ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'),
    );
  errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, at(path, 'maxUnavailable')));
  return errs;
}

/** The internal apps.DeploymentStrategy as json.Marshal renders it (no json tags: Go names). */
function internalStrategyValue(strategy: Obj): Obj {
  const ru = strategy.rollingUpdate;
  return {
    Type: str(strategy.type),
    RollingUpdate: isObj(ru) ? { MaxUnavailable: ru.maxUnavailable ?? 0, MaxSurge: ru.maxSurge ?? 0 } : null,
  };
}

function validateDeploymentStrategy(strategy: unknown, path: string): Errs {
  const s: Obj = isObj(strategy) ? strategy : {};
  switch (s.type) {
    case 'Recreate':
      return isObj(s.rollingUpdate)
        ? [forbidden(at(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")]
        : [];
    case 'RollingUpdate':
      if (!isObj(s.rollingUpdate))
        return [required(at(path, 'rollingUpdate'), 'this should be defaulted and never be nil')];
      return validateRollingUpdateDeployment(s.rollingUpdate, at(path, 'rollingUpdate'));
    default:
      return [notSupported(path, internalStrategyValue(s), ['Recreate', 'RollingUpdate'])];
  }
}

/** The selector checks shared by Deployment, ReplicaSet and StatefulSet specs. */
function validateSelectorPresence(selector: unknown, path: string, emptyMessage: string): Errs {
  if (!isObj(selector)) return [required(path)];
  const errs = validateLabelSelector(selector, path);
  if (
    arr(selector.matchExpressions).length +
      Object.keys(isObj(selector.matchLabels) ? selector.matchLabels : {}).length ===
    0
  )
    errs.push(invalid(path, selectorValue(selector), emptyMessage));
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet (Deployments and ReplicaSets). */
function validatePodTemplateSpecForReplicaSet(
  template: unknown,
  selector: Selector,
  path: string,
  owner: string,
): Errs {
  const t: Obj = isObj(template) ? template : {};
  const errs: Errs = [];
  const labels: Obj = isObj(t.metadata?.labels) ? t.metadata.labels : {};
  if (
    selector.kind === 'nothing' ||
    (selector.kind === 'match' && !selector.empty && !selector.matches(labels))
  )
    errs.push(
      invalid(
        at(at(path, 'metadata'), 'labels'),
        sortedMap(t.metadata?.labels),
        '`selector` does not match template `labels`',
      ),
    );
  errs.push(...validatePodTemplateSpec(t, path));
  const spec: Obj = isObj(t.spec) ? t.spec : {};
  if (spec.restartPolicy !== 'Always')
    errs.push(notSupported(at(at(path, 'spec'), 'restartPolicy'), spec.restartPolicy ?? '', ['Always']));
  if (spec.activeDeadlineSeconds !== undefined)
    errs.push(
      forbidden(
        at(at(path, 'spec'), 'activeDeadlineSeconds'),
        `activeDeadlineSeconds in ${owner} is not Supported`,
      ),
    );
  return errs;
}

function validateDeploymentSpec(spec: unknown, path = 'spec'): Errs {
  const s: Obj = isObj(spec) ? spec : {};
  const errs = nonNegative(s.replicas, at(path, 'replicas'));
  errs.push(
    ...validateSelectorPresence(s.selector, at(path, 'selector'), 'empty selector is invalid for deployment'),
  );
  const selector = labelSelectorAsSelector(s.selector);
  if (selector.kind === 'error')
    errs.push(invalid(at(path, 'selector'), selectorValue(s.selector), 'invalid label selector'));
  else
    errs.push(
      ...validatePodTemplateSpecForReplicaSet(s.template, selector, at(path, 'template'), 'ReplicaSet'),
    );
  errs.push(...validateDeploymentStrategy(s.strategy, at(path, 'strategy')));
  errs.push(...nonNegative(s.minReadySeconds, at(path, 'minReadySeconds')));
  if (s.revisionHistoryLimit !== undefined)
    errs.push(...nonNegative(s.revisionHistoryLimit, at(path, 'revisionHistoryLimit')));
  if (isObj(s.rollbackTo))
    errs.push(...nonNegative(s.rollbackTo.revision, at(at(path, 'rollback'), 'version')));
  if (typeof s.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(s.progressDeadlineSeconds, at(path, 'progressDeadlineSeconds')));
    if (s.progressDeadlineSeconds <= num(s.minReadySeconds))
      errs.push(
        invalid(
          at(path, 'progressDeadlineSeconds'),
          s.progressDeadlineSeconds,
          'must be greater than minReadySeconds',
        ),
      );
  }
  return errs;
}

function validateReplicaSetSpec(spec: unknown, path = 'spec'): Errs {
  const s: Obj = isObj(spec) ? spec : {};
  const errs = nonNegative(s.replicas, at(path, 'replicas'));
  errs.push(...nonNegative(s.minReadySeconds, at(path, 'minReadySeconds')));
  // Upstream's ReplicaSet message says "deployment" too (a copy of the Deployment check).
  errs.push(
    ...validateSelectorPresence(s.selector, at(path, 'selector'), 'empty selector is invalid for deployment'),
  );
  const selector = labelSelectorAsSelector(s.selector);
  if (selector.kind === 'error')
    errs.push(invalid(at(path, 'selector'), selectorValue(s.selector), 'invalid label selector'));
  else
    errs.push(
      ...validatePodTemplateSpecForReplicaSet(s.template, selector, at(path, 'template'), 'ReplicaSet'),
    );
  return errs;
}

function validateDeploymentStatus(status: unknown, path = 'status'): Errs {
  const s: Obj = isObj(status) ? status : {};
  const errs: Errs = [];
  for (const f of [
    'observedGeneration',
    'replicas',
    'updatedReplicas',
    'readyReplicas',
    'availableReplicas',
    'unavailableReplicas',
  ])
    errs.push(...nonNegative(s[f], at(path, f)));
  if (typeof s.terminatingReplicas === 'number')
    errs.push(...nonNegative(s.terminatingReplicas, at(path, 'terminatingReplicas')));
  if (s.collisionCount !== undefined) errs.push(...nonNegative(s.collisionCount, at(path, 'collisionCount')));
  const msg = 'cannot be greater than status.replicas';
  const replicas = num(s.replicas);
  for (const f of ['updatedReplicas', 'readyReplicas', 'availableReplicas'])
    if (num(s[f]) > replicas) errs.push(invalid(at(path, f), num(s[f]), msg));
  if (num(s.availableReplicas) > num(s.readyReplicas))
    errs.push(
      invalid(
        at(path, 'availableReplicas'),
        num(s.availableReplicas),
        'cannot be greater than readyReplicas',
      ),
    );
  return errs;
}

function validateReplicaSetStatus(status: unknown, path = 'status'): Errs {
  const s: Obj = isObj(status) ? status : {};
  const errs: Errs = [];
  for (const f of [
    'replicas',
    'fullyLabeledReplicas',
    'readyReplicas',
    'availableReplicas',
    'observedGeneration',
  ])
    errs.push(...nonNegative(s[f], at(path, f)));
  if (typeof s.terminatingReplicas === 'number')
    errs.push(...nonNegative(s.terminatingReplicas, at(path, 'terminatingReplicas')));
  const msg = 'cannot be greater than status.replicas';
  const replicas = num(s.replicas);
  for (const f of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'])
    if (num(s[f]) > replicas) errs.push(invalid(at(path, f), num(s[f]), msg));
  if (num(s.availableReplicas) > num(s.readyReplicas))
    errs.push(
      invalid(
        at(path, 'availableReplicas'),
        num(s.availableReplicas),
        'cannot be greater than readyReplicas',
      ),
    );
  return errs;
}

/** IsDecremented: a collisionCount that goes down (or away). */
function collisionCountDecremented(status: unknown, oldStatus: unknown): Errs {
  const now = isObj(status) ? status.collisionCount : undefined;
  const before = isObj(oldStatus) ? oldStatus.collisionCount : undefined;
  if (typeof before !== 'number') return [];
  if (typeof now === 'number' && now >= before) return [];
  return [invalid('status.collisionCount', typeof now === 'number' ? now : 0, 'cannot be decremented')];
}

// ---------------------------------------------------------------------------------------------------
// apps/v1: StatefulSet (1.34)
// ---------------------------------------------------------------------------------------------------

/** The 1.34 wording; ≤1.33 servers list the same fields without 'revisionHistoryLimit'. */
export const STATEFULSET_FORBIDDEN_UPDATE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function internalStatefulSetRollingUpdate(ru: unknown): Obj | null {
  if (!isObj(ru)) return null;
  return { Partition: num(ru.partition), MaxUnavailable: ru.maxUnavailable ?? null };
}

function validateStatefulSetSpec(spec: unknown, path = 'spec'): Errs {
  const s: Obj = isObj(spec) ? spec : {};
  const errs: Errs = [];
  switch (s.podManagementPolicy ?? '') {
    case '':
      errs.push(required(at(path, 'podManagementPolicy')));
      break;
    case 'OrderedReady':
    case 'Parallel':
      break;
    default:
      errs.push(
        invalid(
          at(path, 'podManagementPolicy'),
          s.podManagementPolicy,
          "must be 'OrderedReady' or 'Parallel'",
        ),
      );
  }
  const us: Obj = isObj(s.updateStrategy) ? s.updateStrategy : {};
  const usPath = at(path, 'updateStrategy');
  switch (us.type ?? '') {
    case '':
      errs.push(required(usPath));
      break;
    case 'OnDelete':
      if (isObj(us.rollingUpdate))
        errs.push(
          invalid(
            at(usPath, 'rollingUpdate'),
            internalStatefulSetRollingUpdate(us.rollingUpdate),
            "only allowed for updateStrategy 'RollingUpdate'",
          ),
        );
      break;
    case 'RollingUpdate':
      if (isObj(us.rollingUpdate)) {
        const rp = at(usPath, 'rollingUpdate');
        errs.push(...nonNegative(num(us.rollingUpdate.partition), at(rp, 'partition')));
        const mu = us.rollingUpdate.maxUnavailable;
        if (mu !== undefined) {
          errs.push(...validatePositiveIntOrPercent(mu, at(rp, 'maxUnavailable')));
          if (intOrPercentValue(mu) === 0) errs.push(invalid(at(rp, 'maxUnavailable'), mu, 'cannot be 0'));
          errs.push(...isNotMoreThan100Percent(mu, at(rp, 'maxUnavailable')));
        }
      }
      break;
    default:
      errs.push(
        invalid(
          usPath,
          { Type: str(us.type), RollingUpdate: internalStatefulSetRollingUpdate(us.rollingUpdate) },
          "must be 'RollingUpdate' or 'OnDelete'",
        ),
      );
  }
  const retention = s.persistentVolumeClaimRetentionPolicy;
  if (isObj(retention)) {
    for (const f of ['whenDeleted', 'whenScaled'])
      if (retention[f] !== 'Retain' && retention[f] !== 'Delete')
        errs.push(
          notSupported(at(at(path, 'persistentVolumeClaimRetentionPolicy'), f), retention[f] ?? '', [
            'Retain',
            'Delete',
          ]),
        );
  }
  errs.push(...nonNegative(s.replicas, at(path, 'replicas')));
  errs.push(...nonNegative(s.minReadySeconds, at(path, 'minReadySeconds')));
  if (s.revisionHistoryLimit !== undefined)
    errs.push(...nonNegative(s.revisionHistoryLimit, at(path, 'revisionHistoryLimit')));
  if (isObj(s.ordinals)) errs.push(...nonNegative(num(s.ordinals.start), at(path, 'ordinals.start')));
  const serviceName = str(s.serviceName);
  if (serviceName)
    for (const m of isDNS1123Label(serviceName)) errs.push(invalid(at(path, 'serviceName'), serviceName, m));
  errs.push(
    ...validateSelectorPresence(
      s.selector,
      at(path, 'selector'),
      'empty selector is invalid for statefulset',
    ),
  );
  const selector = labelSelectorAsSelector(s.selector);
  const t: Obj = isObj(s.template) ? s.template : {};
  if (selector.kind === 'error') errs.push(invalid(at(path, 'selector'), selectorValue(s.selector), ''));
  else {
    // ValidatePodTemplateSpecForStatefulSet: labels and annotations only; the pod spec is checked when
    // the controller creates pods.
    const tp = at(path, 'template');
    const meta: Obj = isObj(t.metadata) ? t.metadata : {};
    const labels: Obj = isObj(meta.labels) ? meta.labels : {};
    if (selector.kind === 'nothing' || (!selector.empty && !selector.matches(labels)))
      errs.push(
        invalid(
          at(at(tp, 'metadata'), 'labels'),
          sortedMap(meta.labels),
          '`selector` does not match template `labels`',
        ),
      );
    errs.push(...validateLabels(meta.labels, at(tp, 'labels')));
    errs.push(...validateAnnotations(meta.annotations, at(tp, 'annotations')));
  }
  const tspec: Obj = isObj(t.spec) ? t.spec : {};
  if (tspec.restartPolicy !== 'Always')
    errs.push(notSupported(at(path, 'template.spec.restartPolicy'), tspec.restartPolicy ?? '', ['Always']));
  if (tspec.activeDeadlineSeconds !== undefined)
    errs.push(
      forbidden(
        at(path, 'template.spec.activeDeadlineSeconds'),
        'activeDeadlineSeconds in StatefulSet is not Supported',
      ),
    );
  return errs;
}

function validateStatefulSetUpdate(sts: Obj, old: Obj): Errs {
  const errs = validateObjectMetaUpdate(sts.metadata, old.metadata);
  errs.push(...validateStatefulSetSpec(sts.spec));
  const spec: Obj = isObj(sts.spec) ? sts.spec : {};
  const oldSpec: Obj = isObj(old.spec) ? old.spec : {};
  const clone: Obj = { ...spec };
  for (const f of [
    'replicas',
    'template',
    'updateStrategy',
    'minReadySeconds',
    'ordinals',
    'persistentVolumeClaimRetentionPolicy',
    'revisionHistoryLimit',
  ])
    clone[f] = oldSpec[f];
  for (const k of Object.keys(clone)) if (clone[k] === undefined) delete clone[k];
  if (!semanticEqual(clone, oldSpec)) errs.push(forbidden('spec', STATEFULSET_FORBIDDEN_UPDATE));
  return errs;
}

function validateStatefulSetStatus(status: unknown, path = 'status'): Errs {
  const s: Obj = isObj(status) ? status : {};
  const errs: Errs = [];
  for (const f of ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'])
    errs.push(...nonNegative(s[f], at(path, f)));
  if (s.observedGeneration !== undefined)
    errs.push(...nonNegative(s.observedGeneration, at(path, 'observedGeneration')));
  if (s.collisionCount !== undefined) errs.push(...nonNegative(s.collisionCount, at(path, 'collisionCount')));
  const msg = 'cannot be greater than status.replicas';
  const replicas = num(s.replicas);
  for (const f of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'])
    if (num(s[f]) > replicas) errs.push(invalid(at(path, f), num(s[f]), msg));
  if (num(s.availableReplicas) > num(s.readyReplicas))
    errs.push(
      invalid(
        at(path, 'availableReplicas'),
        num(s.availableReplicas),
        'cannot be greater than status.readyReplicas',
      ),
    );
  return errs;
}

/**
 * apiequality.Semantic.DeepEqual on decoded values: quantities compare by value, and an empty list
 * or map equals an absent one only where Go would also see nil (not modelled: exact equality).
 */
function semanticEqual(a: unknown, b: unknown): boolean {
  return deepEqual(a, b);
}

// ---------------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------------

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function isHeadless(spec: Obj): boolean {
  return spec.clusterIP === 'None';
}

function validateServicePort(port: Obj, requireName: boolean, names: Set<string>, path: string): Errs {
  const errs: Errs = [];
  const name = str(port.name);
  if (requireName && !name) errs.push(required(at(path, 'name')));
  else if (name) {
    errs.push(...isDNS1123Label(name).map((m) => invalid(at(path, 'name'), name, m)));
    if (names.has(name)) errs.push(duplicate(at(path, 'name'), name));
    else names.add(name);
  }
  for (const m of isValidPortNum(num(port.port))) errs.push(invalid(at(path, 'port'), port.port ?? 0, m));
  if (!str(port.protocol)) errs.push(required(at(path, 'protocol')));
  else if (!PROTOCOLS.includes(port.protocol))
    errs.push(notSupported(at(path, 'protocol'), port.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(port.targetPort, at(path, 'targetPort')));
  if (port.appProtocol !== undefined)
    for (const m of isQualifiedName(str(port.appProtocol)))
      errs.push(invalid(at(path, 'appProtocol'), port.appProtocol, m));
  return errs;
}

function validateService(svc: Obj): Errs {
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label);
  const spec: Obj = isObj(svc.spec) ? svc.spec : {};
  const ports = arr(spec.ports);
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName')
    errs.push(required('spec.ports'));
  const clusterIPs = arr(spec.clusterIPs).map(str);
  switch (spec.type) {
    case 'LoadBalancer':
      ports.forEach((p: Obj, i) => {
        if (p?.port === 10250)
          errs.push(
            invalid(
              `spec.ports[${i}]`,
              10250,
              'may not expose port 10250 externally since it is used by kubelet',
            ),
          );
      });
      if (isHeadless(spec))
        errs.push(
          invalid(
            'spec.clusterIPs[0]',
            clusterIPs[0] ?? '',
            "may not be set to 'None' for LoadBalancer services",
          ),
        );
      break;
    case 'NodePort':
      if (isHeadless(spec))
        errs.push(
          invalid(
            'spec.clusterIPs[0]',
            clusterIPs[0] ?? '',
            "may not be set to 'None' for NodePort services",
          ),
        );
      break;
    case 'ExternalName': {
      if (clusterIPs.length)
        errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
      if (arr(spec.ipFamilies).length)
        errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy !== undefined)
        errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      const cname = str(spec.externalName).replace(/\.$/, '');
      if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(invalid('spec.externalName', cname, m));
      else errs.push(required('spec.externalName'));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) =>
    errs.push(...validateServicePort(isObj(p) ? p : {}, ports.length > 1, names, `spec.ports[${i}]`)),
  );
  if (spec.selector !== undefined) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  if (!spec.sessionAffinity) errs.push(required('spec.sessionAffinity'));
  else if (!['ClientIP', 'None'].includes(spec.sessionAffinity))
    errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  if (spec.sessionAffinity === 'ClientIP') {
    const t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (!isObj(spec.sessionAffinityConfig))
      errs.push(required('spec.sessionAffinityConfig', 'when session affinity type is ClientIP'));
    else if (typeof t === 'number' && (t <= 0 || t > 86400))
      errs.push(
        invalid(
          'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
          t,
          'must be greater than 0 and less than 86400',
        ),
      );
  } else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig !== undefined) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  if (spec.type !== 'ExternalName') errs.push(...validateClusterIPs(spec));
  arr(spec.externalIPs).forEach((ip, i) => errs.push(...validateIP(`spec.externalIPs[${i}]`, str(ip))));
  if (!spec.type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(notSupported('spec.type', spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP')
    ports.forEach((p: Obj, i) => {
      if (p?.nodePort)
        errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  const nodePorts = new Set<string>();
  ports.forEach((p: Obj, i) => {
    if (!p?.nodePort) return;
    const k = `${str(p.protocol)}/${p.nodePort}`;
    if (nodePorts.has(k)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(k);
  });
  const seen = new Set<string>();
  ports.forEach((p: Obj, i) => {
    const k = `${str(p?.protocol)}/${num(p?.port)}`;
    if (seen.has(k))
      errs.push(duplicate(`spec.ports[${i}]`, { Protocol: str(p?.protocol), Port: num(p?.port) }));
    seen.add(k);
  });
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.type !== 'LoadBalancer')
    errs.push(
      forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"),
    );
  const externallyAccessible =
    spec.type === 'LoadBalancer' ||
    spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && arr(spec.externalIPs).length > 0);
  if (!externallyAccessible) {
    if (str(spec.externalTrafficPolicy))
      errs.push(
        invalid(
          'spec.externalTrafficPolicy',
          spec.externalTrafficPolicy,
          'may only be set for externally-accessible services',
        ),
      );
  } else if (!str(spec.externalTrafficPolicy)) errs.push(required('spec.externalTrafficPolicy'));
  else if (!['Cluster', 'Local'].includes(spec.externalTrafficPolicy))
    errs.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, ['Cluster', 'Local']));
  if (spec.internalTrafficPolicy === undefined) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type))
      errs.push(required('spec.internalTrafficPolicy'));
  } else if (!['Cluster', 'Local'].includes(spec.internalTrafficPolicy))
    errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, ['Cluster', 'Local']));
  return errs;
}

/** The standalone part of ValidateServiceClusterIPsRelatedFields. */
function validateClusterIPs(spec: Obj): Errs {
  const errs: Errs = [];
  const clusterIP = str(spec.clusterIP);
  const clusterIPs = arr(spec.clusterIPs).map(str);
  if (clusterIP) {
    if (clusterIPs.length === 0) errs.push(required('spec.clusterIPs'));
    else if (clusterIPs[0] !== clusterIP)
      errs.push(invalid('spec.clusterIPs', clusterIPs, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length)
    errs.push(invalid('spec.clusterIPs', clusterIPs, 'must be empty when `clusterIP` is not specified'));
  const families = new Set<string>();
  arr(spec.ipFamilies).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(`spec.ipFamilies[${i}]`, f, ['IPv4', 'IPv6']));
    if (families.has(f)) errs.push(duplicate(`spec.ipFamilies[${i}]`, f));
    families.add(f);
  });
  const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
  if (spec.ipFamilyPolicy !== undefined && !policies.includes(spec.ipFamilyPolicy))
    errs.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, policies));
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1)
        errs.push(invalid('spec.clusterIPs', clusterIPs, "'None' must be the first and only value"));
      return;
    }
    errs.push(...validateIP(`spec.clusterIPs[${i}]`, ip));
  });
  return errs;
}

/**
 * ValidateServiceUpdate. The registry first copies the allocated values (clusterIP, clusterIPs,
 * nodePorts, IP families) into an update that omits them, as `kubectl apply` of the original manifest
 * does; that is done here before the checks, as it happens before validation upstream.
 */
function validateServiceUpdate(svc: Obj, old: Obj): Errs {
  const spec: Obj = isObj(svc.spec) ? svc.spec : (svc.spec = {});
  const oldSpec: Obj = isObj(old.spec) ? old.spec : {};
  if (spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName') {
    if (!str(spec.clusterIP) && str(oldSpec.clusterIP)) {
      spec.clusterIP = oldSpec.clusterIP;
      if (arr(spec.clusterIPs).length === 0 && arr(oldSpec.clusterIPs).length)
        spec.clusterIPs = [...oldSpec.clusterIPs];
    }
    if (arr(spec.ipFamilies).length === 0 && arr(oldSpec.ipFamilies).length)
      spec.ipFamilies = [...oldSpec.ipFamilies];
    if (spec.ipFamilyPolicy === undefined && oldSpec.ipFamilyPolicy !== undefined)
      spec.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      for (const p of arr(spec.ports)) {
        if (!isObj(p) || p.nodePort) continue;
        const match = arr(oldSpec.ports).find(
          (o: Obj) => o?.port === p.port && o?.protocol === p.protocol && o?.nodePort,
        );
        if (match) p.nodePort = match.nodePort;
      }
    }
  }
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  errs.push(...validateUpgradeDowngradeClusterIPs(oldSpec, spec));
  errs.push(...validateService(svc));
  return errs;
}

function validateUpgradeDowngradeClusterIPs(oldSpec: Obj, spec: Obj): Errs {
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return [];
  if (isHeadless(oldSpec) && isHeadless(spec)) return [];
  const oldIPs = arr(oldSpec.clusterIPs).map(str);
  const newIPs = arr(spec.clusterIPs).map(str);
  const errs: Errs = [];
  if (oldIPs.length === newIPs.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== newIPs[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, newIPs, 'may not change once set'));
    });
  } else if (oldIPs.length > newIPs.length) {
    if (newIPs.length === 0)
      errs.push(invalid('spec.clusterIPs[0]', newIPs, 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && newIPs.length > 0 && newIPs[0] !== oldIPs[0])
      errs.push(invalid('spec.clusterIPs[0]', newIPs, 'may not change once set'));
    if (newIPs.length === 1 && spec.ipFamilyPolicy !== 'SingleStack')
      errs.push(
        invalid(
          'spec.clusterIPs[0]',
          newIPs,
          "`ipFamilyPolicy` must be set to 'SingleStack' when releasing the secondary clusterIP",
        ),
      );
  } else if (oldIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
    errs.push(invalid('spec.clusterIPs[0]', newIPs, 'may not change once set'));
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------------
// Storage: PersistentVolumeClaim, PersistentVolume, StorageClass
// ---------------------------------------------------------------------------------------------------

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];

function validateAccessModes(modes: unknown, path: string): Errs {
  const errs: Errs = [];
  let rwop = false;
  let other = false;
  for (const m of arr(modes)) {
    if (!ACCESS_MODES.includes(m)) errs.push(notSupported(path, m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function validatePersistentVolumeClaimSpec(spec: unknown, path: string): Errs {
  const s: Obj = isObj(spec) ? spec : {};
  const errs: Errs = [];
  if (arr(s.accessModes).length === 0)
    errs.push(required(at(path, 'accessModes'), 'at least 1 access mode is required'));
  if (isObj(s.selector)) errs.push(...validateLabelSelector(s.selector, at(path, 'selector')));
  errs.push(...validateAccessModes(s.accessModes, at(path, 'accessModes')));
  const storagePath = key(at(path, 'resources'), 'storage');
  const requests: Obj = isObj(s.resources?.requests) ? s.resources.requests : {};
  if (!('storage' in requests)) errs.push(required(storagePath));
  else {
    const q = quantityAt(requests.storage, storagePath, errs);
    if (q && compareQuantity(q, ZERO) <= 0)
      errs.push(invalid(storagePath, formatQuantity(q), 'must be greater than zero'));
  }
  if (str(s.storageClassName))
    for (const m of nameIsDNSSubdomain(s.storageClassName, false))
      errs.push(invalid(at(path, 'storageClassName'), s.storageClassName, m));
  if (s.volumeMode !== undefined && !VOLUME_MODES.includes(s.volumeMode))
    errs.push(notSupported(at(path, 'volumeMode'), s.volumeMode, VOLUME_MODES));
  for (const f of ['dataSource', 'dataSourceRef']) {
    const ds = s[f];
    if (!isObj(ds)) continue;
    const p = at(path, f);
    if (!str(ds.name)) errs.push(required(at(p, 'name')));
    if (!str(ds.kind)) errs.push(required(at(p, 'kind')));
    if (!str(ds.apiGroup) && ds.kind !== 'PersistentVolumeClaim')
      errs.push(
        invalid(p, str(ds.kind), "must be 'PersistentVolumeClaim' when referencing the default apiGroup"),
      );
  }
  return errs;
}

function validatePersistentVolumeClaim(pvc: Obj): Errs {
  const errs = validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain);
  errs.push(...validatePersistentVolumeClaimSpec(pvc.spec, 'spec'));
  return errs;
}

/** ValidatePersistentVolumeClaimUpdate: the spec is immutable except storage requests of bound claims. */
function validatePersistentVolumeClaimUpdate(pvc: Obj, old: Obj): Errs {
  const errs = validateObjectMetaUpdate(pvc.metadata, old.metadata);
  errs.push(...validatePersistentVolumeClaim(pvc));
  const spec: Obj = isObj(pvc.spec) ? { ...pvc.spec } : {};
  const oldSpec: Obj = isObj(old.spec) ? { ...old.spec } : {};
  if (!str(oldSpec.volumeName)) oldSpec.volumeName = spec.volumeName;
  if (spec.storageClassName !== undefined && oldSpec.storageClassName === undefined) {
    const ann = old.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
    if (ann === undefined || ann === spec.storageClassName) spec.storageClassName = oldSpec.storageClassName;
  }
  if (pvc.status?.phase === 'Bound' && isObj(spec.resources?.requests)) {
    spec.resources = {
      ...spec.resources,
      requests: { ...spec.resources.requests, storage: oldSpec.resources?.requests?.storage },
    };
  }
  spec.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  for (const o of [spec, oldSpec]) for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  if (!deepEqual(spec, oldSpec))
    errs.push(
      forbidden(
        'spec',
        'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      ),
    );
  const newSize = parseQuantity(pvc.spec?.resources?.requests?.storage);
  const oldSize = parseQuantity(old.spec?.resources?.requests?.storage);
  if (typeof newSize !== 'string' && typeof oldSize !== 'string' && compareQuantity(newSize, oldSize) < 0) {
    const statusSize = parseQuantity(old.status?.capacity?.storage);
    if (typeof statusSize === 'string' || compareQuantity(newSize, statusSize) <= 0)
      errs.push(
        forbidden(
          'spec.resources.requests.storage',
          typeof statusSize === 'string'
            ? 'field can not be less than previous value'
            : 'field can not be less than status.capacity',
        ),
      );
  }
  errs.push(...immutable(pvc.spec?.volumeMode, old.spec?.volumeMode, 'volumeMode'));
  return errs;
}

const PV_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'glusterfs',
  'flocker',
  'nfs',
  'rbd',
  'quobyte',
  'cephfs',
  'iscsi',
  'cinder',
  'fc',
  'flexVolume',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'scaleIO',
  'local',
  'storageos',
  'csi',
];

function validatePersistentVolume(pv: Obj): Errs {
  const errs = validateObjectMeta(pv.metadata, false, nameIsDNSSubdomain);
  const s: Obj = isObj(pv.spec) ? pv.spec : {};
  if (arr(s.accessModes).length === 0) errs.push(required('spec.accessModes'));
  errs.push(...validateAccessModes(s.accessModes, 'spec.accessModes'));
  const capacity: Obj = isObj(s.capacity) ? s.capacity : {};
  if (Object.keys(capacity).length === 0) errs.push(required('spec.capacity'));
  if (!('storage' in capacity) || Object.keys(capacity).length > 1)
    errs.push(notSupported('spec.capacity', sortedMap(s.capacity), ['storage']));
  for (const [r, value] of entries(capacity)) {
    const q = quantityAt(value, key('spec.capacity', r), errs);
    if (q && compareQuantity(q, ZERO) <= 0)
      errs.push(invalid(key('spec.capacity', r), formatQuantity(q), 'must be greater than zero'));
  }
  const policies = ['Delete', 'Recycle', 'Retain'];
  if (str(s.persistentVolumeReclaimPolicy) && !policies.includes(s.persistentVolumeReclaimPolicy))
    errs.push(notSupported('spec.persistentVolumeReclaimPolicy', s.persistentVolumeReclaimPolicy, policies));
  if (isObj(s.nodeAffinity) && isObj(s.nodeAffinity.required)) {
    const terms = arr(s.nodeAffinity.required.nodeSelectorTerms);
    const tp = 'spec.nodeAffinity.required.nodeSelectorTerms';
    if (terms.length === 0) errs.push(required(tp, 'must have at least one node selector term'));
    else terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, idx(tp, i))));
  }
  let count = 0;
  for (const source of PV_SOURCES) {
    if (!isObj(s[source])) continue;
    if (count > 0 && source !== 'flexVolume') {
      errs.push(forbidden(`spec.${source}`, 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    const p = `spec.${source}`;
    if (source === 'hostPath' || source === 'local') {
      if (!str(s[source].path)) errs.push(required(at(p, 'path')));
      else errs.push(...validatePathNoBacksteps(str(s[source].path), at(p, 'path')));
      if (source === 'local' && !isObj(s.nodeAffinity))
        errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
    } else if (source === 'nfs') {
      errs.push(...validateVolumeSourceContent('nfs', s.nfs, p));
    } else if (source === 'csi') {
      if (!str(s.csi.driver)) errs.push(required(at(p, 'driver')));
      if (!str(s.csi.volumeHandle)) errs.push(required(at(p, 'volumeHandle')));
    }
  }
  if (count === 0) errs.push(required('spec', 'must specify a volume type'));
  if (str(s.storageClassName))
    for (const m of nameIsDNSSubdomain(s.storageClassName, false))
      errs.push(invalid('spec.storageClassName', s.storageClassName, m));
  if (s.volumeMode !== undefined && !VOLUME_MODES.includes(s.volumeMode))
    errs.push(notSupported('spec.volumeMode', s.volumeMode, VOLUME_MODES));
  return errs;
}

function validatePersistentVolumeUpdate(pv: Obj, old: Obj): Errs {
  const errs = validatePersistentVolume(pv);
  const pick = (spec: unknown) => {
    const s: Obj = isObj(spec) ? spec : {};
    return Object.fromEntries(PV_SOURCES.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
  };
  if (!deepEqual(pick(pv.spec), pick(old.spec)))
    errs.push(
      forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'),
    );
  errs.push(...immutable(pv.spec?.volumeMode, old.spec?.volumeMode, 'volumeMode'));
  return errs;
}

function validateStorageClass(sc: Obj): Errs {
  const errs = validateObjectMeta(sc.metadata, false, nameIsDNSSubdomain);
  const provisioner = str(sc.provisioner);
  if (!provisioner) errs.push(required('provisioner'));
  else {
    if (provisioner.length > 63) errs.push(tooLong('provisioner', 63));
    for (const m of isQualifiedName(provisioner.toLowerCase()))
      errs.push(invalid('provisioner', provisioner, m));
  }
  if (sc.reclaimPolicy !== undefined && !['Delete', 'Retain'].includes(sc.reclaimPolicy))
    errs.push(notSupported('reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']));
  if (sc.volumeBindingMode === undefined) errs.push(required('volumeBindingMode'));
  else if (!['Immediate', 'WaitForFirstConsumer'].includes(sc.volumeBindingMode))
    errs.push(notSupported('volumeBindingMode', sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
  return errs;
}

function validateStorageClassUpdate(sc: Obj, old: Obj): Errs {
  const errs = validateObjectMetaUpdate(sc.metadata, old.metadata);
  if (!deepEqual(sc.parameters ?? {}, old.parameters ?? {}))
    errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
  if (sc.provisioner !== old.provisioner)
    errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (sc.reclaimPolicy !== old.reclaimPolicy)
    errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  errs.push(...immutable(sc.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode'));
  return errs;
}

// ---------------------------------------------------------------------------------------------------
// Other kinds
// ---------------------------------------------------------------------------------------------------

function validateNode(node: Obj): Errs {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
  const seen = new Map<string, Set<string>>();
  arr(node.spec?.taints).forEach((taint: Obj, i) => {
    const p = `metadata.taints[${i}]`;
    const t: Obj = isObj(taint) ? taint : {};
    errs.push(...validateLabelName(str(t.key), at(p, 'key')));
    const msgs = isValidLabelValue(str(t.value));
    if (msgs.length) errs.push(invalid(at(p, 'value'), str(t.value), msgs.join(';')));
    if (!str(t.effect)) errs.push(required(at(p, 'effect')));
    else if (!TAINT_EFFECTS.includes(t.effect))
      errs.push(notSupported(at(p, 'effect'), t.effect, TAINT_EFFECTS));
    const keys = seen.get(str(t.effect)) ?? new Set<string>();
    if (keys.has(str(t.key))) {
      errs.push({ ...duplicate(p, t), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(str(t.key));
    seen.set(str(t.effect), keys);
  });
  return errs;
}

/** ValidateEndpointSlice (pkg/apis/discovery/validation). */
function validateEndpointSlice(slice: Obj): Errs {
  const errs = validateObjectMeta(slice.metadata, true, nameIsDNSSubdomain);
  const types = ['FQDN', 'IPv4', 'IPv6'];
  if (!slice.addressType) errs.push(required('addressType'));
  else if (!types.includes(slice.addressType))
    errs.push(notSupported('addressType', slice.addressType, types));
  const endpoints = arr(slice.endpoints);
  if (endpoints.length > 1000) errs.push(tooMany('endpoints', endpoints.length, 1000));
  else
    endpoints.forEach((ep: Obj, i) => {
      const p = `endpoints[${i}]`;
      const addresses = arr(ep?.addresses);
      if (addresses.length === 0) errs.push(required(at(p, 'addresses'), 'must contain at least 1 address'));
      else if (addresses.length > 100) errs.push(tooMany(at(p, 'addresses'), addresses.length, 100));
      addresses.forEach((a, j) => {
        if (slice.addressType === 'IPv4' && !parseIPv4(str(a)))
          errs.push(invalid(idx(at(p, 'addresses'), j), str(a), 'must be a valid IPv4 address'));
        if (slice.addressType === 'IPv6' && !isIPv6(str(a)))
          errs.push(invalid(idx(at(p, 'addresses'), j), str(a), 'must be a valid IPv6 address'));
      });
      errs.push(...validateLabels(ep?.topology, at(p, 'topology')));
      if (ep?.hostname !== undefined)
        for (const m of isDNS1123Label(str(ep.hostname)))
          errs.push(invalid(at(p, 'hostname'), str(ep.hostname), m));
    });
  const ports = arr(slice.ports);
  if (ports.length > 100) errs.push(tooMany('ports', ports.length, 100));
  else {
    const names = new Set<string>();
    ports.forEach((port: Obj, i) => {
      const p = `ports[${i}]`;
      const name = str(port?.name);
      if (name) for (const m of isDNS1123Label(name)) errs.push(invalid(at(p, 'name'), name, m));
      if (names.has(name)) errs.push(duplicate(at(p, 'name'), name));
      else names.add(name);
      if (port?.protocol === undefined) errs.push(required(at(p, 'protocol')));
      else if (!PROTOCOLS.includes(port.protocol))
        errs.push(notSupported(at(p, 'protocol'), port.protocol, PROTOCOLS));
      if (port?.appProtocol !== undefined)
        for (const m of isQualifiedName(str(port.appProtocol)))
          errs.push(invalid(at(p, 'appProtocol'), port.appProtocol, m));
    });
  }
  return errs;
}

function validateControllerRevision(cr: Obj): Errs {
  const errs = validateObjectMeta(cr.metadata, true, nameIsDNSSubdomain);
  if (cr.data === undefined) errs.push(required('data', 'data is mandatory'));
  errs.push(...nonNegative(cr.revision, 'revision'));
  return errs;
}

// ---------------------------------------------------------------------------------------------------
// Entry points (called by engine/store/admission.ts)
// ---------------------------------------------------------------------------------------------------

/** Create validation: the errors the API server reports, in its order. */
export function validateObject(obj: KObject): FieldError[] {
  const o = obj as Obj;
  switch (obj.kind) {
    case 'Deployment': {
      const errs = validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
      return [...errs, ...validateDeploymentSpec(o.spec)];
    }
    case 'ReplicaSet':
      return [...validateObjectMeta(o.metadata, true, nameIsDNSSubdomain), ...validateReplicaSetSpec(o.spec)];
    case 'StatefulSet':
      return [...validateObjectMeta(o.metadata, true, nameIsDNSLabel), ...validateStatefulSetSpec(o.spec)];
    case 'Pod':
      return validatePod(o);
    case 'Service':
      return validateService(o);
    case 'PersistentVolumeClaim':
      return validatePersistentVolumeClaim(o);
    case 'PersistentVolume':
      return validatePersistentVolume(o);
    case 'Node':
      return validateNode(o);
    case 'Namespace':
      return validateObjectMeta(o.metadata, false, nameIsDNSLabel);
    case 'EndpointSlice':
      return validateEndpointSlice(o);
    case 'ControllerRevision':
      return validateControllerRevision(o);
    case 'StorageClass':
      return validateStorageClass(o);
    case 'Event':
      return validateObjectMeta(o.metadata, true, nameIsDNSSubdomain);
    default:
      return [];
  }
}

/** Update validation (the main resource), including the immutability rules of each kind. */
export function validateObjectUpdate(obj: KObject, old: KObject): FieldError[] {
  const o = obj as Obj;
  const p = old as Obj;
  switch (obj.kind) {
    case 'Deployment': {
      const errs = validateObjectMetaUpdate(o.metadata, p.metadata);
      errs.push(...validateDeploymentSpec(o.spec));
      // strategy.go: apps/v1 forbids changing the selector.
      errs.push(
        ...immutable(selectorValue(o.spec?.selector), selectorValue(p.spec?.selector), 'spec.selector'),
      );
      return errs;
    }
    case 'ReplicaSet': {
      const errs = validateObjectMetaUpdate(o.metadata, p.metadata);
      errs.push(...validateReplicaSetSpec(o.spec));
      errs.push(
        ...immutable(selectorValue(o.spec?.selector), selectorValue(p.spec?.selector), 'spec.selector'),
      );
      return errs;
    }
    case 'StatefulSet':
      return validateStatefulSetUpdate(o, p);
    case 'Pod':
      return validatePodUpdate(o, p);
    case 'Service':
      return validateServiceUpdate(o, p);
    case 'PersistentVolumeClaim':
      return validatePersistentVolumeClaimUpdate(o, p);
    case 'PersistentVolume':
      return validatePersistentVolumeUpdate(o, p);
    case 'ControllerRevision':
      return [
        ...validateObjectMetaUpdate(o.metadata, p.metadata),
        ...validateControllerRevision(o),
        ...immutable(o.data, p.data, 'data'),
      ];
    case 'StorageClass':
      return validateStorageClassUpdate(o, p);
    case 'EndpointSlice':
      return [
        ...validateObjectMetaUpdate(o.metadata, p.metadata),
        ...validateEndpointSlice(o),
        ...immutable(o.addressType, p.addressType, 'addressType'),
      ];
    case 'Node':
      return [
        ...validateObjectMetaUpdate(o.metadata, p.metadata),
        ...validateNode(o).filter((e) => !e.field.startsWith('metadata.name')),
      ];
    case 'Namespace':
    case 'Event':
      return validateObjectMetaUpdate(o.metadata, p.metadata);
    default:
      return [];
  }
}

/** Status-subresource validation (deployment.md §2: counters against replicas; collisionCount). */
export function validateObjectStatus(obj: KObject, old: KObject): FieldError[] {
  const o = obj as Obj;
  const p = old as Obj;
  switch (obj.kind) {
    case 'Deployment':
      return [
        ...validateObjectMetaUpdate(o.metadata, p.metadata),
        ...validateDeploymentStatus(o.status),
        ...collisionCountDecremented(o.status, p.status),
      ];
    case 'ReplicaSet':
      return [...validateObjectMetaUpdate(o.metadata, p.metadata), ...validateReplicaSetStatus(o.status)];
    case 'StatefulSet':
      return [
        ...validateStatefulSetStatus(o.status),
        ...validateObjectMetaUpdate(o.metadata, p.metadata),
        ...collisionCountDecremented(o.status, p.status),
      ];
    case 'Pod':
      return validatePodStatusUpdate(o, p);
    default:
      return [];
  }
}
