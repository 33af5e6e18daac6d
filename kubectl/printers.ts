/**
 * kubectl's output printers: human-readable tables (default and `-o wide`, with `-A`, `--show-labels`,
 * `-L`, `--no-headers`, kind-prefixed names when several kinds print), `-o name`, `-o json`,
 * `-o yaml`, `-o jsonpath=…`, `-o custom-columns=…`; and `--sort-by`.
 */
import type { KObject } from '../engine';
import { kindInfo } from '../engine';
import { kindRef, type Obj } from './context';
import { fail, KubectlError } from './errors';
import { goJsonIndent } from './json';
import { goPrint, goSyntax, JsonPath, JsonPathError, relaxedJsonPath } from './jsonpath';
import { tableFor, formatLabels } from './tables';
import { TabWriter } from './tabwriter';
import { toYaml } from './yaml';
import { compareQuantity, parseQuantity, type Quantity } from '../engine/api/quantity';

export interface OutputSpec {
  /** '' (table), 'wide', 'name', 'json', 'yaml', 'jsonpath', 'custom-columns' */
  format: string;
  /** The template of jsonpath / custom-columns. */
  template: string;
}

const GET_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml';
const GENERIC_FORMATS =
  'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,yaml';

/** Parses `-o` (`json`, `jsonpath={…}`, `custom-columns=A:.x`, …). */
export function parseOutput(o: string, forGet: boolean): OutputSpec {
  if (o === '') return { format: '', template: '' };
  const eq = o.indexOf('=');
  const name = eq >= 0 ? o.slice(0, eq) : o;
  const template = eq >= 0 ? o.slice(eq + 1) : '';
  const simple = forGet ? ['wide', 'name', 'json', 'yaml'] : ['name', 'json', 'yaml'];
  if (simple.includes(name) && eq < 0) return { format: name, template: '' };
  if (name === 'jsonpath' || name === 'jsonpath-as-json') {
    if (eq < 0 || template === '') fail('template format specified but no template given');
    try {
      new JsonPath(template);
    } catch (e) {
      fail(`error parsing jsonpath ${template}, ${(e as Error).message}`);
    }
    return { format: name, template };
  }
  if (forGet && name === 'custom-columns') {
    if (eq < 0 || template === '') fail('custom-columns format specified but no custom columns given');
    parseCustomColumns(template);
    return { format: name, template };
  }
  fail(
    `unable to match a printer suitable for the output format ${JSON.stringify(o)}, allowed formats are: ${forGet ? GET_FORMATS : GENERIC_FORMATS}`,
  );
}

export function isTableOutput(spec: OutputSpec): boolean {
  return spec.format === '' || spec.format === 'wide';
}

export interface TableOptions {
  wide: boolean;
  allNamespaces: boolean;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
  showKind: boolean;
}

/** Prints one kind's objects as a table into the tab writer. */
export function printTable(w: TabWriter, kind: string, objs: Obj[], now: number, opts: TableOptions): void {
  const def = tableFor(kind);
  const info = kindInfo(kind);
  const keep = def.columns.map((c) => opts.wide || !c.priority);
  const withNamespace = opts.allNamespaces && info.namespaced;
  if (!opts.noHeaders) {
    const headers: string[] = [];
    if (withNamespace) headers.push('NAMESPACE');
    def.columns.forEach((c, i) => keep[i] && headers.push(c.name.toUpperCase()));
    for (const l of opts.labelColumns) headers.push(l.split('/').pop()!.toUpperCase());
    if (opts.showLabels) headers.push('LABELS');
    w.write(headers.join('\t') + '\n');
  }
  const nameIndex = def.columns.findIndex((c) => c.name === 'Name');
  for (const obj of objs) {
    const cells = def.row(obj, now);
    if (opts.showKind && nameIndex >= 0) cells[nameIndex] = `${kindRef(info)}/${cells[nameIndex]}`;
    const row: string[] = [];
    if (withNamespace) row.push(obj.metadata.namespace ?? '');
    cells.forEach((c, i) => keep[i] && row.push(c));
    for (const l of opts.labelColumns) row.push(obj.metadata.labels?.[l] ?? '');
    if (opts.showLabels) row.push(formatLabels(obj.metadata.labels));
    w.write(row.map(escapeTerminal).join('\t') + '\n');
  }
}

/** printers.EscapeTerminal: ESC and CR are shown escaped, not interpreted. */
export function escapeTerminal(s: string): string {
  return s.split('\u001b').join('^[').split('\r').join('\\r');
}

/** The List kubectl builds for several objects (printGeneric). */
export function asList(objs: KObject[]): KObject {
  return { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
}

function customColumnsOf(obj: KObject): KObject[] {
  if (obj.kind === 'List' || (obj.kind?.endsWith('List') && Array.isArray(obj.items)))
    return obj.items as KObject[];
  return [obj];
}

export interface CustomColumn {
  header: string;
  path: JsonPath;
}

export function parseCustomColumns(spec: string): CustomColumn[] {
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) fail(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    try {
      return { header: part.slice(0, i), path: new JsonPath(relaxedJsonPath(part.slice(i + 1))) };
    } catch (e) {
      if (e instanceof KubectlError) throw e;
      fail((e as Error).message);
    }
  });
}

