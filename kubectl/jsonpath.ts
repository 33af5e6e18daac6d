/**
 * kubectl's JSONPath template dialect (k8s.io/client-go/util/jsonpath): text with `{…}` actions;
 * fields `.a.b` (a backslash escapes a dot: `.metadata.annotations.deployment\.kubernetes\.io/revision`),
 * `..` recursive descent, `*`, `[n]`, `[a:b:c]` slices, `['key']`, unions `[a,b]`, filters
 * `[?(@.status.phase=="Running")]` (`==`, `!=`, `<`, `>`, `<=`, `>=`, or existence), string literals
 * `{"\n"}`, and `{range …}…{end}`. Several results of one action are joined with a space; maps and
 * lists print as compact JSON. Missing keys print nothing (kubectl's --allow-missing-template-keys).
 */
import { goJson } from './json';

type Node =
  | { t: 'list'; nodes: Node[] }
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'ident'; name: string }
  | { t: 'array'; params: Param[] }
  | { t: 'filter'; left: Node & { t: 'list' }; right: Node & { t: 'list' }; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; lists: (Node & { t: 'list' })[] };

interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}

export class JsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonPathError';
  }
}

const EOF = '';

function isSpaceRune(r: string): boolean {
  return r === ' ' || r === '\t';
}
function isEndOfLine(r: string): boolean {
  return r === '\r' || r === '\n';
}
function isTerminator(r: string): boolean {
  if (isSpaceRune(r) || isEndOfLine(r)) return true;
  return r === EOF || '.,[]$@{}'.includes(r);
}
function isAlphaNumeric(r: string): boolean {
  return r === '_' || /[\p{L}\p{Nd}]/u.test(r);
}
function isDigit(r: string): boolean {
  return /\p{Nd}/u.test(r);
}

/** strconv.Unquote extended to single-quoted strings of any length (jsonpath.UnquoteExtend). */
function unquoteExtend(s: string): string {
  if (s.length < 2) throw new Error('invalid syntax');
  const q = s[0];
  if (q !== s[s.length - 1]) throw new Error('invalid syntax');
  const body = s.slice(1, -1);
  if (q === "'") return body;
  if (q !== '"') throw new Error('invalid syntax');
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') throw new Error('invalid syntax');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
      '"': '"',
      "'": "'",
    };
    if (n in simple) out += simple[n];
    else if (n === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (n === 'u') {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (n === 'U') {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16));
      i += 8;
    } else if (n >= '0' && n <= '7') {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else throw new Error('invalid syntax');
  }
  return out;
}

class Parser {
  input: string;
  pos = 0;
  start = 0;
  root: Node & { t: 'list' } = { t: 'list', nodes: [] };
  private lastWidth = 0;

  constructor(input: string) {
    this.input = input;
  }

  static parse(text: string): Parser {
    const p = new Parser(text);
    p.parseText(p.root);
    return p;
  }

  /** Parses `{text}` and returns its first list (parser.go parseAction). */
  static action(text: string): Node & { t: 'list' } {
    const p = Parser.parse(`{${text}}`);
    return p.root.nodes[0] as Node & { t: 'list' };
  }

