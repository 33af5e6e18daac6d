/**
 * Reading `-f` arguments: files relative to the `cwd` option, directories (their .json, .yaml and .yml
 * files in name order; `-R` descends), `-` for the `stdin` option. Multi-document YAML; `kind: List`
 * documents expand into their items. Messages as kubectl's resource builder words them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allKinds, apiVersionOf, type KindInfo, type KObject } from '../../engine';
import type { Ctx } from '../context';
import { fail } from '../errors';
import { parseYamlDocuments } from '../yaml';

export interface Manifest {
  info: KindInfo;
  object: KObject;
  /** The path as given (or `STDIN`), for messages. */
  source: string;
}

function defaultStat(p: string): { isDirectory: boolean } | undefined {
  try {
    return { isDirectory: fs.statSync(p).isDirectory() };
  } catch {
    return undefined;
  }
}

const EXTENSIONS = ['.json', '.yaml', '.yml'];

function expandPaths(ctx: Ctx, arg: string, recursive: boolean): { file: string; shown: string }[] {
  const stat = ctx.opts.stat ?? defaultStat;
  const readDir = ctx.opts.readDir ?? ((p: string) => fs.readdirSync(p));
  const abs = path.resolve(ctx.opts.cwd ?? process.cwd(), arg);
  const st = stat(abs);
  if (!st) fail(`the path ${JSON.stringify(arg)} does not exist`);
  if (!st.isDirectory) return [{ file: abs, shown: arg }];
  const out: { file: string; shown: string }[] = [];
  const walk = (dir: string, shown: string, top: boolean) => {
    for (const e of [...readDir(dir)].sort()) {
      const full = path.join(dir, e);
      const s = stat(full);
      if (!s) continue;
      if (s.isDirectory) {
        if (recursive) walk(full, path.join(shown, e), false);
      } else if (EXTENSIONS.includes(path.extname(e))) {
        out.push({ file: full, shown: path.join(shown, e) });
      }
    }
    void top;
  };
  walk(abs, arg, true);
  return out;
}

/** Parses manifest text into typed objects (exported for the scenario steps). */
export function parseManifests(text: string, source: string): Manifest[] {
  let docs: unknown[];
  try {
    docs = parseYamlDocuments(text);
  } catch (e) {
    fail(`error parsing ${source}: ${(e as Error).message}`);
  }
  const out: Manifest[] = [];
  const add = (doc: unknown) => {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      fail(
        `error validating ${JSON.stringify(source)}: error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
    }
    const obj = doc as KObject;
    if (obj.kind === 'List' && Array.isArray(obj.items)) {
      for (const item of obj.items) add(item);
      return;
    }
    const missing: string[] = [];
    if (!obj.apiVersion) missing.push('apiVersion not set');
    if (!obj.kind) missing.push('kind not set');
    if (missing.length) {
      const what = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
      fail(
        `error validating ${JSON.stringify(source)}: error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
    }
    const info = allKinds.find((i) => i.kind === obj.kind && apiVersionOf(i) === obj.apiVersion);
    if (!info) {
      fail(
        `resource mapping not found for name: ${JSON.stringify(obj.metadata?.name ?? '')} namespace: ${JSON.stringify(obj.metadata?.namespace ?? '')} from ${JSON.stringify(source)}: no matches for kind ${JSON.stringify(obj.kind)} in version ${JSON.stringify(obj.apiVersion)}\nensure CRDs are installed first`,
      );
    }
    out.push({ info, object: obj, source });
  };
  for (const d of docs) add(d);
  return out;
}

export function readManifestArgs(ctx: Ctx, args: string[], recursive: boolean, verb = 'get'): Manifest[] {
  const out: Manifest[] = [];
  for (const a of args) {
    if (a === '-') {
      out.push(...parseManifests(ctx.opts.stdin ?? '', 'STDIN'));
      continue;
    }
    if (/^https?:\/\//.test(a))
      fail(`unable to read URL ${JSON.stringify(a)}: URLs are not supported by kube-scenario`);
    const read = ctx.opts.readFile ?? ((p: string) => fs.readFileSync(p, 'utf8'));
    for (const { file, shown } of expandPaths(ctx, a, recursive))
      out.push(...parseManifests(read(file), shown));
  }
  if (out.length === 0) fail(`no objects passed to ${verb}`);
  return out;
}
