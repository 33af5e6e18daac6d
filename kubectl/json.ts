/**
 * JSON as Go's encoding/json writes kubectl's unstructured objects: map keys sorted, `<`, `>`, `&`,
 * U+2028 and U+2029 escaped as \u003c…, `-o json` indented by four spaces.
 */
function escapeString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function number(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go: exponent form with at least two exponent digits, e.g. 1e-07
    const [mant, e] = n.toExponential().split('e');
    const en = Number(e);
    return `${mant}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  return String(n);
}

/** Compact JSON (json.Marshal). */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return escapeString(v);
  if (typeof v === 'number') return number(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${escapeString(k)}:${goJson(o[k])}`).join(',')}}`;
}

/** json.MarshalIndent(v, prefix, indent). */
export function goJsonIndent(v: unknown, indent = '    ', level = 0): string {
  if (v === null || v === undefined || typeof v !== 'object') return goJson(v);
  const pad = indent.repeat(level + 1);
  const end = indent.repeat(level);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => pad + goJsonIndent(x, indent, level + 1)).join(',\n')}\n${end}]`;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${pad}${escapeString(k)}: ${goJsonIndent(o[k], indent, level + 1)}`).join(',\n')}\n${end}}`;
}