  next(): string {
    if (this.pos >= this.input.length) {
      this.lastWidth = 0;
      return EOF;
    }
    const cp = this.input.codePointAt(this.pos)!;
    const r = String.fromCodePoint(cp);
    this.lastWidth = r.length;
    this.pos += r.length;
    return r;
  }
  peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }
  backup(): void {
    this.pos -= this.lastWidth;
  }
  consumeText(): string {
    const s = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return s;
  }

  parseText(cur: Node & { t: 'list' }): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
        return this.parseLeftDelim(cur);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
  }

  parseLeftDelim(cur: Node & { t: 'list' }): void {
    this.pos += 1;
    this.consumeText();
    const list: Node & { t: 'list' } = { t: 'list', nodes: [] };
    cur.nodes.push(list);
    this.parseInsideAction(list);
  }

  parseInsideAction(cur: Node & { t: 'list' }): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consumeText();
        return this.parseText(this.root);
      }
      if (rest.startsWith('[?(')) return this.parseFilter(cur);
      if (rest.startsWith('..')) return this.parseRecursive(cur);
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JsonPathError('unclosed action');
      if (r === ' ' || r === '@' || r === '$') {
        this.consumeText();
        continue;
      }
      if (r === '[') return this.parseArray(cur);
      if (r === '"' || r === "'") return this.parseQuote(cur, r);
      if (r === '.') return this.parseField(cur);
      if (r === '+' || r === '-' || isDigit(r)) {
        this.backup();
        return this.parseNumber(cur);
      }
      if (isAlphaNumeric(r)) {
        this.backup();
        return this.parseIdentifier(cur);
      }
      const cp = r.codePointAt(0)!;
      throw new JsonPathError(
        `unrecognized character in action: U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${r}'`,
      );
    }
  }

  parseIdentifier(cur: Node & { t: 'list' }): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) {
      cur.nodes.push({ t: 'bool', value: ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value) });
    } else {
      cur.nodes.push({ t: 'ident', name: value });
    }
    this.parseInsideAction(cur);
  }

  parseRecursive(cur: Node & { t: 'list' }): void {
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ t: 'recursive' });
    const r = this.peek();
    if (r !== EOF && isAlphaNumeric(r)) return this.parseField(cur);
    this.parseInsideAction(cur);
  }

  parseNumber(cur: Node & { t: 'list' }): void {
    const r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      const c = this.next();
      if (c !== '.' && !(c !== EOF && isDigit(c))) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ t: 'int', value: parseInt(value, 10) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ t: 'float', value: parseFloat(value) });
    else throw new JsonPathError(`cannot parse number ${value}`);
    this.parseInsideAction(cur);
  }

  parseArray(cur: Node & { t: 'list' }): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      const lists = strs.map((s) => Parser.action(`[${s.trim()}]`));
      cur.nodes.push({ t: 'union', lists });
      return this.parseInsideAction(cur);
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      for (const n of Parser.action(`.${dict[1]}`).nodes) cur.nodes.push(n);
      return this.parseInsideAction(cur);
    }
    const m = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const value = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      if (value[i] !== '') {
        if (i > 0) value[i] = value[i].slice(1);
        if (i > 0 && value[i] === '') params.push({ value: 0, known: false, derived: false });
        else {
          if (!/^[+-]?\d+$/.test(value[i]))
            throw new JsonPathError(`array index ${value[i]} is not a number`);
          params.push({ value: parseInt(value[i], 10), known: true, derived: false });
        }
      } else if (i === 1) {
        params.push({ value: params[0].value + 1, known: true, derived: true });
      } else {
        params.push({ value: 0, known: false, derived: false });
      }
    }
    cur.nodes.push({ t: 'array', params });
    this.parseInsideAction(cur);
  }

  parseFilter(cur: Node & { t: 'list' }): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')') {
        if (begin === end) break;
      }
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
    if (!m) {
      cur.nodes.push({
        t: 'filter',
        left: Parser.action(text),
        right: { t: 'list', nodes: [] },
        op: 'exists',
      });
    } else {
      cur.nodes.push({ t: 'filter', left: Parser.action(m[1]), right: Parser.action(m[3]), op: m[2] });
    }
    this.parseInsideAction(cur);
  }

  parseQuote(cur: Node & { t: 'list' }, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new JsonPathError(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ t: 'text', text: s });
    this.parseInsideAction(cur);
  }

  parseField(cur: Node & { t: 'list' }): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === '\\') {
        this.next();
        continue;
      }
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', name: value.replace(/\\/g, '') });
    this.parseInsideAction(cur);
  }
}

// ---------------------------------------------------------------------------------------------------
// Evaluation

/** A reference to a value (so that "missing" and "null" differ). */
type Val = { v: unknown };

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function goTypeName(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return 'interface {}';
}

/** Go's %v of a value, as the filter error messages render it (approximate for maps and lists). */
export function goPrint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  const keys = Object.keys(v as object).sort();
  return `map[${keys.map((k) => `${k}:${goPrint((v as Record<string, unknown>)[k])}`).join(' ')}]`;
}

