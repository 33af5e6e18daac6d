/**
 * YAML as kubectl writes it (`-o yaml`): sigs.k8s.io/yaml turns the JSON form into go-yaml v2 output.
 * That means: map keys in go-yaml's key order, block style, sequences inside mappings not indented,
 * plain scalars where the text would read back as the same string, double quotes where it would read
 * back as something else (`"true"`, `"1.0"`, timestamps, `""`), single quotes where a plain scalar
 * would be a syntax problem (`'*'`, `'a: b'`), literal blocks (`|`) for multi-line text, and long
 * plain or quoted scalars folded at the first space after column 80.
 *
 * Also parses manifests (multi-document, YAML 1.1 booleans as sigs.k8s.io/yaml reads them,
 * timestamps kept as strings).
 */
import { parseAllDocuments } from 'yaml';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

// ---------------------------------------------------------------------------------------------------
// go-yaml's map key order (sorter.go keyList.Less): digit runs compare numerically, letters after
// other characters.

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

export function yamlSortKeys(keys: string[]): string[] {
  return [...keys].sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------------
// go-yaml v2's resolve(): would this plain text read back as something other than a string?

const RESOLVE_NON_STRING = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '',
  '~',
  'null',
  'Null',
  'NULL',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '<<',
]);

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function isGoInt(plain: string): boolean {
  const s = plain.replace(/_/g, '');
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(s)) return true;
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(s)) return true;
  if (/^[-+]?0[0-7]+$/.test(s)) return true;
  if (/^[-+]?0[bB][01]+$/.test(s)) return true;
  if (/^[-+]?0[oO][0-7]+$/.test(s)) return true;
  return false;
}

/** go-yaml parseTimestamp: `2006-1-2T15:4:5.999999999Z07:00`, `… 15:4:5.999999999`, `2006-1-2`. */
function isTimestamp(s: string): boolean {
  // Only strings starting with 4 digits and a dash are candidates.
  if (!/^\d{4}-/.test(s)) return false;
  return (
    /^\d{4}-\d{1,2}-\d{1,2}$/.test(s) ||
    /^\d{4}-\d{1,2}-\d{1,2}[Tt]\d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(s) ||
    /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?$/.test(s)
  );
}

