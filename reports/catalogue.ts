/**
 * The behaviour catalogue (behaviours.yaml) and the upstream conformance entries (conformance.yaml):
 * loading, checking, and the tag syntax that links scenarios to behaviours.
 *
 * Tag syntax: `@b:<behaviour id>`, e.g. `@b:deployment.rolling.surge-bound`, on a Scenario, a
 * Scenario Outline's Examples, or a Feature (then every scenario of it carries the tag).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

export const BEHAVIOUR_TAG_PREFIX = '@b:';

export interface Area {
  id: string;
  title: string;
}

export interface BehaviourSources {
  /** Sections of ../shared/spec/ as `file §section`. */
  spec: string[];
  /** Ids of conformance entries. */
  conformance: string[];
  /** Upstream tests or files, free text. */
  upstream: string[];
}

export interface Behaviour {
  id: string;
  area: string;
  title: string;
  description: string;
  sources: BehaviourSources;
}

/** An upstream conformance entry, with our id. */
export interface ConformanceEntry {
  id: string;
  testname: string;
  codename: string;
  description: string;
  release: string;
  file: string;
}

export interface Catalogue {
  areas: Area[];
  behaviours: Behaviour[];
  conformance: ConformanceEntry[];
}

export const CATALOGUE_FILE = path.join(__dirname, 'behaviours.yaml');
export const CONFORMANCE_FILE = path.join(__dirname, 'conformance.yaml');

const ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
const RFC2119 = /\b(MUST|MUST NOT|REQUIRED|SHALL|SHALL NOT|SHOULD|SHOULD NOT|RECOMMENDED|MAY|OPTIONAL)\b/;

function strings(x: unknown, what: string): string[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x) || x.some((s) => typeof s !== 'string'))
    throw new Error(`${what} must be a list of strings`);
  return x as string[];
}

function text(x: unknown, what: string): string {
  if (typeof x !== 'string' || x.trim() === '') throw new Error(`${what} must be a non-empty string`);
  return x.trim();
}

/** Parses both files' texts and checks them: unique ids, known areas, resolvable conformance ids. */
export function parseCatalogue(behavioursYaml: string, conformanceYaml: string): Catalogue {
  const doc = parse(behavioursYaml) as { areas?: unknown; behaviours?: unknown };
  const conf = parse(conformanceYaml) as unknown;
  if (!Array.isArray(conf)) throw new Error('conformance.yaml must be a list of entries');
  const conformance: ConformanceEntry[] = conf.map((e: Record<string, unknown>, i) => {
    const where = `conformance entry ${i + 1}`;
    return {
      id: text(e.id, `${where}: id`),
      testname: text(e.testname, `${where}: testname`),
      codename: text(e.codename, `${where}: codename`),
      description: text(e.description, `${where}: description`),
      release: text(String(e.release ?? ''), `${where}: release`),
      file: text(e.file, `${where}: file`),
    };
  });
  const confIds = new Set<string>();
  for (const c of conformance) {
    if (confIds.has(c.id)) throw new Error(`conformance id "${c.id}" is used twice`);
    confIds.add(c.id);
  }
  if (!Array.isArray(doc?.areas)) throw new Error('behaviours.yaml: `areas` must be a list');
  const areas: Area[] = doc.areas.map((a: Record<string, unknown>, i) => ({
    id: text(a.id, `area ${i + 1}: id`),
    title: text(a.title, `area ${i + 1}: title`),
  }));
  const areaIds = new Set(areas.map((a) => a.id));
  if (!Array.isArray(doc.behaviours)) throw new Error('behaviours.yaml: `behaviours` must be a list');
  const seen = new Set<string>();
  const behaviours: Behaviour[] = doc.behaviours.map((b: Record<string, unknown>, i) => {
    const id = text(b.id, `behaviour ${i + 1}: id`);
    const where = `behaviour "${id}"`;
    if (!ID.test(id))
      throw new Error(`${where}: ids are dotted lower-case words (like deployment.rolling.surge-bound)`);
    if (seen.has(id)) throw new Error(`${where} is defined twice`);
    seen.add(id);
    const area = text(b.area, `${where}: area`);
    if (!areaIds.has(area))
      throw new Error(`${where}: unknown area "${area}" (areas: ${[...areaIds].join(', ')})`);
    const description = text(b.description, `${where}: description`);
    if (!RFC2119.test(description))
      throw new Error(`${where}: the description must use RFC 2119 words (MUST, SHOULD, MAY…)`);
    const src = (b.sources ?? {}) as Record<string, unknown>;
    const sources: BehaviourSources = {
      spec: strings(src.spec, `${where}: sources.spec`),
      conformance: strings(src.conformance, `${where}: sources.conformance`),
      upstream: strings(src.upstream, `${where}: sources.upstream`),
    };
    for (const c of sources.conformance)
      if (!confIds.has(c)) throw new Error(`${where}: unknown conformance id "${c}"`);
    if (!sources.spec.length && !sources.upstream.length && !sources.conformance.length)
      throw new Error(`${where}: name at least one source`);
    return { id, area, title: text(b.title, `${where}: title`), description, sources };
  });
  return { areas, behaviours, conformance };
}

/** Reads the catalogue shipped in reports/ (or the given files). */
export function loadCatalogue(
  behavioursFile = CATALOGUE_FILE,
  conformanceFile = CONFORMANCE_FILE,
): Catalogue {
  return parseCatalogue(fs.readFileSync(behavioursFile, 'utf8'), fs.readFileSync(conformanceFile, 'utf8'));
}

/** The behaviour ids a list of tags names (`@b:x` → `x`), in order, without repeats. */
export function behaviourIds(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags)
    if (t.startsWith(BEHAVIOUR_TAG_PREFIX)) {
      const id = t.slice(BEHAVIOUR_TAG_PREFIX.length);
      if (id && !out.includes(id)) out.push(id);
    }
  return out;
}

/**
 * Checks a `file §section` reference against a spec folder: the file exists and has a heading whose
 * number or title is the section. Returns a problem, or undefined.
 */
export function checkSpecReference(ref: string, specDir: string): string | undefined {
  const m = /^([\w.-]+\.md) §(.+)$/.exec(ref);
  if (!m) return `"${ref}" is not of the form "file.md §section"`;
  const file = path.join(specDir, m[1]);
  if (!fs.existsSync(file)) return `"${ref}": no file ${m[1]}`;
  const section = m[2].trim();
  const headings = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => /^#{1,6} /.test(l))
    .map((l) => l.replace(/^#+ /, '').trim());
  const found = headings.some(
    (h) => h === section || h.startsWith(`${section}. `) || h.startsWith(`${section} `),
  );
  return found ? undefined : `"${ref}": ${m[1]} has no heading "${section}"`;
}
