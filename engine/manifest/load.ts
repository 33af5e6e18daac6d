/**
 * The manifest loader: multi-document YAML → API objects, with every error and warning pinned to a
 * line of the file the user wrote (a `.feature` file's doc string, or a manifest file).
 *
 * The YAML is parsed with the YAML 1.2 core schema (the `yaml` package's default). Kubernetes decodes
 * manifests with go-yaml, which reads some plain scalars the YAML 1.1 way (`yes` → true, `0644` →
 * 420); neither reading matches the other everywhere, so such scalars get a warning with their line
 * (research/tooling.md §5).
 *
 * Positions: `lineOffset` is the number of lines before the text in its file. A Gherkin doc string
 * whose opening `"""` is on line 9 starts its content on line 10, so its lineOffset is 9: YAML line
 * L is file line L + 9.
 */
import {
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  Scalar,
  visit,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { apiVersionOf, isKnownKind, kindInfo } from '../api/kinds';
import { kubectlMessage } from '../api/errors';
import { decodeError, unknownFields } from '../api/schema';
import type { KObject } from '../api/types';

export interface LoadOptions {
  /** The file the text comes from, as the user should see it (e.g. `features/rs/scale.feature`). */
  source?: string;
  /** Lines in the file before the first line of `text`. */
  lineOffset?: number;
  /** Alias expansions allowed per document (default 10; manifests rarely need any). */
  maxAliasCount?: number;
  /**
   * Return the documents that load together with the problems of the others (in `error`) instead
   * of throwing, as `kubectl apply` applies every document it can and reports the rest.
   */
  keepGoing?: boolean;
}

/** One API object from a manifest, with the means to find its fields in the source. */
export interface ManifestDoc {
  object: KObject;
  /** File and line of the document (its first line of content). */
  source: string;
  line: number;
  /** Zero-based index of the object in the manifest (after `kind: List` expansion). */
  index: number;
  /**
   * The file line of a field given as an API field path (`spec.replicas`,
   * `spec.template.spec.containers[0].image`, `metadata.labels[app]`). A path that is not in the
   * YAML (a Required value) maps to its deepest ancestor that is; an empty path to the document.
   */
  locate(fieldPath: string): number;
}

export interface ManifestWarning {
  source: string;
  line: number;
  message: string;
}

export interface LoadResult {
  docs: ManifestDoc[];
  warnings: ManifestWarning[];
  /** With `keepGoing`: the problems of the documents that did not load. */
  error?: ManifestError;
}

export interface ManifestProblem {
  line: number;
  message: string;
}

/**
 * A manifest that cannot be loaded. `message` is one line per problem, each
 * `<source>:<line>: <what is wrong>`.
 */
export class ManifestError extends Error {
  constructor(
    readonly source: string,
    readonly problems: ManifestProblem[],
  ) {
    super(problems.map((p) => `${source}:${p.line}: ${p.message}`).join('\n'));
    this.name = 'ManifestError';
  }

  get line(): number {
    return this.problems[0]?.line ?? 0;
  }
}

export const DEFAULT_MAX_ALIAS_COUNT = 10;

/** Plain scalars YAML 1.1 (go-yaml) reads as booleans, while YAML 1.2 reads them as strings. */
const YAML11_BOOLEANS = new Map<string, boolean>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((s) => [s, true] as [string, boolean]),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].map((s) => [s, false] as [string, boolean]),
]);
const LEADING_ZERO_INT = /^[-+]?0[0-9_]+$/;

/**
 * Loads every document of `text`. Empty documents (a trailing `---`, comments only) are skipped;
 * `kind: List` is expanded into its items. Throws (or, with `keepGoing`, returns) a ManifestError
 * naming the file and line of every problem found: YAML syntax errors, duplicate keys, tab indentation, alias bombs, documents that are
 * not objects, a missing apiVersion or kind, kinds the cluster does not serve, unknown fields.
 */