function resolvesToNonString(s: string): boolean {
  if (RESOLVE_NON_STRING.has(s)) return true;
  const c = s[0];
  if ((c >= '0' && c <= '9') || c === '-' || c === '+' || c === '.') {
    if (isGoInt(s)) return true;
    if (YAML_FLOAT.test(s.replace(/_/g, '')) && s !== '.' && !/^[-+]?\.?$/.test(s)) return true;
    if (isTimestamp(s)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// libyaml's scalar analysis

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}
const isSpace = (c: string | undefined) => c === ' ';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isBreak = (c: string | undefined) =>
  c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';

function analyze(value: string): Analysis {
  const chars = [...value];
  if (chars.length === 0) {
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  let specialCharacters = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) blockIndicators = true;
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const followedByWhitespace = i + 1 >= chars.length || isBlank(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      else if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ':' && followedByWhitespace) blockIndicators = true;
      else if (c === '#' && precededByWhitespace) blockIndicators = true;
    }
    const cp = c.codePointAt(0)!;
    if (!isPrintable(cp)) specialCharacters = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i + 1 === chars.length) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i + 1 === chars.length) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c);
  }
  const a: Analysis = {
    multiline: lineBreaks,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

// ---------------------------------------------------------------------------------------------------
// The emitter

type Style = 'plain' | 'single' | 'double' | 'literal';

class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent = 0;

  put(s: string): void {
    this.out += s;
    this.column += [...s].length;
  }
  putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }
  writeIndent(): void {
    const indent = Math.max(0, this.indent);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }
  indicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(ind);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  scalar(value: string, requested: Style, simpleKey: boolean): void {
    const a = analyze(value);
    let style = requested;
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlainAllowed) style = 'single';
      if (value.length === 0 && simpleKey) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
    const allowBreaks = !simpleKey;
    switch (style) {
      case 'plain':
        return this.plain(value, allowBreaks);
      case 'single':
        return this.single(value, allowBreaks);
      case 'double':
        return this.double(value, allowBreaks);
      case 'literal':
        return this.literal(value);
    }
  }

  plain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const chars = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(chars[i + 1])) {
          this.writeIndent();
        } else {
          this.put(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  single(value: string, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const chars = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      if (isSpace(c)) {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i > 0 &&
          i < chars.length - 1 &&
          !isSpace(chars[i + 1])
        ) {
          this.writeIndent();
        } else {
          this.put(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.indicator("'", false, false, false);
  }

  double(value: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      const cp = c.codePointAt(0)!;
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
        this.put('\\');
        const esc: Record<number, string> = {
          0x00: '0',
          0x07: 'a',
          0x08: 'b',
          0x09: 't',
          0x0a: 'n',
          0x0b: 'v',
          0x0c: 'f',
          0x0d: 'r',
          0x1b: 'e',
          0x22: '"',
          0x5c: '\\',
          0x85: 'N',
          0xa0: '_',
          0x2028: 'L',
          0x2029: 'P',
        };
        if (esc[cp] !== undefined) this.put(esc[cp]);
        else if (cp <= 0xff) this.put('x' + cp.toString(16).toUpperCase().padStart(2, '0'));
        else if (cp <= 0xffff) this.put('u' + cp.toString(16).toUpperCase().padStart(4, '0'));
        else this.put('U' + cp.toString(16).toUpperCase().padStart(8, '0'));
        spaces = false;
      } else if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.writeIndent();
          if (isSpace(chars[i + 1])) this.put('\\');
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
  }

  literal(value: string): void {
    this.indicator('|', true, false, false);
    // block scalar hints
    const chars = [...value];
    if (isSpace(chars[0]) || isBreak(chars[0])) this.indicator(String(BEST_INDENT), false, false, false);
    const last = chars.length - 1;
    let chomp = '';
    if (!isBreak(chars[last])) chomp = '-';
    else if (last === 0) chomp = '+';
    else if (isBreak(chars[last - 1])) chomp = '+';
    if (chomp) this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          breaks = false;
        }
        this.put(c);
        this.indention = false;
      }
    }
  }

  /** A node as the value of a mapping entry, an item of a sequence, or the document root. */
  node(v: unknown, ctx: 'root' | 'mapping' | 'sequence', parentIndent: number): void {
    if (isMapping(v) && Object.keys(v).length > 0) {
      this.mapping(v, ctx === 'root' ? 0 : parentIndent + BEST_INDENT);
    } else if (Array.isArray(v) && v.length > 0) {
      // a sequence directly inside a mapping is not indented (yaml_emitter_increase_indent indentless)
      this.sequence(v, ctx === 'root' ? 0 : ctx === 'mapping' ? parentIndent : parentIndent + BEST_INDENT);
    } else {
      const saved = this.indent;
      this.indent = ctx === 'root' ? 0 : parentIndent + BEST_INDENT;
      this.scalarValue(v);
      this.indent = saved;
    }
  }

  scalarValue(v: unknown): void {
    if (v === null || v === undefined) return this.plain('null', true);
    if (typeof v === 'boolean') return this.plain(v ? 'true' : 'false', true);
    if (typeof v === 'number') return this.plain(formatNumber(v), true);
    if (Array.isArray(v)) return this.flowIndicator('[]');
    if (typeof v === 'object') return this.flowIndicator('{}');
    const s = String(v);
    if (s.includes('\n')) return this.scalar(s, 'literal', false);
    const canUsePlain = !resolvesToNonString(s) && !BASE60_FLOAT.test(s);
    this.scalar(s, canUsePlain ? 'plain' : 'double', false);
  }

  flowIndicator(s: string): void {
    this.indicator(s, true, false, false);
  }

  mapping(m: Record<string, unknown>, indent: number): void {
    const keys = yamlSortKeys(Object.keys(m).filter((k) => m[k] !== undefined));
    for (const k of keys) {
      this.indent = indent;
      this.writeIndent();
      const canUsePlain = !resolvesToNonString(k) && !BASE60_FLOAT.test(k);
      this.scalar(k, canUsePlain ? 'plain' : 'double', true);
      this.indicator(':', false, false, false);
      this.node(m[k], 'mapping', indent);
    }
  }

  sequence(items: unknown[], indent: number): void {
    for (const item of items) {
      this.indent = indent;
      this.writeIndent();
      this.indicator('-', true, false, true);
      this.node(item, 'sequence', indent);
    }
  }
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Go strconv.FormatFloat(f, 'g', -1, 64) for non-integers; integers in decimal. */
function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '+.inf' : '-.inf';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [mant, e] = n.toExponential().split('e');
    const en = Number(e);
    return `${mant}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  return String(n);
}

/** One document in kubectl's YAML form, ending with a newline. */
export function toYaml(value: unknown): string {
  const e = new Emitter();
  e.node(value, 'root', 0);
  return e.out + '\n';
}

// ---------------------------------------------------------------------------------------------------
// Reading manifests

export class YamlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlSyntaxError';
  }
}

/**
 * Parses a multi-document YAML (or JSON) text into plain values; empty documents are dropped.
 * Booleans follow YAML 1.1 (`yes`, `on`…) as sigs.k8s.io/yaml does; timestamps stay strings.
 */
export function parseYamlDocuments(text: string): unknown[] {
  const docs = parseAllDocuments(text, {
    version: '1.1',
    customTags: (tags) =>
      tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
    uniqueKeys: false,
  });
  const out: unknown[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if (d.errors.length) throw new YamlSyntaxError(d.errors[0].message);
    const v = d.toJS({ maxAliasCount: 1000 });
    if (v === null || v === undefined) continue;
    out.push(v);
  }
  return out;
}
