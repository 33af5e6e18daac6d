/**
 * Label selectors: metav1.LabelSelector (matchLabels + matchExpressions) and kubectl's `-l` syntax
 * (`app=web,tier!=db,env in (a,b),!legacy,release`), as `labels.Parse` accepts it.
 */
import type { LabelSelector } from './types';

export type Labels = Readonly<Record<string, string>> | undefined;

export type Requirement =
  | { key: string; op: 'In' | 'NotIn'; values: string[] }
  | { key: string; op: 'Exists' | 'DoesNotExist' }
  | { key: string; op: '=' | '!='; values: [string] };

/** A compiled selector. `nothing` never matches (a nil LabelSelector); an empty one matches everything. */
export interface Selector {
  readonly requirements: readonly Requirement[];
  readonly nothing?: boolean;
  matches(labels: Labels): boolean;
  toString(): string;
}

function make(requirements: Requirement[], nothing = false): Selector {
  return {
    requirements,
    nothing,
    matches(labels: Labels) {
      if (nothing) return false;
      return requirements.every((r) => matchRequirement(r, labels ?? {}));
    },
    toString() {
      return requirements.map(renderRequirement).join(',');
    },
  };
}

function matchRequirement(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.op) {
    case '=':
    case 'In':
      return has && r.values.includes(v);
    case '!=':
    case 'NotIn':
      return !has || !r.values.includes(v);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

function renderRequirement(r: Requirement): string {
  switch (r.op) {
    case '=':
      return `${r.key}=${r.values[0]}`;
    case '!=':
      return `${r.key}!=${r.values[0]}`;
    case 'In':
      return `${r.key} in (${r.values.join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${r.values.join(',')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
  }
}

/** metav1.LabelSelectorAsSelector: nil → matches nothing; {} → matches everything. */
export function fromLabelSelector(sel: LabelSelector | undefined | null): Selector {
  if (!sel) return make([], true);
  const reqs: Requirement[] = [];
  for (const key of Object.keys(sel.matchLabels ?? {}).sort()) {
    reqs.push({ key, op: '=', values: [sel.matchLabels![key]] });
  }
  for (const e of sel.matchExpressions ?? []) {
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        reqs.push({ key: e.key, op: e.operator, values: [...(e.values ?? [])].sort() });
        break;
      case 'Exists':
      case 'DoesNotExist':
        reqs.push({ key: e.key, op: e.operator });
        break;
      default:
        throw new Error(`"${e.operator}" is not a valid label selector operator`);
    }
  }
  return make(reqs);
}

export function everything(): Selector {
  return make([]);
}

/** True when every matchLabels entry is present in labels and every expression holds. */
export function labelSelectorMatches(sel: LabelSelector | undefined | null, labels: Labels): boolean {
  return fromLabelSelector(sel).matches(labels);
}

/**
 * Parses kubectl's `-l` / `--selector` syntax. Throws an Error with kubectl's wording on bad input:
 * `unable to parse requirement: …`.
 */
export function parseSelector(text: string): Selector {
  const reqs: Requirement[] = [];
  const s = text.trim();
  if (s === '') return make([]);
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`unable to parse requirement: ${what}`);
  };
  const skipWs = () => {
    while (i < s.length && s[i] === ' ') i++;
  };
  const readKey = (): string => {
    skipWs();
    const start = i;
    while (i < s.length && /[A-Za-z0-9._\-/]/.test(s[i])) i++;
    const key = s.slice(start, i);
    if (!key) fail(`found '${s[i] ?? ''}', expected: identifier`);
    return key;
  };
  const readValue = (): string => {
    skipWs();
    const start = i;
    while (i < s.length && /[A-Za-z0-9._-]/.test(s[i])) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipWs();
    if (s[i] === '!') {
      i++;
      reqs.push({ key: readKey(), op: 'DoesNotExist' });
    } else {
      const key = readKey();
      skipWs();
      if (s.startsWith('!=', i)) {
        i += 2;
        reqs.push({ key, op: '!=', values: [readValue()] });
      } else if (s.startsWith('==', i)) {
        i += 2;
        reqs.push({ key, op: '=', values: [readValue()] });
      } else if (s[i] === '=') {
        i += 1;
        reqs.push({ key, op: '=', values: [readValue()] });
      } else if (/^(in|notin)\s*\(/.test(s.slice(i))) {
        const op = s.startsWith('notin', i) ? 'NotIn' : 'In';
        i = s.indexOf('(', i) + 1;
        const close = s.indexOf(')', i);
        if (close < 0) fail(`found '', expected: ')'`);
        const values = s
          .slice(i, close)
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '');
        i = close + 1;
        reqs.push({ key, op, values: values.sort() });
      } else if (i >= s.length || s[i] === ',') {
        reqs.push({ key, op: 'Exists' });
      } else {
        fail(`found '${s[i]}', expected: '=', '!=', '==', 'in', notin'`);
      }
    }
    skipWs();
    if (i < s.length) {
      if (s[i] !== ',') fail(`found '${s[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return make(reqs);
}

/** Renders matchLabels/matchExpressions as kubectl shows a selector (`app=web,tier in (a,b)`). */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  if (!sel) return '<none>';
  const s = fromLabelSelector(sel).toString();
  return s === '' ? '<none>' : s;
}