export function loadManifests(text: string, opts: LoadOptions = {}): LoadResult {
  const source = opts.source ?? '<manifest>';
  const offset = opts.lineOffset ?? 0;
  const maxAliasCount = opts.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  const lc = new LineCounter();
  const lineAt = (pos: number) => lc.linePos(pos).line + offset;
  const documents = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false });
  const all: Document.Parsed[] = Array.isArray(documents) ? documents : [];
  const problems: ManifestProblem[] = [];
  const warnings: ManifestWarning[] = [];
  const docs: ManifestDoc[] = [];

  for (const doc of all) {
    if (doc.errors.length > 0) {
      // The first error of a document is the cause; the rest usually follow from it.
      problems.push(yamlProblem(doc, doc.errors[0], lineAt));
      continue;
    }
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue;
    warnings.push(...yaml11Warnings(doc, lineAt).map((w) => ({ source, ...w })));
    const docLine = lineAt(doc.contents.range?.[0] ?? 0);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (err) {
      if (err instanceof ReferenceError) {
        problems.push({ line: docLine, message: aliasMessage(err, maxAliasCount) });
        continue;
      }
      throw err;
    }
    if (value === null || value === undefined) continue;
    if (!isPlainObject(value)) {
      problems.push({
        line: docLine,
        message: `a manifest document must be an object with apiVersion and kind, not ${describeType(value)}`,
      });
      continue;
    }
    const root = doc.contents as YamlNode;
    if (value.kind === 'List' && (value.apiVersion === 'v1' || value.apiVersion === undefined)) {
      const items = Array.isArray(value.items) ? value.items : [];
      items.forEach((item: unknown, i: number) => {
        const itemNode = nodeAt(root, ['items', i]).node;
        const itemLine = lineAt(itemNode.range?.[0] ?? 0);
        if (!isPlainObject(item)) {
          problems.push({
            line: itemLine,
            message: `a List item must be an object with apiVersion and kind, not ${describeType(item)}`,
          });
          return;
        }
        const p = checkObject(item, itemNode, lineAt);
        if (p.length) problems.push(...p);
        else docs.push(makeDoc(item as KObject, itemNode, source, itemLine, docs.length, lineAt));
      });
      continue;
    }
    const p = checkObject(value, root, lineAt);
    if (p.length) problems.push(...p);
    else docs.push(makeDoc(value as KObject, root, source, docLine, docs.length, lineAt));
  }
  const error = problems.length ? new ManifestError(source, problems) : undefined;
  if (error && !opts.keepGoing) throw error;
  return error ? { docs, warnings, error } : { docs, warnings };
}

function makeDoc(
  object: KObject,
  node: YamlNode,
  source: string,
  line: number,
  index: number,
  lineAt: (pos: number) => number,
): ManifestDoc {
  return {
    object,
    source,
    line,
    index,
    locate(fieldPath: string): number {
      const found = nodeAt(node, parseFieldPath(fieldPath));
      return lineAt(found.range?.[0] ?? node.range?.[0] ?? 0);
    },
  };
}

/** apiVersion and kind present, a kind the cluster serves in that version, no unknown fields. */
function checkObject(
  obj: Record<string, unknown>,
  node: YamlNode,
  lineAt: (pos: number) => number,
): ManifestProblem[] {
  const at = (path: string) => {
    const f = nodeAt(node, parseFieldPath(path));
    return lineAt(f.range?.[0] ?? node.range?.[0] ?? 0);
  };
  const missing: string[] = [];
  if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') missing.push('apiVersion not set');
  if (typeof obj.kind !== 'string' || obj.kind === '') missing.push('kind not set');
  if (missing.length) {
    const first = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
    return [{ line: at(''), message: `error validating data: ${first}` }];
  }
  const kind = obj.kind as string;
  const apiVersion = obj.apiVersion as string;
  if (!isKnownKind(kind) || apiVersionOf(kindInfo(kind)) !== apiVersion) {
    return [{ line: at('kind'), message: `no matches for kind "${kind}" in version "${apiVersion}"` }];
  }
  if (obj.metadata !== undefined && !isPlainObject(obj.metadata)) {
    return [
      {
        line: at('metadata'),
        message: `${kind} in version "${kindInfo(kind).version}" cannot be handled as a ${kind}: metadata must be an object, not ${describeType(obj.metadata)}`,
      },
    ];
  }
  // Strict decoding, as the API server does it with fieldValidation=Strict: the first type error,
  // else every unknown field; pinned to the first offending field.
  const decode = decodeError(obj as KObject);
  if (decode) {
    const unknown = unknownFields(obj as KObject);
    const typePath = /Go struct field [A-Za-z0-9]+\.(\S+) of type/.exec(decode.message)?.[1];
    const quantity = /quantities must match/.test(decode.message) ? badQuantityPos(node) : undefined;
    const line = quantity !== undefined ? lineAt(quantity) : at(unknown[0] ?? typePath ?? '');
    return [{ line, message: kubectlMessage(decode) }];
  }
  return [];
}

