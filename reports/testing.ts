/**
 * Helpers for the reports' tests: the fixture run, golden files, and a small JSON Schema checker
 * (the subset reports/report.schema.json uses: type, const, enum, properties, required,
 * additionalProperties: false, items, $ref into $defs).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalogue } from './catalogue';
import { loadCatalogue } from './catalogue';
import type { Envelope } from './messages';
import { parseNdjson } from './messages';

export const ROOT = path.resolve(__dirname, '..');
/** Messages of a run of test/fixtures/report/{rollout,statefulset}.feature with seed 7 (see its README.md). */
export const FIXTURE_MESSAGES = path.join(ROOT, 'test/fixtures/report/messages.ndjson');
export const GOLDEN_DIR = path.join(ROOT, 'test/golden/report');

/** The small catalogue of test/fixtures/report, so that goldens do not follow reports/behaviours.yaml. */
export function fixtureCatalogue(): Catalogue {
  const dir = path.dirname(FIXTURE_MESSAGES);
  return loadCatalogue(path.join(dir, 'behaviours.yaml'), path.join(dir, 'conformance.yaml'));
}

export function fixtureEnvelopes(): Envelope[] {
  return parseNdjson(fs.readFileSync(FIXTURE_MESSAGES, 'utf8'));
}

/**
 * Compares `actual` with the golden file; with UPDATE_GOLDEN=1 writes it instead. Returns a problem
 * description, or undefined when equal.
 */
export function checkGolden(name: string, actual: string): string | undefined {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, actual);
    return undefined;
  }
  if (!fs.existsSync(file)) return `no golden file ${path.relative(ROOT, file)} (run with UPDATE_GOLDEN=1)`;
  const expected = fs.readFileSync(file, 'utf8');
  if (expected === actual) return undefined;
  const a = actual.split('\n');
  const e = expected.split('\n');
  let i = 0;
  while (i < a.length && i < e.length && a[i] === e[i]) i++;
  return `${path.relative(ROOT, file)} differs at line ${i + 1}:\n  expected: ${(e[i] ?? '<end>').slice(0, 300)}\n  actual:   ${(a[i] ?? '<end>').slice(0, 300)}\n(UPDATE_GOLDEN=1 rewrites the golden files)`;
}

type Schema = {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
  $defs?: Record<string, Schema>;
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Checks `value` against `schema`; returns the problems found, each with its JSON path. */
export function checkSchema(value: unknown, schema: Schema, root: Schema = schema, at = '$'): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/$defs/', '');
    const def = root.$defs?.[name];
    if (!def) return [`${at}: unknown $ref ${schema.$ref}`];
    return checkSchema(value, def, root, at);
  }
  const problems: string[] = [];
  if (schema.const !== undefined && value !== schema.const)
    problems.push(`${at}: must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.type) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number')))
      return [...problems, `${at}: is ${t}, must be ${types.join(' or ')}`];
  }
  if (typeOf(value) === 'object' && (schema.properties || schema.required)) {
    const o = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in o)) problems.push(`${at}: missing ${r}`);
    for (const [k, v] of Object.entries(o)) {
      const p = schema.properties?.[k];
      if (p) problems.push(...checkSchema(v, p, root, `${at}.${k}`));
      else if (schema.additionalProperties === false) problems.push(`${at}: unexpected property ${k}`);
    }
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((v, i) => problems.push(...checkSchema(v, schema.items!, root, `${at}[${i}]`)));
  return problems;
}

export function reportSchema(): Schema {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'report.schema.json'), 'utf8')) as Schema;
}