/** Go's %#v of a value decoded from JSON (as kubectl's jsonpath error shows the object). */
export function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `map[string]interface {}{${keys.map((k) => `${JSON.stringify(k)}:${goSyntax(o[k])}`).join(', ')}}`;
}

/** fmt.Print of an int64 or float64 as decoded from JSON. */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return String(n);
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [mant, e] = n.toExponential().split('e');
    const en = Number(e);
    return `${mant}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  return String(n);
}

type Kind = 'int' | 'float' | 'string' | 'bool' | 'other';
function basicKind(v: unknown, fromNode?: 'int' | 'float'): Kind {
  if (fromNode) return fromNode;
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'other';
}

interface Typed {
  v: unknown;
  kind: Kind;
}

function compare(op: string, a: Typed, b: Typed): boolean {
  if (op === '==' || op === '!=') {
    let eq: boolean;
    if (a.kind === 'other' || b.kind === 'other') {
      if (a.v === null || a.v === undefined || b.v === null || b.v === undefined) eq = a.v === b.v;
      else throw new JsonPathError('invalid type for comparison');
    } else if (a.kind !== b.kind) {
      throw new JsonPathError('incompatible types for comparison');
    } else eq = a.v === b.v;
    return op === '==' ? eq : !eq;
  }
  if (a.kind !== b.kind) throw new JsonPathError('incompatible types for comparison');
  if (a.kind === 'bool' || a.kind === 'other') throw new JsonPathError('invalid type for comparison');
  const x = a.v as number | string;
  const y = b.v as number | string;
  switch (op) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
  }
  throw new JsonPathError(`unrecognized filter operator ${op}`);
}

export class JsonPath {
  private readonly parser: Parser;
  private stack: Val[][] = [];
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;
  allowMissingKeys = true;

  constructor(readonly template: string) {
    this.parser = Parser.parse(template);
  }

  /** Executes the template against data and returns the text. */
  execute(data: unknown): string {
    this.stack = [];
    this.beginRange = this.inRange = this.endRange = 0;
    const full = this.findResults({ v: data }, this.parser.root.nodes);
    let out = '';
    for (const results of full) out += this.printResults(results);
    return out;
  }

  /** The values each action yields (used by custom-columns and --sort-by). */
  findValues(data: unknown): unknown[][] {
    this.stack = [];
    this.beginRange = this.inRange = this.endRange = 0;
    return this.findResults({ v: data }, this.parser.root.nodes).map((r) => r.map((x) => x.v));
  }

  private findResults(data: Val, nodes: Node[]): Val[][] {
    const full: Val[][] = [];
    const cur: Val[] = [data];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, nodes.slice(i + 1)));
        } else {
          this.findResults({ v: undefined }, nodes.slice(i + 1));
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private printResults(results: Val[]): string {
    let out = '';
    results.forEach((r, i) => {
      const v = r.v;
      let text: string;
      if (v !== null && typeof v === 'object') text = goJson(v);
      else if (v === null || v === undefined) text = 'null';
      else if (typeof v === 'number') text = goNumber(v);
      else text = String(v);
      if (i !== results.length - 1) text += ' ';
      out += text;
    });
    return out;
  }

  private walk(input: Val[], node: Node): Val[] {
    switch (node.t) {
      case 'list': {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [{ v: node.text }];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'float':
      case 'bool':
        return input.map(() => ({ v: node.value, kindHint: node.t }) as Val);
      case 'wildcard':
        return this.evalWildcard(input);
      case 'recursive':
        return this.evalRecursive(input);
      case 'union': {
        const out: Val[] = [];
        for (const l of node.lists) out.push(...this.walk(input, l));
        return out;
      }
      case 'ident':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalIdentifier(input: Val[], name: string): Val[] {
    if (name === 'range') {
      this.stack.push(input);
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.endRange < this.inRange) {
        this.endRange++;
        return [];
      }
      if (this.stack.length > 0) {
        this.stack.pop();
        return [];
      }
      throw new JsonPathError('not in range, nothing to end');
    }
    throw new JsonPathError(`unrecognized identifier ${name}`);
  }

  private evalField(input: Val[], name: string): Val[] {
    const results: Val[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      const v = value.v;
      if (v === null || v === undefined) continue;
      if (isMap(v) && Object.prototype.hasOwnProperty.call(v, name)) results.push({ v: v[name] });
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return results;
  }

  private evalArray(input: Val[], p: Param[]): Val[] {
    const result: Val[] = [];
    for (const value of input) {
      const v = value.v;
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JsonPathError(`${goTypeName(v)} is not array or slice`);
      const params = p.map((x) => ({ ...x }));
      if (!params[0].known) params[0].value = 0;
      if (params[0].value < 0) params[0].value += v.length;
      if (!params[1].known) params[1].value = v.length;
      if (params[1].value < 0 || (params[1].value === 0 && params[1].derived)) params[1].value += v.length;
      const len = v.length;
      if (params[1].value !== params[0].value) {
        if (params[0].value >= len || params[0].value < 0)
          throw new JsonPathError(`array index out of bounds: index ${params[0].value}, length ${len}`);
        if (params[1].value > len || params[1].value < 0)
          throw new JsonPathError(`array index out of bounds: index ${params[1].value - 1}, length ${len}`);
        if (params[0].value > params[1].value)
          throw new JsonPathError(
            `starting index ${params[0].value} is greater than ending index ${params[1].value}`,
          );
      } else {
        return result;
      }
      const slice = v.slice(params[0].value, params[1].value);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathError('step must be > 0');
        step = params[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push({ v: slice[i] });
    }
    return result;
  }

  private evalWildcard(input: Val[]): Val[] {
    const results: Val[] = [];
    for (const value of input) {
      const v = value.v;
      if (v === null || v === undefined) continue;
      if (Array.isArray(v)) for (const x of v) results.push({ v: x });
      else if (isMap(v)) for (const k of Object.keys(v).sort()) results.push({ v: v[k] });
    }
    return results;
  }

  private evalRecursive(input: Val[]): Val[] {
    const result: Val[] = [];
    for (const value of input) {
      const v = value.v;
      if (v === null || v === undefined) continue;
      let children: Val[] = [];
      if (isMap(v))
        children = Object.keys(v)
          .sort()
          .map((k) => ({ v: v[k] }));
      else if (Array.isArray(v)) children = v.map((x) => ({ v: x }));
      else if (typeof v === 'string') children = [...Buffer.from(v)].map((b) => ({ v: b })); // Go indexes bytes
      if (children.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(children));
      }
    }
    return result;
  }

  private evalFilter(input: Val[], node: Node & { t: 'filter' }): Val[] {
    const results: Val[] = [];
    for (const value of input) {
      const v = value.v;
      if (!Array.isArray(v))
        throw new JsonPathError(`${goPrint(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        const temp: Val[] = [{ v: item }];
        const lefts = this.walk(temp, node.left);
        if (node.op === 'exists') {
          if (lefts.length > 0) results.push({ v: item });
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.walk(temp, node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        const typed = (x: Val): Typed => {
          const hint = (x as Val & { kindHint?: string }).kindHint;
          return {
            v: x.v,
            kind: basicKind(x.v, hint === 'int' ? 'int' : hint === 'float' ? 'float' : undefined),
          };
        };
        if (compare(node.op, typed(lefts[0]), typed(rights[0]))) results.push({ v: item });
      }
    }
    return results;
  }
}

/** Parses a template; throws JsonPathError on syntax errors. */
export function parseJsonPath(template: string): JsonPath {
  return new JsonPath(template);
}

/**
 * RelaxedJSONPathExpression: `.metadata.name`, `metadata.name`, `{.metadata.name}` → `{.metadata.name}`
 * (used by --sort-by and custom-columns).
 */
export function relaxedJsonPath(expr: string): string {
  if (expr.length === 0) return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m)
    throw new JsonPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  return `{.${m[1] || m[2]}}`;
}