const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

/** The first value under a `requests`, `limits` or `capacity` map that is not a quantity. */
function badQuantityPos(root: YamlNode): number | undefined {
  let pos: number | undefined;
  visit(root, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || !['requests', 'limits', 'capacity'].includes(String(pair.key.value))) return;
      if (!isMap(pair.value)) return;
      for (const p of pair.value.items)
        if (isScalar(p.value) && !QUANTITY.test(String(p.value.value))) {
          pos = p.value.range?.[0];
          return visit.BREAK;
        }
      return undefined;
    },
  });
  return pos;
}

interface Located {
  node: YamlNode;
  range: [number, number, number] | undefined;
}

/**
 * Walks `segments` from `root` as far as the YAML goes. For a mapping key, the position is the key's
 * (where a reader looks for `replicas:`); for a sequence item, the item's.
 */
function nodeAt(root: YamlNode, segments: (string | number)[]): Located {
  let node: YamlNode = root;
  let range = root.range ?? undefined;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = (node as YAMLMap).items.find(
        (p: Pair) => isScalar(p.key) && String((p.key as Scalar).value) === String(seg),
      );
      if (!pair) break;
      range = (pair.key as Scalar).range ?? range;
      if (!pair.value || !isNodeLike(pair.value)) break;
      node = pair.value as YamlNode;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = (node as YAMLSeq).items[seg];
      if (!item || !isNodeLike(item)) break;
      node = item as YamlNode;
      range = node.range ?? range;
    } else if (isSeq(node) && typeof seg === 'string') {
      // A Go-style path has no list indexes (`spec.containers.image`): take the first item that has
      // the field, and look it up there.
      const item = (node as YAMLSeq).items.find(
        (it) =>
          isMap(it) &&
          (it as YAMLMap).items.some((p: Pair) => isScalar(p.key) && String(p.key.value) === seg),
      ) as YAMLMap | undefined;
      if (!item) break;
      const pair = item.items.find((p: Pair) => isScalar(p.key) && String((p.key as Scalar).value) === seg)!;
      range = (pair.key as Scalar).range ?? range;
      if (!pair.value || !isNodeLike(pair.value)) break;
      node = pair.value as YamlNode;
    } else {
      break;
    }
  }
  return { node, range: range ?? undefined };
}

function isNodeLike(x: unknown): boolean {
  return isMap(x) || isSeq(x) || isScalar(x) || isAlias(x);
}

/**
 * `spec.template.spec.containers[0].image` → ['spec','template','spec','containers',0,'image'];
 * `metadata.labels[app.kubernetes.io/name]` → ['metadata','labels','app.kubernetes.io/name'].
 */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  let i = 0;
  let cur = '';
  const flush = () => {
    if (cur) out.push(cur);
    cur = '';
  };
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      flush();
      i++;
    } else if (c === '[') {
      flush();
      const end = path.indexOf(']', i);
      const inner = end < 0 ? path.slice(i + 1) : path.slice(i + 1, end);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = end < 0 ? path.length : end + 1;
    } else {
      cur += c;
      i++;
    }
  }
  flush();
  return out;
}