/** Renders obj (one object or a List) in a non-table format. */
export function printGeneric(obj: KObject, spec: OutputSpec, noHeaders = false): string {
  switch (spec.format) {
    case 'json':
      return goJsonIndent(obj) + '\n';
    case 'yaml':
      return toYaml(obj);
    case 'name':
      return customColumnsOf(obj)
        .map((o) => `${kindRef(kindInfo(o.kind!))}/${o.metadata?.name}\n`)
        .join('');
    case 'jsonpath':
    case 'jsonpath-as-json': {
      const jp = new JsonPath(spec.template);
      try {
        if (spec.format === 'jsonpath-as-json') {
          const values = jp.findValues(obj).flat();
          return goJsonIndent(values) + '\n';
        }
        return jp.execute(obj);
      } catch (e) {
        if (!(e instanceof JsonPathError)) throw e;
        throw new KubectlError(
          `error: error executing jsonpath ${JSON.stringify(spec.template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${spec.template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(obj)}\n\n`,
        );
      }
    }
    case 'custom-columns': {
      const cols = parseCustomColumns(spec.template);
      const w = new TabWriter({ minWidth: 6, padding: 3, rememberWidths: true });
      if (!noHeaders) w.write(cols.map((c) => c.header).join('\t') + '\n');
      for (const o of customColumnsOf(obj)) {
        const cells = cols.map((c) => {
          const values = c.path.findValues(o);
          const strs: string[] = [];
          if (values.length === 0 || values[0].length === 0) strs.push('<none>');
          for (const arr of values) for (const v of arr) strs.push(escapeTerminal(goPrint(v)));
          return strs.join(',');
        });
        w.write(cells.join('\t') + '\n');
      }
      return w.flush();
    }
  }
  throw new Error(`unexpected output format ${spec.format}`);
}

// ---------------------------------------------------------------------------------------------------
// --sort-by

/** github.com/fvbommel/sortorder NaturalLess: digit runs compare by value. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  const isd = (c: string) => c >= '0' && c <= '9';
  while (i < a.length && j < b.length) {
    const ca = a[i];
    const cb = b[j];
    const da = isd(ca);
    const db = isd(cb);
    if (da !== db) return da; // digits before other characters
    if (!da) {
      if (ca !== cb) return ca < cb;
      i++;
      j++;
      continue;
    }
    // digit runs: skip leading zeros, compare by length then lexically
    let zi = i;
    while (zi < a.length && a[zi] === '0') zi++;
    let zj = j;
    while (zj < b.length && b[zj] === '0') zj++;
    let ei = zi;
    while (ei < a.length && isd(a[ei])) ei++;
    let ej = zj;
    while (ej < b.length && isd(b[ej])) ej++;
    const na = a.slice(zi, ei);
    const nb = b.slice(zj, ej);
    if (na.length !== nb.length) return na.length < nb.length;
    if (na !== nb) return na < nb;
    if (ei - i !== ej - j) return ei - i < ej - j; // fewer leading zeros first
    i = ei;
    j = ej;
  }
  return a.length < b.length;
}

/** resource.ParseQuantity for sorting: the exact quantity, or undefined when s is not one. */
function sortQuantity(s: string): Quantity | undefined {
  const q = parseQuantity(s);
  return typeof q === 'string' ? undefined : q;
}

function isLess(a: unknown, b: unknown, field: string): boolean {
  if (a === null || a === undefined) return !(b === null || b === undefined) ? true : false;
  if (b === null || b === undefined) return false;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = sortQuantity(a);
    const qb = sortQuantity(b);
    if (qa !== undefined && qb !== undefined) return compareQuantity(qa, qb) < 0;
    return naturalLess(a, b);
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  const t = Array.isArray(a)
    ? '[]interface {}'
    : typeof a === 'object'
      ? 'map[string]interface {}'
      : typeof a;
  throw new KubectlError(`error: ${field}: unsortable type: ${t}`);
}

/**
 * Sorts objects by a relaxed JSONPath, as kubectl's RuntimeSort does (Go's sort for the short lists
 * kubectl sorts is an insertion sort: objects missing the field move to the front).
 */
export function sortObjects<T extends KObject>(objs: T[], sortBy: string): T[] {
  let field: string;
  let jp: JsonPath;
  try {
    field = relaxedJsonPath(sortBy);
    jp = new JsonPath(field);
  } catch (e) {
    fail((e as Error).message);
  }
  const first = (o: T): { found: boolean; v: unknown } => {
    try {
      const r = jp.findValues(o);
      if (r.length === 0 || r[0].length === 0) return { found: false, v: undefined };
      return { found: true, v: r[0][0] };
    } catch (e) {
      fail((e as Error).message);
    }
  };
  if (objs.length === 0) return objs;
  const keys = objs.map(first);
  if (!keys.some((k) => k.found))
    fail(`couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
  const idx = objs.map((_, i) => i);
  const less = (i: number, j: number) => {
    if (!keys[i].found) return true;
    if (!keys[j].found) return false;
    return isLess(keys[i].v, keys[j].v, field);
  };
  for (let i = 1; i < idx.length; i++) {
    for (let j = i; j > 0 && less(idx[j], idx[j - 1]); j--) [idx[j], idx[j - 1]] = [idx[j - 1], idx[j]];
  }
  return idx.map((i) => objs[i]);
}
