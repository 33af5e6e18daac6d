/**
 * "Did you mean": the known step phrasings nearest to an undefined step's text.
 *
 * Both sides become word sequences: quoted strings become one `"…"` word, numbers one `N` word, and a
 * cucumber expression's parameters the word their values would be (`{quoted}` → `"…"`, `{int}` → `N`,
 * other parameters match any one word). Optional text `(s)` and alternatives `was/were` are expanded.
 * The distance is the word-level edit distance over the longer length; the nearest few under a
 * threshold are returned, best first.
 */

export interface StepPattern {
  /** The expression or regular expression source, as cucumber's stepDefinition message gives it. */
  source: string;
  type: 'CUCUMBER_EXPRESSION' | 'REGULAR_EXPRESSION';
}

const QUOTED = '"…"';
const NUMBER = 'N';
const ANY = '*';
const MAX_VARIANTS = 64;

/** Words of a step's text. */
export function textWords(text: string): string[] {
  return text
    .replace(/"(?:[^"\\]|\\.)*"/g, ` ${QUOTED} `)
    .replace(/'(?:[^'\\]|\\.)*'/g, ` ${QUOTED} `)
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (/^-?\d+(\.\d+)?%?$/.test(w) ? NUMBER : w.replace(/[.,;:!?]+$/, '')))
    .filter(Boolean);
}

function parameterWord(name: string): string {
  if (name === 'int' || name === 'float' || name === 'bigdecimal' || name === 'double' || name === 'long')
    return NUMBER;
  if (name === 'string' || name === 'quoted') return QUOTED;
  return ANY;
}

/** The word sequences a cucumber expression accepts (optional parts and alternatives expanded). */
export function expressionVariants(expression: string): string[][] {
  const words = expression.split(/\s+/).filter(Boolean);
  let variants: string[][] = [[]];
  for (const word of words) {
    const options = wordVariants(word);
    const next: string[][] = [];
    for (const v of variants)
      for (const o of options) {
        if (next.length >= MAX_VARIANTS) break;
        next.push(o === '' ? v : [...v, ...o.split(' ')]);
      }
    variants = next;
  }
  return variants.map((v) => v.map(normaliseWord).filter(Boolean));
}

function normaliseWord(w: string): string {
  const p = /^\{(\w*)\}$/.exec(w);
  if (p) return parameterWord(p[1]);
  return w.replace(/\\(.)/g, '$1').toLowerCase();
}

/** `pod(s)` → pod, pods; `was/were` → was, were; `{int}` stays. */
function wordVariants(word: string): string[] {
  // Parameters inside a word (`{int}s`) are rare; treat the whole word as the parameter.
  const param = /\{(\w*)\}/.exec(word);
  if (param) return [`{${param[1]}}`];
  const alternatives = word.split(/(?<!\\)\//);
  const out: string[] = [];
  for (const alt of alternatives) {
    let forms = [''];
    const re = /\(([^)]*)\)|([^(]+)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(alt))) {
      if (m[1] !== undefined) forms = forms.flatMap((f) => [f, f + m![1]]);
      else forms = forms.map((f) => f + m![2]);
    }
    out.push(...forms);
  }
  return [...new Set(out)];
}

/** A regular expression's literal words, capture groups as wildcards. */
export function regexWords(source: string): string[] {
  const s = source
    .replace(/^\^|\$$/g, '')
    .replace(/"\((?!\?:)(?:[^()\\]|\\.)*\)"/g, ` ${QUOTED} `)
    .replace(/\((?!\?:)(?:[^()\\]|\\.)*\)/g, ` ${ANY} `)
    .replace(/\\(.)/g, '$1')
    .replace(/[?*+]/g, '');
  return s
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (w === QUOTED || w === ANY ? w : w.toLowerCase()));
}

/** Word edit distance; `*` matches any one word. */
function distance(a: string[], b: string[]): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const same = a[i - 1] === b[j - 1] || a[i - 1] === ANY || b[j - 1] === ANY;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

/** How far a step's text is from a pattern, 0 (same) to 1. */
export function patternDistance(text: string, p: StepPattern): number {
  const words = textWords(text);
  const variants = p.type === 'REGULAR_EXPRESSION' ? [regexWords(p.source)] : expressionVariants(p.source);
  let best = 1;
  for (const v of variants) {
    const d = distance(words, v) / Math.max(words.length, v.length, 1);
    if (d < best) best = d;
  }
  return best;
}

/** The known phrasings nearest to `text`, best first (at most `limit`, within `threshold`). */
export function suggestSteps(
  text: string,
  patterns: readonly StepPattern[],
  limit = 3,
  threshold = 0.5,
): string[] {
  const scored = patterns
    .map((p) => ({ source: p.source, d: patternDistance(text, p) }))
    .filter((x) => x.d <= threshold)
    .sort((a, b) => a.d - b.d || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const out: string[] = [];
  for (const x of scored) if (!out.includes(x.source) && out.length < limit) out.push(x.source);
  return out;
}
