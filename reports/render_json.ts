/**
 * The JSON report: the report model itself (schema `kube-scenario/report@1`, described in
 * docs/report-schema.md and reports/report.schema.json). Indented two spaces, except that an object
 * whose values are all plain (a chart point, a span) and a short list of plain values sit on one
 * line: readable, and a third of the size of fully indented JSON. Ends with a newline.
 */
import type { Report } from './model';

function plain(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

function format(v: unknown, indent: string): string {
  if (plain(v)) return JSON.stringify(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    const oneLine = `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    if (v.every(plain) && oneLine.length <= 100) return oneLine;
    return `[\n${v.map((x) => inner + format(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (!entries.length) return '{}';
  if (entries.every(([, x]) => plain(x)))
    return `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${JSON.stringify(x)}`).join(', ')} }`;
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${format(x, inner)}`).join(',\n')}\n${indent}}`;
}

export function renderJson(r: Report): string {
  return `${format(r, '')}\n`;
}