/** A YAML error as a problem at a file line, without the parser's own position suffix. */
function yamlProblem(
  doc: Document.Parsed,
  e: { code: string; message: string; pos: [number, number] },
  lineAt: (pos: number) => number,
): ManifestProblem {
  const line = lineAt(e.pos[0]);
  switch (e.code) {
    case 'DUPLICATE_KEY': {
      const dup = findDuplicate(doc, e.pos[0]);
      if (dup)
        return { line, message: `mapping key "${dup.key}" already defined at line ${lineAt(dup.firstPos)}` };
      return { line, message: 'mapping keys must be unique' };
    }
    case 'TAB_AS_INDENT':
      return { line, message: 'tab character used for indentation (YAML allows only spaces)' };
    case 'MISSING_CHAR': {
      // An unclosed quote runs on to the end of the document, where the parser notices; point at
      // the line where the quoted string starts instead.
      const open = unclosedQuoteStart(doc, e.pos[0]);
      if (open !== undefined)
        return {
          line: lineAt(open),
          message: `invalid YAML: this quoted string is never closed (${stripPosition(e.message)} at line ${line})`,
        };
      return { line, message: `invalid YAML: ${stripPosition(e.message)}` };
    }
    default:
      return { line, message: `invalid YAML: ${stripPosition(e.message)}` };
  }
}

/** Start of the last quoted scalar that runs up to `pos` (where an unclosed quote is noticed). */
function unclosedQuoteStart(doc: Document.Parsed, pos: number): number | undefined {
  let start: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      if (node.type !== Scalar.QUOTE_DOUBLE && node.type !== Scalar.QUOTE_SINGLE) return;
      const r = node.range;
      if (r && r[0] < pos && r[1] >= pos - 1 && (start === undefined || r[0] > start)) start = r[0];
    },
  });
  return start;
}

function stripPosition(message: string): string {
  const first = message.split('\n')[0];
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/** The key of the duplicate pair whose key starts at `pos`, and where that key was first defined. */
function findDuplicate(doc: Document.Parsed, pos: number): { key: string; firstPos: number } | undefined {
  let found: { key: string; firstPos: number } | undefined;
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<string, number>();
      for (const p of map.items) {
        if (!isScalar(p.key)) continue;
        const k = String(p.key.value);
        const start = p.key.range?.[0] ?? -1;
        if (start === pos && seen.has(k)) {
          found = { key: k, firstPos: seen.get(k)! };
          return visit.BREAK;
        }
        if (!seen.has(k)) seen.set(k, start);
      }
      return undefined;
    },
  });
  return found;
}

function aliasMessage(err: ReferenceError, max: number): string {
  if (/Excessive alias count/.test(err.message))
    return `YAML aliases expand too much (more than ${max} alias expansions; is this a "billion laughs" document?)`;
  return `invalid YAML: ${err.message}`;
}

/** Plain scalars that YAML 1.1 (and so kubectl) reads differently from YAML 1.2. */
function yaml11Warnings(doc: Document.Parsed, lineAt: (pos: number) => number): ManifestProblem[] {
  const out: ManifestProblem[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (node.type !== Scalar.PLAIN || node.tag) return;
      const src = node.source ?? String(node.value);
      const line = lineAt(node.range?.[0] ?? 0);
      const bool = YAML11_BOOLEANS.get(src);
      if (bool !== undefined) {
        out.push({
          line,
          message: `warning: ${src} is the string "${src}" in YAML 1.2 but the boolean ${bool} in YAML 1.1, which kubectl uses; quote it ("${src}") or write ${bool}`,
        });
      } else if (LEADING_ZERO_INT.test(src)) {
        const digits = src.replace(/_/g, '').replace(/^[-+]/, '');
        const octal = /^[0-7]+$/.test(digits)
          ? parseInt(digits, 8) * (src.startsWith('-') ? -1 : 1)
          : undefined;
        out.push({
          line,
          message:
            octal !== undefined
              ? `warning: ${src} is the number ${Number(src.replace(/_/g, ''))} in YAML 1.2 but the octal number ${octal} in YAML 1.1, which kubectl uses; write ${octal} (or 0o${digits.replace(/^0+/, '') || '0'})`
              : `warning: ${src} has a leading zero, which YAML 1.1 (kubectl) and YAML 1.2 read differently; drop the zero or quote it`,
        });
      }
    },
  });
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `a ${typeof v}`;
}
